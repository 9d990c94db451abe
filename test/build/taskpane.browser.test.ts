/**
 * Opens the built task pane (dist/taskpane.html, the shared-runtime page that loads office.js,
 * functions.js and taskpane.js) in Debian Chromium, outside Office: Office.onReady resolves
 * with host null there, and the pane must still render with no console or page errors.
 * Saves a screenshot to test-output/taskpane.png.
 */
import { mkdirSync } from "node:fs";
import type http from "node:http";
import path from "node:path";
import type { BrowserContext } from "playwright-core";
import { closeServer, launchChromium, serveDist, watch } from "../helpers/browser";
import { ROOT, requireDist } from "./helpers";

describe("task pane in a real browser", () => {
  let server: http.Server | undefined;
  let origin = "";
  let context: BrowserContext | undefined;
  let closeBrowser: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    requireDist("taskpane.html", "taskpane.js", "functions.js", "office-js/office.js");
    ({ server, origin } = await serveDist());
    ({ context, close: closeBrowser } = await launchChromium({ width: 360, height: 640 }));
  });

  afterAll(async () => {
    await closeBrowser?.();
    await closeServer(server);
  });

  test("renders the placeholder pane with no console or page errors", async () => {
    if (!context) throw new Error("browser did not start");
    const page = await context.newPage();
    // Everything the page needs is served from 127.0.0.1 (office.js included). A request
    // anywhere else is recorded and refused; it must not happen, but if office.js ever tries
    // one, it is reported in the assertion below rather than leaving the machine.
    const { pageErrors, consoleErrors, failedLocal, external } = await watch(page, origin);

    await page.goto(`${origin}/taskpane.html`, { waitUntil: "networkidle" });
    await page.getByRole("heading", { name: "Customer Value" }).waitFor({ state: "visible", timeout: 30_000 });
    await page.getByText("CV.SCORE", { exact: true }).waitFor({ state: "visible" });
    await page.getByText("Not running inside Excel", { exact: false }).waitFor({ state: "visible" });

    // functions.js ran in the same page (shared runtime) against office.js's CustomFunctions.
    expect(await page.evaluate(() => typeof (globalThis as { CustomFunctions?: unknown }).CustomFunctions)).toBe(
      "object",
    );
    expect(await page.title()).toBe("Customer Value");

    mkdirSync(path.join(ROOT, "test-output"), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, "test-output", "taskpane.png"), fullPage: true });

    expect({ pageErrors, consoleErrors, failedLocal, external }).toEqual({
      pageErrors: [],
      consoleErrors: [],
      failedLocal: [],
      external: [],
    });
  });
});
