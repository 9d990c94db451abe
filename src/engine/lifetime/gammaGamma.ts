import { CvError } from "../core/errors";
import { type FitMethod, type FitStepOptions, FIT_PARAMETER_RANGE, type ParameterFit, fitParametersSteps, fitWarnings, formatFitParameter } from "./modelFit";
import type { MinimizeProgress } from "./nelderMead";
import { digamma, lnGamma } from "./specialFunctions";
import { finishSteps } from "../core/steps";

// Module-level aliases: a global lookup of Math in a hot loop is slow inside vm contexts (Jest), and free elsewhere.
const { log } = Math;

/** Gamma-Gamma parameters: spend per purchase ~ Gamma(p, ν), with ν ~ Gamma(q, γ) across customers. */
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** A fitted Gamma-Gamma model. */
export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  /** Customers the fit used: those with x > 0 and an average spend. */
  customers: number;
  /** Standard errors from the Hessian of the log-likelihood (NaN where it is singular). */
  standardErrors: GammaGammaParams;
  iterations: number;
  evaluations: number;
  method: FitMethod;
  /** Reasons not to trust the numbers, in plain words (empty when there is none). */
  warnings: string[];
  /** The full fit, for the CV.GG.FIT table. */
  fit: ParameterFit;
}

/** The repeat customers a fit uses: x > 0 and a spend present. Spend must then be positive. */
function repeatCustomers(x: Float64Array, spend: Float64Array): { x: Float64Array; m: Float64Array } {
  if (spend.length !== x.length) throw new CvError("LENGTH_MISMATCH", `avg_spend has ${spend.length} rows but x has ${x.length}: select ranges of the same height`, { argument: "avg_spend" });
  const keep: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const m = spend[i] as number;
    if (Number.isNaN(xi) || Number.isNaN(m)) continue;
    const row = i + 1;
    if (xi < 0 || !Number.isInteger(xi)) throw new CvError("BAD_VALUE", `x row ${row}: repeat purchases must be a whole number ≥ 0, found ${xi}`, { argument: "x", row, value: xi });
    if (xi === 0) continue;
    if (!(m > 0)) throw new CvError("BAD_VALUE", `avg_spend row ${row} is ${m}: Gamma-Gamma needs a positive average spend for a customer with repeat purchases (x = ${xi})`, { argument: "avg_spend", row, value: m });
    keep.push(i);
  }
  return { x: Float64Array.from(keep, (i) => x[i] as number), m: Float64Array.from(keep, (i) => spend[i] as number) };
}

function logLikelihood(g: GammaGammaParams, x: Float64Array, m: Float64Array, logM: Float64Array, logX: Float64Array): number {
  const { p, q, gamma } = g;
  if (!(p > 0 && q > 0 && gamma > 0)) return Number.NEGATIVE_INFINITY;
  const lnGammaQ = lnGamma(q);
  const logGamma = log(gamma);
  const cache = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const px = p * xi;
    let c = cache.get(xi);
    if (c === undefined) cache.set(xi, (c = lnGamma(px + q) - lnGamma(px) - lnGammaQ + q * logGamma));
    total += c + (px - 1) * (logM[i] as number) + px * (logX[i] as number) - (px + q) * log(gamma + xi * (m[i] as number));
  }
  return total;
}

/**
 * The Gamma-Gamma log-likelihood of average repeat spend (Fader, Hardie & Lee 2005, "The
 * Gamma-Gamma model of monetary value"), over customers with x > 0:
 * ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ + x m).
 * Cost: O(n), one log per customer (the gamma terms are cached per distinct x).
 *
 * @throws CvError BAD_VALUE for a customer with x > 0 and a spend ≤ 0, naming the row.
 * @example gammaGammaLogLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, x, spend)
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, x: Float64Array, spend: Float64Array): number {
  const c = repeatCustomers(x, spend);
  return logLikelihood(params, c.x, c.m, c.m.map(Math.log), c.x.map(Math.log));
}

/**
 * −ln L at log-parameters v with its gradient (Fader, Hardie & Lee's Gamma-Gamma, per
 * customer: ∂/∂p = x[ψ(px+q) − ψ(px) + ln m + ln x − ln(γ + x m)], ∂/∂q = ψ(px+q) − ψ(q) +
 * ln γ − ln(γ + x m), ∂/∂γ = q/γ − (px+q)/(γ + x m)), then carried to log-parameters.
 */
