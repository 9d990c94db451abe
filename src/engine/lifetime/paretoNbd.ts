import { CvError } from "../core/errors";
import { finishSteps } from "../core/steps";
import { type RepeatSummary, checkRepeatSummary } from "./bgnbd";
import { type FitMethod, type FitStepOptions, FIT_PARAMETER_RANGE, type ParameterFit, type WeightedRepeatRows, collapseRepeatRows, fitParametersSteps, fitWarnings, formatFitParameter, historyLength } from "./modelFit";
import type { MinimizeProgress } from "./nelderMead";
import { digamma, lnGamma } from "./specialFunctions";

// Module-level aliases: a global lookup of Math in a hot loop is slow inside vm contexts (Jest), and free elsewhere.
const { log, exp, log1p, expm1, abs, min, max } = Math;

/**
 * Pareto/NBD parameters: purchase rates while alive ~ Gamma(r, α), dropout rates ~ Gamma(s, β)
 * (shape, rate; α and β are times, in the unit of t_x and T).
 *
 * @example const cdnow: PnbdParams = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 } // Fader & Hardie's CDNOW estimates, weeks
 */
export interface PnbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/**
 * Checks fitted or typed-in Pareto/NBD parameters. Cost: O(1).
 *
 * @throws CvError BAD_VALUE naming the argument and the parameter when it is not a positive finite number.
 * @example checkPnbdParams({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }) // passes; { …, s: 0 } throws "params: s must be a positive number, found 0"
 */
export function checkPnbdParams(p: PnbdParams, argument = "params"): void {
  for (const name of ["r", "alpha", "s", "beta"] as const) {
    const v = p[name];
    if (!(v > 0) || !Number.isFinite(v)) throw new CvError("BAD_VALUE", `${argument}: ${name} must be a positive number, found ${v}`, { argument, value: v });
  }
}

// ─── The likelihood's hard part: I = ∫_{t_x}^{T} (α+u)^−(r+x) (β+u)^−(s+1) du ───────────────────

/** Above this z at t_x the series needs too many terms and I is integrated instead (see docs/models/pareto-nbd.md). */
const SERIES_Z_LIMIT = 0.9;
/** A guard only: with z ≤ 0.9 the series settles in about 450 terms. */
const SERIES_MAX_TERMS = 20_000;
/**
 * The most Gauss–Legendre panels one Pareto/NBD integral takes before it gives up with
 * NOT_CONVERGED (ordinary inputs need 1–60; only parameters near the limits of double
 * precision get close).
 *
 * @example PNBD_QUADRATURE_MAX_PANELS === 100_000
 */
export const PNBD_QUADRATURE_MAX_PANELS = 100_000;

// 10-point Gauss–Legendre rule on [−1, 1].
const GL_NODES = Float64Array.of(
  -0.9739065285171717, -0.8650633666889845, -0.6794095682990244, -0.4333953941292472, -0.1488743389816312, 0.1488743389816312, 0.4333953941292472, 0.6794095682990244,
  0.8650633666889845, 0.9739065285171717,
);
const GL_WEIGHTS = Float64Array.of(
  0.0666713443086881, 0.1494513491505806, 0.219086362515982, 0.2692667193099963, 0.2955242247147529, 0.2955242247147529, 0.2692667193099963, 0.219086362515982,
  0.1494513491505806, 0.0666713443086881,
);

/** ln(1 + e^u) without overflow or underflow. */
const log1pExp = (u: number): number => (u > 0 ? u + log1p(exp(-u)) : log1p(exp(u)));

// Scratch space, reused by every call (the engine is single-threaded): no allocation per customer.
/** E, ∂E/∂c, ∂E/∂(a+1), ∂E/∂z of the last {@link seriesE}. */
const series = new Float64Array(4);
/** ∂ ln G(t_x), ∂ ln G(T) and ∂ ln I in (r, α, s, β). */
const gradTx = new Float64Array(4);
const gradT = new Float64Array(4);
const gradI = new Float64Array(4);

/**
 * E(z) = ₂F₁(1, c; a1; z) = Σₖ (c)ₖ/(a1)ₖ zᵏ for 0 ≤ z < 1 and 0 < c ≤ a1, with (when asked)
 * its derivatives in c, a1 and z, into `series`. Every term is positive and the term ratio
 * (c+k)z/(a1+k) is below z, so the rest after a term t is below t·z/(1−z) (for the
 * derivative sums, below t·(factor + 1)/(1−z)²): the loop stops once each rest is below 1e−17.
 */
