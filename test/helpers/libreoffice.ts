/**
 * LibreOffice as an independent formula oracle.
 *
 * A workbook written by exceljs holds formulas without cached results. LibreOffice only
 * recalculates an .xlsx on load when its profile says so (`OOXMLRecalcMode` = 0, "always
 * recalculate"; the shipped default 1 means "never", trusting cached values). So every
 * conversion runs with a fresh throw-away profile (`-env:UserInstallation`) holding a
 * `registrymodifications.xcu` that sets it. A fresh profile per call also guarantees that
 * two soffice processes never share one profile (they would block or crash each other).
 *
 * `soffice` exits 0 even when the conversion fails, so success is judged by the output file.
 *
 * Install on Debian/Ubuntu: apt-get install -y --no-install-recommends libreoffice-calc
 */
import { execFile } from "node:child_process";
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { mkdir, mkdtemp, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, delimiter, dirname, extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const LIBREOFFICE_INSTALL_HINT =
  "apt-get install -y --no-install-recommends libreoffice-calc";

/** Registry override: Calc > Formula > Load > OOXMLRecalcMode (and ODF) = 0, always recalculate. */
export const RECALC_ALWAYS_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Finds soffice for an interop test, and whether to skip it: only when soffice is missing
 * and CV_SKIP_LIBREOFFICE=1 asks for that explicitly (then it says so on the console).
 */
export function sofficeForInterop(testName: string): { soffice: string | null; skip: boolean } {
  const soffice = findSoffice();
  const skip = soffice === null && process.env.CV_SKIP_LIBREOFFICE === "1";
  if (skip) {
    console.warn(`[interop] LibreOffice (soffice) not found and CV_SKIP_LIBREOFFICE=1: skipping the ${testName}. Install it with: ${LIBREOFFICE_INSTALL_HINT}`);
  }
  return { soffice, skip };
}

/**
 * The soffice path an interop test needs, or a failure that says how to install it: the
 * oracle tests must not pass by skipping unless CV_SKIP_LIBREOFFICE=1 says so.
 */
export function requireSoffice(soffice: string | null): string {
  if (soffice !== null) return soffice;
  throw new Error(
    `LibreOffice (soffice) is required by the interop test but was not found on PATH.\n` +
      `Install it with: ${LIBREOFFICE_INSTALL_HINT}\n` +
      `(or set CV_SKIP_LIBREOFFICE=1 to skip this test explicitly).`,
  );
}

/**
 * Path of the soffice executable, or null when LibreOffice is not installed.
 * `CV_SOFFICE` overrides the lookup; otherwise PATH is searched, then the usual install folders.
 */
export function findSoffice(): string | null {
  const override = process.env.CV_SOFFICE;
  if (override) return isExecutable(override) ? override : null;
  const names = process.platform === "win32" ? ["soffice.exe", "soffice.com"] : ["soffice", "libreoffice"];
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  const known = [
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "C:\\Program Files\\LibreOffice\\program\\soffice.exe",
  ];
  return known.find(isExecutable) ?? null;
}

export interface RecalculateOptions {
  /** soffice executable; default findSoffice(). */
  soffice?: string;
  /** Kill soffice after this many milliseconds; default 120 000. */
  timeoutMs?: number;
  /** Keep the temporary profile folder (for debugging); default false. */
  keepProfile?: boolean;
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  error: Error | null;
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolvePromise) => {
    execFile(
      cmd,
      args,
      { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 16 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolvePromise({ code, stdout: String(stdout), stderr: String(stderr), error });
      },
    );
  });
}

/**
 * Opens `inputPath` in LibreOffice headless, recalculates every formula and saves it as
 * .xlsx into `outDir` (which must differ from the input's folder, or the input would be
 * overwritten). Returns the output path; throws if soffice is missing or produced nothing.
 */
export async function recalculateWithLibreOffice(
  inputPath: string,
  outDir: string,
  options: RecalculateOptions = {},
): Promise<string> {
  const soffice = options.soffice ?? findSoffice();
  if (!soffice) {
    throw new Error(
      `LibreOffice (soffice) is not installed or not on PATH. Install it with: ${LIBREOFFICE_INSTALL_HINT}`,
    );
  }
  const input = resolve(inputPath);
  const out = resolve(outDir);
  if (!existsSync(input)) throw new Error(`recalculateWithLibreOffice: input ${input} does not exist`);
  if (out === dirname(input)) {
    throw new Error("recalculateWithLibreOffice: outDir must differ from the input's folder");
  }
  await mkdir(out, { recursive: true });
  const outputPath = join(out, `${basename(input, extname(input))}.xlsx`);
  // A stale output from an earlier run must not pass for a successful conversion.
  await unlink(outputPath).catch(() => undefined);

  const profile = await mkdtemp(join(tmpdir(), "cv-lo-profile-"));
  try {
    await mkdir(join(profile, "user"), { recursive: true });
    await writeFile(join(profile, "user", "registrymodifications.xcu"), RECALC_ALWAYS_XCU, "utf8");
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      "--headless",
      "--invisible",
      "--nologo",
      "--nodefault",
      "--nofirststartwizard",
      "--norestore",
      "--convert-to",
      "xlsx",
      "--outdir",
      out,
      input,
    ];
    const result = await run(soffice, args, options.timeoutMs ?? 120_000);
    if (!existsSync(outputPath)) {
      throw new Error(
        [
          `LibreOffice did not produce ${outputPath} (exit code ${String(result.code)}).`,
          `command: ${soffice} ${args.join(" ")}`,
          result.error && result.error.message ? `error: ${result.error.message}` : "",
          result.stdout.trim() ? `stdout: ${result.stdout.trim()}` : "",
          result.stderr.trim() ? `stderr: ${result.stderr.trim()}` : "",
        ]
          .filter(Boolean)
          .join("\n"),
      );
    }
    return outputPath;
  } finally {
    if (!options.keepProfile) await rm(profile, { recursive: true, force: true });
  }
}

/**
 * The shared set-up of an oracle test: before the tests, writes the oracle workbook in a
 * fresh temporary folder, has LibreOffice recalculate it and reads the results back; after
 * them, removes the folder (kept when CV_KEEP_INTEROP=1). Call inside the describe block.
 *
 * @returns a getter for the results, which throws when the conversion failed in beforeAll.
 */
export function recalculatedOracle<T>(
  soffice: string | null,
  name: string,
  write: (path: string) => Promise<void>,
  read: (path: string) => Promise<T>,
): () => T {
  let results: T | undefined;
  let workDir: string | undefined;
  beforeAll(async () => {
    const sofficePath = requireSoffice(soffice);
    workDir = await mkdtemp(join(tmpdir(), `cv-interop-${name}-`));
    const input = join(workDir, `${name}-oracle.xlsx`);
    await write(input);
    const started = Date.now();
    const output = await recalculateWithLibreOffice(input, join(workDir, "recalculated"), { soffice: sofficePath });
    const seconds = (Date.now() - started) / 1000;
    results = await read(output);
    console.info(`[interop] LibreOffice recalculated ${output} in ${seconds.toFixed(1)} s`);
  }, 180_000);
  afterAll(async () => {
    if (!workDir) return;
    if (process.env.CV_KEEP_INTEROP === "1") console.info(`[interop] workbooks kept in ${workDir}`);
    else await rm(workDir, { recursive: true, force: true });
  });
  return () => {
    if (results === undefined) throw new Error("no LibreOffice results (the conversion failed in beforeAll)");
    return results;
  };
}
