/** The preview page as the browser tests drive it: the pane, a fresh page, the workbook's cells, the sample table. */
import { mkdirSync, readFileSync } from "node:fs";
import type http from "node:http";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { makeCustomerTable } from "../../src/engine";
import { parseCsv } from "../../src/preview/csv";
import { typeCsvField } from "../../src/preview/MemoryWorkbook";
import { ROOT, requireDist } from "../build/helpers";
import { closeServer, launchChromium, serveDist } from "./browser";

const SAMPLE = path.join(ROOT, "assets/sample/customers.csv");
const TRANSACTIONS = path.join(ROOT, "assets/sample/transactions.csv");
const LINES = path.join(ROOT, "assets/sample/lines.csv");

/** A sample CSV as the preview loads it (numbers as numbers, ISO dates as serials, header row as text), as an engine table. */
function csvTable(file: string) {
  const rows = parseCsv(readFileSync(file, "utf8")).filter((r) => r.some((f) => f.trim() !== ""));
  const values = rows.map((fields, r) => fields.map((f) => (r === 0 ? f : typeCsvField(f).value)));
  return makeCustomerTable(values, true);
}

/** The sample customers (sheet Customers of the preview) as an engine table. */
export function sampleTable() {
  return csvTable(SAMPLE);
}

/** The sample customers' invoices (sheet Transactions of the preview) as an engine table. */
export function sampleTransactionsTable() {
  return csvTable(TRANSACTIONS);
}

/** December 2011's invoice lines (sheet Lines of the preview) as an engine table. */
export function sampleLinesTable() {
  return csvTable(LINES);
}


/** The task pane column of the preview page. */
export const paneOf = (page: Page) => page.getByRole("complementary", { name: "Customer Value task pane" });

/** Elements of the pane that reach outside its column (tag, aria-label, text), and whether its body scrolls sideways. */
export function paneOverflow(page: Page): Promise<{ outside: string[]; scrollsSideways: boolean }> {
  return paneOf(page).evaluate((aside) => {
    const box = aside.getBoundingClientRect();
    const body = aside.children[1] as HTMLElement;
    const outside = Array.from(aside.querySelectorAll<HTMLElement>("*"))
      .filter((el) => el.getClientRects().length > 0)
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5);
      })
      .map((el) => `${el.tagName.toLowerCase()}${el.getAttribute("aria-label") ? `[${el.getAttribute("aria-label")}]` : ""}: ${el.textContent?.slice(0, 40)}`);
    return { outside, scrollsSideways: body.scrollWidth > body.clientWidth };
  });
}


/** Opens the preview with nothing saved: clears the origin's local storage (where the preview keeps the model), then loads the page. */
export async function openFresh(page: Page, url: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Storage.clearDataForOrigin", { origin: new URL(url).origin, storageTypes: "local_storage" });
  await cdp.detach();
  await page.goto(url, { waitUntil: "networkidle" });
  await page.evaluate(() => window.__cvPreview?.ready);
  await paneOf(page).getByRole("button", { name: "Use this table" }).waitFor({ state: "visible", timeout: 30_000 });
}


/** Reads a block of the in-memory workbook through its public Workbook API. */
export function readCells(page: Page, sheet: string, top: number, left: number, rows: number, columns: number): Promise<unknown[][]> {
  return page.evaluate(({ sheet, top, left, rows, columns }) => window.__cvPreview!.workbook.readBlock(sheet, top, left, rows, columns), { sheet, top, left, rows, columns });
}

/** The model the pane saved in the workbook's settings (the preview keeps them in localStorage). */

/**
 * Sets up a describe block of browser tests on the preview page: before all, serve dist/ on
 * 127.0.0.1 and launch Debian Chromium at the given viewport; after all, close both.
 * Returns the origin and the browser context for the tests.
 */
export function previewPageSuite(viewport: { width: number; height: number }): { origin(): string; context(): BrowserContext } {
  let server: http.Server | undefined;
  let origin = "";
  let context: BrowserContext | undefined;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    requireDist("preview.html", "preview.js", "sample/customers.csv", "sample/transactions.csv", "sample/lines.csv");
    ({ server, origin } = await serveDist());
    ({ context, close } = await launchChromium(viewport));
    mkdirSync(path.join(ROOT, "test-output"), { recursive: true });
  });
  afterAll(async () => {
    await close?.();
    await closeServer(server);
  });
  return {
    origin: () => origin,
    context: () => {
      if (!context) throw new Error("browser did not start");
      return context;
    },
  };
}
