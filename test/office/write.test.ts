/**
 * OfficeWorkbook.writeBlock against office-addin-mock: a 120,000-row write split into
 * chunks under Excel's 5 MB request limit, one sync per chunk, progress per chunk, abort
 * between chunks; formulas, number formats, empty cells and text that must stay text.
 */
import { OfficeWorkbook, type ExcelHost } from "../../src/office/OfficeWorkbook";
import { planChunks, REQUEST_LIMIT_BYTES } from "../../src/workbook/chunks";
import type { ResultBlock, WriteValue } from "../../src/workbook/Workbook";
import { FakeExcel } from "./fakeExcel";

const N = 120_000;
const TIERS = ["Top", "Upper middle", "Lower middle", "Base"];

function bigBlock(): ResultBlock {
  const rows: WriteValue[][] = Array.from({ length: N }, (_, i) => [
    `C${String(i + 1).padStart(6, "0")}`,
    ((i * 7919) % 100_003) / 997.3,
    TIERS[i % 4] as string,
  ]);
  // Customer table in A1:K120001; results in L:N
  return { sheet: "Customers", top: 0, left: 11, headers: ["CV Id", "CV Score", "CV Tier"], rows, numberFormats: [null, "0.00", null] };
}

function setup(): { fake: FakeExcel; workbook: OfficeWorkbook } {
  const fake = new FakeExcel(["Customers"]);
  return { fake, workbook: new OfficeWorkbook({ excel: fake.host as unknown as ExcelHost }) };
}

