/**
 * The pane's driver for long runs: steps a generator in time slices, reports progress at
 * the end of each slice, gives the thread back between slices, and stops when aborted.
 */
import { defaultModel, guessRoles, makeCustomerTable, profileColumns } from "../../src/engine";
import { drive, isAbortError, runInSlices, yieldToEventLoop } from "../../src/taskpane/runInSlices";

/** A run of `steps` steps, each busy for `ms` milliseconds, that records how far it got. */
function* busySteps(steps: number, ms: number, log: { done: number; closed: boolean }): Generator<number, string> {
  try {
    for (let i = 0; i < steps; i++) {
      const until = performance.now() + ms;
      while (performance.now() < until) {
        // busy
      }
      log.done = i + 1;
      yield (i + 1) / steps;
    }
    return "finished";
  } finally {
    log.closed = true;
  }
}

describe("drive", () => {
  test("yields to the event loop between slices: a timer set before the run fires before it ends", async () => {
    const log = { done: 0, closed: false };
    let timerFiredAt = -1;
    setTimeout(() => (timerFiredAt = log.done), 0);
    const progress: number[] = [];
    await expect(drive(busySteps(20, 3, log), { sliceMs: 5, onProgress: (p) => progress.push(p) })).resolves.toBe("finished");
    expect(timerFiredAt).toBeGreaterThan(0);
    expect(timerFiredAt).toBeLessThan(20);
    expect(progress.length).toBeGreaterThanOrEqual(5);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  test("a run that ends within its first slice reports no progress and never yields", async () => {
    const progress: number[] = [];
    await expect(drive(busySteps(3, 0, { done: 0, closed: false }), { sliceMs: 1000, onProgress: (p) => progress.push(p) })).resolves.toBe("finished");
    expect(progress).toEqual([]);
  });

  test("aborting stops at the next slice with an AbortError and closes the generator", async () => {
    const log = { done: 0, closed: false };
    const controller = new AbortController();
    const run = drive(busySteps(1000, 2, log), { sliceMs: 4, signal: controller.signal, onProgress: () => controller.abort() });
    const error = await run.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(log.done).toBeLessThan(10);
    expect(log.closed).toBe(true);
  });

  test("an engine error rejects the promise with it", async () => {
    function* failing(): Generator<number, string> {
      yield 0.5;
      throw new Error("the fit did not converge");
    }
    await expect(drive(failing(), { sliceMs: 0 })).rejects.toThrow("the fit did not converge");
  });

  test("yieldToEventLoop resolves after pending tasks", async () => {
    const order: string[] = [];
    setTimeout(() => order.push("timer"), 0);
    await new Promise((resolve) => setTimeout(resolve, 1));
    await yieldToEventLoop();
    order.push("after yield");
    expect(order).toEqual(["timer", "after yield"]);
  });
});

describe("runInSlices", () => {
  test("a quick analysis (the value pyramid) runs in one slice, with no progress", async () => {
    const table = makeCustomerTable([["Customer", "Revenue"], ["a", 1], ["b", 2], ["c", 3]], true);
    const progress: unknown[] = [];
    const run = await runInSlices(defaultModel(guessRoles(profileColumns(table))), table, { onProgress: (p) => progress.push(p) });
    expect(run.columns[0]!.header).toBe("CV Score");
    expect(progress).toEqual([]);
  });
});
