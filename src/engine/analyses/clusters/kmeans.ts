/**
 * K-means segmentation of customers on their indicators (the customer clustering XLSTAT
 * offers): each indicator is standardised, customers are grouped around k centres
 * (k-means++ seeding, then Lloyd iterations, best of several restarts), and each cluster
 * is described in the indicators' own units.
 *
 * Blank indicators are missing, never zero (methods §0). As in CV.SCORE (methods §2), a
 * missing indicator drops out for that customer: its distance is measured over the
 * indicators it has and scaled up by sqrt(dims / present) (the partial distance), centres
 * are means of the present values, and a customer with every indicator blank gets no
 * cluster (−1).
 *
 * Everything random comes from an injected source (`random`, default
 * {@link seededRandom}(1)), so the same data and seed always give the same clusters.
 */
import { CvError, describeValue } from "../../core/errors";
import { unitScale } from "../../core/scaling";
import { finishSteps } from "../../core/steps";

// Jest's vm context makes global Math lookups slow in hot loops: alias once.
const { floor, min, sqrt } = Math;

/** How indicators are put on a common scale before distances are measured. */
export type StandardiseMethod = "zscore" | "minmax";

/** Every standardisation method, in the order the help text lists them (the first is the default). */
export const STANDARDISE_METHODS: readonly StandardiseMethod[] = ["zscore", "minmax"];

/** The seed of the default random source. */
export const DEFAULT_SEED = 1;
/** Lloyd iterations (centre updates) per run, unless told otherwise. */
export const DEFAULT_MAX_ITERATIONS = 100;
/** Runs from fresh k-means++ seeds; the one with the lowest within-cluster sum is kept. */
export const DEFAULT_RESTARTS = 10;
/** Above this many customers the silhouette is measured on a random sample of this size. */
export const SILHOUETTE_SAMPLE_CAP = 2_000;
/** The range of k {@link suggestK} tries, unless told otherwise. */
export const DEFAULT_K_RANGE = { kMin: 2, kMax: 10 } as const;

/**
 * Squared distances closer than this (relative) count as equal, so a customer exactly
 * between two centres in its own units is a tie even after standardising rounds the two
 * distances differently in the last bit. Ties go to the lower-numbered cluster.
 */
const TIE_TOLERANCE = 1e-12;

/**
 * A small seeded random source (mulberry32: 32 bits of state, well mixed) returning
 * floats in [0, 1). The same seed gives the same sequence on every run, so a clustering
 * is reproducible. The seed is read as a 32-bit whole number (`seed >>> 0`).
 * Cost: O(1) per draw.
 *
 * @example const random = seededRandom(1); random() // → 0.6270739405881613, on every run
 */
export function seededRandom(seed: number = DEFAULT_SEED): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Reads a standardisation method name, case-insensitively; `undefined` or blank gives the
 * default, zscore.
 *
 * @throws CvError BAD_OPTION naming the argument, the accepted names and the value found.
 * @example parseStandardiseMethod("MinMax", "method") === "minmax"
 */
export function parseStandardiseMethod(name: string | undefined, argument: string): StandardiseMethod {
  if (name === undefined || name.trim() === "") return "zscore";
  const key = name.trim().toLowerCase();
  const found = STANDARDISE_METHODS.find((m) => m === key);
  if (!found) {
    throw new CvError("BAD_OPTION", `${argument} must be one of ${STANDARDISE_METHODS.join(", ")}; found ${describeValue(name)}`, { argument, value: name });
  }
  return found;
}

/** Indicators on a common scale, and how to get back to their own units. */
export interface StandardisedIndicators {
  /** Per column, the standardised values (same shape as the input); NaN where the cell is missing. */
  values: Float64Array[];
  /** Per column, the original value that standardises to 0: the mean (zscore) or the minimum (minmax); NaN for a column with no value. */
  centre: Float64Array;
  /** Per column, original units per standardised unit: the sd (zscore) or max − min (minmax; Infinity when that passes the largest double, e.g. ±1.7e308); 0 for a constant column; NaN for a column with no value. */
  scale: Float64Array;
}

/**
 * Puts every indicator column on a common scale, on its present (non-NaN) values:
 *
 * - `zscore`: (x − mean) / sd, with the population sd (divide by n);
 * - `minmax`: (x − min) / (max − min), so values lie in [0, 1].
 *
 * Missing values (NaN) stay NaN. A constant column, or one with a single value, carries
 * no information: it maps to 0 (zscore) or 0.5 (minmax) in every present row, with scale
 * 0. A column with no value at all stays NaN, with centre and scale NaN. The original
 * value is always `centre + scale × standardised`. Values near ±1.8e308, or as small as
 * 1e-300, standardise as their ratios say: the sums and squares are taken on the values
 * times a power of two (exact), so ordinary columns give the same numbers bit for bit.
 * Cost: O(n) per column, three passes (a fourth only when the plain sum overflows).
 *
 * @example
 * standardiseIndicators([Float64Array.of(1, 3, NaN)], "zscore")
 * // → values [Float64Array [-1, 1, NaN]], centre [2], scale [1]
 */
export function standardiseIndicators(columns: readonly Float64Array[], method: StandardiseMethod): StandardisedIndicators {
  const width = columns.length;
  const centre = new Float64Array(width);
  const scale = new Float64Array(width);
  const values = columns.map((column, j) => {
    const stats = columnStats(column);
    const out = new Float64Array(column.length);
    if (stats.count === 0) {
      centre[j] = Number.NaN;
      scale[j] = Number.NaN;
      return out.fill(Number.NaN);
    }
    const constant = stats.min === stats.max;
    // The arithmetic runs on x·unit, a power of two (exact): ratios are those of the original
    // values bit for bit, and 1e200s or 1.7e308s neither overflow nor square to infinity.
    const { unit } = stats;
    const shift = method === "zscore" ? (constant ? stats.min * unit : stats.meanScaled) : stats.min * unit;
    const spread = constant ? 0 : method === "zscore" ? stats.sdScaled : stats.max * unit - stats.min * unit;
    centre[j] = shift / unit;
    scale[j] = method === "zscore" ? spread / unit : stats.max - stats.min;
    const flat = method === "zscore" ? 0 : 0.5;
    for (let i = 0; i < column.length; i++) {
      const x = column[i] as number;
      out[i] = Number.isNaN(x) ? Number.NaN : constant ? flat : (x * unit - shift) / spread;
    }
    return out;
  });
  return { values, centre, scale };
}

