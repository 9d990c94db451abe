import { CvError } from "../core/errors";

// Module-level aliases: a global lookup of Math in a hot loop is slow inside vm contexts (Jest), and free elsewhere.
const { log, sin, abs, pow, max } = Math;

// Lanczos approximation, g = 7, n = 9 (Numerical Recipes / Boost coefficients): about 15
// significant digits for x > 0, which the likelihoods below need.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.91893853320467274178;

/**
 * The natural logarithm of the gamma function, ln Γ(x), for x > 0.
 *
 * Method: the Lanczos approximation (g = 7, 9 terms), with the reflection formula below
 * 0.5; relative accuracy about 1e-15. Cost: O(1), one log and a short sum.
 *
 * @example lnGamma(5) // → ln 24 = 3.1780538303479458
 */
export function lnGamma(x: number): number {
  if (x < 0.5) return log(Math.PI / abs(sin(Math.PI * x))) - lnGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * log(t) - t + log(sum);
}

/** Stirling's correction ln Γ(y) − [(y − ½) ln y − y + ½ ln 2π], to 1e−22 for y ≥ 1,000. */
function stirlingCorrection(y: number): number {
  const inv = 1 / y;
  const inv2 = inv * inv;
  return inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), the log of the beta function, for a, b > 0.
 * When one argument is 1,000 or more, ln Γ(big) − ln Γ(big + small) is taken as one stable
 * difference of Stirling's series, (big − ½) ln(1 + small/big) + small ln(big + small) −
 * small + the corrections, instead of subtracting two numbers near big · ln big (at b = 1e50
 * that subtraction keeps no digit). Cost: O(1).
 *
 * @example lnBeta(2, 3) // → ln(1/12); lnBeta(0.05, 1e300) ≈ ln Γ(0.05) − 0.05 ln 1e300
 */
export function lnBeta(a: number, b: number): number {
  const small = Math.min(a, b);
  const big = Math.max(a, b);
  if (big < 1000) return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  const sum = big + small;
  const growth = (big - 0.5) * Math.log1p(small / big) + small * log(sum) - small + stirlingCorrection(sum) - stirlingCorrection(big);
  return lnGamma(small) - growth;
}

/**
 * The most series terms {@link hyp2f1} and {@link lnHyp2f1Series} sum before they give up (z very close to 1).
 *
 * @example HYP2F1_MAX_TERMS === 1_000_000
 */
export const HYP2F1_MAX_TERMS = 1_000_000;

/**
 * A number as sign × e^log, so values far beyond ±1.8e308 (or below 1e−308) keep their digits.
 *
 * @example { log: 6931.47, sign: 1 } // 2^10000, which no double holds
 */
export interface SignedLog {
  /** ln |value| (−∞ for 0). */
  log: number;
  /** −1, 0 or 1. */
  sign: number;
}

/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for |z| < 1 and c > 0, as BG/NBD's
 * conditional expectation needs it (z = t / (α + T + t) in [0, 1)).
 *
 * Method: the power series Σ (a)ₖ(b)ₖ / ((c)ₖ k!) zᵏ, summed until a term no longer
 * changes the sum in the 16th digit. When c − a − b is larger than the series' own
 * exponents would allow quick convergence near 1, Euler's transformation
 * ₂F₁(a, b; c; z) = (1 − z)^(c − a − b) ₂F₁(c − a, c − b; c; z) is used if its terms
 * shrink faster. Cost: O(k) with k terms; k is a few dozen for z ≤ 0.5 and grows like
 * 1 / (1 − z). {@link lnHyp2f1Series} gives the logarithm where the value itself overflows.
 *
 * @throws CvError NOT_CONVERGED when |z| ≥ 1 or the series has not settled after
 *   {@link HYP2F1_MAX_TERMS} terms.
 * @example hyp2f1(1, 1, 2, 0.5) // → −ln(0.5) / 0.5 = 1.3862943611198906
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(abs(z) < 1)) throw new CvError("NOT_CONVERGED", `the hypergeometric series needs |z| < 1, found z = ${z}`);
  if (z === 0) return 1;
  // Euler's form has parameters c − a and c − b: it is the faster series when those are
  // smaller than a and b (the terms then decay sooner for z near 1).
  if (z > 0.5 && (c - a) * (c - b) < a * b && c - a > 0 && c - b > 0) {
    return pow(1 - z, c - a - b) * hyp2f1Series(c - a, c - b, c, z);
  }
  return hyp2f1Series(a, b, c, z);
}

