/**
 * What every CV.* custom function must do with any Excel-shaped arguments (issue 12,
 * class 9): return a 2-D array (or, for a scalar function, one value) whose cells are finite
 * numbers, strings, booleans or CustomFunctions.Error values with an Excel code and a
 * message; throw nothing but such an error; and finish within a bound.
 *
 * A problem has a `kind` (a stable class, without the numbers, used to group failures) and a
 * `detail` (where and what).
 */
import { performance } from "node:perf_hooks";
import { ERROR_CODES, EXCEL_CELL_CHARS, EXCEL_ERROR_TEXTS, showArgs } from "./excelArgs";

export interface Problem {
  kind: string;
  detail: string;
}

/** Whether a function returns a spilled range or one value. */
export type Shape = "grid" | "scalar";

/** What the inputs contain, so an output may echo what it was given. */
export interface InputFacts {
  texts: Set<string>;
  joined: string;
  longestText: number;
}

/** The strings anywhere in the arguments. */
export function inputFacts(args: readonly unknown[]): InputFacts {
  const texts = new Set<string>();
  let longestText = 0;
  const walk = (v: unknown): void => {
    if (typeof v === "string") {
      texts.add(v);
      longestText = Math.max(longestText, v.length);
    } else if (Array.isArray(v)) v.forEach(walk);
  };
  args.forEach(walk);
  return { texts, joined: [...texts].join("\u0001"), longestText };
}

/**
 * Words that mean a missing or broken value leaked into text (a template printed NaN or
 * undefined). "is undefined" in a sentence is English, not a leak.
 */
