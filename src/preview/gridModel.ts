/**
 * What the preview grid draws for a cell, computed from the in-memory workbook without React:
 * displayed text and alignment (numbers right, text left, booleans and errors centred, as in
 * Excel), number formats, Excel table styling (header and banded rows), the recorded
 * conditional formats (tier fill colours, data bars) and column widths sized to the content.
 */
import { heatColour, luminance } from "../workbook/colours";
import type { MemoryWorkbook, RecordedFormat, TableInfo } from "./MemoryWorkbook";
import { formatCellText } from "./numberFormat";

/** Everything the grid needs to draw one cell. */
export interface CellView {
  text: string;
  align: "left" | "right" | "center";
  bold: boolean;
  /** Background fill "#RRGGBB" (table style or a label colour). */
  fill?: string;
  /** Text colour when the fill needs it. */
  color?: string;
  /** Data bar length, 0…1, when the cell has one. */
  bar?: number;
  /** The stored formula, when there is one. */
  formula?: string;
  /** Why the cell shows an error (a CV function's message, what blocks a spill). */
  message?: string;
  /** True for a cell a dynamic array spilled into (not a user cell). */
  spilled?: boolean;
  /** True for an empty cell (a neighbour's text may overflow into it). */
  empty: boolean;
}

/** Excel's default data bar colour and table style (TableStyleMedium2). */
export const DATA_BAR_COLOUR = "#638EC6";
const TABLE_HEADER_FILL = "#4472C4";
const TABLE_BAND_FILL = "#D9E1F2";

interface DataBarRange {
  top: number;
  column: number;
  rows: number;
  low: number;
  high: number;
}

/** Per-sheet lookups, computed once per workbook change. */
export interface SheetDecorations {
  tables: TableInfo[];
  dataBars: DataBarRange[];
  /** Label colour formats, with their labels lower-cased (Excel's rule ignores case). */
  labels: Array<Extract<RecordedFormat, { kind: "labelColours" }> & { lower: Record<string, string> }>;
  /** Heatmap colour scales, with the lowest and highest number of their area. */
  scales: Array<Extract<RecordedFormat, { kind: "colourScale" }> & { low: number; high: number }>;
}

