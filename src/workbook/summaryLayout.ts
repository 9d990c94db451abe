/**
 * How a summary sheet is laid out, computed once for the Office and the in-memory workbooks so
 * both paint the same cells in the same places: {@link layoutSummary} turns a
 * {@link SummarySheet} into the blocks of cells to write (values, number formats, bold, font
 * size), the main chart's and the section charts' anchors and the cells their series read, and
 * the ranges whose columns are fitted to their contents. Pure: no Office, no DOM.
 *
 * The layout, 0-based (row 0 = sheet row 1):
 *
 * ```
 * row 0               title (bold, 14 pt)
 * rows 1 … s          the subtitle lines
 * row s + 1           blank
 * row T = s + 2       the table's header (bold), its rows below (number formats per column);
 *                     one column right of it, the chart-data block when the table does not
 *                     hold the chart's figures (header bold); one column right of that (or of
 *                     the table), the chart, CHART_ROWS × CHART_COLUMNS cells from row T
 * one blank row below the tallest of table, chart data and chart:
 *                     each section, from its row S: title (bold), header (bold) in row S + 1,
 *                     its rows from row S + 2; with a chart, one blank column right of the
 *                     section's widest row, the chart, CHART_ROWS × CHART_COLUMNS cells from
 *                     row S + 1, reading the section's own cells; then a blank row below the
 *                     taller of the section and its chart
 * then                the notes, one line a cell in column A
 * ```
 *
 * A section with a chart, e.g. 4 columns wide from row S = 9, its Total row not charted (sheet
 * rows on the left, 1-based):
 *
 * ```
 *      A        B    C      D     E   F ……… M
 * 10   title
 * 11   header   …    …      …         ┌ chart F11:M26 ┐
 * 12   row 1                          │               │
 * …    …                              │               │
 * 15   Total                          │               │
 * 26                                  └───────────────┘
 * 27   (blank)
 * 28   the next section's title (or the notes)
 * ```
 */
import { cellAddress } from "./address";
import type { ChartSpec, SummarySection, SummarySheet, WriteValue } from "./Workbook";

/** Rows a summary chart spans, from the table's (or the section's) header row down. */
export const CHART_ROWS = 16;
/** Columns a summary chart spans. */
export const CHART_COLUMNS = 8;
/** The title's font size in points (Office only: the in-memory workbook keeps no font sizes). */
export const TITLE_FONT_SIZE = 14;

/** A rectangle of cells, 0-based. */
export interface CellArea {
  top: number;
  left: number;
  rows: number;
  columns: number;
}

/** What a block of the layout holds, for readers and tests. */
export type LayoutPart =
  | "title"
  | "subtitle"
  | "table header"
  | "table"
  | "chart data header"
  | "chart data"
  | "section title"
  | "section header"
  | "section"
  | "notes";

/**
 * A block of cells to write in one go: a rectangular array of values from (top, left), an
 * optional number format per column and, for the whole block, bold text and a font size.
 */
export interface LayoutBlock extends CellArea {
  part: LayoutPart;
  /** rows × columns values; null is an empty cell. */
  values: WriteValue[][];
  /** One per column; null = General. Absent when no column has one. */
  numberFormats?: (string | null)[];
  bold?: boolean;
  /** Font size in points (the title). */
  fontSize?: number;
}

/** A chart (the main one or a section's): its spec, the cells it covers, and where its categories and series are read from. */
export interface ChartLayout extends CellArea {
  spec: ChartSpec;
  /** The category labels: one column, a row per category. */
  categories: CellArea;
  /** Per series, in spec order: its name and its values (one column, a row per category). */
  series: { name: string; values: CellArea }[];
}

