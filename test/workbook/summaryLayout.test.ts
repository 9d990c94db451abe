/**
 * layoutSummary, worked out by hand: where a small summary's title, subtitle, table, chart
 * data, chart, sections and notes go (exact A1 addresses), with their number formats, bold
 * and the areas whose columns are fitted.
 */
import { blockAddress } from "../../src/workbook/address";
import { CHART_COLUMNS, CHART_ROWS, chartCorners, layoutCells, layoutSummary, type CellArea, type SummaryLayout } from "../../src/workbook/summaryLayout";
import type { SummarySheet } from "../../src/workbook/Workbook";

const at = (a: CellArea): string => blockAddress(a.top, a.left, a.rows, a.columns);

/** The layout with every area as an A1 address. */
function addresses(layout: SummaryLayout) {
  return {
    blocks: layout.blocks.map((b) => ({
      part: b.part,
      address: at(b),
      values: b.values,
      ...(b.numberFormats ? { numberFormats: b.numberFormats } : {}),
      ...(b.bold ? { bold: true } : {}),
      ...(b.fontSize !== undefined ? { fontSize: b.fontSize } : {}),
    })),
    chart: layout.chart && {
      address: at(layout.chart),
      categories: at(layout.chart.categories),
      series: layout.chart.series.map((s) => `${s.name} ${at(s.values)}`),
    },
    autofit: layout.autofit.map(at),
    rows: layout.rows,
  };
}

/** Three tiers (the chart reads the table's Customers column), one section, two notes. */
const SMALL: SummarySheet = {
  name: "CV Summary",
  title: "Customer value",
  subtitle: ["As of 2011-12-09"],
  table: {
    headers: ["Tier", "Customers", "Share"],
    rows: [
      ["Top", 4, 0.2],
      ["Rest", 16, 0.8],
      ["Total", 20, 1],
    ],
    numberFormats: [null, "#,##0", "0.0%"],
  },
  chart: { type: "bar", title: "Customers by tier", categories: ["Top", "Rest"], series: [{ name: "Customers", values: [4, 16] }] },
  sections: [{ title: "Settings", headers: ["Setting", "Value"], rows: [["Tiers", 2]], numberFormats: [null, "0"] }],
  notes: ["The model", "Score = revenue"],
};

