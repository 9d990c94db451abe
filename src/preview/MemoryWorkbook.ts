/**
 * An in-memory Workbook: what the task pane talks to on the preview page (no Excel, no
 * office.js) and in tests. It behaves like Excel where the pane can tell the difference:
 *
 * - sheets of cells (value, optional formula, optional number format), an active sheet, and
 *   per sheet an active cell and a selection, like Excel remembers them per sheet;
 * - Excel tables (name + range), the current region (Ctrl+*), the selection;
 * - values read as Excel's `range.values` gives them: "" for empty cells, numbers, text,
 *   booleans, error text such as "#N/A"; dates loaded from CSV are date serials with a date
 *   number format, as Excel's CSV import makes them (see {@link MemoryWorkbook.loadCsv});
 * - writes planned with the same 5 MB chunk planner as the Office workbook, one "request" a
 *   chunk, with a macrotask between chunks (so a UI paints its progress bar) and the abort
 *   signal checked between chunks.
 *
 * There is no calculation engine: a formula is stored as written and the cell shows the value
 * written alongside it (the pane computes that value with the engine anyway, so it equals
 * what Excel would calculate).
 *
 * `null` in a written row means an empty cell (it clears what was there). Note that Office.js
 * reads `null` in `range.values` as "leave unchanged"; the Office workbook maps it to "".
 */
import { blockAddress, cellAddress, parseAddress, requireFitsSheet, SHEET_COLUMNS, SHEET_ROWS } from "../workbook/address";
import { planChunks, REQUEST_LIMIT_BYTES } from "../workbook/chunks";
import { chartColumnsInTable, chartDataBlock, sectionRows } from "../workbook/summaryLayout";
import type {
  ChartSpec,
  FormatSpec,
  ResultBlock,
  SourceKind,
  SourceRange,
  SummarySheet,
  Workbook,
  WriteOptions,
  WriteValue,
} from "../workbook/Workbook";
import { parseCsv } from "./csv";
import { isoDateToSerial } from "./numberFormat";
import { mapSettingsStore, type SettingsStore } from "./settingsStore";

/** Excel's grid: 1,048,576 rows × 16,384 columns. */
export const MAX_ROWS = SHEET_ROWS;
export const MAX_COLUMNS = SHEET_COLUMNS;

/** Rows a summary chart spans (as in the Office workbook); the notes start below it. */
export const CHART_ROWS = 16;

/** The number format given to dates loaded from CSV. */
export const DATE_FORMAT = "yyyy-mm-dd";

/** One cell. Empty cells are absent (or have value "" and only a number format). */
export interface Cell {
  value: string | number | boolean;
  /** The formula as written, e.g. "=CV.SCORE(B2:D4339)"; `value` is what it shows. */
  formula?: string;
  numberFormat?: string;
  /** Bold text (the summary sheet's title and table header). */
  bold?: boolean;
}

/** A block of cells, 0-based. */
export interface Block {
  top: number;
  left: number;
  rows: number;
  columns: number;
}

/** An Excel table: a name and its range (header row included). */
export interface TableInfo extends Block {
  name: string;
  sheet: string;
}

/** A recorded conditional format (one of the parts of a FormatSpec). */
export type RecordedFormat =
  | { kind: "dataBars"; top: number; column: number; rows: number }
  | { kind: "labelColours"; top: number; column: number; rows: number; colours: Record<string, string> };

/** A chart on a sheet and the cell its top-left corner sits on. */
export interface ChartPlacement {
  spec: ChartSpec;
  top: number;
  left: number;
}

/** Options of the in-memory workbook. */
export interface MemoryWorkbookOptions {
  /** Sheets to start with (default ["Sheet1"]: a workbook always has one). */
  sheets?: string[];
  /** Where settings live (default: a fresh Map). */
  settings?: SettingsStore;
  /** The request limit writes are chunked under (default Excel's 5 MB); tests lower it. */
  requestLimitBytes?: number;
  /** Extra pause after each chunk in ms (default 0: one macrotask), to watch progress/cancel. */
  chunkDelayMs?: number;
}

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
}

