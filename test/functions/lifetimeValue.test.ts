import { BGNBD_EXPECTED, BGNBD_FIT, BGNBD_PALIVE, BGNBD_SUMMARY, CLV_BGNBD, GG_FIT, GG_SPEND } from "../../src/functions/functions";
import { cdnowPublishedSummary, cdnowTransactions } from "../helpers/cdnow";
import { OMITTED, col, errorCode, excelErrorCell, errorMessage, firstColumn, row, thrownExcelError } from "../helpers/cells";

const column = (table: unknown[][], k: number) => table.map((r) => [r[k]]);
const value = (fitTable: unknown[][], label: string) => fitTable.find((r) => r[0] === label)?.[1] as number;

describe("CDNOW end to end: CV.BGNBD.SUMMARY → CV.BGNBD.FIT / CV.GG.FIT reproduce the published results", () => {
  const tx = cdnowTransactions();
  const published = cdnowPublishedSummary();
  // 39-week calibration: 1997-01-01 … 1997-09-30 (T = 272 days / 7 = 38.86 weeks for a 1 January customer)
  const summary = BGNBD_SUMMARY(tx.ids, tx.dates, tx.amounts, "1997-09-30" as unknown as number) as unknown[][];
  const body = summary.slice(1);

  test("the summary built from the 6,919 purchases matches the published summary file, customer by customer", () => {
    expect(summary[0]).toEqual(["Customer", "x", "t_x (weeks)", "T (weeks)", "Average repeat spend"]);
    expect(body).toHaveLength(2357);
    let mismatches = 0;
    body.forEach((r) => {
      const k = Number(r[0]) - 1; // ids "0001" … "2357" are the published IDs
      const close = (a: unknown, b: number) => Math.abs((a as number) - b) <= 0.005 + 1e-9; // the file has 2 decimals
      if (r[1] !== published.x[k] || !close(r[2], published.tx[k]!) || !close(r[3], published.T[k]!) || !close(r[4], published.zbar[k]!)) mismatches++;
    });
    expect(mismatches).toBe(0);
    // Customer 0001 by hand: purchases 1997-01-01 $29.33, 01-18 $29.73, 08-02 $14.96 (12-12 is after the period)
    expect(body[0]).toEqual(["0001", 2, (213 / 7), (272 / 7), (29.73 + 14.96) / 2].map((v, i) => (i === 0 ? v : expect.closeTo(v as number, 12))));
  });

  test("CV.BGNBD.FIT on the published summary: r = 0.243, α = 4.414, a = 0.793, b = 2.426, log-likelihood −9582.4", () => {
    const fit = BGNBD_FIT(col(...published.x), col(...published.tx), col(...published.T)) as unknown[][];
    expect(firstColumn(fit)).toEqual(["Parameter", "r", "alpha", "a", "b", "log-likelihood", "customers", "model", "verdict"]);
    expect(fit[0]).toEqual(["Parameter", "Value", "Standard error", "Correlation with r", "Correlation with alpha", "Correlation with a", "Correlation with b"]);
    // Standard errors as lifetimes' BetaGeoFitter prints them for this summary (its documentation's
    // quick start, `bgf.summary`): 0.012557, 0.378221, 0.185719, 0.705345.
    // Both Hessians are numerical, so the sixth decimal may differ by one.
    expect(fit.slice(1, 5).map((r) => r[2])).toEqual([0.012557, 0.378221, 0.185719, 0.705345].map((v) => expect.closeTo(v, 5)));
    expect(fit.slice(5).map((r) => r.slice(1, 3))).toEqual([[expect.closeTo(-9582.4256, 3), ""], [2357, ""], ["BG/NBD", ""], ["no warning", ""]]);
    // The correlation block is symmetric with ones on the diagonal; r and alpha move together.
    const corr = fit.slice(1, 5).map((r) => r.slice(3) as number[]);
    corr.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(corr[j]![i]!, 12)));
    expect(corr.map((row, i) => row[i])).toEqual([1, 1, 1, 1].map((v) => expect.closeTo(v, 12)));
    expect(corr[0]![1]).toBeGreaterThan(0.5);
    expect(value(fit, "r").toFixed(3)).toBe("0.243");
    expect(value(fit, "alpha").toFixed(3)).toBe("4.414");
    expect(value(fit, "a").toFixed(3)).toBe("0.793");
    expect(value(fit, "b").toFixed(3)).toBe("2.426");
    expect(value(fit, "log-likelihood").toFixed(1)).toBe("-9582.4");
  });

  test("…and on the summary the add-in built (unrounded times): the same estimates", () => {
    const fit = BGNBD_FIT(column(body, 1), column(body, 2), column(body, 3), false) as unknown[][];
    expect(fit.slice(0, 5).map((r) => (r[1] as number).toFixed(r[0] === "log-likelihood" ? 1 : 3))).toEqual(["0.243", "4.414", "0.793", "2.426", "-9582.4"]);
  });

  test("CV.GG.FIT on the repeat spends: p = 6.25, q = 3.74, γ = 15.44", () => {
    const fit = GG_FIT(column(body, 1), column(body, 4)) as unknown[][];
    expect(firstColumn(fit)).toEqual(["Parameter", "p", "q", "gamma", "log-likelihood", "customers", "model", "verdict"]);
    expect(value(fit, "p").toFixed(2)).toBe("6.25");
    expect(value(fit, "q").toFixed(2)).toBe("3.74");
    expect(value(fit, "gamma").toFixed(2)).toBe("15.44");
  });

  test("the FIT tables feed P(alive), expected purchases and CLV directly", () => {
    const bg = BGNBD_FIT(column(body, 1), column(body, 2), column(body, 3)) as unknown[][];
    const gg = GG_FIT(column(body, 1), column(body, 4)) as unknown[][];
    const first3 = body.slice(0, 3);
    const alive = firstColumn(BGNBD_PALIVE(bg, column(first3, 1), column(first3, 2), column(first3, 3)));
    // customer 0003 never repeated: alive with probability 1 under BG/NBD
    expect(alive[2]).toBe(1);
    expect(alive[0]).toBeGreaterThan(0);
    expect(alive[0]).toBeLessThan(1);
    const clv = firstColumn(CLV_BGNBD(bg, gg, column(first3, 1), column(first3, 2), column(first3, 3), column(first3, 4)));
    expect(clv.every((v) => typeof v === "number" && v > 0)).toBe(true);
  });
});

