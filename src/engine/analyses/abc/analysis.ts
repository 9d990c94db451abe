import { abcClassIndex } from "../../value/abc";
import { CvError } from "../../core/errors";
import type { CustomerValueModel } from "../model";
import type { CustomerTable } from "../../core/profile";
import { arrayConstant } from "../formulaText";
import { type AnalysisDefinition, type AnalysisRun, type FormulaRefs, type ModelWarning, duplicateIdWarnings, numericColumn, paretoHeadline, summariseGroups } from "../common";
import { abcPictures } from "./pictures";

/**
 * ABC by value (methods §4): customers sorted by the value column, A while the customers
 * before hold less than the first cut (80%) of total positive value, and so on. Writes
 * "CV Class". Cost: O(n log n).
 */
export const abcByValue: AnalysisDefinition<null> = {
  id: "abc",
  title: "ABC by value",
  summary: "Classes by cumulative share of value: the few customers who hold most of it are A.",
  sheetWord: "ABC",
  settings: null,
  liveFormulas: abcFormulas,
  run(model: CustomerValueModel, table: CustomerTable): AnalysisRun<null> {
    const warnings: ModelWarning[] = [];
    if (model.roles.value === null) throw new CvError("BAD_OPTION", "Choose the value column (sales or profit) for the ABC analysis.", { argument: "value" });
    const value = numericColumn(table, model.roles.value, "value", warnings);
    duplicateIdWarnings(model, table, warnings);
    const { cuts, labels } = model.abc;
    if (labels.length !== cuts.length + 1) throw new CvError("LENGTH_MISMATCH", `ABC needs ${cuts.length + 1} class labels for ${cuts.length} cuts.`, { argument: "labels" });
    const index = abcClassIndex(value, cuts);
    const classes = Array.from(index, (k) => (k < 0 ? null : (labels[k] as string)));
    const { headline, share } = paretoHeadline(value, model.roles.value);
    return {
      analysis: "abc",
      customers: table.rows.length,
      assigned: classes.filter((c) => c !== null).length,
      columns: [{ header: "CV Class", kind: "label", values: classes, reasons: classes.map((c) => (c === null ? `${model.roles.value} is blank` : null)) }],
      groupName: "Class",
      groups: summariseGroups(labels, index, value, null),
      rowGroups: index,
      rowValues: value,
      headline,
      paretoTop20: share,
      warnings,
      description: [
        `ABC analysis of ${table.rows.length.toLocaleString("en")} customers by ${model.roles.value}.`,
        `Customers sorted by ${model.roles.value}, largest first: ${labels
          .slice(0, -1)
          .map((l, k) => `${l} while the customers before hold less than ${Math.round(cuts[k]! * 1000) / 10}%`)
          .join(", ")}, ${labels[labels.length - 1]} for the rest and for values ≤ 0. Ties share a class.`,
      ],
      pictures: abcPictures(value, index, labels, model.roles.value),
      details: null,
    };
  },
};

/** `=CV.ABC(E2:E4339,{0.8,0.95},{"A","B","C"})` on the value column. */
function abcFormulas(model: CustomerValueModel, refs: FormulaRefs): (string | null)[] {
  if (model.roles.value === null) return [null];
  return [`=CV.ABC(${refs.column(model.roles.value)},${arrayConstant(model.abc.cuts)},${arrayConstant(model.abc.labels)})`];
}
