import { CvError } from "../core/errors";
import { type MinimizeProgress, type MinimizeResult, minimizeSteps } from "./nelderMead";
import { hyp2f1, lnBeta, lnGamma } from "./specialFunctions";
import { finishSteps } from "../core/steps";

// Module-level aliases: a global lookup of Math in a hot loop is slow inside vm contexts (Jest), and free elsewhere.
const { log, exp, log1p, pow } = Math;

/** BG/NBD parameters: purchase rates ~ Gamma(r, α); dropout probabilities ~ Beta(a, b). */
export interface BgnbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/**
 * The per-customer summary BG/NBD is fitted on, all counted from each customer's first
 * purchase, in one time unit: x = repeat purchases, tx = time of the last purchase,
 * T = age at the end of the calibration period (tx ≤ T).
 */
export interface RepeatSummary {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
}

/** A fitted BG/NBD model: parameters, the log-likelihood at them, and how the fit went. */
export interface BgnbdFit {
  params: BgnbdParams;
  logLikelihood: number;
  customers: number;
  iterations: number;
  evaluations: number;
}

/**
 * What is impossible about one customer's (x, t_x, T), or undefined when the row is fine
 * or has a value missing (NaN): x a whole number ≥ 0, 0 ≤ t_x ≤ T, and t_x > 0 when x > 0.
 * T = 0 (a customer first seen on the last day) is allowed: it adds nothing to the likelihood. The error names the argument, the 1-based row and the value.
 *
 * @example repeatRowProblem(1, 40, 39, 2)?.message // → "t_x row 2 is 40, after T = 39: …"
 */
export function repeatRowProblem(x: number, tx: number, T: number, row: number): CvError | undefined {
  if (Number.isNaN(x) || Number.isNaN(tx) || Number.isNaN(T)) return undefined;
  if (x < 0 || !Number.isInteger(x)) return new CvError("BAD_VALUE", `x row ${row}: repeat purchases must be a whole number ≥ 0, found ${x}`, { argument: "x", row, value: x });
  if (tx < 0) return new CvError("BAD_VALUE", `t_x row ${row}: the time of the last purchase cannot be negative, found ${tx}`, { argument: "t_x", row, value: tx });
  if (T < 0) return new CvError("BAD_VALUE", `T row ${row}: the customer's age cannot be negative, found ${T}`, { argument: "T", row, value: T });
  if (tx > T + 1e-9) return new CvError("BAD_VALUE", `t_x row ${row} is ${tx}, after T = ${T}: the last purchase must fall within the customer's age`, { argument: "t_x", row, value: tx });
  if (x > 0 && tx === 0) return new CvError("BAD_VALUE", `t_x row ${row} is 0 but x is ${x}: a customer with repeat purchases made the last one after the first`, { argument: "t_x", row, value: tx });
  return undefined;
}

/**
 * Checks a summary: the columns align and every complete row is possible
 * ({@link repeatRowProblem}). Rows with a value missing (NaN) are left out of fits.
 *
 * @throws CvError LENGTH_MISMATCH, or BAD_VALUE for the first impossible row.
 */
export function checkRepeatSummary(s: RepeatSummary): void {
  const n = s.x.length;
  for (const [name, column] of [
    ["t_x", s.tx],
    ["T", s.T],
  ] as const) {
    if (column.length !== n) throw new CvError("LENGTH_MISMATCH", `${name} has ${column.length} rows but x has ${n}: select ranges of the same height`, { argument: name });
  }
  for (let i = 0; i < n; i++) {
    const problem = repeatRowProblem(s.x[i] as number, s.tx[i] as number, s.T[i] as number, i + 1);
    if (problem) throw problem;
  }
}

/** The rows with all three values present, with the distinct x values numbered (the likelihood's gamma terms depend on x only). */
interface PreparedSummary {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Index of each row's x among the distinct values. */
  slot: Int32Array;
  distinctX: Float64Array;
  /** How many rows have each distinct x. */
  slotCount: Float64Array;
}

function prepare(s: RepeatSummary): PreparedSummary {
  checkRepeatSummary(s);
  const keep: number[] = [];
  for (let i = 0; i < s.x.length; i++) if (!Number.isNaN(s.x[i] as number) && !Number.isNaN(s.tx[i] as number) && !Number.isNaN(s.T[i] as number)) keep.push(i);
  const x = Float64Array.from(keep, (i) => s.x[i] as number);
  const slots = new Map<number, number>();
  const slot = Int32Array.from(x, (v) => {
    let k = slots.get(v);
    if (k === undefined) slots.set(v, (k = slots.size));
    return k;
  });
  const slotCount = new Float64Array(slots.size);
  for (const k of slot) slotCount[k]! += 1;
  return {
    x,
    tx: Float64Array.from(keep, (i) => s.tx[i] as number),
    T: Float64Array.from(keep, (i) => s.T[i] as number),
    slot,
    distinctX: Float64Array.from(slots.keys()),
    slotCount,
  };
}

