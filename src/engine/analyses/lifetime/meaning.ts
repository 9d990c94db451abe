/**
 * What the lifetime value analysis's numbers mean: the result columns' headers with their
 * unit and horizon in words, how far P(alive) spreads over the customers (and the warning
 * when it cannot pick out churned customers), and the frequency/recency matrix of expected
 * purchases and P(alive) (Fader, Hardie & Lee 2005, the figures of E[Y(t) | x, t_x, T] and
 * P(alive) over x and t_x for one age T). Pure: plain numbers in, plain data out.
 */
import { percentWords } from "../common";
import { CvError } from "../../core/errors";
import { TIME_UNIT_DAYS, type TimeUnit } from "../../lifetime/repeatSummary";
import type { ModelWarning } from "../types";

/** The settings the headers put in words (those of the run). */
export interface LifetimeWordsSettings {
  /** The as-of date, ISO. */
  asOf: string;
  unit: TimeUnit;
  horizonMonths: number;
  monthlyDiscount: number;
  margin: number;
}

/** The CV Lifetime sheet's column headers, each with its unit and horizon in words. */
export interface LifetimeHeaders {
  x: string;
  tx: string;
  T: string;
  pAlive: string;
  expectedPurchases: string;
  expectedSpend: string;
  clv: string;
  tier: string;
}

// The shared share-in-words helper, re-exported for this module's existing importers.
export { percentWords };

/**
 * "next month" or "next 12 months".
 *
 * @example horizonWords(1) === "next month"; horizonWords(1200) === "next 1,200 months"
 */
export function horizonWords(months: number): string {
  return months === 1 ? "next month" : `next ${months.toLocaleString("en")} months`;
}

/**
 * The result columns' headers, their unit and horizon taken from the settings:
 * "CV x, repeat purchases to 2011-12-10", "CV t_x, weeks from first to last purchase",
 * "CV T, weeks from first purchase to 2011-12-10", "CV P(alive) at 2011-12-10",
 * "CV Expected purchases, next 12 months", "CV Expected spend per purchase",
 * "CV CLV, next 12 months at 1% a month, margin 100%", "CV CLV tier". Cost: O(1).
 *
 * @example lifetimeHeaders({ asOf: "2011-12-10", unit: "week", horizonMonths: 12, monthlyDiscount: 0.01, margin: 0.3 }).clv === "CV CLV, next 12 months at 1% a month, margin 30%"
 */
export function lifetimeHeaders(s: LifetimeWordsSettings): LifetimeHeaders {
  const units = `${s.unit}s`;
  const discount = s.monthlyDiscount > 0 ? ` at ${percentWords(s.monthlyDiscount)} a month` : " undiscounted";
  return {
    x: `CV x, repeat purchases to ${s.asOf}`,
    tx: `CV t_x, ${units} from first to last purchase`,
    T: `CV T, ${units} from first purchase to ${s.asOf}`,
    pAlive: `CV P(alive) at ${s.asOf}`,
    expectedPurchases: `CV Expected purchases, ${horizonWords(s.horizonMonths)}`,
    expectedSpend: "CV Expected spend per purchase",
    clv: `CV CLV, ${horizonWords(s.horizonMonths)}${discount}, margin ${percentWords(s.margin)}`,
    tier: "CV CLV tier",
  };
}

/**
 * The one-sentence meaning of P(alive), for the pane and the summary sheet.
 *
 * @example P_ALIVE_MEANING.startsWith("P(alive) is the probability")
 */
export const P_ALIVE_MEANING = "P(alive) is the probability that the customer has not silently stopped buying, given their purchase history (x, t_x and T).";

/**
 * Customers silent for longer than this many days count as "silent long" in the P(alive)
 * check (or for half the longest history, when the data cover less than a year): a customer
 * of a shop that sells every week or month who has not bought for half a year is the kind
 * P(alive) should flag.
 */
export const SILENT_DAYS = 180;

