import {
  GROWTH_CLASSES,
  LIFECYCLE_STAGES,
  TEMPERATURES,
  growthClasses,
  lifecycleAsOf,
  lifecycleStages,
  manLabel,
  manQualification,
  parseDayCell,
  parseFlagCell,
  problemShare,
  prospectTemperature,
  readFlagColumn,
  readProblemCounts,
  readStageList,
  stageTransitions,
  type LifecycleInput,
} from "../../src/engine";
import { thrownCvError } from "../helpers/errors";

/** Day serial of an ISO date (the engine's own parser, tested in table.test.ts). */
const day = (iso: string): number => parseDayCell(iso) as number;
const NA = Number.NaN;

// The as-of day of these tests: 2024-02-09 = serial 45331.
const AS_OF = day("2024-02-09");


describe("lifecycle stages: every rule fires, with its reason", () => {
  // One customer per row; columns: first, last, percentile, in plan, problems, strategic, exited.
  const rows: [string | null, string | null, number, number, number, number, number][] = [
    /*  1 */ ["2023-06-01", "2024-01-20", NA, 0, 0, 0, 1], // exit flag
    /*  2 */ ["2022-03-01", "2023-01-05", 0.9, 0, 0, 0, 0], // 45331 − 44931 = 400 days since the last purchase
    /*  3 */ ["2022-03-01", "2023-02-09", 0.9, 0, 0, 0, 0], // 45331 − 44966 = 365: exactly exitDays → Exited
    /*  4 */ ["2023-02-10", "2023-02-10", 0.9, 0, 0, 0, 0], // 364 days: not exited; tenure 364 < 365 → Established
    /*  5 */ ["2023-06-01", "2024-01-20", 0.9, 0, 2, 0, 0], // 2 open problems
    /*  6 */ ["2023-06-01", "2024-01-20", 0.9, 0, 1, 1, 0], // 1 open problem beats the strategic flag
    /*  7 */ ["2023-06-01", "2024-01-20", NA, 0, 0, 1, 0], // strategic flag
    /*  8 */ [null, null, NA, 0, 0, 0, 0], // never bought, not in the plan
    /*  9 */ [null, null, NA, 1, 0, 0, 0], // never bought, in the plan
    /* 10 */ ["2023-12-26", "2024-02-01", NA, 1, 0, 0, 0], // 45331 − 45286 = 45 days (in_plan does not matter for a buyer)
    /* 11 */ ["2023-10-13", "2024-02-01", 0.99, 0, 0, 0, 0], // 45331 − 45212 = 119 < 120 → New even at the top
    /* 12 */ ["2023-10-12", "2024-02-01", 0.99, 0, 0, 0, 0], // 120 days: not New; 120 < 365 → Established
    /* 13 */ ["2023-01-05", "2024-02-01", 0.85, 0, 0, 0, 0], // tenure 400 ≥ 365 and 0.85 ≥ 0.8 → Core
    /* 14 */ ["2023-02-09", "2024-02-01", 0.8, 0, 0, 0, 0], // tenure exactly 365, percentile exactly 0.8 → Core
    /* 15 */ ["2023-01-05", "2024-02-01", 0.79, 0, 0, 0, 0], // 0.79 < 0.8 → Established
    /* 16 */ ["2023-01-05", "2024-02-01", NA, 0, 0, 0, 0], // blank percentile → never Core
    /* 17 */ ["2023-01-05", "2023-01-05", NA, 0, 3, 1, 1], // exit flag comes before everything
    /* 18 */ ["2022-01-05", "2023-01-05", NA, 0, 3, 1, 0], // exited by date (400 days) comes before problems and strategic
    /* 19 */ [null, null, NA, 1, 0, 1, 0], // strategic comes before Target
    /* 20 */ [null, null, NA, 1, 4, 0, 0], // problems come before Target
  ];
  const input: LifecycleInput = {
    firstPurchase: Float64Array.from(rows, (r) => (r[0] === null ? NA : day(r[0]))),
    lastPurchase: Float64Array.from(rows, (r) => (r[1] === null ? NA : day(r[1]))),
    valuePercentile: Float64Array.from(rows, (r) => r[2]),
    inPlan: Uint8Array.from(rows, (r) => r[3]),
    openProblems: Float64Array.from(rows, (r) => r[4]),
    strategic: Uint8Array.from(rows, (r) => r[5]),
    exited: Uint8Array.from(rows, (r) => r[6]),
  };
  const result = lifecycleStages(input, { asOf: AS_OF });

  test("stages and reasons, row by row", () => {
    expect(result.reason).toEqual([
      "Exited: exit flag set",
      "Exited: last purchase 2023-01-05 is 400 days before 2024-02-09 (≥ 365)",
      "Exited: last purchase 2023-02-09 is 365 days before 2024-02-09 (≥ 365)",
      "Established: first purchase 364 days ago (≥ 120; Core needs ≥ 365)",
      "Problem: 2 open problems (> 0)",
      "Problem: 1 open problem (> 0)",
      "Strategic: strategic flag set",
      "Prospect: never bought, not in the development plan",
      "Target: never bought, in the development plan",
      "New: first purchase 45 days ago (< 120)",
      "New: first purchase 119 days ago (< 120)",
      "Established: first purchase 120 days ago (≥ 120; Core needs ≥ 365)",
      "Core: first purchase 400 days ago (≥ 365), value percentile 0.85 (≥ 0.8)",
      "Core: first purchase 365 days ago (≥ 365), value percentile 0.8 (≥ 0.8)",
      "Established: first purchase 400 days ago (≥ 120; value percentile 0.79, Core needs ≥ 0.8)",
      "Established: first purchase 400 days ago (≥ 120; value percentile blank, Core needs ≥ 0.8)",
      "Exited: exit flag set",
      "Exited: last purchase 2023-01-05 is 400 days before 2024-02-09 (≥ 365)",
      "Strategic: strategic flag set",
      "Problem: 4 open problems (> 0)",
    ]);
    // The stage index agrees with the reason's first word.
    expect(Array.from(result.stage, (k) => LIFECYCLE_STAGES[k])).toEqual(result.reason.map((r) => r.split(":")[0]));
    expect(result.asOf).toBe(AS_OF);
  });

  test("blank flags and a blank problem count are false / 0: with none given the same dates give the date rules only", () => {
    const plain = lifecycleStages({ firstPurchase: input.firstPurchase, lastPurchase: input.lastPurchase }, { asOf: AS_OF });
    // row 1 without its exit flag: last 2024-01-20 = 45311, 20 days; first 2023-06-01 = 45078, 253 days: 120 ≤ 253 < 365 → Established
    expect(plain.reason[0]).toBe("Established: first purchase 253 days ago (≥ 120; Core needs ≥ 365)");
    // row 5 without its problems → the same Established rule
    expect(plain.reason[4]).toBe(plain.reason[0]);
    // row 9 without its plan flag → Prospect; row 19 without strategic or plan → Prospect
    expect(plain.reason[8]).toBe("Prospect: never bought, not in the development plan");
    expect(plain.reason[18]).toBe("Prospect: never bought, not in the development plan");
  });

  test("the default as-of date is the day after the latest purchase date (first or last)", () => {
    // latest date 2024-02-08 (serial 45330) → as of 45331; first purchase 2023-12-26 is 45 days before it
    const r = lifecycleStages({ firstPurchase: Float64Array.of(day("2023-12-26"), NA), lastPurchase: Float64Array.of(day("2024-02-08"), NA) });
    expect(r.asOf).toBe(AS_OF);
    expect(r.reason).toEqual(["New: first purchase 45 days ago (< 120)", "Prospect: never bought, not in the development plan"]);
    // nobody has bought: no as-of date is needed or made
    expect(lifecycleAsOf(Float64Array.of(NA), Float64Array.of(NA))).toBeNaN();
  });

  test("custom rule parameters move the boundaries", () => {
    // first 2023-12-26: 45 days. newDays 45 → not New (45 < 45 is false); coreDays 40 and coreShare 0.5 → Core at 0.5
    const r = lifecycleStages(
      { firstPurchase: Float64Array.of(day("2023-12-26")), lastPurchase: Float64Array.of(day("2024-01-09")), valuePercentile: Float64Array.of(0.5) },
      { asOf: AS_OF, newDays: 45, coreDays: 40, coreShare: 0.5, exitDays: 31 },
    );
    // last 2024-01-09 = 45300: 31 days → exited with exitDays 31
    expect(r.reason).toEqual(["Exited: last purchase 2024-01-09 is 31 days before 2024-02-09 (≥ 31)"]);
    const r2 = lifecycleStages(
      { firstPurchase: Float64Array.of(day("2023-12-26")), lastPurchase: Float64Array.of(day("2024-01-09")), valuePercentile: Float64Array.of(0.5) },
      { asOf: AS_OF, newDays: 45, coreDays: 40, coreShare: 0.5 },
    );
    expect(r2.reason).toEqual(["Core: first purchase 45 days ago (≥ 40), value percentile 0.5 (≥ 0.5)"]);
  });

  test("a percentile a hair under the floor from float arithmetic still counts (0.7999999999999999 for 0.8)", () => {
    const r = lifecycleStages(
      { firstPurchase: Float64Array.of(day("2023-01-05")), lastPurchase: Float64Array.of(day("2024-02-01")), valuePercentile: Float64Array.of(0.1 + 0.7) },
      { asOf: AS_OF },
    );
    expect(0.1 + 0.7).toBe(0.7999999999999999);
    expect(LIFECYCLE_STAGES[r.stage[0]!]).toBe("Core");
  });

  test("only one of the two dates: no stage (−1) with the reason, unless the exit flag is set", () => {
    const r = lifecycleStages(
      { firstPurchase: Float64Array.of(day("2023-12-26"), NA, NA), lastPurchase: Float64Array.of(NA, day("2024-01-09"), day("2024-01-09")), exited: Uint8Array.of(0, 0, 1) },
      { asOf: AS_OF },
    );
    expect(Array.from(r.stage)).toEqual([-1, -1, LIFECYCLE_STAGES.indexOf("Exited")]);
    expect(r.reason[0]).toBe("last_purchase row 1 is blank but first_purchase is 2023-12-26: give both dates, or neither for a customer who never bought");
    expect(r.reason[1]).toBe("first_purchase row 2 is blank but last_purchase is 2024-01-09: give both dates, or neither for a customer who never bought");
  });
});

