/**
 * What the Lifetime value numbers mean, in the preview page (Chromium) on the sample's 18,532
 * invoices: the standard errors and verdicts beside the parameters, the frequency/recency
 * heatmaps of expected purchases and P(alive) with their labels and legends, the sentence
 * saying what P(alive) is, and the warning that P(alive) cannot separate churned customers
 * (the sample's dropout a/(a+b) is about 0.06%), in panes of 320 and 350 px; then Apply: the
 * CV Lifetime headers carry their unit and horizon, and the summary sheet carries the
 * matrices and the warning. Expected figures come from the engine run in Node on the same
 * CSV (the fit) and from the BG/NBD formula written out here (P(alive)).
 * Screenshots: test-output/lifetime-meaning-<width>-<n>.png.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { type AnalysisRun, defaultModel, formatParameter, guessRoles, lifetimeDetails, profileColumns, runModel } from "../../src/engine";
import { withAnalysis } from "../../src/taskpane/modelEdits";
import { ROOT } from "../build/helpers";
import { type PageProblems, watch } from "../helpers/browser";
import { openFresh, paneOf, paneOverflow, previewPageSuite, readCells, sampleTransactionsTable } from "../helpers/previewPage";

const OUTPUT = path.join(ROOT, "test-output");
const NO_PROBLEMS: PageProblems = { pageErrors: [], consoleErrors: [], failedLocal: [], external: [] };

/** A BG/NBD fit's values (or standard errors) by name; the default model of the analysis is BG/NBD. */
function bgnbdOf(values: Readonly<Record<string, number>>): { r: number; alpha: number; a: number; b: number } {
  const [r, alpha, a, b] = ["r", "alpha", "a", "b"].map((name) => values[name]);
  if (r === undefined || alpha === undefined || a === undefined || b === undefined) throw new Error("not a BG/NBD fit");
  return { r, alpha, a, b };
}

function engineRun(): AnalysisRun {
  const table = sampleTransactionsTable();
  const profiles = profileColumns(table);
  return runModel(withAnalysis(defaultModel(guessRoles(profiles)), "lifetime", profiles), table);
}

/** P(alive) by the paper's eq. 13, written out here. */
function pAliveByHand(p: { r: number; alpha: number; a: number; b: number }, x: number, tx: number, T: number): number {
  return x === 0 ? 1 : 1 / (1 + (p.a / (p.b + x - 1)) * Math.pow((p.alpha + T) / (p.alpha + tx), p.r + x));
}

async function openLifetime(page: Page, url: string): Promise<void> {
  const pane = paneOf(page);
  await openFresh(page, url);
  await page.getByRole("tab", { name: "Transactions" }).click();
  await pane.getByRole("button", { name: "Use this table" }).click();
  await pane.getByRole("table", { name: "Columns of the customer table" }).waitFor({ state: "visible" });
  await pane.getByRole("radio", { name: /^Lifetime value/ }).check();
  await pane.getByTestId("lifetime-matrix-pAlive").waitFor({ state: "visible", timeout: 60_000 });
}

