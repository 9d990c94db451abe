/**
 * The one shared parser and shaper of the custom functions: it turns what Excel passes
 * (2-D arrays, nulls for omitted arguments, strings) into engine inputs, and engine
 * results and errors back into what Excel shows (spilled arrays, per-cell #N/A,
 * #VALUE! with a message). No maths here.
 */
import { type CellGrid, CvError, DATE_EXPECTED, type PercentKind, readPercent, FLAG_WORDS, columnCells, describeValue, errorCodeOf, flattenList, isBlank, parseDayCell, parseFlagCell, parseNumberCell, readNumberList, readTextList } from "../engine";

/** An Excel value a custom function can return in a cell. */
export type ExcelCell = number | string | boolean | CustomFunctions.Error;

/** Excel passes an omitted optional argument as null (older hosts: undefined). */
export type Optional<T> = T | null | undefined;

/**
 * A range argument that may be omitted: null, undefined, or a single blank cell (a
 * reference to an empty cell) all mean "use the default". A lone value where a range is
 * expected (a host or a caller passing "key20" rather than [["key20"]]) is read as a 1×1 range.
 */
export function optionalGrid(arg: Optional<CellGrid | string | number | boolean>): CellGrid | undefined {
  if (arg === null || arg === undefined) return undefined;
  const grid: CellGrid = Array.isArray(arg) ? arg : [[arg]];
  if (grid.length === 0) return undefined;
  if (grid.length === 1 && grid[0]?.length === 1 && isBlank(grid[0][0])) return undefined;
  return grid;
}

/**
 * A text option that may be omitted; a blank string counts as omitted.
 *
 * @throws CvError BAD_VALUE when an error value (e.g. #REF!) arrives instead.
 */
export function optionalText(arg: Optional<string | number | boolean>, argument: string): string | undefined {
  if (arg === null || arg === undefined) return undefined;
  if (errorCodeOf(arg) !== undefined || (typeof arg === "object" && arg !== null)) {
    throw new CvError("BAD_VALUE", `${argument}: expected a text option, found ${describeValue(arg)}`, { argument, value: arg });
  }
  const text = String(arg).trim();
  return text === "" ? undefined : text;
}

/**
 * A number option that may be omitted.
 *
 * @throws CvError BAD_VALUE when it is given but is not a finite number.
 */
export function optionalNumber(arg: Optional<number | string>, argument: string): number | undefined {
  if (arg === null || arg === undefined || isBlank(arg)) return undefined;
  const value = errorCodeOf(arg) !== undefined ? undefined : parseNumberCell(arg);
  if (value === undefined || Number.isNaN(value)) {
    throw new CvError("BAD_VALUE", `${argument}: expected a number, found ${describeValue(arg)}`, { argument, value: arg });
  }
  return value;
}

/**
 * A percent option that may be omitted, read the one way (readPercent): 0.2, 20% and, for a
 * share, 20 are the same; a rate beyond ±100% is refused.
 *
 * @throws CvError BAD_VALUE naming the argument for a value that is not a number or out of range.
 * @example optionalPercent(20, "min_confidence") === 0.2; optionalPercent(null, "min_confidence") === undefined
 */
export function optionalPercent(arg: Optional<number | string>, argument: string, kind: PercentKind = "share"): number | undefined {
  const value = optionalNumber(arg, argument);
  return value === undefined ? undefined : readPercent(value, argument, kind);
}

/**
 * A TRUE/FALSE option that may be omitted, read like every flag cell (parseFlagCell):
 * TRUE/FALSE, 1/0, Y/N, yes/no; blank means the default.
 *
 * @throws CvError BAD_VALUE naming the argument for anything else (other text, an error value).
 * @example optionalFlag("N", true, "headers") === false; optionalFlag(null, true, "headers") === true
 */
export function optionalFlag(arg: Optional<boolean | number | string>, defaultValue: boolean, argument = "headers"): boolean {
  if (arg === null || arg === undefined || isBlank(arg)) return defaultValue;
  const flag = errorCodeOf(arg) !== undefined ? undefined : parseFlagCell(arg);
  if (flag === undefined) {
    throw new CvError("BAD_VALUE", `${argument}: expected ${FLAG_WORDS}, found ${describeValue(arg)}`, { argument, value: arg });
  }
  return flag;
}

