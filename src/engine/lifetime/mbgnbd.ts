import { CvError } from "../core/errors";
import { finishSteps } from "../core/steps";
import { type BgnbdParams, type RepeatSummary, bgnbdExpected, checkRepeatSummary } from "./bgnbd";
import type { MinimizeProgress } from "./nelderMead";
import { type FitMethod, type FitStepOptions, FIT_PARAMETER_RANGE, type ParameterFit, type WeightedRepeatRows, collapseRepeatRows, fitParametersSteps, fitWarnings, formatFitParameter } from "./modelFit";
import { digamma, lnBeta, lnGamma } from "./specialFunctions";

// Module-level aliases: a global lookup of Math in a hot loop is slow inside vm contexts (Jest), and free elsewhere.
const { log, exp, log1p } = Math;

/**
 * MBG/NBD parameters (Batislam, Denizel & Filiztekin 2007): purchase rates ~ Gamma(r, α);
 * dropout probabilities ~ Beta(a, b), a dropout draw at time 0 and after every repeat purchase.
 */
export interface MbgnbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** The summary collapsed to distinct rows (t_x = 0 where x = 0), with the distinct x values numbered. */
interface PreparedSummary extends WeightedRepeatRows {
  slot: Int32Array;
  distinctX: Float64Array;
  slotWeight: Float64Array;
}

function prepare(s: RepeatSummary, weights?: Float64Array): PreparedSummary {
  checkRepeatSummary(s);
  if (weights && weights.length !== s.x.length) throw new CvError("LENGTH_MISMATCH", `weights has ${weights.length} rows but x has ${s.x.length}: select ranges of the same height`, { argument: "weights" });
  // With x = 0 the last purchase is the first: t_x = 0 (the dropout term uses it).
  let tx = s.tx;
  for (let i = 0; i < s.x.length; i++) {
    if (s.x[i] === 0 && s.tx[i] !== 0 && !Number.isNaN(s.tx[i]!)) {
      tx = Float64Array.from(s.tx, (v, k) => (s.x[k] === 0 && !Number.isNaN(v) ? 0 : v));
      break;
    }
  }
  const rows = collapseRepeatRows(s.x, tx, s.T, weights);
  const slots = new Map<number, number>();
  const n = rows.x.length;
  const slot = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = rows.x[i]!;
    let k = slots.get(v);
    if (k === undefined) {
      k = slots.size;
      slots.set(v, k);
    }
    slot[i] = k;
  }
  const slotWeight = new Float64Array(slots.size);
  for (let i = 0; i < n; i++) slotWeight[slot[i]!]! += rows.w[i]!;
  return { ...rows, slot, distinctX: Float64Array.from(slots.keys()), slotWeight };
}

/** Scratch arrays of the per-distinct-x terms, reused across evaluations of one fit. */
interface SlotTerms {
  dropTerm: Float64Array;
  inverseBx: Float64Array;
}

const slotTerms = (m: number): SlotTerms => ({ dropTerm: new Float64Array(m), inverseBx: new Float64Array(m) });

/**
 * −ln L over the prepared rows at log-parameters v, and (when `gradient` is given) its
 * gradient with respect to v; +∞ outside the domain. See {@link mbgnbdLogLikelihood}.
 */
