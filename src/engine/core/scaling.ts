/**
 * Exact rescaling for sums at the edges of the doubles (methods §0: no NaN or Infinity ever
 * reaches a cell). Multiplying by a power of two is exact (short of the subnormal range), so
 * ratios computed on rescaled values (shares, z-scores) equal those on the originals bit for
 * bit, while sums of values near 1.8e308 no longer overflow and squares of 1e-200 no longer
 * underflow to 0.
 */

/**
 * The power of two that brings `largest` (the largest magnitude of a set of values) to
 * between 1 and 2, clamped to 2^±1000 so the factor itself is finite (9e307 then comes to
 * about 8e6, still far from overflow); 1 for 0 or a non-finite largest. Cost: O(1).
 *
 * @example unitScale(3) === 0.5; unitScale(9e307) === 2 ** -1000; unitScale(0) === 1
 */
export function unitScale(largest: number): number {
  if (!(largest > 0) || !Number.isFinite(largest)) return 1;
  const exponent = Math.min(1000, Math.max(-1000, Math.floor(Math.log2(largest))));
  return 2 ** -exponent;
}

/**
 * The factor that keeps a sum of `count` values no larger than `largest` in magnitude
 * finite: 1 whenever the plain sum cannot overflow (so ordinary data is untouched), else a
 * power of two. Cost: O(1).
 *
 * @example sumScale(9e307, 2) < 1; sumScale(1e6, 1_000_000) === 1
 */
export function sumScale(largest: number, count: number): number {
  if (!(largest > 0) || !Number.isFinite(largest) || largest * (count + 1) < Number.MAX_VALUE / 4) return 1;
  return unitScale(largest);
}
