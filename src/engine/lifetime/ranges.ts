import { CvError } from "../core/errors";

const { exp, log, sqrt, abs } = Math;

/**
 * Fitted parameters with their uncertainty: the estimates and the covariance of their logs
 * (row-major k × k), from a fit's Hessian or rebuilt from a FIT table's standard errors and
 * correlations ({@link logCovarianceFromTable}).
 */
export interface ParameterEstimate {
  values: readonly number[];
  logCovariance: Float64Array;
}

/**
 * The covariance of the log-parameters from standard errors and correlations as a FIT
 * table shows them: cov(ln θᵢ, ln θⱼ) = ρᵢⱼ · (seᵢ/θᵢ) · (seⱼ/θⱼ) (the delta method,
 * inverted). Cost: O(k²).
 *
 * @throws CvError BAD_VALUE when a standard error is not a positive finite number or a correlation is outside [−1, 1].
 * @example logCovarianceFromTable([0.5, 6], [0.05, 0.6], [1, 0.3, 0.3, 1]) // → [0.01, 0.003, 0.003, 0.01]
 */
export function logCovarianceFromTable(values: readonly number[], standardErrors: readonly number[], correlations: ArrayLike<number>, argument = "params"): Float64Array {
  const k = values.length;
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    const se = standardErrors[i]!;
    if (!(se > 0) || !Number.isFinite(se)) throw new CvError("BAD_VALUE", `${argument}: a range needs a positive standard error for every parameter, found ${se} in row ${i + 1}`, { argument, value: se });
    for (let j = 0; j < k; j++) {
      const rho = correlations[i * k + j]!;
      if (!(abs(rho) <= 1 + 1e-9)) throw new CvError("BAD_VALUE", `${argument}: a correlation must lie between −1 and 1, found ${rho}`, { argument, value: rho });
      out[i * k + j] = rho * (se / values[i]!) * (standardErrors[j]! / values[j]!);
    }
  }
  return out;
}

/** Two estimates fitted separately (e.g. BG/NBD and Gamma-Gamma) as one, independent of each other: a block-diagonal covariance. Cost: O(k²). */
export function combineEstimates(first: ParameterEstimate, second: ParameterEstimate): ParameterEstimate {
  const k1 = first.values.length;
  const k2 = second.values.length;
  const k = k1 + k2;
  const covariance = new Float64Array(k * k);
  for (let i = 0; i < k1; i++) for (let j = 0; j < k1; j++) covariance[i * k + j] = first.logCovariance[i * k1 + j]!;
  for (let i = 0; i < k2; i++) for (let j = 0; j < k2; j++) covariance[(k1 + i) * k + k1 + j] = second.logCovariance[i * k2 + j]!;
  return { values: [...first.values, ...second.values], logCovariance: covariance };
}

/**
 * The standard normal quantile Φ⁻¹(p) for 0 < p < 1 (Acklam's rational approximation,
 * relative error below 1.2e-9). Cost: O(1).
 *
 * @example normalQuantile(0.95) // → 1.6448536…
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return Number.NaN;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = sqrt(-2 * log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/**
 * Checks a confidence level for a range: a share strictly between 0 and 1 (0.9 for 90%).
 *
 * @throws CvError BAD_OPTION naming the argument.
 */
export function checkRangeLevel(level: number, argument = "level"): void {
  if (!(level > 0 && level < 1)) throw new CvError("BAD_OPTION", `${argument} must be a share between 0 and 1 (0.9 for a 90% range), found ${level}`, { argument, value: level });
}

/** A value and its range. */
export interface ValueRange {
  value: number;
  low: number;
  high: number;
}

/**
 * Ranges of quantities computed from fitted parameters, by the delta method: a quantity
 * f(θ) has, to first order, var ln f ≈ gᵀ Σ g with g the gradient of ln f in the
 * log-parameters and Σ their covariance; the range is f · exp(± z √(gᵀ Σ g)), z the normal
 * quantile of the level (1.645 for 90%). Taken on the log scale, so a range never goes
 * below 0 for a positive quantity. The gradient is by central differences (step 1e-4 in
 * each log-parameter), so f is evaluated 2k + 1 times per quantity and no draw is stored.
 * It also sums the quantities and their gradients, for the range of the total (which is
 * narrower, relatively, than the customers' ranges, but not by √n: the customers share the
 * parameters).
 *
 * The range is that of the expected value given the fit's uncertainty, not of what a
 * customer will actually do (a Poisson-like count around the expectation).
 *
 * @example
 * const ranges = new DeltaRanges(estimate, 0.9);
 * const { value, low, high } = ranges.range((p) => bgnbdExpected({ r: p[0]!, alpha: p[1]!, a: p[2]!, b: p[3]! }, 52, 2, 30, 38));
 * ranges.total(); // the sum of every value ranged so far, with its range
 */
export class DeltaRanges {
  private readonly k: number;
  private readonly z: number;
  private readonly logValues: Float64Array;
  private readonly point: number[];
  private readonly gradient: Float64Array;
  private readonly totalGradient: Float64Array;
  private totalValue = 0;

  constructor(
    private readonly estimate: ParameterEstimate,
    level: number,
  ) {
    checkRangeLevel(level);
    this.k = estimate.values.length;
    this.z = normalQuantile(0.5 + level / 2);
    this.logValues = Float64Array.from(estimate.values, (v) => log(v));
    this.point = [...estimate.values];
    this.gradient = new Float64Array(this.k);
    this.totalGradient = new Float64Array(this.k);
  }

  /** f at the estimate and its range; f takes the parameters (not their logs) in the estimate's order. */
  range(f: (params: readonly number[]) => number): ValueRange {
    const value = f(this.estimate.values);
    const h = 1e-4;
    for (let j = 0; j < this.k; j++) {
      this.point[j] = exp(this.logValues[j]! + h);
      const up = f(this.point);
      this.point[j] = exp(this.logValues[j]! - h);
      const down = f(this.point);
      this.point[j] = this.estimate.values[j]!;
      this.gradient[j] = (up - down) / (2 * h);
    }
    if (Number.isFinite(value)) {
      this.totalValue += value;
      for (let j = 0; j < this.k; j++) this.totalGradient[j] = this.totalGradient[j]! + this.gradient[j]!;
    }
    return this.interval(value, this.gradient);
  }

  /** The sum of every value ranged so far, and its range. */
  total(): ValueRange {
    return this.interval(this.totalValue, this.totalGradient);
  }

  private interval(value: number, gradient: Float64Array): ValueRange {
    if (!(value > 0) || !Number.isFinite(value)) return { value, low: value, high: value };
    const c = this.estimate.logCovariance;
    let variance = 0;
    for (let i = 0; i < this.k; i++) for (let j = 0; j < this.k; j++) variance += gradient[i]! * c[i * this.k + j]! * gradient[j]!;
    const spread = this.z * (sqrt(Math.max(0, variance)) / value);
    if (!Number.isFinite(spread)) return { value, low: value, high: value };
    return { value, low: value * exp(-spread), high: value * exp(spread) };
  }
}
