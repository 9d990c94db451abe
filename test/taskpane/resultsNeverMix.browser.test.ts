/**
 * Results never mix, in the preview page as a manager would go: Lifetime value on the
 * Transactions sheet and Apply, then Cross-sell on the Lines sheet and Apply (the issue's
 * repro: the cross-sell rows used to land on the lifetime rows of CV Results), then the value
 * pyramid and Clusters beside the Customers table, a re-Apply of cross-sell, and "Remove
 * results" of lifetime value. After each step every cell of every results sheet is checked
 * against figures worked out here from the sample CSVs: each row's customer carries its own
 * history (x, t_x, T from its invoice dates), recommendations never name a product the
 * customer bought, each customer's cluster distance is its distance to the mean of its
 * cluster's members (z-scores computed here), and nothing of one analysis moves when another
 * is applied. Screenshots: test-output/nevermix-<n>-<step>.png.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { parseCsv } from "../../src/preview/csv";
import { ROOT } from "../build/helpers";
import { type PageProblems, watch } from "../helpers/browser";
import { openFresh, paneOf, previewPageSuite, readCells } from "../helpers/previewPage";

const OUTPUT = path.join(ROOT, "test-output");
const NO_PROBLEMS: PageProblems = { pageErrors: [], consoleErrors: [], failedLocal: [], external: [] };
const DAY_MS = 86_400_000;

function csv(name: string): string[][] {
  return parseCsv(readFileSync(path.join(ROOT, "assets/sample", name), "utf8"));
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUTPUT, `nevermix-${name}.png`) });
}

/** Each customer's repeat-purchase summary in weeks, from transactions.csv: distinct purchase days, the first and the last, as of the day after the latest date. */
function historiesFromCsv(): Map<string, { x: number; tx: number; T: number }> {
  const [header, ...rows] = csv("transactions.csv");
  const c = header!.indexOf("CustomerID");
  const d = header!.indexOf("InvoiceDate");
  const a = header!.indexOf("Amount");
  const days = new Map<string, Set<number>>();
  let latest = 0;
  for (const r of rows) {
    if (Number(r[a]) <= 0) continue;
    const day = Date.parse(`${r[d]!.slice(0, 10)}T00:00:00Z`) / DAY_MS;
    latest = Math.max(latest, day);
    const set = days.get(r[c]!) ?? new Set<number>();
    set.add(day);
    days.set(r[c]!, set);
  }
  const asOf = latest + 1;
  const out = new Map<string, { x: number; tx: number; T: number }>();
  for (const [id, set] of days) {
    const sorted = [...set].sort((p, q) => p - q);
    const first = sorted[0]!;
    out.set(id, { x: sorted.length - 1, tx: (sorted[sorted.length - 1]! - first) / 7, T: (asOf - first) / 7 });
  }
  return out;
}

/** The products each customer bought, from lines.csv. */
function productsFromCsv(): Map<string, Set<string>> {
  const [header, ...rows] = csv("lines.csv");
  const c = header!.indexOf("CustomerID");
  const p = header!.indexOf("Product");
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = out.get(r[c]!) ?? new Set<string>();
    set.add(r[p]!);
    out.set(r[c]!, set);
  }
  return out;
}

/** The Customers table's columns as numbers (blank = NaN), from customers.csv. */
function customersFromCsv(): { ids: string[]; column(name: string): number[] } {
  const [header, ...rows] = csv("customers.csv");
  return {
    ids: rows.map((r) => r[0]!),
    column: (name) => rows.map((r) => (r[header!.indexOf(name)] === "" ? Number.NaN : Number(r[header!.indexOf(name)]))),
  };
}

/** The population z-scores of a column (as CV.KMEANS standardises). */
function zScores(values: readonly number[]): number[] {
  const present = values.filter((v) => !Number.isNaN(v));
  const mean = present.reduce((s, v) => s + v, 0) / present.length;
  const sd = Math.sqrt(present.reduce((s, v) => s + (v - mean) ** 2, 0) / present.length);
  return values.map((v) => (sd > 0 ? (v - mean) / sd : 0));
}

