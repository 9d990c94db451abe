/**
 * Customer lifetime value by formula (methods §9.1–9.2): the simple spend × frequency ×
 * lifetime value, and the retention (Berger–Nasr style) value of a margin stream that a
 * customer keeps up with a fixed probability per period, discounted.
 */
import { CvError, describeValue } from "../core/errors";

/** When in each period the margin is counted: at its end (default, first margin discounted once) or at its start (first margin undiscounted). */
export type ClvTiming = "end" | "start";

/** A per-row argument: one value per row (NaN = blank), or a single number that applies to every row. */
export type ClvNumberArg = number | ArrayLike<number>;

/** A per-row CLV result: the values, and for each row that has none, why. */
export interface ClvColumn {
  /** The value per row; NaN where the row has an issue. */
  values: Float64Array;
  /**
   * Per row, why it has no value, else undefined: NOT_COMPUTABLE for a blank input (Excel #N/A),
   * BAD_VALUE for a value out of range (#VALUE!), NOT_CONVERGED for an infinite horizon whose
   * sum grows without bound (#NUM!), OUT_OF_RANGE for a value beyond ±1.8e308 (#NUM!).
   * Messages name the argument, the row and the value.
   */
  issues: (CvError | undefined)[];
}

/** What a blank means for an argument and which values it accepts. */
interface ArgRule {
  argument: string;
  /** The value a blank stands for; undefined when a blank leaves the row without a value. */
  blank?: number;
  /** Why a (non-blank) value is not accepted, or undefined when it is. */
  check: (value: number) => string | undefined;
}

const finite = (v: number): string | undefined => (Number.isFinite(v) ? undefined : "must be a finite number");

const RULES = {
  avgSpend: { argument: "avg_spend", check: finite },
  avgInterval: {
    argument: "avg_interval",
    check: (v: number) => (Number.isFinite(v) && v > 0 ? undefined : "must be greater than 0 (the average time between purchases)"),
  },
  lifetime: { argument: "lifetime", check: (v: number) => (Number.isFinite(v) && v >= 0 ? undefined : "must be 0 or more") },
  margin: { argument: "margin", check: finite },
  retention: {
    argument: "retention",
    check: (v: number) => (v >= 0 && v <= 1 ? undefined : "must be between 0 and 1 (0%–100%): the share of customers kept from one period to the next"),
  },
  // A rate (README: percentages): 10 would be 1,000% a period, so a number above 1 is refused rather than guessed.
  discount: {
    argument: "discount",
    check: (v: number) => (Number.isFinite(v) && v >= 0 && v <= 1 ? undefined : v > 1 ? "is a rate per period from 0 to 1 (0.1 or 10%; a number above 1 would be over 100%)" : "must be 0 or more (e.g. 0.1 or 10% per period)"),
  },
  periods: {
    argument: "periods",
    blank: Number.POSITIVE_INFINITY,
    check: (v: number) =>
      v === Number.POSITIVE_INFINITY || (Number.isInteger(v) && v >= 1) ? undefined : "must be a whole number of periods, 1 or more (leave it blank for an infinite horizon)",
  },
  acquisitionCost: {
    argument: "acquisition_cost",
    blank: 0,
    check: (v: number) => (Number.isFinite(v) && v >= 0 ? undefined : "must be 0 or more (it is subtracted from the value)"),
  },
} satisfies Record<string, ArgRule>;

/**
 * A computed value, or OUT_OF_RANGE (Excel #NUM!) naming the row when it is beyond what a
 * double holds (finite inputs such as a margin of 1e308 over many periods can get there).
 */
function finiteOr(value: number, what: string, where: string, row?: number): number | CvError {
  if (Number.isFinite(value)) return value;
  return new CvError(
    "OUT_OF_RANGE",
    `${where === "" ? "" : `${where.trim()}: `}the ${what} is ${Number.isNaN(value) ? "not a number" : `${value > 0 ? "above" : "below"} the largest number Excel holds (±1.8E+308)`}: rescale the inputs (e.g. thousands instead of units)${what === "retention CLV" ? " or give fewer periods" : ""}`,
    { argument: what === "simple CLV" ? "avg_spend" : "margin", ...(row !== undefined ? { row } : {}) },
  );
}

