import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { Picture } from "../../src/engine/analyses/pictures";
import { PictureList, PictureView } from "../../src/taskpane/preview/PictureView";
import { WIDE_WIDTH, fitsWords, flowLegend, labelColumn, formatFigure, formatTick, heatLayout, niceTicks, stackLabels, textOn, textWidth, wrapLabel } from "../../src/taskpane/preview/pictureLayout";

describe("formatFigure", () => {
  test("writes each format as the summary sheet does", () => {
    expect(formatFigure(0.746, "percent")).toBe("74.6%");
    expect(formatFigure(1, "percent")).toBe("100.0%");
    expect(formatFigure(0, "percent")).toBe("0.0%");
    expect(formatFigure(12.3456, "percent")).toBe("1,234.6%");
    expect(formatFigure(1234.5, "number")).toBe("1,235");
    expect(formatFigure(1234567.4, "number")).toBe("1,234,567");
    expect(formatFigure(3, "integer")).toBe("3");
    expect(formatFigure(4338, "integer")).toBe("4,338");
    expect(formatFigure(1234.5, "money")).toBe("1,234.50");
    expect(formatFigure(1234567.891, "money")).toBe("1,234,567.89");
    expect(formatFigure(-42.5, "money")).toBe("-42.50");
  });
  test("never writes minus zero", () => {
    expect(formatFigure(-0.0001, "number")).toBe("0");
    expect(formatFigure(-0.0000001, "percent")).toBe("0.0%");
    expect(formatFigure(-0.001, "money")).toBe("0.00");
  });
  test("ticks carry just the decimals their step needs", () => {
    expect(formatTick(0.25, "percent", 0.25)).toBe("25%");
    expect(formatTick(0.025, "percent", 0.025)).toBe("2.5%");
    expect(formatTick(1500, "money", 500)).toBe("1,500");
    expect(formatTick(2.5, "money", 2.5)).toBe("2.5");
    expect(formatTick(10000, "number", 5000)).toBe("10,000");
  });
});

describe("niceTicks", () => {
  const round = (step: number) => {
    const power = 10 ** Math.floor(Math.log10(step));
    const m = Number((step / power).toPrecision(6));
    return [1, 2, 2.5, 5, 10].includes(m);
  };
  test("hand-checked ranges", () => {
    expect(niceTicks(0, 1900).ticks).toEqual([0, 500, 1000, 1500, 2000]);
    expect(niceTicks(0, 1).ticks).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(0, 3, 5, true).ticks).toEqual([0, 1, 2, 3]);
    expect(niceTicks(5, 5).ticks[0]).toBe(0);
    expect(niceTicks(0, 0).ticks).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
  test("ticks are round, evenly spaced and cover the range", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.boolean(), (a, b, integer) => {
        const t = niceTicks(a, b, 5, integer);
        expect(round(t.step)).toBe(true);
        if (integer) expect(Number.isInteger(t.step)).toBe(true);
        expect(t.low).toBeLessThanOrEqual(Math.min(a, b) + 1e-8 * t.step);
        expect(t.high).toBeGreaterThanOrEqual(Math.max(a, b) - 1e-8 * t.step);
        expect(t.ticks[0]).toBe(t.low);
        expect(t.ticks[t.ticks.length - 1]).toBeCloseTo(t.high, 6);
        expect(t.ticks.length).toBeGreaterThanOrEqual(2);
        expect(t.ticks.length).toBeLessThanOrEqual(12);
        for (let k = 1; k < t.ticks.length; k++) expect(t.ticks[k]! - t.ticks[k - 1]!).toBeCloseTo(t.step, 6);
        for (const tick of t.ticks) expect(Math.abs(tick / t.step - Math.round(tick / t.step))).toBeLessThan(1e-6);
      }),
    );
  });
});

