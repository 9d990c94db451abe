/**
 * Lifetime value at the numeric edges (issue 12): frequent buyers, long horizons, values
 * near 1e308, fits that run off, and Markov horizons of 1e8–1e308 periods. Every expected
 * value comes from a hand computation written here (closed forms, asymptotics, a plain loop
 * or a cofactor inverse), never from the code under test.
 */
import {
  type MinimizeProgress,
  bgnbdExpected,
  bgnbdPAlive,
  bgnbdUnconditional,
  fitBgnbd,
  fitBgnbdSteps,
  fitGammaGamma,
  fitGammaGammaSteps,
  gammaGammaSpend,
  lnHyp2f1Series,
  minimize,
  modelClv,
  repeatRowProblem,
  resolveModelClvOptions,
  retentionClv,
  retentionClvColumn,
  simpleClv,
  simpleClvColumn,
} from "../../src/engine";
import { markovClv, transitionMatrix } from "../../src/engine/lifetime/markov";
import { thrownCvError } from "../helpers/errors";
import { cdnowPublishedSummary } from "../helpers/cdnow";

const cdnow = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const gg = { p: 6.25, q: 3.74, gamma: 15.44 };
const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

/** Drives a stepwise fit to its end; returns the last progress report and the error it threw. */
function runSteps(steps: Generator<MinimizeProgress, unknown>): { last: MinimizeProgress | undefined; error: unknown } {
  let last: MinimizeProgress | undefined;
  try {
    for (let next = steps.next(); !next.done; next = steps.next()) last = next.value;
  } catch (error) {
    return { last, error };
  }
  return { last, error: undefined };
}

