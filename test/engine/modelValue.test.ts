/**
 * The model-based CLV over an interval (src/engine/lifetime/modelValue.ts, docs/models/clv.md):
 * hand-computed cases with a known expectation, the interval's months and discount factors,
 * additivity of intervals, the undiscounted case telescoping to the expectation over the
 * interval, CV.CLV.BGNBD's engine (modelClv, tested on its own) as a cross-check, Pareto/NBD
 * against the closed-form DERT (continuous discounting), and BG/BB on the donations against
 * a direct sum of FHS eq. 13 differences.
 */
import { readFileSync } from "node:fs";
import { bgbbExpected } from "../../src/engine/lifetime/bgbb";
import { bgnbdExpected } from "../../src/engine/lifetime/bgnbd";
import { gammaGammaSpend } from "../../src/engine/lifetime/gammaGamma";
import { mbgnbdExpected } from "../../src/engine/lifetime/mbgnbd";
import { modelClv } from "../../src/engine/lifetime/modelClv";
import {
  BGBB_VALUE_MODEL,
  VALUE_MODELS,
  bgbbDiscountedTransactions,
  customerValue,
  discountedTransactions,
  modelValues,
  monthlySchedule,
  periodSchedule,
  valueModelByName,
  valueSchedule,
} from "../../src/engine/lifetime/modelValue";
import { pnbdDert, pnbdExpected } from "../../src/engine/lifetime/paretoNbd";
import { thrownCvError } from "../helpers/errors";
import { sharedDataFile } from "../helpers/sharedData";

const WEEKS_PER_MONTH = 365.25 / 12 / 7;
const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }; // CDNOW, published (FHL 2005)
const gg = { p: 6.25, q: 3.74, gamma: 15.44 }; // CDNOW, published
const pnbd = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }; // CDNOW, published
const mbg = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }; // CDNOW, published (BDF 2007)
const donationsParams = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }; // FHS 2010

/** Σ_{m=a+1..b} v^m, v = (1+d)^(−1/12), as a geometric series. */
const monthSum = (d: number, a: number, b: number) => {
  const v = Math.pow(1 + d, -1 / 12);
  return (Math.pow(v, a + 1) * (1 - Math.pow(v, b - a))) / (1 - v);
};

