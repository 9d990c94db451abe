import { tokens } from "@fluentui/react-components";
import type { LifetimeDetails } from "../../../engine";
import { formatParameter } from "../../../engine";
import { plural, usePaneStyles } from "../../styles";

const WIDTH = 300;
const HEIGHT = 176;
const PLOT = { left: 40, right: 6, top: 26, bottom: 34 };
/** What the customers did: the same blue in every lifetime chart of the pane. */
export const ACTUAL = "#0F6CBD";
const EXPECTED = "#F7A600";

/**
 * Round tick step (1, 2, 2.5 or 5 × 10^k) giving about four ticks up to max, for the pane's
 * small charts. Cost: O(1).
 *
 * @example tickStep(1900) // → 500
 */
export function tickStep(max: number): number {
  const raw = Math.max(max, 1) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 2.5 ? 2.5 : scaled <= 5 ? 5 : 10) * power;
}

/**
 * The value axis of a small chart: round ticks from 0 and the round top above max (1 when
 * max is not positive). Cost: O(ticks).
 *
 * @example axisTicks(1900) // → [[0, 500, 1000, 1500, 2000], 2000]
 */
export function axisTicks(max: number): [number[], number] {
  const m = max > 0 ? max : 1;
  const step = tickStep(m);
  const top = Math.ceil(m / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 2; t += step) ticks.push(t);
  return [ticks, top];
}

/** A value-axis tick: 1,500 as "1.5k", small steps with their decimals. */
const tickText = (t: number) => (t >= 1000 ? `${Number((t / 1000).toPrecision(3))}k` : Number(t.toPrecision(3)).toString());

/**
 * The value axis of the pane's small charts: a light grid line and a label at each tick,
 * the zero line darker. Cost: O(ticks).
 *
 * @example <ValueGrid ticks={[0, 500, 1000]} y={(v) => 150 - v / 10} left={40} right={294} />
 */
export function ValueGrid({ ticks, y, left, right }: { ticks: readonly number[]; y: (v: number) => number; left: number; right: number }) {
  return (
    <>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={left} x2={right} y1={y(t)} y2={y(t)} stroke={t === 0 ? "#8A8A8A" : "#E0E0E0"} strokeWidth={t === 0 ? 1 : 0.6} />
          <text x={left - 4} y={y(t) + 3} fontSize={9} fill="#616161" textAnchor="end">
            {tickText(t)}
          </text>
        </g>
      ))}
    </>
  );
}

const count = (v: number) => Math.round(v).toLocaleString("en");

/**
 * The fit check of a model with count probabilities (BG/NBD) as a column chart: for 0, 1, …, 7+ repeat purchases, the customers
 * observed (blue) beside those the fitted model expects (amber). Bars that match mean the
 * model describes the buying well.
 */
export function FrequencyChart({ frequency }: { frequency: NonNullable<LifetimeDetails["frequency"]> }) {
  const { buckets, actual, expected } = frequency;
  const [ticks, high] = axisTicks(Math.max(...actual, ...expected, 1));
  const plotW = WIDTH - PLOT.left - PLOT.right;
  const plotH = HEIGHT - PLOT.top - PLOT.bottom;
  const band = plotW / buckets.length;
  const bar = (band * 0.72) / 2;
  const y = (v: number) => PLOT.top + plotH - (v / high) * plotH;
  const summary = buckets.map((b, k) => `${b}: ${count(actual[k] ?? 0)} actual, ${count(expected[k] ?? 0)} expected`).join("; ");
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={`Customers by repeat purchases, actual and expected by the model: ${summary}`} data-testid="frequency-chart">
      <text x={0} y={11} fontSize={11} fontWeight={600} fill="#242424">
        Customers by repeat purchases
      </text>
      <rect x={WIDTH - 126} y={3} width={9} height={9} fill={ACTUAL} />
      <text x={WIDTH - 114} y={11} fontSize={10} fill="#424242">
        actual
      </text>
      <rect x={WIDTH - 76} y={3} width={9} height={9} fill={EXPECTED} />
      <text x={WIDTH - 64} y={11} fontSize={10} fill="#424242">
        expected
      </text>
      <ValueGrid ticks={ticks} y={y} left={PLOT.left} right={WIDTH - PLOT.right} />
      {buckets.map((b, k) => {
        const x0 = PLOT.left + band * k + band * 0.14;
        const a = actual[k] ?? 0;
        const e = expected[k] ?? 0;
        return (
          <g key={b}>
            <rect x={x0} y={y(a)} width={bar} height={Math.max(0, y(0) - y(a))} fill={ACTUAL}>
              <title>{`${b} repeat purchase${b === "1" ? "" : "s"}: ${count(a)} customer${count(a) === "1" ? "" : "s"}`}</title>
            </rect>
            <rect x={x0 + bar} y={y(e)} width={bar} height={Math.max(0, y(0) - y(e))} fill={EXPECTED}>
              <title>{`${b} repeat purchase${b === "1" ? "" : "s"}: ${count(e)} expected by the model`}</title>
            </rect>
            <text x={PLOT.left + band * (k + 0.5)} y={y(0) + 12} fontSize={10} fill="#424242" textAnchor="middle">
              {b}
            </text>
          </g>
        );
      })}
      <text x={PLOT.left + plotW / 2} y={HEIGHT - 4} fontSize={10} fill="#616161" textAnchor="middle">
        repeat purchases before the as-of date
      </text>
    </svg>
  );
}

