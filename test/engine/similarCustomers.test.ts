import fc from "fast-check";
import { type Baskets, readBaskets } from "../../src/engine/crossSell/baskets";
import {
  type AllRecommendations,
  findCustomer,
  jaccard,
  recommendAll,
  recommendAllSteps,
  recommendationLabels,
  recommendForCustomer,
  recommendProducts,
} from "../../src/engine/crossSell/similarCustomers";
import { finishSteps } from "../../src/engine/core/steps";
import { thrownCvError } from "../helpers/errors";
import { mulberry32 } from "../helpers/random";

/** Customers as [id, products] lines, in the order given. */
function baskets(customers: [unknown, string[]][]): Baskets {
  const ids: unknown[] = [];
  const products: string[] = [];
  for (const [id, owned] of customers) {
    for (const p of owned) {
      ids.push(id);
      products.push(p);
    }
  }
  return readBaskets(ids, products, { names: { baskets: "customer_ids", products: "products" } });
}

const names = (b: Baskets, products: ArrayLike<number>) => Array.from(products, (p) => b.productNames[p]);
const ids = (b: Baskets, customers: ArrayLike<number>) => Array.from(customers, (c) => b.basketIds[c]);
const all = (b: Baskets, options = {}) => recommendAll(b, options);
/** Customer c's run of a compressed-row result. */
function runOf(result: AllRecommendations, c: number) {
  const n0 = result.neighbourOffsets[c]!;
  const n1 = result.neighbourOffsets[c + 1]!;
  const r0 = result.offsets[c]!;
  const r1 = result.offsets[c + 1]!;
  return {
    neighbours: result.neighbours.slice(n0, n1),
    similarities: result.similarities.slice(n0, n1),
    products: result.products.slice(r0, r1),
    scores: result.scores.slice(r0, r1),
    owners: result.owners.slice(r0, r1),
  };
}

// Products in order of first appearance: milk 0, bread 1, eggs 2, jam 3, tea 4, soap 5.
const shop = baskets([
  ["Ann", ["milk", "bread", "eggs"]],
  ["Bob", ["milk", "bread", "jam"]],
  ["Cid", ["milk", "eggs", "tea", "jam"]],
  ["Dee", ["soap"]],
  ["Eve", ["bread", "eggs", "tea"]],
]);

describe("jaccard", () => {
  test("|A ∩ B| / |A ∪ B| on ascending runs", () => {
    // {1,2,3} and {2,3,4}: ∩ {2,3}, ∪ {1,2,3,4}
    expect(jaccard([1, 2, 3], [2, 3, 4])).toBe(2 / 4);
    expect(jaccard([1, 2], [1, 2])).toBe(1);
    expect(jaccard([1], [2])).toBe(0);
    expect(jaccard([], [])).toBe(0);
    // {0,1,2} and {0,2,3,4}: ∩ {0,2}, ∪ {0,1,2,3,4}
    expect(jaccard([0, 1, 2], [0, 2, 3, 4])).toBe(2 / 5);
  });

  test("symmetric, in [0, 1], 1 only for equal sets (property)", () => {
    const set = fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 15 }).map((xs) => xs.sort((a, b) => a - b));
    fc.assert(
      fc.property(set, set, (a, b) => {
        const j = jaccard(a, b);
        expect(jaccard(b, a)).toBe(j);
        expect(j).toBeGreaterThanOrEqual(0);
        expect(j).toBeLessThanOrEqual(1);
        const same = a.length === b.length && a.every((x, i) => x === b[i]);
        expect(j === 1).toBe(same && a.length > 0);
      }),
    );
  });
});

