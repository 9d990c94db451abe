/**
 * Pictures on the summary sheet: each kind as a section (figures worked out by hand here),
 * its native chart through the Office workbook (office-addin-mock) with the type, cells and
 * colours, and a heatmap's colour scale through both the Office and the in-memory workbook.
 */
import { type Picture, pictureSections } from "../../src/engine";
import { OfficeWorkbook, type ExcelHost } from "../../src/office/OfficeWorkbook";
import { MemoryWorkbook } from "../../src/preview/MemoryWorkbook";
import { sheetDecorations, cellView } from "../../src/preview/gridModel";
import { layoutSummary } from "../../src/workbook/summaryLayout";
import type { SummarySheet } from "../../src/workbook/Workbook";
import { FakeExcel } from "../office/fakeExcel";

const CURVE: Picture = {
  kind: "curve",
  id: "pareto",
  title: "Pareto curve",
  xTitle: "Share of customers",
  yTitle: "Share of value",
  xFormat: "percent",
  yFormat: "percent",
  series: [
    { name: "Value", x: [0, 0.25, 0.5, 1], y: [0, 0.6, 0.8, 1] },
    { name: "Equal shares", x: [0, 1], y: [0, 1], dashed: true },
  ],
  marks: [{ x: 0.25, label: "Gold: top 25%", group: 0 }],
};

const HEAT: Picture = {
  kind: "heatmap",
  id: "rf",
  title: "R × F",
  rowTitle: "R",
  columnTitle: "F",
  rows: ["2", "1"],
  columns: ["1", "2"],
  valueName: "Customers",
  valueFormat: "integer",
  values: [
    [4, 10],
    [0, null],
  ],
  second: { name: "Average monetary value", format: "money", values: [[12.5, 80], [null, null]] },
};

const STACK: Picture = {
  kind: "bars",
  id: "by-region",
  title: "Tiers by region",
  orientation: "columns",
  stacked: true,
  categories: ["North", "South"],
  categoryTitle: "Region",
  valueTitle: "Share of customers",
  valueFormat: "percent",
  series: [
    { name: "Gold", values: [0.2, 0.1] },
    { name: "Rest", values: [0.8, 0.9] },
  ],
  colourBy: "seriesGroups",
  seriesGroups: [0, 1],
};

const SCATTER: Picture = {
  kind: "scatter",
  id: "quadrants",
  title: "Actual × potential",
  xTitle: "Actual",
  yTitle: "Potential",
  xFormat: "number",
  yFormat: "number",
  x: [10, 80, 30],
  y: [70, 90, 20],
  group: [1, 0, 1],
  customers: 5,
  lines: [],
  regions: [],
};

/** Segments by size: one series whose categories are the run's groups (RFM segments), each bar its segment's. */
const BY_SIZE: Picture = {
  kind: "bars",
  id: "segments-size",
  title: "Segments by size",
  orientation: "bars",
  stacked: false,
  categories: ["Rest", "Gold", "Unplaced"],
  categoryTitle: "Segment",
  valueTitle: "Customers",
  valueFormat: "integer",
  series: [{ name: "Customers", values: [4, 1, 2] }],
  colourBy: "groups",
  categoryGroups: [1, 0, -1],
};

const colours = (k: number) => ["#FFD54F", "#E0E0E0"][k] ?? null;

describe("pictureSections", () => {
  test("a curve: one x column, each line interpolated on it (the diagonal at 25% and 50% is 25% and 50%), marks as a table", () => {
    const [points, marks] = pictureSections([CURVE], ["Gold", "Rest"]);
    expect(points?.headers).toEqual(["Share of customers", "Value", "Equal shares"]);
    expect(points?.rows).toEqual([
      [0, 0, 0],
      [0.25, 0.6, 0.25],
      [0.5, 0.8, 0.5],
      [1, 1, 1],
    ]);
    expect(points?.chart).toMatchObject({ type: "xyLine", categoryColumn: 0, seriesColumns: [1, 2] });
    expect(points?.numberFormats).toEqual(["0.0%", "0.0%", "0.0%"]);
    expect(marks?.rows).toEqual([["Gold: top 25%", 0.25, 0.6]]);
  });

  test("a heatmap: the grid with its row and column labels, missing figures blank, a colour scale over the figures; the second figure a second grid", () => {
    const [first, second] = pictureSections([HEAT], [], { moneyFormat: "€#,##0.00" });
    expect(first?.headers).toEqual(["R \\ F", "1", "2"]);
    expect(first?.rows).toEqual([
      ["2", 4, 10],
      ["1", 0, null],
    ]);
    expect(first?.colourScale).toEqual({ columns: [1, 2] });
    expect(second?.title).toBe("R × F: Average monetary value");
    expect(second?.numberFormats).toEqual([null, "€#,##0.00", "€#,##0.00"]);
  });

  test("stacked bars take the stacked chart type and their groups' colours; a scatter one y column per group, sampled in the title", () => {
    const [stack, scatter] = pictureSections([STACK, SCATTER], ["Gold", "Rest"], { groupColour: colours });
    expect(stack?.chart).toMatchObject({ type: "stackedColumn", seriesColumns: [1, 2], colours: ["#FFD54F", "#E0E0E0"] });
    expect(scatter?.title).toBe("Actual × potential (3 of 5 customers, evenly sampled)");
    expect(scatter?.headers).toEqual(["Actual", "Potential: Gold", "Potential: Rest"]);
    expect(scatter?.rows).toEqual([
      [10, null, 70],
      [80, 90, null],
      [30, null, 20],
    ]);
  });

  test("one series of groups: each bar its group's colour (sorted by size, so the colours follow the categories), none for a category that is no group", () => {
    const [section] = pictureSections([BY_SIZE], ["Gold", "Rest"], { groupColour: colours });
    expect(section?.chart).toMatchObject({ type: "bar", seriesColumns: [1], pointColours: ["#E0E0E0", "#FFD54F", null] });
    expect(section?.chart?.colours).toBeUndefined();
  });

  test("no NaN or Infinity reaches a cell", () => {
    const bad: Picture = { ...STACK, series: [{ name: "Gold", values: [Number.NaN, Number.POSITIVE_INFINITY] }] } as Picture;
    const [section] = pictureSections([bad], []);
    expect(section?.rows).toEqual([
      ["North", null],
      ["South", null],
    ]);
  });
});

