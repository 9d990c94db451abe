/**
 * Markov-chain customer lifetime value (methods §9.3, Pfeifer–Carraway): a transition matrix
 * estimated from two snapshots of each customer's state, and the expected discounted value
 * of the rewards collected from each starting state, over a finite or infinite horizon.
 */
import { CvError, describeValue } from "../core/errors";
import { LabelIndex, MAX_STATES } from "../core/labelIndex";
import type { CellGrid } from "../core/table";
import { readTransitionCells } from "../core/gridReaders";

// The state-list reader lives beside the cell parsers; re-exported so existing imports keep working.
export { readMarkovStates } from "../core/gridReaders";

/** How far a row's probabilities may be from adding up to 1 (rounding in typed or computed values). */
export const ROW_SUM_TOLERANCE = 1e-6;

/** A transition matrix estimated from two snapshots of state per customer. */
export interface MarkovTransitions {
  /** The states, in the order of the matrix rows and columns. */
  states: string[];
  /** counts[i][j] = customers seen in states[i] first and in states[j] next. */
  counts: number[][];
  /** Row totals of counts: the observed moves out of each state; 0 = none observed (an absorbing row). */
  totals: number[];
  /** probabilities[i][j] = counts[i][j] / totals[i]; a row with no observed moves has 1 on the diagonal. */
  probabilities: number[][];
}

/**
 * Estimates a transition matrix from two snapshots of state per customer (methods §9.3):
 * `P[i][j]` = (customers in state i first and in state j next) / (customers in state i first).
 * Rows where either snapshot is blank are skipped. States are matched ignoring case and
 * surrounding spaces (the first spelling is shown), ordered as `order` when given, else by
 * first appearance in `from`, then in `to`.
 *
 * **Absorbing rule**: a state with no observed moves out of it (seen only in `to`, or listed
 * in `order` but never seen) gets probability 1 of staying where it is, so every row is a
 * probability distribution and the chain stays defined.
 *
 * **Size limit**: at most {@link MAX_STATES} (1,000) distinct states. More means an id column
 * was passed by mistake (20,000 customer ids would make a 20,000 × 20,000 matrix and exhaust
 * the memory of Excel's shared runtime); it is refused after counting the states, before
 * anything states × states is allocated. Cost: O(rows + states²).
 *
 * @throws CvError LENGTH_MISMATCH for snapshots of different lengths; BAD_VALUE for a state
 *   listed twice in `order`, a state that occurs but is missing from `order` (naming it), or
 *   more than 1,000 distinct states; NOT_COMPUTABLE when no row has both states.
 * @example
 * transitionMatrix(["A", "A", "B"], ["A", "B", "C"])
 * // → states A, B, C; probabilities [[0.5, 0.5, 0], [0, 0, 1], [0, 0, 1]] (C absorbing)
 */
export function transitionMatrix(from: readonly string[], to: readonly string[], order?: readonly string[]): MarkovTransitions {
  if (to.length !== from.length) {
    throw new CvError("LENGTH_MISMATCH", `to_states has ${to.length} rows but from_states has ${from.length}: select ranges of the same height`, { argument: "to_states" });
  }
  const index = order !== undefined ? LabelIndex.fromOrder(order) : new LabelIndex();
  const states = index.labels;
  if (order !== undefined) refuseManyStates(states.length, "order", "lists");
  const pairs: [number, number][] = [];
  const indexOf = (raw: string, argument: string, row: number): number => {
    const label = raw.trim();
    const known = index.get(label);
    if (known !== undefined) return known;
    if (order !== undefined) {
      throw new CvError("BAD_VALUE", `${argument} row ${row}: state ${describeValue(label)} is not in order: add it to order, or leave order out`, { argument, row, value: raw });
    }
    return index.add(label);
  };
  const fromRows: number[] = [];
  for (let i = 0; i < from.length; i++) {
    if ((from[i] as string).trim() === "" || (to[i] as string).trim() === "") continue;
    fromRows.push(i);
  }
  // Order of first appearance: every from state first, then the states seen only in to.
  const fromIndex = fromRows.map((i) => indexOf(from[i] as string, "from_states", i + 1));
  refuseManyStates(states.length, "from_states", "has");
  fromRows.forEach((i, k) => pairs.push([fromIndex[k] as number, indexOf(to[i] as string, "to_states", i + 1)]));
  refuseManyStates(states.length, "from_states and to_states", "have");
  if (pairs.length === 0) {
    throw new CvError("NOT_COMPUTABLE", "from_states and to_states have no row with both states: there are no moves to count", { argument: "from_states" });
  }
  const k = states.length;
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const [a, b] of pairs) (counts[a] as number[])[b] = ((counts[a] as number[])[b] as number) + 1;
  const totals = counts.map((row) => row.reduce((s, c) => s + c, 0));
  const probabilities = counts.map((row, i) => {
    const total = totals[i] as number;
    return total === 0 ? row.map((_, j) => (j === i ? 1 : 0)) : row.map((c) => c / total);
  });
  return { states, counts, totals, probabilities };
}

