/**
 * Benchmarks of the behaviour engine: RFM + silence from 1,000,000 synthetic transaction
 * rows, and from the 541,909-line Online Retail file (parsed first, not timed).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { aggregateTransactions, parseDayCell, rfmScores, silence } from "../src/engine";
import { parseCsv } from "../src/preview/csv";
import { mulberry32 } from "../test/helpers/random";

/** 1,000,000 transactions of 100,000 customers over two years, unsorted, with 2% returns. */
export function syntheticTransactions(rows: number, seed = 7): { ids: number[]; days: Float64Array; amounts: Float64Array; invoices: number[] } {
  const random = mulberry32(seed);
  const ids = new Array<number>(rows);
  const invoices = new Array<number>(rows);
  const days = new Float64Array(rows);
  const amounts = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    ids[i] = 100000 + Math.floor(Math.pow(random(), 1.5) * 100000);
    days[i] = 44927 + Math.floor(random() * 730);
    amounts[i] = (random() < 0.02 ? -1 : 1) * Math.round(Math.exp(3 + random() * 2) * 100) / 100;
    invoices[i] = Math.floor(i / 3);
  }
  return { ids, days, amounts, invoices };
}

/** RFM + silence from columns, as the engine runs them. */
export function rfmAndSilence(tx: { ids: ArrayLike<unknown>; days: Float64Array; amounts: Float64Array; invoices?: ArrayLike<unknown> }): number {
  const h = aggregateTransactions(tx);
  const asOf = h.latestDay + 1;
  const recency = h.lastDay.map((d) => asOf - d);
  rfmScores(recency, h.frequency, h.monetary, 5);
  silence(h, asOf, "population");
  return h.ids.length;
}

/** The cleaned Online Retail lines as engine columns. */
export function onlineRetailColumns(): { ids: string[]; days: Float64Array; amounts: Float64Array; invoices: string[] } {
  const file = path.resolve(__dirname, "../../shared/data/online-retail/online_retail.csv.gz");
  const rows = parseCsv(gunzipSync(readFileSync(file)).toString("utf8"));
  const header = rows[0] ?? [];
  const [INVOICE, QTY, DATE, PRICE, CUSTOMER] = ["InvoiceNo", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID"].map((n) => header.indexOf(n)) as number[];
  const clean = rows.slice(1).filter((r) => (r[CUSTOMER!] ?? "") !== "" && Number(r[QTY!]) > 0 && Number(r[PRICE!]) > 0);
  return {
    ids: clean.map((r) => r[CUSTOMER!] as string),
    days: Float64Array.from(clean, (r) => parseDayCell(r[DATE!]) as number),
    amounts: Float64Array.from(clean, (r) => Number(r[QTY!]) * Number(r[PRICE!])),
    invoices: clean.map((r) => r[INVOICE!] as string),
  };
}

/**
 * Every line of the Online Retail file (541,909), uncleaned, as engine columns: blank
 * customer ids, returns (negative quantities) and all; amount = quantity × unit price.
 */
export function onlineRetailRawColumns(): { ids: string[]; days: Float64Array; amounts: Float64Array } {
  const file = path.resolve(__dirname, "../../shared/data/online-retail/online_retail.csv.gz");
  const rows = parseCsv(gunzipSync(readFileSync(file)).toString("utf8"));
  const header = rows[0] ?? [];
  const [QTY, DATE, PRICE, CUSTOMER] = ["Quantity", "InvoiceDate", "UnitPrice", "CustomerID"].map((n) => header.indexOf(n)) as number[];
  const body = rows.slice(1).filter((r) => r.length > 1);
  return {
    ids: body.map((r) => r[CUSTOMER!] as string),
    days: Float64Array.from(body, (r) => parseDayCell(r[DATE!]) as number),
    amounts: Float64Array.from(body, (r) => Number(r[QTY!]) * Number(r[PRICE!])),
  };
}
