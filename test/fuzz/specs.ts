/**
 * One fuzz spec per CV.* custom function: how to build plausible arguments (same-height
 * columns, valid options, values at the edges of the doubles now and then), the result's
 * shape, and the properties its numbers must have beyond the shape (a share lies in 0–1, a
 * probability row adds up to 1, a share does not change when every value is halved …). The
 * suite adds one random mutation to the plausible arguments (withMutation).
 */
import fc from "fast-check";
import * as F from "../../src/functions/functions";
import { optionalFlag } from "../../src/functions/excelArgs";
import {
  type Cell,
  type Grid,
  anyCell,
  columnOf,
  dateSerial,
  dateText,
  extremeNumber,
  mostly,
  numericText,
  optional,
  optionText,
  rowOf,
} from "./excelArgs";
import type { Problem, Shape } from "./invariants";
import { simulateCustomers } from "../helpers/btydSimulation";

export interface FuzzSpec {
  /** The Excel name after CV. */
  name: string;
  fn: (...args: never[]) => unknown;
  shape: Shape;
  /** Plausible arguments, in the function's order. */
  args: fc.Arbitrary<unknown[]>;
  /** Runs relative to the suite's base (cheap functions more, fits fewer). */
  runs?: number;
  /** Properties of a returned result beyond its shape. */
  check?: (args: readonly unknown[], result: unknown) => Problem[];
  /** Arguments with the values scaled by a power of two, whose result must be the same (overflow detector); undefined when it does not apply. */
  scaled?: (args: readonly unknown[]) => unknown[] | undefined;
  /** Compares the result of the scaled call with the plain one. */
  sameAfterScaling?: (plain: unknown, scaled: unknown) => Problem[];
}

// ---------- plausible cells ----------


/** A scale for a whole column: mostly 1, sometimes at the edges of the doubles. */
const scale = fc.oneof({ weight: 6, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: fc.constantFrom(1e300, 9e305, 1e-300, 1e-310, 1e6) });

const plainNumber = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -100, max: 1000 }) },
  { weight: 3, arbitrary: fc.double({ min: 0, max: 1e4, noNaN: true }) },
  { weight: 1, arbitrary: extremeNumber },
  { weight: 1, arbitrary: numericText },
);
const positiveNumber = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 1000 }) }, { weight: 3, arbitrary: fc.double({ min: 0.01, max: 1e4, noNaN: true }) }, { weight: 1, arbitrary: extremeNumber });
const numberCell = mostly(plainNumber);

/** A column of n numbers, all multiplied by one scale (so 1e300-sized columns are common). */
/**
 * Same-height columns built row by row (one tuple of cells per row), so fast-check shrinks a
 * counterexample by dropping rows. Scaled columns (indexes in `scaledColumns`) are multiplied
 * by one scale for the whole call.
 */
function columns(cells: fc.Arbitrary<Cell>[], scaledColumns: number[] = [], min = 1, max = 40): fc.Arbitrary<Grid[]> {
  // One or two rows now and then: where a single blank or odd cell is the whole input.
  const height = fc.oneof({ weight: 6, arbitrary: fc.array(fc.tuple(...cells), { minLength: min, maxLength: max }) }, { weight: 1, arbitrary: fc.array(fc.tuple(...cells), { minLength: min, maxLength: Math.max(min, 2) }) });
  return fc.tuple(scale, height).map(([k, rows]) => cells.map((_, j) => rows.map((r) => [scaledColumns.includes(j) ? times(r[j], k) : r[j]])));
}
/** An n-row block of m columns (m drawn first), rows shrinkable. */
function block(cell: fc.Arbitrary<Cell>, maxColumns: number, scaled = true): fc.Arbitrary<Grid> {
  return fc.integer({ min: 1, max: maxColumns }).chain((m) => fc.tuple(scale, fc.array(fc.array(cell, { minLength: m, maxLength: m }), { minLength: 1, maxLength: 40 }))).map(([k, grid]) => (scaled ? grid.map((r) => r.map((c) => times(c, k))) : grid));
}
const intCell = mostly(fc.oneof({ weight: 20, arbitrary: fc.integer({ min: -20, max: 1000 }) }, { weight: 1, arbitrary: extremeNumber }), 1, 1);
/** Cells with no blank, for arguments where every row needs a value. */
const full = <T>(a: fc.Arbitrary<T>) => mostly(a, 0);
const nonNegCell = mostly(fc.integer({ min: 0, max: 1000 }), 1, 1);
/** The width of a block argument. */
const widthOf = (grid: unknown): number => (Array.isArray(grid) && Array.isArray(grid[0]) ? (grid[0] as unknown[]).length : 1);

/** c × k, kept finite (Excel never passes ±Infinity): beyond the doubles it is ±Number.MAX_VALUE. */
function times(c: Cell, k: number): Cell {
  if (typeof c !== "number") return c;
  const v = c * k;
  return Number.isFinite(v) ? v : Math.sign(v) * Number.MAX_VALUE;
}
const day = mostly(fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 36_000, max: 36_400 }) }, { weight: 1, arbitrary: dateText }, { weight: 1, arbitrary: dateSerial }, { weight: 1, arbitrary: fc.double({ min: 36_000, max: 36_400, noNaN: true }) }));
const asOfDay = optional(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 36_300, max: 36_800 }) }, { weight: 1, arbitrary: dateText }, { weight: 1, arbitrary: dateSerial }, { weight: 1, arbitrary: anyCell }));
const idValue = fc.oneof(fc.constantFrom<Cell>("A", "B", "C", "D", "E", "a", " A", "1"), fc.integer({ min: 1, max: 6 }));
const idCell = mostly(idValue);
const flagCell = mostly(fc.oneof(fc.boolean(), fc.constantFrom<Cell>("Y", "N", 1, 0, "yes", "no", "TRUE", "false")));
const productCell = full(fc.constantFrom<Cell>("p1", "p2", "p3", "p4", "p5", "p6", "P1", 7, 8));
const stageCell = mostly(fc.constantFrom<Cell>("Prospect", "Target", "New", "Established", "Core", "Strategic", "Problem", "Exited", "new", "Other"));
const headersArg = optional(fc.oneof(fc.boolean(), fc.constantFrom<Cell>("Y", "N", 1, 0, "FALSE")));
const shareOption = optional(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 100 }), fc.constantFrom<Cell>("20%", "0.2", 0.2, 1, 0, 5e-324)));
const directionRow = (m: number) => optional(rowOf(m, full(fc.constantFrom<Cell>(1, -1, "1", "-1", ""))));
const weightRow = (m: number) => rowOf(m, full(fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom<Cell>("20%", 1e308, 5e-324))));
const smallCount = (min: number, max: number) => fc.oneof({ weight: 8, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom<Cell>(String(min), min - 1, max + 1, 2.5) });

// ---------- result helpers ----------