describe("the schedule: months (or periods) ending inside (from, to], discounted to today", () => {
  test("years 1–3 from 1 to 3: months 13 … 36, the first discounted by 1.1^(−13/12), the last by 1.1^(−3)", () => {
    const s = monthlySchedule({ fromYear: 1, toYear: 3 }, 7);
    expect([s.first, s.last, s.discount.length]).toEqual([13, 36, 24]);
    expect(s.stepLength).toBeCloseTo(30.4375 / 7, 14);
    expect(s.discount[0]).toBeCloseTo(Math.pow(1.1, -13 / 12), 15);
    expect(s.discount[23]).toBeCloseTo(1 / 1.331, 15);
  });

  test("defaults: years 0–1, 10% a year, margin 1; one month is 1/12 year; days and months as units", () => {
    const s = monthlySchedule({}, 7);
    expect([s.fromYear, s.toYear, s.annualDiscount, s.margin, s.first, s.last]).toEqual([0, 1, 0.1, 1, 1, 12]);
    expect(monthlySchedule({ toYear: 1 / 12 }, 1).last).toBe(1);
    // from alone: the one year after it
    expect([monthlySchedule({ fromYear: 2 }, 7).first, monthlySchedule({ fromYear: 2 }, 7).last]).toEqual([25, 36]);
    expect(monthlySchedule({}, 1).stepLength).toBeCloseTo(30.4375, 14);
    expect(monthlySchedule({}, 365.25 / 12).stepLength).toBeCloseTo(1, 14);
  });

  test("BG/BB: one step a period of L years; quarters over two years are 8 steps discounted by 1.1^(−k/4)", () => {
    const s = periodSchedule({ fromYear: 0, toYear: 2 }, 0.25);
    expect([s.first, s.last, s.stepLength]).toEqual([1, 8, 1]);
    expect(s.discount[7]).toBeCloseTo(1 / 1.21, 15);
    const years = periodSchedule({ fromYear: 1, toYear: 3 }, 1);
    expect([years.first, years.last]).toEqual([2, 3]);
    expect(Array.from(years.discount)).toEqual([expect.closeTo(1 / 1.21, 15), expect.closeTo(1 / 1.331, 15)]);
  });

  test("bad options name the argument and the value", () => {
    expect(thrownCvError(() => monthlySchedule({ fromYear: -1 }, 7)).message).toBe("from_year must be a number of years from 0 (today) up, found -1");
    expect(thrownCvError(() => monthlySchedule({ fromYear: 2, toYear: 2 }, 7)).message).toBe("to_year must be after from_year (2) and at most 100 years, found 2");
    expect(thrownCvError(() => monthlySchedule({ toYear: 101 }, 7)).message).toBe("to_year must be after from_year (0) and at most 100 years, found 101");
    expect(thrownCvError(() => monthlySchedule({ toYear: 0.3 }, 7)).message).toBe("to_year must be a whole number of months (a multiple of 1/12 year), found 0.3");
    expect(thrownCvError(() => monthlySchedule({ fromYear: 0.01, toYear: 1 }, 7)).message).toBe("from_year must be a whole number of months (a multiple of 1/12 year), found 0.01");
    expect(thrownCvError(() => monthlySchedule({ annualDiscount: -0.1 }, 7)).message).toBe("discount is an annual rate of 0 or more (0.1 for 10% a year), found -0.1");
    expect(thrownCvError(() => monthlySchedule({ annualDiscount: Number.POSITIVE_INFINITY }, 7)).location?.argument).toBe("discount");
    expect(thrownCvError(() => monthlySchedule({ margin: 1.5 }, 7)).message).toBe("margin is a share of spend from 0 to 1, found 1.5");
    expect(thrownCvError(() => periodSchedule({ toYear: 2.5 }, 1)).message).toBe("to_year must be a whole number of periods of 1 year (the unit), found 2.5");
    expect(thrownCvError(() => periodSchedule({}, 0)).message).toBe("unit is the length of a BG/BB period in years (1 for once a year), found 0");
    expect(thrownCvError(() => periodSchedule({ toYear: 100 }, 0.0001)).message).toMatch(/^to_year 100 is 1000000 periods of 0.0001 years, more than the 100,000 counted/);
    expect(thrownCvError(() => valueSchedule({}, 1 / 12, Number.NaN)).location?.argument).toBe("unit");
  });
});

