import { CvError } from "../core/errors";
import { IdIndex, NumberKeyMap } from "../core/idIndex";
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
  /**
   * Distinct purchase days per customer, ascending: days of customer c are purchaseDays[dayStart[c] … dayStart[c + 1]).
   * Listed on first access (read them into a local before a loop over customers).
   */
  readonly purchaseDays: Float64Array;
  readonly dayStart: Int32Array;
  /** Each row's customer index (−1 for a blank id), for per-row follow-ups such as per-day amounts. */
  rowCustomer: Int32Array;
  /** Rows skipped because the customer id was blank. */
  skippedBlankIds: number;
  /** The latest day in the data (purchases and returns). */
  latestDay: number;
}


/** Each customer's distinct purchase days, ascending: days of customer c are days[start[c] … start[c + 1]). */
interface DistinctDays {
  days: Float64Array;
  start: Int32Array;
}

/**
 * The distinct purchase days of every customer, ascending. When customers × days spanned is
 * at most 32 bits per row, one bit per (customer, day) marks them and a walk over the set
 * bits lists them in order (O(n + customers × span / 32)); otherwise two counting sorts, by
 * day then by customer (O(n + span + customers)). No comparison sort but for days that are not
 * whole (`span` is Infinity then: times of day kept), sorted customer by customer.
 */
function distinctPurchaseDays(customer: Int32Array, days: Float64Array, amounts: Float64Array | undefined, customers: number, minDay: number, span: number): DistinctDays {
  // A purchase row: a customer's row that is not a return, and (lines of one invoice sit
  // together) not a repeat of the row before's customer and day, which adds no new day.
  const purchase = (i: number) =>
    (customer[i] as number) >= 0 && !(amounts !== undefined && (amounts[i] as number) < 0) && !(i > 0 && customer[i] === customer[i - 1] && days[i] === days[i - 1] && !(amounts !== undefined && (amounts[i - 1] as number) < 0));
  const n = customer.length;
  const start = new Int32Array(customers + 1);
  if (customers * span <= Math.min(32 * n + 4096, 2 ** 31)) {
    const bits = new Int32Array(Math.ceil((customers * span) / 32));
    for (let i = 0; i < n; i++) {
      if (!purchase(i)) continue;
      const bit = (customer[i] as number) * span + ((days[i] as number) - minDay);
      bits[bit >>> 5] = (bits[bit >>> 5] as number) | (1 << (bit & 31));
    }
    let total = 0;
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w] as number;
      while (word !== 0) {
        total++;
        word &= word - 1;
      }
    }
    const out = new Float64Array(total);
    let k = 0;
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w] as number;
      while (word !== 0) {
        const low = word & -word;
        const bit = w * 32 + 31 - Math.clz32(low);
        const c = Math.floor(bit / span);
        out[k++] = bit - c * span + minDay;
        start[c + 1] = (start[c + 1] as number) + 1;
        word ^= low;
      }
    }
    for (let c = 0; c < customers; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
    return { days: out, start };
  }
  // Bucket the purchase rows by customer, each customer's days ascending, then de-duplicate:
  // whole days are put in day order first by a counting sort (over Excel's 2,958,466 days at most),
  // so the stable bucketing leaves them sorted; other days are sorted customer by customer.
  let order: Int32Array | undefined;
  // A span far beyond Excel's dates (a direct caller's own day numbers) is sorted customer by customer instead.
  if (Number.isFinite(span) && span <= Math.max(2_958_466, 4 * n)) {
    const dayStart = new Int32Array(span + 1);
    for (let i = 0; i < n; i++) if (purchase(i)) dayStart[(days[i] as number) - minDay + 1] = (dayStart[(days[i] as number) - minDay + 1] as number) + 1;
    for (let d = 0; d < span; d++) dayStart[d + 1] = (dayStart[d + 1] as number) + (dayStart[d] as number);
    order = new Int32Array(dayStart[span] as number);
    for (let i = 0; i < n; i++) {
      if (!purchase(i)) continue;
      const d = (days[i] as number) - minDay;
      order[dayStart[d] as number] = i;
      dayStart[d] = (dayStart[d] as number) + 1;
    }
  }
  const bucketStart = new Int32Array(customers + 1);
  for (let i = 0; i < n; i++) if (purchase(i)) bucketStart[(customer[i] as number) + 1] = (bucketStart[(customer[i] as number) + 1] as number) + 1;
  for (let c = 0; c < customers; c++) bucketStart[c + 1] = (bucketStart[c + 1] as number) + (bucketStart[c] as number);
  const bucketed = new Float64Array(bucketStart[customers] as number);
  const fill = bucketStart.slice(0, customers);
  const put = (i: number) => {
    const c = customer[i] as number;
    bucketed[fill[c] as number] = days[i] as number;
    fill[c] = (fill[c] as number) + 1;
  };
  if (order) for (let j = 0; j < order.length; j++) put(order[j] as number);
  else for (let i = 0; i < n; i++) if (purchase(i)) put(i);
  let k = 0;
  for (let c = 0; c < customers; c++) {
    const from = bucketStart[c] as number;
    const to = bucketStart[c + 1] as number;
    if (!order && to - from > 1) bucketed.subarray(from, to).sort();
    start[c] = k;
    for (let j = from; j < to; j++) if (j === from || bucketed[j] !== bucketed[j - 1]) bucketed[k++] = bucketed[j] as number;
  }
  start[customers] = k;
  return { days: bucketed.slice(0, k), start };
}

