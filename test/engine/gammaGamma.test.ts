import { CvError, fitGammaGamma, gammaGammaLogLikelihood, gammaGammaSpend } from "../../src/engine";
import { logScaleStandardErrors, simulateCustomers } from "../helpers/btydSimulation";

describe("Gamma-Gamma", () => {
  test("log-likelihood by hand: p = 1, q = 2, γ = 1, one customer with x = 1 and m = 1 → ln Γ(3) − ln Γ(1) − ln Γ(2) − 3 ln 2 = −2 ln 2", () => {
    expect(gammaGammaLogLikelihood({ p: 1, q: 2, gamma: 1 }, Float64Array.of(1), Float64Array.of(1))).toBeCloseTo(-2 * Math.LN2, 14);
    // x = 0 customers are not part of the model; x = 2, m = 3: ln Γ(4)/(Γ(2)Γ(2)) + 2 ln 1 + 1·ln 3 + 2 ln 2 − 4 ln 7
    const two = Math.log(6) + Math.log(3) + 2 * Math.LN2 - 4 * Math.log(7);
    expect(gammaGammaLogLikelihood({ p: 1, q: 2, gamma: 1 }, Float64Array.of(1, 0, 2), Float64Array.of(1, 0, 3))).toBeCloseTo(-2 * Math.LN2 + two, 12);
  });

  test("expected spend: shrinks the customer's own mean towards the population mean pγ/(q−1)", () => {
    const g = { p: 2, q: 3, gamma: 10 };
    expect(gammaGammaSpend(g, 0, Number.NaN)).toBe(10); // 2 · 10 / 2
    expect(gammaGammaSpend(g, 1, 40)).toBeCloseTo(((10 + 40) * 2) / (2 + 2), 14); // 25, between 10 and 40
    expect(gammaGammaSpend(g, 100, 40)).toBeCloseTo(((10 + 4000) * 2) / (200 + 2), 12); // ≈ 39.7
  });

  test("recovers p = 4, q = 3, γ = 20 from 30,000 simulated customers within 3.5 standard errors", () => {
    const truth = { p: 4, q: 3, gamma: 20 };
    const sim = simulateCustomers(30_000, { r: 1.5, alpha: 4, a: 0.5, b: 4 }, truth, { minT: 30, maxT: 52 }, 99);
    const fit = fitGammaGamma(sim.x, sim.avgSpend);
    expect(fit.customers).toBeGreaterThan(20_000);
    const logs = [fit.params.p, fit.params.q, fit.params.gamma].map(Math.log);
    const se = logScaleStandardErrors((v) => gammaGammaLogLikelihood({ p: Math.exp(v[0]!), q: Math.exp(v[1]!), gamma: Math.exp(v[2]!) }, sim.x, sim.avgSpend), logs);
    [truth.p, truth.q, truth.gamma].forEach((value, k) => {
      expect(Math.abs(logs[k]! - Math.log(value))).toBeLessThan(3.5 * se[k]!);
      expect(se[k]!).toBeLessThan(0.2);
    });
  });

  test("a repeat customer with no spend is an error naming the row; q ≤ 1 has no expected spend", () => {
    expect(() => fitGammaGamma(Float64Array.of(1, 2), Float64Array.of(5, -1))).toThrow("avg_spend row 2 is -1: Gamma-Gamma needs a positive average spend for a customer with repeat purchases (x = 2)");
    expect(() => fitGammaGamma(Float64Array.of(1, 2), Float64Array.of(5))).toThrow(CvError);
    expect(() => gammaGammaSpend({ p: 1, q: 1, gamma: 1 }, 1, 1)).toThrow(/q > 1/);
  });
});
