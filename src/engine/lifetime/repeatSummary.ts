import { CvError, describeValue } from "../core/errors";
import { dayToIso, isBlank } from "../core/table";
import { type TransactionColumns, aggregateTransactions } from "../behaviour/transactions";

/** The time units a repeat summary can be counted in, and their length in days. */
export const TIME_UNIT_DAYS = {
  day: 1,
  week: 7,
  /** The average calendar month, 365.25 / 12 days. */
  month: 365.25 / 12,
} as const;

/** A time unit for BG/NBD summaries and CLV horizons. */
export type TimeUnit = keyof typeof TIME_UNIT_DAYS;

/**
 * Reads a time-unit option ("day", "week", "month"; plurals and any case accepted).
 *
 * @throws CvError BAD_OPTION naming the argument and the value.
 */
export function parseTimeUnit(text: string | undefined, argument = "unit", fallback: TimeUnit = "week"): TimeUnit {
  if (text === undefined) return fallback;
  const key = text.trim().toLowerCase().replace(/s$/, "");
  if (Object.prototype.hasOwnProperty.call(TIME_UNIT_DAYS, key)) return key as TimeUnit;
  throw new CvError("BAD_OPTION", `${argument} must be "day", "week" or "month", found ${describeValue(text)}`, { argument, value: text });
}

/** The per-customer BG/NBD and Gamma-Gamma inputs built from a transaction table. */
export interface TransactionRepeatSummary {
  /** Customer ids as first seen, in order of first appearance (customers with a purchase by as_of only). */
  displayIds: unknown[];
  /** Repeat purchases: distinct purchase days after the first, up to as_of. */
  x: Float64Array;
  /** Time from the first to the last purchase, in the unit. */
  tx: Float64Array;
  /** Time from the first purchase to as_of, in the unit. */
  T: Float64Array;
  /** Average spend per repeat purchase day (same-day amounts added up); 0 when x = 0. */
  avgSpend: Float64Array;
  /** First purchase day per customer (Excel serial). */
  firstDay: Float64Array;
  /** The end of the calibration period (Excel serial). */
  asOf: number;
  unit: TimeUnit;
  /** Rows left out because they fall after as_of. */
  rowsAfterAsOf: number;
  /** Rows skipped because the customer id was blank. */
  skippedBlankIds: number;
}

/**
 * Builds the BG/NBD summary from a transaction table (methods §9): per customer x (repeat
 * purchases), t_x (time of the last purchase since the first), T (time from the first
 * purchase to as_of) and the average spend of the repeat purchases, the inputs lifetimes,
 * BTYD and CLVTools fit on.
 *
 * Rules: purchases on one day count once and their amounts add up (the first day's
 * spend is not a repeat purchase and is left out of the average); rows with a negative
 * amount are returns, not purchases, and do not change the spend; rows dated after as_of
 * are outside the calibration period and left out (a customer whose first purchase is
 * after as_of is not in the summary); times are (day − first day) / unit length, with a
 * month of 365.25 / 12 days. as_of defaults to the day after the latest date.
 * Cost: O(n log n) for n rows (one sort in the aggregation).
 *
 * @throws CvError EMPTY_INPUT when no customer has a purchase on or before as_of.
 * @example
 * repeatSummaryFromTransactions({ ids: ["a", "a", "a"], days: Float64Array.of(0, 7, 7), amounts: Float64Array.of(5, 3, 4) }, 14, "week")
 * // → x [1], t_x [1], T [2], avgSpend [7]
 */
export function repeatSummaryFromTransactions(tx: TransactionColumns, asOf: number | undefined, unit: TimeUnit): TransactionRepeatSummary {
  const n = tx.days.length;
  let latest = Number.NEGATIVE_INFINITY;
  // Only rows with a customer set the default as-of day: a row without an id is skipped for every purpose.
  let blankIds = 0;
  for (let i = 0; i < n; i++) {
    if (isBlank(tx.ids[i])) blankIds++;
    else if ((tx.days[i] as number) > latest) latest = tx.days[i] as number;
  }
  if (latest === Number.NEGATIVE_INFINITY && n > 0) {
    throw new CvError("NOT_COMPUTABLE", `customer_ids has no customer: all ${n.toLocaleString("en")} ${n === 1 ? "row is" : "rows are"} blank or #N/A`, { argument: "customer_ids" });
  }
  const end = asOf ?? latest + 1;
  // Keep the calibration rows only (those on or before as_of).
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if ((tx.days[i] as number) <= end) keep.push(i);
  const rowsAfterAsOf = n - keep.length;
  const ids = keep.length === n ? tx.ids : keep.map((i) => tx.ids[i]);
  const days = keep.length === n ? tx.days : Float64Array.from(keep, (i) => tx.days[i] as number);
  const amounts = tx.amounts === undefined ? undefined : keep.length === n ? tx.amounts : Float64Array.from(keep, (i) => tx.amounts![i] as number);
  if (days.length === 0) {
    throw new CvError("EMPTY_INPUT", `no purchase is dated on or before as_of ${dayToIso(end)}: choose a later as_of`, { argument: "as_of" });
  }
  const h = aggregateTransactions({ ids, days, ...(amounts ? { amounts } : {}) });

  // Spend per customer-day: each purchase row adds to its day, found by binary search among the customer's days.
  const { dayStart, purchaseDays } = h;
  const daySpend = new Float64Array(purchaseDays.length);
  if (amounts) {
    for (let i = 0; i < days.length; i++) {
      const c = h.rowCustomer[i] as number;
      const amount = amounts[i] as number;
      if (c < 0 || !(amount >= 0)) continue;
      const day = days[i] as number;
      let lo = dayStart[c] as number;
      let hi = (dayStart[c + 1] as number) - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((purchaseDays[mid] as number) < day) lo = mid + 1;
        else hi = mid;
      }
      daySpend[lo]! += amount;
    }
  }

  const unitDays = TIME_UNIT_DAYS[unit];
  const customers = h.ids.length;
  const keepCustomer: number[] = [];
  for (let c = 0; c < customers; c++) if (!Number.isNaN(h.firstDay[c] as number)) keepCustomer.push(c);
  const x = new Float64Array(keepCustomer.length);
  const txOut = new Float64Array(keepCustomer.length);
  const T = new Float64Array(keepCustomer.length);
  const avgSpend = new Float64Array(keepCustomer.length);
  keepCustomer.forEach((c, k) => {
    const start = dayStart[c] as number;
    const stop = dayStart[c + 1] as number;
    const first = h.firstDay[c] as number;
    x[k] = stop - start - 1;
    txOut[k] = ((h.lastDay[c] as number) - first) / unitDays;
    T[k] = (end - first) / unitDays;
    let spend = 0;
    for (let j = start + 1; j < stop; j++) spend += daySpend[j] as number;
    avgSpend[k] = stop - start > 1 ? spend / (stop - start - 1) : 0;
  });
  return {
    displayIds: keepCustomer.map((c) => h.displayIds[c]),
    x,
    tx: txOut,
    T,
    avgSpend,
    firstDay: Float64Array.from(keepCustomer, (c) => h.firstDay[c] as number),
    asOf: end,
    unit,
    rowsAfterAsOf,
    skippedBlankIds: blankIds,
  };
}
