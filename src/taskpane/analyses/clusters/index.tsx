import type { ClustersDetails } from "../../../engine";
import type { PaneAnalysis } from "../types";
import { ClustersEditor } from "./ClustersEditor";
import { ClustersPreview } from "./ClustersPreview";

/** Clusters in the pane: the indicators, k and the seed; the silhouette curve and the profiles as its preview. */
export const clustersPane: PaneAnalysis<ClustersDetails> = { Editor: ClustersEditor, Preview: ClustersPreview };