/** `where` is "" for a single value, " row 3" for a row of a column. */
function resolve(rule: ArgRule, value: number, where: string, row?: number): number | CvError {
  const location = { argument: rule.argument, ...(row !== undefined ? { row } : {}), value };
  if (Number.isNaN(value)) {
    if (rule.blank !== undefined) return rule.blank;
    return new CvError("NOT_COMPUTABLE", `${rule.argument}${where} is blank`, location);
  }
  const problem = rule.check(value);
  return problem === undefined ? value : new CvError("BAD_VALUE", `${rule.argument}${where}: ${problem}, found ${value}`, location);
}

function resolveOrThrow(rule: ArgRule, value: number): number {
  const resolved = resolve(rule, value, "");
  if (resolved instanceof CvError) throw resolved;
  return resolved;
}

/**
 * Reads a `timing` option, case-insensitive; undefined (omitted) means "end".
 *
 * @throws CvError BAD_OPTION naming timing and the value for anything but "end" or "start".
 * @example parseClvTiming("Start") === "start"; parseClvTiming(undefined) === "end"
 */
export function parseClvTiming(text: string | undefined): ClvTiming {
  if (text === undefined) return "end";
  const key = text.trim().toLowerCase();
  if (key === "" || key === "end") return "end";
  if (key === "start") return "start";
  throw new CvError("BAD_OPTION", `timing must be "end" (margin at the end of each period) or "start", found ${describeValue(text)}`, { argument: "timing", value: text });
}

/**
 * Simple CLV (methods §9.1): average spend per purchase divided by the average time between
 * purchases, times the expected length of the relationship, `(s / t) × T`, with `t` and
 * `T` in the same time unit. Cost: O(1).
 *
 * @throws CvError BAD_VALUE for a blank or non-finite spend, an interval ≤ 0 or a negative lifetime;
 *   OUT_OF_RANGE (Excel #NUM!) when the value is beyond ±1.8e308.
 * @example simpleClv(50, 0.5, 3) === 300 // 50 per purchase, a purchase every half year, 3 years
 */
export function simpleClv(avgSpend: number, avgInterval: number, lifetime: number): number {
  const s = resolveOrThrow(RULES.avgSpend, avgSpend);
  const t = resolveOrThrow(RULES.avgInterval, avgInterval);
  const T = resolveOrThrow(RULES.lifetime, lifetime);
  const value = simpleValue(s, t, T, "");
  if (value instanceof CvError) throw value;
  return value;
}

/** (s / t) × T, in the order that cannot overflow when the result itself fits (s / t may not). */
function simpleValue(s: number, t: number, T: number, where: string, row?: number): number | CvError {
  let value = (s / t) * T;
  if (!Number.isFinite(value) && T !== 0) value = s * (T / t);
  if (!Number.isFinite(value) && T !== 0) value = (s * T) / t;
  return finiteOr(value, "simple CLV", where, row);
}

/** Options of {@link retentionClv}. */
export interface RetentionClvOptions {
  /** Horizon in periods, a whole number ≥ 1; undefined, NaN or Infinity = infinite horizon. */
  periods?: number;
  /** Subtracted from the value (default 0). */
  acquisitionCost?: number;
  /** "end" (default) or "start". */
  timing?: ClvTiming;
}

/** The value from validated inputs; a CvError (NOT_CONVERGED) when the infinite sum has no limit. */
function retentionValue(m: number, r: number, d: number, periods: number, cost: number, timing: ClvTiming, where: string, row?: number): number | CvError {
  // 1 − q = (1 + d − r) / (1 + d) with q = r / (1 + d); written this way the gap is exact for r = 1.
  const gap = 1 - r + d;
  let value: number;
  if (periods === Number.POSITIVE_INFINITY) {
    if (gap <= 0) {
      return new CvError(
        "NOT_CONVERGED",
        `${where === "" ? "" : `${where.trim()}: `}retention ${r} with discount ${d} and no periods: the infinite-horizon value does not converge (it needs 1 + discount − retention > 0); give a number of periods or a discount above 0`,
        { argument: "periods", ...(row !== undefined ? { row } : {}) },
      );
    }
    value = timing === "end" ? m / gap : m * ((1 + d) / gap);
  } else {
    // Σ_{k=0..N−1} q^k = (1 − q^N) / (1 − q), through log1p/expm1 so q close to 1 keeps its digits; q = 1 gives N.
    const sum = gap === 0 ? periods : (-Math.expm1(periods * Math.log1p(-gap / (1 + d))) * (1 + d)) / gap;
    value = timing === "end" ? (m / (1 + d)) * sum : m * sum;
  }
  return finiteOr(value - cost, "retention CLV", where, row);
}

