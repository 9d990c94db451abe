/**
 * The value-scoring CV.* custom functions (methods §1–5, §10). Each one parses its
 * arguments with the shared parser in excelArgs.ts, calls the engine and shapes the
 * result; all maths lives in src/engine. The JSDoc of each becomes its argument help
 * (functions.json).
 */
import {
  type CellGrid,
  CvError,
  DEFAULT_ABC_CUTS,
  abcCuts,
  abcLabels,
  requireLabels,
  VALUE_MATRIX_LABELS,
  abcClassIndex,
  evenShares,
  normalizeColumn,
  paretoCurve,
  paretoShare,
  parseAspect,
  parseDirections,
  parseNormalizationMethod,
  parseNumberCell,
  readNumberColumn,
  readNumberColumns,
  readNumberList,
  readTextList,
  resolveTierScheme,
  tierIndexByShare,
  tierIndexByThreshold,
  valueMatrix,
  valueScorecard,
  weightedRating,
  weightedScore,
  whaleSummary,
} from "../engine";
import {
  type ExcelCell,
  excelCall,
  labelColumn,
  notAvailable,
  numberColumn,
  optionalCellList,
  optionalFlag,
  optionalGrid,
  optionalNumber,
  optionalNumberList,
  optionalPercent,
  optionalText,
  optionalTextList,
  requireSameRows,
  withHeader,
} from "./excelArgs";

/**
 * Normalises each column of values to 0–1: minmax (default), percentile, log or zscore. Blank cells give #N/A.
 * @customfunction NORMALIZE
 * @param values Indicator columns, one row per customer.
 * @param [directions] One per column: 1 = higher is better (default), -1 = lower is better.
 * @param [method] "minmax" (default), "percentile", "log" (skewed money) or "zscore" (unbounded).
 * @returns The normalised values, same shape as values.
 */
export function NORMALIZE(values: unknown[][], directions?: unknown[][], method?: string): unknown[][] {
  return excelCall(() => {
    const { columns } = readNumberColumns(values, "values");
    const dirs = parseDirections(optionalCellList(directions, "directions"), columns.length, "directions");
    const how = parseNormalizationMethod(optionalText(method, "method"), "method");
    const normalised = columns.map((column, j) => normalizeColumn(column, how, dirs[j] ?? 1));
    return values.map((_, i) =>
      normalised.map((column, j) => {
        const v = column[i] as number;
        return Number.isNaN(v) ? notAvailable(`values row ${i + 1}, column ${j + 1} is blank`) : v;
      }),
    );
  });
}

/**
 * Weighted value score 0–100 per customer: 100 × Σ w·normalised / Σ w. Blank indicators drop out for that customer.
 * @customfunction SCORE
 * @param indicators Indicator columns (sales, profit, order count…), one row per customer.
 * @param weights One weight per indicator column: fractions, percentages or any non-negative numbers.
 * @param [directions] One per column: 1 = higher is better (default), -1 = lower is better (payment days, complaints).
 * @param [method] Normalisation: "minmax" (default), "percentile", "log" or "zscore".
 * @returns A column of scores 0–100, one per customer; #N/A where every indicator is blank.
 */
export function SCORE(
  indicators: unknown[][],
  weights: unknown[][],
  directions?: unknown[][],
  method?: string,
): unknown[][] {
  return excelCall(() => {
    const { columns } = readNumberColumns(indicators, "indicators");
    const scores = weightedScore(columns, readNumberList(weights, "weights"), {
      directions: parseDirections(optionalCellList(directions, "directions"), columns.length, "directions"),
      method: parseNormalizationMethod(optionalText(method, "method"), "method"),
    });
    return numberColumn(scores, (row) => `indicators row ${row}: every indicator with a weight is blank`);
  });
}

/**
 * Tier by share of customers from the top: pyramid (Top 1%, Big 4%, Medium 15%, Small 80%), key20, abcd or your shares. Ties share the better tier.
 * @customfunction TIER
 * @param scores A column of scores (e.g. from CV.SCORE), one per customer.
 * @param [tiers] "pyramid" (default), "key20", "abcd", or a list of shares from the top summing to 1 (or 100).
 * @param [labels] Tier names from the top, one per tier (defaults: the preset's names, or Tier 1, Tier 2…).
 * @returns A column of tier labels, one per customer; #N/A where the score is blank.
 */
export function TIER(scores: unknown[][], tiers?: unknown[][], labels?: unknown[][]): unknown[][] {
  return excelCall(() => {
    const values = readNumberColumn(scores, "scores");
    const scheme = resolveTierScheme(tierSpec(optionalGrid(tiers)), optionalTextList(labels, "labels"));
    return labelColumn(tierIndexByShare(values, scheme.shares), scheme.labels, (row) => `scores row ${row} is blank`);
  });
}

