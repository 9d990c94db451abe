import { CvError } from "../core/errors";
import { LabelIndex, requireFewStates } from "../core/labelIndex";
import { dayToIso } from "../core/table";

// The grid readers of the lifecycle functions live beside the cell parsers; re-exported so existing imports keep working.
export { readProblemCounts, readStageList } from "../core/gridReaders";

/**
 * The eight lifecycle stages (methods §7) in the order a relationship moves through them,
 * ending with the two ways out. Stage indexes in results refer to this list, and it is the
 * default row and column order of a transition matrix.
 */
export const LIFECYCLE_STAGES = ["Prospect", "Target", "New", "Established", "Core", "Strategic", "Problem", "Exited"] as const;

/** A lifecycle stage name. */
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** The order in which the default rules are tried: the first that applies gives the stage. */
export const LIFECYCLE_RULE_ORDER: readonly LifecycleStage[] = ["Exited", "Problem", "Strategic", "Prospect", "Target", "New", "Core", "Established"];

/** Per-customer inputs of {@link lifecycleStages}; every array has one entry per customer. */
export interface LifecycleInput {
  /** First purchase (Excel day serial, time dropped); NaN = blank. */
  firstPurchase: Float64Array;
  /** Last purchase; NaN = blank. A customer with both blank has never bought. */
  lastPurchase: Float64Array;
  /** Value percentile in 0–1, 1 = the most valuable customer; NaN = blank (never Core). */
  valuePercentile?: Float64Array;
  /** 1 = in the development plan (target flag or open opportunity); decides Target vs Prospect. */
  inPlan?: ArrayLike<number>;
  /** Open problems (complaints, disputes, overdue debt); > 0 = Problem. */
  openProblems?: Float64Array;
  /** 1 = strategic partner. */
  strategic?: ArrayLike<number>;
  /** 1 = the relationship has ended. */
  exited?: ArrayLike<number>;
}

/** The rule parameters of {@link lifecycleStages}. */
export interface LifecycleOptions {
  /** The day stages are judged on; default the day after the latest purchase date in the data. */
  asOf?: number;
  /** A buyer whose last purchase is at least this many days before asOf has Exited (default 365). */
  exitDays?: number;
  /** A buyer whose first purchase is fewer than this many days before asOf is New (default 120). */
  newDays?: number;
  /** Core needs a first purchase at least this many days before asOf (default 365)… */
  coreDays?: number;
  /** …and a value percentile of at least 1 − coreShare, i.e. the top coreShare (default 0.2: percentile ≥ 0.8). */
  coreShare?: number;
}

/** The default rule parameters (methods §7). */
export const DEFAULT_LIFECYCLE_OPTIONS = { exitDays: 365, newDays: 120, coreDays: 365, coreShare: 0.2 } as const;

/** Per-customer stages with the reason for each. */
export interface LifecycleResult {
  /** Index into LIFECYCLE_STAGES; −1 for a row that cannot be placed (see its reason). */
  stage: Int32Array;
  /**
   * Why: "Stage: the rule and its numbers", e.g. "New: first purchase 45 days ago (< 120)";
   * for a −1 row, what is missing.
   */
  reason: string[];
  /** The as-of day used (NaN when no customer has a purchase date and none was given). */
  asOf: number;
}

/** Percentiles are compared with this slack, so 0.7999999999999999 from float arithmetic still reaches 0.8. */
const PERCENTILE_SLACK = 1e-12;

function days(n: number): string {
  return `${n} day${n === 1 ? "" : "s"}`;
}

function formatNumber(value: number): string {
  return String(Number(value.toPrecision(6)));
}

function checkLength(name: string, column: ArrayLike<unknown> | undefined, n: number): void {
  if (column !== undefined && column.length !== n) {
    throw new CvError("LENGTH_MISMATCH", `${name} has ${column.length} rows but first_purchase has ${n}: select ranges of the same height`, { argument: name });
  }
}

