import type { Baskets } from "./baskets";
import { CvError, describeValue } from "../core/errors";
import { IdIndex } from "../core/idIndex";
import { finishSteps } from "../core/steps";

// Jest's vm context makes global Math lookups ~15× slower in hot loops: alias once.
const { round, min } = Math;

/** Neighbours a customer's recommendations come from, unless told otherwise. */
export const DEFAULT_NEIGHBOURS = 10;
/** Products recommended per customer, unless told otherwise. */
export const DEFAULT_TOP = 5;
/** The most products a recommendation list may hold. */
export const MAX_TOP = 100;

/** How many neighbours to look at and how many products to recommend. */
export interface RecommendOptions {
  /** The most similar customers to take (a whole number ≥ 1, default 10). */
  neighbours?: number;
  /** Products to recommend (a whole number from 1 to 100, default 5). */
  top?: number;
}

/** The argument names messages use. */
export interface RecommendArgumentNames {
  customers: string;
  products: string;
  customer: string;
  neighbours: string;
  top: string;
}

const DEFAULT_NAMES: RecommendArgumentNames = { customers: "customer_ids", products: "products", customer: "customer", neighbours: "neighbours", top: "top" };

/**
 * Checks the options of the recommenders and fills in their defaults.
 *
 * @throws CvError BAD_VALUE naming the option for a neighbours that is not a whole number
 *   ≥ 1, or a top that is not a whole number from 1 to 100.
 * @example recommendSettings({ top: 3 }) // → { neighbours: 10, top: 3 }
 */
export function recommendSettings(options: RecommendOptions = {}, names: Pick<RecommendArgumentNames, "neighbours" | "top"> = DEFAULT_NAMES): { neighbours: number; top: number } {
  const neighbours = options.neighbours ?? DEFAULT_NEIGHBOURS;
  const top = options.top ?? DEFAULT_TOP;
  if (!Number.isInteger(neighbours) || neighbours < 1) {
    throw new CvError("BAD_VALUE", `${names.neighbours}: give a whole number of similar customers, 1 or more; found ${describeValue(neighbours)}`, { argument: names.neighbours, value: neighbours });
  }
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) {
    throw new CvError("BAD_VALUE", `${names.top}: give a whole number of products to recommend, from 1 to ${MAX_TOP}; found ${describeValue(top)}`, { argument: names.top, value: top });
  }
  return { neighbours, top };
}

/**
 * The Jaccard similarity of two sets given as ascending runs without repeats:
 * |A ∩ B| / |A ∪ B|, from 0 (nothing shared) to 1 (the same set). Two empty sets give 0.
 * Cost: O(|A| + |B|), one merge.
 *
 * @example jaccard([1, 2, 3], [2, 3, 4]) // → 2 / 4 = 0.5
 */
