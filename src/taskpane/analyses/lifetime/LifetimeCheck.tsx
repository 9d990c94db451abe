import { tokens } from "@fluentui/react-components";
import type { LifetimeCheck, PurchaseModelKey } from "../../../engine";
import { usePaneStyles } from "../../styles";
import { ACTUAL, ValueGrid, axisTicks } from "./LifetimePreview";

/** One colour per purchase model in every check chart (BG/NBD keeps the amber of the frequency chart's "expected"). */
const MODEL_COLOUR: Record<PurchaseModelKey, string> = { bgnbd: "#F7A600", mbgnbd: "#8764B8", pnbd: "#038387" };
/** The naive baseline: grey, as something to beat rather than a model. */
const NAIVE = "#8A8A8A";

const WIDTH = 300;
const count = (v: number) => Math.round(v).toLocaleString("en");
const twoDecimals = (v: number) => v.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const threeDecimals = (v: number) => v.toLocaleString("en", { minimumFractionDigits: 3, maximumFractionDigits: 3 });

interface Series {
  name: string;
  colour: string;
  values: readonly number[];
}

/** The series of a chart: actual first, then the models best first, then (where it applies) the naive baseline. */
function checkSeries(check: LifetimeCheck, actual: readonly number[], predicted: readonly (readonly number[])[], naive?: readonly number[]): Series[] {
  return [
    { name: "actual", colour: ACTUAL, values: actual },
    ...check.models.map((m, k) => ({ name: m.name, colour: MODEL_COLOUR[m.key], values: predicted[k] ?? [] })),
    ...(naive ? [{ name: "naive", colour: NAIVE, values: naive }] : []),
  ];
}

/** The legend above a chart: a swatch and the name of each series, wrapping as a 320 px pane needs. */
function Legend({ series, line }: { series: readonly Series[]; line?: boolean }) {
  return (
    <div style={{ display: "flex", flexWrap: "wrap", gap: "2px 10px", fontSize: "10px", color: tokens.colorNeutralForeground2 }}>
      {series.map((s) => (
        <span key={s.name} style={{ display: "inline-flex", alignItems: "center", gap: "4px" }}>
          <span style={{ display: "inline-block", width: line ? "14px" : "9px", height: line ? "2px" : "9px", backgroundColor: s.colour }} />
          {s.name}
        </span>
      ))}
    </div>
  );
}

/**
 * Holdout purchases per customer by calibration repeat purchases (Fader, Hardie & Lee 2005,
 * Figure 4) as grouped columns: for each group 0, 1, …, 7+, what the customers did (blue),
 * what each model predicted and the naive baseline. Close bars mean the model predicts the
 * kind of customer well. Cost: O(groups × series).
 */
function ByFrequencyChart({ check }: { check: LifetimeCheck }) {
  const f = check.byFrequency;
  const series = checkSeries(check, f.actual, f.predicted, f.naive);
  const height = 170;
  const plot = { left: 30, right: 4, top: 8, bottom: 30 };
  const [ticks, top] = axisTicks(Math.max(...series.flatMap((s) => s.values)));
  const plotW = WIDTH - plot.left - plot.right;
  const plotH = height - plot.top - plot.bottom;
  const band = plotW / Math.max(1, f.labels.length);
  const bar = (band * 0.8) / series.length;
  const y = (v: number) => plot.top + plotH - (Math.max(0, v) / top) * plotH;
  const summary = f.labels.map((label, g) => `${label}: ${series.map((s) => `${s.name} ${twoDecimals(s.values[g] ?? 0)}`).join(", ")}`).join("; ");
  return (
    <figure style={{ margin: 0, display: "flex", flexDirection: "column", gap: "4px" }}>
      <figcaption style={{ fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200 }}>Holdout purchases per customer, by repeat purchases before the calibration end</figcaption>
      <Legend series={series} />
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={`Mean holdout purchases per customer by calibration repeat purchases: ${summary}`} data-testid="lifetime-check-frequency">
        <ValueGrid ticks={ticks} y={y} left={plot.left} right={WIDTH - plot.right} />
        {f.labels.map((label, g) => (
          <g key={label}>
            {series.map((s, k) => {
              const v = s.values[g] ?? 0;
              return (
                <rect key={s.name} x={plot.left + band * g + band * 0.1 + bar * k} y={y(v)} width={bar} height={Math.max(0, y(0) - y(v))} fill={s.colour}>
                  <title>{`${label} calibration repeat purchases (${count(f.customers[g] ?? 0)} customers): ${s.name} ${twoDecimals(v)} per customer`}</title>
                </rect>
              );
            })}
            <text x={plot.left + band * (g + 0.5)} y={y(0) + 12} fontSize={10} fill="#424242" textAnchor="middle">
              {label}
            </text>
          </g>
        ))}
        <text x={plot.left + plotW / 2} y={height - 4} fontSize={10} fill="#616161" textAnchor="middle">
          repeat purchases in the calibration period
        </text>
      </svg>
    </figure>
  );
}

