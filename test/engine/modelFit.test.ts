/**
 * The fit framework every lifetime model shares: digamma, BFGS, the Cholesky inverse, merging
 * identical rows, and what a BG/NBD or Gamma-Gamma fit reports beyond its estimates (standard
 * errors, warnings, how few evaluations BFGS needs). Expected values are hand computations,
 * published figures, or finite differences of the log-likelihood, which share no code with
 * the analytic gradients and the gradient-based Hessian.
 */
import {
  bfgsSteps,
  bgnbdLogLikelihood,
  bgnbdLogLikelihoodGradient,
  collapseRepeatRows,
  digamma,
  finishSteps,
  fitBgnbd,
  fitGammaGamma,
  fitWarnings,
  fitVerdict,
  gammaGammaLogLikelihood,
  invertPositiveDefinite,
  historyLength,
  lnGamma,
  repeatRows,
  repeatSummaryFromTransactions,
  type ParameterFit,
  type SmoothObjective,
} from "../../src/engine";
import { cdnowPublishedSummary } from "../helpers/cdnow";
import { onlineRetailColumns } from "../../bench/transactions";
import { simulateCustomers } from "../helpers/btydSimulation";

const EULER = 0.5772156649015329;

describe("digamma", () => {
  test.each([
    [1, -EULER, "ψ(1) = −γ"],
    [0.5, -EULER - 2 * Math.log(2), "ψ(1/2) = −γ − 2 ln 2"],
    [10, 1 + 1 / 2 + 1 / 3 + 1 / 4 + 1 / 5 + 1 / 6 + 1 / 7 + 1 / 8 + 1 / 9 - EULER, "ψ(10) = H₉ − γ"],
    [1e-6, -1e6 - EULER + (Math.PI ** 2 / 6) * 1e-6, "ψ(ε) ≈ −1/ε − γ + ζ(2)ε"],
  ])("ψ(%p) (%s)", (x, expected) => {
    expect(Math.abs(digamma(x) - expected)).toBeLessThan(1e-13 * Math.max(1, Math.abs(expected)));
  });

  test("large arguments: ψ(x) ≈ ln x − 1/(2x) − 1/(12x²)", () => {
    for (const x of [1e3, 1e6, 1e12]) expect(digamma(x)).toBeCloseTo(Math.log(x) - 1 / (2 * x) - 1 / (12 * x * x), 12);
  });

  test("is the derivative of ln Γ (central differences of lnGamma)", () => {
    for (const x of [0.3, 2.5, 7.25, 40]) {
      const h = 1e-5 * x;
      expect(digamma(x)).toBeCloseTo((lnGamma(x + h) - lnGamma(x - h)) / (2 * h), 7);
    }
  });

  test("is NaN outside x > 0", () => {
    expect(digamma(0)).toBeNaN();
    expect(digamma(-1)).toBeNaN();
    expect(digamma(Number.NaN)).toBeNaN();
  });
});

