import { classifyByFloors } from "./classifyByFloors";
import { CvError, describeValue } from "../core/errors";
import { orderStatistics } from "../core/sorting";

/** A tier scheme: tiers from the top, each with its share of customers (shares sum to 1). */
export interface TierScheme {
  labels: string[];
  shares: number[];
}

/** The preset schemes of methods §3 (labels are defaults the user may rename). */
export const TIER_PRESETS: Readonly<Record<string, TierScheme>> = {
  pyramid: { labels: ["Top", "Big", "Medium", "Small"], shares: [0.01, 0.04, 0.15, 0.8] },
  key20: { labels: ["Key", "General"], shares: [0.2, 0.8] },
  abcd: { labels: ["A", "B", "C", "D"], shares: [0.2, 0.3, 0.3, 0.2] },
};

const SHARE_TOLERANCE = 1e-6;

/**
 * Builds a tier scheme from a preset name or a list of shares, with optional labels.
 * Shares may be fractions summing to 1 or percentages summing to 100; custom shares
 * without labels are labelled "Tier 1", "Tier 2", ….
 *
 * @throws CvError BAD_OPTION for an unknown preset, BAD_VALUE for a negative or blank
 *   share or shares that do not sum to 1 (or 100), LENGTH_MISMATCH when the labels do not
 *   match the tiers.
 * @example resolveTierScheme([20, 80], ["Key", "Rest"]) // → { labels: ["Key", "Rest"], shares: [0.2, 0.8] }
 */
export function resolveTierScheme(
  tiers: string | readonly number[] | undefined,
  labels: readonly string[] | undefined,
  argumentNames: { tiers: string; labels: string } = { tiers: "tiers", labels: "labels" },
): TierScheme {
  let scheme: TierScheme;
  if (tiers === undefined || typeof tiers === "string") {
    const key = (tiers ?? "pyramid").trim().toLowerCase() || "pyramid";
    // Own keys only: "__proto__" or "constructor" must be an unknown preset, not Object.prototype's.
    const preset = Object.hasOwn(TIER_PRESETS, key) ? TIER_PRESETS[key] : undefined;
    if (!preset) {
      throw new CvError(
        "BAD_OPTION",
        `${argumentNames.tiers} must be a preset (${Object.keys(TIER_PRESETS).join(", ")}) or a list of shares; found ${describeValue(tiers)}`,
        { argument: argumentNames.tiers, value: tiers },
      );
    }
    scheme = { labels: [...preset.labels], shares: [...preset.shares] };
  } else {
    scheme = { labels: tiers.map((_, i) => `Tier ${i + 1}`), shares: normalizeShares(tiers, argumentNames.tiers) };
  }
  if (labels !== undefined) {
    if (labels.length !== scheme.shares.length) {
      throw new CvError(
        "LENGTH_MISMATCH",
        `${argumentNames.labels} has ${labels.length} labels but there are ${scheme.shares.length} tiers`,
        { argument: argumentNames.labels },
      );
    }
    scheme.labels = labels.map((label, i) => (label === "" ? (scheme.labels[i] as string) : label));
  }
  return scheme;
}

function normalizeShares(shares: readonly number[], argument: string): number[] {
  if (shares.length === 0) throw new CvError("EMPTY_INPUT", `${argument} is empty`, { argument });
  let total = 0;
  shares.forEach((s, i) => {
    if (Number.isNaN(s) || !(s > 0)) {
      throw new CvError("BAD_VALUE", `${argument} entry ${i + 1}: a share must be a number above 0 (every tier holds someone), found ${Number.isNaN(s) ? "a blank cell" : s}`, {
        argument,
        column: i + 1,
        value: s,
      });
    }
    total += s;
  });
  const scale = Math.abs(total - 1) <= SHARE_TOLERANCE ? 1 : Math.abs(total - 100) <= 100 * SHARE_TOLERANCE ? 100 : Number.NaN;
  if (Number.isNaN(scale)) {
    const sum = Number.isFinite(total) ? String(total) : "more than the largest number (1.8E+308)";
    throw new CvError("BAD_VALUE", `${argument} must sum to 1 (or 100%), but they sum to ${sum}`, { argument, value: total });
  }
  return shares.map((s) => s / scale);
}

/**
 * Checks that no label is blank (for schemes without default names, such as thresholds).
 *
 * @throws CvError BAD_VALUE naming the blank entry.
 */
export function requireLabels(labels: readonly string[], argument: string): string[] {
  labels.forEach((label, i) => {
    if (label === "") throw new CvError("BAD_VALUE", `${argument} entry ${i + 1} is blank: give every tier a name`, { argument, column: i + 1 });
  });
  return [...labels];
}

