/**
 * Where each analysis's output is, saved in the workbook so that re-applying an analysis
 * replaces all of its own earlier output, applying one never touches another's, and
 * "Remove results" takes exactly one analysis's output away.
 */
import { type AnalysisId, type CustomerValueModel, analysisOf } from "../engine";
import type { Workbook } from "../workbook/Workbook";

/** The document setting the last applied model is saved under (the pane reopens it). */
export const MODEL_SETTING = "customerValue.model";
/** The document setting holding every analysis's output record. */
export const OUTPUTS_SETTING = "customerValue.outputs";

/** The sheet an analysis's results go to when they do not sit beside the table: "CV Lifetime". */
export function resultsSheetName(analysis: AnalysisId): string {
  return `CV ${analysisOf(analysis).sheetWord}`;
}

/** An analysis's own summary sheet: "CV Lifetime summary". */
export function summarySheetName(analysis: AnalysisId): string {
  return `CV ${analysisOf(analysis).sheetWord} summary`;
}

/** Result columns an analysis wrote beside a table. */
export interface ColumnsOutput {
  sheet: string;
  /** 0-based sheet row of the header row and column of the first result column. */
  top: number;
  left: number;
  /** Rows written, the header row included. */
  rows: number;
  headers: string[];
}

/** What one Apply of an analysis left in the workbook. */
export interface AnalysisOutput {
  analysis: AnalysisId;
  /** Its result columns beside the table, when they went there. */
  columns?: ColumnsOutput;
  /** The sheets it owns: its results sheet (when the results went there), extra sheets (CV Rules), its summary. */
  sheets: string[];
  /** The model it was applied with, so each analysis can be re-run on its own. */
  model: CustomerValueModel;
  /** When, as an ISO time. */
  appliedAt: string;
}

/** Every analysis's output, by id. */
export type OutputRecords = Partial<Record<AnalysisId, AnalysisOutput>>;

/**
 * Reads the output records saved in the workbook; none (or an unreadable setting) is an
 * empty record, so a workbook from before they existed simply has no tracked output.
 */
export async function loadOutputs(workbook: Workbook): Promise<OutputRecords> {
  const saved = await workbook.loadSetting(OUTPUTS_SETTING).catch(() => null);
  if (!saved) return {};
  try {
    const data = JSON.parse(saved) as { version?: number; outputs?: OutputRecords };
    return data.version === 1 && typeof data.outputs === "object" && data.outputs !== null ? data.outputs : {};
  } catch {
    return {};
  }
}

/** Saves one analysis's output record (null removes it), keeping the others as they are. */
export async function saveOutput(workbook: Workbook, analysis: AnalysisId, output: AnalysisOutput | null): Promise<void> {
  const outputs = await loadOutputs(workbook);
  if (output) outputs[analysis] = output;
  else delete outputs[analysis];
  await workbook.saveSetting(OUTPUTS_SETTING, JSON.stringify({ version: 1, outputs }));
}

/**
 * Whether result columns are still where the record says: the header cells read as written
 * (a user who moved or overwrote them keeps what is there now).
 */
export async function columnsStillThere(workbook: Workbook, columns: ColumnsOutput): Promise<boolean> {
  if (!(await workbook.sheetNames()).includes(columns.sheet)) return false;
  const header = (await workbook.readBlock(columns.sheet, columns.top, columns.left, 1, columns.headers.length))[0] ?? [];
  return columns.headers.every((h, k) => String(header[k] ?? "").trim() === h);
}

/**
 * Takes away what an earlier Apply of an analysis wrote: its columns beside the table
 * (cleared, formats included, only while their headers still read as written), its results
 * sheet, extra sheets and summary (deleted). Other analyses' output stays as it is.
 *
 * @returns what was removed, in words, for the pane's message.
 */
export async function removeOutput(workbook: Workbook, output: AnalysisOutput, keepSheets: readonly string[] = []): Promise<string[]> {
  const removed: string[] = [];
  const c = output.columns;
  if (c && (await columnsStillThere(workbook, c))) {
    await workbook.clearBlock(c.sheet, c.top, c.left, c.rows, c.headers.length);
    removed.push(`${c.headers.join(", ")} on ${c.sheet}`);
  }
  const existing = await workbook.sheetNames();
  for (const sheet of output.sheets) {
    if (keepSheets.includes(sheet) || !existing.includes(sheet)) continue;
    await workbook.deleteSheet(sheet);
    removed.push(`sheet ${sheet}`);
  }
  return removed;
}

/**
 * "Remove results": removes everything the last Apply of this analysis wrote and forgets
 * it. Nothing of another analysis changes.
 *
 * @returns what was removed, in words; empty when the analysis has no output here.
 */
export async function removeResults(workbook: Workbook, analysis: AnalysisId): Promise<string[]> {
  const output = (await loadOutputs(workbook))[analysis];
  if (!output) return [];
  const removed = await removeOutput(workbook, output);
  await saveOutput(workbook, analysis, null);
  return removed;
}
