import { CvError } from "../core/errors";
import type { MinimizeProgress } from "./nelderMead";
import { type FitMethod, type FitStepOptions, FIT_PARAMETER_RANGE, type LikelihoodProblem, type ParameterFit, type WeightedRepeatRows, fitParametersSteps, repeatRows, fitWarnings, formatFitParameter, historyLength } from "./modelFit";
import { digamma, lnBeta, lnGamma, lnHyp2f1Series } from "./specialFunctions";
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

/**
 * What is impossible about one customer's (x, t_x, T), or undefined when the row is fine
 * or has a value missing (NaN): all three finite, x a whole number ≥ 0, 0 ≤ t_x ≤ T, and t_x > 0 when x > 0.
 * T = 0 (a customer first seen on the last day) is allowed: it adds nothing to the likelihood. The error names the argument, the 1-based row and the value.
 *
 * @example repeatRowProblem(1, 40, 39, 2)?.message // → "t_x row 2 is 40, after T = 39: …"
 */
export function repeatRowProblem(x: number, tx: number, T: number, row: number): CvError | undefined {
  if (Number.isNaN(x) || Number.isNaN(tx) || Number.isNaN(T)) return undefined;
  // The common case first, without allocating: a valid row.
  if (x >= 0 && Number.isInteger(x) && tx >= 0 && T < Infinity && tx <= T + 1e-9 && (x === 0 || tx > 0)) return undefined;
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

/**
 * A member of the BG/NBD family: BG/NBD, where a customer may drop out right after each
 * repeat purchase, or MBG/NBD (Batislam, Denizel & Filiztekin 2007), where the customer may
 * also drop out right after the first purchase. Their likelihoods differ only by that one
 * extra dropout draw: `extraDraw` is 0 or 1 (B(a, b+x+extraDraw), and a/(b+x−1+extraDraw)
 * for every customer when it is 1).
 */
export interface DropoutFamily {
  model: "BG/NBD" | "MBG/NBD";
  extraDraw: 0 | 1;
  /** When a dropout draw happens, for messages: "per purchase" or "per draw". */
  perDraw: string;
  /** The model's own warnings on fitted parameters (dropout ≈ 0). */
  modelWarnings: (p: BgnbdParams) => string[];
}

/** Why a fit of the BG/NBD family that ran off has no answer, in plain words. */
function bgnbdRunawayReason(p: BgnbdParams, k: number, scale: number, customers: number, family: DropoutFamily): string {
  const per = family.perDraw;
  const big = (v: number) => v > FIT_PARAMETER_RANGE.upper / 10;
  const tail = ` (${customers.toLocaleString("en")} customer${customers === 1 ? "" : "s"})`;
  if (k <= 1 && big(p.r)) {
    const dropout = p.a / (p.a + p.b);
    const alsoNoDropout = dropout < 1e-3 ? `; and the data show almost no dropout (mean dropout probability ${per} ${formatFitParameter(dropout)}), so a and b cannot settle either: a longer period (a later as_of) or customers who stopped buying usually pin them down` : "";
    return `the purchase rates do not differ enough between customers: r grows without limit with alpha in step (r = ${formatFitParameter(p.r)}, alpha = ${formatFitParameter(p.alpha)}, r/alpha ≈ ${formatFitParameter(p.r / p.alpha)} purchases per unit of time), so the spread of rates collapses to a single rate${tail}: ${family.model} needs customers who buy at different rates — check that x, t_x and T are repeat purchases, last-purchase times and ages in one unit${alsoNoDropout}`;
  }
  if (k >= 2 && big(p.a) && big(p.b)) {
    return `the dropout probabilities do not differ between customers: a and b grow together without limit (a = ${formatFitParameter(p.a)}, b = ${formatFitParameter(p.b)}, mean dropout probability ${per} ${formatFitParameter(p.a / (p.a + p.b))})${tail}`;
  }
  const dropout = p.a / (p.a + p.b);
  if ((k === 2 || k === 3) && dropout < 1e-4) {
    return `the data show almost no dropout (${k === 2 ? `a runs to ${formatFitParameter(p.a)}` : `b runs to ${formatFitParameter(p.b)}`}, mean dropout probability ${per} ${formatFitParameter(dropout)}), so a and b drift without settling${tail}: a longer period (a later as_of) or customers who stopped buying usually pin them down`;
  }
  const names = ["r", "alpha", "a", "b"] as const;
  const name = names[k] as (typeof names)[number];
  const v = p[name];
  const high = (k === 1 ? v / scale : v) > 1;
  return `${name} runs off to ${high ? "infinity" : "0"} (${name} = ${formatFitParameter(v)}, ${customers.toLocaleString("en")} customer${customers === 1 ? "" : "s"}): the data do not pin it down; check that x, t_x and T are repeat purchases, last-purchase times and ages in one unit`;
}

/**
 * The rows a BG/NBD likelihood sums over: identical (x, t_x, T) merged with weights, and
 * the distinct x values numbered (the gamma and beta terms depend on x only).
 */
interface PreparedSummary extends WeightedRepeatRows {
  /** Index of each row's x among the distinct values. */
  slot: Int32Array;
  distinctX: Float64Array;
  /** The total weight of the rows with each distinct x. */
  slotWeight: Float64Array;
}

function prepare(s: RepeatSummary, weights?: Float64Array): PreparedSummary {
  checkRepeatSummary(s);
  if (weights && weights.length !== s.x.length) throw new CvError("LENGTH_MISMATCH", `weights has ${weights.length} rows but x has ${s.x.length}: select ranges of the same height`, { argument: "weights" });
  // With x = 0 the last purchase is the first: t_x = 0 (MBG/NBD's dropout term uses it; BG/NBD ignores it).
  let tx = s.tx;
  for (let i = 0; i < s.x.length; i++) {
    if (s.x[i] === 0 && s.tx[i] !== 0 && !Number.isNaN(s.tx[i]!)) {
      tx = Float64Array.from(s.tx, (v, k) => (s.x[k] === 0 && !Number.isNaN(v) ? 0 : v));
      break;
    }
  }
  return withSlots(repeatRows(s.x, tx, s.T, weights));
}

/** Every `stride`-th row: the subsample a large fit starts on (see LikelihoodProblem.coarse). */
function everyNth(d: WeightedRepeatRows, stride: number): WeightedRepeatRows {
  const m = Math.ceil(d.x.length / stride);
  const pick = (column: Float64Array) => {
    const out = new Float64Array(m);
    for (let j = 0; j < m; j++) out[j] = column[j * stride]!;
    return out;
  };
  const w = pick(d.w);
  let customers = 0;
  for (let j = 0; j < m; j++) customers += w[j]!;
  return { x: pick(d.x), tx: pick(d.tx), T: pick(d.T), w, customers };
}

/** Rows above which a fit starts on a subsample of about {@link COARSE_ROWS} rows. */
const COARSE_ABOVE = 250_000;
const COARSE_ROWS = 100_000;

function withSlots(rows: WeightedRepeatRows): PreparedSummary {
  const slots = new Map<number, number>();
  // x is a whole number, mostly small: a direct lookup for x < 4096, the map for the rest.
  const small = new Int32Array(4096).fill(-1);
  const n = rows.x.length;
  const slot = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = rows.x[i]!;
    let k = v < 4096 ? small[v]! : (slots.get(v) ?? -1);
    if (k < 0) {
      k = slots.size;
      slots.set(v, k);
      if (v < 4096) small[v] = k;
    }
    slot[i] = k;
  }
  const slotWeight = new Float64Array(slots.size);
  for (let i = 0; i < n; i++) slotWeight[slot[i]!]! += rows.w[i]!;
  return { x: rows.x, tx: rows.tx, T: rows.T, w: rows.w, customers: rows.customers, slot, distinctX: Float64Array.from(slots.keys()), slotWeight };
}