function checkDays(value: number, argument: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new CvError("BAD_VALUE", `${argument} must be a number of days, 0 or more, found ${Number.isNaN(value) ? "a blank cell" : value}`, { argument, value });
  }
  return value;
}

/**
 * The as-of day of a lifecycle run: the one given, or the day after the latest purchase
 * date (first or last) in the data; NaN when there is no date at all.
 *
 * @throws CvError BAD_VALUE naming the first row with a purchase after the given as-of date.
 */
export function lifecycleAsOf(firstPurchase: Float64Array, lastPurchase: Float64Array, asOf?: number): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (const column of [firstPurchase, lastPurchase]) {
    for (let i = 0; i < column.length; i++) {
      const d = column[i] as number;
      if (d > latest) latest = d;
    }
  }
  if (asOf === undefined) return Number.isFinite(latest) ? Math.floor(latest) + 1 : Number.NaN;
  if (!Number.isFinite(asOf)) {
    throw new CvError("BAD_VALUE", `as_of must be a date, found ${Number.isNaN(asOf) ? "a blank cell" : asOf}`, { argument: "as_of", value: asOf });
  }
  const day = Math.floor(asOf);
  for (let i = 0; i < lastPurchase.length; i++) {
    for (const [name, column] of [
      ["last_purchase", lastPurchase],
      ["first_purchase", firstPurchase],
    ] as const) {
      const d = Math.floor(column[i] as number);
      if (d > day) {
        throw new CvError(
          "BAD_VALUE",
          `as_of ${dayToIso(day)} is before ${name} row ${i + 1} (${dayToIso(d)}): choose an as-of date on or after every purchase (the latest is ${dayToIso(latest)})`,
          { argument: "as_of", row: i + 1, value: asOf },
        );
      }
    }
  }
  return day;
}

/**
 * Lifecycle stage of every customer (methods §7), with the reason. The default rules, the
 * first that applies:
 *
 * 1. **Exited**: exit flag set, or has bought and asOf − last purchase ≥ exitDays (365).
 * 2. **Problem**: open problems > 0.
 * 3. **Strategic**: strategic flag set.
 * 4. **Prospect**: never bought (first and last purchase blank), not in the plan.
 * 5. **Target**: never bought, in the development plan.
 * 6. **New**: asOf − first purchase < newDays (120).
 * 7. **Core**: asOf − first purchase ≥ coreDays (365) and value percentile ≥ 1 − coreShare
 *    (0.8: the top 20%). The percentile is read on 0–1 with 1 the best customer, as
 *    CV.NORMALIZE(…, "percentile") or PERCENTRANK.INC give it; blank is never Core.
 * 8. **Established**: every other buyer.
 *
 * Blank flags are false and a blank problem count is 0. Days are whole days. A row with
 * only one of the two purchase dates cannot be placed (−1, with the reason) unless its exit
 * flag is set. Cost: O(n).
 *
 * @throws CvError LENGTH_MISMATCH for columns of different lengths; BAD_VALUE for a last
 *   purchase before the first, an as-of date before a purchase, a value percentile outside
 *   0–1, a negative problem count or bad options — each naming the row.
 * @example
 * lifecycleStages({ firstPurchase: Float64Array.of(45000), lastPurchase: Float64Array.of(45030) }, { asOf: 45045 }).reason[0]
 * // → "New: first purchase 45 days ago (< 120)"
 */
