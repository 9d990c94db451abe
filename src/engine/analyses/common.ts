/**
 * Helpers every analysis's run shares: finding and reading columns leniently (a bad cell is
 * a missing value plus one warning), per-group figures, the Pareto headline, warnings.
 */
import { CvError } from "../core/errors";
import type { CustomerValueModel, IndicatorSpec } from "./model";
import type { NormalizationMethod } from "../value/normalize";
import { paretoShare } from "../value/pareto";
import type { CustomerTable } from "../core/profile";
import { skewness } from "../core/profile";
import { parseNumberCell } from "../core/table";
import type { GroupSummary, ModelWarning } from "./types";

export type * from "./types";

/**
 * Finds a column by header name.
 *
 * @throws CvError BAD_OPTION naming the column and its role when the table has no such column.
 */
export function columnIndex(table: CustomerTable, header: string, role: string): number {
  const index = table.headers.indexOf(header);
  if (index < 0) throw new CvError("BAD_OPTION", `The ${role} column "${header}" is not in the table; choose another column.`, { argument: role });
  return index;
}

/**
 * Reads one column as numbers for the pane, leniently: blank and bad cells are missing,
 * and bad cells (text, error values) are reported as a warning naming the column and the
 * first rows, so nothing is lost and the user knows. Cost: O(rows).
 */
export function numericColumn(table: CustomerTable, header: string, role: string, warnings: ModelWarning[]): Float64Array {
  const c = columnIndex(table, header, role);
  const out = new Float64Array(table.rows.length);
  const badRows: number[] = [];
  let bad = 0;
  table.rows.forEach((row, r) => {
    const parsed = parseNumberCell(row[c]);
    if (parsed === undefined) {
      bad++;
      if (badRows.length < 5) badRows.push(r + 1);
      out[r] = Number.NaN;
    } else out[r] = parsed;
  });
  if (bad > 0) {
    addWarning(warnings, {
      kind: "badCells",
      column: header,
      message: `${header}: ${bad} cell${bad === 1 ? " is" : "s are"} not a number (data row${badRows.length === 1 ? "" : "s"} ${badRows.join(", ")}${bad > badRows.length ? ", …" : ""}); treated as blank.`,
    });
  }
  return out;
}

/** Adds a warning unless the same one is already listed (a column can be both an indicator and the value column). */
export function addWarning(warnings: ModelWarning[], warning: ModelWarning): void {
  if (!warnings.some((w) => w.message === warning.message)) warnings.push(warning);
}

/** Reads the indicator columns and adds the warnings about them: bad cells, constant columns, heavy skew under min-max. */
export function indicatorColumns(table: CustomerTable, indicators: readonly IndicatorSpec[], method: NormalizationMethod, warnings: ModelWarning[]): Float64Array[] {
  if (indicators.length === 0) throw new CvError("EMPTY_INPUT", "Choose at least one indicator column.", { argument: "indicators" });
  const skewed: string[] = [];
  const columns = indicators.map((ind) => {
    const column = numericColumn(table, ind.column, "indicator", warnings);
    const present = Array.from(column).filter((v) => !Number.isNaN(v));
    if (present.length > 0 && present.every((v) => v === present[0])) {
      warnings.push({ kind: "constant", column: ind.column, message: `${ind.column} has the same value for every customer: it carries no information (every customer gets 0.5 on it).` });
    } else {
      const skew = skewness(present);
      if (skew > 2 && (method === "minmax" || method === "zscore")) skewed.push(`${ind.column} (skewness ${skew.toFixed(1)})`);
    }
    return column;
  });
  // One warning for every skewed column: on real money data it is usually several at once.
  if (skewed.length > 0) {
    warnings.push({
      kind: "skew",
      message: `${skewed.join(", ")} ${skewed.length === 1 ? "is" : "are"} heavily skewed: a few customers dwarf the rest, so ${method === "zscore" ? "z-scores crowd" : "min-max crowds"} everyone else together. The log or percentile method spreads them out.`,
    });
  }
  return columns;
}

/**
 * Per-group figures: customers and their share, value and its share of the total positive
 * value, and the mean score. Groups keep the order of `labels`. Cost: O(n).
 */