/** More than {@link MAX_STATES} states is refused, naming the argument and the count, before a states × states matrix exists. */
function refuseManyStates(count: number, argument: string, verb: string): void {
  if (count <= MAX_STATES) return;
  throw new CvError(
    "BAD_VALUE",
    `${argument} ${verb} ${count.toLocaleString("en")} distinct states; a transition matrix holds at most ${MAX_STATES.toLocaleString("en")} – pass stage or segment labels, not customer ids`,
    { argument: argument.split(" ")[0] as string, value: count },
  );
}

/** Where the matrix sits in the user's range, for messages. */
export interface MatrixLocation {
  /** The argument's name (default "transition_matrix"). */
  argument?: string;
  /** Rows above the first matrix row in the range (1 with a header row). */
  rowOffset?: number;
  /** Columns left of the first matrix column (1 with a label column). */
  columnOffset?: number;
  /** State names, to name a row in messages. */
  states?: readonly string[];
}

const formatSum = (sum: number): string => String(Number(sum.toPrecision(10)));

/**
 * Checks that a matrix is a transition matrix: square, every entry a probability in [0, 1],
 * every row adding up to 1 within {@link ROW_SUM_TOLERANCE}. Cost: O(states²).
 *
 * @throws CvError EMPTY_INPUT for no rows; LENGTH_MISMATCH for a matrix that is not square;
 *   BAD_VALUE for a blank, non-finite or out-of-range entry, or a row that does not add up to
 *   1 (naming the row and its sum).
 * @example checkTransitionMatrix([[0.5, 0.4], [0, 1]]) // throws: transition_matrix row 1 sums to 0.9, not 1: …
 */
export function checkTransitionMatrix(P: ReadonlyArray<ArrayLike<number>>, where: MatrixLocation = {}): void {
  const argument = where.argument ?? "transition_matrix";
  const dr = where.rowOffset ?? 0;
  const dc = where.columnOffset ?? 0;
  const k = P.length;
  if (k === 0) throw new CvError("EMPTY_INPUT", `${argument} is empty: give a square matrix with one row per state`, { argument });
  const rowName = (i: number): string => {
    const state = where.states?.[i];
    return `${argument} row ${i + 1 + dr}${state !== undefined ? ` (state "${state}")` : ""}`;
  };
  P.forEach((row, i) => {
    if (row.length !== k) {
      throw new CvError("LENGTH_MISMATCH", `${argument} must be square (one row and one column per state): it has ${k} rows but row ${i + 1 + dr} has ${row.length} columns`, {
        argument,
        row: i + 1 + dr,
      });
    }
  });
  P.forEach((row, i) => {
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const p = row[j] as number;
      const location = { argument, row: i + 1 + dr, column: j + 1 + dc, value: p };
      if (Number.isNaN(p)) throw new CvError("BAD_VALUE", `${argument} row ${i + 1 + dr}, column ${j + 1 + dc} is blank: give every probability (0 for none)`, location);
      if (!(p >= 0 && p <= 1)) {
        throw new CvError("BAD_VALUE", `${argument} row ${i + 1 + dr}, column ${j + 1 + dc}: a probability must be between 0 and 1, found ${p}`, location);
      }
      sum += p;
    }
    if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
      throw new CvError("BAD_VALUE", `${rowName(i)} sums to ${formatSum(sum)}, not 1: each row's probabilities must add up to 1`, { argument, row: i + 1 + dr, value: sum });
    }
  });
}

