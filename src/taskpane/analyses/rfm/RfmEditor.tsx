import { Button, Field, Input, Radio, RadioGroup, Select } from "@fluentui/react-components";
import { DEFAULT_SEGMENT_RULES, type RfmSettings, type SegmentRule } from "../../../engine";
import { ColumnSelect, CustomerIdSelect } from "../../editors/ColumnSelect";
import { usePaneStyles } from "../../styles";
import type { AnalysisEditorProps } from "../types";

const bound = (v: number): string => (Number.isNaN(v) ? "" : String(v));
const parseBound = (text: string): number => (text.trim() === "" ? Number.NaN : Number(text));

/** The segment rule table: one row per rule, first match wins; blank bounds are open. */
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
export function RfmEditor({ model, profiles, onChange }: AnalysisEditorProps) {
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

