import {
  type CustomerValueModel,
  defaultModel,
  guessRoles,
  hasHeaderRow,
  makeCustomerTable,
  parseModel,
  profileColumns,
  runModel,
} from "../../src/engine";

// A customer table with Chinese headers: name, id, sales, profit, complaints.
const cells = [
  ["客户", "客户编号", "销售额", "利润", "投诉"],
  ["甲", "C1", 100, 20, 4],
  ["乙", "C2", 200, 50, 2],
  ["丙", "C3", 400, 90, 0],
  ["丁", "C4", 300, 40, 2],
];
const table = makeCustomerTable(cells, hasHeaderRow(cells));

describe("profiling and role guesses", () => {
  test("header row detected; kinds per column", () => {
    expect(hasHeaderRow(cells)).toBe(true);
    expect(hasHeaderRow(cells.slice(1))).toBe(false);
    expect(profileColumns(table).map((p) => [p.header, p.kind])).toEqual([
      ["客户", "text"],
      ["客户编号", "id"],
      ["销售额", "number"],
      ["利润", "number"],
      ["投诉", "number"],
    ]);
  });

  test("Chinese headers map to roles: 客户编号 id, 客户 name, 销售额 value; 投诉 is lower-is-better", () => {
    expect(guessRoles(profileColumns(table))).toEqual({
      id: "客户编号",
      name: "客户",
      value: "销售额",
      indicators: [
        { column: "销售额", direction: 1 },
        { column: "利润", direction: 1 },
        { column: "投诉", direction: -1 },
      ],
      groupBy: null,
    });
  });

  test("English headers of the sample table", () => {
    const t = makeCustomerTable(
      [
        ["CustomerID", "Country", "FirstPurchase", "Invoices", "Revenue", "DaysSinceLast"],
        [12346, "United Kingdom", "2011-01-18", 1, 77183.6, 326],
        [12347, "Iceland", "2010-12-07", 7, 4310, 3],
      ],
      true,
    );
    const profiles = profileColumns(t);
    expect(profiles.map((p) => p.kind)).toEqual(["id", "text", "date", "number", "number", "number"]);
    const roles = guessRoles(profiles);
    expect(roles.id).toBe("CustomerID");
    expect(roles.value).toBe("Revenue");
    expect(roles.indicators).toEqual([
      { column: "Revenue", direction: 1 },
      { column: "Invoices", direction: 1 },
      { column: "DaysSinceLast", direction: -1 },
    ]);
  });

  test("blank and repeated headers get unique names; bad cells and blanks are counted", () => {
    const t = makeCustomerTable(
      [
        ["Sales", "", "Sales"],
        [1, "x", 5],
        ["", "y", "n/a"],
        [3, "z", 7],
        [4, "w", 8],
        [5, "v", 9],
        [6, "u", 1],
        [7, "t", 2],
        [8, "s", 3],
        [9, "r", 4],
        [10, "q", 6],
        [11, "p", 10],
      ],
      true,
    );
    expect(t.headers).toEqual(["Sales", "Column B", "Sales (2)"]);
    const [sales, , sales2] = profileColumns(t);
    expect(sales).toMatchObject({ kind: "number", blanks: 1, bad: 0, badRows: [] });
    expect(sales2).toMatchObject({ kind: "number", blanks: 0, bad: 1, badRows: [2] });
  });
});

describe("the value pyramid on the Chinese table", () => {
  // weights 50/30/20 on 销售额, 利润, 投诉 (lower is better), min-max:
  //   销售额 (x − 100)/300  = 0, 1/3, 1, 2/3
  //   利润   (x − 20)/70    = 0, 3/7, 1, 2/7
  //   投诉   1 − x/4        = 0, 1/2, 1, 1/2
  //   score = 100 × (.5 s + .3 p + .2 c) = 0, 39.5238, 100, 51.9048
  const model: CustomerValueModel = {
    ...defaultModel(guessRoles(profileColumns(table))),
    tiers: { by: "share", preset: "custom", shares: [0.5, 0.5], labels: ["Gold", "Rest"] },
  };
  const run = runModel(model, table);

  test("scores and tiers", () => {
    const [score, tier] = run.columns;
    expect(score!.header).toBe("CV Score");
    const s = score!.values as number[];
    expect(s[0]).toBeCloseTo(0, 10);
    expect(s[1]).toBeCloseTo(100 * (0.5 / 3 + (0.3 * 3) / 7 + 0.1), 10);
    expect(s[2]).toBeCloseTo(100, 10);
    expect(s[3]).toBeCloseTo(100 * (0.5 * (2 / 3) + (0.3 * 2) / 7 + 0.1), 10);
    expect(tier!.values).toEqual(["Rest", "Rest", "Gold", "Gold"]);
  });

  test("per-tier figures: customers, value and its share, mean score", () => {
    expect(run.groups.map((g) => [g.label, g.customers, g.customerShare, g.value, g.valueShare])).toEqual([
      ["Gold", 2, 0.5, 700, 0.7],
      ["Rest", 2, 0.5, 300, 0.3],
    ]);
    expect(run.groups[0]!.averageScore).toBeCloseTo((100 + 51.9047619) / 2, 6);
  });

  test("Pareto headline: the top 20% of 4 customers is 0.8 of the largest (320 of 1,000)", () => {
    expect(run.headline).toBe("The top 20% of customers hold 32.0% of 销售额.");
    expect(run.warnings).toEqual([]);
  });

  test("the model in words names indicators, percentages and directions", () => {
    expect(run.description[1]).toBe("Indicators: 销售额 50% (higher is better); 利润 30% (higher is better); 投诉 20% (lower is better).");
  });

  test("score thresholds with a last label", () => {
    const byScore = runModel({ ...model, tiers: { by: "score", thresholds: [90, 50], labels: ["A", "B", "C"] } }, table);
    expect(byScore.columns[1]!.values).toEqual(["C", "C", "A", "B"]);
  });
});

