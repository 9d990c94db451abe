/**
 * Per-row weighted mean of several columns, skipping missing cells: for row i,
 * Σ_j w_j · x_ij / Σ_j w_j over the columns j where x_ij is present. A row where no
 * column with positive weight is present gets NaN. The shared step of the weighted
 * score, the scorecard and the weighted rating. Cost: O(rows × columns).
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
    out[i] = p > 0 ? (weighted[i] as number) / p : Number.NaN;
  }
  return out;
}
