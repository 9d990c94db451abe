import { DEVELOPMENT, RECOMMEND, RESPONSE } from "../../src/functions/development";
import { OMITTED, col, errorCode, errorMessage, excelErrorCell, row, thrownExcelError } from "../helpers/cells";

/** Numbers to 12 decimals, everything else exactly. */
function expectTable(actual: unknown[][], expected: unknown[][]): void {
  expect(actual.map((r) => r.length)).toEqual(expected.map((r) => r.length));
  expected.forEach((r, i) =>
    r.forEach((cell, j) => {
      const got = actual[i]![j];
      if (typeof cell === "number") expect(got).toBeCloseTo(cell, 12);
      else expect(got).toEqual(cell);
    }),
  );
}

/** Lines (one row per customer × product) from [id, products] pairs, as two columns. */
function lines(customers: [unknown, string[]][]): { ids: unknown[][]; products: unknown[][] } {
  const ids: unknown[] = [];
  const products: unknown[] = [];
  for (const [id, owned] of customers) {
    for (const p of owned) {
      ids.push(id);
      products.push(p);
    }
  }
  return { ids: col(...ids), products: col(...products) };
}

// Ann {milk, bread, eggs}, Bob {milk, bread, jam}, Cid {milk, eggs, tea, jam}, Dee {soap}, Eve {bread, eggs, tea}.
const shop = lines([
  ["Ann", ["milk", "bread", "eggs"]],
  ["Bob", ["milk", "bread", "jam"]],
  ["Cid", ["milk", "eggs", "tea", "jam"]],
  ["Dee", ["soap"]],
  ["Eve", ["bread", "eggs", "tea"]],
]);

