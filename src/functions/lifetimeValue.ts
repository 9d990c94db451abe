/**
 * The probabilistic lifetime-value CV.* custom functions (methods §9): the BG/NBD summary,
 * fit, P(alive) and expected purchases, Gamma-Gamma spend, and CLV from both models.
 * Parsing and shaping only; the maths is in src/engine.
 */
import {
  type BgnbdParams,
  CvError,
  DeltaRanges,
  checkRangeLevel,
  combineEstimates,
  bgnbdExpected,
  bgnbdPAlive,
  fitBgnbd,
  fitGammaGamma,
  gammaGammaSpend,
  modelClv,
  parseTimeUnit,
  readNumberColumn,
  repeatRowProblem,
  repeatSummaryFromTransactions,
  resolveModelClvOptions,
} from "../engine";
import { readTransactions } from "./behaviour";
import { type ExcelCell, customerHeader, excelCall, optionalDay, optionalFlag, optionalNumber, optionalText, requireSameRows, withHeader } from "./excelArgs";
import { bgnbdParams, expectedPerCustomer, fitTable, ggParams, perCustomer, perCustomerRange, perRepeatCustomer, readEstimate, readRepeatColumns } from "./lifetimeArgs";

const BGNBD_NAMES = ["r", "alpha", "a", "b"] as const;
const bgnbdFrom = (v: readonly number[]): BgnbdParams => ({ r: v[0]!, alpha: v[1]!, a: v[2]!, b: v[3]! });

/**
 * The BG/NBD summary per customer from a transaction table: repeat purchases x, time of the last purchase t_x and age T (from the first purchase), and the average repeat spend.
 * @customfunction BGNBD.SUMMARY
 * @param customer_ids Customer id per transaction row; blank ids are skipped.
 * @param dates Purchase date per row (date cells or text like 1997-03-31); purchases on one day count once.
 * @param amounts Amount per row; same-day amounts add up; negative amounts (returns) are not purchases.
 * @param [as_of] End of the calibration period: later rows are left out and T is counted to it; default the day after the latest date.
 * @param [unit] "day", "week" (default) or "month" (365.25/12 days) for t_x and T.
 * @param [headers] TRUE (default) to put a header row on top.
 * @returns A table, one row per customer in order of first appearance: customer, x, t_x, T, average repeat spend (0 without repeats).
 */
export function BGNBD_SUMMARY(customer_ids: unknown[][], dates: unknown[][], amounts: unknown[][], as_of?: number, unit?: string, headers?: boolean): unknown[][] {
  return excelCall(() => {
    const timeUnit = parseTimeUnit(optionalText(unit, "unit"));
    if (amounts === null || amounts === undefined) throw new CvError("EMPTY_INPUT", "amounts is required: select the amount column", { argument: "amounts" });
    const tx = readTransactions(customer_ids, dates, amounts, undefined);
    const s = repeatSummaryFromTransactions({ ids: tx.ids, days: tx.days, ...(tx.amounts ? { amounts: tx.amounts } : {}) }, optionalDay(as_of, "as_of"), timeUnit);
    const rows: ExcelCell[][] = s.displayIds.map((id, c) => [id as ExcelCell, s.x[c]!, s.tx[c]!, s.T[c]!, s.avgSpend[c]!]);
    const u = timeUnit === "day" ? "days" : timeUnit === "week" ? "weeks" : "months";
    return withHeader([customerHeader(s.skippedBlankIds), "x", `t_x (${u})`, `T (${u})`, "Average repeat spend"], rows, optionalFlag(headers, true));
  });
}

/**
 * Fits the BG/NBD model (Fader, Hardie & Lee 2005) by maximum likelihood: purchase-rate parameters r, alpha and dropout parameters a, b; #NUM! if the fit does not converge.
 * @customfunction BGNBD.FIT
 * @param x Repeat purchases per customer (whole numbers ≥ 0), e.g. from CV.BGNBD.SUMMARY.
 * @param t_x Time of the last purchase since the first, same rows (0 without repeats).
 * @param T Time from the first purchase to the end of the period, same rows and unit.
 * @param [headers] TRUE (default) to put a "Parameter, Value, Standard error" header row on top.
 * @returns A table (label, value, standard error): r, alpha, a, b, then the log-likelihood, the customers fitted and a verdict in words ("no warning", or why not to trust the fit). Rows with a blank are left out of the fit.
 */
export function BGNBD_FIT(x: unknown[][], t_x: unknown[][], T: unknown[][], headers?: boolean): unknown[][] {
  return excelCall(() => {
    const fit = fitBgnbd(readRepeatColumns(x, t_x, T));
    return fitTable(fit.fit, fit.customers, fit.warnings, optionalFlag(headers, true));
  });
}