/** Scratch arrays of the per-distinct-x terms, reused across evaluations of one fit. */
interface SlotTerms {
  constant: Float64Array;
  dropTerm: Float64Array;
  inverseBx1: Float64Array;
}

const slotTerms = (m: number): SlotTerms => ({ constant: new Float64Array(m), dropTerm: new Float64Array(m), inverseBx1: new Float64Array(m) });

/**
 * −ln L over the prepared rows at log-parameters v, and (when `gradient` is given) its
 * gradient with respect to v; +∞ outside the domain. See {@link bgnbdLogLikelihood}.
 */
function negativeLogLikelihood(v: ArrayLike<number>, d: PreparedSummary, terms: SlotTerms, gradient: Float64Array | undefined, extraDraw: 0 | 1): number {
  const r = exp(v[0]!);
  const alpha = exp(v[1]!);
  const a = exp(v[2]!);
  const b = exp(v[3]!);
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Number.isFinite(r + alpha + a + b)) return Number.POSITIVE_INFINITY;
  const m = d.distinctX.length;
  const { constant, dropTerm, inverseBx1 } = terms;
  const lnGammaR = lnGamma(r);
  const lnBetaAB = lnBeta(a, b);
  const logAlpha = log(alpha);
  // Derivatives of the x-only terms, summed with the rows' weights.
  let gR = 0;
  let gAlpha = 0;
  let gA = 0;
  let gB = 0;
  let total = 0;
  const withGradient = gradient !== undefined;
  const psiR = withGradient ? digamma(r) : 0;
  const psiB = withGradient ? digamma(b) : 0;
  const psiAB = withGradient ? digamma(a + b) : 0;
  for (let k = 0; k < m; k++) {
    const x = d.distinctX[k]!;
    const w = d.slotWeight[k]!;
    const xe = x + extraDraw;
    const drops = x > 0 || extraDraw === 1;
    // ln Γ(r + x) − ln Γ(r) + r ln α + ln B(a, b + x + e) − ln B(a, b), e = the extra draw
    constant[k] = lnGamma(r + x) - lnGammaR + r * logAlpha + lnBeta(a, b + xe) - lnBetaAB;
    dropTerm[k] = drops ? log(a) - log(b + xe - 1) : Number.NaN;
    inverseBx1[k] = drops ? 1 / (b + xe - 1) : 0;
    total += constant[k]! * w;
    if (withGradient) {
      const psiABx = digamma(a + b + xe);
      gR += w * (digamma(r + x) - psiR + logAlpha);
      gAlpha += w * (r / alpha);
      gA += w * (psiAB - psiABx);
      gB += w * (digamma(b + xe) - psiABx - psiB + psiAB);
    }
  }
  const n = d.x.length;
  for (let i = 0; i < n; i++) {
    const x = d.x[i]!;
    const w = d.w[i]!;
    const k = d.slot[i]!;
    const rx = r + x;
    const logAlphaT = log(alpha + d.T[i]!);
    const alive = -rx * logAlphaT;
    if (x === 0 && extraDraw === 0) {
      total += w * alive;
      if (withGradient) {
        gR -= w * logAlphaT;
        gAlpha -= (w * rx) / (alpha + d.T[i]!);
      }
      continue;
    }
    const logAlphaTx = log(alpha + d.tx[i]!);
    const dropped = dropTerm[k]! - rx * logAlphaTx;
    // log(e^alive + e^dropped) without overflow or underflow, and u = the dropped branch's share.
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
      gR -= w * ((1 - u) * logAlphaT + u * logAlphaTx);
      gAlpha -= w * rx * ((1 - u) / (alpha + d.T[i]!) + u / (alpha + d.tx[i]!));
      gA += (w * u) / a;
      gB -= w * u * inverseBx1[k]!;
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
 * The BG/NBD log-likelihood of a customer summary (Fader, Hardie & Lee 2005, eq. 6),
 * summed over customers with x, t_x and T all present (each counted `weights[i]` times
 * when weights are given).
 *
 * Method: per customer, ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
 * + ln[(α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+t_x)^−(r+x)], the last sum taken in log
 * space so large x and T neither overflow nor underflow. Identical rows are summed once
 * with their count, and the gamma and beta terms are computed once per distinct x.
 * Cost: O(n) with two logs per distinct row.
 *
 * @example bgnbdLogLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, cdnow) // ≈ −9582.4
 */