/** A column's present values: count, min and max, and the mean and population sd of the values times `unit`. */
interface ColumnStats {
  count: number;
  min: number;
  max: number;
  /** The power of two that brings the largest magnitude near 1 (exact; see {@link unitScale}). */
  unit: number;
  meanScaled: number;
  sdScaled: number;
}

/**
 * Count, min, max, mean and population sd of a column's present values, the last two on the
 * values times a power of two near 1 / the largest magnitude, so sums of values near
 * 1.8e308 do not overflow and squares of 1e200 (or of 1e-200) neither overflow nor vanish.
 * Two passes (for accuracy); a third only when the plain sum overflowed.
 */
function columnStats(column: Float64Array): ColumnStats {
  let count = 0;
  let sum = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < column.length; i++) {
    const x = column[i] as number;
    if (Number.isNaN(x)) continue;
    count++;
    sum += x;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const unit = unitScale(Math.max(Math.abs(lo), Math.abs(hi)));
  // Scaling by a power of two commutes with every rounding of the sum, so sum · unit is the scaled sum unless the plain one overflowed.
  let scaledSum = sum * unit;
  if (!Number.isFinite(sum)) {
    scaledSum = 0;
    for (let i = 0; i < column.length; i++) {
      const x = column[i] as number;
      if (!Number.isNaN(x)) scaledSum += x * unit;
    }
  }
  const mean = count > 0 ? scaledSum / count : Number.NaN;
  let squares = 0;
  for (let i = 0; i < column.length; i++) {
    const x = column[i] as number;
    if (!Number.isNaN(x)) {
      const deviation = x * unit - mean;
      squares += deviation * deviation;
    }
  }
  return { count, min: lo, max: hi, unit, meanScaled: mean, sdScaled: count > 0 ? sqrt(squares / count) : Number.NaN };
}

/** Argument names for messages. */
export interface ClusterArgumentNames {
  indicators?: string;
  k?: string;
}

/** Options of {@link kMeans}. */
export interface KMeansOptions {
  /** Standardisation before distances are measured; default "zscore". */
  method?: StandardiseMethod;
  /** The random source for the seeding; default {@link seededRandom}(1). */
  random?: () => number;
  /** Lloyd iterations (centre updates) per run, a whole number ≥ 1; default 100. */
  maxIterations?: number;
  /** Runs from fresh seeds, a whole number ≥ 1; default 10. */
  restarts?: number;
  argumentNames?: ClusterArgumentNames;
}

/** A k-means clustering. Rows are the input rows; clusters are numbered 0..k−1, largest first. */
export interface KMeansResult {
  k: number;
  /** Per customer, its cluster 0..k−1; −1 for a customer with every indicator missing. */
  assignment: Int32Array;
  /** Per customer, the (partial) Euclidean distance to its centre in standardised units; NaN without a cluster. */
  distance: Float64Array;
  /** Per cluster, its centre in standardised units, one entry per indicator (NaN for an indicator no customer has). */
  centres: Float64Array[];
  /** Per cluster, the mean of each indicator in its own units over the members that have it (NaN where none has). */
  centresOriginal: Float64Array[];
  /** Customers per cluster. */
  sizes: Int32Array;
  /** The total within-cluster sum of squares: the sum of distance² over the customers with a cluster. */
  withinSS: number;
  /** Lloyd iterations (centre updates) of the kept run. */
  iterations: number;
  /** True when the kept run stopped because no customer changed cluster. */
  converged: boolean;
}

/**
 * Groups customers into k clusters by k-means on their standardised indicators.
 *
 * The method, in plain words:
 *
 * 1. **Standardise** each indicator ({@link standardiseIndicators}), so no indicator
 *    dominates because of its units.
 * 2. **Seed** (k-means++): the first centre is a customer drawn uniformly, at position
 *    floor(u · m) among the m customers with a value (u = one draw of `random`); each
 *    next centre is a customer drawn with probability proportional to D², its squared
 *    distance to the nearest centre so far (one draw u, the first customer in row order
 *    whose running sum of D² exceeds u · ΣD²). When every remaining D² is 0, the first
 *    customer in row order not identical to a chosen one is taken. A centre seeded from a
 *    customer with blanks takes the indicator's mean there.
 * 3. **Lloyd**: assign every customer to its nearest centre, move every centre to the mean
 *    of its customers (per indicator, over the present values; an indicator none of them
 *    has keeps its previous value), and repeat until no customer changes cluster or after
 *    `maxIterations` centre updates. A cluster left empty gets the customer farthest from
 *    its own centre (first in row order on equal distances) as its new centre.
 * 4. **Restart** `restarts` times and keep the run with the lowest within-cluster sum
 *    (runs that converged first; the earlier run on equal sums).
 * 5. **Renumber** clusters largest first, equal sizes by their first customer's row, so
 *    cluster 0 is the biggest; if a tie now points to a lower number, Lloyd resumes.
 *
 * Distances are Euclidean over the indicators present for the customer, scaled by
 * sqrt(dims / present). Ties (squared distances equal to 12 significant digits) go to the
 * lower-numbered cluster, so identical customers always share a cluster. Indicator
 * columns with no value in any row are left out of the distances. Cost: O(n · k · d ·
 * iterations · restarts) time, O(n · d) memory.
 *
 * @example
 * kMeans([Float64Array.of(1, 2, 3, 101, 102, 103)], 2).assignment // → Int32Array [0, 0, 0, 1, 1, 1]
 * @throws CvError EMPTY_INPUT for no columns or no rows; LENGTH_MISMATCH for columns of
 *   different lengths; BAD_VALUE when k is not a whole number from 1 to the customers
 *   with a value, or exceeds the distinct customers; BAD_OPTION for maxIterations or
 *   restarts that are not whole numbers ≥ 1.
 */
