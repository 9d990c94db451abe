/**
 * Checks the custom-functions build output: dist/functions.json (generated from the JSDoc in
 * src/functions/functions.ts by custom-functions-metadata-plugin) lists exactly the CV.*
 * functions, each documented, and dist/functions.js registers each one with
 * CustomFunctions.associate (appended by the same plugin).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { CV_FUNCTION_NAMES } from "../../src/taskpane/functionNames";
import { DIST, requireDist } from "./helpers";

const EXPECTED_IDS = [
  "NORMALIZE",
  "SCORE",
  "TIER",
  "TIERBYSCORE",
  "ABC",
  "PARETO",
  "PARETOSHARE",
  "WHALE",
  "SCORECARD",
  "VALUEMATRIX",
  "RATING",
  "RFM",
  "RFMSCORE",
  "RFMSEGMENT",
  "SILENCE",
  "STAGE",
  "TRANSITIONS",
  "GROWTHCLASS",
  "TEMPERATURE",
  "MAN",
  "CLVSIMPLE",
  "CLV",
  "MARKOVMATRIX",
  "MARKOVCLV",
  "BGNBD.SUMMARY",
  "BGNBD.FIT",
  "BGNBD.PALIVE",
  "BGNBD.EXPECTED",
  "GG.FIT",
  "GG.SPEND",
  "CLV.BGNBD",
  "AFFINITY",
  "RECOMMEND",
  "RESPONSE",
  "DEVELOPMENT",
];

interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters?: { name: string; description?: string }[];
}

function loadMetadata(): FunctionMetadata[] {
  requireDist("functions.json", "functions.js");
  const json = JSON.parse(readFileSync(path.join(DIST, "functions.json"), "utf8")) as {
    functions?: FunctionMetadata[];
  };
  if (!Array.isArray(json.functions)) throw new Error("dist/functions.json has no functions array");
  return json.functions;
}

describe("custom functions metadata", () => {
  test("dist/functions.json lists exactly the CV functions, with name equal to id", () => {
    const fns = loadMetadata();
    expect(fns.map((f) => f.id).sort()).toEqual([...EXPECTED_IDS].sort());
    for (const f of fns) expect(f.name).toBe(f.id);
  });

  test("every function and every parameter has a description", () => {
    const missing: string[] = [];
    for (const f of loadMetadata()) {
      if (!f.description?.trim()) missing.push(f.id);
      for (const p of f.parameters ?? []) {
        if (!p.description?.trim()) missing.push(`${f.id}(${p.name})`);
      }
    }
    expect(missing).toEqual([]);
  });

  test("dist/functions.js associates every function id", () => {
    loadMetadata();
    const js = readFileSync(path.join(DIST, "functions.js"), "utf8");
    const associated = new Set(
      [...js.matchAll(/CustomFunctions\.associate\(\s*["'`]([A-Za-z0-9_.]+)["'`]/g)].map((m) => m[1]),
    );
    expect(EXPECTED_IDS.filter((id) => !associated.has(id))).toEqual([]);
  });

  test("the task pane lists the same functions", () => {
    expect([...CV_FUNCTION_NAMES].sort()).toEqual([...EXPECTED_IDS].sort());
  });
});

describe("README function reference", () => {
  test("every function has a section headed with its full signature, in the order of its parameters", () => {
    const readme = readFileSync(path.join(__dirname, "../../README.md"), "utf8");
    const missing: string[] = [];
    for (const f of loadMetadata()) {
      const params = (f.parameters ?? []).map((p) => ((p as { optional?: boolean }).optional ? `[${p.name}]` : p.name)).join(", ");
      const heading = `### CV.${f.id}(${params})`;
      if (!readme.split(/\r?\n/).includes(heading)) missing.push(heading);
    }
    expect(missing).toEqual([]);
  });
});
