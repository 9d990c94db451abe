/**
 * The preview's calculation: the formulas typed into the in-memory workbook, what they
 * read, and their results written back as Excel's dynamic arrays do:
 *
 * - a single value fills the formula cell; a 2-D array spills from it down and right; the
 *   spilled cells are marked as such (`spilledFrom`), the anchor records the spill's size;
 * - when a cell of the spill range (other than the anchor) holds anything, or the range
 *   runs off the sheet, nothing spills and the anchor shows #SPILL! with the reason; once
 *   the blocker is cleared the formula spills again;
 * - a recalculation re-evaluates the formulas that read a changed cell (or whose spill
 *   range it lies in), then the ones reading those formulas' output, in dependency order;
 * - a circular reference (a formula reading its own cell or spill range, or a cycle of
 *   formulas) shows #CALC! with a message and never loops.
 *
 * Formulas written by the task pane or loaded from a file keep their stored values (they are
 * not registered here); only formulas entered through {@link FormulaEngine.enter} calculate.
 */
import { SHEET_COLUMNS, SHEET_ROWS, cellAddress, blockAddress } from "../../workbook/address";
import { contains, overlaps, type Block, type Cell, type SheetModel, type WorkbookModel } from "../sheetModel";
import { fetchCatalogue, type Catalogue } from "./catalogue";
import { CellError, CV_IMPLEMENTATIONS, evaluate, rangeMatrix, type Evaluated, type Precedent } from "./evaluator";
import { FormulaSyntaxError, parseFormula, type Expr } from "./parser";

/** How the engine finds and calls the CV functions. */
export interface FormulaEngineOptions {
  /** The functions' metadata, or how to load it (default: fetch "functions.json" beside the page, once). */
  catalogue?: Catalogue | (() => Promise<Catalogue>);
  /** The functions by JS name (default: src/functions/functions.ts). */
  implementations?: Readonly<Record<string, unknown>>;
}

/** A changed block of a sheet. */
export interface ChangedArea {
  sheet: SheetModel;
  block: Block;
}

/** A formula that calculates: where it is, its text and parse, what it read, what it covers. */
export interface LiveFormula {
  sheet: SheetModel;
  row: number;
  column: number;
  formula: string;
  parsed: Expr | FormulaSyntaxError;
  /** What the last evaluation read. */
  precedents: Precedent[];
  /** The block the last result covers or wanted to cover (spilled, or blocked by #SPILL!); undefined for a single value. */
  wanted?: Block;
}

const key = (row: number, column: number) => row * SHEET_COLUMNS + column;
const cellBlock = (row: number, column: number): Block => ({ top: row, left: column, rows: 1, columns: 1 });

/**
 * The formulas of a workbook that calculate, and their recalculation. See the file comment.
 *
 * @example
 * const engine = new FormulaEngine(model, { catalogue });
 * sheet.set(1, 1, { value: "#BUSY!", formula: "=CV.NORMALIZE(A2:A4)" });
 * await engine.recalc([], [engine.enter(sheet, 1, 1, "=CV.NORMALIZE(A2:A4)")]); // B2:B4 now hold the spilled array
 */
export class FormulaEngine {
  private readonly live = new Map<SheetModel, Map<number, LiveFormula>>();
  private readonly loadCatalogue: () => Promise<Catalogue>;
  private catalogue: Promise<Catalogue> | undefined;
  private readonly implementations: Readonly<Record<string, unknown>>;

  constructor(
    private readonly model: WorkbookModel,
    options: FormulaEngineOptions = {},
  ) {
    const given = options.catalogue;
    this.loadCatalogue = typeof given === "function" ? given : given !== undefined ? () => Promise.resolve(given) : () => fetchCatalogue();
    this.implementations = options.implementations ?? CV_IMPLEMENTATIONS;
  }

  /** True when some formula is registered (a recalculation has something to do). Cost: O(sheets). */
  get active(): boolean {
    for (const formulas of this.live.values()) if (formulas.size > 0) return true;
    return false;
  }