describe("CV.RECOMMEND", () => {
  test("Ann: neighbours Bob 1/2, Eve 1/2, Cid 2/5; jam (1/2 + 2/5) and tea (1/2 + 2/5) tie, jam appeared first", () => {
    // Ann–Bob ∩ {milk, bread} / ∪ {milk, bread, eggs, jam} = 2/4; Ann–Eve ∩ {bread, eggs} / ∪ 4 = 2/4; Ann–Cid ∩ {milk, eggs} / ∪ 5 = 2/5
    expect(RECOMMEND(shop.ids, shop.products, [["Ann"]])).toEqual([["jam"], ["tea"]]);
    // Bob: eggs = Ann 1/2 + Cid 2/5 + Eve 1/5 = 11/10 before tea = Cid 2/5 + Eve 1/5 = 3/5
    expect(RECOMMEND(shop.ids, shop.products, [["Bob"]])).toEqual([["eggs"], ["tea"]]);
    // Cid: Ann, Bob and Eve (2/5 each) all own bread, the one product Cid lacks
    expect(RECOMMEND(shop.ids, shop.products, [["Cid"]])).toEqual([["bread"]]);
  });

  test("neighbours and top; blank or omitted options take the defaults", () => {
    // one neighbour: Bob → jam only
    expect(RECOMMEND(shop.ids, shop.products, [["Ann"]], 1)).toEqual([["jam"]]);
    expect(RECOMMEND(shop.ids, shop.products, [["Bob"]], OMITTED, 1)).toEqual([["eggs"]]);
    expect(RECOMMEND(shop.ids, shop.products, [["Ann"]], "" as unknown as number, "" as unknown as number)).toEqual([["jam"], ["tea"]]);
  });

  test("the customer as a lone value, a number matching a text id, ranges along a row", () => {
    const numeric = lines([
      ["12346", ["x", "y"]],
      [17850, ["x"]],
    ]);
    // 17850 {x} and 12346 {x, y}: J = 1/2 → y
    expect(RECOMMEND(numeric.ids, numeric.products, [["17850"]])).toEqual([["y"]]);
    expect(RECOMMEND(numeric.ids, numeric.products, 17850 as unknown as unknown[][])).toEqual([["y"]]);
    expect(RECOMMEND(row("A", "A", "B"), row("x", "y", "x"), [["B"]])).toEqual([["y"]]);
  });

  test("#N/A with the reason when there is nothing to recommend", () => {
    expect(thrownExcelError(() => RECOMMEND(shop.ids, shop.products, [["Zed"]]))).toEqual({
      code: "#N/A",
      message: 'customer "Zed" is not in customer_ids (which holds 5 customers, e.g. "Ann", "Bob", "Cid")',
    });
    expect(thrownExcelError(() => RECOMMEND(shop.ids, shop.products, [["Dee"]]))).toEqual({
      code: "#N/A",
      message: 'no other customer bought any of the 1 product of customer "Dee", so it has no similar customers',
    });
    expect(thrownExcelError(() => RECOMMEND(col("Ann", "Ann"), col("milk", "tea"), [["Ann"]]))).toEqual({
      code: "#N/A",
      message: 'customer "Ann" is the only customer in customer_ids: there is nobody to compare it with',
    });
    expect(thrownExcelError(() => RECOMMEND(col("Ann", "Ann", "Bob"), col("milk", "tea", "milk"), [["Ann"]]))).toEqual({
      code: "#N/A",
      message: 'the 1 most similar customer of customer "Ann" bought nothing it has not bought: nothing new to recommend',
    });
  });

  test("#VALUE! naming the argument, the row and the value", () => {
    expect(thrownExcelError(() => RECOMMEND(col("Ann", "Ann", "Bob"), col("milk", "", "milk"), [["Ann"]]))).toEqual({
      code: "#VALUE!",
      message: 'products row 2 is blank beside customer_ids "Ann": every line needs a product; fill it or remove the row.',
    });
    expect(thrownExcelError(() => RECOMMEND(col("Ann", excelErrorCell("#REF!")), col("milk", "tea"), [["Ann"]])).message).toBe("customer_ids row 2: expected a basket id, found the error #REF!.");
    expect(thrownExcelError(() => RECOMMEND(col("Ann", "Bob", "Cid"), col("milk", "tea"), [["Ann"]])).message).toBe(
      "products has 2 rows but customer_ids has 3: select ranges of the same height",
    );
    expect(thrownExcelError(() => RECOMMEND(shop.ids, shop.products, [["Ann"]], "many" as unknown as number)).message).toBe('neighbours: expected a number, found "many"');
    expect(thrownExcelError(() => RECOMMEND(shop.ids, shop.products, [["Ann"]], 0)).message).toBe("neighbours: give a whole number of similar customers, 1 or more; found 0");
    expect(thrownExcelError(() => RECOMMEND(shop.ids, shop.products, [["Ann"]], OMITTED, 101)).message).toBe("top: give a whole number of products to recommend, from 1 to 100; found 101");
    expect(thrownExcelError(() => RECOMMEND(shop.ids, shop.products, col("Ann", "Bob"))).message).toBe("customer: give one cell (one value), found 2 rows × 1 columns");
    expect(thrownExcelError(() => RECOMMEND(shop.ids, shop.products, OMITTED as unknown as unknown[][])).message).toBe("customer is blank: give the id of the customer to recommend products to");
    expect(thrownExcelError(() => RECOMMEND(col("", ""), col("", ""), [["Ann"]]))).toEqual({
      code: "#VALUE!",
      message: "customer_ids and products hold no lines: select a basket id and a product per row.",
    });
    expect(thrownExcelError(() => RECOMMEND([], [], [["Ann"]])).message).toBe("customer_ids is empty: select a range with at least one row");
  });
});

