/**
 * The holdout check CV.* custom function (docs/models/holdout.md): fit a lifetime model on
 * a calibration period and compare its predictions with the holdout period that follows.
 * Parsing and shaping only; the maths is in src/engine/lifetime/holdout.ts.
 */
import { type CellGrid, CvError, HOLDOUT_MODELS, type HoldoutCheck, type HoldoutModel, dayToIso, describeValue, fitVerdict, holdoutCheck, holdoutModelByName, parseTimeUnit, rankHoldoutChecks } from "../engine";
import { readTransactions } from "./behaviour";
import { type ExcelCell, customerHeader, excelCall, notAvailable, optionalDay, optionalFlag, optionalGrid, optionalText, toExcelError, withHeader } from "./excelArgs";
import { readParams } from "./lifetimeArgs";

const VIEWS = ["summary", "frequency", "tracking", "customers"] as const;
type View = (typeof VIEWS)[number];

function readView(text: string | undefined): View {
  const view = (text ?? "summary").toLowerCase();
  if ((VIEWS as readonly string[]).includes(view)) return view as View;
  throw new CvError("BAD_OPTION", `view must be ${VIEWS.map((v) => `"${v}"`).join(", ")}, found ${describeValue(text)}`, { argument: "view", value: text });
}

/** The model a FIT table names in its "model" row, if any. */
function modelInTable(grid: CellGrid | undefined): string | undefined {
  if (!grid) return undefined;
  for (const row of grid) {
    if (String(row[0] ?? "").trim().toLowerCase() === "model" && typeof row[1] === "string" && row[1].trim() !== "") return row[1].trim();
  }
  return undefined;
}

/** The registered model a FIT table names, or undefined when it names none the check knows. */
function tableChoice(name: string | undefined): HoldoutModel | undefined {
  if (name === undefined) return undefined;
  try {
    return holdoutModelByName(name, "params");
  } catch {
    return undefined;
  }
}

/**
 * The model the `model` argument names.
 *
 * @throws CvError BAD_OPTION listing every choice, "all" included.
 */
function modelArgument(text: string): HoldoutModel {
  const found = tableChoice(text);
  if (found) return found;
  throw new CvError("BAD_OPTION", `model must be one of ${modelChoices()}, found ${describeValue(text)}`, { argument: "model", value: text });
}

const modelChoices = () => [...Object.keys(HOLDOUT_MODELS), "all"].map((k) => `"${k}"`).join(", ");

const unitWords = (unit: string) => (unit === "day" ? "days" : unit === "week" ? "weeks" : "months");
const PHASES = ["calibration", "holdout", "calibration → holdout"] as const;
const orNa = (v: number, why: string): ExcelCell => (Number.isNaN(v) ? notAvailable(why) : v);

function summaryRows(c: HoldoutCheck, names: readonly string[]): ExcelCell[][] {
  const rows: ExcelCell[][] = [
    ["Model", c.model],
    ["Parameters", c.fitted ? "fitted on the calibration period" : "given"],
    ...names.map((n): ExcelCell[] => [n, c.params[n]!]),
    ["Calibration log-likelihood", c.logLikelihood],
  ];
  if (c.fitted) rows.push(["Fit verdict", fitVerdict(c.fitWarnings)]);
  const u = unitWords(c.unit);
  rows.push(
    ["Calibration end", dayToIso(c.calibrationEnd)],
    ["Holdout end", dayToIso(c.holdoutEnd)],
    [`Holdout length (${u})`, c.holdoutLength],
    ["Customers in the check", c.actual.length],
    ["Customers first seen in the holdout (not in the check)", c.customersFirstSeenInHoldout],
    ["Rows after the holdout end (not used)", c.rowsAfterHoldout],
  );
  if (c.skippedBlankIds > 0) rows.push(["Rows without a customer id (skipped)", c.skippedBlankIds]);
  const e = c.errors;
  rows.push(
    ["MAE", e.mae],
    ["RMSE", e.rmse],
    ["Naive MAE", e.naiveMae],
    ["Naive RMSE", e.naiveRmse],
    ["Actual holdout purchases", e.totalActual],
    ["Predicted holdout purchases", e.totalPredicted],
    ["Naive holdout purchases", e.totalNaive],
    ["Verdict", e.verdict],
  );
  if (c.warnings.length > 0) rows.push(["Warnings", c.warnings.join("; ")]);
  return rows;
}

