/**
 * How a summary sheet is laid out, shared by the Office and the in-memory workbooks so both
 * put the same cells in the same places: where the chart reads its figures, the chart-data
 * block written when the table does not hold them, and the rows of the extra sections.
 */
import type { ChartSpec, SummarySection, SummarySheet, WriteValue } from "./Workbook";

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

/** Rows one section takes: its title, header row, rows and a blank row after it. */
export function sectionRows(section: SummarySection): number {
  return section.rows.length + 3;
}