/** Everything a workbook paints on a summary sheet. */
export interface SummaryLayout {
  /** The blocks, top to bottom; none overlaps another. */
  blocks: LayoutBlock[];
  /** The chart; absent when the spec has no category or no series (there is nothing to draw). */
  chart?: ChartLayout;
  /**
   * The sections' charts, in section order, one per section whose chart has series columns
   * and rows to chart; each right of its section, reading that section's cells.
   */
  sectionCharts: ChartLayout[];
  /** Heatmap areas (a section's shaded columns over its rows), shaded by a two-colour scale. */
  colourScales: CellArea[];
  /** Areas whose columns are fitted to their contents (Office autofits them; the preview grid sizes columns itself). */
  autofit: CellArea[];
  /** One past the last row the layout writes. */
  rows: number;
}

/** One cell of a layout, as {@link layoutCells} lists them. */
export interface LayoutCell {
  row: number;
  column: number;
  value: WriteValue;
  numberFormat?: string;
  bold?: boolean;
  fontSize?: number;
}

/**
 * Where the summary table already holds the chart's figures: its first rows' first column
 * equals the categories (as text, in order; rows below them, such as a Total row, are not
 * charted) and every series has a column with its name and values.
 *
 * @example chartColumnsInTable(summary) // → { categories: 0, series: [2, 4] }, or undefined
 */
export function chartColumnsInTable(summary: SummarySheet): { categories: number; series: number[] } | undefined {
  const { table, chart } = summary;
  if (table.rows.length < chart.categories.length || chart.categories.length === 0 || table.headers.length < 2) return undefined;
  const sameCategories = chart.categories.every((category, i) => String(table.rows[i]?.[0] ?? "") === category);
  if (!sameCategories) return undefined;
  const series: number[] = [];
  for (const s of chart.series) {
    const column = table.headers.findIndex(
      (header, c) => c > 0 && header === s.name && s.values.length === chart.categories.length && s.values.every((v, i) => table.rows[i]?.[c] === v),
    );
    if (column < 0) return undefined;
    series.push(column);
  }
  return { categories: 0, series };
}

/**
 * The chart-data block written beside the table when the table does not hold the chart's
 * figures: a header row (the category title, or blank, then the series names) and a row per
 * category.
 *
 * @example chartDataBlock({ ..., categoryTitle: "Repeat purchases", categories: ["0", "1"], series: [{ name: "Actual", values: [5, 3] }] })
 * // → [["Repeat purchases", "Actual"], ["0", 5], ["1", 3]]
 */
export function chartDataBlock(chart: ChartSpec): WriteValue[][] {
  const data: WriteValue[][] = [[chart.categoryTitle ?? "", ...chart.series.map((s) => s.name)]];
  chart.categories.forEach((category, i) => data.push([category, ...chart.series.map((s) => s.values[i] ?? null)]));
  return data;
}

/**
 * Rows one section takes without its chart: its title, header row, rows and a blank row after
 * it. A chart beside it may reach lower ({@link layoutSummary} then keeps the rows the chart
 * takes). Cost: O(1).
 *
 * @example sectionRows({ title: "Parameters", headers: ["Parameter", "Value"], rows: [["r", 0.8], ["alpha", 9.9]] }) // → 5
 */
export function sectionRows(section: SummarySection): number {
  return section.rows.length + 3;
}

/**
 * Columns a section spans: the widest of its header and its rows (at least one). Cost: O(rows).
 *
 * @example sectionWidth({ title: "By country", headers: ["Country", "Customers"], rows: [["UK", 3920, "extra"]] }) // → 3
 */
export function sectionWidth(section: SummarySection): number {
  let width = Math.max(section.headers.length, 1);
  for (const r of section.rows) width = Math.max(width, r.length);
  return width;
}

/**
 * Checks a section's chart against the section: its category and series columns lie inside
 * the section's width and its row count is a whole number no larger than the section's rows.
 * Cost: O(rows + series).
 *
 * @throws Error naming the section and the column or row count at fault.
 * @example checkSectionChart({ title: "By month", headers: ["Month", "Customers"], rows: [["Jan", 4]],
 *   chart: { type: "line", title: "Customers", categoryColumn: 0, seriesColumns: [2] } });
 * // throws: The chart of section "By month" has seriesColumns[0] = 2, outside its 2 columns (0 to 1)
 */
