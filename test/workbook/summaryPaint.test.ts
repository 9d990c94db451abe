/**
 * The Office workbook (against office-addin-mock's fake Excel) and the in-memory workbook
 * paint the same summary sheet for the same summary: every non-empty cell with its value,
 * number format and bold, and the charts (the main one, then the sections') over the same
 * cells reading the same ranges, both being what layoutSummary lays out.
 */
import { CHART_TYPES, OfficeWorkbook, type ExcelHost } from "../../src/office/OfficeWorkbook";
import { MemoryWorkbook } from "../../src/preview/MemoryWorkbook";
import { blockAddress, cellAddress, parseAddress } from "../../src/workbook/address";
import { chartCorners, layoutCells, layoutSummary } from "../../src/workbook/summaryLayout";
import type { SummarySheet } from "../../src/workbook/Workbook";
import { FakeExcel } from "../office/fakeExcel";

type Painted = Record<string, { value: unknown; numberFormat?: string; bold?: true }>;

interface PaintedChart {
  type: string;
  title: string;
  corners: [string, string];
  categories: string[];
  series: string[];
}

const TIERS: SummarySheet = {
  name: "CV Summary",
  title: "Customer value: value pyramid",
  subtitle: ["Source: Customers!A1:K4339 (table Customers); results in Customers!L1:N4339.", "Run on 2026-11-22 12:00 UTC; 4,338 of 4,338 customers placed."],
  table: {
    headers: ["Tier", "Customers", "Share of customers", "Revenue", "Share of value"],
    rows: [
      ["Top", 43, 0.0099, 2_650_000, 0.297],
      ["Middle", 390, 0.0899, 3_100_000, 0.348],
      ["Base", 3905, 0.9002, 3_161_407.9, 0.355],
      ["Total", 4338, 1, 8_911_407.9, 1],
    ],
    numberFormats: [null, "#,##0", "0.0%", "#,##0.00", "0.0%"],
  },
  chart: {
    type: "bar",
    title: "Share of customers and of value by tier",
    categories: ["Top", "Middle", "Base"],
    series: [
      { name: "Share of customers", values: [0.0099, 0.0899, 0.9002] },
      { name: "Share of value", values: [0.297, 0.348, 0.355] },
    ],
  },
  sections: [
    {
      title: "By Country (the tier columns count customers)",
      headers: ["Country", "Customers", "Share of customers", "Top", "Middle", "Base"],
      rows: [["United Kingdom", 3920, 0.9036, 30, 350, 3540], ["Germany", 418, 0.0964, 13, 40, 365], ["Total", 4338, 1, 43, 390, 3905]],
      numberFormats: [null, "#,##0", "0.0%", "#,##0", "#,##0", "#,##0"],
    },
  ],
  notes: ["The model", "Score = 50% Revenue + 50% Invoices", "=not a formula", "007"],
};

const LIFETIME: SummarySheet = {
  name: "CV Summary",
  title: "Customer value: lifetime value",
  subtitle: ["Source: Transactions!A1:D18533"],
  table: {
    headers: ["CLV tier", "Customers", "CLV"],
    rows: [["Top", 44, 2_218_934.48], ["Small", 4294, Number.NaN], ["Total", 4338, null]],
    numberFormats: [null, "#,##0", "#,##0.00"],
  },
  chart: {
    type: "column",
    title: "Customers by repeat purchases: actual and expected",
    categories: ["0", "1", "2+"],
    series: [
      { name: "Actual customers", values: [1548, 874, 1916] },
      { name: "Expected customers", values: [1587.7, 795.1, 1955.2] },
    ],
    categoryTitle: "Repeat purchases",
    valueTitle: "Customers",
  },
  sections: [
    { title: "BG/NBD parameters", headers: ["Parameter", "Value"], rows: [["r", 0.8257], ["alpha", 9.89]] },
    { title: "CLV settings", headers: ["Setting", "Value"], rows: [["Horizon (months)", 12], ["Discount a month", 0.01]], numberFormats: [null, "0.00"] },
  ],
  notes: ["The model", "CLV = margin × expected spend × discounted expected purchases."],
};

/** No chart to draw (no categories): neither workbook draws one or keeps rows for it. */
const NO_CHART: SummarySheet = {
  ...TIERS,
  chart: { type: "bar", title: "Nothing to chart", categories: [], series: [{ name: "Customers", values: [] }] },
};

/** What a workbook painted on a sheet: its cells and its charts in the order they were added. */
interface PaintedSheet {
  cells: Painted;
  charts: PaintedChart[];
}

