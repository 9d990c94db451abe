import { bgnbdCountProbabilities, bgnbdExpected, bgnbdLogLikelihood, bgnbdPAlive, bgnbdUnconditional, fitBgnbd, fitBgnbdSteps, frequencyFit, lnBeta } from "../../src/engine";
import { thrownCvError } from "../helpers/errors";
import { logScaleStandardErrors, simulateCustomers } from "../helpers/btydSimulation";
import { cdnowPublishedSummary } from "../helpers/cdnow";

const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const summary = (x: number[], tx: number[], T: number[]) => ({ x: Float64Array.from(x), tx: Float64Array.from(tx), T: Float64Array.from(T) });
const codeOf = (fn: () => unknown): string => {
  const error = thrownCvError(fn);
  return `${error.code}: ${error.message}`;
};

/**
 * E[Y(t) | x, t_x, T] by a route that shares nothing with the engine's hypergeometric
 * formula: given alive, λ | data ~ Gamma(r+x, α+T) and p | data ~ Beta(a, b+x), and a
 * customer alive at T makes (1 − e^(−λpt))/p purchases in t on average; so
 * E = P(alive) · E_p[(1 − ((α+T)/(α+T+pt))^(r+x)) / p], the p-integral by the midpoint rule
 * (after p = u^(1/a) when a < 1, which removes the p^(a−1) singularity).
 */
function expectedByQuadrature(p: typeof published, t: number, x: number, tx: number, T: number): number {
  const { pow } = Math;
  const A = p.alpha + T;
  const s = p.r + x;
  const n = 200_000;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const u = (i + 0.5) / n;
    // a < 1: p = u^(1/a) absorbs p^(a−1) (density factor 1/a); a ≥ 1: p = u directly.
    const prob = p.a < 1 ? pow(u, 1 / p.a) : u;
    const density = p.a < 1 ? 1 / p.a : pow(prob, p.a - 1);
    sum += ((1 - pow(A / (A + prob * t), s)) / prob) * pow(1 - prob, p.b + x - 1) * density;
  }
  const pAlive = x === 0 ? 1 : 1 / (1 + (p.a / (p.b + x - 1)) * pow(A / (p.alpha + tx), s));
  return (pAlive * sum) / n / Math.exp(lnBeta(p.a, p.b + x));
}

describe("BG/NBD on the published CDNOW summary (Fader, Hardie & Lee 2005)", () => {
  const cdnow = cdnowPublishedSummary();
  const s = { x: cdnow.x, tx: cdnow.tx, T: cdnow.T };

  test("the fit reproduces r = 0.243, α = 4.414, a = 0.793, b = 2.426 and log-likelihood −9582.4", () => {
    const fit = fitBgnbd(s);
    expect(fit.customers).toBe(2357);
    expect(fit.params.r.toFixed(3)).toBe("0.243");
    expect(fit.params.alpha.toFixed(3)).toBe("4.414");
    expect(fit.params.a.toFixed(3)).toBe("0.793");
    expect(fit.params.b.toFixed(3)).toBe("2.426");
    expect(fit.logLikelihood.toFixed(1)).toBe("-9582.4");
  });

  test("the log-likelihood at the published (rounded) estimates is −9582.4", () => {
    expect(bgnbdLogLikelihood(published, s).toFixed(1)).toBe("-9582.4");
  });

  test("the stepwise fit reports progress and ends where the plain fit does", () => {
    const steps = fitBgnbdSteps(s);
    let reports = 0;
    let next = steps.next();
    while (!next.done) {
      reports++;
      expect(next.value.iterations).toBeGreaterThan(0);
      next = steps.next();
    }
    expect(reports).toBeGreaterThan(0);
    expect(next.value.params).toEqual(fitBgnbd(s).params);
  });

  test("actual customers by repeat purchases: 1,411 never repeated; both series add up to 2,357", () => {
    const fit = frequencyFit(published, s, 7);
    let zeros = 0;
    let sevenPlus = 0;
    for (const x of cdnow.x) {
      if (x === 0) zeros++;
      if (x >= 7) sevenPlus++;
    }
    expect(fit.buckets).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    expect(fit.actual[0]).toBe(zeros);
    expect(zeros).toBe(1411);
    expect(fit.actual[7]).toBe(sevenPlus);
    expect(fit.actual.reduce((a, b) => a + b, 0)).toBe(2357);
    expect(fit.expected.reduce((a, b) => a + b, 0)).toBeCloseTo(2357, 6);
    // The model tracks the histogram closely (FHL Figure 3): within 10% on the big buckets.
    for (const k of [0, 1, 2]) expect(Math.abs(fit.expected[k]! - fit.actual[k]!) / fit.actual[k]!).toBeLessThan(0.1);
  });
});

