/**
 * The transaction aggregation's fast parts against brute force written here: the typed
 * number map against a Map, the id index's matching rules by hand, aggregateTransactions
 * (the bit set of customer × day, the bucket fallback, invoices counted by owner and by
 * shared pairs) against per-customer Sets, and the one-pass strict read against the cell
 * parsers and the ordered read's first problem.
 */
import fc from "fast-check";
import {
  CvError,
  aggregateTransactions,
  columnCells,
  parseDayCell,
  parseIdCell,
  parseNumberCell,
  readTransactionRows,
} from "../../src/engine";
import { IdIndex, NumberKeyMap } from "../../src/engine/core/idIndex";

describe("NumberKeyMap", () => {
  test("gives the value stored first under each key, like a Map, through growth", () => {
    const key = fc.oneof(
      fc.integer({ min: -50, max: 50 }),
      fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
      fc.double({ min: -1e15, max: 1e15, noNaN: true }),
      fc.constantFrom(0, -0, 2 ** 53, 0.1, 0.30000000000000004, 4294967296, -4294967296),
    );
    fc.assert(
      fc.property(fc.array(key, { maxLength: 400 }), (keys) => {
        const table = new NumberKeyMap(2);
        const reference = new Map<number, number>();
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i] as number;
          const expected = reference.get(k) ?? i;
          if (!reference.has(k)) reference.set(k, i);
          if (table.getOrSet(k, i) !== expected) return false;
        }
        return table.size === reference.size && keys.every((k) => table.get(k) === reference.get(k)) && table.get(0.123456789) === (reference.get(0.123456789) ?? -1);
      }),
      { numRuns: 300 },
    );
  });

  test("0 and −0 are one key; an absent key gives −1", () => {
    const table = new NumberKeyMap();
    expect(table.getOrSet(-0, 7)).toBe(7);
    expect(table.getOrSet(0, 8)).toBe(7);
    expect(table.get(1)).toBe(-1);
  });
});

describe("IdIndex", () => {
  test("an index ready for a column (whole numbers looked up over their span) numbers ids as the hashed one does", () => {
    const id = fc.oneof(
      fc.integer({ min: -20, max: 60 }),
      fc.integer({ min: -1e12, max: 1e12 }),
      fc.double({ min: -50, max: 50, noNaN: true }),
      fc.constantFrom(-0, "7", " 8 ", "12.0", "x", "", null, Number.POSITIVE_INFINITY, Number.NaN),
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 200 }), fc.array(id, { maxLength: 50 }), (column, later) => {
        const ready = IdIndex.forColumn(column);
        const plain = new IdIndex();
        // Ids outside the column (later) too: the span's table and the hash meet.
        return [...column, ...later].every((x) => ready.indexOf(x) === plain.indexOf(x)) && ready.size === plain.size;
      }),
      { numRuns: 400 },
    );
  });

  test("numbers and integer text are one id; other text as trimmed; blanks are −1", () => {
    const index = new IdIndex();
    const got = [12346, "12346", " 12346 ", "12346.0", "C-1", "C-1", " C-1", "007", "", "  ", null, undefined, Number.NaN, "7", 7, "1234567890123456789"].map((id) => index.indexOf(id));
    // By hand: 12346 first (0), "C-1" (1), "007" is text (2), "7" and 7 one id (3), the 19 digits stay text (4).
    expect(got).toEqual([0, 0, 0, 0, 1, 1, 1, 2, -1, -1, -1, -1, -1, 3, 3, 4]);
    expect(index.size).toBe(5);
  });
});

