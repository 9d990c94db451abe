/**
 * The holdout check of the lifetime models (docs/models/holdout.md; Fader, Hardie & Lee
 * 2005 §4–5, Figures 2–4): fit on a calibration period, predict each customer's purchases
 * in the holdout period that follows, and compare with what they did.
 */
import { CvError, describeValue } from "../core/errors";
import { dayToIso, isBlank } from "../core/table";
import { IdIndex } from "../core/idIndex";
import { type TransactionColumns, aggregateTransactions } from "../behaviour/transactions";
import { type RepeatSummary, bgnbdExpected, bgnbdLogLikelihood, bgnbdUnconditional, checkBgnbdParams, fitBgnbd } from "./bgnbd";
import { checkMbgnbdParams, fitMbgnbd, mbgnbdExpected, mbgnbdLogLikelihood, mbgnbdUnconditional } from "./mbgnbd";
import { checkPnbdParams, fitPnbd, pnbdExpected, pnbdLogLikelihood, pnbdUnconditional } from "./paretoNbd";
import { TIME_UNIT_DAYS, type TimeUnit, type TransactionRepeatSummary, repeatSummaryFromTransactions } from "./repeatSummary";

/** What a model's fit gives the holdout check. */
export interface HoldoutModelFit<K extends string = string> {
  params: Record<K, number>;
  logLikelihood: number;
  /** Reasons not to trust the fit, in words (none: an empty list or omitted). */
  warnings?: readonly string[];
}

/**
 * How to plug a lifetime model into the holdout check: its parameters' names, its fit on a
 * (x, t_x, T) summary, and its two expectations. Typed by the model's parameter names, so
 * the model's own functions fit without casts; {@link defineHoldoutModel} erases the type.
 */
export interface HoldoutModelSpec<K extends string> {
  /** The registry key and `model` argument, lower case ("bgnbd"). */
  key: string;
  /** The name shown in results ("BG/NBD"); also accepted as the `model` argument. */
  name: string;
  parameterNames: readonly K[];
  fit(summary: RepeatSummary): HoldoutModelFit<K>;
  /** Throws a CvError naming `argument` when given parameters are impossible. */
  check(params: Record<K, number>, argument: string): void;
  logLikelihood(params: Record<K, number>, summary: RepeatSummary): number;
  /** Expected purchases in (T, T + t] of a customer with history (x, t_x, T). */
  expected(params: Record<K, number>, t: number, x: number, tx: number, T: number): number;
  /** Expected repeat purchases of a new customer by time t since the first purchase. */
  unconditional(params: Record<K, number>, t: number): number;
}

/** A model's predictions at fixed parameters: what the holdout check calls per customer and per period. */
export interface HoldoutPredictor {
  expected(t: number, x: number, tx: number, T: number): number;
  unconditional(t: number): number;
  logLikelihood(summary: RepeatSummary): number;
}

/** A lifetime model as the holdout check uses it (type-erased; build one with {@link defineHoldoutModel}). */
export interface HoldoutModel {
  key: string;
  name: string;
  parameterNames: readonly string[];
  fit(summary: RepeatSummary): HoldoutModelFit;
  /**
   * Binds parameters (by name) and checks them.
   *
   * @throws CvError BAD_VALUE naming `argument` when a parameter is missing or impossible.
   */
  predictor(params: Readonly<Record<string, number>>, argument?: string): HoldoutPredictor;
}

/**
 * Turns a model's typed spec into the {@link HoldoutModel} the check and the registry use:
 * parameters are read by name once (missing ones are an error naming the argument) and
 * bound, so per-customer calls allocate nothing. Cost: O(parameters) per bind.
 *
 * @throws CvError BAD_VALUE (from `predictor`) for a missing or impossible parameter.
 * @example
 * const bg = defineHoldoutModel({ key: "bgnbd", name: "BG/NBD", parameterNames: ["r", "alpha", "a", "b"], fit: fitBgnbd, check: checkBgnbdParams, logLikelihood: bgnbdLogLikelihood, expected: bgnbdExpected, unconditional: bgnbdUnconditional });
 * bg.predictor({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }).unconditional(39) // ≈ 1.197 repeat purchases in a new customer's first 39 weeks
 */
