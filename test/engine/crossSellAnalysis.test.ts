/**
 * The cross-sell analysis on hand-worked tables: rules over invoices and over customers with
 * support, confidence, lift, leverage and conviction written out as fractions; each
 * customer's neighbours and recommendations from Jaccard similarities worked by hand; the
 * groups by top recommendation (the eight most frequent, Other products, No recommendation)
 * with their customers' amounts; warnings for skipped lines and for thresholds no rule
 * reaches; bad settings; the model's guess, round trip and checks.
 */
import {
  type AnalysisRun,
  type CrossSellSettings,
  type CustomerTable,
  type CustomerValueModel,
  NO_RECOMMENDATION,
  OTHER_PRODUCTS,
  defaultCrossSellSettings,
  defaultModel,
  finishSteps,
  guessRoles,
  makeCustomerTable,
  parseModel,
  profileColumns,
  runModel,
  runModelSteps, crossSellDetails } from "../../src/engine";
import { thrownCvError } from "../helpers/errors";

/**
 * Five customers, six invoices, twelve lines:
 *   I1 A bread, milk    I2 A jam    I3 B bread, milk, jam    I4 C bread, eggs    I5 D milk, tea    I6 E bread, milk
 * Amounts: bread 10, milk 5, jam 4, eggs 3, tea 2 → A 19, B 19, C 13, D 7, E 15.
 */
const LINES = [
  ["Customer", "Invoice", "Product", "Amount"],
  ["A", "I1", "bread", 10],
  ["A", "I1", "milk", 5],
  ["A", "I2", "jam", 4],
  ["B", "I3", "bread", 10],
  ["B", "I3", "milk", 5],
  ["B", "I3", "jam", 4],
  ["C", "I4", "bread", 10],
  ["C", "I4", "eggs", 3],
  ["D", "I5", "milk", 5],
  ["D", "I5", "tea", 2],
  ["E", "I6", "bread", 10],
  ["E", "I6", "milk", 5],
];

function setup(cells: unknown[][], settings: Partial<CrossSellSettings> = {}, roles: Partial<CustomerValueModel["roles"]> = {}): { table: CustomerTable; model: CustomerValueModel } {
  const table = makeCustomerTable(cells, true);
  const profiles = profileColumns(table);
  const base = defaultModel(guessRoles(profiles));
  return {
    table,
    model: {
      ...base,
      analysis: "crossSell",
      roles: { id: "Customer", name: null, value: "Amount", ...roles },
      crossSell: { ...defaultCrossSellSettings(profiles), ...settings },
    },
  };
}

function run(cells: unknown[][], settings: Partial<CrossSellSettings> = {}, roles: Partial<CustomerValueModel["roles"]> = {}): AnalysisRun {
  const { table, model } = setup(cells, settings, roles);
  return runModel(model, table);
}

/** A rule as [antecedent, consequent, count, support, confidence, lift, leverage, conviction]. */
const ruleRows = (r: AnalysisRun) => crossSellDetails(r).rules.map((x) => [x.antecedent, x.consequent, x.count, x.support, x.confidence, x.lift, x.leverage, x.conviction]);

/** Each customer's recommendations as [product, score, owners]. */
const recommendations = (r: AnalysisRun) => Object.fromEntries(crossSellDetails(r).customers.map((c) => [c.id, c.recommendations.map((x) => [x.product, x.score, x.owners])]));

function expectRules(actual: unknown[][], expected: unknown[][]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((row, i) => {
    const want = expected[i]!;
    expect(row.slice(0, 3)).toEqual(want.slice(0, 3));
    row.slice(3).forEach((v, k) => {
      const w = want[3 + k] as number;
      if (w === Number.POSITIVE_INFINITY) expect(v).toBe(w);
      else expect(v as number).toBeCloseTo(w, 12);
    });
  });
}

