import { CvError } from "../core/errors";
import type { Direction, NormalizationMethod } from "../value/normalize";
import { NORMALIZATION_METHODS } from "../value/normalize";
import type { Aspect } from "../value/scorecard";
import { ASPECTS } from "../value/scorecard";
import { TIER_PRESETS } from "../value/tiers";
import { type ColumnProfile, type RoleGuess, normaliseHeader } from "../core/profile";
import { DEFAULT_SEGMENT_RULES, type SegmentRule } from "../behaviour/rfm";
import { TIME_UNIT_DAYS, type TimeUnit } from "../lifetime/repeatSummary";
import { parseDayCell } from "../core/table";

/** The analyses the task pane offers (the registry in analyses/registry.ts runs them). */
export type AnalysisId = "pyramid" | "scorecard" | "abc" | "rfm" | "lifecycle" | "lifetime" | "crossSell";
export const ANALYSIS_IDS: readonly AnalysisId[] = ["pyramid", "scorecard", "abc", "rfm", "lifecycle", "lifetime", "crossSell"];

/** RFM settings: from a transaction table (one row per purchase) or from per-customer columns. */
export interface RfmSettings {
  input: "transactions" | "summary";
  /** Transactions: the date, amount and optional invoice columns (the customer id is roles.id). */
  date: string | null;
  amount: string | null;
  invoice: string | null;
  /** Per-customer columns: recency in days, frequency, monetary. */
  recency: string | null;
  frequency: string | null;
  monetary: string | null;
  bins: number;
  /** The segment rules, first match wins (default: the standard ten). */
  rules: SegmentRule[];
  /** ISO date; null = the day after the latest date. */
  asOf: string | null;
}

/** Lifecycle settings: which columns feed each rule, and the rule parameters (methods §7). */
export interface LifecycleSettings {
  first: string | null;
  last: string | null;
  /** A value percentile column (0–1, 1 = best); null = the percentile rank of roles.value. */
  percentile: string | null;
  inPlan: string | null;
  problems: string | null;
  strategic: string | null;
  exited: string | null;
  /** A column holding each customer's stage in an earlier snapshot, for transitions. */
  previousStage: string | null;
  asOf: string | null;
  exitDays: number;
  newDays: number;
  coreDays: number;
  coreShare: number;
}

/**
 * Lifetime value settings (methods §9): a transaction table (the customer id is roles.id),
 * the calibration period's end and time unit, and the money side of CLV.
 */
export interface LifetimeSettings {
  /** The purchase date and amount columns of the transaction table. */
  date: string | null;
  amount: string | null;
  /** ISO date ending the calibration period; null = the day after the latest date. */
  asOf: string | null;
  /** The unit x, t_x and T are counted in. */
  unit: TimeUnit;
  /** Months ahead the CLV covers: a whole number from 1 to 1200. */
  horizonMonths: number;
  /** Discount rate per month, from 0 up to 1 (0.01 = 1% a month). */
  monthlyDiscount: number;
  /** Profit margin on spend, 0–1 (1 = revenue). */
  margin: number;
  /** CLV tiers: by share of customers (the pyramid presets) or by CLV thresholds. */
  tiers: TierSpec;
}

/**
 * Cross-sell settings (methods §10): a lines table (one row per customer × product, or per
 * invoice line); the customer is roles.id and the value the customers are summed on is
 * roles.value (optional).
 */
export interface CrossSellSettings {
  /**
   * The column grouping lines into baskets for the rules: an invoice or order column
   * ("bought together"), or null for each customer's lines forming one basket ("bought by
   * the same customer").
   */
  basket: string | null;
  /** The product column (a name or a code per line). */
  product: string | null;
  /** Least share of baskets a rule's products must be in together: above 0, at most 1 (0.01 = 1%). */
  minSupport: number;
  /** Least confidence of a rule, 0–1. */
  minConfidence: number;
  /** Most products in a rule, both sides together: a whole number from 2 to 5. */
  maxSize: number;
  /** Most similar customers a customer's recommendations come from: a whole number from 1 to 1000. */
  neighbours: number;
  /** Products recommended per customer: a whole number from 1 to 100. */
  top: number;
}

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
  /** RFM settings (used by the "rfm" analysis; absent in models saved before it existed). */
  rfm?: RfmSettings;
  /** Lifecycle settings (used by the "lifecycle" analysis). */
  lifecycle?: LifecycleSettings;
  /** Lifetime value settings (used by the "lifetime" analysis). */
  lifetime?: LifetimeSettings;
  /** Cross-sell settings (used by the "crossSell" analysis). */
  crossSell?: CrossSellSettings;
  /**
   * The column every summary is also broken down by (market type, region, industry …): its
   * header, or absent / null for none. Every analysis uses it (methods §10).
   */
  groupBy?: string | null;
}

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

