import { CvError } from "../core/errors";
import { type TransactionCells, type TransactionRows, readTransactionRows } from "../core/gridReaders";
import { midranks } from "../core/sorting";
import type { BadCellPolicy } from "../core/table";
import { type CustomerHistories, type TransactionColumns, aggregateTransactions, resolveCustomerAsOf } from "./transactions";

/**
 * Checks a bin count: a whole number from 2 to 10 (default 5).
 *
 * @throws CvError BAD_VALUE naming the argument.
 */
export function checkBins(bins: number, argument = "bins"): number {
  if (!(Number.isInteger(bins) && bins >= 2 && bins <= 10)) {
    throw new CvError("BAD_VALUE", `${argument}: give a whole number of score bins from 2 to 10, found ${bins}`, { argument, value: bins });
  }
  return bins;
}

/**
 * Equal-frequency scores 1–q on midranks (methods §6):
 * `score = min(q, floor((midrank − 0.5) / n × q) + 1)`, so ties share a score and a higher
 * value never gets a lower score. Missing values (NaN) get 0. Cost: O(n log n).
 *
 * @example quantileScores(Float64Array.of(1, 2, 3, 4, 5), 5) // → [1, 2, 3, 4, 5]
 */
export function quantileScores(values: Float64Array, bins = 5): Int32Array {
  checkBins(bins);
  const ranks = midranks(values);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] as number)) n++;
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const rank = ranks[i] as number;
    out[i] = Number.isNaN(rank) ? 0 : Math.min(bins, Math.floor(((rank - 0.5) / n) * bins) + 1);
  }
  return out;
}

/** R, F and M scores (0 where the value is missing). */
export interface RfmScores {
  r: Int32Array;
  f: Int32Array;
  m: Int32Array;
}

/**
 * RFM scores from recency (days, lower is better), frequency and monetary value: each
 * scored 1–q by equal-frequency bins on midranks, recency on −R so recent customers score
 * high. Cost: O(n log n).
 *
 * @example rfmScores(Float64Array.of(5, 50), Float64Array.of(3, 1), Float64Array.of(90, 10), 2) // → r [2, 1], f [2, 1], m [2, 1]
 */
export function rfmScores(recency: Float64Array, frequency: Float64Array, monetary: Float64Array, bins = 5): RfmScores {
  return { r: quantileScores(recency.map((v) => -v), bins), f: quantileScores(frequency, bins), m: quantileScores(monetary, bins) };
}

/** Monetary value per customer: the total amount (returns reduce it), or the mean per invoice (per purchase day without invoices). */
export type RfmMonetary = "total" | "mean";

/** Options of the RFM pipeline from transactions. */
export interface TransactionRfmOptions {
  /** The day recency is counted to; default the day after the latest date of a row with a customer id. */
  asOf?: number | undefined;
  /** Score bins, 2–10; default 5. */
  bins?: number;
  /** Default "total". */
  monetary?: RfmMonetary;
}

/** RFM of every customer of a transaction table, customers in order of first appearance. */
export interface TransactionRfm {
  histories: CustomerHistories;
  /** The as-of day recency is counted to. */
  asOf: number;
  /** Days from the last purchase to asOf (NaN for a customer with returns only). */
  recency: Float64Array;
  /** Distinct invoices, or distinct purchase days without invoices. */
  frequency: Float64Array;
  /** Total amount (returns included), or the mean per invoice / purchase day (NaN with no purchase). */
  monetary: Float64Array;
  /** R, F, M scores; 0 (no score) for a customer with returns only, who is left out of every bin. */
  scores: RfmScores;
}

/**
 * RFM from transactions (methods §6), the one pipeline of CV.RFM and the pane's RFM
 * analysis: the as-of day (given, or the day after the latest date of a row with a customer
 * id), aggregateTransactions, recency = asOf − last purchase, frequency, monetary (total or
 * mean per invoice), and rfmScores. Cost: O(n log n).
 *
 * @throws CvError as resolveAsOf (an as-of date before a purchase), aggregateTransactions and checkBins.
 * @example rfmFromTransactions({ ids: ["a", "b"], days: Float64Array.of(45000, 45010), amounts: Float64Array.of(10, 5) }, { bins: 2 }).recency // → [11, 1]
 */