export function jaccard(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * The products of customer c, ascending: a view into the baskets' items (no copy). Cost: O(1).
 *
 * @example productsOf(readBaskets([1, 1, 2], ["milk", "bread", "milk"]), 0) // → Int32Array [0, 1]
 */
export function productsOf(baskets: Baskets, customer: number): Int32Array {
  return baskets.items.subarray(baskets.offsets[customer] as number, baskets.offsets[customer + 1] as number);
}

/**
 * Scores are ranked after rounding to 9 decimals, so Σ J that are equal as fractions
 * (1/3 + 1/6 and 1/2) tie instead of differing in the last bit.
 */
const SCORE_DECIMALS = 1e9;
const scoreKey = (score: number): number => round(score * SCORE_DECIMALS);

/** One customer's neighbours and recommendations. Indexes are the baskets' customer and product numbers. */
export interface CustomerRecommendations {
  /** The neighbours, most similar first (ties: earlier customer first); all have J > 0. */
  neighbours: Int32Array;
  /** Their Jaccard similarity to the customer, in the same order. */
  similarities: Float64Array;
  /** Recommended products, best first. */
  products: Int32Array;
  /** Each product's score: the sum of J over the neighbours who own it. */
  scores: Float64Array;
  /** How many of the neighbours own each product. */
  owners: Int32Array;
}

/**
 * Similar customers and recommendations for one customer (methods §10, "Similar
 * customers"), by the direct route: the customer's product set is compared with every
 * other customer's by {@link jaccard}.
 *
 * - **Neighbours**: the `neighbours` customers with the highest J > 0; ties go to the
 *   customer that appears first in the data.
 * - **Candidates**: products owned by at least one neighbour and not by the customer.
 *   A candidate scores the sum of J over the neighbours that own it (neighbours taken
 *   most similar first, so the same sums come out of {@link recommendAll}).
 * - **Ranking**: score descending (scores equal to 9 decimals tie), then the number of
 *   neighbours owning it descending, then the product's first appearance in the data.
 *
 * Empty lists mean no neighbour (nobody else shares a product) or nothing new to
 * recommend. Cost: O(L + n·k + c log c) for L lines, n customers, k products of the
 * customer and c candidates. For every customer at once use {@link recommendAll}.
 *
 * @example
 * const b = readBaskets([1, 1, 2, 2, 2], ["milk", "bread", "milk", "bread", "jam"]);
 * recommendForCustomer(b, 0).products // → [2] (jam, J = 2/3)
 */
export function recommendForCustomer(baskets: Baskets, customer: number, options: RecommendOptions = {}): CustomerRecommendations {
  const { neighbours: k, top } = recommendSettings(options);
  const n = baskets.basketIds.length;
  const own = productsOf(baskets, customer);
  const similar: { customer: number; j: number }[] = [];
  for (let other = 0; other < n; other++) {
    if (other === customer) continue;
    const j = jaccard(own, productsOf(baskets, other));
    if (j > 0) similar.push({ customer: other, j });
  }
  similar.sort((x, y) => y.j - x.j || x.customer - y.customer);
  const chosen = similar.slice(0, k);

  const owned = new Set(own);
  const candidates = new Map<number, { score: number; owners: number }>();
  for (const { customer: other, j } of chosen) {
    for (const p of productsOf(baskets, other)) {
      if (owned.has(p)) continue;
      const c = candidates.get(p);
      if (c === undefined) candidates.set(p, { score: j, owners: 1 });
      else {
        c.score += j;
        c.owners++;
      }
    }
  }
  const ranked = [...candidates].sort(([p, x], [q, y]) => scoreKey(y.score) - scoreKey(x.score) || y.owners - x.owners || p - q).slice(0, top);
  return {
    neighbours: Int32Array.from(chosen, (c) => c.customer),
    similarities: Float64Array.from(chosen, (c) => c.j),
    products: Int32Array.from(ranked, ([p]) => p),
    scores: Float64Array.from(ranked, ([, c]) => c.score),
    owners: Int32Array.from(ranked, ([, c]) => c.owners),
  };
}

/**
 * The number of a customer id in the baskets, matched as {@link readBaskets} matches ids
 * (12346 and "12346" are one customer), or −1 when it is not there. Cost: O(n).
 *
 * @example findCustomer(readBaskets(["A", 12346], ["x", "y"]), "12346") // → 1
 */
export function findCustomer(baskets: Baskets, id: unknown): number {
  const index = new IdIndex();
  for (const known of baskets.basketIds) index.indexOf(known);
  const found = index.indexOf(id);
  return found >= 0 && found < baskets.basketIds.length ? found : -1;
}

/**
 * Recommendations for one customer given by id, as CV.RECOMMEND answers: the products
 * of {@link recommendForCustomer}, with the reason when there are none.
 *
 * @throws CvError BAD_VALUE for a blank customer or bad options; NOT_COMPUTABLE (#N/A)
 *   naming the customer when it is not among the ids, when it has no similar customer (it
 *   is the only customer, or nobody else bought any of its products), or when its
 *   neighbours bought nothing it has not bought.
 * @example recommendProducts(readBaskets([1, 1, 2, 2, 2], ["milk", "bread", "milk", "bread", "jam"]), 1).products // → [2]
 */
export function recommendProducts(baskets: Baskets, id: unknown, options: RecommendOptions = {}, names: RecommendArgumentNames = DEFAULT_NAMES): CustomerRecommendations {
  const settings = recommendSettings(options, names);
  if (id === null || id === undefined || (typeof id === "string" && id.trim() === "")) {
    throw new CvError("BAD_VALUE", `${names.customer} is blank: give the id of the customer to recommend products to`, { argument: names.customer, value: id });
  }
  const customer = findCustomer(baskets, id);
  const who = `${names.customer} ${describeValue(id)}`;
  if (customer < 0) {
    const some = baskets.basketIds.slice(0, 3).map(describeValue).join(", ");
    throw new CvError("NOT_COMPUTABLE", `${who} is not in ${names.customers} (which holds ${baskets.basketIds.length} customers, e.g. ${some})`, { argument: names.customer, value: id });
  }
  const result = recommendForCustomer(baskets, customer, settings);
  if (baskets.basketIds.length === 1) {
    throw new CvError("NOT_COMPUTABLE", `${who} is the only customer in ${names.customers}: there is nobody to compare it with`, { argument: names.customers });
  }
  if (result.neighbours.length === 0) {
    const count = productsOf(baskets, customer).length;
    throw new CvError("NOT_COMPUTABLE", `no other customer bought any of the ${count} product${count === 1 ? "" : "s"} of ${who}, so it has no similar customers`, { argument: names.customer, value: id });
  }
  if (result.products.length === 0) {
    const m = result.neighbours.length;
    throw new CvError("NOT_COMPUTABLE", `the ${m} most similar customer${m === 1 ? "" : "s"} of ${who} bought nothing it has not bought: nothing new to recommend`, { argument: names.customer, value: id });
  }
  return result;
}

/** Neighbours and recommendations of every customer, in compressed rows (customer c's run is offsets[c] … offsets[c + 1] − 1). */
export interface AllRecommendations {
  neighbourOffsets: Int32Array;
  /** Each customer's neighbours, most similar first. */
  neighbours: Int32Array;
  similarities: Float64Array;
  offsets: Int32Array;
  /** Each customer's recommended products, best first. */
  products: Int32Array;
  scores: Float64Array;
  owners: Int32Array;
}

/** How far {@link recommendAllSteps} has got. */
export interface RecommendProgress {
  /** 0–1: the share of the pairs of customers counted (the first customers count the most pairs). */
  fraction: number;
  /** e.g. "Similar customers: 1,000 of 4,338". */
  message: string;
  /** Customers done. */
  customers: number;
}

/** How often {@link recommendAllSteps} reports. */
export interface RecommendStepOptions extends RecommendOptions {
  /** Customers between two progress reports (default 250). */
  reportEvery?: number;
}

/**
 * The best `size` of a stream of ids under `better`, kept in a binary heap whose root is
 * the worst kept: O(log size) per offer.
 */
class TopK {
  private readonly heap: Int32Array;
  length = 0;
  constructor(
    private readonly size: number,
    private readonly better: (a: number, b: number) => boolean,
  ) {
    this.heap = new Int32Array(size);
  }

  offer(id: number): void {
    const heap = this.heap;
    if (this.length < this.size) {
      let i = this.length++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        const p = heap[parent] as number;
        if (!this.better(p, id)) break;
        heap[i] = p;
        i = parent;
      }
      heap[i] = id;
      return;
    }
    if (!this.better(id, heap[0] as number)) return;
    let i = 0;
    const n = this.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let worst = l;
      if (r < n && this.better(heap[l] as number, heap[r] as number)) worst = r;
      if (!this.better(id, heap[worst] as number)) break;
      heap[i] = heap[worst] as number;
      i = worst;
    }
    heap[i] = id;
  }

  /** The kept ids, best first; empties the heap. */
  drain(): number[] {
    const out = Array.from(this.heap.subarray(0, this.length));
    this.length = 0;
    return out.sort((a, b) => (this.better(a, b) ? -1 : this.better(b, a) ? 1 : 0));
  }
}

