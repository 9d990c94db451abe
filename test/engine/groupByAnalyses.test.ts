/**
 * Group by (methods §10: market type as a grouping dimension in every summary): every
 * analysis the pane offers gets the breakdown when the model names a groupBy column, with
 * counts worked out by hand per analysis kind; customers keyed by id (RFM from transactions,
 * lifetime value) take their rows' first value, with a warning when the rows disagree. Also
 * the model side: the guess from the headers, parseModel's round trip and its check.
 */
import {
  ANALYSIS_IDS,
  type AnalysisId,
  type AnalysisRun,
  type CustomerTable,
  type CustomerValueModel,
  defaultCrossSellSettings,
  defaultLifecycleSettings,
  defaultLifetimeSettings,
  defaultModel,
  defaultRfmSettings,
  finishSteps,
  guessGroupBy,
  guessRoles,
  makeCustomerTable,
  parseModel,
  presetTiers,
  profileColumns,
  runModel,
  runModelSteps, lifetimeDetails } from "../../src/engine";
import { thrownCvError } from "../helpers/errors";
import { day2024, simulatedTransactions } from "../helpers/lifetimeTransactions";

/** A breakdown row as [label, customers, value, { group: customers } for the groups with any]. */
function rowsOf(run: AnalysisRun) {
  const b = run.breakdown!;
  return b.rows.map((r) => [r.label, r.customers, r.value, Object.fromEntries(b.groupLabels.map((g, k) => [g, r.groupCustomers[k]]).filter(([, c]) => c !== 0))]);
}

function setup(cells: unknown[][], change: (base: CustomerValueModel, table: CustomerTable) => CustomerValueModel): { table: CustomerTable; model: CustomerValueModel } {
  const table = makeCustomerTable(cells, true);
  return { table, model: change(defaultModel(guessRoles(profileColumns(table))), table) };
}

// The README's four customers with a market type: Ann and Cid consumers (Cid spelled lower case), Bob and Dee government.
// Sales 100, 200, 400, 300; complaints 4, 2, 0, 2.
const FOUR = [
  ["Customer", "Market", "Sales", "Complaints"],
  ["Ann", "Consumer", 100, 4],
  ["Bob", "Government", 200, 2],
  ["Cid", "consumer", 400, 0],
  ["Dee", "Government", 300, 2],
];

// RFM's hand example (CV.RFM help): R, F, M → Potential Loyalist, Lost, Loyal Customers, New Customers.
const RFM_SUMMARY = [
  ["Customer", "Market", "DaysSinceLast", "Invoices", "Revenue"],
  ["A", "Retail", 11, 3, 110],
  ["B", "Retail", 76, 1, 15],
  ["C", "Wholesale", 49, 1, 100],
  ["D", "retail", 1, 1, 40],
];

// The same customers from their invoices (monetary A 110, B 20 − 5 = 15, C 100, D 40), with a market per row:
// A's rows say "", "retail ", "Wholesale", "Retail" → retail (its first non-blank), and A is a conflict;
// B Retail; C blank on every row; D Government. Retail is spelled as B's row, the first in the table, spells it.
const RFM_TRANSACTIONS = [
  ["Customer", "InvoiceDate", "Amount", "Invoice", "Market"],
  ["A", "2024-03-10", 50, "I3", ""],
  ["B", "2024-01-05", 20, "I1", "Retail"],
  ["A", "2024-01-01", 30, "I2", "retail "],
  ["A", "2024-03-10", 20, "I3", "Wholesale"],
  ["C", "2024-02-01", 100, "I4", ""],
  ["B", "2024-02-15", -5, "C1", "Retail"],
  ["A", "2024-03-10", 10, "I5", "Retail"],
  ["D", "2024-03-20", 40, "I6", "Government"],
];

// The lifecycle hand example (as of 2024-02-09): New, Core, Prospect, Exited, Problem; revenue 100, 900, blank, 300, 200.
const LIFECYCLE = [
  ["Customer", "Market", "FirstPurchase", "LastPurchase", "Revenue", "Complaints"],
  ["Ann", "Consumer", "2023-12-26", "2024-02-08", 100, 0],
  ["Bob", "Producer", "2023-01-05", "2024-02-01", 900, 0],
  ["Cid", "Consumer", "", "", "", 0],
  ["Dee", "Producer", "2022-06-01", "2022-12-01", 300, 0],
  ["Eve", "Government", "2023-03-01", "2024-01-15", 200, 2],
];