/**
 * Assigns tiers by share of customers, from the top (methods §3). A customer's rank
 * position h is the number of customers with a strictly higher score; with cumulative
 * shares c_1 < … = 1 over the n scored customers, it goes to the first tier k with
 * h < c_k · n. So ties share the better tier, the top tier is never empty, and a higher
 * score never gets a lower tier. Missing scores (NaN) get −1. Cost: O(n) expected (the
 * cut-off scores by selection, not a sort), then one pass.
 *
 * @returns the tier index per customer, 0 = the top tier.
 * @example tierIndexByShare(Float64Array.of(90, 50, 50, 10), [0.25, 0.75]) // → Int32Array [0, 1, 1, 1]
 */
export function tierIndexByShare(scores: Float64Array, shares: readonly number[]): Int32Array {
  let n = 0;
  for (let i = 0; i < scores.length; i++) if (!Number.isNaN(scores[i] as number)) n++;
  const limits = cumulativeLimits(shares, n);
  // h(s) < L holds exactly for the scores s ≥ the score at descending position ⌈L⌉ − 1: every
  // lower score has at least ⌈L⌉ scores above it. So each tier is a score floor, and one
  // sequential pass assigns them all. The floors are a few order statistics: selected, not sorted.
  const positions = Array.from(limits, (limit) => Math.ceil(limit) - 1);
  const selected = orderStatistics(scores, positions.map((p) => n - 1 - p));
  const floors = new Float64Array(limits.length);
  positions.forEach((position, k) => {
    floors[k] = position < 0 ? Number.POSITIVE_INFINITY : position >= n ? Number.NEGATIVE_INFINITY : (selected[k] as number);
  });
  return classifyByFloors(scores, floors, limits.length - 1);
}

/** c_k · n for each tier, snapped to whole customers when float error hides an exact product (0.2 × 10). */
function cumulativeLimits(shares: readonly number[], n: number): Float64Array {
  const limits = new Float64Array(shares.length);
  let cumulative = 0;
  shares.forEach((share, k) => {
    cumulative += share;
    const exact = k === shares.length - 1 ? n : cumulative * n;
    const whole = Math.round(exact);
    limits[k] = Math.abs(exact - whole) <= 1e-9 * Math.max(1, n) ? whole : exact;
  });
  return limits;
}

/**
 * Assigns tiers by score thresholds (methods §3): each customer gets the label of the
 * first threshold its score reaches (score ≥ threshold), thresholds strictly descending.
 * With one more label than thresholds, the last label catches every score below the last
 * threshold; otherwise such a score gets −1 (no tier). Missing scores get −1. Cost: O(n × t).
 *
 * @throws CvError BAD_VALUE when thresholds are not strictly descending, LENGTH_MISMATCH for
 *   a label count that is neither t nor t + 1.
 * @example tierIndexByThreshold(Float64Array.of(85, 61, 12), [80, 60], 3) // → Int32Array [0, 1, 2]
 */
export function tierIndexByThreshold(
  scores: Float64Array,
  thresholds: readonly number[],
  labelCount: number,
  argumentNames: { thresholds: string; labels: string } = { thresholds: "thresholds", labels: "labels" },
): Int32Array {
  if (thresholds.length === 0) throw new CvError("EMPTY_INPUT", `${argumentNames.thresholds} is empty`, { argument: argumentNames.thresholds });
  thresholds.forEach((t, i) => {
    if (Number.isNaN(t)) {
      throw new CvError("BAD_VALUE", `${argumentNames.thresholds} entry ${i + 1} is blank`, { argument: argumentNames.thresholds, column: i + 1 });
    }
    if (i > 0 && !(t < (thresholds[i - 1] as number))) {
      throw new CvError(
        "BAD_VALUE",
        `${argumentNames.thresholds} must be strictly descending (highest first); entry ${i + 1} (${t}) is not below entry ${i} (${thresholds[i - 1]})`,
        { argument: argumentNames.thresholds, column: i + 1, value: t },
      );
    }
  });
  if (labelCount !== thresholds.length && labelCount !== thresholds.length + 1) {
    throw new CvError(
      "LENGTH_MISMATCH",
      `${argumentNames.labels} has ${labelCount} labels; give one per threshold (${thresholds.length}), or one more for scores below the last threshold`,
      { argument: argumentNames.labels },
    );
  }
  return classifyByFloors(scores, thresholds, labelCount === thresholds.length + 1 ? thresholds.length : -1);
}
