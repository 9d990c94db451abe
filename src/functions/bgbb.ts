/**
 * The BG/BB CV.* custom functions (Fader, Hardie & Shang 2010): the fit, P(alive) and the
 * expected transactions of customers with discrete transaction opportunities (an annual
 * appeal, an issue, a show). Parsing and shaping only; the maths is in
 * src/engine/lifetime/bgbb.ts.
 */
import { type BgbbParams, CvError, DeltaRanges, bgbbExpected, bgbbPAlive, bgbbRowProblem, checkBgbbParams, checkRangeLevel, fitBgbb, readNumberColumn } from "../engine";
import { type Optional, excelCall, optionalFlag, optionalGrid, optionalNumber, requireSameRows } from "./excelArgs";
import { fitTable, perCustomer, perCustomerRange, perRow, readEstimate, readParams, readRepeatColumns, totalRow } from "./lifetimeArgs";

const BGBB_NAMES = ["alpha", "beta", "gamma", "delta"] as const;
const bgbbFrom = (v: readonly number[]): BgbbParams => ({ alpha: v[0]!, beta: v[1]!, gamma: v[2]!, delta: v[3]! });

/** A `params` argument read as BG/BB parameters: the CV.BGBB.FIT table or alpha, beta, gamma, delta. */
function bgbbParams(grid: unknown[][], argument = "params"): BgbbParams {
  if (grid === null || grid === undefined) throw new CvError("EMPTY_INPUT", `${argument} is required: select the CV.BGBB.FIT table or type alpha, beta, gamma, delta`, { argument });
  const p = readParams(grid, argument, BGBB_NAMES);
  checkBgbbParams(p, argument);
  return p;
}

/**
 * Fits the BG/BB model (Fader, Hardie & Shang 2010) by maximum likelihood, for transactions at discrete opportunities: transaction parameters alpha, beta and dropout parameters gamma, delta; #NUM! if the fit does not converge.
 * @customfunction BGBB.FIT
 * @param x Repeat transactions per customer (whole numbers ≥ 0), counted in the opportunities after the first transaction.
 * @param t_x The opportunity of the last transaction, same rows (whole numbers, x ≤ t_x ≤ n; 0 without repeats).
 * @param n The number of opportunities observed after the first transaction, same rows (whole numbers ≥ 1).
 * @param [weights] How many customers share each row (e.g. a table of distinct x, t_x, n with counts); default 1 each.
 * @param [headers] TRUE (default) to put a "Parameter, Value, Standard error" header row on top.
 * @returns A table (label, value, standard error): alpha, beta, gamma, delta, log-likelihood, customers, verdict. Rows with a blank are left out of the fit.
 */
export function BGBB_FIT(x: unknown[][], t_x: unknown[][], n: unknown[][], weights?: unknown[][], headers?: boolean): unknown[][] {
  return excelCall(() => {
    const s = readRepeatColumns(x, t_x, n, "n");
    const weightGrid = optionalGrid(weights as Optional<unknown[][]>);
    let w: Float64Array | undefined;
    if (weightGrid !== undefined) {
      w = readNumberColumn(weightGrid, "weights");
      requireSameRows({ name: "x", rows: s.x.length }, { name: "weights", rows: w.length });
    }
    const fit = fitBgbb(s.x, s.tx, s.T, w);
    return fitTable(fit.fit, fit.customers, fit.warnings, optionalFlag(headers, true));
  });
}

/**
 * The probability that each customer is still active at the next opportunity under a fitted BG/BB model.
 * @customfunction BGBB.PALIVE
 * @param params The CV.BGBB.FIT table, or alpha, beta, gamma, delta as a row or column.
 * @param x Repeat transactions per customer.
 * @param t_x The opportunity of the last transaction, same rows.
 * @param n The number of opportunities observed, same rows.
 * @returns A column, one probability per row; #N/A where an input is blank, #VALUE! for an impossible row (e.g. t_x after n).
 */
export function BGBB_PALIVE(params: unknown[][], x: unknown[][], t_x: unknown[][], n: unknown[][]): unknown[][] {
  return excelCall(() => {
    const p = bgbbParams(params);
    const s = readRepeatColumns(x, t_x, n, "n");
    return perCustomer(
      s.x.length,
      [["x", (i) => s.x[i]!], ["t_x", (i) => s.tx[i]!], ["n", (i) => s.T[i]!]],
      (i) => bgbbPAlive(p, s.x[i]!, s.tx[i]!, s.T[i]!),
      (i) => bgbbRowProblem(s.x[i]!, s.tx[i]!, s.T[i]!, i + 1),
    );
  });
}

/**
 * Expected transactions of each customer in the next n_star opportunities under a fitted BG/BB model (conditional on the customer's history).
 * @customfunction BGBB.EXPECTED
 * @param params The CV.BGBB.FIT table, or alpha, beta, gamma, delta as a row or column.
 * @param n_star The number of future opportunities, a whole number ≥ 0: one number, or a column with one per customer.
 * @param x Repeat transactions per customer.
 * @param t_x The opportunity of the last transaction, same rows.
 * @param n The number of opportunities observed, same rows.
 * @param [level] A range's confidence level, e.g. 0.9: adds low and high columns, the range of each expectation from the fit's uncertainty (delta method); needs the whole CV.BGBB.FIT table as params.
 * @param [total] TRUE for one row instead: the total expected transactions over all customers (with level, its range); default FALSE.
 * @returns A column, one expected number of transactions per row (with level: expected, low, high; with total one row); #N/A where an input is blank.
 */
export function BGBB_EXPECTED(params: unknown[][], n_star: unknown[][], x: unknown[][], t_x: unknown[][], n: unknown[][], level?: number, total?: boolean): unknown[][] {
  return excelCall(() => {
    const p = bgbbParams(params);
    const rangeLevel = optionalNumber(level, "level");
    const asTotal = optionalFlag(total, false, "total");
    const s = readRepeatColumns(x, t_x, n, "n");
    const horizon = perRow(n_star, "n_star", s.x.length);
    const blanks: Array<[string, (i: number) => number]> = [["n_star", horizon], ["x", (i) => s.x[i]!], ["t_x", (i) => s.tx[i]!], ["n", (i) => s.T[i]!]];
    const problem = (i: number) => {
      const h = horizon(i);
      if (!Number.isFinite(h) || h < 0 || !Number.isInteger(h)) {
        return new CvError("BAD_VALUE", `n_star row ${i + 1}: the number of future opportunities must be a whole number ≥ 0, found ${h}`, { argument: "n_star", row: i + 1, value: h });
      }
      return bgbbRowProblem(s.x[i]!, s.tx[i]!, s.T[i]!, i + 1);
    };
    if (rangeLevel !== undefined) {
      checkRangeLevel(rangeLevel);
      const ranges = new DeltaRanges(readEstimate(params, "params", BGBB_NAMES, "CV.BGBB.FIT"), rangeLevel);
      const rows = perCustomerRange(s.x.length, blanks, (i) => ranges.range((v) => bgbbExpected(bgbbFrom(v), horizon(i), s.x[i]!, s.tx[i]!, s.T[i]!)), problem);
      return asTotal ? totalRow(rows, ranges) : rows;
    }
    const rows = perCustomer(s.x.length, blanks, (i) => bgbbExpected(p, horizon(i), s.x[i]!, s.tx[i]!, s.T[i]!), problem);
    return asTotal ? totalRow(rows) : rows;
  });
}
