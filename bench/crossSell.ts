/**
 * Benchmarks of cross-sell rules: the Groceries baskets (one basket a line) and the Online
 * Retail invoices (about 20,000 baskets over 4,000 products), read and parsed first, not timed.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parseCsv } from "../src/preview/csv";

/** Groceries as worksheet columns: basket (line number) and product per row. */
export function groceriesColumns(): { baskets: number[]; products: string[] } {
  const file = path.resolve(__dirname, "../../shared/data/groceries/groceries.csv");
  const baskets: number[] = [];
  const products: string[] = [];
  readFileSync(file, "utf8")
    .split(/\r?\n/)
    .forEach((line, i) => {
      for (const product of line.split(",")) {
        if (product.trim() === "") continue;
        baskets.push(i + 1);
        products.push(product);
      }
    });
  return { baskets, products };
}

/**
 * The Online Retail invoice lines that are sales (not cancellations, quantity above 0), as
 * invoice, product description and customer columns; blank descriptions are kept (the reader
 * skips and counts them).
 */
export function onlineRetailBasketColumns(): { invoices: string[]; products: string[]; customers: string[] } {
  const file = path.resolve(__dirname, "../../shared/data/online-retail/online_retail.csv.gz");
  const rows = parseCsv(gunzipSync(readFileSync(file)).toString("utf8"));
  const header = rows[0] ?? [];
  const [INVOICE, DESCRIPTION, QTY, CUSTOMER] = ["InvoiceNo", "Description", "Quantity", "CustomerID"].map((n) => header.indexOf(n)) as number[];
  const sales = rows.slice(1).filter((r) => r.length > 1 && !(r[INVOICE!] ?? "").startsWith("C") && Number(r[QTY!]) > 0);
  return {
    invoices: sales.map((r) => r[INVOICE!] as string),
    products: sales.map((r) => r[DESCRIPTION!] as string),
    customers: sales.map((r) => r[CUSTOMER!] as string),
  };
}
