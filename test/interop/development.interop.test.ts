/**
 * Interop: LibreOffice Calc as an independent oracle for CV.RESPONSE, CV.DEVELOPMENT and
 * CV.AFFINITY (pairs), methods §10.
 *
 * One workbook holds only inputs (seeded mulberry32 data) and NATIVE spreadsheet formulas,
 * written by exceljs without cached results, recalculated once by
 * `soffice --headless --convert-to xlsx` and read back; nothing our code computes goes into
 * the sheet. The formulas work from the raw rows by other routes than our engine (which
 * indexes labels, sums per customer or basket, counts pairs per basket and mines by Eclat):
 *  - Response: per group COUNTIF (contacted, ignoring case as LibreOffice does) and
 *    COUNTIFS (responded), rate = responded/contacted, lift = rate/(SUM/COUNT of the
 *    responses); Total = COUNTA and SUM of the columns.
 *  - Development (previous 2010, current 2011, with profits): per-row helper flags
 *    "customer bought in 2010" / "in 2011" (COUNTIFS over the id and period columns) and
 *    "first row of this customer" (COUNTIF over the rows so far); distinct customers by
 *    SUMPRODUCT of the flags, sales and profits by SUMIFS on period and flag, Total straight
 *    from SUMIFS on the period (not the two groups added), then change, growth (blank when
 *    previous is 0) and share.
 *  - Affinity: a basket × product 0/1 matrix; for each ordered pair of products the count
 *    SUMPRODUCT(colA, colB), support, confidence, lift, leverage and conviction (#DIV/0!
 *    when confidence is 1). Our AFFINITY gets the same baskets as shuffled lines with
 *    repeats; its rules must be exactly the pairs LibreOffice puts over both thresholds.
 * A canary cell (=1+1 cached as −1) proves LibreOffice recalculated instead of trusting
 * cached values. Agreement: |ours − LibreOffice| ≤ tolerance × |LibreOffice| (1e-12 for
 * RESPONSE and AFFINITY, 1e-9 for DEVELOPMENT's sums; a difference such as change or
 * leverage is measured against the size of what it subtracts).
 *
 * Needs LibreOffice: apt-get install -y --no-install-recommends libreoffice-calc
 * Without it the test FAILS, unless CV_SKIP_LIBREOFFICE=1 (then it is skipped with a note).
 * CV_KEEP_INTEROP=1 keeps the generated and recalculated workbooks for inspection.
 */
import ExcelJS from "exceljs";
import { AFFINITY, DEVELOPMENT, RESPONSE } from "../../src/functions/functions";
import { col, errorCode } from "../helpers/cells";
import { recalculatedOracle, sofficeForInterop } from "../helpers/libreoffice";
import { mulberry32 } from "../helpers/random";
import { CANARY_AT, CANARY_SHEET, canaryWorkbook, colLetter, recalculatedSheets, isOracleError, resultOf, type OracleValue } from "./oracleWorkbook";

const MAX_REPORTED = 20;
const RESPONSE_TOLERANCE = 1e-12;
const DEVELOPMENT_TOLERANCE = 1e-9;
const AFFINITY_TOLERANCE = 1e-12;

const { soffice, skip } = sofficeForInterop("development LibreOffice oracle test");

const round2 = (x: number): number => Math.round(x * 100) / 100;

function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

function pick(weights: readonly number[], rand: () => number): number {
  let u = rand() * weights.reduce((s, w) => s + w, 0);
  for (let j = 0; j < weights.length - 1; j++) if ((u -= weights[j] as number) < 0) return j;
  return weights.length - 1;
}

// ---------------------------------------------------------------------------------------
// Inputs: campaign response

/** Five test cells with different response rates and sizes. */
const CAMPAIGN_GROUPS = [
  { label: "Email", weight: 0.3, rate: 0.12 },
  { label: "Phone", weight: 0.15, rate: 0.32 },
  { label: "Direct mail", weight: 0.25, rate: 0.07 },
  { label: "SMS", weight: 0.2, rate: 0.18 },
  { label: "Control", weight: 0.1, rate: 0.06 },
] as const;

interface ResponseData {
  /** Group per contacted customer; after a group's first row, about 1 in 12 spelled in lower case. */
  groups: string[];
  responded: (0 | 1)[];
  /** Canonical labels in order of first appearance (first spellings). */
  order: string[];
}

function responseData(n = 300, seed = 20250311): ResponseData {
  const rand = mulberry32(seed);
  const groups: string[] = [];
  const responded: (0 | 1)[] = [];
  const order: string[] = [];
  for (let i = 0; i < n; i++) {
    const g = CAMPAIGN_GROUPS[pick(CAMPAIGN_GROUPS.map((c) => c.weight), rand)] as (typeof CAMPAIGN_GROUPS)[number];
    const seen = order.includes(g.label);
    if (!seen) order.push(g.label);
    groups.push(seen && rand() < 1 / 12 ? g.label.toLowerCase() : g.label);
    responded.push(rand() < g.rate ? 1 : 0);
  }
  return { groups, responded, order };
}

