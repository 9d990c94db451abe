import { CvError, hyp2f1, lnBeta, lnGamma, lnHyp2f1Series, minimize } from "../../src/engine";

describe("lnGamma and lnBeta", () => {
  test.each([
    [1, 0],
    [2, 0],
    [5, Math.log(24)],
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [1.5, Math.log(Math.sqrt(Math.PI) / 2)],
    [0.1, Math.log(9.513507698668731836)], // Γ(0.1), tabulated
    [171, Math.log(7.257415615307998967e306)], // 170!
  ])("ln Γ(%p)", (x, expected) => {
    expect(lnGamma(x)).toBeCloseTo(expected, 11);
  });
  test("ln Γ(x + 1) = ln Γ(x) + ln x across magnitudes", () => {
    for (const x of [0.01, 0.3, 2.7, 33.3, 1234.5]) expect(lnGamma(x + 1) - lnGamma(x)).toBeCloseTo(Math.log(x), 10);
  });
  test("B(2, 3) = 1/12", () => {
    expect(lnBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
  });
});

describe("hyp2f1 against closed forms", () => {
  test.each([0.3, 0.5, 0.9, 0.99, 0.999])("₂F₁(1, 1; 2; z) = −ln(1 − z)/z at z = %p", (z) => {
    expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 9);
  });
  test.each([0.2, 0.7, 0.95])("₂F₁(a, b; b; z) = (1 − z)^−a at z = %p", (z) => {
    expect(hyp2f1(2.3, 1.7, 1.7, z) / Math.pow(1 - z, -2.3)).toBeCloseTo(1, 11);
  });
  test("₂F₁(½, ½; 3/2; z²) = arcsin(z)/z", () => {
    expect(hyp2f1(0.5, 0.5, 1.5, 0.64)).toBeCloseTo(Math.asin(0.8) / 0.8, 12);
  });
  test("₂F₁(a, b; c; 0) = 1, and |z| ≥ 1 is NOT_CONVERGED", () => {
    expect(hyp2f1(3, 4, 5, 0)).toBe(1);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(CvError);
  });
});

describe("Nelder–Mead", () => {
  test("the Rosenbrock valley: minimum at (1, 1)", () => {
    const run = minimize(([x, y]) => 100 * (y! - x! * x!) ** 2 + (1 - x!) ** 2, [-1.2, 1]);
    expect(run.converged).toBe(true);
    expect(run.x[0]).toBeCloseTo(1, 6);
    expect(run.x[1]).toBeCloseTo(1, 6);
  });
  test("points outside the domain (non-finite values) are avoided", () => {
    const run = minimize(([x]) => (x! <= 0 ? Number.NaN : x! - Math.log(x!)), [3]);
    expect(run.x[0]).toBeCloseTo(1, 6);
  });
  test("the iteration limit reports no convergence", () => {
    const run = minimize(([x, y]) => 100 * (y! - x! * x!) ** 2 + (1 - x!) ** 2, [-1.2, 1], { maxIterations: 5 });
    expect(run.converged).toBe(false);
  });
});

describe("lnBeta with one argument large (the b + x of a dropout-free fit)", () => {
  // B(1, b) = 1/b and B(2, b) = 1/(b(b + 1)) exactly; the plain ln Γ difference kept no digit at b = 1e50.
  test.each([1e3, 1e6, 1e15, 1e50, 1e300])("b = %p", (b) => {
    expect(lnBeta(1, b)).toBeCloseTo(-Math.log(b), 10);
    expect(lnBeta(2, b)).toBeCloseTo(-Math.log(b) - Math.log1p(b), 9);
    expect(lnBeta(b, 1)).toBe(lnBeta(1, b));
  });
});

describe("lnHyp2f1Series with one huge upper parameter below c (BG/NBD's Euler form when b is huge)", () => {
  test("2F1(a, 1; a + 1; z) = a Σ zᵏ/(a + k), for a = 1,000,000: the tighter tail bound stops once the terms fade (the looser one needed 4 million terms and gave up)", () => {
    const a = 1_000_000;
    const z = 0.8;
    let direct = 0;
    let power = 1;
    for (let k = 0; power > 1e-30; k++, power *= z) direct += (a * power) / (a + k);
    const s = lnHyp2f1Series(a, 1, a + 1, z);
    expect(s.sign).toBe(1);
    expect(Math.exp(s.log)).toBeCloseTo(direct, 10);
  });
});
