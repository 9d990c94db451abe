/**
 * Grid readers: everything that turns the cells Excel (or the pane's table) hands over into
 * typed columns and lists, beside the cell parsers of table.ts. Maths files take typed
 * arrays; the front doors read their arguments here.
 *
 * - Lenient column reading for the task pane ({@link readCellsLeniently}): a bad cell is a
 *   missing value, counted with its first rows, so the pane can say so once per column.
 * - The transaction reader both CV.RFM (strict) and the pane's RFM and lifetime analyses
 *   (lenient) use ({@link readTransactionRowsSteps}).
 * - The strict readers of the custom functions' special arguments: flags, problem counts,
 *   stage and state lists, transition matrices, segment rule tables, directions, basket lines.
 */
import { CvError, describeValue, errorCodeOf } from "./errors";
import { finishSteps } from "./steps";
import {
  type BadCell,
  type BadCellPolicy,
  type CellGrid,
  DATE_EXPECTED,
  FLAG_EXPECTED,
  badCellError,
  flattenList,
  gridSize,
  isBlank,
  parseDayCell,
  parseFlagCell,
  parseIdCell,
  parseNumberCell,
  parseTextCell,
} from "./table";
import type { SegmentRule } from "../behaviour/rfm";
import type { Direction } from "../value/normalize";

// ---------------------------------------------------------------------------------------
// Lenient reading by cell kind
// ---------------------------------------------------------------------------------------

/** The kinds of cell a column is read as: one reading of each kind (methods §0). */
export type CellKind = "number" | "day" | "flag" | "id" | "text";

/** What a column of each kind reads into; a missing (blank or bad) cell is NaN, 0 (no), null or "". */
export interface CellKindValues {
  /** Numbers, NaN = missing. */
  number: Float64Array;
  /** Excel day serials (time dropped), NaN = missing. */
  day: Float64Array;
  /** 1 = yes, 0 = no; a blank or bad cell is no. */
  flag: Uint8Array;
  /** Ids as written (a number or text), null = missing. */
  id: unknown[];
  /** Trimmed text, "" = missing. */
  text: string[];
}

/** What a cell of each kind must hold, for the pane's one bad-cell wording ("… cells are not a date …"). */
export const CELL_KIND_EXPECTED: Readonly<Record<CellKind, string>> = {
  number: "a number",
  day: "a date",
  flag: "a yes/no flag",
  id: "an id",
  text: "text",
};

/** How many of the first bad rows a count keeps, for messages. */
export const FIRST_BAD_ROWS = 5;

/** The bad cells of one column: how many, and the first {@link FIRST_BAD_ROWS} of their 1-based data rows. */
export interface BadCellCount {
  count: number;
  firstRows: number[];
}

/** An empty count of bad cells. */
export function noBadCells(): BadCellCount {
  return { count: 0, firstRows: [] };
}

/** Counts one bad cell in 1-based data row `row`. */
export function noteBadCell(bad: BadCellCount, row: number): void {
  bad.count++;
  if (bad.firstRows.length < FIRST_BAD_ROWS) bad.firstRows.push(row);
}

/** A column read leniently: its values and its bad cells. */
export interface LenientColumn<K extends CellKind> {
  values: CellKindValues[K];
  bad: BadCellCount;
}

/**
 * Reads a column of cells leniently, as the task pane does (methods §0): each cell with the
 * one parser of its kind (parseNumberCell, parseDayCell, parseFlagCell, parseIdCell,
 * parseTextCell); a blank cell is missing, and a bad cell is missing too and counted, with its
 * first data rows (1-based: cells[0] is data row 1). Nothing throws. Cost: O(n).
 *
 * @example readCellsLeniently([1, "", "x"], "number") // → values [1, NaN, NaN], bad { count: 1, firstRows: [3] }
 */
export function readCellsLeniently<K extends CellKind>(cells: ArrayLike<unknown>, kind: K): LenientColumn<K> {
  const n = cells.length;
  const bad = noBadCells();
  let values: CellKindValues[CellKind];
  if (kind === "number" || kind === "day") {
    const parse = kind === "number" ? parseNumberCell : parseDayCell;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = parse(cells[i]);
      if (v === undefined) {
        noteBadCell(bad, i + 1);
        out[i] = Number.NaN;
      } else out[i] = v;
    }
    values = out;
  } else if (kind === "flag") {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const f = parseFlagCell(cells[i]);
      if (f === undefined) noteBadCell(bad, i + 1);
      out[i] = f ? 1 : 0;
    }
    values = out;
  } else if (kind === "id") {
    const out: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const id = parseIdCell(cells[i]);
      if (id === undefined) noteBadCell(bad, i + 1);
      out[i] = id ?? null;
    }
    values = out;
  } else {
    const out: string[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const t = parseTextCell(cells[i]);
      if (t === undefined) noteBadCell(bad, i + 1);
      out[i] = t ?? "";
    }
    values = out;
  }
  return { values: values as CellKindValues[K], bad };
}

