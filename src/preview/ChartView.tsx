/**
 * A small SVG rendering of a recorded ChartSpec (bar, column or line), standing in for the
 * native Excel chart the Office workbook adds to the summary sheet. Excel's default palette,
 * a value axis with round ticks, value labels (left out over columns too narrow for them),
 * axis titles when the spec has them, and a legend.
 */
import type { ReactElement } from "react";
import type { ChartSpec } from "../workbook/Workbook";

/** Line charts with more points than this draw no markers or value labels (as Excel's "Line" type). */
const MARKED_POINTS = 12;

/** Default size in px. */
export const CHART_WIDTH = 480;
export const CHART_HEIGHT = 300;
const PALETTE = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47"];

/** Round tick step for a maximum (1, 2, 2.5 or 5 × 10^k), about four ticks. */
function tickStep(max: number): number {
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  const nice = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 2.5 ? 2.5 : scaled <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * How values (and axis ticks) are written: as percentages when every value is a share (0…1,
 * not all whole numbers), with one decimal only if some share needs it; otherwise as numbers.
 */
function labellers(values: number[]): { value: (v: number) => string; tick: (v: number) => string } {
  const shares = values.every((v) => v >= 0 && v <= 1) && values.some((v) => !Number.isInteger(v));
  if (shares) {
    const whole = values.every((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-9);
    return {
      value: (v) => `${(v * 100).toFixed(whole ? 0 : 1)}%`,
      tick: (v) => `${Number((v * 100).toFixed(1))}%`,
    };
  }
  const number = (v: number) => v.toLocaleString("en-GB", { maximumFractionDigits: Math.abs(v) < 10 ? 2 : 0 });
  return { value: number, tick: number };
}

/** A series' fill: the spec's colour for it (a tier's colour), else Excel's default palette. */
const colourOf = (spec: ChartSpec, s: number): string => spec.colours?.[s] ?? (PALETTE[s % PALETTE.length] as string);

/** A bar's fill: its own point colour (one series of groups: a tier's bar in the tier's colour), else its series'. */
const barColourOf = (spec: ChartSpec, s: number, i: number): string => (spec.series.length === 1 ? spec.pointColours?.[i] : undefined) ?? colourOf(spec, s);

/** Ticks from `low` to `high` (round steps) and the rounded ends. */
function roundTicks(low0: number, high0: number): { low: number; high: number; ticks: number[] } {
  const step = tickStep(high0 - low0 || 1);
  const high = Math.ceil(high0 / step) * step || step;
  const low = Math.floor(low0 / step) * step;
  const ticks: number[] = [];
  for (let t = low; t <= high + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { low, high, ticks };
}

/**
 * An XY chart (scatter: points; xyLine: straight lines without markers) as Excel draws one:
 * the categories are the x values, numeric axes both ways, a legend for several series.
 */
function XyChartView({ spec, width, height }: { spec: ChartSpec; width: number; height: number }) {
  const xs = spec.categories.map((c) => Number(c));
  const ys = spec.series.flatMap((s) => s.values).filter((v) => Number.isFinite(v));
  const finiteX = xs.filter((v) => Number.isFinite(v));
  const xl = labellers(finiteX);
  const yl = labellers(ys);
  const xr = roundTicks(Math.min(0, ...finiteX), Math.max(0, ...finiteX));
  const yr = roundTicks(Math.min(0, ...ys), Math.max(0, ...ys));
  const legendHeight = spec.series.length > 1 ? 24 : 8;
  const plot = { x: 48 + (spec.valueTitle ? 14 : 0), y: 34, w: 0, h: 0 };
  plot.w = width - plot.x - 24;
  plot.h = height - plot.y - legendHeight - 30 - (spec.categoryTitle ? 14 : 0);
  const px = (v: number) => plot.x + ((v - xr.low) / (xr.high - xr.low)) * plot.w;
  const py = (v: number) => plot.y + plot.h - ((v - yr.low) / (yr.high - yr.low)) * plot.h;
  const shapes: ReactElement[] = [];
  spec.series.forEach((series, s) => {
    const colour = colourOf(spec, s);
    const points: [number, number][] = [];
    series.values.forEach((v, i) => {
      const x = xs[i] as number;
      if (Number.isFinite(v) && Number.isFinite(x)) points.push([px(x), py(v)]);
    });
    if (spec.type === "xyLine") shapes.push(<polyline key={`l${s}`} points={points.map((p) => p.join(",")).join(" ")} fill="none" stroke={colour} strokeWidth={2} />);
    else points.forEach(([x, y], i) => shapes.push(<circle key={`p${s}-${i}`} cx={x} cy={y} r={2.5} fill={colour} />));
  });
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Chart: ${spec.title}. ${spec.series.map((s) => `${s.name}: ${s.values.filter(Number.isFinite).length} points`).join("; ")}`} className="cv-chart">
      <title>{spec.title}</title>
      <rect x={0.5} y={0.5} width={width - 1} height={height - 1} fill="#FFFFFF" stroke="#BFBFBF" />
      <text x={width / 2} y={22} textAnchor="middle" className="cv-chart-title">
        {spec.title}
      </text>
      {yr.ticks.map((t) => (
        <g key={`y${t}`}>
          <line x1={plot.x} x2={plot.x + plot.w} y1={py(t)} y2={py(t)} stroke="#D9D9D9" />
          <text x={plot.x - 6} y={py(t)} textAnchor="end" dominantBaseline="middle" className="cv-chart-axis">
            {yl.tick(t)}
          </text>
        </g>
      ))}
      {xr.ticks.map((t) => (
        <text key={`x${t}`} x={px(t)} y={plot.y + plot.h + 16} textAnchor="middle" className="cv-chart-axis">
          {xl.tick(t)}
        </text>
      ))}
      {spec.valueTitle && (
        <text x={14} y={plot.y + plot.h / 2} textAnchor="middle" transform={`rotate(-90 14 ${plot.y + plot.h / 2})`} className="cv-chart-axis">
          {spec.valueTitle}
        </text>
      )}
      {spec.categoryTitle && (
        <text x={plot.x + plot.w / 2} y={plot.y + plot.h + 32} textAnchor="middle" className="cv-chart-axis">
          {spec.categoryTitle}
        </text>
      )}
      {shapes}
      {spec.series.length > 1 &&
        spec.series.map((s, k) => {
          const x = 16 + k * ((width - 32) / spec.series.length);
          return (
            <g key={`k${k}`}>
              <rect x={x} y={height - 19} width={10} height={10} fill={colourOf(spec, k)} />
              <text x={x + 14} y={height - 14} dominantBaseline="middle" className="cv-chart-axis">
                {s.name.length > 28 ? `${s.name.slice(0, 27)}…` : s.name}
              </text>
            </g>
          );
        })}
    </svg>
  );
}

export function ChartView({ spec, width = CHART_WIDTH, height = CHART_HEIGHT }: { spec: ChartSpec; width?: number; height?: number }) {
  if (spec.type === "scatter" || spec.type === "xyLine") return <XyChartView spec={spec} width={width} height={height} />;
  const stacked = spec.type === "stackedBar" || spec.type === "stackedColumn";
  // Stacked charts span the sums per category; the others each value.
  const sums = stacked ? spec.categories.map((_, i) => spec.series.reduce((t, s) => t + (Number.isFinite(s.values[i] as number) ? Math.max(0, s.values[i] as number) : 0), 0)) : [];
  const all = [...spec.series.flatMap((s) => s.values), ...sums].filter((v) => Number.isFinite(v));
  const { value: label, tick: tickLabel } = labellers(all);
  const top = Math.max(...all, 0);
  const bottom = Math.min(...all, 0);
  const { low, high, ticks } = roundTicks(bottom, top);

  const titleHeight = 34;
  const legendHeight = spec.series.length > 1 ? 24 : 8;
  const horizontal = spec.type === "bar" || spec.type === "stackedBar";
  const categoryLabelWidth = horizontal ? Math.min(140, 12 + 7 * Math.max(4, ...spec.categories.map((c) => c.length))) : 0;
  // Axis titles (column and line charts): the value axis's on the left, turned; the category axis's under its labels.
  const valueTitle = horizontal ? undefined : spec.valueTitle;
  const categoryTitle = horizontal ? undefined : spec.categoryTitle;
  const left = 48 + (valueTitle ? 14 : 0);
  const plot = {
    x: horizontal ? categoryLabelWidth : left,
    y: titleHeight,
    w: width - (horizontal ? categoryLabelWidth : left) - 24,
    h: height - titleHeight - legendHeight - (horizontal ? 22 : 30) - (categoryTitle ? 14 : 0),
  };
  const n = Math.max(spec.categories.length, 1);
  const band = (horizontal ? plot.h : plot.w) / n;
  const groupGap = band * 0.25;
  const barSize = stacked ? band - groupGap : (band - groupGap) / Math.max(spec.series.length, 1);
  const stackBase = spec.categories.map(() => 0);
  // Value labels over columns only when each fits over its column (11 px text, about 6.5 px a
  // character); crowded column charts leave them out, as Excel's charts do by default.
  const longestLabel = Math.max(0, ...all.map((v) => label(v).length));
  const columnLabels = barSize * 0.92 + 2 >= longestLabel * 6.5;
  // Category labels as Excel thins them: every k-th, so that each fits its share of the axis (about 6.5 px a character).
  const longestCategory = Math.max(1, ...spec.categories.map((c) => String(c).length));
  const categoryStep = horizontal ? Math.max(1, Math.ceil(13 / band)) : Math.max(1, Math.ceil((longestCategory * 6.5 + 6) / band));
  /** Position along the value axis, in px from the plot's origin edge. */
  const scale = (v: number) => ((v - low) / (high - low)) * (horizontal ? plot.w : plot.h);
  const zero = scale(0);

  const shapes: ReactElement[] = [];
  spec.series.forEach((series, s) => {
    const colour = colourOf(spec, s);
    if (spec.type === "line") {
      const points = series.values.map((v, i) => `${plot.x + band * (i + 0.5)},${plot.y + plot.h - scale(v)}`).join(" ");
      shapes.push(<polyline key={`l${s}`} points={points} fill="none" stroke={colour} strokeWidth={2.5} />);
      // Excel's "Line" chart has no markers or labels; a short line keeps them here to be read, a long one (a weekly curve) would be a blur.
      if (series.values.length > MARKED_POINTS) return;
      series.values.forEach((v, i) => {
        const x = plot.x + band * (i + 0.5);
        const y = plot.y + plot.h - scale(v);
        shapes.push(<circle key={`p${s}-${i}`} cx={x} cy={y} r={3.5} fill={colour} />);
        shapes.push(
          <text key={`t${s}-${i}`} x={x} y={y - 8} textAnchor="middle" className="cv-chart-value">
            {label(v)}
          </text>,
        );
      });
      return;
    }
    series.values.forEach((v0, i) => {
      const v = Number.isFinite(v0) ? v0 : 0;
      const fill = barColourOf(spec, s, i);
      const offset = band * i + groupGap / 2 + (stacked ? 0 : barSize * s);
      // A stacked segment starts where the one below it ends.
      const base = stacked ? (stackBase[i] as number) : 0;
      if (stacked) stackBase[i] = base + Math.max(0, v);
      const a = stacked ? scale(base) : Math.min(zero, scale(v));
      const length = stacked ? scale(base + Math.max(0, v)) - scale(base) : Math.abs(scale(v) - zero);
      if (stacked) {
        shapes.push(
          horizontal ? (
            <rect key={`b${s}-${i}`} x={plot.x + a} y={plot.y + offset} width={length} height={barSize * 0.92} fill={fill} />
          ) : (
            <rect key={`b${s}-${i}`} x={plot.x + offset} y={plot.y + plot.h - a - length} width={barSize * 0.92} height={length} fill={fill} />
          ),
        );
        return;
      }
      if (horizontal) {
        shapes.push(<rect key={`b${s}-${i}`} x={plot.x + a} y={plot.y + offset} width={length} height={barSize * 0.92} fill={fill} />);
        shapes.push(
          <text key={`t${s}-${i}`} x={plot.x + a + length + 4} y={plot.y + offset + barSize * 0.46} dominantBaseline="middle" className="cv-chart-value">
            {label(v)}
          </text>,
        );
      } else {
        shapes.push(
          <rect key={`b${s}-${i}`} x={plot.x + offset} y={plot.y + plot.h - a - length} width={barSize * 0.92} height={length} fill={fill} />,
        );
        if (columnLabels) {
          shapes.push(
            <text key={`t${s}-${i}`} x={plot.x + offset + barSize * 0.46} y={plot.y + plot.h - a - length - 4} textAnchor="middle" className="cv-chart-value">
              {label(v)}
            </text>,
          );
        }
      }
    });
  });

  const description = spec.series
    .map((s) => `${s.name}: ${spec.categories.map((c, i) => `${c} ${label(s.values[i] ?? Number.NaN)}`).join(", ")}`)
    .join("; ");

  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Chart: ${spec.title}. ${description}`}
      className="cv-chart"
    >
      <title>{spec.title}</title>
      <rect x={0.5} y={0.5} width={width - 1} height={height - 1} fill="#FFFFFF" stroke="#BFBFBF" />
      <text x={width / 2} y={22} textAnchor="middle" className="cv-chart-title">
        {spec.title}
      </text>
      {ticks.map((t) => {
        const p = scale(t);
        return horizontal ? (
          <g key={`g${t}`}>
            <line x1={plot.x + p} x2={plot.x + p} y1={plot.y} y2={plot.y + plot.h} stroke="#D9D9D9" />
            <text x={plot.x + p} y={plot.y + plot.h + 14} textAnchor="middle" className="cv-chart-axis">
              {tickLabel(t)}
            </text>
          </g>
        ) : (
          <g key={`g${t}`}>
            <line x1={plot.x} x2={plot.x + plot.w} y1={plot.y + plot.h - p} y2={plot.y + plot.h - p} stroke="#D9D9D9" />
            <text x={plot.x - 6} y={plot.y + plot.h - p} textAnchor="end" dominantBaseline="middle" className="cv-chart-axis">
              {tickLabel(t)}
            </text>
          </g>
        );
      })}
      {spec.categories.map((c, i) =>
        i % categoryStep !== 0 ? null : horizontal ? (
          <text key={`c${i}`} x={plot.x - 6} y={plot.y + band * (i + 0.5)} textAnchor="end" dominantBaseline="middle" className="cv-chart-axis">
            {c}
          </text>
        ) : (
          <text key={`c${i}`} x={plot.x + band * (i + 0.5)} y={plot.y + plot.h + 16} textAnchor="middle" className="cv-chart-axis">
            {c}
          </text>
        ),
      )}
      {valueTitle && (
        <text x={14} y={plot.y + plot.h / 2} textAnchor="middle" transform={`rotate(-90 14 ${plot.y + plot.h / 2})`} className="cv-chart-axis">
          {valueTitle}
        </text>
      )}
      {categoryTitle && (
        <text x={plot.x + plot.w / 2} y={plot.y + plot.h + 32} textAnchor="middle" className="cv-chart-axis">
          {categoryTitle}
        </text>
      )}
      {shapes}
      {spec.series.length > 1 &&
        spec.series.map((s, k) => {
          const x = 16 + k * ((width - 32) / spec.series.length);
          const y = height - 14;
          return (
            <g key={`k${k}`}>
              <rect x={x} y={y - 5} width={10} height={10} fill={colourOf(spec, k)} />
              <text x={x + 14} y={y} dominantBaseline="middle" className="cv-chart-axis">
                {s.name}
              </text>
            </g>
          );
        })}
    </svg>
  );
}
