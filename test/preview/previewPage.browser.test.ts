/**
 * Opens the built preview page (dist/preview.html: the task pane beside an in-memory workbook,
 * no office.js) in Debian Chromium: the sample table shows in the grid, the grid scrolls to
 * the last customer, clicking a cell moves the active cell, summary charts draw, and there
 * are no console or page errors. Saves screenshots to test-output/preview*.png.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import type { MemoryWorkbook } from "../../src/preview/MemoryWorkbook";
import { DIST, ROOT, requireDist } from "../build/helpers";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const OUTPUT = path.join(ROOT, "test-output");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".png": "image/png",
};

/** A static file server for dist/ on 127.0.0.1 and a random port. */
function serveDist(): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
      const file = path.resolve(DIST, "." + pathname);
      if (!file.startsWith(DIST + path.sep)) {
        res.writeHead(403).end();
        return;
      }
      try {
        if (!(await stat(file)).isFile()) throw new Error("not a file");
        const body = await readFile(file);
        res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

/** Records console errors, page errors, failed local requests and any request leaving 127.0.0.1. */
async function watch(page: Page, origin: string) {
  const problems = { pageErrors: [] as string[], consoleErrors: [] as string[], failedLocal: [] as string[], external: [] as string[] };
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + "/") || url.startsWith("data:")) return route.continue();
    problems.external.push(url);
    return route.abort();
  });
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.consoleErrors.push(`${msg.text()} @ ${msg.location().url}`);
  });
  page.on("pageerror", (err) => problems.pageErrors.push(String(err)));
  page.on("requestfailed", (req) => {
    if (req.url().startsWith(origin + "/")) problems.failedLocal.push(`${req.url()}: ${req.failure()?.errorText}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.failedLocal.push(`${res.url()}: HTTP ${res.status()}`);
  });
  return problems;
}

type PreviewWindow = Window & { __cvPreview?: { workbook: MemoryWorkbook; ready: Promise<void> } };

describe("preview page in a real browser", () => {
  let server: http.Server | undefined;
  let origin = "";
  let context: BrowserContext | undefined;
  let userDataDir = "";

  beforeAll(async () => {
    requireDist("preview.html", "preview.js", "sample/customers.csv");
    ({ server, origin } = await serveDist());
    userDataDir = mkdtempSync(path.join(os.tmpdir(), "cv-chromium-"));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1366, height: 768 },
    });
    mkdirSync(OUTPUT, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  test("shows the sample in a virtualised grid beside the pane, scrolls to the last customer, no errors", async () => {
    if (!context) throw new Error("browser did not start");
    const page = await context.newPage();
    const problems = await watch(page, origin);

    await page.goto(`${origin}/preview.html`, { waitUntil: "networkidle" });
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
    if (!context) throw new Error("browser did not start");
    const page = await context.newPage();
    const problems = await watch(page, origin);
    await page.goto(`${origin}/preview.html`, { waitUntil: "networkidle" });
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