// ---------------------------------------------------------------------------------------
// One column of a range
// ---------------------------------------------------------------------------------------

/** The cells of a one-column (or one-row) argument in order, with where they sit, for messages. */
export interface CellColumn {
  /** The argument's name (a formula's argument, or the pane's column header). */
  argument: string;
  cells: ArrayLike<unknown>;
  /** True when the range is a single row read along its length: cell i is then row 1, column i + 1. */
  alongRow?: boolean;
  /** The range's rows when it is one column: cell i is `rows[i][0]`, read in place by the hot readers (no copy of the column). */
  rows?: ReadonlyArray<ReadonlyArray<unknown>>;
}

/**
 * The cells of a single-column or single-row range, without copying cells into objects:
 * the fast path for 100,000+ transaction rows.
 *
 * @throws CvError LENGTH_MISMATCH for a range of several rows and several columns.
 */
export function columnCells(grid: CellGrid, argument: string): CellColumn {
  const width = grid?.[0]?.length;
  if (width === 1) {
    // The column is copied (and checked for ragged rows) only when a reader asks for `cells`;
    // the transaction reader reads the rows in place and checks each row's width as it goes.
    let copy: unknown[] | undefined;
    return {
      argument,
      rows: grid,
      get cells(): unknown[] {
        if (!copy) {
          gridSize(grid, argument);
          copy = grid.map((row) => row[0]);
        }
        return copy;
      },
    };
  }
  const { rows, columns } = gridSize(grid, argument);
  if (rows === 1) return { argument, cells: [...(grid[0] as ReadonlyArray<unknown>)], alongRow: true };
  throw new CvError("LENGTH_MISMATCH", `${argument} must be a single column, found ${rows} rows × ${columns} columns`, { argument });
}

function requireSameLength(expected: CellColumn, actual: CellColumn): void {
  if (expected.cells.length !== actual.cells.length) {
    throw new CvError(
      "LENGTH_MISMATCH",
      `${actual.argument} has ${actual.cells.length} rows but ${expected.argument} has ${expected.cells.length}: select ranges of the same height`,
      { argument: actual.argument },
    );
  }
}

// ---------------------------------------------------------------------------------------
// Transactions
// ---------------------------------------------------------------------------------------

/** What an id cell must hold, for messages. */
export const ID_EXPECTED = "an id (a number or text; blank or #N/A to skip the row)";

/** The bad-cell record of cell `i` of a column, located as the user sees it (row i + 1, or row 1, column i + 1 along a row). */
function cellAt(column: CellColumn, i: number, expected: string): BadCell {
  return { argument: column.argument, row: column.alongRow ? 1 : i + 1, column: column.alongRow ? i + 1 : 1, value: column.cells[i], expected };
}

/** The cell columns of a transaction table: customer id, date, and optionally amount and invoice per row. */
export interface TransactionCells {
  ids: CellColumn;
  dates: CellColumn;
  amounts?: CellColumn;
  invoices?: CellColumn;
}

/** What a lenient read of transactions found and left out (all zero for a strict read). */
export interface TransactionReadReport {
  /** Rows read. */
  rows: number;
  /** Bad cells per column, over every row (a bad cell is missing: its row is left out; a bad invoice is a blank invoice). */
  badIds: BadCellCount;
  badDates: BadCellCount;
  badAmounts: BadCellCount;
  badInvoices: BadCellCount;
  /** Rows left out for a blank id; of the rows with an id, for a blank date; of those with a date, for a blank amount. */
  blankIds: number;
  blankDates: number;
  blankAmounts: number;
}

/** Transaction rows ready for aggregateTransactions, and what reading them found. */
export interface TransactionRows {
  /** Each row's id as written (null for a blank id); a Float64Array when every id is a number. */
  ids: ArrayLike<unknown>;
  days: Float64Array;
  amounts?: Float64Array;
  /** Each row's invoice id (null for a blank one); a Float64Array when every invoice id is a number. */
  invoices?: ArrayLike<unknown>;
  report: TransactionReadReport;
}

