/**
 * The value curve behind the Pareto pictures (methods §4): customers taken in an order (by
 * value, largest first, for ABC; by score, best first, for the pyramid), the cumulative share
 * of customers (x) against the cumulative share of total value (y). With a negative value
 * (profit) it is the whale curve: y = cumulative profit / total profit, rising above 1 and
 * falling back to 1. Plain numbers, no NaN or Infinity.
 */
import { unitScale } from "../core/scaling";
import type { CurveMark, CurvePicture } from "./pictures";

/**
 * How customers are taken: "value" (by value, largest first), or a ranking: the row indices
 * best first (rows not in it are left out), e.g. from {@link rankByScore}.
 */
export type ValueCurveOrder = "value" | ArrayLike<number>;

/** Options of {@link valueCurve}. */
export interface ValueCurveOptions {
  /** Shares of customers (0–1) at which the curve gets an exact point besides the 1% grid. */
  cuts?: readonly number[];
  /** Each row's group (negative = none): the curve gets an exact point where each group's last customer ends. */
  groups?: ArrayLike<number>;
}

/** Where a group's last customer in the order ends on the curve. */
export interface ValueCurveGroupEnd {
  group: number;
  /** Customers of the group on the curve. */
  customers: number;
  /** Share of customers up to and including the group's last one, and the share of value they hold. */
  x: number;
  y: number;
}

/** The curve's points and figures. */
export interface ValueCurve {
  /** Customers on the curve (in the order and with a value). */
  customers: number;
  /** True when a value is negative: y is the share of the (net) total, the whale curve. */
  whale: boolean;
  /** Points in x order: x = 0, 0.01, …, 1 plus the cut and group-end points, y exact at each. */
  x: number[];
  y: number[];
  /** y at each of options.cuts, in their order. */
  cuts: { x: number; y: number }[];
  /** Per group present, where its last customer ends, in x order. */
  groupEnds: ValueCurveGroupEnd[];
  /** The highest point (above 1 only for a whale curve): the first x where y is largest. */
  peak: { x: number; y: number };
}

/**
 * The rows with a score (not NaN), best (highest) score first, ties in row order: a ranking
 * for {@link valueCurve}. Cost: O(n log n).
 *
 * @example rankByScore([10, NaN, 30, 10]) // → Int32Array [2, 0, 3]
 */
export function rankByScore(score: ArrayLike<number>): Int32Array {
  const rows: number[] = [];
  for (let i = 0; i < score.length; i++) if (!Number.isNaN(score[i] as number)) rows.push(i);
  rows.sort((a, b) => (score[b] as number) - (score[a] as number) || a - b);
  return Int32Array.from(rows);
}

/**
 * The value curve: customers taken in `order` (values NaN left out), x = share of those
 * customers, y = the share of total value held by the first x of them, interpolating
 * linearly within a customer (as paretoShare: 20% of 4,338 is the top 867 plus 0.6 of the
 * 868th). Downsampled to one point per 1% of customers (x = 0, 0.01, …, 1) plus exact points
 * at `cuts` and at each group's end. Values are rescaled by a power of two (exact) so sums neither overflow nor lose digits.
 * Cost: O(n log n) ("value" order or group ends) plus O(cuts).
 *
 * @returns null when no customer has a value, or the total value is not positive (no share to take).
 * @example valueCurve([60, 20, 10, 10], "value", { cuts: [0.25] })!.cuts // → [{ x: 0.25, y: 0.6 }]
 */
