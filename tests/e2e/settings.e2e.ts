import { X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTestCerts, testCerts } from '../harness/certs';
import { ChromiumSession, PROJECT_ROOT } from '../harness/chromium';
import { FirefoxSession } from '../harness/firefox';
import { HOSTS } from '../harness/hosts';
import { scenario } from '../harness/scenarios';
import { startScenarioServers, type ScenarioServers } from '../harness/servers';
import { catalogue, titleOf } from '../harness/words';
import { assess } from '../../utils/assess';
import { explanationOf } from '../../utils/report/headline';

// Settings in real browsers: each badge mode written to storage.local repaints the badges of open
// http, mixed and https tabs at once (also from a worker that restarted and knows no tab in memory);
// the options page works from the keyboard, at 360 px, axe-clean in light and dark; and in Firefox,
// marking the test CA's root as known takes its badge away while the title says why.

const word = (key: string) => catalogue()[key]!.message;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads `read` until it equals `want` (or 3 s pass), then returns the last value read. */
async function eventually<T>(read: () => Promise<T>, want: T, ms = 3_000): Promise<T> {
  const deadline = Date.now() + ms;
  let got = await read();
  while (JSON.stringify(got) !== JSON.stringify(want) && Date.now() < deadline) {
    await sleep(100);
    got = await read();
  }
  return got;
}

// Minimal typing of the extension APIs used inside the browsers (that code runs there).
interface StorageApi {
  storage: { local: { set(items: object): Promise<void>; get(k: string): Promise<Record<string, unknown>> } };
}
declare const chrome: StorageApi;

