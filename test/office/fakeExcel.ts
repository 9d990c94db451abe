/**
 * A small in-memory Excel for the OfficeWorkbook tests, built from office-addin-mock's
 * OfficeMockObject: every proxy the code gets (context, worksheets, ranges, tables, charts,
 * conditional formats) is an OfficeMockObject, so reading a property that was not loaded
 * and synced gives the mock's error string instead of a value.
 *
 * office-addin-mock only mocks static object trees, so this wrapper adds what the tests
 * need around it:
 * - a cell store per sheet; ranges are created on demand with the store's values, formulas
 *   and number formats at creation time (what `load` + `sync` will return);
 * - `context.sync()` records each sync: the properties the code assigned since the last
 *   sync (values, formulas, numberFormat, font, sheet position, chart title and series
 *   names, conditional-format rules and colours) are applied to the store and logged with
 *   their JSON size, then loaded properties receive their values;
 * - collections (`worksheets`, `Range.getTables()`) resolve `load("items/name")` at sync.
 * Method calls (add, delete, activate, clear, clearAll, setPosition, setValues, autofitColumns)
 * act at once. Worksheets have a visibility (committed at sync) and `delete` refuses a very
 * hidden sheet and the last visible one, as Excel does; deleting the active sheet activates
 * the next visible one. Ranges over more than {@link LAZY_CELLS} cells (a whole sheet, a
 * million-row clear) carry no values, formulas or number formats to load.
 */
import { OfficeMockObject } from "office-addin-mock";
import { blockAddress, SHEET_COLUMNS, SHEET_ROWS } from "../../src/workbook/address";

type Mock = OfficeMockObject;

const NOT_LOADED = "Error, property was not loaded";
const NOT_SYNCED = "Error, context.sync() was not called";
const isMockError = (v: unknown): boolean => v === NOT_LOADED || v === NOT_SYNCED;

/** Ranges larger than this are not given their cells' values, formulas and number formats (nothing loads them). */
export const LAZY_CELLS = 1_000_000;

/** One cell of the store. */
export interface FakeCell {
  value: unknown;
  formula?: string;
  numberFormat?: string;
}

/** A block of cells by 0-based position. */
export interface Block {
  top: number;
  left: number;
  rows: number;
  columns: number;
}

/** A font assignment committed at a sync. */
export interface FontRecord {
  address: string;
  bold?: boolean;
  size?: number;
  color?: string;
}

/** A chart added with `charts.add`, with what the code set on it by the last sync. */
export interface FakeChart {
  type: string;
  source: string;
  seriesBy?: string;
  title?: string;
  legendVisible?: boolean;
  position?: [string, string | undefined];
  series: { name?: string; values?: string; xValues?: string; colour?: string; pointColours?: Record<number, string> }[];
  /** Axis titles, when the code set them. */
  categoryTitle?: string;
  valueTitle?: string;
}

/** A conditional format added with `conditionalFormats.add`. */
export interface FakeConditionalFormat {
  address: string;
  type: string;
  rule?: { formula1?: string; formula2?: string; operator?: string };
  fill?: string;
  fontColor?: string;
  /** A colour scale's criteria, when the code set them. */
  colorScale?: unknown;
}

/** A `Range.clear(applyTo)` call. */
export interface ClearRecord {
  address: string;
  applyTo: string;
}

/** One property assignment sent at a sync. */
export interface WriteRecord {
  sync: number;
  sheet: string;
  address: string;
  block: Block;
  property: "values" | "formulas" | "numberFormat";
  data: unknown;
  /** UTF-8 bytes of JSON.stringify(data). */
  bytes: number;
}

/** A worksheet of the fake workbook. */
export class FakeSheet {
  readonly cells = new Map<string, FakeCell>();
  readonly charts: FakeChart[] = [];
  readonly conditionalFormats: FakeConditionalFormat[] = [];
  readonly fonts: FontRecord[] = [];
  readonly autofits: string[] = [];
  readonly clears: ClearRecord[] = [];
  /** "Visible", "Hidden" or "VeryHidden", as Excel.SheetVisibility. */
  visibility = "Visible";

  constructor(public name: string) {}

  cell(row: number, column: number): FakeCell | undefined {
    return this.cells.get(`${row},${column}`);
  }

