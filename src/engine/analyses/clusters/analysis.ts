import type { CustomerTable } from "../../core/profile";
import { CvError } from "../../core/errors";
import { finishSteps } from "../../core/steps";
import { type AnalysisDefinition, type AnalysisProgress, type AnalysisRun, type ModelWarning, duplicateIdWarnings, indicatorColumns, paretoHeadline, summariseGroups, valueColumn } from "../common";
import type { CustomerValueModel } from "../model";
import type { ClustersDetails } from "./details";
import { DEFAULT_K_RANGE, type KSuggestion, type StandardiseMethod, clusterProfiles, kMeans, seededRandom, suggestKSteps } from "./kmeans";
import { type ClustersSettings, clustersSettings } from "./settings";
import { clustersPictures } from "./pictures";
import { clusterLabel, clustersChart, clustersSections } from "./summary";

/**
 * The last silhouette curve per table, so changing k reruns one fit, not nine. Keyed by the
 * table object (a re-read table is a new object) and the curve's inputs; a memo of a pure
 * computation, invisible to callers.
 */
const curveCache = new WeakMap<CustomerTable, { key: string; suggestion: KSuggestion }>();

/** The silhouette curve over k = 2 … 10 with progress, one fit per step (what CV.KMEANS's "auto" reads). */
function* curveSteps(columns: readonly Float64Array[], method: StandardiseMethod, seed: number): Generator<AnalysisProgress, KSuggestion> {
  const steps = suggestKSteps(columns, { method, random: seededRandom(seed) });
  const span = DEFAULT_K_RANGE.kMax - DEFAULT_K_RANGE.kMin + 1;
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    yield { fraction: (0.9 * (step.value - DEFAULT_K_RANGE.kMin + 1)) / span, message: `Comparing numbers of clusters: k = ${step.value} done` };
  }
}