export function rfmFromTransactions(tx: TransactionColumns, options: TransactionRfmOptions = {}): TransactionRfm {
  const histories = aggregateTransactions(tx);
  // The latest day of a customer's row is the aggregation's; the rows are read again only to name the first one after a given as-of day.
  const asOf =
    options.asOf === undefined ? histories.latestDay + 1 : histories.latestDay > options.asOf ? resolveCustomerAsOf(tx.ids, tx.days, options.asOf) : options.asOf;
  const recency = histories.lastDay.map((d) => asOf - d);
  // A customer with returns only (no purchase, so no last purchase) is left out of every score: F and M are
  // missing for it too, so it neither gets scores nor moves the bins of the customers who bought.
  const bought = (c: number) => !Number.isNaN(histories.lastDay[c] as number);
  const frequency = histories.frequency;
  const monetary =
    options.monetary === "mean" ? histories.monetary.map((m, c) => ((frequency[c] as number) > 0 ? m / (frequency[c] as number) : Number.NaN)) : histories.monetary;
  const scores = rfmScores(
    recency,
    frequency.map((f, c) => (bought(c) ? f : Number.NaN)),
    monetary.map((m, c) => (bought(c) ? m : Number.NaN)),
    options.bins ?? 5,
  );
  return { histories, asOf, recency, frequency, monetary, scores };
}

/**
 * Reads a transaction table (readTransactionRows: strictly for a formula, leniently for the
 * pane) and runs {@link rfmFromTransactions} on it; the rows read come back too, with what
 * the lenient read left out. Cost: O(n log n).
 */
export function rfmFromTransactionCells(cells: TransactionCells, onBadCell: BadCellPolicy, options: TransactionRfmOptions = {}): TransactionRfm & { transactions: TransactionRows } {
  const transactions = readTransactionRows(cells, onBadCell);
  const { ids, days, amounts, invoices } = transactions;
  const rfm = rfmFromTransactions({ ids, days, ...(amounts ? { amounts } : {}), ...(invoices ? { invoices } : {}) }, options);
  return { ...rfm, transactions };
}

/** A segment rule: inclusive score bounds on R, F and M; NaN is an open bound. */
export interface SegmentRule {
  segment: string;
  r: [number, number];
  f: [number, number];
  m: [number, number];
}

/** The default segment table (functions.md), first match wins; unmatched customers are "Others". */
export const DEFAULT_SEGMENT_RULES: readonly SegmentRule[] = (
  [
    ["Champions", 5, 5, 5, 5, 5, 5],
    ["Potential Loyalist", 3, 5, 3, 5, 2, 5],
    ["Loyal Customers", 2, 4, 2, 4, 2, 4],
    ["Promising", 3, 4, 1, 3, 3, 5],
    ["New Customers", 4, 5, 1, 3, 1, 5],
    ["Can't Lose Them", 1, 2, 3, 4, 4, 5],
    ["At Risk", 1, 2, 2, 5, 4, 5],
    ["Need Attention", 1, 3, 3, 5, 3, 5],
    ["About To Sleep", 2, 3, 1, 3, 1, 4],
    ["Lost", 1, 1, 1, 5, 1, 5],
  ] as const
).map(([segment, r0, r1, f0, f1, m0, m1]) => ({ segment, r: [r0, r1], f: [f0, f1], m: [m0, m1] }));

/** The label for customers no rule matches. */
export const UNMATCHED_SEGMENT = "Others";

// The rule-table reader lives beside the cell parsers (core/gridReaders.ts); re-exported so existing imports keep working.
export { parseSegmentRules } from "../core/gridReaders";

function within(value: number, [low, high]: readonly [number, number]): boolean {
  return (Number.isNaN(low) || value >= low) && (Number.isNaN(high) || value <= high);
}

/**
 * The segment of each customer: the first rule whose R, F and M bounds all hold (first
 * match wins), −1 for none ("Others"), −2 where a score is missing. Cost: O(n × rules).
 *
 * @example segmentIndex(Int32Array.of(5), Int32Array.of(5), Int32Array.of(5), DEFAULT_SEGMENT_RULES) // → [0] (Champions)
 */
export function segmentIndex(r: ArrayLike<number>, f: ArrayLike<number>, m: ArrayLike<number>, rules: readonly SegmentRule[]): Int32Array {
  const out = new Int32Array(r.length);
  for (let i = 0; i < r.length; i++) {
    const ri = r[i] as number;
    const fi = f[i] as number;
    const mi = m[i] as number;
    if (!(ri > 0 && fi > 0 && mi > 0)) {
      out[i] = -2;
      continue;
    }
    out[i] = rules.findIndex((rule) => within(ri, rule.r) && within(fi, rule.f) && within(mi, rule.m));
  }
  return out;
}
