/**
 * The purchase models the lifetime value analysis offers (methods §9; docs/models/*.md):
 * BG/NBD, MBG/NBD and Pareto/NBD, each as its fit in steps, its P(alive) and expectation at
 * fitted parameters, and what its dropout means in words. The analysis, its check, summary
 * and pane read this registry; nothing else branches on the model.
 */
import { BGNBD_HOLDOUT_MODEL, HOLDOUT_MODELS, type HoldoutModel } from "../../lifetime/holdout";
import { type BgnbdFit, type BgnbdParams, NEAR_ZERO_DROPOUT, type RepeatSummary, bgnbdPAlive, fitBgnbdSteps, frequencyFit } from "../../lifetime/bgnbd";
import { MBGNBD_NEAR_ZERO_DROPOUT, fitMbgnbdSteps, mbgnbdPAlive } from "../../lifetime/mbgnbd";
import { PNBD_NEAR_ZERO_DROPOUT, type PnbdFit, type PnbdParams, fitPnbdSteps, pnbdPAlive } from "../../lifetime/paretoNbd";
import type { FitStepOptions, ParameterFit } from "../../lifetime/modelFit";
import type { MinimizeProgress } from "../../lifetime/nelderMead";
import { CvError, describeValue } from "../../core/errors";
import type { PurchaseModelFit, PurchaseModelKey } from "./details";

/** How much dropout a fit sees, for the P(alive) check: a share, whether it is near zero, and the share in words. */
export interface DropoutMeasure {
  /** BG/NBD, MBG/NBD: the mean chance a/(a+b) of dropping out at a draw; Pareto/NBD: the share expected to drop out within the longest age. */
  share: number;
  nearZero: boolean;
  /** e.g. "a mean chance of 0.059% of stopping after a purchase, about 1 in 1,700". */
  words: string;
}

/** A purchase model as the lifetime value analysis uses it. */
export interface PurchaseModel {
  key: PurchaseModelKey;
  /** "BG/NBD". */
  name: string;
  /** "Fader, Hardie & Lee 2005". */
  source: string;
  /** What sets it apart, in one line, for the pane. */
  about: string;
  parameterNames: readonly string[];
  /** The names as the pane writes them ("α" for alpha). */
  labels: readonly string[];
  fitFunction: string;
  /** Its entry in the holdout check's registry (fit on a calibration period, expectations). */
  holdout: HoldoutModel;
  /** Fits the model by maximum likelihood in steps (see the model's fit…Steps). */
  fitSteps(summary: RepeatSummary, options: FitStepOptions): Generator<MinimizeProgress, PurchaseModelFit>;
  /** P(alive) at the as-of date of a customer (x, t_x, T), at fitted parameters. */
  pAlive(params: Readonly<Record<string, number>>): (x: number, tx: number, T: number) => number;
  /** Expected purchases in (T, T + t] of a customer (x, t_x, T), at fitted parameters. */
  expected(params: Readonly<Record<string, number>>): (t: number, x: number, tx: number, T: number) => number;
  /** How much dropout the fit sees, over the longest age in the data. */
  dropout(params: Readonly<Record<string, number>>, longestAge: number): DropoutMeasure;
  /** What P(alive) of a customer without a repeat purchase is under the model, in one sentence. */
  oneTimeBuyers: string;
  /** Customers by repeat purchases 0 … lastBucket, actual and expected (the fit check of FHL 2005 Figure 3); null when the model has no count probabilities here. */
  frequencyFit(params: Readonly<Record<string, number>>, summary: RepeatSummary, lastBucket: number): { buckets: string[]; actual: number[]; expected: number[] } | null;
}

/** "a mean chance of 0.059% of stopping after a purchase, about 1 in 1,700". */
function chanceWords(share: number, when: string): string {
  const odds = share > 0 ? `, about 1 in ${Number((1 / share).toPrecision(2)).toLocaleString("en")}` : "";
  return `a mean chance of ${Number((share * 100).toPrecision(2))}% of stopping ${when}${odds}`;
}

