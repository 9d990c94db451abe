/**
 * OfficeWorkbook reads against office-addin-mock: the customer table (table / region /
 * selection) with blanks and errors, readable rejections, chunked reads, readBlock,
 * sheets, and the no-overwrite check (occupiedCells).
 */
import { BLANK_SOURCE_MESSAGE, NOT_IN_TABLE_MESSAGE, OfficeWorkbook, type ExcelHost } from "../../src/office/OfficeWorkbook";
import { FakeExcel } from "./fakeExcel";

const HEADER = ["Customer", "Revenue", "Orders", "Margin"];
const ROWS: unknown[][] = [
  ["C001", 1200.5, 3, 0.25],
  ["C002", "", 1, "#DIV/0!"],
  ["C003", "#N/A", "", 0.1],
  ["", 80, 2, true],
];
const TABLE = [HEADER, ...ROWS];

/** Sheet "Customers": a note in A1, the table "Customers" at B3:E7, something unrelated in H1. */
function customersWorkbook(): { fake: FakeExcel; workbook: OfficeWorkbook } {
  const fake = new FakeExcel(["Customers", "Other"]);
  const sheet = fake.sheet("Customers");
  sheet.put(0, 0, [["Customer report"]]);
  sheet.put(2, 1, TABLE);
  sheet.put(0, 7, [["unrelated"]]);
  fake.tables.push({ name: "Customers", sheet: "Customers", top: 2, left: 1, rows: 5, columns: 4 });
  fake.active = { sheet: "Customers", row: 3, column: 2 }; // C4, inside the table
  return { fake, workbook: new OfficeWorkbook({ excel: fake.host as unknown as ExcelHost }) };
}

describe("readSource", () => {
  test("table: the Excel table under the active cell, blanks and errors unchanged", async () => {
    const { fake, workbook } = customersWorkbook();
    const source = await workbook.readSource("table");
    expect(source).toEqual({
      kind: "table",
      sheet: "Customers",
      address: "B3:E7",
      tableName: "Customers",
      top: 2,
      left: 1,
      values: TABLE,
      numberFormats: ["General", "General", "General", "General"],
    });
    expect(source.values[2]).toEqual(["C002", "", 1, "#DIV/0!"]);
    expect(source.values[3]?.[1]).toBe("#N/A");
    // tables, geometry, one values chunk, the first row's formats: four requests in one Excel.run
    expect(fake.runs).toBe(1);
    expect(fake.syncs).toBe(4);
    expect(fake.writes).toEqual([]);
  });

  test("region: the active cell's current region", async () => {
    const { workbook } = customersWorkbook();
    const source = await workbook.readSource("region");
    expect(source).toEqual({ kind: "region", sheet: "Customers", address: "B3:E7", top: 2, left: 1, values: TABLE, numberFormats: ["General", "General", "General", "General"] });
  });

  test("selection: trimmed to the cells that hold values", async () => {
    const { fake, workbook } = customersWorkbook();
    fake.selection = { sheet: "Customers", top: 1, left: 1, rows: 10, columns: 5 }; // B2:F11
    const source = await workbook.readSource("selection");
    expect(source).toEqual({ kind: "selection", sheet: "Customers", address: "B3:E7", top: 2, left: 1, values: TABLE, numberFormats: ["General", "General", "General", "General"] });
  });

  test("large sources are read in chunks of whole rows", async () => {
    const { fake } = customersWorkbook();
    const workbook = new OfficeWorkbook({ excel: fake.host as unknown as ExcelHost, readCellsPerRequest: 8 });
    const source = await workbook.readSource("table");
    expect(source.values).toEqual(TABLE);
    expect(fake.syncs).toBe(2 + 3 + 1); // tables + geometry, then 2 + 2 + 1 rows, then the first row's formats
  });

  test("each column's number format as the first row under the header has it (money shown in the user's currency)", async () => {
    const { fake, workbook } = customersWorkbook();
    fake.sheet("Customers").patch(3, 2, { numberFormat: "[$€-x-euro2] #,##0.00" }); // C4: C001's Revenue
    fake.sheet("Customers").patch(4, 2, { numberFormat: "0.0" }); // C5: later rows do not count
    const source = await workbook.readSource("table");
    expect(source.numberFormats).toEqual(["General", "[$€-x-euro2] #,##0.00", "General", "General"]);
  });

  test("outside any table, or on a blank cell or selection: readable rejections", async () => {
    const { fake, workbook } = customersWorkbook();
    fake.active = { sheet: "Customers", row: 9, column: 6 }; // G10, blank and alone
    await expect(workbook.readSource("table")).rejects.toThrow(NOT_IN_TABLE_MESSAGE);
    await expect(workbook.readSource("table")).rejects.toThrow("The active cell is not in an Excel table");
    await expect(workbook.readSource("region")).rejects.toThrow(BLANK_SOURCE_MESSAGE);
    fake.selection = { sheet: "Customers", top: 19, left: 7, rows: 11, columns: 3 }; // H20:J30
    await expect(workbook.readSource("selection")).rejects.toThrow("Select a cell inside your customer table first");
  });

  test("without Excel (plain browser): a clear error", async () => {
    await expect(new OfficeWorkbook().readSource("table")).rejects.toThrow("Excel is not available");
  });

  test("uses the global Excel by default", async () => {
    const { fake } = customersWorkbook();
    const global = globalThis as { Excel?: unknown };
    global.Excel = fake.host;
    try {
      expect((await new OfficeWorkbook().readSource("table")).address).toBe("B3:E7");
    } finally {
      delete global.Excel;
    }
  });
});

