import { useEffect, useRef, useState } from "react";
import type { KeyboardEvent, ReactNode, RefObject } from "react";
import type { BarsPicture, CurvePicture, HeatmapPicture, Picture, PictureFormat, ScatterPicture } from "../../engine/analyses/pictures";
import { groupColour, heatColour, seriesColour } from "../../workbook/colours";
import { fitsWords, flowLegend, formatFigure, formatTick, heatLayout, labelColumn, niceTicks, stackLabels, textOn, textWidth, wrapLabel } from "./pictureLayout";

/** What a click on a picture selects: a run group (bar, region, mark) or a heatmap cell. */
export type PictureSelection = { kind: "group"; group: number } | { kind: "cell"; row: number; column: number };

export interface PictureViewProps {
  picture: Picture;
  /** run.groups labels, top first: colours and names. */
  groups: readonly string[];
  /** Drill-down: called on click or Enter / Space on a selectable bar, region, mark or cell. */
  onSelect?: (selection: PictureSelection) => void;
}

export interface PictureListProps {
  pictures: readonly Picture[];
  groups: readonly string[];
  onSelect?: (selection: PictureSelection) => void;
}

const DEFAULT_WIDTH = 300;
const TEXT = "#242424";
const MUTED = "#616161";
const GRID = "#E0E0E0";
const AXIS = "#8A8A8A";
const FONT = 11;
const SMALL = 10;

/**
 * The width of an element in CSS px, followed with a ResizeObserver; `initial` until measured.
 *
 * @example const [ref, width] = useWidth<HTMLDivElement>(); // <div ref={ref}> … width
 */
export function useWidth<E extends HTMLElement = HTMLDivElement>(initial = DEFAULT_WIDTH): [RefObject<E | null>, number] {
  const ref = useRef<E | null>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const w = Math.floor(el.getBoundingClientRect().width);
      if (w > 0) setWidth((old) => (Math.abs(old - w) >= 1 ? w : old));
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** Props making an SVG element a drill-down button (click, Enter, Space), or just labelled when nothing is selected. */
function selectable(label: string, selection: PictureSelection | null, onSelect?: (s: PictureSelection) => void) {
  if (!selection || !onSelect) return { "aria-label": label, role: "img" as const };
  const fire = () => onSelect(selection);
  return {
    "aria-label": label,
    role: "button" as const,
    tabIndex: 0,
    style: { cursor: "pointer" },
    onClick: fire,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        fire();
      }
    },
  };
}

const groupSelection = (g: number | undefined, count: number): PictureSelection | null =>
  g !== undefined && g >= 0 && (count === 0 || g < count) ? { kind: "group", group: g } : null;

