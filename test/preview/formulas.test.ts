/**
 * The preview's formulas: the parser, the typing of entries, and CV.* formulas evaluated on a
 * MemoryWorkbook (spilling, #SPILL!, recalculation, circular references, errors, how
 * arguments are passed). Expected values are computed by hand in the comments, not by the
 * code under test. The catalogue is written here for the few functions used, so the tests
 * do not need a build.
 */
import * as realFunctions from "../../src/functions/functions";
import { MemoryWorkbook } from "../../src/preview/MemoryWorkbook";
import { catalogueFromMetadata, type Catalogue } from "../../src/preview/formulas/catalogue";
import { editText, typeEntry } from "../../src/preview/formulas/entry";
import { FormulaSyntaxError, parseFormula, type Expr } from "../../src/preview/formulas/parser";
import { SHEET_ROWS } from "../../src/workbook/address";

const m = (name: string, optional = false) => ({ name, dimensionality: "matrix", type: "any", ...(optional ? { optional: true } : {}) });
const s = (name: string, type: string, optional = false) => ({ name, type, ...(optional ? { optional: true } : {}) });

/** functions.json's entries for the functions these tests call (same shape as the build writes). */
const CATALOGUE: Catalogue = catalogueFromMetadata({
  functions: [
    { id: "NORMALIZE", parameters: [m("values"), m("directions", true), s("method", "string", true)] },
    { id: "SCORE", parameters: [m("indicators"), m("weights"), m("directions", true), s("method", "string", true)] },
    { id: "TIER", parameters: [m("scores"), m("tiers", true), m("labels", true)] },
    { id: "PARETOSHARE", parameters: [m("values"), s("customer_share", "number", true)] },
    { id: "PEEK", parameters: [m("grid"), s("one", "any", true), m("other", true), s("flag", "boolean", true), s("count", "number", true)] },
    { id: "LATER", parameters: [m("values")] },
    { id: "MISSING.IMPL", parameters: [m("values")] },
  ],
});

/** What PEEK last received. */
let peeked: unknown[] = [];
const IMPLEMENTATIONS: Record<string, unknown> = {
  ...realFunctions,
  PEEK: (...args: unknown[]) => {
    peeked = args;
    return 1;
  },
  // An asynchronous function: each value doubled, after a pause.
  LATER: (values: unknown[][]) => new Promise((resolve) => setTimeout(() => resolve(values.map((row) => row.map((v) => Number(v) * 2))), 5)),
};

function book(): MemoryWorkbook {
  return new MemoryWorkbook({ formulas: { catalogue: CATALOGUE, implementations: IMPLEMENTATIONS } });
}

/** Types entries into a column from a row (0-based), awaiting each. */
async function column(wb: MemoryWorkbook, sheet: string, top: number, columnIndex: number, entries: string[]): Promise<void> {
  for (let i = 0; i < entries.length; i++) await wb.editCell(sheet, top + i, columnIndex, entries[i] as string);
}

const values = (wb: MemoryWorkbook, address: string) => wb.readBlock("Sheet1", ...blockOf(address));
function blockOf(address: string): [number, number, number, number] {
  const match = /^([A-Z])(\d+):([A-Z])(\d+)$/.exec(address);
  if (!match) throw new Error(address);
  const left = (match[1] as string).charCodeAt(0) - 65;
  const top = Number(match[2]) - 1;
  return [top, left, Number(match[4]) - top, (match[3] as string).charCodeAt(0) - 65 - left + 1];
}

// ---------------------------------------------------------------- parser

