import { CvError } from "../core/errors";
import { finishSteps } from "../core/steps";
import type { MinimizeProgress } from "./nelderMead";
import { type FitMethod, type FitStepOptions, FIT_PARAMETER_RANGE, type ParameterFit, type WeightedRepeatRows, collapseRepeatRows, fitParametersSteps, fitWarnings, formatFitParameter, historyLength } from "./modelFit";
import { digamma, lnBeta } from "./specialFunctions";

// Module-level aliases: a global lookup of Math in a hot loop is slow inside vm contexts (Jest), and free elsewhere.
const { log, exp, log1p, expm1 } = Math;

/**
 * BG/BB parameters (Fader, Hardie & Shang 2010): the chance of a transaction at each
 * opportunity p ~ Beta(α, β); the chance of dying at each opportunity θ ~ Beta(γ, δ).
 */
export interface BgbbParams {
  alpha: number;
  beta: number;
  gamma: number;
  delta: number;
}

/**
 * The per-customer summary BG/BB is fitted on, counted in transaction opportunities after
 * the first transaction: x = repeat transactions, tx = the opportunity of the last one (0
 * when x = 0), n = opportunities observed. Whole numbers, 0 ≤ x ≤ t_x ≤ n, n ≥ 1.
 */
export interface BgbbSummary {
  x: Float64Array;
  tx: Float64Array;
  n: Float64Array;
}

/**
 * The most transaction opportunities a BG/BB row may have: the likelihood and P(alive) sum
 * one term per opportunity after the last transaction, so the bound keeps a call fast
 * (a few ms per customer at most); real discrete-time data have a handful (6 years of
 * donations) to a few hundred (weekly events over years).
 */
export const BGBB_MAX_PERIODS = 100_000;

/**
 * What is impossible about one customer's (x, t_x, n), or undefined when the row is fine or
 * has a value missing (NaN): all three finite whole numbers, n ≥ 1, 0 ≤ t_x ≤ n, x ≤ t_x
 * (x transactions take at least x opportunities, so t_x ≥ 1 when x > 0). With x = 0 the
 * value of t_x is not used (the last transaction was the first). The error names the
 * argument, the 1-based row and the value. Cost: O(1), no allocation for a valid row.
 *
 * @example bgbbRowProblem(2, 7, 6, 3)?.message // → "t_x row 3 is 7, after n = 6: …"
 */
export function bgbbRowProblem(x: number, tx: number, n: number, row: number): CvError | undefined {
  if (Number.isNaN(x) || Number.isNaN(tx) || Number.isNaN(n)) return undefined;
  // The common case first, without allocating: a valid row.
  if (Number.isInteger(x) && Number.isInteger(tx) && Number.isInteger(n) && n >= 1 && n <= BGBB_MAX_PERIODS && x >= 0 && tx >= 0 && tx <= n && x <= tx) return undefined;
  if (Number.isInteger(n) && n > BGBB_MAX_PERIODS) {
    return new CvError("BAD_VALUE", `n row ${row} is ${n}: BG/BB counts discrete opportunities (years, events), at most ${BGBB_MAX_PERIODS.toLocaleString("en")}; for continuous time use BG/NBD or Pareto/NBD`, { argument: "n", row, value: n });
  }
  for (const [argument, value] of [
    ["x", x],
    ["t_x", tx],
    ["n", n],
  ] as const) {
    if (!Number.isFinite(value)) return new CvError("BAD_VALUE", `${argument} row ${row}: expected a finite number, found ${value}`, { argument, row, value });
  }
  if (x < 0 || !Number.isInteger(x)) return new CvError("BAD_VALUE", `x row ${row}: repeat transactions must be a whole number ≥ 0, found ${x}`, { argument: "x", row, value: x });
  if (!Number.isInteger(n) || n < 1) return new CvError("BAD_VALUE", `n row ${row}: the number of transaction opportunities must be a whole number ≥ 1, found ${n}`, { argument: "n", row, value: n });
  if (!Number.isInteger(tx) || tx < 0) return new CvError("BAD_VALUE", `t_x row ${row}: the opportunity of the last transaction must be a whole number ≥ 0, found ${tx}`, { argument: "t_x", row, value: tx });
  if (tx > n) return new CvError("BAD_VALUE", `t_x row ${row} is ${tx}, after n = ${n}: the last transaction must fall within the opportunities observed`, { argument: "t_x", row, value: tx });
  return new CvError("BAD_VALUE", `t_x row ${row} is ${tx} but x is ${x}: ${x} transactions take at least ${x} opportunities, so t_x must be ≥ x`, { argument: "t_x", row, value: tx });
}