/** A growable Int32Array, for the compressed-row results. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
/** A growable Float64Array. */
class FloatList {
  data = new Float64Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }
  done(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Every customer's best neighbours so far, each a bounded binary heap (its root the worst
 * kept) in one flat array, so the similarity of a pair, counted once, is offered to both
 * customers. Order: higher J first, then the customer that appears first in the data.
 */
class NeighbourHeaps {
  private readonly ids: Int32Array;
  private readonly sims: Float64Array;
  private readonly sizes: Int32Array;

  constructor(
    customers: number,
    private readonly k: number,
  ) {
    this.ids = new Int32Array(customers * k);
    this.sims = new Float64Array(customers * k);
    this.sizes = new Int32Array(customers);
  }

  /** Offers neighbour `id` at similarity j to customer `owner`'s heap. Cost: O(1) when it does not enter, else O(log k). */
  offer(owner: number, id: number, j: number): void {
    const { ids, sims, k } = this;
    const base = owner * k;
    const size = this.sizes[owner] as number;
    if (size < k) {
      // Sift up: a parent better than the newcomer moves down.
      let i = size;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        const pj = sims[base + parent] as number;
        if (pj < j || (pj === j && (ids[base + parent] as number) > id)) break;
        ids[base + i] = ids[base + parent] as number;
        sims[base + i] = pj;
        i = parent;
      }
      ids[base + i] = id;
      sims[base + i] = j;
      this.sizes[owner] = size + 1;
      return;
    }
    const rootJ = sims[base] as number;
    if (j < rootJ || (j === rootJ && id > (ids[base] as number))) return;
    // Sift down from the root: the worse child moves up while it is worse than the newcomer.
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= k) break;
      let w = l;
      const r = l + 1;
      if (r < k) {
        const lj = sims[base + l] as number;
        const rj = sims[base + r] as number;
        if (rj < lj || (rj === lj && (ids[base + r] as number) > (ids[base + l] as number))) w = r;
      }
      const wj = sims[base + w] as number;
      if (wj > j || (wj === j && (ids[base + w] as number) < id)) break;
      ids[base + i] = ids[base + w] as number;
      sims[base + i] = wj;
      i = w;
    }
    ids[base + i] = id;
    sims[base + i] = j;
  }

  /** Customer `owner`'s neighbours, best first, into `outIds` and `outSims`; returns how many. Cost: O(k²), k small. */
  best(owner: number, outIds: Int32Array, outSims: Float64Array): number {
    const base = owner * this.k;
    const size = this.sizes[owner] as number;
    for (let i = 0; i < size; i++) {
      const id = this.ids[base + i] as number;
      const j = this.sims[base + i] as number;
      let at = i;
      while (at > 0) {
        const pj = outSims[at - 1] as number;
        if (pj > j || (pj === j && (outIds[at - 1] as number) < id)) break;
        outIds[at] = outIds[at - 1] as number;
        outSims[at] = pj;
        at--;
      }
      outIds[at] = id;
      outSims[at] = j;
    }
    return size;
  }
}

