import type { AnalysisRun, CrossSellDetails, CrossSellRule, CustomerValueModel, DimensionBreakdown, LifetimeDetails } from "../engine";
import { SHEET_ROWS, blockAddress } from "../workbook/address";
import type { FormatSpec, ResultBlock, SummarySection, SummarySheet, Workbook, WriteOptions, WriteValue } from "../workbook/Workbook";
import { liveFormulas } from "./formulas";
import type { LoadedSource } from "./source";

/** The document setting the model is saved under. */
export const MODEL_SETTING = "customerValue.model";
/** The summary sheet's name. */
export const SUMMARY_SHEET = "CV Summary";
/** The sheet results go to when the user asks for a new sheet (or the table has no header row). */
export const RESULTS_SHEET = "CV Results";

/** Tier colours from the top; the last group is always grey. Light fills keep black text readable. */
const PALETTE = ["#FFD54F", "#AED581", "#81D4FA", "#CE93D8", "#FFAB91", "#80CBC4", "#F48FB1", "#BCAAA4"];
const LAST_COLOUR = "#E0E0E0";

/** Everything Apply will do, worked out before anything is written, so the user can confirm. */
export interface ApplyPlan {
  block: ResultBlock;
  /** Non-empty cells the write would replace (not counting earlier CV results), e.g. ["L2", "L3"]. */
  occupied: string[];
  formats: FormatSpec;
  summary: SummarySheet;
  /** Where the results go, for messages: "Customers!L1:M4339". */
  target: string;
  /** Sheets the add-in owns, replaced whole (cross-sell: every rule on "CV Rules"). */
  ownSheets?: ResultBlock[];
}

/** Analyses whose results can be written as live CV formulas (the others write values). */
export function supportsFormulas(analysis: CustomerValueModel["analysis"]): boolean {
  return analysis === "pyramid" || analysis === "scorecard" || analysis === "abc";
}

/** Fill colours for group labels, top first. */
export function groupColours(labels: readonly string[]): Record<string, string> {
  const colours: Record<string, string> = {};
  labels.forEach((label, k) => {
    colours[label] = k === labels.length - 1 && labels.length > 1 ? LAST_COLOUR : (PALETTE[k % PALETTE.length] as string);
  });
  return colours;
}

/**
 * Works out an Apply: where the result columns go (beside the table, updating the CV columns
 * of an earlier Apply in place, or on a new sheet), which user cells it would overwrite,
 * the conditional formats, and the summary sheet with its chart and the model in words.
 * Reads only; writes nothing.
 */