/** The same histories by brute force: per customer, Sets of days and invoices. */
function bruteForce(ids: unknown[], days: number[], amounts: number[], invoices: unknown[] | undefined) {
  const order: string[] = [];
  const by = new Map<string, { first: number; last: number; money: number; days: Set<number>; invoices: Set<string> }>();
  let latest = Number.NEGATIVE_INFINITY;
  const key = (id: unknown): string | undefined => {
    if (id === null || id === undefined || (typeof id === "number" && !Number.isFinite(id))) return undefined;
    const text = String(id).trim();
    if (text === "") return undefined;
    return /^-?(0|[1-9]\d*)(\.0+)?$/.test(text) && Number.isSafeInteger(Number(text)) ? `n${Number(text)}` : `t${text}`;
  };
  ids.forEach((id, i) => {
    const k = key(id);
    if (k === undefined) return;
    if (!by.has(k)) {
      order.push(k);
      by.set(k, { first: Number.NaN, last: Number.NaN, money: 0, days: new Set(), invoices: new Set() });
    }
    const c = by.get(k)!;
    latest = Math.max(latest, days[i]!);
    c.money += amounts[i]!;
    if (amounts[i]! < 0) return;
    c.first = Number.isNaN(c.first) ? days[i]! : Math.min(c.first, days[i]!);
    c.last = Number.isNaN(c.last) ? days[i]! : Math.max(c.last, days[i]!);
    c.days.add(days[i]!);
    if (invoices) c.invoices.add(key(invoices[i]) ?? "blank");
  });
  const customers = order.map((k) => by.get(k)!);
  return {
    count: order.length,
    first: customers.map((c) => c.first),
    last: customers.map((c) => c.last),
    money: customers.map((c) => c.money),
    days: customers.map((c) => [...c.days].sort((a, b) => a - b)),
    frequency: customers.map((c) => (invoices ? c.invoices.size : c.days.size)),
    latest,
  };
}

describe("aggregateTransactions against per-customer Sets", () => {
  const id = fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom("3", " 4 ", "C-9", "c-9", "x", "", null));
  const invoice = fc.oneof(fc.integer({ min: 100, max: 110 }), fc.constantFrom("A1", "105", null, ""));
  const amount = fc.oneof(fc.integer({ min: -5, max: 50 }), fc.double({ min: -100, max: 1000, noNaN: true }));
  // Three kinds of days: a few weeks (the bit set), decades apart (the bucket fallback), and times of day (not whole).
  const day = fc.oneof(fc.integer({ min: 45000, max: 45030 }), fc.integer({ min: 0, max: 2_958_465 }), fc.double({ min: 45000, max: 45002, noNaN: true }));
  const rows = fc.array(fc.tuple(id, day, amount, invoice), { minLength: 1, maxLength: 120 });

  for (const withInvoices of [false, true]) {
    test(`first/last purchase, monetary, distinct days and frequency${withInvoices ? " (distinct invoices, shared ones too)" : ""}`, () => {
      fc.assert(
        fc.property(rows, fc.boolean(), (table, narrow) => {
          const ids = table.map((r) => r[0]);
          // Half the runs keep every day within a month, so the bit set is used; the others mix spans and fractions.
          const days = table.map((r) => (narrow ? 45000 + (Math.abs(Math.floor(r[1])) % 30) : r[1]));
          const amounts = table.map((r) => r[2]);
          const invoices = withInvoices ? table.map((r) => r[3]) : undefined;
          const expected = bruteForce(ids, days, amounts, invoices);
          if (expected.count === 0) {
            expect(() => aggregateTransactions({ ids, days: Float64Array.from(days), amounts: Float64Array.from(amounts) })).toThrow(CvError);
            return;
          }
          const h = aggregateTransactions({ ids, days: Float64Array.from(days), amounts: Float64Array.from(amounts), ...(invoices ? { invoices } : {}) });
          expect(h.ids.length).toBe(expected.count);
          expect(Array.from(h.firstDay)).toEqual(expected.first);
          expect(Array.from(h.lastDay)).toEqual(expected.last);
          expect(Array.from(h.monetary)).toEqual(expected.money);
          expect(Array.from(h.frequency)).toEqual(expected.frequency);
          expect(h.latestDay).toBe(expected.latest);
          expected.days.forEach((d, c) => expect(Array.from(h.purchaseDays.subarray(h.dayStart[c], h.dayStart[c + 1]))).toEqual(d));
        }),
        { numRuns: 400 },
      );
    });
  }

  test("whole days far beyond Excel's dates (a caller's own day numbers) are sorted, not counted over their span", () => {
    const h = aggregateTransactions({ ids: ["a", "b", "a"], days: Float64Array.of(1e10, 0, 5) });
    expect(Array.from(h.purchaseDays)).toEqual([5, 1e10, 0]);
    expect(Array.from(h.dayStart)).toEqual([0, 2, 3]);
  });

  test("an invoice number two customers share counts once for each (by hand)", () => {
    // a: invoices 1, 1, 2 → 2; b: invoice 1 twice and 3 → 2; c: only a return on invoice 2 → 0.
    const h = aggregateTransactions({
      ids: ["a", "b", "a", "b", "a", "b", "c"],
      days: Float64Array.of(45000, 45001, 45000, 45002, 45003, 45004, 45005),
      amounts: Float64Array.of(1, 1, 1, 1, 1, 1, -1),
      invoices: [1, 1, 1, 1, 2, 3, 2],
    });
    expect(Array.from(h.frequency)).toEqual([2, 2, 0]);
  });
});

