/**
 * Synthetic customer tables and the oracle workbook for the LibreOffice interop test.
 *
 * The workbook holds the data and NATIVE spreadsheet formulas computing what CV.NORMALIZE
 * and CV.SCORE must return (docs/methods.md §1–2), written by exceljs without cached
 * results, so every number read back after a LibreOffice round trip was computed by
 * LibreOffice's formula engine and none by our code.
 *
 * Two tables, each on its own sheet, one conversion for both:
 *  - "Distinct": 200 customers, every value distinct in its column, no blanks. Percentile
 *    oracle = PERCENTRANK.INC, which equals (midrank − 1)/(n − 1) only without ties.
 *  - "Ties": 120 customers with realistic small integers (many ties), blank cells and one
 *    customer with every indicator blank. Percentile oracle = (RANK.AVG − 1)/(COUNT − 1),
 *    the midrank definition itself; scores drop missing indicators and rescale the weights.
 * A Params sheet holds directions and the two weight sets (fractions, percentages), and one
 * canary cell (=1+1 cached as −1) that proves LibreOffice recalculated rather than trusted
 * cached values.
 */
import ExcelJS from "exceljs";
import { mulberry32 } from "../helpers/random";

export type Blank = "" | null;
export type InputCell = number | Blank;

export const DIRECTIONS = [1, 1, -1, -1] as const;
export const WEIGHT_SETS = {
  fractions: [0.4, 0.3, 0.2, 0.1],
  percentages: [40, 30, 20, 10],
} as const;
export type WeightSetName = keyof typeof WEIGHT_SETS;
export const WEIGHT_SET_NAMES = Object.keys(WEIGHT_SETS) as WeightSetName[];
export const METHODS = ["minmax", "percentile"] as const;
export type Method = (typeof METHODS)[number];

export const HEADERS = ["Sales (k)", "Orders", "Payment days", "Complaints"] as const;
const K = HEADERS.length;

export interface Dataset {
  sheet: string;
  /** n × 4 indicator values; blanks are "" or null (both mean missing). */
  values: InputCell[][];
  /** Percentile oracle: PERCENTRANK.INC (needs distinct values) or RANK.AVG (handles ties). */
  percentileOracle: "percentrank" | "rankavg";
  /** Score oracle: SUMPRODUCT (no blanks) or explicit per-indicator terms that skip blanks. */
  scoreOracle: "sumproduct" | "skipMissing";
}

// ---------------------------------------------------------------------------------------
// Deterministic random numbers

function normal(rand: () => number): number {
  const u1 = 1 - rand(); // (0, 1]
  const u2 = rand();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

const round = (x: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};

/** Draws n values from `draw`, redrawing any value already taken. */
function distinctColumn(n: number, draw: () => number): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  for (let guard = 0; out.length < n; guard++) {
    if (guard > 1000 * n) throw new Error("distinctColumn: distribution too narrow");
    const x = draw();
    if (!seen.has(x)) {
      seen.add(x);
      out.push(x);
    }
  }
  return out;
}

/**
 * 200 customers, all values distinct per column:
 * sales in thousands (log-normal, right-skewed, 2 decimals), order lines per year
 * (integers, skewed), average payment days (1 decimal), complaint tickets (integers, skewed).
 * Integer columns are made distinct by redrawing repeats, which stretches their upper tail.
 */
export function distinctDataset(n = 200, seed = 20240531): Dataset {
  const rand = mulberry32(seed);
  const sales = distinctColumn(n, () => round(Math.exp(3.6 + 1.1 * normal(rand)), 2));
  const orders = distinctColumn(n, () => 1 + Math.floor(Math.exp(4.2 + 0.9 * normal(rand))));
  const days = distinctColumn(n, () => round(12 + Math.exp(3.2 + 0.45 * normal(rand)), 1));
  const complaints = distinctColumn(n, () => Math.floor(Math.exp(2.8 + 1.2 * normal(rand))));
  const values = sales.map((s, i) => [s, orders[i]!, days[i]!, complaints[i]!]);
  return { sheet: "Distinct", values, percentileOracle: "percentrank", scoreOracle: "sumproduct" };
}

/**
 * 120 customers with the ties real data has (whole thousands, small counts, whole days),
 * about 6% blank cells, and customer index 5 with every indicator blank.
 * Blanks alternate between "" and null, the two ways Excel may pass an empty cell.
 */
export function tiesDataset(n = 120, seed = 7): Dataset {
  const rand = mulberry32(seed);
  let blankToggle = false;
  const blank = (): Blank => ((blankToggle = !blankToggle) ? "" : null);
  const values: InputCell[][] = [];
  for (let i = 0; i < n; i++) {
    const row: InputCell[] = [
      Math.round(Math.exp(3.2 + 0.9 * normal(rand))),
      1 + Math.floor(rand() * rand() * 30),
      15 + 5 * Math.floor(rand() * 12),
      Math.floor(rand() * rand() * 7),
    ];
    for (let j = 0; j < K; j++) if (i === 5 || rand() < 0.06) row[j] = blank();
    values.push(row);
  }
  return { sheet: "Ties", values, percentileOracle: "rankavg", scoreOracle: "skipMissing" };
}