describe("similar customers and recommendations: a hand example", () => {
  // Ann {milk, bread, eggs}, Bob {milk, bread, jam}, Cid {milk, eggs, tea, jam}, Dee {soap}, Eve {bread, eggs, tea}.
  // Ann–Bob: ∩ {milk, bread} = 2, ∪ {milk, bread, eggs, jam} = 4 → 1/2
  // Ann–Cid: ∩ {milk, eggs} = 2, ∪ {milk, bread, eggs, tea, jam} = 5 → 2/5
  // Ann–Eve: ∩ {bread, eggs} = 2, ∪ {milk, bread, eggs, tea} = 4 → 1/2
  // Bob–Cid: ∩ {milk, jam} = 2, ∪ 5 → 2/5;  Bob–Eve: ∩ {bread} = 1, ∪ 5 → 1/5;  Cid–Eve: ∩ {eggs, tea} = 2, ∪ 5 → 2/5
  // Dee shares nothing with anyone: J = 0.
  test("Ann: neighbours Bob 1/2, Eve 1/2 (tie: Bob appears first), Cid 2/5; jam and tea both score 1/2 + 2/5", () => {
    const r = recommendForCustomer(shop, 0);
    expect(ids(shop, r.neighbours)).toEqual(["Bob", "Eve", "Cid"]);
    expect(Array.from(r.similarities)).toEqual([1 / 2, 1 / 2, 2 / 5]);
    // jam: Bob 1/2 + Cid 2/5; tea: Eve 1/2 + Cid 2/5 → a tie on score and owners, jam appeared first
    expect(names(shop, r.products)).toEqual(["jam", "tea"]);
    expect(r.scores[0]).toBeCloseTo(9 / 10, 12);
    expect(r.scores[1]).toBeCloseTo(9 / 10, 12);
    expect(Array.from(r.owners)).toEqual([2, 2]);
  });

  test("every customer, by the all-customers route", () => {
    const result = all(shop);
    const expected = [
      { neighbours: ["Bob", "Eve", "Cid"], j: [1 / 2, 1 / 2, 2 / 5], products: ["jam", "tea"], scores: [1 / 2 + 2 / 5, 1 / 2 + 2 / 5], owners: [2, 2] },
      // Bob: eggs from Ann 1/2 + Cid 2/5 + Eve 1/5 = 11/10; tea from Cid 2/5 + Eve 1/5 = 3/5
      { neighbours: ["Ann", "Cid", "Eve"], j: [1 / 2, 2 / 5, 1 / 5], products: ["eggs", "tea"], scores: [11 / 10, 3 / 5], owners: [3, 2] },
      // Cid: Ann, Bob, Eve all 2/5 (order of appearance); only bread is new: 3 × 2/5
      { neighbours: ["Ann", "Bob", "Eve"], j: [2 / 5, 2 / 5, 2 / 5], products: ["bread"], scores: [6 / 5], owners: [3] },
      // Dee: nobody shares soap
      { neighbours: [], j: [], products: [], scores: [], owners: [] },
      // Eve: milk from Ann 1/2 + Cid 2/5 + Bob 1/5 = 11/10; jam from Cid 2/5 + Bob 1/5 = 3/5
      { neighbours: ["Ann", "Cid", "Bob"], j: [1 / 2, 2 / 5, 1 / 5], products: ["milk", "jam"], scores: [11 / 10, 3 / 5], owners: [3, 2] },
    ];
    expected.forEach((e, c) => {
      const got = runOf(result, c);
      expect(ids(shop, got.neighbours)).toEqual(e.neighbours);
      expect(Array.from(got.similarities)).toEqual(e.j);
      expect(names(shop, got.products)).toEqual(e.products);
      got.scores.forEach((s, i) => expect(s).toBeCloseTo(e.scores[i]!, 12));
      expect(Array.from(got.owners)).toEqual(e.owners);
    });
    expect(recommendationLabels(result, shop)).toEqual(["jam; tea", "eggs; tea", "bread", "", "milk; jam"]);
    expect(recommendationLabels(result, shop, ", ")[1]).toBe("eggs, tea");
  });

  test("fewer neighbours and a shorter list", () => {
    // Ann with 1 neighbour: Bob (1/2) → jam 1/2
    const one = recommendForCustomer(shop, 0, { neighbours: 1 });
    expect(ids(shop, one.neighbours)).toEqual(["Bob"]);
    expect(names(shop, one.products)).toEqual(["jam"]);
    expect(Array.from(one.scores)).toEqual([1 / 2]);
    // Ann with 2: Bob and Eve → jam 1/2 and tea 1/2 (tie, jam first)
    expect(names(shop, recommendForCustomer(shop, 0, { neighbours: 2 }).products)).toEqual(["jam", "tea"]);
    // Bob, top 1: eggs (11/10) only
    expect(names(shop, recommendForCustomer(shop, 1, { top: 1 }).products)).toEqual(["eggs"]);
    const limited = all(shop, { neighbours: 1, top: 1 });
    expect(recommendationLabels(limited, shop)).toEqual(["jam", "eggs", "bread", "", "milk"]);
  });

  test("the ranking: score, then neighbours owning it, then first appearance; scores equal as fractions tie", () => {
    // T {a,b,c,d,e}; N1 {a,b,c,d,e,v}: ∩ 5, ∪ 6 → 5/6; N2 {a,b,c,u}: ∩ 3, ∪ 6 → 1/2; N3 {a,b,u}: ∩ 2, ∪ 6 → 1/3.
    // u = 1/2 + 1/3 (0.8333…33 in floating point) and v = 5/6 (0.8333…34) tie as fractions;
    // u has two owners, so it comes first although v appears first in the data.
    const b = baskets([
      ["T", ["a", "b", "c", "d", "e"]],
      ["N1", ["a", "b", "c", "d", "e", "v"]],
      ["N2", ["a", "b", "c", "u"]],
      ["N3", ["a", "b", "u"]],
    ]);
    const r = recommendForCustomer(b, 0);
    expect(names(b, r.products)).toEqual(["u", "v"]);
    expect(Array.from(r.owners)).toEqual([2, 1]);
    expect(r.scores[0]).toBeCloseTo(5 / 6, 12);
    expect(names(b, runOf(all(b), 0).products)).toEqual(["u", "v"]);

    // T {a,b}; N1 {a,b,p,q}: 2/4 = 1/2; N2 {a,r,s}: 1/4; N3 {b,r,t}: 1/4.
    // r = 1/4 + 1/4 = 1/2 with 2 owners beats p and q (1/2, 1 owner, p first); then s and t (1/4).
    const c = baskets([
      ["T", ["a", "b"]],
      ["N1", ["a", "b", "p", "q"]],
      ["N2", ["a", "r", "s"]],
      ["N3", ["b", "r", "t"]],
    ]);
    const rc = recommendForCustomer(c, 0);
    expect(names(c, rc.products)).toEqual(["r", "p", "q", "s", "t"]);
    expect(Array.from(rc.scores)).toEqual([1 / 2, 1 / 2, 1 / 2, 1 / 4, 1 / 4]);
    expect(Array.from(rc.owners)).toEqual([2, 1, 1, 1, 1]);
    expect(names(c, runOf(all(c), 0).products)).toEqual(["r", "p", "q", "s", "t"]);
  });

  test("ids match like customer ids: 12346 and \"12346\" are one customer", () => {
    const b = baskets([
      [12346, ["x", "y"]],
      ["C-7", ["x"]],
    ]);
    expect(findCustomer(b, "12346")).toBe(0);
    expect(findCustomer(b, " C-7 ")).toBe(1);
    expect(findCustomer(b, "c-7")).toBe(-1);
    // C-7 {x} and 12346 {x,y}: J = 1/2, recommend y
    expect(names(b, recommendProducts(b, "C-7").products)).toEqual(["y"]);
  });
});