/**
 * The working state of {@link recommendAllSteps}: the inverted index, the accumulators
 * (reset through touched lists after each customer, never cleared wholesale) and the
 * results. A class rather than generator locals: V8 optimises the hot loops of a plain
 * method far better than a generator body.
 */
class AllRecommender {
  private readonly customers: number;
  private readonly offsets: Int32Array;
  private readonly items: Int32Array;
  private readonly postStart: Int32Array;
  private readonly post: Int32Array;
  /** Where each product's postings reach the customer being worked on (its own entry). */
  private readonly cursor: Int32Array;
  private readonly shared: Int32Array;
  private readonly touched: Int32Array;
  private readonly heaps: NeighbourHeaps;
  private readonly chosen: Int32Array;
  private readonly chosenSims: Float64Array;
  private readonly ownedBy: Int32Array;
  private readonly score: Float64Array;
  private readonly key: Float64Array;
  private readonly ownerCount: Int32Array;
  private readonly candidates: Int32Array;
  private readonly best: TopK;
  readonly neighbourOffsets: Int32Array;
  readonly neighbours = new IntList();
  readonly similarities = new FloatList();
  readonly recOffsets: Int32Array;
  readonly products = new IntList();
  readonly scores = new FloatList();
  readonly owners = new IntList();

  constructor(baskets: Baskets, k: number, top: number) {
    const { offsets, items } = baskets;
    const n = baskets.basketIds.length;
    const productCount = baskets.productNames.length;
    this.customers = n;
    this.offsets = offsets;
    this.items = items;
    // Inverted index: the customers of product p are post[postStart[p]] … post[postStart[p + 1] − 1], ascending.
    const postStart = new Int32Array(productCount + 1);
    for (let p = 0; p < productCount; p++) postStart[p + 1] = (postStart[p] as number) + (baskets.productBaskets[p] as number);
    const post = new Int32Array(items.length);
    const fill = postStart.slice(0, productCount);
    for (let c = 0; c < n; c++) {
      for (let i = offsets[c] as number, end = offsets[c + 1] as number; i < end; i++) {
        const p = items[i] as number;
        post[fill[p] as number] = c;
        fill[p] = (fill[p] as number) + 1;
      }
    }
    this.postStart = postStart;
    this.post = post;
    this.cursor = postStart.slice(0, productCount);
    this.shared = new Int32Array(n);
    this.touched = new Int32Array(n);
    const kept = min(k, Math.max(n - 1, 1));
    this.heaps = new NeighbourHeaps(n, kept);
    this.chosen = new Int32Array(kept);
    this.chosenSims = new Float64Array(kept);
    this.ownedBy = new Int32Array(productCount).fill(-1);
    this.score = new Float64Array(productCount);
    const key = (this.key = new Float64Array(productCount));
    const ownerCount = (this.ownerCount = new Int32Array(productCount));
    this.candidates = new Int32Array(productCount);
    this.best = new TopK(min(top, productCount), (p, q) => {
      const kp = key[p] as number;
      const kq = key[q] as number;
      if (kp !== kq) return kp > kq;
      const op = ownerCount[p] as number;
      const oq = ownerCount[q] as number;
      return op !== oq ? op > oq : p < q;
    });
    this.neighbourOffsets = new Int32Array(n + 1);
    this.recOffsets = new Int32Array(n + 1);
  }

