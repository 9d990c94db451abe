/**
 * A summary broken down by a dimension such as market type, region or industry (methods §10):
 * per dimension value, its customers, their value and how they spread over the analysis's
 * groups (tiers, segments, stages).
 */
import { CvError } from "../core/errors";
import { IdIndex } from "../core/idIndex";
import { LabelIndex } from "../core/labelIndex";
import { isBlank } from "../core/table";

/** The label a blank dimension cell is counted under. */
export const BLANK_DIMENSION = "(blank)";

/** Figures for one value of the dimension (or the total). */
export interface DimensionBreakdownRow {
  /** The dimension value as first spelled (trimmed), "(blank)" for blank cells, "Total" for the total. */
  label: string;
  /** Result rows (customers) with this value, placed in a group or not. */
  customers: number;
  /** Share of all customers. */
  customerShare: number;
  /** Sum of the value over these customers (0 without a value). */
  value: number;
  /** max(value, 0) as a share of the total positive value (as the group table counts it); 0 without a value. */
  valueShare: number;
  /**
   * value / the customers with a value: a customer whose value is blank is missing, not 0
   * (methods §0), so it counts in customers but not here; null without a value column or
   * when none of these customers has a value.
   */
  averageValue: number | null;
  /** Customers with a value (0 without a value column): what averageValue divides by. */
  valued: number;
  /** Customers per group, in the order of the group labels: the cross-tab dimension × group. */
  groupCustomers: number[];
  /** Customers with this value that no group took (no score, below every threshold …). */
  unplaced: number;
}

/** A summary by dimension: one row per dimension value, largest value first, and the total. */
export interface DimensionBreakdown {
  /** The dimension column's header, e.g. "Market type". */
  dimension: string;
  /** The analysis's group labels, the cross-tab's columns. */
  groupLabels: string[];
  /** Whether the rows carry a value (false: value, shares of value and averages are 0 / null). */
  hasValue: boolean;
  rows: DimensionBreakdownRow[];
  total: DimensionBreakdownRow;
}

/** What {@link dimensionBreakdown} takes: one entry per result row, all of one length. */
export interface DimensionBreakdownInput {
  /** The dimension column's header. */
  dimension: string;
  /** Each result row's dimension cell; blank (empty, whitespace, null) counts as "(blank)"; other cells as their text. */
  dimensionValues: readonly unknown[];
  /** Each result row's group, an index into groupLabels; −1 = not placed. */
  group: Int32Array;
  groupLabels: readonly string[];
  /** Each result row's value (NaN = none), or null when the analysis has no value. */
  value: Float64Array | null;
}

/**
 * Breaks a summary down by a dimension. Dimension values are matched ignoring case and
 * surrounding spaces (the first spelling is shown); blank cells count as "(blank)". Per
 * value: customers and their share, the summed value and its share of the total positive
 * value, the average value over the customers with one (blank is missing, not 0), and customers per group. Rows are ordered by value,
 * largest first (by customers without a value), ties by label; "(blank)" comes last, as in an
 * Excel pivot table. Cost: O(n + d × g + d log d) for n rows, d dimension values, g groups.
 *
 * @throws CvError LENGTH_MISMATCH when group or value has another length than dimensionValues;
 *   BAD_VALUE naming the row when a group index is outside the labels.
 * @example
 * dimensionBreakdown({ dimension: "Market", dimensionValues: ["Retail", "retail ", "Gov"],
 *   group: Int32Array.of(0, 1, 0), groupLabels: ["Key", "General"], value: Float64Array.of(10, 30, 60) }).rows
 * // → [{ label: "Gov", customers: 1, value: 60, valueShare: 0.6, groupCustomers: [1, 0], … },
 * //    { label: "Retail", customers: 2, value: 40, valueShare: 0.4, groupCustomers: [1, 1], … }]
 */
