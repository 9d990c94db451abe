import { CvError } from "./errors";

/**
 * Checks a list of weights and rescales them to sum to 1. Weights may be fractions,
 * percentages or any non-negative numbers (40, 30, 30 and 0.4, 0.3, 0.3 are the same).
 *
 * @throws CvError LENGTH_MISMATCH when the count differs from `expectedCount`; BAD_WEIGHTS
 *   for a blank or negative weight (naming its position) or when every weight is zero.
 * @example rescaleWeights([40, 30, 30], 3, "weights") // → [0.4, 0.3, 0.3]
 */
export function rescaleWeights(weights: readonly number[], expectedCount: number, argument: string): Float64Array {
  if (weights.length !== expectedCount) {
    throw new CvError(
      "LENGTH_MISMATCH",
      `${argument} has ${weights.length} entries but there are ${expectedCount} indicator columns`,
      { argument },
    );
  }
  let total = 0;
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
    total += w;
  });
  if (!(total > 0)) {
    throw new CvError("BAD_WEIGHTS", `${argument}: every weight is zero, so nothing would count`, { argument });
  }
  return Float64Array.from(weights, (w) => w / total);
}
