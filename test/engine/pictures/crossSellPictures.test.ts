import { type BarsPicture, type CrossSellSettings, type CustomerValueModel, defaultCrossSellSettings, defaultModel, guessRoles, makeCustomerTable, profileColumns, runModel } from "../../../src/engine";

/** Six invoices (as in crossSellAnalysis.test.ts): I1 bread, milk · I2 jam · I3 bread, milk, jam · I4 bread, eggs · I5 milk, tea · I6 bread, milk. */
const INVOICES: [string, string, string[]][] = [
  ["A", "I1", ["bread", "milk"]],
  ["A", "I2", ["jam"]],
  ["B", "I3", ["bread", "milk", "jam"]],
  ["C", "I4", ["bread", "eggs"]],
  ["D", "I5", ["milk", "tea"]],
  ["E", "I6", ["bread", "milk"]],
];
const AMOUNT: Record<string, number> = { bread: 10, milk: 5, jam: 4, eggs: 3, tea: 2 };
const LINES = [["Customer", "Invoice", "Product", "Amount"], ...INVOICES.flatMap(([c, i, ps]) => ps.map((p) => [c, i, p, AMOUNT[p]]))];

function runWith(settings: Partial<CrossSellSettings>) {
  const table = makeCustomerTable(LINES, true);
  const profiles = profileColumns(table);
  const base = defaultModel(guessRoles(profiles));
  const model: CustomerValueModel = { ...base, analysis: "crossSell", roles: { ...base.roles, id: "Customer", name: null, value: "Amount" }, crossSell: { ...defaultCrossSellSettings(profiles), basket: "Invoice", ...settings } };
  return runModel(model, table);
}

/** Every rule A → B of two products by brute force over the invoices: [text, lift, support, confidence]. */
function bruteRules(minCount: number, minConfidence: number): [string, number, number, number][] {
  const baskets = INVOICES.map(([, , ps]) => new Set(ps));
  const products = [...new Set(INVOICES.flatMap(([, , ps]) => ps))];
  const n = baskets.length;
  const has = (...ps: string[]) => baskets.filter((b) => ps.every((p) => b.has(p))).length;
  const out: [string, number, number, number][] = [];
  for (const a of products)
    for (const b of products) {
      if (a === b || has(a, b) < minCount) continue;
      const confidence = has(a, b) / has(a);
      if (confidence < minConfidence) continue;
      out.push([`${a} → ${b}`, confidence / (has(b) / n), has(a, b) / n, confidence]);
    }
  return out.sort((x, y) => y[1] - x[1]);
}

describe("cross-sell pictures", () => {
  // Support ≥ 10% = 1 of 6 invoices, confidence ≥ 10%, pairs only: all ten ordered pairs that meet.
  const run = runWith({ minSupport: 0.1, minConfidence: 0.1, maxSize: 2 });
  const byId = (id: string) => run.pictures?.find((p) => p.id === id) as BarsPicture | undefined;

  test("top rules: the ten rules by lift, A → B, lift, support and confidence in the notes", () => {
    const p = byId("top-rules")!;
    expect(p.orientation).toBe("bars");
    const brute = bruteRules(1, 0.1);
    expect(brute).toHaveLength(10);
    // Lifts highest first; the same rules (ties in any order).
    const values = p.series[0]!.values;
    expect(values).toHaveLength(10);
    brute.forEach(([, lift], k) => expect(values[k]).toBeCloseTo(lift, 12));
    expect([...p.categories].sort()).toEqual(brute.map((r) => r[0]).sort());
    // Each category's note has its own support and confidence.
    p.categories.forEach((c, k) => {
      const [, , support, confidence] = brute.find((r) => r[0] === c)!;
      expect(p.notes![k]).toBe(`support ${(support * 100).toFixed(1)}% · confidence ${Math.round(confidence * 100)}%`);
    });
    // eggs → bread: 1 of 6 invoices, confidence 1/1, lift 1 / (4/6) = 1.5.
    expect(p.notes![p.categories.indexOf("eggs → bread")]).toBe("support 16.7% · confidence 100%");
  });

  test("partners: bread (4 invoices, tied with milk, first by name) bought with milk 3, eggs 1, jam 1", () => {
    const p = byId("partners")!;
    expect(p.title).toContain("bread");
    expect(p.categories).toEqual(["milk", "eggs", "jam"]);
    const v = p.series[0]!.values;
    [3 / 4, 1 / 4, 1 / 4].forEach((x, k) => expect(v[k]).toBeCloseTo(x, 12));
    // Lift: confidence / share of invoices with the partner: eggs 0.25 / (1/6) = 1.5, jam 0.25 / (2/6) = 0.75.
    expect(p.notes).toEqual([expect.stringMatching(/^3 invoices · lift 1\.1[23]$/), "1 invoice · lift 1.50", "1 invoice · lift 0.75"]);
  });

  test("no rule: no top-rules picture, still the partners", () => {
    const none = runWith({ minSupport: 0.9 });
    expect(none.pictures?.map((p) => p.id)).toEqual(["partners"]);
  });
});