/** The first column whose normalised header contains one of the words, of the wanted kinds. */
function findColumn(profiles: readonly ColumnProfile[], words: readonly string[], kinds: readonly string[]): string | null {
  return profiles.find((p) => kinds.includes(p.kind) && words.some((w) => normaliseHeader(p.header).includes(w)))?.header ?? null;
}

/**
 * RFM settings guessed from the columns: per-customer recency / frequency / monetary
 * columns when the table has them (DaysSinceLast, Invoices, Revenue …), else a transaction
 * table's date, amount and invoice columns.
 */
export function defaultRfmSettings(profiles: readonly ColumnProfile[], value: string | null): RfmSettings {
  const recency = findColumn(profiles, ["recency", "dayssince", "daysago", "最近", "天数"], ["number"]);
  const frequency = findColumn(profiles, ["frequency", "invoices", "orders", "purchases", "频次", "次数", "订单"], ["number"]);
  const date = findColumn(profiles, ["invoicedate", "orderdate", "date", "日期"], ["date"]);
  return {
    input: recency !== null && frequency !== null ? "summary" : "transactions",
    date,
    amount: value,
    invoice: findColumn(profiles, ["invoice", "order", "发票", "订单号"], ["id", "text", "number"]),
    recency,
    frequency,
    monetary: value,
    bins: 5,
    rules: DEFAULT_SEGMENT_RULES.map((r) => ({ ...r, r: [...r.r], f: [...r.f], m: [...r.m] })),
    asOf: null,
  };
}

/** Lifecycle settings guessed from the columns: first and last purchase dates, flags by header words. */
export function defaultLifecycleSettings(profiles: readonly ColumnProfile[]): LifecycleSettings {
  return {
    first: findColumn(profiles, ["firstpurchase", "first", "首次"], ["date"]),
    last: findColumn(profiles, ["lastpurchase", "last", "最近", "末次"], ["date"]),
    percentile: findColumn(profiles, ["percentile", "百分位"], ["number"]),
    inPlan: findColumn(profiles, ["inplan", "plan", "target", "opportunity", "计划"], ["number", "text"]),
    problems: findColumn(profiles, ["openproblems", "problems", "complaints", "disputes", "投诉", "问题"], ["number"]),
    strategic: findColumn(profiles, ["strategic", "战略"], ["number", "text"]),
    exited: findColumn(profiles, ["exited", "churned", "closed", "流失"], ["number", "text"]),
    previousStage: findColumn(profiles, ["previousstage", "laststage", "stage"], ["text"]),
    asOf: null,
    exitDays: 365,
    newDays: 120,
    coreDays: 365,
    coreShare: 0.2,
  };
}

/**
 * Lifetime value settings guessed from the columns: the purchase date column, the value
 * column as the amount; weeks, 12 months, 1% a month, margin 1 (revenue), pyramid tiers.
 */
export function defaultLifetimeSettings(profiles: readonly ColumnProfile[], value: string | null): LifetimeSettings {
  return {
    date: findColumn(profiles, ["invoicedate", "orderdate", "purchasedate", "date", "日期"], ["date"]),
    amount: value,
    asOf: null,
    unit: "week",
    horizonMonths: 12,
    monthlyDiscount: 0.01,
    margin: 1,
    tiers: presetTiers("pyramid"),
  };
}

/** Header words of a product column, most telling first. */
export const PRODUCT_WORDS = ["product", "description", "item", "stockcode", "sku", "article", "商品", "产品", "品名"] as const;
/** Header words of a basket column (an invoice, order, receipt or transaction id). */
export const BASKET_WORDS = ["invoice", "order", "basket", "receipt", "transaction", "发票", "订单", "小票"] as const;

/**
 * The first column, trying the words in order, whose normalised header contains the word
 * and is of one of the kinds; a header that is just the word's plural ("Invoices",
 * "Products") is a count per customer, not an id, and is passed over.
 */
function findByWords(profiles: readonly ColumnProfile[], words: readonly string[], kinds: readonly string[]): string | null {
  for (const word of words) {
    const found = profiles.find((p) => {
      const key = normaliseHeader(p.header);
      return kinds.includes(p.kind) && key.includes(word) && key !== `${word}s`;
    });
    if (found) return found.header;
  }
  return null;
}

/**
 * Cross-sell settings guessed from the columns of a lines table: the product column
 * (header with product, description, item, stock code, SKU, article or 商品; text or id
 * columns first, then number columns for codes), the basket column (invoice, order,
 * basket, receipt or transaction; none = each customer's lines form one basket); support
 * 1%, confidence 25%, rules of 2 products, 10 neighbours, 3 recommendations per customer.
 * Cost: O(words × columns).
 *
 * @example defaultCrossSellSettings(profileColumns(lines)) // → { basket: "InvoiceNo", product: "Product", minSupport: 0.01, … }
 */