describe("wrapLabel", () => {
  test("hand-checked labels", () => {
    expect(wrapLabel("Very important customers", 80, 11)).toEqual(["Very", "important", "customers"]);
    expect(wrapLabel("Gold", 80, 11)).toEqual(["Gold"]);
    expect(wrapLabel("Champions and loyal", 120, 11)).toEqual(["Champions and", "loyal"]);
    expect(wrapLabel("", 80, 11)).toEqual([""]);
    // a word longer than a line is split, not cut
    expect(wrapLabel("Supercalifragilistic", 40, 10)).toEqual(["Superc", "alifra", "gilist", "ic"]);
  });
  test("each line fits and no character is lost", () => {
    const word = fc.stringMatching(/^[A-Za-z0-9&\-/]{1,18}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), fc.integer({ min: 20, max: 200 }), fc.integer({ min: 9, max: 12 }), (words, width, size) => {
        const lines = wrapLabel(words.join(" "), width, size);
        for (const line of lines) expect(textWidth(line, size)).toBeLessThanOrEqual(Math.max(width, size * WIDE_WIDTH));
        expect(lines.join("").replace(/\s/g, "")).toBe(words.join(""));
        // whole words stay whole when they fit a line
        const perLine = Math.floor(width / (size * WIDE_WIDTH));
        for (const w of words) if (w.length <= perLine) expect(lines.some((l) => l.split(" ").includes(w))).toBe(true);
      }),
    );
  });
});

describe("label columns", () => {
  test("fitsWords tells whether wrapping keeps words whole", () => {
    expect(fitsWords("At risk", 30, 10)).toBe(true);
    expect(fitsWords("Reactivated", 30, 10)).toBe(false);
  });
  test("labelColumn widens until every label takes three lines or fewer, with whole words", () => {
    const labels = ["Descaling tablets and cleaning kit → Filters", "Tea"];
    const w = labelColumn(labels, 90, 135, 11, 3);
    expect(w).toBeLessThan(135);
    for (const l of labels) {
      const lines = wrapLabel(l, w, 11);
      expect(lines.length).toBeLessThanOrEqual(3);
      expect(lines.join(" ")).toBe(l);
    }
    expect(wrapLabel(labels[0]!, w - 4, 11).length).toBeGreaterThan(3);
    expect(labelColumn(["Supercalifragilisticexpialidocious"], 20, 60, 11)).toBe(60);
  });
});

describe("stackLabels", () => {
  test("close marks go in rows, far ones share a row", () => {
    const placed = stackLabels(
      [
        { at: 50, width: 30 },
        { at: 55, width: 30 },
        { at: 200, width: 30 },
      ],
      0,
      300,
    );
    expect(placed.map((p) => p.row)).toEqual([0, 1, 0]);
  });
  test("labels in a row never overlap and never leave the box", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.double({ min: -50, max: 350, noNaN: true }), width: fc.double({ min: 5, max: 120, noNaN: true }) }), { maxLength: 12 }), (items) => {
        const placed = stackLabels(items, 0, 300, 4);
        expect(placed).toHaveLength(items.length);
        for (const p of placed) {
          expect(p.x).toBeGreaterThanOrEqual(0);
          expect(p.x + p.width).toBeLessThanOrEqual(300 + 1e-9);
        }
        for (let a = 0; a < placed.length; a++)
          for (let b = a + 1; b < placed.length; b++) {
            const p = placed[a]!;
            const q = placed[b]!;
            if (p.row !== q.row) continue;
            expect(p.x + p.width + 4 <= q.x + 1e-9 || q.x + q.width + 4 <= p.x + 1e-9).toBe(true);
          }
      }),
    );
  });
});

describe("other layout", () => {
  test("legend entries stay within the width", () => {
    const names = ["Champions", "Loyal customers", "At risk", "Hibernating", "Lost"];
    const at = flowLegend(names, 200, 10);
    names.forEach((n, k) => expect(at[k]!.x + 14 + textWidth(n, 10)).toBeLessThanOrEqual(200));
    expect(at[0]).toEqual({ x: 0, row: 0 });
  });
  test("text contrast", () => {
    expect(textOn("#FFFFFF")).toBe("#242424");
    expect(textOn("#5B9BD5")).toBe("#242424");
    expect(textOn("#1F3864")).toBe("#FFFFFF");
  });
  test("a 5 × 5 heatmap fits 300 px with fonts of 10 px or more", () => {
    const lay = heatLayout(300, ["5", "4", "3", "2", "1"], 5, "1,234", "12,345.67");
    expect(lay.headerWidth + 5 * lay.cellWidth).toBeLessThanOrEqual(300);
    expect(lay.fontSize).toBeGreaterThanOrEqual(10);
    expect(lay.fontSize).toBeLessThanOrEqual(12);
    // money under counts fits at 11 / 10 px in 54 px cells
    const rfm = heatLayout(300, ["5", "4", "3", "2", "1"], 5, "1,110", "1,142.50");
    expect(rfm.showSecond).toBe(true);
    expect(textWidth("1,142.50", rfm.secondSize) + 4).toBeLessThanOrEqual(rfm.cellWidth);
    expect(rfm.secondSize).toBeGreaterThanOrEqual(9);
    const tight = heatLayout(300, ["Row"], 12, "12,345", "123,456.78");
    expect(tight.fontSize).toBe(10);
    expect(tight.showSecond).toBe(false);
  });
});

