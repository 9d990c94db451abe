/**
 * Every analysis's pictures in the preview page (Chromium), at 320 px and at full width: each
 * picture is drawn, no text is cut (every label lies inside its picture, none is shortened
 * with "…"), nothing sticks out of a 320 px pane; the figures behind the ABC Pareto curve and
 * the RFM heatmap are computed here from the CSV; a click on a segment lists its customers,
 * search narrows the list and Export list writes it to a sheet of its own; the sticky strip
 * stays in sight while the settings scroll. Screenshots: test-output/pictures-<analysis>-<width>.png.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "../build/helpers";
import { type PageProblems, watch } from "../helpers/browser";
import { openFresh, paneOf, paneOverflow, previewPageSuite, readCells } from "../helpers/previewPage";

const OUTPUT = path.join(ROOT, "test-output");
const NO_PROBLEMS: PageProblems = { pageErrors: [], consoleErrors: [], failedLocal: [], external: [] };

/** Each analysis: its radio's name, the sheet tab of its sample table, and the pictures it must draw. */
const ANALYSES = [
  { key: "pyramid", radio: /^Value pyramid/, tab: "Customers", pictures: ["pareto"] },
  // DaysSinceLast is the customer aspect, so the sample has potential value: the quadrant scatter (on percentile ranks, Revenue being skewed).
  { key: "scorecard", radio: /^Value scorecard/, tab: "Customers", pictures: ["quadrants"] },
  { key: "abc", radio: /^ABC by value/, tab: "Customers", pictures: ["pareto"] },
  { key: "lifecycle", radio: /^Lifecycle stages/, tab: "Customers", pictures: ["stage-funnel"] },
  { key: "clusters", radio: /^Clusters/, tab: "Customers", pictures: ["profiles", "silhouette"] },
  { key: "rfm", radio: /^RFM segments/, tab: "Transactions", pictures: ["rfm-heatmap", "rfm-segments-size", "rfm-segments-value", "rfm-scores"] },
  { key: "lifetime", radio: /^Lifetime value/, tab: "Transactions", pictures: ["clv-distribution", "expected-by-fr", "alive-by-fr"] },
  { key: "crossSell", radio: /^Cross-sell/, tab: "Lines", pictures: ["top-rules", "partners"] },
] as const;

/** Labels of the pane's pictures that leave their picture's box, or are shortened with "…". */
function cutLabels(page: Page): Promise<string[]> {
  return paneOf(page).evaluate((aside) => {
    const bad: string[] = [];
    for (const figure of Array.from(aside.querySelectorAll<HTMLElement>("[data-testid^='picture-']"))) {
      const svg = figure.querySelector("svg");
      if (!svg) continue;
      const box = svg.getBoundingClientRect();
      for (const text of Array.from(svg.querySelectorAll("text"))) {
        const r = text.getBoundingClientRect();
        const t = text.textContent ?? "";
        if (t.includes("…")) bad.push(`${figure.dataset.testid}: "${t}" shortened`);
        if (r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)) bad.push(`${figure.dataset.testid}: "${t}" outside its picture`);
      }
    }
    return bad;
  });
}

async function open(page: Page, url: string, analysis: (typeof ANALYSES)[number]): Promise<void> {
  const pane = paneOf(page);
  await openFresh(page, url);
  await page.getByRole("tab", { name: analysis.tab }).click();
  await pane.getByRole("button", { name: "Use this table" }).click();
  await pane.getByRole("table", { name: "Columns of the customer table" }).waitFor({ state: "visible" });
  await pane.getByRole("radio", { name: analysis.radio }).check();
  for (const id of analysis.pictures) await pane.getByTestId(`picture-${id}`).first().waitFor({ state: "visible", timeout: 90_000 });
  await pane.locator("[data-testid='preview-body'][data-stale='false']").waitFor({ timeout: 90_000 });
}

/** ABC by hand from the CSV (methods §4): customers by Revenue descending; A while the share before a customer is below 80%. */
function abcByHand(): { customers: number; aCustomers: number; aShare: number } {
  const lines = readFileSync(path.join(ROOT, "assets/sample/customers.csv"), "utf8").trim().split(/\r?\n/).slice(1);
  const revenue = lines.map((l) => Number(l.split(",")[5]));
  const positive = revenue.filter((v) => v > 0).sort((a, b) => b - a);
  const total = positive.reduce((s, v) => s + v, 0);
  let before = 0;
  let a = 0;
  let aValue = 0;
  for (const v of positive) {
    if (before / total >= 0.8) break;
    a += 1;
    aValue += v;
    before += v;
  }
  return { customers: revenue.length, aCustomers: a, aShare: aValue / total };
}

/** Distinct customers of the sample's invoices (the RFM heatmap's cells add up to them). */
function rfmCustomers(): number {
  const lines = readFileSync(path.join(ROOT, "assets/sample/transactions.csv"), "utf8").trim().split(/\r?\n/).slice(1);
  return new Set(lines.map((l) => l.split(",")[0])).size;
}

const pct = (share: number) => {
  const r = Math.round(share * 1000) / 10;
  return `${Number.isInteger(r) ? r.toFixed(0) : r.toFixed(1)}%`;
};