  /** The catalogue, loaded once; a failed load is retried at the next use. */
  private functions = (): Promise<Catalogue> => {
    if (!this.catalogue) {
      this.catalogue = this.loadCatalogue();
      this.catalogue.catch(() => {
        this.catalogue = undefined;
      });
    }
    return this.catalogue;
  };

  /**
   * Registers the formula now stored in a cell (the caller has written the cell). It
   * calculates at the next {@link recalc}, which the caller passes it to. Cost: O(formula length).
   *
   * @example const seed = engine.enter(sheet, 0, 2, "=SUM(A1:B1)"); await engine.recalc([], [seed]);
   */
  enter(sheet: SheetModel, row: number, column: number, formula: string): LiveFormula {
    let parsed: Expr | FormulaSyntaxError;
    try {
      parsed = parseFormula(formula);
    } catch (e) {
      parsed = e instanceof FormulaSyntaxError ? e : new FormulaSyntaxError(String(e), 0);
    }
    const entry: LiveFormula = { sheet, row, column, formula, parsed, precedents: [] };
    let formulas = this.live.get(sheet);
    if (!formulas) this.live.set(sheet, (formulas = new Map()));
    formulas.set(key(row, column), entry);
    return entry;
  }

  /**
   * Forgets the formula of a cell, if it has one, and removes what it spilled. Returns the
   * blocks that changed (the old spill range), for the recalculation. Cost: O(spill cells).
   *
   * @example const changed = engine.release(sheet, 1, 1); await engine.recalc(changed);
   */
  release(sheet: SheetModel, row: number, column: number): ChangedArea[] {
    const formulas = this.live.get(sheet);
    const entry = formulas?.get(key(row, column));
    if (!entry || !formulas) return [];
    formulas.delete(key(row, column));
    const changed = this.removeSpill(entry);
    const cell = sheet.cell(row, column);
    if (cell?.spill || cell?.blockedSpill) {
      const { spill: _spill, blockedSpill: _blocked, ...rest } = cell;
      sheet.put(row, column, rest);
    }
    return changed;
  }

  /** Removes the cells a formula spilled (those still marked as its own). */
  private removeSpill(entry: LiveFormula): ChangedArea[] {
    const wanted = entry.wanted;
    if (!wanted) return [];
    const { sheet, row, column } = entry;
    const lastRow = Math.min(wanted.top + wanted.rows, sheet.rows.length);
    for (let r = wanted.top; r < lastRow; r++) {
      const line = sheet.rows[r];
      if (!line) continue;
      const lastColumn = Math.min(wanted.left + wanted.columns, line.length);
      for (let c = wanted.left; c < lastColumn; c++) {
        const cell = line[c];
        if (cell?.spilledFrom && cell.spilledFrom.row === row && cell.spilledFrom.column === column) {
          line[c] = cell.numberFormat !== undefined ? { value: "", numberFormat: cell.numberFormat } : undefined;
        }
      }
    }
    entry.wanted = undefined;
    return [{ sheet, block: wanted }];
  }

  /** Drops formulas whose cell no longer holds them (overwritten, cleared, sheet deleted), with their spills. */
  private dropStale(): ChangedArea[] {
    const changed: ChangedArea[] = [];
    for (const [sheet, formulas] of this.live) {
      const gone = !this.model.sheets.includes(sheet);
      for (const [k, entry] of formulas) {
        if (!gone && sheet.cell(entry.row, entry.column)?.formula === entry.formula) continue;
        formulas.delete(k);
        if (!gone) changed.push(...this.removeSpill(entry), { sheet, block: cellBlock(entry.row, entry.column) });
      }
      if (gone || formulas.size === 0) this.live.delete(sheet);
    }
    return changed;
  }

