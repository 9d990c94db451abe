import { Field, Input, Select } from "@fluentui/react-components";
import { type LifetimeSettings, type TimeUnit, yearlyRate } from "../../../engine";
import { ColumnSelect, CustomerIdSelect } from "../../editors/ColumnSelect";
import { NumberSetting, asPercent, inRange } from "../../editors/NumberSetting";
import type { AnalysisEditorProps } from "../types";
import { TierEditor } from "../../editors/TierEditor";
import { usePaneStyles } from "../../styles";

const UNITS: { value: TimeUnit; label: string }[] = [
  { value: "day", label: "Days" },
  { value: "week", label: "Weeks" },
  { value: "month", label: "Months" },
];

/**
 * Lifetime value settings: the transaction columns (customer id, date, amount), the end of
 * the calibration period and the time unit the models count in, and the money side of CLV
 * (horizon, monthly discount rate, margin), then the CLV tiers.
 */
export function LifetimeEditor({ model, profiles, onChange }: AnalysisEditorProps) {
  const styles = usePaneStyles();
  const s = model.lifetime;
  if (!s) return null;
  const set = (change: Partial<LifetimeSettings>) => onChange({ ...model, lifetime: { ...s, ...change } });
  const yearly = yearlyRate(s.monthlyDiscount);
  return (
    <div className={styles.section}>
      <span className={styles.small}>A transaction table: one row per purchase, with the customer, the date and the amount.</span>
      <CustomerIdSelect model={model} profiles={profiles} onChange={onChange} />
      <ColumnSelect label="Purchase date" value={s.date} profiles={profiles} kinds={["date"]} onChange={(v) => set({ date: v })} />
      <ColumnSelect label="Amount" hint="Spend per purchase; negative amounts are returns." value={s.amount} profiles={profiles} kinds={["number"]} onChange={(v) => set({ amount: v })} />
      {/* A grid, not a wrapping row: a message under one box then wraps inside its cell instead of reflowing the others. */}
      <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(130px, 1fr))", gap: "8px 12px", alignItems: "start" }}>
        <Field label="As of" hint="Blank: after the last purchase.">
          <Input type="date" style={{ width: "100%", minWidth: 0 }} value={s.asOf ?? ""} onChange={(_, d) => set({ asOf: d.value === "" ? null : d.value })} />
        </Field>
        <Field label="Time unit">
          <Select value={s.unit} onChange={(_, d) => set({ unit: d.value as TimeUnit })}>
            {UNITS.map((u) => (
              <option key={u.value} value={u.value}>
                {u.label}
              </option>
            ))}
          </Select>
        </Field>
        <NumberSetting
          label="Horizon (months)"
          value={s.horizonMonths}
          show={String}
          read={(t) => inRange(t, 1, 1200, "Whole months", true)}
          onChange={(horizonMonths) => set({ horizonMonths })}
        />
        <NumberSetting
          label="Discount (% a month)"
          hint={`${(yearly * 100).toFixed(1)}% a year`}
          value={s.monthlyDiscount}
          show={asPercent}
          read={(t) => {
            const v = inRange(t, 0, 99.99, "A rate", false, "%");
            return typeof v === "string" ? v : v / 100;
          }}
          onChange={(monthlyDiscount) => set({ monthlyDiscount })}
        />
        <NumberSetting
          label="Margin (%)"
          hint={s.margin === 1 ? "100% = revenue" : "of spend"}
          value={s.margin}
          show={asPercent}
          read={(t) => {
            const v = inRange(t, 0, 100, "A margin", false, "%");
            return typeof v === "string" ? v : v / 100;
          }}
          onChange={(margin) => set({ margin })}
        />
      </div>
      <TierEditor label="CLV tiers" scoreName="CLV" tiers={s.tiers} onChange={(tiers) => set({ tiers })} />
    </div>
  );
}
