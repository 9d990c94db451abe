/**
 * The fused min-max score gives the very doubles of normalising each column and then taking
 * the weighted mean of the present ones (the two-step definition, methods §1–2), for any
 * columns fast-check makes: blanks, constant and all-blank columns, zero weights, lower-is-better,
 * values near ±1.8e308.
 */
import fc from "fast-check";
import { normalizeColumn, weightedMeanOfColumns, weightedScore } from "../../src/engine";

/** The two-step definition: each weighted column normalised, then the weighted mean × 100. */
function twoStep(columns: Float64Array[], weights: number[], directions: (1 | -1)[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const w = weights.map((x) => x / total);
  const normalised = columns.map((c, j) => ((w[j] as number) > 0 ? normalizeColumn(c, "minmax", directions[j] ?? 1) : c));
  return Array.from(weightedMeanOfColumns(normalised, w), (m) => 100 * m);
}

describe("weightedScore with minmax, fused", () => {
  test("by hand: 10, 20, 30 and 3, 2, 1 (lower is better), equal weights → 0, 50, 100; a blank drops out", () => {
    expect(Array.from(weightedScore([Float64Array.of(10, 20, 30), Float64Array.of(3, 2, 1)], [0.5, 0.5], { directions: [1, -1] }))).toEqual([0, 50, 100]);
    // Row 2 has only the second indicator: (3 − 2) / 2 flipped = 0.5.
    expect(Array.from(weightedScore([Float64Array.of(10, Number.NaN, 30), Float64Array.of(3, 2, 1)], [1, 1], { directions: [1, -1] }))).toEqual([0, 50, 100]);
  });

  test("the same doubles as normalising then averaging (fast-check)", () => {
    const cell = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(Number.NaN), fc.integer({ min: -5, max: 5 }), fc.constantFrom(1.7e308, -1.7e308));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((k) =>
          fc.tuple(
            fc.integer({ min: 1, max: 40 }).chain((n) => fc.array(fc.array(cell, { minLength: n, maxLength: n }), { minLength: k, maxLength: k })),
            fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 10, noNaN: true })), { minLength: k, maxLength: k }),
            fc.array(fc.constantFrom(1 as const, -1 as const), { minLength: k, maxLength: k }),
          ),
        ),
        ([raw, weights, directions]) => {
          fc.pre(weights.some((w) => w > 0));
          const columns = raw.map((c) => Float64Array.from(c));
          const fused = Array.from(weightedScore(columns, weights, { directions }));
          expect(fused).toEqual(twoStep(columns, weights, directions));
        },
      ),
      { numRuns: 500 },
    );
  });
});
