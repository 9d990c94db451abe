import type { MinimizeProgress, MinimizeStop } from "./nelderMead";

/**
 * A smooth objective for {@link bfgsSteps}: its value at `v`, with its gradient written into
 * `gradient` (same length as `v`). A non-finite value means "outside the domain".
 */
export type SmoothObjective = (v: Float64Array, gradient: Float64Array) => number;

/** Tolerances and limits for {@link bfgsSteps}. */
export interface BfgsOptions {
  /** Converged when every gradient coordinate is below this times (1 + |value|). Default 1e-9. */
  gradientTolerance?: number;
  /** Iteration limit. Default 500. */
  maxIterations?: number;
  /** The largest change of any coordinate in one step (in log-parameters: a factor e⁴). Default 4. */
  maxStep?: number;
  /** Report progress every this many iterations. Default 1. */
  reportEvery?: number;
  /** As in Nelder–Mead: the index of a coordinate that left the allowed region, or −1. */
  escaped?: (v: readonly number[]) => number;
  /** A first estimate of the inverse Hessian at the start (row-major n × n, positive definite), e.g. from a fit on a subsample; default the identity, rescaled after the first step. */
  inverseHessian?: Float64Array;
}

/** The outcome of {@link bfgsSteps}. */
export interface BfgsResult {
  x: number[];
  value: number;
  gradient: number[];
  converged: boolean;
  iterations: number;
  evaluations: number;
  stopped: MinimizeStop;
  runaway?: number;
}

/**
 * Minimises a smooth function with the BFGS quasi-Newton method: each step goes along
 * −H·g, where H is an estimate of the inverse Hessian built from the gradients seen so far,
 * and a backtracking line search accepts the first step length that lowers the value
 * enough (Armijo, c = 1e-4). H starts as the identity scaled by sᵀy / yᵀy after the first
 * step (Nocedal & Wright 2006, eq. 6.20); an update with sᵀy ≤ 0 is skipped so H stays
 * positive definite. A generator, like {@link minimizeSteps}: it yields progress every
 * `reportEvery` iterations.
 *
 * Cost: one objective-and-gradient evaluation per iteration on a good step (a few more when
 * the line search backtracks) plus O(n²) for the update; 20–40 iterations for the lifetime
 * models' 3–4 log-parameters, against Nelder–Mead's several hundred evaluations.
 *
 * @example
 * const f: SmoothObjective = (v, g) => { g[0] = 2 * (v[0]! - 1); g[1] = 2 * (v[1]! + 2); return (v[0]! - 1) ** 2 + (v[1]! + 2) ** 2; };
 * finishSteps(bfgsSteps(f, [0, 0])).x // ≈ [1, −2]
 */
