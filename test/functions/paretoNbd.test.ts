/**
 * The Pareto/NBD custom functions: CV.PNBD.FIT on the published CDNOW summary, the FIT table
 * read back by the other functions, DERT's annual-to-continuous discount conversion worked
 * by hand, and bad input per argument (the message names the argument and the row).
 */
import { pnbdDert, pnbdExpected, pnbdPAlive } from "../../src/engine/lifetime/paretoNbd";
import { PNBD_DERT, PNBD_EXPECTED, PNBD_FIT, PNBD_PALIVE } from "../../src/functions/paretoNbd";
import { cdnowPublishedSummary } from "../helpers/cdnow";
import { OMITTED, col, errorCode, errorMessage, excelErrorCell, firstColumn, row, thrownExcelError } from "../helpers/cells";

const value = (table: unknown[][], label: string) => table.find((r) => r[0] === label)?.[1] as number;
const cells = (result: unknown[][]): unknown[] => result.map((r) => r[0]);
const published = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
const params = row(published.r, published.alpha, published.s, published.beta);

describe("CV.PNBD.FIT on the published CDNOW summary", () => {
  const cdnow = cdnowPublishedSummary();
  const x = col(...cdnow.x);
  const tx = col(...cdnow.tx);
  const T = col(...cdnow.T);
  const fit = PNBD_FIT(x, tx, T) as unknown[][];

  test("the table: r = 0.553, α = 10.578, s = 0.606, β ≈ 11.669, log-likelihood −9595.0, 2,357 customers, no warning", () => {
    expect(fit[0]!.slice(0, 3)).toEqual(["Parameter", "Value", "Standard error"]);
    expect(firstColumn(fit).slice(0, 7)).toEqual(["Parameter", "r", "alpha", "s", "beta", "log-likelihood", "customers"]);
    expect(value(fit, "r").toFixed(3)).toBe("0.553");
    expect(value(fit, "alpha").toFixed(3)).toBe("10.578");
    expect(value(fit, "s").toFixed(3)).toBe("0.606");
    // The exact maximum of this summary is 11.6679; the published 11.669 is Excel Solver's stopping point (see the engine test).
    expect(Math.abs(value(fit, "beta") - 11.669)).toBeLessThan(0.0015);
    expect(value(fit, "log-likelihood").toFixed(1)).toBe("-9595.0");
    expect(value(fit, "customers")).toBe(2357);
    expect(value(fit, "verdict")).toBe("no warning");
    for (const r of fit.slice(1, 5)) expect(r[2]).toBeGreaterThan(0);
    expect(PNBD_FIT(x, tx, T, false)[0]![0]).toBe("r");
  });

  test("the FIT table feeds P(alive), expected purchases and DERT, which match the engine row by row", () => {
    const p = { r: value(fit, "r"), alpha: value(fit, "alpha"), s: value(fit, "s"), beta: value(fit, "beta") };
    const rows = [0, 1, 2, 1515]; // customer 1516 is BTYD's x = 26, t_x = 30.86, T = 31 example
    const xs = col(...rows.map((i) => cdnow.x[i]));
    const txs = col(...rows.map((i) => cdnow.tx[i]));
    const Ts = col(...rows.map((i) => cdnow.T[i]));
    const alive = cells(PNBD_PALIVE(fit, xs, txs, Ts));
    const expected = cells(PNBD_EXPECTED(fit, 52 as unknown as unknown[][], xs, txs, Ts));
    const dert = cells(PNBD_DERT(fit, xs, txs, Ts));
    const delta = Math.log(1.1) * (7 / 365.25); // 10% a year, weekly data
    rows.forEach((i, k) => {
      expect(alive[k]).toBeCloseTo(pnbdPAlive(p, cdnow.x[i]!, cdnow.tx[i]!, cdnow.T[i]!), 14);
      expect(expected[k]).toBeCloseTo(pnbdExpected(p, 52, cdnow.x[i]!, cdnow.tx[i]!, cdnow.T[i]!), 12);
      expect(dert[k]).toBeCloseTo(pnbdDert(p, cdnow.x[i]!, cdnow.tx[i]!, cdnow.T[i]!, delta), 12);
    });
    expect(cdnow.x[1515]).toBe(26);
    expect((expected[3] as number).toFixed(2)).toBe("25.46"); // BTYD walkthrough
  });
});

