/** Money in the user's number format: which source formats show amounts, and the swap of the engine's money mark. */
import { MONEY_FORMAT, PLAIN_MONEY_FORMAT, inMoney, moneyFormatFrom } from "../../src/engine";

describe("moneyFormatFrom", () => {
  test.each([
    ["£#,##0.00", "£#,##0.00"],
    ["[$€-x-euro2] #,##0.00", "[$€-x-euro2] #,##0.00"],
    ['"$"#,##0.00_);[Red]("$"#,##0.00)', '"$"#,##0.00_);[Red]("$"#,##0.00)'],
    ["#,##0", "#,##0"],
    ["0.00", "0.00"],
  ])("an amount format is kept: %s", (source, expected) => {
    expect(moneyFormatFrom(source)).toBe(expected);
  });

  test.each(["General", "general", "@", "", "yyyy-mm-dd", "d/m/yyyy h:mm", "0%", "0.0%", "# ?/?", "0.00E+00", "[h]:mm"])("not an amount, so plain money: %s", (source) => {
    expect(moneyFormatFrom(source)).toBe(PLAIN_MONEY_FORMAT);
  });

  test("no format at all gives plain money", () => {
    expect(moneyFormatFrom(undefined)).toBe("#,##0.00");
    expect(moneyFormatFrom(null)).toBe("#,##0.00");
  });
});

describe("inMoney", () => {
  test("swaps only the money mark, not a plain two-decimal figure", () => {
    expect(inMoney([null, "#,##0", MONEY_FORMAT, "0.0%", "#,##0.00", MONEY_FORMAT], "£#,##0.00")).toEqual([null, "#,##0", "£#,##0.00", "0.0%", "#,##0.00", "£#,##0.00"]);
  });

  test("with plain money the mark becomes #,##0.00; a list without the mark comes back as it was", () => {
    expect(inMoney([MONEY_FORMAT], PLAIN_MONEY_FORMAT)).toEqual(["#,##0.00"]);
    const formats = ["0", null];
    expect(inMoney(formats, "£#,##0.00")).toBe(formats);
  });

  test("the mark reads as #,##0.00 does (a negative section spelt out), so an unswapped one still shows money", () => {
    expect(MONEY_FORMAT.split(";")).toEqual(["#,##0.00", "-#,##0.00"]);
  });
});
