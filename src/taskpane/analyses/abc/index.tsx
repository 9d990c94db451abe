import { GroupChart } from "../../preview/GroupChart";
import { abcProblem } from "../../paneChecks";
import type { AnalysisEditorProps, PaneAnalysis } from "../types";
import { AbcEditor } from "./AbcEditor";

/** ABC by value in the pane: the class cuts and names, and the classes as its preview. */
export const abcPane: PaneAnalysis<null> = {
  Editor: ({ model, onChange }: AnalysisEditorProps) => <AbcEditor abc={model.abc} onChange={(abc) => onChange({ ...model, abc })} />,
  Preview: GroupChart,
  check: (model) => abcProblem(model.abc),
};
