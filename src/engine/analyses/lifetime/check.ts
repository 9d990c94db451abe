/**
 * The lifetime value analysis's "Check the model" step (docs/models/holdout.md): every
 * purchase model is fitted on the transactions up to a calibration end, predicts each
 * customer's purchases in the holdout that follows (to the as-of date), and is compared with
 * what the customers did and with the naive baseline; the models are ranked by holdout MAE.
 */
import { CvError } from "../../core/errors";
import { dayToIso, isBlank, parseDayCell } from "../../core/table";
import type { TransactionColumns } from "../../behaviour/transactions";
import { type HoldoutCheck, holdoutCheck, rankHoldoutChecks } from "../../lifetime/holdout";
import type { TimeUnit } from "../../lifetime/repeatSummary";
import type { AnalysisProgress } from "../types";
import type { LifetimeCheck, PurchaseModelKey } from "./details";
import { PURCHASE_MODELS } from "./purchaseModels";

/** The share of the history (first purchase to holdout end) the automatic calibration period takes. */
export const AUTOMATIC_CALIBRATION_SHARE = 2 / 3;

/** What the check needs from the analysis's settings. */
export interface LifetimeCheckSettings {
  unit: TimeUnit;
  /** The holdout's last day (Excel serial), or undefined for the latest date in the data. */
  holdoutEnd: number | undefined;
  /** ISO date, or null for the automatic split. */
  calibrationEnd: string | null;
  /** The model the analysis uses. */
  chosen: PurchaseModelKey;
}

/** An error of the check's settings, naming the setting. */
function fail(message: string, value?: unknown): never {
  throw new CvError("BAD_OPTION", `Check the model: ${message}`, { argument: "calibration_end", ...(value !== undefined ? { value } : {}) });
}

/** MAE-like figures for words: two decimals from 0.1 up, else two significant digits. */
function short(v: number): string {
  return Math.abs(v) >= 0.1 || v === 0 ? v.toFixed(2) : v.toPrecision(2);
}

/**
 * The calibration end of the check: the given date, or the day that leaves the last third
 * of the history (first purchase to holdout end) as the holdout. Cost: O(n).
 *
 * @throws CvError BAD_OPTION naming calibration_end for a date that is not a date, or one
 *   outside [first purchase, last date), or a history under three days.
 * @example checkCalibrationEnd(tx, undefined, null) // → first + ⌊(last − first) · 2/3⌋
 */
export function checkCalibrationEnd(tx: TransactionColumns, holdoutEnd: number | undefined, given: string | null): { day: number; automatic: boolean } {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < tx.days.length; i++) {
    if (isBlank(tx.ids[i])) continue;
    const d = tx.days[i] as number;
    if (d < first) first = d;
    if (d > last) last = d;
  }
  const end = Math.min(holdoutEnd ?? last, last);
  if (given !== null) {
    const day = parseDayCell(given);
    if (day === undefined || Number.isNaN(day)) fail(`the calibration end "${given}" is not a date: write it as yyyy-mm-dd`, given);
    if (day < first || day >= end) fail(`the calibration end ${given} must be on or after the first purchase (${dayToIso(first)}) and before the holdout end (${dayToIso(end)})`, given);
    return { day, automatic: false };
  }
  if (!(end - first >= 3)) fail(`the history runs only from ${dayToIso(first)} to ${dayToIso(end)}: a check needs a calibration and a holdout period`);
  return { day: first + Math.floor((end - first) * AUTOMATIC_CALIBRATION_SHARE), automatic: true };
}

const PHASES = ["calibration", "holdout", "split"] as const;

/**
 * Models whose holdout MAE is within this share of the best one's count as predicting
 * equally well: the verdict names them together and advises no switch between them.
 */
export const EQUALLY_GOOD = 0.005;

