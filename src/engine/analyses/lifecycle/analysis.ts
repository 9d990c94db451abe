import { CvError } from "../../core/errors";
import { LIFECYCLE_STAGES, lifecycleStages, problemShare, stageTransitions } from "../../behaviour/lifecycle";
import type { CustomerValueModel } from "../model";
import { type LifecycleSettings, defaultLifecycleSettings, lifecycleSettings } from "./settings";
import type { CustomerTable } from "../../core/profile";
import { profileColumns } from "../../core/profile";
import { normalizeColumn } from "../../value/normalize";
import { dayToIso, parseDayCell } from "../../core/table";
import type { Picture } from "../pictures";
import { stageFunnelPicture, transitionsPicture } from "./pictures";
import { type AnalysisDefinition, type AnalysisRun, type ModelWarning, duplicateIdWarnings, numericColumn, percentWords, readColumn, summariseGroups, valueColumn } from "../common";

/** The funnel order the pane and the summary show stages in: the relationship's path, then the exits. */
const FUNNEL = ["Prospect", "Target", "New", "Established", "Core", "Strategic", "Problem", "Exited"] as const;

/**
 * Lifecycle stages (methods §7): the first rule that applies — Exited, Problem, Strategic,
 * Prospect, Target, New, Core, Established — with the reason, per customer. Without a
 * value-percentile column, the percentile rank of the value column decides Core. With a
 * previous-stage column, the transitions and the upgrade and downgrade rates; always the
 * problem-share health check against 3%. Writes "CV Stage" and "CV Stage reason". Cost: O(n log n).
 */