export async function planApply(workbook: Workbook, source: LoadedSource, model: CustomerValueModel, run: AnalysisRun, now: Date): Promise<ApplyPlan> {
  const headers = run.columns.map((c) => c.header);
  // Results per customer rather than per table row (RFM from transactions) cannot sit beside the rows.
  const keyed = run.rowKeys;
  const customers = keyed ? keyed.values.length : source.table.rows.length;
  const newSheet = model.output.placement === "newSheet" || !source.headerRow || keyed !== undefined;
  const sheet = newSheet ? RESULTS_SHEET : source.range.sheet;
  const top = newSheet ? 0 : source.range.top;
  const dataTop = top + 1;

  // Re-apply: when every header is already there, side by side and in order, write over those columns.
  const existing = source.resultColumns;
  const firstExisting = existing.find((e) => e.header === headers[0]);
  const inPlace =
    !newSheet && firstExisting !== undefined && headers.every((h, k) => existing.some((e) => e.header === h && e.column === firstExisting.column + k));
  const left = newSheet ? 1 : inPlace ? (firstExisting as { column: number }).column : source.nextFreeColumn;

  let occupied: string[] = [];
  if (!inPlace) {
    if (newSheet && !(await workbook.sheetNames()).includes(sheet)) occupied = [];
    else occupied = await workbook.occupiedCells(sheet, top, newSheet ? 0 : left, customers + 1, headers.length + (newSheet ? 1 : 0));
  }

  const rows: WriteValue[][] = Array.from({ length: customers }, (_, i) => run.columns.map((c) => c.values[i] ?? null));
  const idColumn = model.roles.id !== null ? source.table.headers.indexOf(model.roles.id) : -1;
  const keyOf = (i: number): WriteValue => (keyed ? (keyed.values[i] ?? null) : idColumn >= 0 ? toWriteValue(source.table.rows[i]?.[idColumn]) : i + 1);
  const block: ResultBlock = newSheet
    ? {
        sheet,
        top,
        left: 0,
        headers: [keyed?.header ?? model.roles.id ?? "Row", ...headers],
        rows: rows.map((r, i) => [keyOf(i), ...r]),
        numberFormats: [null, ...run.columns.map((c) => c.numberFormat ?? null)],
      }
    : { sheet, top, left, headers, rows, numberFormats: run.columns.map((c) => c.numberFormat ?? null) };

  if (model.output.formulas && !newSheet && supportsFormulas(model.analysis)) {
    block.formulas = liveFormulas(model, source, run, { top: dataTop, left });
    // A spilling formula needs empty cells below it: only its top cell is written.
    block.rows = block.rows.map((r, i) => (i === 0 ? r : r.map(() => null)));
  }

  const offset = newSheet ? 1 : 0;
  const scoreIndex = run.columns.findIndex((c) => c.kind === "score");
  const labelIndex = run.columns.findIndex((c) => c.kind === "label");
  const groupLabels = run.groups.map((g) => g.label);
  const formats: FormatSpec = {
    sheet,
    ...(scoreIndex >= 0 ? { dataBars: { top: dataTop, column: block.left + offset + scoreIndex, rows: customers } } : {}),
    ...(labelIndex >= 0 ? { labelColours: { top: dataTop, column: block.left + offset + labelIndex, rows: customers, colours: groupColours(groupLabels) } } : {}),
  };

  const target = `${sheet}!${blockAddress(top, block.left, customers + 1, block.headers.length)}`;
  if (run.crossSell && run.crossSell.rules.length + 1 > SHEET_ROWS) {
    throw new Error(
      `${run.crossSell.rules.length.toLocaleString("en")} rules are more than the CV Rules sheet holds (${(SHEET_ROWS - 1).toLocaleString("en")} below its header): raise Min support or lower Products in a rule, then Apply.`,
    );
  }
  return { block, occupied, formats, summary: summarySheet(model, source, run, now, target), target, ...(run.crossSell ? { ownSheets: [rulesBlock(run.crossSell)] } : {}) };
}

function toWriteValue(cell: unknown): WriteValue {
  return typeof cell === "number" || typeof cell === "string" || typeof cell === "boolean" ? cell : null;
}

