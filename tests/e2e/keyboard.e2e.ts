import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTestCerts } from '../harness/certs';
import { ChromiumSession, hasContentScripts } from '../harness/chromium';
import { SCENARIOS, scenario, type ScenarioName } from '../harness/scenarios';
import { startScenarioServers, type ScenarioServers } from '../harness/servers';

// The popup by keyboard alone, in real Chromium: Tab from the top reaches every interactive element in
// document order, each with a visible focus indicator, and then leaves the page (no trap); Shift+Tab
// walks back; Enter and Space open and close every disclosure; "Learn more" and "Open in a tab" work
// from the keyboard.

/** What the browser may put in the tab order; the page's own list is filtered to what is shown. */
const INTERACTIVE = 'a[href], button, summary, input, select, textarea, [tabindex]';
/** Said of the focused element when focus has left the page (to the browser's own controls). */
const OUT = 'out';

interface FocusLook {
  outline: string;
  boxShadow: string;
}

/**
 * Numbers every element a keyboard user can reach as the page is now (`data-kb`), in document order,
 * and returns what each looks like unfocused. Content of closed disclosures is not rendered, so
 * `checkVisibility` leaves it out.
 */
async function markInteractive(page: Page): Promise<{ label: string; look: FocusLook }[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  return page.evaluate((selector) => {
    const shown = [...document.querySelectorAll<HTMLElement>(selector)].filter(
      (e) => e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled && e.checkVisibility(),
    );
    return shown.map((e, i) => {
      e.setAttribute('data-kb', String(i));
      const cs = getComputedStyle(e);
      return {
        label: `${e.tagName.toLowerCase()}${e.className ? '.' + e.className : ''} "${(e.textContent ?? '').trim().slice(0, 40)}"`,
        look: { outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`, boxShadow: cs.boxShadow },
      };
    });
  }, INTERACTIVE);
}

interface Step {
  at: string;
  look?: FocusLook;
  /** The browser draws its keyboard focus style (`:focus-visible`). */
  visible?: boolean;
}

async function press(page: Page, key: string): Promise<Step> {
  await page.keyboard.press(key);
  return page.evaluate((out) => {
    const e = document.activeElement as HTMLElement | null;
    if (!document.hasFocus() || !e || !e.hasAttribute('data-kb')) return { at: out };
    const cs = getComputedStyle(e);
    return {
      at: e.getAttribute('data-kb')!,
      look: { outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`, boxShadow: cs.boxShadow },
      visible: e.matches(':focus-visible'),
    };
  }, OUT);
}

/** A focus style that shows: a real outline or a box shadow, different from the unfocused look. */
function indicatorShows(focused: FocusLook, unfocused: FocusLook): boolean {
  const [style, width, ...color] = focused.outline.split(' ');
  const outline =
    style !== 'none' && parseFloat(width ?? '0') >= 1 && !/rgba\([^)]*,\s*0\)|transparent/.test(color.join(' ')) && focused.outline !== unfocused.outline;
  const shadow = focused.boxShadow !== 'none' && focused.boxShadow !== unfocused.boxShadow;
  return outline || shadow;
}

interface Walk {
  labels: string[];
  /** `data-kb` of the focused element after each Tab, then after each Shift+Tab. */
  forward: string[];
  back: string[];
  /** Elements whose focus does not show, with both looks. */
  noIndicator: string[];
}

/** Tabs through the page from a fresh load to past the end, then back with Shift+Tab. */
async function walk(page: Page): Promise<Walk> {
  const marked = await markInteractive(page);
  const forward: Step[] = [];
  for (let i = 0; i <= marked.length; i++) forward.push(await press(page, 'Tab'));
  const back: Step[] = [];
  for (let i = 0; i <= marked.length; i++) back.push(await press(page, 'Shift+Tab'));
  const noIndicator = forward
    .filter((s) => s.at !== OUT)
    .filter((s) => !s.visible || !indicatorShows(s.look!, marked[Number(s.at)]!.look))
    .map((s) => `${marked[Number(s.at)]!.label}: focused ${JSON.stringify(s.look)}, unfocused ${JSON.stringify(marked[Number(s.at)]!.look)}`);
  return { labels: marked.map((m) => m.label), forward: forward.map((s) => s.at), back: back.map((s) => s.at), noIndicator };
}

/**
 * Tab visits every element in document order and then leaves the page (no trap); Shift+Tab visits
 * them in reverse and then leaves or wraps to the last one (headless Chromium wraps); every focused
 * element shows it.
 */
function expectKeyboardWorks(w: Walk): void {
  const order = w.labels.map((_, i) => String(i));
  expect(w.forward, `Tab order over ${JSON.stringify(w.labels)}`).toEqual([...order, OUT]);
  const reversed = [...order].reverse();
  expect(w.back.slice(0, -1), 'Shift+Tab order').toEqual(reversed);
  expect([OUT, reversed[0]], 'after Shift+Tab on the first element').toContain(w.back.at(-1));
  expect(w.noIndicator, 'elements without a visible focus indicator').toEqual([]);
}

let servers: ScenarioServers;
let browser: ChromiumSession;
const tabs = new Map<string, number>();

beforeAll(async () => {
  servers = await startScenarioServers();
  browser = await ChromiumSession.launch();
  for (const s of SCENARIOS) tabs.set(s.name, (await browser.visit(s.start(servers.ports))).tabId);
});

afterAll(async () => {
  await browser?.close();
  await servers?.close();
  removeTestCerts();
});

async function popupFor(name: ScenarioName): Promise<Page> {
  const popup = await browser.openPopup(tabs.get(name)!);
  const s = scenario(name);
  if (!(s.needs === 'document-scan' && !hasContentScripts(browser.extensionDir))) expect(popup.verdict, 'the popup shows the scenario').toBe(s.verdict);
  return popup.page;
}

/** Presses `key`; the popup closing itself meanwhile (it does after opening a tab) is no error. */
async function pressIn(page: Page, key: string): Promise<void> {
  await page.keyboard.press(key).catch((err: unknown) => {
    if (!page.isClosed()) throw err;
  });
}

/** The next tab the browser opens, once it shows `pathname` and has rendered. */
async function nextTab(pathname: string, action: () => Promise<void>): Promise<Page> {
  const opened = browser.context.waitForEvent('page', { timeout: 10_000 });
  await action();
  const page = await opened;
  await page.waitForURL((u) => u.pathname === pathname, { timeout: 10_000 });
  await page.waitForLoadState('load');
  return page;
}

describe('Tab order, focus indicator, no trap', () => {
  for (const s of SCENARIOS) {
    it(`popup, ${s.name}: as first shown (light), then with every disclosure open (dark)`, async () => {
      let page = await popupFor(s.name);
      let closed: Walk;
      try {
        await page.emulateMedia({ colorScheme: 'light' });
        closed = await walk(page);
        expectKeyboardWorks(closed);
        // Every disclosure's summary, both actions: the popup has at least these.
        expect(closed.labels.filter((l) => l.startsWith('summary')).length).toBeGreaterThan(0);
        expect(closed.labels.some((l) => l.startsWith('a.learn'))).toBe(true);
        expect(closed.labels.some((l) => l.startsWith('button.open-tab'))).toBe(true);
      } finally {
        await page.close();
      }
      page = await popupFor(s.name);
      try {
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        const open = await walk(page);
        expectKeyboardWorks(open);
        // Opening the disclosures takes nothing out of reach.
        expect(open.labels.length).toBeGreaterThanOrEqual(closed.labels.length);
      } finally {
        await page.close();
      }
    });
  }

  it('the check can fail: an element whose focus style is removed is reported', async () => {
    const page = await popupFor('https');
    try {
      await page.evaluate(() => document.querySelector<HTMLElement>('a.learn')!.style.setProperty('outline', 'none', 'important'));
      const w = await walk(page);
      expect(w.noIndicator).toEqual([expect.stringMatching(/^a\.learn "/)]);
      expect(() => expectKeyboardWorks(w)).toThrow(/without a visible focus indicator/);
    } finally {
      await page.close();
    }
  });
});

describe('disclosures and actions by keyboard', () => {
  it('Enter and Space open and close every disclosure', async () => {
    const page = await popupFor('third-parties');
    try {
      const summaries = await page.locator('summary').count();
      expect(summaries).toBeGreaterThan(3);
      for (let i = 0; i < summaries; i++) {
        const summary = page.locator('summary').nth(i);
        await summary.focus();
        const seen: boolean[] = [];
        for (const key of ['Enter', 'Enter', 'Space', 'Space']) {
          await page.keyboard.press(key);
          seen.push(await summary.evaluate((el) => (el.parentElement as HTMLDetailsElement).open));
        }
        expect(seen, `summary ${i}: ${await summary.textContent()}`).toEqual([true, false, true, false]);
      }
    } finally {
      await page.close();
    }
  });

  it('"Learn more" opens the learn-more page in a new tab with Enter', async () => {
    const page = await popupFor('http');
    try {
      await page.locator('a.learn').focus();
      const learn = await nextTab('/learn.html', () => pressIn(page, 'Enter'));
      expect(await learn.locator('main.learn h1').count()).toBe(1);
      await learn.close();
    } finally {
      await page.close().catch(() => undefined);
    }
  });

  for (const key of ['Enter', 'Space']) {
    it(`"Open in a tab" opens the report for the same tab with ${key}`, async () => {
      const tabId = tabs.get('http')!;
      const page = await popupFor('http');
      try {
        await page.locator('button.open-tab').focus();
        const report = await nextTab('/popup.html', () => pressIn(page, key));
        const url = new URL(report.url());
        expect([url.searchParams.get('tab'), url.searchParams.get('view')]).toEqual([String(tabId), 'page']);
        expect(await report.locator('[data-verdict]').getAttribute('data-verdict')).toBe(scenario('http').verdict);
        await report.close();
      } finally {
        await page.close().catch(() => undefined);
      }
    });
  }

  it('the report in a tab: Tab order holds, and "Learn more" opens a tab while the report stays', async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(`${browser.popupUrl(tabs.get('third-parties')!)}&view=page`);
      await page.waitForSelector('[data-verdict][data-settled]');
      const w = await walk(page);
      expectKeyboardWorks(w);
      // In a tab there is no "Open in a tab".
      expect(w.labels.some((l) => l.startsWith('button.open-tab'))).toBe(false);
      await page.locator('a.learn').focus();
      const learn = await nextTab('/learn.html', () => pressIn(page, 'Enter'));
      await learn.close();
      expect(page.isClosed()).toBe(false);
    } finally {
      await page.close();
    }
  });
});