describe("BFGS", () => {
  const rosenbrock: SmoothObjective = (v, g) => {
    const [x, y] = [v[0]!, v[1]!];
    g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
    g[1] = 200 * (y - x * x);
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
  };

  test("finds the Rosenbrock minimum (1, 1) from (−1.2, 1) in well under 100 iterations", () => {
    const run = finishSteps(bfgsSteps(rosenbrock, [-1.2, 1]));
    expect(run.converged).toBe(true);
    expect(run.x[0]).toBeCloseTo(1, 6);
    expect(run.x[1]).toBeCloseTo(1, 6);
    expect(run.iterations).toBeLessThan(100);
  });

  test("a quadratic is solved exactly: the minimum of (x−3)² + 10(y+1)² + xy", () => {
    // ∇ = (2(x−3) + y, 20(y+1) + x) = 0 → x = 62/39·… solved by hand: 2x + y = 6, x + 20y = −20 → x = 140/39, y = −46/39
    const f: SmoothObjective = (v, g) => {
      const [x, y] = [v[0]!, v[1]!];
      g[0] = 2 * (x - 3) + y;
      g[1] = 20 * (y + 1) + x;
      return (x - 3) ** 2 + 10 * (y + 1) ** 2 + x * y;
    };
    const run = finishSteps(bfgsSteps(f, [0, 0]));
    expect(run.x[0]).toBeCloseTo(140 / 39, 8);
    expect(run.x[1]).toBeCloseTo(-46 / 39, 8);
  });

  test("stops as soon as a coordinate leaves the allowed region", () => {
    const f: SmoothObjective = (v, g) => {
      g[0] = -Math.exp(-v[0]!);
      return Math.exp(-v[0]!);
    };
    const run = finishSteps(bfgsSteps(f, [0], { escaped: (v) => (v[0]! > 10 ? 0 : -1) }));
    expect(run.stopped).toBe("runaway");
    expect(run.runaway).toBe(0);
  });

  test("a function that is not finite at the start stops at once, without looping", () => {
    const run = finishSteps(bfgsSteps((_, g) => ((g[0] = 0), Number.NaN), [1]));
    expect(run.converged).toBe(false);
    expect(run.evaluations).toBe(1);
  });

  test("yields progress after every iteration", () => {
    const steps = bfgsSteps(rosenbrock, [-1.2, 1]);
    let reports = 0;
    for (let next = steps.next(); !next.done; next = steps.next()) reports++;
    expect(reports).toBeGreaterThan(5);
  });
});

describe("invertPositiveDefinite", () => {
  test("a 3 × 3 matrix by hand", () => {
    // [[4, 2, 0], [2, 3, 1], [0, 1, 2]]: det = 4(6 − 1) − 2(4 − 0) = 12; the inverse's cofactors / 12
    const inverse = invertPositiveDefinite(Float64Array.of(4, 2, 0, 2, 3, 1, 0, 1, 2), 3)!;
    const expected = [5, -4, 2, -4, 8, -4, 2, -4, 8].map((v) => v / 12);
    expected.forEach((v, k) => expect(inverse[k]).toBeCloseTo(v, 14));
  });

  test("not positive definite → undefined", () => {
    expect(invertPositiveDefinite(Float64Array.of(1, 2, 2, 1), 2)).toBeUndefined();
    expect(invertPositiveDefinite(Float64Array.of(1, 1, 1, 1), 2)).toBeUndefined();
    expect(invertPositiveDefinite(Float64Array.of(Number.NaN, 0, 0, 1), 2)).toBeUndefined();
  });
});

describe("collapseRepeatRows", () => {
  test("merges identical rows in order of first appearance, summing weights", () => {
    const rows = collapseRepeatRows(Float64Array.of(0, 2, 0, 2, 2), Float64Array.of(0, 5, 0, 5, 6), Float64Array.of(9, 9, 9, 9, 9));
    expect(Array.from(rows.x)).toEqual([0, 2, 2]);
    expect(Array.from(rows.tx)).toEqual([0, 5, 6]);
    expect(Array.from(rows.w)).toEqual([2, 2, 1]);
    expect(rows.customers).toBe(5);
  });

  test("given weights add up; a blank (NaN) row or a weight of 0 is left out; −0 equals 0", () => {
    const rows = collapseRepeatRows(Float64Array.of(0, -0, 1, Number.NaN, 1), Float64Array.of(0, 0, 2, 1, 2), Float64Array.of(4, 4, 4, 4, 4), Float64Array.of(3464, 10, 7, 5, 0));
    expect(Array.from(rows.x)).toEqual([0, 1]);
    expect(Array.from(rows.w)).toEqual([3474, 7]);
    expect(rows.customers).toBe(3481);
  });

  test("a negative or infinite weight is an error naming the argument and row", () => {
    expect(() => collapseRepeatRows(Float64Array.of(0, 1), Float64Array.of(0, 1), Float64Array.of(2, 2), Float64Array.of(1, -2))).toThrow("weights row 2: a weight must be a finite number ≥ 0, found -2");
    expect(() => collapseRepeatRows(Float64Array.of(0), Float64Array.of(0), Float64Array.of(2), Float64Array.of(Infinity))).toThrow(/weights row 1/);
  });

  test("100,000 rows with few distinct values collapse to them (hashing, not string keys)", () => {
    const n = 100_000;
    const x = Float64Array.from({ length: n }, (_, i) => i % 7);
    const tx = Float64Array.from(x, (v) => v * 2);
    const T = new Float64Array(n).fill(20);
    const rows = collapseRepeatRows(x, tx, T);
    expect(rows.x.length).toBe(7);
    expect(Array.from(rows.w)).toEqual([14286, 14286, 14286, 14286, 14286, 14285, 14285]);
  });
});

