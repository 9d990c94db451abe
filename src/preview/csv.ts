/**
 * Minimal RFC 4180 CSV reading and writing (quoted fields, doubled quotes, commas and line
 * breaks inside quotes), for the sample customer table and its generator. Values stay
 * text; the table layer of the engine decides what is a number or a date.
 */

/**
 * Splits CSV text into rows of fields. Cost: one pass over the text.
 *
 * @example parseCsv('id,name\n1,"Smith, J"\n') // → [["id", "name"], ["1", "Smith, J"]]
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else field += ch;
    i++;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Writes rows as CSV text, quoting fields that hold a comma, quote or line break.
 *
 * @example formatCsv([["a", "b,c"]]) === 'a,"b,c"\n'
 */
export function formatCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const quote = (value: string | number): string => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((r) => r.map(quote).join(",")).join("\n") + "\n";
}