describe("writeBlock: 120,000 rows × 3 columns", () => {
  const block = bigBlock();
  const chunks = planChunks(block.rows, undefined);

  test("is split into consecutive chunks under 5 MB that cover every row, one sync and one progress call each", async () => {
    const { fake, workbook } = setup();
    const progress: [number, number][] = [];
    await workbook.writeBlock(block, { onProgress: (done, total) => progress.push([done, total]) });

    expect(chunks.length).toBeGreaterThan(1);
    const dataWrites = fake.writes.filter((w) => w.property === "values" && w.block.top >= 1);
    expect(dataWrites).toHaveLength(chunks.length);
    // consecutive, in order, covering sheet rows 2..120001 (0-based 1..120000), in L:N
    let next = 1;
    for (const w of dataWrites) {
      expect(w.block.top).toBe(next);
      expect(w.block.left).toBe(11);
      expect(w.block.columns).toBe(3);
      next += w.block.rows;
    }
    expect(next).toBe(N + 1);
    expect(dataWrites.map((w) => [w.block.top - 1, w.block.top - 1 + w.block.rows])).toEqual(chunks);
    expect(dataWrites[0]?.address).toBe(`L2:N${chunks[0]![1] + 1}`);
    expect(dataWrites[dataWrites.length - 1]?.address).toBe(`L${chunks[chunks.length - 1]![0] + 2}:N${N + 1}`);

    // every chunk's JSON payload, and every whole request, is under 5 MB
    for (const w of dataWrites) {
      expect(Buffer.byteLength(JSON.stringify(w.data), "utf8")).toBe(w.bytes);
      expect(w.bytes).toBeLessThan(REQUEST_LIMIT_BYTES);
    }
    for (const bytes of fake.payloadPerSync().values()) expect(bytes).toBeLessThan(REQUEST_LIMIT_BYTES);
    // each data chunk went in its own sync
    expect(new Set(dataWrites.map((w) => w.sync)).size).toBe(chunks.length);
    expect(fake.syncs).toBe(1 + chunks.length); // sheet check + one per chunk

    expect(progress).toEqual(chunks.map(([, end]) => [end, N]));
    expect(progress[progress.length - 1]).toEqual([120000, 120000]);

    // what landed in the sheet
    const sheet = fake.sheet("Customers");
    expect([0, 1, 2].map((c) => sheet.value(0, 11 + c))).toEqual(["CV Id", "CV Score", "CV Tier"]);
    expect([0, 1, 2].map((c) => sheet.value(1, 11 + c))).toEqual(block.rows[0]);
    expect([0, 1, 2].map((c) => sheet.value(N, 11 + c))).toEqual(block.rows[N - 1]);
    expect(sheet.value(N + 1, 11)).toBe("");
    expect(sheet.cell(N, 12)?.numberFormat).toBe("0.00");
    expect(sheet.cell(1, 12)?.numberFormat).toBe("0.00");
    expect(sheet.cell(1, 11)?.numberFormat).toBeUndefined();
    expect(sheet.fonts).toContainEqual({ address: "L1:N1", bold: true });
    // the number format went as one value for the column, not 120,000 entries
    const formatWrites = fake.writes.filter((w) => w.property === "numberFormat");
    expect(formatWrites.map((w) => [w.address, w.data])).toEqual([["M2:M120001", "0.00"]]);
  });

  test("an abort after the first chunk stops the write with an AbortError; only the first chunk is written", async () => {
    const { fake, workbook } = setup();
    const controller = new AbortController();
    const progress: [number, number][] = [];
    const write = workbook.writeBlock(block, {
      signal: controller.signal,
      onProgress: (done, total) => {
        progress.push([done, total]);
        controller.abort();
      },
    });
    await expect(write).rejects.toMatchObject({ name: "AbortError" });
    await expect(write).rejects.toBeInstanceOf(Error);

    const firstEnd = chunks[0]![1];
    expect(progress).toEqual([[firstEnd, N]]);
    const dataWrites = fake.writes.filter((w) => w.property === "values" && w.block.top >= 1);
    expect(dataWrites.map((w) => w.address)).toEqual([`L2:N${firstEnd + 1}`]);
    const sheet = fake.sheet("Customers");
    expect(sheet.value(firstEnd, 11)).toBe(block.rows[firstEnd - 1]![0]);
    expect(sheet.value(firstEnd + 1, 11)).toBe("");
    expect(sheet.value(N, 11)).toBe("");
  });

  test("an already aborted signal writes nothing", async () => {
    const { fake, workbook } = setup();
    const controller = new AbortController();
    controller.abort();
    await expect(workbook.writeBlock(block, { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
    expect(fake.runs).toBe(0);
    expect(fake.writes).toEqual([]);
  });
});

describe("writeBlock: cells", () => {
  test("live formulas go in range.formulas, other cells keep their values", async () => {
    const { fake, workbook } = setup();
    await workbook.writeBlock({
      sheet: "Customers",
      top: 0,
      left: 11,
      headers: ["CV Score", "CV Tier"],
      rows: [
        [91.5, "Top"],
        [40, "Base"],
      ],
      formulas: [
        ["=CV.SCORE(B2:D4339,{0.5,0.3,0.2})", null],
        [null, null],
      ],
    });
    const data = fake.writes.find((w) => w.block.top === 1);
    expect(data?.property).toBe("formulas");
    expect(data?.data).toEqual([
      ["=CV.SCORE(B2:D4339,{0.5,0.3,0.2})", "Top"],
      [40, "Base"],
    ]);
    const sheet = fake.sheet("Customers");
    expect(sheet.cell(1, 11)?.formula).toBe("=CV.SCORE(B2:D4339,{0.5,0.3,0.2})");
    expect(sheet.value(2, 11)).toBe(40);
    expect(sheet.value(1, 12)).toBe("Top");
  });

  test("empty values clear old cells; text that Excel would reinterpret stays text", async () => {
    const { fake, workbook } = setup();
    const sheet = fake.sheet("Customers");
    sheet.put(1, 11, [["old", "old", "old"]]);
    await workbook.writeBlock({
      sheet: "Customers",
      top: 0,
      left: 11,
      headers: ["CV A", "CV B", "CV C"],
      rows: [
        [null, Number.NaN, "=HYPERLINK(\"x\")"],
        ["007", "-", "1/2"],
        ["Gold", 3.5, true],
      ],
    });
    const data = fake.writes.find((w) => w.block.top === 1);
    expect(data?.data).toEqual([
      ["", "", "'=HYPERLINK(\"x\")"],
      ["'007", "'-", "'1/2"],
      ["Gold", 3.5, true],
    ]);
    expect([11, 12, 13].map((c) => sheet.value(1, c))).toEqual(["", "", '=HYPERLINK("x")']);
    expect(sheet.cell(1, 13)?.formula).toBeUndefined();
    expect([11, 12, 13].map((c) => sheet.value(2, c))).toEqual(["007", "-", "1/2"]);
  });

  test("header only when there are no rows; shape errors and missing sheets are readable", async () => {
    const { fake, workbook } = setup();
    const progress: [number, number][] = [];
    await workbook.writeBlock({ sheet: "Customers", top: 4, left: 2, headers: ["CV Score"], rows: [] }, { onProgress: (d, t) => progress.push([d, t]) });
    expect(fake.sheet("Customers").value(4, 2)).toBe("CV Score");
    expect(progress).toEqual([[0, 0]]);
    await expect(
      workbook.writeBlock({ sheet: "Customers", top: 0, left: 0, headers: ["A", "B"], rows: [[1, 2], [3]] }),
    ).rejects.toThrow("Row 2 of the rows has 1 cells, not 2");
    await expect(workbook.writeBlock({ sheet: "Missing", top: 0, left: 0, headers: ["A"], rows: [[1]] })).rejects.toThrow(
      'There is no sheet named "Missing"',
    );
  });
});
