/**
 * layoutSummary's section charts, worked out by hand: where a section's chart goes (one blank
 * column right of the section's widest row, from its header row, CHART_ROWS × CHART_COLUMNS
 * cells), the cells it reads (all the section's rows unless `rows` says fewer), its spec, and
 * how far down the next section and the notes move.
 */
import { blockAddress } from "../../src/workbook/address";
import { CHART_COLUMNS, CHART_ROWS, chartCorners, layoutSummary, type CellArea } from "../../src/workbook/summaryLayout";
import type { SummarySection, SummarySheet } from "../../src/workbook/Workbook";

const at = (a: CellArea): string => blockAddress(a.top, a.left, a.rows, a.columns);

/** Where a layout's section titles are, as A1 addresses. */
const sectionTitles = (summary: SummarySheet): string[] =>
  layoutSummary(summary)
    .blocks.filter((b) => b.part === "section title")
    .map(at);

const notesAt = (summary: SummarySheet): string | undefined => {
  const notes = layoutSummary(summary).blocks.find((b) => b.part === "notes");
  return notes && at(notes);
};

/** Customers by month, 3 columns wide, no Total row. */
const BY_MONTH: SummarySection = {
  title: "Customers by month",
  headers: ["Month", "New", "Returning"],
  rows: [["2011-01", 40, 12], ["2011-02", 35, 20], ["2011-03", 28, 31]],
  chart: { type: "column", title: "New and returning customers", categoryColumn: 0, seriesColumns: [1, 2] },
};

/**
 * No subtitle, no main chart: A1 title, blank row 2, the table A3:B4, blank row 5; the
 * section's title in A6 (row 5), its header in row 7, its rows 8…10.
 */
function summaryWith(sections: SummarySection[]): SummarySheet {
  return {
    name: "CV Summary",
    title: "Customer value",
    subtitle: [],
    table: { headers: ["Tier", "Customers"], rows: [["All", 75]] },
    chart: { type: "bar", title: "Nothing", categories: [], series: [] },
    sections,
    notes: ["The model"],
  };
}

describe("layoutSummary: section charts", () => {
  test("without rows, the chart reads every row of the section", () => {
    const layout = layoutSummary(summaryWith([BY_MONTH]));
    expect(layout.chart).toBeUndefined();
    expect(layout.sectionCharts).toHaveLength(1);
    const chart = layout.sectionCharts[0]!;
    // 3 columns wide (A:C), a blank D, so the chart from E at the header row 7: E7:L22.
    expect({ top: chart.top, left: chart.left, rows: chart.rows, columns: chart.columns }).toEqual({ top: 6, left: 4, rows: CHART_ROWS, columns: CHART_COLUMNS });
    expect(chartCorners(chart)).toEqual(["E7", "L22"]);
    expect(at(chart.categories)).toBe("A8:A10");
    expect(chart.series.map((s) => `${s.name} ${at(s.values)}`)).toEqual(["New B8:B10", "Returning C8:C10"]);
    expect(chart.spec).toEqual({
      type: "column",
      title: "New and returning customers",
      categories: ["2011-01", "2011-02", "2011-03"],
      series: [
        { name: "New", values: [40, 35, 28] },
        { name: "Returning", values: [12, 20, 31] },
      ],
    });
    // The chart ends in row 22; a blank row 23; the notes in A24. 24 rows in all.
    expect(notesAt(summaryWith([BY_MONTH]))).toBe("A24");
    expect(layout.rows).toBe(24);
  });

  test("rows equal to the section's row count is the same as no rows", () => {
    const explicit = layoutSummary(summaryWith([{ ...BY_MONTH, chart: { ...BY_MONTH.chart!, rows: 3 } }]));
    expect(explicit.sectionCharts).toEqual(layoutSummary(summaryWith([BY_MONTH])).sectionCharts);
  });

  test("the chart sits one blank column right of the section's widest row, and takes its axis titles and numbers only", () => {
    const wide: SummarySection = {
      ...BY_MONTH,
      // A fourth cell on one row makes the section 4 columns wide (A:D): the chart from F.
      rows: [["2011-01", 40, 12], ["2011-02", "n/a", 20, "revised"], [201103, 28, 31]],
      chart: { ...BY_MONTH.chart!, categoryTitle: "Month", valueTitle: "Customers" },
    };
    const [chart] = layoutSummary(summaryWith([wide])).sectionCharts;
    expect(chartCorners(chart!)).toEqual(["F7", "M22"]);
    // Labels as text; a cell that is not a number is NaN in the spec (Excel shows a gap).
    expect(chart!.spec.categories).toEqual(["2011-01", "2011-02", "201103"]);
    expect(chart!.spec.series[0]!.values).toEqual([40, Number.NaN, 28]);
    expect(chart!.spec).toMatchObject({ categoryTitle: "Month", valueTitle: "Customers" });
  });

  test("a section taller than its chart: the next section starts a blank row below the section", () => {
    // 20 rows: title row 6, header row 7, rows 8…27; the chart E7:L22 ends above the section's end.
    const rows = Array.from({ length: 20 }, (_, i) => [`Month ${i + 1}`, i, 2 * i]);
    const tall: SummarySection = { ...BY_MONTH, rows };
    const layout = layoutSummary(summaryWith([tall, { title: "Next", headers: ["a"], rows: [[1]] }]));
    expect(at(layout.sectionCharts[0]!.categories)).toBe("A8:A27");
    // Blank row 28, the next section's title in A29.
    expect(sectionTitles(summaryWith([tall, { title: "Next", headers: ["a"], rows: [[1]] }]))).toEqual(["A6", "A29"]);
  });

  test.each([
    ["no series columns", { seriesColumns: [] }],
    ["zero rows", { rows: 0 }],
  ])("a chart with %s draws nothing and keeps no rows", (_, change) => {
    const section: SummarySection = { ...BY_MONTH, chart: { ...BY_MONTH.chart!, ...change } };
    const layout = layoutSummary(summaryWith([section, { title: "Next", headers: ["a"], rows: [[1]] }]));
    expect(layout.sectionCharts).toEqual([]);
    // Title row 6, header 7, rows 8…10, blank 11: the next section's title in A12.
    expect(sectionTitles(summaryWith([section, { title: "Next", headers: ["a"], rows: [[1]] }]))).toEqual(["A6", "A12"]);
  });

  test("sections without charts give no section charts and the same cells as before", () => {
    const plain: SummarySection = { title: BY_MONTH.title, headers: BY_MONTH.headers, rows: BY_MONTH.rows };
    const withChart = layoutSummary(summaryWith([BY_MONTH]));
    const without = layoutSummary(summaryWith([plain]));
    expect(without.sectionCharts).toEqual([]);
    // The section itself is written the same; only the notes move down (A12 without the chart, A24 with it).
    expect(withChart.blocks.filter((b) => b.part.startsWith("section"))).toEqual(without.blocks.filter((b) => b.part.startsWith("section")));
    expect(notesAt(summaryWith([plain]))).toBe("A12");
  });

  test("a series column outside the section's width throws", () => {
    const bad: SummarySection = { ...BY_MONTH, chart: { ...BY_MONTH.chart!, seriesColumns: [1, 3] } };
    expect(() => layoutSummary(summaryWith([bad]))).toThrow('The chart of section "Customers by month" has seriesColumns[1] = 3, outside its 3 columns (0 to 2)');
  });
});
