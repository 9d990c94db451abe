/**
 * The one reading of each kind of cell (README "Blanks, errors and the kinds of cell"), at the
 * front doors: id columns, skipped rows, dates past Excel's last day, flags. Expected values are
 * worked by hand in the comments.
 */
import { BGNBD_SUMMARY, CLV, DEVELOPMENT, GROWTHCLASS, MARKOVCLV, RESPONSE, RFM, SILENCE, TIER, TRANSITIONS } from "../../src/functions/functions";
import { excelCall } from "../../src/functions/excelArgs";
import { OMITTED, col, errorCode, errorMessage, excelErrorCell, thrownExcelError } from "../helpers/cells";

const NA = () => excelErrorCell("#N/A");

describe("id columns: blank or #N/A is skipped; any other error or TRUE/FALSE is #VALUE! naming the argument and row", () => {
  test("an error cell among the customer ids is #VALUE!, never a customer called #DIV/0!", () => {
    const e = thrownExcelError(() => RFM(col("A", excelErrorCell("#DIV/0!"), excelErrorCell("#REF!")), col(45300, 45301, 45302), col(1, 2, 3)));
    expect(e).toEqual({ code: "#VALUE!", message: "customer_ids row 2, column 1: expected an id (a number or text; blank or #N/A to skip the row), found the error #DIV/0!" });
  });

  test("TRUE among the customer ids, or an error among the invoice ids, is #VALUE!", () => {
    expect(thrownExcelError(() => RFM(col("A", true), col(45300, 45301), col(1, 2))).message).toBe(
      "customer_ids row 2, column 1: expected an id (a number or text; blank or #N/A to skip the row), found true",
    );
    expect(thrownExcelError(() => RFM(col("A", "B"), col(45300, 45301), col(1, 2), OMITTED, OMITTED, col("I1", excelErrorCell("#NAME?")))).message).toBe(
      "invoice_ids row 2, column 1: expected an id (a number or text; blank or #N/A to skip the row), found the error #NAME?",
    );
    expect(thrownExcelError(() => SILENCE(col(false), col(45300))).code).toBe("#VALUE!");
  });

  test("a #N/A id is skipped like a blank one, and its date sets nothing (not even the default as-of day)", () => {
    // Rows: A 45300 (10), #N/A 45400 (99), B 45310 (5). Without row 2 the latest day is 45310 → as-of 45311:
    // A recency 11, B recency 1. Had the #N/A row counted, as-of would be 45401 and recency 101 and 91.
    const out = RFM(col("A", NA(), "B"), col(45300, 45400, 45310), col(10, 99, 5), OMITTED, 2, OMITTED, OMITTED, false);
    expect(out.map((r) => [r[0], r[1], r[3]])).toEqual([
      ["A", 11, 10],
      ["B", 1, 5],
    ]);
  });

  test("rows without an id are counted in the header", () => {
    const out = RFM(col("A", "", NA(), "B"), col(45300, 45301, 45302, 45310), col(10, 1, 1, 5), OMITTED, 2);
    expect(out[0]![0]).toBe("Customer (2 rows without an id skipped)");
    expect(out).toHaveLength(3);
    expect(RFM(col("A"), col(45300), col(10), OMITTED, 2)[0]![0]).toBe("Customer");
  });
});

describe("rows that are skipped do not shape the rest", () => {
  test("a customer with returns only is not scored and does not move the others' F and M scores", () => {
    // A: one purchase of 10; B: two purchase days, 30; C: a return of −5 only. bins = 2.
    // Scored over A and B only (n = 2): F ranks A 1, B 2 → scores min(2, floor((r − 0.5)/2 × 2) + 1) = 1, 2; M likewise 1, 2.
    // Had C (F 0, M −5) been ranked too (n = 3), A's F would be floor(1.5/3 × 2) + 1 = 2.
    const out = RFM(col("A", "B", "B", "C"), col(45300, 45301, 45302, 45303), col(10, 10, 20, -5), OMITTED, 2, OMITTED, OMITTED, false);
    expect(out.map((r) => [r[0], r[5], r[6]])).toEqual([
      ["A", 1, 1],
      ["B", 2, 2],
      ["C", expect.anything(), expect.anything()],
    ]);
    expect([errorCode(out[2]![5]), errorMessage(out[2]![5]), errorCode(out[2]![6])]).toEqual(["#N/A", "only returns, no purchase", "#N/A"]);
    // What C did is still shown: frequency 0 and monetary −5.
    expect([out[2]![2], out[2]![3]]).toEqual([0, -5]);
  });
});

test("CV.BGNBD.SUMMARY: a row without a customer does not set the default as-of day", () => {
  // A buys on days 45300 and 45307; the blank-id row is dated 45400. As-of = the day after A's last purchase, 45308:
  // x = 1, t_x = 7, T = 8 days. Had the blank row counted, T would be 45401 − 45300 = 101.
  expect(BGNBD_SUMMARY(col("A", "A", ""), col(45300, 45307, 45400), col(5, 7, 9), OMITTED, "day")).toEqual([
    ["Customer (1 row without an id skipped)", "x", "t_x (days)", "T (days)", "Average repeat spend"],
    ["A", 1, 7, 8, 7],
  ]);
});

