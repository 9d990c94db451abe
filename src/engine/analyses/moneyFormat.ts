/**
 * Money in the user's own number format. The engine marks every money figure it writes
 * (a value or CLV column, a group's value, an average order value) with {@link MONEY_FORMAT};
 * the front door that writes to a workbook swaps that mark for the number format of the
 * source column the money comes from (the value column, RFM's monetary column, the
 * transactions' amount), so "£1,234.50" on the customer table stays "£1,234.50" on the
 * summary. Without a usable source format money gets {@link PLAIN_MONEY_FORMAT}.
 */

/** Money's format when the source column has none that shows amounts: thousands separators and two decimals. */
export const PLAIN_MONEY_FORMAT = "#,##0.00";

/**
 * The number format the engine gives money figures: "#,##0.00" spelt with an explicit
 * negative section, so it reads exactly as "#,##0.00" in Excel and can still be told apart
 * from a non-money figure with two decimals (a mean z-score, a cluster's average indicator).
 *
 * @example formatAs(-1234.5, MONEY_FORMAT) // Excel shows "-1,234.50"
 */
export const MONEY_FORMAT = "#,##0.00;-#,##0.00";

/** Formats that are not a way of showing an amount: General, text, dates and times, percentages, fractions and scientific. */
function isAmountFormat(format: string): boolean {
  const trimmed = format.trim();
  if (trimmed === "" || /^general$/i.test(trimmed) || trimmed === "@") return false;
  // Quoted literals and [..] brackets (currency codes like [$€-x-euro2], colours) say nothing about the kind.
  const bare = trimmed.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "").replace(/\\./g, "");
  if (/[dmyhs]/i.test(bare)) return false;
  if (/[%?/]|E[+-]/i.test(bare)) return false;
  return /[0#]/.test(bare);
}

/**
 * The format money figures take from a source column: the column's own number format when
 * it shows amounts (a currency, a thousands separator, fixed decimals: "£#,##0.00",
 * "[$€-x-euro2] #,##0.00", "#,##0"), else {@link PLAIN_MONEY_FORMAT}. A date, percentage,
 * text or General column gives the default. Cost: a few regular expressions.
 *
 * @example moneyFormatFrom("£#,##0.00") === "£#,##0.00"; moneyFormatFrom("General") === "#,##0.00"; moneyFormatFrom("0%") === "#,##0.00"
 */
export function moneyFormatFrom(sourceFormat: string | null | undefined): string {
  return typeof sourceFormat === "string" && isAmountFormat(sourceFormat) ? sourceFormat : PLAIN_MONEY_FORMAT;
}

/**
 * A list of number formats with every {@link MONEY_FORMAT} mark replaced by `money`; other
 * entries (and null) unchanged. Returns the same array when nothing changes. Cost: O(formats).
 *
 * @example inMoney(["#,##0", MONEY_FORMAT, null], "£#,##0.00") // → ["#,##0", "£#,##0.00", null]
 */
export function inMoney<T extends string | null | undefined>(formats: readonly T[], money: string): (T | string)[] {
  if (!formats.includes(MONEY_FORMAT as T)) return formats as (T | string)[];
  return formats.map((f) => (f === MONEY_FORMAT ? money : f));
}
