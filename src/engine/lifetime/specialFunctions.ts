import { CvError } from "../core/errors";

// Module-level aliases: a global lookup of Math in a hot loop is slow inside vm contexts (Jest), and free elsewhere.
const { log, sin, abs, pow } = Math;

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

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), the log of the beta function, for a, b > 0.
 *
 * @example lnBeta(2, 3) // → ln(1/12)
 */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** The most series terms {@link hyp2f1} sums before it gives up (z very close to 1). */
export const HYP2F1_MAX_TERMS = 1_000_000;

/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for |z| < 1 and c > 0, as BG/NBD's
 * conditional expectation needs it (z = t / (α + T + t) in [0, 1)).
 *
 * Method: the power series Σ (a)ₖ(b)ₖ / ((c)ₖ k!) zᵏ, summed until a term no longer
 * changes the sum in the 16th digit. When c − a − b is larger than the series' own
 * exponents would allow quick convergence near 1, Euler's transformation
 * ₂F₁(a, b; c; z) = (1 − z)^(c − a − b) ₂F₁(c − a, c − b; c; z) is used if its terms
 * shrink faster. Cost: O(k) with k terms; k is a few dozen for z ≤ 0.5 and grows like
 * 1 / (1 − z).
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
  // With a, b, c > 0 and 0 < z < 1, every later term ratio (a+k)(b+k)z/((c+k)(k+1)) is at most
  // z · max(1, (a+k)/(k+1)) · max(1, (b+k)/(c+k)) (each factor moves monotonically towards 1),
  // so once that bound R is below 1 the rest of the series is at most term · R/(1−R).
  const boundedTail = a > 0 && b > 0 && c > 0 && z > 0;
  let term = 1;
  let sum = 1;
  for (let k = 0; k < HYP2F1_MAX_TERMS; k++) {
    term *= ((a + k) * (b + k)) / ((c + k) * (k + 1)) * z;
    sum += term;
    if (term === 0) return sum;
    if (boundedTail) {
      const n = k + 1;
      const bound = z * Math.max(1, (a + n) / (n + 1)) * Math.max(1, (b + n) / (c + n));
      if (bound < 1 && Math.abs(term) * (bound / (1 - bound)) <= 1e-16 * Math.abs(sum)) return sum;
    } else if (Math.abs(term) <= 1e-17 * Math.abs(sum) && k > Math.abs(a) + Math.abs(b)) {
      return sum;
    }
  }
  throw new CvError("NOT_CONVERGED", `the hypergeometric series 2F1(${a}, ${b}; ${c}; ${z}) did not converge in ${HYP2F1_MAX_TERMS} terms`);
}
