/**
 * The answer kept in sight while editing: a strip that sticks to the top of the pane once the
 * settings scroll under it, with the headline and two thin 100% bars (each group's share of
 * customers and of value, in its group colour), marked as out of date while a newer preview
 * computes, and a link down to the full preview.
 */
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { AnalysisRun } from "../engine";
import { groupColour } from "../workbook/colours";
import { percent, plural } from "./styles";
import { groupWord } from "./summarySheet";

const useStripStyles = makeStyles({
  strip: {
    position: "sticky",
    top: 0,
    zIndex: 2,
    display: "flex",
    flexDirection: "column",
    gap: "4px",
    padding: "6px 8px",
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow4,
    fontSize: tokens.fontSizeBase200,
  },
  stale: { opacity: 0.55 },
  headline: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  barRow: { display: "grid", gridTemplateColumns: "64px 1fr", alignItems: "center", gap: "6px" },
  bar: { display: "flex", height: "10px", borderRadius: "2px", overflow: "hidden", border: `1px solid ${tokens.colorNeutralStroke2}` },
  foot: { display: "flex", justifyContent: "space-between", alignItems: "center", gap: "8px", flexWrap: "wrap" },
});

/** One 100% bar: a segment per group, as wide as its share, in its colour, its figures in its tooltip and label. */
function ShareBar({ run, share, what }: { run: AnalysisRun; share: (g: AnalysisRun["groups"][number]) => number; what: string }) {
  const styles = useStripStyles();
  const count = run.groups.length;
  const words = run.groups.map((g) => `${g.label} ${percent(share(g))}`).join(", ");
  return (
    <div className={styles.bar} role="img" aria-label={`Share of ${what} by ${run.groupName.toLowerCase()}: ${words}`}>
      {run.groups.map((g, k) =>
        share(g) > 0 ? <span key={g.label} title={`${g.label}: ${percent(share(g))} of ${what}`} style={{ width: `${share(g) * 100}%`, backgroundColor: groupColour(k, count) }} /> : null,
      )}
    </div>
  );
}

/** "4 tiers", "3 classes", "4 CLV tiers": the groups counted in words (acronyms keep their capitals). */
function groupCount(run: AnalysisRun): string {
  const word = groupWord(run.groupName);
  return plural(run.groups.length, word, /(s|x|ch|sh)$/.test(word) ? `${word}es` : `${word}s`);
}

/** Props of the strip: the run shown, whether a newer one is computing, and where the full preview is. */
export interface PreviewStripProps {
  run: AnalysisRun | null;
  pending: boolean;
  error: string | null;
  /** Scrolls to the full preview. */
  onShowPreview(): void;
}

/**
 * The sticky strip (see the file comment). Nothing when there is no run and no error yet.
 * Cost: O(groups).
 *
 * @example <PreviewStrip run={preview.run} pending={preview.pending} error={preview.error} onShowPreview={() => …} />
 */
export function PreviewStrip({ run, pending, error, onShowPreview }: PreviewStripProps) {
  const styles = useStripStyles();
  if (!run && !error) return null;
  const stale = pending && run !== null;
  return (
    <div className={styles.strip} data-testid="preview-strip" aria-label="Preview at a glance" role="region" aria-busy={pending}>
      <div className={stale ? styles.stale : undefined} data-stale={stale ? "true" : "false"}>
        <div className={styles.headline}>{error ? "The preview cannot run: see below." : (run?.headline ?? `${run?.assigned.toLocaleString("en")} of ${plural(run?.customers ?? 0, "customer")} placed.`)}</div>
        {run && !error && run.groups.length > 0 && (
          <>
            <div className={styles.barRow}>
              <span>Customers</span>
              <ShareBar run={run} share={(g) => g.customerShare} what="customers" />
            </div>
            {run.groups.some((g) => g.valueShare > 0) && (
              <div className={styles.barRow}>
                <span>{run.valueName ?? "Value"}</span>
                <ShareBar run={run} share={(g) => g.valueShare} what={(run.valueName ?? "value").toLowerCase()} />
              </div>
            )}
          </>
        )}
      </div>
      <div className={styles.foot}>
        <span aria-live="polite" data-testid="preview-strip-status">
          {pending ? "Updating the preview…" : run ? groupCount(run) : ""}
        </span>
        <Button size="small" appearance="transparent" onClick={onShowPreview}>
          Show the preview
        </Button>
      </div>
    </div>
  );
}
