/**
 * The lifecycle and qualification CV.* custom functions (methods §7, §10): stages with
 * reasons, stage transitions, growth classes, prospect temperature and MAN. Parsing and
 * shaping only; the maths is in src/engine.
 */
import {
  type CellGrid,
  CvError,
  GROWTH_CLASSES,
  LIFECYCLE_STAGES,
  TEMPERATURES,
  growthClasses,
  lifecycleStages,
  manQualification,
  prospectTemperature,
  readFlagColumn,
  readDayColumn,
  readNumberColumn,
  readProblemCounts,
  readPercent,
  readStageList,
  stageTransitions,
} from "../engine";
import { type ExcelCell, excelCall, labelColumn, notAvailable, optionalDay, optionalFlag, optionalGrid, optionalNumber, requireSameRows } from "./excelArgs";

/** An optional per-customer column, read by `read` and checked against the first argument's height. */
function optionalColumn<T extends ArrayLike<unknown>>(
  arg: unknown[][] | undefined,
  argument: string,
  first: { name: string; rows: number },
  read: (grid: CellGrid, argument: string) => T,
): T | undefined {
  const grid = optionalGrid(arg as CellGrid | undefined);
  if (grid === undefined) return undefined;
  const column = read(grid, argument);
  requireSameRows(first, { name: argument, rows: column.length });
  return column;
}

/**
 * Lifecycle stage per customer, first rule that applies: Exited (flag, or last purchase 365+ days ago), Problem, Strategic, Prospect/Target (never bought), New (first purchase < 120 days ago), Core (365+ days, top 20%), Established.
 * @customfunction STAGE
 * @param first_purchase First purchase date per customer; blank (with last_purchase blank) = never bought.
 * @param last_purchase Last purchase date per customer. Exited when as_of − last ≥ 365 days.
 * @param [value_percentile] Value percentile 0–1 per customer, 1 = most valuable (e.g. CV.NORMALIZE(sales,,"percentile")); Core needs ≥ 0.8 (top 20%) and 365 days since the first purchase.
 * @param [in_plan] TRUE = in the development plan (target flag or open opportunity): a never-buyer is Target, else Prospect. Blank = FALSE.
 * @param [open_problems] Open complaints, disputes or overdue debts per customer; more than 0 = Problem. Blank = 0.
 * @param [strategic] TRUE = strategic partner (contract, co-development). Blank = FALSE.
 * @param [exited] TRUE = the relationship has ended. Blank = FALSE.
 * @param [as_of] The day stages are judged on; default the day after the latest purchase date. Must not be before any purchase.
 * @param [with_reason] TRUE for a second column with the reason (the rule and its numbers); default FALSE.
 * @returns A column of stages, one per customer (stage and reason with with_reason); #N/A where only one of the two dates is given.
 */
export function STAGE(
  first_purchase: unknown[][],
  last_purchase: unknown[][],
  value_percentile?: unknown[][],
  in_plan?: unknown[][],
  open_problems?: unknown[][],
  strategic?: unknown[][],
  exited?: unknown[][],
  as_of?: number,
  with_reason?: boolean,
): unknown[][] {
  return excelCall(() => {
    const firstPurchase = readDayColumn(first_purchase, "first_purchase");
    const lastPurchase = readDayColumn(last_purchase, "last_purchase");
    const first = { name: "first_purchase", rows: firstPurchase.length };
    requireSameRows(first, { name: "last_purchase", rows: lastPurchase.length });
    const percentile = optionalColumn(value_percentile, "value_percentile", first, readNumberColumn);
    const plan = optionalColumn(in_plan, "in_plan", first, readFlagColumn);
    const problems = optionalColumn(open_problems, "open_problems", first, readProblemCounts);
    const partner = optionalColumn(strategic, "strategic", first, readFlagColumn);
    const ended = optionalColumn(exited, "exited", first, readFlagColumn);
    const asOf = optionalDay(as_of, "as_of");
    const result = lifecycleStages(
      {
        firstPurchase,
        lastPurchase,
        ...(percentile !== undefined ? { valuePercentile: percentile } : {}),
        ...(plan !== undefined ? { inPlan: plan } : {}),
        ...(problems !== undefined ? { openProblems: problems } : {}),
        ...(partner !== undefined ? { strategic: partner } : {}),
        ...(ended !== undefined ? { exited: ended } : {}),
      },
      asOf !== undefined ? { asOf } : {},
    );
    const reasons = optionalFlag(with_reason, false, "with_reason");
    return Array.from(result.stage, (k, i): ExcelCell[] => {
      const why = result.reason[i] as string;
      if (k < 0) return reasons ? [notAvailable(why), notAvailable(why)] : [notAvailable(why)];
      const stage = LIFECYCLE_STAGES[k] as string;
      return reasons ? [stage, why] : [stage];
    });
  });
}

/**
 * Transition matrix: how many customers moved from each stage (rows) to each stage (columns) between two snapshots.
 * @customfunction TRANSITIONS
 * @param from_stages Stage per customer in the first snapshot (e.g. last year's CV.STAGE). Blank or #N/A rows are left out.
 * @param to_stages Stage per customer in the second snapshot, same rows as from_stages.
 * @param [order] Stage names in the order of the rows and columns; default the lifecycle order (Prospect, Target, New, Established, Core, Strategic, Problem, Exited) of the stages present. Other stages follow in order of appearance.
 * @returns A table with a header row and a first column of stage names, counts inside.
 */
