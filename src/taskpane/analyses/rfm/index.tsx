import { GroupChart } from "../../preview/GroupChart";
import type { PaneAnalysis } from "../types";
import { RfmEditor } from "./RfmEditor";

/** RFM segments in the pane: where R, F and M come from, the bins and rules; the segments as its preview. */
export const rfmPane: PaneAnalysis<null> = { Editor: RfmEditor, Preview: GroupChart };
