/**
 * Order statistics by selection (the tier cut-offs): the same values a full sort puts at
 * those positions, for any input fast-check makes (ties, ±0, NaN, sorted and reversed runs),
 * and inputs that defeat a naive quickselect finish.
 */
import fc from "fast-check";
import { orderStatistics, tierIndexByShare } from "../../src/engine";

/** The values at the positions of a full sort of the non-missing values (the definition). */
function bySorting(values: Float64Array, positions: number[]): number[] {
  const sorted = Float64Array.from(values.filter((v) => !Number.isNaN(v))).sort();
  return positions.map((p) => (sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(p)))] as number)));
}

describe("orderStatistics", () => {
  test("by hand: positions of the sorted present values, NaN left out, in the order asked", () => {
    expect(Array.from(orderStatistics(Float64Array.of(5, Number.NaN, 1, 4, 2), [0, 3]))).toEqual([1, 5]);
    expect(Array.from(orderStatistics(Float64Array.of(5, 1, 4, 2), [2, 1, 2]))).toEqual([4, 2, 4]);
    expect(Array.from(orderStatistics(Float64Array.of(Number.NaN), [0]))).toEqual([Number.NaN]);
  });

  test("equals a full sort for any values and positions (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: false }), fc.integer({ min: -3, max: 3 }).map((v) => v)), { maxLength: 300 }),
        fc.array(fc.nat(320), { minLength: 1, maxLength: 6 }),
        (raw, positions) => {
          const values = Float64Array.from(raw);
          const got = Array.from(orderStatistics(values, positions));
          // ±0 compare equal in a tier's floor; compare as numbers, not by Object.is.
          expect(got.map((v) => (v === 0 ? 0 : v))).toEqual(bySorting(values, positions).map((v) => (v === 0 ? 0 : v)));
        },
      ),
      { numRuns: 400 },
    );
  });

  test("inputs that make a plain quickselect quadratic finish, with the right values", () => {
    const n = 200_000;
    const cases: Record<string, Float64Array> = {
      sorted: Float64Array.from({ length: n }, (_, i) => i),
      reversed: Float64Array.from({ length: n }, (_, i) => n - i),
      allEqual: new Float64Array(n).fill(7),
      organPipe: Float64Array.from({ length: n }, (_, i) => Math.min(i, n - i)),
      twoValues: Float64Array.from({ length: n }, (_, i) => i % 2),
    };
    const positions = [n - 1, n - 1 - 2000, n - 1 - 10000, n - 1 - 40000, 0];
    for (const [name, values] of Object.entries(cases)) {
      expect({ name, got: Array.from(orderStatistics(values, positions)) }).toEqual({ name, got: bySorting(values, positions) });
    }
  });

  test("tiers by share from selected cut-offs: ties share the better tier (methods §3)", () => {
    // 10 scores, pyramid 10% / 20% / 70%: top 1, next 2, the rest; the two 80s tie for the second tier's floor.
    const scores = Float64Array.of(95, 80, 80, 70, 60, 50, 40, 30, 20, Number.NaN, 10);
    expect(Array.from(tierIndexByShare(scores, [0.1, 0.2, 0.7]))).toEqual([0, 1, 1, 2, 2, 2, 2, 2, 2, -1, 2]);
  });
});
