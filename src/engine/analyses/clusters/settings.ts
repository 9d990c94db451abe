/**
 * The clusters analysis's settings, declared once: how many clusters (or "auto": the k of
 * the highest silhouette over 2–10), how the indicators are standardised, and the seed
 * that makes a run repeat. The indicators are the model's (shared with the pyramid and the
 * scorecard).
 */
import { type SettingsType, choice, declareSettings, structured, wholeNumber } from "../settings";
import { DEFAULT_SEED, STANDARDISE_METHODS } from "./kmeans";

/** Most clusters the pane offers. */
export const MAX_CLUSTERS = 20;

/** A number of clusters from JSON: "auto" or a whole number from 2 to MAX_CLUSTERS. */
function readK(raw: unknown): number | "auto" | undefined {
  if (raw === "auto") return "auto";
  return typeof raw === "number" && Number.isInteger(raw) && raw >= 2 && raw <= MAX_CLUSTERS ? raw : undefined;
}

/** Clusters settings: k suggested from the silhouette, z-scores, seed 1. */
export const clustersSettings = declareSettings("clusters", "Clusters", {
  k: structured<number | "auto">("number of clusters", `"auto" or a whole number from 2 to ${MAX_CLUSTERS}`, () => "auto", readK, "auto"),
  method: choice("standardisation", STANDARDISE_METHODS, "zscore"),
  seed: wholeNumber({ words: "seed", initial: DEFAULT_SEED, min: 0, max: 4_294_967_295 }),
});

/** The clusters analysis's settings. */
export type ClustersSettings = SettingsType<typeof clustersSettings>;
