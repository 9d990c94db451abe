/**
 * Cross-sell rules (methods §10): which products go together in baskets.
 */
import { CvError, mineAssociationRules, readBaskets } from "../engine";
import { type ExcelCell, cellColumn, excelCall, optionalFlag, optionalNumber, optionalPercent, requireRowsFit, requireSameRows, withHeader } from "./excelArgs";

/** The header row of CV.AFFINITY's table. */
export const AFFINITY_HEADERS = ["Antecedent", "Consequent", "Support", "Confidence", "Lift", "Leverage", "Conviction"];

/**
 * Association rules between products bought together (the same invoice or the same customer): support, confidence, lift, leverage and conviction, sorted by lift.
 * @customfunction AFFINITY
 * @param baskets Basket per line: an invoice id (bought together) or a customer id (bought by the same customer).
 * @param products Product per line, same rows; a product listed twice in a basket counts once.
 * @param [min_support] Least share of baskets holding every product of a rule, above 0 and at most 1 (0.01 or 1%; a number above 1 is a percentage, 5 = 5%); default 0.01.
 * @param [min_confidence] Least confidence, 0 to 1 (or 0 to 100 as a percentage): the share of the antecedent's baskets that also hold the consequent; default 0.25.
 * @param [max_size] Most products in a rule, both sides together, 2 to 5; default 2 (pairs).
 * @param [headers] TRUE (default) to put the header row on top.
 * @returns A table with a header row: antecedent (products joined by ", "), consequent, support, confidence, lift, leverage, conviction (#DIV/0! where confidence is 1); #N/A when no rule reaches the thresholds.
 */
export function AFFINITY(baskets: unknown[][], products: unknown[][], min_support?: number, min_confidence?: number, max_size?: number, headers?: boolean): unknown[][] {
  return excelCall(() => {
    const basketCells = cellColumn(baskets, "baskets");
    const productCells = cellColumn(products, "products");
    requireSameRows({ name: "baskets", rows: basketCells.length }, { name: "products", rows: productCells.length });
    const data = readBaskets(basketCells, productCells);
    const minSupport = optionalPercent(min_support, "min_support");
    const minConfidence = optionalPercent(min_confidence, "min_confidence");
    const maxSize = optionalNumber(max_size, "max_size");
    const result = mineAssociationRules(data, {
      ...(minSupport !== undefined ? { minSupport } : {}),
      ...(minConfidence !== undefined ? { minConfidence } : {}),
      ...(maxSize !== undefined ? { maxSize } : {}),
    });
    if (result.rules.length === 0) {
      throw new CvError(
        "NOT_COMPUTABLE",
        `No rule reaches min_support ${result.minSupport} (${result.minCount} of ${result.baskets} baskets) and min_confidence ${result.minConfidence}: ${result.itemsetsBySize[1] ?? 0} product pairs are that frequent. Lower the thresholds.`,
        { argument: "min_support" },
      );
    }
    requireRowsFit(result.rules.length + (optionalFlag(headers, true) ? 1 : 0), "rules", "min_support or min_confidence");
    const name = (p: number): string => data.productNames[p] as string;
    const rows: ExcelCell[][] = result.rules.map((rule) => [
      rule.antecedent.map(name).join(", "),
      name(rule.consequent),
      rule.support,
      rule.confidence,
      rule.lift,
      rule.leverage,
      Number.isFinite(rule.conviction) ? rule.conviction : new CustomFunctions.Error(CustomFunctions.ErrorCode.divisionByZero, "Conviction is infinite: the rule held in every basket of its antecedent (confidence 1)."),
    ]);
    return withHeader(AFFINITY_HEADERS, rows, optionalFlag(headers, true));
  });
}