function frequencyRows(c: HoldoutCheck): ExcelCell[][] {
  const f = c.byFrequency;
  return f.labels.map((label, g) => {
    const why = `no customer with ${label} calibration repeat purchase${label === "1" ? "" : "s"}`;
    return [label, f.customers[g]!, orNa(f.meanActual[g]!, why), orNa(f.meanPredicted[g]!, why), orNa(f.meanNaive[g]!, why)];
  });
}

function trackingRows(c: HoldoutCheck): ExcelCell[][] {
  const t = c.tracking;
  return Array.from(t.periodEnd, (end, k) => [k + 1, Math.floor(end), PHASES[t.phase[k]!]!, t.actual[k]!, t.predicted[k]!, t.actualCumulative[k]!, t.predictedCumulative[k]!]);
}

function customerRows(c: HoldoutCheck): ExcelCell[][] {
  const s = c.summary;
  return s.displayIds.map((id, k) => [id as ExcelCell, s.x[k]!, s.tx[k]!, s.T[k]!, c.actual[k]!, c.predicted[k]!, c.naive[k]!]);
}

/**
 * Checks a lifetime model on a holdout period: fits it on the purchases up to calibration_end (or uses params), predicts each customer's purchases up to holdout_end and compares with what they bought (Fader, Hardie & Lee 2005).
 * @customfunction BTYD.HOLDOUT
 * @param customer_ids Customer id per transaction row; blank ids are skipped (and counted).
 * @param dates Purchase date per row (date cells or text like 1997-03-31); purchases on one day count once.
 * @param amounts Amount per row; negative amounts (returns) are not purchases.
 * @param calibration_end The last day of the calibration period: on or after the first purchase and before the last date.
 * @param [holdout_end] The last day of the holdout period, after calibration_end; default the latest date in the data.
 * @param [model] "bgnbd" (default), "mbgnbd", "pnbd" or "all" (every model, ranked by holdout MAE; summary view only); default the model named by a params FIT table.
 * @param [params] The model's FIT table or its parameters in order (BG/NBD: r, alpha, a, b); omitted: fitted on the calibration period.
 * @param [view] "summary" (default: parameters, MAE, RMSE, naive MAE/RMSE, totals, verdict), "frequency" (by calibration repeat purchases 0–6, 7+), "tracking" (cumulative repeat purchases per period) or "customers".
 * @param [unit] "day", "week" (default) or "month" (365.25/12 days).
 * @param [headers] TRUE (default) to put a header row on top.
 * @returns The view's table; customers first seen after calibration_end are left out of the check and counted in the summary.
 */
