/** RFM's pictures: the R × F heatmap, the segments by size and by value, and the score distributions. */
import type { GroupSummary } from "../types";
import type { BarsPicture, HeatmapPicture, Picture } from "../pictures";
import type { RfmScores } from "../../behaviour/rfm";

/**
 * RFM's pictures, in display order (scores 1–q, 0 or less = missing; monetary NaN = none):
 * - "rfm-heatmap": rows R = q … 1 (best first), columns F = 1 … q; customers per cell (0 when
 *   none) and, second, their average monetary value (null for a cell without one); rowCells
 *   per result row (row × q + column, -1 when R or F is missing);
 * - "rfm-segments-size": bars of the segments with customers, by customers descending (ties
 *   in group order), coloured by group;
 * - "rfm-segments-value": the same by total monetary value descending, as money;
 * - "rfm-scores": columns "1" … "q", series R, F, M = customers with that score.
 * Cost: O(n + q² + groups log groups).
 *
 * @example rfmPictures(scores, monetary, 5, run.groups, "Revenue")
 */
export function rfmPictures(scores: RfmScores, monetary: Float64Array, bins: number, groups: readonly GroupSummary[], monetaryName: string): Picture[] {
  return [rfmHeatmap(scores, monetary, bins, monetaryName), ...segmentBars(groups, monetaryName), scoreColumns(scores, bins)];
}

function rfmHeatmap(scores: RfmScores, monetary: Float64Array, q: number, monetaryName: string): HeatmapPicture {
  const count = new Float64Array(q * q);
  const sum = new Float64Array(q * q);
  const withMoney = new Float64Array(q * q);
  const rowCells = new Int32Array(scores.r.length);
  let placed = 0;
  for (let i = 0; i < scores.r.length; i++) {
    const r = scores.r[i] as number;
    const f = scores.f[i] as number;
    if (!(r >= 1 && r <= q && f >= 1 && f <= q)) {
      rowCells[i] = -1;
      continue;
    }
    const cell = (q - r) * q + (f - 1);
    rowCells[i] = cell;
    placed++;
    count[cell] = (count[cell] as number) + 1;
    const m = monetary[i] as number;
    if (Number.isFinite(m)) {
      sum[cell] = (sum[cell] as number) + m;
      withMoney[cell] = (withMoney[cell] as number) + 1;
    }
  }
  const values: (number | null)[][] = [];
  const averages: (number | null)[][] = [];
  for (let row = 0; row < q; row++) {
    values.push(Array.from({ length: q }, (_, c) => count[row * q + c] as number));
    averages.push(
      Array.from({ length: q }, (_, c) => {
        const k = row * q + c;
        const avg = (withMoney[k] as number) > 0 ? (sum[k] as number) / (withMoney[k] as number) : Number.NaN;
        return Number.isFinite(avg) ? avg : null;
      }),
    );
  }
  const top = count[q - 1] as number;
  return {
    kind: "heatmap",
    id: "rfm-heatmap",
    title: "Customers by recency (R) and frequency (F) score",
    caption: `${placed.toLocaleString("en")} customers by R and F score, with their average ${monetaryName}; the top-right cell (R ${q}, F ${q}) holds ${top.toLocaleString("en")} of them.`,
    rowTitle: "R score (recency)",
    columnTitle: "F score (frequency)",
    rows: Array.from({ length: q }, (_, k) => String(q - k)),
    columns: Array.from({ length: q }, (_, k) => String(k + 1)),
    valueName: "Customers",
    valueFormat: "integer",
    values,
    second: { name: `Average ${monetaryName}`, format: "money", values: averages },
    rowCells,
  };
}

function segmentBars(groups: readonly GroupSummary[], monetaryName: string): BarsPicture[] {
  const present = groups.map((g, k) => ({ g, k })).filter(({ g }) => g.customers > 0);
  if (present.length === 0) return [];
  const bars = (id: string, title: string, caption: string, valueTitle: string, valueFormat: BarsPicture["valueFormat"], figure: (g: GroupSummary) => number): BarsPicture => {
    const sorted = [...present].sort((a, b) => figure(b.g) - figure(a.g) || a.k - b.k);
    return {
      kind: "bars",
      id,
      title,
      caption,
      orientation: "bars",
      stacked: false,
      categories: sorted.map(({ g }) => g.label),
      categoryTitle: "Segment",
      valueTitle,
      valueFormat,
      series: [{ name: valueTitle, values: sorted.map(({ g }) => (Number.isFinite(figure(g)) ? figure(g) : 0)) }],
      colourBy: "groups",
      categoryGroups: sorted.map(({ k }) => k),
    };
  };
  const bySize = [...present].sort((a, b) => b.g.customers - a.g.customers || a.k - b.k)[0]!.g;
  const byValue = [...present].sort((a, b) => b.g.value - a.g.value || a.k - b.k)[0]!.g;
  return [
    bars("rfm-segments-size", "Segments by customers", `The largest segment is ${bySize.label}, with ${bySize.customers.toLocaleString("en")} customers.`, "Customers", "integer", (g) => g.customers),
    bars("rfm-segments-value", `Segments by total ${monetaryName}`, `${byValue.label} hold the most ${monetaryName}.`, `Total ${monetaryName}`, "money", (g) => g.value),
  ];
}

function scoreColumns(scores: RfmScores, q: number): BarsPicture {
  const counts = (s: Int32Array) => {
    const c = new Array<number>(q).fill(0);
    for (let i = 0; i < s.length; i++) {
      const v = s[i] as number;
      if (v >= 1 && v <= q) c[v - 1] = (c[v - 1] as number) + 1;
    }
    return c;
  };
  return {
    kind: "bars",
    id: "rfm-scores",
    title: "Customers per R, F and M score",
    caption: `Equal-frequency bins: each score holds about 1/${q} of the customers, less where ties share a score.`,
    orientation: "columns",
    stacked: false,
    categories: Array.from({ length: q }, (_, k) => String(k + 1)),
    categoryTitle: "Score",
    valueTitle: "Customers",
    valueFormat: "integer",
    series: [
      { name: "R", values: counts(scores.r) },
      { name: "F", values: counts(scores.f) },
      { name: "M", values: counts(scores.m) },
    ],
    colourBy: "series",
  };
}
