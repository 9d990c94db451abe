import { CvError, describeValue, errorCodeOf } from "./errors";

/** A 2-D block of cell values exactly as Excel hands it over: rows × columns. */
export type CellGrid = ReadonlyArray<ReadonlyArray<unknown>>;

/** One cell that could not be read as what its column needs. Rows and columns are 1-based. */
export interface BadCell {
  argument: string;
  row: number;
  column: number;
  value: unknown;
  /** What was expected, e.g. "a number" or "a date". */
  expected: string;
}

/** What a date cell must hold, for messages: one wording for every date argument and column. */
export const DATE_EXPECTED = "a date up to 9999-12-31 (a date cell or text like 2024-03-31)";

/** Numeric columns read from a grid: NaN marks a missing (blank) or, when tolerated, bad cell. */
export interface NumberColumns {
  rows: number;
  columns: Float64Array[];
  /** Every bad cell found (only filled when `onBadCell` is "missing"; otherwise the first throws). */
  badCells: BadCell[];
}

/** What to do with a bad cell: stop with a #VALUE!-style error, or treat it as missing and list it. */
export type BadCellPolicy = "throw" | "missing";

/**
 * True for a value that is absent rather than wrong: a blank cell, or the #N/A error
 * ("not available"), which is how a formula upstream says a row has no value (a row
 * CV.SCORE could not score, an unmatched lookup). Every other error value is a bad cell.
 *
 * @example isMissing("") && isMissing({ code: "#N/A" }) && !isMissing({ code: "#DIV/0!" })
 */
export function isMissing(value: unknown): boolean {
  return isBlank(value) || errorCodeOf(value) === "#N/A";
}

const NUMERIC_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const THOUSANDS_TEXT = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/** True for an empty cell: `null`, `undefined` or the empty string (after trimming). */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/**
 * Reads one cell as a number. Numbers pass through; text that spells a number is accepted
 * ("12.5", " 3e2 ", "1,234.5" with comma thousands, "15%" as 0.15); blanks give NaN
 * (missing). Anything else (other text, booleans, Excel error values, non-finite numbers)
 * gives `undefined`, meaning "bad cell".
 *
 * @example parseNumberCell("15%") === 0.15; Number.isNaN(parseNumberCell("")); parseNumberCell("n/a") === undefined
 */
export function parseNumberCell(value: unknown): number | undefined {
  // A small head for the common number, small enough to inline into a reader's loop; the rest out of line.
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  return parseNumberOther(value);
}

function parseNumberOther(value: unknown): number | undefined {
  if (isMissing(value)) return Number.NaN;
  if (typeof value !== "string") return undefined;
  let text = value.trim();
  let scale = 1;
  if (text.endsWith("%")) {
    scale = 0.01;
    text = text.slice(0, -1).trim();
  }
  const parsed = NUMERIC_TEXT.test(text) ? Number(text) * scale : THOUSANDS_TEXT.test(text) ? Number(text.replace(/,/g, "")) * scale : Number.NaN;
  return Number.isFinite(parsed) ? parsed : undefined;
}

const TRUE_WORDS = new Set(["true", "yes", "y"]);
const FALSE_WORDS = new Set(["false", "no", "n"]);

/**
 * Reads one cell as a yes/no flag. TRUE/FALSE, numbers (0 is false, any other number is
 * true, as in Excel's IF), the text "TRUE"/"FALSE", "yes"/"no", "Y"/"N" and numeric text
 * ("1", "0"), case-insensitive. A blank cell (or #N/A, "not available") is false. Anything
 * else (other text, other error values) gives `undefined`, meaning "bad cell".
 *
 * @example parseFlagCell("Y") === true; parseFlagCell("") === false; parseFlagCell("maybe") === undefined
 */
