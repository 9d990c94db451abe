import { defaultModel, guessRoles, runModel } from "../../src/engine";
import { liveFormulas } from "../../src/taskpane/formulas";
import { guessAspect, normalisedWeights, tierChoice, tiersFor, toggleIndicator, updateIndicator, withAnalysis } from "../../src/taskpane/modelEdits";
import { isResultHeader, loadSource } from "../../src/taskpane/source";
import type { SourceRange } from "../../src/workbook/Workbook";

const range = (values: unknown[][], left = 0): SourceRange => ({ kind: "region", sheet: "Customers", address: "A1:E5", top: 0, left, values });
const cells = [
  ["Customer", "Revenue", "Orders", "Complaints", "CV Score"],
  ["Ann", 100, 2, 4, 0],
  ["Bob", 200, 6, 2, 40],
  ["Cid", 400, 3, 0, 100],
  ["Dee", 300, 5, 2, 60],
];

describe("loadSource", () => {
  test("earlier CV columns inside the range are left out of the table and remembered", () => {
    const loaded = loadSource(range(cells));
    expect(loaded.headerRow).toBe(true);
    expect(loaded.table.headers).toEqual(["Customer", "Revenue", "Orders", "Complaints"]);
    expect(loaded.resultColumns).toEqual([{ header: "CV Score", column: 4 }]);
    expect(loaded.sheetColumns).toEqual([0, 1, 2, 3]);
    expect(loaded.nextFreeColumn).toBe(5);
  });
  test("CV columns right beside the range are found too (a table does not include them)", () => {
    const loaded = loadSource(range(cells.map((r) => r.slice(0, 4)), 2), ["CV Score", "CV Tier", "", "Notes"]);
    expect(loaded.resultColumns).toEqual([
      { header: "CV Score", column: 6 },
      { header: "CV Tier", column: 7 },
    ]);
    expect(loaded.nextFreeColumn).toBe(8);
  });
  test("without a header row, columns are named by their letters", () => {
    const loaded = loadSource(range(cells.slice(1).map((r) => r.slice(0, 4)), 2));
    expect(loaded.headerRow).toBe(false);
    expect(loaded.table.headers).toEqual(["Column C", "Column D", "Column E", "Column F"]);
  });
  test("isResultHeader", () => {
    expect(isResultHeader("CV Tier")).toBe(true);
    expect(isResultHeader("CVS")).toBe(false);
    expect(isResultHeader("CV ")).toBe(false);
  });
});

describe("model edits", () => {
  const loaded = loadSource(range(cells));
  const model = defaultModel(guessRoles(loaded.profiles));

  test("default model: Revenue, Orders and Complaints (lower is better), 50/30/20", () => {
    expect(model.indicators).toEqual([
      { column: "Revenue", weight: 50, direction: 1 },
      { column: "Orders", weight: 30, direction: 1 },
      { column: "Complaints", weight: 20, direction: -1 },
    ]);
    expect(normalisedWeights(model)).toEqual([0.5, 0.3, 0.2]);
  });

  test("weights shown as shares of their total", () => {
    const m = updateIndicator(model, "Orders", { weight: 50 });
    expect(normalisedWeights(m)).toEqual([50 / 120, 50 / 120, 20 / 120]);
  });

  test("toggling an indicator off and on again (direction guessed from the header)", () => {
    const off = toggleIndicator(model, "Complaints", false);
    expect(off.indicators.map((i) => i.column)).toEqual(["Revenue", "Orders"]);
    const on = toggleIndicator(off, "Complaints", true);
    expect(on.indicators[2]).toEqual({ column: "Complaints", weight: 40, direction: -1 });
  });

  test("switching to the scorecard guesses aspects", () => {
    expect(withAnalysis(model, "scorecard").indicators.map((i) => i.aspect)).toEqual(["sales", "sales", "service"]);
    expect(guessAspect("Gross profit")).toBe("financial");
    expect(guessAspect("满意度")).toBe("customer");
    // The sample's recency column is the relationship (potential value), payment days stay financial.
    expect(guessAspect("DaysSinceLast")).toBe("customer");
    expect(guessAspect("Days since last order")).toBe("customer");
    expect(guessAspect("Payment days")).toBe("financial");
  });

  test("tier choices", () => {
    expect(tierChoice(model.tiers)).toBe("pyramid");
    expect(tiersFor("key20", model.tiers)).toEqual({ by: "share", preset: "key20", shares: [0.2, 0.8], labels: ["Key", "General"] });
    expect(tiersFor("custom", model.tiers)).toEqual({ ...model.tiers, preset: "custom" });
    expect(tiersFor("score", model.tiers)).toEqual({ by: "score", thresholds: [80, 60, 40], labels: ["A", "B", "C", "D"] });
  });
});

describe("live formulas", () => {
  const loaded = loadSource({ ...range(cells.map((r) => r.slice(0, 4))), top: 2, left: 1 });
  const model = defaultModel(guessRoles(loaded.profiles));
  test("pyramid: CV.SCORE over the indicator columns, CV.TIER on its spill", () => {
    const f = liveFormulas(model, loaded, runModel(model, loaded.table), { top: 3, left: 5 });
    // table at B3:E7 → data rows 4–7; Revenue is column C, Orders D, Complaints E; results start at F4
    expect(f[0]).toEqual([
      '=CV.SCORE(HSTACK(C4:C7,D4:D7,E4:E7),{50,30,20},{1,1,-1},"minmax")',
      '=CV.TIER(F4#,{0.01,0.04,0.15,0.8},{"Top","Big","Medium","Small"})',
    ]);
    expect(f.slice(1).flat().every((x) => x === null)).toBe(true);
  });
  test("ABC on the value column", () => {
    const abc = { ...model, analysis: "abc" as const };
    expect(liveFormulas(abc, loaded, runModel(abc, loaded.table), { top: 3, left: 5 })[0]).toEqual(['=CV.ABC(C4:C7,{0.8,0.95},{"A","B","C"})']);
  });
});

describe("preview notes", () => {
  test("the scorecard without a customer or service indicator places nobody, and the preview says why", () => {
    const loaded = loadSource(range(cells));
    const model = withAnalysis(defaultModel(guessRoles(loaded.profiles)), "scorecard");
    const unplaced = (m: typeof model) => runModel(m, loaded.table).warnings.find((w) => w.kind === "unplaced")?.message ?? null;
    expect(unplaced(model)).toBeNull();
    const allSales = { ...model, indicators: model.indicators.map((i) => ({ ...i, aspect: "sales" as const })) };
    expect(unplaced(allSales)).toBe("4 of 4 customers get no quadrant: no customer or service indicator.");
  });
});
