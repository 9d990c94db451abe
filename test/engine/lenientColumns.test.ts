/**
 * The pane's one lenient column reader (readCellsLeniently in core, readColumn in
 * analyses/common) and its one bad-cell wording, "<Column>: n cells are not <kind> (data rows
 * …); treated as blank." (or "…; those rows are left out." for transaction rows), as every
 * analysis that reads columns leniently uses it; and the grid readers moved beside the cell
 * parsers, still importable from their old homes.
 */
import {
  type CustomerValueModel,
  type ModelWarning,
  defaultCrossSellSettings,
  defaultLifecycleSettings,
  defaultModel,
  defaultRfmSettings,
  guessRoles,
  makeCustomerTable,
  profileColumns,
  readCellsLeniently,
  readTransactionRows,
  runModel,
} from "../../src/engine";
import { addBadCellWarning, readColumn } from "../../src/engine/analyses/common";
import * as gridReaders from "../../src/engine/core/gridReaders";
import * as qualification from "../../src/engine/behaviour/qualification";
import * as lifecycle from "../../src/engine/behaviour/lifecycle";
import * as markov from "../../src/engine/lifetime/markov";
import * as rfm from "../../src/engine/behaviour/rfm";
import * as normalize from "../../src/engine/value/normalize";
import * as baskets from "../../src/engine/crossSell/baskets";
import * as table from "../../src/engine/core/table";

const messages = (warnings: readonly ModelWarning[]) => warnings.map((w) => w.message);

describe("readCellsLeniently: one reading of each kind of cell, bad cells missing and counted", () => {
  test("numbers: blanks and bad cells are NaN; the bad ones are counted with their data rows", () => {
    const read = readCellsLeniently([1, "", "x", "1,234.5", true, { code: "#DIV/0!" }, { code: "#N/A" }], "number");
    expect(Array.from(read.values)).toEqual([1, Number.NaN, Number.NaN, 1234.5, Number.NaN, Number.NaN, Number.NaN]);
    expect(read.bad).toEqual({ count: 3, firstRows: [3, 5, 6] });
  });

  test("days: serials lose their time, ISO text is read, other text is bad", () => {
    const read = readCellsLeniently([45382.75, "2024-03-31", "31/03/2024", ""], "day");
    expect(Array.from(read.values)).toEqual([45382, 45382, Number.NaN, Number.NaN]);
    expect(read.bad).toEqual({ count: 1, firstRows: [3] });
  });

  test("flags: yes/no words, 1/0, TRUE/FALSE; blank is no; a bad cell is no and counted", () => {
    const read = readCellsLeniently(["Y", 0, true, "", "maybe"], "flag");
    expect(Array.from(read.values)).toEqual([1, 0, 1, 0, 0]);
    expect(read.bad).toEqual({ count: 1, firstRows: [5] });
  });

  test("ids: numbers and text as written; blank and #N/A are no id; TRUE and other errors are bad", () => {
    const read = readCellsLeniently([12346, "C-1", " ", { code: "#N/A" }, true, "#REF!"], "id");
    expect(read.values).toEqual([12346, "C-1", null, null, null, null]);
    expect(read.bad).toEqual({ count: 2, firstRows: [5, 6] });
  });

  test("text: trimmed, numbers as text, blank and #N/A as \"\", other errors bad", () => {
    const read = readCellsLeniently([" Core ", 455, "", { code: "#N/A" }, { code: "#VALUE!" }], "text");
    expect(read.values).toEqual(["Core", "455", "", "", ""]);
    expect(read.bad).toEqual({ count: 1, firstRows: [5] });
  });

  test("at most the first five bad rows are kept; the count is all of them", () => {
    const read = readCellsLeniently(["a", "b", 1, "c", "d", "e", "f", "g"], "number");
    expect(read.bad).toEqual({ count: 7, firstRows: [1, 2, 4, 5, 6] });
  });
});

