/**
 * "Check the model" and the choice of purchase model in the preview page (Chromium), on the
 * sample's 18,532 invoices: the Purchase model drop-down with what sets each model apart;
 * the check switched on with a calibration end typed in; the verdict, the ranking table, the
 * holdout-by-frequency chart and the tracking chart, their figures checked against a brute
 * force over the CSV written here (purchase days counted by hand) and against the engine run
 * in Node; "Use <best>" switching the model; Apply writing the check sections with their
 * native charts, its message cleared when another analysis is chosen; at 320 px nothing
 * sticks out. Screenshots: test-output/lifetime-check-<n>.png.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { type AnalysisRun, type LifetimeCheck, PURCHASE_MODELS, defaultModel, guessRoles, lifetimeDetails, profileColumns, runModel } from "../../src/engine";
import { withAnalysis } from "../../src/taskpane/modelEdits";
import { ROOT } from "../build/helpers";
import { type PageProblems, watch } from "../helpers/browser";
import { cdnowTransactions } from "../helpers/cdnow";
import { openFresh, paneOf, paneOverflow, previewPageSuite, sampleTransactionsTable } from "../helpers/previewPage";

const OUTPUT = path.join(ROOT, "test-output");
const NO_PROBLEMS: PageProblems = { pageErrors: [], consoleErrors: [], failedLocal: [], external: [] };
const CALIBRATION_END = "2011-08-31";
const AS_OF = "2011-12-10";
/** The last day of the data: the holdout runs to it (the as-of date is the day after). */
const HOLDOUT_END = "2011-12-09";

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUTPUT, `lifetime-check-${name}.png`) });
}

/** The pane's model for the sample with the check on (and a model), run in Node. */
function engineRun(model: "bgnbd" | "mbgnbd" | "pnbd" = "bgnbd"): AnalysisRun {
  const table = sampleTransactionsTable();
  const profiles = profileColumns(table);
  const m = withAnalysis(defaultModel(guessRoles(profiles)), "lifetime", profiles);
  return runModel({ ...m, lifetime: { ...m.lifetime!, model, check: "holdout", calibrationEnd: CALIBRATION_END } }, table);
}

/**
 * The holdout's actual side by hand from the CSV (docs/models/holdout.md): purchase days are
 * distinct (customer, day) pairs of rows with a non-negative amount; the check's customers
 * are those with a purchase day on or before the calibration end; their holdout purchases
 * are their purchase days after it, up to the as-of date; groups by calibration repeat
 * purchases (days − 1) 0 … 6 and 7+; and every repeat purchase of those customers through
 * both periods (the tracking curve's end).
 */
function bruteForce(): { customers: number; made: number; repeats: number; groups: Map<string, { customers: number; holdout: number }> } {
  const lines = readFileSync(path.join(ROOT, "assets/sample/transactions.csv"), "utf8").trim().split(/\r?\n/).slice(1);
  const days = new Map<string, Set<string>>();
  for (const line of lines) {
    const [id, , date, amount] = line.split(",");
    if (!id || !date || Number(amount) < 0 || date >= AS_OF) continue;
    if (!days.has(id)) days.set(id, new Set());
    days.get(id)!.add(date);
  }
  let customers = 0;
  let made = 0;
  let repeats = 0;
  const groups = new Map<string, { customers: number; holdout: number }>();
  for (const set of days.values()) {
    const before = [...set].filter((d) => d <= CALIBRATION_END).length;
    if (before === 0) continue;
    const after = set.size - before;
    customers += 1;
    made += after;
    repeats += before - 1 + after;
    const label = before - 1 >= 7 ? "7+" : String(before - 1);
    const g = groups.get(label) ?? { customers: 0, holdout: 0 };
    g.customers += 1;
    g.holdout += after;
    groups.set(label, g);
  }
  return { customers, made, repeats, groups };
}

async function openLifetime(page: Page, url: string): Promise<void> {
  const pane = paneOf(page);
  await openFresh(page, url);
  await page.getByRole("tab", { name: "Transactions" }).click();
  await pane.getByRole("button", { name: "Use this table" }).click();
  await pane.getByRole("table", { name: "Columns of the customer table" }).waitFor({ state: "visible" });
  await pane.getByRole("radio", { name: /^Lifetime value/ }).check();
  await pane.getByTestId("lifetime-parameters").waitFor({ state: "visible", timeout: 60_000 });
}

