/**
 * The spreadsheet grid of the preview page: column letters, row numbers and cells of one
 * sheet of a MemoryWorkbook, with recorded formats and charts.
 *
 * Windowing: every row has the same height, so the rows in view follow from scrollTop alone.
 * A scroll container holds a spacer as tall as all rows; only the rows in view (plus a few
 * either side) are rendered, absolutely positioned at row × height. The header row and the
 * row numbers are sticky. Columns are not windowed (a customer table has tens of columns).
 *
 * Accessibility: role="grid" with aria-rowcount/aria-colcount (the whole sheet area, not just
 * the rendered rows), rows carry aria-rowindex, cells aria-colindex; the grid is one tab stop
 * whose active cell is announced through aria-activedescendant. Keys as in Excel: arrows,
 * Shift+arrows to extend, Ctrl+arrows to jump, Home, Ctrl+Home/End, Page Up/Down, Enter, Tab.
 *
 * Editing as in Excel: typing a character starts an entry that replaces the cell; F2 or a
 * double-click edits the cell's content in place (an input over the cell); Enter commits
 * and moves down (Shift+Enter up), Tab right (Shift+Tab left), Escape cancels, clicking
 * elsewhere commits; in a typed (not F2) entry the arrow keys commit and move. Delete or
 * Backspace clears the selected cells' contents. Entries go through
 * MemoryWorkbook.editCell, so formulas calculate and spill; the spill range of the active
 * cell gets Excel's blue outline.
 */
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  type ReactElement,
} from "react";
import { blockAddress, cellAddress, columnLetters } from "../workbook/address";
import { ChartView } from "./ChartView";
import { editText } from "./formulas/entry";
import { cellView, columnWidths, DATA_BAR_COLOUR, jumpTarget, sheetDecorations, spillRangeOf, type CellView, type SheetDecorations } from "./gridModel";
import { CHART_ROWS, MAX_COLUMNS, MAX_ROWS, type MemoryWorkbook } from "./MemoryWorkbook";

export const ROW_HEIGHT = 22;
export const ROW_HEADER_WIDTH = 56;
/** A summary chart covers CHART_ROWS rows and about eight default-width columns, as in Excel. */
const CHART_HEIGHT = CHART_ROWS * ROW_HEIGHT - 8;
const CHART_WIDTH = 8 * 64 - 8;
const OVERSCAN = 12;
const DEFAULT_WIDTH = 64;
/** Empty rows shown below the used range (Excel shows the sheet going on; a few are enough). */
export const EXTRA_ROWS = 8;
const EXCEL_GREEN = "#217346";
const GRIDLINE = "#E1E1E1";
const SPILL_BLUE = "#4A86E8";

