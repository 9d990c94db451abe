import type { AnalysisRun, CustomerValueModel } from "../engine";
import { blockAddress, cellAddress } from "../workbook/address";
import type { LoadedSource } from "./source";

/** An Excel array constant: {0.5,0.3} or {"Top","Big"} (invariant syntax, as range.formulas takes it). */
function arrayConstant(values: readonly (number | string)[]): string {
  return `{${values.map((v) => (typeof v === "number" ? String(v) : `"${v.replace(/"/g, '""')}"`)).join(",")}}`;
}

/** The data cells of a table column, e.g. "E2:E4339". */
function columnRef(source: LoadedSource, header: string): string {
  const j = source.table.headers.indexOf(header);
  const column = source.sheetColumns[j];
  if (j < 0 || column === undefined) throw new Error(`The column "${header}" is not in the table.`);
  return blockAddress(source.range.top + 1, column, source.table.rows.length, 1);
}

/** One range of several columns: a single column as is, else HSTACK of the columns. */
function columnsRef(source: LoadedSource, headers: readonly string[]): string {
  const refs = headers.map((h) => columnRef(source, h));
  return refs.length === 1 ? (refs[0] as string) : `HSTACK(${refs.join(",")})`;
}

/**
 * The live CV formulas for "write formulas instead of values": one spilling formula at the
 * top of each result column group, null elsewhere, e.g. for the pyramid
 * `=CV.SCORE(HSTACK(F2:F4339,E2:E4339),{50,30},{1,1},"minmax")` and
 * `=CV.TIER(L2#,{0.01,0.04,0.15,0.8},{"Top","Big","Medium","Small"})`.
 * The workbook then recalculates by itself wherever the add-in is installed.
 */
export function liveFormulas(model: CustomerValueModel, source: LoadedSource, run: AnalysisRun, at: { top: number; left: number }): (string | null)[][] {
  const rows = source.table.rows.length;
  const formulas: (string | null)[][] = Array.from({ length: rows }, () => run.columns.map(() => null));
  const first = formulas[0];
  if (!first) return formulas;
  const indicators = columnsRef(source, model.indicators.map((i) => i.column));
  const weights = arrayConstant(model.indicators.map((i) => i.weight));
  const directions = arrayConstant(model.indicators.map((i) => i.direction));
  const spill = (k: number) => `${cellAddress(at.top, at.left + k)}#`;
  if (model.analysis === "pyramid") {
    first[0] = `=CV.SCORE(${indicators},${weights},${directions},"${model.method}")`;
    first[1] =
      model.tiers.by === "share"
        ? `=CV.TIER(${spill(0)},${arrayConstant(model.tiers.shares)},${arrayConstant(model.tiers.labels)})`
        : `=CV.TIERBYSCORE(${spill(0)},${arrayConstant(model.tiers.thresholds)},${arrayConstant(model.tiers.labels)})`;
  } else if (model.analysis === "scorecard") {
    const aspects = arrayConstant(model.indicators.map((i) => i.aspect ?? "sales"));
    first[0] = `=CV.SCORECARD(${indicators},${aspects},${weights},${directions},${arrayConstant(model.aspectWeights)},"${model.method}")`;
    first[3] = `=CV.VALUEMATRIX(CHOOSECOLS(${spill(0)},1),CHOOSECOLS(${spill(0)},2))`;
  } else if (model.roles.value !== null) {
    first[0] = `=CV.ABC(${columnRef(source, model.roles.value)},${arrayConstant(model.abc.cuts)},${arrayConstant(model.abc.labels)})`;
  }
  return formulas;
}
