/**
 * The heavy fuzz cases: large ranges (~100,000 rows), 20,000 distinct Markov states,
 * horizons of 1e308 periods, 10,000-customer fits. Each runs in a child process with a
 * memory limit (heavy.fuzz.test.ts), so a hang or an out-of-memory fails its test instead
 * of killing jest. The arguments are built deterministically (mulberry32), not drawn by
 * fast-check: a 100,000-row counterexample is not worth shrinking.
 */
import { mulberry32 } from "../helpers/random";
import { simulateCustomers } from "../helpers/btydSimulation";
import type { Grid } from "./excelArgs";
import * as F from "../../src/functions/functions";

export interface HeavyCase {
  name: string;
  /** The spec (specs.ts) whose function and checks apply. */
  spec: string;
  build: () => unknown[];
  /**
   * Hang detector for this call, generous on purpose (the design budgets are about a second
   * for a million rows): a call slower than this is stuck, not slow.
   */
  boundMs: number;
}

const ROWS = 100_000;
const col = (values: ArrayLike<unknown>): Grid => Array.from(values, (v) => [v]);

/** 100,000 transaction rows: 20,000 customers, dates over two years, amounts with 5% returns. */
function transactionRows(rows = ROWS, customers = 20_000, seed = 1) {
  const random = mulberry32(seed);
  const ids: unknown[] = [];
  const dates: unknown[] = [];
  const amounts: unknown[] = [];
  const invoices: unknown[] = [];
  for (let i = 0; i < rows; i++) {
    ids.push(`C${Math.floor(random() * customers)}`);
    dates.push(40_000 + Math.floor(random() * 730));
    amounts.push(random() < 0.05 ? -Math.round(random() * 50) : Math.round(random() * 50_000) / 100);
    invoices.push(`INV${Math.floor(i / 3)}`);
  }
  return { ids: col(ids), dates: col(dates), amounts: col(amounts), invoices: col(invoices) };
}

function simulated(n: number) {
  return simulateCustomers(n, { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 }, { p: 6.25, q: 3.74, gamma: 15.44 }, { minT: 30, maxT: 78 }, 7);
}

const twoStateTable: Grid = [["From \\ To", "A", "B"], ["A", 0.7, 0.3], ["B", 0.4, 0.6]];
const bgFit: Grid = [["r", 0.243], ["alpha", 4.414], ["a", 0.793], ["b", 2.426]];
const ggFit: Grid = [["p", 6.25], ["q", 3.74], ["gamma", 15.44]];

function blockRows(rows: number, columns: number, seed: number): Grid {
  const random = mulberry32(seed);
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => Math.round(random() * 1e6) / 100));
}

/** 20,000 distinct states: each customer moves from "S<i>" to "S<i+1>". */
function manyStates(states = 20_000): { from: Grid; to: Grid } {
  const from: Grid = [];
  const to: Grid = [];
  for (let i = 0; i < states; i++) {
    from.push([`S${i}`]);
    to.push([`S${(i + 1) % states}`]);
  }
  return { from, to };
}

/** A states × states block where state i moves to state i + 1 (a cycle), mixed with staying put. */
function cycleMatrix(states: number): Grid {
  return Array.from({ length: states }, (_, i) => {
    const row = new Array<number>(states).fill(0);
    row[i] = 0.5;
    row[(i + 1) % states] = (row[(i + 1) % states] ?? 0) + 0.5;
    return row;
  });
}

function basketRows(rows = ROWS, baskets = 20_000, products = 300, seed = 3) {
  const random = mulberry32(seed);
  const b: Grid = [];
  const p: Grid = [];
  for (let i = 0; i < rows; i++) {
    b.push([Math.floor(random() * baskets)]);
    // a skewed product popularity, so some pairs are frequent
    p.push([`P${Math.floor(products * random() * random())}`]);
  }
  return { baskets: b, products: p };
}