describe("parseFormula", () => {
  const call = (text: string) => {
    const expr = parseFormula(text);
    if (expr.kind !== "call") throw new Error(`not a call: ${expr.kind}`);
    return expr;
  };

  test("references: a cell, a range, absolute, whole columns and rows, sheet-qualified, quoted sheet names, spill references", () => {
    const { args } = call("=CV.X(A1, $B$2:C10, A:C, 2:3, Sheet1!D4, 'My sheet'!A:B, 'It''s'!B2, L2#)");
    expect(args).toEqual<Expr[]>([
      { kind: "ref", ref: { top: 0, left: 0, rows: 1, columns: 1 } },
      { kind: "ref", ref: { top: 1, left: 1, rows: 9, columns: 2 } },
      { kind: "ref", ref: { top: 0, left: 0, rows: SHEET_ROWS, columns: 3, wholeColumns: true } },
      { kind: "ref", ref: { top: 1, left: 0, rows: 2, columns: 16_384, wholeRows: true } },
      { kind: "ref", ref: { sheet: "Sheet1", top: 3, left: 3, rows: 1, columns: 1 } },
      { kind: "ref", ref: { sheet: "My sheet", top: 0, left: 0, rows: SHEET_ROWS, columns: 2, wholeColumns: true } },
      { kind: "ref", ref: { sheet: "It's", top: 1, left: 1, rows: 1, columns: 1 } },
      { kind: "spill", row: 1, column: 11 },
    ]);
  });

  test("a reversed range is normalised (C10:B2 = B2:C10)", () => {
    expect(call("=CV.X(C10:B2)").args[0]).toEqual({ kind: "ref", ref: { top: 1, left: 1, rows: 9, columns: 2 } });
  });

  test("literals: numbers (negative, decimal, exponent, percent), strings with doubled quotes, TRUE/FALSE, errors, arrays", () => {
    const { args } = call('=CV.X(-3, 0.25, 1e3, 12%, "say ""hi""", "", TRUE, false, #N/A, {1,2;3,4}, {"a";"b"}, {-1,TRUE})');
    expect(args).toEqual<Expr[]>([
      { kind: "number", value: -3 },
      { kind: "number", value: 0.25 },
      { kind: "number", value: 1000 },
      { kind: "number", value: 0.12 },
      { kind: "string", value: 'say "hi"' },
      { kind: "string", value: "" },
      { kind: "boolean", value: true },
      { kind: "boolean", value: false },
      { kind: "error", code: "#N/A" },
      { kind: "array", rows: [[1, 2], [3, 4]] },
      { kind: "array", rows: [["a"], ["b"]] },
      { kind: "array", rows: [[-1, true]] },
    ]);
  });

  test("omitted arguments in the middle and at the end; no arguments", () => {
    expect(call("=CV.TIER(A1:A4,,{\"x\"})").args.map((a) => a.kind)).toEqual(["ref", "omitted", "array"]);
    expect(call("=CV.TIER(A1:A4,)").args.map((a) => a.kind)).toEqual(["ref", "omitted"]);
    expect(call("=CV.TIER(A1:A4, , )").args.map((a) => a.kind)).toEqual(["ref", "omitted", "omitted"]);
    expect(call("=CV.X()").args).toEqual([]);
  });

  test("names are upper-cased, dotted ids kept; nested calls", () => {
    const outer = call("=cv.tier(Cv.Score(A2:B5,{1,1}))");
    expect(outer.name).toBe("CV.TIER");
    expect(outer.args[0]).toMatchObject({ kind: "call", name: "CV.SCORE" });
    expect(call("=CV.BGNBD.FIT(A:A,B:B,C:C)").name).toBe("CV.BGNBD.FIT");
    expect(call("=SUM(A1:A3)").name).toBe("SUM");
  });

  test("syntax errors say where and why", () => {
    const error = (text: string) => {
      try {
        parseFormula(text);
      } catch (e) {
        if (e instanceof FormulaSyntaxError) return e.message;
        throw e;
      }
      throw new Error(`${text} parsed`);
    };
    expect(error("=CV.SCORE(A1:A3")).toMatch(/ends before "\)"/);
    expect(error('=CV.X("abc')).toMatch(/not closed/);
    expect(error("=A1+1")).toMatch(/operators such as "\+"/);
    expect(error("=")).toMatch(/empty/);
    expect(error("=CV.X(A1 B2)")).toMatch(/expected "," or "\)"/);
    expect(error("=CV.X({1,2;3})")).toMatch(/same length/);
    expect(error("=CV.X('Sheet 1'A1)")).toMatch(/expected "!"/);
    expect(error("=myName")).toMatch(/not a function call or a reference|not a reference/);
  });
});

// ---------------------------------------------------------------- typing entries