export function dimensionBreakdown(input: DimensionBreakdownInput): DimensionBreakdown {
  const { dimensionValues, group, groupLabels, value } = input;
  const n = dimensionValues.length;
  if (group.length !== n) throw new CvError("LENGTH_MISMATCH", `group has ${group.length} rows, the dimension ${n}`, { argument: "group" });
  if (value && value.length !== n) throw new CvError("LENGTH_MISMATCH", `value has ${value.length} rows, the dimension ${n}`, { argument: "value" });
  const groups = groupLabels.length;

  // Per row, its dimension slot: 0 = blank, then the labels in order of first appearance.
  const labels = new LabelIndex();
  const slot = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const cell = dimensionValues[i];
    slot[i] = isBlank(cell) ? 0 : labels.add(String(cell)) + 1;
  }
  const slots = labels.labels.length + 1;
  const customers = new Float64Array(slots);
  const values = new Float64Array(slots);
  const valued = new Float64Array(slots);
  const unplaced = new Float64Array(slots);
  const cross = new Float64Array(slots * groups);
  let totalPositive = 0;
  for (let i = 0; i < n; i++) {
    const s = slot[i] as number;
    customers[s] = (customers[s] as number) + 1;
    if (value) {
      const v = value[i] as number;
      if (!Number.isNaN(v)) {
        values[s] = (values[s] as number) + v;
        valued[s] = (valued[s] as number) + 1;
        if (v > 0) totalPositive += v;
      }
    }
    const g = group[i] as number;
    if (g < 0) unplaced[s] = (unplaced[s] as number) + 1;
    else if (g < groups) cross[s * groups + g] = (cross[s * groups + g] as number) + 1;
    else throw new CvError("BAD_VALUE", `group row ${i + 1}: ${g} is not a group (there are ${groups})`, { argument: "group", row: i + 1, value: g });
  }

  const hasValue = value !== null;
  const row = (label: string, count: number, sum: number, withValue: number, perGroup: number[], notPlaced: number): DimensionBreakdownRow => ({
    label,
    customers: count,
    customerShare: n > 0 ? count / n : 0,
    value: sum,
    valueShare: hasValue && totalPositive > 0 ? (sum > 0 ? sum : 0) / totalPositive : 0,
    averageValue: hasValue && withValue > 0 ? sum / withValue : null,
    valued: withValue,
    groupCustomers: perGroup,
    unplaced: notPlaced,
  });
  const rows: DimensionBreakdownRow[] = [];
  for (let s = 1; s < slots; s++) {
    rows.push(row(labels.labels[s - 1] as string, customers[s] as number, values[s] as number, valued[s] as number, Array.from(cross.subarray(s * groups, (s + 1) * groups)), unplaced[s] as number));
  }
  rows.sort((a, b) => (hasValue ? b.value - a.value : 0) || b.customers - a.customers || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  if ((customers[0] as number) > 0) rows.push(row(BLANK_DIMENSION, customers[0] as number, values[0] as number, valued[0] as number, Array.from(cross.subarray(0, groups)), unplaced[0] as number));

  const totalGroups = new Array<number>(groups).fill(0);
  let totalValue = 0;
  let totalValued = 0;
  let totalUnplaced = 0;
  for (const r of rows) {
    r.groupCustomers.forEach((c, g) => (totalGroups[g] = (totalGroups[g] as number) + c));
    totalValue += r.value;
    totalValued += r.valued;
    totalUnplaced += r.unplaced;
  }
  const total = row("Total", n, totalValue, totalValued, totalGroups, totalUnplaced);
  // The shares of the total: what the rows add up to (below 1 when a dimension value nets negative).
  total.valueShare = rows.reduce((sum, r) => sum + r.valueShare, 0);
  return { dimension: input.dimension, groupLabels: [...groupLabels], hasValue, rows, total };
}

/** Customers whose rows carry more than one dimension value, for the warning. */
export interface DimensionConflicts {
  count: number;
  /** The first few: the customer's id and its values as first spelled. */
  examples: { id: unknown; values: string[] }[];
}

/**
 * Maps each customer (a result row keyed by id, e.g. RFM from transactions) to a dimension
 * value: the first non-blank value among the table rows with its id, spelled as the table
 * first spells it (values match ignoring case and surrounding spaces), "" when it has none.
 * Ids match as the transaction readers match them (12346 and "12346" are one customer). A
 * customer whose rows carry different values is counted in `conflicts` (the first five
 * named) and gets its first value. Cost: O(rows + customers).
 *
 * @example
 * dimensionByCustomer([1, 1, 2, 3], ["", "gov ", "Retail", "GOV"], [3, 1, 2]).values // → ["gov", "gov", "Retail"]
 */
export function dimensionByCustomer(tableIds: readonly unknown[], tableDimension: readonly unknown[], customerIds: readonly unknown[]): { values: string[]; conflicts: DimensionConflicts } {
  if (tableDimension.length !== tableIds.length) throw new CvError("LENGTH_MISMATCH", `the dimension has ${tableDimension.length} rows, the ids ${tableIds.length}`, { argument: "dimension" });
  const ids = new IdIndex();
  const labels = new LabelIndex();
  // Per customer (id index): its first non-blank dimension value's label number, and the other label numbers seen.
  const firstLabel: number[] = [];
  const others = new Map<number, Set<number>>();
  const idOf: unknown[] = [];
  for (let r = 0; r < tableIds.length; r++) {
    const c = ids.indexOf(tableIds[r]);
    if (c < 0) continue;
    if (idOf[c] === undefined) idOf[c] = tableIds[r];
    const cell = tableDimension[r];
    if (isBlank(cell)) continue;
    const label = labels.add(String(cell));
    const known = firstLabel[c];
    if (known === undefined) firstLabel[c] = label;
    else if (known !== label) {
      const set = others.get(c) ?? new Set<number>();
      set.add(label);
      others.set(c, set);
    }
  }
  const conflicts: DimensionConflicts = { count: 0, examples: [] };
  const counted = new Set<number>();
  const values = customerIds.map((id) => {
    const c = ids.indexOf(id);
    const extra = others.get(c);
    if (extra && !counted.has(c)) {
      counted.add(c);
      conflicts.count++;
      if (conflicts.examples.length < 5) conflicts.examples.push({ id: idOf[c], values: [firstLabel[c] as number, ...extra].map((k) => labels.labels[k] as string) });
    }
    const label = c >= 0 ? firstLabel[c] : undefined;
    return label === undefined ? "" : (labels.labels[label] as string);
  });
  return { values, conflicts };
}
