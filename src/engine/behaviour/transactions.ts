import { CvError } from "../core/errors";
import { IdIndex } from "../core/idIndex";
import { dayToIso, isBlank } from "../core/table";

/** Transactions as columns: one entry per row, in any order. */
export interface TransactionColumns {
  /** Customer id per row (numbers and text; 12346 and "12346" are the same customer). Blank ids are skipped and counted. */
  ids: ArrayLike<unknown>;
  /** Purchase day per row (Excel day serial, time dropped). */
  days: Float64Array;
  /** Amount per row; negative amounts (returns, credit notes) reduce monetary value but are not purchases. Omit for dates-only data. */
  amounts?: Float64Array;
  /** Invoice id per row; when given, frequency counts distinct invoices instead of distinct days. */
  invoices?: ArrayLike<unknown>;
}

/** Per-customer history, customers in order of first appearance. */
export interface CustomerHistories {
  /** Customer ids as text, in order of first appearance. */
  ids: string[];
  /** The id as first seen (number or text), for output. */
  displayIds: unknown[];
  /** First and last purchase day (NaN for a customer with returns only). */
  firstDay: Float64Array;
  lastDay: Float64Array;
  /** Distinct invoices (with invoice ids) or distinct purchase days (without). */
  frequency: Float64Array;
  /** Sum of all amounts, returns included (0 without amounts). */
  monetary: Float64Array;
  /** Distinct purchase days per customer, ascending: days of customer c are purchaseDays[dayStart[c] … dayStart[c + 1]). */
  purchaseDays: Float64Array;
  dayStart: Int32Array;
  /** Each row's customer index (−1 for a blank id), for per-row follow-ups such as per-day amounts. */
  rowCustomer: Int32Array;
  /** Rows skipped because the customer id was blank. */
  skippedBlankIds: number;
  /** The latest day in the data (purchases and returns). */
  latestDay: number;
}


/**
 * Counts, per customer, the distinct values of a per-row integer code among the rows
 * selected, by sorting customer × code keys (no per-customer sets). Returns the counts and
 * the sorted keys, so callers can walk each customer's distinct codes in order.
 */
function distinctPerCustomer(customer: Int32Array, code: Float64Array, selected: Uint8Array, customers: number, codeRange: number): { counts: Float64Array; keys: Float64Array } {
  let m = 0;
  for (let i = 0; i < customer.length; i++) if (selected[i]) m++;
  const keys = new Float64Array(m);
  let k = 0;
  for (let i = 0; i < customer.length; i++) if (selected[i]) keys[k++] = (customer[i] as number) * codeRange + (code[i] as number);
  keys.sort();
  const counts = new Float64Array(customers);
  for (let j = 0; j < m; j++) {
    if (j > 0 && keys[j] === keys[j - 1]) continue;
    const c = Math.floor((keys[j] as number) / codeRange);
    counts[c] = (counts[c] as number) + 1;
  }
  return { counts, keys };
}

/**
 * Aggregates a transaction table into per-customer histories (methods §6, §8): first and
 * last purchase, frequency (distinct invoices, or distinct purchase days), monetary value
 * (all amounts, returns included), and each customer's distinct purchase days. Rows in any
 * order; several purchases on one day count once without invoice ids; rows with a blank
 * id are skipped and counted; a row with a negative amount is a return, not a purchase.
 * Cost: O(n log n) — two typed-array sorts, no per-customer sets.
 *
 * @throws CvError LENGTH_MISMATCH when the columns differ in length; EMPTY_INPUT with no rows;
 *   NOT_COMPUTABLE when every row's id is blank.
 * @example aggregateTransactions({ ids: ["a", "a"], days: Float64Array.of(45000, 45000), amounts: Float64Array.of(10, 5) }).frequency // → [1]
 */
