import fc from "fast-check";
import { type AssociationRule, minimumCount, mineAssociationRules } from "../../src/engine/crossSell/associationRules";
import { type Baskets, basketsFromLines, readBaskets } from "../../src/engine/crossSell/baskets";
import { thrownCvError } from "../helpers/errors";

/**
 * Five baskets:        counts (of 5):  a 4, b 4, c 2, d 2
 *   1: a b c           pairs:          ab 3 (1,2,5), ac 2 (1,3), ad 1, bc 1, bd 2 (4,5), cd 0
 *   2: a b             triples:        abc 1, abd 1
 *   3: a c
 *   4: b d
 *   5: a b d
 */
const FIVE = "a,b,c\na,b\na,c\nb,d\na,b,d";

function described(baskets: Baskets, rule: AssociationRule): string {
  return `${rule.antecedent.map((p) => baskets.productNames[p]).join(", ")} => ${baskets.productNames[rule.consequent]}`;
}

describe("readBaskets", () => {
  test("groups lines into sets of distinct products; ids 7 and \"7\" are one basket; names are trimmed", () => {
    const b = readBaskets([7, "7", 8, 7, "", 9], ["milk", " bread ", "milk", "milk", "", "eggs"]);
    expect(b.basketIds).toEqual([7, 8, 9]);
    expect(b.productNames).toEqual(["milk", "bread", "eggs"]);
    expect(Array.from(b.offsets)).toEqual([0, 2, 3, 4]);
    expect(Array.from(b.items)).toEqual([0, 1, 0, 2]);
    expect(Array.from(b.productBaskets)).toEqual([2, 1, 1]);
    expect(b.lines).toBe(5);
    expect(b.blankRows).toBe(1);
  });

  test("order numbers too long for a double stay distinct baskets (they are text in Excel)", () => {
    // As numbers all three would be 2087654321098765400.
    const b = readBaskets(["2087654321098765431", "2087654321098765432", "2087654321098765433", "2087654321098765431"], ["a", "a", "b", "b"]);
    expect(b.basketIds).toEqual(["2087654321098765431", "2087654321098765432", "2087654321098765433"]);
    expect(Array.from(b.productBaskets)).toEqual([2, 2]);
  });

  test("a blank product beside a basket names the argument, the row and the basket", () => {
    const error = thrownCvError(() => readBaskets([1, 1, 2], ["milk", "  ", "eggs"]));
    expect(error.code).toBe("BAD_VALUE");
    expect(error.message).toBe('products row 2 is blank beside baskets 1: every line needs a product; fill it or remove the row.');
    expect(error.location).toEqual({ argument: "products", row: 2, value: "  " });
  });

  test("a blank basket beside a product, an error value, mismatched lengths and no lines are errors", () => {
    expect(thrownCvError(() => readBaskets([1, null], ["milk", "eggs"])).message).toBe('baskets row 2 is blank beside the product "eggs": every line needs a basket (an invoice or a customer id).');
    expect(thrownCvError(() => readBaskets([1, 2], ["milk", { code: "#REF!" }])).message).toBe("products row 2: expected a product, found the error #REF!.");
    expect(thrownCvError(() => readBaskets([1, 2, 3], ["milk", "eggs"])).code).toBe("LENGTH_MISMATCH");
    expect(thrownCvError(() => readBaskets(["", null], ["", ""])).code).toBe("EMPTY_INPUT");
  });

  test("incomplete rows can be skipped and counted instead (the task pane warns about them)", () => {
    const b = readBaskets([1, 1, "", 2], ["milk", "", "eggs", "eggs"], { incomplete: "skip" });
    expect(b.basketIds).toEqual([1, 2]);
    expect(b.incompleteRows).toBe(2);
    expect(b.firstIncompleteRows).toEqual([2, 3]);
  });
});

describe("minimumCount: the support threshold as a basket count, decided on the division a user sees", () => {
  test.each([
    [0.006, 9835, 60], // 59 / 9835 = 0.0059990 < 0.006 ≤ 60 / 9835
    [0.3, 10, 3], // 0.3 × 10 = 3.0000000000000004 in floating point, but 3 / 10 is 0.3
    [0.1, 30, 3], // 0.1 × 30 = 3.0000000000000004 again
    [0.7, 10, 7], // 0.7 × 10 = 7.000000000000001
    [1, 7, 7],
    [1e-9, 5, 1],
    [0.5, 5, 3], // 2 / 5 = 0.4 < 0.5 ≤ 3 / 5
  ])("share %p of %p baskets → %p", (share, baskets, count) => {
    expect(minimumCount(share, baskets)).toBe(count);
  });
});

