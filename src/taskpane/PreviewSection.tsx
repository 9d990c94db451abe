import { Field, MessageBar, MessageBarBody, ProgressBar, Title3 } from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import { type AnalysisProgress, type AnalysisRun, type CustomerTable, type CustomerValueModel, type ListSelection, analysisOf, customerList, withAction } from "../engine";
import type { Workbook } from "../workbook/Workbook";
import { CustomerListView } from "./CustomerListView";
import { type PictureSelection, PictureView, useWidth } from "./preview/PictureView";
import { paneAnalysisOf } from "./analyses/registry";
import { BreakdownPreview } from "./GroupBy";
import { CrossSellPreview } from "./analyses/crossSell/CrossSellPreview";
import { paneWords } from "./paneChecks";
import { percent, plural, usePaneStyles } from "./styles";

/** Props of the live preview. */
export interface PreviewSectionProps {
  run: AnalysisRun | null;
  error: string | null;
  /** True while an edit waits for the debounced engine run. */
  pending: boolean;
  /** Progress of a long run (model fits) in progress, if any. */
  progress?: AnalysisProgress | null;
  /** For the drill-down lists: the model and table the run is of, the workbook to export to, the source in words, and the model's editor (suggested actions). */
  drill?: { model: CustomerValueModel; table: CustomerTable; workbook: Workbook; source: string; moneyFormat?: string; onModelChange(model: CustomerValueModel): void };
}


/**
 * True when a run puts no customer in any group although the table has customers (e.g. a
 * scorecard whose indicators are all actual-value aspects: nobody has a potential value, so
 * nobody gets a quadrant). The preview says so and Apply is off: writing blank columns with a
 * success message would pass an empty result off as one. Cost: O(1).
 *
 * @example placesNobody({ customers: 4338, assigned: 0 }) === true
 */
export function placesNobody(run: Pick<AnalysisRun, "customers" | "assigned">): boolean {
  return run.customers > 0 && run.assigned === 0;
}

/** The reason after the colon of an "unplaced" warning: "… get no quadrant: no customer or service indicator." → "no customer or service indicator". */
function reasonOf(message: string): string {
  const at = message.lastIndexOf(": ");
  return (at >= 0 ? message.slice(at + 2) : message).replace(/\.$/, "");
}

/** The chosen analysis's own picture (the pyramid, the fits, the rules), from the pane's registry. */
function AnalysisPicture({ run }: { run: AnalysisRun }) {
  const { Preview } = paneAnalysisOf(run.analysis);
  return <Preview run={run} />;
}

/**
 * Live preview: recomputed by the engine (debounced) on every edit; writes nothing. Shows
 * the Pareto headline, the chart and table per group, the breakdown by the Group by column,
 * and the warnings.
 */
