/**
 * The per-customer summary as SQL, for data that lives in a warehouse or a cluster
 * (issue 16): the same definitions as the engine's aggregation (methods §6, §9), written
 * once and spelled for each dialect through one small table of differences.
 */
import { CvError, describeValue } from "../core/errors";
import { dayToIso } from "../core/table";
import { TIME_UNIT_DAYS, type TimeUnit } from "../lifetime/repeatSummary";

/** How one SQL dialect spells the few things the summary query needs that SQL does not standardise. */
export interface SqlDialect {
  /** What users call it, for menus. */
  label: string;
  /** An identifier (table, column) as the dialect reads it. */
  identifier(name: string): string;
  /** A value cast to text. */
  text(expression: string): string;
  /** A date or timestamp cast to a date (the time of day dropped). */
  date(expression: string): string;
  /** A value cast to a double. */
  double(expression: string): string;
  /** A date `days` days later. */
  addDays(date: string, days: number): string;
  /** Whole days from `earlier` to `later`, as an integer. */
  daysBetween(later: string, earlier: string): string;
}

const SIMPLE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Words SQL reserves that are likely column names or appear in the query; such a name is quoted. */
const RESERVED = new Set(
  "all and as at between by case cast check column create current_date current_time current_timestamp date default distinct else end from group having in is join limit not null or order select table then time timestamp to union user when where with".split(" "),
);

/** Double quotes, only where needed: a simple name is left as typed, so the warehouse's own case rules apply (PostgreSQL folds to lower case, Snowflake to upper). */
function doubleQuotedWhenNeeded(name: string): string {
  return SIMPLE_IDENTIFIER.test(name) && !RESERVED.has(name.toLowerCase()) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** Back-quoted always: BigQuery and Spark SQL match back-quoted column names without regard to case. */
function backQuoted(name: string): string {
  return `\`${name.replace(/`/g, "\\`")}\``;
}

/**
 * The dialects "Copy SQL" offers, by key: one entry per dialect, nothing else branches on it.
 *
 * @example SQL_DIALECTS.bigquery.daysBetween("a", "b") === "DATE_DIFF(a, b, DAY)"
 */
export const SQL_DIALECTS = {
  duckdb: {
    label: "DuckDB",
    identifier: (name) => `"${name.replace(/"/g, '""')}"`,
    text: (e) => `CAST(${e} AS VARCHAR)`,
    date: (e) => `CAST(${e} AS DATE)`,
    double: (e) => `CAST(${e} AS DOUBLE)`,
    addDays: (d, n) => `(${d} + ${n})`,
    daysBetween: (later, earlier) => `date_diff('day', ${earlier}, ${later})`,
  },
  postgresql: {
    label: "PostgreSQL",
    identifier: doubleQuotedWhenNeeded,
    text: (e) => `CAST(${e} AS TEXT)`,
    date: (e) => `CAST(${e} AS DATE)`,
    double: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
    addDays: (d, n) => `(${d} + ${n})`,
    daysBetween: (later, earlier) => `(${later} - ${earlier})`,
  },
  bigquery: {
    label: "BigQuery",
    identifier: backQuoted,
    text: (e) => `CAST(${e} AS STRING)`,
    date: (e) => `CAST(${e} AS DATE)`,
    double: (e) => `CAST(${e} AS FLOAT64)`,
    addDays: (d, n) => `DATE_ADD(${d}, INTERVAL ${n} DAY)`,
    daysBetween: (later, earlier) => `DATE_DIFF(${later}, ${earlier}, DAY)`,
  },
  spark: {
    label: "Spark SQL (Databricks)",
    identifier: backQuoted,
    text: (e) => `CAST(${e} AS STRING)`,
    date: (e) => `CAST(${e} AS DATE)`,
    double: (e) => `CAST(${e} AS DOUBLE)`,
    addDays: (d, n) => `DATE_ADD(${d}, ${n})`,
    daysBetween: (later, earlier) => `DATEDIFF(${later}, ${earlier})`,
  },
  snowflake: {
    label: "Snowflake",
    identifier: doubleQuotedWhenNeeded,
    text: (e) => `CAST(${e} AS VARCHAR)`,
    date: (e) => `CAST(${e} AS DATE)`,
    double: (e) => `CAST(${e} AS DOUBLE)`,
    addDays: (d, n) => `DATEADD(day, ${n}, ${d})`,
    daysBetween: (later, earlier) => `DATEDIFF(day, ${earlier}, ${later})`,
  },
} as const satisfies Record<string, SqlDialect>;

/** A dialect's key. */
export type SqlDialectName = keyof typeof SQL_DIALECTS;

/** What users type for each dialect (any case). */
const DIALECT_NAMES: Record<string, SqlDialectName> = {
  duckdb: "duckdb",
  postgresql: "postgresql",
  postgres: "postgresql",
  bigquery: "bigquery",
  spark: "spark",
  "spark sql": "spark",
  databricks: "spark",
  snowflake: "snowflake",
};

