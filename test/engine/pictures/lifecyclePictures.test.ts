import { type BarsPicture, type CustomerValueModel, type HeatmapPicture, defaultLifecycleSettings, defaultModel, guessRoles, makeCustomerTable, profileColumns, runModel } from "../../../src/engine";

function modelFor(cells: unknown[][]): { table: ReturnType<typeof makeCustomerTable>; model: CustomerValueModel } {
  const table = makeCustomerTable(cells, true);
  const profiles = profileColumns(table);
  const base = defaultModel(guessRoles(profiles));
  return { table, model: { ...base, analysis: "lifecycle", lifecycle: defaultLifecycleSettings(profiles) } };
}

// The hand-worked table of behaviourAnalyses.test.ts: stages New, Core, Prospect, Exited, Problem
// (as of 2024-02-09), previous stages Prospect, New, (blank), Core, Established.
const cells = [
  ["Customer", "FirstPurchase", "LastPurchase", "Revenue", "Complaints", "PreviousStage"],
  ["Ann", "2023-12-26", "2024-02-08", 100, 0, "Prospect"],
  ["Bob", "2023-01-05", "2024-02-01", 900, 0, "New"],
  ["Cid", "", "", "", 0, ""],
  ["Dee", "2022-06-01", "2022-12-01", 300, 0, "Core"],
  ["Eve", "2023-03-01", "2024-01-15", 200, 2, "Established"],
];

describe("lifecycle pictures", () => {
  const { table, model } = modelFor(cells);
  const run = runModel(model, table);
  const byId = (id: string) => run.pictures?.find((p) => p.id === id);

  test("stage funnel: customers per stage in the funnel order, problem share against 3%", () => {
    const funnel = byId("stage-funnel") as BarsPicture;
    expect(funnel.kind).toBe("bars");
    expect(funnel.orientation).toBe("bars");
    expect(funnel.colourBy).toBe("groups");
    expect(funnel.categories).toEqual(["Prospect", "Target", "New", "Established", "Core", "Strategic", "Problem", "Exited"]);
    expect(funnel.series).toEqual([{ name: "Customers", values: [1, 0, 1, 0, 1, 0, 1, 1] }]);
    expect(funnel.categoryGroups).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // 1 problem customer of 5 placed: 20.0% > 3%
    expect(funnel.caption).toBe("Problem customers: 1 of 5 (20.0%), above the 3% guideline.");
  });

  test("transitions: previous × current stage, funnel order, rates in the caption, a cell per row", () => {
    const t = byId("transitions") as HeatmapPicture;
    expect(t.kind).toBe("heatmap");
    // The stages met in either snapshot, in the funnel order.
    const stages = ["Prospect", "New", "Established", "Core", "Problem", "Exited"];
    expect(t.rows).toEqual(stages);
    expect(t.columns).toEqual(stages);
    const expected = stages.map(() => stages.map(() => 0));
    const move = (from: string, to: string) => (expected[stages.indexOf(from)]![stages.indexOf(to)]! += 1);
    move("Prospect", "New"); // Ann
    move("New", "Core"); // Bob
    move("Core", "Exited"); // Dee
    move("Established", "Problem"); // Eve
    expect(t.values).toEqual(expected);
    // Up: Ann, Bob; down: Dee, Eve; of 4 with both stages.
    expect(t.caption).toMatch(/^50\.0% of customers moved up a stage and 50\.0% moved down/);
    // Ann (0,1), Bob (1,3), Cid none, Dee (3,5), Eve (2,4) in a 6-column grid.
    expect(Array.from(t.rowCells ?? [])).toEqual([0 * 6 + 1, 1 * 6 + 3, -1, 3 * 6 + 5, 2 * 6 + 4]);
  });

  test("no previous-stage column: the funnel alone", () => {
    const { table: t2, model: m2 } = modelFor(cells.map((r) => r.slice(0, 5)));
    const run2 = runModel(m2, t2);
    expect(run2.pictures?.map((p) => p.id)).toEqual(["stage-funnel"]);
  });
});
