import { Checkbox, Field, Input, Radio, RadioGroup, Select, Slider, Title3 } from "@fluentui/react-components";
import { ANALYSES, ANALYSIS_IDS, ASPECTS, type AnalysisId, type AnalysisRun, type Aspect, type ColumnProfile, type CustomerValueModel, type NormalizationMethod } from "../engine";
import { indicatorCandidates, normalisedWeights, toggleIndicator, updateIndicator, withAnalysis } from "./modelEdits";
import { percent, usePaneStyles } from "./styles";
import { LifecycleEditor, RfmEditor } from "./BehaviourEditors";
import { CrossSellEditor } from "./CrossSellEditor";
import { LifetimeEditor } from "./LifetimeEditor";
import { GroupBySelect } from "./GroupBy";
import { AbcEditor, TierEditor } from "./TierEditor";

/** Props of the model step. */
export interface ModelSectionProps {
  model: CustomerValueModel;
  profiles: readonly ColumnProfile[];
  onChange(model: CustomerValueModel): void;
  /** The preview's last run, for settings that show what they mean in the data (cross-sell: "1% = 8 of 778 invoices"). */
  run?: AnalysisRun | null;
}

const METHODS: { value: NormalizationMethod; label: string }[] = [
  { value: "minmax", label: "Min-max (lowest 0, highest 1)" },
  { value: "percentile", label: "Percentile rank (robust to outliers)" },
  { value: "log", label: "Log, then min-max (skewed money)" },
  { value: "zscore", label: "Z-score (unbounded)" },
];

const ASPECT_WORDS: Record<Aspect, string> = {
  financial: "Financial (actual)",
  sales: "Sales (actual)",
  customer: "Customer (potential)",
  service: "Service (potential)",
};

/**
 * Model step: the analysis, the indicators with weights (slider and number, with the
 * normalised percentage), direction and, for the scorecard, aspect; the normalisation;
 * the tiers (or ABC classes); and the Group by column every analysis's summary is split by.
 */
export function ModelSection({ model, profiles, onChange, run = null }: ModelSectionProps) {
  const styles = usePaneStyles();
  const candidates = indicatorCandidates(profiles, model);
  const shares = normalisedWeights(model);
  const usesIndicators = model.analysis === "pyramid" || model.analysis === "scorecard";
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
      {usesIndicators && (
        <>
          <fieldset className={styles.section} style={{ border: "none", margin: 0, padding: 0 }}>
            <legend>Indicators</legend>
            {candidates.length === 0 && <span className={styles.small}>The table has no number columns to score on.</span>}
            {candidates.map((p) => {
              const k = model.indicators.findIndex((i) => i.column === p.header);
              const ind = model.indicators[k];
              return (
                <div key={p.header} className={styles.indicator}>
                  <Checkbox label={p.header} checked={ind !== undefined} onChange={(_, d) => onChange(toggleIndicator(model, p.header, Boolean(d.checked)))} />
                  {ind && (
                    <>
                      <div className={styles.row}>
                        <Slider
                          className={styles.grow}
                          aria-label={`Weight of ${p.header} (slider)`}
                          min={0}
                          max={100}
                          value={Math.min(100, ind.weight)}
                          onChange={(_, d) => onChange(updateIndicator(model, p.header, { weight: d.value }))}
                        />
                        <Field label={`Weight of ${p.header}`} hint={`${percent(shares[k] ?? 0)} of the score`}>
                          <Input
                            className={styles.numberInput}
                            type="number"
                            min={0}
                            value={String(ind.weight)}
                            onChange={(_, d) => onChange(updateIndicator(model, p.header, { weight: Math.max(0, Number(d.value) || 0) }))}
                          />
                        </Field>
                      </div>
                      <div className={styles.row}>
                        <Field label={`Direction of ${p.header}`} className={styles.grow}>
                          <Select value={String(ind.direction)} onChange={(_, d) => onChange(updateIndicator(model, p.header, { direction: d.value === "-1" ? -1 : 1 }))}>
                            <option value="1">Higher is better</option>
                            <option value="-1">Lower is better</option>
                          </Select>
                        </Field>
                        {model.analysis === "scorecard" && (
                          <Field label={`Aspect of ${p.header}`} className={styles.grow}>
                            <Select value={ind.aspect ?? "sales"} onChange={(_, d) => onChange(updateIndicator(model, p.header, { aspect: d.value as Aspect }))}>
                              {ASPECTS.map((a) => (
                                <option key={a} value={a}>
                                  {ASPECT_WORDS[a]}
                                </option>
                              ))}
                            </Select>
                          </Field>
                        )}
                      </div>
                      {p.bad > 0 && <span className={styles.small}>{p.bad} cells are not numbers; they count as blank.</span>}
                    </>
                  )}
                </div>
              );
            })}
          </fieldset>
          <Field label="Normalisation">
            <Select value={model.method} onChange={(_, d) => onChange({ ...model, method: d.value as NormalizationMethod })}>
              {METHODS.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </Select>
          </Field>
        </>
      )}
      {model.analysis === "scorecard" && (
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
      )}
      {model.analysis === "pyramid" && <TierEditor tiers={model.tiers} onChange={(tiers) => onChange({ ...model, tiers })} />}
      {model.analysis === "abc" && <AbcEditor abc={model.abc} onChange={(abc) => onChange({ ...model, abc })} />}
      {model.analysis === "rfm" && <RfmEditor model={model} profiles={profiles} onChange={onChange} />}
      {model.analysis === "lifecycle" && <LifecycleEditor model={model} profiles={profiles} onChange={onChange} />}
      {model.analysis === "lifetime" && <LifetimeEditor model={model} profiles={profiles} onChange={onChange} />}
      {model.analysis === "crossSell" && <CrossSellEditor model={model} profiles={profiles} onChange={onChange} run={run} />}
      <GroupBySelect model={model} profiles={profiles} onChange={onChange} />
    </section>
  );
}
