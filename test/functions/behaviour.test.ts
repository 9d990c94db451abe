import { RFM, RFMSCORE, RFMSEGMENT, SILENCE } from "../../src/functions/functions";
import { OMITTED, col, errorCode, errorMessage, firstColumn, row, thrownExcelError } from "../helpers/cells";

// Transactions, unsorted, with a blank id, a return, two rows on one invoice and a second invoice the same day:
//   row  id  date        amount invoice
//    1   A   2024-03-10    50    I3
//    2   B   2024-01-05    20    I1
//    3   A   2024-01-01    30    I2
//    4   A   2024-03-10    20    I3     same invoice, same day
//    5   C   2024-02-01   100    I4
//    6   B   2024-02-15    -5    C1     a return: reduces M, not a purchase
//    7   ·   2024-03-01    99    I9     blank id: skipped
//    8   A   2024-03-10    10    I5     another invoice on the same day
//    9   D   2024-03-20    40    I6
// Latest date 2024-03-20 → as_of 2024-03-21. Customers in order of first appearance: A, B, C, D.
//   A: last 03-10 → R 11;  F 3 invoices (I3, I2, I5) or 2 days; M 50 + 30 + 20 + 10 = 110
//   B: last 01-05 → R 31 (Jan) + 29 (Feb 2024) + 16 = 76; F 1; M 20 − 5 = 15
//   C: last 02-01 → R 29 + 20 = 49; F 1; M 100
//   D: last 03-20 → R 1; F 1; M 40
// Scores, q = 5, n = 4, score = min(5, floor((midrank − 0.5)/4 × 5) + 1):
//   −R ascending: B(1) C(2) A(3) D(4) → 1, 2, 4, 5
//   F: B, C, D tie on ranks 1–3 → midrank 2 → score 2 (not split into 1, 2, 4); A rank 4 → 5
//   M ascending: B(1) D(2) C(3) A(4) → 1, 2, 4, 5
const ids = col("A", "B", "A", "A", "C", "B", "", "A", "D");
const dates = col("2024-03-10", "2024-01-05", "2024-01-01", "2024-03-10", "2024-02-01", "2024-02-15", "2024-03-01", "2024-03-10", "2024-03-20");
const amounts = col(50, 20, 30, 20, 100, -5, 99, 10, 40);
const invoices = col("I3", "I1", "I2", "I3", "I4", "C1", "I9", "I5", "I6");

