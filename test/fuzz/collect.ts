/**
 * `node -r ts-node/register test/fuzz/collect.ts [NAME…]`: lists every distinct failure
 * class of the named CV.* functions (all by default), each with a shrunk reproducer — the
 * fuzz suite stops at a function's first failure, this tool keeps going. Not a test.
 * FUZZ_SEED, FUZZ_COLLECT_SAMPLES (1000 per function) and FUZZ_WORKERS apply.
 */
import { runInChildren } from "./runChild";
import "../setup/customFunctionsShim";
import { SPECS } from "./specs";

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = SPECS.map((s) => s.name).filter((n) => wanted.length === 0 || wanted.includes(n));
  const results = await runInChildren("collect", names, { watchdogMs: 30_000 });
  for (const name of names) {
    const r = results.get(name);
    if (!r) continue;
    console.log(`\n===== CV.${name}: ${r.ok ? "no failure" : r.classes ? `${r.classes.length} failure classes` : "FAILED"} (${(r.ms / 1000).toFixed(1)} s)`);
    console.log(r.report);
  }
}

void main();
