import fc from "fast-check";
import { clusterProfiles, kMeans, type KMeansResult, seededRandom, silhouette, standardiseIndicators, suggestK } from "../../src/engine/analyses/clusters";
import { thrownCvError } from "../helpers/errors";
import { mulberry32 } from "../helpers/random";

const f64 = (...values: number[]): Float64Array => Float64Array.from(values);

/** A random source that returns the given draws in order (and fails the test if more are asked for). */
function scripted(...draws: number[]): () => number {
  let next = 0;
  return () => {
    if (next >= draws.length) throw new Error(`the test scripted ${draws.length} draws; a draw number ${next + 1} was asked for`);
    return draws[next++] as number;
  };
}

// ---- The test's own arithmetic, written out independently of the engine ----

/** Mean and population sd of the present values. */
function popStats(values: ArrayLike<number>): { mean: number; sd: number } {
  const present = Array.from(values).filter((v) => !Number.isNaN(v));
  const mean = present.reduce((a, b) => a + b, 0) / present.length;
  const variance = present.reduce((a, b) => a + (b - mean) ** 2, 0) / present.length;
  return { mean, sd: Math.sqrt(variance) };
}

/** z-scores per column (population sd; a constant column is 0), rows × columns; NaN stays NaN. */
function zscoreRows(columns: readonly Float64Array[]): number[][] {
  const stats = columns.map(popStats);
  const n = columns[0]!.length;
  return Array.from({ length: n }, (_, i) =>
    columns.map((column, j) => {
      const v = column[i]!;
      const { mean, sd } = stats[j]!;
      return Number.isNaN(v) ? Number.NaN : sd === 0 || Array.from(column).every((x) => Number.isNaN(x) || x === v) ? 0 : (v - mean) / sd;
    }),
  );
}

/** The squared partial distance: over the point's present values, times dims / present. */
function partialD2(point: readonly number[], centre: ArrayLike<number>): number {
  const dims = point.filter((_, j) => !Number.isNaN(centre[j]!)).length;
  let sum = 0;
  let present = 0;
  point.forEach((v, j) => {
    if (Number.isNaN(v) || Number.isNaN(centre[j]!)) return;
    sum += (v - centre[j]!) ** 2;
    present++;
  });
  return (sum * dims) / present;
}

/** The within-cluster sum of squares of a labelling of complete points. */
function withinSumOfSquares(points: readonly number[][], labels: readonly number[], k: number): number {
  let total = 0;
  for (let c = 0; c < k; c++) {
    const members = points.filter((_, i) => labels[i] === c);
    if (members.length === 0) return Number.POSITIVE_INFINITY;
    const mean = members[0]!.map((_, j) => members.reduce((a, p) => a + p[j]!, 0) / members.length);
    total += members.reduce((a, p) => a + p.reduce((b, v, j) => b + (v - mean[j]!) ** 2, 0), 0);
  }
  return total;
}

/** The minimum within-cluster sum over every labelling of the points with k labels (each used). */
function bruteForceMinimum(points: readonly number[][], k: number): number {
  const labels = new Array<number>(points.length).fill(0);
  let best = Number.POSITIVE_INFINITY;
  const visit = (i: number): void => {
    if (i === points.length) {
      best = Math.min(best, withinSumOfSquares(points, labels, k));
      return;
    }
    for (let c = 0; c < k; c++) {
      labels[i] = c;
      visit(i + 1);
    }
  };
  visit(0);
  return best;
}

/** A partition as the set of its groups of row numbers, comparable whatever the cluster numbers are. */
function partition(assignment: ArrayLike<number>, rowOf: (i: number) => number = (i) => i): string[] {
  const groups = new Map<number, number[]>();
  Array.from(assignment).forEach((c, i) => {
    if (c >= 0) groups.set(c, [...(groups.get(c) ?? []), rowOf(i)]);
  });
  return [...groups.values()].map((g) => g.sort((a, b) => a - b).join(",")).sort();
}

describe("seededRandom", () => {
  test("the same seed gives the same sequence, in [0, 1), and it is mulberry32", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const reference = mulberry32(42);
    for (let i = 0; i < 100; i++) {
      const x = a();
      expect(b()).toBe(x);
      expect(reference()).toBe(x);
      expect(x >= 0 && x < 1).toBe(true);
    }
    expect(seededRandom(1)()).not.toBe(seededRandom(2)());
  });
});

