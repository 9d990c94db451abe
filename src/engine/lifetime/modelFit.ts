import { CvError } from "../core/errors";
import { type MinimizeProgress, minimizeSteps } from "./nelderMead";
import { type SmoothObjective, bfgsSteps } from "./quasiNewton";

const { log, exp, sqrt } = Math;

/**
 * Where a fitted parameter can still lie: shapes (no unit) and scale parameters divided by
 * the data's time scale, within [1e-6, 1e5]. A fit whose best point leaves this box is
 * running off to 0 or infinity along a ridge the data do not close, and stops there.
 *
 * @example fitBgnbd(everyoneBuysEveryWeek) // throws NOT_CONVERGED once r passes FIT_PARAMETER_RANGE.upper
 */
export const FIT_PARAMETER_RANGE = { lower: 1e-6, upper: 1e5 } as const;
const LOG_LOWER = log(FIT_PARAMETER_RANGE.lower);
const LOG_UPPER = log(FIT_PARAMETER_RANGE.upper);

/**
 * The index of the first log-parameter that has left {@link FIT_PARAMETER_RANGE} once its
 * scale (the log of its unit, 0 for a shape) is subtracted, or −1 when all are inside; a
 * NaN counts as outside. Cost: O(n).
 *
 * @example escapedCoordinate([0, Math.log(3e5), 0], [0, Math.log(2), 0]) // → −1 (3e5 / 2 is inside); [12, 0] → 0
 */
export function escapedCoordinate(v: readonly number[], logScale: readonly number[]): number {
  for (let k = 0; k < v.length; k++) {
    const scaled = (v[k] as number) - (logScale[k] ?? 0);
    if (!(scaled >= LOG_LOWER && scaled <= LOG_UPPER)) return k;
  }
  return -1;
}

/**
 * A per-customer summary with identical rows merged: each distinct (x, t_x, T) once, with
 * `w` the number of customers that share it (or the sum of their given weights). Every
 * lifetime likelihood is a sum over customers of a function of (x, t_x, T), so a weighted
 * sum over distinct rows gives the same value at a fraction of the cost when times are
 * whole periods (CDNOW's 2,357 customers are 1,4xx distinct rows; donations' 11,104 are 22).
 */
export interface WeightedRepeatRows {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  w: Float64Array;
  /** The total weight: the number of customers the rows stand for. */
  customers: number;
}

/**
 * Merges identical (x, t_x, T) rows, summing their weights (1 each when `weights` is not
 * given), in order of first appearance; rows with a value missing (NaN) or a weight of 0
 * are left out. Keys are hashed (open addressing on the values' bits), not sorted or turned
 * into strings. Cost: O(n), about 50 ms for 1,000,000 rows.
 *
 * @throws CvError BAD_VALUE for a negative or non-finite weight, naming its row.
 * @example collapseRepeatRows(Float64Array.of(0, 0, 2), Float64Array.of(0, 0, 5), Float64Array.of(9, 9, 9)).w // → [2, 1]
 */
