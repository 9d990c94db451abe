/**
 * The summary by a dimension (methods §10, market type): hand-worked figures, blanks, matching
 * labels ignoring case and spaces, the order of the rows and its ties, no value column, and
 * properties that hold for any input. Expected figures are worked out by hand in the comments.
 */
import fc from "fast-check";
import { BLANK_DIMENSION, dimensionBreakdown, dimensionByCustomer } from "../../src/engine";
import { thrownCvError } from "../helpers/errors";

const NO = Number.NaN;

describe("dimensionBreakdown: eight customers in three market types, tiers Key and General", () => {
  // customer  market        tier      value
  //  1        Consumer      Key       500
  //  2        " consumer "  General   100
  //  3        Producer      Key       400
  //  4        PRODUCER      General    50
  //  5        Government    General   200
  //  6        Consumer      General   150
  //  7        Government    (none)     50
  //  8        Producer      General   (none)
  // Positive total 500 + 100 + 400 + 50 + 200 + 150 + 50 = 1,450.
  // Consumer   1, 2, 6: 3 customers, 750 = 15/29 of value, average 750 / 3 = 250, Key 1, General 2
  // Producer   3, 4, 8: 3 customers, 450 =  9/29,          average 450 / 2 = 225 (8's blank value is missing, not 0), Key 1, General 2
  // Government 5, 7:    2 customers, 250 =  5/29,          average 250 / 2 = 125, General 1, one not placed
  // Total: 8 customers, 7 with a value, 1,450 → average 1,450 / 7.
  const result = dimensionBreakdown({
    dimension: "Market type",
    dimensionValues: ["Consumer", " consumer ", "Producer", "PRODUCER", "Government", "Consumer", "Government", "Producer"],
    group: Int32Array.of(0, 1, 0, 1, 1, 1, -1, 1),
    groupLabels: ["Key", "General"],
    value: Float64Array.of(500, 100, 400, 50, 200, 150, 50, NO),
  });

  test("one row per market type, largest value first, first spelling shown", () => {
    expect(result.dimension).toBe("Market type");
    expect(result.groupLabels).toEqual(["Key", "General"]);
    expect(result.hasValue).toBe(true);
    expect(result.rows.map((r) => [r.label, r.customers, r.value, r.groupCustomers, r.unplaced])).toEqual([
      ["Consumer", 3, 750, [1, 2], 0],
      ["Producer", 3, 450, [1, 2], 0],
      ["Government", 2, 250, [0, 1], 1],
    ]);
  });

  test("shares of customers and of value, average value over the customers with a value", () => {
    const [consumer, producer, government] = result.rows;
    expect(consumer!.customerShare).toBeCloseTo(3 / 8, 15);
    expect(producer!.customerShare).toBeCloseTo(3 / 8, 15);
    expect(government!.customerShare).toBeCloseTo(2 / 8, 15);
    expect(consumer!.valueShare).toBeCloseTo(15 / 29, 15);
    expect(producer!.valueShare).toBeCloseTo(9 / 29, 15);
    expect(government!.valueShare).toBeCloseTo(5 / 29, 15);
    expect([consumer!.averageValue, producer!.averageValue, government!.averageValue]).toEqual([250, 225, 125]);
    expect([consumer!.valued, producer!.valued, government!.valued]).toEqual([3, 2, 2]);
  });

  test("the total row: every customer, value 1,450, average 1,450 / 7 (customer 8 has none), Key 2, General 5, one not placed", () => {
    expect(result.total).toEqual({
      label: "Total",
      customers: 8,
      customerShare: 1,
      value: 1450,
      valueShare: expect.closeTo(1, 15) as unknown as number,
      averageValue: expect.closeTo(1450 / 7, 12) as unknown as number,
      valued: 7,
      groupCustomers: [2, 5],
      unplaced: 1,
    });
  });
});

