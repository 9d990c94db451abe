import { readFileSync } from "node:fs";
import path from "node:path";
import { type CustomerValueModel, defaultModel, guessRoles, parseModel, runModel } from "../../src/engine";
import { MemoryWorkbook } from "../../src/preview/MemoryWorkbook";
import { MODEL_SETTING, executeApply, planApply, resultsSheetName, summarySheetName } from "../../src/taskpane/apply";
import { type LoadedSource, loadFromWorkbook } from "../../src/taskpane/source";
import type { SourceKind, Workbook } from "../../src/workbook/Workbook";

/** This analysis's own results sheet. */
const RESULTS_SHEET = resultsSheetName("pyramid");
/** This analysis's own summary sheet. */
const SUMMARY_SHEET = summarySheetName("pyramid");

const CSV = ["Customer,Revenue,Orders,Complaints", "Ann,100,2,4", "Bob,200,6,2", "Cid,400,3,0", "Dee,300,5,2"].join("\n");
const NOW = new Date("2026-11-22T12:00:00Z");

/** What the pane does on "Use this table". */
async function read(workbook: Workbook, kind: SourceKind = "table"): Promise<LoadedSource> {
  return loadFromWorkbook(workbook, await workbook.readSource(kind));
}

function setup(): MemoryWorkbook {
  const workbook = new MemoryWorkbook({ sheets: ["Customers"] });
  workbook.loadCsv("Customers", CSV, { tableName: "Customers", top: 1, left: 1 }); // B2:E6
  workbook.select("Customers", "C3");
  return workbook;
}

async function applyOnce(workbook: MemoryWorkbook, change: (m: CustomerValueModel) => CustomerValueModel = (m) => m) {
  const loaded = await read(workbook);
  const model = change(defaultModel(guessRoles(loaded.profiles)));
  const run = runModel(model, loaded.table);
  const plan = await planApply(workbook, loaded, model, run, NOW);
  return { loaded, model, run, plan };
}

