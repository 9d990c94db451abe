/**
 * The summary by a Group by column on the summary sheet, written by OfficeWorkbook against
 * office-addin-mock: the README's four customers with a market type, a Key 20% / General 80%
 * pyramid on sales, grouped by Market. The "By Market" section lands below the tier table and
 * the chart, with a Total row, bold title and header, number formats, and the notes after it.
 */
import { type CustomerValueModel, defaultLifetimeSettings, defaultModel, guessRoles, makeCustomerTable, presetTiers, profileColumns, runModel } from "../../src/engine";
import { OfficeWorkbook, type ExcelHost } from "../../src/office/OfficeWorkbook";
import { formatCsv } from "../../src/preview/csv";
import { MemoryWorkbook } from "../../src/preview/MemoryWorkbook";
import { breakdownSection, executeApply, planApply, summarySheet, summarySheetName } from "../../src/taskpane/apply";
import { loadFromWorkbook, loadSource } from "../../src/taskpane/source";
import { simulatedTransactions } from "../helpers/lifetimeTransactions";
import { FakeExcel } from "./fakeExcel";

/** This analysis's own summary sheet. */
const SUMMARY_SHEET = summarySheetName("lifetime");

const NOW = new Date("2026-11-22T12:00:00Z");
const CELLS = [
  ["Customer", "Market", "Sales", "Complaints"],
  ["Ann", "Consumer", 100, 4],
  ["Bob", "Government", 200, 2],
  ["Cid", "consumer", 400, 0],
  ["Dee", "Government", 300, 2],
];

function pyramidByMarket() {
  const source = loadSource({ kind: "table", sheet: "Customers", address: "A1:D5", tableName: "Customers", top: 0, left: 0, values: CELLS });
  const base = defaultModel(guessRoles(profileColumns(makeCustomerTable(CELLS, true))));
  const model: CustomerValueModel = { ...base, roles: { id: "Customer", name: null, value: "Sales" }, indicators: [{ column: "Sales", weight: 1, direction: 1 }], tiers: presetTiers("key20") };
  const run = runModel(model, source.table);
  return { summary: summarySheet(model, source, run, NOW, "Customers!E1:F5"), model, run };
}

// Cid (400) is the Key customer, the top 20% of four. Consumer: Ann 100 + Cid 400 = 500, half of 1,000,
// average 250, Key 1, General 1. Government: Bob 200 + Dee 300 = 500, General 2. Equal value and
// customers: Consumer before Government by label.
const EXPECTED_SECTION = [
  ["By Market (the tier columns count customers)", "", "", "", "", "", "", ""],
  ["Market", "Customers", "Share of customers", "Sales", "Share of value", "Average Sales", "Key", "General"],
  ["Consumer", 2, 0.5, 500, 0.5, 250, 1, 1],
  ["Government", 2, 0.5, 500, 0.5, 250, 0, 2],
  ["Total", 4, 1, 1000, 1, 250, 1, 3],
];