describe("warnings", () => {
  const base = (rows: unknown[][], headers = ["id", "Sales"]) => makeCustomerTable([headers, ...rows], true);
  const model = (t: ReturnType<typeof base>): CustomerValueModel => ({ ...defaultModel(guessRoles(profileColumns(t))), roles: { id: "id", name: null, value: "Sales" }, indicators: [{ column: "Sales", weight: 1, direction: 1 }] });

  test("bad cells are named with their rows and treated as blank; the customer gets no score", () => {
    const t = base([["a", 10], ["b", "lots"], ["c", 30]]);
    const run = runModel(model(t), t);
    // Sales is both the indicator and the value column: the bad cell is reported once
    expect(run.warnings.map((w) => w.message)).toEqual([
      "Sales: 1 cell is not a number (data row 2); treated as blank.",
      "1 customer has every indicator blank and gets no score or tier.",
    ]);
    expect(run.columns[0]!.values).toEqual([0, null, 100]);
    expect(run.columns[0]!.reasons).toEqual([null, "every indicator is blank", null]);
  });

  test("a constant column", () => {
    const t = base([["a", 5], ["b", 5]]);
    expect(runModel(model(t), t).warnings[0]!.message).toBe("Sales has the same value for every customer: it carries no information (every customer gets 0.5 on it).");
  });

  test("heavy skew under min-max suggests log or percentile; not under log", () => {
    const t = base(Array.from({ length: 10 }, (_, i) => [`c${i}`, i === 9 ? 100 : 1]));
    const minmax = runModel(model(t), t).warnings;
    expect(minmax).toHaveLength(1);
    expect(minmax[0]!.message).toBe(
      "Sales (skewness 2.7) is heavily skewed: a few customers dwarf the rest, so min-max crowds everyone else together. The log or percentile method spreads them out.",
    );
    expect(runModel({ ...model(t), method: "log" }, t).warnings).toEqual([]);
  });

  test("duplicate ids", () => {
    const t = base([["a", 1], ["b", 2], ["a", 3]]);
    expect(runModel(model(t), t).warnings.map((w) => w.message)).toContain("1 customer id appears more than once: a (rows 1 and 3). Each row is scored on its own.");
  });

  test("a missing column names itself", () => {
    const t = base([["a", 1]]);
    expect(() => runModel({ ...model(t), indicators: [{ column: "Profit", weight: 1, direction: 1 }] }, t)).toThrow('The indicator column "Profit" is not in the table; choose another column.');
  });
});