export function defineHoldoutModel<K extends string>(spec: HoldoutModelSpec<K>): HoldoutModel {
  const bind = (given: Readonly<Record<string, number>>, argument: string): Record<K, number> => {
    const out: Partial<Record<K, number>> = {};
    const missing: string[] = [];
    for (const name of spec.parameterNames) {
      const v = given[name];
      if (v === undefined) missing.push(name);
      else out[name] = v;
    }
    if (missing.length > 0) {
      throw new CvError("BAD_VALUE", `${argument}: no value for ${missing.join(", ")} (${spec.name} needs ${spec.parameterNames.join(", ")})`, { argument });
    }
    const p = out as Record<K, number>;
    spec.check(p, argument);
    return p;
  };
  return {
    key: spec.key,
    name: spec.name,
    parameterNames: spec.parameterNames,
    fit(summary) {
      const f = spec.fit(summary);
      const params: Record<string, number> = {};
      for (const name of spec.parameterNames) params[name] = f.params[name];
      return { params, logLikelihood: f.logLikelihood, warnings: f.warnings ?? [] };
    },
    predictor(given, argument = "params") {
      const p = bind(given, argument);
      return {
        expected: (t, x, tx, T) => spec.expected(p, t, x, tx, T),
        unconditional: (t) => spec.unconditional(p, t),
        logLikelihood: (summary) => spec.logLikelihood(p, summary),
      };
    },
  };
}

/**
 * BG/NBD (Fader, Hardie & Lee 2005) as a holdout model: fitted with {@link fitBgnbd},
 * predictions from `bgnbdExpected` (eq. 10) and `bgnbdUnconditional` (eq. 9).
 *
 * @example BGNBD_HOLDOUT_MODEL.predictor({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }).expected(39, 2, 30.43, 38.86) // ≈ 1.226 (CDNOW customer 0001's next 39 weeks)
 */
export const BGNBD_HOLDOUT_MODEL: HoldoutModel = defineHoldoutModel({
  key: "bgnbd",
  name: "BG/NBD",
  parameterNames: ["r", "alpha", "a", "b"] as const,
  fit: (summary) => {
    const f = fitBgnbd(summary);
    return { params: f.params, logLikelihood: f.logLikelihood, warnings: f.warnings };
  },
  check: checkBgnbdParams,
  logLikelihood: (p, summary) => bgnbdLogLikelihood(p, summary),
  expected: bgnbdExpected,
  unconditional: bgnbdUnconditional,
});

/** Pareto/NBD in the holdout check (paretoNbd.ts). */
export const PNBD_HOLDOUT_MODEL = defineHoldoutModel({
  key: "pnbd",
  name: "Pareto/NBD",
  parameterNames: ["r", "alpha", "s", "beta"] as const,
  fit: (summary) => {
    const f = fitPnbd(summary);
    return { params: f.params, logLikelihood: f.logLikelihood, warnings: f.warnings };
  },
  check: checkPnbdParams,
  logLikelihood: (p, summary) => pnbdLogLikelihood(p, summary),
  expected: pnbdExpected,
  unconditional: pnbdUnconditional,
});

/** MBG/NBD in the holdout check (mbgnbd.ts). */
export const MBGNBD_HOLDOUT_MODEL = defineHoldoutModel({
  key: "mbgnbd",
  name: "MBG/NBD",
  parameterNames: ["r", "alpha", "a", "b"] as const,
  fit: (summary) => {
    const f = fitMbgnbd(summary);
    return { params: f.params, logLikelihood: f.logLikelihood, warnings: f.warnings };
  },
  check: checkMbgnbdParams,
  logLikelihood: (p, summary) => mbgnbdLogLikelihood(p, summary),
  expected: mbgnbdExpected,
  unconditional: mbgnbdUnconditional,
});

/**
 * Every model the holdout check can use, by key: one line per model.
 *
 * @example Object.keys(HOLDOUT_MODELS) // → ["bgnbd", "mbgnbd", "pnbd"]
 */