  private all(): LiveFormula[] {
    const out: LiveFormula[] = [];
    for (const formulas of this.live.values()) out.push(...formulas.values());
    return out;
  }

  /** The blocks a formula's result occupies or wants: its cell and its spill range. */
  private outputs(entry: LiveFormula): Block[] {
    const own = cellBlock(entry.row, entry.column);
    return entry.wanted ? [own, entry.wanted] : [own];
  }

  /** True when the formula reads (or spills into) the area. */
  private touches(entry: LiveFormula, area: ChangedArea): boolean {
    if (entry.sheet === area.sheet && entry.wanted && overlaps(entry.wanted, area.block)) return true;
    return entry.precedents.some((p) => p.sheet === area.sheet && overlaps(p.block, area.block));
  }

  /** True when `reader` reads some output of `writer`. */
  private reads(reader: LiveFormula, writer: LiveFormula): boolean {
    return this.outputs(writer).some((block) => reader.precedents.some((p) => p.sheet === writer.sheet && overlaps(p.block, block)));
  }

  /**
   * Recalculates after a change: the formulas given, those that read a changed block (or
   * spill into it), and, transitively, those that read their output. The method: gather
   * that set, order it so a formula comes after the formulas it reads (Kahn's algorithm;
   * what is left in a cycle gets #CALC!), evaluate in that order and write each result; a
   * result whose spill grew over cells another formula reads schedules that formula for
   * another round (at most as many rounds as formulas, so it always ends). Cost: the
   * functions' work plus O(formulas² × precedents) for the ordering.
   *
   * @returns The changed blocks (formula cells and spill ranges), for the caller's notification.
   * @example await engine.recalc([{ sheet, block: { top: 1, left: 0, rows: 1, columns: 1 } }]) // after editing A2
   */
  async recalc(changed: ChangedArea[], seeds: readonly LiveFormula[] = []): Promise<ChangedArea[]> {
    const written: ChangedArea[] = [];
    const areas = [...changed, ...this.dropStale()];
    const isLive = (s: LiveFormula) => this.live.get(s.sheet)?.get(key(s.row, s.column)) === s;
    let pending = this.closure(new Set(seeds.filter(isLive)), areas);
    const limit = this.all().length + 2;
    for (let round = 0; pending.size > 0; round++) {
      const members = [...pending];
      if (round >= limit) {
        for (const entry of members) this.write(entry, { kind: "scalar", value: new CellError("#CALC!", "Circular reference: these formulas keep changing each other's input.") }, written);
        break;
      }
      const { order, cyclic } = this.order(members);
      for (const entry of cyclic) {
        this.write(entry, { kind: "scalar", value: new CellError("#CALC!", `Circular reference: ${cellAddress(entry.row, entry.column)} depends on its own result.`) }, written);
      }
      const next = new Set<LiveFormula>();
      const done = new Set<LiveFormula>();
      for (const entry of order) {
        if (!isLive(entry)) continue;
        await this.evaluateOne(entry, written);
        done.add(entry);
        // A formula that read this one's output before it was written (a dependency not known
        // before this evaluation: a new formula, a grown spill) goes round again.
        for (const other of this.all()) {
          if (other === entry || (!done.has(other) && pending.has(other)) || !this.reads(other, entry)) continue;
          next.add(other);
        }
      }
      pending = next.size > 0 ? this.closure(next, []) : next;
    }
    return written;
  }

  /**
   * The formulas to evaluate: those given, those reading (or spilling into) the changed
   * areas, and transitively those reading their outputs, by what each read last time.
   */
  private closure(start: Set<LiveFormula>, areas: ChangedArea[]): Set<LiveFormula> {
    const pending = new Set(start);
    const queue: ChangedArea[] = [...areas];
    for (const s of pending) queue.push(...this.outputs(s).map((block) => ({ sheet: s.sheet, block })));
    const everything = this.all();
    while (queue.length > 0) {
      const area = queue.pop() as ChangedArea;
      for (const entry of everything) {
        if (pending.has(entry) || !this.touches(entry, area)) continue;
        pending.add(entry);
        queue.push(...this.outputs(entry).map((block) => ({ sheet: entry.sheet, block })));
      }
    }
    return pending;
  }