/** Multi-line SVG text, one tspan per line. */
function Lines({ lines, x, y, size, anchor, fill = TEXT, weight }: { lines: readonly string[]; x: number; y: number; size: number; anchor?: "start" | "middle" | "end"; fill?: string; weight?: number }) {
  return (
    <text x={x} y={y} fontSize={size} fill={fill} textAnchor={anchor} fontWeight={weight}>
      {lines.map((line, k) => (
        <tspan key={k} x={x} dy={k === 0 ? 0 : size + 1}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** A legend flowed into rows at the top of a chart; returns its elements and height. */
function legend(names: readonly string[], colours: readonly string[], width: number, y: number, dashed?: readonly boolean[]): [ReactNode, number] {
  if (names.length <= 1) return [null, 0];
  const at = flowLegend(names, width, SMALL);
  const rows = Math.max(...at.map((a) => a.row)) + 1;
  return [
    <g key="legend" aria-label={`Legend: ${names.join(", ")}`} role="img">
      {names.map((name, k) => {
        const p = at[k]!;
        const cy = y + p.row * 14 + 6;
        return (
          <g key={k}>
            {dashed ? (
              <line x1={p.x} x2={p.x + 11} y1={cy} y2={cy} stroke={colours[k]} strokeWidth={2} strokeDasharray={dashed[k] ? "3 2" : undefined} />
            ) : (
              <rect x={p.x} y={cy - 4} width={10} height={9} fill={colours[k]} stroke={MUTED} strokeWidth={0.4} />
            )}
            <text x={p.x + 14} y={cy + 3.5} fontSize={SMALL} fill={TEXT}>
              {name}
            </text>
          </g>
        );
      })}
    </g>,
    rows * 14 + 2,
  ];
}

/** The y axis: grid lines and tick labels at the left of the plot. */
function YAxis({ ticks, y, left, right, format, step }: { ticks: readonly number[]; y: (v: number) => number; left: number; right: number; format: PictureFormat; step: number }) {
  return (
    <g aria-hidden="true">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={left} x2={right} y1={y(t)} y2={y(t)} stroke={t === 0 ? AXIS : GRID} strokeWidth={t === 0 ? 1 : 0.6} />
          <text x={left - 4} y={y(t) + 3.5} fontSize={SMALL} fill={MUTED} textAnchor="end">
            {formatTick(t, format, step)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** The x axis: ticks and labels under the plot, thinned so labels never touch. */
function XAxis({ ticks, x, bottom, format, step, left, right }: { ticks: readonly number[]; x: (v: number) => number; bottom: number; format: PictureFormat; step: number; left: number; right: number }) {
  const labels = ticks.map((t) => formatTick(t, format, step));
  const widest = Math.max(...labels.map((l) => textWidth(l, SMALL)));
  const spacing = ticks.length > 1 ? Math.abs(x(ticks[1]!) - x(ticks[0]!)) : Infinity;
  const every = Math.max(1, Math.ceil((widest + 6) / spacing));
  return (
    <g aria-hidden="true">
      <line x1={left} x2={right} y1={bottom} y2={bottom} stroke={AXIS} />
      {ticks.map((t, k) => {
        const cx = x(t);
        const w = textWidth(labels[k]!, SMALL);
        const tx = Math.max(w / 2, Math.min(right + 4 - w / 2, cx));
        return (
          <g key={t}>
            <line x1={cx} x2={cx} y1={bottom} y2={bottom + 3} stroke={AXIS} />
            {k % every === 0 && (
              <text x={tx} y={bottom + 13} fontSize={SMALL} fill={MUTED} textAnchor="middle">
                {labels[k]}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}

const yLeftMargin = (ticks: readonly number[], format: PictureFormat, step: number) => Math.ceil(Math.max(...ticks.map((t) => textWidth(formatTick(t, format, step), SMALL)))) + 8;

function CurveChart({ picture, groups, onSelect, width }: PictureViewProps & { picture: CurvePicture; width: number }) {
  const xs = picture.series.flatMap((s) => s.x).concat(picture.marks.map((m) => m.x));
  const ys = picture.series.flatMap((s) => s.y);
  const xt = niceTicks(Math.min(...xs, 0), Math.max(...xs, 0), 5, picture.xFormat === "integer");
  const yt = niceTicks(Math.min(...ys, 0), Math.max(...ys, 0), 5, picture.yFormat === "integer");
  const colours = picture.series.map((s, k) => (s.dashed ? "#8A8A8A" : seriesColour(k)));
  const [legendNode, legendH] = legend(
    picture.series.map((s) => s.name),
    colours,
    width,
    0,
    picture.series.map((s) => !!s.dashed),
  );
  const left = yLeftMargin(yt.ticks, picture.yFormat, yt.step) + 12;
  const right = width - 8;
  const plotW = right - left;
  const x = (v: number) => left + ((v - xt.low) / (xt.high - xt.low || 1)) * plotW;
  const labelFont = SMALL;
  const placed = stackLabels(
    picture.marks.map((m) => ({ at: x(m.x), width: textWidth(m.label, labelFont) })),
    0,
    width,
  );
  const markRows = placed.length ? Math.max(...placed.map((p) => p.row)) + 1 : 0;
  const top = legendH + markRows * 13 + 6;
  const plotH = Math.max(110, Math.round(width * 0.45));
  const bottom = top + plotH;
  const y = (v: number) => bottom - ((v - yt.low) / (yt.high - yt.low || 1)) * plotH;
  const height = bottom + 34;
  const summary = picture.series.map((s) => `${s.name}: ${s.x.length} points`).join("; ");
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="group" aria-label={`${picture.title}. ${summary}`}>
      {legendNode}
      <YAxis ticks={yt.ticks} y={y} left={left} right={right} format={picture.yFormat} step={yt.step} />
      <XAxis ticks={xt.ticks} x={x} bottom={y(yt.low)} format={picture.xFormat} step={xt.step} left={left} right={right} />
      {picture.series.map((s, k) => {
        const d = s.x.map((v, i) => `${i === 0 ? "M" : "L"}${x(v).toFixed(1)},${y(s.y[i] ?? 0).toFixed(1)}`).join("");
        const last = s.x.length - 1;
        const label = `${s.name}: ${s.x.length} points${last >= 0 ? `, from (${formatFigure(s.x[0]!, picture.xFormat)}, ${formatFigure(s.y[0]!, picture.yFormat)}) to (${formatFigure(s.x[last]!, picture.xFormat)}, ${formatFigure(s.y[last]!, picture.yFormat)})` : ""}`;
        return (
          <path key={k} d={d} fill="none" stroke={colours[k]} strokeWidth={s.dashed ? 1.2 : 2} strokeDasharray={s.dashed ? "4 3" : undefined} role="img" aria-label={label}>
            <title>{label}</title>
          </path>
        );
      })}
      {picture.marks.map((m, k) => {
        const p = placed[k]!;
        const cx = x(m.x);
        const labelY = legendH + (markRows - 1 - p.row) * 13 + 11;
        const colour = m.group !== undefined ? groupColour(m.group, groups.length) : MUTED;
        const groupName = m.group !== undefined && m.group >= 0 ? groups[m.group] : undefined;
        const label = `${m.label} at ${formatFigure(m.x, picture.xFormat)}${groupName ? ` (${groupName})` : ""}`;
        return (
          <g key={k} {...selectable(label, groupSelection(m.group, groups.length), onSelect)}>
            <title>{label}</title>
            <line x1={cx} x2={cx} y1={labelY + 2} y2={bottom} stroke={colour} strokeWidth={1.5} />
            <line x1={cx} x2={cx} y1={top} y2={bottom} stroke={MUTED} strokeWidth={0.4} />
            <rect x={p.x - 1} y={labelY - 10} width={p.width + 2} height={12} fill="#FFFFFF" opacity={0.85} />
            <text x={p.x} y={labelY} fontSize={labelFont} fill={TEXT}>
              {m.label}
            </text>
          </g>
        );
      })}
      <text x={left + plotW / 2} y={height - 4} fontSize={SMALL} fill={MUTED} textAnchor="middle">
        {picture.xTitle}
      </text>
      <text x={0} y={0} fontSize={SMALL} fill={MUTED} textAnchor="middle" transform={`translate(9 ${top + plotH / 2}) rotate(-90)`}>
        {picture.yTitle}
      </text>
    </svg>
  );
}

/** Colour of series s at category c. */
function barColour(picture: BarsPicture, groups: readonly string[], s: number, c: number): string {
  if (picture.colourBy === "groups") return groupColour(picture.categoryGroups?.[c] ?? -1, groups.length);
  if (picture.colourBy === "seriesGroups") return groupColour(picture.seriesGroups?.[s] ?? -1, groups.length);
  return seriesColour(s);
}

/** What clicking series s at category c selects. */
function barSelection(picture: BarsPicture, groups: readonly string[], s: number, c: number): PictureSelection | null {
  const sg = picture.seriesGroups?.[s];
  if (picture.colourBy === "seriesGroups" && sg !== undefined && sg >= 0) return groupSelection(sg, groups.length);
  const cg = picture.categoryGroups?.[c];
  if (cg !== undefined && cg >= 0) return groupSelection(cg, groups.length);
  return sg !== undefined && sg >= 0 ? groupSelection(sg, groups.length) : null;
}

function BarsChart({ picture, groups, onSelect, width }: PictureViewProps & { picture: BarsPicture; width: number }) {
  const { series, categories, stacked, valueFormat } = picture;
  const multi = series.length > 1;
  const legendColours = series.map((_, s) => barColour(picture, groups, s, 0));
  const [legendNode, legendH] = picture.colourBy === "groups" && !multi ? [null, 0] : legend(series.map((s) => s.name), legendColours, width, 0);
  const totals = categories.map((_, c) => series.reduce((sum, s) => sum + Math.max(0, s.values[c] ?? 0), 0));
  const lows = categories.map((_, c) => series.reduce((sum, s) => sum + Math.min(0, s.values[c] ?? 0), 0));
  const all = series.flatMap((s) => s.values);
  const maxV = stacked ? Math.max(0, ...totals) : Math.max(0, ...all);
  const minV = stacked ? Math.min(0, ...lows) : Math.min(0, ...all);
  const vt = niceTicks(minV, maxV, 4, valueFormat === "integer");
  const valueText = (v: number) => formatFigure(v, valueFormat);
  const segLabel = (s: number, c: number) => {
    const v = series[s]!.values[c] ?? 0;
    const note = picture.notes?.[c];
    return `${categories[c]}${multi ? `, ${series[s]!.name}` : ""}: ${valueText(v)}${stacked && multi ? ` of ${valueText(totals[c]!)}` : ""}${note ? ` (${note})` : ""}`;
  };

  if (picture.orientation === "bars") {
    const longest = Math.max(...categories.map((c) => textWidth(c, FONT)), 20) + 6;
    const labelW = Math.round(Math.min(longest, labelColumn(categories, Math.min(longest, Math.round(width * 0.3)), Math.round(width * 0.45), FONT, 3) + 2));
    const endLabels = stacked ? totals.map(valueText) : all.map(valueText);
    const valueW = Math.ceil(Math.max(20, ...endLabels.map((l) => textWidth(l, SMALL)))) + 6;
    const left = labelW + 4;
    const right = width - valueW;
    const span = right - left;
    const x = (v: number) => left + ((v - vt.low) / (vt.high - vt.low || 1)) * span;
    const barH = stacked || !multi ? 14 : Math.max(6, Math.min(12, 28 / series.length));
    const barsH = stacked || !multi ? barH : barH * series.length + 2;
    let yCursor = legendH + 4;
    const rows = categories.map((cat, c) => {
      const lines = wrapLabel(cat, labelW - 2, FONT);
      const noteLines = picture.notes?.[c] ? wrapLabel(picture.notes[c]!, width - left, 9) : [];
      const h = Math.max(lines.length * 12 + 2, barsH + 4) + noteLines.length * 11 + 4;
      const row = { c, y: yCursor, lines, noteLines, h };
      yCursor += h;
      return row;
    });
    const bottom = yCursor;
    const height = bottom + 30;
    return (
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="group" aria-label={`${picture.title}: ${categories.map((c, k) => `${c} ${stacked ? valueText(totals[k]!) : series.map((s) => valueText(s.values[k] ?? 0)).join(" / ")}`).join("; ")}`}>
        {legendNode}
        {vt.ticks.map((t) => (
          <line key={t} x1={x(t)} x2={x(t)} y1={legendH + 2} y2={bottom} stroke={t === 0 ? AXIS : GRID} strokeWidth={t === 0 ? 1 : 0.6} aria-hidden="true" />
        ))}
        <XAxis ticks={vt.ticks} x={x} bottom={bottom} format={valueFormat} step={vt.step} left={left} right={right} />
        {rows.map(({ c, y, lines, noteLines, h }) => {
          const barsTop = y + Math.max(0, (Math.max(lines.length * 12 + 2, barsH + 4) - barsH) / 2);
          let pos = 0;
          let neg = 0;
          return (
            <g key={c}>
              <Lines lines={lines} x={labelW} y={y + Math.max(10, barsTop - y + barsH / 2 + 4 - ((lines.length - 1) * 12) / 2)} size={FONT} anchor="end" />
              {series.map((s, si) => {
                const v = s.values[c] ?? 0;
                let x0: number;
                let x1: number;
                let by: number;
                if (stacked) {
                  const base = v >= 0 ? pos : neg;
                  if (v >= 0) pos += v;
                  else neg += v;
                  x0 = x(base);
                  x1 = x(base + v);
                  by = barsTop;
                } else {
                  x0 = x(0);
                  x1 = x(v);
                  by = barsTop + si * barH;
                }
                const label = segLabel(si, c);
                return (
                  <g key={si} {...selectable(label, barSelection(picture, groups, si, c), onSelect)}>
                    <title>{label}</title>
                    <rect x={Math.min(x0, x1)} y={by} width={Math.max(v !== 0 ? 1 : 0, Math.abs(x1 - x0))} height={barH - 1} fill={barColour(picture, groups, si, c)} stroke={MUTED} strokeWidth={0.4} />
                    {!stacked && (
                      <text x={Math.max(x0, x1) + 3} y={by + barH / 2 + 3} fontSize={SMALL} fill={TEXT}>
                        {valueText(v)}
                      </text>
                    )}
                  </g>
                );
              })}
              {stacked && (
                <text x={x(totals[c]!) + 3} y={barsTop + barH / 2 + 3} fontSize={SMALL} fill={TEXT}>
                  {valueText(totals[c]!)}
                </text>
              )}
              {noteLines.length > 0 && <Lines lines={noteLines} x={left} y={y + h - 4 - (noteLines.length - 1) * 10} size={9} fill={MUTED} />}
            </g>
          );
        })}
        <text x={left + span / 2} y={height - 4} fontSize={SMALL} fill={MUTED} textAnchor="middle">
          {picture.valueTitle}
        </text>
      </svg>
    );
  }

  // columns
  const top = legendH + 14;
  const plotH = Math.max(110, Math.round(width * 0.42));
  const provisionalLeft = yLeftMargin(vt.ticks, valueFormat, vt.step) + 12;
  const right = width - 4;
  let band = (right - provisionalLeft) / Math.max(1, categories.length);
  const widest = Math.max(...categories.map((c) => textWidth(c, SMALL)), 1);
  const wrapped = categories.map((c) => wrapLabel(c, band - 2, SMALL));
  const fitsWrapped = wrapped.every((l) => l.length <= 2 && l.every((line) => textWidth(line, SMALL) <= band));
  const rotate = !fitsWrapped;
  const every = rotate ? Math.max(1, Math.ceil(12 / band)) : 1;
  const labelH = rotate ? widest * 0.71 + 10 : Math.max(...wrapped.map((l) => l.length)) * 11 + 4;
  // a rotated first label reaches left of its column: keep it inside the box
  const firstReach = rotate ? textWidth(categories[0] ?? "", SMALL) * 0.71 - 3 : 0;
  const left = Math.max(provisionalLeft, Math.ceil(firstReach - band / 2) + 2);
  band = (right - left) / Math.max(1, categories.length);
  const bottom = top + plotH;
  const y = (v: number) => bottom - ((v - vt.low) / (vt.high - vt.low || 1)) * plotH;
  const height = bottom + labelH + 16;
  const inner = band * 0.78;
  const barW = stacked ? inner : inner / Math.max(1, series.length);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="group" aria-label={`${picture.title}: ${categories.map((c, k) => `${c} ${stacked ? valueText(totals[k]!) : series.map((s) => valueText(s.values[k] ?? 0)).join(" / ")}`).join("; ")}`}>
      {legendNode}
      <YAxis ticks={vt.ticks} y={y} left={left} right={right} format={valueFormat} step={vt.step} />
      {categories.map((cat, c) => {
        const bx = left + band * c + (band - inner) / 2;
        let pos = 0;
        let neg = 0;
        const cx = left + band * (c + 0.5);
        const topLabel = stacked ? valueText(totals[c]!) : null;
        return (
          <g key={c}>
            {series.map((s, si) => {
              const v = s.values[c] ?? 0;
              let y0: number;
              let y1: number;
              let x0: number;
              if (stacked) {
                const base = v >= 0 ? pos : neg;
                if (v >= 0) pos += v;
                else neg += v;
                y0 = y(base);
                y1 = y(base + v);
                x0 = bx;
              } else {
                y0 = y(0);
                y1 = y(v);
                x0 = bx + si * barW;
              }
              const label = segLabel(si, c);
              const showValue = !stacked && textWidth(valueText(v), 9) <= barW + band * 0.2 && series.length === 1;
              return (
                <g key={si} {...selectable(label, barSelection(picture, groups, si, c), onSelect)}>
                  <title>{label}</title>
                  <rect x={x0} y={Math.min(y0, y1)} width={Math.max(1, barW - (stacked ? 0 : 0.5))} height={Math.max(v !== 0 ? 1 : 0, Math.abs(y1 - y0))} fill={barColour(picture, groups, si, c)} stroke={MUTED} strokeWidth={0.4} />
                  {showValue && (
                    <text x={x0 + barW / 2} y={Math.min(y0, y1) - 3} fontSize={9} fill={TEXT} textAnchor="middle">
                      {valueText(v)}
                    </text>
                  )}
                </g>
              );
            })}
            {topLabel && textWidth(topLabel, 9) <= band + 2 && (
              <text x={cx} y={y(totals[c]!) - 3} fontSize={9} fill={TEXT} textAnchor="middle">
                {topLabel}
              </text>
            )}
            {c % every === 0 &&
              (rotate ? (
                <text x={0} y={0} fontSize={SMALL} fill={TEXT} textAnchor="end" transform={`translate(${cx + 3} ${bottom + 10}) rotate(-45)`}>
                  <title>{cat}</title>
                  {cat}
                </text>
              ) : (
                <Lines lines={wrapped[c]!} x={cx} y={bottom + 12} size={SMALL} anchor="middle" />
              ))}
          </g>
        );
      })}
      <text x={left + (right - left) / 2} y={height - 4} fontSize={SMALL} fill={MUTED} textAnchor="middle">
        {picture.categoryTitle}
      </text>
      <text x={0} y={0} fontSize={SMALL} fill={MUTED} textAnchor="middle" transform={`translate(9 ${top + plotH / 2}) rotate(-90)`}>
        {picture.valueTitle}
      </text>
    </svg>
  );
}

function ScatterChart({ picture, groups, onSelect, width }: PictureViewProps & { picture: ScatterPicture; width: number }) {
  const xsAll = picture.x.concat(picture.lines.filter((l) => l.axis === "x").map((l) => l.at));
  const ysAll = picture.y.concat(picture.lines.filter((l) => l.axis === "y").map((l) => l.at));
  const xt = niceTicks(Math.min(...xsAll, 0), Math.max(...xsAll, 0), 5, picture.xFormat === "integer");
  const yt = niceTicks(Math.min(...ysAll, 0), Math.max(...ysAll, 0), 5, picture.yFormat === "integer");
  const left = yLeftMargin(yt.ticks, picture.yFormat, yt.step) + 12;
  const right = width - 6;
  const top = 6;
  const plotH = Math.max(140, Math.round(width * 0.6));
  const bottom = top + plotH;
  const x = (v: number) => left + ((v - xt.low) / (xt.high - xt.low || 1)) * (right - left);
  const y = (v: number) => bottom - ((v - yt.low) / (yt.high - yt.low || 1)) * plotH;
  const sampled = picture.x.length < picture.customers;
  const note = sampled ? `${formatFigure(picture.x.length, "integer")} of ${formatFigure(picture.customers, "integer")} customers shown` : null;
  const height = bottom + 32 + (note ? 14 : 0);
  const regionFont = FONT;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="group" aria-label={`${picture.title}: ${formatFigure(picture.x.length, "integer")} points${note ? ` (${note})` : ""}`}>
      <YAxis ticks={yt.ticks} y={y} left={left} right={right} format={picture.yFormat} step={yt.step} />
      <XAxis ticks={xt.ticks} x={x} bottom={y(yt.low)} format={picture.xFormat} step={xt.step} left={left} right={right} />
      <g aria-hidden="false">
        {picture.x.map((xv, k) => {
          const yv = picture.y[k] ?? 0;
          const g = picture.group[k] ?? -1;
          return (
            <circle key={k} cx={x(xv)} cy={y(yv)} r={2} fill={groupColour(g, groups.length)} stroke="#616161" strokeWidth={0.3}>
              <title>{`${g >= 0 ? `${groups[g] ?? ""}: ` : ""}${formatFigure(xv, picture.xFormat)}, ${formatFigure(yv, picture.yFormat)}`}</title>
            </circle>
          );
        })}
      </g>
      {picture.lines.map((l, k) => {
        const label = `${l.label}: ${formatFigure(l.at, l.axis === "x" ? picture.xFormat : picture.yFormat)}`;
        const w = textWidth(l.label, 9);
        if (l.axis === "x") {
          const lx = x(l.at);
          const ty = top + plotH * 0.3;
          return (
            <g key={`l${k}`} role="img" aria-label={label}>
              <title>{label}</title>
              <line x1={lx} x2={lx} y1={top} y2={bottom} stroke={MUTED} strokeDasharray="4 3" />
              <text x={0} y={0} fontSize={9} fill={MUTED} textAnchor="middle" stroke="#FFFFFF" strokeWidth={3} paintOrder="stroke" transform={`translate(${Math.max(left + 10, lx - 3)} ${Math.max(top + w / 2, ty)}) rotate(-90)`}>
                {l.label}
              </text>
            </g>
          );
        }
        const ly = y(l.at);
        return (
          <g key={`l${k}`} role="img" aria-label={label}>
            <title>{label}</title>
            <line x1={left} x2={right} y1={ly} y2={ly} stroke={MUTED} strokeDasharray="4 3" />
            <text x={right - 2} y={ly - 3} fontSize={9} fill={MUTED} textAnchor="end" stroke="#FFFFFF" strokeWidth={3} paintOrder="stroke">
              {l.label}
            </text>
          </g>
        );
      })}
      {/* The quadrants' names over the points and lines, so a crowded corner never hides them. */}
      {picture.regions.map((r, k) => {
        const name = r.group >= 0 ? groups[r.group] : undefined;
        const count = r.group >= 0 ? picture.group.filter((g) => g === r.group).length : null;
        const label = `${r.label}${name && name !== r.label ? ` (${name})` : ""}${count !== null ? `: ${formatFigure(count, "integer")} points shown` : ""}`;
        const rightSide = r.corner.endsWith("right");
        const topSide = r.corner.startsWith("top");
        const lines = wrapLabel(r.label, (right - left) / 2 - 8, regionFont);
        const tx = rightSide ? right - 4 : left + 4;
        const ty = topSide ? top + 12 : bottom - 6 - (lines.length - 1) * (regionFont + 1);
        const w = Math.max(...lines.map((l) => textWidth(l, regionFont, true)));
        return (
          <g key={`r${k}`} {...selectable(label, groupSelection(r.group, groups.length), onSelect)}>
            <title>{label}</title>
            <rect x={rightSide ? tx - w - 2 : tx - 2} y={ty - 11} width={w + 4} height={lines.length * (regionFont + 1) + 3} fill="#FFFFFF" opacity={0.9} stroke={r.group >= 0 ? groupColour(r.group, groups.length) : "none"} />
            <Lines lines={lines} x={tx} y={ty} size={regionFont} anchor={rightSide ? "end" : "start"} weight={700} />
          </g>
        );
      })}
      <text x={left + (right - left) / 2} y={bottom + 28} fontSize={SMALL} fill={MUTED} textAnchor="middle">
        {picture.xTitle}
      </text>
      <text x={0} y={0} fontSize={SMALL} fill={MUTED} textAnchor="middle" transform={`translate(9 ${top + plotH / 2}) rotate(-90)`}>
        {picture.yTitle}
      </text>
      {note && (
        <text x={0} y={height - 3} fontSize={SMALL} fill={MUTED} data-testid={`picture-${picture.id}-sampled`}>
          {note}
        </text>
      )}
    </svg>
  );
}

function HeatmapChart({ picture, onSelect, width }: PictureViewProps & { picture: HeatmapPicture; width: number }) {
  const { rows, columns, values, second, valueFormat } = picture;
  const figures = values.flat().filter((v): v is number => v !== null);
  const low = figures.length ? Math.min(...figures) : 0;
  const high = figures.length ? Math.max(...figures) : 0;
  const text = (v: number | null | undefined, f: PictureFormat) => (v === null || v === undefined ? "" : formatFigure(v, f));
  const widest = values.flat().reduce<string>((w, v) => {
    const t = text(v, valueFormat);
    return t.length > w.length ? t : w;
  }, "");
  const widestSecond = second
    ? second.values.flat().reduce<string>((w, v) => {
        const t = text(v, second.format);
        return t.length > w.length ? t : w;
      }, "")
    : null;
  const titleH = 14;
  const yTitleW = 14;
  const lay = heatLayout(width - yTitleW, rows, columns.length, widest, widestSecond);
  const gridLeft = yTitleW + lay.headerWidth;
  const colFont = columns.every((c) => fitsWords(c, lay.cellWidth - 2, SMALL)) ? SMALL : 9;
  const rotateCols = !columns.every((c) => fitsWords(c, lay.cellWidth - 2, colFont));
  const colLines = columns.map((c) => (rotateCols ? [c] : wrapLabel(c, lay.cellWidth - 2, colFont)));
  const colH = rotateCols ? Math.max(...columns.map((c) => textWidth(c, colFont))) + 8 : Math.max(1, ...colLines.map((l) => l.length)) * (colFont + 1) + 4;
  const gridTop = titleH + colH;
  const height = gridTop + rows.length * lay.cellHeight + 4;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="group" aria-label={`${picture.title}: ${picture.valueName} by ${picture.rowTitle.toLowerCase()} and ${picture.columnTitle.toLowerCase()}`}>
      <text x={gridLeft + (width - gridLeft) / 2} y={10} fontSize={SMALL} fill={MUTED} textAnchor="middle">
        {picture.columnTitle}
      </text>
      <text x={0} y={0} fontSize={SMALL} fill={MUTED} textAnchor="middle" transform={`translate(9 ${gridTop + (rows.length * lay.cellHeight) / 2}) rotate(-90)`}>
        {picture.rowTitle}
      </text>
      {colLines.map((lines, c) =>
        rotateCols ? (
          <text key={`c${c}`} x={0} y={0} fontSize={colFont} fill={TEXT} textAnchor="start" transform={`translate(${gridLeft + lay.cellWidth * (c + 0.5) + colFont * 0.35} ${gridTop - 4}) rotate(-90)`}>
            {lines[0]}
          </text>
        ) : (
          <Lines key={`c${c}`} lines={lines} x={gridLeft + lay.cellWidth * (c + 0.5)} y={titleH + colFont} size={colFont} anchor="middle" />
        ),
      )}
      {rows.map((r, ri) => {
        const lines = lay.rowLines[ri]!;
        const cy = gridTop + ri * lay.cellHeight;
        return (
          <g key={`r${ri}`}>
            <Lines lines={lines} x={gridLeft - 4} y={cy + lay.cellHeight / 2 + 4 - ((lines.length - 1) * 12) / 2} size={FONT} anchor="end" />
            {columns.map((col, ci) => {
              const v = values[ri]?.[ci] ?? null;
              const s2 = second?.values[ri]?.[ci] ?? null;
              const fill = v === null ? "#F5F5F5" : heatColour(v, low, high);
              const ink = textOn(fill);
              const x0 = gridLeft + ci * lay.cellWidth;
              const label = `${r}, ${col}: ${picture.valueName} ${v === null ? "none" : text(v, valueFormat)}${second && s2 !== null ? `, ${second.name} ${text(s2, second.format)}` : ""}`;
              const selection: PictureSelection | null = v !== null ? { kind: "cell", row: ri, column: ci } : null;
              const showSecond = lay.showSecond && s2 !== null && v !== null;
              const mid = cy + lay.cellHeight / 2;
              return (
                <g key={ci} {...selectable(label, selection, onSelect)}>
                  <title>{label}</title>
                  <rect x={x0} y={cy} width={lay.cellWidth} height={lay.cellHeight} fill={fill} stroke="#FFFFFF" strokeWidth={1} />
                  {v !== null && (
                    <text x={x0 + lay.cellWidth / 2} y={showSecond ? mid - 1 : mid + lay.fontSize * 0.35} fontSize={lay.fontSize} fill={ink} textAnchor="middle">
                      {text(v, valueFormat)}
                    </text>
                  )}
                  {showSecond && second && (
                    <text x={x0 + lay.cellWidth / 2} y={mid + lay.secondSize + 1} fontSize={lay.secondSize} fill={ink} textAnchor="middle" opacity={0.85}>
                      {text(s2, second.format)}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

/**
 * One picture of an analysis drawn in SVG at the pane's width (measured; 300 until known), so
 * its text stays 10–12 px: a curve, bars / columns, a scatter or a heatmap. Bars, marks,
 * regions and cells with a run group (or a cell) are buttons calling `onSelect`.
 */
export function PictureView({ picture, groups, onSelect }: PictureViewProps) {
  const [ref, measured] = useWidth();
  const width = Math.max(200, measured);
  let chart: ReactNode;
  switch (picture.kind) {
    case "curve":
      chart = <CurveChart picture={picture} groups={groups} onSelect={onSelect} width={width} />;
      break;
    case "bars":
      chart = <BarsChart picture={picture} groups={groups} onSelect={onSelect} width={width} />;
      break;
    case "scatter":
      chart = <ScatterChart picture={picture} groups={groups} onSelect={onSelect} width={width} />;
      break;
    case "heatmap":
      chart = <HeatmapChart picture={picture} groups={groups} onSelect={onSelect} width={width} />;
      break;
  }
  return (
    <div ref={ref} data-testid={`picture-${picture.id}`} style={{ width: "100%", maxWidth: "100%", overflow: "hidden" }}>
      {chart}
    </div>
  );
}

/** Every picture of a run, each under its title (a small heading) with its caption below. */
export function PictureList({ pictures, groups, onSelect }: PictureListProps) {
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 12, minWidth: 0 }}>
      {pictures.map((p) => (
        <section key={p.id} aria-label={p.title} style={{ minWidth: 0 }}>
          <h4 style={{ margin: "0 0 4px", fontSize: 12, fontWeight: 600, color: TEXT, overflowWrap: "anywhere" }}>{p.title}</h4>
          <PictureView picture={p} groups={groups} onSelect={onSelect} />
          {p.caption && <p style={{ margin: "4px 0 0", fontSize: 12, color: "#424242", overflowWrap: "anywhere" }}>{p.caption}</p>}
        </section>
      ))}
    </div>
  );
}