describe("the one bad-cell wording", () => {
  const t = makeCustomerTable(
    [
      ["Sales", "Since", "Partner", "Stage"],
      [10, "2024-01-01", "yes", "New"],
      ["lots", "soon", "maybe", { code: "#VALUE!" }],
      ["much", 45000, "no", "Core"],
      [30, "later", 1, ""],
    ],
    true,
  );

  test("one warning per column naming the column, the count and the first data rows, for every kind", () => {
    const warnings: ModelWarning[] = [];
    expect(Array.from(readColumn(t, "Sales", "value", "number", warnings))).toEqual([10, Number.NaN, Number.NaN, 30]);
    expect(Array.from(readColumn(t, "Since", "date", "day", warnings))).toEqual([45292, Number.NaN, 45000, Number.NaN]);
    expect(Array.from(readColumn(t, "Partner", "flag", "flag", warnings))).toEqual([1, 0, 0, 1]);
    expect(readColumn(t, "Stage", "stage", "text", warnings)).toEqual(["New", "", "Core", ""]);
    expect(messages(warnings)).toEqual([
      "Sales: 2 cells are not a number (data rows 2, 3); treated as blank.",
      "Since: 2 cells are not a date (data rows 2, 4); treated as blank.",
      "Partner: 1 cell is not a yes/no flag (data row 2); treated as blank.",
      "Stage: 1 cell is not text (data row 2); treated as blank.",
    ]);
    expect(warnings.every((w) => w.kind === "badCells")).toBe(true);
    expect(warnings.map((w) => w.column)).toEqual(["Sales", "Since", "Partner", "Stage"]);
  });

  test("a column read twice warns once; a clean column not at all; more rows than listed end in …", () => {
    const warnings: ModelWarning[] = [];
    readColumn(t, "Sales", "indicator", "number", warnings);
    readColumn(t, "Sales", "value", "number", warnings);
    expect(warnings).toHaveLength(1);
    addBadCellWarning(warnings, "Amount", "number", { count: 0, firstRows: [] });
    expect(warnings).toHaveLength(1);
    addBadCellWarning(warnings, "Amount", "number", { count: 1234, firstRows: [1, 2, 3, 4, 5] }, "rowLeftOut");
    expect(warnings[1]!.message).toBe("Amount: 1,234 cells are not a number (data rows 1, 2, 3, 4, 5, …); those rows are left out.");
  });

  test("a missing column is named with its role", () => {
    expect(() => readColumn(t, "Profit", "value", "number", [])).toThrow('The value column "Profit" is not in the table; choose another column.');
  });
});

describe("every lenient reader of the pane speaks it", () => {
  test("lifecycle: date and flag columns", () => {
    const t = makeCustomerTable(
      [
        ["Customer", "FirstPurchase", "LastPurchase", "Revenue", "Strategic"],
        ["Ann", "2023-12-26", "2024-02-08", 100, "no"],
        ["Bob", "last year", "2024-02-01", 900, "perhaps"],
        ["Cid", "", "", "", "yes"],
      ],
      true,
    );
    const profiles = profileColumns(t);
    const base = defaultModel(guessRoles(profiles));
    const model: CustomerValueModel = { ...base, analysis: "lifecycle", lifecycle: { ...defaultLifecycleSettings(profiles), first: "FirstPurchase", last: "LastPurchase", strategic: "Strategic" } };
    const run = runModel(model, t);
    expect(messages(run.warnings)).toEqual(
      expect.arrayContaining([
        "FirstPurchase: 1 cell is not a date (data row 2); treated as blank.",
        "Strategic: 1 cell is not a yes/no flag (data row 2); treated as blank.",
      ]),
    );
  });

  test("RFM from transactions: bad dates, amounts and ids leave their rows out, in the one wording; blank dates and amounts are counted too", () => {
    const t = makeCustomerTable(
      [
        ["Customer", "InvoiceDate", "Amount"],
        ["A", "2024-01-01", 10],
        ["A", "soon", 20],
        ["B", "2024-01-05", "n/a"],
        [true, "2024-01-06", 5],
        ["B", "", 7],
        ["C", "2024-01-07", ""],
        ["C", "2024-01-08", 9],
      ],
      true,
    );
    const profiles = profileColumns(t);
    const base = defaultModel(guessRoles(profiles));
    const model: CustomerValueModel = {
      ...base,
      analysis: "rfm",
      roles: { ...base.roles, id: "Customer", value: "Amount" },
      rfm: { ...defaultRfmSettings(profiles, "Amount"), input: "transactions", date: "InvoiceDate", amount: "Amount", invoice: null },
    };
    const run = runModel(model, t);
    expect(messages(run.warnings.filter((w) => w.kind === "badCells"))).toEqual([
      "Customer: 1 cell is not an id (data row 4); those rows are left out.",
      "InvoiceDate: 1 cell is not a date (data row 2); those rows are left out.",
      "1 transaction row has no date and is left out.",
      "Amount: 1 cell is not a number (data row 3); those rows are left out.",
      "1 transaction row has no amount and is left out.",
    ]);
    expect(run.rowKeys!.values).toEqual(["A", "C"]);
  });

  test("cross-sell: a bad cell of the value column is blank in the customer's total", () => {
    const cells = [
      ["Customer", "Invoice", "Product", "Amount"],
      ["A", "I1", "bread", 10],
      ["A", "I1", "milk", "five"],
      ["B", "I2", "bread", 10],
      ["B", "I2", "milk", 5],
      ["C", "I3", "milk", 5],
    ];
    const t = makeCustomerTable(cells, true);
    const profiles = profileColumns(t);
    const base = defaultModel(guessRoles(profiles));
    const model: CustomerValueModel = {
      ...base,
      analysis: "crossSell",
      roles: { id: "Customer", name: null, value: "Amount" },
      crossSell: { ...defaultCrossSellSettings(profiles), basket: "Invoice", product: "Product", minSupport: 0.3 },
    };
    const run = runModel(model, t);
    expect(messages(run.warnings.filter((w) => w.kind === "badCells"))).toEqual(["Amount: 1 cell is not a number (data row 2); treated as blank."]);
    expect(Array.from(run.rowValues!)).toEqual([10, 15, 5]);
  });
});

