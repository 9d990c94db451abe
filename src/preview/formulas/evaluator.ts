/**
 * Evaluates a parsed formula (./parser) against the in-memory workbook's sheets, calling the
 * add-in's own custom functions (src/functions/functions.ts) the way Excel calls them:
 *
 * - a matrix parameter gets a 2-D array: a range's cells row by row, **null for a blank
 *   cell** (what current Excel passes for empty cells; the functions read null and "" alike),
 *   numbers, text, booleans, error values as their text ("#N/A"); a whole column (A:A) is
 *   trimmed to the sheet's used rows; a single value or cell becomes [[v]];
 * - a scalar parameter gets one value: a one-cell range gives its value (null when blank);
 *   Excel's conversion to the declared type is applied ("12" → 12 for a number, 1 → TRUE for
 *   a boolean); a value that cannot be converted, a multi-cell range, or an error value gives
 *   the error without calling the function (Excel's rule for scalar parameters);
 * - an omitted argument (`,,` or missing at the end) is null;
 * - a nested call's array is passed as the array; an error it returns is passed on.
 *
 * The result: a thrown or returned CustomFunctions.Error becomes its code with its message;
 * a 2-D array is an array to spill (ragged rows padded with #N/A, null shown as 0 as Excel
 * shows it); a Promise is awaited. A few worksheet functions are built in (SUM, AVERAGE,
 * COUNT, MIN, MAX, HSTACK, VSTACK); any other name is #NAME?.
 */
import "./customFunctionsShim";
import * as cvFunctions from "../../functions/functions";
import type { Block, SheetModel, WorkbookModel } from "../sheetModel";
import { NAMESPACE, type Catalogue, type FunctionInfo, type FunctionParameter } from "./catalogue";
import type { Expr, RefBlock } from "./parser";

/**
 * An error value in a cell: its code ("#VALUE!") and why, when known.
 *
 * @example new CellError("#SPILL!", "B3 is not empty").code === "#SPILL!"
 */
export class CellError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

/** What an expression evaluates to: a range of a sheet, an array, one value, or nothing (an omitted argument). */
export type Evaluated =
  | { kind: "range"; sheet: SheetModel; block: Block }
  | { kind: "array"; rows: unknown[][] }
  | { kind: "scalar"; value: unknown }
  | { kind: "omitted" };

/** A block of a sheet a formula read (or whose spill it read), for recalculation. */
export interface Precedent {
  sheet: SheetModel;
  block: Block;
}

/** What the evaluator needs around a formula. */
export interface EvaluationContext {
  model: WorkbookModel;
  /** The sheet the formula is on (unqualified references point there). */
  home: SheetModel;
  /** The CV functions' metadata (fetched on first use by the caller). */
  catalogue: () => Promise<Catalogue>;
  /** The functions by JS name (default: src/functions/functions.ts). */
  implementations: Readonly<Record<string, unknown>>;
  /** Filled with every block the formula reads. */
  precedents: Precedent[];
}

/** The functions the add-in registers, by JS name. */
export const CV_IMPLEMENTATIONS: Readonly<Record<string, unknown>> = cvFunctions;

const EXCEL_ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!", "#BUSY!", "#GETTING_DATA"]);

/**
 * The error code of a value: a CellError, an object with a "#…" code (CustomFunctions.Error)
 * or an error text such as "#N/A"; undefined for anything else. Cost: O(1).
 *
 * @example errorCode("#N/A") === "#N/A"; errorCode(new CellError("#VALUE!")) === "#VALUE!"; errorCode(3) === undefined
 */
export function errorCode(value: unknown): string | undefined {
  if (typeof value === "string") return EXCEL_ERRORS.has(value) ? value : undefined;
  if (typeof value === "object" && value !== null && "code" in value) {
    const code = (value as { code: unknown }).code;
    if (typeof code === "string" && code.startsWith("#")) return code;
  }
  return undefined;
}

