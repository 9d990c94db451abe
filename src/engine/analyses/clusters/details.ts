/** What the clusters analysis finds beyond the shared figures: the curve k was chosen on, and each cluster's profile. */
import { CvError } from "../../core/errors";
import type { AnalysisRun } from "../types";
import type { ClusterProfile, KCurvePoint, StandardiseMethod } from "./kmeans";

/** A k-means segmentation, described for the preview and the summary sheet. */
export interface ClustersDetails {
  /** The clusters fitted, and the k the silhouette suggests (null when the curve could not be drawn: fewer than 3 distinct customers). */
  k: number;
  suggested: number | null;
  /** Within-cluster sum of squares and mean silhouette for k = 2 … 10 (capped at the distinct customers − 1). */
  curve: KCurvePoint[];
  /** The indicator columns, in order, as the profiles' means are. */
  indicators: string[];
  method: StandardiseMethod;
  seed: number;
  /** The fit: total within-cluster sum of squares, and whether Lloyd's iterations settled. */
  withinSS: number;
  converged: boolean;
  /** One per cluster, cluster 1 (the largest) first. */
  profiles: ClusterProfile[];
}

/**
 * The clusters details of a run.
 *
 * @throws CvError BAD_OPTION when the run is of another analysis.
 * @example clustersDetails(runModel(model, table)).profiles[0].size
 */
export function clustersDetails(run: AnalysisRun): ClustersDetails {
  if (run.analysis !== "clusters") throw new CvError("BAD_OPTION", `A ${run.analysis} run has no clusters details.`, { argument: "run" });
  return run.details as ClustersDetails;
}