/** A transition matrix read from a worksheet range. */
export interface TransitionGrid {
  /** The state names from the header row and label column; undefined for a plain block of numbers. */
  states: string[] | undefined;
  /** The probabilities, row by row, checked by {@link checkTransitionMatrix}. */
  matrix: number[][];
}

/**
 * Reads a transition matrix from a range: either the table CV.MARKOVMATRIX spills (a header
 * row and a label column, recognised because the top-left cell is text that is not a number,
 * or blank) or a plain square block of numbers. In a table the row labels must match the
 * column labels (ignoring case), in the same order. Probabilities may be numbers or text like
 * "25%". Messages give positions within the range as selected. Cost: O(cells).
 *
 * @throws CvError as {@link checkTransitionMatrix}; BAD_VALUE for text where a probability is
 *   needed or row and column labels that differ.
 * @example readTransitionGrid([["From \\ To", "A", "B"], ["A", 0.5, 0.5], ["B", 0, 1]], "transition_matrix").states // → ["A", "B"]
 */
export function readTransitionGrid(grid: CellGrid, argument: string): TransitionGrid {
  const { states, matrix, offset } = readTransitionCells(grid, argument);
  checkTransitionMatrix(matrix, { argument, rowOffset: offset, columnOffset: offset, ...(states ? { states } : {}) });
  return { states, matrix };
}

/**
 * Solves A x = b by Gaussian elimination with partial pivoting (no inverse is formed).
 * Returns undefined when a pivot is below `tiny` (the system is singular or nearly so).
 */
function solve(A: number[][], b: number[], tiny: number): Float64Array | undefined {
  const n = b.length;
  const a = A.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((a[r] as number[])[c] as number) > Math.abs((a[pivot] as number[])[c] as number)) pivot = r;
    if (!(Math.abs((a[pivot] as number[])[c] as number) > tiny)) return undefined;
    if (pivot !== c) [a[c], a[pivot]] = [a[pivot] as number[], a[c] as number[]];
    const top = a[c] as number[];
    for (let r = c + 1; r < n; r++) {
      const row = a[r] as number[];
      const f = (row[c] as number) / (top[c] as number);
      if (f === 0) continue;
      for (let j = c; j <= n; j++) row[j] = (row[j] as number) - f * (top[j] as number);
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    const row = a[r] as number[];
    let s = row[n] as number;
    for (let j = r + 1; j < n; j++) s -= (row[j] as number) * (x[j] as number);
    x[r] = s / (row[r] as number);
  }
  return x;
}

// Module-level aliases: a global lookup of Math in a hot loop is slow inside vm contexts (Jest), and free elsewhere.
const { abs, max } = Math;

/**
 * Multiply-adds above which a finite horizon is refused as too much work (a few seconds of
 * arithmetic): only hundreds of states with no discount and astronomically many periods get there.
 *
 * @example markovClv(P300, rewards, 0, 1e308) // 300 states, no discount: BAD_VALUE, too much work
 */
export const MARKOV_WORK_LIMIT = 2e9;

/** The smallest positive discount per period Markov CLV takes: below it 1/(1 + d) keeps too few of d's digits. */
export const MIN_DISCOUNT = 1e-9;

/** The tail Σ_{t>n} of the discounted sum is below this share of the value (or of the largest reward): it is dropped. */
const TAIL_SHARE = 1e-16;

const maxAbs = (v: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = max(m, abs(v[i] as number));
  return m;
};

/** y = A x for a dense k × k matrix stored row by row. */
function times(A: Float64Array, x: Float64Array, k: number): Float64Array {
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = 0;
    const row = i * k;
    for (let j = 0; j < k; j++) s += (A[row + j] as number) * (x[j] as number);
    y[i] = s;
  }
  return y;
}

