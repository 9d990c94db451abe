import { readFileSync } from "node:fs";
import {
  type BgbbParams,
  bgbbCountProbabilities,
  bgbbExpected,
  bgbbExpectedByPeriod,
  bgbbLogLikelihood,
  bgbbLogLikelihoodGradient,
  bgbbPAlive,
  bgbbRowProblem,
  bgbbUnconditional,
  checkBgbbParams,
  fitBgbb,
  fitBgbbSteps,
} from "../../src/engine/lifetime/bgbb";
import { thrownCvError } from "../helpers/errors";
import { logScaleStandardErrors } from "../helpers/btydSimulation";
import { betaDraw } from "../helpers/btydSimulation";
import { mulberry32 } from "../helpers/random";
import { sharedDataFile } from "../helpers/sharedData";

/** The donations summary (../shared/data/donations): 22 distinct (x, t_x, n) rows with weights, 11,104 supporters. */
function donations() {
  const rows = readFileSync(sharedDataFile("donations/donations.csv"), "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(",").map(Number));
  const column = (k: number) => Float64Array.from(rows, (r) => r[k]!);
  return { x: column(0), tx: column(1), n: column(2), w: column(3) };
}

/** Fader, Hardie & Shang (2010): the published maximum-likelihood estimates on the donations. */
const published: BgbbParams = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
const codeOf = (fn: () => unknown): string => {
  const error = thrownCvError(fn);
  return `${error.code}: ${error.message}`;
};
const one = (x: number, tx: number, n: number) => ({ x: Float64Array.of(x), tx: Float64Array.of(tx), n: Float64Array.of(n) });

/**
 * E[f(p)] for p ~ Beta(a, b), by the trapezoid rule in v = logit p (dp = p(1−p) dv), where the
 * integrand p^a (1−p)^b f(p) is smooth and decays exponentially both ways; the normalising
 * constant is the same sum with f = 1. Shares no code with the engine (no beta function).
 */
function betaMean(a: number, b: number, f: (p: number, q: number) => number): number {
  // The tails fall off like e^(a v) and e^(−b v): run out until they are below 1e−17.
  const h = 0.02;
  const left = -40 / Math.min(a, 1) - 10;
  const right = 40 / Math.min(b, 1) + 10;
  let num = 0;
  let den = 0;
  for (let v = left; v <= right; v += h) {
    // p and 1 − p without cancellation
    const p = v < 0 ? Math.exp(v) / (1 + Math.exp(v)) : 1 / (1 + Math.exp(-v));
    const q = v < 0 ? 1 / (1 + Math.exp(v)) : Math.exp(-v) / (1 + Math.exp(-v));
    const density = Math.exp(a * Math.log(p) + b * Math.log(q));
    num += density * f(p, q);
    den += density;
  }
  return num / den;
}

/**
 * The probability of one particular 0/1 history with x transactions, the last at t_x, over n
 * opportunities, straight from the model's story: the customer is alive through τ ≥ t_x
 * opportunities (τ = n with probability (1−θ)^n, τ < n with θ(1−θ)^τ) and transacts at each
 * of those with probability p; each term is a product of a p-part and a θ-part, each averaged
 * over its Beta by {@link betaMean}.
 */
function historyProbability(p: BgbbParams, x: number, tx: number, n: number): number {
  let total = betaMean(p.alpha, p.beta, (P, Q) => P ** x * Q ** (n - x)) * betaMean(p.gamma, p.delta, (_, S) => S ** n);
  for (let tau = tx; tau < n; tau++) {
    total += betaMean(p.alpha, p.beta, (P, Q) => P ** x * Q ** (tau - x)) * betaMean(p.gamma, p.delta, (T, S) => T * S ** tau);
  }
  return total;
}

describe("BG/BB on the donations (Fader, Hardie & Shang 2010)", () => {
  const d = donations();
  const summary = { x: d.x, tx: d.tx, n: d.n };

  test("the data: 11,104 supporters in 22 rows, n = 6", () => {
    expect(d.w.reduce((a, b) => a + b, 0)).toBe(11104);
    expect(d.x).toHaveLength(22);
  });

  test("the weighted fit reproduces α = 1.204, β = 0.750, γ = 0.657, δ = 2.783 (published, 3 decimals)", () => {
    const fit = fitBgbb(d.x, d.tx, d.n, d.w);
    expect(fit.customers).toBe(11104);
    expect(fit.repeatBuyers).toBe(11104 - 3464);
    expect(fit.params.alpha.toFixed(3)).toBe("1.204");
    expect(fit.params.beta.toFixed(3)).toBe("0.750");
    expect(fit.params.gamma.toFixed(3)).toBe("0.657");
    expect(fit.params.delta.toFixed(3)).toBe("2.783");
    expect(fit.method).toBe("BFGS");
    expect(fit.warnings).toEqual([]);
    // The fit's maximum is at least as high as the likelihood at the published (rounded) values.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgbbLogLikelihood(published, summary, d.w) - 1e-9);
    for (const k of ["alpha", "beta", "gamma", "delta"] as const) expect(fit.standardErrors[k]).toBeGreaterThan(0);
  });

  test("the same fit on the 11,104 rows one per supporter (no weights)", () => {
    const expand = (c: Float64Array) => Float64Array.from(Array.from(c).flatMap((v, i) => new Array<number>(d.w[i]!).fill(v)));
    const fit = fitBgbb(expand(d.x), expand(d.tx), expand(d.n));
    expect(fit.customers).toBe(11104);
    expect([fit.params.alpha, fit.params.beta, fit.params.gamma, fit.params.delta].map((v) => v.toFixed(3))).toEqual(["1.204", "0.750", "0.657", "2.783"]);
  });

  test("the stepwise fit reports progress and ends where the plain fit does", () => {
    const steps = fitBgbbSteps(d.x, d.tx, d.n, d.w);
    let reports = 0;
    let next = steps.next();
    while (!next.done) {
      reports++;
      next = steps.next();
    }
    expect(reports).toBeGreaterThan(0);
    expect(next.value.params).toEqual(fitBgbb(d.x, d.tx, d.n, d.w).params);
  });

  test("P(alive in 2002): 0.11 for (x, t_x) = (0, 0), 0.59 for (2, 4), 0.93 for (6, 6) (FHS Table 6, as lifetimes tests it)", () => {
    expect(bgbbPAlive(published, 0, 0, 6).toFixed(2)).toBe("0.11");
    expect(bgbbPAlive(published, 2, 4, 6).toFixed(2)).toBe("0.59");
    expect(bgbbPAlive(published, 6, 6, 6).toFixed(2)).toBe("0.93");
  });

  test("expected repeat donations 2002–2006 summed over the cohort: 12,884.2 (Hardie's BG/BB spreadsheet, Conditional Expectations (II))", () => {
    const fit = fitBgbb(d.x, d.tx, d.n, d.w);
    let total = 0;
    for (let i = 0; i < d.x.length; i++) total += d.w[i]! * bgbbExpected(fit.params, 5, d.x[i]!, d.tx[i]!, d.n[i]!);
    expect(Math.abs(total - 12884.2)).toBeLessThan(1);
  });

  test("expected supporters with 0 and with 6 repeat donations in 1996–2001: 3,454.9 and 1,253.1 (the spreadsheet's in-sample fit, FHS eq. 6)", () => {
    const fit = fitBgbb(d.x, d.tx, d.n, d.w);
    const probabilities = bgbbCountProbabilities(fit.params, 6);
    expect(Math.abs(11104 * probabilities[0]! - 3454.9)).toBeLessThan(0.5);
    expect(Math.abs(11104 * probabilities[6]! - 1253.1)).toBeLessThan(0.5);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe("BG/BB formulas against the model's story, by quadrature over the two Beta distributions", () => {
  const cases: Array<[BgbbParams, number, number, number]> = [
    [published, 0, 0, 6],
    [published, 2, 4, 6],
    [published, 6, 6, 6],
    [published, 1, 1, 6],
    [{ alpha: 0.4, beta: 2.5, gamma: 1.8, delta: 0.6 }, 3, 7, 10],
    [{ alpha: 3, beta: 0.3, gamma: 0.2, delta: 9 }, 5, 9, 12],
  ];

  test.each(cases)("likelihood of one history, params %o, x = %p, t_x = %p, n = %p", (p, x, tx, n) => {
    expect(bgbbLogLikelihood(p, one(x, tx, n))).toBeCloseTo(Math.log(historyProbability(p, x, tx, n)), 9);
  });

  test.each(cases)("P(alive at n + 1) and expected transactions, params %o, x = %p, t_x = %p, n = %p", (p, x, tx, n) => {
    const L = historyProbability(p, x, tx, n);
    // alive through n and at n + 1: p^x (1−p)^(n−x) (1−θ)^(n+1)
    const aliveNext = (betaMean(p.alpha, p.beta, (P, Q) => P ** x * Q ** (n - x)) * betaMean(p.gamma, p.delta, (_, S) => S ** (n + 1))) / L;
    expect(bgbbPAlive(p, x, tx, n)).toBeCloseTo(aliveNext, 9);
    // alive through n, then p at each of the next n* opportunities while alive: Σ_k p (1−θ)^k
    for (const nStar of [1, 5, 40]) {
      let future = 0;
      for (let k = 1; k <= nStar; k++) future += betaMean(p.gamma, p.delta, (_, S) => S ** (n + k));
      const expected = (betaMean(p.alpha, p.beta, (P, Q) => P ** (x + 1) * Q ** (n - x)) * future) / L;
      expect(bgbbExpected(p, nStar, x, tx, n)).toBeCloseTo(expected, 8);
      const byPeriod = bgbbExpectedByPeriod(p, nStar, x, tx, n);
      expect(byPeriod.reduce((a, b) => a + b, 0)).toBeCloseTo(expected, 8);
    }
  });

  test("the history probabilities of all 2^8 0/1 strings over n = 8 add up to 1, and by count they give P(X(8) = k)", () => {
    const p = { alpha: 0.8, beta: 1.7, gamma: 0.5, delta: 2.2 };
    const n = 8;
    let total = 0;
    const byCount = new Float64Array(n + 1);
    for (let bits = 0; bits < 1 << n; bits++) {
      let x = 0;
      let tx = 0;
      for (let t = 1; t <= n; t++) {
        if (bits & (1 << (t - 1))) {
          x++;
          tx = t;
        }
      }
      const probability = Math.exp(bgbbLogLikelihood(p, one(x, tx, n)));
      total += probability;
      byCount[x]! += probability;
    }
    expect(total).toBeCloseTo(1, 12);
    const counts = bgbbCountProbabilities(p, n);
    for (let k = 0; k <= n; k++) expect(counts[k]).toBeCloseTo(byCount[k]!, 12);
  });

  test("unconditional E[X(n)] by hand at α = β = 1, γ = 2, δ = 1: α/(α+β) · δ/(γ−1) · [1 − Γ(3)/Γ(3+n) · Γ(2+n)/Γ(2)] = ½ · (1 − 2/(n+2))", () => {
    // Γ(3)/Γ(3+n) · Γ(2+n)/Γ(2) = 2 (n+1)! / (n+2)! = 2/(n+2)
    const p = { alpha: 1, beta: 1, gamma: 2, delta: 1 };
    for (const n of [1, 2, 6, 100]) expect(bgbbUnconditional(p, n)).toBeCloseTo(0.5 * (1 - 2 / (n + 2)), 13);
  });

  test("γ = 1, where eq. 13 is 0/0, and either side of it: continuous, and equal to the per-period sum", () => {
    // At γ = 1: B(1, δ+m)/B(1, δ) = δ/(δ+m), so E = α/(α+β) · Σ_{k=1}^{n*} δ/(δ+k) for a new customer.
    const p = { alpha: 1, beta: 1, gamma: 1, delta: 3 };
    let sum = 0;
    for (let k = 1; k <= 20; k++) sum += 3 / (3 + k);
    expect(bgbbUnconditional(p, 20)).toBeCloseTo(0.5 * sum, 13);
    for (const g of [1 - 1e-9, 1 + 1e-7, 1.01, 0.97, 1.05, 1.2]) {
      const q = { ...published, gamma: g };
      const direct = bgbbExpectedByPeriod(q, 30, 2, 4, 6).reduce((a, b) => a + b, 0);
      expect(bgbbExpected(q, 30, 2, 4, 6)).toBeCloseTo(direct, 11);
    }
  });

  test("unconditional expectation agrees with the mean of 200,000 customers simulated from the model (within 4 standard errors)", () => {
    const p = { alpha: 0.9, beta: 1.4, gamma: 0.7, delta: 2.5 };
    const random = mulberry32(20261202);
    const n = 10;
    const draws = 200_000;
    let mean = 0;
    let square = 0;
    for (let i = 0; i < draws; i++) {
      const buy = betaDraw(random, p.alpha, p.beta);
      const die = betaDraw(random, p.gamma, p.delta);
      let count = 0;
      for (let t = 1; t <= n; t++) {
        if (random() < die) break;
        if (random() < buy) count++;
      }
      mean += count / draws;
      square += (count * count) / draws;
    }
    const standardError = Math.sqrt((square - mean * mean) / draws);
    expect(Math.abs(bgbbUnconditional(p, n) - mean)).toBeLessThan(4 * standardError);
  });
});

describe("BG/BB analytic gradient and extremes", () => {
  test.each([
    [published, "the donations"],
    [{ alpha: 0.3, beta: 4, gamma: 2.5, delta: 0.4 }, "the donations"],
    [{ alpha: 0.05, beta: 0.02, gamma: 0.9, delta: 60 }, "the donations"],
    [{ alpha: 2, beta: 0.7, gamma: 0.5, delta: 1.5 }, "long histories (n up to 400, small β + t_x − x)"],
  ] as const)("the analytic gradient at %o on %s matches central differences of the log-likelihood", (p, data) => {
    const d = donations();
    const s = data === "the donations" ? { x: d.x, tx: d.tx, n: d.n } : { x: Float64Array.of(0, 3, 40, 399, 1), tx: Float64Array.of(0, 3, 200, 400, 1), n: Float64Array.of(400, 400, 250, 400, 2) };
    const w = data === "the donations" ? d.w : Float64Array.of(3, 1, 2, 1, 5);
    const gradient = bgbbLogLikelihoodGradient(p, s, w);
    (["alpha", "beta", "gamma", "delta"] as const).forEach((k, j) => {
      const h = 1e-5 * p[k];
      const difference = (bgbbLogLikelihood({ ...p, [k]: p[k] + h }, s, w) - bgbbLogLikelihood({ ...p, [k]: p[k] - h }, s, w)) / (2 * h);
      // Central differences carry O(h²) truncation and rounding of about 1e−16 · |ln L| / h.
      const rounding = (1e-13 * Math.abs(bgbbLogLikelihood(p, s, w))) / h;
      expect(Math.abs(gradient[j]! - difference)).toBeLessThan(1e-7 * (1 + Math.abs(difference)) + rounding);
    });
  });

  test("the fit's gradient matches central differences of the log-likelihood (checked through the standard errors' Hessian)", () => {
    // fitBgbb uses the analytic gradient for BFGS and for its Hessian; an independent Hessian by
    // second differences of the log-likelihood alone must give the same standard errors.
    const d = donations();
    const s = { x: d.x, tx: d.tx, n: d.n };
    const fit = fitBgbb(d.x, d.tx, d.n, d.w);
    const logs = [fit.params.alpha, fit.params.beta, fit.params.gamma, fit.params.delta].map(Math.log);
    const se = logScaleStandardErrors((v) => bgbbLogLikelihood({ alpha: Math.exp(v[0]!), beta: Math.exp(v[1]!), gamma: Math.exp(v[2]!), delta: Math.exp(v[3]!) }, s, d.w), logs, 1e-4);
    const fitted = [fit.standardErrors.alpha, fit.standardErrors.beta, fit.standardErrors.gamma, fit.standardErrors.delta];
    fitted.forEach((value, k) => expect(value / Math.exp(logs[k]!)).toBeCloseTo(se[k]!, 4));
  });

  test("the gradient is zero at the optimum: the log-likelihood there beats every nearby point by central differences", () => {
    const d = donations();
    const s = { x: d.x, tx: d.tx, n: d.n };
    const fit = fitBgbb(d.x, d.tx, d.n, d.w);
    const ll = (q: BgbbParams) => bgbbLogLikelihood(q, s, d.w);
    for (const k of ["alpha", "beta", "gamma", "delta"] as const) {
      const h = 1e-6 * fit.params[k];
      const derivative = (ll({ ...fit.params, [k]: fit.params[k] + h }) - ll({ ...fit.params, [k]: fit.params[k] - h })) / (2 * h);
      expect(Math.abs(derivative)).toBeLessThan(1e-2);
    }
  });

  test("finite at extremes: n = 10,000, parameters of 1e5 and 1e-5", () => {
    const p = { alpha: 0.5, beta: 3, gamma: 0.3, delta: 4 };
    const ll = bgbbLogLikelihood(p, one(5000, 9000, 10000));
    expect(Number.isFinite(ll)).toBe(true);
    const alive = bgbbPAlive(p, 5000, 9000, 10000);
    expect(alive).toBeGreaterThanOrEqual(0);
    expect(alive).toBeLessThan(1e-10); // 1,000 silent opportunities after a one-in-two buyer: surely gone
    expect(bgbbPAlive(p, 5000, 10000, 10000)).toBeGreaterThan(0.99);
    expect(Number.isFinite(bgbbExpected(p, 10000, 5000, 10000, 10000))).toBe(true);
    for (const q of [
      { alpha: 1e5, beta: 1e5, gamma: 1e5, delta: 1e5 },
      { alpha: 1e-5, beta: 1e-5, gamma: 1e-5, delta: 1e-5 },
      { alpha: 1e5, beta: 1e-5, gamma: 1e-5, delta: 1e5 },
    ]) {
      for (const [x, tx, n] of [
        [0, 0, 10000],
        [3, 10, 10000],
        [10000, 10000, 10000],
        [1, 1, 1],
      ] as const) {
        const values = [bgbbLogLikelihood(q, one(x, tx, n)), bgbbPAlive(q, x, tx, n), bgbbExpected(q, 100, x, tx, n), bgbbUnconditional(q, 10000)];
        for (const v of values) expect(Number.isFinite(v)).toBe(true);
        expect(bgbbPAlive(q, x, tx, n)).toBeLessThanOrEqual(1);
      }
    }
  });

  test("a long history does not underflow: ln L of x = 0 over n = 10,000 at α = β = γ = δ = 1 is ln(1/(n+1) · 1/(n+1)) + … by hand", () => {
    // α = β = 1: E[(1−p)^k] = 1/(k+1); γ = δ = 1: E[(1−θ)^n] = 1/(n+1), E[θ(1−θ)^i] = 1/((i+1)(i+2)).
    // L(0, 0, n) = 1/(n+1)² + Σ_{i=0}^{n−1} 1/(i+1) · 1/((i+1)(i+2))
    const n = 10000;
    let L = 1 / (n + 1) ** 2;
    for (let i = 0; i < n; i++) L += 1 / ((i + 1) * (i + 1) * (i + 2));
    expect(bgbbLogLikelihood({ alpha: 1, beta: 1, gamma: 1, delta: 1 }, one(0, 0, n))).toBeCloseTo(Math.log(L), 12);
  });
});

describe("BG/BB parameter recovery (seeded simulation)", () => {
  test("20,000 customers over n = 8 drawn from α = 0.8, β = 1.5, γ = 0.6, δ = 3: every estimate within 3.5 standard errors", () => {
    const truth = { alpha: 0.8, beta: 1.5, gamma: 0.6, delta: 3 };
    const random = mulberry32(424242);
    const count = 20_000;
    const x = new Float64Array(count);
    const tx = new Float64Array(count);
    const n = new Float64Array(count).fill(8);
    for (let i = 0; i < count; i++) {
      const buy = betaDraw(random, truth.alpha, truth.beta);
      const die = betaDraw(random, truth.gamma, truth.delta);
      for (let t = 1; t <= 8; t++) {
        if (random() < die) break;
        if (random() < buy) {
          x[i]!++;
          tx[i] = t;
        }
      }
    }
    const fit = fitBgbb(x, tx, n);
    const keys = ["alpha", "beta", "gamma", "delta"] as const;
    keys.forEach((k) => {
      const logSe = fit.standardErrors[k] / fit.params[k];
      expect(Math.abs(Math.log(fit.params[k]) - Math.log(truth[k]))).toBeLessThan(3.5 * logSe);
      expect(logSe).toBeLessThan(0.3);
    });
  });
});

describe("BG/BB warnings", () => {
  test("almost no lapsing (θ ~ Beta(0.5, 100), mean 0.5%, 20,000 customers over n = 30): the fit converges and warns dropout ≈ 0", () => {
    const random = mulberry32(5);
    const count = 20_000;
    const x = new Float64Array(count);
    const tx = new Float64Array(count);
    const n = new Float64Array(count).fill(30);
    for (let i = 0; i < count; i++) {
      const buy = betaDraw(random, 0.8, 1.5);
      const die = betaDraw(random, 0.5, 100);
      for (let t = 1; t <= 30; t++) {
        if (random() < die) break;
        if (random() < buy) {
          x[i]!++;
          tx[i] = t;
        }
      }
    }
    const fit = fitBgbb(x, tx, n);
    expect(fit.params.gamma / (fit.params.gamma + fit.params.delta)).toBeLessThan(0.01);
    expect(fit.warnings.at(-1)).toMatch(/^dropout ≈ 0: the mean chance of lapsing at an opportunity is 0\.\d+%/);
  });
});

describe("BG/BB bad input", () => {
  const fit = (x: number[], tx: number[], n: number[], w?: number[]) => fitBgbb(Float64Array.from(x), Float64Array.from(tx), Float64Array.from(n), w ? Float64Array.from(w) : undefined);

  test("each argument's impossible values name the argument, the row and the value", () => {
    expect(codeOf(() => fit([1, -1], [1, 1], [6, 6]))).toBe("BAD_VALUE: x row 2: repeat transactions must be a whole number ≥ 0, found -1");
    expect(codeOf(() => fit([1.5], [2], [6]))).toMatch(/^BAD_VALUE: x row 1: .* found 1.5$/);
    expect(codeOf(() => fit([1], [2.5], [6]))).toMatch(/^BAD_VALUE: t_x row 1: .* whole number ≥ 0, found 2.5$/);
    expect(codeOf(() => fit([0, 1], [0, -1], [6, 6]))).toMatch(/^BAD_VALUE: t_x row 2: .* found -1$/);
    expect(codeOf(() => fit([2], [7], [6]))).toBe("BAD_VALUE: t_x row 1 is 7, after n = 6: the last transaction must fall within the opportunities observed");
    expect(codeOf(() => fit([3], [2], [6]))).toBe("BAD_VALUE: t_x row 1 is 2 but x is 3: 3 transactions take at least 3 opportunities, so t_x must be ≥ x");
    expect(codeOf(() => fit([2], [0], [6]))).toMatch(/^BAD_VALUE: t_x row 1 is 0 but x is 2/);
    expect(codeOf(() => fit([0], [0], [0]))).toMatch(/^BAD_VALUE: n row 1: .* whole number ≥ 1, found 0$/);
    expect(codeOf(() => fit([0], [0], [5.5]))).toMatch(/^BAD_VALUE: n row 1: .* found 5.5$/);
    expect(codeOf(() => fit([0], [0], [Number.POSITIVE_INFINITY]))).toBe("BAD_VALUE: n row 1: expected a finite number, found Infinity");
    expect(codeOf(() => fit([1, 1], [1, 1], [6, 6], [1, -2]))).toMatch(/^BAD_VALUE: weights row 2: a weight must be a finite number ≥ 0, found -2/);
    expect(bgbbRowProblem(Number.NaN, 1, 6, 1)).toBeUndefined();
  });

  test("mismatched heights, no complete row, nobody repeating", () => {
    expect(codeOf(() => fitBgbb(Float64Array.of(1, 2), Float64Array.of(1), Float64Array.of(6, 6)))).toMatch(/^LENGTH_MISMATCH: t_x has 1 rows but x has 2/);
    expect(codeOf(() => fitBgbb(Float64Array.of(1), Float64Array.of(1), Float64Array.of(6), Float64Array.of(1, 2)))).toMatch(/^LENGTH_MISMATCH: weights has 2 rows/);
    expect(codeOf(() => fit([Number.NaN], [1], [6]))).toMatch(/^EMPTY_INPUT/);
    expect(codeOf(() => fit([0, 0], [0, 0], [6, 6]))).toMatch(/^NOT_COMPUTABLE: no customer has a repeat transaction/);
  });

  test("data that do not identify the model (everyone transacts at every opportunity) → NOT_CONVERGED with a reason in words", () => {
    const n = 300;
    const all = Array.from({ length: n }, () => 6);
    expect(codeOf(() => fit(all, all, all))).toMatch(/^NOT_CONVERGED: the BG\/BB fit did not converge: /);
  });

  test("rows with a blank value are left out; x = 0 ignores t_x", () => {
    const p = published;
    const base = bgbbLogLikelihood(p, one(2, 4, 6));
    expect(bgbbLogLikelihood(p, { x: Float64Array.of(2, Number.NaN), tx: Float64Array.of(4, 1), n: Float64Array.of(6, 6) })).toBeCloseTo(base, 12);
    expect(bgbbLogLikelihood(p, one(0, 3, 6))).toBeCloseTo(bgbbLogLikelihood(p, one(0, 0, 6)), 14);
  });

  test("parameters must be positive and finite", () => {
    expect(codeOf(() => checkBgbbParams({ ...published, gamma: 0 }))).toBe("BAD_VALUE: params: gamma must be a positive number, found 0");
    expect(codeOf(() => checkBgbbParams({ ...published, alpha: Number.NaN }, "bgbb_params"))).toBe("BAD_VALUE: bgbb_params: alpha must be a positive number, found NaN");
    expect(codeOf(() => checkBgbbParams({ ...published, delta: Number.POSITIVE_INFINITY }))).toMatch(/^BAD_VALUE: params: delta/);
  });
});
