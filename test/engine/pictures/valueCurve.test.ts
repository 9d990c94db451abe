import fc from "fast-check";
import { paretoShare } from "../../../src/engine";
import { paretoPicture, rankByScore, shareWords, valueCurve } from "../../../src/engine/analyses/valueCurve";

const yAt = (curve: { x: number[]; y: number[] }, x: number) => curve.y[curve.x.findIndex((v) => Math.abs(v - x) < 1e-12)];

describe("valueCurve by hand", () => {
  // 60, 20, 10, 10 by value: the top 1 of 4 (25%) hold 60 of 100, the top 2 80, the top 3 90.
  test("Lorenz curve on a 1% grid, interpolating within a customer", () => {
    const c = valueCurve([10, 60, 10, 20], "value", { cuts: [0.125], groups: [2, 0, 1, 0] })!;
    expect(c.whale).toBe(false);
    expect(c.customers).toBe(4);
    expect(c.x.length).toBe(102); // 101 grid points and the cut at 12.5%
    expect(c.x[0]).toBe(0);
    expect(c.y[0]).toBe(0);
    expect(yAt(c, 0.25)).toBeCloseTo(0.6, 12);
    expect(yAt(c, 0.5)).toBeCloseTo(0.8, 12);
    expect(yAt(c, 0.75)).toBeCloseTo(0.9, 12);
    expect(yAt(c, 1)).toBeCloseTo(1, 12);
    // 20% of 4 customers is 0.8 of the top customer: 0.8 × 60 / 100
    expect(yAt(c, 0.2)).toBeCloseTo(0.48, 12);
    expect(yAt(c, 0.01)).toBeCloseTo((0.04 * 60) / 100, 12);
    // 12.5% is half the top customer: 30 / 100
    expect(c.cuts).toEqual([{ x: 0.125, y: expect.closeTo(0.3, 12) as unknown as number }]);
    expect(yAt(c, 0.125)).toBeCloseTo(0.3, 12);
    // groups in value order: 60 (0), 20 (0), then 10 (row 0: group 2) and 10 (row 2: group 1), ties in row order
    expect(c.groupEnds.map((e) => [e.group, e.customers, e.x, e.y])).toEqual([
      [0, 2, 0.5, 0.8],
      [2, 1, 0.75, 0.9],
      [1, 1, 1, 1],
    ]);
    expect(c.peak).toEqual({ x: 1, y: 1 });
  });

  test("blank values are left out; no curve without a positive total", () => {
    const c = valueCurve([Number.NaN, 5, 5], "value")!;
    expect(c.customers).toBe(2);
    expect(yAt(c, 0.5)).toBeCloseTo(0.5, 12);
    expect(valueCurve([Number.NaN], "value")).toBeNull();
    expect(valueCurve([0, 0], "value")).toBeNull();
    expect(valueCurve([10, -20], "value")).toBeNull();
  });

  test("whale curve: profit 100, 50, −20, −30 rises to 150% and falls back to 100%", () => {
    const c = valueCurve([-30, 100, -20, 50], "value")!;
    expect(c.whale).toBe(true);
    expect(yAt(c, 0.25)).toBeCloseTo(1, 12);
    expect(yAt(c, 0.5)).toBeCloseTo(1.5, 12);
    expect(yAt(c, 0.75)).toBeCloseTo(1.3, 12);
    expect(yAt(c, 1)).toBeCloseTo(1, 12);
    expect(c.peak.x).toBe(0.5);
    expect(c.peak.y).toBeCloseTo(1.5, 12);
    const p = paretoPicture(c, { valueName: "Profit", labels: ["A", "B"] });
    expect(p.title).toBe("Whale curve: share of Profit by share of customers");
    expect(p.series.map((s) => s.name)).toEqual(["Whale curve"]);
    // top 20% = 0.8 of the first customer: 80 / 100
    expect(p.caption).toBe("The top 20% of customers hold 80% of Profit. The curve peaks at 150% with the top 50%: the customers after them lose 50% of the total.");
  });

  test("a ranking: rows by score, best first, ties in row order, rows without a score left out", () => {
    expect(Array.from(rankByScore([10, Number.NaN, 30, 10]))).toEqual([2, 0, 3]);
    // values taken 3, 1, 4 (total 8)
    const c = valueCurve([1, 2, 3, 4], rankByScore([10, Number.NaN, 30, 10]), { groups: [1, 0, 0, 1] })!;
    expect(c.customers).toBe(3);
    expect(yAt(c, 0.33)).toBeCloseTo((0.99 * 3) / 8, 12);
    expect(c.groupEnds.map((e) => [e.group, e.x, e.y])).toEqual([
      [0, 1 / 3, 3 / 8],
      [1, 1, 1],
    ]);
    // exact points at the group ends, in x order
    expect(yAt(c, 1 / 3)).toBe(3 / 8);
  });

  test("the Lorenz picture: the curve, the dashed diagonal, marks at every group end but the last", () => {
    const c = valueCurve([50, 30, 15, 5], "value", { groups: [0, 0, 1, 2] })!;
    const p = paretoPicture(c, { valueName: "Sales", labels: ["A", "B", "C"] });
    expect(p.id).toBe("pareto");
    expect(p.series[1]).toEqual({ name: "Equal shares", x: [0, 1], y: [0, 1], dashed: true });
    expect(p.marks).toEqual([
      { x: 0.5, label: "A: top 50% of customers, 80% of value", group: 0 },
      { x: 0.75, label: "B: top 75% of customers, 95% of value", group: 1 },
    ]);
    // 0.8 of the top customer: 40 / 100
    expect(p.caption).toBe("The top 20% of customers hold 40% of Sales.");
    expect(shareWords(0.3821)).toBe("38.2%");
    expect(shareWords(0.05)).toBe("5%");
  });
});

