import { CvError } from "../core/errors";
import { weightedMeanOfColumns } from "./weightedMean";
import { rescaleWeights } from "./weights";

/**
 * Weighted rating on a 0–100 scale (methods §10: 6C credit analysis, evaluation tables):
 * `100 × Σ w·rating / (Σ w × max_rating)`, so on a 1–5 scale a customer rated 5 everywhere
 * scores 100 and one rated 1 everywhere scores 20. A blank rating drops out for that
 * customer and the remaining weights are rescaled; all blank gives NaN. A scale up to the
 * largest double (max_rating 1.7e308) still gives 0–100. Cost: O(n × k).
 *
 * @throws CvError BAD_VALUE for a rating below 0 or above max_rating (naming row and column),
 *   or a max_rating that is not positive; weight errors as in rescaleWeights.
 * @example weightedRating([Float64Array.of(5, 1), Float64Array.of(5, 3)], [1, 1], 5) // → [100, 40]
 */
export function weightedRating(ratings: readonly Float64Array[], weights: readonly number[], maxRating = 5): Float64Array {
  if (!(maxRating > 0)) {
    throw new CvError("BAD_VALUE", `max_rating must be a positive number, found ${Number.isNaN(maxRating) ? "a blank cell" : maxRating}`, {
      argument: "max_rating",
      value: maxRating,
    });
  }
  const w = rescaleWeights(weights, ratings.length, "weights");
  ratings.forEach((column, j) => {
    for (let i = 0; i < column.length; i++) {
      const r = column[i] as number;
      if (r < 0 || r > maxRating) {
        throw new CvError("BAD_VALUE", `ratings row ${i + 1}, column ${j + 1}: a rating must be between 0 and ${maxRating}, found ${r}`, {
          argument: "ratings",
          row: i + 1,
          column: j + 1,
          value: r,
        });
      }
    }
  });
  const mean = weightedMeanOfColumns(ratings, w);
  // 100 × mean passes the largest double when ratings run near 1.8e308: then divide first (the share is ≤ 1).
  return mean.map((m) => {
    const v = (100 * m) / maxRating;
    return Number.isFinite(v) || Number.isNaN(v) ? v : 100 * (m / maxRating);
  });
}
