import type { AnalysisRun } from "../../engine";
import { groupColours } from "../apply";
import { percent } from "../styles";

const ROW = 34;
const LABEL = 72;
const WIDTH = 300;

/**
 * The pyramid: one row per group, top first; the upper bar is the group's share of
 * customers, the lower its share of value, both centred, so value pyramids look like one.
 */
export function GroupChart({ run }: { run: AnalysisRun }) {
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