/**
 * Each row's id number (−1 for a blank id) into `out`. Lines of one invoice sit together, so
 * a row with the id of the row before takes its number without a lookup; a Float64Array of
 * ids (what the strict read gives for a column of numbers) is read with typed locals, so no
 * id is boxed on the way. O(n).
 */
function numberRows(ids: ArrayLike<unknown>, index: IdIndex, out: Int32Array): void {
  if (ids instanceof Float64Array) {
    let previous = Number.NaN;
    let previousCode = -1;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (id !== previous) {
        previous = id;
        previousCode = index.indexOfNumber(id);
      }
      out[i] = previousCode;
    }
    return;
  }
  let previous: unknown;
  let previousCode = -1;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (i === 0 || id !== previous) {
      previous = id;
      previousCode = index.indexOf(id);
    }
    out[i] = previousCode;
  }
}

/** True when no day has a time of day, so the distinct days can be marked in a bit set. O(n). */
function wholeDays(days: Float64Array): boolean {
  for (let i = 0; i < days.length; i++) if ((days[i] as number) !== Math.floor(days[i] as number)) return false;
  return true;
}

/** A copy of a per-customer array twice as long, the new half filled with `fill`. */
function grown(values: Float64Array, fill: number): Float64Array {
  const out = new Float64Array(values.length * 2);
  out.set(values);
  out.fill(fill, values.length);
  return out;
}

/**
 * Distinct invoices per customer among the purchase rows (a blank invoice id is an invoice
 * of its own kind: all blank-invoice rows of a customer count once). An invoice nearly
 * always belongs to one customer: the first customer seen with it owns it and counts it
 * once; a pair of another customer and that invoice (a shared invoice number) is counted
 * once through a hash of the pair. O(n), no sort.
 */
function distinctInvoices(customer: Int32Array, invoices: ArrayLike<unknown>, amounts: Float64Array | undefined, customers: number): Float64Array {
  const counts = new Float64Array(customers);
  const n = customer.length;
  // Each row's invoice number (−1 for a blank invoice id), so the loop below reads typed arrays only.
  const invoiceCode = new Int32Array(n);
  const invoiceIndex = IdIndex.forColumn(invoices);
  numberRows(invoices, invoiceIndex, invoiceCode);
  const invoiceCount = invoiceIndex.size;
  // owner[v]: the customer owning invoice code v − 1 (v = 0: the blank invoice).
  const owner = new Int32Array(invoiceCount + 1).fill(-1);
  // Shared pairs as one exact double, customer × (invoices + 1) + v: below 2^53 for up to 94 million rows.
  let shared: NumberKeyMap | undefined;
  let previousInvoice = -2;
  let previousCustomer = -1;
  for (let i = 0; i < n; i++) {
    const c = customer[i] as number;
    if (c < 0 || (amounts !== undefined && (amounts[i] as number) < 0)) continue;
    const v = (invoiceCode[i] as number) + 1;
    // The next line of the invoice just counted, for the same customer: nothing new.
    if (v === previousInvoice && c === previousCustomer) continue;
    previousInvoice = v;
    previousCustomer = c;
    const o = owner[v] as number;
    if (o < 0) {
      owner[v] = c;
      counts[c] = (counts[c] as number) + 1;
    } else if (o !== c) {
      shared ??= new NumberKeyMap();
      const before = shared.size;
      shared.getOrSet(c * (invoiceCount + 1) + v, 0);
      if (shared.size > before) counts[c] = (counts[c] as number) + 1;
    }
  }
  return counts;
}