describe("dates: serials 0 to 2,958,465 (9999-12-31) and ISO text, one range rule", () => {
  test("a date serial past 9999-12-31 is #VALUE! naming the argument, row and value", () => {
    expect(thrownExcelError(() => RFM(col("A", "B"), col(45300, 2958466), col(1, 2)))).toEqual({
      code: "#VALUE!",
      message: "dates row 2, column 1: expected a date up to 9999-12-31 (a date cell or text like 2024-03-31), found 2958466",
    });
    expect(RFM(col("A"), col(2958465), col(1), OMITTED, 2, OMITTED, OMITTED, false)[0]![1]).toBe(1);
  });

  test("a bad as-of value is #VALUE! naming as_of, not 'Unexpected error: Invalid time value'", () => {
    expect(thrownExcelError(() => RFM(col("A"), col(45300), col(1), 1e12))).toEqual({
      code: "#VALUE!",
      message: "as_of: expected a date up to 9999-12-31 (a date cell or text like 2024-03-31), found 1000000000000",
    });
    expect(thrownExcelError(() => SILENCE(col("A"), col(45300), -1)).message).toBe("as_of: expected a date up to 9999-12-31 (a date cell or text like 2024-03-31), found -1");
  });

  test("ISO text before Excel's first day is refused; impossible days are refused", () => {
    expect(thrownExcelError(() => RFM(col("A"), col("1850-01-01"), col(1))).code).toBe("#VALUE!");
    expect(thrownExcelError(() => RFM(col("A"), col("2023-02-29"), col(1))).code).toBe("#VALUE!");
  });
});

describe("flags: TRUE/FALSE, 1/0, Y/N, yes/no in every flag argument; other text is #VALUE!", () => {
  test.each([
    ["N", 2],
    ["no", 2],
    [0, 2],
    ["FALSE", 2],
    ["Y", 3],
    [1, 3],
    [true, 3],
  ])("headers %p", (flag, rows) => {
    expect(RFM(col("A", "B"), col(45300, 45301), col(1, 2), OMITTED, 2, OMITTED, OMITTED, flag as boolean)).toHaveLength(rows);
  });

  test("headers 'maybe' is #VALUE! (it used to read as TRUE)", () => {
    expect(thrownExcelError(() => RFM(col("A"), col(45300), col(1), OMITTED, 2, OMITTED, OMITTED, "maybe" as unknown as boolean))).toEqual({
      code: "#VALUE!",
      message: 'headers: expected TRUE/FALSE, 1/0, Y/N or yes/no, found "maybe"',
    });
  });
});

describe("labels (groups, periods, states, stages) match ignoring case and spaces, the first spelling kept", () => {
  test("CV.DEVELOPMENT: 'q1' in previous finds the period written 'Q1'; 'Q2' rows and ' q2 ' rows are one period", () => {
    // A buys 10 in Q1 and 25 in Q2 (written " q2 "); B buys 5 in Q2. Existing: A, 10 → 25. New: B, 0 → 5.
    const out = DEVELOPMENT(col("A", "A", "B"), col("Q1", " q2 ", "Q2"), col(10, 25, 5), [["q1"]], [["Q2"]], OMITTED, false);
    expect(out.map((r) => r.slice(0, 5))).toEqual([
      ["Existing customers", 1, 10, 25, 15],
      ["New customers", 1, 0, 5, 5],
      ["Total", 2, 10, 30, 20],
    ]);
  });
});

test("CV.RESPONSE reads Y/N like CV.MAN does (it used to reject 'Y')", () => {
  // Group A: Y, n → 1 of 2; group B: yes → 1 of 1. Overall 2 of 3; lifts (1/2)/(2/3) = 3/4 and 1/(2/3) = 3/2.
  const out = RESPONSE(col("A", "a", "B"), col("Y", "n", "yes"), false);
  expect(out).toEqual([
    ["A", 2, 1, 0.5, 0.75],
    ["B", 1, 1, 1, 1.5],
    ["Total", 3, 2, 2 / 3, 1],
  ]);
});

describe("percentages: 0.2 and 20% are the same everywhere; 20 is 20% for a share and refused for a rate", () => {
  test("CV.GROWTHCLASS fast_growth 20 is #VALUE! (it used to mean 2,000%); 0.2 and \"20%\" agree", () => {
    expect(thrownExcelError(() => GROWTHCLASS(col(100), col(150), OMITTED, 20))).toEqual({
      code: "#VALUE!",
      message: "fast_growth: 20 would be 2,000%; type a rate as a fraction or a percentage (0.2 or 20% for twenty percent)",
    });
    // Growth (150 − 100)/100 = 50% ≥ 20%: Fast-growing; (110 − 100)/100 = 10%: Loyal (a year's tenure by default).
    const expected = [["Fast-growing"], ["Loyal"]];
    expect(GROWTHCLASS(col(100, 100), col(150, 110), OMITTED, 0.2)).toEqual(expected);
    expect(GROWTHCLASS(col(100, 100), col(150, 110), OMITTED, "20%" as unknown as number)).toEqual(expected);
  });
});