/**
 * Retention CLV (methods §9.2, Berger–Nasr style) of one customer: margin `m` per period,
 * kept with probability `r` from one period to the next, discounted at `d` per period.
 * With the margin at the end of each period (default) it is `Σ_{t=1..N} m r^(t−1) / (1+d)^t`;
 * with `timing: "start"` the first margin is undiscounted, `Σ_{t=0..N−1} m r^t / (1+d)^t`.
 * Without `periods` the horizon is infinite: `m / (1 + d − r)` (end) or `m (1 + d) / (1 + d − r)`
 * (start). The acquisition cost is subtracted. The finite sum uses the closed geometric form
 * in `q = r / (1 + d)`, exact at `q = 1` (r = 1, d = 0: `N × m`, or `N × m / (1 + d)` at the end).
 * Cost: O(1).
 *
 * @throws CvError BAD_VALUE for a retention outside [0, 1], a negative discount, periods that
 *   are not a whole number ≥ 1, a negative acquisition cost or a blank input; NOT_CONVERGED
 *   for an infinite horizon with 1 + d − r = 0 (retention 1, discount 0); OUT_OF_RANGE (Excel
 *   #NUM!) when the value is beyond ±1.8e308 (e.g. retention 1 and discount 0 over 1e308 periods).
 * @example retentionClv(100, 0.8, 0.1) // → 100 / 0.3 ≈ 333.33
 * @example retentionClv(100, 0.8, 0.1, { periods: 3, timing: "start" }) // → 100 + 80/1.1 + 64/1.21
 */
export function retentionClv(margin: number, retention: number, discount: number, options: RetentionClvOptions = {}): number {
  const m = resolveOrThrow(RULES.margin, margin);
  const r = resolveOrThrow(RULES.retention, retention);
  const d = resolveOrThrow(RULES.discount, discount);
  const N = resolveOrThrow(RULES.periods, options.periods ?? Number.NaN);
  const cost = resolveOrThrow(RULES.acquisitionCost, options.acquisitionCost ?? Number.NaN);
  const value = retentionValue(m, r, d, N, cost, options.timing ?? "end", "");
  if (value instanceof CvError) throw value;
  return value;
}

/** An argument of a per-row computation: its rule and what was given (undefined = omitted). */
interface RowArg {
  rule: ArgRule;
  value: ClvNumberArg | undefined;
}

/**
 * Runs `compute` on every row. Single numbers apply to every row and are checked once (a bad
 * one fails the whole call); columns must share one height and are checked per row (a bad
 * cell is that row's issue). With no column at all there is one row.
 */
function perRow(args: RowArg[], compute: (values: number[], where: string, row: number) => number | CvError): ClvColumn {
  const scalars = args.map((a) => (a.value === undefined ? (a.rule.blank ?? Number.NaN) : typeof a.value === "number" ? a.value : undefined));
  args.forEach((a, k) => {
    const s = scalars[k];
    if (s === undefined) return;
    if (a.value === undefined) return;
    const resolved = resolve(a.rule, s, "");
    if (resolved instanceof CvError) throw resolved;
    scalars[k] = resolved;
  });
  let first: { name: string; rows: number } | undefined;
  for (const a of args) {
    if (a.value === undefined || typeof a.value === "number") continue;
    if (first === undefined) first = { name: a.rule.argument, rows: a.value.length };
    else if (a.value.length !== first.rows) {
      throw new CvError(
        "LENGTH_MISMATCH",
        `${a.rule.argument} has ${a.value.length} rows but ${first.name} has ${first.rows}: select ranges of the same height (or a single value for every row)`,
        { argument: a.rule.argument },
      );
    }
  }
  const rows = first?.rows ?? 1;
  const values = new Float64Array(rows);
  const issues: (CvError | undefined)[] = new Array<CvError | undefined>(rows).fill(undefined);
  const row: number[] = new Array<number>(args.length).fill(0);
  for (let i = 0; i < rows; i++) {
    const where = ` row ${i + 1}`;
    let issue: CvError | undefined;
    for (let k = 0; k < args.length && issue === undefined; k++) {
      const s = scalars[k];
      if (s !== undefined) {
        row[k] = s;
        continue;
      }
      const resolved = resolve((args[k] as RowArg).rule, ((args[k] as RowArg).value as ArrayLike<number>)[i] as number, where, i + 1);
      if (resolved instanceof CvError) issue = resolved;
      else row[k] = resolved;
    }
    const result = issue ?? compute(row, where, i + 1);
    if (result instanceof CvError) {
      values[i] = Number.NaN;
      issues[i] = result;
    } else {
      values[i] = result;
    }
  }
  return { values, issues };
}

