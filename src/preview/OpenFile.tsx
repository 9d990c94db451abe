/**
 * The preview page's "open your own data" controls: the "Open a file…" button (with its
 * hidden file input), the drop-target overlay shown while a file is dragged over the
 * workbook, and the hook that opens a file in the in-memory workbook (./openFile) and
 * reports what happened for the banner.
 */
import { Button, makeStyles, Subtitle1, tokens, Tooltip } from "@fluentui/react-components";
import { useCallback, useRef, useState, type DragEvent, type ReactNode } from "react";
import type { MemoryWorkbook } from "./MemoryWorkbook";
import { openFile, type OpenedFile } from "./openFile";

/** What the file input accepts (the file picker's filter). */
export const OPEN_FILE_ACCEPT = ".csv,.xlsx,text/csv";

/** Where opening a file stands: nothing yet, reading one, the last one opened, or why it failed. */
export type OpenFileStatus =
  | { kind: "idle" }
  | { kind: "opening"; fileName: string }
  | { kind: "opened"; opened: OpenedFile }
  | { kind: "error"; fileName: string; message: string };

/** Resolves after the browser has painted (so a spinner shows before a long synchronous parse). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * Opens files in the workbook one at a time and tracks the status: "opening" (painted before
 * the file is parsed), then "opened" or "error" with openFile's message. A file given while
 * another is opening is ignored. Cost: that of {@link openFile}.
 *
 * @example const { status, open } = useOpenFile(workbook); <input type="file" onChange={(e) => open(e.target.files![0]!)} />
 */
export function useOpenFile(workbook: MemoryWorkbook): { status: OpenFileStatus; open(file: File): Promise<void>; dismiss(): void } {
  const [status, setStatus] = useState<OpenFileStatus>({ kind: "idle" });
  const busy = useRef(false);
  const open = useCallback(
    async (file: File) => {
      if (busy.current) return;
      busy.current = true;
      setStatus({ kind: "opening", fileName: file.name });
      try {
        await afterPaint();
        const bytes = new Uint8Array(await file.arrayBuffer());
        const opened = await openFile(workbook, { name: file.name, bytes });
        setStatus({ kind: "opened", opened });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        setStatus({ kind: "error", fileName: file.name, message: message.includes(file.name) ? message : `${file.name}: ${message}` });
      } finally {
        busy.current = false;
      }
    },
    [workbook],
  );
  const dismiss = useCallback(() => setStatus((s) => (s.kind === "error" ? { kind: "idle" } : s)), []);
  return { status, open, dismiss };
}

/**
 * The "Open a file…" button: a Fluent button that opens the browser's file picker (a hidden
 * `<input type="file">`, CSV and .xlsx) and hands the chosen file to `onFile`.
 *
 * @example <OpenFileButton onFile={open} disabled={status.kind === "opening"} />
 */
export function OpenFileButton({ onFile, disabled = false }: { onFile(file: File): void; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Tooltip content="Open a CSV or .xlsx file of your own as new sheets (or drop it on the workbook)" relationship="description">
        <Button size="small" appearance="secondary" disabledFocusable={disabled} onClick={() => input.current?.click()}>
          Open a file…
        </Button>
      </Tooltip>
      <input
        ref={input}
        type="file"
        accept={OPEN_FILE_ACCEPT}
        aria-label="Open a CSV or .xlsx file"
        data-testid="open-file-input"
        style={{ display: "none" }}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared, so choosing the same file again fires change again.
          e.target.value = "";
          if (file) onFile(file);
        }}
      />
    </>
  );
}

const useDropStyles = makeStyles({
  area: { position: "relative", display: "flex", flexDirection: "column", minWidth: 0, minHeight: 0 },
  overlay: {
    position: "absolute",
    inset: 0,
    zIndex: 10,
    display: "grid",
    placeItems: "center",
    pointerEvents: "none",
    border: "3px dashed #217346",
    backgroundColor: "rgba(33, 115, 70, 0.12)",
    color: "#185C37",
  },
  label: {
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow16,
  },
});

function hasFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes("Files");
}

/**
 * A drop zone around its children (the workbook side of the page): while a file is dragged
 * over it, a dashed overlay says "Drop a CSV or .xlsx file to open it"; a dropped file goes to
 * `onFile` (the first, when several are dropped).
 *
 * @example <FileDropZone className={styles.workbook} onFile={open}><SpreadsheetView … /></FileDropZone>
 */
export function FileDropZone({ onFile, className, children }: { onFile(file: File): void; className?: string; children: ReactNode }) {
  const styles = useDropStyles();
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them to know when the file left.
  const depth = useRef(0);
  return (
    <main
      className={`${styles.area}${className ? ` ${className}` : ""}`}
      data-testid="file-drop-zone"
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current++;
        setDragging(true);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
      }}
      onDragLeave={(e) => {
        if (!hasFiles(e)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        depth.current = 0;
        setDragging(false);
        const file = e.dataTransfer?.files?.[0];
        if (file) onFile(file);
      }}
    >
      {children}
      {dragging && (
        <div className={styles.overlay} data-testid="drop-overlay" role="status">
          <Subtitle1 className={styles.label}>Drop a CSV or .xlsx file to open it</Subtitle1>
        </div>
      )}
    </main>
  );
}
