import type { AnalysisRun, LifetimeDetails } from "../../../engine";
import { tierProblem } from "../../paneChecks";
import type { PaneAnalysis } from "../types";
import { LifetimeEditor } from "./LifetimeEditor";
import { FrequencyChart, ParameterTable } from "./LifetimePreview";
import { FrequencyRecencyHeatmap, PAliveNote } from "./LifetimeMatrix";
import { LifetimeCheckView } from "./LifetimeCheck";

/**
 * The fitted parameters with their standard errors and verdicts, the fit check chart (for a
 * model with count probabilities), the frequency/recency matrices of expected purchases and
 * of P(alive), with what P(alive) means and how it spreads here, and the holdout check when
 * the settings ask for it.
 */
function LifetimePreview({ run }: { run: AnalysisRun<LifetimeDetails> }) {
  return (
    <>
      <ParameterTable lifetime={run.details} />
      {run.details.frequency && <FrequencyChart frequency={run.details.frequency} />}
      <FrequencyRecencyHeatmap lifetime={run.details} which="expected" />
      <FrequencyRecencyHeatmap lifetime={run.details} which="pAlive" />
      <PAliveNote lifetime={run.details} warned={run.warnings.some((w) => w.kind === "dropout")} />
      {run.details.check && <LifetimeCheckView check={run.details.check} />}
    </>
  );
}

/** Lifetime value in the pane: the transactions and the money side of CLV; the fits and the model check as its preview. */
export const lifetimePane: PaneAnalysis<LifetimeDetails> = {
  Editor: LifetimeEditor,
  Preview: LifetimePreview,
  check: (model) => (model.lifetime ? tierProblem(model.lifetime.tiers, "CLV") : null),
};