/** Progress of a stepped transaction read. */
export interface TransactionReadProgress {
  rowsRead: number;
  rows: number;
}


/**
 * Reads a transaction table, the one reader of CV.RFM, CV.SILENCE, CV.BGNBD.SUMMARY and the
 * pane's RFM and lifetime analyses (methods §0, §6), in steps of `rowsPerStep` rows.
 *
 * - `onBadCell: "throw"` (custom functions): ids and invoices with parseIdCell, so a blank
 *   or #N/A id is null (the row is kept for aggregateTransactions to skip and count, and sets
 *   nothing, not even the default as-of day), and any other error cell or TRUE/FALSE is
 *   #VALUE!; a row with an id needs a date and, with amounts, an amount. The first problem
 *   stops the read with a message naming the argument, the row and the value.
 * - `onBadCell: "missing"` (the pane): each column is read leniently with the one parser of
 *   its kind (ids, days, numbers; invoices as ids), bad cells become missing and are counted
 *   per column with their first data rows; rows without an id, a date or (with amounts) an
 *   amount are left out and counted. Nothing throws but the length checks.
 *
 * Cost: O(n).
 *
 * @throws CvError LENGTH_MISMATCH for columns of different heights; (strict) BAD_VALUE for a
 *   bad id or invoice (an error cell other than #N/A, TRUE/FALSE), a bad amount, a bad date,
 *   or a blank date or amount beside an id.
 */
export function* readTransactionRowsSteps(columns: TransactionCells, onBadCell: BadCellPolicy, rowsPerStep = Number.POSITIVE_INFINITY): Generator<TransactionReadProgress, TransactionRows> {
  if (onBadCell === "throw") {
    // A clean table is read in one pass at once (formulas are not read in steps).
    const fast = readGoodTransactionRows(columns);
    if (fast) return fast;
  }
  const { ids, dates, amounts, invoices } = columns;
  requireSameLength(ids, dates);
  const n = ids.cells.length;
  const report: TransactionReadReport = { rows: n, badIds: noBadCells(), badDates: noBadCells(), badAmounts: noBadCells(), badInvoices: noBadCells(), blankIds: 0, blankDates: 0, blankAmounts: 0 };
  // Amounts first, whole: a formula's bad amount is named before the heights of the other columns are checked.
  let amountValues: Float64Array | undefined;
  if (amounts) {
    if (onBadCell === "throw") {
      amountValues = new Float64Array(amounts.cells.length);
      for (let i = 0; i < amounts.cells.length; i++) {
        const cell = amounts.cells[i];
        const v = parseNumberCell(cell);
        if (v === undefined) {
          throw badCellError(cellAt(amounts, i, "a number"));
        }
        amountValues[i] = v;
      }
    } else {
      const read = readCellsLeniently(amounts.cells, "number");
      amountValues = read.values;
      report.badAmounts = read.bad;
    }
    requireSameLength(ids, amounts);
  }
  if (invoices) requireSameLength(ids, invoices);

  if (onBadCell === "throw") {
    const days = new Float64Array(n);
    const keptIds: unknown[] = new Array(n);
    const keptInvoices: unknown[] | undefined = invoices ? new Array(n) : undefined;
    for (let i = 0; i < n; i++) {
      if (i > 0 && i % rowsPerStep === 0) yield { rowsRead: i, rows: n };
      // A blank or #N/A id is kept as null for aggregateTransactions to skip and count; any other error or TRUE/FALSE stops the read.
      const id = parseIdCell(ids.cells[i]);
      if (id === undefined) throw badCellError(cellAt(ids, i, ID_EXPECTED));
      keptIds[i] = id;
      if (keptInvoices && invoices) {
        const invoice = parseIdCell(invoices.cells[i]);
        if (invoice === undefined) throw badCellError(cellAt(invoices, i, ID_EXPECTED));
        keptInvoices[i] = invoice;
      }
      const raw = dates.cells[i];
      const day = parseDayCell(raw);
      if (day === undefined) throw badCellError(cellAt(dates, i, DATE_EXPECTED));
      if (id !== null && Number.isNaN(day)) {
        throw new CvError("BAD_VALUE", `${dates.argument} row ${i + 1} is blank beside the ${ids.argument} ${describeValue(id)}: give every purchase a date`, {
          argument: dates.argument,
          row: i + 1,
          value: raw,
        });
      }
      if (amountValues && amounts && id !== null && Number.isNaN(amountValues[i] as number)) {
        throw new CvError("BAD_VALUE", `${amounts.argument} row ${i + 1} is blank: give every transaction an amount (0 for none)`, { argument: amounts.argument, row: i + 1 });
      }
      days[i] = day;
    }
    return {
      ids: keptIds,
      days,
      ...(amountValues ? { amounts: amountValues } : {}),
      ...(keptInvoices ? { invoices: keptInvoices } : {}),
      report,
    };
  }

  const keptIds: unknown[] = [];
  const keptDays: number[] = [];
  const keptAmounts: number[] = [];
  const keptInvoices: unknown[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % rowsPerStep === 0) yield { rowsRead: i, rows: n };
    // Every cell of the row is read, so each column's bad cells are all counted.
    const idCell = ids.cells[i];
    const id = parseIdCell(idCell);
    if (id === undefined) noteBadCell(report.badIds, i + 1);
    const day = parseDayCell(dates.cells[i]);
    if (day === undefined) noteBadCell(report.badDates, i + 1);
    let invoice: unknown = null;
    if (invoices) {
      invoice = parseIdCell(invoices.cells[i]);
      if (invoice === undefined) {
        noteBadCell(report.badInvoices, i + 1);
        invoice = null;
      }
    }
    if (id === null || id === undefined) {
      if (id === null) report.blankIds++;
      continue;
    }
    if (day === undefined || Number.isNaN(day)) {
      if (day !== undefined) report.blankDates++;
      continue;
    }
    let amount = 0;
    if (amountValues) {
      amount = amountValues[i] as number;
      if (Number.isNaN(amount)) {
        // A bad amount is counted already; a blank one is counted here.
        if (parseNumberCell(amounts?.cells[i]) !== undefined) report.blankAmounts++;
        continue;
      }
    }
    keptIds.push(id);
    keptDays.push(day);
    if (amountValues) keptAmounts.push(amount);
    if (invoices) keptInvoices.push(invoice);
  }
  return {
    ids: keptIds,
    days: Float64Array.from(keptDays),
    ...(amountValues ? { amounts: Float64Array.from(keptAmounts) } : {}),
    ...(invoices ? { invoices: keptInvoices } : {}),
    report,
  };
}

