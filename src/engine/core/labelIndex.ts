import { CvError } from "./errors";

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
        throw new CvError("BAD_VALUE", `order entry ${i + 1} ("${label}") is listed twice`, { argument: "order", row: i + 1, value: raw });
      }
      index.add(label);
    });
    return index;
  }
}
