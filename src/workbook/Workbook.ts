/**
 * The small interface the task pane talks to instead of Office.js. `src/office` implements
 * it with Excel (Office.js), `src/preview` in memory (the preview page and tests). All
 * positions are 0-based sheet coordinates (row 0 = sheet row 1, column 0 = column A).
 */
import type { ChartData, ResultCell, ResultTable } from "../engine/analyses/types";

/** Where the customer table comes from: the Excel table under the cursor, the current region, or the selection. */
export type SourceKind = "table" | "region" | "selection";

/** A block of cells read from a sheet: the customer table, header row included when there is one. */
export interface SourceRange {
  kind: SourceKind;
  sheet: string;
  /** A1 address on the sheet without the sheet name, e.g. "A1:K4339". */
  address: string;
  /** The Excel table's name when kind is "table" (or the range lies in one). */
  tableName?: string;
  /** 0-based sheet row and column of the top-left cell. */
  top: number;
  left: number;
  /** Every cell, rows × columns, as Excel gives values (numbers, strings, booleans, "" for empty, error strings like "#N/A"). */
  values: unknown[][];
  /**
   * Each column's number format as its first row under the header has it (e.g. "£#,##0.00",
   * "yyyy-mm-dd", "General"), so results in the same unit (money) can be shown the way the
   * user's data is. Absent when the source has no row under the header.
   */
  numberFormats?: string[];
}

/** A cell value the pane writes: text, number, boolean or empty (null). */
export type WriteValue = ResultCell;

/** A rectangular block of result columns to write: a header row and one row per customer. */
export interface ResultBlock {
  sheet: string;
  /** 0-based sheet row of the header row, and column of the first result column. */
  top: number;
  left: number;
  headers: string[];
  /** rows × headers.length values, one row per customer, in table order. */
  rows: WriteValue[][];
  /**
   * Optional live formulas, same shape as rows: where a cell's formula is a string
   * (e.g. "=CV.SCORE(...)"), it is written instead of the value. Only the top-left cell of a
   * spilling formula carries one; the others are null.
   */
  formulas?: (string | null)[][];
  /** Optional number format per column (e.g. "0.0", "0.0%"), null = leave as is. */
  numberFormats?: (string | null)[];
}

/** Progress and cancellation for long writes. */
export interface WriteOptions {
  /** Called after each chunk with rows written so far and the total. */
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
  /** Aborting stops before the next chunk; the write rejects with an Error named "AbortError". */
  signal?: AbortSignal;
}

/** A native chart on the summary sheet: the engine's chart data (bar, column or line; categories, series, axis titles). */
export type ChartSpec = ChartData;

/** A small extra table on the summary sheet, below the main table and the chart: a bold title, a bold header row, then the rows (the engine's result table). */
export type SummarySection = ResultTable;

/** The summary sheet: a title, a table of per-group figures, a chart and the model in words. */
export interface SummarySheet {
  /** Sheet name, e.g. "CV Pyramid summary"; replaced if it exists. */
  name: string;
  title: string;
  /** Lines under the title: as-of date, run time, source. */
  subtitle: string[];
  table: { headers: string[]; rows: WriteValue[][]; numberFormats?: (string | null)[] };
  chart: ChartSpec;
  /**
   * Extra tables (e.g. fitted parameters a formula can refer to), one under the other
   * below the table and the chart, a blank row after each; the notes follow them.
   */
  sections?: SummarySection[];
  /** The model in words and numbers, one line a cell. */
  notes: string[];
}

/** Conditional formatting for the result columns. */
export interface FormatSpec {
  sheet: string;
  /** Data bars on a score column: its 0-based first data row, column and row count. */
  dataBars?: { top: number; column: number; rows: number };
  /** Fill colours per label on a label column (tier colours). Colours are "#RRGGBB". */
  labelColours?: { top: number; column: number; rows: number; colours: Record<string, string> };
}

/**
 * Everything the task pane needs from a workbook. Implementations batch their work: no
 * per-cell calls, and writes chunked under Excel's 5 MB request limit.
 */
export interface Workbook {
  /** Reads the customer table the user points at. Rejects with a readable message when there is nothing there. */
  readSource(kind: SourceKind): Promise<SourceRange>;
  /** Reads the values of a block (e.g. the row right of a table, to find earlier CV columns). */
  readBlock(sheet: string, top: number, left: number, rows: number, columns: number): Promise<unknown[][]>;
  /** A1 addresses (e.g. "L2") of the non-empty cells in a block, at most `limit` of them (default 20). */
  occupiedCells(sheet: string, top: number, left: number, rows: number, columns: number, limit?: number): Promise<string[]>;
  /** Sheet names in order. */
  sheetNames(): Promise<string[]>;
  /** Adds an empty sheet (no-op if it exists). */
  ensureSheet(name: string): Promise<void>;
  /**
   * Deletes a sheet the add-in owns (e.g. "CV Rules" when an analysis no longer writes it);
   * no-op when there is no sheet of that name. Deleting the active sheet is fine: the next
   * visible sheet to its right (else to its left) becomes active, as in Excel. Excel refuses
   * to delete the last visible sheet of a workbook: that sheet is cleared instead (contents,
   * formats, conditional formats, charts and tables go) and stays, empty, under its name.
   * Never use it on a user's sheet.
   *
   * @example await workbook.deleteSheet("CV Rules");
   */
  deleteSheet(name: string): Promise<void>;
  /**
   * Clears a block of `rows` × `columns` cells from (top, left): contents and formats (value,
   * formula, number format, bold), and the conditional formats this add-in added on those
   * cells (data bars, label colours), so the cells are as new. Large blocks are cleared in
   * chunks under Excel's request limits. No-op when the sheet does not exist or `rows` or
   * `columns` is 0.
   *
   * @throws Error when the block does not fit on a sheet.
   * @example await workbook.clearBlock("Customers", 0, 11, 4339, 3); // L1:N4339, e.g. earlier CV columns
   */
  clearBlock(sheet: string, top: number, left: number, rows: number, columns: number): Promise<void>;
  /** Writes a block of results, in chunks, reporting progress; honours the abort signal between chunks. */
  writeBlock(block: ResultBlock, options?: WriteOptions): Promise<void>;
  /**
   * Replaces a whole sheet the add-in owns (e.g. "CV Rules") with a block: the sheet is
   * deleted if it exists and added again at the same tab position, so nothing of an earlier,
   * longer write stays behind; then the block is written from block.top / block.left in
   * chunks as writeBlock writes them (progress, abort between chunks), and its columns are
   * fitted to their contents. Never use it on a user's sheet.
   */
  replaceSheet(block: ResultBlock, options?: WriteOptions): Promise<void>;
  /** Writes (or rewrites) the summary sheet with its table and native chart. */
  writeSummary(summary: SummarySheet): Promise<void>;
  /** Adds conditional formats (data bars, label colours), replacing ones this add-in added before on the same cells. */
  applyFormats(spec: FormatSpec): Promise<void>;
  /** Reads a document setting saved with the workbook, null when absent. */
  loadSetting(key: string): Promise<string | null>;
  /** Saves a document setting with the workbook. */
  saveSetting(key: string, value: string): Promise<void>;
}
