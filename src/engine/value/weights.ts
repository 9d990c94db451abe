import { CvError } from "../core/errors";

/**
 * Checks a list of weights and rescales them to sum to 1. Weights may be fractions,
 * percentages or any non-negative numbers (40, 30, 30 and 0.4, 0.3, 0.3 are the same).
 * Weights whose sum would pass the largest double (1e308, 1e308) are divided by the largest
 * first, so they rescale as 0.5, 0.5. Cost: O(k).
 *
 * @param counted what `expectedCount` counts, for the message ("indicator columns", "aspects").
 * @throws CvError LENGTH_MISMATCH when the count differs from `expectedCount`; BAD_WEIGHTS
 *   for a blank, negative or infinite weight (naming its position), a positive weight too small
 *   beside the largest for its share to be a number above 0 (5e-324 beside 2), or when every
 *   weight is zero.
 * @example rescaleWeights([40, 30, 30], 3, "weights") // → [0.4, 0.3, 0.3]
 */
export function rescaleWeights(weights: readonly number[], expectedCount: number, argument: string, counted = "indicator columns"): Float64Array {
  if (weights.length !== expectedCount) {
    throw new CvError("LENGTH_MISMATCH", `${argument} has ${weights.length} entries but there are ${expectedCount} ${counted}`, { argument });
  }
  let largest = 0;
  weights.forEach((w, i) => {
    if (Number.isNaN(w)) {
      throw new CvError("BAD_WEIGHTS", `${argument} entry ${i + 1} is blank: give every indicator a weight (0 to leave it out)`, {
        argument,
        column: i + 1,
      });
    }
    if (w < 0) {
      throw new CvError("BAD_WEIGHTS", `${argument} entry ${i + 1} is negative (${w}): weights must be 0 or more`, {
        argument,
        column: i + 1,
        value: w,
      });
    }
    if (w === Number.POSITIVE_INFINITY) {
      // Excel cannot hold it, but text such as "1e999" or a model file can carry it: every other weight would count 0.
      throw new CvError("BAD_WEIGHTS", `${argument} entry ${i + 1} is infinite (${w}): give a finite weight (up to ±1.8E+308)`, {
        argument,
        column: i + 1,
        value: w,
      });
    }
    largest = Math.max(largest, w);
  });
  if (!(largest > 0)) {
    throw new CvError("BAD_WEIGHTS", `${argument}: every weight is zero, so nothing would count`, { argument });
  }
  const total = weights.reduce((sum, w) => sum + w, 0);
  let rescaled: Float64Array;
  if (Number.isFinite(total)) rescaled = Float64Array.from(weights, (w) => w / total);
  else {
    // Weights near 1e308 overflow the sum: divide by the largest first.
    const scaled = weights.reduce((sum, w) => sum + w / largest, 0);
    rescaled = Float64Array.from(weights, (w) => w / largest / scaled);
  }
  rescaled.forEach((share, i) => {
    // A positive weight whose share underflows to 0 would silently stop counting (and leave a customer who has only that indicator unscored).
    if (share === 0 && (weights[i] as number) > 0) {
      throw new CvError(
        "BAD_WEIGHTS",
        `${argument} entry ${i + 1} (${weights[i]}) is too small beside the largest weight (${largest}) for its share to be held in a number: give 0 to leave it out, or a larger weight`,
        { argument, column: i + 1, value: weights[i] },
      );
    }
  });
  return rescaled;
}
