/**
 * The lifetime value analysis's pictures: the CLV histogram, and expected purchases and
 * P(alive) averaged over the customers by frequency (x) and recency (t_x), in the bands of
 * the pane's frequency/recency matrix (its rows x and its equal t_x bands from 0 to T).
 */
import type { BarsPicture, HeatmapPicture, Picture } from "../pictures";
import type { FrequencyRecencyMatrix, LifetimeHeaders } from "./meaning";

/** The most bins of the CLV histogram. */
export const CLV_HISTOGRAM_BINS = 12;

/** Round steps: 1, 2, 2.5 and 5 times a power of ten. */
const NICE = [1, 2, 2.5, 5];

/** Slack in bin units, so a value on an edge in decimal (0.3 / 0.1 = 2.9999999999999996) opens its bin. */
const EDGE = 1e-9;

/** A bin edge as a label: thousands separated, as many decimals as the step needs (at most 4). */
function edgeText(v: number, decimals: number): string {
  return (Object.is(v, -0) ? 0 : v).toLocaleString("en", { minimumFractionDigits: 0, maximumFractionDigits: decimals });
}

/**
 * Counts values (NaN and ±Infinity left out) in bins of a round width (1, 2, 2.5 or 5 × 10^k:
 * the smallest that needs at most `maxBins` bins), edges at multiples of the width; a bin
 * holds its lower edge, the last also its upper. Labels read "0–500", "500–1,000". All values
 * equal: one bin labelled by the value. Cost: O(n + bins).
 *
 * @example histogramBins([0, 120, 499, 500, 2600]).labels.slice(0, 3) // → ["0–250", "250–500", "500–750"]; counts [2, 1, 1, 0, …, 1]
 */
export function histogramBins(values: ArrayLike<number>, maxBins = CLV_HISTOGRAM_BINS): { labels: string[]; counts: number[]; edges: number[] } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { labels: [], counts: [], edges: [] };
  if (min === max) {
    let count = 0;
    for (let i = 0; i < values.length; i++) if (values[i] === min) count++;
    return { labels: [edgeText(min, 4)], counts: [count], edges: [min, max] };
  }
  const range = max - min;
  let power = 10 ** Math.floor(Math.log10(range / maxBins));
  let step = 0;
  let first = 0;
  let bins = 0;
  // The smallest round step that covers the values in maxBins bins (edges at its multiples).
  for (let tries = 0; tries < 12 && step === 0; tries++, power *= 10) {
    for (const m of NICE) {
      const s = m * power;
      const lo = Math.floor(min / s + EDGE);
      // Bins from min's to max's; max on an edge closes the last bin rather than opening one.
      const n = Math.max(1, Math.ceil(max / s - EDGE) - lo);
      if (n <= maxBins && Number.isFinite(s) && s > 0) {
        step = s;
        first = lo;
        bins = n;
        break;
      }
    }
  }
  if (step === 0) return { labels: [], counts: [], edges: [] };
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    const k = Math.min(bins - 1, Math.max(0, Math.floor(v / step + EDGE) - first));
    counts[k] = (counts[k] as number) + 1;
  }
  const decimals = Math.min(4, Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (step / 10 ** Math.floor(Math.log10(step) + 1e-9) === 2.5 ? 1 : 0)));
  const edges = Array.from({ length: bins + 1 }, (_, k) => Number(((first + k) * step).toFixed(decimals)));
  const labels = counts.map((_, k) => `${edgeText(edges[k] as number, decimals)}–${edgeText(edges[k + 1] as number, decimals)}`);
  return { labels, counts, edges };
}

/** The 1–2–5 edge at or above v (v > 0): 1, 2, 5, 10, 20, 50, … times the power of ten. */
function edgeAtOrAbove(v: number): number {
  const power = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * power >= v * (1 - 1e-12)) return m * power;
  return 10 * power;
}

/** The 1–2–5 edge below e (an edge itself): 100 → 50, 50 → 20, 20 → 10. */
function edgeBelow(e: number): number {
  const power = 10 ** Math.floor(Math.log10(e) + 1e-9);
  const m = Math.round(e / power);
  return m === 1 ? power / 2 : m === 2 ? power : 2 * power;
}

/** An edge as a short label: 1,000 → "1k", 2,500,000 → "2.5M", below 1,000 as is. */
function shortEdge(v: number): string {
  if (v >= 1e6) return `${(v / 1e6).toLocaleString("en", { maximumFractionDigits: 1 })}M`;
  if (v >= 1e3) return `${(v / 1e3).toLocaleString("en", { maximumFractionDigits: 1 })}k`;
  return v.toLocaleString("en", { maximumFractionDigits: 4 });
}