/**
 * {@link simpleClv} for many customers: each argument is a column (one value per row, NaN =
 * blank) or a single number for every row. A blank leaves the row without a value
 * (NOT_COMPUTABLE, Excel #N/A); an interval ≤ 0 or a negative lifetime in a column is that
 * row's BAD_VALUE (#VALUE!); a value beyond ±1.8e308 is that row's OUT_OF_RANGE (#NUM!). Cost: O(rows).
 *
 * @throws CvError LENGTH_MISMATCH for columns of different heights; BAD_VALUE for a bad single
 *   value (it would spoil every row); NOT_COMPUTABLE for a blank single value.
 * @example simpleClvColumn({ avgSpend: Float64Array.of(50, 20), avgInterval: 0.5, lifetime: 3 }).values // → [300, 120]
 */
export function simpleClvColumn(input: { avgSpend: ClvNumberArg; avgInterval: ClvNumberArg; lifetime: ClvNumberArg }): ClvColumn {
  return perRow(
    [
      { rule: RULES.avgSpend, value: input.avgSpend },
      { rule: RULES.avgInterval, value: input.avgInterval },
      { rule: RULES.lifetime, value: input.lifetime },
    ],
    ([s, t, T], where, row) => simpleValue(s as number, t as number, T as number, where, row),
  );
}

/** Per-row inputs of {@link retentionClvColumn}: columns (NaN = blank) or single numbers for every row. */
export interface RetentionClvColumnInput {
  margin: ClvNumberArg;
  retention: ClvNumberArg;
  discount: ClvNumberArg;
  /** Omitted, or a blank cell = infinite horizon. */
  periods?: ClvNumberArg;
  /** Omitted, or a blank cell = 0. */
  acquisitionCost?: ClvNumberArg;
  timing?: ClvTiming;
}

/**
 * {@link retentionClv} for many customers, each argument a column or a single number for
 * every row. Per row: a blank margin, retention or discount leaves the row without a value
 * (NOT_COMPUTABLE, #N/A); a blank period count means an infinite horizon and a blank
 * acquisition cost 0; an out-of-range value is that row's BAD_VALUE (#VALUE!); an infinite
 * horizon with retention 1 and discount 0 is that row's NOT_CONVERGED (#NUM!), and a value
 * beyond ±1.8e308 that row's OUT_OF_RANGE (#NUM!). Cost: O(rows).
 *
 * @throws CvError LENGTH_MISMATCH for columns of different heights; BAD_VALUE for a bad single
 *   value; NOT_COMPUTABLE for a blank single margin, retention or discount; NOT_CONVERGED when
 *   single values of retention 1 and discount 0 meet an infinite horizon for every row.
 * @example retentionClvColumn({ margin: Float64Array.of(100, 50), retention: 0.8, discount: 0.1 }).values // → [333.33…, 166.67…]
 */
export function retentionClvColumn(input: RetentionClvColumnInput): ClvColumn {
  const timing = input.timing ?? "end";
  const { retention, discount, periods } = input;
  if (typeof retention === "number" && typeof discount === "number" && (periods === undefined || typeof periods === "number")) {
    // Decided by single values alone: check once, so a divergent set-up fails the whole call.
    retentionClv(0, retention, discount, { ...(periods !== undefined ? { periods } : {}) });
  }
  return perRow(
    [
      { rule: RULES.margin, value: input.margin },
      { rule: RULES.retention, value: retention },
      { rule: RULES.discount, value: discount },
      { rule: RULES.periods, value: periods },
      { rule: RULES.acquisitionCost, value: input.acquisitionCost },
    ],
    ([m, r, d, N, cost], where, row) => retentionValue(m as number, r as number, d as number, N as number, cost as number, timing, where, row),
  );
}
