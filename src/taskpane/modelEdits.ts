import {
  type AnalysisId,
  type Aspect,
  type ColumnProfile,
  type CustomerValueModel,
  type Direction,
  type TierSpec,
  ANALYSIS_IDS,
  ROLE_KEYWORDS,
  analysisOf,
  modelColumns,
  normaliseHeader,
  isLowerBetterHeader,
  presetTiers,
} from "../engine";
import { paneAnalysisOf } from "./analyses/registry";

/** The tier choices the pane offers, in its drop-down. */
export type TierChoice = "pyramid" | "key20" | "abcd" | "custom" | "score";

/** Which tier choice a tier spec corresponds to. */
export function tierChoice(tiers: TierSpec): TierChoice {
  return tiers.by === "score" ? "score" : tiers.preset;
}

/**
 * The tier spec for a choice: presets as defined; "custom" starts from the current shares
 * (or 20/80); "score" starts from thresholds 80/60/40 with labels A–D.
 */
export function tiersFor(choice: TierChoice, current: TierSpec): TierSpec {
  if (choice === "pyramid" || choice === "key20" || choice === "abcd") return presetTiers(choice);
  if (choice === "custom") return current.by === "share" ? { ...current, preset: "custom" } : { by: "share", preset: "custom", shares: [0.2, 0.8], labels: ["Key", "General"] };
  return { by: "score", thresholds: [80, 60, 40], labels: ["A", "B", "C", "D"] };
}

/** A best guess of a column's scorecard aspect from its header. */
export function guessAspect(header: string): Aspect {
  const key = header.toLowerCase();
  if (ROLE_KEYWORDS.profit.some((w) => key.includes(w))) return "financial";
  if (/complain|return|cost|service|投诉|退货|成本|服务/.test(key)) return "service";
  // Recency (days since the last purchase) says how alive the relationship is: a customer aspect, not payment days.
  if (/loyal|satisf|share|growth|referr|tenure|since|recen|满意|忠诚|增长|份额|最近/.test(key)) return "customer";
  if (/days|overdue|credit|payment|账期|回款|信用/.test(key)) return "financial";
  return "sales";
}

/**
 * Switches analysis: the analysis's own settings are guessed from the columns the first
 * time it is chosen (its declaration's defaults), and the analysis may adjust the model
 * (the scorecard guesses each indicator's aspect).
 */
export function withAnalysis(model: CustomerValueModel, analysis: AnalysisId, profiles: readonly ColumnProfile[] = []): CustomerValueModel {
  const settings = analysisOf(analysis).settings;
  const next: CustomerValueModel = {
    ...model,
    analysis,
    ...(settings !== null && model[analysis as keyof CustomerValueModel] === undefined ? { [analysis]: settings.defaults({ profiles, value: model.roles.value }) } : {}),
  };
  return paneAnalysisOf(analysis).onChoose?.(next) ?? next;
}

/** Adds or removes an indicator column (a new one gets weight 1, a direction guessed from its header and, with `withAspect`, a guessed scorecard aspect). */
export function toggleIndicator(model: CustomerValueModel, column: string, on: boolean, withAspect = false): CustomerValueModel {
  if (!on) return { ...model, indicators: model.indicators.filter((i) => i.column !== column) };
  if (model.indicators.some((i) => i.column === column)) return model;
  const direction: Direction = isLowerBetterHeader(column) ? -1 : 1;
  const average = model.indicators.length > 0 ? model.indicators.reduce((s, i) => s + i.weight, 0) / model.indicators.length : 1;
  return {
    ...model,
    indicators: [...model.indicators, { column, weight: Math.round(average * 100) / 100 || 1, direction, ...(withAspect ? { aspect: guessAspect(column) } : {}) }],
  };
}

/** Changes one field of one indicator. */
export function updateIndicator(model: CustomerValueModel, column: string, change: Partial<{ weight: number; direction: Direction; aspect: Aspect }>): CustomerValueModel {
  return { ...model, indicators: model.indicators.map((i) => (i.column === column ? { ...i, ...change } : i)) };
}

/** Each indicator's weight as a share of the total (what the sliders show as percentages). */
export function normalisedWeights(model: CustomerValueModel): number[] {
  const total = model.indicators.reduce((s, i) => s + i.weight, 0);
  return model.indicators.map((i) => (total > 0 ? i.weight / total : 0));
}

/** Columns that can be indicators: number columns that are not the id. */
export function indicatorCandidates(profiles: readonly ColumnProfile[], model: CustomerValueModel): ColumnProfile[] {
  return profiles.filter((p) => p.kind === "number" && p.header !== model.roles.id);
}

/**
 * The columns a model uses (roles, indicators, its analysis's column settings) that the
 * table does not have, in the model's order. Cost: O(columns).
 *
 * @example missingColumns(model, ["Customer", "Revenue"]) // → ["Sales"] for a model whose value column is Sales
 */
export function missingColumns(model: CustomerValueModel, headers: readonly string[]): string[] {
  const have = new Set(headers);
  return modelColumns(model).filter((c) => !have.has(c));
}

/**
 * A first guess of the table column for a model column that is not in the table: the one
 * whose header reads the same once case, spaces and punctuation are dropped ("customer_id"
 * → "CustomerID"), or null. Cost: O(columns).
 *
 * @example guessColumnFor("customer id", ["CustomerID", "Revenue"]) === "CustomerID"
 */
export function guessColumnFor(missing: string, headers: readonly string[]): string | null {
  const key = normaliseHeader(missing);
  return headers.find((h) => normaliseHeader(h) === key) ?? null;
}

/**
 * The model with its columns renamed (old name → table column): the roles, the indicators,
 * Group by, and every column setting of every analysis whose settings the model holds (the
 * fields its declaration marks as columns; other settings are left alone). Cost: O(columns).
 *
 * @example renameColumns(model, { Sales: "Revenue" }).roles.value === "Revenue"
 */
export function renameColumns(model: CustomerValueModel, mapping: Readonly<Record<string, string>>): CustomerValueModel {
  const to = (c: string) => mapping[c] ?? c;
  const next: CustomerValueModel = {
    ...model,
    roles: { id: model.roles.id === null ? null : to(model.roles.id), name: model.roles.name === null ? null : to(model.roles.name), value: model.roles.value === null ? null : to(model.roles.value) },
    indicators: model.indicators.map((i) => ({ ...i, column: to(i.column) })),
    ...(typeof model.groupBy === "string" ? { groupBy: to(model.groupBy) } : {}),
  };
  const settings = next as unknown as Record<string, unknown>;
  for (const id of ANALYSIS_IDS) {
    const declaration = analysisOf(id).settings;
    const own = settings[id];
    if (declaration === null || typeof own !== "object" || own === null) continue;
    const renamed: Record<string, unknown> = { ...(own as Record<string, unknown>) };
    for (const [name, field] of Object.entries(declaration.fields as Record<string, { isColumn?: boolean }>)) {
      const value = renamed[name];
      if (field.isColumn && typeof value === "string") renamed[name] = to(value);
    }
    settings[id] = renamed;
  }
  return next;
}