function summaryWith(pictures: Picture[]): SummarySheet {
  return {
    name: "CV Summary",
    title: "Customer value",
    subtitle: [],
    table: { headers: ["Tier", "Customers"], rows: [["Gold", 1], ["Rest", 4]] },
    chart: { type: "bar", title: "Customers", categories: ["Gold", "Rest"], series: [{ name: "Customers", values: [1, 4] }] },
    sections: pictureSections(pictures, ["Gold", "Rest"], { groupColour: colours }),
    notes: [],
  };
}

describe("pictures on the summary sheet", () => {
  test("Office: an XY line chart for the curve, a stacked column chart coloured by tier, a colour scale on the heatmap's figures", async () => {
    const fake = new FakeExcel(["Data"]);
    await new OfficeWorkbook({ excel: fake.host as unknown as ExcelHost }).writeSummary(summaryWith([CURVE, STACK, HEAT]));
    const sheet = fake.sheet("CV Summary");
    const types = sheet.charts.map((c) => c.type);
    expect(types).toEqual(["BarClustered", "XYScatterLinesNoMarkers", "ColumnStacked"]);
    expect(sheet.charts[2]?.series.map((s) => s.colour)).toEqual(["#FFD54F", "#E0E0E0"]);
    const layout = layoutSummary(summaryWith([CURVE, STACK, HEAT]));
    expect(layout.colourScales).toHaveLength(2);
    const scales = sheet.conditionalFormats.filter((f) => f.type === "ColorScale");
    expect(scales).toHaveLength(2);
    expect(scales[0]?.colorScale).toEqual({ minimum: { type: "LowestValue", color: "#FFFFFF" }, maximum: { type: "HighestValue", color: "#5B9BD5" } });
    // The first grid's figures: two rows × two columns, right of the row labels.
    const area = layout.colourScales[0];
    expect(area).toMatchObject({ left: 1, rows: 2, columns: 2 });
    expect(sheet.value(area!.top, 1)).toBe(4);
  });

  test("Office: a bar chart of groups fills each bar (chart point) in its group's colour", async () => {
    const fake = new FakeExcel(["Data"]);
    await new OfficeWorkbook({ excel: fake.host as unknown as ExcelHost }).writeSummary(summaryWith([BY_SIZE]));
    const chart = fake.sheet("CV Summary").charts[1];
    expect(chart?.type).toBe("BarClustered");
    expect(chart?.series).toHaveLength(1);
    expect(chart?.series[0]?.pointColours).toEqual({ 0: "#E0E0E0", 1: "#FFD54F" });
  });

  test("in memory: the heatmap's cells shaded from white (lowest, 0) to blue (highest, 10), 4 in between", async () => {
    const wb = new MemoryWorkbook();
    await wb.writeSummary(summaryWith([HEAT]));
    const area = layoutSummary(summaryWith([HEAT])).colourScales[0]!;
    const deco = sheetDecorations(wb, "CV Summary");
    const fill = (r: number, c: number) => cellView(wb, "CV Summary", deco, area.top + r, area.left + c).fill;
    expect(fill(0, 1)).toBe("#5B9BD5");
    expect(fill(1, 0)).toBe("#FFFFFF");
    // 4 of 10: 255 + (91 − 255) · 0.4 = 189.4 → BD; 255 + (155 − 255) · 0.4 = 215 → D7; 255 + (213 − 255) · 0.4 = 238.2 → EE.
    expect(fill(0, 0)).toBe("#BDD7EE");
    expect(fill(1, 1)).toBeUndefined();
  });
});
