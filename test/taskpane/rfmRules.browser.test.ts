/**
 * The RFM segment rule editor and the tier presets at 320 px in the preview page (Chromium),
 * as a manager uses them: nothing sticks out of the pane and no segment name is cut; the
 * preview's segment counts are the ones worked out here from the sample CSV (R, F and M
 * scored by hand, methods §6) for the standard rules, after an edit, an added segment and a
 * reorder done with the keyboard; a range that cannot match or a score above the bins says
 * so in words beside the field and turns Apply off. A tier preset reads as a summary in %
 * and "Customise" turns it into fields with the same values.
 * Screenshots: test-output/rfm-rules-320.png, test-output/tier-preset-320.png.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "../build/helpers";
import { type PageProblems, watch } from "../helpers/browser";
import { openFresh, paneOf, paneOverflow, previewPageSuite } from "../helpers/previewPage";

const OUTPUT = path.join(ROOT, "test-output");
const NO_PROBLEMS: PageProblems = { pageErrors: [], consoleErrors: [], failedLocal: [], external: [] };

/** A rule as the test writes it: name, then R, F, M as [lowest, highest] (null = any). */
type Rule = [string, [number | null, number | null], [number | null, number | null], [number | null, number | null]];

/** The standard segments (methods §6; the engine's DEFAULT_SEGMENT_RULES), written out here. */
const STANDARD: Rule[] = [
  ["Champions", [5, 5], [5, 5], [5, 5]],
  ["Potential Loyalist", [3, 5], [3, 5], [2, 5]],
  ["Loyal Customers", [2, 4], [2, 4], [2, 4]],
  ["Promising", [3, 4], [1, 3], [3, 5]],
  ["New Customers", [4, 5], [1, 3], [1, 5]],
  ["Can't Lose Them", [1, 2], [3, 4], [4, 5]],
  ["At Risk", [1, 2], [2, 5], [4, 5]],
  ["Need Attention", [1, 3], [3, 5], [3, 5]],
  ["About To Sleep", [2, 3], [1, 3], [1, 4]],
  ["Lost", [1, 1], [1, 5], [1, 5]],
];

/** Equal-frequency scores 1–q on midranks: score = min(q, floor((midrank − 0.5) / n × q) + 1). */
function scores(values: number[], q = 5): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const rank = new Array<number>(values.length);
  for (let a = 0; a < order.length; ) {
    let b = a;
    while (b + 1 < order.length && order[b + 1]![0] === order[a]![0]) b++;
    for (let k = a; k <= b; k++) rank[order[k]![1]] = (a + b) / 2 + 1;
    a = b + 1;
  }
  return rank.map((r) => Math.min(q, Math.floor(((r - 0.5) / values.length) * q) + 1));
}

/**
 * R, F, M scores of every customer of the sample invoices, by hand: recency = days from the
 * last invoice to the day after the latest date (scored on −recency), frequency = distinct
 * invoices, monetary = total amount (the sample has no returns).
 */
function customerScores(): { r: number; f: number; m: number }[] {
  const lines = readFileSync(path.join(ROOT, "assets/sample/transactions.csv"), "utf8").trim().split(/\r?\n/).slice(1);
  const byCustomer = new Map<string, { last: number; invoices: Set<string>; total: number }>();
  let latest = -Infinity;
  for (const line of lines) {
    const [id, invoice, date, amount] = line.split(",") as [string, string, string, string];
    const day = Date.parse(`${date}T00:00:00Z`) / 86_400_000;
    latest = Math.max(latest, day);
    const c = byCustomer.get(id) ?? { last: -Infinity, invoices: new Set<string>(), total: 0 };
    c.last = Math.max(c.last, day);
    c.invoices.add(invoice);
    c.total += Number(amount);
    byCustomer.set(id, c);
  }
  const customers = [...byCustomer.values()];
  const asOf = latest + 1;
  const r = scores(customers.map((c) => -(asOf - c.last)));
  const f = scores(customers.map((c) => c.invoices.size));
  const m = scores(customers.map((c) => c.total));
  return customers.map((_, i) => ({ r: r[i]!, f: f[i]!, m: m[i]! }));
}