/**
 * Checks a BG/BB summary: the columns align and every complete row is possible
 * ({@link bgbbRowProblem}). Rows with a value missing (NaN) are left out of fits. Cost: O(rows).
 *
 * @throws CvError LENGTH_MISMATCH, or BAD_VALUE for the first impossible row.
 * @example checkBgbbSummary({ x: Float64Array.of(1), tx: Float64Array.of(1), n: Float64Array.of(6) }) // passes
 */
export function checkBgbbSummary(s: BgbbSummary): void {
  const rows = s.x.length;
  for (const [name, column] of [
    ["t_x", s.tx],
    ["n", s.n],
  ] as const) {
    if (column.length !== rows) throw new CvError("LENGTH_MISMATCH", `${name} has ${column.length} rows but x has ${rows}: select ranges of the same height`, { argument: name });
  }
  for (let i = 0; i < rows; i++) {
    const problem = bgbbRowProblem(s.x[i]!, s.tx[i]!, s.n[i]!, i + 1);
    if (problem) throw problem;
  }
}

/**
 * Checks fitted or typed-in BG/BB parameters. Cost: O(1).
 *
 * @throws CvError BAD_VALUE naming the parameter when it is not a positive finite number.
 * @example checkBgbbParams({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }) // passes
 */
export function checkBgbbParams(p: BgbbParams, argument = "params"): void {
  for (const [name, v] of Object.entries(p)) {
    if (!(v > 0) || !Number.isFinite(v)) throw new CvError("BAD_VALUE", `${argument}: ${name} must be a positive number, found ${v}`, { argument, value: v });
  }
}

/** ln(e^u + e^v) without overflow or underflow. */
const logAddExp = (u: number, v: number): number => (u > v ? u + log1p(exp(v - u)) : v + log1p(exp(u - v)));

/**
 * ln of Σ_{i=0}^{m−1} of the "died after t_x + i" terms of the likelihood, each divided by
 * the first: Σ ρ_i with ρ_0 = 1 and ρ_{i+1} = ρ_i · (β+t_x−x+i)/(α+β+t_x+i) · (δ+t_x+i)/(γ+δ+1+t_x+i).
 * Every ratio is below 1, so the walk neither overflows nor underflows; it stops once the
 * remaining terms cannot change the sum in the 17th digit.
 */
function logDeathSum(p: BgbbParams, x: number, tx: number, m: number): number {
  let yB = p.beta + tx - x;
  let yAB = p.alpha + p.beta + tx;
  let yD = p.delta + tx;
  let yGD = p.gamma + p.delta + 1 + tx;
  let rho = 1;
  let sum = 1;
  for (let i = 1; i < m; i++) {
    rho *= (yB / yAB) * (yD / yGD);
    sum += rho;
    if (rho * (m - i) < 1e-17 * sum) break;
    yB += 1;
    yAB += 1;
    yD += 1;
    yGD += 1;
  }
  return log(sum);
}

/**
 * ln L(α, β, γ, δ | x, t_x, n) + ln B(α, β) + ln B(γ, δ): the per-customer likelihood
 * (FHS eq. 5) without its normalising constants, which cancel in P(alive) and the
 * conditional expectations. t_x is taken as 0 when x = 0. Cost: O(n − t_x) multiplications.
 */
function logUnnormalisedLikelihood(p: BgbbParams, x: number, tx: number, n: number): number {
  const t = x === 0 ? 0 : tx;
  const alive = lnBeta(p.alpha + x, p.beta + n - x) + lnBeta(p.gamma, p.delta + n);
  const m = n - t;
  if (m <= 0) return alive;
  const died = lnBeta(p.alpha + x, p.beta + t - x) + lnBeta(p.gamma + 1, p.delta + t) + logDeathSum(p, x, t, m);
  return logAddExp(alive, died);
}

