/**
 * The Excel (Office.js) implementation of the task pane's {@link Workbook} interface: the
 * only code in the project that calls `Excel.run` or `Office.context`.
 *
 * Every method is one `Excel.run` batch. Reads and writes are batched: no per-cell calls.
 * Large reads and writes are split into requests that stay under Excel on the web's 5 MB
 * request/response limit, with one `context.sync()` per chunk.
 *
 * Requirement sets (highest first): ExcelApi 1.9 (`Range.getTables`), ExcelApi 1.7
 * (`Workbook.getActiveCell`, `Range.getSurroundingRegion`, `Worksheet.getRangeByIndexes`,
 * `ChartSeriesCollection.add`, `ChartSeries.setValues` / `setXAxisValues`), ExcelApi 1.6
 * (conditional formats), ExcelApi 1.4 (`*OrNullObject`), ExcelApi 1.2
 * (`RangeFormat.autofitColumns`), ExcelApi 1.1 (values, formulas, number formats, sheets,
 * charts), and the common-API `Settings` set (`Office.context.document.settings`). Excel
 * builds that run the manifest's SharedRuntime 1.1 have them in practice; a pane that wants
 * to be sure can check `Office.context.requirements.isSetSupported("ExcelApi", "1.9")`.
 */
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
import { blockAddress, cellAddress, requireFitsSheet } from "../workbook/address";
import { planChunks, REQUEST_LIMIT_BYTES } from "../workbook/chunks";
import { HEAT_HIGH, HEAT_LOW } from "../workbook/colours";
import { chartCorners, layoutSummary, type CellArea, type ChartLayout, type LayoutBlock, type SummaryLayout } from "../workbook/summaryLayout";

/**
 * The part of the `Excel` namespace this class uses: `Excel.run` (ExcelApi 1.1). The real
 * `Excel` global satisfies it; tests pass an office-addin-mock stand-in.
 *
 * @example new OfficeWorkbook({ excel: Excel }) // the same as new OfficeWorkbook()
 */
export interface ExcelHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

/**
 * The part of the `Office` namespace this class uses: `Office.context.document.settings`
 * (Settings requirement set). The real `Office` global satisfies it; tests pass a mock.
 *
 * @example new OfficeWorkbook({ office: Office }) // the same as new OfficeWorkbook()
 */
export interface OfficeHost {
  context: { document: { settings: Pick<Office.Settings, "get" | "set" | "saveAsync"> } };
}

/**
 * Options for {@link OfficeWorkbook}; every field is optional and the defaults are what the
 * add-in uses in Excel.
 *
 * @example new OfficeWorkbook({ readCellsPerRequest: 20_000 }) // smaller read requests
 */
export interface OfficeWorkbookOptions {
  /** `Excel` stand-in; default the global `Excel`, looked up at each call. */
  excel?: ExcelHost;
  /** `Office` stand-in; default the global `Office`, looked up at each call. */
  office?: OfficeHost;
  /** Request size limit the write chunks are planned against; default 5 MB ({@link REQUEST_LIMIT_BYTES}). */
  limitBytes?: number;
  /** Cells read per request; default {@link READ_CELLS_PER_REQUEST}. */
  readCellsPerRequest?: number;
  /** Cells cleared per request by clearBlock; default {@link CLEAR_CELLS_PER_REQUEST}. */
  clearCellsPerRequest?: number;
}

/**
 * Cells read per request (one `context.sync()` each). Excel on the web also caps a
 * response at 5 MB: 50,000 cells leaves about 100 bytes of JSON per cell.
 *
 * @example a 4,339 × 11 table (47,729 cells) is read in one request; 120,000 × 11 in 27.
 */
export const READ_CELLS_PER_REQUEST = 50_000;

/**
 * Rejection message of `readSource("table")` when the active cell is outside every Excel
 * table; the pane can show it as is.
 *
 * @example await expect(workbook.readSource("table")).rejects.toThrow(NOT_IN_TABLE_MESSAGE)
 */
export const NOT_IN_TABLE_MESSAGE =
  "The active cell is not in an Excel table. Click a cell inside your customer table, or use the current region or the selection instead.";

/**
 * Rejection message of `readSource` when the region or selection holds no values.
 *
 * @example await expect(workbook.readSource("selection")).rejects.toThrow(BLANK_SOURCE_MESSAGE)
 */
export const BLANK_SOURCE_MESSAGE = "Select a cell inside your customer table first";

/**
 * Excel chart types for {@link ChartSpec} types: the string values of `Excel.ChartType`
 * (ExcelApi 1.1), used as literals so no `Excel` enum object is needed at run time.
 *
 * @example CHART_TYPES.bar === "BarClustered"
 */
export const CHART_TYPES = {
  bar: "BarClustered",
  column: "ColumnClustered",
  line: "Line",
  stackedBar: "BarStacked",
  stackedColumn: "ColumnStacked",
  scatter: "XYScatter",
  xyLine: "XYScatterLinesNoMarkers",
} as const satisfies Record<ChartSpec["type"], Excel.ChartType | `${Excel.ChartType}`>;

