import { Field, Input, Select } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { type LifetimeSettings, type TimeUnit, yearlyRate } from "../engine";
import { type BehaviourEditorProps, ColumnSelect, CustomerIdSelect } from "./BehaviourEditors";
import { TierEditor } from "./TierEditor";
import { usePaneStyles } from "./styles";

/**
 * A number setting typed as text: the text is kept while the user types, and the model
 * changes only when it reads as a number in range (so clearing the box to type a new number
 * does not snap it back). Out of range or not a number: a message under the box.
 */
export function NumberSetting(props: {
  label: string;
  hint?: string;
  value: number;
  /** Shown value for a stored value (e.g. 0.01 → "1" for a percentage). */
  show(value: number): string;
  /** The stored value for typed text, or a message saying what is allowed. */
  read(text: string): number | string;
  onChange(value: number): void;
}) {
  const styles = usePaneStyles();
  const [text, setText] = useState(props.show(props.value));
  const [problem, setProblem] = useState<string | null>(null);
  // A change from outside (an import, a restored model) replaces what is typed.
  useEffect(() => {
    const read = props.read(text);
    if (typeof read === "string" || read !== props.value) {
      setText(props.show(props.value));
      setProblem(null);
    }
    // Only the stored value matters here; the text follows it.
  }, [props.value]);
  return (
    <Field label={props.label} hint={problem === null ? props.hint : undefined} validationMessage={problem ?? undefined} validationState={problem ? "error" : "none"}>
      <Input
        className={styles.numberInput}
        inputMode="decimal"
        value={text}
        onChange={(_, d) => {
          setText(d.value);
          const read = props.read(d.value);
          if (typeof read === "string") setProblem(read);
          else {
            setProblem(null);
            if (read !== props.value) props.onChange(read);
          }
        }}
      />
    </Field>
  );
}

/** Reads typed text as a number from min to max (as shown), or says what is allowed. */
function inRange(text: string, min: number, max: number, what: string, whole = false): number | string {
  const v = Number(text.trim().replace(",", "."));
  if (text.trim() === "" || !Number.isFinite(v) || v < min || v > max || (whole && !Number.isInteger(v))) return `${what} from ${min} to ${max}`;
  return v;
}

/** Percent text for a share, without float noise: 0.01 → "1", 0.125 → "12.5". */
export const asPercent = (share: number) => String(Number((share * 100).toFixed(4)));

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
export function LifetimeEditor({ model, profiles, onChange }: BehaviourEditorProps) {
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
            const v = inRange(t, 0, 99.99, "A rate");
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
            const v = inRange(t, 0, 100, "A margin");
            return typeof v === "string" ? v : v / 100;
          }}
          onChange={(margin) => set({ margin })}
        />
      </div>
      <TierEditor label="CLV tiers" scoreName="CLV" tiers={s.tiers} onChange={(tiers) => set({ tiers })} />
    </div>
  );
}
