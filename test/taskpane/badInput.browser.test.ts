/**
 * Trust under bad input in the pane (issue 12), on the preview page at 320 px (Chromium):
 * - a few bad cells keep a column's kind: the data step shows their count and a warning, the
 *   value guess stays on Sales, and the user may choose another kind per column;
 * - a model (file, or saved in the workbook) naming columns the table lacks opens the remap step;
 * - a scorecard that places nobody says so in the preview and Apply is off, with the reason;
 * - Group by offers only columns with few distinct values.
 * Expected figures are worked out here from the CSV text or by the engine in Node on the same
 * cells (the pane is what is under test). Screenshots: /tmp/shots/badinput-<n>-<step>.png.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { type CustomerValueModel, defaultModel, guessRoles, profileColumns, runModel } from "../../src/engine";
import { ROOT } from "../build/helpers";
import { type PageProblems, watch } from "../helpers/browser";
import { openFresh, paneOf, paneOverflow, previewPageSuite, sampleTable } from "../helpers/previewPage";

const SHOTS = "/tmp/shots";
const NO_PROBLEMS: PageProblems = { pageErrors: [], consoleErrors: [], failedLocal: [], external: [] };

async function shoot(page: Page, name: string, target?: Locator): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  if (target) await target.scrollIntoViewIfNeeded();
  await paneOf(page).screenshot({ path: path.join(SHOTS, `badinput-${name}.png`) });
}

/**
 * Eleven customers; Sales has "n/a" in data row 4 and "missing" in data row 9 (9 of 11 cells
 * are numbers, 81.8%). Complaints is a clean number column that comes first, so a Sales
 * column read as text would hand the value guess to Complaints.
 */
const SMALL_CSV = [
  "Customer,Complaints,Sales",
  "Ann,2,1200",
  "Bob,0,800",
  "Cy,5,300",
  "Di,1,n/a",
  "Ed,3,950",
  "Flo,0,400",
  "Gus,4,770",
  "Hal,1,610",
  "Ivy,2,missing",
  "Jo,0,1500",
  "Kim,1,990",
].join("\n");

async function openSmall(page: Page, origin: string): Promise<void> {
  await openFresh(page, `${origin}/preview.html?paneWidth=320`);
  await page.evaluate((csv) => {
    const wb = window.__cvPreview!.workbook;
    wb.loadCsv("Small", csv, { tableName: "Small" });
    wb.select("Small", "A1");
  }, SMALL_CSV);
}

