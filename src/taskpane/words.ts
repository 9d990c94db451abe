/** Words the pane's messages share, without React or Fluent (the summary sheet and tests use them too). */

/**
 * A count with its noun, singular or plural, with thousands separators: "1 customer",
 * "4,338 customers" (`many` for irregular plurals). Cost: O(1).
 *
 * @example plural(1, "customer") === "1 customer"; plural(4338, "row") === "4,338 rows"
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}
