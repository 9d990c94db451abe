import fc from "fast-check";
import { checkTransitionMatrix, markovClv, readMarkovStates, readTransitionGrid, transitionMatrix } from "../../src/engine/lifetime/markov";
import { thrownCvError } from "../helpers/errors";


/** The inverse of a 3×3 matrix by cofactors: adj(A) / det(A), written out here, independent of the engine's solver. */
function inverse3(a: number[][]): number[][] {
  const m = (i: number, j: number): number => (a[i] as number[])[j] as number;
  // cofactor C[i][j] = (−1)^(i+j) × the 2×2 minor without row i and column j
  const c = [
    [m(1, 1) * m(2, 2) - m(1, 2) * m(2, 1), -(m(1, 0) * m(2, 2) - m(1, 2) * m(2, 0)), m(1, 0) * m(2, 1) - m(1, 1) * m(2, 0)],
    [-(m(0, 1) * m(2, 2) - m(0, 2) * m(2, 1)), m(0, 0) * m(2, 2) - m(0, 2) * m(2, 0), -(m(0, 0) * m(2, 1) - m(0, 1) * m(2, 0))],
    [m(0, 1) * m(1, 2) - m(0, 2) * m(1, 1), -(m(0, 0) * m(1, 2) - m(0, 2) * m(1, 0)), m(0, 0) * m(1, 1) - m(0, 1) * m(1, 0)],
  ];
  const det = m(0, 0) * (c[0]?.[0] as number) + m(0, 1) * (c[0]?.[1] as number) + m(0, 2) * (c[0]?.[2] as number);
  // inverse = transpose of the cofactors / det
  return [0, 1, 2].map((i) => [0, 1, 2].map((j) => ((c[j] as number[])[i] as number) / det));
}

// Three states: Active, Lapsing, Lost (absorbing, no reward). d = 0.1.
const P = [
  [0.7, 0.2, 0.1],
  [0.3, 0.5, 0.2],
  [0, 0, 1],
];
const R = [100, 50, 0];

