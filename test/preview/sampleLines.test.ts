/**
 * assets/sample/lines.csv (the preview's Lines sheet, for cross-sell) against the UCI Online
 * Retail source it comes from: the clean sales lines of December 2011, counted and compared
 * row by row with the gz file read here on its own (amounts in exact decimal arithmetic on
 * the price's text, not the script's floating point).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { parseCsv } from "../../src/preview/csv";
import { sharedDataFile } from "../helpers/sharedData";

const lines = parseCsv(readFileSync(path.join(__dirname, "../../assets/sample/lines.csv"), "utf8")).filter((r) => r.some((f) => f !== ""));

/** quantity × price in pennies, rounded half up, from the price's decimal text ("2.55", "0.165", "3"). */
function pennies(quantity: string, price: string): number {
  const [whole, fraction = ""] = price.split(".");
  const thousandths = Number(whole) * 1000 + Number(fraction.padEnd(3, "0").slice(0, 3));
  const total = Number(quantity) * thousandths;
  return Math.floor((total + 5) / 10);
}

describe("assets/sample/lines.csv (December 2011 of UCI Online Retail)", () => {
  const source = parseCsv(gunzipSync(readFileSync(sharedDataFile("online-retail/online_retail.csv.gz"))).toString("utf8"));
  const h = source[0]!;
  const at = (name: string) => h.indexOf(name);
  // Sales of the month: not a cancellation, quantity and price above 0, a customer id.
  const sales = source
    .slice(1)
    .filter((r) => r.length === h.length && r[at("InvoiceDate")]!.startsWith("2011-12-") && !r[at("InvoiceNo")]!.startsWith("C"))
    .filter((r) => Number(r[at("Quantity")]) > 0 && Number(r[at("UnitPrice")]) > 0 && r[at("CustomerID")]!.trim() !== "");

  test("header, and one row per clean sales line: 17,304 lines, 778 invoices, 615 customers, 2,171 products", () => {
    expect(lines[0]).toEqual(["CustomerID", "InvoiceNo", "InvoiceDate", "Product", "Quantity", "Amount"]);
    const body = lines.slice(1);
    expect(body).toHaveLength(17_304);
    expect(sales).toHaveLength(17_304);
    expect(new Set(body.map((r) => r[1])).size).toBe(778);
    expect(new Set(body.map((r) => r[0])).size).toBe(615);
    expect(new Set(body.map((r) => r[3])).size).toBe(2_171);
  });

  test("every row is its source line in order: customer, invoice, day, trimmed description, quantity, amount to the penny", () => {
    const body = lines.slice(1);
    const expected = sales.map((s) => {
      const cents = pennies(s[at("Quantity")]!, s[at("UnitPrice")]!);
      return [
        s[at("CustomerID")]!.replace(/\.0$/, ""),
        s[at("InvoiceNo")],
        s[at("InvoiceDate")]!.slice(0, 10),
        s[at("Description")]!.trim(),
        s[at("Quantity")],
        `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`,
      ];
    });
    expect(body).toEqual(expected);
    // Two rows read off the source by eye: the first line of the month and the last of the data.
    expect(body[0]).toEqual(["15687", "579899", "2011-12-01", "GARDENERS KNEELING PAD KEEP CALM", "24", "39.60"]);
    expect(body[body.length - 1]).toEqual(["12680", "581587", "2011-12-09", "BAKING SET 9 PIECE RETROSPOT", "3", "14.85"]);
  });
});