function negativeLogLikelihood(v: ArrayLike<number>, x: Float64Array, m: Float64Array, logM: Float64Array, logX: Float64Array, gradient: Float64Array): number {
  const p = Math.exp(v[0]!);
  const q = Math.exp(v[1]!);
  const gamma = Math.exp(v[2]!);
  if (!(p > 0 && q > 0 && gamma > 0) || !Number.isFinite(p + q + gamma)) return Number.POSITIVE_INFINITY;
  const lnGammaQ = lnGamma(q);
  const psiQ = digamma(q);
  const logGamma = log(gamma);
  let lastX = Number.NaN;
  let c = 0;
  let psiPxQ = 0;
  let psiPx = 0;
  let total = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const px = p * xi;
    if (xi !== lastX) {
      // The summary is sorted by x (see fitGammaGammaSteps), so each distinct x costs its gamma terms once.
      c = lnGamma(px + q) - lnGamma(px) - lnGammaQ + q * logGamma;
      psiPxQ = digamma(px + q);
      psiPx = digamma(px);
      lastX = xi;
    }
    const denominator = gamma + xi * m[i]!;
    const logDenominator = log(denominator);
    total += c + (px - 1) * logM[i]! + px * logX[i]! - (px + q) * logDenominator;
    gp += xi * (psiPxQ - psiPx + logM[i]! + logX[i]! - logDenominator);
    gq += psiPxQ - psiQ + logGamma - logDenominator;
    gg += q / gamma - (px + q) / denominator;
  }
  gradient[0] = -gp * p;
  gradient[1] = -gq * q;
  gradient[2] = -gg * gamma;
  return Number.isFinite(total) ? -total : Number.POSITIVE_INFINITY;
}

/** Why a Gamma-Gamma fit that ran off has no answer, in plain words. */
function gammaGammaRunawayReason(g: GammaGammaParams, k: number, scale: number, customers: number): string {
  const names = ["p", "q", "gamma"] as const;
  const name = names[k] as (typeof names)[number];
  const v = g[name];
  const high = (k === 2 ? v / scale : v) > 1;
  const who = `${customers.toLocaleString("en")} customer${customers === 1 ? "" : "s"}`;
  const what =
    k === 0 && high
      ? " (each customer's spends look too alike from one purchase to the next to estimate how much they vary)"
      : k !== 0 && high && g.q > FIT_PARAMETER_RANGE.upper / 10 && g.gamma / scale > FIT_PARAMETER_RANGE.upper / 10
        ? " (q and gamma grow together: the customers' average spends look too alike to estimate how much they vary between customers)"
        : "";
  return `the spends of ${who} do not pin down p, q, gamma: ${name} runs ${high ? "off to infinity" : "down to 0"} (${name} = ${formatFitParameter(v)})${what}; the fit needs more customers with repeat purchases and spends that differ`;
}

/** Fits Gamma-Gamma step by step, yielding progress (see {@link fitGammaGamma}); the last report is where the optimiser ended. */
export function* fitGammaGammaSteps(x: Float64Array, spend: Float64Array, options: FitStepOptions = {}): Generator<MinimizeProgress, GammaGammaFit> {
  const c = repeatCustomers(x, spend);
  if (c.x.length < 2) throw new CvError("NOT_COMPUTABLE", `Gamma-Gamma needs at least 2 customers with repeat purchases and a spend, found ${c.x.length}`, { argument: "x" });
  // Sorted by x so the per-x gamma terms are computed once per run of equal x.
  const order = Array.from(c.x.keys()).sort((i, j) => c.x[i]! - c.x[j]!);
  const xs = Float64Array.from(order, (i) => c.x[i]!);
  const ms = Float64Array.from(order, (i) => c.m[i]!);
  const logM = ms.map(Math.log);
  const logX = xs.map(Math.log);
  let mean = 0;
  for (const m of ms) mean += m / ms.length;
  // γ is money: its range is relative to the mean spend (the data's money scale).
  const logScale = [0, 0, log(mean)];
  // p = 1, q = 2 and γ = the mean spend: a population mean spend pγ/(q−1) equal to the data's.
  const fit = yield* fitParametersSteps(
    {
      model: "Gamma-Gamma",
      names: ["p", "q", "gamma"],
      objective: (v, gradient) => negativeLogLikelihood(v, xs, ms, logM, logX, gradient),
      starts: [
        [0, log(2), log(mean)],
        [log(5), log(4), log(mean * 3)],
        [log(0.3), log(1.5), log(mean / 3)],
      ],
      logScale,
      runawayReason: (p, k) => gammaGammaRunawayReason(p as unknown as GammaGammaParams, k, mean, xs.length),
    },
    options,
  );
  const [p, q, gamma] = fit.values as [number, number, number];
  const [sp, sq, sg] = fit.standardErrors as [number, number, number];
  return {
    params: { p, q, gamma },
    standardErrors: { p: sp, q: sq, gamma: sg },
    logLikelihood: fit.logLikelihood,
    customers: xs.length,
    iterations: fit.iterations,
    evaluations: fit.evaluations,
    method: fit.method,
    warnings: fitWarnings(fit, { customers: xs.length, repeatBuyers: xs.length }),
    fit,
  };
}

