import { classifyByFloors } from "./classifyByFloors";
import { CvError } from "./errors";
import { sortedPresent } from "./sorting";

/** Default ABC cuts on the cumulative share of value (methods §4). */
export const DEFAULT_ABC_CUTS: readonly number[] = [0.8, 0.95];

/** Float error allowed when a running share lands exactly on a cut (0.8 computed as 0.7999…). */
const CUT_TOLERANCE = 1e-12;

/**
 * Checks ABC cuts: strictly ascending shares in (0, 1].
 *
 * @throws CvError BAD_VALUE naming the offending entry.
 */
export function checkAbcCuts(cuts: readonly number[], argument = "cuts"): void {
  if (cuts.length === 0) throw new CvError("EMPTY_INPUT", `${argument} is empty`, { argument });
  cuts.forEach((cut, i) => {
    if (!(cut > 0 && cut <= 1)) {
      throw new CvError("BAD_VALUE", `${argument} entry ${i + 1}: a cut is a share between 0 and 1 (e.g. 0.8), found ${Number.isNaN(cut) ? "a blank cell" : cut}`, {
        argument,
        column: i + 1,
        value: cut,
      });
    }
    if (i > 0 && !(cut > (cuts[i - 1] as number))) {
      throw new CvError("BAD_VALUE", `${argument} must be ascending; entry ${i + 1} (${cut}) is not above entry ${i} (${cuts[i - 1]})`, {
        argument,
        column: i + 1,
        value: cut,
      });
    }
  });
}

/**
 * ABC classes by cumulative share of value (methods §4). Customers are taken by value,
 * descending; S_prev is the share of total positive value held by those before. A
 * customer is in class 0 (A) while S_prev < cuts[0], class 1 (B) while S_prev < cuts[1],
 * and so on; so the customer who crosses 80% is still A. Customers with value ≤ 0 are in
 * the last class; ties share the class of the first of them; missing values get −1.
 * Cost: O(n log n).
 *
 * @example abcClassIndex(Float64Array.of(50, 30, 15, 5)) // → Int32Array [0, 0, 1, 2]
 */
export function abcClassIndex(values: Float64Array, cuts: readonly number[] = DEFAULT_ABC_CUTS): Int32Array {
  checkAbcCuts(cuts);
  const sorted = sortedPresent(values);
  const n = sorted.length;
  const last = cuts.length;
  let total = 0;
  for (let p = 0; p < n; p++) total += Math.max(sorted[p] as number, 0);

  // Walking down from the top value, S_prev only grows, so each class is a value floor: the
  // lowest positive value whose tie group starts below the class's cut (+∞ when none does).
  const floors = new Float64Array(cuts.length).fill(Number.POSITIVE_INFINITY);
  let before = 0;
  for (let p = n - 1; p >= 0; p--) {
    const v = sorted[p] as number;
    if (!(v > 0 && total > 0)) break;
    const startsGroup = p === n - 1 || v !== sorted[p + 1];
    if (startsGroup) {
      const share = before / total;
      for (let k = 0; k < cuts.length; k++) if (share < (cuts[k] as number) - CUT_TOLERANCE) floors[k] = v;
    }
    before += v;
  }

  // Floors are positive values or +∞, so a value ≤ 0 reaches none and lands in the last class.
  return classifyByFloors(values, floors, last);
}
