/**
 * Opens the built task pane (dist/taskpane.html, the shared-runtime page that loads office.js,
 * functions.js and taskpane.js) in Debian Chromium, outside Office: Office.onReady resolves
 * with host null there, and the pane must still render with no console or page errors.
 * Saves a screenshot to test-output/taskpane.png.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { DIST, ROOT, requireDist } from "./helpers";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".gif": "image/gif",
};

/** A static file server for dist/ on 127.0.0.1 and a random port. */
function serveDist(): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
      const file = path.resolve(DIST, "." + pathname);
      if (!file.startsWith(DIST + path.sep)) {
        res.writeHead(403).end();
        return;
      }
      try {
        if (!(await stat(file)).isFile()) throw new Error("not a file");
        const body = await readFile(file);
        res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

describe("task pane in a real browser", () => {
  let server: http.Server | undefined;
  let origin = "";
  let context: BrowserContext | undefined;
  let userDataDir = "";

  beforeAll(async () => {
    requireDist("taskpane.html", "taskpane.js", "functions.js", "office-js/office.js");
    ({ server, origin } = await serveDist());
    userDataDir = mkdtempSync(path.join(os.tmpdir(), "cv-chromium-"));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 360, height: 640 },
    });
  });

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  test("renders the placeholder pane with no console or page errors", async () => {
    if (!context) throw new Error("browser did not start");
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    const failedLocal: string[] = [];
    const external: string[] = [];

    // Everything the page needs is served from 127.0.0.1 (office.js included). A request
    // anywhere else is recorded and refused; it must not happen, but if office.js ever tries
    // one, it is reported in the assertion below rather than leaving the machine.
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(origin + "/") || url.startsWith("data:")) return route.continue();
      external.push(url);
      return route.abort();
    });
    page.on("console", (msg) => {
      if (msg.type() === "error") consoleErrors.push(`${msg.text()} @ ${msg.location().url}`);
    });
    page.on("pageerror", (err) => pageErrors.push(String(err)));
    page.on("requestfailed", (req) => {
      if (req.url().startsWith(origin + "/")) failedLocal.push(`${req.url()}: ${req.failure()?.errorText}`);
    });
    page.on("response", (res) => {
      if (res.status() >= 400) failedLocal.push(`${res.url()}: HTTP ${res.status()}`);
    });

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
