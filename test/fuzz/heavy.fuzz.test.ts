/**
 * The heavy fuzz cases (heavyCases.ts): ~100,000-row ranges, 20,000 distinct Markov states,
 * horizons of 1e308 periods, 10,000-customer fits. Each runs in a child process with
 * --max-old-space-size=1024 and a watchdog, so a hang or an out-of-memory fails its test
 * instead of killing jest. Each call has its own generous bound (a hang detector, not a
 * performance test); results must satisfy the same properties as in the light suite.
 */
import { HEAVY_CASES } from "./heavyCases";
import { type ChildResult, runInChildren } from "./runChild";

const only = (process.env.FUZZ_ONLY ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
const cases = HEAVY_CASES.filter((c) => only.length === 0 || only.some((o) => c.name.startsWith(o)));
const results = new Map<string, ChildResult>();

beforeAll(async () => {
  const start = Date.now();
  for (const [name, result] of await runInChildren("heavy", cases.map((c) => c.name), { watchdogMs: 90_000 })) results.set(name, result);
  const slowest = [...results.values()].sort((a, b) => b.ms - a.ms).slice(0, 5).map((r) => `${r.name} ${(r.ms / 1000).toFixed(1)} s`);
  console.log(`fuzz (heavy): ${cases.length} cases in ${((Date.now() - start) / 1000).toFixed(0)} s; slowest: ${slowest.join(", ")}`);
}, 60 * 60 * 1000);

test.each(cases.map((c) => c.name))("%s: Excel-shaped result within the bound, no hang, no out-of-memory", (name) => {
  const result = results.get(name);
  if (result === undefined) throw new Error(`no result for ${name}`);
  if (!result.ok) throw new Error(result.report);
});
