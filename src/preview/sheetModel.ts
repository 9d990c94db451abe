/**
 * The in-memory workbook's data: sheets of sparse cells with their used extent, active cell
 * and selection, recorded conditional formats and charts, and the workbook's Excel tables.
 * A plain data structure: it stores what it is given and answers lookups. How Excel would
 * fill it (what a write or a clear does, where a summary goes, what a region is) lives in
 * ./excelEmulation; the Workbook interface in ./MemoryWorkbook.
 */
import type { ChartSpec, SummarySheet } from "../workbook/Workbook";

/** One cell. Empty cells are absent (or have value "" and only a number format). */
export interface Cell {
  value: string | number | boolean;
  /** The formula as written, e.g. "=CV.SCORE(B2:D4339)"; `value` is what it shows. */
  formula?: string;
  numberFormat?: string;
  /** Bold text (the summary sheet's title and table header). */
  bold?: boolean;
  /** Why the cell shows an error value (a CV function's message, what blocks a spill). */
  message?: string;
  /**
   * On a cell a dynamic array spilled into: the formula cell (anchor) it comes from. Such a
   * cell is not a user cell: it shows a value but holds no entry of its own.
   */
  spilledFrom?: { row: number; column: number };
  /** On a formula cell whose array spilled: the size of the spill range (the anchor included). */
  spill?: { rows: number; columns: number };
  /** On a formula cell showing #SPILL!: the size of the range its array would need. */
  blockedSpill?: { rows: number; columns: number };
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
  | { kind: "labelColours"; top: number; column: number; rows: number; colours: Record<string, string> }
  /** A heatmap's two-colour scale over `columns` columns from `column` (one scale for the whole area). */
  | { kind: "colourScale"; top: number; column: number; rows: number; columns: number };

/**
 * A chart on a sheet: its spec, the cell its top-left corner sits on, the cells it covers,
 * and (for a summary chart) where its categories and series are read from.
 */
export interface ChartPlacement {
  spec: ChartSpec;
  top: number;
  left: number;
  /** Rows and columns the chart covers. */
  rows: number;
  columns: number;
  /** The cells holding the category labels. */
  categories?: Block;
  /** The cells holding each series' values, in spec order. */
  series?: Block[];
}

/** True when `inner` lies inside `outer`. */
export function contains(outer: Block, inner: Block): boolean {
  return (
    inner.top >= outer.top &&
    inner.left >= outer.left &&
    inner.top + inner.rows <= outer.top + outer.rows &&
    inner.left + inner.columns <= outer.left + outer.columns
  );
}

/** True when two blocks share a cell. */
export function overlaps(a: Block, b: Block): boolean {
  return a.top < b.top + b.rows && b.top < a.top + a.rows && a.left < b.left + b.columns && b.left < a.left + a.columns;
}

/** One sheet: sparse rows of cells and what is recorded on it. */
export class SheetModel {
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

  /**
   * Stores a cell: the new value replaces the old one and its formula; the old number format
   * stays unless `numberFormat` is given (even as undefined); bold only when asked. Grows the
   * extent.
   */
  set(row: number, column: number, update: { value: Cell["value"]; formula?: string; numberFormat?: string; bold?: boolean }): void {
    let line = this.rows[row];
    if (!line) line = this.rows[row] = [];
    const old = line[column];
    const cell: Cell = { value: update.value };
    const numberFormat = "numberFormat" in update ? update.numberFormat : old?.numberFormat;
    if (numberFormat !== undefined) cell.numberFormat = numberFormat;
    if (update.formula !== undefined) cell.formula = update.formula;
    if (update.bold) cell.bold = true;
    line[column] = cell;
    if (row >= this.rowCount) this.rowCount = row + 1;
    if (column >= this.columnCount) this.columnCount = column + 1;
  }

  /**
   * Stores a cell object as given (the formula engine's spilled and anchor cells), growing
   * the extent; `undefined` removes the cell. Cost: O(1).
   */
  put(row: number, column: number, cell: Cell | undefined): void {
    let line = this.rows[row];
    if (!line) {
      if (cell === undefined) return;
      line = this.rows[row] = [];
    }
    line[column] = cell;
    if (cell === undefined) return;
    if (row >= this.rowCount) this.rowCount = row + 1;
    if (column >= this.columnCount) this.columnCount = column + 1;
  }

  /** Gives a cell a number format, keeping its value (an absent cell becomes an empty one with the format). */
  setFormat(row: number, column: number, numberFormat: string): void {
    const cell = this.rows[row]?.[column];
    if (cell) cell.numberFormat = numberFormat;
    else this.set(row, column, { value: "", numberFormat });
  }

  /** Removes the cells of a block (they become absent). The used extent stays. Cost: O(cells stored in the block's rows). */
  remove(block: Block): void {
    const lastRow = Math.min(block.top + block.rows, this.rows.length);
    for (let r = block.top; r < lastRow; r++) {
      const line = this.rows[r];
      if (!line) continue;
      const lastColumn = Math.min(block.left + block.columns, line.length);
      for (let c = block.left; c < lastColumn; c++) line[c] = undefined;
    }
  }

  /** Empties the sheet: cells, extent, formats, charts, summary, active cell and selection. */
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

  /** The values of a block, rows × columns, "" for empty cells. */
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

/** The workbook's data: sheets in tab order, the tables on them, and which sheet is active. */
export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableInfo[] = [];
  activeSheetName = "";

  /** The sheet of that name, matched ignoring case (sheet names are unique that way); undefined when absent. */
  find(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  /** Appends a sheet (the caller checks the name). */
  add(name: string): SheetModel {
    const sheet = new SheetModel(name);
    this.sheets.push(sheet);
    return sheet;
  }

  /** Takes a sheet out, with its tables. */
  remove(sheet: SheetModel): void {
    const i = this.sheets.indexOf(sheet);
    if (i >= 0) this.sheets.splice(i, 1);
    this.dropTables(sheet.name);
  }

  /** Forgets the tables of a sheet. */
  dropTables(sheet: string): void {
    for (let i = this.tables.length - 1; i >= 0; i--) if (this.tables[i]?.sheet === sheet) this.tables.splice(i, 1);
  }
}