describe("markovClv", () => {
  test("infinite horizon = (I − P/1.1)^(−1) R, the inverse computed by cofactors in this test", () => {
    const A = P.map((row, i) => row.map((p, j) => (i === j ? 1 : 0) - p / 1.1));
    const inv = inverse3(A);
    const expected = inv.map((row) => row.reduce((s, v, j) => s + v * (R[j] as number), 0));
    const V = markovClv(P, R, 0.1);
    expect(V).toHaveLength(3);
    V.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 9));
    expect(V[2]).toBeCloseTo(0, 12);
  });

  test("a two-state chain solved by hand", () => {
    // A stays with 0.5, else goes to B; B stays forever. Rewards 100, 20, d = 0.1.
    // V_B = 20 / (1 − 1/1.1) = 220; V_A = 100 + (0.5 V_A + 0.5 × 220) / 1.1 → V_A × 0.6/1.1 = 200 → V_A = 366.67
    const V = markovClv([[0.5, 0.5], [0, 1]], [100, 20], 0.1);
    expect(V[0]).toBeCloseTo(200 * (1.1 / 0.6), 9);
    expect(V[1]).toBeCloseTo(220, 9);
  });

  test("finite horizon of 2 periods, term by term: R + P R / 1.1 + P² R / 1.21", () => {
    // P R  = [0.7·100 + 0.2·50, 0.3·100 + 0.5·50, 0] = [80, 55, 0]
    // P² R = P [80, 55, 0] = [0.7·80 + 0.2·55, 0.3·80 + 0.5·55, 0] = [67, 51.5, 0]
    const V = markovClv(P, R, 0.1, 2);
    expect(V[0]).toBeCloseTo(100 + 80 / 1.1 + 67 / 1.21, 10);
    expect(V[1]).toBeCloseTo(50 + 55 / 1.1 + 51.5 / 1.21, 10);
    expect(V[2]).toBe(0);
    // one period: R + P R / 1.1
    const one = markovClv(P, R, 0.1, 1);
    expect(one[0]).toBeCloseTo(100 + 80 / 1.1, 10);
    expect(one[1]).toBeCloseTo(50 + 55 / 1.1, 10);
  });

  test("discount 0 works over a finite horizon and is an error over an infinite one", () => {
    // A: 100 now, then half the customers for 50, then a quarter for 25
    expect(Array.from(markovClv([[0.5, 0.5], [0, 1]], [100, 0], 0, 2))).toEqual([175, 0]);
    const error = thrownCvError(() => markovClv(P, R, 0));
    expect(error.code).toBe("NOT_CONVERGED");
    expect(error.message).toMatch(/^discount 0 with no periods: the infinite-horizon value does not converge/);
  });

  test("a single absorbing state: V = R (1 + d) / d", () => {
    expect(markovClv([[1]], [10], 0.25)[0]).toBeCloseTo(50, 10);
  });

  test("a long finite horizon approaches the infinite one", () => {
    const infinite = markovClv(P, R, 0.1);
    const finite = markovClv(P, R, 0.1, 400);
    finite.forEach((v, i) => expect(v).toBeCloseTo(infinite[i] as number, 8));
  });

  test("bad matrices: a row not summing to 1 (names the row and its sum), not square, a negative or blank probability", () => {
    const sum = thrownCvError(() => markovClv([[0.7, 0.2, 0.1], [0.3, 0.5, 0.1], [0, 0, 1]], R, 0.1));
    expect(sum.code).toBe("BAD_VALUE");
    expect(sum.message).toBe("transition_matrix row 2 sums to 0.9, not 1: each row's probabilities must add up to 1");

    const square = thrownCvError(() => markovClv([[0.5, 0.5], [1, 0], [0, 1]], R, 0.1));
    expect(square.code).toBe("LENGTH_MISMATCH");
    expect(square.message).toBe("transition_matrix must be square (one row and one column per state): it has 3 rows but row 1 has 2 columns");

    const negative = thrownCvError(() => markovClv([[-0.1, 1.1], [0, 1]], [1, 1], 0.1));
    expect(negative.message).toBe("transition_matrix row 1, column 1: a probability must be between 0 and 1, found -0.1");

    const blank = thrownCvError(() => markovClv([[0.5, Number.NaN], [0, 1]], [1, 1], 0.1));
    expect(blank.message).toBe("transition_matrix row 1, column 2 is blank: give every probability (0 for none)");

    expect(thrownCvError(() => markovClv([], [], 0.1)).code).toBe("EMPTY_INPUT");
  });

  test("rows within 1e-6 of 1 are accepted; further off is not", () => {
    expect(() => checkTransitionMatrix([[0.3333333, 0.6666667], [0, 1]])).not.toThrow();
    expect(thrownCvError(() => checkTransitionMatrix([[0.333, 0.666], [0, 1]])).message).toMatch(/^transition_matrix row 1 sums to 0\.999, not 1/);
  });

  test("bad rewards, discount and periods", () => {
    const length = thrownCvError(() => markovClv(P, [100, 50], 0.1));
    expect(length.code).toBe("LENGTH_MISMATCH");
    expect(length.message).toMatch(/^rewards has 2 values but transition_matrix has 3 states/);
    expect(thrownCvError(() => markovClv(P, [100, Number.NaN, 0], 0.1)).message).toMatch(/^rewards row 2 is blank/);
    expect(thrownCvError(() => markovClv(P, R, -0.1)).message).toMatch(/^discount: a rate per period from 0 to 1.*found -0\.1$/);
    expect(thrownCvError(() => markovClv(P, R, Number.NaN)).message).toMatch(/^discount is required/);
    expect(thrownCvError(() => markovClv(P, R, 0.1, 0)).message).toMatch(/^periods: must be a whole number.*found 0$/);
    expect(thrownCvError(() => markovClv(P, R, 0.1, 2.5)).message).toMatch(/^periods: must be a whole number.*found 2\.5$/);
  });
});

