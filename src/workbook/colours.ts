/**
 * The add-in's colours, one meaning per chart family across the pane and the sheets: a run
 * group (tier, segment, stage, quadrant, cluster) has one fill everywhere (its label cells, its
 * bars, its points), and series that are not groups take Excel's default chart palette in order.
 */

/** Fills for run groups, top group first; the last group of several is grey. */
export const GROUP_PALETTE = ["#FFD54F", "#AED581", "#81D4FA", "#CE93D8", "#FFAB91", "#80CBC4", "#F48FB1", "#BCAAA4"] as const;
/** The last group's fill (the bottom tier, "Other", "Lost"). */
export const LAST_GROUP_COLOUR = "#E0E0E0";
/** Excel's default series palette (Office theme accents 1–6), for series that are not groups. */
export const SERIES_PALETTE = ["#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47"] as const;
/** Heatmap shading from the lowest to the highest figure (white to the accent blue), as Excel's two-colour scale. */
export const HEAT_LOW = "#FFFFFF";
export const HEAT_HIGH = "#5B9BD5";

/**
 * The fill of each group label, top first: the group palette in order, the last of several
 * grey. Cost: O(labels).
 *
 * @example groupColours(["Gold", "Silver", "Bronze"]) // → { Gold: "#FFD54F", Silver: "#AED581", Bronze: "#E0E0E0" }
 */
export function groupColours(labels: readonly string[]): Record<string, string> {
  const colours: Record<string, string> = {};
  labels.forEach((label, k) => {
    colours[label] = groupColour(k, labels.length);
  });
  return colours;
}

/**
 * The fill of the k-th of `count` groups (see {@link groupColours}); grey for k < 0 (no group).
 *
 * @example groupColour(2, 3) === "#E0E0E0"
 */
export function groupColour(k: number, count: number): string {
  if (k < 0) return LAST_GROUP_COLOUR;
  return k === count - 1 && count > 1 ? LAST_GROUP_COLOUR : (GROUP_PALETTE[k % GROUP_PALETTE.length] as string);
}

/**
 * The colour of the k-th series that is not a group: Excel's default palette in order.
 *
 * @example seriesColour(1) === "#ED7D31"
 */
export function seriesColour(k: number): string {
  return SERIES_PALETTE[k % SERIES_PALETTE.length] as string;
}

/**
 * A heatmap cell's fill: the figure's place between the lowest and the highest, from
 * {@link HEAT_LOW} to {@link HEAT_HIGH}; the low colour when every figure is the same. Cost: O(1).
 *
 * @example heatColour(5, 0, 10) === "#ADCDEA"
 */
export function heatColour(value: number, low: number, high: number): string {
  const t = high > low ? Math.min(1, Math.max(0, (value - low) / (high - low))) : 0;
  const channel = (k: number) => {
    const a = parseInt(HEAT_LOW.slice(1 + 2 * k, 3 + 2 * k), 16);
    const b = parseInt(HEAT_HIGH.slice(1 + 2 * k, 3 + 2 * k), 16);
    return Math.round(a + (b - a) * t)
      .toString(16)
      .padStart(2, "0")
      .toUpperCase();
  };
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

/**
 * The relative luminance of a "#RRGGBB" fill (WCAG 2: 0 black … 1 white), for choosing dark or
 * white text on it; NaN for anything that is not such a colour. Cost: O(1).
 *
 * @example luminance("#FFFFFF") === 1
 */
export function luminance(fill: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(fill);
  if (!m) return Number.NaN;
  const lin = (h: string) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(m[1] as string) + 0.7152 * lin(m[2] as string) + 0.0722 * lin(m[3] as string);
}
