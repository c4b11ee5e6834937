import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import type { PageView } from '@/utils/page-view';
import { SCENARIOS as VIEWS } from '../fixtures/popup-scenarios';
import { inBothThemes } from '../harness/axe';
import { CHROME_EXTENSION_DIR, ChromiumSession } from '../harness/chromium';
import { FIREFOX_E2E_EXTENSION_DIR, FirefoxSession } from '../harness/firefox';
import { describeProblem, layoutProblems, openEveryDisclosure } from '../harness/layout';
import { inFirefox, scenario, type ScenarioName } from '../harness/scenarios';
import { scenarioServersForFile } from '../harness/file-servers';
import { localeFolders, pseudoCatalogue, readLocale, rtlStandIn, type Catalogue } from '../support/pseudo-locales';

// Layout in every language, in real browsers. Chromium, once per locale folder of public/_locales
// (read now, so merged translations are tested too), plus a right-to-left stand-in for Arabic while
// there is no `ar` folder, plus a pseudo-locale 40% longer than English: the popup at 380 px for
// several pages (plain http, https, a certificate error, a root added to the device) and the options
// page at 360 px, every disclosure open. Fails on horizontal overflow, clipped or ellipsised text and
// boxes outside the page, naming the element and the message it shows; axe in light and dark; and
// `<html lang dir>` as the language requires. Firefox cannot change its UI language without a language
// pack, so it runs the pseudo-locale (as its English catalogue) and right-to-left (its own `bidi`
// pseudo-locale, which makes `@@bidi_dir` "rtl"), checking layout and direction.

const POPUP_WIDTH = 380;
const OPTIONS_WIDTH = 360;
const RTL = new Set(['ar', 'fa', 'he', 'ur']);
const en = readLocale('en');
const pseudo = pseudoCatalogue(en);

interface Locale {
  name: string;
  /** Chromium's `--lang`. */
  flag: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  words: Catalogue;
  /** Catalogues written into a copy of the build (folder -> messages). */
  inject?: Record<string, Catalogue>;
}

const folders = localeFolders();
const LOCALES: Locale[] = [
  ...folders.map((f): Locale => ({ name: f, flag: f === 'en' ? 'en-US' : f.replace('_', '-'), lang: f.replace('_', '-'), dir: RTL.has(f.split('_')[0]!) ? 'rtl' : 'ltr', words: readLocale(f) })),
  ...(folders.includes('ar') ? [] : [{ name: 'ar (stand-in)', flag: 'ar', lang: 'ar', dir: 'rtl', words: rtlStandIn(en), inject: { ar: rtlStandIn(en) } } satisfies Locale]),
  { name: 'pseudo', flag: 'en-US', lang: 'en', dir: 'ltr', words: pseudo, inject: { en: pseudo } },
];

