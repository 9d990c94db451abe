import { Body1Strong, Combobox, Field, Option, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { CrossSellDetails, CrossSellRule } from "../../../engine";
import { plural, usePaneStyles } from "../../styles";

/** Rules the preview lists; the CV Rules sheet gets them all. */
export const PREVIEW_RULES = 25;
/** Options a search box lists at once; typing narrows the rest down. */
const SEARCH_OPTIONS = 50;

/** The measures the rule table sorts by: column titles (short where a narrow pane needs it), what they mean, formats. */
const MEASURES = [
  { key: "support", title: "Support", short: "Support", about: "Share of the baskets holding both sides", format: (v: number) => `${(v * 100).toFixed(2)}%` },
  { key: "confidence", title: "Confidence", short: "Conf.", about: "Share of the baskets with the first products that also hold the last", format: (v: number) => `${(v * 100).toFixed(1)}%` },
  { key: "lift", title: "Lift", short: "Lift", about: "Confidence over the last product's share of baskets: 1 = chance", format: (v: number) => v.toFixed(2) },
  { key: "leverage", title: "Leverage", short: "Leverage", about: "Support minus what independent products would give", format: (v: number) => v.toFixed(4) },
  { key: "conviction", title: "Conviction", short: "Conviction", about: "How much more often the rule holds than chance would have it fail; ∞ = it always held", format: (v: number) => (Number.isFinite(v) ? v.toFixed(2) : "∞") },
] as const;

/** A measure the rule table can be sorted by. */
export type RuleMeasure = (typeof MEASURES)[number]["key"];

const useStyles = makeStyles({
  counts: { display: "grid", gridTemplateColumns: "repeat(3, minmax(0, 1fr))", gap: "6px" },
  count: {
    display: "flex",
    flexDirection: "column",
    padding: "4px 8px",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
  },
  countValue: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: "tabular-nums" },
  // The rules scroll inside their own box (down, and sideways should a pane be too narrow for the five measures), never the pane.
  scroller: { overflow: "auto", maxWidth: "100%", maxHeight: "420px", border: `1px solid ${tokens.colorNeutralStroke3}`, borderRadius: tokens.borderRadiusMedium },
  stickyHeader: { position: "sticky", top: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground1 },
  ruleName: { padding: "4px 4px 0", textAlign: "left", fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  sortButton: {
    border: "none",
    background: "none",
    padding: 0,
    font: "inherit",
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorBrandForeground1,
    cursor: "pointer",
    whiteSpace: "nowrap",
  },
  numberHeader: { textAlign: "right", whiteSpace: "nowrap" },
  arrow: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightRegular },
  search: { width: "100%", minWidth: 0 },
});

/**
 * A search box over many names: typing narrows the list (at most {@link SEARCH_OPTIONS}
 * shown, with a line saying how many more match), choosing one selects it.
 */
function SearchBox(props: { label: string; hint?: string; options: readonly string[]; selected: string | null; onSelect(value: string): void; testId: string }) {
  const styles = useStyles();
  const [query, setQuery] = useState<string | null>(null);
  const q = (query ?? "").trim().toLowerCase();
  const matches = q === "" ? props.options : props.options.filter((o) => o.toLowerCase().includes(q));
  const shown = matches.slice(0, SEARCH_OPTIONS);
  return (
    <Field label={props.label} hint={props.hint}>
      <Combobox
        className={styles.search}
        data-testid={props.testId}
        value={query ?? props.selected ?? ""}
        selectedOptions={props.selected === null ? [] : [props.selected]}
        onChange={(e) => setQuery(e.target.value)}
        onOptionSelect={(_, d) => {
          // Typing past the chosen name clears the selection (no option value): keep what is typed.
          if (d.optionValue === undefined || d.optionValue === "") return;
          props.onSelect(d.optionValue);
          setQuery(null);
        }}
        onOpenChange={(_, d) => {
          if (!d.open) setQuery(null);
        }}
      >
        {shown.map((o) => (
          <Option key={o} value={o} text={o}>
            {o}
          </Option>
        ))}
        {matches.length > shown.length && (
          <Option key="(more)" value="" text="" disabled>
            {`${(matches.length - shown.length).toLocaleString("en")} more: type to narrow the list`}
          </Option>
        )}
        {matches.length === 0 && (
          <Option key="(none)" value="" text="" disabled>
            No match
          </Option>
        )}
      </Combobox>
    </Field>
  );
}

