import { CvError, describeValue, errorCodeOf } from "../core/errors";
import { IdIndex } from "../core/idIndex";
import { LabelIndex } from "../core/labelIndex";
import { isMissing } from "../core/table";

/** Sales (and profit) of one group of customers in the two periods. */
export interface DevelopmentFigures {
  customers: number;
  salesPrevious: number;
  salesCurrent: number;
  /** salesCurrent − salesPrevious. */
  change: number;
  /** change / |salesPrevious|; NaN when salesPrevious is 0 (new customers). */
  growth: number;
  /** salesCurrent / the total current sales; NaN when the total is 0. */
  share: number;
  /** The same for profit; all 0 (growth NaN) without profits. */
  profitPrevious: number;
  profitCurrent: number;
  profitChange: number;
  profitGrowth: number;
}

/** Development performance between two periods: existing against new customers. */
export interface DevelopmentPerformance {
  /** The two periods' labels as first written in the data (2010, "2011-Q1"). */
  previous: string | number;
  current: string | number;
  /** Customers who bought in the previous period, with their sales in both periods. */
  existing: DevelopmentFigures;
  /** Customers who bought in the current period and not in the previous one. */
  newCustomers: DevelopmentFigures;
  /** Both together: every sale of the two periods. */
  total: DevelopmentFigures;
  /** Existing customers who bought nothing in the current period (their current sales are 0). */
  lostCustomers: number;
  /** Whether profits were given. */
  hasProfits: boolean;
  /** Rows of other periods, left out. */
  otherPeriodRows: number;
  /** Rows blank in every column, skipped. */
  blankRows: number;
}

/** One row per purchase (or per customer and period): id, period label, amount, and optionally profit. */
export interface DevelopmentInput {
  customerIds: ArrayLike<unknown>;
  periods: ArrayLike<unknown>;
  /** Amounts; NaN = blank. Negative amounts (returns) count. */
  amounts: ArrayLike<number>;
  /** Profits, same rows; NaN = blank. */
  profits?: ArrayLike<number>;
  /** The earlier period's label, matched like ids (2010 and "2010" are one period). */
  previous: unknown;
  /** The later period's label. */
  current: unknown;
}

/** The argument names messages use. */
export interface DevelopmentArgumentNames {
  customerIds: string;
  periods: string;
  amounts: string;
  profits: string;
  previous: string;
  current: string;
}

const DEFAULT_NAMES: DevelopmentArgumentNames = { customerIds: "customer_ids", periods: "periods", amounts: "amounts", profits: "profits", previous: "previous", current: "current" };

function isBadLabel(value: unknown): boolean {
  return typeof value === "boolean" || errorCodeOf(value) !== undefined || (typeof value === "number" && !Number.isFinite(value)) || (typeof value === "object" && value !== null);
}

/** change / |previous|, NaN when previous is 0; a ratio, NaN when the whole is 0. */
const growthOf = (change: number, previous: number): number => (previous === 0 ? Number.NaN : change / Math.abs(previous));
const shareOf = (part: number, whole: number): number => (whole === 0 ? Number.NaN : part / whole);

function figures(customers: number, salesPrevious: number, salesCurrent: number, totalCurrent: number, profitPrevious: number, profitCurrent: number): DevelopmentFigures {
  const change = salesCurrent - salesPrevious;
  const profitChange = profitCurrent - profitPrevious;
  return {
    customers,
    salesPrevious,
    salesCurrent,
    change,
    growth: growthOf(change, salesPrevious),
    share: shareOf(salesCurrent, totalCurrent),
    profitPrevious,
    profitCurrent,
    profitChange,
    profitGrowth: growthOf(profitChange, profitPrevious),
  };
}

