/**
 * A few bad cells do not change a column's kind (issue 12, class 8), the user may choose a
 * column's kind, the value guess is not moved by one bad cell, and Group by offers only
 * columns with few distinct values. Every expected count is read off the small tables below.
 */
import { guessRoles, isGroupable, isMostly, makeCustomerTable, profileColumns } from "../../src/engine";

describe("a column's kind under a few bad cells", () => {
  // 11 non-blank cells: 9 numbers, then "n/a" in data row 4 and "#VALUE!" in data row 9.
  const sales: unknown[] = [120, 80, 95, "n/a", 300, 40, 77, 61, "#VALUE!", 150, 99];
  const table = makeCustomerTable([["Customer", "Sales"], ...sales.map((v, i) => [`C${i + 1}`, v])], true);

  test("two bad cells out of eleven leave a number column a number column, with 2 bad cells in rows 4 and 9", () => {
    const [, p] = profileColumns(table);
    // 9 / 11 = 81.8% ≥ 80%.
    expect(p).toMatchObject({ header: "Sales", kind: "number", detected: "number", chosen: false, blanks: 0, bad: 2, badRows: [4, 9] });
  });

  test("and the column stays among the guessed indicators and is the value column", () => {
    const roles = guessRoles(profileColumns(table));
    expect(roles.value).toBe("Sales");
    expect(roles.indicators.map((i) => i.column)).toEqual(["Sales"]);
  });

  test("a text column with a few numbers stays text", () => {
    // 1 number out of 4 non-blank cells: 25%, and 3 other cells are more than half the column.
    const t = makeCustomerTable([["Region"], ["North"], ["South"], ["East"], ["1"]], true);
    expect(profileColumns(t)[0]).toMatchObject({ kind: "text", bad: 0 });
  });

  test("the rule: 80% of the non-blank cells, or all but at most 3 when the kind has at least twice as many", () => {
    expect(isMostly(8, 10)).toBe(true); // 80%
    expect(isMostly(7, 10)).toBe(true); // 3 others, 7 ≥ 6
    expect(isMostly(5, 8)).toBe(false); // 62.5%, 3 others, 5 < 6
    expect(isMostly(2, 3)).toBe(true); // one bad cell among three
    expect(isMostly(1, 2)).toBe(false); // half and half
    expect(isMostly(6, 10)).toBe(false); // 4 others are more than a few
    expect(isMostly(0, 0)).toBe(false);
  });
});

describe("the value guess is not moved by one bad cell", () => {
  // Four customers; Sales has one bad cell ("–" in data row 2). Before the fix 3 / 4 = 75% < 90% made
  // Sales "text", and the value guess fell to the first number column, Complaints.
  const table = makeCustomerTable(
    [
      ["Customer", "Complaints", "Sales"],
      ["Ann", 2, 1200],
      ["Bob", 0, "–"],
      ["Cy", 5, 300],
      ["Di", 1, 850],
    ],
    true,
  );

  test("Sales stays the value column and a number column with 1 bad cell", () => {
    const profiles = profileColumns(table);
    expect(profiles[2]).toMatchObject({ kind: "number", bad: 1, badRows: [2] });
    const roles = guessRoles(profiles);
    expect(roles.value).toBe("Sales");
    expect(roles.indicators).toEqual([
      { column: "Sales", direction: 1 },
      { column: "Complaints", direction: -1 },
    ]);
  });
});

describe("the user's choice of a column's kind", () => {
  const table = makeCustomerTable(
    [
      ["Postcode", "Region"],
      [1010, "North"],
      [2020, "South"],
      [3030, "East"],
      [4040, "12"],
    ],
    true,
  );

  test("a number column chosen as text is text, with no bad cells and no skewness", () => {
    const [p] = profileColumns(table, { Postcode: "text" });
    expect(p).toMatchObject({ kind: "text", detected: "number", chosen: true, bad: 0 });
    expect(Number.isNaN(p!.skewness)).toBe(true);
  });

  test("a text column chosen as number counts its 3 cells that are not numbers as bad (rows 1–3)", () => {
    const [, p] = profileColumns(table, { Region: "number" });
    expect(p).toMatchObject({ kind: "number", detected: "text", chosen: true, bad: 3, badRows: [1, 2, 3] });
  });

  test("choices for other headers change nothing", () => {
    expect(profileColumns(table, { Other: "date" }).map((p) => p.kind)).toEqual(["number", "text"]);
  });
});

describe("Group by candidates", () => {
  test("up to 50 distinct values, or 5% of the rows on large tables; never the id or an empty column", () => {
    expect(isGroupable({ kind: "text", distinct: 37 }, 4338)).toBe(true);
    expect(isGroupable({ kind: "text", distinct: 50 }, 60)).toBe(true);
    expect(isGroupable({ kind: "text", distinct: 51 }, 60)).toBe(false);
    // 5% of 4,338 rows = 216.9 → at most 216 values.
    expect(isGroupable({ kind: "text", distinct: 216 }, 4338)).toBe(true);
    expect(isGroupable({ kind: "text", distinct: 217 }, 4338)).toBe(false);
    expect(isGroupable({ kind: "number", distinct: 3900 }, 4338)).toBe(false);
    expect(isGroupable({ kind: "number", distinct: 4 }, 4338)).toBe(true);
    expect(isGroupable({ kind: "id", distinct: 3 }, 3)).toBe(false);
    expect(isGroupable({ kind: "empty", distinct: 0 }, 3)).toBe(false);
  });
});
