/**
 * The scaling table of `npm run bench` (issue 15): each function path at 100,000, 1,000,000
 * and 10,000,000 rows, through the front door (cells as Excel passes them) and its engine
 * (typed columns), against sorting as many doubles, with the growth per decade and the peak
 * memory. Every (work, size) runs in a child process of its own, so its peak resident memory
 * (getrusage's maxrss: the data as cells included) is its own.
 *
 * Run alone: `node --expose-gc -r ts-node/register/transpile-only bench/scaling.ts`.
 */
import "../test/setup/customFunctionsShim";
import { execFileSync } from "node:child_process";
import { RFM, SCORE, TIER } from "../src/functions/functions";
import { TIER_PRESETS, rfmFromTransactions, tierIndexByShare, weightedScore } from "../src/engine";
import { mulberry32 } from "../test/helpers/random";
import { syntheticIndicators, toGrid } from "./synthetic";

/** 1,048,576 is a worksheet's rows, the most a range or a spilled result can hold in Excel; 10M is for the engine's sake (the cells at 10M exist only here). */
const SIZES = [100_000, 1_048_576, 10_000_000];
const weights = [0.3, 0.2, 0.15, 0.15, 0.1, 0.1];
const directions = [1, 1, -1, 1, 1, -1] as const;

/** What one child measures: milliseconds of the front door and of the engine, and the peak memory. */
interface Measured {
  frontMs: number;
  engineMs: number;
  sortMs: number;
  /** Resident memory with the cells built (and the typed data they came from), before the call. */
  cellsMb: number;
  peakMb: number;
}

/** n transaction lines of n / 10 customers over two years, three lines an invoice, 2% returns. */
function transactions(n: number) {
  const random = mulberry32(n);
  const customers = Math.max(1, Math.floor(n / 10));
  const ids = new Float64Array(n);
  const days = new Float64Array(n);
  const amounts = new Float64Array(n);
  const invoices = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const invoice = Math.floor(i / 3);
    // The lines of one invoice share its customer and day, as in a shop's export.
    if (i % 3 === 0) {
      ids[i] = 100000 + Math.floor(Math.pow(random(), 1.5) * customers);
      days[i] = 44927 + Math.floor(random() * 730);
    } else {
      ids[i] = ids[i - 1] as number;
      days[i] = days[i - 1] as number;
    }
    amounts[i] = (random() < 0.02 ? -1 : 1) * Math.round(Math.exp(3 + random() * 2) * 100) / 100;
    invoices[i] = invoice;
  }
  return { ids, days, amounts, invoices };
}

const column = (values: Float64Array) => Array.from(values, (v) => [v]);

/** The works: each builds its typed data at size n and gives its engine call, and then its cells as Excel passes them and the front-door call. */
const WORKS: Record<string, (n: number) => { engine: () => unknown; cells: () => () => unknown }> = {
  "=CV.TIER(=CV.SCORE(n × 6))": (n) => {
    const columns = syntheticIndicators(n, 6);
    return {
      engine: () => tierIndexByShare(weightedScore(columns, weights, { directions: [...directions] }), TIER_PRESETS.pyramid!.shares),
      cells: () => {
        const grid = toGrid(columns);
        return () => TIER(SCORE(grid, [weights], [[...directions]]) as unknown[][]);
      },
    };
  },
  "=CV.RFM(n lines, with invoices)": (n) => {
    const tx = transactions(n);
    return {
      engine: () => rfmFromTransactions(tx),
      cells: () => {
        const grids = [column(tx.ids), column(tx.days), column(tx.amounts), column(tx.invoices)] as const;
        return () => RFM(grids[0], grids[1], grids[2], undefined, undefined, grids[3]);
      },
    };
  },
};

function millis(work: () => unknown): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Median of `runs` timings, one untimed warm-up first. */
function median(runs: number, work: () => unknown): number {
  work();
  const times = Array.from({ length: runs }, () => millis(work)).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] as number;
}

function child(name: string, n: number): void {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const runs = n >= 10_000_000 ? 3 : 5;
  const toSort = Float64Array.from({ length: n }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 1);
  const sortMs = median(runs, () => Float64Array.from(toSort).sort());
  const work = WORKS[name]!(n);
  // The engine first, before the cells exist (a heap full of cells slows every collection).
  const engineMs = median(runs, work.engine);
  const front = work.cells();
  gc();
  const cellsMb = process.memoryUsage().rss / 2 ** 20;
  const frontMs = median(runs, front);
  const measured: Measured = { engineMs, frontMs, sortMs, cellsMb, peakMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(measured));
}

function parent(): void {
  const fmt = (v: number, digits = 0) => v.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  console.log("\nScaling (issue 15): each work at each size in a process of its own. ratio = ours / sorting n doubles in the same process;");
  console.log("decade = (t(n) / t(previous n)) / (n / previous n) for ours, and for the sort beside it (n log n alone gives 1.17 from 1M to 10M; memory beyond the caches adds to both)");
  console.log(["work", "size", "ours (front door)", "engine", "front / engine", "yardstick: sort n doubles", "ratio", "decade (sort's)", "memory with the cells", "peak"].join(" | "));
  for (const name of Object.keys(WORKS)) {
    let previous: Measured | undefined;
    let previousSize = 1;
    for (const n of SIZES) {
      const out = execFileSync(process.execPath, ["--expose-gc", "--max-old-space-size=6000", "-r", "ts-node/register/transpile-only", __filename, name, String(n)], { encoding: "utf8", maxBuffer: 1 << 20 });
      const m = JSON.parse(out.slice(out.lastIndexOf("{"))) as Measured;
      // Growth per decade: the time ratio over the size ratio, for ours and for the sort (n log n alone: about 1.17).
      const growth = (t: number, t0: number) => fmt(t / t0 / (n / previousSize), 2);
      const decade = previous ? `${growth(m.frontMs, previous.frontMs)} (${growth(m.sortMs, previous.sortMs)})` : "";
      console.log([name, fmt(n), `${fmt(m.frontMs)} ms`, `${fmt(m.engineMs)} ms`, fmt(m.frontMs / m.engineMs, 2), `${fmt(m.sortMs)} ms`, fmt(m.frontMs / m.sortMs, 2), decade, `${fmt(m.cellsMb)} MB`, `${fmt(m.peakMb)} MB`].join(" | "));
      previous = m;
      previousSize = n;
    }
  }
}

const [name, size] = process.argv.slice(2);
if (name !== undefined && size !== undefined) child(name, Number(size));
else parent();