describe("lifecycle stages: bad input", () => {
  const first = Float64Array.of(day("2023-01-05"), day("2023-06-01"));
  const last = Float64Array.of(day("2023-03-01"), day("2024-02-01"));

  test("an as-of date before a customer's purchase names the row", () => {
    const error = thrownCvError(() => lifecycleStages({ firstPurchase: first, lastPurchase: last }, { asOf: day("2024-01-01") }));
    expect(error.code).toBe("BAD_VALUE");
    expect(error.message).toBe("as_of 2024-01-01 is before last_purchase row 2 (2024-02-01): choose an as-of date on or after every purchase (the latest is 2024-02-01)");
    expect(error.location).toMatchObject({ argument: "as_of", row: 2 });
  });

  test("an as-of date on the day of the last purchase is fine (0 days)", () => {
    const r = lifecycleStages({ firstPurchase: first, lastPurchase: last }, { asOf: day("2024-02-01") });
    // row 2: first 2023-06-01 = 45078, as of 45323 → 245 days
    expect(r.reason[1]).toBe("Established: first purchase 245 days ago (≥ 120; Core needs ≥ 365)");
  });

  test("a last purchase before the first, a percentile outside 0–1, a negative problem count, mismatched lengths", () => {
    expect(thrownCvError(() => lifecycleStages({ firstPurchase: Float64Array.of(day("2024-01-02")), lastPurchase: Float64Array.of(day("2024-01-01")) })).message).toBe(
      "last_purchase row 1 (2024-01-01) is before first_purchase (2024-01-02)",
    );
    expect(thrownCvError(() => lifecycleStages({ firstPurchase: first, lastPurchase: last, valuePercentile: Float64Array.of(0.5, 85) })).message).toBe(
      "value_percentile row 2: expected a percentile between 0 and 1 (1 = the most valuable), found 85",
    );
    expect(thrownCvError(() => lifecycleStages({ firstPurchase: first, lastPurchase: last, openProblems: Float64Array.of(-1, 0) })).message).toBe(
      "open_problems row 1: expected a count, 0 or more, found -1",
    );
    expect(thrownCvError(() => lifecycleStages({ firstPurchase: first, lastPurchase: last, exited: Uint8Array.of(1) })).code).toBe("LENGTH_MISMATCH");
    expect(thrownCvError(() => lifecycleStages({ firstPurchase: first, lastPurchase: last }, { coreShare: 1.5 })).message).toMatch(/^core_share must be a share between 0 and 1/);
    expect(thrownCvError(() => lifecycleStages({ firstPurchase: first, lastPurchase: last }, { newDays: -1 })).message).toBe("new_days must be a number of days, 0 or more, found -1");
  });
});