/**
 * −ln L over the collapsed rows at log-parameters v, and (when `gradient` is given) its
 * gradient with respect to v; +∞ outside the domain. See {@link bgbbLogLikelihood}.
 *
 * Gradient: for each row the alive branch and the died-after-t_x+i branches each have
 * derivatives made of digammas (d/dα ln B(α+x, β+k) = ψ(α+x) − ψ(α+β+x+k), and so on); the
 * row's derivative is their average weighted by each branch's share of L. Along the walk
 * over i the digammas advance by ψ(y+1) = ψ(y) + 1/y (directly below y = 1, where that
 * recurrence cancels).
 */
function negativeLogLikelihood(v: ArrayLike<number>, d: WeightedRepeatRows, gradient?: Float64Array): number {
  const alpha = exp(v[0]!);
  const beta = exp(v[1]!);
  const gamma = exp(v[2]!);
  const delta = exp(v[3]!);
  if (!(alpha > 0 && beta > 0 && gamma > 0 && delta > 0) || !Number.isFinite(alpha + beta + gamma + delta)) return Number.POSITIVE_INFINITY;
  const withGradient = gradient !== undefined;
  let total = 0;
  let weight = 0;
  let gA = 0;
  let gB = 0;
  let gG = 0;
  let gD = 0;
  const psiG = withGradient ? digamma(gamma) : 0;
  const psiG1 = psiG + 1 / gamma;
  const rows = d.x.length;
  for (let r = 0; r < rows; r++) {
    const x = d.x[r]!;
    const t = x === 0 ? 0 : d.tx[r]!;
    const n = d.T[r]!;
    const w = d.w[r]!;
    weight += w;
    const alive = lnBeta(alpha + x, beta + n - x) + lnBeta(gamma, delta + n);
    const m = n - t;
    if (m <= 0) {
      total += w * alive;
      if (withGradient) {
        const psiABn = digamma(alpha + beta + n);
        const psiGDn = digamma(gamma + delta + n);
        gA += w * (digamma(alpha + x) - psiABn);
        gB += w * (digamma(beta + n - x) - psiABn);
        gG += w * (psiG - psiGDn);
        gD += w * (digamma(delta + n) - psiGDn);
      }
      continue;
    }
    // The died-after-t_x+i terms relative to the first (i = 0), with their digamma averages.
    let yB = beta + t - x;
    let yAB = alpha + beta + t;
    let yD = delta + t;
    let yGD = gamma + delta + 1 + t;
    let rho = 1;
    let sum = 1;
    let pB = 0;
    let pAB = 0;
    let pD = 0;
    let pGD = 0;
    let sB = 0;
    let sAB = 0;
    let sD = 0;
    let sGD = 0;
    if (withGradient) {
      pB = digamma(yB);
      pAB = digamma(yAB);
      pD = digamma(yD);
      pGD = digamma(yGD);
      sB = pB;
      sAB = pAB;
      sD = pD;
      sGD = pGD;
    }
    for (let i = 1; i < m; i++) {
      rho *= (yB / yAB) * (yD / yGD);
      if (withGradient) {
        pB = yB < 1 ? digamma(yB + 1) : pB + 1 / yB;
        pAB = yAB < 1 ? digamma(yAB + 1) : pAB + 1 / yAB;
        pD = yD < 1 ? digamma(yD + 1) : pD + 1 / yD;
        pGD = yGD < 1 ? digamma(yGD + 1) : pGD + 1 / yGD;
      }
      yB += 1;
      yAB += 1;
      yD += 1;
      yGD += 1;
      sum += rho;
      if (withGradient) {
        sB += rho * pB;
        sAB += rho * pAB;
        sD += rho * pD;
        sGD += rho * pGD;
      }
      if (rho * (m - i) < 1e-17 * sum) break;
    }
    const died = lnBeta(alpha + x, beta + t - x) + lnBeta(gamma + 1, delta + t) + log(sum);
    // u = the alive branch's share of L.
    let u: number;
    if (alive > died) {
      const e = exp(died - alive);
      total += w * (alive + log1p(e));
      u = 1 / (1 + e);
    } else {
      const e = exp(alive - died);
      total += w * (died + log1p(e));
      u = e / (1 + e);
    }
    if (withGradient) {
      const psiAx = digamma(alpha + x);
      const psiABn = digamma(alpha + beta + n);
      const psiGDn = digamma(gamma + delta + n);
      const inv = 1 / sum;
      const k = 1 - u;
      gA += w * (psiAx - u * psiABn - k * sAB * inv);
      gB += w * (u * (digamma(beta + n - x) - psiABn) + k * (sB - sAB) * inv);
      gG += w * (u * (psiG - psiGDn) + k * (psiG1 - sGD * inv));
      gD += w * (u * (digamma(delta + n) - psiGDn) + k * (sD - sGD) * inv);
    }
  }
  total -= weight * (lnBeta(alpha, beta) + lnBeta(gamma, delta));
  if (withGradient) {
    const psiAB = digamma(alpha + beta);
    const psiGD = digamma(gamma + delta);
    gA -= weight * (digamma(alpha) - psiAB);
    gB -= weight * (digamma(beta) - psiAB);
    gG -= weight * (psiG - psiGD);
    gD -= weight * (digamma(delta) - psiGD);
    // With respect to the log-parameters, and for −ln L.
    gradient[0] = -gA * alpha;
    gradient[1] = -gB * beta;
    gradient[2] = -gG * gamma;
    gradient[3] = -gD * delta;
  }
  return Number.isFinite(total) ? -total : Number.POSITIVE_INFINITY;
}