export function* bfgsSteps(f: SmoothObjective, start: readonly number[], options: BfgsOptions = {}): Generator<MinimizeProgress, BfgsResult> {
  const n = start.length;
  const gradientTolerance = options.gradientTolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 500;
  const maxStep = options.maxStep ?? 4;
  const reportEvery = options.reportEvery ?? 1;
  const x = Float64Array.from(start);
  let g = new Float64Array(n);
  let value = f(x, g);
  let evaluations = 1;
  const finish = (stopped: MinimizeStop, iterations: number, runaway?: number): BfgsResult => ({
    x: Array.from(x),
    value,
    gradient: Array.from(g),
    converged: stopped === "converged",
    iterations,
    evaluations,
    stopped,
    ...(runaway === undefined ? {} : { runaway }),
  });
  if (!Number.isFinite(value) || !g.every(Number.isFinite)) return finish("stalled", 0);
  const H = options.inverseHessian ? Float64Array.from(options.inverseHessian) : identity(n);
  const direction = new Float64Array(n);
  const trial = new Float64Array(n);
  let trialGradient = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  let scaled = options.inverseHessian !== undefined;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (gradientSmall(g, value, gradientTolerance)) return finish("converged", iteration - 1);
    multiply(H, g, direction, n);
    let slope = 0;
    for (let k = 0; k < n; k++) {
      direction[k] = -direction[k]!;
      slope += direction[k]! * g[k]!;
    }
    if (!(slope < 0)) {
      // H lost its way (rounding): start again from steepest descent.
      resetIdentity(H, n);
      for (let k = 0; k < n; k++) direction[k] = -g[k]!;
      slope = -dot(g, g);
    }
    // Converged as far as floating point can tell: the step predicts a decrease (−gᵀHg) below
    // the rounding of a sum over many customers, where the Armijo test can only fail.
    if (-slope <= 1e-14 * (1 + Math.abs(value))) return finish("converged", iteration - 1);
    let longest = 0;
    for (let k = 0; k < n; k++) longest = Math.max(longest, Math.abs(direction[k]!));
    let step = longest > maxStep ? maxStep / longest : 1;
    let trialValue = Number.NaN;
    let accepted = false;
    // Up to 20 halvings (a step a millionth of the first) while the function is finite; more
    // room when it is not (shrinking back into its domain).
    let halvings = 0;
    for (let backtrack = 0; backtrack < 60 && halvings <= 20; backtrack++) {
      for (let k = 0; k < n; k++) trial[k] = x[k]! + step * direction[k]!;
      trialValue = f(trial, trialGradient);
      evaluations++;
      if (Number.isFinite(trialValue) && trialValue <= value + 1e-4 * step * slope && trialGradient.every(Number.isFinite)) {
        accepted = true;
        break;
      }
      if (Number.isFinite(trialValue)) halvings++;
      step *= Number.isFinite(trialValue) ? 0.5 : 0.1;
      if (step * longest < 1e-12) break;
    }
    if (!accepted) return finish(gradientSmall(g, value, gradientTolerance * 1e3) ? "converged" : "stalled", iteration);
    for (let k = 0; k < n; k++) {
      s[k] = trial[k]! - x[k]!;
      y[k] = trialGradient[k]! - g[k]!;
    }
    const previous = value;
    x.set(trial);
    [g, trialGradient] = [trialGradient, g];
    value = trialValue;
    const escapedAt = options.escaped?.(Array.from(x)) ?? -1;
    if (escapedAt >= 0) return finish("runaway", iteration, escapedAt);
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (!scaled) {
        const gamma = sy / dot(y, y);
        for (let k = 0; k < n * n; k++) H[k] = H[k]! * gamma;
        scaled = true;
      }
      updateInverseHessian(H, s, y, sy, Hy, n);
    }
    if (iteration % reportEvery === 0) yield { iterations: iteration, evaluations, best: value };
    // No progress left to make in floating point: the value no longer changes and the step is negligible.
    if (previous - value <= 1e-15 * (1 + Math.abs(value)) && Math.sqrt(dot(s, s)) < 1e-12 * (1 + Math.sqrt(dot(x, x)))) {
      return finish(gradientSmall(g, value, gradientTolerance * 1e3) ? "converged" : "stalled", iteration);
    }
  }
  return finish(gradientSmall(g, value, gradientTolerance) ? "converged" : "iterations", maxIterations);
}

function gradientSmall(g: Float64Array, value: number, tolerance: number): boolean {
  const bound = tolerance * (1 + Math.abs(value));
  for (let k = 0; k < g.length; k++) if (!(Math.abs(g[k]!) <= bound)) return false;
  return true;
}

function identity(n: number): Float64Array {
  const H = new Float64Array(n * n);
  resetIdentity(H, n);
  return H;
}

function resetIdentity(H: Float64Array, n: number): void {
  H.fill(0);
  for (let k = 0; k < n; k++) H[k * n + k] = 1;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!;
  return s;
}

function multiply(H: Float64Array, v: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += H[i * n + j]! * v[j]!;
    out[i] = s;
  }
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1 / sᵀy, expanded so it costs O(n²). */
function updateInverseHessian(H: Float64Array, s: Float64Array, y: Float64Array, sy: number, Hy: Float64Array, n: number): void {
  multiply(H, y, Hy, n);
  const yHy = dot(y, Hy);
  const rho = 1 / sy;
  const coefficient = (1 + rho * yHy) * rho;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      H[i * n + j] = H[i * n + j]! + coefficient * s[i]! * s[j]! - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!);
    }
  }
}