export function kMeans(columns: readonly Float64Array[], k: number, options: KMeansOptions = {}): KMeansResult {
  const names = argumentNames(options.argumentNames);
  const prepared = prepare(columns, options.method ?? "zscore", names.indicators);
  requireK(k, prepared.points, names.k);
  const settings = runSettings(options);
  return fitPrepared(prepared, columns, k, settings);
}

/** Options of {@link silhouette}. */
export interface SilhouetteOptions {
  /** The standardisation the distances are measured in (use the clustering's); default "zscore". */
  method?: StandardiseMethod;
  /** The random source for the sample above the cap; default {@link seededRandom}(1). */
  random?: () => number;
  /** Above this many clustered customers, measure on a random sample of this size; default 2,000. */
  sampleCap?: number;
  argumentNames?: ClusterArgumentNames;
}

/**
 * The mean silhouette of a clustering, from −1 to 1 (higher: tighter, better separated
 * clusters). For each customer with a cluster, a = its mean distance to the other members
 * of its cluster, b = its mean distance to the members of the nearest other cluster, and
 * its silhouette is (b − a) / max(a, b); a customer alone in its cluster counts 0, as in
 * scikit-learn. Distances are the partial distances of {@link kMeans} in the same
 * standardised units; two customers with no indicator in common are not compared, and a
 * customer with nothing to compare counts 0. Customers with cluster −1 or no indicator are
 * left out.
 *
 * Cost: O(s² · d) for s clustered customers. Above `sampleCap` (default 2,000, about 2
 * million distances) it is measured on `sampleCap` customers drawn without replacement
 * from `random` (a deterministic sample for a seeded source).
 *
 * @example
 * silhouette([Float64Array.of(0, 1, 4, 6)], Int32Array.of(0, 0, 1, 1), 2)
 * // → (4/5 + 3/4 + 3/7 + 7/11) / 4 ≈ 0.6538
 * @throws CvError LENGTH_MISMATCH when assignment does not have one entry per row;
 *   BAD_VALUE for an entry that is not −1 or a cluster 0..k−1, or when fewer than two
 *   clusters have customers; BAD_OPTION for a sampleCap that is not a whole number ≥ 2.
 */
export function silhouette(columns: readonly Float64Array[], assignment: Int32Array, k: number, options: SilhouetteOptions = {}): number {
  const names = argumentNames(options.argumentNames);
  const prepared = prepare(columns, options.method ?? "zscore", names.indicators);
  if (assignment.length !== prepared.rows) {
    throw new CvError("LENGTH_MISMATCH", `assignment has ${assignment.length} rows, expected ${prepared.rows}`, { argument: "assignment" });
  }
  if (!Number.isInteger(k) || k < 1) {
    throw new CvError("BAD_VALUE", `${names.k}: expected a whole number of clusters, found ${describeValue(k)}`, { argument: names.k, value: k });
  }
  assignment.forEach((label, i) => {
    if (label < -1 || label >= k) {
      throw new CvError("BAD_VALUE", `assignment row ${i + 1}: expected -1 or a cluster from 0 to ${k - 1}, found ${label}`, { argument: "assignment", row: i + 1, value: label });
    }
  });
  const sampleCap = options.sampleCap ?? SILHOUETTE_SAMPLE_CAP;
  requireWhole(sampleCap, "sampleCap", 2);
  const labels = Int32Array.from(prepared.points.rows, (i) => assignment[i] as number);
  const value = meanSilhouette(prepared.points, labels, k, options.random ?? seededRandom(DEFAULT_SEED), sampleCap);
  if (Number.isNaN(value)) {
    throw new CvError("BAD_VALUE", "assignment: the silhouette needs customers in at least 2 clusters", { argument: "assignment" });
  }
  return value;
}

/** Options of {@link suggestK}. */
export interface SuggestKOptions {
  /** The smallest k to try, a whole number ≥ 2; default 2. */
  kMin?: number;
  /** The largest k to try; default 10 (capped at the distinct customers − 1). */
  kMax?: number;
  method?: StandardiseMethod;
  /** One random source for every fit and silhouette sample, in order of k; default {@link seededRandom}(1). */
  random?: () => number;
  maxIterations?: number;
  restarts?: number;
  sampleCap?: number;
  argumentNames?: ClusterArgumentNames;
}

/** One point of the elbow curve. */
export interface KCurvePoint {
  k: number;
  /** The within-cluster sum of squares of the k-means fit (falls as k grows: look for the elbow). */
  withinSS: number;
  /** The mean silhouette of that fit. */
  silhouette: number;
}

/** What {@link suggestK} found. */
export interface KSuggestion {
  /** One point per k tried, in increasing k. */
  curve: KCurvePoint[];
  /** The k with the highest silhouette (the smaller k on a tie). */
  best: number;
}

/**
 * Suggests a number of clusters: fits {@link kMeans} for every k from kMin to kMax and
 * measures each fit's within-cluster sum of squares (the elbow curve) and its mean
 * {@link silhouette}; the suggestion is the k with the highest silhouette, the smaller k
 * on a tie. kMax is capped at the distinct customers − 1, since with one cluster per
 * distinct customer every silhouette is 0 or undefined. Cost: the fits, about
 * O(n · d · iterations · restarts · Σk), plus one silhouette per k, O(min(n, sampleCap)² · d).
 *
 * @example
 * suggestK([Float64Array.of(1, 2, 3, 50, 51, 52, 100, 101, 102)]).best // → 3
 * @throws CvError BAD_OPTION for kMin or kMax that are not whole numbers with
 *   2 ≤ kMin ≤ kMax, and for the options of {@link kMeans} and {@link silhouette};
 *   BAD_VALUE (naming k) when there are not kMin + 1 distinct customers; as
 *   {@link kMeans} for the indicators.
 */