describe("standardiseIndicators", () => {
  test("zscore uses the mean and the population sd; blanks stay blank", () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, /8 = 4, sd 2
    const { values, centre, scale } = standardiseIndicators([f64(2, 4, Number.NaN, 4, 4, 5, 5, 7, 9)], "zscore");
    expect(Array.from(values[0]!)).toEqual([-1.5, -0.5, Number.NaN, -0.5, -0.5, 0, 0, 1, 2]);
    expect(Array.from(centre)).toEqual([5]);
    expect(Array.from(scale)).toEqual([2]);
  });

  test("minmax is (x − min) / (max − min)", () => {
    const { values, centre, scale } = standardiseIndicators([f64(10, 20, 40, Number.NaN)], "minmax");
    expect(values[0]![0]).toBe(0);
    expect(values[0]![1]).toBeCloseTo(1 / 3, 15);
    expect(values[0]![2]).toBe(1);
    expect(values[0]![3]).toBeNaN();
    expect([centre[0], scale[0]]).toEqual([10, 30]);
  });

  test("a constant column (or a single value) maps to 0 (zscore) or 0.5 (minmax), with scale 0", () => {
    // 0.1 three times: a computed mean is 0.10000000000000002, so the constant must be detected, not divided
    for (const column of [f64(0.1, 0.1, Number.NaN, 0.1), f64(Number.NaN, 7, Number.NaN)]) {
      const z = standardiseIndicators([column], "zscore");
      const m = standardiseIndicators([column], "minmax");
      expect(Array.from(z.values[0]!).map((v) => (Number.isNaN(v) ? "blank" : v))).toEqual(Array.from(column, (v) => (Number.isNaN(v) ? "blank" : 0)));
      expect(Array.from(m.values[0]!).map((v) => (Number.isNaN(v) ? "blank" : v))).toEqual(Array.from(column, (v) => (Number.isNaN(v) ? "blank" : 0.5)));
      expect(z.scale[0]).toBe(0);
      expect(m.scale[0]).toBe(0);
    }
  });

  test("centre + scale × standardised gives the original value back; a column with no value stays blank", () => {
    const columns = [f64(3, -1, 8, Number.NaN, 2.5), f64(5, 5, 5, 5, 5), f64(Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN)];
    for (const method of ["zscore", "minmax"] as const) {
      const { values, centre, scale } = standardiseIndicators(columns, method);
      for (let j = 0; j < 2; j++) {
        columns[j]!.forEach((x, i) => {
          if (Number.isNaN(x)) expect(values[j]![i]).toBeNaN();
          else expect(centre[j]! + scale[j]! * values[j]![i]!).toBeCloseTo(x, 12);
        });
      }
      expect(Array.from(values[2]!).every(Number.isNaN)).toBe(true);
      expect(centre[2]).toBeNaN();
      expect(scale[2]).toBeNaN();
    }
  });
});

