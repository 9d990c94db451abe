/**
 * The behaviour analyses in the preview page, as a manager uses them: RFM segments and
 * lifecycle stages on the 4,338-customer sample, applied to the in-memory workbook, with
 * the written columns checked against the engine run in Node on the same table.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { defaultLifecycleSettings, defaultModel, defaultRfmSettings, guessRoles, profileColumns, runModel } from "../../src/engine";
import { ROOT } from "../build/helpers";
import { watch } from "../helpers/browser";
import { openFresh, paneOf, readCells, sampleTable, previewPageSuite } from "../helpers/previewPage";

const OUTPUT = path.join(ROOT, "test-output");
/** The sample's 11 columns end at K; results start at L. */
const FIRST_RESULT_COLUMN = 11;

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUTPUT, `behaviour-${name}.png`) });
}

/** The engine's answer for the sample with the pane's default settings of an analysis. */
function engineRun(analysis: "rfm" | "lifecycle") {
  const table = sampleTable();
  const profiles = profileColumns(table);
  const base = defaultModel(guessRoles(profiles));
  return runModel({ ...base, analysis, rfm: defaultRfmSettings(profiles, base.roles.value), lifecycle: defaultLifecycleSettings(profiles) }, table);
}

describe("RFM and lifecycle analyses in the preview page (Chromium)", () => {
  const suite = previewPageSuite({ width: 1280, height: 800 });

  test("RFM segments: preview per segment, Apply writes R, F, M, the cell and the segment as the engine computes them", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    const pane = paneOf(page);
    await openFresh(page, `${suite.origin()}/preview.html`);
    await pane.getByRole("button", { name: "Use this table" }).click();
    await pane.getByRole("radio", { name: /^RFM segments/ }).check();
    // the columns are guessed from the headers
    await expect(pane.getByLabel("Recency (days since the last purchase)").inputValue()).resolves.toBe("DaysSinceLast");
    await expect(pane.getByLabel("Frequency (purchases)").inputValue()).resolves.toBe("Invoices");
    const preview = pane.getByTestId("preview-table");
    await preview.getByRole("rowheader", { name: "Champions" }).waitFor({ state: "visible" });
    await shoot(page, "1-rfm-preview");

    const expected = engineRun("rfm");
    const champions = expected.groups.find((g) => g.label === "Champions")!;
    const row = preview.getByRole("row", { name: /^Champions/ });
    await expect(row.textContent()).resolves.toContain(champions.customers.toLocaleString("en"));

    await pane.getByRole("button", { name: "Apply" }).click();
    await pane.getByTestId("apply-result").waitFor({ state: "visible" });
    await expect(pane.getByTestId("apply-result").textContent()).resolves.toMatch(/^Wrote CV R, CV F, CV M, CV RFM, CV Segment for 4,338 customers/);
    const cells = await readCells(page, "Customers", 0, FIRST_RESULT_COLUMN, 4339, 5);
    expect(cells[0]).toEqual(["CV R", "CV F", "CV M", "CV RFM", "CV Segment"]);
    const body = cells.slice(1);
    expect(body.map((r) => r[3])).toEqual(expected.columns[3]!.values);
    expect(body.map((r) => r[4])).toEqual(expected.columns[4]!.values);
    expect(body.map((r) => r[0])).toEqual(expected.columns[0]!.values);
    await page.getByRole("grid").first().evaluate((grid) => grid.scrollBy({ left: 2000 }));
    await shoot(page, "2-rfm-applied");
    const summary = await page.evaluate(() => window.__cvPreview!.workbook.summary("CV RFM summary"));
    expect(summary?.table.headers).toEqual(["Segment", "Customers", "Share of customers", "Orders", "Revenue", "Share of value", "Average order value", "Suggested action"]);
    expect(problems).toEqual({ pageErrors: [], consoleErrors: [], failedLocal: [], external: [] });
    await page.close();
  });

  test("Lifecycle stages: funnel preview with the health check, Apply writes the stage and its reason", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    const pane = paneOf(page);
    await openFresh(page, `${suite.origin()}/preview.html`);
    await pane.getByRole("button", { name: "Use this table" }).click();
    await pane.getByRole("radio", { name: /^Lifecycle stages/ }).check();
    await expect(pane.getByLabel("First purchase").inputValue()).resolves.toBe("FirstPurchase");
    const expected = engineRun("lifecycle");
    await pane.getByTestId("preview-headline").getByText(expected.headline!).waitFor({ state: "visible" });
    await pane.getByTestId("preview-table").getByRole("rowheader", { name: "Core" }).waitFor({ state: "visible" });
    await shoot(page, "3-lifecycle-preview");

    await pane.getByRole("button", { name: "Apply" }).click();
    await pane.getByTestId("apply-result").waitFor({ state: "visible" });
    const cells = await readCells(page, "Customers", 0, FIRST_RESULT_COLUMN, 4339, 2);
    expect(cells[0]).toEqual(["CV Stage", "CV Stage reason"]);
    expect(cells.slice(1).map((r) => r[0])).toEqual(expected.columns[0]!.values);
    expect(cells.slice(1).map((r) => r[1])).toEqual(expected.columns[1]!.values);
    // every customer of the sample has bought, so no one is a prospect; the reasons name their rule
    expect(new Set(cells.slice(1).map((r) => r[0]))).not.toContain("Prospect");
    cells.slice(1).forEach((r) => expect(String(r[1]).startsWith(`${r[0]}:`)).toBe(true));
    await page.getByRole("grid").first().evaluate((grid) => grid.scrollBy({ left: 2000 }));
    await shoot(page, "4-lifecycle-applied");
    expect(problems).toEqual({ pageErrors: [], consoleErrors: [], failedLocal: [], external: [] });
    await page.close();
  });
});
