/**
 * What every analysis is and gives, as plain engine data: its definition (the registry lists
 * them), its run's result columns, groups, warnings and details, and the tables and charts
 * its summary sheet shows. Nothing here knows a workbook.
 */
import type { CustomerTable } from "../core/profile";
import type { DimensionBreakdown } from "./dimensionBreakdown";
import type { AnalysisId, CustomerValueModel } from "./model";
import type { Picture } from "./pictures";
import type { SettingsDeclaration } from "./settings";

/** One result column the pane writes beside the table ("CV Score", "CV Tier", …). */
export interface ResultColumn {
  header: string;
  /** score: numbers with data bars; label: group names with colours; text: plain (reasons); number: plain numbers. */
  kind: "score" | "label" | "text" | "number";
  /** One value per customer row; null where it could not be computed (see reasons). */
  values: (number | string | null)[];
  /** Why a value is null, per row (null where there is a value). */
  reasons: (string | null)[];
  /** Excel number format for the column, e.g. "0.0". */
  numberFormat?: string;
}

/** Figures per tier, class or quadrant, for the preview chart and the summary sheet. */
export interface GroupSummary {
  label: string;
  customers: number;
  /** Share of the customers that got a group. */
  customerShare: number;
  /** Sum of the value column over the group (0 when there is no value column). */
  value: number;
  /** Share of the total positive value. */
  valueShare: number;
  /** Mean score in the group, null without a score. */
  averageScore: number | null;
  /** Orders (purchases) in the group, when the analysis knows them (RFM). */
  orders?: number;
}

/** Something the user should know before applying: the pane shows these beside the preview. */
export interface ModelWarning {
  /**
   * What it is about, one word (the pane's test id "preview-<kind>"): constant, badCells, skew,
   * unscored, unplaced, duplicateIds, noValue, excluded, dimension, noRules, or one an analysis
   * names for itself (notSettled).
   */
  kind: string;
  column?: string;
  message: string;
}

/** How far a long analysis has got (the pane shows it as a progress bar). */
export interface AnalysisProgress {
  /** 0–1, an estimate (an optimiser's iterations to convergence are not known beforehand). */
  fraction: number;
  /** What is being done, e.g. "Fitting BG/NBD: 250 iterations". */
  message: string;
}

/** A cell of a result table: text, number, boolean or empty (null). */
export type ResultCell = string | number | boolean | null;

/** A table of results as plain data: a sheet the analysis owns, or a section of its summary sheet. */
export interface ResultTable {
  /** The bold line above it on a summary sheet. */
  title: string;
  headers: string[];
  rows: ResultCell[][];
  /** Number format per column (e.g. "0.0%"), null = General. */
  numberFormats?: (string | null)[];
  /** A native chart drawn beside the section on a summary sheet, reading the section's own cells. */
  chart?: SectionChart;
  /**
   * A heatmap: these 0-based, adjacent columns of the section's rows are shaded by one two-colour scale
   * (conditional formatting, lowest white to highest blue), so it reads as one without the add-in.
   */
  colourScale?: { columns: number[] };
}

/**
 * Native chart types a summary sheet draws: clustered bars and columns, lines, stacked bars and
 * columns, and XY charts whose categories column holds the x values: points (scatter) or
 * straight lines without markers (xyLine, for curves over uneven x such as the Pareto curve).
 */
export type SummaryChartType = "bar" | "column" | "line" | "stackedBar" | "stackedColumn" | "scatter" | "xyLine";

/**
 * A chart of a summary section's own figures: the categories are one of its columns, each
 * series another (named by its header), over its first `rows` rows (all when absent). The
 * workbook draws it right of the section, so it works without the add-in.
 *
 * @example { type: "line", title: "Cumulative repeat purchases", categoryColumn: 0, seriesColumns: [2, 3] }
 */
export interface SectionChart {
  type: SummaryChartType;
  title: string;
  /** 0-based column of the section holding the category labels. */
  categoryColumn: number;
  /** 0-based columns holding the series, in order; each series is named by its header. */
  seriesColumns: number[];
  /** How many of the section's rows are charted, from the first (e.g. all but a Total row). */
  rows?: number;
  categoryTitle?: string;
  valueTitle?: string;
  /** A fill per series ("#RRGGBB"; null: the chart's default), so a tier has its colour on the sheet too. */
  colours?: (string | null)[];
  /** A fill per bar of a one-series bar or column chart whose categories are the groups (a tier's bar in its colour). */
  pointColours?: (string | null)[];
}

/** A chart as plain data: the workbook draws it as a native chart on the summary sheet. */
export interface ChartData {
  type: SummaryChartType;
  title: string;
  /** Category labels (e.g. tier names), in display order. */
  categories: string[];
  series: { name: string; values: number[] }[];
  /** Optional axis titles; the category title also heads the categories' column of the chart's figures. */
  categoryTitle?: string;
  valueTitle?: string;
  /** A fill per series ("#RRGGBB"; null: the chart's default). */
  colours?: (string | null)[];
  /** A fill per category's bar of a one-series bar or column chart (each tier in its colour; null: the series'). */
  pointColours?: (string | null)[];
}

