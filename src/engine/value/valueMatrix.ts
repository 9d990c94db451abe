import { median } from "../core/sorting";

/** The four quadrants of the value matrix (methods §5), indexed 0–3. */
export const VALUE_MATRIX_LABELS = ["Strategic", "Maintain", "Develop", "Minimal"] as const;
/** One of the four value-matrix quadrant names. */
export type ValueQuadrant = (typeof VALUE_MATRIX_LABELS)[number];

/** The cuts actually used, so a summary can say "split at actual 52.1, potential 47.3". */
export interface ValueMatrixResult {
  /** Quadrant index per customer (see VALUE_MATRIX_LABELS); −1 where either value is missing. */
  quadrant: Int32Array;
  actualCut: number;
  potentialCut: number;
}

/**
 * Splits customers into the value matrix (methods §5): actual value against potential
 * value, each cut at a threshold (default: the median of that axis over the customers with
 * both values); a value equal to the
 * cut counts as high. Strategic = high/high, Maintain = high actual/low potential,
 * Develop = low actual/high potential, Minimal = low/low. A median of values near
 * ±1.8e308 is taken without overflow (the mean of the two middle ones is always a double).
 * Cost: O(n log n) for the medians.
 *
 * @example valueMatrix(Float64Array.of(80, 80, 20, 20), Float64Array.of(90, 10, 90, 10)).quadrant // → [0, 1, 2, 3]
 */
export function valueMatrix(actual: Float64Array, potential: Float64Array, actualCut?: number, potentialCut?: number): ValueMatrixResult {
  // Medians over the customers the matrix places (both values present), so an unplaced row does not move the cut.
  const placed = (values: Float64Array, other: Float64Array) => values.map((v, i) => (Number.isNaN(other[i] as number) ? Number.NaN : v));
  const aCut = actualCut ?? median(placed(actual, potential));
  const pCut = potentialCut ?? median(placed(potential, actual));
  const quadrant = new Int32Array(actual.length);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number;
    const p = potential[i] as number;
    if (Number.isNaN(a) || Number.isNaN(p)) {
      quadrant[i] = -1;
      continue;
    }
    quadrant[i] = (a >= aCut ? 0 : 2) + (p >= pCut ? 0 : 1);
  }
  return { quadrant, actualCut: aCut, potentialCut: pCut };
}

