/**
 * The preview page: the task pane (the same component Excel shows) in a task-pane-sized
 * column on the left, working on an in-memory workbook shown as a grid on the right.
 */
import { Button, Caption1, makeStyles, MessageBar, MessageBarBody, Spinner, Subtitle2, tokens, Tooltip } from "@fluentui/react-components";
import { TaskPane } from "../taskpane/TaskPane";
import type { MemoryWorkbook } from "./MemoryWorkbook";
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
  },
  bannerText: { flexGrow: 1, color: "#FFFFFF" },
  centre: { display: "grid", placeItems: "center", height: "100vh", padding: tokens.spacingHorizontalXXL },
});

/** What the page shows while loading, on failure, and once the workbook is ready. */
export type PreviewState =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; workbook: MemoryWorkbook; customers: number; transactions?: number; lines?: number };

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
  return (
    <div className={styles.page} style={{ gridTemplateColumns: `${paneWidth}px minmax(0, 1fr)` }}>
      <aside className={styles.pane} aria-label="Customer Value task pane">
        <div className={styles.paneTitle}>
          <img src="assets/icon-16.png" alt="" width={16} height={16} />
          <Subtitle2 as="span">Customer Value</Subtitle2>
        </div>
        <div className={styles.paneBody}>
          <TaskPane workbook={state.workbook} host="preview" />
        </div>
      </aside>
      <main className={styles.workbook}>
        <div className={styles.banner}>
          <Caption1 className={styles.bannerText}>
            Preview without Excel: an in-memory workbook with {state.customers.toLocaleString("en-GB")} sample customers (UCI
            Online Retail){state.transactions ? `, their ${state.transactions.toLocaleString("en-GB")} invoices (sheet Transactions)` : ""}
            {state.lines ? ` and December 2011's ${state.lines.toLocaleString("en-GB")} invoice lines (sheet Lines)` : ""}. Nothing
            leaves this browser; the model is kept in its local storage.
          </Caption1>
          <Tooltip content="Forget the saved model and reload the sample" relationship="description">
            <Button size="small" appearance="secondary" onClick={onReset}>
              Reset preview
            </Button>
          </Tooltip>
        </div>
        <SpreadsheetView workbook={state.workbook} />
      </main>
    </div>
  );
}
