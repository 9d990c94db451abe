/**
 * The fuzz child process (started by runChild.ts with node -r ts-node/register and a memory
 * limit). argv: <mode> <name>…, mode "light" (fast-check properties of the named specs),
 * "heavy" (the named heavy cases) or "collect" (every distinct failure class of the named
 * specs, each shrunk on its own). Before every call it rewrites its heartbeat file
 * (FUZZ_HEARTBEAT) with a counter, the spec and the call, so the parent can tell a hang and
 * name the call in flight; results go to the parent as IPC messages.
 */
import "../setup/customFunctionsShim";
import fc from "fast-check";
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { showArgs, withMutation } from "./excelArgs";
import { HEAVY_CASES } from "./heavyCases";
import { failureReport } from "./invariants";
import { baseSeed, classProperty, specKinds, runsOf, specProblems, specProperty, specSeed } from "./property";
import { SPECS } from "./specs";

export interface ChildResult {
  type: "result";
  name: string;
  ok: boolean;
  report: string;
  ms: number;
  runs: number;
  /** collect mode: one entry per failure class. */
  classes?: { kind: string; count: number; report: string }[];
}

const heartbeat = process.env.FUZZ_HEARTBEAT;
let counter = 0;

function observe(name: string, args: readonly unknown[]): void {
  counter++;
  if (heartbeat) writeFileSync(heartbeat, `${counter}\t${name}\nCV.${name}(${showArgs(args).slice(0, 20_000)})`);
}

function send(message: ChildResult): Promise<void> {
  return new Promise((resolve) => {
    if (process.send) process.send(message, undefined, undefined, () => resolve());
    else {
      console.log(JSON.stringify(message));
      resolve();
    }
  });
}

function specNamed(name: string) {
  const spec = SPECS.find((s) => s.name === name);
  if (!spec) throw new Error(`no fuzz spec named ${name}`);
  return spec;
}

function light(name: string): ChildResult {
  const spec = specNamed(name);
  const seed = specSeed(baseSeed(), name);
  const numRuns = runsOf(spec);
  const start = performance.now();
  const details = fc.check(specProperty(spec, observe), { seed, numRuns });
  const ms = performance.now() - start;
  if (!details.failed) return { type: "result", name, ok: true, report: "", ms, runs: details.numRuns };
  const message = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const report = `${message}\n  (fast-check seed ${seed}, path "${details.counterexamplePath}", ${details.numShrinks} shrinks; base seed FUZZ_SEED=${baseSeed()}; rerun: FUZZ_SEED=${baseSeed()} FUZZ_ONLY=${name} npx jest test/fuzz/functions.fuzz.test.ts)`;
  return { type: "result", name, ok: false, report, ms, runs: details.numRuns };
}

function heavy(name: string): ChildResult {
  const c = HEAVY_CASES.find((h) => h.name === name);
  if (!c) throw new Error(`no heavy case named ${name}`);
  const spec = specNamed(c.spec);
  observe(`${c.spec} [${name}]`, ["(building the arguments)"]);
  const args = c.build();
  const start = performance.now();
  const { problems, outcome } = specProblems(spec, args, (n, a) => observe(`${n} [${name}]`, a), c.boundMs);
  const ms = performance.now() - start;
  return { type: "result", name, ok: problems.length === 0, report: problems.length === 0 ? "" : `${name}:\n${failureReport(spec.name, args, problems, outcome)}`, ms, runs: 1 };
}

/**
 * Every distinct failure class of a spec: samples many arguments, groups the problems by
 * kind, then shrinks each kind with a property that fails on it alone.
 */
function collect(name: string): ChildResult {
  const spec = specNamed(name);
  const seed = specSeed(baseSeed(), name);
  const samples = Number(process.env.FUZZ_COLLECT_SAMPLES ?? "") || 1000;
  const start = performance.now();
  const kinds = new Map<string, number>();
  // How deep the fuzz reaches: how many calls returned, and the commonest whole-call errors.
  const thrown = new Map<string, number>();
  let returned = 0;
  for (const args of fc.sample(withMutation(spec.args, specKinds(spec)), { seed, numRuns: samples })) {
    const { problems, outcome } = specProblems(spec, args, observe);
    if (outcome.returned) returned++;
    else {
      const e = outcome.thrown as { code?: unknown; message?: unknown };
      const key = `${String(e?.code)} ${String(e?.message ?? e).replace(/"[^"]*"/g, '"…"').replace(/-?\d[\d.,e+-]*/g, "N").slice(0, 70)}`;
      thrown.set(key, (thrown.get(key) ?? 0) + 1);
    }
    for (const kind of new Set(problems.map((p) => p.kind))) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const classes: { kind: string; count: number; report: string }[] = [];
  for (const [kind, count] of kinds) {
    const details = fc.check(classProperty(spec, kind, observe), { seed, numRuns: samples });
    const report = details.failed ? (details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)) : "(not reproduced by the shrinking run)";
    classes.push({ kind, count, report });
  }
  const top = [...thrown].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, n]) => `${n}× ${k}`).join("; ");
  const stats = `returned ${returned} of ${samples} calls; commonest whole-call errors: ${top}`;
  return { type: "result", name, ok: classes.length === 0, report: [stats, ...classes.map((c) => `[${c.count}×] ${c.kind}\n${c.report}`)].join("\n\n"), ms: performance.now() - start, runs: samples, classes };
}

/** The harness's own check (harness.test.ts): a call that never ends, or one that runs out of memory. */
function selftest(name: string): ChildResult {
  observe(`selftest ${name}`, [name]);
  if (name === "hang") for (;;);
  if (name === "oom") {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array<number>(1_000_000).fill(1));
  }
  return { type: "result", name, ok: true, report: "", ms: 0, runs: 1 };
}

async function main(): Promise<void> {
  const [mode, ...names] = process.argv.slice(2);
  for (const name of names) {
    let result: ChildResult;
    try {
      result = mode === "heavy" ? heavy(name) : mode === "collect" ? collect(name) : mode === "selftest" ? selftest(name) : light(name);
    } catch (error) {
      result = { type: "result", name, ok: false, report: `the fuzz harness itself failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, ms: 0, runs: 0 };
    }
    await send(result);
  }
}

void main().then(() => process.exit(0));
