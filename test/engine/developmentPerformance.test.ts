import fc from "fast-check";
import { type DevelopmentInput, developmentPerformance } from "../../src/engine/development/developmentPerformance";
import { thrownCvError } from "../helpers/errors";

const NaN_ = Number.NaN;

/** Rows as [id, period, amount, profit]; blanks as "" (amounts NaN), the way the functions layer passes them. */
function input(rows: [unknown, unknown, number, number][], previous: unknown, current: unknown, withProfits = true): DevelopmentInput {
  return {
    customerIds: rows.map((r) => r[0]),
    periods: rows.map((r) => r[1]),
    amounts: Float64Array.from(rows, (r) => r[2]),
    ...(withProfits ? { profits: Float64Array.from(rows, (r) => r[3]) } : {}),
    previous,
    current,
  };
}

// Three periods. Previous 2010, current 2011.
// A: 2010 100/30, 2011 150/40 (and 2009 60/12, left out)   → existing
// B: 2010 200/50 and a return −20/−5 (period as text "2010"), 2011 120/30 → existing, 2010 net 180/45
// C: 2010 50/10, nothing in 2011                            → existing, lost
// D: 2011 80/20                                             → new
// E: 2009 70/15, 2011 30/6 (back after skipping 2010)       → new
// F: 2012 500/100                                           → left out
const rows: [unknown, unknown, number, number][] = [
  ["A", 2010, 100, 30],
  ["A", 2011, 150, 40],
  ["B", 2010, 200, 50],
  ["B", "2010", -20, -5],
  ["C", 2010, 50, 10],
  ["B", 2011, 120, 30],
  ["D", 2011, 80, 20],
  ["E", 2009, 70, 15],
  ["E", 2011, 30, 6],
  ["A", 2009, 60, 12],
  ["", "", NaN_, NaN_],
  ["F", 2012, 500, 100],
];

