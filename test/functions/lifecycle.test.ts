import { GROWTHCLASS, MAN, STAGE, TEMPERATURE, TRANSITIONS } from "../../src/functions/functions";
import { OMITTED, col, errorCode, errorMessage, excelErrorCell, firstColumn, row, thrownExcelError } from "../helpers/cells";

/** Text where the signature says number: a host may pass a date typed as text unchanged, and the functions read it as a date. */
const text = (value: string): number => value as unknown as number;

// Serials: 2023-01-05 = 44931, 2023-12-26 = 45286, 2024-02-01 = 45323, 2024-02-08 = 45330, 2024-02-09 = 45331.

describe("CV.STAGE", () => {
  test("dates as serials and as ISO text give the same stages; default as_of is the day after the latest date", () => {
    // latest date 2024-02-08 → as of 2024-02-09 (45331)
    // row 1: first 45286 → 45 days → New; row 2: first 44931 → 400 days, percentile 0.9 → Core; row 3: never bought → Prospect
    const serials = STAGE(col(45286, 44931, ""), col(45330, 45323, ""), col("", 0.9, ""));
    const iso = STAGE(col("2023-12-26", "2023-01-05", ""), col("2024-02-08", "2024-02-01T17:30", ""), col("", 0.9, ""));
    expect(serials).toEqual([["New"], ["Core"], ["Prospect"]]);
    expect(iso).toEqual(serials);
  });

  test("with_reason adds the reason column; each rule names its numbers", () => {
    const out = STAGE(
      col("2022-03-01", "2023-06-01", "2023-06-01", "", "", "2023-12-26", "2023-01-05", "2023-01-05"),
      col("2023-01-05", "2024-01-20", "2024-01-20", "", "", "2024-02-01", "2024-02-01", "2024-02-01"),
      col("", "", "", "", "", "", 0.85, 0.5),
      col("", "", "", "", "Y", "", "", ""),
      col("", 2, "", "", "", "", "", ""),
      col("", "", true, "", "", "", "", ""),
      OMITTED,
      text("2024-02-09"),
      true,
    );
    expect(out).toEqual([
      ["Exited", "Exited: last purchase 2023-01-05 is 400 days before 2024-02-09 (≥ 365)"],
      ["Problem", "Problem: 2 open problems (> 0)"],
      ["Strategic", "Strategic: strategic flag set"],
      ["Prospect", "Prospect: never bought, not in the development plan"],
      ["Target", "Target: never bought, in the development plan"],
      // 45331 − 45286 = 45
      ["New", "New: first purchase 45 days ago (< 120)"],
      // 45331 − 44931 = 400
      ["Core", "Core: first purchase 400 days ago (≥ 365), value percentile 0.85 (≥ 0.8)"],
      ["Established", "Established: first purchase 400 days ago (≥ 120; value percentile 0.5, Core needs ≥ 0.8)"],
    ]);
  });

  test("the exit flag: TRUE, 1, \"yes\" set it; blank, FALSE, 0, \"N\" and null do not", () => {
    // everyone bought 45 days ago → New unless the flag is set
    const n = 9;
    const first = col(...new Array(n).fill(45286));
    const last = col(...new Array(n).fill(45323));
    const out = firstColumn(STAGE(first, last, OMITTED, OMITTED, OMITTED, OMITTED, col(true, 1, "yes", "", false, 0, "N", null, "TRUE"), 45331));
    expect(out).toEqual(["Exited", "Exited", "Exited", "New", "New", "New", "New", "New", "Exited"]);
  });

  test("blank optional columns (a column of blanks, or one blank cell) change nothing", () => {
    const plain = STAGE(col(45286, ""), col(45323, ""));
    const blanks = col("", "");
    expect(STAGE(col(45286, ""), col(45323, ""), blanks, blanks, blanks, blanks, blanks, OMITTED, false)).toEqual(plain);
    expect(STAGE(col(45286, ""), col(45323, ""), [[""]], [[""]], [[""]], [[""]], [[""]], OMITTED, OMITTED)).toEqual(plain);
    expect(plain).toEqual([["New"], ["Prospect"]]);
  });

  test("a row with only one date is #N/A with the reason (in both columns with reasons); the rest still spill", () => {
    const out = STAGE(col(45286, "2023-12-26"), col(45323, ""), OMITTED, OMITTED, OMITTED, OMITTED, OMITTED, OMITTED, true);
    expect(out[0]).toEqual(["New", "New: first purchase 38 days ago (< 120)"]); // as of 45323 + 1 = 45324; 45324 − 45286 = 38
    const reason = "last_purchase row 2 is blank but first_purchase is 2023-12-26: give both dates, or neither for a customer who never bought";
    expect(out[1]!.map(errorCode)).toEqual(["#N/A", "#N/A"]);
    expect(out[1]!.map(errorMessage)).toEqual([reason, reason]);
  });

  test("#VALUE! naming the row for an as-of date before a purchase, a bad date, a bad flag, a bad percentile", () => {
    expect(thrownExcelError(() => STAGE(col(44931, 45286), col(45323, 45330), OMITTED, OMITTED, OMITTED, OMITTED, OMITTED, text("2024-02-05")))).toEqual({
      code: "#VALUE!",
      message: "as_of 2024-02-05 is before last_purchase row 2 (2024-02-08): choose an as-of date on or after every purchase (the latest is 2024-02-08)",
    });
    expect(thrownExcelError(() => STAGE(col(44931, "2024-02-30"), col(45323, 45330))).message).toBe(
      'first_purchase row 2, column 1: expected a date up to 9999-12-31 (a date cell or text like 2024-03-31), found "2024-02-30"',
    );
    expect(thrownExcelError(() => STAGE(col(44931), col(45323), OMITTED, col("perhaps"))).message).toBe(
      'in_plan row 1, column 1: expected TRUE/FALSE, 1/0, Y/N or yes/no (blank = no), found "perhaps"',
    );
    expect(thrownExcelError(() => STAGE(col(44931), col(45323), col(80))).message).toBe(
      "value_percentile row 1: expected a percentile between 0 and 1 (1 = the most valuable), found 80",
    );
    expect(thrownExcelError(() => STAGE(col(44931), col(45323), OMITTED, OMITTED, OMITTED, OMITTED, OMITTED, text("soon"))).message).toBe(
      'as_of: expected a date up to 9999-12-31 (a date cell or text like 2024-03-31), found "soon"',
    );
    expect(thrownExcelError(() => STAGE(col(44931), col(45323), OMITTED, OMITTED, col(excelErrorCell("#DIV/0!")))).message).toMatch(
      /^open_problems row 1, column 1: .* found the error #DIV\/0!$/,
    );
  });

  test("ranges of different heights", () => {
    expect(thrownExcelError(() => STAGE(col(44931, 44931), col(45323)))).toEqual({
      code: "#VALUE!",
      message: "last_purchase has 1 rows but first_purchase has 2: select ranges of the same height",
    });
    expect(thrownExcelError(() => STAGE(col(44931, 44931), col(45323, 45323), OMITTED, OMITTED, OMITTED, OMITTED, col(true))).message).toBe(
      "exited has 1 rows but first_purchase has 2: select ranges of the same height",
    );
  });

  test("a row range of dates reads along the row", () => {
    expect(STAGE(row(45286, ""), row(45330, ""))).toEqual([["New"], ["Prospect"]]);
  });
});

