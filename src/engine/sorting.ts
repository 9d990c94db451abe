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
 * The median of the non-missing values (mean of the two middle ones for an even count),
 * NaN when there are none. Cost: O(n log n).
 *
 * @example median(Float64Array.of(4, 1, NaN, 3, 2)) === 2.5
 */
export function median(values: Float64Array): number {
  const sorted = sortedPresent(values);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
