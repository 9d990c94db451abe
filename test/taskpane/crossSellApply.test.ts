/**
 * Apply of the cross-sell analysis on an in-memory workbook, as the pane does it, on the
 * hand-worked lines of crossSellAnalysis.test.ts: CV Rules replaced whole with every rule
 * (conviction ∞ as text), the recommendations on CV Results keyed by customer, CV Summary
 * with the groups, the top rules and the settings, and the model saved.
 */
import { defaultModel, guessRoles, parseModel, runModel, crossSellDetails } from "../../src/engine";
import { formatCsv } from "../../src/preview/csv";
import { MemoryWorkbook } from "../../src/preview/MemoryWorkbook";
import { ALWAYS_HELD, MODEL_SETTING, RULES_SHEET, executeApply, planApply, resultsSheetName, summarySheetName } from "../../src/taskpane/apply";
import { withAnalysis } from "../../src/taskpane/modelEdits";
import { loadFromWorkbook } from "../../src/taskpane/source";

/** This analysis's own results sheet. */
const RESULTS_SHEET = resultsSheetName("crossSell");
/** This analysis's own summary sheet. */
const SUMMARY_SHEET = summarySheetName("crossSell");

const NOW = new Date("2026-11-22T12:00:00Z");

/** Five customers, six invoices (see crossSellAnalysis.test.ts): A 19, B 19, C 13, D 7, E 15. */
const LINES = [
  ["Customer", "Invoice", "Product", "Amount"],
  ["A", "I1", "bread", "10"],
  ["A", "I1", "milk", "5"],
  ["A", "I2", "jam", "4"],
  ["B", "I3", "bread", "10"],
  ["B", "I3", "milk", "5"],
  ["B", "I3", "jam", "4"],
  ["C", "I4", "bread", "10"],
  ["C", "I4", "eggs", "3"],
  ["D", "I5", "milk", "5"],
  ["D", "I5", "tea", "2"],
  ["E", "I6", "bread", "10"],
  ["E", "I6", "milk", "5"],
];

async function setup() {
  const workbook = new MemoryWorkbook({ sheets: ["Lines"] });
  workbook.loadCsv("Lines", formatCsv(LINES), { tableName: "Lines" });
  workbook.select("Lines", "A2");
  const loaded = await loadFromWorkbook(workbook, await workbook.readSource("table"));
  const base = defaultModel(guessRoles(loaded.profiles));
  const chosen = withAnalysis({ ...base, roles: { id: "Customer", name: null, value: "Amount" } }, "crossSell", loaded.profiles);
  // Support 1 invoice of 6, confidence 60%, up to three products: the six rules worked by hand, four that always held.
  const model = { ...chosen, crossSell: { ...chosen.crossSell!, minSupport: 0.1, minConfidence: 0.6, maxSize: 3, neighbours: 3 } };
  return { workbook, loaded, model };
}

