/** The value scorecard's pictures: actual × potential value with the split lines and the four quadrants. */
import type { Picture, ScatterPicture } from "../pictures";

/** The most points the quadrant scatter holds; more customers are evenly sampled. */
export const QUADRANT_POINTS = 1000;

/** A median this close to an end of its axis's range (as a share of the range) makes the scatter unreadable on that axis. */
export const SKEWED_MEDIAN = 0.15;

/** Percentile ranks 0–100 of values: 100 × (midrank − 1) / (n − 1), ties sharing their average rank (one value: 50). Cost: O(n log n). */
function percentRanks(values: readonly number[]): number[] {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Array<number>(n);
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && values[order[end + 1] as number] === values[order[start] as number]) end++;
    const mid = n > 1 ? (100 * ((start + end) / 2)) / (n - 1) : 50;
    for (let k = start; k <= end; k++) ranks[order[k] as number] = mid;
    start = end + 1;
  }
  return ranks;
}

/** Where a cut falls on the rank axis: halfway between the last value below it and the first at or above it. */
function rankOfCut(values: readonly number[], cut: number): number {
  const n = values.length;
  let below = 0;
  for (const v of values) if (v < cut) below++;
  if (n <= 1) return 50;
  return Math.min(100, Math.max(0, (100 * (below - 0.5)) / (n - 1)));
}

/** True when the median of the values sits within {@link SKEWED_MEDIAN} of an end of their range. */
function skewed(values: readonly number[], median: number): boolean {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max > min) || !Number.isFinite(median)) return false;
  const at = (median - min) / (max - min);
  return at < SKEWED_MEDIAN || at > 1 - SKEWED_MEDIAN;
}

/**
 * The scorecard's pictures: "quadrants", a scatter of CV Actual (x) against CV Potential (y)
 * for the customers with both, each point's group its quadrant (index into run.groups:
 * Strategic 0, Maintain 1, Develop 2, Minimal 3); at most {@link QUADRANT_POINTS} points,
 * every k-th such customer in row order (k = ceil(customers / 1,000)) when there are more.
 * Lines at the cuts the matrix splits at (the medians: "median actual 52.3"), and the four
 * quadrants in their corners (methods §5). When either median sits near an end of its range
 * (skewed money: most customers crowd one corner), both axes show percentile ranks instead,
 * which the median split reads the same way (the lines near 50), and the titles and caption
 * say so. None when no customer has both. Cost: O(n), O(n log n) with ranks.
 *
 * @example scorecardPictures(card.actual, card.potential, matrix.quadrant, matrix.actualCut, matrix.potentialCut)
 */
export function scorecardPictures(actual: Float64Array, potential: Float64Array, quadrant: Int32Array, actualCut: number, potentialCut: number, cutWord = "median"): Picture[] {
  const placed: number[] = [];
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number;
    const p = potential[i] as number;
    if (Number.isFinite(a) && Number.isFinite(p)) placed.push(i);
  }
  if (placed.length === 0) return [];
  const step = Math.ceil(placed.length / QUADRANT_POINTS);
  const x: number[] = [];
  const y: number[] = [];
  const group: number[] = [];
  for (let k = 0; k < placed.length; k += step) {
    const i = placed[k] as number;
    x.push(actual[i] as number);
    y.push(potential[i] as number);
    group.push(quadrant[i] as number);
  }
  const byRank = skewed(x, actualCut) || skewed(y, potentialCut);
  const lines: ScatterPicture["lines"] = [];
  if (Number.isFinite(actualCut)) lines.push({ axis: "x", at: byRank ? rankOfCut(x, actualCut) : actualCut, label: `${cutWord} actual ${actualCut.toFixed(1)}` });
  if (Number.isFinite(potentialCut)) lines.push({ axis: "y", at: byRank ? rankOfCut(y, potentialCut) : potentialCut, label: `${cutWord} potential ${potentialCut.toFixed(1)}` });
  const shown = x.length < placed.length ? ` (${x.length.toLocaleString("en")} shown)` : "";
  const rankNote = byRank ? " Axes are percentile ranks (0 = lowest, 100 = highest): the values crowd one corner on their own scale." : "";
  const xs = byRank ? percentRanks(x) : x;
  const ys = byRank ? percentRanks(y) : y;
  return [
    {
      kind: "scatter",
      id: "quadrants",
      title: "Value matrix: actual value × potential value",
      caption: `${placed.length.toLocaleString("en")} customers${shown}, split at the ${cutWord}s (actual ${actualCut.toFixed(1)}, potential ${potentialCut.toFixed(1)}); a value on a line counts as high.${rankNote}`,
      xTitle: byRank ? "Actual value, percentile rank" : "Actual value (CV Actual)",
      yTitle: byRank ? "Potential value, percentile rank" : "Potential value (CV Potential)",
      xFormat: "number",
      yFormat: "number",
      x: xs,
      y: ys,
      group,
      customers: placed.length,
      lines,
      regions: [
        { label: "Strategic", corner: "top-right", group: 0 },
        { label: "Maintain", corner: "bottom-right", group: 1 },
        { label: "Develop", corner: "top-left", group: 2 },
        { label: "Minimal", corner: "bottom-left", group: 3 },
      ],
    },
  ];
}
