import type { CustomerHistories } from "./transactions";

/** Per-customer silence figures (methods §8); NaN where a figure cannot be computed. */
export interface SilenceResult {
  purchases: Float64Array;
  /** Longest gap between consecutive purchase days, max T_k (NaN with fewer than 2 purchase days). */
  longestGap: Float64Array;
  /** Days from the last purchase to as-of, Tr. */
  daysSilent: Float64Array;
  /** S = Tr / max T_k (or / the population reference). */
  score: Float64Array;
  /** Rank of Tr among {T_1 … T_{n−1}, Tr} (ascending, ties take the highest rank) / n. */
  rankRatio: Float64Array;
  /** The population reference used for customers without a rhythm (median of max T_k), NaN when not asked for. */
  reference: number;
}

/**
 * Silence (dormancy) per customer (methods §8). For purchase days t_1 < … < t_n (same-day
 * purchases merged), intervals T_k = t_{k+1} − t_k and silence so far Tr = asOf − t_n:
 * the silence score S = Tr / max T_k (below 1 within its own rhythm, 1 = as silent as its
 * longest gap ever) and the rank ratio. With fewer than 2 purchase days a customer has no
 * rhythm: NaN, or with `reference: "population"` the median over customers of max T_k
 * as the denominator (rank ratio stays NaN). Cost: O(total purchase days + customers log customers).
 *
 * @example silence(histories, asOf) // customer bought on days 0, 10, 40; asOf 70 → gaps 10, 30; Tr 30; S 1; rank ratio 3/3
 */
export function silence(h: CustomerHistories, asOf: number, reference: "own" | "population" = "own"): SilenceResult {
  const customers = h.ids.length;
  const purchases = new Float64Array(customers);
  const longestGap = new Float64Array(customers).fill(Number.NaN);
  const daysSilent = new Float64Array(customers).fill(Number.NaN);
  const score = new Float64Array(customers).fill(Number.NaN);
  const rankRatio = new Float64Array(customers).fill(Number.NaN);
  const { dayStart, purchaseDays } = h;
  for (let c = 0; c < customers; c++) {
    const start = dayStart[c] as number;
    const end = dayStart[c + 1] as number;
    const n = end - start;
    purchases[c] = n;
    if (n === 0) continue;
    const tr = asOf - (purchaseDays[end - 1] as number);
    daysSilent[c] = tr;
    if (n < 2) continue;
    let max = 0;
    let atOrBelow = 1; // Tr itself
    for (let k = start; k < end - 1; k++) {
      const gap = (purchaseDays[k + 1] as number) - (purchaseDays[k] as number);
      if (gap > max) max = gap;
      if (gap <= tr) atOrBelow++;
    }
    longestGap[c] = max;
    score[c] = tr / max;
    rankRatio[c] = atOrBelow / n;
  }
  let populationReference = Number.NaN;
  if (reference === "population") {
    const gaps = longestGap.filter((g) => !Number.isNaN(g)).sort();
    const m = gaps.length;
    populationReference = m === 0 ? Number.NaN : m % 2 === 1 ? (gaps[m >> 1] as number) : ((gaps[(m >> 1) - 1] as number) + (gaps[m >> 1] as number)) / 2;
    for (let c = 0; c < customers; c++) {
      if (purchases[c] === 1 && populationReference > 0) score[c] = (daysSilent[c] as number) / populationReference;
    }
  }
  return { purchases, longestGap, daysSilent, score, rankRatio, reference: populationReference };
}