function negativeLogLikelihood(v: ArrayLike<number>, d: PreparedSummary, terms: SlotTerms, gradient?: Float64Array): number {
  const r = exp(v[0]!);
  const alpha = exp(v[1]!);
  const a = exp(v[2]!);
  const b = exp(v[3]!);
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Number.isFinite(r + alpha + a + b)) return Number.POSITIVE_INFINITY;
  const m = d.distinctX.length;
  const { dropTerm, inverseBx } = terms;
  const lnGammaR = lnGamma(r);
  const lnBetaAB = lnBeta(a, b);
  const logAlpha = log(alpha);
  const logA = log(a);
  const withGradient = gradient !== undefined;
  let gR = 0;
  let gAlpha = 0;
  let gA = 0;
  let gB = 0;
  let total = 0;
  const psiR = withGradient ? digamma(r) : 0;
  const psiB = withGradient ? digamma(b) : 0;
  const psiAB = withGradient ? digamma(a + b) : 0;
  for (let k = 0; k < m; k++) {
    const x = d.distinctX[k]!;
    const w = d.slotWeight[k]!;
    // ln Γ(r + x) − ln Γ(r) + r ln α + ln B(a, b + x + 1) − ln B(a, b)
    total += w * (lnGamma(r + x) - lnGammaR + r * logAlpha + lnBeta(a, b + x + 1) - lnBetaAB);
    dropTerm[k] = logA - log(b + x);
    inverseBx[k] = 1 / (b + x);
    if (withGradient) {
      const psiABx1 = digamma(a + b + x + 1);
      gR += w * (digamma(r + x) - psiR + logAlpha);
      gAlpha += w * (r / alpha);
      gA += w * (psiAB - psiABx1);
      gB += w * (digamma(b + x + 1) - psiABx1 - psiB + psiAB);
    }
  }
  const n = d.x.length;
  for (let i = 0; i < n; i++) {
    const x = d.x[i]!;
    const w = d.w[i]!;
    const k = d.slot[i]!;
    const rx = r + x;
    const At = alpha + d.T[i]!;
    const Atx = alpha + d.tx[i]!;
    const logAT = log(At);
    const logATx = log(Atx);
    const alive = -rx * logAT;
    const dropped = dropTerm[k]! - rx * logATx;
    // log(e^alive + e^dropped) without overflow or underflow; u = the dropped branch's share.
    let u: number;
    if (alive > dropped) {
      const e = exp(dropped - alive);
      total += w * (alive + log1p(e));
      u = e / (1 + e);
    } else {
      const e = exp(alive - dropped);
      total += w * (dropped + log1p(e));
      u = 1 / (1 + e);
    }
    if (withGradient) {
      gR -= w * ((1 - u) * logAT + u * logATx);
      gAlpha -= w * rx * ((1 - u) / At + u / Atx);
      gA += (w * u) / a;
      gB -= w * u * inverseBx[k]!;
    }
  }
  if (withGradient) {
    // With respect to the log-parameters, and for −ln L.
    gradient[0] = -gR * r;
    gradient[1] = -gAlpha * alpha;
    gradient[2] = -gA * a;
    gradient[3] = -gB * b;
  }
  return Number.isFinite(total) ? -total : Number.POSITIVE_INFINITY;
}

/**
 * The MBG/NBD log-likelihood of a customer summary (Batislam, Denizel & Filiztekin 2007),
 * summed over customers with x, t_x and T all present (each counted `weights[i]` times when
 * weights are given).
 *
 * Method: per customer, ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+1) − ln B(a, b)
 * + ln[(α+T)^−(r+x) + a/(b+x) · (α+t_x)^−(r+x)], the last sum in log space so large x and T
 * neither overflow nor underflow; t_x is taken as 0 when x = 0. Identical rows are summed
 * once with their count; the gamma and beta terms are computed once per distinct x.
 * Cost: O(n) with two logs per distinct row.
 *
 * @throws CvError LENGTH_MISMATCH or BAD_VALUE for an impossible summary (see repeatRowProblem).
 * @example mbgnbdLogLikelihood({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, cdnow) // the CDNOW calibration summary
 */
export function mbgnbdLogLikelihood(params: MbgnbdParams, summary: RepeatSummary, weights?: Float64Array): number {
  const { r, alpha, a, b } = params;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return Number.NEGATIVE_INFINITY;
  const d = prepare(summary, weights);
  return -negativeLogLikelihood([log(r), log(alpha), log(a), log(b)], d, slotTerms(d.distinctX.length));
}

/**
 * The gradient of {@link mbgnbdLogLikelihood} with respect to (r, α, a, b): the analytic
 * derivatives the fit uses (digamma terms per distinct x, the two branches weighted by their
 * shares of L), for diagnostics and for checking against finite differences. Cost: as the
 * log-likelihood plus five digammas per distinct x.
 *
 * @throws CvError LENGTH_MISMATCH or BAD_VALUE as {@link mbgnbdLogLikelihood}; BAD_VALUE for parameters that are not positive.
 * @example mbgnbdLogLikelihoodGradient(fitted, cdnow) // ≈ [0, 0, 0, 0] at the maximum
 */
export function mbgnbdLogLikelihoodGradient(params: MbgnbdParams, summary: RepeatSummary, weights?: Float64Array): Float64Array {
  checkMbgnbdParams(params);
  const d = prepare(summary, weights);
  const values = [params.r, params.alpha, params.a, params.b];
  const g = new Float64Array(4);
  negativeLogLikelihood(values.map(log), d, slotTerms(d.distinctX.length), g);
  for (let k = 0; k < 4; k++) g[k] = -g[k]! / values[k]!;
  return g;
}