export function lifecycleStages(input: LifecycleInput, options: LifecycleOptions = {}): LifecycleResult {
  const first = input.firstPurchase;
  const last = input.lastPurchase;
  const n = first.length;
  checkLength("last_purchase", last, n);
  checkLength("value_percentile", input.valuePercentile, n);
  checkLength("in_plan", input.inPlan, n);
  checkLength("open_problems", input.openProblems, n);
  checkLength("strategic", input.strategic, n);
  checkLength("exited", input.exited, n);
  const exitDays = checkDays(options.exitDays ?? DEFAULT_LIFECYCLE_OPTIONS.exitDays, "exit_days");
  const newDays = checkDays(options.newDays ?? DEFAULT_LIFECYCLE_OPTIONS.newDays, "new_days");
  const coreDays = checkDays(options.coreDays ?? DEFAULT_LIFECYCLE_OPTIONS.coreDays, "core_days");
  const coreShare = options.coreShare ?? DEFAULT_LIFECYCLE_OPTIONS.coreShare;
  if (!(coreShare >= 0 && coreShare <= 1)) {
    throw new CvError("BAD_VALUE", `core_share must be a share between 0 and 1 (0.2 = the top 20%), found ${coreShare}`, { argument: "core_share", value: coreShare });
  }
  const coreFloor = 1 - coreShare;

  for (let i = 0; i < n; i++) {
    const f = Math.floor(first[i] as number);
    const l = Math.floor(last[i] as number);
    if (l < f) {
      throw new CvError("BAD_VALUE", `last_purchase row ${i + 1} (${dayToIso(l)}) is before first_purchase (${dayToIso(f)})`, { argument: "last_purchase", row: i + 1, value: l });
    }
    const p = input.valuePercentile?.[i] as number;
    if (p < 0 || p > 1) {
      throw new CvError("BAD_VALUE", `value_percentile row ${i + 1}: expected a percentile between 0 and 1 (1 = the most valuable), found ${p}`, {
        argument: "value_percentile",
        row: i + 1,
        value: p,
      });
    }
    const problems = input.openProblems?.[i] as number;
    if (problems < 0) {
      throw new CvError("BAD_VALUE", `open_problems row ${i + 1}: expected a count, 0 or more, found ${problems}`, { argument: "open_problems", row: i + 1, value: problems });
    }
  }
  const asOf = lifecycleAsOf(first, last, options.asOf);

  const stage = new Int32Array(n);
  const reason: string[] = new Array(n);
  const set = (i: number, name: LifecycleStage, why: string): void => {
    stage[i] = LIFECYCLE_STAGES.indexOf(name);
    reason[i] = `${name}: ${why}`;
  };
  for (let i = 0; i < n; i++) {
    // Whole days: a date-time counts as its day (callers normally pass days already).
    const f = Math.floor(first[i] as number);
    const l = Math.floor(last[i] as number);
    const hasFirst = !Number.isNaN(f);
    const hasLast = !Number.isNaN(l);
    if (input.exited?.[i]) {
      set(i, "Exited", "exit flag set");
      continue;
    }
    if (hasFirst !== hasLast) {
      stage[i] = -1;
      reason[i] = hasFirst
        ? `last_purchase row ${i + 1} is blank but first_purchase is ${dayToIso(f)}: give both dates, or neither for a customer who never bought`
        : `first_purchase row ${i + 1} is blank but last_purchase is ${dayToIso(l)}: give both dates, or neither for a customer who never bought`;
      continue;
    }
    if (hasLast && asOf - l >= exitDays) {
      set(i, "Exited", `last purchase ${dayToIso(l)} is ${days(asOf - l)} before ${dayToIso(asOf)} (≥ ${exitDays})`);
      continue;
    }
    const problems = input.openProblems?.[i] ?? 0;
    if (problems > 0) {
      set(i, "Problem", `${formatNumber(problems)} open problem${problems === 1 ? "" : "s"} (> 0)`);
      continue;
    }
    if (input.strategic?.[i]) {
      set(i, "Strategic", "strategic flag set");
      continue;
    }
    if (!hasFirst) {
      if (input.inPlan?.[i]) set(i, "Target", "never bought, in the development plan");
      else set(i, "Prospect", "never bought, not in the development plan");
      continue;
    }
    const tenure = asOf - f;
    if (tenure < newDays) {
      set(i, "New", `first purchase ${days(tenure)} ago (< ${newDays})`);
      continue;
    }
    const p = input.valuePercentile?.[i] ?? Number.NaN;
    const floor = formatNumber(coreFloor);
    if (tenure >= coreDays && p >= coreFloor - PERCENTILE_SLACK) {
      set(i, "Core", `first purchase ${days(tenure)} ago (≥ ${coreDays}), value percentile ${formatNumber(p)} (≥ ${floor})`);
      continue;
    }
    const notCore =
      tenure < coreDays
        ? `Core needs ≥ ${coreDays}`
        : Number.isNaN(p)
          ? `value percentile blank, Core needs ≥ ${floor}`
          : `value percentile ${formatNumber(p)}, Core needs ≥ ${floor}`;
    set(i, "Established", `first purchase ${days(tenure)} ago (≥ ${newDays}; ${notCore})`);
  }
  return { stage, reason, asOf };
}