/**
 * Counts non-negative values in bands that grow 1–2–5 (10–20, 20–50, 50–100, …: a log scale),
 * for skewed money where equal widths put nearly everyone in the first band. The top edge is
 * the smallest 1–2–5 number at or above the largest value; edges go down from it while they
 * are above the smallest positive value, at most `maxBins` bands, and a first band from 0
 * holds what lies below the lowest edge (zeros included). A band holds its lower edge, the
 * last also its upper. NaN and ±Infinity are left out; null when a value is negative or none
 * is positive. Cost: O(n log bins).
 *
 * @example logHistogramBins([0, 3, 15, 15, 160])?.labels // → ["0–2", "2–5", "5–10", "10–20", "20–50", "50–100", "100–200"]; counts [1, 1, 0, 2, 0, 0, 1]
 */
export function logHistogramBins(values: ArrayLike<number>, maxBins = CLV_HISTOGRAM_BINS): { labels: string[]; counts: number[]; edges: number[] } | null {
  let max = 0;
  let minPositive = Number.POSITIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (v < 0) return null;
    if (v > max) max = v;
    if (v > 0 && v < minPositive) minPositive = v;
  }
  if (max <= 0) return null;
  const edges = [edgeAtOrAbove(max)];
  while (edges.length < maxBins && (edges[0] as number) > minPositive) edges.unshift(edgeBelow(edges[0] as number));
  edges.unshift(0);
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    // The last edge at or below v (binary search over at most 13 edges).
    let lo = 0;
    let hi = bins - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((edges[mid] as number) <= v) lo = mid;
      else hi = mid - 1;
    }
    counts[lo] = (counts[lo] as number) + 1;
  }
  const labels = counts.map((_, k) => `${shortEdge(edges[k] as number)}–${shortEdge(edges[k + 1] as number)}`);
  return { labels, counts, edges };
}

/** Equal-width bands are uninformative when one holds this share of the customers or more. */
const SKEWED_SHARE = 0.6;

/**
 * The CLV histogram: customers per CLV band of a round width (see {@link histogramBins});
 * when one band would hold 60% or more of the customers (CLV is usually that skewed) and no
 * CLV is negative, bands that grow 1–2–5 instead ({@link logHistogramBins}), said in the
 * caption. Customers without a CLV left out. Null when no customer has one. Cost: O(n).
 *
 * @example clvDistributionPicture(clv, headers)?.categories[0] // → "0–500", or "0–1" on the log scale
 */
export function clvDistributionPicture(clv: ArrayLike<number>, headers: LifetimeHeaders): BarsPicture | null {
  const linear = histogramBins(clv);
  if (linear.counts.length === 0) return null;
  const total = linear.counts.reduce((a, b) => a + b, 0);
  const skewed = Math.max(...linear.counts) >= SKEWED_SHARE * total && linear.counts.length > 1;
  const logarithmic = skewed ? logHistogramBins(clv) : null;
  const h = logarithmic ?? linear;
  const customers = h.counts.reduce((a, b) => a + b, 0);
  let top = 0;
  for (let k = 1; k < h.counts.length; k++) if ((h.counts[k] as number) > (h.counts[top] as number)) top = k;
  const name = headers.clv.replace(/^CV /, "");
  return {
    kind: "bars",
    id: "clv-distribution",
    title: `Customers by ${name}`,
    caption: `${customers.toLocaleString("en")} customers; the most (${(h.counts[top] as number).toLocaleString("en")}) have a CLV of ${h.labels[top]}.${logarithmic ? " Bands grow 1–2–5 (a log scale): with equal widths one band would hold most customers." : ""}`,
    orientation: "columns",
    stacked: false,
    categories: h.labels,
    categoryTitle: "CLV",
    valueTitle: "Customers",
    valueFormat: "integer",
    series: [{ name: "Customers", values: h.counts }],
    colourBy: "series",
  };
}

/** A t_x band edge: one decimal below 10, whole numbers above (as the pane heads its columns). */
const txEdge = (t: number, fine: boolean) => (fine ? t.toFixed(1) : Math.round(t).toLocaleString("en"));

/**
 * The cells of the frequency/recency pictures: rows the matrix's x levels as bands
 * (0, 1, 2, 3–4, 5–7, …, the last "21+"), columns its equal t_x bands from 0 to T (the pane's
 * columns are their middles); each customer's cell (row × columns + column; -1 without x or
 * t_x). Cost: O(n · rows).
 *
 * @example frequencyRecencyCells(Float64Array.of(0, 4), Float64Array.of(0, 9), matrix).rowCells // → [0, 3 × 8 + 1] for x levels 0, 1, 2, 3, 5 and T 40
 */
