/** What the cross-sell analysis finds beyond the shared figures: the rules and each customer's recommendations. */
import type { AssociationRule } from "../../crossSell/associationRules";
import { CvError } from "../../core/errors";
import type { AnalysisRun } from "../types";

/** One cross-sell rule "antecedent ⇒ consequent" with product names resolved, and its counts and measures (see AssociationRule). */
export interface CrossSellRule extends Omit<AssociationRule, "antecedent" | "consequent"> {
  /** The antecedent's products, in the order of their names. */
  antecedentProducts: string[];
  /** The antecedent as one text: its products joined by ", ". */
  antecedent: string;
  consequent: string;
}

/** One customer's recommendations, best first, with what they rest on. */
export interface CrossSellCustomer {
  /** The customer id as the result row shows it. */
  id: string | number;
  /** Distinct products the customer bought. */
  products: number;
  /** Similar customers found (at most the neighbours asked for; only customers sharing a product count). */
  neighbours: number;
  /** Recommended products: the name, the score (sum of the Jaccard similarities of the neighbours who bought it) and how many of them did. */
  recommendations: { product: string; score: number; owners: number }[];
}

/**
 * What the cross-sell analysis found, for the preview and the sheets: what a basket is,
 * the thresholds, every rule with product names, and each customer's recommendations.
 */
export interface CrossSellDetails {
  /** The basket column (invoices: "bought together"), or null when each customer's lines form one basket. */
  basketColumn: string | null;
  /** What a basket is, plural and singular, for words: "invoices" / "invoice", "customers" / "customer". */
  basketWords: { one: string; many: string };
  productColumn: string;
  /** Baskets, lines read, and distinct products. */
  baskets: number;
  lines: number;
  products: number;
  minSupport: number;
  /** The least number of baskets a rule's products must share: the smallest c with c / baskets ≥ minSupport. */
  minCount: number;
  minConfidence: number;
  maxSize: number;
  /** Frequent itemsets by size: index 0 = single products, 1 = pairs, … */
  itemsetsBySize: number[];
  /** Every rule, sorted by lift (highest first). */
  rules: CrossSellRule[];
  neighbours: number;
  top: number;
  /** One entry per result row (rowKeys order). */
  customers: CrossSellCustomer[];
}


/**
 * The cross-sell details of a run, for code that holds a run of any analysis.
 *
 * @throws CvError BAD_OPTION when the run is of another analysis.
 * @example crossSellDetails(runModel(model, lines)).rules[0].lift
 */
export function crossSellDetails(run: AnalysisRun): CrossSellDetails {
  if (run.analysis !== "crossSell") throw new CvError("BAD_OPTION", `A ${run.analysis} run has no cross-sell details.`, { argument: "run" });
  return run.details as CrossSellDetails;
}