describe("BG/NBD formulas, by hand", () => {
  // r = 1, α = 2, a = 1, b = 2 make every gamma and beta term a simple fraction.
  const p = { r: 1, alpha: 2, a: 1, b: 2 };

  test("log-likelihood of x = 1, t_x = 1, T = 2 and of x = 0, T = 2", () => {
    // x = 1: ln Γ(2)/Γ(1) = 0; r ln α = ln 2; ln B(1,3) − ln B(1,2) = ln(1/3) − ln(1/2) = ln(2/3);
    //        (α+T)^−(r+x) = 4^−2 = 1/16; a/(b+x−1) · (α+t_x)^−(r+x) = 1/2 · 3^−2 = 1/18
    const one = Math.log(2) + Math.log(2 / 3) + Math.log(1 / 16 + 1 / 18);
    // x = 0: ln 2 + 0 + (α+T)^−r = 1/4
    const zero = Math.log(2) + Math.log(1 / 4);
    expect(bgnbdLogLikelihood(p, summary([1], [1], [2]))).toBeCloseTo(one, 12);
    expect(bgnbdLogLikelihood(p, summary([1, 0], [1, 0], [2, 2]))).toBeCloseTo(one + zero, 12);
  });

  test("stable at extremes: 5,000 repeat purchases, ages of 10,000 periods, a last purchase long ago", () => {
    // Direct evaluation would need (α+T)^−(r+x) = 10002^−5001 ≈ 1e−20000, which underflows to 0 and gives ln 0 = −∞.
    const ll = bgnbdLogLikelihood(p, summary([5000, 1], [9999, 1], [10000, 10000]));
    expect(Number.isFinite(ll)).toBe(true);
    // For x = 1, t_x = 1, T = 10,000 by hand: ln 2 + ln(2/3) + ln(10002^−2 + 1/2 · 3^−2)
    const single = Math.log(2) + Math.log(2 / 3) + Math.log(10002 ** -2 + 1 / 18);
    expect(bgnbdLogLikelihood(p, summary([1], [1], [10000]))).toBeCloseTo(single, 12);
    expect(bgnbdPAlive(p, 5000, 1, 10000)).toBe(0);
    expect(bgnbdPAlive(p, 5000, 10000, 10000)).toBeCloseTo(1 / (1 + 1 / 5001), 12);
  });

  test("a customer first seen on the last day (T = 0, x = 0) adds ln 1 = 0 to the likelihood and is alive", () => {
    expect(bgnbdLogLikelihood(p, summary([1, 0], [1, 0], [2, 0]))).toBeCloseTo(bgnbdLogLikelihood(p, summary([1], [1], [2])), 14);
    expect(bgnbdPAlive(p, 0, 0, 0)).toBe(1);
  });

  test("rows with a blank value are left out of the likelihood", () => {
    expect(bgnbdLogLikelihood(p, summary([1, Number.NaN], [1, 0], [2, 2]))).toBeCloseTo(bgnbdLogLikelihood(p, summary([1], [1], [2])), 12);
  });

  test("P(alive): 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) = 1 / (1 + 1/2 · (4/3)²) = 9/17; 1 without repeats", () => {
    expect(bgnbdPAlive(p, 1, 1, 2)).toBeCloseTo(9 / 17, 14);
    expect(bgnbdPAlive(p, 0, 0, 2)).toBe(1);
    // Bought at the very end of the period: the ratio is 1 → 1 / (1 + a/(b+x−1)) = 1 / (1 + 1/2) = 2/3
    expect(bgnbdPAlive(p, 1, 2, 2)).toBeCloseTo(2 / 3, 14);
  });

  test("P(X(t) = 0) = (α/(α+t))^r = 1/2 and P(X(t) = 1) = 2/3 · 1/4 + 1/3 · 1/2 = 1/3 at t = 2", () => {
    // P(1) = B(1,3)/B(1,2) · r (α/(α+t))^r · t/(α+t) + B(2,2)/B(1,2) · (1 − (α/(α+t))^r) = 2/3 · 1/4 + 1/3 · 1/2
    const probabilities = bgnbdCountProbabilities(p, 2, 60);
    expect(probabilities[0]).toBeCloseTo(0.5, 14);
    expect(probabilities[1]).toBeCloseTo(1 / 3, 14);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  test.each([
    // [t, x, t_x, T] on CDNOW's parameters (a < 1), with z = t/(α+T+t) below and above 1/2
    [39, 0, 0, 38.86],
    [39, 2, 30.43, 38.86],
    [39, 26, 30.86, 31],
    [520, 3, 20, 38],
    [5000, 1, 1, 2],
  ])("conditional expected purchases in t = %p for x = %p, t_x = %p, T = %p agree with a quadrature of the posterior", (t, x, tx, T) => {
    expect(bgnbdExpected(published, t, x, tx, T)).toBeCloseTo(expectedByQuadrature(published, t, x, tx, T), 7);
  });

  test("conditional expectation with a > 1 (and at a = 1 exactly, the formula's removable singularity)", () => {
    const q = { r: 0.8, alpha: 5, a: 2.5, b: 4 };
    expect(bgnbdExpected(q, 26, 4, 20, 30)).toBeCloseTo(expectedByQuadrature(q, 26, 4, 20, 30), 7);
    const one = { r: 0.8, alpha: 5, a: 1, b: 4 };
    expect(bgnbdExpected(one, 26, 4, 20, 30)).toBeCloseTo(expectedByQuadrature(one, 26, 4, 20, 30), 5);
    expect(bgnbdExpected(q, 0, 4, 20, 30)).toBe(0);
  });

  test("unconditional E[X(t)] agrees with the mean of 200,000 customers simulated from the model (within 4 standard errors)", () => {
    const params = { r: 0.6, alpha: 5, a: 0.9, b: 3 };
    const sim = simulateCustomers(200_000, params, { p: 2, q: 3, gamma: 10 }, { minT: 30, maxT: 30 }, 7);
    let mean = 0;
    for (const x of sim.x) mean += x / sim.x.length;
    let variance = 0;
    for (const x of sim.x) variance += (x - mean) ** 2 / (sim.x.length - 1);
    const standardError = Math.sqrt(variance / sim.x.length);
    expect(Math.abs(bgnbdUnconditional(params, 30) - mean)).toBeLessThan(4 * standardError);
  });
});

describe("BG/NBD parameter recovery (seeded simulation)", () => {
  test("20,000 customers drawn from r = 0.5, α = 6, a = 0.7, b = 2.5: every estimate within 3.5 standard errors", () => {
    const truth = { r: 0.5, alpha: 6, a: 0.7, b: 2.5 };
    const sim = simulateCustomers(20_000, truth, { p: 2, q: 3, gamma: 10 }, { minT: 26, maxT: 52 }, 20261122);
    const s = { x: sim.x, tx: sim.tx, T: sim.T };
    const fit = fitBgnbd(s);
    const logs = [fit.params.r, fit.params.alpha, fit.params.a, fit.params.b].map(Math.log);
    const se = logScaleStandardErrors((v) => bgnbdLogLikelihood({ r: Math.exp(v[0]!), alpha: Math.exp(v[1]!), a: Math.exp(v[2]!), b: Math.exp(v[3]!) }, s), logs);
    [truth.r, truth.alpha, truth.a, truth.b].forEach((value, k) => {
      expect(Math.abs(logs[k]! - Math.log(value))).toBeLessThan(3.5 * se[k]!);
      // and the standard errors are small: the data pin the parameters down
      expect(se[k]!).toBeLessThan(0.25);
    });
  });
});

describe("BG/NBD bad input", () => {
  test("t_x after T names the row and both values", () => {
    expect(codeOf(() => fitBgnbd(summary([1, 2], [3, 40], [10, 39])))).toBe("BAD_VALUE: t_x row 2 is 40, after T = 39: the last purchase must fall within the customer's age");
  });
  test("a negative or fractional x, a negative t_x, a negative age, repeats with t_x = 0", () => {
    expect(codeOf(() => fitBgnbd(summary([1, -1], [1, 1], [2, 2])))).toMatch(/^BAD_VALUE: x row 2: repeat purchases must be a whole number ≥ 0, found -1/);
    expect(codeOf(() => fitBgnbd(summary([1.5], [1], [2])))).toMatch(/^BAD_VALUE: x row 1: .* found 1.5/);
    expect(codeOf(() => fitBgnbd(summary([0, 1], [0, -2], [2, 2])))).toMatch(/^BAD_VALUE: t_x row 2: .* found -2/);
    expect(codeOf(() => fitBgnbd(summary([0], [0], [-1])))).toMatch(/^BAD_VALUE: T row 1: the customer's age cannot be negative, found -1/);
    expect(codeOf(() => fitBgnbd(summary([3], [0], [5])))).toMatch(/^BAD_VALUE: t_x row 1 is 0 but x is 3/);
  });
  test("mismatched heights, no complete row, nobody repeating", () => {
    expect(codeOf(() => fitBgnbd({ x: Float64Array.of(1, 2), tx: Float64Array.of(1), T: Float64Array.of(2, 2) }))).toMatch(/^LENGTH_MISMATCH: t_x has 1 rows but x has 2/);
    expect(codeOf(() => fitBgnbd(summary([Number.NaN], [1], [2])))).toMatch(/^EMPTY_INPUT/);
    expect(codeOf(() => fitBgnbd(summary([0, 0], [0, 0], [5, 6])))).toMatch(/^NOT_COMPUTABLE: no customer has a repeat purchase/);
  });
  test("data that do not identify the model (everyone buys steadily to the end, nobody drops out) → NOT_CONVERGED, not a number", () => {
    const n = 200;
    const s = summary(
      Array.from({ length: n }, () => 10),
      Array.from({ length: n }, () => 20),
      Array.from({ length: n }, () => 20),
    );
    expect(codeOf(() => fitBgnbd(s))).toMatch(/^NOT_CONVERGED: the BG\/NBD fit did not converge/);
  });
});
