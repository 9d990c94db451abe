/**
 * How Excel would behave, applied to the in-memory sheet model (./sheetModel): the grid's
 * size and what lies outside it, valid sheet and table names, what a written value becomes
 * in a cell, the current region (Ctrl+*), what the table / region / selection sources read,
 * occupied cells, result blocks written in the Office workbook's request-sized chunks, how
 * conditional formats replace and clear, what a cleared block and a deleted sheet leave,
 * how a summary sheet's layout is painted and where its chart sits, and how Excel's CSV
 * import types fields. Functions of the model, no Workbook interface: ./MemoryWorkbook
 * builds the Workbook on top of them.
 */
import { blockAddress, cellAddress, SHEET_COLUMNS, SHEET_ROWS } from "../workbook/address";
import { layoutCells, type SummaryLayout } from "../workbook/summaryLayout";
import type { ResultBlock, SourceKind, WriteValue } from "../workbook/Workbook";
import { type CsvDelimiter, detectDelimiter, parseCsv } from "./csv";
import { isoDateToSerial } from "./numberFormat";
import { contains, overlaps, type Block, type Cell, type RecordedFormat, type SheetModel, type TableInfo, type WorkbookModel } from "./sheetModel";

export { CHART_COLUMNS, CHART_ROWS } from "../workbook/summaryLayout";

/** Excel's grid: 1,048,576 rows × 16,384 columns. */
export const MAX_ROWS = SHEET_ROWS;
export const MAX_COLUMNS = SHEET_COLUMNS;

/** The number format given to dates loaded from CSV. */
export const DATE_FORMAT = "yyyy-mm-dd";

/** How loadCsv types the fields and where it puts them. */
export interface LoadCsvOptions {
  /** Makes the loaded block an Excel table with this name. */
  tableName?: string;
  /** Top-left cell (default A1). */
  top?: number;
  left?: number;
  /**
   * ISO dates (yyyy-mm-dd) become date serials with number format "yyyy-mm-dd" ("serial",
   * the default, as Excel's CSV import does), or stay text ("text").
   */
  dates?: "serial" | "text";
  /** The field separator (default: read from the header line, see detectDelimiter in ./csv). */
  delimiter?: CsvDelimiter;
}

/** The error a cancelled write rejects with (named "AbortError", as the Office workbook's). */
export function abortError(): Error {
  const error = new Error("The write was cancelled.");
  error.name = "AbortError";
  return error;
}

// ---------------------------------------------------------------- names and the grid

/** Checks a sheet name as Excel does: not blank, at most 31 characters, none of \ / ? * [ ] :. */
export function checkSheetName(name: string): void {
  if (!name.trim() || /[\\/?*[\]:]/.test(name) || name.length > 31) {
    throw new Error(`"${name}" is not a valid sheet name`);
  }
}

/** Checks that a block lies on the grid (whole, non-negative coordinates and sizes). */
export function checkBlock(top: number, left: number, rows: number, columns: number): void {
  const ok = (n: number) => Number.isInteger(n) && n >= 0;
  if (!ok(top) || !ok(left) || !ok(rows) || !ok(columns) || top + rows > MAX_ROWS || left + columns > MAX_COLUMNS) {
    throw new Error(`The block at row ${top + 1}, column ${left + 1} of ${rows} × ${columns} cells is outside the sheet.`);
  }
}

/**
 * Adds an Excel table over a block (header row included). Names are valid Excel names,
 * unique in the workbook ignoring case, and tables may not overlap, as in Excel.
 */