/** Turns the check on and types the calibration end; waits for the check's verdict. */
async function checkTheModel(page: Page): Promise<void> {
  const pane = paneOf(page);
  await pane.getByRole("switch", { name: /^Check the model/ }).check();
  await pane.getByLabel("Calibration end").fill(CALIBRATION_END);
  await pane.getByTestId("lifetime-check-verdict").waitFor({ state: "visible", timeout: 60_000 });
  await pane.getByText(`Fitted on the purchases to ${CALIBRATION_END}, then`, { exact: false }).waitFor({ state: "visible", timeout: 60_000 });
}

const three = (v: number) => v.toLocaleString("en", { minimumFractionDigits: 3, maximumFractionDigits: 3 });

describe("Check the model in the preview page (Chromium)", () => {
  const suite = previewPageSuite({ width: 1280, height: 900 });
  const expected = engineRun();
  const check = lifetimeDetails(expected).check as LifetimeCheck;
  const truth = bruteForce();

  test("the model choice, the check's verdict, table and charts as the CSV and the engine give them; Use <best>; Apply writes the check with native charts", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    const pane = paneOf(page);
    await openLifetime(page, `${suite.origin()}/preview.html`);

    // The drop-down lists the three models; its hint says what sets the chosen one apart.
    const select = pane.getByLabel("Purchase model");
    await expect(select.inputValue()).resolves.toBe("bgnbd");
    expect(await select.locator("option").allTextContents()).toEqual(["BG/NBD", "MBG/NBD", "Pareto/NBD"]);
    await pane.getByText(`Fader, Hardie & Lee 2005. ${PURCHASE_MODELS.bgnbd.about}`).waitFor({ state: "visible" });

    await checkTheModel(page);
    // The actual side, by hand from the CSV: the customers and the purchases they made in the holdout.
    expect(check.customers).toBe(truth.customers);
    expect(check.totalActual).toBe(truth.made);
    await pane.getByText(`what the ${truth.customers.toLocaleString("en")} customers bought in the holdout to ${HOLDOUT_END}`, { exact: false }).waitFor({ state: "visible" });
    await expect(pane.getByTestId("lifetime-check-verdict").textContent()).resolves.toBe(check.verdict);

    // The table: one row per fitted model best first, the naive baseline, the purchases made, failed fits with why.
    const table = pane.getByTestId("lifetime-check-table");
    const rows = await table.locator("tbody tr").allTextContents();
    const wanted = [
      ...check.models.map((m, k) => `${k + 1}. ${m.name}${m.key === "bgnbd" ? " (in use)" : ""}${three(m.mae)}${three(m.rmse)}${Math.round(m.totalPredicted).toLocaleString("en")}`),
      `Naive (own past rate)${three(check.naive.mae)}${three(check.naive.rmse)}${Math.round(check.naive.totalPredicted).toLocaleString("en")}`,
      `Made${truth.made.toLocaleString("en")}`,
      ...check.failed.map((f) => `${f.name}: not fitted (${f.message})`),
    ];
    expect(rows).toEqual(wanted);
    const maes = check.models.map((m) => m.mae);
    // Lowest first, the equally good (within 0.5% of the best) leading in the registry's order.
    const bestMae = Math.min(...maes);
    maes.forEach((m, k) => expect(k === 0 || m >= maes[k - 1]! || m <= bestMae * 1.005).toBe(true));

    // The by-frequency chart: the actual means per group as counted by hand, then each model and naive.
    const frequency = pane.getByTestId("lifetime-check-frequency");
    const label = (await frequency.getAttribute("aria-label")) ?? "";
    for (const [group, g] of truth.groups) {
      const mean = (g.holdout / g.customers).toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      expect(label).toContain(`${group}: actual ${mean}, `);
    }
    expect(await frequency.locator("rect").count()).toBe(check.byFrequency.labels.length * (2 + check.models.length));
    // The tracking chart: the actual cumulative line ends at every repeat purchase the check's customers made
    // (their calibration repeats and their holdout purchases), with the calibration end marked.
    const tracking = pane.getByTestId("lifetime-check-tracking");
    const actualEnd = check.tracking.actualCumulative[check.tracking.actualCumulative.length - 1]!;
    expect(actualEnd).toBe(truth.repeats);
    await expect(tracking.getAttribute("aria-label")).resolves.toContain(`actual ${Math.round(actualEnd).toLocaleString("en")}`);
    await expect(tracking.getAttribute("aria-label")).resolves.toContain(`calibration ends ${CALIBRATION_END}`);
    expect(await tracking.locator("polyline").count()).toBe(1 + check.models.length);
    await expect(tracking.getByTestId("lifetime-check-split").count()).resolves.toBe(1);
    await pane.getByTestId("lifetime-check-verdict").scrollIntoViewIfNeeded();
    await shoot(page, "1-verdict");
    await tracking.scrollIntoViewIfNeeded();
    await shoot(page, "2-charts");

    // BG/NBD and MBG/NBD predict equally well here (a → 0 makes them one model): no switch is offered.
    expect([...check.equallyGood].sort()).toEqual(["bgnbd", "mbgnbd"]);
    await expect(pane.getByTestId("lifetime-use-best").count()).resolves.toBe(0);

    // Apply: the summary sheet carries the three check sections, each with its native chart.
    await pane.getByRole("button", { name: "Apply" }).click();
    await pane.getByTestId("apply-result").waitFor({ state: "visible", timeout: 60_000 });
    const summary = await page.evaluate(() => window.__cvPreview!.workbook.summary("CV Lifetime summary"));
    const sections = summary!.sections!.filter((s) => s.title.startsWith("Check the model: "));
    expect(sections).toHaveLength(3);
    expect(sections[0]!.rows.map((r) => r[1]).slice(0, check.models.length)).toEqual(check.models.map((m) => m.name));
    expect(sections[0]!.rows.map((r) => r[5]).slice(0, check.models.length)).toEqual(check.models.map(() => truth.made));
    await page.setViewportSize({ width: 2200, height: 1100 });
    await page.getByRole("tab", { name: "CV Lifetime summary" }).click();
    for (const title of ["Holdout error per customer (MAE): lower is better", "Holdout purchases per customer by calibration repeat purchases", "Cumulative repeat purchases: actual and predicted"]) {
      const chart = page.getByRole("img", { name: new RegExp(`^Chart: ${title.replace(/[()]/g, "\\$&")}\\.`) });
      await chart.scrollIntoViewIfNeeded();
      await chart.waitFor({ state: "visible" });
    }
    await shoot(page, "3-summary-charts");
    // The Apply message is about Lifetime value: choosing another analysis clears it, and coming back does not bring it back.
    await page.setViewportSize({ width: 1280, height: 900 });
    await expect(pane.getByTestId("apply-result").count()).resolves.toBe(1);
    await pane.getByRole("radio", { name: /^RFM segments/ }).check();
    await expect(pane.getByTestId("apply-result").count()).resolves.toBe(0);
    await pane.getByRole("radio", { name: /^Lifetime value/ }).check();
    await pane.getByTestId("lifetime-parameters").waitFor({ state: "visible", timeout: 60_000 });
    await expect(pane.getByTestId("apply-result").count()).resolves.toBe(0);
    expect(problems).toEqual(NO_PROBLEMS);
    await page.close();
  });

  test("CDNOW loaded as a sheet: the check gives the published-parameter figures, and Use Pareto/NBD switches the model", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    const pane = paneOf(page);
    await openFresh(page, `${suite.origin()}/preview.html`);
    const { ids, dates, amounts } = cdnowTransactions();
    const csv = ["CustomerID,Date,Amount", ...ids.map((id, i) => `${String(id[0])},${String(dates[i]![0])},${String(amounts[i]![0])}`)].join("\n");
    await page.evaluate((text) => {
      const wb = window.__cvPreview!.workbook;
      wb.loadCsv("CDNOW", text, { tableName: "CDNOW" });
      wb.select("CDNOW", "A1");
    }, csv);
    await pane.getByRole("button", { name: "Use this table" }).click();
    await pane.getByRole("table", { name: "Columns of the customer table" }).waitFor({ state: "visible" });
    await pane.getByRole("radio", { name: /^Lifetime value/ }).check();
    await pane.getByTestId("lifetime-parameters").waitFor({ state: "visible", timeout: 60_000 });
    await pane.getByRole("switch", { name: /^Check the model/ }).check();
    await pane.getByLabel("Calibration end").fill("1997-09-30");
    await pane.getByText("Fitted on the purchases to 1997-09-30, then compared with what the 2,357 customers bought in the holdout to 1998-06-30 (39 weeks).").waitFor({ state: "visible", timeout: 60_000 });
    // Fader, Hardie & Lee's split: 2,357 customers, 1,882 holdout purchases (test/engine/lifetimeCheck.test.ts counts them by brute force);
    // the MAEs are those of the models fitted on the 39 calibration weeks, whose estimates match the published ones.
    const table = pane.getByTestId("lifetime-check-table");
    const cells = async (row: number) => table.locator("tbody tr").nth(row).locator("th, td").allTextContents();
    const firstTwo = async (row: number) => (await cells(row)).slice(0, 2);
    expect(await firstTwo(0)).toEqual(["1. Pareto/NBD", "0.755"]);
    expect(await firstTwo(1)).toEqual(["2. MBG/NBD", "0.765"]);
    expect(await firstTwo(2)).toEqual(["3. BG/NBD (in use)", "0.785"]);
    expect(await firstTwo(3)).toEqual(["Naive (own past rate)", "1.024"]);
    expect(await cells(4)).toEqual(["Made", "", "", "1,882"]);
    await expect(pane.getByTestId("lifetime-check-verdict").textContent()).resolves.toMatch(/^Pareto\/NBD predicts the holdout best: MAE 0\.75 \(MBG\/NBD 0\.76, BG\/NBD 0\.79\)/);
    const use = pane.getByTestId("lifetime-use-best");
    await expect(use.textContent()).resolves.toContain("Pareto/NBD predicted the holdout better than BG/NBD.");
    await use.scrollIntoViewIfNeeded();
    await shoot(page, "8-cdnow-use-best");
    await use.getByRole("button", { name: "Use Pareto/NBD" }).click();
    await expect(pane.getByLabel("Purchase model").inputValue()).resolves.toBe("pnbd");
    await pane.getByTestId("lifetime-parameters").getByRole("columnheader", { name: "Pareto/NBD" }).waitFor({ state: "visible", timeout: 60_000 });
    await pane.getByTestId("lifetime-check-table").getByText("1. Pareto/NBD (in use)").waitFor({ state: "visible", timeout: 60_000 });
    await expect(pane.getByTestId("lifetime-use-best").count()).resolves.toBe(0);
    // Pareto/NBD has no count probabilities here: no frequency chart; its parameters are r, α, s, β.
    await expect(pane.getByTestId("frequency-chart").count()).resolves.toBe(0);
    expect(await pane.getByTestId("lifetime-parameters").locator("tbody th").allTextContents()).toEqual(["r", "p", "α", "q", "s", "γ", "β", "", "log-lik.", "log-lik."]);
    await pane.getByTestId("lifetime-parameters").scrollIntoViewIfNeeded();
    await shoot(page, "9-cdnow-pnbd");
    expect(problems).toEqual(NO_PROBLEMS);
    await page.close();
  });

  test("at 320 px: the model choice, the check and its charts fit; no sideways scrolling", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    const pane = paneOf(page);
    await openLifetime(page, `${suite.origin()}/preview.html?paneWidth=320`);
    expect((await pane.boundingBox())?.width).toBe(320);
    await pane.getByLabel("Purchase model").scrollIntoViewIfNeeded();
    await shoot(page, "4-narrow-settings");
    await checkTheModel(page);
    await expect(paneOverflow(page)).resolves.toEqual({ outside: [], scrollsSideways: false });
    await pane.getByTestId("lifetime-check-table").scrollIntoViewIfNeeded();
    await shoot(page, "5-narrow-table");
    await pane.getByTestId("lifetime-check-tracking").scrollIntoViewIfNeeded();
    await shoot(page, "6-narrow-charts");
    // Pareto/NBD chosen: no frequency chart (the model has no count probabilities here), the rest as before.
    await pane.getByLabel("Purchase model").selectOption("pnbd");
    await pane.getByText(`Schmittlein, Morrison & Colombo 1987. ${PURCHASE_MODELS.pnbd.about}`).waitFor({ state: "visible" });
    await pane.getByTestId("preview-error").or(pane.getByTestId("lifetime-parameters").getByRole("columnheader", { name: "Pareto/NBD" })).first().waitFor({ state: "visible", timeout: 60_000 });
    await expect(pane.getByTestId("frequency-chart").count()).resolves.toBe(0);
    await expect(paneOverflow(page)).resolves.toEqual({ outside: [], scrollsSideways: false });
    await shoot(page, "7-narrow-pnbd");
    expect(problems).toEqual(NO_PROBLEMS);
    await page.close();
  });
});