export function parseFlagCell(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value !== 0 : undefined;
  if (isMissing(value)) return false;
  if (typeof value !== "string") return undefined;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  if (errorCodeOf(value) !== undefined) return undefined;
  const number = parseNumberCell(word);
  return number === undefined || Number.isNaN(number) ? undefined : number !== 0;
}

/** The words a flag may be written in, for messages about a flag that has no blank default (a response, an option). */
export const FLAG_WORDS = "TRUE/FALSE, 1/0, Y/N or yes/no";

/** What a flag cell in a column may hold, for messages. */
export const FLAG_EXPECTED = `${FLAG_WORDS} (blank = no)`;

/**
 * Reads one cell as an id (a customer, an invoice): a finite number or text is the id, kept
 * as written (12346 and "12346" are matched later, by IdIndex); a blank cell or #N/A gives
 * `null` (no id). Anything else (TRUE/FALSE, other error values, non-finite numbers) gives
 * `undefined`, meaning "bad cell".
 *
 * @example parseIdCell(12346) === 12346; parseIdCell(" ") === null; parseIdCell(true) === undefined
 */
export function parseIdCell(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  return parseIdOther(value);
}

function parseIdOther(value: unknown): unknown {
  if (typeof value === "string") {
    // The hot path of 1M-row id columns: only text starting with "#" can be an error, only text with a space at an end can be blank.
    if (value.length === 0) return null;
    if (value.charCodeAt(0) === 35) {
      const code = errorCodeOf(value);
      return code === undefined ? value : code === "#N/A" ? null : undefined;
    }
    if (value.charCodeAt(0) <= 32 || value.charCodeAt(value.length - 1) <= 32) return value.trim() === "" ? null : value;
    return value;
  }
  if (isMissing(value)) return null;
  return undefined;
}

/**
 * Reads one cell as a text label (a stage, a state name): text trimmed, numbers and
 * TRUE/FALSE as their text, a blank cell or #N/A as "" (no label). Other error values give
 * `undefined`, meaning "bad cell".
 *
 * @example parseTextCell(" Core ") === "Core"; parseTextCell(455) === "455"; parseTextCell({ code: "#N/A" }) === ""
 */
export function parseTextCell(value: unknown): string | undefined {
  if (isMissing(value)) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string" && errorCodeOf(value) === undefined) return value.trim();
  return undefined;
}

/**
 * What a percent argument holds (README "Percentages"): a share of a whole (tier shares, the
 * top share of customers, support, confidence, retention) or a rate that may run past the
 * whole (growth, discount).
 */
export type PercentKind = "share" | "rate";

/**
 * Reads a percent argument the one way (methods §0): Excel passes 20% as 0.2, so a fraction
 * is the percentage. For a share, a number above 1 and at most 100 is read as percentage
 * points (20 → 0.2), as tier shares and ABC cuts always were; for a rate, where 1.5 may mean
 * 150%, a number beyond ±1 is refused rather than guessed (20 would be 2,000%). Cost: O(1).
 *
 * @throws CvError BAD_VALUE naming the argument and the value for a share outside 0 … 100,
 *   a rate beyond ±100%, or a non-finite number.
 * @example readPercent(20, "customer_share", "share") === 0.2; readPercent(0.2, "fast_growth", "rate") === 0.2
 */
export function readPercent(value: number, argument: string, kind: PercentKind): number {
  if (kind === "share") {
    if (value >= 0 && value <= 1) return value;
    if (value > 1 && value <= 100) return value / 100;
    throw new CvError("BAD_VALUE", `${argument}: expected a share from 0 to 1 (or 0 to 100 as a percentage, e.g. 0.2, 20% or 20), found ${describeValue(value)}`, { argument, value });
  }
  if (value >= -1 && value <= 1) return value;
  const asPercent = Number.isFinite(value) ? `${(value * 100).toLocaleString("en", { maximumFractionDigits: 2 })}%` : "not a rate";
  throw new CvError("BAD_VALUE", `${argument}: ${describeValue(value)} would be ${asPercent}; type a rate as a fraction or a percentage (0.2 or 20% for twenty percent)`, { argument, value });
}