/** A list argument (one row or one column) of numbers that may be omitted. */
export function optionalNumberList(arg: Optional<CellGrid>, argument: string): number[] | undefined {
  const grid = optionalGrid(arg);
  return grid === undefined ? undefined : readNumberList(grid, argument);
}

/** A list argument of labels that may be omitted. */
export function optionalTextList(arg: Optional<CellGrid>, argument: string): string[] | undefined {
  const grid = optionalGrid(arg);
  return grid === undefined ? undefined : readTextList(grid, argument);
}

/** A list argument read as raw cell values (for directions, which may be numbers or words). */
export function optionalCellList(arg: Optional<CellGrid>, argument: string): unknown[] | undefined {
  const grid = optionalGrid(arg);
  return grid === undefined ? undefined : flattenList(grid, argument).map((cell) => cell.value);
}

/** The per-cell #N/A Excel shows for a row that cannot be computed, with the reason. */
export function notAvailable(message: string): CustomFunctions.Error {
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, message);
}

/**
 * The Excel error for a failure of the whole call: #N/A (with the message) when the data
 * leave nothing to compute, #NUM! (with the message) when a fit does not converge or a
 * result is beyond what a double holds, #VALUE! (with the message) for bad input. Errors that are not
 * the engine's are reported as #VALUE! too, so the cell says what happened.
 */
export function toExcelError(error: unknown): CustomFunctions.Error {
  if (error instanceof CvError) {
    const code =
      error.code === "NOT_COMPUTABLE"
        ? CustomFunctions.ErrorCode.notAvailable
        : error.code === "NOT_CONVERGED"
          ? CustomFunctions.ErrorCode.invalidNumber
          : error.code === "OUT_OF_RANGE"
            ? CustomFunctions.ErrorCode.invalidNumber
            : CustomFunctions.ErrorCode.invalidValue;
    return new CustomFunctions.Error(code, error.message);
  }
  const text = error instanceof Error ? error.message : String(error);
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, `Unexpected error: ${text}`);
}

/**
 * Runs a custom function's body and turns any thrown error into the Excel error Excel
 * should show in the cell.
 */
export function excelCall<T>(body: () => T): T {
  let result: T;
  try {
    result = body();
  } catch (error) {
    throw toExcelError(error);
  }
  return representable(result);
}

/** The #NUM! a cell gets for a number Excel cannot hold, with the reason. */
function unrepresentable(value: unknown): CustomFunctions.Error {
  const why =
    typeof value === "number" && !Number.isNaN(value)
      ? `the result is ${value > 0 ? "above" : "below"} the largest number Excel holds (±1.8E+308): rescale the inputs (e.g. thousands instead of units)`
      : "no number could be computed for this cell from these inputs";
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidNumber, why);
}

/**
 * The last guard of every custom function's result (methods §0: no NaN, Infinity or
 * undefined ever reaches a cell): a non-finite number becomes #NUM! with the reason, and an
 * undefined cell #N/A. The engine and the shapers give their own reasons first; this pass
 * only catches what they missed. Cost: one typeof test per cell; a bad cell is replaced in
 * place (result rows are the function's own, freshly built).
 */
function representable<T>(result: T): T {
  if (typeof result === "number") return (Number.isFinite(result) ? result : unrepresentable(result)) as T;
  if (!Array.isArray(result)) return result;
  const rows = result as unknown[];
  // Excel cannot spill an empty array: say so in the cell.
  if (rows.length === 0 || (rows.length === 1 && Array.isArray(rows[0]) && rows[0].length === 0)) return [[notAvailable("nothing to show: no row of the result is left")]] as T;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) continue;
    for (let c = 0; c < row.length; c++) {
      const cell: unknown = row[c];
      if (typeof cell === "number" ? !Number.isFinite(cell) : cell === undefined) {
        row[c] = cell === undefined ? notAvailable("no value for this cell") : unrepresentable(cell);
      }
    }
  }
  return result;
}

/**
 * Shapes per-customer numbers as a spilled column (one row per input row, no header),
 * with a per-cell #N/A where the value is missing.
 *
 * @param why the reason shown for a missing row, given its 1-based row number.
 */
export function numberColumn(values: ArrayLike<number>, why: (row: number) => string): ExcelCell[][] {
  const out: ExcelCell[][] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    out[i] = [Number.isNaN(v) ? notAvailable(why(i + 1)) : v];
  }
  return out;
}