export const HEAVY_CASES: HeavyCase[] = [
  // Horizons and periods at the edge of the doubles: a loop over them must not be a loop over 1e308 steps.
  { name: "MARKOVCLV periods 1e308", spec: "MARKOVCLV", boundMs: 10_000, build: () => [twoStateTable, [[10], [5]], 0.1, 1e308] },
  { name: "MARKOVCLV periods 1e10", spec: "MARKOVCLV", boundMs: 10_000, build: () => [twoStateTable, [[10], [5]], 0.1, 1e10] },
  { name: "MARKOVCLV periods 2958466, discount 0", spec: "MARKOVCLV", boundMs: 10_000, build: () => [twoStateTable, [[10], [5]], 0, 2_958_466] },
  { name: "CLV periods 1e308", spec: "CLV", boundMs: 10_000, build: () => [[[100]], [[0.8]], [[0.1]], [[1e308]]] },
  { name: "CLV periods 1e10 on 1,000 rows", spec: "CLV", boundMs: 10_000, build: () => [col(Array.from({ length: 1000 }, (_, i) => i)), [[0.8]], [[0.1]], [[1e10]]] },
  { name: "CLV.BGNBD horizon 1e308", spec: "CLV.BGNBD", boundMs: 10_000, build: () => [bgFit, ggFit, [[2]], [[30]], [[38]], [[20]], 1e308] },
  { name: "CLV.BGNBD horizon 1e7", spec: "CLV.BGNBD", boundMs: 10_000, build: () => [bgFit, ggFit, [[2]], [[30]], [[38]], [[20]], 1e7] },
  { name: "BGNBD.EXPECTED t 1e308", spec: "BGNBD.EXPECTED", boundMs: 10_000, build: () => [bgFit, [[1e308]], [[2], [0]], [[30], [0]], [[38], [38]]] },
  { name: "PARETO points 1e308", spec: "PARETO", boundMs: 10_000, build: () => [[[1], [2], [3]], [[1e308]]] },
  { name: "PARETO points 1e7", spec: "PARETO", boundMs: 10_000, build: () => [[[1], [2], [3]], [[1e7]]] },
  { name: "RECOMMEND top and neighbours 1e308", spec: "RECOMMEND", boundMs: 10_000, build: () => [[["a"], ["a"], ["b"], ["b"]], [["p1"], ["p2"], ["p1"], ["p3"]], [["a"]], 1e308, 1e308] },
  { name: "TEMPERATURE hot/warm days 1e308", spec: "TEMPERATURE", boundMs: 10_000, build: () => [[[40_000], [40_100]], 39_990, 1e308, 1e308] },
  { name: "KMEANS k 1e308, seed 1e308", spec: "KMEANS", boundMs: 10_000, build: () => [blockRows(50, 2, 5), 1e308, null, 1e308] },
  { name: "AFFINITY max_size 1e308", spec: "AFFINITY", boundMs: 30_000, build: () => { const d = basketRows(2000, 200, 20, 4); return [d.baskets, d.products, 0.001, 0, 1e308]; } },
  // 20,000 distinct states or stages.
  { name: "MARKOVMATRIX 20,000 distinct states", spec: "MARKOVMATRIX", boundMs: 30_000, build: () => { const s = manyStates(); return [s.from, s.to]; } },
  // A transition matrix is a square block, so at most 16,384 states fit a sheet; the functions cap states at 1,000.
  { name: "MARKOVCLV 1,000-state matrix, infinite horizon", spec: "MARKOVCLV", boundMs: 60_000, build: () => [cycleMatrix(1000), col(new Array(1000).fill(1)), 0.1] },
  { name: "MARKOVCLV 1,000-state matrix, 500 periods", spec: "MARKOVCLV", boundMs: 60_000, build: () => [cycleMatrix(1000), col(new Array(1000).fill(1)), 0.1, 500] },
  { name: "MARKOVCLV 1,001-state matrix", spec: "MARKOVCLV", boundMs: 30_000, build: () => [cycleMatrix(1001), col(new Array(1001).fill(1)), 0.1] },
  { name: "MARKOVMATRIX 1,000 states", spec: "MARKOVMATRIX", boundMs: 30_000, build: () => { const s = manyStates(1000); return [s.from, s.to]; } },
  { name: "TRANSITIONS 20,000 distinct stages", spec: "TRANSITIONS", boundMs: 30_000, build: () => { const s = manyStates(); return [s.from, s.to]; } },
  // ~100,000-row ranges.
  { name: "RFM 100,000 rows", spec: "RFM", boundMs: 30_000, build: () => { const t = transactionRows(); return [t.ids, t.dates, t.amounts, null, null, t.invoices]; } },
  { name: "RFM 100,000 rows, every row its own customer", spec: "RFM", boundMs: 30_000, build: () => { const t = transactionRows(ROWS, 10 * ROWS); return [col(Array.from({ length: ROWS }, (_, i) => i)), t.dates, t.amounts]; } },
  { name: "SILENCE 100,000 rows", spec: "SILENCE", boundMs: 30_000, build: () => { const t = transactionRows(); return [t.ids, t.dates, null, "population"]; } },
  { name: "BGNBD.SUMMARY 100,000 rows", spec: "BGNBD.SUMMARY", boundMs: 30_000, build: () => { const t = transactionRows(); return [t.ids, t.dates, t.amounts]; } },
  { name: "AFFINITY 100,000 rows, triples", spec: "AFFINITY", boundMs: 60_000, build: () => { const d = basketRows(); return [d.baskets, d.products, 0.0005, 0.1, 3]; } },
  { name: "RECOMMEND 100,000 rows", spec: "RECOMMEND", boundMs: 30_000, build: () => { const d = basketRows(); return [d.baskets, d.products, [[d.baskets[0]![0]]], 50, 20]; } },
  { name: "RESPONSE 100,000 rows", spec: "RESPONSE", boundMs: 30_000, build: () => { const random = mulberry32(9); return [col(Array.from({ length: ROWS }, (_, i) => `G${i % 50}`)), col(Array.from({ length: ROWS }, () => random() < 0.1))]; } },
  { name: "DEVELOPMENT 100,000 rows", spec: "DEVELOPMENT", boundMs: 30_000, build: () => { const t = transactionRows(); return [t.ids, col(Array.from({ length: ROWS }, (_, i) => 2010 + (i % 2))), t.amounts, [[2010]], [[2011]], t.amounts]; } },
  { name: "STAGE 100,000 rows", spec: "STAGE", boundMs: 30_000, build: () => { const random = mulberry32(11); const first = Array.from({ length: ROWS }, () => 40_000 + Math.floor(random() * 700)); return [col(first), col(first.map((d) => d + Math.floor(random() * 300))), col(first.map(() => random())), null, null, null, null, 41_100, true]; } },
  { name: "NORMALIZE 100,000 × 5 percentile", spec: "NORMALIZE", boundMs: 30_000, build: () => [blockRows(ROWS, 5, 12), null, "percentile"] },
  { name: "SCORE 100,000 × 5", spec: "SCORE", boundMs: 30_000, build: () => [blockRows(ROWS, 5, 13), [[1, 2, 3, 4, 5]]] },
  { name: "SCORECARD 100,000 × 4", spec: "SCORECARD", boundMs: 30_000, build: () => [blockRows(ROWS, 4, 14), [["financial", "sales", "customer", "service"]]] },
  { name: "TIER 100,000 rows", spec: "TIER", boundMs: 30_000, build: () => [blockRows(ROWS, 1, 15)] },
  { name: "ABC 100,000 rows", spec: "ABC", boundMs: 30_000, build: () => [blockRows(ROWS, 1, 16)] },
  { name: "PARETO 100,000 rows, 1,000 points", spec: "PARETO", boundMs: 30_000, build: () => [blockRows(ROWS, 1, 17), [[1000]]] },
  { name: "RFMSCORE 100,000 rows", spec: "RFMSCORE", boundMs: 30_000, build: () => [blockRows(ROWS, 1, 18), blockRows(ROWS, 1, 19), blockRows(ROWS, 1, 20), 10] },
  { name: "KMEANS 10,000 × 3, k auto", spec: "KMEANS", boundMs: 60_000, build: () => [blockRows(10_000, 3, 21), "auto"] },
  // 10,000-customer fits and model evaluations.
  { name: "BGNBD.FIT 10,000 customers", spec: "BGNBD.FIT", boundMs: 30_000, build: () => { const s = simulated(10_000); return [col(s.x), col(s.tx), col(s.T)]; } },
  { name: "GG.FIT 10,000 customers", spec: "GG.FIT", boundMs: 30_000, build: () => { const s = simulated(10_000); return [col(s.x), col(s.avgSpend)]; } },
  { name: "BGNBD.PALIVE 100,000 customers", spec: "BGNBD.PALIVE", boundMs: 30_000, build: () => { const s = simulated(ROWS); return [bgFit, col(s.x), col(s.tx), col(s.T)]; } },
  { name: "CLV.BGNBD 10,000 customers, 120 months", spec: "CLV.BGNBD", boundMs: 30_000, build: () => { const s = simulated(10_000); return [bgFit, ggFit, col(s.x), col(s.tx), col(s.T), col(s.avgSpend), 120]; } },
  { name: "CLV.BGNBD 10,000 customers with 90% ranges", spec: "CLV.BGNBD", boundMs: 60_000, build: () => { const s = simulated(10_000); return [bgFitTable(s), ggFitTable(s), col(s.x), col(s.tx), col(s.T), col(s.avgSpend), 12, 0.01, 1, "week", 0.9]; } },
  { name: "MBGNBD.FIT 10,000 customers", spec: "MBGNBD.FIT", boundMs: 30_000, build: () => { const s = simulated(10_000); return [col(s.x), col(s.tx), col(s.T)]; } },
  { name: "PNBD.FIT 10,000 customers", spec: "PNBD.FIT", boundMs: 60_000, build: () => { const s = simulated(10_000); return [col(s.x), col(s.tx), col(s.T)]; } },
  { name: "PNBD.PALIVE 100,000 customers", spec: "PNBD.PALIVE", boundMs: 30_000, build: () => { const s = simulated(ROWS); return [[["r", 0.55], ["alpha", 10.6], ["s", 0.61], ["beta", 11.7]], col(s.x), col(s.tx), col(s.T)]; } },
  { name: "PNBD.DERT 10,000 customers", spec: "PNBD.DERT", boundMs: 30_000, build: () => { const s = simulated(10_000); return [[["r", 0.55], ["alpha", 10.6], ["s", 0.61], ["beta", 11.7]], col(s.x), col(s.tx), col(s.T), 0.1]; } },
  { name: "BGBB.PALIVE 1,000 customers with up to 100,000 opportunities", spec: "BGBB.PALIVE", boundMs: 60_000, build: () => { const random = mulberry32(31); const n = Array.from({ length: 1000 }, () => 1 + Math.floor(random() * 100_000)); const tx = n.map((v) => Math.floor(random() * v)); return [[["alpha", 1.2], ["beta", 0.75], ["gamma", 0.66], ["delta", 2.78]], col(tx.map((t) => (t === 0 ? 0 : 1 + Math.floor(random() * t)))), col(tx), col(n)]; } },
  { name: "BTYD.HOLDOUT 100,000 rows, every model", spec: "BTYD.HOLDOUT", boundMs: 120_000, build: () => { const t = transactionRows(); return [t.ids, t.dates, t.amounts, 40_500, 40_729, "all", null, "summary"]; } },
];

/** The CV.BGNBD.FIT and CV.GG.FIT tables of a simulated summary, with standard errors and correlations (for the ranges). */
function bgFitTable(s: ReturnType<typeof simulated>): unknown[][] {
  return F.BGNBD_FIT(col(s.x), col(s.tx), col(s.T)) as unknown[][];
}
function ggFitTable(s: ReturnType<typeof simulated>): unknown[][] {
  return F.GG_FIT(col(s.x), col(s.avgSpend)) as unknown[][];
}
