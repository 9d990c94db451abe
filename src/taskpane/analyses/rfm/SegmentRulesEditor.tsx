import { Button, Input, Tooltip, makeStyles, tokens } from "@fluentui/react-components";
import { AddRegular, ArrowDownRegular, ArrowResetRegular, ArrowUpRegular, DeleteRegular } from "@fluentui/react-icons";
import { type ReactElement, useEffect, useId, useRef } from "react";
import { DEFAULT_SEGMENT_RULES, type SegmentRule } from "../../../engine";
import { usePaneStyles } from "../../styles";
import { type RuleField, type RuleIssue, ruleIssues } from "./ruleChecks";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "6px" },
  card: {
    display: "flex",
    flexDirection: "column",
    gap: "4px",
    padding: "6px",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `1px solid ${tokens.colorNeutralStroke3}`,
    minWidth: 0,
  },
  head: { display: "flex", alignItems: "center", gap: "2px", minWidth: 0 },
  order: { flexShrink: 0, width: "18px", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, fontVariantNumeric: "tabular-nums" },
  name: { flexGrow: 1, minWidth: 0, marginRight: "2px" },
  // Three equal columns, R, F and M, each "R [lo]–[hi]", that shrink with the pane.
  ranges: { display: "grid", gridTemplateColumns: "repeat(3, minmax(0, 1fr))", columnGap: "8px" },
  range: { display: "flex", alignItems: "center", gap: "2px", minWidth: 0 },
  letter: { flexShrink: 0, width: "12px", fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200 },
  dash: { flexShrink: 0, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  bound: { flexGrow: 1, flexBasis: 0, minWidth: 0, paddingLeft: "2px", paddingRight: "2px" },
  boundText: { textAlign: "center", paddingLeft: 0, paddingRight: 0, fontVariantNumeric: "tabular-nums" },
  issue: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
});

const SCORES = [
  ["r", "R"],
  ["f", "F"],
  ["m", "M"],
] as const;

const bound = (v: number): string => (Number.isNaN(v) ? "" : String(v));
/** Typed text as a bound: digits only (a score is a whole number), blank is open. */
const parseBound = (text: string): number => {
  const digits = text.replace(/\D/g, "").slice(0, 2);
  return digits === "" ? Number.NaN : Number(digits);
};
const copyRule = (r: SegmentRule): SegmentRule => ({ ...r, r: [...r.r], f: [...r.f], m: [...r.m] });

/** The rule's name as the controls say it, or "Segment 3" while it is blank. */
const ruleName = (rule: SegmentRule, i: number): string => rule.segment.trim() || `Segment ${i + 1}`;

/** A name "Segment n" no rule has yet. */
function freshName(rules: readonly SegmentRule[]): string {
  const taken = new Set(rules.map((r) => r.segment.trim().toLowerCase()));
  let n = rules.length + 1;
  while (taken.has(`segment ${n}`)) n++;
  return `Segment ${n}`;
}

/**
 * Stable keys for the rules while this editor reorders, adds and deletes them (rules have no
 * ids), so a moved card keeps its DOM and focus can follow it. A change from outside (an
 * import, the standard segments) with another count gets fresh keys.
 */
function useRuleKeys(count: number) {
  const counter = useRef(0);
  const keys = useRef<number[]>([]);
  if (keys.current.length !== count) keys.current = Array.from({ length: count }, () => counter.current++);
  return {
    keys: keys.current,
    set: (next: number[]) => {
      keys.current = next;
    },
    fresh: () => counter.current++,
  };
}

/** Props of the segment rules editor. */
export interface SegmentRulesEditorProps {
  rules: readonly SegmentRule[];
  /** Score bins: bounds go from 1 to this. */
  bins: number;
  onChange(rules: SegmentRule[]): void;
}

/**
 * The RFM segment rules as a list of compact cards that fit a 320 px pane, first match
 * wins: per rule its name, the lowest and highest R, F and M score (blank = any), buttons to
 * move it up or down and to delete it, and what is wrong with it in words under the card
 * (see ruleIssues); below, "Add a segment" and "Restore the standard segments". After a move
 * or a delete the focus stays with the moved card (or the next one), so the keyboard can
 * keep going.
 *
 * @example <SegmentRulesEditor rules={settings.rules} bins={settings.bins} onChange={(rules) => set({ rules })} />
 */
