import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { percentText } from "../paneChecks";

const useStyles = makeStyles({
  box: {
    display: "flex",
    flexDirection: "column",
    gap: "6px",
    padding: "6px 8px",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "4px" },
  // Name | "next 4%" | bar: the name wraps rather than pushing the bar out of a 320 px pane.
  item: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) auto 64px", alignItems: "center", columnGap: "8px", fontSize: tokens.fontSizeBase300 },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  share: { fontVariantNumeric: "tabular-nums", color: tokens.colorNeutralForeground2, whiteSpace: "nowrap" },
  track: { height: "8px", borderRadius: tokens.borderRadiusSmall, backgroundColor: tokens.colorNeutralBackground5, overflow: "hidden" },
  fill: { height: "100%", minWidth: "2px", backgroundColor: tokens.colorBrandBackground },
  actions: { display: "flex", alignItems: "center", gap: "8px", flexWrap: "wrap" },
  small: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/**
 * A tier's share of customers in words, from the top: "top 1%" for the first tier, "next 4%"
 * for the ones after it, "the other 80%" for the last (percent without float noise).
 *
 * @example tierShareWords([0.01, 0.04, 0.15, 0.8], 1) === "next 4%"
 */
export function tierShareWords(shares: readonly number[], k: number): string {
  const pct = `${percentText(shares[k] ?? 0)}%`;
  if (k === 0) return `top ${pct}`;
  return k === shares.length - 1 ? `the other ${pct}` : `next ${pct}`;
}

/** Props of the preset summary. */
export interface TierPresetSummaryProps {
  labels: readonly string[];
  /** Shares of customers per tier, from the top (fractions: 0.01 is 1%). */
  shares: readonly number[];
  /** Switches to editable fields seeded with these tiers. */
  onCustomise(): void;
}

/**
 * A tier preset as a preset reads: each tier's name, its share of customers in words ("top
 * 1%", "next 4%" …, see tierShareWords) and a small bar of that share, then a "Customise"
 * button that turns them into editable fields with the same names and shares.
 *
 * @example <TierPresetSummary labels={tiers.labels} shares={tiers.shares} onCustomise={() => onChange({ ...tiers, preset: "custom" })} />
 */
export function TierPresetSummary({ labels, shares, onCustomise }: TierPresetSummaryProps) {
  const styles = useStyles();
  return (
    <div className={styles.box} data-testid="tier-preset-summary">
      <ul className={styles.list} aria-label="Tiers of the preset, from the top">
        {labels.map((label, k) => (
          <li key={k} className={styles.item} data-testid="tier-preset-tier">
            <span className={styles.name}>{label}</span>
            <span className={styles.share}>{tierShareWords(shares, k)}</span>
            <span className={styles.track} aria-hidden>
              <span className={styles.fill} style={{ display: "block", width: `${Math.min(100, Math.max(0, (shares[k] ?? 0) * 100))}%` }} />
            </span>
          </li>
        ))}
      </ul>
      <div className={styles.actions}>
        <Button size="small" onClick={onCustomise}>
          Customise
        </Button>
        <span className={styles.small}>to change the names or shares</span>
      </div>
    </div>
  );
}
