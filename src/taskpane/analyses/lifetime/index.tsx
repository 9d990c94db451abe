import type { AnalysisRun, LifetimeDetails } from "../../../engine";
import { tierProblem } from "../../paneChecks";
import type { PaneAnalysis } from "../types";
import { LifetimeEditor } from "./LifetimeEditor";
import { FrequencyChart, ParameterTable } from "./LifetimePreview";

/** The fitted parameters and the model check chart. */
function LifetimePreview({ run }: { run: AnalysisRun<LifetimeDetails> }) {
  return (
    <>
      <ParameterTable lifetime={run.details} />
      <FrequencyChart frequency={run.details.frequency} />
    </>
  );
}

/** Lifetime value in the pane: the transactions and the money side of CLV; the fits and the model check as its preview. */
export const lifetimePane: PaneAnalysis<LifetimeDetails> = {
  Editor: LifetimeEditor,
  Preview: LifetimePreview,
  check: (model) => (model.lifetime ? tierProblem(model.lifetime.tiers, "CLV") : null),
};