describe("dimensionBreakdown: blanks, ties, negative value, no value", () => {
  test('blank, whitespace and null cells count as "(blank)", last even with the largest value', () => {
    // Retail 10 + 20 = 30; blanks 40 + 50 + 60 = 150 (more than Retail) still come last.
    const b = dimensionBreakdown({
      dimension: "Region",
      dimensionValues: ["Retail", "", "   ", null, "retail", undefined],
      group: Int32Array.of(0, 0, 0, 0, 0, 0),
      groupLabels: ["All"],
      value: Float64Array.of(10, 40, 50, 60, 20, 0),
    });
    expect(b.rows.map((r) => [r.label, r.customers, r.value])).toEqual([
      ["Retail", 2, 30],
      [BLANK_DIMENSION, 4, 150],
    ]);
    expect(b.rows[1]!.valueShare).toBeCloseTo(150 / 180, 15);
  });

  test("a blank value is missing, not 0: [100, blank] in one market is value 100, average 100; only blanks: average null", () => {
    // Retail: 100 and a blank → value 100, 1 customer with a value, average 100 (not 100 / 2 = 50).
    // Gov: 20 and 40 → value 60, average 30. Online: two blanks → value 0, no customer with a value, average null.
    // Total: 3 with a value (100, 20, 40) of 6 customers, value 160 → average 160 / 3.
    const b = dimensionBreakdown({
      dimension: "Market",
      dimensionValues: ["Retail", "Retail", "Online", "Online", "Gov", "Gov"],
      group: Int32Array.of(0, 0, 0, 0, 0, 0),
      groupLabels: ["All"],
      value: Float64Array.of(100, NO, NO, NO, 20, 40),
    });
    expect(b.rows.map((r) => [r.label, r.customers, r.valued, r.value, r.averageValue])).toEqual([
      ["Retail", 2, 1, 100, 100],
      ["Gov", 2, 2, 60, 30],
      ["Online", 2, 0, 0, null],
    ]);
    expect([b.total.customers, b.total.valued, b.total.value, b.total.averageValue]).toEqual([6, 3, 160, expect.closeTo(160 / 3, 12)]);
  });

  test("equal values order by customers, then by label", () => {
    // B and C hold 100 each; C has 2 customers, so it goes first; A and D hold 50 with one customer each: A before D.
    const b = dimensionBreakdown({
      dimension: "Industry",
      dimensionValues: ["D", "B", "C", "C", "A"],
      group: Int32Array.of(0, 0, 0, 0, 0),
      groupLabels: ["All"],
      value: Float64Array.of(50, 100, 60, 40, 50),
    });
    expect(b.rows.map((r) => r.label)).toEqual(["C", "B", "A", "D"]);
  });

  test("a dimension value that nets negative has share 0, and the total share is what the rows add up to", () => {
    // Positive total 100 + 50 = 150; X nets 100 − 120 = −20 → share 0; Y 50 → 1/3; total share 1/3.
    const b = dimensionBreakdown({
      dimension: "Channel",
      dimensionValues: ["X", "X", "Y"],
      group: Int32Array.of(0, 0, 0),
      groupLabels: ["All"],
      value: Float64Array.of(100, -120, 50),
    });
    expect(b.rows.map((r) => [r.label, r.value, r.valueShare])).toEqual([
      ["Y", 50, expect.closeTo(1 / 3, 15)],
      ["X", -20, 0],
    ]);
    expect(b.total.valueShare).toBeCloseTo(1 / 3, 15);
    expect(b.total.value).toBe(30);
  });

  test("without a value: ordered by customers, then label; value 0, shares 0, no average", () => {
    // Numbers are dimension values too (region codes): "3" twice, "1" and "2" once each.
    const b = dimensionBreakdown({
      dimension: "Region code",
      dimensionValues: [2, 3, "3", 1],
      group: Int32Array.of(1, 0, 1, -1),
      groupLabels: ["Gold", "Silver"],
      value: null,
    });
    expect(b.hasValue).toBe(false);
    expect(b.rows.map((r) => [r.label, r.customers, r.groupCustomers, r.unplaced, r.value, r.valueShare, r.averageValue])).toEqual([
      ["3", 2, [1, 1], 0, 0, 0, null],
      ["1", 1, [0, 0], 1, 0, 0, null],
      ["2", 1, [0, 1], 0, 0, 0, null],
    ]);
    expect(b.total.customerShare).toBe(1);
  });

  test("no rows: an empty breakdown with a zero total", () => {
    const b = dimensionBreakdown({ dimension: "Market", dimensionValues: [], group: new Int32Array(0), groupLabels: ["A"], value: new Float64Array(0) });
    expect(b.rows).toEqual([]);
    expect(b.total).toMatchObject({ customers: 0, customerShare: 0, value: 0, valueShare: 0, averageValue: null, groupCustomers: [0] });
  });

  test("mismatched lengths and a group outside the labels are errors naming the argument and row", () => {
    const e1 = thrownCvError(() => dimensionBreakdown({ dimension: "M", dimensionValues: ["a", "b"], group: Int32Array.of(0), groupLabels: ["A"], value: null }));
    expect([e1.code, e1.message]).toEqual(["LENGTH_MISMATCH", "group has 1 rows, the dimension 2"]);
    const e2 = thrownCvError(() => dimensionBreakdown({ dimension: "M", dimensionValues: ["a", "b"], group: Int32Array.of(0, 3), groupLabels: ["A"], value: null }));
    expect([e2.code, e2.message]).toEqual(["BAD_VALUE", "group row 2: 3 is not a group (there are 1)"]);
  });
});

