/**
 * Opening a user's own file in the preview: a CSV or an .xlsx workbook becomes sheets of the
 * in-memory workbook, typed as Excel would have them, beside the sample sheets. No React
 * here: the page (./PreviewApp) hands over the file's name and bytes and shows the outcome.
 *
 * - CSV: one sheet named after the file, typed by Excel's CSV import rules
 *   ({@link typeCsvField}, via `workbook.loadCsv`): separator read from the header line,
 *   UTF-8 (byte-order mark dropped) or, failing that, Windows-1252 text.
 * - .xlsx: read with exceljs, loaded on demand (its browser build, a separate webpack chunk
 *   fetched only when someone opens an .xlsx). Every worksheet becomes a sheet; cells keep
 *   their value, number format and formula (with the cached result as the value); dates
 *   become 1900-system date serials; Excel tables become tables.
 *
 * Failures throw {@link OpenFileError}, whose message names the file and says what to do.
 */
import type { Cell as XlsxCell, CellValue, Workbook as XlsxWorkbook, Worksheet } from "exceljs";
import { cellAddress } from "../workbook/address";
import { MAX_COLUMNS, MAX_ROWS, type LoadedCell } from "./excelEmulation";
import type { MemoryWorkbook } from "./MemoryWorkbook";

/** Longest sheet name Excel allows. */
export const SHEET_NAME_LIMIT = 31;

/** Days from 1899-12-30 (day 0 of Excel's 1900 date system, Lotus leap-year bug included) to 1970-01-01. */
const EPOCH_SERIAL = 25_569;
const MS_PER_DAY = 86_400_000;

/** What the preview can open. */
export type OpenFileKind = "csv" | "xlsx";

/** A file as the page hands it over: its name (for the sheet name and messages) and its bytes. */
export interface FileToOpen {
  name: string;
  bytes: ArrayBuffer | Uint8Array;
}

/** What was opened, for the banner. */
export interface OpenedFile {
  fileName: string;
  /** The new sheets, in file order (the first is now active, A1 selected). */
  sheets: string[];
  /** Rows loaded over all the new sheets (header rows included). */
  rows: number;
  /** The tables added (an .xlsx file's Excel tables). */
  tables: string[];
  /** "Opened orders.xlsx: 2 sheets, 12,345 rows" (see {@link describeOpened}). */
  message: string;
}

/** The error every refusal throws: `message` names the file and is meant to be shown as is. */
export class OpenFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OpenFileError";
  }
}

/** The part of the exceljs module this file uses (the node build in tests, the browser build on the page). */
export type ExcelJsModule = { Workbook: new () => XlsxWorkbook };

/** One worksheet of an .xlsx file, read and typed, not yet in a workbook. */
export interface XlsxSheet {
  /** The worksheet's name in the file. */
  name: string;
  /** Rows of cells from A1; undefined where a cell is empty (or covered by a merge). */
  rows: Array<Array<LoadedCell | undefined>>;
  /** The Excel tables on it, with their range ("A1:C10", header and totals rows included). */
  tables: Array<{ name: string; address: string }>;
}

// ---------------------------------------------------------------- names

/**
 * The kind of a file by its extension (case-insensitive), or undefined when the preview
 * cannot open it. Cost: constant.
 *
 * @example fileKind("Orders.XLSX") === "xlsx"; fileKind("orders.xls") === undefined
 */
export function fileKind(fileName: string): OpenFileKind | undefined {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return ext === "csv" ? "csv" : ext === "xlsx" ? "xlsx" : undefined;
}

/**
 * A valid, unused Excel sheet name for `wanted`: the characters Excel refuses (\ / ? * [ ] :)
 * become "_", leading and trailing apostrophes and spaces go, a blank name becomes "Sheet",
 * at most 31 characters; if the name is taken (ignoring case, as Excel compares them, and
 * "History", which Excel reserves), " (2)", " (3)", … is added, shortening the name so it
 * still fits. Cost: linear in the number of existing names per try.
 *
 * @example uniqueSheetName("orders [2011]", ["Orders _2011_"]) === "orders _2011_ (2)"
 */
