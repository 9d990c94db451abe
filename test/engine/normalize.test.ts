import { normalizeColumn, parseDirections, parseNormalizationMethod } from "../../src/engine";

const f = (...v: number[]) => Float64Array.from(v);
const arr = (a: Float64Array) => Array.from(a);

describe("normalizeColumn", () => {
  test("minmax: (x - min) / (max - min); 10, 20, 40 → 0, 1/3, 1", () => {
    const out = arr(normalizeColumn(f(10, 20, 40), "minmax", 1));
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(1 / 3, 15);
    expect(out[2]).toBe(1);
  });

  test("direction -1 gives 1 - value", () => {
    const out = arr(normalizeColumn(f(10, 20, 40), "minmax", -1));
    expect(out[0]).toBe(1);
    expect(out[1]).toBeCloseTo(2 / 3, 15);
    expect(out[2]).toBe(0);
  });

  test("percentile uses midranks: 10, 20, 20, 40 → ranks 1, 2.5, 2.5, 4 → 0, 0.5, 0.5, 1", () => {
    expect(arr(normalizeColumn(f(20, 10, 40, 20), "percentile", 1))).toEqual([0.5, 0, 1, 0.5]);
  });

  test("log: minmax of ln(1 + max(x, 0)); 0, e - 1, e² - 1 → 0, 0.5, 1; negatives count as 0", () => {
    const out = arr(normalizeColumn(f(0, Math.E - 1, Math.E ** 2 - 1, -5), "log", 1));
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(0.5, 12);
    expect(out[2]).toBeCloseTo(1, 12);
    expect(out[3]).toBe(0);
  });

  test("zscore: (x - mean) / population sd; 1, 2, 3 → ∓√1.5, 0", () => {
    const out = arr(normalizeColumn(f(1, 2, 3), "zscore", 1));
    expect(out[0]).toBeCloseTo(-Math.sqrt(1.5), 12);
    expect(out[1]).toBeCloseTo(0, 12);
    expect(out[2]).toBeCloseTo(Math.sqrt(1.5), 12);
    expect(arr(normalizeColumn(f(1, 2, 3), "zscore", -1))[0]).toBeCloseTo(Math.sqrt(1.5), 12);
  });

  test("a constant column normalises to 0.5 (it carries no information)", () => {
    expect(arr(normalizeColumn(f(7, 7, 7), "minmax", 1))).toEqual([0.5, 0.5, 0.5]);
    expect(arr(normalizeColumn(f(7, 7, 7), "percentile", -1))).toEqual([0.5, 0.5, 0.5]);
    expect(arr(normalizeColumn(f(7), "log", 1))).toEqual([0.5]);
  });

  test("missing values stay missing and are left out of min and max", () => {
    expect(arr(normalizeColumn(f(10, NaN, 30), "minmax", 1))).toEqual([0, NaN, 1]);
    expect(arr(normalizeColumn(f(NaN, NaN), "minmax", 1))).toEqual([NaN, NaN]);
  });
});

describe("options", () => {
  test("method names are case-insensitive, blank is minmax", () => {
    expect(parseNormalizationMethod("MinMax", "method")).toBe("minmax");
    expect(parseNormalizationMethod(undefined, "method")).toBe("minmax");
    expect(() => parseNormalizationMethod("rank", "method")).toThrow('method must be one of minmax, percentile, log, zscore; found "rank"');
  });
  test("directions as numbers or words", () => {
    expect(parseDirections([1, -1, "lower", "Higher", "-"], 5, "directions")).toEqual([1, -1, -1, 1, -1]);
    expect(parseDirections(undefined, 2, "directions")).toEqual([1, 1]);
    expect(() => parseDirections([1, 2], 2, "directions")).toThrow("directions entry 2: expected 1 (higher is better) or -1 (lower is better), found 2");
    expect(() => parseDirections([1], 2, "directions")).toThrow("directions has 1 entries but there are 2 indicator columns");
  });
});