/**
 * Shapes per-customer class indexes (−1 = none) as a spilled column of labels, with a
 * per-cell #N/A where there is no class. The rows of one label are one shared `[label]`
 * array (Excel copies the values out), so a million customers in four tiers cost four
 * small arrays, not a million. Cost: O(n), no allocation per labelled row.
 *
 * @example labelColumn(Int32Array.of(0, 1, 0), ["Top", "Rest"], (r) => `row ${r}`) // → [["Top"], ["Rest"], ["Top"]]
 */
export function labelColumn(indexes: Int32Array, labels: readonly string[], why: (row: number) => string): ExcelCell[][] {
  const out: ExcelCell[][] = new Array(indexes.length);
  const rows: ExcelCell[][] = labels.map((label) => [label]);
  for (let i = 0; i < indexes.length; i++) {
    const k = indexes[i] as number;
    out[i] = k < 0 || k >= rows.length ? [notAvailable(why(i + 1))] : (rows[k] as ExcelCell[]);
  }
  return out;
}

/**
 * The customer column's header of a per-customer table, saying how many rows had no id and
 * were skipped (README: whatever a function skips, it says how many), so the count is seen
 * where the table is read.
 *
 * @example customerHeader(0) === "Customer"; customerHeader(1) === "Customer (1 row without an id skipped)"
 */
export function customerHeader(skippedRows: number): string {
  if (skippedRows === 0) return "Customer";
  return `Customer (${skippedRows.toLocaleString("en")} ${skippedRows === 1 ? "row" : "rows"} without an id skipped)`;
}

/** Puts a header row on a whole-table result unless the user asked for none. */
export function withHeader(header: ExcelCell[], rows: ExcelCell[][], headers: boolean): ExcelCell[][] {
  return headers ? [header, ...rows] : rows;
}

/**
 * Checks that a per-customer argument has as many rows as the first one, so results stay
 * aligned with the data.
 *
 * @throws CvError LENGTH_MISMATCH naming both arguments and their row counts.
 */
export function requireSameRows(expected: { name: string; rows: number }, actual: { name: string; rows: number }): void {
  if (expected.rows !== actual.rows) {
    throw new CvError(
      "LENGTH_MISMATCH",
      `${actual.name} has ${actual.rows} rows but ${expected.name} has ${expected.rows}: select ranges of the same height`,
      { argument: actual.name },
    );
  }
}

/**
 * A per-row column of raw cells (a single column, or a single row read along its length),
 * without copying cells into objects: the fast path for 100,000+ transaction rows.
 *
 * @throws CvError LENGTH_MISMATCH for a range of several rows and several columns.
 */
export function cellColumn(grid: CellGrid, argument: string): unknown[] {
  return columnCells(grid, argument).cells as unknown[];
}

/**
 * A date option that may be omitted: an Excel date (serial) or ISO text; the time of day is dropped.
 *
 * @throws CvError BAD_VALUE when it is given but is not a date.
 */
export function optionalDay(arg: Optional<number | string>, argument: string): number | undefined {
  if (arg === null || arg === undefined || isBlank(arg)) return undefined;
  const day = errorCodeOf(arg) !== undefined ? undefined : parseDayCell(arg);
  if (day === undefined || Number.isNaN(day)) {
    throw new CvError("BAD_VALUE", `${argument}: expected ${DATE_EXPECTED}, found ${describeValue(arg)}`, { argument, value: arg });
  }
  return day;
}

/** The most rows an Excel sheet holds, so the most a spilled result can have. */
export const EXCEL_SHEET_ROWS = 1_048_576;

/**
 * Checks that a result of `rows` rows (header included) can spill on a sheet, so a huge
 * result is a message about the thresholds rather than Excel's bare #SPILL!.
 *
 * @throws CvError BAD_OPTION naming the argument to change.
 * @example requireRowsFit(1_200_001, "rules", "min_support") // throws: 1,200,000 rules …
 */
export function requireRowsFit(rows: number, what: string, argument: string): void {
  if (rows > EXCEL_SHEET_ROWS) {
    throw new CvError(
      "BAD_OPTION",
      `${(rows - 1).toLocaleString("en")} ${what} are more than a sheet's ${(EXCEL_SHEET_ROWS - 1).toLocaleString("en")} rows below a header: raise ${argument}.`,
      { argument },
    );
  }
}
