/**
 * Settings declared once: the defaults, the reading of a saved model and the run's checks
 * come from one declaration, with one wording per setting.
 */
import { choice, column, declareSettings, defaultLifetimeSettings, defaultModel, modelColumns, numberSetting, optionalDate, wholeNumber } from "../../src/engine";
import { thrownCvError } from "../helpers/errors";

const declaration = declareSettings("demo", "Demo", {
  date: column("date column", ({ profiles }) => profiles.find((p) => p.kind === "date")?.header ?? null),
  unit: choice("time unit", ["day", "week", "month"] as const, "week"),
  share: numberSetting({ words: "minimum share", allowed: "a share above 0 and at most 1", initial: 0.01, min: 0, aboveMin: true, max: 1 }),
  top: wholeNumber({ words: "top", initial: 3, min: 1, max: 100 }),
  asOf: optionalDate("as-of date"),
});

describe("declareSettings", () => {
  test("defaults from the table: the first date column, and each field's default", () => {
    const profiles = [
      { header: "Name", kind: "text" },
      { header: "When", kind: "date" },
    ] as never;
    expect(declaration.defaults({ profiles, value: null })).toEqual({ date: "When", unit: "week", share: 0.01, top: 3, asOf: null });
  });

  test("a saved model without a field gets the field's default; a present field is checked", () => {
    expect(declaration.parse({ date: "D" })).toEqual({ date: "D", unit: "week", share: 0.01, top: 3, asOf: null });
    expect(declaration.parse({ date: null, unit: "day", share: 1, top: 100, asOf: "2024-07-01" })).toEqual({ date: null, unit: "day", share: 1, top: 100, asOf: "2024-07-01" });
  });

  test.each([
    [{ unit: "year" }, 'model demo.unit: expected "day", "week" or "month", found "year"'],
    [{ share: 0 }, "model demo.share: expected a share above 0 and at most 1, found 0"],
    [{ share: "1%" }, 'model demo.share: expected a share above 0 and at most 1, found "1%"'],
    [{ top: 2.5 }, "model demo.top: expected a whole number from 1 to 100, found 2.5"],
    [{ top: 101 }, "model demo.top: expected a whole number from 1 to 100, found 101"],
    [{ asOf: "soon" }, 'model demo.asOf: expected a date as yyyy-mm-dd or null, found "soon"'],
    [{ date: 7 }, "model demo.date: expected a column name or null, found 7"],
  ])("reading %j fails with the field's one wording", (change, message) => {
    expect(thrownCvError(() => declaration.parse({ date: null, ...change })).message).toBe(message);
  });

  test("not an object", () => {
    expect(thrownCvError(() => declaration.parse(3)).message).toBe("model demo: expected the demo settings, found 3");
    expect(thrownCvError(() => declaration.parse([])).message).toBe("model demo: expected the demo settings, found []");
  });

  test("the run's check uses the same allowed words, with the setting's name in a sentence", () => {
    const ok = declaration.defaults({ profiles: [], value: null });
    expect(() => declaration.check(ok)).not.toThrow();
    expect(thrownCvError(() => declaration.check({ ...ok, top: 0 })).message).toBe("Demo top: expected a whole number from 1 to 100, found 0.");
    expect(thrownCvError(() => declaration.check({ ...ok, share: Number.NaN })).message).toBe("Demo minimum share: expected a share above 0 and at most 1, found NaN.");
  });

  test("the columns the settings name: every column field that is set", () => {
    expect(declaration.columns({ date: "When", unit: "week", share: 0.5, top: 3, asOf: null })).toEqual(["When"]);
    expect(declaration.columns({ date: null, unit: "week", share: 0.5, top: 3, asOf: null })).toEqual([]);
  });

  test("a model's columns: roles, indicators and its analysis's own columns", () => {
    const base = defaultModel({ id: "CustomerID", name: null, value: "Amount", indicators: [], groupBy: null } as never);
    const lifetime = { ...base, analysis: "lifetime" as const, lifetime: { ...defaultLifetimeSettings([], "Amount"), date: "InvoiceDate" } };
    expect(modelColumns(lifetime)).toEqual(["CustomerID", "Amount", "InvoiceDate"]);
    expect(modelColumns({ ...lifetime, analysis: "pyramid" })).toEqual(["CustomerID", "Amount"]);
  });
});
