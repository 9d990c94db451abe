/**
 * CV.BTYD.CLV as Excel calls it: the model named by the FIT table's "model" row; BG/NBD
 * against CV.CLV.BGNBD (independently tested) with the same rate written annually; MBG/NBD
 * and Pareto/NBD against sums of their expectations month by month written here; BG/BB on
 * the donations against eq. 13 differences; ranges against CV.CLV.BGNBD's and against a
 * delta method computed in the test; totals; bad input per argument.
 */
import { readFileSync } from "node:fs";
import { bgbbExpected } from "../../src/engine/lifetime/bgbb";
import { gammaGammaSpend } from "../../src/engine/lifetime/gammaGamma";
import { mbgnbdExpected } from "../../src/engine/lifetime/mbgnbd";
import { pnbdExpected } from "../../src/engine/lifetime/paretoNbd";
import { BGBB_FIT } from "../../src/functions/bgbb";
import { BTYD_CLV } from "../../src/functions/btydValue";
import { BGNBD_FIT, CLV_BGNBD, GG_FIT } from "../../src/functions/lifetimeValue";
import { MBGNBD_FIT } from "../../src/functions/mbgnbd";
import { PNBD_FIT } from "../../src/functions/paretoNbd";
import { cdnowPublishedSummary } from "../helpers/cdnow";
import { OMITTED, col, errorCode, errorMessage, firstColumn, row, thrownExcelError } from "../helpers/cells";
import { sharedDataFile } from "../helpers/sharedData";

const cdnow = cdnowPublishedSummary();
const all = { x: col(...cdnow.x), tx: col(...cdnow.tx), T: col(...cdnow.T), spend: col(...cdnow.zbar) };
const first = (n: number) => ({ x: col(...cdnow.x.slice(0, n)), tx: col(...cdnow.tx.slice(0, n)), T: col(...cdnow.T.slice(0, n)), spend: col(...cdnow.zbar.slice(0, n)) });
const c = first(5);
const bgFit = BGNBD_FIT(all.x, all.tx, all.T) as unknown[][];
const ggFit = GG_FIT(all.x, all.spend) as unknown[][];
const value = (table: unknown[][], label: string) => table.find((r) => r[0] === label)?.[1] as number;
const WEEKS_PER_MONTH = 365.25 / 12 / 7;
const spendOf = (x: number, m: number) => gammaGammaSpend({ p: value(ggFit, "p"), q: value(ggFit, "q"), gamma: value(ggFit, "gamma") }, x, m);