/**
 * Cumulative repeat purchases per period through calibration and holdout (Fader, Hardie &
 * Lee 2005, Figure 2): what the customers did (blue) and what each model predicts, with the
 * calibration end marked. A model that bends away from the blue line after the mark
 * forecasts badly. Cost: O(periods × models).
 */
function TrackingChart({ check }: { check: LifetimeCheck }) {
  const t = check.tracking;
  const series = checkSeries(check, t.actualCumulative, t.predictedCumulative);
  const height = 176;
  const plot = { left: 34, right: 6, top: 8, bottom: 30 };
  const [ticks, top] = axisTicks(Math.max(...series.flatMap((s) => s.values)));
  const plotW = WIDTH - plot.left - plot.right;
  const plotH = height - plot.top - plot.bottom;
  const periods = t.periodEnd.length;
  const x = (k: number) => plot.left + (periods <= 1 ? plotW / 2 : (k / (periods - 1)) * plotW);
  const y = (v: number) => plot.top + plotH - (Math.max(0, v) / top) * plotH;
  // The mark sits at the last calibration period (or the one the calibration end falls in).
  let split = t.phase.indexOf("split");
  if (split < 0) split = Math.max(0, t.phase.lastIndexOf("calibration"));
  const points = (values: readonly number[]) => values.map((v, k) => `${x(k).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const last = periods - 1;
  const summary = series.map((s) => `${s.name} ${count(s.values[last] ?? 0)}`).join(", ");
  return (
    <figure style={{ margin: 0, display: "flex", flexDirection: "column", gap: "4px" }}>
      <figcaption style={{ fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200 }}>Cumulative repeat purchases by {check.unit}</figcaption>
      <Legend series={series} line />
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={`Cumulative repeat purchases to ${t.periodEnd[last] ?? ""}: ${summary}; calibration ends ${check.calibrationEnd}`} data-testid="lifetime-check-tracking">
        <ValueGrid ticks={ticks} y={y} left={plot.left} right={WIDTH - plot.right} />
        <line x1={x(split)} x2={x(split)} y1={plot.top} y2={y(0)} stroke="#616161" strokeDasharray="3 3" strokeWidth={1} data-testid="lifetime-check-split" />
        <text x={x(split) - 3} y={plot.top + 9} fontSize={9} fill="#616161" textAnchor="end">
          calibration
        </text>
        <text x={x(split) + 3} y={plot.top + 9} fontSize={9} fill="#616161">
          holdout
        </text>
        {/* Models under the actual line, so where they agree the blue shows. */}
        {[...series.slice(1), series[0]!].map((s) => (
          <polyline key={s.name} points={points(s.values)} fill="none" stroke={s.colour} strokeWidth={s.name === "actual" ? 2 : 1.4} strokeLinejoin="round">
            <title>{`${s.name}: ${count(s.values[last] ?? 0)} repeat purchases by ${t.periodEnd[last] ?? ""}`}</title>
          </polyline>
        ))}
        <text x={plot.left} y={y(0) + 12} fontSize={9} fill="#424242">
          {t.periodEnd[0]}
        </text>
        <text x={WIDTH - plot.right} y={y(0) + 12} fontSize={9} fill="#424242" textAnchor="end">
          {t.periodEnd[last]}
        </text>
        <text x={plot.left + plotW / 2} y={height - 4} fontSize={10} fill="#616161" textAnchor="middle">
          {check.unit} ending
        </text>
      </svg>
    </figure>
  );
}

/**
 * The "Check the model" step in the preview: which model predicts the holdout best and how
 * it compares with the naive baseline, in one sentence; the ranking by error per customer
 * (MAE, RMSE) with the purchases predicted against those made; the holdout purchases by
 * calibration repeat purchases; and the cumulative tracking curves.
 *
 * @example <LifetimeCheckView check={lifetimeDetails(run).check!} />
 */
export function LifetimeCheckView({ check }: { check: LifetimeCheck }) {
  const styles = usePaneStyles();
  const units = `${check.unit}s`;
  const holdoutLength = check.holdoutLength.toLocaleString("en", { maximumFractionDigits: 1 });
  return (
    <section style={{ display: "flex", flexDirection: "column", gap: "8px" }} aria-label="Check the model">
      <h3 className={styles.subheading} style={{ fontSize: tokens.fontSizeBase300 }}>
        Check the model
      </h3>
      <span className={styles.small}>
        Fitted on the purchases to {check.calibrationEnd}
        {check.automatic ? " (the add-in's choice: the last third of the history is the holdout)" : ""}, then compared with what the {check.customers.toLocaleString("en")} customers bought in the
        holdout to {check.holdoutEnd} ({holdoutLength} {units}).
      </span>
      <span data-testid="lifetime-check-verdict" style={{ fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold }}>
        {check.verdict}
      </span>
      <table className={styles.table} aria-label="Holdout error per customer by model" data-testid="lifetime-check-table">
        <thead>
          <tr>
            <th className={styles.cell} scope="col">
              Model
            </th>
            <th className={styles.numberCell} scope="col" title="Mean absolute error of each customer's holdout purchases: lower is better">
              MAE
            </th>
            <th className={styles.numberCell} scope="col" title="Root mean squared error per customer">
              RMSE
            </th>
            <th className={styles.numberCell} scope="col" title={`Purchases predicted in the holdout; the customers made ${check.totalActual.toLocaleString("en")}`}>
              Predicted
            </th>
          </tr>
        </thead>
        <tbody>
          {check.models.map((m, k) => (
            <tr key={m.key} style={m.key === check.chosen ? { fontWeight: tokens.fontWeightSemibold } : undefined}>
              <th className={styles.cell} scope="row" style={{ fontWeight: "inherit" }}>
                <span style={{ display: "inline-block", width: "8px", height: "8px", marginRight: "4px", backgroundColor: MODEL_COLOUR[m.key] }} />
                {k + 1}. {m.name}
                {m.key === check.chosen ? " (in use)" : ""}
              </th>
              <td className={styles.numberCell}>{threeDecimals(m.mae)}</td>
              <td className={styles.numberCell}>{threeDecimals(m.rmse)}</td>
              <td className={styles.numberCell}>{count(m.totalPredicted)}</td>
            </tr>
          ))}
          <tr>
            <th className={styles.cell} scope="row" style={{ fontWeight: tokens.fontWeightRegular }}>
              Naive (own past rate)
            </th>
            <td className={styles.numberCell}>{threeDecimals(check.naive.mae)}</td>
            <td className={styles.numberCell}>{threeDecimals(check.naive.rmse)}</td>
            <td className={styles.numberCell}>{count(check.naive.totalPredicted)}</td>
          </tr>
          <tr>
            <th className={styles.cell} scope="row" style={{ fontWeight: tokens.fontWeightRegular }}>
              Made
            </th>
            <td className={styles.numberCell} />
            <td className={styles.numberCell} />
            <td className={styles.numberCell}>{count(check.totalActual)}</td>
          </tr>
          {check.failed.map((f) => (
            <tr key={f.key}>
              <td className={styles.cell} colSpan={4} style={{ color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" }}>
                {f.name}: not fitted ({f.message})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ByFrequencyChart check={check} />
      <TrackingChart check={check} />
    </section>
  );
}