/** A sheet an analysis owns besides its results (cross-sell: every rule on "CV Rules"), replaced whole on each Apply. */
export interface OwnedSheet {
  name: string;
  table: ResultTable;
  /** What to change in the pane when the table has more rows than a sheet holds. */
  tooLargeAdvice: string;
}

/** Where a live formula finds its inputs: a table column's data cells, and the spill of one of the analysis's own result columns. */
export interface FormulaRefs {
  /** The data cells of a table column, e.g. "E2:E4339". */
  column(header: string): string;
  /** A spill reference to the k-th result column's top cell, e.g. "L2#". */
  spill(k: number): string;
}

/** What running an analysis on a table gives: result columns, per-group figures, the headline, warnings and the model in words. */
export interface AnalysisRun<Details = unknown> {
  analysis: AnalysisId;
  /** Rows of the table, and how many got a group. */
  customers: number;
  assigned: number;
  columns: ResultColumn[];
  /** What a group is called in this analysis: "Tier", "Class", "Quadrant". */
  groupName: string;
  groups: GroupSummary[];
  /** "The top 20% of customers hold 74.6% of Revenue." — null without a value column. */
  headline: string | null;
  paretoTop20: number | null;
  warnings: ModelWarning[];
  /** The model in words and numbers, one line each. */
  description: string[];
  /**
   * Present when results are per customer rather than per table row (RFM from a
   * transaction table): the customer of each result row. Such results go to a sheet of
   * their own, keyed by these ids.
   */
  rowKeys?: { header: string; values: (string | number)[] };
  /** What the groups' value sums, for the summary sheet's header ("CLV"); default the value column. */
  valueName?: string;
  /** The table column the groups' value sums when it is not the value column (RFM: the monetary or amount column). */
  valueHeader?: string | null;
  /**
   * The table column whose number format money figures take (a currency), when it is not
   * the value column (lifetime value: the transactions' amount); see moneyFormat.ts.
   */
  moneyHeader?: string | null;
  /**
   * What the analysis found beyond the shared figures, for its own preview, summary sections
   * and sheets (lifetime value: the fits; cross-sell: the rules), typed by the analysis;
   * null when there is nothing more.
   */
  details: Details;
  /**
   * The value each result row adds to its group (what groups[].value sums; NaN = none), so
   * a summary can be split another way; absent when the analysis has no value.
   */
  rowValues?: Float64Array;
  /**
   * Each result row's group, an index into groups (negative = none: no score, below every
   * threshold …), one entry per result row. The summary by dimension counts customers per
   * group from this, never from the label column: groups may share a label (two RFM rules
   * both named "Focus"), and a label column may not carry group labels at all (cross-sell:
   * the top recommendation is a product, grouped as one of the most frequent or "Other products").
   */
  rowGroups: Int32Array;
  /** The summary by the model's groupBy column (market type, region …), when the model names one. */
  breakdown?: DimensionBreakdown;
  /**
   * The analysis's pictures (the Pareto curve, the R × F heatmap …), drawn in the pane's
   * preview and on the summary sheet, in display order; see pictures.ts.
   */
  pictures?: Picture[];
}

/**
 * An analysis the pane offers, whole: its name and one-line summary, the words naming its
 * sheets, its settings (declared once), its run, and what its summary sheet and its own
 * sheets show. The registry lists them; nothing outside an analysis's folder branches on its id.
 */
export interface AnalysisDefinition<Details = unknown, Settings = never> {
  id: AnalysisId;
  title: string;
  summary: string;
  /**
   * The word naming its sheets: results of its own go to "CV <word>", its summary to
   * "CV <word> summary" (at most 20 characters, so the names fit Excel's 31).
   */
  sheetWord: string;
  /** Its settings, saved in the model under its id; null when it uses only the shared parts of the model. */
  settings: SettingsDeclaration<Settings> | null;
  run(model: CustomerValueModel, table: CustomerTable): AnalysisRun<Details>;
  /**
   * The same run in steps, for analyses that take long (model fits): yields progress every
   * few milliseconds of work so a caller can yield to the UI between steps, or stop.
   */
  runSteps?(model: CustomerValueModel, table: CustomerTable): Generator<AnalysisProgress, AnalysisRun<Details>>;
  /** The summary sheet's chart; absent: the share of customers and of value per group. */
  summaryChart?(run: AnalysisRun<Details>): ChartData;
  /** Tables of its own on the summary sheet, below the per-group table (fitted parameters, top rules, settings). */
  summarySections?(run: AnalysisRun<Details>): ResultTable[];
  /** Sheets it owns besides its results, replaced whole on each Apply (cross-sell: CV Rules). */
  ownedSheets?(run: AnalysisRun<Details>): OwnedSheet[];
  /**
   * Live CV formulas for "write formulas instead of values", one per result column (null =
   * none): the top cell of each spilling column. Absent: the analysis writes values only.
   */
  liveFormulas?(model: CustomerValueModel, refs: FormulaRefs): (string | null)[];
}