/** The CellError a value stands for (keeping a CustomFunctions.Error's message), or undefined. */
function asError(value: unknown): CellError | undefined {
  if (value instanceof CellError) return value;
  const code = errorCode(value);
  if (code === undefined) return undefined;
  const message = typeof value === "object" && value !== null ? (value as { message?: unknown }).message : undefined;
  return new CellError(code, typeof message === "string" && message !== "" ? message : undefined);
}

const valueError = (message: string) => new CellError("#VALUE!", message);

/** The sheet a reference names (its own sheet when unqualified), or undefined when there is none. */
function sheetOf(context: EvaluationContext, name: string | undefined): SheetModel | undefined {
  return name === undefined ? context.home : context.model.find(name);
}

/** A reference's block as read now: whole columns (rows) trimmed to the used rows (columns). */
function readBlock(sheet: SheetModel, ref: Block & { wholeColumns?: boolean; wholeRows?: boolean }): Block {
  const rows = ref.wholeColumns ? Math.max(1, Math.min(ref.rows, sheet.rowCount - ref.top)) : ref.rows;
  const columns = ref.wholeRows ? Math.max(1, Math.min(ref.columns, sheet.columnCount - ref.left)) : ref.columns;
  return { top: ref.top, left: ref.left, rows, columns };
}

/**
 * The cells of a block as Excel passes a range to a matrix parameter: rows × columns, null
 * for blank cells, the stored value otherwise. One array per row (what Excel passes), no
 * object per cell. Cost: O(rows × columns).
 *
 * @example rangeMatrix(sheet, { top: 1, left: 0, rows: 3, columns: 1 }) // → [[0], [5], [null]]
 */
export function rangeMatrix(sheet: SheetModel, block: Block): unknown[][] {
  const out: unknown[][] = new Array(block.rows);
  for (let r = 0; r < block.rows; r++) {
    const line = sheet.rows[block.top + r];
    const row: unknown[] = new Array(block.columns);
    for (let c = 0; c < block.columns; c++) {
      const v = line?.[block.left + c]?.value;
      row[c] = v === undefined || v === "" ? null : v;
    }
    out[r] = row;
  }
  return out;
}

/** A value as a matrix argument. */
function toMatrix(value: Evaluated): unknown[][] | null {
  switch (value.kind) {
    case "omitted":
      return null;
    case "range":
      return rangeMatrix(value.sheet, value.block);
    case "array":
      return value.rows;
    case "scalar":
      return [[value.value]];
  }
}

/** One value of an evaluated argument, or an error when it holds several. */
function single(value: Evaluated, name: string): unknown {
  if (value.kind === "omitted") return null;
  if (value.kind === "scalar") return value.value;
  if (value.kind === "array") {
    const rows = value.rows;
    if (rows.length === 1 && rows[0]?.length === 1) return rows[0][0];
    return valueError(`${name} takes one value, but got an array of ${rows.length} × ${rows[0]?.length ?? 0}`);
  }
  const { block } = value;
  if (block.rows === 1 && block.columns === 1) {
    const v = value.sheet.value(block.top, block.left);
    return v === "" ? null : v;
  }
  return valueError(`${name} takes one value, but got a range of ${block.rows} × ${block.columns} cells`);
}

/** Excel's conversion of a scalar argument to the parameter's declared type. */
function coerce(value: unknown, parameter: FunctionParameter): unknown {
  const error = asError(value);
  if (error) return error;
  if (value === null || value === undefined) return null;
  const fail = () => valueError(`${parameter.name} expects ${parameter.type === "boolean" ? "TRUE or FALSE" : `a ${parameter.type}`}, found ${JSON.stringify(value)}`);
  switch (parameter.type) {
    case "number":
      if (typeof value === "number") return value;
      if (typeof value === "boolean") return value ? 1 : 0;
      if (typeof value === "string") {
        const text = value.trim();
        if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return Number(text);
        const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
        if (iso) {
          const utc = Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
          if (!Number.isNaN(utc)) return utc / 86_400_000 + 25_569;
        }
      }
      return fail();
    case "boolean":
      if (typeof value === "boolean") return value;
      if (typeof value === "number") return value !== 0;
      if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) return value.trim().toUpperCase() === "TRUE";
      return fail();
    case "string":
      if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
      return String(value);
    default:
      return value;
  }
}

