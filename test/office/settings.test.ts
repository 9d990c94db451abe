/**
 * OfficeWorkbook settings against an office-addin-mock `Office`: saveSetting = set +
 * saveAsync, loadSetting = get; the model survives reopening the document.
 */
import { OfficeWorkbook, type OfficeHost } from "../../src/office/OfficeWorkbook";
import { FakeSettings } from "./fakeExcel";

const MODEL = JSON.stringify({ analysis: "pyramid", weights: { revenue: 0.5, invoices: 0.3, recency: 0.2 }, label: "客户价值" });

describe("document settings", () => {
  test("round trip: set + saveAsync, then get (also after reopening the document)", async () => {
    const settings = new FakeSettings();
    const workbook = new OfficeWorkbook({ office: settings.office as unknown as OfficeHost });
    expect(await workbook.loadSetting("cv.model")).toBeNull();

    await workbook.saveSetting("cv.model", MODEL);
    expect(settings.saveCalls).toBe(1);
    expect(settings.saved.get("cv.model")).toBe(MODEL);
    expect(await workbook.loadSetting("cv.model")).toBe(MODEL);

    settings.reopen();
    const reopened = new OfficeWorkbook({ office: settings.office as unknown as OfficeHost });
    expect(await reopened.loadSetting("cv.model")).toBe(MODEL);
    expect(await reopened.loadSetting("other")).toBeNull();
  });

  test("a value saved as an object by other code comes back as JSON text", async () => {
    const settings = new FakeSettings();
    (settings.office.context.document.settings as Office.Settings).set("legacy", { a: 1 });
    const workbook = new OfficeWorkbook({ office: settings.office as unknown as OfficeHost });
    expect(await workbook.loadSetting("legacy")).toBe('{"a":1}');
  });

  test("a failed save rejects with Office's message and does not store the value", async () => {
    const settings = new FakeSettings();
    settings.failNextSave = "The document is read-only";
    const workbook = new OfficeWorkbook({ office: settings.office as unknown as OfficeHost });
    await expect(workbook.saveSetting("cv.model", MODEL)).rejects.toThrow('Could not save the setting "cv.model": The document is read-only');
    expect(settings.saved.has("cv.model")).toBe(false);
  });

  test("outside Office: a clear error", async () => {
    await expect(new OfficeWorkbook().loadSetting("cv.model")).rejects.toThrow("Office document settings are not available");
  });
});
