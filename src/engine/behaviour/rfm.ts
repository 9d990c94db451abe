import { CvError, describeValue } from "../core/errors";
import { midranks } from "../core/sorting";
import { type CellGrid, gridSize, isBlank, parseNumberCell } from "../core/table";

/**
 * Checks a bin count: a whole number from 2 to 10 (default 5).
 *
 * @throws CvError BAD_VALUE naming the argument.
 */
export function checkBins(bins: number, argument = "bins"): number {
  if (!(Number.isInteger(bins) && bins >= 2 && bins <= 10)) {
    throw new CvError("BAD_VALUE", `${argument}: give a whole number of score bins from 2 to 10, found ${bins}`, { argument, value: bins });
  }
  return bins;
}

/**
 * Equal-frequency scores 1–q on midranks (methods §6):
 * `score = min(q, floor((midrank − 0.5) / n × q) + 1)`, so ties share a score and a higher
 * value never gets a lower score. Missing values (NaN) get 0. Cost: O(n log n).
 *
 * @example quantileScores(Float64Array.of(1, 2, 3, 4, 5), 5) // → [1, 2, 3, 4, 5]
 */
export function quantileScores(values: Float64Array, bins = 5): Int32Array {
  checkBins(bins);
  const ranks = midranks(values);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] as number)) n++;
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const rank = ranks[i] as number;
    out[i] = Number.isNaN(rank) ? 0 : Math.min(bins, Math.floor(((rank - 0.5) / n) * bins) + 1);
  }
  return out;
}

/** R, F and M scores (0 where the value is missing). */
export interface RfmScores {
  r: Int32Array;
  f: Int32Array;
  m: Int32Array;
}

/**
 * RFM scores from recency (days, lower is better), frequency and monetary value: each
 * scored 1–q by equal-frequency bins on midranks, recency on −R so recent customers score
 * high. Cost: O(n log n).
 *
 * @example rfmScores(Float64Array.of(5, 50), Float64Array.of(3, 1), Float64Array.of(90, 10), 2) // → r [2, 1], f [2, 1], m [2, 1]
 */
export function rfmScores(recency: Float64Array, frequency: Float64Array, monetary: Float64Array, bins = 5): RfmScores {
  return { r: quantileScores(recency.map((v) => -v), bins), f: quantileScores(frequency, bins), m: quantileScores(monetary, bins) };
}

/** A segment rule: inclusive score bounds on R, F and M; NaN is an open bound. */
export interface SegmentRule {
  segment: string;
  r: [number, number];
  f: [number, number];
  m: [number, number];
}

/** The default segment table (functions.md), first match wins; unmatched customers are "Others". */
export const DEFAULT_SEGMENT_RULES: readonly SegmentRule[] = (
  [
    ["Champions", 5, 5, 5, 5, 5, 5],
    ["Potential Loyalist", 3, 5, 3, 5, 2, 5],
    ["Loyal Customers", 2, 4, 2, 4, 2, 4],
    ["Promising", 3, 4, 1, 3, 3, 5],
    ["New Customers", 4, 5, 1, 3, 1, 5],
    ["Can't Lose Them", 1, 2, 3, 4, 4, 5],
    ["At Risk", 1, 2, 2, 5, 4, 5],
    ["Need Attention", 1, 3, 3, 5, 3, 5],
    ["About To Sleep", 2, 3, 1, 3, 1, 4],
    ["Lost", 1, 1, 1, 5, 1, 5],
  ] as const
).map(([segment, r0, r1, f0, f1, m0, m1]) => ({ segment, r: [r0, r1], f: [f0, f1], m: [m0, m1] }));

/** The label for customers no rule matches. */
export const UNMATCHED_SEGMENT = "Others";

/**
 * Reads a segment rule table from a range: columns segment, Rmin, Rmax, Fmin, Fmax, Mmin,
 * Mmax; a blank bound is open; a first row with text in every bound column is a header and skipped.
 *
 * @throws CvError naming the row and column of a bound that is not a number, or a row without a name.
 * @example parseSegmentRules([["VIP", 5, 5, 4, 5, "", ""]])[0] // → { segment: "VIP", r: [5, 5], f: [4, 5], m: [NaN, NaN] }
 */
export function parseSegmentRules(grid: CellGrid, argument = "rules"): SegmentRule[] {
  const { columns } = gridSize(grid, argument);
  if (columns !== 7) {
    throw new CvError("LENGTH_MISMATCH", `${argument} needs 7 columns (segment, Rmin, Rmax, Fmin, Fmax, Mmin, Mmax), found ${columns}`, { argument });
  }
  const rules: SegmentRule[] = [];
  grid.forEach((row, r) => {
    const bounds = row.slice(1).map((cell) => parseNumberCell(cell));
    // A header row has text, not numbers or blanks, in every bound column ("Rmin", "Rmax", …).
    if (r === 0 && row.slice(1).every((cell) => typeof cell === "string" && !isBlank(cell) && parseNumberCell(cell) === undefined)) return;
    if (row.every((cell) => isBlank(cell))) return;
    const name = row[0];
    if (isBlank(name) || typeof name !== "string") {
      throw new CvError("BAD_VALUE", `${argument} row ${r + 1}, column 1: expected a segment name, found ${describeValue(name)}`, { argument, row: r + 1, column: 1, value: name });
    }
    bounds.forEach((b, k) => {
      if (b === undefined) {
        throw new CvError("BAD_VALUE", `${argument} row ${r + 1}, column ${k + 2}: expected a score bound or a blank, found ${describeValue(row[k + 1])}`, {
          argument,
          row: r + 1,
          column: k + 2,
          value: row[k + 1],
        });
      }
    });
    const [r0, r1, f0, f1, m0, m1] = bounds as number[];
    rules.push({ segment: name.trim(), r: [r0 as number, r1 as number], f: [f0 as number, f1 as number], m: [m0 as number, m1 as number] });
  });
  if (rules.length === 0) throw new CvError("EMPTY_INPUT", `${argument} has no rules`, { argument });
  return rules;
}

function within(value: number, [low, high]: readonly [number, number]): boolean {
  return (Number.isNaN(low) || value >= low) && (Number.isNaN(high) || value <= high);
}

/**
 * The segment of each customer: the first rule whose R, F and M bounds all hold (first
 * match wins), −1 for none ("Others"), −2 where a score is missing. Cost: O(n × rules).
 *
 * @example segmentIndex(Int32Array.of(5), Int32Array.of(5), Int32Array.of(5), DEFAULT_SEGMENT_RULES) // → [0] (Champions)
 */
export function segmentIndex(r: ArrayLike<number>, f: ArrayLike<number>, m: ArrayLike<number>, rules: readonly SegmentRule[]): Int32Array {
  const out = new Int32Array(r.length);
  for (let i = 0; i < r.length; i++) {
    const ri = r[i] as number;
    const fi = f[i] as number;
    const mi = m[i] as number;
    if (!(ri > 0 && fi > 0 && mi > 0)) {
      out[i] = -2;
      continue;
    }
    out[i] = rules.findIndex((rule) => within(ri, rule.r) && within(fi, rule.f) && within(mi, rule.m));
  }
  return out;
}
