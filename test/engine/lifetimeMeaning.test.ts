/**
 * What the lifetime value numbers mean (issue 13 §5): the result headers with unit and
 * horizon, the spread of P(alive) and the warning when it cannot pick out churned customers,
 * and the frequency/recency matrix of expected purchases and P(alive). Expected numbers come
 * from hand computation, from the BG/NBD formulas written out here (eq. 10 with a plain
 * hypergeometric series, eq. 13; Fader, Hardie & Lee 2005) and from the published CDNOW
 * example (E[Y(39) | x = 2, t_x = 30.43, T = 38.86] = 1.226, p. 280 of the paper).
 */
import {
  BGNBD_PURCHASE_MODEL,
  type BgnbdParams,
  bgnbdExpected,
  bgnbdPAlive,
  type CustomerValueModel,
  defaultLifetimeSettings,
  defaultModel,
  frequencyRecencyMatrix,
  guessRoles,
  horizonWords,
  lifetimeDetails,
  lifetimeHeaders,
  lifetimeSections,
  makeCustomerTable,
  matrixLevels,
  pAliveSpread,
  pAliveWarning,
  percentWords,
  probabilityWords,
  profileColumns,
  runModel,
} from "../../src/engine";
import { cdnowTransactions } from "../helpers/cdnow";
import { sampleLifetimeTable } from "../helpers/lifetimeTransactions";

/** Published CDNOW BG/NBD estimates (Fader, Hardie & Lee 2005). */
const CDNOW: BgnbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
/** The matrix's model at BG/NBD parameters (the engine's own P(alive) and expectation; the hand versions below check them). */
const bgnbdMatrixModel = (p: BgnbdParams) => ({ expected: (t: number, x: number, tx: number, T: number) => bgnbdExpected(p, t, x, tx, T), pAlive: (x: number, tx: number, T: number) => bgnbdPAlive(p, x, tx, T) });

/** ₂F₁(a, b; c; z) by its plain series, for |z| < 1: terms until they no longer change the sum. */
function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 100_000; k++) {
    term *= ((a + k) * (b + k)) / ((c + k) * (k + 1)) * z;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/** P(alive | x, t_x, T), eq. 13 of the paper, written out. */
function pAliveByHand(p: BgnbdParams, x: number, tx: number, T: number): number {
  return x === 0 ? 1 : 1 / (1 + (p.a / (p.b + x - 1)) * Math.pow((p.alpha + T) / (p.alpha + tx), p.r + x));
}

/** E[Y(t) | x, t_x, T], eq. 10 of the paper, written out with the plain series. */
function expectedByHand(p: BgnbdParams, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const z = t / (alpha + T + t);
  const bracket = 1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  return (((a + b + x - 1) / (a - 1)) * bracket) / (1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0));
}

const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);

describe("result headers say their unit and horizon", () => {
  test("weeks, 12 months, 1% a month, margin 30%", () => {
    expect(lifetimeHeaders({ asOf: "2011-12-10", unit: "week", horizonMonths: 12, monthlyDiscount: 0.01, margin: 0.3 })).toEqual({
      x: "CV x, repeat purchases to 2011-12-10",
      tx: "CV t_x, weeks from first to last purchase",
      T: "CV T, weeks from first purchase to 2011-12-10",
      pAlive: "CV P(alive) at 2011-12-10",
      expectedPurchases: "CV Expected purchases, next 12 months",
      expectedSpend: "CV Expected spend per purchase",
      clv: "CV CLV, next 12 months at 1% a month, margin 30%",
      tier: "CV CLV tier",
    });
  });

  test("days, one month, no discount, margin 100%; half a percent a month", () => {
    const h = lifetimeHeaders({ asOf: "2024-07-01", unit: "day", horizonMonths: 1, monthlyDiscount: 0, margin: 1 });
    expect([h.tx, h.T, h.expectedPurchases, h.clv]).toEqual([
      "CV t_x, days from first to last purchase",
      "CV T, days from first purchase to 2024-07-01",
      "CV Expected purchases, next month",
      "CV CLV, next month undiscounted, margin 100%",
    ]);
    expect(lifetimeHeaders({ asOf: "2024-07-01", unit: "month", horizonMonths: 1200, monthlyDiscount: 0.005, margin: 0.125 }).clv).toBe("CV CLV, next 1,200 months at 0.5% a month, margin 12.5%");
  });

  test("words for shares, horizons and probabilities", () => {
    expect([percentWords(0.01), percentWords(0.3), percentWords(1), percentWords(0.12345)]).toEqual(["1%", "30%", "100%", "12.35%"]);
    expect([horizonWords(1), horizonWords(24)]).toEqual(["next month", "next 24 months"]);
    expect([probabilityWords(1), probabilityWords(0.99951), probabilityWords(0.6867), probabilityWords(0.995)]).toEqual(["1", "0.9995", "0.69", "0.9950"]);
  });
});