/** A fitted MBG/NBD model: parameters, their standard errors, the log-likelihood and how the fit went. */
export interface MbgnbdFit {
  params: MbgnbdParams;
  /** Standard errors from the Hessian of the log-likelihood (NaN where it is singular). */
  standardErrors: MbgnbdParams;
  /** The covariance of (ln r, ln α, ln a, ln b), row-major 4 × 4, or undefined on a ridge. */
  logCovariance: Float64Array | undefined;
  logLikelihood: number;
  /** Customers fitted (the total weight). */
  customers: number;
  /** Of them, those with a repeat purchase. */
  repeatBuyers: number;
  iterations: number;
  evaluations: number;
  method: FitMethod;
  /** Reasons not to trust the numbers, in plain words (empty when there is none): see {@link fitWarnings}. */
  warnings: string[];
  /** The full fit, for the CV.MBGNBD.FIT table and uncertainty ranges. */
  fit: ParameterFit;
}

/**
 * Below this mean dropout probability per draw, a/(a+b), MBG/NBD sees almost nobody stop
 * buying: P(alive) stays near 1 for everyone (CDNOW fits 36%).
 *
 * @example MBGNBD_NEAR_ZERO_DROPOUT === 0.01
 */
export const MBGNBD_NEAR_ZERO_DROPOUT = 0.01;

/** The MBG/NBD fit's own warnings: dropout ≈ 0. */
function mbgnbdModelWarnings(p: MbgnbdParams): string[] {
  const dropout = p.a / (p.a + p.b);
  if (dropout >= MBGNBD_NEAR_ZERO_DROPOUT) return [];
  return [
    `dropout ≈ 0: the mean chance of dropping out at the first purchase or after a repeat purchase is ${formatFitParameter(dropout * 100)}%, so the model sees almost nobody stop buying, P(alive) stays near 1 and cannot pick out churned customers; try a later as-of date (a longer history)`,
  ];
}

/** Why an MBG/NBD fit that ran off has no answer, in plain words. */
function mbgnbdRunawayReason(p: MbgnbdParams, k: number, scale: number, customers: number): string {
  const big = (v: number) => v > FIT_PARAMETER_RANGE.upper / 10;
  const tail = ` (${customers.toLocaleString("en")} customer${customers === 1 ? "" : "s"})`;
  const dropout = p.a / (p.a + p.b);
  if (k <= 1 && big(p.r)) {
    return `the purchase rates do not differ enough between customers: r grows without limit with alpha in step (r = ${formatFitParameter(p.r)}, alpha = ${formatFitParameter(p.alpha)}, r/alpha ≈ ${formatFitParameter(p.r / p.alpha)} purchases per unit of time), so the spread of rates collapses to a single rate${tail}: MBG/NBD needs customers who buy at different rates — check that x, t_x and T are repeat purchases, last-purchase times and ages in one unit`;
  }
  if (k >= 2 && big(p.a) && big(p.b)) {
    return `the dropout probabilities do not differ between customers: a and b grow together without limit (a = ${formatFitParameter(p.a)}, b = ${formatFitParameter(p.b)}, mean dropout probability per draw ${formatFitParameter(dropout)})${tail}`;
  }
  if (k >= 2 && dropout < 1e-3) {
    return `the data show almost no dropout (${k === 2 ? `a runs to ${formatFitParameter(p.a)}` : `b runs to ${formatFitParameter(p.b)}`}, mean dropout probability per draw ${formatFitParameter(dropout)}), so a and b drift without settling${tail}: a longer period (a later as_of) or customers who stopped buying usually pin them down`;
  }
  const names = ["r", "alpha", "a", "b"] as const;
  const name = names[k] as (typeof names)[number];
  const v = p[name];
  const high = (k === 1 ? v / scale : v) > 1;
  return `${name} runs off to ${high ? "infinity" : "0"} (${name} = ${formatFitParameter(v)}, ${customers.toLocaleString("en")} customer${customers === 1 ? "" : "s"}): the data do not pin it down; check that x, t_x and T are repeat purchases, last-purchase times and ages in one unit`;
}

function weightedMean(values: Float64Array, w: Float64Array): number {
  let s = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    s += values[i]! * w[i]!;
    total += w[i]!;
  }
  return total > 0 ? s / total : 0;
}

/**
 * Fits MBG/NBD by maximum likelihood, yielding progress so a task pane can stay responsive
 * (see {@link fitMbgnbd} for the method and errors). The last report is the state the
 * optimiser ended in (also when the fit then fails).
 *
 * @throws CvError as {@link fitMbgnbd}.
 * @example finishSteps(fitMbgnbdSteps(cdnow)).params
 */
