/**
 * The value-scoring kernels and the k-means kernel at the edges of the doubles (README: no
 * NaN or infinity ever reaches a cell). Expected values are worked by hand in the comments;
 * the properties check that scaling every value by 2^k (exact) changes nothing.
 */
import fc from "fast-check";
import {
  abcClassIndex,
  normalizeColumn,
  rescaleWeights,
  tierIndexByShare,
  TIER_PRESETS,
  valueMatrix,
  weightedMeanOfColumns,
  weightedRating,
  weightedScore,
} from "../../src/engine";
import { clusterProfiles, kMeans, standardiseIndicators } from "../../src/engine/analyses/clusters";
import { clustersSections } from "../../src/engine/analyses/clusters/summary";
import type { ClustersDetails } from "../../src/engine/analyses/clusters/details";

const f64 = (...v: number[]) => Float64Array.from(v);
const MAX = Number.MAX_VALUE;

/** The CvError a call throws, as { code, message }. */
function thrown(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    const e = error as { code?: string; message?: string };
    return { code: String(e.code), message: String(e.message) };
  }
  throw new Error("expected a CvError, but the call returned normally");
}

describe("weights", () => {
  test("an infinite weight (text such as 1e999 reads as Infinity) is refused, naming its position", () => {
    // It used to rescale to NaN, NaN: Infinity / Infinity, and every other weight 0.
    expect(thrown(() => rescaleWeights([1, Number.POSITIVE_INFINITY], 2, "weights"))).toEqual({
      code: "BAD_WEIGHTS",
      message: "weights entry 2 is infinite (Infinity): give a finite weight (up to ±1.8E+308)",
    });
    expect(thrown(() => weightedScore([f64(1, 2), f64(3, 4)], [Number.POSITIVE_INFINITY, 1])).code).toBe("BAD_WEIGHTS");
  });

  test("a positive weight whose share underflows to 0 is refused rather than silently dropped", () => {
    // 5e-324 / (2 + 5e-324) = 2.5e-324, which rounds to 0 (half to even): customer 2, with only that indicator, used to get #N/A.
    expect(thrown(() => rescaleWeights([5e-324, 2], 2, "weights"))).toEqual({
      code: "BAD_WEIGHTS",
      message:
        "weights entry 1 (5e-324) is too small beside the largest weight (2) for its share to be held in a number: give 0 to leave it out, or a larger weight",
    });
    // 5e-324 beside 1 keeps its share (5e-324 / 1): still accepted.
    expect(Array.from(rescaleWeights([5e-324, 1], 2, "weights"))).toEqual([5e-324, 1]);
  });

  test("weights near the largest double rescale by their ratio: 1e308, 1e308, 2e308 → 0.25, 0.25, 0.5 (unchanged behaviour)", () => {
    expect(Array.from(rescaleWeights([1e308, 1e308, 1.5e308], 3, "weights")).map((w) => w * 3.5)).toEqual([
      expect.closeTo(1, 14),
      expect.closeTo(1, 14),
      expect.closeTo(1.5, 14),
    ]);
  });
});

describe("ABC on values whose total passes the largest double", () => {
  test("1.0, 0.9, 0.5, 0.25, 0.1 (× 1e308) are A, A, A, B, C", () => {
    // Total 2.75e308 (past 1.797e308). S_prev = 0, 1/2.75 = .364, 1.9/2.75 = .691, 2.4/2.75 = .873, 2.65/2.75 = .964:
    // A while < .8, B while < .95, else C. (The total used to overflow: every share 0 or NaN, all A.)
    const values = f64(0.25e308, 1e308, 0.1e308, 0.9e308, 0.5e308);
    expect(Array.from(abcClassIndex(values))).toEqual([1, 0, 2, 0, 0]);
  });
});

describe("the value matrix's median cut", () => {
  test("the median of 1.7e308, 1.7e308, 1.6e308, 1.6e308 is 1.65e308, not Infinity", () => {
    // (1.7e308 + 1.6e308) / 2 overflows in the sum; the halves give 0.85e308 + 0.8e308 = 1.65e308.
    // Potential cut: median of 1, 2, 3, 4 = 2.5. So rows are high/low, high/low, low/high, low/high.
    const r = valueMatrix(f64(1.7e308, 1.7e308, 1.6e308, 1.6e308), f64(1, 2, 3, 4));
    expect(r.actualCut / 1.65e308).toBeCloseTo(1, 14);
    expect(r.potentialCut).toBe(2.5);
    expect(Array.from(r.quadrant)).toEqual([1, 1, 2, 2]); // Maintain, Maintain, Develop, Develop (all Develop/Minimal before)
  });

  test("ordinary medians are unchanged: 1, 2, 3, 4 → 2.5", () => {
    expect(valueMatrix(f64(1, 2, 3, 4), f64(4, 3, 2, 1)).actualCut).toBe(2.5);
  });
});