export function collapseRepeatRows(x: Float64Array, tx: Float64Array, T: Float64Array, weights?: Float64Array, weightArgument = "weights"): WeightedRepeatRows {
  const n = x.length;
  // Open addressing over row indices, keyed by the three values' bits: no string or object per row.
  let capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  const mask = capacity - 1;
  const table = new Int32Array(capacity).fill(-1);
  const xs = new Float64Array(n);
  const txs = new Float64Array(n);
  const Ts = new Float64Array(n);
  const ws = new Float64Array(n);
  let distinct = 0;
  let customers = 0;
  for (let i = 0; i < n; i++) {
    // + 0 turns −0 into 0, so equal values hash alike.
    const xi = x[i]! + 0;
    const ti = tx[i]! + 0;
    const Ti = T[i]! + 0;
    if (Number.isNaN(xi) || Number.isNaN(ti) || Number.isNaN(Ti)) continue;
    const wi = weights ? weights[i]! : 1;
    if (Number.isNaN(wi)) continue;
    if (!(wi >= 0) || !Number.isFinite(wi)) throw new CvError("BAD_VALUE", `${weightArgument} row ${i + 1}: a weight must be a finite number ≥ 0, found ${wi}`, { argument: weightArgument, row: i + 1, value: wi });
    if (wi === 0) continue;
    customers += wi;
    let slot = hashTriple(xi, ti, Ti) & mask;
    for (;;) {
      const k = table[slot]!;
      if (k < 0) {
        table[slot] = distinct;
        xs[distinct] = xi;
        txs[distinct] = ti;
        Ts[distinct] = Ti;
        ws[distinct] = wi;
        distinct++;
        break;
      }
      if (xs[k] === xi && txs[k] === ti && Ts[k] === Ti) {
        ws[k] = ws[k]! + wi;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { x: xs.slice(0, distinct), tx: txs.slice(0, distinct), T: Ts.slice(0, distinct), w: ws.slice(0, distinct), customers };
}

/**
 * The rows as they are, as weighted rows (weight 1, or the given weights), without merging:
 * rows with a value missing (NaN) or a weight of 0 are left out. For data whose rows are
 * nearly all distinct (continuous times), where merging costs a hash per row and saves
 * nothing. Cost: O(n).
 *
 * @throws CvError BAD_VALUE for a negative or non-finite weight, naming its row.
 * @example weightedRows(Float64Array.of(0, 2), Float64Array.of(0, 5), Float64Array.of(9, 9)).w // → [1, 1]
 */
export function weightedRows(x: Float64Array, tx: Float64Array, T: Float64Array, weights?: Float64Array, weightArgument = "weights"): WeightedRepeatRows {
  const n = x.length;
  const xs = new Float64Array(n);
  const txs = new Float64Array(n);
  const Ts = new Float64Array(n);
  const ws = new Float64Array(n);
  let kept = 0;
  let customers = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const ti = tx[i]!;
    const Ti = T[i]!;
    if (Number.isNaN(xi) || Number.isNaN(ti) || Number.isNaN(Ti)) continue;
    const wi = weights ? weights[i]! : 1;
    if (Number.isNaN(wi)) continue;
    if (!(wi >= 0) || !Number.isFinite(wi)) throw new CvError("BAD_VALUE", `${weightArgument} row ${i + 1}: a weight must be a finite number ≥ 0, found ${wi}`, { argument: weightArgument, row: i + 1, value: wi });
    if (wi === 0) continue;
    xs[kept] = xi;
    txs[kept] = ti;
    Ts[kept] = Ti;
    ws[kept] = wi;
    kept++;
    customers += wi;
  }
  return { x: xs.slice(0, kept), tx: txs.slice(0, kept), T: Ts.slice(0, kept), w: ws.slice(0, kept), customers };
}

/**
 * The rows a likelihood sums over: identical rows merged ({@link collapseRepeatRows}) unless
 * the data are large and a sample of 4,096 evenly spaced rows shows almost no repeats
 * (continuous times), where merging would cost a hash per row and save nothing
 * ({@link weightedRows}). Either gives the same likelihood. Cost: O(n).
 *
 * @throws CvError BAD_VALUE for a negative or non-finite weight.
 * @example repeatRows(cdnow.x, cdnow.tx, cdnow.T).x.length // → 1,4xx distinct rows of 2,357
 */
export function repeatRows(x: Float64Array, tx: Float64Array, T: Float64Array, weights?: Float64Array, weightArgument = "weights"): WeightedRepeatRows {
  const n = x.length;
  if (n > 50_000) {
    const m = 4096;
    const stride = Math.floor(n / m);
    const pick = (column: Float64Array) => Float64Array.from({ length: m }, (_, j) => column[j * stride]!);
    const sample = collapseRepeatRows(pick(x), pick(tx), pick(T));
    if (sample.x.length >= 0.99 * m) return weightedRows(x, tx, T, weights, weightArgument);
  }
  return collapseRepeatRows(x, tx, T, weights, weightArgument);
}

const hashScratch = new Float64Array(1);
const hashBits = new Uint32Array(hashScratch.buffer);

/** A 32-bit hash of three doubles' bit patterns (multiply–xorshift mixing). */
function hashTriple(a: number, b: number, c: number): number {
  hashScratch[0] = a;
  let h = mix(0x811c9dc5, hashBits[0]!, hashBits[1]!);
  hashScratch[0] = b;
  h = mix(h, hashBits[0]!, hashBits[1]!);
  hashScratch[0] = c;
  h = mix(h, hashBits[0]!, hashBits[1]!);
  return h >>> 0;
}

function mix(h: number, low: number, high: number): number {
  h = Math.imul(h ^ low, 0x9e3779b1);
  h = Math.imul(h ^ high, 0x85ebca77);
  return h ^ (h >>> 15);
}

/** What {@link fitParametersSteps} maximises: a log-likelihood over log-parameters, with its gradient. */
export interface LikelihoodProblem {
  /** The model's name as messages show it ("BG/NBD"). */
  model: string;
  /** Parameter names in order ("r", "alpha", "a", "b"). */
  names: readonly string[];
  /** −ln L at the log-parameters v, with its gradient with respect to v written into `gradient`. */
  objective: SmoothObjective;
  /** Log-parameter starting points, the preferred one first; the others are tried when a fit ends on the boundary. */
  starts: readonly (readonly number[])[];
  /** The log of each parameter's unit (0 for a shape, the log of the data's time scale for a rate's scale). */
  logScale: readonly number[];
  /** Why the fit has no answer when parameter k ran off, in plain words (the message after "did not converge: "). */
  runawayReason: (params: Record<string, number>, k: number) => string;
  /**
   * Whether parameter k running off at these values is a limit the model has (BG/NBD's a → 0
   * or b → ∞ with the dropout probability → 0 is the no-dropout NBD): then the fit holds it
   * at the edge of the range and fits the others, instead of failing. Default: never.
   */
  limitAllowed?: (params: Record<string, number>, k: number) => boolean;
  /**
   * For large data: the same likelihood on a subsample, fitted first so the full fit starts
   * next to the optimum with a good inverse Hessian and needs only a few evaluations of the
   * full data. `weightRatio` is the full data's weight over the subsample's.
   */
  coarse?: { objective: SmoothObjective; weightRatio: number };
}

/** How a fit got its answer. */
export type FitMethod = "BFGS" | "Nelder-Mead";

/** A maximum-likelihood fit: estimates, their standard errors, and how the optimiser went. */
export interface ParameterFit {
  /** The model's name ("BG/NBD"), as the problem gave it. */
  model: string;
  names: readonly string[];
  /** The estimates, in the order of `names`. */
  values: number[];
  /** Standard errors of the estimates from the observed information (the Hessian of −ln L), NaN where it is singular. */
  standardErrors: number[];
  /** Parameters held at the edge of {@link FIT_PARAMETER_RANGE} because the likelihood rises towards a limit the model allows there (e.g. no dropout); their standard errors are NaN. */
  atLimit: string[];
  /** The covariance of the log-parameters (row-major, k × k), or undefined when the Hessian is not positive definite or a parameter is at its limit. */
  logCovariance: Float64Array | undefined;
  logLikelihood: number;
  iterations: number;
  evaluations: number;
  method: FitMethod;
  /** How many starting points were tried. */
  starts: number;
}

/** How often a stepwise fit reports (and so lets a caller yield), and where it gives up. */
export interface FitStepOptions {
  /** Report every this many optimiser iterations (default 1 for BFGS, 50 for Nelder–Mead). */
  reportEvery?: number;
  /** Iteration limit (default 500 for BFGS, 20,000 for the Nelder–Mead fallback). */
  maxIterations?: number;
}

interface Candidate {
  x: number[];
  value: number;
  converged: boolean;
  runaway: number;
  method: FitMethod;
}

/**
 * Fits a likelihood problem: BFGS on the log-parameters from each starting point in turn
 * until one converges inside {@link FIT_PARAMETER_RANGE}, Nelder–Mead from BFGS's best point
 * when BFGS stalls (a kink in floating point, a flat likelihood), then standard errors from
 * the Hessian of −ln L at the optimum. The Hessian is taken by central differences of the
 * analytic gradient in log-parameters (step 1e-5; forward differences for a problem with a
 * coarse subsample, i.e. large data), inverted by Cholesky, and carried to the
 * parameters by the delta method: se(θ) = θ · se(ln θ). When a parameter runs off towards a
 * limit the problem allows ({@link LikelihoodProblem.limitAllowed}), it is held at the edge
 * of the range and the others are fitted again with it (reported in `atLimit`).
 *
 * Cost: 20–40 objective evaluations per start for BFGS, 2k more for the Hessian.
 *
 * @throws CvError NOT_CONVERGED with the problem's reason when every start runs off, or
 *   when no method settles.
 * @example finishSteps(fitParametersSteps(problem)).values
 */
export function* fitParametersSteps(problem: LikelihoodProblem, options: FitStepOptions = {}): Generator<MinimizeProgress, ParameterFit> {
  const escaped = (v: readonly number[]) => escapedCoordinate(v, problem.logScale);
  let iterations = 0;
  let evaluations = 0;
  let best: Candidate | undefined;
  let tried = 0;
  const better = (c: Candidate) => best === undefined || rank(c) > rank(best) || (rank(c) === rank(best) && c.value < best.value);
  let starts: readonly (readonly number[])[] = problem.starts;
  let warmInverseHessian: Float64Array | undefined;
  if (problem.coarse && problem.starts.length > 0) {
    const coarse = yield* bfgsSteps(problem.coarse.objective, problem.starts[0]!, { escaped, reportEvery: options.reportEvery ?? 1, maxIterations: options.maxIterations ?? 500 });
    iterations += coarse.iterations;
    evaluations += coarse.evaluations;
    if (coarse.converged && escaped(coarse.x) < 0) {
      const { covariance, evaluations: used } = logCovarianceAt(problem.coarse.objective, coarse.x, true);
      evaluations += used;
      if (covariance) warmInverseHessian = covariance.map((c) => c / problem.coarse!.weightRatio);
      starts = [coarse.x, ...problem.starts];
    }
  }
  for (const start of starts) {
    tried++;
    const warm = tried === 1 ? warmInverseHessian : undefined;
    const run = yield* bfgsSteps(problem.objective, start, { escaped, reportEvery: options.reportEvery ?? 1, maxIterations: options.maxIterations ?? 500, ...(warm ? { inverseHessian: warm } : {}) });
    iterations += run.iterations;
    evaluations += run.evaluations;
    let candidate: Candidate = { x: run.x, value: run.value, converged: run.converged, runaway: run.stopped === "runaway" ? (run.runaway as number) : escaped(run.x), method: "BFGS" };
    if (!candidate.converged && candidate.runaway < 0 && Number.isFinite(run.value)) {
      const scratch = new Float64Array(start.length);
      const point = new Float64Array(start.length);
      const f = (v: readonly number[]) => {
        point.set(v);
        return problem.objective(point, scratch);
      };
      const nm = yield* minimizeSteps(f, run.x, { valueTolerance: 1e-12, pointTolerance: 1e-8, escaped, reportEvery: 50, maxIterations: 20_000 });
      iterations += nm.iterations;
      evaluations += nm.evaluations;
      candidate = { x: nm.x, value: nm.value, converged: nm.converged, runaway: nm.stopped === "runaway" ? (nm.runaway as number) : escaped(nm.x), method: "Nelder-Mead" };
    }
    if (better(candidate)) best = candidate;
    if (candidate.converged && candidate.runaway < 0) break;
  }
  let found = best as Candidate;
  const k = problem.names.length;
  const atLimit: number[] = [];
  const namedAt = (x: readonly number[]) => Object.fromEntries(problem.names.map((name, j) => [name, exp(x[j]!)]));
  // A parameter running to a limit the model is meant to have (no dropout): hold it at the edge and fit the rest.
  while (found.runaway >= 0 && atLimit.length < k - 1 && problem.limitAllowed?.(namedAt(found.x), found.runaway) && Number.isFinite(found.x[found.runaway]!)) {
    const j = found.runaway;
    const scaled = found.x[j]! - (problem.logScale[j] ?? 0);
    const held = Float64Array.from(found.x);
    held[j] = (problem.logScale[j] ?? 0) + (scaled < LOG_LOWER ? LOG_LOWER + 1e-9 : LOG_UPPER - 1e-9);
    atLimit.push(j);
    const free = problem.names.map((_, i) => i).filter((i) => !atLimit.includes(i));
    const full = Float64Array.from(held);
    const fullGradient = new Float64Array(k);
    const reduced: SmoothObjective = (v, gradient) => {
      free.forEach((i, m) => (full[i] = v[m]!));
      const value = problem.objective(full, fullGradient);
      free.forEach((i, m) => (gradient[m] = fullGradient[i]!));
      return value;
    };
    const run = yield* bfgsSteps(reduced, free.map((i) => held[i]!), {
      // In the reduced coordinates, like every index bfgsSteps reports (mapped back through `free` below).
      escaped: (v) => {
        free.forEach((i, m) => (full[i] = v[m]!));
        return free.indexOf(escaped(Array.from(full)));
      },
      reportEvery: options.reportEvery ?? 1,
      maxIterations: options.maxIterations ?? 500,
    });
    iterations += run.iterations;
    evaluations += run.evaluations;
    const x = Array.from(held);
    free.forEach((i, m) => (x[i] = run.x[m]!));
    found = { x, value: run.value, converged: run.converged, runaway: run.stopped === "runaway" ? free[run.runaway as number]! : escaped(x), method: "BFGS" };
  }
  yield { iterations, evaluations, best: found.value };
  const values = found.x.map((v) => exp(v));
  const named = Object.fromEntries(problem.names.map((name, j) => [name, values[j]!]));
  if (found.runaway >= 0) throw new CvError("NOT_CONVERGED", `the ${problem.model} fit did not converge: ${problem.runawayReason(named, found.runaway)}`);
  if (!found.converged || !Number.isFinite(found.value) || !values.every(Number.isFinite)) {
    const why = Number.isFinite(found.value) ? ` (best log-likelihood ${(-found.value).toFixed(2)})` : ": the likelihood could not be evaluated at any starting point";
    throw new CvError("NOT_CONVERGED", `the ${problem.model} fit did not converge after ${iterations} iterations${why}`);
  }
  let covariance: Float64Array | undefined;
  let standardErrors: number[];
  let hessianEvaluations: number;
  if (atLimit.length === 0) {
    const at = logCovarianceAt(problem.objective, found.x, problem.coarse !== undefined);
    covariance = at.covariance;
    hessianEvaluations = at.evaluations;
    standardErrors = values.map((v, j) => (covariance ? v * sqrt(covariance[j * k + j]!) : Number.NaN));
  } else {
    // Standard errors of the free parameters, with those at their limit held fixed; no joint covariance.
    const free = problem.names.map((_, i) => i).filter((i) => !atLimit.includes(i));
    const full = Float64Array.from(found.x);
    const fullGradient = new Float64Array(k);
    const reduced: SmoothObjective = (v, gradient) => {
      free.forEach((i, m) => (full[i] = v[m]!));
      const value = problem.objective(full, fullGradient);
      free.forEach((i, m) => (gradient[m] = fullGradient[i]!));
      return value;
    };
    const at = logCovarianceAt(reduced, free.map((i) => found.x[i]!));
    hessianEvaluations = at.evaluations;
    standardErrors = values.map(() => Number.NaN);
    free.forEach((i, m) => (standardErrors[i] = at.covariance ? values[i]! * sqrt(at.covariance[m * free.length + m]!) : Number.NaN));
  }
  return {
    model: problem.model,
    names: problem.names,
    values,
    standardErrors,
    atLimit: atLimit.map((j) => problem.names[j]!),
    logCovariance: covariance,
    logLikelihood: -found.value,
    iterations,
    evaluations: evaluations + hessianEvaluations,
    method: found.method,
    starts: tried,
  };
}

/** Converged inside the range beats inside the range beats ran off. */
const rank = (c: Candidate) => (c.runaway >= 0 || !Number.isFinite(c.value) ? 0 : c.converged ? 2 : 1);

/**
 * The inverse of the Hessian of f at v (the log-parameters' covariance when f is −ln L),
 * from central differences of the gradient, symmetrised; undefined when it is not
 * positive definite (a ridge: some combination of parameters is not pinned down).
 */
function logCovarianceAt(f: SmoothObjective, v: readonly number[], forward = false): { covariance: Float64Array | undefined; evaluations: number } {
  const k = v.length;
  const hessian = new Float64Array(k * k);
  const point = Float64Array.from(v);
  const plus = new Float64Array(k);
  const minus = new Float64Array(k);
  const h = 1e-5;
  // Forward differences (k + 1 evaluations instead of 2k) for large data, where the
  // standard errors are tiny and their fifth digit does not matter.
  if (forward) f(point, minus);
  for (let j = 0; j < k; j++) {
    point[j] = v[j]! + h;
    f(point, plus);
    if (!forward) {
      point[j] = v[j]! - h;
      f(point, minus);
    }
    point[j] = v[j]!;
    for (let i = 0; i < k; i++) hessian[i * k + j] = (plus[i]! - minus[i]!) / (forward ? h : 2 * h);
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const mean = (hessian[i * k + j]! + hessian[j * k + i]!) / 2;
      hessian[i * k + j] = mean;
      hessian[j * k + i] = mean;
    }
  }
  return { covariance: invertPositiveDefinite(hessian, k), evaluations: forward ? k + 1 : 2 * k };
}

/**
 * The inverse of a symmetric positive-definite k × k matrix (row-major) by Cholesky
 * factorisation, or undefined when it is not positive definite (a pivot ≤ 1e-12 of the
 * largest diagonal, or not finite). Cost: O(k³).
 *
 * @example invertPositiveDefinite(Float64Array.of(4, 0, 0, 2), 2) // → [0.25, 0, 0, 0.5]
 */
export function invertPositiveDefinite(matrix: Float64Array, k: number): Float64Array | undefined {
  const L = new Float64Array(k * k);
  let largest = 0;
  for (let i = 0; i < k; i++) largest = Math.max(largest, Math.abs(matrix[i * k + i]!));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = matrix[i * k + j]!;
      for (let m = 0; m < j; m++) s -= L[i * k + m]! * L[j * k + m]!;
      if (i === j) {
        if (!(s > 1e-12 * largest) || !Number.isFinite(s)) return undefined;
        L[i * k + i] = sqrt(s);
      } else L[i * k + j] = s / L[j * k + j]!;
    }
  }
  // inverse of L (lower triangular), then L⁻ᵀ L⁻¹
  const Li = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    Li[i * k + i] = 1 / L[i * k + i]!;
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let m = j; m < i; m++) s -= L[i * k + m]! * Li[m * k + j]!;
      Li[i * k + j] = s / L[i * k + i]!;
    }
  }
  const inverse = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let m = Math.max(i, j); m < k; m++) s += Li[m * k + i]! * Li[m * k + j]!;
      inverse[i * k + j] = s;
    }
  }
  return inverse;
}

