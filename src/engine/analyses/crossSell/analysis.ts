import { type AssociationResult, mineAssociationRules } from "../../crossSell/associationRules";
import { type Baskets, readBaskets } from "../../crossSell/baskets";
import { CvError } from "../../core/errors";
import { IdIndex } from "../../core/idIndex";
import type { CustomerValueModel } from "../model";
import { type CrossSellSettings, crossSellSettings, defaultCrossSellSettings } from "./settings";
import type { CrossSellCustomer, CrossSellDetails, CrossSellRule } from "./details";
import { partnersPicture, topRulesPicture } from "./pictures";
import { crossSellSections, rulesSheet } from "./summary";
import type { CustomerTable } from "../../core/profile";
import { profileColumns } from "../../core/profile";
import { type AllRecommendations, recommendAllSteps } from "../../crossSell/similarCustomers";
import { finishSteps } from "../../core/steps";
import {
  type AnalysisDefinition,
  type AnalysisProgress,
  type AnalysisRun,
  type ModelWarning,
  columnIndex,
  dataRowWords,
  readColumn,
  summariseGroups,
} from "../common";

/** Groups of the summary: customers by their top recommendation, the most frequent products first, at most this many. */
export const TOP_RECOMMENDATION_GROUPS = 8;
/** The group of customers whose top recommendation is a less frequent product. */
export const OTHER_PRODUCTS = "Other products";
/** The group of customers who get no recommendation. */
export const NO_RECOMMENDATION = "No recommendation";
/** Separator of the products in the "CV Recommendations" column. */
export const RECOMMENDATION_SEPARATOR = "; ";
/** Customers between two progress reports of the recommendations (a few ms of work on real data). */
const CUSTOMERS_PER_REPORT = 100;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
/** A share as a percentage without float noise: 0.01 → "1%", 0.0025 → "0.25%". */
const percentWords = (share: number) => `${Number((share * 100).toFixed(4))}%`;

function fail(message: string): never {
  throw new CvError("BAD_OPTION", message, { argument: "crossSell" });
}

/**
 * What a basket is called, from the basket column's header: invoices, orders, receipts,
 * transactions, baskets; customers when each customer's lines form one basket.
 *
 * @example basketWords("InvoiceNo") // → { one: "invoice", many: "invoices" }
 */
export function basketWords(basketColumn: string | null): { one: string; many: string } {
  if (basketColumn === null) return { one: "customer", many: "customers" };
  const key = basketColumn.toLowerCase();
  for (const word of ["invoice", "order", "receipt", "transaction", "basket"]) if (key.includes(word)) return { one: word, many: `${word}s` };
  return { one: "basket", many: "baskets" };
}

/**
 * Reads baskets, naming a bad cell's row as the pane counts rows ("data row 7", the 7th row
 * under the header) rather than as a formula's argument row.
 */
function readLines(basketCells: readonly unknown[], productCells: readonly unknown[], names: { baskets: string; products: string }): Baskets {
  try {
    return readBaskets(basketCells, productCells, { incomplete: "skip", names });
  } catch (error) {
    const at = error instanceof CvError ? error.location : undefined;
    if (!(error instanceof CvError) || at?.row === undefined) throw error;
    throw new CvError(error.code, error.message.replace(`${at.argument} row ${at.row}`, `${at.argument}, data row ${at.row}`), at);
  }
}

/** The customers' product sets and their recommendations: kept between runs that change only the rule thresholds. */
interface CustomerSide {
  customers: Baskets;
  recommendations: AllRecommendations;
}

/**
 * The last customer side per table, so changing the support, confidence or rule size does
 * not recompute every customer's neighbours. Keyed by the table object (a re-read table is
 * a new object) and the inputs; a memo of a pure computation, invisible to callers.
 */
const customerCache = new WeakMap<CustomerTable, { key: string; side: CustomerSide }>();

/** The rules with product names resolved. */
function namedRules(mined: AssociationResult, baskets: Baskets): CrossSellRule[] {
  const names = baskets.productNames;
  return mined.rules.map((r) => {
    const antecedentProducts = r.antecedent.map((p) => names[p] as string);
    return { ...r, antecedentProducts, antecedent: antecedentProducts.join(", "), consequent: names[r.consequent] as string };
  });
}

