/**
 * Opens the built preview page (dist/preview.html: the task pane beside an in-memory workbook,
 * no office.js) in Debian Chromium: the sample table shows in the grid, the grid scrolls to
 * the last customer, clicking a cell moves the active cell, summary charts draw, and there
 * are no console or page errors. Saves screenshots to test-output/preview*.png.
 */
import path from "node:path";
import type { MemoryWorkbook } from "../../src/preview/MemoryWorkbook";
import { ROOT } from "../build/helpers";
import { previewPageSuite } from "../helpers/previewPage";
import { watch } from "../helpers/browser";

const OUTPUT = path.join(ROOT, "test-output");

type PreviewWindow = Window & { __cvPreview?: { workbook: MemoryWorkbook; ready: Promise<void> } };

describe("preview page in a real browser", () => {
  const suite = previewPageSuite({ width: 1366, height: 768 });

  test("shows the sample in a virtualised grid beside the pane, scrolls to the last customer, no errors", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());

    await page.goto(`${suite.origin()}/preview.html`, { waitUntil: "networkidle" });
    const grid = page.getByRole("grid", { name: "Sheet Customers" });
    await grid.getByRole("gridcell", { name: "CustomerID", exact: true }).waitFor({ state: "visible", timeout: 30_000 });
    await grid.getByRole("gridcell", { name: "12346", exact: true }).waitFor({ state: "visible" });

    // No office.js on this page; the pane is there, in a task-pane-sized column.
    expect(await page.evaluate(() => typeof (globalThis as { Office?: unknown }).Office)).toBe("undefined");
    const pane = page.getByRole("complementary", { name: "Customer Value task pane" });
    const paneBox = await pane.boundingBox();
    expect(paneBox?.width).toBeGreaterThanOrEqual(320);
    expect(paneBox?.width).toBeLessThanOrEqual(360);

    // The grid's size is announced; only the rows in view are in the DOM.
    expect(await grid.getAttribute("aria-rowcount")).toBe(String(4339 + 8 + 1));
    expect(await grid.getAttribute("aria-colcount")).toBe(String(16 + 1));
    expect(await grid.getByRole("columnheader", { name: "K", exact: true }).count()).toBe(1);
    const renderedRows = await grid.getByRole("row").count();
    expect(renderedRows).toBeLessThan(100);
    // Dates show as dates (serials with a date format), numbers right-aligned.
    await grid.getByRole("gridcell", { name: "2011-01-18", exact: true }).first().waitFor();
    expect(await grid.getByRole("gridcell", { name: "77183.6", exact: true }).first().evaluate((el) => getComputedStyle(el).textAlign)).toBe(
      "right",
    );
    await page.screenshot({ path: path.join(OUTPUT, "preview.png") });

    // Scroll to the bottom: the last customer appears, the first has left the DOM.
    await grid.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    const last = grid.getByRole("gridcell", { name: "18287", exact: true });
    await last.waitFor({ state: "visible" });
    const [lastBox, gridBox] = [await last.boundingBox(), await grid.boundingBox()];
    expect(lastBox!.y).toBeGreaterThan(gridBox!.y);
    expect(lastBox!.y + lastBox!.height).toBeLessThanOrEqual(gridBox!.y + gridBox!.height);
    expect(await grid.getByRole("gridcell", { name: "12346", exact: true }).count()).toBe(0);
    await page.screenshot({ path: path.join(OUTPUT, "preview-bottom.png") });

    // Clicking a cell makes it the active cell; the name box and the formula bar follow.
    await grid.getByRole("gridcell", { name: "18287", exact: true }).click();
    expect(await page.getByRole("textbox", { name: "Name box" }).inputValue()).toBe("A4339");
    expect(await page.getByRole("textbox", { name: "Formula bar" }).inputValue()).toBe("18287");
    expect(await page.evaluate(() => (window as PreviewWindow).__cvPreview?.workbook.activeCell())).toEqual({ row: 4338, column: 0 });

    // Keyboard: Ctrl+Home goes back to A1 and scrolls there; Shift+Right extends the selection.
    await page.keyboard.press("Control+Home");
    await grid.getByRole("gridcell", { name: "12346", exact: true }).waitFor({ state: "visible" });
    await page.keyboard.press("Shift+ArrowRight");
    expect(await page.getByRole("textbox", { name: "Name box" }).inputValue()).toBe("A1:B1");

    expect(problems).toEqual({ pageErrors: [], consoleErrors: [], failedLocal: [], external: [] });
  });

  test("results written through the Workbook interface show with formats, tier colours, data bars and a chart", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    await page.goto(`${suite.origin()}/preview.html`, { waitUntil: "networkidle" });
    await page.waitForFunction(() => (window as PreviewWindow).__cvPreview?.workbook.extent("Customers").rows === 4339);

    await page.evaluate(async () => {
      const wb = (window as PreviewWindow).__cvPreview!.workbook;
      const source = await wb.readSource("table");
      const revenue = source.values.slice(1).map((r) => Number(r[5]));
      const max = Math.max(...revenue);
      const order = revenue.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
      const tier: string[] = new Array(revenue.length);
      order.forEach(([, i], rank) => (tier[i] = rank < revenue.length * 0.2 ? "Top" : rank < revenue.length * 0.5 ? "Core" : "Base"));
      await wb.writeBlock({
        sheet: "Customers",
        top: 0,
        left: 11,
        headers: ["CV Score", "CV Tier"],
        rows: revenue.map((v, i) => [Math.sqrt(Math.max(v, 0) / max) * 100, tier[i] as string]),
        numberFormats: ["0.0", null],
      });
      await wb.applyFormats({
        sheet: "Customers",
        dataBars: { top: 1, column: 11, rows: revenue.length },
        labelColours: { top: 1, column: 12, rows: revenue.length, colours: { Top: "#1F4E79", Core: "#9DC3E6", Base: "#DEEBF7" } },
      });
      await wb.writeSummary({
        name: "CV Summary",
        title: "Customer value pyramid",
        subtitle: ["Source: Customers!A1:K4339 (4,338 customers)", "Score: square root of revenue share of the top customer"],
        table: {
          headers: ["Tier", "Customers", "Share of customers", "Share of value"],
          rows: [
            ["Top", 868, 0.2, 0.74],
            ["Core", 1301, 0.3, 0.17],
            ["Base", 2169, 0.5, 0.09],
          ],
          numberFormats: [null, "#,##0", "0.0%", "0.0%"],
        },
        chart: {
          type: "bar",
          title: "Customers and value by tier",
          categories: ["Top", "Core", "Base"],
          series: [
            { name: "Share of customers", values: [0.2, 0.3, 0.5] },
            { name: "Share of value", values: [0.74, 0.17, 0.09] },
          ],
        },
        notes: ["Model: weighted value pyramid", "Indicators: Revenue (100%)", "Tiers: top 20%, next 30%, rest 50%"],
      });
    });

    const grid = page.getByRole("grid", { name: "Sheet Customers" });
    // Bring the result columns into view as a user would: type an address in the name box.
    await page.getByRole("textbox", { name: "Name box" }).fill("L2");
    await page.getByRole("textbox", { name: "Name box" }).press("Enter");
    await grid.evaluate((el) => {
      el.scrollLeft = el.scrollWidth;
    });
    // Customer 12346 (row 2) has a score with a data bar and a tier cell filled with its colour.
    const score = grid.locator('[role="gridcell"][data-r="1"][data-c="11"]');
    await grid.getByRole("columnheader", { name: "M", exact: true }).waitFor();
    await page.waitForFunction(() => document.querySelector('[data-r="1"][data-c="11"]')?.textContent !== "");
    expect(await score.textContent()).toMatch(/^\d+\.\d$/);
    expect(await score.evaluate((el) => getComputedStyle(el).backgroundImage)).toContain("linear-gradient");
    const top = grid.locator('[role="gridcell"][data-r="1"][data-c="12"]');
    expect(await top.textContent()).toBe("Top");
    expect(await top.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(31, 78, 121)");
    await page.screenshot({ path: path.join(OUTPUT, "preview-results.png") });

    await page.getByRole("tab", { name: "CV Summary" }).click();
    const summary = page.getByRole("grid", { name: "Sheet CV Summary" });
    await summary.getByRole("gridcell", { name: "74.0%", exact: true }).waitFor({ state: "visible" });
    const chart = page.getByRole("img", { name: /^Chart: Customers and value by tier\./ });
    await chart.waitFor({ state: "visible" });
    expect(await chart.locator("rect").count()).toBeGreaterThanOrEqual(1 + 6);
    await page.screenshot({ path: path.join(OUTPUT, "preview-summary.png") });

    expect(problems).toEqual({ pageErrors: [], consoleErrors: [], failedLocal: [], external: [] });
  });
});
