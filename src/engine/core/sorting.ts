/**
 * The non-missing values of a column, sorted ascending, as a typed array (native numeric
 * sort, no comparator). Cost: O(n log n).
 *
 * @example sortedPresent(Float64Array.of(3, NaN, 1)) // → Float64Array [1, 3]
 */
export function sortedPresent(values: Float64Array): Float64Array {
  return presentCopy(values).sort();
}

/** The non-missing values, in their order, as a new typed array. Cost: two passes. */
function presentCopy(values: Float64Array): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] as number)) count++;
  const out = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) out[k++] = v;
  }
  return out;
}

/** Below this many elements a range is finished by insertion sort. */
const SMALL_RANGE = 16;

/** Sorts a[lo..hi] (inclusive) by insertion: fastest for a handful of values. */
function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i] as number;
    let j = i - 1;
    while (j >= lo && (a[j] as number) > v) {
      a[j + 1] = a[j] as number;
      j--;
    }
    a[j + 1] = v;
  }
}

/**
 * Rearranges a[lo..hi] so that a[k] holds the value a sort would put there, everything
 * before it is ≤ it and everything after ≥ it (quickselect, Hoare partitions around the
 * median of three, so runs of equal values split evenly). After 2·log2 of the range's
 * length partitions without finishing, the rest is sorted, so no input takes more than
 * O(n log n). No NaN in the range. Cost: O(n) expected.
 */
function selectInPlace(a: Float64Array, k: number, lo: number, hi: number): void {
  let budget = 2 * Math.ceil(Math.log2(hi - lo + 2));
  while (hi - lo >= SMALL_RANGE) {
    if (budget-- === 0) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const mid = lo + ((hi - lo) >> 1);
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    // Now a[lo..j] ≤ pivot ≤ a[i..hi], and j < i; values between j and i equal the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
  insertionSort(a, lo, hi);
}

/**
 * The values a sort of the non-missing values would put at the given 0-based ascending
 * positions (each clamped to the range; NaN when there are no values), without sorting
 * them all: quickselect on a copy, the largest position first, each next one searched only
 * below the last. For tier cut-offs, which need a few order statistics of a million scores.
 * Cost: O(n) expected for a few positions, O(n log n) at worst; one copy of the values.
 *
 * @example orderStatistics(Float64Array.of(5, NaN, 1, 4, 2), [0, 3]) // → Float64Array [1, 5]
 */
export function orderStatistics(values: Float64Array, positions: readonly number[]): Float64Array {
  const a = presentCopy(values);
  const count = a.length;
  const out = new Float64Array(positions.length).fill(Number.NaN);
  if (count === 0) return out;
  const order = positions.map((p, k) => ({ p: Math.min(count - 1, Math.max(0, Math.floor(p))), k })).sort((x, y) => y.p - x.p);
  let hi = count - 1;
  for (const { p, k } of order) {
    if (p > hi) {
      // A repeated position: already in place from the search before.
      out[k] = a[p] as number;
      continue;
    }
    selectInPlace(a, p, 0, hi);
    out[k] = a[p] as number;
    hi = p;
  }
  return out;
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