export function suggestK(columns: readonly Float64Array[], options: SuggestKOptions = {}): KSuggestion {
  return finishSteps(suggestKSteps(columns, options));
}

/**
 * {@link suggestK} one k at a time: yields each k as its fit and silhouette are done, so a
 * caller can report progress and yield to the UI between fits; returns the same suggestion.
 *
 * @example for (const step = suggestKSteps(columns); ;) { const r = step.next(); if (r.done) return r.value.best; }
 * @throws as {@link suggestK}, before the first fit.
 */
export function* suggestKSteps(columns: readonly Float64Array[], options: SuggestKOptions = {}): Generator<number, KSuggestion> {
  const names = argumentNames(options.argumentNames);
  const kMin = options.kMin ?? DEFAULT_K_RANGE.kMin;
  const kMax = options.kMax ?? DEFAULT_K_RANGE.kMax;
  requireWhole(kMin, "kMin", 2);
  requireWhole(kMax, "kMax", kMin);
  const prepared = prepare(columns, options.method ?? "zscore", names.indicators);
  const distinct = distinctUpTo(prepared.points, kMax + 1);
  const top = min(kMax, distinct - 1);
  if (top < kMin) {
    throw new CvError(
      "BAD_VALUE",
      `${names.k}: comparing ${kMin} or more clusters needs at least ${kMin + 1} distinct customers; found ${distinct}`,
      { argument: names.k },
    );
  }
  const settings = runSettings(options);
  const sampleCap = options.sampleCap ?? SILHOUETTE_SAMPLE_CAP;
  requireWhole(sampleCap, "sampleCap", 2);
  const curve: KCurvePoint[] = [];
  let best = kMin;
  let bestSilhouette = Number.NEGATIVE_INFINITY;
  for (let k = kMin; k <= top; k++) {
    const fit = fitPoints(prepared.points, k, settings);
    const value = meanSilhouette(prepared.points, fit.assignment, k, settings.random, sampleCap);
    curve.push({ k, withinSS: fit.withinSS, silhouette: value });
    if (value > bestSilhouette) {
      bestSilhouette = value;
      best = k;
    }
    yield k;
  }
  return { curve, best };
}

/** One cluster described in the indicators' own units. */
export interface ClusterProfile {
  /** 0-based, as in the result's assignment (CV.KMEANS shows it + 1). */
  cluster: number;
  size: number;
  /** size / every input row (customers without a cluster count in the total). */
  customerShare: number;
  /** The members' summed value (blank values left out); ±Infinity when it passes the largest double; null without a value column. */
  valueSum: number | null;
  /** max(valueSum, 0) / the total positive value of every row; 0 when no value is positive; null without a value column. */
  valueShare: number | null;
  /** Per indicator, its mean over the members that have it, in its own units; NaN where none has. */
  means: Float64Array;
  /** The members' mean distance to the centre (standardised units); NaN for an empty cluster. */
  meanDistance: number;
}

/**
 * Describes each cluster of a {@link kMeans} result: its size and share of customers, the
 * value it holds and its share of the total positive value (when a value column, e.g.
 * sales, is given), the mean of each indicator in its own units over the members that
 * have it, and the members' mean distance to the centre. Shares are of every input row,
 * as in the group tables. Values whose sums would pass the largest double are summed times a
 * power of two (exact), so shares and means stay true. Cost: O(n · d).
 *
 * @example
 * const columns = [Float64Array.of(1, 2, 3, 101, 102, 103)];
 * clusterProfiles(kMeans(columns, 2), columns, Float64Array.of(10, 10, 20, 60, 0, -5))[1]
 * // → { cluster: 1, size: 3, customerShare: 0.5, valueSum: 55, valueShare: 0.55, means: [102], … }
 * @throws CvError LENGTH_MISMATCH when columns or value do not match the result's rows and indicators.
 */
export function clusterProfiles(result: KMeansResult, columns: readonly Float64Array[], value?: Float64Array): ClusterProfile[] {
  const n = result.assignment.length;
  const width = result.centres[0]?.length ?? columns.length;
  if (columns.length !== width) {
    throw new CvError("LENGTH_MISMATCH", `indicators has ${columns.length} columns, the clustering ${width}`, { argument: "indicators" });
  }
  columns.forEach((column, j) => {
    if (column.length !== n) {
      throw new CvError("LENGTH_MISMATCH", `indicators column ${j + 1} has ${column.length} rows, the clustering ${n}`, { argument: "indicators", column: j + 1 });
    }
  });
  if (value !== undefined && value.length !== n) {
    throw new CvError("LENGTH_MISMATCH", `value has ${value.length} rows, the clustering ${n}`, { argument: "value" });
  }
  const means = clusterMeans(columns, result.assignment, result.k);
  const valueSums = new Float64Array(result.k);
  const distanceSums = new Float64Array(result.k);
  let totalPositive = 0;
  for (let i = 0; i < n; i++) {
    const v = value === undefined ? Number.NaN : (value[i] as number);
    if (v > 0) totalPositive += v;
    const c = result.assignment[i] as number;
    if (c < 0) continue;
    distanceSums[c] = (distanceSums[c] as number) + (result.distance[i] as number);
    if (!Number.isNaN(v)) valueSums[c] = (valueSums[c] as number) + v;
  }
  // Values near ±1.8e308 overflow the sums: sum them again times a power of two (exact), so the shares stay true.
  let unit = 1;
  if (value !== undefined && (!Number.isFinite(totalPositive) || valueSums.some((sum) => !Number.isFinite(sum)))) {
    let largest = 0;
    for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(value[i] as number) || 0);
    unit = unitScale(largest);
    valueSums.fill(0);
    totalPositive = 0;
    for (let i = 0; i < n; i++) {
      const v = (value[i] as number) * unit;
      if (v > 0) totalPositive += v;
      const c = result.assignment[i] as number;
      if (c >= 0 && !Number.isNaN(v)) valueSums[c] = (valueSums[c] as number) + v;
    }
  }
  return Array.from(result.sizes, (size, c) => {
    const sum = valueSums[c] as number;
    return {
      cluster: c,
      size,
      customerShare: n > 0 ? size / n : 0,
      valueSum: value === undefined ? null : sum / unit,
      valueShare: value === undefined ? null : totalPositive > 0 ? (sum > 0 ? sum : 0) / totalPositive : 0,
      means: means[c] as Float64Array,
      meanDistance: size > 0 ? (distanceSums[c] as number) / size : Number.NaN,
    };
  });
}