  /**
   * Neighbours and recommendations of customer a. Customers go in order 0, 1, …: the pairs
   * of a with earlier customers were counted and offered to a's heap when those were worked
   * on, so only later customers are counted now, and a's neighbours are then final.
   */
  customer(a: number): void {
    const { offsets, items, postStart, post, cursor, shared, touched, heaps, ownedBy, score, key, ownerCount, candidates } = this;
    const aStart = offsets[a] as number;
    const aEnd = offsets[a + 1] as number;
    const aSize = aEnd - aStart;
    const later = this.customers - a - 1;

    // |A ∩ B| for every later B sharing a product with A (a's own posting is at the cursor).
    // When those postings outnumber the later customers, all of them are scanned afterwards
    // instead of keeping a list of those touched: the count is then one add, without a branch.
    let postings = 0;
    for (let i = aStart; i < aEnd; i++) {
      const p = items[i] as number;
      postings += (postStart[p + 1] as number) - (cursor[p] as number) - 1;
    }
    const dense = postings >= later;
    let touchedCount = 0;
    for (let i = aStart; i < aEnd; i++) {
      const p = items[i] as number;
      ownedBy[p] = a;
      const from = (cursor[p] as number) + 1;
      cursor[p] = from;
      const end = postStart[p + 1] as number;
      if (dense) {
        for (let j = from; j < end; j++) {
          const b = post[j] as number;
          shared[b] = (shared[b] as number) + 1;
        }
      } else {
        for (let j = from; j < end; j++) {
          const b = post[j] as number;
          const c = shared[b] as number;
          if (c === 0) touched[touchedCount++] = b;
          shared[b] = c + 1;
        }
      }
    }
    const count = dense ? later : touchedCount;
    for (let t = 0; t < count; t++) {
      const b = dense ? a + 1 + t : (touched[t] as number);
      const c = shared[b] as number;
      if (c === 0) continue;
      shared[b] = 0;
      const j = c / (aSize + (offsets[b + 1] as number) - (offsets[b] as number) - c);
      heaps.offer(a, b, j);
      heaps.offer(b, a, j);
    }
    const chosen = this.chosen;
    const chosenSims = this.chosenSims;
    const chosenCount = heaps.best(a, chosen, chosenSims);

    // Candidates: Σ J over the neighbours (most similar first) owning each product A lacks.
    let candidateCount = 0;
    for (let t = 0; t < chosenCount; t++) {
      const b = chosen[t] as number;
      const j = chosenSims[t] as number;
      this.neighbours.push(b);
      this.similarities.push(j);
      for (let i = offsets[b] as number, end = offsets[b + 1] as number; i < end; i++) {
        const p = items[i] as number;
        if (ownedBy[p] === a) continue;
        const o = ownerCount[p] as number;
        if (o === 0) candidates[candidateCount++] = p;
        ownerCount[p] = o + 1;
        score[p] = (score[p] as number) + j;
      }
    }
    this.neighbourOffsets[a + 1] = this.neighbours.length;
    for (let t = 0; t < candidateCount; t++) {
      const p = candidates[t] as number;
      key[p] = scoreKey(score[p] as number);
      this.best.offer(p);
    }
    for (const p of this.best.drain()) {
      this.products.push(p);
      this.scores.push(score[p] as number);
      this.owners.push(ownerCount[p] as number);
    }
    this.recOffsets[a + 1] = this.products.length;
    for (let t = 0; t < candidateCount; t++) {
      const p = candidates[t] as number;
      score[p] = 0;
      ownerCount[p] = 0;
    }
  }
}