describe("readers for flags, problem counts and stage names", () => {
  test("flags: TRUE/FALSE, 1/0, Y/N, yes/no in any case; blanks and #N/A are false", () => {
    const cells = [true, false, 1, 0, 2, "Y", "n", "YES", "no", "TRUE", "false", "1", "0", "", null, " ", { code: "#N/A" }];
    expect(cells.map(parseFlagCell)).toEqual([true, false, true, false, true, true, false, true, false, true, false, true, false, false, false, false, false]);
    expect(["maybe", { code: "#DIV/0!" }, "#REF!"].map(parseFlagCell)).toEqual([undefined, undefined, undefined]);
    expect(Array.from(readFlagColumn([["Y", "", true]], "money"))).toEqual([1, 0, 1]);
  });

  test("a cell that is not a flag names the argument, row, column and value", () => {
    expect(thrownCvError(() => readFlagColumn([[1], ["maybe"]], "money")).message).toBe('money row 2, column 1: expected TRUE/FALSE, 1/0, Y/N or yes/no (blank = no), found "maybe"');
  });

  test("problem counts: numbers, blanks as 0, TRUE/yes as 1; negatives and words are bad", () => {
    expect(Array.from(readProblemCounts([[2], [""], [true], ["no"], ["3"], [{ code: "#N/A" }]], "open_problems"))).toEqual([2, 0, 1, 0, 3, 0]);
    expect(thrownCvError(() => readProblemCounts([[1], [-2]], "open_problems")).message).toBe(
      "open_problems row 2, column 1: expected a count of open problems (0 or more; TRUE/FALSE also read), found -2",
    );
    expect(thrownCvError(() => readProblemCounts([["many"]], "open_problems")).location).toMatchObject({ row: 1, column: 1, value: "many" });
  });

  test("stage names: trimmed text; blank and #N/A are no stage; other errors are bad", () => {
    expect(readStageList([[" New "], [""], [{ code: "#N/A" }], [7]], "from_stages")).toEqual(["New", "", "", "7"]);
    expect(thrownCvError(() => readStageList([["New"], [{ code: "#REF!" }]], "from_stages")).message).toBe("from_stages row 2, column 1: expected a stage name, found the error #REF!");
  });
});

