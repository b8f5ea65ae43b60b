// Renders the app icons (public/icons/*.png) from inline SVG with the system Chromium.
// Run: npm run icons -w pwa   (needs /usr/bin/chromium or CHROMIUM_PATH; no network).
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
const BG = '#0f1115';
const ACCENT = '#7c6cff';

/** Five sound bars; `scale` shrinks them toward the centre (maskable icons keep to the 80% safe zone). */
function bars(scale) {
  const spec = [
    [14, 40, 10, 20],
    [30, 28, 10, 44],
    [46, 16, 10, 68],
    [62, 30, 10, 40],
    [78, 42, 8, 16],
  ];
  const rects = spec.map(([x, y, w, h]) => `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${w / 2}"/>`).join('');
  const t = (100 - 100 * scale) / 2;
  return `<g fill="#fff" transform="translate(${t} ${t}) scale(${scale})">${rects}</g>`;
}

const icons = [
  // "any": a rounded tile on a transparent background.
  { file: 'icon-192.png', size: 192, svg: tile(false) },
  { file: 'icon-512.png', size: 512, svg: tile(false) },
  // "maskable": full-bleed background, artwork inside the central safe zone.
  { file: 'icon-maskable-512.png', size: 512, svg: tile(true) },
];

function tile(maskable) {
  const bg = maskable
    ? `<rect width="100" height="100" fill="${BG}"/><circle cx="50" cy="50" r="34" fill="${ACCENT}"/>`
    : `<rect x="2" y="2" width="96" height="96" rx="22" fill="${ACCENT}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">${bg}${bars(maskable ? 0.52 : 0.82)}</svg>`;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
try {
  await mkdir(outDir, { recursive: true });
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">` +
        icon.svg.replace('<svg ', `<svg width="${icon.size}" height="${icon.size}" style="display:block" `) +
        `</body></html>`,
    );
    await page.screenshot({ path: join(outDir, icon.file), omitBackground: true });
    await page.close();
    console.log(`wrote public/icons/${icon.file}`);
  }
} finally {
  await browser.close();
}
