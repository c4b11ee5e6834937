import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ChromiumSession, hasContentScripts, PROJECT_ROOT } from '../tests/harness/chromium';
import { removeTestCerts } from '../tests/harness/certs';
import { FIREFOX_E2E_EXTENSION_DIR, FirefoxSession } from '../tests/harness/firefox';
import { inFirefox, SCENARIOS, type Scenario } from '../tests/harness/scenarios';
import { startScenarioServers, type ScenarioServers } from '../tests/harness/servers';

// `npm run demo`: the built extension in Chromium, then the e2e build in Firefox ESR, against the local
// scenario sites. Prints, per browser, what the extension showed for each scenario next to what it
// should show, saves a full-page screenshot of the popup for each (`docs/screenshots/<browser>-<scenario>.png`,
// 380 px wide, disclosures closed as a user first sees them), and exits non-zero if any row is wrong.
// `--headed` shows the browsers.

type Browser = 'chromium' | 'firefox';

interface Row {
  scenario: string;
  url: string;
  verdict: string;
  badge: string;
  expected: string;
  ok: 'yes' | 'NO' | 'skip';
  note?: string;
}

/** What one browser shows for a visit: its badge text, and the popup's verdict once screenshotted. */
interface Shown {
  badge: string;
  verdict: string;
}

const SHOTS = join(PROJECT_ROOT, 'docs/screenshots');
const POPUP_WIDTH = 380;
const shown = (badge: string) => (badge ? `"${badge}"` : '(none)');
const shotPath = (browser: Browser, s: Scenario) => join(SHOTS, `${browser}-${s.name}.png`);
/** The first 600 px, what a Chrome popup shows before it scrolls (the README shows these). */
const foldPath = (browser: Browser, s: Scenario) => join(SHOTS, 'first-600', `${browser}-${s.name}.png`);

/** Runs one scenario in one browser and compares what it showed with `want`. */
async function row(s: Scenario, url: string, want: Pick<Scenario, 'verdict' | 'badge'>, show: () => Promise<Shown>, unbuilt = false): Promise<Row> {
  const r: Row = { scenario: s.name, url, verdict: '?', badge: '?', expected: `${want.verdict} ${shown(want.badge)}`, ok: 'NO' };
  try {
    const got = await show();
    r.verdict = got.verdict;
    r.badge = shown(got.badge);
    const right = got.verdict === want.verdict && got.badge === want.badge;
    r.ok = right ? 'yes' : unbuilt ? 'skip' : 'NO';
    if (unbuilt && !right) r.note = 'needs the document scan (no content script in this build yet)';
  } catch (err) {
    r.note = err instanceof Error ? err.message.split('\n')[0] : String(err);
  }
  return r;
}

async function chromiumRows(servers: ScenarioServers, headed: boolean, onLaunch: (b: ChromiumSession) => void): Promise<Row[]> {
  const browser = await ChromiumSession.launch({ headed });
  onLaunch(browser);
  console.log(`Chromium ${browser.context.browser()?.version() ?? ''}`);
  const unbuilt = !hasContentScripts(browser.extensionDir);
  const rows: Row[] = [];
  for (const s of SCENARIOS) {
    const url = s.start(servers.ports);
    rows.push(
      await row(s, url, s, async () => {
        const visit = await browser.visit(url);
        const badge = await browser.badge(visit.tabId);
        const popup = await browser.screenshotPopup(visit.tabId, shotPath('chromium', s), foldPath('chromium', s));
        await visit.page.close();
        return { badge: badge.text, verdict: popup.verdict };
      }, s.needs === 'document-scan' && unbuilt),
    );
  }
  return rows;
}

/**
 * The popup in English, German (long words) and Arabic (right to left) for two scenarios, at its first
 * 600 px: `docs/screenshots/locales/chromium-<scenario>-<lang>.png`. Chromium on Linux takes its UI
 * language from LANGUAGE (with Debian's chromium-l10n) and the catalogue from --lang.
 */
