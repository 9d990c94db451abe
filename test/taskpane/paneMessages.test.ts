/**
 * The pane's messages in its own words (issue 12, class 7): its field labels ("Min support",
 * "Products in a rule"), the fields' units (tier shares in %), singular and plural, thousands
 * separators. Every expected text is written out by hand from the inputs.
 */
import type { CustomerValueModel } from "../../src/engine";
import { defaultModel } from "../../src/engine";
import { inRange } from "../../src/taskpane/editors/NumberSetting";
import { paneProblem } from "../../src/taskpane/analyses/registry";
import { abcProblem, paneWords, percentText, tierProblem, weightsProblem } from "../../src/taskpane/paneChecks";
import { plural } from "../../src/taskpane/words";

describe("plural and thousands", () => {
  test("1 customer, 2 customers, 4,338 rows", () => {
    expect(plural(1, "customer")).toBe("1 customer");
    expect(plural(2, "customer")).toBe("2 customers");
    expect(plural(0, "customer")).toBe("0 customers");
    expect(plural(4338, "row")).toBe("4,338 rows");
  });

  test("a number field's range in its unit with separators", () => {
    expect(inRange("2000", 1, 1200, "Whole months", true)).toBe("Whole months from 1 to 1,200");
    expect(inRange("150", 0, 99.99, "A rate", false, "%")).toBe("A rate from 0% to 99.99%");
    expect(inRange("12", 0, 99.99, "A rate", false, "%")).toBe(12);
  });
});

describe("tier, class and weight checks in the fields' units and labels", () => {
  test("shares of 29% and 80% add up to 109%, not 1.09", () => {
    expect(percentText(0.29 + 0.8)).toBe("109");
    expect(tierProblem({ by: "share", preset: "custom", shares: [0.29, 0.8], labels: ["Key", "General"] })).toBe("The tier shares add up to 109%; they must add up to 100%.");
    expect(tierProblem({ by: "share", preset: "custom", shares: [0.2, 0.8], labels: ["Key", "General"] })).toBeNull();
    // 1% + 4% + 15% + 80% in floating point is 1 within 1e-6.
    expect(tierProblem({ by: "share", preset: "pyramid", shares: [0.01, 0.04, 0.15, 0.8], labels: ["Top", "Big", "Medium", "Small"] })).toBeNull();
    expect(tierProblem({ by: "share", preset: "custom", shares: [0, 1], labels: ["Key", "General"] })).toBe("Share of tier 1 is 0%: every tier needs a share above 0%.");
  });

  test("thresholds name the pane's fields: Tier 2 from score", () => {
    expect(tierProblem({ by: "score", thresholds: [40, 60], labels: ["A", "B", "C"] })).toBe(
      "Tier 2 from score (60) must be below tier 1 from score (40): the thresholds go down from tier 1.",
    );
    expect(tierProblem({ by: "score", thresholds: [2000, 1500], labels: ["A", "B", "C"] }, "CLV")).toBeNull();
    expect(tierProblem({ by: "score", thresholds: [1000, 1500], labels: ["A", "B", "C"] }, "CLV")).toBe(
      "Tier 2 from CLV (1,500) must be below tier 1 from CLV (1,000): the thresholds go down from tier 1.",
    );
  });

  test("ABC classes in % of value", () => {
    expect(abcProblem({ cuts: [0.9, 0.7], labels: ["A", "B", "C"] })).toBe("Class 2 up to (% of value) is 70%, which is not above class 1 (90%): each class ends above the one before.");
    expect(abcProblem({ cuts: [0.8, 0.95], labels: ["A", "B", "C"] })).toBeNull();
    expect(abcProblem({ cuts: [0, 0.95], labels: ["A", "B", "C"] })).toBe("Class 1 up to (% of value) is 0%: give a percentage above 0 and at most 100.");
  });

  test("weights name the pane's Weight of … fields", () => {
    const indicators = [
      { column: "Revenue", weight: 0, direction: 1 as const },
      { column: "Invoices", weight: 0, direction: 1 as const },
    ];
    expect(weightsProblem({ indicators })).toBe("Every indicator's weight is 0: give at least one (e.g. Weight of Revenue) a weight above 0.");
    expect(weightsProblem({ indicators: [{ ...indicators[0]!, weight: -1 }] })).toBe("Weight of Revenue is -1: give a weight of 0 or more.");
  });

  test("a pyramid with shares adding up to 109% is stopped with the pane's words; the default pyramid is not", () => {
    const model: CustomerValueModel = defaultModel({ id: "CustomerID", name: null, value: "Revenue", indicators: [{ column: "Revenue", direction: 1 }], groupBy: null });
    expect(paneProblem(model)).toBeNull();
    expect(paneProblem({ ...model, tiers: { by: "share", preset: "custom", shares: [0.29, 0.8], labels: ["Key", "General"] } })).toBe("The tier shares add up to 109%; they must add up to 100%.");
  });
});

describe("engine words become the pane's labels", () => {
  test("raise min_support … lower max_size → raise Min support … lower Products in a rule, the share in %", () => {
    expect(paneWords("More than 2,000,000 frequent itemsets at min_support 0.001: raise min_support or lower max_size.")).toBe(
      "More than 2,000,000 frequent itemsets at Min support 0.1%: raise Min support or lower Products in a rule.",
    );
  });

  test("the option words the cross-sell and clusters messages use", () => {
    expect(paneWords("no product is in 8 invoices or more, so no two can be: lower the minimum support.")).toBe("no product is in 8 invoices or more, so no two can be: lower Min support.");
    expect(paneWords("3 pairs of products reach the support, but no rule reaches the confidence: lower the minimum confidence.")).toBe(
      "3 pairs of products reach the support, but no rule reaches the confidence: lower Min confidence.",
    );
    expect(paneWords('Clusters number of clusters: expected "auto" or a whole number from 2 to 20, found 9999.')).toBe('Number of clusters: expected "auto" or a whole number from 2 to 20, found 9999.');
  });

  test("other text is left as it is", () => {
    expect(paneWords("Sales: 1 cell is not a number (data row 2); treated as blank.")).toBe("Sales: 1 cell is not a number (data row 2); treated as blank.");
  });
});
