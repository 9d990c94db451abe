import { mulberry32 } from "./random";

// Module-level aliases: a global lookup of Math in a hot loop is slow inside Jest's vm contexts.
const { log, sqrt, cos, pow } = Math;

/**
 * Seeded draws from the BG/NBD and Gamma-Gamma models themselves, for parameter-recovery
 * tests and the benchmark. Independent of src/engine: only the models' generative story.
 */

/** A standard normal draw (Box–Muller). */
function normal(random: () => number): number {
  return sqrt(-2 * log(1 - random())) * cos(2 * Math.PI * random());
}

/** A Gamma(shape, rate) draw: Marsaglia–Tsang, with the U^(1/shape) boost for shape < 1. */
export function gammaDraw(random: () => number, shape: number, rate: number): number {
  if (shape < 1) return gammaDraw(random, shape + 1, rate) * pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / sqrt(9 * d);
  for (;;) {
    let z: number;
    let v: number;
    do {
      z = normal(random);
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (log(u) < 0.5 * z * z + d - d * v + d * log(v)) return (d * v) / rate;
  }
}

/** A Beta(a, b) draw from two gamma draws. */
export function betaDraw(random: () => number, a: number, b: number): number {
  const x = gammaDraw(random, a, 1);
  return x / (x + gammaDraw(random, b, 1));
}

/** Customers simulated from BG/NBD (and Gamma-Gamma spend), as the summary the models are fitted on. */
export interface SimulatedCustomers {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Average spend of the repeat purchases (0 when x = 0). */
  avgSpend: Float64Array;
}

/**
 * n customers from BG/NBD with ages T uniform in [minT, maxT]: λ ~ Gamma(r, α),
 * p ~ Beta(a, b); from the first purchase at 0, purchases arrive at rate λ and after each
 * repeat purchase the customer leaves with probability p. Each purchase's spend is
 * Gamma(pSpend, ν) with ν ~ Gamma(q, γ) per customer.
 */
export function simulateCustomers(
  n: number,
  bg: { r: number; alpha: number; a: number; b: number },
  gg: { p: number; q: number; gamma: number },
  ages: { minT: number; maxT: number },
  seed: number,
): SimulatedCustomers {
  const random = mulberry32(seed);
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const avgSpend = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const age = ages.minT + (ages.maxT - ages.minT) * random();
    const lambda = gammaDraw(random, bg.r, bg.alpha);
    const p = betaDraw(random, bg.a, bg.b);
    const nu = gammaDraw(random, gg.q, gg.gamma);
    let t = 0;
    let count = 0;
    let spend = 0;
    for (;;) {
      t += -log(1 - random()) / lambda;
      if (t > age) break;
      count++;
      tx[i] = t;
      spend += gammaDraw(random, gg.p, nu);
      if (random() < p) break;
    }
    x[i] = count;
    T[i] = age;
    avgSpend[i] = count > 0 ? spend / count : 0;
  }
  return { x, tx, T, avgSpend };
}

/**
 * Standard errors of maximum-likelihood estimates on the log scale: the square roots of the
 * diagonal of the inverse observed information, the Hessian of −log L by central
 * differences (step h) at the estimate. For "within sampling error" checks.
 */
export function logScaleStandardErrors(logLikelihood: (logs: readonly number[]) => number, at: readonly number[], h = 1e-3): number[] {
  const n = at.length;
  const f = (shift: Array<[number, number]>) => {
    const p = [...at];
    for (const [i, d] of shift) p[i] = p[i]! + d;
    return -logLikelihood(p);
  };
  const H: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v =
        i === j
          ? (f([[i, h]]) - 2 * f([]) + f([[i, -h]])) / (h * h)
          : (f([[i, h], [j, h]]) - f([[i, h], [j, -h]]) - f([[i, -h], [j, h]]) + f([[i, -h], [j, -h]])) / (4 * h * h);
      H[i]![j] = v;
      H[j]![i] = v;
    }
  }
  // Gauss–Jordan inverse of the (small, positive definite) Hessian.
  const A = H.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[pivot]![c]!)) pivot = r;
    [A[c], A[pivot]] = [A[pivot]!, A[c]!];
    const div = A[c]![c]!;
    A[c] = A[c]!.map((v) => v / div);
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const factor = A[r]![c]!;
      A[r] = A[r]!.map((v, k) => v - factor * A[c]![k]!);
    }
  }
  return Array.from({ length: n }, (_, i) => sqrt(A[i]![n + i]!));
}
