/**
 * MemoryWorkbook.replaceSheet, as the Office workbook does it: an add-in-owned sheet is
 * emptied and written again at its tab position (no stale rows, formats or charts), a missing
 * one added at the end; bad rows and an aborted signal leave the old sheet alone.
 */
import { MemoryWorkbook } from "../../src/preview/MemoryWorkbook";
import type { ResultBlock } from "../../src/workbook/Workbook";

function block(n: number): ResultBlock {
  return {
    sheet: "CV Rules",
    top: 0,
    left: 0,
    headers: ["Antecedent", "Consequent", "Lift"],
    rows: Array.from({ length: n }, (_, i) => [`A${i + 1}`, `B${i + 1}`, i + 0.5]),
    numberFormats: [null, null, "0.00"],
  };
}

async function earlier(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook({ sheets: ["Lines", "CV Rules", "CV Summary"] });
  await wb.writeBlock(block(30));
  await wb.applyFormats({ sheet: "CV Rules", dataBars: { top: 1, column: 2, rows: 30 } });
  wb.loadCsv("CV Rules", "note\nx", { top: 5, left: 8, tableName: "Stray" });
  return wb;
}

describe("MemoryWorkbook.replaceSheet", () => {
  test("a shorter write leaves only the new rows, at the same tab position", async () => {
    const wb = await earlier();
    const progress: [number, number][] = [];
    await wb.replaceSheet(block(2), { onProgress: (done, total) => progress.push([done, total]) });
    expect(await wb.sheetNames()).toEqual(["Lines", "CV Rules", "CV Summary"]);
    expect(wb.extent("CV Rules")).toEqual({ rows: 3, columns: 3 });
    expect(await wb.readBlock("CV Rules", 0, 0, 4, 3)).toEqual([
      ["Antecedent", "Consequent", "Lift"],
      ["A1", "B1", 0.5],
      ["A2", "B2", 1.5],
      ["", "", ""],
    ]);
    expect(wb.cell("CV Rules", "C3")?.numberFormat).toBe("0.00");
    expect(wb.formats("CV Rules")).toEqual([]);
    expect(progress).toEqual([[2, 2]]);
    // The stray table went with the old contents: a cell where it was is no table now.
    wb.select("CV Rules", "I6");
    await expect(wb.readSource("table")).rejects.toThrow("The active cell is not in an Excel table");
  });

  test("a missing sheet is added at the end", async () => {
    const wb = new MemoryWorkbook({ sheets: ["Lines"] });
    await wb.replaceSheet(block(1));
    expect(await wb.sheetNames()).toEqual(["Lines", "CV Rules"]);
    expect(wb.value("CV Rules", "B2")).toBe("B1");
  });

  test("bad rows or an aborted signal change nothing", async () => {
    const wb = await earlier();
    const bad = block(2);
    bad.rows[1] = ["x"];
    await expect(wb.replaceSheet(bad)).rejects.toThrow("Result row 2 has 1 values for 3 columns.");
    const controller = new AbortController();
    controller.abort();
    await expect(wb.replaceSheet(block(2), { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect(wb.value("CV Rules", "A31")).toBe("A30");
    expect(wb.formats("CV Rules")).toHaveLength(1);
  });

  test("a block taller than a sheet stops before the old contents are cleared", async () => {
    const wb = await earlier();
    // A header and 1,048,576 rows: one row more than a sheet has. (An empty array's holes pass the row check.)
    const tall = { ...block(0), rows: new Array(1_048_576) };
    await expect(wb.replaceSheet(tall)).rejects.toThrow("1,048,577 rows from row 1 do not fit on a sheet of 1,048,576 rows.");
    expect(wb.value("CV Rules", "A31")).toBe("A30");
  });
});