/** A function's result as cell values: errors as CellError, null as 0, non-finite numbers #NUM!, ragged rows padded with #N/A. */
function normaliseResult(result: unknown): Evaluated {
  if (!Array.isArray(result)) return { kind: "scalar", value: cellOf(result) };
  const rows = result as unknown[];
  if (rows.length === 0) return { kind: "scalar", value: new CellError("#CALC!", "the function returned an empty array") };
  let width = 0;
  for (const row of rows) width = Math.max(width, Array.isArray(row) ? row.length : 1);
  if (width === 0) return { kind: "scalar", value: new CellError("#CALC!", "the function returned an empty array") };
  const out: unknown[][] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const source = rows[r];
    const row: unknown[] = Array.isArray(source) ? source : [source];
    // Rows are the function's own fresh arrays: convert in place.
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "number" || !Number.isFinite(v)) row[c] = cellOf(v);
    }
    for (let c = row.length; c < width; c++) row.push(new CellError("#N/A", "this row of the result is shorter than the others"));
    out[r] = row;
  }
  return { kind: "array", rows: out };
}

/** One returned value as a cell value. */
function cellOf(v: unknown): unknown {
  if (typeof v === "number") return Number.isFinite(v) ? v : new CellError("#NUM!", "the result is not a finite number");
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (v === null || v === undefined) return 0;
  return asError(v) ?? String(v);
}