/**
 * Reads a dialect option: DuckDB, PostgreSQL (or Postgres), BigQuery, Spark (Spark SQL,
 * Databricks) or Snowflake, in any case.
 *
 * @throws CvError BAD_OPTION naming the argument, the value and the choices.
 * @example parseSqlDialect("Databricks") === "spark"
 */
export function parseSqlDialect(text: string, argument = "dialect"): SqlDialectName {
  const found = DIALECT_NAMES[text.trim().toLowerCase()];
  if (found === undefined) {
    throw new CvError("BAD_OPTION", `${argument} must be one of ${Object.values(SQL_DIALECTS).map((d) => d.label).join(", ")}, found ${describeValue(text)}`, { argument, value: text });
  }
  return found;
}

/** What the summary query reads and how (the model's settings). */
export interface SummarySqlSpec {
  /** The table or view of transaction lines, dotted parts allowed ("sales.lines", "project.dataset.lines"). */
  table: string;
  /** Column names: customer id and date (a date or a timestamp) always; amount and invoice id when the model uses them. */
  customer: string;
  date: string;
  amount?: string | undefined;
  invoice?: string | undefined;
  /** The end of the calibration period (Excel day serial); default the day after the latest date of a line with a customer. */
  asOf?: number | undefined;
  /** The end of the holdout period (Excel day serial, after asOf): adds each customer's purchase days in (asOf, holdoutEnd]. */
  holdoutEnd?: number | undefined;
  /** The unit of t_x and T. */
  unit: TimeUnit;
}

function checkName(value: string | undefined, argument: string): string {
  const name = value?.trim() ?? "";
  if (name === "") throw new CvError("BAD_OPTION", `${argument}: give the column or table name`, { argument });
  return name;
}

function checkDay(value: number | undefined, argument: string): void {
  if (value !== undefined && !(Number.isFinite(value) && value === Math.floor(value) && value >= 1)) {
    throw new CvError("BAD_OPTION", `${argument} must be a date, found ${describeValue(value)}`, { argument, value });
  }
}

/**
 * The per-customer summary query for a dialect: one row per customer with a purchase by the
 * as-of day, with the RFM inputs (recency in days, frequency, monetary) and the lifetime
 * models' inputs (x, t_x, T in the unit, average repeat spend), and with a holdout end the
 * holdout purchases. The definitions are the engine's (aggregateTransactions,
 * repeatSummaryFromTransactions):
 *
 * - a line without a customer id (NULL or blank), a date, or (with amounts) an amount is left
 *   out; ids are compared as text, trimmed;
 * - a line with a negative amount is a return: it reduces monetary value and is not a
 *   purchase; purchases on one day are one purchase day, their amounts added up;
 * - x is the purchase days after the first; the first day's spend is not a repeat and is left
 *   out of the average; times are days / unit length (a month is 365.25 / 12 days);
 * - frequency is distinct invoices among purchase lines (a blank invoice id is one invoice
 *   of its own) with an invoice column, purchase days without;
 * - lines after the as-of day are outside the calibration period; the default as-of day is
 *   the day after the latest date.
 *
 * Cost: O(1) (it writes text); the query itself is a few group-bys over the lines.
 *
 * @throws CvError BAD_OPTION for a blank name, a bad date, or a holdout end without an as-of day or not after it.
 * @example summarySql({ table: "lines", customer: "customer_id", date: "ordered_at", unit: "week" }, "duckdb") // → "WITH lines AS (…) SELECT … ORDER BY first_purchase, customer_id"
 */
