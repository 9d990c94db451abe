/**
 * Argument readers shared by the lifetime CV.* functions (BG/NBD, MBG/NBD, Pareto/NBD,
 * BG/BB, Gamma-Gamma, the holdout check): a FIT table read back as parameters, the x / t_x
 * / T columns, a per-row or single number, and one result cell per customer. Parsing and
 * shaping only.
 */
import {
  type BgnbdParams,
  type CellGrid,
  CvError,
  type GammaGammaParams,
  type ParameterEstimate,
  type ParameterFit,
  type ValueRange,
  DeltaRanges,
  checkBgnbdParams,
  checkRangeLevel,
  checkGammaGammaParams,
  describeValue,
  fitVerdict,
  flattenList,
  logCovarianceFromTable,
  parameterCorrelations,
  parseNumberCell,
  readNumberColumn,
  repeatRowProblem,
} from "../engine";
import { type ExcelCell, notAvailable, requireSameRows, toExcelError } from "./excelArgs";

/** Parameter labels as a FIT table or a user may write them, mapped to the parameter's name. */
const PARAMETER_ALIASES: Record<string, string> = { α: "alpha", β: "beta", γ: "gamma", δ: "delta", v: "gamma", nu: "gamma", ν: "gamma" };

/**
 * Reads a `params` argument: the (label, value) table a FIT function returns, with or
 * without its header row and log-likelihood row, or a plain row/column of the numbers in
 * the order given.
 *
 * @throws CvError BAD_VALUE naming the argument and what is missing or unreadable.
 */
export function readParams<K extends string>(grid: CellGrid, argument: string, names: readonly K[]): Record<K, number> {
  const width = grid[0]?.length ?? 0;
  const labelled = width >= 2 && grid.some((r) => typeof r[0] === "string" && names.includes(normaliseLabel(r[0]) as K));
  const out: Partial<Record<K, number>> = {};
  if (labelled) {
    grid.forEach((r, i) => {
      const label = normaliseLabel(r[0]);
      if (!names.includes(label as K)) return; // the header row, the log-likelihood row
      const value = parseNumberCell(r[1]);
      if (value === undefined || Number.isNaN(value)) {
        throw new CvError("BAD_VALUE", `${argument} row ${i + 1} (${label}): expected a number, found ${describeValue(r[1])}`, { argument, row: i + 1, value: r[1] });
      }
      out[label as K] = value;
    });
  } else {
    const numbers = flattenList(grid, argument).map((c) => ({ ...c, number: parseNumberCell(c.value) }));
    if (numbers.length < names.length) {
      throw new CvError("BAD_VALUE", `${argument}: expected ${names.join(", ")} (the table the FIT function returns, or ${names.length} numbers), found ${numbers.length} value${numbers.length === 1 ? "" : "s"}`, { argument });
    }
    names.forEach((name, k) => {
      const c = numbers[k]!;
      if (c.number === undefined || Number.isNaN(c.number)) {
        throw new CvError("BAD_VALUE", `${argument} value ${k + 1} (${name}): expected a number, found ${describeValue(c.value)}`, { argument, row: c.row, column: c.column, value: c.value });
      }
      out[name] = c.number;
    });
  }
  const missing = names.filter((n) => out[n] === undefined);
  if (missing.length > 0) throw new CvError("BAD_VALUE", `${argument}: no value for ${missing.join(", ")} in the table`, { argument });
  return out as Record<K, number>;
}

function normaliseLabel(cell: unknown): string {
  const text = String(cell ?? "").trim().toLowerCase();
  return PARAMETER_ALIASES[text] ?? text;
}

export function bgnbdParams(grid: unknown[][], argument = "params"): BgnbdParams {
  if (grid === null || grid === undefined) throw new CvError("EMPTY_INPUT", `${argument} is required: select the CV.BGNBD.FIT table or type r, alpha, a, b`, { argument });
  const p = readParams(grid, argument, ["r", "alpha", "a", "b"] as const);
  checkBgnbdParams(p, argument);
  return p;
}

export function ggParams(grid: unknown[][], argument = "params"): GammaGammaParams {
  if (grid === null || grid === undefined) throw new CvError("EMPTY_INPUT", `${argument} is required: select the CV.GG.FIT table or type p, q, gamma`, { argument });
  const p = readParams(grid, argument, ["p", "q", "gamma"] as const);
  checkGammaGammaParams(p, argument);
  return p;
}

/**
 * x, t_x and T (or, for BG/BB, x, t_x and n: pass `ageName` "n") as aligned number columns.
 *
 * @throws CvError LENGTH_MISMATCH naming the argument whose height differs.
 * @example readRepeatColumns([[1]], [[5]], [[9]]).T // → Float64Array [9]
 */
