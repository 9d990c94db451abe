import { columnLetters, isBlank, parseDayCell, parseNumberCell } from "./table";

/** A customer table as the pane reads it: unique header names and the data rows (raw cells). */
export interface CustomerTable {
  headers: string[];
  rows: unknown[][];
}

/** What a column holds, as detected from its cells and header. */
export type ColumnKind = "id" | "number" | "date" | "text" | "empty";

/** What the pane shows about a column in the data step. */
export interface ColumnProfile {
  index: number;
  header: string;
  kind: ColumnKind;
  /** The kind read from the cells and header, before any choice of the user. */
  detected: ColumnKind;
  /** True when the user chose the kind in the data step (it may differ from `detected`). */
  chosen: boolean;
  /** Blank cells (empty, or #N/A). */
  blanks: number;
  /** Non-blank cells that do not fit the kind (text in a number column, error values). */
  bad: number;
  /** 1-based data rows of the first few bad cells, for the message. */
  badRows: number[];
  /** Distinct non-blank values. */
  distinct: number;
  /** For number columns: sample skewness of the numbers (NaN when fewer than 3). */
  skewness: number;
}

/** Share of the non-blank cells that must read as numbers (dates) for a number (date) column. */
export const MOSTLY = 0.8;
/** "All but a few": a column with at most this many cells of another kind keeps its kind when it has at least twice as many cells of it. */
export const FEW = 3;

/**
 * Whether `count` cells of a kind out of `filled` non-blank cells make a column of that kind:
 * at least {@link MOSTLY} (80%) of them, or all but a few ({@link FEW}) when the kind still
 * has at least twice as many cells as the others. So two bad cells out of eleven, or one bad
 * cell among three, never change a column's kind. Cost: O(1).
 *
 * @example isMostly(9, 11) === true; isMostly(2, 3) === true; isMostly(1, 2) === false; isMostly(5, 9) === false
 */
export function isMostly(count: number, filled: number): boolean {
  if (count === 0 || filled === 0) return false;
  const others = filled - count;
  return count >= MOSTLY * filled || (others <= FEW && count >= 2 * others);
}

/** The kinds a user may give a column in the data step (the detected kind is the default). */
export const CHOOSABLE_KINDS: readonly ColumnKind[] = ["number", "date", "text", "id"];

/**
 * Decides whether the first row is a header: every non-blank cell in it is text that is
 * not a number or a date, and some column has a number or date below its header.
 *
 * @example hasHeaderRow([["Customer", "Sales"], ["Ann", 100]]) === true
 */
export function hasHeaderRow(values: readonly (readonly unknown[])[]): boolean {
  const first = values[0];
  if (!first || first.length === 0) return false;
  const textOnly = first.every((cell) => isBlank(cell) || (typeof cell === "string" && parseNumberCell(cell) === undefined && parseDayCell(cell) === undefined));
  if (!textOnly || first.every((cell) => isBlank(cell))) return false;
  if (values.length === 1) return true;
  return first.some((_, c) => values.slice(1, 50).some((row) => typeof row[c] === "number" || (typeof row[c] === "string" && (parseNumberCell(row[c]) !== undefined || parseDayCell(row[c]) !== undefined) && !isBlank(row[c]))));
}

/**
 * Builds a customer table from a block of cells: with a header row, its texts become the
 * column names (blank → "Column B", repeats → "Revenue (2)"); without one, columns are
 * named by their letters relative to the block.
 *
 * @example makeCustomerTable([["Sales", "Sales"], [1, 2]], true).headers // → ["Sales", "Sales (2)"]
 */
