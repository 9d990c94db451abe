import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { RFM, SILENCE } from "../../src/functions/functions";
import { parseCsv } from "../../src/preview/csv";
import { OMITTED } from "../helpers/cells";
import { sharedDataFile } from "../helpers/sharedData";

// The UCI Online Retail file (541,909 invoice lines) from ../shared/data, cleaned as usual:
// CustomerID present, Quantity > 0, UnitPrice > 0; the invoice number is the invoice id.
const FILE = sharedDataFile("online-retail/online_retail.csv.gz");

describe("CV.RFM on the real Online Retail data", () => {
  const rows = parseCsv(gunzipSync(readFileSync(FILE)).toString("utf8"));
  const header = rows[0]!;
  const at = (name: string) => header.indexOf(name);
  const [INVOICE, QTY, DATE, PRICE, CUSTOMER] = ["InvoiceNo", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID"].map(at) as number[];
  const clean = rows.slice(1).filter((r) => (r[CUSTOMER!] ?? "").trim() !== "" && Number(r[QTY!]) > 0 && Number(r[PRICE!]) > 0);
  const ids = clean.map((r) => [r[CUSTOMER!]]);
  const dates = clean.map((r) => [r[DATE!]]);
  const amounts = clean.map((r) => [Number(r[QTY!]) * Number(r[PRICE!])]);
  const invoices = clean.map((r) => [r[INVOICE!]]);
  const started = performance.now();
  const result = RFM(ids, dates, amounts, OMITTED, OMITTED, invoices) as (string | number)[][];
  const seconds = (performance.now() - started) / 1000;
  const byId = new Map(result.slice(1).map((r) => [String(r[0]), r]));

  test("397,884 clean lines give 4,338 customers whose monetary values sum to £8,911,407.90", () => {
    expect(clean).toHaveLength(397_884);
    expect(result).toHaveLength(4_338 + 1);
    const pence = result.slice(1).reduce((sum, r) => sum + Math.round((r[3] as number) * 100), 0);
    expect(pence).toBe(891_140_790);
    console.log(`CV.RFM on 397,884 Online Retail lines: ${seconds.toFixed(2)} s (front door, including parsing)`);
  });

  test("frequencies sum to the number of distinct invoices", () => {
    const distinct = new Set(clean.map((r) => r[INVOICE!])).size;
    expect(distinct).toBe(18_532);
    expect(result.slice(1).reduce((sum, r) => sum + (r[2] as number), 0)).toBe(distinct);
  });

  test("customers checked by hand from their lines", () => {
    // The latest invoice is on 2011-12-09, so as-of is 2011-12-10.
    // 12350 (Norway): 17 lines, all on invoice 543037 of 2011-02-02:
    //   12×2.1 ×4 = 100.8; 10×0.85 + 12×0.85 + 24×0.85 = 39.1; 6×2.95 = 17.7; 12×1.65 ×3 = 59.4;
    //   12×1.25 ×4 = 60; 12×1.45 = 17.4; postage 40 → 334.40. Recency: Feb 2 → Dec 10, 2011 = 311 days.
    expect(byId.get("12350")!.slice(1, 4)).toEqual([311, 1, expect.closeTo(334.4, 9)]);
    // 12346: one line, 74,215 × £1.04 = £77,183.60 on 2011-01-18 (its cancellation C541433 is not a clean line);
    //   Jan 18 → Dec 10 = 13 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 10 = 326 days.
    expect(byId.get("12346")!.slice(1, 4)).toEqual([326, 1, expect.closeTo(77183.6, 9)]);
    // Scores: 12346 has the oldest-but-one recency → low R, one invoice → low F, a top monetary value → M 5
    expect(byId.get("12346")![6]).toBe(5);
  });

  test("silence on the same purchases: every customer is placed, one-day customers flagged", () => {
    const s = SILENCE(ids, dates, OMITTED, "population", false) as unknown[][];
    expect(s).toHaveLength(4_338);
    const statuses = new Set(s.map((r) => r[6]));
    expect([...statuses].sort()).toEqual(["Active", "Silent"]);
  });
});
