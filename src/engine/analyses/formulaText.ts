/** Pieces of live CV formulas, for the analyses that can write them (pyramid, scorecard, ABC). */

/**
 * An Excel array constant: {0.5,0.3} or {"Top","Big"} (invariant syntax, as range.formulas takes it).
 *
 * @example arrayConstant([50, 30]) === "{50,30}"; arrayConstant(['A "1"']) === '{"A ""1"""}'
 */
export function arrayConstant(values: readonly (number | string)[]): string {
  return `{${values.map((v) => (typeof v === "number" ? String(v) : `"${v.replace(/"/g, '""')}"`)).join(",")}}`;
}

/**
 * Several table columns as one range argument: a single column as is, else HSTACK of them.
 *
 * @example columnsArgument(["E2:E9", "F2:F9"]) === "HSTACK(E2:E9,F2:F9)"
 */
export function columnsArgument(refs: readonly string[]): string {
  return refs.length === 1 ? (refs[0] as string) : `HSTACK(${refs.join(",")})`;
}
