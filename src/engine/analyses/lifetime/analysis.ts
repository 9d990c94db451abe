import type { RepeatSummary } from "../../lifetime/bgnbd";
import { MONEY_FORMAT } from "../moneyFormat";
import { CvError } from "../../core/errors";
import { type GammaGammaFit, fitGammaGammaSteps, gammaGammaSpend } from "../../lifetime/gammaGamma";
import type { CustomerValueModel } from "../model";
import { type LifetimeSettings, defaultLifetimeSettings, lifetimeSettings } from "./settings";
import type { LifetimeCheck, LifetimeDetails, PurchaseModelFit } from "./details";
import { type PurchaseModel, purchaseModel } from "./purchaseModels";
import { lifetimeCheckSteps } from "./check";
import { lifetimePictures } from "./pictures";
import { lifetimeChart, lifetimeSections } from "./summary";
import { customerValue, discountedTransactions, monthlySchedule } from "../../lifetime/modelValue";
import { P_ALIVE_MEANING, frequencyRecencyMatrix, horizonWords, lifetimeHeaders, matrixLevels, pAliveSpread, pAliveSpreadWords, pAliveWarning } from "./meaning";
import { resolveModelClvOptions, yearlyRate } from "../../lifetime/modelClv";
import type { MinimizeProgress } from "../../lifetime/nelderMead";
import type { CustomerTable } from "../../core/profile";
import { profileColumns } from "../../core/profile";
import { TIME_UNIT_DAYS, type TransactionRepeatSummary, repeatSummaryFromTransactions } from "../../lifetime/repeatSummary";
import { resolveTierScheme, tierIndexByShare, tierIndexByThreshold } from "../../value/tiers";
import { dayToIso, parseDayCell } from "../../core/table";
import { readTransactionRowsSteps } from "../../core/gridReaders";
import { finishSteps } from "../../core/steps";
import { type AnalysisDefinition, type AnalysisProgress, type AnalysisRun, type ModelWarning, addTransactionWarnings, paretoHeadline, summariseGroups, tableCells } from "../common";

/** Repeat purchases 0 … 6 and 7+ in the model check (as Fader, Hardie & Lee's Figure 3). */
const LAST_BUCKET = 7;
/**
 * Customers per step of the per-customer CLV loop: one, since a customer costs a
 * hypergeometric series per month, and a series can take 10^5 terms when a fitted parameter
 * is huge (b ≫ 1, almost no dropout). The message is rebuilt every {@link MESSAGE_EVERY}.
 */
const CUSTOMERS_PER_STEP = 1;
const MESSAGE_EVERY = 250;
/**
 * Optimiser iterations the pane waits for a fit: BFGS settles the sample in about 35 (the
 * Nelder–Mead fallback in 400–600); a fit still wandering after this many is reported as not
 * converging rather than left running for minutes (the engine's own limit, for the CV.*
 * functions, is 20,000).
 */
export const FIT_ITERATION_LIMIT = 5_000;

/** Everything that depends only on the transactions, the as-of date and the unit: kept between runs. */
interface Fitted {
  summary: TransactionRepeatSummary;
  /** Average repeat spend as the models take it: NaN where there is no positive spend. */
  spend: Float64Array;
  transactions: number;
  purchases: PurchaseModelFit;
  gammaGamma: GammaGammaFit;
  frequency: LifetimeDetails["frequency"];
  check: LifetimeCheck | null;
  warnings: ModelWarning[];
}

/**
 * The last fit per table, so editing the horizon, discount, margin or tiers reruns only the
 * per-customer CLV, not the fits. Keyed by the table object (a re-read table is a new
 * object) and the fit's inputs; a memo of a pure computation, invisible to callers.
 */
const fitCache = new WeakMap<CustomerTable, { key: string; fitted: Fitted }>();

