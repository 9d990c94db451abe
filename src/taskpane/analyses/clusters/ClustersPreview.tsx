import { type AnalysisRun, type ClustersDetails, clusterLabel } from "../../../engine";
import { percent, usePaneStyles } from "../../styles";

const WIDTH = 300;
const HEIGHT = 150;
const PLOT = { left: 36, right: 8, top: 24, bottom: 30 };
const LINE = "#0F6CBD";
const CHOSEN = "#C50F1F";

/**
 * The mean silhouette by number of clusters (higher: clusters better apart), the chosen k
 * marked in red. The curve k was suggested from.
 */
function SilhouetteCurve({ details }: { details: ClustersDetails }) {
  const { curve, k } = details;
  if (curve.length === 0) return null;
  const values = curve.map((p) => p.silhouette);
  const low = Math.min(0, ...values);
  const high = Math.max(...values, 0.1);
  const plotW = WIDTH - PLOT.left - PLOT.right;
  const plotH = HEIGHT - PLOT.top - PLOT.bottom;
  const x = (i: number) => PLOT.left + (curve.length === 1 ? plotW / 2 : (i / (curve.length - 1)) * plotW);
  const y = (v: number) => PLOT.top + plotH - ((v - low) / (high - low)) * plotH;
  const ticks = [low, (low + high) / 2, high];
  const summary = curve.map((p) => `${p.k}: ${p.silhouette.toFixed(3)}`).join("; ");
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={`Mean silhouette by number of clusters: ${summary}; chosen ${k}`} data-testid="silhouette-chart">
      <text x={0} y={11} fontSize={11} fontWeight={600} fill="#242424">
        Mean silhouette by number of clusters
      </text>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y(t)} y2={y(t)} stroke="#E0E0E0" strokeWidth={0.6} />
          <text x={PLOT.left - 4} y={y(t) + 3} fontSize={9} fill="#616161" textAnchor="end">
            {t.toFixed(2)}
          </text>
        </g>
      ))}
      <polyline points={curve.map((p, i) => `${x(i)},${y(p.silhouette)}`).join(" ")} fill="none" stroke={LINE} strokeWidth={1.5} />
      {curve.map((p, i) => (
        <g key={p.k}>
          <circle cx={x(i)} cy={y(p.silhouette)} r={p.k === k ? 4 : 2.5} fill={p.k === k ? CHOSEN : LINE} />
          <text x={x(i)} y={HEIGHT - PLOT.bottom + 13} fontSize={9} fill="#616161" textAnchor="middle">
            {p.k}
          </text>
        </g>
      ))}
      <text x={PLOT.left + plotW / 2} y={HEIGHT - 4} fontSize={9} fill="#616161" textAnchor="middle">
        clusters (red: the {k} chosen{details.suggested !== null ? `; suggested ${details.suggested}` : ""})
      </text>
    </svg>
  );
}

/** Each cluster's size and the mean of every indicator in its own units. */
function ProfileTable({ details }: { details: ClustersDetails }) {
  const styles = usePaneStyles();
  const number = (v: number) => (Number.isFinite(v) ? v.toLocaleString("en", { maximumFractionDigits: 1 }) : "–");
  return (
    <table className={styles.table} aria-label="Cluster profiles" data-testid="cluster-profiles">
      <thead>
        <tr>
          <th className={styles.cell} scope="col">
            Cluster
          </th>
          <th className={styles.numberCell} scope="col">
            Share
          </th>
          {details.indicators.map((c) => (
            <th key={c} className={`${styles.numberCell} ${styles.wrapHeader}`} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {details.profiles.map((p) => (
          <tr key={p.cluster}>
            <th className={styles.cell} scope="row">
              {clusterLabel(p.cluster)}
            </th>
            <td className={styles.numberCell}>{percent(p.customerShare)}</td>
            {Array.from(p.means, (m, j) => (
              <td key={j} className={styles.numberCell}>
                {number(m)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The clusters' preview: the silhouette curve and the profiles (means in the indicators' own units). */
export function ClustersPreview({ run }: { run: AnalysisRun<ClustersDetails> }) {
  return (
    <>
      <SilhouetteCurve details={run.details} />
      <ProfileTable details={run.details} />
    </>
  );
}