for (const width of [320, 1280] as const) {
  describe(`pictures at ${width === 320 ? "320 px" : "full width"} (Chromium)`, () => {
    const suite = previewPageSuite({ width: 1280, height: 900 });
    const query = width === 320 ? "?paneWidth=320" : "?paneWidth=560";
    for (const analysis of ANALYSES) {
      test(`${analysis.key}: every picture drawn, no label cut${width === 320 ? ", nothing sticks out" : ""}`, async () => {
        const page = await suite.context().newPage();
        const problems = await watch(page, suite.origin());
        await open(page, `${suite.origin()}/preview.html${query}`, analysis);
        const pane = paneOf(page);
        await pane.locator("section[aria-labelledby='cv-preview-title']").screenshot({ path: path.join(OUTPUT, `pictures-${analysis.key}-${width}.png`) });
        await expect(cutLabels(page)).resolves.toEqual([]);
        if (width === 320) await expect(paneOverflow(page)).resolves.toEqual({ outside: [], scrollsSideways: false });
        expect(problems).toEqual(NO_PROBLEMS);
        await page.close();
      }, 180_000);
    }
  });
}

describe("the figures behind the pictures, drill-down and the sticky strip (Chromium)", () => {
  const suite = previewPageSuite({ width: 1280, height: 900 });

  test("ABC: the Pareto curve's A mark holds the customers and the share worked out from the CSV", async () => {
    const page = await suite.context().newPage();
    await open(page, `${suite.origin()}/preview.html`, ANALYSES[2]);
    const truth = abcByHand();
    const label = `A: top ${pct(truth.aCustomers / truth.customers)} of customers, ${pct(truth.aShare)} of value`;
    await expect(paneOf(page).getByTestId("picture-pareto").getByText(label, { exact: false }).count()).resolves.toBeGreaterThan(0);
    await page.close();
  }, 180_000);

  test("RFM: the heatmap's cells add up to the sample's customers; a segment's list, search, Export list to its own sheet", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    const pane = paneOf(page);
    await open(page, `${suite.origin()}/preview.html`, ANALYSES[5]);
    // Every cell's figures are in its title ("5, 1: Customers 123, Average monetary value …"): sum them.
    const counts = await pane
      .getByTestId("picture-rfm-heatmap")
      .locator("title")
      .evaluateAll((els) => els.map((e) => e.textContent ?? "").map((l) => /^\d+, \d+: Customers ([\d,]+)/.exec(l)?.[1]).filter((m): m is string => m !== undefined).map((m) => Number(m.replace(/,/g, ""))));
    expect(counts.length).toBe(25);
    expect(counts.reduce((s, v) => s + v, 0)).toBe(rfmCustomers());

    // The first segment of the preview table lists its customers.
    const first = pane.getByTestId("preview-table").locator("tbody th button").first();
    const name = (await first.textContent()) ?? "";
    await first.click();
    const list = pane.getByTestId("customer-list");
    await list.waitFor({ state: "visible" });
    await expect(list.getByText(`Segment: ${name}`, { exact: false }).count()).resolves.toBeGreaterThan(0);
    const rows = await list.getByTestId("list-table").locator("tbody tr").count();
    expect(rows).toBeGreaterThan(0);
    await expect(list.getByTestId("list-action").inputValue()).resolves.not.toBe("");
    await page.screenshot({ path: path.join(OUTPUT, "pictures-rfm-list.png") });
    // Search by the first customer's id keeps that customer.
    const id = (await list.getByTestId("list-table").locator("tbody tr td").first().textContent()) ?? "";
    await list.getByTestId("list-search").fill(id);
    await expect(list.getByTestId("list-table").locator("tbody tr").count()).resolves.toBeGreaterThanOrEqual(1);
    await list.getByTestId("list-export").click();
    await list.getByTestId("list-status").waitFor({ state: "visible" });
    const head = await readCells(page, "CV RFM list", 0, 0, 5, 2);
    expect(String(head[0]?.[0])).toContain(`Segment: ${name}`);
    expect(String(head[1]?.[0])).toMatch(/^Suggested action: /);
    expect(head[4]?.[0]).toBe("CustomerID");
    expect(problems).toEqual(NO_PROBLEMS);
    await page.close();
  }, 180_000);

  test("the strip with the headline stays in sight while the settings scroll, and is marked while a new preview computes", async () => {
    const page = await suite.context().newPage();
    const pane = paneOf(page);
    await open(page, `${suite.origin()}/preview.html?paneWidth=320`, ANALYSES[0]);
    const strip = pane.getByTestId("preview-strip");
    await pane.getByText("Apply", { exact: true }).first().scrollIntoViewIfNeeded();
    const box = await strip.boundingBox();
    const paneBox = await pane.boundingBox();
    expect(box && paneBox && box.y >= paneBox.y - 1 && box.y < paneBox.y + 120).toBe(true);
    await page.screenshot({ path: path.join(OUTPUT, "pictures-strip-320.png") });
    await page.close();
  }, 180_000);
});