// ---------------------------------------------------------------------------------------
// Inputs: development between two periods

const PERIODS = [2009, 2010, 2011] as const;
const PREVIOUS = 2010;
const CURRENT = 2011;

interface Purchase {
  id: number;
  period: number;
  amount: number;
  profit: number;
}

/**
 * About 80 customers (ids 5001…), each active in 2009, 2010 and 2011 independently (so
 * some are lost, some new, some back after skipping 2010, some only in 2009), 1–5 purchases
 * per active year, about 4% of them returns (negative amount and profit); rows shuffled.
 */
function purchases(customers = 80, seed = 777): Purchase[] {
  const rand = mulberry32(seed);
  const rows: Purchase[] = [];
  for (let c = 0; c < customers; c++) {
    const id = 5001 + c;
    const scale = Math.exp(4 + 0.8 * rand());
    for (const [p, period] of PERIODS.entries()) {
      if (rand() >= [0.5, 0.6, 0.65][p]!) continue;
      const count = 1 + Math.floor(5 * rand());
      for (let k = 0; k < count; k++) {
        const sign = rand() < 0.04 ? -0.3 : 1;
        const amount = round2(sign * scale * (0.2 + 1.6 * rand()));
        rows.push({ id, period, amount, profit: round2(amount * (0.1 + 0.35 * rand())) });
      }
    }
  }
  return shuffle(rows, rand);
}

// ---------------------------------------------------------------------------------------
// Inputs: baskets

/** Products with a base probability, or a probability given a partner product (strong pairs). */
const PRODUCTS: readonly { name: string; p: number; given?: { partner: string; with: number; without: number } }[] = [
  { name: "Bread", p: 0.45 },
  { name: "Milk", p: 0.5 },
  { name: "Coffee", p: 0.3 },
  { name: "Tea", p: 0.2 },
  { name: "Pasta", p: 0.3 },
  { name: "Torch", p: 0.12 },
  { name: "Butter", p: 0, given: { partner: "Bread", with: 0.6, without: 0.1 } },
  { name: "Cereal", p: 0, given: { partner: "Milk", with: 0.45, without: 0.05 } },
  { name: "Filters", p: 0, given: { partner: "Coffee", with: 0.5, without: 0.03 } },
  { name: "Lemons", p: 0, given: { partner: "Tea", with: 0.5, without: 0.08 } },
  { name: "Sauce", p: 0, given: { partner: "Pasta", with: 0.7, without: 0.05 } },
  // Only ever bought with a torch: Batteries ⇒ Torch has confidence 1 (conviction #DIV/0!).
  { name: "Batteries", p: 0, given: { partner: "Torch", with: 0.8, without: 0 } },
];
const PRODUCT_NAMES = PRODUCTS.map((p) => p.name);
/** 9 of 150 baskets exactly; Filters ⇒ Bread sits on both thresholds (9 baskets, 9 of 24), so ≥ is tested, not >. */
const MIN_SUPPORT = 0.06;
const MIN_CONFIDENCE = 0.375;

interface BasketData {
  /** matrix[b][p] = 1 when basket b holds product p; every basket holds at least one. */
  matrix: (0 | 1)[][];
  basketIds: string[];
  /** One line per basket × product, shuffled, with about 5% repeated lines. */
  lines: { basket: string; product: string }[];
}

function basketData(n = 150, seed = 4711): BasketData {
  const rand = mulberry32(seed);
  const index = new Map(PRODUCT_NAMES.map((name, p) => [name, p]));
  const matrix: (0 | 1)[][] = [];
  for (let b = 0; b < n; b++) {
    const row: (0 | 1)[] = [];
    for (const product of PRODUCTS) {
      const partner = product.given ? row[index.get(product.given.partner) as number] : undefined;
      const p = product.given ? (partner === 1 ? product.given.with : product.given.without) : product.p;
      row.push(rand() < p ? 1 : 0);
    }
    if (!row.includes(1)) row[Math.floor(rand() * 6)] = 1; // a basket is a line or more
    matrix.push(row);
  }
  const basketIds = matrix.map((_, b) => `B${String(b + 1).padStart(3, "0")}`);
  const lines: { basket: string; product: string }[] = [];
  matrix.forEach((row, b) =>
    row.forEach((x, p) => {
      if (x === 0) return;
      const line = { basket: basketIds[b] as string, product: PRODUCT_NAMES[p] as string };
      lines.push(line);
      if (rand() < 0.05) lines.push({ ...line });
    }),
  );
  return { matrix, basketIds, lines: shuffle(lines, rand) };
}

const campaign = responseData();
const sales = purchases();
const baskets = basketData();
const PAIRS = PRODUCT_NAMES.flatMap((a) => PRODUCT_NAMES.filter((b) => b !== a).map((b) => ({ antecedent: a, consequent: b })));
const pairKey = (antecedent: unknown, consequent: unknown): string => `${String(antecedent)} ⇒ ${String(consequent)}`;

