/**
 * fast-check arbitraries for what Excel hands a custom function (issue 12, class 9): a cell,
 * a range (a 2-D array of rows of cells, possibly empty or ragged), an omitted argument
 * (null), and a mutation step that takes a plausible argument list and breaks one thing in
 * it, so the fuzz reaches the deep code and not only the first argument check.
 *
 * Excel passes ranges as rows of cells, omitted optional arguments as null (older hosts:
 * undefined), error cells as CustomFunctions.Error objects and dates as serial numbers
 * (1 = 1900-01-01 … 2,958,465 = 9999-12-31).
 */
import fc from "fast-check";

/** A cell value as Excel hands it to a custom function. */
export type Cell = unknown;
/** A range: rows of cells. */
export type Grid = Cell[][];

/** The error codes Excel's custom-functions runtime knows (CustomFunctions.ErrorCode). */
export const ERROR_CODES = ["#N/A", "#VALUE!", "#DIV/0!", "#NUM!", "#NULL!", "#NAME?", "#REF!"] as const;

/** Every error text Excel shows (also what errorCodeOf recognises in a text cell). */
export const EXCEL_ERROR_TEXTS = new Set(["#N/A", "#VALUE!", "#DIV/0!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#BUSY!", "#GETTING_DATA", "#FIELD!", "#CONNECT!", "#BLOCKED!", "#UNKNOWN!"]);

/**
 * An error cell as Excel passes it inside a range: a CustomFunctions.Error (the jest shim in
 * test/setup, or the real runtime). It prints as its code in fast-check's counterexamples.
 */
export function errorValue(code: string, message?: string): CustomFunctions.Error {
  const error = new CustomFunctions.Error(code as CustomFunctions.ErrorCode, message);
  Object.defineProperty(error, fc.toStringMethod, { value: () => (message === undefined ? code : `${code}(${JSON.stringify(message)})`), enumerable: false });
  return error;
}

/** A string of 40,000 characters: more than a cell holds (32,767), for message clipping. */
export const LONG_TEXT = "x".repeat(40_000);
/** The longest text a cell holds. */
export const LONGEST_CELL_TEXT = "y".repeat(32_767);
/** Excel's limit on the characters of one cell. */
export const EXCEL_CELL_CHARS = 32_767;

export const blankCell: fc.Arbitrary<Cell> = fc.constantFrom<Cell>("", null, " ");

/** Numbers at the edges of the doubles and of Excel. */
export const extremeNumber: fc.Arbitrary<number> = fc.constantFrom(
  0, -0, 1, -1, 2, 0.5, 1e308, -1e308, 5e-324, -5e-324, 9e307, -9e307, Number.MAX_VALUE, -Number.MAX_VALUE,
  2 ** 53, -(2 ** 53), 2 ** 53 + 2, 1e-300, 1e15, 1e16, 0.1, 0.2, 0.3, 2_958_465, 2_958_466, 1e10,
);

export const numberValue: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
  { weight: 2, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: extremeNumber },
);

/** An Excel date serial: in range (1 … 2,958,465, sometimes with a time of day), and beyond. */
export const dateSerial: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 2_958_465 }) },
  { weight: 2, arbitrary: fc.double({ min: 1, max: 2_958_466, noNaN: true }) },
  { weight: 1, arbitrary: fc.integer({ min: 2_958_466, max: 10_000_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 60, 61, 2_958_465, 2_958_465.999, 2_958_466, 1e308) },
);

export const numericText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("12", " 3.5 ", "1,234.5", "15%", "1e3", "-0", "+7", "0x10", "1e999", "-1e999", "Infinity", "NaN", "1e308", "12.", ".5", "5e-324", "9e307", "1 000", "(5)", "$5"),
  numberValue.map((n) => String(n)),
  fc.integer({ min: -100, max: 100 }).map((n) => ` ${n} `),
);

export const dateText: fc.Arbitrary<string> = fc.constantFrom(
  "2024-03-31", "1997-01-01", "9999-12-31", "10000-01-01", "2024-02-30", "1899-12-31", "1900-01-01", "1900-02-29",
  "2024-03-31T12:00:00", "2024-03-31 23:59", "31/03/2024", "03/31/2024", "March 3, 2024", "0000-01-01", "-2024-01-01",
);

export const flagText: fc.Arbitrary<string> = fc.constantFrom("TRUE", "FALSE", "true", "Y", "N", "y", "yes", "no", "YES", "1", "0", "T", "F", "x", "ja");

export const errorText: fc.Arbitrary<string> = fc.constantFrom("#N/A", "#DIV/0!", "#REF!", "#value!", "#SPILL!");

