import { readFileSync } from "node:fs";
import path from "node:path";
import { DATE_FORMAT, MemoryWorkbook, typeCsvField } from "../../src/preview/MemoryWorkbook";
import { cellView, columnWidths, sheetDecorations, spillRangeOf } from "../../src/preview/gridModel";
import { catalogueFromMetadata } from "../../src/preview/formulas/catalogue";
import { formatCellText, isoDateToSerial } from "../../src/preview/numberFormat";
import { scaleSampleCsv } from "../../src/preview/sample";
import { mapSettingsStore } from "../../src/preview/settingsStore";
import { parseAddress } from "../../src/workbook/address";
import { planChunks } from "../../src/workbook/chunks";
import type { ChartSpec, ResultBlock, SummarySheet } from "../../src/workbook/Workbook";

/**
 *      A     B     C     D   E
 *  1   id    name  rev       note
 *  2   1     Ann   10        x
 *  3   2           20
 *  4   3     Cy
 *  5
 *  6   junk
 * Column D is empty (it ends the region of A1); B3 and C4 are blanks inside it; row 5 is empty.
 */
const SMALL = "id,name,rev,,note\n1,Ann,10,,x\n2,,20,,\n3,Cy,,,\n,,,,\njunk,,,,\n";

function small(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  wb.loadCsv("Sheet1", SMALL);
  return wb;
}

describe("readSource", () => {
  test("region: the contiguous block around the active cell, blanks inside kept as \"\"", async () => {
    const wb = small();
    wb.select("Sheet1", "B2");
    const range = await wb.readSource("region");
    expect(range).toEqual({
      kind: "region",
      sheet: "Sheet1",
      address: "A1:C4",
      top: 0,
      left: 0,
      values: [
        ["id", "name", "rev"],
        [1, "Ann", 10],
        [2, "", 20],
        [3, "Cy", ""],
      ],
      numberFormats: ["General", "General", "General"],
    });
  });

  test("region: from an empty cell between two blocks it joins them (Ctrl+* does too)", async () => {
    const wb = small();
    wb.select("Sheet1", "D1");
    expect((await wb.readSource("region")).address).toBe("A1:E4");
    wb.select("Sheet1", "E2");
    expect((await wb.readSource("region")).address).toBe("E1:E2");
    wb.select("Sheet1", "A6");
    expect(await wb.readSource("region")).toMatchObject({ address: "A6", values: [["junk"]] });
  });

  test("region: diagonal neighbours count", async () => {
    const wb = new MemoryWorkbook();
    wb.loadCsv("Sheet1", "a,b\nc,d\n,,e\n");
    wb.select("Sheet1", "A1");
    expect((await wb.readSource("region")).address).toBe("A1:C3");
  });

  test("region: an isolated empty cell is a readable error", async () => {
    const wb = small();
    wb.select("Sheet1", "H10");
    await expect(wb.readSource("region")).rejects.toThrow(
      "The active cell H10 is empty and has no data around it. Select a cell inside your customer table first.",
    );
  });

  test("table: the table holding the active cell, with its name; outside any table a readable error", async () => {
    const wb = small();
    wb.addTable("People", "Sheet1", "A1:C4");
    wb.select("Sheet1", "C3");
    const range = await wb.readSource("table");
    expect(range).toMatchObject({ kind: "table", sheet: "Sheet1", address: "A1:C4", tableName: "People", top: 0, left: 0 });
    expect(range.values[2]).toEqual([2, "", 20]);
    // The region around a table cell is the table: it carries the table's name too.
    expect((await wb.readSource("region")).tableName).toBe("People");

    wb.select("Sheet1", "E1");
    await expect(wb.readSource("table")).rejects.toThrow(/^The active cell is not in an Excel table/);
    expect(() => wb.addTable("Other", "Sheet1", "C4:D5")).toThrow('C4:D5 overlaps the table "People"');
    expect(() => wb.addTable("people", "Sheet1", "G1:H2")).toThrow('A table named "people" already exists');
  });

  test("selection: exactly the selected block; an empty selection is an error", async () => {
    const wb = small();
    wb.select("Sheet1", "B2:C3", "C3");
    expect(wb.activeCell()).toEqual({ row: 2, column: 2 });
    expect(await wb.readSource("selection")).toMatchObject({
      address: "B2:C3",
      top: 1,
      left: 1,
      values: [
        ["Ann", 10],
        ["", 20],
      ],
    });
    wb.select("Sheet1", "G1:H3");
    await expect(wb.readSource("selection")).rejects.toThrow("The selection is empty. Select your customer table (header row included) first.");
    expect(() => wb.select("Sheet1", "A1:B2", "C3")).toThrow("The active cell C3 is not inside A1:B2");
  });

  test("active cell and selection are remembered per sheet", async () => {
    const wb = small();
    await wb.ensureSheet("Other");
    wb.select("Sheet1", "A6");
    wb.select("Other", "B2");
    expect(wb.activeSheet).toBe("Other");
    wb.activate("Sheet1");
    expect(await wb.readSource("region")).toMatchObject({ sheet: "Sheet1", address: "A6" });
  });
});