// ---------------------------------------------------------------------------------------
// The oracle workbook


const RESP = "Response";
/** A group, B responded (rows 2…); summary block: labels in D, Contacted E, Responded F, Rate G, Lift H (header row 1). */
const RESP_COL = { group: 1, responded: 2, label: 4, contacted: 5, yes: 6, rate: 7, lift: 8 } as const;

const DEV = "Development";
/** A id, B period, C amount, D profit; helper flags F (bought in previous), G (in current), H (first row of the customer). */
const DEV_COL = { id: 1, period: 2, amount: 3, profit: 4, inPrevious: 6, inCurrent: 7, firstRow: 8, summary: 10 } as const;
/** The summary table's numeric columns, in CV.DEVELOPMENT's order (after the label). */
const DEV_FIGURES = ["Customers", "Sales previous", "Sales current", "Change", "Growth", "Share", "Profit previous", "Profit current", "Profit change", "Profit growth"] as const;
const DEV_ROWS = ["Existing customers", "New customers", "Total"] as const;

const BASKETS = "Baskets";
const PAIRS_SHEET = "Pairs";
/** Pairs: A antecedent, B consequent, C count, D support, E confidence, F lift, G leverage, H conviction; the basket count in K1. */
const PAIR_COL = { count: 3, support: 4, confidence: 5, lift: 6, leverage: 7, conviction: 8 } as const;
const BASKET_COUNT_CELL = "$K$1";

const abs = (c: number, r: number): string => `$${colLetter(c)}$${r}`;
const range = (c: number, r1: number, r2: number, sheet?: string): string => `${sheet ? `${sheet}!` : ""}${abs(c, r1)}:${abs(c, r2)}`;

function writeResponseSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(RESP);
  ws.getRow(1).values = ["group", "responded", "", "Group", "Contacted", "Responded", "Rate", "Lift"];
  campaign.groups.forEach((g, i) => {
    ws.getCell(2 + i, RESP_COL.group).value = g;
    ws.getCell(2 + i, RESP_COL.responded).value = campaign.responded[i] as number;
  });
  const last = 1 + campaign.groups.length;
  const groups = range(RESP_COL.group, 2, last);
  const responded = range(RESP_COL.responded, 2, last);
  const overall = `(SUM(${responded})/COUNT(${responded}))`;
  const line = (r: number, contacted: string, yes: string): void => {
    ws.getCell(r, RESP_COL.contacted).value = { formula: contacted };
    ws.getCell(r, RESP_COL.yes).value = { formula: yes };
    ws.getCell(r, RESP_COL.rate).value = { formula: `${colLetter(RESP_COL.yes)}${r}/${colLetter(RESP_COL.contacted)}${r}` };
    ws.getCell(r, RESP_COL.lift).value = { formula: `${colLetter(RESP_COL.rate)}${r}/${overall}` };
  };
  campaign.order.forEach((label, g) => {
    const r = 2 + g;
    ws.getCell(r, RESP_COL.label).value = label;
    const cell = `${colLetter(RESP_COL.label)}${r}`;
    line(r, `COUNTIF(${groups},${cell})`, `COUNTIFS(${groups},${cell},${responded},1)`);
  });
  const total = 2 + campaign.order.length;
  ws.getCell(total, RESP_COL.label).value = "Total";
  line(total, `COUNTA(${groups})`, `SUM(${responded})`);
}

function writeDevelopmentSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(DEV);
  ws.getRow(1).values = ["customer", "period", "amount", "profit", "", `bought in ${PREVIOUS}`, `bought in ${CURRENT}`, "first row of customer"];
  const last = 1 + sales.length;
  const ids = range(DEV_COL.id, 2, last);
  const periods = range(DEV_COL.period, 2, last);
  const amounts = range(DEV_COL.amount, 2, last);
  const profits = range(DEV_COL.profit, 2, last);
  const inPrevious = range(DEV_COL.inPrevious, 2, last);
  const inCurrent = range(DEV_COL.inCurrent, 2, last);
  const firstRow = range(DEV_COL.firstRow, 2, last);
  const idColumn = colLetter(DEV_COL.id);
  sales.forEach((s, i) => {
    const r = 2 + i;
    const row = ws.getRow(r);
    row.getCell(DEV_COL.id).value = s.id;
    row.getCell(DEV_COL.period).value = s.period;
    row.getCell(DEV_COL.amount).value = s.amount;
    row.getCell(DEV_COL.profit).value = s.profit;
    const id = `${idColumn}${r}`;
    row.getCell(DEV_COL.inPrevious).value = { formula: `IF(COUNTIFS(${ids},${id},${periods},${PREVIOUS})>0,1,0)` };
    row.getCell(DEV_COL.inCurrent).value = { formula: `IF(COUNTIFS(${ids},${id},${periods},${CURRENT})>0,1,0)` };
    row.getCell(DEV_COL.firstRow).value = { formula: `IF(COUNTIF($${idColumn}$2:${idColumn}${r},${id})=1,1,0)` };
  });

  const left = DEV_COL.summary;
  ws.getCell(1, left).value = "";
  DEV_FIGURES.forEach((f, j) => (ws.getCell(1, left + 1 + j).value = f));
  const cell = (row: number, figure: (typeof DEV_FIGURES)[number]): string => `${colLetter(left + 1 + DEV_FIGURES.indexOf(figure))}${row}`;
  const totalRow = 2 + DEV_ROWS.indexOf("Total");
  const sumIfs = (column: string, period: number, flag?: 0 | 1): string => `SUMIFS(${column},${periods},${period}${flag === undefined ? "" : `,${inPrevious},${flag}`})`;
  const definitions: Record<(typeof DEV_ROWS)[number], { customers: string; flag: 0 | 1 | undefined }> = {
    "Existing customers": { customers: `SUMPRODUCT(${firstRow},${inPrevious})`, flag: 1 },
    "New customers": { customers: `SUMPRODUCT(${firstRow},1-${inPrevious},${inCurrent})`, flag: 0 },
    Total: { customers: `SUMPRODUCT(${firstRow},SIGN(${inPrevious}+${inCurrent}))`, flag: undefined },
  };
  DEV_ROWS.forEach((label, k) => {
    const r = 2 + k;
    const { customers, flag } = definitions[label];
    ws.getCell(r, left).value = label;
    const put = (figure: (typeof DEV_FIGURES)[number], formula: string): void => {
      ws.getCell(r, left + 1 + DEV_FIGURES.indexOf(figure)).value = { formula };
    };
    const growth = (change: string, previous: string): string => `IF(${previous}=0,"",${change}/ABS(${previous}))`;
    put("Customers", customers);
    put("Sales previous", sumIfs(amounts, PREVIOUS, flag));
    put("Sales current", sumIfs(amounts, CURRENT, flag));
    put("Change", `${cell(r, "Sales current")}-${cell(r, "Sales previous")}`);
    put("Growth", growth(cell(r, "Change"), cell(r, "Sales previous")));
    put("Share", `${cell(r, "Sales current")}/${cell(totalRow, "Sales current")}`);
    put("Profit previous", sumIfs(profits, PREVIOUS, flag));
    put("Profit current", sumIfs(profits, CURRENT, flag));
    put("Profit change", `${cell(r, "Profit current")}-${cell(r, "Profit previous")}`);
    put("Profit growth", growth(cell(r, "Profit change"), cell(r, "Profit previous")));
  });
}

function writeBasketSheets(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(BASKETS);
  ws.getRow(1).values = ["basket", ...PRODUCT_NAMES];
  baskets.matrix.forEach((row, b) => (ws.getRow(2 + b).values = [baskets.basketIds[b] as string, ...row]));
  const last = 1 + baskets.matrix.length;
  const productColumn = (name: string): string => range(2 + PRODUCT_NAMES.indexOf(name), 2, last, BASKETS);

  const pairs = wb.addWorksheet(PAIRS_SHEET);
  pairs.getRow(1).values = ["Antecedent", "Consequent", "Count", "Support", "Confidence", "Lift", "Leverage", "Conviction", "", "baskets"];
  pairs.getCell(BASKET_COUNT_CELL.replaceAll("$", "")).value = { formula: `COUNTA(${range(1, 2, last, BASKETS)})` };
  const n = BASKET_COUNT_CELL;
  PAIRS.forEach(({ antecedent, consequent }, i) => {
    const r = 2 + i;
    const a = productColumn(antecedent);
    const b = productColumn(consequent);
    const at = (c: number): string => `${colLetter(c)}${r}`;
    const shareA = `(SUM(${a})/${n})`;
    const shareB = `(SUM(${b})/${n})`;
    pairs.getCell(r, 1).value = antecedent;
    pairs.getCell(r, 2).value = consequent;
    pairs.getCell(r, PAIR_COL.count).value = { formula: `SUMPRODUCT(${a},${b})` };
    pairs.getCell(r, PAIR_COL.support).value = { formula: `${at(PAIR_COL.count)}/${n}` };
    pairs.getCell(r, PAIR_COL.confidence).value = { formula: `${at(PAIR_COL.count)}/SUM(${a})` };
    pairs.getCell(r, PAIR_COL.lift).value = { formula: `${at(PAIR_COL.confidence)}/${shareB}` };
    pairs.getCell(r, PAIR_COL.leverage).value = { formula: `${at(PAIR_COL.support)}-${shareA}*${shareB}` };
    pairs.getCell(r, PAIR_COL.conviction).value = { formula: `(1-${shareB})/(1-${at(PAIR_COL.confidence)})` };
  });
}

async function writeWorkbook(path: string): Promise<void> {
  const { wb } = canaryWorkbook("Customer Value for Excel development interop test");
  writeResponseSheet(wb);
  writeDevelopmentSheet(wb);
  writeBasketSheets(wb);
  await wb.xlsx.writeFile(path);
}