export function readRepeatColumns(x: unknown[][], t_x: unknown[][], T: unknown[][], ageName = "T") {
  const xs = readNumberColumn(x, "x");
  const txs = readNumberColumn(t_x, "t_x");
  const Ts = readNumberColumn(T, ageName);
  requireSameRows({ name: "x", rows: xs.length }, { name: "t_x", rows: txs.length });
  requireSameRows({ name: "x", rows: xs.length }, { name: ageName, rows: Ts.length });
  return { x: xs, tx: txs, T: Ts };
}

/**
 * A per-row number column or a single number for every row, as a lookup by row index.
 *
 * @throws CvError LENGTH_MISMATCH when a column's height differs from `rows`.
 * @example perRow(52, "t", 3)(2) // → 52
 */
export function perRow(arg: unknown[][] | number, argument: string, rows: number): (i: number) => number {
  const grid: CellGrid = Array.isArray(arg) ? arg : [[arg]];
  const values = readNumberColumn(grid, argument);
  if (values.length === 1) return () => values[0] as number;
  requireSameRows({ name: "x", rows }, { name: argument, rows: values.length });
  return (i) => values[i] as number;
}

/**
 * One cell per customer: the value, #N/A naming the blank input, or the row's #VALUE! /
 * #NUM! error, so one bad customer never hides the others. A value that is not finite is
 * that row's #NUM! with the reason, never a NaN or Infinity in the cell.
 *
 * @example perCustomer(2, [["x", (i) => xs[i]!]], (i) => xs[i]! * 2) // → [[2], [#N/A "x row 2 is blank"]] for xs = [1, NaN]
 */
export function perCustomer(rows: number, blanks: ReadonlyArray<[string, (i: number) => number]>, compute: (i: number) => number, check?: (i: number) => CvError | undefined): ExcelCell[][] {
  return perCustomerRows(rows, 1, blanks, (i) => [compute(i)], check);
}

/**
 * Like {@link perCustomer}, with a value and its range per customer: three cells (value,
 * low, high), or three copies of the row's error.
 */
export function perCustomerRange(rows: number, blanks: ReadonlyArray<[string, (i: number) => number]>, compute: (i: number) => ValueRange, check?: (i: number) => CvError | undefined): ExcelCell[][] {
  return perCustomerRows(
    rows,
    3,
    blanks,
    (i) => {
      const r = compute(i);
      return [r.value, r.low, r.high];
    },
    check,
  );
}

function perCustomerRows(rows: number, width: number, blanks: ReadonlyArray<[string, (i: number) => number]>, compute: (i: number) => number[], check?: (i: number) => CvError | undefined): ExcelCell[][] {
  const out: ExcelCell[][] = new Array(rows);
  const repeat = (cell: ExcelCell): ExcelCell[] => new Array<ExcelCell>(width).fill(cell);
  for (let i = 0; i < rows; i++) {
    const blank = blanks.find(([, value]) => Number.isNaN(value(i)));
    if (blank) {
      out[i] = repeat(notAvailable(`${blank[0]} row ${i + 1} is blank`));
      continue;
    }
    try {
      const problem = check?.(i);
      if (problem) throw problem;
      const values = compute(i);
      // The engine reports its own unrepresentable results; this keeps any it missed out of the cell.
      const bad = values.find((v) => !Number.isFinite(v));
      out[i] = bad === undefined ? values : repeat(toExcelError(new CvError("OUT_OF_RANGE", `row ${i + 1}: no finite value can be computed from these inputs (the result would be ${bad})`)));
    } catch (error) {
      out[i] = repeat(toExcelError(error));
    }
  }
  return out;
}

/**
 * Reads a FIT table with its uncertainty: the estimates of `names`, their standard errors
 * (third column) and correlations (the columns after it, in the order of the header's
 * "Correlation with …" labels, or of the parameter rows without a header), as the
 * covariance of the log-parameters the ranges need.
 *
 * @throws CvError BAD_VALUE when the table has no standard errors or correlations (a typed-in row of numbers, or only part of the table selected), naming the argument.
 * @example readEstimate(BGNBD_FIT(x, t_x, T), "params", ["r", "alpha", "a", "b"]).logCovariance.length // → 16
 */
