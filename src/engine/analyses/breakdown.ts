import { breakdownPicture } from "./breakdownPicture";
import { dimensionBreakdown, dimensionByCustomer } from "./dimensionBreakdown";
import { CvError } from "../core/errors";
import type { CustomerValueModel } from "./model";
import type { CustomerTable } from "../core/profile";
import { type AnalysisRun, columnIndex } from "./common";

/**
 * Adds the summary by the model's groupBy column to a finished run, whatever the analysis:
 * each result row's group comes from run.rowGroups (by index, so groups sharing a label stay
 * apart; negative = not placed), its value from run.rowValues. Results per table row take the row's dimension cell; results
 * per customer (run.rowKeys: RFM from transactions, lifetime value) take the first non-blank
 * value among the customer's rows, found by the customer id column, with a warning naming
 * customers whose rows disagree. Returns the run unchanged when the model has no groupBy.
 * Cost: O(rows + customers × groups).
 *
 * @throws CvError BAD_OPTION when the groupBy column is not in the table, or results per
 *   customer have no customer id column to find their rows by.
 * @example withBreakdown({ ...model, groupBy: "Market type" }, table, runModel(model, table)).breakdown?.rows[0]?.label
 */
export function withBreakdown(model: CustomerValueModel, table: CustomerTable, run: AnalysisRun): AnalysisRun {
  const dimension = model.groupBy;
  if (dimension === undefined || dimension === null) return run;
  const d = columnIndex(table, dimension, "Group by");
  const tableDimension = table.rows.map((row) => row[d]);
  const warnings = [...run.warnings];
  let dimensionValues: unknown[] = tableDimension;
  if (run.rowKeys) {
    const idHeader = model.roles.id;
    if (idHeader === null) throw new CvError("BAD_OPTION", `Choose the customer id column: the results are per customer, and "${dimension}" is read from each customer's rows.`, { argument: "Group by" });
    const i = columnIndex(table, idHeader, "customer id");
    const { values, conflicts } = dimensionByCustomer(
      table.rows.map((row) => row[i]),
      tableDimension,
      run.rowKeys.values,
    );
    dimensionValues = values;
    if (conflicts.count > 0) {
      const named = conflicts.examples.map((e) => `${String(e.id)} (${e.values.join(", ")})`).join("; ");
      warnings.push({
        kind: "dimension",
        column: dimension,
        message: `${dimension}: ${conflicts.count.toLocaleString("en")} customer${conflicts.count === 1 ? "'s rows carry" : "s' rows carry"} different values: ${named}${conflicts.count > conflicts.examples.length ? "; …" : ""}. Each is counted under its first value.`,
      });
    }
  }
  // Groups by index, not by label: two groups may share a label (RFM rules both named "Focus").
  const group = Int32Array.from(run.rowGroups, (g) => (g < 0 ? -1 : g));
  const breakdown = dimensionBreakdown({ dimension, dimensionValues, group, groupLabels: run.groups.map((g) => g.label), value: run.rowValues ?? null });
  // The groups stacked per dimension value: a picture of its own, after the analysis's pictures.
  const picture = breakdownPicture(breakdown, run.groups);
  return { ...run, warnings, breakdown, ...(picture ? { pictures: [...(run.pictures ?? []), picture] } : {}) };
}