describe("weighted means and ratings near the largest double", () => {
  test("the weighted mean of 1.5e308 and 1.5e308 (weights 1, 1) is 1.5e308, not Infinity", () => {
    // Σ w·x = 3e308 overflows; the mean is (1.5e308 + 1.5e308) / 2 = 1.5e308.
    expect(weightedMeanOfColumns([f64(1.5e308, 1), f64(1.5e308, 3)], [1, 1])).toEqual(f64(1.5e308, 2));
  });

  test("a rating scale up to 1.7e308: 1.7e308 is 100, 0.85e308 is 50", () => {
    // 100 × 1.7e308 overflowed before the division by max_rating.
    const out = weightedRating([f64(1.7e308, 0.85e308)], [1], 1.7e308);
    expect(out[0]).toBe(100);
    expect(out[1]).toBeCloseTo(50, 12);
  });

  test("eleven ratings all at the top of a scale of 1.797e308 are 100 (Σ w·x rounds past the largest double)", () => {
    // Each weight is 1/11; eleven times (1/11 × MAX) rounds up to Infinity in a plain sum.
    const ratings = Array.from({ length: 11 }, () => f64(MAX));
    expect(Array.from(weightedRating(ratings, new Array<number>(11).fill(1), MAX))).toEqual([100]);
  });
});

describe("k-means standardisation at the edges of the doubles", () => {
  const z = Math.sqrt(1.5);
  test.each([1e200, 1e-200, 1.7e308])("zscore of {x; −x; 0} for x = %p is {√1.5; −√1.5; 0}", (x) => {
    // Mean 0, population sd = sqrt(2x²/3) = x·sqrt(2/3), so z = ±sqrt(3/2). The squares used to overflow (1e200)
    // or vanish (1e-200: sd 0, z = ±Infinity), and the sum of 1.7e308s to overflow.
    const { values, centre, scale } = standardiseIndicators([f64(x, -x, 0)], "zscore");
    expect(values[0]![0]).toBeCloseTo(z, 14);
    expect(values[0]![1]).toBeCloseTo(-z, 14);
    expect(values[0]![2]).toBe(0);
    expect(centre[0]).toBe(0);
    expect(scale[0]! / (x * Math.sqrt(2 / 3))).toBeCloseTo(1, 14);
  });

  test("minmax of 1.7e308, −1.7e308, 0 is 1, 0, 0.5 (max − min passes the largest double: its scale is Infinity)", () => {
    const { values, centre, scale } = standardiseIndicators([f64(1.7e308, -1.7e308, 0)], "minmax");
    expect(Array.from(values[0]!)).toEqual([1, 0, 0.5]);
    expect([centre[0], scale[0]]).toEqual([-1.7e308, Number.POSITIVE_INFINITY]);
  });

  test("k-means on 1e200, −1e200, 0, 1.7e308, −1.7e308 finds the extremes apart (it found one distinct customer)", () => {
    // z-scores: sd = 1.7e308·sqrt(2/5), so ±1.7e308 → ±sqrt(5/2) = ±1.5811 and the rest ≈ 0 (1e200 / 1.08e308).
    // Two clusters: one extreme alone (distance 0) and the other with the three near 0, centre ∓sqrt(2.5)/4:
    // distances sqrt(2.5)/4 = 0.3953 for the three, 3·sqrt(2.5)/4 = 1.1859 for the extreme.
    const r = kMeans([f64(1e200, -1e200, 0, 1.7e308, -1.7e308)], 2);
    const [a, b, c, d, e] = Array.from(r.assignment);
    expect(a === b && b === c && d !== e).toBe(true);
    const lone = d === a ? 4 : 3;
    const partner = 7 - lone;
    expect(r.distance[lone]).toBe(0);
    expect(r.distance[partner]).toBeCloseTo((3 * Math.sqrt(2.5)) / 4, 12);
    for (const i of [0, 1, 2]) expect(r.distance[i]).toBeCloseTo(Math.sqrt(2.5) / 4, 12);
  });

  test("k-means on values as small as 1e-320 (squares underflow) gives finite distances", () => {
    // In units of 1e-320: 1, −1, 0, 2; mean 0.5, deviations .5, −1.5, −.5, 1.5, variance 1.25, sd 1.1180:
    // z = .4472, −1.3416, −.4472, 1.3416; clusters {1, 2} and {−1, 0}, every distance .4472 (= sqrt(0.2)).
    const r = kMeans([f64(1e-320, -1e-320, 0, 2e-320)], 2);
    const [a, b, c, d] = Array.from(r.assignment);
    expect(a === d && b === c && a !== b).toBe(true);
    for (const dist of r.distance) expect(dist).toBeCloseTo(Math.sqrt(0.2), 3); // 1e-320 is held to about 4 digits
  });

  test("cluster profiles of values near 1.7e308: means and shares are true, a sum past the doubles is left blank on the sheet", () => {
    // Clusters {1.7e308, 1.7e308} and {1, 2}: means 1.7e308 and 1.5; value shares 3.4e308 / (3.4e308 + 3) → 1 and 3 / 3.4e308.
    const columns = [f64(1.7e308, 1.7e308, 1, 2)];
    const value = f64(1.7e308, 1.7e308, 1, 2);
    const fit = kMeans(columns, 2);
    const profiles = clusterProfiles(fit, columns, value);
    const big = profiles.find((p) => p.size === 2 && p.means[0]! > 1)!;
    const small = profiles.find((p) => p !== big)!;
    expect(Array.from(fit.centresOriginal[big.cluster]!)).toEqual([1.7e308]);
    expect(big.means[0]).toBe(1.7e308);
    expect(small.means[0]).toBe(1.5);
    expect(big.valueShare).toBe(1);
    expect((small.valueShare! * 1.7e308 * 2) / 3).toBeCloseTo(1, 10); // (3.4e308 itself is past a double)
    expect(big.valueSum).toBe(Number.POSITIVE_INFINITY);
    expect(small.valueSum).toBe(3);
    const details: ClustersDetails = { k: 2, suggested: null, curve: [], indicators: ["Sales"], method: "zscore", seed: 1, withinSS: fit.withinSS, converged: true, profiles };
    const rows = clustersSections(details)[0]!.rows;
    expect(rows.flat().every((cell) => typeof cell !== "number" || Number.isFinite(cell))).toBe(true);
    expect(rows[big.cluster]![3]).toBeNull(); // the Value cell of the big cluster: 3.4e308 cannot be written
  });
});