describe("kMeans on obvious blobs", () => {
  test("one indicator: 1, 2, 3 and 101, 102, 103", () => {
    // mean 52; deviations ±49, ±50, ±51: squares 2·(2401 + 2500 + 2601) = 15004; pop sd = sqrt(15004 / 6).
    // Centres 2 and 102; customers 1, 3, 101, 103 lie 1 unit away = 1/sd standardised; 2 and 102 lie on the centre.
    const sd = Math.sqrt(15004 / 6);
    const r = kMeans([f64(1, 2, 3, 101, 102, 103)], 2);
    expect(Array.from(r.assignment)).toEqual([0, 0, 0, 1, 1, 1]); // equal sizes: the cluster of row 1 first
    expect(Array.from(r.sizes)).toEqual([3, 3]);
    expect(r.centresOriginal.map((c) => Array.from(c))).toEqual([[2], [102]]);
    expect(r.centres[0]![0]).toBeCloseTo(-50 / sd, 12);
    expect(r.centres[1]![0]).toBeCloseTo(50 / sd, 12);
    [1 / sd, 0, 1 / sd, 1 / sd, 0, 1 / sd].forEach((d, i) => expect(r.distance[i]).toBeCloseTo(d, 12));
    expect(r.withinSS).toBeCloseTo(4 / sd ** 2, 15);
    expect(r.converged).toBe(true);
    expect(r.k).toBe(2);
  });

  test("clusters are numbered largest first, whatever the row order", () => {
    // 101, 102, 103 come first in the rows, but 1, 2, 3, 4 is the bigger cluster, so it is cluster 0
    const r = kMeans([f64(101, 1, 102, 2, 103, 3, 4)], 2);
    expect(Array.from(r.assignment)).toEqual([1, 0, 1, 0, 1, 0, 0]);
    expect(Array.from(r.sizes)).toEqual([4, 3]);
    expect(r.centresOriginal.map((c) => Array.from(c))).toEqual([[2.5], [102]]);
  });

  test("two indicators: distances are Euclidean in z-scores", () => {
    // A = (0,0) (2,0) (1,3), centre (1, 1); B = (10,20) (12,20) (11,23), centre (11, 21).
    // x: 0 2 1 10 12 11, mean 6, squared deviations 36+16+25+16+36+25 = 154, variance 154/6.
    // y: 0 0 3 20 20 23, mean 11, squared deviations 121+121+64+81+81+144 = 612, variance 102.
    // (0,0) to (1,1): sqrt(1/vx + 1/vy); (1,3) to (1,1): 2/sqrt(vy); B mirrors A.
    const vx = 154 / 6;
    const vy = 102;
    const corner = Math.sqrt(1 / vx + 1 / vy);
    const top = 2 / Math.sqrt(vy);
    const r = kMeans([f64(0, 2, 1, 10, 12, 11), f64(0, 0, 3, 20, 20, 23)], 2);
    expect(Array.from(r.assignment)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(r.centresOriginal.map((c) => Array.from(c))).toEqual([
      [1, 1],
      [11, 21],
    ]);
    [corner, corner, top, corner, corner, top].forEach((d, i) => expect(r.distance[i]).toBeCloseTo(d, 12));
    expect(r.withinSS).toBeCloseTo(4 * corner ** 2 + 2 * top ** 2, 12);
    // the standardised centres are the z-scores of (1, 1) and (11, 21)
    expect(r.centres[0]![0]).toBeCloseTo((1 - 6) / Math.sqrt(vx), 12);
    expect(r.centres[1]![1]).toBeCloseTo((21 - 11) / Math.sqrt(vy), 12);
  });

  test("minmax: distances in units of each indicator's range", () => {
    // range 102: the customers one unit from their centre are 1/102 away
    const r = kMeans([f64(1, 2, 3, 101, 102, 103)], 2, { method: "minmax" });
    expect(Array.from(r.assignment)).toEqual([0, 0, 0, 1, 1, 1]);
    [1 / 102, 0, 1 / 102, 1 / 102, 0, 1 / 102].forEach((d, i) => expect(r.distance[i]).toBeCloseTo(d, 14));
  });

  test("k = 1: everyone in cluster 0 around the mean", () => {
    // 1, 2, 6: mean 3, pop sd sqrt((4 + 1 + 9) / 3); distances 2, 1, 3 units
    const sd = Math.sqrt(14 / 3);
    const r = kMeans([f64(1, 2, 6)], 1);
    expect(Array.from(r.assignment)).toEqual([0, 0, 0]);
    [2 / sd, 1 / sd, 3 / sd].forEach((d, i) => expect(r.distance[i]).toBeCloseTo(d, 12));
    expect(r.withinSS).toBeCloseTo(3, 12); // 14/sd² = 3: the sum of squared z-scores is n
  });

  test("k equal to the customers: one customer per cluster, distances 0, withinSS 0", () => {
    const r = kMeans([f64(4, 1, 7), f64(0, 5, 5)], 3);
    expect(Array.from(r.assignment)).toEqual([0, 1, 2]); // all of size 1: numbered by row
    expect(Array.from(r.sizes)).toEqual([1, 1, 1]);
    expect(Array.from(r.distance)).toEqual([0, 0, 0]);
    expect(r.withinSS).toBe(0);
    expect(r.centresOriginal.map((c) => Array.from(c))).toEqual([
      [4, 0],
      [1, 5],
      [7, 5],
    ]);
  });
});

describe("Lloyd's edge cases", () => {
  test("out of iterations: not converged, and the centres are still the means of the last assignment", () => {
    const random = mulberry32(3);
    const column = Float64Array.from({ length: 60 }, () => Math.floor(random() * 1000));
    const short = kMeans([column], 5, { maxIterations: 1, restarts: 1 });
    expect(short.converged).toBe(false);
    expect(short.iterations).toBe(1);
    const { mean, sd } = popStats(column);
    short.centresOriginal.forEach((centre, c) => {
      const members = Array.from(column).filter((_, i) => short.assignment[i] === c);
      expect(centre[0]).toBeCloseTo(members.reduce((a, b) => a + b, 0) / members.length, 9);
      expect(short.centres[c]![0]).toBeCloseTo((centre[0]! - mean) / sd, 9);
    });
    column.forEach((x, i) => expect(short.distance[i]).toBeCloseTo(Math.abs((x - short.centresOriginal[short.assignment[i]!]![0]!) / sd), 9));
    const full = kMeans([column], 5, { restarts: 1 });
    expect(full.converged).toBe(true);
    expect(full.iterations).toBeGreaterThan(1);
    expect(full.withinSS).toBeLessThan(short.withinSS);
  });

  test("a cluster emptied during Lloyd gets a new centre: every cluster ends with customers", () => {
    // With blanks, this table and seed empty a cluster part-way (found by a search with the
    // refill instrumented); the farthest customer is moved into it.
    const columns = [f64(Number.NaN, 3, 0, 8, 7, 3, 9, Number.NaN), f64(7, 6, 3, 1, Number.NaN, 6, Number.NaN, 3)];
    const r = kMeans(columns, 4, { restarts: 1, random: seededRandom(85) });
    expect(r.converged).toBe(true);
    expect(Array.from(r.sizes).every((size) => size > 0)).toBe(true);
    expect(Array.from(r.sizes).reduce((a, b) => a + b, 0)).toBe(8);
  });
});

describe("ties", () => {
  test("a customer exactly between two centres goes to the lower-numbered cluster", () => {
    // 0, 2, 3 with scripted seeds: the first centre is customer floor(0.5 · 3) = row 2 (value 2);
    // D² to it: 4 (value 0), 1 (value 3), total 5, and 0.9 · 5 = 4.5 is passed at value 3, the
    // second centre. Lloyd: {0, 2} → centre 1, {3} → centre 3. Value 2 is 1 from both: a tie,
    // so it stays in the lower cluster, 0, and nothing moves.
    // pop sd of 0, 2, 3: mean 5/3, squared deviations 25/9 + 1/9 + 16/9 = 42/9, /3 → sqrt(14/9)
    const sd = Math.sqrt(14 / 9);
    const r = kMeans([f64(0, 2, 3)], 2, { random: scripted(0.5, 0.9), restarts: 1 });
    expect(Array.from(r.assignment)).toEqual([0, 0, 1]);
    [1 / sd, 1 / sd, 0].forEach((d, i) => expect(r.distance[i]).toBeCloseTo(d, 12));
    expect(r.centresOriginal.map((c) => Array.from(c))).toEqual([[1], [3]]);
    expect(r.converged).toBe(true);
  });

  test("the tie rule holds in the final numbering: renumbering largest first lets the tie move", () => {
    // 0, 2, 3, 3, 3: seeds row 2 (floor(0.3 · 5) = 1, value 2) and, of D² 4, 1, 1, 1 (total 7,
    // 0.6 · 7 = 4.2), the first 3. Lloyd stops at {0, 2} (centre 1) and {3, 3, 3} (centre 3),
    // value 2 tied between them in the lower cluster. Largest first makes {3, 3, 3} cluster 0,
    // so the tie now points there: value 2 joins it, and the clusters settle as {2, 3, 3, 3}
    // (centre 2.75) and {0}.
    // pop sd of 0, 2, 3, 3, 3: mean 2.2, squared deviations 4.84 + 0.04 + 3 · 0.64 = 6.8, /5 = 1.36
    const sd = Math.sqrt(1.36);
    const r = kMeans([f64(0, 2, 3, 3, 3)], 2, { random: scripted(0.3, 0.6), restarts: 1 });
    expect(Array.from(r.assignment)).toEqual([1, 0, 0, 0, 0]);
    expect(Array.from(r.sizes)).toEqual([4, 1]);
    expect(r.centresOriginal.map((c) => Array.from(c))).toEqual([[2.75], [0]]);
    [0, 0.75 / sd, 0.25 / sd, 0.25 / sd, 0.25 / sd].forEach((d, i) => expect(r.distance[i]).toBeCloseTo(d, 12));
    expect(r.withinSS).toBeCloseTo((0.75 ** 2 + 3 * 0.25 ** 2) / 1.36, 12);
  });

  test("identical customers always share a cluster, for every k and seed", () => {
    const columns = [f64(5, 5, 1, 9, 9, 3, 5, 9, 2), f64(1, 1, 0, 4, 4, 2, 1, 4, 8)];
    const twins = [
      [0, 1, 6],
      [3, 4, 7],
    ];
    for (let k = 1; k <= 5; k++) {
      for (let seed = 1; seed <= 20; seed++) {
        const r = kMeans(columns, k, { random: seededRandom(seed), restarts: 1 });
        for (const group of twins) expect(new Set(group.map((i) => r.assignment[i])).size).toBe(1);
      }
    }
  });
});

describe("blank indicators", () => {
  test("a customer with one indicator blank gets the partial distance sqrt(dims / present) × distance over the rest", () => {
    // The blobs above plus P = (2, blank) in A.
    // x: 0 2 1 2 10 12 11 → mean 38/7, Σx² = 374, variance 374/7 − (38/7)² = 1174/49.
    // y: 0 0 3 20 20 23 (P is blank) → mean 11, variance 102, as before.
    // Centre A: x over its four members (0 + 2 + 1 + 2)/4 = 5/4; y over the three with one (0 + 0 + 3)/3 = 1.
    // P's distance: sqrt(2 / 1) × |2 − 5/4| / sd_x.
    const sdX = Math.sqrt(1174 / 49);
    const sdY = Math.sqrt(102);
    const r = kMeans([f64(0, 2, 1, 2, 10, 12, 11), f64(0, 0, 3, Number.NaN, 20, 20, 23)], 2);
    expect(Array.from(r.assignment)).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect(r.centresOriginal.map((c) => Array.from(c))).toEqual([
      [5 / 4, 1],
      [11, 21],
    ]);
    expect(r.distance[3]).toBeCloseTo((Math.sqrt(2) * 0.75) / sdX, 12);
    // (0, 0) to (5/4, 1), both indicators present: no scaling
    expect(r.distance[0]).toBeCloseTo(Math.sqrt((1.25 / sdX) ** 2 + (1 / sdY) ** 2), 12);
  });

  test("a customer with every indicator blank gets no cluster (−1, NaN) and the other rows do not shift", () => {
    const x = [0, 2, 1, 10, 12, 11];
    const y = [0, 0, 3, 20, 20, 23];
    const without = kMeans([f64(...x), f64(...y)], 2);
    const withBlank = kMeans([f64(0, 2, Number.NaN, 1, 10, 12, 11), f64(0, 0, Number.NaN, 3, 20, 20, 23)], 2);
    expect(withBlank.assignment[2]).toBe(-1);
    expect(withBlank.distance[2]).toBeNaN();
    const others = [0, 1, 3, 4, 5, 6];
    expect(others.map((i) => withBlank.assignment[i])).toEqual(Array.from(without.assignment));
    expect(others.map((i) => withBlank.distance[i])).toEqual(Array.from(without.distance));
    expect(Array.from(withBlank.sizes)).toEqual([3, 3]);
    expect(withBlank.withinSS).toBe(without.withinSS);
  });

  test("an indicator blank in every row is left out; its centres are blank", () => {
    const blank = f64(Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN);
    const plain = kMeans([f64(1, 2, 3, 101, 102, 103)], 2);
    const r = kMeans([f64(1, 2, 3, 101, 102, 103), blank], 2);
    expect(Array.from(r.assignment)).toEqual(Array.from(plain.assignment));
    expect(Array.from(r.distance)).toEqual(Array.from(plain.distance)); // no sqrt(2) inflation from a column nobody has
    expect(r.centres[0]![1]).toBeNaN();
    expect(r.centresOriginal[0]![1]).toBeNaN();
  });
});

describe("errors name the argument and the value", () => {
  test("more clusters than customers with an indicator", () => {
    const e = thrownCvError(() => kMeans([f64(1, 2, Number.NaN, 3)], 5));
    expect(e.code).toBe("BAD_VALUE");
    expect(e.message).toBe("k: 5 clusters need at least 5 customers with an indicator; found 3");
  });

  test("k that is not a whole number ≥ 1", () => {
    for (const k of [0, 2.5, -1, Number.NaN]) {
      const e = thrownCvError(() => kMeans([f64(1, 2, Number.NaN, 3)], k));
      expect(e.code).toBe("BAD_VALUE");
      expect(e.message).toBe(`k: expected a whole number from 1 to 3, found ${k}`);
    }
  });

  test("fewer distinct customers than clusters", () => {
    expect(thrownCvError(() => kMeans([f64(1, 1, 2, 2), f64(5, 5, Number.NaN, Number.NaN)], 3)).message).toBe(
      "k: 3 clusters need at least 3 distinct customers; found 2 (identical customers always share a cluster)",
    );
  });

  test("no columns, no rows, columns of different lengths, bad options", () => {
    expect(thrownCvError(() => kMeans([], 2))).toMatchObject({ code: "EMPTY_INPUT", message: "indicators has no columns" });
    expect(thrownCvError(() => kMeans([f64()], 2))).toMatchObject({ code: "EMPTY_INPUT", message: "indicators has no rows" });
    expect(thrownCvError(() => kMeans([f64(1, 2, 3), f64(1, 2)], 2))).toMatchObject({ code: "LENGTH_MISMATCH", message: "indicators column 2 has 2 rows, expected 3" });
    expect(thrownCvError(() => kMeans([f64(1, 2, 3)], 2, { restarts: 0 }))).toMatchObject({ code: "BAD_OPTION", message: "restarts: expected a whole number 1 or more, found 0" });
    expect(thrownCvError(() => kMeans([f64(1, 2, 3)], 2, { maxIterations: 1.5 }))).toMatchObject({
      code: "BAD_OPTION",
      message: "maxIterations: expected a whole number 1 or more, found 1.5",
    });
  });

  test("every customer blank", () => {
    expect(thrownCvError(() => kMeans([f64(Number.NaN, Number.NaN)], 1)).message).toBe("k: 1 cluster needs at least 1 customer with an indicator; found 0");
  });
});

/** Three well separated blobs of `each` customers on two indicators, jittered by a seeded source. */
function threeBlobs(each: number, seed: number): Float64Array[] {
  const random = mulberry32(seed);
  const centres = [
    [0, 0],
    [50, 10],
    [0, 20],
  ];
  const x: number[] = [];
  const y: number[] = [];
  for (const [cx, cy] of centres) {
    for (let i = 0; i < each; i++) {
      x.push(cx! + random());
      y.push(cy! + random());
    }
  }
  return [Float64Array.from(x), Float64Array.from(y)];
}

describe("reproducibility", () => {
  test("the same seed gives the identical result; the default is seed 1", () => {
    const random = mulberry32(7);
    const columns = [0, 1, 2].map(() => Float64Array.from({ length: 60 }, () => (random() < 0.1 ? Number.NaN : random() * 100)));
    const a = kMeans(columns, 4, { random: seededRandom(5) });
    const b = kMeans(columns, 4, { random: seededRandom(5) });
    expect(b).toEqual(a);
    expect(kMeans(columns, 4)).toEqual(kMeans(columns, 4, { random: seededRandom(1) }));
  });

  test("the partition does not depend on the row order (only the numbering may change)", () => {
    const columns = threeBlobs(5, 3);
    const n = columns[0]!.length;
    const reference = partition(kMeans(columns, 3).assignment);
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: n, maxLength: n }), fc.integer({ min: 1, max: 1000 }), (keys, seed) => {
        const order = keys.map((key, i) => [key, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
        const permuted = columns.map((column) => Float64Array.from(order, (i) => column[i]!));
        const r = kMeans(permuted, 3, { random: seededRandom(seed) });
        expect(partition(r.assignment, (i) => order[i]!)).toEqual(reference);
        // largest first, ties by first row: with equal sizes, cluster 0 holds the first row of the permuted table
        expect(r.assignment[0]).toBe(0);
      }),
      { numRuns: 50, seed: 20240601 },
    );
  });
});

