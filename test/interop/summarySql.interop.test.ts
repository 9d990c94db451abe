/**
 * "Copy SQL" (issue 16): the generated per-customer summary query, run by DuckDB on the real
 * files, equals the engine's summary customer by customer, and CDNOW's equals the published
 * 39-week calibration summary (Fader, Hardie & Lee). DuckDB reads Online Retail itself (its
 * CSV reader, its timestamp casts); the engine gets the same lines through our CSV parser.
 * The PostgreSQL spelling runs on DuckDB too (DuckDB reads PostgreSQL's date arithmetic and
 * casts); BigQuery, Spark SQL and Snowflake are checked against their documented spellings.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { summarySql, SQL_DIALECTS, type SummarySqlSpec } from "../../src/engine/behaviour/summarySql";
import { rfmFromTransactions } from "../../src/engine/behaviour/rfm";
import { repeatSummaryFromTransactions } from "../../src/engine/lifetime/repeatSummary";
import { parseDayCell } from "../../src/engine/core/table";
import { parseCsv } from "../../src/preview/csv";
import { cdnowPublishedSummary } from "../helpers/cdnow";
import { sharedDataFile } from "../helpers/sharedData";

const RETAIL = sharedDataFile("online-retail/online_retail.csv.gz");
const CDNOW = sharedDataFile("cdnow/CDNOW_sample.txt");

/** An ISO date as an Excel day serial, from the calendar (not the engine's parser). */
const serial = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 + 25_569;

interface SqlRow {
  id: string;
  recency: number;
  frequency: number;
  monetary: number;
  x: number;
  tx: number;
  T: number;
  avgSpend: number;
  holdout?: number;
}