/** The summary checked and collapsed to distinct weighted rows (n travels as T). */
function prepare(x: Float64Array, tx: Float64Array, n: Float64Array, weights?: Float64Array): WeightedRepeatRows {
  checkBgbbSummary({ x, tx, n });
  if (weights && weights.length !== x.length) throw new CvError("LENGTH_MISMATCH", `weights has ${weights.length} rows but x has ${x.length}: select ranges of the same height`, { argument: "weights" });
  // With x = 0 the last transaction is the first: t_x = 0, so rows that differ only there merge.
  let tx0 = tx;
  for (let i = 0; i < x.length; i++) {
    if (x[i] === 0 && tx[i] !== 0 && !Number.isNaN(tx[i]!)) {
      tx0 = Float64Array.from(tx, (v, k) => (x[k] === 0 && !Number.isNaN(v) ? 0 : v));
      break;
    }
  }
  return collapseRepeatRows(x, tx0, n, weights);
}

/**
 * The BG/BB log-likelihood of a summary (Fader, Hardie & Shang 2010, eq. 5), summed over
 * the rows with x, t_x and n all present (each counted `weights[i]` times when weights are
 * given).
 *
 * Method: per customer, L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ) (alive through all n
 * opportunities) + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)
 * (alive through t_x + i, dead at the next opportunity); the sum is walked as ratios of
 * successive terms and added to the first term in log space, so n = 10,000 and parameters
 * of 1e5 stay finite. Identical rows are summed once with their count.
 * Cost: O(rows + Σ (n − t_x)) over the distinct rows.
 *
 * @throws CvError LENGTH_MISMATCH or BAD_VALUE for a summary that cannot be (see {@link bgbbRowProblem}).
 * @example bgbbLogLikelihood({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, donations, weights) // ≈ −33,225.6
 */
export function bgbbLogLikelihood(params: BgbbParams, summary: BgbbSummary, weights?: Float64Array): number {
  const { alpha, beta, gamma, delta } = params;
  if (!(alpha > 0 && beta > 0 && gamma > 0 && delta > 0)) return Number.NEGATIVE_INFINITY;
  const d = prepare(summary.x, summary.tx, summary.n, weights);
  return -negativeLogLikelihood([log(alpha), log(beta), log(gamma), log(delta)], d);
}

/**
 * The gradient of {@link bgbbLogLikelihood} with respect to (α, β, γ, δ): the analytic
 * derivatives the fit uses (digamma terms per row, averaged over the likelihood's branches),
 * for diagnostics and for checking against finite differences. Cost: as the log-likelihood, plus
 * about eight digammas per distinct row.
 *
 * @throws CvError LENGTH_MISMATCH or BAD_VALUE as {@link bgbbLogLikelihood}.
 * @example bgbbLogLikelihoodGradient(fitted, donations, weights) // ≈ [0, 0, 0, 0] at the maximum
 */
export function bgbbLogLikelihoodGradient(params: BgbbParams, summary: BgbbSummary, weights?: Float64Array): Float64Array {
  checkBgbbParams(params);
  const d = prepare(summary.x, summary.tx, summary.n, weights);
  const g = new Float64Array(4);
  const values = [params.alpha, params.beta, params.gamma, params.delta];
  negativeLogLikelihood(values.map(log), d, g);
  // From −d/d(ln θ) to d/dθ.
  for (let k = 0; k < 4; k++) g[k] = -g[k]! / values[k]!;
  return g;
}

