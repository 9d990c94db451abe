import { IdIndex } from "../core/idIndex";
import { type ReadBasketsOptions, readBasketLines } from "../core/gridReaders";

/**
 * Baskets as sets of products, in compressed rows: basket b holds the distinct products
 * `items[offsets[b]] … items[offsets[b + 1] − 1]`, ascending by product number. A basket is
 * whatever groups the lines: an invoice (products bought together) or a customer (products
 * bought by the same customer).
 */
export interface Baskets {
  /** Each basket's id as first written (a number or text), in order of first appearance. */
  basketIds: unknown[];
  /** Each product's name (trimmed text), in order of first appearance; product p is productNames[p]. */
  productNames: string[];
  /** basketIds.length + 1 offsets into items. */
  offsets: Int32Array;
  /** The products of every basket, each basket's run ascending and without repeats. */
  items: Int32Array;
  /** Baskets each product is in. */
  productBaskets: Int32Array;
  /** Lines read (rows with a basket and a product); repeats of a product in a basket count here. */
  lines: number;
  /** Rows skipped because both the basket and the product cell were blank (the unused end of a selection). */
  blankRows: number;
  /** Rows skipped because one of the two cells was blank (only with `incomplete: "skip"`), and the first few of them (1-based). */
  incompleteRows: number;
  firstIncompleteRows: number[];
}

// Reading the lines' cells lives beside the cell parsers (core/gridReaders.ts); the option types are re-exported so existing imports keep working.
export type { BasketArgumentNames, ReadBasketsOptions } from "../core/gridReaders";

/**
 * Groups lines (one row per basket × product, as an invoice-line table has them) into
 * baskets of distinct products. Basket ids are matched like customer ids (12346 and "12346"
 * are one basket); product names are matched exactly after trimming spaces. Rows where both
 * cells are blank are skipped (a whole-column selection's empty end); a row with only one
 * of them blank is an error, or skipped and counted with `incomplete: "skip"`.
 *
 * Cost: O(L log k) for L lines and at most k lines a basket: one pass to number baskets and
 * products, a counting sort into baskets, and a small sort of each basket.
 *
 * @throws CvError LENGTH_MISMATCH when the columns differ in length; BAD_VALUE naming the
 *   argument, row and value for a blank product beside a basket, a blank basket beside a
 *   product, or an Excel error value; EMPTY_INPUT when no line is left.
 * @example readBaskets([1, 1, 2], ["milk", "bread", "milk"]).productBaskets // → [2, 1]
 */
export function readBaskets(basketCells: ArrayLike<unknown>, productCells: ArrayLike<unknown>, options: ReadBasketsOptions = {}): Baskets {
  const read = readBasketLines(basketCells, productCells, options);
  const lines = read.baskets.length;
  const basketIndex = new IdIndex();
  const basketIds: unknown[] = [];
  const productIndex = new Map<string, number>();
  const productNames: string[] = [];
  const lineBasket = new Int32Array(lines);
  const lineProduct = new Int32Array(lines);
  for (let i = 0; i < lines; i++) {
    const basketCell = read.baskets[i];
    const b = basketIndex.indexOf(basketCell);
    if (b === basketIds.length) basketIds.push(typeof basketCell === "string" ? basketCell.trim() : basketCell);
    const name = read.products[i] as string;
    let p = productIndex.get(name);
    if (p === undefined) {
      p = productNames.length;
      productIndex.set(name, p);
      productNames.push(name);
    }
    lineBasket[i] = b;
    lineProduct[i] = p;
  }
  const { blankRows, incompleteRows, firstIncompleteRows } = read;

  // Counting sort of the lines into baskets, then each basket sorted and cleared of repeats.
  const basketCount = basketIds.length;
  const start = new Int32Array(basketCount + 1);
  for (let i = 0; i < lines; i++) { const slot = (lineBasket[i] as number) + 1; start[slot] = (start[slot] as number) + 1; }
  for (let b = 0; b < basketCount; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
  const fill = start.slice(0, basketCount);
  const raw = new Int32Array(lines);
  for (let i = 0; i < lines; i++) {
    const b = lineBasket[i] as number;
    raw[fill[b] as number] = lineProduct[i] as number;
    fill[b] = (fill[b] as number) + 1;
  }
  const offsets = new Int32Array(basketCount + 1);
  const items = new Int32Array(lines);
  const productBaskets = new Int32Array(productNames.length);
  let out = 0;
  for (let b = 0; b < basketCount; b++) {
    const run = raw.subarray(start[b] as number, start[b + 1] as number).sort();
    let previous = -1;
    for (let k = 0; k < run.length; k++) {
      const p = run[k] as number;
      if (p === previous) continue;
      items[out++] = p;
      productBaskets[p] = (productBaskets[p] as number) + 1;
      previous = p;
    }
    offsets[b + 1] = out;
  }
  return { basketIds, productNames, offsets, items: items.slice(0, out), productBaskets, lines, blankRows, incompleteRows, firstIncompleteRows };
}

/**
 * The baskets of a one-basket-a-line text, the way public basket data (Groceries) comes:
 * each line lists a basket's products separated by commas. Blank lines are skipped; basket
 * ids are the 1-based line numbers.
 *
 * Cost: O(total length).
 * @example basketsFromLines("milk,bread\nmilk").basketIds // → [1, 2]
 */
export function basketsFromLines(text: string): Baskets {
  const basketCells: number[] = [];
  const productCells: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    for (const product of line.split(",")) {
      if (product.trim() === "") continue;
      basketCells.push(i + 1);
      productCells.push(product);
    }
  });
  return readBaskets(basketCells, productCells, { names: { baskets: "line", products: "product" } });
}
