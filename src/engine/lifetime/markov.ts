/**
 * Markov-chain customer lifetime value (methods §9.3, Pfeifer–Carraway): a transition matrix
 * estimated from two snapshots of each customer's state, and the expected discounted value
 * of the rewards collected from each starting state, over a finite or infinite horizon.
 */
import { CvError } from "../core/errors";
import { LabelIndex } from "../core/labelIndex";
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
 * probability distribution and the chain stays defined. Cost: O(rows + states²).
 *
 * @throws CvError LENGTH_MISMATCH for snapshots of different lengths; BAD_VALUE for a state
 *   listed twice in `order`, or a state that occurs but is missing from `order` (naming it);
 *   NOT_COMPUTABLE when no row has both states.
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
  const pairs: [number, number][] = [];
  const indexOf = (raw: string, argument: string, row: number): number => {
    const label = raw.trim();
    const known = index.get(label);
    if (known !== undefined) return known;
    if (order !== undefined) {
      throw new CvError("BAD_VALUE", `${argument} row ${row}: state "${label}" is not in order: add it to order, or leave order out`, { argument, row, value: raw });
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
  fromRows.forEach((i, k) => pairs.push([fromIndex[k] as number, indexOf(to[i] as string, "to_states", i + 1)]));
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

/**
 * Markov-chain CLV (methods §9.3, Pfeifer–Carraway): the expected discounted value of the
 * rewards collected from each starting state. `P` is the transition matrix (rows sum to 1),
 * `rewards[i]` the reward collected in each period spent in state i, `discount` the rate
 * per period.
 *
 * - **Finite horizon** (`periods` = N, a whole number ≥ 1): `V = Σ_{t=0..N} (P / (1+d))^t R`,
 *   the reward now (t = 0) plus N more periods, N + 1 rewards in all; computed by N
 *   matrix–vector products. Cost: O(N × states²).
 * - **Infinite horizon** (`periods` omitted): `V` solves `(I − P / (1+d)) V = R`, by Gaussian
 *   elimination with partial pivoting. It needs `discount > 0`: with no discounting the
 *   rewards add up forever and the system is singular. Cost: O(states³).
 *
 * @throws CvError as {@link checkTransitionMatrix}; LENGTH_MISMATCH when rewards do not give
 *   one value per state; BAD_VALUE for a blank reward, a negative discount, or periods that are
 *   not a whole number ≥ 1; NOT_CONVERGED for an infinite horizon with discount 0 (or any
 *   singular system).
 * @example markovClv([[0.5, 0.5], [0, 1]], [100, 0], 0.1) // → [183.33…, 0]: 100 / (1 − 0.5/1.1)
 * @example markovClv([[0.5, 0.5], [0, 1]], [100, 0], 0.1, 1) // → [100 + 50/1.1, 0]
 */
export function markovClv(P: ReadonlyArray<ArrayLike<number>>, rewards: ArrayLike<number>, discount: number, periods?: number): Float64Array {
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
  if (!(Number.isFinite(discount) && discount >= 0)) {
    throw new CvError("BAD_VALUE", `discount: must be 0 or more (e.g. 0.1 or 10% per period), found ${discount}`, { argument: "discount", value: discount });
  }
  const scale = 1 / (1 + discount);
  if (periods !== undefined && !Number.isNaN(periods)) {
    if (!(Number.isInteger(periods) && periods >= 1)) {
      throw new CvError("BAD_VALUE", `periods: must be a whole number of periods, 1 or more (leave it blank for an infinite horizon), found ${periods}`, {
        argument: "periods",
        value: periods,
      });
    }
    // term_t = (P/(1+d))^t R, built by term_t = (P term_{t−1}) / (1+d).
    let term = Float64Array.from(rewards);
    const value = Float64Array.from(rewards);
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
    }
    return value;
  }
  const divergent = (): CvError =>
    new CvError(
      "NOT_CONVERGED",
      `discount ${discount} with no periods: the infinite-horizon value does not converge (with no discounting the rewards add up forever, and I − P/(1 + discount) is singular); give a discount above 0 or a number of periods`,
      { argument: "discount", value: discount },
    );
  if (discount === 0) throw divergent();
  const A = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0) - ((P[i] as ArrayLike<number>)[j] as number) * scale));
  const V = solve(A, Array.from(rewards), 1e-12);
  if (V === undefined) throw divergent();
  return V;
}
