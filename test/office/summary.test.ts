/**
 * OfficeWorkbook.writeSummary and applyFormats against office-addin-mock: the summary sheet
 * (recreated in place, title, subtitle, table with formats, notes, native chart reading its
 * data from the sheet) and the conditional formats (data bars, one rule per label).
 */
import { CHART_TYPES, OfficeWorkbook, type ExcelHost } from "../../src/office/OfficeWorkbook";
import type { SummarySheet } from "../../src/workbook/Workbook";
import { FakeExcel } from "./fakeExcel";

function setup(): { fake: FakeExcel; workbook: OfficeWorkbook } {
  const fake = new FakeExcel(["Customers", "CV Summary", "Other"]);
  return { fake, workbook: new OfficeWorkbook({ excel: fake.host as unknown as ExcelHost }) };
}

const SUMMARY: SummarySheet = {
  name: "CV Summary",
  title: "Customer value pyramid",
  subtitle: ["As of 2011-12-09", "Run 2024-05-01 10:00, 4,338 customers from Customers!A1:K4339"],
  table: {
    headers: ["Tier", "Customers", "Share of customers", "Value", "Share of value"],
    rows: [
      ["Top", 43, 0.0099, 2_650_000, 0.297],
      ["Middle", 390, 0.0899, 3_100_000, 0.348],
      ["Base", 3905, 0.9002, 3_161_407.9, 0.355],
    ],
    numberFormats: [null, "#,##0", "0.0%", "#,##0", "0.0%"],
  },
  chart: {
    type: "bar",
    title: "Customers per tier",
    categories: ["Top", "Middle", "Base"],
    series: [{ name: "Customers", values: [43, 390, 3905] }],
  },
  notes: ["Score = 50% revenue + 30% invoices + 20% recency (percentile ranks)", "Tiers: top 1%, next 9%, the rest"],
};

describe("writeSummary", () => {
  test("recreates the sheet in place with title, subtitle, table, notes and a bar chart on the table", async () => {
    const { fake, workbook } = setup();
    const old = fake.sheet("CV Summary");
    old.put(98, 25, [["stale"]]);
    old.charts.push({ type: "Pie", source: "A1:A2", series: [] });

    await workbook.writeSummary(SUMMARY);

    expect(fake.sheets.map((s) => s.name)).toEqual(["Customers", "CV Summary", "Other"]);
    const sheet = fake.sheet("CV Summary");
    expect(sheet).not.toBe(old);
    expect(sheet.value(98, 25)).toBe("");

    // A1 title, A2:A3 subtitle, row 4 blank, table A5:E8
    expect(sheet.value(0, 0)).toBe("Customer value pyramid");
    expect(sheet.fonts).toContainEqual({ address: "A1", bold: true, size: 14 });
    expect([sheet.value(1, 0), sheet.value(2, 0), sheet.value(3, 0)]).toEqual([...SUMMARY.subtitle, ""]);
    expect(sheet.grid({ top: 4, left: 0, rows: 4, columns: 5 }, (c) => c?.value ?? "")).toEqual([
      SUMMARY.table.headers,
      ...SUMMARY.table.rows,
    ]);
    expect(sheet.fonts).toContainEqual({ address: "A5:E5", bold: true });
    expect(sheet.cell(5, 1)?.numberFormat).toBe("#,##0");
    expect(sheet.cell(7, 2)?.numberFormat).toBe("0.0%");
    expect(sheet.cell(5, 0)?.numberFormat).toBeUndefined();
    expect(sheet.autofits).toContain("A5:E8");

    // the chart reads the table: categories A6:A8, values B6:B8; placed right of the table
    expect(sheet.charts).toEqual([
      {
        type: "BarClustered",
        source: "B6:B8",
        seriesBy: "Columns",
        title: "Customers per tier",
        legendVisible: false,
        position: ["G5", "N20"],
        series: [{ name: "Customers", values: "B6:B8", xValues: "A6:A8" }],
      },
    ]);

    // notes below the chart (rows 5..20 hold table and chart)
    expect([sheet.value(21, 0), sheet.value(22, 0)]).toEqual(SUMMARY.notes);
    expect(sheet.value(20, 0)).toBe("");
    expect(fake.syncs).toBe(2);
  });

  test("a column chart with two table series names both and shows the legend", async () => {
    const { fake, workbook } = setup();
    await workbook.writeSummary({
      ...SUMMARY,
      chart: {
        type: "column",
        title: "Share of customers and of value",
        categories: ["Top", "Middle", "Base"],
        series: [
          { name: "Share of customers", values: [0.0099, 0.0899, 0.9002] },
          { name: "Share of value", values: [0.297, 0.348, 0.355] },
        ],
      },
    });
    const [chart] = fake.sheet("CV Summary").charts;
    expect(chart?.type).toBe(CHART_TYPES.column);
    expect(chart?.type).toBe("ColumnClustered");
    expect(chart?.title).toBe("Share of customers and of value");
    expect(chart?.legendVisible).toBe(true);
    expect(chart?.series).toEqual([
      { name: "Share of customers", values: "C6:C8", xValues: "A6:A8" },
      { name: "Share of value", values: "E6:E8", xValues: "A6:A8" },
    ]);
  });

  test("a Total row under the groups is not charted, and the chart still reads the table (no raw chart-data block)", async () => {
    const { fake, workbook } = setup();
    await workbook.writeSummary({
      ...SUMMARY,
      table: { ...SUMMARY.table, rows: [...SUMMARY.table.rows, ["Total", 4338, 1, 8_911_407.9, 1]] },
      chart: {
        type: "bar",
        title: "Share of customers and of value by tier",
        categories: ["Top", "Middle", "Base"],
        series: [
          { name: "Share of customers", values: [0.0099, 0.0899, 0.9002] },
          { name: "Share of value", values: [0.297, 0.348, 0.355] },
        ],
      },
    });
    const sheet = fake.sheet("CV Summary");
    // table A5:E9 (header, three tiers, Total); the chart reads rows 6–8 only
    expect(sheet.charts[0]?.series).toEqual([
      { name: "Share of customers", values: "C6:C8", xValues: "A6:A8" },
      { name: "Share of value", values: "E6:E8", xValues: "A6:A8" },
    ]);
    // no chart-data block beside the table (it would head G5:I5 with the series names)
    expect([sheet.value(4, 6), sheet.value(4, 7), sheet.value(4, 8)]).toEqual(["", "", ""]);
  });

  test("a line chart whose figures are not in the table gets a chart-data block beside the table", async () => {
    const { fake, workbook } = setup();
    await workbook.writeSummary({
      ...SUMMARY,
      name: "CV Pareto",
      chart: {
        type: "line",
        title: "Pareto curve",
        categories: ["10%", "20%", "30%"],
        series: [{ name: "Cumulative share of value", values: [0.55, 0.7, 0.79] }],
      },
    });
    expect(fake.sheets.map((s) => s.name)).toEqual(["Customers", "CV Summary", "Other", "CV Pareto"]);
    const sheet = fake.sheet("CV Pareto");
    expect(sheet.grid({ top: 4, left: 6, rows: 4, columns: 2 }, (c) => c?.value ?? "")).toEqual([
      ["", "Cumulative share of value"],
      ["10%", 0.55],
      ["20%", 0.7],
      ["30%", 0.79],
    ]);
    expect(sheet.charts).toEqual([
      {
        type: "Line",
        source: "H6:H8",
        seriesBy: "Columns",
        title: "Pareto curve",
        legendVisible: false,
        position: ["J5", "Q20"],
        series: [{ name: "Cumulative share of value", values: "H6:H8", xValues: "G6:G8" }],
      },
    ]);
  });
});

