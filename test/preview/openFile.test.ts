/**
 * Opening a user's own CSV or .xlsx file in the preview (src/preview/openFile.ts): .xlsx
 * files built here with exceljs (several sheets, a date, a currency-formatted number, a
 * formula with its cached result, a boolean, an error cell, rich text, a hyperlink, a merge,
 * a table), CSV files with each separator, a byte-order mark, date-times, percents and
 * quoted fields, the refusals' messages, and sheet-name sanitising. Expected values are
 * worked out by hand in the comments (date serials: days since 1899-12-30).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { typeCsvField } from "../../src/preview/excelEmulation";
import { detectDelimiter, parseCsv } from "../../src/preview/csv";
import { MemoryWorkbook } from "../../src/preview/MemoryWorkbook";
import { csvSheetName, dateToSerial, decodeCsv, describeOpened, fileKind, openFile, OpenFileError, readXlsx, uniqueSheetName, xlsxCell } from "../../src/preview/openFile";

const excel = ExcelJS as unknown as Parameters<typeof readXlsx>[2];
const utf8 = (text: string) => new TextEncoder().encode(text);

/** A workbook like the preview's: the three sample sheets, Customers a table. */
function previewLike(): MemoryWorkbook {
  const wb = new MemoryWorkbook({ sheets: ["Customers"] });
  wb.loadCsv("Customers", "CustomerID,Revenue\n12346,77183.6\n12347,4310\n", { tableName: "Customers" });
  wb.loadCsv("Transactions", "CustomerID,Invoice\n12346,541431\n");
  wb.loadCsv("Lines", "CustomerID,Product\n12346,23166\n");
  wb.select("Customers", "B2");
  return wb;
}

