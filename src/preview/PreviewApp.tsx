/**
 * The preview page: the task pane (the same component Excel shows) in a task-pane-sized
 * column on the left, working on an in-memory workbook shown as a grid on the right. The
 * banner above the grid says what the workbook holds and opens a user's own CSV or .xlsx
 * file (its button, or a file dropped on the workbook side: see ./OpenFile).
 */
import {
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  tokens,
  Tooltip,
} from "@fluentui/react-components";
import type { DragEvent } from "react";
import { TaskPane } from "../taskpane/TaskPane";
import type { MemoryWorkbook } from "./MemoryWorkbook";
import { FileDropZone, OpenFileButton, useOpenFile, type OpenFileStatus } from "./OpenFile";
import { SpreadsheetView } from "./SpreadsheetView";

/** Width of the task pane column (Excel's pane is about 320–350 px wide); `?paneWidth=320` changes it. */
export const PANE_WIDTH = 340;

const useStyles = makeStyles({
  page: {
    display: "grid",
    height: "100vh",
    backgroundColor: tokens.colorNeutralBackground3,
  },
  pane: {
    display: "flex",
    flexDirection: "column",
    minHeight: 0,
    borderRight: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  paneTitle: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  paneBody: { flexGrow: 1, minHeight: 0, overflowY: "auto", overflowX: "hidden" },
  workbook: { display: "flex", flexDirection: "column", minWidth: 0, minHeight: 0, backgroundColor: tokens.colorNeutralBackground1 },
  banner: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    backgroundColor: "#217346",
    color: "#FFFFFF",
    // The buttons keep their one line; the sentence wraps instead.
    "& > button": { flexShrink: 0, whiteSpace: "nowrap" },
  },
  bannerText: { flexGrow: 1, color: "#FFFFFF" },
  spinnerLabel: { color: "#FFFFFF" },
  error: { borderRadius: 0, flexShrink: 0 },
  centre: { display: "grid", placeItems: "center", height: "100vh", padding: tokens.spacingHorizontalXXL },
});

/** What the page shows while loading, on failure, and once the workbook is ready. */
export type PreviewState =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; workbook: MemoryWorkbook; customers: number; transactions?: number; lines?: number };

/** The banner's sentence: the sample, or the file just opened (with a hint when it has no Excel table). */
function bannerText(state: Extract<PreviewState, { status: "ready" }>, status: OpenFileStatus): string {
  if (status.kind === "opened") {
    const { opened } = status;
    const tables = opened.tables.length > 0 ? ` (table${opened.tables.length === 1 ? "" : "s"} ${opened.tables.join(", ")})` : "";
    const hint = opened.tables.length === 0 ? ' It is not an Excel table: in the pane, choose "The current region".' : "";
    return `${opened.message}${tables}, beside the sample sheets.${hint} Nothing leaves this browser.`;
  }
  return (
    `Preview without Excel: an in-memory workbook with ${state.customers.toLocaleString("en-GB")} sample customers (UCI Online Retail)` +
    (state.transactions ? `, their ${state.transactions.toLocaleString("en-GB")} invoices (sheet Transactions)` : "") +
    (state.lines ? ` and December 2011's ${state.lines.toLocaleString("en-GB")} invoice lines (sheet Lines)` : "") +
    ". Nothing leaves this browser; the model is kept in its local storage."
  );
}

/** Stops a file dropped outside the drop zone (on the pane) from making the browser leave the page to show it. */
function keepPage(e: DragEvent): void {
  if (Array.from(e.dataTransfer?.types ?? []).includes("Files")) e.preventDefault();
}

/** The page once the workbook is ready: pane, banner (with "Open a file…"), grid. */
function ReadyPreview({ state, onReset, paneWidth }: { state: Extract<PreviewState, { status: "ready" }>; onReset: () => void; paneWidth: number }) {
  const styles = useStyles();
  const { status, open, dismiss } = useOpenFile(state.workbook);
  const onFile = (file: File) => void open(file);
  return (
    <div className={styles.page} style={{ gridTemplateColumns: `${paneWidth}px minmax(0, 1fr)` }} onDragOver={keepPage} onDrop={keepPage}>
      <aside className={styles.pane} aria-label="Customer Value task pane">
        <div className={styles.paneTitle}>
          <img src="assets/icon-16.png" alt="" width={16} height={16} />
          <Subtitle2 as="span">Customer Value</Subtitle2>
        </div>
        <div className={styles.paneBody}>
          <TaskPane workbook={state.workbook} host="preview" />
        </div>
      </aside>
      <FileDropZone className={styles.workbook} onFile={onFile}>
        <div className={styles.banner}>
          {status.kind === "opening" ? (
            <Spinner className={styles.bannerText} size="tiny" labelPosition="after" label={{ children: `Opening ${status.fileName}…`, className: styles.spinnerLabel }} />
          ) : (
            <Caption1 className={styles.bannerText} data-testid="preview-banner-text">
              {bannerText(state, status)}
            </Caption1>
          )}
          <OpenFileButton onFile={onFile} disabled={status.kind === "opening"} />
          <Tooltip content="Forget the saved model and reload the sample" relationship="description">
            <Button size="small" appearance="secondary" onClick={onReset}>
              Reset preview
            </Button>
          </Tooltip>
        </div>
        {status.kind === "error" && (
          <MessageBar intent="error" className={styles.error} data-testid="open-file-error">
            <MessageBarBody>
              <MessageBarTitle>Could not open {status.fileName}</MessageBarTitle>
              {status.message}
            </MessageBarBody>
            <MessageBarActions>
              <Button size="small" appearance="transparent" onClick={dismiss}>
                Dismiss
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        <SpreadsheetView workbook={state.workbook} />
      </FileDropZone>
    </div>
  );
}

/**
 * The whole preview page for a state of the workbook: a spinner while the sample loads, the
 * reason when it could not, then the pane beside the workbook (see {@link PANE_WIDTH}).
 *
 * @example root.render(<PreviewApp state={{ status: "ready", workbook, customers: 4338 }} onReset={reset} />)
 */
export function PreviewApp({ state, onReset, paneWidth = PANE_WIDTH }: { state: PreviewState; onReset: () => void; paneWidth?: number }) {
  const styles = useStyles();
  if (state.status === "loading") {
    return (
      <div className={styles.centre}>
        <Spinner label="Loading the sample customer table…" />
      </div>
    );
  }
  if (state.status === "error") {
    return (
      <div className={styles.centre}>
        <MessageBar intent="error">
          <MessageBarBody>Could not load the sample customers: {state.message}</MessageBarBody>
        </MessageBar>
      </div>
    );
  }
  return <ReadyPreview state={state} onReset={onReset} paneWidth={paneWidth} />;
}