/**
 * The strict read of a table with nothing wrong in it, in one pass over the ranges' rows in
 * place (no copy of a column, one loop for every column of a row): the common case of a
 * formula on a clean table of one-column ranges. For anything else (a range read along a row,
 * a bad cell, a blank date or amount beside an id, a row that is not one cell, columns of
 * different heights) it returns undefined, and the ordered strict read reads the table or
 * names the problem as it always has. Cost: O(n), no allocation per cell.
 */
function readGoodTransactionRows(columns: TransactionCells): TransactionRows | undefined {
  const idRows = columns.ids.rows;
  const dateRows = columns.dates.rows;
  const amountRows = columns.amounts?.rows;
  const invoiceRows = columns.invoices?.rows;
  if (!idRows || !dateRows || (columns.amounts && !amountRows) || (columns.invoices && !invoiceRows)) return undefined;
  const n = idRows.length;
  if (dateRows.length !== n || (amountRows && amountRows.length !== n) || (invoiceRows && invoiceRows.length !== n)) return undefined;
  const keptIds = new IdColumn(n);
  const days = new Float64Array(n);
  const amountValues = amountRows ? new Float64Array(n) : undefined;
  const keptInvoices = invoiceRows ? new IdColumn(n) : undefined;
  // The parsers' number heads inline here, so a clean numeric cell costs one test.
  for (let i = 0; i < n; i++) {
    const idRow = idRows[i];
    const dateRow = dateRows[i];
    if (idRow?.length !== 1 || dateRow?.length !== 1) return undefined;
    const id = parseIdCell(idRow[0]);
    if (id === undefined) return undefined;
    keptIds.set(i, id);
    if (keptInvoices && invoiceRows) {
      const row = invoiceRows[i];
      if (row?.length !== 1) return undefined;
      const invoice = parseIdCell(row[0]);
      if (invoice === undefined) return undefined;
      keptInvoices.set(i, invoice);
    }
    const day = parseDayCell(dateRow[0]);
    if (day === undefined || (id !== null && Number.isNaN(day))) return undefined;
    days[i] = day;
    if (amountValues && amountRows) {
      const row = amountRows[i];
      if (row?.length !== 1) return undefined;
      const amount = parseNumberCell(row[0]);
      if (amount === undefined || (id !== null && Number.isNaN(amount))) return undefined;
      amountValues[i] = amount;
    }
  }
  const report: TransactionReadReport = { rows: n, badIds: noBadCells(), badDates: noBadCells(), badAmounts: noBadCells(), badInvoices: noBadCells(), blankIds: 0, blankDates: 0, blankAmounts: 0 };
  return { ids: keptIds.values(), days, ...(amountValues ? { amounts: amountValues } : {}), ...(keptInvoices ? { invoices: keptInvoices.values() } : {}), report };
}