describe("CV.BGNBD.SUMMARY, by hand", () => {
  // row id  date        amount
  //  1   A   2024-01-01    10
  //  2   A   2024-01-08    20     repeat, day 7
  //  3   A   2024-01-08     5     same day: one purchase of 25
  //  4   B   2024-01-05    40     B never repeats
  //  5   ·   2024-01-06    99     blank id: skipped
  //  6   A   2024-01-15    -8     a return: not a purchase, not spend
  //  7   A   2024-01-22    15     repeat, day 21
  //  8   C   2024-02-20    50     after as_of 2024-01-29: outside the period, C is not in the summary
  const ids = col("A", "A", "A", "B", "", "A", "A", "C");
  const dates = col("2024-01-01", "2024-01-08", "2024-01-08", "2024-01-05", "2024-01-06", "2024-01-15", "2024-01-22", "2024-02-20");
  const amounts = col(10, 20, 5, 40, 99, -8, 15, 50);
  const asOf = "2024-01-29" as unknown as number; // day 28 after A's first purchase

  test("weeks: A has x = 2, t_x = 3, T = 4 and spends (25 + 15)/2 = 20; B has x = 0 and T = 24/7", () => {
    expect(BGNBD_SUMMARY(ids, dates, amounts, asOf)).toEqual([
      ["Customer (1 row without an id skipped)", "x", "t_x (weeks)", "T (weeks)", "Average repeat spend"],
      ["A", 2, 3, 4, 20],
      ["B", 0, 0, 24 / 7, 0],
    ]);
  });

  test("days and months", () => {
    expect(BGNBD_SUMMARY(ids, dates, amounts, asOf, "days", false)).toEqual([
      ["A", 2, 21, 28, 20],
      ["B", 0, 0, 24, 0],
    ]);
    const months = BGNBD_SUMMARY(ids, dates, amounts, asOf, "Month", false) as number[][];
    expect(months[0]![2]).toBeCloseTo(21 / (365.25 / 12), 12);
  });

  test("without as_of the period ends the day after the latest date, so C is in (x = 0)", () => {
    const out = BGNBD_SUMMARY(ids, dates, amounts, OMITTED, "day", false) as unknown[][];
    // latest 2024-02-20 → as_of 2024-02-21, day 51 after A's first purchase
    expect(out.map((r) => [r[0], r[3]])).toEqual([
      ["A", 51],
      ["B", 47],
      ["C", 1],
    ]);
  });

  test("bad input: a bad unit, a date that is not a date, a blank amount, mismatched heights, no purchase by as_of", () => {
    expect(thrownExcelError(() => BGNBD_SUMMARY(ids, dates, amounts, asOf, "fortnight"))).toEqual({ code: "#VALUE!", message: 'unit must be "day", "week" or "month", found "fortnight"' });
    // Only the units themselves: not a name every object has (found by the fuzz test).
    expect(thrownExcelError(() => BGNBD_SUMMARY(ids, dates, amounts, asOf, "constructor"))).toEqual({ code: "#VALUE!", message: 'unit must be "day", "week" or "month", found "constructor"' });
    const badDates = col("2024-01-01", "soon");
    expect(thrownExcelError(() => BGNBD_SUMMARY(col("A", "A"), badDates, col(1, 2))).message).toBe('dates row 2, column 1: expected a date up to 9999-12-31 (a date cell or text like 2024-03-31), found "soon"');
    expect(thrownExcelError(() => BGNBD_SUMMARY(col("A", "A"), col("2024-01-01", "2024-01-02"), col(1, "")))).toEqual({ code: "#VALUE!", message: "amounts row 2 is blank: give every transaction an amount (0 for none)" });
    expect(thrownExcelError(() => BGNBD_SUMMARY(col("A", "A"), col("2024-01-01"), col(1, 2))).message).toMatch(/^dates has 1 rows but customer_ids has 2/);
    expect(thrownExcelError(() => BGNBD_SUMMARY(ids, dates, amounts, "2023-12-31" as unknown as number)).message).toBe("no purchase is dated on or before as_of 2023-12-31: choose a later as_of");
    expect(thrownExcelError(() => BGNBD_SUMMARY(ids, dates, OMITTED as unknown as unknown[][])).message).toBe("amounts is required: select the amount column");
  });
});

