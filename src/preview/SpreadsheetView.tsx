/**
 * The workbook side of the preview page, laid out like Excel: a name box and formula bar on
 * top, the grid of the active sheet, then the sheet tabs (a Fluent TabList) and a status bar
 * with the selection's count, sum and average (or "Calculating…" while formulas calculate).
 *
 * The formula bar edits the active cell (Enter commits through MemoryWorkbook.editCell,
 * Escape reverts). For a cell a dynamic array spilled into it shows the anchor's formula
 * greyed, as Excel does; under it, the reason of an error value the active cell shows.
 */
import { Caption1, Input, makeStyles, mergeClasses, Tab, TabList, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useState, useSyncExternalStore, type KeyboardEvent } from "react";
import { blockAddress, parseAddress } from "../workbook/address";
import { Grid } from "./Grid";
import { selectionStats } from "./gridModel";
import type { MemoryWorkbook } from "./MemoryWorkbook";
import { editText } from "./formulas/entry";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", minWidth: 0, minHeight: 0, flexGrow: 1 },
  bar: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  nameBox: { width: "110px", flexShrink: 0 },
  fx: { color: tokens.colorNeutralForeground3, fontStyle: "italic", fontFamily: "Georgia, serif", padding: "0 4px" },
  formula: { flexGrow: 1, minWidth: 0 },
  spilledFormula: { "& input": { color: tokens.colorNeutralForegroundDisabled } },
  message: {
    padding: `2px ${tokens.spacingHorizontalS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorPaletteYellowBackground1,
    color: tokens.colorNeutralForeground1,
    overflowWrap: "anywhere",
  },
  footer: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    paddingRight: tokens.spacingHorizontalM,
    minHeight: "32px",
  },
  tabs: { flexGrow: 1, minWidth: 0, overflowX: "auto" },
  status: { color: tokens.colorNeutralForeground2, whiteSpace: "nowrap" },
});

/** Re-renders on every workbook change; returns the workbook's version. */
export function useWorkbookVersion(workbook: MemoryWorkbook): number {
  const subscribe = useCallback((listener: () => void) => workbook.subscribe(listener), [workbook]);
  return useSyncExternalStore(subscribe, () => workbook.version);
}

function formatStat(v: number): string {
  return v.toLocaleString("en-GB", { maximumFractionDigits: 2 });
}

export function SpreadsheetView({ workbook }: { workbook: MemoryWorkbook }) {
  const styles = useStyles();
  const version = useWorkbookVersion(workbook);
  const [sheets, setSheets] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void workbook.sheetNames().then((names) => {
      if (live) setSheets((old) => (old.join("\u0000") === names.join("\u0000") ? old : names));
    });
    return () => {
      live = false;
    };
  }, [workbook, version]);

  const sheet = workbook.activeSheet;
  const active = workbook.activeCell(sheet);
  const selection = workbook.selection(sheet);
  const address = blockAddress(selection.top, selection.left, selection.rows, selection.columns);
  const cell = workbook.cellAt(sheet, active.row, active.column);
  const anchor = workbook.spillAnchor(sheet, active.row, active.column);
  const contents = editText(anchor?.cell ?? cell);
  const message = cell?.message;

  // The formula bar's text: the cell's content until the user types; reset when the cell or its content changes.
  const [draft, setDraft] = useState(contents);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    setDraft(contents);
    setDirty(false);
  }, [contents, sheet, active.row, active.column]);
  const onFormulaKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Escape") {
      setDraft(contents);
      setDirty(false);
      return;
    }
    if (e.key !== "Enter") return;
    e.preventDefault();
    if (dirty) void workbook.editCell(sheet, active.row, active.column, draft);
    setDirty(false);
    // Back to the grid, as Excel returns to the sheet after Enter in the formula bar.
    const grid = document.querySelector<HTMLElement>('[data-testid="preview-grid"]');
    grid?.focus({ preventScroll: true });
  };

  const [nameBox, setNameBox] = useState(address);
  useEffect(() => setNameBox(address), [address]);
  const [nameError, setNameError] = useState(false);
  const goTo = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Escape") {
      setNameBox(address);
      setNameError(false);
      return;
    }
    if (e.key !== "Enter") return;
    try {
      const target = parseAddress(nameBox.trim());
      workbook.select(target.sheet ?? sheet, blockAddress(target.top, target.left, target.rows, target.columns));
      setNameError(false);
    } catch {
      setNameError(true);
    }
  };

  const stats = selection.rows * selection.columns > 1 ? selectionStats(workbook, sheet, selection) : null;

  return (
    <section className={styles.root} aria-label="Workbook">
      <div className={styles.bar}>
        <Input
          className={styles.nameBox}
          size="small"
          aria-label="Name box"
          aria-invalid={nameError}
          value={nameBox}
          onChange={(_, data) => setNameBox(data.value)}
          onKeyDown={goTo}
          onFocus={(e) => e.target.select()}
        />
        <span className={styles.fx} aria-hidden="true">
          fx
        </span>
        <Input
          className={mergeClasses(styles.formula, anchor && !dirty && styles.spilledFormula)}
          size="small"
          aria-label="Formula bar"
          title={anchor ? `Spilled from ${anchor.address}: ${contents}` : undefined}
          value={draft}
          onChange={(_, data) => {
            setDraft(data.value);
            setDirty(true);
          }}
          onKeyDown={onFormulaKey}
        />
      </div>
      {message !== undefined && (
        <Caption1 className={styles.message} data-testid="cell-message" role="status">
          {`${String(cell?.value ?? "")}: ${message}`}
        </Caption1>
      )}
      <Grid key={sheet} workbook={workbook} sheet={sheet} version={version} />
      <div className={styles.footer}>
        <TabList
          className={styles.tabs}
          size="small"
          aria-label="Sheets"
          selectedValue={sheet}
          onTabSelect={(_, data) => workbook.activate(String(data.value))}
        >
          {sheets.map((name) => (
            <Tab key={name} value={name}>
              {name}
            </Tab>
          ))}
        </TabList>
        <Caption1 className={styles.status} data-testid="status-bar">
          {workbook.calculating
            ? "Calculating…"
            : stats
            ? stats.numbers > 1
              ? `Average: ${formatStat(stats.sum / stats.numbers)}   Count: ${stats.count}   Sum: ${formatStat(stats.sum)}`
              : `Count: ${stats.count}`
            : `${sheet}!${address}`}
        </Caption1>
      </div>
    </section>
  );
}