/**
 * The probability that each customer is still active under a fitted BG/NBD model (1 for a customer without repeat purchases).
 * @customfunction BGNBD.PALIVE
 * @param params The CV.BGNBD.FIT table, or r, alpha, a, b as a row or column.
 * @param x Repeat purchases per customer.
 * @param t_x Time of the last purchase since the first, same rows.
 * @param T Age (time since the first purchase), same rows and unit.
 * @returns A column, one probability per row; #N/A where an input is blank, #VALUE! for an impossible row (e.g. t_x after T).
 */
export function BGNBD_PALIVE(params: unknown[][], x: unknown[][], t_x: unknown[][], T: unknown[][]): unknown[][] {
  return excelCall(() => {
    const p = bgnbdParams(params);
    return perRepeatCustomer(x, t_x, T, (xi, txi, Ti) => bgnbdPAlive(p, xi, txi, Ti));
  });
}

/**
 * Expected purchases of each customer in the next t periods under a fitted BG/NBD model (conditional on the customer's history).
 * @customfunction BGNBD.EXPECTED
 * @param params The CV.BGNBD.FIT table, or r, alpha, a, b as a row or column.
 * @param t Length of the future period, in the unit of t_x and T: one number, or a column with one per customer.
 * @param x Repeat purchases per customer.
 * @param t_x Time of the last purchase since the first, same rows.
 * @param T Age (time since the first purchase), same rows and unit.
 * @param [level] A range's confidence level, e.g. 0.9: adds low and high columns, the range of each expectation from the fit's uncertainty (delta method); needs the whole CV.BGNBD.FIT table as params.
 * @param [total] TRUE for one row instead: the total expected over all customers (with level, its range); default FALSE.
 * @returns A column, one expected number of purchases per row (with level: expected, low, high; with total one row); #N/A where an input is blank.
 */
export function BGNBD_EXPECTED(params: unknown[][], t: unknown[][], x: unknown[][], t_x: unknown[][], T: unknown[][], level?: number, total?: boolean): unknown[][] {
  return excelCall(() => {
    const model = { params: bgnbdParams(params), grid: params, names: BGNBD_NAMES, fitFunction: "CV.BGNBD.FIT", fromValues: bgnbdFrom, expected: bgnbdExpected };
    return expectedPerCustomer(model, t, x, t_x, T, optionalNumber(level, "level"), optionalFlag(total, false, "total"));
  });
}

/** x and average spend as aligned columns. */
function readSpendColumns(x: unknown[][], avg_spend: unknown[][]) {
  const xs = readNumberColumn(x, "x");
  const spend = readNumberColumn(avg_spend, "avg_spend");
  requireSameRows({ name: "x", rows: xs.length }, { name: "avg_spend", rows: spend.length });
  return { x: xs, spend };
}

/**
 * Fits the Gamma-Gamma model of spend per purchase on the customers with repeat purchases: p, q, gamma; #NUM! if the fit does not converge.
 * @customfunction GG.FIT
 * @param x Repeat purchases per customer; customers with x = 0 are left out, as the model prescribes.
 * @param avg_spend Average spend of the repeat purchases, same rows; must be positive where x > 0.
 * @param [headers] TRUE (default) to put a "Parameter, Value, Standard error" header row on top.
 * @returns A table (label, value, standard error): p, q, gamma, then the log-likelihood, the customers fitted and a verdict in words.
 */
export function GG_FIT(x: unknown[][], avg_spend: unknown[][], headers?: boolean): unknown[][] {
  return excelCall(() => {
    const s = readSpendColumns(x, avg_spend);
    const fit = fitGammaGamma(s.x, s.spend);
    return fitTable(fit.fit, fit.customers, fit.warnings, optionalFlag(headers, true));
  });
}

/**
 * Expected average spend per purchase of each customer under a fitted Gamma-Gamma model: between the population mean and the customer's own average, closer to the own the more purchases.
 * @customfunction GG.SPEND
 * @param params The CV.GG.FIT table, or p, q, gamma as a row or column.
 * @param x Repeat purchases per customer.
 * @param avg_spend Average spend of the repeat purchases, same rows (ignored where x = 0: the population mean applies).
 * @returns A column, one expected spend per row; #N/A where x is blank.
 */
export function GG_SPEND(params: unknown[][], x: unknown[][], avg_spend: unknown[][]): unknown[][] {
  return excelCall(() => {
    const g = ggParams(params);
    const s = readSpendColumns(x, avg_spend);
    return perCustomer(
      s.x.length,
      [["x", (i) => s.x[i]!], ["avg_spend", (i) => (s.x[i] === 0 ? 0 : s.spend[i]!)]],
      (i) => gammaGammaSpend(g, s.x[i]!, s.spend[i]!),
      (i) => spendProblem(s.x[i]!, s.spend[i]!, i + 1),
    );
  });
}