// Lifetime value: 300 simulated customers S1–S300 (S1–S150 consumers, the rest producers) and eight hand
// customers A–F, I, J with rows up to the as-of date 2024-07-01 (government; F's last row says "Producer":
// a conflict). H buys only after the as-of date and gets no result.
function lifetimeRows(): unknown[][] {
  const simulated = simulatedTransactions().map(([c, d, a]) => [c, d, a, Number(c.slice(1)) <= 150 ? "Consumer" : "Producer"]);
  const hand: [string, number, number][] = [
    ["A", 112, 10], ["A", 126, 20], ["A", 140, 30], ["B", 119, 50], ["C", 112, 100], ["C", 147, 40], ["D", 154, 30],
    ["E", 133, 15], ["E", 175, 45], ["F", 112, 10], ["F", 119, 10], ["H", 185, 70], ["I", 112, 20], ["I", 140, 5], ["J", 182, 35],
  ];
  return [...simulated, ...hand.map(([c, d, a]) => [c, day2024(d), a, "Government"]), ["F", day2024(126), 10, "Producer"]];
}

const FIXTURES: Record<AnalysisId | "rfmTransactions", () => { table: CustomerTable; model: CustomerValueModel }> = {
  pyramid: () => setup(FOUR, (m) => ({ ...m, groupBy: "Market", roles: { id: "Customer", name: null, value: "Sales" }, indicators: [{ column: "Sales", weight: 1, direction: 1 }], tiers: presetTiers("key20") })),
  scorecard: () =>
    setup(FOUR, (m) => ({
      ...m,
      analysis: "scorecard",
      groupBy: "Market",
      roles: { id: "Customer", name: null, value: "Sales" },
      indicators: [
        { column: "Sales", weight: 1, direction: 1, aspect: "sales" },
        { column: "Complaints", weight: 1, direction: -1, aspect: "service" },
      ],
    })),
  abc: () => setup(FOUR, (m) => ({ ...m, analysis: "abc", groupBy: "Market", roles: { id: "Customer", name: null, value: "Sales" } })),
  rfm: () => setup(RFM_SUMMARY, (m, t) => ({ ...m, analysis: "rfm", groupBy: "Market", rfm: defaultRfmSettings(profileColumns(t), "Revenue") })),
  rfmTransactions: () =>
    setup(RFM_TRANSACTIONS, (m, t) => ({
      ...m,
      analysis: "rfm",
      groupBy: "Market",
      roles: { id: "Customer", name: null, value: "Amount" },
      rfm: { ...defaultRfmSettings(profileColumns(t), "Amount"), input: "transactions", date: "InvoiceDate", amount: "Amount", invoice: "Invoice" },
    })),
  lifecycle: () => setup(LIFECYCLE, (m, t) => ({ ...m, analysis: "lifecycle", groupBy: "Market", roles: { id: "Customer", name: null, value: "Revenue" }, lifecycle: defaultLifecycleSettings(profileColumns(t)) })),
  lifetime: () =>
    setup([["Customer", "Date", "Amount", "Market"], ...lifetimeRows()], (m, t) => ({
      ...m,
      analysis: "lifetime",
      groupBy: "Market",
      roles: { id: "Customer", name: null, value: "Amount" },
      lifetime: { ...defaultLifetimeSettings(profileColumns(t), "Amount"), asOf: "2024-07-01" },
    })),
  // Cross-sell: five customers' invoice lines (the hand example of crossSellAnalysis.test.ts) with a market per row.
  crossSell: () =>
    setup(
      [
        ["Customer", "Invoice", "Product", "Amount", "Market"],
        ["A", "I1", "bread", 10, "Retail"],
        ["A", "I1", "milk", 5, "Retail"],
        ["A", "I2", "jam", 4, "Retail"],
        ["B", "I3", "bread", 10, "Trade"],
        ["B", "I3", "milk", 5, "Trade"],
        ["B", "I3", "jam", 4, "Trade"],
        ["C", "I4", "bread", 10, "Retail"],
        ["C", "I4", "eggs", 3, "Retail"],
        ["D", "I5", "milk", 5, "Trade"],
        ["D", "I5", "tea", 2, "Trade"],
        ["E", "I6", "bread", 10, "Trade"],
        ["E", "I6", "milk", 5, "Trade"],
      ],
      (m, t) => ({ ...m, analysis: "crossSell", groupBy: "Market", roles: { id: "Customer", name: null, value: "Amount" }, crossSell: { ...defaultCrossSellSettings(profileColumns(t)), minSupport: 0.3, neighbours: 2 } }),
    ),
  // Clusters: two clusters of the four by sales, {100, 200} and {300, 400} (within sums 5,000 + 5,000 beat any other split).
  clusters: () =>
    setup(FOUR, (m) => ({
      ...m,
      analysis: "clusters",
      groupBy: "Market",
      roles: { id: "Customer", name: null, value: "Sales" },
      indicators: [{ column: "Sales", weight: 1, direction: 1 }],
      clusters: { k: 2, method: "zscore", seed: 1 },
    })),
};