/** A column of ids being filled: a Float64Array while every id is a number (no garbage for the collector to trace), an array from the first other one. */
class IdColumn {
  private numbers: Float64Array | undefined;
  private cells: unknown[] | undefined;

  constructor(length: number) {
    this.numbers = new Float64Array(length);
  }

  set(i: number, id: unknown): void {
    if (this.numbers) {
      if (typeof id === "number") {
        this.numbers[i] = id;
        return;
      }
      this.cells = Array.from(this.numbers) as unknown[];
      this.numbers = undefined;
    }
    (this.cells as unknown[])[i] = id;
  }

  values(): ArrayLike<unknown> {
    return this.numbers ?? (this.cells as unknown[]);
  }
}

/** {@link readTransactionRowsSteps} in one go. */
export function readTransactionRows(columns: TransactionCells, onBadCell: BadCellPolicy): TransactionRows {
  return finishSteps(readTransactionRowsSteps(columns, onBadCell));
}

// ---------------------------------------------------------------------------------------
// Strict readers of the custom functions' special arguments
// ---------------------------------------------------------------------------------------

/**
 * Reads a one-dimensional argument (one column or one row) of yes/no flags as 0/1, one per
 * customer, with {@link parseFlagCell}: blanks are 0. Cost: O(n).
 *
 * @throws CvError BAD_VALUE naming the argument, row, column and value of the first cell that is not a flag.
 * @example readFlagColumn([[true], ["N"], [""], ["yes"]], "money") // → Uint8Array [1, 0, 0, 1]
 */
export function readFlagColumn(grid: CellGrid, argument: string): Uint8Array {
  const cells = flattenList(grid, argument);
  const out = new Uint8Array(cells.length);
  cells.forEach((cell, i) => {
    const flag = parseFlagCell(cell.value);
    if (flag === undefined) {
      throw new CvError("BAD_VALUE", `${argument} row ${cell.row}, column ${cell.column}: expected ${FLAG_EXPECTED}, found ${describeValue(cell.value)}`, {
        argument,
        row: cell.row,
        column: cell.column,
        value: cell.value,
      });
    }
    out[i] = flag ? 1 : 0;
  });
  return out;
}

/**
 * Reads a one-dimensional argument (one column or one row) of open-problem counts: numbers
 * 0 or more, blanks (and #N/A) as 0, and TRUE/FALSE or yes/no as 1/0 for a column that
 * only flags a problem. Cost: O(n).
 *
 * @throws CvError BAD_VALUE naming the argument, row, column and value of the first bad or negative cell.
 * @example readProblemCounts([[2], [""], [true]], "open_problems") // → Float64Array [2, 0, 1]
 */
export function readProblemCounts(grid: CellGrid, argument: string): Float64Array {
  const cells = flattenList(grid, argument);
  const out = new Float64Array(cells.length);
  cells.forEach((cell, i) => {
    // A number (blank or #N/A = 0), else a flag (TRUE/FALSE, yes/no) as 1/0, else bad.
    const number = parseNumberCell(cell.value);
    const flag = number === undefined ? parseFlagCell(cell.value) : undefined;
    const value = number !== undefined ? (Number.isNaN(number) ? 0 : number) : flag === undefined ? undefined : flag ? 1 : 0;
    if (value === undefined || value < 0) {
      throw new CvError(
        "BAD_VALUE",
        `${argument} row ${cell.row}, column ${cell.column}: expected a count of open problems (0 or more; TRUE/FALSE also read), found ${describeValue(cell.value)}`,
        { argument, row: cell.row, column: cell.column, value: cell.value },
      );
    }
    out[i] = value;
  });
  return out;
}

