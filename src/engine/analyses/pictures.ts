/**
 * An analysis's pictures as plain data: what the task pane draws in its preview and what the
 * summary sheet draws as a native chart (or, for a heatmap, as a grid coloured by conditional
 * formatting). One picture, one set of numbers: the pane and the sheet show the same figures,
 * and a test can check them against the data.
 *
 * Four kinds cover every analysis:
 * - `curve`: lines over a numeric x axis (the Pareto / Lorenz curve, the whale curve, the
 *   silhouette curve), with labelled vertical marks (tier cut-offs, the chosen k);
 * - `bars`: columns or bars per category, grouped or stacked (distributions, the stage funnel,
 *   segments by size, rules by lift, cluster profiles, groups per Group by value);
 * - `scatter`: points coloured by group, with reference lines and named regions (actual ×
 *   potential with the median lines and the four quadrants);
 * - `heatmap`: a grid of figures shaded by size, with an optional second figure per cell (R × F
 *   customers and average monetary value, the stage transition matrix, expected purchases and
 *   P(alive) by frequency and recency).
 *
 * Pictures never hold NaN or Infinity: a figure that cannot be computed is null (heatmap) or
 * the point / category is left out.
 */

/** How a picture's numbers read: 0.746 → "74.6%" (percent), 1234.5 → "1,235" (number), 3 → "3" (integer), 1234.5 → "1,234.50" in the value column's currency (money). */
export type PictureFormat = "percent" | "number" | "integer" | "money";

/** What every picture has. */
export interface PictureBase {
  /** Stable within an analysis, e.g. "pareto", "rfm-heatmap"; the pane's test id is "picture-<id>". */
  id: string;
  /** The chart title, as on the summary sheet, e.g. "Pareto curve: share of Revenue by share of customers". */
  title: string;
  /** One or two plain sentences under it: what to read from it, with its key figures, e.g. "The top 20% hold 74.6% of Revenue." */
  caption?: string;
}

/** A labelled vertical line on a curve, e.g. a tier cut-off at the top 5% of customers. */
export interface CurveMark {
  x: number;
  label: string;
  /** The run group (index into run.groups) the line starts, for colour and drill-down; absent: none. */
  group?: number;
}

/** Lines over a numeric x axis. */
export interface CurvePicture extends PictureBase {
  kind: "curve";
  xTitle: string;
  yTitle: string;
  xFormat: PictureFormat;
  yFormat: PictureFormat;
  /** Each line: its name (the legend), its points in x order (x.length === y.length); dashed for reference lines (equality diagonal, naive rate). */
  series: { name: string; x: number[]; y: number[]; dashed?: boolean }[];
  marks: CurveMark[];
}

/** Columns (vertical) or bars (horizontal) per category. */
export interface BarsPicture extends PictureBase {
  kind: "bars";
  orientation: "columns" | "bars";
  /** Series stacked (per Group by value: the tiers stacked) or side by side. */
  stacked: boolean;
  categories: string[];
  categoryTitle: string;
  valueTitle: string;
  valueFormat: PictureFormat;
  /** Each series: its name and one value per category (0 where there is none). */
  series: { name: string; values: number[] }[];
  /**
   * Colour: "series" colours each series from the chart palette; "groups" colours each
   * category by its run group (categoryGroups), so a tier has one colour everywhere;
   * "seriesGroups" colours each series by its run group (seriesGroups: the tiers stacked per region).
   */
  colourBy: "series" | "groups" | "seriesGroups";
  /** Per category, its run group (index into run.groups; -1 none): colour and drill-down. */
  categoryGroups?: number[];
  /** Per series, its run group (index into run.groups; -1 none). */
  seriesGroups?: number[];
  /** Per category, a short line of extra figures shown with it, e.g. "support 2.1% · confidence 45%". */
  notes?: string[];
}

/** A reference line across a scatter, e.g. the median of the actual value. */
export interface ScatterLine {
  axis: "x" | "y";
  at: number;
  label: string;
}

/** A named corner of a scatter, e.g. the top-right quadrant "Strategic". */
export interface ScatterRegion {
  label: string;
  corner: "top-left" | "top-right" | "bottom-left" | "bottom-right";
  /** Its run group (index into run.groups), for colour and drill-down; -1 none. */
  group: number;
}

/** Points coloured by group. */
export interface ScatterPicture extends PictureBase {
  kind: "scatter";
  xTitle: string;
  yTitle: string;
  xFormat: PictureFormat;
  yFormat: PictureFormat;
  /** The points shown (x.length === y.length === group.length); each point's run group (-1 none). */
  x: number[];
  y: number[];
  group: number[];
  /** How many customers have a point, of which `x.length` are shown (evenly sampled when there are more than the picture holds). */
  customers: number;
  lines: ScatterLine[];
  regions: ScatterRegion[];
}

/** A grid of figures shaded by size. */
export interface HeatmapPicture extends PictureBase {
  kind: "heatmap";
  rowTitle: string;
  columnTitle: string;
  rows: string[];
  columns: string[];
  /** The shaded figure's name ("Customers") and format; rows × columns, null where there is none. */
  valueName: string;
  valueFormat: PictureFormat;
  values: (number | null)[][];
  /** A second figure per cell, written under the first (e.g. average monetary value). */
  second?: { name: string; format: PictureFormat; values: (number | null)[][] };
  /**
   * Per result row, its cell as row × columns.length + column (-1: in none), for the
   * drill-down from a cell to its customers; absent when cells are not customers.
   */
  rowCells?: Int32Array;
}

/** Any picture. */
export type Picture = CurvePicture | BarsPicture | ScatterPicture | HeatmapPicture;