describe("CV.RESPONSE", () => {
  // Email: 4 contacted, 2 responded → 1/2; Phone: 5 contacted, 1 responded → 1/5; group 3: 1 contacted, none.
  // Overall 3/10; lifts (1/2)/(3/10) = 5/3, (1/5)/(3/10) = 2/3, 0/(3/10) = 0.
  const groups = col("Email", "Phone", " email ", "Phone", "EMAIL", "Phone", 3, "Email", "Phone", "", "Phone");
  const responded = col(1, 0, true, "no", "No", false, "0", 0, " YES ", "", "NO");

  test("a table per group in order of first appearance, then Total with lift 1", () => {
    expectTable(RESPONSE(groups, responded), [
      ["Group", "Contacted", "Responded", "Rate", "Lift"],
      ["Email", 4, 2, 1 / 2, 5 / 3],
      ["Phone", 5, 1, 1 / 5, 2 / 3],
      [3, 1, 0, 0, 0],
      ["Total", 10, 3, 3 / 10, 1],
    ]);
  });

  test("nobody responded: rates 0 and #DIV/0! in the lift cells, with the reason", () => {
    const out = RESPONSE(col("A", "B"), col(0, "no"));
    expect(out.map((r) => r.slice(0, 4))).toEqual([
      ["Group", "Contacted", "Responded", "Rate"],
      ["A", 1, 0, 0],
      ["B", 1, 0, 0],
      ["Total", 2, 0, 0],
    ]);
    for (const r of out.slice(1)) {
      expect(errorCode(r[4])).toBe("#DIV/0!");
      expect(errorMessage(r[4])).toBe("Nobody responded: the overall response rate is 0, so lift is undefined");
    }
  });

  test("#VALUE! naming the argument, the row and the value", () => {
    expect(thrownExcelError(() => RESPONSE(col("A", "B"), col(1, "maybe")))).toEqual({ code: "#VALUE!", message: 'responded row 2: expected TRUE/FALSE, 1/0, Y/N or yes/no, found "maybe"' });
    expect(thrownExcelError(() => RESPONSE(col("A", ""), col(1, 0))).message).toBe("groups row 2 is blank beside responded 0: every contacted customer needs a group");
    expect(thrownExcelError(() => RESPONSE(col("A", "B"), col(1, ""))).message).toBe(
      'responded row 2 is blank beside the group "B": give TRUE/FALSE, 1/0, Y/N or yes/no for every contacted customer',
    );
    expect(thrownExcelError(() => RESPONSE(col("A", "B"), col(1))).message).toBe("responded has 1 rows but groups has 2: select ranges of the same height");
    expect(thrownExcelError(() => RESPONSE(col(""), col(""))).message).toBe("groups and responded hold no contacted customers: select a group and a response (1/0) per customer");
  });
});

