import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, inBothThemes } from '../harness/axe';
import { removeTestCerts } from '../harness/certs';
import { ChromiumSession, hasContentScripts } from '../harness/chromium';
import { openEveryDisclosure } from '../harness/layout';
import { SCENARIOS } from '../harness/scenarios';
import { startScenarioServers, type ScenarioServers } from '../harness/servers';
import { catalogue } from '../harness/words';

// axe-core in real Chromium on every page the extension shows: the popup for each scenario (380 px,
// every disclosure open), the report opened in a tab (`?view=page`) and the learn-more page, in light
// and dark, in English and in German (the longest language). Zero violations of WCAG 2.x A/AA and of
// axe's best practices.

const POPUP_WIDTH = 380;

/** Opens every disclosure, nested ones included, so that axe sees everything the popup can show. */
const openAllDetails = (page: Page) => page.evaluate(openEveryDisclosure);

for (const lang of ['en', 'de'] as const) {
  describe(`axe, ${lang === 'en' ? 'English' : 'German'}`, () => {
    const words = catalogue(lang);
    const english = catalogue('en');
    let servers: ScenarioServers;
    let browser: ChromiumSession;
    /** Tab id per scenario, visited once for every test below. */
    const tabs = new Map<string, number>();

    beforeAll(async () => {
      servers = await startScenarioServers();
      // chrome.i18n follows the browser's UI language, which --lang sets (LANGUAGE in the environment
      // does not change it on Linux: checked on Chromium 156).
      browser = await ChromiumSession.launch({ extraArgs: lang === 'en' ? ['--lang=en-US'] : ['--lang=de'] });
      for (const s of SCENARIOS) {
        const visit = await browser.visit(s.start(servers.ports));
        tabs.set(s.name, visit.tabId);
      }
    });

    afterAll(async () => {
      await browser?.close();
      await servers?.close();
      removeTestCerts();
    });

    it(`the pages really are in ${lang}`, async () => {
      const popup = await browser.openPopup(tabs.get('https')!);
      try {
        expect(await popup.page.evaluate(() => document.documentElement.lang)).toBe(lang);
        expect(await popup.page.textContent('#h-connection')).toBe(words.heading_connection!.message);
        if (lang !== 'en') expect(popup.text).not.toContain(english.heading_connection!.message);
      } finally {
        await popup.page.close();
      }
    });

    for (const s of SCENARIOS) {
      it(`popup, ${s.name}: no violations with every disclosure open`, async () => {
        const popup = await browser.openPopup(tabs.get(s.name)!, POPUP_WIDTH);
        try {
          const unbuilt = s.needs === 'document-scan' && !hasContentScripts(browser.extensionDir);
          if (!unbuilt) expect(popup.verdict, 'the popup shows the scenario').toBe(s.verdict);
          expect(await openAllDetails(popup.page)).toBeGreaterThan(0);
          // Nothing is wider than the popup, even in the longest language with everything open.
          expect(await popup.page.evaluate(() => document.documentElement.scrollWidth), 'popup content width').toBeLessThanOrEqual(POPUP_WIDTH);
          expect(await inBothThemes(popup.page, `popup ${s.name}`)).toEqual([]);
        } finally {
          await popup.page.close();
        }
      });
    }

    it('the report opened in a tab (?view=page): no violations', async () => {
      const found: string[] = [];
      for (const name of ['third-parties', 'mixed', 'cert-error']) {
        const page = await browser.context.newPage();
        try {
          await page.setViewportSize({ width: 1000, height: 800 });
          await page.goto(`${browser.popupUrl(tabs.get(name)!)}&view=page`);
          await page.waitForSelector('[data-verdict][data-settled]');
          expect(await page.evaluate(() => document.documentElement.classList.contains('page'))).toBe(true);
          await openAllDetails(page);
          found.push(...(await inBothThemes(page, `page ${name}`)));
        } finally {
          await page.close();
        }
      }
      expect(found).toEqual([]);
    });

    it('the learn-more page: no violations', async () => {
      const page = await browser.context.newPage();
      try {
        await page.goto(`chrome-extension://${browser.extensionId}/learn.html`);
        await page.waitForSelector('main.learn h1');
        expect(await page.textContent('h1')).toBe(words.learn_title!.message);
        expect(await inBothThemes(page, 'learn')).toEqual([]);
      } finally {
        await page.close();
      }
    });

    if (lang === 'en') {
      it('the check can fail: axe reports an unlabelled button and faint text added to a page', async () => {
        const page = await browser.context.newPage();
        try {
          await page.goto(`chrome-extension://${browser.extensionId}/learn.html`);
          await page.waitForSelector('main.learn h1');
          await page.evaluate(() => {
            const main = document.querySelector('main')!;
            main.append(document.createElement('button'));
            const faint = document.createElement('p');
            faint.textContent = 'faint';
            faint.style.color = '#eeeeee';
            faint.style.background = '#ffffff';
            main.append(faint);
          });
          await page.emulateMedia({ colorScheme: 'light' });
          const rules = (await axeViolations(page)).map((f) => f.rule);
          expect(rules).toContain('button-name');
          expect(rules).toContain('color-contrast');
        } finally {
          await page.close();
        }
      });
    }
  });
}