describe("applyFormats", () => {
  const spec = {
    sheet: "Customers",
    dataBars: { top: 1, column: 11, rows: 4338 },
    labelColours: {
      top: 1,
      column: 12,
      rows: 4338,
      colours: { Top: "#1F4E79", Middle: "#9DC3E6", 'Base "B"': "#F2F2F2" },
    },
  };
  const expected = [
    { address: "L2:L4339", type: "DataBar" },
    { address: "M2:M4339", type: "CellValue", rule: { formula1: '="Top"', operator: "EqualTo" }, fill: "#1F4E79", fontColor: "#FFFFFF" },
    { address: "M2:M4339", type: "CellValue", rule: { formula1: '="Middle"', operator: "EqualTo" }, fill: "#9DC3E6", fontColor: "#000000" },
    { address: "M2:M4339", type: "CellValue", rule: { formula1: '="Base ""B"""', operator: "EqualTo" }, fill: "#F2F2F2", fontColor: "#000000" },
  ];

  test("a data bar on the score column and one cell-value rule per label with its fill", async () => {
    const { fake, workbook } = setup();
    await workbook.applyFormats(spec);
    expect(fake.sheet("Customers").conditionalFormats).toEqual(expected);
    expect(fake.syncs).toBe(2);
  });

  test("re-applying replaces the formats on those cells instead of stacking them; others stay", async () => {
    const { fake, workbook } = setup();
    const sheet = fake.sheet("Customers");
    sheet.conditionalFormats.push({ address: "B2:B4339", type: "ColorScale" });
    await workbook.applyFormats(spec);
    await workbook.applyFormats(spec);
    expect(sheet.conditionalFormats).toEqual([{ address: "B2:B4339", type: "ColorScale" }, ...expected]);
  });

  test("only data bars, nothing for zero rows, readable errors", async () => {
    const { fake, workbook } = setup();
    await workbook.applyFormats({ sheet: "Customers", dataBars: { top: 1, column: 3, rows: 10 } });
    expect(fake.sheet("Customers").conditionalFormats).toEqual([{ address: "D2:D11", type: "DataBar" }]);
    const runs = fake.runs;
    await workbook.applyFormats({ sheet: "Customers", dataBars: { top: 1, column: 3, rows: 0 } });
    expect(fake.runs).toBe(runs);
    await expect(
      workbook.applyFormats({ sheet: "Customers", labelColours: { top: 1, column: 4, rows: 5, colours: { Top: "gold" } } }),
    ).rejects.toThrow('The colour of "Top" is "gold", not #RRGGBB');
  });
});