describe("Apply of cross-sell on an in-memory workbook", () => {
  test("choosing the analysis guesses Invoice and Product", async () => {
    const { model } = await setup();
    expect(model.crossSell).toMatchObject({ basket: "Invoice", product: "Product" });
  });

  test("CV Rules, CV Results, CV Summary and the model", async () => {
    const { workbook, loaded, model } = await setup();
    const run = runModel(model, loaded.table);
    const plan = await planApply(workbook, loaded, model, run, NOW);
    expect(plan.target).toBe(`${RESULTS_SHEET}!A1:C6`);
    expect(plan.ownSheets?.map((s) => s.sheet)).toEqual([RULES_SHEET]);
    // An earlier, longer rule list and a stray note: gone after Apply.
    await workbook.ensureSheet(RULES_SHEET);
    await workbook.writeBlock({ sheet: RULES_SHEET, top: 0, left: 0, headers: ["old"], rows: Array.from({ length: 50 }, (_, i) => [`rule ${i}`]) });
    await executeApply(workbook, plan, model);

    // Rules by lift (3/2, then 9/8); ties by names. Conviction of a rule that always held is "∞".
    const rules = await workbook.readBlock(RULES_SHEET, 0, 0, 9, 8);
    expect(rules[0]).toEqual(["Antecedent", "Consequent", "Support", "Confidence", "Lift", "Leverage", "Conviction", "Invoices with the rule"]);
    expect(rules.slice(1, 7).map((r) => [r[0], r[1], r[6], r[7]])).toEqual([
      ["bread, jam", "milk", ALWAYS_HELD, 1],
      ["eggs", "bread", ALWAYS_HELD, 1],
      ["jam, milk", "bread", ALWAYS_HELD, 1],
      ["tea", "milk", ALWAYS_HELD, 1],
      ["bread", "milk", rules[5]![6], 3],
      ["milk", "bread", rules[6]![6], 3],
    ]);
    // bread ⇒ milk: support 1/2, confidence 3/4, lift 9/8, leverage 1/18, conviction 4/3.
    [1 / 2, 3 / 4, 9 / 8, 1 / 18, 4 / 3].forEach((v, k) => expect(rules[5]![2 + k] as number).toBeCloseTo(v, 12));
    expect(rules.slice(7).every((r) => r.every((v) => v === ""))).toBe(true);
    expect(workbook.extent(RULES_SHEET)).toEqual({ rows: 7, columns: 8 });
    expect(workbook.cell(RULES_SHEET, "C2")?.numberFormat).toBe("0.00%");

    // Recommendations per customer (3 neighbours): A, B eggs; C milk; D bread; E jam, eggs.
    expect(await workbook.readBlock(RESULTS_SHEET, 0, 0, 6, 3)).toEqual([
      ["Customer", "CV Recommendations", "CV Top recommendation"],
      ["A", "eggs", "eggs"],
      ["B", "eggs", "eggs"],
      ["C", "milk; jam", "milk"],
      ["D", "bread; jam", "bread"],
      ["E", "jam; eggs", "jam"],
    ]);
    expect(workbook.formats(RESULTS_SHEET)).toEqual([
      { kind: "labelColours", top: 1, column: 2, rows: 5, colours: { eggs: "#FFD54F", bread: "#AED581", jam: "#81D4FA", milk: "#E0E0E0" } },
    ]);

    const summary = workbook.summary(SUMMARY_SHEET)!;
    expect(summary.table.headers).toEqual(["Top recommendation", "Customers", "Share of customers", "Amount", "Share of value", "Suggested action"]);
    expect(summary.table.rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ["eggs", 2, 38],
      ["bread", 1, 7],
      ["jam", 1, 15],
      ["milk", 1, 13],
      ["Total", 5, 73],
    ]);
    expect(summary.chart.categories).toEqual(["eggs", "bread", "jam", "milk"]);
    // The rules and the settings, before the pictures' sections (top rules by lift, a product's partners).
    const top = summary.sections!.find((s) => s.title.startsWith("Top 6 of 6"));
    const settings = summary.sections!.find((s) => s.title === "Cross-sell settings");
    expect(top!.title).toBe("Top 6 of 6 rules by lift (every rule on sheet CV Rules; conviction ∞: the rule always held)");
    expect(top!.rows.map((r) => r[0])).toEqual(["bread, jam", "eggs", "jam, milk", "tea", "bread", "milk"]);
    expect(settings!.rows).toEqual([
      ["Baskets", "invoices (Invoice): products bought together"],
      ["Invoices", 6],
      ["Products", 5],
      ["Lines", 12],
      ["Minimum support (share)", 0.1],
      ["Minimum support (invoices)", 1],
      ["Minimum confidence", 0.6],
      ["Most products in a rule", 3],
      ["Rules found", 6],
      ["Neighbours", 3],
      ["Recommendations per customer", 3],
    ]);
    expect(summary.notes.some((n) => n.startsWith("Recommendations: each customer's 3 most similar customers"))).toBe(true);
    expect(parseModel((await workbook.loadSetting(MODEL_SETTING))!).crossSell).toEqual(model.crossSell);
  });

  test("no rule at the thresholds: CV Rules holds its header only, and the summary says what to lower", async () => {
    const { workbook, loaded, model } = await setup();
    const none = { ...model, crossSell: { ...model.crossSell!, minSupport: 0.9 } };
    const plan = await planApply(workbook, loaded, none, runModel(none, loaded.table), NOW);
    await executeApply(workbook, plan, none);
    expect(workbook.extent(RULES_SHEET)).toEqual({ rows: 1, columns: 8 });
    expect(workbook.summary(SUMMARY_SHEET)!.sections!.map((s) => s.title)).toContain("No rule reaches these thresholds (sheet CV Rules holds only its header): lower the minimum support or confidence");
  });
});

test("more rules than the CV Rules sheet holds stop Apply before anything is written, naming the settings to change", async () => {
  const { workbook, loaded, model } = await setup();
  const run = runModel(model, loaded.table);
  const details = crossSellDetails(run);
  // 1,048,575 rules and a header fill a sheet; one more cannot be written.
  const tooMany = { ...run, details: { ...details, rules: new Array(1_048_576) } };
  await expect(planApply(workbook, loaded, model, tooMany, NOW)).rejects.toThrow(
    "1,048,576 rules are more than the CV Rules sheet holds (1,048,575 below its header): raise Min support or lower Products in a rule, then Apply.",
  );
  expect(await workbook.sheetNames()).toEqual(["Lines"]);
});
