import { type CustomerValueModel, defaultLifecycleSettings, defaultModel, defaultRfmSettings, guessRoles, makeCustomerTable, parseModel, profileColumns, runModel } from "../../src/engine";

function modelFor(cells: unknown[][], analysis: CustomerValueModel["analysis"]) {
  const table = makeCustomerTable(cells, true);
  const profiles = profileColumns(table);
  const base = defaultModel(guessRoles(profiles));
  return { table, model: { ...base, analysis, rfm: defaultRfmSettings(profiles, base.roles.value), lifecycle: defaultLifecycleSettings(profiles) } };
}

describe("RFM segments analysis", () => {
  // Per-customer columns, as in the CV.RFM hand example: recency 11, 76, 49, 1; frequency 3, 1, 1, 1; revenue 110, 15, 100, 40
  // → R 4, 1, 2, 5; F 5, 2, 2, 2 (the three 1s tie); M 5, 1, 4, 2.
  const summary = modelFor(
    [
      ["Customer", "DaysSinceLast", "Invoices", "Revenue"],
      ["A", 11, 3, 110],
      ["B", 76, 1, 15],
      ["C", 49, 1, 100],
      ["D", 1, 1, 40],
    ],
    "rfm",
  );

  test("columns are guessed: DaysSinceLast, Invoices, Revenue", () => {
    expect(summary.model.rfm).toMatchObject({ input: "summary", recency: "DaysSinceLast", frequency: "Invoices", monetary: "Revenue", bins: 5 });
  });

  test("scores, cells and segments beside the table", () => {
    const run = runModel(summary.model, summary.table);
    expect(run.columns.map((c) => c.header)).toEqual(["CV R", "CV F", "CV M", "CV RFM", "CV Segment"]);
    expect(run.columns[3]!.values).toEqual(["455", "121", "224", "522"]);
    expect(run.columns[4]!.values).toEqual(["Potential Loyalist", "Lost", "Loyal Customers", "New Customers"]);
    expect(run.rowKeys).toBeUndefined();
  });

  test("per segment: customers, orders, revenue and its share", () => {
    const run = runModel(summary.model, summary.table);
    const pl = run.groups.find((g) => g.label === "Potential Loyalist")!;
    expect([pl.customers, pl.orders, pl.value]).toEqual([1, 3, 110]);
    expect(pl.valueShare).toBeCloseTo(110 / 265, 12);
    expect(run.groups[run.groups.length - 1]!.label).toBe("Others");
  });

  test("from a transaction table: one result row per customer, keyed by id", () => {
    const tx = modelFor(
      [
        ["Customer", "InvoiceDate", "Amount", "Invoice"],
        ["A", "2024-03-10", 50, "I3"],
        ["B", "2024-01-05", 20, "I1"],
        ["A", "2024-01-01", 30, "I2"],
        ["A", "2024-03-10", 20, "I3"],
        ["C", "2024-02-01", 100, "I4"],
        ["B", "2024-02-15", -5, "C1"],
        ["A", "2024-03-10", 10, "I5"],
        ["D", "2024-03-20", 40, "I6"],
        ["", "2024-03-01", 99, "I9"],
      ],
      "rfm",
    );
    const model = { ...tx.model, roles: { ...tx.model.roles, id: "Customer", value: "Amount" }, rfm: { ...tx.model.rfm!, input: "transactions" as const, amount: "Amount", date: "InvoiceDate", invoice: "Invoice" } };
    const run = runModel(model, tx.table);
    expect(run.rowKeys).toEqual({ header: "Customer", values: ["A", "B", "C", "D"] });
    expect(run.columns[3]!.values).toEqual(["455", "121", "224", "522"]);
    expect(run.description[1]).toContain("Recency counted to 2024-03-21.");
    expect(run.warnings.map((w) => w.message)).toContain("1 transaction row has no customer id and is left out.");
  });

  test("from transactions, a customer with returns only gets no scores, says why, and does not move the others' scores", () => {
    // A buys 10 once, B buys 10 and 20 on two days, C only returns 5. Bins 2 over A and B alone:
    // R: A (last 45300, recency 3) 1, B (recency 1) 2; F: A 1, B 2; M: A 10 → 1, B 30 → 2. With C ranked too, A's F would be 2.
    const tx = modelFor(
      [
        ["Customer", "InvoiceDate", "Amount"],
        ["A", 45300, 10],
        ["B", 45301, 10],
        ["B", 45302, 20],
        ["C", 45301, -5],
      ],
      "rfm",
    );
    const model = { ...tx.model, roles: { ...tx.model.roles, id: "Customer", value: "Amount" }, rfm: { ...tx.model.rfm!, input: "transactions" as const, amount: "Amount", date: "InvoiceDate", invoice: null, bins: 2 } };
    const run = runModel(model, tx.table);
    expect(run.columns[3]!.values).toEqual(["111", "222", null]);
    expect(run.columns[1]!.reasons).toEqual([null, null, "only returns, no purchase"]);
    expect(run.warnings.map((w) => w.message)).toContain("1 customer has only returns (no purchase) and gets no scores or segment; they do not move the others' scores.");
  });

  test("the settings survive a JSON round trip, open bounds included", () => {
    const json = JSON.stringify(summary.model);
    expect(parseModel(json).rfm!.rules[0]).toEqual({ segment: "Champions", r: [5, 5], f: [5, 5], m: [5, 5] });
    const open = { ...summary.model, rfm: { ...summary.model.rfm!, rules: [{ segment: "Any", r: [Number.NaN, 5] as [number, number], f: [1, 5] as [number, number], m: [1, 5] as [number, number] }] } };
    const back = parseModel(JSON.stringify(open));
    expect(back.rfm!.rules[0]!.r[0]).toBeNaN();
    expect(runModel(back, summary.table).columns[4]!.values).toEqual(["Any", "Any", "Any", "Any"]);
  });
});

