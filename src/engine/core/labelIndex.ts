import { CvError, describeValue } from "./errors";

/**
 * Labels (stages, states) numbered in the order they are added, matched ignoring case and
 * surrounding spaces; the first spelling is the one shown. Cost: O(1) per lookup.
 *
 * @example const index = new LabelIndex(); index.add("Active"); index.get(" active ") // → 0
 */
export class LabelIndex {
  /** The labels, in order, as first spelled. */
  readonly labels: string[] = [];
  private readonly position = new Map<string, number>();

  /** The number of a label, or undefined when it has not been added. */
  get(label: string): number | undefined {
    return this.position.get(label.trim().toLowerCase());
  }

  /** Adds a label if it is new; returns its number either way. */
  add(label: string): number {
    const key = label.trim().toLowerCase();
    const known = this.position.get(key);
    if (known !== undefined) return known;
    this.position.set(key, this.labels.length);
    this.labels.push(label.trim());
    return this.labels.length - 1;
  }

  /**
   * The index of a user's `order` argument: its non-blank entries in order.
   *
   * @throws CvError BAD_VALUE naming the entry listed twice.
   * @example LabelIndex.fromOrder(["Core", "", "New"]).labels // → ["Core", "New"]
   */
  static fromOrder(order: readonly string[]): LabelIndex {
    const index = new LabelIndex();
    order.forEach((raw, i) => {
      const label = raw.trim();
      if (label === "") return;
      if (index.get(label) !== undefined) {
        throw new CvError("BAD_VALUE", `order entry ${i + 1} (${describeValue(label)}) is listed twice`, { argument: "order", row: i + 1, value: raw });
      }
      index.add(label);
    });
    return index;
  }
}

/**
 * The most states (stages, segments, Markov states) a states × states matrix is built for:
 * a thousand is far beyond any lifecycle or segment scheme, and 1,000² cells is what a sheet
 * shows comfortably. More means an id column was passed by mistake, and a dense matrix of
 * 20,000² would exhaust the memory of Excel's shared runtime.
 */
export const MAX_STATES = 1_000;

/**
 * Refuses a states × states matrix for more than {@link MAX_STATES} states, before anything
 * of that size is allocated. Cost: O(1).
 *
 * @throws CvError BAD_VALUE naming the argument and the count.
 * @example requireFewStates(1_001, "from_stages and to_stages") // throws: … hold more than 1,000 distinct stages …
 */
export function requireFewStates(count: number, argument: string, what = "stages"): void {
  if (count > MAX_STATES) {
    throw new CvError(
      "BAD_VALUE",
      `${argument} hold more than ${MAX_STATES.toLocaleString("en")} distinct ${what}: a transition matrix has a row and a column for each, so pass stage or segment labels, not customer ids`,
      { argument },
    );
  }
}