class Sheet {
  /** rows[r][c]; sparse. */
  readonly rows: Array<Array<Cell | undefined> | undefined> = [];
  /** Used extent: one past the last row/column that ever held something. */
  rowCount = 0;
  columnCount = 0;
  active = { row: 0, column: 0 };
  selection: Block = { top: 0, left: 0, rows: 1, columns: 1 };
  formats: RecordedFormat[] = [];
  charts: ChartPlacement[] = [];
  summary: SummarySheet | undefined;
  constructor(public name: string) {}

  cell(row: number, column: number): Cell | undefined {
    return this.rows[row]?.[column];
  }

  /** True when the cell holds a value or a formula (a number format alone is still empty). */
  filled(row: number, column: number): boolean {
    const cell = this.rows[row]?.[column];
    return cell !== undefined && (cell.value !== "" || cell.formula !== undefined);
  }

  value(row: number, column: number): string | number | boolean {
    return this.rows[row]?.[column]?.value ?? "";
  }

  /** Writes a cell: a new value drops the old formula; the number format stays unless given. */
  set(row: number, column: number, update: { value: WriteValue; formula?: string; numberFormat?: string; bold?: boolean }): void {
    let line = this.rows[row];
    if (!line) line = this.rows[row] = [];
    const old = line[column];
    // As the Office workbook writes them: null, NaN and ±Infinity leave the cell empty.
    const value = update.value ?? "";
    const cell: Cell = { value: typeof value === "number" && !Number.isFinite(value) ? "" : value };
    const numberFormat = "numberFormat" in update ? update.numberFormat : old?.numberFormat;
    if (numberFormat !== undefined) cell.numberFormat = numberFormat;
    if (update.formula !== undefined) cell.formula = update.formula;
    if (update.bold) cell.bold = true;
    line[column] = cell;
    if (row >= this.rowCount) this.rowCount = row + 1;
    if (column >= this.columnCount) this.columnCount = column + 1;
  }

  setFormat(row: number, column: number, numberFormat: string): void {
    const cell = this.rows[row]?.[column];
    if (cell) cell.numberFormat = numberFormat;
    else this.set(row, column, { value: "", numberFormat });
  }

  clear(): void {
    this.rows.length = 0;
    this.rowCount = 0;
    this.columnCount = 0;
    this.formats = [];
    this.charts = [];
    this.summary = undefined;
    this.active = { row: 0, column: 0 };
    this.selection = { top: 0, left: 0, rows: 1, columns: 1 };
  }

  values(block: Block): unknown[][] {
    const out: unknown[][] = new Array(block.rows);
    for (let r = 0; r < block.rows; r++) {
      const line = this.rows[block.top + r];
      const row: unknown[] = new Array(block.columns);
      for (let c = 0; c < block.columns; c++) row[c] = line?.[block.left + c]?.value ?? "";
      out[r] = row;
    }
    return out;
  }
}