describe("P(alive), expected purchases and expected spend, by hand", () => {
  // r = 1, α = 2, a = 1, b = 2: P(alive | x=1, t_x=1, T=2) = 1 / (1 + 1/2 · (4/3)²) = 9/17
  const asTable = [
    ["Parameter", "Value"],
    ["r", 1],
    ["alpha", 2],
    ["a", 1],
    ["b", 2],
    ["log-likelihood", -12.3],
  ];

  test("params as the FIT table, as a row, as a column, and with Greek labels", () => {
    for (const params of [asTable, row(1, 2, 1, 2), col(1, 2, 1, 2), [["r", 1], ["α", 2], ["a", 1], ["b", 2]]]) {
      const out = BGNBD_PALIVE(params, col(1, 0, 1), col(1, 0, 2), col(2, 5, 2));
      expect(out[0]![0]).toBeCloseTo(9 / 17, 14);
      expect(out[1]![0]).toBe(1);
      expect(out[2]![0]).toBeCloseTo(2 / 3, 14); // bought at the end: 1 / (1 + a/(b+x−1))
    }
  });

  test("per-row problems stay in their cell: a blank row is #N/A, t_x after T is #VALUE! naming the row", () => {
    const out = BGNBD_PALIVE(asTable, col(1, "", 2), col(1, 1, 9), col(2, 2, 5));
    expect(out[0]![0]).toBeCloseTo(9 / 17, 14);
    expect(errorCode(out[1]![0])).toBe("#N/A");
    expect(errorMessage(out[1]![0])).toBe("x row 2 is blank");
    expect(errorCode(out[2]![0])).toBe("#VALUE!");
    expect(errorMessage(out[2]![0])).toBe("t_x row 3 is 9, after T = 5: the last purchase must fall within the customer's age");
  });

  test("expected purchases: t as one number or per row; t = 0 gives 0; x = 0, T → 0 gives E[X(t)] = (α/(α+t))… closed form for a = 2, b = 2, r = 1", () => {
    // For x = 0 and T tiny, the conditional expectation tends to the unconditional E[X(t)];
    // with r = 1, α = 1, a = 2, b = 2 and t = 1: (a+b−1)/(a−1) · [1 − (1/2) · ₂F₁(1, 2; 3; 1/2)],
    // ₂F₁(1, 2; 3; z) = −2(z + ln(1−z))/z² → at z = 1/2: −2(0.5 − ln 2)/0.25 = 8 ln 2 − 4
    const params = row(1, 1, 2, 2);
    const expected = 3 * (1 - 0.5 * (8 * Math.LN2 - 4));
    const out = BGNBD_EXPECTED(params, 1 as unknown as unknown[][], col(0), col(0), col(1e-12));
    expect(out[0]![0]).toBeCloseTo(expected, 9);
    const perRow = BGNBD_EXPECTED(params, col(0, 1), col(0, 0), col(0, 0), col(1e-12, 1e-12));
    expect(perRow[0]![0]).toBe(0);
    expect(perRow[1]![0]).toBeCloseTo(expected, 9);
    const negative = BGNBD_EXPECTED(params, -1 as unknown as unknown[][], col(0), col(0), col(1));
    expect(errorMessage(negative[0]![0])).toBe("t row 1: the future period cannot be negative, found -1");
  });

  test("Gamma-Gamma spend: (γ + m x) p / (p x + q − 1), and the population mean p γ / (q − 1) without repeats", () => {
    const gg = [["p", 6.25], ["q", 3.74], ["gamma", 15.44]];
    const out = firstColumn(GG_SPEND(gg, col(2, 0, 1), col(22.35, 0, 10)));
    expect(out[0]).toBeCloseTo(((15.44 + 2 * 22.35) * 6.25) / (6.25 * 2 + 3.74 - 1), 12);
    expect(out[1]).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
    expect(out[2]).toBeCloseTo(((15.44 + 10) * 6.25) / (6.25 + 2.74), 12);
    const bad = GG_SPEND(gg, col(2), col(0));
    expect(errorMessage(bad[0]![0])).toBe("avg_spend row 1 is 0: a customer with repeat purchases needs a positive average spend");
    const qBelowOne = GG_SPEND([["p", 6.25], ["q", 0.9], ["gamma", 15.44]], col(0), col(0));
    expect(errorCode(qBelowOne[0]![0])).toBe("#N/A");
    expect(errorMessage(qBelowOne[0]![0])).toMatch(/^Gamma-Gamma q is 0.9: expected spend needs q > 1/);
  });
});

