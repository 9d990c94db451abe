/**
 * Results never mix: several analyses applied in a row on one in-memory workbook, each into
 * its own columns or its own sheets, re-applied (shorter, moved) and removed, with every
 * cell of the result areas checked against values worked out in the test.
 */
import { type CustomerValueModel, defaultCrossSellSettings, defaultModel, defaultRfmSettings, guessRoles, runModel } from "../../src/engine";
import { MemoryWorkbook } from "../../src/preview/MemoryWorkbook";
import { OUTPUTS_SETTING, executeApply, planApply, removeResults, resultsSheetName, summarySheetName } from "../../src/taskpane/apply";
import { withAnalysis } from "../../src/taskpane/modelEdits";
import { type LoadedSource, loadFromWorkbook } from "../../src/taskpane/source";

const NOW = new Date("2026-12-02T09:00:00Z");
const CUSTOMERS = ["Customer,Revenue,Orders,Complaints", "Ann,100,2,4", "Bob,200,6,2", "Cid,400,3,0", "Dee,300,5,2"].join("\n");
// Purchases of four customers (first appearance A, B, C, D), and a later, shorter table of two.
const PURCHASES = ["Customer,Invoice,InvoiceDate,Amount", "A,1,2024-01-01,10", "B,2,2024-01-05,20", "A,3,2024-02-01,30", "C,4,2024-02-10,40", "D,5,2024-03-01,50"].join("\n");
const FEWER = ["Customer,Invoice,InvoiceDate,Amount", "B,7,2024-04-01,25", "A,8,2024-04-02,15"].join("\n");
// Lines of three invoices: bread and milk together twice.
const LINES = ["Customer,Invoice,Product,Amount", "A,I1,bread,2", "A,I1,milk,1", "B,I2,bread,2", "B,I2,milk,1", "C,I3,bread,2", "C,I3,tea,3"].join("\n");

function workbook(): MemoryWorkbook {
  const wb = new MemoryWorkbook({ sheets: ["Customers", "Purchases", "Fewer", "Lines"] });
  wb.loadCsv("Customers", CUSTOMERS, { tableName: "Customers", top: 1, left: 1 }); // B2:E6
  wb.loadCsv("Purchases", PURCHASES, { tableName: "Purchases" });
  wb.loadCsv("Fewer", FEWER, { tableName: "Fewer" });
  wb.loadCsv("Lines", LINES, { tableName: "Lines" });
  return wb;
}

async function source(wb: MemoryWorkbook, sheet: string, cell: string): Promise<LoadedSource> {
  wb.select(sheet, cell);
  return loadFromWorkbook(wb, await wb.readSource("table"));
}

async function apply(wb: MemoryWorkbook, loaded: LoadedSource, model: CustomerValueModel) {
  const plan = await planApply(wb, loaded, model, runModel(model, loaded.table), NOW);
  await executeApply(wb, plan, model);
  return plan;
}

/** The cells of a block as values ("" = empty). */
const cells = (wb: MemoryWorkbook, sheet: string, top: number, left: number, rows: number, columns: number) => wb.readBlock(sheet, top, left, rows, columns);

function pyramid(loaded: LoadedSource): CustomerValueModel {
  return defaultModel(guessRoles(loaded.profiles));
}

function rfm(loaded: LoadedSource): CustomerValueModel {
  const base = { ...defaultModel(guessRoles(loaded.profiles)), roles: { id: "Customer", name: null, value: "Amount" } };
  return { ...base, analysis: "rfm", rfm: { ...defaultRfmSettings(loaded.profiles, "Amount"), input: "transactions", date: "InvoiceDate", amount: "Amount", invoice: "Invoice" } };
}