/** A tiers argument is a preset name (one text cell) or a list of shares. */
function tierSpec(grid: CellGrid | undefined): string | number[] | undefined {
  if (grid === undefined) return undefined;
  const only = grid.length === 1 && grid[0]?.length === 1 ? grid[0][0] : undefined;
  if (typeof only === "string" && parseNumberCell(only) === undefined) return only;
  return readNumberList(grid, "tiers");
}

/**
 * Tier by score thresholds, highest first: each customer gets the label of the first threshold its score reaches (score ≥ threshold).
 * @customfunction TIERBYSCORE
 * @param scores A column of scores, one per customer.
 * @param thresholds Thresholds in descending order, e.g. {80,60,40}.
 * @param labels One label per threshold, plus optionally one more for scores below the last, e.g. {"A","B","C","D"}.
 * @returns A column of labels; #N/A where the score is blank or below every threshold without a last label.
 */
export function TIERBYSCORE(scores: unknown[][], thresholds: unknown[][], labels: unknown[][]): unknown[][] {
  return excelCall(() => {
    const values = readNumberColumn(scores, "scores");
    const cuts = readNumberList(thresholds, "thresholds");
    const names = requireLabels(readTextList(labels, "labels"), "labels");
    const index = tierIndexByThreshold(values, cuts, names.length);
    return labelColumn(index, names, (row) =>
      Number.isNaN(values[row - 1] as number)
        ? `scores row ${row} is blank`
        : `scores row ${row} (${values[row - 1]}) is below the lowest threshold ${cuts[cuts.length - 1]}`,
    );
  });
}

/**
 * ABC class by cumulative share of value, largest first: A while the customers before hold < 80%, B while < 95%, else C.
 * @customfunction ABC
 * @param values A column of values (sales or profit), one per customer.
 * @param [cuts] Ascending cumulative shares that close each class; default {0.8,0.95}.
 * @param [labels] One label per class (one more than cuts); default A, B, C….
 * @returns A column of class labels; value ≤ 0 is always in the last class; #N/A where blank.
 */
export function ABC(values: unknown[][], cuts?: unknown[][], labels?: unknown[][]): unknown[][] {
  return excelCall(() => {
    const column = readNumberColumn(values, "values");
    const shares = abcCuts(optionalNumberList(cuts, "cuts") ?? [...DEFAULT_ABC_CUTS]);
    const names = abcLabels(shares.length, optionalTextList(labels, "labels"));
    return labelColumn(abcClassIndex(column, shares), names, (row) => `values row ${row} is blank`);
  });
}

/**
 * Pareto curve: share of customers (largest first) against cumulative share of total positive value.
 * @customfunction PARETO
 * @param values A column of values (sales or profit), one per customer.
 * @param [points] Number of evenly spaced points (default 20: 5%, 10% … 100%) or a list of customer shares.
 * @param [headers] TRUE (default) to put a header row on top.
 * @returns A two-column table: customer share, cumulative value share.
 */
export function PARETO(values: unknown[][], points?: unknown[][], headers?: boolean): unknown[][] {
  return excelCall(() => {
    const column = readNumberColumn(values, "values");
    const list = optionalNumberList(points, "points");
    const shares = list === undefined ? evenShares(20) : list.length === 1 && (list[0] as number) > 1 ? evenShares(list[0] as number) : list;
    const curve = paretoCurve(column, shares);
    const rows: ExcelCell[][] = curve.map((p) => [p.customerShare, p.valueShare]);
    return withHeader(["Customer share", "Value share"], rows, optionalFlag(headers, true));
  });
}

/**
 * Share of total positive value held by the top share of customers (default the top 20%), interpolating between customers.
 * @customfunction PARETOSHARE
 * @param values A column of values (sales or profit), one per customer.
 * @param [customer_share] The top share of customers, 0–1 (0.2, 20% or 20); default 0.2.
 * @returns The share of value they hold, 0–1.
 */
export function PARETOSHARE(values: unknown[][], customer_share?: number): number {
  return excelCall(() => paretoShare(readNumberColumn(values, "values"), optionalPercent(customer_share, "customer_share") ?? 0.2));
}

/**
 * Whale curve summary of customer profits: where cumulative profit peaks, and the profit lost to unprofitable customers.
 * @customfunction WHALE
 * @param profits A column of profits per customer (may be negative).
 * @param [headers] TRUE (default) to put a header row on top.
 * @returns A table (measure, value): peak customer share, peak profit share, unprofitable customers, profit lost by them.
 */
export function WHALE(profits: unknown[][], headers?: boolean): unknown[][] {
  return excelCall(() => {
    const s = whaleSummary(readNumberColumn(profits, "profits"));
    const peakShare: ExcelCell = Number.isNaN(s.peakProfitShare)
      ? notAvailable(`total profit is ${Number.isFinite(s.totalProfit) ? s.totalProfit : "below -1.8E+308"}, not positive, so a share of it means nothing`)
      : s.peakProfitShare;
    const rows: ExcelCell[][] = [
      ["Peak customer share", s.peakCustomerShare],
      ["Peak profit share", peakShare],
      ["Unprofitable customers", s.unprofitableCustomers],
      ["Profit lost by unprofitable customers", s.profitLost],
    ];
    return withHeader(["Measure", "Value"], rows, optionalFlag(headers, true));
  });
}