/**
 * No main chart; a first section with a line chart of its two cumulative columns over its
 * first 3 rows (its Total row is not charted), a second section without a chart.
 *
 * A1 title, A2 subtitle, blank row 3, the table A4:C8 (header + 4 rows), blank row 9. The first
 * section: title A10, header A11:D11, rows A12:D15 (4 columns wide). Its chart one blank column
 * right of column D: from F (column 5) at the header row 11, 16 rows × 8 columns, so F11:M26,
 * reading C12:C14 and D12:D14 against A12:A14. The section ends in row 15 but the chart in row
 * 26, so the second section starts after one blank row (27): title A28, header A29:B29, rows
 * A30:B31, blank row 32, notes A33:A34.
 */
const SECTION_CHART: SummarySheet = {
  name: "CV Summary",
  title: "Customer value: lifetime value",
  subtitle: ["Source: Transactions!A1:D18533"],
  table: {
    headers: ["CLV tier", "Customers", "CLV"],
    // 44 + 390 + 3904 = 4338; 2,218,934.48 + 3,100,000 + 3,403,286.87 = 8,722,221.35
    rows: [["Top", 44, 2_218_934.48], ["Middle", 390, 3_100_000], ["Small", 3904, 3_403_286.87], ["Total", 4338, 8_722_221.35]],
    numberFormats: [null, "#,##0", "#,##0.00"],
  },
  chart: { type: "column", title: "Nothing to chart", categories: [], series: [] },
  sections: [
    {
      title: "Repeat purchases by month",
      headers: ["Month", "Repeat purchases", "Cumulative actual", "Cumulative expected"],
      // Cumulative actual = running sum of the month's purchases: 120, 120 + 80 = 200, 200 + 50 = 250 (= Total).
      rows: [["2011-01", 120, 120, 118.5], ["2011-02", 80, 200, 203.2], ["2011-03", 50, 250, 248.9], ["Total", 250, null, null]],
      numberFormats: [null, "#,##0", "#,##0", "#,##0.0"],
      chart: {
        type: "line",
        title: "Cumulative repeat purchases: actual and expected",
        categoryColumn: 0,
        seriesColumns: [2, 3],
        rows: 3,
        categoryTitle: "Month",
        valueTitle: "Repeat purchases",
      },
    },
    { title: "BG/NBD parameters", headers: ["Parameter", "Value"], rows: [["r", 0.8257], ["alpha", 9.89]] },
  ],
  notes: ["The model", "Expected purchases from the BG/NBD model."],
};

/** LIFETIME's main chart (I4:P19, sections from row 21) with SECTION_CHART's sections below it. */
const BOTH_CHARTS: SummarySheet = { ...LIFETIME, sections: SECTION_CHART.sections ?? [] };

/** The cells the fake Excel holds on a sheet, bold from the font assignments it received. */
function paintedByOffice(fake: FakeExcel, name: string): PaintedSheet {
  const sheet = fake.sheet(name);
  const cells: Painted = {};
  const entry = (row: number, column: number) => (cells[cellAddress(row, column)] ??= { value: "" });
  for (const [key, cell] of sheet.cells) {
    const [row, column] = key.split(",").map(Number) as [number, number];
    const out = entry(row, column);
    out.value = cell.value;
    if (cell.numberFormat !== undefined) out.numberFormat = cell.numberFormat;
  }
  for (const font of sheet.fonts) {
    if (!font.bold) continue;
    const { top, left, rows, columns } = parseAddress(font.address);
    for (let r = top; r < top + rows; r++) for (let c = left; c < left + columns; c++) entry(r, c).bold = true;
  }
  return {
    cells: withoutEmpty(cells),
    charts: sheet.charts.map((chart) => ({
      type: chart.type,
      title: chart.title ?? "",
      corners: chart.position as [string, string],
      categories: chart.series.map((s) => s.xValues ?? ""),
      series: chart.series.map((s) => s.values ?? ""),
    })),
  };
}

