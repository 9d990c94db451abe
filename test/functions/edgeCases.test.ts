import { ABC, NORMALIZE, PARETO, SCORE, SCORECARD, TIER, TIERBYSCORE, VALUEMATRIX, WHALE } from "../../src/functions/functions";
import { OMITTED, col, errorMessage, excelErrorCell, firstColumn, row, thrownExcelError } from "../helpers/cells";

const count = (labels: unknown[], label: string) => labels.filter((l) => l === label).length;

describe("boundaries that float arithmetic could move", () => {
  test("tiers 0.1 / 0.2 / 0.7 on 10 customers hold exactly 1, 2, 7 (0.1 + 0.2 is 0.30000000000000004)", () => {
    const tiers = firstColumn(TIER(col(10, 9, 8, 7, 6, 5, 4, 3, 2, 1), row(0.1, 0.2, 0.7)));
    expect([count(tiers, "Tier 1"), count(tiers, "Tier 2"), count(tiers, "Tier 3")]).toEqual([1, 2, 7]);
    expect(tiers[3]).toBe("Tier 3");
  });

  test("an ABC customer whose S_prev is exactly 80% (7.6 / 9.5, computed as 0.7999…) is B", () => {
    // 2.7, 2.5, 2.4 start at 0, .284, .547 → A; 1.4 starts at 7.6/9.5 = .8 → B; 0.5 at .947 → B
    expect(firstColumn(ABC(col(1.4, 2.7, 0.5, 2.5, 2.4)))).toEqual(["B", "A", "B", "A", "A"]);
  });
});

describe("defaults and directions", () => {
  test("value matrix: each axis is cut at its own median", () => {
    // actual median 25, potential median 2.5
    expect(firstColumn(VALUEMATRIX(col(10, 20, 30, 40), col(1, 2, 3, 4)))).toEqual(["Minimal", "Minimal", "Strategic", "Strategic"]);
    expect(firstColumn(VALUEMATRIX(col(10, 20, 30, 40), col(4, 3, 2, 1)))).toEqual(["Develop", "Develop", "Maintain", "Maintain"]);
  });

  test("value matrix medians are over the customers it places", () => {
    // placed: rows 1, 2, 4 → actual median of 1, 2, 10 = 2; potential median 5
    const out = firstColumn(VALUEMATRIX(col(1, 2, 3, 10), col(5, 5, "", 5)));
    expect([out[0], out[1], out[3]]).toEqual(["Develop", "Strategic", "Strategic"]);
    expect(errorMessage(out[2])).toBe("potential row 3 is blank");
  });

  test("percentile with lower-is-better: 10, 20, 20, 40 → 1, .5, .5, 0", () => {
    expect(NORMALIZE(col(10, 20, 20, 40), row(-1), "percentile")).toEqual([[1], [0.5], [0.5], [0]]);
  });

  test("zscore of a constant column is 0.5, as for every method", () => {
    expect(NORMALIZE(col(3, 3), OMITTED, "zscore")).toEqual([[0.5], [0.5]]);
  });

  test("a blank direction is higher-is-better; '1.0' and '-1' as text are read", () => {
    expect(firstColumn(SCORE(col(1, 2, 3), row(1), row("")))).toEqual([0, 50, 100]);
    expect(firstColumn(SCORE([[1, 3], [2, 2], [3, 1]], row(1, 1), row("1.0", "-1")))).toEqual([0, 50, 100]);
  });

  test("a blank tier label keeps the preset name; a single blank cell for an option means omitted", () => {
    expect(firstColumn(TIER(col(2, 1), [["key20"]], row("", "Rest")))).toEqual(["Key", "Rest"]);
    // n = 2 pyramid: h = 0 < 0.02 → Top; h = 1 is only below 2 → Small
    expect(firstColumn(TIER(col(2, 1), [[""]]))).toEqual(["Top", "Small"]);
  });

  test("ABC cuts as percentages; blank labels fall back to letters", () => {
    expect(ABC(col(60, 30, 6, 4), row(80, 95))).toEqual(ABC(col(60, 30, 6, 4)));
    expect(firstColumn(ABC(col(60, 30, 6, 4), OMITTED, row("Top", "", "Tail")))).toEqual(["Top", "Top", "B", "Tail"]);
  });

  test("a scorecard aspect whose weights are all zero drops out", () => {
    // indicators as in scorecard.test.ts; service weighted 0 → potential = customer aspect only
    const indicators = [
      [0, 100, 1, 0],
      [10, 0, 3, 4],
      [5, 50, 2, 2],
      [10, 100, 3, 0],
    ];
    const out = SCORECARD(indicators, row("financial", "sales", "customer", "service"), row(1, 1, 1, 0), row(1, 1, 1, -1)) as number[][];
    expect(out.map((r) => r[1])).toEqual([0, 100, 50, 100]);
    expect(out[1]![2]).toBeCloseTo((100 + 0 + 100) / 3, 10);
  });

  test("headers given as the text FALSE turn the header off", () => {
    expect(WHALE(col(1, -1), "FALSE" as unknown as boolean)).toHaveLength(4);
  });
});

