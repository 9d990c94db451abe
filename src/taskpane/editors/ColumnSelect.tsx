import { Button, Field, Input, Radio, RadioGroup, Select } from "@fluentui/react-components";
import { type ColumnKind, type ColumnProfile, type CustomerValueModel, DEFAULT_SEGMENT_RULES, type LifecycleSettings, type RfmSettings, type SegmentRule } from "../engine";
import { usePaneStyles } from "./styles";

/** Props shared by the two editors. */
export interface BehaviourEditorProps {
  model: CustomerValueModel;
  profiles: readonly ColumnProfile[];
  onChange(model: CustomerValueModel): void;
}

/** A labelled column picker, limited to some kinds, with an optional "(none)". */
export function ColumnSelect(props: { label: string; hint?: string; value: string | null; profiles: readonly ColumnProfile[]; kinds: readonly ColumnKind[]; optional?: string; onChange(value: string | null): void }) {
  const options = props.profiles.filter((p) => props.kinds.includes(p.kind));
  return (
    <Field label={props.label} hint={props.hint}>
      <Select value={props.value ?? ""} onChange={(_, d) => props.onChange(d.value === "" ? null : d.value)}>
        {(props.optional !== undefined || props.value === null) && <option value="">{props.optional ?? "(choose a column)"}</option>}
        {options.map((p) => (
          <option key={p.header} value={p.header}>
            {p.header}
          </option>
        ))}
      </Select>
    </Field>
  );
}

const bound = (v: number): string => (Number.isNaN(v) ? "" : String(v));
const parseBound = (text: string): number => (text.trim() === "" ? Number.NaN : Number(text));

/** The segment rule table: one row per rule, first match wins; blank bounds are open. */
/** The customer id column of a transaction table: the model's id role, shared by every analysis that starts from transactions. */
export function CustomerIdSelect({ model, profiles, onChange }: BehaviourEditorProps) {
  return <ColumnSelect label="Customer id" value={model.roles.id} profiles={profiles} kinds={["id", "text", "number"]} onChange={(v) => onChange({ ...model, roles: { ...model.roles, id: v } })} />;
}

function RulesTable({ rules, onChange }: { rules: SegmentRule[]; onChange(rules: SegmentRule[]): void }) {
  const styles = usePaneStyles();
  const set = (i: number, rule: SegmentRule) => onChange(rules.map((r, k) => (k === i ? rule : r)));
  const boundInput = (i: number, rule: SegmentRule, key: "r" | "f" | "m", end: 0 | 1) => (
    <td className={styles.numberCell}>
      <input
        aria-label={`${rule.segment} ${key.toUpperCase()} ${end === 0 ? "min" : "max"}`}
        style={{ width: "2.2em" }}
        inputMode="numeric"
        value={bound(rule[key][end])}
        onChange={(e) => {
          const pair: [number, number] = [...rule[key]];
          pair[end] = parseBound(e.target.value);
          set(i, { ...rule, [key]: pair });
        }}
      />
    </td>
  );
  return (
    <div>
      <table className={styles.table} aria-label="Segment rules, first match wins">
        <thead>
          <tr>
            <th className={styles.cell} scope="col">
              Segment
            </th>
            <th className={styles.numberCell} scope="col" colSpan={2}>
              R
            </th>
            <th className={styles.numberCell} scope="col" colSpan={2}>
              F
            </th>
            <th className={styles.numberCell} scope="col" colSpan={2}>
              M
            </th>
            <th className={styles.cell} scope="col">
              <span className={styles.small}>remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule, i) => (
            <tr key={i}>
              <td className={styles.cell}>
                <input aria-label={`Name of segment ${i + 1}`} style={{ width: "100%", minWidth: "6em" }} value={rule.segment} onChange={(e) => set(i, { ...rule, segment: e.target.value })} />
              </td>
              {boundInput(i, rule, "r", 0)}
              {boundInput(i, rule, "r", 1)}
              {boundInput(i, rule, "f", 0)}
              {boundInput(i, rule, "f", 1)}
              {boundInput(i, rule, "m", 0)}
              {boundInput(i, rule, "m", 1)}
              <td className={styles.cell}>
                <Button size="small" appearance="subtle" aria-label={`Remove ${rule.segment}`} onClick={() => onChange(rules.filter((_, k) => k !== i))} disabled={rules.length <= 1}>
                  ×
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className={styles.row}>
        <Button size="small" onClick={() => onChange([...rules, { segment: `Segment ${rules.length + 1}`, r: [Number.NaN, Number.NaN], f: [Number.NaN, Number.NaN], m: [Number.NaN, Number.NaN] }])}>
          Add a rule
        </Button>
        <Button size="small" onClick={() => onChange(DEFAULT_SEGMENT_RULES.map((r) => ({ ...r, r: [...r.r], f: [...r.f], m: [...r.m] })))}>
          Standard rules
        </Button>
      </div>
      <span className={styles.small}>Scores 1–5; a blank bound is open; the first rule that matches wins, the rest are Others.</span>
    </div>
  );
}

/** RFM settings: where R, F and M come from, the number of score bins, and the segment rules. */
export function RfmEditor({ model, profiles, onChange }: BehaviourEditorProps) {
  const styles = usePaneStyles();
  const s = model.rfm;
  if (!s) return null;
  const set = (change: Partial<RfmSettings>) => onChange({ ...model, rfm: { ...s, ...change } });
  return (
    <div className={styles.section}>
      <RadioGroup value={s.input} onChange={(_, d) => set({ input: d.value === "transactions" ? "transactions" : "summary" })} aria-label="What the table holds">
        <Radio value="summary" label="One row per customer (recency, frequency, monetary columns)" />
        <Radio value="transactions" label="One row per purchase (a transaction table)" />
      </RadioGroup>
      {s.input === "summary" ? (
        <>
          <ColumnSelect label="Recency (days since the last purchase)" value={s.recency} profiles={profiles} kinds={["number"]} onChange={(v) => set({ recency: v })} />
          <ColumnSelect label="Frequency (purchases)" value={s.frequency} profiles={profiles} kinds={["number"]} onChange={(v) => set({ frequency: v })} />
          <ColumnSelect label="Monetary (value)" value={s.monetary} profiles={profiles} kinds={["number"]} onChange={(v) => set({ monetary: v })} />
        </>
      ) : (
        <>
          <CustomerIdSelect model={model} profiles={profiles} onChange={onChange} />
          <ColumnSelect label="Purchase date" value={s.date} profiles={profiles} kinds={["date"]} onChange={(v) => set({ date: v })} />
          <ColumnSelect label="Amount" hint="Negative amounts are returns." value={s.amount} profiles={profiles} kinds={["number"]} onChange={(v) => set({ amount: v })} />
          <ColumnSelect
            label="Invoice"
            hint="Frequency counts distinct invoices; without one, distinct purchase days."
            value={s.invoice}
            profiles={profiles}
            kinds={["id", "text", "number"]}
            optional="(none: count purchase days)"
            onChange={(v) => set({ invoice: v })}
          />
        </>
      )}
      <Field label="Score bins (2–10)">
        <Input className={styles.numberInput} type="number" min={2} max={10} value={String(s.bins)} onChange={(_, d) => set({ bins: Math.min(10, Math.max(2, Math.round(Number(d.value) || 5))) })} />
      </Field>
      <RulesTable rules={s.rules} onChange={(rules) => set({ rules })} />
    </div>
  );
}

/** Lifecycle settings: which columns feed each rule, and the rule parameters. */
export function LifecycleEditor({ model, profiles, onChange }: BehaviourEditorProps) {
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