const runs = new Map<string, AnalysisRun>();
function runOf(key: keyof typeof FIXTURES): AnalysisRun {
  if (!runs.has(key)) {
    const { model, table } = FIXTURES[key]();
    runs.set(key, runModel(model, table));
  }
  return runs.get(key)!;
}

describe("every analysis gets the breakdown by the groupBy column", () => {
  test.each([...ANALYSIS_IDS])("%s: a breakdown by Market whose totals match the run", (id) => {
    const run = runOf(id);
    const b = run.breakdown!;
    expect(b.dimension).toBe("Market");
    expect(b.groupLabels).toEqual(run.groups.map((g) => g.label));
    // Every result row is counted; the placed ones spread over the groups as the group table says.
    expect(b.total.customers).toBe(run.customers);
    expect(b.total.groupCustomers).toEqual(run.groups.map((g) => g.customers));
    expect(b.total.customers - b.total.unplaced).toBe(run.assigned);
  });

  test("pyramid, Key 20% of four by sales: Cid (consumer) is Key; value 500 each, so the tie goes by customers, then label", () => {
    expect(rowsOf(runOf("pyramid"))).toEqual([
      ["Consumer", 2, 500, { Key: 1, General: 1 }],
      ["Government", 2, 500, { General: 2 }],
    ]);
    expect(runOf("pyramid").breakdown!.rows[0]!.valueShare).toBe(0.5);
  });

  test("scorecard: Ann low/low Minimal, Cid Strategic; Bob (actual 33.3 < 50, potential 50 ≥ 50) Develop, Dee Strategic", () => {
    expect(rowsOf(runOf("scorecard"))).toEqual([
      ["Consumer", 2, 500, { Strategic: 1, Minimal: 1 }],
      ["Government", 2, 500, { Strategic: 1, Develop: 1 }],
    ]);
  });

  test("clusters: Ann and Bob (100, 200) are Cluster 1 (equal sizes: the cluster of the first row), Cid and Dee Cluster 2", () => {
    expect(rowsOf(runOf("clusters"))).toEqual([
      ["Consumer", 2, 500, { "Cluster 1": 1, "Cluster 2": 1 }],
      ["Government", 2, 500, { "Cluster 1": 1, "Cluster 2": 1 }],
    ]);
  });

  test("ABC: Cid, Dee, Bob are A, Ann B (the README's example)", () => {
    expect(rowsOf(runOf("abc"))).toEqual([
      ["Consumer", 2, 500, { A: 1, B: 1 }],
      ["Government", 2, 500, { A: 2 }],
    ]);
  });

  test("RFM from per-customer columns: Retail A, B, D (110 + 15 + 40 = 165 of 265), Wholesale C", () => {
    const run = runOf("rfm");
    expect(rowsOf(run)).toEqual([
      ["Retail", 3, 165, { "Potential Loyalist": 1, Lost: 1, "New Customers": 1 }],
      ["Wholesale", 1, 100, { "Loyal Customers": 1 }],
    ]);
    expect(run.breakdown!.rows[0]!.valueShare).toBeCloseTo(165 / 265, 15);
    expect(run.breakdown!.rows[0]!.averageValue).toBe(55);
  });

  test("RFM from transactions: each customer takes its rows' first non-blank market, blanks last; A's disagreeing rows are a warning", () => {
    const run = runOf("rfmTransactions");
    expect(run.rowKeys!.values).toEqual(["A", "B", "C", "D"]);
    expect(rowsOf(run)).toEqual([
      ["Retail", 2, 125, { "Potential Loyalist": 1, Lost: 1 }],
      ["Government", 1, 40, { "New Customers": 1 }],
      ["(blank)", 1, 100, { "Loyal Customers": 1 }],
    ]);
    expect(run.warnings).toContainEqual({ kind: "dimension", column: "Market", message: "Market: 1 customer's rows carry different values: A (Retail, Wholesale). Each is counted under its first value." });
  });

  test("RFM with two rules both named Focus: each customer is counted under its own rule, not the last of that name", () => {
    // Recency 1, 2, 30, 40 days → R (4 customers, 5 bins: floor((rank − 0.5) / 4 × 5) + 1 on −recency) A 5, B 4, C 2, D 1;
    // invoices 10, 8, 2, 1 → F A 5, B 4, C 2, D 1. Rule 1 "Focus" (R 4–5, F 4–5) takes A and B; rule 2 "Focus" (R 1–2) C and D; Others none.
    // North: A (rule 1) and C (rule 2), 100 + 30 = 130; South: B (rule 1) and D (rule 2), 50 + 20 = 70.
    const { table, model } = setup(
      [
        ["Customer", "Market", "DaysSinceLast", "Invoices", "Revenue"],
        ["A", "North", 1, 10, 100],
        ["B", "South", 2, 8, 50],
        ["C", "North", 30, 2, 30],
        ["D", "South", 40, 1, 20],
      ],
      (m, t) => ({
        ...m,
        analysis: "rfm",
        groupBy: "Market",
        rfm: {
          ...defaultRfmSettings(profileColumns(t), "Revenue"),
          rules: [
            { segment: "Focus", r: [4, 5], f: [4, 5], m: [Number.NaN, Number.NaN] },
            { segment: "Focus", r: [1, 2], f: [Number.NaN, Number.NaN], m: [Number.NaN, Number.NaN] },
          ],
        },
      }),
    );
    const run = runModel(model, table);
    expect(run.groups.map((g) => [g.label, g.customers])).toEqual([["Focus", 2], ["Focus", 2], ["Others", 0]]);
    expect(Array.from(run.rowGroups)).toEqual([0, 0, 1, 1]);
    const b = run.breakdown!;
    expect(b.groupLabels).toEqual(["Focus", "Focus", "Others"]);
    expect(b.rows.map((r) => [r.label, r.customers, r.value, r.groupCustomers, r.unplaced])).toEqual([
      ["North", 2, 130, [1, 1, 0], 0],
      ["South", 2, 70, [1, 1, 0], 0],
    ]);
    expect(b.total.groupCustomers).toEqual([2, 2, 0]);
  });

  test("lifecycle: Producer Bob Core + Dee Exited (900 + 300), Government Eve Problem, Consumer Ann New + Cid Prospect (blank revenue)", () => {
    const run = runOf("lifecycle");
    expect(rowsOf(run)).toEqual([
      ["Producer", 2, 1200, { Core: 1, Exited: 1 }],
      ["Government", 1, 200, { Problem: 1 }],
      ["Consumer", 2, 100, { New: 1, Prospect: 1 }],
    ]);
    // Cid's revenue is blank: missing, not 0, so the consumers' average is Ann's 100, not 100 / 2.
    expect(run.breakdown!.rows.map((r) => [r.label, r.valued, r.averageValue])).toEqual([
      ["Producer", 2, 600],
      ["Government", 1, 200],
      ["Consumer", 1, 100],
    ]);
    // Total: 1,500 over the 4 customers with a revenue.
    expect([run.breakdown!.total.valued, run.breakdown!.total.averageValue]).toEqual([4, 375]);
  });

  // The counts per market are from the fixture; the values are an aggregation check only: the breakdown adds up
  // the run's own CV CLV column (CLV itself is checked against the model formulas in lifetimeAnalysis.test.ts).
  test("lifetime value: 150 consumers, 150 producers, 8 government customers (H has no result); F's rows disagree; values add up the run's CLV", () => {
    const run = runOf("lifetime");
    const b = run.breakdown!;
    const counts = Object.fromEntries(b.rows.map((r) => [r.label, r.customers]));
    expect(counts).toEqual({ Consumer: 150, Producer: 150, Government: 8 });
    expect(run.warnings).toContainEqual({ kind: "dimension", column: "Market", message: "Market: 1 customer's rows carry different values: F (Government, Producer). Each is counted under its first value." });
    expect(b.total.value).toBeCloseTo(lifetimeDetails(run).totalClv, 6);
    // Aggregation check: Government is the hand customers, and its value is their CLV as the run's CV CLV column gives it.
    const clv = run.columns.find((c) => c.header.startsWith("CV CLV,"))!.values;
    const hand = ["A", "B", "C", "D", "E", "F", "I", "J"].reduce((s, id) => s + (clv[run.rowKeys!.values.indexOf(id)] as number), 0);
    expect(b.rows.find((r) => r.label === "Government")!.value).toBeCloseTo(hand, 9);
  });
});