export function defaultCrossSellSettings(profiles: readonly ColumnProfile[]): CrossSellSettings {
  const product = findByWords(profiles, PRODUCT_WORDS, ["text", "id"]) ?? findByWords(profiles, ["stockcode", "sku", "article", "productcode", "itemcode"], ["number"]);
  const basket = findByWords(
    profiles.filter((p) => p.header !== product),
    BASKET_WORDS,
    ["id", "text", "number"],
  );
  return { basket, product, minSupport: 0.01, minConfidence: 0.25, maxSize: 2, neighbours: 10, top: 3 };
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
    ...(m.rfm !== undefined ? { rfm: parseRfmSettings(m.rfm) } : {}),
    ...(m.lifecycle !== undefined ? { lifecycle: parseLifecycleSettings(m.lifecycle) } : {}),
    ...(m.lifetime !== undefined ? { lifetime: parseLifetimeSettings(m.lifetime) } : {}),
    ...(m.groupBy !== undefined ? { groupBy: parseGroupBy(m.groupBy) } : {}),
    ...(m.crossSell !== undefined ? { crossSell: parseCrossSellSettings(m.crossSell) } : {}),
  };
}

function parseGroupBy(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== "string") fail("groupBy", `expected a column name or null, found ${JSON.stringify(value)}`);
  return value;
}

function parseTierSpec(raw: unknown, path: string): TierSpec {
  const t = (raw ?? {}) as Record<string, unknown>;
  if (t.by === "share") {
    if (!["pyramid", "key20", "abcd", "custom"].includes(t.preset as string)) fail(`${path}.preset`, "expected pyramid, key20, abcd or custom");
    const tiers: TierSpec = { by: "share", preset: t.preset as "pyramid", shares: numberList(t.shares, `${path}.shares`), labels: stringList(t.labels, `${path}.labels`) };
    if (tiers.shares.length !== tiers.labels.length) fail(`${path}.labels`, "need one label per share");
    return tiers;
  }
  if (t.by === "score") return { by: "score", thresholds: numberList(t.thresholds, `${path}.thresholds`), labels: stringList(t.labels, `${path}.labels`) };
  return fail(`${path}.by`, 'expected "share" or "score"');
}

function parseRfmSettings(raw: unknown): RfmSettings {
  const r = (raw ?? {}) as Record<string, unknown>;
  if (r.input !== "transactions" && r.input !== "summary") fail("rfm.input", 'expected "transactions" or "summary"');
  const bins = r.bins;
  if (typeof bins !== "number" || !Number.isInteger(bins) || bins < 2 || bins > 10) fail("rfm.bins", "expected a whole number from 2 to 10");
  if (!Array.isArray(r.rules)) fail("rfm.rules", "expected a list of rules");
  const bound = (v: unknown, path: string): number => (v === null ? Number.NaN : typeof v === "number" ? v : fail(path, "expected a score bound or null"));
  const rules = (r.rules as unknown[]).map((raw, i): SegmentRule => {
    const rule = (raw ?? {}) as Record<string, unknown>;
    if (typeof rule.segment !== "string" || rule.segment.trim() === "") fail(`rfm.rules[${i}].segment`, "expected a name");
    const pair = (key: "r" | "f" | "m"): [number, number] => {
      const v = rule[key];
      if (!Array.isArray(v) || v.length !== 2) fail(`rfm.rules[${i}].${key}`, "expected [min, max]");
      return [bound(v[0], `rfm.rules[${i}].${key}[0]`), bound(v[1], `rfm.rules[${i}].${key}[1]`)];
    };
    return { segment: rule.segment, r: pair("r"), f: pair("f"), m: pair("m") };
  });
  return {
    input: r.input,
    date: nullableString(r.date, "rfm.date"),
    amount: nullableString(r.amount, "rfm.amount"),
    invoice: nullableString(r.invoice, "rfm.invoice"),
    recency: nullableString(r.recency, "rfm.recency"),
    frequency: nullableString(r.frequency, "rfm.frequency"),
    monetary: nullableString(r.monetary, "rfm.monetary"),
    bins,
    rules,
    asOf: nullableString(r.asOf, "rfm.asOf"),
  };
}

