/**
 * Interop: LibreOffice Calc as an independent oracle for CV.NORMALIZE and CV.SCORE.
 *
 * A workbook with synthetic customers and native spreadsheet formulas (MIN/MAX,
 * PERCENTRANK.INC, RANK.AVG, SUMPRODUCT) is written by exceljs without cached results,
 * recalculated once by `soffice --headless --convert-to xlsx`, read back, and every cell
 * the custom functions return is compared with LibreOffice's to 1e-9.
 *
 * Needs LibreOffice: apt-get install -y --no-install-recommends libreoffice-calc
 * Without it the test FAILS, unless CV_SKIP_LIBREOFFICE=1 (then it is skipped with a note).
 * CV_KEEP_INTEROP=1 keeps the generated and recalculated workbooks for inspection.
 */
import { NORMALIZE, SCORE } from "../../src/functions/functions";
import { recalculatedOracle, sofficeForInterop } from "../helpers/libreoffice";
import {
  DIRECTIONS,
  HEADERS,
  LAYOUT,
  METHODS,
  WEIGHT_SET_NAMES,
  WEIGHT_SETS,
  colLetter,
  distinctDataset,
  isBlank,
  isOracleError,
  readOracleResults,
  tiesDataset,
  writeOracleWorkbook,
  type Dataset,
  type Method,
  type OracleResults,
  type OracleValue,
  type WeightSetName,
} from "./oracleWorkbook";

const TOLERANCE = 1e-9;
const MAX_REPORTED = 20;

const { soffice, skip } = sofficeForInterop("LibreOffice oracle test");

const datasets: Dataset[] = [distinctDataset(), tiesDataset()];
const DIRECTIONS_ROW: number[][] = [[...DIRECTIONS]];
const weightsRow = (set: WeightSetName): number[][] => [[...WEIGHT_SETS[set]]];

// ---------------------------------------------------------------------------------------
// Comparison

interface Mismatch {
  where: string;
  expected: OracleValue;
  actual: unknown;
}

const errorCode = (v: unknown): string | undefined =>
  v !== null && typeof v === "object" && typeof (v as { code?: unknown }).code === "string"
    ? (v as { code: string }).code
    : undefined;