/**
 * Rows replaceSheet fits the column widths to (after the header): enough to see the long
 * texts, without making Excel measure a hundred thousand cells.
 */
export const AUTOFIT_ROWS = 2_000;

/**
 * Cells cleared per request by {@link OfficeWorkbook.clearBlock} (one `context.sync()` each).
 * A clear sends only an address, far under the 5 MB limit; the chunks bound how much one
 * request asks Excel to do (as writeBlock's chunks do), while a 1,000,000-row block of a few
 * columns still goes in a few requests.
 *
 * @example 1,000,000 rows × 4 columns → 2 requests; 4,338 × 11 → 1.
 */
export const CLEAR_CELLS_PER_REQUEST = 2_000_000;

/**
 * The Office.js {@link Workbook}: reads the customer table the user points at, writes result
 * columns in chunks under the 5 MB request limit, writes the summary sheet with a native
 * chart, adds conditional formats and keeps the model in the document settings.
 *
 * How: each method runs one `Excel.run` batch and syncs as few times as it can (one sync
 * per chunk for large reads and writes, one or two otherwise).
 *
 * Cost: a write of N rows × C columns costs about N × C × 30 bytes of requests, split into
 * ⌈size / 3 MB⌉ syncs; reads cost one sync per 50,000 cells plus one for the geometry.
 *
 * @example
 * const workbook = new OfficeWorkbook();           // inside Office.onReady, in Excel
 * const source = await workbook.readSource("table");
 * await workbook.writeBlock(
 *   { sheet: source.sheet, top: source.top, left: source.left + source.values[0].length,
 *     headers: ["CV Score"], rows: scores.map((s) => [s]), numberFormats: ["0.0"] },
 *   { onProgress: (done, total) => setProgress(done / total), signal: controller.signal },
 * );
 */
export class OfficeWorkbook implements Workbook {
  private readonly options: OfficeWorkbookOptions;

  /** @param options Hosts (for tests) and limits; all optional. */
  constructor(options: OfficeWorkbookOptions = {}) {
    this.options = options;
  }

  /**
   * Reads the customer table the user points at: the Excel table holding the active cell,
   * the active cell's current region, or the selection (trimmed to its used cells).
   *
   * APIs: `Workbook.getActiveCell` (ExcelApi 1.7), `Range.getTables` (ExcelApi 1.9),
   * `Range.getSurroundingRegion` (ExcelApi 1.7), `Workbook.getSelectedRange`,
   * `Range.getUsedRangeOrNullObject(true)` (ExcelApi 1.4), `WorksheetCollection.getActiveWorksheet`,
   * `Range.values` in chunks, the first data row's `Range.numberFormat`.
   * Cost: three syncs plus one per 50,000 cells.
   *
   * @throws Error {@link NOT_IN_TABLE_MESSAGE} or {@link BLANK_SOURCE_MESSAGE}.
   * @example const { sheet, address, values } = await workbook.readSource("region"); // "Sheet1", "A1:K4339"
   */
  async readSource(kind: SourceKind): Promise<SourceRange> {
    return this.excel().run(async (context) => {
      const book = context.workbook;
      let range: Excel.Range;
      let sheet: Excel.Worksheet;
      let tableName: string | undefined;
      if (kind === "table") {
        const tables = book.getActiveCell().getTables(false);
        tables.load("items/name");
        await context.sync();
        const table = tables.items[0];
        if (!table) throw new Error(NOT_IN_TABLE_MESSAGE);
        tableName = table.name;
        range = table.getRange();
        sheet = table.worksheet;
      } else {
        const base = kind === "region" ? book.getActiveCell().getSurroundingRegion() : book.getSelectedRange();
        // Trim to the cells holding values: a blank cell or a whole-column selection reads only what is there.
        range = base.getUsedRangeOrNullObject(true);
        sheet = book.worksheets.getActiveWorksheet();
      }
      range.load("rowIndex,columnIndex,rowCount,columnCount");
      sheet.load("name");
      await context.sync();
      if (range.isNullObject) throw new Error(BLANK_SOURCE_MESSAGE);
      const top = range.rowIndex;
      const left = range.columnIndex;
      const values = await this.readCells(context, sheet, top, left, range.rowCount, range.columnCount, "values");
      if (values.every((row) => row.every(isBlank))) throw new Error(BLANK_SOURCE_MESSAGE);
      let numberFormats: string[] | undefined;
      if (range.rowCount > 1) {
        // One row's formats (the first under the header), not the whole column's: a million formats would cost as much as the values.
        const firstRow = sheet.getRangeByIndexes(top + 1, left, 1, range.columnCount);
        firstRow.load("numberFormat");
        await context.sync();
        numberFormats = (firstRow.numberFormat[0] ?? []).map((format) => (typeof format === "string" ? format : "General"));
      }
      return {
        kind,
        sheet: sheet.name,
        address: blockAddress(top, left, range.rowCount, range.columnCount),
        ...(tableName !== undefined ? { tableName } : {}),
        top,
        left,
        values,
        ...(numberFormats !== undefined ? { numberFormats } : {}),
      };
    });
  }