export function PreviewSection({ run, error, pending, progress = null, drill }: PreviewSectionProps) {
  const styles = usePaneStyles();
  const [selection, setSelection] = useState<ListSelection | null>(null);
  const [ref, width] = useWidth<HTMLElement>(0);
  // A new analysis closes the list; a new run of the same analysis keeps it (re-computed below).
  const analysis = run?.analysis;
  useEffect(() => setSelection(null), [analysis]);
  const list = useMemo(() => {
    if (!run || !selection || !drill) return null;
    try {
      return customerList(drill.model, run, drill.table, selection);
    } catch {
      return null;
    }
  }, [run, selection, drill]);
  const labels = run ? run.groups.map((g) => g.label) : [];
  const money = (v: number) => v.toLocaleString("en", { maximumFractionDigits: 0 });
  const unplaced = run?.warnings.find((w) => w.kind === "unplaced");
  return (
    <section className={styles.section} aria-labelledby="cv-preview-title" aria-busy={pending} ref={ref}>
      <Title3 as="h2" id="cv-preview-title">
        3. Preview
      </Title3>
      {pending && progress && (
        <Field label="Computing the preview" validationMessage={progress.message} validationState="none" data-testid="preview-progress">
          <ProgressBar value={progress.fraction} />
        </Field>
      )}
      {error && (
        <MessageBar intent="error" data-testid="preview-error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {run && placesNobody(run) && (
        <MessageBar intent="error" data-testid="preview-nobody">
          <MessageBarBody>
            This model places nobody: none of the {plural(run.customers, "customer")} gets a {run.groupName.toLowerCase()}
            {unplaced ? ` (${reasonOf(unplaced.message)})` : ""}. Change the settings above; Apply stays off until someone is placed.
          </MessageBarBody>
        </MessageBar>
      )}
      {run && pending && !progress && (
        <div className={styles.small} data-testid="preview-updating">
          Updating the preview for your last change…
        </div>
      )}
      {run && (
        // While a newer preview computes, the last one stays, dimmed, so nobody reads old figures as current.
        <div className={styles.section} style={{ borderTop: "none", paddingTop: 0, opacity: pending ? 0.55 : 1, transition: "opacity 120ms" }} data-testid="preview-body" data-stale={pending ? "true" : "false"}>
          <div role="status" aria-live="polite" data-testid="preview-headline" className={styles.headline}>
            {run.headline ?? `${run.assigned.toLocaleString("en")} of ${plural(run.customers, "customer")} placed.`}
          </div>
          <AnalysisPicture run={run} />
          {(run.pictures ?? []).map((picture) => (
            <figure key={picture.id} style={{ margin: 0 }} data-testid={`figure-${picture.id}`}>
              <figcaption>
                <div className={styles.headline}>{picture.title}</div>
                {picture.caption && <div className={styles.small}>{picture.caption}</div>}
              </figcaption>
              <PictureView
                picture={picture}
                groups={labels}
                {...(drill ? { onSelect: (s: PictureSelection) => setSelection(s.kind === "group" ? s : { ...s, picture: picture.id }) } : {})}
              />
            </figure>
          ))}
          {list && drill && (
            <CustomerListView
              list={list}
              sheetName={`CV ${analysisOf(run.analysis).sheetWord} list`}
              workbook={drill.workbook}
              source={drill.source}
              {...(drill.moneyFormat !== undefined ? { moneyFormat: drill.moneyFormat } : {})}
              narrow={width > 0 && width < 400}
              {...(selection?.kind === "group" && run.groups[selection.group] ? { onAction: (text: string) => drill.onModelChange(withAction(drill.model, run.analysis, run.groups[selection.group]!.label, text)) } : {})}
              onClose={() => setSelection(null)}
            />
          )}
          <table className={styles.table} aria-label={`Customers by ${run.groupName.toLowerCase()}`} data-testid="preview-table">
            <thead>
              <tr>
                <th className={styles.cell} scope="col">
                  {run.groupName}
                </th>
                <th className={styles.numberCell} scope="col">
                  Customers
                </th>
                <th className={styles.numberCell} scope="col">
                  Share
                </th>
                {run.valueName !== undefined && (
                  <th className={styles.numberCell} scope="col">
                    {run.valueName ?? "Value"}
                  </th>
                )}
                <th className={styles.numberCell} scope="col">
                  {run.valueName ? `${run.valueName} share` : "Value share"}
                </th>
                {run.groups.some((g) => g.averageScore !== null) && (
                  <th className={styles.numberCell} scope="col">
                    Avg score
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {run.groups.map((g, k) => (
                <tr key={`${g.label}-${k}`}>
                  <th className={styles.cell} scope="row">
                    {drill && g.customers > 0 ? (
                      <button
                        type="button"
                        style={{ border: "none", background: "none", padding: 0, font: "inherit", color: "inherit", textDecoration: "underline dotted", cursor: "pointer", textAlign: "left" }}
                        title={`List the ${g.customers.toLocaleString("en")} customers of ${g.label}`}
                        onClick={() => setSelection({ kind: "group", group: k })}
                      >
                        {g.label}
                      </button>
                    ) : (
                      g.label
                    )}
                  </th>
                  <td className={styles.numberCell}>{g.customers.toLocaleString("en")}</td>
                  <td className={styles.numberCell}>{percent(g.customerShare)}</td>
                  {run.valueName !== undefined && <td className={styles.numberCell}>{money(g.value)}</td>}
                  <td className={styles.numberCell}>{percent(g.valueShare)}</td>
                  {run.groups.some((x) => x.averageScore !== null) && <td className={styles.numberCell}>{g.averageScore === null ? "–" : g.averageScore.toFixed(1)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
          <BreakdownPreview run={run} />
          {run.warnings.map((w) => (
            <MessageBar key={w.message} intent="warning" data-testid={`preview-${w.kind}`}>
              <MessageBarBody>{paneWords(w.message)}</MessageBarBody>
            </MessageBar>
          ))}
        </div>
      )}
    </section>
  );
}
