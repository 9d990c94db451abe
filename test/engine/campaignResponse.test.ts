import fc from "fast-check";
import { campaignResponse } from "../../src/engine/development/campaignResponse";
import { thrownCvError } from "../helpers/errors";

const errorCell = (code: string) => ({ code });

describe("campaign response by group: a hand example", () => {
  // Email: 4 contacted, 2 responded → 1/2; Phone: 5 contacted, 1 responded → 1/5; group 3: 1 contacted, none.
  // Overall 3 of 10 = 3/10; lifts (1/2)/(3/10) = 5/3, (1/5)/(3/10) = 2/3, 0.
  const groups = ["Email", "Phone", " email ", "Phone", "EMAIL", "Phone", 3, "Email", "Phone", "", "Phone", null];
  const responded = [1, 0, true, "no", "No", false, "0", 0, " YES ", "", "NO", null];

  test("contacted, responded, rate and lift per group, in order of first appearance; groups match ignoring case and spaces", () => {
    const r = campaignResponse(groups, responded);
    expect(r.groups).toEqual(["Email", "Phone", 3]);
    expect(Array.from(r.contacted)).toEqual([4, 5, 1]);
    expect(Array.from(r.responded)).toEqual([2, 1, 0]);
    expect(Array.from(r.rate)).toEqual([1 / 2, 1 / 5, 0]);
    expect(r.lift[0]).toBeCloseTo(5 / 3, 12);
    expect(r.lift[1]).toBeCloseTo(2 / 3, 12);
    expect(r.lift[2]).toBe(0);
    expect(r.total).toEqual({ contacted: 10, responded: 3, rate: 3 / 10, lift: 1 });
    // rows 10 and 12 are blank in both columns
    expect(r.blankRows).toBe(2);
  });

  test("a number and its text are one group; #N/A in both cells is a blank row", () => {
    const r = campaignResponse([2024, "2024", errorCell("#N/A"), "B"], ["yes", 0, errorCell("#N/A"), 1]);
    expect(r.groups).toEqual([2024, "B"]);
    expect(Array.from(r.contacted)).toEqual([2, 1]);
    expect(r.blankRows).toBe(1);
    // 2024: 1/2, B: 1/1; overall 2/3 → lifts (1/2)/(2/3) = 3/4 and 1/(2/3) = 3/2
    expect(Array.from(r.lift)).toEqual([3 / 4, 3 / 2]);
  });

  test("nobody responded: rates 0 and every lift undefined (NaN)", () => {
    const r = campaignResponse(["A", "B", "B"], [0, "no", false]);
    expect(Array.from(r.rate)).toEqual([0, 0]);
    expect(Array.from(r.lift).every(Number.isNaN)).toBe(true);
    expect(r.total.rate).toBe(0);
    expect(r.total.lift).toBeNaN();
  });
});

describe("responses are read like every flag (README: one reading of each kind of cell)", () => {
  test("Y/N, yes/no, TRUE/FALSE, 1/0 in any case; a number other than 0 is a response, as in Excel's IF", () => {
    // Yes: 1, true, "1", "Y", " yes ", "TRUE", 2 (7 rows); no: 0, false, "0", "n", "No", "false" (6 rows). One group A: 7 of 13.
    const answers = [1, true, "1", "Y", " yes ", "TRUE", 2, 0, false, "0", "n", "No", "false"];
    const r = campaignResponse(answers.map(() => "A"), answers);
    expect([r.contacted[0], r.responded[0]]).toEqual([13, 7]);
  });
});

describe("bad input names the argument, the row and the value", () => {
  test.each([
    [["A", "", "B"], [1, 0, 1], "BAD_VALUE", "groups row 2 is blank beside responded 0: every contacted customer needs a group"],
    [["A", "B"], [1, ""], "BAD_VALUE", 'responded row 2 is blank beside the group "B": give TRUE/FALSE, 1/0, Y/N or yes/no for every contacted customer'],
    [["A", "B"], [1, "maybe"], "BAD_VALUE", 'responded row 2: expected TRUE/FALSE, 1/0, Y/N or yes/no, found "maybe"'],
    [["A", "B"], [1, errorCell("#DIV/0!")], "BAD_VALUE", "responded row 2: expected TRUE/FALSE, 1/0, Y/N or yes/no, found the error #DIV/0!"],
    [["A", true], [1, 0], "BAD_VALUE", "groups row 2: expected a group label (text or a number), found true"],
    [[errorCell("#REF!")], [1], "BAD_VALUE", "groups row 1: expected a group label (text or a number), found the error #REF!"],
    [["A", "B"], [1], "LENGTH_MISMATCH", "responded has 1 rows but groups has 2: select ranges of the same height"],
    [["", null], ["", null], "EMPTY_INPUT", "groups and responded hold no contacted customers: select a group and a response (1/0) per customer"],
  ])("%j, %j → %s", (groups, responded, code, message) => {
    const e = thrownCvError(() => campaignResponse(groups, responded));
    expect(e.code).toBe(code);
    expect(e.message).toBe(message);
  });
});

describe("properties", () => {
  const rows = fc.array(fc.tuple(fc.constantFrom("A", "b", "B", " a", "C", 7, "7"), fc.boolean()), { minLength: 1, maxLength: 60 });
  test("totals are the sums of the groups; each group counts its own rows; the lifts average 1 over customers", () => {
    fc.assert(
      fc.property(rows, (data) => {
        const r = campaignResponse(
          data.map(([g]) => g),
          data.map(([, y]) => (y ? 1 : 0)),
        );
        const sum = (xs: Int32Array) => xs.reduce((s, x) => s + x, 0);
        expect(r.total.contacted).toBe(data.length);
        expect(sum(r.contacted)).toBe(r.total.contacted);
        expect(sum(r.responded)).toBe(r.total.responded);
        expect(r.total.responded).toBe(data.filter(([, y]) => y).length);
        r.groups.forEach((label, g) => {
          const mine = data.filter(([x]) => String(x).trim().toLowerCase() === String(label).toLowerCase());
          expect(r.contacted[g]).toBe(mine.length);
          expect(r.responded[g]).toBe(mine.filter(([, y]) => y).length);
          expect(r.rate[g]).toBe(r.responded[g]! / r.contacted[g]!);
        });
        if (r.total.responded > 0) {
          // Σ contacted × lift / Σ contacted = Σ responded / (overall × Σ contacted) = 1
          const weighted = r.groups.reduce((s: number, _, g) => s + r.contacted[g]! * r.lift[g]!, 0);
          expect(weighted / r.total.contacted).toBeCloseTo(1, 12);
        }
      }),
    );
  });
});
