import {
  type MbgnbdParams,
  checkMbgnbdParams,
  fitMbgnbd,
  fitMbgnbdSteps,
  mbgnbdExpected,
  mbgnbdLogLikelihood,
  mbgnbdLogLikelihoodGradient,
  mbgnbdPAlive,
  mbgnbdUnconditional,
} from "../../src/engine/lifetime/mbgnbd";
import { thrownCvError } from "../helpers/errors";
import { betaDraw, gammaDraw } from "../helpers/btydSimulation";
import { cdnowPublishedSummary } from "../helpers/cdnow";
import { mulberry32 } from "../helpers/random";

/** Published MBG/NBD estimates on the CDNOW calibration summary (BTYDplus; lifetimes' test_params_out_is_close_to_BTYDplus). */
const published: MbgnbdParams = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
const summary = (x: number[], tx: number[], T: number[]) => ({ x: Float64Array.from(x), tx: Float64Array.from(tx), T: Float64Array.from(T) });
const codeOf = (fn: () => unknown): string => {
  const error = thrownCvError(fn);
  return `${error.code}: ${error.message}`;
};

/**
 * E[f(p)] for p ~ Beta(a, b) by the trapezoid rule in v = logit p, the normalising constant
 * by the same sum with f = 1. Shares no code with the engine.
 */
function betaMean(a: number, b: number, f: (p: number, q: number) => number): number {
  const h = 0.02;
  const left = -40 / Math.min(a, 1) - 10;
  const right = 40 / Math.min(b, 1) + 10;
  let num = 0;
  let den = 0;
  for (let v = left; v <= right; v += h) {
    const p = v < 0 ? Math.exp(v) / (1 + Math.exp(v)) : 1 / (1 + Math.exp(-v));
    const q = v < 0 ? 1 / (1 + Math.exp(v)) : Math.exp(-v) / (1 + Math.exp(-v));
    const density = Math.exp(a * Math.log(p) + b * Math.log(q));
    num += density * f(p, q);
    den += density;
  }
  return num / den;
}

/** E[f(λ)] for λ ~ Gamma(r, α) by the trapezoid rule in u = ln λ (density ∝ λ^r e^(−αλ) in u). */
function gammaMean(r: number, alpha: number, f: (lambda: number) => number): number {
  const h = 0.005;
  const centre = Math.log(r / alpha);
  let num = 0;
  let den = 0;
  for (let u = centre - 45 / Math.min(r, 1) - 5; u <= centre + 6; u += h) {
    const lambda = Math.exp(u);
    const density = Math.exp(r * u - alpha * lambda - (r * centre - r));
    num += density * f(lambda);
    den += density;
  }
  return num / den;
}

/**
 * The model's story for one customer, both mixing distributions integrated numerically:
 * alive at T: λ^x e^(−λT) (1−p)^(x+1); dropped at the draw after the purchase at t_x:
 * λ^x e^(−λ t_x) (1−p)^x p. Returns the likelihood, P(alive) and, for horizon t, the expected
 * purchases: an alive customer with rate λ who drops with probability p after each purchase
 * makes (1 − e^(−λpt))/p on average, and E_λ[λ^x e^(−λT)(1 − e^(−λpt))] =
 * E_λ[λ^x e^(−λT)] · (1 − ((α+T)/(α+T+pt))^(r+x)) for a Gamma(r, α) λ (by hand).
 */
function story(p: MbgnbdParams, x: number, tx: number, T: number, t: number) {
  const aliveRate = gammaMean(p.r, p.alpha, (l) => l ** x * Math.exp(-l * T));
  const droppedRate = gammaMean(p.r, p.alpha, (l) => l ** x * Math.exp(-l * tx));
  const alive = aliveRate * betaMean(p.a, p.b, (_, q) => q ** (x + 1));
  const dropped = droppedRate * betaMean(p.a, p.b, (P, q) => q ** x * P);
  const A = p.alpha + T;
  // 1 − (1 + Pt/A)^−(r+x) as −expm1(−(r+x) log1p(Pt/A)): the plain difference cancels to 0 for tiny P, whose share matters when a < 1.
  const future = aliveRate * betaMean(p.a, p.b, (P, q) => (q ** (x + 1) * -Math.expm1(-(p.r + x) * Math.log1p((P * t) / A))) / P);
  return { likelihood: alive + dropped, pAlive: alive / (alive + dropped), expected: future / (alive + dropped) };
}