async function localeShots(servers: ScenarioServers, onLaunch: (b: ChromiumSession) => void): Promise<void> {
  mkdirSync(join(SHOTS, 'locales'), { recursive: true });
  for (const lang of ['en', 'de', 'ar']) {
    const browser = await ChromiumSession.launch({ extraArgs: [`--lang=${lang === 'en' ? 'en-US' : lang}`], env: { LANGUAGE: lang, LANG: `${lang}.UTF-8` } });
    onLaunch(browser);
    try {
      for (const name of ['http', 'https'] as const) {
        const s = SCENARIOS.find((x) => x.name === name)!;
        const visit = await browser.visit(s.start(servers.ports));
        const path = join(SHOTS, 'locales', `chromium-${name}-${lang}.png`);
        const popup = await browser.openPopup(visit.tabId);
        await popup.page.screenshot({ path, clip: { x: 0, y: 0, width: POPUP_WIDTH, height: 600 } });
        await Promise.all([popup.page.close(), visit.page.close()]);
      }
    } finally {
      await browser.close();
    }
  }
  console.log(`Popup in en, de and ar: ${relative(process.cwd(), join(SHOTS, 'locales'))}/chromium-<scenario>-<lang>.png`);
}

async function firefoxRows(servers: ScenarioServers, headed: boolean, onLaunch: (b: FirefoxSession) => void): Promise<Row[]> {
  const browser = await FirefoxSession.launch({ headed });
  onLaunch(browser);
  console.log(await browser.browser.version());
  const rows: Row[] = [];
  for (const s of SCENARIOS) {
    const url = s.start(servers.ports);
    rows.push(
      await row(s, url, inFirefox(s), async () => {
        const visit = await browser.visit(url);
        const badge = await browser.badge(visit.tabId);
        const popup = await browser.openPopup(visit.tabId);
        try {
          await popup.page.setViewport({ width: POPUP_WIDTH, height: 600 });
          await popup.page.screenshot({ path: shotPath('firefox', s) as `${string}.png`, fullPage: true });
          await popup.page.screenshot({ path: foldPath('firefox', s) as `${string}.png`, clip: { x: 0, y: 0, width: POPUP_WIDTH, height: 600 } });
        } finally {
          await Promise.all([popup.page.close(), visit.page.close()]);
        }
        return { badge: badge.text, verdict: popup.verdict };
      }),
    );
  }
  return rows;
}

function printTable(title: string, rows: Row[]): void {
  const head = ['scenario', 'URL', 'verdict', 'badge', 'expected', 'ok'];
  const cells = rows.map((r) => [r.scenario, r.url, r.verdict, r.badge, r.expected, r.ok]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join(' | ');
  console.log(`\n${title}`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const c of cells) console.log(line(c));
  for (const r of rows) if (r.note) console.log(`  ${r.scenario}: ${r.note}`);
}

async function main(): Promise<number> {
  const headed = process.argv.includes('--headed');
  mkdirSync(join(SHOTS, 'first-600'), { recursive: true });
  let servers: ScenarioServers | undefined;
  const open: { close(): Promise<void> }[] = [];
  const cleanup = async () => {
    await Promise.all(open.map((b) => b.close()));
    await servers?.close();
    removeTestCerts();
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    servers = await startScenarioServers();
    console.log(`Scenario sites on 127.0.0.1: http ${servers.ports.http}, https ${servers.ports.https}`);
    // One browser at a time: the machine may be small, and each one's timings stay undisturbed.
    const chromium = await chromiumRows(servers, headed, (b) => open.push(b));
    await open.pop()?.close();
    let firefox: Row[];
    try {
      firefox = await firefoxRows(servers, headed, (b) => open.push(b));
    } catch (err) {
      // No Firefox row can be right without the browser or the e2e build: one row says why.
      const why = err instanceof Error ? err.message.split('\n')[0]! : String(err);
      firefox = [{ scenario: '(all)', url: FIREFOX_E2E_EXTENSION_DIR, verdict: '?', badge: '?', expected: '', ok: 'NO', note: why }];
    }
    await localeShots(servers, (b) => open.push(b));
    await open.pop()?.close();
    printTable('Chromium (the test CA is trusted like a public one: verified https is "encrypted")', chromium);
    printTable('Firefox ESR (the test CA is not a built-in root: verified https is "custom-root", badge "CA")', firefox);
    const where = relative(process.cwd(), SHOTS) || '.';
    console.log(`\nPopup screenshots: ${where}/chromium-<scenario>.png, ${where}/firefox-<scenario>.png`);
    const rows = [...chromium, ...firefox];
    const wrong = rows.filter((r) => r.ok === 'NO').length;
    console.log(wrong ? `${wrong} of ${rows.length} rows are wrong.` : `All ${rows.length} rows as expected (${SCENARIOS.length} scenarios, 2 browsers).`);
    return wrong ? 1 : 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
