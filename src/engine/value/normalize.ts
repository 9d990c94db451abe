import { CvError, describeValue } from "../core/errors";
import { unitScale } from "../core/scaling";
import { midranks } from "../core/sorting";

/** How an indicator column is put on a common 0–1 scale (methods §1). */
export type NormalizationMethod = "minmax" | "percentile" | "log" | "zscore";

/** +1: higher is better (sales, profit); −1: lower is better (payment days, complaints). */
export type Direction = 1 | -1;

/** Every normalisation method, in the order the help text lists them. */
export const NORMALIZATION_METHODS: readonly NormalizationMethod[] = ["minmax", "percentile", "log", "zscore"];

/**
 * Reads a method name, case-insensitively; `undefined` gives the default, minmax.
 *
 * @throws CvError BAD_OPTION naming the argument and the accepted names.
 * @example parseNormalizationMethod("MinMax", "method") === "minmax"
 */
export function parseNormalizationMethod(name: string | undefined, argument: string): NormalizationMethod {
  if (name === undefined || name.trim() === "") return "minmax";
  const key = name.trim().toLowerCase();
  const found = NORMALIZATION_METHODS.find((m) => m === key);
  if (!found) {
    throw new CvError("BAD_OPTION", `${argument} must be one of ${NORMALIZATION_METHODS.join(", ")}; found ${describeValue(name)}`, { argument, value: name });
  }
  return found;
}

/**
 * Normalises one indicator column (methods §1). Missing values (NaN) stay NaN and are left
 * out of the statistics.
 *
 * - `minmax`: (x − min) / (max − min)
 * - `percentile`: (midrank − 1) / (n − 1), midrank = average rank of ties (1 = smallest),
 *   so ties get equal values
 * - `log`: minmax of ln(1 + max(x, 0)), for skewed money columns
 * - `zscore`: (x − mean) / population sd; unbounded
 *
 * Direction −1 gives 1 − value (−z for zscore). A column with a single distinct value
 * carries no information: every present row gets 0.5, whatever the method (methods §1).
 * Cost: O(n) for minmax/log/zscore, O(n log n) for percentile.
 *
 * @example normalizeColumn(Float64Array.of(10, 20, 40), "minmax", 1) // → [0, 1/3, 1]
 */
export function normalizeColumn(values: Float64Array, method: NormalizationMethod, direction: Direction): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const source = method === "log" ? logTransform(values) : values;

  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = source[i] as number;
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    count++;
  }
  if (count === 0) return out.fill(Number.NaN);

  if (min === max) {
    for (let i = 0; i < n; i++) out[i] = Number.isNaN(source[i] as number) ? Number.NaN : 0.5;
    return out;
  }

  if (method === "minmax" || method === "log") {
    // Halving keeps max − min finite for values near ±1.8e308; the ratio is unchanged.
    const half = !Number.isFinite(max - min);
    const range = half ? max / 2 - min / 2 : max - min;
    for (let i = 0; i < n; i++) {
      const x = source[i] as number;
      const v = (half ? x / 2 - min / 2 : x - min) / range;
      out[i] = direction === 1 ? v : 1 - v;
    }
  } else if (method === "percentile") {
    const ranks = midranks(source);
    const denominator = count - 1;
    for (let i = 0; i < n; i++) {
      const v = ((ranks[i] as number) - 1) / denominator;
      out[i] = direction === 1 ? v : 1 - v;
    }
  } else {
    // On values brought near 1 by a power of two (exact, so ordinary results are unchanged bit for bit):
    // the sum of 9e307s and the squares of 1e200s (or 1e-200s) would otherwise overflow (underflow).
    const scale = unitScale(Math.max(Math.abs(min), Math.abs(max)));
    let scaledSum = 0;
    for (let i = 0; i < n; i++) {
      const v = source[i] as number;
      if (!Number.isNaN(v)) scaledSum += v * scale;
    }
    const mean = scaledSum / count;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const v = source[i] as number;
      if (!Number.isNaN(v)) squares += (v * scale - mean) * (v * scale - mean);
    }
    const sd = Math.sqrt(squares / count);
    for (let i = 0; i < n; i++) out[i] = (direction * ((source[i] as number) * scale - mean)) / sd;
  }
  return out;
}

function logTransform(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    out[i] = Number.isNaN(v) ? Number.NaN : Math.log1p(Math.max(v, 0));
  }
  return out;
}

// The directions reader lives beside the cell parsers (core/gridReaders.ts); re-exported so existing imports keep working.
export { parseDirections } from "../core/gridReaders";