export const textValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
  { weight: 2, arbitrary: fc.constantFrom("abc", "Ä", "ß", "😀", "\u0000", "\n", "a\tb", "-", "'", "=1+1", "null", "undefined", "constructor", "__proto__", "toString", "A", "a") },
  { weight: 1, arbitrary: fc.constantFrom(LONG_TEXT, LONGEST_CELL_TEXT, "é".repeat(33_000)) },
);

export const errorCell: fc.Arbitrary<Cell> = fc.tuple(fc.constantFrom(...ERROR_CODES), fc.boolean()).map(([code, withMessage]) => errorValue(code, withMessage ? "from another formula" : undefined));

/** Any cell at all. */
export const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 3, arbitrary: blankCell },
  { weight: 5, arbitrary: numberValue },
  { weight: 2, arbitrary: dateSerial },
  { weight: 2, arbitrary: numericText },
  { weight: 1, arbitrary: dateText },
  { weight: 1, arbitrary: flagText },
  { weight: 3, arbitrary: textValue },
  { weight: 2, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: errorCell },
  { weight: 1, arbitrary: errorText },
);

/**
 * A cell that is mostly `main`, sometimes blank (weights out of 20) and, with anyWeight, sometimes
 * anything. Plausible columns keep anyWeight 0: the mutation step breaks one cell, so most
 * calls get past the argument checks.
 */
export function mostly<T>(main: fc.Arbitrary<T>, blankWeight = 1, anyWeight = 0): fc.Arbitrary<Cell> {
  return fc.oneof({ weight: 20, arbitrary: main as fc.Arbitrary<Cell> }, { weight: blankWeight, arbitrary: blankCell }, { weight: anyWeight, arbitrary: anyCell });
}

/** A column of exactly n cells. */
export function columnOf(n: number, cell: fc.Arbitrary<Cell>): fc.Arbitrary<Grid> {
  return fc.array(cell, { minLength: n, maxLength: n }).map((values) => values.map((v) => [v]));
}

/** A 1 × n row. */
export function rowOf(n: number, cell: fc.Arbitrary<Cell>): fc.Arbitrary<Grid> {
  return fc.array(cell, { minLength: n, maxLength: n }).map((values) => [values]);
}

/** An n × m block. */
export function blockOf(n: number, m: number, cell: fc.Arbitrary<Cell>): fc.Arbitrary<Grid> {
  return fc.array(fc.array(cell, { minLength: m, maxLength: m }), { minLength: n, maxLength: n });
}

/** Any range: empty, [[]], one cell, a column, a row, a block, or ragged rows. */
export function anyRange(cell: fc.Arbitrary<Cell> = anyCell): fc.Arbitrary<Grid> {
  return fc.oneof(
    fc.constant<Grid>([]),
    fc.constant<Grid>([[]]),
    cell.map((c) => [[c]]),
    fc.array(cell, { minLength: 0, maxLength: 8 }).map((vs) => vs.map((v) => [v])),
    fc.array(cell, { minLength: 1, maxLength: 6 }).map((vs) => [vs]),
    fc.integer({ min: 1, max: 5 }).chain((m) => fc.array(fc.array(cell, { minLength: m, maxLength: m }), { minLength: 1, maxLength: 6 })),
    fc.array(fc.array(cell, { minLength: 0, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
  );
}

/** Any argument: omitted (null, rarely undefined), a lone value, or a range. */
export const anyArg: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: anyCell },
  { weight: 4, arbitrary: anyRange() },
);

/** An optional argument: mostly `main`, sometimes omitted (null). */
export function optional<T>(main: fc.Arbitrary<T>, omittedWeight = 1): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 3, arbitrary: main }, { weight: omittedWeight, arbitrary: fc.constant(null) });
}

/** An option text in any case, with stray spaces sometimes. */
export function optionText(...names: string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...names), fc.constantFrom("as is", "upper", "padded")).map(([name, how]) => (how === "upper" ? name.toUpperCase() : how === "padded" ? ` ${name} ` : name));
}

/** One broken thing in a plausible argument list. */
export type Mutation =
  | { kind: "none" }
  | { kind: "replaceArg"; index: number; value: unknown }
  | { kind: "replaceCell"; index: number; row: number; column: number; value: Cell }
  | { kind: "dropRow"; index: number; row: number }
  | { kind: "addRow"; index: number; value: Cell }
  | { kind: "omit"; index: number }
  | { kind: "transpose"; index: number }
  | { kind: "blankAll"; index: number }
  | { kind: "edgeText"; index: number; row: number; column: number; text: string };