export const lifecycleAnalysis: AnalysisDefinition<null, LifecycleSettings> = {
  id: "lifecycle",
  title: "Lifecycle stages",
  summary: "Prospect, Target, New, Established, Core, Strategic, Problem or Exited, with the reason.",
  sheetWord: "Lifecycle",
  settings: lifecycleSettings,
  run(model: CustomerValueModel, table: CustomerTable): AnalysisRun<null> {
    const s = model.lifecycle ?? defaultLifecycleSettings(profileColumns(table));
    const warnings: ModelWarning[] = [];
    const n = table.rows.length;
    const dayColumn = (header: string | null, role: string): Float64Array => {
      if (header === null) throw new CvError("BAD_OPTION", `Choose the ${role} column for lifecycle stages.`, { argument: role });
      return readColumn(table, header, role, "day", warnings);
    };
    const flagColumn = (header: string | null): Uint8Array | undefined => (header === null ? undefined : readColumn(table, header, "flag", "flag", warnings));
    const first = dayColumn(s.first, "first purchase");
    const last = dayColumn(s.last, "last purchase");
    const value = s.percentile === null ? valueColumn(model, table, warnings) : null;
    let percentile: Float64Array | undefined;
    if (s.percentile !== null) percentile = numericColumn(table, s.percentile, "value percentile", warnings);
    else if (value) percentile = normalizeColumn(value, "percentile", 1);
    const problems = s.problems === null ? undefined : numericColumn(table, s.problems, "open problems", warnings).map((v) => (Number.isNaN(v) ? 0 : v));
    const inPlan = flagColumn(s.inPlan);
    const strategic = flagColumn(s.strategic);
    const exited = flagColumn(s.exited);
    const asOf = s.asOf ? parseDayCell(s.asOf) : undefined;
    const result = lifecycleStages(
      {
        firstPurchase: first,
        lastPurchase: last,
        ...(percentile ? { valuePercentile: percentile } : {}),
        ...(inPlan ? { inPlan } : {}),
        ...(problems ? { openProblems: problems } : {}),
        ...(strategic ? { strategic } : {}),
        ...(exited ? { exited } : {}),
      },
      { ...(asOf !== undefined && !Number.isNaN(asOf) ? { asOf } : {}), exitDays: s.exitDays, newDays: s.newDays, coreDays: s.coreDays, coreShare: s.coreShare },
    );
    duplicateIdWarnings(model, table, warnings);
    const stageNames = Array.from(result.stage, (k) => (k < 0 ? null : (LIFECYCLE_STAGES[k] as string)));
    const funnelIndex = Int32Array.from(stageNames, (name) => (name === null ? -1 : FUNNEL.indexOf(name as (typeof FUNNEL)[number])));
    const health = problemShare(stageNames.map((x) => x ?? ""));
    if (health.aboveGuideline) {
      warnings.push({ kind: "unscored", message: `Problem customers are ${(health.share * 100).toFixed(1)}% of customers (${health.problems} of ${health.customers}), above the 3% guideline.` });
    }
    const unplaced = stageNames.filter((x) => x === null).length;
    if (unplaced > 0) warnings.push({ kind: "unscored", message: `${unplaced} customer${unplaced === 1 ? "" : "s"} could not be placed; the reason column says why.` });
    const description = [
      `Lifecycle stages of ${n.toLocaleString("en")} customers, as of ${Number.isNaN(result.asOf) ? "(no dates)" : dayToIso(result.asOf)}.`,
      `Rules, first that applies: Exited (exit flag${s.exited ? ` in ${s.exited}` : ""}, or ${s.exitDays}+ days since the last purchase); Problem (open problems${s.problems ? ` in ${s.problems}` : ""} > 0); Strategic (flag${s.strategic ? ` in ${s.strategic}` : ""}); Prospect / Target (never bought; Target when in the plan${s.inPlan ? `, ${s.inPlan}` : ""}); New (first purchase less than ${s.newDays} days ago); Core (customer for ${s.coreDays}+ days and in the top ${percentWords(s.coreShare)} by value: percentile rank ${percentWords(1 - s.coreShare)} or more${s.percentile ? ` in ${s.percentile}` : model.roles.value ? ` of ${model.roles.value}` : ""}); Established (every other buyer).`,
      `Dates: first purchase ${s.first}, last purchase ${s.last}.`,
      `Health check: ${health.problems} problem customers, ${Number.isNaN(health.share) ? "–" : `${(health.share * 100).toFixed(1)}%`} of customers (guideline 3%).`,
    ];
    let transitions: Picture | null = null;
    if (s.previousStage !== null) {
      const previous = readColumn(table, s.previousStage, "previous stage", "text", warnings);
      const current = stageNames.map((x) => x ?? "");
      const t = stageTransitions(previous, current);
      transitions = transitionsPicture(t, previous, current, FUNNEL, s.previousStage);
      const pct = (x: number) => (Number.isNaN(x) ? "–" : `${(x * 100).toFixed(1)}%`);
      description.push(
        `Since ${s.previousStage}: ${t.upgrades} upgraded (${pct(t.upgradeRate)}), ${t.downgrades} downgraded (${pct(t.downgradeRate)}), ${t.unchanged} unchanged, of ${t.customers} customers with both stages.`,
        ...t.stages.map((from, i) => `From ${from}: ${t.stages.map((to, j) => ((t.counts[i]?.[j] ?? 0) > 0 ? `${t.counts[i]?.[j]} to ${to}` : null)).filter((x) => x !== null).join(", ") || "none"}.`),
      );
    }
    const groups = summariseGroups([...FUNNEL], funnelIndex, value, null);
    const funnel = stageFunnelPicture(groups, health.problems, health.customers);
    return {
      analysis: "lifecycle",
      customers: n,
      assigned: n - unplaced,
      columns: [
        { header: "CV Stage", kind: "label", values: stageNames, reasons: result.reason.map((r, i) => (stageNames[i] === null ? r : null)) },
        { header: "CV Stage reason", kind: "text", values: result.reason, reasons: result.reason.map(() => null) },
      ],
      groupName: "Stage",
      groups,
      rowGroups: funnelIndex,
      ...(value ? { rowValues: value } : {}),
      headline: `${health.problems} problem customers: ${Number.isNaN(health.share) ? "–" : `${(health.share * 100).toFixed(1)}%`} (guideline 3%).`,
      paretoTop20: null,
      warnings,
      description,
      details: null,
      pictures: transitions ? [funnel, transitions] : [funnel],
    };
  },
};
