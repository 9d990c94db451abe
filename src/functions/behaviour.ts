/**
 * The behaviour CV.* custom functions (methods §6, §8): RFM from transactions or
 * summaries, RFM segments, silence, and the per-customer summary as SQL. Parsing and shaping
 * only; the maths (and the SQL) is in src/engine.
 */
import {
  type CellGrid,
  CvError,
  describeValue,
  DEFAULT_SEGMENT_RULES,
  UNMATCHED_SEGMENT,
  type TransactionCells,
  aggregateTransactions,
  checkBins,
  columnCells,
  parseSegmentRules,
  readNumberColumn,
  readTransactionRows,
  resolveCustomerAsOf,
  rfmFromTransactionCells,
  rfmScores,
  segmentIndex,
  parseSqlDialect,
  parseTimeUnit,
  silence,
  summarySql,
} from "../engine";
import { type ExcelCell, customerHeader, excelCall, notAvailable, optionalDay, optionalFlag, optionalGrid, optionalNumber, optionalText, requireSameRows, withHeader } from "./excelArgs";

/**
 * Reads the transaction columns of a custom function with the engine's one transaction
 * reader, strictly: ids as given, dates as days, amounts as numbers; a row with an id needs
 * a date (and an amount).
 *
 * @throws CvError BAD_VALUE naming the argument, the row and the value; LENGTH_MISMATCH for ranges of different heights.
 */
export function readTransactions(customerIds: CellGrid, dates: CellGrid, amounts: CellGrid | undefined, invoiceIds: CellGrid | undefined) {
  return readTransactionRows(transactionCells(customerIds, dates, amounts, invoiceIds), "throw");
}

/** The cell columns of a formula's transaction arguments. */
function transactionCells(customerIds: CellGrid, dates: CellGrid, amounts: CellGrid | undefined, invoiceIds: CellGrid | undefined): TransactionCells {
  return {
    ids: columnCells(customerIds, "customer_ids"),
    dates: columnCells(dates, "dates"),
    ...(amounts ? { amounts: columnCells(amounts, "amounts") } : {}),
    ...(invoiceIds ? { invoices: columnCells(invoiceIds, "invoice_ids") } : {}),
  };
}

const cellOrNa = (v: number, why: string): ExcelCell => (Number.isNaN(v) ? notAvailable(why) : v);

/**
 * RFM per customer from a transaction table: recency (days since the last purchase), frequency (invoices or purchase days), monetary (total amount, returns reduce it), and 1–5 scores.
 * @customfunction RFM
 * @param customer_ids Customer id per transaction row; blank and #N/A ids are skipped (and counted in the header); other error cells and TRUE/FALSE are #VALUE!.
 * @param dates Purchase date per row (date cells or text like 2024-03-31, up to 9999-12-31); the time of day is dropped.
 * @param amounts Amount per row; negative amounts are returns: they reduce monetary value and are not purchases.
 * @param [as_of] The day recency is counted to; default the day after the latest date in the data.
 * @param [bins] Number of score bins, 2–10; default 5 (equal-frequency on midranks, ties share a score).
 * @param [invoice_ids] Invoice id per row: frequency then counts distinct invoices instead of distinct purchase days.
 * @param [monetary] "total" (default) or "mean" (average amount per invoice, or per purchase day).
 * @param [headers] TRUE (default) to put a header row on top.
 * @returns A table, one row per customer in order of first appearance: customer, recency, frequency, monetary, R, F, M, RFM cell.
 */
