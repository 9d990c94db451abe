import { Badge, Button, Checkbox, Field, Radio, RadioGroup, Select, Title3 } from "@fluentui/react-components";
import type { ColumnKind, CustomerValueModel } from "../engine";
import type { SourceKind } from "../workbook/Workbook";
import type { LoadedSource } from "./source";
import { usePaneStyles } from "./styles";

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
}

const KIND_COLOURS: Record<ColumnKind, "brand" | "success" | "informative" | "subtle" | "warning"> = {
  id: "informative",
  number: "brand",
  date: "success",
  text: "subtle",
  empty: "warning",
};

/**
 * Data step: where the customer table is (current table, current region or selection),
 * whether it has a header row, its columns with detected kind, blanks and bad cells, and
 * the roles (customer id, name, value column).
 */
export function DataSection(props: DataSectionProps) {
  const styles = usePaneStyles();
  const { loaded, model } = props;
  const headers = loaded?.table.headers ?? [];
  const roleSelect = (role: keyof CustomerValueModel["roles"], label: string, hint: string) => (
    <Field label={label} hint={hint}>
      <Select
        value={model?.roles[role] ?? ""}
        onChange={(_, data) => model && props.onRoles({ ...model.roles, [role]: data.value === "" ? null : data.value })}
      >
        <option value="">(none)</option>
        {headers.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </Select>
    </Field>
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
            {loaded.range.tableName ? ` (table ${loaded.range.tableName})` : ""}: {loaded.table.rows.length.toLocaleString("en")} customers,{" "}
            {loaded.table.headers.length} columns
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
                    <Badge appearance="tint" color={KIND_COLOURS[p.kind]}>
                      {p.kind}
                    </Badge>
                  </td>
                  <td className={styles.numberCell}>{p.blanks}</td>
                  <td className={styles.numberCell} title={p.bad > 0 ? `data rows ${p.badRows.join(", ")}${p.bad > p.badRows.length ? ", …" : ""}` : undefined}>
                    {p.bad}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {roleSelect("id", "Customer id", "One row per customer; repeats are flagged.")}
          {roleSelect("name", "Customer name", "Optional; shown in the results.")}
          {roleSelect("value", "Value column", "Sales or profit, for shares of value, ABC and the Pareto headline.")}
        </>
      )}
    </section>
  );
}