describe("CV.DEVELOPMENT", () => {
  // Previous 2010, current 2011 (rows of 2009 and 2012 are left out; E bought in 2009, skipped 2010: new).
  // Existing A, B, C: 2010 sales 100 + (200 − 20) + 50 = 330, 2011 sales 150 + 120 + 0 = 270; profit 30 + 45 + 10 = 85 → 40 + 30 = 70.
  // New D, E: 2011 sales 80 + 30 = 110, profit 20 + 6 = 26. Total 2011 sales 380.
  const ids = col("A", "A", "B", "B", "C", "B", "D", "E", "E", "A", "", "F");
  const periods = col(2010, 2011, 2010, "2010", 2010, 2011, 2011, 2009, 2011, 2009, "", 2012);
  const amounts = col(100, 150, 200, -20, 50, 120, 80, 70, 30, 60, "", 500);
  const profits = col(30, 40, 50, -5, 10, 30, 20, 15, 6, 12, "", 100);

  test("existing against new customers with profits", () => {
    expectTable(DEVELOPMENT(ids, periods, amounts, [[2010]], [["2011"]], profits), [
      ["", "Customers", "Sales 2010", "Sales 2011", "Change", "Growth", "Share of 2011 sales", "Profit 2010", "Profit 2011", "Profit change", "Profit growth"],
      ["Existing customers", 3, 330, 270, -60, -60 / 330, 270 / 380, 85, 70, -15, -15 / 85],
      ["New customers", 2, 0, 110, 110, "", 110 / 380, 0, 26, 26, ""],
      ["Total", 5, 330, 380, 50, 50 / 330, 1, 85, 96, 11, 11 / 85],
    ]);
  });

  test("without profits; period labels as text; a blank profits cell is omitted", () => {
    const out = DEVELOPMENT(col("A", "A", "B"), col("2011-Q1", "2011-Q2", "2011-Q2"), col(10, 25, "5"), [["2011-Q1"]], [["2011-Q2"]], [[""]]);
    // A: 10 → 25 (growth 15/10); B new with 5; shares 25/30 and 5/30
    expectTable(out, [
      ["", "Customers", "Sales 2011-Q1", "Sales 2011-Q2", "Change", "Growth", "Share of 2011-Q2 sales"],
      ["Existing customers", 1, 10, 25, 15, 15 / 10, 25 / 30],
      ["New customers", 1, 0, 5, 5, "", 5 / 30],
      ["Total", 2, 10, 30, 20, 20 / 10, 1],
    ]);
  });

  test("#VALUE! naming the argument, the row and the value", () => {
    expect(thrownExcelError(() => DEVELOPMENT(col("A", "B"), col(2010, 2011), col(1, "lots"), [[2010]], [[2011]]))).toEqual({
      code: "#VALUE!",
      message: 'amounts row 2, column 1: expected a number, found "lots"',
    });
    expect(thrownExcelError(() => DEVELOPMENT(col("A", "B"), col(2010, 2011), col(1, ""), [[2010]], [[2011]])).message).toBe(
      'amounts row 2 is blank beside customer "B" in period 2011: give every purchase an amount',
    );
    expect(thrownExcelError(() => DEVELOPMENT(col("A", "B"), col(2010, 2011), col(1, 2), [[2010]], [[2011]], col(1, "x"))).message).toBe(
      'profits row 2, column 1: expected a number, found "x"',
    );
    expect(thrownExcelError(() => DEVELOPMENT(col("A", "B"), col(2010, ""), col(1, 2), [[2010]], [[2011]])).message).toBe(
      'periods row 2 is blank beside customer "B": give every purchase a period (e.g. 2010 or "2011-Q1")',
    );
    expect(thrownExcelError(() => DEVELOPMENT(col("A", "B"), col(2010, 2011), col(1, 2), [[2009]], [[2011]])).message).toBe("previous: the period 2009 is not in periods, which holds 2010, 2011");
    expect(thrownExcelError(() => DEVELOPMENT(col("A", "B"), col(2010, 2011), col(1, 2), [[2010]], [["2010"]])).message).toBe(
      "previous and current are both the period 2010: give two different periods",
    );
    expect(thrownExcelError(() => DEVELOPMENT(col("A", "B"), col(2010, 2011), col(1, 2), row(2010, 2011), [[2011]])).message).toBe(
      "previous: give one cell (one value), found 1 rows × 2 columns",
    );
    expect(thrownExcelError(() => DEVELOPMENT(col("A", "B"), col(2010, 2011), col(1), [[2010]], [[2011]])).message).toBe("amounts has 1 rows but customer_ids has 2: select ranges of the same height");
    expect(thrownExcelError(() => DEVELOPMENT(col("A", "B"), col(2010), col(1, 2), [[2010]], [[2011]])).message).toBe("periods has 1 rows but customer_ids has 2: select ranges of the same height");
    expect(thrownExcelError(() => DEVELOPMENT(col("A", "B"), col(2010, 2011), col(1, 2), [[2010]], [[2011]], col(1))).message).toBe(
      "profits has 1 rows but customer_ids has 2: select ranges of the same height",
    );
    expect(thrownExcelError(() => DEVELOPMENT(col(""), col(""), col(""), [[2010]], [[2011]])).message).toBe("customer_ids, periods and amounts hold no purchases: select one row per purchase");
  });
});

describe("headers FALSE leaves out the header row of the whole-table results", () => {
  test("CV.RESPONSE: A 1 of 2 responded, B 0 of 1 → overall 1/3, lifts 1.5 and 0", () => {
    const rows = RESPONSE(col("A", "A", "B"), col(1, 0, 0), false);
    expect(rows).toEqual([
      ["A", 2, 1, 0.5, expect.closeTo(0.5 / (1 / 3), 12)],
      ["B", 1, 0, 0, 0],
      ["Total", 3, 1, 1 / 3, 1],
    ]);
  });

  test("CV.DEVELOPMENT: the three figure rows without their header", () => {
    // X bought 100 in 2010 and 150 in 2011 (existing); Y only 50 in 2011 (new)
    const rows = DEVELOPMENT(col("X", "X", "Y"), col(2010, 2011, 2011), col(100, 150, 50), [[2010]], [[2011]], OMITTED, false);
    expect(rows.map((r) => r.slice(0, 5))).toEqual([
      ["Existing customers", 1, 100, 150, 50],
      ["New customers", 1, 0, 50, 50],
      ["Total", 2, 100, 200, 100],
    ]);
  });
});