/**
 * Ten customers in weeks, the longest T 60 weeks (so "silent long" is over 180 days = 25.7
 * weeks): silences 60, 20, 50, 10, 30, 26, 25, 10, 3 weeks; the last customer has no P(alive).
 */
const X = Float64Array.of(0, 0, 3, 5, 2, 1, 1, 4, 2, 6);
const TX = Float64Array.of(0, 0, 10, 50, 30, 34, 35, 40, 5, 12);
const T = Float64Array.of(60, 20, 60, 60, 60, 60, 60, 50, 8, 12);
const SPREAD_P = Float64Array.of(1, 1, 0.2, 0.9, 0.6, 0.95, 0.97, 0.8, 0.99, Number.NaN);

describe("how P(alive) spreads, and when it cannot separate churned customers", () => {
  test("by hand: 9 customers with a P(alive); 4 silent over 180 days (silences 60, 50, 30 and 26 weeks: 26 × 7 = 182 > 180, 25 × 7 = 175 is not)", () => {
    const s = pAliveSpread(SPREAD_P, X, TX, T, "week", "BG/NBD", BGNBD_PURCHASE_MODEL.dropout({ r: 1, alpha: 1, a: 1, b: 3 }, 60));
    // Sorted: 0.2, 0.6, 0.8, 0.9, 0.95, 0.97, 0.99, 1, 1. The 5th percentile is the ⌈0.45⌉ = 1st; the median the 5th.
    expect(s).toEqual({
      customers: 9,
      min: 0.2,
      p5: 0.2,
      median: 0.95,
      oneTimeBuyers: 2,
      silentDays: 180,
      silent: 4,
      // Silent customers' P(alive): 1, 0.2, 0.6, 0.95 → median (0.6 + 0.95) / 2.
      silentMedian: expect.closeTo(0.775, 12),
      model: "BG/NBD",
      dropout: 0.25,
      nearZeroDropout: false,
      dropoutWords: "a mean chance of 25% of stopping after a purchase, about 1 in 4",
      flat: false,
    });
    expect(pAliveWarning(s, false)).toBeNull();
  });

  test("P(alive) all 0.9 or more while 4 of 9 customers are silent long: flat, and the warning says so", () => {
    const high = SPREAD_P.map((p) => (p < 0.9 ? 0.9 : p));
    const s = pAliveSpread(high, X, TX, T, "week", "BG/NBD", BGNBD_PURCHASE_MODEL.dropout({ r: 1, alpha: 1, a: 1, b: 3 }, 60));
    expect([s.p5, s.flat, s.nearZeroDropout, s.silentMedian]).toEqual([0.9, true, false, 0.925]);
    expect(pAliveWarning(s, true)).toEqual({
      kind: "dropout",
      message:
        "P(alive) cannot separate churned customers here: P(alive) hardly varies. P(alive) runs from 0.90 to 1 (median 0.95); the 4 customers silent for over 180 days have a median P(alive) of 0.93. Rank customers by expected purchases or CLV instead; for P(alive), try MBG/NBD or Pareto/NBD (under Purchase model, or compare them all with Check the model) or a later as-of date (transactions after it were left out).",
    });
  });

  test("a short history: silent long is half the longest T (12 weeks → 42 days); a dropout of 0.05% warns whatever the spread", () => {
    const short = pAliveSpread(Float64Array.of(0.3, 1), Float64Array.of(2, 0), Float64Array.of(4, 0), Float64Array.of(12, 6), "week", "BG/NBD", BGNBD_PURCHASE_MODEL.dropout({ r: 1, alpha: 1, a: 0.001, b: 1.999 }, 60));
    // Silences 8 weeks (56 days > 42) and 6 weeks (42 days, not over): one silent customer.
    expect([short.silentDays, short.silent, short.silentMedian, short.dropout, short.nearZeroDropout, short.flat]).toEqual([42, 1, 0.3, 0.0005, true, false]);
    expect(pAliveWarning(short, false)?.message).toBe(
      "P(alive) cannot separate churned customers here: the fitted BG/NBD dropout is almost zero (a mean chance of 0.05% of stopping after a purchase, about 1 in 2,000), so the model sees almost nobody stop buying. P(alive) runs from 0.30 to 1 (median 0.65); the 1 customer silent for over 42 days has a P(alive) of 0.30. Rank customers by expected purchases or CLV instead; for P(alive), try MBG/NBD or Pareto/NBD (under Purchase model, or compare them all with Check the model) or a longer history.",
    );
  });
});

