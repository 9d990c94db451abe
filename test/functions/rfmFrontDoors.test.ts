/**
 * CV.RFM and the pane's RFM analysis from transactions run the one transaction reader and
 * RFM pipeline (rfmFromTransactionCells): on the same hand-made table they give the same
 * recency, frequency, monetary value and scores, worked out here by hand.
 */
import { type CustomerValueModel, defaultModel, defaultRfmSettings, guessRoles, makeCustomerTable, profileColumns, runModel } from "../../src/engine";
import { RFM } from "../../src/functions/functions";
import { OMITTED } from "../helpers/cells";

// Transactions, with a return, two lines on one invoice and a row without a customer id:
//   id  date        amount invoice
//   A   2024-01-10   100   I1
//   B   2024-02-01   200   I3
//   A   2024-01-10    50   I1     same invoice: one purchase
//   C   2024-03-20    10   I4
//   ·   2024-03-30   999   I9     no customer id: skipped, and it does not set the as-of date
//   D   2024-01-05    40   I5
//   A   2024-03-01    30   I2
//   B   2024-02-15   -20   C1     a return: reduces M, is not a purchase (B's last purchase stays 02-01)
//   E   2024-02-20    80   I7
//   D   2024-03-25    60   I6
// Latest date of a customer's row 2024-03-25 → as-of 2024-03-26. Customers in order of first appearance: A, B, C, D, E.
//   A: last 03-01 → R 25 (Mar 1 → Mar 26);         F 2 (I1, I2); M 100 + 50 + 30 = 180
//   B: last 02-01 → R 29 (Feb 2024) + 25 = 54;      F 1 (I3);     M 200 − 20 = 180
//   C: last 03-20 → R 6;                            F 1;          M 10
//   D: last 03-25 → R 1;                            F 2 (I5, I6); M 40 + 60 = 100
//   E: last 02-20 → R 10 (Feb 20 → Mar 1) + 25 = 35; F 1;         M 80
// Scores, q = 5, n = 5: score = min(5, floor((midrank − 0.5) / 5 × 5) + 1) = floor(midrank − 0.5) + 1.
//   −R ascending: B(1) E(2) A(3) C(4) D(5)                         → R: A 3, B 1, C 4, D 5, E 2
//   F: B, C, E tie on ranks 1–3 (midrank 2 → 2); A, D on 4–5 (midrank 4.5 → 5) → F: A 5, B 2, C 2, D 5, E 2
//   M ascending: C(1) E(2) D(3), A and B tie on 4–5 (midrank 4.5 → 5)        → M: A 5, B 5, C 1, D 3, E 2
const LINES: [string, string, number, string][] = [
  ["A", "2024-01-10", 100, "I1"],
  ["B", "2024-02-01", 200, "I3"],
  ["A", "2024-01-10", 50, "I1"],
  ["C", "2024-03-20", 10, "I4"],
  ["", "2024-03-30", 999, "I9"],
  ["D", "2024-01-05", 40, "I5"],
  ["A", "2024-03-01", 30, "I2"],
  ["B", "2024-02-15", -20, "C1"],
  ["E", "2024-02-20", 80, "I7"],
  ["D", "2024-03-25", 60, "I6"],
];

const HAND = {
  customers: ["A", "B", "C", "D", "E"],
  recency: [25, 54, 6, 1, 35],
  frequency: [2, 1, 1, 2, 1],
  monetary: [180, 180, 10, 100, 80],
  r: [3, 1, 4, 5, 2],
  f: [5, 2, 2, 5, 2],
  m: [5, 5, 1, 3, 2],
  cells: ["355", "125", "421", "553", "222"],
};

const column = (k: number) => LINES.map((line) => [line[k]]);

function paneRun() {
  const table = makeCustomerTable([["Customer", "InvoiceDate", "Amount", "Invoice"], ...LINES], true);
  const profiles = profileColumns(table);
  const base = defaultModel(guessRoles(profiles));
  const model: CustomerValueModel = {
    ...base,
    analysis: "rfm",
    roles: { ...base.roles, id: "Customer", value: "Amount" },
    rfm: { ...defaultRfmSettings(profiles, "Amount"), input: "transactions", date: "InvoiceDate", amount: "Amount", invoice: "Invoice", asOf: null, bins: 5 },
  };
  return runModel(model, table);
}

describe("CV.RFM and the RFM analysis on the same transactions", () => {
  const formula = RFM(column(0), column(1), column(2), OMITTED, OMITTED, column(3), OMITTED, false) as (string | number)[][];
  const pane = paneRun();
  const paneColumn = (header: string) => pane.columns.find((c) => c.header === header)!.values;

  test("CV.RFM: recency, frequency, monetary and scores as worked out by hand", () => {
    expect(formula.map((row) => row[0])).toEqual(HAND.customers);
    expect(formula.map((row) => row[1])).toEqual(HAND.recency);
    expect(formula.map((row) => row[2])).toEqual(HAND.frequency);
    expect(formula.map((row) => row[3])).toEqual(HAND.monetary);
    expect(formula.map((row) => row[4])).toEqual(HAND.r);
    expect(formula.map((row) => row[5])).toEqual(HAND.f);
    expect(formula.map((row) => row[6])).toEqual(HAND.m);
    expect(formula.map((row) => row[7])).toEqual(HAND.cells);
  });

  test("the RFM analysis: the same customers, R, F, M and cells, recency counted to the same day", () => {
    expect(pane.rowKeys).toEqual({ header: "Customer", values: HAND.customers });
    expect(paneColumn("CV R")).toEqual(HAND.r);
    expect(paneColumn("CV F")).toEqual(HAND.f);
    expect(paneColumn("CV M")).toEqual(HAND.m);
    expect(paneColumn("CV RFM")).toEqual(HAND.cells);
    expect(Array.from(pane.rowValues!)).toEqual(HAND.monetary);
    expect(pane.description[1]).toContain("Recency counted to 2024-03-26.");
    // The groups' orders are the frequencies: 2 + 1 + 1 + 2 + 1 invoices in all.
    expect(pane.groups.reduce((sum, g) => sum + (g.orders ?? 0), 0)).toBe(7);
  });

  test("the two front doors agree cell for cell", () => {
    expect(pane.rowKeys!.values).toEqual(formula.map((row) => row[0]));
    expect(paneColumn("CV R")).toEqual(formula.map((row) => row[4]));
    expect(paneColumn("CV F")).toEqual(formula.map((row) => row[5]));
    expect(paneColumn("CV M")).toEqual(formula.map((row) => row[6]));
  });

  test("the row without a customer id: CV.RFM skips it, the pane leaves it out and says so", () => {
    expect(pane.warnings.map((w) => w.message)).toContain("1 transaction row has no customer id and is left out.");
  });
});