/** The summary sheet: per-group table with a total row, a chart of the shares, the headline, warnings and the model. */
export function summarySheet(model: CustomerValueModel, source: LoadedSource, run: AnalysisRun, now: Date, target: string): SummarySheet {
  const hasScore = run.groups.some((g) => g.averageScore !== null);
  const hasOrders = run.groups.some((g) => g.orders !== undefined);
  const valueName = run.valueName ?? (model.analysis === "rfm" ? (model.rfm?.monetary ?? model.rfm?.amount ?? model.roles.value) : model.roles.value);
  // An analysis that names its value (lifetime value: "CLV") gets "Share of CLV" and the average per customer.
  const hasAverage = run.valueName !== undefined;
  const headers = [
    run.groupName,
    "Customers",
    "Share of customers",
    ...(hasOrders ? ["Orders"] : []),
    ...(valueName ? [valueName, run.valueName ? `Share of ${run.valueName}` : "Share of value"] : []),
    ...(hasOrders && valueName ? ["Average order value"] : []),
    ...(hasAverage ? [`Average ${run.valueName}`] : []),
    ...(hasScore ? ["Average score"] : []),
  ];
  const aov = (value: number, orders: number | undefined): WriteValue => (orders ? value / orders : null);
  const rows: WriteValue[][] = run.groups.map((g) => [
    g.label,
    g.customers,
    g.customerShare,
    ...(hasOrders ? [g.orders ?? 0] : []),
    ...(valueName ? [g.value, g.valueShare] : []),
    ...(hasOrders && valueName ? [aov(g.value, g.orders)] : []),
    ...(hasAverage ? [g.customers > 0 ? g.value / g.customers : null] : []),
    ...(hasScore ? [g.averageScore] : []),
  ]);
  const totalValue = run.groups.reduce((s, g) => s + g.value, 0);
  const totalOrders = run.groups.reduce((s, g) => s + (g.orders ?? 0), 0);
  rows.push([
    "Total",
    run.assigned,
    run.assigned > 0 ? 1 : 0,
    ...(hasOrders ? [totalOrders] : []),
    ...(valueName ? [totalValue, run.groups.reduce((s, g) => s + g.valueShare, 0)] : []),
    ...(hasOrders && valueName ? [aov(totalValue, totalOrders)] : []),
    ...(hasAverage ? [run.assigned > 0 ? totalValue / run.assigned : null] : []),
    ...(hasScore ? [null] : []),
  ]);
  const stamp = now.toISOString().replace("T", " ").slice(0, 16);
  return {
    name: SUMMARY_SHEET,
    title: `Customer value: ${run.description[0] ?? ""}`,
    subtitle: [
      `Source: ${source.range.sheet}!${source.range.address}${source.range.tableName ? ` (table ${source.range.tableName})` : ""}; results in ${target}.`,
      `Run on ${stamp} UTC; ${run.assigned.toLocaleString("en")} of ${run.customers.toLocaleString("en")} customers placed.`,
      ...(run.headline ? [run.headline] : []),
    ],
    table: {
      headers,
      rows,
      numberFormats: [
        null,
        "#,##0",
        "0.0%",
        ...(hasOrders ? ["#,##0"] : []),
        ...(valueName ? ["#,##0.00", "0.0%"] : []),
        ...(hasOrders && valueName ? ["#,##0.00"] : []),
        ...(hasAverage ? ["#,##0.00"] : []),
        ...(hasScore ? ["0.0"] : []),
      ],
    },
    chart: run.lifetime
      ? {
          type: "column",
          title: "Customers by repeat purchases: actual and expected",
          categories: run.lifetime.frequency.buckets,
          series: [
            { name: "Actual customers", values: run.lifetime.frequency.actual },
            // Expected counts to a tenth of a customer: what the model says, readable in the cells the chart reads.
            { name: "Expected customers", values: run.lifetime.frequency.expected.map((v) => Math.round(v * 10) / 10) },
          ],
          categoryTitle: "Repeat purchases",
          valueTitle: "Customers",
        }
      : {
          type: "bar",
          title: `Share of customers${valueName ? " and of value" : ""} by ${run.groupName.toLowerCase()}`,
          categories: run.groups.map((g) => g.label),
          series: [
            { name: "Share of customers", values: run.groups.map((g) => g.customerShare) },
            ...(valueName ? [{ name: "Share of value", values: run.groups.map((g) => g.valueShare) }] : []),
          ],
        },
    ...(run.breakdown || run.lifetime || run.crossSell
      ? {
          sections: [
            ...(run.breakdown ? [breakdownSection(run.breakdown, run.groupName, valueName, run.valueName)] : []),
            ...(run.lifetime ? lifetimeSections(run.lifetime) : []),
            ...(run.crossSell ? crossSellSections(run.crossSell) : []),
          ],
        }
      : {}),
    notes: [
      "The model",
      ...run.description,
      ...(run.warnings.length > 0 ? ["Warnings", ...run.warnings.map((w) => w.message)] : []),
      `Columns written: ${run.columns.map((c) => c.header).join(", ")} (${model.output.formulas ? "live CV formulas" : "values; re-apply with the Customer Value add-in to update them"}).`,
      "Model (JSON, for the add-in): " + JSON.stringify(model),
    ],
  };
}

/**
 * A group name inside a sentence: "Tier" → "tier", while an acronym keeps its capitals ("CLV tier").
 *
 * @example groupWord("CLV tier") === "CLV tier"; groupWord("Segment") === "segment"
 */