describe("MBG/NBD on the published CDNOW summary", () => {
  const cdnow = cdnowPublishedSummary();
  const s = { x: cdnow.x, tx: cdnow.tx, T: cdnow.T };

  test("the fit reproduces r = 0.525, α = 6.183, a = 0.891, b = 1.614 (BTYDplus, as lifetimes checks them)", () => {
    const fit = fitMbgnbd(s);
    expect(fit.customers).toBe(2357);
    expect(fit.repeatBuyers).toBe(2357 - 1411);
    expect(fit.params.r.toFixed(3)).toBe("0.525");
    expect(fit.params.alpha.toFixed(3)).toBe("6.183");
    expect(fit.params.a.toFixed(3)).toBe("0.891");
    expect(fit.params.b.toFixed(3)).toBe("1.614");
    expect(fit.method).toBe("BFGS");
    expect(fit.warnings).toEqual([]);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(mbgnbdLogLikelihood(published, s) - 1e-9);
    for (const k of ["r", "alpha", "a", "b"] as const) expect(fit.standardErrors[k]).toBeGreaterThan(0);
  });

  test("weights: every row twice gives the same estimates for 4,714 customers", () => {
    const fit = fitMbgnbd(s, new Float64Array(2357).fill(2));
    expect(fit.customers).toBe(4714);
    expect([fit.params.r, fit.params.alpha, fit.params.a, fit.params.b].map((v) => v.toFixed(3))).toEqual(["0.525", "6.183", "0.891", "1.614"]);
  });

  test("the stepwise fit reports progress and ends where the plain fit does", () => {
    const steps = fitMbgnbdSteps(s);
    let reports = 0;
    let next = steps.next();
    while (!next.done) {
      reports++;
      next = steps.next();
    }
    expect(reports).toBeGreaterThan(0);
    expect(next.value.params).toEqual(fitMbgnbd(s).params);
  });

  test("lifetimes' loose checks against Hardie's BG/NBD sheet: E[Y(39) | 2, 30.43, 38.86] within 0.05 of 1.226; E[X(t)] within 5%", () => {
    const fit = fitMbgnbd(s);
    expect(Math.abs(mbgnbdExpected(fit.params, 39, 2, 30.43, 38.86) - 1.226)).toBeLessThan(0.05);
    const times = [0.1429, 1, 3, 31.8571, 32, 78];
    const sheet = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, k) => expect(Math.abs(mbgnbdUnconditional(fit.params, t) - sheet[k]!) / sheet[k]!).toBeLessThan(0.05));
    // and, unlike BG/NBD, a customer without repeat purchases may already be gone
    expect(mbgnbdPAlive(fit.params, 0, 0, 38.86)).toBeLessThan(1);
  });
});