describe("silhouette", () => {
  test("four points, worked by hand", () => {
    // clusters {0, 1} and {4, 6}:
    //   0: a = 1, b = (4 + 6)/2 = 5      → (5 − 1)/5 = 4/5
    //   1: a = 1, b = (3 + 5)/2 = 4      → 3/4
    //   4: a = 2, b = (4 + 3)/2 = 3.5    → 1.5/3.5 = 3/7
    //   6: a = 2, b = (6 + 5)/2 = 5.5    → 3.5/5.5 = 7/11
    // (one indicator: standardising scales every distance alike, so the ratios are unchanged)
    expect(silhouette([f64(0, 1, 4, 6)], Int32Array.of(0, 0, 1, 1), 2)).toBeCloseTo((4 / 5 + 3 / 4 + 3 / 7 + 7 / 11) / 4, 14);
  });

  test("a customer alone in its cluster counts 0", () => {
    // {0, 1} and {5}: 0 → (5 − 1)/5, 1 → (4 − 1)/4, 5 → 0
    expect(silhouette([f64(0, 1, 5)], Int32Array.of(0, 0, 1), 2)).toBeCloseTo((4 / 5 + 3 / 4 + 0) / 3, 14);
  });

  test("two indicators: the corners of a square split left and right", () => {
    // (0,0) (0,3) | (3,0) (3,3): both columns have sd 1.5, so z-scores scale every distance by 1/1.5.
    // Each corner: a = 3 (its partner), b = (3 + 3√2)/2, silhouette 1 − 3/b = 1 − 2/(1 + √2) = 3 − 2√2.
    expect(silhouette([f64(0, 0, 3, 3), f64(0, 3, 0, 3)], Int32Array.of(0, 0, 1, 1), 2)).toBeCloseTo(3 - 2 * Math.sqrt(2), 14);
  });

  test("customers without a cluster, or without an indicator, are left out", () => {
    const expected = (4 / 5 + 3 / 4 + 3 / 7 + 7 / 11) / 4;
    expect(silhouette([f64(0, 1, 100, 4, Number.NaN, 6)], Int32Array.of(0, 0, -1, 1, 1, 1), 2)).toBeCloseTo(expected, 14);
  });

  test("above the sample cap a seeded sample is used: reproducible, and the full value at or above n", () => {
    const columns = threeBlobs(10, 11);
    const { assignment } = kMeans(columns, 3);
    const full = silhouette(columns, assignment, 3);
    expect(silhouette(columns, assignment, 3, { sampleCap: 30 })).toBe(full);
    const sampled = silhouette(columns, assignment, 3, { sampleCap: 12, random: seededRandom(4) });
    expect(silhouette(columns, assignment, 3, { sampleCap: 12, random: seededRandom(4) })).toBe(sampled);
    expect(sampled).toBeGreaterThan(0.9); // the blobs are far apart in any sample
    expect(sampled).not.toBe(full);
  });

  test("fewer than two clusters with customers is an error", () => {
    expect(thrownCvError(() => silhouette([f64(1, 2, 3)], Int32Array.of(0, 0, 0), 2)).message).toBe("assignment: the silhouette needs customers in at least 2 clusters");
    expect(thrownCvError(() => silhouette([f64(1, 2, 3)], Int32Array.of(0, 2, 0), 2)).message).toBe("assignment row 2: expected -1 or a cluster from 0 to 1, found 2");
  });
});

