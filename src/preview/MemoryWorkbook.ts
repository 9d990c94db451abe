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
 *   signal checked between chunks;
 * - the summary sheet painted from the same layout (src/workbook/summaryLayout) as the
 *   Office workbook paints.
 *
 * Formulas written through the Workbook interface (the pane's live formulas) or loaded from a
 * file are stored as written and the cell shows the value written alongside it (the pane
 * computes that value with the engine anyway, so it equals what Excel would calculate).
 * Formulas typed into a cell ({@link MemoryWorkbook.editCell}) calculate: CV.* functions run
 * the add-in's own custom functions and their arrays spill as Excel's dynamic arrays do, and
 * dependent formulas recalculate when a cell they read changes (./formulas/recalc).
 *
 * `null` in a written row means an empty cell (it clears what was there). Note that Office.js
 * reads `null` in `range.values` as "leave unchanged"; the Office workbook maps it to "".
 *
 * Three files: ./sheetModel holds the data (cells, blocks, tables, extents), ./excelEmulation
 * how Excel would treat it, and this class the Workbook interface on top of the two, with
 * change notification and the accessors the preview grid and tests use.
 */
import { blockAddress, parseAddress, requireFitsSheet } from "../workbook/address";
import { planChunks, REQUEST_LIMIT_BYTES } from "../workbook/chunks";
import { layoutSummary } from "../workbook/summaryLayout";
import type { ChartSpec, FormatSpec, ResultBlock, SourceKind, SourceRange, SummarySheet, Workbook, WriteOptions } from "../workbook/Workbook";
import {
  abortError,
  addTable,
  checkBlock,
  checkResultBlock,
  checkRows,
  checkSheetName,
  clearCells,
  deleteSheet,
  emptySheet,
  importCells,
  importCsv,
  type LoadedCell,
  MAX_COLUMNS,
  MAX_ROWS,
  occupiedCells,
  paintSummary,
  replaceFormats,
  sourceBlock,
  writeHeader,
  writeRows,
  type LoadCsvOptions,
} from "./excelEmulation";
import { typeEntry } from "./formulas/entry";
import { FormulaEngine, type ChangedArea, type FormulaEngineOptions } from "./formulas/recalc";
import { mapSettingsStore, type SettingsStore } from "./settingsStore";
import { contains, WorkbookModel, type Block, type Cell, type ChartPlacement, type RecordedFormat, type SheetModel, type TableInfo } from "./sheetModel";

export { CHART_COLUMNS, CHART_ROWS, DATE_FORMAT, MAX_COLUMNS, MAX_ROWS, typeCsvField, type LoadCsvOptions } from "./excelEmulation";
export type { Block, Cell, ChartPlacement, RecordedFormat, TableInfo } from "./sheetModel";

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
  /** Where typed CV.* formulas find the functions (default: functions.json beside the page, the real functions); tests inject a catalogue. */
  formulas?: FormulaEngineOptions;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The in-memory workbook. See the file comment for how it mirrors Excel. */
export class MemoryWorkbook implements Workbook {
  private readonly model = new WorkbookModel();
  private readonly listeners = new Set<() => void>();
  private readonly settings: SettingsStore;
  private readonly requestLimitBytes: number;
  private readonly chunkDelayMs: number;
  private changeCount = 0;
  private contentChangeCount = 0;
  private readonly engine: FormulaEngine;
  /** The recalculations run one after another: the chain's tail, and how many are queued. */
  private calculation: Promise<void> = Promise.resolve();
  private queuedCalculations = 0;

  constructor(options: MemoryWorkbookOptions = {}) {
    const names = options.sheets && options.sheets.length > 0 ? options.sheets : ["Sheet1"];
    for (const name of names) this.addSheet(name);
    this.model.activeSheetName = names[0] as string;
    this.settings = options.settings ?? mapSettingsStore();
    this.requestLimitBytes = options.requestLimitBytes ?? REQUEST_LIMIT_BYTES;
    this.chunkDelayMs = options.chunkDelayMs ?? 0;
    this.engine = new FormulaEngine(this.model, options.formulas);
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

  private addSheet(name: string): SheetModel {
    checkSheetName(name);
    return this.model.add(name);
  }

  /** The sheet, matched case-insensitively as Excel does; undefined when absent. */
  private find(name: string): SheetModel | undefined {
    return this.model.find(name);
  }

  private get(name: string): SheetModel {
    const sheet = this.find(name);
    if (!sheet) throw new Error(`There is no sheet named "${name}" in this workbook.`);
    return sheet;
  }

  /** The active sheet's name. */
  get activeSheet(): string {
    return this.model.activeSheetName;
  }

  /** Makes a sheet the active one (its own active cell and selection come back with it). */
  activate(sheet: string): void {
    this.model.activeSheetName = this.get(sheet).name;
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
    this.model.activeSheetName = target.name;
    this.changed("selection");
  }

  /** The active cell of a sheet (default: the active sheet), 0-based. */
  activeCell(sheet: string = this.model.activeSheetName): { row: number; column: number } {
    return { ...this.get(sheet).active };
  }

  /** The selection of a sheet (default: the active sheet), 0-based. */
  selection(sheet: string = this.model.activeSheetName): Block {
    return { ...this.get(sheet).selection };
  }

  /**
   * Adds an Excel table over a block (header row included). Names are unique in the
   * workbook and tables may not overlap, as in Excel.
   */
  addTable(name: string, sheet: string, address: string): void {
    addTable(this.model, name, this.get(sheet), parseAddress(address), address);
    this.changed();
  }

  /** The tables, optionally of one sheet. */
  tables(sheet?: string): TableInfo[] {
    const name = sheet === undefined ? undefined : this.get(sheet).name;
    return this.model.tables.filter((t) => name === undefined || t.sheet === name).map((t) => ({ ...t }));
  }

  // ---------------------------------------------------------------- cells (for the grid and tests)

  /** Used extent of a sheet: rows and columns up to the last that ever held something. */
  extent(sheet: string): { rows: number; columns: number } {
    const s = this.get(sheet);
    return { rows: s.rowCount, columns: s.columnCount };
  }

  /** One cell, by 0-based coordinates (undefined when it was never written, or was cleared). */
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

  /** The charts written on a sheet, with the cell each is anchored at, the cells it covers and those it reads. */
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
    const loaded = importCsv(target, csvText, options);
    if (options.tableName !== undefined) this.addTable(options.tableName, target.name, loaded.address);
    this.changed();
    this.touched(target, loaded);
    return loaded.address;
  }

  /**
   * Loads typed cells (an opened .xlsx sheet) onto a sheet (created if missing) at A1 or
   * (top, left); with `tableName`, the block becomes a table. Returns the block's address.
   */
  loadCells(sheet: string, rows: ReadonlyArray<ReadonlyArray<LoadedCell | undefined>>, options: Pick<LoadCsvOptions, "top" | "left" | "tableName"> = {}): string {
    const target = this.find(sheet) ?? this.addSheet(sheet);
    const loaded = importCells(target, rows, options);
    if (options.tableName !== undefined) this.addTable(options.tableName, target.name, loaded.address);
    this.changed();
    this.touched(target, loaded);
    return loaded.address;
  }

  // ---------------------------------------------------------------- typing into cells, calculation

  /**
   * Types an entry into a cell, as a user does in Excel, and recalculates. The entry is typed
   * as Excel (en-US) types it (see {@link typeEntry}): "" clears the cell's contents (its
   * number format stays), "=…" enters a formula that calculates (CV.* functions, a few
   * worksheet functions; its array spills), a leading apostrophe keeps text, numbers,
   * percentages, dates and TRUE/FALSE become values. Typing into a spilled cell makes it a
   * user cell, so its formula shows #SPILL!; clearing a spilled cell does nothing, as in
   * Excel. The cell changes (and subscribers hear of it) at once; the returned promise
   * settles when the recalculation is done. Cost: the formulas recalculated.
   *
   * @example await wb.editCell("Sheet1", 1, 1, "=CV.NORMALIZE(A2:A4)"); wb.value("Sheet1", "B3") // 0.5 for 0, 5, 10
   */
  editCell(sheet: string, row: number, column: number, entry: string): Promise<void> {
    checkBlock(row, column, 1, 1);
    const target = this.get(sheet);
    const old = target.cell(row, column);
    const typed = typeEntry(entry);
    if (typed.kind === "clear" && old?.spilledFrom) return this.whenCalculated();
    const changed = this.engine.release(target, row, column);
    const kept = { ...(old?.numberFormat !== undefined ? { numberFormat: old.numberFormat } : {}), ...(old?.bold ? { bold: true } : {}) };
    let seed;
    if (typed.kind === "clear") target.put(row, column, kept.numberFormat !== undefined || kept.bold ? { value: "", ...kept } : undefined);
    else if (typed.kind === "value") target.put(row, column, { ...kept, value: typed.value, ...(typed.numberFormat !== undefined ? { numberFormat: typed.numberFormat } : {}) });
    else {
      // Shown until the calculation is done, as Excel shows a function still calculating.
      target.put(row, column, { ...kept, value: "#BUSY!", formula: typed.formula });
      seed = this.engine.enter(target, row, column, typed.formula);
    }
    this.changed();
    return this.recalculate([...changed, { sheet: target, block: { top: row, left: column, rows: 1, columns: 1 } }], seed ? [seed] : []);
  }

  /**
   * Clears the contents of a block, as Excel's Delete key does: values and formulas go
   * (with what the formulas spilled), number formats and bold stay; spilled cells of a
   * formula outside the block stay (part of a spill cannot be deleted). Recalculates the
   * formulas that read the block; the promise settles when that is done. Cost: O(cells
   * stored in the block) plus the recalculation.
   *
   * @example await wb.clearContents("Sheet1", "A2:C9")
   */
  clearContents(sheet: string, address: string): Promise<void> {
    const target = this.get(sheet);
    const block = parseAddress(address);
    checkBlock(block.top, block.left, block.rows, block.columns);
    const changed: ChangedArea[] = [];
    const lastRow = Math.min(block.top + block.rows, target.rows.length);
    for (let r = block.top; r < lastRow; r++) {
      const line = target.rows[r];
      if (!line) continue;
      const lastColumn = Math.min(block.left + block.columns, line.length);
      for (let c = block.left; c < lastColumn; c++) {
        const cell = line[c];
        if (!cell || cell.spilledFrom) continue;
        changed.push(...this.engine.release(target, r, c));
        // release() may have rewritten the cell; read it again.
        const now = target.cell(r, c) ?? cell;
        target.put(r, c, now.numberFormat !== undefined || now.bold ? { value: "", ...(now.numberFormat !== undefined ? { numberFormat: now.numberFormat } : {}), ...(now.bold ? { bold: true } : {}) } : undefined);
      }
    }
    this.changed();
    return this.recalculate([...changed, { sheet: target, block: { top: block.top, left: block.left, rows: block.rows, columns: block.columns } }], []);
  }

  /**
   * True while a recalculation is queued or running (the status bar says "Calculating…").
   *
   * @example const done = wb.editCell("Sheet1", 0, 1, "=CV.SCORE(A1:A9,{1})"); wb.calculating === true; await done; wb.calculating === false
   */
  get calculating(): boolean {
    return this.queuedCalculations > 0;
  }

  /**
   * Settles when every recalculation queued so far is done (a write through the Workbook
   * interface recalculates the typed formulas reading it in the background).
   *
   * @example await wb.writeBlock(block); await wb.whenCalculated();
   */
  whenCalculated(): Promise<void> {
    return this.calculation;
  }

  /**
   * The formula cell a spilled cell comes from, with its address; undefined for other cells.
   * Cost: O(1).
   *
   * @example wb.spillAnchor("Sheet1", 2, 1) // → { row: 1, column: 1, address: "B2", cell: { formula: "=CV.NORMALIZE(A2:A4)", … } }
   */
  spillAnchor(sheet: string, row: number, column: number): { row: number; column: number; address: string; cell: Readonly<Cell> } | undefined {
    const s = this.get(sheet);
    const from = s.cell(row, column)?.spilledFrom;
    const anchor = from ? s.cell(from.row, from.column) : undefined;
    if (!from || !anchor) return undefined;
    return { row: from.row, column: from.column, address: blockAddress(from.row, from.column, 1, 1), cell: anchor };
  }

  /** Cells of a sheet changed by another path than editCell: recalculate the formulas that read them (none registered: nothing to do). */
  private touched(sheet: SheetModel, block: Block): void {
    if (!this.engine.active) return;
    void this.recalculate([{ sheet, block: { top: block.top, left: block.left, rows: block.rows, columns: block.columns } }], []).catch(() => undefined);
  }

  /**
   * Queues a recalculation behind the running one. It starts after a macrotask, so the edit
   * paints first; subscribers hear when it starts (calculating) and when it is done.
   */
  private recalculate(changed: ChangedArea[], seeds: Parameters<FormulaEngine["recalc"]>[1]): Promise<void> {
    if (!this.engine.active && (seeds === undefined || seeds.length === 0)) return this.whenCalculated();
    this.queuedCalculations++;
    if (this.queuedCalculations === 1) this.changed("selection");
    const run = this.calculation
      .then(() => pause(0))
      .then(() => this.engine.recalc(changed, seeds))
      .then((written) => {
        if (written.length > 0) this.changed();
      })
      .finally(() => {
        this.queuedCalculations--;
        if (this.queuedCalculations === 0) this.changed("selection");
      });
    this.calculation = run.catch(() => undefined);
    return run;
  }

  // ---------------------------------------------------------------- Workbook

  async readSource(kind: SourceKind): Promise<SourceRange> {
    const sheet = this.get(this.model.activeSheetName);
    const { block, tableName } = sourceBlock(this.model, sheet, kind);
    return {
      kind,
      sheet: sheet.name,
      address: blockAddress(block.top, block.left, block.rows, block.columns),
      ...(tableName !== undefined ? { tableName } : {}),
      top: block.top,
      left: block.left,
      values: sheet.values(block),
      ...(block.rows > 1 ? { numberFormats: Array.from({ length: block.columns }, (_, c) => sheet.cell(block.top + 1, block.left + c)?.numberFormat ?? "General") } : {}),
    };
  }

  async readBlock(sheet: string, top: number, left: number, rows: number, columns: number): Promise<unknown[][]> {
    checkBlock(top, left, rows, columns);
    return this.get(sheet).values({ top, left, rows, columns });
  }

  async occupiedCells(sheet: string, top: number, left: number, rows: number, columns: number, limit = 20): Promise<string[]> {
    checkBlock(top, left, rows, columns);
    return occupiedCells(this.get(sheet), { top, left, rows, columns }, limit);
  }

  async sheetNames(): Promise<string[]> {
    return this.model.sheets.map((s) => s.name);
  }

  async ensureSheet(name: string): Promise<void> {
    if (this.find(name)) return;
    this.addSheet(name);
    this.changed();
  }

  /**
   * Deletes a sheet if there is one of that name (matched ignoring case), with its tables,
   * formats and charts. When it was active, the next sheet to its right (else to its left)
   * becomes active, as in Excel. This workbook has no hidden sheets, so the last visible sheet
   * is the last sheet: that one is cleared instead (a workbook keeps a sheet, as Excel does).
   */
  async deleteSheet(name: string): Promise<void> {
    const sheet = this.find(name);
    if (!sheet) return;
    deleteSheet(this.model, sheet);
    this.changed();
    this.touched(sheet, { top: 0, left: 0, rows: MAX_ROWS, columns: MAX_COLUMNS });
  }

  /**
   * Clears a block: its cells become empty (no value, formula, number format or bold) and the
   * recorded formats (data bars, label colours) lose the rows inside it; tables and charts
   * stay, as in Excel. No-op for 0 rows or columns or a missing sheet.
   */
  async clearBlock(sheet: string, top: number, left: number, rows: number, columns: number): Promise<void> {
    if (rows <= 0 || columns <= 0) return;
    requireFitsSheet(top, left, rows, columns);
    checkBlock(top, left, rows, columns);
    const target = this.find(sheet);
    if (!target) return;
    clearCells(target, { top, left, rows, columns });
    this.changed();
    this.touched(target, { top, left, rows, columns });
  }

  /**
   * Writes the header row and the rows in chunks planned by planChunks (as the Office
   * workbook sends them), pausing a macrotask after each so the UI can paint, and checking
   * the abort signal before each chunk. Formulas are stored; the cell shows the row value.
   */
  async writeBlock(block: ResultBlock, options: WriteOptions = {}): Promise<void> {
    const sheet = this.get(block.sheet);
    checkResultBlock(block);
    const { signal, onProgress } = options;
    if (signal?.aborted) throw abortError();

    // The header row goes with the first request.
    writeHeader(sheet, block);
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
      writeRows(sheet, block, start, end);
      this.changed();
      this.touched(sheet, { top: block.top, left: block.left, rows: end + 1, columns: Math.max(1, block.headers.length) });
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
    checkRows(block);
    requireFitsSheet(block.top, block.left, block.rows.length + 1, block.headers.length);
    if (options.signal?.aborted) throw abortError();
    const existing = this.find(block.sheet);
    if (existing) emptySheet(this.model, existing);
    else this.addSheet(block.sheet);
    this.changed();
    if (existing) this.touched(existing, { top: 0, left: 0, rows: MAX_ROWS, columns: MAX_COLUMNS });
    await this.writeBlock(block, options);
  }

  /**
   * Writes the summary sheet (created, or cleared if it exists, keeping its position) by
   * painting the layout layoutSummary computes, the one the Office workbook paints: the title
   * in A1 (bold), the subtitle lines under it, a blank row, the table (header bold, number
   * formats per column); when the table does not hold the chart's figures, the chart-data
   * block one column right of it (header bold); the chart recorded one column right of that
   * (or of the table), level with the table's header, spanning CHART_ROWS rows; the sections
   * one under the other a row below all three (title and header bold), each section's chart
   * recorded one blank column right of it (after the main chart); then the notes one per
   * cell in column A. The table's rows are checked before anything is cleared.
   */
  async writeSummary(summary: SummarySheet): Promise<void> {
    const layout = layoutSummary(summary);
    const sheet = this.find(summary.name) ?? this.addSheet(summary.name);
    emptySheet(this.model, sheet);
    paintSummary(sheet, layout);
    sheet.summary = summary;
    this.changed();
    this.touched(sheet, { top: 0, left: 0, rows: MAX_ROWS, columns: MAX_COLUMNS });
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
    for (const format of added) checkBlock(format.top, format.column, format.rows, 1);
    replaceFormats(sheet, added);
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
