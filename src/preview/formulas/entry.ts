/**
 * What a typed entry becomes in a cell, as Excel (en-US) types it, and the text a cell shows
 * when it is edited again. Pure functions.
 */
import { formatCellText, isoDateToSerial } from "../numberFormat";
import { normaliseFormula } from "./parser";

/** A typed entry: a constant (with the number format the typing implies), a formula, or nothing. */
export type TypedEntry =
  | { kind: "value"; value: string | number | boolean; numberFormat?: string }
  | { kind: "formula"; formula: string }
  | { kind: "clear" };

const PLAIN_NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_LOOSE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const ERRORS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!"]);

/** Excel's date serial of a calendar date, or undefined when it is not one (Feb 30) or before 1900. */
function serialOf(year: number, month: number, day: number): number | undefined {
  const utc = Date.UTC(year, month - 1, day);
  const d = new Date(utc);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || year < 1900) return undefined;
  return isoDateToSerial(`${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
}

/** Decimals typed after the point ("1,234.50" → 2). */
function decimalsOf(text: string): number {
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** A number text without sign or decoration: plain (1234.5, 1e3) or with en-US thousands commas (1,234.5). */
function readUnsigned(text: string): { value: number; grouped: boolean } | undefined {
  if (PLAIN_NUMBER.test(text)) return { value: Number(text), grouped: false };
  if (GROUPED_NUMBER.test(text)) return { value: Number(text.replace(/,/g, "")), grouped: true };
  return undefined;
}

/**
 * Types an entry as Excel (en-US) does when it is typed into a cell: "" clears; a leading
 * apostrophe keeps the rest as text; a leading "=" makes a formula (names and references
 * upper-cased, see {@link normaliseFormula}); numbers ("12", "-3.5",
 * "1e3", "(12)" negative, "1,234.5" with thousands commas → format "#,##0.0"), percentages
 * ("12%" → 0.12 with "0%", "12.5%" → "0.00%"), dollar amounts ("$1,234.50" → "$#,##0.00"),
 * TRUE/FALSE in any case, dates ("2011-01-18" → its serial with "yyyy-mm-dd"; "1/18/2011" →
 * "m/d/yyyy"), Excel error literals (#N/A) kept as their text; anything else is text as typed.
 * Leading and trailing spaces do not stop a number or date being read. Cost: a few regular
 * expressions.
 *
 * @example typeEntry("12%") // → { kind: "value", value: 0.12, numberFormat: "0%" }
 * @example typeEntry("'007") // → { kind: "value", value: "007" }
 */
export function typeEntry(entry: string): TypedEntry {
  if (entry === "") return { kind: "clear" };
  if (entry.startsWith("'")) return { kind: "value", value: entry.slice(1) };
  if (entry.startsWith("=") && entry.length > 1) return { kind: "formula", formula: normaliseFormula(entry) };
  const text = entry.trim();
  if (text === "") return { kind: "value", value: entry };
  const upper = text.toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return { kind: "value", value: upper === "TRUE" };
  if (ERRORS.has(upper)) return { kind: "value", value: upper };

  let body = text;
  let sign = 1;
  if (/^\(.*\)$/.test(body)) {
    sign = -1;
    body = body.slice(1, -1).trim();
  }
  if (body.startsWith("-") || body.startsWith("+")) {
    if (body.startsWith("-")) sign = -sign;
    body = body.slice(1).trim();
  }
  const percent = body.endsWith("%");
  if (percent) body = body.slice(0, -1).trim();
  const dollar = !percent && body.startsWith("$");
  if (dollar) body = body.slice(1).trim();
  const number = readUnsigned(body);
  if (number) {
    const value = sign * number.value;
    const decimals = decimalsOf(body);
    const fraction = decimals > 0 ? `.${"0".repeat(decimals)}` : "";
    if (percent) return { kind: "value", value: value / 100, numberFormat: decimals > 0 ? "0.00%" : "0%" };
    if (dollar) return { kind: "value", value, numberFormat: decimals > 0 ? "$#,##0.00" : "$#,##0" };
    if (number.grouped) return { kind: "value", value, numberFormat: `#,##0${fraction}` };
    return { kind: "value", value };
  }

  const iso = ISO_LOOSE.exec(text);
  if (iso) {
    const serial = serialOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    if (serial !== undefined) return { kind: "value", value: serial, numberFormat: "yyyy-mm-dd" };
  }
  const us = US_DATE.exec(text);
  if (us) {
    const serial = serialOf(Number(us[3]), Number(us[1]), Number(us[2]));
    if (serial !== undefined) return { kind: "value", value: serial, numberFormat: "m/d/yyyy" };
  }
  return { kind: "value", value: entry };
}

/**
 * The text an edit of a cell starts from (F2, double-click, the formula bar): the formula
 * if there is one, else the value as it would be typed back: dates in their own format
 * (so they are read as dates again), percentages with "%", numbers in full precision,
 * text that would be read as something else behind an apostrophe. Cost: O(1).
 *
 * @example editText({ value: 0.125, numberFormat: "0.0%" }) === "12.5%"
 */
export function editText(cell: { value: string | number | boolean; formula?: string; numberFormat?: string } | undefined): string {
  if (!cell) return "";
  if (cell.formula !== undefined) return cell.formula;
  const { value, numberFormat } = cell;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") {
    const format = numberFormat ?? "General";
    if (/[ymd]/i.test(format) && !/[0#?]/.test(format)) return formatCellText(value, /^[ymd\-/.]+$/i.test(format) ? format : "yyyy-mm-dd");
    if (format.includes("%")) return `${Number((value * 100).toPrecision(15))}%`;
    return String(Number(value.toPrecision(15)));
  }
  if (value === "") return "";
  const retyped = typeEntry(value);
  return retyped.kind === "value" && retyped.value === value ? value : `'${value}`;
}
