import { Field, Input } from "@fluentui/react-components";
import type { CustomerValueModel } from "../../../engine";
import { replaced } from "../../editors/TierEditor";
import { usePaneStyles } from "../../styles";

/** Props of the ABC editor. */
export interface AbcEditorProps {
  abc: CustomerValueModel["abc"];
  onChange(abc: CustomerValueModel["abc"]): void;
}

/** ABC editor: the cumulative value shares (in %) that close each class, and the class names. */
export function AbcEditor({ abc, onChange }: AbcEditorProps) {
  const styles = usePaneStyles();
  return (
    <div className={styles.section}>
      {abc.labels.map((label, k) => (
        <div className={styles.row} key={k}>
          <Field label={`Name of class ${k + 1}`} className={styles.grow}>
            <Input value={label} onChange={(_, d) => onChange({ ...abc, labels: replaced(abc.labels, k, d.value) })} />
          </Field>
          {k < abc.cuts.length ? (
            <Field label={`Class ${k + 1} up to (% of value)`}>
              <Input
                className={styles.numberInput}
                type="number"
                min={0}
                max={100}
                value={String(Math.round(abc.cuts[k]! * 10000) / 100)}
                onChange={(_, d) => onChange({ ...abc, cuts: replaced(abc.cuts, k, Number(d.value) / 100) })}
              />
            </Field>
          ) : (
            <span className={styles.small}>the rest, and values ≤ 0</span>
          )}
        </div>
      ))}
    </div>
  );
}