  /**
   * Reads the values of a block, rows × columns ("" for empty cells, error strings such as
   * "#N/A" for errors).
   *
   * APIs: `Worksheet.getRangeByIndexes` (ExcelApi 1.7), `Range.values`. Cost: one sync for
   * the sheet plus one per 50,000 cells.
   *
   * @example await workbook.readBlock("Customers", 0, 11, 1, 4) // → [["CV Score", "CV Tier", "", ""]]
   */
  async readBlock(sheet: string, top: number, left: number, rows: number, columns: number): Promise<unknown[][]> {
    if (rows <= 0 || columns <= 0) return [];
    return this.excel().run(async (context) => {
      const ws = await getSheet(context, sheet);
      return this.readCells(context, ws, top, left, rows, columns, "values");
    });
  }

  /**
   * A1 addresses of the non-empty cells of a block, row by row, at most `limit`: the cells a
   * write there would overwrite. Reads `Range.formulas`, not values, so a formula that shows
   * "" still counts as occupied.
   *
   * APIs: `Worksheet.getRangeByIndexes` (ExcelApi 1.7), `Range.formulas`. Cost: one sync for
   * the sheet plus one per 50,000 cells, stopping early once `limit` cells are found.
   *
   * @example await workbook.occupiedCells("Customers", 1, 11, 4338, 4) // → ["L2", "M2"]
   */
  async occupiedCells(sheet: string, top: number, left: number, rows: number, columns: number, limit = 20): Promise<string[]> {
    if (rows <= 0 || columns <= 0 || limit <= 0) return [];
    return this.excel().run(async (context) => {
      const ws = await getSheet(context, sheet);
      const found: string[] = [];
      await this.readCells(context, ws, top, left, rows, columns, "formulas", (chunk, chunkTop) => {
        for (let r = 0; r < chunk.length; r++) {
          const row = chunk[r] as unknown[];
          for (let c = 0; c < row.length; c++) {
            if (!isBlank(row[c])) {
              found.push(cellAddress(chunkTop + r, left + c));
              if (found.length >= limit) return false;
            }
          }
        }
        return true;
      });
      return found;
    });
  }