// ---------------------------------------------------------------------------------------
// The data the fit works on

/**
 * The customers with at least one indicator, as points: row-major standardised values
 * over the columns that have a value anywhere (NaN = missing).
 */
interface Points {
  x: Float64Array;
  /** Points (customers with a value). */
  m: number;
  /** Dimensions (indicator columns with a value in some row). */
  d: number;
  /** The input row of each point, ascending. */
  rows: Int32Array;
  /** d / present per point: the partial-distance factor on the squared distance. */
  factor: Float64Array;
  /** Per dimension, the mean standardised value: what a seed takes where its customer is blank. */
  fill: Float64Array;
}

interface Prepared {
  rows: number;
  /** Indexes of the columns that are dimensions. */
  used: number[];
  width: number;
  standardised: StandardisedIndicators;
  points: Points;
}

function argumentNames(names: ClusterArgumentNames | undefined): Required<ClusterArgumentNames> {
  return { indicators: names?.indicators ?? "indicators", k: names?.k ?? "k" };
}

/** Checks the shape, standardises and builds the points. */
function prepare(columns: readonly Float64Array[], method: StandardiseMethod, indicators: string): Prepared {
  if (columns.length === 0) throw new CvError("EMPTY_INPUT", `${indicators} has no columns`, { argument: indicators });
  const rows = (columns[0] as Float64Array).length;
  if (rows === 0) throw new CvError("EMPTY_INPUT", `${indicators} has no rows`, { argument: indicators });
  columns.forEach((column, j) => {
    if (column.length !== rows) {
      throw new CvError("LENGTH_MISMATCH", `${indicators} column ${j + 1} has ${column.length} rows, expected ${rows}`, { argument: indicators, column: j + 1 });
    }
  });
  const standardised = standardiseIndicators(columns, method);
  const used = columns.map((_, j) => j).filter((j) => !Number.isNaN(standardised.centre[j] as number));
  return { rows, used, width: columns.length, standardised, points: buildPoints(standardised.values, used, rows) };
}

function buildPoints(values: readonly Float64Array[], used: readonly number[], n: number): Points {
  const d = used.length;
  const present = new Int32Array(n);
  for (const j of used) {
    const column = values[j] as Float64Array;
    for (let i = 0; i < n; i++) if (!Number.isNaN(column[i] as number)) present[i] = (present[i] as number) + 1;
  }
  const rows = Int32Array.from(Array.from(present.keys()).filter((i) => (present[i] as number) > 0));
  const m = rows.length;
  const x = new Float64Array(m * d);
  const factor = new Float64Array(m);
  for (let p = 0; p < m; p++) {
    const i = rows[p] as number;
    factor[p] = d / (present[i] as number);
    for (let t = 0; t < d; t++) x[p * d + t] = (values[used[t] as number] as Float64Array)[i] as number;
  }
  const fill = new Float64Array(d);
  for (let t = 0; t < d; t++) {
    let sum = 0;
    let count = 0;
    for (let p = 0; p < m; p++) {
      const v = x[p * d + t] as number;
      if (v === v) {
        sum += v;
        count++;
      }
    }
    fill[t] = sum / count;
  }
  return { x, m, d, rows, factor, fill };
}

/** True when points p and q have the same values and the same blanks. */
function samePoint(points: Points, p: number, q: number): boolean {
  const { x, d } = points;
  for (let t = 0; t < d; t++) {
    const a = x[p * d + t] as number;
    const b = x[q * d + t] as number;
    if (a !== b && (a === a || b === b)) return false;
  }
  return true;
}

/**
 * How many distinct points there are, counting no further than limit: each point is
 * compared with the distinct ones found so far. Cost: O(m · limit · d).
 */
function distinctUpTo(points: Points, limit: number): number {
  const found: number[] = [];
  for (let p = 0; p < points.m && found.length < limit; p++) {
    if (!found.some((q) => samePoint(points, p, q))) found.push(p);
  }
  return found.length;
}

/** @throws CvError BAD_VALUE for a k that is not a whole number from 1 to the customers (distinct customers) with a value. */
function requireK(k: number, points: Points, argument: string): void {
  const { m } = points;
  if (!Number.isInteger(k) || k < 1) {
    const range = m >= 1 ? `from 1 to ${m}` : "1 or more";
    throw new CvError("BAD_VALUE", `${argument}: expected a whole number ${range}, found ${describeValue(k)}`, { argument, value: k });
  }
  if (k > m) {
    throw new CvError("BAD_VALUE", `${argument}: ${clusters(k)} at least ${customers(k)} with an indicator; found ${m}`, { argument, value: k });
  }
  const distinct = distinctUpTo(points, k);
  if (distinct < k) {
    throw new CvError(
      "BAD_VALUE",
      `${argument}: ${clusters(k)} at least ${k} distinct customers; found ${distinct} (identical customers always share a cluster)`,
      { argument, value: k },
    );
  }
}

const clusters = (k: number): string => (k === 1 ? "1 cluster needs" : `${k} clusters need`);
const customers = (k: number): string => (k === 1 ? "1 customer" : `${k} customers`);