export function readEstimate<K extends string>(grid: CellGrid, argument: string, names: readonly K[], fitFunction: string): ParameterEstimate {
  const values = readParams(grid, argument, names);
  const k = names.length;
  const header = grid.find((r) => names.every((n) => r.some((c) => typeof c === "string" && normaliseLabel(c.replace(/^correlation with /i, "")) === n && /^correlation with /i.test(c))));
  const rowOf = new Map<K, readonly unknown[]>();
  const order: K[] = [];
  for (const r of grid) {
    const label = normaliseLabel(r[0]) as K;
    if (names.includes(label) && !rowOf.has(label)) {
      rowOf.set(label, r);
      order.push(label);
    }
  }
  const columnOf = (name: K): number => {
    if (header) return header.findIndex((c) => typeof c === "string" && /^correlation with /i.test(c) && normaliseLabel(c.replace(/^correlation with /i, "")) === name);
    return 3 + order.indexOf(name);
  };
  const missing = () => new CvError("BAD_VALUE", `${argument}: a range needs the standard errors and correlations of the ${fitFunction} table: select the whole table it returns (${3 + k} columns), not only its first two`, { argument });
  const standardErrors = names.map((n) => {
    const se = parseNumberCell(rowOf.get(n)?.[2]);
    if (se === undefined || Number.isNaN(se)) throw missing();
    return se;
  });
  const correlations = new Float64Array(k * k);
  names.forEach((ni, i) =>
    names.forEach((nj, j) => {
      const rho = parseNumberCell(rowOf.get(ni)?.[columnOf(nj)]);
      if (rho === undefined || Number.isNaN(rho)) throw missing();
      correlations[i * k + j] = rho;
    }),
  );
  const ordered = names.map((n) => values[n]);
  return { values: ordered, logCovariance: logCovarianceFromTable(ordered, standardErrors, correlations, argument) };
}

/**
 * The table every CV.*.FIT function returns: one row per parameter (name, estimate,
 * standard error, then its correlation with each parameter), then the log-likelihood, the
 * customers fitted, the model's name and the verdict in words (see fitWarnings in the
 * engine). The params arguments of the other functions read it back by label, so the extra
 * rows and columns are ignored there; the ranges (CV.*.EXPECTED with a level) read the
 * standard errors and correlations, and a model check reads the model's name.
 *
 * @example fitTable(fit, 2357, [], true) // → [["Parameter","Value","Standard error","Correlation with r",…], ["r",0.243,0.0126,1,0.7,…], …, ["log-likelihood",-9582.4,"",…], ["customers",2357,"",…], ["model","BG/NBD","",…], ["verdict","no warning","",…]]
 */
export function fitTable(fit: ParameterFit, customers: number, warnings: readonly string[], headers: boolean): ExcelCell[][] {
  const k = fit.names.length;
  const correlations = parameterCorrelations(fit);
  const noRange = () => notAvailable("the Hessian is singular at the estimate: the parameters lie on a ridge");
  const rows: ExcelCell[][] = fit.names.map((name, i) => [
    name,
    fit.values[i]!,
    Number.isFinite(fit.standardErrors[i]) ? fit.standardErrors[i]! : noRange(),
    ...fit.names.map((_, j) => (correlations ? correlations[i * k + j]! : noRange())),
  ]);
  const blanks = (): ExcelCell[] => new Array<ExcelCell>(k + 1).fill("");
  rows.push(["log-likelihood", fit.logLikelihood, ...blanks()], ["customers", customers, ...blanks()], ["model", fit.model, ...blanks()], ["verdict", fitVerdict(warnings), ...blanks()]);
  return headers ? [["Parameter", "Value", "Standard error", ...fit.names.map((n) => `Correlation with ${n}`)], ...rows] : rows;
}

/** The blank checks of the x, t_x and T columns, in argument order. */
function repeatBlanks(s: { x: Float64Array; tx: Float64Array; T: Float64Array }): Array<[string, (i: number) => number]> {
  return [
    ["x", (i) => s.x[i]!],
    ["t_x", (i) => s.tx[i]!],
    ["T", (i) => s.T[i]!],
  ];
}

/**
 * A model's per-customer quantity of (x, t_x, T) — P(alive), DERT — as one cell per
 * customer from the x, t_x and T arguments: #N/A naming a blank input, the row's #VALUE!
 * for an impossible row (repeatRowProblem), the value otherwise. Cost: one call per row.
 *
 * @example perRepeatCustomer(x, t_x, T, (xi, txi, Ti) => bgnbdPAlive(p, xi, txi, Ti))
 */
export function perRepeatCustomer(x: unknown[][], t_x: unknown[][], T: unknown[][], compute: (x: number, tx: number, T: number) => number): ExcelCell[][] {
  const s = readRepeatColumns(x, t_x, T);
  return perCustomer(
    s.x.length,
    repeatBlanks(s),
    (i) => compute(s.x[i]!, s.tx[i]!, s.T[i]!),
    (i) => repeatRowProblem(s.x[i]!, s.tx[i]!, s.T[i]!, i + 1),
  );
}