/**
 * Development performance (methods §10): how existing customers developed between two
 * periods, against the new customers won in the later one.
 *
 * - **Existing customers** bought in the previous period (any row of that period, whatever
 *   its amount). Their sales in each period are the sums of their rows there; one who
 *   bought nothing in the current period counts with 0 (a lost customer).
 * - **New customers** bought in the current period and not in the previous one (a
 *   customer back after skipping the previous period counts as new). Their previous
 *   sales are 0, so their growth is undefined (NaN).
 * - **Total**: both groups, i.e. every sale of the two periods.
 *
 * For each: customers, sales in both periods, change = current − previous, growth =
 * change / |previous| (NaN when previous is 0; the absolute value keeps a loss turning
 * into a profit a positive growth), share of the current period's total sales, and the
 * same change and growth for profit when profits are given. Period labels are matched
 * ignoring case and spaces, the first spelling kept (2010 and "2010" are one period, "q1"
 * is "Q1"); rows of other periods are left out
 * and counted; rows blank in every column are skipped; negative amounts (returns) count.
 * Cost: O(n).
 *
 * @throws CvError LENGTH_MISMATCH for columns of different lengths; BAD_VALUE naming the
 *   argument, row and value for a blank id, period, amount or profit in a filled row, or an
 *   id or period that is an error value or TRUE/FALSE; BAD_VALUE for a previous or current
 *   that is blank, the same period twice, or not in periods (listing some that are);
 *   EMPTY_INPUT when every row is blank.
 * @example
 * developmentPerformance({ customerIds: ["A", "A", "B"], periods: [2010, 2011, 2011], amounts: [100, 150, 40], previous: 2010, current: 2011 }).existing.growth // → 0.5
 */
