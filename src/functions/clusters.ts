/**
 * The clustering CV.* custom functions: k-means segmentation of customers on their
 * indicators. Each one parses its arguments with the shared parser in excelArgs.ts, calls
 * the engine and shapes the result; all maths lives in src/engine. The JSDoc of each
 * becomes its argument help (functions.json).
 */
import { CvError, describeValue, errorCodeOf, isBlank, parseNumberCell, readNumberColumns } from "../engine";
import { DEFAULT_MAX_ITERATIONS, DEFAULT_SEED, kMeans, parseStandardiseMethod, seededRandom, suggestK } from "../engine/analyses/clusters";
import { type ExcelCell, type Optional, excelCall, notAvailable, optionalFlag, optionalNumber, optionalText, withHeader } from "./excelArgs";

/**
 * K-means clusters of customers on their standardised indicators: cluster number (1 = the largest) and distance to its centre, one row per customer.
 * @customfunction KMEANS
 * @param indicators Indicator columns (sales, order count, recency…), one row per customer; a blank indicator drops out for that customer.
 * @param k Number of clusters, a whole number; "auto" or blank picks 2–10 by the highest silhouette.
 * @param [method] Standardisation: "zscore" (default) or "minmax".
 * @param [seed] A whole number that fixes the random start, so results repeat; default 1.
 * @param [headers] TRUE to put a header row (Cluster, Distance) on top; default FALSE so rows stay beside the data.
 * @returns Two columns per customer: cluster number and distance to the cluster centre (standardised units); #N/A where every indicator is blank.
 */
export function KMEANS(indicators: unknown[][], k: number | string, method?: string, seed?: number, headers?: boolean): unknown[][] {
  return excelCall(() => {
    const { columns } = readNumberColumns(indicators, "indicators");
    const how = parseStandardiseMethod(optionalText(method, "method"), "method");
    const start = readSeed(seed);
    const wanted = readK(k);
    const clusters = wanted === "auto" ? suggestK(columns, { method: how, random: seededRandom(start) }).best : wanted;
    const result = kMeans(columns, clusters, { method: how, random: seededRandom(start) });
    if (!result.converged) {
      throw new CvError("NOT_CONVERGED", `k-means with ${clusters} clusters did not settle within ${DEFAULT_MAX_ITERATIONS} iterations: try another seed or k`, { argument: "k" });
    }
    const rows: ExcelCell[][] = Array.from(result.assignment, (cluster, i) => {
      if (cluster < 0) {
        const why = `indicators row ${i + 1}: every indicator is blank`;
        return [notAvailable(why), notAvailable(why)];
      }
      return [cluster + 1, result.distance[i] as number];
    });
    return withHeader(["Cluster", "Distance"], rows, optionalFlag(headers, false));
  });
}

/**
 * k as typed: a number (or numeric text), or "auto" / blank for the suggested k. Whether it
 * is a whole number in range is the engine's check.
 *
 * @throws CvError BAD_VALUE for anything else, naming the value.
 */
function readK(arg: Optional<number | string>): number | "auto" {
  if (arg === null || arg === undefined || isBlank(arg)) return "auto";
  if (typeof arg === "string" && arg.trim().toLowerCase() === "auto") return "auto";
  const value = errorCodeOf(arg) !== undefined ? undefined : parseNumberCell(arg);
  if (value === undefined || Number.isNaN(value)) {
    throw new CvError("BAD_VALUE", `k: expected a whole number of clusters or "auto", found ${describeValue(arg)}`, { argument: "k", value: arg });
  }
  return value;
}

/**
 * The seed, default 1.
 *
 * @throws CvError BAD_VALUE when it is not a whole number.
 */
function readSeed(arg: Optional<number | string>): number {
  const seed = optionalNumber(arg, "seed") ?? DEFAULT_SEED;
  if (!Number.isInteger(seed)) {
    throw new CvError("BAD_VALUE", `seed: expected a whole number, found ${describeValue(seed)}`, { argument: "seed", value: seed });
  }
  return seed;
}