export const HOLDOUT_MODELS: Readonly<Record<string, HoldoutModel>> = {
  bgnbd: BGNBD_HOLDOUT_MODEL,
  mbgnbd: MBGNBD_HOLDOUT_MODEL,
  pnbd: PNBD_HOLDOUT_MODEL,
};

/**
 * The registered model a `model` argument names: its key or its name, in any case, with or
 * without "/" and spaces ("bgnbd", "BG/NBD", "bg nbd").
 *
 * @throws CvError BAD_OPTION naming the argument, the value and the choices.
 * @example holdoutModelByName("BG/NBD").key // → "bgnbd"
 */
export function holdoutModelByName(text: string, argument = "model", models: Readonly<Record<string, HoldoutModel>> = HOLDOUT_MODELS): HoldoutModel {
  const squash = (s: string) => s.toLowerCase().replace(/[\s/_-]+/g, "");
  const wanted = squash(text);
  for (const model of Object.values(models)) if (squash(model.key) === wanted || squash(model.name) === wanted) return model;
  const choices = Object.values(models).map((m) => `"${m.key}"`);
  throw new CvError("BAD_OPTION", `${argument} must be ${choices.length === 1 ? choices[0] : `one of ${choices.join(", ")}`}, found ${describeValue(text)}`, { argument, value: text });
}

/** What the holdout check needs besides the transactions. */
export interface HoldoutOptions {
  /** The last day of the calibration period (Excel serial): purchases on it are calibration purchases. */
  calibrationEnd: number;
  /** The last day of the holdout period (Excel serial); default the latest date in the data. */
  holdoutEnd?: number;
  /** Default "week". */
  unit?: TimeUnit;
  /** Default BG/NBD. */
  model?: HoldoutModel;
  /** Parameters to use instead of fitting (by name, e.g. r, alpha, a, b). */
  params?: Readonly<Record<string, number>>;
  /** The last frequency group, holding every x ≥ it; default 7 (groups 0 … 6, 7+). */
  lastBucket?: number;
}

/** Holdout purchases against predictions by number of calibration repeat purchases (FHL 2005 Figure 4). */
export interface HoldoutByFrequency {
  /** "0", "1", …, "7+". */
  labels: string[];
  customers: Float64Array;
  /** Mean holdout purchases of the group's customers (NaN for an empty group), and the means of the predictions. */
  meanActual: Float64Array;
  meanPredicted: Float64Array;
  meanNaive: Float64Array;
}

/** Cumulative repeat purchases period by period through calibration and holdout (FHL 2005 Figure 2). */
export interface HoldoutTracking {
  /** Each period's end, origin + k·L days (Excel serial; fractional for months, whose last day is its floor); the last period is cut at the holdout end. */
  periodEnd: Float64Array;
  /** 0 calibration, 1 holdout, 2 the period that holds the calibration end. */
  phase: Uint8Array;
  actual: Float64Array;
  predicted: Float64Array;
  actualCumulative: Float64Array;
  predictedCumulative: Float64Array;
  /** The day before the first purchase in the data: period k covers (origin + (k−1)·L, origin + k·L]. */
  origin: number;
}

/** Prediction errors per customer of the model and of the naive baseline. */
export interface HoldoutErrors {
  mae: number;
  rmse: number;
  naiveMae: number;
  naiveRmse: number;
  totalActual: number;
  totalPredicted: number;
  totalNaive: number;
  /** Which predicts better, in plain words. */
  verdict: string;
}

