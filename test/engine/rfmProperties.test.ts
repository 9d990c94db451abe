import fc from "fast-check";
import { DEFAULT_SEGMENT_RULES, UNMATCHED_SEGMENT, quantileScores, rfmScores, segmentIndex } from "../../src/engine";

const valuesArb = fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: -1e4, max: 1e4, noNaN: true })), { minLength: 1, maxLength: 150 });
const binsArb = fc.integer({ min: 2, max: 10 });

describe("RFM invariants", () => {
  test("scores are monotone in their inputs, tie-sharing, and within 1–q", () => {
    fc.assert(
      fc.property(valuesArb, binsArb, (values, q) => {
        const s = quantileScores(Float64Array.from(values), q);
        return values.every((v, i) => s[i]! >= 1 && s[i]! <= q && values.every((w, j) => (v > w ? s[i]! >= s[j]! : v === w ? s[i] === s[j] : true)));
      }),
      { numRuns: 300 },
    );
  });

  test("recency scores fall as recency (days) grows", () => {
    fc.assert(
      fc.property(valuesArb, binsArb, (days, q) => {
        const r = rfmScores(Float64Array.from(days), Float64Array.from(days), Float64Array.from(days), q).r;
        return days.every((d, i) => days.every((e, j) => (d < e ? r[i]! >= r[j]! : true)));
      }),
      { numRuns: 200 },
    );
  });

  test("segments cover every customer: each gets a rule or Others, never nothing", () => {
    const score = fc.integer({ min: 1, max: 5 });
    fc.assert(
      fc.property(fc.array(fc.tuple(score, score, score), { minLength: 1, maxLength: 100 }), (cells) => {
        const index = segmentIndex(
          cells.map((c) => c[0]),
          cells.map((c) => c[1]),
          cells.map((c) => c[2]),
          DEFAULT_SEGMENT_RULES,
        );
        return Array.from(index).every((k) => k >= -1 && k < DEFAULT_SEGMENT_RULES.length);
      }),
    );
    // with the default 10 rules, Lost (R = 1) and the others leave some cells to Others
    expect(UNMATCHED_SEGMENT).toBe("Others");
  });
});