describe("repeatRows: merge only where it pays", () => {
  test("60,000 rows with continuous times are kept as they are; with whole-week times they are merged; the likelihood is the same either way", () => {
    const sim = simulateCustomers(60_000, { r: 0.5, alpha: 6, a: 0.7, b: 2.5 }, { p: 4, q: 3, gamma: 20 }, { minT: 26, maxT: 78 }, 8);
    const continuous = repeatRows(sim.x, sim.tx, sim.T);
    expect(continuous.x.length).toBe(60_000);
    expect(Array.from(continuous.w.slice(0, 3))).toEqual([1, 1, 1]);
    const weeks = (v: Float64Array) => v.map((t) => Math.round(t));
    const merged = repeatRows(sim.x, weeks(sim.tx), weeks(sim.T));
    expect(merged.x.length).toBeLessThan(20_000);
    expect(merged.customers).toBe(60_000);
    expect(collapseRepeatRows(sim.x, weeks(sim.tx), weeks(sim.T)).x.length).toBe(merged.x.length);
    const p = { r: 0.5, alpha: 6, a: 0.7, b: 2.5 };
    // bgnbdLogLikelihood goes through repeatRows; the sum over the rows one by one, by the same formula, is the check.
    const oneByOne = Array.from({ length: 500 }, (_, i) => bgnbdLogLikelihood(p, { x: sim.x.subarray(i, i + 1), tx: sim.tx.subarray(i, i + 1), T: sim.T.subarray(i, i + 1) })).reduce((a, b) => a + b, 0);
    expect(bgnbdLogLikelihood(p, { x: sim.x.subarray(0, 500), tx: sim.tx.subarray(0, 500), T: sim.T.subarray(0, 500) })).toBeCloseTo(oneByOne, 8);
  });
});

