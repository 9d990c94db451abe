/**
 * Value functions at the edges of the doubles (README: no NaN or infinity ever reaches a cell).
 * Expected values are worked by hand in the comments.
 */
import fc from "fast-check";
import { normalizeColumn, paretoShare, whaleSummary } from "../../src/engine";
import { ABC, KMEANS, NORMALIZE, PARETOSHARE, RATING, SCORE, SCORECARD, TIER, VALUEMATRIX, WHALE } from "../../src/functions/functions";
import { OMITTED, col, errorCode, errorMessage, firstColumn, row, thrownExcelError } from "../helpers/cells";

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

/** Every number in a spilled result is finite (the rest are labels or error cells). */
const allFinite = (out: unknown[][]) => out.flat().every((cell) => typeof cell !== "number" || Number.isFinite(cell));

describe("the other value functions at the edges of the doubles", () => {
  test("CV.ABC of 1.0, 0.9, 0.5, 0.25, 0.1 (× 1e308): A, A, A, B, C (the total 2.75e308 used to overflow: all A)", () => {
    // S_prev = 0, 1/2.75, 1.9/2.75, 2.4/2.75 = .873, 2.65/2.75 = .964.
    expect(firstColumn(ABC(col(1e308, 0.9e308, 0.5e308, 0.25e308, 0.1e308)))).toEqual(["A", "A", "A", "B", "C"]);
  });

  test("CV.VALUEMATRIX cuts 1.7e308, 1.7e308, 1.6e308, 1.6e308 at their median 1.65e308 (it was Infinity: nobody high)", () => {
    expect(firstColumn(VALUEMATRIX(col(1.7e308, 1.7e308, 1.6e308, 1.6e308), col(1, 2, 3, 4)))).toEqual(["Maintain", "Maintain", "Develop", "Develop"]);
  });

  test("CV.RATING on a scale up to 1.7e308: 1.7e308 everywhere is 100, half of it 50 (it was #NUM!)", () => {
    const out = RATING([[1.7e308, 1.7e308], [0.85e308, 0.85e308]], row(1, 1), 1.7e308) as number[][];
    expect(out[0]).toEqual([100]);
    expect(out[1]![0]).toBeCloseTo(50, 12);
  });

  test("CV.SCORE and CV.SCORECARD with weights and values near 1e308 stay in 0–100", () => {
    // minmax of 1.7e308, −1.7e308, 0 → 1, 0, .5; of 1, 2, 3 → 0, .5, 1; equal weights (1e308 each): 50, 25, 75.
    expect(SCORE([[1.7e308, 1], [-1.7e308, 2], [0, 3]], row(1e308, 1e308))).toEqual([[50], [25], [75]]);
    // One indicator per aspect: actual = financial = 100, 0, 50; potential = customer = 0, 50, 100; total = their mean.
    const card = SCORECARD([[1.7e308, 1], [-1.7e308, 2], [0, 3]], row("financial", "customer"), row(1e308, 1e308), OMITTED, row(1e308, 1e308, 1e308, 1e308));
    expect(card).toEqual([[100, 0, 50], [0, 50, 25], [50, 100, 75]]);
  });

  test("a weight given as the text 1e999 is refused, naming the argument and position", () => {
    expect(thrownExcelError(() => SCORE([[1, 1], [2, 2]], row(1, "1e999")))).toEqual({
      code: "#VALUE!",
      message: 'weights row 1, column 2: expected a number, found "1e999"',
    });
  });

  test("CV.TIER with shares whose sum passes the largest double says so, not 'Infinity'", () => {
    expect(thrownExcelError(() => TIER(col(1, 2), row(1e308, 1e308)))).toEqual({
      code: "#VALUE!",
      message: "tiers must sum to 1 (or 100%), but they sum to more than the largest number (1.8E+308)",
    });
  });

  test("CV.WHALE with a total loss past −1.8e308 gives its reason without 'Infinity'", () => {
    const out = WHALE(col(-1e308, -1e308, 1), false) as unknown[][];
    expect(errorCode(out[1]![1])).toBe("#N/A");
    expect(errorMessage(out[1]![1])).toBe("total profit is below -1.8E+308, not positive, so a share of it means nothing");
    expect(out[2]![1]).toBe(2);
    expect(errorCode(out[3]![1])).toBe("#NUM!"); // 2e308 lost: more than a double holds
  });

  test("CV.NORMALIZE minmax of ±1.7e308 and 0 (max − min passes the largest double) is 1, 0, 0.5", () => {
    expect(NORMALIZE(col(1.7e308, -1.7e308, 0), OMITTED, "minmax")).toEqual([[1], [0], [0.5]]);
  });
});