/** A², for a dense k × k matrix stored row by row. */
function square(A: Float64Array, k: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let m = 0; m < k; m++) {
      const a = A[i * k + m] as number;
      if (a === 0) continue;
      for (let j = 0; j < k; j++) out[i * k + j] = (out[i * k + j] as number) + a * (A[m * k + j] as number);
    }
  }
  return out;
}

/** The largest row sum of |A|, an upper bound on how much A can grow a vector. */
function rowNorm(A: Float64Array, k: number): number {
  let m = 0;
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += abs(A[i * k + j] as number);
    m = max(m, s);
  }
  return m;
}

/**
 * Σ_{t=0..N} Q^t R with Q = P/(1+d): period by period while that is cheap, else by doubling.
 *
 * Period by period, term_t = Q term_{t−1}; with d > 0 every term is at most 1/(1+d) of the one
 * before (P's rows add up to 1), so the rest of the sum is at most |term_t| / d and the loop
 * stops once that is below 1e−16 of the value. Doubling keeps B_j = Σ_{t<2^j} Q^t R and
 * Q^(2^j) (one squaring per level) and builds the sum from the binary digits of N + 1 by
 * Σ_{t<2^j+m} = B_j + Q^(2^j) Σ_{t<m}; it too stops once Q^(2^j) makes the rest negligible.
 */
function finiteHorizon(P: ReadonlyArray<ArrayLike<number>>, R: Float64Array, discount: number, periods: number): Float64Array {
  const k = R.length;
  const scale = 1 / (1 + discount);
  const rewardSize = maxAbs(R);
  // Periods after which (1+d)^−t / d is negligible: the loop and the doubling stop there.
  const settled = discount > 0 ? Math.ceil(Math.log(1 / (TAIL_SHARE * discount)) / Math.log1p(discount)) + 1 : Number.POSITIVE_INFINITY;
  const loopWork = Math.min(periods, settled) * k * k;
  const levels = Math.ceil(Math.log2(Math.min(periods + 1, settled + 1))) + 1;
  const doublingWork = levels * k * k * k;
  if (Math.min(loopWork, doublingWork) > MARKOV_WORK_LIMIT) {
    throw new CvError(
      "BAD_VALUE",
      `periods ${periods} with ${k.toLocaleString("en")} states${discount === 0 ? " and no discount" : ` and discount ${discount}`} is too much work to sum (more than ${MARKOV_WORK_LIMIT.toExponential(0).replace("e+", "e")} multiplications): give fewer periods, fewer states or a larger discount`,
      { argument: "periods", value: periods },
    );
  }
  // Small horizons are summed period by period even where doubling would be a little cheaper.
  if (loopWork <= Math.max(doublingWork, 1e6)) {
    // term_t = (P/(1+d))^t R, built by term_t = (P term_{t−1}) / (1+d).
    let term: Float64Array = Float64Array.from(R);
    const value = Float64Array.from(R);
    for (let t = 1; t <= periods; t++) {
      const next = new Float64Array(k);
      for (let i = 0; i < k; i++) {
        const row = P[i] as ArrayLike<number>;
        let s = 0;
        for (let j = 0; j < k; j++) s += (row[j] as number) * (term[j] as number);
        next[i] = s * scale;
        value[i] = (value[i] as number) + (next[i] as number);
      }
      term = next;
      if (discount > 0 && maxAbs(term) / discount <= TAIL_SHARE * Math.max(maxAbs(value), rewardSize)) break;
    }
    return value;
  }
  let power: Float64Array = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) power[i * k + j] = ((P[i] as ArrayLike<number>)[j] as number) * scale;
  // Every row of (P/(1+d))^n adds up to exactly (1+d)^−n; squaring lets rounding compound like
  // (1 + 1e−16)^n, so after each squaring the rows are scaled back to that sum.
  let rowSum = scale;
  let block: Float64Array = Float64Array.from(R); // Σ_{t<2^j} Q^t R
  let sum: Float64Array = new Float64Array(k); // Σ over the binary digits handled so far
  let remaining = periods + 1; // an integer-valued double: halving it is exact
  for (;;) {
    if (remaining % 2 === 1) {
      const pushed = times(power, sum, k);
      for (let i = 0; i < k; i++) pushed[i] = (block[i] as number) + (pushed[i] as number);
      sum = pushed;
    }
    remaining = Math.floor(remaining / 2);
    if (remaining === 0) return sum;
    const later = times(power, block, k);
    for (let i = 0; i < k; i++) later[i] = (block[i] as number) + (later[i] as number);
    block = later;
    power = square(power, k);
    rowSum *= rowSum;
    for (let i = 0; i < k; i++) {
      let total = 0;
      for (let j = 0; j < k; j++) total += power[i * k + j] as number;
      const fix = total > 0 ? rowSum / total : 1;
      for (let j = 0; j < k; j++) power[i * k + j] = (power[i * k + j] as number) * fix;
    }
    if (!Number.isFinite(maxAbs(block))) return block;
    // At least 2^j more terms are still to come and all of them together are negligible: the
    // sum is the first 2^j terms.
    if (discount > 0 && (rowNorm(power, k) * rewardSize * (1 + discount)) / discount <= TAIL_SHARE * Math.max(maxAbs(block), rewardSize)) return block;
  }
}