describe("stage transitions", () => {
  // 11 customers; row 8 has no first-snapshot stage and is left out.
  const from = ["New", "New", "New", "Established", "Core", "Problem", "Exited", "", "Prospect", "Target", "VIP"];
  const to = ["Established", "New", "Exited", "Core", "Problem", "Established", "New", "Core", "Target", "New", "Core"];

  test("counts, with the lifecycle stages present in lifecycle order and an unknown stage appended", () => {
    const t = stageTransitions(from, to);
    // Strategic occurs in neither snapshot, so it is not a row; VIP is not a lifecycle stage, so it comes last.
    expect(t.stages).toEqual(["Prospect", "Target", "New", "Established", "Core", "Problem", "Exited", "VIP"]);
    expect(t.counts).toEqual([
      //  Pr Ta Ne Es Co Pb Ex VIP
      [0, 1, 0, 0, 0, 0, 0, 0], // Prospect → Target (row 9)
      [0, 0, 1, 0, 0, 0, 0, 0], // Target → New (row 10)
      [0, 0, 1, 1, 0, 0, 1, 0], // New → New (2), → Established (1), → Exited (3)
      [0, 0, 0, 0, 1, 0, 0, 0], // Established → Core (4)
      [0, 0, 0, 0, 0, 1, 0, 0], // Core → Problem (5)
      [0, 0, 0, 1, 0, 0, 0, 0], // Problem → Established (6)
      [0, 0, 1, 0, 0, 0, 0, 0], // Exited → New (7)
      [0, 0, 0, 0, 1, 0, 0, 0], // VIP → Core (11)
    ]);
    expect([t.customers, t.skipped]).toEqual([10, 1]);
  });

  test("upgrade and downgrade rates over the customers whose two stages are ranked", () => {
    const t = stageTransitions(from, to);
    // up: New→Established, Established→Core, Problem→Established, Exited→New, Prospect→Target, Target→New = 6
    // down: New→Exited, Core→Problem = 2; unchanged: New→New = 1; unranked: VIP→Core = 1
    expect([t.upgrades, t.downgrades, t.unchanged, t.unranked]).toEqual([6, 2, 1, 1]);
    // denominator 10 − 1 unranked = 9
    expect(t.upgradeRate).toBeCloseTo(6 / 9, 15);
    expect(t.downgradeRate).toBeCloseTo(2 / 9, 15);
  });

  test("Problem and Exited are downgrades from any stage, even from Prospect; Exited → Problem is an upgrade", () => {
    const t = stageTransitions(["Prospect", "Strategic", "Problem", "Exited"], ["Problem", "Exited", "Exited", "Problem"]);
    // Prospect→Problem down, Strategic→Exited down, Problem→Exited down, Exited→Problem up
    expect([t.upgrades, t.downgrades, t.upgradeRate, t.downgradeRate]).toEqual([1, 3, 0.25, 0.75]);
  });

  test("a given order sets rows and columns (with zero rows), matches case-insensitively and appends the rest", () => {
    const t = stageTransitions(["core", "New", "Lead"], ["CORE", "Core", "New"], ["Strategic", "Core", "New"]);
    expect(t.stages).toEqual(["Strategic", "Core", "New", "Lead"]);
    expect(t.counts).toEqual([
      [0, 0, 0, 0],
      [0, 1, 0, 0], // core → CORE
      [0, 1, 0, 0], // New → Core
      [0, 0, 1, 0], // Lead → New
    ]);
    // ranked: core→CORE (same), New→Core (up); Lead→New is unranked → 1 of 2
    expect(t.upgradeRate).toBe(0.5);
    expect(thrownCvError(() => stageTransitions(["New"], ["New"], ["New", "new"])).message).toBe('order entry 2 ("new") is listed twice');
  });

  test("no stages at all is not computable; different lengths are a mismatch; no ranked pair gives NaN rates", () => {
    expect(thrownCvError(() => stageTransitions(["", ""], ["", ""])).code).toBe("NOT_COMPUTABLE");
    expect(thrownCvError(() => stageTransitions(["New"], ["New", "Core"])).code).toBe("LENGTH_MISMATCH");
    const t = stageTransitions(["A", "B"], ["B", "B"]);
    expect([t.customers, t.unranked, t.unchanged]).toEqual([2, 1, 1]);
    expect(t.upgradeRate).toBeNaN();
  });
});