  /**
   * Sheet names in tab order.
   *
   * APIs: `WorksheetCollection.load("items/name")` (ExcelApi 1.1). Cost: one sync.
   *
   * @example await workbook.sheetNames() // → ["Customers", "CV Summary"]
   */
  async sheetNames(): Promise<string[]> {
    return this.excel().run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      return sheets.items.map((ws) => ws.name);
    });
  }

  /**
   * Adds an empty sheet at the end unless one of that name exists.
   *
   * APIs: `WorksheetCollection.getItemOrNullObject` (ExcelApi 1.4), `WorksheetCollection.add`
   * (ExcelApi 1.1). Cost: one or two syncs.
   *
   * @example await workbook.ensureSheet("CV Results");
   */
  async ensureSheet(name: string): Promise<void> {
    await this.excel().run(async (context) => {
      const existing = context.workbook.worksheets.getItemOrNullObject(name);
      await context.sync();
      if (!existing.isNullObject) return;
      context.workbook.worksheets.add(name);
      await context.sync();
    });
  }

  /**
   * Deletes a sheet the add-in owns, if there is one of that name (no-op otherwise). When it
   * is the active sheet, the next visible sheet to its right (else to its left) is activated
   * first, as Excel does when a user deletes the active sheet. A very hidden sheet is made
   * hidden first (Excel refuses to delete a very hidden sheet). Excel also refuses to delete
   * the last visible sheet: then the sheet is cleared instead (every cell's contents and
   * formats, its conditional formats, charts and tables) and stays, empty. Never use it on a
   * user's sheet.
   *
   * APIs: `WorksheetCollection.getItemOrNullObject` (ExcelApi 1.4), `WorksheetCollection.load`
   * / `getActiveWorksheet`, `Worksheet.visibility` / `activate` / `delete` / `getRange`,
   * `Range.clear`, `Chart.delete`, `Table.delete` (ExcelApi 1.1), `Range.conditionalFormats`
   * (ExcelApi 1.6). Cost: two syncs (three for a very hidden sheet or the last visible one).
   *
   * @example await workbook.deleteSheet("CV Rules"); // gone, or cleared if it was the only visible sheet
   */
  async deleteSheet(name: string): Promise<void> {
    await this.excel().run(async (context) => {
      const sheets = context.workbook.worksheets;
      const target = sheets.getItemOrNullObject(name);
      target.load("name,visibility");
      sheets.load("items/name,items/visibility");
      const active = sheets.getActiveWorksheet();
      active.load("name");
      await context.sync();
      if (target.isNullObject) return;
      const order = sheets.items;
      const at = order.findIndex((ws) => ws.name === target.name);
      const visible = (ws: Excel.Worksheet): boolean => ws.name !== target.name && String(ws.visibility) === "Visible";
      if (!order.some(visible)) {
        // The last visible sheet: Excel keeps one, so empty it instead.
        const charts = target.charts;
        const tables = target.tables;
        charts.load("items/name");
        tables.load("items/name");
        await context.sync();
        for (const chart of charts.items) chart.delete();
        for (const table of tables.items) table.delete();
        const all = target.getRange();
        all.clear("All");
        all.conditionalFormats.clearAll();
        await context.sync();
        return;
      }
      if (active.name === target.name) {
        const next = order.slice(at + 1).find(visible) ?? order.slice(0, Math.max(at, 0)).reverse().find(visible);
        next?.activate();
      }
      if (String(target.visibility) === "VeryHidden") {
        target.visibility = "Hidden";
        await context.sync();
      }
      target.delete();
      await context.sync();
    });
  }

  /**
   * Clears a block: the contents and formats of every cell (values, formulas, number
   * formats, fonts, fills) and the conditional formats on those cells (data bars, label
   * colours), so the cells are as new. No-op when the sheet does not exist or the block has
   * no rows or columns. Large blocks go in row chunks of at most
   * {@link CLEAR_CELLS_PER_REQUEST} cells, one sync each, like writeBlock's chunks.
   *
   * APIs: `WorksheetCollection.getItemOrNullObject` (ExcelApi 1.4), `Worksheet.getRangeByIndexes`
   * (ExcelApi 1.7), `Range.clear("All")` (ExcelApi 1.1), `ConditionalFormatCollection.clearAll`
   * (ExcelApi 1.6). Cost: one sync for the sheet plus one per chunk (1,000,000 rows × 4
   * columns: 2).
   *
   * @throws Error when the block does not fit on a sheet (before anything is cleared).
   * @example await workbook.clearBlock("Customers", 0, 11, 4339, 3); // L1:N4339 empty again
   */
  async clearBlock(sheet: string, top: number, left: number, rows: number, columns: number): Promise<void> {
    if (rows <= 0 || columns <= 0) return;
    requireFitsSheet(top, left, rows, columns);
    const perRequest = this.options.clearCellsPerRequest ?? CLEAR_CELLS_PER_REQUEST;
    const step = Math.max(1, Math.floor(perRequest / columns));
    await this.excel().run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
      await context.sync();
      if (ws.isNullObject) return;
      for (let start = 0; start < rows; start += step) {
        const range = ws.getRangeByIndexes(top + start, left, Math.min(step, rows - start), columns);
        range.clear("All");
        range.conditionalFormats.clearAll();
        await context.sync();
      }
    });
  }

  /**
   * Writes a header row (bold) and the result rows below it, values or live formulas,
   * with a number format per column. The rows are split with {@link planChunks} so no
   * request exceeds the 5 MB limit; each chunk is one `context.sync()`, followed by
   * `onProgress(rowsDone, rowsTotal)`. The abort signal is checked before each chunk: an
   * aborted write rejects with an Error named "AbortError" and leaves the chunks already
   * written in place.
   *
   * Empty values (null, NaN, ±Infinity) clear their cells (Office.js would leave a null
   * cell unchanged). Text that Excel would read as a formula, number or date ("=x", "-",
   * "007", "1/2") is written with a leading apostrophe so it stays text.
   *
   * APIs: `Worksheet.getRangeByIndexes` (ExcelApi 1.7), `Range.values` / `Range.formulas` /
   * `Range.numberFormat` / `RangeFont.bold` (ExcelApi 1.1). Cost: one sync for the sheet,
   * then one per chunk (120,000 rows × 3 columns ≈ 3 chunks).
   *
   * @throws Error when the sheet does not exist or a row has the wrong length.
   * @example
   * await workbook.writeBlock(
   *   { sheet: "Customers", top: 0, left: 11, headers: ["CV Score", "CV Tier"],
   *     rows: [[91.2, "Gold"], [40.5, "Bronze"]], numberFormats: ["0.0", null] },
   *   { onProgress: (done, total) => console.log(`${done}/${total}`) },
   * );
   */
  async writeBlock(block: ResultBlock, options: WriteOptions = {}): Promise<void> {
    const columns = block.headers.length;
    checkShape(block.rows, columns, "rows");
    if (block.formulas) {
      checkShape(block.formulas, columns, "formulas");
      if (block.formulas.length !== block.rows.length) {
        throw new Error(`The block has ${block.rows.length} rows but ${block.formulas.length} rows of formulas`);
      }
    }
    if (columns === 0) return;
    throwIfAborted(options.signal);
    const total = block.rows.length;
    const chunks = planChunks(block.rows, block.formulas, this.options.limitBytes ?? REQUEST_LIMIT_BYTES);
    await this.excel().run(async (context) => {
      const ws = await getSheet(context, block.sheet);
      const queueHeader = (): void => {
        const header = ws.getRangeByIndexes(block.top, block.left, 1, columns);
        header.values = [block.headers.map(toCell)];
        header.format.font.bold = true;
        if (total > 0) {
          block.numberFormats?.forEach((format, c) => {
            if (format !== null && format !== undefined && c < columns) {
              setUniformNumberFormat(ws.getRangeByIndexes(block.top + 1, block.left + c, total, 1), format);
            }
          });
        }
      };
      if (chunks.length === 0) {
        throwIfAborted(options.signal);
        queueHeader();
        await context.sync();
        options.onProgress?.(0, 0);
        return;
      }
      for (let i = 0; i < chunks.length; i++) {
        throwIfAborted(options.signal);
        if (i === 0) queueHeader();
        const [start, end] = chunks[i] as [number, number];
        const range = ws.getRangeByIndexes(block.top + 1 + start, block.left, end - start, columns);
        if (block.formulas) range.formulas = formulaCells(block.rows, block.formulas, start, end);
        else range.values = valueCells(block.rows, start, end);
        await context.sync();
        options.onProgress?.(end, total);
      }
    });
  }

  /**
   * Replaces a sheet the add-in owns ("CV Rules") with a block: deletes the sheet if it
   * exists and adds it again at the same tab position (so no row, format or chart of an
   * earlier, longer write is left), writes the block with {@link writeBlock} (chunks under
   * the request limit, progress, abort between chunks), then fits the columns to the header
   * and the first {@link AUTOFIT_ROWS} rows. The rows are checked before anything is
   * deleted, and an aborted signal stops it before it starts.
   *
   * APIs: `WorksheetCollection.getItemOrNullObject` (ExcelApi 1.4), `Worksheet.delete` /
   * `add` / `position` (ExcelApi 1.1), writeBlock's, `RangeFormat.autofitColumns`
   * (ExcelApi 1.2). Cost: two syncs to replace the sheet, writeBlock's (one per chunk plus
   * one), and two for the autofit.
   *
   * @throws Error when a row has the wrong length or the block does not fit on a sheet (both before anything is deleted); AbortError when aborted.
   * @example
   * await workbook.replaceSheet({ sheet: "CV Rules", top: 0, left: 0, headers: ["Antecedent", "Consequent", "Lift"],
   *   rows: [["PINK DOG BOWL", "PINK CAT BOWL", 56.58]], numberFormats: [null, null, "0.00"] });
   */
  async replaceSheet(block: ResultBlock, options: WriteOptions = {}): Promise<void> {
    const columns = block.headers.length;
    checkShape(block.rows, columns, "rows");
    requireFitsSheet(block.top, block.left, block.rows.length + 1, columns);
    throwIfAborted(options.signal);
    await this.excel().run(async (context) => {
      const sheets = context.workbook.worksheets;
      const existing = sheets.getItemOrNullObject(block.sheet);
      existing.load("position");
      await context.sync();
      const position = existing.isNullObject ? undefined : existing.position;
      if (!existing.isNullObject) existing.delete();
      const ws = sheets.add(block.sheet);
      if (position !== undefined) ws.position = position;
      await context.sync();
    });
    await this.writeBlock(block, options);
    if (columns === 0) return;
    await this.excel().run(async (context) => {
      const ws = await getSheet(context, block.sheet);
      ws.getRangeByIndexes(block.top, block.left, Math.min(block.rows.length, AUTOFIT_ROWS) + 1, columns).format.autofitColumns();
      await context.sync();
    });
  }

  /**
   * Deletes and recreates the summary sheet (at the same tab position), then paints the
   * layout {@link layoutSummary} computes (the in-memory workbook paints the same one): the
   * title (bold, 14 pt) in A1, the subtitle lines below it, a blank row, the table (bold
   * headers, number formats, autofit columns), a native chart to the right of the table
   * (with axis titles when the spec has them), the extra sections one under the other below
   * both (bold title and header row, autofit columns; fitted parameters, settings), each with
   * its own chart one blank column right of it when it has one, then the notes. The charts
   * read their data from the sheet, so the summary works without the add-in: a section's
   * chart from the section's cells; the main chart from the written table when its first
   * column holds the chart's categories and it has a column per series (matched by header
   * and values), otherwise from a small chart-data block written between the table and the
   * chart. A chart spec without categories or series draws no chart.
   *
   * APIs: `WorksheetCollection.getItemOrNullObject` (ExcelApi 1.4), `Worksheet.delete` /
   * `add` / `position`, `ChartCollection.add`, `Chart.title` / `setPosition` / `legend`,
   * `ChartAxis.title` (ExcelApi 1.1), `ChartSeriesCollection.add`, `ChartSeries.setValues` / `setXAxisValues`
   * (ExcelApi 1.7), `RangeFormat.autofitColumns` (ExcelApi 1.2). Cost: two syncs.
   *
   * @example
   * await workbook.writeSummary({
   *   name: "CV Summary", title: "Customer value", subtitle: ["As of 2011-12-09"],
   *   table: { headers: ["Tier", "Customers"], rows: [["Gold", 43], ["Silver", 390]] },
   *   chart: { type: "bar", title: "Customers per tier", categories: ["Gold", "Silver"],
   *            series: [{ name: "Customers", values: [43, 390] }] },
   *   notes: ["Score = 50% revenue + 30% frequency + 20% recency"],
   * });
   */
  async writeSummary(summary: SummarySheet): Promise<void> {
    // Laid out (and the table's rows checked) before anything is deleted.
    const layout = layoutSummary(summary);
    await this.excel().run(async (context) => {
      const sheets = context.workbook.worksheets;
      const existing = sheets.getItemOrNullObject(summary.name);
      existing.load("position");
      await context.sync();
      const position = existing.isNullObject ? undefined : existing.position;
      if (!existing.isNullObject) existing.delete();
      const ws = sheets.add(summary.name);
      if (position !== undefined) ws.position = position;
      paintSummary(ws, layout);
      await context.sync();
    });
  }

  /**
   * Adds data bars on a score column and a fill colour per label on a label column. First
   * clears the conditional formats on those same cells, so re-Apply replaces the formats
   * instead of stacking them. A label's rule is a cell-value "equal to" rule
   * (`formula1: '="Gold"'`, case-insensitive like Excel) with the fill colour and a
   * black or white font, whichever reads better on it.
   *
   * APIs: `Range.conditionalFormats`, `ConditionalFormatCollection.clearAll` / `add`
   * ("DataBar", "CellValue"), `ConditionalCellValueRule` (ExcelApi 1.6). Cost: two syncs
   * (sheet check, then every format in one request).
   *
   * @throws Error when a colour is not "#RRGGBB" or the sheet does not exist.
   * @example
   * await workbook.applyFormats({ sheet: "Customers",
   *   dataBars: { top: 1, column: 11, rows: 4338 },
   *   labelColours: { top: 1, column: 12, rows: 4338, colours: { Gold: "#FFD700", Silver: "#C0C0C0" } } });
   */
  async applyFormats(spec: FormatSpec): Promise<void> {
    const labels = spec.labelColours;
    if (labels) {
      for (const [label, colour] of Object.entries(labels.colours)) {
        if (!/^#[0-9A-Fa-f]{6}$/.test(colour)) throw new Error(`The colour of "${label}" is "${colour}", not #RRGGBB`);
      }
    }
    const bars = spec.dataBars && spec.dataBars.rows > 0 ? spec.dataBars : undefined;
    const colours = labels && labels.rows > 0 ? labels : undefined;
    if (!bars && !colours) return;
    await this.excel().run(async (context) => {
      const ws = await getSheet(context, spec.sheet);
      const barRange = bars ? ws.getRangeByIndexes(bars.top, bars.column, bars.rows, 1) : undefined;
      const labelRange = colours ? ws.getRangeByIndexes(colours.top, colours.column, colours.rows, 1) : undefined;
      // Clear both blocks before adding anything, so overlapping blocks keep every new rule.
      barRange?.conditionalFormats.clearAll();
      labelRange?.conditionalFormats.clearAll();
      if (barRange) barRange.conditionalFormats.add("DataBar");
      if (labelRange && colours) {
        for (const [label, colour] of Object.entries(colours.colours)) {
          const format = labelRange.conditionalFormats.add("CellValue");
          format.cellValue.format.fill.color = colour;
          format.cellValue.format.font.color = readableTextColour(colour);
          format.cellValue.rule = { formula1: textEqualsFormula(label), operator: "EqualTo" };
        }
      }
      await context.sync();
    });
  }

  /**
   * Reads a document setting (saved with the workbook, per add-in). Non-string values saved
   * by other code come back as JSON text.
   *
   * APIs: `Office.context.document.settings.get` (Settings requirement set). Cost: no
   * round trip; settings are loaded with the document.
   *
   * @example const json = await workbook.loadSetting("cv.model"); // → '{"analysis":"pyramid",...}' or null
   */
  async loadSetting(key: string): Promise<string | null> {
    const value: unknown = this.office().context.document.settings.get(key);
    if (value === null || value === undefined) return null;
    return typeof value === "string" ? value : JSON.stringify(value);
  }

  /**
   * Saves a document setting: `settings.set` then `settings.saveAsync`, resolved when the
   * settings are stored in the document.
   *
   * APIs: `Office.context.document.settings.set` / `saveAsync` (Settings requirement set).
   * Cost: one asynchronous save of all the add-in's settings.
   *
   * @throws Error with Office's message when saveAsync fails.
   * @example await workbook.saveSetting("cv.model", JSON.stringify(model));
   */
  async saveSetting(key: string, value: string): Promise<void> {
    const settings = this.office().context.document.settings;
    settings.set(key, value);
    await new Promise<void>((resolve, reject) => {
      settings.saveAsync((result) => {
        // Office.AsyncResultStatus.Failed is the string "failed" in every office.js build.
        if (String(result.status) === "failed") {
          reject(new Error(`Could not save the setting "${key}": ${result.error?.message ?? "unknown error"}`));
        } else {
          resolve();
        }
      });
    });
  }

  /**
   * Reads a block's values or formulas in row chunks of at most `readCellsPerRequest`
   * cells, one sync each. `onChunk` may stop the read early by returning false.
   */
  private async readCells(
    context: Excel.RequestContext,
    ws: Excel.Worksheet,
    top: number,
    left: number,
    rows: number,
    columns: number,
    property: "values" | "formulas",
    onChunk?: (chunk: unknown[][], chunkTop: number) => boolean,
  ): Promise<unknown[][]> {
    const perRequest = this.options.readCellsPerRequest ?? READ_CELLS_PER_REQUEST;
    const step = Math.max(1, Math.floor(perRequest / Math.max(1, columns)));
    const out: unknown[][] = [];
    for (let start = 0; start < rows; start += step) {
      const count = Math.min(step, rows - start);
      const range = ws.getRangeByIndexes(top + start, left, count, columns);
      range.load(property);
      await context.sync();
      const chunk = (property === "values" ? range.values : range.formulas) as unknown[][];
      if (onChunk) {
        if (!onChunk(chunk, top + start)) break;
      } else {
        for (const row of chunk) out.push(row);
      }
    }
    return out;
  }

  /** The Excel host: the injected one or the global `Excel`. */
  private excel(): ExcelHost {
    const host = this.options.excel ?? (globalThis as { Excel?: ExcelHost }).Excel;
    if (!host) throw new Error("Excel is not available: the add-in is not running inside Excel");
    return host;
  }

  /** The Office host: the injected one or the global `Office`. */
  private office(): OfficeHost {
    const host = this.options.office ?? (globalThis as { Office?: OfficeHost }).Office;
    if (!host?.context?.document?.settings) throw new Error("Office document settings are not available outside Office");
    return host;
  }
}

