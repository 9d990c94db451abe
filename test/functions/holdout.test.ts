import { readFileSync } from "node:fs";
import { BTYD_HOLDOUT } from "../../src/functions/holdout";
import { BGNBD_FIT, BGNBD_SUMMARY } from "../../src/functions/lifetimeValue";
import { cdnowPublishedSummary, cdnowTransactions } from "../helpers/cdnow";
import { sharedDataFile } from "../helpers/sharedData";
import { OMITTED, col, errorCode, errorMessage, row, thrownExcelError } from "../helpers/cells";

/** An ISO date as an Excel day serial, from the calendar (not the add-in's parser). */
const serial = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 + 25_569;
const asNumberArg = (v: string) => v as unknown as number;

/** The published BG/NBD estimates (Fader, Hardie & Lee 2005), as a row a user would type. */
const PUBLISHED = row(0.243, 4.414, 0.793, 2.426);
const P = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** ₂F₁ by its series and FHL 2005 eq. 10, written here independently of src/. */
function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 100_000 && Math.abs(term) >= 1e-17 * Math.abs(sum); k++) {
    term *= (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    sum += term;
  }
  return sum;
}
function paperConditional(t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = P;
  const bracket = 1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  const alive = x > 0 ? 1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x)) : 1;
  return ((a + b + x - 1) / (a - 1)) * bracket * alive;
}

/** Distinct holdout purchase dates per customer, straight from CDNOW_sample.txt. */
function holdoutCountsFromFile(): Map<string, number> {
  const dates = new Map<string, Set<string>>();
  for (const line of readFileSync(sharedDataFile("cdnow/CDNOW_sample.txt"), "utf8").trim().split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    const set = dates.get(f[1]!) ?? new Set<string>();
    if (f[2]! > "19970930" && f[2]! <= "19980630") set.add(f[2]!);
    dates.set(f[1]!, set);
  }
  return new Map([...dates].map(([id, set]) => [id, set.size]));
}

const lookup = (table: unknown[][], label: string): unknown => table.find((r) => r[0] === label)?.[1];

