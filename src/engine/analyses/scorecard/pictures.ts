/** The value scorecard's pictures: actual × potential value with the split lines and the four quadrants. */
import type { Picture, ScatterPicture } from "../pictures";

/** The most points the quadrant scatter holds; more customers are evenly sampled. */
export const QUADRANT_POINTS = 1000;

/**
 * The scorecard's pictures: "quadrants", a scatter of CV Actual (x) against CV Potential (y)
 * for the customers with both, each point's group its quadrant (index into run.groups:
 * Strategic 0, Maintain 1, Develop 2, Minimal 3); at most {@link QUADRANT_POINTS} points,
 * every k-th such customer in row order (k = ceil(customers / 1,000)) when there are more.
 * Lines at the cuts the matrix splits at (the medians: "median actual 52.3"), and the four
 * quadrants in their corners (methods §5). None when no customer has both. Cost: O(n).
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
  const lines: ScatterPicture["lines"] = [];
  if (Number.isFinite(actualCut)) lines.push({ axis: "x", at: actualCut, label: `${cutWord} actual ${actualCut.toFixed(1)}` });
  if (Number.isFinite(potentialCut)) lines.push({ axis: "y", at: potentialCut, label: `${cutWord} potential ${potentialCut.toFixed(1)}` });
  const shown = x.length < placed.length ? ` (${x.length.toLocaleString("en")} shown)` : "";
  return [
    {
      kind: "scatter",
      id: "quadrants",
      title: "Value matrix: actual value × potential value",
      caption: `${placed.length.toLocaleString("en")} customers${shown}, split at the ${cutWord}s (actual ${actualCut.toFixed(1)}, potential ${potentialCut.toFixed(1)}); a value on a line counts as high.`,
      xTitle: "Actual value (CV Actual)",
      yTitle: "Potential value (CV Potential)",
      xFormat: "number",
      yFormat: "number",
      x,
      y,
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
