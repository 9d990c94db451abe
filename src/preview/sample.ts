/**
 * The preview page's sample data: assets/sample/customers.csv (4,338 customers from the UCI
 * Online Retail data, copied to dist/sample/customers.csv by the build) and their invoices,
 * assets/sample/transactions.csv, and December 2011's invoice lines, assets/sample/lines.csv,
 * the transactions optionally repeated to larger tables
 * (`preview.html?rows=100000`, `?transactions=200000`) to time Apply and the model fits.
 */
import { formatCsv, parseCsv } from "./csv";

/** Where the page fetches the sample from, relative to preview.html. */
export const SAMPLE_URL = "sample/customers.csv";

/**
 * The same customers' invoices (customer, invoice, day, amount; 18,532 rows), loaded on a
 * second sheet for the analyses that start from transactions (RFM from transactions,
 * lifetime value).
 */
export const TRANSACTIONS_URL = "sample/transactions.csv";

/**
 * The sales lines of December 2011 (customer, invoice, day, product, quantity, amount;
 * 17,304 rows, 778 invoices, 615 customers, 2,171 products), loaded on a third sheet for
 * cross-sell (products bought together, recommendations per customer).
 */
export const LINES_URL = "sample/lines.csv";

/**
 * The sample with exactly `rows` customers: the first `rows` when fewer, otherwise the rows
 * repeated, each copy k's customer ids shifted by k × 10,000 (the sample's ids span less than
 * 10,000, so they stay unique). The first column must be the numeric id.
 *
 * @example scaleSampleCsv(csv, 100_000) // header + 100,000 customers, ids 12346 … 242xxx
 */
export function scaleSampleCsv(csvText: string, rows: number): string {
  const [header, ...body] = parseCsv(csvText).filter((r) => r.some((f) => f !== ""));
  if (!header || body.length === 0) throw new Error("The sample CSV has no rows");
  const out: Array<string[]> = [header];
  for (let i = 0; i < rows; i++) {
    const copy = Math.floor(i / body.length);
    const row = [...(body[i % body.length] as string[])];
    if (copy > 0) row[0] = String(Number(row[0]) + copy * 10_000);
    out.push(row);
  }
  return formatCsv(out);
}
