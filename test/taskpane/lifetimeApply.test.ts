/**
 * Apply of the lifetime value analysis on an in-memory workbook, as the pane does it: a
 * transaction table read from its sheet, the model run, then one row per customer on
 * CV Lifetime (x, t_x, T, P(alive), expected purchases, expected spend, CLV, CLV tier, each
 * header with its unit and horizon) with data bars and tier colours, the CV Lifetime summary
 * sheet with the tier table, the frequency chart, the fitted parameters with their standard
 * errors and verdicts, the settings and the frequency/recency matrices, and the model saved
 * in the document.
 */
import { type CustomerValueModel, defaultLifetimeSettings, defaultModel, guessRoles, parseModel, runModel, lifetimeDetails } from "../../src/engine";
import { formatCsv } from "../../src/preview/csv";
import { MemoryWorkbook } from "../../src/preview/MemoryWorkbook";
import { MODEL_SETTING, executeApply, planApply, resultsSheetName, summarySheetName } from "../../src/taskpane/apply";
import { withAnalysis } from "../../src/taskpane/modelEdits";
import { runInSlices } from "../../src/taskpane/runInSlices";
import { loadFromWorkbook } from "../../src/taskpane/source";
import { simulatedTransactions } from "../helpers/lifetimeTransactions";

/** This analysis's own results sheet. */
const RESULTS_SHEET = resultsSheetName("lifetime");
/** This analysis's own summary sheet. */
const SUMMARY_SHEET = summarySheetName("lifetime");

const NOW = new Date("2026-11-22T12:00:00Z");

async function setup() {
  const workbook = new MemoryWorkbook({ sheets: ["Customers"] });
  workbook.loadCsv("Transactions", formatCsv([["Customer", "InvoiceDate", "Amount"], ...simulatedTransactions().map((r) => r.map(String))]), { tableName: "Transactions" });
  workbook.select("Transactions", "B2");
  const loaded = await loadFromWorkbook(workbook, await workbook.readSource("table"));
  // What the pane does: a default model, the Customer column as the id, then the Lifetime value analysis.
  const base = defaultModel(guessRoles(loaded.profiles));
  const model = withAnalysis({ ...base, roles: { ...base.roles, id: "Customer" } }, "lifetime", loaded.profiles);
  return { workbook, loaded, model };
}

