/**
 * The Office workbook (against office-addin-mock's fake Excel) and the in-memory workbook
 * paint the same summary sheet for the same summary: every non-empty cell with its value,
 * number format and bold, and the chart over the same cells reading the same ranges, both
 * being what layoutSummary lays out.
 */
import { OfficeWorkbook, type ExcelHost } from "../../src/office/OfficeWorkbook";
import { MemoryWorkbook } from "../../src/preview/MemoryWorkbook";
import { blockAddress, cellAddress, parseAddress } from "../../src/workbook/address";
import { chartCorners, layoutCells, layoutSummary } from "../../src/workbook/summaryLayout";
import type { SummarySheet } from "../../src/workbook/Workbook";
import { FakeExcel } from "../office/fakeExcel";

type Painted = Record<string, { value: unknown; numberFormat?: string; bold?: true }>;

interface PaintedChart {
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

/** The cells the fake Excel holds on a sheet, bold from the font assignments it received. */
function paintedByOffice(fake: FakeExcel, name: string): { cells: Painted; chart?: PaintedChart } {
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
  const chart = sheet.charts[0];
  return {
    cells: withoutEmpty(cells),
    ...(chart
      ? { chart: { corners: chart.position as [string, string], categories: chart.series.map((s) => s.xValues ?? ""), series: chart.series.map((s) => s.values ?? "") } }
      : {}),
  };
}

/** The cells the in-memory workbook holds on a sheet, and its chart placement as addresses. */
function paintedByMemory(wb: MemoryWorkbook, name: string): { cells: Painted; chart?: PaintedChart } {
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
  const chart = wb.chartPlacements(name)[0];
  const at = (b: { top: number; left: number; rows: number; columns: number }) => blockAddress(b.top, b.left, b.rows, b.columns);
  return {
    cells: withoutEmpty(cells),
    ...(chart
      ? { chart: { corners: chartCorners(chart), categories: (chart.series ?? []).map(() => at(chart.categories!)), series: (chart.series ?? []).map(at) } }
      : {}),
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
    expect(office.chart?.corners).toEqual(layout.chart && chartCorners(layout.chart));
    // Office alone fits columns and sizes the title (the preview grid sizes its columns itself).
    const sheet = fake.sheet(summary.name);
    expect(sheet.autofits).toEqual(layout.autofit.map((a) => blockAddress(a.top, a.left, a.rows, a.columns)));
    expect(sheet.fonts).toContainEqual({ address: "A1", bold: true, size: 14 });
  });

  test("the lifetime chart reads the chart-data block in both", async () => {
    const { office, memory } = await paintBoth(LIFETIME);
    expect(office.chart).toEqual({ corners: ["I4", "P19"], categories: ["E5:E7", "E5:E7"], series: ["F5:F7", "G5:G7"] });
    expect(memory.chart).toEqual(office.chart);
    expect(office.cells.E4).toEqual({ value: "Repeat purchases", bold: true });
  });

  test("with nothing to chart there is no chart, and the section follows the table a blank row below", async () => {
    const { office, memory } = await paintBoth(NO_CHART);
    expect(office.chart).toBeUndefined();
    expect(memory.chart).toBeUndefined();
    // title, two subtitle lines, blank, the table A5:E9, blank row 10, the section title in A11
    expect(office.cells.A11).toEqual({ value: "By Country (the tier columns count customers)", bold: true });
    expect(memory.cells.A11).toEqual(office.cells.A11);
  });
});
