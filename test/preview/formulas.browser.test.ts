/**
 * Typing CV formulas into the preview page's grid, in Debian Chromium: a formula typed over
 * the sample's Customers table calculates (the page fetches functions.json beside it), its
 * array spills with Excel's blue outline, the formula bar shows the formula greyed on a
 * spilled cell, editing a precedent recalculates, a value in the way gives #SPILL! with its
 * reason, and Delete on the blocker lets it spill again. Expected values are min-max computed
 * here from the sample CSV. Saves test-output/preview-formula-spill.png and
 * preview-formula-blocked.png.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { parseCsv } from "../../src/preview/csv";
import type { MemoryWorkbook } from "../../src/preview/MemoryWorkbook";
import { ROOT } from "../build/helpers";
import { watch } from "../helpers/browser";
import { openFresh, previewPageSuite, readCells } from "../helpers/previewPage";

const OUTPUT = path.join(ROOT, "test-output");

type PreviewWindow = Window & { __cvPreview?: { workbook: MemoryWorkbook; ready: Promise<void> } };

/** The sample's Revenue column (F), rows 2…11 of the Customers sheet. */
function sampleRevenue(): number[] {
  const rows = parseCsv(readFileSync(path.join(ROOT, "assets/sample/customers.csv"), "utf8"));
  const header = rows[0] as string[];
  const j = header.indexOf("Revenue");
  expect(j).toBe(5);
  return rows.slice(1, 11).map((r) => Number(r[j]));
}

/** (x − min) / (max − min), the default of CV.NORMALIZE (methods §1). */
function minMax(values: number[]): number[] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return values.map((v) => (v - lo) / (hi - lo));
}

const cellAt = (page: Page, row: number, column: number) => page.getByRole("grid", { name: "Sheet Customers" }).locator(`[role="gridcell"][data-r="${row}"][data-c="${column}"]`);

/** Waits until the workbook has no calculation queued. */
async function calculated(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as PreviewWindow).__cvPreview?.workbook.calculating === false);
  await page.evaluate(() => (window as PreviewWindow).__cvPreview?.workbook.whenCalculated());
}