describe("Trust under bad input in the pane (Chromium, 320 px)", () => {
  const suite = previewPageSuite({ width: 1280, height: 900 });

  test("two bad cells keep Sales a number column: 2 bad cells shown and named, Sales stays the value column; the kind can be chosen", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    await openSmall(page, suite.origin());
    const pane = paneOf(page);
    await pane.getByRole("button", { name: "Use this table" }).click();
    // "11 customers, 3 columns": counted from SMALL_CSV.
    await pane.getByText(/^Small!A1:C12 \(table Small\): 11 customers, 3 columns$/).waitFor({ state: "visible", timeout: 30_000 });

    expect(await pane.getByRole("combobox", { name: "Kind of Sales" }).inputValue()).toBe("number");
    expect(await pane.getByTestId("bad-Sales").textContent()).toBe("2");
    expect(await pane.getByTestId("bad-Complaints").textContent()).toBe("0");
    expect(await pane.getByTestId("bad-Customer").textContent()).toBe("–");
    expect(await pane.getByTestId("bad-cells-Sales").textContent()).toBe("Sales: 2 cells are not a number (data rows 4, 9); treated as blank.");
    expect(await pane.getByRole("combobox", { name: "Value column" }).inputValue()).toBe("Sales");
    // The preview treats them as blank with the same warning.
    await pane.getByTestId("preview-headline").waitFor({ state: "visible", timeout: 30_000 });
    expect(await pane.getByTestId("preview-badCells").first().textContent()).toBe("Sales: 2 cells are not a number (data rows 4, 9); treated as blank.");
    // Sales is an indicator (the pyramid's first), next to Complaints.
    expect(await pane.getByRole("checkbox", { name: "Sales" }).isChecked()).toBe(true);
    await shoot(page, "1-bad-cells", pane.getByRole("table", { name: "Columns of the customer table" }));
    expect((await paneOverflow(page)).outside).toEqual([]);

    // The user says Sales is text: no bad cells are counted, the warning goes, it is no longer an indicator candidate.
    await pane.getByRole("combobox", { name: "Kind of Sales" }).selectOption("text");
    expect(await pane.getByTestId("bad-Sales").textContent()).toBe("–");
    expect(await pane.getByTestId("bad-cells-Sales").count()).toBe(0);
    expect(await pane.getByRole("checkbox", { name: "Sales" }).count()).toBe(0);
    // And back: number again, 2 bad cells.
    await pane.getByRole("combobox", { name: "Kind of Sales" }).selectOption("number");
    expect(await pane.getByTestId("bad-Sales").textContent()).toBe("2");
    // A text column chosen as a number: Customer's 11 names are all bad (rows 1–5 listed, then …).
    await pane.getByRole("combobox", { name: "Kind of Customer" }).selectOption("number");
    expect(await pane.getByTestId("bad-Customer").textContent()).toBe("11");
    expect(await pane.getByTestId("bad-cells-Customer").textContent()).toBe("Customer: 11 cells are not a number (data rows 1, 2, 3, 4, 5, …); treated as blank.");
    expect(await pane.getByTestId("kinds-chosen").textContent()).toBe("* Kind chosen by you: Customer (the cells read as text).");
    await shoot(page, "2-kind-chosen", pane.getByRole("table", { name: "Columns of the customer table" }));
    expect(problems).toEqual(NO_PROBLEMS);
    await page.close();
  });

  test("a model file naming a column the table lacks opens the remap step; mapping it runs the model as the engine does", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    await openFresh(page, `${suite.origin()}/preview.html?paneWidth=320`);
    const pane = paneOf(page);
    await pane.getByRole("button", { name: "Use this table" }).click();
    await pane.getByTestId("preview-headline").waitFor({ state: "visible", timeout: 30_000 });

    // The pane's default model for the sample, with Revenue called "Sales" (as in another workbook).
    const table = sampleTable();
    const model = defaultModel(guessRoles(profileColumns(table)));
    expect(model.roles.value).toBe("Revenue");
    const renamed = JSON.parse(JSON.stringify(model).replace(/"Revenue"/g, '"Sales"')) as CustomerValueModel;
    await pane.getByLabel("Model file to import").setInputFiles({ name: "other-model.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(renamed)) });

    const remap = pane.getByTestId("remap");
    await remap.waitFor({ state: "visible", timeout: 10_000 });
    expect(await remap.getByRole("alert").or(remap.locator(".fui-MessageBarBody")).first().textContent()).toContain(
      "other-model.json uses 1 column this table does not have: Sales. Choose the table column to use for it.",
    );
    // Nothing to apply until the columns are matched.
    expect(await pane.getByRole("button", { name: "Apply", exact: true }).count()).toBe(0);
    await shoot(page, "3-remap", remap);
    await remap.getByRole("combobox", { name: "Model column “Sales”" }).selectOption("Revenue");
    await remap.getByRole("button", { name: "Use these columns" }).click();
    await remap.waitFor({ state: "detached" });
    const expected = runModel(model, table).headline;
    expect(expected).toMatch(/of Revenue\.$/);
    await pane.getByTestId("preview-headline").getByText(expected!).waitFor({ state: "visible", timeout: 30_000 });
    expect(await pane.getByRole("combobox", { name: "Value column" }).inputValue()).toBe("Revenue");
    expect(problems).toEqual(NO_PROBLEMS);
    await page.close();
  });

  test("a model saved in the workbook whose column was renamed opens the remap step on reopening", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    await openFresh(page, `${suite.origin()}/preview.html?paneWidth=320`);
    const table = sampleTable();
    const model = defaultModel(guessRoles(profileColumns(table)));
    // 4,338 customers under a header row: A1:K4339.
    expect(table.rows.length).toBe(4338);
    const saved = { ...JSON.parse(JSON.stringify(model).replace(/"DaysSinceLast"/g, '"Recency"')), source: { kind: "table", sheet: "Customers", address: "A1:K4339", tableName: "Customers" } };
    await page.evaluate((json) => window.__cvPreview!.workbook.saveSetting("customerValue.model", json), JSON.stringify(saved));
    await page.reload({ waitUntil: "networkidle" });
    await page.evaluate(() => window.__cvPreview?.ready);
    const pane = paneOf(page);
    const remap = pane.getByTestId("remap");
    await remap.waitFor({ state: "visible", timeout: 30_000 });
    expect(await remap.textContent()).toContain("The model saved in this workbook (Customers!A1:K4339) uses 1 column this table does not have: Recency.");
    expect(await remap.getByRole("button", { name: "Use these columns" }).getAttribute("aria-disabled")).toBe("true");
    await remap.getByRole("combobox", { name: "Model column “Recency”" }).selectOption("DaysSinceLast");
    await remap.getByRole("button", { name: "Use these columns" }).click();
    await pane.getByTestId("preview-headline").getByText(runModel(model, table).headline!).waitFor({ state: "visible", timeout: 30_000 });
    expect(problems).toEqual(NO_PROBLEMS);
    await page.close();
  });

  test("a scorecard with only actual-value indicators places nobody: the preview says so and Apply is off with the reason, until an indicator is a potential-value aspect", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    await openFresh(page, `${suite.origin()}/preview.html?paneWidth=320`);
    const pane = paneOf(page);
    await pane.getByRole("button", { name: "Use this table" }).click();
    await pane.getByTestId("preview-headline").waitFor({ state: "visible", timeout: 30_000 });
    await pane.getByRole("radio", { name: /^Value scorecard:/ }).check();
    // DaysSinceLast is guessed as the customer aspect; made a financial one, Revenue and Invoices being sales, all is actual value: no customer has a potential value.
    await pane.getByRole("combobox", { name: "Aspect of DaysSinceLast" }).selectOption("financial");
    const nobody = pane.getByTestId("preview-nobody");
    await nobody.waitFor({ state: "visible", timeout: 30_000 });
    expect(await nobody.textContent()).toBe(
      "This model places nobody: none of the 4,338 customers gets a quadrant (no customer or service indicator). Change the settings above; Apply stays off until someone is placed.",
    );
    const apply = pane.getByRole("button", { name: "Apply", exact: true });
    expect(await apply.getAttribute("aria-disabled")).toBe("true");
    expect(await pane.getByTestId("apply-off").textContent()).toBe("Apply is off: this model places nobody (see the preview).");
    await apply.click({ force: true });
    expect(await pane.getByTestId("apply-result").count()).toBe(0);
    expect(await page.evaluate(() => window.__cvPreview!.workbook.sheetNames())).not.toContain("CV Scorecard summary");
    await shoot(page, "4-places-nobody", nobody);

    await pane.getByRole("combobox", { name: "Aspect of DaysSinceLast" }).selectOption("service");
    await nobody.waitFor({ state: "detached", timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="apply-off"]') === null);
    expect(await apply.getAttribute("aria-disabled")).not.toBe("true");
    expect(problems).toEqual(NO_PROBLEMS);
    await page.close();
  });

  test("custom tier shares adding up to 109%: the preview says so in percent, the fields' unit, and Apply is off", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    await openFresh(page, `${suite.origin()}/preview.html?paneWidth=320`);
    const pane = paneOf(page);
    await pane.getByRole("button", { name: "Use this table" }).click();
    await pane.getByTestId("preview-headline").waitFor({ state: "visible", timeout: 30_000 });
    await pane.getByRole("combobox", { name: "Tiers", exact: true }).selectOption("custom");
    // The pyramid's 1%, 4%, 15%, 80% with tier 1 raised to 10%: 10 + 4 + 15 + 80 = 109%.
    await pane.getByRole("spinbutton", { name: "Share of tier 1 (%)" }).fill("10");
    const error = pane.getByTestId("preview-error");
    await error.waitFor({ state: "visible", timeout: 30_000 });
    expect(await error.textContent()).toBe("The tier shares add up to 109%; they must add up to 100%.");
    expect(await pane.getByTestId("apply-off").textContent()).toBe("Apply is off: the preview shows why the model cannot run.");
    await shoot(page, "6-shares-109", error);
    await pane.getByRole("spinbutton", { name: "Share of tier 1 (%)" }).fill("1");
    await error.waitFor({ state: "detached", timeout: 30_000 });
    expect(problems).toEqual(NO_PROBLEMS);
    await page.close();
  });

  test("Group by offers the columns with at most 216 distinct values (5% of 4,338 rows), never the id", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    await openFresh(page, `${suite.origin()}/preview.html?paneWidth=320`);
    const pane = paneOf(page);
    await pane.getByRole("button", { name: "Use this table" }).click();
    await pane.getByTestId("preview-headline").waitFor({ state: "visible", timeout: 30_000 });

    // Distinct values per column counted from the CSV text; numbers compared as numbers ("1.0" = "1").
    const [header, ...lines] = readFileSync(path.join(ROOT, "assets/sample/customers.csv"), "utf8").trim().split(/\r?\n/);
    const columns = header!.split(",");
    const limit = Math.max(50, Math.floor(0.05 * lines.length));
    expect(limit).toBe(216);
    const expected = columns.filter((c, k) => {
      if (c === "CustomerID") return false;
      const seen = new Set(lines.map((l) => {
        const f = l.split(",")[k]!;
        return f !== "" && Number.isFinite(Number(f)) ? String(Number(f)) : f;
      }));
      return seen.size <= limit;
    });
    expect(expected).toContain("Country");
    expect(expected).not.toContain("Revenue");
    const select = pane.getByRole("combobox", { name: "Group by", exact: true });
    const offered = await select.locator("option").allTextContents();
    expect(offered).toEqual(["None", ...expected]);
    await shoot(page, "5-group-by", select);
    expect(problems).toEqual(NO_PROBLEMS);
    await page.close();
  });
});