/** Sum of the log-likelihood over prepared rows; NaN/−∞ outside the domain. */
function logLikelihoodPrepared(p: BgnbdParams, d: PreparedSummary): number {
  const { r, alpha, a, b } = p;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return Number.NEGATIVE_INFINITY;
  // Terms that depend on x only: ln Γ(r + x) − ln Γ(r) + r ln α + ln B(a, b + x) − ln B(a, b),
  // and ln(a / (b + x − 1)) for the "dropped out after the last purchase" branch.
  const m = d.distinctX.length;
  const constant = new Float64Array(m);
  const dropTerm = new Float64Array(m);
  const lnGammaR = lnGamma(r);
  const lnBetaAB = lnBeta(a, b);
  const logAlpha = log(alpha);
  for (let k = 0; k < m; k++) {
    const x = d.distinctX[k] as number;
    constant[k] = lnGamma(r + x) - lnGammaR + r * logAlpha + lnBeta(a, b + x) - lnBetaAB;
    dropTerm[k] = x > 0 ? log(a / (b + x - 1)) : Number.NaN;
  }
  let total = 0;
  for (let k = 0; k < m; k++) total += (constant[k] as number) * (d.slotCount[k] as number);
  const n = d.x.length;
  for (let i = 0; i < n; i++) {
    const x = d.x[i] as number;
    const k = d.slot[i] as number;
    const alive = -(r + x) * log(alpha + (d.T[i] as number));
    if (x === 0) {
      total += alive;
      continue;
    }
    const dropped = (dropTerm[k] as number) - (r + x) * log(alpha + (d.tx[i] as number));
    // log(e^alive + e^dropped) without overflow or underflow
    total += alive > dropped ? alive + log1p(exp(dropped - alive)) : dropped + log1p(exp(alive - dropped));
  }
  return total;
}

/**
 * The BG/NBD log-likelihood of a customer summary (Fader, Hardie & Lee 2005, eq. 6),
 * summed over customers with x, t_x and T all present.
 *
 * Method: per customer, ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
 * + ln[(α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+t_x)^−(r+x)], the last sum taken in log
 * space so large x and T neither overflow nor underflow. The gamma and beta terms depend
 * on x only and are computed once per distinct x. Cost: O(n) with two logs per customer.
 *
 * @example bgnbdLogLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, cdnow) // ≈ −9582.4
 */
export function bgnbdLogLikelihood(params: BgnbdParams, summary: RepeatSummary): number {
  return logLikelihoodPrepared(params, prepare(summary));
}

