import { type AnalysisProgress, type AnalysisRun, type CustomerTable, type CustomerValueModel, runModelSteps } from "../engine";

/** Options of {@link runInSlices}. */
export interface SliceOptions {
  /** Aborting stops the run at the next slice; the promise rejects with an Error named "AbortError". */
  signal?: AbortSignal;
  /** Called at the end of each slice that did not finish the run (so a quick run reports nothing). */
  onProgress?: (progress: AnalysisProgress) => void;
  /** Work per slice before the browser gets the thread back, in ms. Default 12 (a frame leaves room to paint). */
  sliceMs?: number;
}

function abortError(): Error {
  const error = new Error("The run was cancelled.");
  error.name = "AbortError";
  return error;
}

/** True for the rejection of an aborted run (or write). */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

/**
 * Gives the thread back to the browser for one task: paints, input and timers run before
 * the promise resolves. A MessageChannel message is a task without setTimeout's 4 ms clamp
 * on nested timers; setTimeout is the fallback where MessageChannel is missing.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === "undefined") return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Drives a stepped run (anything yielding progress and returning a result) in time slices:
 * steps for about `sliceMs`, reports the latest progress, yields to the event loop, checks
 * the abort signal, and goes on. A run that finishes within its first slice never yields.
 *
 * @example await drive(runModelSteps(model, table), { signal, onProgress: (p) => setProgress(p) })
 */
export async function drive<P, R>(steps: Generator<P, R>, options: { signal?: AbortSignal; onProgress?: (progress: P) => void; sliceMs?: number } = {}): Promise<R> {
  const sliceMs = options.sliceMs ?? 12;
  if (options.signal?.aborted) throw abortError();
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart < sliceMs) continue;
    options.onProgress?.(next.value);
    await yieldToEventLoop();
    if (options.signal?.aborted) {
      steps.return(undefined as R);
      throw abortError();
    }
    sliceStart = performance.now();
  }
}

/**
 * Runs a model without freezing the pane: the engine's stepped run (model fits yield
 * progress) in slices of about 12 ms, with progress and cancellation. Resolves to what
 * runModel returns; rejects with the engine's error, or an AbortError when aborted.
 *
 * @example const run = await runInSlices(model, table, { signal: controller.signal, onProgress: setProgress });
 */
export function runInSlices(model: CustomerValueModel, table: CustomerTable, options: SliceOptions = {}): Promise<AnalysisRun> {
  return drive(runModelSteps(model, table), options);
}
