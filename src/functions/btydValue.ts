/**
 * CV.BTYD.CLV: lifetime value over an interval of future years from any fitted lifetime
 * model (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB) and Gamma-Gamma, with one discounting
 * convention (docs/models/clv.md). Parsing and shaping only; the maths is in
 * src/engine/lifetime/modelValue.ts.
 */
import { type CellGrid, CvError, DeltaRanges, type GammaGammaParams, TIME_UNIT_DAYS, checkRangeLevel, combineEstimates, describeValue, parseNumberCell, parseTimeUnit, readNumberColumn } from "../engine";
import { type ValueModel, type ValueSchedule, customerValue, monthlySchedule, periodSchedule, valueModelByName } from "../engine";
import { type ExcelCell, excelCall, optionalFlag, optionalNumber, optionalText, requireSameRows } from "./excelArgs";
import { ggParams, perCustomer, perCustomerRange, readEstimate, readParams, readRepeatColumns, totalRow } from "./lifetimeArgs";

const GG_NAMES = ["p", "q", "gamma"] as const;

/**
 * The model a params table names in its "model" row (every CV.*.FIT table has one), or a
 * row the user typed: `model | BG/NBD`.
 *
 * @throws CvError BAD_VALUE when there is no such row or it names no model CV.BTYD.CLV values.
 */
function modelOfTable(grid: CellGrid): ValueModel {
  for (const r of grid) {
    if (String(r[0] ?? "").trim().toLowerCase() !== "model") continue;
    const name = r[1];
    if (typeof name !== "string" || name.trim() === "") {
      throw new CvError("BAD_VALUE", `params: the "model" row names no model, found ${describeValue(name)}`, { argument: "params", value: name });
    }
    return valueModelByName(name.trim(), "params");
  }
  throw new CvError(
    "BAD_VALUE",
    'params: no "model" row says which model these parameters are: select the whole FIT table (CV.BGNBD.FIT, CV.MBGNBD.FIT, CV.PNBD.FIT or CV.BGBB.FIT), or add a row model | BG/NBD (or MBG/NBD, Pareto/NBD, BG/BB) to the parameters',
    { argument: "params" },
  );
}

/** The schedule of the interval: months for the continuous models (unit = day/week/month), periods of `unit` years for BG/BB. */
function scheduleFor(model: ValueModel, unit: string | number | null | undefined, fromYear: number | undefined, toYear: number | undefined, discount: number | undefined, margin: number | undefined): ValueSchedule {
  const options = { fromYear: fromYear ?? 0, toYear: toYear ?? (fromYear ?? 0) + 1, annualDiscount: discount ?? 0.1, margin: margin ?? 1 };
  if (!model.discrete) return monthlySchedule(options, TIME_UNIT_DAYS[parseTimeUnit(optionalText(unit, "unit"))]);
  let years = 1;
  if (unit !== null && unit !== undefined && !(typeof unit === "string" && unit.trim() === "")) {
    const parsed = parseNumberCell(unit);
    if (parsed === undefined || Number.isNaN(parsed)) {
      throw new CvError("BAD_VALUE", `unit is the length of a BG/BB period in years (1 for once a year, 0.25 for a quarter), found ${describeValue(unit)}`, { argument: "unit", value: unit });
    }
    years = parsed;
  }
  return periodSchedule(options, years);
}

/** What is wrong with a customer's x and average spend for Gamma-Gamma, or undefined. */
function spendProblem(x: number, spend: number, row: number): CvError | undefined {
  if (x > 0 && !(spend > 0)) return new CvError("BAD_VALUE", `avg_spend row ${row} is ${spend}: a customer with repeat transactions needs a positive average spend`, { argument: "avg_spend", row, value: spend });
  if (x > 0 && !Number.isFinite(spend)) return new CvError("BAD_VALUE", `avg_spend row ${row}: expected a finite average spend, found ${spend}`, { argument: "avg_spend", row, value: spend });
  return undefined;
}

