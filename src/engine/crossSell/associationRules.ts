import type { Baskets } from "./baskets";
import { CvError } from "../core/errors";

/** What to mine: thresholds as shares (0–1) and the largest itemset a rule may come from. */
export interface AssociationOptions {
  /** Least share of baskets an itemset must be in; above 0, at most 1. Default 0.01. */
  minSupport?: number;
  /** Least confidence of a rule, 0–1. Default 0.25. */
  minConfidence?: number;
  /** Most products in a rule, antecedent and consequent together: 2 to 5. Default 2. */
  maxSize?: number;
  /** Stop with an error rather than hold more frequent itemsets than this (a guard against a too-low support). Default 2,000,000. */
  maxItemsets?: number;
}

/** One rule "antecedent ⇒ consequent", with the counts it comes from. */
export interface AssociationRule {
  /** Product numbers (into Baskets.productNames), in the order of their names. */
  antecedent: number[];
  consequent: number;
  /** Baskets holding every product of the rule, the antecedent, and the consequent. */
  count: number;
  antecedentCount: number;
  consequentCount: number;
  /** count / baskets. */
  support: number;
  /** count / antecedentCount: how often the consequent comes with the antecedent. */
  confidence: number;
  /** confidence / share of baskets with the consequent: 1 = no more often than chance. */
  lift: number;
  /** support − share(antecedent) × share(consequent): the extra share of baskets over chance. */
  leverage: number;
  /** (1 − share(consequent)) / (1 − confidence); Infinity for a rule that always holds. */
  conviction: number;
}

/** The mined rules and what was mined, for messages and summaries. */
export interface AssociationResult {
  baskets: number;
  /** The least basket count an itemset needed: the smallest c with c / baskets ≥ minSupport. */
  minCount: number;
  minSupport: number;
  minConfidence: number;
  maxSize: number;
  /** Frequent itemsets found by size: index 0 = single products, 1 = pairs, … */
  itemsetsBySize: number[];
  /** Rules sorted by lift, highest first (ties: support, then confidence, higher first; then the products' names). */
  rules: AssociationRule[];
}

/**
 * The least count c of baskets with c / baskets ≥ share, decided on the same division a
 * user sees (so 0.3 of 10 baskets is 3 baskets, although 0.3 × 10 = 3.0000000000000004).
 *
 * @example minimumCount(0.006, 9835) // → 60 (59 / 9835 = 0.005999 < 0.006)
 */
export function minimumCount(share: number, baskets: number): number {
  let c = Math.max(1, Math.ceil(share * baskets));
  while (c > 1 && (c - 1) / baskets >= share) c--;
  while (c / baskets < share) c++;
  return c;
}

function checkShare(value: number, argument: string, allowZero: boolean): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value > 1 || value < 0 || (!allowZero && value === 0)) {
    const range = allowZero ? "from 0 to 1" : "above 0 and at most 1";
    throw new CvError("BAD_OPTION", `${argument} must be a share ${range} (0.01 = 1% of baskets), found ${String(value)}.`, { argument, value });
  }
}

/**
 * The size of the intersection of two ascending basket lists, written to `out`; −1 as soon
 * as it can no longer reach `least` (most candidate itemsets fail, so most merges stop early).
 */
function intersectInto(a: Int32Array, b: Int32Array, least: number, out: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x < y) {
      i++;
      if (n + a.length - i < least) return -1;
    } else if (x > y) {
      j++;
      if (n + b.length - j < least) return -1;
    } else {
      out[n++] = x;
      i++;
      j++;
    }
  }
  return n >= least ? n : -1;
}

/**
 * Frequent itemsets and association rules (methods §10, cross-sell affinity), as arules'
 * apriori gives them: itemsets of 2 to `maxSize` products in at least `minSupport` of the
 * baskets; from each, every rule with one product as consequent and the rest as antecedent
 * whose confidence reaches `minConfidence`; support, confidence, lift, leverage and
 * conviction; sorted by lift.
 *
 * Method: products below the support are dropped; pairs are counted in one pass over the
 * baskets with a counter per product (no candidate pairs are stored); larger itemsets grow
 * depth first (Eclat) by intersecting the sorted basket lists of itemsets that share all
 * but their last product, so only frequent itemsets are ever extended. Counts are
 * integers and the support threshold is a basket count (`minimumCount`), so no itemset is
 * in or out by a rounding error.
 *
 * Cost: O(Σ k²) over baskets of k frequent products for pairs, plus one list intersection
 * per candidate of size 3 or more; memory O(products + itemsets). Groceries (9,835 baskets)
 * takes a few milliseconds.
 *
 * @throws CvError BAD_OPTION for a threshold out of range or too many itemsets;
 *   NOT_COMPUTABLE for a single basket (a rule needs baskets to compare).
 * @example mineAssociationRules(basketsFromLines("a,b\na,b\na\nc"), { minSupport: 0.5, minConfidence: 0.5 }).rules[0]
 * // → { antecedent: [b], consequent: a, support 0.5, confidence 1, lift 4/3, … }
 */