/** Why no rule came out, and what to change. */
function noRuleWarning(mined: AssociationResult, words: { one: string; many: string }): ModelWarning {
  const at = `support ≥ ${percentWords(mined.minSupport)} (${mined.minCount.toLocaleString("en")} of ${plural(mined.baskets, words.one, words.many)}) and confidence ≥ ${percentWords(mined.minConfidence)}`;
  const singles = mined.itemsetsBySize[0] ?? 0;
  const pairs = mined.itemsetsBySize[1] ?? 0;
  let why: string;
  if (singles < 2) why = `${singles === 0 ? "no product is" : "only one product is"} in ${mined.minCount.toLocaleString("en")} ${words.many} or more, so no two can be: lower the minimum support.`;
  else if (pairs === 0) why = `${plural(singles, "product")} reach the support on their own, but no two are together in ${mined.minCount.toLocaleString("en")} ${words.many}: lower the minimum support.`;
  else why = `${plural(pairs, "pair")} of products ${pairs === 1 ? "reaches" : "reach"} the support, but no rule reaches the confidence: lower the minimum confidence.`;
  return { kind: "noRules", message: `No rule at ${at}: ${why}` };
}

/** The table's lines: the product, basket and customer cells of each row (the customer's total comes from the value column). */
function* crossSellSteps(model: CustomerValueModel, table: CustomerTable): Generator<AnalysisProgress, AnalysisRun<CrossSellDetails>> {
  const s = model.crossSell ?? defaultCrossSellSettings(profileColumns(table));
  crossSellSettings.check(s);
  const idColumn = model.roles.id ?? fail("Choose the customer id column: cross-sell recommends products per customer.");
  const productColumn = s.product ?? fail("Choose the product column of the lines (a product name or code per row).");
  const idIndex = columnIndex(table, idColumn, "customer id");
  const productIndex = columnIndex(table, productColumn, "product");
  const basketIndex = s.basket === null ? -1 : columnIndex(table, s.basket, "basket (invoice)");
  const words = basketWords(s.basket);
  const warnings: ModelWarning[] = [];
  const n = table.rows.length;
  const ids = table.rows.map((row) => row[idIndex]);
  const products = table.rows.map((row) => row[productIndex]);
  yield { fraction: 0.02, message: `Reading ${plural(n, "line")}` };

  // The rules' baskets: invoices (bought together) or customers (bought by the same customer).
  const customerNames = { baskets: idColumn, products: productColumn };
  const baskets =
    basketIndex < 0
      ? readLines(ids, products, customerNames)
      : readLines(
          table.rows.map((row) => row[basketIndex]),
          products,
          { baskets: s.basket as string, products: productColumn },
        );
  const incomplete = (read: Baskets, columns: string, where: string) => {
    if (read.incompleteRows === 0) return;
    const k = read.incompleteRows;
    warnings.push({
      kind: "badCells",
      column: productColumn,
      message: `${plural(k, "line")} ${k === 1 ? "has" : "have"} no ${columns} or no ${productColumn} (${dataRowWords(read.firstIncompleteRows, k)}): left out${where ? ` ${where}` : ""}.`,
    });
  };
  incomplete(baskets, basketIndex < 0 ? idColumn : (s.basket as string), basketIndex < 0 ? "" : "of the rules");
  yield { fraction: 0.05, message: `Finding rules in ${plural(baskets.basketIds.length, words.one, words.many)}` };
  const mined = mineAssociationRules(baskets, { minSupport: s.minSupport, minConfidence: s.minConfidence, maxSize: s.maxSize });
  const rules = namedRules(mined, baskets);
  if (rules.length === 0) warnings.push(noRuleWarning(mined, words));
  yield { fraction: 0.15, message: `${plural(rules.length, "rule")} found; finding similar customers` };

  // The customers' product sets and recommendations (kept while only the thresholds change).
  const key = JSON.stringify([idColumn, productColumn, s.neighbours, s.top]);
  let side = customerCache.get(table)?.key === key ? customerCache.get(table)?.side : undefined;
  if (!side) {
    const customers = basketIndex < 0 ? baskets : readLines(ids, products, customerNames);
    const steps = recommendAllSteps(customers, { neighbours: s.neighbours, top: s.top, reportEvery: CUSTOMERS_PER_REPORT });
    let step = steps.next();
    while (!step.done) {
      yield { fraction: 0.15 + 0.8 * step.value.fraction, message: step.value.message };
      step = steps.next();
    }
    side = { customers, recommendations: step.value };
    customerCache.set(table, { key, side });
  }
  const { customers, recommendations: all } = side;
  if (basketIndex >= 0) incomplete(customers, idColumn, "of the customers' products");
  // Per customer: the recommendation list and the total of the value column.
  const m = customers.basketIds.length;
  const names = customers.productNames;
  const rowKeys = customers.basketIds.map((id) => (typeof id === "number" ? id : String(id)));
  const value = new Float64Array(m).fill(model.roles.value === null ? Number.NaN : 0);
  if (model.roles.value !== null) {
    // The value column read leniently (a bad cell is blank, with the one bad-cell warning), then summed per customer.
    const lineValue = readColumn(table, model.roles.value, "value", "number", warnings);
    const index = new IdIndex();
    for (const id of customers.basketIds) index.indexOf(id);
    for (let i = 0; i < n; i++) {
      const c = index.indexOf(ids[i]);
      if (c < 0 || c >= m) continue;
      const v = lineValue[i] as number;
      if (!Number.isNaN(v)) value[c] = (value[c] as number) + v;
    }
  }
  const details: CrossSellCustomer[] = new Array(m);
  const listText: (string | null)[] = new Array(m);
  const topProduct: (string | null)[] = new Array(m);
  const reasons: (string | null)[] = new Array(m);
  const topCount = new Map<string, number>();
  let without = 0;
  for (let c = 0; c < m; c++) {
    const from = all.offsets[c] as number;
    const to = all.offsets[c + 1] as number;
    const neighbours = (all.neighbourOffsets[c + 1] as number) - (all.neighbourOffsets[c] as number);
    const list: CrossSellCustomer["recommendations"] = [];
    for (let k = from; k < to; k++) list.push({ product: names[all.products[k] as number] as string, score: all.scores[k] as number, owners: all.owners[k] as number });
    details[c] = { id: rowKeys[c] as string | number, products: (customers.offsets[c + 1] as number) - (customers.offsets[c] as number), neighbours, recommendations: list };
    const first = list[0];
    if (first) {
      listText[c] = list.map((r) => r.product).join(RECOMMENDATION_SEPARATOR);
      topProduct[c] = first.product;
      reasons[c] = null;
      topCount.set(first.product, (topCount.get(first.product) ?? 0) + 1);
    } else {
      without++;
      listText[c] = null;
      topProduct[c] = null;
      reasons[c] = neighbours === 0 ? "no other customer bought any of this customer's products" : "the most similar customers bought nothing this customer has not bought";
    }
  }
  if (without > 0) {
    warnings.push({
      kind: "unscored",
      message: `${plural(without, "customer")} ${without === 1 ? "gets" : "get"} no recommendation: nobody else bought any of ${without === 1 ? "its" : "their"} products, or ${without === 1 ? "its" : "their"} most similar customers bought nothing new to ${without === 1 ? "it" : "them"}.`,
    });
  }

  // Groups: the most frequent top recommendations, then the other products, then none.
  const ranked = [...topCount].sort(([p, x], [q, y]) => y - x || (p < q ? -1 : p > q ? 1 : 0));
  const shown = ranked.slice(0, TOP_RECOMMENDATION_GROUPS).map(([p]) => p);
  const labels = [...shown, ...(ranked.length > shown.length ? [OTHER_PRODUCTS] : []), ...(without > 0 ? [NO_RECOMMENDATION] : [])];
  const position = new Map(shown.map((p, k) => [p, k]));
  const group = Int32Array.from(topProduct, (p) => (p === null ? labels.length - 1 : (position.get(p) ?? shown.length)));
  const hasValue = model.roles.value !== null;
  const groups = summariseGroups(labels, group, hasValue ? value : null, null);

  const basketPhrase = s.basket === null ? `each customer's lines as one basket (products bought by the same customer)` : `each ${words.one} (${s.basket}) as a basket (products bought together)`;
  const crossSell: CrossSellDetails = {
    basketColumn: s.basket,
    basketWords: words,
    productColumn,
    baskets: mined.baskets,
    lines: baskets.lines,
    products: baskets.productNames.length,
    minSupport: s.minSupport,
    minCount: mined.minCount,
    minConfidence: s.minConfidence,
    maxSize: s.maxSize,
    itemsetsBySize: mined.itemsetsBySize,
    rules,
    neighbours: s.neighbours,
    top: s.top,
    customers: details,
  };
  const topGroup = groups[0];
  const money = (v: number) => v.toLocaleString("en", { maximumFractionDigits: 0 });
  const offer =
    topGroup && shown.length > 0
      ? ` Top offer: ${topGroup.label} to ${plural(topGroup.customers, "customer")}${hasValue ? ` (${model.roles.value} ${money(topGroup.value)})` : ""}.`
      : "";
  const pictures = [topRulesPicture(rules, words.many), partnersPicture(baskets, words)].filter((p) => p !== null);
  yield { fraction: 1, message: "Done" };
  return {
    analysis: "crossSell",
    customers: m,
    assigned: m,
    columns: [
      { header: "CV Recommendations", kind: "text", values: listText, reasons },
      { header: "CV Top recommendation", kind: "label", values: topProduct, reasons },
    ],
    groupName: "Top recommendation",
    groups,
    rowGroups: group,
    // The value column's own name heads the summary's value (no valueName), so the chart reads its shares from the table.
    ...(hasValue ? { rowValues: value } : {}),
    headline: `${plural(rules.length, "rule")} from ${plural(mined.baskets, words.one, words.many)} and ${plural(baskets.productNames.length, "product")} (support ≥ ${percentWords(s.minSupport)} = ${mined.minCount.toLocaleString("en")} ${mined.minCount === 1 ? words.one : words.many}, confidence ≥ ${percentWords(s.minConfidence)}).${offer}`,
    paretoTop20: null,
    warnings,
    description: [
      `Cross-sell of ${plural(baskets.productNames.length, "product")} in ${plural(mined.baskets, words.one, words.many)} (${plural(baskets.lines, "line")}), with recommendations for ${plural(m, "customer")}.`,
      `Lines: customer ${idColumn}, product ${productColumn}${s.basket ? `, ${words.one} ${s.basket}` : ""}; rules take ${basketPhrase}.`,
      `Rules A ⇒ B of 2 to ${s.maxSize} products found together in at least ${percentWords(s.minSupport)} of the ${words.many} (${mined.minCount.toLocaleString("en")}), with confidence at least ${percentWords(s.minConfidence)}: support = share of ${words.many} with all the products; confidence = share of the ${words.many} with A that also have B; lift = confidence / share of ${words.many} with B (1 = chance); leverage = support − share(A) × share(B); conviction = (1 − share(B)) / (1 − confidence), ∞ when the rule always held.`,
      `Recommendations: each customer's ${plural(s.neighbours, "most similar customer")} by Jaccard similarity of their product sets (products in common / products of either); each product they bought and the customer did not scores the sum of their similarities; the best ${s.top} are recommended.`,
    ],
    rowKeys: { header: idColumn, values: rowKeys },
    details: crossSell,
    pictures,
  };
}

