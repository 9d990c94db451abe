import { CvError, describeValue } from "../core/errors";
import type { Direction, NormalizationMethod } from "./normalize";
import { weightedScore } from "./score";
import { weightedMeanOfColumns } from "./weightedMean";
import { rescaleWeights } from "./weights";

/** The four aspects of the customer value scorecard (methods §5), in their fixed order. */
export const ASPECTS = ["financial", "sales", "customer", "service"] as const;
/** One of the four scorecard aspects: financial, sales, customer, service. */
export type Aspect = (typeof ASPECTS)[number];

/**
 * Reads an aspect name, case-insensitively.
 *
 * @throws CvError BAD_VALUE naming the column and listing the four aspects.
 * @example parseAspect(" Sales ", 2, "aspects") === "sales"
 */
export function parseAspect(name: string, column: number, argument: string): Aspect {
  const key = name.trim().toLowerCase();
  const found = ASPECTS.find((a) => a === key);
  if (!found) {
    throw new CvError("BAD_VALUE", `${argument} entry ${column}: expected one of ${ASPECTS.join(", ")}, found ${describeValue(name)}`, {
      argument,
      column,
      value: name,
    });
  }
  return found;
}

/** Options of {@link valueScorecard}. */
export interface ScorecardOptions {
  /** One weight per indicator, used within its aspect; default equal. */
  weights?: readonly number[];
  directions?: readonly Direction[];
  /** Weights of financial, sales, customer, service; default equal. */
  aspectWeights?: readonly number[];
  method?: NormalizationMethod;
}

/** Per-customer scorecard: every value is 0–100, NaN where it cannot be computed. */
export interface ScorecardResult {
  actual: Float64Array;
  potential: Float64Array;
  total: Float64Array;
  /** The score of each aspect that has indicators (absent aspects are not listed). */
  aspectScores: Partial<Record<Aspect, Float64Array>>;
}

/**
 * The customer value scorecard (methods §5). Each aspect score is the weighted value score
 * (0–100) of that aspect's indicators; actual value is the weighted mean of the financial
 * and sales aspect scores, potential value that of the customer and service aspects, and
 * the total that of all four, with the aspect weights (default equal). An aspect without
 * indicators, or missing for a customer, drops out and the other weights are rescaled.
 * Cost: O(n × k) (plus sorting for percentile normalisation).
 *
 * @example
 * // one indicator per aspect, customers 0 and 1 at the two extremes of each:
 * valueScorecard([a, b, c, d], ["financial", "sales", "customer", "service"])
 */
export function valueScorecard(indicators: readonly Float64Array[], aspects: readonly Aspect[], options: ScorecardOptions = {}): ScorecardResult {
  const k = indicators.length;
  if (aspects.length !== k) {
    throw new CvError("LENGTH_MISMATCH", `aspects has ${aspects.length} entries but there are ${k} indicator columns`, { argument: "aspects" });
  }
  const weights = options.weights ?? new Array<number>(k).fill(1);
  rescaleWeights(weights, k, "weights");
  const aspectWeights = rescaleWeights(options.aspectWeights ?? [1, 1, 1, 1], ASPECTS.length, "aspect_weights", "aspects (financial, sales, customer, service)");
  const directions = options.directions ?? new Array<Direction>(k).fill(1);

  const aspectScores: Partial<Record<Aspect, Float64Array>> = {};
  for (const aspect of ASPECTS) {
    const members = aspects.flatMap((a, j) => (a === aspect ? [j] : []));
    if (members.length === 0) continue;
    const memberWeights = members.map((j) => weights[j] as number);
    if (!memberWeights.some((w) => w > 0)) continue;
    aspectScores[aspect] = weightedScore(
      members.map((j) => indicators[j] as Float64Array),
      memberWeights,
      { directions: members.map((j) => directions[j] ?? 1), ...(options.method ? { method: options.method } : {}) },
    );
  }
  const n = indicators[0]?.length ?? 0;
  const missing = new Float64Array(n).fill(Number.NaN);
  const columnsOf = (group: readonly Aspect[]): Float64Array[] => group.map((a) => aspectScores[a] ?? missing);
  const weightsOf = (group: readonly Aspect[]): number[] => group.map((a) => aspectWeights[ASPECTS.indexOf(a)] as number);
  const actualAspects: Aspect[] = ["financial", "sales"];
  const potentialAspects: Aspect[] = ["customer", "service"];
  return {
    actual: weightedMeanOfColumns(columnsOf(actualAspects), weightsOf(actualAspects)),
    potential: weightedMeanOfColumns(columnsOf(potentialAspects), weightsOf(potentialAspects)),
    total: weightedMeanOfColumns(columnsOf(ASPECTS), weightsOf(ASPECTS)),
    aspectScores,
  };
}