/** A standard error as the table shows it: "±0.0268", or "–" where the Hessian gave none. */
const plusMinus = (v: number) => (Number.isFinite(v) ? `±${formatParameter(v)}` : "–");

/** A fit's verdict in a few words: "no warning", or how many reasons not to trust it (listed with the warnings). */
function verdictWords(warnings: readonly string[]): string {
  return warnings.length === 0 ? "no warning" : `${warnings.length} reason${warnings.length === 1 ? "" : "s"} not to trust it (warnings below)`;
}

/**
 * The fitted parameters: the purchase model's (BG/NBD, MBG/NBD or Pareto/NBD, from its fit
 * record, so every model shows the same way) beside Gamma-Gamma's, each with its standard
 * error and the fit's log-likelihood, and under them each fit's verdict. Cost: O(parameters).
 *
 * @example <ParameterTable lifetime={lifetimeDetails(run)} />
 */
export function ParameterTable({ lifetime }: { lifetime: LifetimeDetails }) {
  const styles = usePaneStyles();
  const pm = lifetime.purchases;
  const gg = lifetime.gammaGamma.params;
  const ggSe = lifetime.gammaGamma.standardErrors;
  const ll = (v: number) => v.toLocaleString("en", { maximumFractionDigits: 1 }).replace("-", "−");
  const spend: [string, number, number][] = [
    ["p", gg.p, ggSe.p],
    ["q", gg.q, ggSe.q],
    ["γ", gg.gamma, ggSe.gamma],
  ];
  const purchaseRows: [string, string, string][] = pm.parameterNames.map((name, k) => [pm.labels[k] ?? name, formatParameter(pm.params[name] ?? Number.NaN), plusMinus(pm.standardErrors[name] ?? Number.NaN)]);
  const spendRows: [string, string, string][] = spend.map(([name, value, error]) => [name, formatParameter(value), plusMinus(error)]);
  const height = Math.max(purchaseRows.length, spendRows.length);
  const rows: [string, string, string, string, string, string][] = [];
  for (let k = 0; k < height; k++) rows.push([...(purchaseRows[k] ?? ["", "", ""]), ...(spendRows[k] ?? ["", "", ""])]);
  rows.push(["log-lik.", ll(pm.logLikelihood), "", "log-lik.", ll(lifetime.gammaGamma.logLikelihood), ""]);
  const seCell = { color: tokens.colorNeutralForeground3, paddingLeft: 0 };
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: "4px" }}>
      <table className={styles.table} aria-label="Fitted parameters" data-testid="lifetime-parameters">
        <thead>
          <tr>
            <th className={styles.cell} scope="col" colSpan={3} title={`Purchases and dropout (${pm.source}), in ${lifetime.unit}s; fitted on ${plural(pm.customers, "customer")}; ± one standard error`}>
              {pm.name}
            </th>
            <th className={styles.cell} scope="col" colSpan={3} title={`Spend per purchase; fitted on the ${lifetime.gammaGamma.customers.toLocaleString("en")} repeat customers; ± one standard error`}>
              Gamma-Gamma
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([pmName, pmValue, pmError, ggName, ggValue, ggError]) => (
            <tr key={pmName + ggName}>
              <th className={styles.cell} scope="row" style={{ whiteSpace: "nowrap" }}>
                {pmName}
              </th>
              {/* The log-likelihood has no standard error: its value takes both cells. */}
              <td className={styles.numberCell} colSpan={pmError === "" && pmName !== "" ? 2 : 1}>
                {pmValue}
              </td>
              {(pmError !== "" || pmName === "") && (
                <td className={styles.numberCell} style={seCell}>
                  {pmError}
                </td>
              )}
              <th className={styles.cell} scope="row" style={{ paddingLeft: "8px", whiteSpace: "nowrap" }}>
                {ggName}
              </th>
              <td className={styles.numberCell} colSpan={ggError === "" && ggName !== "" ? 2 : 1}>
                {ggValue}
              </td>
              {(ggError !== "" || ggName === "") && (
                <td className={styles.numberCell} style={seCell}>
                  {ggError}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <span className={styles.small} data-testid="lifetime-verdict">
        ± one standard error. Verdict: {pm.name} {verdictWords(pm.warnings)}; Gamma-Gamma {verdictWords(lifetime.gammaGamma.warnings)}.
      </span>
    </div>
  );
}