describe("CV.RFM", () => {
  test("recency, frequency by invoice, monetary with returns, scores, cells", () => {
    expect(RFM(ids, dates, amounts, OMITTED, OMITTED, invoices)).toEqual([
      ["Customer (1 row without an id skipped)", "Recency (days)", "Frequency", "Monetary", "R", "F", "M", "RFM"],
      ["A", 11, 3, 110, 4, 5, 5, "455"],
      ["B", 76, 1, 15, 1, 2, 1, "121"],
      ["C", 49, 1, 100, 2, 2, 4, "224"],
      ["D", 1, 1, 40, 5, 2, 2, "522"],
    ]);
  });

  test("without invoice ids, frequency counts distinct purchase days (A bought on 2 days)", () => {
    const out = RFM(ids, dates, amounts, OMITTED, OMITTED, OMITTED, OMITTED, false);
    expect(out.map((r) => r[2])).toEqual([2, 1, 1, 1]);
  });

  test("dates as Excel serials give the same result; the time of day is dropped", () => {
    // 2024-01-01 is serial 45292; 2024-03-10 is 45361; a time of day (.75) is dropped
    const serials = col(45361.75, 45296, 45292, 45361, 45323, 45337, 45352, 45361.2, 45371);
    expect(RFM(ids, serials, amounts, OMITTED, OMITTED, invoices)).toEqual(RFM(ids, dates, amounts, OMITTED, OMITTED, invoices));
  });

  test("an explicit as-of date, two bins, mean monetary per invoice", () => {
    const out = RFM(ids, dates, amounts, 45382 /* 2024-03-31 */, 2, invoices, "mean", false) as (string | number)[][];
    // R: A 21, B 86, C 59, D 11; mean M: A 110/3, B 15, C 100, D 40
    expect(out.map((r) => r[1])).toEqual([21, 86, 59, 11]);
    expect(out[0]![3]).toBeCloseTo(110 / 3, 12);
    // two bins: −R ranks B1 C2 A3 D4 → floor((rank − .5)/4 × 2) + 1 = 1, 1, 2, 2
    expect(out.map((r) => r[4])).toEqual([2, 1, 1, 2]);
  });

  test("12346 and the text \"12346\" are one customer; \"007\" and 7 are two; blank ids are skipped", () => {
    const out = RFM(col(12346, "12346", "12346.0", "007", 7, ""), col(...Array(6).fill("2024-01-01")), col(1, 2, 3, 4, 5, 6), OMITTED, OMITTED, OMITTED, OMITTED, false);
    expect(out.map((r) => [r[0], r[3]])).toEqual([
      [12346, 6],
      ["007", 4],
      [7, 5],
    ]);
  });

  test("a customer with returns only has no recency", () => {
    const out = RFM(col("A", "B"), col("2024-01-01", "2024-01-02"), col(10, -10), OMITTED, OMITTED, OMITTED, OMITTED, false);
    expect(out[1]![1] && errorCode(out[1]![1])).toBe("#N/A");
    expect(errorMessage(out[1]![1])).toBe("only returns, no purchase");
    expect(out[1]![2]).toBe(0);
    expect(out[1]![3]).toBe(-10);
  });

  test("an as-of date before some purchases is #VALUE! naming the row", () => {
    expect(thrownExcelError(() => RFM(ids, dates, amounts, "2024-03-15" as unknown as number))).toEqual({
      code: "#VALUE!",
      message: "as_of 2024-03-15 is before dates row 9 (2024-03-20): choose an as-of date on or after the last purchase (2024-03-20, row 9)",
    });
  });

  test("bad input names argument, row and value", () => {
    expect(thrownExcelError(() => RFM(col("A"), col("31/03/2024"), col(1))).message).toBe('dates row 1, column 1: expected a date up to 9999-12-31 (a date cell or text like 2024-03-31), found "31/03/2024"');
    expect(thrownExcelError(() => RFM(col("A", "B"), col("2024-01-01"), col(1, 2))).message).toBe("dates has 1 rows but customer_ids has 2: select ranges of the same height");
    expect(thrownExcelError(() => RFM(col("A"), col("2024-01-01"), col(""))).message).toBe("amounts row 1 is blank: give every transaction an amount (0 for none)");
    expect(thrownExcelError(() => RFM(col("A"), col("2024-01-01"), col("ten"))).message).toBe('amounts row 1, column 1: expected a number, found "ten"');
    expect(thrownExcelError(() => RFM(ids, dates, amounts, OMITTED, 11)).message).toBe("bins: give a whole number of score bins from 2 to 10, found 11");
  });
});

describe("CV.RFMSCORE and CV.RFMSEGMENT", () => {
  test("scores from per-customer summaries equal those from transactions", () => {
    expect(RFMSCORE(col(11, 76, 49, 1), col(3, 1, 1, 1), col(110, 15, 100, 40))).toEqual([
      [4, 5, 5],
      [1, 2, 1],
      [2, 2, 4],
      [5, 2, 2],
    ]);
  });

  test("default segments, first match wins", () => {
    // A 455: Potential Loyalist (R 3–5, F 3–5, M 2–5) before Loyal; B 121: only Lost fits;
    // C 224: Loyal Customers; D 522: New Customers (R 4–5, F 1–3)
    expect(firstColumn(RFMSEGMENT(col(4, 1, 2, 5), col(5, 2, 2, 2), col(5, 1, 4, 2)))).toEqual(["Potential Loyalist", "Lost", "Loyal Customers", "New Customers"]);
    expect(firstColumn(RFMSEGMENT(col(5), col(5), col(5)))).toEqual(["Champions"]);
    // 1, 1, 1 ... Lost; 3, 1, 5: Promising (R 3–4, F 1–3, M 3–5)
    expect(firstColumn(RFMSEGMENT(col(3), col(1), col(5)))).toEqual(["Promising"]);
  });

  test("a user rule table from a range: header row skipped, blank bounds open, overlaps resolved by order, Others", () => {
    const rules = [
      ["Segment", "Rmin", "Rmax", "Fmin", "Fmax", "Mmin", "Mmax"],
      ["VIP", 4, 5, "", "", "", ""],
      ["Frequent", "", "", 5, 5, "", ""],
    ];
    // A (4, 5, 5) matches both: VIP wins; (1, 5, 1) is Frequent; (1, 1, 1) matches none
    expect(firstColumn(RFMSEGMENT(col(4, 1, 1), col(5, 5, 1), col(5, 1, 1), rules))).toEqual(["VIP", "Frequent", "Others"]);
  });

  test("blank scores and bad rules", () => {
    const out = firstColumn(RFMSEGMENT(col(4, ""), col(5, 1), col(5, 1)));
    expect(errorMessage(out[1])).toBe("row 2: an R, F or M score is blank");
    expect(thrownExcelError(() => RFMSEGMENT(col(1), col(1), col(1), [["VIP", 4, "five", "", "", "", ""]])).message).toBe(
      'rules row 1, column 3: expected a score bound or a blank, found "five"',
    );
    expect(thrownExcelError(() => RFMSEGMENT(col(1), col(1), col(1), [["VIP", 4, 5]])).message).toBe(
      "rules needs 7 columns (segment, Rmin, Rmax, Fmin, Fmax, Mmin, Mmax), found 3",
    );
  });
});

