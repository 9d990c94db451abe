import { CvError, describeValue, errorCodeOf } from "../core/errors";
import { LabelIndex } from "../core/labelIndex";
import { FLAG_WORDS, isMissing, parseFlagCell } from "../core/table";

/** Response rates of a campaign per group, in order of first appearance, and overall. */
export interface CampaignResponse {
  /** Each group's label as first written: a number stays a number, text is trimmed. */
  groups: (string | number)[];
  /** Customers contacted in each group. */
  contacted: Int32Array;
  /** Of them, customers who responded. */
  responded: Int32Array;
  /** responded / contacted. */
  rate: Float64Array;
  /** rate / the overall rate; NaN for every group when nobody responded (the overall rate is 0). */
  lift: Float64Array;
  /** All groups together (its lift is 1, or NaN when nobody responded). */
  total: { contacted: number; responded: number; rate: number; lift: number };
  /** Rows skipped because both cells were blank (or #N/A): the unused end of a selection. */
  blankRows: number;
}

/** The argument names messages use. */
export interface ResponseArgumentNames {
  groups: string;
  responded: string;
}

/** What a response cell may hold: the one flag reading (methods §0). */
const RESPONSE_EXPECTED = FLAG_WORDS;

/**
 * Campaign response by group: for each group (a test cell, a segment, a channel),
 * customers contacted, customers who responded, the response rate = responded /
 * contacted, and the lift = the group's rate / the overall rate (above 1: the group
 * responded better than the campaign as a whole). Groups are matched ignoring case and
 * surrounding spaces (a number and its text are one group) and listed in order of first
 * appearance. One row per contacted customer; rows blank (or #N/A) in both columns are
 * skipped. Cost: O(n).
 *
 * @throws CvError LENGTH_MISMATCH when the columns differ in length; BAD_VALUE naming the
 *   argument, row and value for a blank group beside a response, a blank response beside a
 *   group, a group that is not text or a number, or a response that is not a flag
 *   (parseFlagCell: TRUE/FALSE, 1/0 or any other number, Y/N, yes/no); EMPTY_INPUT when no row is left.
 * @example campaignResponse(["A", "A", "B", "B"], [1, 0, 0, 0]).lift // → [2, 0] (rates 1/2 and 0 against 1/4)
 */
export function campaignResponse(groups: ArrayLike<unknown>, responded: ArrayLike<unknown>, names: ResponseArgumentNames = { groups: "groups", responded: "responded" }): CampaignResponse {
  const n = groups.length;
  if (responded.length !== n) {
    throw new CvError("LENGTH_MISMATCH", `${names.responded} has ${responded.length} rows but ${names.groups} has ${n}: select ranges of the same height`, { argument: names.responded });
  }
  const index = new LabelIndex();
  const labels: (string | number)[] = [];
  const contacted: number[] = [];
  const yes: number[] = [];
  let blankRows = 0;
  for (let i = 0; i < n; i++) {
    const group = groups[i];
    const answer = responded[i];
    const row = i + 1;
    const blankGroup = isMissing(group);
    const blankAnswer = isMissing(answer);
    if (blankGroup && blankAnswer) {
      blankRows++;
      continue;
    }
    if (blankGroup) {
      throw new CvError("BAD_VALUE", `${names.groups} row ${row} is blank beside ${names.responded} ${describeValue(answer)}: every contacted customer needs a group`, { argument: names.groups, row, value: group });
    }
    if (!(typeof group === "number" && Number.isFinite(group)) && (typeof group !== "string" || errorCodeOf(group) !== undefined)) {
      throw new CvError("BAD_VALUE", `${names.groups} row ${row}: expected a group label (text or a number), found ${describeValue(group)}`, { argument: names.groups, row, value: group });
    }
    if (blankAnswer) {
      throw new CvError("BAD_VALUE", `${names.responded} row ${row} is blank beside the group ${describeValue(group)}: give ${RESPONSE_EXPECTED} for every contacted customer`, { argument: names.responded, row, value: answer });
    }
    const response = parseFlagCell(answer);
    if (response === undefined) {
      throw new CvError("BAD_VALUE", `${names.responded} row ${row}: expected ${RESPONSE_EXPECTED}, found ${describeValue(answer)}`, { argument: names.responded, row, value: answer });
    }
    const g = index.add(String(group));
    if (g === labels.length) {
      labels.push(typeof group === "string" ? group.trim() : group);
      contacted.push(0);
      yes.push(0);
    }
    contacted[g] = (contacted[g] as number) + 1;
    if (response) yes[g] = (yes[g] as number) + 1;
  }
  if (labels.length === 0) {
    throw new CvError("EMPTY_INPUT", `${names.groups} and ${names.responded} hold no contacted customers: select a group and a response (1/0) per customer`, { argument: names.groups });
  }
  const totalContacted = contacted.reduce((s, c) => s + c, 0);
  const totalResponded = yes.reduce((s, c) => s + c, 0);
  const overall = totalResponded / totalContacted;
  const rate = Float64Array.from(labels, (_, g) => (yes[g] as number) / (contacted[g] as number));
  return {
    groups: labels,
    contacted: Int32Array.from(contacted),
    responded: Int32Array.from(yes),
    rate,
    lift: rate.map((r) => (overall === 0 ? Number.NaN : r / overall)),
    total: { contacted: totalContacted, responded: totalResponded, rate: overall, lift: overall === 0 ? Number.NaN : 1 },
    blankRows,
  };
}
