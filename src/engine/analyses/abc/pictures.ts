/** ABC's pictures: the Pareto (or whale) curve with customers by value, largest first. */
import type { Picture } from "../pictures";
import { paretoPicture, valueCurve } from "../valueCurve";

/**
 * ABC's pictures: "pareto", the share of value against the share of customers by value,
 * largest first (blank values left out), with a mark at each class's end but the last ("A:
 * top 12% of customers, 80.4% of value", group = the class index); the whale curve when a
 * value is negative. None when the total is not positive. Cost: O(n log n).
 *
 * @example abcPictures(run.rowValues!, run.rowGroups, ["A", "B", "C"], "Sales")
 */
export function abcPictures(value: Float64Array, classes: Int32Array, labels: readonly string[], valueName: string): Picture[] {
  const curve = valueCurve(value, "value", { groups: classes });
  if (!curve) return [];
  return [paretoPicture(curve, { valueName, labels })];
}
