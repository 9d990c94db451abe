import { arrayConstant, indicatorArguments } from "../formulaText";
import type { CustomerValueModel } from "../model";
import type { CustomerTable } from "../../core/profile";
import { ASPECTS, valueScorecard } from "../../value/scorecard";
import { VALUE_MATRIX_LABELS, valueMatrix } from "../../value/valueMatrix";
import {
  type AnalysisDefinition,
  type AnalysisRun,
  type FormulaRefs,
  type ModelWarning,
  METHOD_WORDS,
  duplicateIdWarnings,
  indicatorColumns,
  paretoHeadline,
  summariseGroups,
  valueColumn,
  weightPercents,
} from "../common";
import { scorecardPictures } from "./pictures";

/**
 * The customer value scorecard (methods §5): aspect scores, actual value (financial +
 * sales), potential value (customer + service) and total, then the value matrix split at
 * the medians. Writes "CV Actual", "CV Potential", "CV Total", "CV Quadrant". An indicator
 * without an aspect counts as sales. Cost: O(n log n).
 */
export const valueScorecardAnalysis: AnalysisDefinition<null> = {
  id: "scorecard",
  title: "Value scorecard",
  summary: "Actual value (financial, sales) against potential value (customer, service), in four quadrants.",
  sheetWord: "Scorecard",
  settings: null,
  liveFormulas: scorecardFormulas,
  run(model: CustomerValueModel, table: CustomerTable): AnalysisRun<null> {
    const warnings: ModelWarning[] = [];
    const columns = indicatorColumns(table, model.indicators, model.method, warnings);
    const aspects = model.indicators.map((i) => i.aspect ?? "sales");
    const card = valueScorecard(columns, aspects, {
      weights: model.indicators.map((i) => i.weight),
      directions: model.indicators.map((i) => i.direction),
      aspectWeights: model.aspectWeights,
      method: model.method,
    });
    const matrix = valueMatrix(card.actual, card.potential);
    const value = valueColumn(model, table, warnings);
    duplicateIdWarnings(model, table, warnings);
    const asColumn = (values: Float64Array, missing: string) => ({
      values: Array.from(values, (v) => (Number.isNaN(v) ? null : v)),
      reasons: Array.from(values, (v) => (Number.isNaN(v) ? missing : null)),
    });
    const quadrants = Array.from(matrix.quadrant, (q) => (q < 0 ? null : VALUE_MATRIX_LABELS[q] as string));
    const unplaced = quadrants.filter((q) => q === null).length;
    if (unplaced > 0) {
      // The usual cause: a whole side of the matrix has no indicator (e.g. every indicator is a sales one).
      const noActual = Array.from(card.actual).filter((v, i) => Number.isNaN(v) && quadrants[i] === null).length;
      const reason = noActual >= unplaced - noActual ? "no financial or sales indicator" : "no customer or service indicator";
      warnings.push({ kind: "unplaced", message: `${unplaced.toLocaleString("en")} of ${table.rows.length.toLocaleString("en")} customers get no quadrant: ${reason}.` });
    }
    const { headline, share } = paretoHeadline(value, model.roles.value);
    const percents = weightPercents(model.aspectWeights);
    return {
      analysis: "scorecard",
      customers: table.rows.length,
      assigned: quadrants.filter((q) => q !== null).length,
      columns: [
        { header: "CV Actual", kind: "score", numberFormat: "0.0", ...asColumn(card.actual, "no financial or sales indicator") },
        { header: "CV Potential", kind: "score", numberFormat: "0.0", ...asColumn(card.potential, "no customer or service indicator") },
        { header: "CV Total", kind: "score", numberFormat: "0.0", ...asColumn(card.total, "every indicator is blank") },
        { header: "CV Quadrant", kind: "label", values: quadrants, reasons: quadrants.map((q) => (q === null ? "actual or potential value missing" : null)) },
      ],
      groupName: "Quadrant",
      groups: summariseGroups(VALUE_MATRIX_LABELS, matrix.quadrant, value, card.total),
      rowGroups: matrix.quadrant,
      ...(value ? { rowValues: value } : {}),
      headline,
      paretoTop20: share,
      warnings,
      description: [
        `Customer value scorecard of ${table.rows.length.toLocaleString("en")} customers.`,
        ...ASPECTS.map((aspect, k) => {
          const members = model.indicators.filter((_, j) => aspects[j] === aspect);
          return `${aspect[0]!.toUpperCase()}${aspect.slice(1)} aspect (weight ${percents[k]}): ${members.length === 0 ? "no indicators" : members.map((m) => `${m.column} ×${m.weight}${m.direction === -1 ? " (lower is better)" : ""}`).join(", ")}.`;
        }),
        `Normalisation: ${METHOD_WORDS[model.method]}.`,
        `Actual value = financial and sales aspects; potential value = customer and service aspects; quadrants split at the medians (actual ${matrix.actualCut.toFixed(1)}, potential ${matrix.potentialCut.toFixed(1)}); a value equal to the median counts as high.`,
      ],
      pictures: scorecardPictures(card.actual, card.potential, matrix.quadrant, matrix.actualCut, matrix.potentialCut),
      details: null,
    };
  },
};

/**
 * `=CV.SCORECARD(HSTACK(…),{"sales","service"},{1,1},{1,-1},{1,1,1,1},"minmax")` in the first
 * column, spilling actual, potential and total; `=CV.VALUEMATRIX(CHOOSECOLS(L2#,1),CHOOSECOLS(L2#,2))` in the fourth.
 */
function scorecardFormulas(model: CustomerValueModel, refs: FormulaRefs): (string | null)[] {
  const { indicators, weights, directions } = indicatorArguments(model, refs);
  const aspects = arrayConstant(model.indicators.map((i) => i.aspect ?? "sales"));
  return [
    `=CV.SCORECARD(${indicators},${aspects},${weights},${directions},${arrayConstant(model.aspectWeights)},"${model.method}")`,
    null,
    null,
    `=CV.VALUEMATRIX(CHOOSECOLS(${refs.spill(0)},1),CHOOSECOLS(${refs.spill(0)},2))`,
  ];
}
