import { Button, MessageBar, MessageBarBody, Title3 } from "@fluentui/react-components";
import { useState } from "react";
import type { CustomerValueModel } from "../engine";
import { HeaderSelect } from "./editors/ColumnSelect";
import { guessColumnFor, renameColumns } from "./modelEdits";
import { plural, usePaneStyles } from "./styles";

/** A model read from the workbook or a file that names columns this table does not have. */
export interface PendingRemap {
  model: CustomerValueModel;
  /** The model's columns that are not in the table, in the model's order. */
  missing: string[];
  /** Where the model came from, for the message: "the model saved in this workbook", "customer-value-model.json". */
  from: string;
}

/** Props of the remap step. */
export interface RemapSectionProps {
  remap: PendingRemap;
  headers: readonly string[];
  /** The model with every missing column replaced by the chosen table column. */
  onRemapped(model: CustomerValueModel): void;
  /** Leave the imported model and start from the pane's guess for this table. */
  onDiscard(): void;
}

/**
 * Remap step: an imported model (the workbook's saved model, a file, pasted JSON) names
 * columns this table does not have; instead of a dead end, the pane asks for a table column
 * for each of them (first guess: the column whose header reads the same, ignoring case and
 * punctuation), then uses the model with those columns. Cost: O(columns) per render.
 *
 * @example <RemapSection remap={{ model, missing: ["Sales"], from: "model.json" }} headers={["Revenue"]} onRemapped={setModel} onDiscard={reset} />
 */
export function RemapSection({ remap, headers, onRemapped, onDiscard }: RemapSectionProps) {
  const styles = usePaneStyles();
  const [chosen, setChosen] = useState<Record<string, string>>(() => {
    const first: Record<string, string> = {};
    for (const m of remap.missing) {
      const guess = guessColumnFor(m, headers);
      if (guess) first[m] = guess;
    }
    return first;
  });
  const open = remap.missing.filter((m) => !chosen[m]);
  const n = remap.missing.length;
  return (
    <section className={styles.section} aria-labelledby="cv-remap-title" data-testid="remap">
      <Title3 as="h2" id="cv-remap-title">
        2. Match the model's columns
      </Title3>
      <MessageBar intent="warning">
        <MessageBarBody>
          {remap.from} uses {plural(n, "column")} this table does not have: {remap.missing.join(", ")}. Choose the table column to use for {n === 1 ? "it" : "each"}.
        </MessageBarBody>
      </MessageBar>
      {remap.missing.map((m) => (
        <HeaderSelect key={m} label={`Model column “${m}”`} value={chosen[m] || null} headers={headers} empty="(choose a column)" onChange={(v) => setChosen((c) => ({ ...c, [m]: v ?? "" }))} />
      ))}
      <div className={styles.row}>
        <Button appearance="primary" disabledFocusable={open.length > 0} onClick={() => onRemapped(renameColumns(remap.model, chosen))}>
          Use these columns
        </Button>
        <Button onClick={onDiscard}>Start a new model</Button>
      </div>
      {open.length > 0 && (
        <span className={styles.small} data-testid="remap-open">
          Still to choose: {open.join(", ")}.
        </span>
      )}
    </section>
  );
}