/** @throws CvError BAD_OPTION for a value that is not a whole number ≥ least. */
function requireWhole(value: number, argument: string, least: number): void {
  if (!Number.isInteger(value) || value < least) {
    throw new CvError("BAD_OPTION", `${argument}: expected a whole number ${least} or more, found ${describeValue(value)}`, { argument, value });
  }
}

interface RunSettings {
  random: () => number;
  maxIterations: number;
  restarts: number;
}

function runSettings(options: { random?: () => number; maxIterations?: number; restarts?: number }): RunSettings {
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const restarts = options.restarts ?? DEFAULT_RESTARTS;
  requireWhole(maxIterations, "maxIterations", 1);
  requireWhole(restarts, "restarts", 1);
  return { random: options.random ?? seededRandom(DEFAULT_SEED), maxIterations, restarts };
}

// ---------------------------------------------------------------------------------------
// The fit

/** One Lloyd run on the points: centres are row-major k × d. */
interface Run {
  centres: Float64Array;
  /** Per point, its cluster. */
  assignment: Int32Array;
  /** Per point, its squared (partial) distance to its centre. */
  d2: Float64Array;
  sizes: Int32Array;
  iterations: number;
  converged: boolean;
  withinSS: number;
}

/** The best of the restarts, renumbered largest first, mapped back to the input rows. */
function fitPrepared(prepared: Prepared, columns: readonly Float64Array[], k: number, settings: RunSettings): KMeansResult {
  const { points, rows: n, used, width } = prepared;
  const run = fitPoints(points, k, settings);
  const assignment = new Int32Array(n).fill(-1);
  const distance = new Float64Array(n).fill(Number.NaN);
  for (let p = 0; p < points.m; p++) {
    const i = points.rows[p] as number;
    assignment[i] = run.assignment[p] as number;
    distance[i] = sqrt(run.d2[p] as number);
  }
  const centres = Array.from({ length: k }, (_, c) => {
    const centre = new Float64Array(width).fill(Number.NaN);
    used.forEach((j, t) => (centre[j] = run.centres[c * points.d + t] as number));
    return centre;
  });
  return {
    k,
    assignment,
    distance,
    centres,
    centresOriginal: clusterMeans(columns, assignment, k),
    sizes: run.sizes,
    withinSS: run.withinSS,
    iterations: run.iterations,
    converged: run.converged,
  };
}

/** Restarts from fresh seeds, keeps the best run, and settles its numbering. */
function fitPoints(points: Points, k: number, settings: RunSettings): Run {
  let best: Run | undefined;
  for (let r = 0; r < settings.restarts; r++) {
    const run = lloyd(points, k, seedCentres(points, k, settings.random), settings.maxIterations);
    if (best === undefined || isBetter(run, best)) best = run;
  }
  return settleNumbering(points, k, best as Run, settings.maxIterations);
}

/** Converged runs beat runs that are not; then the lower within-cluster sum wins (the earlier run on a tie). */
function isBetter(run: Run, best: Run): boolean {
  if (run.converged !== best.converged) return run.converged;
  return run.withinSS < best.withinSS;
}

/**
 * k-means++ seeding: the first centre a point drawn uniformly, each next one a point drawn
 * with probability ∝ D² (its squared distance to the nearest centre so far).
 */
function seedCentres(points: Points, k: number, random: () => number): Float64Array {
  const { m } = points;
  const centres = new Float64Array(k * points.d);
  const chosen = new Uint8Array(m);
  const nearest = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
  let pick = min(m - 1, floor(random() * m));
  for (let c = 0; ; c++) {
    chosen[pick] = 1;
    placeCentre(points, centres, c, pick);
    if (c === k - 1) return centres;
    let total = 0;
    for (let p = 0; p < m; p++) {
      if (chosen[p]) continue;
      const s = squaredDistance(points, p, centres, c);
      if (s < (nearest[p] as number)) nearest[p] = s;
      total += nearest[p] as number;
    }
    pick = total > 0 ? drawByWeight(nearest, chosen, total * random()) : firstNewPoint(points, chosen);
  }
}

/** The first not-chosen point whose running sum of weights exceeds target (the last weighted one if rounding leaves none). */
function drawByWeight(weights: Float64Array, chosen: Uint8Array, target: number): number {
  let sum = 0;
  let last = -1;
  for (let p = 0; p < weights.length; p++) {
    if (chosen[p] || !((weights[p] as number) > 0)) continue;
    sum += weights[p] as number;
    last = p;
    if (sum > target) return p;
  }
  return last;
}

/** The first point in row order that is not identical to a chosen one (every D² is 0). */
function firstNewPoint(points: Points, chosen: Uint8Array): number {
  for (let p = 0; p < points.m; p++) {
    if (chosen[p]) continue;
    let fresh = true;
    for (let q = 0; q < points.m && fresh; q++) if (chosen[q] && samePoint(points, p, q)) fresh = false;
    if (fresh) return p;
  }
  return chosen.indexOf(0);
}

/** Puts centre c on point p; where p is blank, the dimension's mean. */
function placeCentre(points: Points, centres: Float64Array, c: number, p: number): void {
  const { x, d, fill } = points;
  for (let t = 0; t < d; t++) {
    const v = x[p * d + t] as number;
    centres[c * d + t] = v === v ? v : (fill[t] as number);
  }
}

/** The squared partial distance from point p to centre c: over p's present dimensions, times d / present. */
function squaredDistance(points: Points, p: number, centres: Float64Array, c: number): number {
  const { x, d } = points;
  let sum = 0;
  for (let t = 0; t < d; t++) {
    const v = x[p * d + t] as number;
    if (v === v) {
      const diff = v - (centres[c * d + t] as number);
      sum += diff * diff;
    }
  }
  return sum * (points.factor[p] as number);
}

/**
 * Lloyd iterations from the given centres (and, when resuming, assignment): assign, fill
 * empty clusters, stop when nothing changed, else move the centres to the means.
 */