describe("the frequency/recency matrix", () => {
  test("CDNOW's published example: x = 2, t_x = 30.43, T = 38.86, the next 39 weeks → 1.226 purchases; every cell as eq. 10 and eq. 13 give it", () => {
    const months = (39 * 7) / (365.25 / 12);
    const m = frequencyRecencyMatrix(bgnbdMatrixModel(CDNOW), 38.86, "week", months, [0, 2, 7], [30.43, 5, 0.5]);
    expect(m.horizon).toBeCloseTo(39, 12);
    expect(m.expected[1]![0]).toBeCloseTo(1.226, 3);
    for (const [r, x] of m.x.entries()) {
      for (const [c, tx] of m.tx.entries()) {
        const e = m.expected[r]![c];
        const p = m.pAlive[r]![c];
        // 7 repeat purchases need 7 days: not within half a week (3.5 days); 2 fit in 3.5 days.
        if (x === 7 && tx === 0.5) {
          expect([e, p]).toEqual([null, null]);
          continue;
        }
        const last = x === 0 ? 0 : tx;
        expect(relative(e as number, expectedByHand(CDNOW, 39, x, last, 38.86))).toBeLessThan(1e-9);
        expect(relative(p as number, pAliveByHand(CDNOW, x, last, 38.86))).toBeLessThan(1e-12);
      }
    }
    // One-time buyers: t_x is 0 for them, so every column is the same; P(alive) is 1.
    expect(new Set(m.expected[0]).size).toBe(1);
    expect(m.pAlive[0]).toEqual([1, 1, 1]);
    // P(alive) by hand for x = 2, t_x = 30.43: 1 / (1 + 0.793/3.426 × (43.274/34.844)^2.243) = 0.7266.
    expect(m.pAlive[1]![0]).toBeCloseTo(0.7266, 4);
  });

  test("in days: 7 repeat purchases need t_x ≥ 7 days", () => {
    const m = frequencyRecencyMatrix(bgnbdMatrixModel(CDNOW), 200, "day", 12, [7], [6.9, 7]);
    expect(m.expected[0]![0]).toBeNull();
    expect(m.pAlive[0]![1]).toBeCloseTo(pAliveByHand(CDNOW, 7, 7, 200), 12);
  });

  test("rows from 0, 1, 2, 3, 5, 8, 13, 21, … up to the 99th percentile of x (at most 8); columns at the middles of 8 bands of T", () => {
    const hundred = Float64Array.from({ length: 100 }, (_, i) => i);
    // The 99th percentile of 0 … 99 is the 99th smallest, 98: the ladder up to 89, cut at 8 rows.
    expect(matrixLevels(hundred, 16)).toEqual({ x: [0, 1, 2, 3, 5, 8, 13, 21], tx: [1, 3, 5, 7, 9, 11, 13, 15] });
    expect(matrixLevels(Float64Array.of(0, 0, 0, 3), 8).x).toEqual([0, 1, 2, 3]);
    expect(matrixLevels(Float64Array.of(0, 0, 1, Number.NaN), 8).x).toEqual([0, 1]);
    expect(matrixLevels(Float64Array.of(0, 0, 0), 8).x).toEqual([0, 1]);
  });
});

/** The preview's sample: 18,532 invoices of 4,338 Online Retail customers. */
function sampleRun() {
  const { table, model } = sampleLifetimeTable();
  return runModel(model, table);
}

