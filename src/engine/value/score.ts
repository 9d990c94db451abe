import { CvError } from "../core/errors";
import { type Direction, type NormalizationMethod, normalizeColumn } from "./normalize";
import { weightedMeanOfColumns } from "./weightedMean";
import { rescaleWeights } from "./weights";

/** Options of {@link weightedScore}. */
export interface ScoreOptions {
  /** One per indicator; default all +1 (higher is better). */
  directions?: readonly Direction[];
  /** Default "minmax". */
  method?: NormalizationMethod;
  /** Argument names for messages. */
  argumentNames?: { indicators?: string; weights?: string };
}

/**
 * The weighted value score of every customer (methods §2):
 * `score_i = 100 × Σ_j w_j · norm_ij / Σ_j w_j`, summing over the indicators present for
 * customer i. Each column is normalised on its own non-missing values; a missing
 * indicator drops out for that customer and the remaining weights are rescaled; a
 * customer with no usable indicator gets NaN (the caller shows #N/A). Scores lie in
 * [0, 100] except with zscore normalisation. Cost: O(n × k), or O(n log n × k) for
 * percentile normalisation.
 *
 * @example
 * weightedScore([Float64Array.of(10, 20, 30), Float64Array.of(3, 2, 1)], [0.5, 0.5], { directions: [1, -1] })
 * // → Float64Array [0, 50, 100]
 */
export function weightedScore(indicators: readonly Float64Array[], weights: readonly number[], options: ScoreOptions = {}): Float64Array {
  const indicatorsName = options.argumentNames?.indicators ?? "indicators";
  const weightsName = options.argumentNames?.weights ?? "weights";
  const k = indicators.length;
  if (k === 0) throw new CvError("EMPTY_INPUT", `${indicatorsName} has no columns`, { argument: indicatorsName });
  const n = (indicators[0] as Float64Array).length;
  indicators.forEach((column, j) => {
    if (column.length !== n) {
      throw new CvError("LENGTH_MISMATCH", `${indicatorsName} column ${j + 1} has ${column.length} rows, expected ${n}`, {
        argument: indicatorsName,
        column: j + 1,
      });
    }
  });
  const w = rescaleWeights(weights, k, weightsName);
  const method = options.method ?? "minmax";
  const directions = options.directions ?? new Array<Direction>(k).fill(1);

  const normalised = indicators.map((column, j) => ((w[j] as number) > 0 ? normalizeColumn(column, method, directions[j] ?? 1) : column));
  const mean = weightedMeanOfColumns(normalised, w);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) scores[i] = 100 * (mean[i] as number);
  return scores;
}
