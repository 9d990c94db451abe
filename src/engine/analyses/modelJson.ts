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

/** A JSON value as a message shows it: compact and clipped, so a huge field never fills the message. */
function shown(value: unknown): string {
  const text = value === undefined ? "nothing" : typeof value === "number" && !Number.isFinite(value) ? String(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Suggested actions: { analysis: { label: text } }, every text at most 500 characters. */
function parseActions(raw: unknown): NonNullable<CustomerValueModel["actions"]> {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) fail("actions", `expected an object of analyses, found ${shown(raw)}`);
  const out: NonNullable<CustomerValueModel["actions"]> = {};
  for (const [analysis, labels] of Object.entries(raw as Record<string, unknown>)) {
    if (labels === null || typeof labels !== "object" || Array.isArray(labels)) fail(`actions.${analysis}`, `expected an object of labels, found ${shown(labels)}`);
    const texts: { [label: string]: string } = {};
    for (const [label, text] of Object.entries(labels as Record<string, unknown>)) {
      if (typeof text !== "string" || text.length > 500) fail(`actions.${analysis}.${label}`, `expected a text of at most 500 characters, found ${shown(text)}`);
      texts[label] = text;
    }
    out[analysis] = texts;
  }
  return out;
}

function parseGroupBy(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== "string") fail("groupBy", `expected a column name or null, found ${shown(value)}`);
  return value;
}

const SOURCE_KINDS: readonly ModelSource["kind"][] = ["table", "region", "selection"];
/** An A1 address of a cell or a range, optionally absolute: "A1", "$B$2:$H$4339". */
const A1_ADDRESS = /^\$?[A-Z]{1,3}\$?[1-9]\d{0,6}(?::\$?[A-Z]{1,3}\$?[1-9]\d{0,6})?$/i;
/** Characters Excel forbids in a sheet name. */
const SHEET_NAME_FORBIDDEN = /[\\/?*[\]:]/;

/**
 * Reads where the model's table came from; every field is later used to find the table
 * again (the pane's restore), so each is checked.
 *
 * @throws CvError BAD_OPTION naming the field.
 */
function parseSource(raw: unknown): ModelSource | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "object" || Array.isArray(raw)) fail("source", `expected the table's sheet and address, found ${shown(raw)}`);
  const s = raw as Record<string, unknown>;
  if (!SOURCE_KINDS.includes(s.kind as ModelSource["kind"])) fail("source.kind", `expected "table", "region" or "selection", found ${shown(s.kind)}`);
  if (typeof s.sheet !== "string" || s.sheet.trim() === "" || s.sheet.length > 31 || SHEET_NAME_FORBIDDEN.test(s.sheet)) {
    fail("source.sheet", `expected a sheet name (1 to 31 characters, none of \\ / ? * [ ] :), found ${shown(s.sheet)}`);
  }
  if (typeof s.address !== "string" || !A1_ADDRESS.test(s.address.replace(/^.*!/, ""))) fail("source.address", `expected a range address such as A1:H4339, found ${shown(s.address)}`);
  if (s.tableName !== undefined && (typeof s.tableName !== "string" || !/^[A-Za-z_\\][A-Za-z0-9_.\\]{0,254}$/.test(s.tableName))) {
    fail("source.tableName", `expected an Excel table name (letters, digits, _ and ., starting with a letter or _), found ${shown(s.tableName)}`);
  }
  if (s.kind === "table" && s.tableName === undefined) fail("source.tableName", "expected the table's name for a source of kind \"table\"");
  return { kind: s.kind as ModelSource["kind"], sheet: s.sheet, address: s.address, ...(typeof s.tableName === "string" ? { tableName: s.tableName } : {}) };
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
  if (m.version !== 1) fail("version", `expected 1, found ${shown(m.version)}`);
  if (!ANALYSIS_IDS.includes(m.analysis as AnalysisId)) fail("analysis", `expected one of ${ANALYSIS_IDS.join(", ")}`);
  if (!NORMALIZATION_METHODS.includes(m.method as NormalizationMethod)) fail("method", `expected one of ${NORMALIZATION_METHODS.join(", ")}`);
  const roles = (m.roles ?? {}) as Record<string, unknown>;
  if (!Array.isArray(m.indicators)) fail("indicators", "expected a list");
  const indicators = (m.indicators as unknown[]).map((raw, i): IndicatorSpec => {
    const ind = (raw ?? {}) as Record<string, unknown>;
    if (typeof ind.column !== "string") fail(`indicators[${i}].column`, "expected a column name");
    // JSON.parse reads 1e999 as Infinity: a weight must be finite too.
    if (typeof ind.weight !== "number" || !(ind.weight >= 0) || !Number.isFinite(ind.weight)) fail(`indicators[${i}].weight`, `expected a finite number ≥ 0, found ${shown(ind.weight)}`);
    if (ind.direction !== 1 && ind.direction !== -1) fail(`indicators[${i}].direction`, "expected 1 or -1");
    if (ind.aspect !== undefined && !ASPECTS.includes(ind.aspect as Aspect)) fail(`indicators[${i}].aspect`, `expected one of ${ASPECTS.join(", ")}`);
    return { column: ind.column, weight: ind.weight, direction: ind.direction, ...(ind.aspect !== undefined ? { aspect: ind.aspect as Aspect } : {}) };
  });
  const tiers = parseTierSpec(m.tiers, "tiers");
  const abc = (m.abc ?? {}) as Record<string, unknown>;
  const aspectWeights = numberList(m.aspectWeights ?? [1, 1, 1, 1], "aspectWeights");
  if (aspectWeights.length !== 4 || aspectWeights.some((w) => w < 0)) fail("aspectWeights", "expected four weights ≥ 0 (financial, sales, customer, service)");
  const output = (m.output ?? {}) as Record<string, unknown>;
  const source = parseSource(m.source);
  return {
    version: 1,
    analysis: m.analysis as AnalysisId,
    ...(source ? { source } : {}),
    roles: { id: nullableString(roles.id, "roles.id"), name: nullableString(roles.name, "roles.name"), value: nullableString(roles.value, "roles.value") },
    indicators,
    method: m.method as NormalizationMethod,
    tiers,
    abc: { cuts: numberList(abc.cuts ?? [0.8, 0.95], "abc.cuts"), labels: stringList(abc.labels ?? ["A", "B", "C"], "abc.labels") },
    aspectWeights: aspectWeights as [number, number, number, number],
    output: { placement: output.placement === "newSheet" ? "newSheet" : "beside", formulas: output.formulas === true },
    ...(m.groupBy !== undefined ? { groupBy: parseGroupBy(m.groupBy) } : {}),
    ...(m.actions !== undefined ? { actions: parseActions(m.actions) } : {}),
    ...parseAnalysisSettings(m),
  };
}