describe("CV.BTYD.CLV on CDNOW: the continuous-time models", () => {
  test("BG/NBD at (1.01)^12 − 1 a year over years 0–1 equals CV.CLV.BGNBD at 1% a month over 12 months", () => {
    const annual = Math.pow(1.01, 12) - 1;
    const old = firstColumn(CLV_BGNBD(bgFit, ggFit, c.x, c.tx, c.T, c.spend, 12, 0.01, 0.35));
    const now = firstColumn(BTYD_CLV(bgFit, ggFit, c.x, c.tx, c.T, c.spend, 0, 1, annual, 0.35));
    now.forEach((v, i) => expect(v).toBeCloseTo(old[i] as number, 10));
    // 24 months against years 0–2, and the defaults (years 0–1, margin 1) at that rate
    const two = firstColumn(BTYD_CLV(bgFit, ggFit, c.x, c.tx, c.T, c.spend, OMITTED, 2, annual));
    firstColumn(CLV_BGNBD(bgFit, ggFit, c.x, c.tx, c.T, c.spend, 24, 0.01)).forEach((v, i) => expect(two[i]).toBeCloseTo(v as number, 10));
  });

  test("the defaults: years 0–1, 10% a year, margin 1, weeks", () => {
    const byDefault = BTYD_CLV(bgFit, ggFit, c.x, c.tx, c.T, c.spend);
    expect(byDefault).toEqual(BTYD_CLV(bgFit, ggFit, c.x, c.tx, c.T, c.spend, 0, 1, 0.1, 1, "week"));
    // 10% a year is 0.797% a month: CV.CLV.BGNBD at that monthly rate
    const old = firstColumn(CLV_BGNBD(bgFit, ggFit, c.x, c.tx, c.T, c.spend, 12, Math.pow(1.1, 1 / 12) - 1));
    firstColumn(byDefault).forEach((v, i) => expect(v).toBeCloseTo(old[i] as number, 10));
    // from_year alone: the year after it
    expect(BTYD_CLV(bgFit, ggFit, c.x, c.tx, c.T, c.spend, 2)).toEqual(BTYD_CLV(bgFit, ggFit, c.x, c.tx, c.T, c.spend, 2, 3));
  });

  test("MBG/NBD and Pareto/NBD: months 13–36 (from 1 to 3) at 15% a year, margin 0.4, against the expectations summed here", () => {
    const mbg = MBGNBD_FIT(all.x, all.tx, all.T) as unknown[][];
    const pnbd = PNBD_FIT(all.x, all.tx, all.T) as unknown[][];
    const mbgParams = { r: value(mbg, "r"), alpha: value(mbg, "alpha"), a: value(mbg, "a"), b: value(mbg, "b") };
    const pnbdParams = { r: value(pnbd, "r"), alpha: value(pnbd, "alpha"), s: value(pnbd, "s"), beta: value(pnbd, "beta") };
    for (const [fit, expected] of [
      [mbg, (t: number, x: number, tx: number, T: number) => mbgnbdExpected(mbgParams, t, x, tx, T)],
      [pnbd, (t: number, x: number, tx: number, T: number) => pnbdExpected(pnbdParams, t, x, tx, T)],
    ] as const) {
      const out = firstColumn(BTYD_CLV(fit, ggFit, c.x, c.tx, c.T, c.spend, 1, 3, 0.15, 0.4));
      for (let i = 0; i < 5; i++) {
        const [x, tx, T, m] = [cdnow.x[i]!, cdnow.tx[i]!, cdnow.T[i]!, cdnow.zbar[i]!];
        let sum = 0;
        for (let month = 13; month <= 36; month++) {
          const e = (t: number) => expected(t, x, tx, T);
          sum += (e(month * WEEKS_PER_MONTH) - e((month - 1) * WEEKS_PER_MONTH)) / Math.pow(1.15, month / 12);
        }
        expect(out[i]).toBeCloseTo(0.4 * spendOf(x, m) * sum, 9);
      }
    }
  });

  test("intervals add up, and without discount the value is margin × spend × expected purchases over the interval", () => {
    const at = (from: number, to: number, d = 0.1) => firstColumn(BTYD_CLV(bgFit, ggFit, c.x, c.tx, c.T, c.spend, from, to, d, 0.5)) as number[];
    const [a, b, whole] = [at(0, 1), at(1, 3), at(0, 3)];
    whole.forEach((v, i) => expect(a[i]! + b[i]!).toBeCloseTo(v, 9));
    const flat = at(0, 3, 0);
    const twoYears = firstColumn(CLV_BGNBD(bgFit, ggFit, c.x, c.tx, c.T, c.spend, 36, 0, 0.5)) as number[]; // telescoped there too
    flat.forEach((v, i) => expect(v).toBeCloseTo(twoYears[i]!, 9));
  });

  test("days as the unit: the BG/NBD table fitted in days gives the same values", () => {
    const days = (col7: unknown[][]) => col7.map((r) => [(r[0] as number) * 7]);
    const fitDays = BGNBD_FIT(all.x, days(all.tx), days(all.T)) as unknown[][];
    const inDays = firstColumn(BTYD_CLV(fitDays, ggFit, c.x, days(c.tx), days(c.T), c.spend, 0, 2, 0.1, 1, "day"));
    const inWeeks = firstColumn(BTYD_CLV(bgFit, ggFit, c.x, c.tx, c.T, c.spend, 0, 2));
    inDays.forEach((v, i) => expect(v as number).toBeCloseTo(inWeeks[i] as number, 3)); // two fits, each to its own tolerance
  });
});