export function RFM(
  customer_ids: unknown[][],
  dates: unknown[][],
  amounts: unknown[][],
  as_of?: number,
  bins?: number,
  invoice_ids?: unknown[][],
  monetary?: string,
  headers?: boolean,
): unknown[][] {
  return excelCall(() => {
    const q = checkBins(optionalNumber(bins, "bins") ?? 5);
    const mode = (optionalText(monetary, "monetary") ?? "total").toLowerCase();
    if (mode !== "total" && mode !== "mean") throw new CvError("BAD_OPTION", `monetary must be "total" or "mean", found ${describeValue(monetary)}`, { argument: "monetary" });
    // The one transaction reader and RFM pipeline of the RFM analysis, read strictly.
    const rfm = rfmFromTransactionCells(transactionCells(customer_ids, dates, amounts, optionalGrid(invoice_ids)), "throw", { asOf: optionalDay(as_of, "as_of"), bins: q, monetary: mode });
    const { histories: h, recency, scores } = rfm;
    const money = rfm.monetary;
    const rows: ExcelCell[][] = h.ids.map((_, c) => {
      const r = scores.r[c]!;
      const f = scores.f[c]!;
      const m = scores.m[c]!;
      const noPurchase = "only returns, no purchase";
      return [
        h.displayIds[c] as ExcelCell,
        cellOrNa(recency[c]!, noPurchase),
        h.frequency[c]!,
        cellOrNa(money[c]!, noPurchase),
        r > 0 ? r : notAvailable(noPurchase),
        f > 0 ? f : notAvailable(noPurchase),
        m > 0 ? m : notAvailable(noPurchase),
        r > 0 && f > 0 && m > 0 ? `${r}${f}${m}` : notAvailable(noPurchase),
      ];
    });
    return withHeader([customerHeader(h.skippedBlankIds), "Recency (days)", "Frequency", "Monetary", "R", "F", "M", "RFM"], rows, optionalFlag(headers, true));
  });
}

/**
 * RFM scores 1–5 from per-customer recency, frequency and monetary columns (equal-frequency bins on midranks; recent is better).
 * @customfunction RFMSCORE
 * @param recency Days since the last purchase, one row per customer (lower is better).
 * @param frequency Number of purchases, same rows.
 * @param monetary Monetary value, same rows.
 * @param [bins] Number of score bins, 2–10; default 5.
 * @returns Three columns per customer: R, F, M; #N/A where the value is blank.
 */
export function RFMSCORE(recency: unknown[][], frequency: unknown[][], monetary: unknown[][], bins?: number): unknown[][] {
  return excelCall(() => {
    const q = checkBins(optionalNumber(bins, "bins") ?? 5);
    const r = readNumberColumn(recency, "recency");
    const f = readNumberColumn(frequency, "frequency");
    const m = readNumberColumn(monetary, "monetary");
    requireSameRows({ name: "recency", rows: r.length }, { name: "frequency", rows: f.length });
    requireSameRows({ name: "recency", rows: r.length }, { name: "monetary", rows: m.length });
    const s = rfmScores(r, f, m, q);
    const score = (v: number, name: string, row: number): ExcelCell => (v > 0 ? v : notAvailable(`${name} row ${row} is blank`));
    return Array.from(r, (_, i) => [score(s.r[i]!, "recency", i + 1), score(s.f[i]!, "frequency", i + 1), score(s.m[i]!, "monetary", i + 1)]);
  });
}

/**
 * RFM segment per customer from its R, F, M scores: the first rule that matches (Champions, Loyal Customers, At Risk, …), else "Others".
 * @customfunction RFMSEGMENT
 * @param r R scores, one row per customer.
 * @param f F scores, same rows.
 * @param m M scores, same rows.
 * @param [rules] Your rule table: columns segment, Rmin, Rmax, Fmin, Fmax, Mmin, Mmax (blank bound = open; a header row is skipped); default the standard 10 segments.
 * @returns A column of segment names; #N/A where a score is blank.
 */
export function RFMSEGMENT(r: unknown[][], f: unknown[][], m: unknown[][], rules?: unknown[][]): unknown[][] {
  return excelCall(() => {
    const rs = readNumberColumn(r, "r");
    const fs = readNumberColumn(f, "f");
    const ms = readNumberColumn(m, "m");
    requireSameRows({ name: "r", rows: rs.length }, { name: "f", rows: fs.length });
    requireSameRows({ name: "r", rows: rs.length }, { name: "m", rows: ms.length });
    const table = optionalGrid(rules);
    const ruleList = table === undefined ? DEFAULT_SEGMENT_RULES : parseSegmentRules(table);
    const index = segmentIndex(rs, fs, ms, ruleList);
    return Array.from(index, (k, i) => [k === -2 ? notAvailable(`row ${i + 1}: an R, F or M score is blank`) : k === -1 ? UNMATCHED_SEGMENT : ruleList[k]!.segment]);
  });
}