describe("problem-share health check (guideline 3%)", () => {
  const stages = (problems: number, others: number, blanks = 0): string[] => [
    ...new Array<string>(problems).fill("Problem"),
    ...new Array<string>(others).fill("Core"),
    ...new Array<string>(blanks).fill(""),
  ];

  test("exactly 3 of 100 is at the guideline, not above; 4 of 100 is above", () => {
    expect(problemShare(stages(3, 97))).toEqual({ customers: 100, problems: 3, share: 0.03, guideline: 0.03, aboveGuideline: false });
    expect(problemShare(stages(4, 96))).toMatchObject({ share: 0.04, aboveGuideline: true });
    // 9 of 300 = 3% (0.03 × 300 is 9 in floats too)
    expect(problemShare(stages(9, 291)).aboveGuideline).toBe(false);
  });

  test("blank stages are not customers; stage indexes work too; a custom guideline", () => {
    // 1 problem of 20 staged customers = 5%; the 5 blanks do not dilute it
    expect(problemShare(stages(1, 19, 5))).toMatchObject({ customers: 20, problems: 1, share: 0.05, aboveGuideline: true });
    expect(problemShare(stages(1, 19), 0.05).aboveGuideline).toBe(false);
    const problem = LIFECYCLE_STAGES.indexOf("Problem");
    expect(problemShare(Int32Array.of(problem, 0, -1, 4))).toMatchObject({ customers: 3, problems: 1 });
    expect(problemShare([]).share).toBeNaN();
    expect(problemShare(["problem", "New"]).problems).toBe(1);
  });
});

