import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Radio,
  RadioGroup,
  Switch,
  Textarea,
  Title3,
} from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { type AnalysisProgress, type CustomerValueModel, analysisOf, parseModel } from "../engine";
import type { Workbook } from "../workbook/Workbook";
import { type ApplyPlan, executeApply, planApply, removeResults, resultsSheetName, summarySheetName, supportsFormulas } from "./apply";
import { runInSlices } from "./runInSlices";
import type { LoadedSource } from "./source";
import type { PreviewState } from "./TaskPane";
import { messageOf, plural, usePaneStyles } from "./styles";

/** Props of the Apply step. */
export interface ApplySectionProps {
  workbook: Workbook;
  loaded: LoadedSource;
  model: CustomerValueModel;
  onModelChange(model: CustomerValueModel): void;
  /** Called after a successful Apply, so the pane re-reads the table (and finds its CV columns). */
  onApplied(): void;
  /** False while the model cannot run or places nobody (`cannotApply` says why, beside the button). */
  canApply: boolean;
  /** Why Apply is off, in words shown beside it: "this model places nobody (see the preview)". */
  cannotApply?: string;
  /**
   * An imported model (file or pasted): the pane uses it ("used") or, when the table lacks some
   * of its columns, opens the remap step ("remap"). Without it the model is used as it is.
   */
  onImport?(model: CustomerValueModel, from: string): "used" | "remap";
  /** The preview's last run: Apply reuses it when it is for this very model and table (a model fit is not run twice). */
  preview?: Pick<PreviewState, "run" | "model" | "table">;
}

type Phase =
  | { kind: "idle" }
  | { kind: "planning"; progress?: AnalysisProgress }
  | { kind: "confirm"; plan: ApplyPlan }
  | { kind: "writing"; done: number; total: number }
  | { kind: "confirmRemove" }
  | { kind: "removing" };

/** Where a pasted model comes from, in messages. */
const PASTED = "The pasted model";

/** The model with its source set to the range it was read from, as it is saved. */
function withSource(model: CustomerValueModel, loaded: LoadedSource): CustomerValueModel {
  const { range } = loaded;
  return { ...model, source: { kind: range.kind, sheet: range.sheet, address: range.address, ...(range.tableName ? { tableName: range.tableName } : {}) } };
}

/**
 * Apply step: where results go, values or live formulas, the Apply button (with a
 * confirmation naming any non-empty cells it would replace), a progress bar with Cancel,
 * and export / import of the model as JSON.
 */