describe("BG/NBD P(alive) and expected purchases for frequent buyers and long horizons", () => {
  test("P(alive) with a million purchases: 1 / (1 + a/(b+x−1)) when the last purchase is at T, and 0 (not NaN) long after", () => {
    const p = { r: 1, alpha: 2, a: 1, b: 2 };
    // ((α+T)/(α+t_x))^(r+x) = 1 → 1 / (1 + 1/(2 + 1e6 − 1))
    expect(bgnbdPAlive(p, 1e6, 10, 10)).toBeCloseTo((1e6 + 1) / (1e6 + 2), 14);
    expect(bgnbdPAlive(p, 1e6, 9, 10)).toBe(0);
    // T = 1e300: the ratio's log is taken, not the ratio
    expect(bgnbdPAlive(p, 3, 1e300, 1e300)).toBeCloseTo(1 / (1 + 1 / 4), 14);
  });

  test("a million purchases, bought up to T: the x → ∞ limit P(alive) · (b+x)(1 − (1+c)^(1−a))/(a−1), c = t(r+x)/((α+T)(b+x))", () => {
    // As x grows, λ | data concentrates at (r+x)/(α+T) and p | data ~ Beta(a, b+x) ≈ Gamma(a)/(b+x); then
    // E[(1 − e^(−λpt))/p] = (b+x) E_g[(1 − e^(−cg))/g] = (b+x) (1 − (1+c)^(1−a))/(a−1), to O(1/x).
    const x = 1e6;
    const T = 39;
    const t = 39;
    const { r, alpha, a, b } = cdnow;
    const c = (t * (r + x)) / ((alpha + T) * (b + x));
    const alive = 1 / (1 + a / (b + x - 1));
    const limit = (alive * (b + x) * (1 - Math.pow(1 + c, 1 - a))) / (a - 1);
    const value = bgnbdExpected(cdnow, t, x, T, T);
    expect(Number.isFinite(value)).toBe(true);
    expect(relative(value, limit)).toBeLessThan(1e-5);
  });

  test("a thousand purchases over a 1,200-month horizon (the old series overflowed to NaN)", () => {
    const x = 1000;
    const T = 39;
    const t = 5218; // 1,200 months in weeks
    const { r, alpha, a, b } = cdnow;
    const c = (t * (r + x)) / ((alpha + T) * (b + x));
    const limit = ((1 / (1 + a / (b + x - 1))) * (b + x) * (1 - Math.pow(1 + c, 1 - a))) / (a - 1);
    expect(relative(bgnbdExpected(cdnow, t, x, T, T), limit)).toBeLessThan(3e-3);
  });

  test("t = 1e12 and t = 1e300 with a > 1: the expectation tends to P(alive) · (a+b+x−1)/(a−1), the mean number of purchases before dropping out", () => {
    const q = { r: 0.8, alpha: 5, a: 2.5, b: 4 };
    // x = 4, t_x = T = 30: P(alive) = 1 / (1 + 2.5/7); E[1/p] for p ~ Beta(2.5, 8) = 9.5/1.5.
    // The remainder E_p[(A/(A+pt))^(r+x) / p] is of order (A/t)^(a−1) ≈ 2e−16 at t = 1e12.
    const limit = (1 / (1 + 2.5 / 7)) * (9.5 / 1.5);
    expect(bgnbdExpected(q, 1e12, 4, 30, 30)).toBeCloseTo(limit, 10);
    expect(bgnbdExpected(q, 1e300, 4, 30, 30)).toBeCloseTo(limit, 12);
    // a new customer: E[X(t)] → (a+b−1)/(a−1) = 5.5/1.5
    expect(bgnbdUnconditional(q, 1e300)).toBeCloseTo(5.5 / 1.5, 12);
  });

  test("with a < 1 the expectation keeps growing like t^(1−a), finite even at t = 1e300", () => {
    // E_p[(1 − (A/(A+pt))^s)/p] ~ Γ(s − 1 + a) Γ(1 − a) ... ∝ (t/A)^(1−a): the ratio at t and 1e10 t is 1e10^(1−a).
    const small = bgnbdExpected(cdnow, 1e280, 0, 0, 39);
    const large = bgnbdExpected(cdnow, 1e290, 0, 0, 39);
    expect(Number.isFinite(large)).toBe(true);
    expect(large / small).toBeCloseTo(Math.pow(1e10, 1 - cdnow.a), 6);
  });

  test("a non-finite x, t_x or T is an impossible row naming the argument, row and value", () => {
    expect(repeatRowProblem(Number.POSITIVE_INFINITY, 1, 2, 4)?.message).toBe("x row 4: expected a finite number, found Infinity");
    expect(repeatRowProblem(1, 1, Number.POSITIVE_INFINITY, 5)?.message).toBe("T row 5: expected a finite number, found Infinity");
  });

  test("T = 0, t_x = T, x = 0 and tiny or huge parameters give finite numbers", () => {
    expect(bgnbdExpected(cdnow, 39, 0, 0, 0)).toBeCloseTo(bgnbdUnconditional(cdnow, 39), 14);
    // r = α = 1e6 (every rate 1), a = b = 1e6 (every dropout ½): alive for sure with x = 0, E = (1 − e^(−t/2)) / ½
    expect(bgnbdExpected({ r: 1e6, alpha: 1e6, a: 1e6, b: 1e6 }, 39, 0, 0, 0)).toBeCloseTo(2 * (1 - Math.exp(-39 / 2)), 5);
    // a = b = 1e−6: p is 0 or 1 with probability ½ each; with r = α = 1e−6 nearly every rate is 0 or huge
    const tiny = bgnbdExpected({ r: 1e-6, alpha: 1e-6, a: 1e-6, b: 1e-6 }, 39, 0, 0, 0);
    expect(Number.isFinite(tiny)).toBe(true);
    expect(tiny).toBeGreaterThan(0);
  });
});

describe("lnHyp2f1Series keeps its digits beyond 1e308", () => {
  test("₂F₁(1, 1; 2; ½) = 2 ln 2, and ₂F₁(a, b; b; z) = (1 − z)^−a with a = 10,000 (e^6931, far above 1e308)", () => {
    expect(lnHyp2f1Series(1, 1, 2, 0.5).log).toBeCloseTo(Math.log(2 * Math.LN2), 14);
    const big = lnHyp2f1Series(1e4, 1.7, 1.7, 0.5);
    expect(big.sign).toBe(1);
    expect(big.log / (1e4 * Math.LN2)).toBeCloseTo(1, 12);
  });
  test("negative parameters: ₂F₁(−2, 1; 1; z) = (1 − z)² is a polynomial", () => {
    const s = lnHyp2f1Series(-2, 1, 1, 0.3);
    expect(s.sign * Math.exp(s.log)).toBeCloseTo(0.49, 14);
  });
});

