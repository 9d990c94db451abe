import { CvError, dayToIso, parseDayCell, parseNumberCell, readDayColumns, readNumberColumn, readNumberColumns, readNumberList, readTextList } from "../../src/engine";

describe("parseNumberCell", () => {
  test.each([
    [12.5, 12.5],
    ["12.5", 12.5],
    [" 3e2 ", 300],
    ["-7", -7],
    ["1,234.5", 1234.5],
    ["15%", 0.15],
    [0, 0],
  ])("%p reads as %p", (input, expected) => {
    expect(parseNumberCell(input)).toBeCloseTo(expected, 12);
  });

  test.each([[""], [null], [undefined], ["   "], [{ code: "#N/A" }], ["#N/A"]])("%p is missing (NaN), not zero", (input) => {
    expect(parseNumberCell(input)).toBeNaN();
  });

  test.each([["n/a"], ["12abc"], [true], [false], [{ code: "#DIV/0!" }], ["#VALUE!"], [Infinity], [NaN], ["1,23"]])("%p is a bad cell", (input) => {
    expect(parseNumberCell(input)).toBeUndefined();
  });
});

describe("parseDayCell", () => {
  test("ISO text becomes the Excel serial: 2024-03-31 is 45382 (2024-01-01 = 45292, + 31 + 29 + 30)", () => {
    expect(parseDayCell("2024-03-31")).toBe(45382);
    expect(parseDayCell("1899-12-31")).toBe(1);
  });
  test("the time of day is dropped, from serials and from text", () => {
    expect(parseDayCell(45382.75)).toBe(45382);
    expect(parseDayCell("2024-03-31T18:30")).toBe(45382);
    expect(parseDayCell("2024-03-31 23:59:59")).toBe(45382);
  });
  test("impossible or ambiguous dates are bad cells", () => {
    expect(parseDayCell("2024-02-30")).toBeUndefined();
    expect(parseDayCell("31/03/2024")).toBeUndefined();
    expect(parseDayCell("March 31")).toBeUndefined();
    expect(parseDayCell(-1)).toBeUndefined();
  });
  test("blank is missing", () => {
    expect(parseDayCell("")).toBeNaN();
  });
  test("dayToIso is the inverse", () => {
    expect(dayToIso(45382)).toBe("2024-03-31");
  });
  test("readDayColumns names the bad cell", () => {
    expect(() => readDayColumns([["2024-03-31"], ["31/03/2024"]], "dates")).toThrow(
      'dates row 2, column 1: expected a date up to 9999-12-31 (a date cell or text like 2024-03-31), found "31/03/2024"',
    );
  });
});

describe("readNumberColumns", () => {
  test("columns are typed, blanks are NaN", () => {
    const { columns, rows } = readNumberColumns([[1, "2"], ["", 4]], "indicators");
    expect(rows).toBe(2);
    expect(Array.from(columns[0]!)).toEqual([1, NaN]);
    expect(Array.from(columns[1]!)).toEqual([2, 4]);
  });

  test("text in a number column stops with argument, row, column and value", () => {
    expect(() => readNumberColumns([[1, 2], [3, "lots"]], "indicators")).toThrow('indicators row 2, column 2: expected a number, found "lots"');
  });

  test("an Excel error value inside the range is named by its code", () => {
    let caught: unknown;
    try {
      readNumberColumns([[1], [{ code: "#DIV/0!" }]], "values");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CvError);
    expect((caught as CvError).code).toBe("BAD_VALUE");
    expect((caught as CvError).message).toBe("values row 2, column 1: expected a number, found the error #DIV/0!");
    expect((caught as CvError).location).toMatchObject({ argument: "values", row: 2, column: 1 });
  });

  test("with onBadCell 'missing', every bad cell is listed and read as missing, nothing is lost", () => {
    const { columns, badCells } = readNumberColumns([["x", 2], [3, true]], "indicators", "missing");
    expect(Array.from(columns[0]!)).toEqual([NaN, 3]);
    expect(Array.from(columns[1]!)).toEqual([2, NaN]);
    expect(badCells.map((b) => [b.row, b.column, b.value])).toEqual([
      [1, 1, "x"],
      [2, 2, true],
    ]);
  });

  test("an empty range is an error", () => {
    expect(() => readNumberColumns([], "indicators")).toThrow("indicators is empty");
    expect(() => readNumberColumns([[]], "indicators")).toThrow("indicators is empty");
  });

  test("ragged rows are a length mismatch", () => {
    expect(() => readNumberColumns([[1, 2], [3]], "indicators")).toThrow("indicators row 2 has 1 cells, expected 2");
  });
});

describe("lists and single columns", () => {
  test("a list may be a row or a column", () => {
    expect(readNumberList([[0.4, 0.3, 0.3]], "weights")).toEqual([0.4, 0.3, 0.3]);
    expect(readNumberList([[0.4], [0.6]], "weights")).toEqual([0.4, 0.6]);
  });
  test("a 2-D block is not a list", () => {
    expect(() => readNumberList([[1, 2], [3, 4]], "weights")).toThrow("weights must be a single row or a single column, found 2 rows × 2 columns");
  });
  test("labels are trimmed text; numbers become text", () => {
    expect(readTextList([[" Gold "], [2]], "labels")).toEqual(["Gold", "2"]);
  });
  test("a per-customer column given as a row is read along the row", () => {
    expect(Array.from(readNumberColumn([[3, "", 5]], "scores"))).toEqual([3, NaN, 5]);
  });
  test("a per-customer column must be one column", () => {
    expect(() => readNumberColumn([[1, 2], [3, 4]], "scores")).toThrow("scores must be a single column, found 2 rows × 2 columns");
  });
});