/**
 * Aggregates a transaction table into per-customer histories (methods §6, §8): first and
 * last purchase, frequency (distinct invoices, or distinct purchase days), monetary value
 * (all amounts, returns included), and each customer's distinct purchase days. Rows in any
 * order; several purchases on one day count once without invoice ids; rows with a blank
 * id are skipped and counted; a row with a negative amount is a return, not a purchase.
 * Cost: O(n) for whole days spanning a few years (a bit per customer × day, invoices by
 * owner), O(n log n) at worst; no per-customer sets.
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
  const index = IdIndex.forColumn(tx.ids);
  const ids: string[] = [];
  const displayIds: unknown[] = [];
  const customer = new Int32Array(n);
  const amounts = tx.amounts;
  let skippedBlankIds = 0;
  let minDay = Number.POSITIVE_INFINITY;
  let latestDay = Number.NEGATIVE_INFINITY;
  // Per-customer sums in arrays that double as customers appear: one pass over the rows.
  let firstDay: Float64Array = new Float64Array(1024).fill(Number.NaN);
  let lastDay: Float64Array = new Float64Array(1024).fill(Number.NaN);
  let monetary: Float64Array = new Float64Array(1024);
  numberRows(tx.ids, index, customer);
  const days = tx.days;
  for (let i = 0; i < n; i++) {
    const c = customer[i] as number;
    if (c < 0) {
      skippedBlankIds++;
      continue;
    }
    if (c === ids.length) {
      ids.push(String(tx.ids[i]).trim());
      displayIds.push(tx.ids[i]);
      if (c === monetary.length) {
        firstDay = grown(firstDay, Number.NaN);
        lastDay = grown(lastDay, Number.NaN);
        monetary = grown(monetary, 0);
      }
    }
    const day = days[i] as number;
    if (day < minDay) minDay = day;
    if (day > latestDay) latestDay = day;
    if (amounts !== undefined) {
      const amount = amounts[i] as number;
      monetary[c] = (monetary[c] as number) + amount;
      if (amount < 0) continue;
    }
    if (!(day >= (firstDay[c] as number))) firstDay[c] = day;
    if (!(day <= (lastDay[c] as number))) lastDay[c] = day;
  }
  const customers = ids.length;
  if (customers === 0) {
    throw new CvError("NOT_COMPUTABLE", `customer_ids has no customer: all ${n.toLocaleString("en")} ${n === 1 ? "row is" : "rows are"} blank or #N/A`, { argument: "customer_ids" });
  }
  firstDay = firstDay.slice(0, customers);
  lastDay = lastDay.slice(0, customers);
  monetary = monetary.slice(0, customers);

  // Distinct purchase days per customer (for frequency without invoices, for silence and the lifetime
  // summaries): listed when first asked for, so CV.RFM with invoice ids never pays for them.
  const span = Number.isFinite(latestDay) ? latestDay - minDay + 1 : 1;
  let distinct: DistinctDays | undefined;
  const distinctDays = (): DistinctDays => (distinct ??= distinctPurchaseDays(customer, days, amounts, customers, minDay, wholeDays(days) ? span : Number.POSITIVE_INFINITY));
  let frequency: Float64Array;
  if (tx.invoices) {
    frequency = distinctInvoices(customer, tx.invoices, amounts, customers);
  } else {
    const dayStart = distinctDays().start;
    frequency = new Float64Array(customers);
    for (let c = 0; c < customers; c++) frequency[c] = (dayStart[c + 1] as number) - (dayStart[c] as number);
  }
  return {
    ids,
    displayIds,
    firstDay,
    lastDay,
    frequency,
    monetary,
    get purchaseDays() {
      return distinctDays().days;
    },
    get dayStart() {
      return distinctDays().start;
    },
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
