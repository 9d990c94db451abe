/**
 * The registry of analyses: every analysis the task pane offers, one line each. A new
 * analysis is a new folder under analyses/ plus one line here (and one in the pane's
 * registry); its id, its settings' type in the model and the lists of ids all follow from
 * this object, so a definition with a missing part does not compile.
 */
import type { CustomerTable } from "../core/profile";
import { abcByValue } from "./abc/analysis";
import { clustersAnalysis } from "./clusters/analysis";
import { withBreakdown } from "./breakdown";
import { crossSellAnalysis } from "./crossSell/analysis";
import { columnIndex } from "./common";
import { lifecycleAnalysis } from "./lifecycle/analysis";
import { lifetimeValueAnalysis } from "./lifetime/analysis";
import type { CustomerValueModel } from "./model";
import { valuePyramid } from "./pyramid/analysis";
import { rfmSegments } from "./rfm/analysis";
import { valueScorecardAnalysis } from "./scorecard/analysis";
import type { SettingsDeclaration } from "./settings";
import type { AnalysisDefinition, AnalysisProgress, AnalysisRun } from "./types";

/** Every analysis the task pane offers, by id, in the order the pane lists them. */
export const ANALYSES = {
  pyramid: valuePyramid,
  scorecard: valueScorecardAnalysis,
  abc: abcByValue,
  rfm: rfmSegments,
  lifecycle: lifecycleAnalysis,
  lifetime: lifetimeValueAnalysis,
  crossSell: crossSellAnalysis,
  clusters: clustersAnalysis,
} as const;

/** The id of an analysis: a key of the registry. */
export type AnalysisId = keyof typeof ANALYSES;

/** The analyses' ids in the pane's order. */
export const ANALYSIS_IDS = Object.keys(ANALYSES) as AnalysisId[];

type SettingsOfDefinition<D> = D extends { settings: infer X } ? (NonNullable<X> extends SettingsDeclaration<infer S> ? S : never) : never;

/** Each analysis that declares settings, with their type: the model saves them under the analysis's id. */
export type AnalysisSettingsMap = {
  [K in AnalysisId as [SettingsOfDefinition<(typeof ANALYSES)[K]>] extends [never] ? never : K]: SettingsOfDefinition<(typeof ANALYSES)[K]>;
};

/** What an analysis's run carries as details: `DetailsOf<"lifetime">` is LifetimeDetails. */
export type DetailsOf<K extends AnalysisId> = (typeof ANALYSES)[K] extends AnalysisDefinition<infer D, infer _S> ? D : never;

/** The definition of an analysis, for code that works on any of them. */
export function analysisOf(id: AnalysisId): AnalysisDefinition {
  return ANALYSES[id] as unknown as AnalysisDefinition;
}

/**
 * The table columns a model uses: the roles, the indicators and every column its analysis's
 * settings name. A re-read table that lacks one of them cannot keep the model.
 *
 * @example modelColumns({ ...model, analysis: "lifetime" }) // → ["CustomerID", "Amount", …, "InvoiceDate"]
 */
export function modelColumns(model: CustomerValueModel): string[] {
  // The settings saved under the analysis's id are of the type its declaration reads.
  const declaration = analysisOf(model.analysis).settings as SettingsDeclaration<unknown> | null;
  const own: unknown = model[model.analysis as keyof CustomerValueModel];
  const named = [
    ...Object.values(model.roles).filter((r): r is string => r !== null),
    ...model.indicators.map((i) => i.column),
    ...(declaration && own !== undefined ? declaration.columns(own) : []),
  ];
  return [...new Set(named)];
}

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
  return withBreakdown(model, table, analysisOf(model.analysis).run(model, table));
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
  const definition = analysisOf(model.analysis);
  // A missing groupBy column fails at once, not after a long fit.
  if (model.groupBy) columnIndex(table, model.groupBy, "Group by");
  const run = definition.runSteps ? yield* definition.runSteps(model, table) : definition.run(model, table);
  return withBreakdown(model, table, run);
}
