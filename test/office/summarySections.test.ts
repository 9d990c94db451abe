/**
 * OfficeWorkbook.writeSummary for the lifetime value summary, against office-addin-mock: a
 * column chart of actual against expected customers by repeat purchases whose figures sit
 * beside the tier table under a "Repeat purchases" header, with axis titles; the fitted
 * parameters and settings as extra (label, value) sections below the table and the chart,
 * then the notes.
 */
import { OfficeWorkbook, type ExcelHost } from "../../src/office/OfficeWorkbook";
import type { SummarySheet } from "../../src/workbook/Workbook";
import { FakeExcel } from "./fakeExcel";

const SUMMARY: SummarySheet = {
  name: "CV Summary",
  title: "Customer value: lifetime value",
  subtitle: ["Source: Transactions!A1:D18533", "Run on 2026-11-22 12:00 UTC"],
  table: {
    headers: ["CLV tier", "Customers", "Share of customers", "CLV", "Share of CLV", "Average CLV"],
    rows: [
      ["Top", 44, 0.0101, 2_218_934.48, 0.254, 50_430.33],
      ["Small", 4294, 0.9899, 6_503_286.87, 0.746, 1_514.5],
      ["Total", 4338, 1, 8_722_221.35, 1, 2_010.65],
    ],
    numberFormats: [null, "#,##0", "0.0%", "#,##0.00", "0.0%", "#,##0.00"],
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
    { title: "BG/NBD parameters", headers: ["Parameter", "Value"], rows: [["r", 0.8257], ["alpha", 9.89], ["a", 0.003922], ["b", 6.653], ["log-likelihood", -37697.3]] },
    { title: "CLV settings", headers: ["Setting", "Value"], rows: [["Horizon (months)", 12], ["Discount a month", 0.01]], numberFormats: [null, "0.00"] },
  ],
  notes: ["The model", "CLV = margin × expected spend × discounted expected purchases."],
};

describe("writeSummary with a chart beside the table, axis titles and sections", () => {
  test("the chart reads a data block headed by its category title; axis titles are set", async () => {
    const fake = new FakeExcel(["Transactions"]);
    await new OfficeWorkbook({ excel: fake.host as unknown as ExcelHost }).writeSummary(SUMMARY);
    const sheet = fake.sheet("CV Summary");
    // A1 title, A2:A3 subtitle, table A5:F8; the chart's figures in H5:J8, one column right of the table.
    expect(sheet.grid({ top: 4, left: 7, rows: 4, columns: 3 }, (c) => c?.value ?? "")).toEqual([
      ["Repeat purchases", "Actual customers", "Expected customers"],
      ["0", 1548, 1587.7],
      ["1", 874, 795.1],
      ["2+", 1916, 1955.2],
    ]);
    expect(sheet.charts).toEqual([
      {
        type: "ColumnClustered",
        source: "I6:I8",
        seriesBy: "Columns",
        title: "Customers by repeat purchases: actual and expected",
        legendVisible: true,
        categoryTitle: "Repeat purchases",
        valueTitle: "Customers",
        position: ["L5", "S20"],
        series: [
          { name: "Actual customers", values: "I6:I8", xValues: "H6:H8" },
          { name: "Expected customers", values: "J6:J8", xValues: "H6:H8" },
        ],
      },
    ]);
  });

  test("sections one under the other below the table and the 16-row chart, bold title and header, formats, autofit; notes after them", async () => {
    const fake = new FakeExcel(["Transactions"]);
    await new OfficeWorkbook({ excel: fake.host as unknown as ExcelHost }).writeSummary(SUMMARY);
    const sheet = fake.sheet("CV Summary");
    // The table and the chart take rows 5–20; the first section starts a row below, at row 22.
    expect(sheet.value(20, 0)).toBe("");
    expect(sheet.grid({ top: 21, left: 0, rows: 8, columns: 2 }, (c) => c?.value ?? "")).toEqual([
      ["BG/NBD parameters", ""],
      ["Parameter", "Value"],
      ["r", 0.8257],
      ["alpha", 9.89],
      ["a", 0.003922],
      ["b", 6.653],
      ["log-likelihood", -37697.3],
      ["", ""],
    ]);
    expect(sheet.fonts).toContainEqual({ address: "A22", bold: true });
    expect(sheet.fonts).toContainEqual({ address: "A23:B23", bold: true });
    expect(sheet.autofits).toContain("A23:B28");
    // The second section after a blank row, its number format on its value column.
    expect(sheet.grid({ top: 29, left: 0, rows: 4, columns: 2 }, (c) => c?.value ?? "")).toEqual([
      ["CLV settings", ""],
      ["Setting", "Value"],
      ["Horizon (months)", 12],
      ["Discount a month", 0.01],
    ]);
    expect(sheet.cell(32, 1)?.numberFormat).toBe("0.00");
    expect(sheet.cell(25, 1)?.numberFormat).toBeUndefined();
    // Notes a blank row below the last section.
    expect([sheet.value(33, 0), sheet.value(34, 0), sheet.value(35, 0)]).toEqual(["", ...SUMMARY.notes]);
    expect(fake.syncs).toBe(2);
  });

  test("without sections the notes stay where they were", async () => {
    const fake = new FakeExcel(["Transactions"]);
    const { sections: _, ...plain } = SUMMARY;
    await new OfficeWorkbook({ excel: fake.host as unknown as ExcelHost }).writeSummary(plain);
    expect(fake.sheet("CV Summary").value(21, 0)).toBe("The model");
  });
});