describe("CV.BTYD.CLV on the donations: BG/BB, one period a year", () => {
  const lines = readFileSync(sharedDataFile("donations/donations.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((line) => line.split(",").map(Number));
  const column = (k: number) => lines.map((r) => [r[k]]);
  const [x, tx, n, w] = [column(0), column(1), column(2), column(3)];
  const fit = BGBB_FIT(x, tx, n, w) as unknown[][];
  const p = { alpha: value(fit, "alpha"), beta: value(fit, "beta"), gamma: value(fit, "gamma"), delta: value(fit, "delta") };
  // No gift amounts in the data: a Gamma-Gamma typed in, and a $40 average gift for everyone.
  const gifts = row(6, 4, 20);
  const gift = (xi: number) => gammaGammaSpend({ p: 6, q: 4, gamma: 20 }, xi, 40);
  const avg = lines.map(() => [40]);

  test("years 0–5 at 10%, margin 0.9: each pattern's value is 0.9 × spend × Σ_k (E[X(6, 6+k)] − E[X(6, 6+k−1)]) / 1.1^k", () => {
    const out = firstColumn(BTYD_CLV(fit, gifts, x, tx, n, avg, 0, 5, 0.1, 0.9));
    lines.forEach(([xi, txi, ni], i) => {
      let sum = 0;
      for (let k = 1; k <= 5; k++) sum += (bgbbExpected(p, k, xi!, txi!, ni!) - bgbbExpected(p, k - 1, xi!, txi!, ni!)) / Math.pow(1.1, k);
      expect(out[i]).toBeCloseTo(0.9 * gift(xi!) * sum, 10);
    });
    // undiscounted over 5 years, weighted by supporters: Hardie's 12,884.2 donations in 2002–2006, times the gifts
    const flat = firstColumn(BTYD_CLV(fit, gifts, x, tx, n, lines.map(() => [1]), 0, 5, 0, 1)) as number[];
    const perGift = lines.map(([xi]) => gammaGammaSpend({ p: 6, q: 4, gamma: 20 }, xi!, 1));
    const donations = flat.reduce((s, v, i) => s + (v / perGift[i]!) * w[i]![0]!, 0);
    expect(Math.abs(donations - 12884.2)).toBeLessThan(1);
  });

  test("the unit is the period in years: half-year periods over years 1–2 count periods 3 and 4, discounted by 1.1^(−1.5) and 1.1^(−2)", () => {
    const out = firstColumn(BTYD_CLV(fit, gifts, col(2), col(4), col(6), col(40), 1, 2, 0.1, 1, 0.5));
    const e = (k: number) => bgbbExpected(p, k, 2, 4, 6);
    expect(out[0]).toBeCloseTo(gift(2) * ((e(3) - e(2)) / Math.pow(1.1, 1.5) + (e(4) - e(3)) / 1.21), 12);
    expect(BTYD_CLV(fit, gifts, col(2), col(4), col(6), col(40), 0, 1, 0.1, 1, "1")).toEqual(BTYD_CLV(fit, gifts, col(2), col(4), col(6), col(40)));
  });

  test("with a level: a range around each value from a delta method computed here (BG/BB's and Gamma-Gamma's estimates as independent)", () => {
    const ggTable = GG_FIT(all.x, all.spend) as unknown[][];
    const out = BTYD_CLV(fit, ggTable, col(0, 6), col(0, 6), col(6, 6), col(0, 40), 0, 3, 0.1, 1, 1, 0.9) as number[][];
    const names = ["alpha", "beta", "gamma", "delta", "p", "q", "gamma"];
    const tables = [fit, fit, fit, fit, ggTable, ggTable, ggTable];
    const rowOf = (k: number) => tables[k]!.find((r) => r[0] === names[k])!;
    const theta = names.map((_, k) => rowOf(k)[1] as number);
    const se = names.map((_, k) => rowOf(k)[2] as number);
    // correlations within each table (columns 3…), none across the two fits
    const rho = (i: number, j: number) => (i < 4 !== j < 4 ? 0 : (rowOf(i)[3 + (i < 4 ? j : j - 4)] as number));
    const clv = (t: number[], xi: number, m: number) => {
      const q = { alpha: t[0]!, beta: t[1]!, gamma: t[2]!, delta: t[3]! };
      let sum = 0;
      for (let k = 1; k <= 3; k++) sum += (bgbbExpected(q, k, xi, xi, 6) - bgbbExpected(q, k - 1, xi, xi, 6)) / Math.pow(1.1, k);
      return gammaGammaSpend({ p: t[4]!, q: t[5]!, gamma: t[6]! }, xi, m) * sum;
    };
    [[0, 0], [6, 40]].forEach(([xi, m], i) => {
      const v = clv(theta, xi!, m!);
      const h = 1e-5;
      const g = theta.map((_, k) => {
        const up = theta.map((t, j) => (j === k ? t * Math.exp(h) : t));
        const down = theta.map((t, j) => (j === k ? t * Math.exp(-h) : t));
        return (clv(up, xi!, m!) - clv(down, xi!, m!)) / (2 * h);
      });
      let variance = 0;
      for (let a = 0; a < 7; a++) for (let b = 0; b < 7; b++) variance += g[a]! * g[b]! * rho(a, b) * (se[a]! / theta[a]!) * (se[b]! / theta[b]!);
      const spread = 1.6448536269514722 * (Math.sqrt(variance) / v);
      expect(out[i]![0]).toBeCloseTo(v, 10);
      expect(out[i]![1]! / (v * Math.exp(-spread))).toBeCloseTo(1, 6);
      expect(out[i]![2]! / (v * Math.exp(spread))).toBeCloseTo(1, 6);
    });
  });
});

describe("ranges and totals", () => {
  test("BG/NBD with a level: the same value, low and high as CV.CLV.BGNBD's ranges at the equivalent rate", () => {
    const annual = Math.pow(1.01, 12) - 1;
    const old = CLV_BGNBD(bgFit, ggFit, c.x, c.tx, c.T, c.spend, 12, 0.01, 1, "week", 0.9) as number[][];
    const now = BTYD_CLV(bgFit, ggFit, c.x, c.tx, c.T, c.spend, 0, 1, annual, 1, "week", 0.9) as number[][];
    now.forEach((r, i) => r.forEach((v, k) => expect(v / old[i]![k]!).toBeCloseTo(1, 8)));
  });

  test("total: one row, the sum of the customers' values; with a level, a range around it narrower than the sum of the ranges", () => {
    const values = firstColumn(BTYD_CLV(bgFit, ggFit, c.x, c.tx, c.T, c.spend)) as number[];
    const total = BTYD_CLV(bgFit, ggFit, c.x, c.tx, c.T, c.spend, OMITTED, OMITTED, OMITTED, OMITTED, OMITTED, OMITTED, true);
    expect(total).toHaveLength(1);
    expect(total[0]![0]).toBeCloseTo(values.reduce((s, v) => s + v, 0), 10);
    const ranged = BTYD_CLV(bgFit, ggFit, c.x, c.tx, c.T, c.spend, 0, 1, 0.1, 1, "week", 0.9) as number[][];
    const totalRange = BTYD_CLV(bgFit, ggFit, c.x, c.tx, c.T, c.spend, 0, 1, 0.1, 1, "week", 0.9, true) as number[][];
    const [v, low, high] = totalRange[0]!;
    expect(v).toBeCloseTo(values.reduce((s, x) => s + x, 0), 10);
    expect(low).toBeLessThan(v!);
    expect(high).toBeGreaterThan(v!);
    expect(high! - low!).toBeLessThanOrEqual(ranged.reduce((s, r) => s + (r[2]! - r[1]!), 0) + 1e-9);
  });

  test("a total with a row that has no value is an error naming the row", () => {
    const e = thrownExcelError(() => BTYD_CLV(bgFit, ggFit, col(2, ""), col(30.43, 1), col(38.86, 38.86), col(22.35, 10), OMITTED, OMITTED, OMITTED, OMITTED, OMITTED, OMITTED, true));
    expect(e).toEqual({ code: "#VALUE!", message: "total: row 2 has no value (x row 2 is blank): the total needs every customer" });
  });
});

describe("CV.BTYD.CLV bad input, per argument", () => {
  const args = [c.x, c.tx, c.T, c.spend] as const;

  test("params: missing, without a model row, naming another model, a parameter missing or impossible", () => {
    expect(thrownExcelError(() => BTYD_CLV(null as unknown as unknown[][], ggFit, ...args)).message).toMatch(/^params is required: select the whole FIT table/);
    expect(thrownExcelError(() => BTYD_CLV(row(0.243, 4.414, 0.793, 2.426), ggFit, ...args)).message).toMatch(/^params: no "model" row says which model these parameters are/);
    expect(thrownExcelError(() => BTYD_CLV(ggFit, ggFit, ...args)).message).toBe('params: the model must be one of "BG/NBD", "MBG/NBD", "Pareto/NBD", "BG/BB", found "Gamma-Gamma"');
    expect(thrownExcelError(() => BTYD_CLV([["model", ""]], ggFit, ...args)).message).toBe('params: the "model" row names no model, found a blank cell');
    expect(thrownExcelError(() => BTYD_CLV([["r", 1], ["alpha", 2], ["a", 1], ["model", "BG/NBD"]], ggFit, ...args)).message).toBe("params: no value for b in the table");
    expect(thrownExcelError(() => BTYD_CLV([["r", 1], ["alpha", 2], ["a", -1], ["b", 1], ["model", "BG/NBD"]], ggFit, ...args)).message).toBe("params: a must be a positive number, found -1");
    // a typed-in table with its model row works without standard errors
    const typed = [["r", 0.243], ["alpha", 4.414], ["a", 0.793], ["b", 2.426], ["model", "bgnbd"]];
    expect(typeof BTYD_CLV(typed, ggFit, ...args)[0]![0]).toBe("number");
  });

  test("gg_params: missing, unreadable", () => {
    expect(thrownExcelError(() => BTYD_CLV(bgFit, null as unknown as unknown[][], ...args)).message).toMatch(/^gg_params is required/);
    expect(thrownExcelError(() => BTYD_CLV(bgFit, [["p", 6.25], ["q", "x"], ["gamma", 1]], ...args)).message).toBe('gg_params row 2 (q): expected a number, found "x"');
  });

  test("x, t_x, T, avg_spend: the row's own error, the other rows keep their values; heights must agree", () => {
    const out = firstColumn(BTYD_CLV(bgFit, ggFit, col(2, 1.5, 2, 2, "", 0), col(30, 1, 40, 30, 1, 0), col(38, 38, 38, 38, 38, 38), col(20, 20, 20, 0, 20, "")));
    expect(typeof out[0]).toBe("number");
    expect(errorMessage(out[1])).toMatch(/^x row 2: repeat purchases must be a whole number/);
    expect(errorMessage(out[2])).toMatch(/^t_x row 3 is 40, after T = 38/);
    expect(errorMessage(out[3])).toBe("avg_spend row 4 is 0: a customer with repeat transactions needs a positive average spend");
    expect(errorCode(out[4])).toBe("#N/A");
    expect(errorMessage(out[4])).toBe("x row 5 is blank");
    expect(typeof out[5]).toBe("number"); // no repeats: a blank average spend is fine
    expect(thrownExcelError(() => BTYD_CLV(bgFit, ggFit, col(1, 2), col(1, 2), col(3), col(1, 2))).message).toMatch(/^T has 1 rows but x has 2/);
    expect(thrownExcelError(() => BTYD_CLV(bgFit, ggFit, col(1, 2), col(1, 2), col(3, 3), col(1))).message).toMatch(/^avg_spend has 1 rows but x has 2/);
    expect(thrownExcelError(() => BTYD_CLV(bgFit, ggFit, col("two"), col(1), col(3), col(1))).message).toMatch(/^x row 1\b/);
  });

  test("BG/BB rows are read as n", () => {
    const bgbb = [["alpha", 1.204], ["beta", 0.75], ["gamma", 0.657], ["delta", 2.783], ["model", "BG/BB"]];
    const out = firstColumn(BTYD_CLV(bgbb, row(6, 4, 20), col(1, 2, 1), col(1, 7, 1), col(6, 6, ""), col(40, 40, 40)));
    expect(typeof out[0]).toBe("number");
    expect(errorMessage(out[1])).toMatch(/^t_x row 2 is 7, after n = 6/);
    expect(errorMessage(out[2])).toBe("n row 3 is blank");
  });

  test("from_year, to_year, discount, margin, unit, level, total", () => {
    const call = (...options: unknown[]) => thrownExcelError(() => (BTYD_CLV as (...a: unknown[]) => unknown)(bgFit, ggFit, ...args, ...options));
    expect(call(-1)).toEqual({ code: "#VALUE!", message: "from_year must be a number of years from 0 (today) up, found -1" });
    expect(call("soon").message).toBe('from_year: expected a number, found "soon"');
    expect(call(3, 1).message).toBe("to_year must be after from_year (3) and at most 100 years, found 1");
    expect(call(0, 0.3).message).toBe("to_year must be a whole number of months (a multiple of 1/12 year), found 0.3");
    expect(call(0, 1, -0.1).message).toBe("discount is an annual rate of 0 or more (0.1 for 10% a year), found -0.1");
    expect(call(0, 1, 0.1, 1.5).message).toBe("margin is a share of spend from 0 to 1, found 1.5");
    expect(call(0, 1, 0.1, 1, "year").message).toBe('unit must be "day", "week" or "month", found "year"');
    expect(call(0, 1, 0.1, 1, "week", 1.5).message).toBe("level must be a share between 0 and 1 (0.9 for a 90% range), found 1.5");
    expect(call(0, 1, 0.1, 1, "week", OMITTED, "maybe").message).toMatch(/^total: expected/);
    const bgbb = [["alpha", 1.204], ["beta", 0.75], ["gamma", 0.657], ["delta", 2.783], ["model", "BG/BB"]];
    const bb = (...options: unknown[]) => thrownExcelError(() => (BTYD_CLV as (...a: unknown[]) => unknown)(bgbb, row(6, 4, 20), col(1), col(1), col(6), col(40), ...options));
    expect(bb(0, 1, 0.1, 1, "week").message).toBe('unit is the length of a BG/BB period in years (1 for once a year, 0.25 for a quarter), found "week"');
    expect(bb(0, 1, 0.1, 1, 0).message).toBe("unit is the length of a BG/BB period in years (1 for once a year), found 0");
    expect(bb(0, 2.5).message).toBe("to_year must be a whole number of periods of 1 year (the unit), found 2.5");
    // a range needs the tables' standard errors
    expect(bb(0, 1, 0.1, 1, 1, 0.9).message).toBe("params: a range needs the standard errors and correlations of the CV.BGBB.FIT table: select the whole table it returns (7 columns), not only its first two");
    const typedGg = thrownExcelError(() => BTYD_CLV(bgFit, row(6.25, 3.74, 15.44), ...args, 0, 1, 0.1, 1, "week", 0.9));
    expect(typedGg.message).toBe("gg_params: a range needs the standard errors and correlations of the CV.GG.FIT table: select the whole table it returns (6 columns), not only its first two");
  });
});
