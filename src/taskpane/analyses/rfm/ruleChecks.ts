/**
 * The pane's checks of the RFM segment rules, in the rule editor's words ("the lowest R
 * score"): a blank or repeated name, a score outside 1 to the number of bins, a range whose
 * lowest score is above its highest. The engine would run such rules (a customer simply
 * matches no rule), so without these checks a typo would quietly empty a segment.
 */
import { type RfmSettings, type SegmentRule, UNMATCHED_SEGMENT } from "../../../engine";

/** Where a rule's problem is: its name, or its R, F or M range. */
export type RuleField = "segment" | "r" | "f" | "m";

/** One problem of one rule: the rule's index, the field it is in, and what is wrong in words. */
export interface RuleIssue {
  rule: number;
  field: RuleField;
  /** For beside the field: "The lowest R score (5) is above the highest (3): no customer can match." */
  text: string;
}

const LETTER = { r: "R", f: "F", m: "M" } as const;

/**
 * Every problem of the segment rules, rule by rule in order: for each rule its name first
 * (blank, used by an earlier rule, or the "Others" of unmatched customers), then the R, F
 * and M ranges (a bound that is not a whole score from 1 to `bins`, then a lowest score
 * above the highest). A blank bound (NaN) is open and always fine. Cost: O(rules).
 *
 * @example ruleIssues([{ segment: "VIP", r: [5, 3], f: [NaN, NaN], m: [NaN, NaN] }], 5)[0]?.text === "The lowest R score (5) is above the highest (3): no customer can match."
 */
export function ruleIssues(rules: readonly SegmentRule[], bins: number): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const seen = new Map<string, number>();
  rules.forEach((rule, i) => {
    const name = rule.segment.trim();
    const key = name.toLowerCase();
    const earlier = seen.get(key);
    if (name === "") issues.push({ rule: i, field: "segment", text: "The name is blank: give the segment a name." });
    else if (key === UNMATCHED_SEGMENT.toLowerCase()) issues.push({ rule: i, field: "segment", text: `"${UNMATCHED_SEGMENT}" is the name for customers no rule matches: choose another name.` });
    else if (earlier !== undefined) issues.push({ rule: i, field: "segment", text: `Segment ${earlier + 1} is called ${rules[earlier]?.segment.trim()} too: give each segment its own name.` });
    else seen.set(key, i);
    for (const field of ["r", "f", "m"] as const) {
      const [low, high] = rule[field];
      const letter = LETTER[field];
      let inRange = true;
      for (const [end, value] of [["lowest", low], ["highest", high]] as const) {
        if (Number.isNaN(value) || (Number.isInteger(value) && value >= 1 && value <= bins)) continue;
        inRange = false;
        issues.push({ rule: i, field, text: `The ${end} ${letter} score is ${value}: give a whole score from 1 to ${bins} (the score bins), or leave it blank for any.` });
      }
      if (inRange && low > high) issues.push({ rule: i, field, text: `The lowest ${letter} score (${low}) is above the highest (${high}): no customer can match.` });
    }
  });
  return issues;
}

/**
 * The first problem of the RFM segment rules as the preview says it (the rule's name, or
 * "Segment 3" when it has none, then the problem), or null when the rules can run.
 * Cost: O(rules).
 *
 * @example rfmRulesProblem({ ...settings, rules: [{ segment: "VIP", r: [5, 3], f: [NaN, NaN], m: [NaN, NaN] }] }) === "VIP: the lowest R score (5) is above the highest (3): no customer can match."
 */
export function rfmRulesProblem(settings: Pick<RfmSettings, "rules" | "bins">): string | null {
  const issue = ruleIssues(settings.rules, settings.bins)[0];
  if (!issue) return null;
  const name = settings.rules[issue.rule]?.segment.trim() || `Segment ${issue.rule + 1}`;
  return `${name}: ${issue.text.charAt(0).toLowerCase()}${issue.text.slice(1)}`;
}