/** Reads a one-dimensional argument of labels with {@link parseTextCell}, naming the first bad cell as `expected`. */
function readLabelList(grid: CellGrid, argument: string, expected: string): string[] {
  return flattenList(grid, argument).map((cell) => {
    const text = parseTextCell(cell.value);
    if (text !== undefined) return text;
    throw new CvError("BAD_VALUE", `${argument} row ${cell.row}, column ${cell.column}: expected ${expected}, found ${describeValue(cell.value)}`, {
      argument,
      row: cell.row,
      column: cell.column,
      value: cell.value,
    });
  });
}

/**
 * Reads a one-dimensional argument of stage names for stageTransitions: text and numbers as
 * trimmed text; blanks and #N/A (a row CV.STAGE could not place) as "".
 *
 * @throws CvError BAD_VALUE naming the cell for any other error value.
 */
export function readStageList(grid: CellGrid, argument: string): string[] {
  return readLabelList(grid, argument, "a stage name");
}

/**
 * Reads a one-dimensional argument of state names (a column or a row): text trimmed,
 * numbers as their text (RFM cells like 455), blanks and #N/A as "" (no state).
 *
 * @throws CvError BAD_VALUE naming the cell for any other error value.
 * @example readMarkovStates([["Active"], [""], [455]], "from_states") // → ["Active", "", "455"]
 */
export function readMarkovStates(grid: CellGrid, argument: string): string[] {
  return readLabelList(grid, argument, "a state name");
}

/** The cells of a transition-matrix range: state names (from a header row and label column) and the numbers. */
export interface TransitionCells {
  /** The state names from the header row and label column; undefined for a plain block of numbers. */
  states: string[] | undefined;
  /** The numbers, row by row, not yet checked as probabilities. */
  matrix: number[][];
  /** Rows above (and columns left of) the numbers: 1 with a header row and label column, else 0. */
  offset: number;
}

/**
 * Reads the cells of a transition-matrix range: either the table CV.MARKOVMATRIX spills (a
 * header row and a label column, recognised because the top-left cell is text that is not a
 * number, or blank) or a plain block of numbers. In a table the row labels must match the
 * column labels (ignoring case), in the same order. Numbers may be text like "25%". Messages
 * give positions within the range as selected. Cost: O(cells). The probabilities are checked
 * by the Markov model (checkTransitionMatrix), not here.
 *
 * @throws CvError BAD_VALUE for text where a probability is needed or row and column labels
 *   that differ; LENGTH_MISMATCH for a table that is not square; EMPTY_INPUT for a header alone.
 */
export function readTransitionCells(grid: CellGrid, argument: string): TransitionCells {
  const { rows, columns } = gridSize(grid, argument);
  const corner = (grid[0] as ReadonlyArray<unknown>)[0];
  const labelled = isBlank(corner) || (typeof corner === "string" && errorCodeOf(corner) === undefined && parseNumberCell(corner) === undefined);
  const offset = labelled ? 1 : 0;
  let states: string[] | undefined;
  if (labelled) {
    if (rows < 2 || columns < 2) {
      throw new CvError("EMPTY_INPUT", `${argument} has a header but no probabilities: select the whole table (header row, state names and probabilities)`, { argument });
    }
    // A label cell is text (or a number as text); an error cell reads as its code, never "[object Object]".
    const label = (value: unknown): string => (isBlank(value) ? "" : (errorCodeOf(value) ?? String(value).trim()));
    const header = (grid[0] as ReadonlyArray<unknown>).slice(1).map(label);
    const names = grid.slice(1).map((row) => label(row[0]));
    if (names.length !== header.length) {
      throw new CvError(
        "LENGTH_MISMATCH",
        `${argument} must be square (one row and one column per state): its header names ${header.length} states but it has ${names.length} rows below it`,
        { argument },
      );
    }
    names.forEach((name, i) => {
      if (name.toLowerCase() !== (header[i] as string).toLowerCase()) {
        throw new CvError(
          "BAD_VALUE",
          `${argument} row ${i + 2} is labelled ${describeValue(name)} but column ${i + 2} is ${describeValue(header[i])}: rows and columns must list the same states in the same order`,
          { argument, row: i + 2, value: name },
        );
      }
    });
    states = names;
  }
  const matrix: number[][] = [];
  for (let r = offset; r < rows; r++) {
    const source = grid[r] as ReadonlyArray<unknown>;
    const row: number[] = [];
    for (let c = offset; c < columns; c++) {
      const cell = source[c];
      const p = errorCodeOf(cell) !== undefined ? undefined : parseNumberCell(cell);
      if (p === undefined) {
        throw new CvError("BAD_VALUE", `${argument} row ${r + 1}, column ${c + 1}: expected a probability (a number between 0 and 1), found ${describeValue(cell)}`, {
          argument,
          row: r + 1,
          column: c + 1,
          value: cell,
        });
      }
      row.push(p);
    }
    matrix.push(row);
  }
  return { states, matrix, offset };
}