/** What is wrong with a customer's x and average spend for Gamma-Gamma, or undefined. */
function spendProblem(x: number, spend: number, row: number): CvError | undefined {
  if (x < 0 || !Number.isInteger(x)) return new CvError("BAD_VALUE", `x row ${row}: repeat purchases must be a whole number ≥ 0, found ${x}`, { argument: "x", row, value: x });
  if (x > 0 && !(spend > 0)) return new CvError("BAD_VALUE", `avg_spend row ${row} is ${spend}: a customer with repeat purchases needs a positive average spend`, { argument: "avg_spend", row, value: spend });
  if (x > 0 && !Number.isFinite(spend)) return new CvError("BAD_VALUE", `avg_spend row ${row}: expected a finite average spend, found ${spend}`, { argument: "avg_spend", row, value: spend });
  return undefined;
}

/**
 * Customer lifetime value from BG/NBD and Gamma-Gamma: expected purchases month by month over the horizon × expected spend × margin, discounted monthly.
 * @customfunction CLV.BGNBD
 * @param bgnbd_params The CV.BGNBD.FIT table, or r, alpha, a, b.
 * @param gg_params The CV.GG.FIT table, or p, q, gamma.
 * @param x Repeat purchases per customer.
 * @param t_x Time of the last purchase since the first, same rows.
 * @param T Age (time since the first purchase), same rows.
 * @param avg_spend Average repeat spend, same rows.
 * @param [horizon] Months ahead, a whole number; default 12.
 * @param [discount] Discount rate per month; default 0.01.
 * @param [margin] Profit margin on spend, 0–1; default 1 (the value is then revenue).
 * @param [unit] The unit of t_x and T, as in CV.BGNBD.SUMMARY: "day", "week" (default) or "month".
 * @param [level] A range's confidence level, e.g. 0.9: adds low and high columns from both fits' uncertainty (delta method); needs the whole CV.BGNBD.FIT and CV.GG.FIT tables.
 * @returns A column, one discounted value per row (with level: value, low, high); #N/A where an input is blank.
 */
export function CLV_BGNBD(
  bgnbd_params: unknown[][],
  gg_params: unknown[][],
  x: unknown[][],
  t_x: unknown[][],
  T: unknown[][],
  avg_spend: unknown[][],
  horizon?: number,
  discount?: number,
  margin?: number,
  unit?: string,
  level?: number,
): unknown[][] {
  return excelCall(() => {
    const bg = bgnbdParams(bgnbd_params, "bgnbd_params");
    const gg = ggParams(gg_params, "gg_params");
    const options = resolveModelClvOptions({
      horizonMonths: optionalNumber(horizon, "horizon") ?? 12,
      monthlyDiscount: optionalNumber(discount, "discount") ?? 0.01,
      margin: optionalNumber(margin, "margin") ?? 1,
      unit: parseTimeUnit(optionalText(unit, "unit")),
    });
    const s = readRepeatColumns(x, t_x, T);
    const spend = readNumberColumn(avg_spend, "avg_spend");
    requireSameRows({ name: "x", rows: s.x.length }, { name: "avg_spend", rows: spend.length });
    const blanks: Array<[string, (i: number) => number]> = [["x", (i) => s.x[i]!], ["t_x", (i) => s.tx[i]!], ["T", (i) => s.T[i]!], ["avg_spend", (i) => (s.x[i] === 0 ? 0 : spend[i]!)]];
    const problem = (i: number) => repeatRowProblem(s.x[i]!, s.tx[i]!, s.T[i]!, i + 1) ?? spendProblem(s.x[i]!, spend[i]!, i + 1);
    const rangeLevel = optionalNumber(level, "level");
    if (rangeLevel !== undefined) {
      checkRangeLevel(rangeLevel);
      const estimate = combineEstimates(readEstimate(bgnbd_params, "bgnbd_params", BGNBD_NAMES, "CV.BGNBD.FIT"), readEstimate(gg_params, "gg_params", ["p", "q", "gamma"] as const, "CV.GG.FIT"));
      const ranges = new DeltaRanges(estimate, rangeLevel);
      return perCustomerRange(s.x.length, blanks, (i) => ranges.range((v) => modelClv(bgnbdFrom(v), { p: v[4]!, q: v[5]!, gamma: v[6]! }, s.x[i]!, s.tx[i]!, s.T[i]!, spend[i]!, options)), problem);
    }
    return perCustomer(s.x.length, blanks, (i) => modelClv(bg, gg, s.x[i]!, s.tx[i]!, s.T[i]!, spend[i]!, options), problem);
  });
}
