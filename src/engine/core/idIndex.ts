/** Canonical numeric text: "17850", "-3", "12346.0" (a CSV export's float), but not "007" or "1e3". */
const NUMERIC_ID = /^-?(?:0|[1-9]\d*)(?:\.0+)?$/;

/**
 * Numbers each distinct id in order of first appearance. Numbers, and text that spells an
 * integer ("17850", "12346.0"), share a number-keyed map, so 12346 and "12346" are one
 * customer and a million numeric ids need no string conversion (a string-keyed lookup of
 * String(id) costs about 10× more); other text ("C-0042", "007", and digit strings too long
 * for a double to hold exactly, such as 19-digit order numbers) is kept as text.
 */
export class IdIndex {
  private readonly numeric = new Map<number, number>();
  private readonly text = new Map<string, number>();
  size = 0;

  /** The index of an id, a new one for an id not seen yet, or −1 for a blank id. */
  indexOf(id: unknown): number {
    let key: number | string;
    if (typeof id === "number") {
      if (!Number.isFinite(id)) return -1;
      key = id;
    } else {
      if (id === null || id === undefined) return -1;
      const trimmed = String(id).trim();
      if (trimmed === "") return -1;
      // Digits beyond a double's exact integers (order numbers of 16+ digits, kept as text in Excel) stay text.
      const numeric = NUMERIC_ID.test(trimmed) ? Number(trimmed) : Number.NaN;
      key = Number.isSafeInteger(numeric) ? numeric : trimmed;
    }
    const map = (typeof key === "number" ? this.numeric : this.text) as Map<number | string, number>;
    const found = map.get(key);
    if (found !== undefined) return found;
    map.set(key, this.size);
    return this.size++;
  }
}
