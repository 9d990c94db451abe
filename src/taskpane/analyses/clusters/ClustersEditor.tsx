import { Checkbox, Field, Radio, RadioGroup, Select } from "@fluentui/react-components";
import { type ClustersSettings, MAX_CLUSTERS, clustersSettings } from "../../../engine";
import { NumberSetting } from "../../editors/NumberSetting";
import { indicatorCandidates, toggleIndicator } from "../../modelEdits";
import { usePaneStyles } from "../../styles";
import type { AnalysisEditorProps } from "../types";

const K_CHOICES = Array.from({ length: MAX_CLUSTERS - 1 }, (_, i) => i + 2);

/**
 * The clusters' settings: the indicators to cluster on (a checkbox per number column;
 * weights and directions play no part), the number of clusters ("Suggested" = the highest
 * silhouette over 2–10), the standardisation and the seed.
 */
export function ClustersEditor({ model, profiles, onChange }: AnalysisEditorProps) {
  const styles = usePaneStyles();
  const s = model.clusters ?? clustersSettings.defaults({ profiles, value: model.roles.value });
  const set = (change: Partial<ClustersSettings>) => onChange({ ...model, clusters: { ...s, ...change } });
  const candidates = indicatorCandidates(profiles, model);
  return (
    <div className={styles.section}>
      <fieldset className={styles.section} style={{ border: "none", margin: 0, padding: 0 }}>
        <legend>Indicators to cluster on</legend>
        {candidates.length === 0 && <span className={styles.small}>The table has no number columns to cluster on.</span>}
        {candidates.map((p) => (
          <Checkbox
            key={p.header}
            label={p.header}
            checked={model.indicators.some((i) => i.column === p.header)}
            onChange={(_, d) => onChange(toggleIndicator(model, p.header, Boolean(d.checked)))}
          />
        ))}
      </fieldset>
      <Field label="Number of clusters" hint="Suggested: the number whose clusters stand furthest apart (highest mean silhouette, 2–10).">
        <Select value={String(s.k)} onChange={(_, d) => set({ k: d.value === "auto" ? "auto" : Number(d.value) })}>
          <option value="auto">Suggested</option>
          {K_CHOICES.map((k) => (
            <option key={k} value={String(k)}>
              {k}
            </option>
          ))}
        </Select>
      </Field>
      <RadioGroup value={s.method} onChange={(_, d) => set({ method: d.value === "minmax" ? "minmax" : "zscore" })} aria-label="Standardisation">
        <Radio value="zscore" label="Z-scores (each indicator: mean 0, spread 1)" />
        <Radio value="minmax" label="Min-max (each indicator from 0 to 1)" />
      </RadioGroup>
      <NumberSetting
        label="Seed"
        hint="Fixes the random start: the same seed gives the same clusters."
        value={s.seed}
        show={String}
        read={(text) => {
          const v = Number(text.trim());
          return text.trim() !== "" && Number.isInteger(v) && v >= 0 && v <= 4_294_967_295 ? v : "a whole number from 0 to 4294967295";
        }}
        onChange={(seed) => set({ seed })}
      />
    </div>
  );
}