describe("PictureView markup", () => {
  const groups = ["Gold", "Silver", "Bronze"];
  const curve: Picture = {
    kind: "curve",
    id: "pareto",
    title: "Pareto curve",
    caption: "The top 20% hold 74.6% of Revenue.",
    xTitle: "Share of customers",
    yTitle: "Share of Revenue",
    xFormat: "percent",
    yFormat: "percent",
    series: [
      { name: "Revenue", x: [0, 0.2, 1], y: [0, 0.746, 1] },
      { name: "Equality", x: [0, 1], y: [0, 1], dashed: true },
    ],
    marks: [
      { x: 0.05, label: "Top 5%", group: 0 },
      { x: 0.06, label: "Top 6%", group: 1 },
    ],
  };
  const bars: Picture = {
    kind: "bars",
    id: "tiers",
    title: "Customers by tier",
    orientation: "bars",
    stacked: false,
    categories: ["Very important customers indeed", "Silver", "Bronze"],
    categoryTitle: "Tier",
    valueTitle: "Customers",
    valueFormat: "integer",
    series: [{ name: "Customers", values: [1234, 56, 7] }],
    colourBy: "groups",
    categoryGroups: [0, 1, 2],
    notes: ["support 2.1%", "", ""],
  };
  const scatter: Picture = {
    kind: "scatter",
    id: "quadrants",
    title: "Actual × potential",
    xTitle: "Actual",
    yTitle: "Potential",
    xFormat: "money",
    yFormat: "money",
    x: [1, 2, 3],
    y: [3, 2, 1],
    group: [0, 1, 2],
    customers: 4338,
    lines: [{ axis: "x", at: 2, label: "Median actual" }],
    regions: [{ label: "Strategic", corner: "top-right", group: 0 }],
  };
  const heat: Picture = {
    kind: "heatmap",
    id: "rfm-heatmap",
    title: "R × F",
    rowTitle: "Recency",
    columnTitle: "Frequency",
    rows: ["5", "1"],
    columns: ["1", "5"],
    valueName: "Customers",
    valueFormat: "integer",
    values: [
      [12, null],
      [3, 1500],
    ],
    second: { name: "Average value", format: "money", values: [[10.5, null], [2, 99.99]] },
  };

  test("each kind renders with its test id and its figures in labels", () => {
    const html = renderToStaticMarkup(createElement(PictureList, { pictures: [curve, bars, scatter, heat], groups, onSelect: () => undefined }));
    for (const id of ["pareto", "tiers", "quadrants", "rfm-heatmap"]) expect(html).toContain(`data-testid="picture-${id}"`);
    expect(html).toContain("The top 20% hold 74.6% of Revenue.");
    expect(html).toContain('aria-label="Top 5% at 5.0% (Gold)"');
    expect(html).toContain('aria-label="Very important customers indeed: 1,234 (support 2.1%)"');
    expect(html).toContain("3 of 4,338 customers shown");
    expect(html).toContain('aria-label="1, 5: Customers 1,500, Average value 99.99"');
    expect(html).toContain('role="button"');
    // the full category name is drawn, never cut
    expect(html).not.toContain("…");
  });
  test("without onSelect nothing is a button", () => {
    const html = renderToStaticMarkup(createElement(PictureView, { picture: heat, groups }));
    expect(html).not.toContain('role="button"');
    expect(html).toContain('viewBox="0 0 300 ');
  });
});