describe("growth classes", () => {
  const label = (k: number): string => (k < 0 ? "n/a" : (GROWTH_CLASSES[k] as string));

  test("boundaries: +20% is Fast-growing, −20% is not Loyal, ±19% is Loyal", () => {
    const previous = Float64Array.of(100, 100, 100, 100, 100, 100);
    const current = Float64Array.of(120, 119, 100, 81, 80, 200);
    // growth: +0.2, +0.19, 0, −0.19, −0.2, +1
    const r = growthClasses(previous, current);
    expect(Array.from(r.index, label)).toEqual(["Fast-growing", "Loyal", "Loyal", "Loyal", "Worth cultivating", "Fast-growing"]);
    expect(Array.from(r.growth)).toEqual([0.2, 0.19, 0, -0.19, -0.2, 1]);
  });

  test("1.2 over 1 is exactly 20% although (1.2 − 1) / 1 is 0.19999999999999996 in floats; 0.8 over 1 is exactly −20%", () => {
    const r = growthClasses(Float64Array.of(1, 1), Float64Array.of(1.2, 0.8));
    expect(Array.from(r.index, label)).toEqual(["Fast-growing", "Worth cultivating"]);
  });

  test("Sleeping: bought before, nothing now (0, blank or net returns)", () => {
    const r = growthClasses(Float64Array.of(50, 50, 50), Float64Array.of(0, NA, -10));
    expect(Array.from(r.index, label)).toEqual(["Sleeping", "Sleeping", "Sleeping"]);
    expect(Array.from(r.growth)).toEqual([-1, -1, -1.2]);
  });

  test("no growth rate (previous 0, blank or negative) is Worth cultivating; both blank is no class", () => {
    const r = growthClasses(Float64Array.of(0, NA, -5, 0, NA), Float64Array.of(50, 50, 50, 0, NA));
    expect(Array.from(r.index, label)).toEqual(["Worth cultivating", "Worth cultivating", "Worth cultivating", "Worth cultivating", "n/a"]);
    expect(r.notes[4]).toBe("previous and current row 5 are both blank");
    expect(Array.from(r.growth).every(Number.isNaN)).toBe(true);
  });

  test("tenure: exactly 365 days is Loyal, 364 is not; one number applies to all; blank only matters for stable growth", () => {
    const previous = Float64Array.of(100, 100, 100, 100);
    const current = Float64Array.of(110, 110, 110, 150);
    const r = growthClasses(previous, current, Float64Array.of(365, 364, NA, NA));
    expect(Array.from(r.index, label)).toEqual(["Loyal", "Worth cultivating", "n/a", "Fast-growing"]);
    expect(r.notes[2]).toBe("tenure_days row 3 is blank: with growth 10% the class is Loyal if the tenure is at least 365 days");
    expect(Array.from(growthClasses(previous, current, 200).index, label)).toEqual(["Worth cultivating", "Worth cultivating", "Worth cultivating", "Fast-growing"]);
  });

  test("a custom fast_growth moves both edges of the Loyal band", () => {
    // fast 0.5: +50% Fast, +49% Loyal, −49% Loyal, −50% Worth cultivating
    const r = growthClasses(Float64Array.of(100, 100, 100, 100), Float64Array.of(150, 149, 51, 50), undefined, { fastGrowth: 0.5 });
    expect(Array.from(r.index, label)).toEqual(["Fast-growing", "Loyal", "Loyal", "Worth cultivating"]);
  });

  test("bad options and tenures", () => {
    expect(thrownCvError(() => growthClasses(Float64Array.of(1), Float64Array.of(1), undefined, { fastGrowth: 0 })).message).toBe(
      "fast_growth must be a positive growth rate such as 0.2 or 20%, found 0",
    );
    expect(thrownCvError(() => growthClasses(Float64Array.of(1, 1), Float64Array.of(1, 1), Float64Array.of(10, -3))).message).toBe(
      "tenure_days row 2: a tenure is a number of days, 0 or more, found -3",
    );
    expect(thrownCvError(() => growthClasses(Float64Array.of(1, 1), Float64Array.of(1))).code).toBe("LENGTH_MISMATCH");
  });
});