export const isBlank = (x: InputCell): x is Blank => x === "" || x === null;

// ---------------------------------------------------------------------------------------
// Sheet layout (1-based column numbers)

/** A: customer id; B–E: indicators; G–J minmax; L–M minmax scores; O–R percentile; T–U percentile scores. */
export const LAYOUT = {
  firstDataRow: 2,
  indicatorCol: 2,
  norm: { minmax: 7, percentile: 15 } as Record<Method, number>,
  score: { minmax: 12, percentile: 20 } as Record<Method, number>,
} as const;

export function colLetter(col: number): string {
  let s = "";
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

const PARAMS = "Params";
/** A formula written with a wrong cached result; it reads back 2 only if LibreOffice recalculated. */
export const CANARY_CELL = "B6";
const CANARY_LABEL_CELL = "A6";
/** Params sheet: row 1 directions, row 2 fraction weights, row 3 percentage weights, in B:E. */
const WEIGHT_ROW: Record<WeightSetName, number> = { fractions: 2, percentages: 3 };
const paramsRange = (row: number) => `${PARAMS}!$${colLetter(2)}$${row}:$${colLetter(1 + K)}$${row}`;
const paramsCell = (row: number, j: number) => `${PARAMS}!$${colLetter(2 + j)}$${row}`;

function normFormula(ds: Dataset, method: Method, row: number, j: number): string {
  const n = ds.values.length;
  const c = colLetter(LAYOUT.indicatorCol + j);
  const x = `${c}${row}`;
  const range = `${c}$${LAYOUT.firstDataRow}:${c}$${LAYOUT.firstDataRow + n - 1}`;
  let f: string;
  if (method === "minmax") {
    f = `(${x}-MIN(${range}))/(MAX(${range})-MIN(${range}))`;
  } else if (ds.percentileOracle === "percentrank") {
    // 15 significant digits: LibreOffice truncates to 3 when the argument is omitted.
    f = `_xlfn.PERCENTRANK.INC(${range},${x},15)`;
  } else {
    f = `(_xlfn.RANK.AVG(${x},${range},1)-1)/(COUNT(${range})-1)`;
  }
  if (DIRECTIONS[j] === -1) f = `1-(${f})`;
  if (ds.scoreOracle === "skipMissing") f = `IF(ISBLANK(${x}),NA(),${f})`;
  return f;
}

function scoreFormula(ds: Dataset, method: Method, row: number, set: WeightSetName): string {
  const first = colLetter(LAYOUT.norm[method]);
  const last = colLetter(LAYOUT.norm[method] + K - 1);
  const wRow = WEIGHT_ROW[set];
  if (ds.scoreOracle === "sumproduct") {
    return `100*SUMPRODUCT(${first}${row}:${last}${row},${paramsRange(wRow)})/SUM(${paramsRange(wRow)})`;
  }
  // Missing indicators (normalised cell = #N/A) drop out and the remaining weights rescale.
  const terms = [...Array(K).keys()].map((j) => {
    const cell = `${colLetter(LAYOUT.norm[method] + j)}${row}`;
    return { num: `IF(ISNUMBER(${cell}),${cell}*${paramsCell(wRow, j)},0)`, den: `IF(ISNUMBER(${cell}),${paramsCell(wRow, j)},0)` };
  });
  const num = terms.map((t) => t.num).join("+");
  const den = terms.map((t) => t.den).join("+");
  return `IF((${den})=0,NA(),100*(${num})/(${den}))`;
}

/** Writes the oracle workbook (data, Params, formulas without cached results). */
export async function writeOracleWorkbook(path: string, datasets: Dataset[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Customer Value for Excel interop test";
  wb.calcProperties.fullCalcOnLoad = true;

  const params = wb.addWorksheet(PARAMS);
  params.getRow(1).values = ["direction", ...DIRECTIONS];
  for (const set of WEIGHT_SET_NAMES) params.getRow(WEIGHT_ROW[set]).values = [`weights (${set})`, ...WEIGHT_SETS[set]];
  // The one deliberately stale cached result: LibreOffice computes uncached formulas anyway,
  // but keeps a cached value unless the profile forces recalculation on load.
  params.getCell(CANARY_CELL).value = { formula: "1+1", result: -1 } as ExcelJS.CellFormulaValue;
  params.getCell(CANARY_LABEL_CELL).value = "canary (cached -1, must read back 2)";

  for (const ds of datasets) {
    const ws = wb.addWorksheet(ds.sheet);
    const header = ws.getRow(1);
    header.getCell(1).value = "Customer";
    HEADERS.forEach((h, j) => (header.getCell(LAYOUT.indicatorCol + j).value = h));
    for (const method of METHODS) {
      HEADERS.forEach((h, j) => (header.getCell(LAYOUT.norm[method] + j).value = `${method} ${h}`));
      WEIGHT_SET_NAMES.forEach((set, s) => (header.getCell(LAYOUT.score[method] + s).value = `${method} score (${set})`));
    }
    ds.values.forEach((rowValues, i) => {
      const r = LAYOUT.firstDataRow + i;
      const row = ws.getRow(r);
      row.getCell(1).value = `C${String(i + 1).padStart(4, "0")}`;
      rowValues.forEach((v, j) => {
        if (!isBlank(v)) row.getCell(LAYOUT.indicatorCol + j).value = v; // blanks stay truly empty
      });
      for (const method of METHODS) {
        for (let j = 0; j < K; j++) row.getCell(LAYOUT.norm[method] + j).value = { formula: normFormula(ds, method, r, j) };
        WEIGHT_SET_NAMES.forEach((set, s) => {
          row.getCell(LAYOUT.score[method] + s).value = { formula: scoreFormula(ds, method, r, set) };
        });
      }
    });
  }
  await wb.xlsx.writeFile(path);
}

// ---------------------------------------------------------------------------------------
// Reading LibreOffice's results back

/** A value as LibreOffice left it: a number, `{ error: "#N/A" }`, or anything unexpected. */
export type OracleValue = number | { error: string } | string | boolean | null | undefined | object;

export interface OracleResults {
  /** norm[method][i][j] */
  norm: Record<Method, OracleValue[][]>;
  /** score[method][set][i] */
  score: Record<Method, Record<WeightSetName, OracleValue[]>>;
  /** Formula text of the first minmax cell as read back. */
  sampleFormula: string | undefined;
  /** Params!B6 (=1+1 with a stale cached −1): 2 when LibreOffice really recalculated on load. */
  canary: OracleValue;
}

/** What LibreOffice computed in a cell: the formula's cached result, or the plain value (cells of an array formula other than its first). */
export function resultOf(cell: ExcelJS.Cell): OracleValue {
  // cell.result, not cell.value.result: exceljs 4.4 drops a falsy result (0) from `value`.
  if (cell.type === ExcelJS.ValueType.Formula) return cell.result as OracleValue;
  return cell.value as OracleValue;
}

export async function readOracleResults(path: string, ds: Dataset): Promise<OracleResults> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(ds.sheet);
  if (!ws) throw new Error(`sheet ${ds.sheet} missing from ${path}`);
  const n = ds.values.length;
  const rows = [...Array(n).keys()].map((i) => ws.getRow(LAYOUT.firstDataRow + i));
  const norm = {} as OracleResults["norm"];
  const score = {} as OracleResults["score"];
  for (const method of METHODS) {
    norm[method] = rows.map((row) => [...Array(K).keys()].map((j) => resultOf(row.getCell(LAYOUT.norm[method] + j))));
    score[method] = {} as Record<WeightSetName, OracleValue[]>;
    WEIGHT_SET_NAMES.forEach((set, s) => {
      score[method][set] = rows.map((row) => resultOf(row.getCell(LAYOUT.score[method] + s)));
    });
  }
  const g2 = ws.getCell(LAYOUT.firstDataRow, LAYOUT.norm.minmax).value as { formula?: string } | null;
  const canaryCell = wb.getWorksheet(PARAMS)?.getCell(CANARY_CELL);
  return { norm, score, sampleFormula: g2?.formula, canary: canaryCell ? resultOf(canaryCell) : undefined };
}

export const isOracleError = (v: OracleValue): v is { error: string } =>
  v !== null && typeof v === "object" && typeof (v as { error?: unknown }).error === "string";

/**
 * Opens a recalculated workbook and returns a getter for its sheets by name, which fails
 * naming the sheet and the file when LibreOffice's output lacks it.
 */
export async function recalculatedSheets(path: string): Promise<(name: string) => ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return (name) => {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new Error(`sheet ${name} missing from ${path}`);
    return ws;
  };
}

/** The sheet and cell of the canary in a workbook made by {@link canaryWorkbook}. */
export const CANARY_SHEET = "Params";
export const CANARY_AT = "B1";

/**
 * A new oracle workbook set to recalculate fully on load, with a "Params" sheet whose B1 is
 * the canary: =1+1 cached as −1, so reading back 2 proves LibreOffice recalculated rather
 * than trusted cached values.
 */
export function canaryWorkbook(creator: string): { wb: ExcelJS.Workbook; params: ExcelJS.Worksheet } {
  const wb = new ExcelJS.Workbook();
  wb.creator = creator;
  wb.calcProperties.fullCalcOnLoad = true;
  const params = wb.addWorksheet(CANARY_SHEET);
  params.getCell("A1").value = "canary (cached -1, must read back 2)";
  params.getCell(CANARY_AT).value = { formula: "1+1", result: -1 } as ExcelJS.CellFormulaValue;
  return { wb, params };
}
