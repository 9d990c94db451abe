/**
 * The Pareto/NBD CV.* custom functions (docs/models/pareto-nbd.md): fit, P(alive), expected
 * transactions and discounted expected residual transactions (DERT). Parsing and shaping
 * only; the maths is in src/engine/lifetime/paretoNbd.ts.
 */
import { type CellGrid, CvError, type PnbdParams, TIME_UNIT_DAYS, checkPnbdParams, fitPnbd, parseTimeUnit, pnbdDert, pnbdExpected, pnbdPAlive } from "../engine";
import { excelCall, optionalFlag, optionalNumber, optionalText } from "./excelArgs";
import { expectedPerCustomer, fitTable, perRepeatCustomer, readParams, readRepeatColumns } from "./lifetimeArgs";

const PNBD_NAMES = ["r", "alpha", "s", "beta"] as const;
const pnbdFrom = (v: readonly number[]): PnbdParams => ({ r: v[0]!, alpha: v[1]!, s: v[2]!, beta: v[3]! });

/** A Pareto/NBD `params` argument: the CV.PNBD.FIT table (read by label) or r, alpha, s, beta in order. */
function pnbdParams(grid: unknown[][], argument = "params"): PnbdParams {
  if (grid === null || grid === undefined) throw new CvError("EMPTY_INPUT", `${argument} is required: select the CV.PNBD.FIT table or type r, alpha, s, beta`, { argument });
  const p = readParams(grid as CellGrid, argument, PNBD_NAMES);
  checkPnbdParams(p, argument);
  return p;
}

/**
 * Fits the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987) by maximum likelihood: purchase-rate parameters r, alpha and dropout-rate parameters s, beta; #NUM! if the fit does not converge.
 * @customfunction PNBD.FIT
 * @param x Repeat purchases per customer (whole numbers ≥ 0), e.g. from CV.BGNBD.SUMMARY.
 * @param t_x Time of the last purchase since the first, same rows (0 without repeats).
 * @param T Time from the first purchase to the end of the period, same rows and unit.
 * @param [headers] TRUE (default) to put a "Parameter, Value, Standard error" header row on top.
 * @returns A table: r, alpha, s, beta with standard errors, then log-likelihood, customers and the verdict (warnings in words). Rows with a blank are left out of the fit.
 */
export function PNBD_FIT(x: unknown[][], t_x: unknown[][], T: unknown[][], headers?: boolean): unknown[][] {
  return excelCall(() => {
    const withHeaders = optionalFlag(headers, true);
    const fit = fitPnbd(readRepeatColumns(x, t_x, T));
    return fitTable(fit.fit, fit.customers, fit.warnings, withHeaders);
  });
}

/**
 * The probability that each customer is still active under a fitted Pareto/NBD model (a customer without repeat purchases may also have dropped out).
 * @customfunction PNBD.PALIVE
 * @param params The CV.PNBD.FIT table, or r, alpha, s, beta as a row or column.
 * @param x Repeat purchases per customer.
 * @param t_x Time of the last purchase since the first, same rows.
 * @param T Age (time since the first purchase), same rows and unit.
 * @returns A column, one probability per row; #N/A where an input is blank, #VALUE! for an impossible row (e.g. t_x after T).
 */
export function PNBD_PALIVE(params: unknown[][], x: unknown[][], t_x: unknown[][], T: unknown[][]): unknown[][] {
  return excelCall(() => {
    const p = pnbdParams(params);
    return perRepeatCustomer(x, t_x, T, (xi, txi, Ti) => pnbdPAlive(p, xi, txi, Ti));
  });
}

/**
 * Expected purchases of each customer in the next t periods under a fitted Pareto/NBD model (conditional on the customer's history).
 * @customfunction PNBD.EXPECTED
 * @param params The CV.PNBD.FIT table, or r, alpha, s, beta as a row or column.
 * @param t Length of the future period, in the unit of t_x and T: one number, or a column with one per customer.
 * @param x Repeat purchases per customer.
 * @param t_x Time of the last purchase since the first, same rows.
 * @param T Age (time since the first purchase), same rows and unit.
 * @param [level] A range's confidence level, e.g. 0.9: adds low and high columns, the range of each expectation from the fit's uncertainty (delta method); needs the whole CV.PNBD.FIT table as params.
 * @param [total] TRUE for one row instead: the total expected over all customers (with level, its range); default FALSE.
 * @returns A column, one expected number of purchases per row (with level: expected, low, high; with total one row); #N/A where an input is blank, #VALUE! for an impossible row or a negative t.
 */
export function PNBD_EXPECTED(params: unknown[][], t: unknown[][], x: unknown[][], t_x: unknown[][], T: unknown[][], level?: number, total?: boolean): unknown[][] {
  return excelCall(() => {
    const model = { params: pnbdParams(params), grid: params, names: PNBD_NAMES, fitFunction: "CV.PNBD.FIT", fromValues: pnbdFrom, expected: pnbdExpected };
    return expectedPerCustomer(model, t, x, t_x, T, optionalNumber(level, "level"), optionalFlag(total, false, "total"));
  });
}

/**
 * Discounted expected residual transactions (DERT) of each customer under a fitted Pareto/NBD model: the present value of all future purchases, counted one per purchase (multiply by the expected spend for residual value).
 * @customfunction PNBD.DERT
 * @param params The CV.PNBD.FIT table, or r, alpha, s, beta as a row or column.
 * @param x Repeat purchases per customer.
 * @param t_x Time of the last purchase since the first, same rows.
 * @param T Age (time since the first purchase), same rows and unit.
 * @param [discount] Annual discount rate, more than 0 (0.1 or 10%; default 10%), turned into a continuous rate per period: ln(1 + discount) × days per unit / 365.25.
 * @param [unit] The unit of t_x and T, as in CV.BGNBD.SUMMARY: "day", "week" (default) or "month" (365.25/12 days).
 * @returns A column, one discounted number of future purchases per row; #N/A where an input is blank, #VALUE! for an impossible row.
 */
export function PNBD_DERT(params: unknown[][], x: unknown[][], t_x: unknown[][], T: unknown[][], discount?: number, unit?: string): unknown[][] {
  return excelCall(() => {
    const p = pnbdParams(params);
    const annual = optionalNumber(discount, "discount") ?? 0.1;
    if (!(annual > 0) || !Number.isFinite(annual)) {
      throw new CvError("BAD_VALUE", `discount: the annual discount rate must be more than 0 (e.g. 0.1 for 10%), found ${annual}`, { argument: "discount", value: annual });
    }
    const timeUnit = parseTimeUnit(optionalText(unit, "unit"));
    const delta = Math.log1p(annual) * (TIME_UNIT_DAYS[timeUnit] / 365.25);
    return perRepeatCustomer(x, t_x, T, (xi, txi, Ti) => pnbdDert(p, xi, txi, Ti, delta));
  });
}
