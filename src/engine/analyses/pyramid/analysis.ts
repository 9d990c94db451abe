import { arrayConstant, indicatorArguments } from "../formulaText";
import type { CustomerValueModel } from "../model";
import type { CustomerTable } from "../../core/profile";
import { weightedScore } from "../../value/score";
import { resolveTierScheme, tierIndexByShare, tierIndexByThreshold } from "../../value/tiers";
import {
  type AnalysisDefinition,
  type AnalysisRun,
  type FormulaRefs,
  type ModelWarning,
  METHOD_WORDS,
  duplicateIdWarnings,
  indicatorColumns,
  paretoHeadline,
  summariseGroups,
  valueColumn,
  weightPercents,
} from "../common";
import { pyramidPictures } from "./pictures";

/**
 * The weighted value pyramid (methods §2–3): a 0–100 score from the weighted, normalised
 * indicators, then tiers by share of customers (ties share the better tier) or by score
 * thresholds. Writes "CV Score" and "CV Tier". Cost: O(n log n).
 */
export const valuePyramid: AnalysisDefinition<null> = {
  id: "pyramid",
  title: "Value pyramid",
  summary: "Score customers on weighted indicators and sort them into tiers from the top.",
  sheetWord: "Pyramid",
  settings: null,
  liveFormulas: pyramidFormulas,
  run(model: CustomerValueModel, table: CustomerTable): AnalysisRun<null> {
    const warnings: ModelWarning[] = [];
    const columns = indicatorColumns(table, model.indicators, model.method, warnings);
    const scores = weightedScore(
      columns,
      model.indicators.map((i) => i.weight),
      { directions: model.indicators.map((i) => i.direction), method: model.method },
    );
    const tiers = model.tiers;
    let labels: string[];
    let index: Int32Array;
    let tierWords: string;
    if (tiers.by === "share") {
      const scheme = resolveTierScheme(tiers.shares, tiers.labels);
      labels = scheme.labels;
      index = tierIndexByShare(scores, scheme.shares);
      tierWords = `Tiers by share of customers, from the top: ${labels.map((l, k) => `${l} ${Math.round(scheme.shares[k]! * 1000) / 10}%`).join(", ")} (ties share the better tier).`;
    } else {
      labels = tiers.labels;
      index = tierIndexByThreshold(scores, tiers.thresholds, labels.length);
      tierWords = `Tiers by score: ${tiers.thresholds.map((t, k) => `${labels[k]} from ${t}`).join(", ")}${labels.length > tiers.thresholds.length ? `, ${labels[labels.length - 1]} below ${tiers.thresholds[tiers.thresholds.length - 1]}` : ""}.`;
    }
    const value = valueColumn(model, table, warnings);
    duplicateIdWarnings(model, table, warnings);
    const scoreValues: (number | null)[] = Array.from(scores, (s) => (Number.isNaN(s) ? null : s));
    const scoreReasons = scoreValues.map((s) => (s === null ? "every indicator is blank" : null));
    const unscored = scoreReasons.filter((r) => r !== null).length;
    if (unscored > 0) warnings.push({ kind: "unscored", message: `${unscored} customer${unscored === 1 ? " has" : "s have"} every indicator blank and get${unscored === 1 ? "s" : ""} no score or tier.` });
    const tierValues = Array.from(index, (k) => (k < 0 ? null : (labels[k] as string)));
    const tierReasons = tierValues.map((t, i) => (t !== null ? null : scoreValues[i] === null ? "no score" : "score below the lowest threshold"));
    const { headline, share } = paretoHeadline(value, model.roles.value);
    const percents = weightPercents(model.indicators.map((i) => i.weight));
    return {
      analysis: "pyramid",
      customers: table.rows.length,
      assigned: tierValues.filter((t) => t !== null).length,
      columns: [
        { header: "CV Score", kind: "score", values: scoreValues, reasons: scoreReasons, numberFormat: "0.0" },
        { header: "CV Tier", kind: "label", values: tierValues, reasons: tierReasons },
      ],
      groupName: "Tier",
      groups: summariseGroups(labels, index, value, scores),
      rowGroups: index,
      ...(value ? { rowValues: value } : {}),
      headline,
      paretoTop20: share,
      warnings,
      description: [
        `Weighted value pyramid of ${table.rows.length.toLocaleString("en")} customers.`,
        `Indicators: ${model.indicators.map((ind, k) => `${ind.column} ${percents[k]} (${ind.direction === 1 ? "higher is better" : "lower is better"})`).join("; ")}.`,
        `Normalisation: ${METHOD_WORDS[model.method]}. Score = 100 × Σ weight × normalised value / Σ weight over the indicators a customer has.`,
        tierWords,
        ...(model.roles.value ? [`Value column for shares of value: ${model.roles.value}.`] : []),
      ],
      pictures: pyramidPictures(scores, value, index, labels, model.roles.value),
      details: null,
    };
  },
};

/**
 * `=CV.SCORE(HSTACK(F2:F4339,E2:E4339),{50,30},{1,1},"minmax")` and
 * `=CV.TIER(L2#,{0.01,0.04,0.15,0.8},{"Top","Big","Medium","Small"})` (or CV.TIERBYSCORE).
 */
function pyramidFormulas(model: CustomerValueModel, refs: FormulaRefs): (string | null)[] {
  const { indicators, weights, directions } = indicatorArguments(model, refs);
  const tiers = model.tiers;
  return [
    `=CV.SCORE(${indicators},${weights},${directions},"${model.method}")`,
    tiers.by === "share"
      ? `=CV.TIER(${refs.spill(0)},${arrayConstant(tiers.shares)},${arrayConstant(tiers.labels)})`
      : `=CV.TIERBYSCORE(${refs.spill(0)},${arrayConstant(tiers.thresholds)},${arrayConstant(tiers.labels)})`,
  ];
}
