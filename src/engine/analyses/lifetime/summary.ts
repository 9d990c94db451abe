/** What the lifetime value analysis shows on its summary sheet: the model check chart, the fitted parameters and the CLV settings. */
import type { ChartData, ResultTable } from "../types";
import type { LifetimeDetails } from "./details";

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

/**
 * The lifetime value analysis's tables on the summary sheet: the fitted parameters as
 * (label, value) pairs, the layout CV.BGNBD.FIT and CV.GG.FIT spill, so a CV.BGNBD.* or
 * CV.CLV.BGNBD formula can take them as its params; and the settings the CLV used.
 *
 * @example lifetimeSections(details)[0].rows[0] // → ["r", 0.2426]
 */
export function lifetimeSections(l: LifetimeDetails): ResultTable[] {
  const bg = l.bgnbd.params;
  const gg = l.gammaGamma.params;
  return [
    {
      title: `BG/NBD parameters (purchases and dropout; time in ${l.unit}s; ${l.bgnbd.customers.toLocaleString("en")} customers)`,
      headers: ["Parameter", "Value"],
      rows: [["r", bg.r], ["alpha", bg.alpha], ["a", bg.a], ["b", bg.b], ["log-likelihood", l.bgnbd.logLikelihood]],
    },
    {
      title: `Gamma-Gamma parameters (spend per purchase; ${l.gammaGamma.customers.toLocaleString("en")} repeat customers)`,
      headers: ["Parameter", "Value"],
      rows: [["p", gg.p], ["q", gg.q], ["gamma", gg.gamma], ["log-likelihood", l.gammaGamma.logLikelihood]],
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
  ];
}