describe("Lifetime value says what its numbers mean (Chromium)", () => {
  const suite = previewPageSuite({ width: 1000, height: 1000 });
  const expected = engineRun();
  const l = lifetimeDetails(expected);

  test.each([320, 350])("at %i px: standard errors, verdicts, both heatmaps with their labels and legends, what P(alive) means and the dropout warning; nothing sticks out", async (width) => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    const pane = paneOf(page);
    await openLifetime(page, `${suite.origin()}/preview.html?paneWidth=${width}`);
    expect((await pane.boundingBox())?.width).toBe(width);
    await expect(paneOverflow(page)).resolves.toEqual({ outside: [], scrollsSideways: false });

    // Standard errors beside the estimates, as the Node fit gives them (a's is larger than a itself: 0.0108 against 0.0039).
    const parameters = pane.getByTestId("lifetime-parameters");
    const row = (name: string) => parameters.getByRole("row", { name: new RegExp(`^${name} `) });
    await expect(row("a").textContent()).resolves.toBe(`a${formatParameter(bgnbdOf(l.purchases.params).a)}±${formatParameter(bgnbdOf(l.purchases.standardErrors).a)}γ${formatParameter(l.gammaGamma.params.gamma)}±${formatParameter(l.gammaGamma.standardErrors.gamma)}`);
    expect(bgnbdOf(l.purchases.standardErrors).a).toBeGreaterThan(bgnbdOf(l.purchases.params).a);
    await expect(pane.getByTestId("lifetime-verdict").textContent()).resolves.toBe(
      `± one standard error. Verdict: BG/NBD ${l.purchases.warnings.length} reasons not to trust it (warnings below); Gamma-Gamma no warning.`,
    );
    await parameters.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUTPUT, `lifetime-meaning-${width}-1-parameters.png`) });

    // The expected purchases heatmap: title with the horizon, x rows 0 … 21, t_x columns at the middle of 8 bands of T = 53.4 weeks.
    const expectedMatrix = pane.getByTestId("lifetime-matrix-expected");
    await expect(expectedMatrix.locator("figcaption").textContent()).resolves.toBe(
      "Expected purchases, next 12 monthsBy repeat purchases x (rows) and weeks from the first to the last purchase t_x (columns), for a customer first seen 53.4 weeks before 2011-12-10.",
    );
    const table = expectedMatrix.getByRole("table", { name: "Expected purchases, next 12 months by x and t_x" });
    const columnHeads = await table.locator("thead th").allTextContents();
    // T = 374 days / 7 = 53.43 weeks; the middles of its eighths are 53.43 × (k + 0.5) / 8 = 3.34, 10.02, 16.70, …
    expect(columnHeads).toEqual(["x \\ t_x", "3", "10", "17", "23", "30", "37", "43", "50"]);
    expect(await table.locator("tbody th").allTextContents()).toEqual(["0", "1", "2", "3", "5", "8", "13", "21"]);
    // One-time buyers: the same expectation whatever the column (t_x is 0 for them).
    const firstRow = await table.locator("tbody tr").first().locator("td").allTextContents();
    expect(new Set(firstRow).size).toBe(1);
    expect(firstRow[0]).toBe(l.matrix.expected[0]![0]!.toFixed(1));
    await expect(pane.getByTestId("lifetime-matrix-expected-legend").textContent()).resolves.toMatch(/^0\d+(\.\d)?expected purchases$/);

    // The P(alive) heatmap: x = 5, t_x = 3.34 weeks (bottom left of the ones that fall) by the paper's formula.
    const pTable = pane.getByTestId("lifetime-matrix-pAlive").getByRole("table", { name: "P(alive) at 2011-12-10 by x and t_x" });
    const T = 374 / 7;
    const byHand = pAliveByHand(bgnbdOf(l.purchases.params), 5, (T * 0.5) / 8, T);
    const cell = pTable.locator("tbody tr").nth(4).locator("td").first();
    await expect(cell.textContent()).resolves.toBe(byHand.toFixed(2));
    await expect(pane.getByTestId("lifetime-matrix-pAlive-legend").textContent()).resolves.toBe("01P(alive)");
    const note = pane.getByTestId("lifetime-palive-note");
    await expect(note.textContent()).resolves.toContain("P(alive) is the probability that the customer has not silently stopped buying, given their purchase history (x, t_x and T).");
    await expect(note.textContent()).resolves.toContain("as 1,548 do here");
    await expect(pane.getByTestId("lifetime-palive-spread").textContent()).resolves.toBe(
      "Here it runs from 0.69 to 1 (median 0.9995); the 861 customers silent for over 180 days have a median P(alive) of 1. It cannot separate churned customers: see the warning below.",
    );
    await pane.getByTestId("lifetime-matrix-expected").evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: path.join(OUTPUT, `lifetime-meaning-${width}-2-expected.png`) });
    await pane.getByTestId("lifetime-matrix-pAlive").evaluate((el) => el.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: path.join(OUTPUT, `lifetime-meaning-${width}-3-palive.png`) });

    // The warning, among the preview's warnings: what it means and what to try.
    const warning = pane.getByTestId("preview-dropout");
    await expect(warning.textContent()).resolves.toMatch(
      /^P\(alive\) cannot separate churned customers here: the fitted BG\/NBD dropout is almost zero \(a mean chance of 0\.059% of stopping after a purchase, about 1 in 1,700\)/,
    );
    await expect(warning.textContent()).resolves.toContain("try MBG/NBD or Pareto/NBD (under Purchase model, or compare them all with Check the model) or a longer history.");
    await expect(pane.getByTestId("preview-fit").textContent()).resolves.toBe("BG/NBD fit: a and b are poorly determined (standard error larger than the estimate): the data leave them loose, so ranges are wide.");
    await warning.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUTPUT, `lifetime-meaning-${width}-4-warning.png`) });
    await expect(paneOverflow(page)).resolves.toEqual({ outside: [], scrollsSideways: false });
    expect(problems).toEqual(NO_PROBLEMS);
    await page.close();
  });

  test("Apply: the CV Lifetime headers carry unit and horizon; the summary sheet has the standard errors, the verdict, both matrices and the warning", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    const pane = paneOf(page);
    await openLifetime(page, `${suite.origin()}/preview.html`);
    await pane.getByLabel("Margin (%)").fill("30");
    await pane.getByTestId("preview-headline").getByText(/over the next 12 months/).waitFor({ state: "visible" });
    await pane.getByRole("button", { name: "Apply" }).click();
    await pane.getByTestId("apply-result").waitFor({ state: "visible", timeout: 60_000 });
    const cells = await readCells(page, "CV Lifetime", 0, 0, 1, 9);
    expect(cells[0]).toEqual([
      "CustomerID",
      "CV x, repeat purchases to 2011-12-10",
      "CV t_x, weeks from first to last purchase",
      "CV T, weeks from first purchase to 2011-12-10",
      "CV P(alive) at 2011-12-10",
      "CV Expected purchases, next 12 months",
      "CV Expected spend per purchase",
      "CV CLV, next 12 months at 1% a month, margin 30%",
      "CV CLV tier",
    ]);
    const summary = await page.evaluate(() => window.__cvPreview!.workbook.summary("CV Lifetime summary"));
    const sections = summary!.sections!;
    const bg = sections.find((s) => s.title.startsWith("BG/NBD parameters"))!;
    expect(bg.headers).toEqual(["Parameter", "Value", "Standard error"]);
    expect(bg.rows.map((r) => r[0])).toEqual(["r", "alpha", "a", "b", "log-likelihood", "customers", "model", "verdict"]);
    expect(Math.abs((bg.rows[2]![2] as number) - bgnbdOf(l.purchases.standardErrors).a) / bgnbdOf(l.purchases.standardErrors).a).toBeLessThan(1e-2);
    expect(bg.rows[7]![1]).toMatch(/dropout ≈ 0/);
    const pAlive = sections.find((s) => s.title.startsWith("P(alive) at 2011-12-10"))!;
    expect(pAlive.headers).toEqual(["x \\ t_x (weeks)", "3", "10", "17", "23", "30", "37", "43", "50"]);
    expect(pAlive.rows.map((r) => r[0])).toEqual([0, 1, 2, 3, 5, 8, 13, 21]);
    expect(sections.some((s) => s.title.startsWith("Expected purchases in the next 12 months, by repeat purchases x"))).toBe(true);
    expect(summary!.notes.some((n) => n.startsWith("P(alive) cannot separate churned customers here"))).toBe(true);
    await page.setViewportSize({ width: 2200, height: 1100 });
    await page.getByRole("tab", { name: "CV Lifetime summary" }).click();
    const sheet = page.getByRole("grid", { name: "Sheet CV Lifetime summary" });
    await sheet.getByRole("gridcell", { name: "x \\ t_x (weeks)", exact: true }).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUTPUT, "lifetime-meaning-summary.png") });
    expect(problems).toEqual(NO_PROBLEMS);
    await page.close();
  });
});