  /** The cell's value as Excel reports it ("" when empty). */
  value(row: number, column: number): unknown {
    return this.cell(row, column)?.value ?? "";
  }

  patch(row: number, column: number, patch: Partial<FakeCell>): void {
    const key = `${row},${column}`;
    const next = { value: "", ...this.cells.get(key), ...patch };
    if (patch.value !== undefined && patch.formula === undefined) delete next.formula;
    this.cells.set(key, next);
  }

  /** Puts a 2-D array of values at (top, left). */
  put(top: number, left: number, values: unknown[][]): void {
    values.forEach((row, r) => row.forEach((v, c) => this.patch(top + r, left + c, { value: v })));
  }

  grid(block: Block, pick: (cell: FakeCell | undefined) => unknown): unknown[][] {
    const out: unknown[][] = [];
    for (let r = 0; r < block.rows; r++) {
      const row: unknown[] = [];
      for (let c = 0; c < block.columns; c++) row.push(pick(this.cell(block.top + r, block.left + c)));
      out.push(row);
    }
    return out;
  }

  isEmpty(row: number, column: number): boolean {
    const cell = this.cell(row, column);
    return !cell || ((cell.value === "" || cell.value === null) && cell.formula === undefined);
  }

  /** Clears the cells of a block as `Range.clear(applyTo)` does: "All" empties them, "Contents" keeps number formats, "Formats" keeps values. */
  clear(block: Block, applyTo: string): void {
    for (const [key, cell] of [...this.cells]) {
      const [r, c] = key.split(",").map(Number) as [number, number];
      if (r < block.top || r >= block.top + block.rows || c < block.left || c >= block.left + block.columns) continue;
      if (applyTo === "All") this.cells.delete(key);
      else if (applyTo === "Contents") {
        const { numberFormat } = cell;
        if (numberFormat === undefined) this.cells.delete(key);
        else this.cells.set(key, { value: "", numberFormat });
      } else if (applyTo === "Formats") {
        const { numberFormat: _, ...rest } = cell;
        this.cells.set(key, rest);
      }
    }
  }

