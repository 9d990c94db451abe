import { Button, Field, Input, Select, Switch } from "@fluentui/react-components";
import { type LifetimeDetails, type LifetimeSettings, PURCHASE_MODELS, type PurchaseModelKey, type TimeUnit, purchaseModel, yearlyRate } from "../../../engine";
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

/** The purchase models in the order the registry lists them, for the Model drop-down. */
const MODELS = Object.values(PURCHASE_MODELS);

/**
 * The best model of the last holdout check when it is not the one in use (so the pane can
 * offer to switch), or null: no check yet, the check is of other settings, or the chosen
 * model predicts as well as the best (within EQUALLY_GOOD). Cost: O(1).
 *
 * @example bestOtherModel(run?.details as LifetimeDetails, "bgnbd") // → "pnbd" on CDNOW
 */
function bestOtherModel(details: LifetimeDetails | undefined, chosen: PurchaseModelKey): PurchaseModelKey | null {
  const check = details?.check;
  const best = check?.models[0]?.key;
  return best !== undefined && check?.chosen === chosen && !check.equallyGood.includes(chosen) ? best : null;
}

/**
 * Lifetime value settings: the transaction columns (customer id, date, amount), the end of
 * the calibration period and the time unit the models count in, the purchase model (with
 * what sets it apart) and the "Check the model" step (a holdout check of every model, with a
 * calibration end chosen or left to the add-in, and a button to switch to the model that
 * predicts best), the money side of CLV (horizon, monthly discount rate, margin), then the
 * CLV tiers.
 */
export function LifetimeEditor({ model, profiles, onChange, run }: AnalysisEditorProps) {
  const styles = usePaneStyles();
  const s = model.lifetime;
  if (!s) return null;
  const set = (change: Partial<LifetimeSettings>) => onChange({ ...model, lifetime: { ...s, ...change } });
  const yearly = yearlyRate(s.monthlyDiscount);
  const chosen = purchaseModel(s.model);
  const better = bestOtherModel(run?.analysis === "lifetime" ? (run.details as LifetimeDetails) : undefined, s.model);
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
      <Field label="Purchase model" hint={`${chosen.source}. ${chosen.about}`}>
        <Select value={s.model} onChange={(_, d) => set({ model: d.value as PurchaseModelKey })}>
          {MODELS.map((m) => (
            <option key={m.key} value={m.key}>
              {m.name}
            </option>
          ))}
        </Select>
      </Field>
      <Switch
        label="Check the model: fit every model on the earlier purchases and compare its predictions with the later ones"
        checked={s.check === "holdout"}
        onChange={(_, d) => set({ check: d.checked ? "holdout" : "off" })}
      />
      {s.check === "holdout" && (
        <Field label="Calibration end" hint="Blank: the add-in keeps the last third of the history as the holdout, up to the as-of date.">
          <Input type="date" style={{ width: "100%", minWidth: 0, maxWidth: "180px" }} value={s.calibrationEnd ?? ""} onChange={(_, d) => set({ calibrationEnd: d.value === "" ? null : d.value })} />
        </Field>
      )}
      {better && (
        <div className={styles.row} data-testid="lifetime-use-best">
          <span className={styles.small}>{purchaseModel(better).name} predicted the holdout better than {chosen.name}.</span>
          <Button size="small" onClick={() => set({ model: better })}>
            Use {purchaseModel(better).name}
          </Button>
        </div>
      )}
      <TierEditor label="CLV tiers" scoreName="CLV" tiers={s.tiers} onChange={(tiers) => set({ tiers })} />
    </div>
  );
}