export function summarySql(spec: SummarySqlSpec, dialectName: SqlDialectName): string {
  const dialect: SqlDialect = SQL_DIALECTS[dialectName];
  const table = checkName(spec.table, "table")
    .split(".")
    .map((part) => dialect.identifier(checkName(part, "table")))
    .join(".");
  const column = (name: string | undefined, argument: string) => dialect.identifier(checkName(name, argument));
  const customer = column(spec.customer, "customer_column");
  const date = column(spec.date, "date_column");
  const amount = spec.amount === undefined ? undefined : column(spec.amount, "amount_column");
  const invoice = spec.invoice === undefined ? undefined : column(spec.invoice, "invoice_column");
  checkDay(spec.asOf, "as_of");
  checkDay(spec.holdoutEnd, "holdout_end");
  if (spec.holdoutEnd !== undefined && (spec.asOf === undefined || spec.holdoutEnd <= spec.asOf)) {
    throw new CvError("BAD_OPTION", "holdout_end must come after the as-of date (the end of the calibration period): give both", { argument: "holdout_end" });
  }
  const unitDays = TIME_UNIT_DAYS[spec.unit];
  const dateLiteral = (day: number) => `DATE '${dayToIso(day)}'`;
  const trimmedId = `TRIM(${dialect.text(customer)})`;
  // With amounts a purchase is a line that is not a return; without, every line is one.
  const purchase = amount === undefined ? undefined : "amount >= 0";
  /** A WHERE clause of the conditions given, without the ones left out. */
  const where = (...conditions: (string | undefined)[]) => {
    const kept = conditions.filter((c): c is string => c !== undefined);
    return kept.length === 0 ? "" : ` WHERE ${kept.join(" AND ")}`;
  };
  const holdout = spec.holdoutEnd !== undefined;

  const lines = [
    `  SELECT ${trimmedId} AS customer_id, ${dialect.date(date)} AS purchase_day, ${amount === undefined ? dialect.double("0") : dialect.double(amount)} AS amount${
      invoice === undefined ? "" : `, COALESCE(TRIM(${dialect.text(invoice)}), '') AS invoice_id`
    }`,
    `  FROM ${table}`,
    ` ${where(`${customer} IS NOT NULL`, `${trimmedId} <> ''`, `${date} IS NOT NULL`, amount === undefined ? undefined : `${amount} IS NOT NULL`)}`,
  ];
  const settings =
    spec.asOf === undefined
      ? `  SELECT ${dialect.addDays("MAX(purchase_day)", 1)} AS as_of FROM lines`
      : `  SELECT ${dateLiteral(spec.asOf)} AS as_of${holdout ? `, ${dateLiteral(spec.holdoutEnd as number)} AS holdout_end` : ""}`;
  const parts = [
    `-- Per-customer summary for Customer Value for Excel (${dialect.label}): one row per customer with a purchase by as_of.`,
    `-- Times in ${spec.unit}s (${unitDays} days); returns (negative amounts) reduce monetary and are not purchases; same-day purchases count once.`,
    "WITH lines AS (",
    ...lines,
    "), settings AS (",
    settings,
    "), calibration AS (",
    "  SELECT lines.* FROM lines CROSS JOIN settings WHERE lines.purchase_day <= settings.as_of",
    "), purchase_days AS (",
    `  SELECT customer_id, purchase_day, SUM(amount) AS spend FROM calibration${where(purchase)} GROUP BY customer_id, purchase_day`,
    "), customers AS (",
    "  SELECT customer_id, MIN(purchase_day) AS first_purchase, MAX(purchase_day) AS last_purchase, COUNT(*) AS purchase_days FROM purchase_days GROUP BY customer_id",
    "), repeat_spend AS (",
    "  SELECT p.customer_id, SUM(CASE WHEN p.purchase_day > c.first_purchase THEN p.spend ELSE 0 END) AS spend",
    "  FROM purchase_days p JOIN customers c ON c.customer_id = p.customer_id GROUP BY p.customer_id",
    "), totals AS (",
    `  SELECT customer_id, SUM(amount) AS monetary${invoice === undefined ? "" : `, COUNT(DISTINCT ${purchase === undefined ? "invoice_id" : `CASE WHEN ${purchase} THEN invoice_id END`}) AS invoices`} FROM calibration GROUP BY customer_id`,
    ...(holdout
      ? [
          "), holdout AS (",
          "  SELECT lines.customer_id, COUNT(DISTINCT lines.purchase_day) AS holdout_purchases FROM lines CROSS JOIN settings",
          ` ${where(purchase && `lines.${purchase}`, "lines.purchase_day > settings.as_of", "lines.purchase_day <= settings.holdout_end")} GROUP BY lines.customer_id`,
        ]
      : []),
    ")",
    "SELECT",
    "  c.customer_id,",
    `  ${dialect.daysBetween("s.as_of", "c.last_purchase")} AS recency_days,`,
    `  ${invoice === undefined ? "c.purchase_days" : "t.invoices"} AS frequency,`,
    "  t.monetary,",
    "  c.purchase_days - 1 AS x,",
    `  ${dialect.double(dialect.daysBetween("c.last_purchase", "c.first_purchase"))} / ${unitDays} AS t_x,`,
    `  ${dialect.double(dialect.daysBetween("s.as_of", "c.first_purchase"))} / ${unitDays} AS T,`,
    `  CASE WHEN c.purchase_days > 1 THEN r.spend / (c.purchase_days - 1) ELSE 0 END AS avg_spend,`,
    `  c.first_purchase${holdout ? ",\n  COALESCE(h.holdout_purchases, 0) AS holdout_purchases" : ""}`,
    "FROM customers c",
    "JOIN totals t ON t.customer_id = c.customer_id",
    "JOIN repeat_spend r ON r.customer_id = c.customer_id",
    "CROSS JOIN settings s",
    ...(holdout ? ["LEFT JOIN holdout h ON h.customer_id = c.customer_id"] : []),
    "ORDER BY c.first_purchase, c.customer_id",
  ];
  return parts.join("\n");
}
