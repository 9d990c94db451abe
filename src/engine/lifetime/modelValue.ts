/**
 * Lifetime value from any fitted lifetime model and Gamma-Gamma over an interval of future
 * years, with one discounting convention (docs/models/clv.md): an annual rate, cash flows
 * counted per month for the continuous-time models (BG/NBD, MBG/NBD, Pareto/NBD) and per
 * opportunity period for BG/BB, each discounted at its end.
 */
import { CvError, describeValue } from "../core/errors";
import { BGBB_MAX_PERIODS, type BgbbParams, bgbbExpectedByPeriod, bgbbRowProblem, checkBgbbParams } from "./bgbb";
import { repeatRowProblem } from "./bgnbd";
import { type GammaGammaParams, gammaGammaSpend } from "./gammaGamma";
import { HOLDOUT_MODELS, type HoldoutModel } from "./holdout";
import { TIME_UNIT_DAYS } from "./repeatSummary";

/** The money side of a model-based CLV, as the user states it. */
export interface ModelValueOptions {
  /** Start of the interval, in years from now (≥ 0). Default 0. */
  fromYear?: number;
  /** End of the interval, in years from now (more than fromYear, at most 100). Default fromYear + 1 (one year). */
  toYear?: number;
  /** Annual discount rate, ≥ 0 (0.1 for 10% a year). Default 0.1. */
  annualDiscount?: number;
  /** Profit margin on spend, 0–1 (1 = revenue). Default 1. */
  margin?: number;
}

/**
 * The steps an interval counts and their discount factors: step k (1-based) ends k ·
 * stepYears years from now and spans ((k−1)·stepLength, k·stepLength] model periods; steps
 * first … last are those ending inside (fromYear, toYear].
 */
export interface ValueSchedule {
  fromYear: number;
  toYear: number;
  annualDiscount: number;
  margin: number;
  /** The length of a step in years: 1/12 (a month) for the continuous models, the period for BG/BB. */
  stepYears: number;
  /** The length of a step in the model's periods: (365.25/12) / days per unit, or 1 for BG/BB. */
  stepLength: number;
  first: number;
  last: number;
  /** discount[k − first] = (1 + d)^(−k · stepYears). */
  discount: Float64Array;
}

/** The longest interval end, in years. */
export const MODEL_VALUE_MAX_YEARS = 100;

/**
 * A step count from a number of years: whole within 1e-9 (so 1/12 year is one month), or an
 * error naming the argument and what a step is.
 */
function wholeSteps(years: number, stepYears: number, argument: string, stepWords: string): number {
  const steps = years / stepYears;
  const rounded = Math.round(steps);
  if (Math.abs(steps - rounded) > 1e-9 * Math.max(1, rounded)) {
    throw new CvError("BAD_VALUE", `${argument} must be a whole number of ${stepWords}, found ${years}`, { argument, value: years });
  }
  return rounded;
}

/**
 * Checks the options, fills in the defaults (from 0, to one year after from, 10% a year,
 * margin 1) and lays out
 * the steps of the interval with their discount factors.
 *
 * Method: steps ending in (fromYear, toYear] are kept; step k is discounted by
 * (1 + d)^(−k · stepYears), to today. Cost: O(steps).
 *
 * @throws CvError BAD_VALUE naming from_year, to_year, discount or margin: an interval
 *   outside 0–100 years or not in whole steps, a negative or infinite rate, a margin outside 0–1,
 *   more than 100,000 steps.
 * @example valueSchedule({ fromYear: 1, toYear: 3 }, 1 / 12, 30.4375 / 7).first // → 13 (months 13 … 36, in weeks of 7 days)
 */