export function checkSectionChart(section: SummarySection): void {
  const chart = section.chart;
  if (!chart) return;
  const width = sectionWidth(section);
  const inside = (c: number): boolean => Number.isInteger(c) && c >= 0 && c < width;
  const outside = (what: string, c: number): Error =>
    new Error(`The chart of section "${section.title}" has ${what} ${c}, outside its ${width} columns (0 to ${width - 1})`);
  if (!inside(chart.categoryColumn)) throw outside("categoryColumn =", chart.categoryColumn);
  chart.seriesColumns.forEach((c, i) => {
    if (!inside(c)) throw outside(`seriesColumns[${i}] =`, c);
  });
  const rows = chart.rows;
  if (rows !== undefined && !(Number.isInteger(rows) && rows >= 0 && rows <= section.rows.length)) {
    throw new Error(`The chart of section "${section.title}" charts ${rows} rows; the section has ${section.rows.length}`);
  }
}

/**
 * A section's chart laid out from the section's title row `top` (its header is at top + 1, its
 * rows from top + 2): one blank column right of the section, CHART_ROWS × CHART_COLUMNS cells
 * from the header row, reading the category column and each series column over the first
 * `rows` rows (all when absent). Its spec holds the same figures (labels as text, non-numbers
 * as NaN) for readers of the spec, e.g. the preview's chart view. Undefined when the section
 * has no chart, or the chart has no series columns or no rows. Call {@link checkSectionChart}
 * first. Cost: O(rows × series).
 *
 * @example sectionChartLayout(section, 9) // a 4-column section whose chart charts 3 rows
 * // → { top: 10, left: 5, rows: 16, columns: 8, categories: A12:A14, series: [C12:C14, D12:D14], spec: … }
 */
export function sectionChartLayout(section: SummarySection, top: number): ChartLayout | undefined {
  const chart = section.chart;
  if (!chart) return undefined;
  const n = chart.rows ?? section.rows.length;
  if (chart.seriesColumns.length === 0 || n === 0) return undefined;
  const charted = section.rows.slice(0, n);
  const column = (left: number): CellArea => ({ top: top + 2, left, rows: n, columns: 1 });
  const name = (c: number): string => section.headers[c] ?? "";
  const spec: ChartSpec = {
    type: chart.type,
    title: chart.title,
    categories: charted.map((r) => String(r[chart.categoryColumn] ?? "")),
    series: chart.seriesColumns.map((c) => ({
      name: name(c),
      values: charted.map((r) => {
        const v = r[c];
        return typeof v === "number" ? v : Number.NaN;
      }),
    })),
    ...(chart.categoryTitle !== undefined ? { categoryTitle: chart.categoryTitle } : {}),
    ...(chart.valueTitle !== undefined ? { valueTitle: chart.valueTitle } : {}),
    ...(chart.colours !== undefined ? { colours: chart.colours.slice() } : {}),
    ...(chart.pointColours !== undefined ? { pointColours: chart.pointColours.slice(0, charted.length) } : {}),
  };
  return {
    spec,
    top: top + 1,
    left: sectionWidth(section) + 1,
    rows: CHART_ROWS,
    columns: CHART_COLUMNS,
    categories: column(chart.categoryColumn),
    series: chart.seriesColumns.map((c) => ({ name: name(c), values: column(c) })),
  };
}

