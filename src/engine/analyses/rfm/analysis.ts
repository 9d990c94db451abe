import { CvError } from "../../core/errors";
import type { CustomerValueModel } from "../model";
import { type RfmSettings, defaultRfmSettings, rfmSettings } from "./settings";
import type { CustomerTable } from "../../core/profile";
import { profileColumns } from "../../core/profile";
import { type RfmScores, UNMATCHED_SEGMENT, rfmFromTransactionCells, rfmScores, segmentIndex } from "../../behaviour/rfm";
import { dayToIso, parseDayCell } from "../../core/table";
import { type AnalysisDefinition, type AnalysisRun, type ModelWarning, addTransactionWarnings, duplicateIdWarnings, numericColumn, paretoHeadline, summariseGroups, tableCells } from "../common";
import { rfmPictures } from "./pictures";

/**
 * RFM segments (methods §6): R, F, M scores 1–q on midranks and the first matching segment
 * rule. From per-customer columns (recency days, frequency, monetary) the results go beside
 * the table; from a transaction table (customer id, date, amount, optional invoice) they are
 * one row per customer, keyed by id, on a sheet of their own. Cost: O(n log n).
 */
export const rfmSegments: AnalysisDefinition<null, RfmSettings> = {
  id: "rfm",
  title: "RFM segments",
  summary: "Recency, frequency and monetary scores 1–5, and the segment each customer falls in.",
  sheetWord: "RFM",
  settings: rfmSettings,
  run(model: CustomerValueModel, table: CustomerTable): AnalysisRun<null> {
    const settings = model.rfm ?? defaultRfmSettings(profileColumns(table), model.roles.value);
    const warnings: ModelWarning[] = [];
    let recency: Float64Array;
    let frequency: Float64Array;
    let monetary: Float64Array;
    let scores: RfmScores;
    let rowKeys: AnalysisRun["rowKeys"];
    let asOfWords = "";
    if (settings.input === "summary") {
      const need = (column: string | null, role: string): string => column ?? fail(`Choose the ${role} column for RFM.`);
      recency = numericColumn(table, need(settings.recency, "recency (days)"), "recency", warnings);
      frequency = numericColumn(table, need(settings.frequency, "frequency"), "frequency", warnings);
      monetary = numericColumn(table, need(settings.monetary, "monetary"), "monetary", warnings);
      duplicateIdWarnings(model, table, warnings);
      scores = rfmScores(recency, frequency, monetary, settings.bins);
    } else {
      const idColumn = model.roles.id ?? fail("Choose the customer id column of the transactions.");
      const ids = tableCells(table, idColumn, "customer id");
      const dateColumn = settings.date ?? fail("Choose the date column of the transactions.");
      // The one transaction reader and RFM pipeline of CV.RFM, read leniently: bad cells are missing and their rows left out, with warnings.
      const cells = {
        ids,
        dates: tableCells(table, dateColumn, "date"),
        ...(settings.amount ? { amounts: tableCells(table, settings.amount, "amount") } : {}),
        ...(settings.invoice ? { invoices: tableCells(table, settings.invoice, "invoice") } : {}),
      };
      const rfm = rfmFromTransactionCells(cells, "missing", { asOf: settings.asOf ? parseDayCell(settings.asOf) : undefined, bins: settings.bins });
      addTransactionWarnings(warnings, rfm.transactions.report, { id: idColumn, date: dateColumn, amount: settings.amount, invoice: settings.invoice });
      const asOf = rfm.asOf;
      recency = rfm.recency;
      frequency = rfm.frequency;
      monetary = rfm.monetary;
      scores = rfm.scores;
      rowKeys = { header: idColumn, values: rfm.histories.displayIds.map((v) => (typeof v === "number" ? v : String(v))) };
      asOfWords = ` Recency counted to ${dayToIso(asOf)}.`;
    }
    const index = segmentIndex(scores.r, scores.f, scores.m, settings.rules);
    const labels = [...settings.rules.map((r) => r.segment), UNMATCHED_SEGMENT];
    // Groups: the rules in order, then Others; -2 (a missing score) stays out.
    const group = index.map((k) => (k === -1 ? labels.length - 1 : k));
    const groups = summariseGroups(labels, group, monetary, null).map((g, k) => {
      let orders = 0;
      for (let i = 0; i < group.length; i++) if (group[i] === k && !Number.isNaN(frequency[i] as number)) orders += frequency[i] as number;
      return { ...g, orders };
    });
    const segment = Array.from(index, (k) => (k === -2 ? null : k === -1 ? UNMATCHED_SEGMENT : (settings.rules[k]?.segment as string)));
    const missing = segment.filter((s) => s === null).length;
    // From transactions, a customer without a recency has returns only: left out of every bin (methods §6), and said so.
    const returnsOnly: boolean[] = settings.input === "transactions" ? Array.from(recency, (r) => Number.isNaN(r)) : new Array<boolean>(recency.length).fill(false);
    const onlyReturns = returnsOnly.filter(Boolean).length;
    const blank = missing - onlyReturns;
    const customers = (n: number, verb: [string, string]) => `${n.toLocaleString("en")} customer${n === 1 ? ` ${verb[0]}` : `s ${verb[1]}`}`;
    if (onlyReturns > 0) warnings.push({ kind: "unscored", message: `${customers(onlyReturns, ["has", "have"])} only returns (no purchase) and ${onlyReturns === 1 ? "gets" : "get"} no scores or segment; they do not move the others' scores.` });
    if (blank > 0) warnings.push({ kind: "unscored", message: `${customers(blank, ["has", "have"])} a blank recency, frequency or monetary value and get no segment.` });
    const score = (s: Int32Array) => Array.from(s, (v) => (v > 0 ? v : null));
    const why = (s: Int32Array) => Array.from(s, (v, i) => (v > 0 ? null : returnsOnly[i] ? "only returns, no purchase" : "value is blank"));
    const { headline, share } = paretoHeadline(monetary, settings.monetary ?? settings.amount);
    return {
      analysis: "rfm",
      customers: segment.length,
      assigned: segment.length - missing,
      columns: [
        { header: "CV R", kind: "number", values: score(scores.r), reasons: why(scores.r) },
        { header: "CV F", kind: "number", values: score(scores.f), reasons: why(scores.f) },
        { header: "CV M", kind: "number", values: score(scores.m), reasons: why(scores.m) },
        { header: "CV RFM", kind: "text", values: Array.from(scores.r, (r, i) => (r > 0 && scores.f[i]! > 0 && scores.m[i]! > 0 ? `${r}${scores.f[i]}${scores.m[i]}` : null)), reasons: why(scores.r) },
        { header: "CV Segment", kind: "label", values: segment, reasons: segment.map((s) => (s === null ? "a score is missing" : null)) },
      ],
      groupName: "Segment",
      groups,
      rowGroups: group,
      rowValues: monetary,
      valueHeader: model.rfm?.monetary ?? model.rfm?.amount ?? model.roles.value,
      headline,
      paretoTop20: share,
      warnings,
      description: [
        `RFM segments of ${segment.length.toLocaleString("en")} customers${settings.input === "transactions" ? ` from ${table.rows.length.toLocaleString("en")} transactions` : ""}.`,
        settings.input === "summary"
          ? `Recency: ${settings.recency} (days; lower is better); frequency: ${settings.frequency}; monetary: ${settings.monetary}.`
          : `Transactions: customer ${model.roles.id}, date ${settings.date}, amount ${settings.amount ?? "(none)"}${settings.invoice ? `, invoice ${settings.invoice} (frequency = distinct invoices)` : " (frequency = distinct purchase days)"}; returns (negative amounts) reduce monetary value.${asOfWords}`,
        `Scores 1–${settings.bins} by equal-frequency bins on midranks (ties share a score; recent is better).`,
        `Segments, first match wins: ${settings.rules.map((r) => `${r.segment} (R ${range(r.r)}, F ${range(r.f)}, M ${range(r.m)})`).join("; ")}; otherwise ${UNMATCHED_SEGMENT}.`,
      ],
      ...(rowKeys ? { rowKeys } : {}),
      pictures: rfmPictures(scores, monetary, settings.bins, groups, settings.monetary ?? settings.amount ?? "monetary value"),
      details: null,
    };
  },
};

function range([low, high]: readonly [number, number]): string {
  const l = Number.isNaN(low) ? "any" : String(low);
  const h = Number.isNaN(high) ? "any" : String(high);
  return l === h ? l : `${l}–${h}`;
}

function fail(message: string): never {
  throw new CvError("BAD_OPTION", message, { argument: "rfm" });
}
