import { TIER, TIERBYSCORE } from "../../src/functions/functions";
import { col, errorCode, errorMessage, firstColumn, row, thrownExcelError } from "../helpers/cells";

const count = (labels: unknown[], label: string) => labels.filter((l) => l === label).length;

describe("CV.TIER", () => {
  test("pyramid on 100 distinct scores: 1 Top, 4 Big, 15 Medium, 80 Small, from the top", () => {
    const scores = col(...Array.from({ length: 100 }, (_, i) => 100 - i)); // 100, 99, … 1
    const tiers = firstColumn(TIER(scores));
    expect(tiers[0]).toBe("Top");
    expect(tiers.slice(1, 5)).toEqual(["Big", "Big", "Big", "Big"]);
    expect(tiers[5]).toBe("Medium");
    expect(tiers[19]).toBe("Medium");
    expect(tiers[20]).toBe("Small");
    expect([count(tiers, "Top"), count(tiers, "Big"), count(tiers, "Medium"), count(tiers, "Small")]).toEqual([1, 4, 15, 80]);
  });

  test("ties at a tier boundary share the better tier", () => {
    // key20 on 10 customers: Key while h < 0.2 × 10 = 2. The two 90s have h = 1, so both are Key:
    // three Key customers rather than an arbitrary split of the tie.
    const tiers = firstColumn(TIER(col(100, 90, 90, 80, 70, 60, 50, 40, 30, 20), [["key20"]]));
    expect(tiers).toEqual(["Key", "Key", "Key", "General", "General", "General", "General", "General", "General", "General"]);
  });

  test("input order is kept: the spill sits beside the data", () => {
    expect(firstColumn(TIER(col(20, 100, 60, 40, 80), [["abcd"]]))).toEqual(["D", "A", "B", "C", "B"]);
    // abcd, n = 5: limits 1, 2.5, 4, 5; h: 20→4 (D), 100→0 (A), 60→2 (B), 40→3 (C), 80→1 (B)
  });

  test("all scores equal: everyone is in the top tier (the top tier is never empty)", () => {
    expect(firstColumn(TIER(col(50, 50, 50)))).toEqual(["Top", "Top", "Top"]);
  });

  test("a single customer is Top", () => {
    expect(TIER(col(12))).toEqual([["Top"]]);
  });

  test("custom shares as fractions or percentages, with labels", () => {
    const expected = [["Gold"], ["Gold"], ["Rest"], ["Rest"]];
    expect(TIER(col(4, 3, 2, 1), row(0.5, 0.5), row("Gold", "Rest"))).toEqual(expected);
    expect(TIER(col(4, 3, 2, 1), row(50, 50), row("Gold", "Rest"))).toEqual(expected);
  });

  test("preset names are case-insensitive and may be renamed", () => {
    expect(firstColumn(TIER(col(2, 1), [["KEY20"]], row("VIP", "Others")))).toEqual(["VIP", "Others"]);
  });

  test("custom shares without labels are Tier 1, Tier 2", () => {
    expect(firstColumn(TIER(col(2, 1), row(0.5, 0.5)))).toEqual(["Tier 1", "Tier 2"]);
  });

  test("a blank score gets #N/A and is not counted in n", () => {
    // n = 4 scored customers, key20 limit 0.8: only the top one is Key
    const tiers = firstColumn(TIER(col(9, "", 7, 5, 3), [["key20"]]));
    expect(errorCode(tiers[1])).toBe("#N/A");
    expect(errorMessage(tiers[1])).toBe("scores row 2 is blank");
    expect([tiers[0], tiers[2], tiers[3], tiers[4]]).toEqual(["Key", "General", "General", "General"]);
  });

  test("bad input", () => {
    expect(thrownExcelError(() => TIER(col(1, 2), [["diamond"]])).message).toBe(
      'tiers must be a preset (pyramid, key20, abcd) or a list of shares; found "diamond"',
    );
    expect(thrownExcelError(() => TIER(col(1, 2), row(0.5, 0.4))).message).toBe("tiers must sum to 1 (or 100%), but they sum to 0.9");
    expect(thrownExcelError(() => TIER(col(1, 2), row(1.2, -0.2))).message).toBe(
      "tiers entry 2: a share must be a number above 0 (every tier holds someone), found -0.2",
    );
    expect(thrownExcelError(() => TIER(col(3, 2, 1), row(0, 0.5, 0.5))).message).toContain("tiers entry 1: a share must be a number above 0");
    expect(thrownExcelError(() => TIER(col(1, 2), [["key20"]], row("A", "B", "C"))).message).toBe("labels has 3 labels but there are 2 tiers");
    expect(thrownExcelError(() => TIER(col(1, "high"))).message).toBe('scores row 2, column 1: expected a number, found "high"');
  });
});

describe("CV.TIERBYSCORE", () => {
  test("first threshold the score reaches, with a last label for the rest", () => {
    const labels = firstColumn(TIERBYSCORE(col(85, 80, 61, 12, 40), row(80, 60, 40), row("A", "B", "C", "D")));
    expect(labels).toEqual(["A", "A", "B", "D", "C"]);
  });

  test("without a last label, a score below every threshold gets #N/A saying so", () => {
    const labels = firstColumn(TIERBYSCORE(col(85, 12), row(80, 60, 40), row("A", "B", "C")));
    expect(labels[0]).toBe("A");
    expect(errorCode(labels[1])).toBe("#N/A");
    expect(errorMessage(labels[1])).toBe("scores row 2 (12) is below the lowest threshold 40");
  });

  test("thresholds must descend; labels must fit", () => {
    expect(thrownExcelError(() => TIERBYSCORE(col(1), row(40, 60), row("A", "B"))).message).toBe(
      "thresholds must be strictly descending (highest first); entry 2 (60) is not below entry 1 (40)",
    );
    expect(thrownExcelError(() => TIERBYSCORE(col(1), row(80, 60), row("A"))).message).toBe(
      "labels has 1 labels; give one per threshold (2), or one more for scores below the last threshold",
    );
  });
});
