import { type BarsPicture, type CustomerValueModel, type HeatmapPicture, defaultLifetimeSettings, defaultModel, guessRoles, lifetimeDetails, makeCustomerTable, profileColumns, runModel } from "../../../src/engine";
import { clvDistributionPicture, frequencyRecencyCells, histogramBins, logHistogramBins } from "../../../src/engine/analyses/lifetime/pictures";
import { simulatedTransactions } from "../../helpers/lifetimeTransactions";

describe("histogramBins: round widths, labels, a value on an edge", () => {
  test("0, 120, 499, 500, 2,600 (and a NaN): width 250 (2,600 / 12 = 217 → 250), 11 bins", () => {
    const h = histogramBins([0, 120, 499, 500, 2600, Number.NaN]);
    expect(h.labels).toEqual(["0–250", "250–500", "500–750", "750–1,000", "1,000–1,250", "1,250–1,500", "1,500–1,750", "1,750–2,000", "2,000–2,250", "2,250–2,500", "2,500–2,750"]);
    // 0 and 120 in the first; 499 in the second; 500 opens the third; 2,600 in the last.
    expect(h.counts).toEqual([2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  test("a maximum on an edge closes the last bin; small values keep their decimals", () => {
    // 0 … 1: 1 / 12 = 0.083 → width 0.1, ten bins, 1 in the last.
    const h = histogramBins([0, 0.05, 0.35, 1]);
    expect(h.labels).toHaveLength(10);
    expect(h.labels[0]).toBe("0–0.1");
    expect(h.labels[9]).toBe("0.9–1");
    expect(h.counts).toEqual([2, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
    // 0 … 2.6: 2.6 / 12 = 0.217 → 0.25: eleven bins "0–0.25" …
    expect(histogramBins([0, 2.6]).labels.slice(0, 2)).toEqual(["0–0.25", "0.25–0.5"]);
    expect(histogramBins([5, 5, Number.NaN])).toMatchObject({ labels: ["5"], counts: [2] });
    expect(histogramBins([Number.NaN]).counts).toEqual([]);
  });

  test("frequency bands 0, 1, 2, 3–4, 5+ and equal t_x bands up to T", () => {
    // Levels x 0, 1, 2, 3, 5; T 40 in 8 bands of 5.
    const cells = frequencyRecencyCells(Float64Array.of(0, 4, 7, 2, Number.NaN), Float64Array.of(0, 9, 40, 12.5, 3), { x: [0, 1, 2, 3, 5], tx: [2.5, 7.5, 12.5, 17.5, 22.5, 27.5, 32.5, 37.5], T: 40 });
    expect(cells.rows).toEqual(["0", "1", "2", "3–4", "5+"]);
    expect(cells.columns[0]).toBe("0.0–5.0");
    // x 0 → (0, 0); x 4, t_x 9 → (3, 1); x 7, t_x = T → (4, 7); x 2, t_x 12.5 → (2, 2); no x → -1.
    expect(Array.from(cells.rowCells)).toEqual([0, 3 * 8 + 1, 4 * 8 + 7, 2 * 8 + 2, -1]);
  });
});

describe("lifetime pictures on 300 simulated customers", () => {
  const table = makeCustomerTable([["Customer", "Date", "Amount"], ...simulatedTransactions()], true);
  const profiles = profileColumns(table);
  const base = defaultModel(guessRoles(profiles));
  const model: CustomerValueModel = { ...base, analysis: "lifetime", roles: { ...base.roles, id: "Customer" }, lifetime: { ...defaultLifetimeSettings(profiles, base.roles.value), asOf: "2024-07-01" } };
  const run = runModel(model, table);
  const d = lifetimeDetails(run);
  const col = (header: string) => run.columns.find((c) => c.header === header)!.values.map((v) => (typeof v === "number" ? v : Number.NaN));
  const x = col(d.headers.x);
  const tx = col(d.headers.tx);
  const picture = <P>(id: string) => run.pictures!.find((p) => p.id === id) as P;

  test("the three pictures, in order", () => {
    expect(run.pictures!.map((p) => p.id)).toEqual(["clv-distribution", "expected-by-fr", "alive-by-fr"]);
  });

  test("CLV histogram: round equal bands, at most 12, each customer counted in its band", () => {
    const p = picture<BarsPicture>("clv-distribution");
    expect(p.orientation).toBe("columns");
    expect(p.valueTitle).toBe("Customers");
    const clv = col(d.headers.clv).filter((v) => Number.isFinite(v));
    const edges = p.categories.map((label) => label.split("–").map((e) => Number(e.replace(/,/g, ""))) as [number, number]);
    expect(edges.length).toBeGreaterThanOrEqual(5);
    expect(edges.length).toBeLessThanOrEqual(12);
    const width = edges[0]![1] - edges[0]![0];
    const mantissa = width / 10 ** Math.floor(Math.log10(width));
    expect([1, 2, 2.5, 5].some((m) => Math.abs(m - mantissa) < 1e-9)).toBe(true);
    edges.forEach(([a, b], k) => {
      expect(b - a).toBeCloseTo(width, 9);
      expect(a / width).toBeCloseTo(Math.round(a / width), 9);
      // Brute-force count: lower edge in, upper edge out (the last holds its upper edge).
      const last = k === edges.length - 1;
      expect(p.series[0]!.values[k]).toBe(clv.filter((v) => v >= a && (v < b || (last && v <= b))).length);
    });
    expect(edges[0]![0]).toBeLessThanOrEqual(Math.min(...clv));
    expect(edges[edges.length - 1]![1]).toBeGreaterThanOrEqual(Math.max(...clv));
  });

  test("expected purchases and P(alive): the mean over the customers of each frequency × recency cell", () => {
    const levels = d.matrix.x;
    const bands = d.matrix.tx.length;
    const width = d.matrix.T / bands;
    for (const [id, header] of [["expected-by-fr", d.headers.expectedPurchases], ["alive-by-fr", d.headers.pAlive]] as const) {
      const p = picture<HeatmapPicture>(id);
      const v = col(header);
      expect(p.rows).toHaveLength(levels.length);
      expect(p.columns).toHaveLength(bands);
      // By hand: each customer's row is the last level at or below its x, its column floor(t_x / width), capped.
      const sums = levels.map(() => new Array<number>(bands).fill(0));
      const counts = levels.map(() => new Array<number>(bands).fill(0));
      for (let i = 0; i < x.length; i++) {
        let r = 0;
        while (r + 1 < levels.length && levels[r + 1]! <= x[i]!) r++;
        const c = Math.min(bands - 1, Math.floor(tx[i]! / width));
        sums[r]![c]! += v[i]!;
        counts[r]![c]! += 1;
        expect(p.rowCells![i]).toBe(r * bands + c);
      }
      levels.forEach((_, r) =>
        sums[r]!.forEach((s, c) => {
          const n = counts[r]![c]!;
          if (n === 0) {
            expect(p.values[r]![c]).toBeNull();
            expect(p.second!.values[r]![c]).toBeNull();
          } else {
            expect(p.values[r]![c]).toBeCloseTo(s / n, 10);
            expect(p.second!.values[r]![c]).toBe(n);
          }
        }),
      );
    }
  });
});

describe("histogramBins: decimal edges", () => {
  test("0.3 is on the edge 0.3, not below it (0.3 / 0.1 = 2.9999999999999996 in doubles)", () => {
    expect(histogramBins([0, 0.3, 1]).counts).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
  });
});

describe("logHistogramBins: bands growing 1–2–5 for skewed CLV", () => {
  test("edges from 0 up to the 1–2–5 number above the largest value, down while above the smallest positive one", () => {
    // max 160 → top edge 200; down 100, 50, 20, 10, 5, 2 (2 < 3, the smallest positive: stop); then 0.
    const h = logHistogramBins([0, 3, 15, 15, 160, Number.NaN])!;
    expect(h.edges).toEqual([0, 2, 5, 10, 20, 50, 100, 200]);
    expect(h.labels).toEqual(["0–2", "2–5", "5–10", "10–20", "20–50", "50–100", "100–200"]);
    expect(h.counts).toEqual([1, 1, 0, 2, 0, 0, 1]);
  });

  test("a value on an edge opens its band; the largest on the top edge closes the last; thousands read 1k", () => {
    // Down from 10,000 to 1,000, the smallest value (not above it, so no lower edge), then 0.
    const h = logHistogramBins([1000, 2000, 5000, 10000])!;
    expect(h.edges).toEqual([0, 1000, 2000, 5000, 10000]);
    expect(h.labels).toEqual(["0–1k", "1k–2k", "2k–5k", "5k–10k"]);
    expect(h.counts).toEqual([0, 1, 1, 2]);
  });

  test("at most 12 bands: the first, from 0, holds everything below the lowest edge", () => {
    const h = logHistogramBins([0.001, 0.01, 1, 100000])!;
    expect(h.counts.length).toBe(12);
    expect(h.edges.slice(-2)).toEqual([50000, 100000]);
    // 12 edges from 100,000 down: 100k, 50k, 20k, 10k, 5k, 2k, 1k, 500, 200, 100, 50, 20; then 0 → the first band is 0–20.
    expect(h.labels[0]).toBe("0–20");
    expect(h.counts[0]).toBe(3);
  });

  test("negative or no positive value: no log bands", () => {
    expect(logHistogramBins([-1, 5])).toBeNull();
    expect(logHistogramBins([0, 0])).toBeNull();
  });

  test("the CLV picture switches to the log bands only when equal bands put 60% or more in one", () => {
    const headers = { clv: "CV CLV, next 12 months" } as Parameters<typeof clvDistributionPicture>[1];
    // 9 of 10 below 100 and one at 10,000: equal bands of 1,000 put 9 in the first → log bands.
    const skewed = clvDistributionPicture([5, 8, 12, 20, 30, 40, 55, 70, 90, 10000], headers)!;
    expect(skewed.categories[0]).toBe("0–5");
    expect(skewed.caption).toContain("log scale");
    // 0..11 evenly: equal bands.
    const even = clvDistributionPicture(Array.from({ length: 12 }, (_, i) => i * 100), headers)!;
    expect(even.caption).not.toContain("log scale");
    expect(even.categories[0]).toBe("0–100");
  });
});
