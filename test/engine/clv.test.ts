import fc from "fast-check";
import { parseClvTiming, retentionClv, retentionClvColumn, simpleClv, simpleClvColumn } from "../../src/engine/lifetime/clv";
import { thrownCvError } from "../helpers/errors";


describe("simpleClv: (s / t) × T", () => {
  test("by hand", () => {
    // 50 per purchase, a purchase every half year, 3 years: 100 a year × 3 = 300
    expect(simpleClv(50, 0.5, 3)).toBe(300);
    // 120 per purchase, every 30 days, 365 days: 4 per day × 365 = 1460
    expect(simpleClv(120, 30, 365)).toBe(1460);
    expect(simpleClv(80, 2, 0)).toBe(0);
  });

  test("an interval of 0 or less, a negative lifetime, a blank value are errors naming the argument and value", () => {
    const zero = thrownCvError(() => simpleClv(50, 0, 3));
    expect(zero.code).toBe("BAD_VALUE");
    expect(zero.message).toMatch(/^avg_interval: must be greater than 0.*found 0$/);
    expect(thrownCvError(() => simpleClv(50, -2, 3)).message).toMatch(/avg_interval.*found -2/);
    expect(thrownCvError(() => simpleClv(50, 1, -1)).message).toMatch(/lifetime: must be 0 or more, found -1/);
    expect(thrownCvError(() => simpleClv(Number.NaN, 1, 1)).message).toBe("avg_spend is blank");
  });

  test("columns with a single value broadcast; blank → NOT_COMPUTABLE, interval ≤ 0 → BAD_VALUE, per row", () => {
    const result = simpleClvColumn({ avgSpend: Float64Array.of(50, 20, Number.NaN, 10), avgInterval: Float64Array.of(0.5, 2, 1, 0), lifetime: 3 });
    expect(Array.from(result.values.slice(0, 2))).toEqual([300, 30]);
    expect(result.values[2]).toBeNaN();
    expect(result.values[3]).toBeNaN();
    expect(result.issues[0]).toBeUndefined();
    expect(result.issues[2]?.code).toBe("NOT_COMPUTABLE");
    expect(result.issues[2]?.message).toBe("avg_spend row 3 is blank");
    expect(result.issues[3]?.code).toBe("BAD_VALUE");
    expect(result.issues[3]?.message).toMatch(/^avg_interval row 4: must be greater than 0.*found 0$/);
  });

  test("columns of different heights, or a bad single value, fail the whole call", () => {
    expect(thrownCvError(() => simpleClvColumn({ avgSpend: Float64Array.of(1, 2), avgInterval: Float64Array.of(1, 2, 3), lifetime: 1 })).code).toBe("LENGTH_MISMATCH");
    expect(thrownCvError(() => simpleClvColumn({ avgSpend: Float64Array.of(1, 2), avgInterval: 0, lifetime: 1 })).message).toMatch(/^avg_interval: must be greater than 0/);
  });
});