describe("a model with known expectations: a constant rate of 0.5 purchases a week (certainly alive)", () => {
  const constant = (t: number) => 0.5 * t;

  test("the worked example of docs/models/clv.md: spend 20, margin 30%, 10% a year → 148.72, 258.10, 406.82", () => {
    const perMonth = 0.5 * WEEKS_PER_MONTH; // 2.174107 purchases a month
    const clv = (fromYear: number, toYear: number) => {
      const s = monthlySchedule({ fromYear, toYear, annualDiscount: 0.1, margin: 0.3 }, 7);
      return 0.3 * 20 * discountedTransactions(constant, s, 0, 0, 0);
    };
    expect(clv(0, 1)).toBeCloseTo(0.3 * 20 * perMonth * monthSum(0.1, 0, 12), 10);
    expect(clv(1, 3)).toBeCloseTo(0.3 * 20 * perMonth * monthSum(0.1, 12, 36), 10);
    expect([clv(0, 1), clv(1, 3), clv(0, 3)].map((v) => v.toFixed(2))).toEqual(["148.72", "258.10", "406.82"]);
    // without discounting: 12 months of 2.174107
    const flat = monthlySchedule({ annualDiscount: 0 }, 7);
    expect(0.3 * 20 * discountedTransactions(constant, flat, 0, 0, 0)).toBeCloseTo(0.3 * 20 * 12 * perMonth, 10);
  });

  test("one month: E(M) discounted once by 1.1^(−1/12); the seventh month alone by 1.1^(−7/12)", () => {
    expect(discountedTransactions(constant, monthlySchedule({ toYear: 1 / 12 }, 7), 0, 0, 0)).toBeCloseTo((0.5 * WEEKS_PER_MONTH) / Math.pow(1.1, 1 / 12), 13);
    expect(discountedTransactions(constant, monthlySchedule({ fromYear: 0.5, toYear: 7 / 12 }, 7), 0, 0, 0)).toBeCloseTo((0.5 * WEEKS_PER_MONTH) / Math.pow(1.1, 7 / 12), 13);
  });

  test("increments of a non-linear expectation: E(t) = t² weeks² gives months of (2m − 1) M² each", () => {
    const M = WEEKS_PER_MONTH;
    let byHand = 0;
    for (let m = 1; m <= 3; m++) byHand += ((2 * m - 1) * M * M) / Math.pow(1.05, m / 12);
    expect(discountedTransactions((t) => t * t, monthlySchedule({ toYear: 0.25, annualDiscount: 0.05 }, 7), 0, 0, 0)).toBeCloseTo(byHand, 10);
  });

  test("customerValue: margin × Gamma-Gamma spend × discounted transactions; CDNOW 0001's spend (15.44 + 2·22.35)·6.25/15.24", () => {
    const spend = ((15.44 + 2 * 22.35) * 6.25) / (6.25 * 2 + 3.74 - 1);
    expect(customerValue(1.5, gg, 2, 22.35, 0.3)).toBeCloseTo(0.3 * spend * 1.5, 12);
    // no repeats: the population mean pγ/(q − 1)
    expect(customerValue(2, gg, 0, Number.NaN, 1)).toBeCloseTo((2 * 6.25 * 15.44) / 2.74, 12);
    expect(thrownCvError(() => customerValue(1e300, gg, 2, 1e300, 1)).code).toBe("OUT_OF_RANGE");
  });
});