describe("transitionMatrix", () => {
  // row  from  to
  //  1    A    A
  //  2    A    B
  //  3    B    A
  //  4    B    C
  //  5    B    B
  //  6    ·    C   skipped (blank from)
  //  7    A    ·   skipped (blank to)
  // A: 2 moves, A→A 1, A→B 1; B: 3 moves, one each to A, C, B; C: seen only in to → absorbing.
  const from = ["A", "A", "B", "B", "B", "", "A"];
  const to = ["A", "B", "A", "C", "B", "C", ""];

  test("counts / row totals, states by first appearance in from then to, blank rows skipped", () => {
    const t = transitionMatrix(from, to);
    expect(t.states).toEqual(["A", "B", "C"]);
    expect(t.counts).toEqual([
      [1, 1, 0],
      [1, 1, 1],
      [0, 0, 0],
    ]);
    expect(t.totals).toEqual([2, 3, 0]);
    expect(t.probabilities).toEqual([
      [0.5, 0.5, 0],
      [1 / 3, 1 / 3, 1 / 3],
      [0, 0, 1],
    ]);
  });

  test("a state seen first only in to comes after every from state", () => {
    expect(transitionMatrix(["X", "Y"], ["Z", "X"]).states).toEqual(["X", "Y", "Z"]);
  });

  test("order: its order; a listed state that never occurs is absorbing; case and spaces ignored", () => {
    const t = transitionMatrix(from, to, ["C", "b", " A ", "D", ""]);
    expect(t.states).toEqual(["C", "b", "A", "D"]);
    expect(t.probabilities).toEqual([
      [1, 0, 0, 0],
      [1 / 3, 1 / 3, 1 / 3, 0],
      [0, 0.5, 0.5, 0],
      [0, 0, 0, 1],
    ]);
  });

  test("order missing a state that occurs names it; a state listed twice is an error", () => {
    const missing = thrownCvError(() => transitionMatrix(from, to, ["A", "B"]));
    expect(missing.code).toBe("BAD_VALUE");
    expect(missing.message).toBe('to_states row 4: state "C" is not in order: add it to order, or leave order out');
    expect(thrownCvError(() => transitionMatrix(from, to, ["A", "B", "a"])).message).toBe('order entry 3 ("a") is listed twice');
  });

  test("different heights, or no row with both states, are errors", () => {
    expect(thrownCvError(() => transitionMatrix(["A"], ["A", "B"])).code).toBe("LENGTH_MISMATCH");
    expect(thrownCvError(() => transitionMatrix(["A", ""], ["", "B"])).code).toBe("NOT_COMPUTABLE");
  });

  test("states are matched ignoring case; the first spelling is shown", () => {
    expect(transitionMatrix(["Active", "ACTIVE"], ["active", "Lost"]).states).toEqual(["Active", "Lost"]);
  });
});

