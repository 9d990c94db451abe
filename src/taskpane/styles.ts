import { makeStyles, tokens } from "@fluentui/react-components";
import { paneWords } from "./paneChecks";

export { plural } from "./words";

/** Layout shared by the pane's sections: one column that works from 320 px up. */
export const usePaneStyles = makeStyles({
  pane: {
    display: "flex",
    flexDirection: "column",
    gap: "16px",
    padding: "12px",
    minWidth: "280px",
    maxWidth: "100%",
    boxSizing: "border-box",
    // The sections space themselves: no browser margins around the headings.
    "& h1": { margin: 0 },
    "& h2": { margin: 0 },
    // A native select is as wide as its longest option unless allowed to shrink (320 px panes).
    "& select": { width: "100%", minWidth: 0, textOverflow: "ellipsis" },
  },
  section: { display: "flex", flexDirection: "column", gap: "8px", borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: "12px" },
  row: { display: "flex", alignItems: "center", gap: "8px", flexWrap: "wrap" },
  grow: { flexGrow: 1, minWidth: 0 },
  small: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  numberInput: { width: "72px" },
  // The kind drop-down in the data step's column table: narrow enough for a 320 px pane.
  kindSelect: { minWidth: "84px", maxWidth: "112px" },
  table: { width: "100%", borderCollapse: "collapse", fontSize: tokens.fontSizeBase200 },
  cell: { padding: "2px 4px", borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, textAlign: "left" },
  numberCell: { padding: "2px 4px", borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, textAlign: "right", fontVariantNumeric: "tabular-nums" },
  indicator: { display: "flex", flexDirection: "column", gap: "4px", padding: "6px 8px", borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground2 },
  headline: { fontWeight: tokens.fontWeightSemibold },
  subheading: { margin: 0 },
  // Long labels (country names, tier names) wrap inside a narrow pane instead of pushing the table wider.
  wrapCell: { overflowWrap: "anywhere" },
  // A group name as a column header breaks between words, and inside one only when it cannot fit at all.
  wrapHeader: { overflowWrap: "break-word" },
  foldedRow: { fontWeight: tokens.fontWeightRegular, fontStyle: "italic" },
});

/** Formats a share as a percentage with one decimal: 0.746 → "74.6%". */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** The message of anything thrown, in the pane's words (its field labels and units, see paneWords). */
export function messageOf(error: unknown): string {
  return paneWords(error instanceof Error ? error.message : String(error));
}