export function aggregateTransactions(tx: TransactionColumns): CustomerHistories {
  const n = tx.days.length;
  if (n === 0) throw new CvError("EMPTY_INPUT", "customer_ids is empty: select the transaction rows", { argument: "customer_ids" });
  for (const [name, column] of [
    ["customer_ids", tx.ids],
    ["amounts", tx.amounts],
    ["invoice_ids", tx.invoices],
  ] as const) {
    if (column !== undefined && column.length !== n) {
      throw new CvError("LENGTH_MISMATCH", `${name} has ${column.length} rows but dates has ${n}: select ranges of the same height`, { argument: name });
    }
  }
  const index = new IdIndex();
  const ids: string[] = [];
  const displayIds: unknown[] = [];
  const customer = new Int32Array(n).fill(-1);
  let skippedBlankIds = 0;
  let minDay = Number.POSITIVE_INFINITY;
  let latestDay = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const c = index.indexOf(tx.ids[i]);
    if (c < 0) {
      skippedBlankIds++;
      continue;
    }
    if (c === ids.length) {
      ids.push(String(tx.ids[i]).trim());
      displayIds.push(tx.ids[i]);
    }
    customer[i] = c;
    const day = tx.days[i] as number;
    if (day < minDay) minDay = day;
    if (day > latestDay) latestDay = day;
  }
  const customers = ids.length;
  if (customers === 0) {
    throw new CvError("NOT_COMPUTABLE", `customer_ids has no customer: all ${n.toLocaleString("en")} ${n === 1 ? "row is" : "rows are"} blank or #N/A`, { argument: "customer_ids" });
  }
  const firstDay = new Float64Array(customers).fill(Number.NaN);
  const lastDay = new Float64Array(customers).fill(Number.NaN);
  const monetary = new Float64Array(customers);
  const purchase = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = customer[i] as number;
    if (c < 0) continue;
    const amount = tx.amounts ? (tx.amounts[i] as number) : 0;
    monetary[c] = (monetary[c] as number) + amount;
    if (amount < 0) continue;
    purchase[i] = 1;
    const day = tx.days[i] as number;
    if (!(day >= (firstDay[c] as number))) firstDay[c] = day;
    if (!(day <= (lastDay[c] as number))) lastDay[c] = day;
  }

  // Distinct purchase days per customer (for frequency without invoices, and for silence).
  const dayCode = new Float64Array(n);
  for (let i = 0; i < n; i++) dayCode[i] = (tx.days[i] as number) - minDay;
  const dayRange = Number.isFinite(latestDay) ? latestDay - minDay + 1 : 1;
  const byDay = distinctPerCustomer(customer, dayCode, purchase, customers, dayRange);
  const dayStart = new Int32Array(customers + 1);
  const purchaseDays: number[] = [];
  {
    let previous = Number.NaN;
    for (let j = 0; j < byDay.keys.length; j++) {
      const key = byDay.keys[j] as number;
      if (key === previous) continue;
      previous = key;
      const c = Math.floor(key / dayRange);
      purchaseDays.push(key - c * dayRange + minDay);
      dayStart[c + 1] = (dayStart[c + 1] as number) + 1;
    }
    for (let c = 0; c < customers; c++) dayStart[c + 1] = (dayStart[c + 1] as number) + (dayStart[c] as number);
  }

  let frequency = byDay.counts;
  if (tx.invoices) {
    const invoiceIndex = new IdIndex();
    const invoiceCode = new Float64Array(n);
    // A blank invoice id is an invoice of its own kind: all blank-invoice rows of a customer count once.
    for (let i = 0; i < n; i++) invoiceCode[i] = invoiceIndex.indexOf(tx.invoices[i]) + 1;
    frequency = distinctPerCustomer(customer, invoiceCode, purchase, customers, invoiceIndex.size + 1).counts;
  }
  return {
    ids,
    displayIds,
    firstDay,
    lastDay,
    frequency,
    monetary,
    purchaseDays: Float64Array.from(purchaseDays),
    dayStart,
    rowCustomer: customer,
    skippedBlankIds,
    latestDay,
  };
}

/**
 * The as-of day: the one given, or the day after the latest date in the data, so results
 * are reproducible without a volatile TODAY().
 *
 * @throws CvError BAD_VALUE naming the first row dated after the as-of date.
 */
export function resolveAsOf(days: Float64Array, asOf: number | undefined, argument = "dates"): number {
  let latest = Number.NEGATIVE_INFINITY;
  let latestRow = -1;
  for (let i = 0; i < days.length; i++) {
    const d = days[i] as number;
    if (d > latest) {
      latest = d;
      latestRow = i;
    }
  }
  if (asOf === undefined) return latest + 1;
  if (latest > asOf) {
    const first = Array.prototype.findIndex.call(days, (d: number) => d > asOf);
    throw new CvError(
      "BAD_VALUE",
      `as_of ${dayToIso(asOf)} is before ${argument} row ${first + 1} (${dayToIso(days[first] as number)}): choose an as-of date on or after the last purchase (${dayToIso(latest)}, row ${latestRow + 1})`,
      { argument: "as_of", row: first + 1 },
    );
  }
  return asOf;
}

/**
 * The as-of day of a transaction table: as resolveAsOf, over the rows that belong to a
 * customer only (rows without an id are skipped by the aggregation, so they do not set the
 * as-of day either). Cost: O(n).
 *
 * @throws CvError BAD_VALUE naming the first customer's row dated after the as-of date.
 * @example resolveCustomerAsOf(["a", ""], Float64Array.of(45000, 45100), undefined) === 45001
 */
export function resolveCustomerAsOf(ids: ArrayLike<unknown>, days: Float64Array, asOf: number | undefined): number {
  return resolveAsOf(days.map((d, i) => (isBlank(ids[i]) ? Number.NaN : d)), asOf);
}