describe("Apply on an in-memory workbook", () => {
  test("writes CV Score and CV Tier right of the table, formats, the summary sheet and the model", async () => {
    const workbook = setup();
    const { model, run, plan } = await applyOnce(workbook);
    expect(plan.occupied).toEqual([]);
    expect(plan.target).toBe("Customers!F2:G6");
    await executeApply(workbook, plan, model);
    // score = 100 × (.5 revenue + .3 orders + .2 (1 − complaints/4)), min-max: Bob = 100 × (.5/3 + .3 × 1 + .2 × .5) = 56.67
    expect(workbook.value("Customers", "F2")).toBe("CV Score");
    expect(workbook.value("Customers", "G2")).toBe("CV Tier");
    expect(workbook.value("Customers", "F4") as number).toBeCloseTo(100 * (0.5 / 3 + 0.3 + 0.1), 10);
    expect([3, 4, 5, 6].map((r) => workbook.value("Customers", `F${r}`))).toEqual(run.columns[0]!.values);
    expect([3, 4, 5, 6].map((r) => workbook.value("Customers", `G${r}`))).toEqual(run.columns[1]!.values);
    expect(workbook.summary(SUMMARY_SHEET)?.table.rows.map((r) => r[0])).toEqual(["Top", "Big", "Medium", "Small", "Total"]);
    // The shares per tier beside the table, and the Pareto curve below it.
    expect(workbook.charts(SUMMARY_SHEET).map((c) => c.type)).toEqual(["bar", "xyLine"]);
    expect(workbook.formats("Customers").length).toBeGreaterThanOrEqual(2);
    expect(parseModel((await workbook.loadSetting(MODEL_SETTING))!).indicators.map((i) => i.column)).toEqual(["Revenue", "Orders", "Complaints"]);
  });

  test("money on the summary takes the value column's own format: pounds stay pounds, a plain column gives #,##0.00", async () => {
    const workbook = new MemoryWorkbook({ sheets: ["Customers"] });
    const pounds = "[$£-809]#,##0.00";
    const rows = CSV.split("\n").map((line, r) =>
      line.split(",").map((field, c) => (r === 0 || c === 0 ? { value: field } : c === 1 ? { value: Number(field), numberFormat: pounds } : { value: Number(field) })),
    );
    workbook.loadCells("Customers", rows, { tableName: "Customers" });
    workbook.select("Customers", "B2");
    const { model, plan } = await applyOnce(workbook);
    const headers = plan.summary.table.headers;
    const formatOf = (header: string) => plan.summary.table.numberFormats?.[headers.indexOf(header)];
    expect(formatOf("Revenue")).toBe(pounds);
    expect(formatOf("Customers")).toBe("#,##0");
    expect(formatOf("Share of value")).toBe("0.0%");
    await executeApply(workbook, plan, model);
    // The Top tier (Cid, 400) in row 2 of the summary's table: shown as the source shows its revenue.
    const summary = workbook.summary(SUMMARY_SHEET)!;
    expect(summary.table.rows[0]?.[headers.indexOf("Revenue")]).toBe(400);

    const plain = setup(); // the same table from CSV: General numbers
    expect((await applyOnce(plain)).plan.summary.table.numberFormats?.[headers.indexOf("Revenue")]).toBe("#,##0.00");
  });

  test("never writes over a user's cell without naming it first", async () => {
    const workbook = setup();
    await workbook.writeBlock({ sheet: "Customers", top: 3, left: 6, headers: ["my note"], rows: [] }); // G4
    const { plan } = await applyOnce(workbook);
    expect(plan.occupied).toEqual(["G4"]);
    // planning wrote nothing
    expect(workbook.value("Customers", "F2")).toBe("");
    expect(workbook.value("Customers", "G4")).toBe("my note");
  });

  test("re-Apply updates the same columns instead of adding new ones, without asking", async () => {
    const workbook = setup();
    const first = await applyOnce(workbook);
    await executeApply(workbook, first.plan, first.model);
    const again = await applyOnce(workbook, (m) => ({ ...m, tiers: { by: "share", preset: "key20", shares: [0.2, 0.8], labels: ["Key", "General"] } }));
    expect(again.loaded.resultColumns.map((c) => c.header)).toEqual(["CV Score", "CV Tier"]);
    expect(again.plan.target).toBe("Customers!F2:G6");
    expect(again.plan.occupied).toEqual([]);
    await executeApply(workbook, again.plan, again.model);
    expect([3, 4, 5, 6].map((r) => workbook.value("Customers", `G${r}`))).toEqual(["General", "General", "Key", "General"]);
    expect(workbook.value("Customers", "H2")).toBe("");
  });

  test("on a new sheet: the customer id beside the results", async () => {
    const workbook = setup();
    const { model, plan } = await applyOnce(workbook, (m) => ({ ...m, roles: { ...m.roles, id: "Customer" }, output: { placement: "newSheet", formulas: false } }));
    await executeApply(workbook, plan, model);
    expect(plan.target).toBe(`${RESULTS_SHEET}!A1:C5`);
    expect(["A1", "B1", "C1", "A3"].map((a) => workbook.value(RESULTS_SHEET, a))).toEqual(["Customer", "CV Score", "CV Tier", "Bob"]);
  });

  test("live formulas: one spilling formula per result, the cells below left empty for the spill", async () => {
    const workbook = setup();
    const { plan } = await applyOnce(workbook, (m) => ({ ...m, output: { placement: "beside", formulas: true } }));
    expect(plan.block.formulas?.[0]?.[0]).toBe('=CV.SCORE(HSTACK(C3:C6,D3:D6,E3:E6),{50,30,20},{1,1,-1},"minmax")');
    expect(plan.block.formulas?.[0]?.[1]).toBe('=CV.TIER(F3#,{0.01,0.04,0.15,0.8},{"Top","Big","Medium","Small"})');
    expect(plan.block.rows.slice(1).flat().every((v) => v === null)).toBe(true);
  });

  test("the summary sheet reads without the add-in: per-tier table, chart, the model in words", async () => {
    const workbook = setup();
    const { plan } = await applyOnce(workbook);
    const summary = plan.summary;
    expect(summary.table.headers).toEqual(["Tier", "Customers", "Share of customers", "Revenue", "Share of value", "Average score", "Suggested action"]);
    // Each tier's suggested action, the default of the preset's labels; the Total row has none.
    expect(summary.table.rows.map((r) => r[6])).toEqual([
      "Key-account care: a named contact, tailored offers, protect at all costs.",
      "Develop towards the top: regular contact, cross-sell.",
      "Grow with targeted offers; automate the contact.",
      "Serve at low cost through self-service channels.",
      null,
    ]);
    // 4 customers, pyramid: Top holds Cid (h = 0 < 0.04); the other three are Small
    expect(summary.table.rows[0]!.slice(0, 5)).toEqual(["Top", 1, 0.25, 400, 0.4]);
    expect(summary.chart.categories).toEqual(["Top", "Big", "Medium", "Small"]);
    expect(summary.notes).toContain("Indicators: Revenue 50% (higher is better); Orders 30% (higher is better); Complaints 20% (lower is better).");
    expect(summary.subtitle[0]).toBe("Source: Customers!B2:E6 (table Customers); results in Customers!F2:G6.");
  });
});

describe("the sample at scale", () => {
  test("Apply of 100,000 customers in the in-memory host (engine + plan + chunked write)", async () => {
    const sample = readFileSync(path.join(__dirname, "../../assets/sample/customers.csv"), "utf8").trim().split("\n");
    const header = sample[0]!;
    const body = sample.slice(1);
    const rows = Array.from({ length: 100_000 }, (_, i) => {
      const fields = body[i % body.length]!.split(",");
      fields[0] = String(100000 + i);
      return fields.join(",");
    });
    const workbook = new MemoryWorkbook({ sheets: ["Customers"] });
    workbook.loadCsv("Customers", [header, ...rows].join("\n"), { tableName: "Customers" });
    workbook.select("Customers", "A2");
    const started = performance.now();
    const { model, plan } = await applyOnce(workbook);
    const done: number[] = [];
    await executeApply(workbook, plan, model, { onProgress: (rows) => done.push(rows) });
    const seconds = (performance.now() - started) / 1000;
    console.log(`Apply of 100,000 customers in MemoryWorkbook (node): ${seconds.toFixed(2)} s, ${done.length} chunks`);
    expect(workbook.value("Customers", "L1")).toBe("CV Score");
    expect(typeof workbook.value("Customers", "L100001")).toBe("number");
    // No absolute time limit (a loaded machine is slower, not wrong): the write went in chunks that each
    // reported progress, rising to all 100,000 rows.
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done[done.length - 1]).toBe(100_000);
  });
});
