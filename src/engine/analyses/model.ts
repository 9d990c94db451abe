/**
 * The model: what one analysis run is, as plain data. The task pane edits it, the engine
 * runs it, the workbook stores it (document settings and a readable copy on the summary
 * sheet), and it exports and imports as JSON (modelJson.ts). The parts every analysis
 * shares are declared here; each analysis's own settings are declared in its folder and
 * saved under its id (model.rfm, model.lifetime, …), typed through the registry.
 */
import type { Direction, NormalizationMethod } from "../value/normalize";
import type { Aspect } from "../value/scorecard";
import { TIER_PRESETS } from "../value/tiers";
import type { RoleGuess } from "../core/profile";
import type { AnalysisId, AnalysisSettingsMap } from "./registry";
import { failModel } from "./settings";

export type { AnalysisId } from "./registry";

/** One indicator of a score: a column, its weight (any non-negative number), direction and, for the scorecard, aspect. */
export interface IndicatorSpec {
  column: string;
  weight: number;
  direction: Direction;
  aspect?: Aspect;
}

/** Tiers by share of customers (a preset or custom shares) or by score thresholds. */
export type TierSpec =
  | { by: "share"; preset: "pyramid" | "key20" | "abcd" | "custom"; shares: number[]; labels: string[] }
  | { by: "score"; thresholds: number[]; labels: string[] };

/** Where the table was read from, so the model can be re-applied to the same place. */
export interface ModelSource {
  kind: "table" | "region" | "selection";
  sheet: string;
  address: string;
  tableName?: string;
}

/** The parts of a model every analysis shares (roles, output, Group by) and the score settings of the pyramid, scorecard and ABC. */
export interface ModelCore {
  version: 1;
  analysis: AnalysisId;
  source?: ModelSource;
  roles: { id: string | null; name: string | null; value: string | null };
  indicators: IndicatorSpec[];
  method: NormalizationMethod;
  tiers: TierSpec;
  abc: { cuts: number[]; labels: string[] };
  /** Weights of the financial, sales, customer and service aspects (scorecard). */
  aspectWeights: [number, number, number, number];
  output: { placement: "beside" | "newSheet"; formulas: boolean };
  /**
   * The column every summary is also broken down by (market type, region, industry …): its
   * header, or absent / null for none. Every analysis uses it (methods §10).
   */
  groupBy?: string | null;
  /**
   * The suggested action per group label (segment, tier, stage, quadrant …) as the user edited
   * it, by analysis id then label; a label without an entry takes the default of methods.md
   * (see actions.ts). Goes onto the summary sheet and the customer lists.
   */
  actions?: { [analysis: string]: { [label: string]: string } };
}

/**
 * One analysis, fully described: the shared parts and, under each analysis's id, the
 * settings that analysis declares (absent until the analysis is first chosen, and in models
 * saved before it existed).
 */
export type CustomerValueModel = ModelCore & { [K in keyof AnalysisSettingsMap]?: AnalysisSettingsMap[K] };

/** The pyramid preset as a tier spec. */
export function presetTiers(preset: "pyramid" | "key20" | "abcd"): TierSpec {
  const p = TIER_PRESETS[preset] as { labels: string[]; shares: number[] };
  return { by: "share", preset, shares: [...p.shares], labels: [...p.labels] };
}

/**
 * A sensible first model for a table, from the guessed roles: the weighted value pyramid on
 * up to three indicators (weights 50/30/20, or equal when fewer), min-max normalisation,
 * pyramid tiers, results beside the table as values, summaries grouped by the guessed
 * dimension column when there is one.
 *
 * @example defaultModel(guessRoles(profileColumns(table))).indicators.map((i) => i.column)
 */
export function defaultModel(roles: RoleGuess, source?: ModelSource): CustomerValueModel {
  const weights = roles.indicators.length === 3 ? [50, 30, 20] : roles.indicators.map(() => 1);
  return {
    version: 1,
    analysis: "pyramid",
    ...(source ? { source } : {}),
    roles: { id: roles.id, name: roles.name, value: roles.value },
    ...(roles.groupBy ? { groupBy: roles.groupBy } : {}),
    indicators: roles.indicators.map((ind, i) => ({ column: ind.column, weight: weights[i] ?? 1, direction: ind.direction })),
    method: "minmax",
    tiers: presetTiers("pyramid"),
    abc: { cuts: [0.8, 0.95], labels: ["A", "B", "C"] },
    aspectWeights: [1, 1, 1, 1],
    output: { placement: "beside", formulas: false },
  };
}

/** A list of finite numbers from JSON, or a model error naming the path. */
export function numberList(value: unknown, path: string): number[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "number" || !Number.isFinite(v))) failModel(path, "expected a list of numbers");
  return value as number[];
}

/** A list of texts from JSON, or a model error naming the path. */
export function stringList(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) failModel(path, "expected a list of texts");
  return value as string[];
}

/**
 * Reads a tier spec from JSON (the pyramid's tiers, the lifetime value's CLV tiers).
 *
 * @throws CvError BAD_OPTION naming the field: "model tiers.labels: need one label per share".
 */
export function parseTierSpec(raw: unknown, path: string): TierSpec {
  const t = (raw ?? {}) as Record<string, unknown>;
  if (t.by === "share") {
    if (!["pyramid", "key20", "abcd", "custom"].includes(t.preset as string)) failModel(`${path}.preset`, "expected pyramid, key20, abcd or custom");
    const tiers: TierSpec = { by: "share", preset: t.preset as "pyramid", shares: numberList(t.shares, `${path}.shares`), labels: stringList(t.labels, `${path}.labels`) };
    if (tiers.shares.length !== tiers.labels.length) failModel(`${path}.labels`, "need one label per share");
    return tiers;
  }
  if (t.by === "score") return { by: "score", thresholds: numberList(t.thresholds, `${path}.thresholds`), labels: stringList(t.labels, `${path}.labels`) };
  return failModel(`${path}.by`, 'expected "share" or "score"');
}