/**
 * Customer lifetime value over an interval of future years from any fitted lifetime model (BG/NBD, MBG/NBD, Pareto/NBD or BG/BB, named by the FIT table) and Gamma-Gamma: expected transactions per month (BG/BB: per period) × expected spend × margin, discounted at an annual rate.
 * @customfunction BTYD.CLV
 * @param params The whole FIT table of the model (CV.BGNBD.FIT, CV.MBGNBD.FIT, CV.PNBD.FIT or CV.BGBB.FIT): its "model" row says which model it is.
 * @param gg_params The CV.GG.FIT table, or p, q, gamma.
 * @param x Repeat transactions per customer.
 * @param t_x Time of the last transaction since the first, same rows (BG/BB: the period of the last transaction).
 * @param T Age, time since the first transaction, same rows (BG/BB: n, the periods observed).
 * @param avg_spend Average repeat spend, same rows (ignored where x = 0).
 * @param [from_year] Start of the interval in years from now; default 0 (years 1–3 is 0 to 3; the second and third years alone, 1 to 3).
 * @param [to_year] End of the interval in years from now, at most 100; default one year after from_year.
 * @param [discount] Annual discount rate, 0 or more; default 0.1 (10% a year). Each month (BG/BB: period) is discounted at its end.
 * @param [margin] Profit margin on spend, 0–1; default 1 (the value is then revenue).
 * @param [unit] The unit of t_x and T: "day", "week" (default) or "month"; for BG/BB the length of a period in years (default 1).
 * @param [level] A range's confidence level, e.g. 0.9: adds low and high columns from the model's and Gamma-Gamma's uncertainty (delta method); needs both whole FIT tables.
 * @param [total] TRUE for one row instead: the total over all customers (with level, its range); default FALSE.
 * @returns A column, one discounted value per row (with level: value, low, high); #N/A where an input is blank, #VALUE! for an impossible row.
 */
export function BTYD_CLV(
  params: unknown[][],
  gg_params: unknown[][],
  x: unknown[][],
  t_x: unknown[][],
  T: unknown[][],
  avg_spend: unknown[][],
  from_year?: number,
  to_year?: number,
  discount?: number,
  margin?: number,
  unit?: string | number,
  level?: number,
  total?: boolean,
): unknown[][] {
  return excelCall(() => {
    if (params === null || params === undefined) throw new CvError("EMPTY_INPUT", "params is required: select the whole FIT table of the model (CV.BGNBD.FIT, CV.MBGNBD.FIT, CV.PNBD.FIT or CV.BGBB.FIT)", { argument: "params" });
    const model = modelOfTable(params);
    const values = readParams(params, "params", model.parameterNames);
    const gg = ggParams(gg_params, "gg_params");
    const schedule = scheduleFor(model, unit, optionalNumber(from_year, "from_year"), optionalNumber(to_year, "to_year"), optionalNumber(discount, "discount"), optionalNumber(margin, "margin"));
    const rangeLevel = optionalNumber(level, "level");
    if (rangeLevel !== undefined) checkRangeLevel(rangeLevel);
    const asTotal = optionalFlag(total, false, "total");
    const valuer = model.bind(values, schedule, "params");
    const ageName = model.discrete ? "n" : "T";
    const s = readRepeatColumns(x, t_x, T, ageName);
    const spend = readNumberColumn(avg_spend, "avg_spend");
    requireSameRows({ name: "x", rows: s.x.length }, { name: "avg_spend", rows: spend.length });
    const blanks: Array<[string, (i: number) => number]> = [["x", (i) => s.x[i]!], ["t_x", (i) => s.tx[i]!], [ageName, (i) => s.T[i]!], ["avg_spend", (i) => (s.x[i] === 0 ? 0 : spend[i]!)]];
    const problem = (i: number) => model.rowProblem(s.x[i]!, s.tx[i]!, s.T[i]!, i + 1) ?? spendProblem(s.x[i]!, spend[i]!, i + 1);

    let rows: ExcelCell[][];
    let ranges: DeltaRanges | undefined;
    if (rangeLevel !== undefined) {
      const k = model.parameterNames.length;
      ranges = new DeltaRanges(combineEstimates(readEstimate(params, "params", model.parameterNames, model.fitFunction), readEstimate(gg_params, "gg_params", GG_NAMES, "CV.GG.FIT")), rangeLevel);
      // One parameter record and one BG/BB buffer, reused by every evaluation.
      const record: Record<string, number> = { ...values };
      const scratch = new Float64Array(schedule.last);
      const value = (v: readonly number[], i: number): number => {
        model.parameterNames.forEach((name, j) => (record[name] = v[j]!));
        const spendParams: GammaGammaParams = { p: v[k]!, q: v[k + 1]!, gamma: v[k + 2]! };
        return customerValue(model.bind(record, schedule, "params", scratch)(s.x[i]!, s.tx[i]!, s.T[i]!), spendParams, s.x[i]!, spend[i]!, schedule.margin);
      };
      const active = ranges;
      rows = perCustomerRange(s.x.length, blanks, (i) => active.range((v) => value(v, i)), problem);
    } else {
      rows = perCustomer(s.x.length, blanks, (i) => customerValue(valuer(s.x[i]!, s.tx[i]!, s.T[i]!), gg, s.x[i]!, spend[i]!, schedule.margin), problem);
    }
    return asTotal ? totalRow(rows, ranges) : rows;
  });
}
