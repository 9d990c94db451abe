import type { AnalysisRun, CrossSellDetails } from "../../../engine";
import type { PaneAnalysis } from "../types";
import { CrossSellEditor } from "./CrossSellEditor";
import { CrossSellPreview } from "./CrossSellPreview";

/** Cross-sell in the pane: the lines and thresholds; the rules, partners and recommendations as its preview. */
export const crossSellPane: PaneAnalysis<CrossSellDetails> = {
  Editor: CrossSellEditor,
  Preview: ({ run }: { run: AnalysisRun<CrossSellDetails> }) => <CrossSellPreview details={run.details} />,
};
