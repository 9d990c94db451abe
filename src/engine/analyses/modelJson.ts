/**
 * Reading a model from JSON (an exported file or the workbook's saved model): the shared
 * parts checked here, each analysis's settings by its own declaration.
 */
import { NORMALIZATION_METHODS, type NormalizationMethod } from "../value/normalize";
import { ASPECTS, type Aspect } from "../value/scorecard";
import { ANALYSES, ANALYSIS_IDS, type AnalysisId } from "./registry";
import { type CustomerValueModel, type IndicatorSpec, type ModelSource, numberList, parseTierSpec, stringList } from "./model";
import { failModel as fail } from "./settings";

function nullableString(value: unknown, path: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "string") fail(path, "expected a column name or null");
  return value;
}

function parseGroupBy(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== "string") fail("groupBy", `expected a column name or null, found ${JSON.stringify(value)}`);
  return value;
}

/** Each analysis's settings present in the JSON, read by the analysis's own declaration. */
function parseAnalysisSettings(m: Record<string, unknown>): Partial<CustomerValueModel> {
  const out: Record<string, unknown> = {};
  for (const id of ANALYSIS_IDS) {
    const declaration = ANALYSES[id].settings;
    if (declaration !== null && m[id] !== undefined) out[id] = declaration.parse(m[id]);
  }
  return out as Partial<CustomerValueModel>;
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
  const tiers = parseTierSpec(m.tiers, "tiers");
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
    ...(m.groupBy !== undefined ? { groupBy: parseGroupBy(m.groupBy) } : {}),
    ...parseAnalysisSettings(m),
  };
}