export function frequencyRecencyCells(x: ArrayLike<number>, tx: ArrayLike<number>, matrix: Pick<FrequencyRecencyMatrix, "x" | "tx" | "T">): { rows: string[]; columns: string[]; rowCells: Int32Array } {
  const levels = matrix.x;
  const c = matrix.tx.length;
  const rows = levels.map((v, k) => {
    const next = levels[k + 1];
    if (next === undefined) return `${v.toLocaleString("en")}+`;
    return next - 1 === v ? v.toLocaleString("en") : `${v.toLocaleString("en")}–${(next - 1).toLocaleString("en")}`;
  });
  const width = c > 0 ? matrix.T / c : 0;
  const fine = width < 10;
  const columns = Array.from({ length: c }, (_, k) => `${txEdge(k * width, fine)}–${txEdge((k + 1) * width, fine)}`);
  const rowCells = new Int32Array(x.length).fill(-1);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    const ti = tx[i] as number;
    if (!Number.isFinite(xi) || !Number.isFinite(ti) || c === 0) continue;
    let r = -1;
    for (let k = 0; k < levels.length; k++) if ((levels[k] as number) <= xi) r = k;
    if (r < 0) continue;
    const col = width > 0 ? Math.min(c - 1, Math.max(0, Math.floor(ti / width))) : 0;
    rowCells[i] = r * c + col;
  }
  return { rows, columns, rowCells };
}

/** The mean of a figure over the customers of each cell (NaN figures left out; null where none), and the customers per cell. */
function cellMeans(values: ArrayLike<number>, rowCells: Int32Array, rows: number, columns: number): { means: (number | null)[][]; customers: (number | null)[][] } {
  const sum = new Float64Array(rows * columns);
  const count = new Float64Array(rows * columns);
  const members = new Float64Array(rows * columns);
  for (let i = 0; i < rowCells.length; i++) {
    const cell = rowCells[i] as number;
    if (cell < 0) continue;
    members[cell] = (members[cell] as number) + 1;
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    sum[cell] = (sum[cell] as number) + v;
    count[cell] = (count[cell] as number) + 1;
  }
  const grid = <T>(f: (cell: number) => T) => Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, col) => f(r * columns + col)));
  return {
    means: grid((cell) => ((count[cell] as number) > 0 ? (sum[cell] as number) / (count[cell] as number) : null)),
    customers: grid((cell) => ((members[cell] as number) > 0 ? (members[cell] as number) : null)),
  };
}

/**
 * A frequency/recency heatmap of a per-customer figure (expected purchases or P(alive)):
 * its mean over the customers in each cell of {@link frequencyRecencyCells}, with the
 * customers per cell as the second figure; null where a cell has no customer. Cost: O(n · rows).
 *
 * @example frequencyRecencyPicture("alive-by-fr", "P(alive)", "number", pAlive, x, tx, matrix).values[0][0] // mean P(alive) of the one-time buyers
 */
export function frequencyRecencyPicture(
  id: string,
  name: string,
  format: "number" | "percent",
  values: ArrayLike<number>,
  x: ArrayLike<number>,
  tx: ArrayLike<number>,
  matrix: Pick<FrequencyRecencyMatrix, "x" | "tx" | "T" | "unit">,
): HeatmapPicture {
  const cells = frequencyRecencyCells(x, tx, matrix);
  const { means, customers } = cellMeans(values, cells.rowCells, cells.rows.length, cells.columns.length);
  const unit = `${matrix.unit}s`;
  return {
    kind: "heatmap",
    id,
    title: `${name} by repeat purchases (x) and time of the last purchase (t_x)`,
    caption: `The mean over the customers in each cell. Rows: repeat purchases x; columns: ${unit} from the first to the last purchase (t_x), in equal bands up to the longest history (${matrix.T.toLocaleString("en", { maximumFractionDigits: 1 })} ${unit}).`,
    rowTitle: "Repeat purchases (x)",
    columnTitle: `t_x (${unit})`,
    rows: cells.rows,
    columns: cells.columns,
    valueName: name,
    valueFormat: format,
    values: means,
    second: { name: "Customers", format: "integer", values: customers },
    rowCells: cells.rowCells,
  };
}

/** What the lifetime pictures are drawn from: per customer (result row) its x, t_x, P(alive), expected purchases and CLV. */
export interface LifetimePictureInput {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  pAlive: ArrayLike<number>;
  expected: ArrayLike<number>;
  clv: ArrayLike<number>;
}

/**
 * The lifetime value pictures, in display order: "clv-distribution", "expected-by-fr" and
 * "alive-by-fr" (the CLV histogram is left out when no customer has a CLV). Cost: O(n · rows).
 *
 * @example lifetimePictures(input, details.matrix, details.headers).map((p) => p.id) // → ["clv-distribution", "expected-by-fr", "alive-by-fr"]
 */
export function lifetimePictures(input: LifetimePictureInput, matrix: FrequencyRecencyMatrix, headers: LifetimeHeaders): Picture[] {
  const histogram = clvDistributionPicture(input.clv, headers);
  const strip = (h: string) => h.replace(/^CV /, "");
  return [
    ...(histogram ? [histogram] : []),
    frequencyRecencyPicture("expected-by-fr", strip(headers.expectedPurchases), "number", input.expected, input.x, input.tx, matrix),
    frequencyRecencyPicture("alive-by-fr", strip(headers.pAlive), "number", input.pAlive, input.x, input.tx, matrix),
  ];
}