describe("BG/NBD fit: BFGS, standard errors, merged rows", () => {
  const cdnow = cdnowPublishedSummary();
  const summary = { x: cdnow.x, tx: cdnow.tx, T: cdnow.T };
  const fit = fitBgnbd(summary);

  test("CDNOW: the published estimates in a few dozen likelihood evaluations (Nelder–Mead needed 687)", () => {
    expect(fit.params.r).toBeCloseTo(0.2426, 4);
    expect(fit.params.alpha).toBeCloseTo(4.4135, 4);
    expect(fit.params.a).toBeCloseTo(0.7929, 4);
    expect(fit.params.b).toBeCloseTo(2.4258, 4);
    expect(fit.method).toBe("BFGS");
    expect(fit.evaluations).toBeLessThan(60);
    expect(fit.warnings).toEqual([]);
  });

  test("standard errors equal the inverse of a finite-difference Hessian of the log-likelihood in the parameters", () => {
    // Second differences of bgnbdLogLikelihood itself (no gradient code), in r, α, a, b.
    const names = ["r", "alpha", "a", "b"] as const;
    const theta = names.map((n) => fit.params[n]);
    const ll = (t: number[]) => bgnbdLogLikelihood({ r: t[0]!, alpha: t[1]!, a: t[2]!, b: t[3]! }, summary);
    const H = new Float64Array(16);
    const h = theta.map((v) => 1e-4 * v);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        const at = (di: number, dj: number) => {
          const t = [...theta];
          t[i] = t[i]! + di * h[i]!;
          t[j] = t[j]! + dj * h[j]!;
          return ll(t);
        };
        H[i * 4 + j] = -(at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h[i]! * h[j]!);
      }
    }
    const covariance = invertPositiveDefinite(H, 4)!;
    names.forEach((n, k) => expect(fit.standardErrors[n] / Math.sqrt(covariance[k * 4 + k]!)).toBeCloseTo(1, 3));
  });

  test("the analytic gradient equals central differences of the log-likelihood", () => {
    for (const p of [
      { r: 0.4, alpha: 3, a: 1.2, b: 4 },
      { r: 2, alpha: 20, a: 0.05, b: 50 },
      { r: 0.05, alpha: 0.5, a: 3, b: 0.8 },
    ]) {
      const { value, gradient } = bgnbdLogLikelihoodGradient(p, summary);
      expect(value).toBeCloseTo(bgnbdLogLikelihood(p, summary), 8);
      for (const name of ["r", "alpha", "a", "b"] as const) {
        const h = 1e-6 * p[name];
        const numeric = (bgnbdLogLikelihood({ ...p, [name]: p[name] + h }, summary) - bgnbdLogLikelihood({ ...p, [name]: p[name] - h }, summary)) / (2 * h);
        expect(Math.abs(gradient[name] - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
      }
    }
    // At the fitted optimum the gradient vanishes (relative to the likelihood's size).
    const atOptimum = bgnbdLogLikelihoodGradient(fit.params, summary).gradient;
    for (const name of ["r", "alpha", "a", "b"] as const) expect(Math.abs(atOptimum[name] * fit.params[name])).toBeLessThan(1e-7 * Math.abs(fit.logLikelihood));
  });

  test("merged rows give the same likelihood as the rows one by one, and weights equal repeated rows", () => {
    const p = { r: 0.3, alpha: 5, a: 0.9, b: 3 };
    // By hand: the likelihood of the summary twice over is twice the likelihood.
    const doubled = { x: Float64Array.from([...cdnow.x, ...cdnow.x]), tx: Float64Array.from([...cdnow.tx, ...cdnow.tx]), T: Float64Array.from([...cdnow.T, ...cdnow.T]) };
    expect(bgnbdLogLikelihood(p, doubled)).toBeCloseTo(2 * bgnbdLogLikelihood(p, summary), 6);
    expect(bgnbdLogLikelihood(p, summary, new Float64Array(cdnow.x.length).fill(2))).toBeCloseTo(2 * bgnbdLogLikelihood(p, summary), 6);
    const weighted = fitBgnbd(summary, new Float64Array(cdnow.x.length).fill(2));
    expect(weighted.params.r).toBeCloseTo(fit.params.r, 6);
    expect(weighted.customers).toBe(2 * 2357);
    // Twice the data: standard errors shrink by √2.
    expect(weighted.standardErrors.r * Math.SQRT2).toBeCloseTo(fit.standardErrors.r, 5);
  });

  test("a large summary (300,000 distinct customers) starts on a subsample and lands on the same optimum", () => {
    const sim = simulateCustomers(300_000, { r: 0.5, alpha: 6, a: 0.7, b: 2.5 }, { p: 4, q: 3, gamma: 20 }, { minT: 26, maxT: 78 }, 5);
    const big = fitBgnbd({ x: sim.x, tx: sim.tx, T: sim.T });
    // Within three standard errors of the truth the data were simulated from.
    expect(Math.abs(big.params.r - 0.5)).toBeLessThan(3 * big.standardErrors.r);
    expect(Math.abs(big.params.alpha - 6)).toBeLessThan(3 * big.standardErrors.alpha);
    expect(Math.abs(big.params.a - 0.7)).toBeLessThan(3 * big.standardErrors.a);
    expect(Math.abs(big.params.b - 2.5)).toBeLessThan(3 * big.standardErrors.b);
    // The optimum: no small step in any log-parameter raises the likelihood by more than rounding.
    const ll = (p: typeof big.params) => bgnbdLogLikelihood(p, { x: sim.x, tx: sim.tx, T: sim.T });
    const at = ll(big.params);
    for (const name of ["r", "alpha", "a", "b"] as const) {
      for (const factor of [1 + 1e-4, 1 - 1e-4]) expect(ll({ ...big.params, [name]: big.params[name] * factor })).toBeLessThanOrEqual(at + 1e-6 * Math.abs(at));
    }
  });

  test("Online Retail (4,338 customers, weeks to 2011-12-10): dropout ≈ 0, and the fit says what that means", () => {
    // The case issue 13 reports on the preview's sample: a ≈ 0.004, so P(alive) hardly varies.
    const s = repeatSummaryFromTransactions(onlineRetailColumns(), undefined, "week");
    const f = fitBgnbd(s);
    expect(f.customers).toBe(4338);
    expect(f.params.a).toBeCloseTo(0.0039, 4);
    expect(f.params.a / (f.params.a + f.params.b)).toBeLessThan(0.001);
    expect(f.warnings).toEqual([
      "a and b are poorly determined (standard error larger than the estimate): the data leave them loose, so ranges are wide",
      expect.stringMatching(/^dropout ≈ 0: the mean chance of dropping out after a purchase is 0\.05\d+%, so the model sees almost nobody stop buying, P\(alive\) stays near 1 and cannot pick out churned customers; try Pareto\/NBD or MBG\/NBD, or a later as-of date/),
    ]);
  });
});

