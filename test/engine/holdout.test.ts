import { readFileSync } from "node:fs";
import { BGNBD_HOLDOUT_MODEL, HOLDOUT_MODELS, type HoldoutCheck, type HoldoutModel, defineHoldoutModel, holdoutCheck, holdoutErrors, holdoutModelByName, rankHoldoutChecks } from "../../src/engine/lifetime/holdout";
import type { TransactionColumns } from "../../src/engine";
import { cdnowPublishedSummary, cdnowTransactions } from "../helpers/cdnow";
import { sharedDataFile } from "../helpers/sharedData";
import { thrownCvError } from "../helpers/errors";

/** An ISO date as an Excel day serial (days since 1899-12-30), computed here from the calendar. */
const serial = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 + 25_569;

/** The published BG/NBD estimates on CDNOW (Fader, Hardie & Lee 2005, §4). */
const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

// ---------------------------------------------------------------------------------------
// Independent BG/NBD expressions, written from the paper (Fader, Hardie & Lee 2005), sharing
// no code with src/: Gauss's hypergeometric series, eq. 9 and eq. 10.

/** ₂F₁(a, b; c; z) by its defining series, |z| < 1. */
function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 200_000; k++) {
    term *= (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) return sum;
  }
  throw new Error("series did not converge");
}

type Bg = typeof PUBLISHED;

/** FHL 2005 eq. 10: E[Y(t) | x, t_x, T]. */
function paperConditional(p: Bg, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const bracket = 1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  const alive = x > 0 ? 1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x)) : 1;
  return ((a + b + x - 1) / (a - 1)) * bracket * alive;
}

/** FHL 2005 eq. 9: E[X(t)] of a new customer. */
function paperUnconditional(p: Bg, t: number): number {
  const { r, alpha, a, b } = p;
  return ((a + b - 1) / (a - 1)) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)));
}

// ---------------------------------------------------------------------------------------
// CDNOW read straight from the file (brute force, no src/ code): per customer the distinct
// purchase dates as yyyymmdd text.

interface RawCustomer {
  id: string;
  dates: string[];
}

function cdnowByCustomer(): RawCustomer[] {
  const byId = new Map<string, Set<string>>();
  for (const line of readFileSync(sharedDataFile("cdnow/CDNOW_sample.txt"), "utf8").trim().split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (Number(f[4]) < 0) continue; // a return is not a purchase (CDNOW has none)
    const set = byId.get(f[1]!) ?? new Set<string>();
    set.add(f[2]!);
    byId.set(f[1]!, set);
  }
  return [...byId.entries()].map(([id, set]) => ({ id, dates: [...set].sort() }));
}

const isoOf = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

/** The CDNOW transactions as engine columns (the test's own date arithmetic). */
function cdnowColumns(): TransactionColumns {
  const t = cdnowTransactions();
  return {
    ids: t.ids.map((r) => r[0]),
    days: Float64Array.from(t.dates, (r) => serial(r[0] as string)),
    amounts: Float64Array.from(t.amounts, (r) => r[0] as number),
  };
}

const CAL_END = serial("1997-09-30");
const HOLDOUT_END = serial("1998-06-30");

