import { RATING, SCORECARD, VALUEMATRIX } from "../../src/functions/functions";
import { OMITTED, col, errorCode, errorMessage, firstColumn, row, thrownExcelError } from "../helpers/cells";

// One indicator per aspect, four customers.
//   financial (profit)      0   10    5   10 → 0, 1, .5, 1        ×100 → F = 0, 100, 50, 100
//   sales (revenue)       100    0   50  100 → 1, 0, .5, 1                S = 100, 0, 50, 100
//   customer (loyalty)      1    3    2    3 → 0, 1, .5, 1                C = 0, 100, 50, 100
//   service (complaints)    0    4    2    0 → direction -1: 1, 0, .5, 1  V = 100, 0, 50, 100
const indicators = [
  [0, 100, 1, 0],
  [10, 0, 3, 4],
  [5, 50, 2, 2],
  [10, 100, 3, 0],
];
const aspects = row("financial", "sales", "customer", "service");
const directions = row(1, 1, 1, -1);

describe("CV.SCORECARD", () => {
  test("equal aspect weights: actual = mean(F, S), potential = mean(C, V), total = mean of all four", () => {
    expect(SCORECARD(indicators, aspects, OMITTED, directions)).toEqual([
      [50, 50, 50],
      [50, 50, 50],
      [50, 50, 50],
      [100, 100, 100],
    ]);
  });

  test("aspect weights 0.4 / 0.3 / 0.2 / 0.1", () => {
    // actual = (.4F + .3S) / .7: 30/.7, 40/.7, 50, 100; potential = (.2C + .1V) / .3: 10/.3, 20/.3, 50, 100
    // total = .4F + .3S + .2C + .1V: 40, 60, 50, 100
    const out = SCORECARD(indicators, aspects, OMITTED, directions, row(0.4, 0.3, 0.2, 0.1), OMITTED, true) as (string | number)[][];
    expect(out[0]).toEqual(["Actual", "Potential", "Total"]);
    const expected = [
      [30 / 0.7, 10 / 0.3, 40],
      [40 / 0.7, 20 / 0.3, 60],
      [50, 50, 50],
      [100, 100, 100],
    ];
    expected.forEach((r, i) => r.forEach((v, j) => expect(out[i + 1]![j]).toBeCloseTo(v, 10)));
  });

  test("two indicators in one aspect are weighted within it", () => {
    // sales aspect = (1·revenue + 3·orders)/4; orders 1, 3, 2, 3 → 0, 1, .5, 1
    // S = 100·(1·[1, 0, .5, 1] + 3·[0, 1, .5, 1]) / 4 = 25, 75, 50, 100; actual = mean(F, S)
    const data = indicators.map((r, i) => [r[0], r[1], [1, 3, 2, 3][i]]);
    const out = SCORECARD(data, row("financial", "sales", "Sales"), row(1, 1, 3), OMITTED, OMITTED, OMITTED) as number[][];
    expect(out.map((r) => r[0])).toEqual([12.5, 87.5, 50, 100]);
    // no customer or service indicators: potential is #N/A, total = actual
    expect(errorCode(out[0]![1])).toBe("#N/A");
    expect(errorMessage(out[0]![1])).toBe("indicators row 1: no customer or service indicator with a weight is filled in");
    expect(out.map((r) => r[2])).toEqual([12.5, 87.5, 50, 100]);
  });

  test("bad aspects", () => {
    expect(thrownExcelError(() => SCORECARD(indicators, row("financial", "sales", "loyalty", "service"))).message).toBe(
      'aspects entry 3: expected one of financial, sales, customer, service, found "loyalty"',
    );
    expect(thrownExcelError(() => SCORECARD(indicators, row("financial", "sales"))).message).toBe(
      "aspects has 2 entries but there are 4 indicator columns",
    );
    expect(thrownExcelError(() => SCORECARD(indicators, aspects, OMITTED, OMITTED, row(1, -1, 1, 1))).message).toBe(
      "aspect_weights entry 2 is negative (-1): weights must be 0 or more",
    );
  });
});

describe("CV.VALUEMATRIX", () => {
  test("median cuts; a value equal to the cut counts as high", () => {
    // medians: actual of 80, 80, 20, 20, 50 = 50; potential of 90, 10, 90, 10, 50 = 50
    expect(firstColumn(VALUEMATRIX(col(80, 80, 20, 20, 50), col(90, 10, 90, 10, 50)))).toEqual([
      "Strategic",
      "Maintain",
      "Develop",
      "Minimal",
      "Strategic",
    ]);
  });
  test("explicit cuts", () => {
    expect(firstColumn(VALUEMATRIX(col(80, 80), col(90, 10), 85, 5))).toEqual(["Develop", "Develop"]);
  });
  test("mismatched row counts", () => {
    expect(thrownExcelError(() => VALUEMATRIX(col(1, 2, 3), col(1, 2)))).toEqual({
      code: "#VALUE!",
      message: "potential has 2 rows but actual has 3: select ranges of the same height",
    });
  });
  test("a blank gives #N/A in its row", () => {
    const out = firstColumn(VALUEMATRIX(col(1, "", 3), col(1, 2, "")));
    expect(errorMessage(out[1])).toBe("actual row 2 is blank");
    expect(errorMessage(out[2])).toBe("potential row 3 is blank");
  });
});

describe("CV.RATING", () => {
  test("5 everywhere is 100, 1 everywhere is 20; blank ratings drop out", () => {
    // row 3: (0.5·4 + 0.3·3) / (0.8 × 5) = 2.9 / 4 = 72.5
    const out = firstColumn(RATING([[5, 5, 5], [1, 1, 1], [4, 3, ""]], row(0.5, 0.3, 0.2))) as number[];
    expect(out[0]).toBeCloseTo(100, 12);
    expect(out[1]).toBeCloseTo(20, 12);
    expect(out[2]).toBeCloseTo(72.5, 12);
  });
  test("6C analysis on a 1–10 scale", () => {
    // Character 8, Capacity 6, Capital 5, Collateral 4, Condition 7, Continuity 9, weights 20/20/15/15/15/15
    // 100 × (160 + 120 + 75 + 60 + 105 + 135) / (100 × 10) = 65.5
    expect(RATING([[8, 6, 5, 4, 7, 9]], row(20, 20, 15, 15, 15, 15), 10)[0]![0]).toBeCloseTo(65.5, 12);
  });
  test("a rating above max_rating or below 0 is named", () => {
    expect(thrownExcelError(() => RATING([[5, 6]], row(1, 1)))).toEqual({
      code: "#VALUE!",
      message: "ratings row 1, column 2: a rating must be between 0 and 5, found 6",
    });
    expect(thrownExcelError(() => RATING([[1, 1], [-1, 2]], row(1, 1))).message).toBe("ratings row 2, column 1: a rating must be between 0 and 5, found -1");
    expect(thrownExcelError(() => RATING([[1]], row(1), 0)).message).toBe("max_rating must be a positive number, found 0");
  });
  test("all ratings blank → #N/A", () => {
    expect(errorCode(RATING([["", ""]], row(1, 1))[0]![0])).toBe("#N/A");
  });
});