/**
 * Up/down ranking of the lifecycle stages for transition rates: Exited < Problem <
 * Prospect < Target < New < Established < Core < Strategic. A move to a higher rank is an
 * upgrade, to a lower one a downgrade; so a move into Problem or Exited is a downgrade
 * from any other stage, and a move out of them (a resolved problem, a win-back) is an upgrade.
 */
export const STAGE_RANK: Readonly<Record<LifecycleStage, number>> = {
  Exited: 0,
  Problem: 1,
  Prospect: 2,
  Target: 3,
  New: 4,
  Established: 5,
  Core: 6,
  Strategic: 7,
};

/** Counts of moves between two stage snapshots. */
export interface StageTransitions {
  /** Row and column labels of the matrix. */
  stages: string[];
  /** counts[from][to]: customers in stage `from` in the first snapshot and `to` in the second. */
  counts: number[][];
  /** Customers with a stage in both snapshots (the sum of counts). */
  customers: number;
  /** Rows left out because a snapshot's stage is blank or #N/A. */
  skipped: number;
  /** Moves to a higher / lower rank (STAGE_RANK), and customers who stayed in their stage. */
  upgrades: number;
  downgrades: number;
  unchanged: number;
  /** Moves involving a stage outside the lifecycle ranking (neither up nor down). */
  unranked: number;
  /** upgrades / downgrades over the customers whose two stages are both ranked; NaN when there are none. */
  upgradeRate: number;
  downgradeRate: number;
}

const CANONICAL_STAGE = new Map<string, string>(LIFECYCLE_STAGES.map((name) => [name.toLowerCase(), name]));

/**
 * Transition matrix between two stage snapshots of the same customers (methods §7), with
 * the upgrade and downgrade rates. Stage names match case-insensitively and trimmed; blank
 * stages leave the customer out. Row and column order: `order` when given (its spellings),
 * else the lifecycle stages that occur, in LIFECYCLE_STAGES order; stages not in that list
 * are appended in order of appearance (reading each customer's from, then to). Rates use
 * STAGE_RANK, whatever the display order. Cost: O(n + k²).
 *
 * @throws CvError LENGTH_MISMATCH for snapshots of different lengths; BAD_VALUE for a
 *   stage listed twice in `order` or more than MAX_STATES (1,000) distinct stages;
 *   NOT_COMPUTABLE when neither snapshot has a stage.
 * @example stageTransitions(["New", "New"], ["Established", "Exited"]).counts // rows New, Established, Exited
 */
