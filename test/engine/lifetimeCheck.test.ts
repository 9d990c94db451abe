/**
 * The lifetime value analysis's model choice and its "Check the model" step, on CDNOW's
 * 6,919 purchases: the published calibration fits of each model (Fader, Hardie & Lee 2005;
 * Batislam et al. 2007; Fader & Hardie's Pareto/NBD note), holdout counts by brute force,
 * the automatic split by hand, and CLV by a monthly sum written here.
 */
import {
  type AnalysisRun,
  type CustomerValueModel,
  type LifetimeDetails,
  type LifetimeSettings,
  CvError,
  checkSections,
  defaultLifetimeSettings,
  defaultModel,
  gammaGammaSpend,
  guessRoles,
  lifetimeChart,
  lifetimeDetails,
  lifetimeSections,
  makeCustomerTable,
  pnbdExpected,
  pnbdPAlive,
  profileColumns,
  runModel,
} from "../../src/engine";
import { cdnowTransactions } from "../helpers/cdnow";
import { sampleLifetimeTable } from "../helpers/lifetimeTransactions";

const { ids, dates, amounts } = cdnowTransactions();
const table = makeCustomerTable([["Customer", "Date", "Amount"], ...ids.map((id, i) => [id[0], dates[i]![0], amounts[i]![0]])], true);
const profiles = profileColumns(table);
const base = defaultModel(guessRoles(profiles));

function cdnowRun(change: Partial<LifetimeSettings>): AnalysisRun<LifetimeDetails> {
  const model: CustomerValueModel = { ...base, analysis: "lifetime", roles: { ...base.roles, id: "Customer" }, lifetime: { ...defaultLifetimeSettings(profiles, "Amount"), ...change } };
  return runModel(model, table) as AnalysisRun<LifetimeDetails>;
}

/** The first customer of the file, as its id cell reads. */
const FIRST_ID = ids[0]![0] as string;

/** Days from 1900-based ISO text, for the brute force (whole days; the file has no times). */
const dayOf = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;

describe("the purchase model choice", () => {
  test("Pareto/NBD on the 39-week calibration: the published estimates, P(alive) below 1 for one-time buyers, CLV by a monthly sum", () => {
    const run = cdnowRun({ asOf: "1997-09-30", model: "pnbd" });
    const l = lifetimeDetails(run);
    expect(l.purchases.name).toBe("Pareto/NBD");
    expect(l.purchases.parameterNames).toEqual(["r", "alpha", "s", "beta"]);
    // Fader & Hardie's note (and BTYD): r 0.553, α 10.578, s 0.606, β 11.669; LL −9595.0.
    const p = l.purchases.params as { r: number; alpha: number; s: number; beta: number };
    expect(p.r).toBeCloseTo(0.553, 3);
    expect(p.alpha).toBeCloseTo(10.578, 2);
    expect(p.s).toBeCloseTo(0.606, 3);
    expect(p.beta).toBeCloseTo(11.669, 1);
    expect(l.purchases.logLikelihood).toBeCloseTo(-9595.0, 0);
    expect(l.frequency).toBeNull();
    // No count probabilities for Pareto/NBD here: the summary chart is the CLV tiers' shares.
    expect(lifetimeChart(run).title).toBe("Share of customers and of CLV by CLV tier");
    const col = (start: string) => run.columns.find((c) => c.header.startsWith(start))!.values as number[];
    const [x, tx, T, alive, clv] = [col("CV x"), col("CV t_x"), col("CV T"), col("CV P(alive)"), col("CV CLV,")];
    const oneTime = x.map((v, i) => (v === 0 ? i : -1)).filter((i) => i >= 0);
    expect(oneTime.length).toBe(1411); // FHL 2005: 1,411 of 2,357 made no repeat purchase in the calibration period
    for (const i of oneTime.slice(0, 20)) expect(alive[i]).toBeLessThan(1);
    // Customer 1 of the published summary: x 2, t_x 30.43, T 38.86 (weeks); CLV over 12 months at 1% a month, margin 1.
    const k = run.rowKeys!.values.indexOf(FIRST_ID);
    expect([x[k], tx[k], T[k]].map((v) => Math.round(v! * 100) / 100)).toEqual([2, 30.43, 38.86]);
    expect(alive[k]).toBeCloseTo(pnbdPAlive(p, 2, tx[k]!, T[k]!), 12);
    const month = 365.25 / 12 / 7;
    let discounted = 0;
    for (let m = 1; m <= 12; m++) discounted += (pnbdExpected(p, m * month, 2, tx[k]!, T[k]!) - pnbdExpected(p, (m - 1) * month, 2, tx[k]!, T[k]!)) / 1.01 ** m;
    const spendCol = col("CV Expected spend");
    expect(spendCol[k]).toBeCloseTo(gammaGammaSpend(l.gammaGamma.params, 2, averageRepeatSpend(FIRST_ID)), 8);
    expect(clv[k]).toBeCloseTo(discounted * spendCol[k]!, 8);
    expect(run.description[3]).toMatch(/^Pareto\/NBD \(Schmittlein, Morrison & Colombo 1987\), fitted on 2,357 customers: r = 0\.5533, alpha = 10\.58, s = 0\.606\d, beta = 11\.67/);
    // The parameter section has the layout of CV.PNBD.FIT.
    const section = lifetimeSections(l)[0]!;
    expect(section.rows.map((r) => r[0])).toEqual(["r", "alpha", "s", "beta", "log-likelihood", "customers", "model", "verdict"]);
    expect(section.rows[6]![1]).toBe("Pareto/NBD");
  });

  test("MBG/NBD on the calibration: Batislam et al.'s estimates (r 0.525, α 6.183, a 0.891, b 1.614)", () => {
    const l = lifetimeDetails(cdnowRun({ asOf: "1997-09-30", model: "mbgnbd" }));
    const p = l.purchases.params;
    expect([p.r, p.alpha, p.a, p.b].map((v) => Math.round(v! * 1000) / 1000)).toEqual([0.525, 6.183, 0.891, 1.614]);
    expect(l.purchases.labels).toEqual(["r", "α", "a", "b"]);
  });
});

