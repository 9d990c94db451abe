/**
 * Reads the formulas the preview calculates: `=CV.NAME(arg, …)` and a few worksheet
 * functions, with the arguments Excel's grammar allows there: A1 references, ranges,
 * whole columns and rows, sheet-qualified references (`Sheet1!A1:B3`, `'My sheet'!A:C`),
 * spill references (`L2#`), numbers, "strings" (with doubled quotes), TRUE/FALSE, error
 * literals, omitted arguments, unary minus, nested calls and `{1,2;3,4}` array constants.
 * Operators (+, *, &, comparisons) are not part of it: such a formula is refused with a
 * message. Pure functions, no workbook.
 */
import { SHEET_COLUMNS, SHEET_ROWS } from "../../workbook/address";

/** A rectangle of cells a formula reads, 0-based; a whole column has `rows` = SHEET_ROWS. */
export interface RefBlock {
  /** The sheet named in the reference; absent for the formula's own sheet. */
  sheet?: string;
  top: number;
  left: number;
  rows: number;
  columns: number;
  /** True for `A:C` (the rows are trimmed to the sheet's used rows when read). */
  wholeColumns?: boolean;
  /** True for `2:5`. */
  wholeRows?: boolean;
}

/** A literal a cell or an array constant can hold. */
export type Literal = number | string | boolean;

/** A parsed formula (or argument). */
export type Expr =
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "error"; code: string }
  | { kind: "omitted" }
  | { kind: "ref"; ref: RefBlock }
  /** `L2#`: the spill range whose anchor is that cell. */
  | { kind: "spill"; sheet?: string; row: number; column: number }
  | { kind: "array"; rows: Literal[][] }
  | { kind: "negate"; operand: Expr }
  /** A call; `name` is upper-cased, as written otherwise ("CV.BGNBD.FIT", "SUM"). */
  | { kind: "call"; name: string; args: Expr[] };

/** A formula the parser cannot read; `position` is the 0-based offset in the formula text. */
export class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = "FormulaSyntaxError";
  }
}

const ERROR_LITERALS = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#BUSY!"];

