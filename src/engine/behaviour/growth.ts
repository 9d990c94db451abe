import { CvError } from "../core/errors";

/** Growth classes (methods §10), in the order their rules are tried. */
export const GROWTH_CLASSES = ["Sleeping", "Fast-growing", "Loyal", "Worth cultivating"] as const;

/** Options of {@link growthClasses}. */
export interface GrowthOptions {
  /** Growth at or above this is Fast-growing, and Loyal needs −fastGrowth < growth < fastGrowth (default 0.2 = 20%). */
  fastGrowth?: number;
  /** Loyal needs a tenure of at least this many days (default 365 = one year). */
  loyalDays?: number;
}

/** Per-customer growth class: an index into GROWTH_CLASSES (−1 = not computable), growth and why. */
export interface GrowthResult {
  index: Int32Array;
  /** (current − previous) / previous, rounded to 9 decimals; NaN when previous ≤ 0 or both are blank. */
  growth: Float64Array;
  /** For a −1 row, why it has no class; "" otherwise. */
  notes: string[];
}

/** Growth is compared after rounding to 9 decimals, so 1.2 over 1 counts as exactly 20% (not 19.999…%). */
const GROWTH_DECIMALS = 1e9;

/**
 * Growth classes from two periods of revenue (methods §10), first rule that applies:
 *
 * 1. **Sleeping**: bought before (previous > 0), nothing now (current ≤ 0 or blank).
 * 2. **Fast-growing**: growth = (current − previous) / previous ≥ fastGrowth (20%).
 * 3. **Loyal**: tenure ≥ loyalDays (365) and −fastGrowth < growth < fastGrowth.
 * 4. **Worth cultivating**: the rest — falling by 20% or more, stable but younger than a
 *    year, and customers with no growth rate: new ones (previous 0 or blank, current > 0)
 *    and ones with nothing in either period (0 and 0).
 *
 * A blank in one period counts as no revenue in it; both blank is no data (−1, with a
 * note). Growth is undefined when previous ≤ 0, so a new customer is never Fast-growing
 * or Loyal: its growth rate is not a rate, and its tenure is under a period. `tenureDays`
 * is each customer's tenure in days, or one number for all; omitted, every customer is
 * taken to have a year (the two periods are consecutive years). A blank tenure is a −1
 * row only when the class depends on it (stable growth). Cost: O(n).
 *
 * @throws CvError LENGTH_MISMATCH for columns of different lengths; BAD_VALUE for a
 *   fastGrowth that is not positive, a negative loyalDays, or a negative tenure (naming the row).
 * @example growthClasses(Float64Array.of(100, 100, 100, 100), Float64Array.of(0, 120, 90, 70)).index // → [0, 1, 2, 3]
 */
export function growthClasses(
  previous: Float64Array,
  current: Float64Array,
  tenureDays?: Float64Array | number,
  options: GrowthOptions = {},
): GrowthResult {
  const n = previous.length;
  if (current.length !== n) {
    throw new CvError("LENGTH_MISMATCH", `current has ${current.length} rows but previous has ${n}: select ranges of the same height`, { argument: "current" });
  }
  if (typeof tenureDays === "object" && tenureDays.length !== n) {
    throw new CvError("LENGTH_MISMATCH", `tenure_days has ${tenureDays.length} rows but previous has ${n}: select ranges of the same height, or give one number`, {
      argument: "tenure_days",
    });
  }
  const fast = options.fastGrowth ?? 0.2;
  if (!(fast > 0) || !Number.isFinite(fast)) {
    throw new CvError("BAD_VALUE", `fast_growth must be a positive growth rate such as 0.2 or 20%, found ${Number.isNaN(fast) ? "a blank cell" : fast}`, {
      argument: "fast_growth",
      value: fast,
    });
  }
  const loyalDays = options.loyalDays ?? 365;
  if (!(loyalDays >= 0) || !Number.isFinite(loyalDays)) {
    throw new CvError("BAD_VALUE", `loyal_days must be a number of days, 0 or more, found ${loyalDays}`, { argument: "loyal_days", value: loyalDays });
  }
  const tenureOf = (i: number): number => (tenureDays === undefined ? Number.POSITIVE_INFINITY : typeof tenureDays === "number" ? tenureDays : (tenureDays[i] as number));
  for (let i = 0; i < n; i++) {
    const t = tenureOf(i);
    if (t < 0) {
      const where = typeof tenureDays === "number" ? "tenure_days" : `tenure_days row ${i + 1}`;
      throw new CvError("BAD_VALUE", `${where}: a tenure is a number of days, 0 or more, found ${t}`, { argument: "tenure_days", row: i + 1, value: t });
    }
  }

  const index = new Int32Array(n);
  const growth = new Float64Array(n).fill(Number.NaN);
  const notes: string[] = new Array(n).fill("");
  for (let i = 0; i < n; i++) {
    const p = previous[i] as number;
    const c = current[i] as number;
    if (Number.isNaN(p) && Number.isNaN(c)) {
      index[i] = -1;
      notes[i] = `previous and current row ${i + 1} are both blank`;
      continue;
    }
    const before = Number.isNaN(p) ? 0 : p;
    const now = Number.isNaN(c) ? 0 : c;
    if (!(before > 0)) {
      index[i] = 3;
      continue;
    }
    const g = Math.round(((now - before) / before) * GROWTH_DECIMALS) / GROWTH_DECIMALS;
    growth[i] = g;
    if (now <= 0) {
      index[i] = 0;
    } else if (g >= fast) {
      index[i] = 1;
    } else if (g > -fast) {
      const t = tenureOf(i);
      if (Number.isNaN(t)) {
        index[i] = -1;
        notes[i] = `tenure_days row ${i + 1} is blank: with growth ${formatPercent(g)} the class is Loyal if the tenure is at least ${loyalDays} days`;
      } else {
        index[i] = t >= loyalDays ? 2 : 3;
      }
    } else {
      index[i] = 3;
    }
  }
  return { index, growth, notes };
}

function formatPercent(rate: number): string {
  return `${Number((rate * 100).toPrecision(6))}%`;
}