/** Average spend of a customer's repeat purchase days (amounts of one day added), by hand from the file. */
function averageRepeatSpend(id: string): number {
  const byDay = new Map<string, number>();
  ids.forEach((row, i) => {
    if (row[0] === id && (dates[i]![0] as string) <= "1997-09-30") byDay.set(dates[i]![0] as string, (byDay.get(dates[i]![0] as string) ?? 0) + (amounts[i]![0] as number));
  });
  const days = [...byDay.keys()].sort();
  const repeat = days.slice(1).map((d) => byDay.get(d)!);
  return repeat.reduce((a, b) => a + b, 0) / repeat.length;
}

describe("Check the model on CDNOW: calibration to 1997-09-30, holdout to 1998-06-30", () => {
  const run = cdnowRun({ asOf: "1998-06-30", check: "holdout", calibrationEnd: "1997-09-30" });
  const c = lifetimeDetails(run).check!;

  test("holdout purchases by brute force: distinct purchase days after the calibration end of the customers first seen by then", () => {
    const first = new Map<string, string>();
    const holdoutDays = new Set<string>();
    ids.forEach((row, i) => {
      const id = row[0] as string;
      const d = dates[i]![0] as string;
      if (!first.has(id) || d < first.get(id)!) first.set(id, d);
    });
    ids.forEach((row, i) => {
      const d = dates[i]![0] as string;
      if (d > "1997-09-30" && d <= "1998-06-30" && first.get(row[0] as string)! <= "1997-09-30") holdoutDays.add(`${row[0]}|${d}`);
    });
    expect(holdoutDays.size).toBe(1882);
    expect(c.totalActual).toBe(1882);
    expect(c.customers).toBe(2357);
    expect(c.holdoutLength).toBeCloseTo((dayOf("1998-06-30") - dayOf("1997-09-30")) / 7, 12); // 39 weeks
    expect([c.calibrationEnd, c.holdoutEnd, c.automatic]).toEqual(["1997-09-30", "1998-06-30", false]);
  });

  test("every model is fitted on the calibration period to its published estimates, and ranked by MAE", () => {
    const byKey = Object.fromEntries(c.models.map((m) => [m.key, m]));
    const round = (v: number | undefined, d: number) => Math.round(v! * 10 ** d) / 10 ** d;
    const bg = byKey.bgnbd!.params;
    expect([round(bg.r, 3), round(bg.alpha, 2), round(bg.a, 3), round(bg.b, 2)]).toEqual([0.243, 4.41, 0.793, 2.43]); // FHL 2005: 0.243, 4.414, 0.793, 2.426
    const mb = byKey.mbgnbd!.params;
    expect([round(mb.r, 3), round(mb.alpha, 3), round(mb.a, 3), round(mb.b, 3)]).toEqual([0.525, 6.183, 0.891, 1.614]);
    const pn = byKey.pnbd!.params;
    expect([round(pn.r, 3), round(pn.alpha, 1), round(pn.s, 3), round(pn.beta, 1)]).toEqual([0.553, 10.6, 0.606, 11.7]);
    const maes = c.models.map((m) => m.mae);
    expect([...maes].sort((a, b) => a - b)).toEqual(maes);
    expect(c.models.map((m) => m.name)).toEqual(["Pareto/NBD", "MBG/NBD", "BG/NBD"]);
    expect(maes.map((v) => round(v, 3))).toEqual([0.755, 0.765, 0.785]);
    expect(round(c.naive.mae, 3)).toBe(1.024);
    expect(c.verdict).toBe(
      "Pareto/NBD predicts the holdout best: MAE 0.75 (MBG/NBD 0.76, BG/NBD 0.79); each customer's own past rate does worse (MAE 1.02). The analysis uses BG/NBD (rank 3): choose Pareto/NBD under Purchase model to use the best.",
    );
    expect([c.chosen, c.chosenRank, c.failed]).toEqual(["bgnbd", 3, []]);
    // 0.765 is 1.3% above 0.755: more than the 0.5% within which models count as equally good.
    expect(c.equallyGood).toEqual(["pnbd"]);
  });

  test("by frequency: eight groups 0 … 7+ whose customers add up to 2,357 and whose actual means add up to the 1,882 purchases", () => {
    const f = c.byFrequency;
    expect(f.labels).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    expect(f.customers.reduce((a, b) => a + b, 0)).toBe(2357);
    // The BTYD walkthrough's groups (McCarthy & Wadsworth, censor 7) and their actual holdout means.
    expect(f.customers).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    expect(f.actual.map((v) => Math.round(v * 10_000) / 10_000)).toEqual([0.2367, 0.697, 1.3925, 1.56, 2.5323, 2.9474, 3.8621, 6.3594]);
    const total = f.actual.reduce((sum, mean, g) => sum + mean * f.customers[g]!, 0);
    expect(total).toBeCloseTo(1882, 9);
    expect(f.predicted).toHaveLength(3);
  });

  test("tracking: cumulative actual purchases end at all the repeat purchases to the holdout end, the phases switch once", () => {
    const t = c.tracking;
    const last = t.actualCumulative[t.actualCumulative.length - 1]!;
    // Repeat purchase days to 1998-06-30 of customers first seen by 1997-09-30: distinct days minus one first day each.
    const days = new Set<string>();
    const seen = new Set<string>();
    ids.forEach((row, i) => {
      const d = dates[i]![0] as string;
      if (d <= "1998-06-30") days.add(`${row[0]}|${d}`);
      seen.add(row[0] as string);
    });
    expect(last).toBe(days.size - seen.size);
    expect(last).toBe(4339); // FHL 2005 Figure 2: 4,339 repeat purchases by week 78
    expect(t.phase[0]).toBe("calibration");
    expect(t.phase[t.phase.length - 1]).toBe("holdout");
    const firstHoldout = t.phase.indexOf("holdout");
    expect(t.phase.slice(firstHoldout).every((p) => p === "holdout")).toBe(true);
    for (const curve of t.predictedCumulative) expect(curve).toHaveLength(t.periodEnd.length);
  });

  test("the summary sheet gets the three check sections, each with a chart reading its own columns, and no NaN", () => {
    const sections = checkSections(c);
    expect(sections.map((s) => s.chart?.type)).toEqual(["column", "column", "line"]);
    const [ranking, byFrequency, tracking] = sections;
    expect(ranking!.rows.map((r) => r[1])).toEqual(["Pareto/NBD", "MBG/NBD", "BG/NBD", "Naive: each customer's own past rate"]);
    expect(ranking!.chart!.rows).toBe(4);
    expect(byFrequency!.chart!.seriesColumns.map((k) => byFrequency!.headers[k])).toEqual(["Actual", "Pareto/NBD", "MBG/NBD", "BG/NBD"]);
    expect(tracking!.chart!.seriesColumns.map((k) => tracking!.headers[k])).toEqual(["Actual", "Pareto/NBD", "MBG/NBD", "BG/NBD"]);
    for (const s of sections) for (const row of s.rows) for (const cell of row) if (typeof cell === "number") expect(Number.isFinite(cell)).toBe(true);
    expect(lifetimeSections(lifetimeDetails(run)).slice(-3)).toEqual(sections);
  });
});

