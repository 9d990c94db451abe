import { tokens } from "@fluentui/react-components";
import { type LifetimeDetails, P_ALIVE_MEANING, pAliveSpreadWords, purchaseModel } from "../../../engine";
import { usePaneStyles } from "../../styles";

/** The ends of the colour scale: near white for the lowest value, the pane's blue for the highest. */
const LOW: [number, number, number] = [0xf5, 0xf9, 0xfd];
const HIGH: [number, number, number] = [0x0f, 0x6c, 0xbd];

/** The colour of a value at share t (0–1) of the scale, as #rrggbb. */
export function scaleColour(t: number): string {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  return `#${LOW.map((lo, k) => Math.round(lo + (HIGH[k]! - lo) * u).toString(16).padStart(2, "0")).join("")}`;
}

/** A t_x column heading: whole units, or one decimal below 10 months (as the summary sheet heads them). */
function txHeading(t: number, unit: LifetimeDetails["unit"]): string {
  return unit === "month" && t < 10 ? t.toFixed(1) : Math.round(t).toLocaleString("en");
}

/** What a cell shows: P(alive) to two decimals; expected purchases to one decimal below 10, whole above. */
function cellText(v: number, which: "expected" | "pAlive"): string {
  if (which === "pAlive") return v.toFixed(2);
  return v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString("en");
}

/** What a cell says on hover: four significant digits. */
const exact = (v: number) => Number(v.toPrecision(4)).toLocaleString("en", { maximumSignificantDigits: 4 });

/**
 * The frequency/recency matrix as a small heatmap table (Fader, Hardie & Lee 2005): rows are
 * repeat purchases x, columns the time of the last purchase t_x, for a customer of the
 * data's longest age T; each cell the expected purchases over the horizon or P(alive),
 * coloured from near white (lowest) to blue (highest), with a legend. Fits a 320 px pane.
 */
export function FrequencyRecencyHeatmap({ lifetime, which }: { lifetime: LifetimeDetails; which: "expected" | "pAlive" }) {
  const styles = usePaneStyles();
  const m = lifetime.matrix;
  const cells = which === "expected" ? m.expected : m.pAlive;
  const values = cells.flat().filter((v): v is number => v !== null);
  // P(alive) is on its own 0–1 scale, so a matrix that is all but 1 looks all but one colour; expected purchases from 0 to their largest.
  const top = which === "pAlive" ? 1 : Math.max(...values, 1e-12);
  const unit = `${m.unit}s`;
  const title = (which === "expected" ? lifetime.headers.expectedPurchases : lifetime.headers.pAlive).replace(/^CV /, "");
  const T = m.T.toLocaleString("en", { maximumFractionDigits: 1 });
  const what = which === "expected" ? "expected purchases" : "P(alive)";
  const id = `lifetime-matrix-${which}`;
  const cellStyle = { padding: "2px 0", textAlign: "center" as const, fontVariantNumeric: "tabular-nums" as const, border: `1px solid ${tokens.colorNeutralBackground1}` };
  return (
    <figure style={{ margin: 0, display: "flex", flexDirection: "column", gap: "4px" }} data-testid={id}>
      <figcaption>
        <div style={{ fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200 }}>{title}</div>
        <div className={styles.small}>
          By repeat purchases x (rows) and {unit} from the first to the last purchase t_x (columns), for a customer first seen {T} {unit} before {lifetime.asOf}.
        </div>
      </figcaption>
      <table style={{ width: "100%", borderCollapse: "collapse", tableLayout: "fixed", fontSize: "10px" }} aria-label={`${title} by x and t_x`}>
        <thead>
          <tr>
            <th scope="col" style={{ ...cellStyle, width: "13%", textAlign: "left", fontWeight: tokens.fontWeightRegular }} title={`x repeat purchases; t_x ${unit} from the first to the last purchase`}>
              x \ t_x
            </th>
            {m.tx.map((t) => (
              <th key={t} scope="col" style={{ ...cellStyle, fontWeight: tokens.fontWeightRegular }} title={`last purchase ${exact(t)} ${unit} after the first`}>
                {txHeading(t, m.unit)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {m.x.map((x, r) => (
            <tr key={x}>
              <th scope="row" style={{ ...cellStyle, textAlign: "left", fontWeight: tokens.fontWeightRegular }}>
                {x.toLocaleString("en")}
              </th>
              {m.tx.map((t, c) => {
                const v = cells[r]?.[c] ?? null;
                if (v === null) {
                  return (
                    <td key={t} style={{ ...cellStyle, color: tokens.colorNeutralForeground4 }} title={`no customer: ${x} repeat purchases need at least ${x} days after the first`}>
                      –
                    </td>
                  );
                }
                const share = v / top;
                return (
                  <td
                    key={t}
                    style={{ ...cellStyle, backgroundColor: scaleColour(share), color: share > 0.55 ? "#FFFFFF" : "#242424" }}
                    title={`x = ${x}, t_x = ${exact(t)} ${unit}: ${what} ${exact(v)}`}
                  >
                    {cellText(v, which)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ display: "flex", alignItems: "center", gap: "6px", fontSize: "10px", color: tokens.colorNeutralForeground3 }} data-testid={`${id}-legend`} aria-label={`Colour scale: 0 near white to ${cellText(top, which)} blue`}>
        <span>0</span>
        <span style={{ flexGrow: 1, height: "8px", background: `linear-gradient(to right, ${scaleColour(0)}, ${scaleColour(1)})`, border: `1px solid ${tokens.colorNeutralStroke2}` }} />
        <span>{which === "pAlive" ? "1" : cellText(top, which)}</span>
        <span>{what}</span>
      </div>
    </figure>
  );
}

/**
 * What P(alive) means, under its matrix: the one-sentence meaning, what the chosen model
 * makes of a customer who never bought again (alive under BG/NBD; fading under MBG/NBD and
 * Pareto/NBD), where the matrix falls, and how it spreads over these customers (pointing to
 * the warning when it cannot pick out churned customers).
 */
export function PAliveNote({ lifetime, warned }: { lifetime: LifetimeDetails; warned: boolean }) {
  const styles = usePaneStyles();
  const s = lifetime.pAlive;
  const model = purchaseModel(lifetime.purchases.key);
  const oneTime = s.oneTimeBuyers.toLocaleString("en");
  // Under BG/NBD only a repeat buyer can have dropped out, so the matrix falls only in its lower left.
  const where =
    model.key === "bgnbd"
      ? `It falls only where a frequent buyer has long been silent (lower left); a customer who never bought again counts as alive (1) under BG/NBD, as ${oneTime} do here.`
      : `It falls the longer a customer has been silent (left), faster for frequent buyers. ${model.oneTimeBuyers} ${oneTime} customers here made no repeat purchase.`;
  return (
    <div className={styles.small} data-testid="lifetime-palive-note">
      <p style={{ margin: "0 0 4px" }}>
        {P_ALIVE_MEANING} {where}
      </p>
      <p style={{ margin: 0, ...(warned ? { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold } : {}) }} data-testid="lifetime-palive-spread">
        Here {pAliveSpreadWords(s).replace(/^P\(alive\) /, "it ")}.{warned ? " It cannot separate churned customers: see the warning below." : ""}
      </p>
    </div>
  );
}