export function valueSchedule(options: ModelValueOptions, stepYears: number, stepLength: number, stepWords = "months (a multiple of 1/12 year)"): ValueSchedule {
  const fromYear = options.fromYear ?? 0;
  const toYear = options.toYear ?? fromYear + 1;
  const annualDiscount = options.annualDiscount ?? 0.1;
  const margin = options.margin ?? 1;
  if (!(fromYear >= 0) || !Number.isFinite(fromYear)) throw new CvError("BAD_VALUE", `from_year must be a number of years from 0 (today) up, found ${fromYear}`, { argument: "from_year", value: fromYear });
  if (!(toYear > fromYear) || !(toYear <= MODEL_VALUE_MAX_YEARS)) {
    throw new CvError("BAD_VALUE", `to_year must be after from_year (${fromYear}) and at most ${MODEL_VALUE_MAX_YEARS} years, found ${toYear}`, { argument: "to_year", value: toYear });
  }
  if (!(annualDiscount >= 0) || !Number.isFinite(annualDiscount)) {
    throw new CvError("BAD_VALUE", `discount is an annual rate of 0 or more (0.1 for 10% a year), found ${annualDiscount}`, { argument: "discount", value: annualDiscount });
  }
  if (!(margin >= 0) || margin > 1) throw new CvError("BAD_VALUE", `margin is a share of spend from 0 to 1, found ${margin}`, { argument: "margin", value: margin });
  if (!(stepYears > 0) || !Number.isFinite(stepYears) || !(stepLength > 0) || !Number.isFinite(stepLength)) {
    throw new CvError("BAD_VALUE", `the length of a period must be a positive number, found ${stepYears} years`, { argument: "unit", value: stepYears });
  }
  const last = wholeSteps(toYear, stepYears, "to_year", stepWords);
  const first = wholeSteps(fromYear, stepYears, "from_year", stepWords) + 1;
  if (last > BGBB_MAX_PERIODS) {
    throw new CvError("BAD_VALUE", `to_year ${toYear} is ${last} periods of ${stepYears} years, more than the ${BGBB_MAX_PERIODS.toLocaleString("en")} counted: use a longer period or a shorter interval`, { argument: "to_year", value: toYear });
  }
  const discount = new Float64Array(last - first + 1);
  const perStep = Math.log1p(annualDiscount) * stepYears;
  for (let k = first; k <= last; k++) discount[k - first] = Math.exp(-perStep * k);
  return { fromYear, toYear, annualDiscount, margin, stepYears, stepLength, first, last, discount };
}

/**
 * The schedule of a continuous-time model fitted in periods of `unitDays` days: months of
 * 365.25/12 days, each (365.25/12)/unitDays model periods long. Cost: O(months).
 *
 * @throws CvError BAD_VALUE as {@link valueSchedule}.
 * @example monthlySchedule({}, 7).stepLength // → 4.348214… weeks a month; months 1 … 12
 */
export function monthlySchedule(options: ModelValueOptions, unitDays: number): ValueSchedule {
  return valueSchedule(options, 1 / 12, TIME_UNIT_DAYS.month / unitDays);
}

/**
 * The schedule of BG/BB with opportunity periods of `periodYears` years (1 for an annual
 * appeal): one step a period. Cost: O(periods).
 *
 * @throws CvError BAD_VALUE as {@link valueSchedule}, and naming `unit` for a period that is not a positive number of years.
 * @example periodSchedule({ toYear: 3 }, 1).last // → 3
 */
export function periodSchedule(options: ModelValueOptions, periodYears: number): ValueSchedule {
  if (!(periodYears > 0) || !Number.isFinite(periodYears)) {
    throw new CvError("BAD_VALUE", `unit is the length of a BG/BB period in years (1 for once a year), found ${periodYears}`, { argument: "unit", value: periodYears });
  }
  return valueSchedule(options, periodYears, 1, `periods of ${periodYears} year${periodYears === 1 ? "" : "s"} (the unit)`);
}

/** A model's expected transactions in the next t periods of a customer with history (x, t_x, T), at bound parameters. */
export type ConditionalExpectation = (t: number, x: number, tx: number, T: number) => number;

/**
 * Discounted expected transactions of one customer of a continuous-time model over the
 * schedule's months: Σ_{m=first..last} (E(m·M) − E((m−1)·M)) · v_m, E the model's
 * conditional expectation and M the month in model periods.
 *
 * Method: the cumulative expectation at each month's end, differenced; E(0) = 0 is not
 * computed. Cost: (last − first + 1) expectations, plus one when the interval does not
 * start today; no allocation.
 *
 * @throws whatever `expected` throws (e.g. CvError OUT_OF_RANGE).
 * @example discountedTransactions((t) => 0.5 * t, monthlySchedule({}, 7), 0, 0, 0) // → 0.5 · 4.348 · Σ_{m=1..12} 1.1^(−m/12) = 24.79
 */
export function discountedTransactions(expected: ConditionalExpectation, schedule: ValueSchedule, x: number, tx: number, T: number): number {
  const { first, last, stepLength, discount } = schedule;
  let before = first === 1 ? 0 : expected((first - 1) * stepLength, x, tx, T);
  let sum = 0;
  for (let k = first; k <= last; k++) {
    const upTo = expected(k * stepLength, x, tx, T);
    sum += (upTo - before) * discount[k - first]!;
    before = upTo;
  }
  return sum;
}

/**
 * Discounted expected transactions of one BG/BB customer (x, t_x, n) over the schedule's
 * periods: Σ_{k=first..last} E[Y_{n+k} | x, t_x, n] · v_k, the discrete DERT of Fader,
 * Hardie & Shang (2010) cut to the interval.
 *
 * Method: the per-period expectations of `bgbbExpectedByPeriod` (each the previous times
 * (δ+n+k−1)/(γ+δ+n+k−1)), written into `scratch`, which must hold `schedule.last` numbers
 * (pass one buffer for every customer). Cost: O(n − t_x + last).
 *
 * @throws CvError BAD_VALUE when scratch is too short.
 * @example bgbbDiscountedTransactions(donations, periodSchedule({ toYear: 3 }, 1), 6, 6, 6, new Float64Array(3)) // → 0.8427/1.1 + 0.7896/1.21 + 0.7443/1.331 ≈ 1.978
 */
