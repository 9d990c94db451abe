/**
 * Builds assets/sample/customers.csv, the sample customer table of the preview page and
 * the tests, and assets/sample/transactions.csv, the same customers' invoices (one row per
 * invoice: customer, invoice, day, amount; for RFM from transactions and lifetime value),
 * from the UCI Online Retail invoice lines in ../shared/data (CC0).
 *
 * Cleaning, as usual for this data set: lines with a CustomerID, Quantity > 0 and
 * UnitPrice > 0 (397,884 lines, 4,338 customers, £8,911,407.90). Cancellations (invoices
 * starting with C) are counted per customer as Returns.
 *
 * Also assets/sample/lines.csv, the clean sales lines of December 2011 (17,304 lines, 778
 * invoices, 615 customers, 2,171 products), one row per invoice line: customer, invoice,
 * day, product (the description, trimmed), quantity and amount (quantity × unit price, to
 * the penny), for cross-sell. Run: npm run sample
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { formatCsv, parseCsv } from "../src/preview/csv";

const source = path.resolve(__dirname, "../../shared/data/online-retail/online_retail.csv.gz");
const target = path.resolve(__dirname, "../assets/sample/customers.csv");
const transactionsTarget = path.resolve(__dirname, "../assets/sample/transactions.csv");
const linesTarget = path.resolve(__dirname, "../assets/sample/lines.csv");
/** The month whose lines go to lines.csv (the last in the data). */
const LINES_MONTH = "2011-12";
const AS_OF = "2011-12-10"; // the day after the last invoice

interface Customer {
  id: string;
  country: string;
  first: string;
  last: string;
  invoices: Set<string>;
  products: Set<string>;
  items: number;
  revenuePence: number;
  returns: Set<string>;
}

const rows = parseCsv(gunzipSync(readFileSync(source)).toString("utf8"));
const header = rows[0] ?? [];
const col = (name: string): number => {
  const index = header.indexOf(name);
  if (index < 0) throw new Error(`column ${name} not found in ${source}`);
  return index;
};
const [INVOICE, STOCK, QTY, DATE, PRICE, CUSTOMER, COUNTRY, DESCRIPTION] = ["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country", "Description"].map(col) as number[];
/** The clean sales lines of LINES_MONTH, in file order. */
const monthLines: (string | number)[][] = [["CustomerID", "InvoiceNo", "InvoiceDate", "Product", "Quantity", "Amount"]];

const customers = new Map<string, Customer>();
/** Clean invoices: customer, day and amount (in tenths of a penny), in order of first line. */
const invoices = new Map<string, { customer: string; day: string; amount: number }>();
let lines = 0;
for (let r = 1; r < rows.length; r++) {
  const row = rows[r] as string[];
  const id = (row[CUSTOMER!] ?? "").trim();
  if (id === "") continue;
  const invoice = row[INVOICE!] as string;
  const day = (row[DATE!] as string).slice(0, 10);
  let c = customers.get(id);
  if (!c) {
    c = { id, country: row[COUNTRY!] as string, first: day, last: day, invoices: new Set(), products: new Set(), items: 0, revenuePence: 0, returns: new Set() };
    customers.set(id, c);
  }
  if (invoice.startsWith("C")) {
    c.returns.add(invoice);
    continue;
  }
  const quantity = Number(row[QTY!]);
  const price = Number(row[PRICE!]);
  if (!(quantity > 0 && price > 0)) continue;
  lines++;
  if (day < c.first) c.first = day;
  if (day > c.last) c.last = day;
  c.invoices.add(invoice);
  c.products.add(row[STOCK!] as string);
  c.items += quantity;
  // Sum in tenths of a penny (prices have up to 3 decimals) so the total is exact.
  c.revenuePence += Math.round(quantity * price * 1000);
  if (day.startsWith(LINES_MONTH)) {
    // Thousandths of a penny are exact (prices have up to 3 decimals); rounded half up to the penny.
    const amount = Math.round(Math.round(quantity * price * 1000) / 10);
    monthLines.push([id.replace(/\.0$/, ""), invoice, day, (row[DESCRIPTION!] as string).trim(), quantity, `${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, "0")}`]);
  }
  const inv = invoices.get(invoice) ?? { customer: id, day, amount: 0 };
  inv.amount += Math.round(quantity * price * 1000);
  invoices.set(invoice, inv);
}

const days = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
const buyers = [...customers.values()].filter((c) => c.invoices.size > 0).sort((a, b) => Number(a.id) - Number(b.id));
const table: (string | number)[][] = [
  ["CustomerID", "Country", "FirstPurchase", "LastPurchase", "Invoices", "Revenue", "Items", "Products", "AvgOrderValue", "DaysSinceLast", "Returns"],
  ...buyers.map((c) => {
    const revenue = c.revenuePence / 1000;
    return [
      c.id.replace(/\.0$/, ""),
      c.country,
      c.first,
      c.last,
      c.invoices.size,
      revenue.toFixed(2),
      c.items,
      c.products.size,
      (revenue / c.invoices.size).toFixed(2),
      days(c.last, AS_OF),
      c.returns.size,
    ];
  }),
];
writeFileSync(target, formatCsv(table));
const total = buyers.reduce((s, c) => s + c.revenuePence, 0) / 1000;
console.log(`${lines} clean lines, ${buyers.length} customers, revenue ${total.toFixed(2)} → ${path.relative(process.cwd(), target)}`);

const transactions: (string | number)[][] = [
  ["CustomerID", "InvoiceNo", "InvoiceDate", "Amount"],
  ...[...invoices.entries()].map(([invoice, inv]) => [inv.customer.replace(/\.0$/, ""), invoice, inv.day, (inv.amount / 1000).toFixed(2)]),
];
writeFileSync(transactionsTarget, formatCsv(transactions));
console.log(`${invoices.size} invoices → ${path.relative(process.cwd(), transactionsTarget)}`);

writeFileSync(linesTarget, formatCsv(monthLines));
console.log(`${monthLines.length - 1} lines of ${LINES_MONTH} → ${path.relative(process.cwd(), linesTarget)}`);