/** A fitted BG/BB model: parameters, their standard errors, the log-likelihood and how the fit went. */
export interface BgbbFit {
  params: BgbbParams;
  /** Standard errors from the Hessian of the log-likelihood (NaN where it is singular). */
  standardErrors: BgbbParams;
  /** The covariance of (ln α, ln β, ln γ, ln δ), row-major 4 × 4, or undefined on a ridge. */
  logCovariance: Float64Array | undefined;
  logLikelihood: number;
  /** Customers fitted (the total weight). */
  customers: number;
  /** Of them, those with a repeat transaction (x > 0). */
  repeatBuyers: number;
  iterations: number;
  evaluations: number;
  method: FitMethod;
  /** Reasons not to trust the numbers, in plain words (empty when there is none): see {@link fitWarnings}. */
  warnings: string[];
  /** The full fit, for the CV.BGBB.FIT table and uncertainty ranges. */
  fit: ParameterFit;
}

/**
 * Below this mean dropout probability per opportunity, γ/(γ+δ), BG/BB sees almost nobody
 * lapse: P(alive) stays near 1 for everyone (the donations cohort fits 19%).
 *
 * @example BGBB_NEAR_ZERO_DROPOUT === 0.01
 */
export const BGBB_NEAR_ZERO_DROPOUT = 0.01;

/** The BG/BB fit's own warnings: dropout ≈ 0. */
function bgbbModelWarnings(p: BgbbParams): string[] {
  const dropout = p.gamma / (p.gamma + p.delta);
  if (dropout >= BGBB_NEAR_ZERO_DROPOUT) return [];
  return [
    `dropout ≈ 0: the mean chance of lapsing at an opportunity is ${formatFitParameter(dropout * 100)}%, so the model sees almost nobody stop, P(alive) stays near 1 and cannot pick out lapsed customers; a longer history (more opportunities) usually shows who stopped`,
  ];
}

/** Why a BG/BB fit that ran off has no answer, in plain words. */
function bgbbRunawayReason(p: BgbbParams, k: number, customers: number): string {
  const big = (v: number) => v > FIT_PARAMETER_RANGE.upper / 10;
  const tail = ` (${customers.toLocaleString("en")} customer${customers === 1 ? "" : "s"})`;
  const transact = p.alpha / (p.alpha + p.beta);
  const dropout = p.gamma / (p.gamma + p.delta);
  if (k <= 1 && big(p.alpha) && big(p.beta)) {
    return `the chances of a transaction do not differ between customers: alpha and beta grow together without limit (alpha = ${formatFitParameter(p.alpha)}, beta = ${formatFitParameter(p.beta)}, mean chance of a transaction per opportunity ${formatFitParameter(transact)})${tail}: BG/BB needs customers who transact at different rates — check that x, t_x and n are repeat transactions, the opportunity of the last one and the opportunities observed`;
  }
  if (k >= 2 && big(p.gamma) && big(p.delta)) {
    return `the chances of lapsing do not differ between customers: gamma and delta grow together without limit (gamma = ${formatFitParameter(p.gamma)}, delta = ${formatFitParameter(p.delta)}, mean chance of lapsing per opportunity ${formatFitParameter(dropout)})${tail}`;
  }
  if (k >= 2 && dropout < 1e-3) {
    return `the data show almost no lapsing (${k === 2 ? `gamma runs to ${formatFitParameter(p.gamma)}` : `delta runs to ${formatFitParameter(p.delta)}`}, mean chance of lapsing per opportunity ${formatFitParameter(dropout)}), so gamma and delta drift without settling${tail}: a longer history, or customers who stopped transacting, usually pins them down`;
  }
  if (k <= 1 && (transact > 1 - 1e-4 || transact < 1e-4)) {
    return `almost ${transact > 0.5 ? "every customer transacts at every" : "no customer transacts at any"} opportunity (${k === 0 ? `alpha runs to ${formatFitParameter(p.alpha)}` : `beta runs to ${formatFitParameter(p.beta)}`}, mean chance of a transaction ${formatFitParameter(transact)})${tail}: BG/BB needs customers who skip some opportunities and transact at others`;
  }
  const names = ["alpha", "beta", "gamma", "delta"] as const;
  const name = names[k] as (typeof names)[number];
  const v = p[name];
  return `${name} runs off to ${v > 1 ? "infinity" : "0"} (${name} = ${formatFitParameter(v)}, ${customers.toLocaleString("en")} customer${customers === 1 ? "" : "s"}): the data do not pin it down; check that x, t_x and n are repeat transactions, the opportunity of the last one and the opportunities observed`;
}