describe("readBlock, occupiedCells, sheets", () => {
  test("readBlock gives \"\" for empty cells, including beyond the used range", async () => {
    const wb = small();
    expect(await wb.readBlock("Sheet1", 0, 3, 2, 3)).toEqual([
      ["", "note", ""],
      ["", "x", ""],
    ]);
    await expect(wb.readBlock("Nope", 0, 0, 1, 1)).rejects.toThrow('There is no sheet named "Nope" in this workbook.');
  });

  test("occupiedCells lists non-empty cells row by row, at most `limit` (default 20)", async () => {
    const wb = small();
    expect(await wb.occupiedCells("Sheet1", 0, 0, 6, 5, 4)).toEqual(["A1", "B1", "C1", "E1"]);
    expect(await wb.occupiedCells("Sheet1", 0, 0, 6, 5)).toEqual(["A1", "B1", "C1", "E1", "A2", "B2", "C2", "E2", "A3", "C3", "A4", "B4", "A6"]);
    expect(await wb.occupiedCells("Sheet1", 0, 3, 1000, 1)).toEqual([]);
    const many = new MemoryWorkbook();
    many.loadCsv("Sheet1", Array.from({ length: 50 }, (_, i) => String(i + 1)).join("\n"));
    expect(await many.occupiedCells("Sheet1", 0, 0, 50, 1)).toHaveLength(20);
  });

  test("sheetNames in order; ensureSheet adds once (names match case-insensitively)", async () => {
    const wb = new MemoryWorkbook({ sheets: ["Customers"] });
    await wb.ensureSheet("CV Summary");
    await wb.ensureSheet("cv summary");
    expect(await wb.sheetNames()).toEqual(["Customers", "CV Summary"]);
  });
});

