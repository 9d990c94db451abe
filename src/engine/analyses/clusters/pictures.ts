/** The clusters analysis's pictures: each cluster's profile in standardised units, and the silhouette curve over k. */
import type { BarsPicture, CurveMark, CurvePicture, Picture } from "../pictures";
import type { ClustersDetails } from "./details";
import { standardiseIndicators } from "./kmeans";
import { clusterLabel } from "./summary";

/**
 * Each cluster's mean standardised value per indicator (z-scores or min-max values, as the
 * fit measured distances), from the indicator columns the fit used and each row's cluster:
 * rows[c][j] = mean over the members of cluster c that have indicator j; NaN where none has.
 * Cost: O(n · d).
 *
 * @example standardisedMeans([Float64Array.of(1, 3)], Int32Array.of(0, 1), 2, "zscore") // → [[-1], [1]]
 */
export function standardisedMeans(columns: readonly Float64Array[], assignment: Int32Array, k: number, method: ClustersDetails["method"]): number[][] {
  const z = standardiseIndicators(columns, method).values;
  const sums = Array.from({ length: k }, () => new Float64Array(z.length));
  const counts = Array.from({ length: k }, () => new Float64Array(z.length));
  z.forEach((column, j) => {
    for (let i = 0; i < column.length; i++) {
      const c = assignment[i] as number;
      const v = column[i] as number;
      if (c < 0 || c >= k || Number.isNaN(v)) continue;
      const sum = sums[c] as Float64Array;
      const count = counts[c] as Float64Array;
      sum[j] = (sum[j] as number) + v;
      count[j] = (count[j] as number) + 1;
    }
  });
  return sums.map((row, c) => Array.from(row, (sum, j) => ((counts[c] as Float64Array)[j] as number) > 0 ? sum / ((counts[c] as Float64Array)[j] as number) : Number.NaN));
}

/**
 * The cluster profiles: one group of columns per indicator, one series per cluster (its
 * mean standardised value, 0 where no member has the indicator), each series coloured by its
 * cluster's run group. Cost: O(k · d) given the means.
 *
 * @example profilesPicture(details, standardisedMeans(columns, fit.assignment, details.k, details.method)).series[0].name // → "Cluster 1"
 */
export function profilesPicture(d: ClustersDetails, means: readonly (readonly number[])[]): BarsPicture {
  const unit = d.method === "zscore" ? "z-score" : "min-max value (0–1)";
  return {
    kind: "bars",
    id: "profiles",
    title: `Cluster profiles: mean ${unit} of each indicator`,
    caption:
      d.method === "zscore"
        ? "Above 0: the cluster's customers are above the average customer on that indicator; below 0, under it."
        : "Near 1: the cluster's customers are near the highest customer on that indicator; near 0, near the lowest.",
    orientation: "columns",
    stacked: false,
    categories: [...d.indicators],
    categoryTitle: "Indicator",
    valueTitle: d.method === "zscore" ? "Mean z-score" : "Mean min-max value",
    valueFormat: "number",
    series: d.profiles.map((p) => ({ name: clusterLabel(p.cluster), values: d.indicators.map((_, j) => {
      const v = means[p.cluster]?.[j] ?? Number.NaN;
      return Number.isFinite(v) ? v : 0;
    }) })),
    colourBy: "seriesGroups",
    seriesGroups: d.profiles.map((p) => p.cluster),
  };
}

/**
 * The mean silhouette over the numbers of clusters tried (higher: clusters better apart),
 * with marks at the chosen k and the suggested one (one mark when they are the same). Points
 * whose silhouette is not finite are left out. Null without a curve. Cost: O(points).
 *
 * @example silhouettePicture(details)?.marks // → [{ x: 2, label: "2 clusters: chosen and suggested" }]
 */
export function silhouettePicture(d: ClustersDetails): CurvePicture | null {
  const points = d.curve.filter((p) => Number.isFinite(p.silhouette) && Number.isFinite(p.k));
  if (points.length === 0) return null;
  const marks: CurveMark[] = [];
  if (d.suggested !== null && d.suggested === d.k) marks.push({ x: d.k, label: `${d.k} clusters: chosen and suggested` });
  else {
    marks.push({ x: d.k, label: `${d.k} clusters: chosen` });
    if (d.suggested !== null) marks.push({ x: d.suggested, label: `${d.suggested} clusters: suggested` });
  }
  const at = points.find((p) => p.k === d.k);
  return {
    kind: "curve",
    id: "silhouette",
    title: "Mean silhouette by number of clusters (higher: clusters better apart)",
    caption: `${at ? `At ${d.k} clusters the mean silhouette is ${at.silhouette.toFixed(3)}` : `${d.k} clusters were asked for`}${d.suggested !== null ? `; it is highest at ${d.suggested}.` : "."}`,
    xTitle: "Clusters",
    yTitle: "Mean silhouette",
    xFormat: "integer",
    yFormat: "number",
    series: [{ name: "Mean silhouette", x: points.map((p) => p.k), y: points.map((p) => p.silhouette) }],
    marks,
  };
}

/** Both clusters pictures, in display order: the profiles, then the silhouette curve when there is one. Cost: O(n · d). */
export function clustersPictures(d: ClustersDetails, columns: readonly Float64Array[], assignment: Int32Array): Picture[] {
  const curve = silhouettePicture(d);
  const profiles = profilesPicture(d, standardisedMeans(columns, assignment, d.profiles.length, d.method));
  return curve ? [profiles, curve] : [profiles];
}