describe("recommendProducts: the reasons when there is nothing to recommend", () => {
  test("a customer not in the data is NOT_COMPUTABLE naming it", () => {
    const e = thrownCvError(() => recommendProducts(shop, "Zed"));
    expect(e.code).toBe("NOT_COMPUTABLE");
    expect(e.message).toBe('customer "Zed" is not in customer_ids (which holds 5 customers, e.g. "Ann", "Bob", "Cid")');
  });

  test("the only customer, a customer nobody shares a product with, nothing new", () => {
    const single = baskets([["Ann", ["milk"]]]);
    expect(thrownCvError(() => recommendProducts(single, "Ann")).message).toBe('customer "Ann" is the only customer in customer_ids: there is nobody to compare it with');
    const dee = thrownCvError(() => recommendProducts(shop, "Dee"));
    expect(dee.code).toBe("NOT_COMPUTABLE");
    expect(dee.message).toBe('no other customer bought any of the 1 product of customer "Dee", so it has no similar customers');
    // Ann owns everything Bob has: {milk, bread} ⊂ {milk, bread, jam}
    const covered = baskets([
      ["Ann", ["milk", "bread", "jam"]],
      ["Bob", ["milk", "bread"]],
    ]);
    const e = thrownCvError(() => recommendProducts(covered, "Ann"));
    expect(e.code).toBe("NOT_COMPUTABLE");
    expect(e.message).toBe('the 1 most similar customer of customer "Ann" bought nothing it has not bought: nothing new to recommend');
  });

  test("a blank customer and bad options are BAD_VALUE naming the argument and value", () => {
    expect(thrownCvError(() => recommendProducts(shop, "  ")).message).toBe("customer is blank: give the id of the customer to recommend products to");
    const zero = thrownCvError(() => recommendProducts(shop, "Ann", { neighbours: 0 }));
    expect(zero.code).toBe("BAD_VALUE");
    expect(zero.message).toBe("neighbours: give a whole number of similar customers, 1 or more; found 0");
    expect(thrownCvError(() => recommendProducts(shop, "Ann", { neighbours: 2.5 })).message).toBe("neighbours: give a whole number of similar customers, 1 or more; found 2.5");
    expect(thrownCvError(() => recommendProducts(shop, "Ann", { top: 101 })).message).toBe("top: give a whole number of products to recommend, from 1 to 100; found 101");
    expect(thrownCvError(() => finishSteps(recommendAllSteps(shop, { top: 0 }))).message).toBe("top: give a whole number of products to recommend, from 1 to 100; found 0");
  });
});