describe("CV.PNBD.DERT: an annual rate made continuous per period", () => {
  // x = 0, T = 0: alive, so DERT = r/α · β ∫₀^∞ e^(−zy) (1+y)^(−s) dy with z = δβ. At s = 1, β = 4: r/α · 4 e^z E₁(z).
  // δ = ln(1 + d) × days per unit / 365.25: choose d so that z = δ · 4 = 1 for each unit, where E₁(1) = 0.21938393439552 (A&S 5.1).
  const e1 = 0.21938393439552;
  const want = 0.5 * 4 * Math.E * e1;
  const p = row(1, 2, 1, 4);
  test.each([
    ["week", 7],
    ["day", 1],
    ["month", 365.25 / 12],
  ])("unit %s", (unit, days) => {
    const annual = Math.expm1((0.25 * 365.25) / days);
    const out = PNBD_DERT(p, col(0), col(0), col(0), annual, unit);
    expect(out[0]![0]).toBeCloseTo(want, 11);
  });

  test("the default is 10% a year on weekly data", () => {
    const delta = Math.log(1.1) * (7 / 365.25);
    const byHand = pnbdDert(published, 2, 30.43, 38.86, delta);
    expect(PNBD_DERT(params, col(2), col(30.43), col(38.86))[0]![0]).toBeCloseTo(byHand, 12);
    expect(PNBD_DERT(params, col(2), col(30.43), col(38.86), 0.1, "weeks")[0]![0]).toBeCloseTo(byHand, 12);
    expect(PNBD_DERT(params, col(2), col(30.43), col(38.86), OMITTED, OMITTED)[0]![0]).toBeCloseTo(byHand, 12);
  });
});