function meanOf(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** The parameters whose log-likelihood {@link fitBgnbdSteps} maximises, and where it starts. */
function startingPoint(d: PreparedSummary): number[] {
  // r = 1 and α so that the mean purchase rate r/α matches the data's (x / T); a = 1, b = 3 is
  // a dropout probability of 1/4 per purchase. Fitted in logs, so parameters stay positive.
  const rate = Math.max(meanOf(d.x), 0.01) / Math.max(meanOf(d.T), 1e-9);
  return [0, log(1 / rate), 0, log(3)];
}

const fromLogs = (v: readonly number[]): BgnbdParams => ({ r: exp(v[0]!), alpha: exp(v[1]!), a: exp(v[2]!), b: exp(v[3]!) });

/** Past this, a log-parameter has run off to 0 or ∞: the data do not identify it. */
const LOG_PARAMETER_LIMIT = 25;

/** How often a stepwise fit reports (and so lets a caller yield), and where it gives up. */
export interface FitStepOptions {
  /** Report every this many optimiser iterations (default 50); lower it for large data so each step stays short. */
  reportEvery?: number;
  /** Iteration limit (default 20,000). */
  maxIterations?: number;
}

/**
 * Fits BG/NBD by maximum likelihood, yielding progress so a task pane can stay responsive
 * (see {@link fitBgnbd} for the method and errors).
 */
export function* fitBgnbdSteps(summary: RepeatSummary, options: FitStepOptions = {}): Generator<MinimizeProgress, BgnbdFit> {
  const d = prepare(summary);
  if (d.x.length === 0) throw new CvError("EMPTY_INPUT", "x, t_x and T have no complete row to fit on", { argument: "x" });
  let repeaters = 0;
  for (const x of d.x) if (x > 0) repeaters++;
  if (repeaters === 0) throw new CvError("NOT_COMPUTABLE", "no customer has a repeat purchase (every x is 0): BG/NBD cannot be fitted", { argument: "x" });
  const objective = (v: readonly number[]) => -logLikelihoodPrepared(fromLogs(v), d);
  const run: MinimizeResult = yield* minimizeSteps(objective, startingPoint(d), { valueTolerance: 1e-12, pointTolerance: 1e-8, ...options });
  const names = ["r", "alpha", "a", "b"];
  const runaway = run.x.findIndex((v) => Math.abs(v) > LOG_PARAMETER_LIMIT);
  if (runaway >= 0) {
    throw new CvError(
      "NOT_CONVERGED",
      `the BG/NBD fit did not converge: ${names[runaway]} runs off to ${run.x[runaway]! > 0 ? "infinity" : "0"} (the data do not pin it down; check that x, t_x and T are repeat purchases, last-purchase times and ages in one unit)`,
    );
  }
  if (!run.converged || !Number.isFinite(run.value)) {
    const best = fromLogs(run.x);
    const dropout = best.a / (best.a + best.b);
    const why =
      dropout < 1e-4
        ? `: the data show almost no dropout (mean dropout probability per purchase ${dropout.toExponential(1)}), so a and b drift without settling; a longer period (a later as_of) usually pins them down`
        : ` (best log-likelihood ${(-run.value).toFixed(2)})`;
    throw new CvError("NOT_CONVERGED", `the BG/NBD fit did not converge after ${run.iterations} iterations${why}`);
  }
  return { params: fromLogs(run.x), logLikelihood: -run.value, customers: d.x.length, iterations: run.iterations, evaluations: run.evaluations };
}

/**
 * Fits the BG/NBD model (Fader, Hardie & Lee 2005) to a customer summary by maximum
 * likelihood: the r, α, a, b that make the observed repeat purchases most likely.
 *
 * Method: Nelder–Mead on the log-parameters (so they stay positive), started from r = 1,
 * α matched to the average purchase rate, a = 1, b = 3, and restarted until a fresh simplex
 * finds nothing better. Rows with a missing value are left out. Cost: a few hundred
 * likelihood evaluations of O(n) each; about 0.1 s for CDNOW's 2,357 customers.
 *
 * @throws CvError EMPTY_INPUT with no complete row; NOT_COMPUTABLE when no customer
 *   repeats; NOT_CONVERGED (Excel #NUM!) when the optimiser does not settle or a
 *   parameter runs off to 0 or infinity; BAD_VALUE for an impossible row.
 * @example fitBgnbd(cdnowSummary).params // → { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }
 */
export function fitBgnbd(summary: RepeatSummary): BgnbdFit {
  return finishSteps(fitBgnbdSteps(summary));
}

/**
 * Checks fitted or typed-in BG/NBD parameters.
 *
 * @throws CvError BAD_VALUE naming the parameter when it is not a positive number.
 */
export function checkBgnbdParams(p: BgnbdParams, argument = "params"): void {
  for (const [name, v] of Object.entries(p)) {
    if (!(v > 0) || !Number.isFinite(v)) throw new CvError("BAD_VALUE", `${argument}: ${name} must be a positive number, found ${v}`, { argument, value: v });
  }
}

/**
 * The probability that a customer with history (x, t_x, T) is still active
 * (Fader, Hardie & Lee 2005, eq. 13): 1 / (1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).
 * A customer with no repeat purchase is alive with probability 1 under BG/NBD (dropout
 * can only happen right after a purchase). Cost: O(1).
 *
 * @example bgnbdPAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 2, 30.43, 38.86) // ≈ 0.935
 */
export function bgnbdPAlive(p: BgnbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const ratio = exp((p.r + x) * (log(p.alpha + T) - log(p.alpha + tx)));
  return 1 / (1 + (p.a / (p.b + x - 1)) * ratio);
}

/** a − 1 appears in a denominator; at exactly a = 1 the formula's limit is taken by a tiny nudge. */
const nudgeFromOne = (a: number) => (Math.abs(a - 1) < 1e-7 ? 1 + 1e-7 : a);

/**
 * Expected purchases in the next t periods for a customer with history (x, t_x, T)
 * (Fader, Hardie & Lee 2005, eq. 10):
 * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] / (1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).
 * Cost: one hypergeometric series (a few dozen terms for t up to T).
 *
 * @throws CvError NOT_CONVERGED when the series does not converge (t enormous against α + T).
 * @example bgnbdExpected(params, 39, 0, 0, 38.86) // expected purchases in 39 weeks of a customer who never repeated
 */
export function bgnbdExpected(p: BgnbdParams, t: number, x: number, tx: number, T: number): number {
  if (t === 0) return 0;
  const a = nudgeFromOne(p.a);
  const z = t / (p.alpha + T + t);
  const hyp = hyp2f1(p.r + x, p.b + x, a + p.b + x - 1, z);
  const decay = exp((p.r + x) * (log(p.alpha + T) - log(p.alpha + T + t)));
  const first = (a + p.b + x - 1) / (a - 1);
  const denominator = x > 0 ? 1 + (a / (p.b + x - 1)) * exp((p.r + x) * (log(p.alpha + T) - log(p.alpha + tx))) : 1;
  return (first * (1 - decay * hyp)) / denominator;
}

/**
 * Expected purchases in a period of length t for a new customer, E[X(t)]
 * (Fader, Hardie & Lee 2005, eq. 9): (a+b−1)/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b; a+b−1; t/(α+t))].
 * Cost: one hypergeometric series.
 *
 * @example bgnbdUnconditional(params, 39) // expected repeat purchases in a new customer's first 39 weeks
 */
export function bgnbdUnconditional(p: BgnbdParams, t: number): number {
  if (t === 0) return 0;
  const a = nudgeFromOne(p.a);
  const hyp = hyp2f1(p.r, p.b, a + p.b - 1, t / (p.alpha + t));
  return ((a + p.b - 1) / (a - 1)) * (1 - pow(p.alpha / (p.alpha + t), p.r) * hyp);
}

/**
 * P(X(t) = k) for k = 0 … maxK: the probability that a new customer makes exactly k repeat
 * purchases in a period of length t (Fader, Hardie & Lee 2005, eq. 8).
 *
 * Method: with q = t/(α+t) and NB(j) = Γ(r+j)/(Γ(r) j!) (α/(α+t))^r q^j (built by the
 * recurrence NB(j+1) = NB(j) · (r+j)/(j+1) · q),
 * P(k) = B(a, b+k)/B(a, b) · NB(k) + 1{k>0} · B(a+1, b+k−1)/B(a, b) · (1 − Σ_{j<k} NB(j)).
 * Cost: O(maxK).
 *
 * @example bgnbdCountProbabilities(params, 38.86, 7) // 8 probabilities, P(0) first
 */
export function bgnbdCountProbabilities(p: BgnbdParams, t: number, maxK: number): Float64Array {
  const out = new Float64Array(maxK + 1);
  const q = t / (p.alpha + t);
  const lnBetaAB = lnBeta(p.a, p.b);
  let nb = pow(p.alpha / (p.alpha + t), p.r);
  let cumulative = 0;
  for (let k = 0; k <= maxK; k++) {
    const stillAlive = exp(lnBeta(p.a, p.b + k) - lnBetaAB) * nb;
    const droppedBefore = k > 0 ? exp(lnBeta(p.a + 1, p.b + k - 1) - lnBetaAB) * Math.max(0, 1 - cumulative) : 0;
    out[k] = stillAlive + droppedBefore;
    cumulative += nb;
    nb *= ((p.r + k) / (k + 1)) * q;
  }
  return out;
}

/**
 * Actual against expected numbers of customers by repeat purchases in the calibration
 * period (the BG/NBD model check of Fader, Hardie & Lee 2005, Figure 3): for k = 0 …
 * lastBucket − 1 the customers with exactly k repeat purchases, and in the last bucket
 * those with lastBucket or more. Expected counts add each customer's P(X(T_i) = k), so
 * both series sum to the number of customers. Cost: O(n · lastBucket).
 *
 * @example frequencyFit(params, summary, 7).expected // 8 expected counts; .actual the observed ones
 */
export function frequencyFit(p: BgnbdParams, summary: RepeatSummary, lastBucket = 7): { buckets: string[]; actual: Float64Array; expected: Float64Array } {
  const d = prepare(summary);
  const actual = new Float64Array(lastBucket + 1);
  const expected = new Float64Array(lastBucket + 1);
  // Customers of the same age share the probabilities (ages are few: one per first-purchase day).
  const byAge = new Map<number, Float64Array>();
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i] as number;
    actual[Math.min(x, lastBucket)]! += 1;
    const T = d.T[i] as number;
    let probabilities = byAge.get(T);
    if (!probabilities) byAge.set(T, (probabilities = bgnbdCountProbabilities(p, T, lastBucket - 1)));
    let below = 0;
    for (let k = 0; k < lastBucket; k++) {
      expected[k]! += probabilities[k] as number;
      below += probabilities[k] as number;
    }
    expected[lastBucket]! += Math.max(0, 1 - below);
  }
  const buckets = Array.from({ length: lastBucket + 1 }, (_, k) => (k < lastBucket ? String(k) : `${lastBucket}+`));
  return { buckets, actual, expected };
}
