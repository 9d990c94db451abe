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