function parseLifecycleSettings(raw: unknown): LifecycleSettings {
  const l = (raw ?? {}) as Record<string, unknown>;
  const days = (key: "exitDays" | "newDays" | "coreDays", fallback: number): number => {
    const v = l[key] ?? fallback;
    return typeof v === "number" && v >= 0 ? v : fail(`lifecycle.${key}`, "expected a number of days, 0 or more");
  };
  const coreShare = l.coreShare ?? 0.2;
  if (typeof coreShare !== "number" || !(coreShare > 0 && coreShare <= 1)) fail("lifecycle.coreShare", "expected a share above 0, at most 1");
  const column = (key: string) => nullableString(l[key], `lifecycle.${key}`);
  return {
    first: column("first"),
    last: column("last"),
    percentile: column("percentile"),
    inPlan: column("inPlan"),
    problems: column("problems"),
    strategic: column("strategic"),
    exited: column("exited"),
    previousStage: column("previousStage"),
    asOf: column("asOf"),
    exitDays: days("exitDays", 365),
    newDays: days("newDays", 120),
    coreDays: days("coreDays", 365),
    coreShare,
  };
}

function parseLifetimeSettings(raw: unknown): LifetimeSettings {
  const l = (raw ?? {}) as Record<string, unknown>;
  const asOf = nullableString(l.asOf, "lifetime.asOf");
  if (asOf !== null) {
    const day = parseDayCell(asOf);
    if (day === undefined || Number.isNaN(day)) fail("lifetime.asOf", `expected a date as yyyy-mm-dd or null, found ${JSON.stringify(asOf)}`);
  }
  const unit = l.unit ?? "week";
  if (typeof unit !== "string" || !(unit in TIME_UNIT_DAYS)) fail("lifetime.unit", `expected "day", "week" or "month", found ${JSON.stringify(unit)}`);
  const horizonMonths = l.horizonMonths ?? 12;
  if (typeof horizonMonths !== "number" || !Number.isInteger(horizonMonths) || horizonMonths < 1 || horizonMonths > 1200) {
    fail("lifetime.horizonMonths", `expected a whole number of months from 1 to 1200, found ${JSON.stringify(horizonMonths)}`);
  }
  const monthlyDiscount = l.monthlyDiscount ?? 0.01;
  if (typeof monthlyDiscount !== "number" || !(monthlyDiscount >= 0 && monthlyDiscount < 1)) {
    fail("lifetime.monthlyDiscount", `expected a monthly rate from 0 up to 1 (0.01 = 1% a month), found ${JSON.stringify(monthlyDiscount)}`);
  }
  const margin = l.margin ?? 1;
  if (typeof margin !== "number" || !(margin >= 0 && margin <= 1)) fail("lifetime.margin", `expected a share of spend from 0 to 1, found ${JSON.stringify(margin)}`);
  return {
    date: nullableString(l.date, "lifetime.date"),
    amount: nullableString(l.amount, "lifetime.amount"),
    asOf,
    unit: unit as TimeUnit,
    horizonMonths,
    monthlyDiscount,
    margin,
    tiers: l.tiers === undefined ? presetTiers("pyramid") : parseTierSpec(l.tiers, "lifetime.tiers"),
  };
}

/** Most neighbours a cross-sell model may ask for (more only slows the preview down). */
export const MAX_NEIGHBOURS = 1000;

function parseCrossSellSettings(raw: unknown): CrossSellSettings {
  if (typeof raw !== "object" || raw === null) fail("crossSell", `expected the cross-sell settings, found ${JSON.stringify(raw)}`);
  const c = raw as Record<string, unknown>;
  const minSupport = c.minSupport ?? 0.01;
  if (typeof minSupport !== "number" || !(minSupport > 0 && minSupport <= 1)) {
    fail("crossSell.minSupport", `expected a share of baskets above 0 and at most 1 (0.01 = 1%), found ${JSON.stringify(minSupport)}`);
  }
  const minConfidence = c.minConfidence ?? 0.25;
  if (typeof minConfidence !== "number" || !(minConfidence >= 0 && minConfidence <= 1)) {
    fail("crossSell.minConfidence", `expected a share from 0 to 1 (0.25 = 25%), found ${JSON.stringify(minConfidence)}`);
  }
  const whole = (key: "maxSize" | "neighbours" | "top", fallback: number, low: number, high: number, what: string): number => {
    const v = c[key] ?? fallback;
    if (typeof v !== "number" || !Number.isInteger(v) || v < low || v > high) fail(`crossSell.${key}`, `expected ${what}, a whole number from ${low} to ${high}, found ${JSON.stringify(v)}`);
    return v;
  };
  return {
    basket: nullableString(c.basket, "crossSell.basket"),
    product: nullableString(c.product, "crossSell.product"),
    minSupport,
    minConfidence,
    maxSize: whole("maxSize", 2, 2, 5, "the products in a rule"),
    neighbours: whole("neighbours", 10, 1, MAX_NEIGHBOURS, "the similar customers to look at"),
    top: whole("top", 3, 1, 100, "the products to recommend per customer"),
  };
}
