import { readFileSync } from "node:fs";
import { requireRowsFit } from "../../src/functions/excelArgs";
import { AFFINITY } from "../../src/functions/functions";
import { thrownCvError } from "../helpers/errors";
import { OMITTED, col, errorCode, errorMessage, thrownExcelError } from "../helpers/cells";
import { sharedDataFile } from "../helpers/sharedData";

/** Groceries (one basket a line) laid out as a worksheet would hold it: basket number and product per row. */
function groceriesColumns(): { baskets: unknown[][]; products: unknown[][] } {
  const baskets: unknown[][] = [];
  const products: unknown[][] = [];
  readFileSync(sharedDataFile("groceries/groceries.csv"), "utf8")
    .split(/\r?\n/)
    .forEach((line, i) => {
      for (const product of line.split(",")) {
        if (product.trim() === "") continue;
        baskets.push([i + 1]);
        products.push([product]);
      }
    });
  return { baskets, products };
}

describe("CV.AFFINITY on the Groceries data (9,835 baskets, 169 products)", () => {
  const { baskets, products } = groceriesColumns();
  const table = AFFINITY(baskets, products, 0.006, 0.25, 5) as unknown[][];

  test("support 0.006, confidence 0.25, 2 to 5 products: exactly the published 463 rules, {herbs} ⇒ {root vegetables} first with lift 3.956", () => {
    expect(baskets).toHaveLength(43367);
    expect(table[0]).toEqual(["Antecedent", "Consequent", "Support", "Confidence", "Lift", "Leverage", "Conviction"]);
    expect(table).toHaveLength(1 + 463);
    const top = table[1] as [string, string, number, number, number, number, number];
    expect(top[0]).toBe("herbs");
    expect(top[1]).toBe("root vegetables");
    expect(top[4].toFixed(3)).toBe("3.956");
  });

  test("the five highest lifts and the rule lengths match arules' published output", () => {
    // Lantz, Machine Learning with R (2013), ch. 8: inspect(sort(groceryrules, by = "lift")[1:5])
    // and summary(groceryrules): rule length distribution 2: 150, 3: 297, 4: 16.
    const published: [string, string, number, number, number][] = [
      ["herbs", "root vegetables", 0.00701576, 0.43125, 3.956477],
      ["berries", "whipped/sour cream", 0.009049314, 0.2721713, 3.796886],
      ["other vegetables, tropical fruit, whole milk", "root vegetables", 0.00701576, 0.4107143, 3.768074],
      ["beef, other vegetables", "root vegetables", 0.007930859, 0.4020619, 3.688692],
      ["other vegetables, tropical fruit", "pip fruit", 0.009456024, 0.2634561, 3.482649],
    ];
    published.forEach(([antecedent, consequent, support, confidence, lift], k) => {
      const rule = table[k + 1] as [string, string, number, number, number];
      expect([rule[0], rule[1]]).toEqual([antecedent, consequent]);
      expect(rule[2]).toBeCloseTo(support, 8);
      expect(rule[3]).toBeCloseTo(confidence, 7);
      expect(rule[4]).toBeCloseTo(lift, 6);
    });
    const lengths = [0, 0, 0, 0, 0, 0];
    for (const rule of table.slice(1)) {
      const size = (rule[0] as string).split(", ").length + 1;
      lengths[size] = (lengths[size] ?? 0) + 1;
    }
    expect(lengths.slice(2)).toEqual([150, 297, 16, 0]);
  });

  test("herbs ⇒ root vegetables, by hand from the basket counts: herbs 160, root vegetables 1,072, both 69 of 9,835", () => {
    const n = 9835;
    const rule = table[1] as number[];
    expect(rule[2]).toBeCloseTo(69 / n, 15);
    expect(rule[3]).toBeCloseTo(69 / 160, 15);
    expect(rule[4]).toBeCloseTo(69 / 160 / (1072 / n), 12);
    expect(rule[5]).toBeCloseTo(69 / n - (160 / n) * (1072 / n), 15);
    expect(rule[6]).toBeCloseTo((1 - 1072 / n) / (1 - 69 / 160), 12);
  });

  test("defaults: pairs only, support 0.01, confidence 0.25", () => {
    const pairs = AFFINITY(baskets, products) as unknown[][];
    expect(pairs.slice(1).every((r) => !(r[0] as string).includes(", "))).toBe(true);
    expect(pairs.slice(1).every((r) => (r[2] as number) >= 0.01 && (r[3] as number) >= 0.25)).toBe(true);
  });
});