/** Customers per segment under the rules (first match wins), then Others, as "label: count" for the preview table. */
function segmentCounts(rules: Rule[], all: { r: number; f: number; m: number }[]): string[] {
  const within = (v: number, [lo, hi]: [number | null, number | null]) => (lo === null || v >= lo) && (hi === null || v <= hi);
  const counts = new Array<number>(rules.length + 1).fill(0);
  for (const c of all) {
    const k = rules.findIndex(([, r, f, m]) => within(c.r, r) && within(c.f, f) && within(c.m, m));
    counts[k < 0 ? rules.length : k]! += 1;
  }
  return [...rules.map(([name]) => name), "Others"].map((name, k) => `${name}: ${counts[k]!.toLocaleString("en")}`);
}

/** The preview table's segments and customer counts as "label: count", once the preview has caught up with the edits. */
async function previewCounts(page: Page, expected: string[]): Promise<string[]> {
  const read = () =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid="preview-table"] tbody tr')).map((tr) => `${tr.querySelector("th")?.textContent ?? ""}: ${tr.querySelector("td")?.textContent ?? ""}`),
    );
  // The preview runs a moment after the last edit: wait for the expected rows, then read what is there (a mismatch then shows in the assertion).
  await page
    .waitForFunction(
      (want) => {
        const body = document.querySelector('[data-testid="preview-body"]');
        const rows = Array.from(document.querySelectorAll('[data-testid="preview-table"] tbody tr')).map((tr) => `${tr.querySelector("th")?.textContent ?? ""}: ${tr.querySelector("td")?.textContent ?? ""}`);
        return body?.getAttribute("data-stale") === "false" && rows.join("|") === want.join("|");
      },
      expected,
      { timeout: 30_000 },
    )
    .catch(() => undefined);
  return read();
}

/** The accessible name of the focused element. */
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent ?? "");