/**
 * Fits BG/BB by maximum likelihood, yielding progress so a task pane can stay responsive
 * (see {@link fitBgbb} for the method and errors). The last report is the state the
 * optimiser ended in (also when the fit then fails).
 *
 * @throws CvError as {@link fitBgbb}.
 * @example finishSteps(fitBgbbSteps(x, tx, n, weights)).params
 */
export function* fitBgbbSteps(x: Float64Array, tx: Float64Array, n: Float64Array, weights?: Float64Array, options: FitStepOptions = {}): Generator<MinimizeProgress, BgbbFit> {
  const d = prepare(x, tx, n, weights);
  if (d.x.length === 0) throw new CvError("EMPTY_INPUT", "x, t_x and n have no complete row to fit on", { argument: "x" });
  let repeatBuyers = 0;
  let meanX = 0;
  let meanN = 0;
  for (let i = 0; i < d.x.length; i++) {
    if (d.x[i]! > 0) repeatBuyers += d.w[i]!;
    meanX += (d.w[i]! * d.x[i]!) / d.customers;
    meanN += (d.w[i]! * d.T[i]!) / d.customers;
  }
  if (repeatBuyers === 0) throw new CvError("NOT_COMPUTABLE", "no customer has a repeat transaction (every x is 0): BG/BB cannot be fitted", { argument: "x" });
  // The preferred start matches the mean chance of a transaction to the data's x / n (with a
  // dropout chance of 1/4); the others cover a fit that runs to the boundary from there.
  const share = Math.min(Math.max(meanX / Math.max(meanN, 1), 0.05), 0.95);
  const fit = yield* fitParametersSteps(
    {
      model: "BG/BB",
      names: ["alpha", "beta", "gamma", "delta"],
      objective: (v, gradient) => negativeLogLikelihood(v, d, gradient),
      starts: [
        [log(share), log(1 - share), 0, log(3)],
        [log(0.5), log(0.5), log(0.5), log(2)],
        [log(3 * share), log(3 * (1 - share)), log(0.2), log(5)],
      ],
      logScale: [0, 0, 0, 0],
      runawayReason: (p, k) => bgbbRunawayReason(p as unknown as BgbbParams, k, d.customers),
    },
    options,
  );
  const [alpha, beta, gamma, delta] = fit.values as [number, number, number, number];
  const [sa, sb, sg, sd] = fit.standardErrors as [number, number, number, number];
  const params = { alpha, beta, gamma, delta };
  return {
    params,
    standardErrors: { alpha: sa, beta: sb, gamma: sg, delta: sd },
    logCovariance: fit.logCovariance,
    logLikelihood: fit.logLikelihood,
    customers: d.customers,
    repeatBuyers,
    iterations: fit.iterations,
    evaluations: fit.evaluations,
    method: fit.method,
    warnings: fitWarnings(fit, { customers: d.customers, repeatBuyers, modelWarnings: bgbbModelWarnings(params), history: historyLength(d) }),
    fit,
  };
}

/**
 * Fits the BG/BB model (Fader, Hardie & Shang 2010) to a discrete-time summary by maximum
 * likelihood: the α, β, γ, δ that make the observed repeat transactions most likely, with
 * their standard errors and a plain-words list of reasons not to trust them.
 *
 * Method: identical (x, t_x, n) rows merged with weights (a cohort observed over n
 * opportunities has at most n(n+1)/2 + 1 distinct rows: the donations' 11,104 supporters
 * are 22); BFGS on the log-parameters with the analytic gradient (digamma terms), started
 * from a mean transaction chance matched to x / n, then from two other points when a start
 * runs off to the boundary; Nelder–Mead from BFGS's best point when BFGS stalls; standard
 * errors from the Hessian. Rows with a missing value are left out; `weights` counts each
 * row that many times. Cost: 20–40 evaluations of O(Σ (n − t_x)) over the distinct rows,
 * plus 8 for the Hessian; a few milliseconds for the donations.
 *
 * @throws CvError EMPTY_INPUT with no complete row; NOT_COMPUTABLE when no customer
 *   repeats; NOT_CONVERGED (Excel #NUM!) when the optimiser does not settle or a parameter
 *   runs off to 0 or infinity; BAD_VALUE for an impossible row or weight; LENGTH_MISMATCH.
 * @example fitBgbb(frequency, recency, periods, weights).params // donations → { alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783 }
 */