/**
 * Reads a segment rule table from a range: columns segment, Rmin, Rmax, Fmin, Fmax, Mmin,
 * Mmax; a blank bound is open; a first row with text in every bound column is a header and skipped.
 *
 * @throws CvError naming the row and column of a bound that is not a number, or a row without a name.
 * @example parseSegmentRules([["VIP", 5, 5, 4, 5, "", ""]])[0] // → { segment: "VIP", r: [5, 5], f: [4, 5], m: [NaN, NaN] }
 */
export function parseSegmentRules(grid: CellGrid, argument = "rules"): SegmentRule[] {
  const { columns } = gridSize(grid, argument);
  if (columns !== 7) {
    throw new CvError("LENGTH_MISMATCH", `${argument} needs 7 columns (segment, Rmin, Rmax, Fmin, Fmax, Mmin, Mmax), found ${columns}`, { argument });
  }
  const rules: SegmentRule[] = [];
  grid.forEach((row, r) => {
    const bounds = row.slice(1).map((cell) => parseNumberCell(cell));
    // A header row has text, not numbers or blanks, in every bound column ("Rmin", "Rmax", …).
    if (r === 0 && row.slice(1).every((cell) => typeof cell === "string" && !isBlank(cell) && parseNumberCell(cell) === undefined)) return;
    if (row.every((cell) => isBlank(cell))) return;
    const name = row[0];
    if (isBlank(name) || typeof name !== "string") {
      throw new CvError("BAD_VALUE", `${argument} row ${r + 1}, column 1: expected a segment name, found ${describeValue(name)}`, { argument, row: r + 1, column: 1, value: name });
    }
    bounds.forEach((b, k) => {
      if (b === undefined) {
        throw new CvError("BAD_VALUE", `${argument} row ${r + 1}, column ${k + 2}: expected a score bound or a blank, found ${describeValue(row[k + 1])}`, {
          argument,
          row: r + 1,
          column: k + 2,
          value: row[k + 1],
        });
      }
    });
    const [r0, r1, f0, f1, m0, m1] = bounds as number[];
    rules.push({ segment: name.trim(), r: [r0 as number, r1 as number], f: [f0 as number, f1 as number], m: [m0 as number, m1 as number] });
  });
  if (rules.length === 0) throw new CvError("EMPTY_INPUT", `${argument} has no rules`, { argument });
  return rules;
}

/**
 * Reads directions given as numbers (1 / −1) or words ("higher", "lower", "+", "-"), one
 * per indicator; none given means every indicator is higher-is-better.
 *
 * @throws CvError LENGTH_MISMATCH when the count differs from the indicators, BAD_VALUE for anything else.
 * @example parseDirections([1, "lower"], 2, "directions") // → [1, -1]
 */
export function parseDirections(raw: ReadonlyArray<unknown> | undefined, count: number, argument: string): Direction[] {
  if (raw === undefined) return new Array<Direction>(count).fill(1);
  if (raw.length !== count) {
    throw new CvError("LENGTH_MISMATCH", `${argument} has ${raw.length} entries but there are ${count} indicator columns`, { argument });
  }
  return raw.map((value, i) => {
    const direction = directionOf(value);
    if (direction === undefined) {
      throw new CvError(
        "BAD_VALUE",
        `${argument} entry ${i + 1}: expected 1 (higher is better) or -1 (lower is better), found ${describeValue(value)}`,
        { argument, column: i + 1, value },
      );
    }
    return direction;
  });
}