describe("BG/NBD fit at the no-dropout limit", () => {
  test("customers who never drop out: a (or b) is held at the edge of the range, r and α are fitted, and the fit says so", () => {
    // Simulated with a dropout probability per purchase of 1e-9: the likelihood rises all the way to the NBD limit.
    const sim = simulateCustomers(3000, { r: 1, alpha: 5, a: 1e-9, b: 1 }, { p: 4, q: 3, gamma: 20 }, { minT: 20, maxT: 60 }, 1);
    const f = fitBgnbd(sim);
    expect(f.fit.atLimit).toEqual(["a"]);
    expect(f.params.a).toBeCloseTo(1e-6, 12);
    expect(Number.isNaN(f.standardErrors.a)).toBe(true);
    expect(f.logCovariance).toBeUndefined();
    // The purchase rates are still recovered: mean rate r/α within 5% of the truth 1/5.
    expect(f.params.r / f.params.alpha).toBeGreaterThan(0.19);
    expect(f.params.r / f.params.alpha).toBeLessThan(0.21);
    expect(f.warnings[0]).toMatch(/^a runs to the edge of the range a fit may take .* no range can be given$/);
    expect(f.warnings.some((w) => w.startsWith("dropout ≈ 0"))).toBe(true);
    // At the held point no small move of r or α raises the likelihood (they are fitted).
    const ll = (p: typeof f.params) => bgnbdLogLikelihood(p, sim);
    for (const name of ["r", "alpha"] as const) for (const factor of [1.001, 0.999]) expect(ll({ ...f.params, [name]: f.params[name] * factor })).toBeLessThan(ll(f.params));
  });
});