describe("messages name the argument, the position and the value", () => {
  test("a required argument left out", () => {
    expect(thrownExcelError(() => SCORE([[1]], OMITTED as unknown as unknown[][]))).toEqual({
      code: "#VALUE!",
      message: "weights is required: select a range or type a value",
    });
    expect(thrownExcelError(() => TIERBYSCORE(col(1), OMITTED as unknown as unknown[][], row("A"))).message).toBe(
      "thresholds is required: select a range or type a value",
    );
  });

  test("a per-customer column given as a row keeps its real position", () => {
    expect(thrownExcelError(() => TIER(row(1, 2, 3, "x"))).message).toBe('scores row 1, column 4: expected a number, found "x"');
  });

  test("error values in option arguments are named as errors", () => {
    const t = [[1, 2], [3, 4]];
    expect(thrownExcelError(() => SCORE(t, row(1, 1), row(1, excelErrorCell("#REF!")))).message).toBe(
      "directions entry 2: expected 1 (higher is better) or -1 (lower is better), found the error #REF!",
    );
    expect(thrownExcelError(() => SCORE(t, row(1, excelErrorCell("#N/A")))).message).toBe(
      "weights row 1, column 2: expected a number, found the error #N/A",
    );
    expect(thrownExcelError(() => SCORE(t, row(1, 1), OMITTED, excelErrorCell("#REF!") as unknown as string)).message).toBe(
      "method: expected a text option, found the error #REF!",
    );
    expect(thrownExcelError(() => VALUEMATRIX(col(1), col(1), excelErrorCell("#REF!") as unknown as number)).message).toBe(
      "actual_cut: expected a number, found the error #REF!",
    );
    expect(thrownExcelError(() => VALUEMATRIX(col(1), col(1), "high" as unknown as number)).message).toBe('actual_cut: expected a number, found "high"');
  });

  test("which entry of a list is wrong", () => {
    expect(thrownExcelError(() => PARETO(col(1, 2), row(0.2, 1.5))).message).toContain("points entry 2: a share of customers is between 0 and 1");
    expect(thrownExcelError(() => TIERBYSCORE(col(1), row(80), row("A", ""))).message).toBe("labels entry 2 is blank: give every tier a name");
    expect(thrownExcelError(() => SCORECARD([[1, 2, 3, 4]], row("financial", "sales", "customer", "service"), OMITTED, OMITTED, row(1, 1, 1))).message).toBe(
      "aspect_weights has 3 entries but there are 4 aspects (financial, sales, customer, service)",
    );
  });
});

describe("extreme magnitudes", () => {
  test("number text that overflows is a bad cell, not infinity", () => {
    expect(thrownExcelError(() => SCORE(col("1e400", 1), row(1))).message).toBe('indicators row 1, column 1: expected a number, found "1e400"');
  });
  test("min-max does not overflow near the largest doubles", () => {
    expect(firstColumn(SCORE(col(9e307, -9e307, 0), row(1)))).toEqual([100, 0, 50]);
  });
  test("weights near 1e308 are rescaled without overflow", () => {
    expect(firstColumn(SCORE([[0, 0], [1, 1]], row(1e308, 1e308)))).toEqual([0, 100]);
  });
});