/**
 * Queues the painting of a summary layout on a fresh sheet: each block's values (one range a
 * block), its number formats (one value a column), bold and font size; the main chart and
 * then every section chart ({@link paintChart}); then the autofits, once every value is in
 * place.
 */
function paintSummary(ws: Excel.Worksheet, layout: SummaryLayout): void {
  for (const block of layout.blocks) paintBlock(ws, block);
  if (layout.chart) paintChart(ws, layout.chart);
  for (const chart of layout.sectionCharts) paintChart(ws, chart);
  for (const area of layout.colourScales) paintColourScale(ws, area);
  for (const area of layout.autofit) ws.getRangeByIndexes(area.top, area.left, area.rows, area.columns).format.autofitColumns();
}

/**
 * Queues one native chart: added on its first series' cells, each series named and reading
 * the cells the layout names against the category cells, the title, a legend when there is
 * more than one series, the axis titles the spec has, positioned over the cells it gives.
 */
function paintChart(ws: Excel.Worksheet, chart: ChartLayout): void {
  const spec = chart.spec;
  const range = (area: CellArea): Excel.Range => ws.getRangeByIndexes(area.top, area.left, area.rows, area.columns);
  const categories = range(chart.categories);
  const native = ws.charts.add(CHART_TYPES[spec.type], range((chart.series[0] as ChartLayout["series"][number]).values), "Columns");
  native.title.text = spec.title;
  native.legend.visible = chart.series.length > 1;
  chart.series.forEach((s, i) => {
    const series = i === 0 ? native.series.getItemAt(0) : native.series.add(s.name);
    series.name = s.name;
    series.setValues(range(s.values));
    series.setXAxisValues(categories);
    const colour = spec.colours?.[i];
    if (colour) {
      // Points of a scatter are markers; bars, columns and lines have a fill or a line.
      if (spec.type === "scatter") {
        series.markerBackgroundColor = colour;
        series.markerForegroundColor = colour;
      } else if (spec.type === "line" || spec.type === "xyLine") series.format.line.color = colour;
      else series.format.fill.setSolidColor(colour);
    }
    // One series of bars whose categories are the groups: each bar in its group's colour (ChartPoint, ExcelApi 1.1).
    if (i === 0 && chart.series.length === 1 && spec.pointColours && spec.type !== "scatter" && spec.type !== "line" && spec.type !== "xyLine") {
      spec.pointColours.forEach((fill, k) => {
        if (fill) series.points.getItemAt(k).format.fill.setSolidColor(fill);
      });
    }
  });
  if (spec.categoryTitle !== undefined) native.axes.categoryAxis.title.text = spec.categoryTitle;
  if (spec.valueTitle !== undefined) native.axes.valueAxis.title.text = spec.valueTitle;
  native.setPosition(...chartCorners(chart));
}