/**
 * A parameter value as a message shows it: three significant digits, "million" and
 * "billion" for large values, an exponent for tiny or astronomically large ones. Cost: O(1).
 *
 * @example formatFitParameter(5.7e6) === "5.7 million"; formatFitParameter(137_042) === "137,000"; formatFitParameter(1.2e-7) === "1.2e-7"
 */
export function formatFitParameter(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v >= 1e12) return v.toExponential(1).replace("e+", "e");
  if (v >= 1e9) return `${Number((v / 1e9).toPrecision(2))} billion`;
  if (v >= 1e6) return `${Number((v / 1e6).toPrecision(2))} million`;
  if (v >= 1e3) return Number(v.toPrecision(3)).toLocaleString("en");
  if (v >= 1e-3) return String(Number(v.toPrecision(3)));
  return v.toExponential(1);
}

/** What a fit's verdict looks at besides the fit itself. */
export interface FitFacts {
  /** Customers the fit stands for (the total weight). */
  customers: number;
  /** Of them, those with at least one repeat purchase (x > 0). */
  repeatBuyers: number;
  /** Warnings only the model can give (e.g. "dropout ≈ 0"), in plain words. */
  modelWarnings?: readonly string[];
  /** How long customers have been watched against how often they buy ({@link historyLength}). */
  history?: HistoryLength;
}

