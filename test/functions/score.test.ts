import { NORMALIZE, SCORE } from "../../src/functions/functions";
import { OMITTED, col, errorCode, errorMessage, excelErrorCell, firstColumn, row, thrownExcelError } from "../helpers/cells";

// Four customers: sales (higher is better) and complaints (lower is better).
//   sales      100  200  400  300   → minmax (x-100)/300 = 0, 1/3, 1, 2/3
//   complaints   4    2    0    2   → x/4 = 1, .5, 0, .5 → direction -1 → 0, .5, 1, .5
// weights 0.6 / 0.4: score = 100 × (0.6·sales + 0.4·complaints)
//   = 0, 100·(0.2 + 0.2) = 40, 100, 100·(0.4 + 0.2) = 60
const table = [
  [100, 4],
  [200, 2],
  [400, 0],
  [300, 2],
];

describe("CV.SCORE", () => {
  test("weighted sum of min-max normalised indicators, lower-is-better direction", () => {
    const scores = firstColumn(SCORE(table, row(0.6, 0.4), row(1, -1))) as number[];
    expect(scores[0]).toBeCloseTo(0, 12);
    expect(scores[1]).toBeCloseTo(40, 12);
    expect(scores[2]).toBeCloseTo(100, 12);
    expect(scores[3]).toBeCloseTo(60, 12);
  });

  test("weights as percentages, or as a column, give the same scores", () => {
    const asFractions = SCORE(table, row(0.6, 0.4), row(1, -1));
    expect(SCORE(table, row(60, 40), row(1, -1))).toEqual(asFractions);
    expect(SCORE(table, col(3, 2), col(1, -1))).toEqual(asFractions);
    expect(SCORE(table, row("60%", "40%"), row(1, "lower"))).toEqual(asFractions);
  });

  test("a blank indicator drops out for that customer and its weight is rescaled", () => {
    // complaints of customer 2 blank: complaints column is 4, _, 0, 2 → 0, _, 1, 0.5
    // customer 2 is scored on sales alone: 100 × 1/3; customer 4: 100 × (0.6·2/3 + 0.4·0.5) = 60
    const scores = firstColumn(SCORE([[100, 4], [200, ""], [400, 0], [300, 2]], row(0.6, 0.4), row(1, -1))) as number[];
    expect(scores[1]).toBeCloseTo(100 / 3, 12);
    expect(scores[3]).toBeCloseTo(60, 12);
  });

  test("a customer with every indicator blank gets #N/A in its own row, the others are scored", () => {
    // with complaints lower-is-better, customer 1 is worst on both (0) and customer 3 best on both (100)
    const result = firstColumn(SCORE([[100, 4], [null, ""], [400, 0]], row(1, 1), row(1, -1)));
    expect(errorCode(result[1])).toBe("#N/A");
    expect(errorMessage(result[1])).toBe("indicators row 2: every indicator with a weight is blank");
    expect(result[0]).toBe(0);
    expect(result[2]).toBe(100);
  });

  test("an #N/A inside the range (an upstream row with no value) counts as blank", () => {
    const scores = firstColumn(SCORE([[100, 4], [200, excelErrorCell("#N/A")], [400, 0], [300, 2]], row(0.6, 0.4), row(1, -1)));
    expect(scores[1]).toBeCloseTo(100 / 3, 12);
  });

  test("a constant column scores 50 for everyone", () => {
    expect(firstColumn(SCORE(col(5, 5, 5), row(1)))).toEqual([50, 50, 50]);
  });

  test("a single customer scores 50 (every column is constant)", () => {
    expect(SCORE([[7, 3]], row(0.5, 0.5))).toEqual([[50]]);
  });

  test("a zero weight leaves its indicator out", () => {
    expect(firstColumn(SCORE([[1, 30], [2, 20], [3, 10]], row(1, 0)))).toEqual([0, 50, 100]);
  });

  test("percentile normalisation: ties share a midrank", () => {
    // 10, 20, 20, 40 → 0, .5, .5, 1
    expect(firstColumn(SCORE(col(10, 20, 20, 40), row(1), OMITTED, "Percentile"))).toEqual([0, 50, 50, 100]);
  });

  test("optional arguments arriving as null take their defaults", () => {
    expect(SCORE(table, row(0.6, 0.4), OMITTED, OMITTED)).toEqual(SCORE(table, row(0.6, 0.4), row(1, 1), "minmax"));
  });

  describe("bad input: #VALUE! naming argument, row and value", () => {
    test("a negative weight", () => {
      expect(thrownExcelError(() => SCORE(table, row(0.5, -0.5)))).toEqual({
        code: "#VALUE!",
        message: "weights entry 2 is negative (-0.5): weights must be 0 or more",
      });
    });
    test("all weights zero", () => {
      expect(thrownExcelError(() => SCORE(table, row(0, 0)))).toEqual({
        code: "#VALUE!",
        message: "weights: every weight is zero, so nothing would count",
      });
    });
    test("a blank weight", () => {
      expect(thrownExcelError(() => SCORE(table, row(1, "")))).toMatchObject({ code: "#VALUE!", message: expect.stringContaining("weights entry 2 is blank") });
    });
    test("weights that do not match the indicator columns", () => {
      expect(thrownExcelError(() => SCORE(table, row(0.5, 0.3, 0.2)))).toEqual({
        code: "#VALUE!",
        message: "weights has 3 entries but there are 2 indicator columns",
      });
    });
    test("text in a number column", () => {
      expect(thrownExcelError(() => SCORE([[100, 4], ["lots", 2]], row(1, 1)))).toEqual({
        code: "#VALUE!",
        message: 'indicators row 2, column 1: expected a number, found "lots"',
      });
    });
    test("numbers stored as text are read as numbers", () => {
      expect(SCORE([["100", 4], ["200", "2"], [400, 0], [300, "2"]], row(0.6, 0.4), row(1, -1))).toEqual(SCORE(table, row(0.6, 0.4), row(1, -1)));
    });
    test("an Excel error value inside the range", () => {
      expect(thrownExcelError(() => SCORE([[100, 4], [200, excelErrorCell("#DIV/0!")]], row(1, 1)))).toEqual({
        code: "#VALUE!",
        message: "indicators row 2, column 2: expected a number, found the error #DIV/0!",
      });
    });
    test("an unknown method", () => {
      expect(thrownExcelError(() => SCORE(table, row(1, 1), OMITTED, "rank")).message).toBe('method must be one of minmax, percentile, log, zscore; found "rank"');
    });
    test("an empty range", () => {
      expect(thrownExcelError(() => SCORE([], row(1))).message).toBe("indicators is empty: select a range with at least one row");
    });
  });
});

describe("CV.NORMALIZE", () => {
  test("each column on its own, same shape, directions per column", () => {
    const out = NORMALIZE(table, row(1, -1)) as number[][];
    expect(out).toHaveLength(4);
    expect(out.map((r) => r.length)).toEqual([2, 2, 2, 2]);
    expect(out.map((r) => r[0])).toEqual([0, 1 / 3, 1, 2 / 3]);
    expect(out.map((r) => r[1])).toEqual([0, 0.5, 1, 0.5]);
  });
  test("a blank cell gives #N/A in that cell only", () => {
    const out = NORMALIZE([[1, 2], ["", 4], [3, 6]]);
    expect(errorCode(out[1]![0])).toBe("#N/A");
    expect(errorMessage(out[1]![0])).toBe("values row 2, column 1 is blank");
    expect(out[1]![1]).toBe(0.5);
  });
  test("log method", () => {
    const out = NORMALIZE(col(0, Math.E - 1, Math.E ** 2 - 1), OMITTED, "LOG") as number[][];
    expect(out[1]![0]).toBeCloseTo(0.5, 12);
  });
});
