/**
 * The cross-sell analysis's settings (methods §10), declared once: a lines table (one row
 * per customer × product, or per invoice line); the customer is roles.id and the value the
 * customers are summed on is roles.value (optional).
 */
import type { ColumnProfile } from "../../core/profile";
import { MAX_TOP } from "../../crossSell/similarCustomers";
import { findByWords } from "../columnGuess";
import { type SettingsContext, type SettingsType, column, declareSettings, numberSetting, wholeNumber } from "../settings";

/** Header words of a product column, most telling first. */
export const PRODUCT_WORDS = ["product", "description", "item", "stockcode", "sku", "article", "商品", "产品", "品名"] as const;
/** Header words of a basket column (an invoice, order, receipt or transaction id). */
export const BASKET_WORDS = ["invoice", "order", "basket", "receipt", "transaction", "发票", "订单", "小票"] as const;
/** Most neighbours a cross-sell model may ask for (more only slows the preview down). */
export const MAX_NEIGHBOURS = 1000;

/** The product column: text or id columns first, then number columns for codes. */
function guessProduct({ profiles }: SettingsContext): string | null {
  return findByWords(profiles, PRODUCT_WORDS, ["text", "id"]) ?? findByWords(profiles, ["stockcode", "sku", "article", "productcode", "itemcode"], ["number"]);
}

/**
 * Cross-sell settings: the product column (header with product, description, item, stock
 * code, SKU, article or 商品), the basket column (invoice, order, basket, receipt or
 * transaction; none = each customer's lines form one basket); support 1%, confidence 25%,
 * rules of 2 products, 10 neighbours, 3 recommendations per customer.
 */
export const crossSellSettings = declareSettings("crossSell", "Cross-sell", {
  /**
   * The column grouping lines into baskets for the rules: an invoice or order column
   * ("bought together"), or null for each customer's lines forming one basket.
   */
  basket: column("basket column", (context) => {
    const product = guessProduct(context);
    return findByWords(
      context.profiles.filter((p) => p.header !== product),
      BASKET_WORDS,
      ["id", "text", "number"],
    );
  }),
  /** The product column (a name or a code per line). */
  product: column("product column", guessProduct),
  minSupport: numberSetting({ words: "minimum support", allowed: "a share of baskets above 0 and at most 1 (0.01 = 1%)", initial: 0.01, min: 0, aboveMin: true, max: 1 }),
  minConfidence: numberSetting({ words: "minimum confidence", allowed: "a share from 0 to 1 (0.25 = 25%)", initial: 0.25, min: 0, max: 1 }),
  /** Most products in a rule, both sides together. */
  maxSize: wholeNumber({ words: "products in a rule", initial: 2, min: 2, max: 5 }),
  /** Most similar customers a customer's recommendations come from. */
  neighbours: wholeNumber({ words: "neighbours", initial: 10, min: 1, max: MAX_NEIGHBOURS }),
  /** Products recommended per customer. */
  top: wholeNumber({ words: "recommendations per customer", initial: 3, min: 1, max: MAX_TOP }),
});

/** Cross-sell settings (methods §10). */
export type CrossSellSettings = SettingsType<typeof crossSellSettings>;

/**
 * Cross-sell settings guessed from the columns of a lines table (see crossSellSettings).
 * Cost: O(words × columns).
 *
 * @example defaultCrossSellSettings(profileColumns(lines)) // → { basket: "InvoiceNo", product: "Product", minSupport: 0.01, … }
 */
export function defaultCrossSellSettings(profiles: readonly ColumnProfile[]): CrossSellSettings {
  return crossSellSettings.defaults({ profiles, value: null });
}