describe("typeEntry: entries typed as Excel (en-US) types them", () => {
  test.each<[string, ReturnType<typeof typeEntry>]>([
    ["12", { kind: "value", value: 12 }],
    ["-3.5", { kind: "value", value: -3.5 }],
    [" 42 ", { kind: "value", value: 42 }],
    ["1e3", { kind: "value", value: 1000 }],
    ["(12)", { kind: "value", value: -12 }],
    ["1,234.5", { kind: "value", value: 1234.5, numberFormat: "#,##0.0" }],
    ["1,234", { kind: "value", value: 1234, numberFormat: "#,##0" }],
    ["12%", { kind: "value", value: 0.12, numberFormat: "0%" }],
    ["12.5%", { kind: "value", value: 0.125, numberFormat: "0.00%" }],
    ["$1,234.50", { kind: "value", value: 1234.5, numberFormat: "$#,##0.00" }],
    ["TRUE", { kind: "value", value: true }],
    ["false", { kind: "value", value: false }],
    // 2011-01-18 is 40,561 days after 1899-12-30 (Excel's day 0).
    ["2011-01-18", { kind: "value", value: 40561, numberFormat: "yyyy-mm-dd" }],
    ["1/18/2011", { kind: "value", value: 40561, numberFormat: "m/d/yyyy" }],
    ["2011-02-30", { kind: "value", value: "2011-02-30" }],
    ["'007", { kind: "value", value: "007" }],
    ["'=A1", { kind: "value", value: "=A1" }],
    ["1,23", { kind: "value", value: "1,23" }],
    ["Ann", { kind: "value", value: "Ann" }],
    ["#n/a", { kind: "value", value: "#N/A" }],
    ["=CV.SCORE(A1:B3,{1,1})", { kind: "formula", formula: "=CV.SCORE(A1:B3,{1,1})" }],
    // Names and references upper-cased as Excel stores them; texts and sheet names kept.
    ["=cv.tier(b2:b9,\"key20\",{\"a\";\"b\"})", { kind: "formula", formula: "=CV.TIER(B2:B9,\"key20\",{\"a\";\"b\"})" }],
    ["=cv.normalize('my Sheet'!a:a,,\"Log\")+mySheet!b1", { kind: "formula", formula: "=CV.NORMALIZE('my Sheet'!A:A,,\"Log\")+mySheet!B1" }],
    ["=sum(a1,true)", { kind: "formula", formula: "=SUM(A1,TRUE)" }],
    ["", { kind: "clear" }],
  ])("%j", (entry, expected) => {
    expect(typeEntry(entry)).toEqual(expected);
  });

  test("editText gives back what would be typed again", () => {
    expect(editText({ value: 0.125, numberFormat: "0.0%" })).toBe("12.5%");
    expect(editText({ value: 40561, numberFormat: "yyyy-mm-dd" })).toBe("2011-01-18");
    expect(editText({ value: "007" })).toBe("'007");
    expect(editText({ value: 0.1 + 0.2 })).toBe("0.3");
    expect(editText({ value: 5, formula: "=SUM(A1)" })).toBe("=SUM(A1)");
    expect(editText({ value: true })).toBe("TRUE");
  });

  test("editCell stores typed values with their formats; clearing keeps the number format", async () => {
    const wb = book();
    await wb.editCell("Sheet1", 0, 0, "12%");
    expect(wb.cell("Sheet1", "A1")).toEqual({ value: 0.12, numberFormat: "0%" });
    await wb.editCell("Sheet1", 0, 0, "30");
    expect(wb.cell("Sheet1", "A1")).toEqual({ value: 30, numberFormat: "0%" });
    await wb.editCell("Sheet1", 0, 0, "");
    expect(wb.cell("Sheet1", "A1")).toEqual({ value: "", numberFormat: "0%" });
    await wb.editCell("Sheet1", 1, 0, "'12");
    expect(wb.value("Sheet1", "A2")).toBe("12");
    expect(wb.contentVersion).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------- evaluation

describe("CV formulas on a MemoryWorkbook", () => {
  test("CV.NORMALIZE spills a column: 0, 5, 10 → 0, 0.5, 1 (min-max: (x − 0) / (10 − 0))", async () => {
    const wb = book();
    await column(wb, "Sheet1", 1, 0, ["0", "5", "10"]);
    const before = wb.contentVersion;
    await wb.editCell("Sheet1", 1, 1, "=CV.NORMALIZE(A2:A4)");
    expect(await values(wb, "B2:B4")).toEqual([[0], [0.5], [1]]);
    expect(wb.cell("Sheet1", "B2")).toMatchObject({ formula: "=CV.NORMALIZE(A2:A4)", spill: { rows: 3, columns: 1 } });
    expect(wb.cell("Sheet1", "B3")?.spilledFrom).toEqual({ row: 1, column: 1 });
    expect(wb.cell("Sheet1", "B3")?.formula).toBeUndefined();
    expect(wb.spillAnchor("Sheet1", 3, 1)?.address).toBe("B2");
    expect(wb.contentVersion).toBeGreaterThan(before);
    expect(wb.calculating).toBe(false);
  });

  test("the same with a whole-column reference, trimmed to the used rows", async () => {
    const wb = book();
    await column(wb, "Sheet1", 0, 0, ["0", "5", "10"]);
    await wb.editCell("Sheet1", 0, 2, "=cv.normalize(A:A)");
    expect(await values(wb, "C1:C4")).toEqual([[0], [0.5], [1], [""]]);
  });

  /**
   * The 4-row table (B = revenue, C = complaints, lower is better):
   *   revenue 10, 20, 30, 50 → min-max (x − 10) / 40 = 0, 0.25, 0.5, 1
   *   complaints 4, 3, 2, 1 → min-max (x − 1) / 3 = 1, 2/3, 1/3, 0; direction −1 → 0, 1/3, 2/3, 1
   *   score = 100 × (3·rev + 1·compl) / 4 = 0, 100 × (0.75 + 1/3) / 4 = 27.083…, 100 × (1.5 + 2/3) / 4 = 54.166…, 100
   *   tiers 25% / 25% / 50% of 4 customers: the first tier k with h < c_k · n, c·n = 1, 2, 4, h = customers scoring higher:
   *   100 (h 0) Gold, 54.2 (h 1) Silver, 27.1 (h 2) Bronze, 0 (h 3) Bronze.
   */
  test("CV.SCORE and CV.TIER (nested) hand-checked on a 4-row table", async () => {
    const wb = book();
    await column(wb, "Sheet1", 1, 1, ["10", "20", "30", "50"]);
    await column(wb, "Sheet1", 1, 2, ["4", "3", "2", "1"]);
    await wb.editCell("Sheet1", 1, 3, "=CV.SCORE(B2:C5,{3,1},{1,-1})");
    const scores = (await values(wb, "D2:D5")).map((r) => r[0] as number);
    const expected = [0, (100 * (0.75 + 1 / 3)) / 4, (100 * (1.5 + 2 / 3)) / 4, 100];
    scores.forEach((score, i) => expect(score).toBeCloseTo(expected[i] as number, 10));

    await wb.editCell("Sheet1", 1, 4, '=CV.TIER(CV.SCORE(B2:C5,{3,1},{1,-1}),{0.25,0.25,0.5},{"Gold","Silver","Bronze"})');
    expect(await values(wb, "E2:E5")).toEqual([["Bronze"], ["Bronze"], ["Silver"], ["Gold"]]);
    // The same through the spill reference D2#.
    await wb.editCell("Sheet1", 1, 5, '=CV.TIER(D2#,{0.25,0.25,0.5},{"Gold","Silver","Bronze"})');
    expect(await values(wb, "F2:F5")).toEqual([["Bronze"], ["Bronze"], ["Silver"], ["Gold"]]);
  });

  test("#SPILL! when a cell of the spill range holds a value; it spills again once the blocker is cleared", async () => {
    const wb = book();
    await column(wb, "Sheet1", 1, 0, ["0", "5", "10"]);
    await wb.editCell("Sheet1", 2, 1, "x");
    await wb.editCell("Sheet1", 1, 1, "=CV.NORMALIZE(A2:A4)");
    expect(wb.value("Sheet1", "B2")).toBe("#SPILL!");
    expect(wb.cell("Sheet1", "B2")?.message).toMatch(/B3 is not empty/);
    expect(wb.cell("Sheet1", "B2")?.blockedSpill).toEqual({ rows: 3, columns: 1 });
    expect(wb.value("Sheet1", "B4")).toBe("");

    await wb.editCell("Sheet1", 2, 1, "");
    expect(await values(wb, "B2:B4")).toEqual([[0], [0.5], [1]]);
    expect(wb.cell("Sheet1", "B2")?.blockedSpill).toBeUndefined();

    // Typing into the spilled range: that cell becomes the user's, the anchor shows #SPILL!, the rest of the spill goes.
    await wb.editCell("Sheet1", 3, 1, "7");
    expect(await values(wb, "B2:B4")).toEqual([["#SPILL!"], [""], [7]]);
    expect(wb.cell("Sheet1", "B4")?.spilledFrom).toBeUndefined();
    // Delete over it brings the spill back.
    await wb.clearContents("Sheet1", "B4");
    expect(await values(wb, "B2:B4")).toEqual([[0], [0.5], [1]]);
  });

  test("clearing a spilled cell does nothing; clearing the anchor removes the whole spill", async () => {
    const wb = book();
    await column(wb, "Sheet1", 1, 0, ["0", "5", "10"]);
    await wb.editCell("Sheet1", 1, 1, "=CV.NORMALIZE(A2:A4)");
    await wb.editCell("Sheet1", 2, 1, "");
    await wb.clearContents("Sheet1", "B3:B4");
    expect(await values(wb, "B2:B4")).toEqual([[0], [0.5], [1]]);
    await wb.clearContents("Sheet1", "B2");
    expect(await values(wb, "B2:B4")).toEqual([[""], [""], [""]]);
    expect(wb.cell("Sheet1", "B3")).toBeUndefined();
    // Overwriting the anchor with a value does the same.
    await wb.editCell("Sheet1", 1, 1, "=CV.NORMALIZE(A2:A4)");
    await wb.editCell("Sheet1", 1, 1, "hello");
    expect(await values(wb, "B2:B4")).toEqual([["hello"], [""], [""]]);
  });

  test("editing a precedent recalculates the formula and the formulas reading its spill", async () => {
    const wb = book();
    await column(wb, "Sheet1", 1, 0, ["0", "5", "10"]);
    await wb.editCell("Sheet1", 1, 1, "=CV.NORMALIZE(A2:A4)");
    await wb.editCell("Sheet1", 1, 2, "=SUM(B2#)");
    // 0 + 0.5 + 1
    expect(wb.value("Sheet1", "C2")).toBe(1.5);
    await wb.editCell("Sheet1", 3, 0, "20");
    // (x − 0) / 20: 0, 0.25, 1; sum 1.25
    expect(await values(wb, "B2:C4")).toEqual([[0, 1.25], [0.25, ""], [1, ""]]);
    // A longer column: the spill grows, the sum follows.
    await wb.editCell("Sheet1", 1, 1, "=CV.NORMALIZE(A2:A5)");
    await wb.editCell("Sheet1", 4, 0, "40");
    // 0, 5, 20, 40 → 0, 0.125, 0.5, 1; sum 1.625
    expect(await values(wb, "B2:B5")).toEqual([[0], [0.125], [0.5], [1]]);
    expect(wb.value("Sheet1", "C2")).toBe(1.625);
  });

  test("circular references show #CALC! and do not hang", async () => {
    const wb = book();
    await column(wb, "Sheet1", 1, 0, ["0", "5"]);
    await wb.editCell("Sheet1", 3, 0, "=CV.NORMALIZE(A2:A4)");
    expect(wb.value("Sheet1", "A4")).toBe("#CALC!");
    expect(wb.cell("Sheet1", "A4")?.message).toMatch(/Circular reference/);

    await wb.editCell("Sheet1", 0, 5, "=SUM(G1)");
    await wb.editCell("Sheet1", 0, 6, "=SUM(F1)");
    expect([wb.value("Sheet1", "F1"), wb.value("Sheet1", "G1")]).toEqual(["#CALC!", "#CALC!"]);
    // Breaking the cycle recalculates the other one.
    await wb.editCell("Sheet1", 0, 5, "4");
    expect(wb.value("Sheet1", "G1")).toBe(4);

    // A result that would spill over the cells it reads.
    await column(wb, "Sheet1", 0, 8, ["1", "2"]);
    await wb.editCell("Sheet1", 0, 9, "=CV.NORMALIZE(I1:J2)");
    expect(wb.value("Sheet1", "J1")).toBe("#CALC!");
  });

  test("unknown names give #NAME?; a wrong argument count #VALUE! with a message", async () => {
    const wb = book();
    await wb.editCell("Sheet1", 0, 0, "=CV.NOPE(B1:B3)");
    await wb.editCell("Sheet1", 1, 0, "=VLOOKUP(B1,C1:D3,2)");
    await wb.editCell("Sheet1", 2, 0, "=CV.MISSING.IMPL(B1)");
    await wb.editCell("Sheet1", 3, 0, "=CV.SCORE(B1:B3)");
    await wb.editCell("Sheet1", 4, 0, "=B1*2");
    expect(await values(wb, "A1:A5")).toEqual([["#NAME?"], ["#NAME?"], ["#NAME?"], ["#VALUE!"], ["#NAME?"]]);
    expect(wb.cell("Sheet1", "A1")?.message).toMatch(/no function CV\.NOPE/);
    expect(wb.cell("Sheet1", "A4")?.message).toBe("CV.SCORE takes 2 to 4 arguments; it was given 1.");
    expect(wb.cell("Sheet1", "A5")?.message).toMatch(/operators/);
  });

  test("a function's error shows its code with its message; per-row errors inside the spill keep theirs", async () => {
    const wb = book();
    await column(wb, "Sheet1", 0, 0, ["1", "2", "3"]);
    await wb.editCell("Sheet1", 0, 1, "=CV.SCORE(A1:A3,{-1})");
    expect(wb.value("Sheet1", "B1")).toBe("#VALUE!");
    expect(wb.cell("Sheet1", "B1")?.message).toMatch(/weights/);
    // A blank value: NORMALIZE gives #N/A for that row, with the reason.
    await wb.editCell("Sheet1", 1, 0, "");
    await wb.editCell("Sheet1", 0, 2, "=CV.NORMALIZE(A1:A3)");
    expect(await values(wb, "C1:C3")).toEqual([[0], ["#N/A"], [1]]);
    expect(wb.cell("Sheet1", "C2")?.message).toMatch(/row 2.*blank/);
  });

  test("arguments are passed as Excel passes them", async () => {
    const wb = book();
    await column(wb, "Sheet1", 0, 0, ["1", "", "hi", "TRUE"]);
    await wb.editCell("Sheet1", 0, 1, "7");
    // Matrix: null for the blank cell; scalar from one cell; matrix from a scalar → [[5]]; boolean from 1; number from "2".
    await wb.editCell("Sheet1", 0, 3, '=CV.PEEK(A1:A4,B1,5,1,"2")');
    expect(peeked).toEqual([[[1], [null], ["hi"], [true]], 7, [[5]], true, 2]);
    // Omitted (middle and trailing) are null; a blank cell for a scalar is null.
    await wb.editCell("Sheet1", 1, 3, "=CV.PEEK(A1:A2,,,)");
    expect(peeked).toEqual([[[1], [null]], null, null, null, null]);
    await wb.editCell("Sheet1", 2, 3, "=CV.PEEK(A1,A2)");
    expect(peeked).toEqual([[[1]], null, null, null, null]);
    // A scalar parameter given several cells, or text where a number is declared: #VALUE! without a call.
    peeked = [];
    await wb.editCell("Sheet1", 3, 3, "=CV.PEEK(A1,A1:A2)");
    expect(wb.value("Sheet1", "D4")).toBe("#VALUE!");
    await wb.editCell("Sheet1", 4, 3, '=CV.PEEK(A1,,,,"many")');
    expect(wb.value("Sheet1", "D5")).toBe("#VALUE!");
    expect(peeked).toEqual([]);
    // An error value in a scalar argument is passed on as the result.
    await wb.editCell("Sheet1", 5, 3, "=CV.PEEK(A1,#N/A)");
    expect(wb.value("Sheet1", "D6")).toBe("#N/A");
    // A real scalar: PARETOSHARE's customer_share; 10 + 20 + 30 + 40 = 100, the top 25% (1 customer) holds 40 → 0.4.
    await column(wb, "Sheet1", 0, 5, ["10", "20", "30", "40"]);
    await wb.editCell("Sheet1", 0, 6, "=CV.PARETOSHARE(F1:F4,0.25)");
    expect(wb.value("Sheet1", "G1")).toBeCloseTo(0.4, 12);
  });

  test("sheet-qualified references read the other sheet and recalculate when it changes", async () => {
    const wb = new MemoryWorkbook({ sheets: ["Sheet1", "My data"], formulas: { catalogue: CATALOGUE, implementations: IMPLEMENTATIONS } });
    await column(wb, "My data", 0, 0, ["2", "4", "6"]);
    await wb.editCell("Sheet1", 0, 0, "=CV.NORMALIZE('My data'!A:A)");
    // (x − 2) / 4
    expect(await values(wb, "A1:A3")).toEqual([[0], [0.5], [1]]);
    await wb.editCell("My data", 2, 0, "10");
    // (x − 2) / 8
    expect(await values(wb, "A1:A3")).toEqual([[0], [0.25], [1]]);
    await wb.deleteSheet("My data");
    await wb.whenCalculated();
    expect(wb.value("Sheet1", "A1")).toBe("#REF!");
  });

  test("a function returning a Promise is awaited; the status says calculating meanwhile", async () => {
    const wb = book();
    await column(wb, "Sheet1", 0, 0, ["1", "2"]);
    const done = wb.editCell("Sheet1", 0, 1, "=CV.LATER(A1:A2)");
    expect(wb.calculating).toBe(true);
    expect(wb.value("Sheet1", "B1")).toBe("#BUSY!");
    await done;
    expect(wb.calculating).toBe(false);
    expect(await values(wb, "B1:B2")).toEqual([[2], [4]]);
  });

  test("built-in SUM, AVERAGE, COUNT, MIN, MAX and HSTACK", async () => {
    const wb = book();
    await column(wb, "Sheet1", 0, 0, ["1", "2", "x", "", "6"]);
    await wb.editCell("Sheet1", 0, 1, "=SUM(A1:A5)");
    await wb.editCell("Sheet1", 1, 1, "=AVERAGE(A:A)");
    await wb.editCell("Sheet1", 2, 1, "=COUNT(A1:A5)");
    await wb.editCell("Sheet1", 3, 1, "=MIN(A1:A5,-2)");
    await wb.editCell("Sheet1", 4, 1, "=MAX(A1:A5)");
    // 1 + 2 + 6 = 9; mean 3; 3 numbers; min −2; max 6
    expect(await values(wb, "B1:B5")).toEqual([[9], [3], [3], [-2], [6]]);
    await wb.editCell("Sheet1", 6, 0, "=HSTACK(A1:A2,{3;4})");
    expect(await values(wb, "A7:B8")).toEqual([[1, 3], [2, 4]]);
  });

  test("formulas written by the task pane keep their stored values; typed ones recalculate after a pane write", async () => {
    const wb = book();
    await column(wb, "Sheet1", 1, 0, ["0", "5", "10"]);
    await wb.editCell("Sheet1", 1, 1, "=CV.NORMALIZE(A2:A4)");
    await wb.writeBlock({ sheet: "Sheet1", top: 0, left: 0, headers: ["v"], rows: [[0], [5], [20]] });
    await wb.whenCalculated();
    expect(await values(wb, "B2:B4")).toEqual([[0], [0.25], [1]]);
  });

  test("a whole-column formula on 100,000 rows calculates and spills", async () => {
    const wb = book();
    const csv = ["n", ...Array.from({ length: 100_000 }, (_, i) => String(i))].join("\n");
    wb.loadCsv("Sheet1", csv);
    const started = Date.now();
    await wb.editCell("Sheet1", 1, 1, "=CV.NORMALIZE(A2:A100001)");
    expect(Date.now() - started).toBeLessThan(10_000);
    // (x − 0) / 99,999
    expect(wb.value("Sheet1", "B2")).toBe(0);
    expect(wb.cellAt("Sheet1", 50_000, 1)?.value).toBeCloseTo(49_999 / 99_999, 12);
    expect(wb.cellAt("Sheet1", 100_000, 1)?.value).toBe(1);
    // One more value at the end of a whole column: the spill grows by one row.
    await wb.editCell("Sheet1", 1, 2, "=CV.NORMALIZE(A:A)");
    // The header "n" is text: NORMALIZE refuses it.
    expect(wb.value("Sheet1", "C2")).toBe("#VALUE!");
  });
});