/**
 * Cross-sell (methods §10): from a lines table (customer id, product, optionally an invoice
 * per row), association rules "customers who bought A also bought B" with support,
 * confidence, lift, leverage and conviction, over invoices (bought together) or over
 * customers (bought by the same customer); and for every customer the products its most
 * similar customers (Jaccard similarity of product sets) bought and it did not. One result
 * row per customer, keyed by id (like RFM from transactions): the recommendations and the
 * top one, grouped by the most frequent top recommendations with each group's customers
 * and their total of the value column.
 *
 * Method: readBaskets groups the lines into product sets; mineAssociationRules counts pairs
 * and grows larger itemsets (Eclat) above the support, as an exact basket count;
 * recommendAllSteps finds every customer's neighbours through an inverted index. The
 * customer side is kept for the same table while only the rule thresholds change.
 *
 * Cost: O(L log k) to read L lines, the rule mining (pairs in O(Σ k²) over baskets of k
 * frequent products), and O(Σ_p d_p² + L·neighbours) for the recommendations, d_p the
 * customers of product p. The 17,304 December 2011 lines of the sample take about 0.1 s.
 *
 * @throws CvError BAD_OPTION for a missing column or a threshold out of range; BAD_VALUE
 *   naming the column and row for an error value in a cell; EMPTY_INPUT with no line;
 *   NOT_COMPUTABLE with a single basket.
 * @example runModel({ ...model, analysis: "crossSell", crossSell: defaultCrossSellSettings(profiles) }, lines).details.rules[0]
 */
export const crossSellAnalysis: AnalysisDefinition<CrossSellDetails, CrossSellSettings> = {
  id: "crossSell",
  title: "Cross-sell",
  summary: "From a lines table (customer, product, invoice): rules of products bought together, and recommendations for each customer from similar customers.",
  sheetWord: "Cross-sell",
  settings: crossSellSettings,
  summarySections: (run) => crossSellSections(run.details),
  ownedSheets: (run) => [rulesSheet(run.details)],
  run(model: CustomerValueModel, table: CustomerTable): AnalysisRun<CrossSellDetails> {
    return finishSteps(crossSellSteps(model, table));
  },
  runSteps: crossSellSteps,
};
