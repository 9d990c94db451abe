// npm start: build the add-in, then serve dist/ over https://localhost:3000 for Excel.
// preview.html, also served, runs the task pane in any browser against an in-memory workbook.
//
//   node scripts/start.mjs            production build, then serve
//   node scripts/start.mjs --watch    development build in watch mode, served as it rebuilds
//   node scripts/start.mjs --no-build serve the dist/ that is already there
//
// The HTTPS certificate comes from office-addin-dev-certs, generated offline into
// ~/.office-addin-dev-certs. Its `install` step (which trusts the CA with sudo/certutil) is
// NOT run here: trust ca.crt yourself on the machine where Excel runs (printed below).
import { spawn } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import https from "node:https";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const PORT = 3000;
const args = new Set(process.argv.slice(2));
const watch = args.has("--watch");
const build = !args.has("--no-build");

const webpackCli = require.resolve("webpack-cli/bin/cli.js");
/** @type {import("node:child_process").ChildProcess | undefined} */
let watcher;

function runBuild() {
  return new Promise((resolve, reject) => {
    console.log("Building (webpack --mode production)...");
    const child = spawn(process.execPath, [webpackCli, "--mode", "production"], { cwd: root, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`webpack exited with code ${code}`))));
  });
}

function startWatch() {
  return new Promise((resolve, reject) => {
    console.log("Building in watch mode (webpack --mode development --watch)...");
    watcher = spawn(process.execPath, [webpackCli, "--mode", "development", "--watch"], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let first = true;
    watcher.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      if (first && /compiled/.test(String(chunk))) {
        first = false;
        resolve();
      }
    });
    watcher.on("error", reject);
    watcher.on("exit", (code) => {
      if (first) reject(new Error(`webpack --watch exited with code ${code}`));
    });
  });
}

/** Generates the dev certificates unless valid ones (for at least another day) are there. */
async function ensureCertificates() {
  const certs = require("office-addin-dev-certs/lib/defaults.js");
  const files = { ca: certs.caCertificatePath, cert: certs.localhostCertificatePath, key: certs.localhostKeyPath };
  let valid = Object.values(files).every((f) => existsSync(f));
  if (valid) {
    try {
      const cert = new X509Certificate(readFileSync(files.cert));
      valid = new Date(cert.validTo).getTime() - Date.now() > 24 * 3600 * 1000;
    } catch {
      valid = false;
    }
  }
  if (!valid) {
    console.log(`Generating development certificates in ${certs.certificateDirectory} (no install step)...`);
    const { generateCertificates } = require("office-addin-dev-certs");
    await generateCertificates();
  }
  return {
    key: readFileSync(files.key),
    cert: readFileSync(files.cert),
    ca: readFileSync(files.ca),
    caPath: files.ca,
  };
}

const contentTypes = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
};

/** Serves files from dist/ (read on each request, so a watch rebuild is picked up). */
async function handle(req, res) {
  // Excel (desktop and web) fetches functions.json and the scripts from its own origin;
  // allow any origin, as the Office add-in dev server does.
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Cache-Control", "no-store");
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD" }).end();
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? "/", "https://localhost").pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  if (pathname === "/") pathname = "/taskpane.html";
  const file = path.resolve(dist, "." + pathname);
  if (file !== dist && !file.startsWith(dist + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error("not a file");
    const body = await readFile(file);
    res.writeHead(200, {
      "Content-Type": contentTypes[path.extname(file).toLowerCase()] ?? "application/octet-stream",
      "Content-Length": body.length,
    });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end(`Not found: ${pathname}\n`);
  }
}

function listen(tls, host) {
  return new Promise((resolve, reject) => {
    const server = https.createServer(tls, (req, res) => {
      handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    server.once("error", reject);
    server.listen(PORT, host, () => resolve(server));
  });
}

function printInstructions(caPath) {
  const manifest = path.join(root, "manifest.xml");
  const lines = [
    "",
    `Customer Value add-in is served at https://localhost:${PORT}/taskpane.html`,
    `Preview without Excel: https://localhost:${PORT}/preview.html`,
    `Manifest: ${manifest}`,
    "",
    "Excel must run on this machine (or reach this port as localhost, e.g. ssh -L 3000:localhost:3000),",
    "and that machine must trust the development CA certificate:",
    `  ${caPath}`,
    "  Windows: certutil -user -addstore Root ca.crt",
    "  Mac:     sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ca.crt",
    "  (or import ca.crt as a trusted root in your browser / OS certificate manager)",
    "",
    "Sideload manifest.xml:",
    "  Excel on Windows:",
    "    - recent Microsoft 365 builds: open the Office Add-ins dialog (Insert > Add-ins > My Add-ins,",
    "      or Home > Add-ins > More Add-ins), then MY ADD-INS > Upload My Add-in > manifest.xml;",
    "    - otherwise a shared folder catalog: share a folder, add its network path (\\\\machine\\folder) under",
    "      File > Options > Trust Center > Trust Center Settings > Trusted Add-in Catalogs with",
    "      'Show in Menu' ticked, restart Excel, copy manifest.xml into the folder, then",
    "      Insert > My Add-ins > SHARED FOLDER > Customer Value > Add.",
    "  Excel on Mac:",
    "    copy manifest.xml into ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef",
    "    (create the folder if needed), restart Excel, then Insert > My Add-ins (drop-down arrow)",
    "    > Developer Add-ins > Customer Value.",
    "  Excel on the web:",
    "    open a workbook, Insert > Add-ins (Office Add-ins) > My Add-ins > Upload My Add-in,",
    "    browse to manifest.xml and Upload.",
    "",
    "Then: Home > Customer Value opens the task pane; type =CV. in a cell for the functions.",
    "Press Ctrl+C to stop.",
    "",
  ];
  console.log(lines.join("\n"));
}

async function main() {
  if (build) {
    if (watch) await startWatch();
    else await runBuild();
  }
  if (!existsSync(path.join(dist, "taskpane.html"))) {
    throw new Error("dist/taskpane.html is missing: run `npm run build` (or drop --no-build).");
  }
  const tls = await ensureCertificates();
  const servers = [await listen(tls, "127.0.0.1")];
  try {
    servers.push(await listen(tls, "::1"));
  } catch {
    // No IPv6 loopback on this machine: 127.0.0.1 is enough.
  }
  printInstructions(tls.caPath);

  const stop = () => {
    for (const s of servers) s.close();
    if (watcher && watcher.exitCode === null) watcher.kill("SIGTERM");
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  if (watcher && watcher.exitCode === null) watcher.kill("SIGTERM");
  process.exit(1);
});