/** The holdout check of one model. */
export interface HoldoutCheck {
  model: string;
  /** The parameters used, by name, and whether they were fitted or given. */
  params: Record<string, number>;
  fitted: boolean;
  /** The calibration log-likelihood at those parameters. */
  logLikelihood: number;
  /** The fit's warnings (none for given parameters). */
  fitWarnings: readonly string[];
  calibrationEnd: number;
  holdoutEnd: number;
  unit: TimeUnit;
  /** The holdout length in the unit, t* = (holdout end − calibration end) / unit. */
  holdoutLength: number;
  /** The calibration summary (repeatSummaryFromTransactions at the calibration end): the customers in the check. */
  summary: TransactionRepeatSummary;
  /** Per customer of the summary: distinct purchase days in (calibration end, holdout end]. */
  actual: Float64Array;
  /** Per customer: the model's conditional expectation over the holdout length. */
  predicted: Float64Array;
  /** Per customer: x / T × holdout length (0 when T = 0). */
  naive: Float64Array;
  /** Customers whose first purchase is after the calibration end: not in the check. */
  customersFirstSeenInHoldout: number;
  /** Rows dated after the holdout end: not used. */
  rowsAfterHoldout: number;
  /** Rows skipped because the customer id was blank. */
  skippedBlankIds: number;
  byFrequency: HoldoutByFrequency;
  tracking: HoldoutTracking;
  errors: HoldoutErrors;
  /** Things to know about the result, in words (e.g. a holdout end after the last date in the data). */
  warnings: string[];
}

/** A number for a verdict: two decimals from 0.1 up, two significant digits below. */
function short(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) >= 0.1 || v === 0 ? v.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : v.toPrecision(2);
}

/**
 * MAE and RMSE of predictions against actual counts, per customer, for the model and the
 * naive baseline, with the totals and a plain-words verdict. Cost: O(n).
 *
 * @throws CvError EMPTY_INPUT when there is no customer; LENGTH_MISMATCH for columns of different lengths.
 * @example holdoutErrors(Float64Array.of(0, 2), Float64Array.of(0.5, 1), Float64Array.of(0, 3)).mae // → 0.75
 */
export function holdoutErrors(actual: Float64Array, predicted: Float64Array, naive: Float64Array): HoldoutErrors {
  const n = actual.length;
  if (predicted.length !== n || naive.length !== n) throw new CvError("LENGTH_MISMATCH", `predictions have ${predicted.length} and ${naive.length} rows but the actual counts ${n}`);
  if (n === 0) throw new CvError("EMPTY_INPUT", "no customer is in the holdout check");
  let ae = 0;
  let se = 0;
  let nae = 0;
  let nse = 0;
  let ta = 0;
  let tp = 0;
  let tn = 0;
  for (let i = 0; i < n; i++) {
    const a = actual[i]!;
    const d = predicted[i]! - a;
    const dn = naive[i]! - a;
    ae += Math.abs(d);
    se += d * d;
    nae += Math.abs(dn);
    nse += dn * dn;
    ta += a;
    tp += predicted[i]!;
    tn += naive[i]!;
  }
  const mae = ae / n;
  const naiveMae = nae / n;
  const pair = `MAE ${short(mae)} vs ${short(naiveMae)}`;
  const comparison =
    Math.abs(mae - naiveMae) <= 0.005 * Math.max(mae, naiveMae)
      ? `the model and the customers' own past rates predict the holdout about equally well: ${pair}`
      : mae < naiveMae
        ? `the model predicts the holdout better than the customers' own past rates: ${pair}`
        : `the customers' own past rates predict the holdout better than the model: MAE ${short(naiveMae)} vs ${short(mae)} for the model`;
  const made = ta.toLocaleString("en", { maximumFractionDigits: 1 });
  const relative = ta > 0 ? ` (${tp >= ta ? "+" : "−"}${(Math.abs(tp / ta - 1) * 100).toFixed(1)}%)` : "";
  const verdict = `${comparison}; in total ${tp.toLocaleString("en", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} purchases predicted against ${made} made${relative}`;
  return { mae, rmse: Math.sqrt(se / n), naiveMae, naiveRmse: Math.sqrt(nse / n), totalActual: ta, totalPredicted: tp, totalNaive: tn, verdict };
}

/** Checks a day argument and returns it. */
function requireDay(value: number | undefined, argument: string): number {
  if (value === undefined || !Number.isFinite(value)) {
    throw new CvError("BAD_VALUE", `${argument}: expected a date, found ${describeValue(value)}`, { argument, value });
  }
  return value;
}