export function bgbbDiscountedTransactions(p: BgbbParams, schedule: ValueSchedule, x: number, tx: number, n: number, scratch: Float64Array): number {
  if (scratch.length < schedule.last) throw new CvError("BAD_VALUE", `the scratch buffer holds ${scratch.length} periods, the interval needs ${schedule.last}`);
  bgbbExpectedByPeriod(p, schedule.last, x, tx, n, scratch);
  let sum = 0;
  for (let k = schedule.first; k <= schedule.last; k++) sum += scratch[k - 1]! * schedule.discount[k - schedule.first]!;
  return sum;
}

/**
 * A customer's value: margin × Gamma-Gamma expected spend × discounted expected
 * transactions. Cost: O(1).
 *
 * @throws CvError OUT_OF_RANGE naming avg_spend when the value is beyond ±1.8e308; as
 *   `gammaGammaSpend` otherwise (q ≤ 1).
 * @example customerValue(1.5, { p: 6.25, q: 3.74, gamma: 15.44 }, 2, 22.35, 0.3) // → 0.3 · 24.66 · 1.5 ≈ 11.10 (spend (15.44 + 44.7) · 6.25 / 15.24)
 */
export function customerValue(discounted: number, gg: GammaGammaParams, x: number, avgSpend: number, margin: number): number {
  const spend = gammaGammaSpend(gg, x, avgSpend);
  const value = margin * spend * discounted;
  if (!Number.isFinite(value)) {
    throw new CvError(
      "OUT_OF_RANGE",
      `the lifetime value (expected spend ${spend} × ${discounted} discounted transactions × margin ${margin}) is beyond the largest number Excel holds (±1.8E+308): rescale avg_spend (e.g. thousands instead of units)`,
      { argument: "avg_spend", value: avgSpend },
    );
  }
  return value;
}

/** Discounted expected transactions of one customer at bound parameters: (x, t_x, T) → number (T is n for BG/BB). */
export type CustomerValuer = (x: number, tx: number, T: number) => number;

/**
 * A lifetime model as the CLV sees it: its names, its parameters, its FIT function, whether
 * it counts discrete periods, its row check, and how to bind parameters to a valuer.
 */
export interface ValueModel {
  /** "bgnbd", "mbgnbd", "pnbd", "bgbb". */
  key: string;
  /** As a FIT table's "model" row writes it: "BG/NBD", "MBG/NBD", "Pareto/NBD", "BG/BB". */
  name: string;
  parameterNames: readonly string[];
  /** The custom function that fits it, for messages ("CV.BGNBD.FIT"). */
  fitFunction: string;
  /** BG/BB: steps are the model's own periods and T is n. */
  discrete: boolean;
  /** What is wrong with a customer's row (x, t_x, T or n), or undefined. */
  rowProblem(x: number, tx: number, T: number, row: number): CvError | undefined;
  /**
   * Binds parameters (by name) and the schedule. `scratch` (BG/BB only: at least
   * schedule.last numbers) lets repeated binds share one buffer.
   *
   * @throws CvError BAD_VALUE naming `argument` for a missing or impossible parameter.
   */
  bind(params: Readonly<Record<string, number>>, schedule: ValueSchedule, argument?: string, scratch?: Float64Array): CustomerValuer;
}

/** A continuous-time model of the holdout registry as a value model: monthly steps. */
function continuousValueModel(model: HoldoutModel, fitFunction: string): ValueModel {
  return {
    key: model.key,
    name: model.name,
    parameterNames: model.parameterNames,
    fitFunction,
    discrete: false,
    rowProblem: repeatRowProblem,
    bind(params, schedule, argument = "params") {
      const predictor = model.predictor(params, argument);
      return (x, tx, T) => discountedTransactions(predictor.expected, schedule, x, tx, T);
    },
  };
}

const BGBB_NAMES = ["alpha", "beta", "gamma", "delta"] as const;

/**
 * BG/BB (Fader, Hardie & Shang 2010) as a value model: per-period steps, T read as n.
 *
 * @example BGBB_VALUE_MODEL.bind({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, periodSchedule({ toYear: 3 }, 1))(6, 6, 6) // ≈ 1.978
 */