describe("CV.KMEANS at the edges of the doubles", () => {
  test("1e200, −1e200, 0, 1.7e308, −1.7e308 (zscore): the extremes apart, distances from z = ±sqrt(5/2) (it was one distinct customer)", () => {
    // As in test/engine/valueEdges: the three near 0 lie sqrt(2.5)/4 from their centre, the extreme with them 3·sqrt(2.5)/4, the lone one 0.
    const out = KMEANS([[1e200], [-1e200], [0], [1.7e308], [-1.7e308]], 2) as number[][];
    expect(allFinite(out)).toBe(true);
    const lone = out[3]![1] === 0 ? 3 : 4;
    expect(out[lone]![1]).toBe(0);
    expect(out[7 - lone]![1]).toBeCloseTo((3 * Math.sqrt(2.5)) / 4, 12);
    expect(out[7 - lone]![0]).toBe(out[0]![0]);
    for (const i of [0, 1, 2]) expect(out[i]![1]).toBeCloseTo(Math.sqrt(2.5) / 4, 12);
  });

  test("minmax: ±1.7e308 → 1 and 0, the rest 0.5; clusters {1} and {.5, .5, .5, 0}, centre .375", () => {
    const out = KMEANS([[1e200], [-1e200], [0], [1.7e308], [-1.7e308]], 2, "minmax") as number[][];
    expect(out.map((r) => r[0])).toEqual([1, 1, 1, 2, 1]);
    expect(out.map((r) => r[1])).toEqual([0.125, 0.125, 0.125, 0, 0.375]);
  });

  test("values as small as 1e-320: every distance finite, sqrt(0.2) (it was #NUM! for every row)", () => {
    const out = KMEANS([[1e-320], [-1e-320], [0], [2e-320]], 2) as number[][];
    expect(out.map((r) => r[0])).toEqual([1, 2, 2, 1]);
    for (const r of out) expect(r[1]).toBeCloseTo(Math.sqrt(0.2), 3);
  });

  test("all-equal values and k above the customers are #VALUE! with the reason; k = 1 on equal values is distance 0", () => {
    expect(thrownExcelError(() => KMEANS([[3], [3], [3]], 2)).message).toBe("k: 2 clusters need at least 2 distinct customers; found 1 (identical customers always share a cluster)");
    expect(thrownExcelError(() => KMEANS([[3], [4], [5]], 4)).message).toBe("k: 4 clusters need at least 4 customers with an indicator; found 3");
    expect(KMEANS([[1e308], [1e308], [1e308]], 1)).toEqual([[1, 0], [1, 0], [1, 0]]);
  });
});

test("CV.WHALE counts a tiny profit beside a huge loss as a profit (fuzz: rescaling used to round it to 0)", () => {
  // {−9e307; 1e−200}: one profitable customer of two → peak customer share 0.5; one unprofitable customer.
  const s = whaleSummary(Float64Array.of(-9e307, 1e-200));
  expect([s.peakCustomerShare, s.unprofitableCustomers]).toEqual([0.5, 1]);
  expect(whaleSummary(Float64Array.of(-1e-200, 1e308, 0)).unprofitableCustomers).toBe(1);
});
