/**
 * The Cross-sell analysis in the preview page, as a manager uses it: December 2011's 17,304
 * invoice lines (sheet Lines), the counts and the top rules, sorting the rules by another
 * measure, a product's best partners, a customer's recommendations, Apply to CV Rules, CV
 * Cross-sell and CV Cross-sell summary; the pane at 320 px; out-of-range settings, thresholds no rule
 * reaches, blank products and an error value in the data.
 *
 * Every expected number comes from assets/sample/lines.csv read here in Node with plain
 * Maps and Sets: each invoice's product set, every pair counted by brute force, the rules
 * by their definitions, and each customer's Jaccard neighbours and recommendations by the
 * documented rules (ties: the customer earlier in the data; scores equal to 9 decimals tie,
 * then more owners, then the product earlier in the data) — never the engine.
 * Screenshots: test-output/crossSell-<n>-<step>.png.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { parseModel } from "../../src/engine";
import { parseCsv } from "../../src/preview/csv";
import { MODEL_SETTING } from "../../src/taskpane/apply";
import { ROOT } from "../build/helpers";
import { type PageProblems, watch } from "../helpers/browser";
import { openFresh, paneOf, paneOverflow, previewPageSuite, readCells } from "../helpers/previewPage";

const OUTPUT = path.join(ROOT, "test-output");
const NO_PROBLEMS: PageProblems = { pageErrors: [], consoleErrors: [], failedLocal: [], external: [] };

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUTPUT, `crossSell-${name}.png`) });
}

// ---------------------------------------------------------------- the data, by brute force

const [HEADER, ...LINES] = parseCsv(readFileSync(path.join(ROOT, "assets/sample/lines.csv"), "utf8")).filter((r) => r.some((f) => f !== ""));
const col = (name: string) => HEADER!.indexOf(name);
const [CUSTOMER, INVOICE, PRODUCT, AMOUNT] = ["CustomerID", "InvoiceNo", "Product", "Amount"].map(col) as [number, number, number, number];

/** Each invoice's products, each product's invoice count. */
const invoices = new Map<string, Set<string>>();
for (const r of LINES) {
  const set = invoices.get(r[INVOICE]!) ?? new Set<string>();
  set.add(r[PRODUCT]!);
  invoices.set(r[INVOICE]!, set);
}
const N = invoices.size;
const productCount = new Map<string, number>();
const pairCount = new Map<string, number>();
for (const set of invoices.values()) {
  const list = [...set].sort();
  for (const p of list) productCount.set(p, (productCount.get(p) ?? 0) + 1);
  for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) {
    const key = `${list[i]}\u0000${list[j]}`;
    pairCount.set(key, (pairCount.get(key) ?? 0) + 1);
  }
}

interface Rule {
  a: string;
  b: string;
  count: number;
  countA: number;
  countB: number;
  support: number;
  confidence: number;
  lift: number;
  leverage: number;
  conviction: number;
}

/** The least basket count c with c / N ≥ share. */
function minCountOf(share: number): number {
  let c = 1;
  while (c / N < share) c++;
  return c;
}

/** Every rule A ⇒ B of two products at the thresholds, in the documented order: lift, count, confidence (all descending), then the names. */
function rulesAt(minSupport: number, minConfidence: number): Rule[] {
  const min = minCountOf(minSupport);
  const out: Rule[] = [];
  for (const [key, count] of pairCount) {
    if (count < min) continue;
    const [p, q] = key.split("\u0000") as [string, string];
    for (const [a, b] of [
      [p, q],
      [q, p],
    ] as const) {
      const countA = productCount.get(a)!;
      const countB = productCount.get(b)!;
      const confidence = count / countA;
      if (confidence < minConfidence) continue;
      out.push({
        a,
        b,
        count,
        countA,
        countB,
        support: count / N,
        confidence,
        lift: (count * N) / (countA * countB),
        leverage: count / N - (countA / N) * (countB / N),
        conviction: count === countA ? Number.POSITIVE_INFINITY : (1 - countB / N) / (1 - confidence),
      });
    }
  }
  const name = (r: Rule) => `${r.a}\u0000${r.b}`;
  return out.sort((x, y) => y.lift - x.lift || y.count - x.count || y.confidence - x.confidence || (name(x) < name(y) ? -1 : 1));
}

const RULES = rulesAt(0.01, 0.25);

