import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { OfficeWorkbook } from "../office/OfficeWorkbook";
import { whenOfficeReady } from "../office/ready";
import { App } from "./App";
import { TaskPane } from "./TaskPane";

const container = document.getElementById("root");
if (!container) throw new Error("taskpane.html has no #root element");
const root = createRoot(container);

// Inside Excel the pane works on the open workbook; in a plain browser it explains itself
// and points to the preview page.
void whenOfficeReady().then((host) => {
  root.render(
    host === "Excel" ? (
      <TaskPane workbook={new OfficeWorkbook()} host="excel" />
    ) : (
      <FluentProvider theme={webLightTheme}>
        <App host={host} />
      </FluentProvider>
    ),
  );
});
