/**
 * Minimal RFC 4180 CSV reading and writing (quoted fields, doubled quotes, commas and line
 * breaks inside quotes), for the sample customer table, its generator and the files a user
 * opens in the preview (comma, semicolon or tab separated: see {@link detectDelimiter}).
 * Values stay text; the caller decides what is a number or a date.
 */

/** The field separators a CSV file may use: comma, semicolon (European Excel) or tab. */
export type CsvDelimiter = "," | ";" | "\t";

/**
 * The separator of a CSV file, read from its first line as Excel's import would guess it:
 * the most frequent of comma, semicolon and tab outside quotes (a tie or none: comma).
 * Cost: one pass over the first line.
 *
 * @example detectDelimiter("id;name;amount\n1;A;2,5\n") === ";"
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && (ch === "," || ch === ";" || ch === "\t")) counts[ch]++;
  }
  if (counts[";"] > counts[","] && counts[";"] >= counts["\t"]) return ";";
  if (counts["\t"] > counts[","] && counts["\t"] > counts[";"]) return "\t";
  return ",";
}

/**
 * Splits CSV text into rows of fields, on commas or the given separator. Cost: one pass
 * over the text.
 *
 * @example parseCsv('id,name\n1,"Smith, J"\n') // → [["id", "name"], ["1", "Smith, J"]]
 * @example parseCsv("id;name\n1;J\n", ";") // → [["id", "name"], ["1", "J"]]
 */
export function parseCsv(text: string, delimiter: CsvDelimiter = ","): string[][] {
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
    else if (ch === delimiter) {
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