describe("Gamma-Gamma spend and model CLV near 1e308", () => {
  test("a spend of 1e308 gives the weighted mean (γ + m x) p / (p x + q − 1) ≈ 8.2e307, not Infinity", () => {
    // (γ p + m x p) / (p x + q − 1) with m x p = 1.25e309 overflowing on the way: 1e308 · 12.5/15.24
    expect(relative(gammaGammaSpend(gg, 2, 1e308), 1e308 * (12.5 / 15.24) + (15.44 * 6.25) / 15.24)).toBeLessThan(1e-14);
    expect(relative(gammaGammaSpend(gg, 1e6, 1e308), 1e308 * (6.25e6 / (6.25e6 + 2.74)))).toBeLessThan(1e-14);
    expect(thrownCvError(() => gammaGammaSpend({ p: 1e200, q: 1 + 1e-10, gamma: 1e200 }, 0, Number.NaN)).code).toBe("OUT_OF_RANGE");
  });

  test("model CLV with a spend of 1e308 over 1,200 months is OUT_OF_RANGE (#NUM!) with the reason; a frequent buyer gets a finite value", () => {
    const options = resolveModelClvOptions({ horizonMonths: 1200, monthlyDiscount: 0 });
    const error = thrownCvError(() => modelClv(cdnow, gg, 2, 30, 39, 1e308, options));
    expect(error.code).toBe("OUT_OF_RANGE");
    expect(error.message).toMatch(/beyond the largest number Excel holds .*rescale avg_spend/);
    // No discount: the monthly sum telescopes to spend × E[purchases in 1,200 months]; compared
    // with the x → ∞ limit of the expectation (to O(1/x)).
    const x = 1000;
    const t = (1200 * 365.25) / 12 / 7;
    const { r, alpha, a, b } = cdnow;
    const c = (t * (r + x)) / ((alpha + 39) * (b + x));
    const purchases = ((1 / (1 + a / (b + x - 1))) * (b + x) * (1 - Math.pow(1 + c, 1 - a))) / (a - 1);
    const spend = ((15.44 + 20 * x) * 6.25) / (6.25 * x + 2.74);
    expect(relative(modelClv(cdnow, gg, x, 39, 39, 20, options), spend * purchases)).toBeLessThan(3e-3);
  });
});

describe("CLV formulas near 1e308", () => {
  test("simple CLV computes (s/t)·T in an order that fits: 1e308 / 0.5 × 0.25 = 5e307; beyond ±1.8e308 is OUT_OF_RANGE", () => {
    expect(relative(simpleClv(1e308, 0.5, 0.25), 5e307)).toBeLessThan(1e-15);
    expect(thrownCvError(() => simpleClv(1e308, 0.5, 3)).code).toBe("OUT_OF_RANGE");
    const column = simpleClvColumn({ avgSpend: Float64Array.of(1e308, 50), avgInterval: 0.5, lifetime: 3 });
    expect(column.values[1]).toBe(300);
    expect(column.issues[0]?.code).toBe("OUT_OF_RANGE");
    expect(column.issues[0]?.message).toMatch(/^row 1: the simple CLV is above the largest number Excel holds/);
  });

  test("retention CLV: 1e308 · (1 + d)/(1 + d − r) = 1e308 · 2/1.5 fits; retention 1, discount 0 over 1e308 periods does not", () => {
    expect(relative(retentionClv(1e308, 0.5, 1, { timing: "start" }), 1e308 * (2 / 1.5))).toBeLessThan(1e-15);
    const error = thrownCvError(() => retentionClv(10, 1, 0, { periods: 1e308 }));
    expect(error.code).toBe("OUT_OF_RANGE");
    expect(error.message).toMatch(/retention CLV is above the largest number Excel holds.*or give fewer periods/);
    // per row: 1e−300 × 1e308 periods = 1e8 fits; 5 × 1e308 does not
    const column = retentionClvColumn({ margin: Float64Array.of(1e-300, 5), retention: 1, discount: 0, periods: 1e308, timing: "start" });
    expect(column.values[0]).toBeCloseTo(1e8, 0);
    expect(column.issues[1]?.code).toBe("OUT_OF_RANGE");
    expect(column.issues[1]?.message).toMatch(/^row 2: /);
    // a negative value beyond −1.8e308: margin −1e308 minus an acquisition cost of 1e308
    expect(thrownCvError(() => retentionClv(-1e308, 0, 0, { periods: 1, timing: "start", acquisitionCost: 1e308 })).message).toMatch(/below the largest number/);
  });
});

