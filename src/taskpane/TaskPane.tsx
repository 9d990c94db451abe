import { Body1, Button, Title3 } from "@fluentui/react-components";
import { useState } from "react";
import type { SourceRange, Workbook } from "../workbook/Workbook";

/** Props of the task pane: the workbook it works on (Excel or the in-memory preview). */
export interface TaskPaneProps {
  workbook: Workbook;
  /** "excel" inside Excel, "preview" on the preview page. */
  host: "excel" | "preview";
}

/**
 * The Customer Value task pane (work in progress: the data, model, preview and apply steps
 * are being built). For now it reads the current region and shows its size.
 */
export function TaskPane({ workbook }: TaskPaneProps) {
  const [source, setSource] = useState<SourceRange | null>(null);
  const [error, setError] = useState<string | null>(null);
  const read = () => {
    workbook.readSource("region").then(
      (range) => {
        setSource(range);
        setError(null);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  };
  return (
    <div>
      <Title3 as="h2">Customer table</Title3>
      <Button onClick={read}>Use current region</Button>
      {source && (
        <Body1 as="p">
          {source.sheet}!{source.address}: {source.values.length} rows × {source.values[0]?.length ?? 0} columns
        </Body1>
      )}
      {error && <Body1 as="p">{error}</Body1>}
    </div>
  );
}