function seriesE(c: number, a1: number, z: number, withGradient: boolean): void {
  let term = 1;
  let sum = 1;
  let sc = 0;
  let sa = 0;
  let sz = 0;
  let hc = 0;
  let ha = 0;
  if (z > 0) {
    const slack = 1 / (1 - z);
    const slack2 = slack * slack;
    for (let k = 0; k < SERIES_MAX_TERMS; k++) {
      term *= ((c + k) / (a1 + k)) * z;
      sum += term;
      if (withGradient) {
        hc += 1 / (c + k);
        ha += 1 / (a1 + k);
        sc += term * hc;
        sa += term * ha;
        sz += (k + 1) * term;
      }
      if (term * slack > 1e-17 * sum) continue;
      if (withGradient && (term * slack2 * (hc + 1) > 1e-17 * sc || term * slack2 * (ha + 1) > 1e-17 * sa || term * slack2 * (k + 2) > 1e-17 * sz)) continue;
      break;
    }
  }
  series[0] = sum;
  series[1] = sc;
  series[2] = -sa;
  series[3] = z > 0 ? sz / z : c / a1;
}

/**
 * ln G(τ) − ln E₁ where G(τ) = ∫_τ^∞ (α+u)^−(r+x) (β+u)^−(s+1) du and
 * E₁ = (α+T)^−(r+x) (β+T)^−s, with ∂ ln G(τ) in (r, α, s, β) into `g` when given. By
 * Euler's transformation of Fader & Hardie's ₂F₁(a, b; a+1; z) (docs/models/pareto-nbd.md):
 * α ≥ β: G = (α+τ)^−(r+x) (β+τ)^−s E/a with c = r+x, z = (α−β)/(α+τ);
 * α < β: G = (α+τ)^−(r+x−1) (β+τ)^−(s+1) E/a with c = s+1, z = (β−α)/(β+τ); a = r+s+x.
 * The difference from ln E₁ is taken with log1p, so a million purchases lose no digits.
 */
function logTailOverE1(r: number, alpha: number, s: number, beta: number, x: number, tau: number, T: number, g: Float64Array | undefined): number {
  const rx = r + x;
  const a = rx + s;
  const A = alpha + tau;
  const B = beta + tau;
  const gap = T - tau;
  const base = rx * log1p(gap / A) + s * log1p(gap / B) - log(a);
  if (alpha >= beta) {
    const z = (alpha - beta) / A;
    seriesE(rx, a + 1, z, g !== undefined);
    const E = series[0]!;
    if (g) {
      const ec = series[1]! / E;
      const ea = series[2]! / E;
      const ez = series[3]! / E;
      g[0] = -log(A) - 1 / a + ec + ea;
      g[1] = -rx / A + (ez * B) / (A * A);
      g[2] = -log(B) - 1 / a + ea;
      g[3] = -s / B - ez / A;
    }
    return base + log(E);
  }
  const z = (beta - alpha) / B;
  seriesE(s + 1, a + 1, z, g !== undefined);
  const E = series[0]!;
  if (g) {
    const ec = series[1]! / E;
    const ea = series[2]! / E;
    const ez = series[3]! / E;
    g[0] = -log(A) - 1 / a + ea;
    g[1] = -(rx - 1) / A - ez / B;
    g[2] = -log(B) - 1 / a + ec + ea;
    g[3] = -(s + 1) / B + (ez * A) / (B * B);
  }
  // (α+τ)/(β+τ) = 1 − z
  return base + log1p(-z) + log(E);
}

/**
 * ln I − ln E₁ by quadrature, with ∂ ln I in (r, α, s, β) into `g` when given: the route for
 * z above {@link SERIES_Z_LIMIT}. In v = ln(m + u), m = min(α, β), the integrand
 * e^φ(v), φ = (1 − p_m) v − p_M ln(|α−β| + eᵛ) (p = r+x for α, s+1 for β), is log-concave
 * (φ'' = −p_M σ(1−σ) ≤ 0) with |φ''| ≤ K = |φ'| + |1 − p_m|. Panels of width min(1, 1.5/K)
 * get a 10-point Gauss–Legendre rule each (error below 1e−16 for an integrand whose log
 * changes by at most 1.5e over the panel); past the mode the rest is below e^φ/|φ'|, and the
 * march stops once that is 1e−18 of the sum. The derivative integrals (ln(α+u), ln(β+u),
 * 1/(α+u), 1/(β+u) times the integrand) use the same nodes.
 */
