/**
 * Value functions at the edges of the doubles (README: no NaN or infinity ever reaches a cell).
 * Expected values are worked by hand in the comments.
 */
import fc from "fast-check";
import { normalizeColumn, paretoShare, whaleSummary } from "../../src/engine";
import { NORMALIZE, PARETOSHARE, WHALE } from "../../src/functions/functions";
import { col, errorCode, errorMessage } from "../helpers/cells";

describe("sums near the largest double", () => {
  test("CV.PARETOSHARE({9e307;9e307}) is 0.2, not 0 (the total used to overflow)", () => {
    // Top 20% of 2 customers = 0.4 of the first: 0.4 × 9e307 / (2 × 9e307) = 0.2.
    expect(PARETOSHARE(col(9e307, 9e307))).toBeCloseTo(0.2, 15);
    // 1.7e308 + 1e308 + 0: top 20% of 3 = 0.6 of the largest: 0.6 × 1.7e308 / 2.7e308 = 1.02/2.7.
    expect(PARETOSHARE(col(1.7e308, 1e308, 0))).toBeCloseTo(1.02 / 2.7, 14);
    // A percentage: 20 is 20% (README: percentages).
    expect(PARETOSHARE(col(60, 20, 10, 10, 0), 20)).toBe(PARETOSHARE(col(60, 20, 10, 10, 0), 0.2));
  });

  test("CV.WHALE: the peak share of 1.5e308, 1.5e308, −1e308 is 3e308 / 2e308 = 1.5; the total, past a double, is #NUM! with the reason", () => {
    const s = whaleSummary(Float64Array.of(1.5e308, 1.5e308, -1e308));
    expect(s.peakProfitShare).toBeCloseTo(1.5, 14);
    expect(s.profitLost).toBe(1e308);
    const out = WHALE(col(1.5e308, 1.5e308, -1e308), false);
    expect(out[1]![1]).toBeCloseTo(1.5, 14);
    expect(out[3]![1]).toBe(1e308);
  });
});

describe("zscore with squares beyond the doubles", () => {
  // Mean 0, population sd = sqrt((x² + x² + 0)/3) = x·sqrt(2/3), so z = ±sqrt(3/2) = ±1.2247448713915890, 0.
  const z = Math.sqrt(1.5);
  test.each([1e200, 1e-200, 1.7e308])("{x; −x; 0} for x = %p is {1.2247…; −1.2247…; 0} (it used to be 0, 0, 0)", (x) => {
    const out = normalizeColumn(Float64Array.of(x, -x, 0), "zscore", 1);
    expect(out[0]).toBeCloseTo(z, 14);
    expect(out[1]).toBeCloseTo(-z, 14);
    expect(out[2]).toBe(0);
  });

  test("CV.NORMALIZE zscore gives finite numbers", () => {
    const out = NORMALIZE(col(1e200, -1e200, 0), undefined, "zscore") as number[][];
    expect(out.map((r) => r[0])).toEqual([expect.closeTo(z, 14), expect.closeTo(-z, 14), 0]);
  });
});

describe("shares and z-scores do not depend on the unit (scaling every value by 2^k)", () => {
  // Magnitudes 1e-6 … 1e6 (or 0), so 2^±900 keeps every value a normal double (1e-277 … 1e277).
  const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => (Math.abs(v) < 1e-6 ? 0 : v)), { minLength: 2, maxLength: 30 });
  test("paretoShare", () => {
    fc.assert(
      fc.property(values, fc.integer({ min: -900, max: 900 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, k, share) => {
        const base = Float64Array.from(xs, Math.abs);
        if (!base.some((v) => v > 0)) return;
        const scaled = base.map((v) => v * 2 ** k);
        if (!scaled.some((v) => v > 0)) return;
        expect(paretoShare(scaled, share)).toBeCloseTo(paretoShare(base, share), 12);
      }),
    );
  });
  test("zscore", () => {
    fc.assert(
      fc.property(values, fc.integer({ min: -900, max: 900 }), (xs, k) => {
        const base = Float64Array.from(xs);
        const scaled = base.map((v) => v * 2 ** k);
        const a = normalizeColumn(base, "zscore", 1);
        const b = normalizeColumn(scaled, "zscore", 1);
        b.forEach((v, i) => expect(v).toBeCloseTo(a[i] as number, 10));
        expect(b.every(Number.isFinite)).toBe(true);
      }),
    );
  });
});

test("CV.WHALE of profits whose sum passes the largest double still fills every cell with a finite number", () => {
  const out = WHALE(col(1.5e308, 1.5e308, 1e308), false) as unknown[][];
  // Peak share 1 (every customer profitable); profit lost 0; nothing else is infinite in this table.
  expect(out[1]![1]).toBe(1);
  expect([errorCode(out[3]![1]), errorMessage(out[3]![1])]).toEqual([undefined, undefined]);
});