describe("the one-pass strict read", () => {
  const good = {
    id: fc.oneof(fc.integer({ min: 1, max: 99 }), fc.constantFrom("C-1", " 17 ", "", null, { type: "#N/A" })),
    date: fc.oneof(fc.integer({ min: 40000, max: 45000 }), fc.double({ min: 40000, max: 45000, noNaN: true }), fc.constantFrom("2024-03-31", " 2011-12-09 ")),
    amount: fc.oneof(fc.integer({ min: -10, max: 100 }), fc.constantFrom("12.5", "15%", "1,234.5")),
    invoice: fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constantFrom("A", "", null)),
  };
  const bad = {
    id: fc.constantFrom(true, { type: "#VALUE!" }, Number.POSITIVE_INFINITY),
    date: fc.constantFrom("soon", -1, 3e6, "", null, true),
    amount: fc.constantFrom("n/a", Number.NaN, "", null, false),
    invoice: fc.constantFrom(false, { type: "#DIV/0!" }),
  };
  const cell = (kind: keyof typeof good) => fc.oneof({ weight: 12, arbitrary: good[kind] }, { weight: 1, arbitrary: bad[kind] });
  const rows = fc.array(fc.tuple(cell("id"), cell("date"), cell("amount"), cell("invoice")), { minLength: 1, maxLength: 40 });

  /** The first problem as the ordered read names it: a bad amount anywhere first, then row by row id, invoice, date, blank date, blank amount. */
  function firstProblem(table: unknown[][]): { argument: string; row: number } | undefined {
    const amountRow = table.findIndex((r) => parseNumberCell(r[2]) === undefined);
    if (amountRow >= 0) return { argument: "amounts", row: amountRow + 1 };
    for (let i = 0; i < table.length; i++) {
      const [idCell, dateCell, amountCell, invoiceCell] = table[i]!;
      const id = parseIdCell(idCell);
      if (id === undefined) return { argument: "customer_ids", row: i + 1 };
      if (parseIdCell(invoiceCell) === undefined) return { argument: "invoice_ids", row: i + 1 };
      const dayValue = parseDayCell(dateCell);
      if (dayValue === undefined || (id !== null && Number.isNaN(dayValue))) return { argument: "dates", row: i + 1 };
      if (id !== null && Number.isNaN(parseNumberCell(amountCell)!)) return { argument: "amounts", row: i + 1 };
    }
    return undefined;
  }

  test("reads each cell as its parser does, or stops at the ordered read's first problem", () => {
    fc.assert(
      fc.property(rows, (table) => {
        const column = (k: number, argument: string) => columnCells(table.map((r) => [r[k]]), argument);
        const read = () => readTransactionRows({ ids: column(0, "customer_ids"), dates: column(1, "dates"), amounts: column(2, "amounts"), invoices: column(3, "invoice_ids") }, "throw");
        const problem = firstProblem(table);
        if (problem) {
          let thrown: unknown;
          try {
            read();
          } catch (e) {
            thrown = e;
          }
          expect(thrown).toBeInstanceOf(CvError);
          expect((thrown as CvError).location).toMatchObject(problem);
          return;
        }
        const got = read();
        expect(Array.from(got.ids)).toEqual(table.map((r) => parseIdCell(r[0])));
        expect(Array.from(got.days)).toEqual(table.map((r) => parseDayCell(r[1])));
        expect(Array.from(got.amounts!)).toEqual(table.map((r) => parseNumberCell(r[2])));
        expect(Array.from(got.invoices!)).toEqual(table.map((r) => parseIdCell(r[3])));
      }),
      { numRuns: 500 },
    );
  });

  test("a column of numbers comes back as a Float64Array; a single-column range is not copied", () => {
    const grid = [[17850], [12346]];
    const ids = columnCells(grid, "customer_ids");
    const got = readTransactionRows({ ids, dates: columnCells([[45000], [45001.75]], "dates") }, "throw");
    expect(got.ids).toBeInstanceOf(Float64Array);
    expect(Array.from(got.ids)).toEqual([17850, 12346]);
    expect(Array.from(got.days)).toEqual([45000, 45001]);
    expect(ids.rows).toBe(grid);
  });
});