/** The cells the in-memory workbook holds on a sheet, and its chart placements as addresses (types as Excel's). */
function paintedByMemory(wb: MemoryWorkbook, name: string): PaintedSheet {
  const cells: Painted = {};
  const { rows, columns } = wb.extent(name);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const cell = wb.cellAt(name, r, c);
      if (!cell) continue;
      cells[cellAddress(r, c)] = {
        value: cell.value,
        ...(cell.numberFormat !== undefined ? { numberFormat: cell.numberFormat } : {}),
        ...(cell.bold ? { bold: true as const } : {}),
      };
    }
  }
  const at = (b: { top: number; left: number; rows: number; columns: number }) => blockAddress(b.top, b.left, b.rows, b.columns);
  return {
    cells: withoutEmpty(cells),
    charts: wb.chartPlacements(name).map((chart) => ({
      type: CHART_TYPES[chart.spec.type],
      title: chart.spec.title,
      corners: chartCorners(chart),
      categories: (chart.series ?? []).map(() => at(chart.categories!)),
      series: (chart.series ?? []).map(at),
    })),
  };
}

/** Drops cells that show nothing and carry no format (a never-written cell and an empty one look alike). */
function withoutEmpty(cells: Painted): Painted {
  return Object.fromEntries(Object.entries(cells).filter(([, c]) => c.value !== "" || c.numberFormat !== undefined || c.bold));
}

async function paintBoth(summary: SummarySheet) {
  const fake = new FakeExcel(["Customers"]);
  await new OfficeWorkbook({ excel: fake.host as unknown as ExcelHost }).writeSummary(summary);
  const wb = new MemoryWorkbook({ sheets: ["Customers"] });
  await wb.writeSummary(summary);
  return { office: paintedByOffice(fake, summary.name), memory: paintedByMemory(wb, summary.name), fake };
}

