/**
 * The RFM analysis's settings (methods §6), declared once: from a transaction table (one
 * row per purchase) or from per-customer recency / frequency / monetary columns, the bins
 * and the segment rules.
 */
import { DEFAULT_SEGMENT_RULES, type SegmentRule } from "../../behaviour/rfm";
import type { ColumnProfile } from "../../core/profile";
import { findColumn } from "../columnGuess";
import { type SettingsType, choice, column, declareSettings, failModel, optionalDate, structured, wholeNumber } from "../settings";

const recencyWords = ["recency", "dayssince", "daysago", "最近", "天数"];
const frequencyWords = ["frequency", "invoices", "orders", "purchases", "频次", "次数", "订单"];

/** A fresh copy of the standard ten segment rules. */
function standardRules(): SegmentRule[] {
  return DEFAULT_SEGMENT_RULES.map((r) => ({ ...r, r: [...r.r], f: [...r.f], m: [...r.m] }));
}

/** Reads segment rules from JSON: a name and [min, max] score bounds for R, F and M (null = any). */
function readRules(raw: unknown, path: string): SegmentRule[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const bound = (v: unknown, at: string): number =>
    v === null ? Number.NaN : typeof v === "number" && Number.isFinite(v) ? v : failModel(at, "expected a score bound (a number) or null");
  return raw.map((item, i): SegmentRule => {
    const rule = (item ?? {}) as Record<string, unknown>;
    if (typeof rule.segment !== "string" || rule.segment.trim() === "") failModel(`${path}[${i}].segment`, "expected a name");
    const pair = (key: "r" | "f" | "m"): [number, number] => {
      const v = rule[key];
      if (!Array.isArray(v) || v.length !== 2) failModel(`${path}[${i}].${key}`, "expected [min, max]");
      return [bound(v[0], `${path}[${i}].${key}[0]`), bound(v[1], `${path}[${i}].${key}[1]`)];
    };
    return { segment: rule.segment, r: pair("r"), f: pair("f"), m: pair("m") };
  });
}

/**
 * The RFM settings: per-customer recency / frequency / monetary columns when the table has
 * them (DaysSinceLast, Invoices, Revenue …), else a transaction table's date, amount and
 * invoice columns; 5 bins; the standard ten segment rules; as of the day after the latest date.
 */
export const rfmSettings = declareSettings("rfm", "RFM", {
  input: choice("input", ["transactions", "summary"] as const, ({ profiles }) =>
    findColumn(profiles, recencyWords, ["number"]) !== null && findColumn(profiles, frequencyWords, ["number"]) !== null ? "summary" : "transactions",
  ),
  date: column("date column", ({ profiles }) => findColumn(profiles, ["invoicedate", "orderdate", "date", "日期"], ["date"])),
  amount: column("amount column", ({ value }) => value),
  invoice: column("invoice column", ({ profiles }) => findColumn(profiles, ["invoice", "order", "发票", "订单号"], ["id", "text", "number"])),
  recency: column("recency column", ({ profiles }) => findColumn(profiles, recencyWords, ["number"])),
  frequency: column("frequency column", ({ profiles }) => findColumn(profiles, frequencyWords, ["number"])),
  monetary: column("monetary column", ({ value }) => value),
  bins: wholeNumber({ words: "bins", initial: 5, min: 2, max: 10 }),
  rules: structured("segment rules", "a list of rules", standardRules, readRules),
  asOf: optionalDate("as-of date"),
});

/** RFM settings: from a transaction table (one row per purchase) or from per-customer columns. */
export type RfmSettings = SettingsType<typeof rfmSettings>;

/**
 * RFM settings guessed from the columns (see rfmSettings).
 *
 * @example defaultRfmSettings(profileColumns(table), "Revenue").input // → "summary" on a table with DaysSinceLast and Invoices
 */
export function defaultRfmSettings(profiles: readonly ColumnProfile[], value: string | null): RfmSettings {
  return rfmSettings.defaults({ profiles, value });
}