function logIntegralOverE1(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number, g: Float64Array | undefined): number {
  const pAlpha = r + x;
  const pBeta = s + 1;
  const alphaIsMin = alpha <= beta;
  const m = alphaIsMin ? alpha : beta;
  const D = abs(alpha - beta);
  const pm = alphaIsMin ? pAlpha : pBeta;
  const pM = alphaIsMin ? pBeta : pAlpha;
  const v0 = log(m + tx);
  const v1 = log(m + T);
  const e0 = m + tx;
  const M0 = D + e0;
  // ln of e^v0 · f(t_x) / E₁, the reference the node values are taken relative to.
  const gap = T - tx;
  let ref = pAlpha * log1p(gap / (alpha + tx)) + s * log1p(gap / (beta + tx)) - log(beta + tx) + v0;
  let sum = 0;
  let sLogA = 0;
  let sLogB = 0;
  let sInvA = 0;
  let sInvB = 0;
  let shift = 0; // node values are exp(φ(v) − φ(v0) − shift); shift grows if they would overflow
  const withGradient = g !== undefined;
  let v = v0;
  for (let panels = 0; v < v1; panels++) {
    if (panels >= PNBD_QUADRATURE_MAX_PANELS) {
      throw new CvError("NOT_CONVERGED", `the Pareto/NBD likelihood cannot be computed for r = ${r}, alpha = ${alpha}, s = ${s}, beta = ${beta} at x = ${x}, t_x = ${tx}, T = ${T}: its integral does not settle in ${PNBD_QUADRATURE_MAX_PANELS.toLocaleString("en")} panels`);
    }
    const ev = exp(v);
    const slope = 1 - pm - (pM * ev) / (D + ev);
    const phi = (1 - pm) * (v - v0) - pM * log1p((ev - e0) / M0) - shift;
    if (slope < 0 && sum > 0 && phi - log(-slope) < log(1e-18 * sum)) break;
    const K = abs(slope) + abs(1 - pm);
    const end = min(v1, v + min(1, 1.5 / K));
    const half = (end - v) / 2;
    for (let k = 0; k < 10; k++) {
      const vi = v + half * (1 + GL_NODES[k]!);
      const evi = exp(vi);
      const big = D + evi; // max(α, β) + u
      const lnf = (1 - pm) * (vi - v0) - pM * log1p((evi - e0) / M0) - shift;
      if (lnf > 600) {
        // Rescale everything so far rather than overflow (an integrand rising e^600 above its start).
        const factor = exp(-lnf);
        sum *= factor;
        sLogA *= factor;
        sLogB *= factor;
        sInvA *= factor;
        sInvB *= factor;
        shift += lnf;
        k--;
        continue;
      }
      const wf = GL_WEIGHTS[k]! * half * exp(lnf);
      sum += wf;
      if (withGradient) {
        const A = alphaIsMin ? evi : big;
        const B = alphaIsMin ? big : evi;
        sLogA += wf * (alphaIsMin ? vi : log(big));
        sLogB += wf * (alphaIsMin ? log(big) : vi);
        sInvA += wf / A;
        sInvB += wf / B;
      }
    }
    v = end;
  }
  ref += shift;
  if (g) {
    g[0] = -sLogA / sum;
    g[1] = (-pAlpha * sInvA) / sum;
    g[2] = -sLogB / sum;
    g[3] = (-pBeta * sInvB) / sum;
  }
  return ref + log(sum);
}

/**
 * ρ = ln(s · I / E₁) for one customer, the log odds that the customer has dropped out
 * (P(alive) = 1/(1 + e^ρ)); −∞ when T = t_x (nothing unobserved). When `grad` is given,
 * writes the derivatives of ln(E₁ + s I) = ln E₁ + ln(1 + e^ρ) in (r, α, s, β) into it.
 */
function dropoutLogOdds(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number, grad: Float64Array | undefined): number {
  const rx = r + x;
  const AT = alpha + T;
  const BT = beta + T;
  if (!(T > tx)) {
    if (grad) {
      grad[0] = -log(AT);
      grad[1] = -rx / AT;
      grad[2] = -log(BT);
      grad[3] = -s / BT;
    }
    return Number.NEGATIVE_INFINITY;
  }
  const logS = log(s);
  const zTx = abs(alpha - beta) / (max(alpha, beta) + tx);
  if (zTx <= SERIES_Z_LIMIT) {
    const withGradient = grad !== undefined;
    const lTx = logTailOverE1(r, alpha, s, beta, x, tx, T, withGradient ? gradTx : undefined);
    const lT = logTailOverE1(r, alpha, s, beta, x, T, T, withGradient ? gradT : undefined);
    const q = lT - lTx;
    // G(T) < G(t_x) always; rounding can only make them equal when T − t_x is below 1e−16 of them.
    const rho = q < 0 ? logS + lTx + log(-expm1(q)) : Number.NEGATIVE_INFINITY;
    if (grad) {
      const logDenOverE1 = log1pExp(rho);
      const u1 = exp(-logDenOverE1);
      const wTx = exp(logS + lTx - logDenOverE1);
      const wT = exp(logS + lT - logDenOverE1);
      grad[0] = -u1 * log(AT) + wTx * gradTx[0]! - wT * gradT[0]!;
      grad[1] = (-u1 * rx) / AT + wTx * gradTx[1]! - wT * gradT[1]!;
      grad[2] = -u1 * log(BT) + wTx * gradTx[2]! - wT * gradT[2]! + (1 - u1) / s;
      grad[3] = (-u1 * s) / BT + wTx * gradTx[3]! - wT * gradT[3]!;
    }
    return rho;
  }
  const lI = logIntegralOverE1(r, alpha, s, beta, x, tx, T, grad ? gradI : undefined);
  const rho = logS + lI;
  if (grad) {
    const u2 = rho > 0 ? 1 / (1 + exp(-rho)) : exp(rho) / (1 + exp(rho));
    const u1 = 1 - u2;
    grad[0] = -u1 * log(AT) + u2 * gradI[0]!;
    grad[1] = (-u1 * rx) / AT + u2 * gradI[1]!;
    grad[2] = -u1 * log(BT) + u2 * (gradI[2]! + 1 / s);
    grad[3] = (-u1 * s) / BT + u2 * gradI[3]!;
  }
  return rho;
}

