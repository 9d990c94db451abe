/**
 * The fuzz test of every CV.* custom function (issue 12, class 9): fast-check calls each one
 * with Excel-shaped random arguments — blanks, text, numbers as text, booleans, error cells,
 * extremes, ragged and empty ranges, mostly built as plausible arguments with one mutation —
 * and asserts the result is a 2-D array (or one value) of finite numbers, strings, booleans
 * or CustomFunctions.Error values with a code and a message, that nothing else is thrown,
 * that each call finishes within a bound (a hang detector, not a performance test: see
 * HANG_BOUND_MS), plus each function's own number properties (specs.ts).
 *
 * The properties run in a child process (runChild.ts) so a hang fails its function's test.
 * Seed fixed by default; FUZZ_SEED overrides it, FUZZ_RUNS the runs per function (1500),
 * FUZZ_ONLY=NAME,NAME runs only those functions. A failure prints the shrunk arguments,
 * what came back and the seed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type ChildResult, runInChildren } from "./runChild";
import { SPECS } from "./specs";

const only = (process.env.FUZZ_ONLY ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
const names = SPECS.map((s) => s.name).filter((n) => only.length === 0 || only.includes(n));
const results = new Map<string, ChildResult>();

beforeAll(async () => {
  const start = Date.now();
  for (const [name, result] of await runInChildren("light", names, { watchdogMs: 30_000 })) results.set(name, result);
  const slowest = [...results.values()].sort((a, b) => b.ms - a.ms).slice(0, 5).map((r) => `${r.name} ${(r.ms / 1000).toFixed(1)} s (${r.runs} runs)`);
  console.log(`fuzz (light): ${names.length} functions in ${((Date.now() - start) / 1000).toFixed(0)} s; slowest: ${slowest.join(", ")}`);
}, 30 * 60 * 1000);

test("every @customfunction in src/functions has a fuzz spec", () => {
  const dir = join(__dirname, "../../src/functions");
  const files = (JSON.parse(readFileSync(join(dir, "sources.json"), "utf8")) as { files: string[] }).files;
  const declared = files.flatMap((f) => [...readFileSync(join(dir, f), "utf8").matchAll(/@customfunction\s+(\S+)/g)].map((m) => m[1]));
  expect(declared.length).toBeGreaterThan(30);
  expect(SPECS.map((s) => s.name).sort()).toEqual([...declared].sort());
});

describe.each(names)("CV.%s", (name) => {
  test("returns Excel-shaped cells or throws an Excel error, within the bound, for any arguments", () => {
    const result = results.get(name);
    if (result === undefined) throw new Error(`no fuzz result for ${name}`);
    if (!result.ok) throw new Error(result.report);
  });
});
