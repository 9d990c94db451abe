/**
 * "Your own data in the preview", in Debian Chromium on the built preview page: a CSV
 * dropped on the workbook side (the drop overlay shows while dragging), a corrupt .xlsx
 * refused with a message naming it, an .xlsx built here with exceljs chosen with the
 * "Open a file…" input, and the pane then computing a value pyramid on the opened table.
 * exceljs's chunk is fetched only once an .xlsx is opened. Expected values are worked out by
 * hand in the comments. Screenshots: test-output/open-file.png, open-file-drop.png.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { ROOT } from "../build/helpers";
import { type PageProblems, watch } from "../helpers/browser";
import { openFresh, paneOf, previewPageSuite } from "../helpers/previewPage";

const OUTPUT = path.join(ROOT, "test-output");
const NO_PROBLEMS: PageProblems = { pageErrors: [], consoleErrors: [], failedLocal: [], external: [] };

/** Ten customers; Revenue falls with the id, so any score on Revenue ranks them 1 … 10. */
const REVENUE = [1000, 500, 200, 100, 80, 50, 30, 20, 15, 5];

/** orders.xlsx: sheet Orders with table "Orders" (A1:E11), sheet Notes with one cell. */
async function ordersXlsx(file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const orders = book.addWorksheet("Orders");
  orders.addTable({
    name: "Orders",
    ref: "A1",
    columns: [{ name: "CustomerID" }, { name: "Country" }, { name: "FirstPurchase" }, { name: "Revenue" }, { name: "Invoices" }],
    rows: REVENUE.map((revenue, i) => [20001 + i, i % 2 === 0 ? "France" : "Spain", new Date(Date.UTC(2011, 11, 9 - i)), revenue, 10 - i]),
  });
  for (let r = 2; r <= 11; r++) {
    orders.getCell(`C${r}`).numFmt = "yyyy-mm-dd";
    orders.getCell(`D${r}`).numFmt = '"£"#,##0.00';
  }
  book.addWorksheet("Notes").getCell("A1").value = { richText: [{ text: "Made " }, { font: { italic: true }, text: "by the test" }] };
  writeFileSync(file, new Uint8Array(await book.xlsx.writeBuffer()));
}

type Workbook = NonNullable<Window["__cvPreview"]>["workbook"];

