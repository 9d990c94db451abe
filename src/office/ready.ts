/**
 * Waits for Office.js and tells which host the page runs in: "Excel" inside Excel, null in
 * a plain browser (or when office.js is not loaded at all).
 *
 * @example whenOfficeReady().then((host) => host === "Excel")
 */
export function whenOfficeReady(): Promise<string | null> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return Promise.resolve(null);
  return Office.onReady().then(
    // HostType is typed as an enum but its runtime values are strings ("Excel").
    (info) => (info.host == null ? null : String(info.host)),
    () => null,
  );
}
