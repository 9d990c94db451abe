/**
 * The non-missing values of a column, sorted ascending, as a typed array (native numeric
 * sort, no comparator). Cost: O(n log n).
 *
 * @example sortedPresent(Float64Array.of(3, NaN, 1)) // → Float64Array [1, 3]
 */
export function sortedPresent(values: Float64Array): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] as number)) count++;
  const out = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) out[k++] = v;
  }
  return out.sort();
}

/**
 * Index of the first element of an ascending array that is ≥ `x` (the array length when
 * none is). Cost: O(log n).
 *
 * @example lowerBound(Float64Array.of(1, 2, 2, 5), 2) === 1
 */
export function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The median of the non-missing values (mean of the two middle ones for an even count,
 * taken without overflow near the largest double), NaN when there are none. Cost: O(n log n).
 *
 * @example median(Float64Array.of(4, 1, NaN, 3, 2)) === 2.5
 */
export function median(values: Float64Array): number {
  const sorted = sortedPresent(values);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  if (n % 2 === 1) return sorted[mid] as number;
  const low = sorted[mid - 1] as number;
  const high = sorted[mid] as number;
  const mean = (low + high) / 2;
  // Two middle values near ±1.8e308 overflow their sum; halving first does not (and is exact for them).
  return Number.isFinite(mean) ? mean : low / 2 + high / 2;
}

/**
 * Midranks of the non-missing values: rank 1 = smallest, ties share the average of their
 * ranks; missing values (NaN) stay NaN. Cost: O(n log n).
 *
 * @example midranks(Float64Array.of(20, 10, 40, 20)) // → [2.5, 1, 4, 2.5]
 */
export function midranks(values: Float64Array): Float64Array {
  const sorted = sortedPresent(values);
  // Ties occupy 0-based positions lo … hi−1, i.e. ranks lo+1 … hi; their midrank is (lo+1+hi)/2.
  // One sweep stores it at each group's first position, so each value needs one search.
  const midrankAtStart = new Float64Array(sorted.length);
  for (let lo = 0; lo < sorted.length; ) {
    let hi = lo + 1;
    while (hi < sorted.length && sorted[hi] === sorted[lo]) hi++;
    midrankAtStart[lo] = (lo + 1 + hi) / 2;
    lo = hi;
  }
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    out[i] = Number.isNaN(x) ? Number.NaN : (midrankAtStart[lowerBound(sorted, x)] as number);
  }
  return out;
}