describe("dimensionByCustomer: customers keyed by id take the first non-blank value of their rows", () => {
  test("ids match as numbers or text; a blank first row is skipped; values spelled as the table first spells them; conflicts counted and named", () => {
    // 12346 rows: blank, "Retail", "Wholesale" → Retail, a conflict; 12347: " wholesale " and "Wholesale" agree,
    // spelled "wholesale" (its first appearance, trimmed); 12348 only blank → blank; 99999 has no rows → blank.
    const { values, conflicts } = dimensionByCustomer(
      [12346, "12346", 12347, "12346", 12348, "12347"],
      ["", "Retail", " wholesale ", "Wholesale", "  ", "Wholesale"],
      [12347, 12346, 12348, 99999],
    );
    expect(values).toEqual(["wholesale", "Retail", "", ""]);
    expect(conflicts).toEqual({ count: 1, examples: [{ id: 12346, values: ["Retail", "wholesale"] }] });
  });
});

describe("dimensionBreakdown properties", () => {
  const label = fc.constantFrom("Consumer", "consumer ", " CONSUMER", "Producer", "Government", "", null, "Intermediary", "international");
  const row = fc.record({ label, group: fc.integer({ min: -1, max: 2 }), value: fc.oneof(fc.constant(NO), fc.integer({ min: -50, max: 1000 })) });

  test("sums over the rows equal the total; per-group counts and the unplaced add up to customers; counts match a direct count", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.boolean(), (rows, withValue) => {
        const b = dimensionBreakdown({
          dimension: "Market type",
          dimensionValues: rows.map((r) => r.label),
          group: Int32Array.from(rows, (r) => r.group),
          groupLabels: ["Key", "Middle", "Small"],
          value: withValue ? Float64Array.from(rows, (r) => r.value) : null,
        });
        const sum = (f: (r: (typeof b.rows)[number]) => number) => b.rows.reduce((s, r) => s + f(r), 0);
        expect(b.total.customers).toBe(rows.length);
        expect(sum((r) => r.customers)).toBe(rows.length);
        expect(sum((r) => r.value)).toBeCloseTo(b.total.value, 9);
        expect(sum((r) => r.valueShare)).toBeCloseTo(b.total.valueShare, 12);
        expect(b.total.valueShare).toBeLessThanOrEqual(1 + 1e-12);
        if (rows.length > 0) expect(sum((r) => r.customerShare)).toBeCloseTo(1, 12);
        for (const r of b.rows) expect(r.groupCustomers.reduce((s, c) => s + c, 0) + r.unplaced).toBe(r.customers);
        // Averages over the customers with a value only: a blank (NaN) is missing, not 0.
        const withValues = withValue ? rows.filter((x) => !Number.isNaN(x.value)) : [];
        expect(b.total.valued).toBe(withValues.length);
        expect(sum((r) => r.valued)).toBe(withValues.length);
        if (withValues.length === 0) expect(b.total.averageValue).toBeNull();
        else expect(b.total.averageValue).toBeCloseTo(withValues.reduce((s, x) => s + x.value, 0) / withValues.length, 9);
        for (const r of b.rows) {
          if (r.valued === 0) expect(r.averageValue).toBeNull();
          else expect(r.averageValue).toBeCloseTo(r.value / r.valued, 9);
        }
        for (let g = 0; g < 3; g++) {
          expect(sum((r) => r.groupCustomers[g]!)).toBe(rows.filter((x) => x.group === g).length);
          expect(b.total.groupCustomers[g]).toBe(rows.filter((x) => x.group === g).length);
        }
        // A direct count: labels compared trimmed and lower-cased, blanks together.
        const key = (l: string | null) => (l === null || l.trim() === "" ? BLANK_DIMENSION : l.trim().toLowerCase());
        const counts = new Map<string, number>();
        for (const r of rows) counts.set(key(r.label), (counts.get(key(r.label)) ?? 0) + 1);
        expect(b.rows.length).toBe(counts.size);
        for (const r of b.rows) expect(r.customers).toBe(counts.get(r.label === BLANK_DIMENSION ? BLANK_DIMENSION : r.label.toLowerCase()));
        // Order: value (or customers) never increases down the rows, blanks aside.
        const named = b.rows.filter((r) => r.label !== BLANK_DIMENSION);
        for (let i = 1; i < named.length; i++) {
          const [prev, next] = [named[i - 1]!, named[i]!];
          if (withValue) expect(prev.value).toBeGreaterThanOrEqual(next.value);
          else expect(prev.customers).toBeGreaterThanOrEqual(next.customers);
        }
      }),
      { numRuns: 300 },
    );
  });
});