export function* fitMbgnbdSteps(summary: RepeatSummary, options: FitStepOptions = {}, weights?: Float64Array): Generator<MinimizeProgress, MbgnbdFit> {
  const d = prepare(summary, weights);
  if (d.x.length === 0) throw new CvError("EMPTY_INPUT", "x, t_x and T have no complete row to fit on", { argument: "x" });
  let repeatBuyers = 0;
  for (let i = 0; i < d.x.length; i++) if (d.x[i]! > 0) repeatBuyers += d.w[i]!;
  if (repeatBuyers === 0) throw new CvError("NOT_COMPUTABLE", "no customer has a repeat purchase (every x is 0): MBG/NBD cannot be fitted", { argument: "x" });
  const terms = slotTerms(d.distinctX.length);
  // α is a time: its range is relative to the customers' ages (the data's time scale).
  const scale = Math.max(weightedMean(d.T, d.w), 1e-9);
  // r = 1 and α so that r/α matches the data's purchase rate (x / T); a = 1, b = 3.
  const rate = Math.max(weightedMean(d.x, d.w), 0.01) / scale;
  const logAlpha = log(1 / rate);
  const fit = yield* fitParametersSteps(
    {
      model: "MBG/NBD",
      names: ["r", "alpha", "a", "b"],
      objective: (v, gradient) => negativeLogLikelihood(v, d, terms, gradient),
      starts: [
        [0, logAlpha, 0, log(3)],
        [log(0.3), logAlpha + log(0.3), log(0.5), log(2)],
        [log(3), logAlpha + log(3), log(0.1), log(10)],
      ],
      logScale: [0, log(scale), 0, 0],
      runawayReason: (p, k) => mbgnbdRunawayReason(p as unknown as MbgnbdParams, k, scale, d.customers),
    },
    options,
  );
  const [r, alpha, a, b] = fit.values as [number, number, number, number];
  const [sr, sAlpha, sa, sb] = fit.standardErrors as [number, number, number, number];
  const params = { r, alpha, a, b };
  return {
    params,
    standardErrors: { r: sr, alpha: sAlpha, a: sa, b: sb },
    logCovariance: fit.logCovariance,
    logLikelihood: fit.logLikelihood,
    customers: d.customers,
    repeatBuyers,
    iterations: fit.iterations,
    evaluations: fit.evaluations,
    method: fit.method,
    warnings: fitWarnings(fit, { customers: d.customers, repeatBuyers, modelWarnings: mbgnbdModelWarnings(params) }),
    fit,
  };
}

/**
 * Fits the MBG/NBD model (Batislam, Denizel & Filiztekin 2007) to a customer summary by
 * maximum likelihood: the r, α, a, b that make the observed repeat purchases most likely,
 * with their standard errors and a plain-words list of reasons not to trust them.
 *
 * Method: identical (x, t_x, T) rows merged with weights; BFGS on the log-parameters with
 * the analytic gradient (digamma terms per distinct x), started from r = 1, α matched to the
 * average purchase rate, a = 1, b = 3, and from two other points when a start runs off to the
 * boundary; Nelder–Mead from BFGS's best point when BFGS stalls; standard errors from the
 * Hessian. Rows with a missing value are left out; `weights` counts each row that many
 * times. Cost: 20–40 evaluations of O(n) each plus 8 for the Hessian; about 10 ms for
 * CDNOW's 2,357 customers.
 *
 * @throws CvError EMPTY_INPUT with no complete row; NOT_COMPUTABLE when no customer
 *   repeats; NOT_CONVERGED (Excel #NUM!) when the optimiser does not settle or a parameter
 *   runs off to 0 or infinity; BAD_VALUE for an impossible row or weight; LENGTH_MISMATCH.
 * @example fitMbgnbd(cdnowSummary).params // → { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }
 */
export function fitMbgnbd(summary: RepeatSummary, weights?: Float64Array): MbgnbdFit {
  return finishSteps(fitMbgnbdSteps(summary, {}, weights));
}

/**
 * Checks fitted or typed-in MBG/NBD parameters. Cost: O(1).
 *
 * @throws CvError BAD_VALUE naming the parameter when it is not a positive finite number.
 * @example checkMbgnbdParams({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }) // passes
 */