describe("retentionClv (Berger–Nasr)", () => {
  // m = 100, r = 0.8, d = 0.1
  test("infinite horizon: end m / (1 + d − r) = m / 0.3; start (1 + d) m / 0.3", () => {
    expect(retentionClv(100, 0.8, 0.1)).toBeCloseTo(100 / 0.3, 10);
    expect(retentionClv(100, 0.8, 0.1, { timing: "start" })).toBeCloseTo((1.1 * 100) / 0.3, 10);
    expect(retentionClv(100, 0.8, 0.1, { periods: Number.NaN })).toBeCloseTo(100 / 0.3, 10);
  });

  test("3 periods, term by term", () => {
    // end: margins at t = 1, 2, 3 of 100, 100·0.8, 100·0.64 discounted 1.1, 1.21, 1.331
    expect(retentionClv(100, 0.8, 0.1, { periods: 3 })).toBeCloseTo(100 / 1.1 + 80 / 1.21 + 64 / 1.331, 10);
    // start: margins at t = 0, 1, 2
    expect(retentionClv(100, 0.8, 0.1, { periods: 3, timing: "start" })).toBeCloseTo(100 + 80 / 1.1 + 64 / 1.21, 10);
    // one period
    expect(retentionClv(100, 0.8, 0.1, { periods: 1 })).toBeCloseTo(100 / 1.1, 12);
    expect(retentionClv(100, 0.8, 0.1, { periods: 1, timing: "start" })).toBeCloseTo(100, 12);
  });

  test("the acquisition cost is subtracted", () => {
    expect(retentionClv(100, 0.8, 0.1, { acquisitionCost: 50 })).toBeCloseTo(100 / 0.3 - 50, 10);
    expect(retentionClv(100, 0.8, 0.1, { periods: 3, acquisitionCost: 200 })).toBeCloseTo(100 / 1.1 + 80 / 1.21 + 64 / 1.331 - 200, 10);
  });

  test("a long finite horizon approaches the infinite value", () => {
    expect(retentionClv(100, 0.8, 0.1, { periods: 500 })).toBeCloseTo(100 / 0.3, 9);
    expect(retentionClv(100, 0.8, 0.1, { periods: 500, timing: "start" })).toBeCloseTo(110 / 0.3, 9);
  });

  test("q = 1 (retention 1, discount 0): finite is N × m, infinite does not converge", () => {
    expect(retentionClv(100, 1, 0, { periods: 5 })).toBe(500);
    expect(retentionClv(100, 1, 0, { periods: 5, timing: "start" })).toBe(500);
    const error = thrownCvError(() => retentionClv(100, 1, 0));
    expect(error.code).toBe("NOT_CONVERGED");
    expect(error.message).toMatch(/retention 1 with discount 0 and no periods: the infinite-horizon value does not converge/);
  });

  test("close to q = 1 the closed form keeps its digits", () => {
    // r = 1, d = 1e-12: 10 margins discounted by (1 + 1e-12)^t, t = 1..10 → 10 − 55e-12 (per unit margin)
    expect(retentionClv(1, 1, 1e-12, { periods: 10 })).toBeCloseTo(10 - 55e-12, 12);
    // the infinite horizon still has its limit m / d
    expect(retentionClv(1, 1, 1e-6)).toBeCloseTo(1e6, 3);
  });

  test("retention 0: only the first margin counts", () => {
    expect(retentionClv(100, 0, 0.1, { periods: 10 })).toBeCloseTo(100 / 1.1, 12);
    expect(retentionClv(100, 0, 0.1, { periods: 10, timing: "start" })).toBe(100);
    expect(retentionClv(100, 0, 0.1)).toBeCloseTo(100 / 1.1, 12);
  });

  test("bad inputs name the argument and the value", () => {
    const cases: [() => unknown, RegExp][] = [
      [() => retentionClv(100, 1.5, 0.1), /^retention: must be between 0 and 1.*found 1\.5$/],
      [() => retentionClv(100, -0.1, 0.1), /^retention: .*found -0\.1$/],
      [() => retentionClv(100, 0.8, -0.1), /^discount: must be 0 or more.*found -0\.1$/],
      [() => retentionClv(100, 0.8, 0.1, { periods: 0 }), /^periods: must be a whole number.*found 0$/],
      [() => retentionClv(100, 0.8, 0.1, { periods: 2.5 }), /^periods: must be a whole number.*found 2\.5$/],
      [() => retentionClv(100, 0.8, 0.1, { acquisitionCost: -5 }), /^acquisition_cost: must be 0 or more.*found -5$/],
    ];
    for (const [fn, message] of cases) {
      const error = thrownCvError(fn);
      expect(error.code).toBe("BAD_VALUE");
      expect(error.message).toMatch(message);
    }
    expect(thrownCvError(() => retentionClv(Number.NaN, 0.8, 0.1)).code).toBe("NOT_COMPUTABLE");
  });

  test("parseClvTiming: end (default) or start, case-insensitive; anything else names timing and the value", () => {
    expect(parseClvTiming(undefined)).toBe("end");
    expect(parseClvTiming("END")).toBe("end");
    expect(parseClvTiming(" Start ")).toBe("start");
    const error = thrownCvError(() => parseClvTiming("middle"));
    expect(error.code).toBe("BAD_OPTION");
    expect(error.message).toBe('timing must be "end" (margin at the end of each period) or "start", found "middle"');
  });
});