describe("development performance: a hand example with existing, lost and new customers over three periods", () => {
  const d = developmentPerformance(input(rows, "2010", 2011));

  test("existing customers: A, B, C", () => {
    // previous: A 100 + B (200 − 20) + C 50 = 330; current: A 150 + B 120 + C 0 = 270
    expect(d.existing.customers).toBe(3);
    expect(d.existing.salesPrevious).toBe(330);
    expect(d.existing.salesCurrent).toBe(270);
    expect(d.existing.change).toBe(-60);
    expect(d.existing.growth).toBeCloseTo(-60 / 330, 12);
    // total current sales: 270 + 110 = 380
    expect(d.existing.share).toBeCloseTo(270 / 380, 12);
    // profit: previous 30 + (50 − 5) + 10 = 85, current 40 + 30 + 0 = 70
    expect(d.existing.profitPrevious).toBe(85);
    expect(d.existing.profitCurrent).toBe(70);
    expect(d.existing.profitChange).toBe(-15);
    expect(d.existing.profitGrowth).toBeCloseTo(-15 / 85, 12);
    expect(d.lostCustomers).toBe(1);
  });

  test("new customers: D and E (E bought in 2009, skipped 2010)", () => {
    // current: D 80 + E 30 = 110; profit 20 + 6 = 26
    expect(d.newCustomers).toEqual({
      customers: 2,
      salesPrevious: 0,
      salesCurrent: 110,
      change: 110,
      growth: NaN_,
      share: expect.closeTo(110 / 380, 12) as unknown as number,
      profitPrevious: 0,
      profitCurrent: 26,
      profitChange: 26,
      profitGrowth: NaN_,
    });
  });

  test("total: both groups", () => {
    expect(d.total.customers).toBe(5);
    expect(d.total.salesPrevious).toBe(330);
    expect(d.total.salesCurrent).toBe(380);
    expect(d.total.change).toBe(50);
    expect(d.total.growth).toBeCloseTo(50 / 330, 12);
    expect(d.total.share).toBe(1);
    // profit 85 → 70 + 26 = 96
    expect(d.total.profitChange).toBe(11);
    expect(d.total.profitGrowth).toBeCloseTo(11 / 85, 12);
  });

  test("labels as first written, rows of other periods and blank rows counted", () => {
    expect(d.previous).toBe(2010);
    expect(d.current).toBe(2011);
    expect(d.hasProfits).toBe(true);
    // A 2009, E 2009, F 2012
    expect(d.otherPeriodRows).toBe(3);
    expect(d.blankRows).toBe(1);
  });

  test("without profits the profit figures are 0 and growth undefined; periods may be text labels", () => {
    const q = developmentPerformance(
      input(
        [
          ["A", "2011-Q1", 10, NaN_],
          ["A", "2011-Q2", 25, NaN_],
          ["B", "2011-Q2", 5, NaN_],
        ],
        "2011-Q1",
        "2011-Q2",
        false,
      ),
    );
    expect(q.hasProfits).toBe(false);
    // A: 10 → 25, change 15, growth 15/10; B new with 5; shares 25/30 and 5/30
    expect([q.existing.customers, q.existing.salesPrevious, q.existing.salesCurrent, q.existing.change, q.existing.growth]).toEqual([1, 10, 25, 15, 1.5]);
    expect(q.existing.share).toBeCloseTo(25 / 30, 12);
    expect(q.newCustomers.share).toBeCloseTo(5 / 30, 12);
    expect(q.total.profitCurrent).toBe(0);
    expect(q.total.profitGrowth).toBeNaN();
  });

  test("growth is change / |previous|: a loss of 100 turning into a profit of 50 grows by 150%", () => {
    const q = developmentPerformance(
      input(
        [
          ["A", 1, 300, -100],
          ["A", 2, 400, 50],
        ],
        1,
        2,
      ),
    );
    // profit change 50 − (−100) = 150; growth 150 / |−100| = 1.5
    expect(q.existing.profitChange).toBe(150);
    expect(q.existing.profitGrowth).toBe(1.5);
  });

  test("ids match like customer ids: 12346 and \"12346\" are one existing customer", () => {
    const q = developmentPerformance(
      input(
        [
          [12346, 2010, 10, 0],
          ["12346", 2011, 20, 0],
        ],
        2010,
        2011,
      ),
    );
    expect(q.existing.customers).toBe(1);
    expect(q.newCustomers.customers).toBe(0);
    expect(q.total.salesCurrent).toBe(20);
  });
});