/**
 * The holdout check of one model on a transaction table (docs/models/holdout.md; Fader,
 * Hardie & Lee 2005 §4–5): the calibration summary at the calibration end, each customer's
 * repeat purchases in the holdout, the model fitted on the calibration summary (or the
 * parameters given), its per-customer predictions over the holdout length against the
 * naive "own past rate" x/T × t*, grouped by calibration frequency, tracked period by
 * period, and summed up as MAE and RMSE with a verdict in words.
 *
 * Method: the calibration summary is `repeatSummaryFromTransactions` at the calibration
 * end (same-day purchases merged, returns not purchases, the first purchase not a repeat);
 * the holdout purchases are the distinct purchase days after the calibration end and on or
 * before the holdout end, from one aggregation of the rows up to the holdout end, matched to
 * the summary by customer id. Customers first seen after the calibration end are left out
 * and counted. The tracking curve's expectation is evaluated once per distinct time between
 * a first-purchase day and a period end, and summed over first-purchase days with their
 * customer counts. Cost: O(n log n) for n rows (the aggregations), plus one fit, one
 * conditional expectation per customer, and O(first days × periods) for the tracking.
 *
 * @throws CvError BAD_VALUE naming calibration_end or holdout_end for a calibration end
 *   before the first purchase or on or after the last date, or a holdout end not after the
 *   calibration end; BAD_OPTION for a last bucket that is not a whole number from 1 to 100;
 *   BAD_VALUE naming params for given parameters that are missing or impossible; the fit's
 *   errors (NOT_COMPUTABLE without a repeat purchase, NOT_CONVERGED); EMPTY_INPUT without rows.
 * @example
 * // CDNOW, calibration to 1997-09-30 (day 35703), holdout to 1998-06-30 (day 35976), the published parameters
 * const check = holdoutCheck(cdnow, { calibrationEnd: 35703, holdoutEnd: 35976, params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } });
 * check.errors.verdict // → "the model predicts the holdout better than the customers' own past rates: MAE 0.79 vs 1.02; in total 1,653.9 purchases predicted against 1,882 made (−12.1%)"
 */