/**
 * Markov-chain CLV (methods §9.3, Pfeifer–Carraway): the expected discounted value of the
 * rewards collected from each starting state. `P` is the transition matrix (rows sum to 1),
 * `rewards[i]` the reward collected in each period spent in state i, `discount` the rate
 * per period.
 *
 * - **Finite horizon** (`periods` = N, a whole number ≥ 1): `V = Σ_{t=0..N} (P / (1+d))^t R`,
 *   the reward now (t = 0) plus N more periods, N + 1 rewards in all. Summed period by period
 *   (N matrix–vector products, stopping early once the discounted rest is below 1e−16 of the
 *   value) when that is cheap, else by doubling: Σ_{t<2m} = Σ_{t<m} + Q^m Σ_{t<m} with Q^m by
 *   repeated squaring, so 1e308 periods take about 1,000 squarings, not 1e308 steps. Cost:
 *   O(min(N, ln(1/d)/d) × states²) or O(log N × states³), whichever is less; more than 2e9
 *   multiplications is refused.
 * - **Infinite horizon** (`periods` omitted): `V` solves `(I − P / (1+d)) V = R`, by Gaussian
 *   elimination with partial pivoting. It needs `discount > 0`: with no discounting the
 *   rewards add up forever and the system is singular. Cost: O(states³).
 *
 * Each row of `P` is scaled to add up to exactly 1 (a typed matrix may be off by rounding,
 * up to {@link ROW_SUM_TOLERANCE}, and over many periods even that compounds). At most
 * {@link MAX_STATES} (1,000) states.
 *
 * @throws CvError as {@link checkTransitionMatrix}; LENGTH_MISMATCH when rewards do not give
 *   one value per state; BAD_VALUE for a blank or non-finite reward, a negative or non-finite
 *   discount, periods that are not a whole number ≥ 1, more than 1,000 states, or a finite
 *   horizon too long to sum; NOT_CONVERGED for an infinite horizon with discount 0 (or any
 *   singular system); OUT_OF_RANGE (Excel #NUM!) when a value is beyond ±1.8e308 (e.g.
 *   discount 0 over 1e308 periods).
 * @example markovClv([[0.5, 0.5], [0, 1]], [100, 0], 0.1) // → [183.33…, 0]: 100 / (1 − 0.5/1.1)
 * @example markovClv([[0.5, 0.5], [0, 1]], [100, 0], 0.1, 1) // → [100 + 50/1.1, 0]
 */
