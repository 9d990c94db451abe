import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type CustomerValueModel, defaultModel, guessRoles, makeCustomerTable, profileColumns, runModel } from "../../../src/engine";
import type { CurvePicture, ScatterPicture } from "../../../src/engine/analyses/pictures";
import { scorecardPictures } from "../../../src/engine/analyses/scorecard/pictures";

function tableOf(cells: unknown[][]) {
  const table = makeCustomerTable(cells, true);
  return { table, base: defaultModel(guessRoles(profileColumns(table))) };
}

/** The scorecard on Sales (actual value) and Satisfaction (potential value), equal weights, min-max. */
function scorecardRun(table: ReturnType<typeof tableOf>["table"], base: ReturnType<typeof tableOf>["base"]) {
  return runModel(
    {
      ...base,
      analysis: "scorecard",
      method: "minmax",
      roles: { id: "id", name: null, value: null },
      indicators: [
        { column: "Sales", weight: 1, direction: 1, aspect: "sales" },
        { column: "Satisfaction", weight: 1, direction: 1, aspect: "customer" },
      ],
    },
    table,
  );
}

function sampleCells(file: string): unknown[][] {
  return readFileSync(join(__dirname, "../../../assets/sample", file), "utf8")
    .trim()
    .split(/\r?\n/)
    .map((line, r) => line.split(",").map((c) => (r > 0 && /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
}

const yAt = (p: CurvePicture, x: number) => p.series[0]!.y[p.series[0]!.x.findIndex((v) => Math.abs(v - x) < 1e-12)]!;

/** The share of the total held by the first `share` of `ordered`, interpolating within a customer (by brute force). */
function bruteShare(ordered: number[], share: number): number {
  const total = ordered.reduce((a, b) => a + b, 0);
  const position = share * ordered.length;
  let sum = 0;
  for (let i = 0; i < ordered.length; i++) sum += Math.max(0, Math.min(1, position - i)) * ordered[i]!;
  return sum / total;
}

describe("pyramid pictures", () => {
  // Visits 1, 2, 3, 4 give the scores 0, 33.3, 66.7, 100; Sales 40, 10, 30, 20.
  // By score, best first: Sales 20, 30, 10, 40 of 100. Top tier (25%) = the last row.
  const { table, base } = tableOf([
    ["id", "Visits", "Sales"],
    ["a", 1, 40],
    ["b", 2, 10],
    ["c", 3, 30],
    ["d", 4, 20],
  ]);
  const model: CustomerValueModel = {
    ...base,
    analysis: "pyramid",
    roles: { id: "id", name: null, value: "Sales" },
    indicators: [{ column: "Visits", weight: 1, direction: 1 }],
    tiers: { by: "share", preset: "custom", shares: [0.25, 0.75], labels: ["Top", "Rest"] },
  };

  test("the Pareto curve takes customers by score, not by value", () => {
    const run = runModel(model, table);
    expect(run.pictures).toHaveLength(1);
    const p = run.pictures![0] as CurvePicture;
    expect(p.kind).toBe("curve");
    expect(p.id).toBe("pareto");
    expect(p.title).toBe("Pareto curve: share of Sales by share of customers");
    expect(yAt(p, 0.25)).toBeCloseTo(0.2, 12);
    expect(yAt(p, 0.5)).toBeCloseTo(0.5, 12);
    expect(yAt(p, 0.75)).toBeCloseTo(0.6, 12);
    expect(yAt(p, 1)).toBeCloseTo(1, 12);
    // 20% of 4 = 0.8 of the best-scored customer: 0.8 × 20 / 100
    expect(yAt(p, 0.2)).toBeCloseTo(0.16, 12);
    expect(p.caption).toBe("The top 20% of customers by score hold 16% of Sales.");
    expect(p.marks).toEqual([{ x: 0.25, label: "Top: top 25% of customers, 20% of value", group: 0 }]);
    expect(p.series[1]).toEqual({ name: "Equal shares", x: [0, 1], y: [0, 1], dashed: true });
  });

  test("no picture without a value column", () => {
    const run = runModel({ ...model, roles: { ...model.roles, value: null } }, table);
    expect(run.pictures).toEqual([]);
  });
});

describe("ABC pictures", () => {
  // Sales 40, 10, 30, 20 sorted: 40, 30, 20, 10; S_prev 0, .4, .7, .9 → A, A, A, B (cuts 80%, 95%).
  test("marks at the A and B class ends", () => {
    const { table, base } = tableOf([
      ["id", "Sales"],
      ["a", 40],
      ["b", 10],
      ["c", 30],
      ["d", 20],
    ]);
    const run = runModel({ ...base, analysis: "abc", roles: { id: "id", name: null, value: "Sales" } }, table);
    const p = run.pictures![0] as CurvePicture;
    expect(p.id).toBe("pareto");
    expect(p.marks).toEqual([
      { x: 0.75, label: "A: top 75% of customers, 90% of value", group: 0 },
      { x: 1, label: "B: top 100% of customers, 100% of value", group: 1 },
    ]);
    expect(yAt(p, 0.25)).toBeCloseTo(0.4, 12);
    expect(yAt(p, 0.5)).toBeCloseTo(0.7, 12);
    // 0.8 × 40 / 100
    expect(p.caption).toBe("The top 20% of customers hold 32% of Sales.");
  });

  // Profit 60, −10, 70, −20 sorted: 70, 60, −10, −20 of a total 100: 70%, 130%, 120%, 100%.
  test("a negative profit makes it the whale curve", () => {
    const { table, base } = tableOf([
      ["id", "Profit"],
      ["a", 60],
      ["b", -10],
      ["c", 70],
      ["d", -20],
    ]);
    const run = runModel({ ...base, analysis: "abc", roles: { id: "id", name: null, value: "Profit" } }, table);
    const p = run.pictures![0] as CurvePicture;
    expect(p.title).toBe("Whale curve: share of Profit by share of customers");
    expect(p.series).toHaveLength(1);
    expect([0.25, 0.5, 0.75, 1].map((x) => yAt(p, x))).toEqual([0.7, 1.3, 1.2, 1].map((v) => expect.closeTo(v, 12)));
    expect(p.caption).toBe("The top 20% of customers hold 56% of Profit. The curve peaks at 130% with the top 50%: the customers after them lose 30% of the total.");
  });

  test("on the sample: the curve and the class ends match a brute force over Revenue", () => {
    const { table, base } = tableOf(sampleCells("customers.csv"));
    const run = runModel({ ...base, analysis: "abc", roles: { ...base.roles, value: "Revenue" } }, table);
    const c = table.headers.indexOf("Revenue");
    const revenue = table.rows.map((r) => r[c]).filter((v): v is number => typeof v === "number").sort((a, b) => b - a);
    const p = run.pictures![0] as CurvePicture;
    const whale = revenue.some((v) => v < 0);
    expect(p.title.startsWith(whale ? "Whale curve" : "Pareto curve")).toBe(true);
    for (const x of [0.01, 0.05, 0.2, 0.5, 0.9]) expect(yAt(p, x)).toBeCloseTo(bruteShare(revenue, x), 9);
    // A while the customers before hold less than 80% of the positive total, B below 95%
    const positive = revenue.reduce((a, v) => a + Math.max(v, 0), 0);
    let before = 0;
    let a = 0;
    let b = 0;
    for (const v of revenue) {
      if (v > 0 && before / positive < 0.8) a++;
      else if (v > 0 && before / positive < 0.95) b++;
      before += Math.max(v, 0);
    }
    expect(p.marks.map((m) => m.x)).toEqual([expect.closeTo(a / revenue.length, 12), expect.closeTo((a + b) / revenue.length, 12)]);
    expect(p.marks[0]!.label.startsWith(`A: top ${(Math.round((1000 * a) / revenue.length) / 10).toString()}% of customers`)).toBe(true);
    expect(p.series.every((s) => s.y.every(Number.isFinite))).toBe(true);
  });
});

describe("pyramid on the sample", () => {
  test("the curve by score matches a brute force; marks at each tier end", () => {
    const { table, base } = tableOf(sampleCells("customers.csv"));
    const run = runModel({ ...base, analysis: "pyramid", roles: { ...base.roles, value: "Revenue" } }, table);
    const p = run.pictures![0] as CurvePicture;
    const score = run.columns[0]!.values as (number | null)[];
    const c = table.headers.indexOf("Revenue");
    const rows = table.rows.map((_, i) => i).filter((i) => score[i] !== null && typeof table.rows[i]![c] === "number");
    rows.sort((i, j) => score[j]! - score[i]! || i - j);
    const ordered = rows.map((i) => table.rows[i]![c] as number);
    for (const x of [0.01, 0.2, 0.33, 0.8]) expect(yAt(p, x)).toBeCloseTo(bruteShare(ordered, x), 9);
    // a mark at the end of every tier but the last: the customers in the tiers up to it
    const labels = run.groups.map((g) => g.label);
    expect(p.marks.map((m) => m.group)).toEqual(labels.slice(0, -1).map((_, k) => k));
    p.marks.forEach((m, k) => {
      const upTo = rows.filter((i) => run.rowGroups[i]! >= 0 && run.rowGroups[i]! <= k).length;
      expect(m.x).toBeCloseTo(upTo / rows.length, 12);
      expect(m.label.startsWith(`${labels[k]}: top `)).toBe(true);
    });
  });
});

describe("scorecard pictures", () => {
  // Sales (actual) 0…40 → actual 0, 25, 50, 75, 100; Satisfaction (potential) 40, 0, 30, 10, 20 → 100, 0, 75, 25, 50.
  // Medians 50 and 50: Develop, Minimal, Strategic, Maintain, Strategic.
  test("actual × potential with the median lines and the four corners", () => {
    const { table, base } = tableOf([
      ["id", "Sales", "Satisfaction"],
      ["a", 0, 40],
      ["b", 10, 0],
      ["c", 20, 30],
      ["d", 30, 10],
      ["e", 40, 20],
    ]);
    const run = scorecardRun(table, base);
    const p = run.pictures![0] as ScatterPicture;
    expect(p.id).toBe("quadrants");
    expect(p.x.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([0, 25, 50, 75, 100]);
    expect(p.y.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([100, 0, 75, 25, 50]);
    const names = run.groups.map((g) => g.label);
    expect(p.group.map((g) => names[g])).toEqual(["Develop", "Minimal", "Strategic", "Maintain", "Strategic"]);
    expect(p.customers).toBe(5);
    expect(p.lines).toEqual([
      { axis: "x", at: expect.closeTo(50, 9), label: "median actual 50.0" },
      { axis: "y", at: expect.closeTo(50, 9), label: "median potential 50.0" },
    ]);
    expect(p.regions.map((r) => [r.label, r.corner, names[r.group]])).toEqual([
      ["Strategic", "top-right", "Strategic"],
      ["Maintain", "bottom-right", "Maintain"],
      ["Develop", "top-left", "Develop"],
      ["Minimal", "bottom-left", "Minimal"],
    ]);
  });

  test("more than 1,000 customers: every k-th in row order", () => {
    const n = 2500;
    const rows: unknown[][] = [["id", "Sales", "Satisfaction"]];
    for (let i = 0; i < n; i++) rows.push([`c${i}`, i % 2 === 0 ? i : null, (i * 37) % 101]);
    const { table, base } = tableOf(rows);
    const run = scorecardRun(table, base);
    const p = run.pictures![0] as ScatterPicture;
    // 1,250 customers have both (even rows); k = ceil(1250 / 1000) = 2: rows 0, 4, 8, …
    expect(p.customers).toBe(1250);
    expect(p.x.length).toBe(625);
    expect(p.x.length).toBeLessThanOrEqual(1000);
    // actual = min-max of Sales over 0…2498
    p.x.forEach((x, k) => expect(x).toBeCloseTo((100 * 4 * k) / 2498, 9));
    p.y.forEach((y, k) => expect(y).toBeCloseTo((100 * ((4 * k * 37) % 101)) / 100, 9));
  });
});

describe("scorecard scatter on skewed values: percentile ranks", () => {
  test("a median near an end of its range puts both axes on percentile ranks; the lines fall between the last value below the cut and the first at or above it", () => {
    // Actual 1…4 and 100: median 3 is 2% along 1–100, so skewed. Potential 10…50 is not, but both axes switch together.
    const [p] = scorecardPictures(Float64Array.of(1, 2, 3, 4, 100), Float64Array.of(50, 40, 30, 20, 10), Int32Array.of(2, 2, 0, 1, 1), 3, 30) as ScatterPicture[];
    expect(p!.x).toEqual([0, 25, 50, 75, 100]);
    expect(p!.y).toEqual([100, 75, 50, 25, 0]);
    // 2 values below each cut of 5: the line at (2 − 0.5) / 4 = 37.5; the labels keep the cut's own value.
    expect(p!.lines).toEqual([
      { axis: "x", at: 37.5, label: "median actual 3.0" },
      { axis: "y", at: 37.5, label: "median potential 30.0" },
    ]);
    expect(p!.xTitle).toBe("Actual value, percentile rank");
    expect(p!.caption).toContain("percentile ranks");
  });

  test("ties share their average rank; values spread over their range stay on their own scale", () => {
    const [tied] = scorecardPictures(Float64Array.of(0, 0, 0, 0, 10), Float64Array.of(1, 2, 3, 4, 5), Int32Array.of(3, 3, 3, 3, 1), 0, 3) as ScatterPicture[];
    // Four zeros take ranks 1–4 (average 2.5 → 100 × 1.5 / 4 = 37.5); the 10 is 100.
    expect(tied!.x).toEqual([37.5, 37.5, 37.5, 37.5, 100]);
    const [even] = scorecardPictures(Float64Array.of(0, 25, 50, 75, 100), Float64Array.of(10, 20, 30, 40, 50), Int32Array.of(3, 3, 0, 1, 1), 50, 30) as ScatterPicture[];
    expect(even!.x).toEqual([0, 25, 50, 75, 100]);
    expect(even!.xTitle).toBe("Actual value (CV Actual)");
  });
});