// ---------------------------------------------------------------------------------------
// Reading LibreOffice's results back

interface PairFigures {
  count: OracleValue;
  support: OracleValue;
  confidence: OracleValue;
  lift: OracleValue;
  leverage: OracleValue;
  conviction: OracleValue;
}

interface Oracle {
  canary: OracleValue;
  /** Formula text of the first "bought in previous" helper cell as read back. */
  sampleFormula: string | undefined;
  /** Per group in campaign.order, then Total: [label, contacted, responded, rate, lift]. */
  response: OracleValue[][];
  /** Per DEV_ROWS row: the DEV_FIGURES values. */
  development: OracleValue[][];
  /** Per-row helper flags, for the sanity checks. */
  flags: { inPrevious: OracleValue[]; inCurrent: OracleValue[]; firstRow: OracleValue[] };
  basketCount: OracleValue;
  /** By pairKey(antecedent, consequent). */
  pairs: Map<string, PairFigures>;
}

async function readWorkbook(path: string): Promise<Oracle> {
  const sheet = await recalculatedSheets(path);
  const resp = sheet(RESP);
  const response = [...campaign.order, "Total"].map((_, g) =>
    [RESP_COL.label, RESP_COL.contacted, RESP_COL.yes, RESP_COL.rate, RESP_COL.lift].map((c) => resultOf(resp.getCell(2 + g, c))),
  );
  const dev = sheet(DEV);
  const development = DEV_ROWS.map((_, k) => DEV_FIGURES.map((_f, j) => resultOf(dev.getCell(2 + k, DEV_COL.summary + 1 + j))));
  const devColumn = (c: number): OracleValue[] => sales.map((_, i) => resultOf(dev.getCell(2 + i, c)));
  const pairSheet = sheet(PAIRS_SHEET);
  const pairs = new Map<string, PairFigures>();
  PAIRS.forEach(({ antecedent, consequent }, i) => {
    const at = (c: number): OracleValue => resultOf(pairSheet.getCell(2 + i, c));
    pairs.set(pairKey(antecedent, consequent), {
      count: at(PAIR_COL.count),
      support: at(PAIR_COL.support),
      confidence: at(PAIR_COL.confidence),
      lift: at(PAIR_COL.lift),
      leverage: at(PAIR_COL.leverage),
      conviction: at(PAIR_COL.conviction),
    });
  });
  const sample = dev.getCell(2, DEV_COL.inPrevious).value as { formula?: string } | null;
  return {
    canary: resultOf(sheet(CANARY_SHEET).getCell(CANARY_AT)),
    sampleFormula: sample?.formula,
    response,
    development,
    flags: { inPrevious: devColumn(DEV_COL.inPrevious), inCurrent: devColumn(DEV_COL.inCurrent), firstRow: devColumn(DEV_COL.firstRow) },
    basketCount: resultOf(pairSheet.getCell(BASKET_COUNT_CELL.replaceAll("$", ""))),
    pairs,
  };
}

// ---------------------------------------------------------------------------------------
// Comparison

const show = (v: unknown): string => {
  if (typeof v === "number") return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

/** Compared cells and the largest relative difference, per function, reported after the run. */
const stats = new Map<string, { cells: number; maxRel: number }>();

interface Check {
  where: string;
  actual: unknown;
  expected: OracleValue;
  /** The size a difference is measured against, when larger than |expected| (see the header). */
  scale?: number;
}

/**
 * Compares every check: numbers within `tolerance` relative (to max(|expected|, scale)),
 * LibreOffice errors by code, text and blanks exactly (a blank formula result reads back as
 * "" or nothing, our blank cell is ""). Throws a report naming the disagreeing cells.
 */
function compare(fn: string, what: string, tolerance: number, checks: Check[]): void {
  const bad: string[] = [];
  let maxRel = 0;
  for (const { where, actual, expected, scale = 0 } of checks) {
    if (typeof expected === "number") {
      if (typeof actual !== "number" || !Number.isFinite(actual)) {
        bad.push(`${where}: LibreOffice ${expected}, function ${show(actual)} (expected a number)`);
        continue;
      }
      const diff = Math.abs(actual - expected);
      const rel = diff === 0 ? 0 : diff / Math.max(Math.abs(expected), scale);
      maxRel = Math.max(maxRel, rel);
      if (!(rel <= tolerance)) bad.push(`${where}: LibreOffice ${expected}, function ${actual} (|diff| ${diff.toExponential(3)}, relative ${rel.toExponential(3)})`);
    } else if (isOracleError(expected)) {
      if (errorCode(actual) !== expected.error) bad.push(`${where}: LibreOffice ${expected.error}, function ${show(actual)}`);
    } else if (typeof expected === "string" && expected !== "") {
      if (actual !== expected) bad.push(`${where}: LibreOffice ${show(expected)}, function ${show(actual)}`);
    } else if (expected === "" || expected === null || expected === undefined) {
      if (actual !== "") bad.push(`${where}: LibreOffice blank, function ${show(actual)}`);
    } else {
      bad.push(`${where}: LibreOffice cell holds ${show(expected)} (not recalculated?)`);
    }
  }
  const s = stats.get(fn) ?? { cells: 0, maxRel: 0 };
  stats.set(fn, { cells: s.cells + checks.length, maxRel: Math.max(s.maxRel, maxRel) });
  if (bad.length) {
    const more = bad.length > MAX_REPORTED ? [`  … and ${bad.length - MAX_REPORTED} more`] : [];
    throw new Error([`${what}: ${bad.length} of ${checks.length} cells disagree with LibreOffice (tolerance ${tolerance} relative)`, ...bad.slice(0, MAX_REPORTED).map((b) => `  ${b}`), ...more].join("\n"));
  }
}

function assertTable(result: unknown, what: string): asserts result is unknown[][] {
  if (!Array.isArray(result) || !result.every(Array.isArray)) throw new Error(`${what} returned ${show(result)}, not a 2-D array`);
}

const numberOf = (v: OracleValue, what: string): number => {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`${what}: LibreOffice cell holds ${show(v)}, not a number`);
  return v;
};

