/**
 * Apply: works out where an analysis's results go and writes them, so that results never
 * mix. Results with one row per table row sit beside the table (or, when asked, on the
 * analysis's own sheet); results with one row per customer of their own (from transactions
 * or lines) always go to the analysis's own sheet, "CV Lifetime", replaced whole. Each
 * analysis has its own summary sheet. Re-applying an analysis replaces all of its earlier
 * output; another analysis's output is never touched (outputs.ts keeps the record).
 */
import { groupColours } from "../workbook/colours";
import { type AnalysisRun, type CustomerValueModel, analysisOf, inMoney } from "../engine";
import { SHEET_ROWS, blockAddress } from "../workbook/address";
import type { FormatSpec, ResultBlock, SummarySheet, Workbook, WriteOptions, WriteValue } from "../workbook/Workbook";
import { liveFormulas, supportsFormulas } from "./formulas";
import { type AnalysisOutput, type ColumnsOutput, MODEL_SETTING, columnsStillThere, loadOutputs, removeOutput, resultsSheetName, saveOutput } from "./outputs";
import { type LoadedSource, moneyFormatOf } from "./source";
import { summarySheet } from "./summarySheet";

export { MODEL_SETTING, OUTPUTS_SETTING, removeResults, resultsSheetName, summarySheetName } from "./outputs";
export { breakdownSection, groupWord, summarySheet } from "./summarySheet";
export { supportsFormulas } from "./formulas";
export { moneyFormatOf } from "./source";
export { ALWAYS_HELD, RULES_SHEET } from "../engine";

/** Tier colours from the top; the last group is always grey. Light fills keep black text readable. */

/** Everything Apply will do, worked out before anything is written, so the user can confirm. */
export interface ApplyPlan {
  /** The results: beside the table, or the whole of the analysis's own results sheet. */
  block: ResultBlock;
  /** True when block is the analysis's own results sheet, replaced whole. */
  ownSheet: boolean;
  /** Non-empty cells of the user's the write would replace (not this analysis's earlier results), e.g. ["L2", "L3"]. */
  occupied: string[];
  /** Sheets of that name that exist but this analysis did not write, which Apply would replace whole. */
  foreignSheets: string[];
  formats: FormatSpec;
  summary: SummarySheet;
  /** Where the results go, for messages: "Customers!L1:M4339". */
  target: string;
  /** Other sheets the analysis owns, replaced whole (cross-sell: every rule on "CV Rules"). */
  ownSheets: ResultBlock[];
  /** What the previous Apply of this analysis left, taken away before writing (null: none recorded). */
  previous: AnalysisOutput | null;
  /** The record of this Apply's output, saved after writing. */
  output: AnalysisOutput;
}

/** Fill colours for group labels, top first (one palette for the pane and the sheets). */
export { groupColours };

function toWriteValue(cell: unknown): WriteValue {
  return typeof cell === "number" || typeof cell === "string" || typeof cell === "boolean" ? cell : null;
}

/**
 * Where result columns beside the table go: where this analysis's recorded columns still
 * stand (same headers, as wide), else where an older Apply left the same headers side by
 * side (workbooks from before the record), else right of everything.
 */
async function besideColumn(workbook: Workbook, source: LoadedSource, headers: readonly string[], previous: ColumnsOutput | undefined): Promise<{ left: number; ours: boolean }> {
  if (previous && previous.sheet === source.range.sheet && previous.top === source.range.top && previous.headers.length === headers.length && headers.every((h, k) => previous.headers[k] === h)) {
    if (await columnsStillThere(workbook, previous)) return { left: previous.left, ours: true };
  }
  const existing = source.resultColumns;
  const first = existing.find((e) => e.header === headers[0]);
  if (first !== undefined && headers.every((h, k) => existing.some((e) => e.header === h && e.column === first.column + k))) return { left: first.column, ours: true };
  return { left: source.nextFreeColumn, ours: false };
}

/**
 * Works out an Apply: where the results go (beside the table, updating this analysis's own
 * columns in place, or the analysis's own sheet), which user cells or sheets it would
 * replace, the conditional formats, the sheets the analysis owns, and its summary sheet.
 * Reads only; writes nothing.
 *
 * @throws Error when an owned sheet would not fit on a sheet (more rules than rows), naming the settings to change.
 */