/** The customers' mean age T and, among repeat buyers, the mean time between purchases t_x / x, in the data's unit. */
export interface HistoryLength {
  meanAge: number;
  meanGap: number;
}

/** A history shorter than this many typical gaps between purchases cannot tell a customer who stopped from one between purchases. */
export const MIN_HISTORY_GAPS = 2;

/**
 * The weighted mean age T of the rows and the weighted mean gap t_x / x between the repeat
 * buyers' purchases, for the "too short a history" warning. Cost: O(n).
 *
 * @example historyLength(rows) // CDNOW → { meanAge: 32.7, meanGap: 6.9 } (weeks)
 */
export function historyLength(rows: WeightedRepeatRows): HistoryLength {
  let age = 0;
  let gap = 0;
  let buyers = 0;
  for (let i = 0; i < rows.x.length; i++) {
    const w = rows.w[i]!;
    age += w * rows.T[i]!;
    if (rows.x[i]! > 0) {
      gap += (w * rows.tx[i]!) / rows.x[i]!;
      buyers += w;
    }
  }
  return { meanAge: rows.customers > 0 ? age / rows.customers : 0, meanGap: buyers > 0 ? gap / buyers : Number.POSITIVE_INFINITY };
}

/** Fewer repeat buyers than this cannot pin down four parameters. */
export const MIN_REPEAT_BUYERS = 30;

