import { Field, Input } from "@fluentui/react-components";
import type { LifecycleSettings } from "../../../engine";
import { ColumnSelect } from "../../editors/ColumnSelect";
import { usePaneStyles } from "../../styles";
import type { AnalysisEditorProps } from "../types";

/** Lifecycle settings: which columns feed each rule, and the rule parameters. */
export function LifecycleEditor({ model, profiles, onChange }: AnalysisEditorProps) {
  const styles = usePaneStyles();
  const s = model.lifecycle;
  if (!s) return null;
  const set = (change: Partial<LifecycleSettings>) => onChange({ ...model, lifecycle: { ...s, ...change } });
  const flag = (label: string, key: "inPlan" | "strategic" | "exited") => (
    <ColumnSelect label={label} value={s[key]} profiles={profiles} kinds={["number", "text"]} optional="(none)" onChange={(v) => set({ [key]: v })} />
  );
  const days = (label: string, key: "exitDays" | "newDays" | "coreDays") => (
    <Field label={label}>
      <Input className={styles.numberInput} type="number" min={0} value={String(s[key])} onChange={(_, d) => set({ [key]: Math.max(0, Number(d.value) || 0) })} />
    </Field>
  );
  return (
    <div className={styles.section}>
      <ColumnSelect label="First purchase" value={s.first} profiles={profiles} kinds={["date"]} onChange={(v) => set({ first: v })} />
      <ColumnSelect label="Last purchase" value={s.last} profiles={profiles} kinds={["date"]} onChange={(v) => set({ last: v })} />
      <ColumnSelect
        label="Value percentile (0–1, 1 = best)"
        hint={model.roles.value ? `Blank: the percentile rank of ${model.roles.value}.` : "Blank: no customer is Core."}
        value={s.percentile}
        profiles={profiles}
        kinds={["number"]}
        optional="(from the value column)"
        onChange={(v) => set({ percentile: v })}
      />
      <ColumnSelect label="Open problems (complaints, disputes)" value={s.problems} profiles={profiles} kinds={["number"]} optional="(none)" onChange={(v) => set({ problems: v })} />
      {flag("In the development plan (flag)", "inPlan")}
      {flag("Strategic partner (flag)", "strategic")}
      {flag("Relationship ended (flag)", "exited")}
      <ColumnSelect
        label="Stage at an earlier date"
        hint="For transitions and the upgrade rate."
        value={s.previousStage}
        profiles={profiles}
        kinds={["text"]}
        optional="(none)"
        onChange={(v) => set({ previousStage: v })}
      />
      <div className={styles.row}>
        {days("Exited after (days)", "exitDays")}
        {days("New for (days)", "newDays")}
        {days("Core after (days)", "coreDays")}
        <Field label="Core: top (%)">
          <Input className={styles.numberInput} type="number" min={1} max={100} value={String(Math.round(s.coreShare * 100))} onChange={(_, d) => set({ coreShare: Math.min(1, Math.max(0.01, (Number(d.value) || 20) / 100)) })} />
        </Field>
      </div>
    </div>
  );
}
