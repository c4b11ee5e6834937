import type { Page } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumSession } from '../harness/chromium';
import { FirefoxSession } from '../harness/firefox';
import { describeProblem, layoutProblems, openEveryDisclosure, smallTargets, type LayoutProblem } from '../harness/layout';
import { scenario } from '../harness/scenarios';
import { scenarioServersForFile } from '../harness/file-servers';
import { readLocale } from '../support/pseudo-locales';

// The extension's pages on a phone (Firefox for Android opens the popup as a page of its own): a
// 360 x 740 viewport with a touch screen as the only pointer. Nothing scrolls sideways, the popup fills
// the width, and every button, standalone link, disclosure and form control is at least 44 px tall.
// Firefox gets a 360 px viewport and the prefs that make its primary pointer coarse without hover, as
// on Android: the popup, in full. Chromium's CDP touch emulation leaves the pointer media features as
// the desktop's (checked on Chromium 156), so there the pages that are fluid at any width (the tab
// page, options, learn) are checked at the phone's size for sideways scrolling only.

const PHONE = { width: 360, height: 740 };
const TARGET = 44;
const en = readLocale('en');

interface PhoneCheck {
  /** Whether the page sees the phone's media features. */
  coarse: boolean;
  bodyWidth: number;
  pageWidth: number;
  layout: LayoutProblem[];
  targets: LayoutProblem[];
}

/** Everything the checks need, measured in the page with every disclosure open (no closures: sent as source). */
function measure({ min, fns }: { min: number; fns: { layout: string; targets: string; open: string } }): PhoneCheck {
  const run = <T,>(source: string, ...args: unknown[]) => (new Function(`return (${source})`)() as (...a: unknown[]) => T)(...args);
  run<number>(fns.open);
  return {
    coarse: matchMedia('(hover: none) and (pointer: coarse)').matches,
    bodyWidth: document.body.getBoundingClientRect().width,
    pageWidth: document.documentElement.clientWidth,
    layout: run<LayoutProblem[]>(fns.layout),
    targets: run<LayoutProblem[]>(fns.targets, min),
  };
}
const ARG = { min: TARGET, fns: { layout: layoutProblems.toString(), targets: smallTargets.toString(), open: openEveryDisclosure.toString() } };

function expectPhoneLayout(where: string, got: PhoneCheck, touch = true): void {
  expect(got.layout.map((p) => describeProblem(p, en)), where).toEqual([]);
  expect(got.bodyWidth, `${where}: the page fills the screen's width`).toBeGreaterThanOrEqual(Math.min(got.pageWidth, 700) - 1);
  if (!touch) return;
  expect(got.coarse, `${where}: the page sees a coarse pointer without hover`).toBe(true);
  expect(got.targets.map((p) => describeProblem(p, en)), `${where}: touch targets under ${TARGET} px`).toEqual([]);
}

const servers = scenarioServersForFile();

describe('Chromium, a phone-sized page (CDP device emulation)', () => {
  let browser: ChromiumSession;
  const tabs = new Map<string, number>();

  beforeAll(async () => {
    browser = await ChromiumSession.launch({ extraArgs: ['--lang=en-US'], env: { LANGUAGE: 'en_US' } });
    for (const name of ['http', 'https'] as const) tabs.set(name, (await browser.visit(scenario(name).start(servers.ports))).tabId);
  });
  afterAll(async () => browser?.close());

  /** `url` as a phone shows it: emulation set once the extension's process holds the page, then reloaded. */
  async function phonePage(url: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(url);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { ...PHONE, deviceScaleFactor: 2, mobile: true });
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    await cdp.send('Emulation.setEmitTouchEventsForMouse', { enabled: true, configuration: 'mobile' });
    await page.reload();
    return page;
  }

  const pages = () => [
    ['tab page, http', `${browser.popupUrl(tabs.get('http')!)}&view=page`],
    ['tab page, https', `${browser.popupUrl(tabs.get('https')!)}&view=page`],
    ['options', `chrome-extension://${browser.extensionId}/options.html`],
    ['learn', `chrome-extension://${browser.extensionId}/learn.html`],
  ];

  it('tab page, options and learn at 360 x 740: full width, nothing sideways', async () => {
    for (const [where, url] of pages()) {
      const page = await phonePage(url!);
      try {
        await page.waitForSelector(where!.startsWith('tab') ? '[data-verdict][data-settled]' : 'main h1');
        expectPhoneLayout(where!, await page.evaluate(measure, ARG), false);
      } finally {
        await page.close();
      }
    }
  });

  it('the check can fail: on a desktop (fine pointer) the popup keeps 380 px and its buttons are small', async () => {
    const page = await browser.context.newPage();
    try {
      await page.setViewportSize(PHONE);
      await page.goto(browser.popupUrl(tabs.get('https')!));
      await page.waitForSelector('[data-verdict][data-settled]');
      const got = await page.evaluate(measure, ARG);
      expect(got.coarse).toBe(false);
      expect(got.layout.map((p) => p.kind)).toContain('document');
      expect(got.targets.length).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });
});

describe('Firefox, a 360 px window with a coarse pointer and no hover', () => {
  let firefox: FirefoxSession;

  beforeAll(async () => {
    // LookAndFeel pointer capabilities: 1 = coarse, no fine pointer, no hover (a touch screen).
    firefox = await FirefoxSession.launch({ prefs: { 'ui.primaryPointerCapabilities': 1, 'ui.allPointerCapabilities': 1 } });
  });
  afterAll(async () => firefox?.close());

  it('popup, http and https: full width, nothing sideways, targets >= 44 px', async () => {
    for (const name of ['http', 'https'] as const) {
      const visit = await firefox.visit(scenario(name).start(servers.ports));
      const popup = await firefox.openPopup(visit.tabId);
      const page: PuppeteerPage = popup.page;
      try {
        await page.setViewport(PHONE);
        expectPhoneLayout(`popup, ${name}`, await page.evaluate(measure, ARG));
      } finally {
        await page.close();
        await visit.page.close();
      }
    }
  });
});