function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  const s = lnHyp2f1Series(a, b, c, z);
  return s.sign * Math.exp(s.log);
}

/** Past this the running sum is rescaled (so neither it nor the terms overflow). */
const RESCALE_ABOVE = 1e250;
const LOG_RESCALE = Math.log(RESCALE_ABOVE);

/**
 * ln |₂F₁(a, b; c; z)| and its sign by the plain power series Σ (a)ₖ(b)ₖ / ((c)ₖ k!) zᵏ,
 * for |z| < 1 and any real a, b, c with c not 0, −1, −2, …. The running sum and term are
 * rescaled whenever they pass 1e250, so sums far beyond the largest double (a BG/NBD
 * customer with a million purchases) keep their digits.
 *
 * Method: stops when the rest of the series is provably below 1e−16 of the sum: once
 * n > max(−a, −b, −c) every later term ratio (a+k)(b+k)z/((c+k)(k+1)) has size at most
 * R = |z| · max(1, (a+n)/(n+1)) · max(1, (b+n)/(c+n)), and also with a and b swapped (each
 * factor is positive and moves monotonically towards 1; the smaller R is taken), so with
 * R < 1 the tail is at most |term| · R/(1−R). Cost: O(k) for k terms,
 * about (37 + ln k · |a + b − c|) / (1 − z).
 *
 * @throws CvError NOT_CONVERGED when the series has not settled after
 *   {@link HYP2F1_MAX_TERMS} terms (z too close to 1) or |z| ≥ 1.
 * @example lnHyp2f1Series(1, 1, 2, 0.5) // → { log: ln(2 ln 2) = 0.3266…, sign: 1 }
 */
export function lnHyp2f1Series(a: number, b: number, c: number, z: number): SignedLog {
  if (!(abs(z) < 1)) throw new CvError("NOT_CONVERGED", `the hypergeometric series needs |z| < 1, found z = ${z}`);
  let term = 1;
  let sum = 1;
  let logScale = 0;
  const positiveFrom = Math.max(0, -a, -b, -c);
  for (let k = 0; k < HYP2F1_MAX_TERMS; k++) {
    // Two quotients rather than one product over another: with parameters near 1e300 the products overflow.
    term *= ((a + k) / (c + k)) * ((b + k) / (k + 1)) * z;
    sum += term;
    if (term === 0 || !Number.isFinite(sum)) break;
    if (abs(sum) > RESCALE_ABOVE || abs(term) > RESCALE_ABOVE) {
      sum /= RESCALE_ABOVE;
      term /= RESCALE_ABOVE;
      logScale += LOG_RESCALE;
    }
    const n = k + 1;
    if (n > positiveFrom) {
      // Either numerator may be paired with either denominator; the tighter pairing is the bound
      // (with a ≫ 1 and a < c, as in BG/NBD's Euler form when b is huge, only the second is < 1).
      const bound = abs(z) * Math.min(max(1, (a + n) / (n + 1)) * max(1, (b + n) / (c + n)), max(1, (a + n) / (c + n)) * max(1, (b + n) / (n + 1)));
      if (bound < 1 && abs(term) * (bound / (1 - bound)) <= 1e-16 * abs(sum)) return { log: log(abs(sum)) + logScale, sign: Math.sign(sum) };
    }
  }
  if (Number.isFinite(sum) && term === 0) return { log: log(abs(sum)) + logScale, sign: Math.sign(sum) };
  throw new CvError("NOT_CONVERGED", `the hypergeometric series 2F1(${a}, ${b}; ${c}; ${z}) did not converge in ${HYP2F1_MAX_TERMS.toLocaleString("en")} terms`);
}

/**
 * The digamma function ψ(x) = d/dx ln Γ(x) for x > 0: the derivative the lifetime fits'
 * analytic gradients need.
 *
 * Method: shift x up past 10 with ψ(x) = ψ(x + 1) − 1/x, then the asymptotic series
 * ln y − 1/(2y) − Σ B₂ₖ/(2k·y²ᵏ) to y⁻¹² (truncation below 1e-15); about 15 significant
 * digits. Cost: O(1).
 *
 * @example digamma(1) // → −0.5772156649015329 (minus the Euler–Mascheroni constant)
 */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let shift = 0;
  let y = x;
  while (y < 10) {
    shift -= 1 / y;
    y += 1;
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  const series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))));
  return shift + log(y) - 0.5 * inv - series;
}