export function fitBgbb(x: Float64Array, tx: Float64Array, n: Float64Array, weights?: Float64Array): BgbbFit {
  return finishSteps(fitBgbbSteps(x, tx, n, weights));
}

/**
 * The probability that a customer with history (x, t_x, n) is alive at the next
 * opportunity, n + 1 (Fader, Hardie & Shang 2010, eq. 11; BTYD's bgbb.PAlive):
 * B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+1)/B(γ,δ) / L(x, t_x, n). In logs, with the normalising
 * constants cancelled, so it stays in [0, 1] for n of 10,000 and parameters of 1e5.
 * The row is not checked here (see {@link bgbbRowProblem}). Cost: O(n − t_x).
 *
 * @example bgbbPAlive({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, 6, 6, 6) // ≈ 0.93
 */
export function bgbbPAlive(p: BgbbParams, x: number, tx: number, n: number): number {
  const logAlive = lnBeta(p.alpha + x, p.beta + n - x) + lnBeta(p.gamma, p.delta + n + 1);
  return Math.min(1, exp(logAlive - logUnnormalisedLikelihood(p, x, tx, n)));
}

/** The nodes and weights of 4-point Gauss–Legendre on [0, 1]. */
const GAUSS_NODES = [0.5 - 0.4305681557970263, 0.5 - 0.1699905217924281, 0.5 + 0.1699905217924281, 0.5 + 0.4305681557970263];
const GAUSS_WEIGHTS = [0.1739274225687269, 0.3260725774312731, 0.3260725774312731, 0.1739274225687269];

/**
 * ln[(1 − e^D)/(γ − 1)] with D = G(n+n*) − G(n), G(m) = ln Γ(1+δ+m) − ln Γ(γ+δ+m): the
 * bracket of FHS eq. 13 over (γ − 1), a positive number. Away from γ = 1, D comes from
 * log-beta functions (stable for large arguments); within 0.05 of it, where that difference
 * would lose its digits to cancellation, from D = −∫₀^{γ−1} [ψ(1+δ+n+n*+s) − ψ(1+δ+n+s)] ds
 * by 4-point Gauss–Legendre (error below 1e−14 there), which also gives the limit at γ = 1.
 */
function logBracket(gamma: number, delta: number, n: number, nStar: number): number {
  const e = gamma - 1;
  if (Math.abs(e) < 0.05) {
    let integral = 0;
    for (let j = 0; j < 4; j++) {
      const s = e * GAUSS_NODES[j]!;
      integral += GAUSS_WEIGHTS[j]! * (digamma(1 + delta + n + nStar + s) - digamma(1 + delta + n + s));
    }
    // D = −e · integral; (1 − e^D)/e → integral as e → 0.
    return e === 0 ? log(integral) : log(-expm1(-e * integral) / e);
  }
  const N = n + nStar;
  const D = lnBeta(gamma, 1 + delta + N) + log(gamma + delta + N) - lnBeta(gamma, 1 + delta + n) - log(gamma + delta + n);
  return log(-expm1(D) / e);
}

/**
 * Expected transactions in the next n* opportunities (n + 1 … n + n*) of a customer with
 * history (x, t_x, n) (Fader, Hardie & Shang 2010, eq. 13):
 * 1/L · B(α+x+1, β+n−x)/B(α,β) · δ/(γ−1) · Γ(γ+δ)/Γ(1+δ) · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+n*)/Γ(γ+δ+n+n*)].
 *
 * Method: in logs, with the normalising constants cancelled and the gamma ratios written as
 * log-beta functions; near γ = 1, where the formula is 0/0, the bracket is integrated instead
 * (see the docs). n* need not be whole (the formula continues smoothly). The row is not
 * checked here. Cost: O(n − t_x) for the likelihood plus O(1).
 *
 * @throws CvError OUT_OF_RANGE when the expectation is not a finite number (parameters near 1e300).
 * @example bgbbExpected({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, 5, 6, 6, 6) // ≈ 3.75 donations in 2002–2006 from a supporter who gave every year
 */
