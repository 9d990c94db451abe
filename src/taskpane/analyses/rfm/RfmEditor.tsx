import { Field, Input, Radio, RadioGroup } from "@fluentui/react-components";
import type { RfmSettings } from "../../../engine";
import { ColumnSelect, CustomerIdSelect } from "../../editors/ColumnSelect";
import { usePaneStyles } from "../../styles";
import type { AnalysisEditorProps } from "../types";
import { SegmentRulesEditor } from "./SegmentRulesEditor";

/**
 * RFM settings: where R, F and M come from (per-customer columns or a transaction table),
 * the number of score bins, and the segment rules (SegmentRulesEditor, first match wins).
 *
 * @example <RfmEditor model={model} profiles={profiles} onChange={setModel} />
 */
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
      <SegmentRulesEditor rules={s.rules} bins={s.bins} onChange={(rules) => set({ rules })} />
    </div>
  );
}