/** Gathers tables and conditional formats of a sheet; data bars get their column's min and max. */
export function sheetDecorations(workbook: MemoryWorkbook, sheet: string): SheetDecorations {
  const formats = workbook.formats(sheet);
  const dataBars: DataBarRange[] = [];
  for (const f of formats) {
    if (f.kind !== "dataBars") continue;
    let min = Infinity;
    let max = -Infinity;
    for (let r = f.top; r < f.top + f.rows; r++) {
      const v = workbook.cellAt(sheet, r, f.column)?.value;
      if (typeof v === "number" && Number.isFinite(v)) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    // Excel's automatic minimum: bars start at zero unless values go below it.
    if (min <= max) dataBars.push({ top: f.top, column: f.column, rows: f.rows, low: Math.min(0, min), high: max });
  }
  const scales: SheetDecorations["scales"] = [];
  for (const f of formats) {
    if (f.kind !== "colourScale") continue;
    let low = Infinity;
    let high = -Infinity;
    for (let r = f.top; r < f.top + f.rows; r++) {
      for (let c = f.column; c < f.column + f.columns; c++) {
        const v = workbook.cellAt(sheet, r, c)?.value;
        if (typeof v === "number" && Number.isFinite(v)) {
          low = Math.min(low, v);
          high = Math.max(high, v);
        }
      }
    }
    if (low <= high) scales.push({ ...f, low, high });
  }
  return {
    tables: workbook.tables(sheet),
    dataBars,
    scales,
    labels: formats
      .filter((f): f is Extract<RecordedFormat, { kind: "labelColours" }> => f.kind === "labelColours")
      .map((f) => ({
        ...f,
        lower: Object.fromEntries(Object.entries(f.colours).map(([label, colour]) => [label.toLowerCase(), colour])),
      })),
  };
}

/** Black or white text, whichever reads better on a fill. */
export function textColourOn(fill: string): string {
  return luminance(fill) > 0.4 ? "#000000" : "#FFFFFF";
}

const inside = (row: number, column: number, f: { top: number; column: number; rows: number }) =>
  column === f.column && row >= f.top && row < f.top + f.rows;

/** How one cell looks. */
export function cellView(workbook: MemoryWorkbook, sheet: string, deco: SheetDecorations, row: number, column: number): CellView {
  const cell = workbook.cellAt(sheet, row, column);
  const value = cell?.value ?? "";
  const empty = value === "" && cell?.formula === undefined;
  const text = formatCellText(value, cell?.numberFormat);
  const align: CellView["align"] =
    typeof value === "number" ? "right" : typeof value === "boolean" || /^#[A-Z0-9/]+[!?]?$/.test(String(value)) ? "center" : "left";
  const view: CellView = { text, align, bold: cell?.bold === true, empty };
  if (cell?.formula !== undefined) view.formula = cell.formula;
  if (cell?.message !== undefined) view.message = cell.message;
  if (cell?.spilledFrom !== undefined) view.spilled = true;

  for (const table of deco.tables) {
    if (row < table.top || row >= table.top + table.rows || column < table.left || column >= table.left + table.columns) continue;
    if (row === table.top) {
      view.fill = TABLE_HEADER_FILL;
      view.color = "#FFFFFF";
      view.bold = true;
    } else if ((row - table.top) % 2 === 1) view.fill = TABLE_BAND_FILL;
  }
  for (const label of deco.labels) {
    if (!inside(row, column, label)) continue;
    // Excel's "cell value equal to" rule ignores case.
    const fill = label.lower[String(value).toLowerCase()];
    if (fill) {
      view.fill = fill;
      view.color = textColourOn(fill);
    }
  }
  for (const scale of deco.scales) {
    if (typeof value !== "number" || row < scale.top || row >= scale.top + scale.rows || column < scale.column || column >= scale.column + scale.columns) continue;
    view.fill = heatColour(value, scale.low, scale.high);
    view.color = textColourOn(view.fill);
  }
  for (const bar of deco.dataBars) {
    if (!inside(row, column, bar) || typeof value !== "number") continue;
    const span = bar.high - bar.low;
    view.bar = span > 0 ? Math.max(0, Math.min(1, (value - bar.low) / span)) : 1;
  }
  return view;
}

/**
 * The spill range a cell belongs to (as the anchor or a spilled cell), for the blue outline
 * Excel draws around it; for a #SPILL! formula cell the range it would need, marked
 * `blocked` (Excel draws that one dashed); undefined for other cells. Cost: O(1).
 *
 * @example spillRangeOf(workbook, "Sheet1", 3, 1) // → { top: 1, left: 1, rows: 3, columns: 1 } for a formula in B2 spilling to B4
 */
export function spillRangeOf(
  workbook: MemoryWorkbook,
  sheet: string,
  row: number,
  column: number,
): { top: number; left: number; rows: number; columns: number; blocked?: boolean } | undefined {
  const cell = workbook.cellAt(sheet, row, column);
  if (cell?.blockedSpill) return { top: row, left: column, rows: cell.blockedSpill.rows, columns: cell.blockedSpill.columns, blocked: true };
  const anchorAt = cell?.spilledFrom ?? (cell?.spill ? { row, column } : undefined);
  if (!anchorAt) return undefined;
  const spill = workbook.cellAt(sheet, anchorAt.row, anchorAt.column)?.spill;
  return spill ? { top: anchorAt.row, left: anchorAt.column, rows: spill.rows, columns: spill.columns } : undefined;
}

/** Excel's default column width in pixels, and the widest the preview sizes a column to. */
export const DEFAULT_COLUMN_WIDTH = 64;
const MAX_COLUMN_WIDTH = 260;
const CHAR_WIDTH = 7;

/**
 * Column widths fitted to the content of the first rows (like double-clicking the column
 * border in Excel): numbers and text that cannot overflow into an empty neighbour count; long
 * text with empty cells to its right overflows instead, as in Excel.
 */
export function columnWidths(workbook: MemoryWorkbook, sheet: string, columns: number, sampleRows = 400): number[] {
  const { rows } = workbook.extent(sheet);
  const widths: number[] = [];
  for (let c = 0; c < columns; c++) {
    let chars = 0;
    for (let r = 0; r < Math.min(rows, sampleRows); r++) {
      const cell = workbook.cellAt(sheet, r, c);
      if (!cell || (cell.value === "" && cell.formula === undefined)) continue;
      const right = workbook.cellAt(sheet, r, c + 1);
      const rightEmpty = !right || (right.value === "" && right.formula === undefined);
      if (typeof cell.value === "string" && rightEmpty) continue;
      const text = formatCellText(cell.value, cell.numberFormat);
      chars = Math.max(chars, text.length + (cell.bold ? 1 : 0));
    }
    widths.push(Math.min(MAX_COLUMN_WIDTH, Math.max(DEFAULT_COLUMN_WIDTH, chars * CHAR_WIDTH + 16)));
  }
  return widths;
}

/** Count, numeric count, sum and average of a block (Excel's status bar), or null when too big. */
export function selectionStats(
  workbook: MemoryWorkbook,
  sheet: string,
  block: { top: number; left: number; rows: number; columns: number },
  maxCells = 2_000_000,
): { count: number; numbers: number; sum: number } | null {
  if (block.rows * block.columns > maxCells) return null;
  const extent = workbook.extent(sheet);
  let count = 0;
  let numbers = 0;
  let sum = 0;
  for (let r = block.top; r < Math.min(block.top + block.rows, extent.rows); r++) {
    for (let c = block.left; c < Math.min(block.left + block.columns, extent.columns); c++) {
      const v = workbook.cellAt(sheet, r, c)?.value;
      if (v === undefined || v === "") continue;
      count++;
      if (typeof v === "number") {
        numbers++;
        sum += v;
      }
    }
  }
  return { count, numbers, sum };
}

/**
 * Where Ctrl+arrow goes from a cell, as in Excel: to the last filled cell of the block it is
 * in, or to the next filled cell across a gap, or to the sheet's edge (`limit`) when there is
 * none.
 */
export function jumpTarget(
  workbook: MemoryWorkbook,
  sheet: string,
  from: { row: number; column: number },
  direction: { rows: number; columns: number },
  limit: { rows: number; columns: number },
): { row: number; column: number } {
  const filled = (r: number, c: number) => {
    const cell = workbook.cellAt(sheet, r, c);
    return cell !== undefined && (cell.value !== "" || cell.formula !== undefined);
  };
  const within = (r: number, c: number) => r >= 0 && c >= 0 && r < limit.rows && c < limit.columns;
  let { row, column } = from;
  const next = () => ({ row: row + direction.rows, column: column + direction.columns });
  let step = next();
  if (!within(step.row, step.column)) return { row, column };
  const extent = workbook.extent(sheet);
  if (filled(row, column) && filled(step.row, step.column)) {
    while (within(step.row, step.column) && filled(step.row, step.column)) {
      ({ row, column } = step);
      step = next();
    }
    return { row, column };
  }
  // Move to the next filled cell; past the used range there is none: go to the edge.
  while (within(step.row, step.column)) {
    ({ row, column } = step);
    if (filled(row, column)) return { row, column };
    if ((direction.rows > 0 && row >= extent.rows) || (direction.columns > 0 && column >= extent.columns)) break;
    step = next();
  }
  return {
    row: direction.rows > 0 ? limit.rows - 1 : direction.rows < 0 ? 0 : row,
    column: direction.columns > 0 ? limit.columns - 1 : direction.columns < 0 ? 0 : column,
  };
}