describe("Office and memory paint the same summary sheet", () => {
  test.each([
    ["tiers whose table holds the chart's figures, with a section", TIERS],
    ["lifetime value with a chart-data block and two sections", LIFETIME],
    ["a chart with nothing to draw", NO_CHART],
    ["a section with its own line chart, then a section without", SECTION_CHART],
    ["the main chart and a section chart", BOTH_CHARTS],
  ])("%s", async (_, summary) => {
    const { office, memory, fake } = await paintBoth(summary);
    expect(memory).toEqual(office);
    // Both are the layout: every cell it lists (empty values as "" cells), the chart where it says.
    const layout = layoutSummary(summary);
    const expected: Painted = {};
    for (const cell of layoutCells(layout)) {
      const value = cell.value === null || (typeof cell.value === "number" && !Number.isFinite(cell.value)) ? "" : cell.value;
      expected[cellAddress(cell.row, cell.column)] = { value, ...(cell.numberFormat ? { numberFormat: cell.numberFormat } : {}), ...(cell.bold ? { bold: true as const } : {}) };
    }
    // Number formats set on a whole column of a block also land on its empty cells; the layout lists those cells too.
    expect(office.cells).toEqual(withoutEmpty(expected));
    const charts = layout.chart ? [layout.chart, ...layout.sectionCharts] : layout.sectionCharts;
    expect(office.charts.map((c) => c.corners)).toEqual(charts.map(chartCorners));
    // Office alone fits columns and sizes the title (the preview grid sizes its columns itself).
    const sheet = fake.sheet(summary.name);
    expect(sheet.autofits).toEqual(layout.autofit.map((a) => blockAddress(a.top, a.left, a.rows, a.columns)));
    expect(sheet.fonts).toContainEqual({ address: "A1", bold: true, size: 14 });
  });

  test("the lifetime chart reads the chart-data block in both", async () => {
    const { office, memory } = await paintBoth(LIFETIME);
    expect(office.charts).toEqual([
      { type: "ColumnClustered", title: "Customers by repeat purchases: actual and expected", corners: ["I4", "P19"], categories: ["E5:E7", "E5:E7"], series: ["F5:F7", "G5:G7"] },
    ]);
    expect(memory.charts).toEqual(office.charts);
    expect(office.cells.E4).toEqual({ value: "Repeat purchases", bold: true });
  });

  test("with nothing to chart there is no chart, and the section follows the table a blank row below", async () => {
    const { office, memory } = await paintBoth(NO_CHART);
    expect(office.charts).toEqual([]);
    expect(memory.charts).toEqual([]);
    // title, two subtitle lines, blank, the table A5:E9, blank row 10, the section title in A11
    expect(office.cells.A11).toEqual({ value: "By Country (the tier columns count customers)", bold: true });
    expect(memory.cells.A11).toEqual(office.cells.A11);
  });
  test("a section's line chart sits right of it from its header row and reads its first 3 rows; the next section starts below the chart", async () => {
    const { office, memory, fake } = await paintBoth(SECTION_CHART);
    expect(office.charts).toEqual([
      {
        type: "Line",
        title: "Cumulative repeat purchases: actual and expected",
        corners: ["F11", "M26"],
        categories: ["A12:A14", "A12:A14"],
        series: ["C12:C14", "D12:D14"],
      },
    ]);
    expect(memory).toEqual(office);
    const [chart] = fake.sheet("CV Summary").charts;
    expect(chart).toMatchObject({
      source: "C12:C14",
      seriesBy: "Columns",
      legendVisible: true,
      categoryTitle: "Month",
      valueTitle: "Repeat purchases",
      series: [{ name: "Cumulative actual" }, { name: "Cumulative expected" }],
    });
    // The section's cells are where the chart reads them; the Total row (15) is written but not charted.
    expect(office.cells.A11).toEqual({ value: "Month", bold: true });
    expect(office.cells.A12).toEqual({ value: "2011-01" });
    expect(office.cells.C14).toEqual({ value: 250, numberFormat: "#,##0" });
    expect(office.cells.D12).toEqual({ value: 118.5, numberFormat: "#,##0.0" });
    expect(office.cells.A15).toEqual({ value: "Total" });
    // Chart rows 11…26, blank row 27, the second section's title in row 28 = 26 + 1 blank + 1.
    const chartEnd = parseAddress(office.charts[0]!.corners[1]).top;
    expect(chartEnd).toBe(25);
    expect(office.cells.A28).toEqual({ value: "BG/NBD parameters", bold: true });
    for (let row = 16; row <= 27; row++) expect(office.cells[`A${row}`]).toBeUndefined();
    expect(office.cells.B31).toEqual({ value: 9.89 });
    expect(office.cells.A33).toEqual({ value: "The model" });
    // The memory workbook keeps the section chart's spec with the charted figures.
    const wb = new MemoryWorkbook({ sheets: ["Customers"] });
    await wb.writeSummary(SECTION_CHART);
    expect(wb.charts("CV Summary")).toEqual([
      {
        type: "line",
        title: "Cumulative repeat purchases: actual and expected",
        categories: ["2011-01", "2011-02", "2011-03"],
        series: [
          { name: "Cumulative actual", values: [120, 200, 250] },
          { name: "Cumulative expected", values: [118.5, 203.2, 248.9] },
        ],
        categoryTitle: "Month",
        valueTitle: "Repeat purchases",
      },
    ]);
  });

  test("with a main chart too, the main chart comes first and the section chart sits below it", async () => {
    const { office, memory } = await paintBoth(BOTH_CHARTS);
    // LIFETIME: the band A4 … row 19, the first section's title in A21, header row 22, rows 23…26;
    // its chart F22:M37 reading rows 23…25; the second section's title in A39 = 37 + 1 blank + 1.
    expect(office.charts.map((c) => c.corners)).toEqual([
      ["I4", "P19"],
      ["F22", "M37"],
    ]);
    expect(office.charts[1]).toMatchObject({ categories: ["A23:A25", "A23:A25"], series: ["C23:C25", "D23:D25"] });
    expect(office.cells.A39).toEqual({ value: "BG/NBD parameters", bold: true });
    expect(memory).toEqual(office);
  });

  test.each([
    ["a series column right of the section", { seriesColumns: [2, 4] }, 'The chart of section "Repeat purchases by month" has seriesColumns[1] = 4, outside its 4 columns (0 to 3)'],
    ["a negative category column", { categoryColumn: -1 }, 'The chart of section "Repeat purchases by month" has categoryColumn = -1, outside its 4 columns (0 to 3)'],
    ["more rows than the section has", { rows: 5 }, 'The chart of section "Repeat purchases by month" charts 5 rows; the section has 4'],
  ])("a section chart with %s is an error, before anything is written", async (_, change, message) => {
    const [first, second] = SECTION_CHART.sections!;
    const bad: SummarySheet = { ...SECTION_CHART, sections: [{ ...first!, chart: { ...first!.chart!, ...change } }, second!] };
    expect(() => layoutSummary(bad)).toThrow(message);
    const fake = new FakeExcel(["Customers"]);
    await expect(new OfficeWorkbook({ excel: fake.host as unknown as ExcelHost }).writeSummary(bad)).rejects.toThrow(message);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Customers"]);
    const wb = new MemoryWorkbook({ sheets: ["Customers"] });
    await expect(wb.writeSummary(bad)).rejects.toThrow(message);
    expect(await wb.sheetNames()).toEqual(["Customers"]);
  });
});