export function stageTransitions(from: readonly string[], to: readonly string[], order?: readonly string[]): StageTransitions {
  if (to.length !== from.length) {
    throw new CvError("LENGTH_MISMATCH", `to_stages has ${to.length} rows but from_stages has ${from.length}: select ranges of the same height`, { argument: "to_stages" });
  }
  const index = order !== undefined ? LabelIndex.fromOrder(order) : new LabelIndex();
  const stages = index.labels;
  if (order === undefined) {
    const seen = new Set<string>();
    for (const list of [from, to]) for (const raw of list) seen.add(raw.trim().toLowerCase());
    for (const name of LIFECYCLE_STAGES) if (seen.has(name.toLowerCase())) index.add(name);
  }
  for (let i = 0; i < from.length; i++) {
    for (const raw of [from[i] as string, to[i] as string]) {
      const label = raw.trim();
      if (label !== "") index.add(CANONICAL_STAGE.get(label.toLowerCase()) ?? label);
    }
    // Checked as the stages are met, so 20,000 ids passed by mistake stop at the 1,001st, before the k × k matrix.
    requireFewStates(stages.length, "from_stages and to_stages");
  }
  if (stages.length === 0) {
    throw new CvError("NOT_COMPUTABLE", "from_stages and to_stages are all blank: there are no stages to count", { argument: "from_stages" });
  }

  const k = stages.length;
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const rank = stages.map((label) => STAGE_RANK[CANONICAL_STAGE.get(label.toLowerCase()) as LifecycleStage] ?? -1);
  let customers = 0;
  let skipped = 0;
  let upgrades = 0;
  let downgrades = 0;
  let unchanged = 0;
  let unranked = 0;
  for (let i = 0; i < from.length; i++) {
    const a = (from[i] as string).trim();
    const b = (to[i] as string).trim();
    if (a === "" || b === "") {
      skipped++;
      continue;
    }
    const r = index.get(a) as number;
    const c = index.get(b) as number;
    (counts[r] as number[])[c] = ((counts[r] as number[])[c] as number) + 1;
    customers++;
    const rankFrom = rank[r] as number;
    const rankTo = rank[c] as number;
    if (r === c) unchanged++;
    else if (rankFrom < 0 || rankTo < 0) unranked++;
    else if (rankTo > rankFrom) upgrades++;
    else downgrades++;
  }
  // Unchanged customers in an unranked stage are not in the rate's denominator either.
  let unchangedUnranked = 0;
  for (let s = 0; s < k; s++) if ((rank[s] as number) < 0) unchangedUnranked += (counts[s] as number[])[s] as number;
  const ranked = customers - unranked - unchangedUnranked;
  return {
    stages,
    counts,
    customers,
    skipped,
    upgrades,
    downgrades,
    unchanged,
    unranked,
    upgradeRate: ranked > 0 ? upgrades / ranked : Number.NaN,
    downgradeRate: ranked > 0 ? downgrades / ranked : Number.NaN,
  };
}

/** The guideline share of problem customers (methods §7: keep them under about 3%). */
export const PROBLEM_SHARE_GUIDELINE = 0.03;

/** The problem-share health check. */
export interface ProblemShareCheck {
  /** Customers with a stage (blank stages are not counted). */
  customers: number;
  /** Of them, customers in the Problem stage. */
  problems: number;
  /** problems / customers; NaN when there are no customers. */
  share: number;
  /** The guideline compared against (default 0.03). */
  guideline: number;
  /** True when share > guideline; exactly 3% is not above. */
  aboveGuideline: boolean;
}

/**
 * Health check of a stage column: the share of customers in the Problem stage, against
 * the 3% guideline (methods §7). Stages are names (matched case-insensitively) or
 * indexes into LIFECYCLE_STAGES (−1 or "" = no stage, not counted). Cost: O(n).
 *
 * @example problemShare(["Problem", "New", "Core", "New"]) // → { customers: 4, problems: 1, share: 0.25, guideline: 0.03, aboveGuideline: true }
 */
export function problemShare(stages: ArrayLike<string | number>, guideline = PROBLEM_SHARE_GUIDELINE): ProblemShareCheck {
  const problemIndex = LIFECYCLE_STAGES.indexOf("Problem");
  let customers = 0;
  let problems = 0;
  for (let i = 0; i < stages.length; i++) {
    const s = stages[i];
    if (typeof s === "number") {
      if (s < 0) continue;
      customers++;
      if (s === problemIndex) problems++;
    } else {
      const label = (s ?? "").trim().toLowerCase();
      if (label === "") continue;
      customers++;
      if (label === "problem") problems++;
    }
  }
  const share = customers > 0 ? problems / customers : Number.NaN;
  // Compared in counts, so 3 of 100 is exactly the guideline and not above it.
  const aboveGuideline = customers > 0 && problems > guideline * customers * (1 + 1e-12);
  return { customers, problems, share, guideline, aboveGuideline };
}
