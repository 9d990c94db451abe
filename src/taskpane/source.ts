import { type AnalysisRun, type ColumnKind, type ColumnProfile, type CustomerTable, type CustomerValueModel, hasHeaderRow, makeCustomerTable, moneyFormatFrom, profileColumns } from "../engine";
import { columnLetters, parseAddress } from "../workbook/address";
import type { SourceKind, SourceRange, Workbook } from "../workbook/Workbook";

/** Result columns this add-in wrote before: their header and 0-based sheet column. */
export interface ExistingResultColumn {
  header: string;
  column: number;
}

/** A source range turned into what the pane works on: the customer table without earlier CV columns, and its profile. */
export interface LoadedSource {
  range: SourceRange;
  headerRow: boolean;
  table: CustomerTable;
  profiles: ColumnProfile[];
  /** The kinds the user chose in the data step (header → kind); the profiles follow them. */
  kinds: Readonly<Record<string, ColumnKind>>;
  /** Sheet column of each table column (CV columns inside the range are skipped). */
  sheetColumns: number[];
  /** CV columns found in the range or right beside it. */
  resultColumns: ExistingResultColumn[];
  /** First sheet column right of everything (data and CV columns). */
  nextFreeColumn: number;
}

/**
 * The number format money figures take on the sheets an Apply writes: the source column's
 * own (the value column, or the run's money column: RFM's monetary, lifetime's amount) as
 * its first data row has it, when that shows amounts ("£#,##0.00"); else "#,##0.00".
 *
 * @example moneyFormatOf(source, model, run) // "[$€-x-euro2] #,##0.00" for a Revenue column in euros
 */
export function moneyFormatOf(source: LoadedSource, model: CustomerValueModel, run: AnalysisRun): string {
  const header = run.moneyHeader ?? run.valueHeader ?? model.roles.value;
  const index = header ? source.table.headers.indexOf(header) : -1;
  const sheetColumn = index >= 0 ? source.sheetColumns[index] : undefined;
  return moneyFormatFrom(sheetColumn !== undefined ? source.range.numberFormats?.[sheetColumn - source.range.left] : undefined);
}

/** Headers this add-in writes start with "CV ". */
export function isResultHeader(header: unknown): boolean {
  return typeof header === "string" && /^CV .+/.test(header.trim());
}

/**
 * Turns the range the user pointed at into the customer table: detects the header row
 * (unless told), leaves out columns headed "CV …" (results of an earlier Apply, which
 * re-Apply updates), names the others, and profiles them (with the user's `kinds`, if any).
 * `rightOfRange` is the header row just right of the range, to find CV columns an earlier
 * Apply wrote beside a table. Cost: O(rows × columns).
 *
 * @example loadSource(range, [], undefined, { Postcode: "text" }).profiles // Postcode profiled as text
 */
export function loadSource(range: SourceRange, rightOfRange: readonly unknown[] = [], headerRow?: boolean, kinds: Readonly<Record<string, ColumnKind>> = {}): LoadedSource {
  const header = headerRow ?? hasHeaderRow(range.values);
  const width = range.values[0]?.length ?? 0;
  const keep: number[] = [];
  const resultColumns: ExistingResultColumn[] = [];
  for (let c = 0; c < width; c++) {
    const h = header ? range.values[0]?.[c] : undefined;
    if (header && isResultHeader(h)) resultColumns.push({ header: String(h).trim(), column: range.left + c });
    else keep.push(c);
  }
  let next = range.left + width;
  for (const cell of rightOfRange) {
    if (!header || !isResultHeader(cell)) break;
    resultColumns.push({ header: String(cell).trim(), column: next });
    next++;
  }
  const values = range.values.map((row) => keep.map((c) => row[c]));
  const table = makeCustomerTable(values, header, (i) => columnLetters(range.left + (keep[i] ?? i)));
  return {
    range,
    headerRow: header,
    table,
    profiles: profileColumns(table, kinds),
    kinds,
    sheetColumns: keep.map((c) => range.left + c),
    resultColumns,
    nextFreeColumn: next,
  };
}

/**
 * Reads what the pane needs about a range from the workbook: the header row just right of
 * it (where an earlier Apply put its CV columns beside an Excel table), then the loaded
 * source. One batch read.
 */
export async function loadFromWorkbook(workbook: Workbook, range: SourceRange, headerRow?: boolean, kinds: Readonly<Record<string, ColumnKind>> = {}): Promise<LoadedSource> {
  const width = range.values[0]?.length ?? 0;
  const right = await workbook.readBlock(range.sheet, range.top, range.left + width, 1, 26).catch(() => [[]]);
  return loadSource(range, right[0] ?? [], headerRow, kinds);
}

/**
 * Reads a range again by its saved place (a model's source, or the range read before an
 * Apply), so re-Apply and a reopened workbook see the cells as they are now.
 */
export async function rereadRange(workbook: Workbook, place: { kind: SourceKind; sheet: string; address: string; tableName?: string }): Promise<SourceRange> {
  const at = parseAddress(place.address);
  const values = await workbook.readBlock(place.sheet, at.top, at.left, at.rows, at.columns);
  return { kind: place.kind, sheet: place.sheet, address: place.address, top: at.top, left: at.left, values, ...(place.tableName ? { tableName: place.tableName } : {}) };
}

/**
 * The source with one column's kind chosen by the user (or back to the detected kind when
 * `kind` is what the cells say): the choice is kept, and the columns profiled again with it.
 * Cost: O(rows × columns).
 *
 * @example withKind(loaded, "Postcode", "text").profiles.find((p) => p.header === "Postcode")?.kind === "text"
 */
export function withKind(loaded: LoadedSource, header: string, kind: ColumnKind): LoadedSource {
  const detected = loaded.profiles.find((p) => p.header === header)?.detected;
  const kinds: Record<string, ColumnKind> = { ...loaded.kinds };
  if (kind === detected) delete kinds[header];
  else kinds[header] = kind;
  return { ...loaded, kinds, profiles: profileColumns(loaded.table, kinds) };
}
