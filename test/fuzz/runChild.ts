/**
 * Runs fuzz work in child processes (child.ts under ts-node, --max-old-space-size=1024), so
 * a hang or an out-of-memory fails the one function or case instead of killing jest. A
 * watchdog reads the child's heartbeat file: when no new call has started for `watchdogMs`,
 * the call in flight is stuck; the child is killed (by its own pid), that name is reported
 * with the call, and a fresh child goes on with the remaining names.
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildResult } from "./child";

export type { ChildResult };

export interface RunOptions {
  /** No new call for this long = a hang. */
  watchdogMs: number;
  /** Children running at once (each takes a list share); FUZZ_WORKERS overrides; default 1. */
  workers?: number;
  memoryMb?: number;
}

const CHILD = join(__dirname, "child.ts");

function readHeartbeat(path: string): { counter: string; name: string; call: string } {
  try {
    const text = readFileSync(path, "utf8");
    const newline = text.indexOf("\n");
    const [counter = "", name = ""] = text.slice(0, newline < 0 ? undefined : newline).split("\t");
    return { counter, name, call: newline < 0 ? "" : text.slice(newline + 1) };
  } catch {
    return { counter: "", name: "", call: "" };
  }
}

/** One child over `names`; resolves with the results it sent and, if it died, why. */
function runOnce(mode: string, names: string[], options: RunOptions, heartbeat: string): Promise<{ results: ChildResult[]; died?: { name: string | undefined; why: string } }> {
  return new Promise((resolve) => {
    const results: ChildResult[] = [];
    let output = "";
    const child: ChildProcess = fork(CHILD, [mode, ...names], {
      execArgv: [`--max-old-space-size=${options.memoryMb ?? 1024}`, "-r", "ts-node/register"],
      env: { ...process.env, FUZZ_HEARTBEAT: heartbeat, TS_NODE_TRANSPILE_ONLY: "true" },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.on("message", (m) => results.push(m as ChildResult));
    let last = readHeartbeat(heartbeat).counter;
    let lastChange = Date.now();
    let hung: { name: string | undefined; why: string } | undefined;
    const timer = setInterval(() => {
      const beat = readHeartbeat(heartbeat);
      if (beat.counter !== last) {
        last = beat.counter;
        lastChange = Date.now();
        return;
      }
      // Before the first call the child is still loading (ts-node compiles the engine): allow a minute.
      const limit = beat.counter === "" ? Math.max(options.watchdogMs, 60_000) : options.watchdogMs;
      if (Date.now() - lastChange > limit) {
        const inFlight = names.find((n) => !results.some((r) => r.name === n));
        hung = { name: inFlight, why: beat.counter === "" ? `the child process did not start a call within ${Math.round(limit / 1000)} s` : `no call finished within ${Math.round(options.watchdogMs / 1000)} s (hang): the call in flight was\n  ${beat.call}` };
        clearInterval(timer);
        if (child.pid !== undefined) process.kill(child.pid, "SIGKILL");
      }
    }, 500);
    child.on("exit", (code, signal) => {
      clearInterval(timer);
      const inFlight = names.find((n) => !results.some((r) => r.name === n));
      if (hung) resolve({ results, died: hung });
      else if (inFlight !== undefined) {
        const beat = readHeartbeat(heartbeat);
        const oom = /heap out of memory|Allocation failed/i.test(output);
        resolve({ results, died: { name: inFlight, why: `the child process died (exit code ${code}, signal ${signal}${oom ? ", out of memory at --max-old-space-size" : ""}) during\n  ${beat.call}\n  output: ${output.slice(-1500)}` } });
      } else resolve({ results });
    });
  });
}

/** Runs every name, restarting after a hang or a crash; one result per name. */
async function runList(mode: string, names: string[], options: RunOptions, dir: string, worker: number): Promise<ChildResult[]> {
  const all: ChildResult[] = [];
  let remaining = [...names];
  let attempt = 0;
  while (remaining.length > 0) {
    const heartbeat = join(dir, `heartbeat-${worker}-${attempt++}`);
    const { results, died } = await runOnce(mode, remaining, options, heartbeat);
    all.push(...results);
    const done = new Set(results.map((r) => r.name));
    if (died?.name !== undefined) {
      all.push({ type: "result", name: died.name, ok: false, report: `CV.${died.name}: ${died.why}`, ms: options.watchdogMs, runs: 0 });
      done.add(died.name);
    } else if (died) break;
    remaining = remaining.filter((n) => !done.has(n));
    if (results.length === 0 && died === undefined) break; // the child could not start: reported below
  }
  for (const n of names) if (!all.some((r) => r.name === n)) all.push({ type: "result", name: n, ok: false, report: "the fuzz child did not report this name", ms: 0, runs: 0 });
  return all;
}

/** Runs the names in child processes; results keyed by name. */
export async function runInChildren(mode: "light" | "heavy" | "collect" | "selftest", names: string[], options: RunOptions): Promise<Map<string, ChildResult>> {
  const dir = mkdtempSync(join(tmpdir(), "cv-fuzz-"));
  try {
    const workers = Math.max(1, Number(process.env.FUZZ_WORKERS ?? "") || options.workers || 1);
    const shares: string[][] = Array.from({ length: workers }, () => []);
    names.forEach((n, i) => shares[i % workers]!.push(n));
    const lists = await Promise.all(shares.filter((s) => s.length > 0).map((s, w) => runList(mode, s, options, dir, w)));
    return new Map(lists.flat().map((r) => [r.name, r]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