async function sheets(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__cvPreview!.workbook.sheetNames());
}

async function useTable(page: Page, sheet: string): Promise<void> {
  const pane = paneOf(page);
  await page.getByRole("tab", { name: sheet, exact: true }).click();
  await pane.getByRole("button", { name: /^(Use this table|Read the table again)$/ }).click();
  await pane.getByText(`${sheet}!A1:`, { exact: false }).first().waitFor({ state: "visible" });
}

/** Clicks Apply (after the preview is current) and waits for the result message. */
async function apply(page: Page): Promise<string> {
  const pane = paneOf(page);
  await pane.locator('section[aria-busy="false"]').getByTestId("preview-headline").waitFor({ state: "visible", timeout: 120_000 });
  await pane.getByRole("button", { name: "Apply", exact: true }).click();
  const result = pane.getByTestId("apply-result");
  await result.getByText(/^(Wrote|Apply failed|Cancelled)/).waitFor({ state: "visible", timeout: 120_000 });
  return (await result.textContent()) ?? "";
}

/** Checks CV Lifetime against the histories from the CSV, row by row; returns its cells. */
async function checkLifetime(page: Page, histories: Map<string, { x: number; tx: number; T: number }>): Promise<unknown[][]> {
  const cells = await readCells(page, "CV Lifetime", 0, 0, histories.size + 2, 10);
  expect(cells[0]).toEqual(["CustomerID", "CV x, repeat purchases to 2011-12-10", "CV t_x, weeks from first to last purchase", "CV T, weeks from first purchase to 2011-12-10", "CV P(alive) at 2011-12-10", "CV Expected purchases, next 12 months", "CV Expected spend per purchase", "CV CLV, next 12 months at 1% a month, margin 100%", "CV CLV tier", ""]);
  const body = cells.slice(1, histories.size + 1);
  const seen = new Set<string>();
  for (const r of body) {
    const id = String(r[0]);
    const h = histories.get(id);
    expect(h).toBeDefined();
    seen.add(id);
    expect(r[1]).toBe(h!.x);
    expect(r[2] as number).toBeCloseTo(h!.tx, 10);
    expect(r[3] as number).toBeCloseTo(h!.T, 10);
    // P(alive) is 1 for a customer with no repeat purchase; CLV is a non-negative number.
    if (h!.x === 0) expect(r[4]).toBe(1);
    expect(r[7] as number).toBeGreaterThanOrEqual(0);
  }
  expect(seen.size).toBe(histories.size);
  expect(cells[histories.size + 1]!.every((v) => v === "")).toBe(true);
  return cells;
}

/** Checks CV Cross-sell: one row per customer of the lines, no recommendation of a product the customer bought; returns its cells. */
async function checkCrossSell(page: Page, products: Map<string, Set<string>>): Promise<unknown[][]> {
  const cells = await readCells(page, "CV Cross-sell", 0, 0, products.size + 2, 4);
  expect(cells[0]).toEqual(["CustomerID", "CV Recommendations", "CV Top recommendation", ""]);
  const body = cells.slice(1, products.size + 1);
  expect(new Set(body.map((r) => String(r[0])))).toEqual(new Set(products.keys()));
  for (const r of body) {
    const bought = products.get(String(r[0]))!;
    const recommended = r[1] === "" ? [] : String(r[1]).split("; ");
    for (const p of recommended) expect(bought.has(p)).toBe(false);
    expect(r[2]).toBe(recommended[0] ?? "");
  }
  expect(cells[products.size + 1]!.every((v) => v === "")).toBe(true);
  return cells;
}

