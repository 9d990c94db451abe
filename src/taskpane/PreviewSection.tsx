import { Field, MessageBar, MessageBarBody, ProgressBar, Title3 } from "@fluentui/react-components";
import type { AnalysisProgress, AnalysisRun } from "../engine";
import { groupColours } from "./apply";
import { BreakdownPreview } from "./GroupBy";
import { CrossSellPreview } from "./CrossSellPreview";
import { FrequencyChart, ParameterTable } from "./LifetimePreview";
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

const ROW = 34;
const LABEL = 72;
const WIDTH = 300;

/**
 * The pyramid: one row per group, top first; the upper bar is the group's share of
 * customers, the lower its share of value, both centred, so value pyramids look like one.
 */
function PyramidChart({ run }: { run: AnalysisRun }) {
  const colours = groupColours(run.groups.map((g) => g.label));
  const span = WIDTH - LABEL - 44;
  const height = run.groups.length * ROW + 20;
  const summary = run.groups.map((g) => `${g.label}: ${percent(g.customerShare)} of customers, ${percent(g.valueShare)} of value`).join("; ");
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={`Chart by ${run.groupName.toLowerCase()}: ${summary}`} data-testid="preview-chart">
      {run.groups.map((g, k) => {
        const y = k * ROW + 4;
        const cw = Math.max(1, g.customerShare * span);
        const vw = Math.max(g.valueShare > 0 ? 1 : 0, g.valueShare * span);
        const centre = LABEL + span / 2;
        return (
          <g key={g.label}>
            <text x={0} y={y + 18} fontSize={12} fill="#242424">
              {g.label.length > 10 ? `${g.label.slice(0, 9)}…` : g.label}
            </text>
            <rect x={centre - cw / 2} y={y} width={cw} height={13} fill={colours[g.label]} stroke="#616161" strokeWidth={0.5} />
            <rect x={centre - vw / 2} y={y + 15} width={vw} height={9} fill="#0F6CBD" opacity={0.75} />
            <text x={WIDTH - 40} y={y + 11} fontSize={10} fill="#424242">
              {percent(g.customerShare)}
            </text>
            <text x={WIDTH - 40} y={y + 23} fontSize={10} fill="#0F6CBD">
              {percent(g.valueShare)}
            </text>
          </g>
        );
      })}
      <text x={0} y={height - 4} fontSize={10} fill="#616161">
        bars: share of customers (colour), share of value (blue)
      </text>
    </svg>
  );
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
          {run.lifetime ? (
            <>
              <ParameterTable lifetime={run.lifetime} />
              <FrequencyChart frequency={run.lifetime.frequency} />
            </>
          ) : run.crossSell ? (
            <CrossSellPreview details={run.crossSell} />
          ) : (
            <PyramidChart run={run} />
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
                {run.lifetime && (
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
                  {run.lifetime && <td className={styles.numberCell}>{money(g.value)}</td>}
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