export function BTYD_HOLDOUT(
  customer_ids: unknown[][],
  dates: unknown[][],
  amounts: unknown[][],
  calibration_end: number,
  holdout_end?: number,
  model?: string,
  params?: unknown[][],
  view?: string,
  unit?: string,
  headers?: boolean,
): unknown[][] {
  return excelCall(() => {
    const timeUnit = parseTimeUnit(optionalText(unit, "unit"));
    const shown = readView(optionalText(view, "view"));
    const withHeaders = optionalFlag(headers, true);
    const calibrationEnd = optionalDay(calibration_end, "calibration_end");
    if (calibrationEnd === undefined) throw new CvError("EMPTY_INPUT", "calibration_end is required: the last day of the calibration period, e.g. 1997-09-30", { argument: "calibration_end" });
    const holdoutEnd = optionalDay(holdout_end, "holdout_end");
    if (amounts === null || amounts === undefined) throw new CvError("EMPTY_INPUT", "amounts is required: select the amount column", { argument: "amounts" });
    const paramsGrid = optionalGrid(params as CellGrid | null | undefined);
    const modelText = optionalText(model, "model");
    const tableModel = modelInTable(paramsGrid);
    const tx = readTransactions(customer_ids, dates, amounts, undefined);
    const columns = { ids: tx.ids, days: tx.days, ...(tx.amounts ? { amounts: tx.amounts } : {}) };
    const base = { calibrationEnd, ...(holdoutEnd !== undefined ? { holdoutEnd } : {}), unit: timeUnit };

    if (modelText !== undefined && modelText.toLowerCase() === "all") {
      if (paramsGrid) throw new CvError("BAD_OPTION", 'params go with one model: with model "all" every model is fitted on the calibration period; leave params empty or name the model', { argument: "params" });
      if (shown !== "summary") throw new CvError("BAD_OPTION", `view "${shown}" shows one model: with model "all" the view is "summary" (the ranking); name a model for the ${shown} view`, { argument: "view", value: view });
      return rankingTable(columns, base, withHeaders);
    }
    const chosen: HoldoutModel = modelText !== undefined ? modelArgument(modelText) : (tableChoice(tableModel) ?? holdoutModelByName("bgnbd"));
    if (tableModel !== undefined && tableChoice(tableModel)?.key !== chosen.key) {
      throw new CvError("BAD_VALUE", `params is a ${tableModel} FIT table but the model checked is ${chosen.name}: give the ${chosen.name} parameters, or name the table's model in model (${modelChoices()})`, { argument: "params" });
    }
    const given = paramsGrid ? readParams(paramsGrid, "params", chosen.parameterNames) : undefined;
    const check = holdoutCheck(columns, { ...base, model: chosen, ...(given ? { params: given } : {}) });
    const u = unitWords(check.unit);
    switch (shown) {
      case "summary":
        return withHeader(["Holdout check", "Value"], summaryRows(check, chosen.parameterNames), withHeaders);
      case "frequency":
        return withHeader(["Calibration repeat purchases", "Customers", "Actual holdout purchases (mean)", "Predicted holdout purchases (mean)", "Naive prediction (mean)"], frequencyRows(check), withHeaders);
      case "tracking":
        return withHeader([`Period (${u})`, "Period end", "Phase", "Actual repeat purchases", "Predicted repeat purchases", "Actual cumulative", "Predicted cumulative"], trackingRows(check), withHeaders);
      case "customers":
        return withHeader([customerHeader(check.skippedBlankIds), "x", `t_x (${u})`, `T (${u})`, "Actual holdout purchases", "Predicted holdout purchases", "Naive prediction"], customerRows(check), withHeaders);
    }
  });
}

/** Every registered model checked on the same split and ranked by holdout MAE; a model whose fit fails shows its error, last. */
function rankingTable(columns: Parameters<typeof holdoutCheck>[0], base: Omit<Parameters<typeof holdoutCheck>[1], "model" | "params">, withHeaders: boolean): ExcelCell[][] {
  const checks: HoldoutCheck[] = [];
  const failed: ExcelCell[][] = [];
  const reasons: string[] = [];
  for (const m of Object.values(HOLDOUT_MODELS)) {
    try {
      checks.push(holdoutCheck(columns, { ...base, model: m }));
    } catch (error) {
      // Bad arguments are the same for every model: report them once, for the call.
      if (error instanceof CvError && (error.location?.argument === "calibration_end" || error.location?.argument === "holdout_end" || error.code === "EMPTY_INPUT")) throw error;
      const cell = toExcelError(error);
      reasons.push(`${m.name}: ${error instanceof Error ? error.message : String(error)}`);
      failed.push(["", m.name, cell, cell, cell, cell, cell]);
    }
  }
  if (checks.length === 0) {
    // One reason in full (the others are alike, and a cell's message must stay readable).
    throw new CvError("NOT_CONVERGED", `no model could be fitted on the calibration period (${failed.map((r) => r[1]).join(", ")} all fail); ${reasons[0]}`);
  }
  const ranked = rankHoldoutChecks(checks);
  const rows: ExcelCell[][] = ranked.rows.map((r) => [r.rank, r.model, r.mae, r.rmse, r.naiveMae, r.totalActual, r.totalPredicted]);
  rows.push(...failed, ["Verdict", ranked.verdict, "", "", "", "", ""]);
  return withHeader(["Rank", "Model", "MAE", "RMSE", "Naive MAE", "Actual holdout purchases", "Predicted holdout purchases"], rows, withHeaders);
}
