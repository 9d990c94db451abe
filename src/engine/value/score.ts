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

  if (method === "minmax") return minmaxScore(indicators, w, directions);
  const normalised = indicators.map((column, j) => ((w[j] as number) > 0 ? normalizeColumn(column, method, directions[j] ?? 1) : column));
  const mean = weightedMeanOfColumns(normalised, w);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) scores[i] = 100 * (mean[i] as number);
  return scores;
}

/** A column's min-max scaling, as normalizeColumn does it: its range (halved when max − min overflows), or constant. */
interface MinmaxScale {
  min: number;
  range: number;
  half: boolean;
  /** No values: the column drops out. One distinct value: every present row gets 0.5. */
  kind: "empty" | "constant" | "spread";
}

function minmaxScaleOf(column: Float64Array): MinmaxScale {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let count = 0;
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    count++;
  }
  if (count === 0) return { min, range: 1, half: false, kind: "empty" };
  if (min === max) return { min, range: 1, half: false, kind: "constant" };
  const half = !Number.isFinite(max - min);
  return { min, range: half ? max / 2 - min / 2 : max - min, half, kind: "spread" };
}

/**
 * The weighted score with min-max normalisation fused into the weighted mean: the same
 * arithmetic as normalizeColumn then weightedMeanOfColumns (each term (x − min) / range,
 * 1 − it for lower-is-better, summed in column order), so the same doubles, without a
 * normalised copy of every column. Normalised terms lie in [0, 1], so the sum cannot overflow.
 * Cost: two passes per column (its range, its terms), then one over the rows.
 */
function minmaxScore(indicators: readonly Float64Array[], weights: ArrayLike<number>, directions: readonly Direction[]): Float64Array {
  const n = (indicators[0] as Float64Array).length;
  const sum = new Float64Array(n);
  const present = new Float64Array(n);
  // Column by column, each with its constants in locals: the same sums, in the same order, as row by row.
  indicators.forEach((column, j) => {
    const weight = weights[j] as number;
    if (!(weight > 0)) return;
    const scale = minmaxScaleOf(column);
    if (scale.kind === "empty") return;
    if (scale.kind === "constant") {
      for (let i = 0; i < n; i++) {
        if (Number.isNaN(column[i] as number)) continue;
        sum[i] = (sum[i] as number) + weight * 0.5;
        present[i] = (present[i] as number) + weight;
      }
      return;
    }
    const { min, range, half } = scale;
    const flip = (directions[j] ?? 1) === -1;
    for (let i = 0; i < n; i++) {
      const x = column[i] as number;
      if (Number.isNaN(x)) continue;
      const v = (half ? x / 2 - min / 2 : x - min) / range;
      sum[i] = (sum[i] as number) + weight * (flip ? 1 - v : v);
      present[i] = (present[i] as number) + weight;
    }
  });
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = present[i] as number;
    scores[i] = p > 0 ? 100 * ((sum[i] as number) / p) : Number.NaN;
  }
  return scores;
}
