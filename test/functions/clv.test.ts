import { CLV, CLVSIMPLE, MARKOVCLV, MARKOVMATRIX } from "../../src/functions/clvFormulas";
import { OMITTED, col, errorCode, errorMessage, row, thrownExcelError } from "../helpers/cells";

/** The single value of each row of a spilled column. */
const cells = (result: unknown[][]): unknown[] => result.map((r) => r[0]);

describe("CV.CLVSIMPLE", () => {
  test("(s / t) × T per row, a single lifetime for every row", () => {
    // 50 / 0.5 × 3 = 300; 120 / 30 × 3 = 12; 10 / 2 × 3 = 15
    expect(CLVSIMPLE(col(50, 120, 10), col(0.5, 30, 2), [[3]])).toEqual([[300], [12], [15]]);
    // numbers as text, all single values → one row
    expect(CLVSIMPLE([["80"]], [["2"]], [[5]])).toEqual([[200]]);
    // a row of values reads along its length
    expect(CLVSIMPLE(row(50, 100), [[0.5]], [[1]])).toEqual([[100], [200]]);
  });

  test("a blank row is a per-cell #N/A naming the row; an interval ≤ 0 a per-cell #VALUE! with the value", () => {
    const result = cells(CLVSIMPLE(col(50, "", 20, 20), col(0.5, 1, 0, -1), [[3]]));
    expect(result[0]).toBe(300);
    expect(errorCode(result[1])).toBe("#N/A");
    expect(errorMessage(result[1])).toBe("avg_spend row 2 is blank");
    expect(errorCode(result[2])).toBe("#VALUE!");
    expect(errorMessage(result[2])).toMatch(/^avg_interval row 3: must be greater than 0.*found 0$/);
    expect(errorMessage(result[3])).toMatch(/^avg_interval row 4: .*found -1$/);
  });

  test("text in a number cell, different heights, a bad single value, a missing argument: #VALUE! for the call", () => {
    expect(thrownExcelError(() => CLVSIMPLE(col(50, "abc"), col(1, 1), [[1]]))).toEqual({
      code: "#VALUE!",
      message: 'avg_spend row 2, column 1: expected a number, found "abc"',
    });
    const mismatch = thrownExcelError(() => CLVSIMPLE(col(50, 60), col(1, 1, 1), [[1]]));
    expect(mismatch.code).toBe("#VALUE!");
    expect(mismatch.message).toMatch(/^avg_interval has 3 rows but avg_spend has 2/);
    expect(thrownExcelError(() => CLVSIMPLE(col(50, 60), [[0]], [[1]])).message).toMatch(/^avg_interval: must be greater than 0/);
    expect(thrownExcelError(() => CLVSIMPLE(col(50), [[1]], OMITTED as unknown as unknown[][])).message).toMatch(/^lifetime is required/);
  });
});

