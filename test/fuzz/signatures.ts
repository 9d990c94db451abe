/**
 * Which parameters of a custom function are ranges, read from its TypeScript signature in
 * src/functions (the metadata generator makes `unknown[][]` a range parameter and `number`,
 * `string`, `boolean` a single value). Excel passes a range parameter a 2-D array (or null
 * when omitted) and a value parameter one value, so the fuzz's mutations keep to that.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

import type { ParamKind } from "./excelArgs";

const DIR = join(__dirname, "../../src/functions");
let sources: string | undefined;

function allSources(): string {
  if (sources === undefined) {
    const files = (JSON.parse(readFileSync(join(DIR, "sources.json"), "utf8")) as { files: string[] }).files;
    sources = files.map((f) => readFileSync(join(DIR, f), "utf8")).join("\n");
  }
  return sources;
}

/** The kinds of the parameters of `export function <jsName>(…)`. */
export function paramKinds(jsName: string): ParamKind[] {
  const text = allSources();
  const start = text.search(new RegExp(`export function ${jsName}\\s*\\(`));
  if (start < 0) throw new Error(`no export function ${jsName} in src/functions`);
  const open = text.indexOf("(", start);
  let depth = 0;
  let end = open;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) {
      end = i;
      break;
    }
  }
  const list = text.slice(open + 1, end);
  const params: string[] = [];
  let level = 0;
  let current = "";
  for (const ch of list) {
    if (ch === "<" || ch === "[" || ch === "(" || ch === "{") level++;
    if (ch === ">" || ch === "]" || ch === ")" || ch === "}") level--;
    if (ch === "," && level === 0) {
      params.push(current);
      current = "";
    } else current += ch;
  }
  if (current.trim() !== "") params.push(current);
  return params.map((p) => (/\[\]\s*\[\]/.test(p) ? "range" : "value"));
}