function fail(message: string): never {
  throw new CvError("BAD_OPTION", message, { argument: "lifetime" });
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** A parameter for reading: four significant digits ("0.003922", "9.890", "485.9"). */
export function formatParameter(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const digits = Math.abs(v) >= 1000 ? 0 : Math.max(0, 3 - Math.floor(Math.log10(Math.abs(v) || 1)));
  return v.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * Iterations at which a fit's progress is shown half done: BFGS takes 20–40, Nelder–Mead
 * hundreds, and i / (i + this) keeps moving for either without reaching the end.
 */
const HALF_DONE_ITERATIONS = 30;

/** Progress of an optimiser as a fraction of its share of the run: it approaches the end of the share as iterations grow, whatever the method. */
function fitProgress(p: MinimizeProgress, from: number, to: number, what: string): AnalysisProgress {
  return {
    fraction: from + ((to - from) * p.iterations) / (p.iterations + HALF_DONE_ITERATIONS),
    message: `Fitting ${what}: ${p.iterations.toLocaleString("en")} iterations, log-likelihood ${(-p.best).toLocaleString("en", { maximumFractionDigits: 1 }).replace("-", "−")}`,
  };
}

/** Transaction rows read per step (a few ms of work), so a large table does not block a pane. */
const ROWS_PER_STEP = 25_000;

/**
 * Reads the transaction table leniently, in steps, with the one transaction reader of CV.RFM
 * and the RFM analysis: bad cells are missing (one warning per column), and rows without an
 * id, a date or an amount are left out and counted.
 */
function* readTransactions(model: CustomerValueModel, s: LifetimeSettings, table: CustomerTable, warnings: ModelWarning[]) {
  const idColumn = model.roles.id ?? fail("Choose the customer id column of the transactions.");
  const ids = tableCells(table, idColumn, "customer id");
  const dateColumn = s.date ?? fail("Choose the purchase date column of the transactions.");
  const dates = tableCells(table, dateColumn, "date");
  const amountColumn = s.amount ?? fail("Choose the amount column of the transactions (the spend of each purchase).");
  const amounts = tableCells(table, amountColumn, "amount");
  const n = table.rows.length;
  const steps = readTransactionRowsSteps({ ids, dates, amounts }, "missing", ROWS_PER_STEP);
  let step = steps.next();
  while (!step.done) {
    const i = step.value.rowsRead;
    yield { fraction: (0.05 * i) / n, message: `Reading transactions: ${i.toLocaleString("en")} of ${n.toLocaleString("en")}` } satisfies AnalysisProgress;
    step = steps.next();
  }
  const tx = step.value;
  addTransactionWarnings(warnings, tx.report, { id: idColumn, date: dateColumn, amount: amountColumn });
  if (tx.ids.length === 0) throw new CvError("EMPTY_INPUT", "No transaction row has a customer id, a purchase date and an amount: check the columns chosen for lifetime value.", { argument: "lifetime" });
  return { idColumn, ids: tx.ids, days: tx.days, amounts: tx.amounts as Float64Array };
}

/** Steps a fit, passing its progress on, and stops it past {@link FIT_ITERATION_LIMIT} iterations. */
function* capped<T>(fit: Generator<MinimizeProgress, T>, from: number, to: number, what: string, name: string): Generator<AnalysisProgress, T> {
  let step = fit.next();
  while (!step.done) {
    if (step.value.iterations > FIT_ITERATION_LIMIT) {
      fit.return(undefined as T);
      throw new CvError(
        "NOT_CONVERGED",
        `the ${name} fit did not settle within ${FIT_ITERATION_LIMIT.toLocaleString("en")} iterations (log-likelihood ${(-step.value.best).toLocaleString("en", { maximumFractionDigits: 1 })}); a parameter may be running off to 0 or infinity`,
      );
    }
    yield fitProgress(step.value, from, to, what);
    step = fit.next();
  }
  return step.value;
}

/** Rewords a fit's failure for the pane: what failed, and what to try. */
function fitError(error: unknown): unknown {
  if (!(error instanceof CvError)) return error;
  const hint =
    error.code === "NOT_CONVERGED"
      ? " Try another time unit or as-of date, or check that the dates and amounts are the purchases of each customer."
      : error.code === "NOT_COMPUTABLE" && /repeat purchase/.test(error.message)
        ? " The models need customers who bought on more than one day before the as-of date."
        : "";
  return new CvError(error.code, `Lifetime value: ${error.message}.${hint}`, error.location);
}

/** The transactions → repeat summary → purchase model → Gamma-Gamma → model checks part, in steps. */
function* fitSteps(model: CustomerValueModel, s: LifetimeSettings, table: CustomerTable, pm: PurchaseModel): Generator<AnalysisProgress, Fitted> {
  const warnings: ModelWarning[] = [];
  yield { fraction: 0, message: `Reading ${plural(table.rows.length, "transaction")}` };
  const tx = yield* readTransactions(model, s, table, warnings);
  let asOf: number | undefined;
  if (s.asOf !== null) {
    const day = parseDayCell(s.asOf);
    if (day === undefined || Number.isNaN(day)) fail(`The as-of date "${s.asOf}" is not a date: write it as yyyy-mm-dd.`);
    asOf = day;
  }
  yield { fraction: 0.05, message: "Building the repeat summary (x, t_x, T) per customer" };
  const summary = repeatSummaryFromTransactions({ ids: tx.ids, days: tx.days, amounts: tx.amounts }, asOf, s.unit);
  if (summary.rowsAfterAsOf > 0) {
    warnings.push({ kind: "excluded", message: `${plural(summary.rowsAfterAsOf, "transaction")} after the as-of date ${dayToIso(summary.asOf)} ${summary.rowsAfterAsOf === 1 ? "is" : "are"} left out (customers who first bought after it get no result).` });
  }
  if (summary.skippedBlankIds > 0) warnings.push({ kind: "badCells", message: `${plural(summary.skippedBlankIds, "transaction row")} without a usable customer id ${summary.skippedBlankIds === 1 ? "is" : "are"} left out.` });
  const n = summary.x.length;
  // Customers first seen on the as-of day have no age (T = 0) to fit on: left out of the fits, still scored.
  const fitT = Float64Array.from(summary.T, (T) => (T > 0 ? T : Number.NaN));
  const newToday = fitT.filter((T) => Number.isNaN(T)).length;
  if (newToday === n) {
    throw new CvError("EMPTY_INPUT", `Lifetime value: every customer first bought on the as-of date ${dayToIso(summary.asOf)}, so there is no history to fit the models on: choose a later as-of date.`, { argument: "as_of" });
  }
  if (newToday > 0) warnings.push({ kind: "excluded", message: `${plural(newToday, "customer")} first bought on the as-of date: left out of the fits (no time to observe), scored as new customers.` });
  // Repeat buyers whose repeat purchases carry no positive spend cannot enter Gamma-Gamma (it models positive spend).
  const spend = Float64Array.from(summary.avgSpend, (m, i) => ((summary.x[i] as number) > 0 && m > 0 ? m : Number.NaN));
  let noSpend = 0;
  for (let i = 0; i < n; i++) if ((summary.x[i] as number) > 0 && Number.isNaN(spend[i] as number)) noSpend++;
  if (noSpend > 0) {
    warnings.push({ kind: "excluded", message: `${plural(noSpend, "customer")} with repeat purchases but no positive spend on them ${noSpend === 1 ? "is" : "are"} left out of the Gamma-Gamma spend fit; their expected spend is the population mean.` });
  }
  const fitSummary: RepeatSummary = { x: summary.x, tx: summary.tx, T: fitT };
  try {
    // About 200,000 customer evaluations between reports (50 iterations on the 4,338 sample customers), so each step stays short on large tables.
    const reportEvery = Math.max(1, Math.round(100_000 / Math.max(n, 1)));
    const checking = s.check === "holdout";
    const fitEnd = checking ? 0.45 : 0.6;
    const purchases = yield* capped(pm.fitSteps(fitSummary, { reportEvery, maxIterations: FIT_ITERATION_LIMIT }), 0.1, fitEnd, `${pm.name} (purchases and dropout)`, pm.name);
    const gammaGamma = yield* capped(fitGammaGammaSteps(summary.x, spend, { reportEvery, maxIterations: FIT_ITERATION_LIMIT }), fitEnd, fitEnd + 0.1, "Gamma-Gamma (spend per purchase)", "Gamma-Gamma");
    // Expected spend needs q > 1; check now, so the error names the fit rather than a customer.
    gammaGammaSpend(gammaGamma.params, 0, Number.NaN);
    yield { fraction: fitEnd + 0.1, message: "Checking the fit: actual against expected customers by repeat purchases" };
    const frequency = pm.frequencyFit(purchases.params, fitSummary, LAST_BUCKET);
    const check = checking
      ? yield* lifetimeCheckSteps({ ids: tx.ids, days: tx.days, amounts: tx.amounts }, { unit: s.unit, holdoutEnd: asOf, calibrationEnd: s.calibrationEnd, chosen: pm.key }, fitEnd + 0.12, 0.78)
      : null;
    if (check) for (const f of check.failed) warnings.push({ kind: "fit", message: `Check the model: ${f.name} could not be fitted on the calibration period (${f.message}).` });
    return { summary, spend, transactions: tx.ids.length - summary.rowsAfterAsOf, purchases, gammaGamma, frequency, check, warnings };
  } catch (error) {
    throw fitError(error);
  }
}

function tierWords(s: LifetimeSettings, labels: readonly string[], shares: readonly number[] | null): string {
  const t = s.tiers;
  if (t.by === "share" && shares) return `CLV tiers by share of customers, from the top: ${labels.map((l, k) => `${l} ${Math.round(shares[k]! * 1000) / 10}%`).join(", ")} (ties share the better tier).`;
  if (t.by === "score") {
    const rest = labels.length > t.thresholds.length ? `, ${labels[labels.length - 1]} below ${t.thresholds[t.thresholds.length - 1]}` : "";
    return `CLV tiers by CLV: ${t.thresholds.map((v, k) => `${labels[k]} from ${v}`).join(", ")}${rest}.`;
  }
  return "";
}

/**
 * The lifetime value analysis, in steps (see {@link lifetimeValueAnalysis}). Yields progress
 * while reading, fitting and scoring; returns the run.
 */
export function* lifetimeValueSteps(model: CustomerValueModel, table: CustomerTable): Generator<AnalysisProgress, AnalysisRun<LifetimeDetails>> {
  const s = model.lifetime ?? defaultLifetimeSettings(profileColumns(table), model.roles.value);
  const options = resolveModelClvOptions({ horizonMonths: s.horizonMonths, monthlyDiscount: s.monthlyDiscount, margin: s.margin, unit: s.unit });
  // Check the tiers before the long fit, so a bad share list fails at once.
  const scheme = s.tiers.by === "share" ? resolveTierScheme(s.tiers.shares, s.tiers.labels) : null;
  const labels = scheme ? scheme.labels : s.tiers.labels;

  const pm = purchaseModel(s.model);
  const key = JSON.stringify([model.roles.id, s.date, s.amount, s.asOf, s.unit, s.model, s.check, s.check === "holdout" ? s.calibrationEnd : null]);
  const cached = fitCache.get(table);
  let fitted: Fitted;
  if (cached && cached.key === key) fitted = cached.fitted;
  else {
    fitted = yield* fitSteps(model, s, table, pm);
    fitCache.set(table, { key, fitted });
  }
  const { summary, spend, purchases, gammaGamma } = fitted;
  const gg = gammaGamma.params;
  const pAliveOf = pm.pAlive(purchases.params);
  const expectedOf = pm.expected(purchases.params);
  const schedule = monthlySchedule({ toYear: s.horizonMonths / 12, annualDiscount: yearlyRate(s.monthlyDiscount), margin: s.margin }, TIME_UNIT_DAYS[s.unit]);
  const n = summary.x.length;
  const horizonUnits = (s.horizonMonths * TIME_UNIT_DAYS.month) / TIME_UNIT_DAYS[s.unit];
  const pAlive = new Float64Array(n);
  const expected = new Float64Array(n);
  const expectedSpend = new Float64Array(n);
  const clv = new Float64Array(n);
  let message = "";
  for (let i = 0; i < n; i++) {
    if (i % MESSAGE_EVERY === 0) message = `Lifetime value per customer: ${i.toLocaleString("en")} of ${n.toLocaleString("en")}`;
    if (i % CUSTOMERS_PER_STEP === 0) yield { fraction: 0.8 + (0.2 * i) / n, message };
    const x = summary.x[i] as number;
    const tx = summary.tx[i] as number;
    const T = summary.T[i] as number;
    const m = spend[i] as number;
    pAlive[i] = pAliveOf(x, tx, T);
    expected[i] = expectedOf(horizonUnits, x, tx, T);
    expectedSpend[i] = gammaGammaSpend(gg, x, m);
    clv[i] = customerValue(discountedTransactions(expectedOf, schedule, x, tx, T), gg, x, m, options.margin);
  }
  const asOfIso = dayToIso(summary.asOf);
  const headers = lifetimeHeaders({ asOf: asOfIso, unit: s.unit, horizonMonths: s.horizonMonths, monthlyDiscount: s.monthlyDiscount, margin: s.margin });
  let maxT = 0;
  for (const T of summary.T) if (T > maxT) maxT = T;
  const spread = pAliveSpread(pAlive, summary.x, summary.tx, summary.T, s.unit, pm.name, pm.dropout(purchases.params, maxT));
  const levels = matrixLevels(summary.x, maxT);
  const matrix = frequencyRecencyMatrix({ expected: expectedOf, pAlive: pAliveOf }, maxT, s.unit, s.horizonMonths, levels.x, levels.tx);
  const tier = scheme ? tierIndexByShare(clv, scheme.shares) : tierIndexByThreshold(clv, (s.tiers as { thresholds: number[] }).thresholds, labels.length);
  const tierNames = Array.from(tier, (k) => (k < 0 ? null : (labels[k] as string)));
  const warnings = [...fitted.warnings];
  const dropoutWarning = pAliveWarning(spread, summary.rowsAfterAsOf > 0);
  // The fits' own reasons not to trust them; the dropout one is said (with its figures) by the P(alive) warning.
  const fitWarning = (model: string, w: string): ModelWarning => ({ kind: "fit", message: `${model} fit: ${w}.` });
  for (const w of purchases.warnings) if (!(dropoutWarning && /^dropout ≈ 0/.test(w))) warnings.push(fitWarning(pm.name, w));
  for (const w of gammaGamma.warnings) warnings.push(fitWarning("Gamma-Gamma", w));
  if (dropoutWarning) warnings.push(dropoutWarning);
  const untiered = tierNames.filter((t) => t === null).length;
  if (untiered > 0) warnings.push({ kind: "unscored", message: `${plural(untiered, "customer")} ${untiered === 1 ? "has" : "have"} a CLV below the lowest tier threshold and get${untiered === 1 ? "s" : ""} no tier.` });

  let totalClv = 0;
  for (const v of clv) totalClv += v;
  const { share } = paretoHeadline(clv, "CLV");
  const money = (v: number) => v.toLocaleString("en", { maximumFractionDigits: 0 });
  const unitWord = s.unit;
  const meanSpend = gg.q > 1 ? (gg.p * gg.gamma) / (gg.q - 1) : Number.NaN;
  const lifetime: LifetimeDetails = {
    asOf: asOfIso,
    unit: s.unit,
    horizonMonths: s.horizonMonths,
    monthlyDiscount: s.monthlyDiscount,
    margin: s.margin,
    transactions: fitted.transactions,
    purchases,
    gammaGamma,
    frequency: fitted.frequency,
    check: fitted.check,
    totalClv,
    headers,
    pAlive: spread,
    matrix,
  };
  const num = (a: Float64Array) => Array.from(a, (v) => (Number.isFinite(v) ? v : null));
  const none = () => new Array<string | null>(n).fill(null);
  yield { fraction: 1, message: "Done" };
  return {
    analysis: "lifetime",
    customers: n,
    assigned: n - untiered,
    columns: [
      { header: headers.x, kind: "number", values: num(summary.x), reasons: none(), numberFormat: "0" },
      { header: headers.tx, kind: "number", values: num(summary.tx), reasons: none(), numberFormat: "0.00" },
      { header: headers.T, kind: "number", values: num(summary.T), reasons: none(), numberFormat: "0.00" },
      { header: headers.pAlive, kind: "number", values: num(pAlive), reasons: none(), numberFormat: "0.000" },
      { header: headers.expectedPurchases, kind: "number", values: num(expected), reasons: none(), numberFormat: "0.00" },
      { header: headers.expectedSpend, kind: "number", values: num(expectedSpend), reasons: none(), numberFormat: MONEY_FORMAT },
      { header: headers.clv, kind: "score", values: num(clv), reasons: none(), numberFormat: MONEY_FORMAT },
      { header: headers.tier, kind: "label", values: tierNames, reasons: tierNames.map((t) => (t === null ? "CLV below the lowest tier threshold" : null)) },
    ],
    groupName: "CLV tier",
    groups: summariseGroups(labels, tier, clv, null),
    rowGroups: tier,
    rowValues: clv,
    headline: `Expected value of ${plural(n, "customer")} over the next ${plural(s.horizonMonths, "month")}: ${money(totalClv)}${share !== null ? `; the top 20% hold ${(share * 100).toFixed(1)}% of it` : ""}.`,
    paretoTop20: share,
    warnings,
    description: [
      `Lifetime value of ${plural(n, "customer")} from ${plural(fitted.transactions, "transaction")} up to ${asOfIso} (${pm.name} and Gamma-Gamma).`,
      `Transactions: customer ${model.roles.id}, date ${s.date}, amount ${s.amount}; purchases on one day count once (their amounts add up); negative amounts are returns, not purchases.`,
      `Per customer, in ${unitWord}s from the first purchase: x = repeat purchases, t_x = time of the last purchase, T = time to ${asOfIso}.`,
      `${pm.name} (${pm.source}), fitted on ${plural(purchases.customers, "customer")}: ${pm.parameterNames.map((name) => `${name} = ${formatParameter(purchases.params[name] as number)}`).join(", ")}; log-likelihood ${purchases.logLikelihood.toLocaleString("en", { maximumFractionDigits: 1 })}.`,
      `Gamma-Gamma spend model, fitted on the ${plural(gammaGamma.customers, "customer")} with repeat purchases: p = ${formatParameter(gg.p)}, q = ${formatParameter(gg.q)}, gamma = ${formatParameter(gg.gamma)}; log-likelihood ${gammaGamma.logLikelihood.toLocaleString("en", { maximumFractionDigits: 1 })}; population mean spend ${money(meanSpend)}.`,
      `CLV = margin ${Math.round(s.margin * 1000) / 10}% × expected spend per purchase × the expected purchases in each of the next ${plural(s.horizonMonths, "month")}, discounted at ${Math.round(s.monthlyDiscount * 10000) / 100}% a month (a month is 365.25/12 days).`,
      tierWords(s, labels, scheme ? scheme.shares : null),
      `${headers.pAlive}: ${P_ALIVE_MEANING} ${pm.oneTimeBuyers} ${pAliveSpreadWords(spread).replace(/^P\(alive\)/, "Here P(alive)")}.`,
      `${headers.expectedPurchases}: purchase days the customer is expected to make in the ${horizonWords(s.horizonMonths)} after ${asOfIso} (${pm.name}, given x, t_x and T). ${headers.expectedSpend}: the expected spend of one purchase, in the amount's money (Gamma-Gamma, given the customer's own average; the population mean for customers without a repeat purchase).`,
    ],
    rowKeys: { header: model.roles.id as string, values: summary.displayIds.map((v) => (typeof v === "number" ? v : String(v))) },
    valueName: "CLV",
    moneyHeader: s.amount ?? null,
    details: lifetime,
    pictures: lifetimePictures({ x: summary.x, tx: summary.tx, pAlive, expected, clv }, matrix, headers),
  };
}

/**
 * Customer lifetime value (methods §9.4) from a transaction table: per customer x, t_x and
 * T in the chosen unit up to the as-of date; BG/NBD fitted by maximum likelihood for P(alive)
 * and the expected purchases over the horizon; Gamma-Gamma on the repeat buyers for the
 * expected spend per purchase; CLV = margin × spend × monthly discounted expected purchases;
 * CLV tiers by share of customers or CLV thresholds. One result row per customer, keyed by
 * id (like RFM from transactions). The fits are kept for the same table and inputs, so
 * changing the horizon, discount, margin or tiers only rescores. Cost: the fits, a few
 * hundred O(n) likelihood evaluations, then horizon × n hypergeometric series.
 *
 * @throws CvError BAD_OPTION for a missing column or as-of date; EMPTY_INPUT with no usable
 *   row; NOT_COMPUTABLE / NOT_CONVERGED (with what to try) when a model cannot be fitted.
 */
export const lifetimeValueAnalysis: AnalysisDefinition<LifetimeDetails, LifetimeSettings> = {
  id: "lifetime",
  title: "Lifetime value",
  summary: "From a transaction table: BG/NBD and Gamma-Gamma fits, P(alive), expected purchases and CLV per customer, CLV tiers.",
  sheetWord: "Lifetime",
  settings: lifetimeSettings,
  summaryChart: (run) => lifetimeChart(run),
  summarySections: (run) => lifetimeSections(run.details),
  run(model: CustomerValueModel, table: CustomerTable): AnalysisRun<LifetimeDetails> {
    return finishSteps(lifetimeValueSteps(model, table));
  },
  runSteps: lifetimeValueSteps,
};