export function groupWord(groupName: string): string {
  return /^[A-Z][a-z]/.test(groupName) ? groupName[0]!.toLowerCase() + groupName.slice(1) : groupName;
}

/**
 * The summary by the model's groupBy column as a section: per dimension value (largest value
 * first, "(blank)" last) its customers and their share, the value, its share and the average
 * per customer (when there is a value), then the customers in each group (tier, segment,
 * stage) and, when some were not placed, those; a Total row last.
 *
 * @example breakdownSection(run.breakdown, "Tier", "Revenue").headers
 * // → ["Country", "Customers", "Share of customers", "Revenue", "Share of value", "Average Revenue", "Top", "Large", "Medium", "Small"]
 */
export function breakdownSection(b: DimensionBreakdown, groupName: string, valueName: string | null, namedValue?: string): SummarySection {
  const withValue = b.hasValue && valueName !== null;
  const withUnplaced = b.total.unplaced > 0;
  const rowOf = (r: DimensionBreakdown["total"]): WriteValue[] => [
    r.label,
    r.customers,
    r.customerShare,
    ...(withValue ? [r.value, r.valueShare, r.averageValue] : []),
    ...r.groupCustomers,
    ...(withUnplaced ? [r.unplaced] : []),
  ];
  return {
    title: `By ${b.dimension} (the ${groupWord(groupName)} columns count customers)`,
    headers: [
      b.dimension,
      "Customers",
      "Share of customers",
      ...(withValue ? [valueName, namedValue ? `Share of ${namedValue}` : "Share of value", `Average ${valueName}`] : []),
      ...b.groupLabels,
      ...(withUnplaced ? [`No ${groupWord(groupName)}`] : []),
    ],
    rows: [...b.rows.map(rowOf), rowOf(b.total)],
    numberFormats: [null, "#,##0", "0.0%", ...(withValue ? ["#,##0.00", "0.0%", "#,##0.00"] : []), ...b.groupLabels.map(() => "#,##0"), ...(withUnplaced ? ["#,##0"] : [])],
  };
}

/**
 * The lifetime value analysis's extra tables on the summary sheet: the fitted parameters as
 * (label, value) pairs, the layout CV.BGNBD.FIT and CV.GG.FIT spill, so a CV.BGNBD.* or
 * CV.CLV.BGNBD formula can take them as its params; and the settings the CLV used.
 */
export function lifetimeSections(l: LifetimeDetails): SummarySection[] {
  const bg = l.bgnbd.params;
  const gg = l.gammaGamma.params;
  return [
    {
      title: `BG/NBD parameters (purchases and dropout; time in ${l.unit}s; ${l.bgnbd.customers.toLocaleString("en")} customers)`,
      headers: ["Parameter", "Value"],
      rows: [["r", bg.r], ["alpha", bg.alpha], ["a", bg.a], ["b", bg.b], ["log-likelihood", l.bgnbd.logLikelihood]],
    },
    {
      title: `Gamma-Gamma parameters (spend per purchase; ${l.gammaGamma.customers.toLocaleString("en")} repeat customers)`,
      headers: ["Parameter", "Value"],
      rows: [["p", gg.p], ["q", gg.q], ["gamma", gg.gamma], ["log-likelihood", l.gammaGamma.logLikelihood]],
    },
    {
      title: "CLV settings (as of: end of the calibration period; time unit of x, t_x and T)",
      headers: ["Setting", "Value"],
      rows: [
        ["As of", l.asOf],
        ["Time unit", l.unit],
        ["Horizon (months)", l.horizonMonths],
        ["Discount a month", l.monthlyDiscount],
        ["Margin", l.margin],
        ["Total CLV", l.totalClv],
      ],
    },
  ];
}

/** The sheet every cross-sell rule goes to; the add-in owns it and replaces it whole on each Apply. */
export const RULES_SHEET = "CV Rules";

/** What a rule's conviction shows when the rule always held (confidence 100%): conviction is infinite. */
export const ALWAYS_HELD = "∞";

