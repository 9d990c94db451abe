/**
 * Shared helpers for the build tests: project paths, the custom-function source list and the
 * ids its files declare, a small namespace-aware XML tree built on saxes (a strict,
 * well-formedness-checking parser already installed through exceljs), and a PNG size reader.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { SaxesParser } from "saxes";
import functionList from "../../src/functions/sources.json";

export const ROOT = path.resolve(__dirname, "../..");
/** Where the build is: dist/, or CV_DIST when set (so parallel work can build and test apart). */
export const DIST = process.env.CV_DIST ? path.resolve(process.env.CV_DIST) : path.join(ROOT, "dist");
export const FUNCTIONS_DIR = path.join(ROOT, "src", "functions");

/**
 * The files (in src/functions) whose @customfunction tags make functions.json, in order:
 * the one list, src/functions/sources.json, that webpack.config.js also reads.
 */
export const FUNCTION_SOURCES: readonly string[] = functionList.files;

/**
 * The function ids a source file declares, in tag order: the first word after each
 * `@customfunction` tag (the tag is case-insensitive), upper-cased as the metadata generator
 * writes it. Throws for a tag without an id (the id would default to the JS name).
 */
export function declaredFunctionIds(file: string): string[] {
  const full = path.resolve(FUNCTIONS_DIR, file);
  const source = readFileSync(full, "utf8");
  return [...source.matchAll(/^[ \t]*\*?[ \t]*@customfunction\b[ \t]*([^\s*]*)/gim)].map((m, i) => {
    if (!m[1]) throw new Error(`${path.relative(ROOT, full)}: @customfunction tag ${i + 1} has no id`);
    return m[1].toUpperCase();
  });
}

/** Every id the listed files declare, in list order, then tag order. */
export function listedFunctionIds(): string[] {
  return FUNCTION_SOURCES.flatMap((file) => declaredFunctionIds(file));
}

export const NS = {
  officeApp: "http://schemas.microsoft.com/office/appforoffice/1.1",
  overrides: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
} as const;

/** Fails with a clear message when the build output the tests rely on is missing. */
export function requireDist(...files: string[]): void {
  for (const file of files) {
    const full = path.join(DIST, file);
    if (!existsSync(full)) {
      throw new Error(`${path.relative(ROOT, full)} is missing: run \`npm run build\` first (\`npm test\` does).`);
    }
  }
}

export interface XmlElement {
  /** Namespace URI ("" when none). */
  uri: string;
  local: string;
  /** Attributes by qualified name as written (e.g. "resid", "xsi:type"). */
  attrs: Record<string, string>;
  /** Attributes by "{uri}local" (unprefixed attributes have no namespace). */
  attrsNS: Record<string, string>;
  children: XmlElement[];
  text: string;
  parent: XmlElement | null;
}

/** Parses XML strictly (throws on any well-formedness or namespace error). */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  let root: XmlElement | null = null;
  const stack: XmlElement[] = [];
  parser.on("error", (err) => {
    throw err;
  });
  parser.on("opentag", (tag) => {
    const el: XmlElement = {
      uri: tag.uri,
      local: tag.local,
      attrs: {},
      attrsNS: {},
      children: [],
      text: "",
      parent: stack[stack.length - 1] ?? null,
    };
    for (const attr of Object.values(tag.attributes)) {
      el.attrs[attr.name] = attr.value;
      el.attrsNS[`{${attr.uri}}${attr.local}`] = attr.value;
    }
    if (el.parent) el.parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on("text", (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (!root) throw new Error("no root element");
  return root;
}

/** Every element below (and including) `el`, in document order. */
export function descendants(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [el];
  for (const child of el.children) out.push(...descendants(child));
  return out;
}

export function findAll(el: XmlElement, uri: string, local: string): XmlElement[] {
  return descendants(el).filter((e) => e.uri === uri && e.local === local);
}

export function child(el: XmlElement, uri: string, local: string): XmlElement | undefined {
  return el.children.find((c) => c.uri === uri && c.local === local);
}

/** Follows a path of local names (in one namespace) from `el`; throws if any step is missing. */
export function at(el: XmlElement, uri: string, ...locals: string[]): XmlElement {
  let cur = el;
  for (const local of locals) {
    const next = child(cur, uri, local);
    if (!next) throw new Error(`<${cur.local}> has no <${local}> child`);
    cur = next;
  }
  return cur;
}

export function xsiType(el: XmlElement): string | undefined {
  return el.attrsNS[`{${NS.xsi}}type`];
}

/** Width and height from a PNG's IHDR chunk (throws if the file is not a PNG). */
export function pngSize(file: string): { width: number; height: number } {
  const buf = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buf.length < 24 || !buf.subarray(0, 8).equals(signature)) throw new Error(`${file} is not a PNG`);
  if (buf.toString("latin1", 12, 16) !== "IHDR") throw new Error(`${file}: first chunk is not IHDR`);
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}