/**
 * Lays out a summary sheet (see the file comment for the picture). Cost: O(cells).
 *
 * Rules both workbooks follow through it:
 * - the chart is drawn only when its spec has categories and series; then it reads the table
 *   when the table holds its figures ({@link chartColumnsInTable}), else a chart-data block one
 *   column right of the table (from column A when the table has no columns);
 * - the sections start one blank row below the tallest of the table, the chart-data block and
 *   the chart (rows the chart does not take are not reserved);
 * - a section with a chart ({@link sectionChartLayout}) has it one blank column right of its
 *   widest row, from its header row, reading its own cells over its first `rows` rows (all
 *   when absent); a chart with no series columns or no rows draws nothing; the next section
 *   (or the notes) starts one blank row below the taller of the section and its chart;
 * - a number format of null, undefined or "" leaves the cells General;
 * - a section row shorter than the widest of its header and rows is padded with empty cells.
 *
 * @throws Error when a table row does not have one cell per header, or a section's chart names a
 * column outside the section or more rows than it has ({@link checkSectionChart}); before
 * anything is written.
 * @example
 * layoutSummary({ name: "CV Summary", title: "Customer value", subtitle: ["As of 2011-12-09"],
 *   table: { headers: ["Tier", "Customers"], rows: [["Top", 4], ["Rest", 16]] },
 *   chart: { type: "bar", title: "Customers", categories: ["Top", "Rest"], series: [{ name: "Customers", values: [4, 16] }] },
 *   notes: ["The model"] });
 * // → title A1, subtitle A2, table A4:B6, chart D4:K19 reading B5:B6 by A5:A6, notes A21
 * // With sections: [{ title: "By month", headers: ["Month", "Customers"], rows: [["Jan", 4], ["Feb", 6]],
 * //   chart: { type: "line", title: "Customers", categoryColumn: 0, seriesColumns: [1] } }] the
 * // section's title is in A21, its header A22:B22, its rows A23:B24, its chart D22:K37 reading
 * // B23:B24 by A23:A24, and the notes move down to A39 (a blank row below the chart)
 */
export function layoutSummary(summary: SummarySheet): SummaryLayout {
  const { table, chart } = summary;
  const tableColumns = table.headers.length;
  table.rows.forEach((row, i) => {
    if (row.length !== tableColumns) throw new Error(`Row ${i + 1} of the summary table rows has ${row.length} cells, not ${tableColumns}`);
  });
  for (const section of summary.sections ?? []) checkSectionChart(section);
  const blocks: LayoutBlock[] = [];
  const autofit: CellArea[] = [];
  const add = (part: LayoutPart, top: number, left: number, values: WriteValue[][], style: { numberFormats?: (string | null | undefined)[]; bold?: boolean; fontSize?: number } = {}): void => {
    const rows = values.length;
    const columns = values[0]?.length ?? 0;
    if (rows === 0 || columns === 0) return;
    const block: LayoutBlock = { part, top, left, rows, columns, values };
    const formats = style.numberFormats ? Array.from({ length: columns }, (_, c) => normalFormat(style.numberFormats?.[c])) : [];
    if (formats.some((f) => f !== null)) block.numberFormats = formats;
    if (style.bold) block.bold = true;
    if (style.fontSize !== undefined) block.fontSize = style.fontSize;
    blocks.push(block);
  };

  add("title", 0, 0, [[summary.title]], { bold: true, fontSize: TITLE_FONT_SIZE });
  add("subtitle", 1, 0, summary.subtitle.map((line) => [line]));

  // The band from the table's header row: the table, the chart-data block and the chart side by side.
  const tableTop = summary.subtitle.length + 2;
  let bandRows = 0;
  let right = 0; // first free column right of what the band holds so far, a blank column after it
  if (tableColumns > 0) {
    add("table header", tableTop, 0, [table.headers.slice()], { bold: true });
    add("table", tableTop + 1, 0, table.rows.map((row) => row.slice()), table.numberFormats ? { numberFormats: table.numberFormats } : {});
    autofit.push({ top: tableTop, left: 0, rows: table.rows.length + 1, columns: tableColumns });
    bandRows = table.rows.length + 1;
    right = tableColumns + 1;
  }

  let chartLayout: ChartLayout | undefined;
  const n = chart.categories.length;
  if (chart.series.length > 0 && n > 0) {
    const column = (left: number): CellArea => ({ top: tableTop + 1, left, rows: n, columns: 1 });
    let categories: CellArea;
    let series: CellArea[];
    const inTable = chartColumnsInTable(summary);
    if (inTable) {
      categories = column(inTable.categories);
      series = inTable.series.map(column);
    } else {
      // The table does not hold the chart's figures: write them beside it, where the chart can read them.
      const data = chartDataBlock(chart);
      const width = chart.series.length + 1;
      add("chart data header", tableTop, right, [data[0] as WriteValue[]], { bold: true });
      add("chart data", tableTop + 1, right, data.slice(1));
      autofit.push({ top: tableTop, left: right, rows: n + 1, columns: width });
      categories = column(right);
      series = chart.series.map((_, i) => column(right + 1 + i));
      bandRows = Math.max(bandRows, n + 1);
      right += width + 1;
    }
    chartLayout = {
      spec: chart,
      top: tableTop,
      left: right,
      rows: CHART_ROWS,
      columns: CHART_COLUMNS,
      categories,
      series: chart.series.map((s, i) => ({ name: s.name, values: series[i] as CellArea })),
    };
    bandRows = Math.max(bandRows, CHART_ROWS);
  }

  // The sections one under the other a blank row below the band, then the notes.
  let row = tableTop + bandRows + 1;
  const sectionCharts: ChartLayout[] = [];
  const colourScales: CellArea[] = [];
  for (const section of summary.sections ?? []) {
    const width = sectionWidth(section);
    const pad = (cells: ReadonlyArray<WriteValue>): WriteValue[] => Array.from({ length: width }, (_, c) => cells[c] ?? null);
    add("section title", row, 0, [[section.title]], { bold: true });
    add("section header", row + 1, 0, [pad(section.headers)], { bold: true });
    add("section", row + 2, 0, section.rows.map(pad), section.numberFormats ? { numberFormats: section.numberFormats } : {});
    // Wide enough for its labels and values (the title may run on into the empty cells right of it).
    autofit.push({ top: row + 1, left: 0, rows: section.rows.length + 1, columns: width });
    if (section.colourScale && section.rows.length > 0) {
      // One scale over the whole grid: the lowest and highest of every shaded cell, as one heatmap.
      const shaded = section.colourScale.columns.filter((c) => c >= 0 && c < width);
      if (shaded.length > 0) {
        const from = Math.min(...shaded);
        colourScales.push({ top: row + 2, left: from, rows: section.rows.length, columns: Math.max(...shaded) - from + 1 });
      }
    }
    const sectionChart = sectionChartLayout(section, row);
    let next = row + sectionRows(section);
    if (sectionChart) {
      sectionCharts.push(sectionChart);
      next = Math.max(next, sectionChart.top + sectionChart.rows + 1);
    }
    row = next;
  }
  add("notes", row, 0, summary.notes.map((line) => [line]));
  row += summary.notes.length;

  return { blocks, ...(chartLayout ? { chart: chartLayout } : {}), sectionCharts, colourScales, autofit, rows: row };
}