describe("BG/NBD, MBG/NBD and Pareto/NBD through the registry", () => {
  const customers: Array<[number, number, number]> = [
    [2, 30.43, 38.86], // CDNOW 0001
    [1, 1.71, 38.86], // 0002
    [0, 0, 38.86], // 0003
    [26, 30.86, 31], // 1516
  ];

  test("BG/NBD at (1 + 1%)^12 − 1 a year over years 0–1 is CV.CLV.BGNBD's engine at 1% a month, 12 months", () => {
    const annual = Math.pow(1.01, 12) - 1;
    const valuer = VALUE_MODELS.bgnbd!.bind(bg, monthlySchedule({ annualDiscount: annual, margin: 0.4 }, 7));
    for (const [x, tx, T] of customers) {
      const old = modelClv(bg, gg, x, tx, T, 22.35, { horizonMonths: 12, monthlyDiscount: 0.01, margin: 0.4, unit: "week" });
      expect(customerValue(valuer(x, tx, T), gg, x, 22.35, 0.4)).toBeCloseTo(old, 10);
    }
    // and 30 months against years 0–2.5
    const long = VALUE_MODELS.bgnbd!.bind(bg, monthlySchedule({ toYear: 2.5, annualDiscount: annual }, 7));
    expect(customerValue(long(2, 30.43, 38.86), gg, 2, 22.35, 1)).toBeCloseTo(modelClv(bg, gg, 2, 30.43, 38.86, 22.35, { horizonMonths: 30, monthlyDiscount: 0.01, margin: 1, unit: "week" }), 10);
  });

  test.each([
    ["bgnbd", bg, (t: number, x: number, tx: number, T: number) => bgnbdExpected(bg, t, x, tx, T)],
    ["mbgnbd", mbg, (t: number, x: number, tx: number, T: number) => mbgnbdExpected(mbg, t, x, tx, T)],
    ["pnbd", pnbd, (t: number, x: number, tx: number, T: number) => pnbdExpected(pnbd, t, x, tx, T)],
  ] as const)("%s: years 0–1 + years 1–3 = years 0–3; undiscounted, the expectation over the interval", (key, params, expected) => {
    const model = VALUE_MODELS[key]!;
    const at = (o: Parameters<typeof monthlySchedule>[0]) => model.bind(params, monthlySchedule(o, 7));
    for (const [x, tx, T] of customers) {
      const whole = at({ fromYear: 0, toYear: 3 })(x, tx, T);
      expect(at({ fromYear: 0, toYear: 1 })(x, tx, T) + at({ fromYear: 1, toYear: 3 })(x, tx, T)).toBeCloseTo(whole, 12);
      // d = 0: telescopes to E(36 M) − E(12 M), the model's expectation over years 2–3
      expect(at({ fromYear: 1, toYear: 3, annualDiscount: 0 })(x, tx, T)).toBeCloseTo(expected(36 * WEEKS_PER_MONTH, x, tx, T) - expected(12 * WEEKS_PER_MONTH, x, tx, T), 11);
      // discounting only lowers it, by at most 1.1^(−3) at the far end
      const flat = at({ fromYear: 0, toYear: 3, annualDiscount: 0 })(x, tx, T);
      expect(whole).toBeLessThan(flat);
      expect(whole).toBeGreaterThan(flat / 1.331);
    }
  });

  test("the unit is honoured: the same history in days (α × 7) gives the same value", () => {
    const weeks = VALUE_MODELS.bgnbd!.bind(bg, monthlySchedule({ toYear: 2 }, 7))(2, 30.43, 38.86);
    const days = VALUE_MODELS.bgnbd!.bind({ ...bg, alpha: bg.alpha * 7 }, monthlySchedule({ toYear: 2 }, 1))(2, 30.43 * 7, 38.86 * 7);
    expect(days).toBeCloseTo(weeks, 11);
  });

  test("Pareto/NBD over 100 years lies between DERT (continuous discounting, δ = ln 1.1) × 1.1^(−1/12) and DERT", () => {
    const valuer = VALUE_MODELS.pnbd!.bind(pnbd, monthlySchedule({ toYear: 100, annualDiscount: 0.1 }, 7));
    const delta = Math.log(1.1) * (7 / 365.25);
    for (const [x, tx, T] of customers) {
      const dert = pnbdDert(pnbd, x, tx, T, delta);
      const monthly = valuer(x, tx, T);
      expect(monthly).toBeLessThan(dert);
      expect(monthly).toBeGreaterThan(dert * Math.pow(1.1, -1 / 12));
      // Purchases fall on average mid-month: the half-month shift accounts for nearly all of the gap.
      expect(monthly / (dert * Math.pow(1.1, -1 / 24))).toBeCloseTo(1, 3);
    }
  });

  test("models by name, as FIT tables write them; anything else names the choices", () => {
    expect(["BG/NBD", "MBG/NBD", "Pareto/NBD", "BG/BB", "pnbd", "bg nbd"].map((n) => valueModelByName(n).key)).toEqual(["bgnbd", "mbgnbd", "pnbd", "bgbb", "pnbd", "bgnbd"]);
    expect(thrownCvError(() => valueModelByName("Gamma-Gamma")).message).toBe('params: the model must be one of "BG/NBD", "MBG/NBD", "Pareto/NBD", "BG/BB", found "Gamma-Gamma"');
    expect(thrownCvError(() => VALUE_MODELS.pnbd!.bind({ r: 1, alpha: 1, s: 1 }, monthlySchedule({}, 7))).message).toMatch(/^params: no value for beta/);
    expect(thrownCvError(() => VALUE_MODELS.bgnbd!.bind({ ...bg, a: -1 }, monthlySchedule({}, 7))).message).toBe("params: a must be a positive number, found -1");
  });
});

