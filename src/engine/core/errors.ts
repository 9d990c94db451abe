/** What went wrong, as a stable code the front doors map to Excel errors or UI messages. */
export type CvErrorCode =
  | "EMPTY_INPUT"
  | "LENGTH_MISMATCH"
  | "BAD_VALUE"
  | "BAD_OPTION"
  | "BAD_WEIGHTS"
  | "NOT_COMPUTABLE"
  /** An iterative fit or series did not converge: Excel shows #NUM!, never a silent wrong number. */
  | "NOT_CONVERGED"
  /** A result is beyond what a double holds (above ±1.8e308) or has no value: Excel shows #NUM! with the reason. */
  | "OUT_OF_RANGE";

/** Where a bad value sits: 1-based row and column within the argument's range. */
export interface CellLocation {
  /** The argument's name as the user sees it (e.g. "indicators"). */
  argument: string;
  /** 1-based row within the range, when the problem is one cell. */
  row?: number;
  /** 1-based column within the range, when the problem is one cell. */
  column?: number;
  /** The value found there, for the message. */
  value?: unknown;
}

/**
 * The one error type the engine throws. Its message is written for the person who typed
 * the formula: it names the argument, the row and the value found.
 *
 * @example
 * throw new CvError("BAD_VALUE", "indicators row 3, column 2: expected a number, found \"n/a\"");
 */
export class CvError extends Error {
  readonly code: CvErrorCode;
  readonly location: CellLocation | undefined;

  constructor(code: CvErrorCode, message: string, location?: CellLocation) {
    super(message);
    this.name = "CvError";
    this.code = code;
    this.location = location;
  }
}

/**
 * Shows a cell value the way a user would recognise it in a message: strings quoted and
 * clipped to 40 characters, error values as their code.
 *
 * @example describeValue("abc") === "\"abc\""; describeValue(null) === "a blank cell"
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "a blank cell";
  if (typeof value === "string") {
    const clipped = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return `"${clipped}"`;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const code = errorCodeOf(value);
  if (code !== undefined) return `the error ${code}`;
  return "an unreadable value";
}

const EXCEL_ERROR_STRINGS = new Set([
  "#N/A",
  "#VALUE!",
  "#DIV/0!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#NULL!",
  "#SPILL!",
  "#CALC!",
  "#BUSY!",
  "#GETTING_DATA",
  "#FIELD!",
  "#CONNECT!",
  "#BLOCKED!",
  "#UNKNOWN!",
]);

/**
 * The Excel error code a cell holds, if it holds one. Excel hands error cells inside a
 * range to custom functions as error objects (`{ code: "#N/A", ... }`); some hosts and
 * copies of values carry them as the error's text. Both are recognised.
 *
 * @example errorCodeOf({ code: "#DIV/0!" }) === "#DIV/0!"; errorCodeOf(3) === undefined
 */
export function errorCodeOf(value: unknown): string | undefined {
  if (typeof value === "string") return EXCEL_ERROR_STRINGS.has(value.toUpperCase()) ? value.toUpperCase() : undefined;
  if (typeof value === "object" && value !== null && "code" in value) {
    const code = (value as { code: unknown }).code;
    if (typeof code === "string" && code.startsWith("#")) return code;
  }
  return undefined;
}
