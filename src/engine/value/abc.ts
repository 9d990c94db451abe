import { classifyByFloors } from "./classifyByFloors";
import { CvError } from "../core/errors";
import { sumScale } from "../core/scaling";
import { sortedPresent } from "../core/sorting";

/** Default ABC cuts on the cumulative share of value (methods §4). */
export const DEFAULT_ABC_CUTS: readonly number[] = [0.8, 0.95];

/** Float error allowed when a running share lands exactly on a cut (0.8 computed as 0.7999…). */
const CUT_TOLERANCE = 1e-12;

/**
 * Checks ABC cuts and returns them as shares: strictly ascending, in (0, 1], or given as
 * percentages in (1, 100] (80, 95 → 0.8, 0.95), as weights and tier shares may be.
 *
 * @throws CvError BAD_VALUE naming the offending entry.
 * @example abcCuts([80, 95]) // → [0.8, 0.95]
 */
export function abcCuts(raw: readonly number[], argument = "cuts"): number[] {
  if (raw.length === 0) throw new CvError("EMPTY_INPUT", `${argument} is empty`, { argument });
  const percentages = raw.every((cut) => cut > 1 && cut <= 100);
  const cuts = percentages ? raw.map((cut) => cut / 100) : [...raw];
  cuts.forEach((cut, i) => {
    if (!(cut > 0 && cut <= 1)) {
      throw new CvError("BAD_VALUE", `${argument} entry ${i + 1}: a cut is a share between 0 and 1 (e.g. 0.8, or 80 as a percentage), found ${Number.isNaN(cut) ? "a blank cell" : raw[i]}`, {
        argument,
        column: i + 1,
        value: cut,
      });
    }
    if (i > 0 && !(cut > (cuts[i - 1] as number))) {
      throw new CvError("BAD_VALUE", `${argument} must be ascending; entry ${i + 1} (${raw[i]}) is not above entry ${i} (${raw[i - 1]})`, {
        argument,
        column: i + 1,
        value: cut,
      });
    }
  });
  return cuts;
}

/**
 * Class labels for ABC: the given ones (a blank label falls back to its letter), or A, B,
 * C, … (then A2, B2, … past Z), one more than the cuts.
 *
 * @throws CvError LENGTH_MISMATCH when the count is not cuts + 1.
 * @example abcLabels(2) // → ["A", "B", "C"]
 */
export function abcLabels(cutCount: number, labels?: readonly string[], argument = "labels"): string[] {
  const letters = Array.from({ length: cutCount + 1 }, (_, k) => String.fromCharCode(65 + (k % 26)) + (k >= 26 ? String(Math.floor(k / 26) + 1) : ""));
  if (labels === undefined) return letters;
  if (labels.length !== cutCount + 1) {
    throw new CvError("LENGTH_MISMATCH", `${argument} has ${labels.length} labels; ${cutCount} cuts make ${cutCount + 1} classes`, { argument });
  }
  return labels.map((label, k) => (label === "" ? (letters[k] as string) : label));
}

/**
 * ABC classes by cumulative share of value (methods §4). Customers are taken by value,
 * descending; S_prev is the share of total positive value held by those before. A
 * customer is in class 0 (A) while S_prev < cuts[0], class 1 (B) while S_prev < cuts[1],
 * and so on; so the customer who crosses 80% is still A. Customers with value ≤ 0 are in
 * the last class; ties share the class of the first of them; missing values get −1.
 * Values whose total would pass the largest double are summed rescaled by a power of two
 * (exact), so the shares are those of the true total. Cost: O(n log n).
 *
 * @example abcClassIndex(Float64Array.of(50, 30, 15, 5)) // → Int32Array [0, 0, 1, 2]
 */
export function abcClassIndex(values: Float64Array, rawCuts: readonly number[] = DEFAULT_ABC_CUTS): Int32Array {
  const cuts = abcCuts(rawCuts);
  const sorted = sortedPresent(values);
  const n = sorted.length;
  const last = cuts.length;
  // Shares are read on values rescaled by a power of two (exact) when the plain total of values near 1.8e308 would overflow.
  const scale = n === 0 ? 1 : sumScale(sorted[n - 1] as number, n);
  let total = 0;
  for (let p = 0; p < n; p++) total += Math.max(sorted[p] as number, 0) * scale;

  // Walking down from the top value, S_prev only grows, so each class is a value floor: the
  // lowest positive value whose tie group starts below the class's cut (+∞ when none does).
  const floors = new Float64Array(cuts.length).fill(Number.POSITIVE_INFINITY);
  let before = 0;
  for (let p = n - 1; p >= 0; p--) {
    const v = sorted[p] as number;
    if (!(v > 0 && total > 0)) break;
    // Later members of a tie group have a larger S_prev, so they never lower a floor: ties share a class.
    const share = before / total;
    for (let k = 0; k < cuts.length; k++) if (share < (cuts[k] as number) - CUT_TOLERANCE) floors[k] = v;
    before += v * scale;
  }

  // Floors are positive values or +∞, so a value ≤ 0 reaches none and lands in the last class.
  return classifyByFloors(values, floors, last);
}
