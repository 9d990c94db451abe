/**
 * The lifecycle analysis's settings (methods §7), declared once: which columns feed each
 * stage rule, and the rule parameters.
 */
import type { ColumnProfile } from "../../core/profile";
import { findColumn } from "../columnGuess";
import { type SettingsType, column, declareSettings, numberSetting, optionalDate } from "../settings";

const days = (words: string, initial: number) => numberSetting({ words, allowed: "a number of days, 0 or more", initial, min: 0, max: Number.POSITIVE_INFINITY });

/**
 * Lifecycle settings: first and last purchase dates and the flags guessed from header words;
 * exit after 365 silent days, new for 120 days, core after 365 days in the top 20%.
 */
export const lifecycleSettings = declareSettings("lifecycle", "Lifecycle", {
  first: column("first purchase column", ({ profiles }) => findColumn(profiles, ["firstpurchase", "first", "首次"], ["date"])),
  last: column("last purchase column", ({ profiles }) => findColumn(profiles, ["lastpurchase", "last", "最近", "末次"], ["date"])),
  /** A value percentile column (0–1, 1 = best); null = the percentile rank of roles.value. */
  percentile: column("percentile column", ({ profiles }) => findColumn(profiles, ["percentile", "百分位"], ["number"])),
  inPlan: column("in-plan column", ({ profiles }) => findColumn(profiles, ["inplan", "plan", "target", "opportunity", "计划"], ["number", "text"])),
  problems: column("problems column", ({ profiles }) => findColumn(profiles, ["openproblems", "problems", "complaints", "disputes", "投诉", "问题"], ["number"])),
  strategic: column("strategic column", ({ profiles }) => findColumn(profiles, ["strategic", "战略"], ["number", "text"])),
  exited: column("exited column", ({ profiles }) => findColumn(profiles, ["exited", "churned", "closed", "流失"], ["number", "text"])),
  /** A column holding each customer's stage in an earlier snapshot, for transitions. */
  previousStage: column("previous stage column", ({ profiles }) => findColumn(profiles, ["previousstage", "laststage", "stage"], ["text"])),
  asOf: optionalDate("as-of date"),
  exitDays: days("exit days", 365),
  newDays: days("new days", 120),
  coreDays: days("core days", 365),
  coreShare: numberSetting({ words: "core share", allowed: "a share above 0, at most 1", initial: 0.2, min: 0, aboveMin: true, max: 1 }),
});

/** Lifecycle settings: which columns feed each rule, and the rule parameters (methods §7). */
export type LifecycleSettings = SettingsType<typeof lifecycleSettings>;

/** Lifecycle settings guessed from the columns (see lifecycleSettings). */
export function defaultLifecycleSettings(profiles: readonly ColumnProfile[]): LifecycleSettings {
  return lifecycleSettings.defaults({ profiles, value: null });
}