/** "A", "A and B", "A, B and C". */
function listWords(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/**
 * Runs the check of every purchase model on one calibration/holdout split, in steps (one
 * per model fit), and gathers the figures the pane and the summary sheet show: the ranking
 * by holdout MAE with the naive baseline, means by calibration repeat purchases (groups
 * without customers left out) and the cumulative tracking curves. A model whose calibration
 * fit fails is listed with why; the check fails only when every model does. Cost: three
 * holdout checks (each one fit on the calibration summary and one expectation per
 * customer and per tracking point).
 *
 * @throws CvError BAD_OPTION for a bad calibration end; the first model's error when no model can be fitted.
 * @example finishSteps(lifetimeCheckSteps(cdnow, { unit: "week", holdoutEnd: 35976, calibrationEnd: "1997-09-30", chosen: "bgnbd" }, 0, 1)).verdict
 * // → "Pareto/NBD predicts the holdout best: MAE 0.75 (MBG/NBD 0.77, BG/NBD 0.79); …"
 */
export function* lifetimeCheckSteps(tx: TransactionColumns, s: LifetimeCheckSettings, from: number, to: number): Generator<AnalysisProgress, LifetimeCheck> {
  const split = checkCalibrationEnd(tx, s.holdoutEnd, s.calibrationEnd);
  const checks: { key: PurchaseModelKey; check: HoldoutCheck }[] = [];
  const failed: LifetimeCheck["failed"] = [];
  const models = Object.values(PURCHASE_MODELS);
  let firstError: unknown;
  for (const [k, model] of models.entries()) {
    yield { fraction: from + ((to - from) * k) / models.length, message: `Checking the model: fitting ${model.name} on the transactions to ${dayToIso(split.day)}` };
    try {
      const check = holdoutCheck(tx, { calibrationEnd: split.day, ...(s.holdoutEnd !== undefined ? { holdoutEnd: s.holdoutEnd } : {}), unit: s.unit, model: model.holdout });
      checks.push({ key: model.key, check });
    } catch (error) {
      if (!(error instanceof CvError)) throw error;
      firstError ??= error;
      failed.push({ key: model.key, name: model.name, message: error.message });
    }
  }
  if (checks.length === 0) throw firstError;
  // Models within EQUALLY_GOOD of the best MAE predict equally well: naming one "best" (BG/NBD and MBG/NBD at a → 0
  // differ in the 8th digit, which another machine's last bits can flip) would be noise, so they lead in the registry's order.
  const bestMae = Math.min(...checks.map((c) => c.check.errors.mae));
  const tied = (c: (typeof checks)[number]) => c.check.errors.mae <= bestMae * (1 + EQUALLY_GOOD);
  const order = models.map((m) => m.key);
  const ranked = [...checks].sort((p, q) =>
    tied(p) && tied(q) ? order.indexOf(p.key) - order.indexOf(q.key) : Number(tied(q)) - Number(tied(p)) || p.check.errors.mae - q.check.errors.mae || p.check.errors.rmse - q.check.errors.rmse,
  );
  const ranking = rankHoldoutChecks(ranked.map((c) => c.check));
  const equallyGood = ranked.filter(tied).map((c) => c.key);
  const tieWords =
    equallyGood.length > 1
      ? `${listWords(equallyGood.map((k) => PURCHASE_MODELS[k].name))} predict the holdout equally well: MAE ${short(bestMae)} (within ${EQUALLY_GOOD * 100}% of each other)${ranked.length > equallyGood.length ? `; ${ranked.slice(equallyGood.length).map((c) => `${PURCHASE_MODELS[c.key].name} ${short(c.check.errors.mae)}`).join(", ")}` : ""}`
      : ranking.verdict;
  const base = ranked[0]!.check;
  const naive = { mae: base.errors.naiveMae, rmse: base.errors.naiveRmse, totalPredicted: base.errors.totalNaive };
  const chosenRank = ranked.findIndex((c) => c.key === s.chosen) + 1;
  const best = ranked[0]!;
  const bestName = PURCHASE_MODELS[best.key].name;
  const versusNaive =
    best.check.errors.mae < naive.mae
      ? `each customer's own past rate does worse (MAE ${short(naive.mae)})`
      : `but each customer's own past rate does as well or better (MAE ${short(naive.mae)}): the models add little here`;
  const advice = equallyGood.includes(s.chosen) ? "" : ` The analysis uses ${PURCHASE_MODELS[s.chosen].name}${chosenRank === 0 ? ", whose check failed" : ` (rank ${chosenRank})`}: choose ${bestName} under Purchase model to use the best.`;
  const groups: number[] = [];
  base.byFrequency.customers.forEach((c, g) => {
    if (c > 0) groups.push(g);
  });
  const pick = (values: Float64Array) => groups.map((g) => values[g] as number);
  return {
    calibrationEnd: dayToIso(split.day),
    holdoutEnd: dayToIso(base.holdoutEnd),
    automatic: split.automatic,
    unit: s.unit,
    holdoutLength: base.holdoutLength,
    customers: base.actual.length,
    totalActual: base.errors.totalActual,
    models: ranked.map(({ key, check }) => ({
      key,
      name: PURCHASE_MODELS[key].name,
      params: { ...check.params },
      mae: check.errors.mae,
      rmse: check.errors.rmse,
      totalPredicted: check.errors.totalPredicted,
      warnings: [...check.fitWarnings],
    })),
    failed,
    naive,
    verdict: `${tieWords}; ${versusNaive}.${advice}`,
    equallyGood,
    chosen: s.chosen,
    chosenRank,
    byFrequency: {
      labels: groups.map((g) => base.byFrequency.labels[g] as string),
      customers: pick(base.byFrequency.customers),
      actual: pick(base.byFrequency.meanActual),
      naive: pick(base.byFrequency.meanNaive),
      predicted: ranked.map(({ check }) => pick(check.byFrequency.meanPredicted)),
    },
    tracking: {
      periodEnd: Array.from(base.tracking.periodEnd, (d) => dayToIso(Math.floor(d))),
      phase: Array.from(base.tracking.phase, (p) => PHASES[p] ?? "holdout"),
      actualCumulative: Array.from(base.tracking.actualCumulative),
      predictedCumulative: ranked.map(({ check }) => Array.from(check.tracking.predictedCumulative)),
    },
  };
}