export function holdoutCheck(tx: TransactionColumns, options: HoldoutOptions): HoldoutCheck {
  const unit = options.unit ?? "week";
  const model = options.model ?? BGNBD_HOLDOUT_MODEL;
  const lastBucket = options.lastBucket ?? 7;
  if (!Number.isInteger(lastBucket) || lastBucket < 1 || lastBucket > 100) {
    throw new CvError("BAD_OPTION", `the last frequency group must be a whole number from 1 to 100, found ${describeValue(lastBucket)}`, { argument: "last_bucket", value: lastBucket });
  }
  const calibrationEnd = requireDay(options.calibrationEnd, "calibration_end");
  const n = tx.days.length;
  if (n === 0) throw new CvError("EMPTY_INPUT", "customer_ids is empty: select the transaction rows", { argument: "customer_ids" });

  // The first purchase and the last date of the rows with a customer id.
  let firstPurchase = Number.POSITIVE_INFINITY;
  let lastDate = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (isBlank(tx.ids[i])) continue;
    const day = tx.days[i]!;
    if (day > lastDate) lastDate = day;
    if (!(tx.amounts !== undefined && tx.amounts[i]! < 0) && day < firstPurchase) firstPurchase = day;
  }
  if (lastDate === Number.NEGATIVE_INFINITY) {
    throw new CvError("NOT_COMPUTABLE", `customer_ids has no customer: all ${n.toLocaleString("en")} ${n === 1 ? "row is" : "rows are"} blank or #N/A`, { argument: "customer_ids" });
  }
  if (firstPurchase === Number.POSITIVE_INFINITY) throw new CvError("NOT_COMPUTABLE", "no row is a purchase: every amount is negative (returns)", { argument: "amounts" });
  if (calibrationEnd < firstPurchase) {
    throw new CvError("BAD_VALUE", `calibration_end ${dayToIso(calibrationEnd)} is before the first purchase (${dayToIso(firstPurchase)}): choose a later calibration end`, { argument: "calibration_end", value: calibrationEnd });
  }
  if (calibrationEnd >= lastDate) {
    throw new CvError("BAD_VALUE", `calibration_end ${dayToIso(calibrationEnd)} is on or after the last date in the data (${dayToIso(lastDate)}): no holdout period is left; choose an earlier calibration end`, {
      argument: "calibration_end",
      value: calibrationEnd,
    });
  }
  const holdoutEnd = options.holdoutEnd === undefined ? lastDate : requireDay(options.holdoutEnd, "holdout_end");
  if (!(holdoutEnd > calibrationEnd)) {
    throw new CvError("BAD_VALUE", `holdout_end ${dayToIso(holdoutEnd)} must be after calibration_end ${dayToIso(calibrationEnd)}`, { argument: "holdout_end", value: holdoutEnd });
  }
  const warnings: string[] = [];
  if (holdoutEnd > lastDate) {
    warnings.push(`holdout_end ${dayToIso(holdoutEnd)} is after the last date in the data (${dayToIso(lastDate)}): if the data stop before the holdout end, the actual holdout purchases are too few`);
  }

  // 1. The calibration summary, the customers in the check.
  const summary = repeatSummaryFromTransactions(tx, calibrationEnd, unit);
  const m = summary.x.length;
  const unitDays = TIME_UNIT_DAYS[unit];
  const holdoutLength = (holdoutEnd - calibrationEnd) / unitDays;

  // 2. Holdout purchases: one aggregation of the rows up to the holdout end, matched by id.
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (tx.days[i]! <= holdoutEnd) keep.push(i);
  const rowsAfterHoldout = n - keep.length;
  const all = keep.length === n ? tx : subset(tx, keep);
  const h = aggregateTransactions(all);
  const index = new IdIndex();
  for (let k = 0; k < m; k++) index.indexOf(summary.displayIds[k]);
  const actual = new Float64Array(m);
  /** Each summary customer's position among the aggregation's customers (for the tracking's purchase days). */
  const historyOf = new Int32Array(m).fill(-1);
  let customersFirstSeenInHoldout = 0;
  const { dayStart, purchaseDays } = h;
  for (let c = 0; c < h.ids.length; c++) {
    const start = dayStart[c]!;
    const stop = dayStart[c + 1]!;
    if (stop === start) continue; // returns only
    if (purchaseDays[start]! > calibrationEnd) {
      customersFirstSeenInHoldout++;
      continue;
    }
    const k = index.indexOf(h.displayIds[c]);
    if (k >= m) throw new CvError("NOT_COMPUTABLE", `customer ${describeValue(h.displayIds[c])} has a calibration purchase but is not in the calibration summary`);
    historyOf[k] = c;
    let count = 0;
    for (let j = stop - 1; j >= start && purchaseDays[j]! > calibrationEnd; j--) count++;
    actual[k] = count;
  }

  // 3. Parameters: given or fitted on the calibration summary.
  const calibration: RepeatSummary = { x: summary.x, tx: summary.tx, T: summary.T };
  let params: Record<string, number>;
  let fitWarnings: readonly string[] = [];
  let fitted = false;
  if (options.params !== undefined) {
    params = {};
    for (const name of model.parameterNames) {
      const v = options.params[name];
      if (v !== undefined) params[name] = v;
    }
  } else {
    const fit = model.fit(calibration);
    params = fit.params;
    fitWarnings = fit.warnings ?? [];
    fitted = true;
  }
  const predictor = model.predictor(params, "params");
  const logLikelihood = predictor.logLikelihood(calibration);

  // 4. Predictions per customer.
  const predicted = new Float64Array(m);
  const naive = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const x = summary.x[k]!;
    const T = summary.T[k]!;
    predicted[k] = predictor.expected(holdoutLength, x, summary.tx[k]!, T);
    naive[k] = T > 0 ? (x / T) * holdoutLength : 0;
  }

  const byFrequency = groupByFrequency(summary.x, actual, predicted, naive, lastBucket);
  const tracking = trackRepeatPurchases(summary, historyOf, h.purchaseDays, h.dayStart, calibrationEnd, holdoutEnd, unitDays, predictor);
  return {
    model: model.name,
    params,
    fitted,
    logLikelihood,
    fitWarnings,
    calibrationEnd,
    holdoutEnd,
    unit,
    holdoutLength,
    summary,
    actual,
    predicted,
    naive,
    customersFirstSeenInHoldout,
    rowsAfterHoldout,
    skippedBlankIds: summary.skippedBlankIds,
    byFrequency,
    tracking,
    errors: holdoutErrors(actual, predicted, naive),
    warnings,
  };
}

