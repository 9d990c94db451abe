import { Field, Input } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { usePaneStyles } from "../styles";

/**
 * A number setting typed as text: the text is kept while the user types, and the model
 * changes only when it reads as a number in range (so clearing the box to type a new number
 * does not snap it back). Out of range or not a number: a message under the box.
 */
export function NumberSetting(props: {
  label: string;
  hint?: string;
  value: number;
  /** Shown value for a stored value (e.g. 0.01 → "1" for a percentage). */
  show(value: number): string;
  /** The stored value for typed text, or a message saying what is allowed. */
  read(text: string): number | string;
  onChange(value: number): void;
}) {
  const styles = usePaneStyles();
  const [text, setText] = useState(props.show(props.value));
  const [problem, setProblem] = useState<string | null>(null);
  // A change from outside (an import, a restored model) replaces what is typed.
  useEffect(() => {
    const read = props.read(text);
    if (typeof read === "string" || read !== props.value) {
      setText(props.show(props.value));
      setProblem(null);
    }
    // Only the stored value matters here; the text follows it.
  }, [props.value]);
  return (
    <Field label={props.label} hint={problem === null ? props.hint : undefined} validationMessage={problem ?? undefined} validationState={problem ? "error" : "none"}>
      <Input
        className={styles.numberInput}
        inputMode="decimal"
        value={text}
        onChange={(_, d) => {
          setText(d.value);
          const read = props.read(d.value);
          if (typeof read === "string") setProblem(read);
          else {
            setProblem(null);
            if (read !== props.value) props.onChange(read);
          }
        }}
      />
    </Field>
  );
}

/**
 * Reads typed text as a number from min to max (as shown), or says what is allowed, in the
 * field's unit and with thousands separators: "A rate from 0% to 99.99%", "Whole months from 1 to 1,200".
 *
 * @example inRange("150", 0, 100, "A margin", false, "%") === "A margin from 0% to 100%"
 */
export function inRange(text: string, min: number, max: number, what: string, whole = false, unit = ""): number | string {
  const v = Number(text.trim().replace(",", "."));
  if (text.trim() === "" || !Number.isFinite(v) || v < min || v > max || (whole && !Number.isInteger(v))) return `${what} from ${min.toLocaleString("en")}${unit} to ${max.toLocaleString("en")}${unit}`;
  return v;
}

/** Percent text for a share, without float noise: 0.01 → "1", 0.125 → "12.5". */
export const asPercent = (share: number) => String(Number((share * 100).toFixed(4)));