describe("BG/BB on the donations (FHS 2010)", () => {
  const rows = readFileSync(sharedDataFile("donations/donations.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((line) => line.split(",").map(Number));

  /** Σ_k (E[X(n, n+k)] − E[X(n, n+k−1)]) / (1+d)^(kL) over the periods ending in (from, to], with eq. 13 in closed form. */
  const directSum = (x: number, tx: number, n: number, d: number, from: number, to: number) => {
    let sum = 0;
    for (let k = from + 1; k <= to; k++) sum += (bgbbExpected(donationsParams, k, x, tx, n) - bgbbExpected(donationsParams, k - 1, x, tx, n)) / Math.pow(1 + d, k);
    return sum;
  };

  test("every pattern, years 0–5 and 2–7 at 10%, equals the direct sum of eq. 13 differences", () => {
    const scratch = new Float64Array(7);
    const five = periodSchedule({ toYear: 5 }, 1);
    const later = periodSchedule({ fromYear: 2, toYear: 7 }, 1);
    for (const [x, tx, n] of rows) {
      expect(bgbbDiscountedTransactions(donationsParams, five, x!, tx!, n!, scratch)).toBeCloseTo(directSum(x!, tx!, n!, 0.1, 0, 5), 12);
      expect(bgbbDiscountedTransactions(donationsParams, later, x!, tx!, n!, scratch)).toBeCloseTo(directSum(x!, tx!, n!, 0.1, 2, 7), 12);
    }
  });

  test("the worked example: (6, 6, 6) over years 0–3 is 1.978 discounted donations; undiscounted 0–5 is CV.BGBB.EXPECTED's 3.752", () => {
    const valuer = BGBB_VALUE_MODEL.bind(donationsParams, periodSchedule({ toYear: 3 }, 1));
    expect(valuer(6, 6, 6).toFixed(3)).toBe("1.978");
    const flat = BGBB_VALUE_MODEL.bind(donationsParams, periodSchedule({ toYear: 5, annualDiscount: 0 }, 1));
    expect(flat(6, 6, 6)).toBeCloseTo(bgbbExpected(donationsParams, 5, 6, 6, 6), 12);
    expect(flat(6, 6, 6).toFixed(3)).toBe("3.752");
  });

  test("half-year periods: the k-th period discounted by 1.1^(−k/2)", () => {
    const valuer = BGBB_VALUE_MODEL.bind(donationsParams, periodSchedule({ toYear: 2 }, 0.5));
    let byHand = 0;
    for (let k = 1; k <= 4; k++) byHand += (bgbbExpected(donationsParams, k, 2, 4, 6) - bgbbExpected(donationsParams, k - 1, 2, 4, 6)) / Math.pow(1.1, k / 2);
    expect(valuer(2, 4, 6)).toBeCloseTo(byHand, 12);
  });

  test("modelValues: per supporter and the total, with a $50 average gift and margin 0.8; a bad row names itself", () => {
    const x = rows.map((r) => r[0]!);
    const tx = rows.map((r) => r[1]!);
    const n = rows.map((r) => r[2]!);
    const avgSpend = rows.map(() => 50);
    const gifts = { p: 6, q: 4, gamma: 20 };
    const out = modelValues(BGBB_VALUE_MODEL, donationsParams, gifts, { x, tx, T: n, avgSpend }, periodSchedule({ toYear: 5, margin: 0.8 }, 1));
    let total = 0;
    rows.forEach(([xi, txi, ni], i) => {
      const want = 0.8 * gammaGammaSpend(gifts, xi!, 50) * directSum(xi!, txi!, ni!, 0.1, 0, 5);
      expect(out.values[i]).toBeCloseTo(want, 10);
      total += want;
    });
    expect(out.total).toBeCloseTo(total, 8);
    expect(thrownCvError(() => modelValues(BGBB_VALUE_MODEL, donationsParams, gifts, { x: [1, 2], tx: [1, 7], T: [6, 6], avgSpend: [50, 50] }, periodSchedule({}, 1))).message).toMatch(/^t_x row 2 is 7, after n = 6/);
    expect(thrownCvError(() => modelValues(BGBB_VALUE_MODEL, donationsParams, gifts, { x: [1, 2], tx: [1, 2], T: [6, 6], avgSpend: [50, 0] }, periodSchedule({}, 1))).message).toBe(
      "avg_spend row 2 is 0: a customer with repeat transactions needs a positive average spend",
    );
    expect(thrownCvError(() => bgbbDiscountedTransactions(donationsParams, periodSchedule({ toYear: 5 }, 1), 1, 1, 6, new Float64Array(2))).message).toMatch(/scratch buffer holds 2 periods/);
  });
});
