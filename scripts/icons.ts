// Renders the toolbar and store icons (public/icon/<size>.png) from the SVG sources next to this file,
// in the system Chromium (no browser download): `npx tsx scripts/icons.ts`. 16 px has its own drawing,
// made for the pixel grid; the larger sizes scale one drawing. Set CHROMIUM to use another browser.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '../public/icon');
export const SIZES = [16, 32, 48, 96, 128] as const;

const svg = (name: string) => readFileSync(join(here, name), 'utf8');

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const size of SIZES) {
      const source = size === 16 ? svg('icon-16.svg') : svg('icon.svg');
      const sized = source.replace('<svg ', `<svg width="${size}" height="${size}" `);
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`);
      const png = await page.locator('svg').screenshot({ omitBackground: true });
      writeFileSync(join(out, `${size}.png`), png);
      console.log(`icon/${size}.png ${png.length} bytes`);
    }
  } finally {
    await browser.close();
  }
}

await main();
