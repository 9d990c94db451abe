/**
 * What a cell shows, given its value and Excel number format: enough of Excel's format
 * language for what this add-in and a CSV import produce ("General", "0", "0.0", "#,##0.00",
 * "0.0%", "£#,##0", "0.00E+00", "yyyy-mm-dd", "d mmm yyyy", "@"), plus ISO-date ↔ serial
 * helpers. Not a full implementation: colours, conditions and fractions are ignored.
 */

import { parseDayCell } from "../engine";

const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 (Excel's day 0) to 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25_569;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The Excel date serial of an ISO date ("2011-01-18" → 40561), or undefined for text that is
 * not exactly yyyy-mm-dd or not a real calendar date. The engine's table layer does the
 * conversion; this only insists on a bare date, as a CSV import's date typing does.
 */
export function isoDateToSerial(text: string): number | undefined {
  if (!ISO_DATE.test(text)) return undefined;
  const serial = parseDayCell(text);
  return serial === undefined || Number.isNaN(serial) ? undefined : serial;
}

/** The UTC date of an Excel serial (fractions are the time of day). */
export function serialToDate(serial: number): Date {
  return new Date(Math.round((serial - EXCEL_EPOCH_OFFSET) * MS_PER_DAY));
}

/** Like Excel's General format: integers as is, otherwise up to 10 significant digits. */
function general(value: number): string {
  if (!Number.isFinite(value)) return "#NUM!";
  if (Number.isInteger(value) && Math.abs(value) < 1e11) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9)) return value.toExponential(5).replace(/\.?0+e/, "E").replace(/E\+?(-?)(\d)$/, "E+$10$2");
  return String(Number(value.toPrecision(10)));
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Removes [colour]/[condition] codes, keeping the symbol of [$£-809]-style currency codes. */
function stripBrackets(section: string): string {
  return section.replace(/\[\$([^\]-]*)(?:-[^\]]*)?\]|\[[^\]]*\]/g, (_m, currency: string | undefined) =>
    currency !== undefined ? `"${currency}"` : "",
  );
}

/** Splits a format section into literal text and code, honouring "quoted text", \x, _x and *x. */
function tokens(section: string): Array<{ literal: boolean; text: string }> {
  const out: Array<{ literal: boolean; text: string }> = [];
  const push = (literal: boolean, text: string) => {
    const last = out[out.length - 1];
    if (last && last.literal === literal) last.text += text;
    else out.push({ literal, text });
  };
  for (let i = 0; i < section.length; i++) {
    const ch = section[i] as string;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      push(true, section.slice(i + 1, end < 0 ? undefined : end));
      i = end < 0 ? section.length : end;
    } else if (ch === "\\") {
      push(true, section[i + 1] ?? "");
      i++;
    } else if (ch === "_") {
      push(true, " ");
      i++;
    } else if (ch === "*") {
      i++;
    } else push(false, ch);
  }
  return out;
}