describe("Gamma-Gamma fit: BFGS and standard errors", () => {
  const cdnow = cdnowPublishedSummary();

  test("CDNOW (Fader, Hardie & Lee's note: p 6.25, q 3.74, γ 15.44) with standard errors from a finite-difference Hessian", () => {
    const fit = fitGammaGamma(cdnow.x, cdnow.zbar);
    expect(fit.params.p).toBeCloseTo(6.25, 2);
    expect(fit.params.q).toBeCloseTo(3.74, 2);
    expect(fit.params.gamma).toBeCloseTo(15.44, 1);
    expect(fit.method).toBe("BFGS");
    const names = ["p", "q", "gamma"] as const;
    const theta = names.map((n) => fit.params[n]);
    const ll = (t: number[]) => gammaGammaLogLikelihood({ p: t[0]!, q: t[1]!, gamma: t[2]! }, cdnow.x, cdnow.zbar);
    const H = new Float64Array(9);
    const h = theta.map((v) => 1e-4 * v);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const at = (di: number, dj: number) => {
          const t = [...theta];
          t[i] = t[i]! + di * h[i]!;
          t[j] = t[j]! + dj * h[j]!;
          return ll(t);
        };
        H[i * 3 + j] = -(at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h[i]! * h[j]!);
      }
    }
    const covariance = invertPositiveDefinite(H, 3)!;
    names.forEach((n, k) => expect(fit.standardErrors[n] / Math.sqrt(covariance[k * 3 + k]!)).toBeCloseTo(1, 3));
  });
});

describe("history length", () => {
  test("by hand: mean age and the repeat buyers' mean gap t_x / x, weighted", () => {
    // ages 10, 20 (weight 3), 30; repeat buyers (x, t_x) = (2, 8) and (1, 12) (weight 3): gaps 4 and 12
    const rows = collapseRepeatRows(Float64Array.of(0, 2, 1), Float64Array.of(0, 8, 12), Float64Array.of(10, 30, 20), Float64Array.of(1, 1, 3));
    const h = historyLength(rows);
    expect(h.meanAge).toBeCloseTo((10 + 30 + 3 * 20) / 5, 12);
    expect(h.meanGap).toBeCloseTo((4 + 3 * 12) / 4, 12);
  });
});

describe("fitWarnings", () => {
  const base: ParameterFit = {
    model: "BG/NBD",
    names: ["r", "alpha"],
    values: [0.5, 6],
    standardErrors: [0.05, 0.4],
    atLimit: [],
    logCovariance: Float64Array.of(0.01, 0, 0, 0.0044),
    logLikelihood: -100,
    iterations: 10,
    evaluations: 15,
    method: "BFGS",
    starts: 1,
  };

  test("none for a sound fit", () => {
    expect(fitWarnings(base, { customers: 500, repeatBuyers: 200 })).toEqual([]);
    expect(fitVerdict([])).toBe("no warning");
  });

  test("too short a history: watched for fewer than two typical gaps between purchases", () => {
    expect(fitWarnings(base, { customers: 500, repeatBuyers: 200, history: { meanAge: 15, meanGap: 10 } })).toEqual([
      "the history is short: customers have been watched 15 periods on average, only 1.5 times the typical gap between a repeat buyer's purchases (10); the model needs several such gaps to tell a customer who stopped from one who is between purchases, so use a longer period",
    ]);
    expect(fitWarnings(base, { customers: 500, repeatBuyers: 200, history: { meanAge: 20, meanGap: 10 } })).toEqual([]);
  });

  test("too few repeat buyers, a ridge, a loose parameter, and the model's own, in that order", () => {
    expect(fitWarnings(base, { customers: 40, repeatBuyers: 6 })).toEqual([
      "only 6 of 40 customers bought again: too few repeat buyers to pin the model down (at least 30 are needed, hundreds are better)",
    ]);
    expect(fitWarnings({ ...base, logCovariance: undefined, standardErrors: [Number.NaN, Number.NaN] }, { customers: 500, repeatBuyers: 200 })[0]).toMatch(/^the parameters lie on a ridge/);
    expect(fitWarnings({ ...base, standardErrors: [0.9, 0.4] }, { customers: 500, repeatBuyers: 200, modelWarnings: ["dropout ≈ 0: …"] })).toEqual([
      "r is poorly determined (standard error larger than the estimate): the data leave it loose, so ranges are wide",
      "dropout ≈ 0: …",
    ]);
  });
});