/**
 * Customer value scorecard: actual value (financial + sales aspects), potential value (customer + service) and total, each 0–100.
 * @customfunction SCORECARD
 * @param indicators Indicator columns, one row per customer.
 * @param aspects One per column: "financial", "sales", "customer" or "service".
 * @param [weights] One weight per indicator, used within its aspect; default equal.
 * @param [directions] One per column: 1 = higher is better (default), -1 = lower is better.
 * @param [aspect_weights] Weights of financial, sales, customer, service; default equal.
 * @param [method] Normalisation: "minmax" (default), "percentile", "log" or "zscore".
 * @param [headers] TRUE to put a header row (Actual, Potential, Total) on top; default FALSE so rows stay beside the data.
 * @returns Three columns per customer: actual, potential, total.
 */
export function SCORECARD(
  indicators: unknown[][],
  aspects: unknown[][],
  weights?: unknown[][],
  directions?: unknown[][],
  aspect_weights?: unknown[][],
  method?: string,
  headers?: boolean,
): unknown[][] {
  return excelCall(() => {
    const { columns } = readNumberColumns(indicators, "indicators");
    const aspectNames = readTextList(aspects, "aspects");
    const w = optionalNumberList(weights, "weights");
    const aw = optionalNumberList(aspect_weights, "aspect_weights");
    const result = valueScorecard(
      columns,
      aspectNames.map((name, j) => parseAspect(name, j + 1, "aspects")),
      {
        ...(w !== undefined ? { weights: w } : {}),
        ...(aw !== undefined ? { aspectWeights: aw } : {}),
        directions: parseDirections(optionalCellList(directions, "directions"), columns.length, "directions"),
        method: parseNormalizationMethod(optionalText(method, "method"), "method"),
      },
    );
    const cell = (v: number, what: string, row: number): ExcelCell =>
      Number.isNaN(v) ? notAvailable(`indicators row ${row}: no ${what} indicator with a weight is filled in`) : v;
    const rows: ExcelCell[][] = Array.from(result.total, (_, i) => [
      cell(result.actual[i] as number, "financial or sales", i + 1),
      cell(result.potential[i] as number, "customer or service", i + 1),
      cell(result.total[i] as number, "weighted", i + 1),
    ]);
    return withHeader(["Actual", "Potential", "Total"], rows, optionalFlag(headers, false));
  });
}

/**
 * Value matrix quadrant from actual and potential value: Strategic, Maintain, Develop or Minimal. A value equal to the cut counts as high.
 * @customfunction VALUEMATRIX
 * @param actual A column of actual value scores, one per customer.
 * @param potential A column of potential value scores, same rows as actual.
 * @param [actual_cut] Where actual value counts as high; default the median.
 * @param [potential_cut] Where potential value counts as high; default the median.
 * @returns A column: Strategic (high, high), Maintain (high actual), Develop (high potential) or Minimal.
 */
export function VALUEMATRIX(
  actual: unknown[][],
  potential: unknown[][],
  actual_cut?: number,
  potential_cut?: number,
): unknown[][] {
  return excelCall(() => {
    const a = readNumberColumn(actual, "actual");
    const p = readNumberColumn(potential, "potential");
    requireSameRows({ name: "actual", rows: a.length }, { name: "potential", rows: p.length });
    const result = valueMatrix(a, p, optionalNumber(actual_cut, "actual_cut"), optionalNumber(potential_cut, "potential_cut"));
    return labelColumn(result.quadrant, VALUE_MATRIX_LABELS, (row) =>
      Number.isNaN(a[row - 1] as number) ? `actual row ${row} is blank` : `potential row ${row} is blank`,
    );
  });
}

/**
 * Weighted rating 0–100: 100 × Σ w·rating / (Σ w × max_rating), for 6C credit analysis and evaluation tables.
 * @customfunction RATING
 * @param ratings Rating columns (e.g. Character, Capacity, Capital, Collateral, Condition, Continuity), one row per customer.
 * @param weights One weight per rating column.
 * @param [max_rating] The top of the rating scale; default 5.
 * @returns A column of ratings 0–100; #N/A where every rating is blank.
 */
export function RATING(ratings: unknown[][], weights: unknown[][], max_rating?: number): unknown[][] {
  return excelCall(() => {
    const { columns } = readNumberColumns(ratings, "ratings");
    const result = weightedRating(columns, readNumberList(weights, "weights"), optionalNumber(max_rating, "max_rating") ?? 5);
    return numberColumn(result, (row) => `ratings row ${row}: every rating is blank`);
  });
}
