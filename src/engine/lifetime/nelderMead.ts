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

/**
 * Why a minimisation ended: the simplex shrank onto a minimum ("converged"), a limit was
 * reached ("iterations", "evaluations"), the best value stopped improving while the simplex
 * kept wandering ("stalled"), or the best point left the region the caller allows ("runaway").
 *
 * @example minimize(([x]) => Math.exp(-x!), [0], { escaped: (v) => (v[0]! > 30 ? 0 : -1) }).stopped // → "runaway"
 */
export type MinimizeStop = "converged" | "iterations" | "evaluations" | "stalled" | "runaway";

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
  /** Why the run ended. */
  stopped: MinimizeStop;
  /** With stopped = "runaway": the coordinate {@link MinimizeOptions.escaped} reported. */
  runaway?: number;
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
  /** Evaluation limit over all restarts. Default 50,000. */
  maxEvaluations?: number;
  /**
   * Stop ("stalled") when the best value has not improved by more than valueTolerance ×
   * (1 + |best|) for this many iterations in a row: the simplex is drifting along a flat
   * valley instead of closing in. Default 200 × (dimension + 1); Infinity turns it off.
   */
  stallIterations?: number;
  /**
   * Checked on the best point after every iteration: the index of a coordinate that has
   * left the region where the answer can lie (a parameter running off to 0 or infinity),
   * or −1 while all is well. A non-negative answer stops the run ("runaway") at once.
   */
  escaped?: (x: readonly number[]) => number;
}

/**
 * Minimises f over ℝⁿ with the Nelder–Mead simplex method, restarting from the best point
 * with a fresh simplex until a restart no longer improves it (a collapsed simplex is the
 * method's known failure; the restart is the standard cure). Non-finite values count as
 * +∞, so f may refuse points outside its domain.
 *
 * It gives up in bounded time: after `maxIterations` iterations or `maxEvaluations`
 * evaluations, as soon as the best point leaves the region the caller allows
 * (`escaped`: a parameter running off), or when the best value has not improved for
 * `stallIterations` iterations (the simplex drifting along a flat ridge). The result's
 * `stopped` says which.
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
  const maxEvaluations = options.maxEvaluations ?? 50_000;
  const n = start.length;
  const stallIterations = options.stallIterations ?? 200 * (n + 1);
  const escaped = options.escaped;
  let evaluations = 0;
  const value = (x: readonly number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };

  let iterations = 0;
  let best = [...start];
  let bestValue = value(best);
  // The best value the stall rule measures improvement against, and when it last improved.
  let reference = bestValue;
  let referenceIteration = 0;
  const finish = (x: number[], v: number, stopped: MinimizeStop, runaway?: number): MinimizeResult => ({
    x,
    value: v,
    converged: stopped === "converged",
    iterations,
    evaluations,
    stopped,
    ...(runaway !== undefined ? { runaway } : {}),
  });
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
    let stop: MinimizeStop = "iterations";
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
      const away = escaped ? escaped(points[0] as number[]) : -1;
      if (away >= 0) return finish(points[0] as number[], lo, "runaway", away);
      if (lo < reference - valueTolerance * (1 + Math.abs(reference))) {
        reference = lo;
        referenceIteration = iterations;
      } else if (iterations - referenceIteration >= stallIterations) {
        stop = "stalled";
        break;
      }
      if (evaluations >= maxEvaluations) {
        stop = "evaluations";
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
    if (!converged) return finish(best, bestValue, stop);
    // A converged restart that found nothing better confirms the minimum.
    if (restart > 0 && !improved && !moved) return finish(best, bestValue, "converged");
  }
  return finish(best, bestValue, "iterations");
}

/**
 * Runs {@link minimizeSteps} to the end and returns its result.
 *
 * @example minimize(([x]) => (x! - 3) ** 2, [0]).x[0] // ≈ 3
 */
export function minimize(f: (x: readonly number[]) => number, start: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  return finishSteps(minimizeSteps(f, start, options));
}