/** The rows `keep` of a transaction table. */
function subset(tx: TransactionColumns, keep: readonly number[]): TransactionColumns {
  const ids = keep.map((i) => tx.ids[i]);
  const days = Float64Array.from(keep, (i) => tx.days[i]!);
  if (tx.amounts === undefined) return { ids, days };
  const amounts = tx.amounts;
  return { ids, days, amounts: Float64Array.from(keep, (i) => amounts[i]!) };
}

/** Means of the actual and predicted holdout purchases by calibration repeat purchases 0 … last−1, last+. */
function groupByFrequency(x: Float64Array, actual: Float64Array, predicted: Float64Array, naive: Float64Array, lastBucket: number): HoldoutByFrequency {
  const groups = lastBucket + 1;
  const customers = new Float64Array(groups);
  const meanActual = new Float64Array(groups);
  const meanPredicted = new Float64Array(groups);
  const meanNaive = new Float64Array(groups);
  for (let i = 0; i < x.length; i++) {
    const g = Math.min(x[i]!, lastBucket);
    customers[g]! += 1;
    meanActual[g]! += actual[i]!;
    meanPredicted[g]! += predicted[i]!;
    meanNaive[g]! += naive[i]!;
  }
  for (let g = 0; g < groups; g++) {
    const c = customers[g]!;
    meanActual[g] = c > 0 ? meanActual[g]! / c : Number.NaN;
    meanPredicted[g] = c > 0 ? meanPredicted[g]! / c : Number.NaN;
    meanNaive[g] = c > 0 ? meanNaive[g]! / c : Number.NaN;
  }
  const labels = Array.from({ length: groups }, (_, g) => (g < lastBucket ? String(g) : `${lastBucket}+`));
  return { labels, customers, meanActual, meanPredicted, meanNaive };
}

/**
 * The tracking curve: actual repeat purchases by period, and the model's cumulative
 * expectation Σ_i E[X((e_k − f_i)/L)] at each period end e_k, grouped by first-purchase day.
 */