describe("lifecycle stages analysis", () => {
  // As of 2024-02-09 (the day after the latest date, 2024-02-08):
  //   Ann  first 2023-12-26, last 2024-02-08 → first purchase 45 days ago (< 120): New
  //   Bob  first 2023-01-05 (400 days), revenue 900 is the top of 100/200/300/900 → percentile 1 ≥ 0.8: Core
  //   Cid  never bought, no plan: Prospect
  //   Dee  last 2022-12-01, 435 days ago (≥ 365): Exited
  //   Eve  2 open complaints: Problem
  const { table, model } = modelFor(
    [
      ["Customer", "FirstPurchase", "LastPurchase", "Revenue", "Complaints", "PreviousStage"],
      ["Ann", "2023-12-26", "2024-02-08", 100, 0, "Prospect"],
      ["Bob", "2023-01-05", "2024-02-01", 900, 0, "New"],
      ["Cid", "", "", "", 0, ""],
      ["Dee", "2022-06-01", "2022-12-01", 300, 0, "Core"],
      ["Eve", "2023-03-01", "2024-01-15", 200, 2, "Established"],
    ],
    "lifecycle",
  );

  test("columns are guessed from the headers", () => {
    expect(model.lifecycle).toMatchObject({ first: "FirstPurchase", last: "LastPurchase", problems: "Complaints", previousStage: "PreviousStage" });
  });

  test("stages with their reasons", () => {
    const run = runModel(model, table);
    expect(run.columns[0]!.values).toEqual(["New", "Core", "Prospect", "Exited", "Problem"]);
    const reasons = run.columns[1]!.values as string[];
    expect(reasons[0]).toMatch(/^New: first purchase 45 days ago/);
    expect(reasons[3]).toMatch(/^Exited: last purchase 2022-12-01 is 435 days before 2024-02-09/);
    reasons.forEach((r, i) => expect(r.startsWith(`${run.columns[0]!.values[i]}:`)).toBe(true));
  });

  test("funnel groups, the 3% health check and transitions", () => {
    const run = runModel(model, table);
    expect(run.groups.map((g) => [g.label, g.customers])).toEqual([
      ["Prospect", 1],
      ["Target", 0],
      ["New", 1],
      ["Established", 0],
      ["Core", 1],
      ["Strategic", 0],
      ["Problem", 1],
      ["Exited", 1],
    ]);
    expect(run.warnings.map((w) => w.message)).toContain("Problem customers are 20.0% of customers (1 of 5), above the 3% guideline.");
    // Prospect→New and New→Core up; Core→Exited and Established→Problem down; Cid has no earlier stage
    expect(run.description).toContain("Since PreviousStage: 2 upgraded (50.0%), 2 downgraded (50.0%), 0 unchanged, of 4 customers with both stages.");
  });
});
