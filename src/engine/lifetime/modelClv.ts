import { type BgnbdParams, bgnbdExpected } from "./bgnbd";
import { CvError } from "../core/errors";
import { type GammaGammaParams, gammaGammaSpend } from "./gammaGamma";
import { TIME_UNIT_DAYS, type TimeUnit } from "./repeatSummary";

/** The money side of a model-based CLV: how far ahead, how to discount, and the margin on spend. */
export interface ModelClvOptions {
  /** Months ahead; a whole number ≥ 1. Default 12. */
  horizonMonths?: number;
  /** Discount rate per month, e.g. 0.01. Default 0.01. */
  monthlyDiscount?: number;
  /** Profit margin on spend, 0–1 (1 = revenue). Default 1. */
  margin?: number;
  /** The time unit x, t_x and T are counted in (and the BG/NBD rates were fitted in). Default week. */
  unit?: TimeUnit;
}

/**
 * Checks the CLV options and fills in the defaults.
 *
 * @throws CvError BAD_VALUE naming the option and the value.
 */
export function resolveModelClvOptions(o: ModelClvOptions): Required<ModelClvOptions> {
  const horizonMonths = o.horizonMonths ?? 12;
  const monthlyDiscount = o.monthlyDiscount ?? 0.01;
  const margin = o.margin ?? 1;
  if (!Number.isInteger(horizonMonths) || horizonMonths < 1 || horizonMonths > 1200) {
    throw new CvError("BAD_VALUE", `horizon must be a whole number of months from 1 to 1200, found ${horizonMonths}`, { argument: "horizon", value: horizonMonths });
  }
  if (!(monthlyDiscount >= 0) || monthlyDiscount >= 1) {
    throw new CvError("BAD_VALUE", `discount is a monthly rate from 0 up to 1 (e.g. 0.01 for 1% a month), found ${monthlyDiscount}`, { argument: "discount", value: monthlyDiscount });
  }
  if (!(margin >= 0) || margin > 1) throw new CvError("BAD_VALUE", `margin is a share of spend from 0 to 1, found ${margin}`, { argument: "margin", value: margin });
  return { horizonMonths, monthlyDiscount, margin, unit: o.unit ?? "week" };
}

/**
 * Discounted expected value of one customer over the next months (methods §9):
 * Σ_{i=1..H} margin · spend · (E[purchases by month i] − E[purchases by month i−1]) / (1 + d)^i,
 * with the BG/NBD conditional expectation for the purchases and the Gamma-Gamma expected
 * spend per purchase, as lifetimes' customer_lifetime_value computes it (but with a month
 * of 365.25/12 days). Cost: H hypergeometric series.
 *
 * @throws CvError OUT_OF_RANGE when the value is beyond ±1.8e308 (a spend near the largest
 *   double); as {@link bgnbdExpected} and {@link gammaGammaSpend} otherwise.
 *
 * @example modelClv(bg, gg, 2, 30.43, 38.86, 22.35, { horizonMonths: 12, monthlyDiscount: 0.01 })
 */
export function modelClv(bg: BgnbdParams, gg: GammaGammaParams, x: number, tx: number, T: number, avgSpend: number, options: Required<ModelClvOptions>): number {
  const spend = gammaGammaSpend(gg, x, avgSpend);
  const unitsPerMonth = TIME_UNIT_DAYS.month / TIME_UNIT_DAYS[options.unit];
  let value = 0;
  let before = 0;
  for (let month = 1; month <= options.horizonMonths; month++) {
    const upTo = bgnbdExpected(bg, month * unitsPerMonth, x, tx, T);
    value += (upTo - before) / Math.pow(1 + options.monthlyDiscount, month);
    before = upTo;
  }
  const clv = options.margin * spend * value;
  if (!Number.isFinite(clv)) {
    throw new CvError(
      "OUT_OF_RANGE",
      `the lifetime value (expected spend ${spend} × ${value} discounted purchases × margin ${options.margin}) is beyond the largest number Excel holds (±1.8E+308): rescale avg_spend (e.g. thousands instead of units)`,
      { argument: "avg_spend", value: avgSpend },
    );
  }
  return clv;
}

/**
 * The yearly rate equivalent to a monthly discount rate, (1 + d)¹² − 1, for showing a
 * monthly rate the way finance teams quote it. Cost: O(1).
 *
 * @example yearlyRate(0.01) // → 0.1268…
 */
export function yearlyRate(monthlyDiscount: number): number {
  return Math.pow(1 + monthlyDiscount, 12) - 1;
}
