import { CvError } from "../core/errors";
import { sumScale } from "../core/scaling";
import { sortedPresent } from "../core/sorting";

/** One point of a Pareto or whale curve: a share of customers (top first) and a share of value. */
export interface CurvePoint {
  customerShare: number;
  valueShare: number;
}

/** Customers sorted by value, descending, with running totals: the base of both curves. */
interface Ranked {
  n: number;
  /** prefix[i] = sum of the top i customers' values (positive parts only when built for Pareto), times a power of two when the plain sum would overflow: only shares are read from it. */
  prefix: Float64Array;
  /** The i-th value from the top (clipped at 0 for Pareto). */
  descending: Float64Array;
  total: number;
}

function rankDescending(values: Float64Array, positiveOnly: boolean): Ranked {
  const sorted = sortedPresent(values);
  const n = sorted.length;
  const descending = new Float64Array(n);
  const prefix = new Float64Array(n + 1);
  // Running totals of values near 1.8e308 would overflow: rescale by a power of two (exact), which every share ignores.
  const scale = n === 0 ? 1 : sumScale(Math.max(Math.abs(sorted[0] as number), Math.abs(sorted[n - 1] as number)), n);
  for (let i = 0; i < n; i++) {
    const v = (sorted[n - 1 - i] as number) * scale;
    const counted = positiveOnly ? Math.max(v, 0) : v;
    descending[i] = counted;
    prefix[i + 1] = (prefix[i] as number) + counted;
  }
  return { n, prefix, descending, total: prefix[n] as number };
}

/** The running total held by the top `share` of customers, interpolating within a customer. */
function runningTotalAt(ranked: Ranked, share: number): number {
  const exact = share * ranked.n;
  const rounded = Math.round(exact);
  const position = Math.abs(exact - rounded) <= 1e-9 * Math.max(1, ranked.n) ? rounded : exact;
  const whole = Math.min(Math.floor(position), ranked.n);
  const fraction = position - whole;
  const partial = whole < ranked.n && fraction > 0 ? fraction * (ranked.descending[whole] as number) : 0;
  return (ranked.prefix[whole] as number) + partial;
}

function checkShare(share: number, argument: string): void {
  if (!(share >= 0 && share <= 1)) {
    throw new CvError("BAD_VALUE", `${argument}: a share of customers is between 0 and 1 (0.2 for the top 20%), found ${Number.isNaN(share) ? "a blank cell" : share}`, {
      argument,
      value: share,
    });
  }
}

function requireCustomers(ranked: Ranked, argument: string): void {
  if (ranked.n === 0) throw new CvError("EMPTY_INPUT", `${argument} has no numbers`, { argument });
}

/**
 * The share of total positive value held by the top `customerShare` of customers
 * (methods §4). A share that falls between whole customers interpolates linearly: 20% of
 * 4,338 customers is 867.6, i.e. the top 867 customers' value plus 0.6 of the 868th's.
 * Values ≤ 0 add nothing; missing values are left out of n. Cost: O(n log n).
 *
 * @throws CvError NOT_COMPUTABLE when no value is positive.
 * @example paretoShare(Float64Array.of(60, 20, 10, 10, 0), 0.2) === 0.6
 */
export function paretoShare(values: Float64Array, customerShare = 0.2, argument = "values"): number {
  checkShare(customerShare, "customer_share");
  const ranked = rankDescending(values, true);
  requireCustomers(ranked, argument);
  if (!(ranked.total > 0)) throw new CvError("NOT_COMPUTABLE", `${argument} has no positive value, so there is no share to take`, { argument });
  return runningTotalAt(ranked, customerShare) / ranked.total;
}

/**
 * The Pareto curve (methods §4): for each customer share, the cumulative share of total
 * positive value held by the top customers, for plotting and for the "top 20% hold X%"
 * headline. Cost: O(n log n + points).
 *
 * @throws CvError NOT_COMPUTABLE when no value is positive.
 * @example paretoCurve(Float64Array.of(60, 20, 10, 10, 0), [0.2, 1]) // → [{0.2, 0.6}, {1, 1}]
 */
