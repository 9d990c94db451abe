/**
 * A1-style addresses from 0-based sheet coordinates, and back. Pure helpers shared by the
 * Office and in-memory workbooks and the task pane.
 */
import { SHEET_COLUMNS, SHEET_ROWS, columnLetters } from "../engine/core/table";

export { SHEET_COLUMNS, SHEET_ROWS, columnLetters };

/**
 * The A1 address of one cell or of a block.
 *
 * @example cellAddress(1, 11) === "L2"; blockAddress(0, 0, 3, 2) === "A1:B3"
 */
export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

/** The A1 address of a block of `rows` × `columns` cells starting at (top, left). */
export function blockAddress(top: number, left: number, rows: number, columns: number): string {
  const start = cellAddress(top, left);
  return rows === 1 && columns === 1 ? start : `${start}:${cellAddress(top + rows - 1, left + columns - 1)}`;
}

/**
 * Parses an A1 address ("B3", "A1:K4339", "$A$1:$C$9", optionally "Sheet1!A1:C9" or
 * "'My sheet'!A1") into 0-based coordinates and size.
 *
 * @throws Error for text that is not an A1 address.
 * @example parseAddress("Customers!B2:D10") // → { sheet: "Customers", top: 1, left: 1, rows: 9, columns: 3 }
 */
export function parseAddress(address: string): { sheet?: string; top: number; left: number; rows: number; columns: number } {
  const bang = address.lastIndexOf("!");
  const sheetPart = bang >= 0 ? address.slice(0, bang) : undefined;
  const sheet = sheetPart?.replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
  const parts = address.slice(bang + 1).replace(/\$/g, "").split(":");
  const cells = parts.map((part) => {
    const match = /^([A-Za-z]{1,3})(\d+)$/.exec(part);
    if (!match) throw new Error(`"${address}" is not an A1 address`);
    const letters = (match[1] as string).toUpperCase();
    let column = 0;
    for (const ch of letters) column = column * 26 + (ch.charCodeAt(0) - 64);
    return { row: Number(match[2]) - 1, column: column - 1 };
  });
  const first = cells[0] as { row: number; column: number };
  const last = cells[cells.length - 1] as { row: number; column: number };
  const top = Math.min(first.row, last.row);
  const left = Math.min(first.column, last.column);
  return {
    ...(sheet !== undefined ? { sheet } : {}),
    top,
    left,
    rows: Math.abs(last.row - first.row) + 1,
    columns: Math.abs(last.column - first.column) + 1,
  };
}


/**
 * Checks that a block of `rows` × `columns` cells at (top, left) fits on a sheet, so a
 * write that cannot succeed stops before anything is replaced.
 *
 * @throws Error naming the block's size and the sheet's limit.
 * @example requireFitsSheet(0, 0, 1_048_577, 7) // throws: 1,048,577 rows …
 */
export function requireFitsSheet(top: number, left: number, rows: number, columns: number): void {
  if (top + rows > SHEET_ROWS) {
    throw new Error(`${rows.toLocaleString("en")} rows from row ${top + 1} do not fit on a sheet of ${SHEET_ROWS.toLocaleString("en")} rows.`);
  }
  if (left + columns > SHEET_COLUMNS) {
    throw new Error(`${columns.toLocaleString("en")} columns from column ${columnLetters(left)} do not fit on a sheet of ${SHEET_COLUMNS.toLocaleString("en")} columns.`);
  }
}