type Row = unknown[];
const rowsOf = (result: unknown): Row[] => (Array.isArray(result) ? (result as unknown[]).filter(Array.isArray) as Row[] : []);
const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
/** Whether a result starts with its header row (the first header cell is `label`, or starts with it). Read from the result: how a headers flag reads (2, -1, "Y") is not this test's business. */
const hasHeader = (result: unknown, label: string): boolean => {
  const first = Array.isArray(result) ? (result[0] as unknown) : undefined;
  return Array.isArray(first) && typeof first[0] === "string" && first[0].startsWith(label);
};
const methodOf = (v: unknown): string => (typeof v === "string" ? v.trim().toLowerCase() : "");

/** Numeric cells of the given columns (0-based; all when omitted) outside [lo, hi]. */
function outside(result: unknown, lo: number, hi: number, what: string, columns?: number[], skipRows = 0): Problem[] {
  const problems: Problem[] = [];
  rowsOf(result).forEach((row, r) => {
    if (r < skipRows) return;
    row.forEach((v, c) => {
      if (columns !== undefined && !columns.includes(c)) return;
      if (isNum(v) && !(v >= lo - 1e-9 && v <= hi + 1e-9)) problems.push({ kind: `${what} outside its range`, detail: `row ${r + 1}, column ${c + 1}: ${v} not in ${lo}–${hi}` });
    });
  });
  return problems.slice(0, 3);
}

/** The number of data rows a per-row function's first argument has, when it is a plain column or block. */
function heightOf(arg: unknown, multiColumn: boolean): number | undefined {
  if (!Array.isArray(arg) || arg.length === 0 || !arg.every(Array.isArray)) return undefined;
  const grid = arg as unknown[][];
  const width = grid[0]!.length;
  if (!grid.every((r) => r.length === width) || width === 0) return undefined;
  if (width === 1) return grid.length;
  if (grid.length === 1 && !multiColumn) return width;
  return multiColumn ? grid.length : undefined;
}

/** A `[total]` argument: mostly omitted, sometimes TRUE (one row) or FALSE. */
const totalArg = fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom<Cell>(true, false) });

/** How the functions read a `[total]` argument (as every flag): true, false, or undefined when it is not a flag (an Excel error is due). */
function readsAsTotal(total: unknown): boolean | undefined {
  try {
    return optionalFlag(total as Parameters<typeof optionalFlag>[0], false, "total");
  } catch {
    return undefined;
  }
}

/** With total read as TRUE, one row (or an error); else one row per input row. */
function rowsOrTotal(args: readonly unknown[], result: unknown, total: unknown): Problem[] {
  const asTotal = readsAsTotal(total);
  if (asTotal === undefined) return []; // not a flag: the function must answer with an Excel error, which the shared invariants check
  if (!asTotal) return oneRowPerInput(args, result, false);
  return !Array.isArray(result) || result.length === 1 ? [] : [{ kind: "a total is not one row", detail: `${result.length} rows` }];
}

/** A per-row result has one row per input row (methods: per-row results sit beside the data). */
function oneRowPerInput(args: readonly unknown[], result: unknown, multiColumn: boolean, header = false): Problem[] {
  const n = heightOf(args[0], multiColumn);
  if (n === undefined || !Array.isArray(result)) return [];
  const rows = result.length - (header ? 1 : 0);
  return rows === n ? [] : [{ kind: "per-row result does not have one row per input row", detail: `${n} input rows, ${rows} result rows` }];
}

/** Scales every number of the given arguments by 2^-k when the column is huge, or 2^k when tiny. */
function scaleArgs(args: readonly unknown[], which: number[]): unknown[] | undefined {
  let max = 0;
  let minNonZero = Infinity;
  for (const i of which) {
    const a = args[i];
    if (!Array.isArray(a) || a.length === 0) return undefined;
    for (const row of a) {
      if (!Array.isArray(row)) return undefined;
      for (const v of row) {
        if (typeof v === "number") {
          if (v !== 0) minNonZero = Math.min(minNonZero, Math.abs(v));
          max = Math.max(max, Math.abs(v));
        } else if (!(v === "" || v === null)) return undefined;
      }
    }
  }
  let factor: number;
  if (max >= 1e300 && minNonZero >= 1e-200) factor = 2 ** -200;
  else if (max > 0 && max <= 1e-290 && minNonZero >= 1e-300) factor = 2 ** 200;
  else return undefined;
  return args.map((a, i) => (which.includes(i) ? (a as unknown[][]).map((row) => row.map((v) => (typeof v === "number" ? v * factor : v))) : a));
}

/** The same result up to rounding (numbers relative 1e-9 or absolute 1e-12), or the same error code. */
function sameResult(skipRow?: (row: Row) => boolean): (plain: unknown, scaled: unknown) => Problem[] {
  return (plain, scaled) => {
    const a = Array.isArray(plain) ? (plain as Row[]) : [[plain]];
    const b = Array.isArray(scaled) ? (scaled as Row[]) : [[scaled]];
    if (a.length !== b.length) return [{ kind: "result changes when every value is scaled by a power of two (overflow/underflow)", detail: `${a.length} rows vs ${b.length}` }];
    for (let r = 0; r < a.length; r++) {
      const x = a[r]!;
      const y = b[r]!;
      if (skipRow?.(x)) continue;
      for (let c = 0; c < Math.max(x.length, y.length); c++) {
        const u = x[c];
        const v = y[c];
        const same = isNum(u) && isNum(v) ? Math.abs(u - v) <= 1e-12 + 1e-9 * Math.max(Math.abs(u), Math.abs(v)) : typeof u === "object" && typeof v === "object" ? (u as { code?: unknown })?.code === (v as { code?: unknown })?.code : u === v;
        if (!same) return [{ kind: "result changes when every value is scaled by a power of two (overflow/underflow)", detail: `row ${r + 1}, column ${c + 1}: ${fmt(u)} (as given) vs ${fmt(v)} (scaled)` }];
      }
    }
    return [];
  };
}
const fmt = (v: unknown): string => (typeof v === "object" && v !== null && "code" in v ? `${String((v as { code: unknown }).code)} ${String((v as { message?: unknown }).message ?? "")}` : String(v));

// ---------- BG/NBD and Gamma-Gamma ----------

const paramValue = fc.oneof({ weight: 8, arbitrary: fc.double({ min: 0.05, max: 20, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom<Cell>(1e-300, 1e300, 0, -1, "0.5", 1.0000001, 0.9999999) });
function paramsArg(names: readonly string[]): fc.Arbitrary<Grid> {
  return fc.tuple(fc.array(paramValue, { minLength: names.length, maxLength: names.length }), fc.constantFrom("row", "column", "table", "bare table")).map(([values, how]) => {
    if (how === "row") return [values];
    if (how === "column") return values.map((v) => [v]);
    const body = names.map((n, i) => [n, values[i]]);
    return how === "table" ? [["Parameter", "Value"], ...body, ["log-likelihood", -123.4]] : body;
  });
}
const bgParams = paramsArg(["r", "alpha", "a", "b"]);
const ggParams = paramsArg(["p", "q", "gamma"]);
const pnbdParams = paramsArg(["r", "alpha", "s", "beta"]);
const bgbbParams = paramsArg(["alpha", "beta", "gamma", "delta"]);
/** Discrete-time customers for BG/BB: n opportunities, x transactions among them, the last at t_x (x ≤ t_x ≤ n). */
const bgbbCustomer = fc
  .tuple(fc.integer({ min: 1, max: 12 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 5000 }) }))
  .map(([n, u, v, w]) => {
    const tx = Math.floor(u * (n + 1));
    const x = tx === 0 ? 0 : 1 + Math.floor(v * tx);
    return { x, tx, n, w };
  });
