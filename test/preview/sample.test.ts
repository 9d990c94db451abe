import { readFileSync } from "node:fs";
import path from "node:path";
import { PARETOSHARE } from "../../src/functions/functions";
import { formatCsv, parseCsv } from "../../src/preview/csv";

describe("csv", () => {
  test("quoted fields with commas, doubled quotes and line breaks", () => {
    expect(parseCsv('id,name,note\r\n1,"Smith, J","said ""hi""\nthen left"\n2,,x')).toEqual([
      ["id", "name", "note"],
      ["1", "Smith, J", 'said "hi"\nthen left'],
      ["2", "", "x"],
    ]);
  });
  test("format quotes only what needs it, and round-trips", () => {
    const rows = [["a", "b,c", 'd"e', 3]];
    expect(formatCsv(rows)).toBe('a,"b,c","d""e",3\n');
    expect(parseCsv(formatCsv(rows))).toEqual([["a", "b,c", 'd"e', "3"]]);
  });
});

describe("assets/sample/customers.csv (from UCI Online Retail)", () => {
  const rows = parseCsv(readFileSync(path.join(__dirname, "../../assets/sample/customers.csv"), "utf8"));
  const header = rows[0]!;
  const body = rows.slice(1);
  const at = (name: string) => header.indexOf(name);

  test("matches the published figures after the usual cleaning: 4,338 customers, £8,911,407.90", () => {
    expect(body).toHaveLength(4338);
    const pence = body.reduce((sum, r) => sum + Math.round(Number(r[at("Revenue")]) * 100), 0);
    expect(pence).toBe(891_140_790);
  });

  test("one row per customer, ISO dates, first ≤ last", () => {
    expect(new Set(body.map((r) => r[at("CustomerID")])).size).toBe(4338);
    for (const r of body) {
      expect(r[at("FirstPurchase")]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r[at("FirstPurchase")]! <= r[at("LastPurchase")]!).toBe(true);
    }
  });

  test("the 20% of 4,338 customers = 867.6 rule, against a plain sort-and-sum", () => {
    const revenue = body.map((r) => Number(r[at("Revenue")]));
    const sorted = [...revenue].sort((a, b) => b - a);
    const positive = sorted.reduce((s, v) => s + Math.max(v, 0), 0);
    const top867 = sorted.slice(0, 867).reduce((s, v) => s + v, 0);
    const expected = (top867 + 0.6 * sorted[867]!) / positive;
    expect(PARETOSHARE(revenue.map((v) => [v]), 0.2)).toBeCloseTo(expected, 12);
    expect(expected).toBeGreaterThan(0.7); // the familiar shape: the top fifth holds most of the revenue
  });
});