describe("layoutSummary", () => {
  test("a small summary whose table holds the chart's figures, cell by cell", () => {
    const layout = layoutSummary(SMALL);
    expect(addresses(layout)).toEqual({
      blocks: [
        { part: "title", address: "A1", values: [["Customer value"]], bold: true, fontSize: 14 },
        { part: "subtitle", address: "A2", values: [["As of 2011-12-09"]] },
        // row 3 blank; the table from A4
        { part: "table header", address: "A4:C4", values: [["Tier", "Customers", "Share"]], bold: true },
        { part: "table", address: "A5:C7", values: SMALL.table.rows, numberFormats: [null, "#,##0", "0.0%"] },
        // the chart's 16 rows 4–19 are the band's tallest: a blank row 20, the section from row 21
        { part: "section title", address: "A21", values: [["Settings"]], bold: true },
        { part: "section header", address: "A22:B22", values: [["Setting", "Value"]], bold: true },
        { part: "section", address: "A23:B23", values: [["Tiers", 2]], numberFormats: [null, "0"] },
        // the section's blank row 24; the notes from row 25
        { part: "notes", address: "A25:A26", values: [["The model"], ["Score = revenue"]] },
      ],
      // one column right of the table (D blank), level with its header; the Total row is not charted
      chart: { address: "E4:L19", categories: "A5:A6", series: ["Customers B5:B6"] },
      autofit: ["A4:C7", "A22:B23"],
      rows: 26,
    });
    expect(chartCorners(layout.chart!)).toEqual(["E4", "L19"]);
    expect([layout.chart!.rows, layout.chart!.columns]).toEqual([CHART_ROWS, CHART_COLUMNS]);
  });

  test("layoutCells lists every written cell with its format and bold", () => {
    const cells = layoutCells(layoutSummary(SMALL));
    expect(cells).toHaveLength(1 + 1 + 3 + 9 + 1 + 2 + 2 + 2);
    expect(cells[0]).toEqual({ row: 0, column: 0, value: "Customer value", bold: true, fontSize: 14 });
    expect(cells.find((c) => c.row === 5 && c.column === 2)).toEqual({ row: 5, column: 2, value: 0.8, numberFormat: "0.0%" });
    expect(cells.find((c) => c.row === 4 && c.column === 0)).toEqual({ row: 4, column: 0, value: "Top" });
    expect(cells.find((c) => c.row === 21 && c.column === 1)).toEqual({ row: 21, column: 1, value: "Value", bold: true });
  });

  test("figures not in the table: a chart-data block one column right of the table, the chart one column right of that", () => {
    const layout = layoutSummary({
      ...SMALL,
      subtitle: [],
      chart: {
        type: "column",
        title: "Customers by repeat purchases",
        categories: ["0", "1+"],
        series: [
          { name: "Actual", values: [3, 1] },
          { name: "Expected", values: [2.5, 1.5] },
        ],
        categoryTitle: "Repeat purchases",
      },
      sections: [],
      notes: ["The model"],
    });
    const { blocks, chart, autofit, rows } = addresses(layout);
    expect(blocks.filter((b) => b.part.startsWith("chart"))).toEqual([
      { part: "chart data header", address: "E3:G3", values: [["Repeat purchases", "Actual", "Expected"]], bold: true },
      { part: "chart data", address: "E4:G5", values: [["0", 3, 2.5], ["1+", 1, 1.5]] },
    ]);
    expect(chart).toEqual({ address: "I3:P18", categories: "E4:E5", series: ["Actual F4:F5", "Expected G4:G5"] });
    expect(autofit).toEqual(["A3:C6", "E3:G5"]);
    // title, the table from row 3 beside the 16-row chart (rows 3–18), a blank row 19, the note in row 20
    expect(blocks.at(-1)).toEqual({ part: "notes", address: "A20", values: [["The model"]] });
    expect(rows).toBe(20);
  });

  test("a chart-data block taller than the chart pushes the sections down below it", () => {
    const categories = Array.from({ length: 20 }, (_, i) => String(i));
    const layout = layoutSummary({
      ...SMALL,
      subtitle: [],
      chart: { type: "column", title: "Customers by repeat purchases", categories, series: [{ name: "Actual", values: categories.map(Number) }] },
    });
    const { blocks } = addresses(layout);
    expect(blocks.find((b) => b.part === "chart data")?.address).toBe("E4:F23");
    // header row 3 and 20 categories: rows 3–23, a blank row 24, the section from row 25
    expect(blocks.find((b) => b.part === "section title")?.address).toBe("A25");
  });

  test("no category or no series: no chart and no rows kept for one", () => {
    for (const chart of [
      { ...SMALL.chart, categories: [], series: [{ name: "Customers", values: [] }] },
      { ...SMALL.chart, series: [] },
    ]) {
      const { blocks, chart: drawn } = addresses(layoutSummary({ ...SMALL, chart }));
      expect(drawn).toBeUndefined();
      expect(blocks.some((b) => b.part.startsWith("chart"))).toBe(false);
      // the table A4:C7, a blank row 8, the section from row 9
      expect(blocks.find((b) => b.part === "section title")?.address).toBe("A9");
    }
  });

  test("no table columns: the chart data from column A; ragged section rows are padded; blank formats are General", () => {
    const layout = layoutSummary({
      name: "CV Summary",
      title: "Customer value",
      subtitle: [],
      table: { headers: [], rows: [] },
      chart: { type: "line", title: "Pareto", categories: ["10%"], series: [{ name: "Share", values: [0.55] }] },
      sections: [{ title: "Rules", headers: ["Rule"], rows: [["A → B", 2.5], ["C → D"]], numberFormats: ["", "0.0"] }],
      notes: [],
    });
    const { blocks, chart } = addresses(layout);
    expect(blocks.find((b) => b.part === "chart data header")?.address).toBe("A3:B3");
    expect(chart?.address).toBe("D3:K18");
    expect(blocks.filter((b) => b.part.startsWith("section"))).toEqual([
      { part: "section title", address: "A20", values: [["Rules"]], bold: true },
      { part: "section header", address: "A21:B21", values: [["Rule", null]], bold: true },
      { part: "section", address: "A22:B23", values: [["A → B", 2.5], ["C → D", null]], numberFormats: [null, "0.0"] },
    ]);
  });

  test("a table row of the wrong length is an error", () => {
    expect(() => layoutSummary({ ...SMALL, table: { ...SMALL.table, rows: [["Top", 4]] } })).toThrow("Row 1 of the summary table rows has 2 cells, not 3");
  });
});
