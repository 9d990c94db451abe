import { readFileSync } from "node:fs";
import { join } from "node:path";
import { defaultModel, defaultRfmSettings, guessRoles, makeCustomerTable, profileColumns, runModel } from "../../../src/engine";
import type { BarsPicture, HeatmapPicture } from "../../../src/engine/analyses/pictures";

function rfmRun(cells: unknown[][]) {
  const table = makeCustomerTable(cells, true);
  const profiles = profileColumns(table);
  const base = defaultModel(guessRoles(profiles));
  const model = { ...base, analysis: "rfm" as const, rfm: defaultRfmSettings(profiles, base.roles.value) };
  return { table, model, run: runModel(model, table) };
}

const picture = <T,>(run: ReturnType<typeof rfmRun>["run"], id: string) => run.pictures!.find((p) => p.id === id) as T;

describe("RFM pictures by hand", () => {
  // Recency 11, 76, 49, 1; frequency 3, 1, 1, 1; revenue 110, 15, 100, 40, 5 bins on midranks
  // (score = min(5, floor((midrank − 0.5) / 4 × 5) + 1)):
  //   −recency ranks 3, 1, 2, 4 → R 4, 1, 2, 5; frequency midranks 4, 2, 2, 2 → F 5, 2, 2, 2; revenue ranks 4, 1, 3, 2 → M 5, 1, 4, 2.
  const { run } = rfmRun([
    ["Customer", "DaysSinceLast", "Invoices", "Revenue"],
    ["A", 11, 3, 110],
    ["B", 76, 1, 15],
    ["C", 49, 1, 100],
    ["D", 1, 1, 40],
  ]);

  test("the pictures, in order", () => {
    expect(run.pictures!.map((p) => `${p.id}:${p.kind}`)).toEqual(["rfm-heatmap:heatmap", "rfm-segments-size:bars", "rfm-segments-value:bars", "rfm-scores:bars"]);
  });

  test("R × F heatmap: rows R 5 … 1, columns F 1 … 5, customers and average monetary", () => {
    const h = picture<HeatmapPicture>(run, "rfm-heatmap");
    expect(h.rows).toEqual(["5", "4", "3", "2", "1"]);
    expect(h.columns).toEqual(["1", "2", "3", "4", "5"]);
    // A (R4, F5), B (R1, F2), C (R2, F2), D (R5, F2)
    expect(h.values).toEqual([
      [0, 1, 0, 0, 0],
      [0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0],
      [0, 1, 0, 0, 0],
      [0, 1, 0, 0, 0],
    ]);
    const n = null;
    expect(h.second!.values).toEqual([
      [n, 40, n, n, n],
      [n, n, n, n, 110],
      [n, n, n, n, n],
      [n, 100, n, n, n],
      [n, 15, n, n, n],
    ]);
    expect(h.second!.format).toBe("money");
    // cell = row × 5 + column: A 1×5+4, B 4×5+1, C 3×5+1, D 0×5+1
    expect(Array.from(h.rowCells!)).toEqual([9, 21, 16, 1]);
  });

  test("scores per R, F, M", () => {
    const s = picture<BarsPicture>(run, "rfm-scores");
    expect(s.orientation).toBe("columns");
    expect(s.categories).toEqual(["1", "2", "3", "4", "5"]);
    expect(s.series).toEqual([
      { name: "R", values: [1, 1, 0, 1, 1] },
      { name: "F", values: [0, 3, 0, 0, 1] },
      { name: "M", values: [1, 1, 0, 1, 1] },
    ]);
  });
});

describe("RFM pictures from transactions", () => {
  // A buys 10 once (day 45300), B buys 10 and 20 (days 45301, 45302), C only returns 5. Bins 2 over A and B:
  // A: R 1, F 1, M 1 (10); B: R 2, F 2, M 2 (30); C has no scores and is in no cell.
  test("a customer with returns only is in no cell (rowCells −1) and in no score count", () => {
    const table = makeCustomerTable(
      [
        ["Customer", "InvoiceDate", "Amount"],
        ["A", 45300, 10],
        ["B", 45301, 10],
        ["B", 45302, 20],
        ["C", 45301, -5],
      ],
      true,
    );
    const profiles = profileColumns(table);
    const base = defaultModel(guessRoles(profiles));
    const rfm = { ...defaultRfmSettings(profiles, base.roles.value), input: "transactions" as const, amount: "Amount", date: "InvoiceDate", invoice: null, bins: 2 };
    const run = runModel({ ...base, analysis: "rfm", roles: { ...base.roles, id: "Customer", value: "Amount" }, rfm }, table);
    const h = run.pictures!.find((p) => p.id === "rfm-heatmap") as HeatmapPicture;
    expect(h.rows).toEqual(["2", "1"]);
    expect(h.values).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(h.second!.values).toEqual([
      [null, 30],
      [10, null],
    ]);
    expect(Array.from(h.rowCells!)).toEqual([2, 1, -1]);
    const s = run.pictures!.find((p) => p.id === "rfm-scores") as BarsPicture;
    expect(s.series.map((x) => x.values)).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    const size = run.pictures!.find((p) => p.id === "rfm-segments-size") as BarsPicture;
    expect(size.series[0]!.values.reduce((a, b) => a + b, 0)).toBe(2);
  });
});