/** What {@link expectedPerCustomer} needs to know about a model. */
export interface ExpectedModel<P> {
  /** The parameters as read from the params argument. */
  params: P;
  /** The params argument itself, read again for the ranges. */
  grid: unknown[][];
  /** The parameter names in the FIT table's order. */
  names: readonly string[];
  /** The FIT function's name for messages ("CV.BGNBD.FIT"). */
  fitFunction: string;
  /** Parameters from values in the order of `names`. */
  fromValues: (v: readonly number[]) => P;
  /** Expected purchases in the next t of a customer with history (x, t_x, T). */
  expected: (p: P, t: number, x: number, tx: number, T: number) => number;
}

/**
 * The CV.*.EXPECTED functions of the continuous-time models: expected purchases in the next
 * `t` (one number or a column) per customer, one column, or with `level` three (expected,
 * low, high: the delta-method range from the FIT table's standard errors and correlations).
 * A negative or infinite t is that row's #VALUE!. With `asTotal`, one row: the total over
 * the customers (with a level, its range; see {@link totalRow}). Cost: one expectation per
 * row (2k + 1 with a level).
 *
 * @throws CvError BAD_OPTION for a level outside (0, 1); BAD_VALUE when a range is asked of params without standard errors, or for a total with a row without a value.
 * @example expectedPerCustomer({ params: p, grid: params, names: ["r", "alpha", "a", "b"], fitFunction: "CV.BGNBD.FIT", fromValues, expected: bgnbdExpected }, t, x, t_x, T, 0.9)
 */
export function expectedPerCustomer<P>(model: ExpectedModel<P>, t: unknown[][], x: unknown[][], t_x: unknown[][], T: unknown[][], level: number | undefined, asTotal = false): ExcelCell[][] {
  const s = readRepeatColumns(x, t_x, T);
  const horizon = perRow(t, "t", s.x.length);
  const blanks: Array<[string, (i: number) => number]> = [["t", horizon], ...repeatBlanks(s)];
  const problem = (i: number) =>
    !Number.isFinite(horizon(i))
      ? new CvError("BAD_VALUE", `t row ${i + 1}: expected a finite length of time, found ${horizon(i)}`, { argument: "t", row: i + 1, value: horizon(i) })
      : horizon(i) < 0
        ? new CvError("BAD_VALUE", `t row ${i + 1}: the future period cannot be negative, found ${horizon(i)}`, { argument: "t", row: i + 1, value: horizon(i) })
        : repeatRowProblem(s.x[i]!, s.tx[i]!, s.T[i]!, i + 1);
  if (level !== undefined) {
    checkRangeLevel(level);
    const ranges = new DeltaRanges(readEstimate(model.grid, "params", model.names, model.fitFunction), level);
    const rows = perCustomerRange(s.x.length, blanks, (i) => ranges.range((v) => model.expected(model.fromValues(v), horizon(i), s.x[i]!, s.tx[i]!, s.T[i]!)), problem);
    return asTotal ? totalRow(rows, ranges) : rows;
  }
  const rows = perCustomer(s.x.length, blanks, (i) => model.expected(model.params, horizon(i), s.x[i]!, s.tx[i]!, s.T[i]!), problem);
  return asTotal ? totalRow(rows) : rows;
}

/**
 * One row instead of one per customer: the total of the first column over every row, and
 * with ranges the total's range (the customers' gradients summed, so the shared parameters'
 * uncertainty is not averaged away). Cost: O(rows).
 *
 * @throws CvError BAD_VALUE naming total and the first row without a value: the total needs every customer.
 * @example totalRow([[1.5], [2]]) // → [[3.5]]; with ranges → [[3.5, low, high]]
 */
export function totalRow(rows: ExcelCell[][], ranges?: DeltaRanges): ExcelCell[][] {
  const bad = rows.findIndex((r) => typeof r[0] !== "number");
  if (bad >= 0) {
    const cell = rows[bad]![0] as CustomFunctions.Error;
    throw new CvError("BAD_VALUE", `total: row ${bad + 1} has no value (${cell.message ?? cell.code}): the total needs every customer`, { argument: "total", row: bad + 1 });
  }
  if (ranges) {
    const t = ranges.total();
    return [[t.value, t.low, t.high]];
  }
  return [[rows.reduce((sum, r) => sum + (r[0] as number), 0)]];
}