/** A copy of a build with some catalogues replaced or added; removed by the returned function. */
function withCatalogues(build: string, inject: Record<string, Catalogue> | undefined): { dir: string; remove(): void } {
  if (!inject) return { dir: build, remove: () => undefined };
  const root = mkdtempSync(join(tmpdir(), 'onlooker-locale-'));
  const dir = join(root, 'extension');
  cpSync(build, dir, { recursive: true });
  for (const [folder, messages] of Object.entries(inject)) {
    mkdirSync(join(dir, '_locales', folder), { recursive: true });
    writeFileSync(join(dir, '_locales', folder, 'messages.json'), JSON.stringify(messages));
  }
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** What is wrong with the page's layout, one line per problem, naming the message shown. */
const layoutOf = async (page: Page, words: Catalogue) => (await page.evaluate(layoutProblems)).map((p) => describeProblem(p, words));

/**
 * The popup pages: three real visits and a page verified by a root added to the device (written as the
 * background would). axe runs on the one with the most to show (every disclosure open) and on the
 * options page; the layout check on all.
 */
const POPUPS: { name: string; scenario: ScenarioName; verdict: string; query?: string; axe?: true }[] = [
  { name: 'http', scenario: 'http', verdict: 'not-encrypted' },
  { name: 'https', scenario: 'https', verdict: 'encrypted' },
  { name: 'cert-error', scenario: 'cert-error', verdict: 'cert-error' },
  { name: 'added root', scenario: 'https', verdict: 'custom-root', query: '?added-root', axe: true },
];

// One set of scenario sites for every browser of the file.
const servers = scenarioServersForFile();

declare const chrome: { i18n: { getUILanguage(): string }; storage: { session: { set(v: object): Promise<void> } } };

for (const locale of LOCALES) {
  describe(`Chromium, ${locale.name}`, () => {
    let browser: ChromiumSession;
    let build: ReturnType<typeof withCatalogues>;
    const tabs = new Map<string, number>();

    beforeAll(async () => {
      build = withCatalogues(CHROME_EXTENSION_DIR, locale.inject);
      // On Linux the UI language (chrome.i18n.getUILanguage, @@bidi_dir) comes from LANGUAGE, for a
      // language Chromium has resources for; --lang picks the extension's catalogue. Checked below.
      const env = { LANGUAGE: locale.flag.replace('-', '_'), LANG: `${locale.flag.replace('-', '_')}.UTF-8` };
      browser = await ChromiumSession.launch({ extensionDir: build.dir, extraArgs: [`--lang=${locale.flag}`], env });
      const visits = await Promise.all(POPUPS.map((p) => browser.visit(`${scenario(p.scenario).start(servers.ports)}${p.query ?? ''}`)));
      for (const [i, p] of POPUPS.entries()) {
        const visit = visits[i]!;
        tabs.set(p.name, visit.tabId);
        if (p.verdict === 'custom-root') {
          // Chromium cannot see a chain's root: the tab's record is replaced by what Firefox records
          // for a chain that ends in an added root, for this tab and URL.
          const view = { ...(JSON.parse(JSON.stringify(VIEWS.customRoot.view).replaceAll('https://example.com/', visit.url)) as PageView), tabId: visit.tabId };
          await browser.inWorker((records: object) => chrome.storage.session.set(records).then(() => true), {
            [`tab:${visit.tabId}`]: view,
            [`posture:${visit.tabId}`]: assess(view),
          });
        }
      }
    });

    afterAll(async () => {
      await browser?.close();
      build?.remove();
    });

    it(`the browser is in ${locale.flag}, and every page says lang=${locale.lang} dir=${locale.dir}`, async () => {
      const popup = await browser.openPopup(tabs.get('https')!, POPUP_WIDTH);
      try {
        // Chromium takes --lang only for a language it has resources for (Debian: the chromium-l10n package).
        const ui = await popup.page.evaluate(() => chrome.i18n.getUILanguage());
        expect(ui.toLowerCase().split('-')[0], 'chrome.i18n.getUILanguage(): is chromium-l10n installed (scripts/setup.sh)?').toBe(locale.flag.toLowerCase().split('-')[0]);
        expect(await popup.page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([locale.lang, locale.dir]);
        // The words really are this catalogue's.
        expect(await popup.page.textContent('#h-connection')).toBe(locale.words.heading_connection!.message);
        // The layout follows: in right to left the verdict's shape is right of the headline; a hostname stays left to right.
        const [shapeLeft, headlineLeft, hostDir] = await popup.page.evaluate(() => [
          document.querySelector('.head > .shape')!.getBoundingClientRect().left,
          document.querySelector('.headline')!.getBoundingClientRect().left,
          getComputedStyle(document.querySelector('.inert')!).direction,
        ]);
        expect(Number(shapeLeft) > Number(headlineLeft), 'shape right of the headline').toBe(locale.dir === 'rtl');
        expect(hostDir).toBe('ltr');
        for (const path of ['options.html', 'learn.html']) {
          await popup.page.goto(`chrome-extension://${browser.extensionId}/${path}`);
          await popup.page.waitForSelector('h1');
          expect(await popup.page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), path).toEqual([locale.lang, locale.dir]);
        }
      } finally {
        await popup.page.close();
      }
    });

    for (const p of POPUPS) {
      it(`popup, ${p.name}, ${POPUP_WIDTH} px: nothing overflows or is clipped${p.axe ? ', no axe violation in light or dark' : ''}`, async () => {
        const popup = await browser.openPopup(tabs.get(p.name)!, POPUP_WIDTH);
        try {
          expect(popup.verdict, 'the popup shows the page').toBe(p.verdict);
          expect(await popup.page.evaluate(openEveryDisclosure)).toBeGreaterThan(0);
          expect(await layoutOf(popup.page, locale.words)).toEqual([]);
          if (p.axe) expect(await inBothThemes(popup.page, `popup ${p.name}`)).toEqual([]);
        } finally {
          await popup.page.close();
        }
      });
    }

    if (locale.name === 'en') {
      it('the check can fail: a word too long for the popup, and text cut by an ellipsis, are named with their message', async () => {
        const long = { ...en, heading_connection: { message: `Connection${'x'.repeat(80)}` } };
        const popup = await browser.openPopup(tabs.get('http')!, POPUP_WIDTH);
        try {
          await popup.page.evaluate((text) => void (document.querySelector('#h-connection')!.textContent = text), long.heading_connection.message);
          expect((await layoutOf(popup.page, long)).join('\n')).toMatch(/\[heading_connection\]/);
          await popup.page.evaluate(() => {
            const why = document.querySelector('.why') as HTMLElement;
            Object.assign(why.style, { width: '100px', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' });
          });
          expect((await layoutOf(popup.page, long)).join('\n')).toMatch(/^(clipped|ellipsis) .*\.why/m);
        } finally {
          await popup.page.close();
        }
      });
    }

    it(`options, ${OPTIONS_WIDTH} px: nothing overflows or is clipped, no axe violation in light or dark`, async () => {
      const page = await browser.context.newPage();
      try {
        await page.setViewportSize({ width: OPTIONS_WIDTH, height: 700 });
        await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
        await page.waitForSelector('main h1');
        await page.evaluate(openEveryDisclosure);
        expect(await layoutOf(page, locale.words)).toEqual([]);
        expect(await inBothThemes(page, 'options')).toEqual([]);
      } finally {
        await page.close();
      }
    });
  });
}

/** Firefox: the pseudo-locale as its English catalogue, then right to left through its `bidi` pseudo-locale. */
const FIREFOX_RUNS = [
  { name: 'pseudo-locale', lang: 'en', dir: 'ltr', words: pseudo, prefs: {} },
  { name: 'right to left (intl.l10n.pseudo=bidi)', lang: 'en', dir: 'rtl', words: en, prefs: { 'intl.l10n.pseudo': 'bidi' } },
] as const;

for (const run of FIREFOX_RUNS) {
  describe(`Firefox, ${run.name}`, () => {
    let firefox: FirefoxSession;
    let build: ReturnType<typeof withCatalogues>;

    beforeAll(async () => {
      build = withCatalogues(FIREFOX_E2E_EXTENSION_DIR, run.words === pseudo ? { en: pseudo } : undefined);
      firefox = await FirefoxSession.launch({ extensionDir: build.dir, prefs: run.prefs });
    });

    afterAll(async () => {
      await firefox?.close();
      build?.remove();
    });

    for (const name of ['http', 'https'] as const) {
      it(`popup, ${name}, ${POPUP_WIDTH} px: lang=${run.lang} dir=${run.dir}, nothing overflows or is clipped`, async () => {
        const s = scenario(name);
        const visit = await firefox.visit(s.start(servers.ports));
        const popup = await firefox.openPopup(visit.tabId);
        try {
          // The content area 380 px wide, as in the toolbar panel: the tab's scrollbar comes on top.
          await popup.page.setViewport({ width: POPUP_WIDTH, height: 600 });
          const scrollbar = await popup.page.evaluate(() => innerWidth - document.documentElement.clientWidth);
          if (scrollbar > 0) await popup.page.setViewport({ width: POPUP_WIDTH + scrollbar, height: 600 });
          expect(popup.verdict).toBe(inFirefox(s).verdict);
          expect(await popup.page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([run.lang, run.dir]);
          expect(await popup.page.evaluate(() => document.querySelector('#h-connection')?.textContent)).toBe(run.words.heading_connection!.message);
          expect(await popup.page.evaluate(openEveryDisclosure)).toBeGreaterThan(0);
          expect((await popup.page.evaluate(layoutProblems)).map((p) => describeProblem(p, run.words))).toEqual([]);
          if (run.dir === 'rtl') {
            // Right to left for real: the verdict's shape is right of the headline, a hostname stays left to right.
            const [shapeLeft, headlineLeft, hostDir] = await popup.page.evaluate(() => [
              document.querySelector('.head > .shape')!.getBoundingClientRect().left,
              document.querySelector('.headline')!.getBoundingClientRect().left,
              getComputedStyle(document.querySelector('.inert')!).direction,
            ]);
            expect(Number(shapeLeft)).toBeGreaterThan(Number(headlineLeft));
            expect(hostDir).toBe('ltr');
          }
        } finally {
          await popup.page.close();
          await visit.page.close();
        }
      });
    }
  });
}