/**
 * Queues a heatmap's shading: a two-colour scale (lowest white, highest blue, the pane's
 * colours) on the area, as a conditional format, so it follows the figures if they change.
 * APIs: `ConditionalFormatCollection.add("ColorScale")`, `ColorScaleConditionalFormat.criteria` (ExcelApi 1.6).
 */
function paintColourScale(ws: Excel.Worksheet, area: CellArea): void {
  const format = ws.getRangeByIndexes(area.top, area.left, area.rows, area.columns).conditionalFormats.add("ColorScale");
  format.colorScale.criteria = {
    minimum: { type: "LowestValue", color: HEAT_LOW },
    maximum: { type: "HighestValue", color: HEAT_HIGH },
  };
}

/** Queues one layout block: values, number formats per column, bold, font size. */
function paintBlock(ws: Excel.Worksheet, block: LayoutBlock): void {
  const range = ws.getRangeByIndexes(block.top, block.left, block.rows, block.columns);
  range.values = valueCells(block.values, 0, block.rows);
  if (block.bold) range.format.font.bold = true;
  if (block.fontSize !== undefined) range.format.font.size = block.fontSize;
  block.numberFormats?.forEach((format, c) => {
    if (format !== null) setUniformNumberFormat(ws.getRangeByIndexes(block.top, block.left + c, block.rows, 1), format);
  });
}