export function uniqueSheetName(wanted: string, existing: Iterable<string>): string {
  const taken = new Set(["history", ...Array.from(existing, (n) => n.toLowerCase())]);
  const clean = wanted.replace(/[\\/?*[\]:]/g, "_").replace(/[\u0000-\u001f]/g, " ").replace(/^['\s]+|['\s]+$/g, "");
  const base = (clean || "Sheet").slice(0, SHEET_NAME_LIMIT).replace(/['\s]+$/, "") || "Sheet";
  if (!taken.has(base.toLowerCase())) return base;
  for (let k = 2; ; k++) {
    const suffix = ` (${k})`;
    const name = `${base.slice(0, SHEET_NAME_LIMIT - suffix.length).replace(/['\s]+$/, "")}${suffix}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/**
 * The sheet name a CSV file gets: its name without folders and extension, made valid and
 * unused by {@link uniqueSheetName}.
 *
 * @example csvSheetName("C:\\data\\orders.csv", ["Customers"]) === "orders"
 */
export function csvSheetName(fileName: string, existing: Iterable<string>): string {
  const base = fileName.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  return uniqueSheetName(base, existing);
}

/**
 * The banner's line about an opened file. Cost: constant.
 *
 * @example describeOpened("orders.xlsx", 2, 12345) === "Opened orders.xlsx: 2 sheets, 12,345 rows"
 */
export function describeOpened(fileName: string, sheets: number, rows: number): string {
  return `Opened ${fileName}: ${sheets.toLocaleString("en")} sheet${sheets === 1 ? "" : "s"}, ${rows.toLocaleString("en")} row${rows === 1 ? "" : "s"}`;
}

// ---------------------------------------------------------------- reading CSV text

/** Windows-1252's characters for the bytes 0x80–0x9F (where it differs from Latin-1); "\ufffd" where it has none. */
const CP1252_HIGH = "€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ";

/**
 * The text of a CSV file: UTF-8 (a byte-order mark dropped), or Windows-1252 when the bytes
 * are not valid UTF-8 (what Excel on Windows saves as "CSV"). Cost: one pass over the bytes
 * (two for Windows-1252).
 *
 * @example decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])) === "a"
 */
export function decodeCsv(bytes: ArrayBuffer | Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // By hand: Node's TextDecoder reads "windows-1252" as Latin-1 (0x80 is not "€" there).
    const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const parts: string[] = [];
    const CHUNK = 8192;
    for (let i = 0; i < view.length; i += CHUNK) {
      const codes = Array.from(view.subarray(i, i + CHUNK), (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charCodeAt(b - 0x80) : b));
      parts.push(String.fromCharCode(...codes));
    }
    return parts.join("");
  }
}

// ---------------------------------------------------------------- reading .xlsx cells

/**
 * The Excel date serial (1900 date system) of a date as exceljs reads it (the cell's serial
 * as a UTC instant). Cost: constant.
 *
 * @example dateToSerial(new Date(Date.UTC(2011, 11, 9))) === 40886
 */
export function dateToSerial(date: Date): number {
  return date.getTime() / MS_PER_DAY + EPOCH_SERIAL;
}

/** A rich-text run list or a hyperlink's text as plain text. */
function plainText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "richText" in value && Array.isArray(value.richText)) {
    return value.richText.map((run: { text?: unknown }) => (typeof run.text === "string" ? run.text : "")).join("");
  }
  return value === null || value === undefined ? "" : String(value);
}

/** A value (or a formula's cached result) as a cell holds it; `date` is set when it was a date. */
function scalar(value: CellValue | undefined): { value: string | number | boolean; date?: true } {
  if (value === null || value === undefined) return { value: "" };
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") return { value };
  if (value instanceof Date) return { value: dateToSerial(value), date: true };
  if (typeof value === "object") {
    if ("error" in value) return { value: String(value.error) };
    if ("richText" in value) return { value: plainText(value) };
    if ("hyperlink" in value) return { value: plainText(value.text) };
    if ("result" in value) return scalar(value.result as CellValue);
  }
  return { value: String(value) };
}

/**
 * One .xlsx cell as a {@link LoadedCell}, as Excel has it: numbers, booleans and text as
 * they are (rich text joined, a hyperlink its text), dates as 1900-system date serials with
 * the cell's number format (or "yyyy-mm-dd" when none), error cells as their error text
 * ("#N/A"), formulas as "=…" with the cached result as the value; the number format kept
 * unless it is General. Undefined for an empty cell or one covered by a merge (only the
 * merge's top-left cell holds the value). Cost: constant.
 *
 * @example xlsxCell(sheet.getCell("A1")) // a date cell → { value: 40886, numberFormat: "yyyy-mm-dd" }
 */
export function xlsxCell(cell: XlsxCell): LoadedCell | undefined {
  if (cell.isMerged && cell.master.address !== cell.address) return undefined;
  const formula = typeof cell.formula === "string" && cell.formula !== "" ? `=${cell.formula.replace(/^=/, "")}` : undefined;
  const typed = scalar(formula !== undefined ? (cell.result as CellValue) : cell.value);
  const numFmt = typeof cell.numFmt === "string" && cell.numFmt !== "" && !/^general$/i.test(cell.numFmt) ? cell.numFmt : undefined;
  const numberFormat = numFmt ?? (typed.date ? "yyyy-mm-dd" : undefined);
  if (typed.value === "" && formula === undefined) return undefined;
  return { value: typed.value, ...(numberFormat !== undefined ? { numberFormat } : {}), ...(formula !== undefined ? { formula } : {}) };
}

/** A table's range as exceljs read it (the file's `ref`, header and totals rows included). */
function tableRanges(worksheet: Worksheet): Array<{ name: string; address: string }> {
  const found: Array<{ name: string; address: string }> = [];
  for (const table of worksheet.getTables() as unknown[]) {
    type TableModel = { name?: string; displayName?: string; tableRef?: string; ref?: string };
    const model: TableModel = (table as { model?: TableModel }).model ?? (table as TableModel);
    const name = model.displayName || model.name;
    const address = model.tableRef || model.ref;
    if (name && address && address.includes(":")) found.push({ name, address });
  }
  return found;
}

/** Throws when a sheet is larger than a worksheet holds. */
function checkSize(fileName: string, sheetName: string, rows: number, columns: number): void {
  if (rows > MAX_ROWS) {
    throw new OpenFileError(
      `${fileName} cannot be opened: sheet "${sheetName}" has ${rows.toLocaleString("en")} rows, and a worksheet holds ${MAX_ROWS.toLocaleString("en")} rows.`,
    );
  }
  if (columns > MAX_COLUMNS) {
    throw new OpenFileError(
      `${fileName} cannot be opened: sheet "${sheetName}" has ${columns.toLocaleString("en")} columns, and a worksheet holds ${MAX_COLUMNS.toLocaleString("en")} columns (A to XFD).`,
    );
  }
}

/**
 * Loads exceljs's browser build (no Node polyfills needed) as its own webpack chunk, fetched
 * the first time someone opens an .xlsx. Cost: one download of about 0.9 MB, then cached.
 *
 * @example const excel = await loadExcelJs(); new excel.Workbook()
 */
export async function loadExcelJs(): Promise<ExcelJsModule> {
  // @ts-expect-error -- the browser build ships no .d.ts of its own; it has the API index.d.ts describes.
  const loaded: unknown = await import(/* webpackChunkName: "exceljs" */ "exceljs/dist/exceljs.bare.min.js");
  const module = loaded as Partial<ExcelJsModule> & { default?: ExcelJsModule };
  return module.Workbook ? (module as ExcelJsModule) : (module.default as ExcelJsModule);
}

/**
 * Reads an .xlsx file's worksheets, every cell typed by {@link xlsxCell}, with their Excel
 * tables. Cost: exceljs's parse of the whole file, then one pass over its cells.
 *
 * @throws OpenFileError naming the file when it is not a readable .xlsx workbook, or when
 *   a sheet has more rows or columns than a worksheet holds.
 * @example const sheets = await readXlsx(bytes, "orders.xlsx", require("exceljs")); sheets[0].rows[1][4] // { value: 40513.35, numberFormat: "yyyy-mm-dd hh:mm" }
 */
export async function readXlsx(bytes: ArrayBuffer | Uint8Array, fileName: string, excel?: ExcelJsModule): Promise<XlsxSheet[]> {
  const exceljs = excel ?? (await loadExcelJs());
  const book = new exceljs.Workbook();
  try {
    // exceljs types its argument as a Node Buffer; it hands it to JSZip, which takes any byte array.
    await book.xlsx.load(bytes as unknown as Parameters<XlsxWorkbook["xlsx"]["load"]>[0]);
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).replace(/\s*If it is, see \S+$/, "");
    // exceljs refuses a cell right of XFD while reading, before any sheet can be named.
    if (/out of bounds/i.test(reason)) {
      throw new OpenFileError(`${fileName} cannot be opened: it has cells right of column XFD, and a worksheet holds ${MAX_COLUMNS.toLocaleString("en")} columns (A to XFD).`);
    }
    throw new OpenFileError(`${fileName} could not be read as an .xlsx workbook (${reason}). Save it from Excel as "Excel Workbook (.xlsx)" and try again.`);
  }
  const sheets: XlsxSheet[] = [];
  for (const worksheet of book.worksheets) {
    checkSize(fileName, worksheet.name, worksheet.rowCount, worksheet.columnCount);
    const rows: Array<Array<LoadedCell | undefined>> = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: Array<LoadedCell | undefined> = [];
      row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
        const loaded = xlsxCell(cell);
        if (loaded !== undefined) cells[columnNumber - 1] = loaded;
      });
      if (cells.length > 0) rows[rowNumber - 1] = cells;
    });
    // Fill the holes eachRow left (empty rows, cells) so the rows are plain arrays.
    for (let r = 0; r < rows.length; r++) {
      const cells = rows[r] ?? [];
      for (let c = 0; c < cells.length; c++) if (!(c in cells)) cells[c] = undefined;
      rows[r] = cells;
    }
    sheets.push({ name: worksheet.name, rows, tables: tableRanges(worksheet) });
  }
  if (sheets.length === 0) throw new OpenFileError(`${fileName} has no worksheets.`);
  return sheets;
}

// ---------------------------------------------------------------- into the workbook

/** Adds a table, trying "Name_2", "Name_3", … when the name is taken; undefined when it cannot be added. */
function addTableSomehow(workbook: MemoryWorkbook, name: string, sheet: string, address: string): string | undefined {
  for (let k = 1; k <= 20; k++) {
    const candidate = k === 1 ? name : `${name}_${k}`;
    try {
      workbook.addTable(candidate, sheet, address);
      return candidate;
    } catch (e) {
      // Only a name clash is worth another name; an invalid name or an overlap is not.
      if (!(e instanceof Error) || !/already exists/.test(e.message)) return undefined;
    }
  }
  return undefined;
}

/**
 * Opens a CSV or .xlsx file in the in-memory workbook: reads it (see the file comment), adds
 * its sheets after the existing ones (names made valid and unique), makes the first one
 * active with A1 selected, and says what was opened. Nothing is added when it fails.
 * Cost: one parse of the file and one pass over its cells; `excel` (exceljs) is loaded on
 * demand when not given.
 *
 * @throws OpenFileError (message naming the file) for an unknown extension, an empty file,
 *   an unreadable .xlsx, a sheet larger than a worksheet, or a file with no cells.
 * @example const opened = await openFile(workbook, { name: "orders.csv", bytes }); opened.message // "Opened orders.csv: 1 sheet, 501 rows"
 */
export async function openFile(workbook: MemoryWorkbook, file: FileToOpen, excel?: ExcelJsModule): Promise<OpenedFile> {
  const { name: fileName, bytes } = file;
  const kind = fileKind(fileName);
  if (kind === undefined) {
    const hint = /\.xls$/i.test(fileName) ? ' Save it from Excel as "Excel Workbook (.xlsx)" first.' : "";
    throw new OpenFileError(`${fileName} is not a file the preview opens: choose a .csv or an .xlsx file.${hint}`);
  }
  if (bytes.byteLength === 0) throw new OpenFileError(`${fileName} is empty.`);
  const existing = await workbook.sheetNames();
  const added: string[] = [];
  const tables: string[] = [];
  try {
    if (kind === "csv") {
      const text = decodeCsv(bytes);
      if (text.replace(/^\uFEFF/, "").trim() === "") throw new OpenFileError(`${fileName} is empty.`);
      const sheet = csvSheetName(fileName, existing);
      added.push(sheet);
      try {
        workbook.loadCsv(sheet, text);
      } catch (e) {
        throw new OpenFileError(`${fileName} cannot be opened as sheet "${sheet}": ${(e instanceof Error ? e.message : String(e)).replace(/^The /, "the ")}`);
      }
    } else {
      const sheets = await readXlsx(bytes, fileName, excel);
      if (sheets.every((s) => s.rows.length === 0)) throw new OpenFileError(`${fileName} has no cells on any of its sheets.`);
      const names = [...existing];
      for (const sheet of sheets) {
        const name = uniqueSheetName(sheet.name, names);
        names.push(name);
        added.push(name);
        if (sheet.rows.length === 0) await workbook.ensureSheet(name);
        else workbook.loadCells(name, sheet.rows);
        for (const table of sheet.tables) {
          const tableName = addTableSomehow(workbook, table.name, name, table.address);
          if (tableName !== undefined) tables.push(tableName);
        }
      }
    }
  } catch (e) {
    // Leave the workbook as it was: no half-opened file.
    for (const sheet of added) if (!existing.some((n) => n.toLowerCase() === sheet.toLowerCase())) await workbook.deleteSheet(sheet);
    if (e instanceof OpenFileError) throw e;
    throw new OpenFileError(`${fileName} could not be opened: ${e instanceof Error ? e.message : String(e)}`);
  }
  const first = added[0] as string;
  workbook.activate(first);
  workbook.select(first, cellAddress(0, 0));
  const rows = added.reduce((sum, sheet) => sum + workbook.extent(sheet).rows, 0);
  return { fileName, sheets: added, rows, tables, message: describeOpened(fileName, added.length, rows) };
}
