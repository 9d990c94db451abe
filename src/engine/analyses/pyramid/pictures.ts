/** The value pyramid's pictures: the Pareto curve with customers by score, best first. */
import type { Picture } from "../pictures";
import { paretoPicture, rankByScore, valueCurve } from "../valueCurve";

/**
 * The pyramid's pictures: "pareto", the share of value (the model's value column) against the
 * share of customers taken by score, best first (ties in row order; customers without a score
 * or a value left out), with a mark at each tier's end ("Gold: top 5% of customers, 38.2% of
 * value", group = the tier index). None without a value column or a positive total.
 * Cost: O(n log n).
 *
 * @example pyramidPictures(scores, run.rowValues ?? null, run.rowGroups, ["Gold", "Silver", "Rest"], "Revenue")
 */
export function pyramidPictures(scores: Float64Array, value: Float64Array | null, tiers: Int32Array, labels: readonly string[], valueName: string | null): Picture[] {
  if (!value || valueName === null) return [];
  const curve = valueCurve(value, rankByScore(scores), { groups: tiers });
  if (!curve) return [];
  return [paretoPicture(curve, { valueName, labels, orderWords: "by score, best first", topWords: " by score" })];
}