const LEAKS: [string, RegExp][] = [
  ["NaN", /\bNaN\b/],
  ["Infinity", /\bInfinity\b/],
  ["[object", /\[object /],
  ["undefined", /(?<!\b(?:is|are|be|stays|remains) )\bundefined\b/],
];

function leaks(text: string, facts: InputFacts): string | undefined {
  return LEAKS.find(([word, pattern]) => pattern.test(text) && !facts.joined.includes(word))?.[0];
}

const KNOWN_CODES = new Set<string>(ERROR_CODES);

/** The problems of one Excel error value (returned in a cell, or thrown). */
export function errorProblems(value: unknown, where: string, facts: InputFacts): Problem[] {
  const problems: Problem[] = [];
  if (!(value instanceof CustomFunctions.Error)) problems.push({ kind: "error value is not a CustomFunctions.Error", detail: `${where}: ${String(value)}` });
  const { code, message } = value as { code?: unknown; message?: unknown };
  if (typeof code !== "string" || !KNOWN_CODES.has(code)) problems.push({ kind: "error code is not an Excel error code", detail: `${where}: code ${String(code)}` });
  if (typeof message !== "string" || message.trim() === "") {
    problems.push({ kind: "error without a message", detail: `${where}: ${String(code)} with message ${JSON.stringify(message)}` });
    return problems;
  }
  if (message.startsWith("Unexpected error")) problems.push({ kind: `internal exception surfaced as ${String(code)}: ${message.replace(/\d+/g, "N").slice(0, 120)}`, detail: `${where}: ${message.slice(0, 300)}` });
  const leak = leaks(message, facts);
  if (leak !== undefined) problems.push({ kind: `error message contains "${leak}"`, detail: `${where}: ${String(code)} ${message.slice(0, 300)}` });
  if (message.length > 1000) problems.push({ kind: "error message longer than 1,000 characters (a value not clipped?)", detail: `${where}: ${message.length} characters: ${message.slice(0, 120)}…` });
  return problems;
}

/** The problems of one returned cell. */
export function cellProblems(cell: unknown, where: string, facts: InputFacts): Problem[] {
  switch (typeof cell) {
    case "number":
      if (Number.isNaN(cell)) return [{ kind: "cell is NaN", detail: where }];
      if (!Number.isFinite(cell)) return [{ kind: "cell is ±Infinity", detail: `${where}: ${cell}` }];
      return [];
    case "boolean":
      return [];
    case "string": {
      const problems: Problem[] = [];
      if (EXCEL_ERROR_TEXTS.has(cell.trim().toUpperCase()) && !facts.texts.has(cell)) problems.push({ kind: "text cell holds an Excel error's text (an error cell read as a value)", detail: `${where}: ${JSON.stringify(cell)}` });
      const leak = leaks(cell, facts);
      if (leak !== undefined) problems.push({ kind: `text cell contains "${leak}"`, detail: `${where}: ${JSON.stringify(cell.slice(0, 200))}` });
      if (cell.length > EXCEL_CELL_CHARS && facts.longestText <= EXCEL_CELL_CHARS) problems.push({ kind: "text cell longer than Excel's 32,767 characters", detail: `${where}: ${cell.length} characters` });
      return problems;
    }
    case "object":
      if (cell === null) return [{ kind: "cell is null", detail: where }];
      if (Array.isArray(cell)) return [{ kind: "cell is an array", detail: where }];
      if ("code" in cell) return errorProblems(cell, where, facts);
      return [{ kind: "cell is an object that is not an error", detail: `${where}: ${String(cell)}` }];
    default:
      return [{ kind: `cell is ${typeof cell}`, detail: `${where}: ${String(cell)}` }];
  }
}

/** The problems of a returned result. */
export function resultProblems(result: unknown, shape: Shape, facts: InputFacts): Problem[] {
  if (shape === "scalar") {
    if (Array.isArray(result)) return [{ kind: "scalar function returned an array", detail: "" }];
    return cellProblems(result, "result", facts);
  }
  if (!Array.isArray(result)) return [{ kind: "result is not a 2-D array", detail: `${typeof result}: ${String(result)}` }];
  if (result.length === 0) return [{ kind: "result is an empty array (Excel cannot spill it)", detail: "[]" }];
  const problems: Problem[] = [];
  let width = -1;
  for (let r = 0; r < result.length; r++) {
    const row: unknown = result[r];
    if (!Array.isArray(row)) {
      problems.push({ kind: "result row is not an array", detail: `row ${r + 1}: ${String(row)}` });
      continue;
    }
    if (row.length === 0) problems.push({ kind: "result row is empty", detail: `row ${r + 1}` });
    if (width === -1) width = row.length;
    else if (row.length !== width) problems.push({ kind: "result is ragged (rows of different widths)", detail: `row ${r + 1} has ${row.length} cells, row 1 has ${width}` });
    for (let c = 0; c < row.length; c++) problems.push(...cellProblems(row[c], `row ${r + 1}, column ${c + 1}`, facts));
  }
  return problems;
}

/**
 * The hang detector: a call on ranges of at most a few hundred rows that takes longer than
 * this has a loop that does not end (or ends only after billions of steps). It is a generous
 * bound on purpose, not a performance test: such calls take milliseconds.
 */
export const HANG_BOUND_MS = 5_000;

export interface CallOutcome {
  returned: boolean;
  result?: unknown;
  thrown?: unknown;
  ms: number;
  problems: Problem[];
}

/** A thrown value: only a CustomFunctions.Error with an Excel code and a message is allowed. */
export function thrownProblems(error: unknown, facts: InputFacts): Problem[] {
  if (error instanceof CustomFunctions.Error) return errorProblems(error, "thrown", facts);
  const name = error instanceof Error ? error.constructor.name : typeof error;
  const text = error instanceof Error ? error.message : String(error);
  return [{ kind: `threw ${name}: ${text.replace(/\d+/g, "N").slice(0, 120)}`, detail: text.slice(0, 300) }];
}

/**
 * Calls a custom function the way Excel does and checks what comes back. The call's wall
 * time is measured with performance.now() and compared with `boundMs` (a hang detector).
 */
export function checkedCall(fn: (...args: never[]) => unknown, args: readonly unknown[], shape: Shape, boundMs = HANG_BOUND_MS): CallOutcome {
  const facts = inputFacts(args);
  const start = performance.now();
  let outcome: Omit<CallOutcome, "ms" | "problems">;
  try {
    outcome = { returned: true, result: (fn as (...a: unknown[]) => unknown)(...args) };
  } catch (error) {
    outcome = { returned: false, thrown: error };
  }
  const ms = performance.now() - start;
  const problems = outcome.returned ? resultProblems(outcome.result, shape, facts) : thrownProblems(outcome.thrown, facts);
  if (ms > boundMs) problems.push({ kind: `call took longer than ${boundMs} ms (hang detector)`, detail: `${ms.toFixed(0)} ms` });
  return { ...outcome, ms, problems };
}

/** A failure message naming the function, the arguments and every problem. */
export function failureReport(name: string, args: readonly unknown[], problems: readonly Problem[], outcome?: CallOutcome): string {
  const lines = [`CV.${name}(${showArgs(args)})`];
  for (const p of problems.slice(0, 8)) lines.push(`  - ${p.kind}${p.detail ? ` [${p.detail}]` : ""}`);
  if (problems.length > 8) lines.push(`  … ${problems.length - 8} more`);
  if (outcome?.returned && Array.isArray(outcome.result)) lines.push(`  returned ${showArgs([outcome.result.slice(0, 6)])}${outcome.result.length > 6 ? " …" : ""}`);
  else if (outcome?.returned) lines.push(`  returned ${showArgs([outcome.result])}`);
  else if (outcome) lines.push(`  threw ${showArgs([outcome.thrown])}: ${String((outcome.thrown as { message?: unknown })?.message ?? "").slice(0, 200)}`);
  return lines.join("\n");
}