const AXE_SOURCE = readFileSync(join(PROJECT_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
declare const axe: { run(c: Document, o: object): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> };

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} at ${n.target.map(String).join(' > ')}`));
  }, AXE_TAGS);
}

/** The test CA's root as Firefox names its fingerprint (colon-separated upper-case hex), from the file, not the extension. */
const testRootSha256 = () => new X509Certificate(testCerts().ca.cert).fingerprint256;

describe('Chromium: badge modes repaint open tabs at once', () => {
  let servers: ScenarioServers;
  let browser: ChromiumSession;
  const tabs: Record<'http' | 'mixed' | 'https', number> = { http: 0, mixed: 0, https: 0 };

  beforeAll(async () => {
    servers = await startScenarioServers();
    browser = await ChromiumSession.launch();
    for (const name of ['http', 'mixed', 'https'] as const) tabs[name] = (await browser.visit(scenario(name).start(servers.ports))).tabId;
  });

  afterAll(async () => {
    await browser?.close();
    await servers?.close();
    removeTestCerts();
  });

  const write = (settings: unknown) => browser.inWorker((s) => chrome.storage.local.set({ settings: s }), settings);
  const texts = () => Promise.all([tabs.http, tabs.mixed, tabs.https].map((id) => browser.badge(id).then((b) => b.text)));
  const titles = () => Promise.all([tabs.http, tabs.mixed, tabs.https].map((id) => browser.badge(id).then((b) => b.title)));
  let TITLES: string[] = [];

  it('starts with every badge (the default)', async () => {
    // The title says what the headline says (utils/report/headline.ts): for the demo's mixed page, whose
    // http references Chromium blocked or upgraded, that nothing went out unencrypted.
    const mixed = await browser.storedView(tabs.mixed!);
    TITLES = [titleOf("not-encrypted")!, word(`title_${explanationOf(mixed!, assess(mixed))}`), titleOf("encrypted")!];
    expect(TITLES[1]).not.toBe(word('title_encrypted'));
    expect(await texts()).toEqual(['HTTP', 'MIX', '']);
    expect(await titles()).toEqual(TITLES);
  });

  for (const [mode, want] of [['serious', ['HTTP', '', '']], ['off', ['', '', '']], ['all', ['HTTP', 'MIX', '']]] as const) {
    it(`badge "${mode}": ${JSON.stringify(want)}, titles unchanged`, async () => {
      await write({ badge: mode });
      expect(await eventually(texts, [...want])).toEqual(want);
      expect(await titles()).toEqual(TITLES);
    });
  }

  it('a quiet host loses its badge, and its title says why', async () => {
    await write({ badge: 'all', quietHosts: [HOSTS.www] });
    expect(await eventually(texts, ['', 'MIX', ''])).toEqual(['', 'MIX', '']);
    expect((await browser.badge(tabs.http)).title).toBe(`${titleOf('not-encrypted')} ${word('titleNote_quietHost')}`);
    await write({ badge: 'all' });
    expect(await eventually(texts, ['HTTP', 'MIX', ''])).toEqual(['HTTP', 'MIX', '']);
  });

  it('garbage in storage reads as the defaults and breaks nothing', async () => {
    await write({ badge: 'off' });
    await eventually(texts, ['', '', '']);
    await write({ badge: ['loud'], quietHosts: 7, knownRoots: 'x' });
    expect(await eventually(texts, ['HTTP', 'MIX', ''])).toEqual(['HTTP', 'MIX', '']);
  });

  it('a worker that restarted repaints from the stored postures', async () => {
    const starts = browser.workerStarts;
    await browser.stopWorker();
    // inWorker starts a fresh worker, which has painted no tab yet; the write comes from it.
    await write({ badge: 'off' });
    expect(browser.workerStarts).toBeGreaterThan(starts);
    expect(await eventually(texts, ['', '', ''])).toEqual(['', '', '']);
    await write({ badge: 'all' });
    expect(await eventually(texts, ['HTTP', 'MIX', ''])).toEqual(['HTTP', 'MIX', '']);
  });

  it('a page on a local-network name says so in its title', async () => {
    const lan = await browser.visit(`http://nas.home.arpa:${servers.ports.http}/`);
    try {
      const b = await browser.badge(lan.tabId);
      expect(b.text).toBe('HTTP');
      expect(b.title).toBe(word('title_notEncryptedLan'));
    } finally {
      await lan.page.close();
    }
  });

  describe('the options page', () => {
    let page: Page;
    const optionsUrl = () => `chrome-extension://${browser.extensionId}/options.html`;

    beforeAll(async () => {
      await write({
        badge: 'all',
        quietHosts: ['nas.example.lan', '*.home.arpa', '192.168.1.0/24'],
        knownRoots: [{ sha256: testRootSha256(), label: 'Example Corp Inspection Root', added: Date.UTC(2026, 10, 20) }],
      });
      page = await browser.context.newPage();
      await page.setViewportSize({ width: 360, height: 800 });
      await page.goto(optionsUrl());
      await page.waitForSelector('[role=radiogroup]');
    });
    afterAll(async () => {
      await page?.close();
      await write({ badge: 'all' });
    });

    it('is readable at 360 px: nothing wider than the window', async () => {
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(await page.evaluate(() => document.title)).toBe(word('options_title'));
      expect(await page.innerText('main')).toContain('Example Corp Inspection Root');
    });

    it('has no axe violations, light and dark', async () => {
      const found: string[] = [];
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
        found.push(...(await axeViolations(page)).map((v) => `[${colorScheme}] ${v}`));
        const shots = process.env.ONLOOKER_OPTIONS_SCREENSHOTS;
        if (shots) {
          const dir = shots === '1' ? join(PROJECT_ROOT, 'docs/screenshots') : shots;
          mkdirSync(dir, { recursive: true });
          await page.setViewportSize({ width: 640, height: 800 });
          await page.screenshot({ path: join(dir, `options-${colorScheme}.png`), fullPage: true });
          await page.setViewportSize({ width: 360, height: 800 });
        }
      }
      expect(found).toEqual([]);
    });

    it('changes the mode from the keyboard, and the open tabs follow at once', async () => {
      await page.focus('input[value=all]');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('off');
      expect(await eventually(texts, ['', '', ''])).toEqual(['', '', '']);
      await page.keyboard.press('ArrowUp');
      expect(await eventually(texts, ['HTTP', '', ''])).toEqual(['HTTP', '', '']);
      await page.keyboard.press('ArrowUp');
      expect(await eventually(texts, ['HTTP', 'MIX', ''])).toEqual(['HTTP', 'MIX', '']);
    });

    it('adds a quiet host by keyboard, and refuses a public range with the reason', async () => {
      await page.focus('#quiet-input');
      await page.keyboard.type('8.8.8.0/24');
      await page.keyboard.press('Enter');
      expect(await page.textContent('#quiet-problem')).toBe(word('options_problem_publicRange'));
      await page.fill('#quiet-input', HOSTS.www);
      await page.keyboard.press('Enter');
      expect(await eventually(texts, ['', 'MIX', ''])).toEqual(['', 'MIX', '']);
      await page.getByRole('button', { name: `Remove ${HOSTS.www}` }).press('Enter');
      expect(await eventually(texts, ['HTTP', 'MIX', ''])).toEqual(['HTTP', 'MIX', '']);
    });
  });
});

