/**
 * The lifetime-value CV.* custom functions (methods §9.1–9.3): simple CLV, retention CLV,
 * and Markov-chain CLV with its transition matrix. Parsing and shaping only; the maths is
 * in src/engine/lifetime/clv.ts and src/engine/lifetime/markov.ts.
 */
import { type ClvColumn, type ClvNumberArg, parseClvTiming, retentionClvColumn, simpleClvColumn } from "../engine/lifetime/clv";
import { CvError } from "../engine/core/errors";
import { markovClv, readMarkovStates, readTransitionGrid, transitionMatrix } from "../engine/lifetime/markov";
import { type CellGrid, readNumberColumn, readNumberList } from "../engine/core/table";
import { type ExcelCell, excelCall, optionalGrid, optionalNumber, optionalText, requireSameRows, toExcelError } from "./excelArgs";

/**
 * A per-row numeric argument: a column (or a row) of values, or a single value that applies
 * to every row. Text that is not a number stops the call with #VALUE! naming the cell.
 */
function perRowArgument(arg: unknown, argument: string): ClvNumberArg {
  if (arg === null || arg === undefined) {
    throw new CvError("EMPTY_INPUT", `${argument} is required: select a column or type a value`, { argument });
  }
  const grid: CellGrid = Array.isArray(arg) ? (arg as CellGrid) : [[arg]];
  const column = readNumberColumn(grid, argument);
  return column.length === 1 ? (column[0] as number) : column;
}

/** An optional per-row argument: omitted, or a single blank cell, gives undefined (the default). */
function optionalPerRowArgument(arg: unknown[][] | undefined, argument: string): ClvNumberArg | undefined {
  const grid = optionalGrid(arg as CellGrid | undefined);
  return grid === undefined ? undefined : perRowArgument(grid, argument);
}

/**
 * A per-row result as a spilled column: the value, or the row's error (#N/A blank, #VALUE!
 * bad value, #NUM! no limit or beyond ±1.8e308). A value that is not finite without an issue
 * (the engine gives its own reasons first) is that row's #NUM!, never NaN or Infinity.
 */
function clvCells(result: ClvColumn): ExcelCell[][] {
  return Array.from(result.values, (v, i): ExcelCell[] => {
    const issue = result.issues[i];
    if (issue !== undefined) return [toExcelError(issue)];
    return [Number.isFinite(v) ? v : toExcelError(new CvError("OUT_OF_RANGE", `row ${i + 1}: no finite value can be computed from these inputs (the result would be ${v})`))];
  });
}

/**
 * Simple customer lifetime value per row: average spend per purchase ÷ average time between purchases × expected lifetime, (s / t) × T.
 * @customfunction CLVSIMPLE
 * @param avg_spend Average spend (or margin) per purchase: a column, one row per customer, or one number for every row.
 * @param avg_interval Average time between purchases (> 0), in the same unit as lifetime (e.g. 0.5 years): a column of the same height, or one number.
 * @param lifetime Expected length of the relationship (≥ 0), same unit as avg_interval: a column of the same height, or one number.
 * @returns A column, one value per row; #N/A where an input is blank, #VALUE! where the interval is 0 or less or the lifetime negative.
 */
export function CLVSIMPLE(avg_spend: unknown[][], avg_interval: unknown[][], lifetime: unknown[][]): unknown[][] {
  return excelCall(() =>
    clvCells(
      simpleClvColumn({
        avgSpend: perRowArgument(avg_spend, "avg_spend"),
        avgInterval: perRowArgument(avg_interval, "avg_interval"),
        lifetime: perRowArgument(lifetime, "lifetime"),
      }),
    ),
  );
}

/**
 * Retention CLV per row: margin per period kept with the retention rate and discounted, Σ m·r^(t−1)/(1+d)^t; blank periods = infinite horizon m/(1+d−r); minus the acquisition cost.
 * @customfunction CLV
 * @param margin Margin per period: a column, one row per customer, or one number for every row.
 * @param retention Retention rate per period, 0–1 (0.8 or 80%): a column of the same height, or one number.
 * @param discount Discount rate per period, 0 or more (0.1 or 10%): a column of the same height, or one number.
 * @param [periods] Horizon in whole periods (1 or more): a column or one number; omitted or a blank cell = infinite horizon, which needs 1 + discount − retention > 0.
 * @param [acquisition_cost] Cost subtracted from the value (0 or more): a column or one number; default 0.
 * @param [timing] "end" (default: margin at the end of each period, the first one discounted) or "start" (margin at the start, the first one undiscounted).
 * @returns A column, one value per row; #N/A where margin, retention or discount is blank, #VALUE! for a value out of range, #NUM! for an infinite horizon that does not converge.
 */