describe("the one transaction reader", () => {
  const cells = (ids: unknown[], dates: unknown[], amounts?: unknown[]) => ({
    ids: { argument: "customer_ids", cells: ids },
    dates: { argument: "dates", cells: dates },
    ...(amounts ? { amounts: { argument: "amounts", cells: amounts } } : {}),
  });

  test("strictly (formulas): every row is kept, a blank id with it; the first problem names the argument and row", () => {
    const read = readTransactionRows(cells(["A", "", "B"], ["2024-01-01", "", 45300], [1, "", "2"]), "throw");
    expect(read.ids).toEqual(["A", null, "B"]);
    expect(Array.from(read.days)).toEqual([45292, Number.NaN, 45300]);
    expect(Array.from(read.amounts!)).toEqual([1, Number.NaN, 2]);
    expect(() => readTransactionRows(cells(["A"], ["soon"], [1]), "throw")).toThrow('dates row 1, column 1: expected a date up to 9999-12-31 (a date cell or text like 2024-03-31), found "soon"');
    expect(() => readTransactionRows(cells(["A"], ["2024-01-01"], [""]), "throw")).toThrow("amounts row 1 is blank: give every transaction an amount (0 for none)");
    expect(() => readTransactionRows(cells(["A"], ["2024-01-01"], ["ten"]), "throw")).toThrow('amounts row 1, column 1: expected a number, found "ten"');
    expect(() => readTransactionRows(cells(["A", "B"], ["2024-01-01"]), "throw")).toThrow("dates has 1 rows but customer_ids has 2: select ranges of the same height");
  });

  test("leniently (the pane): only whole rows are kept, and the report counts what was left out", () => {
    const read = readTransactionRows(cells(["A", "", "B", "C", { code: "#REF!" }], ["2024-01-01", "x", "", 45300, 45301], [1, 2, 3, "n/a", 5]), "missing");
    expect(read.ids).toEqual(["A"]);
    expect(Array.from(read.days)).toEqual([45292]);
    expect(read.report).toMatchObject({
      rows: 5,
      badIds: { count: 1, firstRows: [5] },
      badDates: { count: 1, firstRows: [2] },
      badAmounts: { count: 1, firstRows: [4] },
      blankIds: 1,
      blankDates: 1,
      blankAmounts: 0,
    });
  });
});

describe("grid readers live beside the cell parsers, and their old imports still work", () => {
  test.each([
    ["readFlagColumn", qualification],
    ["readProblemCounts", lifecycle],
    ["readStageList", lifecycle],
    ["readMarkovStates", markov],
    ["parseSegmentRules", rfm],
    ["parseDirections", normalize],
  ] as const)("%s", (name, home) => {
    expect((home as Record<string, unknown>)[name]).toBe((gridReaders as Record<string, unknown>)[name]);
  });

  test("the flag cell parser is a cell parser of core/table, re-exported by qualification", () => {
    expect(qualification.parseFlagCell).toBe(table.parseFlagCell);
    expect(qualification.FLAG_EXPECTED).toBe(table.FLAG_EXPECTED);
  });

  test("readBaskets reads its cells with readBasketLines and numbers them as before", () => {
    const b = baskets.readBaskets([1, 1, "2", " 2 "], ["milk", "bread ", "milk", "milk"]);
    expect(b.basketIds).toEqual([1, "2"]);
    expect(b.productNames).toEqual(["milk", "bread"]);
    expect(Array.from(b.productBaskets)).toEqual([2, 1]);
    expect(gridReaders.readBasketLines([1, "", ""], ["milk", "", "jam"], { incomplete: "skip" })).toEqual({
      baskets: [1],
      products: ["milk"],
      blankRows: 1,
      incompleteRows: 1,
      firstIncompleteRows: [3],
    });
  });
});