export function mineAssociationRules(baskets: Baskets, options: AssociationOptions = {}): AssociationResult {
  const minSupport = options.minSupport ?? 0.01;
  const minConfidence = options.minConfidence ?? 0.25;
  const maxSize = options.maxSize ?? 2;
  const maxItemsets = options.maxItemsets ?? 2_000_000;
  checkShare(minSupport, "min_support", false);
  checkShare(minConfidence, "min_confidence", true);
  if (!Number.isInteger(maxSize) || maxSize < 2 || maxSize > 5) {
    throw new CvError("BAD_OPTION", `max_size must be a whole number from 2 to 5 (products in a rule, both sides together), found ${String(maxSize)}.`, { argument: "max_size", value: maxSize });
  }
  const n = baskets.basketIds.length;
  if (n < 2) {
    throw new CvError("NOT_COMPUTABLE", `There is only ${n} basket: rules compare baskets, so give at least two (one basket id per invoice or customer).`, { argument: "baskets" });
  }
  const minCount = minimumCount(minSupport, n);
  const { offsets, items, productBaskets, productNames } = baskets;

  // Frequent products, ranked by rising count (small classes first keeps Eclat's lists short).
  const frequent: number[] = [];
  for (let p = 0; p < productBaskets.length; p++) if ((productBaskets[p] as number) >= minCount) frequent.push(p);
  frequent.sort((a, b) => (productBaskets[a] as number) - (productBaskets[b] as number) || a - b);
  const m = frequent.length;
  const rankOf = new Int32Array(productBaskets.length).fill(-1);
  frequent.forEach((p, r) => (rankOf[p] = r));
  const rankCount = Int32Array.from(frequent, (p) => productBaskets[p] as number);

  // Each basket cut down to its frequent products, as ascending ranks; and each rank's basket list.
  const projectedStart = new Int32Array(n + 1);
  const projected = new Int32Array(items.length);
  const tidStart = new Int32Array(m + 1);
  let length = 0;
  for (let b = 0; b < n; b++) {
    const from = length;
    for (let k = offsets[b] as number; k < (offsets[b + 1] as number); k++) {
      const r = rankOf[items[k] as number] as number;
      if (r >= 0) {
        projected[length++] = r;
        tidStart[r + 1] = (tidStart[r + 1] as number) + 1;
      }
    }
    projected.subarray(from, length).sort();
    projectedStart[b + 1] = length;
  }
  for (let r = 0; r < m; r++) tidStart[r + 1] = (tidStart[r + 1] as number) + (tidStart[r] as number);
  const tids = new Int32Array(length);
  const tidFill = tidStart.slice(0, m);
  for (let b = 0; b < n; b++) {
    for (let k = projectedStart[b] as number; k < (projectedStart[b + 1] as number); k++) {
      const r = projected[k] as number;
      tids[tidFill[r] as number] = b;
      tidFill[r] = (tidFill[r] as number) + 1;
    }
  }
  const tidList = (r: number): Int32Array => tids.subarray(tidStart[r] as number, tidStart[r + 1] as number);

  // Frequent itemsets of 2+ products, stored flat: ranks (ascending) and count.
  const itemsetsBySize = [m, 0, 0, 0, 0].slice(0, maxSize);
  const itemsets: { ranks: number[]; count: number }[] = [];
  // An itemset's key: ranks + 1 as digits of base m + 1 (no leading zeros, so sizes cannot collide) when that stays
  // an exact integer ((m + 1)⁴ < 2⁵³ for m < 9,700), else text.
  const exactKeys = (m + 1) ** (maxSize - 1) < Number.MAX_SAFE_INTEGER;
  const itemsetKey = (ranks: readonly number[]): number | string => (exactKeys ? ranks.reduce((key, r) => key * (m + 1) + r + 1, 0) : ranks.join(","));
  const countOf = new Map<number | string, number>();
  const record = (ranks: number[], count: number): void => {
    itemsets.push({ ranks, count });
    itemsetsBySize[ranks.length - 1] = (itemsetsBySize[ranks.length - 1] as number) + 1;
    if (ranks.length < maxSize) countOf.set(itemsetKey(ranks), count);
    if (itemsets.length > maxItemsets) {
      throw new CvError("BAD_OPTION", `More than ${maxItemsets.toLocaleString("en")} frequent itemsets at min_support ${minSupport}: raise min_support or lower max_size.`, { argument: "min_support", value: minSupport });
    }
  };

  const scratch = new Int32Array(n);
  const grow = (prefix: number[], classRanks: number[], classTids: Int32Array[]): void => {
    for (let a = 0; a < classRanks.length; a++) {
      const base = [...prefix, classRanks[a] as number];
      const nextRanks: number[] = [];
      const nextTids: Int32Array[] = [];
      const growsFurther = base.length + 1 < maxSize;
      for (let c = a + 1; c < classRanks.length; c++) {
        const count = intersectInto(classTids[a] as Int32Array, classTids[c] as Int32Array, minCount, scratch);
        if (count < 0) continue;
        record([...base, classRanks[c] as number], count);
        if (growsFurther) {
          nextRanks.push(classRanks[c] as number);
          nextTids.push(scratch.slice(0, count));
        }
      }
      if (nextRanks.length > 1) grow(base, nextRanks, nextTids);
    }
  };

  const pairCount = new Int32Array(m);
  const touched = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    // Pairs (i, j > i): one pass over the baskets holding i.
    let touchedCount = 0;
    const list = tidList(i);
    for (let t = 0; t < list.length; t++) {
      const b = list[t] as number;
      for (let k = (projectedStart[b + 1] as number) - 1; k >= (projectedStart[b] as number); k--) {
        const j = projected[k] as number;
        if (j <= i) break;
        if (pairCount[j] === 0) touched[touchedCount++] = j;
        pairCount[j] = (pairCount[j] as number) + 1;
      }
    }
    const partners = Array.from(touched.subarray(0, touchedCount)).filter((j) => (pairCount[j] as number) >= minCount).sort((x, y) => x - y);
    const classTids: Int32Array[] = [];
    for (const j of partners) {
      record([i, j], pairCount[j] as number);
      if (maxSize > 2) classTids.push(scratch.slice(0, intersectInto(list, tidList(j), 0, scratch)));
    }
    for (let k = 0; k < touchedCount; k++) pairCount[touched[k] as number] = 0;
    if (maxSize > 2 && partners.length > 1) grow([i], partners, classTids);
  }

  // Rules: every product of an itemset as the consequent, the rest as the antecedent.
  const rules: AssociationRule[] = [];
  // Each product's place in name order: rules list their antecedents in it and break ties with it, without comparing text.
  const nameOrder = new Int32Array(productNames.length);
  Array.from(productNames.keys())
    .sort((a, b) => {
      const x = productNames[a] as string;
      const y = productNames[b] as string;
      return x < y ? -1 : x > y ? 1 : a - b;
    })
    .forEach((p, place) => (nameOrder[p] = place));
  const byName = (a: number, b: number): number => (nameOrder[a] as number) - (nameOrder[b] as number);
  for (const { ranks, count } of itemsets) {
    for (let c = 0; c < ranks.length; c++) {
      const rest = ranks.filter((_, k) => k !== c);
      const antecedentCount = rest.length === 1 ? (rankCount[rest[0] as number] as number) : (countOf.get(itemsetKey(rest)) as number);
      const confidence = count / antecedentCount;
      if (!(confidence >= minConfidence)) continue;
      const consequentCount = rankCount[ranks[c] as number] as number;
      const consequentShare = consequentCount / n;
      const support = count / n;
      rules.push({
        antecedent: rest.map((r) => frequent[r] as number).sort(byName),
        consequent: frequent[ranks[c] as number] as number,
        count,
        antecedentCount,
        consequentCount,
        support,
        confidence,
        lift: (count * n) / (antecedentCount * consequentCount),
        leverage: support - (antecedentCount / n) * consequentShare,
        conviction: count === antecedentCount ? Number.POSITIVE_INFINITY : (1 - consequentShare) / (1 - confidence),
      });
    }
  }
  rules.sort((x, y) => {
    const byNumbers = y.lift - x.lift || y.count - x.count || y.confidence - x.confidence;
    if (byNumbers !== 0) return byNumbers;
    // Exact ties: by the products' names, antecedent first, then the consequent.
    const shorter = Math.min(x.antecedent.length, y.antecedent.length);
    for (let k = 0; k < shorter; k++) {
      const d = byName(x.antecedent[k] as number, y.antecedent[k] as number);
      if (d !== 0) return d;
    }
    return x.antecedent.length - y.antecedent.length || byName(x.consequent, y.consequent);
  });
  return { baskets: n, minCount, minSupport, minConfidence, maxSize, itemsetsBySize, rules };
}
