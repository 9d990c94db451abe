/**
 * OfficeWorkbook.replaceSheet against office-addin-mock: an add-in-owned sheet ("CV Rules")
 * is deleted and added again at its tab position, so a shorter write leaves no stale row;
 * the block goes in chunks under the request limit with progress; columns are fitted; bad
 * rows and an aborted signal stop it before anything is deleted.
 */
import { AUTOFIT_ROWS, OfficeWorkbook, type ExcelHost } from "../../src/office/OfficeWorkbook";
import { planChunks } from "../../src/workbook/chunks";
import type { ResultBlock, WriteValue } from "../../src/workbook/Workbook";
import { FakeExcel } from "./fakeExcel";

function rules(n: number): ResultBlock {
  const rows: WriteValue[][] = Array.from({ length: n }, (_, i) => [`PRODUCT ${i + 1}`, `PARTNER ${i + 1}`, (i + 1) / 1000, 10 - i / 100, i === 0 ? "∞" : 2 + i / 10]);
  return { sheet: "CV Rules", top: 0, left: 0, headers: ["Antecedent", "Consequent", "Support", "Lift", "Conviction"], rows, numberFormats: [null, null, "0.00%", "0.00", "0.00"] };
}

function setup(): { fake: FakeExcel; workbook: OfficeWorkbook } {
  const fake = new FakeExcel(["Lines", "CV Rules", "CV Summary"]);
  // An earlier, longer write: 40 rules, and a note far to the right.
  fake.sheet("CV Rules").put(0, 0, [["Antecedent", "Consequent", "Support", "Lift", "Conviction"], ...rules(40).rows]);
  fake.sheet("CV Rules").put(3, 9, [["an old note"]]);
  return { fake, workbook: new OfficeWorkbook({ excel: fake.host as unknown as ExcelHost }) };
}

describe("replaceSheet", () => {
  test("a shorter write replaces the sheet at its tab position: the new rows, nothing of the old ones", async () => {
    const { fake, workbook } = setup();
    const progress: [number, number][] = [];
    await workbook.replaceSheet(rules(3), { onProgress: (done, total) => progress.push([done, total]) });
    expect(fake.sheets.map((s) => s.name)).toEqual(["Lines", "CV Rules", "CV Summary"]);
    const sheet = fake.sheet("CV Rules");
    expect(sheet.grid({ top: 0, left: 0, rows: 5, columns: 5 }, (c) => c?.value ?? "")).toEqual([
      ["Antecedent", "Consequent", "Support", "Lift", "Conviction"],
      ["PRODUCT 1", "PARTNER 1", 0.001, 10, "∞"],
      ["PRODUCT 2", "PARTNER 2", 0.002, 9.99, 2.1],
      ["PRODUCT 3", "PARTNER 3", 0.003, 9.98, 2.2],
      ["", "", "", "", ""],
    ]);
    // The old rows 5 … 41 and the note are gone with the old sheet.
    expect(sheet.usedIn({ top: 0, left: 0, rows: 100, columns: 20 })).toEqual({ top: 0, left: 0, rows: 4, columns: 5 });
    expect(sheet.fonts).toContainEqual({ address: "A1:E1", bold: true });
    expect(sheet.cell(1, 2)?.numberFormat).toBe("0.00%");
    expect(sheet.cell(3, 3)?.numberFormat).toBe("0.00");
    expect(sheet.autofits).toEqual(["A1:E4"]);
    expect(progress).toEqual([[3, 3]]);
  });

  test("a sheet that is not there yet is added at the end", async () => {
    const fake = new FakeExcel(["Lines"]);
    const workbook = new OfficeWorkbook({ excel: fake.host as unknown as ExcelHost });
    await workbook.replaceSheet({ ...rules(2), top: 2, left: 1 });
    expect(fake.sheets.map((s) => s.name)).toEqual(["Lines", "CV Rules"]);
    expect(fake.sheet("CV Rules").value(2, 1)).toBe("Antecedent");
    expect(fake.sheet("CV Rules").value(4, 5)).toBe(2.1);
    expect(fake.sheet("CV Rules").autofits).toEqual(["B3:F5"]);
  });

  test("many rules go in chunks under the request limit, one sync each, with progress; the autofit looks at the first rows only", async () => {
    const { fake } = setup();
    const block = rules(5_000);
    const limit = 200_000;
    const chunks = planChunks(block.rows, undefined, limit);
    expect(chunks.length).toBeGreaterThan(2);
    const small = new OfficeWorkbook({ excel: fake.host as unknown as ExcelHost, limitBytes: limit });
    const progress: number[] = [];
    await small.replaceSheet(block, { onProgress: (done) => progress.push(done) });
    expect(progress).toEqual(chunks.map(([, end]) => end));
    const dataWrites = fake.writes.filter((w) => w.sheet === "CV Rules" && w.property === "values" && w.block.top >= 1);
    expect(dataWrites.map((w) => [w.block.top - 1, w.block.top - 1 + w.block.rows])).toEqual(chunks);
    expect(new Set(dataWrites.map((w) => w.sync)).size).toBe(chunks.length);
    expect(fake.sheet("CV Rules").value(5_000, 0)).toBe("PRODUCT 5000");
    expect(fake.sheet("CV Rules").autofits).toEqual([`A1:E${AUTOFIT_ROWS + 1}`]);
  });

  test("a row of the wrong length, or an aborted signal, stops it before the old sheet is deleted", async () => {
    const { fake, workbook } = setup();
    const bad = rules(3);
    bad.rows[1] = ["only", "three", 1];
    await expect(workbook.replaceSheet(bad)).rejects.toThrow("Row 2 of the rows has 3 cells, not 5");
    const controller = new AbortController();
    controller.abort();
    await expect(workbook.replaceSheet(rules(3), { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect(fake.sheet("CV Rules").value(40, 0)).toBe("PRODUCT 40");
    expect(fake.sheet("CV Rules").value(3, 9)).toBe("an old note");
    expect(fake.runs).toBe(0);
  });

  test("a block taller than a sheet stops before the old sheet is deleted", async () => {
    const { fake, workbook } = setup();
    const tall = { ...rules(0), rows: new Array(1_048_576) };
    await expect(workbook.replaceSheet(tall)).rejects.toThrow("1,048,577 rows from row 1 do not fit on a sheet of 1,048,576 rows.");
    expect(fake.sheet("CV Rules").value(40, 0)).toBe("PRODUCT 40");
    expect(fake.runs).toBe(0);
  });
});