export function CLV(
  margin: unknown[][],
  retention: unknown[][],
  discount: unknown[][],
  periods?: unknown[][],
  acquisition_cost?: unknown[][],
  timing?: string,
): unknown[][] {
  return excelCall(() => {
    const when = parseClvTiming(optionalText(timing, "timing"));
    const horizon = optionalPerRowArgument(periods, "periods");
    const cost = optionalPerRowArgument(acquisition_cost, "acquisition_cost");
    return clvCells(
      retentionClvColumn({
        margin: perRowArgument(margin, "margin"),
        retention: perRowArgument(retention, "retention"),
        discount: perRowArgument(discount, "discount"),
        ...(horizon !== undefined ? { periods: horizon } : {}),
        ...(cost !== undefined ? { acquisitionCost: cost } : {}),
        timing: when,
      }),
    );
  });
}

/**
 * Markov transition matrix from two snapshots of state per customer: the share of customers in each state who moved to each state.
 * @customfunction MARKOVMATRIX
 * @param from_states State per customer in the first snapshot (e.g. last year's recency class or RFM cell). Rows where either snapshot is blank (or #N/A) are skipped. At most 1,000 distinct states (more means an id column was passed): #VALUE!.
 * @param to_states State per customer in the second snapshot, same rows as from_states. A state with no observed moves out of it (seen only here) is absorbing: it stays where it is with probability 1.
 * @param [order] State names in the order of the rows and columns; every state that occurs must be listed. A listed state that never occurs is absorbing. Default: order of first appearance in from_states, then to_states.
 * @returns A table with a header row ("From \ To", then the states) and a first column of state names; each row's probabilities add up to 1.
 */
export function MARKOVMATRIX(from_states: unknown[][], to_states: unknown[][], order?: unknown[][]): unknown[][] {
  return excelCall(() => {
    const from = readMarkovStates(from_states, "from_states");
    const to = readMarkovStates(to_states, "to_states");
    requireSameRows({ name: "from_states", rows: from.length }, { name: "to_states", rows: to.length });
    const orderGrid = optionalGrid(order as CellGrid | undefined);
    const t = transitionMatrix(from, to, orderGrid === undefined ? undefined : readMarkovStates(orderGrid, "order"));
    const header: ExcelCell[] = ["From \\ To", ...t.states];
    return [header, ...t.states.map((state, i): ExcelCell[] => [state, ...(t.probabilities[i] as number[])])];
  });
}

/**
 * Markov-chain CLV per starting state: expected discounted rewards Σ_{t=0..N} (P/(1+d))^t R, or over an infinite horizon (I − P/(1+d))^(−1) R.
 * @customfunction MARKOVCLV
 * @param transition_matrix The CV.MARKOVMATRIX table (header row and state names included) or a square block of probabilities; each row must add up to 1.
 * @param rewards Reward (margin) per period spent in each state, one per matrix row, in the same order: a column or a row.
 * @param discount Discount rate per period, 0 or more (0.1 or 10%); the infinite horizon needs more than 0.
 * @param [periods] Number of future periods N, a whole number 1 or more (up to 1e308, summed in closed form): the reward now plus N more (N + 1 in all). Omitted = infinite horizon. A value beyond ±1.8E+308 (e.g. no discount over 1e308 periods) is #NUM!.
 * @returns A column with the value of a customer starting in each state, aligned with the matrix rows (no header).
 */
export function MARKOVCLV(transition_matrix: unknown[][], rewards: unknown[][], discount: number, periods?: number): unknown[][] {
  return excelCall(() => {
    const { matrix } = readTransitionGrid(transition_matrix, "transition_matrix");
    const rewardGrid = optionalGrid(rewards as CellGrid | undefined);
    if (rewardGrid === undefined) throw new CvError("EMPTY_INPUT", "rewards is required: give one reward per state", { argument: "rewards" });
    const reward = readNumberList(rewardGrid, "rewards");
    const rate = optionalNumber(discount, "discount") ?? Number.NaN;
    const horizon = optionalNumber(periods, "periods");
    return Array.from(markovClv(matrix, reward, rate, horizon), (v, i): ExcelCell[] => [
      Number.isFinite(v) ? v : toExcelError(new CvError("OUT_OF_RANGE", `state ${i + 1}: no finite value can be computed from these inputs (the result would be ${v})`)),
    ]);
  });
}
