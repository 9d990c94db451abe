import { CvError } from "../core/errors";
import { finishSteps } from "../core/steps";
import { type BgnbdFit, type BgnbdParams, type DropoutFamily, type RepeatSummary, bgnbdExpected, bgnbdLogLikelihoodGradient, familyLogLikelihood, fitFamilySteps } from "./bgnbd";
import type { MinimizeProgress } from "./nelderMead";
import { type FitStepOptions, formatFitParameter } from "./modelFit";

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
  return familyLogLikelihood(params, summary, weights, 1);
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
  const g = bgnbdLogLikelihoodGradient(params, summary, weights, 1).gradient;
  return Float64Array.of(g.r, g.alpha, g.a, g.b);
}

/** A fitted MBG/NBD model: the same shape as a BG/NBD fit (parameters, standard errors, log-likelihood, warnings, the full fit). */
export type MbgnbdFit = BgnbdFit;

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

/** MBG/NBD as a member of the BG/NBD family: one more dropout draw, right after the first purchase. */
export const MBGNBD_FAMILY: DropoutFamily = { model: "MBG/NBD", extraDraw: 1, perDraw: "per draw", modelWarnings: mbgnbdModelWarnings };

/**
 * Fits MBG/NBD by maximum likelihood, yielding progress so a task pane can stay responsive
 * (see {@link fitMbgnbd} for the method and errors). The last report is the state the
 * optimiser ended in (also when the fit then fails).
 *
 * @throws CvError as {@link fitMbgnbd}.
 * @example finishSteps(fitMbgnbdSteps(cdnow)).params
 */
export function fitMbgnbdSteps(summary: RepeatSummary, options: FitStepOptions = {}, weights?: Float64Array): Generator<MinimizeProgress, MbgnbdFit> {
  return fitFamilySteps(summary, options, weights, MBGNBD_FAMILY);
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