/** Text that has broken parsers and messages before: longer than a cell, object keys, error texts. */
export const EDGE_TEXTS = [LONG_TEXT, "__proto__", "constructor", "toString", "hasOwnProperty", "#DIV/0!", "#N/A", "NaN", "Infinity", "-Infinity", " ", "1e999"];

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Mutation>({ kind: "none" }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("replaceArg" as const), index: fc.nat(), value: anyArg }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("replaceCell" as const), index: fc.nat(), row: fc.nat(), column: fc.nat(), value: anyCell }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("dropRow" as const), index: fc.nat(), row: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("addRow" as const), index: fc.nat(), value: anyCell }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("omit" as const), index: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("transpose" as const), index: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("blankAll" as const), index: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("edgeText" as const), index: fc.nat(), row: fc.nat(), column: fc.nat(), text: fc.constantFrom(...EDGE_TEXTS) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("replaceCell" as const), index: fc.nat(), row: fc.nat(), column: fc.nat(), value: extremeNumber as fc.Arbitrary<Cell> }) },
);

/** Whether a parameter takes a range (Excel passes a 2-D array, or null when omitted) or one value. */
export type ParamKind = "range" | "value";

/** A value made to fit its parameter's kind, as Excel would pass it: a range stays rows of cells, a value parameter gets one value. */
export function fitKind(value: unknown, kind: ParamKind | undefined): unknown {
  if (kind === undefined || value === null || value === undefined) return value;
  if (kind === "range") return Array.isArray(value) ? (value.every(Array.isArray) ? value : [value]) : [[value]];
  if (!Array.isArray(value)) return value;
  const first: unknown = value[0];
  return Array.isArray(first) ? (first.length > 0 ? first[0] : null) : (first ?? null);
}

/** A deep copy of an argument list (arrays copied, cells shared), so a call cannot change what is reported. */
export function copyArgs(args: readonly unknown[]): unknown[] {
  return args.map((a) => (Array.isArray(a) ? a.map((r: unknown) => (Array.isArray(r) ? [...(r as unknown[])] : r)) : a));
}

/** Applies a mutation to a copy of the argument list, keeping each argument to its parameter's kind. */
export function applyMutation(args: readonly unknown[], m: Mutation, kinds?: readonly ParamKind[]): unknown[] {
  const out = copyArgs(args);
  if (m.kind === "none" || out.length === 0) return out;
  const i = m.index % out.length;
  const arg = out[i];
  switch (m.kind) {
    case "replaceArg":
      out[i] = fitKind(m.value, kinds?.[i]);
      break;
    case "omit":
      out[i] = null;
      break;
    case "replaceCell":
    case "edgeText": {
      const value = m.kind === "edgeText" ? m.text : m.value;
      if (Array.isArray(arg) && arg.length > 0) {
        const r = m.row % arg.length;
        const rowCells = arg[r];
        if (Array.isArray(rowCells) && rowCells.length > 0) rowCells[m.column % rowCells.length] = value;
      } else out[i] = fitKind(value, kinds?.[i]);
      break;
    }
    case "blankAll":
      if (Array.isArray(arg)) out[i] = arg.map((r: unknown) => (Array.isArray(r) ? r.map(() => "") : ""));
      break;
    case "dropRow":
      if (Array.isArray(arg) && arg.length > 0) arg.splice(m.row % arg.length, 1);
      break;
    case "addRow":
      if (Array.isArray(arg)) arg.push(Array.isArray(arg[0]) ? (arg[0] as unknown[]).map(() => m.value) : [m.value]);
      break;
    case "transpose":
      if (Array.isArray(arg) && arg.every(Array.isArray)) {
        const grid = arg as unknown[][];
        const width = Math.max(0, ...grid.map((r) => r.length));
        out[i] = Array.from({ length: width }, (_, c) => grid.map((r) => r[c] ?? ""));
      }
      break;
  }
  return out;
}

/** A plausible argument list, then (sometimes) one mutation. */
export function withMutation(plausible: fc.Arbitrary<unknown[]>, kinds?: readonly ParamKind[]): fc.Arbitrary<unknown[]> {
  return fc.tuple(plausible, mutation).map(([args, m]) => applyMutation(args, m, kinds).map((a, i) => fitKind(a, kinds?.[i])));
}

/** Arguments for printing: long strings shortened, error cells by their code. */
export function showArgs(args: readonly unknown[]): string {
  const show = (v: unknown): string => {
    if (v === null) return "null";
    if (v === undefined) return "undefined";
    if (typeof v === "string") return v.length > 60 ? `"${v.slice(0, 5)}…" (${v.length} chars)` : JSON.stringify(v);
    if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
    if (Array.isArray(v)) {
      if (v.length > 40) return `[${v.slice(0, 20).map(show).join(", ")}, … ${v.length} items]`;
      return `[${v.map(show).join(", ")}]`;
    }
    if (typeof v === "object" && "code" in v) return String((v as { code: unknown }).code);
    return String(v);
  };
  return args.map(show).join(", ");
}