export function SegmentRulesEditor({ rules, bins, onChange }: SegmentRulesEditorProps) {
  const pane = usePaneStyles();
  const styles = useStyles();
  const id = useId();
  const { keys, set: setKeys, fresh } = useRuleKeys(rules.length);
  const box = useRef<HTMLDivElement>(null);
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (focusNext.current === null) return;
    box.current?.querySelector<HTMLElement>(`[data-focus="${focusNext.current}"]`)?.focus();
    focusNext.current = null;
  });
  const issues = ruleIssues(rules, bins);
  const issuesOf = (i: number, field?: RuleField): RuleIssue[] => issues.filter((x) => x.rule === i && (field === undefined || x.field === field));
  const issueId = (i: number, field: RuleField) => `${id}-issue-${i}-${field}`;
  const describedBy = (i: number, field: RuleField) => (issuesOf(i, field).length > 0 ? issueId(i, field) : undefined);

  const commit = (next: SegmentRule[], nextKeys: number[], focus?: string) => {
    setKeys(nextKeys);
    if (focus !== undefined) focusNext.current = focus;
    onChange(next);
  };
  const setRule = (i: number, rule: SegmentRule) => onChange(rules.map((r, k) => (k === i ? rule : r)));
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    const next = [...rules];
    const nextKeys = [...keys];
    [next[i], next[j]] = [next[j] as SegmentRule, next[i] as SegmentRule];
    [nextKeys[i], nextKeys[j]] = [nextKeys[j] as number, nextKeys[i] as number];
    // At the top (or bottom) its button in that direction turns off: the focus goes to the other one.
    const atEnd = by < 0 ? j === 0 : j === rules.length - 1;
    const direction = by < 0 ? (atEnd ? "down" : "up") : atEnd ? "up" : "down";
    commit(next, nextKeys, `${keys[i]}:${direction}`);
  };
  const remove = (i: number) => {
    const nextKeys = keys.filter((_, k) => k !== i);
    const neighbour = nextKeys[Math.min(i, nextKeys.length - 1)];
    commit(
      rules.filter((_, k) => k !== i),
      nextKeys,
      nextKeys.length > 1 && neighbour !== undefined ? `${neighbour}:delete` : "add",
    );
  };
  const add = () => {
    const key = fresh();
    const rule: SegmentRule = { segment: freshName(rules), r: [Number.NaN, Number.NaN], f: [Number.NaN, Number.NaN], m: [Number.NaN, Number.NaN] };
    commit([...rules, rule], [...keys, key], `${key}:name`);
  };
  const restore = () => {
    const standard = DEFAULT_SEGMENT_RULES.map(copyRule);
    commit(
      standard,
      standard.map(() => fresh()),
    );
  };

  const iconButton = (label: string, icon: ReactElement, focus: string, disabled: boolean, onClick: () => void) => (
    <Tooltip content={label} relationship="label" withArrow>
      <Button size="small" appearance="subtle" icon={icon} data-focus={focus} disabled={disabled} onClick={onClick} />
    </Tooltip>
  );

  return (
    <div className={pane.section} ref={box} style={{ borderTop: "none", paddingTop: 0 }} data-testid="rfm-rules-editor">
      <span className={pane.headline} id={`${id}-title`}>
        Segment rules
      </span>
      <span className={pane.small}>
        First match wins: a customer gets the first segment whose R, F and M scores (1–{bins}) all lie in its ranges; a blank score is any. Customers no rule matches are Others.
      </span>
      <ol className={styles.list} aria-label="Segment rules, first match wins" data-testid="rfm-rules">
        {rules.map((rule, i) => {
          const key = keys[i] as number;
          const name = ruleName(rule, i);
          return (
            <li key={key} className={styles.card} data-testid="rfm-rule">
              <div className={styles.head}>
                <span className={styles.order} aria-hidden>
                  {i + 1}.
                </span>
                <Input
                  className={styles.name}
                  size="small"
                  aria-label={`Name of segment ${i + 1}`}
                  placeholder="Segment name"
                  value={rule.segment}
                  data-focus={`${key}:name`}
                  aria-invalid={issuesOf(i, "segment").length > 0 || undefined}
                  aria-describedby={describedBy(i, "segment")}
                  onChange={(_, d) => setRule(i, { ...rule, segment: d.value })}
                />
                {iconButton(`Move ${name} up`, <ArrowUpRegular />, `${key}:up`, i === 0, () => move(i, -1))}
                {iconButton(`Move ${name} down`, <ArrowDownRegular />, `${key}:down`, i === rules.length - 1, () => move(i, 1))}
                {iconButton(`Delete ${name}`, <DeleteRegular />, `${key}:delete`, rules.length <= 1, () => remove(i))}
              </div>
              {issuesOf(i, "segment").length > 0 && (
                <span className={styles.issue} id={issueId(i, "segment")} data-testid="rfm-rule-issue">
                  {issuesOf(i, "segment")
                    .map((x) => x.text)
                    .join(" ")}
                </span>
              )}
              <div className={styles.ranges}>
                {SCORES.map(([field, letter]) => {
                  const invalid = issuesOf(i, field).length > 0 || undefined;
                  const boundInput = (end: 0 | 1) => (
                    <Input
                      className={styles.bound}
                      input={{ className: styles.boundText }}
                      size="small"
                      inputMode="numeric"
                      placeholder="any"
                      aria-label={`${name}: ${end === 0 ? "lowest" : "highest"} ${letter} score`}
                      aria-invalid={invalid}
                      aria-describedby={describedBy(i, field)}
                      value={bound(rule[field][end])}
                      onChange={(_, d) => {
                        const pair: [number, number] = [...rule[field]];
                        pair[end] = parseBound(d.value);
                        setRule(i, { ...rule, [field]: pair });
                      }}
                    />
                  );
                  return (
                    <div key={field} className={styles.range} role="group" aria-label={`${name}: ${letter} score`}>
                      <span className={styles.letter} aria-hidden>
                        {letter}
                      </span>
                      {boundInput(0)}
                      <span className={styles.dash} aria-hidden>
                        –
                      </span>
                      {boundInput(1)}
                    </div>
                  );
                })}
              </div>
              {SCORES.map(([field]) =>
                issuesOf(i, field).length > 0 ? (
                  <span key={field} className={styles.issue} id={issueId(i, field)} data-testid="rfm-rule-issue">
                    {issuesOf(i, field)
                      .map((x) => x.text)
                      .join(" ")}
                  </span>
                ) : null,
              )}
            </li>
          );
        })}
      </ol>
      <div className={pane.row}>
        <Button size="small" icon={<AddRegular />} data-focus="add" onClick={add}>
          Add a segment
        </Button>
        <Button size="small" icon={<ArrowResetRegular />} onClick={restore}>
          Restore the standard segments
        </Button>
      </div>
    </div>
  );
}