const useStyles = makeStyles({
  scroller: {
    position: "relative",
    overflow: "auto",
    flexGrow: 1,
    minHeight: 0,
    backgroundColor: "#FFFFFF",
    fontFamily: tokens.fontFamilyBase,
    fontSize: "13px",
    color: "#000000",
    outlineStyle: "none",
    ":focus-visible": { boxShadow: `inset 0 0 0 2px ${tokens.colorStrokeFocus2}` },
    userSelect: "none",
  },
  content: { position: "relative" },
  row: { position: "absolute", left: 0, display: "flex", height: `${ROW_HEIGHT}px` },
  headerRow: { position: "sticky", top: 0, zIndex: 3, display: "flex", height: `${ROW_HEIGHT}px` },
  header: {
    boxSizing: "border-box",
    flexShrink: 0,
    height: `${ROW_HEIGHT}px`,
    lineHeight: `${ROW_HEIGHT - 1}px`,
    textAlign: "center",
    backgroundColor: "#F3F3F3",
    color: "#444444",
    borderRight: "1px solid #D4D4D4",
    borderBottom: "1px solid #D4D4D4",
    fontSize: "12px",
    overflow: "hidden",
  },
  headerSelected: { backgroundColor: "#D3F0E0", color: EXCEL_GREEN, borderBottomColor: EXCEL_GREEN, fontWeight: 600 },
  rowHeader: { position: "sticky", left: 0, zIndex: 2 },
  corner: { position: "sticky", left: 0, zIndex: 4 },
  cell: {
    boxSizing: "border-box",
    flexShrink: 0,
    height: `${ROW_HEIGHT}px`,
    lineHeight: `${ROW_HEIGHT - 1}px`,
    padding: "0 4px",
    borderRight: `1px solid ${GRIDLINE}`,
    borderBottom: `1px solid ${GRIDLINE}`,
    whiteSpace: "nowrap",
    overflow: "hidden",
    textOverflow: "ellipsis",
    cursor: "cell",
  },
  overflowing: { overflow: "visible", position: "relative", zIndex: 1 },
  spill: { display: "inline-block", overflow: "hidden", textOverflow: "ellipsis", verticalAlign: "top", paddingRight: "2px" },
  active: { outline: `2px solid ${EXCEL_GREEN}`, outlineOffset: "-2px", position: "relative", zIndex: 2 },
  chart: { position: "absolute", zIndex: 2, boxShadow: tokens.shadow4 },
  /** Excel's outline of a dynamic array's spill range. */
  spillOutline: { position: "absolute", zIndex: 2, pointerEvents: "none", boxSizing: "border-box", border: `1px solid ${SPILL_BLUE}` },
  editor: {
    position: "absolute",
    zIndex: 5,
    boxSizing: "border-box",
    height: `${ROW_HEIGHT}px`,
    padding: "0 3px",
    border: `2px solid ${EXCEL_GREEN}`,
    outlineStyle: "none",
    fontFamily: tokens.fontFamilyBase,
    fontSize: "13px",
    backgroundColor: "#FFFFFF",
    color: "#000000",
    boxShadow: tokens.shadow4,
  },
  spilledText: { color: "#000000" },
});

interface GridProps {
  workbook: MemoryWorkbook;
  sheet: string;
  /** The workbook's version: the grid redraws when it changes. */
  version: number;
}

const idOf = (r: number, c: number) => `cvp-${r}-${c}`;

interface GridRowProps {
  row: number;
  workbook: MemoryWorkbook;
  sheet: string;
  /** Redraw when the cells change (not when only the selection moves elsewhere). */
  contentVersion: number;
  deco: SheetDecorations;
  widths: number[];
  totalWidth: number;
  /** Selected columns of this row: [selectedFrom, selectedTo), or -1 when the row is not selected. */
  selectedFrom: number;
  selectedTo: number;
  /** More than one cell selected (then the selection is shaded). */
  multi: boolean;
  /** The active cell's column when it is in this row, else -1. */
  activeColumn: number;
}

/** One row of cells; memoised, so scrolling renders only the rows coming into view. */
const GridRow = memo(function GridRow(props: GridRowProps) {
  const { row: r, workbook, sheet, deco, widths, totalWidth, selectedFrom, selectedTo, multi, activeColumn } = props;
  const styles = useStyles();
  const columnCount = widths.length;
  const views: CellView[] = [];
  for (let c = 0; c < columnCount; c++) views.push(cellView(workbook, sheet, deco, r, c));

  const renderCell = (c: number): ReactElement => {
    const view = views[c] as CellView;
    const width = widths[c] as number;
    const style: CSSProperties = { width, textAlign: view.align };
    if (view.fill) style.backgroundColor = view.fill;
    if (view.color) style.color = view.color;
    if (view.bold) style.fontWeight = 600;
    if (view.bar !== undefined) {
      const pct = (view.bar * 100).toFixed(1);
      style.backgroundImage = `linear-gradient(to right, ${DATA_BAR_COLOUR} 0%, #D4E0F2 ${pct}%, transparent ${pct}%)`;
      style.backgroundSize = "100% 72%";
      style.backgroundPosition = "left center";
      style.backgroundRepeat = "no-repeat";
    }
    const selected = c >= selectedFrom && c < selectedTo;
    if (selected && multi) style.boxShadow = "inset 0 0 0 9999px rgba(33, 115, 70, 0.14)";
    let overflowing = false;
    let content: ReactElement | string = view.text;
    // Text wider than its column runs over empty cells to its right, as in Excel.
    if (view.align === "left" && view.text !== "" && view.text.length * 7 + 8 > width) {
      let room = width;
      for (let k = c + 1; k < columnCount; k++) {
        if (!views[k]?.empty) break;
        room += widths[k] as number;
        if (room > 1600) break;
      }
      if (room > width) {
        overflowing = true;
        content = (
          <span className={styles.spill} style={{ maxWidth: room - 8, backgroundColor: view.fill ?? "#FFFFFF" }}>
            {view.text}
          </span>
        );
      }
    }
    const className = mergeClasses(styles.cell, overflowing && styles.overflowing, c === activeColumn && styles.active);
    return (
      <div
        key={c}
        id={idOf(r, c)}
        role="gridcell"
        aria-colindex={c + 2}
        aria-selected={selected}
        data-r={r}
        data-c={c}
        className={className}
        style={style}
        title={view.message !== undefined ? `${view.text}: ${view.message}` : view.formula}
        data-spilled={view.spilled ? "true" : undefined}
      >
        {content}
      </div>
    );
  };

  return (
    <div role="row" aria-rowindex={r + 2} className={styles.row} style={{ top: (r + 1) * ROW_HEIGHT, width: totalWidth }}>
      <div
        role="rowheader"
        aria-colindex={1}
        className={mergeClasses(styles.header, styles.rowHeader, selectedFrom >= 0 && styles.headerSelected)}
        style={{ width: ROW_HEADER_WIDTH }}
      >
        {r + 1}
      </div>
      {views.map((_, c) => renderCell(c))}
    </div>
  );
});

