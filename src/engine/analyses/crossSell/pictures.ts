/** The cross-sell analysis's pictures: the strongest rules by lift, and the partners of the most frequent product. */
import type { Baskets } from "../../crossSell/baskets";
import type { BarsPicture } from "../pictures";
import type { CrossSellRule } from "./details";

/** Rules and partners a picture shows at most. */
export const CROSS_SELL_PICTURE_BARS = 10;

const pct1 = (x: number) => `${(x * 100).toFixed(1)}%`;
const pct0 = (x: number) => `${Math.round(x * 100)}%`;

/**
 * The top rules by lift: one bar per rule ("bread, milk → jam"), its lift, the strongest
 * first (the rules come sorted by lift); each with its support and confidence as a note.
 * Rules whose lift is not finite are left out. Null when there is no rule. Cost: O(rules).
 *
 * @example topRulesPicture(details.rules, "invoices")?.notes?.[0] // → "support 16.7% · confidence 100%"
 */
export function topRulesPicture(rules: readonly CrossSellRule[], basketsWord: string, top = CROSS_SELL_PICTURE_BARS): BarsPicture | null {
  const shown = rules.filter((r) => Number.isFinite(r.lift) && Number.isFinite(r.support) && Number.isFinite(r.confidence)).slice(0, top);
  if (shown.length === 0) return null;
  const best = shown[0] as CrossSellRule;
  return {
    kind: "bars",
    id: "top-rules",
    title: `Top ${shown.length === 1 ? "rule" : `${shown.length} rules`} by lift (1 = no more often than chance)`,
    caption: `${best.antecedent} → ${best.consequent}: the ${basketsWord} with ${best.antecedent} have ${best.consequent} ${best.lift.toFixed(1)} times as often as all ${basketsWord} (confidence ${pct0(best.confidence)}).`,
    orientation: "bars",
    stacked: false,
    categories: shown.map((r) => `${r.antecedent} → ${r.consequent}`),
    categoryTitle: "Rule",
    valueTitle: "Lift",
    valueFormat: "number",
    series: [{ name: "Lift", values: shown.map((r) => r.lift) }],
    colourBy: "series",
    notes: shown.map((r) => `support ${pct1(r.support)} · confidence ${pct0(r.confidence)}`),
  };
}

/**
 * The partners of the most frequent product (in the most baskets; ties: the first name in
 * alphabetical order): the products most often bought with it, by confidence (the share of
 * its baskets that also hold the partner), the highest first (ties: by name); each with the
 * baskets it shares and its lift as a note. Null when it has no partner. Cost:
 * O(lines + products log products).
 *
 * @example partnersPicture(baskets, { one: "invoice", many: "invoices" })?.title // → "Bought with bread: share of the 4 invoices with bread that also have each product"
 */
export function partnersPicture(baskets: Baskets, words: { one: string; many: string }, top = CROSS_SELL_PICTURE_BARS): BarsPicture | null {
  const names = baskets.productNames;
  const count = baskets.productBaskets;
  const total = baskets.basketIds.length;
  let focus = -1;
  for (let p = 0; p < names.length; p++) {
    const c = count[p] as number;
    if (focus < 0 || c > (count[focus] as number) || (c === count[focus] && (names[p] as string) < (names[focus] as string))) focus = p;
  }
  if (focus < 0 || total === 0) return null;
  const together = new Int32Array(names.length);
  for (let b = 0; b < baskets.basketIds.length; b++) {
    const from = baskets.offsets[b] as number;
    const to = baskets.offsets[b + 1] as number;
    let has = false;
    for (let i = from; i < to; i++) if (baskets.items[i] === focus) has = true;
    if (!has) continue;
    for (let i = from; i < to; i++) {
      const p = baskets.items[i] as number;
      if (p !== focus) together[p] = (together[p] as number) + 1;
    }
  }
  const own = count[focus] as number;
  const partners = Array.from({ length: names.length }, (_, p) => p)
    .filter((p) => (together[p] as number) > 0)
    .sort((a, b) => (together[b] as number) - (together[a] as number) || ((names[a] as string) < (names[b] as string) ? -1 : 1))
    .slice(0, top);
  if (partners.length === 0 || own === 0) return null;
  const name = names[focus] as string;
  const basketsWord = words.many;
  const confidence = partners.map((p) => (together[p] as number) / own);
  const lift = partners.map((p, k) => (confidence[k] as number) / ((count[p] as number) / total));
  return {
    kind: "bars",
    id: "partners",
    title: `Bought with ${name}: share of the ${own.toLocaleString("en")} ${basketsWord} with ${name} that also have each product`,
    caption: `${name} is in the most ${basketsWord} (${own.toLocaleString("en")} of ${total.toLocaleString("en")}); ${pct0(confidence[0] as number)} of them also have ${names[partners[0] as number]}.`,
    orientation: "bars",
    stacked: false,
    categories: partners.map((p) => names[p] as string),
    categoryTitle: "Product",
    valueTitle: `Share of ${basketsWord} with ${name}`,
    valueFormat: "percent",
    series: [{ name: "Confidence", values: confidence }],
    colourBy: "series",
    notes: partners.map((p, k) => `${(together[p] as number).toLocaleString("en")} ${together[p] === 1 ? words.one : words.many} · lift ${(lift[k] as number).toFixed(2)}`),
  };
}
