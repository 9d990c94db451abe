import type { WriteValue } from "./Workbook";

/** Excel on the web caps one request at 5 MB; stay well under it (JSON overhead, formats). */
export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;
const SAFETY = 0.6;

/**
 * The payload size of one cell as Excel's request would carry it (JSON text plus
 * separators), an upper-bound estimate.
 */
function cellBytes(value: WriteValue | undefined, formula: string | null | undefined): number {
  const v = formula ?? value;
  if (v === null || v === undefined) return 6;
  if (typeof v === "number") return 26;
  if (typeof v === "boolean") return 8;
  // Non-ASCII characters take up to 3 bytes in UTF-8; escaping may double quotes and backslashes.
  let bytes = 4;
  for (let i = 0; i < v.length; i++) bytes += v.charCodeAt(i) < 128 ? 1 : 3;
  return bytes * 2;
}

/**
 * Splits the rows of a write into consecutive [start, end) row ranges whose estimated
 * request size stays under `limitBytes × 0.6`, so no request exceeds Excel's 5 MB limit.
 * Values and formulas are both counted. Cost: O(rows × columns).
 *
 * @example planChunks(rows, undefined).length // 120,000 rows × 3 columns → a handful of chunks
 */
export function planChunks(
  rows: ReadonlyArray<ReadonlyArray<WriteValue>>,
  formulas: ReadonlyArray<ReadonlyArray<string | null>> | undefined,
  limitBytes: number = REQUEST_LIMIT_BYTES,
): Array<[number, number]> {
  const budget = limitBytes * SAFETY;
  const chunks: Array<[number, number]> = [];
  let start = 0;
  let size = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as ReadonlyArray<WriteValue>;
    const formulaRow = formulas?.[r];
    let rowBytes = 4;
    for (let c = 0; c < row.length; c++) rowBytes += cellBytes(row[c], formulaRow?.[c]);
    if (size + rowBytes > budget && r > start) {
      chunks.push([start, r]);
      start = r;
      size = 0;
    }
    size += rowBytes;
  }
  if (rows.length > start) chunks.push([start, rows.length]);
  return chunks;
}

/**
 * Estimated request size in bytes of rows [start, end) (the same estimate planChunks uses),
 * so tests can assert every chunk is under the limit.
 */
export function estimateBytes(
  rows: ReadonlyArray<ReadonlyArray<WriteValue>>,
  formulas: ReadonlyArray<ReadonlyArray<string | null>> | undefined,
  start: number,
  end: number,
): number {
  let total = 0;
  for (let r = start; r < end; r++) {
    const row = rows[r] as ReadonlyArray<WriteValue>;
    total += 4;
    for (let c = 0; c < row.length; c++) total += cellBytes(row[c], formulas?.[r]?.[c]);
  }
  return total;
}