describe("Markov CLV without a loop per period", () => {
  /** Σ_{t=0..N} (P/(1+d))^t R period by period: the definition, written out here. */
  function plainLoop(P: number[][], R: number[], d: number, N: number): number[] {
    let term = [...R];
    const value = [...R];
    for (let t = 1; t <= N; t++) {
      term = P.map((row) => row.reduce((s, p, j) => s + p * (term[j] as number), 0) / (1 + d));
      term.forEach((v, i) => (value[i] = (value[i] as number) + v));
    }
    return value;
  }

  const P3 = [
    [0.7, 0.2, 0.1],
    [0.3, 0.5, 0.2],
    [0, 0.1, 0.9],
  ];
  const R3 = [100, 40, -5];

  test("equals the plain loop for 1 … 40 periods, and for 5,000 and 20,000 periods (summed by doubling)", () => {
    for (const d of [0, 0.1]) {
      for (let N = 1; N <= 40; N++) markovClv(P3, R3, d, N).forEach((v, i) => expect(relative(v, plainLoop(P3, R3, d, N)[i]!)).toBeLessThan(1e-13));
    }
    for (const [d, N] of [
      [0.001, 5000],
      [0, 20_000],
    ] as const) {
      const loop = plainLoop(P3, R3, d, N);
      markovClv(P3, R3, d, N).forEach((v, i) => expect(relative(v, loop[i]!)).toBeLessThan(1e-11));
    }
  });

  test("a two-state chain by hand: P = [[0.9, 0.1], [0.2, 0.8]], R = (10, 2), no discount, N = 1e6 and 1e15 periods", () => {
    // Stationary π = (2/3, 1/3), πR = 22/3; R − (πR)·1 = 8/3 · (1, −2), the eigenvector of the eigenvalue 0.7.
    // So P^t R = 22/3 · (1, 1) + 0.7^t · 8/3 · (1, −2), and Σ_{t=0..N} = (N+1) · 22/3 + 8/3 · (1 − 0.7^(N+1))/0.3 · (1, −2).
    const P = [
      [0.9, 0.1],
      [0.2, 0.8],
    ];
    for (const N of [1e6, 1e15]) {
      const V = markovClv(P, [10, 2], 0, N);
      expect(relative(V[0]!, ((N + 1) * 22) / 3 + 80 / 9)).toBeLessThan(1e-13);
      expect(relative(V[1]!, ((N + 1) * 22) / 3 - 160 / 9)).toBeLessThan(1e-13);
    }
    // the transient 80/9 itself, to 1e−6 of it: V_A − V_B = 80/9 + 160/9 = 80/3
    const V = markovClv(P, [10, 2], 0, 1e6);
    expect(V[0]! - V[1]!).toBeCloseTo(80 / 3, 4);
  });

  test("A keeps half, else moves to an absorbing B: V_A = 100 (1 − q^(N+1))/(1 − q), q = 0.5/1.1, for N = 1e8 and 1e308", () => {
    const P = [
      [0.5, 0.5],
      [0, 1],
    ];
    const q = 0.5 / 1.1;
    for (const N of [60, 1e8, 1e308]) {
      const V = markovClv(P, [100, 0], 0.1, N);
      expect(V[0]).toBeCloseTo((100 * (1 - Math.pow(q, N + 1))) / (1 - q), 10);
      expect(V[1]).toBe(0);
    }
    // no discount: the absorbing B collects nothing, A's sum is 100 · Σ 0.5^t → 200
    expect(markovClv(P, [100, 0], 0, 1e308)[0]).toBeCloseTo(200, 10);
  });

  test("discount 0 over 1e308 periods on a chain without a zero-reward trap is OUT_OF_RANGE (#NUM!) with the reason, not Infinity", () => {
    const error = thrownCvError(() => markovClv(P3, R3, 0, 1e308));
    expect(error.code).toBe("OUT_OF_RANGE");
    expect(error.message).toMatch(/^the value of state 1 over 1e\+308 periods is beyond the largest number Excel holds.*with no discount the rewards add up period after period/);
    // the infinite horizon with rewards near 1e308: 1e308 / (1 − 1/1.1) overflows
    expect(thrownCvError(() => markovClv(P3, [1e308, 1e308, 1e308], 0.1)).code).toBe("OUT_OF_RANGE");
  });

  test("periods that are not a whole number ≥ 1 are BAD_VALUE naming the argument and value", () => {
    for (const bad of [2.5, -3, 0, Number.POSITIVE_INFINITY]) {
      const error = thrownCvError(() => markovClv(P3, R3, 0.1, bad));
      expect(error.code).toBe("BAD_VALUE");
      expect(error.message).toBe(`periods: must be a whole number of periods, 1 or more (leave it blank for an infinite horizon), found ${bad}`);
    }
  });

  test("rows off 1 by rounding are scaled to add up to 1: a 3-digit matrix over 1e6 periods matches the exact one", () => {
    // 0.333 + 0.333 + 0.333 = 0.999 is refused (sum tolerance 1e−6); 1/3 typed to 7 digits is accepted and read as 1/3
    const typed = [
      [0.3333333, 0.3333333, 0.3333333],
      [0, 1, 0],
      [0, 0, 1],
    ];
    const exact = [
      [1 / 3, 1 / 3, 1 / 3],
      [0, 1, 0],
      [0, 0, 1],
    ];
    // V_1 = 30 · Σ_{t≥0} 3^−t = 45 for the exact chain (rewards only in state 1)
    expect(markovClv(typed, [30, 0, 0], 0, 1e6)[0]).toBeCloseTo(45, 10);
    expect(markovClv(exact, [30, 0, 0], 0, 1e6)[0]).toBeCloseTo(45, 10);
  });
});

