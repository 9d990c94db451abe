/**
 * CV.MBGNBD.FIT, CV.MBGNBD.PALIVE and CV.MBGNBD.EXPECTED as Excel calls them: the published
 * CDNOW estimates end to end, hand values, and every argument's bad input.
 */
import { mbgnbdExpected } from "../../src/engine/lifetime/mbgnbd";
import { MBGNBD_EXPECTED, MBGNBD_FIT, MBGNBD_PALIVE } from "../../src/functions/mbgnbd";
import { cdnowPublishedSummary } from "../helpers/cdnow";
import { col, errorCode, errorMessage, firstColumn, row, thrownExcelError } from "../helpers/cells";

const cdnow = cdnowPublishedSummary();
const [x, tx, T] = [col(...cdnow.x), col(...cdnow.tx), col(...cdnow.T)];
const value = (table: unknown[][], label: string) => table.find((r) => r[0] === label)?.[1];
/** r = 1, α = 2, a = 1, b = 2: every term a simple fraction (worked in test/engine/mbgnbd.test.ts). */
const simple = row(1, 2, 1, 2);

describe("CV.MBGNBD.FIT on the CDNOW calibration summary", () => {
  test("r = 0.525, α = 6.183, a = 0.891, b = 1.614 (BTYDplus, as lifetimes checks them), with standard errors and the verdict", () => {
    const fit = MBGNBD_FIT(x, tx, T) as unknown[][];
    expect(firstColumn(fit).slice(0, 7)).toEqual(["Parameter", "r", "alpha", "a", "b", "log-likelihood", "customers"]);
    expect(firstColumn(fit).at(-1)).toBe("verdict");
    expect(fit[0]!.slice(0, 3)).toEqual(["Parameter", "Value", "Standard error"]);
    expect(["r", "alpha", "a", "b"].map((k) => (value(fit, k) as number).toFixed(3))).toEqual(["0.525", "6.183", "0.891", "1.614"]);
    expect(value(fit, "customers")).toBe(2357);
    expect(value(fit, "verdict")).toBe("no warning");
    for (const r of fit.slice(1, 5)) expect(r[2]).toBeGreaterThan(0);
    expect((MBGNBD_FIT(x, tx, T, false) as unknown[][])[0]![0]).toBe("r");
  });

  test("the FIT table feeds P(alive) and expected purchases: a customer without repeats is alive with probability below 1", () => {
    const fit = MBGNBD_FIT(x, tx, T) as unknown[][];
    const alive = firstColumn(MBGNBD_PALIVE(fit, col(0, 2), col(0, 30.43), col(38.86, 38.86)));
    expect(alive[0]).toBeGreaterThan(0);
    expect(alive[0]).toBeLessThan(1);
    // lifetimes' loose check against Hardie's BG/NBD sheet: within 0.05 of 1.226
    const expected = firstColumn(MBGNBD_EXPECTED(fit, 39 as unknown as unknown[][], col(2), col(30.43), col(38.86)));
    expect(Math.abs((expected[0] as number) - 1.226)).toBeLessThan(0.05);
  });

  test("by hand at r = 1, α = 2, a = 1, b = 2: P(alive) 27/43 for (1, 1, 2) and 1/2 for (0, 0, 2); E over t = 0 is 0", () => {
    expect(firstColumn(MBGNBD_PALIVE(simple, col(1, 0), col(1, 0), col(2, 2)))).toEqual([expect.closeTo(27 / 43, 14), expect.closeTo(0.5, 14)]);
    expect(firstColumn(MBGNBD_EXPECTED(simple, col(0, 5), col(1, 1), col(1, 1), col(2, 2)))[0]).toBe(0);
  });
});