export function summariseGroups(labels: readonly string[], group: Int32Array, value: Float64Array | null, score: Float64Array | null): GroupSummary[] {
  const customers = new Float64Array(labels.length);
  const values = new Float64Array(labels.length);
  const scoreSums = new Float64Array(labels.length);
  const scoreCounts = new Float64Array(labels.length);
  let assigned = 0;
  let totalPositive = 0;
  for (let i = 0; i < group.length; i++) {
    const v = value ? (value[i] as number) : Number.NaN;
    if (!Number.isNaN(v) && v > 0) totalPositive += v;
    const g = group[i] as number;
    if (g < 0) continue;
    assigned++;
    customers[g] = (customers[g] as number) + 1;
    if (!Number.isNaN(v)) values[g] = (values[g] as number) + v;
    const s = score ? (score[i] as number) : Number.NaN;
    if (!Number.isNaN(s)) {
      scoreSums[g] = (scoreSums[g] as number) + s;
      scoreCounts[g] = (scoreCounts[g] as number) + 1;
    }
  }
  return labels.map((label, g) => ({
    label,
    customers: customers[g] as number,
    customerShare: assigned > 0 ? (customers[g] as number) / assigned : 0,
    value: values[g] as number,
    valueShare: totalPositive > 0 ? Math.max(values[g] as number, 0) / totalPositive : 0,
    averageScore: score && (scoreCounts[g] as number) > 0 ? (scoreSums[g] as number) / (scoreCounts[g] as number) : null,
  }));
}

/** The value column (roles.value), or null with a warning when there is none. */
export function valueColumn(model: CustomerValueModel, table: CustomerTable, warnings: ModelWarning[]): Float64Array | null {
  if (model.roles.value === null) {
    warnings.push({ kind: "noValue", message: "No value column is chosen, so shares of value and the Pareto headline are not shown." });
    return null;
  }
  return numericColumn(table, model.roles.value, "value", warnings);
}

/** "The top 20% of customers hold 74.6% of Revenue." from the value column. */
export function paretoHeadline(value: Float64Array | null, valueName: string | null): { headline: string | null; share: number | null } {
  if (!value || valueName === null) return { headline: null, share: null };
  try {
    const share = paretoShare(value, 0.2);
    return { headline: `The top 20% of customers hold ${(share * 100).toFixed(1)}% of ${valueName}.`, share };
  } catch {
    return { headline: null, share: null };
  }
}

/** Warns about customer ids that appear more than once (results are still one per row). */
export function duplicateIdWarnings(model: CustomerValueModel, table: CustomerTable, warnings: ModelWarning[]): void {
  if (model.roles.id === null) return;
  const c = table.headers.indexOf(model.roles.id);
  if (c < 0) return;
  const firstRow = new Map<string, number>();
  const repeats: string[] = [];
  let count = 0;
  table.rows.forEach((row, r) => {
    const cell = row[c];
    if (cell === null || cell === undefined || cell === "") return;
    const key = String(cell);
    const first = firstRow.get(key);
    if (first === undefined) firstRow.set(key, r + 1);
    else {
      count++;
      if (repeats.length < 3) repeats.push(`${key} (rows ${first} and ${r + 1})`);
    }
  });
  if (count > 0) {
    warnings.push({
      kind: "duplicateIds",
      column: model.roles.id,
      message: `${count} customer id${count === 1 ? " appears" : "s appear"} more than once: ${repeats.join(", ")}${count > repeats.length ? ", …" : ""}. Each row is scored on its own.`,
    });
  }
}

/** Formats a weight list as rounded percentages of their total: [50, 30, 20] → ["50%", "30%", "20%"]. */
export function weightPercents(weights: readonly number[]): string[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => `${total > 0 ? Math.round((1000 * w) / total) / 10 : 0}%`);
}

/** Words for a normalisation method. */
export const METHOD_WORDS: Record<NormalizationMethod, string> = {
  minmax: "min-max (0 = lowest, 1 = highest)",
  percentile: "percentile rank (ties share their average rank)",
  log: "min-max of log(1 + x), for skewed money columns",
  zscore: "z-score (unbounded)",
};