export async function planApply(workbook: Workbook, source: LoadedSource, model: CustomerValueModel, run: AnalysisRun, now: Date): Promise<ApplyPlan> {
  const definition = analysisOf(model.analysis);
  const headers = run.columns.map((c) => c.header);
  // Results per customer rather than per table row (from transactions or lines) cannot sit beside the rows.
  const keyed = run.rowKeys;
  const customers = keyed ? keyed.values.length : source.table.rows.length;
  const ownSheet = model.output.placement === "newSheet" || !source.headerRow || keyed !== undefined;
  const previous = (await loadOutputs(workbook))[model.analysis] ?? null;
  const sheetNames = await workbook.sheetNames();
  const isOurs = (sheet: string) => previous?.sheets.includes(sheet) ?? false;

  const sheet = ownSheet ? resultsSheetName(model.analysis) : source.range.sheet;
  const top = ownSheet ? 0 : source.range.top;
  const dataTop = top + 1;
  const beside = ownSheet ? null : await besideColumn(workbook, source, headers, previous?.columns);
  const left = beside ? beside.left : 0;

  let occupied: string[] = [];
  if (beside) {
    // This analysis's own earlier columns may be replaced; rows below them (a longer table) and any other cells are checked.
    const ownRows = beside.ours && previous?.columns ? previous.columns.rows : beside.ours ? customers + 1 : 0;
    if (customers + 1 > ownRows) occupied = await workbook.occupiedCells(sheet, top + ownRows, left, customers + 1 - ownRows, headers.length);
  }

  const rows: WriteValue[][] = Array.from({ length: customers }, (_, i) => run.columns.map((c) => c.values[i] ?? null));
  const idColumn = model.roles.id !== null ? source.table.headers.indexOf(model.roles.id) : -1;
  const keyOf = (i: number): WriteValue => (keyed ? (keyed.values[i] ?? null) : idColumn >= 0 ? toWriteValue(source.table.rows[i]?.[idColumn]) : i + 1);
  const block: ResultBlock = ownSheet
    ? {
        sheet,
        top,
        left: 0,
        headers: [keyed?.header ?? model.roles.id ?? "Row", ...headers],
        rows: rows.map((r, i) => [keyOf(i), ...r]),
        numberFormats: [null, ...run.columns.map((c) => c.numberFormat ?? null)],
      }
    : { sheet, top, left, headers, rows, numberFormats: run.columns.map((c) => c.numberFormat ?? null) };

  if (model.output.formulas && !ownSheet && supportsFormulas(model.analysis)) {
    block.formulas = liveFormulas(model, source, run, { top: dataTop, left });
    // A spilling formula needs empty cells below it: only its top cell is written.
    block.rows = block.rows.map((r, i) => (i === 0 ? r : r.map(() => null)));
  }

  const offset = ownSheet ? 1 : 0;
  const scoreIndex = run.columns.findIndex((c) => c.kind === "score");
  const labelIndex = run.columns.findIndex((c) => c.kind === "label");
  const formats: FormatSpec = {
    sheet,
    ...(scoreIndex >= 0 ? { dataBars: { top: dataTop, column: block.left + offset + scoreIndex, rows: customers } } : {}),
    ...(labelIndex >= 0 ? { labelColours: { top: dataTop, column: block.left + offset + labelIndex, rows: customers, colours: groupColours(run.groups.map((g) => g.label)) } } : {}),
  };

  const owned = definition.ownedSheets?.(run) ?? [];
  for (const o of owned) if (o.table.rows.length + 1 > SHEET_ROWS) throw new Error(o.tooLargeAdvice);
  const ownSheets: ResultBlock[] = owned.map((o) => ({ sheet: o.name, top: 0, left: 0, headers: o.table.headers, rows: o.table.rows, ...(o.table.numberFormats ? { numberFormats: o.table.numberFormats } : {}) }));

  const money = moneyFormatOf(source, model, run);
  if (block.numberFormats) block.numberFormats = inMoney(block.numberFormats, money);
  for (const own of ownSheets) if (own.numberFormats) own.numberFormats = inMoney(own.numberFormats, money);
  const target = `${sheet}!${blockAddress(top, block.left, customers + 1, block.headers.length)}`;
  const summary = summarySheet(model, source, run, now, target);
  const written = [...(ownSheet ? [sheet] : []), ...ownSheets.map((s) => s.sheet), summary.name];
  const foreignSheets = written.filter((s) => sheetNames.includes(s) && !isOurs(s));
  const output: AnalysisOutput = {
    analysis: model.analysis,
    ...(ownSheet ? {} : { columns: { sheet, top, left, rows: customers + 1, headers } }),
    sheets: written,
    model,
    appliedAt: now.toISOString(),
  };
  return { block, ownSheet, occupied, foreignSheets, formats, summary, target, ownSheets, previous, output };
}

/**
 * Carries out a plan: takes away this analysis's earlier output that the new one does not
 * overwrite (columns beside the table cleared, sheets it no longer writes deleted), writes
 * the results (chunked, with progress and cancel), the conditional formats, the sheets the
 * analysis owns (replaced whole) and its summary sheet, and saves the model and the record
 * of where this analysis's output now is.
 */
export async function executeApply(workbook: Workbook, plan: ApplyPlan, model: CustomerValueModel, options: WriteOptions = {}): Promise<void> {
  const signal = options.signal ? { signal: options.signal } : {};
  if (plan.previous) await removeOutput(workbook, plan.previous, plan.output.sheets);
  if (plan.ownSheet) await workbook.replaceSheet(plan.block, options);
  else {
    await workbook.ensureSheet(plan.block.sheet);
    await workbook.writeBlock(plan.block, options);
  }
  await workbook.applyFormats(plan.formats);
  for (const sheet of plan.ownSheets) await workbook.replaceSheet(sheet, signal);
  await workbook.writeSummary(plan.summary);
  await workbook.saveSetting(MODEL_SETTING, JSON.stringify(model));
  await saveOutput(workbook, model.analysis, { ...plan.output, model });
}
