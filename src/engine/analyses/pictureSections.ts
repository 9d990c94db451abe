/**
 * An analysis's pictures as summary-sheet sections: each picture's figures as a small table
 * with a native chart beside it reading those cells (bars and columns, stacked or not; XY lines
 * for curves; an XY scatter for points), or, for a heatmap, the grid itself shaded by a colour
 * scale. The figures on the sheet are the ones the pane draws, so a colleague without the
 * add-in reads the same picture.
 */
import { MONEY_FORMAT } from "./moneyFormat";
import type { BarsPicture, CurvePicture, HeatmapPicture, Picture, PictureFormat, ScatterPicture } from "./pictures";
import type { ResultCell, ResultTable, SummaryChartType } from "./types";

/** How the sections are written: the money format (the value column's, e.g. "[$€-x-euro2] #,##0.00"), and a group's fill for charts coloured by group. */
export interface PictureSectionOptions {
  /** Excel number format for money figures; default {@link MONEY_FORMAT} (the front door swaps it for the source column's). */
  moneyFormat?: string;
  /** The fill ("#RRGGBB") of run group k, or null for the chart's default. */
  groupColour?: (group: number) => string | null;
}

/** Excel number formats for picture figures. */
function numberFormatOf(format: PictureFormat, options: PictureSectionOptions): string {
  switch (format) {
    case "percent":
      return "0.0%";
    case "money":
      return options.moneyFormat ?? MONEY_FORMAT;
    case "integer":
      return "#,##0";
    default:
      return "#,##0.##";
  }
}

/** A figure as a cell: null for a missing or non-finite number (no NaN reaches a sheet). */
function cellOf(v: number | null | undefined): ResultCell {
  return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}

/** Linear interpolation of a series at x (null outside its range). Points are in x order. */
function interpolate(xs: readonly number[], ys: readonly number[], x: number): number | null {
  const n = xs.length;
  if (n === 0 || x < (xs[0] as number) || x > (xs[n - 1] as number)) return null;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) <= x) lo = mid;
    else hi = mid;
  }
  const x0 = xs[lo] as number;
  const x1 = xs[hi] as number;
  const y0 = ys[lo] as number;
  const y1 = ys[hi] as number;
  if (x === x0 || x1 === x0) return y0;
  if (x === x1) return y1;
  return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

function curveSections(p: CurvePicture, options: PictureSectionOptions): ResultTable[] {
  // One x column for every series: the union of their x values; each series interpolated there (exact on its own points).
  const xs = Array.from(new Set(p.series.flatMap((s) => s.x.filter(Number.isFinite)))).sort((a, b) => a - b);
  const rows = xs.map((x): ResultCell[] => [x, ...p.series.map((s) => cellOf(interpolate(s.x, s.y, x)))]);
  const formats = [numberFormatOf(p.xFormat, options), ...p.series.map(() => numberFormatOf(p.yFormat, options))];
  const sections: ResultTable[] = [
    {
      title: p.title,
      headers: [p.xTitle, ...p.series.map((s) => s.name)],
      rows,
      numberFormats: formats,
      chart: { type: "xyLine", title: p.title, categoryColumn: 0, seriesColumns: p.series.map((_, k) => k + 1), categoryTitle: p.xTitle, valueTitle: p.yTitle },
    },
  ];
  if (p.marks.length > 0) {
    const main = p.series.find((s) => !s.dashed) ?? p.series[0];
    sections.push({
      title: `${p.title}: marks`,
      headers: ["Mark", p.xTitle, ...(main ? [main.name] : [])],
      rows: p.marks.map((m) => [m.label, cellOf(m.x), ...(main ? [cellOf(interpolate(main.x, main.y, m.x))] : [])]),
      numberFormats: [null, numberFormatOf(p.xFormat, options), numberFormatOf(p.yFormat, options)],
    });
  }
  return sections;
}