export function addTable(model: WorkbookModel, name: string, sheet: SheetModel, block: Block, address: string): void {
  if (!/^[A-Za-z_\\\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*$/.test(name)) throw new Error(`"${name}" is not a valid table name`);
  if (model.tables.some((t) => t.name.toLowerCase() === name.toLowerCase())) {
    throw new Error(`A table named "${name}" already exists`);
  }
  const clash = model.tables.find((t) => t.sheet === sheet.name && overlaps(t, block));
  if (clash) throw new Error(`${address} overlaps the table "${clash.name}"`);
  model.tables.push({ name, sheet: sheet.name, top: block.top, left: block.left, rows: block.rows, columns: block.columns });
}

// ---------------------------------------------------------------- cells

/** What a written value shows in a cell, as the Office workbook writes it: null, NaN and ±Infinity leave the cell empty. */
export function cellValue(value: WriteValue | undefined): Cell["value"] {
  const v = value ?? "";
  return typeof v === "number" && !Number.isFinite(v) ? "" : v;
}

/** Writes one cell as Excel would: the value (see {@link cellValue}) drops an old formula; the number format stays unless given. */
export function writeCell(
  sheet: SheetModel,
  row: number,
  column: number,
  update: { value: WriteValue | undefined; formula?: string; numberFormat?: string; bold?: boolean },
): void {
  sheet.set(row, column, { ...update, value: cellValue(update.value) });
}

// ---------------------------------------------------------------- reading: region, sources, occupied cells

/**
 * The current region (Excel's Ctrl+*): starting from a cell, grow the block while any cell
 * just outside it (sides and corners) is non-empty.
 */
export function currentRegion(sheet: SheetModel, row: number, column: number): Block {
  let top = row;
  let bottom = row;
  let left = column;
  let right = column;
  const anyInRow = (r: number, c0: number, c1: number) => {
    if (r < 0 || r >= sheet.rowCount) return false;
    for (let c = Math.max(c0, 0); c <= Math.min(c1, sheet.columnCount - 1); c++) if (sheet.filled(r, c)) return true;
    return false;
  };
  const anyInColumn = (c: number, r0: number, r1: number) => {
    if (c < 0 || c >= sheet.columnCount) return false;
    for (let r = Math.max(r0, 0); r <= Math.min(r1, sheet.rowCount - 1); r++) if (sheet.filled(r, c)) return true;
    return false;
  };
  let grown = true;
  while (grown) {
    grown = false;
    while (anyInRow(top - 1, left - 1, right + 1)) {
      top--;
      grown = true;
    }
    while (anyInRow(bottom + 1, left - 1, right + 1)) {
      bottom++;
      grown = true;
    }
    while (anyInColumn(left - 1, top - 1, bottom + 1)) {
      left--;
      grown = true;
    }
    while (anyInColumn(right + 1, top - 1, bottom + 1)) {
      right++;
      grown = true;
    }
  }
  return { top, left, rows: bottom - top + 1, columns: right - left + 1 };
}

/** True when some cell of the block holds a value or a formula. */
export function anyFilled(sheet: SheetModel, block: Block): boolean {
  const lastRow = Math.min(block.top + block.rows, sheet.rowCount);
  const lastColumn = Math.min(block.left + block.columns, sheet.columnCount);
  for (let r = block.top; r < lastRow; r++) for (let c = block.left; c < lastColumn; c++) if (sheet.filled(r, c)) return true;
  return false;
}

/**
 * The block a source reads on the active sheet, as Excel finds it: the table holding the
 * active cell, the active cell's current region, or the selection; and the table it lies in.
 *
 * @throws Error with a readable message when there is nothing there.
 */
export function sourceBlock(model: WorkbookModel, sheet: SheetModel, kind: SourceKind): { block: Block; tableName?: string } {
  const { row, column } = sheet.active;
  let block: Block;
  let tableName: string | undefined;
  if (kind === "table") {
    const table = model.tables.find((t) => t.sheet === sheet.name && contains(t, { top: row, left: column, rows: 1, columns: 1 }));
    if (!table) {
      throw new Error("The active cell is not in an Excel table. Select a cell inside your customer table first, or use the current region.");
    }
    block = table;
    tableName = table.name;
  } else if (kind === "region") {
    block = currentRegion(sheet, row, column);
    if (block.rows === 1 && block.columns === 1 && !sheet.filled(row, column)) {
      throw new Error(
        `The active cell ${cellAddress(row, column)} is empty and has no data around it. Select a cell inside your customer table first.`,
      );
    }
  } else if (kind === "selection") {
    block = sheet.selection;
    if (!anyFilled(sheet, block)) {
      throw new Error("The selection is empty. Select your customer table (header row included) first.");
    }
  } else {
    throw new Error(`Unknown source "${String(kind)}"`);
  }
  tableName ??= model.tables.find((t: TableInfo) => t.sheet === sheet.name && contains(t, block))?.name;
  return { block, ...(tableName !== undefined ? { tableName } : {}) };
}

/** A1 addresses of the non-empty cells of a block, row by row, at most `limit`. */
export function occupiedCells(sheet: SheetModel, block: Block, limit: number): string[] {
  const found: string[] = [];
  const lastRow = Math.min(block.top + block.rows, sheet.rowCount);
  const lastColumn = Math.min(block.left + block.columns, sheet.columnCount);
  for (let r = block.top; r < lastRow && found.length < limit; r++) {
    for (let c = block.left; c < lastColumn && found.length < limit; c++) if (sheet.filled(r, c)) found.push(cellAddress(r, c));
  }
  return found;
}

// ---------------------------------------------------------------- writing result blocks

/** Checks a result block's shape (rows, formulas, number formats against the headers) and that it lies on the grid. */
export function checkResultBlock(block: ResultBlock): void {
  const width = block.headers.length;
  checkBlock(block.top, block.left, block.rows.length + 1, Math.max(width, 1));
  checkRows(block);
  if (block.formulas) {
    if (block.formulas.length !== block.rows.length) {
      throw new Error(`There are ${block.formulas.length} formula rows for ${block.rows.length} result rows.`);
    }
    block.formulas.forEach((row, r) => {
      if (row.length !== width) throw new Error(`Formula row ${r + 1} has ${row.length} cells for ${width} columns.`);
    });
  }
  if (block.numberFormats && block.numberFormats.length !== width) {
    throw new Error(`There are ${block.numberFormats.length} number formats for ${width} columns.`);
  }
}

/** Checks that every result row has one value per header. */
export function checkRows(block: ResultBlock): void {
  const width = block.headers.length;
  block.rows.forEach((row, r) => {
    if (row.length !== width) throw new Error(`Result row ${r + 1} has ${row.length} values for ${width} columns.`);
  });
}

/** Writes a result block's header row (it goes with the first request). */
export function writeHeader(sheet: SheetModel, block: ResultBlock): void {
  block.headers.forEach((header, c) => writeCell(sheet, block.top, block.left + c, { value: header, formula: undefined }));
}

/**
 * Writes rows [start, end) of a result block, one request's worth as planChunks plans them:
 * values, the formula where there is one (the cell shows the row's value, there being no
 * calculation engine), and the column's number format.
 */
export function writeRows(sheet: SheetModel, block: ResultBlock, start: number, end: number): void {
  const width = block.headers.length;
  for (let r = start; r < end; r++) {
    const row = block.rows[r] as WriteValue[];
    const formulas = block.formulas?.[r];
    const sheetRow = block.top + 1 + r;
    for (let c = 0; c < width; c++) {
      const formula = formulas?.[c];
      const format = block.numberFormats?.[c];
      writeCell(sheet, sheetRow, block.left + c, {
        value: row[c] ?? null,
        ...(typeof formula === "string" ? { formula } : {}),
        ...(format !== null && format !== undefined ? { numberFormat: format } : {}),
      });
    }
  }
}

// ---------------------------------------------------------------- conditional formats, clearing, deleting

/**
 * Records conditional formats: each replaces earlier ones on the same column whose rows
 * overlap it, as the Office workbook clears the add-in's formats on those cells first.
 */
export function replaceFormats(sheet: SheetModel, added: RecordedFormat[]): void {
  for (const format of added) {
    sheet.formats = sheet.formats.filter(
      (old) => old.column !== format.column || old.top >= format.top + format.rows || format.top >= old.top + old.rows,
    );
    sheet.formats.push(format);
  }
}

/**
 * Clears a block as Excel's `Range.clear("All")` plus `conditionalFormats.clearAll()` do:
 * its cells become absent (no value, formula, number format or bold), and the recorded
 * formats lose the rows inside it (a format partly inside keeps the rows above and below).
 * Tables and charts stay, as in Excel.
 */
export function clearCells(sheet: SheetModel, block: Block): void {
  sheet.remove(block);
  const kept: RecordedFormat[] = [];
  for (const format of sheet.formats) {
    const area = { top: format.top, left: format.column, rows: format.rows, columns: format.kind === "colourScale" ? format.columns : 1 };
    if (!overlaps(area, block)) {
      kept.push(format);
      continue;
    }
    const above = block.top - format.top;
    const below = format.top + format.rows - (block.top + block.rows);
    if (above > 0) kept.push(part(format, format.top, above));
    if (below > 0) kept.push(part(format, block.top + block.rows, below));
  }
  sheet.formats = kept;
}

function part(format: RecordedFormat, top: number, rows: number): RecordedFormat {
  return format.kind === "labelColours" ? { ...format, top, rows, colours: { ...format.colours } } : { ...format, top, rows };
}

/** Empties a sheet and forgets its tables (what replaceSheet and writeSummary start from, and a last sheet's "delete"). */
export function emptySheet(model: WorkbookModel, sheet: SheetModel): void {
  sheet.clear();
  model.dropTables(sheet.name);
}

/**
 * Deletes a sheet as Excel does: when it is active, the next sheet to its right (else to its
 * left) becomes active. The last sheet cannot go (a workbook keeps one): it is emptied instead.
 */
export function deleteSheet(model: WorkbookModel, sheet: SheetModel): void {
  const at = model.sheets.indexOf(sheet);
  if (model.sheets.length <= 1) {
    emptySheet(model, sheet);
    return;
  }
  if (model.activeSheetName === sheet.name) {
    const next = model.sheets[at + 1] ?? model.sheets[at - 1];
    if (next) model.activeSheetName = next.name;
  }
  model.remove(sheet);
}

// ---------------------------------------------------------------- the summary sheet

/**
 * Paints a summary layout (computed by layoutSummary, as the Office workbook paints it) on an
 * emptied sheet: every cell with its value, number format and bold (font sizes are not kept
 * in this model), and the charts over the cells the layout gives, reading the cells they name:
 * the main chart (if any) first, then the section charts in section order.
 */
export function paintSummary(sheet: SheetModel, layout: SummaryLayout): void {
  for (const cell of layoutCells(layout)) {
    writeCell(sheet, cell.row, cell.column, {
      value: cell.value,
      ...(cell.numberFormat !== undefined ? { numberFormat: cell.numberFormat } : {}),
      ...(cell.bold ? { bold: true } : {}),
    });
  }
  const charts = layout.chart ? [layout.chart, ...layout.sectionCharts] : layout.sectionCharts;
  sheet.charts = charts.map((chart) => ({
    spec: chart.spec,
    top: chart.top,
    left: chart.left,
    rows: chart.rows,
    columns: chart.columns,
    categories: { ...chart.categories },
    series: chart.series.map((s) => ({ ...s.values })),
  }));
  sheet.formats.push(...layout.colourScales.map((a): RecordedFormat => ({ kind: "colourScale", top: a.top, column: a.left, rows: a.rows, columns: a.columns })));
}

// ---------------------------------------------------------------- CSV import

const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** A number written with a decimal comma ("12,5"), as semicolon-separated (European) files have them. */
const DECIMAL_COMMA_TEXT = /^[+-]?(?:\d+,\d+|,\d+)(?:[eE][+-]?\d+)?$/;
/** A percentage ("12%", "-7.5 %"): the number before the sign, with a decimal point or comma. */
const PERCENT_TEXT = /^([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s?%$/;
/** An ISO date and time ("2010-12-01 08:26", "2010-12-01T08:26:00"). */
const DATE_TIME_TEXT = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/;

/** The number format given to ISO date-times loaded from CSV (with seconds: "yyyy-mm-dd hh:mm:ss"). */
export const DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm";

/**
 * How a CSV field lands in a cell, as Excel's CSV import types it: numeric text becomes a
 * number (no thousands separators: "12,345" stays text; with `decimal` ",", as in
 * semicolon-separated files, "12,5" is 12.5), "12%" the number 0.12 with format "0%"
 * ("12.5%": "0.00%"), TRUE/FALSE booleans, ISO dates date serials with format "yyyy-mm-dd"
 * and ISO date-times ("2010-12-01 08:26") serials with the time as the fraction and format
 * "yyyy-mm-dd hh:mm" (or all of these dates text, on request), anything else text.
 * Cost: a few regular-expression tests.
 *
 * @example typeCsvField("2010-12-01 08:26") // → { value: 40513.35138…, numberFormat: "yyyy-mm-dd hh:mm" }
 * @example typeCsvField("12%") // → { value: 0.12, numberFormat: "0%" }
 */
export function typeCsvField(text: string, dates: "serial" | "text" = "serial", decimal: "." | "," = "."): Pick<Cell, "value" | "numberFormat"> {
  const trimmed = text.trim();
  if (trimmed === "") return { value: "" };
  if (NUMBER_TEXT.test(trimmed)) return { value: Number(trimmed) };
  if (decimal === "," && DECIMAL_COMMA_TEXT.test(trimmed)) return { value: Number(trimmed.replace(",", ".")) };
  const percent = PERCENT_TEXT.exec(trimmed);
  if (percent && (decimal === "," || !(percent[1] as string).includes(","))) {
    const digits = (percent[1] as string).replace(",", ".");
    // "e-2" parses the decimal text exactly: 7.3 / 100 would give 0.07300000000000001.
    return { value: Number(`${digits}e-2`), numberFormat: digits.includes(".") ? "0.00%" : "0%" };
  }
  const upper = trimmed.toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return { value: upper === "TRUE" };
  if (dates === "serial") {
    const serial = isoDateToSerial(trimmed);
    if (serial !== undefined) return { value: serial, numberFormat: DATE_FORMAT };
    const dateTime = DATE_TIME_TEXT.exec(trimmed);
    if (dateTime) {
      const day = isoDateToSerial(dateTime[1] as string);
      const [hours, minutes, seconds] = [Number(dateTime[2]), Number(dateTime[3]), Number(dateTime[4] ?? 0)];
      if (day !== undefined && hours < 24 && minutes < 60 && seconds < 60) {
        return { value: day + (hours * 3600 + minutes * 60 + seconds) / 86_400, numberFormat: dateTime[4] === undefined ? DATE_TIME_FORMAT : `${DATE_TIME_FORMAT}:ss` };
      }
    }
  }
  return { value: text };
}

/**
 * Puts CSV text on a sheet from (top, left), typed as Excel's CSV import does (the header
 * row stays text): a UTF-8 byte-order mark is dropped, the separator (comma, semicolon or
 * tab) is read from the header line unless given, a semicolon file's numbers may use a
 * decimal comma, trailing blank lines are dropped. Returns the loaded block. Cost: one pass
 * to parse, one to type and store.
 *
 * @throws Error when the text has no rows, or more rows or columns than a worksheet holds
 *   (nothing is written then).
 * @example importCsv(sheet, "id;amount\n1;2,5\n") // → A1:B2, B2 holds 2.5
 */
export function importCsv(sheet: SheetModel, csvText: string, options: LoadCsvOptions = {}): Block & { address: string } {
  const text = csvText.replace(/^\uFEFF/, "");
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const rows = parseCsv(text, delimiter);
  while (rows.length > 0 && (rows[rows.length - 1] as string[]).every((f) => f.trim() === "")) rows.pop();
  if (rows.length === 0) throw new Error("The CSV text is empty");
  const top = options.top ?? 0;
  const left = options.left ?? 0;
  // A loop, not Math.max(...): spreading 200,000 row lengths overflows the call stack.
  let columns = 0;
  for (const r of rows) if (r.length > columns) columns = r.length;
  if (top + rows.length > MAX_ROWS) {
    throw new Error(`The CSV has ${rows.length.toLocaleString("en")} rows; a worksheet holds ${MAX_ROWS.toLocaleString("en")} rows.`);
  }
  if (left + columns > MAX_COLUMNS) {
    throw new Error(`The CSV has ${columns.toLocaleString("en")} columns; a worksheet holds ${MAX_COLUMNS.toLocaleString("en")} columns.`);
  }
  const decimal = delimiter === ";" ? "," : ".";
  rows.forEach((fields, r) => {
    fields.forEach((field, c) => {
      // The header row stays text, as an Excel table's headers are.
      const typed = r === 0 ? { value: field } : typeCsvField(field, options.dates ?? "serial", decimal);
      if (typed.value === "" && typed.numberFormat === undefined) return;
      sheet.set(top + r, left + c, typed);
    });
  });
  return { top, left, rows: rows.length, columns, address: blockAddress(top, left, rows.length, columns) };
}

/** One cell as a file reader hands it to {@link importCells}: its value, and the number format and formula it had. */
export interface LoadedCell {
  value: string | number | boolean;
  numberFormat?: string;
  formula?: string;
}

/**
 * Puts already-typed cells on a sheet from (top, left) (an .xlsx reader's output: numbers,
 * booleans, text, date serials with their number format, formulas as written). Blank cells
 * (empty text, no format, no formula) are left absent; trailing blank rows are dropped.
 * Returns the loaded block.
 *
 * @throws Error when there are no cells.
 */
export function importCells(sheet: SheetModel, rows: ReadonlyArray<ReadonlyArray<LoadedCell | undefined>>, options: Pick<LoadCsvOptions, "top" | "left"> = {}): Block & { address: string } {
  const isBlank = (cell: LoadedCell | undefined) => cell === undefined || (cell.value === "" && cell.numberFormat === undefined && cell.formula === undefined);
  let count = rows.length;
  while (count > 0 && (rows[count - 1] as ReadonlyArray<LoadedCell | undefined>).every(isBlank)) count--;
  if (count === 0) throw new Error("The sheet has no cells");
  const top = options.top ?? 0;
  const left = options.left ?? 0;
  let columns = 0;
  for (let r = 0; r < count; r++) {
    const row = rows[r] as ReadonlyArray<LoadedCell | undefined>;
    if (row.length > columns) columns = row.length;
    row.forEach((cell, c) => {
      if (cell === undefined || isBlank(cell)) return;
      sheet.set(top + r, left + c, {
        value: cell.value,
        ...(cell.numberFormat !== undefined ? { numberFormat: cell.numberFormat } : {}),
        ...(cell.formula !== undefined ? { formula: cell.formula } : {}),
      });
    });
  }
  checkBlock(top, left, count, columns);
  return { top, left, rows: count, columns, address: blockAddress(top, left, count, columns) };
}