describe("bad input, per argument", () => {
  const x = col(1, 2);
  const tx = col(3, 5);
  const T = col(10, 10);

  test("params: missing, incomplete, not a number, not positive", () => {
    const missing = thrownExcelError(() => PNBD_PALIVE(null as unknown as unknown[][], x, tx, T));
    expect(missing.code).toBe("#VALUE!");
    expect(missing.message).toMatch(/^params is required/);
    expect(thrownExcelError(() => PNBD_PALIVE(row(1, 2, 3), x, tx, T)).message).toMatch(/^params: expected r, alpha, s, beta/);
    expect(thrownExcelError(() => PNBD_PALIVE([["r", 1], ["alpha", 2], ["beta", 3]], x, tx, T)).message).toBe("params: no value for s in the table");
    expect(thrownExcelError(() => PNBD_PALIVE([["r", 1], ["alpha", "two"], ["s", 1], ["beta", 3]], x, tx, T)).message).toMatch(/^params row 2 \(alpha\): expected a number/);
    expect(thrownExcelError(() => PNBD_EXPECTED(row(1, 2, 0, 3), col(5), x, tx, T)).message).toBe("params: s must be a positive number, found 0");
    expect(thrownExcelError(() => PNBD_DERT(row(1, -2, 1, 3), x, tx, T)).message).toBe("params: alpha must be a positive number, found -2");
  });

  test("x, t_x, T: text, impossible rows and blanks name the argument and the row", () => {
    const text = thrownExcelError(() => PNBD_PALIVE(params, col(1, "two"), tx, T));
    expect(text.code).toBe("#VALUE!");
    expect(text.message).toMatch(/^x row 2\b/);
    expect(thrownExcelError(() => PNBD_PALIVE(params, x, col(3, excelErrorCell("#REF!")), T)).message).toMatch(/^t_x row 2\b/);
    expect(thrownExcelError(() => PNBD_PALIVE(params, x, tx, col(10))).message).toMatch(/^T has 1 rows but x has 2/);
    const rows = cells(PNBD_PALIVE(params, col(1, 1.5, 2, 1, ""), col(3, 3, 12, 3, 3), col(10, 10, 10, -1, 10)));
    expect(typeof rows[0]).toBe("number");
    expect(errorCode(rows[1])).toBe("#VALUE!");
    expect(errorMessage(rows[1])).toMatch(/^x row 2: repeat purchases must be a whole number/);
    expect(errorMessage(rows[2])).toMatch(/^t_x row 3 is 12, after T = 10/);
    expect(errorMessage(rows[3])).toMatch(/^T row 4: the customer's age cannot be negative/);
    expect(errorCode(rows[4])).toBe("#N/A");
    expect(errorMessage(rows[4])).toBe("x row 5 is blank");
    for (const fn of [
      () => PNBD_EXPECTED(params, col(5), col(1, 2), col(3, 12), col(10, 10)),
      () => PNBD_DERT(params, col(1, 2), col(3, 12), col(10, 10)),
    ]) {
      const out = cells(fn());
      expect(typeof out[0]).toBe("number");
      expect(errorMessage(out[1])).toMatch(/^t_x row 2 is 12, after T = 10/);
    }
  });

  test("t: negative, blank, text, a column of the wrong height", () => {
    const out = cells(PNBD_EXPECTED(params, col(52, -1, ""), col(1, 1, 1), col(3, 3, 3), col(10, 10, 10)));
    expect(typeof out[0]).toBe("number");
    expect(errorMessage(out[1])).toBe("t row 2: the future period cannot be negative, found -1");
    expect(errorMessage(out[2])).toBe("t row 3 is blank");
    expect(thrownExcelError(() => PNBD_EXPECTED(params, col("soon"), x, tx, T)).message).toMatch(/^t row 1\b/);
    expect(thrownExcelError(() => PNBD_EXPECTED(params, col(1, 2, 3), x, tx, T)).message).toMatch(/^t has 3 rows but x has 2/);
  });

  test("discount and unit", () => {
    expect(thrownExcelError(() => PNBD_DERT(params, x, tx, T, 0)).message).toMatch(/^discount: the annual discount rate must be more than 0/);
    expect(thrownExcelError(() => PNBD_DERT(params, x, tx, T, -0.1)).message).toMatch(/^discount: .*found -0.1/);
    expect(thrownExcelError(() => PNBD_DERT(params, x, tx, T, "lots" as unknown as number)).message).toMatch(/^discount: expected a number/);
    const unit = thrownExcelError(() => PNBD_DERT(params, x, tx, T, 0.1, "year"));
    expect(unit.code).toBe("#VALUE!");
    expect(unit.message).toBe('unit must be "day", "week" or "month", found "year"');
  });

  test("CV.PNBD.FIT: bad rows, nobody repeating, headers", () => {
    expect(thrownExcelError(() => PNBD_FIT(col(1, "x"), tx, T)).message).toMatch(/^x row 2\b/);
    const impossible = thrownExcelError(() => PNBD_FIT(x, col(3, 12), T));
    expect(impossible.code).toBe("#VALUE!");
    expect(impossible.message).toMatch(/^t_x row 2 is 12, after T = 10/);
    const nobody = thrownExcelError(() => PNBD_FIT(col(0, 0), col(0, 0), T));
    expect(nobody.code).toBe("#N/A");
    expect(nobody.message).toMatch(/no customer has a repeat purchase/);
    expect(thrownExcelError(() => PNBD_FIT(x, tx, T, "maybe" as unknown as boolean)).message).toMatch(/^headers: expected/);
  });
});

describe("extreme inputs give numbers, not NaN", () => {
  test("a million purchases, ages of a million periods, α/β of 1e5", () => {
    for (const p of [params, row(0.5, 1e5, 0.6, 1), row(0.5, 1, 0.6, 1e5)]) {
      const xs = col(1e6, 1e6, 0);
      const txs = col(1e6 - 1, 1, 0);
      const Ts = col(1e6, 1e6, 1e6);
      for (const out of [PNBD_PALIVE(p, xs, txs, Ts), PNBD_EXPECTED(p, 52 as unknown as unknown[][], xs, txs, Ts), PNBD_DERT(p, xs, txs, Ts)]) {
        for (const v of cells(out)) expect(typeof v === "number" && Number.isFinite(v)).toBe(true);
      }
    }
  });
});

describe("ranges: CV.PNBD.EXPECTED with a level", () => {
  const cdnow = cdnowPublishedSummary();
  const fit = PNBD_FIT(col(...cdnow.x), col(...cdnow.tx), col(...cdnow.T)) as unknown[][];
  const rows = [0, 1, 2, 1515];
  const xs = col(...rows.map((i) => cdnow.x[i]));
  const txs = col(...rows.map((i) => cdnow.tx[i]));
  const Ts = col(...rows.map((i) => cdnow.T[i]));

  test("three columns: the expectation (as without a level) and a range symmetric on the log scale that widens with the level", () => {
    const plain = cells(PNBD_EXPECTED(fit, [[52]], xs, txs, Ts)) as number[];
    const ninety = PNBD_EXPECTED(fit, [[52]], xs, txs, Ts, 0.9) as number[][];
    const ninetyNine = PNBD_EXPECTED(fit, [[52]], xs, txs, Ts, 0.99) as number[][];
    ninety.forEach(([v, low, high], i) => {
      expect(v).toBe(plain[i]);
      expect(low).toBeLessThan(v!);
      expect(high).toBeGreaterThan(v!);
      expect(low! * high!).toBeCloseTo(v! * v!, 10);
      // z(0.995) / z(0.95) on the log scale
      expect(Math.log(ninetyNine[i]![2]! / v!) / Math.log(high! / v!)).toBeCloseTo(2.5758293035489 / 1.6448536269514722, 6);
    });
  });

  test("the range is the delta method on the log-parameters, computed here from the table's standard errors and correlations", () => {
    const names = ["r", "alpha", "s", "beta"];
    const theta = names.map((n) => value(fit, n));
    const se = names.map((n) => fit.find((r) => r[0] === n)![2] as number);
    const rho = (i: number, j: number) => fit.find((r) => r[0] === names[i])![3 + j] as number;
    const e = (t: number[]) => pnbdExpected({ r: t[0]!, alpha: t[1]!, s: t[2]!, beta: t[3]! }, 52, 26, 30.86, 31);
    const v = e(theta);
    const h = 1e-5;
    const g = theta.map((_, k) => (e(theta.map((t, j) => (j === k ? t * Math.exp(h) : t))) - e(theta.map((t, j) => (j === k ? t * Math.exp(-h) : t)))) / (2 * h));
    let variance = 0;
    for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) variance += g[a]! * g[b]! * rho(a, b) * (se[a]! / theta[a]!) * (se[b]! / theta[b]!);
    const spread = 1.6448536269514722 * (Math.sqrt(variance) / v);
    const [value0, low, high] = (PNBD_EXPECTED(fit, [[52]], col(26), col(30.86), col(31), 0.9) as number[][])[0]!;
    expect(value0).toBeCloseTo(v, 12);
    expect(low! / (v * Math.exp(-spread))).toBeCloseTo(1, 6);
    expect(high! / (v * Math.exp(spread))).toBeCloseTo(1, 6);
  });

  test("the table without a header gives the same ranges", () => {
    const noHeader = PNBD_FIT(col(...cdnow.x), col(...cdnow.tx), col(...cdnow.T), false) as unknown[][];
    expect(PNBD_EXPECTED(noHeader, [[52]], xs, txs, Ts, 0.9)).toEqual(PNBD_EXPECTED(fit, [[52]], xs, txs, Ts, 0.9));
  });

  test("bad input: typed-in parameters have no uncertainty; a level outside (0, 1); an error row keeps its three cells", () => {
    expect(thrownExcelError(() => PNBD_EXPECTED(params, [[52]], xs, txs, Ts, 0.9)).message).toBe(
      "params: a range needs the standard errors and correlations of the CV.PNBD.FIT table: select the whole table it returns (7 columns), not only its first two",
    );
    expect(thrownExcelError(() => PNBD_EXPECTED(fit, [[52]], xs, txs, Ts, 1.5))).toEqual({ code: "#VALUE!", message: "level must be a share between 0 and 1 (0.9 for a 90% range), found 1.5" });
    expect(thrownExcelError(() => PNBD_EXPECTED(fit, [[52]], xs, txs, Ts, "high" as unknown as number)).message).toBe('level: expected a number, found "high"');
    const out = PNBD_EXPECTED(fit, col(52, -1, ""), col(1, 1, 1), col(5, 5, 5), col(10, 10, 10), 0.9) as unknown[][];
    expect(out[0]!.every((v) => typeof v === "number")).toBe(true);
    expect(out[1]!.map(errorMessage)).toEqual(Array(3).fill("t row 2: the future period cannot be negative, found -1"));
    expect(out[2]!.map(errorCode)).toEqual(["#N/A", "#N/A", "#N/A"]);
  });
});