// ─── The fit ─────────────────────────────────────────────────────────────────────────────────

/** The rows a Pareto/NBD likelihood sums over: identical rows merged, distinct x numbered (the gamma terms depend on x only). */
interface PreparedSummary extends WeightedRepeatRows {
  slot: Int32Array;
  distinctX: Float64Array;
  slotWeight: Float64Array;
}

function prepare(s: RepeatSummary, weights?: Float64Array): PreparedSummary {
  checkRepeatSummary(s);
  const rows = collapseRepeatRows(s.x, s.tx, s.T, weights);
  const slots = new Map<number, number>();
  const slot = Int32Array.from(rows.x, (v) => {
    let k = slots.get(v);
    if (k === undefined) slots.set(v, (k = slots.size));
    return k;
  });
  const slotWeight = new Float64Array(slots.size);
  for (let i = 0; i < slot.length; i++) slotWeight[slot[i]!]! += rows.w[i]!;
  return { ...rows, slot, distinctX: Float64Array.from(slots.keys()), slotWeight };
}

const rowGradient = new Float64Array(4);

/**
 * ln L over the prepared rows at the parameters, and (when `gradient` is given) its
 * derivatives in (r, α, s, β); −∞ outside the domain or where the likelihood cannot be computed.
 */
function logLikelihoodAt(r: number, alpha: number, s: number, beta: number, d: PreparedSummary, gradient?: Float64Array): number {
  if (!(r > 0 && alpha > 0 && s > 0 && beta > 0) || !Number.isFinite(r + alpha + s + beta)) return Number.NEGATIVE_INFINITY;
  const withGradient = gradient !== undefined;
  const lnGammaR = lnGamma(r);
  const logAlpha = log(alpha);
  const logBeta = log(beta);
  const psiR = withGradient ? digamma(r) : 0;
  let total = 0;
  let gR = 0;
  let gAlpha = 0;
  let gS = 0;
  let gBeta = 0;
  for (let k = 0; k < d.distinctX.length; k++) {
    const x = d.distinctX[k]!;
    const w = d.slotWeight[k]!;
    // ln Γ(r+x) − ln Γ(r) + r ln α + s ln β
    total += w * (lnGamma(r + x) - lnGammaR + r * logAlpha + s * logBeta);
    if (withGradient) {
      gR += w * (digamma(r + x) - psiR + logAlpha);
      gAlpha += (w * r) / alpha;
      gS += w * logBeta;
      gBeta += (w * s) / beta;
    }
  }
  try {
    for (let i = 0; i < d.x.length; i++) {
      const x = d.x[i]!;
      const tx = d.tx[i]!;
      const T = d.T[i]!;
      const w = d.w[i]!;
      const rho = dropoutLogOdds(r, alpha, s, beta, x, tx, T, withGradient ? rowGradient : undefined);
      total += w * (-(r + x) * log(alpha + T) - s * log(beta + T) + log1pExp(rho));
      if (withGradient) {
        gR += w * rowGradient[0]!;
        gAlpha += w * rowGradient[1]!;
        gS += w * rowGradient[2]!;
        gBeta += w * rowGradient[3]!;
      }
    }
  } catch (error) {
    if (error instanceof CvError) return Number.NEGATIVE_INFINITY;
    throw error;
  }
  if (gradient) {
    gradient[0] = gR;
    gradient[1] = gAlpha;
    gradient[2] = gS;
    gradient[3] = gBeta;
  }
  return Number.isFinite(total) ? total : Number.NEGATIVE_INFINITY;
}

/**
 * The Pareto/NBD log-likelihood of a customer summary (Fader & Hardie 2005, note 009,
 * eq. 22), summed over customers with x, t_x and T all present (each counted `weights[i]`
 * times when weights are given); −∞ for parameters that are not all positive.
 *
 * Method: per customer ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln E₁ + ln(1 + s I/E₁),
 * E₁ = (α+T)^−(r+x) (β+T)^−s, I = ∫_{t_x}^{T} (α+u)^−(r+x) (β+u)^−(s+1) du, with I from
 * Fader & Hardie's ₂F₁ (the one chosen by α ≥ β, after Euler's transformation, in logs) or,
 * when its argument exceeds 0.9, by Gauss–Legendre quadrature in ln(min(α,β) + u); see
 * docs/models/pareto-nbd.md. Identical rows are summed once with their count. Cost: O(n)
 * with two short series (a few dozen terms) per distinct row.
 *
 * @throws CvError BAD_VALUE for an impossible row (see repeatRowProblem), LENGTH_MISMATCH for columns of different heights.
 * @example pnbdLogLikelihood({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, cdnow) // ≈ −9595.0
 */