export function developmentPerformance(input: DevelopmentInput, names: DevelopmentArgumentNames = DEFAULT_NAMES): DevelopmentPerformance {
  const { customerIds, periods, amounts, profits } = input;
  const n = customerIds.length;
  for (const [column, name] of [
    [periods, names.periods],
    [amounts, names.amounts],
    ...(profits !== undefined ? [[profits, names.profits] as const] : []),
  ] as const) {
    if (column.length !== n) {
      throw new CvError("LENGTH_MISMATCH", `${name} has ${column.length} rows but ${names.customerIds} has ${n}: select ranges of the same height`, { argument: name });
    }
  }

  const customerIndex = new IdIndex();
  // Periods are labels: matched ignoring case and spaces, the first spelling kept ("q1" is "Q1"; 2010 is "2010").
  const periodIndex = new LabelIndex();
  const periodLabels: (string | number)[] = [];
  const rowCustomer = new Int32Array(n).fill(-1);
  const rowPeriod = new Int32Array(n).fill(-1);
  let blankRows = 0;
  for (let i = 0; i < n; i++) {
    const id = customerIds[i];
    const period = periods[i];
    const amount = amounts[i] as number;
    const profit = profits === undefined ? Number.NaN : (profits[i] as number);
    const row = i + 1;
    if (isMissing(id) && isMissing(period) && Number.isNaN(amount) && Number.isNaN(profit)) {
      blankRows++;
      continue;
    }
    for (const [value, name, what] of [
      [id, names.customerIds, "a customer id"],
      [period, names.periods, "a period label"],
    ] as const) {
      if (isBadLabel(value)) throw new CvError("BAD_VALUE", `${name} row ${row}: expected ${what}, found ${describeValue(value)}`, { argument: name, row, value });
    }
    if (isMissing(id)) {
      throw new CvError("BAD_VALUE", `${names.customerIds} row ${row} is blank beside the period ${describeValue(period)}: give every purchase a customer id`, { argument: names.customerIds, row, value: id });
    }
    const who = `customer ${describeValue(id)}`;
    if (isMissing(period)) {
      throw new CvError("BAD_VALUE", `${names.periods} row ${row} is blank beside ${who}: give every purchase a period (e.g. 2010 or "2011-Q1")`, { argument: names.periods, row, value: period });
    }
    if (Number.isNaN(amount)) {
      throw new CvError("BAD_VALUE", `${names.amounts} row ${row} is blank beside ${who} in period ${describeValue(period)}: give every purchase an amount`, { argument: names.amounts, row, value: amount });
    }
    if (profits !== undefined && Number.isNaN(profit)) {
      throw new CvError("BAD_VALUE", `${names.profits} row ${row} is blank beside ${who} in period ${describeValue(period)}: give every purchase a profit, or leave profits out`, { argument: names.profits, row, value: profit });
    }
    rowCustomer[i] = customerIndex.indexOf(id);
    const p = periodIndex.add(String(period));
    if (p === periodLabels.length) periodLabels.push(typeof period === "string" ? period.trim() : (period as number));
    rowPeriod[i] = p;
  }
  if (periodLabels.length === 0) {
    throw new CvError("EMPTY_INPUT", `${names.customerIds}, ${names.periods} and ${names.amounts} hold no purchases: select one row per purchase`, { argument: names.customerIds });
  }

  const periodOf = (value: unknown, argument: string): number => {
    if (isMissing(value) || isBadLabel(value)) {
      throw new CvError("BAD_VALUE", `${argument}: expected a period label as written in ${names.periods} (e.g. ${describeValue(periodLabels[0])}), found ${describeValue(value)}`, { argument, value });
    }
    const p = periodIndex.get(String(value));
    if (p === undefined) {
      const some = periodLabels.slice(0, 6).map(describeValue).join(", ");
      throw new CvError("BAD_VALUE", `${argument}: the period ${describeValue(value)} is not in ${names.periods}, which holds ${some}${periodLabels.length > 6 ? ", …" : ""}`, { argument, value });
    }
    return p;
  };
  if (!isMissing(input.previous) && !isBadLabel(input.previous) && String(input.previous).trim().toLowerCase() === String(input.current).trim().toLowerCase()) {
    throw new CvError("BAD_VALUE", `${names.previous} and ${names.current} are both the period ${describeValue(input.previous)}: give two different periods`, { argument: names.current, value: input.current });
  }
  const previous = periodOf(input.previous, names.previous);
  const current = periodOf(input.current, names.current);

  const customers = customerIndex.size;
  const salesPrevious = new Float64Array(customers);
  const salesCurrent = new Float64Array(customers);
  const profitPrevious = new Float64Array(customers);
  const profitCurrent = new Float64Array(customers);
  const inPrevious = new Uint8Array(customers);
  const inCurrent = new Uint8Array(customers);
  let otherPeriodRows = 0;
  for (let i = 0; i < n; i++) {
    const c = rowCustomer[i] as number;
    if (c < 0) continue;
    const p = rowPeriod[i] as number;
    const profit = profits === undefined ? 0 : (profits[i] as number);
    if (p === previous) {
      inPrevious[c] = 1;
      salesPrevious[c] = (salesPrevious[c] as number) + (amounts[i] as number);
      profitPrevious[c] = (profitPrevious[c] as number) + profit;
    } else if (p === current) {
      inCurrent[c] = 1;
      salesCurrent[c] = (salesCurrent[c] as number) + (amounts[i] as number);
      profitCurrent[c] = (profitCurrent[c] as number) + profit;
    } else otherPeriodRows++;
  }

  // Sums per group; the totals are the two groups added, so existing + new = total exactly.
  const sum = { existing: [0, 0, 0, 0, 0], fresh: [0, 0, 0, 0, 0] };
  let lostCustomers = 0;
  for (let c = 0; c < customers; c++) {
    const group = inPrevious[c] === 1 ? sum.existing : inCurrent[c] === 1 ? sum.fresh : undefined;
    if (group === undefined) continue;
    if (inPrevious[c] === 1 && inCurrent[c] === 0) lostCustomers++;
    group[0] = (group[0] as number) + 1;
    group[1] = (group[1] as number) + (salesPrevious[c] as number);
    group[2] = (group[2] as number) + (salesCurrent[c] as number);
    group[3] = (group[3] as number) + (profitPrevious[c] as number);
    group[4] = (group[4] as number) + (profitCurrent[c] as number);
  }
  const [ec, ep, ecur, epp, epc] = sum.existing as [number, number, number, number, number];
  const [nc, np, ncur, npp, npc] = sum.fresh as [number, number, number, number, number];
  const totalCurrent = ecur + ncur;
  return {
    previous: periodLabels[previous] as string | number,
    current: periodLabels[current] as string | number,
    existing: figures(ec, ep, ecur, totalCurrent, epp, epc),
    newCustomers: figures(nc, np, ncur, totalCurrent, npp, npc),
    total: figures(ec + nc, ep + np, totalCurrent, totalCurrent, epp + npp, epc + npc),
    lostCustomers,
    hasProfits: profits !== undefined,
    otherPeriodRows,
    blankRows,
  };
}