describe("CV.CLV", () => {
  test("infinite horizon (periods omitted): margin / (1 + d − r); start timing × (1 + d)", () => {
    const end = cells(CLV(col(100, 30), [["80%"]], [[0.1]]));
    expect(end[0]).toBeCloseTo(100 / 0.3, 10);
    expect(end[1]).toBeCloseTo(30 / 0.3, 10);
    const start = cells(CLV(col(100), [[0.8]], [["10%"]], OMITTED, OMITTED, "Start"));
    expect(start[0]).toBeCloseTo((1.1 * 100) / 0.3, 10);
  });

  test("3 periods term by term, end and start; the acquisition cost is subtracted", () => {
    expect(cells(CLV([[100]], [[0.8]], [[0.1]], [[3]]))[0]).toBeCloseTo(100 / 1.1 + 80 / 1.21 + 64 / 1.331, 10);
    expect(cells(CLV([[100]], [[0.8]], [[0.1]], [[3]], OMITTED, "start"))[0]).toBeCloseTo(100 + 80 / 1.1 + 64 / 1.21, 10);
    expect(cells(CLV([[100]], [[0.8]], [[0.1]], [[3]], [[40]], "END"))[0]).toBeCloseTo(100 / 1.1 + 80 / 1.21 + 64 / 1.331 - 40, 10);
    expect(cells(CLV([[100]], [[0.8]], [[0.1]], OMITTED, [[50]]))[0]).toBeCloseTo(100 / 0.3 - 50, 10);
  });

  test("per-row columns: blank periods = infinite horizon, blank cost = 0; a single blank cell = omitted", () => {
    const result = cells(CLV(col(100, 100), col(0.8, 0.8), col(0.1, 0.1), col(1, ""), col("", 10)));
    expect(result[0]).toBeCloseTo(100 / 1.1, 10);
    expect(result[1]).toBeCloseTo(100 / 0.3 - 10, 10);
    expect(cells(CLV(col(100), [[0.8]], [[0.1]], [[""]], [[""]]))[0]).toBeCloseTo(100 / 0.3, 10);
  });

  test("retention 1 with discount 0: finite works (N × m); infinite is #NUM! (whole call for single values, per cell in a column)", () => {
    expect(CLV([[100]], [[1]], [[0]], [[4]])).toEqual([[400]]);
    const whole = thrownExcelError(() => CLV(col(100, 200), [[1]], [[0]]));
    expect(whole.code).toBe("#NUM!");
    expect(whole.message).toMatch(/retention 1 with discount 0 and no periods: the infinite-horizon value does not converge/);
    const perCell = cells(CLV(col(100, 100), col(0.8, 1), [[0]]));
    expect(perCell[0]).toBeCloseTo(100 / 0.2, 10);
    expect(errorCode(perCell[1])).toBe("#NUM!");
    expect(errorMessage(perCell[1])).toMatch(/^row 2: retention 1 with discount 0/);
  });

  test("per-row bad values: blank → #N/A, retention above 1 → #VALUE! naming row and value", () => {
    const result = cells(CLV(col(100, "", 100), col(0.8, 0.8, 1.2), [[0.1]]));
    expect(result[0]).toBeCloseTo(100 / 0.3, 10);
    expect(errorCode(result[1])).toBe("#N/A");
    expect(errorMessage(result[1])).toBe("margin row 2 is blank");
    expect(errorCode(result[2])).toBe("#VALUE!");
    expect(errorMessage(result[2])).toMatch(/^retention row 3: must be between 0 and 1.*found 1\.2$/);
  });

  test("bad single values and options fail the call with #VALUE! naming the argument and value", () => {
    const cases: [() => unknown, RegExp][] = [
      [() => CLV(col(100), [[0.8]], [[0.1]], OMITTED, OMITTED, "middle"), /^timing must be "end" .* or "start", found "middle"$/],
      [() => CLV(col(100), [[1.5]], [[0.1]]), /^retention: .*found 1\.5$/],
      [() => CLV(col(100), [[0.8]], [[-0.1]]), /^discount: must be 0 or more.*found -0\.1$/],
      [() => CLV(col(100), [[0.8]], [[0.1]], [[0]]), /^periods: must be a whole number.*found 0$/],
      [() => CLV(col(100), [[0.8]], [[0.1]], [[2.5]]), /^periods: must be a whole number.*found 2\.5$/],
      [() => CLV(col(100), [[0.8]], [[0.1]], OMITTED, [[-1]]), /^acquisition_cost: must be 0 or more.*found -1$/],
      [() => CLV(col(100, 100), col(0.8, "high"), [[0.1]]), /^retention row 2, column 1: expected a number, found "high"$/],
      [() => CLV(col(100, 100), col(0.8, 0.8, 0.8), [[0.1]]), /^retention has 3 rows but margin has 2/],
      [() => CLV([], [[0.8]], [[0.1]]), /^margin is empty/],
    ];
    for (const [fn, message] of cases) {
      const error = thrownExcelError(fn);
      expect(error.code).toBe("#VALUE!");
      expect(error.message).toMatch(message);
    }
  });
});

// Snapshots: A, A, B, B, B → A, B, A, C, B, plus a row blank in the first snapshot.
// A: 2 moves (A→A, A→B) → 0.5, 0.5, 0; B: 3 moves (→A, →C, →B) → 1/3 each; C only in to_states → absorbing.
const from = col("A", "A", "B", "B", "B", "");
const to = col("A", "B", "A", "C", "B", "C");

describe("CV.MARKOVMATRIX", () => {
  test("a table with a header row: From \\ To, the states; one row per state; a state seen only in to_states is absorbing", () => {
    expect(MARKOVMATRIX(from, to)).toEqual([
      ["From \\ To", "A", "B", "C"],
      ["A", 0.5, 0.5, 0],
      ["B", 1 / 3, 1 / 3, 1 / 3],
      ["C", 0, 0, 1],
    ]);
  });

  test("order sets the rows and columns; a listed state that never occurs is absorbing", () => {
    expect(MARKOVMATRIX(from, to, col("C", "B", "A", "D"))).toEqual([
      ["From \\ To", "C", "B", "A", "D"],
      ["C", 1, 0, 0, 0],
      ["B", 1 / 3, 1 / 3, 1 / 3, 0],
      ["A", 0, 0.5, 0.5, 0],
      ["D", 0, 0, 0, 1],
    ]);
    expect(MARKOVMATRIX(from, to, [[""]])[0]).toEqual(["From \\ To", "A", "B", "C"]);
  });

  test("order missing a state, different heights, no complete row: errors for the call", () => {
    expect(thrownExcelError(() => MARKOVMATRIX(from, to, col("A", "B")))).toEqual({
      code: "#VALUE!",
      message: 'to_states row 4: state "C" is not in order: add it to order, or leave order out',
    });
    expect(thrownExcelError(() => MARKOVMATRIX(col("A", "B"), col("A"))).message).toMatch(/^to_states has 1 rows but from_states has 2/);
    expect(thrownExcelError(() => MARKOVMATRIX(col("A", ""), col("", "B"))).code).toBe("#N/A");
    expect(thrownExcelError(() => MARKOVMATRIX([], col("A"))).code).toBe("#VALUE!");
  });
});

