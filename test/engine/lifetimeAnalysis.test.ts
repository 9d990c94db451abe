/**
 * The lifetime value analysis of the task pane: transactions → repeat summary → BG/NBD →
 * Gamma-Gamma → P(alive), expected purchases, expected spend, CLV and CLV tiers per
 * customer, with hand-checked summaries, warnings and errors; and the lifetime settings
 * of parseModel.
 */
import {
  type BgnbdParams,
  type AnalysisProgress,
  type CustomerValueModel,
  CvError,
  TIME_UNIT_DAYS,
  bgnbdExpected,
  bgnbdPAlive,
  defaultLifetimeSettings,
  defaultModel,
  gammaGammaSpend,
  guessRoles,
  makeCustomerTable,
  modelClv,
  parseModel,
  profileColumns,
  resolveModelClvOptions,
  runModel,
  runModelSteps,
  yearlyRate, lifetimeDetails } from "../../src/engine";
import { day2024, simulatedTransactions } from "../helpers/lifetimeTransactions";

/** The as-of date is 2024-07-01, day 182 after 2024-01-01 (2024 is a leap year). */
const AS_OF = "2024-07-01";
const day = day2024;

/** 300 simulated customers, so the fits have data to settle on. */
const simulatedRows = (): unknown[][] => simulatedTransactions();

/**
 * Customers worked out by hand, in weeks from the first purchase to 2024-07-01 (day 182):
 * A days 112, 126, 140 → x 2, t_x 4, T 10, average repeat spend (20 + 30) / 2 = 25;
 * B two rows on day 119 → x 0, T 9; C day 112, then 40 + 60 on day 147 (one purchase) →
 * x 1, t_x 5, T 10, spend 100; D day 154 and a return on 168 → x 0, T 4; E days 133, 175 →
 * x 1, t_x 6, T 7; F days 112, 119, 126, 133 → x 3, t_x 3, T 10; I days 112 and 140 with a
 * zero amount → x 1, no positive spend; J first buys on the as-of day → T 0.
 * A's row on day 190 and H (day 185 only) fall after the as-of date.
 */
const HAND: unknown[][] = [
  ["A", day(112), 10],
  ["A", day(126), 20],
  ["A", day(140), 30],
  ["A", day(190), 99],
  ["B", day(119), 50],
  ["B", day(119), 25],
  ["C", day(112), 100],
  ["C", day(147), 40],
  ["C", day(147), 60],
  ["D", day(154), 30],
  ["D", day(168), -10],
  ["E", day(133), 15],
  ["E", day(175), 45],
  ["F", day(112), 10],
  ["F", day(119), 10],
  ["F", day(126), 10],
  ["F", day(133), 10],
  ["H", day(185), 70],
  ["I", day(112), 20],
  ["I", day(140), 0],
  ["J", day(182), 35],
  ["", day(120), 80],
  ["K", "soon", 10],
  ["L", day(150), "n/a"],
];

function setup(rows: unknown[][] = [...simulatedRows(), ...HAND], change: (s: NonNullable<CustomerValueModel["lifetime"]>) => Partial<NonNullable<CustomerValueModel["lifetime"]>> = () => ({})) {
  const table = makeCustomerTable([["Customer", "Date", "Amount"], ...rows], true);
  const profiles = profileColumns(table);
  const base = defaultModel(guessRoles(profiles));
  const lifetime = { ...defaultLifetimeSettings(profiles, base.roles.value), asOf: AS_OF };
  const model: CustomerValueModel = { ...base, analysis: "lifetime", roles: { ...base.roles, id: "Customer" }, lifetime: { ...lifetime, ...change(lifetime) } };
  return { table, model };
}

const { table, model } = setup();
const run = runModel(model, table);
/**
 * The result columns' headers for these settings (as of 2024-07-01, weeks, 12 months, 1% a
 * month, margin 100%), each with its unit and horizon, by the short name the tests use.
 */
