/** Column pickers shared by the analyses' editors. */
import { Field, Select } from "@fluentui/react-components";
import type { ColumnKind, ColumnProfile } from "../../engine";
import type { AnalysisEditorProps } from "../analyses/types";

/** A labelled column picker, limited to some kinds, with an optional "(none)". */
export function ColumnSelect(props: { label: string; hint?: string; value: string | null; profiles: readonly ColumnProfile[]; kinds: readonly ColumnKind[]; optional?: string; onChange(value: string | null): void }) {
  const options = props.profiles.filter((p) => props.kinds.includes(p.kind));
  return (
    <Field label={props.label} hint={props.hint}>
      <Select value={props.value ?? ""} onChange={(_, d) => props.onChange(d.value === "" ? null : d.value)}>
        {(props.optional !== undefined || props.value === null) && <option value="">{props.optional ?? "(choose a column)"}</option>}
        {options.map((p) => (
          <option key={p.header} value={p.header}>
            {p.header}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** The customer id column of a transaction table: the model's id role, shared by every analysis that starts from transactions. */
export function CustomerIdSelect({ model, profiles, onChange }: AnalysisEditorProps) {
  return <ColumnSelect label="Customer id" value={model.roles.id} profiles={profiles} kinds={["id", "text", "number"]} onChange={(v) => onChange({ ...model, roles: { ...model.roles, id: v } })} />;
}