const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 (Excel's day 0) to 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Excel's last date, 9999-12-31, as a day serial: the one upper bound of every date reading. */
export const LAST_EXCEL_DAY = 2_958_465;

/**
 * Reads one cell as a day, counted as an Excel date serial (days since 1899-12-30) with
 * the time of day dropped. Accepts serial numbers from 0 to 2,958,465.99… (45382.75 → 45382;
 * 2,958,465 is 9999-12-31, Excel's last date) and ISO date text from 1899-12-30 to 9999-12-31
 * ("2024-03-31", "2024-03-31T18:00", "2024-03-31 18:00:00"). Blank gives NaN; anything
 * else (other date text, impossible dates like "2024-02-30", negatives, serials past Excel's
 * last date) gives `undefined`, meaning "bad cell". Cost: O(1).
 *
 * @example parseDayCell("2024-03-31") === 45382; parseDayCell(45382.75) === 45382; parseDayCell(2958466) === undefined
 */
export function parseDayCell(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 && value < LAST_EXCEL_DAY + 1 ? Math.floor(value) : undefined;
  return parseDayOther(value);
}

function parseDayOther(value: unknown): number | undefined {
  if (isMissing(value)) return Number.NaN;
  if (typeof value !== "string") return undefined;
  const match = ISO_DATE.exec(value.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  const serial = utc / MS_PER_DAY + EXCEL_EPOCH_OFFSET;
  return serial >= 0 ? serial : undefined;
}

/** The rows and columns of an Excel sheet. */
export const SHEET_ROWS = 1_048_576;
export const SHEET_COLUMNS = 16_384;

/**
 * Column letters for a 0-based column index.
 *
 * @example columnLetters(0) === "A"; columnLetters(27) === "AB"; columnLetters(16383) === "XFD"
 */
export function columnLetters(column: number): string {
  let n = column + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * Formats an Excel day serial as ISO text, for messages and readable output; a day outside
 * 0 … 9999-12-31 is written as "day <serial>". Cost: O(1).
 *
 * @example dayToIso(45382) === "2024-03-31"
 */
export function dayToIso(day: number): string {
  // A day outside Excel's dates (a computed day past 9999-12-31) is shown as its serial, never thrown as "Invalid time value".
  if (!(day >= 0 && day <= LAST_EXCEL_DAY)) return `day ${Number.isFinite(day) ? day.toLocaleString("en") : String(day)}`;
  return new Date((Math.floor(day) - EXCEL_EPOCH_OFFSET) * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Checks that a grid has at least one row and one column and that every row has the same
 * length, and returns its size.
 *
 * @throws CvError EMPTY_INPUT for no rows or no columns, LENGTH_MISMATCH for ragged rows.
 */
export function gridSize(grid: CellGrid | null | undefined, argument: string): { rows: number; columns: number } {
  if (grid === null || grid === undefined) {
    throw new CvError("EMPTY_INPUT", `${argument} is required: select a range or type a value`, { argument });
  }
  const rows = grid.length;
  const first = grid[0];
  if (rows === 0 || first === undefined || first.length === 0) {
    throw new CvError("EMPTY_INPUT", `${argument} is empty: select a range with at least one row`, { argument });
  }
  const columns = first.length;
  for (let r = 1; r < rows; r++) {
    if ((grid[r]?.length ?? 0) !== columns) {
      throw new CvError("LENGTH_MISMATCH", `${argument} row ${r + 1} has ${grid[r]?.length ?? 0} cells, expected ${columns}`, {
        argument,
        row: r + 1,
      });
    }
  }
  return { rows, columns };
}

/**
 * The #VALUE!-style error for a bad cell: "<argument> row <r>, column <c>: expected <what>,
 * found <value>", with the cell's location, as every strict grid reader throws it.
 */
export function badCellError(bad: BadCell): CvError {
  const code = errorCodeOf(bad.value);
  const found = code !== undefined ? `the error ${code}` : describeValue(bad.value);
  return new CvError("BAD_VALUE", `${bad.argument} row ${bad.row}, column ${bad.column}: expected ${bad.expected}, found ${found}`, {
    argument: bad.argument,
    row: bad.row,
    column: bad.column,
    value: bad.value,
  });
}

function readColumns(
  grid: CellGrid,
  argument: string,
  onBadCell: BadCellPolicy,
  parse: (value: unknown) => number | undefined,
  expected: string,
  numbersAsIs = false,
): NumberColumns {
  const { rows, columns: width } = gridSize(grid, argument);
  const columns: Float64Array[] = [];
  for (let c = 0; c < width; c++) columns.push(new Float64Array(rows));
  const badCells: BadCell[] = [];
  for (let r = 0; r < rows; r++) {
    const row = grid[r] as ReadonlyArray<unknown>;
    for (let c = 0; c < width; c++) {
      const cell = row[c];
      const column = columns[c] as Float64Array;
      // The common case, a finite number read as itself, without the parser's call.
      if (numbersAsIs && typeof cell === "number" && cell - cell === 0) {
        column[r] = cell;
        continue;
      }
      const parsed = parse(cell);
      if (parsed === undefined) {
        const bad: BadCell = { argument, row: r + 1, column: c + 1, value: cell, expected };
        if (onBadCell === "throw") throw badCellError(bad);
        badCells.push(bad);
        column[r] = Number.NaN;
      } else {
        column[r] = parsed;
      }
    }
  }
  return { rows, columns, badCells };
}

/**
 * Turns a grid of cells into numeric columns (Float64Array, NaN = missing). Blank cells are
 * missing, never zero. Bad cells (text that is not a number, booleans, Excel error values)
 * either stop the read with a message naming argument, row, column and value
 * (`onBadCell: "throw"`, for custom functions) or become missing and are all listed
 * (`"missing"`, for the task pane). Cost: one pass, O(rows × columns).
 *
 * @example
 * readNumberColumns([[1, "2"], ["", 4]], "indicators").columns
 * // → [Float64Array [1, NaN], Float64Array [2, 4]]
 */
export function readNumberColumns(grid: CellGrid, argument: string, onBadCell: BadCellPolicy = "throw"): NumberColumns {
  return readColumns(grid, argument, onBadCell, parseNumberCell, "a number", true);
}

/**
 * Turns a grid of cells into day columns (Excel serials, time of day dropped, NaN =
 * missing), accepting serial numbers and ISO date text. Bad cells as in
 * {@link readNumberColumns}. Cost: O(rows × columns).
 *
 * @example readDayColumns([["2024-03-31"], [45383.5]], "dates").columns[0] // → [45382, 45383]
 */
export function readDayColumns(grid: CellGrid, argument: string, onBadCell: BadCellPolicy = "throw"): NumberColumns {
  return readColumns(grid, argument, onBadCell, parseDayCell, DATE_EXPECTED);
}

/**
 * Reads a one-dimensional argument (a single row or a single column) as numbers, e.g. a
 * list of weights. Blanks are NaN.
 *
 * @throws CvError LENGTH_MISMATCH when the range has more than one row and more than one column.
 * @example readNumberList([[0.4, 0.3, 0.3]], "weights") // → [0.4, 0.3, 0.3]
 */
export function readNumberList(grid: CellGrid, argument: string): number[] {
  return flattenList(grid, argument).map((cell) => {
    // In a list of settings an error value (even #N/A) is a mistake, not a missing entry.
    const parsed = errorCodeOf(cell.value) !== undefined ? undefined : parseNumberCell(cell.value);
    if (parsed === undefined) {
      throw badCellError({ argument, row: cell.row, column: cell.column, value: cell.value, expected: "a number" });
    }
    return parsed;
  });
}

/**
 * Reads a one-dimensional argument (a single row or column) as text labels, trimmed.
 * Numbers are turned into their text; blanks stay "".
 *
 * @example readTextList([["Gold"], ["Silver"]], "labels") // → ["Gold", "Silver"]
 */
export function readTextList(grid: CellGrid, argument: string): string[] {
  return flattenList(grid, argument).map((cell) => {
    if (isBlank(cell.value)) return "";
    if (typeof cell.value === "string") {
      if (errorCodeOf(cell.value) !== undefined) {
        throw badCellError({ argument, row: cell.row, column: cell.column, value: cell.value, expected: "a label" });
      }
      return cell.value.trim();
    }
    if (typeof cell.value === "number" || typeof cell.value === "boolean") return String(cell.value);
    throw badCellError({ argument, row: cell.row, column: cell.column, value: cell.value, expected: "a label" });
  });
}

/** A cell of a one-dimensional argument, with its 1-based position for messages. */
export interface ListCell {
  value: unknown;
  row: number;
  column: number;
}

/**
 * The cells of a one-dimensional argument (a single row or a single column) in order,
 * each with its position, for arguments read cell by cell (directions, options).
 *
 * @throws CvError LENGTH_MISMATCH for a range with several rows and several columns.
 */
export function flattenList(grid: CellGrid, argument: string): ListCell[] {
  const { rows, columns } = gridSize(grid, argument);
  if (rows > 1 && columns > 1) {
    throw new CvError(
      "LENGTH_MISMATCH",
      `${argument} must be a single row or a single column, found ${rows} rows × ${columns} columns`,
      { argument },
    );
  }
  const cells: ListCell[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) cells.push({ value: grid[r]?.[c], row: r + 1, column: c + 1 });
  }
  return cells;
}

/**
 * Reads a one-column (or one-row) numeric argument as a Float64Array aligned with rows
 * of data: used for per-customer columns such as `scores` or `values`.
 *
 * @example readNumberColumn([[3], [""], [5]], "scores") // → Float64Array [3, NaN, 5]
 */
export function readNumberColumn(grid: CellGrid, argument: string, onBadCell: BadCellPolicy = "throw"): Float64Array {
  return readOneColumn(grid, argument, onBadCell, parseNumberCell, "a number");
}

/**
 * Reads a one-column (or one-row) date argument as day serials aligned with rows of data
 * (time dropped, NaN = blank), e.g. first and last purchase dates. Bad cells as in
 * {@link readNumberColumn}.
 *
 * @example readDayColumn([["2024-03-31"], [""]], "dates") // → Float64Array [45382, NaN]
 */
export function readDayColumn(grid: CellGrid, argument: string, onBadCell: BadCellPolicy = "throw"): Float64Array {
  return readOneColumn(grid, argument, onBadCell, parseDayCell, DATE_EXPECTED);
}

function readOneColumn(grid: CellGrid, argument: string, onBadCell: BadCellPolicy, parse: (value: unknown) => number | undefined, expected: string): Float64Array {
  const { rows, columns } = gridSize(grid, argument);
  if (columns === 1) return readColumns(grid, argument, onBadCell, parse, expected).columns[0] as Float64Array;
  if (rows === 1) {
    // Read along the row; a bad cell keeps its real position (row 1, column k) in the message.
    return Float64Array.from(flattenList(grid, argument), (cell) => {
      const parsed = parse(cell.value);
      if (parsed !== undefined) return parsed;
      const bad: BadCell = { argument, row: cell.row, column: cell.column, value: cell.value, expected };
      if (onBadCell === "throw") throw badCellError(bad);
      return Number.NaN;
    });
  }
  throw new CvError("LENGTH_MISMATCH", `${argument} must be a single column, found ${rows} rows × ${columns} columns`, { argument });
}
