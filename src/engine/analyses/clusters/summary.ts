/** What the clusters analysis shows on its summary sheet: the silhouette curve, the cluster profiles and the curve's figures. */
import { MONEY_FORMAT } from "../moneyFormat";
import type { ChartData, ResultTable } from "../types";
import type { ClustersDetails } from "./details";

/** Cluster k's label, as the results and the groups show it: "Cluster 1" is the largest. */
export function clusterLabel(cluster: number): string {
  return `Cluster ${cluster + 1}`;
}

/**
 * The mean silhouette by number of clusters (higher: clusters better apart), the curve the
 * suggested k is read from; the table below it holds the same figures and the elbow curve.
 *
 * @example clustersChart(details).categories // → ["2", "3", …, "10"]
 */
export function clustersChart(d: ClustersDetails): ChartData {
  return {
    type: "line",
    title: "Mean silhouette by number of clusters (higher: clusters better apart)",
    categories: d.curve.map((p) => String(p.k)),
    series: [{ name: "Mean silhouette", values: d.curve.map((p) => Math.round(p.silhouette * 1000) / 1000) }],
    categoryTitle: "Clusters",
    valueTitle: "Mean silhouette",
  };
}

/**
 * The clusters analysis's tables on the summary sheet: each cluster's profile (customers,
 * share, value and its share, the mean of every indicator in its own units, the mean
 * distance to the centre) and the curve (within-cluster sum of squares, silhouette) per k.
 *
 * @example clustersSections(details)[0].headers // → ["Cluster", "Customers", "Share of customers", …, "Mean Revenue", …, "Mean distance"]
 */
export function clustersSections(d: ClustersDetails): ResultTable[] {
  const withValue = d.profiles.some((p) => p.valueSum !== null);
  const finite = (v: number) => (Number.isFinite(v) ? v : null);
  return [
    {
      title: `Cluster profiles: the mean of each indicator in its own units (${d.k} clusters on ${d.method === "zscore" ? "z-scores" : "min-max values"}, seed ${d.seed})`,
      headers: ["Cluster", "Customers", "Share of customers", ...(withValue ? ["Value", "Share of value"] : []), ...d.indicators.map((c) => `Mean ${c}`), "Mean distance"],
      rows: d.profiles.map((p) => [
        clusterLabel(p.cluster),
        p.size,
        p.customerShare,
        ...(withValue ? [p.valueSum === null ? null : finite(p.valueSum), p.valueShare] : []),
        ...Array.from(p.means, finite),
        finite(p.meanDistance),
      ]),
      numberFormats: [null, "#,##0", "0.0%", ...(withValue ? [MONEY_FORMAT, "0.0%"] : []), ...d.indicators.map(() => "#,##0.00"), "0.000"],
    },
    {
      title:
        d.suggested === null
          ? "Too few distinct customers to compare numbers of clusters"
          : `Choosing k: the elbow of the within-cluster sum of squares, and the silhouette (suggested: ${d.suggested} clusters)`,
      headers: ["Clusters", "Within-cluster sum of squares", "Mean silhouette"],
      rows: d.curve.map((p) => [p.k, p.withinSS, finite(p.silhouette)]),
      numberFormats: [null, "#,##0.00", "0.000"],
    },
  ];
}