describe("MBG/NBD formulas", () => {
  // r = 1, α = 2, a = 1, b = 2 make every gamma and beta term a simple fraction.
  const p = { r: 1, alpha: 2, a: 1, b: 2 };

  test("by hand: the likelihood and P(alive) of x = 1, t_x = 1, T = 2 and of x = 0, T = 2", () => {
    // x = 1: Γ(2)/Γ(1) · α^r = 2; B(1, 4)/B(1, 2) = (1/4)/(1/2) = 1/2; bracket 4^−2 + a/(b+x) · 3^−2 = 1/16 + 1/27
    expect(mbgnbdLogLikelihood(p, summary([1], [1], [2]))).toBeCloseTo(Math.log(1 / 16 + 1 / 27), 13);
    // x = 0: α^r = 2; B(1, 3)/B(1, 2) = 2/3; bracket 4^−1 + 1/2 · 2^−1 = 1/2 → 2/3
    expect(mbgnbdLogLikelihood(p, summary([0], [0], [2]))).toBeCloseTo(Math.log(2 / 3), 13);
    // P(alive) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)): 1/(1 + 1/3 · 16/9) = 27/43; x = 0: 1/(1 + 1/2 · 2) = 1/2
    expect(mbgnbdPAlive(p, 1, 1, 2)).toBeCloseTo(27 / 43, 14);
    expect(mbgnbdPAlive(p, 0, 0, 2)).toBeCloseTo(0.5, 14);
    // A customer seen on the last day (T = 0) has likelihood 1; t_x is not used when x = 0.
    expect(mbgnbdLogLikelihood(p, summary([0], [0], [0]))).toBeCloseTo(0, 14);
    expect(mbgnbdLogLikelihood(p, summary([0], [1.5], [2]))).toBeCloseTo(Math.log(2 / 3), 13);
  });

  test.each([
    [published, 0, 0, 38.86, 39],
    [published, 2, 30.43, 38.86, 39],
    [published, 7, 35, 38, 52],
    [published, 1, 2, 38, 500],
    [{ r: 0.8, alpha: 5, a: 2.5, b: 4 }, 4, 20, 30, 26],
    [{ r: 2, alpha: 1, a: 0.3, b: 0.6 }, 12, 5, 9, 10],
  ] as const)("likelihood, P(alive) and E[Y(t)] at %o for x = %p, t_x = %p, T = %p, t = %p agree with the story integrated numerically", (q, x, tx, T, t) => {
    const truth = story(q, x, tx, T, t);
    expect(mbgnbdLogLikelihood(q, summary([x], [tx], [T]))).toBeCloseTo(Math.log(truth.likelihood), 8);
    expect(mbgnbdPAlive(q, x, tx, T)).toBeCloseTo(truth.pAlive, 9);
    expect(mbgnbdExpected(q, t, x, tx, T)).toBeCloseTo(truth.expected, 7);
  });

  test("E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))]: by hand at r = 1, α = 1, a = 2, b = 1", () => {
    // Story: λ ~ Exp(1), p ~ Beta(2, 1); alive after the time-0 draw with 1 − p, then (1 − e^(−λpt))/p.
    // E_λ[1 − e^(−λpt)] = pt/(1 + pt); E_p[(1−p) · t/(1+pt)] with density 2p: 2t ∫ p(1−p)/(1+pt) dp.
    // The last integral by Simpson's rule (2,000 intervals of a smooth integrand: error far below 1e−10).
    const t = 3;
    let integral = 0;
    const m = 2000;
    for (let k = 0; k <= m; k++) {
      const u = k / m;
      const weight = k === 0 || k === m ? 1 : k % 2 === 1 ? 4 : 2;
      integral += (weight * (u * (1 - u))) / (1 + u * t);
    }
    integral /= 3 * m;
    expect(mbgnbdUnconditional({ r: 1, alpha: 1, a: 2, b: 1 }, t)).toBeCloseTo(2 * t * integral, 10);
  });

  test("the unconditional expectation and P(alive) of x = 0 agree with 200,000 customers simulated from the model", () => {
    const q = { r: 0.7, alpha: 4, a: 0.9, b: 2.5 };
    const random = mulberry32(777);
    const draws = 200_000;
    const T = 30;
    let mean = 0;
    let square = 0;
    let zeros = 0;
    let zerosAlive = 0;
    for (let i = 0; i < draws; i++) {
      const lambda = gammaDraw(random, q.r, q.alpha);
      const p = betaDraw(random, q.a, q.b);
      let alive = random() >= p; // the draw at the first purchase
      let time = 0;
      let count = 0;
      while (alive) {
        time += -Math.log(1 - random()) / lambda;
        if (time > T) break;
        count++;
        if (random() < p) alive = false;
      }
      mean += count / draws;
      square += (count * count) / draws;
      if (count === 0) {
        zeros++;
        if (alive) zerosAlive++;
      }
    }
    const standardError = Math.sqrt((square - mean * mean) / draws);
    expect(Math.abs(mbgnbdUnconditional(q, T) - mean)).toBeLessThan(4 * standardError);
    const share = zerosAlive / zeros;
    expect(Math.abs(mbgnbdPAlive(q, 0, 0, T) - share)).toBeLessThan(4 * Math.sqrt((share * (1 - share)) / zeros));
  });
});

