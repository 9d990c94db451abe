/**
 * The lifetime-value custom functions at the numeric edges (issue 12): no NaN, Infinity or
 * undefined reaches a cell; what cannot be represented is #NUM! with the engine's reason;
 * fits that run off are #NUM! in plain words; Markov horizons of 1e308 periods return.
 * Expected values are worked by hand here.
 */
import { BGNBD_EXPECTED, BGNBD_FIT, BGNBD_PALIVE, CLV_BGNBD, GG_FIT, GG_SPEND } from "../../src/functions/functions";
import { CLV, CLVSIMPLE, MARKOVCLV, MARKOVMATRIX } from "../../src/functions/clvFormulas";
import { OMITTED, col, errorCode, errorMessage, row, thrownExcelError } from "../helpers/cells";

const cdnow = row(0.243, 4.414, 0.793, 2.426);
const gg = row(6.25, 3.74, 15.44);
const cells = (result: unknown[][]): unknown[] => result.map((r) => r[0]);
const relative = (actual: unknown, expected: number) => Math.abs((actual as number) - expected) / Math.abs(expected);

/** Every cell is a finite number or an Excel error: never NaN, ±Infinity or undefined. */
function expectRepresentable(result: unknown[][]): void {
  for (const r of result) for (const cell of r) expect(typeof cell === "number" ? Number.isFinite(cell) : cell !== undefined && errorCode(cell) !== undefined).toBe(true);
}

describe("CV.BGNBD.EXPECTED and CV.BGNBD.PALIVE for frequent buyers and long horizons", () => {
  test("a million repeat purchases bought up to T: a number (the x → ∞ limit), not #NUM!", () => {
    // limit P(alive) · (b+x)(1 − (1+c)^(1−a))/(a−1), c = t(r+x)/((α+T)(b+x)), to O(1/x)
    const [r, alpha, a, b] = [0.243, 4.414, 0.793, 2.426];
    const x = 1e6;
    const c = (39 * (r + x)) / ((alpha + 39) * (b + x));
    const limit = ((1 / (1 + a / (b + x - 1))) * (b + x) * (1 - Math.pow(1 + c, 1 - a))) / (a - 1);
    const out = BGNBD_EXPECTED(cdnow, 39 as unknown as unknown[][], col(x), col(39), col(39));
    expect(relative(out[0]![0], limit)).toBeLessThan(1e-5);
    expect(BGNBD_PALIVE(cdnow, col(x), col(39), col(39))[0]![0]).toBeCloseTo(1 / (1 + a / (b + x - 1)), 14);
  });

  test("t = 1e12 with a > 1: P(alive) · (a+b+x−1)/(a−1); t = 1e300 with CDNOW's a < 1: a finite number", () => {
    const out = BGNBD_EXPECTED(row(0.8, 5, 2.5, 4), 1e12 as unknown as unknown[][], col(4), col(30), col(30));
    expect(out[0]![0]).toBeCloseTo((1 / (1 + 2.5 / 7)) * (9.5 / 1.5), 10);
    const long = BGNBD_EXPECTED(cdnow, 1e300 as unknown as unknown[][], col(0, 2), col(0, 30), col(39, 39));
    expectRepresentable(long);
    expect(cells(long).every((v) => typeof v === "number" && v > 0)).toBe(true);
  });

  test("a t or x of ±Infinity (1e999) is #VALUE! naming the row, never a number computed from it", () => {
    const t = thrownExcelError(() => BGNBD_EXPECTED(cdnow, col(39, Number.POSITIVE_INFINITY), col(1, 1), col(1, 1), col(2, 2)));
    expect(t.code).toBe("#VALUE!");
    expect(t.message).toMatch(/^t row 2\b.*Infinity/);
    const x = thrownExcelError(() => BGNBD_PALIVE(cdnow, col(1, Number.NEGATIVE_INFINITY), col(1, 1), col(2, 2)));
    expect(x.code).toBe("#VALUE!");
    expect(x.message).toMatch(/^x row 2\b.*-Infinity/);
  });
});

describe("CV.GG.SPEND and CV.CLV.BGNBD near 1e308", () => {
  test("a spend of 1e308 gives 1e308 · 12.5/15.24 + γp/15.24 ≈ 8.2e307, not #NUM!", () => {
    const out = GG_SPEND(gg, col(2, 1e6), col(1e308, 1e308));
    expect(relative(out[0]![0], 1e308 * (12.5 / 15.24) + (15.44 * 6.25) / 15.24)).toBeLessThan(1e-14);
    expect(relative(out[1]![0], 1e308 * (6.25e6 / (6.25e6 + 2.74)))).toBeLessThan(1e-14);
  });

  test("CLV with a spend of 1e308 is that row's #NUM! with the reason; the other rows keep their values", () => {
    const out = CLV_BGNBD(cdnow, gg, col(2, 2), col(30, 30), col(39, 39), col(1e308, 20), 1200, 0);
    expect(errorCode(out[0]![0])).toBe("#NUM!");
    expect(errorMessage(out[0]![0])).toMatch(/^the lifetime value .* is beyond the largest number Excel holds \(±1.8E\+308\): rescale avg_spend/);
    expect(typeof out[1]![0]).toBe("number");
  });

  test("a thousand repeat purchases over 1,200 months: a number, within O(1/x) of spend × the x → ∞ limit of the purchases", () => {
    const [r, alpha, a, b] = [0.243, 4.414, 0.793, 2.426];
    const x = 1000;
    const t = (1200 * 365.25) / 12 / 7;
    const c = (t * (r + x)) / ((alpha + 39) * (b + x));
    const purchases = ((1 / (1 + a / (b + x - 1))) * (b + x) * (1 - Math.pow(1 + c, 1 - a))) / (a - 1);
    const spend = ((15.44 + 20 * x) * 6.25) / (6.25 * x + 2.74);
    const out = CLV_BGNBD(cdnow, gg, col(x), col(39), col(39), col(20), 1200, 0);
    expect(relative(out[0]![0], spend * purchases)).toBeLessThan(3e-3);
  });
});