describe('Chromium in German (the longest language): the options page at 360 px', () => {
  let browser: ChromiumSession;
  beforeAll(async () => {
    browser = await ChromiumSession.launch({ extraArgs: ['--lang=de'] });
  });
  afterAll(async () => {
    await browser?.close();
    removeTestCerts();
  });

  it('is in German, fits 360 px, and has no axe violations', async () => {
    await browser.inWorker((s) => chrome.storage.local.set({ settings: s }), {
      quietHosts: ['drucker.example.lan'],
      knownRoots: [{ sha256: testRootSha256(), label: 'Beispiel GmbH Prüf-Stammzertifikat', added: Date.UTC(2026, 10, 20) }],
    });
    const page = await browser.context.newPage();
    try {
      await page.setViewportSize({ width: 360, height: 800 });
      await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
      await page.waitForSelector('[role=radiogroup]');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
      expect(await page.textContent('h1')).toBe(catalogue('de').options_title!.message);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      const found: string[] = [];
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        found.push(...(await axeViolations(page)).map((v) => `[${colorScheme}] ${v}`));
      }
      expect(found).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('Firefox: a known root loses its badge, and the title says it is known', () => {
  let servers: ScenarioServers;
  let firefox: FirefoxSession;

  beforeAll(async () => {
    servers = await startScenarioServers();
    firefox = await FirefoxSession.launch();
  });

  afterAll(async () => {
    await firefox?.close();
    await servers?.close();
    removeTestCerts();
  });

  type Api = { browser: StorageApi & { tabs: { create(p: { url: string }): Promise<unknown> } } };
  const write = (settings: unknown) => firefox.inExtension((s) => (globalThis as unknown as Api).browser.storage.local.set({ settings: s }), settings);

  it('https page under the test CA: CA, then none once the root is marked, then CA again once removed', async () => {
    const visit = await firefox.visit(scenario('https').start(servers.ports));
    try {
      const before = await firefox.badge(visit.tabId);
      expect(before.text).toBe('CA');
      expect(before.title).toBe(titleOf('custom-root'));
      const view = await firefox.storedView(visit.tabId);
      expect(view?.main.security?.certificates.at(-1)?.sha256).toBe(testRootSha256());

      // Firefox's form (colons, upper case) as the popup would pass it; the settings keep lower-case hex.
      await write({ knownRoots: [{ sha256: testRootSha256(), label: 'Onlooker test CA', added: Date.now() }] });
      const known = await eventually(() => firefox.badge(visit.tabId).then((b) => b.text), '');
      expect(known).toBe('');
      expect((await firefox.badge(visit.tabId)).title).toBe(`${titleOf('custom-root')} ${word('titleNote_knownRoot')}`);

      await write({ badge: 'serious', knownRoots: [] });
      expect(await eventually(() => firefox.badge(visit.tabId).then((b) => b.text), 'CA')).toBe('CA');
      expect((await firefox.badge(visit.tabId)).title).toBe(titleOf('custom-root'));
    } finally {
      await visit.page.close();
      await write({});
    }
  });

  it('the options page lists a known root with its fingerprint and removes it', async () => {
    const visit = await firefox.visit(scenario('https').start(servers.ports) + '?options');
    const sha = testRootSha256();
    await write({ knownRoots: [{ sha256: sha, label: 'Onlooker test CA', added: Date.now() }] });
    expect(await eventually(() => firefox.badge(visit.tabId).then((b) => b.text), '')).toBe('');
    const url = `${firefox.extensionOrigin}options.html`;
    const before = new Set(await firefox.browser.pages());
    await firefox.inExtension((u) => (globalThis as unknown as Api).browser.tabs.create({ url: u }).then(() => true), url);
    let options: Awaited<ReturnType<FirefoxSession['browser']['pages']>>[number] | undefined;
    for (let i = 0; i < 50 && !options; i++) {
      for (const p of await firefox.browser.pages()) if (!before.has(p) && (await p.evaluate(() => location.href).catch(() => '')) === url) options = p;
      if (!options) await sleep(200);
    }
    try {
      expect(options, 'options page opened').toBeTruthy();
      await options!.waitForSelector('[role=radiogroup]');
      const text = await options!.evaluate(() => document.body.textContent ?? '');
      expect(text).toContain('Onlooker test CA');
      expect(text).toContain(sha);
      const remove = await options!.waitForSelector('.entries button');
      await remove!.click();
      expect(await eventually(() => firefox.badge(visit.tabId).then((b) => b.text), 'CA')).toBe('CA');
    } finally {
      await options?.close();
      await visit.page.close();
    }
  });
});