/**
 * Every cell a layout writes, block by block and row by row: what the in-memory workbook
 * paints, and what tests compare.
 *
 * @example layoutCells(layoutSummary(summary))[0] // → { row: 0, column: 0, value: "Customer value", bold: true, fontSize: 14 }
 */
export function layoutCells(layout: SummaryLayout): LayoutCell[] {
  const out: LayoutCell[] = [];
  for (const block of layout.blocks) {
    block.values.forEach((values, r) =>
      values.forEach((value, c) => {
        const cell: LayoutCell = { row: block.top + r, column: block.left + c, value };
        const format = block.numberFormats?.[c];
        if (format !== null && format !== undefined) cell.numberFormat = format;
        if (block.bold) cell.bold = true;
        if (block.fontSize !== undefined) cell.fontSize = block.fontSize;
        out.push(cell);
      }),
    );
  }
  return out;
}

/**
 * The A1 corners a chart is positioned by (Office's `Chart.setPosition(start, end)`).
 *
 * @example chartCorners({ top: 4, left: 6, rows: 16, columns: 8 }) // → ["G5", "N20"]
 */
export function chartCorners(area: CellArea): [string, string] {
  return [cellAddress(area.top, area.left), cellAddress(area.top + area.rows - 1, area.left + area.columns - 1)];
}

function normalFormat(format: string | null | undefined): string | null {
  return format === null || format === undefined || format === "" ? null : format;
}