describe("CV.BTYD.HOLDOUT on CDNOW (calibration to 1997-09-30, holdout to 1998-06-30)", () => {
  const tx = cdnowTransactions();
  const run = (...rest: unknown[]) => (BTYD_HOLDOUT as (...a: unknown[]) => unknown[][])(tx.ids, tx.dates, tx.amounts, "1997-09-30", "1998-06-30", ...rest);
  const holdout = holdoutCountsFromFile();
  const totalHoldout = [...holdout.values()].reduce((s, v) => s + v, 0);

  test("summary with the published parameters", () => {
    const out = run(OMITTED, PUBLISHED);
    expect(out[0]).toEqual(["Holdout check", "Value"]);
    expect(lookup(out, "Model")).toBe("BG/NBD");
    expect(lookup(out, "Parameters")).toBe("given");
    expect(lookup(out, "r")).toBe(0.243);
    expect(lookup(out, "b")).toBe(2.426);
    expect(lookup(out, "Calibration log-likelihood") as number).toBeCloseTo(-9582.4, 1); // FHL 2005
    expect(lookup(out, "Calibration end")).toBe("1997-09-30");
    expect(lookup(out, "Holdout end")).toBe("1998-06-30");
    expect(lookup(out, "Holdout length (weeks)")).toBe(39);
    expect(lookup(out, "Customers in the check")).toBe(2357);
    expect(lookup(out, "Customers first seen in the holdout (not in the check)")).toBe(0);
    expect(lookup(out, "Actual holdout purchases")).toBe(totalHoldout);
    // Σ of eq. 10 over the published summary file's customers (t_x, T to 2 decimals there)
    const pub = cdnowPublishedSummary();
    let predicted = 0;
    for (let i = 0; i < pub.x.length; i++) predicted += paperConditional(39, pub.x[i]!, pub.tx[i]!, pub.T[i]!);
    expect(Math.abs((lookup(out, "Predicted holdout purchases") as number) - predicted)).toBeLessThan(1);
    expect(lookup(out, "Verdict")).toMatch(/^the model predicts the holdout better than the customers' own past rates: MAE 0\.\d\d vs 1\.\d\d/);
    expect(out.find((r) => r[0] === "Warnings")).toBeUndefined();
  });

  test("fitted on the calibration period when params is omitted, and from a CV.BGNBD.FIT table", () => {
    const fitted = run();
    expect(lookup(fitted, "Parameters")).toBe("fitted on the calibration period");
    expect(lookup(fitted, "r") as number).toBeCloseTo(0.243, 3);
    expect(lookup(fitted, "alpha") as number).toBeCloseTo(4.414, 2);
    expect(lookup(fitted, "Fit verdict")).toBe("no warning");
    const summary = BGNBD_SUMMARY(tx.ids, tx.dates, tx.amounts, asNumberArg("1997-09-30"), OMITTED, false) as unknown[][];
    const fit = BGNBD_FIT(
      summary.map((r) => [r[1]]),
      summary.map((r) => [r[2]]),
      summary.map((r) => [r[3]]),
    );
    // The table names its model ("model | BG/NBD"): it is used when model is omitted.
    const fromTable = run(OMITTED, fit);
    expect(lookup(fromTable, "Model")).toBe("BG/NBD");
    expect(lookup(fromTable, "Parameters")).toBe("given");
    expect(lookup(fromTable, "r") as number).toBeCloseTo(0.243, 3);
  });

  test("frequency view: the BTYD walkthrough's group sizes and mean holdout purchases, and eq. 10's means", () => {
    const out = run(OMITTED, PUBLISHED, "frequency");
    expect(out[0]).toEqual(["Calibration repeat purchases", "Customers", "Actual holdout purchases (mean)", "Predicted holdout purchases (mean)", "Naive prediction (mean)"]);
    expect(out.slice(1).map((r) => r[0])).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    // McCarthy & Wadsworth, "Buy 'Til You Die – A Walkthrough": conditional expectations by calibration frequency (censor 7)
    expect(out.slice(1).map((r) => r[1])).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    expect(out.slice(1).map((r) => Number((r[2] as number).toFixed(4)))).toEqual([0.2367, 0.697, 1.3925, 1.56, 2.5323, 2.9474, 3.8621, 6.3594]);
    // The model's means: eq. 10 over the customers of each group, t_x and T from the published file
    // (2 decimals, so agreement to about 1e-3).
    const pub = cdnowPublishedSummary();
    const sums = new Float64Array(8);
    const counts = new Float64Array(8);
    for (let i = 0; i < pub.x.length; i++) {
      const g = Math.min(pub.x[i]!, 7);
      sums[g]! += paperConditional(39, pub.x[i]!, pub.tx[i]!, pub.T[i]!);
      counts[g]! += 1;
    }
    out.slice(1).forEach((r, g) => expect(Math.abs((r[3] as number) - sums[g]! / counts[g]!)).toBeLessThan(2e-3));
  });

  test("tracking view: 78 weekly rows through calibration and holdout", () => {
    const out = run(OMITTED, PUBLISHED, "tracking");
    expect(out[0]).toEqual(["Period (weeks)", "Period end", "Phase", "Actual repeat purchases", "Predicted repeat purchases", "Actual cumulative", "Predicted cumulative"]);
    expect(out.length).toBe(79);
    expect(out[1]!.slice(0, 3)).toEqual([1, serial("1997-01-07"), "calibration"]);
    expect(out[39]!.slice(0, 3)).toEqual([39, serial("1997-09-30"), "calibration"]);
    expect(out[40]![2]).toBe("holdout");
    // cumulative repeat purchases at the calibration end = Σ x of the published summary
    expect(out[39]![5]).toBe(cdnowPublishedSummary().x.reduce((s, v) => s + v, 0));
    expect(out[78]![1]).toBe(serial("1998-06-30"));
    expect(out[78]![5]).toBe((out[39]![5] as number) + totalHoldout);
  });

  test("tracking by month: the period ends are days (the floor of 1996-12-31 + k × 30.4375)", () => {
    const out = run(OMITTED, OMITTED, "tracking", "month", false);
    expect(out.length).toBe(18); // 546 days / 30.4375 = 17.9 → 18 periods, the last cut at 1998-06-30
    expect(out[0]![1]).toBe(serial("1997-01-30")); // 1996-12-31 + 30.4375 days
    expect(out[1]![1]).toBe(serial("1997-03-01")); // + 60.875
    expect(out[17]![1]).toBe(serial("1998-06-30"));
    expect(out[8]![2]).toBe("calibration → holdout"); // 273 days after 1996-12-31 is inside month 9 (243.5 … 273.9)
    expect(out[17]![5]).toBe(cdnowPublishedSummary().x.reduce((s, v) => s + v, 0) + totalHoldout);
  });

  test("customers view: calibration x, t_x, T and the holdout counts of the file", () => {
    const out = run(OMITTED, PUBLISHED, "customers");
    expect(out[0]).toEqual(["Customer", "x", "t_x (weeks)", "T (weeks)", "Actual holdout purchases", "Predicted holdout purchases", "Naive prediction"]);
    expect(out.length).toBe(2358);
    const pub = cdnowPublishedSummary();
    const first = out[1]!;
    expect(first[0]).toBe("0001");
    expect(first[1]).toBe(pub.x[0]);
    expect(first[2] as number).toBeCloseTo(pub.tx[0]!, 2);
    expect(first[3] as number).toBeCloseTo(pub.T[0]!, 2);
    out.slice(1).forEach((r) => expect(r[4]).toBe(holdout.get(r[0] as string)));
    expect(first[5] as number).toBeCloseTo(paperConditional(39, 2, 213 / 7, 272 / 7), 9); // 0001: 1997-01-01, -01-18, -08-02
    expect(first[6] as number).toBeCloseTo((2 / (272 / 7)) * 39, 12);
  });

  test('model "all" ranks every registered model by holdout MAE', () => {
    const out = run("all");
    expect(out[0]).toEqual(["Rank", "Model", "MAE", "RMSE", "Naive MAE", "Actual holdout purchases", "Predicted holdout purchases"]);
    const ranked = out.slice(1, -1);
    // one row per registered model (BG/NBD among them), ranks 1, 2, … in order of MAE
    expect(ranked.map((r) => r[0])).toEqual(ranked.map((_, i) => i + 1));
    for (let i = 1; i < ranked.length; i++) expect(ranked[i]![2] as number).toBeGreaterThanOrEqual(ranked[i - 1]![2] as number);
    const bg = ranked.find((r) => r[1] === "BG/NBD")!;
    expect(bg[5]).toBe(totalHoldout);
    // BG/NBD fitted on the calibration period: its MAE is the one of the fitted summary view
    expect(bg[2]).toBe(lookup(run(), "MAE"));
    expect(out[out.length - 1]![0]).toBe("Verdict");
    expect(out[out.length - 1]![1]).toMatch(/^[A-Za-z/ ]+ predicts the holdout best: MAE 0\.\d\d/);
  });
});

describe("CV.BTYD.HOLDOUT on a small table", () => {
  // A: 2023-01-01, -01-03, -01-05 (calibration), -01-08 (holdout); B: 2023-01-02 only;
  // C: first purchase 2023-01-07, after the calibration end 2023-01-05: first seen in the holdout.
  const ids = col("A", "B", "A", "A", "C", "A", "");
  const dates = col("2023-01-01", "2023-01-02", "2023-01-03", "2023-01-05", "2023-01-07", "2023-01-08", "2023-01-08");
  const amounts = col(10, 5, 10, 10, 20, 10, 1);
  const call = (...rest: unknown[]) => (BTYD_HOLDOUT as (...a: unknown[]) => unknown[][])(ids, dates, amounts, ...rest);

  test("a customer first seen in the holdout is counted and left out, not dropped silently", () => {
    const out = call("2023-01-05", "2023-01-10", OMITTED, PUBLISHED, "summary", "day");
    expect(lookup(out, "Customers in the check")).toBe(2);
    expect(lookup(out, "Customers first seen in the holdout (not in the check)")).toBe(1);
    expect(lookup(out, "Rows without a customer id (skipped)")).toBe(1);
    expect(lookup(out, "Holdout length (days)")).toBe(5);
    expect(lookup(out, "Actual holdout purchases")).toBe(1); // A on 01-08; C's purchase is not counted
    const customers = call("2023-01-05", "2023-01-10", OMITTED, PUBLISHED, "customers", "day", false);
    // A: x 2, t_x 4, T 4, 1 holdout purchase; B: x 0, t_x 0, T 3, none. Predictions: eq. 10 with t = 5 (days).
    expect(customers.map((r) => r.slice(0, 5))).toEqual([
      ["A", 2, 4, 4, 1],
      ["B", 0, 0, 3, 0],
    ]);
    expect(customers[0]![5] as number).toBeCloseTo(paperConditional(5, 2, 4, 4), 10);
    expect(customers[1]![5] as number).toBeCloseTo(paperConditional(5, 0, 0, 3), 10);
    expect(customers.map((r) => r[6])).toEqual([2.5, 0]); // x/T × 5
    // a warning in the summary when the holdout end is after the last date
    expect(lookup(out, "Warnings")).toBe("holdout_end 2023-01-10 is after the last date in the data (2023-01-08): if the data stop before the holdout end, the actual holdout purchases are too few");
  });

  test("frequency view: an empty group is #N/A with the reason", () => {
    const out = call("2023-01-05", "2023-01-10", OMITTED, PUBLISHED, "frequency", "day", false);
    expect(out.map((r) => r[1])).toEqual([1, 0, 1, 0, 0, 0, 0, 0]);
    expect(errorCode(out[1]![2])).toBe("#N/A");
    expect(errorMessage(out[1]![2])).toBe("no customer with 1 calibration repeat purchase");
  });

  test("bad input names the argument and the value", () => {
    const cases: Array<[unknown[], string, RegExp]> = [
      [[OMITTED], "#VALUE!", /^calibration_end is required/],
      [["2022-12-31"], "#VALUE!", /^calibration_end 2022-12-31 is before the first purchase \(2023-01-01\)/],
      [["2023-01-08"], "#VALUE!", /^calibration_end 2023-01-08 is on or after the last date in the data \(2023-01-08\)/],
      [["soon"], "#VALUE!", /^calibration_end: expected a date/],
      [["2023-01-05", "2023-01-04"], "#VALUE!", /^holdout_end 2023-01-04 must be after calibration_end 2023-01-05$/],
      [["2023-01-05", OMITTED, "zebra"], "#VALUE!", /^model must be one of "bgnbd", ("[a-z]+", )*"all", found "zebra"$/],
      [["2023-01-05", OMITTED, OMITTED, row(1, 2, 3)], "#VALUE!", /^params: expected r, alpha, a, b .* found 3 values$/],
      [["2023-01-05", OMITTED, OMITTED, row(1, -2, 3, 4)], "#VALUE!", /^params: alpha must be a positive number, found -2$/],
      [["2023-01-05", OMITTED, "bgnbd", [["model", "Pareto/NBD", ""], ["r", 1, ""], ["alpha", 1, ""], ["s", 1, ""], ["beta", 1, ""]]], "#VALUE!", /^params is a Pareto\/NBD FIT table but the model checked is BG\/NBD/],
      [["2023-01-05", OMITTED, OMITTED, PUBLISHED, "chart"], "#VALUE!", /^view must be "summary", "frequency", "tracking", "customers", found "chart"$/],
      [["2023-01-05", OMITTED, OMITTED, PUBLISHED, OMITTED, "year"], "#VALUE!", /^unit must be "day", "week" or "month", found "year"$/],
      [["2023-01-05", OMITTED, "all", PUBLISHED], "#VALUE!", /^params go with one model/],
      [["2023-01-05", OMITTED, "all", OMITTED, "tracking"], "#VALUE!", /^view "tracking" shows one model/],
    ];
    for (const [args, code, message] of cases) {
      const e = thrownExcelError(() => call(...args));
      expect([args, e.code]).toEqual([args, code]);
      expect(e.message).toMatch(message);
    }
    // amounts are required
    expect(thrownExcelError(() => (BTYD_HOLDOUT as (...a: unknown[]) => unknown)(ids, dates, OMITTED, "2023-01-05")).message).toBe("amounts is required: select the amount column");
  });

  test("a fit without any repeat purchase is #N/A with the reason", () => {
    const e = thrownExcelError(() => (BTYD_HOLDOUT as (...a: unknown[]) => unknown)(col("A", "B", "A"), col("2023-01-01", "2023-01-02", "2023-01-09"), col(1, 1, 1), "2023-01-05"));
    expect(e.code).toBe("#N/A");
  });
});

describe("CV.BTYD.HOLDOUT with model \"all\": which model predicts CDNOW's holdout best", () => {
  test("BG/NBD, MBG/NBD and Pareto/NBD, each fitted on the 39 calibration weeks, ranked by MAE against the same 1,882 holdout purchases", () => {
    const t = cdnowTransactions();
    const out = BTYD_HOLDOUT(t.ids, t.dates, t.amounts, asNumberArg("1997-09-30"), asNumberArg("1998-06-30"), "all") as unknown[][];
    expect(out[0]).toEqual(["Rank", "Model", "MAE", "RMSE", "Naive MAE", "Actual holdout purchases", "Predicted holdout purchases"]);
    const body = out.slice(1, 4);
    expect(body.map((r) => r[0])).toEqual([1, 2, 3]);
    expect(body.map((r) => r[1]).sort()).toEqual(["BG/NBD", "MBG/NBD", "Pareto/NBD"]);
    const maes = body.map((r) => r[2] as number);
    expect([...maes].sort((a, b) => a - b)).toEqual(maes);
    // The same split for all: one naive baseline (each customer's own past rate) and one actual total.
    expect(new Set(body.map((r) => r[4])).size).toBe(1);
    expect(body.map((r) => r[5])).toEqual([1882, 1882, 1882]);
    // Every model beats the naive baseline here (Fader, Hardie & Lee's point about CDNOW).
    for (const r of body) expect(r[2] as number).toBeLessThan(r[4] as number);
    expect(out[4]![0]).toBe("Verdict");
    expect(out[4]![1]).toMatch(new RegExp(`^${String(body[0]![1]).replace("/", "\\/")} predicts the holdout best: MAE 0\\.\\d\\d \\(`));
  });
});

test("model \"all\" when no model fits: one readable #NUM! naming the models and one reason (the fuzz test found a 1,126-character message)", () => {
  const error = thrownExcelError(() => BTYD_HOLDOUT([["A"], ["A"], [1], [1]], [[36000], [36069], [36303], [36000]], [[0], [0], [0], [0]], 36302, 36303, "all", undefined as never, "summary", "day", false));
  expect(error.code).toBe("#NUM!");
  expect(error.message).toMatch(/^no model could be fitted on the calibration period \(BG\/NBD, MBG\/NBD, Pareto\/NBD all fail\); BG\/NBD: the BG\/NBD fit did not converge/);
  expect(error.message.length).toBeLessThan(1000);
});
