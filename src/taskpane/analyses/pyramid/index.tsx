import { IndicatorsEditor } from "../../editors/IndicatorsEditor";
import { TierEditor } from "../../editors/TierEditor";
import { GroupChart } from "../../preview/GroupChart";
import { tierProblem, weightsProblem } from "../../paneChecks";
import type { AnalysisEditorProps, PaneAnalysis } from "../types";

/** The value pyramid's settings: the indicators, their weights and directions, the normalisation and the tiers. */
function PyramidEditor(props: AnalysisEditorProps) {
  const { model, onChange } = props;
  return (
    <>
      <IndicatorsEditor {...props} />
      <TierEditor tiers={model.tiers} onChange={(tiers) => onChange({ ...model, tiers })} />
    </>
  );
}

/** The value pyramid in the pane: its editor, and the pyramid of tiers as its preview. */
export const pyramidPane: PaneAnalysis<null> = { Editor: PyramidEditor, Preview: GroupChart, check: (model) => weightsProblem(model) ?? tierProblem(model.tiers) };
