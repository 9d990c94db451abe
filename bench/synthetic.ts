import { mulberry32 } from "../test/helpers/random";

/**
 * Seeded synthetic customer tables for benchmarks: realistic skews (log-normal money,
 * Poisson-like counts), a few blanks, reproducible from the seed.
 */

/** k indicator columns of n customers, as typed arrays (NaN = blank, about 1 in 200). */
export function syntheticIndicators(n: number, k: number, seed = 20261122): Float64Array[] {
  const random = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const columns: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    const column = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (random() < 0.005) column[i] = Number.NaN;
      else if (j % 3 === 0) column[i] = Math.round(Math.exp(7 + 1.5 * normal()) * 100) / 100; // money
      else if (j % 3 === 1) column[i] = Math.floor(-Math.log(1 - random()) * 6); // counts
      else column[i] = Math.round(15 + 60 * random()); // days
    }
    columns.push(column);
  }
  return columns;
}

/** The same table as Excel would pass it to a custom function: rows × columns of cells. */
export function toGrid(columns: Float64Array[]): (number | string)[][] {
  const n = columns[0]?.length ?? 0;
  const grid: (number | string)[][] = new Array(n);
  for (let i = 0; i < n; i++) grid[i] = columns.map((c) => (Number.isNaN(c[i] as number) ? "" : (c[i] as number)));
  return grid;
}

/**
 * Customer × product lines of n simulated shoppers over a catalogue of `products`: basket
 * sizes log-normal (median 33 distinct products, as Online Retail's 35), product popularity
 * Zipf-like (the r-th most popular bought ∝ 1/r), and 20 taste groups that take 60% of their
 * picks from their own part of the catalogue. Seeded, so every run times the same data.
 */
export function syntheticBaskets(n: number, products = 4_000, seed = 20261204): { customers: number[]; products: number[] } {
  const random = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const groups = 20;
  const span = Math.floor(products / groups);
  const zipf = (size: number) => Math.min(size - 1, Math.floor(Math.exp(random() * Math.log(size + 1))) - 1);
  const customers: number[] = [];
  const bought: number[] = [];
  for (let c = 0; c < n; c++) {
    const size = Math.min(Math.max(1, Math.round(Math.exp(3.5 + 1.1 * normal()))), products >> 1);
    const group = Math.floor(random() * groups);
    const picked = new Set<number>();
    while (picked.size < size) picked.add(random() < 0.6 ? group * span + zipf(span) : zipf(products));
    for (const p of picked) {
      customers.push(c + 1);
      bought.push(p);
    }
  }
  return { customers, products: bought };
}
