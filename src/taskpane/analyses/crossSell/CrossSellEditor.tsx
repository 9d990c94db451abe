import { type AnalysisRun, type CrossSellSettings, MAX_NEIGHBOURS, basketWords, crossSellDetails, minimumCount } from "../../../engine";
import { ColumnSelect, CustomerIdSelect } from "../../editors/ColumnSelect";
import type { AnalysisEditorProps } from "../types";
import { NumberSetting, asPercent } from "../../editors/NumberSetting";
import { usePaneStyles } from "../../styles";

/** Props of the cross-sell settings: the model's, and the preview's last run (for the basket count the support means). */
export interface CrossSellEditorProps extends AnalysisEditorProps {
  run?: AnalysisRun | null;
}

/** Reads typed text as a number, or says what is allowed. */
function readNumber(text: string, ok: (v: number) => boolean, allowed: string): number | string {
  const v = Number(text.trim().replace(",", "."));
  return text.trim() === "" || !Number.isFinite(v) || !ok(v) ? allowed : v;
}

/** Reads a percentage as a share, or says what is allowed. */
function readShare(text: string, ok: (percent: number) => boolean, allowed: string): number | string {
  const v = readNumber(text.replace("%", ""), ok, allowed);
  return typeof v === "string" ? v : v / 100;
}

const whole = (low: number, high: number) => (v: number) => Number.isInteger(v) && v >= low && v <= high;

/**
 * Cross-sell settings: the lines table's columns (customer id; the basket, an invoice for
 * "bought together" or none for "bought by the same customer"; the product; an optional
 * amount for the groups' value), then the rule thresholds (minimum support as a percentage
 * with the basket count it means, minimum confidence, products in a rule) and the
 * recommendations (neighbours, products per customer). A number out of range shows a
 * message under its box and leaves the model, and so the preview, as it was.
 */
export function CrossSellEditor({ model, profiles, onChange, run }: CrossSellEditorProps) {
  const styles = usePaneStyles();
  const s = model.crossSell;
  if (!s) return null;
  const set = (change: Partial<CrossSellSettings>) => onChange({ ...model, crossSell: { ...s, ...change } });
  const words = basketWords(s.basket);
  // The basket count of the last run, while it counted the same baskets.
  const details = run?.analysis === "crossSell" ? crossSellDetails(run) : undefined;
  const baskets = details && details.basketColumn === s.basket && details.productColumn === s.product ? details.baskets : null;
  const supportHint =
    baskets !== null
      ? `${asPercent(s.minSupport)}% = ${minimumCount(s.minSupport, baskets).toLocaleString("en")} of ${baskets.toLocaleString("en")} ${words.many}`
      : `of the ${words.many}`;
  return (
    <div className={styles.section}>
      <span className={styles.small}>A lines table: one row per product bought, with the customer and, for products bought together, the invoice.</span>
      <CustomerIdSelect model={model} profiles={profiles} onChange={onChange} />
      <ColumnSelect
        label="Basket"
        hint={s.basket === null ? "Rules of products bought by the same customer." : "Rules of products bought together on one invoice."}
        value={s.basket}
        profiles={profiles}
        kinds={["id", "text", "number"]}
        optional="Same customer (no invoice column)"
        onChange={(v) => set({ basket: v })}
      />
      <ColumnSelect label="Product" value={s.product} profiles={profiles} kinds={["text", "id", "number"]} onChange={(v) => set({ product: v })} />
      <ColumnSelect
        label="Amount"
        hint="Optional: each customer's total, summed per group."
        value={model.roles.value}
        profiles={profiles}
        kinds={["number"]}
        optional="(none)"
        onChange={(v) => onChange({ ...model, roles: { ...model.roles, value: v } })}
      />
      {/* A grid, not a wrapping row: a message under one box wraps inside its cell instead of reflowing the others. */}
      <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(130px, 1fr))", gap: "8px 12px", alignItems: "start" }}>
        <NumberSetting
          label="Min support (%)"
          hint={supportHint}
          value={s.minSupport}
          show={asPercent}
          read={(t) => readShare(t, (v) => v > 0 && v <= 100, "A share above 0% and at most 100%")}
          onChange={(minSupport) => set({ minSupport })}
        />
        <NumberSetting
          label="Min confidence (%)"
          hint="share of A's baskets with B"
          value={s.minConfidence}
          show={asPercent}
          read={(t) => readShare(t, (v) => v >= 0 && v <= 100, "A share from 0% to 100%")}
          onChange={(minConfidence) => set({ minConfidence })}
        />
        <NumberSetting
          label="Products in a rule"
          hint="both sides together"
          value={s.maxSize}
          show={String}
          read={(t) => readNumber(t, whole(2, 5), "A whole number from 2 to 5")}
          onChange={(maxSize) => set({ maxSize })}
        />
        <NumberSetting
          label="Neighbours"
          hint="similar customers to ask"
          value={s.neighbours}
          show={String}
          read={(t) => readNumber(t, whole(1, MAX_NEIGHBOURS), `A whole number from 1 to ${MAX_NEIGHBOURS.toLocaleString("en")}`)}
          onChange={(neighbours) => set({ neighbours })}
        />
        <NumberSetting
          label="Recommendations"
          hint="products per customer"
          value={s.top}
          show={String}
          read={(t) => readNumber(t, whole(1, 100), "A whole number from 1 to 100")}
          onChange={(top) => set({ top })}
        />
      </div>
    </div>
  );
}