describe("CV.TRANSITIONS", () => {
  test("a table with headers, stages in lifecycle order, blank and #N/A rows left out", () => {
    const from = col("New", "New", "Established", "", excelErrorCell("#N/A"), "Core");
    const to = col("Established", "New", "Exited", "Core", "Core", "Core");
    expect(TRANSITIONS(from, to)).toEqual([
      ["From \\ To", "New", "Established", "Core", "Exited"],
      ["New", 1, 1, 0, 0],
      ["Established", 0, 0, 0, 1],
      ["Core", 0, 0, 1, 0],
      ["Exited", 0, 0, 0, 0],
    ]);
  });

  test("a given order (as a row) keeps its stages even with no customers, and appends unknown ones", () => {
    expect(TRANSITIONS(col("A", "b"), col("B", "C"), row("C", "B", "A"))).toEqual([
      ["From \\ To", "C", "B", "A"],
      ["C", 0, 0, 0],
      ["B", 1, 0, 0], // b → C
      ["A", 0, 1, 0], // A → B
    ]);
  });

  test("errors: heights differ, a stage listed twice, nothing to count, an error value in a stage cell", () => {
    expect(thrownExcelError(() => TRANSITIONS(col("New"), col("New", "Core"))).message).toBe("to_stages has 2 rows but from_stages has 1: select ranges of the same height");
    expect(thrownExcelError(() => TRANSITIONS(col("New"), col("New"), col("New", "NEW"))).message).toBe('order entry 2 ("NEW") is listed twice');
    expect(thrownExcelError(() => TRANSITIONS(col(""), col("")))).toEqual({
      code: "#N/A",
      message: "from_stages and to_stages are all blank: there are no stages to count",
    });
    expect(thrownExcelError(() => TRANSITIONS(col("New"), col(excelErrorCell("#REF!")))).code).toBe("#VALUE!");
  });
});

