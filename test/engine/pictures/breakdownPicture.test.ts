import { type GroupSummary, dimensionBreakdown } from "../../../src/engine";
import { breakdownPicture } from "../../../src/engine/analyses/breakdownPicture";

const group = (label: string, customers: number): GroupSummary => ({ label, customers, customerShare: customers / 8, value: 0, valueShare: 0, averageScore: null });

describe("breakdownPicture: the run's groups stacked per dimension value", () => {
  // The eight customers of dimensionBreakdown.test.ts:
  // Consumer   customers 1, 2, 6: Key 1, General 2          → 1/3 Key, 2/3 General
  // Producer   customers 3, 4, 8: Key 1, General 2          → 1/3, 2/3
  // Government customers 5, 7:    General 1, one not placed → 0, 1/2
  const breakdown = dimensionBreakdown({
    dimension: "Market type",
    dimensionValues: ["Consumer", " consumer ", "Producer", "PRODUCER", "Government", "Consumer", "Government", "Producer"],
    group: Int32Array.of(0, 1, 0, 1, 1, 1, -1, 1),
    groupLabels: ["Key", "General"],
    value: Float64Array.of(500, 100, 400, 50, 200, 150, 50, Number.NaN),
  });
  const groups = [group("Key", 2), group("General", 5)];

  test("categories are the dimension values, one stacked series per group, shares of the value's customers", () => {
    const p = breakdownPicture(breakdown, groups);
    expect(p).not.toBeNull();
    expect(p!.kind).toBe("bars");
    expect(p!.stacked).toBe(true);
    expect(p!.colourBy).toBe("seriesGroups");
    expect(p!.seriesGroups).toEqual([0, 1]);
    expect(p!.categories).toEqual(["Consumer", "Producer", "Government"]);
    expect(p!.series.map((s) => s.name)).toEqual(["Key", "General"]);
    const [key, general] = p!.series;
    [1 / 3, 1 / 3, 0].forEach((v, k) => expect(key!.values[k]).toBeCloseTo(v, 12));
    [2 / 3, 2 / 3, 1 / 2].forEach((v, k) => expect(general!.values[k]).toBeCloseTo(v, 12));
    expect(p!.notes).toEqual(["3 customers", "3 customers", "2 customers"]);
    expect(p!.valueFormat).toBe("percent");
    for (const s of p!.series) for (const v of s.values) expect(Number.isFinite(v)).toBe(true);
  });

  test("no groups or no rows: no picture", () => {
    expect(breakdownPicture(breakdown, [])).toBeNull();
    expect(breakdownPicture({ ...breakdown, rows: [] }, groups)).toBeNull();
  });
});
