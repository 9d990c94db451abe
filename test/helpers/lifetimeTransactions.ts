/**
 * A seeded transaction table for the lifetime value tests: customers S1 … S300 buying at
 * random rates from the first half of 2024 and leaving at random, so the BG/NBD and
 * Gamma-Gamma fits have data to settle on.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { type CustomerTable, type CustomerValueModel, dayToIso, defaultModel, guessRoles, makeCustomerTable, profileColumns } from "../../src/engine";
import { parseCsv } from "../../src/preview/csv";
import { typeCsvField } from "../../src/preview/MemoryWorkbook";
import { withAnalysis } from "../../src/taskpane/modelEdits";
import { mulberry32 } from "./random";

/** 2024-01-01 as an Excel serial. */
export const START_2024 = 45292;

/** The ISO date `d` days after 2024-01-01. */
export const day2024 = (d: number): string => dayToIso(START_2024 + d);

/**
 * Rows [customer, ISO date, amount] of `customers` customers, all dated 2024-01-01 to
 * 2024-06-29 (days 0–180): each starts on a random day of the first 150, buys again after
 * exponential gaps at its own rate, and leaves after a purchase with its own probability;
 * amounts scatter ±50% around its own mean of 20–170.
 */
export function simulatedTransactions(customers = 300, seed = 7): [string, string, number][] {
  const random = mulberry32(seed);
  const rows: [string, string, number][] = [];
  for (let c = 0; c < customers; c++) {
    const rate = 0.005 + random() * 0.08;
    const drop = 0.05 + random() * 0.4;
    let d = Math.floor(random() * 150);
    const mean = 20 + random() * 150;
    for (;;) {
      rows.push([`S${c + 1}`, day2024(d), Math.round(mean * (0.5 + random()) * 100) / 100]);
      if (random() < drop) break;
      d += Math.ceil(-Math.log(1 - random()) / rate);
      if (d > 180) break;
    }
  }
  return rows;
}

/**
 * The preview's sample transactions (assets/sample/transactions.csv: 4,338 Online Retail
 * customers' invoices) as a customer table typed the way Excel's CSV import types it, with
 * the model the pane builds when Lifetime value is chosen on it.
 */
export function sampleLifetimeTable(): { table: CustomerTable; model: CustomerValueModel } {
  const text = readFileSync(path.join(__dirname, "../../assets/sample/transactions.csv"), "utf8");
  const values = parseCsv(text)
    .filter((r) => r.some((f) => f.trim() !== ""))
    .map((fields, r) => fields.map((f) => (r === 0 ? f : typeCsvField(f).value)));
  const table = makeCustomerTable(values, true);
  const profiles = profileColumns(table);
  return { table, model: withAnalysis(defaultModel(guessRoles(profiles)), "lifetime", profiles) };
}