function isDateFormat(code: string): boolean {
  return /[ymdhs]/i.test(code) && !/[0#?]/.test(code);
}

function formatDate(serial: number, section: string): string {
  const date = serialToDate(serial);
  const y = date.getUTCFullYear();
  const mo = date.getUTCMonth();
  const d = date.getUTCDate();
  const h = date.getUTCHours();
  const mi = date.getUTCMinutes();
  const s = date.getUTCSeconds();
  const pad = (n: number) => String(n).padStart(2, "0");
  let out = "";
  for (const token of tokens(section)) {
    if (token.literal) {
      out += token.text;
      continue;
    }
    const parts = token.text.match(/y+|m+|d+|h+|s+|AM\/PM|[^ymdhs]/gi) ?? [];
    parts.forEach((part, k) => {
      const lower = part.toLowerCase();
      const prev = parts.slice(0, k).reverse().find((p) => /^[hms]/i.test(p))?.toLowerCase() ?? "";
      const next = parts.slice(k + 1).find((p) => /^[ymdhs]/i.test(p))?.toLowerCase() ?? "";
      if (lower.startsWith("y")) out += lower.length <= 2 ? pad(y % 100) : String(y);
      else if (lower.startsWith("d")) {
        if (lower.length === 1) out += String(d);
        else if (lower.length === 2) out += pad(d);
        else if (lower.length === 3) out += (DAYS[date.getUTCDay()] as string).slice(0, 3);
        else out += DAYS[date.getUTCDay()] as string;
      } else if (lower.startsWith("m")) {
        const minutes = lower.length <= 2 && (prev.startsWith("h") || next.startsWith("s"));
        if (minutes) out += lower.length === 1 ? String(mi) : pad(mi);
        else if (lower.length === 1) out += String(mo + 1);
        else if (lower.length === 2) out += pad(mo + 1);
        else if (lower.length === 3) out += (MONTHS[mo] as string).slice(0, 3);
        else out += MONTHS[mo] as string;
      } else if (lower.startsWith("h")) out += lower.length === 1 ? String(h) : pad(h);
      else if (lower.startsWith("s")) out += lower.length === 1 ? String(s) : pad(s);
      else out += part;
    });
  }
  return out;
}

function formatNumber(value: number, section: string): string {
  const parts = tokens(section);
  const code = parts.filter((t) => !t.literal).map((t) => t.text).join("");
  const percent = (code.match(/%/g) ?? []).length;
  let v = value * 100 ** percent;
  // The numeric pattern: from the first digit placeholder to the last.
  const first = code.search(/[0#?]/);
  if (first < 0) return parts.map((t) => t.text).join("");
  let last = first;
  for (let i = first; i < code.length; i++) if (/[0#?.,]/.test(code[i] as string) || (/[eE]/.test(code[i] as string) && /[+-]/.test(code[i + 1] ?? ""))) {
    if (/[eE]/.test(code[i] as string)) {
      i++;
      while (/[0#?]/.test(code[i + 1] ?? "")) i++;
    }
    last = i;
  }
  const pattern = code.slice(first, last + 1);
  // Trailing commas scale by thousands.
  const scaleCommas = /,+$/.exec(pattern.replace(/[eE][+-][0#?]+$/, ""))?.[0].length ?? 0;
  v /= 1000 ** scaleCommas;
  const exp = /[eE][+-]([0#?]+)$/.exec(pattern);
  const mantissa = exp ? pattern.slice(0, exp.index) : pattern;
  const dot = mantissa.indexOf(".");
  const decimals = dot < 0 ? "" : mantissa.slice(dot + 1).replace(/[^0#?]/g, "");
  const minDecimals = (decimals.match(/0/g) ?? []).length;
  const integerPart = dot < 0 ? mantissa : mantissa.slice(0, dot);
  const minInteger = (integerPart.match(/0/g) ?? []).length;
  const thousands = /[0#?],+[0#?]/.test(integerPart);

  let body: string;
  if (exp) {
    const [m, e] = v.toExponential(decimals.length).split("e") as [string, string];
    const expDigits = (exp[1] as string).length;
    const sign = e.startsWith("-") ? "-" : "+";
    body = `${m.replace("-", "")}E${sign}${e.replace(/^[+-]/, "").padStart(expDigits, "0")}`;
  } else {
    let fixed = Math.abs(v).toFixed(decimals.length);
    if (decimals.length > minDecimals) fixed = fixed.replace(new RegExp(`0{1,${decimals.length - minDecimals}}$`), "");
    let [int, frac] = fixed.split(".") as [string, string | undefined];
    if (int === "0" && minInteger === 0) int = "";
    int = int.padStart(minInteger, "0");
    if (thousands) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    body = frac !== undefined && frac !== "" ? `${int}.${frac}` : dot >= 0 && decimals.length > 0 && minDecimals === 0 ? int : int;
    if (dot >= 0 && decimals.length === 0) body += ".";
  }
  // Rebuild: literals and code before/after the numeric pattern, the number in its place.
  let out = "";
  let codePos = 0;
  let placed = false;
  for (const token of parts) {
    if (token.literal) {
      out += token.text;
      continue;
    }
    for (const ch of token.text) {
      if (codePos >= first && codePos <= last) {
        if (!placed) {
          out += body;
          placed = true;
        }
      } else out += ch;
      codePos++;
    }
  }
  return out;
}

/**
 * The text a cell shows. Numbers use the number format (General when absent), booleans
 * show TRUE/FALSE, text shows as is (a format's text section "@" included).
 *
 * @example formatCellText(0.1234, "0.0%") === "12.3%"; formatCellText(40561, "yyyy-mm-dd") === "2011-01-18"
 */
export function formatCellText(value: unknown, numberFormat?: string | null): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value !== "number") return String(value);
  const format = numberFormat ?? "General";
  if (format === "" || /^general$/i.test(format) || format === "@") return general(value);
  const sections = format.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/).map(stripBrackets);
  let section = sections[0] as string;
  let v = value;
  if (value < 0 && sections.length > 1) {
    section = sections[1] as string;
    v = -value;
  } else if (value === 0 && sections.length > 2) section = sections[2] as string;
  if (/^general$/i.test(section.trim())) return general(v);
  const code = tokens(section).filter((t) => !t.literal).map((t) => t.text).join("");
  if (isDateFormat(code)) return v < 0 ? "#".repeat(8) : formatDate(v, section);
  const text = formatNumber(Math.abs(v), section);
  return v < 0 && sections.length === 1 ? `-${text}` : text;
}