const bgbbCustomers = fc.array(bgbbCustomer, { minLength: 1, maxLength: 30 });

interface RepeatCustomer {
  x: number;
  tx: number;
  T: number;
  spend: number;
}
const repeatCustomer: fc.Arbitrary<RepeatCustomer> = fc
  .tuple(fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: fc.integer({ min: 1, max: 30 }) }, { weight: 1, arbitrary: fc.integer({ min: 100, max: 5000 }) }), fc.double({ min: 0.5, max: 80, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 1, max: 500, noNaN: true }))
  .map(([x, T, u, spend]) => ({ x, T, tx: x === 0 ? 0 : u * T, spend: x === 0 ? 0 : spend }));
const randomCustomers = (min = 1) => fc.array(repeatCustomer, { minLength: min, maxLength: 30 });
/** Customers drawn from the BG/NBD and Gamma-Gamma models themselves (test/helpers/btydSimulation), so fits usually converge. */
const modelCustomers = fc.tuple(fc.integer({ min: 5, max: 80 }), fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(0.24, 1, 3), fc.constantFrom(0.5, 2)).map(([n, seed, r, a]) => {
  const sim = simulateCustomers(n, { r, alpha: 4, a, b: 2.4 }, { p: 6, q: 4, gamma: 15 }, { minT: 10, maxT: 78 }, seed);
  return Array.from(sim.x, (x, i): RepeatCustomer => ({ x, tx: sim.tx[i]!, T: sim.T[i]!, spend: sim.avgSpend[i]! }));
});
const repeatCustomers = (min = 1) => fc.oneof({ weight: 1, arbitrary: randomCustomers(min) }, { weight: 2, arbitrary: modelCustomers });
const colOf = (cs: RepeatCustomer[], key: keyof RepeatCustomer): Grid => cs.map((c) => [c[key]]);

// ---------- transactions ----------

interface Transactions {
  ids: Grid;
  dates: Grid;
  amounts: Grid;
  invoices: Grid;
}
const transactions: fc.Arbitrary<Transactions> = columns(
  [
    idCell,
    full(fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 36_000, max: 36_400 }) }, { weight: 1, arbitrary: fc.constantFrom<Cell>("1998-06-30", "2000-02-29", 36_100.75) })),
    full(fc.oneof({ weight: 8, arbitrary: fc.double({ min: 0, max: 500, noNaN: true }) }, { weight: 2, arbitrary: fc.integer({ min: -100, max: 0 }) }, { weight: 1, arbitrary: extremeNumber })),
    mostly(fc.integer({ min: 1, max: 12 })),
  ],
  [],
  1,
  60,
).map(([ids, dates, amounts, invoices]) => ({ ids: ids!, dates: dates!, amounts: amounts!, invoices: invoices! }));

/** The Markov transition table as CV.MARKOVMATRIX returns it, or a bare block. */
const markovMatrix: fc.Arbitrary<{ grid: Grid; k: number }> = fc.integer({ min: 1, max: 6 }).chain((k) =>
  fc.tuple(fc.array(fc.array(fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 9 }) }, { weight: 1, arbitrary: fc.constant(0) }), { minLength: k, maxLength: k }), { minLength: k, maxLength: k }), fc.boolean()).map(([weights, withHeader]) => {
    const probabilities = weights.map((row, i) => {
      const sum = row.reduce((s, w) => s + w, 0);
      return sum === 0 ? row.map((_, j) => (j === i ? 1 : 0)) : row.map((w) => w / sum);
    });
    const states = probabilities.map((_, i) => `S${i + 1}`);
    const grid: Grid = withHeader ? [["From \\ To", ...states], ...probabilities.map((row, i) => [states[i], ...row])] : probabilities;
    return { grid, k };
  }),
);

// ---------- the specs ----------