describe("cross-sell settings guessed from the headers", () => {
  test("Invoice is the basket and Product the product; 1%, 25%, pairs, 10 neighbours, 3 recommendations", () => {
    expect(defaultCrossSellSettings(profileColumns(makeCustomerTable(LINES, true)))).toEqual({
      basket: "Invoice",
      product: "Product",
      minSupport: 0.01,
      minConfidence: 0.25,
      maxSize: 2,
      neighbours: 10,
      top: 3,
    });
  });

  test("Description, StockCode, 商品 and 订单 are found; count columns (Invoices, Products, Items) are not ids of anything", () => {
    const guess = (headers: string[], row: unknown[]) => defaultCrossSellSettings(profileColumns(makeCustomerTable([headers, row, row], true)));
    expect(guess(["InvoiceNo", "StockCode", "Description", "Quantity"], ["536365", "85123A", "WHITE HANGING HEART", 6])).toMatchObject({ basket: "InvoiceNo", product: "Description" });
    expect(guess(["客户", "订单号", "商品名称"], ["张三", "D001", "茶叶"])).toMatchObject({ basket: "订单号", product: "商品名称" });
    // The sample customer table: counts per customer, no lines.
    expect(guess(["CustomerID", "Invoices", "Products", "Items", "Revenue"], [12346, 1, 1, 74215, 77183.6])).toMatchObject({ basket: null, product: null });
    // A numeric product code is taken when there is nothing better.
    expect(guess(["Order", "SKU"], ["O1", 1001])).toMatchObject({ basket: "Order", product: "SKU" });
  });
});

describe("rules over invoices (bought together)", () => {
  // Six invoices: bread in 4 (I1, I3, I4, I6), milk in 4 (I1, I3, I5, I6), jam in 2 (I2, I3), eggs 1, tea 1.
  // Pairs: bread+milk 3, bread+jam 1, milk+jam 1, bread+eggs 1, milk+tea 1.
  test("support 30% of 6 invoices is 2 invoices: only bread+milk, both ways", () => {
    const r = run(LINES, { minSupport: 0.3 });
    const d = crossSellDetails(r);
    expect([d.baskets, d.lines, d.products, d.minCount, d.itemsetsBySize]).toEqual([6, 12, 5, 2, [3, 1]]);
    expect(d.basketWords).toEqual({ one: "invoice", many: "invoices" });
    // bread ⇒ milk: support 3/6, confidence 3/4, lift (3/4) / (4/6) = 9/8, leverage 3/6 − (4/6)(4/6) = 1/18,
    // conviction (1 − 4/6) / (1 − 3/4) = 4/3. milk ⇒ bread the same; ties go by the names.
    expectRules(ruleRows(r), [
      ["bread", "milk", 3, 1 / 2, 3 / 4, 9 / 8, 1 / 18, 4 / 3],
      ["milk", "bread", 3, 1 / 2, 3 / 4, 9 / 8, 1 / 18, 4 / 3],
    ]);
    expect(r.headline).toBe("2 rules from 6 invoices and 5 products (support ≥ 30% = 2 invoices, confidence ≥ 25%). Top offer: eggs to 2 customers (Amount 38).");
  });

  test("three products a rule at 1 invoice: {bread, jam} ⇒ milk always held (conviction ∞)", () => {
    const r = run(LINES, { minSupport: 0.1, minConfidence: 0.6, maxSize: 3 });
    expect(crossSellDetails(r).minCount).toBe(1);
    // Itemsets: 5 products; pairs bread+milk, bread+jam, milk+jam, bread+eggs, milk+tea; the triple bread+milk+jam (I3).
    expect(crossSellDetails(r).itemsetsBySize).toEqual([5, 5, 1]);
    // Confidence ≥ 0.6: eggs ⇒ bread (1/1), tea ⇒ milk (1/1), {bread, jam} ⇒ milk (1/1), {jam, milk} ⇒ bread (1/1),
    // {bread, milk} ⇒ jam is 1/3, bread ⇒ milk 3/4, milk ⇒ bread 3/4; jam ⇒ bread is 1/2.
    // Lifts: eggs ⇒ bread 1 / (4/6) = 3/2; tea ⇒ milk 3/2; {bread, jam} ⇒ milk 3/2; {jam, milk} ⇒ bread 3/2; bread ⇒ milk 9/8.
    // Ties at 3/2 and one invoice: all have confidence 1, so by names: "bread, jam" < "eggs" < "jam, milk" < "tea".
    expectRules(ruleRows(r), [
      ["bread, jam", "milk", 1, 1 / 6, 1, 3 / 2, 1 / 6 - (1 / 6) * (4 / 6), Number.POSITIVE_INFINITY],
      ["eggs", "bread", 1, 1 / 6, 1, 3 / 2, 1 / 6 - (1 / 6) * (4 / 6), Number.POSITIVE_INFINITY],
      ["jam, milk", "bread", 1, 1 / 6, 1, 3 / 2, 1 / 6 - (1 / 6) * (4 / 6), Number.POSITIVE_INFINITY],
      ["tea", "milk", 1, 1 / 6, 1, 3 / 2, 1 / 6 - (1 / 6) * (4 / 6), Number.POSITIVE_INFINITY],
      ["bread", "milk", 3, 1 / 2, 3 / 4, 9 / 8, 1 / 18, 4 / 3],
      ["milk", "bread", 3, 1 / 2, 3 / 4, 9 / 8, 1 / 18, 4 / 3],
    ]);
    expect(crossSellDetails(r).rules[0]!.antecedentProducts).toEqual(["bread", "jam"]);
  });
});

