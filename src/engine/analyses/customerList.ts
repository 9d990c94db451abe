/**
 * Drill-down: the customers behind a bar, a segment, a quadrant or a heatmap cell, as a table
 * to read, sort, search and export: who they are (the id and name columns, or the customer key
 * of a per-customer result), the value that ranks them, the result columns that put them
 * there, and the group's suggested action.
 */
import { MONEY_FORMAT } from "./moneyFormat";
import { suggestedAction } from "./actions";
import type { CustomerTable } from "../core/profile";
import type { CustomerValueModel } from "./model";
import type { HeatmapPicture } from "./pictures";
import type { AnalysisRun, ResultCell } from "./types";

/** What was clicked: a run group (tier, segment, stage …), or a cell of one of the run's heatmaps. */
export type ListSelection = { kind: "group"; group: number } | { kind: "cell"; picture: string; row: number; column: number };

/** The customers of a selection, ready for the pane's list and for a sheet of their own. */
export interface CustomerList {
  /** E.g. "Segment: At Risk" or "R × F: R 5, F 1". */
  title: string;
  headers: string[];
  /** One row per customer, the highest value first (table order among equals, and without a value). */
  rows: ResultCell[][];
  /** Excel number format per column (null = General). */
  numberFormats: (string | null)[];
  /** The 0-based result row of each list row (for going back to the table). */
  resultRows: number[];
  /** The suggested action of the group ("" for a heatmap cell or a group without one). */
  action: string;
}

/** A cell of the table as a list cell: text, number or boolean; anything else (blank, error) empty. */
function listCell(v: unknown): ResultCell {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" || typeof v === "boolean") return v === "" ? null : v;
  return null;
}

/**
 * The customers of a selection (see the file comment). Result rows are table rows unless the
 * run has per-customer keys (RFM from transactions: one row per customer id). Cost: O(n log n)
 * for the sort, O(n · result columns) to build.
 *
 * @throws Error when the selection names a group or a heatmap the run does not have.
 * @example customerList(model, run, table, { kind: "group", group: 0 }).rows.length // → the top tier's customers
 */
export function customerList(model: CustomerValueModel, run: AnalysisRun, table: CustomerTable, selection: ListSelection): CustomerList {
  const n = run.rowGroups.length;
  let member: (i: number) => boolean;
  let title: string;
  let action = "";
  if (selection.kind === "group") {
    const group = run.groups[selection.group];
    if (!group) throw new Error(`There is no ${run.groupName.toLowerCase()} number ${selection.group + 1}; this run has ${run.groups.length}.`);
    member = (i) => run.rowGroups[i] === selection.group;
    title = `${run.groupName}: ${group.label}`;
    action = suggestedAction(model, run.analysis, group.label);
  } else {
    const picture = (run.pictures ?? []).find((p): p is HeatmapPicture => p.kind === "heatmap" && p.id === selection.picture);
    if (!picture?.rowCells) throw new Error(`This run has no heatmap "${selection.picture}" whose cells are customers.`);
    const cells = picture.rowCells;
    const wanted = selection.row * picture.columns.length + selection.column;
    member = (i) => cells[i] === wanted;
    title = `${picture.title}: ${picture.rowTitle} ${picture.rows[selection.row] ?? "?"}, ${picture.columnTitle} ${picture.columns[selection.column] ?? "?"}`;
  }

  const perCustomer = run.rowKeys !== undefined;
  const id = (i: number): ResultCell => {
    if (run.rowKeys) return listCell(run.rowKeys.values[i]);
    const c = model.roles.id ? table.headers.indexOf(model.roles.id) : -1;
    return c >= 0 ? listCell(table.rows[i]?.[c]) : i + 1;
  };
  const nameColumn = !perCustomer && model.roles.name ? table.headers.indexOf(model.roles.name) : -1;
  const values = run.rowValues;
  const valueHeader = run.valueName ?? run.valueHeader ?? model.roles.value;
  const hasValue = values !== undefined && valueHeader !== null && valueHeader !== undefined;

  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (member(i)) rows.push(i);
  if (hasValue && values) {
    // Highest value first; customers without one last; table order among equals (a stable sort).
    const key = (i: number) => (Number.isFinite(values[i] as number) ? (values[i] as number) : Number.NEGATIVE_INFINITY);
    rows.sort((a, b) => key(b) - key(a));
  }

  const headers = [run.rowKeys?.header ?? model.roles.id ?? "Table row", ...(nameColumn >= 0 ? [table.headers[nameColumn] as string] : []), ...(hasValue ? [valueHeader as string] : []), ...run.columns.map((c) => c.header)];
  const numberFormats: (string | null)[] = [null, ...(nameColumn >= 0 ? [null] : []), ...(hasValue ? [MONEY_FORMAT] : []), ...run.columns.map((c) => c.numberFormat ?? null)];
  const out = rows.map((i): ResultCell[] => [
    id(i),
    ...(nameColumn >= 0 ? [listCell(table.rows[i]?.[nameColumn])] : []),
    ...(hasValue && values ? [listCell(values[i])] : []),
    ...run.columns.map((c) => listCell(c.values[i])),
  ]);
  return { title, headers, rows: out, numberFormats, resultRows: rows, action };
}