describe("opening a CSV or .xlsx file in the preview (Chromium)", () => {
  const suite = previewPageSuite({ width: 1366, height: 800 });
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "cv-open-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("drop a CSV, refuse a corrupt .xlsx, open an .xlsx with the button, then preview a value pyramid on it", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    const requested: string[] = [];
    page.on("request", (req) => requested.push(new URL(req.url()).pathname));
    await openFresh(page, `${suite.origin()}/preview.html`);
    const chunkFetched = () => requested.some((p) => /exceljs/.test(p));
    expect(chunkFetched()).toBe(false);
    const banner = page.getByTestId("preview-banner-text");
    const workbookSide = page.getByTestId("file-drop-zone");

    // 1. Drag a semicolon CSV over the workbook: the overlay shows; drop it.
    const csv = "\uFEFFKunde;Umsatz;Anteil;Datum\n12346;1234,5;12,5%;2010-12-01 08:26\n12347;7;3%;2011-12-09\n";
    const transfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], "kunden.csv", { type: "text/csv" }));
      return dt;
    }, csv);
    await workbookSide.dispatchEvent("dragenter", { dataTransfer: transfer });
    await workbookSide.dispatchEvent("dragover", { dataTransfer: transfer });
    const overlay = page.getByTestId("drop-overlay");
    await overlay.waitFor({ state: "visible" });
    expect(await overlay.textContent()).toBe("Drop a CSV or .xlsx file to open it");
    await page.screenshot({ path: path.join(OUTPUT, "open-file-drop.png") });
    await workbookSide.dispatchEvent("drop", { dataTransfer: transfer });
    await banner.filter({ hasText: "Opened kunden.csv: 1 sheet, 3 rows" }).waitFor();
    expect(await overlay.count()).toBe(0);
    expect(await banner.textContent()).toBe(
      'Opened kunden.csv: 1 sheet, 3 rows, beside the sample sheets. It is not an Excel table: in the pane, choose "The current region". Nothing leaves this browser.',
    );
    const csvCells = await page.evaluate(async () => {
      const wb = window.__cvPreview!.workbook;
      return { sheets: await wb.sheetNames(), active: wb.activeSheet, b2: wb.cell("kunden", "B2"), c2: wb.cell("kunden", "C2"), d2: wb.cell("kunden", "D2"), d3: wb.cell("kunden", "D3") };
    });
    expect(csvCells.sheets).toEqual(["Customers", "Transactions", "Lines", "kunden"]);
    expect(csvCells.active).toBe("kunden");
    expect(csvCells.b2).toEqual({ value: 1234.5 });
    expect(csvCells.c2).toEqual({ value: 0.125, numberFormat: "0.00%" });
    // 2010-12-01 = 40,513 (days since 1899-12-30), 08:26 = 506 / 1440 of a day; 2011-12-09 = 40,886.
    expect(csvCells.d2?.value).toBeCloseTo(40513 + 506 / 1440, 9);
    expect(csvCells.d2?.numberFormat).toBe("yyyy-mm-dd hh:mm");
    expect(csvCells.d3).toEqual({ value: 40886, numberFormat: "yyyy-mm-dd" });
    const csvGrid = page.getByRole("grid", { name: "Sheet kunden" });
    await csvGrid.getByRole("gridcell", { name: "12.50%", exact: true }).waitFor();
    await csvGrid.getByRole("gridcell", { name: "2010-12-01 08:26", exact: true }).waitFor();
    expect(chunkFetched()).toBe(false);

    // 2. A file that is not an .xlsx inside: an error bar naming it; nothing added.
    const input = page.getByTestId("open-file-input");
    const bad = path.join(dir, "broken.xlsx");
    writeFileSync(bad, "this is not a zip archive");
    await input.setInputFiles(bad);
    const error = page.getByTestId("open-file-error");
    await error.waitFor({ state: "visible", timeout: 30_000 });
    expect(await error.textContent()).toMatch(/^Could not open broken\.xlsxbroken\.xlsx could not be read as an \.xlsx workbook \(.+\)\. Save it from Excel as/);
    expect(await page.evaluate(() => window.__cvPreview!.workbook.sheetNames())).toEqual(["Customers", "Transactions", "Lines", "kunden"]);
    expect(chunkFetched()).toBe(true);
    await error.getByRole("button", { name: "Dismiss" }).click();
    expect(await error.count()).toBe(0);

    // 3. An .xlsx through the "Open a file…" input.
    const file = path.join(dir, "orders.xlsx");
    await ordersXlsx(file);
    await input.setInputFiles(file);
    // Orders: header + 10 rows; Notes: 1 row.
    await banner.filter({ hasText: "Opened orders.xlsx: 2 sheets, 12 rows (table Orders), beside the sample sheets." }).waitFor({ timeout: 30_000 });
    const xlsx = await page.evaluate(() => {
      const wb: Workbook = window.__cvPreview!.workbook;
      return {
        active: wb.activeSheet,
        activeCell: wb.activeCell(),
        tables: wb.tables("Orders"),
        header: ["A1", "B1", "C1", "D1", "E1"].map((a) => wb.value("Orders", a)),
        row2: ["A2", "B2", "C2", "D2", "E2"].map((a) => wb.cell("Orders", a)),
        notes: wb.value("Notes", "A1"),
      };
    });
    expect(await page.evaluate(() => window.__cvPreview!.workbook.sheetNames())).toEqual(["Customers", "Transactions", "Lines", "kunden", "Orders", "Notes"]);
    expect(xlsx.active).toBe("Orders");
    expect(xlsx.activeCell).toEqual({ row: 0, column: 0 });
    expect(xlsx.tables).toEqual([{ name: "Orders", sheet: "Orders", top: 0, left: 0, rows: 11, columns: 5 }]);
    expect(xlsx.header).toEqual(["CustomerID", "Country", "FirstPurchase", "Revenue", "Invoices"]);
    expect(xlsx.row2).toEqual([{ value: 20001 }, { value: "France" }, { value: 40886, numberFormat: "yyyy-mm-dd" }, { value: 1000, numberFormat: '"£"#,##0.00' }, { value: 10 }]);
    expect(xlsx.notes).toBe("Made by the test");
    // The tab is there and active; the grid shows the sheet, formats applied.
    const tab = page.getByRole("tab", { name: "Orders", exact: true });
    expect(await tab.getAttribute("aria-selected")).toBe("true");
    const grid = page.getByRole("grid", { name: "Sheet Orders" });
    await grid.getByRole("gridcell", { name: "£1,000.00", exact: true }).waitFor();
    await grid.getByRole("gridcell", { name: "2011-12-09", exact: true }).waitFor();
    expect(await page.getByRole("textbox", { name: "Name box" }).inputValue()).toBe("A1");

    // 4. The pane on the opened table: the value pyramid on Revenue alone, Key 20% / General 80%.
    const pane = paneOf(page);
    await pane.getByRole("button", { name: "Use this table" }).click();
    await pane.getByText("Orders!A1:E11 (table Orders): 10 customers, 5 columns").waitFor();
    await pane.getByRole("combobox", { name: "Customer id", exact: true }).selectOption("CustomerID");
    await pane.getByRole("combobox", { name: "Value column", exact: true }).selectOption("Revenue");
    const indicators = pane.getByRole("group", { name: "Indicators" }).getByRole("checkbox");
    for (const box of await indicators.all()) {
      const name = await box.evaluate((b) => (b as HTMLInputElement).labels?.[0]?.textContent ?? "");
      if (name === "Revenue") await box.check();
      else await box.uncheck();
    }
    await pane.getByRole("combobox", { name: "Tiers", exact: true }).selectOption({ label: "Key 20% / General 80%" });
    await page.waitForFunction(() => {
      const labels = Array.from(document.querySelectorAll('[data-testid="preview-table"] tbody th')).map((th) => th.textContent);
      return labels.join("|") === "Key|General";
    });
    // Key = the top 2 of 10 customers by Revenue: (1,000 + 500) / 2,000 = 75.0% of it.
    const headline = pane.getByTestId("preview-headline");
    await page.waitForFunction(() => document.querySelector('[data-testid="preview-headline"]')?.textContent === "The top 20% of customers hold 75.0% of Revenue.");
    expect(await headline.textContent()).toBe("The top 20% of customers hold 75.0% of Revenue.");
    const counts = await pane.getByTestId("preview-table").locator("tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).slice(0, 2).map((c) => c.textContent)));
    expect(counts).toEqual([
      ["Key", "2"],
      ["General", "8"],
    ]);
    await page.screenshot({ path: path.join(OUTPUT, "open-file.png") });

    expect(problems).toEqual(NO_PROBLEMS);
  });

  test("a large CSV shows a spinner while it is read, then opens", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    await openFresh(page, `${suite.origin()}/preview.html`);
    // 300,000 invoice lines, about 12 MB.
    const lines = ["InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"];
    for (let i = 0; i < 300_000; i++) lines.push(`${536365 + (i >> 3)},${85000 + (i % 977)},${1 + (i % 12)},2011-0${1 + (i % 9)}-1${i % 10} 08:${String(i % 60).padStart(2, "0")},${(i % 500) / 100 + 0.5},${12346 + (i % 4338)},United Kingdom`);
    const big = path.join(dir, "big orders.csv");
    writeFileSync(big, lines.join("\n") + "\n");
    // Record whether the spinner's text ever reached the page (it may come and go between polls).
    await page.evaluate(() => {
      const w = window as Window & { __sawSpinner?: boolean };
      w.__sawSpinner = false;
      new MutationObserver(() => {
        if (document.body.textContent?.includes("Opening big orders.csv…")) w.__sawSpinner = true;
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const started = Date.now();
    await page.getByTestId("open-file-input").setInputFiles(big);
    await page.getByTestId("preview-banner-text").filter({ hasText: "Opened big orders.csv: 1 sheet, 300,001 rows" }).waitFor({ timeout: 60_000 });
    console.log(`Opened a ${(lines.join("\n").length / 1e6).toFixed(1)} MB CSV of 300,000 lines in ${Date.now() - started} ms`);
    expect(await page.evaluate(() => (window as Window & { __sawSpinner?: boolean }).__sawSpinner)).toBe(true);
    expect(await page.evaluate(() => window.__cvPreview!.workbook.extent("big orders"))).toEqual({ rows: 300_001, columns: 7 });
    expect(problems).toEqual(NO_PROBLEMS);
  });
});
