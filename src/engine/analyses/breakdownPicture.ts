/** The summary by dimension as a picture: the run's groups stacked per value of the Group by column. */
import type { DimensionBreakdown } from "./dimensionBreakdown";
import type { BarsPicture } from "./pictures";
import type { GroupSummary } from "./types";

/**
 * The run's groups stacked per value of the dimension (the Group by column): one bar per
 * dimension value, in the breakdown's order (largest value first, "(blank)" last), one
 * stacked series per run group, each the share of that value's customers in the group
 * (customers no group took make up the rest to 100%); each series coloured by its run group.
 * Notes give each value's customers. Null when there is no dimension value or no group.
 * Cost: O(d × g) for d dimension values and g groups.
 *
 * @example
 * breakdownPicture(dimensionBreakdown({ dimension: "Market", dimensionValues: ["Retail", "Retail", "Gov"],
 *   group: Int32Array.of(0, 1, 0), groupLabels: ["Key", "General"], value: null }), groups)?.series
 * // → [{ name: "Key", values: [0.5, 1] }, { name: "General", values: [0.5, 0] }] (Retail first: more customers)
 */
export function breakdownPicture(breakdown: DimensionBreakdown, groups: GroupSummary[]): BarsPicture | null {
  const rows = breakdown.rows;
  if (rows.length === 0 || groups.length === 0) return null;
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
  return {
    kind: "bars",
    id: "breakdown",
    title: `${groups.length === 1 ? "Customers" : "Groups"} by ${breakdown.dimension}: share of each value's customers`,
    caption: `Each bar is one ${breakdown.dimension} value, split by group; ${breakdown.total.customers.toLocaleString("en")} customers in ${rows.length.toLocaleString("en")} values.`,
    orientation: "bars",
    stacked: true,
    categories: rows.map((r) => r.label),
    categoryTitle: breakdown.dimension,
    valueTitle: "Share of customers",
    valueFormat: "percent",
    series: groups.map((g, k) => ({ name: g.label, values: rows.map((r) => share(r.groupCustomers[k] ?? 0, r.customers)) })),
    colourBy: "seriesGroups",
    seriesGroups: groups.map((_, k) => k),
    notes: rows.map((r) => `${r.customers.toLocaleString("en")} customer${r.customers === 1 ? "" : "s"}`),
  };
}