/**
 * The P(alive) check warns when even the lowest 5% of P(alive) lie above this while many
 * customers have long been silent: no customer is then called more likely gone than alive.
 */
export const P_ALIVE_FLAT_P5 = 0.5;

/** The share of customers silent long that makes a flat P(alive) worth a warning (10%). */
export const SILENT_SHARE = 0.1;

/** How P(alive) spreads over the customers, and whether it can pick out churned ones. */
export interface PAliveSpread {
  customers: number;
  /** Lowest, 5th percentile (nearest rank) and median P(alive) over every customer scored. */
  min: number;
  p5: number;
  median: number;
  /** Customers without a repeat purchase (P(alive) = 1 under BG/NBD, however long ago they bought). */
  oneTimeBuyers: number;
  /** The silence the check counts as long, in days ({@link SILENT_DAYS}, or half the longest history). */
  silentDays: number;
  /** Customers whose time since the last purchase, T − t_x, is longer than silentDays, and their median P(alive) (NaN when none). */
  silent: number;
  silentMedian: number;
  /** The purchase model ("BG/NBD"). */
  model: string;
  /** How much dropout the fit sees (BG/NBD: the mean chance a / (a + b) of dropping out after a purchase; see DropoutMeasure). */
  dropout: number;
  /** The model calls its dropout near zero (BG/NBD: below NEAR_ZERO_DROPOUT). */
  nearZeroDropout: boolean;
  /** The dropout in words, e.g. "a mean chance of 0.059% of stopping after a purchase, about 1 in 1,700". */
  dropoutWords: string;
  /** P(alive) hardly varies: its 5th percentile is above {@link P_ALIVE_FLAT_P5} while at least {@link SILENT_SHARE} of the customers are silent long. */
  flat: boolean;
}