/** Customers and products in order of first appearance; each customer's product set and amount. */
const customers: string[] = [];
const owned = new Map<string, Set<string>>();
const amount = new Map<string, number>();
const productOrder = new Map<string, number>();
for (const r of LINES) {
  const id = r[CUSTOMER]!;
  if (!owned.has(id)) {
    customers.push(id);
    owned.set(id, new Set());
    amount.set(id, 0);
  }
  owned.get(id)!.add(r[PRODUCT]!);
  amount.set(id, amount.get(id)! + Number(r[AMOUNT]));
  if (!productOrder.has(r[PRODUCT]!)) productOrder.set(r[PRODUCT]!, productOrder.size);
}

interface Recommendation {
  neighbours: number;
  list: { product: string; score: number; owners: number }[];
}

/** A customer's 10 most similar customers by Jaccard (J > 0) and the 3 products they bought most, weighted by J, that it did not. */
function recommend(id: string, k = 10, top = 3): Recommendation {
  const mine = owned.get(id)!;
  const similar: { index: number; id: string; j: number }[] = [];
  customers.forEach((other, index) => {
    if (other === id) return;
    const theirs = owned.get(other)!;
    let shared = 0;
    for (const p of mine) if (theirs.has(p)) shared++;
    if (shared > 0) similar.push({ index, id: other, j: shared / (mine.size + theirs.size - shared) });
  });
  similar.sort((x, y) => y.j - x.j || x.index - y.index);
  const chosen = similar.slice(0, k);
  const scores = new Map<string, { score: number; owners: number }>();
  for (const n of chosen) {
    for (const p of owned.get(n.id)!) {
      if (mine.has(p)) continue;
      const s = scores.get(p) ?? { score: 0, owners: 0 };
      s.score += n.j;
      s.owners++;
      scores.set(p, s);
    }
  }
  const round = (v: number) => Math.round(v * 1e9);
  const list = [...scores]
    .sort(([p, x], [q, y]) => round(y.score) - round(x.score) || y.owners - x.owners || productOrder.get(p)! - productOrder.get(q)!)
    .slice(0, top)
    .map(([product, s]) => ({ product, ...s }));
  return { neighbours: chosen.length, list };
}

const RECOMMENDATIONS = new Map(customers.map((id) => [id, recommend(id)]));

/** Customers by top recommendation: the 8 most frequent (ties by name), then the rest, then none. */
function topGroups(): { label: string; customers: number; value: number }[] {
  const count = new Map<string, { customers: number; value: number }>();
  let none = { customers: 0, value: 0 };
  for (const id of customers) {
    const first = RECOMMENDATIONS.get(id)!.list[0];
    if (!first) {
      none = { customers: none.customers + 1, value: none.value + amount.get(id)! };
      continue;
    }
    const g = count.get(first.product) ?? { customers: 0, value: 0 };
    count.set(first.product, { customers: g.customers + 1, value: g.value + amount.get(id)! });
  }
  const ranked = [...count].sort(([p, x], [q, y]) => y.customers - x.customers || (p < q ? -1 : 1));
  const rest = ranked.slice(8).reduce((s, [, g]) => ({ customers: s.customers + g.customers, value: s.value + g.value }), { customers: 0, value: 0 });
  return [
    ...ranked.slice(0, 8).map(([label, g]) => ({ label, ...g })),
    ...(rest.customers > 0 ? [{ label: "Other products", ...rest }] : []),
    ...(none.customers > 0 ? [{ label: "No recommendation", ...none }] : []),
  ];
}

const GROUPS = topGroups();

// ---------------------------------------------------------------- the page

/** Opens the preview, goes to the Lines sheet, reads its table and picks Cross-sell. */
async function openCrossSell(page: Page, url: string): Promise<void> {
  const pane = paneOf(page);
  await openFresh(page, url);
  await page.getByRole("tab", { name: "Lines" }).click();
  await pane.getByRole("button", { name: "Use this table" }).click();
  await pane.getByRole("table", { name: "Columns of the customer table" }).waitFor({ state: "visible" });
  await pane.getByRole("radio", { name: /^Cross-sell/ }).check();
  await pane.getByTestId("crosssell-counts").waitFor({ state: "visible", timeout: 30_000 });
}

