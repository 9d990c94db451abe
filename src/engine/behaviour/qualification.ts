import { CvError } from "../core/errors";
import { dayToIso } from "../core/table";

// The flag reading lives beside the other cell parsers (core/table.ts) and grid readers
// (core/gridReaders.ts); re-exported here so existing imports keep working.
export { FLAG_EXPECTED, parseFlagCell } from "../core/table";
export { readFlagColumn } from "../core/gridReaders";

/** The MAN result when money, authority and need are all present. */
export const MAN_QUALIFIED = "Qualified";
/** The MAN result when none of the three is present. */
export const MAN_NONE = "None";

/**
 * The MAN qualification of one prospect (methods §10): "Qualified" when it has Money (can
 * pay), Authority (can decide) and Need; otherwise the letters it has, in the order M, A,
 * N, joined by "-" ("M-N" = lacks authority, "A" = has authority only), and "None" when it
 * has none of the three.
 *
 * @example manLabel(true, false, true) === "M-N"; manLabel(false, false, false) === "None"
 */
export function manLabel(money: boolean, authority: boolean, need: boolean): string {
  if (money && authority && need) return MAN_QUALIFIED;
  const letters = [money ? "M" : "", authority ? "A" : "", need ? "N" : ""].filter((letter) => letter !== "");
  return letters.length === 0 ? MAN_NONE : letters.join("-");
}

/**
 * MAN qualification for every prospect, in input order ({@link manLabel}). Cost: O(n).
 *
 * @throws CvError LENGTH_MISMATCH when the three columns differ in length.
 * @example manQualification([1, 1], [1, 0], [1, 1]) // → ["Qualified", "M-N"]
 */
export function manQualification(money: ArrayLike<number | boolean>, authority: ArrayLike<number | boolean>, need: ArrayLike<number | boolean>): string[] {
  for (const [name, column] of [
    ["authority", authority],
    ["need", need],
  ] as const) {
    if (column.length !== money.length) {
      throw new CvError("LENGTH_MISMATCH", `${name} has ${column.length} rows but money has ${money.length}: select ranges of the same height`, { argument: name });
    }
  }
  const out: string[] = new Array(money.length);
  for (let i = 0; i < money.length; i++) out[i] = manLabel(Boolean(money[i]), Boolean(authority[i]), Boolean(need[i]));
  return out;
}

/** Prospect temperature labels, hottest first; index 3 is a prospect with no expected date. */
export const TEMPERATURES = ["Hot", "Warm", "Cold", "Unknown"] as const;

/** Options of {@link prospectTemperature}. */
export interface TemperatureOptions {
  /** The day expectations are measured from (Excel day serial). Required when any expected date is given. */
  asOf?: number;
  /** An expected order at most this many days after asOf is Hot (default 30). */
  hotDays?: number;
  /** At most this many days after asOf (and more than hotDays) is Warm (default 90); later is Cold. */
  warmDays?: number;
}

/** Per-prospect temperature: an index into TEMPERATURES (−1 = not computable) and why, for the −1 rows. */
export interface TemperatureResult {
  index: Int32Array;
  /** Days from asOf to the expected order (NaN when no date). */
  daysAhead: Float64Array;
  /** For a −1 row, why it has no temperature; "" otherwise. */
  notes: string[];
}

function requireDays(value: number, argument: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new CvError("BAD_VALUE", `${argument} must be a number of days, 0 or more, found ${Number.isNaN(value) ? "a blank cell" : value}`, {
      argument,
      value,
    });
  }
  return value;
}

/**
 * Prospect temperature (methods §10) from each prospect's expected order date: at most
 * `hotDays` (30) days after asOf = Hot, at most `warmDays` (90) = Warm, later = Cold, no
 * date = Unknown. Days are whole days (times dropped), and the limits are inclusive: an
 * order expected exactly 30 days ahead is Hot, exactly 90 days ahead is Warm.
 *
 * There is no default as-of date: "expected within 30 days" only means something from a
 * stated day (today, or the day the pipeline was exported), and neither the latest nor the
 * earliest expected date is that day. An expected date before asOf is overdue: that row
 * gets no temperature (−1, with a note) so stale expectations show up instead of passing
 * as Hot. Cost: O(n).
 *
 * @throws CvError BAD_VALUE when asOf is missing while some date is given, or for day
 *   limits that are negative or with warmDays < hotDays.
 * @example prospectTemperature(Float64Array.of(45010, 45100, NaN), { asOf: 45000 }).index // → [0, 1, 3]
 */
export function prospectTemperature(expected: Float64Array, options: TemperatureOptions = {}): TemperatureResult {
  const hot = requireDays(options.hotDays ?? 30, "hot_days");
  const warm = requireDays(options.warmDays ?? 90, "warm_days");
  if (warm < hot) {
    throw new CvError("BAD_VALUE", `warm_days (${warm}) must be at least hot_days (${hot})`, { argument: "warm_days", value: warm });
  }
  const n = expected.length;
  const asOf = options.asOf;
  if (asOf !== undefined && !Number.isFinite(asOf)) {
    throw new CvError("BAD_VALUE", `as_of must be a date, found ${Number.isNaN(asOf) ? "a blank cell" : asOf}`, { argument: "as_of", value: asOf });
  }
  const index = new Int32Array(n);
  const daysAhead = new Float64Array(n);
  const notes: string[] = new Array(n).fill("");
  for (let i = 0; i < n; i++) {
    const day = expected[i] as number;
    if (Number.isNaN(day)) {
      index[i] = 3;
      daysAhead[i] = Number.NaN;
      continue;
    }
    if (asOf === undefined) {
      throw new CvError(
        "BAD_VALUE",
        "as_of is required: give the day the expectations are measured from, e.g. TODAY() or the date of the pipeline export (without it the function would have to recalculate every day)",
        { argument: "as_of" },
      );
    }
    const ahead = Math.floor(day) - Math.floor(asOf);
    daysAhead[i] = ahead;
    if (ahead < 0) {
      index[i] = -1;
      notes[i] = `expected_dates row ${i + 1} (${dayToIso(day)}) is ${-ahead} day${ahead === -1 ? "" : "s"} before as_of ${dayToIso(asOf)}: the expected order is overdue, update the date`;
    } else {
      index[i] = ahead <= hot ? 0 : ahead <= warm ? 1 : 2;
    }
  }
  return { index, daysAhead, notes };
}