describe("on real data", () => {
  test("the Online Retail sample: dropout ≈ 0, and 861 customers silent for over 180 days have a median P(alive) of 1: the warning, once", () => {
    const run = sampleRun();
    const l = lifetimeDetails(run);
    const values = (k: number) => run.columns[k]!.values as number[];
    const [x, tx, T, pAlive] = [values(0), values(1), values(2), values(3)];
    // Counted here from the written columns: silence (T − t_x) × 7 days over 180.
    const silent = pAlive.filter((_, i) => (T[i]! - tx[i]!) * 7 > 180).sort((a, b) => a - b);
    expect(silent.length).toBe(861);
    expect(silent[430]).toBe(1);
    expect(Math.min(...pAlive)).toBeGreaterThan(0.68);
    expect(x.filter((v) => v === 0).length).toBe(1548);
    const { a, b } = l.purchases.params as { a: number; b: number };
    expect(a / (a + b)).toBeLessThan(0.001);
    expect(l.pAlive).toMatchObject({ customers: 4338, silent: 861, silentMedian: 1, oneTimeBuyers: 1548, nearZeroDropout: true, flat: true });
    const dropout = run.warnings.filter((w) => w.kind === "dropout");
    expect(dropout).toHaveLength(1);
    expect(dropout[0]!.message).toMatch(/^P\(alive\) cannot separate churned customers here: the fitted BG\/NBD dropout is almost zero \(a mean chance of 0\.059% of stopping after a purchase, about 1 in 1,700\)/);
    expect(dropout[0]!.message).toContain("P(alive) runs from 0.69 to 1 (median 0.9995); the 861 customers silent for over 180 days have a median P(alive) of 1.");
    // The fit's own dropout clause is not said twice; its other reasons are warnings of their own.
    expect(run.warnings.filter((w) => /dropout ≈ 0/.test(w.message))).toEqual([]);
    expect(run.warnings.filter((w) => w.kind === "fit").map((w) => w.message)).toEqual(["BG/NBD fit: a and b are poorly determined (standard error larger than the estimate): the data leave them loose, so ranges are wide."]);
    // The matrix: the longest age is 2010-12-01 to 2011-12-10, 374 days = 53.43 weeks; x up to the 99th percentile, 24.
    expect(l.matrix.T).toBeCloseTo(374 / 7, 12);
    expect(l.matrix.x).toEqual([0, 1, 2, 3, 5, 8, 13, 21]);
    expect(l.matrix.tx[0]).toBeCloseTo(374 / 7 / 16, 12);
    const p = l.purchases.params as unknown as BgnbdParams;
    const weeks = (12 * 365.25) / 12 / 7;
    expect(relative(l.matrix.expected[4]![1] as number, expectedByHand(p, weeks, 5, (374 / 7) * (1.5 / 8), 374 / 7))).toBeLessThan(1e-9);
    expect(relative(l.matrix.pAlive[7]![4] as number, pAliveByHand(p, 21, (374 / 7) * (4.5 / 8), 374 / 7))).toBeLessThan(1e-12);
    // On the summary sheet: both matrices as tables, the standard errors beside the parameters and the verdict.
    const sections = lifetimeSections(l);
    expect(sections.map((s) => s.title.slice(0, 30))).toEqual([
      "BG/NBD parameters (purchases a",
      "Gamma-Gamma parameters (spend ",
      "CLV settings (as of: end of th",
      "Expected purchases in the next",
      "P(alive) at 2011-12-10 (the pr",
    ]);
    expect(sections[4]!.rows[4]![1]).toBe(l.matrix.pAlive[4]![0]);
    expect(sections[0]!.rows[2]).toEqual(["a", p.a, l.purchases.standardErrors.a]);
    expect(run.description.some((d) => d.startsWith("CV P(alive) at 2011-12-10: P(alive) is the probability that the customer has not silently stopped buying"))).toBe(true);
  });

  test("CDNOW to 1997-09-30: dropout 25% a purchase, P(alive) spreads down to near 0: no warning", () => {
    const { ids, dates, amounts } = cdnowTransactions();
    const rows = ids.map((id, i) => [id[0], dates[i]![0], amounts[i]![0]]);
    const table = makeCustomerTable([["Customer", "Date", "Amount"], ...rows], true);
    const profiles = profileColumns(table);
    const base = defaultModel(guessRoles(profiles));
    const model: CustomerValueModel = { ...base, analysis: "lifetime", roles: { ...base.roles, id: "Customer" }, lifetime: { ...defaultLifetimeSettings(profiles, "Amount"), asOf: "1997-09-30" } };
    const run = runModel(model, table);
    const l = lifetimeDetails(run);
    // The published fit: a = 0.793, b = 2.426 → a / (a + b) = 0.246.
    expect(l.pAlive.dropout).toBeCloseTo(0.793 / (0.793 + 2.426), 2);
    expect(l.pAlive.p5).toBeLessThan(0.5);
    expect(l.pAlive.flat).toBe(false);
    expect(run.warnings.filter((w) => w.kind === "dropout")).toEqual([]);
  });
});
