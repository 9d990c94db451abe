import { GroupChart } from "../../preview/GroupChart";
import type { PaneAnalysis } from "../types";
import { LifecycleEditor } from "./LifecycleEditor";

/** Lifecycle stages in the pane: the rule columns and parameters; the stages as its preview. */
export const lifecyclePane: PaneAnalysis<null> = { Editor: LifecycleEditor, Preview: GroupChart };
