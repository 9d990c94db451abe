/**
 * CV.RFM against DuckDB on the real Online Retail file: DuckDB reads the gzipped CSV itself
 * (its own CSV reader and date casts, nothing of ours), cleans it as usual (CustomerID
 * present, Quantity > 0, UnitPrice > 0) and groups by customer; every customer's recency
 * (days from the last purchase to the day after the latest one), frequency (distinct
 * invoices) and monetary value (Σ quantity × price) equal CV.RFM's, customer by customer.
 * DuckDB is also the bench's yardstick for this group-by (bench/run.ts).
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import { RFM } from "../../src/functions/functions";
import { parseCsv } from "../../src/preview/csv";
import { OMITTED } from "../helpers/cells";
import { sharedDataFile } from "../helpers/sharedData";

const FILE = sharedDataFile("online-retail/online_retail.csv.gz");

/** The RFM query, as an analyst would write it for DuckDB. */
const RFM_SQL = (file: string) => `
WITH clean AS (
  SELECT CustomerID AS id, InvoiceNo AS invoice, CAST(InvoiceDate AS DATE) AS purchase_day, Quantity * UnitPrice AS amount
  FROM read_csv('${file.replace(/'/g, "''")}', header = true, types = {'CustomerID': 'VARCHAR', 'InvoiceNo': 'VARCHAR', 'InvoiceDate': 'TIMESTAMP'})
  WHERE CustomerID IS NOT NULL AND Quantity > 0 AND UnitPrice > 0
), as_of AS (SELECT max(purchase_day) + 1 AS as_of_day FROM clean)
SELECT id, (SELECT as_of_day FROM as_of) - max(purchase_day) AS recency, count(DISTINCT invoice) AS frequency, sum(amount) AS monetary
FROM clean GROUP BY id ORDER BY id`;

describe("CV.RFM equals DuckDB's group-by on Online Retail", () => {
  test("4,338 customers, each with the same recency, frequency and monetary value", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const connection = await db.connect();
    const reader = await connection.runAndReadAll(RFM_SQL(FILE));
    const duck = reader.getRows().map((r) => ({ id: String(r[0]), recency: Number(r[1]), frequency: Number(r[2]), monetary: Number(r[3]) }));
    connection.closeSync();

    const rows = parseCsv(gunzipSync(readFileSync(FILE)).toString("utf8"));
    const header = rows[0]!;
    const at = (name: string) => header.indexOf(name);
    const [INVOICE, QTY, DATE, PRICE, CUSTOMER] = ["InvoiceNo", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID"].map(at) as number[];
    const clean = rows.slice(1).filter((r) => (r[CUSTOMER!] ?? "").trim() !== "" && Number(r[QTY!]) > 0 && Number(r[PRICE!]) > 0);
    const result = RFM(
      clean.map((r) => [r[CUSTOMER!]]),
      clean.map((r) => [r[DATE!]]),
      clean.map((r) => [Number(r[QTY!]) * Number(r[PRICE!])]),
      OMITTED,
      OMITTED,
      clean.map((r) => [r[INVOICE!]]),
    ) as (string | number)[][];
    const ours = new Map(result.slice(1).map((r) => [String(r[0]), r]));

    expect(duck).toHaveLength(4_338);
    expect(ours.size).toBe(4_338);
    const mismatches: string[] = [];
    for (const d of duck) {
      const r = ours.get(d.id);
      if (!r) {
        mismatches.push(`${d.id}: missing`);
        continue;
      }
      const monetaryClose = Math.abs((r[3] as number) - d.monetary) <= 1e-9 * Math.max(1, Math.abs(d.monetary));
      if (r[1] !== d.recency || r[2] !== d.frequency || !monetaryClose) mismatches.push(`${d.id}: ours ${r.slice(1, 4).join(", ")}, DuckDB ${d.recency}, ${d.frequency}, ${d.monetary}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  }, 120_000);
});