describe("CV.CLV.BGNBD", () => {
  const bg = row(0.243, 4.414, 0.793, 2.426);
  const gg = row(6.25, 3.74, 15.44);
  const weeksPerMonth = 365.25 / 12 / 7;
  const expectedBy = (t: number) => BGNBD_EXPECTED(bg, t as unknown as unknown[][], col(2), col(30.43), col(38.86))[0]![0] as number;
  const spend = ((15.44 + 2 * 22.35) * 6.25) / (6.25 * 2 + 3.74 - 1);

  test("two months at 10% a month: margin · spend · (E₁ / 1.1 + (E₂ − E₁) / 1.21), months of 365.25/12 days", () => {
    const e1 = expectedBy(weeksPerMonth);
    const e2 = expectedBy(2 * weeksPerMonth);
    const out = CLV_BGNBD(bg, gg, col(2), col(30.43), col(38.86), col(22.35), 2, 0.1, 0.3);
    expect(out[0]![0]).toBeCloseTo(0.3 * spend * (e1 / 1.1 + (e2 - e1) / 1.21), 10);
  });

  test("without discount the monthly sum telescopes to spend × E[purchases in the whole horizon]", () => {
    const out = CLV_BGNBD(bg, gg, col(2), col(30.43), col(38.86), col(22.35), 24, 0);
    expect(out[0]![0]).toBeCloseTo(spend * expectedBy(24 * weeksPerMonth), 9);
  });

  test("the unit of t_x and T is honoured: the same history in days gives the same value", () => {
    const weeks = CLV_BGNBD(bg, gg, col(2), col(30.43), col(38.86), col(22.35))[0]![0] as number;
    // in days the rates scale by 7: α in days = 7 α
    const bgDays = row(0.243, 4.414 * 7, 0.793, 2.426);
    const days = CLV_BGNBD(bgDays, gg, col(2), col(30.43 * 7), col(38.86 * 7), col(22.35), OMITTED, OMITTED, OMITTED, "day")[0]![0] as number;
    expect(days).toBeCloseTo(weeks, 9);
  });

  test("bad options and params name the argument", () => {
    const args = [bg, gg, col(2), col(30.43), col(38.86), col(22.35)] as const;
    expect(thrownExcelError(() => CLV_BGNBD(...args, 0)).message).toBe("horizon must be a whole number of months from 1 to 1200, found 0");
    expect(thrownExcelError(() => CLV_BGNBD(...args, 2.5)).message).toBe("horizon must be a whole number of months from 1 to 1200, found 2.5");
    expect(thrownExcelError(() => CLV_BGNBD(...args, 12, -0.1)).message).toMatch(/^discount is a monthly rate/);
    expect(thrownExcelError(() => CLV_BGNBD(...args, 12, 0.01, 1.5)).message).toBe("margin is a share of spend from 0 to 1, found 1.5");
    expect(thrownExcelError(() => CLV_BGNBD(row(0.243, 4.414, 0.793), gg, col(2), col(30.43), col(38.86), col(22.35))).message).toBe(
      "bgnbd_params: expected r, alpha, a, b (the table the FIT function returns, or 4 numbers), found 3 values",
    );
    expect(thrownExcelError(() => CLV_BGNBD(bg, [["p", 6.25], ["q", "x"], ["gamma", 1]], col(2), col(30.43), col(38.86), col(22.35))).message).toBe(
      'gg_params row 2 (q): expected a number, found "x"',
    );
    expect(thrownExcelError(() => CLV_BGNBD(bg, [["p", 6.25], ["gamma", 1]], col(2), col(30.43), col(38.86), col(22.35))).message).toBe("gg_params: no value for q in the table");
    expect(thrownExcelError(() => CLV_BGNBD(row(0.243, -4.414, 0.793, 2.426), gg, col(2), col(30.43), col(38.86), col(22.35))).message).toBe("bgnbd_params: alpha must be a positive number, found -4.414");
  });
});