function lloyd(points: Points, k: number, centres: Float64Array, maxIterations: number, start?: Int32Array): Run {
  const assignment = start ? Int32Array.from(start) : new Int32Array(points.m).fill(-1);
  const d2 = new Float64Array(points.m);
  const sizes = new Int32Array(k);
  const sums = new Float64Array(k * points.d);
  const counts = new Int32Array(k * points.d);
  let iterations = 0;
  let changed = assignToNearest(points, centres, k, assignment, d2, sizes) + fillEmptyClusters(points, centres, k, assignment, d2, sizes);
  while (changed > 0 && iterations < maxIterations) {
    updateCentres(points, centres, assignment, sums, counts);
    iterations++;
    changed = assignToNearest(points, centres, k, assignment, d2, sizes) + fillEmptyClusters(points, centres, k, assignment, d2, sizes);
  }
  const converged = changed === 0;
  if (!converged) {
    // Out of iterations: report the centres as the means of the last assignment.
    updateCentres(points, centres, assignment, sums, counts);
    for (let p = 0; p < points.m; p++) d2[p] = squaredDistance(points, p, centres, assignment[p] as number);
  }
  let withinSS = 0;
  for (let p = 0; p < points.m; p++) withinSS += d2[p] as number;
  return { centres, assignment, d2, sizes, iterations, converged, withinSS };
}

/**
 * Assigns every point to its nearest centre (ties to the lower cluster); returns how many
 * changed. The hot loop of the fit: the distance is written out here rather than called,
 * and compared before the point's d / present factor, which is the same for every centre.
 */
function assignToNearest(points: Points, centres: Float64Array, k: number, assignment: Int32Array, d2: Float64Array, sizes: Int32Array): number {
  const { x, d, m, factor } = points;
  sizes.fill(0);
  let changed = 0;
  for (let p = 0; p < m; p++) {
    const base = p * d;
    let best = 0;
    let bestS = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      const offset = c * d;
      let sum = 0;
      for (let t = 0; t < d; t++) {
        const v = x[base + t] as number;
        if (v === v) {
          const diff = v - (centres[offset + t] as number);
          sum += diff * diff;
        }
      }
      if (c === 0 || sum < bestS - bestS * TIE_TOLERANCE) {
        best = c;
        bestS = sum;
      }
    }
    if (assignment[p] !== best) changed++;
    assignment[p] = best;
    d2[p] = bestS * (factor[p] as number);
    sizes[best] = (sizes[best] as number) + 1;
  }
  return changed;
}

/**
 * Gives each empty cluster the point farthest from its own centre (first in row order on
 * equal distances) as its new centre, and reassigns; returns how many points changed.
 */
function fillEmptyClusters(points: Points, centres: Float64Array, k: number, assignment: Int32Array, d2: Float64Array, sizes: Int32Array): number {
  let changed = 0;
  for (let attempt = 0; attempt < k; attempt++) {
    const empty = sizes.indexOf(0);
    if (empty < 0) break;
    let far = -1;
    for (let p = 0; p < points.m; p++) if ((d2[p] as number) > (far < 0 ? 0 : (d2[far] as number))) far = p;
    if (far < 0) break;
    placeCentre(points, centres, empty, far);
    changed += assignToNearest(points, centres, k, assignment, d2, sizes);
  }
  return changed;
}

/** Moves every centre to the mean of its points, per dimension over the present values; a dimension none of them has keeps its value. */
function updateCentres(points: Points, centres: Float64Array, assignment: Int32Array, sums: Float64Array, counts: Int32Array): void {
  const { x, d, m } = points;
  sums.fill(0);
  counts.fill(0);
  for (let p = 0; p < m; p++) {
    const base = (assignment[p] as number) * d;
    for (let t = 0; t < d; t++) {
      const v = x[p * d + t] as number;
      if (v === v) {
        sums[base + t] = (sums[base + t] as number) + v;
        counts[base + t] = (counts[base + t] as number) + 1;
      }
    }
  }
  for (let q = 0; q < centres.length; q++) {
    const count = counts[q] as number;
    if (count > 0) centres[q] = (sums[q] as number) / count;
  }
}

/**
 * Renumbers clusters largest first (equal sizes: the one whose first point comes first),
 * resuming Lloyd when the new numbers make a tie point to a lower cluster, until the
 * numbering is stable (at most k rounds; a run that did not converge is only renumbered).
 */
function settleNumbering(points: Points, k: number, run: Run, maxIterations: number): Run {
  let current = run;
  for (let round = 0; round < k; round++) {
    const order = clusterOrder(current, k, points.m);
    const renumbered = renumber(current, order, k, points.d);
    if (!current.converged || order.every((c, i) => c === i)) return renumbered;
    const resumed = lloyd(points, k, Float64Array.from(renumbered.centres), maxIterations, renumbered.assignment);
    if (resumed.iterations === 0 && resumed.converged) return renumbered;
    current = { ...resumed, iterations: current.iterations + resumed.iterations };
  }
  return renumber(current, clusterOrder(current, k, points.m), k, points.d);
}

/** The old cluster numbers in their new order: largest first, then by first point, then by number. */
function clusterOrder(run: Run, k: number, m: number): number[] {
  const first = new Int32Array(k).fill(m);
  for (let p = m - 1; p >= 0; p--) first[run.assignment[p] as number] = p;
  return Array.from({ length: k }, (_, c) => c).sort((a, b) => (run.sizes[b] as number) - (run.sizes[a] as number) || (first[a] as number) - (first[b] as number) || a - b);
}

/** The run with cluster order[c] renamed c. */
function renumber(run: Run, order: readonly number[], k: number, d: number): Run {
  const newOf = new Int32Array(k);
  order.forEach((old, c) => (newOf[old] = c));
  const centres = new Float64Array(k * d);
  const sizes = new Int32Array(k);
  order.forEach((old, c) => {
    centres.set(run.centres.subarray(old * d, (old + 1) * d), c * d);
    sizes[c] = run.sizes[old] as number;
  });
  const assignment = run.assignment.map((old) => newOf[old] as number);
  return { ...run, centres, sizes, assignment };
}