export function bgnbdLogLikelihood(params: BgnbdParams, summary: RepeatSummary, weights?: Float64Array): number {
  return familyLogLikelihood(params, summary, weights, 0);
}

/**
 * The log-likelihood of a member of the BG/NBD family ({@link DropoutFamily}): BG/NBD with
 * `extraDraw` 0, MBG/NBD with 1. −∞ for parameters that are not positive. Cost: O(n).
 *
 * @example familyLogLikelihood({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 }, cdnow, undefined, 1) // MBG/NBD on CDNOW ≈ −9582.1
 */
export function familyLogLikelihood(params: BgnbdParams, summary: RepeatSummary, weights: Float64Array | undefined, extraDraw: 0 | 1): number {
  const { r, alpha, a, b } = params;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return Number.NEGATIVE_INFINITY;
  const d = prepare(summary, weights);
  return -negativeLogLikelihood([log(r), log(alpha), log(a), log(b)], d, slotTerms(d.distinctX.length), undefined, extraDraw);
}

/**
 * The BG/NBD log-likelihood and its gradient with respect to r, α, a, b (the analytic
 * derivatives the fit uses: digamma terms per distinct x, and each customer's two branches
 * weighted by their share of the likelihood); `extraDraw` 1 gives MBG/NBD's. Cost: O(n),
 * like {@link bgnbdLogLikelihood}.
 *
 * @example bgnbdLogLikelihoodGradient({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, cdnow).gradient // ≈ { r: 0, alpha: 0, a: 0, b: 0 } at the optimum
 */