describe("rules over customers (bought by the same customer)", () => {
  // Customers' sets: A {bread, milk, jam}, B {bread, milk, jam}, C {bread, eggs}, D {milk, tea}, E {bread, milk}.
  // bread 4, milk 4, jam 2; bread+milk 3 (A, B, E), bread+jam 2, milk+jam 2.
  test("support 40% of 5 customers is 2: six rules; jam ⇒ bread and jam ⇒ milk always held", () => {
    const r = run(LINES, { basket: null, minSupport: 0.4 });
    const d = crossSellDetails(r);
    expect([d.basketColumn, d.baskets, d.minCount, d.itemsetsBySize]).toEqual([null, 5, 2, [3, 3]]);
    expect(d.basketWords).toEqual({ one: "customer", many: "customers" });
    // jam ⇒ bread: 2/5, confidence 2/2, lift 1 / (4/5) = 5/4, leverage 2/5 − (2/5)(4/5) = 2/25, conviction ∞.
    // bread ⇒ jam: confidence 2/4, lift (1/2) / (2/5) = 5/4, conviction (1 − 2/5) / (1/2) = 6/5.
    // bread ⇒ milk: 3/5, 3/4, lift (3/4) / (4/5) = 15/16, leverage 3/5 − 16/25 = −1/25, conviction (1/5) / (1/4) = 4/5.
    expectRules(ruleRows(r), [
      ["jam", "bread", 2, 2 / 5, 1, 5 / 4, 2 / 25, Number.POSITIVE_INFINITY],
      ["jam", "milk", 2, 2 / 5, 1, 5 / 4, 2 / 25, Number.POSITIVE_INFINITY],
      ["bread", "jam", 2, 2 / 5, 1 / 2, 5 / 4, 2 / 25, 6 / 5],
      ["milk", "jam", 2, 2 / 5, 1 / 2, 5 / 4, 2 / 25, 6 / 5],
      ["bread", "milk", 3, 3 / 5, 3 / 4, 15 / 16, -1 / 25, 4 / 5],
      ["milk", "bread", 3, 3 / 5, 3 / 4, 15 / 16, -1 / 25, 4 / 5],
    ]);
    expect(r.description[1]).toContain("each customer's lines as one basket");
  });
});

