/**
 * `npm run bench`: times the engine and the custom-function front doors on synthetic data
 * and prints the figures. Not a test; the budget (design.md) is printed beside each figure.
 */
import "../test/setup/customFunctionsShim";
import { tierIndexByShare, TIER_PRESETS, weightedScore, abcClassIndex, paretoShare } from "../src/engine";
import { SCORE, TIER } from "../src/functions/functions";
import { syntheticIndicators, toGrid } from "./synthetic";
import { onlineRetailColumns, rfmAndSilence, syntheticTransactions } from "./transactions";

const gc = (globalThis as { gc?: () => void }).gc;

/** Median wall time of `runs` runs, in milliseconds. */
function time(label: string, runs: number, work: () => unknown, budgetMs?: number): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    gc?.();
    const start = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  const budget = budgetMs === undefined ? "" : `  (budget ${budgetMs} ms: ${median < budgetMs ? "within" : "OVER"})`;
  console.log(`${label.padEnd(58)} median ${median.toFixed(1).padStart(8)} ms  min ${(times[0] as number).toFixed(1).padStart(8)} ms${budget}`);
  return median;
}

const N = 1_000_000;
const K = 6;
const weights = [0.3, 0.2, 0.15, 0.15, 0.1, 0.1];
const directions = [1, 1, -1, 1, 1, -1] as const;

console.log(`Customer Value for Excel benchmarks, node ${process.version}, ${N.toLocaleString("en")} customers × ${K} indicators (seeded)\n`);
const columns = syntheticIndicators(N, K);
const scores = weightedScore(columns, weights, { directions: [...directions] });

time("engine: weighted score (minmax)", 7, () => weightedScore(columns, weights, { directions: [...directions] }));
time("engine: pyramid tiers", 7, () => tierIndexByShare(scores, TIER_PRESETS.pyramid!.shares));
time("engine: CV.SCORE + CV.TIER (score + pyramid tiers)", 7, () => {
  const s = weightedScore(columns, weights, { directions: [...directions] });
  return tierIndexByShare(s, TIER_PRESETS.pyramid!.shares);
}, 500);
time("engine: weighted score (percentile)", 5, () => weightedScore(columns, weights, { directions: [...directions], method: "percentile" }));
time("engine: ABC classes", 5, () => abcClassIndex(columns[0]!));
time("engine: Pareto share (top 20%)", 5, () => paretoShare(columns[0]!, 0.2));

const grid = toGrid(columns);
const scoreGrid = scores.reduce<number[][]>((out, s) => (out.push([s]), out), []);
time("front door: =CV.SCORE(1M×6 range, weights, directions)", 3, () => SCORE(grid, [weights], [[...directions]]));
time("front door: =CV.TIER(1M scores)", 3, () => TIER(scoreGrid));

console.log("\nBehaviour: RFM + silence (aggregation, scores, silence with the population reference)");
const tx = syntheticTransactions(1_000_000);
time("engine: RFM + silence, 1,000,000 transaction rows (100,000 customers)", 5, () => rfmAndSilence(tx), 1000);
const retail = onlineRetailColumns();
time(`engine: RFM + silence, Online Retail (${retail.days.length.toLocaleString("en")} clean lines)`, 5, () => rfmAndSilence(retail));
