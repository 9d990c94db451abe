import { blockAddress, cellAddress, columnLetters, parseAddress } from "../../src/workbook/address";
import { estimateBytes, planChunks, REQUEST_LIMIT_BYTES } from "../../src/workbook/chunks";

describe("A1 addresses", () => {
  test.each([
    [0, "A"],
    [25, "Z"],
    [26, "AA"],
    [27, "AB"],
    [701, "ZZ"],
    [702, "AAA"],
    [16383, "XFD"],
  ])("column %i is %s", (index, letters) => {
    expect(columnLetters(index)).toBe(letters);
    expect(parseAddress(`${letters}1`).left).toBe(index);
  });
  test("cells and blocks", () => {
    expect(cellAddress(1, 11)).toBe("L2");
    expect(blockAddress(0, 0, 3, 2)).toBe("A1:B3");
    expect(blockAddress(4, 2, 1, 1)).toBe("C5");
  });
  test("parse with sheet names, quotes and $", () => {
    expect(parseAddress("Customers!B2:D10")).toEqual({ sheet: "Customers", top: 1, left: 1, rows: 9, columns: 3 });
    expect(parseAddress("'Q1 ''24'!$A$1")).toEqual({ sheet: "Q1 '24", top: 0, left: 0, rows: 1, columns: 1 });
    expect(() => parseAddress("not an address")).toThrow('"not an address" is not an A1 address');
  });
});

describe("planChunks", () => {
  test("120,000 rows × 3 result columns split into chunks that each stay under 5 MB", () => {
    const rows = Array.from({ length: 120_000 }, (_, i) => [Math.PI * i, i % 7 === 0 ? "Medium" : "Small", `Customer ${i} — 客户`]);
    const chunks = planChunks(rows, undefined);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks[0]![0]).toBe(0);
    expect(chunks[chunks.length - 1]![1]).toBe(120_000);
    chunks.forEach(([start, end], k) => {
      if (k > 0) expect(start).toBe(chunks[k - 1]![1]);
      expect(end).toBeGreaterThan(start);
      expect(estimateBytes(rows, undefined, start, end)).toBeLessThan(REQUEST_LIMIT_BYTES);
    });
    // the JSON Excel would receive for each chunk really is under the limit
    for (const [start, end] of chunks) expect(Buffer.byteLength(JSON.stringify(rows.slice(start, end)))).toBeLessThan(REQUEST_LIMIT_BYTES);
  });
  test("a small write is one chunk; an empty write is none", () => {
    expect(planChunks([[1, "a"]], undefined)).toEqual([[0, 1]]);
    expect(planChunks([], undefined)).toEqual([]);
  });
  test("formulas count instead of values", () => {
    const rows = Array.from({ length: 10 }, () => [null]);
    const formulas = Array.from({ length: 10 }, () => ["=" + "X".repeat(1000)]);
    expect(planChunks(rows, formulas, 10_000).length).toBeGreaterThan(1);
  });
});
