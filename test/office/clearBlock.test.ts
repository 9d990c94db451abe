/**
 * OfficeWorkbook.clearBlock against office-addin-mock: a block's contents and formats are
 * cleared with Range.clear("All") and its conditional formats with clearAll (cells outside
 * keep theirs), in row chunks of at most CLEAR_CELLS_PER_REQUEST cells, one sync each; a
 * missing sheet or an empty block does nothing.
 */
import { CLEAR_CELLS_PER_REQUEST, OfficeWorkbook, type ExcelHost } from "../../src/office/OfficeWorkbook";
import { FakeExcel } from "./fakeExcel";

function setup(options: { clearCellsPerRequest?: number } = {}): { fake: FakeExcel; workbook: OfficeWorkbook } {
  const fake = new FakeExcel(["Customers"]);
  const sheet = fake.sheet("Customers");
  // A customer table in A1:B4 and earlier CV columns in C1:D4, formatted, with a data bar and tier colours.
  sheet.put(0, 0, [["Id", "Revenue", "CV Score", "CV Tier"], ["C1", 10, 91.2, "Top"], ["C2", 20, 40.5, "Base"], ["C3", 30, 12, "Base"]]);
  for (let r = 1; r <= 3; r++) sheet.patch(r, 2, { numberFormat: "0.0" });
  sheet.patch(1, 1, { numberFormat: "#,##0" });
  sheet.conditionalFormats.push(
    { address: "B2:B4", type: "ColorScale" },
    { address: "C2:C4", type: "DataBar" },
    { address: "D2:D4", type: "CellValue", rule: { formula1: '="Top"', operator: "EqualTo" }, fill: "#1F4E79" },
  );
  return { fake, workbook: new OfficeWorkbook({ excel: fake.host as unknown as ExcelHost, ...options }) };
}

describe("clearBlock", () => {
  test("clears contents, formats and conditional formats of the block; the cells beside it keep theirs", async () => {
    const { fake, workbook } = setup();
    await workbook.clearBlock("Customers", 0, 2, 4, 2);
    const sheet = fake.sheet("Customers");
    expect(sheet.grid({ top: 0, left: 0, rows: 4, columns: 4 }, (c) => c?.value ?? "")).toEqual([
      ["Id", "Revenue", "", ""],
      ["C1", 10, "", ""],
      ["C2", 20, "", ""],
      ["C3", 30, "", ""],
    ]);
    expect(sheet.cell(1, 2)).toBeUndefined();
    expect(sheet.cell(1, 1)?.numberFormat).toBe("#,##0");
    expect(sheet.clears).toEqual([{ address: "C1:D4", applyTo: "All" }]);
    expect(sheet.conditionalFormats).toEqual([{ address: "B2:B4", type: "ColorScale" }]);
    expect(fake.syncs).toBe(2); // the sheet, then the clear
  });

  test("a conditional format partly inside keeps the rows outside the block", async () => {
    const { fake, workbook } = setup();
    await workbook.clearBlock("Customers", 2, 2, 1, 1);
    expect(fake.sheet("Customers").conditionalFormats.filter((f) => f.type === "DataBar").map((f) => f.address)).toEqual(["C2", "C4"]);
  });

  test("a 1,000,000-row block goes in a few requests of at most CLEAR_CELLS_PER_REQUEST cells, consecutive, one sync each", async () => {
    const { fake, workbook } = setup();
    await workbook.clearBlock("Customers", 0, 2, 1_000_000, 4);
    const clears = fake.sheet("Customers").clears;
    const rowsPerRequest = CLEAR_CELLS_PER_REQUEST / 4;
    expect(clears).toEqual([
      { address: `C1:F${rowsPerRequest}`, applyTo: "All" },
      { address: `C${rowsPerRequest + 1}:F1000000`, applyTo: "All" },
    ]);
    expect(fake.syncs).toBe(1 + clears.length);
    expect(fake.sheet("Customers").value(1, 2)).toBe("");
    // The data bar (C2:C4) lay in the first chunk; the colour scale on B is outside the block.
    expect(fake.sheet("Customers").conditionalFormats.map((f) => f.address)).toEqual(["B2:B4"]);
  });

  test("smaller requests when asked: a format across two chunks is cleared from both", async () => {
    const { fake, workbook } = setup({ clearCellsPerRequest: 4 });
    await workbook.clearBlock("Customers", 1, 2, 3, 2);
    expect(fake.sheet("Customers").clears.map((c) => c.address)).toEqual(["C2:D3", "C4:D4"]);
    expect(fake.sheet("Customers").conditionalFormats).toEqual([{ address: "B2:B4", type: "ColorScale" }]);
    expect(fake.syncs).toBe(3);
  });

  test("no sheet, no rows or no columns: nothing happens; a block off the sheet is an error", async () => {
    const { fake, workbook } = setup();
    await workbook.clearBlock("Nope", 0, 0, 10, 10);
    expect(fake.syncs).toBe(1);
    const runs = fake.runs;
    await workbook.clearBlock("Customers", 0, 0, 0, 4);
    await workbook.clearBlock("Customers", 0, 0, 4, 0);
    expect(fake.runs).toBe(runs);
    expect(fake.sheet("Customers").clears).toEqual([]);
    await expect(workbook.clearBlock("Customers", 1, 0, 1_048_576, 1)).rejects.toThrow("1,048,576 rows from row 2 do not fit on a sheet of 1,048,576 rows.");
  });
});