/** The generic fit record of any model's fit (its ParameterFit names, values and standard errors). */
function purchaseFit(model: PurchaseModel, f: { fit: ParameterFit; logLikelihood: number; customers: number; warnings: string[] }): PurchaseModelFit {
  const params: Record<string, number> = {};
  const standardErrors: Record<string, number> = {};
  f.fit.names.forEach((name, k) => {
    params[name] = f.fit.values[k] as number;
    standardErrors[name] = f.fit.standardErrors[k] as number;
  });
  return {
    key: model.key,
    name: model.name,
    source: model.source,
    parameterNames: [...model.parameterNames],
    labels: [...model.labels],
    params,
    standardErrors,
    logLikelihood: f.logLikelihood,
    customers: f.customers,
    warnings: [...f.warnings],
    fitFunction: model.fitFunction,
  };
}

function* generic<F extends BgnbdFit | PnbdFit>(model: PurchaseModel, fit: Generator<MinimizeProgress, F>): Generator<MinimizeProgress, PurchaseModelFit> {
  return purchaseFit(model, yield* fit);
}

const bg = (p: Readonly<Record<string, number>>): BgnbdParams => ({ r: p.r as number, alpha: p.alpha as number, a: p.a as number, b: p.b as number });
const pn = (p: Readonly<Record<string, number>>): PnbdParams => ({ r: p.r as number, alpha: p.alpha as number, s: p.s as number, beta: p.beta as number });

/** Expected purchases through the holdout registry's bound predictor. */
const expectedOf = (holdout: HoldoutModel) => (params: Readonly<Record<string, number>>) => holdout.predictor(params).expected;

/**
 * BG/NBD (Fader, Hardie & Lee 2005): a customer may drop out right after each repeat purchase.
 *
 * @example BGNBD_PURCHASE_MODEL.pAlive({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 })(2, 30.43, 38.86) // ≈ 0.71
 */
export const BGNBD_PURCHASE_MODEL: PurchaseModel = {
  key: "bgnbd",
  name: "BG/NBD",
  source: "Fader, Hardie & Lee 2005",
  about: "Customers may stop right after a repeat purchase; one-time buyers count as alive.",
  parameterNames: ["r", "alpha", "a", "b"],
  labels: ["r", "α", "a", "b"],
  fitFunction: "CV.BGNBD.FIT",
  holdout: BGNBD_HOLDOUT_MODEL,
  fitSteps(summary, options) {
    return generic(this, fitBgnbdSteps(summary, options));
  },
  pAlive: (params) => {
    const p = bg(params);
    return (x, tx, T) => bgnbdPAlive(p, x, tx, T);
  },
  expected: expectedOf(BGNBD_HOLDOUT_MODEL),
  dropout(params) {
    const share = (params.a as number) / ((params.a as number) + (params.b as number));
    return { share, nearZero: share < NEAR_ZERO_DROPOUT, words: chanceWords(share, "after a purchase") };
  },
  oneTimeBuyers: "A customer without a repeat purchase counts as alive (1): BG/NBD lets a customer drop out only right after a repeat purchase.",
  frequencyFit(params, summary, lastBucket) {
    const f = frequencyFit(bg(params), summary, lastBucket);
    return { buckets: f.buckets, actual: Array.from(f.actual), expected: Array.from(f.expected) };
  },
};

/**
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007): as BG/NBD, but a customer may also drop out
 * right after the first purchase, so one-time buyers silent for long lose P(alive).
 *
 * @example MBGNBD_PURCHASE_MODEL.pAlive({ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 })(0, 0, 38.86) < 1 // true
 */
