/**
 * The pane's own checks of the settings it edits, worded with the pane's field labels and in
 * the fields' units (shares in %, "Tier 2 from score"), run before the engine: the engine's
 * messages name function arguments ("tiers must sum to 1 … 1.09"), which suit a formula
 * but not a task pane. What the pane does not check here still reaches the engine, whose
 * message is shown as it is.
 */
import type { CustomerValueModel, TierSpec } from "../engine";

/** A share as the pane's percent fields show it, without float noise: 1.09 → "109", 0.125 → "12.5". */
export function percentText(share: number): string {
  return String(Number((share * 100).toFixed(4)));
}

/** Tier shares may miss 100% by this much (the engine's tolerance). */
const SHARE_TOLERANCE = 1e-6;

/**
 * What is wrong with tiers as the tier editor shows them, or null: a share that is not above
 * 0%, shares that do not add up to 100%, thresholds that do not go down from tier to tier.
 * `scoreName` is what thresholds are on ("score", "CLV"), as in the "Tier 2 from score" fields.
 * Cost: O(tiers).
 *
 * @example tierProblem({ by: "share", preset: "custom", shares: [0.29, 0.8], labels: ["Key", "General"] }) === "The tier shares add up to 109%; they must add up to 100%."
 */
export function tierProblem(tiers: TierSpec, scoreName = "score"): string | null {
  if (tiers.by === "share") {
    const bad = tiers.shares.findIndex((s) => !(s > 0));
    if (bad >= 0) return `Share of tier ${bad + 1} is ${Number.isNaN(tiers.shares[bad]) ? "blank" : `${percentText(tiers.shares[bad] ?? 0)}%`}: every tier needs a share above 0%.`;
    const total = tiers.shares.reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > SHARE_TOLERANCE) return `The tier shares add up to ${percentText(total)}%; they must add up to 100%.`;
    return null;
  }
  for (let k = 0; k < tiers.thresholds.length; k++) {
    const t = tiers.thresholds[k] as number;
    if (!Number.isFinite(t)) return `Tier ${k + 1} from ${scoreName} is blank: give a number.`;
    const before = tiers.thresholds[k - 1];
    if (before !== undefined && !(t < before)) {
      return `Tier ${k + 1} from ${scoreName} (${t.toLocaleString("en")}) must be below tier ${k} from ${scoreName} (${before.toLocaleString("en")}): the thresholds go down from tier 1.`;
    }
  }
  return null;
}

/**
 * What is wrong with ABC classes as the ABC editor shows them (cumulative % of value), or
 * null: a cut that is not above 0% or over 100%, or a class that does not end above the one
 * before. Cost: O(classes).
 *
 * @example abcProblem({ cuts: [0.9, 0.7], labels: ["A", "B", "C"] }) === "Class 2 up to (% of value) is 70%, which is not above class 1 (90%): each class ends above the one before."
 */
export function abcProblem(abc: CustomerValueModel["abc"]): string | null {
  for (let k = 0; k < abc.cuts.length; k++) {
    const cut = abc.cuts[k] as number;
    if (!(cut > 0 && cut <= 1)) return `Class ${k + 1} up to (% of value) is ${Number.isNaN(cut) ? "blank" : `${percentText(cut)}%`}: give a percentage above 0 and at most 100.`;
    const before = abc.cuts[k - 1];
    if (before !== undefined && !(cut > before)) {
      return `Class ${k + 1} up to (% of value) is ${percentText(cut)}%, which is not above class ${k} (${percentText(before)}%): each class ends above the one before.`;
    }
  }
  return null;
}

/**
 * What is wrong with the indicator weights as the pane shows them ("Weight of Revenue"), or
 * null: a weight below 0 or blank, or every weight 0. Cost: O(indicators).
 *
 * @example weightsProblem({ indicators: [{ column: "Revenue", weight: 0, direction: 1 }] }) === "Every indicator's weight is 0: give at least one (e.g. Weight of Revenue) a weight above 0."
 */
export function weightsProblem(model: Pick<CustomerValueModel, "indicators">): string | null {
  if (model.indicators.length === 0) return null;
  const bad = model.indicators.find((i) => !(i.weight >= 0));
  if (bad) return `Weight of ${bad.column} is ${Number.isNaN(bad.weight) ? "blank" : bad.weight.toLocaleString("en")}: give a weight of 0 or more.`;
  const first = model.indicators[0];
  if (first && model.indicators.every((i) => i.weight === 0)) return `Every indicator's weight is 0: give at least one (e.g. Weight of ${first.column}) a weight above 0.`;
  return null;
}

/** Engine words for settings (function argument names, option words) → the pane's field labels, longest first. */
const PANE_LABELS: readonly [RegExp, string][] = [
  [/\bthe minimum support\b/g, "Min support"],
  [/\bthe minimum confidence\b/g, "Min confidence"],
  [/\bminimum support\b/g, "Min support"],
  [/\bminimum confidence\b/g, "Min confidence"],
  [/\bmin_support\b/g, "Min support"],
  [/\bmin_confidence\b/g, "Min confidence"],
  [/\bmax_size\b/g, "Products in a rule"],
  [/\bClusters number of clusters\b/g, "Number of clusters"],
  [/^bins: /, "Score bins: "],
];

/**
 * An engine message in the pane's words: setting names become the pane's field labels
 * ("raise min_support" → "raise Min support"), and a share given after Min support or Min
 * confidence is shown in percent, the fields' unit ("min_support 0.001" → "Min support
 * 0.1%"). Other text is left as it is. Cost: O(message length).
 *
 * @example paneWords("More than 2,000,000 frequent itemsets at min_support 0.001: raise min_support or lower max_size.") === "More than 2,000,000 frequent itemsets at Min support 0.1%: raise Min support or lower Products in a rule."
 */
export function paneWords(message: string): string {
  let text = message.replace(/\b(min_support|min_confidence) (\d+(?:\.\d+)?(?:e-?\d+)?)\b/g, (_, name: string, value: string) => `${name} ${percentText(Number(value))}%`);
  for (const [pattern, label] of PANE_LABELS) text = text.replace(pattern, label);
  return text;
}
