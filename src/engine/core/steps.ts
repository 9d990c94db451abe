/**
 * Runs a stepwise computation (a generator that yields progress and returns its result) to
 * the end, ignoring the progress: the synchronous form of every `…Steps` function.
 * Cost: that of the computation.
 *
 * @example finishSteps(fitBgnbdSteps(summary)).params
 */
export function finishSteps<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
