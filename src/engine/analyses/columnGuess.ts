/**
 * Guessing which column plays which part from the headers, for the defaults of an
 * analysis's settings (a date column, a product column …). Cost: O(words × columns).
 */
import { type ColumnProfile, normaliseHeader } from "../core/profile";

/**
 * The first column whose normalised header contains one of the words, of the wanted kinds.
 *
 * @example findColumn(profiles, ["invoicedate", "date"], ["date"]) // → "InvoiceDate"
 */
export function findColumn(profiles: readonly ColumnProfile[], words: readonly string[], kinds: readonly string[]): string | null {
  return profiles.find((p) => kinds.includes(p.kind) && words.some((w) => normaliseHeader(p.header).includes(w)))?.header ?? null;
}

/**
 * The first column, trying the words in order, whose normalised header contains the word
 * and is of one of the kinds; a header that is just the word's plural ("Invoices",
 * "Products") is a count per customer, not an id, and is passed over.
 *
 * @example findByWords(profiles, ["invoice", "order"], ["id", "text"]) // → "InvoiceNo", not "Invoices"
 */
export function findByWords(profiles: readonly ColumnProfile[], words: readonly string[], kinds: readonly string[]): string | null {
  for (const word of words) {
    const found = profiles.find((p) => {
      const key = normaliseHeader(p.header);
      return kinds.includes(p.kind) && key.includes(word) && key !== `${word}s`;
    });
    if (found) return found.header;
  }
  return null;
}
