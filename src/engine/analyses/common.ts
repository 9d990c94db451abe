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
import { type BadCellCount, type CellColumn, type CellKind, type CellKindValues, CELL_KIND_EXPECTED, type TransactionReadReport, readCellsLeniently } from "../core/gridReaders";
import type { GroupSummary, ModelWarning } from "./types";

/**
 * A share as a percentage for words, to four significant digits without float noise: the
 * settings said in words ("1% a month", "the top 20% by value") on every analysis's sheet.
 *
 * @example percentWords(0.01) === "1%"; percentWords(0.005) === "0.5%"; percentWords(0.3) === "30%"
 */
export function percentWords(share: number): string {
  return `${Number((share * 100).toPrecision(4))}%`;
}

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

/** What becomes of a bad cell: its value is treated as blank (a per-customer column), or its row is left out (a transaction table). */
export type BadCellEffect = "blank" | "rowLeftOut";

const EFFECT_WORDS: Record<BadCellEffect, string> = { blank: "treated as blank", rowLeftOut: "those rows are left out" };

/** "data rows 3, 17, 40, …" for the first few rows of a larger count. */
export function dataRowWords(firstRows: readonly number[], count: number): string {
  return `data row${count === 1 ? "" : "s"} ${firstRows.join(", ")}${count > firstRows.length ? ", …" : ""}`;
}

/**
 * The pane's one warning about the bad cells of a column, in the one wording every lenient
 * reader uses: "Sales: 3 cells are not a number (data rows 2, 5, 9); treated as blank." (or
 * "…; those rows are left out." where a missing cell drops its transaction row). Added once
 * (a column read twice warns once); nothing when the column has no bad cell.
 */
export function addBadCellWarning(warnings: ModelWarning[], column: string, kind: CellKind, bad: BadCellCount, effect: BadCellEffect = "blank"): void {
  const n = bad.count;
  if (n === 0) return;
  addWarning(warnings, {
    kind: "badCells",
    column,
    message: `${column}: ${n.toLocaleString("en")} cell${n === 1 ? " is" : "s are"} not ${CELL_KIND_EXPECTED[kind]} (${dataRowWords(bad.firstRows, n)}); ${EFFECT_WORDS[effect]}.`,
  });
}

/**
 * The pane's one lenient column reader: finds the column by header and reads every cell
 * with the one parser of its kind (number, day, flag, id, text; see readCellsLeniently).
 * Blank and bad cells are missing (NaN, no, null, ""), and the bad cells get one warning
 * naming the column, their count and the first data rows ({@link addBadCellWarning}), so
 * nothing is lost and the user knows. Cost: O(rows).
 *
 * @throws CvError BAD_OPTION when the table has no such column.
 * @example readColumn(table, "Sales", "value", "number", warnings) // → Float64Array; "Sales: 1 cell is not a number (data row 2); treated as blank."
 */
export function readColumn<K extends CellKind>(table: CustomerTable, header: string, role: string, kind: K, warnings: ModelWarning[], effect: BadCellEffect = "blank"): CellKindValues[K] {
  const read = readCellsLeniently(tableCells(table, header, role).cells, kind);
  addBadCellWarning(warnings, header, kind, read.bad, effect);
  return read.values;
}

/** The cells of a table column by header, as a reader takes them (named by the header for messages). */
export function tableCells(table: CustomerTable, header: string, role: string): CellColumn {
  const c = columnIndex(table, header, role);
  return { argument: header, cells: table.rows.map((row) => row[c]) };
}

/** Reads one column as numbers for the pane, leniently ({@link readColumn} of kind "number"). Cost: O(rows). */
export function numericColumn(table: CustomerTable, header: string, role: string, warnings: ModelWarning[]): Float64Array {
  return readColumn(table, header, role, "number", warnings);
}

const rowsWord = (n: number) => `${n.toLocaleString("en")} transaction row${n === 1 ? " has" : "s have"}`;
const leftOut = (n: number) => `${n === 1 ? "is" : "are"} left out`;

/**
 * The warnings of a lenient transaction read (readTransactionRows "missing"): per column,
 * its bad cells in the one wording (the rows are left out; a bad invoice is a blank one),
 * then the rows left out for a blank id, date or amount. Order: id, date, amount, invoice.
 */
export function addTransactionWarnings(warnings: ModelWarning[], report: TransactionReadReport, columns: { id: string; date: string; amount?: string | null; invoice?: string | null }): void {
  addBadCellWarning(warnings, columns.id, "id", report.badIds, "rowLeftOut");
  if (report.blankIds > 0) warnings.push({ kind: "badCells", column: columns.id, message: `${rowsWord(report.blankIds)} no customer id and ${leftOut(report.blankIds)}.` });
  addBadCellWarning(warnings, columns.date, "day", report.badDates, "rowLeftOut");
  if (report.blankDates > 0) warnings.push({ kind: "badCells", column: columns.date, message: `${rowsWord(report.blankDates)} no date and ${leftOut(report.blankDates)}.` });
  if (columns.amount) {
    addBadCellWarning(warnings, columns.amount, "number", report.badAmounts, "rowLeftOut");
    if (report.blankAmounts > 0) warnings.push({ kind: "badCells", column: columns.amount, message: `${rowsWord(report.blankAmounts)} no amount and ${leftOut(report.blankAmounts)}.` });
  }
  if (columns.invoice) addBadCellWarning(warnings, columns.invoice, "id", report.badInvoices, "blank");
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