/**
 * Silence per customer: days since the last purchase against the customer's own longest gap (score ≥ 1 = silent), with the rank ratio and status.
 * @customfunction SILENCE
 * @param customer_ids Customer id per purchase row; blank ids are skipped.
 * @param dates Purchase date per row; purchases on the same day count once.
 * @param [as_of] The day silence is counted to; default the day after the latest date.
 * @param [reference] "own" (default: a customer with one purchase day gets #N/A) or "population" (use the median longest gap of all customers).
 * @param [headers] TRUE (default) to put a header row on top.
 * @returns A table per customer: customer, purchases, longest gap, days silent, silence score, rank ratio, status (Active / Silent).
 */
export function SILENCE(customer_ids: unknown[][], dates: unknown[][], as_of?: number, reference?: string, headers?: boolean): unknown[][] {
  return excelCall(() => {
    const ref = (optionalText(reference, "reference") ?? "own").toLowerCase();
    if (ref !== "own" && ref !== "population") throw new CvError("BAD_OPTION", `reference must be "own" or "population", found ${describeValue(reference)}`, { argument: "reference" });
    const tx = readTransactions(customer_ids, dates, undefined, undefined);
    const asOf = resolveCustomerAsOf(tx.ids, tx.days, optionalDay(as_of, "as_of"));
    const h = aggregateTransactions({ ids: tx.ids, days: tx.days });
    const s = silence(h, asOf, ref);
    const noRhythm = 'only one purchase day, so no rhythm of its own (reference "population" compares it with everyone)';
    const rows: ExcelCell[][] = h.ids.map((_, c) => {
      const score = s.score[c]!;
      return [
        h.displayIds[c] as ExcelCell,
        s.purchases[c]!,
        cellOrNa(s.longestGap[c]!, noRhythm),
        s.daysSilent[c]!,
        cellOrNa(score, noRhythm),
        cellOrNa(s.rankRatio[c]!, noRhythm),
        Number.isNaN(score) ? notAvailable(noRhythm) : score < 1 ? "Active" : "Silent",
      ];
    });
    return withHeader([customerHeader(h.skippedBlankIds), "Purchases", "Longest gap", "Days silent", "Silence score", "Rank ratio", "Status"], rows, optionalFlag(headers, true));
  });
}

/**
 * The per-customer summary as a SQL query for your warehouse (DuckDB, PostgreSQL, BigQuery, Spark SQL, Snowflake), with this add-in's definitions: run it where the data lives, then paste the result and fit on it.
 * @customfunction SUMMARYSQL
 * @param dialect "DuckDB", "PostgreSQL", "BigQuery", "Spark" (Databricks) or "Snowflake".
 * @param table The table or view of transaction lines, e.g. "sales.order_lines".
 * @param customer_column The customer id column.
 * @param date_column The date or timestamp column (the time of day is dropped).
 * @param [amount_column] The amount column; negative amounts are returns. Omit for dates only.
 * @param [invoice_column] The invoice column; frequency then counts invoices instead of purchase days.
 * @param [as_of] The end of the calibration period; default the day after the latest date.
 * @param [holdout_end] The end of a holdout period after as_of: adds each customer's holdout purchases.
 * @param [unit] Unit of t_x and T: "day", "week" (default) or "month".
 * @returns The query, one line per row: copy the spilled lines into the warehouse's SQL editor.
 */
export function SUMMARYSQL(
  dialect: string,
  table: string,
  customer_column: string,
  date_column: string,
  amount_column?: string,
  invoice_column?: string,
  as_of?: number | string,
  holdout_end?: number | string,
  unit?: string,
): unknown[][] {
  return excelCall(() => {
    const sql = summarySql(
      {
        table: optionalText(table, "table") ?? "",
        customer: optionalText(customer_column, "customer_column") ?? "",
        date: optionalText(date_column, "date_column") ?? "",
        amount: optionalText(amount_column, "amount_column"),
        invoice: optionalText(invoice_column, "invoice_column"),
        asOf: optionalDay(as_of, "as_of"),
        holdoutEnd: optionalDay(holdout_end, "holdout_end"),
        unit: parseTimeUnit(optionalText(unit, "unit")),
      },
      parseSqlDialect(optionalText(dialect, "dialect") ?? ""),
    );
    return sql.split("\n").map((line) => [line]);
  });
}