describe("holdout check on CDNOW (calibration to 1997-09-30, holdout to 1998-06-30: 39 + 39 weeks)", () => {
  const raw = cdnowByCustomer();
  let check: HoldoutCheck;
  beforeAll(() => {
    check = holdoutCheck(cdnowColumns(), { calibrationEnd: CAL_END, holdoutEnd: HOLDOUT_END, unit: "week", params: PUBLISHED });
  });

  test("the holdout is 39 weeks and every customer is in the check", () => {
    expect(check.holdoutLength).toBe(39); // 273 days / 7
    expect(check.actual.length).toBe(2357);
    expect(check.customersFirstSeenInHoldout).toBe(0); // CDNOW's cohort all first bought in Q1 1997
    expect(check.rowsAfterHoldout).toBe(0);
    expect(check.fitted).toBe(false);
    expect(check.model).toBe("BG/NBD");
  });

  test("the calibration summary equals the published 39-week summary customer by customer", () => {
    const pub = cdnowPublishedSummary();
    expect(check.summary.x.length).toBe(pub.x.length);
    for (let i = 0; i < pub.x.length; i++) {
      expect(Number(check.summary.displayIds[i])).toBe(pub.id[i]);
      expect(check.summary.x[i]).toBe(pub.x[i]);
      // the file gives t_x and T to 2 decimals
      expect(Math.abs(check.summary.tx[i]! - pub.tx[i]!)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs(check.summary.T[i]! - pub.T[i]!)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });

  test("holdout purchases equal a brute force over CDNOW_sample.txt (distinct dates in 1997-10-01 … 1998-06-30)", () => {
    const byId = new Map(raw.map((c) => [c.id, c.dates.filter((d) => d > "19970930" && d <= "19980630").length]));
    let total = 0;
    check.summary.displayIds.forEach((id, k) => {
      expect(check.actual[k]).toBe(byId.get(String(id)));
      total += byId.get(String(id))!;
    });
    expect(check.errors.totalActual).toBe(total);
    // The brute force's own total, the number every comparison below rests on.
    expect(total).toBe(raw.reduce((s, c) => s + c.dates.filter((d) => d > "19970930").length, 0));
  });

  test("by calibration frequency (FHL 2005 Figure 4): customers, mean actual and mean predicted agree with the brute force and eq. 10", () => {
    const groups = Array.from({ length: 8 }, () => ({ n: 0, actual: 0, predicted: 0, naive: 0 }));
    for (const c of raw) {
      const first = serial(isoOf(c.dates[0]!));
      const cal = c.dates.filter((d) => d <= "19970930");
      const x = cal.length - 1;
      const tx = (serial(isoOf(cal[cal.length - 1]!)) - first) / 7;
      const T = (CAL_END - first) / 7;
      const g = groups[Math.min(x, 7)]!;
      g.n++;
      g.actual += c.dates.length - cal.length;
      g.predicted += paperConditional(PUBLISHED, 39, x, tx, T);
      g.naive += T > 0 ? (x / T) * 39 : 0;
    }
    expect(check.byFrequency.labels).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    groups.forEach((g, k) => {
      expect(check.byFrequency.customers[k]).toBe(g.n);
      expect(check.byFrequency.meanActual[k]).toBeCloseTo(g.actual / g.n, 12);
      expect(check.byFrequency.meanPredicted[k]).toBeCloseTo(g.predicted / g.n, 9);
      expect(check.byFrequency.meanNaive[k]).toBeCloseTo(g.naive / g.n, 12);
    });
    // Group sizes and mean actual holdout purchases of the CDNOW sample as the BTYD walkthrough
    // (McCarthy & Wadsworth, "Buy 'Til You Die – A Walkthrough", conditional expectations by
    // calibration frequency, censor 7) prints them: 1411, 439, 214, 100, 62, 38, 29, 64 customers.
    expect(Array.from(check.byFrequency.customers)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    expect(Array.from(check.byFrequency.meanActual, (v) => Number(v.toFixed(4)))).toEqual([0.2367, 0.697, 1.3925, 1.56, 2.5323, 2.9474, 3.8621, 6.3594]);
  });

  test("the tracking curve: 78 weeks, cumulative totals at weeks 39 and 78 against the brute force and eq. 9", () => {
    const t = check.tracking;
    expect(t.periodEnd.length).toBe(78);
    expect(t.periodEnd[0]).toBe(serial("1997-01-07"));
    expect(t.periodEnd[38]).toBe(CAL_END);
    expect(t.periodEnd[77]).toBe(HOLDOUT_END);
    expect(t.phase[38]).toBe(0);
    expect(t.phase[39]).toBe(1);
    const firsts = raw.map((c) => serial(isoOf(c.dates[0]!)));
    // Actual: repeat purchase days (after each customer's first) by the end of week 39 and 78.
    const repeatsBy = (yyyymmdd: string) => raw.reduce((s, c) => s + c.dates.filter((d) => d <= yyyymmdd).length - 1, 0);
    expect(t.actualCumulative[38]).toBe(repeatsBy("19970930"));
    expect(t.actualCumulative[38]).toBe(cdnowPublishedSummary().x.reduce((s, v) => s + v, 0));
    expect(t.actualCumulative[77]).toBe(repeatsBy("19980630"));
    // Predicted: Σ_i E[X(time since customer i's first purchase)] at the week's end.
    for (const week of [1, 10, 39, 50, 78]) {
      const end = t.periodEnd[week - 1]!;
      const expected = firsts.reduce((s, f) => s + (end > f ? paperUnconditional(PUBLISHED, (end - f) / 7) : 0), 0);
      expect(t.predictedCumulative[week - 1]).toBeCloseTo(expected, 7);
    }
    // Incremental values add up to the cumulative ones.
    let running = 0;
    for (let k = 0; k < 78; k++) {
      running += t.predicted[k]!;
      expect(t.predictedCumulative[k]).toBeCloseTo(running, 9);
    }
  });

  test("MAE, RMSE and totals against a brute force of the per-customer predictions", () => {
    let ae = 0;
    let se = 0;
    let nae = 0;
    let predicted = 0;
    check.summary.displayIds.forEach((_, k) => {
      const p = paperConditional(PUBLISHED, 39, check.summary.x[k]!, check.summary.tx[k]!, check.summary.T[k]!);
      const naive = check.summary.T[k]! > 0 ? (check.summary.x[k]! / check.summary.T[k]!) * 39 : 0;
      ae += Math.abs(p - check.actual[k]!);
      se += (p - check.actual[k]!) ** 2;
      nae += Math.abs(naive - check.actual[k]!);
      predicted += p;
    });
    expect(check.errors.mae).toBeCloseTo(ae / 2357, 10);
    expect(check.errors.rmse).toBeCloseTo(Math.sqrt(se / 2357), 10);
    expect(check.errors.naiveMae).toBeCloseTo(nae / 2357, 10);
    expect(check.errors.totalPredicted).toBeCloseTo(predicted, 7);
    expect(check.errors.verdict).toMatch(/^the model predicts the holdout better than the customers' own past rates: MAE 0\.\d\d vs \d\.\d\d; in total [\d,]+\.\d purchases predicted against [\d,]+ made \([+−]\d+\.\d%\)$/);
  });

  test("months: periods of 365.25/12 days, the last one cut at the holdout end", () => {
    // α is a time: in months it is the weekly α × 7 / (365.25/12), and the expectations stay the same
    const monthly = { ...PUBLISHED, alpha: (PUBLISHED.alpha * 7) / (365.25 / 12) };
    const c = holdoutCheck(cdnowColumns(), { calibrationEnd: CAL_END, holdoutEnd: HOLDOUT_END, unit: "month", params: monthly });
    // (1998-06-30 − 1996-12-31) = 546 days = 17.94 months → 18 periods, the last ending on the holdout end
    expect(c.tracking.periodEnd.length).toBe(18);
    expect(c.tracking.periodEnd[17]).toBe(HOLDOUT_END);
    expect(c.holdoutLength).toBeCloseTo(273 / (365.25 / 12), 12);
    // the calibration end (day 273 after the origin, 8.97 months) falls inside period 9
    expect(c.tracking.phase[8]).toBe(2);
    expect(c.tracking.actualCumulative[17]).toBe(raw.reduce((s, cu) => s + cu.dates.length - 1, 0));
    expect(c.tracking.predictedCumulative[17]).toBeCloseTo(check.tracking.predictedCumulative[77]!, 7); // the same end day
    expect(c.errors.mae).toBeCloseTo(check.errors.mae, 9);
  });

  test("fitting on the calibration summary gives the published estimates", () => {
    const fitted = holdoutCheck(cdnowColumns(), { calibrationEnd: CAL_END, holdoutEnd: HOLDOUT_END });
    expect(fitted.fitted).toBe(true);
    expect(fitted.params.r).toBeCloseTo(0.243, 3);
    expect(fitted.params.alpha).toBeCloseTo(4.414, 2);
    expect(fitted.params.a).toBeCloseTo(0.793, 2);
    expect(fitted.params.b).toBeCloseTo(2.426, 2);
    expect(fitted.logLikelihood).toBeCloseTo(-9582.4, 1); // FHL 2005
    // The holdout end defaults to the latest date in the data: the sample's last purchase date.
    const last = raw.reduce((m, c) => (c.dates[c.dates.length - 1]! > m ? c.dates[c.dates.length - 1]! : m), "");
    expect(fitted.holdoutEnd).toBe(serial(isoOf(last)));
  });
});

// ---------------------------------------------------------------------------------------
// A small example computed by hand, with a toy model whose predictions are simple numbers.

const B = 45_000; // an Excel day (2023-03-15); every day below is B + offset

/**
 * Customers (unit "day", calibration end B+5, holdout end B+10, so t* = 5):
 * A: purchases on days 0, 2, 4 → x 2, t_x 4, T 5; holdout days 6, 8 (8 twice) and a return on 9 → 2;
 *    and a row on day 12, after the holdout end (not used).
 * B: day 1 → x 0, t_x 0, T 4; no holdout purchase → 0.
 * C: days 3, 5 → x 1, t_x 2, T 2; holdout day 7 → 1.
 * D: first purchase on day 7 → first seen in the holdout: not in the check, counted.
 * One row without an id (skipped, counted).
 */
function small(): TransactionColumns {
  const rows: Array<[string | null, number, number]> = [
    ["A", 0, 10],
    ["B", 1, 5],
    ["A", 2, 10],
    ["C", 3, 7],
    ["A", 4, 10],
    ["C", 5, 7],
    ["A", 6, 10],
    ["D", 7, 20],
    ["C", 7, 7],
    ["A", 8, 10],
    ["A", 8, 3],
    ["A", 9, -4],
    [null, 9, 1],
    ["A", 12, 10],
  ];
  return { ids: rows.map((r) => r[0]), days: Float64Array.from(rows, (r) => B + r[1]), amounts: Float64Array.from(rows, (r) => r[2]) };
}

/** A toy model: E = k (x + 1) t / 5 in the holdout, E[X(t)] = k t for a new customer; k is "fitted" as 0.5. */
const toy = (name: string, fittedK = 0.5): HoldoutModel =>
  defineHoldoutModel({
    key: name.toLowerCase(),
    name,
    parameterNames: ["k"] as const,
    fit: () => ({ params: { k: fittedK }, logLikelihood: -1 }),
    check: (p, argument) => {
      if (!(p.k > 0)) throw new Error(`${argument}: k must be positive`);
    },
    logLikelihood: () => -1,
    expected: (p, t, x) => (p.k * (x + 1) * t) / 5,
    unconditional: (p, t) => p.k * t,
  });

describe("holdout check on a hand-computed example", () => {
  const check = holdoutCheck(small(), { calibrationEnd: B + 5, holdoutEnd: B + 10, unit: "day", model: toy("Toy") });

  test("the calibration summary, the holdout counts and who is left out", () => {
    expect(check.summary.displayIds).toEqual(["A", "B", "C"]);
    expect(Array.from(check.summary.x)).toEqual([2, 0, 1]);
    expect(Array.from(check.summary.tx)).toEqual([4, 0, 2]);
    expect(Array.from(check.summary.T)).toEqual([5, 4, 2]);
    expect(Array.from(check.actual)).toEqual([2, 0, 1]);
    expect(check.customersFirstSeenInHoldout).toBe(1); // D
    expect(check.rowsAfterHoldout).toBe(1); // A on day 12
    expect(check.skippedBlankIds).toBe(1);
    expect(check.holdoutLength).toBe(5);
    expect(check.fitted).toBe(true);
    expect(check.params).toEqual({ k: 0.5 });
  });

  test("predictions, MAE and RMSE by hand", () => {
    // model: 0.5 (x+1) 5/5 → A 1.5, B 0.5, C 1.0; naive x/T × 5 → A 2, B 0, C 2.5
    expect(Array.from(check.predicted)).toEqual([1.5, 0.5, 1]);
    expect(Array.from(check.naive)).toEqual([2, 0, 2.5]);
    // errors −0.5, +0.5, 0 → MAE 1/3, RMSE √(0.5/3); naive 0, 0, 1.5 → MAE 0.5, RMSE √(2.25/3)
    expect(check.errors.mae).toBeCloseTo(1 / 3, 15);
    expect(check.errors.rmse).toBeCloseTo(Math.sqrt(0.5 / 3), 15);
    expect(check.errors.naiveMae).toBeCloseTo(0.5, 15);
    expect(check.errors.naiveRmse).toBeCloseTo(Math.sqrt(0.75), 15);
    expect(check.errors.totalActual).toBe(3);
    expect(check.errors.totalPredicted).toBe(3);
    expect(check.errors.totalNaive).toBe(4.5);
    expect(check.errors.verdict).toBe("the model predicts the holdout better than the customers' own past rates: MAE 0.33 vs 0.50; in total 3.0 purchases predicted against 3 made (+0.0%)");
  });

  test("by frequency, by hand", () => {
    const f = check.byFrequency;
    expect(Array.from(f.customers)).toEqual([1, 1, 1, 0, 0, 0, 0, 0]);
    expect(Array.from(f.meanActual.slice(0, 3))).toEqual([0, 1, 2]); // B, C, A
    expect(Array.from(f.meanPredicted.slice(0, 3))).toEqual([0.5, 1, 1.5]);
    expect(Array.from(f.meanNaive.slice(0, 3))).toEqual([0, 2.5, 2]);
    expect(Number.isNaN(f.meanActual[3]!)).toBe(true); // an empty group has no mean
  });

  test("tracking by day, by hand", () => {
    const t = check.tracking;
    // origin = day −1; 11 periods ending on days 0 … 10
    expect(t.origin).toBe(B - 1);
    expect(Array.from(t.periodEnd)).toEqual(Array.from({ length: 11 }, (_, k) => B + k));
    // repeat purchases: A on 2, 4, 6, 8; C on 5, 7 (D is not in the check)
    expect(Array.from(t.actual)).toEqual([0, 0, 1, 0, 1, 1, 1, 1, 1, 0, 0]);
    expect(t.actualCumulative[5]).toBe(3); // Σ x at the calibration end
    expect(t.actualCumulative[10]).toBe(6);
    // predicted cumulative 0.5 Σ max(0, e − f) with first days 0 (A), 1 (B), 3 (C)
    expect(t.predictedCumulative[5]).toBeCloseTo(0.5 * (5 + 4 + 2), 15);
    expect(t.predictedCumulative[10]).toBeCloseTo(0.5 * (10 + 9 + 7), 15);
    expect(t.predictedCumulative[0]).toBe(0);
    expect(Array.from(t.phase)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });

  test("ranking several models by holdout MAE", () => {
    // Toy with k = 1: predictions 3, 1, 2 → errors 1, 1, 1 → MAE 1
    const worse = holdoutCheck(small(), { calibrationEnd: B + 5, holdoutEnd: B + 10, unit: "day", model: toy("Eager", 1) });
    expect(worse.errors.mae).toBe(1);
    const ranked = rankHoldoutChecks([worse, check]);
    expect(ranked.rows.map((r) => [r.rank, r.model])).toEqual([
      [1, "Toy"],
      [2, "Eager"],
    ]);
    expect(ranked.verdict).toBe("Toy predicts the holdout best: MAE 0.33 (Eager 1.00)");
    const other = holdoutCheck(small(), { calibrationEnd: B + 4, holdoutEnd: B + 10, unit: "day", model: toy("Toy") });
    expect(thrownCvError(() => rankHoldoutChecks([check, other])).message).toMatch(/not on the same data/);
    expect(thrownCvError(() => rankHoldoutChecks([])).code).toBe("EMPTY_INPUT");
  });

  test("given parameters are used instead of fitting", () => {
    const given = holdoutCheck(small(), { calibrationEnd: B + 5, holdoutEnd: B + 10, unit: "day", model: toy("Toy"), params: { k: 1 } });
    expect(given.fitted).toBe(false);
    expect(Array.from(given.predicted)).toEqual([3, 1, 2]);
  });
});

describe("bad input names the argument and the value", () => {
  const tx = small();
  const run = (o: Partial<Parameters<typeof holdoutCheck>[1]>) => () => holdoutCheck(tx, { calibrationEnd: B + 5, holdoutEnd: B + 10, unit: "day", model: toy("Toy"), ...o });

  test("calibration_end before the first purchase", () => {
    const e = thrownCvError(run({ calibrationEnd: B - 1 }));
    expect(e.code).toBe("BAD_VALUE");
    expect(e.location?.argument).toBe("calibration_end");
    expect(e.message).toBe("calibration_end 2023-03-14 is before the first purchase (2023-03-15): choose a later calibration end");
  });

  test("calibration_end on or after the last date", () => {
    const e = thrownCvError(run({ calibrationEnd: B + 12, holdoutEnd: B + 20 }));
    expect(e.location?.argument).toBe("calibration_end");
    expect(e.message).toMatch(/^calibration_end 2023-03-27 is on or after the last date in the data \(2023-03-27\): no holdout period is left/);
  });

  test("calibration_end not a date", () => {
    expect(thrownCvError(run({ calibrationEnd: Number.NaN })).message).toBe("calibration_end: expected a date, found NaN");
  });

  test("holdout_end not after calibration_end", () => {
    const e = thrownCvError(run({ holdoutEnd: B + 5 }));
    expect(e.location?.argument).toBe("holdout_end");
    expect(e.message).toBe("holdout_end 2023-03-20 must be after calibration_end 2023-03-20");
  });

  test("a holdout end after the last date is a warning, not an error", () => {
    const c = run({ holdoutEnd: B + 30 })();
    expect(c.warnings).toEqual(["holdout_end 2023-04-14 is after the last date in the data (2023-03-27): if the data stop before the holdout end, the actual holdout purchases are too few"]);
  });

  test("the last frequency group", () => {
    expect(thrownCvError(run({ lastBucket: 0 })).code).toBe("BAD_OPTION");
  });

  test("given BG/NBD parameters: missing or impossible", () => {
    const bg = (params: Record<string, number>) => () => holdoutCheck(tx, { calibrationEnd: B + 5, holdoutEnd: B + 10, unit: "day", params });
    expect(thrownCvError(bg({ r: 1, alpha: 1, a: 1 })).message).toBe("params: no value for b (BG/NBD needs r, alpha, a, b)");
    const e = thrownCvError(bg({ r: 1, alpha: -2, a: 1, b: 1 }));
    expect(e.location?.argument).toBe("params");
    expect(e.message).toMatch(/alpha must be a positive number, found -2/);
  });

  test("no customer", () => {
    expect(thrownCvError(() => holdoutCheck({ ids: [null, ""], days: Float64Array.of(B, B + 1) }, { calibrationEnd: B })).code).toBe("NOT_COMPUTABLE");
    expect(thrownCvError(() => holdoutCheck({ ids: [], days: new Float64Array(0) }, { calibrationEnd: B })).code).toBe("EMPTY_INPUT");
  });
});

describe("model registry and errors helper", () => {
  test("the registry lists BG/NBD, found by key or name", () => {
    expect(HOLDOUT_MODELS.bgnbd).toBe(BGNBD_HOLDOUT_MODEL);
    expect(holdoutModelByName("BG/NBD")).toBe(BGNBD_HOLDOUT_MODEL);
    expect(holdoutModelByName("bg nbd")).toBe(BGNBD_HOLDOUT_MODEL);
    const e = thrownCvError(() => holdoutModelByName("zebra"));
    expect(e.code).toBe("BAD_OPTION");
    expect(e.location?.argument).toBe("model");
    // every registered key is listed (more join as models are added)
    expect(e.message).toMatch(/^model must be (one of )?("[a-z]+", )*"bgnbd"(, "[a-z]+")*, found "zebra"$/);
    // with a registry of one model the message says so plainly
    expect(thrownCvError(() => holdoutModelByName("zebra", "model", { bgnbd: BGNBD_HOLDOUT_MODEL })).message).toBe('model must be "bgnbd", found "zebra"');
  });

  test("holdoutErrors: the 'about equally' and 'past rates better' verdicts", () => {
    // model errors 1, 1 (MAE 1); naive 0, 2 (MAE 1) → equal
    expect(holdoutErrors(Float64Array.of(1, 1), Float64Array.of(2, 0), Float64Array.of(1, 3)).verdict).toBe(
      "the model and the customers' own past rates predict the holdout about equally well: MAE 1.00 vs 1.00; in total 2.0 purchases predicted against 2 made (+0.0%)",
    );
    // model errors 2, 0 (MAE 1); naive 0, 0.5 (MAE 0.25); predicted 3 against 1 → +200.0%
    expect(holdoutErrors(Float64Array.of(0, 1), Float64Array.of(2, 1), Float64Array.of(0, 1.5)).verdict).toBe(
      "the customers' own past rates predict the holdout better than the model: MAE 0.25 vs 1.00 for the model; in total 3.0 purchases predicted against 1 made (+200.0%)",
    );
    expect(thrownCvError(() => holdoutErrors(new Float64Array(0), new Float64Array(0), new Float64Array(0))).code).toBe("EMPTY_INPUT");
  });
});