/** A worksheet by name, with a readable error when it does not exist (one sync). */
async function getSheet(context: Excel.RequestContext, name: string): Promise<Excel.Worksheet> {
  const ws = context.workbook.worksheets.getItemOrNullObject(name);
  await context.sync();
  if (ws.isNullObject) throw new Error(`There is no sheet named "${name}"`);
  return ws;
}

/** True for a cell Excel reports as empty. */
function isBlank(value: unknown): boolean {
  return value === "" || value === null || value === undefined;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const error = new Error("The write was cancelled");
    error.name = "AbortError";
    throw error;
  }
}

function checkShape(rows: ReadonlyArray<ReadonlyArray<unknown>>, columns: number, what: string): void {
  rows.forEach((row, i) => {
    if (row.length !== columns) throw new Error(`Row ${i + 1} of the ${what} has ${row.length} cells, not ${columns}`);
  });
}

/**
 * Text Excel would not keep as typed: formulas ("=x", "+1", "-", "@x"), numbers ("007",
 * "1,5", "1e3", "12%", "$5"), dates and times ("1/2", "2024-01-31", "9:30"), booleans
 * ("TRUE") and error literals ("#N/A").
 */
const REINTERPRETED: readonly RegExp[] = [
  /^[=+\-@]/,
  /^\s*\(?[$€£¥]?\s*[\d.,]+\s*\)?\s*%?\s*$/,
  /^\s*[\d.]+[eE][-+]?\d+\s*$/,
  /^\s*\d{1,4}\s*[/\-.:]\s*\d{1,2}(?:\s*[/\-.:]\s*\d{1,4})?\s*$/,
  /^\s*(?:true|false)\s*$/i,
  /^\s*#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!|GETTING_DATA)/i,
];