  /** Orders formulas so each comes after the ones it reads; those in (or behind) a cycle come back apart. */
  private order(members: LiveFormula[]): { order: LiveFormula[]; cyclic: LiveFormula[] } {
    const readers = new Map<LiveFormula, LiveFormula[]>();
    const indegree = new Map<LiveFormula, number>();
    for (const m of members) indegree.set(m, 0);
    for (const writer of members) {
      for (const reader of members) {
        if (!this.reads(reader, writer)) continue;
        if (reader === writer) {
          indegree.set(reader, (indegree.get(reader) ?? 0) + 1);
          continue;
        }
        const list = readers.get(writer) ?? [];
        list.push(reader);
        readers.set(writer, list);
        indegree.set(reader, (indegree.get(reader) ?? 0) + 1);
      }
    }
    // A formula reading its own cell is left out by its self-edge, as a cycle of one.
    const ready = members.filter((m) => indegree.get(m) === 0);
    const order: LiveFormula[] = [];
    while (ready.length > 0) {
      const m = ready.shift() as LiveFormula;
      order.push(m);
      for (const reader of readers.get(m) ?? []) {
        const d = (indegree.get(reader) ?? 0) - 1;
        indegree.set(reader, d);
        if (d === 0) ready.push(reader);
      }
    }
    const placed = new Set(order);
    return { order, cyclic: members.filter((m) => !placed.has(m)) };
  }

  /** Evaluates one formula and writes its result. */
  private async evaluateOne(entry: LiveFormula, written: ChangedArea[]): Promise<void> {
    if (entry.parsed instanceof FormulaSyntaxError) {
      entry.precedents = [];
      this.write(entry, { kind: "scalar", value: new CellError("#NAME?", `The preview cannot read this formula: ${entry.parsed.message}.`) }, written);
      return;
    }
    const precedents: Precedent[] = [];
    let result: Evaluated;
    try {
      result = await evaluate(entry.parsed, {
        model: this.model,
        home: entry.sheet,
        catalogue: this.functions,
        implementations: this.implementations,
        precedents,
      });
    } catch (e) {
      result = { kind: "scalar", value: new CellError("#VALUE!", `The formula failed: ${e instanceof Error ? e.message : String(e)}`) };
    }
    entry.precedents = precedents;
    const own = cellBlock(entry.row, entry.column);
    if (precedents.some((p) => p.sheet === entry.sheet && overlaps(p.block, own))) {
      result = { kind: "scalar", value: new CellError("#CALC!", `Circular reference: the formula reads its own cell ${cellAddress(entry.row, entry.column)}.`) };
    }
    this.write(entry, result, written);
  }

