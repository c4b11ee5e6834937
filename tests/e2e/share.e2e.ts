import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumSession, hasContentScripts, PROJECT_ROOT } from '../harness/chromium';
import { FirefoxSession } from '../harness/firefox';
import { scenario } from '../harness/scenarios';
import { scenarioServersForFile } from '../harness/file-servers';
import { readCatalogue } from '../support/setup';

// Sharing in real browsers: Copy as Markdown from the popup page writes the clipboard (read back by a
// keyboard paste: neither the extension nor the test holds a clipboard permission), and the
// export hook (popup.html?tab=<id>&export=...) renders the same report alone in <pre data-export>.
// The mixed page is visited with a token in its query string, which no export may carry.

const en = readCatalogue('en');
const SECRET = 'e2e-s3cret-token';
const mixed = scenario('mixed');
/** The export of the demo's mixed page, for the README's example (not committed by the test). */
const EXAMPLE = join(PROJECT_ROOT, '.output/share-example-mixed.md');

const servers = scenarioServersForFile();

/** The line that says when the export was made changes by the minute: compared apart. */
const withoutDate = (s: string) => s.split('\n').filter((l) => !l.includes('Made with Onlooker')).join('\n');

describe('Chromium', () => {
  let chromium: ChromiumSession;
  beforeAll(async () => {
    chromium = await ChromiumSession.launch();
  });
  afterAll(async () => {
    await chromium?.close();
  });

  it('Copy as Markdown writes the report to the clipboard from a click, without a clipboard permission', async (ctx) => {
    if (!hasContentScripts(chromium.extensionDir)) ctx.skip('the mixed page needs the document scan');
    const manifest = (await import(join(chromium.extensionDir, 'manifest.json'), { with: { type: 'json' } })).default as { permissions?: string[] };
    expect(manifest.permissions ?? []).not.toContain('clipboardWrite');
    const visit = await chromium.visit(`${mixed.start(servers.ports)}?token=${SECRET}#frag`);
    const popup = await chromium.openPopup(visit.tabId);
    try {
      expect(popup.verdict).toBe('mixed');
      await popup.page.bringToFront();
      await popup.page.click('.copy-markdown');
      await popup.page.waitForFunction(() => document.querySelector('.share-status')?.getAttribute('data-status') !== 'idle', undefined, { timeout: 10_000 });
      expect(await popup.page.textContent('.share-status')).toBe(en.share_copied!.message);
      // Read back by pasting into a text box with the keyboard (Chromium will not grant clipboard-read to
      // an extension's origin): nothing is granted, so writing worked as the extension is.
      await popup.page.evaluate(() => {
        const box = document.createElement('textarea');
        box.id = 'paste-here';
        document.body.append(box);
        box.focus();
      });
      await popup.page.keyboard.press('Control+V');
      const copied = await popup.page.$eval('#paste-here', (el) => (el as HTMLTextAreaElement).value);
      expect(copied).toMatch(/^# Onlooker report for `/);
      expect(copied).toContain(en.verdict_mixed!.message);
      expect(copied).toContain(en.heading_who!.message);
      expect(copied).toContain('127.0.0.1');
      expect(copied).not.toContain(SECRET);
      expect(copied).not.toContain('#frag');

      // The export hook renders the same export alone.
      const hook = await chromium.context.newPage();
      try {
        await hook.goto(`${chromium.popupUrl(visit.tabId)}&export=markdown`);
        const pre = await hook.waitForSelector('pre[data-export="markdown"]', { timeout: 10_000 });
        const shown = (await pre.textContent()) ?? '';
        expect(withoutDate(shown)).toBe(withoutDate(copied));
        mkdirSync(join(PROJECT_ROOT, '.output'), { recursive: true });
        writeFileSync(EXAMPLE, shown);

        await hook.goto(`${chromium.popupUrl(visit.tabId)}&export=json&addresses=0`);
        const json = JSON.parse((await (await hook.waitForSelector('pre[data-export="json"]', { timeout: 10_000 })).textContent()) ?? '');
        expect(json.schema).toBe(1);
        expect(json.verdict.id).toBe('mixed');
        expect(json.browser.name).toBe('chrome');
        expect(json.redaction.addresses).toBe('omitted');
        expect(JSON.stringify(json)).not.toContain('127.0.0.1');
        expect(JSON.stringify(json)).not.toContain(SECRET);

        await hook.goto(`${chromium.popupUrl(visit.tabId)}&export=text`);
        const text = (await (await hook.waitForSelector('pre[data-export="text"]', { timeout: 10_000 })).textContent()) ?? '';
        expect(text).toMatch(/^Onlooker report for /);
        expect(text).toContain(en.verdict_mixed!.message);
      } finally {
        await hook.close();
      }
    } finally {
      await popup.page.close();
      await visit.page.close();
    }
  });
});

describe('Firefox', () => {
  let firefox: FirefoxSession;
  beforeAll(async () => {
    firefox = await FirefoxSession.launch();
  });
  afterAll(async () => {
    await firefox?.close();
  });

  it('the export hook renders the report alone', async () => {
    const s = scenario('http');
    const visit = await firefox.visit(`${s.start(servers.ports)}?token=${SECRET}`);
    try {
      const url = `${firefox.popupUrl(visit.tabId)}&export=json`;
      await firefox.inExtension((u: string) => (globalThis as unknown as { browser: { tabs: { create(o: { url: string }): Promise<unknown> } } }).browser.tabs.create({ url: u }).then(() => true), url);
      let json: { verdict?: { id: string }; browser?: { name: string } } | undefined;
      const deadline = Date.now() + 15_000;
      while (!json && Date.now() < deadline) {
        for (const p of await firefox.browser.pages()) {
          const text = await p.evaluate(() => document.querySelector('pre[data-export="json"]')?.textContent ?? '').catch(() => '');
          if (text) json = JSON.parse(text);
        }
        if (!json) await new Promise((r) => setTimeout(r, 300));
      }
      expect(json?.verdict?.id).toBe('not-encrypted');
      expect(json?.browser?.name).toBe('firefox');
      expect(JSON.stringify(json)).not.toContain(SECRET);
    } finally {
      await visit.page.close();
    }
  });
});