export function TRANSITIONS(from_stages: unknown[][], to_stages: unknown[][], order?: unknown[][]): unknown[][] {
  return excelCall(() => {
    const from = readStageList(from_stages, "from_stages");
    const to = readStageList(to_stages, "to_stages");
    requireSameRows({ name: "from_stages", rows: from.length }, { name: "to_stages", rows: to.length });
    const orderGrid = optionalGrid(order as CellGrid | undefined);
    const t = stageTransitions(from, to, orderGrid === undefined ? undefined : readStageList(orderGrid, "order"));
    const header: ExcelCell[] = ["From \\ To", ...t.stages];
    return [header, ...t.stages.map((stage, r): ExcelCell[] => [stage, ...(t.counts[r] as number[])])];
  });
}

/**
 * Growth class from two periods of revenue: Sleeping, Fast-growing (≥ 20%), Loyal (a year's tenure, −20% < growth < 20%) or Worth cultivating.
 * @customfunction GROWTHCLASS
 * @param previous Revenue per customer in the earlier period. Blank = no revenue (both periods blank = #N/A).
 * @param current Revenue per customer in the later period, same rows. Bought before and nothing now = Sleeping.
 * @param [tenure_days] Each customer's tenure in days (as-of date − first purchase), or one number for all; Loyal needs ≥ 365. Default: every customer has a year.
 * @param [fast_growth] Growth rate that counts as fast, e.g. 0.2 or 20% (default), at most 100%; 20 is refused (it would be 2,000%). Loyal is between −fast_growth and +fast_growth.
 * @returns A column of classes. New customers (previous 0 or blank) have no growth rate: Worth cultivating.
 */
export function GROWTHCLASS(previous: unknown[][], current: unknown[][], tenure_days?: unknown[][], fast_growth?: number): unknown[][] {
  return excelCall(() => {
    const before = readNumberColumn(previous, "previous");
    const now = readNumberColumn(current, "current");
    requireSameRows({ name: "previous", rows: before.length }, { name: "current", rows: now.length });
    const tenureGrid = optionalGrid(tenure_days as CellGrid | undefined);
    let tenure: Float64Array | number | undefined;
    if (tenureGrid !== undefined) {
      const column = readNumberColumn(tenureGrid, "tenure_days");
      if (column.length === 1) {
        if (Number.isNaN(column[0] as number)) throw new CvError("BAD_VALUE", "tenure_days: expected a number of days, found a blank cell", { argument: "tenure_days" });
        tenure = column[0] as number;
      } else {
        requireSameRows({ name: "previous", rows: before.length }, { name: "tenure_days", rows: column.length });
        tenure = column;
      }
    }
    const fast = optionalNumber(fast_growth, "fast_growth");
    const result = growthClasses(before, now, tenure, fast !== undefined ? { fastGrowth: readPercent(fast, "fast_growth", "rate") } : {});
    return labelColumn(result.index, GROWTH_CLASSES, (row) => result.notes[row - 1] as string);
  });
}

/**
 * Prospect temperature from the expected order date: within 30 days of as_of = Hot, within 90 = Warm, later = Cold, blank = Unknown.
 * @customfunction TEMPERATURE
 * @param expected_dates Expected order date per prospect; blank = Unknown.
 * @param [as_of] The day to measure from, e.g. TODAY() or the pipeline export date. Required when any date is given: no data date means "now" for expectations.
 * @param [hot_days] Days ahead that still count as Hot, inclusive (default 30).
 * @param [warm_days] Days ahead that still count as Warm, inclusive (default 90).
 * @returns A column: Hot, Warm, Cold or Unknown; #N/A for an expected date before as_of (overdue: update it).
 */
export function TEMPERATURE(expected_dates: unknown[][], as_of?: number, hot_days?: number, warm_days?: number): unknown[][] {
  return excelCall(() => {
    const expected = readDayColumn(expected_dates, "expected_dates");
    const asOf = optionalDay(as_of, "as_of");
    const hot = optionalNumber(hot_days, "hot_days");
    const warm = optionalNumber(warm_days, "warm_days");
    const result = prospectTemperature(expected, {
      ...(asOf !== undefined ? { asOf } : {}),
      ...(hot !== undefined ? { hotDays: hot } : {}),
      ...(warm !== undefined ? { warmDays: warm } : {}),
    });
    return labelColumn(result.index, TEMPERATURES, (row) => result.notes[row - 1] as string);
  });
}

/**
 * MAN qualification: "Qualified" with Money, Authority and Need; otherwise the letters present, e.g. "M-N" (lacks authority), or "None".
 * @customfunction MAN
 * @param money Can pay, per prospect: TRUE/FALSE, 1/0, Y/N or yes/no; blank = no.
 * @param authority Can decide, per prospect (same values), same rows as money.
 * @param need Has the need, per prospect (same values), same rows as money.
 * @returns A column: Qualified, or the letters present in the order M, A, N joined by "-", or None.
 */
export function MAN(money: unknown[][], authority: unknown[][], need: unknown[][]): unknown[][] {
  return excelCall(() => {
    const m = readFlagColumn(money, "money");
    const a = readFlagColumn(authority, "authority");
    const n = readFlagColumn(need, "need");
    requireSameRows({ name: "money", rows: m.length }, { name: "authority", rows: a.length });
    requireSameRows({ name: "money", rows: m.length }, { name: "need", rows: n.length });
    return manQualification(m, a, n).map((label) => [label]);
  });
}