  /** Writes a result: the anchor's value, and the spill (or #SPILL! when it is blocked). */
  private write(entry: LiveFormula, result: Evaluated, written: ChangedArea[]): void {
    const { sheet, row, column } = entry;
    written.push(...this.removeSpill(entry), { sheet, block: cellBlock(row, column) });
    let rows: unknown[][] | undefined;
    let single: unknown;
    if (result.kind === "array") rows = result.rows;
    else if (result.kind === "range") {
      // A reference to a blank cell shows 0, as in Excel.
      if (result.block.rows === 1 && result.block.columns === 1) {
        const v = result.sheet.value(result.block.top, result.block.left);
        single = v === "" ? 0 : v;
      } else rows = rangeMatrix(result.sheet, result.block);
    } else single = result.kind === "scalar" ? result.value : 0;
    if (rows && rows.length === 1 && rows[0]?.length === 1) {
      single = rows[0][0];
      rows = undefined;
    }
    if (!rows) {
      this.putAnchor(entry, single === null || single === undefined ? 0 : single);
      return;
    }
    const target: Block = { top: row, left: column, rows: rows.length, columns: rows[0]?.length ?? 1 };
    entry.wanted = target;
    written.push({ sheet, block: target });
    if (target.top + target.rows > SHEET_ROWS || target.left + target.columns > SHEET_COLUMNS) {
      this.putAnchor(entry, new CellError("#SPILL!", `The result (${target.rows} × ${target.columns}) runs past the edge of the sheet.`));
      return;
    }
    const own = precedentsOverlap(entry, target);
    if (own) {
      this.putAnchor(entry, new CellError("#CALC!", `Circular reference: the result would spill over ${own}, which the formula reads.`));
      return;
    }
    const blocker = firstBlocker(sheet, target, row, column);
    if (blocker) {
      this.putAnchor(entry, new CellError("#SPILL!", `The result (${target.rows} × ${target.columns}, ${blockAddress(target.top, target.left, target.rows, target.columns)}) cannot spill: ${blocker} is not empty. Clear it to see the result.`), undefined, {
        rows: target.rows,
        columns: target.columns,
      });
      return;
    }
    const origin = { row, column };
    for (let r = 0; r < target.rows; r++) {
      const values = rows[r] as unknown[];
      for (let c = 0; c < target.columns; c++) {
        if (r === 0 && c === 0) continue;
        const old = sheet.cell(row + r, column + c);
        const cell = storedCell(values[c]);
        cell.spilledFrom = origin;
        if (old?.numberFormat !== undefined) cell.numberFormat = old.numberFormat;
        sheet.put(row + r, column + c, cell);
      }
    }
    this.putAnchor(entry, (rows[0] as unknown[])[0], { rows: target.rows, columns: target.columns });
  }

  /** Writes the formula cell itself, keeping its formula and formats. */
  private putAnchor(entry: LiveFormula, value: unknown, spill?: { rows: number; columns: number }, blocked?: { rows: number; columns: number }): void {
    const old = entry.sheet.cell(entry.row, entry.column);
    const cell = storedCell(value);
    cell.formula = entry.formula;
    if (old?.numberFormat !== undefined) cell.numberFormat = old.numberFormat;
    if (old?.bold) cell.bold = true;
    if (spill) cell.spill = spill;
    if (blocked) cell.blockedSpill = blocked;
    entry.sheet.put(entry.row, entry.column, cell);
  }
}

/** The address of the first precedent block of the formula's own sheet that the target covers, if any. */
function precedentsOverlap(entry: LiveFormula, target: Block): string | undefined {
  for (const p of entry.precedents) {
    if (p.sheet !== entry.sheet || !overlaps(p.block, target)) continue;
    const top = Math.max(p.block.top, target.top);
    const left = Math.max(p.block.left, target.left);
    return cellAddress(top, left);
  }
  return undefined;
}

/** The first cell of the block (other than the anchor) holding anything, as an address. Cost: O(cells stored in the block). */
function firstBlocker(sheet: SheetModel, block: Block, row: number, column: number): string | undefined {
  const lastRow = Math.min(block.top + block.rows, sheet.rows.length);
  for (let r = block.top; r < lastRow; r++) {
    const line = sheet.rows[r];
    if (!line) continue;
    const lastColumn = Math.min(block.left + block.columns, line.length);
    for (let c = block.left; c < lastColumn; c++) {
      if (r === row && c === column) continue;
      const cell = line[c];
      if (cell && (cell.value !== "" || cell.formula !== undefined || cell.spilledFrom !== undefined)) return cellAddress(r, c);
    }
  }
  return undefined;
}

/** A result value as a stored cell: errors as their code with the message. */
function storedCell(value: unknown): Cell {
  if (value instanceof CellError) return value.message !== undefined ? { value: value.code, message: value.message } : { value: value.code };
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return { value };
  return { value: value === null || value === undefined ? 0 : String(value) };
}