function* clustersSteps(model: CustomerValueModel, table: CustomerTable): Generator<AnalysisProgress, AnalysisRun<ClustersDetails>> {
  const s: ClustersSettings = model.clusters ?? clustersSettings.defaults({ profiles: [], value: model.roles.value });
  clustersSettings.check(s);
  const warnings: ModelWarning[] = [];
  const columns = indicatorColumns(table, model.indicators, s.method, warnings);
  const value = valueColumn(model, table, warnings);
  duplicateIdWarnings(model, table, warnings);

  const key = JSON.stringify([model.indicators.map((i) => i.column), s.method, s.seed]);
  let suggestion: KSuggestion | null = curveCache.get(table)?.key === key ? (curveCache.get(table)?.suggestion ?? null) : null;
  if (suggestion === null) {
    try {
      suggestion = yield* curveSteps(columns, s.method, s.seed);
      curveCache.set(table, { key, suggestion });
    } catch (error) {
      // Too few distinct customers to compare k: fine when k is given, the error itself for "auto".
      if (s.k === "auto" || !(error instanceof CvError)) throw error;
    }
  }
  const curve = suggestion?.curve ?? [];
  const suggested = suggestion?.best ?? null;
  const k = s.k === "auto" ? (suggested as number) : s.k;
  yield { fraction: 0.92, message: `Fitting ${k} clusters` };
  const fit = kMeans(columns, k, { method: s.method, random: seededRandom(s.seed), argumentNames: { indicators: "indicators", k: "Number of clusters" } });
  if (!fit.converged) warnings.push({ kind: "notSettled", message: `The ${k} clusters did not settle within the iteration limit: another seed or number of clusters may give a steadier result.` });
  const profiles = clusterProfiles(fit, columns, value ?? undefined);
  const labels = profiles.map((p) => clusterLabel(p.cluster));
  const clusterNames = Array.from(fit.assignment, (c) => (c < 0 ? null : (labels[c] as string)));
  const unplaced = clusterNames.filter((c) => c === null).length;
  if (unplaced > 0) warnings.push({ kind: "unscored", message: `${unplaced} customer${unplaced === 1 ? " has" : "s have"} every indicator blank and get${unplaced === 1 ? "s" : ""} no cluster.` });
  const { headline, share } = paretoHeadline(value, model.roles.value);
  const details: ClustersDetails = {
    k,
    suggested,
    curve,
    indicators: model.indicators.map((i) => i.column),
    method: s.method,
    seed: s.seed,
    withinSS: fit.withinSS,
    converged: fit.converged,
    profiles,
  };
  const bestPoint = curve.find((p) => p.k === k);
  yield { fraction: 1, message: "Done" };
  return {
    analysis: "clusters",
    customers: table.rows.length,
    assigned: table.rows.length - unplaced,
    columns: [
      { header: "CV Cluster", kind: "label", values: clusterNames, reasons: clusterNames.map((c) => (c === null ? "every indicator is blank" : null)) },
      {
        header: "CV Distance",
        kind: "number",
        values: Array.from(fit.distance, (d) => (Number.isFinite(d) ? d : null)),
        reasons: clusterNames.map((c) => (c === null ? "no cluster" : null)),
        numberFormat: "0.000",
      },
    ],
    groupName: "Cluster",
    groups: summariseGroups(labels, fit.assignment, value, null),
    rowGroups: fit.assignment,
    ...(value ? { rowValues: value } : {}),
    headline: headline ?? `${k} clusters of ${(table.rows.length - unplaced).toLocaleString("en")} customers.`,
    paretoTop20: share,
    warnings,
    description: [
      `K-means segmentation of ${table.rows.length.toLocaleString("en")} customers into ${k} clusters${s.k === "auto" ? " (the number with the highest mean silhouette over 2–10)" : ""}.`,
      `Indicators: ${model.indicators.map((i) => i.column).join(", ")}, standardised as ${s.method === "zscore" ? "z-scores (mean 0, population sd 1)" : "min-max values (0–1)"}; a blank indicator drops out of that customer's distances.`,
      `k-means++ starts from seed ${s.seed}, 10 restarts, the fit with the least within-cluster sum of squares kept (${fit.withinSS.toLocaleString("en", { maximumFractionDigits: 2 })}); cluster 1 is the largest; ties go to the lower cluster.`,
      ...(bestPoint ? [`Mean silhouette at ${k} clusters: ${bestPoint.silhouette.toFixed(3)}${suggested !== null ? `; suggested number of clusters: ${suggested}` : ""}.`] : []),
    ],
    details,
    pictures: clustersPictures(details, columns, fit.assignment),
  };
}

/**
 * Clusters (k-means segmentation, as XLSTAT offers for customers): the indicators
 * standardised (z-score or min-max), k-means++ seeding from an injected, seeded random
 * source, Lloyd iterations with restarts, k given or the one with the highest mean
 * silhouette over 2–10, each cluster's profile in the indicators' own units, and each
 * customer's distance to its centre. Writes "CV Cluster" and "CV Distance" beside the table.
 * Cost: O(n · d · iterations · restarts · Σk) for the curve (kept while only k changes),
 * plus one silhouette per k on at most 2,000 customers.
 *
 * @throws CvError EMPTY_INPUT without indicators; BAD_VALUE when k exceeds the customers
 *   with an indicator or the distinct customers.
 * @example runModel({ ...model, analysis: "clusters", clusters: { k: 3, method: "zscore", seed: 1 } }, table).groups.length === 3
 */
export const clustersAnalysis: AnalysisDefinition<ClustersDetails, ClustersSettings> = {
  id: "clusters",
  title: "Clusters",
  summary: "K-means segments of customers on their indicators: each cluster's profile, and the number of clusters chosen on the silhouette.",
  sheetWord: "Clusters",
  settings: clustersSettings,
  summaryChart: (run) => clustersChart(run.details),
  summarySections: (run) => clustersSections(run.details),
  run(model: CustomerValueModel, table: CustomerTable): AnalysisRun<ClustersDetails> {
    return finishSteps(clustersSteps(model, table));
  },
  runSteps: clustersSteps,
};
