/** Column pickers shared by the analyses' editors. */
import { Field, Select } from "@fluentui/react-components";
import type { ColumnKind, ColumnProfile } from "../../engine";
import type { AnalysisEditorProps } from "../analyses/types";

/**
 * A labelled picker of table headers; `empty` is the label of the "no column" choice
 * (omitted: there is none). The one column dropdown of the data step, the remap step and
 * the analyses' editors.
 *
 * @example <HeaderSelect label="Customer id" value={null} headers={["Id", "Sales"]} empty="(none)" onChange={setId} />
 */
export function HeaderSelect(props: { label: string; hint?: string; value: string | null; headers: readonly string[]; empty?: string; onChange(value: string | null): void }) {
  return (
    <Field label={props.label} hint={props.hint}>
      <Select value={props.value ?? ""} onChange={(_, d) => props.onChange(d.value === "" ? null : d.value)}>
        {props.empty !== undefined && <option value="">{props.empty}</option>}
        {props.headers.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** A labelled column picker, limited to some kinds, with an optional "(none)". */
export function ColumnSelect(props: { label: string; hint?: string; value: string | null; profiles: readonly ColumnProfile[]; kinds: readonly ColumnKind[]; optional?: string; onChange(value: string | null): void }) {
  const headers = props.profiles.filter((p) => props.kinds.includes(p.kind)).map((p) => p.header);
  const empty = props.optional ?? (props.value === null ? "(choose a column)" : undefined);
  return <HeaderSelect label={props.label} {...(props.hint !== undefined ? { hint: props.hint } : {})} value={props.value} headers={headers} {...(empty !== undefined ? { empty } : {})} onChange={props.onChange} />;
}

/** The customer id column of a transaction table: the model's id role, shared by every analysis that starts from transactions. */
export function CustomerIdSelect({ model, profiles, onChange }: AnalysisEditorProps) {
  return <ColumnSelect label="Customer id" value={model.roles.id} profiles={profiles} kinds={["id", "text", "number"]} onChange={(v) => onChange({ ...model, roles: { ...model.roles, id: v } })} />;
}