/** Random customers over `products` products with Zipf-like popularity (product k has weight 1/(k+1)). */
function randomShop(seed: number, customers: number, products: number, meanSize: number): Baskets {
  const random = mulberry32(seed);
  const weights = Array.from({ length: products }, (_, k) => 1 / (k + 1));
  const total = weights.reduce((s, w) => s + w, 0);
  const pick = () => {
    let u = random() * total;
    for (let k = 0; k < products; k++) {
      u -= weights[k]!;
      if (u <= 0) return k;
    }
    return products - 1;
  };
  const lines: [unknown, string[]][] = [];
  for (let c = 0; c < customers; c++) {
    const size = 1 + Math.floor(random() * 2 * meanSize);
    const owned: string[] = [];
    // repeats allowed, as invoice lines have them; readBaskets keeps distinct products
    for (let i = 0; i < size; i++) owned.push(`p${pick()}`);
    lines.push([1000 + c, owned]);
  }
  return baskets(lines);
}

/** The brute-force reference: every pair by Set operations, neighbours by sorting everyone. */
function bruteForce(b: Baskets, k: number, top: number) {
  const sets = b.basketIds.map((_, c) => new Set(Array.from(b.items.subarray(b.offsets[c]!, b.offsets[c + 1]!))));
  return sets.map((own, c) => {
    const similar = sets
      .map((other, d) => {
        const inter = [...own].filter((p) => other.has(p)).length;
        return { d, j: inter / new Set([...own, ...other]).size };
      })
      .filter((x) => x.d !== c && x.j > 0)
      .sort((x, y) => y.j - x.j || x.d - y.d)
      .slice(0, k);
    const score = new Map<number, { s: number; o: number }>();
    for (const { d, j } of similar) {
      for (const p of sets[d]!) {
        if (own.has(p)) continue;
        const e = score.get(p) ?? { s: 0, o: 0 };
        e.s += j;
        e.o++;
        score.set(p, e);
      }
    }
    return { similar, score };
  });
}

