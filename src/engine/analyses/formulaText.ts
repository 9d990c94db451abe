/** Pieces of live CV formulas, for the analyses that can write them (pyramid, scorecard, ABC). */
import type { CustomerValueModel } from "./model";
import type { FormulaRefs } from "./types";

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

/**
 * The indicator arguments CV.SCORE and CV.SCORECARD share: the indicator columns (one range,
 * or HSTACK of several), their weights and their directions as array constants.
 *
 * @example indicatorArguments(model, refs) // → { indicators: "HSTACK(F2:F9,E2:E9)", weights: "{50,30}", directions: "{1,-1}" }
 */
export function indicatorArguments(model: CustomerValueModel, refs: FormulaRefs): { indicators: string; weights: string; directions: string } {
  return {
    indicators: columnsArgument(model.indicators.map((i) => refs.column(i.column))),
    weights: arrayConstant(model.indicators.map((i) => i.weight)),
    directions: arrayConstant(model.indicators.map((i) => i.direction)),
  };
}