/**
 * The reasons a fit's numbers should not be trusted, in plain words (empty when there is
 * none): too few repeat buyers, a parameter held at its limit, parameters on a ridge (the
 * Hessian is singular, so the data cannot tell some parameters apart), a parameter whose
 * standard error exceeds the estimate, too short a history (customers watched for fewer than
 * {@link MIN_HISTORY_GAPS} typical gaps between purchases), and the model's own warnings.
 * Cost: O(k).
 *
 * @example fitWarnings(fit, { customers: 40, repeatBuyers: 6 }) // → ["only 6 of 40 customers bought again: too few repeat buyers to pin the model down (at least 30 are needed, hundreds are better)"]
 */
export function fitWarnings(fit: ParameterFit, facts: FitFacts): string[] {
  const warnings: string[] = [];
  if (facts.repeatBuyers < MIN_REPEAT_BUYERS) {
    warnings.push(`only ${facts.repeatBuyers.toLocaleString("en")} of ${facts.customers.toLocaleString("en")} customers bought again: too few repeat buyers to pin the model down (at least ${MIN_REPEAT_BUYERS} are needed, hundreds are better)`);
  }
  if (fit.atLimit.length > 0) {
    warnings.push(`${fit.atLimit.join(" and ")} ${fit.atLimit.length === 1 ? "runs" : "run"} to the edge of the range a fit may take (the likelihood keeps rising towards a limit of the model), so ${fit.atLimit.length === 1 ? "it is" : "they are"} held there and the other parameters fitted with ${fit.atLimit.length === 1 ? "it" : "them"}; ${fit.atLimit.length === 1 ? "its" : "their"} value means only "as far as it goes", and no range can be given`);
  } else if (fit.logCovariance === undefined) {
    warnings.push("the parameters lie on a ridge: the likelihood is flat in some direction, so the data cannot tell some parameters apart and their values mean little on their own");
  } else {
    const loose = fit.names.filter((_, k) => fit.standardErrors[k]! > fit.values[k]!);
    if (loose.length > 0) warnings.push(`${loose.join(" and ")} ${loose.length === 1 ? "is" : "are"} poorly determined (standard error larger than the estimate): the data leave ${loose.length === 1 ? "it" : "them"} loose, so ranges are wide`);
  }
  const h = facts.history;
  if (h && Number.isFinite(h.meanGap) && h.meanAge < MIN_HISTORY_GAPS * h.meanGap) {
    warnings.push(
      `the history is short: customers have been watched ${formatFitParameter(h.meanAge)} periods on average, only ${formatFitParameter(h.meanAge / h.meanGap)} times the typical gap between a repeat buyer's purchases (${formatFitParameter(h.meanGap)}); the model needs several such gaps to tell a customer who stopped from one who is between purchases, so use a longer period`,
    );
  }
  warnings.push(...(facts.modelWarnings ?? []));
  return warnings;
}

/**
 * A fit's verdict as one line for a FIT table or the pane: "no warning" or the warnings of
 * {@link fitWarnings} joined by "; ". Cost: O(k).
 *
 * @example fitVerdict([]) // → "no warning"
 */
export function fitVerdict(warnings: readonly string[]): string {
  return warnings.length === 0 ? "no warning" : warnings.join("; ");
}

/**
 * The correlation matrix of the estimates (row-major k × k) from the log-parameters'
 * covariance: the delta method gives cov(θᵢ, θⱼ) = θᵢ θⱼ cov(ln θᵢ, ln θⱼ), so the
 * correlations of θ and of ln θ are the same. Undefined on a ridge. Cost: O(k²).
 *
 * @example parameterCorrelations(fit)?.[1] // the correlation of the first two estimates (r and α: about 0.7 on CDNOW)
 */
export function parameterCorrelations(fit: ParameterFit): Float64Array | undefined {
  const c = fit.logCovariance;
  if (!c) return undefined;
  const k = fit.names.length;
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) out[i * k + j] = c[i * k + j]! / sqrt(c[i * k + i]! * c[j * k + j]!);
  return out;
}