describe("Markov sizes", () => {
  test("20,000 distinct ids as states are refused before any matrix is built, naming the count", () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `C${i}`);
    const error = thrownCvError(() => transitionMatrix(ids, ids));
    expect(error.code).toBe("BAD_VALUE");
    expect(error.message).toBe("from_states has 20,000 distinct states; a transition matrix holds at most 1,000 – pass stage or segment labels, not customer ids");
  });
  test("1,000 states are fine; 1,001 (from and to together) are not", () => {
    const from = Array.from({ length: 1000 }, (_, i) => `S${i}`);
    expect(transitionMatrix(from, from).states).toHaveLength(1000);
    const to = [...from.slice(1), "S1000"];
    expect(thrownCvError(() => transitionMatrix(from, to)).message).toBe(
      "from_states and to_states have 1,001 distinct states; a transition matrix holds at most 1,000 – pass stage or segment labels, not customer ids",
    );
    expect(thrownCvError(() => transitionMatrix(["S1"], ["S1"], [...from, "S1000"])).message).toMatch(/^order lists 1,001 distinct states/);
  });
  test("a transition matrix of 1,001 states is refused by markovClv", () => {
    const k = 1001;
    const identity = Array.from({ length: k }, (_, i) => Float64Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)));
    expect(thrownCvError(() => markovClv(identity, new Float64Array(k), 0.1)).message).toMatch(/^transition_matrix has 1,001 rows; a transition matrix holds at most 1,000 states/);
  });
});

describe("fits that run off stop early with #NUM! and a reason", () => {
  test("Gamma-Gamma on two customers: p or q runs off to infinity — NOT_CONVERGED naming the customers, within a bounded number of evaluations", () => {
    // x = 3, 3 with average spends 10 and 12: the old fit returned p ≈ 285,000
    const { last, error } = runSteps(fitGammaGammaSteps(Float64Array.of(3, 3), Float64Array.of(10, 12)));
    expect((error as { code?: string }).code).toBe("NOT_CONVERGED");
    expect((error as Error).message).toMatch(/^the Gamma-Gamma fit did not converge: the spends of 2 customers do not pin down p, q, gamma: [pq] runs off to infinity \([pq] = [\d,]+\).*the fit needs more customers with repeat purchases/);
    expect(last!.evaluations).toBeLessThan(2000);
    // x = 1, 2 with spends 10 and 12 ran the whole 20,000 iterations before
    const other = runSteps(fitGammaGammaSteps(Float64Array.of(1, 2), Float64Array.of(10, 12)));
    expect((other.error as { code?: string }).code).toBe("NOT_CONVERGED");
    expect(other.last!.evaluations).toBeLessThan(2000);
  });

  /** Customers who all buy once a period (rates the same for everyone); every other one stopped early. */
  function steadyBuyers(n: number) {
    const x = new Float64Array(n);
    const tx = new Float64Array(n);
    const T = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      T[i] = 20 + (i % 20);
      x[i] = i % 3 === 0 ? T[i]! - 1 : 3 + (i % 15);
      tx[i] = x[i]!;
    }
    return { x, tx, T };
  }

  test("BG/NBD on customers who all buy at the same rate: r and alpha run off together — NOT_CONVERGED in plain words", () => {
    const error = thrownCvError(() => fitBgnbd(steadyBuyers(400)));
    expect(error.code).toBe("NOT_CONVERGED");
    expect(error.message).toMatch(/^the BG\/NBD fit did not converge: the purchase rates do not differ enough between customers: r grows without limit with alpha in step/);
  });

  test("10,000 customers the model cannot fit: #NUM! after a bounded number of likelihood evaluations (not 20,000 iterations)", () => {
    const big = steadyBuyers(10_000);
    const { last, error } = runSteps(fitBgnbdSteps(big));
    expect((error as { code?: string }).code).toBe("NOT_CONVERGED");
    expect(last!.evaluations).toBeLessThan(3000);
    // nobody ever stops buying: a runs to 0
    const n = 10_000;
    const nobodyStops = { x: new Float64Array(n).fill(19), tx: new Float64Array(n).fill(19), T: new Float64Array(n).fill(20) };
    const run = runSteps(fitBgnbdSteps(nobodyStops));
    // Both things are true of these data: one common rate (r runs off) and nobody stopping.
    expect((run.error as Error).message).toMatch(/r grows without limit.*the data show almost no dropout \(mean dropout probability per purchase [\d.e-]+\)/);
    expect(run.last!.evaluations).toBeLessThan(3000);
  });

  test("the CDNOW fits are unchanged: BG/NBD r = 0.243 … and Gamma-Gamma p = 6.25 …, well inside the parameter range", () => {
    const s = cdnowPublishedSummary();
    const fit = fitBgnbd({ x: s.x, tx: s.tx, T: s.T });
    expect([fit.params.r, fit.params.alpha, fit.params.a, fit.params.b].map((v) => v.toFixed(3))).toEqual(["0.243", "4.414", "0.793", "2.426"]);
    const spend = fitGammaGamma(s.x, s.zbar);
    expect([spend.params.p, spend.params.q, spend.params.gamma].map((v) => v.toFixed(2))).toEqual(["6.25", "3.74", "15.45"]);
  });
});