describe("CV.AFFINITY on a small hand-worked basket set", () => {
  // Invoices 101: a b c · 102: a b · 103: a c · 104: b d · 105: a b d (a repeated in 105 counts once)
  const invoices = col(101, 101, 101, 102, 102, 103, 103, 104, 104, 105, 105, 105, 105);
  const items = col("a", "b", "c", "a", "b", "a", "c", "b", "d", "a", "b", "d", "a");

  test("support 0.4, confidence 0.8: the two rules that always held, conviction #DIV/0!", () => {
    const out = AFFINITY(invoices, items, 0.4, 0.8);
    expect(out.map((r) => r.slice(0, 6))).toEqual([
      ["Antecedent", "Consequent", "Support", "Confidence", "Lift", "Leverage"],
      // c is in 2 of 5 invoices, always with a (in 4 of 5): lift 1 / (4/5) = 1.25, leverage 2/5 − 2/5·4/5 = 0.08
      ["c", "a", 0.4, 1, 1.25, expect.closeTo(0.08, 15)],
      ["d", "b", 0.4, 1, 1.25, expect.closeTo(0.08, 15)],
    ]);
    expect(errorCode(out[1]?.[6])).toBe("#DIV/0!");
    expect(errorMessage(out[1]?.[6])).toContain("confidence 1");
  });

  test("confidence 0.5 adds a ⇒ c and b ⇒ d with conviction (1 − 0.4) / (1 − 0.5) = 1.2", () => {
    const out = AFFINITY(invoices, items, 0.4, 0.5);
    expect(out.slice(3, 5).map((r) => [r[0], r[1], r[3], r[6]])).toEqual([
      ["a", "c", 0.5, expect.closeTo(1.2, 14)],
      ["b", "d", 0.5, expect.closeTo(1.2, 14)],
    ]);
  });

  test("headers FALSE leaves out the header row", () => {
    expect(AFFINITY(invoices, items, 0.4, 0.8, OMITTED, false).map((r) => r.slice(0, 2))).toEqual([
      ["c", "a"],
      ["d", "b"],
    ]);
  });

  test("a row of baskets works like a column", () => {
    const asRow = [invoices.map((r) => r[0])];
    expect(AFFINITY(asRow, items, 0.4, 0.8)).toEqual(AFFINITY(invoices, items, 0.4, 0.8));
  });
});

describe("CV.AFFINITY bad input", () => {
  const b = col(1, 1, 2, 2);
  const p = col("a", "b", "a", "b");

  test("a blank product names the row and its basket", () => {
    const error = thrownExcelError(() => AFFINITY(col(1, 1, 2), col("a", "", "b")));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toBe("products row 2 is blank beside baskets 1: every line needs a product; fill it or remove the row.");
  });

  test("a single basket is #N/A saying rules need two", () => {
    const error = thrownExcelError(() => AFFINITY(col(7, 7, 7), col("a", "b", "c")));
    expect(error.code).toBe("#N/A");
    expect(error.message).toContain("only 1 basket");
  });

  test.each([
    [0, OMITTED, OMITTED, "min_support must be a share above 0 and at most 1 (0.01 = 1% of baskets), found 0."],
    [150, OMITTED, OMITTED, "min_support: expected a share from 0 to 1 (or 0 to 100 as a percentage, e.g. 0.2, 20% or 20), found 150"],
    [OMITTED, -0.5, OMITTED, "min_confidence: expected a share from 0 to 1 (or 0 to 100 as a percentage, e.g. 0.2, 20% or 20), found -0.5"],
    [OMITTED, OMITTED, 6, "max_size must be a whole number from 2 to 5 (products in a rule, both sides together), found 6."],
    [OMITTED, OMITTED, 1, "max_size must be a whole number from 2 to 5 (products in a rule, both sides together), found 1."],
    ["lots", OMITTED, OMITTED, 'min_support: expected a number, found "lots"'],
  ])("thresholds out of range: min_support %p, min_confidence %p, max_size %p", (support, confidence, size, message) => {
    const error = thrownExcelError(() => AFFINITY(b, p, support as number, confidence as number, size as number));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toBe(message);
  });

  test("text percentages are read as shares: \"50%\" is 0.5; above 1, a number is a percentage (README: percentages), so 50 is 0.5 too", () => {
    expect(AFFINITY(b, p, "50%" as unknown as number, 1)).toEqual(AFFINITY(b, p, 0.5, 1));
    expect(AFFINITY(b, p, 50, 100)).toEqual(AFFINITY(b, p, 0.5, 1));
  });

  test("mismatched heights, an error value, an empty range, and no rule at the thresholds", () => {
    expect(thrownExcelError(() => AFFINITY(col(1, 1, 2), col("a", "b"))).message).toBe("products has 2 rows but baskets has 3: select ranges of the same height");
    expect(thrownExcelError(() => AFFINITY(col(1, { code: "#N/A" }), col("a", "b"))).message).toBe("baskets row 2: expected a basket id, found the error #N/A.");
    expect(thrownExcelError(() => AFFINITY(col("", ""), col("", ""))).code).toBe("#VALUE!");
    const none = thrownExcelError(() => AFFINITY(col(1, 2, 3), col("a", "b", "c")));
    expect(none.code).toBe("#N/A");
    expect(none.message).toBe("No rule reaches min_support 0.01 (1 of 3 baskets) and min_confidence 0.25: 0 product pairs are that frequent. Lower the thresholds.");
  });
});

test("a result taller than a sheet is a message about the thresholds, not a bare #SPILL!", () => {
  // 1,048,576 rows: a header and 1,048,575 rules fit; one more does not.
  expect(() => requireRowsFit(1_048_576, "rules", "min_support")).not.toThrow();
  expect(thrownCvError(() => requireRowsFit(1_048_577, "rules", "min_support or min_confidence")).message).toBe(
    "1,048,576 rules are more than a sheet's 1,048,575 rows below a header: raise min_support or min_confidence.",
  );
});