/** A value as Excel's values array carries it: null/NaN → "" (clears), reinterpreted text quoted. */
function toCell(value: WriteValue | undefined): string | number | boolean {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  if (typeof value === "string" && REINTERPRETED.some((pattern) => pattern.test(value))) return `'${value}`;
  return value;
}

/** Rows [start, end) as a values array. */
function valueCells(rows: ReadonlyArray<ReadonlyArray<WriteValue>>, start: number, end: number): (string | number | boolean)[][] {
  const out: (string | number | boolean)[][] = new Array(end - start);
  for (let r = start; r < end; r++) out[r - start] = (rows[r] as ReadonlyArray<WriteValue>).map(toCell);
  return out;
}

/** Rows [start, end) as a formulas array: the formula where there is one, else the value. */
function formulaCells(
  rows: ReadonlyArray<ReadonlyArray<WriteValue>>,
  formulas: ReadonlyArray<ReadonlyArray<string | null>>,
  start: number,
  end: number,
): (string | number | boolean)[][] {
  const out: (string | number | boolean)[][] = new Array(end - start);
  for (let r = start; r < end; r++) {
    const row = rows[r] as ReadonlyArray<WriteValue>;
    const formulaRow = formulas[r];
    out[r - start] = row.map((value, c) => {
      const formula = formulaRow?.[c];
      return formula !== null && formula !== undefined && formula !== "" ? formula : toCell(value);
    });
  }
  return out;
}

/**
 * Sets one number format on every cell of a range. Office.js sends a single value for a
 * multi-cell range as is and Excel applies it to every cell (as in Microsoft's
 * office-js-snippet-explorer `setFormulaInRange`), so a 120,000-row column costs a few bytes
 * instead of a 120,000-entry array; the typings only declare the 2-D form, hence the cast.
 */
function setUniformNumberFormat(range: Excel.Range, format: string): void {
  (range as unknown as { numberFormat: string }).numberFormat = format;
}

/** The rule formula of a cell-value "equal to" text rule: ="Gold" (quotes doubled). */
function textEqualsFormula(label: string): string {
  return `="${label.replace(/"/g, '""')}"`;
}

/** Black or white, whichever reads better on a "#RRGGBB" fill. */
function readableTextColour(fill: string): string {
  const r = parseInt(fill.slice(1, 3), 16);
  const g = parseInt(fill.slice(3, 5), 16);
  const b = parseInt(fill.slice(5, 7), 16);
  return 0.299 * r + 0.587 * g + 0.114 * b < 140 ? "#FFFFFF" : "#000000";
}
