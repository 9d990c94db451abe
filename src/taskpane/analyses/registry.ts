/**
 * The pane's registry of analyses: each one's editor and preview, one line each, keyed like
 * the engine's registry, so an analysis without its pane part does not compile.
 */
import type { AnalysisId, CustomerValueModel, DetailsOf } from "../../engine";
import { abcPane } from "./abc";
import { clustersPane } from "./clusters";
import { crossSellPane } from "./crossSell";
import { lifecyclePane } from "./lifecycle";
import { lifetimePane } from "./lifetime";
import { pyramidPane } from "./pyramid";
import { rfmPane } from "./rfm";
import { scorecardPane } from "./scorecard";
import type { PaneAnalysis } from "./types";

/** Every analysis's editor and preview, by id. */
export const PANE_ANALYSES: { readonly [K in AnalysisId]: PaneAnalysis<DetailsOf<K>> } = {
  pyramid: pyramidPane,
  scorecard: scorecardPane,
  abc: abcPane,
  rfm: rfmPane,
  lifecycle: lifecyclePane,
  lifetime: lifetimePane,
  crossSell: crossSellPane,
  clusters: clustersPane,
};

/** The pane part of an analysis, for code that works on any of them. */
export function paneAnalysisOf(id: AnalysisId): PaneAnalysis {
  return PANE_ANALYSES[id] as unknown as PaneAnalysis;
}

/**
 * The pane's check of a model before the preview runs it: the chosen analysis's own check
 * of the settings its editor holds (indicator weights, tiers, ABC classes, the CLV tiers), in
 * the pane's words; null when the engine may run it. Cost: O(settings).
 *
 * @example paneProblem(model) // → null for the default pyramid; "The tier shares add up to 109%; they must add up to 100%." with custom shares 29% + 80%
 */
export function paneProblem(model: CustomerValueModel): string | null {
  return paneAnalysisOf(model.analysis).check?.(model) ?? null;
}