async function runSummary(connection: DuckDBConnection, sql: string): Promise<SqlRow[]> {
  const reader = await connection.runAndReadAll(sql);
  const names = reader.columnNames();
  const at = (name: string) => names.indexOf(name);
  return reader.getRows().map((r) => ({
    id: String(r[at("customer_id")]),
    recency: Number(r[at("recency_days")]),
    frequency: Number(r[at("frequency")]),
    monetary: Number(r[at("monetary")]),
    x: Number(r[at("x")]),
    tx: Number(r[at("t_x")]),
    T: Number(r[at("T")]),
    avgSpend: Number(r[at("avg_spend")]),
    ...(at("holdout_purchases") >= 0 ? { holdout: Number(r[at("holdout_purchases")]) } : {}),
  }));
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe("the summary query on DuckDB equals the engine", () => {
  let db: DuckDBInstance;
  let connection: DuckDBConnection;
  beforeAll(async () => {
    db = await DuckDBInstance.create(":memory:");
    connection = await db.connect();
  });
  afterAll(() => connection.closeSync());

  test("Online Retail, all 541,909 lines (blank ids, returns, shared invoices): 4,339 customers with the same R, F, M, x, t_x, T and average spend", async () => {
    const file = RETAIL.replace(/'/g, "''");
    await connection.run(
      `CREATE VIEW retail AS SELECT CustomerID, InvoiceNo, InvoiceDate, Quantity * UnitPrice AS amount
       FROM read_csv('${file}', header = true, types = {'CustomerID': 'VARCHAR', 'InvoiceNo': 'VARCHAR', 'InvoiceDate': 'TIMESTAMP'})`,
    );
    const spec: SummarySqlSpec = { table: "retail", customer: "CustomerID", date: "InvoiceDate", amount: "amount", invoice: "InvoiceNo", unit: "week" };
    const sql = await runSummary(connection, summarySql(spec, "duckdb"));

    const rows = parseCsv(gunzipSync(readFileSync(RETAIL)).toString("utf8"));
    const header = rows[0]!;
    const [INVOICE, QTY, DATE, PRICE, CUSTOMER] = ["InvoiceNo", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID"].map((n) => header.indexOf(n)) as number[];
    const body = rows.slice(1).filter((r) => r.length > 1);
    expect(body).toHaveLength(541_909);
    const tx = {
      ids: body.map((r) => r[CUSTOMER!] as string),
      days: Float64Array.from(body, (r) => parseDayCell(r[DATE!]) as number),
      amounts: Float64Array.from(body, (r) => Number(r[QTY!]) * Number(r[PRICE!])),
      invoices: body.map((r) => r[INVOICE!] as string),
    };
    const rfm = rfmFromTransactions(tx);
    const summary = repeatSummaryFromTransactions(tx, undefined, "week");
    const rfmById = new Map(rfm.histories.displayIds.map((id, c) => [String(id), c]));
    const summaryById = new Map(summary.displayIds.map((id, k) => [String(id), k]));

    // 4,372 ids in the file; 33 of them only ever returned goods: no purchase, so in neither summary.
    expect(rfm.histories.ids).toHaveLength(4_372);
    expect(sql).toHaveLength(4_339);
    expect(summaryById.size).toBe(4_339);
    const mismatches: string[] = [];
    for (const row of sql) {
      const c = rfmById.get(row.id);
      const k = summaryById.get(row.id);
      if (c === undefined || k === undefined) {
        mismatches.push(`${row.id}: not in the engine's summary`);
        continue;
      }
      const engine = [rfm.recency[c], rfm.frequency[c], rfm.monetary[c], summary.x[k], summary.tx[k], summary.T[k], summary.avgSpend[k]] as number[];
      const ours = [row.recency, row.frequency, row.monetary, row.x, row.tx, row.T, row.avgSpend];
      if (!ours.every((v, j) => close(v, engine[j]!))) mismatches.push(`${row.id}: SQL ${ours.join(", ")}; engine ${engine.join(", ")}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    // A hand-checked customer: 12347 bought on 7 days (7 invoices), first 2010-12-07, last 2011-12-07; the data ends 2011-12-09, so as_of is 2011-12-10 (368 days after the first).
    const c12347 = sql.find((r) => r.id === "12347")!;
    expect([c12347.recency, c12347.frequency, c12347.x]).toEqual([3, 7, 6]);
    expect(c12347.tx).toBeCloseTo(365 / 7, 12);
    expect(c12347.T).toBeCloseTo(368 / 7, 12);
  }, 180_000);

  test("the edges, computed by hand: blank and spaced ids, a missing date or amount, a return, same-day lines, blank invoices", async () => {
    await connection.run("CREATE TABLE edges (id VARCHAR, ordered TIMESTAMP, amount DOUBLE, invoice VARCHAR)");
    await connection.run(`INSERT INTO edges VALUES
      ('a', TIMESTAMP '2024-01-01 09:00', 10, 'I1'), ('a', TIMESTAMP '2024-01-01 17:30', 5, 'I2'),
      (' a ', TIMESTAMP '2024-01-08 10:00', 20, NULL), ('a', TIMESTAMP '2024-01-15 10:00', 7, ''),
      ('a', TIMESTAMP '2024-01-20 10:00', -4, 'C1'), ('a', NULL, 100, 'I9'), ('a', TIMESTAMP '2024-01-21 10:00', NULL, 'I8'),
      ('', TIMESTAMP '2024-02-01 10:00', 50, 'I3'), (NULL, TIMESTAMP '2024-02-01 10:00', 50, 'I4'),
      ('b', TIMESTAMP '2024-01-10 10:00', -3, 'C2'), ('c', TIMESTAMP '2024-01-29 10:00', 8, NULL)`);
    const sql = await runSummary(connection, summarySql({ table: "edges", customer: "id", date: "ordered", amount: "amount", invoice: "invoice", unit: "week" }, "duckdb"));
    // as_of: the day after 2024-01-29, the latest dated line with an id and an amount (the blank-id lines of 02-01 set nothing).
    // a: purchase days 01-01 (15), 01-08 (20), 01-15 (7); the return of 01-20 is not a purchase but counts in monetary;
    //    invoices I1, I2 and one blank invoice (NULL and '' are the same blank) = 3; x = 2; repeat spend (20 + 7) / 2.
    // b: returns only, so no purchase and no row. c: one purchase with a blank invoice (one invoice), x = 0.
    expect(sql.map((r) => r.id)).toEqual(["a", "c"]);
    expect(sql[0]).toEqual({ id: "a", recency: 15, frequency: 3, monetary: 38, x: 2, tx: 2, T: 29 / 7, avgSpend: 13.5 });
    expect(sql[1]).toEqual({ id: "c", recency: 1, frequency: 1, monetary: 8, x: 0, tx: 0, T: 1 / 7, avgSpend: 0 });
  });

  describe("CDNOW's 1/10 sample, 39-week calibration to 1997-09-30, holdout to 1998-06-30", () => {
    const fields = readFileSync(CDNOW, "utf8")
      .trim()
      .split(/\r?\n/)
      .map((line) => line.trim().split(/\s+/));
    const iso = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
    const spec: SummarySqlSpec = { table: "cdnow", customer: "customer", date: "ordered_on", amount: "dollars", unit: "week", asOf: serial("1997-09-30"), holdoutEnd: serial("1998-06-30") };

    beforeAll(async () => {
      await connection.run("CREATE TABLE cdnow (customer VARCHAR, ordered_on DATE, dollars DOUBLE)");
      const values = fields.map((f) => `('${f[1]}', DATE '${iso(f[2]!)}', ${Number(f[4])})`).join(",\n");
      await connection.run(`INSERT INTO cdnow VALUES ${values}`);
    });

    test("2,357 customers whose x, t_x and T equal the published summary and whose holdout purchases equal a count over the file", async () => {
      const sql = await runSummary(connection, summarySql(spec, "duckdb"));
      const published = cdnowPublishedSummary();
      expect(sql).toHaveLength(2_357);
      const byId = new Map(sql.map((r) => [Number(r.id), r]));
      // The holdout purchases by brute force: distinct dates per customer in 1997-10-01 … 1998-06-30.
      const holdoutDays = new Map<number, Set<string>>();
      for (const f of fields) {
        if (f[2]! < "19971001" || f[2]! > "19980630") continue;
        const id = Number(f[1]);
        holdoutDays.set(id, (holdoutDays.get(id) ?? new Set()).add(f[2]!));
      }
      const mismatches: string[] = [];
      published.id.forEach((id, k) => {
        const r = byId.get(id);
        const expected = [published.x[k], published.tx[k], published.T[k], holdoutDays.get(id)?.size ?? 0] as number[];
        // The published times have two decimals.
        if (!r || r.x !== expected[0] || Math.abs(r.tx - expected[1]!) > 0.005 || Math.abs(r.T - expected[2]!) > 0.005 || r.holdout !== expected[3]) {
          mismatches.push(`${id}: SQL ${r ? [r.x, r.tx, r.T, r.holdout].join(", ") : "missing"}; expected ${expected.join(", ")}`);
        }
      });
      expect(mismatches.slice(0, 5)).toEqual([]);
      // FHL 2005: 1,411 of the 2,357 made no repeat purchase in the calibration period.
      expect(sql.filter((r) => r.x === 0)).toHaveLength(1_411);
    });

    test("the same rows as the engine's repeat summary, and the PostgreSQL spelling gives the same rows on DuckDB", async () => {
      const duck = await runSummary(connection, summarySql(spec, "duckdb"));
      const postgres = await runSummary(connection, summarySql(spec, "postgresql"));
      // DuckDB adds in parallel, so sums may differ in the last bits from run to run: equal but for rounding.
      expect(postgres).toHaveLength(duck.length);
      const differ = postgres.filter((r, i) => {
        const d = duck[i]!;
        return r.id !== d.id || (Object.keys(d) as (keyof SqlRow)[]).some((key) => key !== "id" && !close(r[key] as number, d[key] as number));
      });
      expect(differ.slice(0, 3)).toEqual([]);
      const engine = repeatSummaryFromTransactions(
        { ids: fields.map((f) => f[1]!), days: Float64Array.from(fields, (f) => serial(iso(f[2]!))), amounts: Float64Array.from(fields, (f) => Number(f[4])) },
        spec.asOf,
        "week",
      );
      const byId = new Map(duck.map((r) => [r.id, r]));
      const mismatches: string[] = [];
      engine.displayIds.forEach((id, k) => {
        const r = byId.get(String(id));
        const expected = [engine.x[k], engine.tx[k], engine.T[k], engine.avgSpend[k]] as number[];
        if (!r || ![r.x, r.tx, r.T, r.avgSpend].every((v, j) => close(v, expected[j]!))) mismatches.push(`${String(id)}: SQL ${r ? [r.x, r.tx, r.T, r.avgSpend].join(", ") : "missing"}; engine ${expected.join(", ")}`);
      });
      expect(engine.displayIds).toHaveLength(2_357);
      expect(mismatches.slice(0, 5)).toEqual([]);
    });

    test("without amounts every line is a purchase and frequency is purchase days; a monthly unit divides by 365.25 / 12", async () => {
      const sql = await runSummary(connection, summarySql({ table: "cdnow", customer: "customer", date: "ordered_on", unit: "month", asOf: serial("1997-09-30") }, "duckdb"));
      const first = sql.find((r) => r.id === "0001")!;
      // Customer 0001: purchases on 1997-01-01, 01-18, 08-02, 12-12 (the last after as_of): 3 purchase days.
      expect([first.frequency, first.x, first.monetary, first.avgSpend, first.recency]).toEqual([3, 2, 0, 0, serial("1997-09-30") - serial("1997-08-02")]);
      expect(first.tx).toBeCloseTo((serial("1997-08-02") - serial("1997-01-01")) / 30.4375, 12);
      expect(first.T).toBeCloseTo(272 / 30.4375, 12);
    });
  });
});

describe("the other dialects spell the same query their own way", () => {
  const spec: SummarySqlSpec = { table: "shop.sales lines", customer: "Customer ID", date: "ordered_at", amount: "amount", invoice: "order_no", unit: "day" };

  test("each dialect's date arithmetic, casts and quoting, as its reference documents them", () => {
    // Read against each vendor's SQL reference (date difference, date addition, casts, identifier quoting).
    const expected: Record<keyof typeof SQL_DIALECTS, string[]> = {
      duckdb: [`FROM "shop"."sales lines"`, `TRIM(CAST("Customer ID" AS VARCHAR))`, "date_diff('day', c.last_purchase, s.as_of) AS recency_days", "(MAX(purchase_day) + 1) AS as_of"],
      postgresql: [`FROM shop."sales lines"`, `TRIM(CAST("Customer ID" AS TEXT))`, "(s.as_of - c.last_purchase) AS recency_days", "CAST((c.last_purchase - c.first_purchase) AS DOUBLE PRECISION) / 1 AS t_x"],
      bigquery: ["FROM `shop`.`sales lines`", "TRIM(CAST(`Customer ID` AS STRING))", "DATE_DIFF(s.as_of, c.last_purchase, DAY) AS recency_days", "DATE_ADD(MAX(purchase_day), INTERVAL 1 DAY) AS as_of", "AS FLOAT64)"],
      spark: ["FROM `shop`.`sales lines`", "DATEDIFF(s.as_of, c.last_purchase) AS recency_days", "DATE_ADD(MAX(purchase_day), 1) AS as_of", "CAST(`ordered_at` AS DATE)"],
      snowflake: [`FROM shop."sales lines"`, `TRIM(CAST("Customer ID" AS VARCHAR))`, "DATEDIFF(day, c.last_purchase, s.as_of) AS recency_days", "DATEADD(day, 1, MAX(purchase_day)) AS as_of"],
    };
    for (const [name, fragments] of Object.entries(expected)) {
      const sql = summarySql(spec, name as keyof typeof SQL_DIALECTS);
      for (const fragment of fragments) expect({ name, has: sql.includes(fragment), fragment }).toEqual({ name, has: true, fragment });
    }
  });

  test("a given as-of date and holdout end are date literals; a quote in a name is doubled", () => {
    const sql = summarySql({ ...spec, customer: 'the "id"', asOf: serial("2011-12-10"), holdoutEnd: serial("2012-03-31") }, "snowflake");
    expect(sql).toContain("SELECT DATE '2011-12-10' AS as_of, DATE '2012-03-31' AS holdout_end");
    expect(sql).toContain(`"the ""id"""`);
    expect(sql).toContain("COALESCE(h.holdout_purchases, 0) AS holdout_purchases");
    // A reserved word is quoted where the dialect leaves simple names bare.
    expect(summarySql({ ...spec, date: "order" }, "postgresql")).toContain(`CAST("order" AS DATE)`);
  });

  test("a blank name, a holdout end without an as-of date or before it, and a bad date are refused by name", () => {
    expect(() => summarySql({ ...spec, customer: " " }, "duckdb")).toThrow("customer_column: give the column or table name");
    expect(() => summarySql({ ...spec, table: "shop..lines" }, "duckdb")).toThrow("table: give the column or table name");
    expect(() => summarySql({ ...spec, holdoutEnd: serial("2012-03-31") }, "duckdb")).toThrow("holdout_end must come after the as-of date");
    expect(() => summarySql({ ...spec, asOf: serial("2012-03-31"), holdoutEnd: serial("2012-03-31") }, "duckdb")).toThrow("holdout_end must come after");
    expect(() => summarySql({ ...spec, asOf: Number.NaN }, "duckdb")).toThrow("as_of must be a date");
  });
});