export const BGBB_VALUE_MODEL: ValueModel = {
  key: "bgbb",
  name: "BG/BB",
  parameterNames: BGBB_NAMES,
  fitFunction: "CV.BGBB.FIT",
  discrete: true,
  rowProblem: bgbbRowProblem,
  bind(params, schedule, argument = "params", scratch) {
    const missing = BGBB_NAMES.filter((name) => params[name] === undefined);
    if (missing.length > 0) throw new CvError("BAD_VALUE", `${argument}: no value for ${missing.join(", ")} (BG/BB needs ${BGBB_NAMES.join(", ")})`, { argument });
    const p: BgbbParams = { alpha: params.alpha!, beta: params.beta!, gamma: params.gamma!, delta: params.delta! };
    checkBgbbParams(p, argument);
    const buffer = scratch !== undefined && scratch.length >= schedule.last ? scratch : new Float64Array(schedule.last);
    return (x, tx, n) => bgbbDiscountedTransactions(p, schedule, x, tx, n, buffer);
  },
};

/**
 * Every model CV.BTYD.CLV values, by key: the continuous models of the holdout registry
 * (HOLDOUT_MODELS) and BG/BB.
 *
 * @example Object.keys(VALUE_MODELS) // → ["bgnbd", "mbgnbd", "pnbd", "bgbb"]
 */
export const VALUE_MODELS: Readonly<Record<string, ValueModel>> = {
  bgnbd: continuousValueModel(HOLDOUT_MODELS.bgnbd!, "CV.BGNBD.FIT"),
  mbgnbd: continuousValueModel(HOLDOUT_MODELS.mbgnbd!, "CV.MBGNBD.FIT"),
  pnbd: continuousValueModel(HOLDOUT_MODELS.pnbd!, "CV.PNBD.FIT"),
  bgbb: BGBB_VALUE_MODEL,
};

/**
 * The value model a name gives: its key or name, in any case, with or without "/" and
 * spaces ("BG/NBD", "pareto nbd", "bgbb"). Cost: O(models).
 *
 * @throws CvError BAD_VALUE naming the argument, the value and the choices.
 * @example valueModelByName("Pareto/NBD").key // → "pnbd"
 */
export function valueModelByName(text: string, argument = "params"): ValueModel {
  const squash = (s: string) => s.toLowerCase().replace(/[\s/_-]+/g, "");
  const wanted = squash(text);
  for (const model of Object.values(VALUE_MODELS)) if (squash(model.key) === wanted || squash(model.name) === wanted) return model;
  const names = Object.values(VALUE_MODELS).map((m) => `"${m.name}"`);
  throw new CvError("BAD_VALUE", `${argument}: the model must be one of ${names.join(", ")}, found ${describeValue(text)}`, { argument, value: text });
}

/** The per-customer columns a CLV needs: (x, t_x, T) — n for BG/BB — and the average repeat spend. */
export interface ModelValueColumns {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
  avgSpend: ArrayLike<number>;
}

/**
 * Every customer's value over the schedule and their total, at given parameters.
 *
 * Method: the parameters are bound once; per customer, {@link ValueModel.bind}'s discounted
 * transactions × Gamma-Gamma spend × margin. Cost: one valuer call per customer (months ×
 * one expectation, or one BG/BB walk), no allocation per customer.
 *
 * @throws CvError BAD_VALUE naming the argument and row for the first impossible row (a
 *   blank is impossible here: the functions report blanks per cell); as the model otherwise.
 * @example modelValues(VALUE_MODELS.bgnbd!, { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { p: 6.25, q: 3.74, gamma: 15.44 }, { x: [2], tx: [30.43], T: [38.86], avgSpend: [22.35] }, monthlySchedule({}, 7)).total
 */
export function modelValues(model: ValueModel, params: Readonly<Record<string, number>>, gg: GammaGammaParams, columns: ModelValueColumns, schedule: ValueSchedule): { values: Float64Array; total: number } {
  const valuer = model.bind(params, schedule);
  const n = columns.x.length;
  const values = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const x = columns.x[i]!;
    const tx = columns.tx[i]!;
    const T = columns.T[i]!;
    const problem = model.rowProblem(x, tx, T, i + 1);
    if (problem) throw problem;
    if (Number.isNaN(x) || Number.isNaN(tx) || Number.isNaN(T)) throw new CvError("BAD_VALUE", `x row ${i + 1}: x, t_x and ${model.discrete ? "n" : "T"} are needed`, { argument: "x", row: i + 1 });
    const spend = columns.avgSpend[i]!;
    if (x > 0 && !(spend > 0 && Number.isFinite(spend))) throw new CvError("BAD_VALUE", `avg_spend row ${i + 1} is ${spend}: a customer with repeat transactions needs a positive average spend`, { argument: "avg_spend", row: i + 1, value: spend });
    const v = customerValue(valuer(x, tx, T), gg, x, spend, schedule.margin);
    values[i] = v;
    total += v;
  }
  return { values, total };
}
