import { FluentProvider, MessageBar, MessageBarBody, Spinner, Title2, webLightTheme } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { type AnalysisProgress, type AnalysisRun, type ColumnKind, type CustomerTable, type CustomerValueModel, defaultModel, guessRoles, modelColumns, parseModel } from "../engine";
import type { SourceKind, Workbook } from "../workbook/Workbook";
import { MODEL_SETTING, moneyFormatOf } from "./apply";
import { ApplySection } from "./ApplySection";
import { DataSection } from "./DataSection";
import { missingColumns } from "./modelEdits";
import { paneProblem } from "./analyses/registry";
import { ModelSection } from "./ModelSection";
import { PreviewSection, placesNobody } from "./PreviewSection";
import { PreviewStrip } from "./PreviewStrip";
import { type PendingRemap, RemapSection } from "./RemapSection";
import { isAbortError, runInSlices } from "./runInSlices";
import { type LoadedSource, loadFromWorkbook, loadSource, rereadRange, withKind } from "./source";
import { messageOf, usePaneStyles } from "./styles";

/** Props of the task pane: the workbook it works on (Excel or the in-memory preview). */
export interface TaskPaneProps {
  workbook: Workbook;
  /** "excel" inside Excel, "preview" on the preview page. */
  host: "excel" | "preview";
}

/** How long the preview waits after an edit before running the engine. */
const PREVIEW_DELAY_MS = 150;

/** The model kept when the table is read again, if every column it uses is still there (its analysis's columns included; a Group by column that is gone is dropped). */
function stillFits(model: CustomerValueModel | null, loaded: LoadedSource): CustomerValueModel | null {
  if (!model) return null;
  const headers = new Set(loaded.table.headers);
  if (!modelColumns(model).every((h) => headers.has(h))) return null;
  return model.groupBy && !headers.has(model.groupBy) ? { ...model, groupBy: null } : model;
}

/** The model with a Group by column the table does not have dropped (Group by is optional, so it needs no remap). */
function withoutMissingGroupBy(model: CustomerValueModel, loaded: LoadedSource): CustomerValueModel {
  return model.groupBy && !loaded.table.headers.includes(model.groupBy) ? { ...model, groupBy: null } : model;
}

/** The kinds chosen for the range read before, kept when the same range is read again. */
function keptKinds(previous: LoadedSource | null, range: { sheet: string; address: string }): Readonly<Record<string, ColumnKind>> {
  return previous && previous.range.sheet === range.sheet && previous.range.address === range.address ? previous.kinds : {};
}

/** What the preview shows: the last run (and the model it was run for), or why it failed, and whether a newer run is on its way. */
export interface PreviewState {
  run: AnalysisRun | null;
  error: string | null;
  /** True from an edit until its run has finished (or failed). */
  pending: boolean;
  /** Progress of a long run (model fits), null when there is none or it finished within one slice. */
  progress: AnalysisProgress | null;
  /** The model `run` (or `error`) belongs to, so Apply can reuse a run that is still current. */
  model: CustomerValueModel | null;
  /** The table `run` belongs to. */
  table: CustomerTable | null;
}

/**
 * Runs the model on the table a moment after the last edit; nothing is written. Long runs
 * (model fits) go in slices with yields to the browser, reporting progress; a newer edit
 * aborts the run in progress, so a stale fit never overwrites a newer one.
 */
