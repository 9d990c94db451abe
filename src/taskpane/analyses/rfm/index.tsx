import { GroupChart } from "../../preview/GroupChart";
import type { PaneAnalysis } from "../types";
import { RfmEditor } from "./RfmEditor";
import { rfmRulesProblem } from "./ruleChecks";

/** RFM segments in the pane: where R, F and M come from, the bins and rules; the segments as its preview; the rules checked first (a blank or repeated name, a range that cannot match). */
export const rfmPane: PaneAnalysis<null> = { Editor: RfmEditor, Preview: GroupChart, check: (model) => (model.rfm ? rfmRulesProblem(model.rfm) : null) };
