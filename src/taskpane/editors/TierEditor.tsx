import { Button, Field, Input, Select } from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import type { CustomerValueModel, TierSpec } from "../../engine";
import { type TierChoice, tierChoice, tiersFor } from "../modelEdits";
import { usePaneStyles } from "../styles";
import { TierPresetSummary } from "./TierPresetSummary";

/** Props of the tier editor. */
export interface TierEditorProps {
  tiers: TierSpec;
  onChange(tiers: TierSpec): void;
  /** What thresholds are on (default "score"; "CLV" for lifetime value tiers). */
  scoreName?: string;
  /** The picker's label (default "Tiers"). */
  label?: string;
}

const CHOICES: { value: TierChoice; label: string }[] = [
  { value: "pyramid", label: "Pyramid: Top 1%, Big 4%, Medium 15%, Small 80%" },
  { value: "key20", label: "Key 20% / General 80%" },
  { value: "abcd", label: "A 20%, B 30%, C 30%, D 20%" },
  { value: "custom", label: "My own shares of customers" },
  { value: "score", label: "By score thresholds" },
];

/**
 * Replaces one element of a list (a new list; the old one is left as it is).
 *
 * @example replaced(["a", "b"], 1, "c") // → ["a", "c"]
 */
export function replaced<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((v, i) => (i === index ? value : v));
}

/**
 * Tier editor: a preset, custom shares of customers (in %), or score thresholds, with
 * editable labels. A preset shows as a summary (TierPresetSummary: "top 1%", "next 4%" …)
 * whose "Customise" switches to "My own shares" with the preset's names and shares in the
 * fields; choosing a preset again shows its summary. Shares are entered in percent and
 * stored as fractions.
 *
 * @example <TierEditor tiers={model.tiers} onChange={(tiers) => onChange({ ...model, tiers })} />
 */
export function TierEditor({ tiers, onChange, scoreName = "score", label = "Tiers" }: TierEditorProps) {
  const styles = usePaneStyles();
  const choice = tierChoice(tiers);
  const box = useRef<HTMLDivElement>(null);
  // After "Customise" the summary (and its button) is gone: the focus moves to the first name field.
  const focusFirstField = useRef(false);
  useEffect(() => {
    // Only once the fields are there: a render in between (the old preset still shown) must not use up the move.
    if (!focusFirstField.current || choice !== "custom") return;
    focusFirstField.current = false;
    box.current?.querySelector<HTMLInputElement>("input")?.focus();
  });
  const rows = tiers.labels.map((label, k) => {
    const labelInput = (
      <Field label={`Name of tier ${k + 1}`} className={styles.grow}>
        <Input value={label} onChange={(_, d) => onChange({ ...tiers, labels: replaced(tiers.labels, k, d.value) })} />
      </Field>
    );
    if (tiers.by === "share") {
      return (
        <div className={styles.row} key={k}>
          {labelInput}
          <Field label={`Share of tier ${k + 1} (%)`}>
            <Input
              className={styles.numberInput}
              type="number"
              min={0}
              max={100}
              value={String(Math.round(tiers.shares[k]! * 10000) / 100)}
              onChange={(_, d) => onChange({ ...tiers, shares: replaced(tiers.shares, k, Number(d.value) / 100) })}
            />
          </Field>
        </div>
      );
    }
    const threshold = tiers.thresholds[k];
    return (
      <div className={styles.row} key={k}>
        {labelInput}
        {threshold !== undefined ? (
          <Field label={`Tier ${k + 1} from ${scoreName}`}>
            <Input
              className={styles.numberInput}
              type="number"
              value={String(threshold)}
              onChange={(_, d) => onChange({ ...tiers, thresholds: replaced(tiers.thresholds, k, Number(d.value)) })}
            />
          </Field>
        ) : (
          <span className={styles.small}>below the last threshold</span>
        )}
      </div>
    );
  });
  const shareTotal = tiers.by === "share" ? tiers.shares.reduce((a, b) => a + b, 0) : 1;
  const addTier = () => {
    if (tiers.by === "share") onChange({ ...tiers, preset: "custom", shares: [...tiers.shares, 0], labels: [...tiers.labels, `Tier ${tiers.labels.length + 1}`] });
    else onChange({ ...tiers, thresholds: [...tiers.thresholds, Math.max(0, (tiers.thresholds[tiers.thresholds.length - 1] ?? 100) - 20)], labels: [...tiers.labels.slice(0, -1), `Tier ${tiers.labels.length}`, tiers.labels[tiers.labels.length - 1] ?? "Rest"] });
  };
  const removeTier = () => {
    if (tiers.labels.length <= 2) return;
    if (tiers.by === "share") onChange({ ...tiers, preset: "custom", shares: tiers.shares.slice(0, -1), labels: tiers.labels.slice(0, -1) });
    else onChange({ ...tiers, thresholds: tiers.thresholds.slice(0, -1), labels: [...tiers.labels.slice(0, -2), tiers.labels[tiers.labels.length - 1] ?? "Rest"] });
  };
  return (
    <div className={styles.section} ref={box}>
      <Field label={label}>
        <Select value={choice} onChange={(_, d) => onChange(tiersFor(d.value as TierChoice, tiers))}>
          {CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.value === "score" ? `By ${scoreName} thresholds` : c.label}
            </option>
          ))}
        </Select>
      </Field>
      {tiers.by === "share" && choice !== "custom" ? <TierPresetSummary labels={tiers.labels} shares={tiers.shares} onCustomise={() => {
            focusFirstField.current = true;
            onChange(tiersFor("custom", tiers));
          }} /> : rows}
      {(choice === "custom" || choice === "score") && (
        <div className={styles.row}>
          <Button onClick={addTier}>Add a tier</Button>
          <Button onClick={removeTier} disabled={tiers.labels.length <= 2}>
            Remove the last tier
          </Button>
        </div>
      )}
      {tiers.by === "share" && Math.abs(shareTotal - 1) > 1e-6 && (
        <span className={styles.small} role="status">
          The shares add up to {Math.round(shareTotal * 1000) / 10}%; they must add up to 100%.
        </span>
      )}
    </div>
  );
}
