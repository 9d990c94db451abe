/**
 * Per-row weighted mean of several columns, skipping missing cells: for row i,
 * Σ_j w_j · x_ij / Σ_j w_j over the columns j where x_ij is present. A row where no
 * column with positive weight is present gets NaN. The shared step of the weighted
 * score, the scorecard and the weighted rating. A row whose weighted sum would pass the
 * largest double (ratings near 1.8e308) is summed on halved values, so its mean is still the
 * true one. Cost: O(rows × columns).
 *
 * @example weightedMeanOfColumns([Float64Array.of(1, NaN), Float64Array.of(0, 4)], [0.5, 0.5]) // → [0.5, 4]
 */
export function weightedMeanOfColumns(columns: readonly Float64Array[], weights: ArrayLike<number>): Float64Array {
  const n = columns[0]?.length ?? 0;
  const weighted = new Float64Array(n);
  const present = new Float64Array(n);
  columns.forEach((column, j) => {
    const w = weights[j] as number;
    if (!(w > 0)) return;
    for (let i = 0; i < n; i++) {
      const v = column[i] as number;
      if (Number.isNaN(v)) continue;
      weighted[i] = (weighted[i] as number) + w * v;
      present[i] = (present[i] as number) + w;
    }
  });
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = present[i] as number;
    const sum = weighted[i] as number;
    out[i] = p > 0 ? (Number.isFinite(sum) ? sum / p : halvedRowMean(columns, weights, i, p)) : Number.NaN;
  }
  return out;
}

/**
 * Row i's weighted mean when the plain weighted sum overflowed (values near ±1.8e308): the
 * halved values (exact) times their share of the row's weight, summed and doubled back. A weighted mean lies
 * between the row's smallest and largest values, so it is always a double: a last rounding
 * past the largest one is clamped to it.
 */
function halvedRowMean(columns: readonly Float64Array[], weights: ArrayLike<number>, i: number, present: number): number {
  let half = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  columns.forEach((column, j) => {
    const w = weights[j] as number;
    const v = column[i] as number;
    if (!(w > 0) || Number.isNaN(v)) return;
    half += (w / present) * (v / 2);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  });
  return Math.min(hi, Math.max(lo, 2 * half));
}