export function markovClv(P: ReadonlyArray<ArrayLike<number>>, rewards: ArrayLike<number>, discount: number, periods?: number): Float64Array {
  if (P.length > MAX_STATES) {
    throw new CvError(
      "BAD_VALUE",
      `transition_matrix has ${P.length.toLocaleString("en")} rows; a transition matrix holds at most ${MAX_STATES.toLocaleString("en")} states – pass stage or segment labels, not customer ids`,
      { argument: "transition_matrix", value: P.length },
    );
  }
  checkTransitionMatrix(P);
  const k = P.length;
  if (rewards.length !== k) {
    throw new CvError("LENGTH_MISMATCH", `rewards has ${rewards.length} values but transition_matrix has ${k} states: give one reward per state, in the order of the matrix rows`, {
      argument: "rewards",
    });
  }
  for (let i = 0; i < k; i++) {
    const r = rewards[i] as number;
    if (Number.isNaN(r)) throw new CvError("BAD_VALUE", `rewards row ${i + 1} is blank: give every state a reward (0 for none)`, { argument: "rewards", row: i + 1 });
    if (!Number.isFinite(r)) throw new CvError("BAD_VALUE", `rewards row ${i + 1}: expected a finite number, found ${r}`, { argument: "rewards", row: i + 1, value: r });
  }
  if (Number.isNaN(discount)) throw new CvError("BAD_VALUE", "discount is required: give the discount rate per period, e.g. 0.1 or 10%", { argument: "discount" });
  if (!(Number.isFinite(discount) && discount >= 0 && discount <= 1)) {
    // A rate (README: percentages): 10 would be 1,000% a period, so a number above 1 is refused rather than guessed.
    throw new CvError("BAD_VALUE", `discount: a rate per period from 0 to 1 (e.g. 0.1 or 10%), found ${describeValue(discount)}`, { argument: "discount", value: discount });
  }
  // 1 + d keeps only about 16 digits: below 1e−9 the discount factor 1/(1 + d) loses d's digits (at 1e−16 it is 1, no discount at all).
  if (discount > 0 && discount < MIN_DISCOUNT) {
    throw new CvError("BAD_VALUE", `discount: ${describeValue(discount)} is too small to tell from no discount in double precision (at least ${MIN_DISCOUNT.toExponential(0).replace("e-", "E-")} per period): give 0 for none`, { argument: "discount", value: discount });
  }
  const scale = 1 / (1 + discount);
  // Rows may be off 1 by rounding (up to ROW_SUM_TOLERANCE); over thousands of periods even 1e−7
  // compounds, so the chain used is the one the matrix stands for, each row scaled to add up to 1.
  const chain = P.map((row) => {
    let total = 0;
    for (let j = 0; j < k; j++) total += row[j] as number;
    return Array.from({ length: k }, (_, j) => (row[j] as number) / total);
  });
  const unrepresentable = (V: Float64Array, horizon: string): CvError | undefined => {
    const i = V.findIndex((v) => !Number.isFinite(v));
    if (i < 0) return undefined;
    return new CvError(
      "OUT_OF_RANGE",
      `the value of state ${i + 1} ${horizon} is beyond the largest number Excel holds (±1.8E+308)${discount === 0 ? ": with no discount the rewards add up period after period" : ""}; give ${periods !== undefined && !Number.isNaN(periods) ? "fewer periods, " : ""}a larger discount or rescale the rewards (e.g. thousands instead of units)`,
      { argument: "rewards", row: i + 1 },
    );
  };
  if (periods !== undefined && !Number.isNaN(periods)) {
    if (!(Number.isInteger(periods) && periods >= 1)) {
      throw new CvError("BAD_VALUE", `periods: must be a whole number of periods, 1 or more (leave it blank for an infinite horizon), found ${periods}`, {
        argument: "periods",
        value: periods,
      });
    }
    const V = finiteHorizon(chain, Float64Array.from(rewards), discount, periods);
    const problem = unrepresentable(V, `over ${periods} periods`);
    if (problem) throw problem;
    return V;
  }
  const divergent = (): CvError =>
    new CvError(
      "NOT_CONVERGED",
      `discount ${discount} with no periods: the infinite-horizon value does not converge (with no discounting the rewards add up forever, and I − P/(1 + discount) is singular); give a discount above 0 or a number of periods`,
      { argument: "discount", value: discount },
    );
  if (discount === 0) throw divergent();
  const A = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0) - ((chain[i] as number[])[j] as number) * scale));
  const V = solve(A, Array.from(rewards), 1e-12);
  if (V === undefined) throw divergent();
  const problem = unrepresentable(V, "over an infinite horizon");
  if (problem) throw problem;
  return V;
}
