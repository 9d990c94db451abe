/**
 * The MBG/NBD CV.* custom functions (Batislam, Denizel & Filiztekin 2007): the fit, P(alive)
 * and expected purchases, with the BG/NBD functions' arguments (x, t_x, T from
 * CV.BGNBD.SUMMARY). Parsing and shaping only; the maths is in src/engine/lifetime/mbgnbd.ts.
 */
import { CvError, type MbgnbdParams, checkMbgnbdParams, fitMbgnbd, mbgnbdExpected, mbgnbdPAlive } from "../engine";
import { excelCall, optionalFlag, optionalNumber } from "./excelArgs";
import { expectedPerCustomer, fitTable, perRepeatCustomer, readParams, readRepeatColumns } from "./lifetimeArgs";

const MBGNBD_NAMES = ["r", "alpha", "a", "b"] as const;
const mbgnbdFrom = (v: readonly number[]): MbgnbdParams => ({ r: v[0]!, alpha: v[1]!, a: v[2]!, b: v[3]! });

/** A `params` argument read as MBG/NBD parameters: the CV.MBGNBD.FIT table or r, alpha, a, b. */
function mbgnbdParams(grid: unknown[][], argument = "params"): MbgnbdParams {
  if (grid === null || grid === undefined) throw new CvError("EMPTY_INPUT", `${argument} is required: select the CV.MBGNBD.FIT table or type r, alpha, a, b`, { argument });
  const p = readParams(grid, argument, MBGNBD_NAMES);
  checkMbgnbdParams(p, argument);
  return p;
}

/**
 * Fits the MBG/NBD model (Batislam, Denizel & Filiztekin 2007) by maximum likelihood: like BG/NBD, but a customer may also drop out right after the first purchase; #NUM! if the fit does not converge.
 * @customfunction MBGNBD.FIT
 * @param x Repeat purchases per customer (whole numbers ≥ 0), e.g. from CV.BGNBD.SUMMARY.
 * @param t_x Time of the last purchase since the first, same rows (0 without repeats).
 * @param T Time from the first purchase to the end of the period, same rows and unit.
 * @param [headers] TRUE (default) to put a "Parameter, Value, Standard error" header row on top.
 * @returns A table (label, value, standard error): r, alpha, a, b, log-likelihood, customers, verdict. Rows with a blank are left out of the fit.
 */
export function MBGNBD_FIT(x: unknown[][], t_x: unknown[][], T: unknown[][], headers?: boolean): unknown[][] {
  return excelCall(() => {
    const fit = fitMbgnbd(readRepeatColumns(x, t_x, T));
    return fitTable(fit.fit, fit.customers, fit.warnings, optionalFlag(headers, true));
  });
}

/**
 * The probability that each customer is still active under a fitted MBG/NBD model (below 1 also for a customer without repeat purchases).
 * @customfunction MBGNBD.PALIVE
 * @param params The CV.MBGNBD.FIT table, or r, alpha, a, b as a row or column.
 * @param x Repeat purchases per customer.
 * @param t_x Time of the last purchase since the first, same rows.
 * @param T Age (time since the first purchase), same rows and unit.
 * @returns A column, one probability per row; #N/A where an input is blank, #VALUE! for an impossible row (e.g. t_x after T).
 */
export function MBGNBD_PALIVE(params: unknown[][], x: unknown[][], t_x: unknown[][], T: unknown[][]): unknown[][] {
  return excelCall(() => {
    const p = mbgnbdParams(params);
    return perRepeatCustomer(x, t_x, T, (xi, txi, Ti) => mbgnbdPAlive(p, xi, txi, Ti));
  });
}

/**
 * Expected purchases of each customer in the next t periods under a fitted MBG/NBD model (conditional on the customer's history).
 * @customfunction MBGNBD.EXPECTED
 * @param params The CV.MBGNBD.FIT table, or r, alpha, a, b as a row or column.
 * @param t Length of the future period, in the unit of t_x and T: one number, or a column with one per customer.
 * @param x Repeat purchases per customer.
 * @param t_x Time of the last purchase since the first, same rows.
 * @param T Age (time since the first purchase), same rows and unit.
 * @param [level] A range's confidence level, e.g. 0.9: adds low and high columns, the range of each expectation from the fit's uncertainty (delta method); needs the whole CV.MBGNBD.FIT table as params.
 * @param [total] TRUE for one row instead: the total expected over all customers (with level, its range); default FALSE.
 * @returns A column, one expected number of purchases per row (with level: expected, low, high; with total one row); #N/A where an input is blank.
 */
export function MBGNBD_EXPECTED(params: unknown[][], t: unknown[][], x: unknown[][], t_x: unknown[][], T: unknown[][], level?: number, total?: boolean): unknown[][] {
  return excelCall(() => {
    const model = { params: mbgnbdParams(params), grid: params, names: MBGNBD_NAMES, fitFunction: "CV.MBGNBD.FIT", fromValues: mbgnbdFrom, expected: mbgnbdExpected };
    return expectedPerCustomer(model, t, x, t_x, T, optionalNumber(level, "level"), optionalFlag(total, false, "total"));
  });
}