function usePreview(model: CustomerValueModel | null, loaded: LoadedSource | null): PreviewState {
  const [state, setState] = useState<PreviewState>({ run: null, error: null, pending: false, progress: null, model: null, table: null });
  useEffect(() => {
    if (!model || !loaded) return undefined;
    setState((s) => ({ ...s, pending: true, progress: null }));
    const controller = new AbortController();
    const timer = setTimeout(() => {
      // Settings the pane's editors hold are checked in the pane's words first (shares in %, its field labels).
      const problem = paneProblem(model);
      if (problem !== null) {
        setState({ run: null, error: problem, pending: false, progress: null, model, table: loaded.table });
        return;
      }
      runInSlices(model, loaded.table, { signal: controller.signal, onProgress: (progress) => setState((s) => ({ ...s, progress })) }).then(
        (run) => setState({ run, error: null, pending: false, progress: null, model, table: loaded.table }),
        (error: unknown) => {
          if (!isAbortError(error)) setState({ run: null, error: messageOf(error), pending: false, progress: null, model, table: loaded.table });
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [model, loaded]);
  return state;
}

/**
 * The Customer Value task pane: point it at a customer table, choose an analysis and its
 * settings with a live preview, and Apply to write result columns, a summary sheet with a
 * chart, formats, and the model into the workbook. It talks only to the Workbook interface.
 */
export function TaskPane({ workbook, host }: TaskPaneProps) {
  const styles = usePaneStyles();
  const [sourceKind, setSourceKind] = useState<SourceKind>("table");
  const [loaded, setLoaded] = useState<LoadedSource | null>(null);
  const [model, setModel] = useState<CustomerValueModel | null>(null);
  const [reading, setReading] = useState(false);
  const [message, setMessage] = useState<{ intent: "error" | "info"; text: string } | null>(null);
  const [remap, setRemap] = useState<PendingRemap | null>(null);
  const preview = usePreview(model, loaded);

  // On open: restore the model saved in this workbook, and re-read the range it was applied to.
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const saved = await workbook.loadSetting(MODEL_SETTING).catch(() => null);
      if (!saved || cancelled) return;
      try {
        const restored = parseModel(saved);
        if (!restored.source) return;
        const next = await loadFromWorkbook(workbook, await rereadRange(workbook, restored.source));
        if (cancelled) return;
        setSourceKind(restored.source.kind);
        setLoaded(next);
        const missing = missingColumns(restored, next.table.headers);
        if (missing.length > 0) {
          // Columns renamed or removed since: ask which table column plays each part (the remap step), not a dead end.
          setRemap({ model: restored, missing, from: `The model saved in this workbook (${restored.source.sheet}!${restored.source.address})` });
          return;
        }
        setModel(withoutMissingGroupBy(restored, next));
        setMessage({ intent: "info", text: `Restored the model saved in this workbook (${restored.source.sheet}!${restored.source.address}).` });
      } catch (error) {
        if (!cancelled) setMessage({ intent: "error", text: `A saved model was found but could not be restored: ${messageOf(error)}` });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [workbook]);

  const read = useCallback(async () => {
    setReading(true);
    setMessage(null);
    try {
      const range = await workbook.readSource(sourceKind);
      const next = await loadFromWorkbook(workbook, range, undefined, keptKinds(loaded, range));
      setLoaded(next);
      if (remap) {
        // A model waiting for its columns: this table may have them all.
        const missing = missingColumns(remap.model, next.table.headers);
        if (missing.length > 0) {
          setRemap({ ...remap, missing });
          return;
        }
        setRemap(null);
        setModel(withoutMissingGroupBy(remap.model, next));
        return;
      }
      setModel((current) => stillFits(current, next) ?? defaultModel(guessRoles(next.profiles)));
    } catch (error) {
      setMessage({ intent: "error", text: messageOf(error) });
    } finally {
      setReading(false);
    }
  }, [workbook, sourceKind, loaded, remap]);

  const reread = useCallback(async () => {
    if (!loaded) return;
    setLoaded(await loadFromWorkbook(workbook, await rereadRange(workbook, loaded.range), loaded.headerRow, loaded.kinds));
  }, [workbook, loaded]);

  /** An imported model: used when the table has its columns, else the remap step asks for them. */
  const adopt = (imported: CustomerValueModel, from: string): "used" | "remap" => {
    if (!loaded) return "used";
    const missing = missingColumns(imported, loaded.table.headers);
    if (missing.length === 0) {
      setRemap(null);
      setModel(withoutMissingGroupBy(imported, loaded));
      return "used";
    }
    setRemap({ model: imported, missing, from });
    setModel(null);
    return "remap";
  };

  // Apply is disabled, with this reason beside it, when the preview failed or the model places nobody
  // (an empty result written with a success message would look like a result).
  const noApply = preview.error !== null ? "the preview shows why the model cannot run" : preview.run && preview.model === model && placesNobody(preview.run) ? "this model places nobody (see the preview)" : null;

  return (
    <FluentProvider theme={webLightTheme}>
      <main className={styles.pane} aria-label="Customer Value">
        <Title2 as="h1">Customer Value</Title2>
        {message && (
          <MessageBar intent={message.intent}>
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        )}
        <DataSection
          sourceKind={sourceKind}
          onSourceKind={setSourceKind}
          onRead={() => void read()}
          reading={reading}
          loaded={loaded}
          model={model}
          onHeaderRow={(headerRow) => {
            if (!loaded) return;
            const next = loadSource(loaded.range, [], headerRow);
            setRemap(null);
            setLoaded(next);
            setModel(defaultModel(guessRoles(next.profiles)));
          }}
          onRoles={(roles) => model && setModel({ ...model, roles })}
          onKind={(header, kind) => loaded && setLoaded(withKind(loaded, header, kind))}
        />
        {reading && <Spinner size="tiny" label="Reading the table…" />}
        {loaded && remap && (
          <RemapSection
            key={`${remap.from}|${remap.missing.join("|")}`}
            remap={remap}
            headers={loaded.table.headers}
            onRemapped={(next) => {
              setRemap(null);
              setModel(withoutMissingGroupBy(next, loaded));
              setMessage({ intent: "info", text: `Using ${remap.from.charAt(0).toLowerCase()}${remap.from.slice(1)} with the columns you chose.` });
            }}
            onDiscard={() => {
              setRemap(null);
              setModel(defaultModel(guessRoles(loaded.profiles)));
            }}
          />
        )}
        {loaded && model && (
          <>
            <PreviewStrip run={preview.run} pending={preview.pending} error={preview.error} onShowPreview={() => document.getElementById("cv-preview-title")?.scrollIntoView({ behavior: "smooth", block: "start" })} />
            <ModelSection model={model} profiles={loaded.profiles} onChange={setModel} run={preview.run} rows={loaded.table.rows.length} />
            <PreviewSection
              run={preview.run}
              error={preview.error}
              pending={preview.pending}
              progress={preview.progress}
              drill={{ model, table: preview.table ?? loaded.table, workbook, source: `${loaded.range.sheet}!${loaded.range.address}`, ...(preview.run ? { moneyFormat: moneyFormatOf(loaded, model, preview.run) } : {}), onModelChange: setModel }}
            />
            <ApplySection
              workbook={workbook}
              loaded={loaded}
              model={model}
              onModelChange={setModel}
              onApplied={() => void reread()}
              canApply={noApply === null}
              {...(noApply !== null ? { cannotApply: noApply } : {})}
              onImport={adopt}
              preview={preview}
            />
          </>
        )}
        {host === "preview" && <p className={styles.small}>Preview: an in-memory workbook with sample Online Retail customers; nothing leaves this page.</p>}
      </main>
    </FluentProvider>
  );
}
