import { ABC, PARETO, PARETOSHARE, WHALE } from "../../src/functions/functions";
import { OMITTED, col, errorCode, errorMessage, firstColumn, row, thrownExcelError } from "../helpers/cells";

describe("CV.ABC", () => {
  test("the customer who crosses 80% is still A", () => {
    // 60, 30, 6, 4 (total 100): S_prev = 0, .6, .9, .96 → A, A, B, C
    expect(firstColumn(ABC(col(60, 30, 6, 4)))).toEqual(["A", "A", "B", "C"]);
  });

  test("a customer starting exactly at 80% is B (A only while S_prev < 0.80)", () => {
    // 50, 30, 15, 5: S_prev = 0, .5, .8, .95 → A, A, B, C
    expect(firstColumn(ABC(col(15, 50, 5, 30)))).toEqual(["B", "A", "C", "A"]);
  });

  test("ties share the class of the first of them", () => {
    // 70, 10, 10, 10: the 10s start at S_prev .7, .8, .9; all three take the first one's class, A
    expect(firstColumn(ABC(col(70, 10, 10, 10)))).toEqual(["A", "A", "A", "A"]);
  });

  test("value ≤ 0 is always in the last class; shares are of positive value", () => {
    // positive total 90: 60 → A (0), 30 → A (.667), 0 → C, -5 → C
    expect(firstColumn(ABC(col(60, 0, 30, -5)))).toEqual(["A", "C", "A", "C"]);
  });

  test("custom cuts and labels", () => {
    // 50, 30, 15, 5 with cut 0.5: S_prev 0 → Core, .5 → Tail
    expect(firstColumn(ABC(col(50, 30, 15, 5), row(0.5), row("Core", "Tail")))).toEqual(["Core", "Tail", "Tail", "Tail"]);
    // three cuts → A–D by default
    expect(firstColumn(ABC(col(40, 30, 20, 10), row(0.3, 0.6, 0.9)))).toEqual(["A", "B", "C", "D"]);
  });

  test("a single customer is A; a blank row gets #N/A", () => {
    expect(ABC(col(5))).toEqual([["A"]]);
    const out = firstColumn(ABC(col(5, "")));
    expect(errorCode(out[1])).toBe("#N/A");
    expect(errorMessage(out[1])).toBe("values row 2 is blank");
  });

  test("bad cuts and labels", () => {
    expect(thrownExcelError(() => ABC(col(1), row(0.9, 0.8))).message).toBe("cuts must be ascending; entry 2 (0.8) is not above entry 1 (0.9)");
    expect(thrownExcelError(() => ABC(col(1), row(0.5, 150))).message).toBe(
      "cuts entry 2: a cut is a share between 0 and 1 (e.g. 0.8, or 80 as a percentage), found 150",
    );
    expect(thrownExcelError(() => ABC(col(1), OMITTED, row("A", "B"))).message).toBe("labels has 2 labels; 2 cuts make 3 classes");
  });
});

describe("CV.PARETOSHARE", () => {
  // 60, 20, 10, 10, 0: n = 5, total 100
  const values = col(10, 60, 0, 20, 10);
  test("top 20% = 1 customer = 60%", () => {
    expect(PARETOSHARE(values)).toBeCloseTo(0.6, 15);
  });
  test("a share between whole customers interpolates: 30% = 1.5 customers = 60 + 0.5 × 20 = 70%", () => {
    expect(PARETOSHARE(values, 0.3)).toBeCloseTo(0.7, 15);
  });
  test("the 20% of 4,338 example: 867.6 customers = the top 867 plus 0.6 of the 868th", () => {
    // 4,338 customers: the top 867 hold 10 each, the 868th holds 5, the rest 1 each.
    const v = Array.from({ length: 4338 }, (_, i) => (i < 867 ? 10 : i === 867 ? 5 : 1));
    const total = 867 * 10 + 5 + (4338 - 868);
    expect(PARETOSHARE(col(...v), 0.2)).toBeCloseTo((8670 + 0.6 * 5) / total, 12);
  });
  test("negative values add nothing: shares are of the total positive value", () => {
    // 50, 30, -20: positive total 80; half the customers = 1.5 → 50 + 15 = 65 → 0.8125
    expect(PARETOSHARE(col(50, -20, 30), 0.5)).toBeCloseTo(0.8125, 15);
  });
  test("errors", () => {
    // 20 now reads as 20% (one percentage reader, README); 150 is neither a share nor a percentage.
    expect(PARETOSHARE(values, 20)).toBe(0.6);
    expect(thrownExcelError(() => PARETOSHARE(values, 150))).toEqual({
      code: "#VALUE!",
      message: "customer_share: expected a share from 0 to 1 (or 0 to 100 as a percentage, e.g. 0.2, 20% or 20), found 150",
    });
    expect(thrownExcelError(() => PARETOSHARE(col(0, -3)))).toEqual({
      code: "#N/A",
      message: "values has no positive value, so there is no share to take",
    });
  });
});

