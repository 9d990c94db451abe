import { CvError } from "../core/errors";

/**
 * Checks a list of weights and rescales them to sum to 1. Weights may be fractions,
 * percentages or any non-negative numbers (40, 30, 30 and 0.4, 0.3, 0.3 are the same).
 *
 * @param counted what `expectedCount` counts, for the message ("indicator columns", "aspects").
 * @throws CvError LENGTH_MISMATCH when the count differs from `expectedCount`; BAD_WEIGHTS
 *   for a blank or negative weight (naming its position) or when every weight is zero.
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
    largest = Math.max(largest, w);
  });
  if (!(largest > 0)) {
    throw new CvError("BAD_WEIGHTS", `${argument}: every weight is zero, so nothing would count`, { argument });
  }
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (Number.isFinite(total)) return Float64Array.from(weights, (w) => w / total);
  // Weights near 1e308 overflow the sum: divide by the largest first.
  const scaled = weights.reduce((sum, w) => sum + w / largest, 0);
  return Float64Array.from(weights, (w) => w / largest / scaled);
}
