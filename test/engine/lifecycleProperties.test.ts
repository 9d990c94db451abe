import fc from "fast-check";
import {
  GROWTH_CLASSES,
  LIFECYCLE_RULE_ORDER,
  LIFECYCLE_STAGES,
  growthClasses,
  lifecycleStages,
  manLabel,
  stageTransitions,
  type LifecycleStage,
} from "../../src/engine";

const AS_OF = 45331;

/** One customer: purchase dates as days before AS_OF (null = blank), flags, problems and a percentile. */
const customerArb = fc.record({
  // days before as of of the first purchase, and the gap to the last; null = never bought
  bought: fc.option(fc.record({ firstAgo: fc.integer({ min: 0, max: 1500 }), gap: fc.integer({ min: 0, max: 1500 }) }), { freq: 4 }),
  // rarely, only one of the two dates (a row that cannot be placed unless exited)
  oneDate: fc.constantFrom<"both" | "first" | "last">("both", "both", "both", "both", "both", "both", "both", "both", "first", "last"),
  percentile: fc.oneof(fc.constant(Number.NaN), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.8, 0.79, 1)),
  inPlan: fc.boolean(),
  problems: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) }),
  strategic: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  exited: fc.oneof({ weight: 8, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
});
type Customer = typeof customerArb extends fc.Arbitrary<infer T> ? T : never;

function columns(customers: Customer[]) {
  const first = new Float64Array(customers.length).fill(Number.NaN);
  const last = new Float64Array(customers.length).fill(Number.NaN);
  customers.forEach((c, i) => {
    if (c.bought === null) return;
    const f = AS_OF - c.bought.firstAgo;
    const l = Math.min(AS_OF, f + c.bought.gap);
    if (c.oneDate !== "last") first[i] = f;
    if (c.oneDate !== "first") last[i] = l;
  });
  return {
    firstPurchase: first,
    lastPurchase: last,
    valuePercentile: Float64Array.from(customers, (c) => c.percentile),
    inPlan: Uint8Array.from(customers, (c) => (c.inPlan ? 1 : 0)),
    openProblems: Float64Array.from(customers, (c) => c.problems),
    strategic: Uint8Array.from(customers, (c) => (c.strategic ? 1 : 0)),
    exited: Uint8Array.from(customers, (c) => (c.exited ? 1 : 0)),
  };
}

/** methods §7, written out again as predicates (defaults 365 / 120 / 365 / top 20%), for the first-rule-wins check. */
function ruleHolds(stage: LifecycleStage, f: number, l: number, c: Customer): boolean {
  const bought = !Number.isNaN(f);
  switch (stage) {
    case "Exited":
      return c.exited || (!Number.isNaN(l) && AS_OF - l >= 365);
    case "Problem":
      return c.problems > 0;
    case "Strategic":
      return c.strategic;
    case "Prospect":
      return !bought && !c.inPlan;
    case "Target":
      return !bought && c.inPlan;
    case "New":
      return AS_OF - f < 120;
    case "Core":
      return AS_OF - f >= 365 && c.percentile >= 0.8;
    case "Established":
      return true;
  }
}

describe("lifecycle properties", () => {
  test("every customer gets exactly one stage: the first rule that holds, and its reason starts with the stage name", () => {
    fc.assert(
      fc.property(fc.array(customerArb, { minLength: 1, maxLength: 40 }), (customers) => {
        const input = columns(customers);
        const result = lifecycleStages(input, { asOf: AS_OF });
        if (result.stage.length !== customers.length || result.reason.length !== customers.length) return false;
        return customers.every((c, i) => {
          const f = input.firstPurchase[i] as number;
          const l = input.lastPurchase[i] as number;
          const k = result.stage[i] as number;
          const reason = result.reason[i] as string;
          if (Number.isNaN(f) !== Number.isNaN(l) && !c.exited) return k === -1 && reason.length > 0;
          const expected = LIFECYCLE_RULE_ORDER.find((stage) => ruleHolds(stage, f, l, c));
          const stage = LIFECYCLE_STAGES[k];
          return stage !== undefined && stage === expected && reason.startsWith(`${stage}: `) && reason.length > stage.length + 2;
        });
      }),
      { numRuns: 400 },
    );
  });

  test("transition counts sum to the customers with both stages, and each row sums to its from-stage count", () => {
    const stageArb = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...LIFECYCLE_STAGES) }, { weight: 1, arbitrary: fc.constantFrom("", "VIP", "core", " New ") });
    fc.assert(
      fc.property(fc.array(fc.tuple(stageArb, stageArb), { minLength: 1, maxLength: 60 }), (pairs) => {
        const from = pairs.map((p) => p[0] as string);
        const to = pairs.map((p) => p[1] as string);
        if (from.every((s) => s.trim() === "") && to.every((s) => s.trim() === "")) return true;
        const t = stageTransitions(from, to);
        const both = pairs.filter(([a, b]) => a.trim() !== "" && b.trim() !== "");
        const total = t.counts.flat().reduce((a, b) => a + b, 0);
        const rowsOk = t.stages.every((stage, r) => {
          const expected = both.filter(([a]) => a.trim().toLowerCase() === stage.toLowerCase()).length;
          return (t.counts[r] as number[]).reduce((a, b) => a + b, 0) === expected;
        });
        return (
          total === both.length &&
          t.customers === both.length &&
          t.skipped === pairs.length - both.length &&
          t.upgrades + t.downgrades + t.unchanged + t.unranked === t.customers &&
          rowsOk
        );
      }),
      { numRuns: 300 },
    );
  });

  test("growth classes: every customer with a number in either period gets exactly one class", () => {
    const moneyArb = fc.oneof(fc.constant(Number.NaN), fc.constant(0), fc.double({ min: -1e4, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.tuple(moneyArb, moneyArb), { minLength: 1, maxLength: 50 }), (rows) => {
        const r = growthClasses(Float64Array.from(rows, (x) => x[0]), Float64Array.from(rows, (x) => x[1]));
        return rows.every(([p, c], i) => {
          const k = r.index[i] as number;
          if (Number.isNaN(p) && Number.isNaN(c)) return k === -1;
          return k >= 0 && k < GROWTH_CLASSES.length;
        });
      }),
      { numRuns: 300 },
    );
  });

  test("MAN: Qualified exactly when all three; otherwise the letters are exactly the flags set", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), (m, a, n) => {
        const label = manLabel(m, a, n);
        if (m && a && n) return label === "Qualified";
        const letters = label === "None" ? [] : label.split("-");
        return letters.join("") === `${m ? "M" : ""}${a ? "A" : ""}${n ? "N" : ""}`;
      }),
    );
  });
});