describe("CV.PARETO", () => {
  test("default 20 points with a header", () => {
    const out = PARETO(col(10, 60, 0, 20, 10)) as (string | number)[][];
    expect(out[0]).toEqual(["Customer share", "Value share"]);
    expect(out).toHaveLength(21);
    expect(out[1]![0]).toBeCloseTo(0.05, 15);
    expect(out[1]![1]).toBeCloseTo(0.15, 15); // 0.25 of the top customer's 60
    expect(out[4]![1]).toBeCloseTo(0.6, 15); // 20%
    expect(out[20]).toEqual([1, 1]);
  });
  test("a number of points, or a list of shares, without header", () => {
    // 2 points: half the customers = 2.5 → 60 + 20 + 0.5 × 10 = 85%
    const two = PARETO(col(10, 60, 0, 20, 10), [[2]], false) as number[][];
    expect(two).toHaveLength(2);
    expect(two[0]![0]).toBe(0.5);
    expect(two[0]![1]).toBeCloseTo(0.85, 15);
    expect(two[1]).toEqual([1, 1]);
    const out = PARETO(col(10, 60, 0, 20, 10), row(0.2, 0.4), false) as number[][];
    expect(out[0]![1]).toBeCloseTo(0.6, 15);
    expect(out[1]![1]).toBeCloseTo(0.8, 15);
  });
});

describe("CV.WHALE", () => {
  test("peak, and profit lost to unprofitable customers", () => {
    // 100, 60, 0, -20, -40: positive 160, total 100 → peak after the 2 profitable customers of 5
    expect(WHALE(col(100, -40, 60, 0, -20))).toEqual([
      ["Measure", "Value"],
      ["Peak customer share", 0.4],
      ["Peak profit share", 1.6],
      ["Unprofitable customers", 2],
      ["Profit lost by unprofitable customers", 60],
    ]);
  });
  test("a whale shape: the profitable 70% earn 143% of the profit, the bottom 30% lose 30", () => {
    // 10 customers: two earn 40 each, five earn 4 each, three lose 10 each: total 80 + 20 - 30 = 70
    const profits = col(40, 40, 4, 4, 4, 4, 4, -10, -10, -10);
    const out = WHALE(profits, false) as (string | number)[][];
    expect(out[0]).toEqual(["Peak customer share", 0.7]);
    expect(out[1]![1]).toBeCloseTo(100 / 70, 15);
    expect(out[2]).toEqual(["Unprofitable customers", 3]);
    expect(out[3]).toEqual(["Profit lost by unprofitable customers", 30]);
  });
  test("when total profit is not positive the peak share is #N/A, the rest still shows", () => {
    const out = WHALE(col(10, -30), false);
    expect(out[0]).toEqual(["Peak customer share", 0.5]);
    expect(errorCode(out[1]![1])).toBe("#N/A");
    expect(errorMessage(out[1]![1])).toBe("total profit is -20, not positive, so a share of it means nothing");
    expect(out[3]).toEqual(["Profit lost by unprofitable customers", 30]);
  });
  test("blank profits are left out", () => {
    expect((WHALE(col(100, "", -50), false) as unknown[][])[0]).toEqual(["Peak customer share", 0.5]);
  });
});