// ---------------------------------------------------------------------------------------

describe("synthetic inputs for the development LibreOffice oracle", () => {
  test("campaign: 300 contacts in 5 groups (some spelled in lower case), every group with responders and non-responders", () => {
    expect(campaign.groups).toHaveLength(300);
    expect([...campaign.order].sort()).toEqual(CAMPAIGN_GROUPS.map((g) => g.label).sort());
    expect(campaign.groups.filter((g) => !campaign.order.includes(g)).length).toBeGreaterThan(5);
    for (const label of campaign.order) {
      const rows = campaign.groups.map((_, i) => i).filter((i) => campaign.groups[i]?.toLowerCase() === label.toLowerCase());
      expect(rows.length).toBeGreaterThanOrEqual(20);
      const yes = rows.filter((i) => campaign.responded[i] === 1).length;
      expect(yes).toBeGreaterThan(0);
      expect(yes).toBeLessThan(rows.length);
    }
  });

  test("purchases: about 400 rows of about 80 customers with lost, new, returning and 2009-only customers and returns", () => {
    expect(sales.length).toBeGreaterThanOrEqual(350);
    expect(sales.length).toBeLessThanOrEqual(450);
    const years = new Map<number, Set<number>>();
    for (const s of sales) years.set(s.id, (years.get(s.id) ?? new Set()).add(s.period));
    expect(years.size).toBeGreaterThanOrEqual(70);
    const pattern = (has: (y: Set<number>) => boolean): number => [...years.values()].filter(has).length;
    expect(pattern((y) => y.has(2010) && !y.has(2011))).toBeGreaterThan(2); // lost
    expect(pattern((y) => !y.has(2010) && y.has(2011) && !y.has(2009))).toBeGreaterThan(2); // new
    expect(pattern((y) => !y.has(2010) && y.has(2011) && y.has(2009))).toBeGreaterThan(2); // back after skipping 2010: new
    expect(pattern((y) => y.size === 1 && y.has(2009))).toBeGreaterThan(0); // in neither group
    expect(sales.filter((s) => s.amount < 0).length).toBeGreaterThan(3);
    // Shuffled: a customer's rows are not all together.
    expect(sales.filter((s, i) => i > 0 && sales[i - 1]?.id === s.id).length).toBeLessThan(sales.length / 4);
  });

  test("baskets: 150 non-empty baskets over 12 products, lines shuffled with repeats, Batteries only beside a Torch", () => {
    expect(baskets.matrix).toHaveLength(150);
    expect(baskets.matrix.every((row) => row.length === PRODUCT_NAMES.length && row.includes(1))).toBe(true);
    const lineKeys = baskets.lines.map((l) => `${l.basket}|${l.product}`);
    expect(new Set(lineKeys).size).toBe(baskets.matrix.flat().filter((x) => x === 1).length);
    expect(lineKeys.length - new Set(lineKeys).size).toBeGreaterThan(5);
    const torch = PRODUCT_NAMES.indexOf("Torch");
    const batteries = PRODUCT_NAMES.indexOf("Batteries");
    const withBatteries = baskets.matrix.filter((row) => row[batteries] === 1);
    expect(withBatteries.length).toBeGreaterThanOrEqual(MIN_SUPPORT * baskets.matrix.length);
    expect(withBatteries.every((row) => row[torch] === 1)).toBe(true);
  });
});

