import { Field, MessageBar, MessageBarBody, ProgressBar, Title3 } from "@fluentui/react-components";
import type { AnalysisProgress, AnalysisRun } from "../engine";
import { paneAnalysisOf } from "./analyses/registry";
import { BreakdownPreview } from "./GroupBy";
import { CrossSellPreview } from "./analyses/crossSell/CrossSellPreview";
import { FrequencyChart, ParameterTable } from "./analyses/lifetime/LifetimePreview";
import { percent, usePaneStyles } from "./styles";

/** Props of the live preview. */
export interface PreviewSectionProps {
  run: AnalysisRun | null;
  error: string | null;
  /** True while an edit waits for the debounced engine run. */
  pending: boolean;
  /** Progress of a long run (model fits) in progress, if any. */
  progress?: AnalysisProgress | null;
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
export function PreviewSection({ run, error, pending, progress = null }: PreviewSectionProps) {
  const styles = usePaneStyles();
  const money = (v: number) => v.toLocaleString("en", { maximumFractionDigits: 0 });
  return (
    <section className={styles.section} aria-labelledby="cv-preview-title" aria-busy={pending}>
      <Title3 as="h2" id="cv-preview-title">
        3. Preview
      </Title3>
      {pending && progress && (
        <Field label="Computing the preview" validationMessage={progress.message} validationState="none" data-testid="preview-progress">
          <ProgressBar value={progress.fraction} />
        </Field>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {run && (
        <>
          <div role="status" aria-live="polite" data-testid="preview-headline" className={styles.headline}>
            {run.headline ?? `${run.assigned.toLocaleString("en")} of ${run.customers.toLocaleString("en")} customers placed.`}
          </div>
          <AnalysisPicture run={run} />
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
              {run.groups.map((g) => (
                <tr key={g.label}>
                  <th className={styles.cell} scope="row">
                    {g.label}
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
              <MessageBarBody>{w.message}</MessageBarBody>
            </MessageBar>
          ))}
        </>
      )}
    </section>
  );
}
