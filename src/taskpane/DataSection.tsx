import { Button, Checkbox, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Title3 } from "@fluentui/react-components";
import { CHOOSABLE_KINDS, type ColumnKind, type ColumnProfile, type CustomerValueModel } from "../engine";
import type { SourceKind } from "../workbook/Workbook";
import { HeaderSelect } from "./editors/ColumnSelect";
import type { LoadedSource } from "./source";
import { plural as count, usePaneStyles } from "./styles";

/** Props of the data step. */
export interface DataSectionProps {
  sourceKind: SourceKind;
  onSourceKind(kind: SourceKind): void;
  onRead(): void;
  reading: boolean;
  loaded: LoadedSource | null;
  model: CustomerValueModel | null;
  onHeaderRow(headerRow: boolean): void;
  onRoles(roles: CustomerValueModel["roles"]): void;
  /** The user chose a column's kind in its drop-down. */
  onKind(header: string, kind: ColumnKind): void;
}


const KIND_WORDS: Record<ColumnKind, string> = { number: "a number", date: "a date", id: "an id", text: "text", empty: "empty" };

/**
 * The data step's note on a column's bad cells, in the words the analyses' warnings use:
 * "Revenue: 2 cells are not a number (data rows 4, 9); treated as blank." — null when it has none.
 *
 * @example badCellNote({ header: "Sales", kind: "number", bad: 1, badRows: [2] }) === "Sales: 1 cell is not a number (data row 2); treated as blank."
 */
export function badCellNote(p: Pick<ColumnProfile, "header" | "kind" | "bad" | "badRows">): string | null {
  if (p.bad === 0 || (p.kind !== "number" && p.kind !== "date")) return null;
  const rows = `data row${p.bad === 1 ? "" : "s"} ${p.badRows.join(", ")}${p.bad > p.badRows.length ? ", …" : ""}`;
  return `${p.header}: ${count(p.bad, "cell")} ${p.bad === 1 ? "is" : "are"} not ${KIND_WORDS[p.kind]} (${rows}); treated as blank.`;
}

/**
 * Data step: where the customer table is (current table, current region or selection),
 * whether it has a header row, its columns with their kind (detected from the cells; a
 * drop-down lets the user choose another), blanks and bad cells (cells that do not read as
 * the column's kind: counted, named in a warning, treated as blank), and the roles (customer
 * id, name, value column).
 */
export function DataSection(props: DataSectionProps) {
  const styles = usePaneStyles();
  const { loaded, model } = props;
  const headers = loaded?.table.headers ?? [];
  const roleSelect = (role: keyof CustomerValueModel["roles"], label: string, hint: string) => (
    <HeaderSelect label={label} hint={hint} value={model?.roles[role] ?? null} headers={headers} empty="(none)" onChange={(v) => model && props.onRoles({ ...model.roles, [role]: v })} />
  );
  return (
    <section className={styles.section} aria-labelledby="cv-data-title">
      <Title3 as="h2" id="cv-data-title">
        1. Customer table
      </Title3>
      <RadioGroup value={props.sourceKind} onChange={(_, data) => props.onSourceKind(data.value as SourceKind)} aria-label="Where the customer table is">
        <Radio value="table" label="The Excel table around the active cell" />
        <Radio value="region" label="The current region (the block around the active cell)" />
        <Radio value="selection" label="The selected range" />
      </RadioGroup>
      <div className={styles.row}>
        <Button appearance="primary" onClick={props.onRead} disabledFocusable={props.reading}>
          {loaded ? "Read the table again" : "Use this table"}
        </Button>
        {loaded && (
          <Checkbox label="First row holds the headers" checked={loaded.headerRow} onChange={(_, data) => props.onHeaderRow(Boolean(data.checked))} />
        )}
      </div>
      {loaded && (
        <>
          <span className={styles.small}>
            {loaded.range.sheet}!{loaded.range.address}
            {loaded.range.tableName ? ` (table ${loaded.range.tableName})` : ""}: {count(loaded.table.rows.length, "customer")}, {count(loaded.table.headers.length, "column")}
            {loaded.resultColumns.length > 0 ? `; earlier results in ${loaded.resultColumns.map((c) => c.header).join(", ")}` : ""}
          </span>
          <table className={styles.table} aria-label="Columns of the customer table">
            <thead>
              <tr>
                <th className={styles.cell} scope="col">
                  Column
                </th>
                <th className={styles.cell} scope="col">
                  Kind
                </th>
                <th className={styles.numberCell} scope="col">
                  Blank
                </th>
                <th className={styles.numberCell} scope="col">
                  Bad
                </th>
              </tr>
            </thead>
            <tbody>
              {loaded.profiles.map((p) => (
                <tr key={p.header}>
                  <td className={styles.cell}>{p.header}</td>
                  <td className={styles.cell}>
                    <Select
                      size="small"
                      className={styles.kindSelect}
                      aria-label={`Kind of ${p.header}`}
                      title={p.chosen ? `You chose ${p.kind}; the cells read as ${p.detected}.` : `Read from the cells: ${p.detected}. Choose another kind if it is wrong.`}
                      value={p.kind}
                      onChange={(_, d) => props.onKind(p.header, d.value as ColumnKind)}
                    >
                      {(p.kind === "empty" ? ["empty" as const, ...CHOOSABLE_KINDS] : CHOOSABLE_KINDS).map((k) => (
                        <option key={k} value={k}>
                          {k}
                          {p.chosen && k === p.kind ? " *" : ""}
                        </option>
                      ))}
                    </Select>
                  </td>
                  <td className={styles.numberCell}>{p.blanks.toLocaleString("en")}</td>
                  <td className={styles.numberCell} data-testid={`bad-${p.header}`} title={badCellNote(p) ?? undefined}>
                    {p.kind === "number" || p.kind === "date" ? p.bad.toLocaleString("en") : "–"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {loaded.profiles.some((p) => p.chosen) && (
            <span className={styles.small} data-testid="kinds-chosen">
              * Kind chosen by you: {loaded.profiles.filter((p) => p.chosen).map((p) => `${p.header} (the cells read as ${p.detected})`).join(", ")}.
            </span>
          )}
          {loaded.profiles.map((p) => {
            const note = badCellNote(p);
            return note === null ? null : (
              <MessageBar key={p.header} intent="warning" data-testid={`bad-cells-${p.header}`}>
                <MessageBarBody>{note}</MessageBarBody>
              </MessageBar>
            );
          })}
          {roleSelect("id", "Customer id", "One row per customer; repeats are flagged.")}
          {roleSelect("name", "Customer name", "Optional; shown in the results.")}
          {roleSelect("value", "Value column", "Sales or profit, for shares of value, ABC and the Pareto headline.")}
        </>
      )}
    </section>
  );
}