export function valueCurve(values: ArrayLike<number>, order: ValueCurveOrder, options: ValueCurveOptions = {}): ValueCurve | null {
  const rows: number[] = [];
  if (order === "value") {
    for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] as number)) rows.push(i);
    rows.sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  } else {
    for (let p = 0; p < order.length; p++) {
      const row = order[p] as number;
      if (row >= 0 && row < values.length && !Number.isNaN(values[row] as number)) rows.push(row);
    }
  }
  const n = rows.length;
  if (n === 0) return null;
  let largest = 0;
  let whale = false;
  for (const row of rows) {
    const v = values[row] as number;
    if (!Number.isFinite(v)) return null;
    if (v < 0) whale = true;
    largest = Math.max(largest, Math.abs(v));
  }
  // Rescaled by a power of two (exact) so the largest is 1–2: sums near 1.8e308 cannot overflow, nor subnormal ones lose digits.
  const scale = unitScale(largest);
  const ordered = new Float64Array(n);
  const prefix = new Float64Array(n + 1);
  for (let p = 0; p < n; p++) {
    ordered[p] = (values[rows[p] as number] as number) * scale;
    prefix[p + 1] = (prefix[p] as number) + (ordered[p] as number);
  }
  const total = prefix[n] as number;
  if (!(total > 0)) return null;
  const at = (share: number): number => {
    const exact = Math.min(Math.max(share, 0), 1) * n;
    const rounded = Math.round(exact);
    const position = Math.abs(exact - rounded) <= 1e-9 * Math.max(1, n) ? rounded : exact;
    const whole = Math.min(Math.floor(position), n);
    const fraction = position - whole;
    const partial = whole < n && fraction > 0 ? fraction * (ordered[whole] as number) : 0;
    return ((prefix[whole] as number) + partial) / total;
  };

  const points: [number, number][] = [];
  for (let k = 0; k <= 100; k++) points.push([k / 100, at(k / 100)]);
  const cuts = (options.cuts ?? []).filter((c) => c >= 0 && c <= 1).map((c) => ({ x: c, y: at(c) }));
  for (const c of cuts) points.push([c.x, c.y]);

  const groupEnds: ValueCurveGroupEnd[] = [];
  if (options.groups) {
    const ends = new Map<number, { end: number; count: number }>();
    for (let p = 0; p < n; p++) {
      const g = options.groups[rows[p] as number] as number;
      if (!(g >= 0)) continue;
      const e = ends.get(g);
      if (e) {
        e.end = p + 1;
        e.count++;
      } else ends.set(g, { end: p + 1, count: 1 });
    }
    for (const [group, e] of ends) groupEnds.push({ group, customers: e.count, x: e.end / n, y: (prefix[e.end] as number) / total });
    groupEnds.sort((a, b) => a.x - b.x || a.group - b.group);
    for (const e of groupEnds) points.push([e.x, e.y]);
  }

  points.sort((a, b) => a[0] - b[0]);
  const x: number[] = [];
  const y: number[] = [];
  for (const [px, py] of points) {
    if (!Number.isFinite(py)) return null;
    if (x.length > 0 && Math.abs(px - (x[x.length - 1] as number)) < 1e-12) continue;
    x.push(px);
    y.push(py);
  }
  // The peak is a customer boundary (the curve is linear between them): the first largest prefix.
  let peakAt = 0;
  for (let p = 1; p <= n; p++) if ((prefix[p] as number) > (prefix[peakAt] as number)) peakAt = p;
  return { customers: n, whale, x, y, cuts, groupEnds, peak: { x: peakAt / n, y: (prefix[peakAt] as number) / total } };
}

/** 0.05 → "5%", 0.3821 → "38.2%": a share to one decimal, without a trailing ".0". */
export function shareWords(share: number): string {
  const r = Math.round(share * 1000) / 10;
  return `${Number.isInteger(r) ? r.toFixed(0) : r.toFixed(1)}%`;
}

/** What {@link paretoPicture} needs besides the curve. */
export interface ParetoPictureOptions {
  /** The value's name, e.g. "Revenue". */
  valueName: string;
  /** The run's group labels; a mark at each group's end except the last group's. */
  labels: readonly string[];
  /** How customers are ordered, in words after "share of customers", e.g. "by score, best first"; default "by value, largest first". */
  orderWords?: string;
  /** Words after "the top 20%" in the caption, e.g. " by score"; default "". */
  topWords?: string;
}

/**
 * The "pareto" curve picture of a {@link valueCurve}: the curve (titled "Whale curve" when a
 * value is negative), the dashed "Equal shares" diagonal for the Lorenz case, and a mark at
 * the end of every group but the last ("Gold: top 5% of customers, 38.2% of value", group =
 * its index). The caption gives the top 20%'s share (and, for a whale curve, its peak).
 * Cost: O(points + groups).
 *
 * @example paretoPicture(valueCurve(sales, "value", { groups: index })!, { valueName: "Sales", labels: ["A", "B", "C"] })
 */
export function paretoPicture(curve: ValueCurve, options: ParetoPictureOptions): CurvePicture {
  const { valueName, labels } = options;
  const top20 = curve.y[curve.x.findIndex((x) => Math.abs(x - 0.2) < 1e-12)] as number;
  const marks: CurveMark[] = curve.groupEnds
    .filter((e) => e.group < labels.length - 1)
    .map((e) => ({ x: e.x, label: `${labels[e.group] ?? ""}: top ${shareWords(e.x)} of customers, ${shareWords(e.y)} of value`, group: e.group }));
  const name = curve.whale ? "Whale curve" : "Pareto curve";
  let caption = `The top 20% of customers${options.topWords ?? ""} hold ${shareWords(top20)} of ${valueName}.`;
  if (curve.whale && curve.peak.y > 1) {
    caption += ` The curve peaks at ${shareWords(curve.peak.y)} with the top ${shareWords(curve.peak.x)}: the customers after them lose ${shareWords(curve.peak.y - 1)} of the total.`;
  }
  return {
    kind: "curve",
    id: "pareto",
    title: `${name}: share of ${valueName} by share of customers`,
    caption,
    xTitle: `Share of customers (${options.orderWords ?? "by value, largest first"})`,
    yTitle: `Share of ${valueName}`,
    xFormat: "percent",
    yFormat: "percent",
    series: [
      { name, x: curve.x, y: curve.y },
      ...(curve.whale ? [] : [{ name: "Equal shares", x: [0, 1], y: [0, 1], dashed: true }]),
    ],
    marks,
  };
}