/** The rule table's header, formats and rows, for the CV Rules sheet and the summary's top rules. */
function ruleTable(d: CrossSellDetails, rules: readonly CrossSellRule[]): { headers: string[]; rows: WriteValue[][]; numberFormats: (string | null)[] } {
  const many = d.basketWords.many;
  return {
    headers: ["Antecedent", "Consequent", "Support", "Confidence", "Lift", "Leverage", "Conviction", `${many[0]!.toUpperCase()}${many.slice(1)} with the rule`],
    rows: rules.map((r) => [r.antecedent, r.consequent, r.support, r.confidence, r.lift, r.leverage, Number.isFinite(r.conviction) ? r.conviction : ALWAYS_HELD, r.count]),
    numberFormats: [null, null, "0.00%", "0.0%", "0.00", "0.0000", "0.00", "#,##0"],
  };
}

/**
 * Every cross-sell rule, sorted by lift, as the block that replaces the CV Rules sheet:
 * antecedent (its products joined by ", "), consequent, support, confidence, lift,
 * leverage, conviction ("∞" for a rule that always held: text sorts after every number, so
 * Excel's sort keeps it at the top of a descending sort) and the baskets holding the rule.
 *
 * @example rulesBlock(run.crossSell).headers // → ["Antecedent", "Consequent", "Support", …, "Invoices with the rule"]
 */
export function rulesBlock(d: CrossSellDetails): ResultBlock {
  return { sheet: RULES_SHEET, top: 0, left: 0, ...ruleTable(d, d.rules) };
}

/** Rules the summary sheet lists (the CV Rules sheet has them all). */
export const SUMMARY_RULES = 20;

/**
 * The cross-sell analysis's extra tables on the summary sheet: the top rules by lift and the
 * settings they were mined with (what a basket is, the support as a share and as a basket
 * count, the confidence, the rule size, the neighbours and recommendations per customer).
 */
export function crossSellSections(d: CrossSellDetails): SummarySection[] {
  const shown = Math.min(SUMMARY_RULES, d.rules.length);
  return [
    {
      title:
        d.rules.length === 0
          ? `No rule reaches these thresholds (sheet ${RULES_SHEET} holds only its header): lower the minimum support or confidence`
          : `Top ${shown} of ${d.rules.length.toLocaleString("en")} rules by lift (every rule on sheet ${RULES_SHEET}; conviction ${ALWAYS_HELD}: the rule always held)`,
      ...ruleTable(d, d.rules.slice(0, shown)),
    },
    {
      title: "Cross-sell settings",
      headers: ["Setting", "Value"],
      rows: [
        ["Baskets", d.basketColumn === null ? "customers: products bought by the same customer" : `${d.basketWords.many} (${d.basketColumn}): products bought together`],
        [`${d.basketWords.many[0]!.toUpperCase()}${d.basketWords.many.slice(1)}`, d.baskets],
        ["Products", d.products],
        ["Lines", d.lines],
        ["Minimum support (share)", d.minSupport],
        [`Minimum support (${d.basketWords.many})`, d.minCount],
        ["Minimum confidence", d.minConfidence],
        ["Most products in a rule", d.maxSize],
        ["Rules found", d.rules.length],
        ["Neighbours", d.neighbours],
        ["Recommendations per customer", d.top],
      ],
    },
  ];
}

/**
 * Carries out a plan: writes the result columns (chunked, with progress and cancel), the
 * conditional formats, the sheets the add-in owns (CV Rules, replaced whole) and the
 * summary sheet, and saves the model in the workbook.
 */
export async function executeApply(workbook: Workbook, plan: ApplyPlan, model: CustomerValueModel, options: WriteOptions = {}): Promise<void> {
  await workbook.ensureSheet(plan.block.sheet);
  await workbook.writeBlock(plan.block, options);
  await workbook.applyFormats(plan.formats);
  for (const sheet of plan.ownSheets ?? []) await workbook.replaceSheet(sheet, options.signal ? { signal: options.signal } : {});
  await workbook.writeSummary(plan.summary);
  await workbook.saveSetting(MODEL_SETTING, JSON.stringify(model));
}