export function makeCustomerTable(values: readonly (readonly unknown[])[], headerRow: boolean, columnName: (index: number) => string = columnLetters): CustomerTable {
  const width = values[0]?.length ?? 0;
  const seen = new Map<string, number>();
  const headers = Array.from({ length: width }, (_, c) => {
    const raw = headerRow ? values[0]?.[c] : undefined;
    const base = raw === undefined || isBlank(raw) ? `Column ${columnName(c)}` : String(raw).trim();
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
  return { headers, rows: values.slice(headerRow ? 1 : 0).map((row) => [...row]) };
}


/**
 * Profiles every column: its kind (id, number, date, text, empty), blanks, bad cells,
 * distinct values and, for numbers, the skewness that suggests log or percentile
 * normalisation. A column is a number (or date) column when most of its non-blank cells
 * are numbers (dates), see {@link isMostly}; the rest are its bad cells, which the analyses
 * treat as blank with a warning. `kinds` holds the user's choices (header → kind) from the
 * data step: such a column takes that kind, and its bad cells are counted against it.
 * Cost: O(rows × columns).
 *
 * @example profileColumns({ headers: ["Sales"], rows: [[1], [""], [3]] })[0] // → kind "number", blanks 1, bad 0
 * @example profileColumns(table, { Postcode: "text" }) // Postcode is text even when most of its cells are numbers
 */
export function profileColumns(table: CustomerTable, kinds: Readonly<Record<string, ColumnKind>> = {}): ColumnProfile[] {
  return table.headers.map((header, c) => {
    let blanks = 0;
    let numbers = 0;
    let dates = 0;
    const distinct = new Set<unknown>();
    const numeric: number[] = [];
    for (const row of table.rows) {
      const cell = row[c];
      const asNumber = parseNumberCell(cell);
      if (asNumber !== undefined && Number.isNaN(asNumber)) {
        blanks++;
        continue;
      }
      distinct.add(typeof cell === "string" ? cell.trim() : cell);
      if (typeof cell === "string" && parseDayCell(cell) !== undefined && asNumber === undefined) dates++;
      else if (asNumber !== undefined) {
        numbers++;
        numeric.push(asNumber);
      }
    }
    const filled = table.rows.length - blanks;
    let detected: ColumnKind = "text";
    if (filled === 0) detected = "empty";
    else if (dates > numbers && isMostly(dates, filled)) detected = "date";
    else if (isMostly(numbers, filled)) detected = isDateHeader(header) && numeric.every((v) => v > 20000 && v < 80000) ? "date" : "number";
    else if (isMostly(dates + numbers, filled) && dates > 0 && isDateHeader(header)) detected = "date";
    if ((detected === "text" || detected === "number") && isIdHeader(header) && distinct.size === filled) detected = "id";
    const chosen = kinds[header];
    const kind: ColumnKind = chosen ?? detected;
    const badRows: number[] = [];
    let bad = 0;
    if (kind === "number" || kind === "date") {
      table.rows.forEach((row, r) => {
        const cell = row[c];
        const fits = kind === "number" ? parseNumberCell(cell) !== undefined : parseDayCell(cell) !== undefined;
        if (!fits) {
          bad++;
          if (badRows.length < 5) badRows.push(r + 1);
        }
      });
    }
    return {
      index: c,
      header,
      kind,
      detected,
      chosen: chosen !== undefined,
      blanks,
      bad,
      badRows,
      distinct: distinct.size,
      skewness: kind === "number" ? skewness(numeric) : Number.NaN,
    };
  });
}

/**
 * Sample skewness g1 = m3 / m2^1.5 (moments about the mean); 0 for symmetric data, large
 * and positive for money columns where a few customers are huge. NaN below 3 values.
 *
 * @example skewness([1, 2, 3]) === 0
 */
export function skewness(values: readonly number[]): number {
  const n = values.length;
  if (n < 3) return Number.NaN;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  for (const v of values) {
    const d = v - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  return m2 === 0 ? 0 : m3 / Math.pow(m2, 1.5);
}

/** Header words, English and Chinese, that name each role (matched on normalised header text). */
export const ROLE_KEYWORDS = {
  id: ["customerid", "customerno", "customernumber", "customercode", "clientid", "accountid", "account", "id", "客户编号", "客户id", "客户代码", "客户号", "编号", "代码"],
  name: ["customername", "customer", "client", "clientname", "company", "companyname", "name", "客户名称", "客户名", "客户", "公司", "公司名称", "名称", "姓名"],
  value: ["revenue", "sales", "salesamount", "turnover", "amount", "monetary", "spend", "totalspend", "value", "销售额", "销售收入", "销售", "收入", "营业额", "金额", "消费金额"],
  profit: ["profit", "grossprofit", "margin", "grossmargin", "利润", "毛利", "毛利润", "净利润"],
  frequency: ["invoices", "orders", "ordercount", "frequency", "transactions", "purchases", "visits", "订单", "订单数", "购买次数", "次数", "频次", "交易次数"],
  lowerIsBetter: ["dayssincelast", "recency", "days", "dso", "paymentdays", "complaints", "complaint", "returns", "cost", "servicecost", "overdue", "投诉", "投诉次数", "退货", "成本", "服务成本", "账期", "回款天数", "天数", "逾期"],
} as const;

/** Lower-case, without spaces, underscores, dashes or dots: "Customer ID" → "customerid". */
export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[\s_\-.:：()（）#]/g, "");
}

function matches(header: string, words: readonly string[]): boolean {
  const key = normaliseHeader(header);
  return words.some((w) => key === w) || words.some((w) => w.length >= 4 && key.includes(w));
}

function isIdHeader(header: string): boolean {
  return matches(header, ROLE_KEYWORDS.id);
}

function isDateHeader(header: string): boolean {
  const key = normaliseHeader(header);
  return /date|day$|日期|时间/.test(key) || key.endsWith("purchase");
}

/** True when a header suggests that lower values are better (days, costs, complaints, returns). */
export function isLowerBetterHeader(header: string): boolean {
  return matches(header, ROLE_KEYWORDS.lowerIsBetter);
}

/** Guessed column roles: header names, or null when no column fits. */
export interface RoleGuess {
  id: string | null;
  name: string | null;
  /** The money column for shares of value (ABC, Pareto, value per tier). */
  value: string | null;
  /** Suggested indicators, best first: value, frequency, profit or a lower-is-better column. */
  indicators: { column: string; direction: 1 | -1 }[];
  /** A text column to break every summary down by (market type, region, industry …), or null. */
  groupBy: string | null;
}

/**
 * Header words of a dimension to group summaries by, most telling first (methods §10: market
 * type). Country is left out on purpose: a customer list usually has one, and a breakdown by
 * dozens of countries is rarely what a first summary wants.
 */
export const GROUP_BY_WORDS = ["markettype", "market", "segment", "region", "industry", "sector", "channel", "市场类型", "市场", "细分", "区域", "地区", "行业", "渠道"] as const;

/**
 * Guesses the column to group summaries by: the first text column whose normalised header
 * contains a {@link GROUP_BY_WORDS} word, trying the words in order (so "MarketType" beats
 * "Region"); null when none does. Cost: O(words × columns).
 *
 * @example guessGroupBy(profileColumns(table)) // → "Market type" for a table with that column; null for the sample
 */
export function guessGroupBy(profiles: readonly ColumnProfile[]): string | null {
  const texts = profiles.filter((p) => p.kind === "text");
  for (const word of GROUP_BY_WORDS) {
    const found = texts.find((p) => normaliseHeader(p.header).includes(word));
    if (found) return found.header;
  }
  return null;
}

/** A Group by column may have at most this many distinct values, or {@link GROUP_BY_SHARE} of the rows if that is more. */
export const GROUP_BY_MAX_VALUES = 50;
/** Share of the rows a Group by column's distinct values may reach on large tables (5%). */
export const GROUP_BY_SHARE = 0.05;

/**
 * Whether a column makes sense to break summaries down by: it has values, is not the
 * customer id, and has few distinct values: at most {@link GROUP_BY_MAX_VALUES} (50), or at
 * most 5% of the rows on a large table. A money or date column with a value per customer
 * would give one group per customer, so it is not offered. Cost: O(1).
 *
 * @example isGroupable({ kind: "text", distinct: 37 }, 4338) === true; isGroupable({ kind: "number", distinct: 3900 }, 4338) === false
 */
export function isGroupable(profile: Pick<ColumnProfile, "kind" | "distinct">, rows: number): boolean {
  if (profile.kind === "empty" || profile.kind === "id") return false;
  return profile.distinct <= Math.max(GROUP_BY_MAX_VALUES, Math.floor(GROUP_BY_SHARE * rows));
}

/**
 * Guesses roles from header names (English and Chinese: 客户, 销售额, 利润 …) and column
 * kinds: the customer id, a name, the value column, up to three indicators with their
 * directions, and a dimension to group the summaries by. The user confirms or changes them in the data step.
 *
 * @example guessRoles(profileColumns(table)).value // → "Revenue" for the sample table
 */
export function guessRoles(profiles: readonly ColumnProfile[]): RoleGuess {
  const find = (words: readonly string[], kinds: readonly ColumnKind[]) => profiles.find((p) => kinds.includes(p.kind) && matches(p.header, words))?.header ?? null;
  const id = find(ROLE_KEYWORDS.id, ["id", "number", "text"]) ?? profiles.find((p) => p.kind === "id")?.header ?? null;
  const name = profiles.find((p) => p.header !== id && p.kind !== "number" && p.kind !== "date" && matches(p.header, ROLE_KEYWORDS.name))?.header ?? null;
  const numbers = profiles.filter((p) => p.kind === "number" && p.header !== id);
  const pick = (words: readonly string[]) => numbers.find((p) => matches(p.header, words))?.header ?? null;
  const value = pick(ROLE_KEYWORDS.value) ?? pick(ROLE_KEYWORDS.profit) ?? numbers[0]?.header ?? null;
  const candidates = [value, pick(ROLE_KEYWORDS.frequency), pick(ROLE_KEYWORDS.profit), pick(ROLE_KEYWORDS.lowerIsBetter)];
  const chosen: string[] = [];
  for (const c of candidates) if (c !== null && !chosen.includes(c) && chosen.length < 3) chosen.push(c);
  for (const p of numbers) if (chosen.length < 1 && !chosen.includes(p.header)) chosen.push(p.header);
  const groupBy = guessGroupBy(profiles.filter((p) => p.header !== id && p.header !== name));
  return { id, name, value, indicators: chosen.map((column) => ({ column, direction: isLowerBetterHeader(column) ? -1 : 1 })), groupBy };
}