describe("Apply of lifetime value on an in-memory workbook", () => {
  test("choosing the analysis fills in the lifetime settings from the columns", async () => {
    const { model, loaded } = await setup();
    expect(model.analysis).toBe("lifetime");
    expect(model.lifetime).toEqual(defaultLifetimeSettings(loaded.profiles, "Amount"));
    expect(model.lifetime).toMatchObject({ date: "InvoiceDate", amount: "Amount", unit: "week", horizonMonths: 12, monthlyDiscount: 0.01, margin: 1 });
  });

  test("one row per customer on CV Results, the summary sheet and the model", async () => {
    const { workbook, loaded, model } = await setup();
    const run = runModel(model, loaded.table);
    const plan = await planApply(workbook, loaded, model, run, NOW);
    expect(plan.occupied).toEqual([]);
    expect(plan.target).toBe(`${RESULTS_SHEET}!A1:I301`);
    const started = performance.now();
    await executeApply(workbook, plan, model);
    console.log(`Apply of lifetime value (300 customers, MemoryWorkbook, node): ${(performance.now() - started).toFixed(0)} ms`);

    const cells = await workbook.readBlock(RESULTS_SHEET, 0, 0, 301, 9);
    // Each header with its unit and horizon: as of 2024-06-30 (the day after the last purchase), weeks, 12 months, 1% a month, margin 100%.
    expect(cells[0]).toEqual([
      "Customer",
      "CV x, repeat purchases to 2024-06-30",
      "CV t_x, weeks from first to last purchase",
      "CV T, weeks from first purchase to 2024-06-30",
      "CV P(alive) at 2024-06-30",
      "CV Expected purchases, next 12 months",
      "CV Expected spend per purchase",
      "CV CLV, next 12 months at 1% a month, margin 100%",
      "CV CLV tier",
    ]);
    expect(cells.slice(1).map((r) => r[0])).toEqual(run.rowKeys!.values);
    run.columns.forEach((c, k) => expect(cells.slice(1).map((r) => r[k + 1])).toEqual(c.values));
    expect(workbook.cell(RESULTS_SHEET, "E2")?.numberFormat).toBe("0.000");
    expect(workbook.cell(RESULTS_SHEET, "H2")?.numberFormat).toBe("#,##0.00");
    expect(workbook.formats(RESULTS_SHEET)).toEqual([
      { kind: "dataBars", top: 1, column: 7, rows: 300 },
      { kind: "labelColours", top: 1, column: 8, rows: 300, colours: { Top: "#FFD54F", Big: "#AED581", Medium: "#81D4FA", Small: "#E0E0E0" } },
    ]);

    const summary = workbook.summary(SUMMARY_SHEET)!;
    expect(summary.table.headers).toEqual(["CLV tier", "Customers", "Share of customers", "CLV", "Share of CLV", "Average CLV", "Suggested action"]);
    expect(summary.table.rows.map((r) => r[0])).toEqual(["Top", "Big", "Medium", "Small", "Total"]);
    expect(summary.table.rows.map((r) => r[1])).toEqual([...run.groups.map((g) => g.customers), 300]);
    const top = run.groups[0]!;
    expect(summary.table.rows[0]![5]).toBeCloseTo(top.value / top.customers, 8);
    expect(summary.chart).toEqual({
      type: "column",
      title: "Customers by repeat purchases: actual and expected",
      categories: ["0", "1", "2", "3", "4", "5", "6", "7+"],
      series: [
        { name: "Actual customers", values: lifetimeDetails(run).frequency!.actual },
        { name: "Expected customers", values: lifetimeDetails(run).frequency!.expected.map((v) => Math.round(v * 10) / 10) },
      ],
      categoryTitle: "Repeat purchases",
      valueTitle: "Customers",
    });
    // The parameters as (label, value, standard error) rows, the layout CV.BGNBD.FIT spills, a formula can take them as params.
    const [bgnbd, gammaGamma, settings, expectedMatrix, pAliveMatrix] = summary.sections!;
    const bg = lifetimeDetails(run).purchases;
    const se = bg.standardErrors;
    expect(bgnbd!.headers).toEqual(["Parameter", "Value", "Standard error"]);
    expect(bgnbd!.rows).toEqual([
      ["r", bg.params.r, se.r],
      ["alpha", bg.params.alpha, se.alpha],
      ["a", bg.params.a, se.a],
      ["b", bg.params.b, se.b],
      ["log-likelihood", bg.logLikelihood, null],
      ["customers", 300, null],
      ["model", "BG/NBD", null],
      ["verdict", bg.warnings.length === 0 ? "no warning" : bg.warnings.join("; "), null],
    ]);
    expect(gammaGamma!.rows.map((r) => r[0])).toEqual(["p", "q", "gamma", "log-likelihood", "customers", "verdict"]);
    // The frequency/recency matrices after the settings: a row per x, a column per t_x.
    const m = lifetimeDetails(run).matrix;
    expect(expectedMatrix!.title).toMatch(/^Expected purchases in the next 12 months, by repeat purchases x \(rows\) and weeks from the first to the last purchase t_x \(columns\)/);
    expect(pAliveMatrix!.rows.map((r) => r[0])).toEqual(m.x);
    expect(pAliveMatrix!.rows[1]!.slice(1)).toEqual(m.pAlive[1]);
    expect(settings!.rows).toEqual([
      ["Purchase model", "BG/NBD"],
      ["As of", "2024-06-30"],
      ["Time unit", "week"],
      ["Horizon (months)", 12],
      ["Discount a month", 0.01],
      ["Margin", 1],
      ["Total CLV", lifetimeDetails(run).totalClv],
    ]);
    // On the sheet: the chart's figures beside the table (A–G, the suggested action last), the sections below the table and the chart.
    expect(workbook.value(SUMMARY_SHEET, "I6")).toBe("Repeat purchases");
    expect(workbook.value(SUMMARY_SHEET, "J7")).toBe(lifetimeDetails(run).frequency!.actual[0]);
    expect(workbook.chartPlacements(SUMMARY_SHEET)[0]).toMatchObject({ top: 5, left: 12 });
    // Title, 3 subtitle lines, a blank row, the table from row 6 beside the 16-row chart (rows 6–21), a blank row.
    expect(workbook.value(SUMMARY_SHEET, "A23")).toBe(bgnbd!.title);
    expect(workbook.cell(SUMMARY_SHEET, "A24")).toEqual({ value: "Parameter", bold: true });
    expect(workbook.value(SUMMARY_SHEET, "A25")).toBe("r");
    expect(workbook.value(SUMMARY_SHEET, "B25")).toBe(bg.params.r);
    expect(summary.notes).toContain(run.description[3]);

    const saved = parseModel((await workbook.loadSetting(MODEL_SETTING))!);
    expect(saved.analysis).toBe("lifetime");
    expect(saved.lifetime).toEqual(model.lifetime);
  });

  test("with Check the model: the three check sections on the summary sheet, each with a native chart reading the cells beside it", async () => {
    const { workbook, loaded, model } = await setup();
    const checked: CustomerValueModel = { ...model, lifetime: { ...model.lifetime!, check: "holdout" } };
    const run = runModel(checked, loaded.table);
    const check = lifetimeDetails(run).check!;
    expect(check.models.length + check.failed.length).toBe(3);
    await executeApply(workbook, await planApply(workbook, loaded, checked, run, NOW), checked);
    const summary = workbook.summary(SUMMARY_SHEET)!;
    // The check's three sections follow the parameters; the pictures' sections (CLV distribution, the F × R heatmaps) come after them.
    const sections = summary.sections!.filter((s) => s.title.startsWith("Check the model: "));
    expect(sections).toHaveLength(3);
    const charts = workbook.chartPlacements(SUMMARY_SHEET).slice(0, 4);
    // The frequency chart beside the tier table, then one per check section, in order.
    expect(charts.map((c) => c.spec.type)).toEqual(["column", "column", "column", "line"]);
    expect(charts.slice(1).map((c) => c.spec.title)).toEqual(["Holdout error per customer (MAE): lower is better", "Holdout purchases per customer by calibration repeat purchases", "Cumulative repeat purchases: actual and predicted"]);
    for (const [k, chart] of charts.slice(1).entries()) {
      const section = sections[k]!;
      const spec = section.chart!;
      const rows = spec.rows ?? section.rows.length;
      // The chart's cells hold the section's own figures: its categories column and each series column.
      const at = (b: { top: number; left: number; rows: number; columns: number }) => workbook.readBlock(SUMMARY_SHEET, b.top, b.left, b.rows, b.columns).then((cells) => cells.map((r) => r[0]));
      expect(await at(chart.categories!)).toEqual(section.rows.slice(0, rows).map((r) => r[spec.categoryColumn]));
      for (const [j, column] of spec.seriesColumns.entries()) expect(await at(chart.series![j]!)).toEqual(section.rows.slice(0, rows).map((r) => r[column]));
      expect(chart.spec.series.map((s) => s.name)).toEqual(spec.seriesColumns.map((c) => section.headers[c]));
    }
    // The ranking's chart: one bar per fitted model and the naive baseline, lowest MAE first among the models.
    expect(charts[1]!.spec.categories).toEqual([...check.models.map((m) => m.name), "Naive: each customer's own past rate"]);
    const maes = charts[1]!.spec.series[0]!.values;
    // Lowest first, except that models within 0.5% of the best MAE (equally good) lead in the registry's order.
    const models = maes.slice(0, -1);
    const best = Math.min(...models);
    models.forEach((m, k) => expect(k === 0 || m >= models[k - 1]! || m <= best * 1.005).toBe(true));
    expect(models[0]!).toBeLessThanOrEqual(best * 1.005);
    // No cell of the summary holds NaN or Infinity.
    const all = await workbook.readBlock(SUMMARY_SHEET, 0, 0, 400, 30);
    for (const row of all) for (const cell of row) if (typeof cell === "number") expect(Number.isFinite(cell)).toBe(true);
  });

  test("the pane's sliced run gives the same columns as runModel, and a margin change rescales CLV", async () => {
    const { loaded, model } = await setup();
    const progress: number[] = [];
    const sliced = await runInSlices(model, loaded.table, { sliceMs: 0, onProgress: (p) => progress.push(p.fraction) });
    const direct = runModel(model, loaded.table);
    expect(sliced.columns).toEqual(direct.columns);
    const half: CustomerValueModel = { ...model, lifetime: { ...model.lifetime!, margin: 0.5 } };
    const rescaled = runModel(half, loaded.table);
    const clv = (r: typeof direct) => r.columns.find((c) => c.header.startsWith("CV CLV,"))!.values as number[];
    clv(rescaled).forEach((v, i) => expect(v).toBeCloseTo(clv(direct)[i]! / 2, 8));
  });
});