/** Column letters ("A", "XFD") to a 0-based index, or -1 beyond the sheet. */
function columnIndex(letters: string): number {
  let column = 0;
  for (const ch of letters.toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return column - 1 < SHEET_COLUMNS ? column - 1 : -1;
}

/** One end of a reference: a cell, a column or a row. */
type RefPart = { column?: number; row?: number };

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

function refPart(text: string): RefPart | undefined {
  let m = CELL.exec(text);
  if (m) {
    const column = columnIndex(m[1] as string);
    const row = Number(m[2]) - 1;
    return column >= 0 && row >= 0 && row < SHEET_ROWS ? { column, row } : undefined;
  }
  m = COLUMN.exec(text);
  if (m) {
    const column = columnIndex(m[1] as string);
    return column >= 0 ? { column } : undefined;
  }
  m = ROW.exec(text);
  if (m) {
    const row = Number(m[1]) - 1;
    return row >= 0 && row < SHEET_ROWS ? { row } : undefined;
  }
  return undefined;
}

/** A reference from its one or two ends, or undefined when they do not make one (A1:B, 1:A). */
function makeRef(a: RefPart, b: RefPart | undefined, sheet: string | undefined): RefBlock | undefined {
  const end = b ?? a;
  const base = sheet !== undefined ? { sheet } : {};
  if (a.row !== undefined && a.column !== undefined && end.row !== undefined && end.column !== undefined) {
    const top = Math.min(a.row, end.row);
    const left = Math.min(a.column, end.column);
    return { ...base, top, left, rows: Math.abs(a.row - end.row) + 1, columns: Math.abs(a.column - end.column) + 1 };
  }
  if (b === undefined) return undefined;
  if (a.row === undefined && end.row === undefined && a.column !== undefined && end.column !== undefined) {
    const left = Math.min(a.column, end.column);
    return { ...base, top: 0, left, rows: SHEET_ROWS, columns: Math.abs(a.column - end.column) + 1, wholeColumns: true };
  }
  if (a.column === undefined && end.column === undefined && a.row !== undefined && end.row !== undefined) {
    const top = Math.min(a.row, end.row);
    return { ...base, top, left: 0, rows: Math.abs(a.row - end.row) + 1, columns: SHEET_COLUMNS, wholeRows: true };
  }
  return undefined;
}

class Parser {
  private at = 0;
  constructor(private readonly text: string) {}

  fail(message: string, position = this.at): never {
    throw new FormulaSyntaxError(message, position);
  }

  private skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at] as string)) this.at++;
  }

  private peek(): string {
    this.skipSpace();
    return this.text[this.at] ?? "";
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) this.fail(this.at >= this.text.length ? `expected "${ch}" before the end of the formula` : `expected "${ch}" at "${this.text.slice(this.at, this.at + 12)}"`);
    this.at++;
  }

  /** The whole formula: one expression and nothing after it. */
  formula(): Expr {
    const expr = this.expression();
    this.skipSpace();
    if (this.at < this.text.length) {
      const rest = this.text.slice(this.at, this.at + 12);
      this.fail(/^[-+*/^&=<>]/.test(rest) ? `operators such as "${rest[0]}" are not calculated in the preview (only function calls): at "${rest}"` : `unexpected "${rest}"`);
    }
    return expr;
  }

  private expression(): Expr {
    const ch = this.peek();
    if (ch === "-" || ch === "+") {
      this.at++;
      const operand = this.expression();
      if (ch === "+") return operand;
      return operand.kind === "number" ? { kind: "number", value: -operand.value } : { kind: "negate", operand };
    }
    if (ch === "(") {
      this.at++;
      const inner = this.expression();
      this.expect(")");
      return inner;
    }
    if (ch === '"') return { kind: "string", value: this.stringLiteral() };
    if (ch === "{") return this.arrayConstant();
    if (ch === "#") return this.errorLiteral();
    if (/[0-9.]/.test(ch)) {
      // A row range such as 2:5 starts with digits too.
      const row = /^\$?\d+:\$?\d+/.exec(this.text.slice(this.at));
      if (row) return this.reference(undefined);
      return { kind: "number", value: this.numberLiteral() };
    }
    if (ch === "'") {
      const sheet = this.quotedSheet();
      return this.reference(sheet);
    }
    if (ch === "$" || /[A-Za-z_\\]/.test(ch)) return this.nameOrReference();
    if (ch === "") this.fail("the formula ends where a value was expected");
    return this.fail(`unexpected "${ch}"`);
  }

  private stringLiteral(): string {
    this.at++;
    let out = "";
    for (;;) {
      const ch = this.text[this.at];
      if (ch === undefined) this.fail("a text in quotes is not closed");
      this.at++;
      if (ch === '"') {
        if (this.text[this.at] === '"') {
          out += '"';
          this.at++;
          continue;
        }
        return out;
      }
      out += ch;
    }
  }

  private numberLiteral(): number {
    const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?%?/.exec(this.text.slice(this.at));
    if (!m) this.fail("not a number");
    this.at += m[0].length;
    const percent = m[0].endsWith("%");
    const value = Number(percent ? m[0].slice(0, -1) : m[0]);
    return percent ? value / 100 : value;
  }

  private errorLiteral(): Expr {
    const rest = this.text.slice(this.at).toUpperCase();
    const code = ERROR_LITERALS.find((e) => rest.startsWith(e));
    if (!code) return this.fail(`unexpected "${this.text.slice(this.at, this.at + 8)}"`);
    this.at += code.length;
    return { kind: "error", code };
  }

  private arrayConstant(): Expr {
    this.at++;
    const rows: Literal[][] = [[]];
    for (;;) {
      const ch = this.peek();
      let value: Literal;
      if (ch === '"') value = this.stringLiteral();
      else if (ch === "-" || ch === "+" || /[0-9.]/.test(ch)) {
        this.at++;
        const sign = ch === "-" ? -1 : 1;
        if (ch !== "-" && ch !== "+") this.at--;
        value = sign * this.numberLiteral();
      } else {
        const word = /^(TRUE|FALSE)\b/i.exec(this.text.slice(this.at));
        if (!word) this.fail("an array constant holds only numbers, texts in quotes and TRUE/FALSE");
        this.at += word[0].length;
        value = word[0].toUpperCase() === "TRUE";
      }
      (rows[rows.length - 1] as Literal[]).push(value);
      const next = this.peek();
      this.at++;
      if (next === ",") continue;
      if (next === ";") {
        rows.push([]);
        continue;
      }
      if (next === "}") break;
      this.fail("expected , ; or } in an array constant", this.at - 1);
    }
    const width = (rows[0] as Literal[]).length;
    if (rows.some((r) => r.length !== width)) this.fail("the rows of an array constant must have the same length");
    return { kind: "array", rows };
  }

  private quotedSheet(): string {
    this.at++;
    let name = "";
    for (;;) {
      const ch = this.text[this.at];
      if (ch === undefined) this.fail("a sheet name in quotes is not closed");
      this.at++;
      if (ch === "'") {
        if (this.text[this.at] === "'") {
          name += "'";
          this.at++;
          continue;
        }
        break;
      }
      name += ch;
    }
    if (this.text[this.at] !== "!") this.fail(`expected "!" after the sheet name '${name}'`);
    this.at++;
    return name;
  }

  /** A reference after an optional sheet: A1, A1:B3, A:C, 2:5, A1#. */
  private reference(sheet: string | undefined): Expr {
    const start = this.at;
    const m = /^\$?[A-Za-z]{0,3}\$?\d{0,7}/.exec(this.text.slice(this.at));
    const first = m?.[0] ?? "";
    const a = first ? refPart(first) : undefined;
    if (!a) return this.fail(`"${this.text.slice(start, start + 12)}" is not a cell reference`, start);
    this.at += first.length;
    if (this.text[this.at] === "#") {
      this.at++;
      if (a.row === undefined || a.column === undefined) this.fail("a spill reference (#) follows a single cell", start);
      return { kind: "spill", ...(sheet !== undefined ? { sheet } : {}), row: a.row, column: a.column };
    }
    let b: RefPart | undefined;
    if (this.text[this.at] === ":") {
      this.at++;
      const m2 = /^\$?[A-Za-z]{0,3}\$?\d{0,7}/.exec(this.text.slice(this.at));
      const second = m2?.[0] ?? "";
      b = second ? refPart(second) : undefined;
      if (!b) this.fail(`"${this.text.slice(start, this.at + 8)}" is not a range`, start);
      this.at += second.length;
    }
    const ref = makeRef(a, b, sheet);
    if (!ref) return this.fail(`"${this.text.slice(start, this.at)}" is not a reference`, start);
    return { kind: "ref", ref };
  }

  /** A function call, TRUE/FALSE, a reference, or Sheet1!reference. */
  private nameOrReference(): Expr {
    const start = this.at;
    const m = /^[A-Za-z_\\$][\w.$]*/.exec(this.text.slice(this.at));
    const word = m?.[0] ?? "";
    const after = this.text[start + word.length];
    if (after === "(") {
      this.at = start + word.length + 1;
      return { kind: "call", name: word.toUpperCase(), args: this.argumentList() };
    }
    if (after === "!") {
      this.at = start + word.length + 1;
      return this.reference(word);
    }
    const upper = word.toUpperCase();
    if ((upper === "TRUE" || upper === "FALSE") && !/[\d:#]/.test(after ?? "")) {
      this.at = start + word.length;
      return { kind: "boolean", value: upper === "TRUE" };
    }
    // A1, A1:B3, A:C (the reference regex stops before "." or other letters).
    const ref = /^\$?[A-Za-z]{1,3}\$?\d{0,7}(?::\$?[A-Za-z]{0,3}\$?\d{0,7})?#?/.exec(this.text.slice(start))?.[0] ?? "";
    if (ref.length === word.length || (ref.length > word.length && /[:#]/.test(after ?? ""))) return this.reference(undefined);
    return this.fail(`"${word}" is not a function call or a reference (names and tables are not supported in the preview)`, start);
  }

  /** Arguments after "(": empty ones are omitted arguments; `F()` has none. */
  private argumentList(): Expr[] {
    const args: Expr[] = [];
    if (this.peek() === ")") {
      this.at++;
      return args;
    }
    for (;;) {
      const ch = this.peek();
      args.push(ch === "," || ch === ")" ? { kind: "omitted" } : this.expression());
      const next = this.peek();
      if (next === ",") {
        this.at++;
        continue;
      }
      if (next === ")") {
        this.at++;
        return args;
      }
      if (next === "") this.fail('the formula ends before ")"');
      this.fail(`expected "," or ")" at "${this.text.slice(this.at, this.at + 12)}"`);
    }
  }
}

/**
 * Parses a formula ("=CV.SCORE(B2:D10,{0.5,0.5})", the leading "=" optional) into an
 * expression tree. The method: a recursive-descent reader over the text, one pass,
 * O(length of the formula).
 *
 * @throws FormulaSyntaxError with a readable message and the offset where reading stopped.
 * @example parseFormula("=cv.tier(B2:B9,,{\"A\";\"B\"})")
 *   // → { kind: "call", name: "CV.TIER", args: [ref B2:B9, omitted, array [["A"],["B"]]] }
 */
export function parseFormula(formula: string): Expr {
  const text = formula.startsWith("=") ? formula.slice(1) : formula;
  const parser = new Parser(text);
  if (text.trim() === "") parser.fail("the formula is empty", 0);
  return parser.formula();
}

/**
 * A formula as Excel stores it after it is typed: function names, references and
 * TRUE/FALSE upper-cased; texts in quotes, quoted sheet names and unquoted sheet names
 * (before "!") kept as typed. The method: one pass over the text, copying quoted parts.
 * Cost: O(length).
 *
 * @example normaliseFormula('=cv.tier(b2:b9,"key20")') === '=CV.TIER(B2:B9,"key20")'
 */
export function normaliseFormula(formula: string): string {
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i] as string;
    if (ch === '"' || ch === "'") {
      // Copy up to the closing quote (a doubled quote stays inside).
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const word = /^[A-Za-z_\\$][\w.$]*/.exec(formula.slice(i))?.[0];
    if (word) {
      out += formula[i + word.length] === "!" ? word : word.toUpperCase();
      i += word.length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
