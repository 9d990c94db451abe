import { CvError } from "../core/errors";
import { type MinimizeProgress, type MinimizeResult, minimizeSteps } from "./nelderMead";
import { lnBeta, lnGamma, lnHyp2f1Series } from "./specialFunctions";
import { finishSteps } from "../core/steps";

// Module-level aliases: a global lookup of Math in a hot loop is slow inside vm contexts (Jest), and free elsewhere.
const { log, exp, log1p, expm1, pow } = Math;

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
 * or has a value missing (NaN): all three finite, x a whole number ≥ 0, 0 ≤ t_x ≤ T, and t_x > 0 when x > 0.
 * T = 0 (a customer first seen on the last day) is allowed: it adds nothing to the likelihood. The error names the argument, the 1-based row and the value.
 *
 * @example repeatRowProblem(1, 40, 39, 2)?.message // → "t_x row 2 is 40, after T = 39: …"
 */
export function repeatRowProblem(x: number, tx: number, T: number, row: number): CvError | undefined {
  if (Number.isNaN(x) || Number.isNaN(tx) || Number.isNaN(T)) return undefined;
  for (const [argument, value] of [
    ["x", x],
    ["t_x", tx],
    ["T", T],
  ] as const) {
    if (!Number.isFinite(value)) return new CvError("BAD_VALUE", `${argument} row ${row}: expected a finite number, found ${value}`, { argument, row, value });
  }
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

/**
 * Where a fitted parameter can still lie: r, a, b (shapes, no unit) and α divided by the
 * data's time scale (the mean age T) within [1e-6, 1e5]. A fit whose best point leaves this
 * box is running off to 0 or infinity along a ridge the data do not close, and stops there.
 *
 * @example fitBgnbd(everyoneBuysEveryWeek) // throws NOT_CONVERGED once r passes FIT_PARAMETER_RANGE.upper
 */
export const FIT_PARAMETER_RANGE = { lower: 1e-6, upper: 1e5 } as const;
const LOG_LOWER = log(FIT_PARAMETER_RANGE.lower);
const LOG_UPPER = log(FIT_PARAMETER_RANGE.upper);

/**
 * The index of the first log-parameter that has left {@link FIT_PARAMETER_RANGE} once its
 * scale (the log of its unit, 0 for a shape) is subtracted, or −1 when all are inside; a
 * NaN counts as outside. The fits hand it to the optimiser as its `escaped` check. Cost: O(n).
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

/** The optimiser's run, and the index of the log-parameter that ran out of range (−1 for none). */
export interface BoundedRun {
  run: MinimizeResult;
  runaway: number;
}

/**
 * The fits' one optimiser loop: Nelder–Mead on log-parameters, stopped as soon as one leaves
 * {@link FIT_PARAMETER_RANGE} (relative to `logScale`), with one last progress report of
 * where it ended (also when the fit then fails). Cost: the optimiser's evaluations.
 *
 * @example const { run, runaway } = yield* minimizeInRange(f, [0, 0, 0, 0], [0, Math.log(30), 0, 0], { valueTolerance: 1e-12, pointTolerance: 1e-8 }, {});
 */
export function* minimizeInRange(
  objective: (v: readonly number[]) => number,
  start: readonly number[],
  logScale: readonly number[],
  tolerances: { valueTolerance: number; pointTolerance: number },
  options: FitStepOptions,
): Generator<MinimizeProgress, BoundedRun> {
  const run: MinimizeResult = yield* minimizeSteps(objective, start, { ...tolerances, escaped: (v) => escapedCoordinate(v, logScale), ...options });
  yield { iterations: run.iterations, evaluations: run.evaluations, best: run.value };
  const runaway = run.stopped === "runaway" ? (run.runaway as number) : escapedCoordinate(run.x, logScale);
  return { run, runaway };
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

/** How often a stepwise fit reports (and so lets a caller yield), and where it gives up. */
export interface FitStepOptions {
  /** Report every this many optimiser iterations (default 50); lower it for large data so each step stays short. */
  reportEvery?: number;
  /** Iteration limit (default 20,000). */
  maxIterations?: number;
}

/** Why a BG/NBD fit that ran off has no answer, in plain words. */
function bgnbdRunawayReason(p: BgnbdParams, k: number, scale: number, customers: number): string {
  const big = (v: number) => v > FIT_PARAMETER_RANGE.upper / 10;
  const tail = ` (${customers.toLocaleString("en")} customer${customers === 1 ? "" : "s"})`;
  if (k <= 1 && big(p.r)) {
    return `the purchase rates do not differ enough between customers: r grows without limit with alpha in step (r = ${formatFitParameter(p.r)}, alpha = ${formatFitParameter(p.alpha)}, r/alpha ≈ ${formatFitParameter(p.r / p.alpha)} purchases per unit of time), so the spread of rates collapses to a single rate${tail}: BG/NBD needs customers who buy at different rates — check that x, t_x and T are repeat purchases, last-purchase times and ages in one unit`;
  }
  if (k >= 2 && big(p.a) && big(p.b)) {
    return `the dropout probabilities do not differ between customers: a and b grow together without limit (a = ${formatFitParameter(p.a)}, b = ${formatFitParameter(p.b)}, mean dropout probability per purchase ${formatFitParameter(p.a / (p.a + p.b))})${tail}`;
  }
  const dropout = p.a / (p.a + p.b);
  if ((k === 2 || k === 3) && dropout < 1e-4) {
    return `the data show almost no dropout (${k === 2 ? `a runs to ${formatFitParameter(p.a)}` : `b runs to ${formatFitParameter(p.b)}`}, mean dropout probability per purchase ${formatFitParameter(dropout)}), so a and b drift without settling${tail}: a longer period (a later as_of) or customers who stopped buying usually pin them down`;
  }
  const names = ["r", "alpha", "a", "b"] as const;
  const name = names[k] as (typeof names)[number];
  const v = p[name];
  const high = (k === 1 ? v / scale : v) > 1;
  return `${name} runs off to ${high ? "infinity" : "0"} (${name} = ${formatFitParameter(v)}, ${customers.toLocaleString("en")} customer${customers === 1 ? "" : "s"}): the data do not pin it down; check that x, t_x and T are repeat purchases, last-purchase times and ages in one unit`;
}

/**
 * Fits BG/NBD by maximum likelihood, yielding progress so a task pane can stay responsive
 * (see {@link fitBgnbd} for the method and errors). The last report is the state the
 * optimiser ended in (also when the fit then fails).
 */
export function* fitBgnbdSteps(summary: RepeatSummary, options: FitStepOptions = {}): Generator<MinimizeProgress, BgnbdFit> {
  const d = prepare(summary);
  if (d.x.length === 0) throw new CvError("EMPTY_INPUT", "x, t_x and T have no complete row to fit on", { argument: "x" });
  let repeaters = 0;
  for (const x of d.x) if (x > 0) repeaters++;
  if (repeaters === 0) throw new CvError("NOT_COMPUTABLE", "no customer has a repeat purchase (every x is 0): BG/NBD cannot be fitted", { argument: "x" });
  const objective = (v: readonly number[]) => -logLikelihoodPrepared(fromLogs(v), d);
  // α is a time: its range is relative to the customers' ages (the data's time scale).
  const scale = Math.max(meanOf(d.T), 1e-9);
  const logScale = [0, log(scale), 0, 0];
  const { run, runaway } = yield* minimizeInRange(objective, startingPoint(d), logScale, { valueTolerance: 1e-12, pointTolerance: 1e-8 }, options);
  const best = fromLogs(run.x);
  if (runaway >= 0) {
    throw new CvError("NOT_CONVERGED", `the BG/NBD fit did not converge: ${bgnbdRunawayReason(best, runaway, scale, d.x.length)}`);
  }
  if (!run.converged || !Number.isFinite(run.value) || !Object.values(best).every(Number.isFinite)) {
    const dropout = best.a / (best.a + best.b);
    const how = run.stopped === "stalled" ? `stopped improving after ${run.iterations} iterations` : `did not converge after ${run.iterations} iterations`;
    const why =
      dropout < 1e-4
        ? `: the data show almost no dropout (mean dropout probability per purchase ${dropout.toExponential(1)}), so a and b drift without settling; a longer period (a later as_of) usually pins them down`
        : Number.isFinite(run.value)
          ? ` (best log-likelihood ${(-run.value).toFixed(2)})`
          : ": the likelihood could not be evaluated at any starting point";
    throw new CvError("NOT_CONVERGED", `the BG/NBD fit ${how}${why}`);
  }
  return { params: best, logLikelihood: -run.value, customers: d.x.length, iterations: run.iterations, evaluations: run.evaluations };
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

/** ln(1 + e^u) without overflow or underflow. */
const log1pExp = (u: number): number => (u > 0 ? u + log1p(exp(-u)) : log1p(exp(u)));
/** ln σ(v) = −ln(1 + e^−v), the log of the logistic function. */
const logSigmoid = (v: number): number => -log1pExp(-v);

/** ln[a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)], the log odds that a customer with x > 0 repeat purchases has dropped out. */
function logDropoutOdds(p: BgnbdParams, x: number, tx: number, T: number): number {
  return log(p.a) - log(p.b + x - 1) + (p.r + x) * log1p((T - tx) / (p.alpha + tx));
}

/** ln P(alive | x, t_x, T): 0 without repeat purchases. */
function logPAlive(p: BgnbdParams, x: number, tx: number, T: number): number {
  return x === 0 ? 0 : -log1pExp(logDropoutOdds(p, x, tx, T));
}

/**
 * The probability that a customer with history (x, t_x, T) is still active
 * (Fader, Hardie & Lee 2005, eq. 13): 1 / (1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).
 * A customer with no repeat purchase is alive with probability 1 under BG/NBD (dropout
 * can only happen right after a purchase). The odds are taken in logs, so a million
 * purchases or ages of 1e300 give 0 or 1 rather than NaN. Cost: O(1).
 *
 * @example bgnbdPAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 2, 30.43, 38.86) // ≈ 0.935
 */
export function bgnbdPAlive(p: BgnbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const odds = logDropoutOdds(p, x, tx, T);
  return odds > 0 ? exp(-odds) / (1 + exp(-odds)) : 1 / (1 + exp(odds));
}

/** a − 1 appears in a denominator; at exactly a = 1 the formula's limit is taken by a tiny nudge. */
const nudgeFromOne = (a: number) => (Math.abs(a - 1) < 1e-7 ? 1 + 1e-7 : a);

/** Above this z = t/(α+T+t) the series needs thousands of terms and the integral is used instead. */
const SERIES_Z_LIMIT = 0.99;

/**
 * The most points the long-horizon integral of {@link bgnbdExpected} takes before it gives up
 * with NOT_CONVERGED (only parameters far outside any fitted range get near it).
 *
 * @example BGNBD_QUADRATURE_MAX_POINTS === 2_000_000
 */
export const BGNBD_QUADRATURE_MAX_POINTS = 2_000_000;

/**
 * ln E[(1 − (A/(A + p t))^s) / p] for p ~ Beta(a, β), given ln(t/A): the expected purchases
 * in the next t of a customer alive now, whose purchase rate is Gamma(s, A) and dropout
 * probability per purchase p (a customer with rate λ who drops with probability p after each
 * purchase makes (1 − e^(−λpt))/p purchases in t on average).
 *
 * Method: the trapezoid rule in v = logit p, where the integrand g(p) p^a (1−p)^β / B(a, β)
 * is smooth and falls off exponentially on both sides, so the rule converges geometrically
 * (step ≤ 1/4, finer for a sharply peaked Beta); it marches out from the Beta's mode until the
 * integrand is e^−46 of its peak, or until it is a pure exponential whose remaining sum is
 * added in closed form, everything in logs. Cost: a few hundred to a few thousand points,
 * about 4 × (80 + ln(t/A) + ln β) at most.
 */
function logExpectedIfAlive(a: number, beta: number, s: number, logTOverA: number): number {
  const lnB = lnBeta(a, beta);
  const logIntegrand = (v: number): number => {
    const lp = logSigmoid(v);
    const lq = logSigmoid(-v);
    const u = lp + logTOverA; // ln(p t / A)
    const sL = s * log1pExp(u); // s ln(1 + p t / A)
    const logOneMinus = sL > 1e-300 ? log(-expm1(-sL)) : log(s) + u;
    return logOneMinus + (a - 1) * lp + beta * lq;
  };
  const spread = Math.sqrt(1 / a + 1 / beta);
  const h = Math.min(0.25, spread / 6);
  const centre = log(a) - log(beta);
  const logs: number[] = [logIntegrand(centre)];
  let peak = logs[0] as number;
  // Far out on either side the integrand is a pure exponential to 1e−17: e^(a v) on the left
  // (p t/A and β p negligible), e^(−β v) on the right (1 − p negligible); the rest of the
  // trapezoid sum there is a geometric series, added in closed form (it matters for a or β tiny).
  const leftFrom = -40 - Math.max(0, log(beta), logTOverA + log(s));
  const rightFrom = 40 + Math.max(0, log(Math.abs(a - 1)));
  for (const direction of [1, -1]) {
    for (let k = 1; ; k++) {
      if (logs.length >= BGNBD_QUADRATURE_MAX_POINTS) {
        throw new CvError(
          "NOT_CONVERGED",
          `expected purchases cannot be computed for these parameters: the integral over the dropout probability does not settle in ${BGNBD_QUADRATURE_MAX_POINTS.toLocaleString("en")} points (a = ${a}, b + x = ${beta})`,
        );
      }
      const v = centre + direction * k * h;
      const value = logIntegrand(v);
      logs.push(value);
      if (value > peak) peak = value;
      if (!(value > peak - 46)) break;
      if (direction > 0 ? v > rightFrom : v < leftFrom) {
        // Σ_{j≥1} f(v) e^(−rate j h) = f(v) / expm1(rate h)
        logs.push(value - log(expm1((direction > 0 ? beta : a) * h)));
        break;
      }
    }
  }
  let sum = 0;
  for (const value of logs) sum += exp(value - peak);
  return peak + log(sum * h) - lnB;
}

/**
 * Expected purchases in the next t periods for a customer with history (x, t_x, T)
 * (Fader, Hardie & Lee 2005, eq. 10):
 * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; z)] · P(alive), z = t/(α+T+t).
 *
 * Method, in logs throughout so frequent buyers and long horizons neither overflow nor
 * underflow: by Euler's transformation the bracket is also
 * 1 − (1−z)^(a−1) · ₂F₁(a+b−1−r, a−1; a+b+x−1; z), whose series needs only a few terms for a
 * customer with many purchases (the x-dependent powers cancel exactly); the form whose terms
 * decay faster is summed ({@link lnHyp2f1Series}). For z above 0.99 (t more than 99 times
 * α + T), where any series needs thousands of terms, the same expectation is integrated over
 * the customer's dropout probability instead: P(alive) · E[(1 − ((α+T)/(α+T+pt))^(r+x)) / p]
 * with p ~ Beta(a, b+x). Cost: O(1) plus one series (a few dozen terms) or one quadrature
 * (a few thousand points).
 *
 * @throws CvError NOT_CONVERGED when neither route settles (a dropout parameter a far below
 *   1e−4 with a long horizon, or parameters near 1e300); OUT_OF_RANGE when the expectation is
 *   beyond ±1.8e308.
 * @example bgnbdExpected(params, 39, 0, 0, 38.86) // expected purchases in 39 weeks of a customer who never repeated
 */
export function bgnbdExpected(p: BgnbdParams, t: number, x: number, tx: number, T: number): number {
  if (t === 0) return 0;
  const a = nudgeFromOne(p.a);
  const A = p.alpha + T;
  const ratio = t / A;
  const z = ratio >= 1 ? 1 / (1 + 1 / ratio) : ratio / (1 + ratio);
  const logAlive = logPAlive(p, x, tx, T);
  let value = Number.NaN;
  // The closed form is c/(a−1) · (1 − S) with 1 − S found by cancellation: its rounding error, about
  // 1e−16 · c/|a−1| of the answer, swamps it when b + x is huge or a is next to 1 (the integral has no such loss).
  const amplification = (a + p.b + x - 1) / Math.abs(a - 1);
  if (z <= SERIES_Z_LIMIT && amplification < 1e6) {
    try {
      const log1mz = -log1p(ratio);
      const c = a + p.b + x - 1;
      // Euler's form decays like k^(a−2−r−x) zᵏ, the plain one like k^(r+x−a) zᵏ: sum the faster.
      const euler = a - 1 < p.r + x;
      const series = euler ? lnHyp2f1Series(a + p.b - 1 - p.r, a - 1, c, z) : lnHyp2f1Series(p.r + x, p.b + x, c, z);
      const logS = series.log + (euler ? a - 1 : p.r + x) * log1mz;
      const oneMinusS = series.sign > 0 ? -expm1(logS) : series.sign < 0 ? 1 + exp(logS) : 1;
      value = (c / (a - 1)) * oneMinusS * exp(logAlive);
    } catch (error) {
      if (!(error instanceof CvError)) throw error;
    }
  }
  // Without dropout a customer would make (r + x) t / (α + T) purchases: a closed form outside 0 … that bound has lost its digits.
  const noDropout = (p.r + x) * ratio * exp(logAlive);
  if (!(value >= 0 && value <= noDropout * (1 + 1e-9))) value = exp(logAlive + logExpectedIfAlive(p.a, p.b + x, p.r + x, log(t) - log(A)));
  if (Number.isNaN(value)) {
    throw new CvError("NOT_CONVERGED", `expected purchases over t = ${t} cannot be computed for the parameters r = ${p.r}, alpha = ${p.alpha}, a = ${p.a}, b = ${p.b}: they are too extreme for double precision`, { argument: "params" });
  }
  if (!Number.isFinite(value)) {
    throw new CvError("OUT_OF_RANGE", `the expected purchases over t = ${t} are beyond the largest number Excel holds (±1.8E+308): use a shorter t`, { argument: "t", value: t });
  }
  return value;
}

/**
 * Expected purchases in a period of length t for a new customer, E[X(t)]
 * (Fader, Hardie & Lee 2005, eq. 9): (a+b−1)/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b; a+b−1; t/(α+t))],
 * the conditional expectation of a customer with x = 0 at age T = 0, computed as
 * {@link bgnbdExpected} does (in logs; an integral for t beyond 99 α). Cost: one series or one quadrature.
 *
 * @example bgnbdUnconditional(params, 39) // expected repeat purchases in a new customer's first 39 weeks
 */
export function bgnbdUnconditional(p: BgnbdParams, t: number): number {
  return bgnbdExpected(p, t, 0, 0, 0);
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