describe("recommendations from similar customers", () => {
  // Jaccard (shared / either): A–B 3/3 = 1, A–C 1/4, A–D 1/4, A–E 2/3 (B the same as A), C–D 0, C–E 1/3, D–E 1/3.
  // With 3 neighbours (ties to the customer earlier in the data):
  //   A: B 1, E 2/3, C 1/4 (C before D) → eggs 1/4.          B: A, E, C → eggs 1/4.
  //   C: E 1/3, A 1/4, B 1/4 → milk 1/3 + 1/4 + 1/4 = 5/6 (3 owners), jam 1/4 + 1/4 = 1/2 (2).
  //   D: E 1/3, A 1/4, B 1/4 → bread 5/6 (3), jam 1/2 (2).
  //   E: A 2/3, B 2/3, C 1/3 (C before D) → jam 4/3 (2), eggs 1/3 (1).
  const r = run(LINES, { minSupport: 0.3, neighbours: 3, top: 3 });

  test("each customer's list, scores and owners", () => {
    expect(r.rowKeys).toEqual({ header: "Customer", values: ["A", "B", "C", "D", "E"] });
    const got = recommendations(r);
    const want: Record<string, [string, number, number][]> = {
      A: [["eggs", 1 / 4, 1]],
      B: [["eggs", 1 / 4, 1]],
      C: [["milk", 5 / 6, 3], ["jam", 1 / 2, 2]],
      D: [["bread", 5 / 6, 3], ["jam", 1 / 2, 2]],
      E: [["jam", 4 / 3, 2], ["eggs", 1 / 3, 1]],
    };
    expect(Object.keys(got)).toEqual(Object.keys(want));
    for (const [id, list] of Object.entries(want)) {
      expect(got[id]!.map(([p, , o]) => [p, o])).toEqual(list.map(([p, , o]) => [p, o]));
      got[id]!.forEach(([, score], k) => expect(score as number).toBeCloseTo(list[k]![1], 12));
    }
    expect(crossSellDetails(r).customers.map((c) => [c.products, c.neighbours])).toEqual([[3, 3], [3, 3], [2, 3], [2, 3], [2, 3]]);
  });

  test("result columns: the list and the top recommendation per customer", () => {
    expect(r.columns.map((c) => [c.header, c.kind])).toEqual([
      ["CV Recommendations", "text"],
      ["CV Top recommendation", "label"],
    ]);
    expect(r.columns[0]!.values).toEqual(["eggs", "eggs", "milk; jam", "bread; jam", "jam; eggs"]);
    expect(r.columns[1]!.values).toEqual(["eggs", "eggs", "milk", "bread", "jam"]);
  });

  test("groups by top recommendation, most customers first (ties by name), with the customers' amounts", () => {
    expect(r.groupName).toBe("Top recommendation");
    expect(r.valueName).toBeUndefined();
    // eggs: A 19 + B 19; bread: D 7; jam: E 15; milk: C 13 — of 73.
    expect(r.groups.map((g) => [g.label, g.customers, g.value])).toEqual([
      ["eggs", 2, 38],
      ["bread", 1, 7],
      ["jam", 1, 15],
      ["milk", 1, 13],
    ]);
    expect(r.groups[0]!.valueShare).toBeCloseTo(38 / 73, 12);
    expect([r.customers, r.assigned]).toEqual([5, 5]);
    expect(Array.from(r.rowGroups!)).toEqual([0, 0, 3, 1, 2]);
    expect(Array.from(r.rowValues!)).toEqual([19, 19, 13, 7, 15]);
  });

  test("two neighbours: A's and B's nearest bought nothing new, so they get none", () => {
    // A: B 1, E 2/3 — both own only A's products; B likewise. E: A, B → jam 4/3.
    const two = run(LINES, { minSupport: 0.3, neighbours: 2 });
    expect(recommendations(two).A).toEqual([]);
    expect(two.columns[1]!.values[0]).toBeNull();
    expect(two.columns[1]!.reasons[0]).toBe("the most similar customers bought nothing this customer has not bought");
    expect(two.groups.at(-1)).toMatchObject({ label: NO_RECOMMENDATION, customers: 2, value: 38 });
    expect(two.warnings.map((w) => w.kind)).toContain("unscored");
  });

  test("without a value column the groups count customers only", () => {
    const plain = run(LINES, { minSupport: 0.3, neighbours: 3 }, { value: null });
    expect(plain.rowValues).toBeUndefined();
    expect(plain.groups.map((g) => [g.label, g.customers, g.value])).toEqual([
      ["eggs", 2, 0],
      ["bread", 1, 0],
      ["jam", 1, 0],
      ["milk", 1, 0],
    ]);
    expect(plain.headline).toMatch(/Top offer: eggs to 2 customers\.$/);
  });
});