export const SPECS: FuzzSpec[] = [
  {
    name: "NORMALIZE",
    fn: F.NORMALIZE,
    shape: "grid",
    args: block(intCell, 4).chain((g) => fc.tuple(fc.constant(g), directionRow(widthOf(g)), optional(optionText("minmax", "percentile", "log", "zscore")))),
    check: (args, result) => [...oneRowPerInput(args, result, true), ...(methodOf(args[2]) === "zscore" ? [] : outside(result, 0, 1, "normalised value"))],
    scaled: (args) => (methodOf(args[2]) === "log" ? undefined : scaleArgs(args, [0])),
    sameAfterScaling: sameResult(),
  },
  {
    name: "SCORE",
    fn: F.SCORE,
    shape: "grid",
    args: block(intCell, 4).chain((g) => fc.tuple(fc.constant(g), weightRow(widthOf(g)), directionRow(widthOf(g)), optional(optionText("minmax", "percentile", "log", "zscore")))),
    check: (args, result) => [...oneRowPerInput(args, result, true), ...(methodOf(args[3]) === "zscore" ? [] : outside(result, 0, 100, "score"))],
    scaled: (args) => (methodOf(args[3]) === "log" ? undefined : scaleArgs(args, [0])),
    sameAfterScaling: sameResult(),
  },
  {
    name: "TIER",
    fn: F.TIER,
    shape: "grid",
    args: fc.tuple(
      columns([intCell], [0]),
      optional(fc.oneof(optionText("pyramid", "key20", "abcd").map((t) => [[t]]), fc.constantFrom<Grid>([[0.2, 0.8]], [[20, 30, 50]], [[0.1], [0.2], [0.7]], [[1]], [[0.5, 0.6]], [[0.3333333, 0.3333333, 0.3333334]]))),
      optional(fc.constantFrom<Grid>([["Top", "Rest"]], [["a"], ["b"], ["c"]], [["", "x"]]), 6),
    ).map(([[values], tiers, labels]) => [values, tiers, labels]),
    check: (args, result) => oneRowPerInput(args, result, false),
    scaled: (args) => scaleArgs(args, [0]),
    sameAfterScaling: sameResult(),
  },
  {
    name: "TIERBYSCORE",
    fn: F.TIERBYSCORE,
    shape: "grid",
    args: fc.tuple(
      columns([mostly(fc.integer({ min: -10, max: 110 }))]),
      fc.oneof({ weight: 6, arbitrary: fc.constantFrom<Grid>([[80, 60, 40]], [[50]], [[80], [60]], [[1e308, -1e308]], [[9e307, 5e-324, -9e307]]) }, { weight: 1, arbitrary: fc.constantFrom<Grid>([[60, 80]], [[50, 50]]) }),
      fc.boolean(),
    ).map(([[scores], thresholds, extra]) => {
      const k = thresholds.flat().length + (extra ? 1 : 0);
      return [scores, thresholds, [Array.from({ length: k }, (_, i) => `L${i + 1}`)]];
    }),
    check: (args, result) => oneRowPerInput(args, result, false),
  },
  {
    name: "ABC",
    fn: F.ABC,
    shape: "grid",
    args: fc
      .tuple(columns([intCell], [0]), optional(fc.constantFrom<Grid>([[0.8, 0.95]], [[80, 95]], [[0.5]], [[0.2], [0.5], [0.9]], [[0.95, 0.8]], [[1]], [["80%", "95%"]])), fc.boolean())
      .map(([[values], cuts, named]) => [values, cuts, named ? [Array.from({ length: (cuts === null ? 2 : cuts.flat().length) + 1 }, (_, i) => (i === 1 ? "" : `Class ${i + 1}`))] : null]),
    check: (args, result) => oneRowPerInput(args, result, false),
    scaled: (args) => scaleArgs(args, [0]),
    sameAfterScaling: sameResult(),
  },
  {
    name: "PARETO",
    fn: F.PARETO,
    shape: "grid",
    args: fc.tuple(columns([intCell], [0]), optional(fc.oneof(fc.integer({ min: 1, max: 50 }).map((p) => [[p]]), fc.constantFrom<Grid>([[0.1, 0.2, 0.5]], [[0], [1]], [["20%"]], [[1e6]]))), headersArg).map(([[values], points, headers]) => [values, points, headers]),
    check: (_args, result) => outside(result, 0, 1, "Pareto share"),
    scaled: (args) => scaleArgs(args, [0]),
    sameAfterScaling: sameResult(),
  },
  {
    name: "PARETOSHARE",
    fn: F.PARETOSHARE,
    shape: "scalar",
    args: fc.tuple(columns([intCell], [0]), shareOption).map(([[values], share]) => [values, share]),
    check: (_args, result) => (isNum(result) && !(result >= 0 && result <= 1) ? [{ kind: "share of value outside 0–1", detail: String(result) }] : []),
    scaled: (args) => scaleArgs(args, [0]),
    sameAfterScaling: sameResult(),
  },
  {
    name: "WHALE",
    fn: F.WHALE,
    shape: "grid",
    args: fc.tuple(columns([intCell], [0]), headersArg).map(([[profits], headers]) => [profits, headers]),
    check: (_args, result) => {
      const problems: Problem[] = [];
      for (const row of rowsOf(result)) {
        if (row[0] === "Peak customer share" && isNum(row[1]) && !(row[1] >= 0 && row[1] <= 1)) problems.push({ kind: "peak customer share outside 0–1", detail: String(row[1]) });
        if (row[0] === "Unprofitable customers" && isNum(row[1]) && !(Number.isInteger(row[1]) && row[1] >= 0)) problems.push({ kind: "unprofitable customers not a count", detail: String(row[1]) });
      }
      return problems;
    },
    scaled: (args) => scaleArgs(args, [0]),
    sameAfterScaling: sameResult((row) => row[0] === "Profit lost by unprofitable customers"),
  },
  {
    name: "SCORECARD",
    fn: F.SCORECARD,
    shape: "grid",
    args: block(intCell, 5).chain((g) =>
      fc.tuple(
        fc.constant(g),
        rowOf(widthOf(g), mostly(optionText("financial", "sales", "customer", "service"), 0, 1)),
        optional(weightRow(widthOf(g))),
        directionRow(widthOf(g)),
        optional(weightRow(4)),
        optional(optionText("minmax", "percentile", "log", "zscore")),
        headersArg,
      ),
    ),
    check: (args, result) => [...oneRowPerInput(args, result, true, hasHeader(result, "Actual")), ...(methodOf(args[5]) === "zscore" ? [] : outside(result, 0, 100, "scorecard value"))],
  },
  {
    name: "VALUEMATRIX",
    fn: F.VALUEMATRIX,
    shape: "grid",
    args: fc.tuple(columns([intCell, intCell], [0, 1]), optional(plainNumber), optional(plainNumber)).map(([[a, p], ac, pc]) => [a, p, ac, pc]),
    check: (args, result) => oneRowPerInput(args, result, false),
  },
  {
    name: "RATING",
    fn: F.RATING,
    shape: "grid",
    args: block(mostly(fc.integer({ min: 0, max: 5 })), 6, false).chain((g) => fc.tuple(fc.constant(g), weightRow(widthOf(g)), optional(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 5, max: 10 }) }, { weight: 1, arbitrary: fc.constantFrom<Cell>(0, -5, 1e308, 5e-324, "5", 3) })))),
    check: (args, result) => {
      const max = args[2];
      const inScale = args[0] !== undefined && (max === null || (typeof max === "number" && max >= 5));
      return [...oneRowPerInput(args, result, true), ...(inScale ? outside(result, 0, 100, "rating") : [])];
    },
  },
  {
    name: "RFM",
    fn: F.RFM,
    shape: "grid",
    runs: 0.7,
    args: fc.tuple(transactions, asOfDay, optional(smallCount(2, 10)), fc.boolean(), optional(optionText("total", "mean")), headersArg).map(([t, asOf, bins, withInvoices, monetary, headers]) => [t.ids, t.dates, t.amounts, asOf, bins, withInvoices ? t.invoices : null, monetary, headers]),
    check: (args, result) => {
      const bins = typeof args[4] === "number" ? args[4] : 5;
      const skip = hasHeader(result, "Customer") ? 1 : 0;
      return [...outside(result, 1, bins, "R/F/M score", [4, 5, 6], skip), ...outside(result, 0, Number.MAX_VALUE, "frequency", [2], skip)];
    },
  },
  {
    name: "RFMSCORE",
    fn: F.RFMSCORE,
    shape: "grid",
    args: fc.tuple(columns([nonNegCell, nonNegCell, intCell], [0, 1, 2]), optional(smallCount(2, 10))).map(([[r, f, m], bins]) => [r, f, m, bins]),
    check: (args, result) => [...oneRowPerInput(args, result, false), ...outside(result, 1, typeof args[3] === "number" ? args[3] : 5, "R/F/M score")],
  },
  {
    name: "RFMSEGMENT",
    fn: F.RFMSEGMENT,
    shape: "grid",
    args: fc.tuple(
      columns([mostly(fc.integer({ min: 1, max: 5 })), mostly(fc.integer({ min: 1, max: 5 })), mostly(fc.integer({ min: 1, max: 5 }))]),
      optional(
        fc.tuple(fc.boolean(), fc.array(fc.tuple(mostly(fc.constantFrom<Cell>("Best", "Rest", "Mid")), ...Array.from({ length: 6 }, () => mostly(fc.integer({ min: 1, max: 5 }), 3, 1))), { minLength: 1, maxLength: 4 })).map(([header, body]) => (header ? [["segment", "Rmin", "Rmax", "Fmin", "Fmax", "Mmin", "Mmax"], ...body] : body) as Grid),
      ),
    ).map(([[r, f, m], rules]) => [r, f, m, rules]),
    check: (args, result) => oneRowPerInput(args, result, false),
  },
  {
    name: "SILENCE",
    fn: F.SILENCE,
    shape: "grid",
    runs: 0.7,
    args: fc.tuple(transactions, asOfDay, optional(optionText("own", "population")), headersArg).map(([t, asOf, ref, headers]) => [t.ids, t.dates, asOf, ref, headers]),
    check: (args, result) => {
      const skip = hasHeader(result, "Customer") ? 1 : 0;
      return [...outside(result, 0, 1, "rank ratio", [5], skip), ...outside(result, 0, Number.MAX_VALUE, "silence figure", [1, 2, 3, 4], skip)];
    },
  },
  {
    name: "STAGE",
    fn: F.STAGE,
    shape: "grid",
    args: fc
      .tuple(
        columns([mostly(fc.integer({ min: 36_000, max: 36_400 }), 2, 1), fc.integer({ min: 0, max: 800 }), mostly(fc.double({ min: 0, max: 1, noNaN: true })), flagCell, mostly(fc.integer({ min: 0, max: 3 })), flagCell, flagCell]),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        asOfDay.map((d) => (typeof d === "number" ? d + 800 : d)),
        optional(fc.oneof(fc.boolean(), fc.constantFrom<Cell>("Y", 1))),
      )
      .map(([[first, gap, ...optionalColumns], given, asOf, withReason]) => [
        first!,
        first!.map((r, i) => [typeof r[0] === "number" ? r[0] + (gap![i]![0] as number) : r[0]]),
        ...optionalColumns.map((c, j) => (given[j] ? c : null)),
        asOf,
        withReason,
      ]),
    check: (args, result) => oneRowPerInput(args, result, false),
  },
  {
    name: "TRANSITIONS",
    fn: F.TRANSITIONS,
    shape: "grid",
    args: fc.tuple(columns([stageCell, stageCell]), optional(fc.constantFrom<Grid>([["New", "Core", "Exited"]], [["Other"], ["New"]], [["new", "NEW"]]))).map(([[from, to], order]) => [from, to, order]),
    check: (_args, result) => {
      const problems: Problem[] = [];
      rowsOf(result).forEach((row, r) => row.forEach((v, c) => {
        if (r > 0 && c > 0 && !(isNum(v) && Number.isInteger(v) && v >= 0)) problems.push({ kind: "transition count is not a whole number ≥ 0", detail: `row ${r + 1}, column ${c + 1}: ${fmt(v)}` });
      }));
      return problems.slice(0, 3);
    },
  },
  {
    name: "GROWTHCLASS",
    fn: F.GROWTHCLASS,
    shape: "grid",
    args: fc.tuple(columns([nonNegCell, nonNegCell, mostly(fc.integer({ min: 0, max: 2000 }))], [0, 1]), fc.constantFrom("column", "one", "none"), optional(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom<Cell>("20%", 0.2, 1, 20, -0.1)))).map(([[prev, cur, tenure], how, fast]) => [prev, cur, how === "column" ? tenure : how === "one" ? [tenure![0]!] : null, fast]),
    check: (args, result) => oneRowPerInput(args, result, false),
  },
  {
    name: "TEMPERATURE",
    fn: F.TEMPERATURE,
    shape: "grid",
    args: fc.tuple(columns([mostly(fc.integer({ min: 36_000, max: 36_500 }), 3, 1)]), optional(fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 35_900, max: 36_100 }) }, { weight: 1, arbitrary: dateText }, { weight: 1, arbitrary: dateSerial }), 1), optional(smallCount(0, 60)), optional(smallCount(30, 400))).map(([[dates], asOf, hot, warm]) => [dates, asOf, hot, warm]),
    check: (args, result) => oneRowPerInput(args, result, false),
  },
  {
    name: "MAN",
    fn: F.MAN,
    shape: "grid",
    args: columns([flagCell, flagCell, flagCell]),
    check: (args, result) => oneRowPerInput(args, result, false),
  },
  {
    name: "CLVSIMPLE",
    fn: F.CLVSIMPLE,
    shape: "grid",
    args: fc.tuple(columns([numberCell, mostly(positiveNumber), mostly(positiveNumber)]), fc.array(fc.boolean(), { minLength: 3, maxLength: 3 })).map(([cols, single]) => cols.map((c, j) => (single[j] ? [c[0]!] : c))),
  },
  {
    name: "CLV",
    fn: F.CLV,
    shape: "grid",
    args: fc
      .tuple(
        columns([
          numberCell,
          mostly(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom<Cell>("80%", 0.999999, 1, 0))),
          mostly(fc.oneof(fc.double({ min: 0, max: 0.5, noNaN: true }), fc.constantFrom<Cell>("10%", 0, 1e-300))),
          mostly(fc.oneof(fc.integer({ min: 1, max: 200 }), fc.constantFrom<Cell>(1000, 0.5, 0))),
          mostly(fc.integer({ min: 0, max: 500 })),
        ]),
        fc.array(fc.constantFrom("column", "one", "none"), { minLength: 5, maxLength: 5 }),
        optional(optionText("end", "start")),
      )
      .map(([cols, how, timing]) => [...cols.map((c, j) => (how[j] === "one" ? [c[0]!] : how[j] === "none" && j >= 3 ? null : c)), timing]),
  },
  {
    name: "MARKOVMATRIX",
    fn: F.MARKOVMATRIX,
    shape: "grid",
    args: fc
      .tuple(
        columns(Array.from({ length: 2 }, () => mostly(fc.constantFrom<Cell>("S1", "S2", "S3", "s1", 1, 2, "111", "555")))),
        optional(fc.constantFrom<Grid>([["S1", "S2", "S3", "s1", "1", "2", "111", "555"]], [["S1"], ["S2"]], [["S3", "S2", "S1", 1, 2, "111", "555", "x"]]), 4),
      )
      .map(([[from, to], order]) => [from, to, order]),
    check: (_args, result) => {
      const problems: Problem[] = [];
      rowsOf(result).forEach((row, r) => {
        if (r === 0) return;
        const ps = row.slice(1);
        const sum = ps.reduce((s: number, p) => s + (isNum(p) ? p : NaN), 0);
        if (!(Math.abs(sum - 1) <= 1e-9)) problems.push({ kind: "transition probabilities of a row do not add up to 1", detail: `row ${r + 1}: sum ${sum}` });
      });
      return [...problems.slice(0, 2), ...outside(result, 0, 1, "transition probability", undefined, 1).filter((p) => !p.detail.includes("column 1:"))];
    },
  },
  {
    name: "MARKOVCLV",
    fn: F.MARKOVCLV,
    shape: "grid",
    args: markovMatrix.chain(({ grid, k }) =>
      fc.tuple(
        fc.constant(grid),
        fc.oneof(columnOf(k, full(fc.integer({ min: 0, max: 100 }))), rowOf(k, full(fc.integer({ min: -10, max: 100 })))),
        fc.oneof({ weight: 6, arbitrary: fc.double({ min: 0, max: 0.5, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom<Cell>(0, "10%", 1e-300, 1e308, -0.5) }),
        // Periods stay where a loop over them ends quickly; 1e308 periods are a heavy case (heavy.fuzz.test.ts).
        optional(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 100 }) }, { weight: 1, arbitrary: fc.constantFrom<Cell>(0, 1.5, -1, "12", "1e308") })),
      ),
    ),
    check: (args, result) => {
      if (!Array.isArray(args[1])) return [];
      const rewards = (args[1] as unknown[][]).flat();
      if (!rewards.every((v) => typeof v === "number" && v >= 0)) return [];
      const max = Math.max(...(rewards as number[]));
      const d = typeof args[2] === "number" ? args[2] : NaN;
      if (!(d >= 0)) return [];
      // A blank periods (null, "" or spaces) is the infinite horizon, as the function documents; Number("") would be 0.
      const periods = typeof args[3] === "number" ? args[3] : typeof args[3] === "string" && args[3].trim() !== "" && Number.isFinite(Number(args[3])) ? Number(args[3]) : Infinity;
      const bound = max * Math.min(periods + 1, d > 0 ? (1 + d) / d : Infinity);
      return outside(result, 0, bound * (1 + 1e-9), "Markov CLV (rewards ≥ 0: between 0 and max reward × Σ (1+d)^-t)");
    },
  },
  {
    name: "BGNBD.SUMMARY",
    fn: F.BGNBD_SUMMARY,
    shape: "grid",
    runs: 0.7,
    args: fc.tuple(transactions, asOfDay, optional(optionText("day", "week", "month", "days")), headersArg).map(([t, asOf, unit, headers]) => [t.ids, t.dates, t.amounts, asOf, unit, headers]),
    check: (args, result) => {
      const skip = hasHeader(result, "Customer") ? 1 : 0;
      const problems: Problem[] = [];
      rowsOf(result).forEach((row, r) => {
        if (r < skip) return;
        const [, x, tx, T] = row;
        if (isNum(x) && !(Number.isInteger(x) && x >= 0)) problems.push({ kind: "BG/NBD x is not a whole number ≥ 0", detail: `row ${r + 1}: ${x}` });
        if (isNum(tx) && isNum(T) && !(tx >= 0 && tx <= T + 1e-9)) problems.push({ kind: "BG/NBD summary breaks 0 ≤ t_x ≤ T", detail: `row ${r + 1}: t_x ${tx}, T ${T}` });
      });
      return problems.slice(0, 2);
    },
  },
  {
    name: "BGNBD.FIT",
    fn: F.BGNBD_FIT,
    shape: "grid",
    runs: 0.25,
    args: fc.tuple(repeatCustomers(), headersArg).map(([cs, headers]) => [colOf(cs, "x"), colOf(cs, "tx"), colOf(cs, "T"), headers]),
  },
  {
    name: "BGNBD.PALIVE",
    fn: F.BGNBD_PALIVE,
    shape: "grid",
    args: fc.tuple(bgParams, repeatCustomers()).map(([p, cs]) => [p, colOf(cs, "x"), colOf(cs, "tx"), colOf(cs, "T")]),
    check: (args, result) => [...oneRowPerInput(args.slice(1), result, false), ...outside(result, 0, 1, "P(alive)")],
  },
  {
    name: "BGNBD.EXPECTED",
    fn: F.BGNBD_EXPECTED,
    shape: "grid",
    args: fc
      .tuple(bgParams, fc.oneof({ weight: 6, arbitrary: fc.double({ min: 0, max: 200, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom<Cell>(1e6, 1e100, 1e300, 1e308, 0, "52") }), repeatCustomers(), totalArg)
      .map(([p, t, cs, total]) => [p, [[t]], colOf(cs, "x"), colOf(cs, "tx"), colOf(cs, "T"), undefined, total]),
    check: (args, result) => {
      const problems = [...rowsOrTotal(args.slice(2), result, args[6]), ...outside(result, 0, Number.MAX_VALUE, "expected purchases")];
      // A total is one number over every row: the per-row bound below does not apply to it.
      if (readsAsTotal(args[6]) !== false) return problems;
      // Upper bound: a customer alive throughout buys (r + x)·t / (alpha + T) on average; dropout only lowers it.
      const p = (args[0] as unknown[][]).flat().filter((v): v is number => typeof v === "number");
      if (!Array.isArray(args[0]) || !Array.isArray(args[1])) return problems;
      const t = (args[1] as unknown[][])[0]?.[0];
      const xs = args[2] as unknown[][];
      const Ts = args[4] as unknown[][];
      if (p.length < 4 || typeof t !== "number" || !Array.isArray(xs) || !Array.isArray(Ts) || (args[0] as unknown[][]).some((r) => r.some((v) => typeof v === "string" && !["r", "alpha", "a", "b", "Parameter", "Value", "log-likelihood"].includes(v)))) return problems;
      const labelled = (args[0] as unknown[][]).some((r) => r[0] === "r");
      const [r, alpha] = labelled ? [(args[0] as unknown[][]).find((row) => row[0] === "r")?.[1], (args[0] as unknown[][]).find((row) => row[0] === "alpha")?.[1]] : p;
      if (typeof r !== "number" || typeof alpha !== "number" || !(r > 0 && alpha > 0)) return problems;
      rowsOf(result).forEach((row, i) => {
        const x = xs[i]?.[0];
        const T = Ts[i]?.[0];
        if (typeof x !== "number" || typeof T !== "number") return;
        const bound = ((r + x) * t) / (alpha + T);
        const v = row[0];
        if (isNum(v) && v > bound * (1 + 1e-7) + 1e-6) problems.push({ kind: "expected purchases above the no-dropout bound (r+x)·t/(alpha+T)", detail: `row ${i + 1}: ${v} > ${bound}` });
        // Only for parameters a double handles comfortably: at 5e-324 the engine may refuse with a reason.
        const sane = p.every((q) => q >= 1e-6 && q <= 1e6) && t >= 1e-6;
        if (sane && Number.isFinite(bound) && bound < 1e300 && typeof v === "object" && (v as { code?: unknown }).code === "#NUM!") problems.push({ kind: "expected purchases #NUM! where the no-dropout bound (r+x)·t/(alpha+T) is finite", detail: `row ${i + 1}: bound ${bound}, ${fmt(v)}` });
      });
      return problems.slice(0, 3);
    },
  },
  {
    name: "GG.FIT",
    fn: F.GG_FIT,
    shape: "grid",
    runs: 0.25,
    args: fc.tuple(repeatCustomers(), headersArg).map(([cs, headers]) => [colOf(cs, "x"), colOf(cs, "spend"), headers]),
  },
  {
    name: "GG.SPEND",
    fn: F.GG_SPEND,
    shape: "grid",
    args: fc.tuple(ggParams, repeatCustomers()).map(([p, cs]) => [p, colOf(cs, "x"), colOf(cs, "spend")]),
    check: (args, result) => [...oneRowPerInput(args.slice(1), result, false), ...outside(result, 0, Number.MAX_VALUE, "expected spend")],
  },
  {
    name: "CLV.BGNBD",
    fn: F.CLV_BGNBD,
    shape: "grid",
    args: fc
      .tuple(
        bgParams,
        ggParams,
        repeatCustomers(),
        // Horizons stay where a month-by-month sum ends quickly; 1e308 months are a heavy case.
        optional(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 120 }) }, { weight: 1, arbitrary: fc.constantFrom<Cell>(0, 1.5, -1, "12", 1200, 1201) })),
        optional(fc.oneof({ weight: 6, arbitrary: fc.double({ min: 0, max: 0.1, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom<Cell>("1%", -0.5, 1e308) })),
        optional(fc.oneof({ weight: 6, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom<Cell>("30%", 2, -1) })),
        optional(optionText("day", "week", "month")),
      )
      .map(([bg, gg, cs, horizon, discount, margin, unit]) => [bg, gg, colOf(cs, "x"), colOf(cs, "tx"), colOf(cs, "T"), colOf(cs, "spend"), horizon, discount, margin, unit]),
    check: (args, result) => oneRowPerInput(args.slice(2), result, false),
  },
  {
    name: "PNBD.FIT",
    fn: F.PNBD_FIT,
    shape: "grid",
    runs: 0.25,
    args: fc.tuple(repeatCustomers(), headersArg).map(([cs, headers]) => [colOf(cs, "x"), colOf(cs, "tx"), colOf(cs, "T"), headers]),
  },
  {
    name: "PNBD.PALIVE",
    fn: F.PNBD_PALIVE,
    shape: "grid",
    args: fc.tuple(pnbdParams, repeatCustomers()).map(([p, cs]) => [p, colOf(cs, "x"), colOf(cs, "tx"), colOf(cs, "T")]),
    check: (args, result) => [...oneRowPerInput(args.slice(1), result, false), ...outside(result, 0, 1, "P(alive)")],
  },
  {
    name: "PNBD.EXPECTED",
    fn: F.PNBD_EXPECTED,
    shape: "grid",
    args: fc
      .tuple(pnbdParams, fc.oneof({ weight: 6, arbitrary: fc.double({ min: 0, max: 200, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom<Cell>(1e6, 1e100, 1e308, 0, "52") }), repeatCustomers(), totalArg)
      .map(([p, t, cs, total]) => [p, [[t]], colOf(cs, "x"), colOf(cs, "tx"), colOf(cs, "T"), undefined, total]),
    check: (args, result) => [...rowsOrTotal(args.slice(2), result, args[6]), ...outside(result, 0, Number.MAX_VALUE, "expected purchases")],
  },
  {
    name: "PNBD.DERT",
    fn: F.PNBD_DERT,
    shape: "grid",
    args: fc
      .tuple(pnbdParams, repeatCustomers(), optional(fc.oneof({ weight: 6, arbitrary: fc.double({ min: 0.001, max: 0.5, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom<Cell>("10%", 0, -0.5, 1e308) })), optional(optionText("day", "week", "month")))
      .map(([p, cs, discount, unit]) => [p, colOf(cs, "x"), colOf(cs, "tx"), colOf(cs, "T"), discount, unit]),
    check: (args, result) => [...oneRowPerInput(args.slice(1), result, false), ...outside(result, 0, Number.MAX_VALUE, "DERT")],
  },
  {
    name: "MBGNBD.FIT",
    fn: F.MBGNBD_FIT,
    shape: "grid",
    runs: 0.25,
    args: fc.tuple(repeatCustomers(), headersArg).map(([cs, headers]) => [colOf(cs, "x"), colOf(cs, "tx"), colOf(cs, "T"), headers]),
  },
  {
    name: "MBGNBD.PALIVE",
    fn: F.MBGNBD_PALIVE,
    shape: "grid",
    args: fc.tuple(bgParams, repeatCustomers()).map(([p, cs]) => [p, colOf(cs, "x"), colOf(cs, "tx"), colOf(cs, "T")]),
    check: (args, result) => [...oneRowPerInput(args.slice(1), result, false), ...outside(result, 0, 1, "P(alive)")],
  },
  {
    name: "MBGNBD.EXPECTED",
    fn: F.MBGNBD_EXPECTED,
    shape: "grid",
    args: fc
      .tuple(bgParams, fc.oneof({ weight: 6, arbitrary: fc.double({ min: 0, max: 200, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom<Cell>(1e6, 1e100, 1e308, 0, "52") }), repeatCustomers(), totalArg)
      .map(([p, t, cs, total]) => [p, [[t]], colOf(cs, "x"), colOf(cs, "tx"), colOf(cs, "T"), undefined, total]),
    check: (args, result) => [...rowsOrTotal(args.slice(2), result, args[6]), ...outside(result, 0, Number.MAX_VALUE, "expected purchases")],
  },
  {
    name: "BGBB.FIT",
    fn: F.BGBB_FIT,
    shape: "grid",
    runs: 0.25,
    args: fc.tuple(bgbbCustomers, fc.boolean(), headersArg).map(([cs, weighted, headers]) => [cs.map((c) => [c.x]), cs.map((c) => [c.tx]), cs.map((c) => [c.n]), weighted ? cs.map((c) => [c.w]) : undefined, headers]),
  },
  {
    name: "BGBB.PALIVE",
    fn: F.BGBB_PALIVE,
    shape: "grid",
    args: fc.tuple(bgbbParams, bgbbCustomers).map(([p, cs]) => [p, cs.map((c) => [c.x]), cs.map((c) => [c.tx]), cs.map((c) => [c.n])]),
    check: (args, result) => [...oneRowPerInput(args.slice(1), result, false), ...outside(result, 0, 1, "P(alive)")],
  },
  {
    name: "BGBB.EXPECTED",
    fn: F.BGBB_EXPECTED,
    shape: "grid",
    args: fc
      .tuple(bgbbParams, fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 20 }) }, { weight: 1, arbitrary: fc.constantFrom<Cell>(1e4, 1e9, 2.5, -1, "5") }), bgbbCustomers, totalArg)
      .map(([p, t, cs, total]) => [p, [[t]], cs.map((c) => [c.x]), cs.map((c) => [c.tx]), cs.map((c) => [c.n]), undefined, total]),
    check: (args, result) => [...rowsOrTotal(args.slice(2), result, args[6]), ...outside(result, 0, Number.MAX_VALUE, "expected transactions")],
  },
  {
    name: "BTYD.HOLDOUT",
    fn: F.BTYD_HOLDOUT,
    shape: "grid",
    runs: 0.3,
    args: fc
      .tuple(
        transactions,
        asOfDay,
        optional(asOfDay),
        optional(optionText("bgnbd", "mbgnbd", "pnbd", "all", "BG/NBD")),
        optional(optionText("summary", "frequency", "tracking", "customers")),
        optional(optionText("day", "week", "month")),
        headersArg,
      )
      .map(([t, calibrationEnd, holdoutEnd, model, view, unit, headers]) => [t.ids, t.dates, t.amounts, calibrationEnd, holdoutEnd, model, undefined, view, unit, headers]),
  },
  {
    name: "BTYD.CLV",
    fn: F.BTYD_CLV,
    shape: "grid",
    runs: 0.5,
    args: fc
      .tuple(
        fc
          .tuple(fc.constantFrom<[string, string[]]>(["BG/NBD", ["r", "alpha", "a", "b"]], ["MBG/NBD", ["r", "alpha", "a", "b"]], ["Pareto/NBD", ["r", "alpha", "s", "beta"]]), fc.array(paramValue, { minLength: 4, maxLength: 4 }))
          .map(([[model, names], values]): Grid => [...names.map((n, i) => [n, values[i]!] as Cell[]), ["model", model]]),
        ggParams,
        repeatCustomers(),
        optional(fc.constantFrom<Cell>(0, 1, 0.5, -1, "x")),
        optional(fc.constantFrom<Cell>(1, 3, 1 / 12, 2.5, 101)),
        optional(fc.oneof(fc.double({ min: 0, max: 0.5, noNaN: true }), fc.constantFrom<Cell>(-0.5, 1e308, "10%"))),
        optional(fc.double({ min: 0, max: 1, noNaN: true })),
        optional(optionText("day", "week", "month")),
      )
      .map(([p, gg, cs, from, to, d, m, unit]) => [p, gg, colOf(cs, "x"), colOf(cs, "tx"), colOf(cs, "T"), colOf(cs, "spend"), from, to, d, m, unit]),
    check: (args, result) => [...oneRowPerInput(args.slice(2), result, false), ...outside(result, 0, Number.MAX_VALUE, "lifetime value")],
  },
  {
    name: "AFFINITY",
    fn: F.AFFINITY,
    shape: "grid",
    args: fc
      .tuple(
        columns([full(fc.integer({ min: 1, max: 15 })), productCell], [], 1, 60),
        optional(fc.oneof(fc.double({ min: 0.001, max: 1, noNaN: true }), fc.constantFrom<Cell>("5%", 5, 0, 1, 5e-324, 100))),
        optional(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom<Cell>("50%", 50, 0, 1))),
        optional(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 2, max: 5 }) }, { weight: 1, arbitrary: fc.constantFrom<Cell>(1, 6, 2.5, "3") })),
        headersArg,
      )
      .map(([[baskets, products], ...rest]) => [baskets, products, ...rest]),
    check: (args, result) => outside(result, 0, 1, "support or confidence", [2, 3], hasHeader(result, "Antecedent") ? 1 : 0),
  },
  {
    name: "RECOMMEND",
    fn: F.RECOMMEND,
    shape: "grid",
    args: fc
      .tuple(
        columns([full(idValue), productCell], [], 1, 60),
        idValue.map((v) => [[v]]),
        optional(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 20 }) }, { weight: 1, arbitrary: fc.constantFrom<Cell>(0, 1.5, -1, "3") })),
        optional(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 100 }) }, { weight: 1, arbitrary: fc.constantFrom<Cell>(0, 101, 2.5) })),
      )
      .map(([[ids, products], ...rest]) => [ids, products, ...rest]),
  },
  {
    name: "RESPONSE",
    fn: F.RESPONSE,
    shape: "grid",
    args: fc.tuple(columns([full(fc.constantFrom<Cell>("A", "B", "a", "Control", 1, "1")), full(fc.oneof(fc.boolean(), fc.constantFrom<Cell>("Y", "N", 1, 0, "yes", "no", "TRUE", "false")))]), headersArg).map(([[groups, responded], headers]) => [groups, responded, headers]),
    check: (args, result) => outside(result, 0, 1, "response rate", [3], hasHeader(result, "Group") ? 1 : 0),
  },
  {
    name: "DEVELOPMENT",
    fn: F.DEVELOPMENT,
    shape: "grid",
    args: fc
      .tuple(
        columns([full(idValue), full(fc.constantFrom<Cell>(2010, 2011, "2010", "2011", "2011-Q1", "2011-q1")), full(fc.integer({ min: -20, max: 1000 })), full(fc.integer({ min: -20, max: 1000 }))], [2, 3]),
        mostly(fc.constantFrom<Cell>(2010, 2011, "2010", "2011", "2011-Q1")),
        mostly(fc.constantFrom<Cell>(2010, 2011, "2010", "2011", "2011-Q1")),
        fc.boolean(),
        headersArg,
      )
      .map(([[ids, periods, amounts, profits], previous, current, withProfits, headers]) => [ids, periods, amounts, [[previous]], [[current]], withProfits ? profits : null, headers]),
  },
  {
    name: "KMEANS",
    fn: F.KMEANS,
    shape: "grid",
    runs: 0.5,
    args: block(intCell, 4).chain((g) =>
      fc.tuple(
        fc.constant(g),
        fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 6 }) }, { weight: 2, arbitrary: fc.constantFrom<Cell>("auto", null, "", "3") }, { weight: 1, arbitrary: fc.constantFrom<Cell>(0, 2.5, 11, 100) }),
        optional(optionText("zscore", "minmax")),
        optional(fc.oneof(fc.integer({ min: -5, max: 1000 }), fc.constantFrom<Cell>(1.5, 2 ** 53, 1e308))),
        headersArg,
      ),
    ),
    check: (args, result) => {
      const skip = hasHeader(result, "Cluster") ? 1 : 0;
      const problems: Problem[] = [...oneRowPerInput(args, result, true, skip === 1)];
      rowsOf(result).forEach((row, r) => {
        if (r < skip) return;
        if (isNum(row[0]) && !(Number.isInteger(row[0]) && row[0] >= 1)) problems.push({ kind: "cluster number is not a whole number ≥ 1", detail: `row ${r + 1}: ${row[0]}` });
        if (isNum(row[1]) && !(row[1] >= 0)) problems.push({ kind: "distance to the cluster centre is negative", detail: `row ${r + 1}: ${row[1]}` });
      });
      return problems.slice(0, 3);
    },
  },
  {
    name: "SUMMARYSQL",
    fn: F.SUMMARYSQL,
    shape: "grid",
    runs: 0.5,
    args: fc.tuple(
      fc.oneof({ weight: 6, arbitrary: optionText("DuckDB", "postgres", "BigQuery", "spark", "Snowflake") }, { weight: 1, arbitrary: anyCell }),
      mostly(fc.constantFrom<Cell>("lines", "sales.lines", 'a "b"', "x`y")),
      mostly(fc.constantFrom<Cell>("customer", "Customer ID", "order")),
      mostly(fc.constantFrom<Cell>("ordered_at", "date")),
      optional(fc.constantFrom<Cell>("amount", "")),
      optional(fc.constantFrom<Cell>("invoice", "")),
      asOfDay,
      asOfDay,
      optional(optionText("day", "week", "month")),
    ),
    check: (_args, result) => (rowsOf(result).some((row) => row.length !== 1 || (typeof row[0] === "string" && row[0].includes("\n"))) ? [{ kind: "a spilled query line is not one cell of one line", detail: "" }] : []),
  },
];
