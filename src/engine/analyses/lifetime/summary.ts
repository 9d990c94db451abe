/** What the lifetime value analysis shows on its summary sheet: the model check chart, the fitted parameters with their standard errors and verdicts, the CLV settings and the frequency/recency matrices. */
import type { ChartData, ResultTable } from "../types";
import type { LifetimeDetails } from "./details";
import { fitVerdict } from "../../lifetime/modelFit";
import { horizonWords } from "./meaning";

/**
 * Customers by repeat purchases, actual and expected under the fitted BG/NBD (the model
 * check of Fader, Hardie & Lee's Figure 3); expected counts to a tenth of a customer, as the
 * cells the chart reads show them.
 *
 * @example lifetimeChart(details).categories // → ["0", "1", …, "7+"]
 */
export function lifetimeChart(l: LifetimeDetails): ChartData {
  return {
    type: "column",
    title: "Customers by repeat purchases: actual and expected",
    categories: l.frequency.buckets,
    series: [
      { name: "Actual customers", values: l.frequency.actual },
      { name: "Expected customers", values: l.frequency.expected.map((v) => Math.round(v * 10) / 10) },
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
 * The lifetime value analysis's tables on the summary sheet: the fitted parameters as
 * (label, value, standard error) rows with the log-likelihood, the customers fitted and the
 * verdict, the layout CV.BGNBD.FIT and CV.GG.FIT spill, so a CV.BGNBD.* or CV.CLV.BGNBD
 * formula can take them as its params; the settings the CLV used; and the frequency/recency
 * matrices of expected purchases and of P(alive).
 *
 * @example lifetimeSections(details)[0].rows[0] // → ["r", 0.8257, 0.02675]
 */
export function lifetimeSections(l: LifetimeDetails): ResultTable[] {
  const bg = l.bgnbd.params;
  const bgSe = l.bgnbd.standardErrors;
  const gg = l.gammaGamma.params;
  const ggSe = l.gammaGamma.standardErrors;
  return [
    {
      title: `BG/NBD parameters (purchases and dropout; time in ${l.unit}s; ${l.bgnbd.customers.toLocaleString("en")} customers)`,
      headers: ["Parameter", "Value", "Standard error"],
      rows: [
        ["r", bg.r, se(bgSe.r)],
        ["alpha", bg.alpha, se(bgSe.alpha)],
        ["a", bg.a, se(bgSe.a)],
        ["b", bg.b, se(bgSe.b)],
        ["log-likelihood", l.bgnbd.logLikelihood, null],
        ["customers", l.bgnbd.customers, null],
        ["verdict", fitVerdict(l.bgnbd.warnings), null],
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
  ];
}
