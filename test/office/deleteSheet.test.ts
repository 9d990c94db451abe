/**
 * OfficeWorkbook.deleteSheet against office-addin-mock: an add-in-owned sheet is deleted when
 * it exists (nothing happens when it does not); deleting the active sheet first activates the
 * next visible sheet (right, else left); a very hidden sheet is made hidden before Excel is
 * asked to delete it; and the last visible sheet, which Excel will not delete, is emptied.
 */
import { OfficeWorkbook, type ExcelHost } from "../../src/office/OfficeWorkbook";
import { FakeExcel } from "./fakeExcel";

function setup(names: string[]): { fake: FakeExcel; workbook: OfficeWorkbook } {
  const fake = new FakeExcel(names);
  return { fake, workbook: new OfficeWorkbook({ excel: fake.host as unknown as ExcelHost }) };
}

describe("deleteSheet", () => {
  test("deletes the sheet, its tables with it; the other sheets keep their order", async () => {
    const { fake, workbook } = setup(["Customers", "CV Rules", "CV Summary"]);
    fake.sheet("CV Rules").put(0, 0, [["Antecedent"], ["PINK DOG BOWL"]]);
    fake.tables.push({ name: "Rules", sheet: "CV Rules", top: 0, left: 0, rows: 2, columns: 1 });
    await workbook.deleteSheet("CV Rules");
    expect(fake.sheets.map((s) => s.name)).toEqual(["Customers", "CV Summary"]);
    expect(fake.tables).toEqual([]);
    expect(fake.active.sheet).toBe("Customers");
    expect(fake.syncs).toBe(2);
  });

  test("a sheet that is not there: nothing changes, one sync", async () => {
    const { fake, workbook } = setup(["Customers"]);
    await workbook.deleteSheet("CV Rules");
    expect(fake.sheets.map((s) => s.name)).toEqual(["Customers"]);
    expect(fake.syncs).toBe(1);
  });

  test("the active sheet: the next visible sheet to its right becomes active, else the one to its left", async () => {
    const { fake, workbook } = setup(["Customers", "CV Rules", "Hidden", "CV Summary"]);
    fake.sheet("Hidden").visibility = "Hidden";
    fake.active = { sheet: "CV Rules", row: 3, column: 2 };
    await workbook.deleteSheet("CV Rules");
    expect(fake.sheets.map((s) => s.name)).toEqual(["Customers", "Hidden", "CV Summary"]);
    expect(fake.active.sheet).toBe("CV Summary");

    fake.active = { sheet: "CV Summary", row: 0, column: 0 };
    await workbook.deleteSheet("CV Summary");
    expect(fake.sheets.map((s) => s.name)).toEqual(["Customers", "Hidden"]);
    expect(fake.active.sheet).toBe("Customers");
  });

  test("a very hidden sheet is made hidden first (Excel refuses to delete a very hidden one), then deleted", async () => {
    const { fake, workbook } = setup(["Customers", "CV Model"]);
    fake.sheet("CV Model").visibility = "VeryHidden";
    await workbook.deleteSheet("CV Model");
    expect(fake.sheets.map((s) => s.name)).toEqual(["Customers"]);
    expect(fake.syncs).toBe(3);
  });

  test("the last visible sheet is emptied instead: cells, formats, conditional formats, charts and tables; it stays", async () => {
    const { fake, workbook } = setup(["CV Summary", "Hidden"]);
    fake.sheet("Hidden").visibility = "Hidden";
    const sheet = fake.sheet("CV Summary");
    sheet.put(0, 0, [["Customer value"], ["As of 2011-12-09"]]);
    sheet.patch(5, 1, { value: 0.25, numberFormat: "0.0%" });
    sheet.charts.push({ type: "BarClustered", source: "B6:B8", title: "Customers per tier", series: [] });
    sheet.conditionalFormats.push({ address: "B6:B8", type: "DataBar" });
    fake.tables.push({ name: "Tiers", sheet: "CV Summary", top: 4, left: 0, rows: 4, columns: 2 });

    await workbook.deleteSheet("CV Summary");

    expect(fake.sheets.map((s) => s.name)).toEqual(["CV Summary", "Hidden"]);
    expect(fake.sheet("CV Summary")).toBe(sheet);
    expect(sheet.cells.size).toBe(0);
    expect(sheet.clears).toEqual([{ address: "A1:XFD1048576", applyTo: "All" }]);
    expect(sheet.conditionalFormats).toEqual([]);
    expect(sheet.charts).toEqual([]);
    expect(fake.tables).toEqual([]);
  });

  test("the only sheet is emptied, not deleted", async () => {
    const { fake, workbook } = setup(["CV Rules"]);
    fake.sheet("CV Rules").put(0, 0, [["Antecedent"]]);
    await workbook.deleteSheet("CV Rules");
    expect(fake.sheets.map((s) => s.name)).toEqual(["CV Rules"]);
    expect(fake.sheet("CV Rules").value(0, 0)).toBe("");
  });
});
