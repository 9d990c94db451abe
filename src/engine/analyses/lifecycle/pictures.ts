/** The lifecycle analysis's pictures: the stage funnel and, with a previous-stage column, the transition matrix. */
import type { StageTransitions } from "../../behaviour/lifecycle";
import type { GroupSummary } from "../types";
import type { BarsPicture, HeatmapPicture } from "../pictures";

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * The stage funnel: one bar per stage in the run's group order (the funnel), its customers,
 * each bar coloured by its stage; the caption gives the problem share against the 3%
 * guideline. Cost: O(stages).
 *
 * @example stageFunnelPicture(run.groups, 1, 5).caption // → "Problem customers: 1 of 5 (20.0%), above the 3% guideline."
 */
export function stageFunnelPicture(groups: readonly GroupSummary[], problems: number, customers: number, guideline = 0.03): BarsPicture {
  const share = customers > 0 ? problems / customers : Number.NaN;
  const verdict = Number.isNaN(share) ? "no customer has a stage" : share > guideline ? `above the ${Math.round(guideline * 100)}% guideline` : `within the ${Math.round(guideline * 100)}% guideline`;
  return {
    kind: "bars",
    id: "stage-funnel",
    title: "Customers by lifecycle stage",
    caption: Number.isNaN(share)
      ? "No customer could be placed in a stage."
      : `Problem customers: ${problems.toLocaleString("en")} of ${customers.toLocaleString("en")} (${percent(share)}), ${verdict}.`,
    orientation: "bars",
    stacked: false,
    categories: groups.map((g) => g.label),
    categoryTitle: "Stage",
    valueTitle: "Customers",
    valueFormat: "integer",
    series: [{ name: "Customers", values: groups.map((g) => g.customers) }],
    colourBy: "groups",
    categoryGroups: groups.map((_, k) => k),
  };
}

/**
 * The transition matrix between the previous and the current stage: rows the previous stage,
 * columns the current one, both in the funnel order (stages outside it last), each cell the
 * customers who moved so; the caption gives the upgrade and downgrade rates. rowCells maps
 * each result row to its cell (-1 when either stage is blank). Cost: O(n + k²).
 *
 * @example transitionsPicture(stageTransitions(["New"], ["Core"]), ["New"], ["Core"], ["New", "Core"], "Previous").values // → [[0, 1], [0, 0]]
 */
export function transitionsPicture(t: StageTransitions, previous: readonly string[], current: readonly string[], funnel: readonly string[], previousHeader: string): HeatmapPicture {
  const k = t.stages.length;
  const rank = (label: string) => {
    const at = funnel.findIndex((f) => f.toLowerCase() === label.toLowerCase());
    return at < 0 ? funnel.length : at;
  };
  // Display order: the funnel's, the others as the transitions list them.
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => rank(t.stages[a] as string) - rank(t.stages[b] as string) || a - b);
  const position = new Map<string, number>(order.map((i, p) => [(t.stages[i] as string).toLowerCase(), p]));
  const labels = order.map((i) => t.stages[i] as string);
  const values = order.map((i) => order.map((j) => t.counts[i]?.[j] ?? 0));
  const rowCells = new Int32Array(current.length).fill(-1);
  for (let r = 0; r < current.length; r++) {
    const a = position.get((previous[r] ?? "").trim().toLowerCase());
    const b = position.get((current[r] ?? "").trim().toLowerCase());
    if (a !== undefined && b !== undefined) rowCells[r] = a * k + b;
  }
  const rate = (x: number) => (Number.isNaN(x) ? "–" : percent(x));
  return {
    kind: "heatmap",
    id: "transitions",
    title: `Stage transitions: ${previousHeader} (rows) to the current stage (columns)`,
    caption: `${rate(t.upgradeRate)} of customers moved up a stage and ${rate(t.downgradeRate)} moved down (${t.upgrades.toLocaleString("en")} up, ${t.downgrades.toLocaleString("en")} down, ${t.unchanged.toLocaleString("en")} unchanged of ${t.customers.toLocaleString("en")} with both stages).`,
    rowTitle: previousHeader,
    columnTitle: "Current stage",
    rows: labels,
    columns: labels,
    valueName: "Customers",
    valueFormat: "integer",
    values,
    rowCells,
  };
}