async function xlsxBytes(build: (book: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  build(book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** Orders (a table over A1:F3), Notes (rich text, a hyperlink, a merge), and an empty sheet. */
function ordersBook(book: ExcelJS.Workbook): void {
  const orders = book.addWorksheet("Orders");
  orders.addTable({
    name: "OrderTable",
    ref: "A1",
    headerRow: true,
    columns: [{ name: "Customer" }, { name: "Day" }, { name: "Revenue" }, { name: "Paid" }, { name: "Check" }, { name: "Double" }],
    rows: [
      [12346, new Date(Date.UTC(2011, 11, 9)), 77183.6, true, { error: "#N/A" }, { formula: "C2*2", result: 154367.2 }],
      [12347, new Date(Date.UTC(2010, 11, 1, 8, 26)), 4310, false, "ok", { formula: "C3*2", result: 8620 }],
    ],
  });
  orders.getCell("C2").numFmt = '"£"#,##0.00';
  orders.getCell("B2").numFmt = "d mmm yyyy";
  orders.getCell("B3").numFmt = "yyyy-mm-dd hh:mm";
  const notes = book.addWorksheet("Notes");
  notes.mergeCells("A1:C2");
  notes.getCell("A1").value = "Title over three columns";
  notes.getCell("A3").value = { richText: [{ text: "Hello " }, { font: { bold: true }, text: "world" }] };
  notes.getCell("B3").value = { text: "Shop", hyperlink: "https://example.com/" };
  notes.getCell("C3").value = 0.125;
  notes.getCell("C3").numFmt = "0.0%";
  book.addWorksheet("Empty");
}

describe("reading .xlsx cells as Excel has them", () => {
  test("numbers, dates as 1900-system serials with their format, formulas with cached results, booleans, errors", async () => {
    const sheets = await readXlsx(await xlsxBytes(ordersBook), "orders.xlsx", excel);
    expect(sheets.map((s) => s.name)).toEqual(["Orders", "Notes", "Empty"]);
    const [orders, notes, empty] = sheets as [(typeof sheets)[0], (typeof sheets)[0], (typeof sheets)[0]];
    expect(orders.rows[0]?.map((c) => c?.value)).toEqual(["Customer", "Day", "Revenue", "Paid", "Check", "Double"]);
    expect(orders.rows[1]).toEqual([
      { value: 12346 },
      // 2011-12-09: 1899-12-30 → 2011-12-30 is 112 years = 40,908 days (28 leap days counting
      // Excel's 1900), minus 21 days → 40,886 (Excel shows =DATE(2011,12,9) as 40886).
      { value: 40886, numberFormat: "d mmm yyyy" },
      { value: 77183.6, numberFormat: '"£"#,##0.00' },
      { value: true },
      { value: "#N/A" },
      { value: 154367.2, formula: "=C2*2" },
    ]);
    // 2010-12-01 is 40,886 − 373 days (2010-12-01 → 2011-12-09: 365 + 8) = 40,513; 08:26 is 506/1440 of a day.
    expect(orders.rows[2]?.[1]?.value).toBeCloseTo(40513 + 506 / 1440, 9);
    expect(orders.rows[2]?.[1]?.numberFormat).toBe("yyyy-mm-dd hh:mm");
    expect(orders.rows[2]?.[3]).toEqual({ value: false });
    expect(orders.rows[2]?.[5]).toEqual({ value: 8620, formula: "=C3*2" });
    expect(orders.tables).toEqual([{ name: "OrderTable", address: "A1:F3" }]);

    // The merge's value only in its top-left cell; rich text joined; a hyperlink's text.
    expect(notes.rows).toEqual([
      [{ value: "Title over three columns" }],
      [],
      [{ value: "Hello world" }, { value: "Shop" }, { value: 0.125, numberFormat: "0.0%" }],
    ]);
    expect(empty.rows).toEqual([]);
  });

  test("a date with no number format gets yyyy-mm-dd; General is not kept; an empty cell is nothing", () => {
    const sheet = new ExcelJS.Workbook().addWorksheet("S");
    sheet.getCell("A1").value = new Date(Date.UTC(2011, 11, 9));
    sheet.getCell("B1").value = 3.5;
    sheet.getCell("B1").numFmt = "General";
    expect(xlsxCell(sheet.getCell("A1"))).toEqual({ value: 40886, numberFormat: "yyyy-mm-dd" });
    expect(xlsxCell(sheet.getCell("B1"))).toEqual({ value: 3.5 });
    expect(xlsxCell(sheet.getCell("C1"))).toBeUndefined();
    // Day 0 and 1900-03-01 (serial 61: Excel counts the 29 February 1900 that never was).
    expect(dateToSerial(new Date(Date.UTC(1899, 11, 30)))).toBe(0);
    expect(dateToSerial(new Date(Date.UTC(1900, 2, 1)))).toBe(61);
  });

  test("opening an .xlsx adds every sheet after the sample ones, its table, and makes the first active at A1", async () => {
    const wb = previewLike();
    const opened = await openFile(wb, { name: "orders.xlsx", bytes: await xlsxBytes(ordersBook) }, excel);
    expect(opened).toEqual({
      fileName: "orders.xlsx",
      sheets: ["Orders", "Notes", "Empty"],
      rows: 3 + 3 + 0,
      tables: ["OrderTable"],
      message: "Opened orders.xlsx: 3 sheets, 6 rows",
    });
    expect(await wb.sheetNames()).toEqual(["Customers", "Transactions", "Lines", "Orders", "Notes", "Empty"]);
    expect(wb.activeSheet).toBe("Orders");
    expect(wb.activeCell()).toEqual({ row: 0, column: 0 });
    expect(wb.selection()).toEqual({ top: 0, left: 0, rows: 1, columns: 1 });
    expect(wb.cell("Orders", "B2")).toEqual({ value: 40886, numberFormat: "d mmm yyyy" });
    expect(wb.cell("Orders", "F2")).toEqual({ value: 154367.2, formula: "=C2*2" });
    expect(wb.tables("Orders")).toEqual([{ name: "OrderTable", sheet: "Orders", top: 0, left: 0, rows: 3, columns: 6 }]);
    // The pane can read it as the table around the active cell, dates as dates.
    const source = await wb.readSource("table");
    expect(source.address).toBe("A1:F3");
    expect(source.numberFormats?.[1]).toBe("d mmm yyyy");
    // The samples are still there to compare with.
    expect(wb.value("Customers", "B2")).toBe(77183.6);
  });

  test("opened twice: sheets are numbered and the table gets another name", async () => {
    const wb = previewLike();
    const bytes = await xlsxBytes(ordersBook);
    await openFile(wb, { name: "orders.xlsx", bytes }, excel);
    const again = await openFile(wb, { name: "orders.xlsx", bytes }, excel);
    expect(again.sheets).toEqual(["Orders (2)", "Notes (2)", "Empty (2)"]);
    expect(again.tables).toEqual(["OrderTable_2"]);
    expect(wb.activeSheet).toBe("Orders (2)");
  });

  test("a worksheet named like a sample sheet is renamed, not merged into it", async () => {
    const wb = previewLike();
    const bytes = await xlsxBytes((book) => {
      const sheet = book.addWorksheet("customers");
      sheet.addTable({ name: "Customers", ref: "A1", columns: [{ name: "Id" }, { name: "Spend" }], rows: [[1, 2]] });
    });
    const opened = await openFile(wb, { name: "mine.xlsx", bytes }, excel);
    expect(opened.sheets).toEqual(["customers (2)"]);
    expect(opened.tables).toEqual(["Customers_2"]);
    expect(wb.value("Customers", "A2")).toBe(12346);
  });

  test("a sheet taller than a worksheet is refused by name, and nothing is added", async () => {
    const wb = previewLike();
    const bytes = await xlsxBytes((book) => {
      book.addWorksheet("Fine").getCell("A1").value = 1;
      book.addWorksheet("Huge").getCell("A1048577").value = 1;
    });
    await expect(openFile(wb, { name: "big.xlsx", bytes }, excel)).rejects.toThrow(
      new OpenFileError('big.xlsx cannot be opened: sheet "Huge" has 1,048,577 rows, and a worksheet holds 1,048,576 rows.'),
    );
    expect(await wb.sheetNames()).toEqual(["Customers", "Transactions", "Lines"]);
  });

  test("a sheet wider than XFD is refused with the column limit", async () => {
    const bytes = await xlsxBytes((book) => {
      book.addWorksheet("Wide").getCell("B1").value = 1;
    });
    // exceljs cannot write a cell right of XFD: move B1 there in the sheet's XML.
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    zip.file("xl/worksheets/sheet1.xml", xml.replace(/r="B1"/g, 'r="XFE1"').replace(/ref="[^"]*"/g, 'ref="A1:XFE1"'));
    const wide = await zip.generateAsync({ type: "uint8array" });
    await expect(openFile(previewLike(), { name: "wide.xlsx", bytes: wide }, excel)).rejects.toThrow(/^wide\.xlsx cannot be opened: .*a worksheet holds 16,384 columns/);
  });

  test("a corrupt .xlsx, an empty file, an unknown extension: readable errors naming the file", async () => {
    const wb = previewLike();
    await expect(openFile(wb, { name: "orders.xlsx", bytes: utf8("id,amount\n1,2\n") }, excel)).rejects.toThrow(
      /^orders\.xlsx could not be read as an \.xlsx workbook \(.+\)\. Save it from Excel as "Excel Workbook \(\.xlsx\)" and try again\.$/,
    );
    await expect(openFile(wb, { name: "orders.xlsx", bytes: new Uint8Array(0) }, excel)).rejects.toThrow(new OpenFileError("orders.xlsx is empty."));
    await expect(openFile(wb, { name: "orders.csv", bytes: new Uint8Array(0) })).rejects.toThrow(new OpenFileError("orders.csv is empty."));
    await expect(openFile(wb, { name: "blank.csv", bytes: utf8("\uFEFF \r\n\r\n") })).rejects.toThrow(new OpenFileError("blank.csv is empty."));
    await expect(openFile(wb, { name: "orders.pdf", bytes: utf8("%PDF") })).rejects.toThrow(
      new OpenFileError("orders.pdf is not a file the preview opens: choose a .csv or an .xlsx file."),
    );
    await expect(openFile(wb, { name: "old.xls", bytes: utf8("x") })).rejects.toThrow(/^old\.xls is not a file .* Save it from Excel as "Excel Workbook \(\.xlsx\)" first\.$/);
    const emptyBook = await xlsxBytes((book) => book.addWorksheet("Nothing"));
    await expect(openFile(wb, { name: "nothing.xlsx", bytes: emptyBook }, excel)).rejects.toThrow(new OpenFileError("nothing.xlsx has no cells on any of its sheets."));
    expect(await wb.sheetNames()).toEqual(["Customers", "Transactions", "Lines"]);
    expect(wb.activeSheet).toBe("Customers");
  });
});

describe("opening CSV files as Excel's import types them", () => {
  test("one sheet named after the file: numbers, ISO dates and date-times, percents, booleans, quoted fields", async () => {
    const wb = previewLike();
    const csv = [
      "InvoiceNo,Description,Quantity,InvoiceDate,UnitPrice,Discount,Gift,Day",
      '536365,"WHITE HANGING HEART, T-LIGHT",6,2010-12-01 08:26,2.55,12%,TRUE,2011-12-09',
      '536366,"said ""hi""",-1,2010-12-01 08:28:30,.5,7.5%,false,',
      "",
    ].join("\r\n");
    const opened = await openFile(wb, { name: "online retail.csv", bytes: utf8(csv) });
    expect(opened).toEqual({ fileName: "online retail.csv", sheets: ["online retail"], rows: 3, tables: [], message: "Opened online retail.csv: 1 sheet, 3 rows" });
    const at = (a: string) => wb.cell("online retail", a);
    expect(at("A2")).toEqual({ value: 536365 });
    expect(at("B2")).toEqual({ value: "WHITE HANGING HEART, T-LIGHT" });
    expect(at("B3")).toEqual({ value: 'said "hi"' });
    expect(at("C3")).toEqual({ value: -1 });
    // 2010-12-01 = 40,513 (see the .xlsx test); 08:26 = 506 / 1440; 08:28:30 = 30,510 / 86,400.
    expect(at("D2")?.value).toBeCloseTo(40513 + 506 / 1440, 9);
    expect(at("D2")?.numberFormat).toBe("yyyy-mm-dd hh:mm");
    expect(at("D3")?.value).toBeCloseTo(40513 + 30510 / 86400, 9);
    expect(at("D3")?.numberFormat).toBe("yyyy-mm-dd hh:mm:ss");
    expect(at("E3")).toEqual({ value: 0.5 });
    expect(at("F2")).toEqual({ value: 0.12, numberFormat: "0%" });
    expect(at("F3")).toEqual({ value: 0.075, numberFormat: "0.00%" });
    expect(at("G2")).toEqual({ value: true });
    expect(at("G3")).toEqual({ value: false });
    expect(at("H2")).toEqual({ value: 40886, numberFormat: "yyyy-mm-dd" });
    expect(at("H3")).toBeUndefined();
    expect(wb.activeSheet).toBe("online retail");
    expect(wb.tables("online retail")).toEqual([]);
  });

  test("semicolon files (with decimal commas) and tab files; a byte-order mark is dropped", async () => {
    const wb = previewLike();
    await openFile(wb, { name: "kunden.csv", bytes: utf8("\uFEFFKunde;Umsatz;Anteil\n12346;1234,5;12,5%\n12347;7;3%\n") });
    expect(wb.value("kunden", "A1")).toBe("Kunde");
    expect(wb.cell("kunden", "B2")).toEqual({ value: 1234.5 });
    expect(wb.cell("kunden", "C2")).toEqual({ value: 0.125, numberFormat: "0.00%" });
    expect(wb.cell("kunden", "C3")).toEqual({ value: 0.03, numberFormat: "0%" });
    expect(wb.extent("kunden")).toEqual({ rows: 3, columns: 3 });
    await openFile(wb, { name: "tabs.csv", bytes: utf8("id\tname, first\tspend\n1\tSmith, J\t2.5\n") });
    expect(wb.value("tabs", "B1")).toBe("name, first");
    expect(wb.value("tabs", "B2")).toBe("Smith, J");
    expect(wb.value("tabs", "C2")).toBe(2.5);
  });

  test("Windows-1252 text (not valid UTF-8) is read as Excel on Windows saves it", () => {
    expect(decodeCsv(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x2c, 0x80]))).toBe("Café,€");
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe("a");
  });

  test("a CSV longer than a worksheet is refused, naming the file and the sheet, and nothing is added", async () => {
    const wb = previewLike();
    const bytes = utf8("n\n" + "1\n".repeat(1_048_576));
    await expect(openFile(wb, { name: "tall.csv", bytes })).rejects.toThrow(
      new OpenFileError('tall.csv cannot be opened as sheet "tall": the CSV has 1,048,577 rows; a worksheet holds 1,048,576 rows.'),
    );
    expect(await wb.sheetNames()).toEqual(["Customers", "Transactions", "Lines"]);
  });

  test("typeCsvField and detectDelimiter by themselves", () => {
    expect(typeCsvField("12%")).toEqual({ value: 0.12, numberFormat: "0%" });
    expect(typeCsvField("-7.3 %")).toEqual({ value: -0.073, numberFormat: "0.00%" });
    expect(typeCsvField("12,5%")).toEqual({ value: "12,5%" });
    expect(typeCsvField("12,5")).toEqual({ value: "12,5" });
    expect(typeCsvField("12,5", "serial", ",")).toEqual({ value: 12.5 });
    expect(typeCsvField("2010-12-01T08:26:00")).toEqual({ value: 40513 + 506 / 1440, numberFormat: "yyyy-mm-dd hh:mm:ss" });
    expect(typeCsvField("2010-12-01 25:00")).toEqual({ value: "2010-12-01 25:00" });
    expect(typeCsvField("2010-12-01 08:26", "text")).toEqual({ value: "2010-12-01 08:26" });
    expect(detectDelimiter("a,b,c\n1;2;3;4;5\n")).toBe(",");
    expect(detectDelimiter('"x;y";b;c\n')).toBe(";");
    expect(detectDelimiter("a\tb\n")).toBe("\t");
    expect(detectDelimiter("single\n")).toBe(",");
    expect(parseCsv("a;\"b;c\"\n", ";")).toEqual([["a", "b;c"]]);
  });
});

describe("names", () => {
  test("file kinds by extension", () => {
    expect(fileKind("a.CSV")).toBe("csv");
    expect(fileKind("Orders.XLSX")).toBe("xlsx");
    expect(fileKind("orders.xls")).toBeUndefined();
    expect(fileKind("orders")).toBeUndefined();
  });

  test("sheet names: Excel's forbidden characters, 31 characters, dedup ignoring case with (2), (3)", () => {
    expect(uniqueSheetName("a/b:c?d*e[f]g\\h", [])).toBe("a_b_c_d_e_f_g_h");
    expect(uniqueSheetName("'quoted'", [])).toBe("quoted");
    expect(uniqueSheetName("   ", [])).toBe("Sheet");
    expect(uniqueSheetName("History", [])).toBe("History (2)");
    expect(uniqueSheetName("Customers", ["customers"])).toBe("Customers (2)");
    expect(uniqueSheetName("Customers", ["Customers", "Customers (2)"])).toBe("Customers (3)");
    const long = "Customer lifetime value by month of 2011"; // 40 characters
    expect(uniqueSheetName(long, [])).toBe("Customer lifetime value by mont"); // the first 31
    expect(uniqueSheetName(long, ["Customer lifetime value by mont"])).toBe("Customer lifetime value by (2)"); // 26 + " (2)" after trimming a space
    expect(csvSheetName("C:\\data\\orders.2011.csv", [])).toBe("orders.2011");
    expect(csvSheetName("[draft] orders.csv", [])).toBe("_draft_ orders");
  });

  test("the banner line", () => {
    expect(describeOpened("orders.xlsx", 2, 12345)).toBe("Opened orders.xlsx: 2 sheets, 12,345 rows");
    expect(describeOpened("one.csv", 1, 1)).toBe("Opened one.csv: 1 sheet, 1 row");
  });
});
