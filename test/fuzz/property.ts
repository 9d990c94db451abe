/**
 * The fuzz property of one CV.* function: call it with (mutated) plausible arguments and
 * collect every problem — of the shape (invariants.ts), of its numbers (the spec's check),
 * and of a rescaled call that must give the same answer (the spec's scaled arguments).
 */
import fc from "fast-check";
import { copyArgs, withMutation } from "./excelArgs";
import { type CallOutcome, type Problem, HANG_BOUND_MS, checkedCall, failureReport } from "./invariants";
import { paramKinds } from "./signatures";
import type { FuzzSpec } from "./specs";

/** The parameter kinds of a spec's function, from its TypeScript signature. */
export function specKinds(spec: FuzzSpec) {
  return paramKinds((spec.fn as { name: string }).name);
}

/** Called before every call with its description (the child process writes it to its heartbeat file). */
export type CallObserver = (name: string, args: readonly unknown[]) => void;

/** Every problem of one call of a spec's function with these arguments. */
export function specProblems(spec: FuzzSpec, args: readonly unknown[], observe?: CallObserver, boundMs = HANG_BOUND_MS): { problems: Problem[]; outcome: CallOutcome } {
  observe?.(spec.name, args);
  const outcome = checkedCall(spec.fn, copyArgs(args), spec.shape, boundMs);
  const problems = [...outcome.problems];
  if (outcome.returned && spec.check) problems.push(...spec.check(args, outcome.result));
  const scaledArgs = spec.scaled?.(args);
  if (scaledArgs !== undefined) {
    observe?.(spec.name, scaledArgs);
    const scaled = checkedCall(spec.fn, copyArgs(scaledArgs), spec.shape, boundMs);
    problems.push(...scaled.problems.map((p) => ({ kind: `(scaled by a power of two) ${p.kind}`, detail: p.detail })));
    if (outcome.returned !== scaled.returned) {
      const code = (o: CallOutcome): string => (o.returned ? "a result" : `a thrown ${String((o.thrown as { code?: unknown })?.code)}: ${String((o.thrown as { message?: unknown })?.message ?? "").slice(0, 160)}`);
      problems.push({ kind: "the whole call fails at one scale of the values but not at another (overflow/underflow)", detail: `as given: ${code(outcome)}; scaled: ${code(scaled)}` });
    } else if (outcome.returned && scaled.returned && spec.sameAfterScaling) {
      problems.push(...spec.sameAfterScaling(outcome.result, scaled.result));
    }
  }
  return { problems, outcome };
}

/** The fast-check property of a spec: fails with a readable report of the arguments and problems. */
export function specProperty(spec: FuzzSpec, observe?: CallObserver): fc.IPropertyWithHooks<[unknown[]]> {
  return fc.property(withMutation(spec.args, specKinds(spec)), (args) => {
    const { problems, outcome } = specProblems(spec, args, observe);
    if (problems.length > 0) throw new Error(failureReport(spec.name, args, problems, outcome));
  });
}

/** A property that fails only on the given problem kind (to shrink each failure class on its own). */
export function classProperty(spec: FuzzSpec, kind: string, observe?: CallObserver): fc.IPropertyWithHooks<[unknown[]]> {
  return fc.property(withMutation(spec.args, specKinds(spec)), (args) => {
    const { problems, outcome } = specProblems(spec, args, observe);
    const mine = problems.filter((p) => p.kind === kind);
    if (mine.length > 0) throw new Error(failureReport(spec.name, args, mine, outcome));
  });
}

/** The seed of one spec: the base seed mixed with the name, so adding a spec moves no other. */
export function specSeed(base: number, name: string): number {
  let h = base | 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) | 0;
  return h;
}

/** The base seed: FUZZ_SEED, or a fixed default so runs repeat. */
export function baseSeed(): number {
  const env = process.env.FUZZ_SEED;
  const seed = env === undefined || env === "" ? 20_261_202 : Number(env);
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be a whole number, found ${env}`);
  return seed;
}

/** Runs per spec: FUZZ_RUNS (default 1500) times the spec's factor. */
export function runsOf(spec: FuzzSpec): number {
  const base = Number(process.env.FUZZ_RUNS ?? "") || 1500;
  return Math.max(10, Math.round(base * (spec.runs ?? 1)));
}