describe("RFM segment rules and tier presets at 320 px (Chromium)", () => {
  const suite = previewPageSuite({ width: 1280, height: 900 });

  test("the rule editor fits 320 px; edits, an added segment and a keyboard reorder move the counts as worked out from the CSV; bad ranges say so and turn Apply off", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    const pane = paneOf(page);
    await openFresh(page, `${suite.origin()}/preview.html?paneWidth=320`);
    expect((await pane.boundingBox())?.width).toBe(320);
    await page.getByRole("tab", { name: "Transactions" }).click();
    await pane.getByRole("button", { name: "Use this table" }).click();
    await pane.getByRole("radio", { name: /^RFM segments/ }).check();
    const rules = pane.getByRole("list", { name: "Segment rules, first match wins" });
    await rules.waitFor({ state: "visible" });
    const all = customerScores();

    // The standard segments, in order; the preview's counts are the hand-worked ones and add up to every customer.
    let current = STANDARD.map((r): Rule => [r[0], [...r[1]], [...r[2]], [...r[3]]]);
    expect(await previewCounts(page, segmentCounts(current, all))).toEqual(segmentCounts(current, all));
    const names = rules.getByRole("textbox", { name: /^Name of segment \d+$/ });
    expect(await names.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual(STANDARD.map((r) => r[0]));

    // At 320 px nothing sticks out or scrolls sideways, and every name shows in full.
    await expect(paneOverflow(page)).resolves.toEqual({ outside: [], scrollsSideways: false });
    const cut = await names.evaluateAll((inputs) => inputs.filter((i) => i.scrollWidth > i.clientWidth).map((i) => (i as HTMLInputElement).value));
    expect(cut).toEqual([]);
    for (const letter of ["R", "F", "M"]) await pane.getByRole("textbox", { name: `Champions: lowest ${letter} score` }).waitFor({ state: "visible" });

    // Champions from R 4 (not only 5): Champions gains exactly the customers the hand count says, the total stays.
    const championsBefore = segmentCounts(current, all)[0]!;
    await pane.getByRole("textbox", { name: "Champions: lowest R score" }).fill("4");
    current[0]![1] = [4, 5];
    const edited = segmentCounts(current, all);
    expect(await previewCounts(page, edited)).toEqual(edited);
    expect(Number(edited[0]!.split(": ")[1]!.replace(/,/g, ""))).toBeGreaterThan(Number(championsBefore.split(": ")[1]!.replace(/,/g, "")));
    const total = (rows: string[]) => rows.reduce((s, row) => s + Number(row.split(": ").pop()!.replace(/,/g, "")), 0);
    expect(total(edited)).toBe(all.length);

    // Add a segment: it comes last, open on every score, so it takes in every customer the others leave (Others drops to 0).
    await pane.getByRole("button", { name: "Add a segment" }).click();
    expect(await focusedName(page)).toBe("Name of segment 11");
    expect(await pane.getByRole("textbox", { name: "Name of segment 11" }).inputValue()).toBe("Segment 11");
    current.push(["Segment 11", [null, null], [null, null], [null, null]]);
    const added = segmentCounts(current, all);
    expect(added.at(-1)).toBe("Others: 0");
    expect(added.at(-2)).toBe(`Segment 11: ${edited.at(-1)!.split(": ")[1]}`);
    expect(await previewCounts(page, added)).toEqual(added);
    await expect(paneOverflow(page)).resolves.toEqual({ outside: [], scrollsSideways: false });

    // Delete it again.
    await pane.getByRole("button", { name: "Delete Segment 11" }).click();
    current.pop();
    await expect(rules.getByRole("listitem").count()).resolves.toBe(10);
    expect(await previewCounts(page, edited)).toEqual(edited);

    // Reorder with the keyboard: Enter, then Space on "Move Champions down"; the focus follows Champions.
    await pane.getByRole("button", { name: "Move Champions down" }).focus();
    await page.keyboard.press("Enter");
    expect(await focusedName(page)).toBe("Move Champions down");
    await page.keyboard.press("Space");
    expect(await focusedName(page)).toBe("Move Champions down");
    current = [current[1]!, current[2]!, current[0]!, ...current.slice(3)];
    expect(await names.evaluateAll((inputs) => inputs.slice(0, 3).map((i) => (i as HTMLInputElement).value))).toEqual(["Potential Loyalist", "Loyal Customers", "Champions"]);
    const reordered = segmentCounts(current, all);
    expect(await previewCounts(page, reordered)).toEqual(reordered);
    // Below Potential Loyalist (R 3–5, F 3–5, M 2–5, which holds every R 4–5, F 5, M 5 customer) Champions is empty.
    expect(reordered[2]).toBe("Champions: 0");
    // Back to the top: Shift+Tab to "Move Champions up", Enter twice; at the top the focus goes to its "down" button.
    await page.keyboard.press("Shift+Tab");
    expect(await focusedName(page)).toBe("Move Champions up");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    expect(await focusedName(page)).toBe("Move Champions down");
    current = [current[2]!, current[0]!, current[1]!, ...current.slice(3)];
    expect(await previewCounts(page, edited)).toEqual(edited);

    // A range that cannot match: the message in words under the card, the preview says it, Apply is off.
    await pane.getByRole("textbox", { name: "Champions: highest F score" }).fill("3");
    const champions = rules.getByRole("listitem").first();
    const issue = champions.getByTestId("rfm-rule-issue");
    await issue.waitFor({ state: "visible" });
    expect(await issue.textContent()).toBe("The lowest F score (5) is above the highest (3): no customer can match.");
    expect(await pane.getByRole("textbox", { name: "Champions: highest F score" }).getAttribute("aria-invalid")).toBe("true");
    const error = pane.getByTestId("preview-error");
    await error.waitFor({ state: "visible", timeout: 30_000 });
    expect(await error.textContent()).toBe("Champions: the lowest F score (5) is above the highest (3): no customer can match.");
    expect(await pane.getByTestId("apply-off").textContent()).toBe("Apply is off: the preview shows why the model cannot run.");
    expect(await pane.getByRole("button", { name: "Apply", exact: true }).getAttribute("aria-disabled")).toBe("true");
    // A score above the bins, and a name used twice, are said beside their fields too.
    await pane.getByRole("textbox", { name: "Champions: highest F score" }).fill("5");
    await pane.getByRole("textbox", { name: "Champions: lowest M score" }).fill("7");
    expect(await champions.getByTestId("rfm-rule-issue").textContent()).toBe("The lowest M score is 7: give a whole score from 1 to 5 (the score bins), or leave it blank for any.");
    await pane.getByRole("textbox", { name: "Name of segment 2" }).fill("Champions");
    expect(await rules.getByRole("listitem").nth(1).getByTestId("rfm-rule-issue").first().textContent()).toBe("Segment 1 is called Champions too: give each segment its own name.");
    await expect(paneOverflow(page)).resolves.toEqual({ outside: [], scrollsSideways: false });
    // A window tall enough for the whole editor; the sticky preview strip, which would cover its top, is hidden for the picture.
    await page.setViewportSize({ width: 1280, height: 1600 });
    await pane.getByTestId("rfm-rules-editor").screenshot({ path: path.join(OUTPUT, "rfm-rules-320.png"), style: '[data-testid="preview-strip"] { visibility: hidden; }' });
    await page.setViewportSize({ width: 1280, height: 900 });

    // Restore the standard segments: no message, the standard counts, Apply back on.
    await pane.getByRole("button", { name: "Restore the standard segments" }).click();
    await error.waitFor({ state: "detached", timeout: 30_000 });
    await expect(rules.getByTestId("rfm-rule-issue").count()).resolves.toBe(0);
    const standard = segmentCounts(STANDARD, all);
    expect(await previewCounts(page, standard)).toEqual(standard);
    expect(await pane.getByRole("button", { name: "Apply", exact: true }).getAttribute("aria-disabled")).toBeNull();
    expect(problems).toEqual(NO_PROBLEMS);
    await page.close();
  }, 180_000);

  test("a tier preset reads as a summary in %; Customise turns it into fields with the same values; a preset again shows the summary", async () => {
    const page = await suite.context().newPage();
    const problems = await watch(page, suite.origin());
    const pane = paneOf(page);
    await openFresh(page, `${suite.origin()}/preview.html?paneWidth=320`);
    await pane.getByRole("button", { name: "Use this table" }).click();
    await pane.getByTestId("preview-headline").waitFor({ state: "visible", timeout: 30_000 });
    const tiers = pane.getByRole("combobox", { name: "Tiers", exact: true });
    expect(await tiers.inputValue()).toBe("pyramid");
    const summary = pane.getByRole("list", { name: "Tiers of the preset, from the top" });
    const summaryRows = () => summary.getByRole("listitem").evaluateAll((items) => items.map((li) => Array.from(li.children).map((c) => c.textContent).filter((t) => t !== "").join(" ")));
    expect(await summaryRows()).toEqual(["Top top 1%", "Big next 4%", "Medium next 15%", "Small the other 80%"]);
    // A preset has no share fields to look disabled.
    await expect(pane.getByRole("spinbutton", { name: /^Share of tier/ }).count()).resolves.toBe(0);
    await expect(paneOverflow(page)).resolves.toEqual({ outside: [], scrollsSideways: false });
    await tiers.scrollIntoViewIfNeeded();
    await pane.getByTestId("tier-preset-summary").screenshot({ path: path.join(OUTPUT, "tier-preset-320.png") });

    await tiers.selectOption({ label: "A 20%, B 30%, C 30%, D 20%" });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="tier-preset-tier"]').length === 4 && document.querySelector('[data-testid="tier-preset-tier"]')?.textContent?.startsWith("A"));
    expect(await summaryRows()).toEqual(["A top 20%", "B next 30%", "C next 30%", "D the other 20%"]);

    // Customise, with the keyboard: the same names and shares, now in fields; the choice is "My own shares".
    await pane.getByRole("button", { name: "Customise" }).focus();
    await page.keyboard.press("Enter");
    expect(await tiers.inputValue()).toBe("custom");
    // The focus goes on to the first field (the button it was on is gone).
    // (The move happens once the fields have rendered: poll for it rather than read it at once.)
    const firstName = pane.getByRole("textbox", { name: "Name of tier 1" });
    await firstName.waitFor();
    for (let tries = 0; tries < 50 && !(await firstName.evaluate((el) => el === document.activeElement)); tries++) await page.waitForTimeout(100);
    await expect(pane.getByRole("textbox", { name: "Name of tier 1" }).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const fields = [1, 2, 3, 4].map((k) => [pane.getByRole("textbox", { name: `Name of tier ${k}` }), pane.getByRole("spinbutton", { name: `Share of tier ${k} (%)` })] as const);
    const values = await Promise.all(fields.map(async ([name, share]) => [await name.inputValue(), await share.inputValue(), await share.isEditable()]));
    expect(values).toEqual([
      ["A", "20", true],
      ["B", "30", true],
      ["C", "30", true],
      ["D", "20", true],
    ]);
    await expect(summary.count()).resolves.toBe(0);
    await expect(paneOverflow(page)).resolves.toEqual({ outside: [], scrollsSideways: false });
    // The preview still runs (the shares add up to 100%).
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="preview-table"] tbody th')).map((th) => th.textContent).join("|") === "A|B|C|D");

    // Choosing a preset again shows its summary.
    await tiers.selectOption("pyramid");
    await summary.waitFor({ state: "visible" });
    expect(await summaryRows()).toEqual(["Top top 1%", "Big next 4%", "Medium next 15%", "Small the other 80%"]);
    expect(problems).toEqual(NO_PROBLEMS);
    await page.close();
  }, 180_000);
});
