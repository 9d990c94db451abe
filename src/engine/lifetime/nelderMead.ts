import { finishSteps } from "../core/steps";

/** What one Nelder–Mead run reports after each batch of iterations, and at the end. */
export interface MinimizeProgress {
  /** Iterations done so far (over every restart). */
  iterations: number;
  /** Function evaluations so far. */
  evaluations: number;
  /** The lowest value found so far. */
  best: number;
}

/** The outcome of a minimisation. */
export interface MinimizeResult {
  /** The best point found. */
  x: number[];
  /** The function value there. */
  value: number;
  /** True when the simplex shrank below the tolerances (and a restart found nothing better). */
  converged: boolean;
  iterations: number;
  evaluations: number;
}

/** Tolerances and limits for {@link minimizeSteps}. */
export interface MinimizeOptions {
  /** Stop when the values across the simplex differ by less than this, relative to 1 + |best value| (a likelihood summed over 100,000 customers carries rounding noise far above any absolute 1e-10). Default 1e-10. */
  valueTolerance?: number;
  /** …and every vertex is this close to the best one in every coordinate. Default 1e-9. */
  pointTolerance?: number;
  /** Iteration limit over all restarts. Default 20,000. */
  maxIterations?: number;
  /** Initial step along each coordinate. Default 0.5 (in log-parameters: a factor of 1.65). */
  step?: number;
  /** Report progress every this many iterations. Default 50. */
  reportEvery?: number;
}

/**
 * Minimises f over ℝⁿ with the Nelder–Mead simplex method, restarting from the best point
 * with a fresh simplex until a restart no longer improves it (a collapsed simplex is the
 * method's known failure; the restart is the standard cure). Non-finite values count as
 * +∞, so f may refuse points outside its domain.
 *
 * A generator, so a caller can show progress or yield to the UI between batches: it yields
 * a {@link MinimizeProgress} every `reportEvery` iterations and returns the result. Use
 * {@link minimize} to run it to the end. Cost: about 1–2 evaluations of f per iteration;
 * a few hundred iterations for 4 parameters.
 *
 * @example
 * const run = minimize(([x, y]) => (x! - 1) ** 2 + (y! + 2) ** 2, [0, 0]); // run.x ≈ [1, −2]
 */
export function* minimizeSteps(f: (x: readonly number[]) => number, start: readonly number[], options: MinimizeOptions = {}): Generator<MinimizeProgress, MinimizeResult> {
  const valueTolerance = options.valueTolerance ?? 1e-10;
  const pointTolerance = options.pointTolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 20_000;
  const step = options.step ?? 0.5;
  const reportEvery = options.reportEvery ?? 50;
  const n = start.length;
  let evaluations = 0;
  const value = (x: readonly number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };

  let iterations = 0;
  let best = [...start];
  let bestValue = value(best);
  for (let restart = 0; restart < 10; restart++) {
    const points: number[][] = [best];
    const values: number[] = [bestValue];
    for (let i = 0; i < n; i++) {
      const p = [...best];
      p[i] = (p[i] as number) + step;
      points.push(p);
      values.push(value(p));
    }
    let converged = false;
    while (iterations < maxIterations) {
      // Order the vertices best first.
      const order = values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
      const sortedPoints = order.map((i) => points[i] as number[]);
      const sortedValues = order.map((i) => values[i] as number);
      points.splice(0, points.length, ...sortedPoints);
      values.splice(0, values.length, ...sortedValues);
      const lo = values[0] as number;
      const hi = values[n] as number;
      let spread = 0;
      for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) spread = Math.max(spread, Math.abs((points[i] as number[])[j]! - (points[0] as number[])[j]!));
      if (hi - lo <= valueTolerance * (1 + Math.abs(lo)) && spread <= pointTolerance) {
        converged = true;
        break;
      }
      iterations++;
      if (iterations % reportEvery === 0) yield { iterations, evaluations, best: lo };

      const centroid = new Array<number>(n).fill(0);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j]! += (points[i] as number[])[j]! / n;
      const worst = points[n] as number[];
      const along = (t: number) => centroid.map((c, j) => c + t * (c - worst[j]!));
      const reflected = along(1);
      const reflectedValue = value(reflected);
      if (reflectedValue < lo) {
        const expanded = along(2);
        const expandedValue = value(expanded);
        if (expandedValue < reflectedValue) {
          points[n] = expanded;
          values[n] = expandedValue;
        } else {
          points[n] = reflected;
          values[n] = reflectedValue;
        }
        continue;
      }
      if (reflectedValue < (values[n - 1] as number)) {
        points[n] = reflected;
        values[n] = reflectedValue;
        continue;
      }
      const outside = reflectedValue < hi;
      const contracted = along(outside ? 0.5 : -0.5);
      const contractedValue = value(contracted);
      if (contractedValue < (outside ? reflectedValue : hi)) {
        points[n] = contracted;
        values[n] = contractedValue;
        continue;
      }
      // Shrink every vertex towards the best one.
      const bestPoint = points[0] as number[];
      for (let i = 1; i <= n; i++) {
        points[i] = (points[i] as number[]).map((x, j) => bestPoint[j]! + 0.5 * (x - bestPoint[j]!));
        values[i] = value(points[i] as number[]);
      }
    }
    let k = 0;
    for (let i = 1; i <= n; i++) if ((values[i] as number) < (values[k] as number)) k = i;
    const improved = (values[k] as number) < bestValue - valueTolerance * (1 + Math.abs(bestValue));
    const moved = (points[k] as number[]).some((x, j) => Math.abs(x - best[j]!) > pointTolerance);
    best = points[k] as number[];
    bestValue = values[k] as number;
    if (!converged) return { x: best, value: bestValue, converged: false, iterations, evaluations };
    // A converged restart that found nothing better confirms the minimum.
    if (restart > 0 && !improved && !moved) return { x: best, value: bestValue, converged: true, iterations, evaluations };
  }
  return { x: best, value: bestValue, converged: false, iterations, evaluations };
}

/**
 * Runs {@link minimizeSteps} to the end and returns its result.
 *
 * @example minimize(([x]) => (x! - 3) ** 2, [0]).x[0] // ≈ 3
 */
export function minimize(f: (x: readonly number[]) => number, start: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  return finishSteps(minimizeSteps(f, start, options));
}