describe("MBG/NBD analytic gradient, extremes and parameter recovery", () => {
  const cdnow = cdnowPublishedSummary();
  const s = { x: cdnow.x, tx: cdnow.tx, T: cdnow.T };

  test.each([published, { r: 0.2, alpha: 30, a: 3, b: 0.5 }, { r: 4, alpha: 0.5, a: 0.05, b: 40 }])("the analytic gradient at %o matches central differences of the log-likelihood", (q) => {
    const gradient = mbgnbdLogLikelihoodGradient(q, s);
    const rounding = 1e-13 * Math.abs(mbgnbdLogLikelihood(q, s));
    (["r", "alpha", "a", "b"] as const).forEach((k, j) => {
      const h = 1e-5 * q[k];
      const difference = (mbgnbdLogLikelihood({ ...q, [k]: q[k] + h }, s) - mbgnbdLogLikelihood({ ...q, [k]: q[k] - h }, s)) / (2 * h);
      expect(Math.abs(gradient[j]! - difference)).toBeLessThan(1e-7 * (1 + Math.abs(difference)) + rounding / h);
    });
  });

  test("finite at extremes: a million purchases, ages of 1e6, parameters of 1e5 and 1e-5", () => {
    const ll = mbgnbdLogLikelihood(published, summary([1e6, 0, 3], [9e5, 0, 1], [1e6, 1e6, 1e6]));
    expect(Number.isFinite(ll)).toBe(true);
    expect(mbgnbdPAlive(published, 1e6, 1, 1e6)).toBe(0);
    expect(mbgnbdPAlive(published, 1e6, 1e6, 1e6)).toBeCloseTo(1 / (1 + 0.891 / (1.614 + 1e6)), 12);
    for (const q of [
      { r: 1e5, alpha: 1e5, a: 1e5, b: 1e5 },
      { r: 1e-5, alpha: 1e-5, a: 1e-5, b: 1e-5 },
      { r: 1e5, alpha: 1e-5, a: 1e-5, b: 1e5 },
    ]) {
      for (const [x, tx, T] of [
        [0, 0, 1e4],
        [3, 10, 1e4],
        [1e4, 1e4, 1e4],
      ] as const) {
        expect(Number.isFinite(mbgnbdLogLikelihood(q, summary([x], [tx], [T])))).toBe(true);
        const alive = mbgnbdPAlive(q, x, tx, T);
        expect(alive >= 0 && alive <= 1).toBe(true);
        expect(Number.isFinite(mbgnbdExpected(q, 52, x, tx, T))).toBe(true);
      }
    }
  });

  test("20,000 customers simulated from r = 0.5, α = 6, a = 0.7, b = 2.5: every estimate within 3.5 standard errors", () => {
    const truth = { r: 0.5, alpha: 6, a: 0.7, b: 2.5 };
    const random = mulberry32(20261202);
    const n = 20_000;
    const x = new Float64Array(n);
    const tx = new Float64Array(n);
    const T = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      T[i] = 26 + 26 * random();
      const lambda = gammaDraw(random, truth.r, truth.alpha);
      const p = betaDraw(random, truth.a, truth.b);
      if (random() < p) continue; // dropped at the first purchase
      let time = 0;
      for (;;) {
        time += -Math.log(1 - random()) / lambda;
        if (time > T[i]!) break;
        x[i]!++;
        tx[i] = time;
        if (random() < p) break;
      }
    }
    const fit = fitMbgnbd({ x, tx, T });
    (["r", "alpha", "a", "b"] as const).forEach((k) => {
      const logSe = fit.standardErrors[k] / fit.params[k];
      expect(Math.abs(Math.log(fit.params[k]) - Math.log(truth[k]))).toBeLessThan(3.5 * logSe);
      expect(logSe).toBeLessThan(0.25);
    });
  });
});