describe("fits: bad input and non-convergence", () => {
  test("CV.BGNBD.FIT: text in x names the cell; mismatched heights; nobody repeating; no convergence → #NUM!", () => {
    expect(thrownExcelError(() => BGNBD_FIT(col(1, "two"), col(1, 2), col(3, 3)))).toEqual({ code: "#VALUE!", message: 'x row 2, column 1: expected a number, found "two"' });
    expect(thrownExcelError(() => BGNBD_FIT(col(1, 2), col(excelErrorCell("#DIV/0!"), 2), col(3, 3))).message).toBe("t_x row 1, column 1: expected a number, found the error #DIV/0!");
    expect(thrownExcelError(() => BGNBD_FIT(col(1, 2), col(1), col(3, 3))).message).toMatch(/^t_x has 1 rows but x has 2/);
    expect(thrownExcelError(() => BGNBD_FIT(col(0, 0), col(0, 0), col(3, 3)))).toEqual({ code: "#N/A", message: "no customer has a repeat purchase (every x is 0): BG/NBD cannot be fitted" });
    const n = 100;
    const steady = thrownExcelError(() => BGNBD_FIT(col(...Array(n).fill(10)), col(...Array(n).fill(20)), col(...Array(n).fill(20))));
    expect(steady.code).toBe("#NUM!");
    expect(steady.message).toMatch(/^the BG\/NBD fit did not converge/);
  });

  test("CV.GG.FIT: a repeat customer with spend 0 is #VALUE! naming the row; too few repeaters", () => {
    expect(thrownExcelError(() => GG_FIT(col(2, 1, 3), col(10, 0, 12)))).toEqual({
      code: "#VALUE!",
      message: "avg_spend row 2 is 0: Gamma-Gamma needs a positive average spend for a customer with repeat purchases (x = 1)",
    });
    expect(thrownExcelError(() => GG_FIT(col(2, 0), col(10, 0))).code).toBe("#N/A");
  });
});

