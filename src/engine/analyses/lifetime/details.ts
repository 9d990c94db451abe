/** What the lifetime value analysis finds beyond the shared figures: the fits and the model check. */
import type { BgnbdFit } from "../../lifetime/bgnbd";
import type { GammaGammaFit } from "../../lifetime/gammaGamma";
import type { TimeUnit } from "../../lifetime/repeatSummary";
import { CvError } from "../../core/errors";
import type { AnalysisRun } from "../types";
import type { FrequencyRecencyMatrix, LifetimeHeaders, PAliveSpread } from "./meaning";

export * from "./meaning";

/**
 * What a model-based analysis fitted (lifetime value): the BG/NBD and Gamma-Gamma fits, the
 * model check of actual against expected customers by repeat purchases, and the settings
 * the CLV used, for the preview and the summary sheet.
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
  bgnbd: BgnbdFit;
  gammaGamma: GammaGammaFit;
  /** Customers by repeat purchases 0, 1, …, 7+: observed and expected under the fitted BG/NBD. */
  frequency: { buckets: string[]; actual: number[]; expected: number[] };
  /** Sum of CLV over the customers. */
  totalClv: number;
  /** The result columns' headers, with their unit and horizon in words. */
  headers: LifetimeHeaders;
  /** How P(alive) spreads over the customers, and whether it can pick out churned ones. */
  pAlive: PAliveSpread;
  /** Expected purchases over the horizon and P(alive) by x and t_x, for the data's longest T. */
  matrix: FrequencyRecencyMatrix;
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