/**
 * Per cluster, the mean of each column over its members that have a value there (NaN where
 * none has). A column whose sums overflow (values near ±1.8e308) is summed again on its
 * values times a power of two (exact), so its means are still the true ones.
 */
function clusterMeans(columns: readonly Float64Array[], assignment: Int32Array, k: number): Float64Array[] {
  const width = columns.length;
  const sums = new Float64Array(k * width);
  const counts = new Int32Array(k * width);
  const units = new Float64Array(width).fill(1);
  const accumulate = (column: Float64Array, j: number, unit: number): boolean => {
    for (let i = 0; i < assignment.length; i++) {
      const c = assignment[i] as number;
      const v = column[i] as number;
      if (c < 0 || Number.isNaN(v)) continue;
      sums[c * width + j] = (sums[c * width + j] as number) + v * unit;
      counts[c * width + j] = (counts[c * width + j] as number) + 1;
    }
    for (let c = 0; c < k; c++) if (!Number.isFinite(sums[c * width + j] as number)) return false;
    return true;
  };
  columns.forEach((column, j) => {
    if (accumulate(column, j, 1)) return;
    let largest = 0;
    for (let i = 0; i < column.length; i++) largest = Math.max(largest, Math.abs(column[i] as number) || 0);
    units[j] = unitScale(largest);
    for (let c = 0; c < k; c++) {
      sums[c * width + j] = 0;
      counts[c * width + j] = 0;
    }
    accumulate(column, j, units[j] as number);
  });
  return Array.from({ length: k }, (_, c) => {
    const means = new Float64Array(width);
    for (let j = 0; j < width; j++) {
      const count = counts[c * width + j] as number;
      // A mean lies within the values, so it is a double: clamp the last rounding of a rescaled one.
      const mean = count > 0 ? (sums[c * width + j] as number) / count / (units[j] as number) : Number.NaN;
      means[j] = units[j] === 1 ? mean : Math.max(-Number.MAX_VALUE, Math.min(Number.MAX_VALUE, mean));
    }
    return means;
  });
}

// ---------------------------------------------------------------------------------------
// The silhouette

/** The mean silhouette over the points with a label ≥ 0 (a sample of sampleCap above it); NaN with fewer than 2 clusters. */
function meanSilhouette(points: Points, labels: Int32Array, k: number, random: () => number, sampleCap: number): number {
  const members = Int32Array.from(Array.from(labels.keys()).filter((p) => (labels[p] as number) >= 0));
  const sample = sampleOf(members, sampleCap, random);
  const s = sample.length;
  const sizes = new Int32Array(k);
  for (let a = 0; a < s; a++) {
    const label = labels[sample[a] as number] as number;
    sizes[label] = (sizes[label] as number) + 1;
  }
  if (sizes.filter((size) => size > 0).length < 2) return Number.NaN;

  // Per sampled point and cluster: the sum and count of distances to that cluster's members.
  const sums = new Float64Array(s * k);
  const counts = new Int32Array(s * k);
  for (let a = 0; a < s; a++) {
    const pa = sample[a] as number;
    const la = labels[pa] as number;
    for (let b = a + 1; b < s; b++) {
      const pb = sample[b] as number;
      const dist = pairDistance(points, pa, pb);
      if (Number.isNaN(dist)) continue;
      const lb = labels[pb] as number;
      sums[a * k + lb] = (sums[a * k + lb] as number) + dist;
      counts[a * k + lb] = (counts[a * k + lb] as number) + 1;
      sums[b * k + la] = (sums[b * k + la] as number) + dist;
      counts[b * k + la] = (counts[b * k + la] as number) + 1;
    }
  }
  let total = 0;
  for (let a = 0; a < s; a++) total += pointSilhouette(sums, counts, a, labels[sample[a] as number] as number, k, sizes);
  return total / s;
}

/** (b − a) / max(a, b) for one sampled point; 0 alone in its cluster or with nothing to compare. */
function pointSilhouette(sums: Float64Array, counts: Int32Array, a: number, own: number, k: number, sizes: Int32Array): number {
  if ((sizes[own] as number) === 1 || (counts[a * k + own] as number) === 0) return 0;
  const inside = (sums[a * k + own] as number) / (counts[a * k + own] as number);
  let nearest = Number.POSITIVE_INFINITY;
  for (let c = 0; c < k; c++) {
    const count = counts[a * k + c] as number;
    if (c !== own && count > 0) nearest = min(nearest, (sums[a * k + c] as number) / count);
  }
  const larger = Math.max(inside, nearest);
  return nearest === Number.POSITIVE_INFINITY || larger === 0 ? 0 : (nearest - inside) / larger;
}

/** The partial distance between two points over the dimensions both have (NaN when none). */
function pairDistance(points: Points, p: number, q: number): number {
  const { x, d } = points;
  let sum = 0;
  let common = 0;
  for (let t = 0; t < d; t++) {
    const u = x[p * d + t] as number;
    const v = x[q * d + t] as number;
    if (u === u && v === v) {
      sum += (u - v) * (u - v);
      common++;
    }
  }
  return common === 0 ? Number.NaN : sqrt((sum * d) / common);
}

/** All members, or cap of them drawn without replacement (a partial Fisher–Yates shuffle), in row order. */
function sampleOf(members: Int32Array, cap: number, random: () => number): Int32Array {
  if (members.length <= cap) return members;
  const pool = Int32Array.from(members);
  for (let i = 0; i < cap; i++) {
    const j = i + min(floor(random() * (pool.length - i)), pool.length - i - 1);
    const swap = pool[i] as number;
    pool[i] = pool[j] as number;
    pool[j] = swap;
  }
  return pool.subarray(0, cap).sort();
}
