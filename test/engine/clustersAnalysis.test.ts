/**
 * The Clusters analysis on hand-worked tables: two obvious groups by sales, the profiles in
 * the indicators' own units, the number of clusters suggested from the silhouette, blanks,
 * and k larger than the customers.
 */
import { type CustomerValueModel, clustersDetails, defaultModel, guessRoles, makeCustomerTable, parseModel, profileColumns, runModel } from "../../src/engine";
import { thrownCvError } from "../helpers/errors";

// Sales 10, 12, 14 and 100, 104 (one blank): clusters {10, 12, 14} and {100, 104}.
const TABLE = [
  ["Customer", "Sales"],
  ["A", 10],
  ["B", 100],
  ["C", 12],
  ["D", 104],
  ["E", 14],
  ["F", ""],
];

function setup(k: number | "auto", cells: unknown[][] = TABLE): { model: CustomerValueModel; table: ReturnType<typeof makeCustomerTable> } {
  const table = makeCustomerTable(cells, true);
  const base = defaultModel(guessRoles(profileColumns(table)));
  return {
    table,
    model: { ...base, analysis: "clusters", roles: { id: "Customer", name: null, value: "Sales" }, indicators: [{ column: "Sales", weight: 1, direction: 1 }], clusters: { k, method: "zscore", seed: 1 } },
  };
}

describe("the Clusters analysis", () => {
  test("two obvious groups: the larger is Cluster 1; means in sales; distances in z units; F (blank) gets none", () => {
    const { model, table } = setup(2);
    const run = runModel(model, table);
    expect(run.columns.map((c) => c.header)).toEqual(["CV Cluster", "CV Distance"]);
    expect(run.columns[0]!.values).toEqual(["Cluster 1", "Cluster 2", "Cluster 1", "Cluster 2", "Cluster 1", null]);
    // Population sd of 10, 100, 12, 104, 14: mean 48, squares 1444 + 2704 + 1296 + 3136 + 1156 = 9736, sd = √1947.2.
    const sd = Math.sqrt(9736 / 5);
    const distances = [2, 2, 0, 2, 2].map((d) => d / sd); // |10 − 12|, |100 − 102|, 0, |104 − 102|, |14 − 12|
    (run.columns[1]!.values.slice(0, 5) as number[]).forEach((d, i) => expect(d).toBeCloseTo(distances[i]!, 12));
    expect(run.columns[1]!.values[5]).toBeNull();
    const d = clustersDetails(run);
    expect(d.profiles.map((p) => [p.size, p.means[0], p.valueSum])).toEqual([
      [3, 12, 36],
      [2, 102, 204],
    ]);
    expect(run.groups.map((g) => [g.label, g.customers, g.value])).toEqual([
      ["Cluster 1", 3, 36],
      ["Cluster 2", 2, 204],
    ]);
    expect(run.assigned).toBe(5);
    expect(run.warnings.map((w) => w.kind)).toContain("unscored");
  });

  test("auto: the silhouette prefers 2 clusters here; the curve runs from 2 to 4 (five distinct customers)", () => {
    const { model, table } = setup("auto");
    const d = clustersDetails(runModel(model, table));
    expect(d.curve.map((p) => p.k)).toEqual([2, 3, 4]);
    expect(d.suggested).toBe(2);
    expect(d.k).toBe(2);
    // The silhouette at k = 2 by hand: A (10): a = mean(2, 4) = 3, b = mean(90, 94) = 92 → 1 − 3/92, and so on.
    const s = (a: number, b: number) => (b - a) / Math.max(a, b);
    // C (12): a = mean(2, 2) = 2, b = mean(88, 92) = 90; E (14): a = 3, b = 88; B (100): a = 4, b = mean(90, 88, 86) = 88; D (104): a = 4, b = 92.
    const byHand = (s(3, 92) + s(4, 88) + s(2, 90) + s(4, 92) + s(3, 88)) / 5;
    expect(d.curve[0]!.silhouette).toBeCloseTo(byHand, 12);
  });

  test("changing k reuses the curve (same table, indicators, method and seed) and gives the same curve", () => {
    const { model, table } = setup("auto");
    const first = clustersDetails(runModel(model, table));
    const three = clustersDetails(runModel({ ...model, clusters: { k: 3, method: "zscore", seed: 1 } }, table));
    expect(three.curve).toBe(first.curve);
    // Three clusters by hand: {10, 12, 14}, {100}, {104} leave 8 (squared sales) within; {10, 12}, {14}, {100, 104} leave 10.
    expect(three.profiles.map((p) => [p.size, p.means[0]])).toEqual([
      [3, 12],
      [1, 100],
      [1, 104],
    ]);
  });

  test("more clusters than customers with sales is a clear error", () => {
    const { model, table } = setup(6);
    expect(thrownCvError(() => runModel(model, table)).message).toMatch(/^Number of clusters: 6 clusters need at least 6 customers with an indicator; found 5/);
  });

  test("the settings are saved and read back; a bad k names the setting", () => {
    const { model } = setup(3);
    expect(parseModel(JSON.stringify(model)).clusters).toEqual({ k: 3, method: "zscore", seed: 1 });
    expect(thrownCvError(() => parseModel(JSON.stringify({ ...model, clusters: { k: 1 } }))).message).toBe('model clusters.k: expected "auto" or a whole number from 2 to 20, found 1');
    expect(thrownCvError(() => runModel({ ...model, clusters: { k: 2, method: "log" as never, seed: 1 } }, setup(2).table)).message).toBe('Clusters standardisation: expected "zscore" or "minmax", found log.');
  });
});