describe("CV.GROWTHCLASS", () => {
  test("one class per row, with the boundaries", () => {
    // growth: +20%, +19%, −19%, −20%, previous 0 (new), bought before and nothing now, both blank
    const out = GROWTHCLASS(col(100, 100, 100, 100, 0, 100, ""), col(120, 119, 81, 80, 50, "", ""));
    expect(firstColumn(out).slice(0, 6)).toEqual(["Fast-growing", "Loyal", "Loyal", "Worth cultivating", "Worth cultivating", "Sleeping"]);
    expect(errorCode(out[6]![0])).toBe("#N/A");
    expect(errorMessage(out[6]![0])).toBe("previous and current row 7 are both blank");
  });

  test("tenure_days per row (exactly 365 is Loyal) or one number for all; fast_growth as a percentage", () => {
    expect(firstColumn(GROWTHCLASS(col(100, 100), col(105, 105), col(365, 364)))).toEqual(["Loyal", "Worth cultivating"]);
    expect(firstColumn(GROWTHCLASS(col(100, 100), col(105, 105), [[400]]))).toEqual(["Loyal", "Loyal"]);
    // fast 10%: +10% is Fast-growing, +9% Loyal, −10% Worth cultivating
    expect(firstColumn(GROWTHCLASS(col(100, 100, 100), col(110, 109, 90), OMITTED, text("10%")))).toEqual(["Fast-growing", "Loyal", "Worth cultivating"]);
    expect(firstColumn(GROWTHCLASS(col(100, 100, 100), col(110, 109, 90), OMITTED, 0.1))).toEqual(["Fast-growing", "Loyal", "Worth cultivating"]);
  });

  test("blank tenure is #N/A only where it decides the class", () => {
    const out = GROWTHCLASS(col(100, 100), col(105, 150), col("", ""));
    expect(errorMessage(out[0]![0])).toBe("tenure_days row 1 is blank: with growth 5% the class is Loyal if the tenure is at least 365 days");
    expect(out[1]).toEqual(["Fast-growing"]);
  });

  test("#VALUE! for bad numbers and options", () => {
    expect(thrownExcelError(() => GROWTHCLASS(col(100, "lots"), col(1, 2))).message).toBe('previous row 2, column 1: expected a number, found "lots"');
    expect(thrownExcelError(() => GROWTHCLASS(col(100), col(1), OMITTED, -0.2)).message).toBe("fast_growth must be a positive growth rate such as 0.2 or 20%, found -0.2");
    expect(thrownExcelError(() => GROWTHCLASS(col(100, 1, 1), col(1, 1, 1), col(365, 365))).message).toBe(
      "tenure_days has 2 rows but previous has 3: select ranges of the same height",
    );
  });
});

describe("CV.TEMPERATURE", () => {
  test("boundaries from as_of given as a serial or as ISO text", () => {
    // as of 45331: +0, +30, +31, +90, +91 days, blank
    const dates = col(45331, 45361, "2024-03-11", 45421, "2024-05-10", "");
    const expected = [["Hot"], ["Hot"], ["Warm"], ["Warm"], ["Cold"], ["Unknown"]];
    expect(TEMPERATURE(dates, 45331)).toEqual(expected);
    expect(TEMPERATURE(dates, text("2024-02-09"))).toEqual(expected);
  });

  test("custom hot and warm days", () => {
    expect(firstColumn(TEMPERATURE(col(45338, 45339, 45345, 45346), 45331, 7, 14))).toEqual(["Hot", "Warm", "Warm", "Cold"]);
  });

  test("an overdue expected date is #N/A with the reason", () => {
    const out = TEMPERATURE(col(45330, 45340), 45331);
    expect(errorMessage(out[0]![0])).toBe("expected_dates row 1 (2024-02-08) is 1 day before as_of 2024-02-09: the expected order is overdue, update the date");
    expect(out[1]).toEqual(["Hot"]);
  });

  test("as_of omitted: #VALUE! saying it is required, unless every date is blank", () => {
    const error = thrownExcelError(() => TEMPERATURE(col(45340, "")));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toMatch(/^as_of is required/);
    expect(TEMPERATURE(col("", null))).toEqual([["Unknown"], ["Unknown"]]);
  });

  test("#VALUE! for a bad date or bad limits", () => {
    expect(thrownExcelError(() => TEMPERATURE(col("next week"), 45331)).message).toBe(
      'expected_dates row 1, column 1: expected a date up to 9999-12-31 (a date cell or text like 2024-03-31), found "next week"',
    );
    expect(thrownExcelError(() => TEMPERATURE(col(45340), 45331, 60, 30)).message).toBe("warm_days (30) must be at least hot_days (60)");
  });
});

describe("CV.MAN", () => {
  test("Qualified, the letters present, or None; flags in every spelling", () => {
    const money = col(true, 1, "Y", "yes", "", false, 0, "n");
    const authority = col("TRUE", 0, "Y", "", true, "", 1, "no");
    const need = col(1, "yes", "", "", "", "y", 1, null);
    // row 1 all three; row 2 M, N; row 3 M, A; row 4 M; row 5 A; row 6 N; row 7 A, N; row 8 none
    expect(firstColumn(MAN(money, authority, need))).toEqual(["Qualified", "M-N", "M-A", "M", "A", "N", "A-N", "None"]);
  });

  test("#VALUE! naming the cell for a word that is not a flag; heights must match", () => {
    expect(thrownExcelError(() => MAN(col(1, 1), col(1, "maybe"), col(1, 1)))).toEqual({
      code: "#VALUE!",
      message: 'authority row 2, column 1: expected TRUE/FALSE, 1/0, Y/N or yes/no (blank = no), found "maybe"',
    });
    expect(thrownExcelError(() => MAN(col(1, 1), col(1, 1), col(1))).message).toBe("need has 1 rows but money has 2: select ranges of the same height");
  });
});