/**
 * Fits the Gamma-Gamma model of spend per purchase by maximum likelihood on the customers
 * with repeat purchases (x > 0): p, q, γ. Customers with x = 0 or a blank spend are left
 * out, as the model prescribes; the model assumes spend is independent of frequency.
 *
 * Method: BFGS on log-parameters with the analytic gradient, from p = 1, q = 2, γ = mean
 * spend (two other starts when that one runs off), Nelder–Mead as the fallback; standard
 * errors from the Hessian. Cost: 20–40 O(n) evaluations; about 1 ms for CDNOW's 946 repeaters.
 *
 * @throws CvError BAD_VALUE for x > 0 with spend ≤ 0 (naming the row); NOT_COMPUTABLE with
 *   fewer than 2 repeat customers; NOT_CONVERGED (Excel #NUM!) when the fit does not settle.
 * @example fitGammaGamma(x, spend).params // CDNOW → { p: 6.25, q: 3.74, gamma: 15.44 }
 */
export function fitGammaGamma(x: Float64Array, spend: Float64Array): GammaGammaFit {
  return finishSteps(fitGammaGammaSteps(x, spend));
}

/**
 * Checks Gamma-Gamma parameters: all positive.
 *
 * @throws CvError BAD_VALUE naming the parameter.
 */
export function checkGammaGammaParams(g: GammaGammaParams, argument = "params"): void {
  for (const [name, v] of Object.entries(g)) {
    if (!(v > 0) || !Number.isFinite(v)) throw new CvError("BAD_VALUE", `${argument}: ${name} must be a positive number, found ${v}`, { argument, value: v });
  }
}

/**
 * A customer's expected average spend per purchase given x repeat purchases averaging m:
 * (γ + m x) p / (p x + q − 1), a weighted mean of the population mean p γ / (q − 1) and the
 * customer's own mean, with more weight on the own mean the more purchases there are.
 * With x = 0 (or m missing) it is the population mean. Needs q > 1.
 *
 * Method: as the weighted mean (1 − w) · pγ/(q−1) + w · m with w = 1 / (1 + (q−1)/(p x)), so
 * a spend near 1e308 or a million purchases cannot overflow on the way to a value between
 * the two means. Cost: O(1).
 *
 * @throws CvError NOT_COMPUTABLE when q ≤ 1 (the population mean spend is infinite);
 *   OUT_OF_RANGE when the population mean pγ/(q−1) is beyond ±1.8e308.
 * @example gammaGammaSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, 2, 22.35) // → (15.44 + 44.7) · 6.25 / 15.24 ≈ 24.66
 */
export function gammaGammaSpend(g: GammaGammaParams, x: number, m: number): number {
  if (!(g.q > 1)) throw new CvError("NOT_COMPUTABLE", `Gamma-Gamma q is ${g.q}: expected spend needs q > 1 (the population mean spend pγ/(q−1) is otherwise infinite)`, { argument: "params" });
  let population = (g.p * g.gamma) / (g.q - 1);
  if (!Number.isFinite(population)) population = Math.exp(log(g.p) + log(g.gamma) - log(g.q - 1));
  if (!Number.isFinite(population)) {
    throw new CvError(
      "OUT_OF_RANGE",
      `Gamma-Gamma p = ${g.p}, q = ${g.q}, gamma = ${g.gamma} put the population mean spend pγ/(q−1) beyond the largest number Excel holds (±1.8E+308)`,
      { argument: "params" },
    );
  }
  if (x === 0 || Number.isNaN(m)) return population;
  const own = 1 / (1 + (g.q - 1) / (g.p * x));
  return (1 - own) * population + own * m;
}
