import type { AssociationRule } from "../crossSell/associationRules";
import type { BgnbdFit } from "../lifetime/bgnbd";
import type { DimensionBreakdown } from "./dimensionBreakdown";
import { CvError } from "../core/errors";
import type { GammaGammaFit } from "../lifetime/gammaGamma";
import type { AnalysisId, CustomerValueModel, IndicatorSpec } from "./model";
import type { NormalizationMethod } from "../value/normalize";
import { paretoShare } from "../value/pareto";
import type { CustomerTable } from "../core/profile";
import { skewness } from "../core/profile";
import type { TimeUnit } from "../lifetime/repeatSummary";
import { parseNumberCell } from "../core/table";

/** One result column the pane writes beside the table ("CV Score", "CV Tier", …). */
export interface ResultColumn {
  header: string;
  /** score: numbers with data bars; label: group names with colours; text: plain (reasons); number: plain numbers. */
  kind: "score" | "label" | "text" | "number";
  /** One value per customer row; null where it could not be computed (see reasons). */
  values: (number | string | null)[];
  /** Why a value is null, per row (null where there is a value). */
  reasons: (string | null)[];
  /** Excel number format for the column, e.g. "0.0". */
  numberFormat?: string;
}

/** Figures per tier, class or quadrant, for the preview chart and the summary sheet. */
export interface GroupSummary {
  label: string;
  customers: number;
  /** Share of the customers that got a group. */
  customerShare: number;
  /** Sum of the value column over the group (0 when there is no value column). */
  value: number;
  /** Share of the total positive value. */
  valueShare: number;
  /** Mean score in the group, null without a score. */
  averageScore: number | null;
  /** Orders (purchases) in the group, when the analysis knows them (RFM). */
  orders?: number;
}

/** Something the user should know before applying: the pane shows these beside the preview. */
export interface ModelWarning {
  kind: "constant" | "badCells" | "skew" | "unscored" | "unplaced" | "duplicateIds" | "noValue" | "excluded" | "dimension" | "noRules";
  column?: string;
  message: string;
}

/**
 * What a model-based analysis fitted (lifetime value): the BG/NBD and Gamma-Gamma fits, the
 * model check of actual against expected customers by repeat purchases, and the settings
 * the CLV used, for the preview and the summary sheet.
 */
export interface LifetimeDetails {
  /** The calibration period's end (ISO date) and the unit x, t_x and T are counted in. */
  asOf: string;
  unit: TimeUnit;
  horizonMonths: number;
  monthlyDiscount: number;
  margin: number;
  /** Transaction rows used (dated on or before as-of, with an id, a date and an amount). */
  transactions: number;
  bgnbd: BgnbdFit;
  gammaGamma: GammaGammaFit;
  /** Customers by repeat purchases 0, 1, …, 7+: observed and expected under the fitted BG/NBD. */
  frequency: { buckets: string[]; actual: number[]; expected: number[] };
  /** Sum of CLV over the customers. */
  totalClv: number;
}

/** One cross-sell rule "antecedent ⇒ consequent" with product names resolved, and its counts and measures (see AssociationRule). */
export interface CrossSellRule extends Omit<AssociationRule, "antecedent" | "consequent"> {
  /** The antecedent's products, in the order of their names. */
  antecedentProducts: string[];
  /** The antecedent as one text: its products joined by ", ". */
  antecedent: string;
  consequent: string;
}

/** One customer's recommendations, best first, with what they rest on. */
export interface CrossSellCustomer {
  /** The customer id as the result row shows it. */
  id: string | number;
  /** Distinct products the customer bought. */
  products: number;
  /** Similar customers found (at most the neighbours asked for; only customers sharing a product count). */
  neighbours: number;
  /** Recommended products: the name, the score (sum of the Jaccard similarities of the neighbours who bought it) and how many of them did. */
  recommendations: { product: string; score: number; owners: number }[];
}

