import { KMEANS } from "../../src/functions/clusters";
import { OMITTED, col, errorCode, errorMessage, excelErrorCell, firstColumn, thrownExcelError } from "../helpers/cells";

// Two blobs on one indicator: 1, 2, 3 and 101, 102, 103.
// mean 52, squared deviations 2·(49² + 50² + 51²) = 15004, population sd s = sqrt(15004 / 6).
// Centres 2 and 102: 1, 3, 101, 103 are 1/s from their centre (z-scores), 2 and 102 are on it.
const blobs = col(1, 2, 3, 101, 102, 103);
const s = Math.sqrt(15004 / 6);

/** Three blobs, nine customers, on two indicators. */
const threeBlobs = [
  [1, 10],
  [2, 11],
  [3, 10],
  [50, 90],
  [51, 91],
  [52, 90],
  [100, 10],
  [101, 11],
  [102, 10],
];

describe("CV.KMEANS", () => {
  test("one row per customer: cluster number from 1 (the largest) and distance to its centre", () => {
    const result = KMEANS(blobs, 2) as unknown[][];
    expect(result.map((r) => r.length)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(firstColumn(result)).toEqual([1, 1, 1, 2, 2, 2]);
    const distances = result.map((r) => r[1] as number);
    [1 / s, 0, 1 / s, 1 / s, 0, 1 / s].forEach((d, i) => expect(distances[i]).toBeCloseTo(d, 12));
  });

  test("the larger cluster is 1 even when its customers come later", () => {
    expect(firstColumn(KMEANS(col(101, 102, 1, 2, 3), 2))).toEqual([2, 2, 1, 1, 1]);
  });

  test("no header by default, so rows sit beside the data; headers TRUE puts Cluster, Distance on top", () => {
    const plain = KMEANS(blobs, 2);
    expect(KMEANS(blobs, 2, OMITTED, OMITTED, false)).toEqual(plain);
    const withHeader = KMEANS(blobs, 2, OMITTED, OMITTED, true);
    expect(withHeader).toHaveLength(7);
    expect(withHeader[0]).toEqual(["Cluster", "Distance"]);
    expect(withHeader.slice(1)).toEqual(plain);
  });

  test("minmax: distances in units of the range (102)", () => {
    const distances = (KMEANS(blobs, 2, "MinMax") as unknown[][]).map((r) => r[1] as number);
    [1 / 102, 0, 1 / 102, 1 / 102, 0, 1 / 102].forEach((d, i) => expect(distances[i]).toBeCloseTo(d, 14));
  });

  test("a row with every indicator blank gets #N/A in both cells; the other rows do not shift", () => {
    const result = KMEANS([[1], [2], [""], [3], [101], [null], [102], [103]], 2);
    for (const row of [2, 5]) {
      expect(result[row]!.map(errorCode)).toEqual(["#N/A", "#N/A"]);
      expect(errorMessage(result[row]![0])).toBe(`indicators row ${row + 1}: every indicator is blank`);
    }
    expect([0, 1, 3, 4, 6, 7].map((i) => result[i])).toEqual(KMEANS(blobs, 2));
  });

  test("an #N/A inside the range counts as blank", () => {
    const result = KMEANS([[1, 5], [2, excelErrorCell("#N/A")], [101, 5], [102, 6]], 2);
    expect(firstColumn(result)).toEqual([1, 1, 2, 2]);
  });

  test("k = the number of customers: each alone, distance 0", () => {
    expect(KMEANS(col(4, 1, 7), 3)).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
    ]);
  });

  test('k "auto" (or blank) takes the k with the best silhouette over 2..10: 3 for three blobs', () => {
    const auto = KMEANS(threeBlobs, "auto");
    expect(new Set(firstColumn(auto))).toEqual(new Set([1, 2, 3]));
    expect(firstColumn(auto)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3]);
    expect(auto).toEqual(KMEANS(threeBlobs, 3));
    expect(KMEANS(threeBlobs, null as unknown as string)).toEqual(auto); // a reference to a blank cell arrives as null
    expect(KMEANS(threeBlobs, "")).toEqual(auto);
    expect(KMEANS(threeBlobs, " AUTO ")).toEqual(auto);
  });

  test("k as numeric text, and numbers stored as text, are read as numbers", () => {
    expect(KMEANS(col("1", "2", "3", "101", "102", "103"), "2")).toEqual(KMEANS(blobs, 2));
  });

  test("the same seed gives the same result; seed 1 is the default", () => {
    const wide = Array.from({ length: 40 }, (_, i) => [(i * 37) % 23, (i * 11) % 17]);
    expect(KMEANS(wide, 4, OMITTED, 7)).toEqual(KMEANS(wide, 4, OMITTED, 7));
    expect(KMEANS(wide, 4)).toEqual(KMEANS(wide, 4, "zscore", 1));
  });

  describe("bad input: #VALUE! naming argument and value", () => {
    test("an unknown method", () => {
      expect(thrownExcelError(() => KMEANS(blobs, 2, "ward"))).toEqual({ code: "#VALUE!", message: 'method must be one of zscore, minmax; found "ward"' });
    });
    test("k that is text, not a whole number, zero, or more than the customers", () => {
      expect(thrownExcelError(() => KMEANS(blobs, "x"))).toEqual({ code: "#VALUE!", message: 'k: expected a whole number of clusters or "auto", found "x"' });
      expect(thrownExcelError(() => KMEANS(blobs, 2.5))).toEqual({ code: "#VALUE!", message: "k: expected a whole number from 1 to 6, found 2.5" });
      expect(thrownExcelError(() => KMEANS(blobs, 0))).toEqual({ code: "#VALUE!", message: "k: expected a whole number from 1 to 6, found 0" });
      expect(thrownExcelError(() => KMEANS([[1], [""], [3]], 3))).toEqual({ code: "#VALUE!", message: "k: 3 clusters need at least 3 customers with an indicator; found 2" });
      expect(thrownExcelError(() => KMEANS(blobs, excelErrorCell("#REF!") as unknown as string))).toEqual({
        code: "#VALUE!",
        message: 'k: expected a whole number of clusters or "auto", found the error #REF!',
      });
    });
    test("fewer distinct customers than k", () => {
      expect(thrownExcelError(() => KMEANS(col(5, 5, 8, 8), 3)).message).toBe("k: 3 clusters need at least 3 distinct customers; found 2 (identical customers always share a cluster)");
    });
    test('"auto" with too few distinct customers to compare', () => {
      expect(thrownExcelError(() => KMEANS(col(5, 5, 8), "auto")).message).toBe("k: comparing 2 or more clusters needs at least 3 distinct customers; found 2");
    });
    test("a seed that is not a whole number", () => {
      expect(thrownExcelError(() => KMEANS(blobs, 2, OMITTED, 1.5))).toEqual({ code: "#VALUE!", message: "seed: expected a whole number, found 1.5" });
      expect(thrownExcelError(() => KMEANS(blobs, 2, OMITTED, "abc" as unknown as number))).toEqual({ code: "#VALUE!", message: 'seed: expected a number, found "abc"' });
    });
    test("text in an indicator column names the first bad cell", () => {
      expect(thrownExcelError(() => KMEANS([[1, 4], [2, "lots"], ["x", 3]], 2))).toEqual({
        code: "#VALUE!",
        message: 'indicators row 2, column 2: expected a number, found "lots"',
      });
    });
    test("an Excel error value inside the range", () => {
      expect(thrownExcelError(() => KMEANS([[1], [excelErrorCell("#DIV/0!")]], 1)).message).toBe("indicators row 2, column 1: expected a number, found the error #DIV/0!");
    });
    test("an empty range", () => {
      expect(thrownExcelError(() => KMEANS([], 2)).message).toBe("indicators is empty: select a range with at least one row");
    });
  });
});
