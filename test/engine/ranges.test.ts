/**
 * Ranges from a fit's uncertainty (delta method): the normal quantile against tabulated
 * values, the covariance rebuilt from a table by hand, and the ranges of CDNOW customers'
 * expected purchases against a parametric bootstrap computed here (draws of the parameters
 * from the fit's normal approximation), which shares no code with the delta method.
 */
import { DeltaRanges, bgnbdExpected, checkRangeLevel, combineEstimates, fitBgnbd, logCovarianceFromTable, normalQuantile } from "../../src/engine";
import { cdnowPublishedSummary } from "../helpers/cdnow";
import { seededRandom } from "../../src/engine";

describe("normalQuantile", () => {
  test.each([
    [0.5, 0],
    [0.95, 1.6448536269514722],
    [0.975, 1.959963984540054],
    [0.05, -1.6448536269514722],
    [1e-10, -6.361340902404056],
  ])("Φ⁻¹(%p) = %p (tables)", (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-8 * Math.max(1, Math.abs(z)));
  });
  test("outside (0, 1) is NaN", () => {
    expect(normalQuantile(0)).toBeNaN();
    expect(normalQuantile(1)).toBeNaN();
  });
});

describe("the covariance from a FIT table", () => {
  test("by hand: cov(ln θᵢ, ln θⱼ) = ρᵢⱼ (seᵢ/θᵢ)(seⱼ/θⱼ)", () => {
    const c = logCovarianceFromTable([0.5, 6], [0.05, 0.6], [1, 0.3, 0.3, 1]);
    expect(Array.from(c)).toEqual([0.01, 0.003, 0.003, 0.01].map((v) => expect.closeTo(v, 15)));
  });
  test("a missing standard error or an impossible correlation is an error naming the argument", () => {
    expect(() => logCovarianceFromTable([0.5], [0], [1], "params")).toThrow("params: a range needs a positive standard error for every parameter, found 0 in row 1");
    expect(() => logCovarianceFromTable([0.5, 1], [0.1, 0.1], [1, 1.5, 1.5, 1])).toThrow(/a correlation must lie between −1 and 1, found 1.5/);
  });
  test("two fits combine block-diagonally", () => {
    const joint = combineEstimates({ values: [1], logCovariance: Float64Array.of(0.04) }, { values: [2, 3], logCovariance: Float64Array.of(0.01, 0.002, 0.002, 0.09) });
    expect(joint.values).toEqual([1, 2, 3]);
    expect(Array.from(joint.logCovariance)).toEqual([0.04, 0, 0, 0, 0.01, 0.002, 0, 0.002, 0.09]);
  });
});

describe("DeltaRanges", () => {
  test("the range of a parameter itself is θ · exp(± z · se/θ)", () => {
    const ranges = new DeltaRanges({ values: [0.5, 6], logCovariance: logCovarianceFromTable([0.5, 6], [0.05, 0.6], [1, 0.3, 0.3, 1]) }, 0.9);
    const r = ranges.range((p) => p[0]!);
    const z = 1.6448536269514722;
    expect(r.value).toBe(0.5);
    expect(r.low).toBeCloseTo(0.5 * Math.exp(-z * 0.1), 7);
    expect(r.high).toBeCloseTo(0.5 * Math.exp(z * 0.1), 7);
  });

  test("the total of two quantities: its range uses the summed gradient (perfectly correlated parts add their widths)", () => {
    const estimate = { values: [2], logCovariance: Float64Array.of(0.01) };
    const ranges = new DeltaRanges(estimate, 0.9);
    ranges.range((p) => p[0]!);
    ranges.range((p) => 3 * p[0]!);
    const total = ranges.total();
    // 4θ with se(ln θ) = 0.1: the same relative range as θ alone.
    expect(total.value).toBeCloseTo(8, 12);
    expect(total.high / total.value).toBeCloseTo(Math.exp(1.6448536269514722 * 0.1), 7);
  });

  test("zero stays zero; a bad level is refused", () => {
    const ranges = new DeltaRanges({ values: [2], logCovariance: Float64Array.of(0.01) }, 0.9);
    expect(ranges.range(() => 0)).toEqual({ value: 0, low: 0, high: 0 });
    expect(() => checkRangeLevel(1.5)).toThrow("level must be a share between 0 and 1 (0.9 for a 90% range), found 1.5");
    expect(() => new DeltaRanges({ values: [2], logCovariance: Float64Array.of(0.01) }, 0)).toThrow(/level must be a share/);
  });

  test("CDNOW: 90% ranges of expected purchases in 52 weeks agree with a parametric bootstrap", () => {
    const c = cdnowPublishedSummary();
    const fit = fitBgnbd({ x: c.x, tx: c.tx, T: c.T });
    const estimate = { values: [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b], logCovariance: fit.logCovariance! };
    const ranges = new DeltaRanges(estimate, 0.9);
    // The bootstrap: 4,000 draws of ln θ ~ N(ln θ̂, Σ) by a Cholesky factor written here.
    const k = 4;
    const S = estimate.logCovariance;
    const L = new Float64Array(16);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j <= i; j++) {
        let v = S[i * k + j]!;
        for (let m = 0; m < j; m++) v -= L[i * k + m]! * L[j * k + m]!;
        L[i * k + j] = i === j ? Math.sqrt(v) : v / L[j * k + j]!;
      }
    }
    const random = seededRandom(42);
    const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const draws: number[][] = [];
    for (let d = 0; d < 4000; d++) {
      const e = [gaussian(), gaussian(), gaussian(), gaussian()];
      draws.push(estimate.values.map((v, i) => v * Math.exp(e.reduce((s, ej, j) => s + L[i * k + j]! * ej, 0))));
    }
    const quantile = (values: number[], q: number) => values.sort((a, b) => a - b)[Math.floor(q * (values.length - 1))]!;
    // Customers 1, 2 and a never-repeater (rows 1, 2, 3 of the published summary).
    for (const i of [0, 1, 2, 17]) {
      const f = (p: readonly number[]) => bgnbdExpected({ r: p[0]!, alpha: p[1]!, a: p[2]!, b: p[3]! }, 52, c.x[i]!, c.tx[i]!, c.T[i]!);
      const r = ranges.range(f);
      const boot = draws.map((p) => f(p));
      const [low, high] = [quantile(boot, 0.05), quantile(boot, 0.95)];
      expect(r.low).toBeLessThan(r.value);
      expect(r.high).toBeGreaterThan(r.value);
      // Within 15% of the bootstrap's half-widths (the delta method is a first-order approximation; 4,000 draws add ~3% noise).
      expect(Math.abs(r.low - low)).toBeLessThan(0.15 * (r.value - low));
      expect(Math.abs(r.high - high)).toBeLessThan(0.15 * (high - r.value));
    }
  });
});
