import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumSession } from '../harness/chromium';
import { FirefoxSession } from '../harness/firefox';
import { SCENARIOS, type ScenarioName } from '../harness/scenarios';
import { scenarioServersForFile } from '../harness/file-servers';

// The first 600 pixels (all Chrome shows of a popup before it scrolls), measured in the real browsers
// for every demo scenario: the headline, the action line and the three "who can see what" rows sit in
// them, and every statement's first line wraps to at most two lines at 380 px, in English and German
// (the longest of the languages checked). Details go in disclosures.

const FOLD = 600;
const MAX_LINES = 2;

interface FirstView {
  lang: string;
  /** Bottom (px from the top) of the headline, the action line (if any) and each compact row. */
  headline: number;
  action?: number;
  /** Each compact row: where its parties end, and how many lines its label takes. */
  seen: { subject: string; bottom: number; lines: number }[];
  /** Every statement's first line as shown, with its rendered line count. */
  lines: { text: string; lines: number }[];
}

/** Runs in the popup: where things are, and how many lines each first line takes. */
function measure(): FirstView {
  const count = (el: Element) => {
    const lh = parseFloat(getComputedStyle(el).lineHeight) || 18;
    // Marks and chips make a line a little taller than the line height: round, with a margin.
    return Math.max(1, Math.floor((el.getBoundingClientRect().height + lh * 0.4) / lh));
  };
  const bottom = (el: Element | null) => (el ? Math.round(el.getBoundingClientRect().bottom + window.scrollY) : Infinity);
  const shown = (el: Element) => (el as HTMLElement).checkVisibility();
  const action = document.querySelector('.action');
  return {
    lang: document.documentElement.lang || navigator.language,
    headline: bottom(document.querySelector('h1')),
    ...(action ? { action: bottom(action) } : {}),
    seen: [...document.querySelectorAll('.seen-row')].map((row) => ({
      subject: row.getAttribute('data-subject') ?? '',
      bottom: bottom(row.querySelector('summary')),
      lines: count(row.querySelector('.seen-label')!),
    })),
    lines: [...document.querySelectorAll('.items .line')].filter(shown).map((el) => ({ text: (el.textContent ?? '').slice(0, 70), lines: count(el) })),
  };
}

function expectFits(name: string, v: FirstView): void {
  expect(v.headline, `${name}: headline`).toBeLessThanOrEqual(FOLD);
  if (v.action !== undefined) expect(v.action, `${name}: action line`).toBeLessThanOrEqual(FOLD);
  expect(v.seen.map((s) => s.subject), `${name}: the three compact rows`).toEqual(['visit', 'content', 'ip']);
  for (const s of v.seen) expect(s.bottom, `${name}: "${s.subject}" row within ${FOLD} px`).toBeLessThanOrEqual(FOLD);
  const long = v.lines.filter((l) => l.lines > MAX_LINES);
  expect(long, `${name}: first lines over ${MAX_LINES} lines`).toEqual([]);
  // A compact row is its label, then the parties that see it (a list, wrapping as it must).
  const rows = v.seen.filter((s) => s.lines > MAX_LINES);
  expect(rows, `${name}: compact row labels over ${MAX_LINES} lines`).toEqual([]);
}

/** Printed once per run: where the action line ends in each scenario (the figures the note quotes). */
const report: string[] = [];

const servers = scenarioServersForFile();
afterAll(() => {
  if (report.length) console.log(`first view (bottom of the action line / of the last compact row, px):\n${report.join('\n')}`);
});

/** What the suite needs of a browser session, Chromium's or Firefox's. */
interface Session {
  visit(url: string): Promise<{ tabId: number }>;
  openPopup(tabId: number): Promise<{ page: { evaluate(fn: () => unknown): Promise<unknown>; close(): Promise<void> } }>;
  close(): Promise<void>;
}

/** Every scenario's popup in one browser and language, opened on a tab that already shows the page. */
function firstViewIn(browserName: 'chromium' | 'firefox', lang: 'en' | 'de', launch: () => Promise<Session>): void {
  const label = browserName === 'chromium' ? 'Chromium' : 'Firefox ESR';
  describe(`${label}, ${lang}: the first ${FOLD} px`, () => {
    let browser: Session;
    const tabs = new Map<ScenarioName, number>();
    beforeAll(async () => {
      browser = await launch();
      for (const s of SCENARIOS) tabs.set(s.name, (await browser.visit(s.start(servers.ports))).tabId);
    });
    afterAll(async () => {
      await browser?.close();
    });
    for (const s of SCENARIOS) {
      it(s.name, async () => {
        const popup = await browser.openPopup(tabs.get(s.name)!);
        try {
          const v = (await popup.page.evaluate(measure)) as FirstView;
          // The language really is the one asked for (chrome.i18n follows --lang).
          expect(await popup.page.evaluate(() => document.querySelector('#h-connection')?.textContent)).toBe(lang === 'en' ? 'Connection' : 'Verbindung');
          report.push(`${browserName.padEnd(8)} ${lang} ${s.name.padEnd(14)} action ${v.action ?? '-'} rows ${v.seen.at(-1)?.bottom}`);
          expectFits(`${browserName} ${lang} ${s.name}`, v);
        } finally {
          await popup.page.close();
        }
      });
    }
  });
}

for (const lang of ['en', 'de'] as const) firstViewIn('chromium', lang, () => ChromiumSession.launch({ extraArgs: [lang === 'en' ? '--lang=en-US' : '--lang=de'] }));
firstViewIn('firefox', 'en', () => FirefoxSession.launch());