  /** Bounding box of the non-empty cells inside a block, or null. */
  usedIn(block: Block): Block | null {
    let top = Infinity, left = Infinity, bottom = -1, right = -1;
    for (const key of this.cells.keys()) {
      const [r, c] = key.split(",").map(Number) as [number, number];
      if (r < block.top || r >= block.top + block.rows || c < block.left || c >= block.left + block.columns) continue;
      if (this.isEmpty(r, c)) continue;
      top = Math.min(top, r); left = Math.min(left, c); bottom = Math.max(bottom, r); right = Math.max(right, c);
    }
    return bottom < 0 ? null : { top, left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  /** Excel's current region: grow the box while a neighbouring row or column (diagonals too) has a value. */
  region(row: number, column: number): Block {
    let top = row, left = column, bottom = row, right = column;
    const any = (r0: number, r1: number, c0: number, c1: number): boolean => {
      for (let r = Math.max(0, r0); r <= r1; r++) for (let c = Math.max(0, c0); c <= c1; c++) if (!this.isEmpty(r, c)) return true;
      return false;
    };
    for (let grown = true; grown; ) {
      grown = false;
      if (top > 0 && any(top - 1, top - 1, left - 1, right + 1)) { top--; grown = true; }
      if (any(bottom + 1, bottom + 1, left - 1, right + 1)) { bottom++; grown = true; }
      if (left > 0 && any(top - 1, bottom + 1, left - 1, left - 1)) { left--; grown = true; }
      if (any(top - 1, bottom + 1, right + 1, right + 1)) { right++; grown = true; }
    }
    return { top, left, rows: bottom - top + 1, columns: right - left + 1 };
  }
}

/** An Excel table (ListObject) on a sheet, header row included in the block. */
export interface FakeTable extends Block {
  name: string;
  sheet: string;
}

/** A document-settings store with the Office.js Settings shape (get / set / saveAsync). */
export class FakeSettings {
  /** What saveAsync last stored in the "document". */
  readonly saved = new Map<string, unknown>();
  private readonly memory = new Map<string, unknown>();
  saveCalls = 0;
  failNextSave?: string;

  /** The `Office` stand-in: an OfficeMockObject whose context.document.settings are this store. */
  readonly office: Mock;

  constructor() {
    this.office = new OfficeMockObject({
      context: {
        document: {
          settings: {
            get: (name: string) => (this.memory.has(name) ? this.memory.get(name) : null),
            set: (name: string, value: unknown) => void this.memory.set(name, value),
            remove: (name: string) => void this.memory.delete(name),
            saveAsync: (callback?: (result: { status: string; error?: { message: string } }) => void) => {
              this.saveCalls++;
              setTimeout(() => {
                if (this.failNextSave) {
                  const message = this.failNextSave;
                  this.failNextSave = undefined;
                  callback?.({ status: "failed", error: { message } });
                  return;
                }
                this.saved.clear();
                for (const [k, v] of this.memory) this.saved.set(k, v);
                callback?.({ status: "succeeded" });
              }, 0);
            },
          },
        },
      },
    });
  }

  /** Simulates reopening the document: memory = what was saved. */
  reopen(): void {
    this.memory.clear();
    for (const [k, v] of this.saved) this.memory.set(k, v);
  }
}

/** A tracked proxy and how to commit what the code assigned on it. */
interface Tracked {
  mock: Mock;
  commit?: () => void;
}

/**
 * The fake Excel. `host` is the `Excel` stand-in (`{ run }`) to give OfficeWorkbook.
 *
 * @example
 * const fake = new FakeExcel(["Customers"]);
 * fake.sheet("Customers").put(0, 0, [["Id", "Revenue"], ["C1", 10]]);
 * const workbook = new OfficeWorkbook({ excel: fake.host as unknown as ExcelHost });
 */
export class FakeExcel {
  readonly sheets: FakeSheet[];
  readonly tables: FakeTable[] = [];
  active = { sheet: "", row: 0, column: 0 };
  selection: { sheet: string } & Block = { sheet: "", top: 0, left: 0, rows: 1, columns: 1 };

  /** Number of context.sync() calls so far. */
  syncs = 0;
  /** Every values/formulas/numberFormat assignment, tagged with its sync number (1-based). */
  readonly writes: WriteRecord[] = [];
  /** Excel.run calls. */
  runs = 0;

  readonly host: { run: <T>(batch: (context: unknown) => Promise<T>) => Promise<T> };

  private tracked: Tracked[] = [];
  private pendingCollections: (() => void)[] = [];
  private readonly known = new WeakMap<object, Map<string, unknown>>();

  constructor(sheetNames: string[] = ["Sheet1"]) {
    this.sheets = sheetNames.map((n) => new FakeSheet(n));
    const first = sheetNames[0] ?? "Sheet1";
    this.active = { sheet: first, row: 0, column: 0 };
    this.selection = { sheet: first, top: 0, left: 0, rows: 1, columns: 1 };
    this.host = {
      run: async <T>(batch: (context: unknown) => Promise<T>): Promise<T> => {
        this.runs++;
        this.tracked = [];
        this.pendingCollections = [];
        return batch(this.context());
      },
    };
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no fake sheet ${name}`);
    return s;
  }

  /** Syncs whose payload included assignments, with their total JSON bytes. */
  payloadPerSync(): Map<number, number> {
    const out = new Map<number, number>();
    for (const w of this.writes) out.set(w.sync, (out.get(w.sync) ?? 0) + w.bytes);
    return out;
  }

  // --- building the proxies -------------------------------------------------------------

  private context(): Mock {
    const context = new OfficeMockObject({
      workbook: {
        getActiveCell: () => this.range(this.active.sheet, { top: this.active.row, left: this.active.column, rows: 1, columns: 1 }),
        getSelectedRange: () => this.range(this.selection.sheet, this.selection),
      },
      sync: () => this.sync(),
    });
    // The collection is built outside populate (an OfficeMockObject inside the data would be re-populated).
    (context.workbook as Mock).worksheets = this.worksheets();
    return context;
  }

  private track(mock: Mock, commit?: () => void): Mock {
    this.tracked.push({ mock, ...(commit ? { commit } : {}) });
    return mock;
  }

  /** The value last seen for a proxy's property; a different non-error value later is an assignment. */
  private remember(mock: object, property: string, value: unknown): void {
    let map = this.known.get(mock);
    if (!map) this.known.set(mock, (map = new Map()));
    map.set(property, value);
  }

  /** The property's value if the code assigned it since the last sync, else undefined. */
  private assigned(mock: Mock, property: string): unknown {
    const value = (mock as Record<string, unknown>)[property];
    if (value === undefined || isMockError(value)) return undefined;
    if (this.known.get(mock)?.get(property) === value) return undefined;
    this.remember(mock, property, value);
    return value;
  }

  /** A collection whose `load("items/...")` fills `items` at the next sync. */
  private collection(items: () => Mock[], extra: Record<string, unknown>): Mock {
    const fake = this;
    const mock = new OfficeMockObject({
      ...extra,
      load(this: Mock, what?: string | string[]) {
        const names = (Array.isArray(what) ? what : String(what ?? "").split(","))
          .map((s) => s.trim().replace(/^items\//, ""))
          .filter((s) => s !== "" && s !== "items");
        this.items = NOT_SYNCED;
        fake.pendingCollections.push(() => {
          const list = items();
          for (const item of list) if (names.length > 0) item.load(names);
          this.items = list;
        });
        return this;
      },
    });
    (mock as Record<string, unknown>).items = NOT_LOADED;
    return this.track(mock);
  }

  private worksheets(): Mock {
    return this.collection(() => this.sheets.map((s) => this.worksheet(s)), {
      getItem: (name: string) => this.worksheet(this.sheet(name)),
      getItemOrNullObject: (name: string) => {
        const s = this.sheets.find((x) => x.name === name);
        return s ? this.worksheet(s) : this.nullObject({ name: "", position: 0, visibility: "Visible" });
      },
      getActiveWorksheet: () => this.worksheet(this.sheet(this.active.sheet)),
      add: (name: string) => {
        if (this.sheets.some((x) => x.name === name)) throw new Error(`ItemAlreadyExists: ${name}`);
        const s = new FakeSheet(name);
        this.sheets.push(s);
        return this.worksheet(s);
      },
    });
  }

  private nullObject(data: Record<string, unknown>): Mock {
    const mock = new OfficeMockObject(data);
    (mock as Record<string, unknown>).isNullObject = true;
    return this.track(mock);
  }

  private worksheet(sheet: FakeSheet): Mock {
    const fake = this;
    const mock: Mock = new OfficeMockObject({
      name: sheet.name,
      position: this.sheets.indexOf(sheet),
      visibility: sheet.visibility,
      getRangeByIndexes: (top: number, left: number, rows: number, columns: number) =>
        this.range(sheet.name, { top, left, rows, columns }),
      getRange: (address?: string) => {
        if (address !== undefined) throw new Error("the fake's getRange takes no address");
        return this.range(sheet.name, { top: 0, left: 0, rows: SHEET_ROWS, columns: SHEET_COLUMNS });
      },
      activate: () => {
        if (!this.sheets.includes(sheet)) throw new Error(`ItemNotFound: ${sheet.name}`);
        if (sheet.visibility !== "Visible") throw new Error(`InvalidOperation: ${sheet.name} is not visible`);
        this.active = { sheet: sheet.name, row: 0, column: 0 };
      },
      delete: () => {
        const i = this.sheets.indexOf(sheet);
        if (i < 0) throw new Error(`ItemNotFound: ${sheet.name}`);
        if (sheet.visibility === "VeryHidden") throw new Error(`InvalidOperation: ${sheet.name} is very hidden`);
        const others = this.sheets.filter((s) => s !== sheet && s.visibility === "Visible");
        if (others.length === 0) throw new Error("InvalidOperation: a workbook must keep a visible sheet");
        this.sheets.splice(i, 1);
        this.tables.splice(0, this.tables.length, ...this.tables.filter((t) => t.sheet !== sheet.name));
        if (this.active.sheet === sheet.name) {
          // As Excel: the next visible sheet to the right, else to the left.
          const next = this.sheets.slice(i).find((s) => s.visibility === "Visible") ?? this.sheets.slice(0, i).reverse().find((s) => s.visibility === "Visible");
          this.active = { sheet: next!.name, row: 0, column: 0 };
        }
      },
    });
    (mock as Record<string, unknown>).isNullObject = false;
    // Collections are built outside populate (an OfficeMockObject inside the data would be re-populated).
    (mock as Record<string, unknown>).charts = this.collection(
      () =>
        sheet.charts.map((record) =>
          this.track(
            new OfficeMockObject({
              name: record.title ?? "",
              delete: () => {
                const k = sheet.charts.indexOf(record);
                if (k >= 0) sheet.charts.splice(k, 1);
              },
            }),
          ),
        ),
      {
        add(type: string, source: Mock, seriesBy?: string) {
          return fake.chart(sheet, type, source, seriesBy);
        },
      },
    );
    (mock as Record<string, unknown>).tables = this.collection(
      () => this.tables.filter((t) => t.sheet === sheet.name).map((t) => this.table(t)),
      {},
    );
    this.remember(mock, "position", this.sheets.indexOf(sheet));
    this.remember(mock, "visibility", sheet.visibility);
    return this.track(mock, () => {
      const position = this.assigned(mock, "position");
      if (typeof position === "number") {
        const i = this.sheets.indexOf(sheet);
        this.sheets.splice(i, 1);
        this.sheets.splice(position, 0, sheet);
      }
      const visibility = this.assigned(mock, "visibility");
      if (typeof visibility === "string") sheet.visibility = visibility;
    });
  }

  private blockOf(source: Mock): { sheet: string; block: Block } {
    const info = (source as Record<string, unknown>).__block as { sheet: string; block: Block } | undefined;
    if (!info) throw new Error("not a fake range");
    return info;
  }

  private chart(sheet: FakeSheet, type: string, source: Mock, seriesBy?: string): Mock {
    const { block } = this.blockOf(source);
    const record: FakeChart = { type, source: blockAddress(block.top, block.left, block.rows, block.columns), series: [] };
    if (seriesBy !== undefined) record.seriesBy = seriesBy;
    sheet.charts.push(record);
    const seriesMocks: Mock[] = [];
    const addSeries = (values?: string): Mock => {
      const entry: FakeChart["series"][number] = values !== undefined ? { values } : {};
      record.series.push(entry);
      const m = new OfficeMockObject({
        setValues: (range: Mock) => {
          const b = this.blockOf(range).block;
          entry.values = blockAddress(b.top, b.left, b.rows, b.columns);
        },
        setXAxisValues: (range: Mock) => {
          const b = this.blockOf(range).block;
          entry.xValues = blockAddress(b.top, b.left, b.rows, b.columns);
        },
        format: {
          fill: {
            setSolidColor: (colour: string) => {
              entry.colour = colour;
            },
          },
          line: {},
        },
        points: {
          getItemAt: (k: number) => ({
            format: {
              fill: {
                setSolidColor: (colour: string) => {
                  entry.pointColours = { ...entry.pointColours, [k]: colour };
                },
              },
            },
          }),
        },
      });
      seriesMocks.push(m);
      this.track(m, () => {
        const name = this.assigned(m, "name");
        if (typeof name === "string") entry.name = name;
        const line = this.assigned((m.format as Mock).line as Mock, "color");
        if (typeof line === "string") entry.colour = line;
        const marker = this.assigned(m, "markerBackgroundColor");
        if (typeof marker === "string") entry.colour = marker;
      });
      return m;
    };
    // One series per column of the source (seriesBy "Columns").
    for (let c = 0; c < block.columns; c++) addSeries(blockAddress(block.top, block.left + c, block.rows, 1));
    const mock = new OfficeMockObject({
      title: {},
      legend: {},
      axes: { categoryAxis: { title: {} }, valueAxis: { title: {} } },
      series: {
        getItemAt: (i: number) => {
          const m = seriesMocks[i];
          if (!m) throw new Error(`no series ${i}`);
          return m;
        },
        add: (name?: string) => {
          const m = addSeries();
          if (name !== undefined) record.series[record.series.length - 1]!.name = name;
          return m;
        },
      },
      setPosition: (start: string, end?: string) => {
        record.position = [start, end];
      },
    });
    return this.track(mock, () => {
      const title = this.assigned(mock.title as Mock, "text");
      if (typeof title === "string") record.title = title;
      const legend = this.assigned(mock.legend as Mock, "visible");
      if (typeof legend === "boolean") record.legendVisible = legend;
      const axes = mock.axes as Mock;
      const categoryTitle = this.assigned((axes.categoryAxis as Mock).title as Mock, "text");
      if (typeof categoryTitle === "string") record.categoryTitle = categoryTitle;
      const valueTitle = this.assigned((axes.valueAxis as Mock).title as Mock, "text");
      if (typeof valueTitle === "string") record.valueTitle = valueTitle;
    });
  }

  private conditionalFormat(sheet: FakeSheet, address: string, type: string): Mock {
    const record: FakeConditionalFormat = { address, type };
    sheet.conditionalFormats.push(record);
    const mock = new OfficeMockObject({ type, dataBar: {}, colorScale: {}, cellValue: { format: { fill: {}, font: {} } } });
    return this.track(mock, () => {
      const criteria = this.assigned(mock.colorScale as Mock, "criteria");
      if (criteria !== undefined) record.colorScale = criteria;
      const cellValue = mock.cellValue as Mock;
      const rule = this.assigned(cellValue, "rule");
      if (rule && typeof rule === "object") record.rule = { ...(rule as FakeConditionalFormat["rule"]) };
      const format = cellValue.format as Mock;
      const fill = this.assigned(format.fill as Mock, "color");
      if (typeof fill === "string") record.fill = fill;
      const font = this.assigned(format.font as Mock, "color");
      if (typeof font === "string") record.fontColor = font;
    });
  }

  private range(sheetName: string, block: Block): Mock {
    const fake = this;
    const sheet = this.sheet(sheetName);
    const address = blockAddress(block.top, block.left, block.rows, block.columns);
    const lazy = block.rows * block.columns > LAZY_CELLS;
    const cells = lazy
      ? undefined
      : {
          values: sheet.grid(block, (cell) => cell?.value ?? ""),
          formulas: sheet.grid(block, (cell) => cell?.formula ?? cell?.value ?? ""),
          numberFormat: sheet.grid(block, (cell) => cell?.numberFormat ?? "General"),
        };
    const mock: Mock = new OfficeMockObject({
      address: `${sheetName}!${address}`,
      rowIndex: block.top,
      columnIndex: block.left,
      rowCount: block.rows,
      columnCount: block.columns,
      ...cells,
      clear: (applyTo = "All") => {
        sheet.clears.push({ address, applyTo });
        sheet.clear(block, applyTo);
      },
      format: {
        font: {},
        fill: {},
        autofitColumns: () => void sheet.autofits.push(address),
      },
      conditionalFormats: {
        // As Excel: the formats lose the cells of this range; one partly inside keeps the rest of its cells.
        clearAll: () => {
          const kept: FakeConditionalFormat[] = [];
          for (const format of sheet.conditionalFormats) {
            for (const rest of subtract(parseBlock(format.address), block)) kept.push({ ...format, address: blockAddress(rest.top, rest.left, rest.rows, rest.columns) });
          }
          sheet.conditionalFormats.splice(0, sheet.conditionalFormats.length, ...kept);
        },
        add: (type: string) => fake.conditionalFormat(sheet, address, type),
      },
      getTables: () =>
        this.collection(
          () =>
            this.tables
              .filter((t) => t.sheet === sheetName && overlaps(t, block))
              .map((t) => this.table(t)),
          {},
        ),
      getSurroundingRegion: () => this.range(sheetName, sheet.region(block.top, block.left)),
      getUsedRangeOrNullObject: () => {
        const used = sheet.usedIn(block);
        return used ? this.range(sheetName, used) : this.nullObject({ rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0 });
      },
    });
    const raw = mock as Record<string, unknown>;
    raw.isNullObject = false;
    raw.__block = { sheet: sheetName, block };
    for (const [property, data] of Object.entries(cells ?? {})) this.remember(mock, property, data);
    return this.track(mock, () => {
      for (const property of ["values", "formulas", "numberFormat"] as const) {
        const data = this.assigned(mock, property);
        if (data === undefined) continue;
        this.writes.push({
          sync: this.syncs,
          sheet: sheetName,
          address,
          block,
          property,
          data,
          bytes: Buffer.byteLength(JSON.stringify(data), "utf8"),
        });
        this.apply(sheet, block, property, data);
      }
      const font = (mock.format as Mock).font as Mock;
      const record: FontRecord = { address };
      const bold = this.assigned(font, "bold");
      if (typeof bold === "boolean") record.bold = bold;
      const size = this.assigned(font, "size");
      if (typeof size === "number") record.size = size;
      const color = this.assigned(font, "color");
      if (typeof color === "string") record.color = color;
      if (Object.keys(record).length > 1) sheet.fonts.push(record);
    });
  }

  private table(t: FakeTable): Mock {
    const mock = new OfficeMockObject({
      name: t.name,
      getRange: () => this.range(t.sheet, t),
      delete: () => {
        const i = this.tables.indexOf(t);
        if (i >= 0) this.tables.splice(i, 1);
      },
    });
    (mock as Record<string, unknown>).worksheet = this.worksheet(this.sheet(t.sheet));
    return this.track(mock);
  }

  /** Applies an assignment the way Excel does: null leaves a cell unchanged, "'text" is text, a single value fills the range. */
  private apply(sheet: FakeSheet, block: Block, property: WriteRecord["property"], data: unknown): void {
    const at = (r: number, c: number): unknown => (Array.isArray(data) ? (data[r] as unknown[] | undefined)?.[c] : data);
    if (Array.isArray(data) && (data.length !== block.rows || data.some((row) => !Array.isArray(row) || row.length !== block.columns))) {
      throw new Error(`InvalidArgument: ${property} is not ${block.rows} × ${block.columns} for ${blockAddress(block.top, block.left, block.rows, block.columns)}`);
    }
    for (let r = 0; r < block.rows; r++) {
      for (let c = 0; c < block.columns; c++) {
        const v = at(r, c);
        if (v === null || v === undefined) continue;
        const row = block.top + r;
        const column = block.left + c;
        if (property === "numberFormat") {
          sheet.patch(row, column, { numberFormat: String(v) });
        } else if (typeof v === "string" && v.startsWith("'")) {
          sheet.patch(row, column, { value: v.slice(1) });
        } else if (typeof v === "string" && v.startsWith("=")) {
          sheet.patch(row, column, { value: v, formula: v });
        } else {
          sheet.patch(row, column, { value: v });
        }
      }
    }
  }

  // --- context.sync -----------------------------------------------------------------------

  private async sync(): Promise<void> {
    this.syncs++;
    // 1. Send what the code assigned (in proxy creation order).
    for (const t of [...this.tracked]) t.commit?.();
    // 2. Resolve collection loads (creates and loads item proxies).
    const pending = this.pendingCollections;
    this.pendingCollections = [];
    for (const resolve of pending) resolve();
    // 3. Deliver loaded properties (office-addin-mock's own sync).
    for (const t of [...this.tracked]) await t.mock.sync();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function overlaps(a: Block, b: Block): boolean {
  return a.top < b.top + b.rows && b.top < a.top + a.rows && a.left < b.left + b.columns && b.left < a.left + a.columns;
}

/** The block of an A1 address without a sheet ("L2:L4339", "A1"). */
function parseBlock(address: string): Block {
  const corner = (part: string): [number, number] => {
    const match = /^([A-Z]+)(\d+)$/.exec(part);
    if (!match) throw new Error(`not an address: ${address}`);
    let column = 0;
    for (const ch of match[1]!) column = column * 26 + ch.charCodeAt(0) - 64;
    return [Number(match[2]) - 1, column - 1];
  };
  const [first, last = first] = address.split(":");
  const [top, left] = corner(first!);
  const [bottom, right] = corner(last!);
  return { top, left, rows: bottom - top + 1, columns: right - left + 1 };
}

/** What is left of `a` outside `b`: up to four blocks (above, below, left, right). */
function subtract(a: Block, b: Block): Block[] {
  if (!overlaps(a, b)) return [a];
  const out: Block[] = [];
  const top = Math.max(a.top, b.top);
  const bottom = Math.min(a.top + a.rows, b.top + b.rows);
  if (b.top > a.top) out.push({ top: a.top, left: a.left, rows: b.top - a.top, columns: a.columns });
  if (a.top + a.rows > bottom) out.push({ top: bottom, left: a.left, rows: a.top + a.rows - bottom, columns: a.columns });
  if (b.left > a.left) out.push({ top, left: a.left, rows: bottom - top, columns: b.left - a.left });
  if (a.left + a.columns > b.left + b.columns) out.push({ top, left: b.left + b.columns, rows: bottom - top, columns: a.left + a.columns - (b.left + b.columns) });
  return out;
}