describe("CV.MARKOVCLV", () => {
  // A stays with 0.5, else moves to B; B stays. Rewards 100 and 20, d = 0.1:
  // V_B = 20 / (1 − 1/1.1) = 220; V_A (1 − 0.5/1.1) = 100 + 0.5 × 220 / 1.1 = 200 → V_A = 200 × 1.1 / 0.6
  const matrix = MARKOVMATRIX(col("A", "A", "B"), col("A", "B", "B"));

  test("reads the MARKOVMATRIX table; one value per state, no header", () => {
    expect(matrix).toEqual([
      ["From \\ To", "A", "B"],
      ["A", 0.5, 0.5],
      ["B", 0, 1],
    ]);
    const V = cells(MARKOVCLV(matrix, col(100, 20), 0.1));
    expect(V).toHaveLength(2);
    expect(V[0]).toBeCloseTo((200 * 1.1) / 0.6, 9);
    expect(V[1]).toBeCloseTo(220, 9);
  });

  test("a plain block of numbers, rewards as a row, a finite horizon term by term", () => {
    // 1 period: R + P R / 1.1, P R = [0.5·100 + 0.5·20, 20] = [60, 20]
    const V = cells(MARKOVCLV([[0.5, 0.5], [0, 1]], row(100, 20), 0.1, 1));
    expect(V[0]).toBeCloseTo(100 + 60 / 1.1, 10);
    expect(V[1]).toBeCloseTo(20 + 20 / 1.1, 10);
    // percentages as text
    expect(cells(MARKOVCLV([["50%", "50%"], [0, "100%"]], col(100, 20), 0.1, 1))[0]).toBeCloseTo(100 + 60 / 1.1, 10);
  });

  test("discount 0 over an infinite horizon is #NUM!", () => {
    const error = thrownExcelError(() => MARKOVCLV(matrix, col(100, 20), 0));
    expect(error.code).toBe("#NUM!");
    expect(error.message).toMatch(/^discount 0 with no periods: the infinite-horizon value does not converge/);
  });

  test("bad inputs: #VALUE! naming the argument, the row and the value", () => {
    const cases: [() => unknown, string | RegExp][] = [
      [() => MARKOVCLV([["From \\ To", "A", "B"], ["A", 0.5, 0.4], ["B", 0, 1]], col(1, 1), 0.1), 'transition_matrix row 2 (state "A") sums to 0.9, not 1: each row\'s probabilities must add up to 1'],
      [() => MARKOVCLV([[0.5, 0.4], [0, 1]], col(1, 1), 0.1), "transition_matrix row 1 sums to 0.9, not 1: each row's probabilities must add up to 1"],
      [() => MARKOVCLV([[0.5, 0.5], [0, 1], [1, 0]], col(1, 1), 0.1), /^transition_matrix must be square/],
      [() => MARKOVCLV([[1.2, -0.2], [0, 1]], col(1, 1), 0.1), "transition_matrix row 1, column 1: a probability must be between 0 and 1, found 1.2"],
      [() => MARKOVCLV([[0.5, 0.5], ["x", 1]], col(1, 1), 0.1), 'transition_matrix row 2, column 1: expected a probability (a number between 0 and 1), found "x"'],
      [() => MARKOVCLV([[0.5, ""], [0, 1]], col(1, 1), 0.1), "transition_matrix row 1, column 2 is blank: give every probability (0 for none)"],
      [() => MARKOVCLV(matrix, col(100, 20, 5), 0.1), /^rewards has 3 values but transition_matrix has 2 states/],
      [() => MARKOVCLV(matrix, col(100, ""), 0.1), /^rewards row 2 is blank/],
      [() => MARKOVCLV(matrix, col(100, "lots"), 0.1), 'rewards row 2, column 1: expected a number, found "lots"'],
      [() => MARKOVCLV(matrix, col(100, 20), -0.1), /^discount: a rate per period from 0 to 1.*found -0\.1$/],
      [() => MARKOVCLV(matrix, col(100, 20), OMITTED as unknown as number), /^discount is required/],
      [() => MARKOVCLV(matrix, col(100, 20), 0.1, 0), /^periods: must be a whole number.*found 0$/],
      [() => MARKOVCLV(matrix, col(100, 20), 0.1, 2.5), /^periods: must be a whole number.*found 2\.5$/],
      [() => MARKOVCLV([], col(1), 0.1), /^transition_matrix is empty/],
      [() => MARKOVCLV([[1]], [], 0.1), /^rewards is required/],
    ];
    for (const [fn, message] of cases) {
      const error = thrownExcelError(fn);
      expect(error.code).toBe("#VALUE!");
      if (typeof message === "string") expect(error.message).toBe(message);
      else expect(error.message).toMatch(message);
    }
  });
});
