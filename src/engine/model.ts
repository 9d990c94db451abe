import { CvError } from "./errors";
import type { Direction, NormalizationMethod } from "./normalize";
import { NORMALIZATION_METHODS } from "./normalize";
import type { Aspect } from "./scorecard";
import { ASPECTS } from "./scorecard";
import { TIER_PRESETS } from "./tiers";
import type { RoleGuess } from "./profile";

/** The analyses the task pane offers (the registry in analyses/registry.ts runs them). */
export type AnalysisId = "pyramid" | "scorecard" | "abc";
export const ANALYSIS_IDS: readonly AnalysisId[] = ["pyramid", "scorecard", "abc"];

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

/**
 * One analysis, fully described: the task pane edits it, the engine runs it, the workbook
 * stores it (document settings and a readable copy on the summary sheet), and it exports
 * and imports as JSON. Plain data only.
 */
export interface CustomerValueModel {
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
}

/** The pyramid preset as a tier spec. */
export function presetTiers(preset: "pyramid" | "key20" | "abcd"): TierSpec {
  const p = TIER_PRESETS[preset] as { labels: string[]; shares: number[] };
  return { by: "share", preset, shares: [...p.shares], labels: [...p.labels] };
}

/**
 * A sensible first model for a table, from the guessed roles: the weighted value pyramid on
 * up to three indicators (weights 50/30/20, or equal when fewer), min-max normalisation,
 * pyramid tiers, results beside the table as values.
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
    indicators: roles.indicators.map((ind, i) => ({ column: ind.column, weight: weights[i] ?? 1, direction: ind.direction })),
    method: "minmax",
    tiers: presetTiers("pyramid"),
    abc: { cuts: [0.8, 0.95], labels: ["A", "B", "C"] },
    aspectWeights: [1, 1, 1, 1],
    output: { placement: "beside", formulas: false },
  };
}

function fail(path: string, message: string): never {
  throw new CvError("BAD_OPTION", `model ${path}: ${message}`, { argument: "model" });
}

function numberList(value: unknown, path: string): number[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "number" || !Number.isFinite(v))) fail(path, "expected a list of numbers");
  return value as number[];
}

function stringList(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) fail(path, "expected a list of texts");
  return value as string[];
}

function nullableString(value: unknown, path: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "string") fail(path, "expected a column name or null");
  return value;
}

/**
 * Reads a model from JSON (an exported file or the workbook's settings), checking every
 * field, so a hand-edited or foreign file gives a clear message rather than a broken pane.
 *
 * @throws CvError BAD_OPTION naming the field, e.g. "model indicators[1].weight: expected a number ≥ 0".
 * @example parseModel(JSON.stringify(model)) // → the same model
 */
export function parseModel(json: string): CustomerValueModel {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    fail("file", "is not valid JSON");
  }
  if (typeof data !== "object" || data === null) fail("file", "is not a model object");
  const m = data as Record<string, unknown>;
  if (m.version !== 1) fail("version", `expected 1, found ${JSON.stringify(m.version)}`);
  if (!ANALYSIS_IDS.includes(m.analysis as AnalysisId)) fail("analysis", `expected one of ${ANALYSIS_IDS.join(", ")}`);
  if (!NORMALIZATION_METHODS.includes(m.method as NormalizationMethod)) fail("method", `expected one of ${NORMALIZATION_METHODS.join(", ")}`);
  const roles = (m.roles ?? {}) as Record<string, unknown>;
  if (!Array.isArray(m.indicators)) fail("indicators", "expected a list");
  const indicators = (m.indicators as unknown[]).map((raw, i): IndicatorSpec => {
    const ind = (raw ?? {}) as Record<string, unknown>;
    if (typeof ind.column !== "string") fail(`indicators[${i}].column`, "expected a column name");
    if (typeof ind.weight !== "number" || !(ind.weight >= 0)) fail(`indicators[${i}].weight`, "expected a number ≥ 0");
    if (ind.direction !== 1 && ind.direction !== -1) fail(`indicators[${i}].direction`, "expected 1 or -1");
    if (ind.aspect !== undefined && !ASPECTS.includes(ind.aspect as Aspect)) fail(`indicators[${i}].aspect`, `expected one of ${ASPECTS.join(", ")}`);
    return { column: ind.column, weight: ind.weight, direction: ind.direction, ...(ind.aspect !== undefined ? { aspect: ind.aspect as Aspect } : {}) };
  });
  const t = (m.tiers ?? {}) as Record<string, unknown>;
  let tiers: TierSpec;
  if (t.by === "share") {
    if (!["pyramid", "key20", "abcd", "custom"].includes(t.preset as string)) fail("tiers.preset", "expected pyramid, key20, abcd or custom");
    tiers = { by: "share", preset: t.preset as "pyramid", shares: numberList(t.shares, "tiers.shares"), labels: stringList(t.labels, "tiers.labels") };
    if (tiers.shares.length !== tiers.labels.length) fail("tiers.labels", "need one label per share");
  } else if (t.by === "score") {
    tiers = { by: "score", thresholds: numberList(t.thresholds, "tiers.thresholds"), labels: stringList(t.labels, "tiers.labels") };
  } else fail("tiers.by", 'expected "share" or "score"');
  const abc = (m.abc ?? {}) as Record<string, unknown>;
  const aspectWeights = numberList(m.aspectWeights ?? [1, 1, 1, 1], "aspectWeights");
  if (aspectWeights.length !== 4) fail("aspectWeights", "expected four weights (financial, sales, customer, service)");
  const output = (m.output ?? {}) as Record<string, unknown>;
  const source = m.source as ModelSource | undefined;
  return {
    version: 1,
    analysis: m.analysis as AnalysisId,
    ...(source && typeof source.sheet === "string" && typeof source.address === "string" ? { source } : {}),
    roles: { id: nullableString(roles.id, "roles.id"), name: nullableString(roles.name, "roles.name"), value: nullableString(roles.value, "roles.value") },
    indicators,
    method: m.method as NormalizationMethod,
    tiers,
    abc: { cuts: numberList(abc.cuts ?? [0.8, 0.95], "abc.cuts"), labels: stringList(abc.labels ?? ["A", "B", "C"], "abc.labels") },
    aspectWeights: aspectWeights as [number, number, number, number],
    output: { placement: output.placement === "newSheet" ? "newSheet" : "beside", formulas: output.formulas === true },
  };
}