(skip ? describe.skip : describe)("LibreOffice oracle: CV.RESPONSE, CV.DEVELOPMENT, CV.AFFINITY", () => {
  const o = recalculatedOracle(soffice, "development", writeWorkbook, readWorkbook);

  afterAll(() => {
    if (stats.size) {
      const lines = [...stats].map(([fn, s]) => `  ${fn}: ${s.cells} cells, max relative difference ${s.maxRel.toExponential(2)}`);
      console.info([`[interop] development oracle: ${[...stats.values()].reduce((t, s) => t + s.cells, 0)} cells compared`, ...lines].join("\n"));
    }
  });

  test("the oracle really recalculated (canary, helper flags against the data, counts add up)", () => {
    const { canary, sampleFormula, response, development, flags, basketCount, pairs } = o();
    // A stale cached value survives unless the profile forces recalculation on load.
    expect(canary).toBe(2);
    expect(sampleFormula).toBe(`IF(COUNTIFS($A$2:$A$${1 + sales.length},A2,$B$2:$B$${1 + sales.length},${PREVIOUS})>0,1,0)`);

    // Helper flags agree with the rows (a plain JS reading of the data).
    const boughtIn = (period: number) => new Set(sales.filter((s) => s.period === period).map((s) => s.id));
    const previousBuyers = boughtIn(PREVIOUS);
    const currentBuyers = boughtIn(CURRENT);
    expect(flags.inPrevious).toEqual(sales.map((s) => (previousBuyers.has(s.id) ? 1 : 0)));
    expect(flags.inCurrent).toEqual(sales.map((s) => (currentBuyers.has(s.id) ? 1 : 0)));
    expect(flags.firstRow).toEqual(sales.map((s, i) => (sales.findIndex((t) => t.id === s.id) === i ? 1 : 0)));

    // Response: the groups' counts add up to the Total row, which counts every row.
    const total = response[response.length - 1] as OracleValue[];
    const groupRows = response.slice(0, -1);
    expect(total[1]).toBe(campaign.groups.length);
    expect(groupRows.reduce((s, r) => s + numberOf(r[1], "contacted"), 0)).toBe(total[1]);
    expect(groupRows.reduce((s, r) => s + numberOf(r[2], "responded"), 0)).toBe(total[2]);
    expect(total[4]).toBeCloseTo(1, 14);

    // Development: existing + new = total (customers exactly, sums to rounding).
    const [existing, fresh, all] = development as [OracleValue[], OracleValue[], OracleValue[]];
    expect(numberOf(existing[0], "existing") + numberOf(fresh[0], "new")).toBe(all[0]);
    expect(existing[0]).toBe(previousBuyers.size);
    for (const j of [1, 2, 6, 7]) {
      expect(Math.abs(numberOf(existing[j], "existing") + numberOf(fresh[j], "new") - numberOf(all[j], "total"))).toBeLessThan(1e-6);
    }
    expect(fresh[1]).toBe(0);
    expect(fresh[4]).toBeFalsy(); // blank growth: new customers had no previous sales

    // Affinity: 150 baskets, counts symmetric, one rule with confidence 1.
    expect(basketCount).toBe(baskets.matrix.length);
    for (const { antecedent, consequent } of PAIRS) {
      expect(pairs.get(pairKey(antecedent, consequent))?.count).toBe(pairs.get(pairKey(consequent, antecedent))?.count);
    }
    expect(pairs.get(pairKey("Batteries", "Torch"))?.confidence).toBe(1);
    expect(pairs.get(pairKey("Batteries", "Torch"))?.conviction).toEqual({ error: "#DIV/0!" });
  });

  test("CV.RESPONSE matches COUNTIF/COUNTIFS per group, cell by cell (groups in order of first appearance, then Total)", () => {
    const result = RESPONSE(col(...campaign.groups), col(...campaign.responded));
    assertTable(result, "RESPONSE");
    expect(result[0]).toEqual(["Group", "Contacted", "Responded", "Rate", "Lift"]);
    const rows = result.slice(1);
    const expected = o().response;
    expect(rows.map((r) => r.length)).toEqual(expected.map(() => 5));
    expect(rows.map((r) => r[0])).toEqual([...campaign.order, "Total"]);
    const headers = ["Group", "Contacted", "Responded", "Rate", "Lift"];
    const checks = expected.flatMap((oracleRow, g) =>
      oracleRow.map((e, j): Check => ({ where: `${String(oracleRow[0])} ${headers[j]}`, actual: rows[g]?.[j], expected: e })),
    );
    compare("CV.RESPONSE", "RESPONSE", RESPONSE_TOLERANCE, checks);
  });

  test(`CV.DEVELOPMENT (${PREVIOUS} → ${CURRENT}, with profits) matches COUNTIFS flags, SUMPRODUCT and SUMIFS for every cell`, () => {
    const result = DEVELOPMENT(
      col(...sales.map((s) => s.id)),
      col(...sales.map((s) => s.period)),
      col(...sales.map((s) => s.amount)),
      [[PREVIOUS]],
      [[CURRENT]],
      col(...sales.map((s) => s.profit)),
    );
    assertTable(result, "DEVELOPMENT");
    expect(result[0]).toEqual(["", "Customers", `Sales ${PREVIOUS}`, `Sales ${CURRENT}`, "Change", "Growth", `Share of ${CURRENT} sales`, `Profit ${PREVIOUS}`, `Profit ${CURRENT}`, "Profit change", "Profit growth"]);
    const rows = result.slice(1);
    expect(rows.map((r) => r[0])).toEqual([...DEV_ROWS]);
    expect(rows.map((r) => r.length)).toEqual(DEV_ROWS.map(() => 1 + DEV_FIGURES.length));
    const development = o().development;
    const checks = DEV_ROWS.flatMap((label, k) => {
      const oracleRow = development[k] as OracleValue[];
      const magnitude = (...figures: (typeof DEV_FIGURES)[number][]): number =>
        Math.max(...figures.map((f) => Math.abs(numberOf(oracleRow[DEV_FIGURES.indexOf(f)], `${label} ${f}`))));
      // A change is measured against the sums it subtracts; growth inherits that error over |previous|.
      const scaleOf: Partial<Record<(typeof DEV_FIGURES)[number], () => number>> = {
        Change: () => magnitude("Sales previous", "Sales current"),
        Growth: () => magnitude("Sales previous", "Sales current") / Math.max(magnitude("Sales previous"), Number.MIN_VALUE),
        "Profit change": () => magnitude("Profit previous", "Profit current"),
        "Profit growth": () => magnitude("Profit previous", "Profit current") / Math.max(magnitude("Profit previous"), Number.MIN_VALUE),
      };
      return DEV_FIGURES.map((figure, j): Check => {
        const scale = scaleOf[figure]?.();
        return { where: `${label}, ${figure}`, actual: rows[k]?.[1 + j], expected: oracleRow[j], ...(scale !== undefined ? { scale } : {}) };
      });
    });
    compare("CV.DEVELOPMENT", "DEVELOPMENT", DEVELOPMENT_TOLERANCE, checks);
  });

  test(`CV.AFFINITY pairs (min_support ${MIN_SUPPORT}, min_confidence ${MIN_CONFIDENCE}): exactly LibreOffice's qualifying pairs, every measure matching SUMPRODUCT`, () => {
    const { pairs } = o();
    const result = AFFINITY(col(...baskets.lines.map((l) => l.basket)), col(...baskets.lines.map((l) => l.product)), MIN_SUPPORT, MIN_CONFIDENCE, 2);
    assertTable(result, "AFFINITY");
    expect(result[0]).toEqual(["Antecedent", "Consequent", "Support", "Confidence", "Lift", "Leverage", "Conviction"]);
    const rules = result.slice(1);
    expect(rules.map((r) => r.length)).toEqual(rules.map(() => 7));

    // The set of rules = the ordered pairs LibreOffice puts over both thresholds.
    const qualifying = PAIRS.map(({ antecedent, consequent }) => pairKey(antecedent, consequent)).filter((key) => {
      const p = pairs.get(key) as PairFigures;
      return numberOf(p.support, `${key} support`) >= MIN_SUPPORT && numberOf(p.confidence, `${key} confidence`) >= MIN_CONFIDENCE;
    });
    expect(qualifying.length).toBeGreaterThanOrEqual(10);
    expect(qualifying.length).toBeLessThanOrEqual(40);
    const returned = rules.map((r) => pairKey(r[0], r[1]));
    expect(new Set(returned).size).toBe(returned.length);
    expect([...returned].sort()).toEqual([...qualifying].sort());
    // A pair exactly on each threshold is in (at least, not above).
    expect(qualifying.some((key) => pairs.get(key)?.support === MIN_SUPPORT)).toBe(true);
    expect(qualifying.some((key) => pairs.get(key)?.confidence === MIN_CONFIDENCE)).toBe(true);
    // At least one returned rule always held (conviction #DIV/0!).
    expect(rules.some((r) => errorCode(r[6]) === "#DIV/0!")).toBe(true);

    // Sorted by lift, highest first (LibreOffice's lifts).
    const lifts = returned.map((key) => numberOf(pairs.get(key)?.lift, `${key} lift`));
    lifts.slice(1).forEach((lift, i) => expect(lift).toBeLessThanOrEqual((lifts[i] as number) * (1 + AFFINITY_TOLERANCE)));

    const measures = ["support", "confidence", "lift", "leverage", "conviction"] as const;
    const checks = rules.flatMap((r, i) => {
      const key = returned[i] as string;
      const p = pairs.get(key);
      if (!p) throw new Error(`AFFINITY returned ${key}, which is not a pair of two different products`);
      // Leverage = support − share × share: measured against the support it subtracts from.
      const support = numberOf(p.support, `${key} support`);
      return measures.map((m, j): Check => ({ where: `${key}, ${m}`, actual: r[2 + j], expected: p[m], ...(m === "leverage" ? { scale: support } : {}) }));
    });
    compare("CV.AFFINITY", "AFFINITY", AFFINITY_TOLERANCE, checks);
  });
});
