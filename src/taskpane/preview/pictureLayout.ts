/**
 * Pure layout maths for the pane's pictures (see PictureView.tsx): figure formats, a text
 * width estimate, label wrapping, mark-label stacking, round axis ticks, legend flow and
 * text contrast. No DOM: every function here is tested in jest.
 */
import { luminance } from "../../workbook/colours";
import type { PictureFormat } from "../../engine/analyses/pictures";

/** Average advance of a sans-serif character as a share of the font size; generous so estimates never fall short. */
export const CHAR_WIDTH = 0.6;
/** Width of a capital or wide letter in em. */
export const WIDE_WIDTH = 0.72;

/**
 * The width of a text at a font size, estimated at {@link CHAR_WIDTH} × size per character
 * (capitals and wide letters 0.72 em; bold adds 8%). Cost: O(text).
 *
 * @example textWidth("Gold", 10) === 25.2
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  // Capitals and wide letters (product names are often in capitals) take about 0.72 em, the rest CHAR_WIDTH.
  let em = 0;
  for (const ch of text) em += /[A-Z@%&MW]/.test(ch) ? WIDE_WIDTH : CHAR_WIDTH;
  return em * fontSize * (bold ? 1.08 : 1);
}

const grouped = (v: number, digits: number) => {
  const s = v.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
};

/**
 * A figure as the pictures write it: 0.746 → "74.6%" (percent), 1234.5 → "1,235" (number),
 * 3 → "3" (integer), 1234.5 → "1,234.50" (money). `digits` overrides the decimals (for ticks).
 *
 * @example formatFigure(0.746, "percent") === "74.6%"
 */
export function formatFigure(v: number, format: PictureFormat, digits?: number): string {
  switch (format) {
    case "percent":
      return `${grouped(v * 100, digits ?? 1)}%`;
    case "money":
      return grouped(v, digits ?? 2);
    case "number":
    case "integer":
    default:
      return grouped(v, digits ?? 0);
  }
}

/** Decimals a step needs to write its multiples exactly (0.25 → 2, 5 → 0), at most 6. */
function decimalsOf(step: number): number {
  for (let d = 0; d <= 6; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6) return d;
  return 6;
}

/**
 * A tick label: like {@link formatFigure} with just the decimals the tick step needs
 * (percent ticks 0.25 → "25%", money ticks without cents unless the step has them).
 *
 * @example formatTick(0.25, "percent", 0.25) === "25%"
 */
export function formatTick(v: number, format: PictureFormat, step: number): string {
  const scaled = format === "percent" ? step * 100 : step;
  return formatFigure(v, format, decimalsOf(scaled));
}

/** Round axis ticks: the step and the ticks from `low` to `high`, which cover the data range. */
export interface Ticks {
  step: number;
  low: number;
  high: number;
  ticks: number[];
}

/**
 * Round ticks (1, 2, 2.5 or 5 × 10^k apart) covering [min, max] with about `target` ticks;
 * integer formats never get a fractional step. A single value is widened to a range round it
 * (or from 0). Cost: O(ticks).
 *
 * @example niceTicks(0, 1900) // → { step: 500, low: 0, high: 2000, ticks: [0, 500, 1000, 1500, 2000] }
 */
export function niceTicks(min: number, max: number, target = 5, integer = false): Ticks {
  let lo = Number.isFinite(min) ? min : 0;
  let hi = Number.isFinite(max) ? max : 1;
  if (lo > hi) [lo, hi] = [hi, lo];
  if (hi - lo <= 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi))) {
    const v = (lo + hi) / 2;
    if (Math.abs(v) < 1e-12) [lo, hi] = [Math.min(0, lo), Math.max(1, hi)];
    else if (v > 0) lo = 0;
    else hi = 0;
  }
  const raw = (hi - lo) / Math.max(1, target - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  let step = (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 2.5 ? 2.5 : scaled <= 5 ? 5 : 10) * power;
  if (integer && !Number.isInteger(step)) step = step < 1 ? 1 : Math.floor(step);
  const fix = (v: number) => Number((Math.round(v / step) * step).toPrecision(12));
  const low = fix(Math.floor(lo / step + 1e-9) * step);
  let high = fix(Math.ceil(hi / step - 1e-9) * step);
  if (high <= low) high = fix(low + step);
  const n = Math.min(1000, Math.max(1, Math.round((high - low) / step)));
  const ticks: number[] = [];
  for (let k = 0; k <= n; k++) ticks.push(fix(low + k * step));
  return { step, low, high, ticks };
}

/**
 * Splits a label into lines that each fit `width` at `fontSize`, breaking at spaces (and
 * after "/" or "-"); a word too long for a line is split across lines. Never drops a
 * character: the lines joined with spaces give the label back (less repeated spaces).
 * Cost: O(characters).
 *
 * @example wrapLabel("Very important customers", 80, 11) // → ["Very", "important", "customers"]
 */