/**
 * What the cross-sell analysis found, for the preview and the sheets: what a basket is,
 * the thresholds, every rule with product names, and each customer's recommendations.
 */
export interface CrossSellDetails {
  /** The basket column (invoices: "bought together"), or null when each customer's lines form one basket. */
  basketColumn: string | null;
  /** What a basket is, plural and singular, for words: "invoices" / "invoice", "customers" / "customer". */
  basketWords: { one: string; many: string };
  productColumn: string;
  /** Baskets, lines read, and distinct products. */
  baskets: number;
  lines: number;
  products: number;
  minSupport: number;
  /** The least number of baskets a rule's products must share: the smallest c with c / baskets ≥ minSupport. */
  minCount: number;
  minConfidence: number;
  maxSize: number;
  /** Frequent itemsets by size: index 0 = single products, 1 = pairs, … */
  itemsetsBySize: number[];
  /** Every rule, sorted by lift (highest first). */
  rules: CrossSellRule[];
  neighbours: number;
  top: number;
  /** One entry per result row (rowKeys order). */
  customers: CrossSellCustomer[];
}

/** How far a long analysis has got (the pane shows it as a progress bar). */
export interface AnalysisProgress {
  /** 0–1, an estimate (an optimiser's iterations to convergence are not known beforehand). */
  fraction: number;
  /** What is being done, e.g. "Fitting BG/NBD: 250 iterations". */
  message: string;
}

/** What running an analysis on a table gives: result columns, per-group figures, the headline, warnings and the model in words. */
export interface AnalysisRun {
  analysis: AnalysisId;
  /** Rows of the table, and how many got a group. */
  customers: number;
  assigned: number;
  columns: ResultColumn[];
  /** What a group is called in this analysis: "Tier", "Class", "Quadrant". */
  groupName: string;
  groups: GroupSummary[];
  /** "The top 20% of customers hold 74.6% of Revenue." — null without a value column. */
  headline: string | null;
  paretoTop20: number | null;
  warnings: ModelWarning[];
  /** The model in words and numbers, one line each. */
  description: string[];
  /**
   * Present when results are per customer rather than per table row (RFM from a
   * transaction table): the customer of each result row. Such results go to a sheet of
   * their own, keyed by these ids.
   */
  rowKeys?: { header: string; values: (string | number)[] };
  /** What the groups' value sums, for the summary sheet's header ("CLV"); default the value column. */
  valueName?: string;
  /** Present for the lifetime value analysis: the fitted models and the frequency check. */
  lifetime?: LifetimeDetails;
  /** Present for the cross-sell analysis: the rules and the recommendations. */
  crossSell?: CrossSellDetails;
  /**
   * The value each result row adds to its group (what groups[].value sums; NaN = none), so
   * a summary can be split another way; absent when the analysis has no value.
   */
  rowValues?: Float64Array;
  /**
   * Each result row's group, an index into groups (negative = none: no score, below every
   * threshold …), one entry per result row. The summary by dimension counts customers per
   * group from this, never from the label column: groups may share a label (two RFM rules
   * both named "Focus"), and a label column may not carry group labels at all (cross-sell:
   * the top recommendation is a product, grouped as one of the most frequent or "Other products").
   */
  rowGroups: Int32Array;
  /** The summary by the model's groupBy column (market type, region …), when the model names one. */
  breakdown?: DimensionBreakdown;
}

/** An analysis the pane offers: its name, a one-line summary, and how to run it. */
export interface AnalysisDefinition {
  id: AnalysisId;
  title: string;
  summary: string;
  run(model: CustomerValueModel, table: CustomerTable): AnalysisRun;
  /**
   * The same run in steps, for analyses that take long (model fits): yields progress every
   * few milliseconds of work so a caller can yield to the UI between steps, or stop.
   */
  runSteps?(model: CustomerValueModel, table: CustomerTable): Generator<AnalysisProgress, AnalysisRun>;
}

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
