/** The summary sheet an Apply writes for its analysis, laid out once for every analysis. */
import { type AnalysisRun, type CustomerValueModel, type DimensionBreakdown, MONEY_FORMAT, analysisOf, inMoney, pictureSections, suggestedAction } from "../engine";
import { groupColour } from "../workbook/colours";
import type { SummarySection, SummarySheet, WriteValue } from "../workbook/Workbook";
import { summarySheetName } from "./outputs";
import { type LoadedSource, moneyFormatOf } from "./source";
import { plural } from "./words";

/**
 * An analysis's own summary sheet ("CV Pyramid summary"): the per-group table with a total
 * row, a chart (the analysis's own, or the shares of customers and of value per group), the
 * headline, the breakdown by the Group by column, the analysis's own sections, the warnings
 * and the model in words. Money is in the source's own format (see {@link moneyFormatOf}).
 */
export function summarySheet(model: CustomerValueModel, source: LoadedSource, run: AnalysisRun, now: Date, target: string): SummarySheet {
  return summaryInMoney(summaryOf(model, source, run, now, target), moneyFormatOf(source, model, run));
}

/** A summary sheet with its money figures in `money` (table and every section). */
function summaryInMoney(summary: SummarySheet, money: string): SummarySheet {
  return {
    ...summary,
    table: { ...summary.table, ...(summary.table.numberFormats ? { numberFormats: inMoney(summary.table.numberFormats, money) } : {}) },
    ...(summary.sections ? { sections: summary.sections.map((s) => (s.numberFormats ? { ...s, numberFormats: inMoney(s.numberFormats, money) } : s)) } : {}),
  };
}

function summaryOf(model: CustomerValueModel, source: LoadedSource, run: AnalysisRun, now: Date, target: string): SummarySheet {
  const hasScore = run.groups.some((g) => g.averageScore !== null);
  const hasOrders = run.groups.some((g) => g.orders !== undefined);
  const definition = analysisOf(model.analysis);
  const valueName = run.valueName ?? (run.valueHeader !== undefined ? run.valueHeader : model.roles.value);
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
    "Suggested action",
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
    suggestedAction(model, model.analysis, g.label),
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
    null,
  ]);
  const labels = run.groups.map((g) => g.label);
  const sections: SummarySection[] = [
    ...(run.breakdown ? [breakdownSection(run.breakdown, run.groupName, valueName, run.valueName)] : []),
    ...(definition.summarySections?.(run) ?? []),
    // The pane's pictures, as the same figures with a native chart or a shaded grid.
    ...pictureSections(run.pictures ?? [], labels, { groupColour: (k) => groupColour(k, labels.length) }),
  ];
  const stamp = now.toISOString().replace("T", " ").slice(0, 16);
  return {
    name: summarySheetName(model.analysis),
    title: `Customer value: ${run.description[0] ?? ""}`,
    subtitle: [
      `Source: ${source.range.sheet}!${source.range.address}${source.range.tableName ? ` (table ${source.range.tableName})` : ""}; results in ${target}.`,
      `Run on ${stamp} UTC; ${run.assigned.toLocaleString("en")} of ${plural(run.customers, "customer")} placed.`,
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
        ...(valueName ? [MONEY_FORMAT, "0.0%"] : []),
        ...(hasOrders && valueName ? [MONEY_FORMAT] : []),
        ...(hasAverage ? [MONEY_FORMAT] : []),
        ...(hasScore ? ["0.0"] : []),
        null,
      ],
    },
    chart: definition.summaryChart?.(run) ?? {
      type: "bar",
      title: `Share of customers${valueName ? " and of value" : ""} by ${run.groupName.toLowerCase()}`,
      categories: run.groups.map((g) => g.label),
      series: [
        { name: "Share of customers", values: run.groups.map((g) => g.customerShare) },
        ...(valueName ? [{ name: "Share of value", values: run.groups.map((g) => g.valueShare) }] : []),
      ],
    },
    ...(sections.length > 0 ? { sections } : {}),
    notes: [
      "The model",
      ...run.description,
      ...(run.warnings.length > 0 ? ["Warnings", ...run.warnings.map((w) => w.message)] : []),
      `Columns written: ${run.columns.map((c) => c.header).join(", ")} (${model.output.formulas ? "live CV formulas" : "values; re-apply with the Customer Value add-in to update them"}).`,
      // The model itself stays in the document settings (the add-in re-runs it); a colleague reads it in words above.
      "The add-in keeps this model in the workbook; open Customer Value to re-run or change it.",
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
    numberFormats: [null, "#,##0", "0.0%", ...(withValue ? [MONEY_FORMAT, "0.0%", MONEY_FORMAT] : []), ...b.groupLabels.map(() => "#,##0"), ...(withUnplaced ? ["#,##0"] : [])],
  };
}