describe("mineAssociationRules on five hand-worked baskets", () => {
  const baskets = basketsFromLines(FIVE);

  test("support 0.4 (2 of 5 baskets), confidence 0.5: six rules with hand-computed measures, sorted by lift", () => {
    const result = mineAssociationRules(baskets, { minSupport: 0.4, minConfidence: 0.5 });
    expect(result.minCount).toBe(2);
    // frequent: 4 products; pairs ab, ac, bd
    expect(result.itemsetsBySize).toEqual([4, 3]);
    const rows = result.rules.map((r) => [described(baskets, r), r.count, r.support, r.confidence, r.lift, r.leverage, r.conviction]);
    // lift = confidence / share(consequent); leverage = support − share(A)·share(C); conviction = (1 − share(C)) / (1 − confidence)
    // Ties at lift 1.25 go to the higher confidence, then by name.
    expect(rows).toEqual([
      ["c => a", 2, 2 / 5, 2 / 2, 1 / (4 / 5), expect.closeTo(2 / 5 - (2 / 5) * (4 / 5), 15), Infinity],
      ["d => b", 2, 2 / 5, 2 / 2, 1 / (4 / 5), expect.closeTo(2 / 5 - (2 / 5) * (4 / 5), 15), Infinity],
      ["a => c", 2, 2 / 5, 2 / 4, 0.5 / (2 / 5), expect.closeTo(2 / 5 - (4 / 5) * (2 / 5), 15), expect.closeTo((1 - 2 / 5) / (1 - 0.5), 15)],
      ["b => d", 2, 2 / 5, 2 / 4, 0.5 / (2 / 5), expect.closeTo(2 / 5 - (4 / 5) * (2 / 5), 15), expect.closeTo((1 - 2 / 5) / (1 - 0.5), 15)],
      // a and b: 3 of 5 together, but each is in 4 of 5 baskets: lift 0.75 / 0.8 = 0.9375 < 1, leverage −0.04
      ["a => b", 3, 3 / 5, 3 / 4, 0.9375, expect.closeTo(3 / 5 - (4 / 5) * (4 / 5), 15), expect.closeTo((1 - 4 / 5) / (1 - 3 / 4), 15)],
      ["b => a", 3, 3 / 5, 3 / 4, 0.9375, expect.closeTo(3 / 5 - (4 / 5) * (4 / 5), 15), expect.closeTo((1 - 4 / 5) / (1 - 3 / 4), 15)],
    ]);
  });

  test("a higher confidence keeps only the rules that held every time", () => {
    const result = mineAssociationRules(baskets, { minSupport: 0.4, minConfidence: 0.8 });
    expect(result.rules.map((r) => described(baskets, r))).toEqual(["c => a", "d => b"]);
  });

  test("confidence is compared on the division shown: 0.75 passes at 0.75", () => {
    const result = mineAssociationRules(baskets, { minSupport: 0.4, minConfidence: 0.75 });
    expect(result.rules.map((r) => described(baskets, r))).toEqual(["c => a", "d => b", "a => b", "b => a"]);
  });

  test("max_size 3 at support 0.2 adds the triples abc and abd, each rule from them hand-checked", () => {
    const result = mineAssociationRules(baskets, { minSupport: 0.2, minConfidence: 0.5, maxSize: 3 });
    expect(result.itemsetsBySize).toEqual([4, 5, 2]); // pairs ab, ac, ad, bc, bd (cd never together)
    const triples = result.rules.filter((r) => r.antecedent.length === 2).map((r) => [described(baskets, r), r.confidence, r.lift]);
    // abc is in 1 basket: ab ⇒ c 1/3 (out), ac ⇒ b 1/2, bc ⇒ a 1/1; abd: ab ⇒ d 1/3 (out), ad ⇒ b 1/1, bd ⇒ a 1/2
    expect(triples).toEqual(
      expect.arrayContaining([
        ["a, c => b", 1 / 2, 1 / 2 / (4 / 5)],
        ["b, c => a", 1, 1 / (4 / 5)],
        ["a, d => b", 1, 1 / (4 / 5)],
        ["b, d => a", 1 / 2, 1 / 2 / (4 / 5)],
      ]),
    );
    expect(triples).toHaveLength(4);
  });

  test("thresholds out of range and a single basket are errors naming the argument and the value", () => {
    expect(thrownCvError(() => mineAssociationRules(baskets, { minSupport: 0 })).message).toBe("min_support must be a share above 0 and at most 1 (0.01 = 1% of baskets), found 0.");
    expect(thrownCvError(() => mineAssociationRules(baskets, { minSupport: 1.5 })).location).toEqual({ argument: "min_support", value: 1.5 });
    expect(thrownCvError(() => mineAssociationRules(baskets, { minSupport: -0.1 })).code).toBe("BAD_OPTION");
    expect(thrownCvError(() => mineAssociationRules(baskets, { minConfidence: 1.01 })).message).toBe("min_confidence must be a share from 0 to 1 (0.01 = 1% of baskets), found 1.01.");
    expect(thrownCvError(() => mineAssociationRules(baskets, { maxSize: 1 })).message).toBe("max_size must be a whole number from 2 to 5 (products in a rule, both sides together), found 1.");
    expect(thrownCvError(() => mineAssociationRules(baskets, { maxSize: 6 })).code).toBe("BAD_OPTION");
    expect(thrownCvError(() => mineAssociationRules(baskets, { maxSize: 2.5 })).code).toBe("BAD_OPTION");
    const single = thrownCvError(() => mineAssociationRules(basketsFromLines("a,b,c"), {}));
    expect(single.code).toBe("NOT_COMPUTABLE");
    expect(single.message).toBe("There is only 1 basket: rules compare baskets, so give at least two (one basket id per invoice or customer).");
  });

  test("too many itemsets stop with advice rather than run out of memory", () => {
    expect(thrownCvError(() => mineAssociationRules(baskets, { minSupport: 0.2, maxSize: 3, maxItemsets: 3 })).message).toBe(
      "More than 3 frequent itemsets at min_support 0.2: raise min_support or lower max_size.",
    );
  });
});