/** The median of ascending values (the mean of the middle two for an even count); NaN when empty. */
function medianOfSorted(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * How P(alive) spreads over the customers scored (rows with a P(alive) that is not a number
 * are left out): lowest value, 5th percentile (nearest rank: the ⌈0.05 n⌉-th smallest),
 * median, the one-time buyers, the customers silent long (T − t_x in days above
 * {@link SILENT_DAYS}, or above half the longest T when that is shorter) and their median
 * P(alive), and the model's dropout (see DropoutMeasure) with the two verdicts. Cost: O(n log n).
 *
 * @example pAliveSpread(pAlive, x, tx, T, "week", "BG/NBD", BGNBD_PURCHASE_MODEL.dropout(params, 53)).flat // true on the Online Retail sample
 */
export function pAliveSpread(pAlive: Float64Array, x: Float64Array, tx: Float64Array, T: Float64Array, unit: TimeUnit, model: string, dropout: { share: number; nearZero: boolean; words: string }): PAliveSpread {
  const days = TIME_UNIT_DAYS[unit];
  let maxT = 0;
  for (const t of T) if (t > maxT) maxT = t;
  const silentDays = Math.min(SILENT_DAYS, Math.floor((maxT * days) / 2));
  const all: number[] = [];
  const silentValues: number[] = [];
  let oneTimeBuyers = 0;
  for (let i = 0; i < pAlive.length; i++) {
    const p = pAlive[i] as number;
    if (Number.isNaN(p)) continue;
    all.push(p);
    if ((x[i] as number) === 0) oneTimeBuyers++;
    if (((T[i] as number) - (tx[i] as number)) * days > silentDays) silentValues.push(p);
  }
  const sorted = Float64Array.from(all).sort();
  const silentSorted = Float64Array.from(silentValues).sort();
  const n = sorted.length;
  const p5 = n > 0 ? (sorted[Math.max(0, Math.ceil(0.05 * n) - 1)] as number) : Number.NaN;
  return {
    customers: n,
    min: n > 0 ? (sorted[0] as number) : Number.NaN,
    p5,
    median: medianOfSorted(sorted),
    oneTimeBuyers,
    silentDays,
    silent: silentSorted.length,
    silentMedian: medianOfSorted(silentSorted),
    model,
    dropout: dropout.share,
    nearZeroDropout: dropout.nearZero,
    dropoutWords: dropout.words,
    flat: n > 0 && p5 > P_ALIVE_FLAT_P5 && silentSorted.length > 0 && silentSorted.length >= SILENT_SHARE * n,
  };
}

/**
 * A probability for words: "1" when it is 1, four decimals from 0.99 up (so 0.9995 is not
 * shown as 1.00), else two.
 *
 * @example probabilityWords(0.99951) === "0.9995"; probabilityWords(0.6867) === "0.69"; probabilityWords(1) === "1"
 */
export function probabilityWords(p: number): string {
  if (p === 1) return "1";
  return p >= 0.99 ? p.toFixed(4) : p.toFixed(2);
}

/**
 * The P(alive) figures in one line: "P(alive) runs from 0.69 to 1 (median 0.9995); the 861
 * customers silent for over 180 days have a median P(alive) of 1". Cost: O(1).
 */
export function pAliveSpreadWords(s: PAliveSpread): string {
  const range = `P(alive) runs from ${probabilityWords(s.min)} to 1 (median ${probabilityWords(s.median)})`;
  if (s.silent === 0) return `${range}; no customer has been silent for over ${s.silentDays.toLocaleString("en")} days`;
  return `${range}; the ${s.silent.toLocaleString("en")} customer${s.silent === 1 ? "" : "s"} silent for over ${s.silentDays.toLocaleString("en")} days ${s.silent === 1 ? "has a" : "have a median"} P(alive) of ${probabilityWords(s.silentMedian)}`;
}

/**
 * The warning that P(alive) cannot separate churned customers, or null when it can: when the
 * model calls its fitted dropout near zero (BG/NBD: a/(a + b) below 0.01, fewer than 1
 * purchase in 100 ends in dropout: the model sees almost nobody leave), or when P(alive) hardly varies
 * ({@link PAliveSpread.flat}). It says why, gives the figures, and what to try: expected
 * purchases or CLV to rank customers, the other purchase models, a later as-of
 * date when transactions after it were left out, else a longer history. Cost: O(1).
 *
 * @example pAliveWarning(spread, false)?.message.startsWith("P(alive) cannot separate churned customers here")
 */
export function pAliveWarning(s: PAliveSpread, rowsAfterAsOf: boolean): ModelWarning | null {
  if (!s.nearZeroDropout && !s.flat) return null;
  const why = s.nearZeroDropout
    ? `the fitted ${s.model} dropout is almost zero (${s.dropoutWords}), so the model sees almost nobody stop buying`
    : "P(alive) hardly varies";
  const later = rowsAfterAsOf ? "a later as-of date (transactions after it were left out)" : "a longer history";
  return {
    kind: "dropout",
    message: `P(alive) cannot separate churned customers here: ${why}. ${capitalise(pAliveSpreadWords(s))}. Rank customers by expected purchases or CLV instead; for P(alive), try ${others(s.model)} (under Purchase model, or compare them all with Check the model) or ${later}.`,
  };
}

/** The purchase models other than the one named, for advice ("MBG/NBD or Pareto/NBD"). */
const others = (model: string) => ["BG/NBD", "MBG/NBD", "Pareto/NBD"].filter((m) => m !== model).join(" or ");

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The frequency/recency matrix of one customer age T: for each row's repeat purchases x and
 * each column's time of the last purchase t_x, the expected purchases over the horizon and
 * P(alive) at the as-of date under the fitted purchase model. A cell is null where no customer can
 * be: more repeat purchases than days between the first and the last purchase (purchases on
 * one day count once).
 */
export interface FrequencyRecencyMatrix {
  /** The age the matrix is for, in the unit (the data's longest T), and the unit. */
  T: number;
  unit: TimeUnit;
  /** The horizon of the expected purchases, in months and in the unit. */
  horizonMonths: number;
  horizon: number;
  /** Row values: repeat purchases x. */
  x: number[];
  /** Column values: time of the last purchase t_x, in the unit (the middle of each of equal bands from 0 to T). */
  tx: number[];
  /** rows × columns. */
  expected: (number | null)[][];
  pAlive: (number | null)[][];
}

/**
 * The frequency/recency matrix (see {@link FrequencyRecencyMatrix}) at the given x and t_x
 * values, with the model's expected(horizon, x, t_x, T) and pAlive(x, t_x, T) at fitted
 * parameters; for x = 0 both are the same in every column (t_x is 0: only the first
 * purchase). Cost: rows × columns expectations.
 *
 * @example frequencyRecencyMatrix({ expected: (t, x, tx, T) => bgnbdExpected(cdnow, t, x, tx, T), pAlive: (x, tx, T) => bgnbdPAlive(cdnow, x, tx, T) }, 38.86, "week", 39 * 7 / (365.25 / 12), [2], [30.43]).expected[0][0] // ≈ 1.226 (Fader, Hardie & Lee 2005)
 */
export function frequencyRecencyMatrix(
  model: { expected: (t: number, x: number, tx: number, T: number) => number; pAlive: (x: number, tx: number, T: number) => number },
  T: number,
  unit: TimeUnit,
  horizonMonths: number,
  x: readonly number[],
  tx: readonly number[],
): FrequencyRecencyMatrix {
  const horizon = (horizonMonths * TIME_UNIT_DAYS.month) / TIME_UNIT_DAYS[unit];
  const days = TIME_UNIT_DAYS[unit];
  const expected: (number | null)[][] = [];
  const pAlive: (number | null)[][] = [];
  for (const xi of x) {
    const e: (number | null)[] = [];
    const p: (number | null)[] = [];
    for (const t of tx) {
      const last = xi === 0 ? 0 : t;
      // x repeat purchases on distinct days after the first need at least x days.
      if (xi > 0 && xi > Math.floor(last * days + 1e-9)) {
        e.push(null);
        p.push(null);
        continue;
      }
      // A cell the series cannot compute (parameters near the ends of double precision) stays empty rather than losing the run.
      try {
        e.push(model.expected(horizon, xi, last, T));
      } catch (error) {
        if (!(error instanceof CvError)) throw error;
        e.push(null);
      }
      p.push(model.pAlive(xi, last, T));
    }
    expected.push(e);
    pAlive.push(p);
  }
  return { T, unit, horizonMonths, horizon, x: [...x], tx: [...tx], expected, pAlive };
}

/** Repeat purchases the matrix rows may show: 0, 1, 2, 3, then roughly doubling (Fibonacci steps). */
const X_LADDER = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987];