function trackRepeatPurchases(
  summary: TransactionRepeatSummary,
  historyOf: Int32Array,
  purchaseDays: Float64Array,
  dayStart: Int32Array,
  calibrationEnd: number,
  holdoutEnd: number,
  unitDays: number,
  predictor: HoldoutPredictor,
): HoldoutTracking {
  const m = summary.x.length;
  let firstDay = Number.POSITIVE_INFINITY;
  for (let k = 0; k < m; k++) if (summary.firstDay[k]! < firstDay) firstDay = summary.firstDay[k]!;
  const origin = firstDay - 1;
  const periods = Math.max(1, Math.ceil((holdoutEnd - origin) / unitDays - 1e-9));
  const periodEnd = new Float64Array(periods);
  const phase = new Uint8Array(periods);
  for (let k = 0; k < periods; k++) {
    const end = Math.min(origin + (k + 1) * unitDays, holdoutEnd);
    const start = origin + k * unitDays;
    periodEnd[k] = end;
    phase[k] = end <= calibrationEnd ? 0 : start >= calibrationEnd ? 1 : 2;
  }

  // Actual: each repeat purchase day (after the customer's first) in its period.
  const actual = new Float64Array(periods);
  for (let k = 0; k < m; k++) {
    const c = historyOf[k]!;
    if (c < 0) continue;
    const stop = dayStart[c + 1]!;
    for (let j = dayStart[c]! + 1; j < stop; j++) {
      const p = Math.min(periods, Math.max(1, Math.ceil((purchaseDays[j]! - origin) / unitDays - 1e-9)));
      actual[p - 1]! += 1;
    }
  }

  // Predicted: customers grouped by first-purchase day; E[X(τ)] once per distinct time τ.
  const order = Float64Array.from(summary.firstDay).sort();
  const days: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < order.length; i++) {
    if (i > 0 && order[i] === order[i - 1]) counts[counts.length - 1]! += 1;
    else {
      days.push(order[i]!);
      counts.push(1);
    }
  }
  const cache = new Map<number, number>();
  const predictedCumulative = new Float64Array(periods);
  for (let k = 0; k < periods; k++) {
    const end = periodEnd[k]!;
    let total = 0;
    for (let g = 0; g < days.length; g++) {
      const elapsed = end - days[g]!;
      if (elapsed <= 0) break; // first-purchase days ascend: the rest are later still
      let e = cache.get(elapsed);
      if (e === undefined) {
        e = predictor.unconditional(elapsed / unitDays);
        cache.set(elapsed, e);
      }
      total += counts[g]! * e;
    }
    predictedCumulative[k] = total;
  }
  const predicted = new Float64Array(periods);
  const actualCumulative = new Float64Array(periods);
  let running = 0;
  for (let k = 0; k < periods; k++) {
    running += actual[k]!;
    actualCumulative[k] = running;
    predicted[k] = predictedCumulative[k]! - (k > 0 ? predictedCumulative[k - 1]! : 0);
  }
  return { periodEnd, phase, actual, predicted, actualCumulative, predictedCumulative, origin };
}

/** One model's line in a ranking of holdout checks. */
export interface HoldoutRankRow {
  rank: number;
  model: string;
  mae: number;
  rmse: number;
  naiveMae: number;
  totalActual: number;
  totalPredicted: number;
}

/**
 * Ranks holdout checks of several models on the same data by holdout MAE (ties by RMSE):
 * "which predicts best", with the answer in words. Cost: O(k log k) for k checks.
 *
 * @throws CvError EMPTY_INPUT without a check; BAD_VALUE when the checks differ in
 *   calibration end, holdout end, unit or customers (they would not be comparable).
 * @example rankHoldoutChecks([bgnbdCheck, pnbdCheck]).verdict // "BG/NBD predicts the holdout best: MAE 0.62 (Pareto/NBD 0.63)"
 */
export function rankHoldoutChecks(checks: readonly HoldoutCheck[]): { rows: HoldoutRankRow[]; verdict: string } {
  const first = checks[0];
  if (first === undefined) throw new CvError("EMPTY_INPUT", "no holdout check to rank");
  for (const c of checks) {
    if (c.calibrationEnd !== first.calibrationEnd || c.holdoutEnd !== first.holdoutEnd || c.unit !== first.unit || c.actual.length !== first.actual.length) {
      throw new CvError(
        "BAD_VALUE",
        `the ${c.model} check (${dayToIso(c.calibrationEnd)} to ${dayToIso(c.holdoutEnd)}, ${c.actual.length} customers, ${c.unit}s) is not on the same data as the ${first.model} check (${dayToIso(first.calibrationEnd)} to ${dayToIso(first.holdoutEnd)}, ${first.actual.length} customers, ${first.unit}s): rank checks of one calibration and holdout split`,
      );
    }
  }
  const sorted = [...checks].sort((p, q) => p.errors.mae - q.errors.mae || p.errors.rmse - q.errors.rmse);
  const rows = sorted.map((c, i) => ({ rank: i + 1, model: c.model, mae: c.errors.mae, rmse: c.errors.rmse, naiveMae: c.errors.naiveMae, totalActual: c.errors.totalActual, totalPredicted: c.errors.totalPredicted }));
  const best = rows[0]!;
  const others = rows.slice(1).map((r) => `${r.model} ${short(r.mae)}`);
  const verdict = `${best.model} predicts the holdout best: MAE ${short(best.mae)}${others.length > 0 ? ` (${others.join(", ")})` : ""}`;
  return { rows, verdict };
}
