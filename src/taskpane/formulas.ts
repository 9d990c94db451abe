import { type AnalysisRun, type CustomerValueModel, analysisOf } from "../engine";
import { blockAddress, cellAddress } from "../workbook/address";
import type { LoadedSource } from "./source";

/** The data cells of a table column, e.g. "E2:E4339". */
function columnRef(source: LoadedSource, header: string): string {
  const j = source.table.headers.indexOf(header);
  const column = source.sheetColumns[j];
  if (j < 0 || column === undefined) throw new Error(`The column "${header}" is not in the table.`);
  return blockAddress(source.range.top + 1, column, source.table.rows.length, 1);
}

/** Whether an analysis can write live CV formulas (the others write values). */
export function supportsFormulas(analysis: CustomerValueModel["analysis"]): boolean {
  return analysisOf(analysis).liveFormulas !== undefined;
}

/**
 * The live CV formulas for "write formulas instead of values": one spilling formula at the
 * top of each result column group, null elsewhere, as the analysis writes them, e.g. for the
 * pyramid `=CV.SCORE(HSTACK(F2:F4339,E2:E4339),{50,30},{1,1},"minmax")` and
 * `=CV.TIER(L2#,{0.01,0.04,0.15,0.8},{"Top","Big","Medium","Small"})`.
 * The workbook then recalculates by itself wherever the add-in is installed.
 */
export function liveFormulas(model: CustomerValueModel, source: LoadedSource, run: AnalysisRun, at: { top: number; left: number }): (string | null)[][] {
  const rows = source.table.rows.length;
  const formulas: (string | null)[][] = Array.from({ length: rows }, () => run.columns.map(() => null));
  const first = formulas[0];
  const write = analysisOf(model.analysis).liveFormulas;
  if (!first || !write) return formulas;
  const tops = write(model, { column: (header) => columnRef(source, header), spill: (k) => `${cellAddress(at.top, at.left + k)}#` });
  tops.forEach((formula, k) => {
    if (k < first.length) first[k] = formula;
  });
  return formulas;
}