/** The most rows (values of x) the matrix has: the pane draws it in a 320 px pane. */
export const MATRIX_ROWS = 8;
/** Columns (bands of t_x) of the matrix. */
export const MATRIX_COLUMNS = 8;

/**
 * The matrix's rows and columns for a data set: x from 0, 1, 2, 3, 5, 8, 13, 21, … up to the
 * 99th percentile (nearest rank) of the customers' x, at most {@link MATRIX_ROWS} of them
 * (always 0 and 1); t_x at the middle of {@link MATRIX_COLUMNS} equal bands from 0 to T.
 * Cost: O(n log n).
 *
 * @example matrixLevels(x, 53.43).x // → [0, 1, 2, 3, 5, 8, 13, 21] on the Online Retail sample (99th percentile 24)
 */
export function matrixLevels(x: Float64Array, T: number, columns = MATRIX_COLUMNS, rows = MATRIX_ROWS): { x: number[]; tx: number[] } {
  const sorted = Float64Array.from(x).filter((v) => !Number.isNaN(v)).sort();
  const p99 = sorted.length > 0 ? (sorted[Math.max(0, Math.ceil(0.99 * sorted.length) - 1)] as number) : 1;
  const levels = X_LADDER.filter((v, k) => k < 2 || v <= p99).slice(0, rows);
  const tx = Array.from({ length: columns }, (_, k) => (T * (k + 0.5)) / columns);
  return { x: levels, tx };
}