describe("readMarkovStates and readTransitionGrid", () => {
  test("state names: text trimmed, numbers as text, blanks and #N/A as no state, other errors rejected", () => {
    expect(readMarkovStates([[" Active "], [455], [""], [null], [{ code: "#N/A" }]], "from_states")).toEqual(["Active", "455", "", "", ""]);
    expect(thrownCvError(() => readMarkovStates([["A"], [{ code: "#REF!" }]], "from_states")).message).toBe("from_states row 2, column 1: expected a state name, found the error #REF!");
  });

  test("the MARKOVMATRIX table: header row and label column recognised, percentages read", () => {
    const g = readTransitionGrid(
      [
        ["From \\ To", "A", "B"],
        ["A", "25%", 0.75],
        ["b", 0, 1],
      ],
      "transition_matrix",
    );
    expect(g.states).toEqual(["A", "b"]);
    expect(g.matrix).toEqual([
      [0.25, 0.75],
      [0, 1],
    ]);
  });

  test("a plain block of numbers has no labels", () => {
    expect(readTransitionGrid([[0.5, 0.5], [0, 1]], "transition_matrix")).toEqual({ states: undefined, matrix: [[0.5, 0.5], [0, 1]] });
  });

  test("positions in messages count within the range as selected; a labelled row names its state", () => {
    const sum = thrownCvError(() => readTransitionGrid([["", "A", "B"], ["A", 0.5, 0.4], ["B", 0, 1]], "transition_matrix"));
    expect(sum.message).toBe('transition_matrix row 2 (state "A") sums to 0.9, not 1: each row\'s probabilities must add up to 1');
    const text = thrownCvError(() => readTransitionGrid([[0.5, "half"], [0, 1]], "transition_matrix"));
    expect(text.code).toBe("BAD_VALUE");
    expect(text.message).toBe('transition_matrix row 1, column 2: expected a probability (a number between 0 and 1), found "half"');
    const blank = thrownCvError(() => readTransitionGrid([["From \\ To", "A", "B"], ["A", 1, ""], ["B", 0, 1]], "transition_matrix"));
    expect(blank.message).toBe("transition_matrix row 2, column 3 is blank: give every probability (0 for none)");
    const error = thrownCvError(() => readTransitionGrid([[1, 0], [0, { code: "#N/A" }]], "transition_matrix"));
    expect(error.message).toBe("transition_matrix row 2, column 2: expected a probability (a number between 0 and 1), found the error #N/A");
  });

  test("labels that differ, a table that is not square, an empty range", () => {
    expect(thrownCvError(() => readTransitionGrid([["", "A", "B"], ["A", 1, 0], ["C", 0, 1]], "transition_matrix")).message).toBe(
      'transition_matrix row 3 is labelled "C" but column 3 is "B": rows and columns must list the same states in the same order',
    );
    expect(thrownCvError(() => readTransitionGrid([["", "A", "B"], ["A", 1, 0]], "transition_matrix")).code).toBe("LENGTH_MISMATCH");
    expect(thrownCvError(() => readTransitionGrid([[0.5, 0.5], [0, 1], [1, 0]], "transition_matrix")).code).toBe("LENGTH_MISMATCH");
    expect(thrownCvError(() => readTransitionGrid([], "transition_matrix")).code).toBe("EMPTY_INPUT");
    expect(thrownCvError(() => readTransitionGrid([["From \\ To"]], "transition_matrix")).code).toBe("EMPTY_INPUT");
  });
});

describe("Markov CLV properties", () => {
  /** A random transition matrix with k states: nonnegative weights, each row divided by its sum. */
  const chain = fc.integer({ min: 1, max: 5 }).chain((k) =>
    fc.record({
      P: fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: k, maxLength: k }), { minLength: k, maxLength: k }).map((rows) =>
        rows.map((row, i) => {
          const w = row.map((x, j) => x + (i === j ? 1e-3 : 0));
          const total = w.reduce((s, x) => s + x, 0);
          return w.map((x) => x / total);
        }),
      ),
      R: fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: k, maxLength: k }),
    }),
  );
  const discount = fc.double({ min: 0.02, max: 1, noNaN: true });

  test("with rewards ≥ 0 the finite value grows with N towards the infinite one, within the discounted tail", () => {
    fc.assert(
      fc.property(chain, discount, fc.integer({ min: 1, max: 40 }), ({ P, R }, d, N) => {
        const finite = markovClv(P, R, d, N);
        const longer = markovClv(P, R, d, N + 1);
        const infinite = markovClv(P, R, d);
        // what is left after t = N is at most max R × Σ_{t>N} (1+d)^−t = max R × (1+d)^−N / d
        const tail = (Math.max(...R) * (1 + d) ** -N) / d;
        const slack = 1e-9 * (1 + Math.max(...infinite));
        finite.forEach((v, i) => {
          expect(v).toBeLessThanOrEqual((longer[i] as number) + slack);
          expect(longer[i] as number).toBeLessThanOrEqual((infinite[i] as number) + slack);
          expect((infinite[i] as number) - v).toBeLessThanOrEqual(tail + slack);
        });
      }),
    );
  });

  test("the infinite-horizon value satisfies V = R + P V / (1 + d)", () => {
    fc.assert(
      fc.property(chain, discount, ({ P, R }, d) => {
        const V = markovClv(P, R, d);
        P.forEach((row, i) => {
          const next = row.reduce((s, p, j) => s + p * (V[j] as number), 0);
          expect((R[i] as number) + next / (1 + d)).toBeCloseTo(V[i] as number, 6);
        });
      }),
    );
  });
});
