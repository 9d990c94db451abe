import type { LifetimeDetails } from "../../../engine";
import { formatParameter } from "../../../engine";
import { plural, usePaneStyles } from "../../styles";

const WIDTH = 300;
const HEIGHT = 176;
const PLOT = { left: 40, right: 6, top: 26, bottom: 34 };
const ACTUAL = "#0F6CBD";
const EXPECTED = "#F7A600";

/** Round tick step (1, 2, 2.5 or 5 × 10^k) giving about four ticks up to max. */
function tickStep(max: number): number {
  const raw = Math.max(max, 1) / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 2.5 ? 2.5 : scaled <= 5 ? 5 : 10) * power;
}

const count = (v: number) => Math.round(v).toLocaleString("en");

/**
 * The BG/NBD model check as a column chart: for 0, 1, …, 7+ repeat purchases, the customers
 * observed (blue) beside those the fitted model expects (amber). Bars that match mean the
 * model describes the buying well.
 */
export function FrequencyChart({ frequency }: { frequency: LifetimeDetails["frequency"] }) {
  const { buckets, actual, expected } = frequency;
  const top = Math.max(...actual, ...expected, 1);
  const step = tickStep(top);
  const high = Math.ceil(top / step) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= high + step / 2; t += step) ticks.push(t);
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
      {ticks.map((t) => (
        <g key={t}>
          <line x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y(t)} y2={y(t)} stroke={t === 0 ? "#8A8A8A" : "#E0E0E0"} strokeWidth={t === 0 ? 1 : 0.6} />
          <text x={PLOT.left - 4} y={y(t) + 3} fontSize={9} fill="#616161" textAnchor="end">
            {t >= 1000 ? `${t / 1000}k` : t}
          </text>
        </g>
      ))}
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

/** The fitted parameters: BG/NBD beside Gamma-Gamma, with each fit's log-likelihood. */
export function ParameterTable({ lifetime }: { lifetime: LifetimeDetails }) {
  const styles = usePaneStyles();
  const bg = lifetime.bgnbd.params;
  const gg = lifetime.gammaGamma.params;
  const ll = (v: number) => v.toLocaleString("en", { maximumFractionDigits: 1 }).replace("-", "−");
  const rows: [string, string, string, string][] = [
    ["r", formatParameter(bg.r), "p", formatParameter(gg.p)],
    ["α", formatParameter(bg.alpha), "q", formatParameter(gg.q)],
    ["a", formatParameter(bg.a), "γ", formatParameter(gg.gamma)],
    ["b", formatParameter(bg.b), "", ""],
    ["log-lik.", ll(lifetime.bgnbd.logLikelihood), "log-lik.", ll(lifetime.gammaGamma.logLikelihood)],
  ];
  return (
    <table className={styles.table} aria-label="Fitted parameters" data-testid="lifetime-parameters">
      <thead>
        <tr>
          <th className={styles.cell} scope="col" colSpan={2} title={`Purchases and dropout, in ${lifetime.unit}s; fitted on ${plural(lifetime.bgnbd.customers, "customer")}`}>
            BG/NBD
          </th>
          <th className={styles.cell} scope="col" colSpan={2} title={`Spend per purchase; fitted on the ${lifetime.gammaGamma.customers.toLocaleString("en")} repeat customers`}>
            Gamma-Gamma
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([bgName, bgValue, ggName, ggValue]) => (
          <tr key={bgName + ggName}>
            <th className={styles.cell} scope="row">
              {bgName}
            </th>
            <td className={styles.numberCell}>{bgValue}</td>
            <th className={styles.cell} scope="row" style={{ paddingLeft: "12px" }}>
              {ggName}
            </th>
            <td className={styles.numberCell}>{ggValue}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
