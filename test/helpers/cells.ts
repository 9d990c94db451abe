/** Small helpers to write Excel-shaped inputs and read Excel-shaped outputs in tests. */

/** A single column range from values: col(1, 2) → [[1], [2]]. */
export function col(...values: unknown[]): unknown[][] {
  return values.map((v) => [v]);
}

/** A single row range from values: row(1, 2) → [[1, 2]]. */
export function row(...values: unknown[]): unknown[][] {
  return [values];
}

/** The error code of a returned cell, or undefined for a plain value. */
export function errorCode(cell: unknown): string | undefined {
  return typeof cell === "object" && cell !== null && "code" in cell ? String((cell as { code: unknown }).code) : undefined;
}

/** The message of a returned error cell. */
export function errorMessage(cell: unknown): string | undefined {
  return typeof cell === "object" && cell !== null && "message" in cell ? String((cell as { message: unknown }).message) : undefined;
}

/** The first column of a spilled result, as plain values. */
export function firstColumn(result: unknown[][]): unknown[] {
  return result.map((r) => r[0]);
}

/** Calls fn, expecting it to throw an Excel error; returns { code, message }. */
export function thrownExcelError(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    return { code: errorCode(error) ?? "not an Excel error", message: errorMessage(error) ?? String(error) };
  }
  throw new Error("expected an Excel error, but the call returned normally");
}

/** An Excel error value as Excel hands it to a custom function inside a range. */
export function excelErrorCell(code: string): { code: string } {
  return new CustomFunctions.Error(code as CustomFunctions.ErrorCode);
}

/**
 * What Excel passes for an omitted optional argument: null. The functions' TypeScript
 * signatures say `x?: T` (the metadata generator needs plain types), so tests name it here.
 */
export const OMITTED = null as unknown as undefined;