describe("groups: the eight most frequent top recommendations, then Other products and No recommendation", () => {
  // A ring of eleven customers C1 … C11, Ci buying p_i and p_(i+1) (C11: p11 and p1), and C12 buying only z.
  // Neighbours of Ci are C(i−1) and C(i+1), both J = 1/3; with one neighbour the earlier customer wins:
  // C1 → C2 (recommends p3), Ci → C(i−1) (recommends p(i−1)) for i = 2 … 10, C11 → C1 (p2). C12 has no neighbour.
  // Top recommendations: C1 p3, C2 p1, C3 p2, C4 p3, C5 p4, C6 p5, C7 p6, C8 p7, C9 p8, C10 p9, C11 p2.
  const ring: unknown[][] = [["Customer", "Product", "Amount"]];
  for (let i = 1; i <= 11; i++) ring.push([`C${i}`, `p${i}`, i], [`C${i}`, `p${(i % 11) + 1}`, 0]);
  ring.push(["C12", "z", 100]);

  test("p2 and p3 (two customers each), then six singles by name, Other products (p9), No recommendation (C12)", () => {
    const r = run(ring, { basket: null, minSupport: 0.05, neighbours: 1, top: 1 });
    expect(r.columns[1]!.values).toEqual(["p3", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p2", null]);
    expect(r.groups.map((g) => [g.label, g.customers, g.value])).toEqual([
      ["p2", 2, 3 + 11],
      ["p3", 2, 1 + 4],
      ["p1", 1, 2],
      ["p4", 1, 5],
      ["p5", 1, 6],
      ["p6", 1, 7],
      ["p7", 1, 8],
      ["p8", 1, 9],
      [OTHER_PRODUCTS, 1, 10],
      [NO_RECOMMENDATION, 1, 100],
    ]);
    expect(r.columns[1]!.reasons[11]).toBe("no other customer bought any of this customer's products");
    expect(crossSellDetails(r).customers[11]).toEqual({ id: "C12", products: 1, neighbours: 0, recommendations: [] });
  });

  test("a breakdown by a dimension takes the groups, not the product in the column", () => {
    const withMarket = ring.map((row, i) => [...row, i === 0 ? "Market" : i <= 12 ? "Retail" : "Trade"]);
    const { table, model } = setup(withMarket, { basket: null, minSupport: 0.05, neighbours: 1, top: 1 });
    const r = runModel({ ...model, groupBy: "Market" }, table);
    const b = r.breakdown!;
    expect(b.total.groupCustomers).toEqual(r.groups.map((g) => g.customers));
    expect(b.total.unplaced).toBe(0);
    // Retail: rows 1–12 are C1 … C6; Trade: C7 … C12.
    expect(b.rows.map((row) => [row.label, row.customers])).toEqual([
      ["Trade", 6],
      ["Retail", 6],
    ]);
  });
});

describe("warnings", () => {
  test("lines without an invoice, a customer or a product are left out, naming the first rows", () => {
    const cells = [...LINES, ["A", "", "tea", 2], ["", "I6", "jam", 4], ["B", "I3", "", 1], ["", "", "", ""]];
    const r = run(cells, { minSupport: 0.3 });
    // Data rows 13 (no invoice), 14 (no customer), 15 (no product); row 16 is blank and silently skipped.
    expect(r.warnings.filter((w) => w.kind === "badCells").map((w) => w.message)).toEqual([
      "2 lines have no Invoice or no Product (data rows 13, 15): left out of the rules.",
      "2 lines have no Customer or no Product (data rows 14, 15): left out of the customers' products.",
    ]);
    // Row 13 gives A tea; row 14 puts jam in I6: the rules count 6 invoices still, and jam is in 3.
    expect(crossSellDetails(r).baskets).toBe(6);
    expect(crossSellDetails(r).customers[0]!.products).toBe(4);
  });

  test("one warning in the customer-basket mode", () => {
    const r = run([...LINES, ["", "I9", "jam", 4]], { basket: null, minSupport: 0.4 });
    expect(r.warnings.filter((w) => w.kind === "badCells").map((w) => w.message)).toEqual(["1 line has no Customer or no Product (data row 13): left out."]);
  });

  test("no rule at the thresholds: the warning says which threshold to lower", () => {
    // 50% of 6 invoices = 3: bread, milk (4 each) reach it and bread+milk (3) too, but confidence 3/4 < 80%.
    expect(run(LINES, { minSupport: 0.5, minConfidence: 0.8 }).warnings.find((w) => w.kind === "noRules")?.message).toBe(
      "No rule at support ≥ 50% (3 of 6 invoices) and confidence ≥ 80%: 1 pair of products reaches the support, but no rule reaches the confidence: lower the minimum confidence.",
    );
    // 60% = 4 invoices: bread and milk reach it alone, never together.
    expect(run(LINES, { minSupport: 0.6 }).warnings.find((w) => w.kind === "noRules")?.message).toBe(
      "No rule at support ≥ 60% (4 of 6 invoices) and confidence ≥ 25%: 2 products reach the support on their own, but no two are together in 4 invoices: lower the minimum support.",
    );
    const none = run(LINES, { minSupport: 0.9 });
    expect(none.warnings.find((w) => w.kind === "noRules")?.message).toBe(
      "No rule at support ≥ 90% (6 of 6 invoices) and confidence ≥ 25%: no product is in 6 invoices or more, so no two can be: lower the minimum support.",
    );
    expect(crossSellDetails(none).rules).toEqual([]);
    expect(none.headline).toMatch(/^0 rules from 6 invoices/);
  });
});

describe("bad settings and tables", () => {
  test.each([
    [{ minSupport: 0 }, "Cross-sell minimum support: expected a share of baskets above 0 and at most 1 (0.01 = 1%), found 0."],
    [{ minSupport: 1.5 }, "Cross-sell minimum support: expected a share of baskets above 0 and at most 1 (0.01 = 1%), found 1.5."],
    [{ minConfidence: -0.1 }, "Cross-sell minimum confidence: expected a share from 0 to 1 (0.25 = 25%), found -0.1."],
    [{ maxSize: 6 }, "Cross-sell products in a rule: expected a whole number from 2 to 5, found 6."],
    [{ neighbours: 0 }, "Cross-sell neighbours: expected a whole number from 1 to 1000, found 0."],
    [{ top: 2.5 }, "Cross-sell recommendations per customer: expected a whole number from 1 to 100, found 2.5."],
    [{ product: null }, "Choose the product column of the lines (a product name or code per row)."],
    [{ basket: "Order" }, 'The basket (invoice) column "Order" is not in the table; choose another column.'],
  ] as [Partial<CrossSellSettings>, string][])("%j", (settings, message) => {
    const error = thrownCvError(() => run(LINES, settings));
    expect(error.code).toBe("BAD_OPTION");
    expect(error.message).toBe(message);
  });

  test("no customer id column", () => {
    expect(thrownCvError(() => run(LINES, {}, { id: null })).message).toBe("Choose the customer id column: cross-sell recommends products per customer.");
  });

  test("an error value in the product column names the column, the row and the value", () => {
    const cells = LINES.map((row, i) => (i === 4 ? ["A", "I1", "#N/A", 5] : row));
    const error = thrownCvError(() => run(cells));
    expect([error.code, error.message]).toEqual(["BAD_VALUE", 'Product, data row 4: expected a product, found "#N/A".']);
    expect(error.location).toMatchObject({ argument: "Product", row: 4 });
  });

  test("one basket only: rules need baskets to compare", () => {
    expect(thrownCvError(() => run(LINES.slice(0, 3), {})).code).toBe("NOT_COMPUTABLE");
  });
});

describe("the stepped run and the model", () => {
  test("the stepped run reports progress and gives the same result", () => {
    const { table, model } = setup(LINES, { minSupport: 0.3, neighbours: 3 });
    const steps = runModelSteps(model, table);
    const messages: string[] = [];
    let step = steps.next();
    while (!step.done) {
      messages.push(step.value.message);
      step = steps.next();
    }
    expect(messages[0]).toBe("Reading 12 lines");
    expect(messages).toContain("2 rules found; finding similar customers");
    expect(step.value.columns).toEqual(runModel(model, table).columns);
    expect(crossSellDetails(finishSteps(runModelSteps(model, table)))).toEqual(crossSellDetails(step.value));
  });

  test("changing only the thresholds and the rule size reruns the rules and keeps every customer's recommendations", () => {
    const { table, model } = setup(LINES, { minSupport: 0.3, neighbours: 3 });
    const first = runModel(model, table);
    // Rules over invoices at 30%: bread ⇒ milk and milk ⇒ bread (the hand example above); over customers at 40%
    // with confidence 0 and triples: every product pair in 2 of 5 customers and more gives its rules, and triples too.
    const changed = { ...model.crossSell!, basket: null, minSupport: 0.4, minConfidence: 0, maxSize: 3 };
    const second = runModel({ ...model, crossSell: changed }, table);
    expect(ruleRows(first).map((r) => `${r[0] as string} ⇒ ${r[1] as string}`)).toEqual(["bread ⇒ milk", "milk ⇒ bread"]);
    // The rules did change (so the run was not simply repeated) …
    expect(crossSellDetails(second).rules.length).toBeGreaterThan(crossSellDetails(first).rules.length);
    expect([crossSellDetails(second).minSupport, crossSellDetails(second).minConfidence, crossSellDetails(second).maxSize, crossSellDetails(second).basketColumn]).toEqual([0.4, 0, 3, null]);
    // … while the customer side, which none of these enter, is the hand-worked one of the first run.
    expect(crossSellDetails(second).customers).toEqual(crossSellDetails(first).customers);
    expect(second.columns).toEqual(first.columns);
    expect(recommendations(second).C!.map(([p, , o]) => [p, o])).toEqual([["milk", 3], ["jam", 2]]);
  });

  test("one table object, changing neighbours, top, the id column and the product column in turn: the recommendations follow each change", () => {
    // LINES with an account per customer (A and B share K1) and a category per product:
    // bread bakery, milk dairy, jam spread, eggs dairy, tea drinks.
    const category: Record<string, string> = { bread: "bakery", milk: "dairy", jam: "spread", eggs: "dairy", tea: "drinks" };
    const account: Record<string, string> = { A: "K1", B: "K1", C: "K2", D: "K3", E: "K4" };
    const cells = [[...LINES[0]!, "Account", "Category"], ...LINES.slice(1).map((row) => [...row, account[row[0] as string], category[row[2] as string]])];
    const { table, model } = setup(cells, { minSupport: 0.3, neighbours: 3, top: 3 });
    const at = (change: Partial<CrossSellSettings>, id = "Customer") => {
      const m = { ...model, roles: { ...model.roles, id }, crossSell: { ...model.crossSell!, ...change } };
      const r = runModel(m, table);
      // The same as on a fresh copy of the table, which has no cache.
      expect(crossSellDetails(runModel(m, makeCustomerTable(cells, true))).customers).toEqual(crossSellDetails(r).customers);
      return r;
    };
    const close = (got: Record<string, unknown[][]>, want: Record<string, [string, number, number][]>) => {
      expect(Object.keys(got)).toEqual(Object.keys(want));
      for (const [id, list] of Object.entries(want)) {
        expect(got[id]!.map(([p, , o]) => [p, o])).toEqual(list.map(([p, , o]) => [p, o]));
        got[id]!.forEach(([, score], k) => expect(score as number).toBeCloseTo(list[k]![1], 12));
      }
    };

    // 1. Three neighbours, three each: the hand example above.
    close(recommendations(at({})), {
      A: [["eggs", 1 / 4, 1]],
      B: [["eggs", 1 / 4, 1]],
      C: [["milk", 5 / 6, 3], ["jam", 1 / 2, 2]],
      D: [["bread", 5 / 6, 3], ["jam", 1 / 2, 2]],
      E: [["jam", 4 / 3, 2], ["eggs", 1 / 3, 1]],
    });
    // 2. Only neighbours → 2. A: B 1, E 2/3, nothing new; B likewise. C: E 1/3, A 1/4 (before B) → milk 1/3 + 1/4 = 7/12 (2),
    //    jam 1/4 (1). D: E 1/3, A 1/4 → bread 7/12 (2), jam 1/4 (1). E: A 2/3, B 2/3 → jam 4/3 (2).
    close(recommendations(at({ neighbours: 2 })), {
      A: [],
      B: [],
      C: [["milk", 7 / 12, 2], ["jam", 1 / 4, 1]],
      D: [["bread", 7 / 12, 2], ["jam", 1 / 4, 1]],
      E: [["jam", 4 / 3, 2]],
    });
    // 3. Only top → 1: the first of each list.
    close(recommendations(at({ neighbours: 2, top: 1 })), {
      A: [],
      B: [],
      C: [["milk", 7 / 12, 2]],
      D: [["bread", 7 / 12, 2]],
      E: [["jam", 4 / 3, 2]],
    });
    // 4. Only the id column → Account: K1 {bread, milk, jam}, K2 {bread, eggs}, K3 {milk, tea}, K4 {bread, milk}.
    //    Jaccard K1–K2 1/4, K1–K3 1/4, K1–K4 2/3, K2–K3 0, K2–K4 1/3, K3–K4 1/3. Two neighbours, one product each:
    //    K1: K4, K2 (before K3) → eggs 1/4. K2: K4 1/3, K1 1/4 → milk 7/12 (2). K3: K4, K1 → bread 7/12 (2).
    //    K4: K1 2/3, K2 1/3 (before K3) → jam 2/3, eggs 1/3 → jam.
    const byAccount = at({ neighbours: 2, top: 1 }, "Account");
    expect(byAccount.rowKeys!.values).toEqual(["K1", "K2", "K3", "K4"]);
    close(recommendations(byAccount), {
      K1: [["eggs", 1 / 4, 1]],
      K2: [["milk", 7 / 12, 2]],
      K3: [["bread", 7 / 12, 2]],
      K4: [["jam", 2 / 3, 1]],
    });
    // 5. Only the product column → Category: K1 {bakery, dairy, spread}, K2 {bakery, dairy}, K3 {dairy, drinks}, K4 {bakery, dairy}.
    //    Jaccard K1–K2 2/3, K1–K3 1/4, K1–K4 2/3, K2–K3 1/3, K2–K4 1, K3–K4 1/3. K1: K2, K4, nothing new.
    //    K2: K4 1, K1 2/3 → spread 2/3. K3: K2 1/3, K4 1/3 → bakery 2/3 (2). K4: K2 1, K1 2/3 → spread 2/3.
    close(recommendations(at({ neighbours: 2, top: 1, product: "Category" }, "Account")), {
      K1: [],
      K2: [["spread", 2 / 3, 1]],
      K3: [["bakery", 2 / 3, 2]],
      K4: [["spread", 2 / 3, 1]],
    });
  });

  test("parseModel round trip, and older models without cross-sell settings", () => {
    const { model } = setup(LINES, { basket: null, minSupport: 0.005, minConfidence: 0.4, maxSize: 3, neighbours: 20, top: 5 });
    expect(parseModel(JSON.stringify(model))).toEqual(model);
    const { crossSell: _, ...older } = model;
    expect(parseModel(JSON.stringify({ ...older, analysis: "pyramid" })).crossSell).toBeUndefined();
    // Missing thresholds take their defaults.
    expect(parseModel(JSON.stringify({ ...model, crossSell: { basket: "Invoice", product: "Product" } })).crossSell).toEqual({
      basket: "Invoice",
      product: "Product",
      minSupport: 0.01,
      minConfidence: 0.25,
      maxSize: 2,
      neighbours: 10,
      top: 3,
    });
  });

  test.each([
    [{ minSupport: 0 }, "model crossSell.minSupport: expected a share of baskets above 0 and at most 1 (0.01 = 1%), found 0"],
    [{ minSupport: "1%" }, 'model crossSell.minSupport: expected a share of baskets above 0 and at most 1 (0.01 = 1%), found "1%"'],
    [{ minConfidence: 2 }, "model crossSell.minConfidence: expected a share from 0 to 1 (0.25 = 25%), found 2"],
    [{ maxSize: 1 }, "model crossSell.maxSize: expected a whole number from 2 to 5, found 1"],
    [{ neighbours: 1001 }, "model crossSell.neighbours: expected a whole number from 1 to 1000, found 1001"],
    [{ top: 0.5 }, "model crossSell.top: expected a whole number from 1 to 100, found 0.5"],
    [{ product: 7 }, "model crossSell.product: expected a column name or null, found 7"],
  ])("parseModel rejects %j", (change, message) => {
    const { model } = setup(LINES);
    const error = thrownCvError(() => parseModel(JSON.stringify({ ...model, crossSell: { ...model.crossSell, ...change } })));
    expect(error.message).toBe(message);
  });

  test("parseModel rejects cross-sell settings that are not an object", () => {
    const { model } = setup(LINES);
    expect(thrownCvError(() => parseModel(JSON.stringify({ ...model, crossSell: 3 }))).message).toBe("model crossSell: expected the cross-sell settings, found 3");
  });
});