export function wrapLabel(text: string, width: number, fontSize: number): string[] {
  const fits = (t: string) => textWidth(t, fontSize) <= width;
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = "";
    // A word wider than the line is broken where it stops fitting (at least one character a line).
    let rest = word;
    while (!fits(rest)) {
      let k = 1;
      while (k < rest.length && fits(rest.slice(0, k + 1))) k += 1;
      if (k >= rest.length) break;
      lines.push(rest.slice(0, k));
      rest = rest.slice(k);
    }
    line = rest;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * Whether every word of a label fits a line of `width` at `fontSize`, so that {@link wrapLabel}
 * breaks it only at spaces.
 *
 * @example fitsWords("At risk", 30, 10) === true
 */
export function fitsWords(text: string, width: number, fontSize: number): boolean {
  const perLine = Math.max(1, Math.floor(width / (fontSize * CHAR_WIDTH)));
  return text.split(/\s+/).every((w) => w.length <= perLine);
}

/**
 * The narrowest label column, from `min` up to `max` in steps of 4, in which every label wraps
 * onto at most `lines` lines with whole words (`max` when none does).
 *
 * @example labelColumn(["Very important customers"], 40, 200, 11, 3) // → 68
 */
export function labelColumn(labels: readonly string[], min: number, max: number, fontSize: number, lines = 3): number {
  for (let w = min; w < max; w += 4) {
    if (labels.every((l) => fitsWords(l, w, fontSize) && wrapLabel(l, w, fontSize).length <= lines)) return w;
  }
  return max;
}

/** A label placed by {@link stackLabels}: its left edge and its row (0 nearest the axis). */
export interface PlacedLabel {
  x: number;
  row: number;
  width: number;
}

/**
 * Places labels centred over their anchors (e.g. curve marks) between `left` and `right`,
 * moving each inside the box, and stacks them in rows so that no two in a row overlap
 * (`gap` apart at least). A label wider than the box starts at `left`. Returned in input order.
 * Cost: O(labels × rows).
 *
 * @example stackLabels([{ at: 50, width: 30 }, { at: 55, width: 30 }], 0, 300).map((p) => p.row) // → [0, 1]
 */
export function stackLabels(items: readonly { at: number; width: number }[], left: number, right: number, gap = 4): PlacedLabel[] {
  const order = items.map((_, k) => k).sort((a, b) => (items[a]?.at ?? 0) - (items[b]?.at ?? 0));
  const rowEnds: number[] = [];
  const placed: PlacedLabel[] = new Array(items.length);
  for (const k of order) {
    const item = items[k]!;
    const x = Math.max(left, Math.min(right - item.width, item.at - item.width / 2));
    let row = rowEnds.findIndex((end) => end + gap <= x);
    if (row < 0) {
      row = rowEnds.length;
      rowEnds.push(x + item.width);
    } else rowEnds[row] = x + item.width;
    placed[k] = { x, row, width: item.width };
  }
  return placed;
}

/**
 * Legend entries (swatch + name) flowed into rows of `width`: each entry's x and row.
 * Cost: O(entries).
 *
 * @example flowLegend(["A", "B"], 300, 10) // → [{ x: 0, row: 0 }, { x: 28, row: 0 }]
 */
export function flowLegend(names: readonly string[], width: number, fontSize: number): { x: number; row: number }[] {
  const swatch = 14;
  let x = 0;
  let row = 0;
  return names.map((name) => {
    const w = swatch + textWidth(name, fontSize) + 8;
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    const at = { x, row };
    x += w;
    return at;
  });
}

/**
 * Dark or white text for a fill, by the fill's relative luminance (WCAG): white on dark fills.
 *
 * @example textOn("#FFFFFF") === "#242424"
 */
export function textOn(fill: string): string {
  const l = luminance(fill);
  if (Number.isNaN(l)) return "#242424";
  // contrast with #242424 (L ≈ 0.018) against contrast with white
  return (l + 0.05) / 0.068 >= 1.05 / (l + 0.05) ? "#242424" : "#FFFFFF";
}

/** A heatmap's layout at a width: header column, cell size, font and whether the second figure fits. */
export interface HeatLayout {
  headerWidth: number;
  /** The second figure's font size. */
  secondSize: number;
  cellWidth: number;
  cellHeight: number;
  fontSize: number;
  showSecond: boolean;
  /** The row headers, wrapped into the header column. */
  rowLines: string[][];
}

/**
 * Fits a heatmap into `width`: a row-header column of up to 30% of the width (wrapped), the
 * cells sharing the rest; the figures' font from 12 px down to 10 px to fit the widest figure
 * (the second figure 1 px smaller, 9 px at least), the second figure only when it fits too. Cost: O(cells).
 */
export function heatLayout(width: number, rows: readonly string[], columns: number, widest: string, widestSecond: string | null): HeatLayout {
  const headerFont = 11;
  const longest = Math.max(1, ...rows.map((r) => textWidth(r, headerFont)));
  const headerWidth = Math.min(Math.round(width * 0.3), Math.ceil(longest) + 6);
  const cellWidth = Math.max(1, (width - headerWidth) / Math.max(1, columns));
  const fits = (text: string, size: number) => textWidth(text, size) + 4 <= cellWidth;
  const secondSize = (size: number) => Math.max(9, size - 1);
  // the largest font at which both figures fit, else the largest at which the first fits (10 at least)
  let fontSize = 10;
  let showSecond = false;
  for (let size = 12; size >= 10; size--) {
    if (widestSecond !== null && fits(widest, size) && fits(widestSecond, secondSize(size))) {
      fontSize = size;
      showSecond = true;
      break;
    }
  }
  if (!showSecond) {
    fontSize = 12;
    while (fontSize > 10 && !fits(widest, fontSize)) fontSize--;
  }
  const rowLines = rows.map((r) => wrapLabel(r, headerWidth - 4, headerFont));
  const tallest = Math.max(1, ...rowLines.map((l) => l.length));
  const cellHeight = Math.max(showSecond ? fontSize * 2 + 10 : fontSize + 10, tallest * 12 + 4);
  return { headerWidth, secondSize: secondSize(fontSize), cellWidth, cellHeight, fontSize, showSecond, rowLines };
}