describe("bad input names the argument, the row and the value", () => {
  const ok: [unknown, unknown, number, number][] = [
    ["A", 2010, 10, 1],
    ["B", 2011, 20, 2],
  ];
  const withRow = (row: [unknown, unknown, number, number]) => input([...ok, row], 2010, 2011);
  test.each([
    ["a blank id", withRow(["", 2011, 5, 1]), "BAD_VALUE", "customer_ids row 3 is blank beside the period 2011: give every purchase a customer id"],
    ["a blank period", withRow(["C", "", 5, 1]), "BAD_VALUE", 'periods row 3 is blank beside customer "C": give every purchase a period (e.g. 2010 or "2011-Q1")'],
    ["a blank amount", withRow(["C", 2011, NaN_, 1]), "BAD_VALUE", 'amounts row 3 is blank beside customer "C" in period 2011: give every purchase an amount'],
    ["a blank profit", withRow(["C", 2011, 5, NaN_]), "BAD_VALUE", 'profits row 3 is blank beside customer "C" in period 2011: give every purchase a profit, or leave profits out'],
    ["an error id", withRow([{ code: "#REF!" }, 2011, 5, 1]), "BAD_VALUE", "customer_ids row 3: expected a customer id, found the error #REF!"],
    ["a TRUE period", withRow(["C", true, 5, 1]), "BAD_VALUE", "periods row 3: expected a period label, found true"],
    ["previous not in the data", input(ok, 2009, 2011), "BAD_VALUE", "previous: the period 2009 is not in periods, which holds 2010, 2011"],
    ["current not in the data", input(ok, 2010, "2012"), "BAD_VALUE", 'current: the period "2012" is not in periods, which holds 2010, 2011'],
    ["the same period twice", input(ok, 2010, "2010"), "BAD_VALUE", "previous and current are both the period 2010: give two different periods"],
    ["a blank previous", input(ok, "", 2011), "BAD_VALUE", 'previous: expected a period label as written in periods (e.g. 2010), found a blank cell'],
    ["only blank rows", input([["", "", NaN_, NaN_]], 2010, 2011), "EMPTY_INPUT", "customer_ids, periods and amounts hold no purchases: select one row per purchase"],
    ["amounts too short", { ...input(ok, 2010, 2011), amounts: Float64Array.of(1) }, "LENGTH_MISMATCH", "amounts has 1 rows but customer_ids has 2: select ranges of the same height"],
    ["profits too long", { ...input(ok, 2010, 2011), profits: Float64Array.of(1, 2, 3) }, "LENGTH_MISMATCH", "profits has 3 rows but customer_ids has 2: select ranges of the same height"],
  ])("%s", (_, given, code, message) => {
    const e = thrownCvError(() => developmentPerformance(given));
    expect(e.code).toBe(code);
    expect(e.message).toBe(message);
  });

  test("many periods are listed with an ellipsis", () => {
    const many = input(
      [1, 2, 3, 4, 5, 6, 7].map((p): [unknown, unknown, number, number] => ["A", 2000 + p, 1, 1]),
      1999,
      2001,
    );
    expect(thrownCvError(() => developmentPerformance(many)).message).toBe("previous: the period 1999 is not in periods, which holds 2001, 2002, 2003, 2004, 2005, 2006, …");
  });
});

describe("properties", () => {
  const rowArb = fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: -50, max: 200 }), fc.integer({ min: -20, max: 60 }));
  test("existing + new current sales = the current period's sales; groups are the brute-force customer sets", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 50 }), fc.constantFrom<[number, number]>([1, 2], [2, 3], [1, 3], [3, 1]), (data, [prev, cur]) => {
        const periodsPresent = new Set(data.map((r) => r[1]));
        fc.pre(periodsPresent.has(prev) && periodsPresent.has(cur));
        const d = developmentPerformance(input(data.map(([c, p, a, q]) => [`C${c}`, p, a, q]), prev, cur));
        const inPeriod = (p: number) => data.filter((r) => r[1] === p);
        const sales = (rs: typeof data) => rs.reduce((s, r) => s + r[2], 0);
        const previousBuyers = new Set(inPeriod(prev).map((r) => r[0]));
        const currentBuyers = new Set(inPeriod(cur).map((r) => r[0]));
        const newBuyers = [...currentBuyers].filter((c) => !previousBuyers.has(c));
        expect(d.existing.customers).toBe(previousBuyers.size);
        expect(d.newCustomers.customers).toBe(newBuyers.length);
        expect(d.lostCustomers).toBe([...previousBuyers].filter((c) => !currentBuyers.has(c)).length);
        expect(d.existing.salesCurrent + d.newCustomers.salesCurrent).toBe(d.total.salesCurrent);
        expect(d.total.salesCurrent).toBe(sales(inPeriod(cur)));
        expect(d.total.salesPrevious).toBe(sales(inPeriod(prev)));
        expect(d.existing.salesCurrent).toBe(sales(inPeriod(cur).filter((r) => previousBuyers.has(r[0]))));
        expect(d.newCustomers.salesPrevious).toBe(0);
        expect(d.otherPeriodRows).toBe(data.length - inPeriod(prev).length - inPeriod(cur).length);
        if (d.total.salesCurrent !== 0) expect(d.existing.share + d.newCustomers.share).toBeCloseTo(1, 9);
      }),
    );
  });
});