export function paretoCurve(values: Float64Array, customerShares: readonly number[], argument = "values"): CurvePoint[] {
  customerShares.forEach((s, i) => checkShare(s, customerShares.length > 1 ? `points entry ${i + 1}` : "points"));
  const ranked = rankDescending(values, true);
  requireCustomers(ranked, argument);
  if (!(ranked.total > 0)) throw new CvError("NOT_COMPUTABLE", `${argument} has no positive value, so there is no curve to draw`, { argument });
  return customerShares.map((customerShare) => ({ customerShare, valueShare: runningTotalAt(ranked, customerShare) / ranked.total }));
}

/**
 * Evenly spaced customer shares 1/count, 2/count, …, 1 (20 points: 5%, 10%, … 100%).
 *
 * @throws CvError BAD_VALUE unless count is a whole number from 1 to 1000.
 */
export function evenShares(count: number, argument = "points"): number[] {
  if (!(Number.isInteger(count) && count >= 1 && count <= 1000)) {
    throw new CvError("BAD_VALUE", `${argument}: give a whole number of points from 1 to 1000, or a list of shares; found ${count}`, { argument, value: count });
  }
  return Array.from({ length: count }, (_, i) => (i + 1) / count);
}

/** What the whale curve says (methods §4). */
export interface WhaleSummary {
  customers: number;
  totalProfit: number;
  /** Share of customers (the profitable ones, top first) at which cumulative profit peaks. */
  peakCustomerShare: number;
  /** Cumulative profit at the peak as a share of total profit (e.g. 1.6 = 160%); NaN when total profit ≤ 0. */
  peakProfitShare: number;
  unprofitableCustomers: number;
  /** Profit destroyed by the customers with negative profit, as a positive amount. */
  profitLost: number;
}

/**
 * The whale curve summary (methods §4): customers sorted by profit, descending; cumulative
 * profit climbs through the profitable customers, peaks, and falls through the
 * unprofitable ones. Reports where it peaks ("the most profitable 22% of customers earn
 * 160% of profit") and the profit lost to unprofitable customers. Missing values are left
 * out. Sums that would overflow are taken on values rescaled by a power of two, so the
 * shares stay exact. Cost: O(n).
 *
 * @example whaleSummary(Float64Array.of(100, 60, -40, 0, -20))
 * // → peakCustomerShare 0.4, peakProfitShare 160 / 100 = 1.6, unprofitableCustomers 2, profitLost 60
 */
export function whaleSummary(profits: Float64Array, argument = "profits"): WhaleSummary {
  let customers = 0;
  let positive = 0;
  let negative = 0;
  let profitable = 0;
  let unprofitable = 0;
  let largest = 0;
  for (let i = 0; i < profits.length; i++) {
    const p = profits[i] as number;
    if (Math.abs(p) > largest) largest = Math.abs(p);
  }
  // Sums near 1.8e308 overflow: sum rescaled values (a power of two, exact) and scale back only the amounts.
  const scale = sumScale(largest, profits.length);
  for (let i = 0; i < profits.length; i++) {
    // Signs from the profits as given: a tiny profit rescaled beside a huge one may round to 0, yet it is still a profit.
    const raw = profits[i] as number;
    if (Number.isNaN(raw)) continue;
    const p = raw * scale;
    customers++;
    if (raw > 0) {
      positive += p;
      profitable++;
    } else if (raw < 0) {
      negative += p;
      unprofitable++;
    }
  }
  if (customers === 0) throw new CvError("EMPTY_INPUT", `${argument} has no numbers`, { argument });
  const totalProfit = positive + negative;
  return {
    customers,
    // An amount beyond a double stays Infinity here; the front door shows it as #NUM! with the reason.
    totalProfit: totalProfit / scale,
    peakCustomerShare: profitable / customers,
    peakProfitShare: totalProfit > 0 ? positive / totalProfit : Number.NaN,
    unprofitableCustomers: unprofitable,
    profitLost: -negative / scale,
  };
}