test("itemsets of different sizes keep their own counts (a triple's count is never taken for a pair's)", () => {
  // Found by the property below: baskets {5, 0}, {0}, {1, 0, 2, 5}. Counts: {0, 5} 2; {0, 1, 2, 5} and all its subsets with 1 or 2: 1.
  const baskets = basketsFromLines("p5,p0\np0\np1,p0,p2,p5");
  const result = mineAssociationRules(baskets, { minSupport: 0.05, minConfidence: 0, maxSize: 4 });
  const confidence = (text: string): number | undefined => result.rules.find((r) => described(baskets, r) === text)?.confidence;
  expect(confidence("p0, p5 => p1")).toBe(1 / 2); // {0,1,5} 1 of {0,5} 2
  expect(confidence("p1, p2, p5 => p0")).toBe(1); // {0,1,2,5} 1 of {1,2,5} 1
  expect(confidence("p0, p2 => p5")).toBe(1); // {0,2,5} 1 of {0,2} 1
  expect(confidence("p0 => p5")).toBe(2 / 3); // {0,5} 2 of {0} 3
  expect(result.itemsetsBySize).toEqual([4, 6, 4, 1]);
});

/** Every itemset of 2…maxSize products counted by brute force over the baskets: a reference that shares no code with the miner. */
function bruteForceRules(lines: number[][], minSupport: number, minConfidence: number, maxSize: number): Map<string, { support: number; confidence: number; lift: number }> {
  const n = lines.length;
  const sets = lines.map((l) => new Set(l));
  const countOf = (items: number[]): number => sets.filter((s) => items.every((i) => s.has(i))).length;
  const products = [...new Set(lines.flat())].sort((a, b) => a - b);
  const out = new Map<string, { support: number; confidence: number; lift: number }>();
  const visit = (chosen: number[], from: number): void => {
    if (chosen.length >= 2) {
      const count = countOf(chosen);
      if (count / n >= minSupport) {
        for (const c of chosen) {
          const rest = chosen.filter((x) => x !== c);
          const confidence = count / countOf(rest);
          if (confidence >= minConfidence) out.set(`${rest.join(",")}=>${c}`, { support: count / n, confidence, lift: confidence / (countOf([c]) / n) });
        }
      }
    }
    if (chosen.length === maxSize) return;
    for (let k = from; k < products.length; k++) visit([...chosen, products[k] as number], k + 1);
  };
  visit([], 0);
  return out;
}

test("property: the rules equal a brute-force count of every itemset, for random baskets and thresholds", () => {
  fc.assert(
    fc.property(
      fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 6 }), { minLength: 2, maxLength: 40 }),
      fc.integer({ min: 1, max: 10 }),
      fc.constantFrom(0, 0.2, 0.5, 0.9),
      fc.integer({ min: 2, max: 5 }),
      (lines, supportTenths, minConfidence, maxSize) => {
        const minSupport = supportTenths / 20;
        const baskets = readBaskets(
          lines.flatMap((l, b) => l.map(() => b)),
          lines.flatMap((l) => l.map((p) => `p${p}`)),
        );
        const result = mineAssociationRules(baskets, { minSupport, minConfidence, maxSize });
        const expected = bruteForceRules(lines, minSupport, minConfidence, maxSize);
        const number = (p: number): number => Number((baskets.productNames[p] as string).slice(1));
        const got = new Map(result.rules.map((r) => [`${r.antecedent.map(number).sort((a, b) => a - b).join(",")}=>${number(r.consequent)}`, r]));
        expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [key, e] of expected) {
          const r = got.get(key) as AssociationRule;
          expect(r.support).toBeCloseTo(e.support, 12);
          expect(r.confidence).toBeCloseTo(e.confidence, 12);
          expect(r.lift).toBeCloseTo(e.lift, 12);
        }
        // sorted by lift, highest first
        for (let k = 1; k < result.rules.length; k++) expect((result.rules[k - 1] as AssociationRule).lift).toBeGreaterThanOrEqual((result.rules[k] as AssociationRule).lift);
      },
    ),
    { numRuns: 300 },
  );
});
