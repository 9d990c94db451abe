/**
 * `[total]` on the CV.*.EXPECTED functions: one row, the expected purchases of every
 * customer added up, and with a level the total's range. The range is checked against the
 * delta method written out here: the gradient of the total in the log-parameters by central
 * differences of plain CV.BGNBD.EXPECTED calls at moved parameters, and the covariance of
 * the log-parameters rebuilt by hand from the FIT table's standard errors and correlations.
 */
import { BGBB_EXPECTED, BGBB_FIT, BGNBD_EXPECTED, BGNBD_FIT, MBGNBD_EXPECTED, MBGNBD_FIT, PNBD_EXPECTED, PNBD_FIT } from "../../src/functions/functions";
import { cdnowPublishedSummary } from "../helpers/cdnow";
import { col, firstColumn, thrownExcelError } from "../helpers/cells";

const published = cdnowPublishedSummary();
const x = col(...published.x);
const tx = col(...published.tx);
const T = col(...published.T);
const sum = (values: unknown[]) => (values as number[]).reduce((a, b) => a + b, 0);

describe("CV.BGNBD.EXPECTED with total", () => {
  const fit = BGNBD_FIT(x, tx, T) as unknown[][];

  test("the total is the sum of the customers' expectations (2,357 CDNOW customers, the next 39 weeks)", () => {
    const each = firstColumn(BGNBD_EXPECTED(fit, [[39]], x, tx, T));
    const total = BGNBD_EXPECTED(fit, [[39]], x, tx, T, undefined, true) as number[][];
    expect(total).toHaveLength(1);
    expect(total[0]).toHaveLength(1);
    expect(total[0]![0]).toBeCloseTo(sum(each), 8);
    // FHL 2005: 1,653 repeat purchases expected in the 39-week holdout at the fitted parameters (1,882 were made).
    expect(Math.round(total[0]![0]!)).toBe(1653);
  });

  test("with level 0.9: the total's range is the delta method on the total, written out in the test", () => {
    const [[value, low, high]] = BGNBD_EXPECTED(fit, [[39]], x, tx, T, 0.9, true) as number[][] as [[number, number, number]];
    // The FIT table: rows 1–4 are r, alpha, a, b; columns Value, Standard error, then the correlations with r, alpha, a, b.
    const theta = [1, 2, 3, 4].map((i) => fit[i]![1] as number);
    const se = [1, 2, 3, 4].map((i) => fit[i]![2] as number);
    const rho = [1, 2, 3, 4].map((i) => [3, 4, 5, 6].map((j) => fit[i]![j] as number));
    const totalAt = (p: number[]) => sum(firstColumn(BGNBD_EXPECTED(col(...p), [[39]], x, tx, T)));
    const h = 1e-4;
    const gradient = theta.map((_, j) => {
      const up = theta.map((v, i) => (i === j ? v * Math.exp(h) : v));
      const down = theta.map((v, i) => (i === j ? v * Math.exp(-h) : v));
      return (totalAt(up) - totalAt(down)) / (2 * h);
    });
    let variance = 0;
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) variance += gradient[i]! * rho[i]![j]! * (se[i]! / theta[i]!) * (se[j]! / theta[j]!) * gradient[j]!;
    const spread = (1.6448536269514722 * Math.sqrt(variance)) / value;
    expect(low).toBeCloseTo(value * Math.exp(-spread), 6);
    expect(high).toBeCloseTo(value * Math.exp(spread), 6);
    // The customers share the parameters: the total's relative range is not the customers' shrunk by √2357 (as if they were independent).
    const each = BGNBD_EXPECTED(fit, [[39]], x, tx, T, 0.9) as number[][];
    const relative = each.map(([v, , hi]) => Math.log(hi! / v!)).sort((a, b) => a - b);
    const median = relative[Math.floor(relative.length / 2)]!;
    expect(Math.log(high / value)).toBeGreaterThan(median / Math.sqrt(2357));
    expect(Math.log(high / value)).toBeLessThan(relative[relative.length - 1]!);
  });

  test("a row without a value makes the total an error naming the row; total must be TRUE or FALSE", () => {
    const badTx = col(1, 40);
    expect(thrownExcelError(() => BGNBD_EXPECTED(fit, [[39]], col(1, 2), badTx, col(10, 20), undefined, true)).message).toMatch(/^total: row 2 has no value \(t_x row 2 is 40, after T = 20/);
    expect(thrownExcelError(() => BGNBD_EXPECTED(fit, [[39]], x, tx, T, undefined, "maybe" as unknown as boolean)).message).toMatch(/^total: expected /);
  });
});

describe("total on the other models' EXPECTED", () => {
  test("MBG/NBD and Pareto/NBD: the sum of the customers' expectations, and a range around it", () => {
    for (const [fitFn, expectedFn] of [
      [MBGNBD_FIT, MBGNBD_EXPECTED],
      [PNBD_FIT, PNBD_EXPECTED],
    ] as const) {
      const fit = fitFn(x, tx, T) as unknown[][];
      const each = firstColumn(expectedFn(fit, [[39]], x, tx, T));
      const [[value, low, high]] = expectedFn(fit, [[39]], x, tx, T, 0.9, true) as number[][] as [[number, number, number]];
      expect(value).toBeCloseTo(sum(each), 8);
      expect(low).toBeLessThan(value);
      expect(high).toBeGreaterThan(value);
      expect(low * high).toBeCloseTo(value * value, 4);
    }
  });

  test("BG/BB: three supporters (x, t_x, n) = (6, 6, 6), (3, 4, 6), (0, 0, 6) over the next 5 opportunities add up", () => {
    const fit = BGBB_FIT(col(6, 3, 0, 2, 5, 1), col(6, 4, 0, 5, 6, 1), col(6, 6, 6, 6, 6, 6)) as unknown[][];
    const each = firstColumn(BGBB_EXPECTED(fit, [[5]], col(6, 3, 0), col(6, 4, 0), col(6, 6, 6)));
    const total = BGBB_EXPECTED(fit, [[5]], col(6, 3, 0), col(6, 4, 0), col(6, 6, 6), undefined, true) as number[][];
    expect(total).toEqual([[expect.closeTo(sum(each), 10)]]);
  });
});