function abortError(): Error {
  const error = new Error("The write was cancelled.");
  error.name = "AbortError";
  return error;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function contains(outer: Block, inner: Block): boolean {
  return (
    inner.top >= outer.top &&
    inner.left >= outer.left &&
    inner.top + inner.rows <= outer.top + outer.rows &&
    inner.left + inner.columns <= outer.left + outer.columns
  );
}

function overlaps(a: Block, b: Block): boolean {
  return a.top < b.top + b.rows && b.top < a.top + a.rows && a.left < b.left + b.columns && b.left < a.left + a.columns;
}

const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * How a CSV field lands in a cell, as Excel's CSV import types it: numeric text becomes a
 * number, TRUE/FALSE booleans, ISO dates date serials with a date format (or text, on
 * request), anything else text.
 */
export function typeCsvField(text: string, dates: "serial" | "text" = "serial"): Pick<Cell, "value" | "numberFormat"> {
  const trimmed = text.trim();
  if (trimmed === "") return { value: "" };
  if (NUMBER_TEXT.test(trimmed)) return { value: Number(trimmed) };
  const upper = trimmed.toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return { value: upper === "TRUE" };
  if (dates === "serial") {
    const serial = isoDateToSerial(trimmed);
    if (serial !== undefined) return { value: serial, numberFormat: DATE_FORMAT };
  }
  return { value: text };
}

/** The in-memory workbook. See the file comment for how it mirrors Excel. */
export class MemoryWorkbook implements Workbook {
  private readonly sheets: Sheet[] = [];
  private readonly tableList: TableInfo[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly settings: SettingsStore;
  private readonly requestLimitBytes: number;
  private readonly chunkDelayMs: number;
  private activeSheetName: string;
  private changeCount = 0;
  private contentChangeCount = 0;

  constructor(options: MemoryWorkbookOptions = {}) {
    const names = options.sheets && options.sheets.length > 0 ? options.sheets : ["Sheet1"];
    for (const name of names) this.addSheet(name);
    this.activeSheetName = names[0] as string;
    this.settings = options.settings ?? mapSettingsStore();
    this.requestLimitBytes = options.requestLimitBytes ?? REQUEST_LIMIT_BYTES;
    this.chunkDelayMs = options.chunkDelayMs ?? 0;
  }

  // ---------------------------------------------------------------- change notification

  /** Calls `listener` after every change (cells, sheets, selection, formats). Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** A number that grows with every change (for React's useSyncExternalStore). */
  get version(): number {
    return this.changeCount;
  }

  /** A number that grows with every change of cells, tables, formats or charts (not of the selection). */
  get contentVersion(): number {
    return this.contentChangeCount;
  }

  private changed(kind: "content" | "selection" = "content"): void {
    this.changeCount++;
    if (kind === "content") this.contentChangeCount++;
    for (const listener of [...this.listeners]) listener();
  }

  // ---------------------------------------------------------------- sheets, selection, tables

  private addSheet(name: string): Sheet {
    if (!name.trim() || /[\\/?*[\]:]/.test(name) || name.length > 31) {
      throw new Error(`"${name}" is not a valid sheet name`);
    }
    const sheet = new Sheet(name);
    this.sheets.push(sheet);
    return sheet;
  }

  /** The sheet, matched case-insensitively as Excel does; undefined when absent. */
  private find(name: string): Sheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  private get(name: string): Sheet {
    const sheet = this.find(name);
    if (!sheet) throw new Error(`There is no sheet named "${name}" in this workbook.`);
    return sheet;
  }

  /** The active sheet's name. */
  get activeSheet(): string {
    return this.activeSheetName;
  }

  /** Makes a sheet the active one (its own active cell and selection come back with it). */
  activate(sheet: string): void {
    this.activeSheetName = this.get(sheet).name;
    this.changed("selection");
  }

  /**
   * Selects a cell or block ("B2", "A1:C9", or "Sheet!A1") on a sheet and makes that sheet
   * active. The active cell is `activeCell` (which must lie in the block) or the block's
   * top-left cell.
   */
  select(sheet: string, address: string, activeCell?: string): void {
    const target = this.get(sheet);
    const block = parseAddress(address);
    if (block.top + block.rows > MAX_ROWS || block.left + block.columns > MAX_COLUMNS) {
      throw new Error(`${address} is outside the sheet`);
    }
    let active = { row: block.top, column: block.left };
    if (activeCell !== undefined) {
      const cell = parseAddress(activeCell);
      if (!contains(block, { top: cell.top, left: cell.left, rows: 1, columns: 1 })) {
        throw new Error(`The active cell ${activeCell} is not inside ${address}`);
      }
      active = { row: cell.top, column: cell.left };
    }
    target.selection = { top: block.top, left: block.left, rows: block.rows, columns: block.columns };
    target.active = active;
    this.activeSheetName = target.name;
    this.changed("selection");
  }

  /** The active cell of a sheet (default: the active sheet), 0-based. */
  activeCell(sheet: string = this.activeSheetName): { row: number; column: number } {
    return { ...this.get(sheet).active };
  }

  /** The selection of a sheet (default: the active sheet), 0-based. */
  selection(sheet: string = this.activeSheetName): Block {
    return { ...this.get(sheet).selection };
  }

  /**
   * Adds an Excel table over a block (header row included). Names are unique in the
   * workbook and tables may not overlap, as in Excel.
   */
  addTable(name: string, sheet: string, address: string): void {
    const target = this.get(sheet);
    if (!/^[A-Za-z_\\\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*$/.test(name)) throw new Error(`"${name}" is not a valid table name`);
    if (this.tableList.some((t) => t.name.toLowerCase() === name.toLowerCase())) {
      throw new Error(`A table named "${name}" already exists`);
    }
    const block = parseAddress(address);
    const clash = this.tableList.find((t) => t.sheet === target.name && overlaps(t, block));
    if (clash) throw new Error(`${address} overlaps the table "${clash.name}"`);
    this.tableList.push({ name, sheet: target.name, top: block.top, left: block.left, rows: block.rows, columns: block.columns });
    this.changed();
  }

  /** The tables, optionally of one sheet. */
  tables(sheet?: string): TableInfo[] {
    const name = sheet === undefined ? undefined : this.get(sheet).name;
    return this.tableList.filter((t) => name === undefined || t.sheet === name).map((t) => ({ ...t }));
  }

  // ---------------------------------------------------------------- cells (for the grid and tests)

  /** Used extent of a sheet: rows and columns up to the last that ever held something. */
  extent(sheet: string): { rows: number; columns: number } {
    const s = this.get(sheet);
    return { rows: s.rowCount, columns: s.columnCount };
  }

  /** One cell, by 0-based coordinates (undefined when it was never written). */
  cellAt(sheet: string, row: number, column: number): Readonly<Cell> | undefined {
    return this.get(sheet).cell(row, column);
  }

  /** One cell by A1 address ("B2"). */
  cell(sheet: string, address: string): Readonly<Cell> | undefined {
    const { top, left } = parseAddress(address);
    return this.cellAt(sheet, top, left);
  }

  /** The value of a cell by A1 address, "" when empty. */
  value(sheet: string, address: string): string | number | boolean {
    return this.cell(sheet, address)?.value ?? "";
  }

  /** The conditional formats recorded on a sheet, in the order they were added. */
  formats(sheet: string): RecordedFormat[] {
    return this.get(sheet).formats.map((f) => ({ ...f }));
  }

  /** The charts written on a sheet. */
  charts(sheet: string): ChartSpec[] {
    return this.get(sheet).charts.map((c) => c.spec);
  }

  /** The charts written on a sheet, with the cell each is anchored at. */
  chartPlacements(sheet: string): ChartPlacement[] {
    return this.get(sheet).charts.map((c) => ({ ...c }));
  }

  /** The summary last written on a sheet by writeSummary, if any. */
  summary(sheet: string): SummarySheet | undefined {
    return this.get(sheet).summary;
  }

  /**
   * Loads CSV text onto a sheet (created if missing) at A1 or (top, left), typed as Excel's
   * CSV import does (see {@link typeCsvField}); with `tableName`, the block becomes a table.
   * Returns the loaded block's address.
   */
  loadCsv(sheet: string, csvText: string, options: LoadCsvOptions = {}): string {
    const target = this.find(sheet) ?? this.addSheet(sheet);
    const rows = parseCsv(csvText.replace(/^\uFEFF/, ""));
    while (rows.length > 0 && (rows[rows.length - 1] as string[]).every((f) => f.trim() === "")) rows.pop();
    if (rows.length === 0) throw new Error("The CSV text is empty");
    const top = options.top ?? 0;
    const left = options.left ?? 0;
    // A loop, not Math.max(...): spreading 200,000 row lengths overflows the call stack.
    let columns = 0;
    for (const r of rows) if (r.length > columns) columns = r.length;
    rows.forEach((fields, r) => {
      fields.forEach((field, c) => {
        // The header row stays text, as an Excel table's headers are.
        const typed = r === 0 ? { value: field } : typeCsvField(field, options.dates ?? "serial");
        if (typed.value === "" && typed.numberFormat === undefined) return;
        target.set(top + r, left + c, typed);
      });
    });
    const address = blockAddress(top, left, rows.length, columns);
    if (options.tableName !== undefined) this.addTable(options.tableName, target.name, address);
    this.changed();
    return address;
  }

  // ---------------------------------------------------------------- Workbook

  async readSource(kind: SourceKind): Promise<SourceRange> {
    const sheet = this.get(this.activeSheetName);
    const { row, column } = sheet.active;
    let block: Block;
    let tableName: string | undefined;
    if (kind === "table") {
      const table = this.tableList.find(
        (t) => t.sheet === sheet.name && contains(t, { top: row, left: column, rows: 1, columns: 1 }),
      );
      if (!table) {
        throw new Error(
          "The active cell is not in an Excel table. Select a cell inside your customer table first, or use the current region.",
        );
      }
      block = table;
      tableName = table.name;
    } else if (kind === "region") {
      block = this.currentRegion(sheet, row, column);
      if (block.rows === 1 && block.columns === 1 && !sheet.filled(row, column)) {
        throw new Error(
          `The active cell ${cellAddress(row, column)} is empty and has no data around it. Select a cell inside your customer table first.`,
        );
      }
    } else if (kind === "selection") {
      block = sheet.selection;
      if (!this.anyFilled(sheet, block)) {
        throw new Error("The selection is empty. Select your customer table (header row included) first.");
      }
    } else {
      throw new Error(`Unknown source "${String(kind)}"`);
    }
    tableName ??= this.tableList.find((t) => t.sheet === sheet.name && contains(t, block))?.name;
    return {
      kind,
      sheet: sheet.name,
      address: blockAddress(block.top, block.left, block.rows, block.columns),
      ...(tableName !== undefined ? { tableName } : {}),
      top: block.top,
      left: block.left,
      values: sheet.values(block),
    };
  }

  /**
   * The current region (Excel's Ctrl+*): starting from the active cell, grow the block while
   * any cell just outside it (sides and corners) is non-empty.
   */
  private currentRegion(sheet: Sheet, row: number, column: number): Block {
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

  private anyFilled(sheet: Sheet, block: Block): boolean {
    const lastRow = Math.min(block.top + block.rows, sheet.rowCount);
    const lastColumn = Math.min(block.left + block.columns, sheet.columnCount);
    for (let r = block.top; r < lastRow; r++) for (let c = block.left; c < lastColumn; c++) if (sheet.filled(r, c)) return true;
    return false;
  }

  private checkBlock(top: number, left: number, rows: number, columns: number): void {
    const ok = (n: number) => Number.isInteger(n) && n >= 0;
    if (!ok(top) || !ok(left) || !ok(rows) || !ok(columns) || top + rows > MAX_ROWS || left + columns > MAX_COLUMNS) {
      throw new Error(`The block at row ${top + 1}, column ${left + 1} of ${rows} × ${columns} cells is outside the sheet.`);
    }
  }

  async readBlock(sheet: string, top: number, left: number, rows: number, columns: number): Promise<unknown[][]> {
    this.checkBlock(top, left, rows, columns);
    return this.get(sheet).values({ top, left, rows, columns });
  }

  async occupiedCells(sheet: string, top: number, left: number, rows: number, columns: number, limit = 20): Promise<string[]> {
    this.checkBlock(top, left, rows, columns);
    const s = this.get(sheet);
    const found: string[] = [];
    const lastRow = Math.min(top + rows, s.rowCount);
    const lastColumn = Math.min(left + columns, s.columnCount);
    for (let r = top; r < lastRow && found.length < limit; r++) {
      for (let c = left; c < lastColumn && found.length < limit; c++) if (s.filled(r, c)) found.push(cellAddress(r, c));
    }
    return found;
  }

  async sheetNames(): Promise<string[]> {
    return this.sheets.map((s) => s.name);
  }

  async ensureSheet(name: string): Promise<void> {
    if (this.find(name)) return;
    this.addSheet(name);
    this.changed();
  }

  /**
   * Writes the header row and the rows in chunks planned by planChunks (as the Office
   * workbook sends them), pausing a macrotask after each so the UI can paint, and checking
   * the abort signal before each chunk. Formulas are stored; the cell shows the row value.
   */
  async writeBlock(block: ResultBlock, options: WriteOptions = {}): Promise<void> {
    const sheet = this.get(block.sheet);
    const width = block.headers.length;
    this.checkBlock(block.top, block.left, block.rows.length + 1, Math.max(width, 1));
    block.rows.forEach((row, r) => {
      if (row.length !== width) throw new Error(`Result row ${r + 1} has ${row.length} values for ${width} columns.`);
    });
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
    const { signal, onProgress } = options;
    if (signal?.aborted) throw abortError();

    // The header row goes with the first request.
    block.headers.forEach((header, c) => sheet.set(block.top, block.left + c, { value: header, formula: undefined }));
    const total = block.rows.length;
    const chunks = planChunks(block.rows, block.formulas, this.requestLimitBytes);
    if (chunks.length === 0) {
      this.changed();
      onProgress?.(0, 0);
      return;
    }
    for (let k = 0; k < chunks.length; k++) {
      if (k > 0 && signal?.aborted) throw abortError();
      const [start, end] = chunks[k] as [number, number];
      for (let r = start; r < end; r++) {
        const row = block.rows[r] as WriteValue[];
        const formulas = block.formulas?.[r];
        const sheetRow = block.top + 1 + r;
        for (let c = 0; c < width; c++) {
          const formula = formulas?.[c];
          const format = block.numberFormats?.[c];
          sheet.set(sheetRow, block.left + c, {
            value: row[c] ?? null,
            ...(typeof formula === "string" ? { formula } : {}),
            ...(format !== null && format !== undefined ? { numberFormat: format } : {}),
          });
        }
      }
      this.changed();
      onProgress?.(end, total);
      // Let the page paint the progress (a real request takes a round trip).
      await pause(this.chunkDelayMs);
    }
  }

  /**
   * Replaces a sheet the add-in owns with a block, as the Office workbook does: the sheet is
   * cleared (keeping its tab position; its tables, formats and charts go too) or added at
   * the end, then the block is written with {@link writeBlock}. The rows are checked and the
   * abort signal looked at, and the block checked to fit on a sheet, before anything is cleared.
   */
  async replaceSheet(block: ResultBlock, options: WriteOptions = {}): Promise<void> {
    const width = block.headers.length;
    block.rows.forEach((row, r) => {
      if (row.length !== width) throw new Error(`Result row ${r + 1} has ${row.length} values for ${width} columns.`);
    });
    requireFitsSheet(block.top, block.left, block.rows.length + 1, width);
    if (options.signal?.aborted) throw abortError();
    const existing = this.find(block.sheet);
    if (existing) {
      existing.clear();
      for (let i = this.tableList.length - 1; i >= 0; i--) if (this.tableList[i]?.sheet === existing.name) this.tableList.splice(i, 1);
    } else this.addSheet(block.sheet);
    this.changed();
    await this.writeBlock(block, options);
  }

  /**
   * Writes the summary sheet (created, or cleared if it exists, keeping its position) in the
   * Office workbook's layout: the title in A1 (bold), the subtitle lines under it, a blank
   * row, the table (header bold, number formats per column); when the table does not hold
   * the chart's figures, the chart-data block one column right of it (header bold); the
   * chart recorded one column right of that (or of the table), level with the table's
   * header, spanning {@link CHART_ROWS} rows; the sections one under the other a row below
   * both (title and header bold); then the notes one per cell in column A.
   */
  async writeSummary(summary: SummarySheet): Promise<void> {
    const existing = this.find(summary.name);
    const sheet = existing ?? this.addSheet(summary.name);
    sheet.clear();
    for (let i = this.tableList.length - 1; i >= 0; i--) if (this.tableList[i]?.sheet === sheet.name) this.tableList.splice(i, 1);
    let row = 0;
    sheet.set(row++, 0, { value: summary.title, bold: true });
    for (const line of summary.subtitle) sheet.set(row++, 0, { value: line });
    row++;
    const tableTop = row;
    summary.table.headers.forEach((header, c) => sheet.set(tableTop, c, { value: header, bold: true }));
    row++;
    for (const values of summary.table.rows) {
      values.forEach((value, c) => {
        const format = summary.table.numberFormats?.[c];
        sheet.set(row, c, { value, ...(format ? { numberFormat: format } : {}) });
      });
      row++;
    }
    let chartLeft = summary.table.headers.length + 1;
    if (!chartColumnsInTable(summary)) {
      // As the Office workbook does: the chart's figures beside the table, where a chart can read them.
      chartDataBlock(summary.chart).forEach((values, r) => values.forEach((value, c) => sheet.set(tableTop + r, chartLeft + c, { value, ...(r === 0 ? { bold: true } : {}) })));
      chartLeft += summary.chart.series.length + 2;
    }
    row = tableTop + Math.max(summary.table.rows.length + 1, CHART_ROWS) + 1;
    for (const section of summary.sections ?? []) {
      sheet.set(row, 0, { value: section.title, bold: true });
      section.headers.forEach((header, c) => sheet.set(row + 1, c, { value: header, bold: true }));
      section.rows.forEach((values, r) =>
        values.forEach((value, c) => {
          const format = section.numberFormats?.[c];
          sheet.set(row + 2 + r, c, { value, ...(format ? { numberFormat: format } : {}) });
        }),
      );
      row += sectionRows(section);
    }
    for (const note of summary.notes) sheet.set(row++, 0, { value: note });
    sheet.charts = [{ spec: summary.chart, top: tableTop, left: chartLeft }];
    sheet.summary = summary;
    this.changed();
  }

  /**
   * Records conditional formats. Each new one replaces earlier ones on the same column whose
   * rows overlap it (as the Office workbook clears the add-in's formats on those cells first),
   * so re-Apply does not stack them.
   */
  async applyFormats(spec: FormatSpec): Promise<void> {
    const sheet = this.get(spec.sheet);
    const added: RecordedFormat[] = [];
    if (spec.labelColours) {
      for (const [label, colour] of Object.entries(spec.labelColours.colours)) {
        if (!/^#[0-9A-Fa-f]{6}$/.test(colour)) throw new Error(`The colour of "${label}" is "${colour}", not #RRGGBB`);
      }
    }
    if (spec.dataBars && spec.dataBars.rows > 0) added.push({ kind: "dataBars", ...spec.dataBars });
    if (spec.labelColours && spec.labelColours.rows > 0) {
      added.push({ kind: "labelColours", ...spec.labelColours, colours: { ...spec.labelColours.colours } });
    }
    if (added.length === 0) return;
    for (const format of added) {
      this.checkBlock(format.top, format.column, format.rows, 1);
      sheet.formats = sheet.formats.filter(
        (old) =>
          old.column !== format.column || old.top >= format.top + format.rows || format.top >= old.top + old.rows,
      );
      sheet.formats.push(format);
    }
    this.changed();
  }

  async loadSetting(key: string): Promise<string | null> {
    return this.settings.get(key);
  }

  async saveSetting(key: string, value: string): Promise<void> {
    try {
      this.settings.set(key, value);
    } catch (e) {
      throw new Error(`Could not save the setting "${key}": ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