describe("suggestK", () => {
  test("three well separated blobs: 3", () => {
    const s = suggestK([f64(1, 2, 3, 50, 51, 52, 100, 101, 102)]);
    expect(s.best).toBe(3);
    // kMax 10 is capped at 9 distinct customers − 1 = 8
    expect(s.curve.map((p) => p.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    // the elbow: the sum of squares falls steeply up to 3 and little after
    const ss = s.curve.map((p) => p.withinSS);
    for (let i = 1; i < ss.length; i++) expect(ss[i]!).toBeLessThanOrEqual(ss[i - 1]! + 1e-12);
    expect(ss[1]! / ss[0]!).toBeLessThan(0.01);
  });

  test("three jittered blobs in two dimensions: 3, and the curve's silhouette is the fit's", () => {
    const columns = threeBlobs(30, 5);
    const s = suggestK(columns, { random: seededRandom(9) });
    expect(s.best).toBe(3);
    expect(s.curve.map((p) => p.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const three = s.curve.find((p) => p.k === 3)!;
    const fit = kMeans(columns, 3);
    expect(three.withinSS).toBeCloseTo(fit.withinSS, 10);
    expect(three.silhouette).toBeCloseTo(silhouette(columns, fit.assignment, 3), 10);
  });

  test("too few distinct customers is an error; a clean split beats splitting a pair", () => {
    // 2 distinct customers can only be compared at k = 1: nothing to suggest
    expect(thrownCvError(() => suggestK([f64(1, 1, 5, 5)])).message).toBe("k: comparing 2 or more clusters needs at least 3 distinct customers; found 2");
    expect(thrownCvError(() => suggestK([f64(1, 2, 3)], { kMin: 1 })).message).toBe("kMin: expected a whole number 2 or more, found 1");
    // 0, 1, 10, 11: k = 2 gives {0,1} {10,11}; k = 3 only splits a pair. Hand: k = 2 → each point a = 1,
    // b ≈ 10 → about 0.9; k = 3 has two singletons, which count 0 → about 0.45. So 2.
    expect(suggestK([f64(0, 1, 10, 11)]).best).toBe(2);
  });
});

describe("clusterProfiles", () => {
  test("size, shares, value and the indicator means in their own units", () => {
    // clusters {1, 2, 3} and {101, 102, 103} (the blank row has none); value 10, 10, 20 | 60, 0, −5 | 15
    // total positive value 10 + 10 + 20 + 60 + 15 = 115; 7 rows in all.
    const columns = [f64(1, 2, 3, 101, 102, 103, Number.NaN), f64(4, Number.NaN, 8, 0, 1, 2, Number.NaN)];
    const result = kMeans(columns, 2);
    const profiles = clusterProfiles(result, columns, f64(10, 10, 20, 60, 0, -5, 15));
    expect(profiles.map((p) => [p.cluster, p.size, p.customerShare, p.valueSum, p.valueShare])).toEqual([
      [0, 3, 3 / 7, 40, 40 / 115],
      [1, 3, 3 / 7, 55, 55 / 115],
    ]);
    expect(profiles.map((p) => Array.from(p.means))).toEqual([
      [2, 6], // the blank in row 2 drops out: (4 + 8)/2
      [102, 1],
    ]);
    for (const p of profiles) {
      const members = Array.from(result.assignment).flatMap((c, i) => (c === p.cluster ? [result.distance[i]!] : []));
      expect(p.meanDistance).toBeCloseTo(members.reduce((a, b) => a + b, 0) / 3, 14);
    }
    expect(clusterProfiles(result, columns).map((p) => [p.valueSum, p.valueShare])).toEqual([
      [null, null],
      [null, null],
    ]);
  });
});

describe("brute force and properties", () => {
  /** Small complete tables: 2–8 customers, 1–2 indicators, whole numbers (so duplicates and ties occur). */
  const smallTable = fc.record({
    n: fc.integer({ min: 2, max: 8 }),
    d: fc.integer({ min: 1, max: 2 }),
    k: fc.integer({ min: 1, max: 3 }),
  }).chain(({ n, d, k }) =>
    fc.record({
      k: fc.constant(k),
      columns: fc.array(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: n, maxLength: n }), { minLength: d, maxLength: d }),
    }),
  );

  const distinctRows = (columns: number[][]): number => new Set(columns[0]!.map((_, i) => columns.map((c) => c[i]).join(","))).size;

  test("no partition beats the fit, and with restarts it is the minimum over every partition in nearly all tables", () => {
    // Lloyd stops at a local minimum, so an unlucky table can legitimately end above the
    // best partition (e.g. 0, 20, 4, −13, −5, 0, 8, 0 at k = 2 settles at {20, 4, 8}, while
    // {20, 8} is better); ten restarts find the minimum in all but a few tables.
    let tables = 0;
    let found = 0;
    fc.assert(
      fc.property(smallTable, ({ k, columns }) => {
        fc.pre(distinctRows(columns) >= k);
        const typed = columns.map((c) => Float64Array.from(c));
        const r = kMeans(typed, k);
        const minimum = bruteForceMinimum(zscoreRows(typed), k);
        expect(r.withinSS).toBeGreaterThanOrEqual(minimum - 1e-9);
        tables++;
        if (Math.abs(r.withinSS - minimum) <= 1e-9) found++;
      }),
      { numRuns: 100, seed: 424242 },
    );
    expect(tables).toBeGreaterThanOrEqual(90);
    expect(found / tables).toBeGreaterThanOrEqual(0.95);
  });

  test("well separated groups: the fit is the minimum over every partition, and it is the groups", () => {
    // k groups around 0, 1000, 2000 (one or two indicators), each point within 10 of its group's centre
    const separated = fc
      .record({ k: fc.integer({ min: 1, max: 3 }), d: fc.integer({ min: 1, max: 2 }), extra: fc.integer({ min: 0, max: 5 }) })
      .chain(({ k, d, extra }) =>
        fc.record({
          k: fc.constant(k),
          d: fc.constant(d),
          // every group gets one point, then `extra` more go to random groups
          groups: fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: extra, maxLength: extra }).map((more) => [...Array.from({ length: k }, (_, g) => g), ...more]),
          jitter: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 2 * (k + extra), maxLength: 2 * (k + extra) }),
        }),
      );
    fc.assert(
      fc.property(separated, ({ k, d, groups, jitter }) => {
        const columns = Array.from({ length: d }, (_, j) => Float64Array.from(groups, (g, i) => g * 1000 + jitter[2 * i + j]!));
        fc.pre(distinctRows(columns.map((c) => Array.from(c))) >= k);
        const r = kMeans(columns, k);
        expect(r.withinSS).toBeCloseTo(bruteForceMinimum(zscoreRows(columns), k), 9);
        expect(partition(r.assignment)).toEqual(partition(groups));
      }),
      { numRuns: 100, seed: 8080 },
    );
  });

  test("the within-cluster sum is the sum of squared distances, and every assigned distance is finite", () => {
    fc.assert(
      fc.property(smallTable, ({ k, columns }) => {
        fc.pre(distinctRows(columns) >= k);
        const r = kMeans(columns.map((c) => Float64Array.from(c)), k);
        const sum = Array.from(r.distance).reduce((a, b) => a + b * b, 0);
        expect(r.withinSS).toBeCloseTo(sum, 10);
        expect(Array.from(r.distance).every(Number.isFinite)).toBe(true);
        expect(Array.from(r.sizes).every((s) => s > 0)).toBe(true);
      }),
      { numRuns: 100, seed: 77 },
    );
  });

  /** Tables with blanks: up to 40 customers, 1–3 indicators, about 1 cell in 6 blank. */
  const tableWithBlanks = fc.record({
    n: fc.integer({ min: 1, max: 40 }),
    d: fc.integer({ min: 1, max: 3 }),
    k: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer({ min: 1, max: 10_000 }),
  }).chain(({ n, d, k, seed }) =>
    fc.record({
      k: fc.constant(k),
      seed: fc.constant(seed),
      columns: fc.array(
        fc.array(fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 9 }) }, { weight: 1, arbitrary: fc.constant(Number.NaN) }), { minLength: n, maxLength: n }),
        { minLength: d, maxLength: d },
      ),
    }),
  );

  function fitOrSkip(columns: number[][], k: number, seed: number): KMeansResult | undefined {
    const typed = columns.map((c) => Float64Array.from(c));
    const withValue = columns[0]!.filter((_, i) => columns.some((c) => !Number.isNaN(c[i]!)));
    const keys = new Set(columns[0]!.flatMap((_, i) => (columns.some((c) => !Number.isNaN(c[i]!)) ? [columns.map((c) => c[i]).join(",")] : [])));
    if (withValue.length < k || keys.size < k) return undefined;
    return kMeans(typed, k, { random: seededRandom(seed) });
  }

  test("the assignment is a fixed point: every customer is nearest (partial distance) to its own centre, centres are the means", () => {
    fc.assert(
      fc.property(tableWithBlanks, ({ k, seed, columns }) => {
        const r = fitOrSkip(columns, k, seed);
        fc.pre(r !== undefined);
        const result = r as KMeansResult;
        expect(result.converged).toBe(true);
        const points = zscoreRows(columns.map((c) => Float64Array.from(c)));
        points.forEach((point, i) => {
          const own = result.assignment[i]!;
          if (point.every(Number.isNaN)) {
            expect(own).toBe(-1);
            expect(result.distance[i]).toBeNaN();
            return;
          }
          const d2 = result.centres.map((centre) => partialD2(point, centre));
          const nearest = Math.min(...d2);
          expect(d2[own]!).toBeLessThanOrEqual(nearest * (1 + 1e-9) + 1e-12);
          // ties go to the lower cluster: every lower-numbered centre is strictly farther (whole-number
          // data: a distance differs by far more than 1e-9 or it is a tie up to rounding)
          for (let c = 0; c < own; c++) expect(d2[c]!).toBeGreaterThan(d2[own]! * (1 + 1e-9) + 1e-12);
          expect(result.distance[i]).toBeCloseTo(Math.sqrt(d2[own]!), 9);
        });
        // each centre (in original units) is the mean of its members' present values
        result.centresOriginal.forEach((centre, c) => {
          columns.forEach((column, j) => {
            const present = column.filter((v, i) => result.assignment[i] === c && !Number.isNaN(v));
            if (present.length === 0) expect(centre[j]).toBeNaN();
            else expect(centre[j]).toBeCloseTo(present.reduce((a, b) => a + b, 0) / present.length, 9);
          });
        });
      }),
      { numRuns: 200, seed: 1234 },
    );
  });

  test("identical customers share a cluster, and clusters are numbered largest first", () => {
    fc.assert(
      fc.property(tableWithBlanks, ({ k, seed, columns }) => {
        const r = fitOrSkip(columns, k, seed);
        fc.pre(r !== undefined);
        const result = r as KMeansResult;
        const byKey = new Map<string, number>();
        columns[0]!.forEach((_, i) => {
          const key = columns.map((c) => c[i]).join(",");
          const seen = byKey.get(key);
          if (seen === undefined) byKey.set(key, result.assignment[i]!);
          else expect(result.assignment[i]).toBe(seen);
        });
        const sizes = Array.from(result.sizes);
        for (let c = 1; c < sizes.length; c++) expect(sizes[c]!).toBeLessThanOrEqual(sizes[c - 1]!);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(Array.from(result.assignment).filter((c) => c >= 0).length);
      }),
      { numRuns: 200, seed: 99 },
    );
  });
});