describe("the By <dimension> section of the summary sheet", () => {
  test("the default model guesses Market as the dimension; the summary gets one section for it, first (the pictures' sections follow)", () => {
    const { summary, model } = pyramidByMarket();
    expect(model.groupBy).toBe("Market");
    expect(summary.sections?.filter((s) => s.title.startsWith("By "))).toHaveLength(1);
    const section = summary.sections![0]!;
    expect([section.title, section.headers, ...section.rows]).toEqual([EXPECTED_SECTION[0]![0], ...EXPECTED_SECTION.slice(1)]);
    expect(section.numberFormats).toEqual([null, "#,##0", "0.0%", "#,##0.00", "0.0%", "#,##0.00", "#,##0", "#,##0"]);
  });

  test("OfficeWorkbook writes it below the table and the 16-row chart, bold title and header, formats, autofit; the next section after it", async () => {
    const { summary } = pyramidByMarket();
    const fake = new FakeExcel(["Customers"]);
    await new OfficeWorkbook({ excel: fake.host as unknown as ExcelHost }).writeSummary(summary);
    const sheet = fake.sheet(summarySheetName("pyramid"));
    // A1 title, A2:A4 subtitle (source, run time, headline), the tier table from A6 (header, Key, General,
    // Total) beside the chart's 16 rows 6–21; the section a row below, from A23.
    expect(sheet.value(5, 0)).toBe("Tier");
    expect(sheet.value(21, 0)).toBe("");
    expect(sheet.grid({ top: 22, left: 0, rows: 5, columns: 8 }, (c) => c?.value ?? "")).toEqual(EXPECTED_SECTION);
    expect(sheet.fonts).toContainEqual({ address: "A23", bold: true });
    expect(sheet.fonts).toContainEqual({ address: "A24:H24", bold: true });
    expect(sheet.autofits).toContain("A24:H27");
    expect(sheet.cell(24, 0)?.numberFormat).toBeUndefined();
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => sheet.cell(26, c)?.numberFormat)).toEqual(["#,##0", "0.0%", "#,##0.00", "0.0%", "#,##0.00", "#,##0", "#,##0"]);
    // The next section (the Pareto curve's points) a blank row below it (rows 23–27 and the blank 28).
    expect([sheet.value(27, 0), sheet.value(28, 0)]).toEqual(["", summary.sections![1]!.title]);
  });

  test("without a value column: no value columns; customers nobody placed get a column of their own", () => {
    const { run } = pyramidByMarket();
    // Dee's tier taken away: Government has one General and one not placed.
    const b = run.breakdown!;
    const government = { ...b.rows[1]!, groupCustomers: [0, 1], unplaced: 1 };
    const section = breakdownSection({ ...b, hasValue: false, rows: [b.rows[0]!, government], total: { ...b.total, groupCustomers: [1, 2], unplaced: 1 } }, "Tier", "Sales");
    expect(section.headers).toEqual(["Market", "Customers", "Share of customers", "Key", "General", "No tier"]);
    expect(section.rows).toEqual([
      ["Consumer", 2, 0.5, 1, 1, 0],
      ["Government", 2, 0.5, 0, 1, 1],
      ["Total", 4, 1, 1, 2, 1],
    ]);
    expect(section.numberFormats).toEqual([null, "#,##0", "0.0%", "#,##0", "#,##0", "#,##0"]);
  });

  test("with lifetime value the section comes first, before the parameters; the in-memory workbook writes it below the table and the chart", async () => {
    // 300 simulated customers S1–S300: S1–S150 consumers, the rest producers (every one has a row before 2024-07-01).
    const rows = simulatedTransactions().map(([c, d, a]) => [c, d, String(a), Number(c.slice(1)) <= 150 ? "Consumer" : "Producer"]);
    const workbook = new MemoryWorkbook({ sheets: ["Customers"] });
    workbook.loadCsv("Transactions", formatCsv([["Customer", "InvoiceDate", "Amount", "Market"], ...rows]), { tableName: "Transactions" });
    workbook.select("Transactions", "B2");
    const loaded = await loadFromWorkbook(workbook, await workbook.readSource("table"));
    const base = defaultModel(guessRoles(loaded.profiles));
    expect(base.groupBy).toBe("Market");
    const model: CustomerValueModel = { ...base, analysis: "lifetime", roles: { ...base.roles, id: "Customer" }, lifetime: { ...defaultLifetimeSettings(loaded.profiles, "Amount"), asOf: "2024-07-01" } };
    const run = runModel(model, loaded.table);
    const plan = await planApply(workbook, loaded, model, run, NOW);
    const sections = plan.summary.sections!;
    // The breakdown first, then the parameters and settings (the matrices and other sections of the analysis follow).
    expect(sections.map((s) => s.title.split(" (")[0]).slice(0, 4)).toEqual(["By Market", "BG/NBD parameters", "Gamma-Gamma parameters", "CLV settings"]);
    expect(sections[0]!.headers).toEqual(["Market", "Customers", "Share of customers", "CLV", "Share of CLV", "Average CLV", ...run.groups.map((g) => g.label)]);
    expect(sections[0]!.rows.map((r) => r[1])).toEqual([150, 150, 300]);
    await executeApply(workbook, plan, model);
    // Title A1, three subtitle lines, the tier table from A6 (header, four tiers, Total) beside the 16-row chart: the section from A23.
    const cells = await workbook.readBlock(SUMMARY_SHEET, 22, 0, 5, 3);
    expect(cells.map((r) => r[0])).toEqual(["By Market (the CLV tier columns count customers)", "Market", sections[0]!.rows[0]![0], sections[0]!.rows[1]![0], "Total"]);
    expect(cells[4]!.slice(1)).toEqual([300, 1]);
  });
});