const show = (v: unknown): string => {
  if (typeof v === "number") return String(v);
  if (v instanceof Error) return `Error(${v.message})`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

/** null when `actual` matches the oracle; otherwise a reason. */
function disagreement(expected: OracleValue, actual: unknown): string | null {
  if (typeof expected === "number") {
    if (typeof actual !== "number" || !Number.isFinite(actual)) return "expected a number";
    const diff = Math.abs(actual - expected);
    return diff <= TOLERANCE ? null : `|diff| = ${diff.toExponential(3)}`;
  }
  if (isOracleError(expected)) {
    return errorCode(actual) === expected.error ? null : `expected an error object with code ${expected.error}`;
  }
  return "oracle cell holds no result (not recalculated?)";
}

function report(title: string, mismatches: (Mismatch & { reason: string })[], checked: number): string {
  const lines = mismatches
    .slice(0, MAX_REPORTED)
    .map((m) => `  ${m.where}: LibreOffice ${show(m.expected)}, function ${show(m.actual)} (${m.reason})`);
  const more = mismatches.length > MAX_REPORTED ? [`  … and ${mismatches.length - MAX_REPORTED} more`] : [];
  return [`${title}: ${mismatches.length} of ${checked} cells disagree with LibreOffice (tolerance ${TOLERANCE})`, ...lines, ...more].join("\n");
}

const customer = (i: number) => `customer ${i + 1} (sheet row ${LAYOUT.firstDataRow + i})`;

function assertShape(result: unknown, rows: number, cols: number, what: string): asserts result is unknown[][] {
  if (!Array.isArray(result)) throw new Error(`${what} returned ${show(result)}, not a 2-D array`);
  const badRow = result.findIndex((r) => !Array.isArray(r) || r.length !== cols);
  if (result.length !== rows || badRow >= 0) {
    throw new Error(
      `${what} returned ${result.length} rows (expected ${rows}); ` +
        (badRow >= 0 ? `row ${badRow} is ${show(result[badRow])} (expected ${cols} cells)` : "row widths OK"),
    );
  }
}

// ---------------------------------------------------------------------------------------

describe("synthetic data for the LibreOffice oracle", () => {
  test("the distinct table has no ties or blanks; the ties table has ties, blanks and an all-blank customer", () => {
    const [distinct, ties] = datasets as [Dataset, Dataset];
    expect(distinct.values).toHaveLength(200);
    for (let j = 0; j < HEADERS.length; j++) {
      const col = distinct.values.map((r) => r[j]);
      expect(col.every((v) => typeof v === "number" && Number.isFinite(v))).toBe(true);
      expect(new Set(col).size).toBe(col.length); // PERCENTRANK.INC = midrank only without ties
    }
    let tiedColumns = 0;
    let blanks = 0;
    for (let j = 0; j < HEADERS.length; j++) {
      const present = ties.values.map((r) => r[j]).filter((v) => v !== undefined && !isBlank(v));
      if (new Set(present).size < present.length) tiedColumns++;
      blanks += ties.values.length - present.length;
    }
    expect(tiedColumns).toBe(HEADERS.length);
    expect(blanks).toBeGreaterThan(HEADERS.length);
    expect(ties.values.some((r) => r.every(isBlank))).toBe(true);
  });
});

(skip ? describe.skip : describe)("LibreOffice oracle: CV.NORMALIZE and CV.SCORE", () => {
  const oracle = recalculatedOracle(
    soffice,
    "score",
    (input) => writeOracleWorkbook(input, datasets),
    async (output) => {
      const results = new Map<string, OracleResults>();
      for (const ds of datasets) results.set(ds.sheet, await readOracleResults(output, ds));
      return results;
    },
  );

  const oracleFor = (ds: Dataset): OracleResults => {
    const o = oracle().get(ds.sheet);
    if (!o) throw new Error(`no LibreOffice results for sheet ${ds.sheet}`);
    return o;
  };

  test("the oracle really recalculated (numbers everywhere, hand-checked extremes)", () => {
    const distinct = datasets[0]!;
    const o = oracleFor(distinct);
    // A stale cached value survives unless the profile forces recalculation on load.
    expect(o.canary).toBe(2);
    expect(o.sampleFormula).toBe("(B2-MIN(B$2:B$201))/(MAX(B$2:B$201)-MIN(B$2:B$201))");
    for (const method of METHODS) {
      const cells = [...o.norm[method].flat(), ...WEIGHT_SET_NAMES.flatMap((s) => o.score[method][s])];
      const notNumbers = cells.filter((v) => typeof v !== "number" || !Number.isFinite(v));
      expect(notNumbers).toEqual([]);
      const scores = o.score[method].fractions as number[];
      expect(Math.min(...scores)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...scores)).toBeLessThanOrEqual(100);
      expect(new Set(scores).size).toBeGreaterThan(distinct.values.length / 2);
    }
    const n = distinct.values.length;
    for (let j = 0; j < HEADERS.length; j++) {
      const col = distinct.values.map((r) => r[j] as number);
      const max = Math.max(...col);
      const min = Math.min(...col);
      const iMax = col.indexOf(max);
      const iMin = col.indexOf(min);
      const up = DIRECTIONS[j] === 1;
      // The customer holding the column max normalises to 1 (direction +1) or 0 (direction −1).
      for (const method of METHODS) {
        expect(o.norm[method][iMax]![j]).toBeCloseTo(up ? 1 : 0, 12);
        expect(o.norm[method][iMin]![j]).toBeCloseTo(up ? 0 : 1, 12);
      }
      // A hand value for the first customer.
      const x = col[0]!;
      const mm = (x - min) / (max - min);
      const pr = col.filter((v) => v < x).length / (n - 1);
      expect(o.norm.minmax[0]![j]).toBeCloseTo(up ? mm : 1 - mm, 12);
      expect(o.norm.percentile[0]![j]).toBeCloseTo(up ? pr : 1 - pr, 12);
    }
    // Blanks: #N/A in the oracle exactly where the input is blank.
    const ties = datasets[1]!;
    const t = oracleFor(ties);
    ties.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const cell = t.norm.minmax[i]![j];
        if (isBlank(v)) expect(cell).toEqual({ error: "#N/A" });
        else expect(typeof cell).toBe("number");
      }),
    );
  });

  describe.each(datasets)("sheet $sheet", (ds) => {
    const n = ds.values.length;

    test.each([...METHODS])("NORMALIZE(values, directions, %p) matches LibreOffice cell by cell", (method: Method) => {
      const o = oracleFor(ds);
      const actual = NORMALIZE(ds.values, DIRECTIONS_ROW, method);
      assertShape(actual, n, HEADERS.length, `NORMALIZE(${ds.sheet}, "${method}")`);
      const mismatches: (Mismatch & { reason: string })[] = [];
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < HEADERS.length; j++) {
          const expected = o.norm[method][i]![j];
          const got = actual[i]![j];
          const reason = disagreement(expected, got);
          if (reason) {
            const address = `${colLetter(LAYOUT.norm[method] + j)}${LAYOUT.firstDataRow + i}`;
            mismatches.push({
              where: `${customer(i)}, column ${j + 1} "${HEADERS[j]}" (input ${show(ds.values[i]![j])}, oracle ${address})`,
              expected,
              actual: got,
              reason,
            });
          }
        }
      }
      if (mismatches.length) throw new Error(report(`NORMALIZE ${ds.sheet} ${method}`, mismatches, n * HEADERS.length));
    });

    const cases = METHODS.flatMap((m) => WEIGHT_SET_NAMES.map((s) => [m, s] as [Method, WeightSetName]));
    test.each(cases)("SCORE(values, weights, directions, %p) with %s weights matches LibreOffice", (method, set) => {
      const o = oracleFor(ds);
      const actual = SCORE(ds.values, weightsRow(set), DIRECTIONS_ROW, method);
      assertShape(actual, n, 1, `SCORE(${ds.sheet}, ${set}, "${method}")`);
      const mismatches: (Mismatch & { reason: string })[] = [];
      for (let i = 0; i < n; i++) {
        const expected = o.score[method][set][i];
        const got = actual[i]![0];
        const reason = disagreement(expected, got);
        if (reason) {
          const address = `${colLetter(LAYOUT.score[method] + WEIGHT_SET_NAMES.indexOf(set))}${LAYOUT.firstDataRow + i}`;
          mismatches.push({ where: `${customer(i)} (inputs ${show(ds.values[i])}, oracle ${address})`, expected, actual: got, reason });
        }
      }
      if (mismatches.length) throw new Error(report(`SCORE ${ds.sheet} ${method} ${set}`, mismatches, n));
    });
  });
});
