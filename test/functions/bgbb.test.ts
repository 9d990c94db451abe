/**
 * CV.BGBB.FIT, CV.BGBB.PALIVE and CV.BGBB.EXPECTED as Excel calls them: the donations
 * (Fader, Hardie & Shang 2010) end to end, and every argument's bad input.
 */
import { readFileSync } from "node:fs";
import { bgbbExpected } from "../../src/engine/lifetime/bgbb";
import { BGBB_EXPECTED, BGBB_FIT, BGBB_PALIVE } from "../../src/functions/bgbb";
import { OMITTED, col, errorCode, errorMessage, firstColumn, row, thrownExcelError } from "../helpers/cells";
import { sharedDataFile } from "../helpers/sharedData";

const lines = readFileSync(sharedDataFile("donations/donations.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((line) => line.split(",").map(Number));
const column = (k: number) => lines.map((r) => [r[k]]);
const [x, tx, n, w] = [column(0), column(1), column(2), column(3)];
const value = (table: unknown[][], label: string) => table.find((r) => r[0] === label)?.[1];
/** The published estimates (FHS 2010) as a row of numbers. */
const published = row(1.204, 0.75, 0.657, 2.783);

describe("CV.BGBB.FIT on the donations", () => {
  test("the table: alpha, beta, gamma, delta to the published 3 decimals, with standard errors, log-likelihood, customers and verdict", () => {
    const fit = BGBB_FIT(x, tx, n, w) as unknown[][];
    // The shared FIT layout (lifetimeArgs.fitTable): parameter rows, then log-likelihood, customers, …, verdict last.
    expect(firstColumn(fit).slice(0, 7)).toEqual(["Parameter", "alpha", "beta", "gamma", "delta", "log-likelihood", "customers"]);
    expect(firstColumn(fit).at(-1)).toBe("verdict");
    expect(fit[0]!.slice(0, 3)).toEqual(["Parameter", "Value", "Standard error"]);
    expect((value(fit, "alpha") as number).toFixed(3)).toBe("1.204");
    expect((value(fit, "beta") as number).toFixed(3)).toBe("0.750");
    expect((value(fit, "gamma") as number).toFixed(3)).toBe("0.657");
    expect((value(fit, "delta") as number).toFixed(3)).toBe("2.783");
    expect(value(fit, "customers")).toBe(11104);
    expect(value(fit, "verdict")).toBe("no warning");
    for (const r of fit.slice(1, 5)) expect(r[2]).toBeGreaterThan(0);
  });

  test("headers FALSE drops the header row; omitted weights count each row once; a blank weight leaves its row out", () => {
    const fit = BGBB_FIT(x, tx, n, w, false) as unknown[][];
    expect(fit[0]![0]).toBe("alpha");
    // One row per supporter without weights: the same estimates as the weighted 22 rows.
    const expand = (c: unknown[][]) => c.flatMap((r, i) => new Array<unknown[]>(w[i]![0] as number).fill(r));
    const unweighted = BGBB_FIT(expand(x), expand(tx), expand(n), OMITTED) as unknown[][];
    expect(value(unweighted, "customers")).toBe(11104);
    expect((value(unweighted, "alpha") as number).toFixed(3)).toBe("1.204");
    // Row 5 is (x, t_x) = (1, 4), 78 supporters.
    const blanked = w.map((r, i) => (i === 4 ? [""] : r));
    expect(value(BGBB_FIT(x, tx, n, blanked) as unknown[][], "customers")).toBe(11104 - 78);
  });

  test("the FIT table feeds P(alive) and expected transactions directly: P(alive in 2002) 0.11, 0.59, 0.93 (FHS Table 6)", () => {
    const fit = BGBB_FIT(x, tx, n, w) as unknown[][];
    const alive = firstColumn(BGBB_PALIVE(fit, col(0, 2, 6), col(0, 4, 6), col(6, 6, 6)));
    expect(alive.map((v) => (v as number).toFixed(2))).toEqual(["0.11", "0.59", "0.93"]);
    // Σ customers × expected donations 2002–2006 = 12,884.2 (Hardie's BG/BB spreadsheet)
    const expected = firstColumn(BGBB_EXPECTED(fit, 5 as unknown as unknown[][], x, tx, n));
    const total = expected.reduce((s: number, v, i) => s + (v as number) * (w[i]![0] as number), 0);
    expect(Math.abs(total - 12884.2)).toBeLessThan(1);
  });

  test("params as a row of numbers; n_star as one number or one per row", () => {
    const both = firstColumn(BGBB_EXPECTED(published, col(0, 5), col(6, 6), col(6, 6), col(6, 6)));
    expect(both[0]).toBe(0);
    expect(both[1]).toBeCloseTo(firstColumn(BGBB_EXPECTED(published, 5 as unknown as unknown[][], col(6), col(6), col(6)))[0] as number, 14);
  });
});

describe("CV.BGBB.* bad input, per argument", () => {
  test("params: missing, a label without a number, a negative value", () => {
    const none = thrownExcelError(() => BGBB_PALIVE(null as unknown as unknown[][], col(1), col(1), col(6)));
    expect(none.code).toBe("#VALUE!");
    expect(none.message).toMatch(/^params is required: select the CV.BGBB.FIT table/);
    const text = thrownExcelError(() => BGBB_PALIVE([["alpha", "x"], ["beta", 1], ["gamma", 1], ["delta", 1]], col(1), col(1), col(6)));
    expect(text.message).toMatch(/^params row 1 \(alpha\): expected a number/);
    const negative = thrownExcelError(() => BGBB_EXPECTED(row(1, -1, 1, 1), 5 as unknown as unknown[][], col(1), col(1), col(6)));
    expect(negative.message).toBe("params: beta must be a positive number, found -1");
    const short = thrownExcelError(() => BGBB_PALIVE(row(1, 1, 1), col(1), col(1), col(6)));
    expect(short.message).toMatch(/^params: expected alpha, beta, gamma, delta/);
  });

  test("x, t_x, n in PALIVE / EXPECTED: the row's own #VALUE! or #N/A, the other rows keep their values", () => {
    const out = BGBB_PALIVE(published, col(1.5, 2, 3, "", 1, 0), col(2, 7, 2, 1, 1, 0), col(6, 6, 6, 6, 6, 0));
    const cells = firstColumn(out);
    expect(errorCode(cells[0])).toBe("#VALUE!");
    expect(errorMessage(cells[0])).toMatch(/^x row 1: .* found 1.5/);
    expect(errorMessage(cells[1])).toMatch(/^t_x row 2 is 7, after n = 6/);
    expect(errorMessage(cells[2])).toMatch(/^t_x row 3 is 2 but x is 3/);
    expect(errorCode(cells[3])).toBe("#N/A");
    expect(errorMessage(cells[3])).toBe("x row 4 is blank");
    expect(typeof cells[4]).toBe("number");
    expect(errorMessage(cells[5])).toMatch(/^n row 6: .* whole number ≥ 1, found 0/);
  });

  test("n_star: negative, fractional or blank is that row's error", () => {
    const cells = firstColumn(BGBB_EXPECTED(published, col(-1, 2.5, "", 3), col(1, 1, 1, 1), col(1, 1, 1, 1), col(6, 6, 6, 6)));
    expect(errorMessage(cells[0])).toBe("n_star row 1: the number of future opportunities must be a whole number ≥ 0, found -1");
    expect(errorMessage(cells[1])).toMatch(/^n_star row 2: .* found 2.5/);
    expect(errorCode(cells[2])).toBe("#N/A");
    expect(typeof cells[3]).toBe("number");
    const mismatch = thrownExcelError(() => BGBB_EXPECTED(published, col(1, 2), col(1, 1, 1), col(1, 1, 1), col(6, 6, 6)));
    expect(mismatch.message).toMatch(/n_star/);
  });

  test("FIT: an impossible row, a negative weight, mismatched heights, nobody repeating, data that do not pin the model", () => {
    const bad = thrownExcelError(() => BGBB_FIT(col(1, 2), col(1, 7), col(6, 6)));
    expect(bad.code).toBe("#VALUE!");
    expect(bad.message).toMatch(/^t_x row 2 is 7, after n = 6/);
    const weight = thrownExcelError(() => BGBB_FIT(col(1, 2), col(1, 2), col(6, 6), col(1, -3)));
    expect(weight.message).toMatch(/^weights row 2: a weight must be a finite number ≥ 0, found -3/);
    const textWeight = thrownExcelError(() => BGBB_FIT(col(1, 2), col(1, 2), col(6, 6), col(1, "many")));
    expect(textWeight.code).toBe("#VALUE!");
    expect(textWeight.message).toMatch(/^weights/);
    const heights = thrownExcelError(() => BGBB_FIT(col(1, 2), col(1, 2), col(6, 6), col(1, 2, 3)));
    expect(heights.message).toMatch(/weights/);
    const tHeights = thrownExcelError(() => BGBB_FIT(col(1, 2), col(1), col(6, 6)));
    expect(tHeights.message).toMatch(/t_x/);
    const nobody = thrownExcelError(() => BGBB_FIT(col(0, 0), col(0, 0), col(6, 6)));
    expect(nobody.code).toBe("#N/A");
    const all = col(...Array.from({ length: 200 }, () => 6));
    const runaway = thrownExcelError(() => BGBB_FIT(all, all, all));
    expect(runaway.code).toBe("#NUM!");
    expect(runaway.message).toMatch(/^the BG\/BB fit did not converge: /);
    const headers = thrownExcelError(() => BGBB_FIT(x, tx, n, w, "maybe" as unknown as boolean));
    expect(headers.message).toMatch(/^headers: expected/);
  });
});

describe("CV.BGBB.PALIVE: a row with more opportunities than BG/BB takes", () => {
  test("n above 100,000 is that row's #VALUE! saying why, at once (the fuzz test found 9e15 opportunities looping)", () => {
    const out = BGBB_PALIVE([["alpha", 1.2], ["beta", 0.75], ["gamma", 0.66], ["delta", 2.78]], [[0], [1]], [[0], [1]], [[9007199254740994], [6]]) as unknown[][];
    expect((out[0]![0] as { code: string }).code).toBe("#VALUE!");
    expect((out[0]![0] as { message: string }).message).toBe("n row 1 is 9007199254740994: BG/BB counts discrete opportunities (years, events), at most 100,000; for continuous time use BG/NBD or Pareto/NBD");
    expect(typeof out[1]![0]).toBe("number");
  });
});

describe("ranges: CV.BGBB.EXPECTED with a level", () => {
  const fit = BGBB_FIT(x, tx, n, w) as unknown[][];
  const [xs, txs, ns] = [col(0, 2, 6), col(0, 4, 6), col(6, 6, 6)]; // FHS Table 6's three supporters

  test("three columns: the expectation (as without a level) and a range symmetric on the log scale that widens with the level", () => {
    const plain = firstColumn(BGBB_EXPECTED(fit, [[5]], xs, txs, ns)) as number[];
    const ninety = BGBB_EXPECTED(fit, [[5]], xs, txs, ns, 0.9) as number[][];
    const ninetyNine = BGBB_EXPECTED(fit, [[5]], xs, txs, ns, 0.99) as number[][];
    ninety.forEach(([v, low, high], i) => {
      expect(v).toBe(plain[i]);
      expect(low).toBeLessThan(v!);
      expect(high).toBeGreaterThan(v!);
      expect(low! * high!).toBeCloseTo(v! * v!, 10);
      expect(Math.log(ninetyNine[i]![2]! / v!) / Math.log(high! / v!)).toBeCloseTo(2.5758293035489 / 1.6448536269514722, 6);
    });
  });

  test("the range is the delta method on the log-parameters, computed here from the table's standard errors and correlations", () => {
    const names = ["alpha", "beta", "gamma", "delta"];
    const theta = names.map((k) => value(fit, k) as number);
    const se = names.map((k) => fit.find((r) => r[0] === k)![2] as number);
    const rho = (i: number, j: number) => fit.find((r) => r[0] === names[i])![3 + j] as number;
    const e = (t: number[]) => bgbbExpected({ alpha: t[0]!, beta: t[1]!, gamma: t[2]!, delta: t[3]! }, 5, 2, 4, 6);
    const v = e(theta);
    const h = 1e-5;
    const g = theta.map((_, k) => (e(theta.map((t, j) => (j === k ? t * Math.exp(h) : t))) - e(theta.map((t, j) => (j === k ? t * Math.exp(-h) : t)))) / (2 * h));
    let variance = 0;
    for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) variance += g[a]! * g[b]! * rho(a, b) * (se[a]! / theta[a]!) * (se[b]! / theta[b]!);
    const spread = 1.6448536269514722 * (Math.sqrt(variance) / v);
    const [value0, low, high] = (BGBB_EXPECTED(fit, [[5]], col(2), col(4), col(6), 0.9) as number[][])[0]!;
    expect(value0).toBeCloseTo(v, 12);
    expect(low! / (v * Math.exp(-spread))).toBeCloseTo(1, 6);
    expect(high! / (v * Math.exp(spread))).toBeCloseTo(1, 6);
  });

  test("the table without a header gives the same ranges; n_star 0 is 0 with no spread", () => {
    const noHeader = BGBB_FIT(x, tx, n, w, false) as unknown[][];
    expect(BGBB_EXPECTED(noHeader, [[5]], xs, txs, ns, 0.9)).toEqual(BGBB_EXPECTED(fit, [[5]], xs, txs, ns, 0.9));
    expect(BGBB_EXPECTED(fit, [[0]], col(2), col(4), col(6), 0.9)).toEqual([[0, 0, 0]]);
  });

  test("bad input: typed-in parameters have no uncertainty; a level outside (0, 1); an error row keeps its three cells", () => {
    expect(thrownExcelError(() => BGBB_EXPECTED(published, [[5]], xs, txs, ns, 0.9)).message).toBe(
      "params: a range needs the standard errors and correlations of the CV.BGBB.FIT table: select the whole table it returns (7 columns), not only its first two",
    );
    expect(thrownExcelError(() => BGBB_EXPECTED(fit, [[5]], xs, txs, ns, 1))).toEqual({ code: "#VALUE!", message: "level must be a share between 0 and 1 (0.9 for a 90% range), found 1" });
    const out = BGBB_EXPECTED(fit, col(5, 2.5), col(1, 1), col(1, 1), col(6, 6), 0.9) as unknown[][];
    expect(out[0]!.every((v) => typeof v === "number")).toBe(true);
    expect(out[1]!.map(errorMessage)).toEqual(Array(3).fill("n_star row 2: the number of future opportunities must be a whole number ≥ 0, found 2.5"));
  });
});