describe("CV.SILENCE", () => {
  // Days as offsets from serial 45000, as-of 45070:
  //   X: 0, 10, 40        gaps 10, 30; Tr 30; S = 30/30 = 1 (Silent); Tr ranks 3rd of {10, 30, 30} → 3/3
  //   Y: 0, 20, 25        gaps 20, 5;  Tr 45; S = 45/20 = 2.25; rank 3/3
  //   Z: 60               one purchase day: no rhythm of its own
  //   W: 50, 55, 60, 60   same-day purchases merge: gaps 5, 5; Tr 10; S = 2; rank 3/3
  //   V: 0, 30, 65        gaps 30, 35; Tr 5; S = 5/35; Tr ranks 1st of {30, 35, 5} → 1/3; Active
  const day = (d: number) => 45000 + d;
  const silenceIds = col("X", "X", "X", "Y", "Y", "Y", "Z", "W", "W", "W", "W", "V", "V", "V");
  const silenceDates = col(...[0, 10, 40, 0, 20, 25, 60, 50, 55, 60, 60, 0, 30, 65].map(day));

  test("own rhythm", () => {
    const out = SILENCE(silenceIds, silenceDates, 45070);
    expect(out[0]).toEqual(["Customer", "Purchases", "Longest gap", "Days silent", "Silence score", "Rank ratio", "Status"]);
    expect(out[1]).toEqual(["X", 3, 30, 30, 1, 1, "Silent"]);
    expect(out[2]).toEqual(["Y", 3, 20, 45, 2.25, 1, "Silent"]);
    expect(out[4]).toEqual(["W", 3, 5, 10, 2, 1, "Silent"]);
    expect(out[5]!.slice(0, 4)).toEqual(["V", 3, 35, 5]);
    expect(out[5]![4]).toBeCloseTo(5 / 35, 15);
    expect(out[5]![5]).toBeCloseTo(1 / 3, 15);
    expect(out[5]![6]).toBe("Active");
  });

  test("one purchase day: #N/A with the reason, or the population reference", () => {
    const own = SILENCE(silenceIds, silenceDates, 45070, OMITTED, false);
    expect(own[2]!.slice(0, 2)).toEqual(["Z", 1]);
    expect(own[2]![3]).toBe(10);
    expect(errorCode(own[2]![4])).toBe("#N/A");
    expect(errorMessage(own[2]![4])).toContain("only one purchase day");
    // population: median of the longest gaps 30, 20, 5, 35 = (20 + 30)/2 = 25 → S = 10/25 = 0.4, Active; no rank ratio
    const population = SILENCE(silenceIds, silenceDates, 45070, "Population", false);
    expect(population[2]![4]).toBeCloseTo(0.4, 15);
    expect(population[2]![6]).toBe("Active");
    expect(errorCode(population[2]![5])).toBe("#N/A");
    // customers with a rhythm are unchanged
    expect(population[0]).toEqual(own[0]);
  });

  test("default as-of is the day after the latest date; an earlier as-of is #VALUE!", () => {
    // latest day 45065 → as-of 45066: X is silent 45066 − 45040 = 26 days. Serial 45000 is 2023-03-15,
    // so as-of 45050 is 2023-05-04, before Z's purchase on 45060 (2023-05-14, row 7).
    expect(SILENCE(silenceIds, silenceDates)[1]![3]).toBe(26);
    expect(thrownExcelError(() => SILENCE(silenceIds, silenceDates, 45050)).message).toMatch(/^as_of 2023-05-04 is before dates row 7 \(2023-05-14\)/);
    expect(thrownExcelError(() => SILENCE(silenceIds, silenceDates, OMITTED, "team")).message).toBe('reference must be "own" or "population", found "team"');
  });
});