export function pnbdLogLikelihood(params: PnbdParams, summary: RepeatSummary, weights?: Float64Array): number {
  return logLikelihoodAt(params.r, params.alpha, params.s, params.beta, prepare(summary, weights));
}

/**
 * The log-likelihood of {@link pnbdLogLikelihood} with its analytic gradient in the
 * parameters (r, α, s, β): digamma terms for ln Γ(r+x) − ln Γ(r), and the series (or the
 * quadrature) of I differentiated term by term. Cost: about twice the log-likelihood's.
 *
 * @throws CvError as {@link pnbdLogLikelihood}.
 * @example pnbdLogLikelihoodGradient(fit.params, cdnow).gradient // ≈ { r: 0, alpha: 0, s: 0, beta: 0 } at the maximum
 */
export function pnbdLogLikelihoodGradient(params: PnbdParams, summary: RepeatSummary, weights?: Float64Array): { logLikelihood: number; gradient: PnbdParams } {
  const g = new Float64Array(4);
  const logLikelihood = logLikelihoodAt(params.r, params.alpha, params.s, params.beta, prepare(summary, weights), g);
  return { logLikelihood, gradient: { r: g[0]!, alpha: g[1]!, s: g[2]!, beta: g[3]! } };
}

/** −ln L at log-parameters v with its gradient in v (what fitParametersSteps minimises). */
function negativeLogLikelihood(v: ArrayLike<number>, d: PreparedSummary, gradient: Float64Array): number {
  const r = exp(v[0]!);
  const alpha = exp(v[1]!);
  const s = exp(v[2]!);
  const beta = exp(v[3]!);
  const ll = logLikelihoodAt(r, alpha, s, beta, d, gradient);
  if (!Number.isFinite(ll)) return Number.POSITIVE_INFINITY;
  gradient[0] = -gradient[0]! * r;
  gradient[1] = -gradient[1]! * alpha;
  gradient[2] = -gradient[2]! * s;
  gradient[3] = -gradient[3]! * beta;
  return -ll;
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

/** Log-parameter starting points: the preferred one first, then others for a fit that ends on the boundary. */
function startingPoints(d: PreparedSummary, scale: number): number[][] {
  // r = 1 with α matching the mean purchase rate (x / T); s = 1 with β the mean age (a median lifetime of about the data's span).
  const rate = Math.max(weightedMean(d.x, d.w), 0.01) / scale;
  const logAlpha = log(1 / rate);
  const logScale = log(scale);
  return [
    [0, logAlpha, 0, logScale],
    [log(0.5), logAlpha + log(0.5), log(0.5), logScale + log(0.5)],
    [log(2), logAlpha + log(2), log(2), logScale + log(3)],
  ];
}

/** Why a Pareto/NBD fit that ran off has no answer, in plain words. */
function pnbdRunawayReason(p: PnbdParams, k: number, scale: number, customers: number): string {
  const big = (v: number) => v > FIT_PARAMETER_RANGE.upper / 10;
  const tail = ` (${customers.toLocaleString("en")} customer${customers === 1 ? "" : "s"})`;
  if (k <= 1 && big(p.r)) {
    return `the purchase rates do not differ enough between customers: r grows without limit with alpha in step (r = ${formatFitParameter(p.r)}, alpha = ${formatFitParameter(p.alpha)}, r/alpha ≈ ${formatFitParameter(p.r / p.alpha)} purchases per unit of time), so the spread of rates collapses to a single rate${tail}: Pareto/NBD needs customers who buy at different rates — check that x, t_x and T are repeat purchases, last-purchase times and ages in one unit`;
  }
  if (k >= 2 && big(p.s) && big(p.beta / scale)) {
    return `the dropout rates do not differ between customers: s and beta grow together without limit (s = ${formatFitParameter(p.s)}, beta = ${formatFitParameter(p.beta)}, mean dropout rate s/beta ≈ ${formatFitParameter(p.s / p.beta)} per unit of time)${tail}`;
  }
  if ((k === 3 && p.beta / scale > 1) || (k === 2 && p.s < 1)) {
    return `the data show almost no dropout (${k === 3 ? `beta runs to ${formatFitParameter(p.beta)}` : `s runs to ${formatFitParameter(p.s)}`}, mean dropout rate s/beta ${formatFitParameter(p.s / p.beta)} per unit of time), so s and beta drift without settling${tail}: a longer period (a later as_of) or customers who stopped buying usually pin them down; BG/NBD may fit these data`;
  }
  const names = ["r", "alpha", "s", "beta"] as const;
  const name = names[k] as (typeof names)[number];
  const v = p[name];
  const high = (k === 1 || k === 3 ? v / scale : v) > 1;
  return `${name} runs off to ${high ? "infinity" : "0"} (${name} = ${formatFitParameter(v)}${tail.replace(" (", ", ")}: the data do not pin it down; check that x, t_x and T are repeat purchases, last-purchase times and ages in one unit`;
}

/**
 * Below this share of customers expected to drop out within the data's span,
 * 1 − (β/(β+T_max))^s, Pareto/NBD sees almost nobody stop buying and the fit warns
 * "dropout ≈ 0" (CDNOW fits 59%).
 *
 * @example PNBD_NEAR_ZERO_DROPOUT === 0.01
 */
export const PNBD_NEAR_ZERO_DROPOUT = 0.01;

/** The Pareto/NBD fit's own warnings: dropout ≈ 0 over the longest age `span`. */
function pnbdModelWarnings(p: PnbdParams, span: number): string[] {
  const share = -expm1(-p.s * log1p(span / p.beta));
  if (!(share < PNBD_NEAR_ZERO_DROPOUT)) return [];
  return [
    `dropout ≈ 0: the fit expects only ${formatFitParameter(share * 100)}% of customers to drop out within ${formatFitParameter(span)} periods (the longest age in the data; mean dropout rate s/beta = ${formatFitParameter(p.s / p.beta)} per period), so P(alive) stays near 1 and cannot pick out churned customers; try a later as-of date (a longer history) or BG/NBD`,
  ];
}

/**
 * A fitted Pareto/NBD model: parameters, their standard errors, the log-likelihood and how the fit went.
 *
 * @example fitPnbd(cdnow).standardErrors.beta // ≈ 6.2: β is the loosest of the four on CDNOW
 */
export interface PnbdFit {
  params: PnbdParams;
  /** Standard errors from the Hessian of the log-likelihood (NaN where it is singular). */
  standardErrors: PnbdParams;
  /** The covariance of (ln r, ln α, ln s, ln β), row-major 4 × 4, or undefined on a ridge. */
  logCovariance: Float64Array | undefined;
  logLikelihood: number;
  /** Customers fitted (the total weight). */
  customers: number;
  /** Of them, those with a repeat purchase. */
  repeatBuyers: number;
  iterations: number;
  evaluations: number;
  method: FitMethod;
  /** Reasons not to trust the numbers, in plain words (empty when there is none): see fitWarnings. */
  warnings: string[];
  /** The full fit, for the CV.PNBD.FIT table and uncertainty ranges. */
  fit: ParameterFit;
}

/**
 * Fits Pareto/NBD by maximum likelihood, yielding progress so a task pane can stay
 * responsive (see {@link fitPnbd} for the method and errors). The last report is the state
 * the optimiser ended in (also when the fit then fails). Cost: as {@link fitPnbd}, one
 * report per BFGS iteration (26 on CDNOW).
 *
 * @throws CvError as {@link fitPnbd}.
 * @example for (const step of fitPnbdSteps(summary)) showProgress(step.iterations)
 */
export function* fitPnbdSteps(summary: RepeatSummary, options: FitStepOptions = {}, weights?: Float64Array): Generator<MinimizeProgress, PnbdFit> {
  const d = prepare(summary, weights);
  if (d.x.length === 0) throw new CvError("EMPTY_INPUT", "x, t_x and T have no complete row to fit on", { argument: "x" });
  let repeatBuyers = 0;
  let span = 0;
  for (let i = 0; i < d.x.length; i++) {
    if (d.x[i]! > 0) repeatBuyers += d.w[i]!;
    if (d.T[i]! > span) span = d.T[i]!;
  }
  if (repeatBuyers === 0) throw new CvError("NOT_COMPUTABLE", "no customer has a repeat purchase (every x is 0): Pareto/NBD cannot be fitted", { argument: "x" });
  // α and β are times: their range is relative to the customers' ages (the data's time scale).
  const scale = Math.max(weightedMean(d.T, d.w), 1e-9);
  const fit = yield* fitParametersSteps(
    {
      model: "Pareto/NBD",
      names: ["r", "alpha", "s", "beta"],
      objective: (v, gradient) => negativeLogLikelihood(v, d, gradient),
      starts: startingPoints(d, scale),
      logScale: [0, log(scale), 0, log(scale)],
      runawayReason: (p, k) => pnbdRunawayReason(p as unknown as PnbdParams, k, scale, d.customers),
    },
    options,
  );
  const [r, alpha, s, beta] = fit.values as [number, number, number, number];
  const [sr, sAlpha, ss, sBeta] = fit.standardErrors as [number, number, number, number];
  const params = { r, alpha, s, beta };
  return {
    params,
    standardErrors: { r: sr, alpha: sAlpha, s: ss, beta: sBeta },
    logCovariance: fit.logCovariance,
    logLikelihood: fit.logLikelihood,
    customers: d.customers,
    repeatBuyers,
    iterations: fit.iterations,
    evaluations: fit.evaluations,
    method: fit.method,
    warnings: fitWarnings(fit, { customers: d.customers, repeatBuyers, modelWarnings: pnbdModelWarnings(params, span), history: historyLength(d) }),
    fit,
  };
}

/**
 * Fits the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) to a customer summary by
 * maximum likelihood: the r, α, s, β that make the observed repeat purchases most likely,
 * with their standard errors and a plain-words list of reasons not to trust them.
 *
 * Method: identical (x, t_x, T) rows merged with weights; BFGS on the log-parameters with the
 * analytic gradient ({@link pnbdLogLikelihoodGradient}), started from r = 1 with α matched to
 * the average purchase rate and s = 1 with β the mean age, and from two other points when a
 * start runs off to the boundary; Nelder–Mead from BFGS's best point when BFGS stalls;
 * standard errors from the Hessian (central differences of the gradient). Rows with a
 * missing value are left out; `weights` counts each row that many times. Cost: 20–60
 * evaluations of O(n) each plus 8 for the Hessian; on CDNOW (1,016 distinct rows) 26 BFGS iterations and 39 evaluations, 8 of them for the Hessian: 70–140 ms under Jest.
 *
 * @throws CvError EMPTY_INPUT with no complete row; NOT_COMPUTABLE when no customer
 *   repeats; NOT_CONVERGED (Excel #NUM!) when the optimiser does not settle or a parameter
 *   runs off to 0 or infinity; BAD_VALUE for an impossible row or weight.
 * @example fitPnbd(cdnowSummary).params // → { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }
 */
export function fitPnbd(summary: RepeatSummary, weights?: Float64Array): PnbdFit {
  return finishSteps(fitPnbdSteps(summary, {}, weights));
}

// ─── Per-customer predictions ────────────────────────────────────────────────────────────────

/** ln P(alive | x, t_x, T) = −ln(1 + e^ρ). */
function logPAlive(p: PnbdParams, x: number, tx: number, T: number): number {
  const rho = dropoutLogOdds(p.r, p.alpha, p.s, p.beta, x, tx, T, undefined);
  return -log1pExp(rho);
}

/**
 * The probability that a customer with history (x, t_x, T) is still alive
 * (Fader & Hardie 2005, note 009, eq. 18): E₁ / (E₁ + s I), with E₁ and I as in
 * {@link pnbdLogLikelihood}. Unlike BG/NBD, a customer without repeat purchases can have
 * dropped out. The odds are taken in logs (differences by log1p), so a million purchases or
 * ages of 1e6 periods give a probability in [0, 1], never NaN. Rows are not checked here
 * (see repeatRowProblem). Cost: O(1), two short series or one quadrature.
 *
 * @throws CvError NOT_CONVERGED only for parameters near the limits of double precision.
 * @example pnbdPAlive({ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 }, 26, 30.86, 31) // ≈ 0.9979 (BTYD walkthrough)
 */
export function pnbdPAlive(p: PnbdParams, x: number, tx: number, T: number): number {
  const rho = dropoutLogOdds(p.r, p.alpha, p.s, p.beta, x, tx, T, undefined);
  return rho > 0 ? exp(-rho) / (1 + exp(-rho)) : 1 / (1 + exp(rho));
}

/** ln[(1 − (1 + t/B)^−κ) / κ] with L = ln(1 + t/B), for any real κ (L itself at κ = 0). */
function logResidualFactor(kappa: number, L: number): number {
  if (kappa === 0) return log(L);
  if (kappa > 0) return log(-expm1(-kappa * L)) - log(kappa);
  const k = -kappa;
  return k * L + log(-expm1(-k * L)) - log(k);
}

/**
 * Expected transactions in the next t periods, (T, T+t], of a customer with history
 * (x, t_x, T) (Schmittlein et al. 1987; Fader & Hardie 2005, note 009, eq. 41):
 * (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive).
 *
 * Method: in logs, with the bracket over (s − 1) as −expm1(−(s−1)L)/(s−1), L = log1p(t/(β+T))
 * (its limit L at s = 1, and e^((1−s)L) kept in logs when s < 1 makes it large). Cost: O(1)
 * plus one P(alive).
 *
 * @throws CvError OUT_OF_RANGE when the expectation is beyond ±1.8e308 (an astronomically long t).
 * @example pnbdExpected(cdnowFit.params, 52, 26, 30.86, 31) // ≈ 25.46 (BTYD walkthrough)
 */
export function pnbdExpected(p: PnbdParams, t: number, x: number, tx: number, T: number): number {
  if (t === 0) return 0;
  const B = p.beta + T;
  const logValue = log(p.r + x) - log(p.alpha + T) + log(B) + logResidualFactor(p.s - 1, log1p(t / B)) + logPAlive(p, x, tx, T);
  const value = exp(logValue);
  if (!Number.isFinite(value)) {
    throw new CvError("OUT_OF_RANGE", `the expected transactions over t = ${t} are beyond the largest number Excel holds (±1.8E+308): use a shorter t`, { argument: "t", value: t });
  }
  return value;
}

/**
 * Expected transactions of a new customer in a period of length t, E[X(t)]
 * (Fader & Hardie 2005, note 009, eq. 17): rβ / (α(s−1)) · [1 − (β/(β+t))^(s−1)], computed as
 * {@link pnbdExpected} does (a customer with x = 0 at age 0 is alive). Cost: O(1).
 *
 * @throws CvError OUT_OF_RANGE as {@link pnbdExpected}.
 * @example pnbdUnconditional({ r: 1, alpha: 2, s: 2, beta: 3 }, 3) // → 1·3/(2·1)·(1 − 3/6) = 0.75
 */
export function pnbdUnconditional(p: PnbdParams, t: number): number {
  return pnbdExpected(p, t, 0, 0, 0);
}

/**
 * ln K, K = ∫₀^∞ e^(−δt) (B/(B+t))^s dt = E[1/(δ+μ)] for μ ~ Gamma(s, B): DERT's discount
 * factor. With w = ln(1 + t/B), K = B ∫₀^∞ exp(φ(w)) dw, φ = −z(eʷ − 1) + (1 − s)w, z = δB,
 * log-concave (φ'' = −z eʷ, |φ''| ≤ |φ'| + |1 − s|); integrated like the likelihood's I:
 * 10-point Gauss–Legendre panels of width min(1, 1.5/(|φ'| + |1−s|)), marching until the rest
 * (below e^φ/|φ'| past the mode) is 1e−17 of the sum. Cost: 10–60 panels.
 */
function logDiscountedLifetime(s: number, B: number, delta: number): number {
  const z = delta * B;
  const oneMinusS = 1 - s;
  let sum = 0;
  let shift = 0;
  let w = 0;
  for (let panels = 0; ; panels++) {
    if (panels >= PNBD_QUADRATURE_MAX_PANELS) {
      throw new CvError("NOT_CONVERGED", `the discounted expected transactions cannot be computed for s = ${s}, beta + T = ${B}, discount rate ${delta} per period: the integral does not settle`);
    }
    const ew = exp(w);
    const slope = oneMinusS - z * ew;
    const phi = -z * expm1(w) + oneMinusS * w - shift;
    if (slope < 0 && sum > 0 && phi - log(-slope) < log(1e-17 * sum)) break;
    const h = min(1, 1.5 / (abs(slope) + abs(oneMinusS)));
    const half = h / 2;
    for (let k = 0; k < 10; k++) {
      const wi = w + half * (1 + GL_NODES[k]!);
      const value = -z * expm1(wi) + oneMinusS * wi - shift;
      if (value > 600) {
        sum *= exp(-value);
        shift += value;
        k--;
        continue;
      }
      sum += GL_WEIGHTS[k]! * half * exp(value);
    }
    w += h;
  }
  return log(B) + shift + log(sum);
}

/**
 * Discounted expected residual transactions of a customer with history (x, t_x, T), with
 * continuous discounting at rate δ per period (Fader, Hardie & Lee 2005, "RFM and CLV: Using
 * Iso-Value Curves for Customer Base Analysis", eq. 2):
 * α^r β^s δ^(s−1) Γ(r+x+1) Ψ(s, s; δ(β+T)) / (Γ(r) (α+T)^(r+x+1) L), the same as
 * (r+x)/(α+T) · P(alive) · ∫₀^∞ e^(−δt) ((β+T)/(β+T+t))^s dt.
 *
 * Method: the integral (the Tricomi-function factor) by Gauss–Legendre panels in
 * w = ln(1 + t/(β+T)), where the integrand is log-concave and a tail bound says when to
 * stop; everything in logs. Multiply by the expected spend per transaction for residual
 * value. Cost: O(1): one P(alive) and 10–60 panels of 10 points.
 *
 * @throws CvError BAD_VALUE when δ is not a positive finite number; OUT_OF_RANGE when the
 *   result is beyond ±1.8e308; NOT_CONVERGED for parameters near the limits of double precision.
 * @example pnbdDert(cdnowFit.params, 2, 30.43, 38.86, Math.log(1.15) / 52) // 15% a year on weekly data
 */
export function pnbdDert(p: PnbdParams, x: number, tx: number, T: number, delta: number): number {
  if (!(delta > 0) || !Number.isFinite(delta)) throw new CvError("BAD_VALUE", `the discount rate per period must be a positive number, found ${delta}`, { argument: "discount", value: delta });
  const logValue = log(p.r + x) - log(p.alpha + T) + logPAlive(p, x, tx, T) + logDiscountedLifetime(p.s, p.beta + T, delta);
  const value = exp(logValue);
  if (!Number.isFinite(value)) {
    throw new CvError("OUT_OF_RANGE", `the discounted expected transactions are beyond the largest number Excel holds (±1.8E+308): use a higher discount rate`, { argument: "discount", value: delta });
  }
  return value;
}