type Point = { row: number; column: number };

/** An entry being typed: where, the text, and whether it replaced the cell (typing) or edits it (F2, double-click). */
interface Editing {
  row: number;
  column: number;
  text: string;
  mode: "replace" | "edit";
}

export function Grid({ workbook, sheet }: GridProps) {
  const styles = useStyles();
  const scroller = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const [firstRow, setFirstRow] = useState(0);
  const [visibleRows, setVisibleRows] = useState(40);
  const [editing, setEditingState] = useState<Editing | null>(null);
  // The entry as the handlers see it now (a blur right after Enter must not commit twice).
  const editingNow = useRef<Editing | null>(null);
  const setEditing = (next: Editing | null) => {
    editingNow.current = next;
    setEditingState(next);
  };
  const editor = useRef<HTMLInputElement>(null);

  const extent = workbook.extent(sheet);
  const active = workbook.activeCell(sheet);
  const selection = workbook.selection(sheet);
  const rowCount = Math.min(MAX_ROWS, Math.max(extent.rows + EXTRA_ROWS, 60, active.row + EXTRA_ROWS, selection.top + selection.rows + 1));
  const columnCount = Math.min(MAX_COLUMNS, Math.max(extent.columns + 4, 16, active.column + 4, selection.left + selection.columns + 1));

  // `contentVersion` stands for the workbook's contents: recompute when it changes.
  const contentVersion = workbook.contentVersion;
  const deco = useMemo(() => sheetDecorations(workbook, sheet), [workbook, sheet, contentVersion]);
  const widths = useMemo(() => columnWidths(workbook, sheet, columnCount), [workbook, sheet, contentVersion, columnCount]);
  const lefts = useMemo(() => {
    const out = [0];
    for (const w of widths) out.push((out[out.length - 1] as number) + w);
    return out;
  }, [widths]);
  const totalWidth = ROW_HEADER_WIDTH + (lefts[lefts.length - 1] as number);
  const charts = workbook.chartPlacements(sheet).map((chart) => ({
    ...chart,
    x: ROW_HEADER_WIDTH + (lefts[Math.min(chart.left, columnCount)] ?? 0) + 4,
    y: (chart.top + 1) * ROW_HEIGHT + 4,
  }));
  const contentWidth = Math.max(totalWidth, ...charts.map((c) => c.x + CHART_WIDTH + 16));
  const contentHeight = Math.max((rowCount + 1) * ROW_HEIGHT, ...charts.map((c) => c.y + CHART_HEIGHT + 16));

  // Track the scroll position and the viewport height.
  const measure = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    setFirstRow(Math.floor(el.scrollTop / ROW_HEIGHT));
    setVisibleRows(Math.ceil(el.clientHeight / ROW_HEIGHT) + 1);
  }, []);
  useLayoutEffect(() => {
    measure();
    const el = scroller.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);

  // Keep the active cell in view when it moves (keyboard, name box, a test's select()).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const y = (active.row + 1) * ROW_HEIGHT;
    if (y - ROW_HEIGHT < el.scrollTop) el.scrollTop = y - ROW_HEIGHT;
    else if (y + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = y + ROW_HEIGHT - el.clientHeight;
    const x = lefts[active.column] ?? 0;
    const w = widths[active.column] ?? 0;
    const room = el.clientWidth - ROW_HEADER_WIDTH;
    if (x < el.scrollLeft) el.scrollLeft = x;
    else if (x + w > el.scrollLeft + room) el.scrollLeft = x + w - room;
    // Only when the active cell itself moves, not on every redraw.
  }, [active.row, active.column, sheet]);

  useEffect(() => {
    const stop = () => {
      dragging.current = false;
    };
    window.addEventListener("mouseup", stop);
    return () => window.removeEventListener("mouseup", stop);
  }, []);

  /** Selects the block spanning `anchor` (the active cell) and `to`. */
  const selectSpan = (anchor: Point, to: Point) => {
    const top = Math.min(anchor.row, to.row);
    const left = Math.min(anchor.column, to.column);
    const rows = Math.abs(anchor.row - to.row) + 1;
    const columns = Math.abs(anchor.column - to.column) + 1;
    workbook.select(sheet, blockAddress(top, left, rows, columns), cellAddress(anchor.row, anchor.column));
  };

  const cellFromEvent = (e: MouseEvent): Point | null => {
    const target = (e.target as HTMLElement).closest<HTMLElement>("[data-r]");
    if (!target) return null;
    return { row: Number(target.dataset.r), column: Number(target.dataset.c) };
  };

  const onMouseDown = (e: MouseEvent) => {
    if (e.button !== 0) return;
    if ((e.target as HTMLElement).closest("input")) return;
    const at = cellFromEvent(e);
    if (!at) return;
    e.preventDefault();
    const current = editingNow.current;
    if (current) commit({ rows: at.row - current.row, columns: at.column - current.column });
    scroller.current?.focus({ preventScroll: true });
    if (e.shiftKey) selectSpan(active, at);
    else workbook.select(sheet, cellAddress(at.row, at.column));
    dragging.current = true;
  };
  const onDoubleClick = (e: MouseEvent) => {
    const at = cellFromEvent(e);
    if (!at || editing) return;
    e.preventDefault();
    startEditing("edit");
  };
  const onMouseOver = (e: MouseEvent) => {
    if (!dragging.current || (e.buttons & 1) === 0) return;
    const at = cellFromEvent(e);
    if (at) selectSpan(active, at);
  };

  /** Starts an entry in the active cell: replacing it with `text`, or editing its content. */
  const startEditing = (mode: Editing["mode"], text?: string) => {
    const cell = workbook.cellAt(sheet, active.row, active.column);
    // A spilled cell edits as the formula it comes from shows (greyed in Excel); typing over it makes it a user cell.
    const anchor = cell?.spilledFrom ? workbook.cellAt(sheet, cell.spilledFrom.row, cell.spilledFrom.column) : undefined;
    setEditing({ row: active.row, column: active.column, mode, text: text ?? editText(anchor ?? cell) });
  };

  /** Commits the entry (unless an F2 edit left it unchanged) and moves the active cell by (rows, columns). */
  const commit = (move: { rows: number; columns: number }) => {
    const current = editingNow.current;
    if (!current) return;
    const { row, column, text, mode } = current;
    setEditing(null);
    const cell = workbook.cellAt(sheet, row, column);
    const anchor = cell?.spilledFrom ? workbook.cellAt(sheet, cell.spilledFrom.row, cell.spilledFrom.column) : undefined;
    const unchanged = mode === "edit" && text === editText(anchor ?? cell);
    if (!unchanged) void workbook.editCell(sheet, row, column, text);
    const to = { row: Math.max(0, Math.min(MAX_ROWS - 1, row + move.rows)), column: Math.max(0, Math.min(MAX_COLUMNS - 1, column + move.columns)) };
    workbook.select(sheet, cellAddress(to.row, to.column));
    scroller.current?.focus({ preventScroll: true });
  };

  const cancel = () => {
    setEditing(null);
    scroller.current?.focus({ preventScroll: true });
  };

  useLayoutEffect(() => {
    const input = editor.current;
    if (!input || !editing) return;
    input.focus({ preventScroll: true });
    const end = input.value.length;
    input.setSelectionRange(end, end);
    // Only when an entry starts, not on every keystroke.
  }, [editing?.row, editing?.column, editing !== null]);

  const onEditorKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    e.stopPropagation();
    if (!editing) return;
    const moves: Record<string, { rows: number; columns: number }> = {
      Enter: { rows: e.shiftKey ? -1 : 1, columns: 0 },
      Tab: { rows: 0, columns: e.shiftKey ? -1 : 1 },
    };
    if (editing.mode === "replace") {
      Object.assign(moves, { ArrowUp: { rows: -1, columns: 0 }, ArrowDown: { rows: 1, columns: 0 }, ArrowLeft: { rows: 0, columns: -1 }, ArrowRight: { rows: 0, columns: 1 } });
    }
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      commit(move);
    } else if (e.key === "Escape") {
      e.preventDefault();
      cancel();
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (editing) return;
    if (e.key === "F2") {
      e.preventDefault();
      startEditing("edit");
      return;
    }
    if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      void workbook.clearContents(sheet, blockAddress(selection.top, selection.left, selection.rows, selection.columns));
      return;
    }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // The key's character starts the entry; the input takes the following ones.
      e.preventDefault();
      startEditing("replace", e.key);
      return;
    }
    if (e.key === "Tab") {
      e.preventDefault();
      const to = { row: active.row, column: Math.max(0, Math.min(MAX_COLUMNS - 1, active.column + (e.shiftKey ? -1 : 1))) };
      workbook.select(sheet, cellAddress(to.row, to.column));
      return;
    }
    // The moving end of the selection: the corner opposite the active cell.
    const focus: Point = {
      row: active.row === selection.top ? selection.top + selection.rows - 1 : selection.top,
      column: active.column === selection.left ? selection.left + selection.columns - 1 : selection.left,
    };
    const limit = { rows: MAX_ROWS, columns: MAX_COLUMNS };
    const page = Math.max(1, visibleRows - 2);
    const directions: Record<string, { rows: number; columns: number }> = {
      ArrowUp: { rows: -1, columns: 0 },
      ArrowDown: { rows: 1, columns: 0 },
      ArrowLeft: { rows: 0, columns: -1 },
      ArrowRight: { rows: 0, columns: 1 },
      PageUp: { rows: -page, columns: 0 },
      PageDown: { rows: page, columns: 0 },
      Enter: { rows: e.shiftKey ? -1 : 1, columns: 0 },
    };
    let to: Point | null = null;
    const dir = directions[e.key];
    if (dir && (e.ctrlKey || e.metaKey) && e.key.startsWith("Arrow")) {
      to = jumpTarget(workbook, sheet, e.shiftKey ? focus : active, dir, limit);
    } else if (dir) {
      const from = e.shiftKey && e.key !== "Enter" ? focus : active;
      to = { row: from.row + dir.rows, column: from.column + dir.columns };
    } else if (e.key === "Home") {
      to = e.ctrlKey || e.metaKey ? { row: 0, column: 0 } : { row: active.row, column: 0 };
    } else if (e.key === "End" && (e.ctrlKey || e.metaKey)) {
      to = { row: Math.max(0, extent.rows - 1), column: Math.max(0, extent.columns - 1) };
    }
    if (!to) return;
    e.preventDefault();
    to = { row: Math.max(0, Math.min(MAX_ROWS - 1, to.row)), column: Math.max(0, Math.min(MAX_COLUMNS - 1, to.column)) };
    if (e.shiftKey && e.key !== "Enter") selectSpan(active, to);
    else workbook.select(sheet, cellAddress(to.row, to.column));
  };

  const spill = spillRangeOf(workbook, sheet, active.row, active.column);
  const start = Math.max(0, firstRow - OVERSCAN);
  const end = Math.min(rowCount, firstRow + visibleRows + OVERSCAN);
  const multi = selection.rows * selection.columns > 1;
  const activeRendered = active.row >= start && active.row < end && active.column < columnCount;

  const rows: ReactElement[] = [];
  for (let r = start; r < end; r++) {
    const selected = r >= selection.top && r < selection.top + selection.rows;
    rows.push(
      <GridRow
        key={r}
        row={r}
        workbook={workbook}
        sheet={sheet}
        contentVersion={contentVersion}
        deco={deco}
        widths={widths}
        totalWidth={totalWidth}
        selectedFrom={selected ? selection.left : -1}
        selectedTo={selected ? selection.left + selection.columns : -1}
        multi={multi && selected}
        activeColumn={r === active.row ? active.column : -1}
      />,
    );
  }

  return (
    <div
      ref={scroller}
      role="grid"
      aria-label={`Sheet ${sheet}`}
      aria-rowcount={rowCount + 1}
      aria-colcount={columnCount + 1}
      aria-multiselectable="true"
      aria-activedescendant={activeRendered ? idOf(active.row, active.column) : undefined}
      tabIndex={0}
      className={styles.scroller}
      onScroll={measure}
      onMouseDown={onMouseDown}
      onMouseOver={onMouseOver}
      onDoubleClick={onDoubleClick}
      onKeyDown={onKeyDown}
      data-testid="preview-grid"
    >
      <div className={styles.content} style={{ height: contentHeight, width: contentWidth }}>
        <div role="row" aria-rowindex={1} className={styles.headerRow} style={{ width: totalWidth }}>
          <div role="columnheader" aria-colindex={1} aria-label="Row number" className={mergeClasses(styles.header, styles.corner)} style={{ width: ROW_HEADER_WIDTH }} />
          {widths.map((_, c) => (
            <div
              key={c}
              role="columnheader"
              aria-colindex={c + 2}
              className={mergeClasses(styles.header, c >= selection.left && c < selection.left + selection.columns && styles.headerSelected)}
              style={{ width: widths[c] }}
            >
              {columnLetters(c)}
            </div>
          ))}
        </div>
        {rows}
        {spill && (
          <div
            className={styles.spillOutline}
            data-testid="spill-outline"
            data-blocked={spill.blocked ? "true" : undefined}
            style={{
              borderStyle: spill.blocked ? "dashed" : "solid",
              top: (spill.top + 1) * ROW_HEIGHT - 1,
              left: ROW_HEADER_WIDTH + (lefts[spill.left] ?? 0) - 1,
              width: (lefts[Math.min(spill.left + spill.columns, columnCount)] ?? 0) - (lefts[spill.left] ?? 0) + 1,
              height: spill.rows * ROW_HEIGHT + 1,
            }}
          />
        )}
        {editing && (
          <input
            ref={editor}
            className={styles.editor}
            aria-label={`Edit ${cellAddress(editing.row, editing.column)}`}
            data-testid="cell-editor"
            value={editing.text}
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setEditing({ ...editing, text: e.target.value })}
            onKeyDown={onEditorKeyDown}
            onBlur={() => commit({ rows: 0, columns: 0 })}
            style={{
              top: (editing.row + 1) * ROW_HEIGHT,
              left: ROW_HEADER_WIDTH + (lefts[editing.column] ?? 0),
              minWidth: Math.max(widths[editing.column] ?? DEFAULT_WIDTH, 8 * Math.max(4, editing.text.length) + 12),
            }}
          />
        )}
        {charts.map((chart, k) => (
          <div
            key={k}
            className={styles.chart}
            style={{
              top: chart.y,
              left: chart.x,
              width: CHART_WIDTH,
              height: CHART_HEIGHT,
            }}
          >
            <ChartView spec={chart.spec} width={CHART_WIDTH} height={CHART_HEIGHT} />
          </div>
        ))}
      </div>
    </div>
  );
}