describe("Nelder–Mead gives up in bounded time", () => {
  test("a point running off (f = e^−x decreases forever) stops as soon as it leaves the allowed region", () => {
    const run = minimize(([x]) => Math.exp(-x!), [0], { escaped: (v) => (v[0]! > 30 ? 0 : -1) });
    expect(run.stopped).toBe("runaway");
    expect(run.runaway).toBe(0);
    expect(run.x[0]).toBeGreaterThan(30);
    // expansions double the step: about log2(30 / 0.5) ≈ 6 iterations, far from the 20,000 limit
    expect(run.evaluations).toBeLessThan(100);
  });
  test("a value that stops improving (a flat plateau the simplex drifts on) stops after stallIterations", () => {
    // f = ln Γ-free plateau: 1 − 1e−13 · tanh(x) improves by less than 1e−10 (relative) however far x goes
    const run = minimize(([x, y]) => 1 - 1e-13 * Math.tanh(x!) + 0 * y!, [0, 0], { stallIterations: 50, pointTolerance: 1e-300 });
    expect(run.stopped).toBe("stalled");
    expect(run.iterations).toBeLessThanOrEqual(60);
  });
  test("the evaluation limit", () => {
    const run = minimize(([x, y]) => 100 * (y! - x! * x!) ** 2 + (1 - x!) ** 2, [-1.2, 1], { maxEvaluations: 40 });
    expect(run.stopped).toBe("evaluations");
    expect(run.evaluations).toBeLessThanOrEqual(45);
  });
});

describe("expected purchases where the closed form cancels (found by the fuzz test)", () => {
  // b = 1e300: the dropout probability a/(a+b) is nil, so an alive customer buys like an NBD customer,
  // (r + x) t / (α + T) (Fader, Hardie & Lee 2005, eq. 10 as b → ∞). The closed form c/(a−1)·(1 − S) lost every digit here (1e-6 for 1e-306).
  const p = { r: 0.05, alpha: 0.05, a: 0.05, b: 1e300 };
  test.each([1e-305, 1e-3, 10, 1e4])("t = %p", (t) => {
    const alive = bgnbdPAlive(p, 2, 1, 3);
    const expected = alive * 2.05 * (t / 3.05);
    expect(bgnbdExpected(p, t, 2, 1, 3) / expected).toBeCloseTo(1, 6);
  });
  test("a next to 1 (a − 1 = 1e−9) gives the a = 1 limit's neighbour, not noise: between the values at a = 0.999 and a = 1.001", () => {
    const at = (a: number) => bgnbdExpected({ r: 0.24, alpha: 4.4, a, b: 2.4 }, 39, 5, 30, 38);
    const mid = at(1 + 1e-9);
    expect(mid).toBeGreaterThan(Math.min(at(0.999), at(1.001)));
    expect(mid).toBeLessThan(Math.max(at(0.999), at(1.001)));
  });
});
