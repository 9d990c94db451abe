/**
 * What to do with each group: a suggested action per segment, tier, stage, quadrant or class,
 * from methods.md (the scorecard's quadrant advice, the lifecycle stages' meaning) and the
 * usual RFM playbook, editable per label in the model (`model.actions`). The summary sheet and
 * the customer lists carry it, so a list handed to a colleague says what it is for.
 */
import type { CustomerValueModel } from "./model";

/** Default actions by group label, for every analysis's standard labels (case as the engine writes them). */
export const DEFAULT_ACTIONS: Readonly<Record<string, string>> = {
  // RFM segments (the standard rule table)
  Champions: "Reward them: early access, loyalty perks; ask for reviews and referrals.",
  "Potential Loyalist": "Offer membership or a loyalty programme; recommend related products.",
  "Loyal Customers": "Upsell higher-value products; ask for reviews.",
  Promising: "Build awareness: onboarding offers, free trials.",
  "New Customers": "Onboard well: welcome series, help with the first repeat purchase.",
  "Can't Lose Them": "Win them back personally: call, renewal offer, new products; do not lose them to a competitor.",
  "At Risk": "Win-back offer: personal emails, renewals, helpful resources.",
  "Need Attention": "Limited-time offers and recommendations based on past purchases.",
  "About To Sleep": "Reconnect: popular products, discounts, reminders.",
  Lost: "Try one reactivation campaign; otherwise stop spending on them.",
  Others: "Check the segment rules: these customers match none.",
  // Scorecard quadrants (methods §5)
  Strategic: "Invest and deepen the relationship.",
  Maintain: "Keep them; serve efficiently.",
  Develop: "Grow your share of their spending.",
  Minimal: "Serve at low cost, or let go.",
  // Pyramid tiers (the presets)
  Top: "Key-account care: a named contact, tailored offers, protect at all costs.",
  Big: "Develop towards the top: regular contact, cross-sell.",
  Medium: "Grow with targeted offers; automate the contact.",
  Small: "Serve at low cost through self-service channels.",
  Key: "Key-account care: a named contact and tailored offers.",
  General: "Serve efficiently; look for the ones that can grow.",
  // ABC classes
  A: "Protect and develop: key-account care.",
  B: "Develop: regular contact and cross-sell.",
  C: "Serve at low cost.",
  D: "Serve at the lowest cost, or let go.",
  // Lifecycle stages (methods §7)
  Prospect: "Qualify the need; decide whether to put them in the development plan.",
  Target: "Make first contact and a first offer.",
  "New": "Onboard: deliver on the first orders, plan the second.",
  Established: "Cross-sell and deepen towards core.",
  Core: "Retain: full offer, regular reviews; consider a partnership.",
  Problem: "Resolve the open problem first; a named owner and a deadline.",
  Exited: "Learn why they left; win back the valuable ones.",
};

/**
 * The suggested action for a group of an analysis: the model's edited text when there is
 * one (an empty text stays empty: the user cleared it), else the default for its label, else
 * "" (e.g. "Cluster 3": the user names what to do). Cost: O(1).
 *
 * @example suggestedAction(model, "rfm", "At Risk") // → "Win-back offer: personal emails, renewals, helpful resources."
 */
export function suggestedAction(model: Pick<CustomerValueModel, "actions">, analysis: string, label: string): string {
  const edited = model.actions?.[analysis]?.[label];
  if (edited !== undefined) return edited;
  return Object.hasOwn(DEFAULT_ACTIONS, label) ? (DEFAULT_ACTIONS[label] as string) : "";
}

/**
 * The model with one group's action set (trimmed; at most 500 characters, as the model reader
 * accepts), for the pane's action editor. The default text set back removes the entry.
 *
 * @example withAction(model, "rfm", "At Risk", "Call them this week").actions?.rfm?.["At Risk"] // → "Call them this week"
 */
export function withAction<M extends CustomerValueModel>(model: M, analysis: string, label: string, text: string): M {
  const clean = text.trim().slice(0, 500);
  const mine = { ...(model.actions?.[analysis] ?? {}) };
  if (Object.hasOwn(DEFAULT_ACTIONS, label) && DEFAULT_ACTIONS[label] === clean) delete mine[label];
  else mine[label] = clean;
  return { ...model, actions: { ...(model.actions ?? {}), [analysis]: mine } };
}