describe("scaling every value by 2^k (k from −900 to 900) changes nothing", () => {
  // Magnitudes 1e-6 … 1e6 (or 0), so 2^±900 keeps every value a normal double (1e-277 … 1e277) and every result is
  // the same bit for bit: a power of two commutes with every rounding.
  const value = fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => (Math.abs(v) < 1e-6 ? 0 : v));
  const valuesArb = fc.array(value, { minLength: 2, maxLength: 30 });
  const kArb = fc.integer({ min: -900, max: 900 });
  const scaled = (xs: readonly number[], k: number) => Float64Array.from(xs, (v) => v * 2 ** k);

  test("minmax, percentile and zscore normalisations", () => {
    fc.assert(
      fc.property(valuesArb, kArb, fc.constantFrom<1 | -1>(1, -1), (xs, k, direction) => {
        for (const method of ["minmax", "percentile", "zscore"] as const) {
          expect(normalizeColumn(scaled(xs, k), method, direction)).toEqual(normalizeColumn(Float64Array.from(xs), method, direction));
        }
      }),
      { numRuns: 200 },
    );
  });

  test("tiers by share and ABC classes", () => {
    const sharesArb = fc.constantFrom(...Object.values(TIER_PRESETS).map((p) => p.shares));
    fc.assert(
      fc.property(valuesArb, kArb, sharesArb, (xs, k, shares) => {
        expect(tierIndexByShare(scaled(xs, k), shares)).toEqual(tierIndexByShare(Float64Array.from(xs), shares));
        expect(abcClassIndex(scaled(xs, k))).toEqual(abcClassIndex(Float64Array.from(xs)));
      }),
      { numRuns: 200 },
    );
  });

  test("k-means clusters and distances (one column scaled)", () => {
    const rowsArb = fc.array(fc.tuple(value, value), { minLength: 3, maxLength: 20 });
    fc.assert(
      fc.property(rowsArb, kArb, fc.constantFrom("zscore" as const, "minmax" as const), (rows, k, method) => {
        const a = Float64Array.from(rows, (r) => r[0]);
        const b = Float64Array.from(rows, (r) => r[1]);
        let base;
        try {
          base = kMeans([a, b], 2, { method, restarts: 2 });
        } catch {
          return; // fewer than 2 distinct customers
        }
        const other = kMeans([a.map((v) => v * 2 ** k), b], 2, { method, restarts: 2 });
        expect(other.assignment).toEqual(base.assignment);
        expect(other.distance).toEqual(base.distance);
      }),
      { numRuns: 100 },
    );
  });
});