/** The rules sorted by a measure, best first or last; ties keep the engine's order (lift, support, confidence, names). */
export function sortRules(rules: readonly CrossSellRule[], by: RuleMeasure, descending: boolean): CrossSellRule[] {
  const sign = descending ? -1 : 1;
  return rules
    .map((rule, i) => ({ rule, i }))
    .sort((a, b) => {
      const x = a.rule[by];
      const y = b.rule[by];
      return x === y ? a.i - b.i : sign * (x < y ? -1 : 1);
    })
    .map((e) => e.rule);
}

/** The top rules as a table sortable by clicking a measure's header (again: the other way). */
function RuleTable({ details }: { details: CrossSellDetails }) {
  const pane = usePaneStyles();
  const styles = useStyles();
  const [sort, setSort] = useState<{ by: RuleMeasure; descending: boolean }>({ by: "lift", descending: true });
  const sorted = useMemo(() => sortRules(details.rules, sort.by, sort.descending), [details.rules, sort]);
  const shown = sorted.slice(0, PREVIEW_RULES);
  const measure = MEASURES.find((m) => m.key === sort.by) as (typeof MEASURES)[number];
  if (details.rules.length === 0) {
    return (
      <span className={pane.small} data-testid="crosssell-no-rules">
        No rule reaches these thresholds; the warning below says which one to lower.
      </span>
    );
  }
  return (
    <>
      <Body1Strong as="h3" className={pane.subheading}>
        Top rules
      </Body1Strong>
      <span className={pane.small} data-testid="crosssell-rules-caption">
        {shown.length < details.rules.length ? `Top ${shown.length} of ${details.rules.length.toLocaleString("en")} rules` : `All ${plural(details.rules.length, "rule")}`} by{" "}
        {measure.title.toLowerCase()}, {sort.descending ? "highest" : "lowest"} first; click a column to sort. Every rule goes to the CV Rules sheet.
      </span>
      <div className={styles.scroller} role="region" aria-label="Top rules" tabIndex={-1}>
        <table className={pane.table} aria-label="Rules" data-testid="crosssell-rules">
          <thead>
            <tr>
              {MEASURES.map((m) => (
                <th
                  key={m.key}
                  className={`${pane.numberCell} ${styles.numberHeader} ${styles.stickyHeader}`}
                  scope="col"
                  aria-sort={sort.by === m.key ? (sort.descending ? "descending" : "ascending") : "none"}
                >
                  <button
                    type="button"
                    className={styles.sortButton}
                    aria-label={m.title}
                    title={`${m.title}: ${m.about}. Click to sort.`}
                    onClick={() => setSort((s) => (s.by === m.key ? { by: m.key, descending: !s.descending } : { by: m.key, descending: true }))}
                  >
                    {m.short}
                    <span className={styles.arrow} aria-hidden="true">
                      {sort.by === m.key ? (sort.descending ? " ↓" : " ↑") : ""}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          {/* One row group per rule: its products on a line of their own, its measures under the column titles. */}
          {shown.map((r) => (
            <tbody key={`${r.antecedent}\u0000${r.consequent}`}>
              <tr>
                <th className={styles.ruleName} scope="rowgroup" colSpan={MEASURES.length}>
                  {r.antecedent} → {r.consequent}
                </th>
              </tr>
              <tr>
                {MEASURES.map((m) => (
                  <td key={m.key} className={pane.numberCell}>
                    {m.format(r[m.key])}
                  </td>
                ))}
              </tr>
            </tbody>
          ))}
        </table>
      </div>
    </>
  );
}

/** Products that start a rule on their own, by name; the default is the first product of the top rule. */
function Partners({ details }: { details: CrossSellDetails }) {
  const pane = usePaneStyles();
  const products = useMemo(() => [...new Set(details.rules.filter((r) => r.antecedentProducts.length === 1).map((r) => r.antecedent))].sort(), [details.rules]);
  const [chosen, setChosen] = useState<string | null>(null);
  const fallback = details.rules.find((r) => r.antecedentProducts.length === 1)?.antecedent ?? null;
  const product = chosen !== null && products.includes(chosen) ? chosen : fallback;
  if (product === null) return null;
  const partners = details.rules.filter((r) => r.antecedentProducts.length === 1 && r.antecedent === product);
  const count = partners[0]?.antecedentCount ?? 0;
  return (
    <>
      <SearchBox
        label="Best partners of"
        hint={`${plural(products.length, "product")} ${products.length === 1 ? "starts" : "start"} a rule; type to search.`}
        options={products}
        selected={product}
        onSelect={setChosen}
        testId="crosssell-product"
      />
      <span className={pane.small}>
        In {count.toLocaleString("en")} {count === 1 ? details.basketWords.one : details.basketWords.many}; of them, the share that also had:
      </span>
      <table className={pane.table} aria-label={`Best partners of ${product}`} data-testid="crosssell-partners">
        <thead>
          <tr>
            <th className={pane.cell} scope="col">
              Partner
            </th>
            <th className={pane.numberCell} scope="col">
              Confidence
            </th>
            <th className={pane.numberCell} scope="col">
              Lift
            </th>
          </tr>
        </thead>
        <tbody>
          {partners.map((r) => (
            <tr key={r.consequent}>
              <th className={`${pane.cell} ${pane.wrapCell}`} scope="row" style={{ fontWeight: "normal" }}>
                {r.consequent}
              </th>
              <td className={pane.numberCell}>{`${(r.confidence * 100).toFixed(1)}%`}</td>
              <td className={pane.numberCell}>{r.lift.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** One customer's recommendations; the default is the first customer who has any. */
function Recommendations({ details }: { details: CrossSellDetails }) {
  const pane = usePaneStyles();
  const ids = useMemo(() => details.customers.map((c) => String(c.id)), [details.customers]);
  const [chosen, setChosen] = useState<string | null>(null);
  const fallback = details.customers.find((c) => c.recommendations.length > 0) ?? details.customers[0];
  const customer = (chosen !== null ? details.customers.find((c) => String(c.id) === chosen) : undefined) ?? fallback;
  if (!customer) return null;
  const n = customer.neighbours;
  return (
    <>
      <SearchBox
        label="Recommendations for"
        hint={`${plural(ids.length, "customer")}; type an id to search.`}
        options={ids}
        selected={String(customer.id)}
        onSelect={setChosen}
        testId="crosssell-customer"
      />
      <span className={pane.small} data-testid="crosssell-customer-summary">
        {`Bought ${customer.products.toLocaleString("en")} product${customer.products === 1 ? "" : "s"}; ${n === 0 ? "no similar customer found" : `${n.toLocaleString("en")} similar customer${n === 1 ? "" : "s"} found`}.`}
        {customer.recommendations.length === 0 && n > 0 ? " They bought nothing this customer has not." : ""}
      </span>
      {customer.recommendations.length > 0 && (
        <table className={pane.table} aria-label={`Recommendations for ${customer.id}`} data-testid="crosssell-recommendations">
          <thead>
            <tr>
              <th className={pane.cell} scope="col">
                Product
              </th>
              <th className={pane.numberCell} scope="col" title="Sum of the Jaccard similarities of the neighbours who bought it">
                Score
              </th>
              <th className={pane.numberCell} scope="col" title="Neighbours who bought it">
                Bought by
              </th>
            </tr>
          </thead>
          <tbody>
            {customer.recommendations.map((r) => (
              <tr key={r.product}>
                <th className={`${pane.cell} ${pane.wrapCell}`} scope="row" style={{ fontWeight: "normal" }}>
                  {r.product}
                </th>
                <td className={pane.numberCell}>{r.score.toFixed(3)}</td>
                <td className={pane.numberCell}>{r.owners.toLocaleString("en")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/**
 * The cross-sell preview: the counts (baskets, products, rules), the top rules as a table
 * sortable by support, confidence, lift, leverage or conviction (lift, highest first, to
 * begin with), a product's best partners, and a customer's recommendations with how many
 * products it bought and how many similar customers were found.
 */
export function CrossSellPreview({ details }: { details: CrossSellDetails }) {
  const styles = useStyles();
  const pane = usePaneStyles();
  const many = details.basketWords.many;
  const counts: [string, number][] = [
    [`${many[0]!.toUpperCase()}${many.slice(1)}`, details.baskets],
    ["Products", details.products],
    ["Rules", details.rules.length],
  ];
  return (
    <>
      <div className={styles.counts} data-testid="crosssell-counts">
        {counts.map(([label, value]) => (
          <div key={label} className={styles.count} aria-label={`${label}: ${value.toLocaleString("en")}`} role="group">
            <span className={styles.countValue}>{value.toLocaleString("en")}</span>
            <span>{label}</span>
          </div>
        ))}
      </div>
      <RuleTable details={details} />
      <Partners details={details} />
      <Recommendations details={details} />
      <Body1Strong as="h3" className={pane.subheading}>
        Customers by top recommendation
      </Body1Strong>
    </>
  );
}
