/** What the task pane knows of an analysis: its editor and its preview picture. The registry lists one per analysis. */
import type { ComponentType } from "react";
import type { AnalysisRun, ColumnProfile, CustomerValueModel } from "../../engine";

/** Props every analysis's editor gets: the model, the table's columns, and the preview's last run (for settings that show what they mean in the data). */
export interface AnalysisEditorProps {
  model: CustomerValueModel;
  profiles: readonly ColumnProfile[];
  onChange(model: CustomerValueModel): void;
  run?: AnalysisRun | null;
}

/** An analysis in the task pane. */
export interface PaneAnalysis<Details = unknown> {
  /** Its settings, under the choice of analysis. */
  Editor: ComponentType<AnalysisEditorProps>;
  /** Its picture in the preview, above the per-group table. */
  Preview: ComponentType<{ run: AnalysisRun<Details> }>;
  /** What changes in the model when the user switches to it (the scorecard guesses each indicator's aspect); its settings' defaults are filled in by the pane. */
  onChoose?(model: CustomerValueModel): CustomerValueModel;
  /** What is wrong with the settings its editor holds, in the pane's words, before the preview runs (null: let the engine run it). */
  check?(model: CustomerValueModel): string | null;
}