export const MBGNBD_PURCHASE_MODEL: PurchaseModel = {
  key: "mbgnbd",
  name: "MBG/NBD",
  source: "Batislam, Denizel & Filiztekin 2007",
  about: "As BG/NBD, but customers may also stop right after the first purchase, so long-silent one-time buyers lose P(alive).",
  parameterNames: ["r", "alpha", "a", "b"],
  labels: ["r", "α", "a", "b"],
  fitFunction: "CV.MBGNBD.FIT",
  holdout: HOLDOUT_MODELS.mbgnbd as HoldoutModel,
  fitSteps(summary, options) {
    return generic(this, fitMbgnbdSteps(summary, options));
  },
  pAlive: (params) => {
    const p = bg(params);
    return (x, tx, T) => mbgnbdPAlive(p, x, tx, T);
  },
  expected: expectedOf(HOLDOUT_MODELS.mbgnbd as HoldoutModel),
  dropout(params) {
    const share = (params.a as number) / ((params.a as number) + (params.b as number));
    return { share, nearZero: share < MBGNBD_NEAR_ZERO_DROPOUT, words: chanceWords(share, "at each purchase") };
  },
  oneTimeBuyers: "MBG/NBD lets a customer drop out right after any purchase, the first one included, so a one-time buyer's P(alive) falls the longer they stay silent.",
  frequencyFit: () => null,
};

/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987): a customer may drop out at any moment,
 * at an exponential rate that varies from customer to customer.
 *
 * @example PNBD_PURCHASE_MODEL.dropout({ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 39).share // ≈ 0.59 on CDNOW
 */
export const PNBD_PURCHASE_MODEL: PurchaseModel = {
  key: "pnbd",
  name: "Pareto/NBD",
  source: "Schmittlein, Morrison & Colombo 1987",
  about: "Customers may stop at any moment, not only at a purchase; the classic model, slower to fit.",
  parameterNames: ["r", "alpha", "s", "beta"],
  labels: ["r", "α", "s", "β"],
  fitFunction: "CV.PNBD.FIT",
  holdout: HOLDOUT_MODELS.pnbd as HoldoutModel,
  fitSteps(summary, options) {
    return generic(this, fitPnbdSteps(summary, options));
  },
  pAlive: (params) => {
    const p = pn(params);
    return (x, tx, T) => pnbdPAlive(p, x, tx, T);
  },
  expected: expectedOf(HOLDOUT_MODELS.pnbd as HoldoutModel),
  dropout(params, longestAge) {
    const s = params.s as number;
    const beta = params.beta as number;
    const share = -Math.expm1(-s * Math.log1p(longestAge / beta));
    const span = longestAge.toLocaleString("en", { maximumFractionDigits: 1 });
    return { share, nearZero: share < PNBD_NEAR_ZERO_DROPOUT, words: `${Number((share * 100).toPrecision(2))}% of customers expected to stop within ${span} periods, the longest history here` };
  },
  oneTimeBuyers: "Pareto/NBD lets a customer drop out at any moment, so P(alive) falls the longer a customer stays silent, one-time buyers included.",
  frequencyFit: () => null,
};

/**
 * The purchase models by key, in the order the pane lists them.
 *
 * @example Object.keys(PURCHASE_MODELS) // → ["bgnbd", "mbgnbd", "pnbd"]
 */
export const PURCHASE_MODELS: Readonly<Record<PurchaseModelKey, PurchaseModel>> = {
  bgnbd: BGNBD_PURCHASE_MODEL,
  mbgnbd: MBGNBD_PURCHASE_MODEL,
  pnbd: PNBD_PURCHASE_MODEL,
};

/**
 * The purchase model of a key.
 *
 * @throws CvError BAD_OPTION naming the setting for an unknown key (a hand-edited saved model).
 * @example purchaseModel("pnbd").name // → "Pareto/NBD"
 */
export function purchaseModel(key: string): PurchaseModel {
  const model = (PURCHASE_MODELS as Readonly<Record<string, PurchaseModel>>)[key];
  if (!Object.prototype.hasOwnProperty.call(PURCHASE_MODELS, key) || model === undefined) {
    throw new CvError("BAD_OPTION", `lifetime.model must be one of ${Object.keys(PURCHASE_MODELS).map((k) => `"${k}"`).join(", ")}, found ${describeValue(key)}`, { argument: "lifetime.model", value: key });
  }
  return model;
}
