/** What the lifetime value analysis shows on its summary sheet: the model check chart, the fitted parameters with their standard errors and verdicts, the CLV settings and the frequency/recency matrices. */
import type { AnalysisRun, ChartData, ResultTable } from "../types";
import type { LifetimeCheck, LifetimeDetails } from "./details";
import { fitVerdict } from "../../lifetime/modelFit";
import { horizonWords } from "./meaning";

/**
 * The summary sheet's chart: customers by repeat purchases, actual and expected under the
 * fitted model (the model check of Fader, Hardie & Lee's Figure 3), expected counts to a
 * tenth of a customer as the cells the chart reads show them; for a model without count
 * probabilities (MBG/NBD, Pareto/NBD), the share of customers and of CLV per CLV tier.
 *
 * @example lifetimeChart(run).categories // → ["0", "1", …, "7+"] for BG/NBD
 */
export function lifetimeChart(run: AnalysisRun<LifetimeDetails>): ChartData {
  const f = run.details.frequency;
  if (f === null) {
    return {
      type: "bar",
      title: "Share of customers and of CLV by CLV tier",
      categories: run.groups.map((g) => g.label),
      series: [
        { name: "Share of customers", values: run.groups.map((g) => g.customerShare) },
        { name: "Share of CLV", values: run.groups.map((g) => g.valueShare) },
      ],
    };
  }
  return {
    type: "column",
    title: "Customers by repeat purchases: actual and expected",
    categories: f.buckets,
    series: [
      { name: "Actual customers", values: f.actual },
      { name: "Expected customers", values: f.expected.map((v) => Math.round(v * 10) / 10) },
    ],
    categoryTitle: "Repeat purchases",
    valueTitle: "Customers",
  };
}

/** A standard error for a cell: null (an empty cell) where the Hessian gave none. */
const se = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** A t_x column heading: whole units, or one decimal below 10 months. */
function txHeading(t: number, unit: LifetimeDetails["unit"]): string {
  return unit === "month" && t < 10 ? t.toFixed(1) : Math.round(t).toLocaleString("en");
}

/**
 * The frequency/recency matrix as a summary section: a row per x, a column per t_x (the
 * middle of its band), the expected purchases over the horizon or P(alive) in the cells,
 * empty where no customer can be.
 *
 * @example matrixSection(details, "pAlive").headers[0] // → "x \\ t_x (weeks)"
 */
export function matrixSection(l: LifetimeDetails, which: "expected" | "pAlive"): ResultTable {
  const m = l.matrix;
  const unit = `${m.unit}s`;
  const T = m.T.toLocaleString("en", { maximumFractionDigits: 1 });
  const what =
    which === "expected"
      ? `Expected purchases in the ${horizonWords(m.horizonMonths)}`
      : `P(alive) at ${l.asOf} (the probability that the customer has not silently stopped buying)`;
  const cells = which === "expected" ? m.expected : m.pAlive;
  return {
    title: `${what}, by repeat purchases x (rows) and ${unit} from the first to the last purchase t_x (columns), for a customer first seen ${T} ${unit} before ${l.asOf}`,
    headers: [`x \\ t_x (${unit})`, ...m.tx.map((t) => txHeading(t, m.unit))],
    rows: m.x.map((x, k) => [x, ...(cells[k] ?? [])]),
    numberFormats: ["0", ...m.tx.map(() => (which === "expected" ? "0.00" : "0.000"))],
  };
}

/**
 * The lifetime value analysis's tables on the summary sheet: the purchase model's and
 * Gamma-Gamma's parameters as (label, value, standard error) rows with the log-likelihood,
 * the customers fitted and the verdict, the layout the model's FIT function and CV.GG.FIT
 * spill, so a CV.* formula can take them as its params; the settings the CLV used; the
 * frequency/recency matrices of expected purchases and of P(alive); and, when asked for,
 * the "Check the model" sections with their charts.
 *
 * @example lifetimeSections(details)[0].rows[0] // → ["r", 0.8257, 0.02675]
 */
