import { type BarsPicture, type CurvePicture, type CustomerValueModel, defaultModel, guessRoles, makeCustomerTable, profileColumns, runModel } from "../../../src/engine";

// Sales 10, 12, 14 and 100, 104 (one blank), as in clustersAnalysis.test.ts: clusters {10, 12, 14} and {100, 104}.
const TABLE = [
  ["Customer", "Sales"],
  ["A", 10],
  ["B", 100],
  ["C", 12],
  ["D", 104],
  ["E", 14],
  ["F", ""],
];

function run(k: number | "auto", method: "zscore" | "minmax" = "zscore") {
  const table = makeCustomerTable(TABLE, true);
  const base = defaultModel(guessRoles(profileColumns(table)));
  const model: CustomerValueModel = { ...base, analysis: "clusters", roles: { id: "Customer", name: null, value: "Sales" }, indicators: [{ column: "Sales", weight: 1, direction: 1 }], clusters: { k, method, seed: 1 } };
  return runModel(model, table);
}
const picture = <P>(r: ReturnType<typeof run>, id: string) => r.pictures?.find((p) => p.id === id) as P;

describe("clusters pictures", () => {
  test("profiles: each cluster's mean z-score per indicator, coloured by its cluster", () => {
    const p = picture<BarsPicture>(run(2), "profiles");
    expect(p.orientation).toBe("columns");
    expect(p.colourBy).toBe("seriesGroups");
    expect(p.seriesGroups).toEqual([0, 1]);
    expect(p.categories).toEqual(["Sales"]);
    expect(p.series.map((s) => s.name)).toEqual(["Cluster 1", "Cluster 2"]);
    // Mean 48, population sd √(9736 / 5); cluster means 12 and 102 in sales.
    const sd = Math.sqrt(9736 / 5);
    expect(p.series[0]!.values[0]).toBeCloseTo((12 - 48) / sd, 12);
    expect(p.series[1]!.values[0]).toBeCloseTo((102 - 48) / sd, 12);
  });

  test("profiles in min-max values: (mean − 10) / (104 − 10)", () => {
    const p = picture<BarsPicture>(run(2, "minmax"), "profiles");
    expect(p.series[0]!.values[0]).toBeCloseTo(2 / 94, 12);
    expect(p.series[1]!.values[0]).toBeCloseTo(92 / 94, 12);
  });

  test("silhouette: the curve over k = 2 … 4, one mark when the chosen k is the suggested one", () => {
    const c = picture<CurvePicture>(run("auto"), "silhouette");
    expect(c.kind).toBe("curve");
    expect(c.series[0]!.x).toEqual([2, 3, 4]);
    // k = 2 by hand (a: mean distance within, b: to the other cluster; scale-free ratios):
    const s = (a: number, b: number) => (b - a) / Math.max(a, b);
    const k2 = (s(3, 92) + s(2, 90) + s(3, 88) + s(4, 88) + s(4, 92)) / 5;
    expect(c.series[0]!.y[0]).toBeCloseTo(k2, 12);
    for (const y of c.series[0]!.y) expect(Number.isFinite(y)).toBe(true);
    expect(c.marks).toEqual([{ x: 2, label: "2 clusters: chosen and suggested" }]);
  });

  test("silhouette with k = 3 chosen: marks at 3 (chosen) and 2 (suggested)", () => {
    const c = picture<CurvePicture>(run(3), "silhouette");
    expect(c.marks.map((m) => m.x)).toEqual([3, 2]);
    expect(c.marks[0]!.label).toMatch(/chosen/);
    expect(c.marks[1]!.label).toMatch(/suggested/);
  });
});