function directionOf(value: unknown): Direction | undefined {
  if (errorCodeOf(value) !== undefined) return undefined;
  if (value === 1 || value === -1) return value;
  if (value === null || value === undefined || (typeof value === "string" && value.trim() === "")) return 1;
  if (typeof value === "string") {
    const key = value.trim().toLowerCase();
    if (["+", "higher", "high", "max", "up"].includes(key)) return 1;
    if (["-", "lower", "low", "min", "down"].includes(key)) return -1;
    const n = Number(key);
    if (n === 1 || n === -1) return n;
  }
  return undefined;
}

/** The argument names a caller's messages use for the two columns of basket lines. */
export interface BasketArgumentNames {
  baskets: string;
  products: string;
}

/** How to read basket lines: the argument names for messages, and what a row with only one of its two cells filled does. */
export interface ReadBasketsOptions {
  names?: BasketArgumentNames;
  /** "error" (the default, for formulas): stop, naming the row; "skip": leave the row out and count it (the pane warns). */
  incomplete?: "error" | "skip";
}

/** The lines of a basket table, read: the basket cell and the product name of every line kept. */
export interface BasketLines {
  /** Each line's basket cell as written (matched as ids later). */
  baskets: unknown[];
  /** Each line's product name, trimmed. */
  products: string[];
  /** Rows skipped because both cells were blank (the unused end of a selection). */
  blankRows: number;
  /** Rows skipped because one of the two cells was blank (only with `incomplete: "skip"`), and the first few of them (1-based). */
  incompleteRows: number;
  firstIncompleteRows: number[];
}

/**
 * Reads basket lines (one row per basket × product): rows where both cells are blank are
 * skipped; a row with only one of them blank is an error, or skipped and counted with
 * `incomplete: "skip"`; an error value, TRUE/FALSE or a non-finite number in either cell is
 * an error. Cost: O(L).
 *
 * @throws CvError LENGTH_MISMATCH when the columns differ in length; BAD_VALUE naming the
 *   argument, row and value; EMPTY_INPUT when no line is left.
 */
export function readBasketLines(basketCells: ArrayLike<unknown>, productCells: ArrayLike<unknown>, options: ReadBasketsOptions = {}): BasketLines {
  const names = options.names ?? { baskets: "baskets", products: "products" };
  const skipIncomplete = options.incomplete === "skip";
  const n = basketCells.length;
  if (productCells.length !== n) {
    throw new CvError("LENGTH_MISMATCH", `${names.baskets} has ${n} rows but ${names.products} has ${productCells.length}; give one basket and one product per row.`, { argument: names.products });
  }
  const baskets: unknown[] = [];
  const products: string[] = [];
  let blankRows = 0;
  let incompleteRows = 0;
  const firstIncompleteRows: number[] = [];
  for (let i = 0; i < n; i++) {
    const basketCell = basketCells[i];
    const productCell = productCells[i];
    const blankBasket = isBlank(basketCell);
    const blankProduct = isBlank(productCell);
    if (blankBasket && blankProduct) {
      blankRows++;
      continue;
    }
    for (const [cell, argument] of [
      [basketCell, names.baskets],
      [productCell, names.products],
    ] as const) {
      if (errorCodeOf(cell) !== undefined || typeof cell === "boolean" || (typeof cell === "number" && !Number.isFinite(cell))) {
        throw new CvError("BAD_VALUE", `${argument} row ${i + 1}: expected ${argument === names.baskets ? "a basket id" : "a product"}, found ${describeValue(cell)}.`, { argument, row: i + 1, value: cell });
      }
    }
    if ((blankBasket || blankProduct) && skipIncomplete) {
      incompleteRows++;
      if (firstIncompleteRows.length < 5) firstIncompleteRows.push(i + 1);
      continue;
    }
    if (blankProduct) {
      throw new CvError("BAD_VALUE", `${names.products} row ${i + 1} is blank beside ${names.baskets} ${describeValue(basketCell)}: every line needs a product; fill it or remove the row.`, { argument: names.products, row: i + 1, value: productCell });
    }
    if (blankBasket) {
      throw new CvError("BAD_VALUE", `${names.baskets} row ${i + 1} is blank beside the product ${describeValue(productCell)}: every line needs a basket (an invoice or a customer id).`, { argument: names.baskets, row: i + 1, value: basketCell });
    }
    baskets.push(basketCell);
    products.push(String(productCell).trim());
  }
  if (baskets.length === 0) throw new CvError("EMPTY_INPUT", `${names.baskets} and ${names.products} hold no lines: select a basket id and a product per row.`, { argument: names.baskets });
  return { baskets, products, blankRows, incompleteRows, firstIncompleteRows };
}

