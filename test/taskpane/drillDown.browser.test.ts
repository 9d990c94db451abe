/**
 * Drill-down by keyboard in the preview page (Chromium): a picture's mark, region or bar is
 * reached with the keyboard and opened with Enter or Space; the list it opens holds the
 * customers the test counts from the CSV (ABC's A class, methods §4), its export has them
 * all with money as "#,##0.00" (the sample's Revenue is General); the scorecard's quadrant
 * scatter is drawn on the sample and a quadrant lists as many customers as its row in the
 * preview table says. Screenshots: test-output/drill-*.png.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "../build/helpers";
import { type PageProblems, watch } from "../helpers/browser";
import { openFresh, paneOf, previewPageSuite } from "../helpers/previewPage";

const OUTPUT = path.join(ROOT, "test-output");
const NO_PROBLEMS: PageProblems = { pageErrors: [], consoleErrors: [], failedLocal: [], external: [] };

/** ABC's A class by hand from the CSV: customers by Revenue descending, A while the share before a customer is below 80%. */
function aClassByHand(): number {
  const lines = readFileSync(path.join(ROOT, "assets/sample/customers.csv"), "utf8").trim().split(/\r?\n/).slice(1);
  const positive = lines.map((l) => Number(l.split(",")[5])).filter((v) => v > 0).sort((a, b) => b - a);
  const total = positive.reduce((s, v) => s + v, 0);
  let before = 0;
  let a = 0;
  for (const v of positive) {
    if (before / total >= 0.8) break;
    a += 1;
    before += v;
  }
  return a;
}

async function openAnalysis(page: Page, url: string, radio: RegExp, picture: string): Promise<void> {
  const pane = paneOf(page);
  await openFresh(page, url);
  await pane.getByRole("button", { name: "Use this table" }).click();
  await pane.getByRole("table", { name: "Columns of the customer table" }).waitFor({ state: "visible" });
  await pane.getByRole("radio", { name: radio }).check();
  await pane.getByTestId(`picture-${picture}`).first().waitFor({ state: "visible", timeout: 90_000 });
  await pane.locator("[data-testid='preview-body'][data-stale='false']").waitFor({ timeout: 90_000 });
}

describe("drill-down by keyboard", () => {
  const suite = previewPageSuite({ width: 1280, height: 720 });

  test("ABC at 320 px: the A mark of the Pareto curve, focused and opened with Enter, lists the A class counted from the CSV; Export list has them all, money as #,##0.00", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    const pane = paneOf(page);
    await openAnalysis(page, `${suite.origin()}/preview.html?paneWidth=320`, /^ABC by value/, "pareto");
    const mark = pane.getByTestId("picture-pareto").getByRole("button", { name: /^A: / });
    await mark.focus();
    await expect(mark.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press("Enter");
    const list = pane.getByTestId("customer-list");
    await list.waitFor({ state: "visible" });
    const expected = aClassByHand();
    expect(expected).toBe(1133); // methods §4 on the sample
    await expect(list.textContent()).resolves.toContain(`${expected.toLocaleString("en")} customers`);
    await page.screenshot({ path: path.join(OUTPUT, "drill-abc-320.png") });

    // Tab moves on inside the list (the close button first), Enter on Export list writes every customer.
    await list.getByTestId("list-export").focus();
    await page.keyboard.press("Enter");
    await list.getByTestId("list-status").waitFor({ state: "visible" });
    const sheet = await page.evaluate(() => {
      const wb = window.__cvPreview!.workbook;
      const extent = wb.extent("CV ABC list");
      const header = [0, 1, 2].map((c) => wb.cellAt("CV ABC list", 4, c)?.value);
      const revenueColumn = header.indexOf("Revenue");
      return { rows: extent.rows, header, revenueFormat: revenueColumn >= 0 ? wb.cellAt("CV ABC list", 5, revenueColumn)?.numberFormat : "no Revenue column" };
    });
    // Title, action, source, a blank row, the header in row 5, then one row per customer.
    expect(sheet.rows).toBe(5 + expected);
    expect(sheet.header[0]).toBe("CustomerID");
    expect(sheet.revenueFormat).toBe("#,##0.00");
    expect(problems).toEqual(NO_PROBLEMS);
    await page.close();
  }, 180_000);

  test("scorecard: the quadrant scatter is drawn on the sample; Space on a quadrant lists as many customers as its row of the preview table", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    const pane = paneOf(page);
    await openAnalysis(page, `${suite.origin()}/preview.html`, /^Value scorecard/, "quadrants");
    const rowCount = async (quadrant: string): Promise<number> => {
      const row = pane.getByTestId("preview-table").locator("tbody tr").filter({ has: page.getByRole("rowheader", { name: quadrant }) });
      const cells = await row.locator("td").allTextContents();
      return Number((cells[0] ?? "").replace(/,/g, ""));
    };
    const strategic = await rowCount("Strategic");
    expect(strategic).toBeGreaterThan(0);
    const region = pane.getByTestId("picture-quadrants").getByRole("button", { name: /^Strategic/ });
    await region.focus();
    await page.keyboard.press("Space");
    const list = pane.getByTestId("customer-list");
    await list.waitFor({ state: "visible" });
    await expect(list.textContent()).resolves.toContain(`${strategic.toLocaleString("en")} customer`);
    await page.screenshot({ path: path.join(OUTPUT, "drill-scorecard.png") });
    expect(problems).toEqual(NO_PROBLEMS);
    await page.close();
  }, 180_000);
});
