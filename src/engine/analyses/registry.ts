import type { AnalysisId, CustomerValueModel } from "../model";
import type { CustomerTable } from "../profile";
import { abcByValue } from "./abcAnalysis";
import type { AnalysisDefinition, AnalysisRun } from "./common";
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
};

/**
 * Runs a model on a table with the analysis it names. Pure: the preview calls it on every
 * edit, Apply calls it once before writing. Cost: that of the analysis, O(n log n).
 *
 * @throws CvError when the model cannot run on this table (missing column, no indicators).
 * @example runModel(model, table).columns[0].header === "CV Score"
 */
export function runModel(model: CustomerValueModel, table: CustomerTable): AnalysisRun {
  return ANALYSES[model.analysis].run(model, table);
}