describe("ranges: CV.BGNBD.EXPECTED and CV.CLV.BGNBD with a level", () => {
  const published = cdnowPublishedSummary();
  const first = (n: number) => ({ x: col(...Array.from(published.x.slice(0, n))), tx: col(...Array.from(published.tx.slice(0, n))), T: col(...Array.from(published.T.slice(0, n))), spend: col(...Array.from(published.zbar.slice(0, n))) });
  const bg = BGNBD_FIT(col(...published.x), col(...published.tx), col(...published.T)) as unknown[][];
  const gg = GG_FIT(col(...published.x), col(...published.zbar)) as unknown[][];
  const c = first(3);

  test("three columns: the expectation (as without a level), and a 90% range around it that widens with the level", () => {
    const plain = firstColumn(BGNBD_EXPECTED(bg, [[52]], c.x, c.tx, c.T)) as number[];
    const ninety = BGNBD_EXPECTED(bg, [[52]], c.x, c.tx, c.T, 0.9) as number[][];
    const ninetyNine = BGNBD_EXPECTED(bg, [[52]], c.x, c.tx, c.T, 0.99) as number[][];
    ninety.forEach(([value, low, high], i) => {
      expect(value).toBe(plain[i]);
      expect(low).toBeLessThan(value!);
      expect(high).toBeGreaterThan(value!);
      // On the log scale the range is symmetric: value² = low · high.
      expect(low! * high!).toBeCloseTo(value! * value!, 10);
      // z(0.995) / z(0.95) = 2.5758 / 1.6449 on the log scale
      expect(Math.log(ninetyNine[i]![2]! / value!) / Math.log(high! / value!)).toBeCloseTo(2.5758293035489 / 1.6448536269514722, 6);
    });
  });

  test("the table without a header gives the same ranges (correlation columns in the order of the rows)", () => {
    const noHeader = BGNBD_FIT(col(...published.x), col(...published.tx), col(...published.T), false) as unknown[][];
    expect(BGNBD_EXPECTED(noHeader, [[52]], c.x, c.tx, c.T, 0.9)).toEqual(BGNBD_EXPECTED(bg, [[52]], c.x, c.tx, c.T, 0.9));
  });

  test("CLV: value, low, high from both fits", () => {
    const plain = firstColumn(CLV_BGNBD(bg, gg, c.x, c.tx, c.T, c.spend)) as number[];
    const ranged = CLV_BGNBD(bg, gg, c.x, c.tx, c.T, c.spend, 12, 0.01, 1, "week", 0.9) as number[][];
    ranged.forEach(([value, low, high], i) => {
      expect(value).toBeCloseTo(plain[i]!, 12);
      expect(low).toBeLessThan(value!);
      expect(high).toBeGreaterThan(value!);
    });
  });

  test("bad input: typed-in parameters have no uncertainty; a level outside (0, 1); an error row keeps its three cells", () => {
    expect(thrownExcelError(() => BGNBD_EXPECTED(row(0.243, 4.414, 0.793, 2.426), [[52]], c.x, c.tx, c.T, 0.9)).message).toBe(
      "params: a range needs the standard errors and correlations of the CV.BGNBD.FIT table: select the whole table it returns (7 columns), not only its first two",
    );
    expect(thrownExcelError(() => BGNBD_EXPECTED(bg.map((r) => r.slice(0, 2)), [[52]], c.x, c.tx, c.T, 0.9)).message).toMatch(/^params: a range needs the standard errors/);
    expect(thrownExcelError(() => BGNBD_EXPECTED(bg, [[52]], c.x, c.tx, c.T, 1.5))).toEqual({ code: "#VALUE!", message: "level must be a share between 0 and 1 (0.9 for a 90% range), found 1.5" });
    const rows = BGNBD_EXPECTED(bg, [[52]], col(1, 2), col(5, 40), col(10, 20), 0.9) as unknown[][];
    expect(rows[1]!.map(errorCode)).toEqual(["#VALUE!", "#VALUE!", "#VALUE!"]);
    expect(errorMessage(rows[1]![0])).toMatch(/^t_x row 2 is 40, after T = 20/);
  });
});