describe("ABC and scorecard analyses", () => {
  const roles = guessRoles(profileColumns(table));
  test("ABC by 销售额: 400, 300, 200 start below 80%; 100 starts at 90%", () => {
    const run = runModel({ ...defaultModel(roles), analysis: "abc" }, table);
    expect(run.columns[0]!.values).toEqual(["B", "A", "A", "A"]);
    expect(run.groups.map((g) => [g.label, g.customers, g.value, g.valueShare])).toEqual([
      ["A", 3, 900, 0.9],
      ["B", 1, 100, 0.1],
      ["C", 0, 0, 0],
    ]);
  });

  test("scorecard: 利润 financial, 销售额 sales, 投诉 service; quadrants at the medians", () => {
    const base = defaultModel(roles);
    const aspects = { 销售额: "sales", 利润: "financial", 投诉: "service" } as const;
    const run = runModel(
      { ...base, analysis: "scorecard", indicators: base.indicators.map((i) => ({ ...i, weight: 1, aspect: aspects[i.column as keyof typeof aspects] })) },
      table,
    );
    // F = 0, 300/7, 100, 200/7; S = 0, 100/3, 100, 200/3; V = 0, 50, 100, 50
    // actual = (F + S)/2; potential = V (no customer aspect); total = (F + S + V)/3
    const actual = run.columns[0]!.values as number[];
    expect(actual[1]).toBeCloseTo((300 / 7 + 100 / 3) / 2, 10);
    expect(run.columns[1]!.values).toEqual([0, 50, 100, 50]);
    expect((run.columns[2]!.values as number[])[3]).toBeCloseTo((200 / 7 + 200 / 3 + 50) / 3, 10);
    // medians: actual (38.10 + 47.62)/2 = 42.86, potential 50 → Minimal, Develop, Strategic, Strategic
    expect(run.columns[3]!.values).toEqual(["Minimal", "Develop", "Strategic", "Strategic"]);
  });
});

describe("model JSON", () => {
  const model = defaultModel(guessRoles(profileColumns(table)), { kind: "table", sheet: "Customers", address: "A1:E5", tableName: "Customers" });
  test("round trip", () => {
    expect(parseModel(JSON.stringify(model))).toEqual(model);
  });
  test("bad files say which field is wrong", () => {
    expect(() => parseModel("{")).toThrow("model file: is not valid JSON");
    expect(() => parseModel(JSON.stringify({ ...model, version: 2 }))).toThrow("model version: expected 1, found 2");
    expect(() => parseModel(JSON.stringify({ ...model, indicators: [{ column: "销售额", weight: -1, direction: 1 }] }))).toThrow(
      "model indicators[0].weight: expected a finite number ≥ 0, found -1",
    );
    expect(() => parseModel(JSON.stringify({ ...model, tiers: { by: "share", preset: "custom", shares: [1], labels: ["A", "B"] } }))).toThrow(
      "model tiers.labels: need one label per share",
    );
  });
  // JSON text, not JSON.stringify: a hand-edited file may hold 1e999, which JSON.parse reads as Infinity.
  const withField = (field: string, json: string) => JSON.stringify({ ...model, [field]: "@" }).replace('"@"', json);
  test("every field later used is checked: infinite weights, the source's kind, sheet, address and table name, as-of dates", () => {
    const text = JSON.stringify(model).replace('"weight":50', '"weight":1e999');
    expect(text).toContain("1e999");
    expect(() => parseModel(text)).toThrow("model indicators[0].weight: expected a finite number ≥ 0, found Infinity");
    const source = (s: unknown) => () => parseModel(withField("source", JSON.stringify(s)));
    expect(source({ kind: "file", sheet: "S", address: "A1:B2" })).toThrow('model source.kind: expected "table", "region" or "selection", found "file"');
    expect(source({ kind: "region", sheet: "", address: "A1:B2" })).toThrow("model source.sheet: expected a sheet name");
    expect(source({ kind: "region", sheet: "a/b", address: "A1:B2" })).toThrow("model source.sheet: expected a sheet name");
    expect(source({ kind: "region", sheet: "S", address: "everything" })).toThrow('model source.address: expected a range address such as A1:H4339, found "everything"');
    expect(source({ kind: "table", sheet: "S", address: "A1:B2", tableName: "1 bad name" })).toThrow("model source.tableName: expected an Excel table name");
    expect(source({ kind: "table", sheet: "S", address: "A1:B2" })).toThrow('model source.tableName: expected the table\'s name for a source of kind "table"');
    expect(parseModel(withField("source", JSON.stringify({ kind: "region", sheet: "Sales 2024", address: "$A$1:$H$4339" }))).source).toEqual({ kind: "region", sheet: "Sales 2024", address: "$A$1:$H$4339" });
    expect(() => parseModel(withField("lifetime", JSON.stringify({ asOf: "10000-01-01" })))).toThrow("model lifetime.asOf: expected a date as yyyy-mm-dd or null");
    expect(() => parseModel(withField("lifetime", JSON.stringify({ asOf: "1850-01-01" })))).toThrow("model lifetime.asOf: expected a date as yyyy-mm-dd or null");
    expect(() => parseModel(withField("aspectWeights", "[1,1,1,1e999]"))).toThrow("model aspectWeights: expected a list of numbers");
    expect(() => parseModel(withField("groupBy", JSON.stringify("x".repeat(5000).split(""))))).toThrow('model groupBy: expected a column name or null, found ["x","x","x","x","x","x","x","x","x",...');
  });
});