export function lifetimeSections(l: LifetimeDetails): ResultTable[] {
  const pm = l.purchases;
  const gg = l.gammaGamma.params;
  const ggSe = l.gammaGamma.standardErrors;
  return [
    {
      title: `${pm.name} parameters (purchases and dropout, ${pm.source}; time in ${l.unit}s; ${pm.customers.toLocaleString("en")} customers; the layout of ${pm.fitFunction})`,
      headers: ["Parameter", "Value", "Standard error"],
      rows: [
        ...pm.parameterNames.map((name) => [name, pm.params[name] ?? null, se(pm.standardErrors[name] ?? Number.NaN)]),
        ["log-likelihood", pm.logLikelihood, null],
        ["customers", pm.customers, null],
        ["model", pm.name, null],
        ["verdict", fitVerdict(pm.warnings), null],
      ],
    },
    {
      title: `Gamma-Gamma parameters (spend per purchase; ${l.gammaGamma.customers.toLocaleString("en")} repeat customers)`,
      headers: ["Parameter", "Value", "Standard error"],
      rows: [
        ["p", gg.p, se(ggSe.p)],
        ["q", gg.q, se(ggSe.q)],
        ["gamma", gg.gamma, se(ggSe.gamma)],
        ["log-likelihood", l.gammaGamma.logLikelihood, null],
        ["customers", l.gammaGamma.customers, null],
        ["verdict", fitVerdict(l.gammaGamma.warnings), null],
      ],
    },
    {
      title: "CLV settings (as of: end of the calibration period; time unit of x, t_x and T)",
      headers: ["Setting", "Value"],
      rows: [
        ["Purchase model", pm.name],
        ["As of", l.asOf],
        ["Time unit", l.unit],
        ["Horizon (months)", l.horizonMonths],
        ["Discount a month", l.monthlyDiscount],
        ["Margin", l.margin],
        ["Total CLV", l.totalClv],
      ],
    },
    matrixSection(l, "expected"),
    matrixSection(l, "pAlive"),
    ...(l.check ? checkSections(l.check) : []),
  ];
}

/**
 * The "Check the model" sections, each with its native chart: the models ranked by holdout
 * MAE with the naive baseline (a column chart of the MAEs), the mean holdout purchases by
 * calibration repeat purchases, actual against each model and the naive baseline (FHL 2005
 * Figure 4, a column chart), and the cumulative repeat purchases per period through
 * calibration and holdout (Figure 2, a line chart). Cost: O(models × periods).
 *
 * @example checkSections(check)[0].rows[0]?.[1] // → the best model's name
 */
export function checkSections(c: LifetimeCheck): ResultTable[] {
  const units = `${c.unit}s`;
  const span = `calibration to ${c.calibrationEnd}${c.automatic ? " (chosen by the add-in: the last third of the history is the holdout)" : ""}, holdout to ${c.holdoutEnd} (${c.holdoutLength.toLocaleString("en", { maximumFractionDigits: 1 })} ${units})`;
  const names = c.models.map((m) => m.name);
  const ranking: ResultTable = {
    title: `Check the model: ${c.verdict} (${c.customers.toLocaleString("en")} customers; ${span})`,
    headers: ["Rank", "Model", "MAE per customer", "RMSE per customer", "Purchases predicted", "Purchases made"],
    rows: [
      ...c.models.map((m, k) => [k + 1, m.name, m.mae, m.rmse, m.totalPredicted, c.totalActual]),
      [null, "Naive: each customer's own past rate", c.naive.mae, c.naive.rmse, c.naive.totalPredicted, c.totalActual],
      ...c.failed.map((f) => [null, `${f.name}: not fitted (${f.message})`, null, null, null, null]),
    ],
    numberFormats: ["0", null, "0.000", "0.000", "#,##0.0", "#,##0"],
    chart: { type: "column", title: "Holdout error per customer (MAE): lower is better", categoryColumn: 1, seriesColumns: [2], rows: c.models.length + 1, valueTitle: "Mean absolute error" },
  };
  const f = c.byFrequency;
  const byFrequency: ResultTable = {
    title: `Check the model: mean purchases per customer in the holdout, by repeat purchases in the calibration period (actual, each model, naive)`,
    headers: ["Calibration repeat purchases", "Customers", "Actual", ...names, "Naive"],
    rows: f.labels.map((label, g) => [label, f.customers[g] ?? null, f.actual[g] ?? null, ...f.predicted.map((p) => p[g] ?? null), f.naive[g] ?? null]),
    numberFormats: [null, "#,##0", "0.00", ...names.map(() => "0.00"), "0.00"],
    chart: {
      type: "column",
      title: "Holdout purchases per customer by calibration repeat purchases",
      categoryColumn: 0,
      seriesColumns: [2, ...names.map((_, k) => 3 + k)],
      categoryTitle: "Calibration repeat purchases",
      valueTitle: "Purchases per customer",
    },
  };
  const t = c.tracking;
  const tracking: ResultTable = {
    title: `Check the model: cumulative repeat purchases by ${c.unit}, actual and predicted (${span})`,
    headers: [`${capitalise(c.unit)} ending`, "Period", "Actual", ...names],
    rows: t.periodEnd.map((end, k) => [end, t.phase[k] ?? null, t.actualCumulative[k] ?? null, ...t.predictedCumulative.map((p) => p[k] ?? null)]),
    numberFormats: [null, null, "#,##0", ...names.map(() => "#,##0.0")],
    chart: { type: "line", title: "Cumulative repeat purchases: actual and predicted", categoryColumn: 0, seriesColumns: [2, ...names.map((_, k) => 3 + k)], valueTitle: "Repeat purchases" },
  };
  return [ranking, byFrequency, tracking];
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
