import { Field, Input } from "@fluentui/react-components";
import { ASPECTS, type CustomerValueModel } from "../../../engine";
import { ASPECT_WORDS, IndicatorsEditor } from "../../editors/IndicatorsEditor";
import { guessAspect } from "../../modelEdits";
import { GroupChart } from "../../preview/GroupChart";
import { usePaneStyles } from "../../styles";
import { weightsProblem } from "../../paneChecks";
import type { AnalysisEditorProps, PaneAnalysis } from "../types";

/** The scorecard's settings: the indicators with an aspect each, the normalisation, and the weights of the four aspects. */
function ScorecardEditor(props: AnalysisEditorProps) {
  const { model, onChange } = props;
  const styles = usePaneStyles();
  return (
    <>
      <IndicatorsEditor {...props} withAspects />
      <div className={styles.row}>
        {ASPECTS.map((a, k) => (
          <Field key={a} label={`${ASPECT_WORDS[a]} weight`}>
            <Input
              className={styles.numberInput}
              type="number"
              min={0}
              value={String(model.aspectWeights[k])}
              onChange={(_, d) => {
                const next = [...model.aspectWeights] as CustomerValueModel["aspectWeights"];
                next[k] = Math.max(0, Number(d.value) || 0);
                onChange({ ...model, aspectWeights: next });
              }}
            />
          </Field>
        ))}
      </div>
    </>
  );
}

/** The value scorecard in the pane; choosing it guesses each indicator's aspect from its header. */
export const scorecardPane: PaneAnalysis<null> = {
  Editor: ScorecardEditor,
  Preview: GroupChart,
  check: (model) => weightsProblem(model),
  onChoose: (model) => ({ ...model, indicators: model.indicators.map((i) => ({ ...i, aspect: i.aspect ?? guessAspect(i.column) })) }),
};