/** The text of every cell of a table's body rows. */
function bodyRows(table: Locator): Promise<string[][]> {
  return table.locator("tbody tr").evaluateAll((rows) => rows.map((tr) => Array.from(tr.children).map((c) => (c.textContent ?? "").trim())));
}

/** The rules table: one row group per rule, its products then its five measures. */
function ruleRows(table: Locator): Promise<string[][]> {
  return table.locator("tbody").evaluateAll((groups) => groups.map((g) => Array.from(g.querySelectorAll("th, td")).map((c) => (c.textContent ?? "").trim())));
}

/** A rule as the preview's table shows it. */
const shown = (r: Rule) => [
  `${r.a} → ${r.b}`,
  `${(r.support * 100).toFixed(2)}%`,
  `${(r.confidence * 100).toFixed(1)}%`,
  r.lift.toFixed(2),
  r.leverage.toFixed(4),
  Number.isFinite(r.conviction) ? r.conviction.toFixed(2) : "∞",
];

/** Chooses an option of a search box: types part of it, then clicks the option. */
async function choose(page: Page, box: Locator, typed: string, option: string): Promise<void> {
  await box.click();
  await box.fill(typed);
  await page.getByRole("option", { name: option, exact: true }).click();
}

describe("Cross-sell in the preview page (Chromium)", () => {
  const suite = previewPageSuite({ width: 1280, height: 800 });

  test("counts, top rules (sortable), best partners and recommendations in the preview; Apply writes CV Rules, CV Cross-sell and CV Cross-sell summary", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    const pane = paneOf(page);
    const started = Date.now();
    await openCrossSell(page, `${suite.origin()}/preview.html`);
    console.log(`Cross-sell preview of 17,304 lines: ${Date.now() - started} ms from opening the page to the counts`);
    await pane.getByText("Lines!A1:F17305 (table Lines)", { exact: false }).waitFor();

    // The settings guessed from the headers, and what the support means in invoices.
    const analysis = pane.getByRole("region", { name: "Analysis" });
    await expect(analysis.getByLabel("Customer id").inputValue()).resolves.toBe("CustomerID");
    await expect(analysis.getByLabel("Basket").inputValue()).resolves.toBe("InvoiceNo");
    await expect(analysis.getByLabel("Product", { exact: true }).inputValue()).resolves.toBe("Product");
    await expect(analysis.getByLabel("Amount", { exact: true }).inputValue()).resolves.toBe("Amount");
    await expect(pane.getByLabel("Min support (%)").inputValue()).resolves.toBe("1");
    await expect(pane.getByLabel("Min confidence (%)").inputValue()).resolves.toBe("25");
    await expect(pane.getByLabel("Products in a rule").inputValue()).resolves.toBe("2");
    await expect(pane.getByLabel("Neighbours").inputValue()).resolves.toBe("10");
    await expect(pane.getByLabel("Recommendations", { exact: true }).inputValue()).resolves.toBe("3");
    // 1% of 778 invoices is 7.78: a pair needs 8 invoices.
    expect([N, minCountOf(0.01), productCount.size, RULES.length]).toEqual([778, 8, 2171, 935]);
    await pane.getByText("1% = 8 of 778 invoices", { exact: true }).waitFor();

    // The counts and the headline.
    await expect(pane.getByTestId("crosssell-counts").textContent()).resolves.toBe(`${N}Invoices${productCount.size.toLocaleString("en")}Products${RULES.length}Rules`);
    const top = GROUPS[0]!;
    const headline = (await pane.getByTestId("preview-headline").textContent()) ?? "";
    expect(headline).toMatch(
      new RegExp(`^935 rules from 778 invoices and 2,171 products \\(support ≥ 1% = 8 invoices, confidence ≥ 25%\\)\\. Top offer: ${top.label} to ${top.customers} customers \\(Amount ([\\d,]+)\\)\\.$`),
    );
    expect(Math.abs(Number(/Amount ([\d,]+)\)/.exec(headline)![1]!.replace(/,/g, "")) - top.value)).toBeLessThanOrEqual(0.5);

    // The top 25 rules by lift, as counted from the invoices.
    const rules = pane.getByRole("table", { name: "Rules" });
    expect(await ruleRows(rules)).toEqual(RULES.slice(0, 25).map(shown));
    expect(RULES[0]).toMatchObject({ a: "PINK DOG BOWL", b: "PINK CAT BOWL", count: 8, countA: 10, countB: 11 });
    await expect(pane.getByTestId("crosssell-rules-caption").textContent()).resolves.toMatch(/^Top 25 of 935 rules by lift, highest first/);
    await expect(rules.getByRole("columnheader", { name: /^Lift/ }).getAttribute("aria-sort")).resolves.toBe("descending");
    await pane.getByRole("heading", { name: "Top rules" }).evaluate((el) => el.scrollIntoView({ block: "start" }));
    await shoot(page, "1-rules");

    // Sorted by support: the pairs in most invoices first (ties keep the order by lift); again: fewest first.
    await rules.getByRole("button", { name: "Support" }).click();
    await expect(rules.getByRole("columnheader", { name: /^Support/ }).getAttribute("aria-sort")).resolves.toBe("descending");
    const bySupport = RULES.map((r, i) => ({ r, i })).sort((x, y) => y.r.count - x.r.count || x.i - y.i).map((e) => e.r);
    expect(bySupport[0]).toMatchObject({ a: "PAPER CHAIN KIT VINTAGE CHRISTMAS", b: "PAPER CHAIN KIT 50'S CHRISTMAS", count: 45 });
    expect(await ruleRows(rules)).toEqual(bySupport.slice(0, 25).map(shown));
    await rules.getByRole("button", { name: "Support" }).click();
    await expect(rules.getByRole("columnheader", { name: /^Support/ }).getAttribute("aria-sort")).resolves.toBe("ascending");
    const fewest = RULES.map((r, i) => ({ r, i })).sort((x, y) => x.r.count - y.r.count || x.i - y.i).map((e) => e.r);
    expect(await ruleRows(rules)).toEqual(fewest.slice(0, 25).map(shown));
    // Conviction, highest first: the two rules that always held (∞) lead.
    await rules.getByRole("button", { name: "Conviction" }).click();
    const always = RULES.filter((r) => r.count === r.countA);
    expect(always).toHaveLength(2);
    expect((await ruleRows(rules)).slice(0, 2)).toEqual(always.map(shown));

    // Best partners: the product in the top rule at first; then one chosen by typing part of its name.
    const partnersOf = (product: string) => RULES.filter((r) => r.a === product);
    const partners = () => pane.getByTestId("crosssell-partners");
    expect(await bodyRows(partners())).toEqual(partnersOf("PINK DOG BOWL").map((r) => [r.b, `${(r.confidence * 100).toFixed(1)}%`, r.lift.toFixed(2)]));
    await choose(page, pane.getByTestId("crosssell-product"), "spaceboy", "PLASTERS IN TIN SPACEBOY");
    await expect(pane.getByTestId("crosssell-product").inputValue()).resolves.toBe("PLASTERS IN TIN SPACEBOY");
    const spaceboy = partnersOf("PLASTERS IN TIN SPACEBOY");
    expect(spaceboy).toHaveLength(12);
    expect(await bodyRows(partners())).toEqual(spaceboy.map((r) => [r.b, `${(r.confidence * 100).toFixed(1)}%`, r.lift.toFixed(2)]));
    await pane.getByText(`In ${productCount.get("PLASTERS IN TIN SPACEBOY")} invoices; of them, the share that also had:`).waitFor();

    // Recommendations: the first customer with any at first; then the customer with the most products.
    const first = customers.find((id) => RECOMMENDATIONS.get(id)!.list.length > 0)!;
    await expect(pane.getByTestId("crosssell-customer").inputValue()).resolves.toBe(first);
    const biggest = [...customers].sort((x, y) => owned.get(y)!.size - owned.get(x)!.size || customers.indexOf(x) - customers.indexOf(y))[0]!;
    await choose(page, pane.getByTestId("crosssell-customer"), biggest, biggest);
    const expected = RECOMMENDATIONS.get(biggest)!;
    await expect(pane.getByTestId("crosssell-customer-summary").textContent()).resolves.toBe(`Bought ${owned.get(biggest)!.size} products; ${expected.neighbours} similar customers found.`);
    expect(await bodyRows(pane.getByTestId("crosssell-recommendations"))).toEqual(expected.list.map((r) => [r.product, r.score.toFixed(3), String(r.owners)]));
    console.log(`customer ${biggest}: ${owned.get(biggest)!.size} products; recommended ${expected.list.map((r) => `${r.product} (${r.score.toFixed(3)})`).join(", ")}`);
    await pane.getByText("Best partners of", { exact: true }).evaluate((el) => el.scrollIntoView({ block: "start" }));
    await shoot(page, "2-partners-recommendations");

    // Customers by top recommendation.
    const groups = pane.getByTestId("preview-table");
    for (const g of GROUPS) {
      const cells = (await groups.getByRole("row", { name: new RegExp(`^${g.label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} `) }).first().textContent()) ?? "";
      expect(cells.startsWith(`${g.label}${g.customers}`)).toBe(true);
    }
    await groups.scrollIntoViewIfNeeded();
    await shoot(page, "3-groups");

    // Apply: CV Rules (every rule), CV Cross-sell (one row per customer), CV Cross-sell summary.
    await pane.getByRole("button", { name: "Apply" }).click();
    const result = pane.getByTestId("apply-result");
    await result.waitFor({ state: "visible", timeout: 30_000 });
    await expect(result.textContent()).resolves.toMatch(
      /^Wrote CustomerID, CV Recommendations, CV Top recommendation for 615 customers to CV Cross-sell!A1:C616, 935 rows to CV Rules, and the summary to CV Cross-sell summary/,
    );
    const sheet = await readCells(page, "CV Rules", 0, 0, RULES.length + 2, 9);
    expect(sheet[0]).toEqual(["Antecedent", "Consequent", "Support", "Confidence", "Lift", "Leverage", "Conviction", "Invoices with the rule", ""]);
    expect(sheet[RULES.length + 1]!.every((v) => v === "")).toBe(true);
    sheet.slice(1, RULES.length + 1).forEach((row, i) => {
      const r = RULES[i]!;
      expect(row.slice(0, 2)).toEqual([r.a, r.b]);
      expect(row[7]).toBe(r.count);
      [r.support, r.confidence, r.lift, r.leverage].forEach((v, k) => expect(row[2 + k] as number).toBeCloseTo(v, 12));
      if (Number.isFinite(r.conviction)) expect(row[6] as number).toBeCloseTo(r.conviction, 12);
      else expect(row[6]).toBe("∞");
    });
    const formats = await page.evaluate(() => ["C2", "D2", "E2", "F2", "G2", "H2"].map((a) => window.__cvPreview!.workbook.cell("CV Rules", a)?.numberFormat ?? null));
    expect(formats).toEqual(["0.00%", "0.0%", "0.00", "0.0000", "0.00", "#,##0"]);

    const results = await readCells(page, "CV Cross-sell", 0, 0, customers.length + 1, 3);
    expect(results[0]).toEqual(["CustomerID", "CV Recommendations", "CV Top recommendation"]);
    expect(results.slice(1).map((r) => r[0])).toEqual(customers.map(Number));
    results.slice(1).forEach((row, i) => {
      const list = RECOMMENDATIONS.get(customers[i]!)!.list;
      expect(row.slice(1)).toEqual([list.map((r) => r.product).join("; "), list[0]?.product ?? ""]);
    });

    const summary = await page.evaluate(() => window.__cvPreview!.workbook.summary("CV Cross-sell summary"));
    expect(summary?.table.headers).toEqual(["Top recommendation", "Customers", "Share of customers", "Amount", "Share of value", "Suggested action"]);
    expect(summary?.table.rows.slice(0, -1).map((r) => [r[0], r[1]])).toEqual(GROUPS.map((g) => [g.label, g.customers]));
    summary!.table.rows.slice(0, -1).forEach((r, k) => expect(r[3] as number).toBeCloseTo(GROUPS[k]!.value, 6));
    expect(summary?.table.rows.at(-1)?.slice(0, 2)).toEqual(["Total", customers.length]);
    // The rules and the settings, before the pictures' sections (top rules by lift, a product's partners).
    const topRules = summary!.sections!.find((s) => s.title.startsWith("Top 20 of 935"));
    const settings = summary!.sections!.find((s) => s.title === "Cross-sell settings");
    expect(topRules!.title).toBe("Top 20 of 935 rules by lift (every rule on sheet CV Rules; conviction ∞: the rule always held)");
    expect(topRules!.rows.map((r) => [r[0], r[1], r[7]])).toEqual(RULES.slice(0, 20).map((r) => [r.a, r.b, r.count]));
    expect(settings!.rows).toEqual([
      ["Baskets", "invoices (InvoiceNo): products bought together"],
      ["Invoices", 778],
      ["Products", 2171],
      ["Lines", 17304],
      ["Minimum support (share)", 0.01],
      ["Minimum support (invoices)", 8],
      ["Minimum confidence", 0.25],
      ["Most products in a rule", 2],
      ["Rules found", 935],
      ["Neighbours", 10],
      ["Recommendations per customer", 3],
    ]);
    const saved = parseModel((await page.evaluate((key) => window.__cvPreview!.workbook.loadSetting(key), MODEL_SETTING))!);
    expect(saved.analysis).toBe("crossSell");
    expect(saved.crossSell).toEqual({ basket: "InvoiceNo", product: "Product", minSupport: 0.01, minConfidence: 0.25, maxSize: 2, neighbours: 10, top: 3 });
    expect(saved.source).toMatchObject({ sheet: "Lines", address: "A1:F17305", tableName: "Lines" });

    // The sheets as a colleague opens them.
    await page.setViewportSize({ width: 1600, height: 900 });
    await page.getByRole("tab", { name: "CV Rules" }).click();
    await page.getByRole("grid", { name: "Sheet CV Rules" }).getByRole("gridcell", { name: "PINK DOG BOWL", exact: true }).first().waitFor({ state: "visible" });
    await shoot(page, "4-rules-sheet");
    await page.getByRole("tab", { name: "CV Cross-sell", exact: true }).click();
    await page.getByRole("grid", { name: "Sheet CV Cross-sell", exact: true }).getByRole("gridcell", { name: "CV Recommendations", exact: true }).waitFor({ state: "visible" });
    await shoot(page, "5-results-sheet");
    await page.setViewportSize({ width: 2700, height: 1200 });
    await page.getByRole("tab", { name: "CV Cross-sell summary" }).click();
    await page.getByRole("grid", { name: "Sheet CV Cross-sell summary" }).getByRole("gridcell", { name: "Share of value", exact: true }).first().waitFor({ state: "visible" });
    await page.getByRole("img", { name: /^Chart: Share of customers and of value by top recommendation/ }).waitFor({ state: "visible" });
    await shoot(page, "6-summary");

    // Re-Apply with a higher support: CV Rules holds the fewer rules only, nothing stale below them.
    await page.setViewportSize({ width: 1280, height: 800 });
    const fewer = rulesAt(0.03, 0.25);
    await pane.getByLabel("Min support (%)").fill("3");
    await pane.getByTestId("preview-headline").getByText(`${fewer.length} rules from 778 invoices`, { exact: false }).waitFor({ state: "visible" });
    await pane.getByRole("button", { name: "Apply" }).click();
    // CV Cross-sell and CV Rules are this analysis's own: a re-Apply replaces them without asking.
    await result.getByText(`${fewer.length} rows to CV Rules`, { exact: false }).waitFor({ state: "visible", timeout: 30_000 });
    const again = await readCells(page, "CV Rules", 0, 0, RULES.length + 1, 8);
    expect(again.slice(1, fewer.length + 1).map((r) => [r[0], r[1], r[7]])).toEqual(fewer.map((r) => [r.a, r.b, r.count]));
    expect(again.slice(fewer.length + 1).every((r) => r.every((v) => v === ""))).toBe(true);
    expect(problems).toEqual(NO_PROBLEMS);
    await page.close();
  });

  test("at 320 px nothing sticks out; settings out of range, thresholds no rule reaches, blank products and an error value are explained", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    const pane = paneOf(page);
    await openCrossSell(page, `${suite.origin()}/preview.html?paneWidth=320`);
    expect((await pane.boundingBox())?.width).toBe(320);
    const layout = () => paneOverflow(page);
    await expect(layout()).resolves.toEqual({ outside: [], scrollsSideways: false });
    await pane.getByText("A lines table: one row per product bought").evaluate((el) => el.scrollIntoView({ block: "start" }));
    await shoot(page, "7-narrow-settings");
    await pane.getByRole("heading", { name: "Top rules" }).evaluate((el) => el.scrollIntoView({ block: "start" }));
    await shoot(page, "8-narrow-rules");
    // The five measures fit the narrow pane: the rule table needs no sideways scrolling.
    const widths = await pane.getByRole("region", { name: "Top rules" }).evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await pane.getByTestId("crosssell-recommendations").scrollIntoViewIfNeeded();
    await shoot(page, "9-narrow-recommendations");

    // Support 0 is not allowed: a message under the box, and the preview keeps the last good run.
    const support = pane.getByLabel("Min support (%)");
    await support.fill("0");
    await pane.getByText("A share above 0% and at most 100%").waitFor({ state: "visible" });
    await page.waitForTimeout(400);
    await expect(pane.getByTestId("preview-headline").textContent()).resolves.toMatch(/^935 rules from 778 invoices/);
    await support.evaluate((el) => el.scrollIntoView({ block: "center" }));
    await shoot(page, "10-narrow-support-0");
    await expect(layout()).resolves.toEqual({ outside: [], scrollsSideways: false });

    // 5% = 39 invoices: the rules counted from the invoices at that support.
    const five = rulesAt(0.05, 0.25);
    await support.fill("5");
    await pane.getByTestId("preview-headline").getByText(`${five.length} rule${five.length === 1 ? "" : "s"} from 778 invoices and 2,171 products (support ≥ 5% = 39 invoices`, { exact: false }).waitFor({ state: "visible" });
    await pane.getByText("5% = 39 of 778 invoices", { exact: true }).waitFor();
    // 20%: no product is in 156 invoices, so no rule; the pane says what to lower.
    expect(Math.max(...productCount.values())).toBeLessThan(minCountOf(0.2));
    await support.fill("20");
    const none = pane.getByTestId("preview-noRules");
    await none.waitFor({ state: "visible", timeout: 30_000 });
    // The pane names its own field ("Min support (%)"), not the engine's words ("the minimum support").
    await expect(none.textContent()).resolves.toBe(
      `No rule at support ≥ 20% (${minCountOf(0.2)} of 778 invoices) and confidence ≥ 25%: no product is in ${minCountOf(0.2)} invoices or more, so no two can be: lower Min support.`,
    );
    await expect(pane.getByRole("table", { name: "Rules" }).count()).resolves.toBe(0);
    await expect(pane.getByTestId("crosssell-no-rules").textContent()).resolves.toBe("No rule reaches these thresholds; the warning below says which one to lower.");
    await none.scrollIntoViewIfNeeded();
    await shoot(page, "11-narrow-no-rules");
    await support.fill("1");
    await pane.getByTestId("preview-headline").getByText("935 rules from 778 invoices", { exact: false }).waitFor({ state: "visible" });

    // Blank products in data rows 1 and 4: those lines are left out and named.
    const original = (await readCells(page, "Lines", 1, 3, 7, 1)).map((r) => r[0] as string);
    const writeProducts = (values: (string | null)[]) =>
      page.evaluate((rows) => window.__cvPreview!.workbook.writeBlock({ sheet: "Lines", top: 0, left: 3, headers: ["Product"], rows }), values.map((v) => [v]));
    await writeProducts([null, original[1]!, original[2]!, null, original[4]!, original[5]!, original[6]!]);
    await pane.getByRole("button", { name: "Read the table again" }).click();
    const skipped = pane.getByText("2 lines have no InvoiceNo or no Product (data rows 1, 4): left out of the rules.");
    await skipped.waitFor({ state: "visible", timeout: 30_000 });
    await pane.getByText("2 lines have no CustomerID or no Product (data rows 1, 4): left out of the customers' products.").waitFor({ state: "visible" });
    await skipped.scrollIntoViewIfNeeded();
    await shoot(page, "12-narrow-blank-products");

    // An error value in the product column: the preview says where, and Apply waits.
    await writeProducts([original[0]!, original[1]!, original[2]!, original[3]!, original[4]!, original[5]!, "#N/A"]);
    await pane.getByRole("button", { name: "Read the table again" }).click();
    const error = pane.getByText('Product, data row 7: expected a product, found "#N/A".');
    await error.waitFor({ state: "visible", timeout: 30_000 });
    await expect(pane.getByRole("button", { name: "Apply" }).getAttribute("aria-disabled")).resolves.toBe("true");
    await error.scrollIntoViewIfNeeded();
    await shoot(page, "13-narrow-error");
    await expect(layout()).resolves.toEqual({ outside: [], scrollsSideways: false });
    expect(problems).toEqual(NO_PROBLEMS);
    await page.close();
  });
});
