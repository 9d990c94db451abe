/**
 * The CV.* custom functions the task pane tells the user about. test/build checks that this
 * list matches the ids in the built functions.json, so it cannot drift from src/functions.
 */
export const CV_FUNCTION_NAMES = [
  "NORMALIZE",
  "SCORE",
  "TIER",
  "TIERBYSCORE",
  "ABC",
  "PARETO",
  "PARETOSHARE",
  "WHALE",
  "SCORECARD",
  "VALUEMATRIX",
  "RATING",
  "RFM",
  "RFMSCORE",
  "RFMSEGMENT",
  "SILENCE",
  "STAGE",
  "TRANSITIONS",
  "GROWTHCLASS",
  "TEMPERATURE",
  "MAN",
] as const;
