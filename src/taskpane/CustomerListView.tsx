/**
 * The customers behind a clicked bar, segment, quadrant or cell: searchable, sortable by any
 * column, its suggested action editable, and "Export list" to a sheet of its own that reads
 * well without the add-in (the title, the action, then the table).
 */
import { Button, Field, Input, MessageBar, MessageBarBody, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { type CustomerList, type ResultCell, inMoney } from "../engine";
import type { Workbook } from "../workbook/Workbook";
import { messageOf, plural, usePaneStyles } from "./styles";

/** Rows shown at first and added by "Show more" (the export has them all). */
export const LIST_PAGE = 100;
/** The document setting that names the list sheets this add-in wrote (so it replaces only its own). */
export const LIST_SHEETS_SETTING = "CustomerValue.listSheets";

const useListStyles = makeStyles({
  box: { display: "flex", flexDirection: "column", gap: "6px", padding: "8px", border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  head: { display: "flex", justifyContent: "space-between", alignItems: "flex-start", gap: "8px" },
  title: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  sortButton: { border: "none", background: "none", padding: 0, font: "inherit", textAlign: "inherit", cursor: "pointer", fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere", ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
});

/** A list cell as text: numbers with thousands separators and at most two decimals; the id column (0) as it is, since 14646 is a customer, not a quantity. */
function cellText(v: ResultCell, column = 1): string {
  if (v === null) return "";
  if (typeof v === "number") return column === 0 ? String(v) : v.toLocaleString("en", { maximumFractionDigits: 2 });
  return String(v);
}

/** Compares two cells: numbers before text, blanks last. */
function compareCells(a: ResultCell, b: ResultCell): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return String(a).localeCompare(String(b), "en", { numeric: true });
}

/** Props of the list: the customers, the sheet to export to, where to write, and the action's editor. */
export interface CustomerListViewProps {
  list: CustomerList;
  /** The list sheet's name, e.g. "CV RFM list". */
  sheetName: string;
  workbook: Workbook;
  /** Where the figures come from, for the sheet's second line. */
  source: string;
  /** How wide the pane is: below 400 px only the first columns that fit are shown (the export has every column). */
  narrow: boolean;
  /** The number format money takes on the exported sheet (the source's currency); default "#,##0.00". */
  moneyFormat?: string;
  onAction?(text: string): void;
  onClose(): void;
}

/**
 * The drill-down list (see the file comment). Search keeps the rows any of whose cells
 * contains the text (case ignored); a header click sorts by it, a second click reverses.
 */
export function CustomerListView({ list, sheetName, workbook, source, narrow, moneyFormat, onAction, onClose }: CustomerListViewProps) {
  const styles = useListStyles();
  const pane = usePaneStyles();
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<{ column: number; descending: boolean } | null>(null);
  const [shown, setShown] = useState(LIST_PAGE);
  const [status, setStatus] = useState<{ intent: "success" | "error" | "warning"; text: string } | null>(null);
  const [confirm, setConfirm] = useState(false);
  const visibleColumns = narrow ? Math.min(list.headers.length, 3) : list.headers.length;

  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    const kept = q === "" ? list.rows.slice() : list.rows.filter((r) => r.some((c, k) => cellText(c, k).toLowerCase().includes(q) || String(c ?? "").toLowerCase().includes(q)));
    if (sort) kept.sort((a, b) => (sort.descending ? -1 : 1) * compareCells(a[sort.column] ?? null, b[sort.column] ?? null));
    return kept;
  }, [list, query, sort]);

  const exportList = async (replace: boolean) => {
    setStatus(null);
    try {
      const ours: string[] = JSON.parse((await workbook.loadSetting(LIST_SHEETS_SETTING)) ?? "[]") as string[];
      const exists = (await workbook.sheetNames()).includes(sheetName);
      if (exists && !ours.includes(sheetName) && !replace) {
        // A sheet of that name the add-in did not write: never replace it without asking.
        setConfirm(true);
        return;
      }
      setConfirm(false);
      await workbook.replaceSheet({ sheet: sheetName, top: 4, left: 0, headers: list.headers, rows: list.rows, numberFormats: moneyFormat !== undefined ? inMoney(list.numberFormats, moneyFormat) : list.numberFormats });
      await workbook.writeBlock({
        sheet: sheetName,
        top: 0,
        left: 0,
        headers: [`${list.title} (${plural(list.rows.length, "customer")})`],
        rows: [[list.action ? `Suggested action: ${list.action}` : "Suggested action: none set"], [`From ${source}, ${new Date().toISOString().slice(0, 10)}`]],
      });
      if (!ours.includes(sheetName)) await workbook.saveSetting(LIST_SHEETS_SETTING, JSON.stringify([...ours, sheetName]));
      setStatus({ intent: "success", text: `Wrote ${plural(list.rows.length, "customer")} to the sheet "${sheetName}".` });
    } catch (error) {
      setStatus({ intent: "error", text: `Could not export the list: ${messageOf(error)}` });
    }
  };

  return (
    <section className={styles.box} aria-label={`Customers of ${list.title}`} data-testid="customer-list">
      <div className={styles.head}>
        <div className={styles.title}>
          {list.title}: {plural(list.rows.length, "customer")}
        </div>
        <Button size="small" appearance="subtle" onClick={onClose} aria-label="Close the list">
          Close
        </Button>
      </div>
      {onAction && (
        <Field label="Suggested action" hint="Goes onto the summary sheet and the exported list.">
          <Textarea value={list.action} resize="vertical" onChange={(_, d) => onAction(d.value)} data-testid="list-action" />
        </Field>
      )}
      <Field label="Search">
        <Input value={query} onChange={(_, d) => setQuery(d.value)} placeholder="Id, name or any figure" data-testid="list-search" />
      </Field>
      <div className={pane.row}>
        <Button appearance="primary" size="small" onClick={() => void exportList(false)} data-testid="list-export">
          Export list
        </Button>
        <span className={pane.small}>to the sheet "{sheetName}", every column</span>
      </div>
      {confirm && (
        <MessageBar intent="warning" data-testid="list-confirm">
          <MessageBarBody>
            A sheet "{sheetName}" exists and this add-in did not write it.{" "}
            <Button size="small" onClick={() => void exportList(true)}>
              Replace it
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {status && (
        <MessageBar intent={status.intent} data-testid="list-status">
          <MessageBarBody>{status.text}</MessageBarBody>
        </MessageBar>
      )}
      {query && <div className={pane.small}>{plural(rows.length, "customer")} match "{query}".</div>}
      <table className={pane.table} data-testid="list-table">
        <thead>
          <tr>
            {list.headers.slice(0, visibleColumns).map((h, c) => (
              <th key={h} scope="col" className={typeof list.rows[0]?.[c] === "number" ? pane.numberCell : pane.cell} aria-sort={sort?.column === c ? (sort.descending ? "descending" : "ascending") : "none"}>
                <button type="button" className={styles.sortButton} onClick={() => setSort(sort?.column === c ? { column: c, descending: !sort.descending } : { column: c, descending: typeof list.rows[0]?.[c] === "number" })}>
                  {h}
                  {sort?.column === c ? (sort.descending ? " ▼" : " ▲") : ""}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, shown).map((r, i) => (
            <tr key={i}>
              {r.slice(0, visibleColumns).map((v, c) => (
                <td key={c} className={typeof v === "number" ? pane.numberCell : `${pane.cell} ${pane.wrapCell}`}>
                  {cellText(v, c)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown && (
        <Button size="small" onClick={() => setShown(shown + LIST_PAGE)}>
          Show {Math.min(LIST_PAGE, rows.length - shown)} more of {rows.length.toLocaleString("en")}
        </Button>
      )}
      {narrow && visibleColumns < list.headers.length && <div className={pane.small}>{list.headers.length - visibleColumns} more columns in the export.</div>}
    </section>
  );
}