describe("valueCurve properties", () => {
  const nonNegative = fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.double({ min: 0, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 200 }).filter((v) => v.some((x) => x > 0));

  test("by value: monotone, from (0, 0) to (1, 1), on or above the diagonal, 1% grid, equal to paretoShare", () => {
    fc.assert(
      fc.property(nonNegative, (values) => {
        const c = valueCurve(values, "value")!;
        expect(c.x.length).toBe(101);
        expect(c.x[0]).toBe(0);
        expect(c.y[0]).toBe(0);
        expect(c.x[100]).toBe(1);
        expect(c.y[100]).toBeCloseTo(1, 12);
        for (let i = 0; i < c.x.length; i++) {
          expect(Number.isFinite(c.y[i]!)).toBe(true);
          expect(c.x[i]).toBeCloseTo(i / 100, 15);
          if (i > 0) expect(c.y[i]!).toBeGreaterThanOrEqual(c.y[i - 1]! - 1e-12);
          expect(c.y[i]!).toBeGreaterThanOrEqual(c.x[i]! - 1e-12);
        }
        // paretoShare sums unscaled, so it loses digits on subnormal values: compare on ordinary ones
        if (values.every((v) => v === 0 || v > 1e-300)) expect(yAt(c, 0.2)).toBeCloseTo(paretoShare(Float64Array.from(values), 0.2), 12);
      }),
      { numRuns: 200 },
    );
  });

  test("in any order: monotone for non-negative values and ends at (1, 1); never NaN", () => {
    fc.assert(
      fc.property(nonNegative, fc.integer(), (values, seed) => {
        const score = values.map((_, i) => ((i * 7919 + seed) % 101) - 50);
        const c = valueCurve(values, rankByScore(score), { groups: values.map((_, i) => i % 3), cuts: [0.2, 0.8] })!;
        for (let i = 1; i < c.x.length; i++) {
          expect(c.x[i]!).toBeGreaterThan(c.x[i - 1]!);
          expect(c.y[i]!).toBeGreaterThanOrEqual(c.y[i - 1]! - 1e-12);
        }
        expect(c.x[c.x.length - 1]).toBe(1);
        expect(c.y[c.y.length - 1]).toBeCloseTo(1, 12);
        expect(c.groupEnds.every((e) => Number.isFinite(e.y))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  test("no overflow or lost digits: values near the largest double or subnormal keep finite shares", () => {
    const tiny = valueCurve([5e-324, 5e-324, 1e-323], "value")!;
    expect(yAt(tiny, 0.5)).toBeCloseTo(0.625, 12);
    const c = valueCurve([1.7e308, 1.7e308, 0], "value")!;
    expect(c.y.every(Number.isFinite)).toBe(true);
    expect(yAt(c, 0.5)).toBeCloseTo(0.75, 12);
  });
});
