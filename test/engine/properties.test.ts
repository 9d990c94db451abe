import fc from "fast-check";
import { abcClassIndex, tierIndexByShare, TIER_PRESETS, weightedScore, type NormalizationMethod } from "../../src/engine";

/** A customer table: k indicator columns of n rows, some cells missing (NaN). */
const tableArb = fc
  .record({ n: fc.integer({ min: 1, max: 60 }), k: fc.integer({ min: 1, max: 5 }) })
  .chain(({ n, k }) =>
    fc.record({
      columns: fc.array(
        fc.array(fc.oneof({ weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(Number.NaN) }), {
          minLength: n,
          maxLength: n,
        }),
        { minLength: k, maxLength: k },
      ),
      // weights are 0 or an ordinary positive number (a denormal like 5e-324 underflows to 0 when rescaled)
      weights: fc
        .array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 100, noNaN: true })), { minLength: k, maxLength: k })
        .filter((w) => w.some((x) => x > 0)),
      directions: fc.array(fc.constantFrom<1 | -1>(1, -1), { minLength: k, maxLength: k }),
      method: fc.constantFrom<NormalizationMethod>("minmax", "percentile", "log"),
    }),
  );

const scoresArb = fc.array(fc.oneof(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 200 });
const sharesArb = fc.oneof(
  fc.constantFrom(...Object.values(TIER_PRESETS).map((p) => p.shares)),
  fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 6 }).map((raw) => {
    const total = raw.reduce((a, b) => a + b, 0);
    return raw.map((r) => r / total);
  }),
);

/** A permutation of 0..n-1 and its application. */
const permute = <T>(values: ArrayLike<T>, order: number[]): T[] => order.map((i) => values[i] as T);
const permutationArb = (n: number) =>
  fc.array(fc.nat(), { minLength: n, maxLength: n }).map((keys) => keys.map((key, i) => [key, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i));

describe("invariants", () => {
  test("scores stay in [0, 100] (minmax, percentile, log), or are missing", () => {
    fc.assert(
      fc.property(tableArb, ({ columns, weights, directions, method }) => {
        const scores = weightedScore(columns.map((c) => Float64Array.from(c)), weights, { directions, method });
        return Array.from(scores).every((s) => Number.isNaN(s) || (s >= 0 && s <= 100));
      }),
      { numRuns: 300 },
    );
  });

  test("a customer is missing exactly when every weighted indicator is missing", () => {
    fc.assert(
      fc.property(tableArb, ({ columns, weights, directions, method }) => {
        const scores = weightedScore(columns.map((c) => Float64Array.from(c)), weights, { directions, method });
        return Array.from(scores).every((s, i) => Number.isNaN(s) === columns.every((c, j) => !(weights[j]! > 0) || Number.isNaN(c[i]!)));
      }),
      { numRuns: 200 },
    );
  });

  test("a higher score never gets a lower tier, ties share a tier, and the top tier is never empty", () => {
    fc.assert(
      fc.property(scoresArb, sharesArb, (scores, shares) => {
        const tiers = tierIndexByShare(Float64Array.from(scores), shares);
        for (let i = 0; i < scores.length; i++) {
          for (let j = 0; j < scores.length; j++) {
            if (scores[i]! > scores[j]! && tiers[i]! > tiers[j]!) return false;
            if (scores[i] === scores[j] && tiers[i] !== tiers[j]) return false;
          }
        }
        return Array.from(tiers).includes(0);
      }),
      { numRuns: 300 },
    );
  });

  test("tiers hold exactly the customers with h < c_k·n (checked in integers against a brute-force h)", () => {
    // Shares as whole parts (e.g. 1, 4, 15, 80 of 100) so the reference compares h × total < cumulative × n exactly.
    const partsArb = fc.oneof(fc.constant([1, 4, 15, 80]), fc.constant([1, 2, 7]), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 6 }));
    fc.assert(
      fc.property(scoresArb, partsArb, (scores, parts) => {
        const total = parts.reduce((a, b) => a + b, 0);
        const tiers = tierIndexByShare(Float64Array.from(scores), parts.map((p) => p / total));
        const n = scores.length;
        return scores.every((s, i) => {
          const h = scores.filter((other) => other > s).length;
          let cumulative = 0;
          let expected = parts.length - 1;
          for (let k = 0; k < parts.length; k++) {
            cumulative += parts[k]!;
            if (h * total < cumulative * n) {
              expected = k;
              break;
            }
          }
          return tiers[i] === expected;
        });
      }),
      { numRuns: 400 },
    );
  });

  test("ABC classes are monotone in value", () => {
    fc.assert(
      fc.property(scoresArb, (values) => {
        const classes = abcClassIndex(Float64Array.from(values));
        for (let i = 0; i < values.length; i++) {
          for (let j = 0; j < values.length; j++) {
            if (values[i]! > values[j]! && classes[i]! > classes[j]!) return false;
            if (values[i]! <= 0 && classes[i] !== 2) return false;
          }
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  test("results do not depend on row order, except for their own order", () => {
    fc.assert(
      fc.property(
        tableArb.chain((t) => fc.record({ t: fc.constant(t), order: permutationArb(t.columns[0]!.length) })),
        sharesArb,
        ({ t, order }, shares) => {
          const original = t.columns.map((c) => Float64Array.from(c));
          const shuffled = t.columns.map((c) => Float64Array.from(permute(c, order)));
          const scores = weightedScore(original, t.weights, t);
          const shuffledScores = weightedScore(shuffled, t.weights, t);
          const sameScores = permute(scores, order).every((s, i) => Object.is(s, shuffledScores[i]) || Math.abs(s - shuffledScores[i]!) < 1e-9);
          const tiers = tierIndexByShare(scores, shares);
          const sameTiers = permute(tiers, order).every((x, i) => x === tierIndexByShare(shuffledScores, shares)[i]);
          const abc = abcClassIndex(original[0]!);
          const sameAbc = permute(abc, order).every((x, i) => x === abcClassIndex(shuffled[0]!)[i]);
          return sameScores && sameTiers && sameAbc;
        },
      ),
      { numRuns: 200 },
    );
  });
});
