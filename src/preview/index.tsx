/**
 * Entry of preview.html: the task pane against an in-memory workbook, no Excel and no
 * office.js. Fetches the sample customers, loads them on sheet "Customers" as table
 * "Customers" with A1 active, and their invoices on sheet "Transactions" as table
 * "Transactions" (for RFM from transactions and lifetime value), December 2011's invoice
 * lines on sheet "Lines" as table "Lines" (for cross-sell), and renders the pane beside a
 * grid. The banner's "Open a file…" button (or a file dropped on the workbook side) adds a
 * user's own CSV or .xlsx file as new sheets beside the samples (./openFile, ./OpenFile).
 *
 * Query parameters (for trying and timing):
 *   ?rows=100000   repeat the sample to this many customers (ids kept unique)
 *   ?transactions=200000  repeat the invoices to this many rows (customer ids kept unique)
 *   ?delay=200     pause this many ms after each written chunk (watch progress and cancel)
 *   ?paneWidth=320 width of the task pane column in px (240–800; default 340)
 *
 * Browser tests reach the workbook as `window.__cvPreview.workbook` (and wait on `.ready`).
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { MemoryWorkbook } from "./MemoryWorkbook";
import { PreviewApp, type PreviewState } from "./PreviewApp";
import { LINES_URL, SAMPLE_URL, TRANSACTIONS_URL, scaleSampleCsv } from "./sample";
import { clearPrefixedKeys, localStorageSettingsStore, mapSettingsStore, type SettingsStore } from "./settingsStore";

declare global {
  interface Window {
    __cvPreview?: { workbook: MemoryWorkbook; ready: Promise<void> };
  }
}

function settingsStore(): SettingsStore {
  try {
    window.localStorage.getItem("cv-preview:probe");
    return localStorageSettingsStore(window.localStorage);
  } catch {
    // Storage blocked (e.g. some privacy modes): keep settings for this visit only.
    return mapSettingsStore();
  }
}

const params = new URLSearchParams(window.location.search);
const rows = Number(params.get("rows") ?? "");
const transactionRows = Number(params.get("transactions") ?? "");
const delay = Number(params.get("delay") ?? "");
const paneWidthParam = Number(params.get("paneWidth") ?? "");
const paneWidth = Number.isFinite(paneWidthParam) && paneWidthParam >= 240 && paneWidthParam <= 800 ? paneWidthParam : undefined;

const workbook = new MemoryWorkbook({
  sheets: ["Customers"],
  settings: settingsStore(),
  chunkDelayMs: Number.isFinite(delay) && delay > 0 ? delay : 0,
});

const container = document.getElementById("root");
if (!container) throw new Error("preview.html has no #root element");
const root = createRoot(container);

function reset(): void {
  try {
    clearPrefixedKeys(window.localStorage);
  } catch {
    // nothing stored
  }
  window.location.reload();
}

function render(state: PreviewState): void {
  root.render(
    <FluentProvider theme={webLightTheme}>
      <PreviewApp state={state} onReset={reset} {...(paneWidth !== undefined ? { paneWidth } : {})} />
    </FluentProvider>,
  );
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

async function load(): Promise<void> {
  let [text, transactions, lines] = await Promise.all([fetchText(SAMPLE_URL), fetchText(TRANSACTIONS_URL), fetchText(LINES_URL)]);
  if (Number.isInteger(rows) && rows > 0) text = scaleSampleCsv(text, rows);
  if (Number.isInteger(transactionRows) && transactionRows > 0) transactions = scaleSampleCsv(transactions, transactionRows);
  workbook.loadCsv("Customers", text, { tableName: "Customers" });
  workbook.loadCsv("Transactions", transactions, { tableName: "Transactions" });
  workbook.loadCsv("Lines", lines, { tableName: "Lines" });
  workbook.select("Customers", "A1");
  const customers = workbook.extent("Customers").rows - 1;
  render({ status: "ready", workbook, customers, transactions: workbook.extent("Transactions").rows - 1, lines: workbook.extent("Lines").rows - 1 });
}

render({ status: "loading" });
const ready = load().catch((e: unknown) => {
  render({ status: "error", message: e instanceof Error ? e.message : String(e) });
});
window.__cvPreview = { workbook, ready };
