/** What the lifetime value analysis finds beyond the shared figures: the fits and the model check. */
import type { GammaGammaFit } from "../../lifetime/gammaGamma";
import type { TimeUnit } from "../../lifetime/repeatSummary";
import { CvError } from "../../core/errors";
import type { AnalysisRun } from "../types";
import type { FrequencyRecencyMatrix, LifetimeHeaders, PAliveSpread } from "./meaning";

export * from "./meaning";

/** The purchase models the analysis offers (the continuous-time models of methods §9). */
export type PurchaseModelKey = "bgnbd" | "mbgnbd" | "pnbd";

/** The fitted purchase model (BG/NBD, MBG/NBD or Pareto/NBD) as the pane and the summary sheet show it. */
export interface PurchaseModelFit {
  key: PurchaseModelKey;
  /** "BG/NBD", "MBG/NBD", "Pareto/NBD". */
  name: string;
  /** The source, e.g. "Fader, Hardie & Lee 2005". */
  source: string;
  /** Parameter names in the order the model's FIT function spills them ("r", "alpha", "a", "b"). */
  parameterNames: string[];
  /** The same names as the pane writes them ("r", "α", "a", "b"). */
  labels: string[];
  params: Record<string, number>;
  /** From the Hessian; NaN where it gave none. */
  standardErrors: Record<string, number>;
  logLikelihood: number;
  /** Customers fitted. */
  customers: number;
  /** Reasons not to trust the fit, in words (empty: none). */
  warnings: string[];
  /** The custom function whose table the summary's parameter section mirrors ("CV.BGNBD.FIT"). */
  fitFunction: string;
}

/** One model in the holdout check. */
export interface LifetimeCheckModel {
  key: PurchaseModelKey;
  name: string;
  /** Parameters fitted on the calibration period, by name. */
  params: Record<string, number>;
  /** Per-customer errors of the holdout purchases predicted. */
  mae: number;
  rmse: number;
  /** Purchases predicted in the holdout over every customer of the check. */
  totalPredicted: number;
  /** The calibration fit's warnings (empty: none). */
  warnings: string[];
}

/**
 * The "Check the model" step (docs/models/holdout.md): every purchase model fitted on the
 * transactions up to the calibration end, its predictions of each customer's purchases in
 * the holdout (to the as-of date) against what they did, and the naive baseline (each
 * customer's own past rate).
 */
export interface LifetimeCheck {
  /** ISO dates: the last calibration day and the last holdout day. */
  calibrationEnd: string;
  holdoutEnd: string;
  /** True when the add-in chose the calibration end (the last third of the history is the holdout). */
  automatic: boolean;
  unit: TimeUnit;
  /** The holdout length in the unit. */
  holdoutLength: number;
  /** Customers in the check (first purchase on or before the calibration end). */
  customers: number;
  /** Purchase days the customers made in the holdout. */
  totalActual: number;
  /** The models that could be fitted, best first: the equally good ones (see equallyGood) in the registry's order, then the rest by MAE (ties by RMSE). */
  models: LifetimeCheckModel[];
  /** Models whose calibration fit failed, with why. */
  failed: { key: PurchaseModelKey; name: string; message: string }[];
  /** The naive baseline: each customer's calibration rate x / T times the holdout length. */
  naive: { mae: number; rmse: number; totalPredicted: number };
  /** Which predicts best, in one sentence, e.g. "Pareto/NBD predicts the holdout best: …". */
  verdict: string;
  /** The models whose MAE is within EQUALLY_GOOD (0.5%) of the best, in the registry's order: they predict equally well (the best alone when none is that close). */
  equallyGood: PurchaseModelKey[];
  /** The model the analysis uses, and its rank in {@link models} (1 = best; 0 when its check failed). */
  chosen: PurchaseModelKey;
  chosenRank: number;
  /** Mean holdout purchases by calibration repeat purchases 0 … 6, 7+ (FHL 2005 Figure 4); predicted[k] follows models[k]. */
  byFrequency: { labels: string[]; customers: number[]; actual: number[]; naive: number[]; predicted: number[][] };
  /** Cumulative repeat purchases per period through calibration and holdout (FHL 2005 Figure 2); predicted[k] follows models[k]. */
  tracking: { periodEnd: string[]; phase: ("calibration" | "holdout" | "split")[]; actualCumulative: number[]; predictedCumulative: number[][] };
}

/**
 * What a model-based analysis fitted (lifetime value): the purchase model's and the
 * Gamma-Gamma fits, the model check of actual against expected customers by repeat
 * purchases, the holdout check when asked for, and the settings the CLV used, for the
 * preview and the summary sheet.
 */
export interface LifetimeDetails {
  /** The calibration period's end (ISO date) and the unit x, t_x and T are counted in. */
  asOf: string;
  unit: TimeUnit;
  horizonMonths: number;
  monthlyDiscount: number;
  margin: number;
  /** Transaction rows used (dated on or before as-of, with an id, a date and an amount). */
  transactions: number;
  /** The purchase model chosen and its fit. */
  purchases: PurchaseModelFit;
  gammaGamma: GammaGammaFit;
  /** Customers by repeat purchases 0, 1, …, 7+: observed and expected under the fitted model; null for a model without count probabilities (MBG/NBD, Pareto/NBD). */
  frequency: { buckets: string[]; actual: number[]; expected: number[] } | null;
  /** Sum of CLV over the customers. */
  totalClv: number;
  /** The result columns' headers, with their unit and horizon in words. */
  headers: LifetimeHeaders;
  /** How P(alive) spreads over the customers, and whether it can pick out churned ones. */
  pAlive: PAliveSpread;
  /** Expected purchases over the horizon and P(alive) by x and t_x, for the data's longest T. */
  matrix: FrequencyRecencyMatrix;
  /** The holdout check of every purchase model; null when the settings do not ask for it. */
  check: LifetimeCheck | null;
}

/**
 * The lifetime details of a run, for code that holds a run of any analysis (a test, the
 * analysis's own preview).
 *
 * @throws CvError BAD_OPTION when the run is of another analysis.
 * @example lifetimeDetails(runModel(model, transactions)).bgnbd.params.r
 */
export function lifetimeDetails(run: AnalysisRun): LifetimeDetails {
  if (run.analysis !== "lifetime") throw new CvError("BAD_OPTION", `A ${run.analysis} run has no lifetime value details.`, { argument: "run" });
  return run.details as LifetimeDetails;
}
