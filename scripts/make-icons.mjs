// Draws the add-in icon (a three-step "value pyramid" in teal on a transparent background)
// as SVG and rasterises it to assets/icon-{16,32,64,80}.png with headless Debian Chromium.
//
//   node scripts/make-icons.mjs
//
// The mark is drawn on a 16-unit grid so that every size (16, 32, 64, 80 = 1x, 2x, 4x, 5x)
// lands on whole pixels and stays crisp. Needs /usr/bin/chromium (apt-get install chromium).
import { chromium } from "playwright-core";
import { mkdtemp, rm, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sizes = [16, 32, 64, 80];

// Top tier darkest (the most valuable customers), base lightest.
const tiers = [
  { x: 6, y: 1, w: 4, h: 4, fill: "#0b6b5e" },
  { x: 4, y: 6, w: 8, h: 4, fill: "#13917f" },
  { x: 2, y: 11, w: 12, h: 4, fill: "#2bb3a0" },
];

export function iconSvg(size) {
  const rects = tiers
    .map((t) => `<rect x="${t.x}" y="${t.y}" width="${t.w}" height="${t.h}" rx="0.5" fill="${t.fill}"/>`)
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 16 16" shape-rendering="${size <= 16 ? "crispEdges" : "geometricPrecision"}">${rects}</svg>`;
}

async function main() {
  const userDataDir = await mkdtemp(path.join(tmpdir(), "cv-icons-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 80, height: 80 },
    deviceScaleFactor: 1,
  });
  try {
    const page = await context.newPage();
    await mkdir(path.join(root, "assets"), { recursive: true });
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<!doctype html><html><head><style>html,body{margin:0;padding:0;background:transparent}svg{display:block}</style></head><body>${iconSvg(size)}</body></html>`,
      );
      const file = path.join(root, "assets", `icon-${size}.png`);
      await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      console.log(`wrote ${path.relative(root, file)}`);
    }
  } finally {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}

await main();