describe("all customers at once against independent routes", () => {
  test("small random data: neighbours equal the brute-force n² Jaccard; products are unowned and score Σ J of their owners", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), (seed, n, k, top) => {
        const b = randomShop(seed, n, 25, 4);
        const result = all(b, { neighbours: k, top });
        const reference = bruteForce(b, k, top);
        reference.forEach(({ similar, score }, c) => {
          const got = runOf(result, c);
          expect(Array.from(got.neighbours)).toEqual(similar.map((x) => x.d));
          expect(Array.from(got.similarities)).toEqual(similar.map((x) => x.j));
          const own = new Set(Array.from(b.items.subarray(b.offsets[c]!, b.offsets[c + 1]!)));
          expect(got.products.length).toBe(Math.min(top, score.size));
          got.products.forEach((p, i) => {
            expect(own.has(p)).toBe(false);
            expect(got.scores[i]).toBeCloseTo(score.get(p)!.s, 12);
            expect(got.owners[i]).toBe(score.get(p)!.o);
          });
          // the best are kept: no left-out candidate beats the last one kept (to 9 decimals)
          const last = got.scores[got.scores.length - 1];
          if (last !== undefined) {
            for (const [p, e] of score) if (!got.products.includes(p)) expect(e.s).toBeLessThanOrEqual(last + 1e-9);
          }
        });
      }),
      { numRuns: 60 },
    );
  });

  test("600 customers: the all-customers route equals the one-customer route for every customer", () => {
    const b = randomShop(20240, 600, 300, 12);
    for (const options of [{}, { neighbours: 3, top: 8 }]) {
      const result = all(b, options);
      for (let c = 0; c < b.basketIds.length; c++) {
        const one = recommendForCustomer(b, c, options);
        const got = runOf(result, c);
        expect(got.neighbours).toEqual(one.neighbours);
        expect(got.similarities).toEqual(one.similarities);
        expect(got.products).toEqual(one.products);
        expect(got.scores).toEqual(one.scores);
        expect(got.owners).toEqual(one.owners);
      }
    }
  });

  test("dense shops full of ties (few products, everyone shares): each pair counted once and offered to both customers gives the one-customer route's neighbours", () => {
    // Few products make every customer's postings outnumber the customers after it (the
    // branch-free count) and make equal J common, so the heaps' tie rule (earlier customer
    // first) decides; the one-customer route compares every pair directly.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), (seed, customers, products, k) => {
        const b = randomShop(seed, customers, products, 2);
        const result = all(b, { neighbours: k, top: 3 });
        for (let c = 0; c < b.basketIds.length; c++) {
          const one = recommendForCustomer(b, c, { neighbours: k, top: 3 });
          const got = runOf(result, c);
          expect(got.neighbours).toEqual(one.neighbours);
          expect(got.similarities).toEqual(one.similarities);
          expect(got.products).toEqual(one.products);
        }
      }),
      { numRuns: 200 },
    );
  });

  test("yields progress every reportEvery customers, then 1", () => {
    const b = randomShop(7, 25, 10, 3);
    const steps = recommendAllSteps(b, { reportEvery: 10 });
    const seen: number[] = [];
    for (;;) {
      const next = steps.next();
      if (next.done) {
        expect(next.value.offsets).toHaveLength(26);
        break;
      }
      seen.push(next.value.customers);
      // The share of the 300 pairs counted: the first 10 customers count 24 + 23 + … + 15 = 195, the first 20 count 290.
      expect(next.value.fraction).toBeCloseTo(({ 10: 195, 20: 290, 25: 300 } as Record<number, number>)[next.value.customers]! / 300, 12);
    }
    expect(seen).toEqual([10, 20, 25]);
  });
});
