/**
 * The fuzz harness catches what it is meant to catch. Each known failure class (issue 12)
 * is played by a stand-in function that behaves like the bug, so these tests fail if a
 * change to the harness stops detecting it — the real functions may have been fixed since.
 */
import { errorValue } from "./excelArgs";
import { checkedCall } from "./invariants";
import { specProblems } from "./property";
import { runInChildren } from "./runChild";
import { SPECS, type FuzzSpec } from "./specs";

const spec = (name: string): FuzzSpec => {
  const found = SPECS.find((s) => s.name === name);
  if (!found) throw new Error(name);
  return found;
};
const kinds = (s: FuzzSpec, fn: (...args: never[]) => unknown, args: unknown[]): string[] => specProblems({ ...s, fn }, args).problems.map((p) => p.kind);

test("a customer id that is an error cell's text is caught (CV.RFM({\"A\";#DIV/0!;#REF!},…) made a customer \"#DIV/0!\")", () => {
  const args = [[["A"], [errorValue("#DIV/0!")], [errorValue("#REF!")]], [[40000], [40001], [40002]], [[1], [2], [3]]];
  const buggy = () => [["Customer", "Recency (days)"], ["A", 3], ["#DIV/0!", 2], ["#REF!", 1]];
  expect(kinds(spec("RFM"), buggy, args)).toContain("text cell holds an Excel error's text (an error cell read as a value)");
});

test("a share that overflows to 0 is caught by the rescaled call (CV.PARETOSHARE({9e307;9e307}) gave 0)", () => {
  // The naive share: the top 20% of 2 customers hold 0.4 of the larger value over a total that overflows to Infinity.
  const naive = (values: unknown[][]) => {
    const v = values.map((r) => r[0] as number).sort((a, b) => b - a);
    const total = v.reduce((s, x) => s + x, 0);
    return (0.4 * (v[0] as number)) / total;
  };
  expect(naive([[9e307], [9e307]])).toBe(0);
  expect(kinds(spec("PARETOSHARE"), naive, [[[9e307], [9e307]], null])).toContain("result changes when every value is scaled by a power of two (overflow/underflow)");
});

test("Infinity, NaN, undefined, an empty result and a thrown TypeError are each caught", () => {
  const grid = [[1]];
  expect(checkedCall(() => [[Infinity]], [grid], "grid").problems.map((p) => p.kind)).toEqual(["cell is ±Infinity"]);
  expect(checkedCall(() => [[NaN]], [grid], "grid").problems.map((p) => p.kind)).toEqual(["cell is NaN"]);
  expect(checkedCall(() => [[undefined]], [grid], "grid").problems.map((p) => p.kind)).toEqual(["cell is undefined"]);
  expect(checkedCall(() => [], [grid], "grid").problems.map((p) => p.kind)).toEqual(["result is an empty array (Excel cannot spill it)"]);
  expect(checkedCall(() => [[1], [1, 2]], [grid], "grid").problems.map((p) => p.kind)).toEqual(["result is ragged (rows of different widths)"]);
  expect(checkedCall(() => { throw new TypeError("x is undefined"); }, [grid], "grid").problems.map((p) => p.kind)).toEqual(["threw TypeError: x is undefined"]);
  expect(checkedCall(() => { throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue); }, [grid], "grid").problems.map((p) => p.kind)).toEqual(["error without a message"]);
  expect(checkedCall(() => { throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, "values row 1: found 3"); }, [grid], "grid").problems).toEqual([]);
  expect(checkedCall(() => [[new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, "Unexpected error: a is not a function")]], [grid], "grid").problems.map((p) => p.kind)).toEqual(["internal exception surfaced as #N/A: Unexpected error: a is not a function"]);
  expect(checkedCall(() => [["found NaN days"]], [grid], "grid").problems.map((p) => p.kind)).toEqual(['text cell contains "NaN"']);
  expect(checkedCall(() => [["lift is undefined"]], [grid], "grid").problems).toEqual([]);
});

test("a call that never ends and one that runs out of memory fail their own names, and the run goes on (CV.MARKOVCLV periods 1e308 hung)", async () => {
  const hang = await runInChildren("selftest", ["hang", "fine"], { watchdogMs: 3_000 });
  expect(hang.get("hang")?.ok).toBe(false);
  expect(hang.get("hang")?.report).toMatch(/no call finished within 3 s \(hang\): the call in flight was\n {2}CV.selftest hang/);
  expect(hang.get("fine")?.ok).toBe(true);
  const oom = await runInChildren("selftest", ["oom", "fine"], { watchdogMs: 60_000, memoryMb: 256 });
  expect(oom.get("oom")?.ok).toBe(false);
  expect(oom.get("oom")?.report).toMatch(/out of memory/);
  expect(oom.get("fine")?.ok).toBe(true);
}, 120_000);