describe("results never mix, in the preview page (Chromium)", () => {
  const suite = previewPageSuite({ width: 1400, height: 900 });

  test("lifetime value, then cross-sell (the repro), then the pyramid and clusters beside the table, a re-Apply and a removal: every results sheet holds its own analysis's rows", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    const pane = paneOf(page);
    const histories = historiesFromCsv();
    const products = productsFromCsv();
    await openFresh(page, `${suite.origin()}/preview.html`);

    // 1. Lifetime value on the Transactions sheet: CV Lifetime, one row per customer.
    await useTable(page, "Transactions");
    await pane.getByRole("radio", { name: /^Lifetime value/ }).check();
    await expect(pane.getByTestId("apply-where").textContent()).resolves.toContain("the summary to CV Lifetime summary");
    await pane.getByTestId("frequency-chart").waitFor({ state: "visible", timeout: 60_000 });
    expect(await apply(page)).toMatch(/^Wrote CustomerID, CV x, .* for 4,338 customers to CV Lifetime!A1:I4339, and the summary to CV Lifetime summary/);
    const lifetime = await checkLifetime(page, histories);

    // 2. Cross-sell on the Lines sheet: its own sheet, no confirmation, CV Lifetime untouched.
    await useTable(page, "Lines");
    await pane.getByRole("radio", { name: /^Cross-sell/ }).check();
    await pane.getByTestId("crosssell-counts").waitFor({ state: "visible", timeout: 60_000 });
    expect(await apply(page)).toMatch(/^Wrote CustomerID, CV Recommendations, CV Top recommendation for 615 customers to CV Cross-sell!A1:C616, \d[\d,]* rows to CV Rules, and the summary to CV Cross-sell summary/);
    expect(await page.getByRole("dialog").count()).toBe(0);
    const crossSell = await checkCrossSell(page, products);
    await expect(readCells(page, "CV Lifetime", 0, 0, histories.size + 2, 10)).resolves.toEqual(lifetime);
    await page.getByRole("tab", { name: "CV Cross-sell", exact: true }).click();
    await shoot(page, "1-cross-sell-sheet");

    // 3. The value pyramid beside the Customers table (L:M), then Clusters right of it (N:O).
    const customers = customersFromCsv();
    await useTable(page, "Customers");
    await pane.getByRole("radio", { name: /^Value pyramid/ }).check();
    expect(await apply(page)).toMatch(/^Wrote CV Score, CV Tier for 4,338 customers to Customers!L1:M4339/);
    const pyramid = await readCells(page, "Customers", 0, 11, 4340, 2);
    expect(pyramid[0]).toEqual(["CV Score", "CV Tier"]);
    await pane.getByRole("radio", { name: /^Clusters/ }).check();
    await pane.getByLabel("Number of clusters", { exact: true }).selectOption("4");
    await pane.getByTestId("cluster-profiles").waitFor({ state: "visible", timeout: 120_000 });
    await pane.getByTestId("silhouette-chart").evaluate((el) => el.scrollIntoView({ block: "start" }));
    await shoot(page, "2a-clusters-preview");
    const indicators = await pane.getByRole("group", { name: "Indicators to cluster on" }).getByRole("checkbox", { checked: true }).evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).labels?.[0]?.textContent ?? ""));
    expect(indicators.length).toBeGreaterThan(0);
    expect(await apply(page)).toMatch(/^Wrote CV Cluster, CV Distance for 4,338 customers to Customers!N1:O4339, and the summary to CV Clusters summary/);
    const clusters = await readCells(page, "Customers", 0, 13, 4340, 3);
    expect(clusters[0]).toEqual(["CV Cluster", "CV Distance", ""]);
    // Each customer's distance is the distance (z-scores, from the CSV) to the mean of its cluster's members.
    const z = indicators.map((name) => zScores(customers.column(name)));
    const label = clusters.slice(1, 4339).map((r) => String(r[0]));
    const names = [...new Set(label)].sort();
    expect(names).toEqual(["Cluster 1", "Cluster 2", "Cluster 3", "Cluster 4"]);
    const centres = new Map(names.map((n) => [n, z.map((col) => { const members = col.filter((_, i) => label[i] === n && !Number.isNaN(col[i]!)); return members.reduce((s, v) => s + v, 0) / members.length; })]));
    label.forEach((n, i) => {
      const distance = Math.sqrt(z.reduce((s, col, j) => s + (col[i]! - centres.get(n)![j]!) ** 2, 0));
      expect(clusters[i + 1]![1] as number).toBeCloseTo(distance, 9);
    });
    // The pyramid's columns did not move, and neither did the other analyses' sheets.
    await expect(readCells(page, "Customers", 0, 11, 4340, 2)).resolves.toEqual(pyramid);
    await expect(readCells(page, "CV Lifetime", 0, 0, histories.size + 2, 10)).resolves.toEqual(lifetime);
    await expect(readCells(page, "CV Cross-sell", 0, 0, products.size + 2, 4)).resolves.toEqual(crossSell);
    await page.getByRole("tab", { name: "Customers", exact: true }).click();
    await page.getByRole("grid").first().evaluate((grid) => grid.scrollBy({ left: 2000 }));
    await shoot(page, "2-pyramid-and-clusters-beside");

    // 4. Cross-sell again at 3% support: its own sheets are replaced without asking; the rest stays.
    await useTable(page, "Lines");
    await pane.getByRole("radio", { name: /^Cross-sell/ }).check();
    await pane.getByLabel("Min support (%)").fill("3");
    expect(await apply(page)).toMatch(/to CV Cross-sell!A1:C616/);
    expect(await page.getByRole("dialog").count()).toBe(0);
    await checkCrossSell(page, products);
    await expect(readCells(page, "CV Lifetime", 0, 0, histories.size + 2, 10)).resolves.toEqual(lifetime);
    await expect(readCells(page, "Customers", 0, 13, 4340, 3)).resolves.toEqual(clusters);

    // 5. Remove the lifetime results: CV Lifetime and its summary go; nothing else changes.
    await useTable(page, "Transactions");
    await pane.getByRole("radio", { name: /^Lifetime value/ }).check();
    await pane.getByRole("button", { name: "Remove results" }).click();
    await page.getByRole("dialog", { name: "Remove the Lifetime value results?" }).getByRole("button", { name: "Remove", exact: true }).click();
    await pane.getByTestId("apply-result").getByText("Removed the Lifetime value results: sheet CV Lifetime; sheet CV Lifetime summary.", { exact: false }).waitFor({ state: "visible" });
    const names2 = await sheets(page);
    expect(names2).not.toContain("CV Lifetime");
    expect(names2).not.toContain("CV Lifetime summary");
    expect(names2).not.toContain("CV Results");
    expect(names2.filter((n) => n.startsWith("CV "))).toEqual(["CV Cross-sell", "CV Rules", "CV Cross-sell summary", "CV Pyramid summary", "CV Clusters summary"]);
    await expect(readCells(page, "Customers", 0, 11, 4340, 2)).resolves.toEqual(pyramid);
    await expect(readCells(page, "Customers", 0, 13, 4340, 3)).resolves.toEqual(clusters);
    // The clusters summary's chart draws the silhouette column of its "Choosing k" table, k = 2 … 10.
    const summary = await page.evaluate(() => window.__cvPreview!.workbook.summary("CV Clusters summary"));
    const choosing = summary!.sections!.find((x) => x.title.startsWith("Choosing k"))!;
    expect(choosing.rows.map((r) => r[0])).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(summary!.chart.type).toBe("line");
    expect(summary!.chart.categories).toEqual(choosing.rows.map((r) => String(r[0])));
    expect(summary!.chart.series[0]!.values).toEqual(choosing.rows.map((r) => Math.round((r[2] as number) * 1000) / 1000));
    // The profiles' sizes are the counts of each label in CV Cluster.
    const profiles = summary!.sections!.find((x) => x.title.startsWith("Cluster profiles"))!;
    expect(profiles.rows.map((r) => [r[0], r[1]])).toEqual(names.map((n) => [n, label.filter((l) => l === n).length]));
    await page.getByRole("tab", { name: "CV Clusters summary", exact: true }).click();
    await shoot(page, "3-clusters-summary");
    expect(problems).toEqual(NO_PROBLEMS);
    await page.close();
  });
});