describe("RFM pictures on the sample, by brute force", () => {
  const cells = readFileSync(join(__dirname, "../../../assets/sample/customers.csv"), "utf8")
    .trim()
    .split(/\r?\n/)
    .map((line, r) => line.split(",").map((c) => (r > 0 && /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
  const { table, model, run } = rfmRun(cells);
  const settings = model.rfm;
  const q = settings.bins;
  const col = (h: string) => table.rows.map((r) => r[table.headers.indexOf(h)] as number);
  const recency = col(settings.recency!);
  const frequency = col(settings.frequency!);
  const monetary = col(settings.monetary!);

  /** score = min(q, floor((midrank − 0.5) / n × q) + 1), by brute force over sorted values. */
  function scores(values: number[]): number[] {
    const sorted = [...values].sort((a, b) => a - b);
    const n = values.length;
    const first = new Map<number, number>();
    const last = new Map<number, number>();
    sorted.forEach((v, i) => {
      if (!first.has(v)) first.set(v, i + 1);
      last.set(v, i + 1);
    });
    return values.map((v) => Math.min(q, Math.floor(((first.get(v)! + last.get(v)!) / 2 - 0.5) / n * q) + 1));
  }
  const R = scores(recency.map((d) => -d));
  const F = scores(frequency);
  const M = scores(monetary);

  test("every sample customer has the three figures (so the brute force needs no blanks)", () => {
    expect([...recency, ...frequency, ...monetary].every((v) => typeof v === "number" && Number.isFinite(v))).toBe(true);
  });

  test("heatmap cells: customers and their average monetary value", () => {
    const h = picture<HeatmapPicture>(run, "rfm-heatmap");
    for (let r = 1; r <= q; r++) {
      for (let f = 1; f <= q; f++) {
        const members = R.map((_, i) => i).filter((i) => R[i] === r && F[i] === f);
        expect(h.values[q - r]![f - 1]).toBe(members.length);
        const avg = h.second!.values[q - r]![f - 1];
        if (members.length === 0) expect(avg).toBeNull();
        else expect(avg).toBeCloseTo(members.reduce((a, i) => a + monetary[i]!, 0) / members.length, 6);
      }
    }
    expect(Array.from(h.rowCells!)).toEqual(R.map((r, i) => (q - r) * q + F[i]! - 1));
  });

  test("segments by size and by value: the first matching rule, sorted", () => {
    const within = (v: number, [lo, hi]: readonly [number, number]) => (Number.isNaN(lo) || v >= lo) && (Number.isNaN(hi) || v <= hi);
    const k = settings.rules.length;
    const count = new Array<number>(k + 1).fill(0);
    const total = new Array<number>(k + 1).fill(0);
    R.forEach((r, i) => {
      const hit = settings.rules.findIndex((rule) => within(r, rule.r) && within(F[i]!, rule.f) && within(M[i]!, rule.m));
      const g = hit < 0 ? k : hit;
      count[g]!++;
      total[g]! += monetary[i]!;
    });
    const labels = [...settings.rules.map((r) => r.segment), "Others"];
    const present = labels.map((_, g) => g).filter((g) => count[g]! > 0);
    const size = picture<BarsPicture>(run, "rfm-segments-size");
    const bySize = [...present].sort((a, b) => count[b]! - count[a]! || a - b);
    expect(size.orientation).toBe("bars");
    expect(size.colourBy).toBe("groups");
    expect(size.categoryGroups).toEqual(bySize);
    expect(size.categories).toEqual(bySize.map((g) => labels[g]));
    expect(size.series[0]!.values).toEqual(bySize.map((g) => count[g]));
    const value = picture<BarsPicture>(run, "rfm-segments-value");
    const byValue = [...present].sort((a, b) => total[b]! - total[a]! || a - b);
    expect(value.valueFormat).toBe("money");
    expect(value.categoryGroups).toEqual(byValue);
    value.series[0]!.values.forEach((v, j) => expect(v).toBeCloseTo(total[byValue[j]!]!, 4));
  });

  test("scores per R, F, M", () => {
    const s = picture<BarsPicture>(run, "rfm-scores");
    const per = (xs: number[]) => Array.from({ length: q }, (_, k) => xs.filter((x) => x === k + 1).length);
    expect(s.series).toEqual([
      { name: "R", values: per(R) },
      { name: "F", values: per(F) },
      { name: "M", values: per(M) },
    ]);
  });
});