describe("CV.CLV, CV.CLVSIMPLE near 1e308", () => {
  test("CLVSIMPLE: 1e308 / 0.5 × 0.25 = 5e307; 1e308 / 0.5 × 3 is that row's #NUM! naming the row", () => {
    const out = cells(CLVSIMPLE(col(1e308, 1e308), [[0.5]], col(0.25, 3)));
    expect(relative(out[0], 5e307)).toBeLessThan(1e-15);
    expect(errorCode(out[1])).toBe("#NUM!");
    expect(errorMessage(out[1])).toMatch(/^row 2: the simple CLV is above the largest number Excel holds/);
  });

  test("CLV: retention 1, discount 0 over 1e308 periods: 1e−300 × 1e308 = 1e8, 5 × 1e308 is #NUM!; infinite horizon still NOT_CONVERGED", () => {
    const out = cells(CLV(col(1e-300, 5), [[1]], [[0]], [[1e308]], OMITTED, "start"));
    expect(out[0]).toBeCloseTo(1e8, 0);
    expect(errorCode(out[1])).toBe("#NUM!");
    expect(errorMessage(out[1])).toMatch(/^row 2: the retention CLV is above the largest number Excel holds .* or give fewer periods$/);
    expect(thrownExcelError(() => CLV(col(5), [[1]], [[0]])).code).toBe("#NUM!");
  });
});

describe("CV.MARKOVCLV horizons and CV.MARKOVMATRIX sizes", () => {
  const matrix = [
    ["From \\ To", "A", "B"],
    ["A", 0.5, 0.5],
    ["B", 0, 1],
  ];

  test("periods = 1e308 returns the infinite-horizon value 100 / (1 − 0.5/1.1) = 183.33…", () => {
    const out = MARKOVCLV(matrix, col(100, 0), 0.1, 1e308);
    expect(out[0]![0]).toBeCloseTo(100 / (1 - 0.5 / 1.1), 10);
    expect(out[1]![0]).toBe(0);
  });

  test("periods 2.5, −3 or 0 are #VALUE! naming the argument and value", () => {
    for (const bad of [2.5, -3, 0]) {
      expect(thrownExcelError(() => MARKOVCLV(matrix, col(100, 0), 0.1, bad))).toEqual({
        code: "#VALUE!",
        message: `periods: must be a whole number of periods, 1 or more (leave it blank for an infinite horizon), found ${bad}`,
      });
    }
  });

  test("discount 0 over 1e308 periods with rewards in every state is #NUM! with the reason", () => {
    const error = thrownExcelError(() =>
      MARKOVCLV(
        [
          [0.9, 0.1],
          [0.2, 0.8],
        ],
        col(10, 2),
        0,
        1e308,
      ),
    );
    expect(error.code).toBe("#NUM!");
    expect(error.message).toMatch(/^the value of state 1 over 1e\+308 periods is beyond the largest number Excel holds.*with no discount the rewards add up/);
  });

  test("MARKOVMATRIX on 20,000 customer ids is #VALUE! saying so, before a 20,000 × 20,000 matrix is built", () => {
    const ids = col(...Array.from({ length: 20_000 }, (_, i) => `C${i}`));
    expect(thrownExcelError(() => MARKOVMATRIX(ids, ids))).toEqual({
      code: "#VALUE!",
      message: "from_states has 20,000 distinct states; a transition matrix holds at most 1,000 – pass stage or segment labels, not customer ids",
    });
  });
});

describe("CV.GG.FIT and CV.BGNBD.FIT that run off are #NUM! in plain words", () => {
  test("GG.FIT on two customers", () => {
    const error = thrownExcelError(() => GG_FIT(col(3, 3), col(10, 12)));
    expect(error.code).toBe("#NUM!");
    expect(error.message).toMatch(/^the Gamma-Gamma fit did not converge: the spends of 2 customers do not pin down p, q, gamma: [pq] runs off to infinity/);
  });

  test("BGNBD.FIT on customers who all buy at one rate (a third every period to the end, the rest stopping)", () => {
    const n = 300;
    const T = Array.from({ length: n }, (_, i) => 20 + (i % 20));
    const x = T.map((t, i) => (i % 3 === 0 ? t - 1 : 3 + (i % 15)));
    const error = thrownExcelError(() => BGNBD_FIT(col(...x), col(...x), col(...T)));
    expect(error.code).toBe("#NUM!");
    expect(error.message).toMatch(/the purchase rates do not differ enough between customers: r grows without limit/);
  });
});
