import { Body1Strong, Field, Select } from "@fluentui/react-components";
import { type AnalysisRun, type ColumnProfile, type CustomerValueModel, GROUP_BY_MAX_VALUES, GROUP_BY_SHARE, isGroupable } from "../engine";
import { groupWord } from "./apply";
import { percent, usePaneStyles } from "./styles";

/** Rows the preview's breakdown shows before folding the rest into one "… more" row. */
const PREVIEW_ROWS = 8;

/** Props of the Group by choice. */
export interface GroupBySelectProps {
  model: CustomerValueModel;
  profiles: readonly ColumnProfile[];
  onChange(model: CustomerValueModel): void;
  /** Rows of the table, for "few distinct values" on large tables (5% of the rows). */
  rows?: number;
}

/**
 * The Group by choice: None or a column that makes sense as groups, one with few distinct
 * values (at most 50, or 5% of the rows on a large table; see isGroupable). A money or date
 * column with a value per customer would give a group per customer, so it is left out (the
 * hint says which); the column already chosen stays listed. Every analysis's summary is then
 * also broken down by that column (market type, region, industry …) in the preview and on
 * the summary sheet.
 */
export function GroupBySelect({ model, profiles, onChange, rows = 0 }: GroupBySelectProps) {
  const offered = profiles.filter((p) => isGroupable(p, rows) || p.header === model.groupBy);
  const left = profiles.filter((p) => !offered.includes(p) && p.kind !== "empty");
  const hint = `Also break the summary down by this column (market type, region, industry …).${
    left.length > 0 ? ` Not offered (more than ${Math.max(GROUP_BY_MAX_VALUES, Math.floor(GROUP_BY_SHARE * rows)).toLocaleString("en")} distinct values, or the id): ${left.map((p) => p.header).join(", ")}.` : ""
  }`;
  return (
    <Field label="Group by" hint={hint}>
      <Select value={model.groupBy ?? ""} onChange={(_, d) => onChange({ ...model, groupBy: d.value === "" ? null : d.value })}>
        <option value="">None</option>
        {offered.map((p) => (
          <option key={p.header} value={p.header}>
            {p.header}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/**
 * The preview's compact breakdown by the Group by column: per value (largest first) its
 * customers, its share of value and how many of them are in the top group; past
 * {@link PREVIEW_ROWS} values the rest are summed in one row (the summary sheet lists all).
 */
export function BreakdownPreview({ run }: { run: AnalysisRun }) {
  const styles = usePaneStyles();
  const b = run.breakdown;
  if (!b) return null;
  const top = b.groupLabels[0];
  const shown = b.rows.slice(0, PREVIEW_ROWS);
  const rest = b.rows.slice(PREVIEW_ROWS);
  const sum = (pick: (r: (typeof rest)[number]) => number) => rest.reduce((s, r) => s + pick(r), 0);
  const lines = shown.map((r) => ({ label: r.label, customers: r.customers, valueShare: r.valueShare, top: r.groupCustomers[0] ?? 0, folded: false }));
  if (rest.length > 0) lines.push({ label: `${rest.length.toLocaleString("en")} more`, customers: sum((r) => r.customers), valueShare: sum((r) => r.valueShare), top: sum((r) => r.groupCustomers[0] ?? 0), folded: true });
  const valueHeader = run.valueName ? `${run.valueName} share` : "Value share";
  return (
    <>
      <Body1Strong as="h3" id="cv-breakdown-title" className={styles.subheading}>
        By {b.dimension}
      </Body1Strong>
      {top !== undefined && (
        <span className={styles.small}>
          {top}: customers in the {top} {groupWord(run.groupName)}.{rest.length > 0 ? " The summary sheet lists every value." : ""}
        </span>
      )}
      <table className={styles.table} aria-labelledby="cv-breakdown-title" data-testid="preview-breakdown">
        <thead>
          <tr>
            <th className={`${styles.cell} ${styles.wrapCell}`} scope="col">
              {b.dimension}
            </th>
            <th className={styles.numberCell} scope="col">
              Customers
            </th>
            {b.hasValue && (
              <th className={styles.numberCell} scope="col">
                {valueHeader}
              </th>
            )}
            {top !== undefined && (
              <th className={`${styles.numberCell} ${styles.wrapHeader}`} scope="col" title={`Customers in ${top} (${groupWord(run.groupName)})`}>
                {top}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {lines.map((line, i) => (
            <tr key={i}>
              <th className={`${styles.cell} ${styles.wrapCell} ${line.folded ? styles.foldedRow : ""}`} scope="row">
                {line.label}
              </th>
              <td className={styles.numberCell}>{line.customers.toLocaleString("en")}</td>
              {b.hasValue && <td className={styles.numberCell}>{percent(line.valueShare)}</td>}
              {top !== undefined && <td className={styles.numberCell}>{line.top.toLocaleString("en")}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