describe("group by: the run without it, the stepped run, errors", () => {
  test("without groupBy (absent or null) there is no breakdown", () => {
    const { model, table } = FIXTURES.abc();
    expect(runModel({ ...model, groupBy: null }, table).breakdown).toBeUndefined();
    const { groupBy: _, ...none } = model;
    expect(runModel(none, table).breakdown).toBeUndefined();
  });

  test("the stepped run the pane uses gives the same breakdown", () => {
    const { model, table } = FIXTURES.rfmTransactions();
    expect(finishSteps(runModelSteps(model, table)).breakdown).toEqual(runOf("rfmTransactions").breakdown);
  });

  test("a groupBy column that is not in the table is a BAD_OPTION naming it, before any fit", () => {
    for (const key of ["abc", "lifetime"] as const) {
      const { model, table } = FIXTURES[key]();
      const e = thrownCvError(() => finishSteps(runModelSteps({ ...model, groupBy: "Region" }, table)));
      expect([e.code, e.message]).toEqual(["BAD_OPTION", 'The Group by column "Region" is not in the table; choose another column.']);
      expect(thrownCvError(() => runModel({ ...model, groupBy: "Region" }, table)).message).toBe(e.message);
    }
  });
});

describe("groupBy in the model", () => {
  const profiles = (headers: string[], kinds: unknown[]) => profileColumns(makeCustomerTable([headers, kinds, kinds.map((k) => (typeof k === "string" ? `${k}2` : k))], true));

  test("guessed from text columns: market type first, then market, segment, region …; never Country", () => {
    expect(guessGroupBy(profiles(["CustomerID", "Region", "Market type", "Revenue"], ["C1", "North", "Consumer", 5]))).toBe("Market type");
    expect(guessGroupBy(profiles(["CustomerID", "Sales region", "Revenue"], ["C1", "North", 5]))).toBe("Sales region");
    expect(guessGroupBy(profiles(["客户编号", "行业", "销售额"], ["C1", "制造", 5]))).toBe("行业");
    expect(guessGroupBy(profiles(["CustomerID", "Country", "Revenue"], ["C1", "France", 5]))).toBeNull();
    // A number column is no dimension, even with the word in its header.
    expect(guessGroupBy(profiles(["CustomerID", "Segment", "Revenue"], ["C1", 3, 5]))).toBeNull();
  });

  test("the default model carries the guess; the sample's columns (Country) give none", () => {
    const market = makeCustomerTable(FOUR, true);
    expect(defaultModel(guessRoles(profileColumns(market))).groupBy).toBe("Market");
    const sample = makeCustomerTable([["CustomerID", "Country", "Revenue"], [12346, "United Kingdom", 77183.6], [12347, "Iceland", 4310]], true);
    expect(defaultModel(guessRoles(profileColumns(sample))).groupBy).toBeUndefined();
  });

  test("parseModel keeps groupBy (a column or null) and reads models saved before it as none", () => {
    const { model } = FIXTURES.pyramid();
    expect(parseModel(JSON.stringify(model))).toEqual(model);
    expect(parseModel(JSON.stringify({ ...model, groupBy: null })).groupBy).toBeNull();
    const { groupBy: _, ...older } = model;
    expect(parseModel(JSON.stringify(older))).not.toHaveProperty("groupBy");
  });

  test("a groupBy that is neither a column name nor null is a clear error", () => {
    const { model } = FIXTURES.pyramid();
    for (const [bad, found] of [[3, "3"], [["Market"], '["Market"]'], [true, "true"]] as const) {
      const e = thrownCvError(() => parseModel(JSON.stringify({ ...model, groupBy: bad })));
      expect([e.code, e.message]).toEqual(["BAD_OPTION", `model groupBy: expected a column name or null, found ${found}`]);
    }
  });
});