describe("results never mix", () => {
  test("pyramid and scorecard beside the table, RFM and cross-sell on their own sheets; re-applying and removing touch only their own output", async () => {
    const wb = workbook();
    const customers = await source(wb, "Customers", "C3");

    // 1. Pyramid beside the table: F2:G6 (the table is B2:E6).
    const p1 = await apply(wb, customers, pyramid(customers));
    expect(p1.target).toBe("Customers!F2:G6");
    // Scores by hand (min-max, weights 50/30/20, complaints lower is better): Ann 100×(0 + .3×0 + .2×0) = 0,
    // Bob 100×(.5/3 + .3 + .2×.5) = 56.67, Cid 100×(.5 + .3×.25 + .2) = 77.5, Dee 100×(.5×2/3 + .3×.75 + .1) = 65.83.
    const pyramidScores = [0, 100 * (0.5 / 3 + 0.3 + 0.1), 100 * (0.5 + 0.075 + 0.2), 100 * (1 / 3 + 0.225 + 0.1)];
    const scoresNow = (await cells(wb, "Customers", 2, 5, 4, 1)).map((r) => r[0] as number);
    scoresNow.forEach((s, i) => expect(s).toBeCloseTo(pyramidScores[i]!, 10));

    // 2. The scorecard goes right of the pyramid's columns, H2:K6, and leaves F:G as they were.
    const again = await source(wb, "Customers", "C3");
    const card = withAnalysis(pyramid(again), "scorecard", again.profiles);
    const p2 = await apply(wb, again, card);
    expect(p2.target).toBe("Customers!H2:K6");
    expect(p2.occupied).toEqual([]);
    expect((await cells(wb, "Customers", 1, 5, 1, 6))[0]).toEqual(["CV Score", "CV Tier", "CV Actual", "CV Potential", "CV Total", "CV Quadrant"]);
    (await cells(wb, "Customers", 2, 5, 4, 1)).forEach((r, i) => expect(r[0] as number).toBeCloseTo(pyramidScores[i]!, 10));

    // 3. RFM from the purchases: one row per customer on CV RFM (A, B, C, D in order of first purchase), its own summary.
    const purchases = await source(wb, "Purchases", "A2");
    const p3 = await apply(wb, purchases, rfm(purchases));
    expect(p3.target).toBe(`${resultsSheetName("rfm")}!A1:F5`);
    expect((await cells(wb, "CV RFM", 0, 0, 5, 1)).map((r) => r[0])).toEqual(["Customer", "A", "B", "C", "D"]);

    // 4. Cross-sell from the lines: CV Cross-sell (A, B, C) and CV Rules; nothing on CV RFM changes.
    const lines = await source(wb, "Lines", "A2");
    const base = { ...defaultModel(guessRoles(lines.profiles)), roles: { id: "Customer", name: null, value: "Amount" } };
    const cross: CustomerValueModel = { ...base, analysis: "crossSell", crossSell: { ...defaultCrossSellSettings(lines.profiles), minSupport: 0.5, minConfidence: 0.5 } };
    const p4 = await apply(wb, lines, cross);
    expect(p4.target).toBe("CV Cross-sell!A1:C4");
    expect((await cells(wb, "CV Cross-sell", 0, 0, 4, 1)).map((r) => r[0])).toEqual(["Customer", "A", "B", "C"]);
    // Support ≥ 2 of 3 invoices, confidence ≥ 50%: bread ⇒ milk (2/3, confidence 2/3) and milk ⇒ bread (2/3, 1).
    expect((await cells(wb, "CV Rules", 0, 0, 3, 2)).map((r) => r.join(" ⇒ "))).toEqual(["Antecedent ⇒ Consequent", "milk ⇒ bread", "bread ⇒ milk"]);
    expect((await cells(wb, "CV RFM", 0, 0, 5, 1)).map((r) => r[0])).toEqual(["Customer", "A", "B", "C", "D"]);

    // Each analysis has its own summary sheet.
    const sheets = await wb.sheetNames();
    for (const id of ["pyramid", "scorecard", "rfm", "crossSell"] as const) expect(sheets).toContain(summarySheetName(id));
    expect(wb.summary(summarySheetName("rfm"))?.table.headers[0]).toBe("Segment");
    expect(wb.summary(summarySheetName("crossSell"))?.sections?.map((s) => s.title)).toContain("Cross-sell settings");

    // 5. RFM again on a shorter table: CV RFM holds B and A only, nothing stale below or to the right.
    const fewer = await source(wb, "Fewer", "A2");
    const p5 = await apply(wb, fewer, rfm(fewer));
    expect(p5.foreignSheets).toEqual([]);
    expect(p5.occupied).toEqual([]);
    const rfmSheet = await cells(wb, "CV RFM", 0, 0, 6, 8);
    expect(rfmSheet.map((r) => r[0])).toEqual(["Customer", "B", "A", "", "", ""]);
    expect(rfmSheet.slice(3).every((r) => r.every((v) => v === ""))).toBe(true);
    expect(rfmSheet.every((r) => r[6] === "" && r[7] === "")).toBe(true);
    expect((await cells(wb, "CV Cross-sell", 0, 0, 4, 1)).map((r) => r[0])).toEqual(["Customer", "A", "B", "C"]);

    // 6. The pyramid moved to its own sheet: F:G beside the table are cleared, the scorecard's H:K stay.
    const third = await source(wb, "Customers", "C3");
    const moved = { ...pyramid(third), output: { placement: "newSheet" as const, formulas: false } };
    const p6 = await apply(wb, third, moved);
    expect(p6.target).toBe("CV Pyramid!A1:C5");
    expect((await cells(wb, "Customers", 1, 5, 5, 2)).every((r) => r.every((v) => v === ""))).toBe(true);
    expect((await cells(wb, "Customers", 1, 7, 1, 4))[0]).toEqual(["CV Actual", "CV Potential", "CV Total", "CV Quadrant"]);
    (await cells(wb, "CV Pyramid", 1, 1, 4, 1)).forEach((r, i) => expect(r[0] as number).toBeCloseTo(pyramidScores[i]!, 10));

    // 7. Remove the scorecard's results: H:K and its summary go; every other analysis's output stays.
    const removed = await removeResults(wb, "scorecard");
    expect(removed).toEqual(["CV Actual, CV Potential, CV Total, CV Quadrant on Customers", "sheet CV Scorecard summary"]);
    expect((await cells(wb, "Customers", 1, 5, 5, 6)).every((r) => r.every((v) => v === ""))).toBe(true);
    expect(await wb.sheetNames()).toEqual(["Customers", "Purchases", "Fewer", "Lines", "CV Pyramid summary", "CV RFM", "CV RFM summary", "CV Cross-sell", "CV Rules", "CV Cross-sell summary", "CV Pyramid"]);
    expect(Object.keys(JSON.parse((await wb.loadSetting(OUTPUTS_SETTING))!).outputs).sort()).toEqual(["crossSell", "pyramid", "rfm"]);
    // The table itself is as loaded.
    expect((await cells(wb, "Customers", 1, 1, 5, 4)).map((r) => r[0])).toEqual(["Customer", "Ann", "Bob", "Cid", "Dee"]);
  });

  test("a sheet of the same name that the analysis did not write is named before Apply replaces it", async () => {
    const wb = workbook();
    await wb.ensureSheet("CV RFM");
    await wb.writeBlock({ sheet: "CV RFM", top: 0, left: 0, headers: ["my notes"], rows: [["keep me"]] });
    const purchases = await source(wb, "Purchases", "A2");
    const plan = await planApply(wb, purchases, rfm(purchases), runModel(rfm(purchases), purchases.table), NOW);
    expect(plan.foreignSheets).toEqual(["CV RFM"]);
  });

  test("re-applying when the user overwrote one of its headers: the columns are not its own any more, so Apply names the cells before writing and clears nothing", async () => {
    const wb = workbook();
    const customers = await source(wb, "Customers", "C3");
    await apply(wb, customers, pyramid(customers));
    await wb.writeBlock({ sheet: "Customers", top: 1, left: 5, headers: ["My score"], rows: [] }); // F2
    const again = await source(wb, "Customers", "C3");
    const plan = await planApply(wb, again, pyramid(again), runModel(pyramid(again), again.table), NOW);
    expect(plan.target).toBe("Customers!F2:G6");
    // Every non-empty cell of F2:G6: the user's F2 first, then the old results, row by row.
    expect(plan.occupied).toEqual(["F2", "G2", "F3", "G3", "F4", "G4", "F5", "G5", "F6", "G6"]);
  });
});
