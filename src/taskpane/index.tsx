import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { App } from "./App";

const container = document.getElementById("root");
if (!container) throw new Error("taskpane.html has no #root element");
const root = createRoot(container);

function render(host: string | null): void {
  root.render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} />
    </FluentProvider>,
  );
}

// Wait for Office.js, then render. In a plain browser Office.onReady resolves with
// host null; if office.js is missing altogether the pane still renders.
if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady().then(
    // HostType is typed as an enum but its runtime values are strings ("Excel").
    (info) => render(info.host == null ? null : String(info.host)),
    () => render(null),
  );
} else {
  render(null);
}
