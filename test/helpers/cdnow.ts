import { readFileSync } from "node:fs";
import { sharedDataFile } from "./sharedData";

/** The published 39-week CDNOW calibration summary (Fader, Hardie & Lee): one row per customer ID 1…2357. */
export function cdnowPublishedSummary(): { id: number[]; x: Float64Array; tx: Float64Array; T: Float64Array; zbar: Float64Array } {
  const rows = readFileSync(sharedDataFile("cdnow/cdnow_customers_summary_with_transactions.csv"), "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(",").map(Number));
  const column = (k: number) => Float64Array.from(rows, (r) => r[k] as number);
  return { id: rows.map((r) => r[0] as number), x: column(1), tx: column(2), T: column(3), zbar: column(4) };
}

/** yyyymmdd → ISO text, the way a user's date column reads. */
const iso = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

/**
 * The CDNOW 1/10 sample's 6,919 purchases (master id, customer id, yyyymmdd, CDs, dollars)
 * as Excel-shaped columns: customer id (text "0001", as in the file), ISO date text, dollars.
 */
export function cdnowTransactions(): { ids: unknown[][]; dates: unknown[][]; amounts: unknown[][] } {
  const lines = readFileSync(sharedDataFile("cdnow/CDNOW_sample.txt"), "utf8").trim().split(/\r?\n/);
  const fields = lines.map((line) => line.trim().split(/\s+/));
  return {
    ids: fields.map((f) => [f[1]]),
    dates: fields.map((f) => [iso(f[2] as string)]),
    amounts: fields.map((f) => [Number(f[4])]),
  };
}