describe("prospect temperature", () => {
  const label = (k: number): string => (k < 0 ? "n/a" : (TEMPERATURES[k] as string));

  test("boundaries: 30 days ahead is Hot, 31 Warm, 90 Warm, 91 Cold; the same day is Hot; blank is Unknown", () => {
    const expected = Float64Array.of(
      day("2024-02-09"), // 0 days
      day("2024-03-10"), // 45361 − 45331 = 30
      day("2024-03-11"), // 31
      day("2024-05-09"), // 45421 − 45331 = 90
      day("2024-05-10"), // 91
      NA,
    );
    const r = prospectTemperature(expected, { asOf: AS_OF });
    expect(Array.from(r.index, label)).toEqual(["Hot", "Hot", "Warm", "Warm", "Cold", "Unknown"]);
    expect(Array.from(r.daysAhead)).toEqual([0, 30, 31, 90, 91, NA]);
  });

  test("custom day limits; warm_days may equal hot_days (no Warm band)", () => {
    const expected = Float64Array.of(AS_OF + 7, AS_OF + 8, AS_OF + 14, AS_OF + 15);
    expect(Array.from(prospectTemperature(expected, { asOf: AS_OF, hotDays: 7, warmDays: 14 }).index, label)).toEqual(["Hot", "Warm", "Warm", "Cold"]);
    expect(Array.from(prospectTemperature(expected, { asOf: AS_OF, hotDays: 7, warmDays: 7 }).index, label)).toEqual(["Hot", "Cold", "Cold", "Cold"]);
  });

  test("an expected date before as_of is overdue: no temperature, with the reason", () => {
    const r = prospectTemperature(Float64Array.of(day("2024-02-08"), day("2024-01-30")), { asOf: AS_OF });
    expect(Array.from(r.index)).toEqual([-1, -1]);
    expect(r.notes).toEqual([
      "expected_dates row 1 (2024-02-08) is 1 day before as_of 2024-02-09: the expected order is overdue, update the date",
      "expected_dates row 2 (2024-01-30) is 10 days before as_of 2024-02-09: the expected order is overdue, update the date",
    ]);
  });

  test("as_of is required when any date is given, not when every date is blank", () => {
    const error = thrownCvError(() => prospectTemperature(Float64Array.of(NA, AS_OF)));
    expect(error.code).toBe("BAD_VALUE");
    expect(error.message).toMatch(/^as_of is required: give the day the expectations are measured from, e\.g\. TODAY\(\)/);
    expect(Array.from(prospectTemperature(Float64Array.of(NA, NA)).index, label)).toEqual(["Unknown", "Unknown"]);
  });

  test("bad day limits", () => {
    expect(thrownCvError(() => prospectTemperature(Float64Array.of(AS_OF), { asOf: AS_OF, hotDays: 60, warmDays: 30 })).message).toBe("warm_days (30) must be at least hot_days (60)");
    expect(thrownCvError(() => prospectTemperature(Float64Array.of(AS_OF), { asOf: AS_OF, hotDays: -1 })).message).toBe("hot_days must be a number of days, 0 or more, found -1");
  });
});

describe("MAN qualification", () => {
  test("all eight combinations", () => {
    // [money, authority, need] → label: the letters present in the order M, A, N
    const cases: [boolean, boolean, boolean, string][] = [
      [true, true, true, "Qualified"],
      [true, false, true, "M-N"], // lacks authority, as in methods §10
      [true, true, false, "M-A"],
      [false, true, true, "A-N"],
      [true, false, false, "M"],
      [false, true, false, "A"],
      [false, false, true, "N"],
      [false, false, false, "None"],
    ];
    for (const [m, a, n, expected] of cases) expect(manLabel(m, a, n)).toBe(expected);
    expect(manQualification([1, 1, 0], [1, 0, 0], [1, 1, 0])).toEqual(["Qualified", "M-N", "None"]);
  });

  test("columns of different lengths", () => {
    expect(thrownCvError(() => manQualification([1, 1], [1], [1, 1])).message).toBe("authority has 1 rows but money has 2: select ranges of the same height");
  });
});

describe("whole days", () => {
  test("a date-time counts as its day in the engine too: 45286.9 is 2023-12-26, as of 45331.2 is 2024-02-09", () => {
    const r = lifecycleStages({ firstPurchase: Float64Array.of(45286.9), lastPurchase: Float64Array.of(45331.7) }, { asOf: 45331.2 });
    // 45331 − 45286 = 45; the last purchase later on the as-of day is not after it
    expect(r.reason).toEqual(["New: first purchase 45 days ago (< 120)"]);
    expect(lifecycleAsOf(Float64Array.of(45286.9), Float64Array.of(45330.7))).toBe(45331);
  });
});