describe("the check's calibration end", () => {
  test("automatic: the last third of the history is the holdout (1997-01-01 + ⌊545 × 2/3⌋ = 363 days = 1997-12-30)", () => {
    const c = lifetimeDetails(cdnowRun({ check: "holdout" })).check!;
    expect(dayOf("1998-06-30") - dayOf("1997-01-01")).toBe(545);
    expect([c.calibrationEnd, c.holdoutEnd, c.automatic]).toEqual(["1997-12-30", "1998-06-30", true]);
  });

  test("a calibration end on or after the holdout end is an error naming it", () => {
    let error: unknown;
    try {
      cdnowRun({ asOf: "1998-03-31", check: "holdout", calibrationEnd: "1998-04-01" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CvError);
    expect((error as CvError).message).toBe("Lifetime value: Check the model: the calibration end 1998-04-01 must be on or after the first purchase (1997-01-01) and before the holdout end (1998-03-31).");
  });
});

describe("the check on the preview's Online Retail sample (almost no dropout)", () => {
  test("BG/NBD and MBG/NBD hold the no-dropout limit instead of failing; Pareto/NBD's runaway is listed with why; the naive rate does as well", () => {
    const { table: sample, model } = sampleLifetimeTable();
    const run = runModel({ ...model, lifetime: { ...model.lifetime!, check: "holdout" } }, sample);
    const c = lifetimeDetails(run).check!;
    // 2010-12-01 … 2011-12-09 is 373 days; ⌊373 × 2/3⌋ = 248 days after the first purchase is 2011-08-06.
    expect([c.calibrationEnd, c.holdoutEnd]).toEqual(["2011-08-06", "2011-12-09"]);
    const bg = c.models.find((m) => m.key === "bgnbd")!;
    // a at the lower edge of the fit's range (1e-6 on the unit scale), b at the upper (1e5): the dropout a/(a+b) is 1e-11.
    expect(bg.params.a).toBeLessThan(1.0001e-6);
    expect(bg.params.b).toBeGreaterThan(0.9999e5);
    expect(bg.warnings[0]).toMatch(/^a and b run to the edge of the range a fit may take/);
    expect(c.failed.map((f) => f.key)).toEqual(["pnbd"]);
    expect(c.failed[0]!.message).toMatch(/^the Pareto\/NBD fit did not converge: the data show almost no dropout/);
    expect(c.verdict).toContain("but each customer's own past rate does as well or better");
    // At a → 0 BG/NBD and MBG/NBD are the same model (MBG/NBD differs only in dropout at the first purchase):
    // their MAEs agree to far better than 0.5%, so the verdict names them together and advises no switch.
    const mbg = c.models.find((m) => m.key === "mbgnbd")!;
    expect(Math.abs(mbg.mae - bg.mae) / bg.mae).toBeLessThan(1e-4);
    expect([...c.equallyGood].sort()).toEqual(["bgnbd", "mbgnbd"]);
    expect(c.verdict).toMatch(/^(BG\/NBD and MBG\/NBD|MBG\/NBD and BG\/NBD) predict the holdout equally well: MAE \d\.\d\d \(within 0\.5% of each other\); but/);
    expect(c.verdict).not.toContain("choose");
    expect(run.warnings.some((w) => w.message.startsWith("Check the model: Pareto/NBD could not be fitted on the calibration period"))).toBe(true);
  });
});