describe("CV.MBGNBD.* bad input, per argument", () => {
  test("params: missing, unreadable, not positive, too few", () => {
    const none = thrownExcelError(() => MBGNBD_PALIVE(null as unknown as unknown[][], col(1), col(1), col(2)));
    expect(none.message).toMatch(/^params is required: select the CV.MBGNBD.FIT table/);
    const text = thrownExcelError(() => MBGNBD_PALIVE([["r", 1], ["alpha", "?"], ["a", 1], ["b", 1]], col(1), col(1), col(2)));
    expect(text.message).toMatch(/^params row 2 \(alpha\): expected a number/);
    const zero = thrownExcelError(() => MBGNBD_EXPECTED(row(1, 2, 0, 2), 5 as unknown as unknown[][], col(1), col(1), col(2)));
    expect(zero.code).toBe("#VALUE!");
    expect(zero.message).toBe("params: a must be a positive number, found 0");
    expect(thrownExcelError(() => MBGNBD_PALIVE(row(1, 2), col(1), col(1), col(2))).message).toMatch(/^params: expected r, alpha, a, b/);
  });

  test("x, t_x, T: the row's own #VALUE! or #N/A, the other rows keep their values", () => {
    const cells = firstColumn(MBGNBD_PALIVE(simple, col(-1, 1, 1, 1, 3, ""), col(0, 3, -1, 1, 0, 1), col(2, 2, 2, -2, 5, 2)));
    expect(errorMessage(cells[0])).toMatch(/^x row 1: .* found -1/);
    expect(errorMessage(cells[1])).toMatch(/^t_x row 2 is 3, after T = 2/);
    expect(errorMessage(cells[2])).toMatch(/^t_x row 3: .* found -1/);
    expect(errorMessage(cells[3])).toMatch(/^T row 4: the customer's age cannot be negative/);
    expect(errorMessage(cells[4])).toMatch(/^t_x row 5 is 0 but x is 3/);
    expect(errorCode(cells[5])).toBe("#N/A");
    expect(errorMessage(cells[5])).toBe("x row 6 is blank");
  });

  test("t: negative or blank is that row's error, infinite refuses the call; a column of the wrong height is an error of the call", () => {
    const cells = firstColumn(MBGNBD_EXPECTED(simple, col(-1, "", 4), col(1, 1, 1), col(1, 1, 1), col(2, 2, 2)));
    expect(errorMessage(cells[0])).toBe("t row 1: the future period cannot be negative, found -1");
    expect(errorCode(cells[1])).toBe("#N/A");
    expect(typeof cells[2]).toBe("number");
    // An infinite cell is refused when the column is read, naming its row.
    const infinite = thrownExcelError(() => MBGNBD_EXPECTED(simple, col(1, Number.POSITIVE_INFINITY), col(1, 1), col(1, 1), col(2, 2)));
    expect(infinite.code).toBe("#VALUE!");
    expect(infinite.message).toMatch(/^t row 2\b.*Infinity/);
    expect(thrownExcelError(() => MBGNBD_EXPECTED(simple, col(1, 2), col(1, 1, 1), col(1, 1, 1), col(2, 2, 2))).message).toMatch(/\bt\b/);
  });

  test("FIT: an impossible row, mismatched heights, nobody repeating, data that do not pin the model, a bad headers flag", () => {
    const bad = thrownExcelError(() => MBGNBD_FIT(col(1, 2), col(1, 40), col(10, 39)));
    expect(bad.code).toBe("#VALUE!");
    expect(bad.message).toBe("t_x row 2 is 40, after T = 39: the last purchase must fall within the customer's age");
    expect(thrownExcelError(() => MBGNBD_FIT(col(1, 2), col(1), col(2, 2))).message).toMatch(/t_x/);
    expect(thrownExcelError(() => MBGNBD_FIT(col(0, 0), col(0, 0), col(5, 6))).code).toBe("#N/A");
    const steady = col(...Array.from({ length: 200 }, () => 10));
    const runaway = thrownExcelError(() => MBGNBD_FIT(steady, col(...Array.from({ length: 200 }, () => 20)), col(...Array.from({ length: 200 }, () => 20))));
    expect(runaway.code).toBe("#NUM!");
    expect(runaway.message).toMatch(/^the MBG\/NBD fit did not converge: /);
    expect(thrownExcelError(() => MBGNBD_FIT(x, tx, T, "perhaps" as unknown as boolean)).message).toMatch(/^headers: expected/);
  });
});

describe("ranges: CV.MBGNBD.EXPECTED with a level", () => {
  const fit = MBGNBD_FIT(x, tx, T) as unknown[][];
  const [xs, txs, Ts] = [col(2, 1, 0), col(30.43, 1.71, 0), col(38.86, 38.86, 38.86)]; // CDNOW 0001–0003

  test("three columns: the expectation (as without a level) and a range symmetric on the log scale that widens with the level", () => {
    const plain = firstColumn(MBGNBD_EXPECTED(fit, [[39]], xs, txs, Ts)) as number[];
    const ninety = MBGNBD_EXPECTED(fit, [[39]], xs, txs, Ts, 0.9) as number[][];
    const ninetyNine = MBGNBD_EXPECTED(fit, [[39]], xs, txs, Ts, 0.99) as number[][];
    ninety.forEach(([v, low, high], i) => {
      expect(v).toBe(plain[i]);
      expect(low).toBeLessThan(v!);
      expect(high).toBeGreaterThan(v!);
      expect(low! * high!).toBeCloseTo(v! * v!, 10);
      expect(Math.log(ninetyNine[i]![2]! / v!) / Math.log(high! / v!)).toBeCloseTo(2.5758293035489 / 1.6448536269514722, 6);
    });
  });

  test("the range is the delta method on the log-parameters, computed here from the table's standard errors and correlations", () => {
    const names = ["r", "alpha", "a", "b"];
    const theta = names.map((n) => value(fit, n) as number);
    const se = names.map((n) => fit.find((r) => r[0] === n)![2] as number);
    const rho = (i: number, j: number) => fit.find((r) => r[0] === names[i])![3 + j] as number;
    const e = (t: number[]) => mbgnbdExpected({ r: t[0]!, alpha: t[1]!, a: t[2]!, b: t[3]! }, 39, 2, 30.43, 38.86);
    const v = e(theta);
    const h = 1e-5;
    const g = theta.map((_, k) => (e(theta.map((t, j) => (j === k ? t * Math.exp(h) : t))) - e(theta.map((t, j) => (j === k ? t * Math.exp(-h) : t)))) / (2 * h));
    let variance = 0;
    for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) variance += g[a]! * g[b]! * rho(a, b) * (se[a]! / theta[a]!) * (se[b]! / theta[b]!);
    const spread = 1.6448536269514722 * (Math.sqrt(variance) / v);
    const [value0, low, high] = (MBGNBD_EXPECTED(fit, [[39]], col(2), col(30.43), col(38.86), 0.9) as number[][])[0]!;
    expect(value0).toBeCloseTo(v, 12);
    expect(low! / (v * Math.exp(-spread))).toBeCloseTo(1, 6);
    expect(high! / (v * Math.exp(spread))).toBeCloseTo(1, 6);
  });

  test("the table without a header gives the same ranges", () => {
    const noHeader = MBGNBD_FIT(x, tx, T, false) as unknown[][];
    expect(MBGNBD_EXPECTED(noHeader, [[39]], xs, txs, Ts, 0.9)).toEqual(MBGNBD_EXPECTED(fit, [[39]], xs, txs, Ts, 0.9));
  });

  test("bad input: typed-in parameters have no uncertainty; a level outside (0, 1); an error row keeps its three cells", () => {
    expect(thrownExcelError(() => MBGNBD_EXPECTED(simple, [[39]], xs, txs, Ts, 0.9)).message).toBe(
      "params: a range needs the standard errors and correlations of the CV.MBGNBD.FIT table: select the whole table it returns (7 columns), not only its first two",
    );
    expect(thrownExcelError(() => MBGNBD_EXPECTED(fit.map((r) => r.slice(0, 2)), [[39]], xs, txs, Ts, 0.9)).message).toMatch(/^params: a range needs the standard errors/);
    expect(thrownExcelError(() => MBGNBD_EXPECTED(fit, [[39]], xs, txs, Ts, 0))).toEqual({ code: "#VALUE!", message: "level must be a share between 0 and 1 (0.9 for a 90% range), found 0" });
    const out = MBGNBD_EXPECTED(fit, [[39]], col(1, 2), col(5, 40), col(10, 20), 0.9) as unknown[][];
    expect(out[0]!.every((v) => typeof v === "number")).toBe(true);
    expect(out[1]!.map(errorCode)).toEqual(["#VALUE!", "#VALUE!", "#VALUE!"]);
    expect(errorMessage(out[1]![0])).toMatch(/^t_x row 2 is 40, after T = 20/);
  });
});