export function bgnbdLogLikelihoodGradient(params: BgnbdParams, summary: RepeatSummary, weights?: Float64Array, extraDraw: 0 | 1 = 0): { value: number; gradient: BgnbdParams } {
  const d = prepare(summary, weights);
  const g = new Float64Array(4);
  const v = [log(params.r), log(params.alpha), log(params.a), log(params.b)];
  const value = -negativeLogLikelihood(v, d, slotTerms(d.distinctX.length), g, extraDraw);
  return { value, gradient: { r: -g[0]! / params.r, alpha: -g[1]! / params.alpha, a: -g[2]! / params.a, b: -g[3]! / params.b } };
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

/** Log-parameter starting points of {@link fitBgnbdSteps}: the preferred one first, then others for a fit that ends on the boundary. */
function startingPoints(d: PreparedSummary): number[][] {
  // r = 1 and α so that the mean purchase rate r/α matches the data's (x / T); a = 1, b = 3 is
  // a dropout probability of 1/4 per purchase. Fitted in logs, so parameters stay positive.
  const rate = Math.max(weightedMean(d.x, d.w), 0.01) / Math.max(weightedMean(d.T, d.w), 1e-9);
  const logAlpha = log(1 / rate);
  return [
    [0, logAlpha, 0, log(3)],
    [log(0.3), logAlpha + log(0.3), log(0.5), log(2)],
    [log(3), logAlpha + log(3), log(0.1), log(10)],
  ];
}

/** A fitted BG/NBD model: parameters, their standard errors, the log-likelihood and how the fit went. */
export interface BgnbdFit {
  params: BgnbdParams;
  /** Standard errors from the Hessian of the log-likelihood (NaN where it is singular). */
  standardErrors: BgnbdParams;
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
  /** The full fit, for the CV.*.FIT table and uncertainty ranges. */
  fit: ParameterFit;
}

/**
 * Below this mean dropout probability per purchase, a/(a+b), BG/NBD sees almost nobody stop
 * buying: P(alive) stays near 1 for everyone and cannot pick out churned customers (the
 * Online Retail sample fits 0.4%; CDNOW fits 25%).
 */
export const NEAR_ZERO_DROPOUT = 0.01;

/** The BG/NBD fit's own warnings: dropout ≈ 0. */
function bgnbdModelWarnings(p: BgnbdParams): string[] {
  const dropout = p.a / (p.a + p.b);
  if (dropout >= NEAR_ZERO_DROPOUT) return [];
  return [
    `dropout ≈ 0: the mean chance of dropping out after a purchase is ${formatFitParameter(dropout * 100)}%, so the model sees almost nobody stop buying, P(alive) stays near 1 and cannot pick out churned customers; try Pareto/NBD or MBG/NBD, or a later as-of date (a longer history)`,
  ];
}

/** BG/NBD as a member of its family. */
export const BGNBD_FAMILY: DropoutFamily = { model: "BG/NBD", extraDraw: 0, perDraw: "per purchase", modelWarnings: bgnbdModelWarnings };

/**
 * Fits BG/NBD by maximum likelihood, yielding progress so a task pane can stay responsive
 * (see {@link fitBgnbd} for the method and errors). The last report is the state the
 * optimiser ended in (also when the fit then fails).
 */
export function fitBgnbdSteps(summary: RepeatSummary, options: FitStepOptions = {}, weights?: Float64Array): Generator<MinimizeProgress, BgnbdFit> {
  return fitFamilySteps(summary, options, weights, BGNBD_FAMILY);
}

/**
 * Fits a member of the BG/NBD family ({@link DropoutFamily}) by maximum likelihood, as
 * {@link fitBgnbd} describes, yielding progress. Cost: as {@link fitBgnbd}.
 *
 * @throws CvError as {@link fitBgnbd}, with the family's model name.
 * @example finishSteps(fitFamilySteps(cdnow, {}, undefined, BGNBD_FAMILY)).params
 */
export function* fitFamilySteps(summary: RepeatSummary, options: FitStepOptions, weights: Float64Array | undefined, family: DropoutFamily): Generator<MinimizeProgress, BgnbdFit> {
  const d = prepare(summary, weights);
  if (d.x.length === 0) throw new CvError("EMPTY_INPUT", "x, t_x and T have no complete row to fit on", { argument: "x" });
  let repeatBuyers = 0;
  for (let i = 0; i < d.x.length; i++) if (d.x[i]! > 0) repeatBuyers += d.w[i]!;
  if (repeatBuyers === 0) throw new CvError("NOT_COMPUTABLE", `no customer has a repeat purchase (every x is 0): ${family.model} cannot be fitted`, { argument: "x" });
  const terms = slotTerms(d.distinctX.length);
  // α is a time: its range is relative to the customers' ages (the data's time scale).
  const scale = Math.max(weightedMean(d.T, d.w), 1e-9);
  const fit = yield* fitParametersSteps(
    {
      model: family.model,
      names: ["r", "alpha", "a", "b"],
      objective: (v, gradient) => negativeLogLikelihood(v, d, terms, gradient, family.extraDraw),
      starts: startingPoints(d),
      logScale: [0, log(scale), 0, 0],
      runawayReason: (p, k) => bgnbdRunawayReason(p as unknown as BgnbdParams, k, scale, d.customers, family),
      // a → 0 or b → ∞ with almost no dropout is the model's no-dropout limit (the NBD).
      limitAllowed: (p, k) => (k === 2 || k === 3) && p.a! / (p.a! + p.b!) < 1e-3,
      ...coarseProblem(d, family.extraDraw),
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
    warnings: fitWarnings(fit, { customers: d.customers, repeatBuyers, modelWarnings: family.modelWarnings(params), history: historyLength(d) }),
    fit,
  };
}

/** The subsample a fit of many distinct rows starts on, or nothing for smaller data. */
function coarseProblem(d: PreparedSummary, extraDraw: 0 | 1): Pick<LikelihoodProblem, "coarse"> {
  if (d.x.length <= COARSE_ABOVE) return {};
  const sub = withSlots(everyNth(d, Math.ceil(d.x.length / COARSE_ROWS)));
  const terms = slotTerms(sub.distinctX.length);
  return { coarse: { objective: (v, gradient) => negativeLogLikelihood(v, sub, terms, gradient, extraDraw), weightRatio: d.customers / sub.customers } };
}

/**
 * Fits the BG/NBD model (Fader, Hardie & Lee 2005) to a customer summary by maximum
 * likelihood: the r, α, a, b that make the observed repeat purchases most likely, with
 * their standard errors and a plain-words list of reasons not to trust them.
 *
 * Method: identical (x, t_x, T) rows merged with weights; BFGS on the log-parameters with
 * the analytic gradient (digamma terms per distinct x), started from r = 1, α matched to
 * the average purchase rate, a = 1, b = 3, and from two other points when a start runs off
 * to the boundary; Nelder–Mead from BFGS's best point when BFGS stalls; standard errors
 * from the Hessian (central differences of the gradient). Rows with a missing value are
 * left out; `weights` counts each row that many times. Cost: 20–40 evaluations of O(n)
 * each plus 8 for the Hessian; about 10 ms for CDNOW's 2,357 customers.
 *
 * @throws CvError EMPTY_INPUT with no complete row; NOT_COMPUTABLE when no customer
 *   repeats; NOT_CONVERGED (Excel #NUM!) when the optimiser does not settle or a
 *   parameter runs off to 0 or infinity; BAD_VALUE for an impossible row or weight.
 * @example fitBgnbd(cdnowSummary).params // → { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }
 */
export function fitBgnbd(summary: RepeatSummary, weights?: Float64Array): BgnbdFit {
  return finishSteps(fitBgnbdSteps(summary, {}, weights));
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
 * @example bgnbdPAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 2, 30.43, 38.86) // ≈ 0.727 (CDNOW customer 0001)
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
    const w = d.w[i]!;
    actual[Math.min(x, lastBucket)]! += w;
    const T = d.T[i] as number;
    let probabilities = byAge.get(T);
    if (!probabilities) byAge.set(T, (probabilities = bgnbdCountProbabilities(p, T, lastBucket - 1)));
    let below = 0;
    for (let k = 0; k < lastBucket; k++) {
      expected[k]! += w * (probabilities[k] as number);
      below += probabilities[k] as number;
    }
    expected[lastBucket]! += w * Math.max(0, 1 - below);
  }
  const buckets = Array.from({ length: lastBucket + 1 }, (_, k) => (k < lastBucket ? String(k) : `${lastBucket}+`));
  return { buckets, actual, expected };
}
