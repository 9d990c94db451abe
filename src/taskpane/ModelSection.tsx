import { Radio, RadioGroup, Title3 } from "@fluentui/react-components";
import { ANALYSES, ANALYSIS_IDS, type AnalysisId, type AnalysisRun, type ColumnProfile, type CustomerValueModel } from "../engine";
import { paneAnalysisOf } from "./analyses/registry";
import { GroupBySelect } from "./GroupBy";
import { withAnalysis } from "./modelEdits";
import { usePaneStyles } from "./styles";

/** Props of the model step. */
export interface ModelSectionProps {
  model: CustomerValueModel;
  profiles: readonly ColumnProfile[];
  onChange(model: CustomerValueModel): void;
  /** The preview's last run, for settings that show what they mean in the data (cross-sell: "1% = 8 of 778 invoices"). */
  run?: AnalysisRun | null;
  /** Rows of the table (Group by offers columns with few distinct values for its size). */
  rows?: number;
}

/**
 * Model step: the analysis, then the chosen analysis's own editor (from the pane's
 * registry), and the Group by column every analysis's summary is split by.
 */
export function ModelSection({ model, profiles, onChange, run = null, rows = 0 }: ModelSectionProps) {
  const styles = usePaneStyles();
  const { Editor } = paneAnalysisOf(model.analysis);
  return (
    <section className={styles.section} aria-labelledby="cv-model-title">
      <Title3 as="h2" id="cv-model-title">
        2. Analysis
      </Title3>
      <RadioGroup value={model.analysis} onChange={(_, d) => onChange(withAnalysis(model, d.value as AnalysisId, profiles))} aria-label="Analysis">
        {ANALYSIS_IDS.map((id) => (
          <Radio key={id} value={id} label={`${ANALYSES[id].title}: ${ANALYSES[id].summary}`} />
        ))}
      </RadioGroup>
      <Editor model={model} profiles={profiles} onChange={onChange} run={run} />
      <GroupBySelect model={model} profiles={profiles} onChange={onChange} rows={rows} />
    </section>
  );
}