describe("retentionClvColumn", () => {
  test("broadcasts single values; blank periods = infinite, blank cost = 0, per row", () => {
    const result = retentionClvColumn({
      margin: Float64Array.of(100, 100, 50),
      retention: 0.8,
      discount: 0.1,
      periods: Float64Array.of(3, Number.NaN, 1),
      acquisitionCost: Float64Array.of(Number.NaN, 10, 0),
    });
    expect(result.issues).toEqual([undefined, undefined, undefined]);
    expect(result.values[0]).toBeCloseTo(100 / 1.1 + 80 / 1.21 + 64 / 1.331, 10);
    expect(result.values[1]).toBeCloseTo(100 / 0.3 - 10, 10);
    expect(result.values[2]).toBeCloseTo(50 / 1.1, 10);
  });

  test("per-row issues: blank → NOT_COMPUTABLE, out of range → BAD_VALUE, divergent → NOT_CONVERGED", () => {
    const result = retentionClvColumn({
      margin: Float64Array.of(100, Number.NaN, 100, 100),
      retention: Float64Array.of(0.8, 0.8, 1.2, 1),
      discount: Float64Array.of(0.1, 0.1, 0.1, 0),
    });
    expect(result.values[0]).toBeCloseTo(100 / 0.3, 10);
    expect(result.issues[1]?.code).toBe("NOT_COMPUTABLE");
    expect(result.issues[1]?.message).toBe("margin row 2 is blank");
    expect(result.issues[2]?.code).toBe("BAD_VALUE");
    expect(result.issues[2]?.message).toMatch(/^retention row 3: must be between 0 and 1.*found 1\.2$/);
    expect(result.issues[3]?.code).toBe("NOT_CONVERGED");
    expect(result.issues[3]?.message).toMatch(/^row 4: retention 1 with discount 0 and no periods/);
    for (const i of [1, 2, 3]) expect(result.values[i]).toBeNaN();
  });

  test("single values that decide every row fail the whole call; heights must match", () => {
    expect(thrownCvError(() => retentionClvColumn({ margin: Float64Array.of(1, 2), retention: 1, discount: 0 })).code).toBe("NOT_CONVERGED");
    expect(thrownCvError(() => retentionClvColumn({ margin: Float64Array.of(1, 2), retention: 2, discount: 0.1 })).message).toMatch(/^retention: .*found 2$/);
    const mismatch = thrownCvError(() => retentionClvColumn({ margin: Float64Array.of(1, 2), retention: Float64Array.of(0.5, 0.5, 0.5), discount: 0.1 }));
    expect(mismatch.code).toBe("LENGTH_MISMATCH");
    expect(mismatch.message).toMatch(/^retention has 3 rows but margin has 2/);
    // all single values: one row
    expect(Array.from(retentionClvColumn({ margin: 30, retention: 0.5, discount: 0 }).values)).toEqual([60]);
  });
});

describe("retention CLV properties", () => {
  const margin = fc.double({ min: 0.01, max: 1e4, noNaN: true });
  const rate = fc.double({ min: 0, max: 1, noNaN: true });
  const discount = fc.double({ min: 0.01, max: 1, noNaN: true });
  const periods = fc.integer({ min: 1, max: 60 });
  const timing = fc.constantFrom<"end" | "start">("end", "start");

  test("increasing in retention (positive margin), for any horizon and timing", () => {
    fc.assert(
      fc.property(margin, rate, rate, discount, fc.option(periods, { nil: undefined }), timing, (m, a, b, d, N, t) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const options = { ...(N !== undefined ? { periods: N } : {}), timing: t };
        expect(retentionClv(m, lo, d, options)).toBeLessThanOrEqual(retentionClv(m, hi, d, options) * (1 + 1e-12));
      }),
    );
  });

  test("the finite value grows with N towards the infinite one, within the geometric tail", () => {
    fc.assert(
      fc.property(margin, rate, discount, periods, timing, (m, r, d, N, t) => {
        const finite = retentionClv(m, r, d, { periods: N, timing: t });
        const longer = retentionClv(m, r, d, { periods: N + 1, timing: t });
        const infinite = retentionClv(m, r, d, { timing: t });
        expect(finite).toBeLessThanOrEqual(longer * (1 + 1e-12));
        expect(longer).toBeLessThanOrEqual(infinite * (1 + 1e-12));
        // what is left after N periods is q^N of the infinite value, q = r / (1 + d)
        const q = r / (1 + d);
        expect(Math.abs(infinite - finite - q ** N * infinite)).toBeLessThanOrEqual(1e-9 * infinite);
      }),
    );
  });
});
