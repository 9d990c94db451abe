import { Checkbox, Field, Input, Select, Slider } from "@fluentui/react-components";
import { ASPECTS, type Aspect, type NormalizationMethod } from "../../engine";
import type { AnalysisEditorProps } from "../analyses/types";
import { indicatorCandidates, normalisedWeights, toggleIndicator, updateIndicator } from "../modelEdits";
import { percent, usePaneStyles } from "../styles";

const METHODS: { value: NormalizationMethod; label: string }[] = [
  { value: "minmax", label: "Min-max (lowest 0, highest 1)" },
  { value: "percentile", label: "Percentile rank (robust to outliers)" },
  { value: "log", label: "Log, then min-max (skewed money)" },
  { value: "zscore", label: "Z-score (unbounded)" },
];

export const ASPECT_WORDS: Record<Aspect, string> = {
  financial: "Financial (actual)",
  sales: "Sales (actual)",
  customer: "Customer (potential)",
  service: "Service (potential)",
};

/** Props of the indicators editor: the analysis's, and whether each indicator has a scorecard aspect. */
export interface IndicatorsEditorProps extends AnalysisEditorProps {
  withAspects?: boolean;
}

/**
 * The indicators of a score: a checkbox per number column, a weight (slider and number, with
 * the normalised percentage), a direction and, for the scorecard, an aspect; then the
 * normalisation. Shared by the analyses that score on indicators.
 */
export function IndicatorsEditor({ model, profiles, onChange, withAspects = false }: IndicatorsEditorProps) {
  const styles = usePaneStyles();
  const candidates = indicatorCandidates(profiles, model);
  const shares = normalisedWeights(model);
  return (
        <>
      <fieldset className={styles.section} style={{ border: "none", margin: 0, padding: 0 }}>
        <legend>Indicators</legend>
        {candidates.length === 0 && <span className={styles.small}>The table has no number columns to score on.</span>}
        {candidates.map((p) => {
      const k = model.indicators.findIndex((i) => i.column === p.header);
      const ind = model.indicators[k];
      return (
        <div key={p.header} className={styles.indicator}>
          <Checkbox label={p.header} checked={ind !== undefined} onChange={(_, d) => onChange(toggleIndicator(model, p.header, Boolean(d.checked), withAspects))} />
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
                {withAspects && (
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
              {p.bad > 0 && (
                <span className={styles.small}>
                  {p.bad.toLocaleString("en")} {p.bad === 1 ? "cell is" : "cells are"} not a number; treated as blank.
                </span>
              )}
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
  );
}