/** The error a thrown value stands for. */
function thrownError(thrown: unknown, name: string): CellError {
  const error = asError(thrown);
  if (error) return error;
  return valueError(`${name} failed: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

/** The number of arguments a function takes, in words. */
function arity(info: FunctionInfo): string {
  const required = info.parameters.filter((p) => !p.optional).length;
  const all = info.parameters.length;
  return required === all ? `${all} argument${all === 1 ? "" : "s"}` : `${required} to ${all} arguments`;
}

async function callCv(name: string, args: Expr[], context: EvaluationContext): Promise<Evaluated> {
  const id = name.slice(NAMESPACE.length + 1);
  let catalogue: Catalogue;
  try {
    catalogue = await context.catalogue();
  } catch (e) {
    return { kind: "scalar", value: new CellError("#NAME?", `The list of CV functions could not be loaded: ${e instanceof Error ? e.message : String(e)}`) };
  }
  const info = catalogue.get(id);
  const implementation = info ? context.implementations[info.jsName] : undefined;
  if (!info || typeof implementation !== "function") {
    return { kind: "scalar", value: new CellError("#NAME?", `There is no function ${name}: check the name (see the list of CV functions).`) };
  }
  const required = info.parameters.filter((p) => !p.optional).length;
  if (args.length > info.parameters.length || args.length < required) {
    return { kind: "scalar", value: valueError(`${name} takes ${arity(info)}; it was given ${args.length}.`) };
  }
  const values: unknown[] = [];
  for (let i = 0; i < info.parameters.length; i++) {
    const parameter = info.parameters[i] as FunctionParameter;
    const arg = args[i];
    if (!arg || arg.kind === "omitted") {
      values.push(null);
      continue;
    }
    const evaluated = await evaluate(arg, context);
    if (evaluated.kind === "scalar" && evaluated.value instanceof CellError) return evaluated;
    if (parameter.matrix) values.push(toMatrix(evaluated));
    else {
      const value = coerce(single(evaluated, parameter.name), parameter);
      if (value instanceof CellError) return { kind: "scalar", value };
      values.push(value);
    }
  }
  try {
    let result = (implementation as (...a: unknown[]) => unknown)(...values);
    if (isThenable(result)) result = await result;
    return normaliseResult(result);
  } catch (thrown) {
    return { kind: "scalar", value: thrownError(thrown, name) };
  }
}

/** Every value of the arguments, flattened (for SUM and friends): from ranges and arrays only numbers count, as in Excel. */
function* numbersOf(values: Evaluated[]): Generator<number | CellError> {
  for (const value of values) {
    if (value.kind === "omitted") continue;
    if (value.kind === "scalar") {
      const v = value.value;
      const error = asError(v);
      if (error) yield error;
      else if (typeof v === "number") yield v;
      else if (typeof v === "boolean") yield v ? 1 : 0;
      else if (typeof v === "string" && /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(v)) yield Number(v);
      else if (v !== null) yield valueError(`${JSON.stringify(v)} is not a number`);
      continue;
    }
    const rows = value.kind === "array" ? value.rows : rangeMatrix(value.sheet, value.block);
    for (const row of rows) {
      for (const v of row) {
        if (typeof v === "number") yield v;
        else {
          const error = asError(v);
          if (error) yield error;
        }
      }
    }
  }
}

/** A stack of arrays side by side (HSTACK) or one under the other (VSTACK), padded with #N/A as in Excel. */
function stack(values: Evaluated[], across: boolean): Evaluated {
  const parts = values.filter((v) => v.kind !== "omitted").map((v) => toMatrix(v) as unknown[][]);
  if (parts.length === 0) return { kind: "scalar", value: valueError("nothing to stack") };
  const pad = () => new CellError("#N/A", "the stacked arrays have different sizes");
  if (across) {
    const height = Math.max(...parts.map((p) => p.length));
    const rows: unknown[][] = [];
    for (let r = 0; r < height; r++) {
      const row: unknown[] = [];
      for (const part of parts) {
        const width = part[0]?.length ?? 0;
        for (let c = 0; c < width; c++) row.push(r < part.length ? (part[r]?.[c] ?? 0) : pad());
      }
      rows.push(row);
    }
    return { kind: "array", rows: rows.map((row) => row.map((v) => (v === null ? 0 : v))) };
  }
  const width = Math.max(...parts.map((p) => p[0]?.length ?? 0));
  const rows: unknown[][] = [];
  for (const part of parts) for (const row of part) rows.push(Array.from({ length: width }, (_, c) => (c < row.length ? (row[c] ?? 0) : pad())));
  return { kind: "array", rows };
}

async function callBuiltIn(name: string, args: Expr[], context: EvaluationContext): Promise<Evaluated | undefined> {
  if (!["SUM", "AVERAGE", "COUNT", "MIN", "MAX", "HSTACK", "VSTACK"].includes(name)) return undefined;
  const values: Evaluated[] = [];
  for (const arg of args) values.push(arg.kind === "omitted" ? { kind: "omitted" } : await evaluate(arg, context));
  if (name === "HSTACK" || name === "VSTACK") return stack(values, name === "HSTACK");
  const numbers: number[] = [];
  for (const n of numbersOf(values)) {
    if (n instanceof CellError) return { kind: "scalar", value: n };
    numbers.push(n);
  }
  let result: number | CellError;
  if (name === "SUM") result = numbers.reduce((a, b) => a + b, 0);
  else if (name === "COUNT") result = numbers.length;
  else if (name === "AVERAGE") result = numbers.length === 0 ? new CellError("#DIV/0!", "AVERAGE found no numbers") : numbers.reduce((a, b) => a + b, 0) / numbers.length;
  else if (numbers.length === 0) result = 0;
  else result = numbers.reduce((a, b) => (name === "MIN" ? Math.min(a, b) : Math.max(a, b)));
  return { kind: "scalar", value: result };
}

function negate(value: Evaluated): Evaluated {
  const flip = (v: unknown): unknown => {
    if (asError(v)) return asError(v);
    if (typeof v === "number") return -v;
    if (typeof v === "boolean") return v ? -1 : 0;
    if (v === null || v === "") return 0;
    if (typeof v === "string" && /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(v)) return -Number(v);
    return valueError(`cannot negate ${JSON.stringify(v)}`);
  };
  if (value.kind === "omitted") return { kind: "scalar", value: 0 };
  if (value.kind === "scalar") return { kind: "scalar", value: flip(value.value) };
  const rows = value.kind === "array" ? value.rows : rangeMatrix(value.sheet, value.block);
  const out = rows.map((row) => row.map(flip));
  return out.length === 1 && out[0]?.length === 1 ? { kind: "scalar", value: out[0][0] } : { kind: "array", rows: out };
}

/** A reference evaluated: the range, recorded as a precedent (whole columns as the whole column, so later rows count). */
function reference(ref: RefBlock, context: EvaluationContext): Evaluated {
  const sheet = sheetOf(context, ref.sheet);
  if (!sheet) return { kind: "scalar", value: new CellError("#REF!", `There is no sheet named "${ref.sheet ?? ""}".`) };
  context.precedents.push({ sheet, block: { top: ref.top, left: ref.left, rows: ref.rows, columns: ref.columns } });
  return { kind: "range", sheet, block: readBlock(sheet, ref) };
}

/**
 * Evaluates an expression. The method: a walk of the tree; references become ranges read
 * lazily (a matrix parameter reads the cells once, a scalar one reads one cell), calls run
 * their arguments first, left to right. Cost: the cells the references cover plus the
 * functions' own work.
 *
 * @example await evaluate(parseFormula("=CV.NORMALIZE(A2:A4)"), context) // → { kind: "array", rows: [[0], [0.5], [1]] }
 */
export async function evaluate(expr: Expr, context: EvaluationContext): Promise<Evaluated> {
  switch (expr.kind) {
    case "number":
    case "string":
    case "boolean":
      return { kind: "scalar", value: expr.value };
    case "error":
      return { kind: "scalar", value: new CellError(expr.code) };
    case "omitted":
      return { kind: "omitted" };
    case "array":
      return { kind: "array", rows: expr.rows };
    case "negate":
      return negate(await evaluate(expr.operand, context));
    case "ref":
      return reference(expr.ref, context);
    case "spill": {
      const sheet = sheetOf(context, expr.sheet);
      if (!sheet) return { kind: "scalar", value: new CellError("#REF!", `There is no sheet named "${expr.sheet ?? ""}".`) };
      // Depend on the anchor: its recalculation marks its whole output dirty.
      context.precedents.push({ sheet, block: { top: expr.row, left: expr.column, rows: 1, columns: 1 } });
      const anchor = sheet.cell(expr.row, expr.column);
      if (anchor?.formula === undefined) return { kind: "scalar", value: new CellError("#REF!", "The cell of a spill reference (#) holds no formula.") };
      const spill = anchor.spill ?? { rows: 1, columns: 1 };
      const block = { top: expr.row, left: expr.column, rows: spill.rows, columns: spill.columns };
      context.precedents.push({ sheet, block });
      if (!anchor.spill && errorCode(anchor.value) === "#SPILL!") return { kind: "scalar", value: new CellError("#REF!", "The spill range it refers to is blocked (#SPILL!).") };
      return { kind: "range", sheet, block };
    }
    case "call": {
      if (expr.name.startsWith(`${NAMESPACE}.`)) return callCv(expr.name, expr.args, context);
      const builtIn = await callBuiltIn(expr.name, expr.args, context);
      if (builtIn) return builtIn;
      return {
        kind: "scalar",
        value: new CellError("#NAME?", `${expr.name} is not calculated in the preview: it calculates the CV.* functions (and SUM, AVERAGE, COUNT, MIN, MAX, HSTACK, VSTACK).`),
      };
    }
  }
}