describe("writeBlock", () => {
  const tiers = ["Gold", "Core", "Base"];
  const block = (rows: number): ResultBlock => ({
    sheet: "Sheet1",
    top: 0,
    left: 5,
    headers: ["CV Score", "CV Tier"],
    rows: Array.from({ length: rows }, (_, i) => [i / 10, tiers[i % 3] as string]),
    numberFormats: ["0.0", null],
  });

  test("chunked as planned (each row is 4 + 26 + 16 bytes: 13 rows under a 600-byte budget); progress ends at the total", async () => {
    // requestLimitBytes 1000 → budget 600 bytes (planChunks keeps 40% headroom).
    const wb = new MemoryWorkbook({ requestLimitBytes: 1000 });
    const progress: Array<[number, number]> = [];
    const seen: number[] = [];
    wb.subscribe(() => seen.push(wb.version));
    await wb.writeBlock(block(30), { onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual([
      [13, 30],
      [26, 30],
      [30, 30],
    ]);
    expect(seen.length).toBe(3); // one change notification a chunk
    expect(wb.value("Sheet1", "F1")).toBe("CV Score");
    expect(wb.value("Sheet1", "G1")).toBe("CV Tier");
    expect(wb.cell("Sheet1", "F31")).toEqual({ value: 2.9, numberFormat: "0.0" });
    expect(wb.cell("Sheet1", "G31")).toEqual({ value: "Base" });
    expect(wb.extent("Sheet1")).toEqual({ rows: 31, columns: 7 });
  });

  test("with Excel's 5 MB limit, 120,000 rows go in several chunks, as planChunks says", async () => {
    const wb = new MemoryWorkbook();
    const rows = Array.from({ length: 120_000 }, (_, i) => [Math.PI * i, i % 7 === 0 ? "Medium" : "Small", `Customer ${i}`]);
    const progress: number[] = [];
    await wb.writeBlock({ sheet: "Sheet1", top: 0, left: 0, headers: ["a", "b", "c"], rows }, { onProgress: (done) => progress.push(done) });
    expect(progress).toEqual(planChunks(rows, undefined).map(([, end]) => end));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[progress.length - 1]).toBe(120_000);
    expect(wb.value("Sheet1", "C120001")).toBe("Customer 119999");
  });

  test("abort after the first chunk: rejects with AbortError and only the first chunk is written", async () => {
    const wb = new MemoryWorkbook({ requestLimitBytes: 1000 });
    const controller = new AbortController();
    const progress: number[] = [];
    const write = wb.writeBlock(block(30), {
      signal: controller.signal,
      onProgress: (done) => {
        progress.push(done);
        controller.abort();
      },
    });
    await expect(write).rejects.toMatchObject({ name: "AbortError", message: "The write was cancelled." });
    expect(progress).toEqual([13]);
    expect(wb.value("Sheet1", "F14")).toBe(1.2); // the block's 13th row (0-based 12)
    expect(wb.value("Sheet1", "F15")).toBe("");
    expect(await wb.occupiedCells("Sheet1", 14, 5, 30, 2)).toEqual([]);
  });

  test("abort while the UI paints (between chunks) stops before the next one; aborted before the start writes nothing", async () => {
    const wb = new MemoryWorkbook({ requestLimitBytes: 1000 });
    const controller = new AbortController();
    const write = wb.writeBlock(block(30), { signal: controller.signal });
    controller.abort(); // the first chunk is written synchronously; the abort lands in the pause
    await expect(write).rejects.toThrow(expect.objectContaining({ name: "AbortError" }));
    expect(await wb.occupiedCells("Sheet1", 0, 5, 40, 2, 100)).toHaveLength(2 + 2 * 13);

    const wb2 = new MemoryWorkbook();
    await expect(wb2.writeBlock(block(3), { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: "AbortError" });
    expect(wb2.extent("Sheet1")).toEqual({ rows: 0, columns: 0 });
  });

  test("formulas are stored; the cell shows the value given alongside; null clears", async () => {
    const wb = small();
    await wb.writeBlock({
      sheet: "Sheet1",
      top: 0,
      left: 5,
      headers: ["CV Score", "CV Tier"],
      rows: [
        [71.5, "Top"],
        [20, "Base"],
        [Number.NaN, null],
      ],
      formulas: [
        ["=CV.SCORE(B2:C4,{1,2})", null],
        [null, null],
        [null, null],
      ],
    });
    expect(wb.cell("Sheet1", "F2")).toEqual({ value: 71.5, formula: "=CV.SCORE(B2:C4,{1,2})" });
    expect(wb.cell("Sheet1", "F3")).toEqual({ value: 20 });
    expect(wb.cell("Sheet1", "F4")).toEqual({ value: "" });
    // Re-apply with values only: formulas go, blanks clear old values.
    await wb.writeBlock({ sheet: "Sheet1", top: 0, left: 5, headers: ["CV Score"], rows: [[null], [5], [6]] });
    expect(wb.cell("Sheet1", "F2")).toEqual({ value: "" });
    expect(wb.cell("Sheet1", "F3")).toEqual({ value: 5 });
    expect(await wb.occupiedCells("Sheet1", 1, 5, 3, 1)).toEqual(["F3", "F4"]);
  });

  test("shape errors are readable", async () => {
    const wb = new MemoryWorkbook();
    await expect(wb.writeBlock({ sheet: "Sheet1", top: 0, left: 0, headers: ["a", "b"], rows: [[1, 2], [3]] })).rejects.toThrow(
      "Result row 2 has 1 values for 2 columns.",
    );
    await expect(wb.writeBlock({ sheet: "Nope", top: 0, left: 0, headers: ["a"], rows: [] })).rejects.toThrow('There is no sheet named "Nope"');
  });

  test("an empty write writes the header and reports 0 of 0", async () => {
    const wb = new MemoryWorkbook();
    const progress: Array<[number, number]> = [];
    await wb.writeBlock({ sheet: "Sheet1", top: 2, left: 1, headers: ["CV Score"], rows: [] }, { onProgress: (d, t) => progress.push([d, t]) });
    expect(progress).toEqual([[0, 0]]);
    expect(wb.value("Sheet1", "B3")).toBe("CV Score");
  });
});

describe("writeSummary and applyFormats", () => {
  const chart: ChartSpec = {
    type: "bar",
    title: "Customers and value by tier",
    categories: ["Top", "Core", "Base"],
    series: [
      { name: "Share of customers", values: [0.2, 0.3, 0.5] },
      { name: "Share of value", values: [0.7, 0.2, 0.1] },
    ],
  };
  const summary: SummarySheet = {
    name: "CV Summary",
    title: "Customer value pyramid",
    subtitle: ["As of 2011-12-09", "Source: Customers!A1:K4339"],
    table: {
      headers: ["Tier", "Customers", "Share"],
      rows: [
        ["Top", 868, 0.2],
        ["Core", 1301, 0.3],
        ["Base", 2169, 0.5],
      ],
      numberFormats: [null, "#,##0", "0.0%"],
    },
    chart,
    notes: ["Score = 50% Revenue + 50% Invoices", "Tiers: top 20%, next 30%, rest"],
  };

  test("title, subtitle, table, notes on the sheet; the chart recorded; rewriting replaces", async () => {
    const wb = new MemoryWorkbook({ sheets: ["Customers"] });
    await wb.writeSummary(summary);
    expect(await wb.sheetNames()).toEqual(["Customers", "CV Summary"]);
    expect(wb.cell("CV Summary", "A1")).toEqual({ value: "Customer value pyramid", bold: true });
    expect(wb.value("CV Summary", "A3")).toBe("Source: Customers!A1:K4339");
    expect(await wb.readBlock("CV Summary", 4, 0, 4, 3)).toEqual([
      ["Tier", "Customers", "Share"],
      ["Top", 868, 0.2],
      ["Core", 1301, 0.3],
      ["Base", 2169, 0.5],
    ]);
    expect(wb.cell("CV Summary", "C6")).toEqual({ value: 0.2, numberFormat: "0.0%" });
    // Notes start a row below the table and the 16-row chart (as the Office workbook lays them out).
    expect(wb.value("CV Summary", "A22")).toBe("Score = 50% Revenue + 50% Invoices");
    expect(wb.value("CV Summary", "A23")).toBe("Tiers: top 20%, next 30%, rest");
    expect(await wb.occupiedCells("CV Summary", 8, 0, 13, 10)).toEqual([]);
    expect(wb.charts("CV Summary")).toEqual([chart]);
    // The table does not hold the chart's figures, so (as in Excel) they go beside it, E5:G8, and the chart right of them.
    expect(await wb.readBlock("CV Summary", 4, 4, 4, 3)).toEqual([
      ["", "Share of customers", "Share of value"],
      ["Top", 0.2, 0.7],
      ["Core", 0.3, 0.2],
      ["Base", 0.5, 0.1],
    ]);
    expect(wb.cell("CV Summary", "F5")?.bold).toBe(true);
    expect(wb.chartPlacements("CV Summary")[0]).toMatchObject({ top: 4, left: 8 });

    await wb.ensureSheet("Later");
    await wb.writeSummary({ ...summary, subtitle: [], notes: ["one line"], chart: { ...chart, title: "Again" } });
    expect(await wb.sheetNames()).toEqual(["Customers", "CV Summary", "Later"]);
    expect(wb.charts("CV Summary").map((c) => c.title)).toEqual(["Again"]);
    expect(wb.value("CV Summary", "A3")).toBe("Tier");
    expect(wb.value("CV Summary", "A20")).toBe("one line");
    expect(wb.value("CV Summary", "A22")).toBe(""); // old notes gone
    expect(wb.summary("CV Summary")?.notes).toEqual(["one line"]);
  });

  test("formats are recorded, and re-applying on the same cells replaces instead of stacking", async () => {
    const wb = new MemoryWorkbook();
    const spec = {
      sheet: "Sheet1",
      dataBars: { top: 1, column: 11, rows: 4338 },
      labelColours: { top: 1, column: 12, rows: 4338, colours: { Top: "#1F4E79", Core: "#9DC3E6", Base: "#DEEBF7" } },
    };
    await wb.applyFormats(spec);
    await wb.applyFormats(spec);
    expect(wb.formats("Sheet1")).toEqual([
      { kind: "dataBars", top: 1, column: 11, rows: 4338 },
      { kind: "labelColours", top: 1, column: 12, rows: 4338, colours: { Top: "#1F4E79", Core: "#9DC3E6", Base: "#DEEBF7" } },
    ]);
    // A different column adds; an overlapping one on the same column replaces.
    await wb.applyFormats({ sheet: "Sheet1", dataBars: { top: 1, column: 13, rows: 10 } });
    await wb.applyFormats({ sheet: "Sheet1", labelColours: { top: 100, column: 12, rows: 5, colours: { A: "#FF0000" } } });
    expect(wb.formats("Sheet1").map((f) => [f.kind, f.column, f.rows])).toEqual([
      ["dataBars", 11, 4338],
      ["dataBars", 13, 10],
      ["labelColours", 12, 5],
    ]);
    await expect(wb.applyFormats({ sheet: "Sheet1", labelColours: { top: 1, column: 1, rows: 1, colours: { A: "red" } } })).rejects.toThrow(
      'The colour of "A" is "red", not #RRGGBB',
    );
    // Empty blocks add nothing.
    await wb.applyFormats({ sheet: "Sheet1", dataBars: { top: 1, column: 20, rows: 0 } });
    expect(wb.formats("Sheet1")).toHaveLength(3);
  });
});

describe("settings", () => {
  test("round trip through a Map store survives a new workbook on the same store", async () => {
    const map = new Map<string, string>();
    const wb = new MemoryWorkbook({ settings: mapSettingsStore(map) });
    expect(await wb.loadSetting("cv.model")).toBeNull();
    await wb.saveSetting("cv.model", '{"analysis":"pyramid","weights":[1,2,3]}');
    expect(map.get("cv.model")).toBe('{"analysis":"pyramid","weights":[1,2,3]}');
    const reopened = new MemoryWorkbook({ settings: mapSettingsStore(map) });
    expect(await reopened.loadSetting("cv.model")).toBe('{"analysis":"pyramid","weights":[1,2,3]}');
  });

  test("a failing store rejects with a readable message", async () => {
    const wb = new MemoryWorkbook({
      settings: {
        get: () => null,
        set: () => {
          throw new Error("QuotaExceededError");
        },
      },
    });
    await expect(wb.saveSetting("cv.model", "x")).rejects.toThrow('Could not save the setting "cv.model": QuotaExceededError');
  });
});

describe("loadCsv", () => {
  const csv = readFileSync(path.join(__dirname, "../../assets/sample/customers.csv"), "utf8");

  test("the sample: 4,338 customers as a table; numbers are numbers, dates are serials shown as yyyy-mm-dd", async () => {
    const wb = new MemoryWorkbook({ sheets: ["Customers"] });
    expect(wb.loadCsv("Customers", csv, { tableName: "Customers" })).toBe("A1:K4339");
    expect(wb.tables()).toEqual([{ name: "Customers", sheet: "Customers", top: 0, left: 0, rows: 4339, columns: 11 }]);
    expect(wb.extent("Customers")).toEqual({ rows: 4339, columns: 11 });
    wb.select("Customers", "A1");
    const range = await wb.readSource("table");
    expect(range.address).toBe("A1:K4339");
    expect(range.values[0]).toEqual([
      "CustomerID", "Country", "FirstPurchase", "LastPurchase", "Invoices", "Revenue", "Items", "Products", "AvgOrderValue", "DaysSinceLast", "Returns",
    ]);
    // 12346,United Kingdom,2011-01-18,2011-01-18,1,77183.60,74215,1,77183.60,326,1
    expect(range.values[1]).toEqual([12346, "United Kingdom", 40561, 40561, 1, 77183.6, 74215, 1, 77183.6, 326, 1]);
    expect(wb.cell("Customers", "C2")).toEqual({ value: 40561, numberFormat: DATE_FORMAT });
    expect(formatCellText(40561, DATE_FORMAT)).toBe("2011-01-18");
    expect(range.values[4338]?.[0]).toBe(18287);
    expect((await wb.readSource("region")).address).toBe("A1:K4339");
  });

  test("dates can stay text", () => {
    const wb = new MemoryWorkbook();
    wb.loadCsv("Sheet1", "d\n2011-01-18\n", { dates: "text" });
    expect(wb.cell("Sheet1", "A2")).toEqual({ value: "2011-01-18" });
  });

  test("field typing as Excel's CSV import", () => {
    expect(typeCsvField("007")).toEqual({ value: 7 });
    expect(typeCsvField("-1.5e3")).toEqual({ value: -1500 });
    expect(typeCsvField(" 12 ")).toEqual({ value: 12 });
    expect(typeCsvField("TRUE")).toEqual({ value: true });
    expect(typeCsvField("false")).toEqual({ value: false });
    expect(typeCsvField("2024-03-31")).toEqual({ value: 45382, numberFormat: "yyyy-mm-dd" });
    expect(typeCsvField("2024-02-30")).toEqual({ value: "2024-02-30" });
    expect(typeCsvField("12,345")).toEqual({ value: "12,345" });
    expect(typeCsvField("#N/A")).toEqual({ value: "#N/A" });
    expect(typeCsvField("")).toEqual({ value: "" });
    expect(isoDateToSerial("1900-03-01")).toBe(61);
  });

  test("scaleSampleCsv repeats the rows with fresh ids, for timing large tables", () => {
    const scaled = scaleSampleCsv(csv, 10_000).trimEnd().split("\n");
    expect(scaled).toHaveLength(10_001);
    const ids = scaled.slice(1).map((line) => line.split(",")[0]);
    expect(new Set(ids).size).toBe(10_000);
    expect(scaled[4339]?.startsWith("22346,United Kingdom,")).toBe(true);
    expect(scaleSampleCsv(csv, 3).trimEnd().split("\n")).toHaveLength(4);
  });
});

describe("displayed text (number formats)", () => {
  test.each<[unknown, string | undefined, string]>([
    [77183.6, undefined, "77183.6"],
    [0.1 + 0.2, undefined, "0.3"],
    [12346, "General", "12346"],
    [0.1234, "0.0%", "12.3%"],
    [1234567.891, "#,##0.00", "1,234,567.89"],
    [1234.5, "0", "1235"],
    [-1234.5, "#,##0.0", "-1,234.5"],
    [1234.5, "[$£-809]#,##0.00", "£1,234.50"],
    [12345, "0.00E+00", "1.23E+04"],
    [40561, "d mmm yyyy", "18 Jan 2011"],
    [-5, "0;(0)", "(5)"],
    [true, undefined, "TRUE"],
    ["Top", "0.0", "Top"],
    ["", "0.0", ""],
  ])("%p with %p shows %p", (value, format, text) => {
    expect(formatCellText(value, format)).toBe(text);
  });
});

describe("what the grid draws", () => {
  test("table header and bands, label colours (case-insensitive, readable text), data bars from zero to the maximum", async () => {
    const wb = new MemoryWorkbook();
    wb.loadCsv("Sheet1", "id,score,tier\n1,50,Gold\n2,100,silver\n3,25,Other\n", { tableName: "T" });
    await wb.applyFormats({
      sheet: "Sheet1",
      dataBars: { top: 1, column: 1, rows: 3 },
      labelColours: { top: 1, column: 2, rows: 3, colours: { Gold: "#1F4E79", Silver: "#DEEBF7" } },
    });
    const deco = sheetDecorations(wb, "Sheet1");
    const view = (address: string) => {
      const { top, left } = parseAddress(address);
      return cellView(wb, "Sheet1", deco, top, left);
    };
    expect(view("A1")).toMatchObject({ text: "id", fill: "#4472C4", color: "#FFFFFF", bold: true });
    expect(view("A2")).toMatchObject({ text: "1", align: "right", fill: "#D9E1F2" });
    expect(view("A3").fill).toBeUndefined();
    expect(view("B2").bar).toBe(0.5);
    expect(view("B3").bar).toBe(1);
    expect(view("C2")).toMatchObject({ fill: "#1F4E79", color: "#FFFFFF" });
    expect(view("C3")).toMatchObject({ fill: "#DEEBF7", color: "#000000" });
    expect(view("C4").fill).toBe("#D9E1F2"); // no label colour: the table band shows
    expect(view("E9")).toMatchObject({ text: "", empty: true });
    expect(columnWidths(wb, "Sheet1", 4)).toEqual([64, 64, 64, 64]);
  });
});

describe("writeSummary: sections and a chart headed by its category title (as the Office workbook lays them out)", () => {
  test("the chart's figures beside the table under the category title; sections below table and chart; notes after", async () => {
    const wb = new MemoryWorkbook({ sheets: ["Transactions"] });
    await wb.writeSummary({
      name: "CV Summary",
      title: "Lifetime value",
      subtitle: ["Source: Transactions!A1:D9"],
      table: { headers: ["CLV tier", "Customers"], rows: [["Top", 1], ["Rest", 3], ["Total", 4]], numberFormats: [null, "#,##0"] },
      chart: {
        type: "column",
        title: "Customers by repeat purchases",
        categories: ["0", "1+"],
        series: [
          { name: "Actual", values: [3, 1] },
          { name: "Expected", values: [2.5, 1.5] },
        ],
        categoryTitle: "Repeat purchases",
        valueTitle: "Customers",
      },
      sections: [
        { title: "BG/NBD parameters", headers: ["Parameter", "Value"], rows: [["r", 0.8], ["alpha", 9.9]], numberFormats: [null, "0.000"] },
        { title: "CLV settings", headers: ["Setting", "Value"], rows: [["Horizon (months)", 12]] },
      ],
      notes: ["The model"],
    });
    // Table A4:B7; chart figures D4:F6 (bold header); the chart right of them, from H4.
    expect(await wb.readBlock("CV Summary", 3, 3, 3, 3)).toEqual([
      ["Repeat purchases", "Actual", "Expected"],
      ["0", 3, 2.5],
      ["1+", 1, 1.5],
    ]);
    expect(wb.cell("CV Summary", "D4")?.bold).toBe(true);
    expect(wb.chartPlacements("CV Summary")[0]).toMatchObject({ top: 3, left: 7 });
    // The table and the 16-row chart take rows 4–19; the sections start at row 21, a blank row after each.
    expect(await wb.readBlock("CV Summary", 20, 0, 10, 2)).toEqual([
      ["BG/NBD parameters", ""],
      ["Parameter", "Value"],
      ["r", 0.8],
      ["alpha", 9.9],
      ["", ""],
      ["CLV settings", ""],
      ["Setting", "Value"],
      ["Horizon (months)", 12],
      ["", ""],
      ["The model", ""],
    ]);
    expect(wb.cell("CV Summary", "A21")).toEqual({ value: "BG/NBD parameters", bold: true });
    expect(wb.cell("CV Summary", "B22")).toEqual({ value: "Value", bold: true });
    expect(wb.cell("CV Summary", "B23")).toEqual({ value: 0.8, numberFormat: "0.000" });
  });
});

test("loadCsv takes 200,000 rows (no spread of every row's length onto the call stack)", () => {
  const wb = new MemoryWorkbook();
  const text = ["Id,Amount", ...Array.from({ length: 200_000 }, (_, i) => `${i + 1},${i % 97}`)].join("\n");
  expect(wb.loadCsv("Sheet1", text)).toBe("A1:B200001");
  expect(wb.value("Sheet1", "B200001")).toBe(199_999 % 97);
});

describe("deleteSheet", () => {
  test("deletes a sheet (matched ignoring case) with its tables, formats and charts; a missing one is a no-op", async () => {
    const wb = new MemoryWorkbook({ sheets: ["Customers", "CV Rules", "CV Summary"] });
    wb.loadCsv("CV Rules", "Antecedent,Lift\nPINK DOG BOWL,56.58\n", { tableName: "Rules" });
    await wb.applyFormats({ sheet: "CV Rules", dataBars: { top: 1, column: 1, rows: 1 } });
    const seen: number[] = [];
    wb.subscribe(() => seen.push(wb.contentVersion));
    await wb.deleteSheet("cv rules");
    expect(await wb.sheetNames()).toEqual(["Customers", "CV Summary"]);
    expect(wb.tables()).toEqual([]);
    expect(seen).toHaveLength(1);
    await wb.deleteSheet("CV Rules");
    expect(await wb.sheetNames()).toEqual(["Customers", "CV Summary"]);
    expect(seen).toHaveLength(1);
    // A new sheet of that name starts empty.
    await wb.ensureSheet("CV Rules");
    expect(wb.extent("CV Rules")).toEqual({ rows: 0, columns: 0 });
  });

  test("the active sheet: the next sheet to its right becomes active, else the one to its left", async () => {
    const wb = new MemoryWorkbook({ sheets: ["Customers", "CV Rules", "CV Summary"] });
    wb.select("CV Rules", "B2");
    await wb.deleteSheet("CV Rules");
    expect(wb.activeSheet).toBe("CV Summary");
    await wb.deleteSheet("CV Summary");
    expect(wb.activeSheet).toBe("Customers");
    expect(wb.activeCell()).toEqual({ row: 0, column: 0 });
  });

  test("the last sheet is emptied instead (a workbook keeps one, as Excel keeps a visible sheet)", async () => {
    const wb = new MemoryWorkbook({ sheets: ["CV Summary"] });
    await wb.writeSummary({
      name: "CV Summary",
      title: "Customer value",
      subtitle: [],
      table: { headers: ["Tier", "Customers"], rows: [["Top", 1]] },
      chart: { type: "bar", title: "Customers", categories: ["Top"], series: [{ name: "Customers", values: [1] }] },
      notes: ["The model"],
    });
    wb.addTable("Tiers", "CV Summary", "A3:B4");
    await wb.applyFormats({ sheet: "CV Summary", dataBars: { top: 3, column: 1, rows: 1 } });
    await wb.deleteSheet("CV Summary");
    expect(await wb.sheetNames()).toEqual(["CV Summary"]);
    expect(wb.activeSheet).toBe("CV Summary");
    expect(wb.extent("CV Summary")).toEqual({ rows: 0, columns: 0 });
    expect(wb.cell("CV Summary", "A1")).toBeUndefined();
    expect(wb.charts("CV Summary")).toEqual([]);
    expect(wb.formats("CV Summary")).toEqual([]);
    expect(wb.tables()).toEqual([]);
    expect(wb.summary("CV Summary")).toBeUndefined();
  });
});

describe("clearBlock", () => {
  async function scored(): Promise<MemoryWorkbook> {
    const wb = new MemoryWorkbook({ sheets: ["Customers"] });
    wb.loadCsv("Customers", "Id,Revenue\nC1,10\nC2,20\nC3,30\n", { tableName: "Customers" });
    await wb.writeBlock({ sheet: "Customers", top: 0, left: 2, headers: ["CV Score", "CV Tier"], rows: [[91.2, "Top"], [40.5, "Base"], [12, "Base"]], numberFormats: ["0.0", null] });
    await wb.applyFormats({
      sheet: "Customers",
      dataBars: { top: 1, column: 2, rows: 3 },
      labelColours: { top: 1, column: 3, rows: 3, colours: { Top: "#1F4E79", Base: "#DEEBF7" } },
    });
    await wb.applyFormats({ sheet: "Customers", dataBars: { top: 1, column: 1, rows: 3 } });
    return wb;
  }

  test("the block's cells become empty (no value, number format or bold) and its formats go; cells and formats beside it stay", async () => {
    const wb = await scored();
    const version = wb.contentVersion;
    await wb.clearBlock("Customers", 0, 2, 4, 2);
    expect(wb.contentVersion).toBe(version + 1);
    expect(await wb.readBlock("Customers", 0, 0, 4, 4)).toEqual([
      ["Id", "Revenue", "", ""],
      ["C1", 10, "", ""],
      ["C2", 20, "", ""],
      ["C3", 30, "", ""],
    ]);
    expect(wb.cell("Customers", "C2")).toBeUndefined();
    expect(await wb.occupiedCells("Customers", 0, 2, 4, 2)).toEqual([]);
    expect(wb.formats("Customers")).toEqual([{ kind: "dataBars", top: 1, column: 1, rows: 3 }]);
    // Tables stay, as in Excel; the used extent too (it shrinks in Excel only on save).
    expect(wb.tables("Customers")).toHaveLength(1);
    expect(wb.extent("Customers")).toEqual({ rows: 4, columns: 4 });
  });

  test("a bold summary title is cleared to an absent cell; a format partly inside keeps the rows above and below", async () => {
    const wb = await scored();
    await wb.writeSummary({
      name: "CV Summary",
      title: "Customer value",
      subtitle: [],
      table: { headers: ["Tier", "Customers"], rows: [["Top", 1]] },
      chart: { type: "bar", title: "Customers", categories: ["Top"], series: [{ name: "Customers", values: [1] }] },
      notes: [],
    });
    await wb.clearBlock("CV Summary", 0, 0, 1, 1);
    expect(wb.cell("CV Summary", "A1")).toBeUndefined();
    await wb.clearBlock("Customers", 2, 0, 1, 4);
    expect(wb.formats("Customers")).toEqual([
      { kind: "dataBars", top: 1, column: 2, rows: 1 },
      { kind: "dataBars", top: 3, column: 2, rows: 1 },
      { kind: "labelColours", top: 1, column: 3, rows: 1, colours: { Top: "#1F4E79", Base: "#DEEBF7" } },
      { kind: "labelColours", top: 3, column: 3, rows: 1, colours: { Top: "#1F4E79", Base: "#DEEBF7" } },
      { kind: "dataBars", top: 1, column: 1, rows: 1 },
      { kind: "dataBars", top: 3, column: 1, rows: 1 },
    ]);
    expect(await wb.readBlock("Customers", 2, 0, 1, 4)).toEqual([["", "", "", ""]]);
    expect(wb.value("Customers", "A4")).toBe("C3");
  });

  test("a million rows at once; no sheet, no rows or no columns do nothing; a block off the sheet is an error", async () => {
    const wb = await scored();
    const version = wb.contentVersion;
    await wb.clearBlock("Nope", 0, 0, 10, 10);
    await wb.clearBlock("Customers", 0, 0, 0, 4);
    await wb.clearBlock("Customers", 0, 0, 4, 0);
    expect(wb.contentVersion).toBe(version);
    await expect(wb.clearBlock("Customers", 1, 0, 1_048_576, 1)).rejects.toThrow("1,048,576 rows from row 2 do not fit on a sheet of 1,048,576 rows.");
    await wb.clearBlock("Customers", 0, 0, 1_000_000, 4);
    expect(await wb.occupiedCells("Customers", 0, 0, 4, 4)).toEqual([]);
    expect(wb.formats("Customers")).toEqual([]);
  });
});

describe("editCell and clearContents (typing in the grid)", () => {
  const catalogue = catalogueFromMetadata({ functions: [{ id: "NORMALIZE", parameters: [{ name: "values", dimensionality: "matrix" }, { name: "directions", dimensionality: "matrix", optional: true }, { name: "method", type: "string", optional: true }] }] });
  const typed = () => new MemoryWorkbook({ formulas: { catalogue } });

  test("an edit notifies subscribers and bumps the content version; readSource sees spilled values as Excel's range.values does", async () => {
    const wb = typed();
    wb.loadCsv("Sheet1", "v\n0\n5\n10\n");
    let calls = 0;
    wb.subscribe(() => calls++);
    const version = wb.contentVersion;
    const done = wb.editCell("Sheet1", 0, 1, "score");
    expect(wb.value("Sheet1", "B1")).toBe("score");
    expect(wb.contentVersion).toBe(version + 1);
    await done;
    await wb.editCell("Sheet1", 1, 1, "=CV.NORMALIZE(A2:A4)");
    expect(calls).toBeGreaterThanOrEqual(3);
    wb.select("Sheet1", "A1");
    const source = await wb.readSource("region");
    // (x − 0) / 10
    expect(source.values).toEqual([["v", "score"], [0, 0], [5, 0.5], [10, 1]]);
    expect(source.address).toBe("A1:B4");
  });

  test("the grid model: spilled cells are marked, the spill range found from any of its cells, errors carry their message", async () => {
    const wb = typed();
    wb.loadCsv("Sheet1", "v\n0\n5\n10\n");
    await wb.editCell("Sheet1", 1, 1, "=CV.NORMALIZE(A2:A4)");
    await wb.editCell("Sheet1", 1, 2, "=CV.NORMALIZE(A2:A4,,\"nope\")");
    const deco = sheetDecorations(wb, "Sheet1");
    expect(cellView(wb, "Sheet1", deco, 2, 1)).toMatchObject({ text: "0.5", spilled: true, align: "right" });
    expect(cellView(wb, "Sheet1", deco, 1, 1)).toMatchObject({ text: "0", formula: "=CV.NORMALIZE(A2:A4)" });
    expect(cellView(wb, "Sheet1", deco, 1, 1).spilled).toBeUndefined();
    const range = { top: 1, left: 1, rows: 3, columns: 1 };
    expect(spillRangeOf(wb, "Sheet1", 1, 1)).toEqual(range);
    expect(spillRangeOf(wb, "Sheet1", 3, 1)).toEqual(range);
    expect(spillRangeOf(wb, "Sheet1", 1, 0)).toBeUndefined();
    const error = cellView(wb, "Sheet1", deco, 1, 2);
    expect(error).toMatchObject({ text: "#VALUE!", align: "center" });
    expect(error.message).toMatch(/method/);
  });

  test("clearContents keeps number formats and bold, removes formulas with their spill, and refuses a block off the sheet", async () => {
    const wb = typed();
    wb.loadCsv("Sheet1", "d\n2011-01-18\n");
    await wb.editCell("Sheet1", 0, 1, "=CV.NORMALIZE({1;2;3})");
    expect(await wb.readBlock("Sheet1", 0, 1, 3, 1)).toEqual([[0], [0.5], [1]]);
    await wb.clearContents("Sheet1", "A1:B3");
    expect(wb.cell("Sheet1", "A2")).toEqual({ value: "", numberFormat: DATE_FORMAT });
    expect(await wb.readBlock("Sheet1", 0, 0, 3, 2)).toEqual([["", ""], ["", ""], ["", ""]]);
    await wb.editCell("Sheet1", 1, 0, "45000");
    // The kept date format shows the serial as a date: 45,000 days after 1899-12-30 is 2023-03-15.
    expect(formatCellText(wb.value("Sheet1", "A2"), wb.cell("Sheet1", "A2")?.numberFormat)).toBe("2023-03-15");
    expect(() => wb.editCell("Sheet1", 1_048_576, 0, "1")).toThrow(/outside the sheet/);
  });
});