describe("readBlock, sheetNames, ensureSheet", () => {
  test("readBlock returns the block's values, blanks as empty strings", async () => {
    const { workbook } = customersWorkbook();
    expect(await workbook.readBlock("Customers", 2, 4, 3, 2)).toEqual([
      ["Margin", ""],
      [0.25, ""],
      ["#DIV/0!", ""],
    ]);
    expect(await workbook.readBlock("Customers", 0, 0, 0, 3)).toEqual([]);
    await expect(workbook.readBlock("Nope", 0, 0, 1, 1)).rejects.toThrow('There is no sheet named "Nope"');
  });

  test("sheet names in order; ensureSheet adds once", async () => {
    const { fake, workbook } = customersWorkbook();
    expect(await workbook.sheetNames()).toEqual(["Customers", "Other"]);
    await workbook.ensureSheet("CV Results");
    await workbook.ensureSheet("CV Results");
    await workbook.ensureSheet("Other");
    expect(await workbook.sheetNames()).toEqual(["Customers", "Other", "CV Results"]);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Customers", "Other", "CV Results"]);
  });
});

describe("occupiedCells (the no-overwrite rule at this layer)", () => {
  function occupied(): { fake: FakeExcel; workbook: OfficeWorkbook } {
    const { fake, workbook } = customersWorkbook();
    const sheet = fake.sheet("Customers");
    // Target block L1:O5 (rows 0-4, columns 11-14)
    sheet.put(1, 11, [["old score"]]); // L2
    sheet.put(1, 13, [[0]]); // N2: a zero is a value
    sheet.put(3, 12, [[false]]); // M4
    sheet.patch(4, 14, { value: "", formula: '=IF(A1="","","x")' }); // O5: a formula showing ""
    sheet.put(5, 11, [["below the block"]]); // L6, outside
    sheet.put(0, 15, [["right of the block"]]); // P1, outside
    return { fake, workbook };
  }

  test("reports exactly the non-empty cells, row by row, including formulas that show blank", async () => {
    const { fake, workbook } = occupied();
    expect(await workbook.occupiedCells("Customers", 0, 11, 5, 4)).toEqual(["L2", "N2", "M4", "O5"]);
    expect(fake.syncs).toBe(2); // the sheet check and one read
  });

  test("caps the list at the limit (default 20)", async () => {
    const { workbook } = occupied();
    expect(await workbook.occupiedCells("Customers", 0, 11, 5, 4, 2)).toEqual(["L2", "N2"]);
    const { fake, workbook: full } = customersWorkbook();
    const many = Array.from({ length: 30 }, (_, i) => [`x${i}`]);
    fake.sheet("Customers").put(10, 20, many); // U11:U40
    const cells = await full.occupiedCells("Customers", 10, 20, 30, 1);
    expect(cells).toHaveLength(20);
    expect(cells[0]).toBe("U11");
    expect(cells[19]).toBe("U30");
  });

  test("an empty block has no occupied cells", async () => {
    const { workbook } = occupied();
    expect(await workbook.occupiedCells("Customers", 10, 11, 100, 4)).toEqual([]);
    expect(await workbook.occupiedCells("Customers", 0, 11, 5, 4, 0)).toEqual([]);
  });

  test("stops reading once the limit is reached", async () => {
    const { fake } = customersWorkbook();
    fake.sheet("Customers").put(0, 20, Array.from({ length: 100 }, () => ["x"]));
    const workbook = new OfficeWorkbook({ excel: fake.host as unknown as ExcelHost, readCellsPerRequest: 10 });
    expect(await workbook.occupiedCells("Customers", 0, 20, 100, 1, 15)).toHaveLength(15);
    expect(fake.syncs).toBe(1 + 2); // sheet check, then 2 of the 10 chunks
  });
});