const HEADERS: Record<string, string> = {
  "CV x": "CV x, repeat purchases to 2024-07-01",
  "CV t_x": "CV t_x, weeks from first to last purchase",
  "CV T": "CV T, weeks from first purchase to 2024-07-01",
  "CV P(alive)": "CV P(alive) at 2024-07-01",
  "CV Expected purchases": "CV Expected purchases, next 12 months",
  "CV Expected spend": "CV Expected spend per purchase",
  "CV CLV": "CV CLV, next 12 months at 1% a month, margin 100%",
  "CV CLV tier": "CV CLV tier",
};
const column = (header: string) => run.columns.find((c) => c.header === (HEADERS[header] ?? header))!.values;
const row = (id: string) => run.rowKeys!.values.indexOf(id);
const at = (header: string, id: string) => column(header)[row(id)] as number;

/** A run's fitted parameters as BG/NBD's (the analysis's default model). */
const bgnbdOf = (p: Record<string, number>): BgnbdParams => ({ r: p.r!, alpha: p.alpha!, a: p.a!, b: p.b! });

describe("lifetime value analysis", () => {
  test("settings are guessed: date and amount columns, BG/NBD without a holdout check, weeks, 12 months, 1% a month, margin 1, pyramid tiers", () => {
    const profiles = profileColumns(table);
    expect(defaultLifetimeSettings(profiles, "Amount")).toEqual({
      date: "Date",
      amount: "Amount",
      asOf: null,
      model: "bgnbd",
      check: "off",
      calibrationEnd: null,
      unit: "week",
      horizonMonths: 12,
      monthlyDiscount: 0.01,
      margin: 1,
      tiers: { by: "share", preset: "pyramid", shares: [0.01, 0.04, 0.15, 0.8], labels: ["Top", "Big", "Medium", "Small"] },
    });
  });

  test("one result row per customer, keyed by id, in order of first appearance; customers first seen after as-of get none", () => {
    expect(run.columns.map((c) => c.header)).toEqual(Object.values(HEADERS));
    expect(run.rowKeys!.header).toBe("Customer");
    expect(run.rowKeys!.values.slice(-8)).toEqual(["A", "B", "C", "D", "E", "F", "I", "J"]);
    expect(run.rowKeys!.values).not.toContain("H");
    expect(run.customers).toBe(308);
    run.columns.forEach((c) => expect(c.values).toHaveLength(308));
  });

  test("x, t_x and T by hand (weeks): same-day purchases merge, returns are not purchases, rows after as-of are left out", () => {
    const summary = (id: string) => [at("CV x", id), at("CV t_x", id), at("CV T", id)];
    expect(summary("A")).toEqual([2, 4, 10]);
    expect(summary("B")).toEqual([0, 0, 9]);
    expect(summary("C")).toEqual([1, 5, 10]);
    expect(summary("D")).toEqual([0, 0, 4]);
    expect(summary("E")).toEqual([1, 6, 7]);
    expect(summary("F")).toEqual([3, 3, 10]);
    expect(summary("J")).toEqual([0, 0, 0]);
  });

  test("P(alive) is 1 for every customer without a repeat purchase, and the BG/NBD formula for the others", () => {
    const x = column("CV x") as number[];
    const pAlive = column("CV P(alive)") as number[];
    const zero = x.map((v, i) => (v === 0 ? i : -1)).filter((i) => i >= 0);
    expect(zero.length).toBeGreaterThan(50);
    zero.forEach((i) => expect(pAlive[i]).toBe(1));
    const bg = bgnbdOf(lifetimeDetails(run).purchases.params);
    for (const id of ["A", "C", "E", "F"]) {
      const p = at("CV P(alive)", id);
      expect(p).toBeCloseTo(bgnbdPAlive(bg, at("CV x", id), at("CV t_x", id), at("CV T", id)), 12);
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
    }
    // A bought at weeks 0, 2 and 4 and not since; F at 0–3 and not for 7 weeks: F is less likely alive.
    expect(at("CV P(alive)", "F")).toBeLessThan(at("CV P(alive)", "A"));
  });

  test("expected purchases over 12 months, expected spend and CLV follow the fitted models", () => {
    const bg = bgnbdOf(lifetimeDetails(run).purchases.params);
    const gg = lifetimeDetails(run).gammaGamma.params;
    const weeks = (12 * TIME_UNIT_DAYS.month) / TIME_UNIT_DAYS.week; // 52.18 weeks
    const options = resolveModelClvOptions({ horizonMonths: 12, monthlyDiscount: 0.01, margin: 1, unit: "week" });
    expect(at("CV Expected purchases", "A")).toBeCloseTo(bgnbdExpected(bg, weeks, 2, 4, 10), 12);
    expect(at("CV Expected spend", "A")).toBeCloseTo(gammaGammaSpend(gg, 2, 25), 10);
    expect(at("CV Expected spend", "C")).toBeCloseTo(gammaGammaSpend(gg, 1, 100), 10);
    expect(at("CV CLV", "A")).toBeCloseTo(modelClv(bg, gg, 2, 4, 10, 25, options), 8);
    // No repeat purchase: the population mean spend p γ / (q − 1).
    expect(at("CV Expected spend", "B")).toBeCloseTo((gg.p * gg.gamma) / (gg.q - 1), 10);
    // I repeated with no positive spend: left out of Gamma-Gamma, expected to spend the population mean.
    expect(at("CV Expected spend", "I")).toBeCloseTo((gg.p * gg.gamma) / (gg.q - 1), 10);
    expect(lifetimeDetails(run).gammaGamma.customers).toBe((column("CV x") as number[]).filter((x) => x > 0).length - 1);
    // Margin 100%: CLV is spend × the expected purchases, discounted at 1% a month, so a little below their product.
    expect(at("CV CLV", "A")).toBeLessThan(at("CV Expected spend", "A") * at("CV Expected purchases", "A"));
    expect(at("CV CLV", "A")).toBeGreaterThan(0.9 * at("CV Expected spend", "A") * at("CV Expected purchases", "A"));
  });

  test("CLV tiers by share of customers: 308 customers → Top 4 (h < 3.08), Big 12 (h < 15.4), Medium 46 (h < 61.6), Small 246", () => {
    expect(run.groups.map((g) => [g.label, g.customers])).toEqual([
      ["Top", 4],
      ["Big", 12],
      ["Medium", 46],
      ["Small", 246],
    ]);
    const clv = column("CV CLV") as number[];
    const tiers = column("CV CLV tier");
    // The rule itself: a customer with h customers strictly above goes to the first tier with h < c_k × n.
    const limits = [0.01, 0.05, 0.2, 1].map((c) => c * 308);
    clv.forEach((v, i) => {
      const h = clv.filter((w) => w > v).length;
      expect(tiers[i]).toBe(["Top", "Big", "Medium", "Small"][limits.findIndex((l) => h < l)]);
    });
    const total = clv.reduce((a, b) => a + b, 0);
    expect(lifetimeDetails(run).totalClv).toBeCloseTo(total, 6);
    expect(run.groups.reduce((s, g) => s + g.value, 0)).toBeCloseTo(total, 6);
    expect(run.groups.reduce((s, g) => s + g.valueShare, 0)).toBeCloseTo(1, 12);
    expect(run.groups[0]!.valueShare).toBeCloseTo(run.groups[0]!.value / total, 12);
    expect(run.valueName).toBe("CLV");
    expect(run.headline).toMatch(/^Expected value of 308 customers over the next 12 months: [\d,]+; the top 20% hold \d+\.\d% of it\.$/);
  });

  test("CLV tiers by CLV thresholds", () => {
    const s = setup(undefined, () => ({ tiers: { by: "score", thresholds: [1000, 200], labels: ["High", "Mid", "Low"] } }));
    const r = runModel(s.model, s.table);
    const clv = r.columns.find((c) => c.header === HEADERS["CV CLV"])!.values as number[];
    const tier = r.columns.find((c) => c.header === "CV CLV tier")!.values;
    clv.forEach((v, i) => expect(tier[i]).toBe(v >= 1000 ? "High" : v >= 200 ? "Mid" : "Low"));
    expect(r.description).toContain("CLV tiers by CLV: High from 1000, Mid from 200, Low below 200.");
  });

  test("the model check: customers by 0, 1, …, 7+ repeat purchases, actual and expected, both summing to the customers fitted", () => {
    const f = lifetimeDetails(run).frequency!;
    expect(f.buckets).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    const fitted = lifetimeDetails(run).purchases.customers;
    expect(fitted).toBe(307); // J (T = 0) is left out of the fit
    expect(f.actual.reduce((a, b) => a + b, 0)).toBe(fitted);
    expect(f.expected.reduce((a, b) => a + b, 0)).toBeCloseTo(fitted, 6);
    const x = (column("CV x") as number[]).filter((_, i) => run.rowKeys!.values[i] !== "J");
    expect(f.actual[0]).toBe(x.filter((v) => v === 0).length);
    expect(f.actual[7]).toBe(x.filter((v) => v >= 7).length);
  });

  test("warnings name what was left out and why", () => {
    const messages = run.warnings.map((w) => w.message);
    // K's "soon" and L's "n/a" are the last two HAND rows, after the simulated ones: the pane's one bad-cell wording names their data rows.
    const badDateRow = simulatedRows().length + HAND.length - 1;
    expect(messages).toEqual([
      "1 transaction row has no customer id and is left out.",
      `Date: 1 cell is not a date (data row ${badDateRow}); those rows are left out.`,
      `Amount: 1 cell is not a number (data row ${badDateRow + 1}); those rows are left out.`,
      "2 transactions after the as-of date 2024-07-01 are left out (customers who first bought after it get no result).",
      "1 customer first bought on the as-of date: left out of the fits (no time to observe), scored as new customers.",
      "1 customer with repeat purchases but no positive spend on them is left out of the Gamma-Gamma spend fit; their expected spend is the population mean.",
      // The fit's own reason not to trust it (300 simulated customers leave the dropout parameters loose); its dropout is not near 0.
      "BG/NBD fit: a and b are poorly determined (standard error larger than the estimate): the data leave them loose, so ranges are wide.",
    ]);
    const bg = lifetimeDetails(run).purchases;
    expect(bg.standardErrors.a).toBeGreaterThan(bg.params.a!);
    expect(bg.standardErrors.b).toBeGreaterThan(bg.params.b!);
    expect(bg.params.a! / (bg.params.a! + bg.params.b!)).toBeGreaterThan(0.01);
  });

  test("the fitted parameters and settings are part of the run, and in words in the description", () => {
    const l = lifetimeDetails(run);
    expect(l).toMatchObject({ asOf: "2024-07-01", unit: "week", horizonMonths: 12, monthlyDiscount: 0.01, margin: 1 });
    for (const v of Object.values(l.purchases.params)) expect(v).toBeGreaterThan(0);
    for (const v of Object.values(l.gammaGamma.params)) expect(v).toBeGreaterThan(0);
    expect(l.purchases.logLikelihood).toBeLessThan(0);
    expect(run.description.some((d) => d.startsWith("BG/NBD (Fader, Hardie & Lee 2005), fitted on 307 customers: r = "))).toBe(true);
    expect(run.description).toContain("CLV tiers by share of customers, from the top: Top 1%, Big 4%, Medium 15%, Small 80% (ties share the better tier).");
  });

  test("changing the horizon, discount or margin reuses the fit and rescales CLV", () => {
    const half = runModel({ ...model, lifetime: { ...model.lifetime!, margin: 0.5 } }, table);
    expect(lifetimeDetails(half).purchases).toBe(lifetimeDetails(run).purchases); // the same fit object: not refitted
    expect(lifetimeDetails(half).totalClv).toBeCloseTo(lifetimeDetails(run).totalClv / 2, 6);
    const longer = runModel({ ...model, lifetime: { ...model.lifetime!, horizonMonths: 24 } }, table);
    expect(lifetimeDetails(longer).totalClv).toBeGreaterThan(lifetimeDetails(run).totalClv);
    // A new unit is a new summary and a new fit; the CLV barely moves (the same months in other units).
    const days = runModel({ ...model, lifetime: { ...model.lifetime!, unit: "day" } }, table);
    expect(lifetimeDetails(days).purchases).not.toBe(lifetimeDetails(run).purchases);
    expect(days.columns[2]!.values[row("A")]).toBe(70);
    expect(lifetimeDetails(days).totalClv / lifetimeDetails(run).totalClv).toBeCloseTo(1, 3);
  });

  test("in steps: progress from 0 to 1, never backwards, and the same result as in one go", () => {
    const { table: fresh, model: m } = setup();
    const steps = runModelSteps(m, fresh);
    const progress: AnalysisProgress[] = [];
    let result;
    for (;;) {
      const next = steps.next();
      if (next.done) {
        result = next.value;
        break;
      }
      progress.push(next.value);
    }
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.some((p) => p.message.startsWith("Fitting BG/NBD"))).toBe(true);
    progress.forEach((p, i) => {
      expect(p.fraction).toBeGreaterThanOrEqual(0);
      expect(p.fraction).toBeLessThanOrEqual(1);
      if (i > 0) expect(p.fraction).toBeGreaterThanOrEqual(progress[i - 1]!.fraction);
    });
    expect(result.columns).toEqual(run.columns);
  });

  test("clear errors: no id column, no repeat purchase, no history before the as-of date, a bad as-of date", () => {
    expect(() => runModel({ ...model, roles: { ...model.roles, id: null } }, table)).toThrow("Choose the customer id column of the transactions.");
    const once = setup([
      ["a", day(1), 10],
      ["b", day(5), 20],
      ["c", day(9), 30],
    ]);
    let error: unknown;
    try {
      runModel(once.model, once.table);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CvError);
    expect((error as CvError).code).toBe("NOT_COMPUTABLE");
    expect((error as CvError).message).toBe(
      "Lifetime value: no customer has a repeat purchase (every x is 0): BG/NBD cannot be fitted. The models need customers who bought on more than one day before the as-of date.",
    );
    const sameDay = setup([
      ["a", day(1), 10],
      ["b", day(1), 20],
    ], () => ({ asOf: day(1) }));
    expect(() => runModel(sameDay.model, sameDay.table)).toThrow(`Lifetime value: every customer first bought on the as-of date ${day(1)}, so there is no history to fit the models on: choose a later as-of date.`);
    expect(() => runModel({ ...model, lifetime: { ...model.lifetime!, asOf: "next week" } }, table)).toThrow('The as-of date "next week" is not a date: write it as yyyy-mm-dd.');
  });
});

