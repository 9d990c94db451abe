import type { AnalysisId, CustomerValueModel } from "./model";
import type { CustomerTable } from "../core/profile";
import { abcByValue } from "./abcAnalysis";
import { withBreakdown } from "./breakdown";
import { crossSellAnalysis } from "./crossSellAnalysis";
import { type AnalysisDefinition, type AnalysisProgress, type AnalysisRun, columnIndex } from "./common";
import { lifetimeValueAnalysis } from "./lifetimeValueAnalysis";
import { valuePyramid } from "./pyramid";
import { lifecycleAnalysis } from "./lifecycleAnalysis";
import { rfmSegments } from "./rfmAnalysis";
import { valueScorecardAnalysis } from "./scorecard";

/**
 * Every analysis the task pane offers, by id. A new analysis (lifetime value, cross-sell)
 * plugs in by adding its definition here.
 */
export const ANALYSES: Readonly<Record<AnalysisId, AnalysisDefinition>> = {
  pyramid: valuePyramid,
  scorecard: valueScorecardAnalysis,
  abc: abcByValue,
  rfm: rfmSegments,
  lifecycle: lifecycleAnalysis,
  lifetime: lifetimeValueAnalysis,
  crossSell: crossSellAnalysis,
};

/**
 * Runs a model on a table with the analysis it names, then, when the model names a groupBy
 * column, breaks the summary down by it (every analysis, see withBreakdown). Pure: the
 * preview calls it on every edit, Apply calls it once before writing. Cost: that of the
 * analysis, O(n log n).
 *
 * @throws CvError when the model cannot run on this table (missing column, no indicators).
 * @example runModel(model, table).columns[0].header === "CV Score"
 */
export function runModel(model: CustomerValueModel, table: CustomerTable): AnalysisRun {
  return withBreakdown(model, table, ANALYSES[model.analysis].run(model, table));
}

/**
 * Runs a model step by step: analyses with model fits (lifetime value) yield progress
 * every few milliseconds of work, so a task pane can yield to the browser between steps and
 * drop a stale run; the others run in one step. Driving it to the end equals runModel
 * (the breakdown by groupBy included).
 *
 * @example finishSteps(runModelSteps(model, table)) // the whole run, without progress
 */
export function* runModelSteps(model: CustomerValueModel, table: CustomerTable): Generator<AnalysisProgress, AnalysisRun> {
  const definition = ANALYSES[model.analysis];
  // A missing groupBy column fails at once, not after a long fit.
  if (model.groupBy) columnIndex(table, model.groupBy, "Group by");
  const run = definition.runSteps ? yield* definition.runSteps(model, table) : definition.run(model, table);
  return withBreakdown(model, table, run);
}