describe("CV formulas typed into the preview grid", () => {
  const suite = previewPageSuite({ width: 1366, height: 768 });

  test("a typed CV.NORMALIZE spills, recalculates when a precedent changes, and shows #SPILL! when blocked", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    await openFresh(page, `${suite.origin()}/preview.html`);
    const formulaBar = page.getByRole("textbox", { name: "Formula bar" });
    const revenue = sampleRevenue();

    // L2, right of the table: type the formula and press Enter.
    await cellAt(page, 1, 11).click();
    await page.keyboard.type("=CV.NORMALIZE(F2:F11)");
    await page.getByTestId("cell-editor").waitFor({ state: "visible" });
    expect(await page.getByTestId("cell-editor").inputValue()).toBe("=CV.NORMALIZE(F2:F11)");
    await page.keyboard.press("Enter");
    await calculated(page);

    const spilled = (await readCells(page, "Customers", 1, 11, 10, 1)).map((r) => r[0] as number);
    const expected = minMax(revenue);
    spilled.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 12));
    // Row 3 (12347: 4,310.00 of 77,183.60 at most, 0 at least… as computed) shows in the grid as General does.
    expect(await cellAt(page, 2, 11).textContent()).toBe(String(Number((expected[1] as number).toPrecision(10))));
    // Enter moved to L3, a spilled cell: the formula bar shows the anchor's formula, greyed; the outline is drawn.
    expect(await page.getByRole("textbox", { name: "Name box" }).inputValue()).toBe("L3");
    expect(await formulaBar.inputValue()).toBe("=CV.NORMALIZE(F2:F11)");
    const grey = await formulaBar.evaluate((el) => getComputedStyle(el).color);
    expect(grey).not.toBe("rgb(36, 36, 36)");
    const outline = page.getByTestId("spill-outline");
    await outline.waitFor({ state: "visible" });
    const [box, top, bottom] = [await outline.boundingBox(), await cellAt(page, 1, 11).boundingBox(), await cellAt(page, 10, 11).boundingBox()];
    expect(Math.abs(box!.y - top!.y)).toBeLessThanOrEqual(2);
    expect(Math.abs(box!.y + box!.height - (bottom!.y + bottom!.height))).toBeLessThanOrEqual(2);
    await page.screenshot({ path: path.join(OUTPUT, "preview-formula-spill.png") });

    // F2 on a spilled cell edits in place from the anchor's formula; Escape cancels, as does Escape after typing.
    await page.keyboard.press("F2");
    expect(await page.getByTestId("cell-editor").inputValue()).toBe("=CV.NORMALIZE(F2:F11)");
    await page.keyboard.press("Escape");
    expect(await page.getByTestId("cell-editor").count()).toBe(0);
    await page.keyboard.type("oops");
    await page.keyboard.press("Escape");
    expect(await page.evaluate(() => (window as PreviewWindow).__cvPreview!.workbook.cell("Customers", "L3")?.spilledFrom)).toEqual({ row: 1, column: 11 });

    // Edit a precedent: F3 (customer 12347's revenue) becomes 100,000, the new maximum.
    await cellAt(page, 2, 5).click();
    await page.keyboard.type("100000");
    await page.keyboard.press("Enter");
    await calculated(page);
    const changedRevenue = revenue.map((v, i) => (i === 1 ? 100_000 : v));
    const recalculated = (await readCells(page, "Customers", 1, 11, 10, 1)).map((r) => r[0] as number);
    minMax(changedRevenue).forEach((v, i) => expect(recalculated[i]).toBeCloseTo(v, 12));
    expect(recalculated[1]).toBe(1);

    // Block the spill: a value in L5. The anchor shows #SPILL!, its reason in the tooltip and under the formula bar.
    await cellAt(page, 4, 11).click();
    await page.keyboard.type("x");
    await page.keyboard.press("Enter");
    await calculated(page);
    await page.waitForFunction(() => document.querySelector('[data-r="1"][data-c="11"]')?.textContent === "#SPILL!");
    expect(await cellAt(page, 2, 11).textContent()).toBe("");
    expect(await cellAt(page, 1, 11).getAttribute("title")).toMatch(/L5 is not empty/);
    await cellAt(page, 1, 11).click();
    await page.getByTestId("cell-message").waitFor({ state: "visible" });
    expect(await page.getByTestId("cell-message").textContent()).toMatch(/^#SPILL!: .*L5 is not empty/);
    expect(await formulaBar.inputValue()).toBe("=CV.NORMALIZE(F2:F11)");
    // The range it needs gets Excel's dashed outline.
    expect(await page.getByTestId("spill-outline").getAttribute("data-blocked")).toBe("true");
    expect(await page.getByTestId("spill-outline").evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe("dashed");
    await page.screenshot({ path: path.join(OUTPUT, "preview-formula-blocked.png") });

    // Delete the blocker: it spills again.
    await cellAt(page, 4, 11).click();
    await page.keyboard.press("Delete");
    await calculated(page);
    const again = (await readCells(page, "Customers", 1, 11, 10, 1)).map((r) => r[0] as number);
    minMax(changedRevenue).forEach((v, i) => expect(again[i]).toBeCloseTo(v, 12));

    // The formula bar edits too: a new formula in L2 through it (Enter commits).
    await cellAt(page, 1, 11).click();
    await formulaBar.fill('=CV.TIER(F2:F11,"key20")');
    await formulaBar.press("Enter");
    await calculated(page);
    // key20: the top 20% of 10 customers (2, by revenue) are "Key", the rest "General".
    const order = [...changedRevenue.keys()].sort((a, b) => (changedRevenue[b] as number) - (changedRevenue[a] as number));
    const tiers = (await readCells(page, "Customers", 1, 11, 10, 1)).map((r) => r[0]);
    changedRevenue.forEach((_, i) => expect(tiers[i]).toBe(order.indexOf(i) < 2 ? "Key" : "General"));

    expect(problems).toEqual({ pageErrors: [], consoleErrors: [], failedLocal: [], external: [] });
  });
});