export function ApplySection({ workbook, loaded, model, onModelChange, onApplied, canApply, cannotApply, onImport, preview }: ApplySectionProps) {
  const styles = usePaneStyles();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  // A message belongs to the analysis it is about: switching to another analysis clears it (an imported model's message stays with the model's analysis).
  const [result, setStoredResult] = useState<{ intent: "success" | "error" | "warning"; text: string; analysis: string } | null>(null);
  const setResult = (message: { intent: "success" | "error" | "warning"; text: string } | null, analysis: string = model.analysis) =>
    setStoredResult(message === null ? null : { ...message, analysis });
  useEffect(() => {
    setStoredResult((r) => (r !== null && r.analysis !== model.analysis ? null : r));
  }, [model.analysis]);
  const abort = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement | null>(null);
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState("");

  const write = async (plan: ApplyPlan) => {
    const controller = new AbortController();
    abort.current = controller;
    const total = plan.block.rows.length;
    setPhase({ kind: "writing", done: 0, total });
    const started = performance.now();
    try {
      await executeApply(workbook, plan, withSource(model, loaded), {
        signal: controller.signal,
        onProgress: (done, all) => setPhase({ kind: "writing", done, total: all }),
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      setResult({
        intent: "success",
        text: `Wrote ${plan.block.headers.join(", ")} for ${plural(total, "customer")} to ${plan.target}${plan.ownSheets.map((s) => `, ${plural(s.rows.length, "row")} to ${s.sheet}`).join("")}, and the summary to ${plan.summary.name}, in ${seconds} s.`,
      });
      onModelChange(withSource(model, loaded));
      onApplied();
    } catch (error) {
      if (error instanceof Error && error.name === "AbortError") {
        setResult({ intent: "warning", text: "Cancelled. The rows written so far stay; apply again to finish." });
      } else setResult({ intent: "error", text: `Apply failed: ${messageOf(error)}` });
    } finally {
      abort.current = null;
      setPhase({ kind: "idle" });
    }
  };

  const apply = async () => {
    setResult(null);
    setPhase({ kind: "planning" });
    try {
      const current = preview?.run && preview.model === model && preview.table === loaded.table ? preview.run : null;
      const run = current ?? (await runInSlices(model, loaded.table, { onProgress: (progress) => setPhase({ kind: "planning", progress }) }));
      const plan = await planApply(workbook, loaded, model, run, new Date());
      if (plan.occupied.length > 0 || plan.foreignSheets.length > 0) setPhase({ kind: "confirm", plan });
      else await write(plan);
    } catch (error) {
      setResult({ intent: "error", text: messageOf(error) });
      setPhase({ kind: "idle" });
    }
  };

  const remove = async () => {
    setResult(null);
    setPhase({ kind: "removing" });
    try {
      const removed = await removeResults(workbook, model.analysis);
      setResult(
        removed.length > 0
          ? { intent: "success", text: `Removed the ${analysisOf(model.analysis).title} results: ${removed.join("; ")}. Other analyses' results stay.` }
          : { intent: "warning", text: `This workbook has no ${analysisOf(model.analysis).title} results to remove.` },
      );
      onApplied();
    } catch (error) {
      setResult({ intent: "error", text: `Remove failed: ${messageOf(error)}` });
    } finally {
      setPhase({ kind: "idle" });
    }
  };

  const exportModel = () => {
    const blob = new Blob([JSON.stringify(withSource(model, loaded), null, 2)], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "customer-value-model.json";
    link.click();
    URL.revokeObjectURL(link.href);
  };

  /** Reads a model's JSON and hands it to the pane (which may open the remap step). */
  const adoptModelText = (text: string, from: string) => {
    try {
      const imported = parseModel(text);
      const outcome = onImport ? onImport(imported, from) : (onModelChange(imported), "used");
      if (outcome === "used") setResult({ intent: "success", text: from === PASTED ? "Pasted model in use." : `Model imported from ${from}.` }, imported.analysis);
    } catch (error) {
      setResult({ intent: "error", text: `${from}: ${messageOf(error)}` });
    }
  };

  const importModel = async (file: File | undefined) => {
    if (!file) return;
    adoptModelText(await file.text(), file.name);
  };

  const busy = phase.kind === "planning" || phase.kind === "writing" || phase.kind === "removing";
  const ownSheet = resultsSheetName(model.analysis);
  // Results with one row per customer of their own (from transactions or lines) cannot sit beside the table's rows.
  const perCustomer = preview?.run?.analysis === model.analysis && preview.run.rowKeys !== undefined;
  return (
    <section className={styles.section} aria-labelledby="cv-apply-title">
      <Title3 as="h2" id="cv-apply-title">
        4. Apply
      </Title3>
      {!perCustomer && (
        <RadioGroup
          value={model.output.placement}
          onChange={(_, d) => onModelChange({ ...model, output: { ...model.output, placement: d.value === "newSheet" ? "newSheet" : "beside" } })}
          aria-label="Where to write the results"
        >
          <Radio value="beside" label="Beside the table" />
          <Radio value="newSheet" label={`On its own sheet (${ownSheet})`} />
        </RadioGroup>
      )}
      <span className={styles.small} data-testid="apply-where">
        {perCustomer
          ? `One row per customer: results go to ${ownSheet}`
          : model.output.placement === "newSheet"
            ? `Results go to ${ownSheet}`
            : "Results go beside the table"}
        , the summary to {summarySheetName(model.analysis)}; other analyses' results stay as they are.
      </span>
      <Switch
        label="Write live CV formulas instead of values"
        checked={model.output.formulas}
        disabled={perCustomer || model.output.placement === "newSheet" || !supportsFormulas(model.analysis)}
        onChange={(_, d) => onModelChange({ ...model, output: { ...model.output, formulas: d.checked } })}
      />
      <div className={styles.row}>
        {/* disabledFocusable: while writing, focus stays on Apply (a disabled button drops it to the page). */}
        <Button appearance="primary" onClick={() => void apply()} disabledFocusable={busy || !canApply}>
          Apply
        </Button>
        {phase.kind === "writing" && <Button onClick={() => abort.current?.abort()}>Cancel</Button>}
        <Button onClick={() => setPhase({ kind: "confirmRemove" })} disabledFocusable={busy}>
          Remove results
        </Button>
      </div>
      {!canApply && cannotApply && (
        <span className={styles.small} data-testid="apply-off">
          Apply is off: {cannotApply}.
        </span>
      )}
      {phase.kind === "planning" && phase.progress && (
        <Field label="Computing the results" validationMessage={phase.progress.message} validationState="none">
          <ProgressBar value={phase.progress.fraction} />
        </Field>
      )}
      {phase.kind === "writing" && (
        <Field label="Writing results" validationMessage={`${phase.done.toLocaleString("en")} of ${plural(phase.total, "row")}`} validationState="none">
          <ProgressBar value={phase.total > 0 ? phase.done / phase.total : 0} />
        </Field>
      )}
      {result && (
        <MessageBar intent={result.intent} data-testid="apply-result">
          <MessageBarBody>{result.text}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.row}>
        <Button onClick={exportModel}>Export model…</Button>
        <Button onClick={() => fileInput.current?.click()}>Import model…</Button>
        <Button onClick={() => setPasting((p) => !p)} aria-expanded={pasting}>
          Paste model…
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          aria-label="Model file to import"
          hidden
          onChange={(e) => {
            void importModel(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
      </div>
      {pasting && (
        <Field label="Model (JSON, as Export model writes it)">
          <Textarea value={pasted} onChange={(_, d) => setPasted(d.value)} resize="vertical" />
          <div className={styles.row}>
            <Button
              disabledFocusable={pasted.trim() === ""}
              onClick={() => {
                setPasting(false);
                adoptModelText(pasted, PASTED);
              }}
            >
              Use the pasted model
            </Button>
          </div>
        </Field>
      )}
      <Dialog open={phase.kind === "confirm"} onOpenChange={(_, d) => !d.open && setPhase({ kind: "idle" })}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Replace cells that are not empty?</DialogTitle>
            <DialogContent>
              {phase.kind === "confirm" && phase.plan.occupied.length > 0 && (
                <p>
                  Writing to {phase.plan.target} would replace {phase.plan.occupied.length === 20 ? "at least 20" : phase.plan.occupied.length} non-empty cell
                  {phase.plan.occupied.length === 1 ? "" : "s"}: <strong>{phase.plan.occupied.join(", ")}</strong>. Choose “On its own sheet” to keep them, or replace them.
                </p>
              )}
              {phase.kind === "confirm" && phase.plan.foreignSheets.length > 0 && (
                <p>
                  Apply replaces these sheets whole, and this workbook has sheets of that name that this analysis did not write: <strong>{phase.plan.foreignSheets.join(", ")}</strong>. Rename them to keep them, or replace them.
                </p>
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setPhase({ kind: "idle" })}>Keep my cells</Button>
              <Button appearance="primary" onClick={() => phase.kind === "confirm" && void write(phase.plan)}>
                Replace them
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      <Dialog open={phase.kind === "confirmRemove"} onOpenChange={(_, d) => !d.open && setPhase({ kind: "idle" })}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Remove the {analysisOf(model.analysis).title} results?</DialogTitle>
            <DialogContent>
              <p>
                This clears the {analysisOf(model.analysis).title} columns beside the table and deletes {ownSheet} and {summarySheetName(model.analysis)} (and any other sheet this analysis wrote). Other analyses' results stay.
              </p>
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setPhase({ kind: "idle" })}>Keep them</Button>
              <Button appearance="primary" onClick={() => void remove()}>
                Remove
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}