export function checkMbgnbdParams(p: MbgnbdParams, argument = "params"): void {
  for (const [name, v] of Object.entries(p)) {
    if (!(v > 0) || !Number.isFinite(v)) throw new CvError("BAD_VALUE", `${argument}: ${name} must be a positive number, found ${v}`, { argument, value: v });
  }
}

/**
 * The probability that a customer with history (x, t_x, T) is still active (Batislam,
 * Denizel & Filiztekin 2007, Appendix A eq. 5): 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)).
 * Unlike BG/NBD it is below 1 also without repeat purchases (the customer may have dropped
 * at the first purchase); t_x is taken as 0 when x = 0. The odds are taken in logs, so a
 * million purchases or ages of 1e300 give 0 or 1 rather than NaN. Cost: O(1).
 *
 * @example mbgnbdPAlive({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 0, 0, 38.86) // < 1, unlike BG/NBD
 */
export function mbgnbdPAlive(p: MbgnbdParams, x: number, tx: number, T: number): number {
  const t = x === 0 ? 0 : tx;
  const odds = log(p.a) - log(p.b + x) + (p.r + x) * log1p((T - t) / (p.alpha + t));
  return odds > 0 ? exp(-odds) / (1 + exp(-odds)) : 1 / (1 + exp(odds));
}

/** BG/NBD parameters with b + 1 for the last MBG/NBD parameters seen: one object per parameter set, not per customer. */
let shiftedFor: BgnbdParams = { r: Number.NaN, alpha: Number.NaN, a: Number.NaN, b: Number.NaN };
function shiftedParams(p: MbgnbdParams): BgnbdParams {
  if (shiftedFor.r !== p.r || shiftedFor.alpha !== p.alpha || shiftedFor.a !== p.a || shiftedFor.b !== p.b + 1) shiftedFor = { r: p.r, alpha: p.alpha, a: p.a, b: p.b + 1 };
  return shiftedFor;
}

/**
 * Expected purchases in the next t of a customer with history (x, t_x, T):
 * (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] · P(alive)
 * (Batislam, Denizel & Filiztekin 2007, as corrected by Wagner & Hoppe 2008).
 *
 * Method: given alive, the posterior is BG/NBD's with b + 1 in place of b (λ ~ Gamma(r+x, α+T),
 * p ~ Beta(a, b+x+1)), so the bracket comes from the BG/NBD routine (bgnbdExpected with b + 1:
 * Euler's transformation of the series, or an integral over p for horizons beyond 99 (α+T),
 * all in logs); for x > 0 its P(alive) is already MBG/NBD's, for x = 0 MBG/NBD's P(alive)
 * multiplies the alive customer's expectation. Cost: one series (a few dozen terms) or one
 * quadrature (a few thousand points).
 *
 * @throws CvError NOT_CONVERGED when neither route settles (parameters near 1e300 or a far
 *   below 1e−4 with a long horizon); OUT_OF_RANGE when the expectation is beyond ±1.8e308.
 * @example mbgnbdExpected({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 39, 2, 30.43, 38.86) // expected purchases in the next 39 weeks
 */
export function mbgnbdExpected(p: MbgnbdParams, t: number, x: number, tx: number, T: number): number {
  if (t === 0) return 0;
  const shifted = shiftedParams(p);
  try {
    if (x > 0) return bgnbdExpected(shifted, t, x, tx, T);
    return bgnbdExpected(shifted, t, 0, 0, T) * mbgnbdPAlive(p, 0, 0, T);
  } catch (error) {
    if (error instanceof CvError && error.code === "NOT_CONVERGED") {
      throw new CvError("NOT_CONVERGED", `expected purchases over t = ${t} cannot be computed for the MBG/NBD parameters r = ${p.r}, alpha = ${p.alpha}, a = ${p.a}, b = ${p.b}: they are too extreme for double precision`, { argument: "params" });
    }
    throw error;
  }
}

/**
 * Expected purchases in a period of length t for a new customer, E[X(t)]:
 * b/(a−1) · [1 − (α/(α+t))^r · ₂F₁(r, b+1; a+b; t/(α+t))], the conditional expectation at
 * x = t_x = T = 0 (where P(alive) = b/(a+b)), computed as {@link mbgnbdExpected} does.
 * Cost: one series or one quadrature.
 *
 * @throws CvError as {@link mbgnbdExpected}.
 * @example mbgnbdUnconditional({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, 78) // a new CDNOW customer's repeat purchases in 78 weeks
 */
export function mbgnbdUnconditional(p: MbgnbdParams, t: number): number {
  return mbgnbdExpected(p, t, 0, 0, 0);
}
