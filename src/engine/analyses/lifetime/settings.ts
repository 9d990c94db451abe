/**
 * The lifetime value analysis's settings (methods §9), declared once: a transaction table
 * (the customer id is roles.id), the calibration period's end and time unit, and the money
 * side of CLV.
 */
import type { ColumnProfile } from "../../core/profile";
import { findColumn } from "../columnGuess";
import { parseTierSpec, presetTiers } from "../model";
import { type SettingsType, choice, column, declareSettings, numberSetting, optionalDate, structured, wholeNumber } from "../settings";

/**
 * Lifetime value settings: the purchase date column, the value column as the amount; weeks,
 * 12 months, 1% a month, margin 1 (revenue), pyramid tiers.
 */
export const lifetimeSettings = declareSettings("lifetime", "Lifetime value", {
  /** The purchase date and amount columns of the transaction table. */
  date: column("purchase date column", ({ profiles }) => findColumn(profiles, ["invoicedate", "orderdate", "purchasedate", "date", "日期"], ["date"])),
  amount: column("amount column", ({ value }) => value),
  /** ISO date ending the calibration period; null = the day after the latest date. */
  asOf: optionalDate("as-of date"),
  /** The purchase model: BG/NBD, MBG/NBD or Pareto/NBD (methods §9). */
  model: choice("purchase model", ["bgnbd", "mbgnbd", "pnbd"] as const, "bgnbd"),
  /** "holdout": also check every purchase model on a holdout period ending at the as-of date. */
  check: choice("model check", ["off", "holdout"] as const, "off"),
  /** The last day of the check's calibration period; null = the add-in's choice (the last third of the history is the holdout). */
  calibrationEnd: optionalDate("calibration end"),
  /** The unit x, t_x and T are counted in. */
  unit: choice("time unit", ["day", "week", "month"] as const, "week"),
  /** Months ahead the CLV covers. */
  horizonMonths: wholeNumber({ words: "horizon", allowed: "a whole number of months from 1 to 1200", initial: 12, min: 1, max: 1200 }),
  /** Discount rate per month (0.01 = 1% a month). */
  monthlyDiscount: numberSetting({ words: "discount", allowed: "a monthly rate from 0 up to 1 (0.01 = 1% a month)", initial: 0.01, min: 0, max: 1, belowMax: true }),
  /** Profit margin on spend (1 = revenue). */
  margin: numberSetting({ words: "margin", allowed: "a share of spend from 0 to 1", initial: 1, min: 0, max: 1 }),
  /** CLV tiers: by share of customers (the pyramid presets) or by CLV thresholds. */
  tiers: structured("CLV tiers", "tiers by share or by score", () => presetTiers("pyramid"), (raw, path) => parseTierSpec(raw, path), presetTiers("pyramid")),
});

/** Lifetime value settings (methods §9). */
export type LifetimeSettings = SettingsType<typeof lifetimeSettings>;

/** Lifetime value settings guessed from the columns (see lifetimeSettings). */
export function defaultLifetimeSettings(profiles: readonly ColumnProfile[], value: string | null): LifetimeSettings {
  return lifetimeSettings.defaults({ profiles, value });
}