describe("parseModel: lifetime settings", () => {
  const json = (lifetime: unknown) => JSON.stringify({ ...model, lifetime });

  test("round trip, and defaults for fields a saved model leaves out", () => {
    expect(parseModel(JSON.stringify(model)).lifetime).toEqual(model.lifetime);
    expect(parseModel(json({ date: "Date", amount: "Amount" })).lifetime).toEqual({ ...defaultLifetimeSettings([], "Amount"), date: "Date" });
  });

  test.each([
    [{ unit: "year" }, 'model lifetime.unit: expected "day", "week" or "month", found "year"'],
    [{ horizonMonths: 0 }, "model lifetime.horizonMonths: expected a whole number of months from 1 to 1200, found 0"],
    [{ horizonMonths: 6.5 }, "model lifetime.horizonMonths: expected a whole number of months from 1 to 1200, found 6.5"],
    [{ monthlyDiscount: 1 }, "model lifetime.monthlyDiscount: expected a monthly rate from 0 up to 1 (0.01 = 1% a month), found 1"],
    [{ monthlyDiscount: "1%" }, 'model lifetime.monthlyDiscount: expected a monthly rate from 0 up to 1 (0.01 = 1% a month), found "1%"'],
    [{ margin: 1.5 }, "model lifetime.margin: expected a share of spend from 0 to 1, found 1.5"],
    [{ asOf: "2024-13-01" }, 'model lifetime.asOf: expected a date as yyyy-mm-dd or null, found "2024-13-01"'],
    [{ date: 3 }, "model lifetime.date: expected a column name or null"],
    [{ tiers: { by: "share", preset: "pyramid", shares: [0.5, 0.5], labels: ["A"] } }, "model lifetime.tiers.labels: need one label per share"],
    [{ tiers: { by: "rank" } }, 'model lifetime.tiers.by: expected "share" or "score"'],
  ])("%j is refused: %s", (change, message) => {
    expect(() => parseModel(json({ ...model.lifetime, ...change }))).toThrow(message);
  });

  test("the analysis id is known", () => {
    expect(parseModel(JSON.stringify({ ...model, analysis: "lifetime" })).analysis).toBe("lifetime");
  });
});

describe("yearlyRate", () => {
  test("1% a month is 1.01^12 − 1 = 12.68% a year; 0 stays 0", () => {
    expect(yearlyRate(0.01)).toBeCloseTo(0.12682503013196977, 14);
    expect(yearlyRate(0)).toBe(0);
  });
});