describe("MBG/NBD warnings", () => {
  test("almost no dropout (p ~ Beta(0.1, 20), mean 0.5%, 20,000 customers): the fit converges and warns dropout ≈ 0", () => {
    const random = mulberry32(9);
    const n = 20_000;
    const x = new Float64Array(n);
    const tx = new Float64Array(n);
    const T = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      T[i] = 26 + 26 * random();
      const lambda = gammaDraw(random, 0.5, 6);
      const p = betaDraw(random, 0.1, 20);
      if (random() < p) continue;
      let time = 0;
      for (;;) {
        time += -Math.log(1 - random()) / lambda;
        if (time > T[i]!) break;
        x[i]!++;
        tx[i] = time;
        if (random() < p) break;
      }
    }
    const fit = fitMbgnbd({ x, tx, T });
    expect(fit.params.a / (fit.params.a + fit.params.b)).toBeLessThan(0.01);
    expect(fit.warnings.at(-1)).toMatch(/^dropout ≈ 0: the mean chance of dropping out at the first purchase or after a repeat purchase is 0\.\d+%/);
  });
});

describe("MBG/NBD bad input", () => {
  test("impossible rows name the argument, the row and the value (the BG/NBD row rules)", () => {
    expect(codeOf(() => fitMbgnbd(summary([1, 2], [3, 40], [10, 39])))).toBe("BAD_VALUE: t_x row 2 is 40, after T = 39: the last purchase must fall within the customer's age");
    expect(codeOf(() => fitMbgnbd(summary([1, -1], [1, 1], [2, 2])))).toMatch(/^BAD_VALUE: x row 2: repeat purchases must be a whole number ≥ 0, found -1/);
    expect(codeOf(() => fitMbgnbd(summary([0, 1], [0, -2], [2, 2])))).toMatch(/^BAD_VALUE: t_x row 2: .* found -2/);
    expect(codeOf(() => fitMbgnbd(summary([0], [0], [-1])))).toMatch(/^BAD_VALUE: T row 1: the customer's age cannot be negative, found -1/);
    expect(codeOf(() => fitMbgnbd(summary([3], [0], [5])))).toMatch(/^BAD_VALUE: t_x row 1 is 0 but x is 3/);
    expect(codeOf(() => fitMbgnbd(summary([1, 1], [1, 1], [2, 2]), Float64Array.of(1, -1)))).toMatch(/^BAD_VALUE: weights row 2/);
  });

  test("mismatched heights, no complete row, nobody repeating, data that do not identify the model", () => {
    expect(codeOf(() => fitMbgnbd({ x: Float64Array.of(1, 2), tx: Float64Array.of(1), T: Float64Array.of(2, 2) }))).toMatch(/^LENGTH_MISMATCH: t_x has 1 rows but x has 2/);
    expect(codeOf(() => fitMbgnbd(summary([1], [1], [2]), Float64Array.of(1, 1)))).toMatch(/^LENGTH_MISMATCH: weights has 2 rows/);
    expect(codeOf(() => fitMbgnbd(summary([Number.NaN], [1], [2])))).toMatch(/^EMPTY_INPUT/);
    expect(codeOf(() => fitMbgnbd(summary([0, 0], [0, 0], [5, 6])))).toMatch(/^NOT_COMPUTABLE: no customer has a repeat purchase/);
    const n = 200;
    const steady = summary(
      Array.from({ length: n }, () => 10),
      Array.from({ length: n }, () => 20),
      Array.from({ length: n }, () => 20),
    );
    expect(codeOf(() => fitMbgnbd(steady))).toMatch(/^NOT_CONVERGED: the MBG\/NBD fit did not converge: /);
  });

  test("parameters must be positive and finite", () => {
    expect(codeOf(() => checkMbgnbdParams({ ...published, b: -1 }))).toBe("BAD_VALUE: params: b must be a positive number, found -1");
    expect(codeOf(() => checkMbgnbdParams({ ...published, r: Number.NaN }, "mbgnbd_params"))).toBe("BAD_VALUE: mbgnbd_params: r must be a positive number, found NaN");
  });
});