/** The share of the n(n − 1)/2 pairs counted once the first `done` customers are: each counts its pairs with the later ones. */
function pairsDone(done: number, n: number): number {
  return (done * (2 * n - done - 1)) / (n * (n - 1));
}

/**
 * Neighbours and recommendations for every customer, with the rules of
 * {@link recommendForCustomer}, yielding progress every `reportEvery` customers so a task
 * pane can run it in slices ({@link finishSteps} runs it to the end).
 *
 * Method: an inverted index (product → customers who bought it) gives, for customer a,
 * |A ∩ B| for every later B sharing a product with a, counted in a typed array with a list
 * of the customers touched (no all-pairs loop); J = |A ∩ B| / (|A| + |B| − |A ∩ B|). Each
 * pair is counted once and its J offered to both customers' heaps of best neighbours, so a
 * customer's neighbours are final when its turn comes; then the best products are kept in a
 * small heap.
 *
 * Cost: O(Σ_p d_p² / 2 + L·k_n) for d_p customers of product p, L lines and k_n neighbours —
 * the pairs that share a product, never the n² pairs; memory O(n·k_n + products). About
 * 0.25 s for the 4,339 Online Retail customers (268,171 customer × product pairs).
 *
 * @example
 * const b = readBaskets([1, 1, 2, 2, 2], ["milk", "bread", "milk", "bread", "jam"]);
 * finishSteps(recommendAllSteps(b)).products // → [2] (customer 1 gets jam; customer 2 nothing)
 */
export function* recommendAllSteps(baskets: Baskets, options: RecommendStepOptions = {}): Generator<RecommendProgress, AllRecommendations> {
  const { neighbours: k, top } = recommendSettings(options);
  const reportEvery = options.reportEvery ?? 250;
  const n = baskets.basketIds.length;
  const run = new AllRecommender(baskets, k, top);
  const total = n.toLocaleString("en");
  for (let a = 0; a < n; a++) {
    if (a > 0 && a % reportEvery === 0) yield { fraction: pairsDone(a, n), message: `Similar customers: ${a.toLocaleString("en")} of ${total}`, customers: a };
    run.customer(a);
  }
  yield { fraction: 1, message: `Similar customers: ${total} of ${total}`, customers: n };
  return {
    neighbourOffsets: run.neighbourOffsets,
    neighbours: run.neighbours.done(),
    similarities: run.similarities.done(),
    offsets: run.recOffsets,
    products: run.products.done(),
    scores: run.scores.done(),
    owners: run.owners.done(),
  };
}

/**
 * {@link recommendAllSteps} run to the end in one go, for callers that need no progress.
 * Cost: that of {@link recommendAllSteps}.
 *
 * @example recommendAll(readBaskets([1, 1, 2, 2, 2], ["milk", "bread", "milk", "bread", "jam"])).offsets // → [0, 1, 1]
 */
export function recommendAll(baskets: Baskets, options: RecommendOptions = {}): AllRecommendations {
  return finishSteps(recommendAllSteps(baskets, options));
}

/**
 * Each customer's recommendations as one text, product names best first joined by
 * `separator` ("yogurt; whole milk; soda"), "" for a customer with none: a task pane's
 * result column. Cost: O(n × top).
 *
 * @example recommendationLabels(recommendAll(b), b) // → ["jam", ""] (b as in {@link recommendAll})
 */
export function recommendationLabels(all: AllRecommendations, baskets: Baskets, separator = "; "): string[] {
  const n = all.offsets.length - 1;
  const out: string[] = new Array(n);
  for (let c = 0; c < n; c++) {
    const names: string[] = [];
    for (let i = all.offsets[c] as number, end = all.offsets[c + 1] as number; i < end; i++) names.push(baskets.productNames[all.products[i] as number] as string);
    out[c] = names.join(separator);
  }
  return out;
}