test("CV.TRANSITIONS refuses more than 1,000 distinct stages quickly (20,000 ids passed by mistake), before any 20,000² matrix", () => {
  const ids = Array.from({ length: 20_000 }, (_, i) => `C${i}`);
  expect(thrownExcelError(() => TRANSITIONS(col(...ids), col(...ids)))).toEqual({
    code: "#VALUE!",
    message: "from_stages and to_stages hold more than 1,000 distinct stages: a transition matrix has a row and a column for each, so pass stage or segment labels, not customer ids",
  });
  // 500 distinct stages (under the limit) are still counted: each customer stays in its own stage.
  const thousand = ids.slice(0, 500);
  const out = TRANSITIONS(col(...thousand), col(...thousand));
  expect(out).toHaveLength(501);
  expect(out[1]!.slice(0, 3)).toEqual(["C0", 1, 0]);
});

test("the last guard of every function: a non-finite number is #NUM! with the reason, an undefined cell #N/A", () => {
  const out = excelCall(() => [[1, Number.POSITIVE_INFINITY, Number.NaN, undefined, "x"]]) as unknown[][];
  expect(out[0]![0]).toBe(1);
  expect([errorCode(out[0]![1]), errorMessage(out[0]![1])]).toEqual(["#NUM!", "the result is above the largest number Excel holds (±1.8E+308): rescale the inputs (e.g. thousands instead of units)"]);
  expect([errorCode(out[0]![2]), errorMessage(out[0]![2])]).toEqual(["#NUM!", "no number could be computed for this cell from these inputs"]);
  expect([errorCode(out[0]![3]), out[0]![4]]).toEqual(["#N/A", "x"]);
  expect(errorCode(excelCall(() => Number.NEGATIVE_INFINITY))).toBe("#NUM!");
});

test("discount rates above 1 are refused rather than read as 1,000% a period (CV.CLV, CV.MARKOVCLV)", () => {
  expect(thrownExcelError(() => CLV(col(100), [[0.8]], [[10]])).message).toMatch(/^discount.*is a rate per period from 0 to 1 \(0\.1 or 10%; a number above 1 would be over 100%\), found 10$/);
  expect(thrownExcelError(() => MARKOVCLV([[0.5, 0.5], [0, 1]], col(100, 0), 10)).message).toBe("discount: a rate per period from 0 to 1 (e.g. 0.1 or 10%), found 10");
  // 10% as 0.1 and as the text "10%": 100 / (1 + 0.1 − 0.8) = 333.33…
  expect(CLV(col(100), [[0.8]], [["10%"]])).toEqual(CLV(col(100), [[0.8]], [[0.1]]));
  expect((CLV(col(100), [[0.8]], [[0.1]]) as number[][])[0]![0]).toBeCloseTo(1000 / 3, 10);
});

test("every customer id blank: #N/A saying so, never an empty array Excel cannot spill (found by the fuzz test)", () => {
  for (const call of [() => RFM(col("", NA()), col(45300, 45301), col(1, 2), OMITTED, OMITTED, OMITTED, OMITTED, false), () => BGNBD_SUMMARY(col(""), col(36000), col(0), 36300, "day", false), () => BGNBD_SUMMARY(col(""), col(36000), col(0), OMITTED, "day"), () => SILENCE(col(""), col(45300))]) {
    expect(thrownExcelError(call).code).toBe("#N/A");
  }
  expect(thrownExcelError(() => RFM(col("", NA()), col(45300, 45301), col(1, 2))).message).toBe("customer_ids has no customer: all 2 rows are blank or #N/A");
  const empty = excelCall(() => [] as unknown[][]);
  expect([errorCode(empty[0]![0]), errorMessage(empty[0]![0])]).toEqual(["#N/A", "nothing to show: no row of the result is left"]);
});

test("fuzz finds: a preset named __proto__, an error cell as a state label, a 40,000-character label, a discount too small for doubles", () => {
  expect(thrownExcelError(() => TIER(col(0), "__proto__" as unknown as unknown[][])).message).toMatch(/^tiers must be a preset/);
  expect(thrownExcelError(() => MARKOVCLV([["From \\ To", "S1"], [excelErrorCell("#N/A"), 1]], col(0), 0, 0)).message).toBe(
    'transition_matrix row 2 is labelled "#N/A" but column 2 is "S1": rows and columns must list the same states in the same order',
  );
  const long = "x".repeat(40_000);
  expect(thrownExcelError(() => MARKOVCLV([["From \\ To", "S1"], [long, 1]], col(0), 0, 0)).message.length).toBeLessThan(200);
  expect(thrownExcelError(() => MARKOVCLV([[1]], col(1), 1e-308, "1e308" as unknown as number)).message).toBe(
    "discount: 1e-308 is too small to tell from no discount in double precision (at least 1E-9 per period): give 0 for none",
  );
});