export function bgbbExpected(p: BgbbParams, nStar: number, x: number, tx: number, n: number): number {
  if (nStar === 0) return 0;
  // n = 0 (a new customer) leaves only the alive term, B(α, β) B(γ, δ): eq. 7 as a special case.
  const logLu = logUnnormalisedLikelihood(p, x, tx, n);
  const value = exp(lnBeta(p.alpha + x + 1, p.beta + n - x) + lnBeta(p.gamma, 1 + p.delta + n) + log(p.gamma + p.delta + n) + logBracket(p.gamma, p.delta, n, nStar) - logLu);
  if (!Number.isFinite(value)) {
    throw new CvError("OUT_OF_RANGE", `the expected transactions over n_star = ${nStar} cannot be computed for alpha = ${p.alpha}, beta = ${p.beta}, gamma = ${p.gamma}, delta = ${p.delta}: they are too extreme for double precision`, { argument: "params" });
  }
  return value;
}

/**
 * Expected transactions of a new customer in the first n opportunities, E[X(n)]
 * (Fader, Hardie & Shang 2010, eq. 7): α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)/Γ(γ+δ+n) · Γ(1+δ+n)/Γ(1+δ)],
 * computed as {@link bgbbExpected} computes eq. 13 (it is eq. 13 with x = t_x = n = 0).
 * Cost: O(1).
 *
 * @throws CvError OUT_OF_RANGE as {@link bgbbExpected}.
 * @example bgbbUnconditional({ alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 }, 6) // expected repeat donations in 1996–2001
 */
export function bgbbUnconditional(p: BgbbParams, n: number): number {
  return bgbbExpected(p, n, 0, 0, 0);
}

/**
 * Expected transactions at each of the next `periods` opportunities, n + 1 … n + periods,
 * of a customer with history (x, t_x, n), for discounting period by period: the k-th is
 * 1/L · B(α+x+1, β+n−x)/B(α,β) · B(γ, δ+n+k)/B(γ,δ) (the terms whose sum is FHS eq. 13),
 * each the previous one times (δ+n+k−1)/(γ+δ+n+k−1), accumulated in logs. Written into
 * `out` when it is given (so a loop over customers allocates nothing). The row is not
 * checked here. Cost: O(n − t_x + periods).
 *
 * @example bgbbExpectedByPeriod(params, 5, 6, 6, 6) // 5 numbers adding up to bgbbExpected(params, 5, 6, 6, 6)
 */
export function bgbbExpectedByPeriod(p: BgbbParams, periods: number, x: number, tx: number, n: number, out: Float64Array = new Float64Array(periods)): Float64Array {
  let logE = lnBeta(p.alpha + x + 1, p.beta + n - x) + lnBeta(p.gamma, p.delta + n + 1) - logUnnormalisedLikelihood(p, x, tx, n);
  for (let k = 1; k <= periods; k++) {
    out[k - 1] = exp(logE);
    logE -= log1p(p.gamma / (p.delta + n + k));
  }
  return out;
}

/**
 * P(X(n) = k) for k = 0 … n: the probability that a new customer makes exactly k repeat
 * transactions in the first n opportunities (Fader, Hardie & Shang 2010, eq. 6):
 * C(n, k) B(α+k, β+n−k)/B(α,β) · B(γ, δ+n)/B(γ,δ)
 * + Σ_{i=k}^{n−1} C(i, k) B(α+k, β+i−k)/B(α,β) · B(γ+1, δ+i)/B(γ,δ),
 * each term in logs. Cost: O(n²).
 *
 * @example bgbbCountProbabilities(params, 6) // 7 probabilities adding up to 1, P(0) first
 */
export function bgbbCountProbabilities(p: BgbbParams, n: number): Float64Array {
  const out = new Float64Array(n + 1);
  const norm = lnBeta(p.alpha, p.beta) + lnBeta(p.gamma, p.delta);
  const lnChoose = (m: number, k: number) => -Math.log(m + 1) - lnBeta(m - k + 1, k + 1);
  for (let k = 0; k <= n; k++) {
    let s = exp(lnChoose(n, k) + lnBeta(p.alpha + k, p.beta + n - k) + lnBeta(p.gamma, p.delta + n) - norm);
    for (let i = k; i < n; i++) s += exp(lnChoose(i, k) + lnBeta(p.alpha + k, p.beta + i - k) + lnBeta(p.gamma + 1, p.delta + i) - norm);
    out[k] = s;
  }
  return out;
}
