/**
 * Shared helpers for the browser tests: Debian Chromium (/usr/bin/chromium) driven by
 * playwright-core, a static file server for dist/ on 127.0.0.1, and a watcher that records
 * console errors, page errors, failed local requests and any request leaving 127.0.0.1.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { DIST } from "../build/helpers";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Content types of the files dist/ holds. */
export const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".png": "image/png",
  ".gif": "image/gif",
};

/** A static file server for dist/ on 127.0.0.1 and a random port. */
export function serveDist(): Promise<{ server: http.Server; origin: string }> {
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
        res.writeHead(200, { "Content-Type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream" });
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

/** Stops a server from {@link serveDist} (no-op when it never started). */
export function closeServer(server: http.Server | undefined): Promise<void> {
  return new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

/** What {@link watch} records; a clean page leaves every list empty. */
export interface PageProblems {
  pageErrors: string[];
  consoleErrors: string[];
  failedLocal: string[];
  external: string[];
}

/**
 * Records console errors, page errors, failed local requests and any request leaving
 * 127.0.0.1 (which is refused, so nothing leaves the machine).
 */
export async function watch(page: Page, origin: string): Promise<PageProblems> {
  const problems: PageProblems = { pageErrors: [], consoleErrors: [], failedLocal: [], external: [] };
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + "/") || url.startsWith("data:")) return route.continue();
    problems.external.push(url);
    return route.abort();
  });
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.consoleErrors.push(`${msg.text()} @ ${msg.location().url}`);
  });
  page.on("pageerror", (err) => problems.pageErrors.push(String(err)));
  page.on("requestfailed", (req) => {
    if (req.url().startsWith(origin + "/")) problems.failedLocal.push(`${req.url()}: ${req.failure()?.errorText}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.failedLocal.push(`${res.url()}: HTTP ${res.status()}`);
  });
  return problems;
}

/** A headless Chromium with its own throw-away profile; `close()` ends it and removes the profile. */
export async function launchChromium(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), "cv-chromium-"));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
    });
    return {
      context,
      close: async () => {
        await context.close();
        rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
