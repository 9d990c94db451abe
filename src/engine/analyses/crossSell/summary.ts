/** What the cross-sell analysis shows on its summary sheet and on the CV Rules sheet it owns. */
import { SHEET_ROWS } from "../../core/table";
import type { OwnedSheet, ResultTable } from "../types";
import type { CrossSellDetails, CrossSellRule } from "./details";

/** The sheet every cross-sell rule goes to; the add-in owns it and replaces it whole on each Apply. */
export const RULES_SHEET = "CV Rules";

/** What a rule's conviction shows when the rule always held (confidence 100%): conviction is infinite. */
export const ALWAYS_HELD = "∞";

/** Rules the summary sheet lists (the CV Rules sheet has them all). */
export const SUMMARY_RULES = 20;

const capitalised = (words: string) => `${words[0]!.toUpperCase()}${words.slice(1)}`;

/** The rule table's header, formats and rows, for the CV Rules sheet and the summary's top rules. */
function ruleTable(d: CrossSellDetails, rules: readonly CrossSellRule[], title: string): ResultTable {
  return {
    title,
    headers: ["Antecedent", "Consequent", "Support", "Confidence", "Lift", "Leverage", "Conviction", `${capitalised(d.basketWords.many)} with the rule`],
    rows: rules.map((r) => [r.antecedent, r.consequent, r.support, r.confidence, r.lift, r.leverage, Number.isFinite(r.conviction) ? r.conviction : ALWAYS_HELD, r.count]),
    numberFormats: [null, null, "0.00%", "0.0%", "0.00", "0.0000", "0.00", "#,##0"],
  };
}

/**
 * Every cross-sell rule, sorted by lift, as the CV Rules sheet: antecedent (its products
 * joined by ", "), consequent, support, confidence, lift, leverage, conviction ("∞" for a
 * rule that always held: text sorts after every number, so Excel's sort keeps it at the top
 * of a descending sort) and the baskets holding the rule.
 *
 * @example rulesSheet(details).table.headers // → ["Antecedent", "Consequent", "Support", …, "Invoices with the rule"]
 */
export function rulesSheet(d: CrossSellDetails): OwnedSheet {
  return {
    name: RULES_SHEET,
    table: ruleTable(d, d.rules, "Every rule by lift"),
    tooLargeAdvice: `${d.rules.length.toLocaleString("en")} rules are more than the ${RULES_SHEET} sheet holds (${(SHEET_ROWS - 1).toLocaleString("en")} below its header): raise Min support or lower Products in a rule, then Apply.`,
  };
}

/**
 * The cross-sell analysis's tables on the summary sheet: the top rules by lift and the
 * settings they were mined with (what a basket is, the support as a share and as a basket
 * count, the confidence, the rule size, the neighbours and recommendations per customer).
 *
 * @example crossSellSections(details)[1].rows[0] // → ["Baskets", "invoices (InvoiceNo): products bought together"]
 */
export function crossSellSections(d: CrossSellDetails): ResultTable[] {
  const shown = Math.min(SUMMARY_RULES, d.rules.length);
  return [
    ruleTable(
      d,
      d.rules.slice(0, shown),
      d.rules.length === 0
        ? `No rule reaches these thresholds (sheet ${RULES_SHEET} holds only its header): lower the minimum support or confidence`
        : `Top ${shown} of ${d.rules.length.toLocaleString("en")} rules by lift (every rule on sheet ${RULES_SHEET}; conviction ${ALWAYS_HELD}: the rule always held)`,
    ),
    {
      title: "Cross-sell settings",
      headers: ["Setting", "Value"],
      rows: [
        ["Baskets", d.basketColumn === null ? "customers: products bought by the same customer" : `${d.basketWords.many} (${d.basketColumn}): products bought together`],
        [capitalised(d.basketWords.many), d.baskets],
        ["Products", d.products],
        ["Lines", d.lines],
        ["Minimum support (share)", d.minSupport],
        [`Minimum support (${d.basketWords.many})`, d.minCount],
        ["Minimum confidence", d.minConfidence],
        ["Most products in a rule", d.maxSize],
        ["Rules found", d.rules.length],
        ["Neighbours", d.neighbours],
        ["Recommendations per customer", d.top],
      ],
    },
  ];
}