function barsSection(p: BarsPicture, options: PictureSectionOptions): ResultTable {
  const hasNotes = p.notes !== undefined && p.notes.some((n) => n !== "");
  const type: SummaryChartType = p.orientation === "bars" ? (p.stacked ? "stackedBar" : "bar") : p.stacked ? "stackedColumn" : "column";
  // Series that are groups (tiers stacked per region) take their group's fill; one series whose categories are the groups (segments by size) has each bar in its group's.
  const colours = p.colourBy === "seriesGroups" && p.seriesGroups && options.groupColour ? p.series.map((_, s) => options.groupColour?.(p.seriesGroups?.[s] ?? -1) ?? null) : undefined;
  const pointColours =
    p.colourBy === "groups" && p.series.length === 1 && p.categoryGroups && options.groupColour ? p.categories.map((_, i) => { const g = p.categoryGroups?.[i] ?? -1; return g >= 0 ? (options.groupColour?.(g) ?? null) : null; }) : undefined;
  return {
    title: p.title,
    headers: [p.categoryTitle, ...p.series.map((s) => s.name), ...(hasNotes ? ["Figures"] : [])],
    rows: p.categories.map((c, i) => [c, ...p.series.map((s) => cellOf(s.values[i])), ...(hasNotes ? [p.notes?.[i] ?? ""] : [])]),
    numberFormats: [null, ...p.series.map(() => numberFormatOf(p.valueFormat, options)), ...(hasNotes ? [null] : [])],
    chart: {
      type,
      title: p.title,
      categoryColumn: 0,
      seriesColumns: p.series.map((_, s) => s + 1),
      categoryTitle: p.categoryTitle,
      valueTitle: p.valueTitle,
      ...(colours ? { colours } : {}),
      ...(pointColours ? { pointColours } : {}),
    },
  };
}

function scatterSection(p: ScatterPicture, groups: readonly string[], options: PictureSectionOptions): ResultTable {
  // One y column per group that has points, so each group is a series with its own colour.
  const present = Array.from(new Set(p.group)).sort((a, b) => a - b);
  const name = (g: number) => (g >= 0 ? (groups[g] ?? `Group ${g + 1}`) : "No group");
  const rows = p.x.map((x, i): ResultCell[] => [cellOf(x), ...present.map((g) => (p.group[i] === g ? cellOf(p.y[i]) : null))]);
  const colours = options.groupColour ? present.map((g) => options.groupColour?.(g) ?? null) : undefined;
  const shown = p.x.length < p.customers ? ` (${p.x.length.toLocaleString("en")} of ${p.customers.toLocaleString("en")} customers, evenly sampled)` : "";
  return {
    title: `${p.title}${shown}`,
    headers: [p.xTitle, ...present.map((g) => `${p.yTitle}: ${name(g)}`)],
    rows,
    numberFormats: [numberFormatOf(p.xFormat, options), ...present.map(() => numberFormatOf(p.yFormat, options))],
    chart: {
      type: "scatter",
      title: p.title,
      categoryColumn: 0,
      seriesColumns: present.map((_, k) => k + 1),
      categoryTitle: p.xTitle,
      valueTitle: p.yTitle,
      ...(colours ? { colours } : {}),
    },
  };
}

function heatmapSections(p: HeatmapPicture, options: PictureSectionOptions): ResultTable[] {
  const grid = (title: string, values: (number | null)[][], format: PictureFormat): ResultTable => ({
    title,
    headers: [`${p.rowTitle} \\ ${p.columnTitle}`, ...p.columns],
    rows: p.rows.map((r, i) => [r, ...p.columns.map((_, j) => cellOf(values[i]?.[j]))]),
    numberFormats: [null, ...p.columns.map(() => numberFormatOf(format, options))],
    colourScale: { columns: p.columns.map((_, j) => j + 1) },
  });
  const sections = [grid(`${p.title}: ${p.valueName}`, p.values, p.valueFormat)];
  if (p.second) sections.push(grid(`${p.title}: ${p.second.name}`, p.second.values, p.second.format));
  return sections;
}

/**
 * The summary-sheet sections of an analysis's pictures, in picture order: a curve gives its
 * points (x and each line, interpolated on one x column) with an XY line chart, and its marks
 * as a small table; bars give a row per category with a bar or column chart (stacked when the
 * picture is); a scatter gives a row per point, one y column per group, with an XY scatter; a
 * heatmap gives its grid shaded by a colour scale (and its second figure as a second grid).
 * Cost: O(figures + points · log points) for curves.
 *
 * @example pictureSections([{ kind: "bars", id: "r", title: "R scores", orientation: "columns", stacked: false,
 *   categories: ["1", "2"], categoryTitle: "Score", valueTitle: "Customers", valueFormat: "integer",
 *   series: [{ name: "R", values: [5, 7] }], colourBy: "series" }], [])
 * // → [{ title: "R scores", headers: ["Score", "R"], rows: [["1", 5], ["2", 7]], chart: { type: "column", … } }]
 */
export function pictureSections(pictures: readonly Picture[], groups: readonly string[], options: PictureSectionOptions = {}): ResultTable[] {
  const out: ResultTable[] = [];
  for (const p of pictures) {
    if (p.kind === "curve") out.push(...curveSections(p, options));
    else if (p.kind === "bars") out.push(barsSection(p, options));
    else if (p.kind === "scatter") out.push(scatterSection(p, groups, options));
    else out.push(...heatmapSections(p, options));
  }
  return out;
}
