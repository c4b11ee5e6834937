import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ChromiumSession, PROJECT_ROOT } from '../tests/harness/chromium';
import { removeTestCerts } from '../tests/harness/certs';
import { FirefoxSession } from '../tests/harness/firefox';
import { SCENARIOS, type Scenario } from '../tests/harness/scenarios';
import { startScenarioServers } from '../tests/harness/servers';

// `npm run store:screenshots`: the store screenshots in docs/store/screenshots/, 1280×800 (the Chrome
// Web Store's size; AMO takes any and shows them at this ratio): the report opened in a tab
// (`popup.html?tab=<id>&view=page`, as "open in a tab" shows it) for some of the demo's local scenario
// sites. Chromium for the Chrome Web Store, Firefox ESR for AMO (in Firefox the demo's https sites are
// verified by an added root, so its https shot shows what Onlooker says about TLS inspection).
// Needs `npm run build && npm run build:e2e`. PNGs go through optipng (lossless) when it is installed.

const OUT = join(PROJECT_ROOT, 'docs/store/screenshots');
const SIZE = { width: 1280, height: 800 };
const CHROMIUM_SHOTS = ['https', 'http', 'mixed', 'third-parties'];
const FIREFOX_SHOTS = ['https', 'mixed'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const scenario = (name: string): Scenario => {
  const s = SCENARIOS.find((x) => x.name === name);
  if (!s) throw new Error(`no scenario "${name}" in tests/harness/scenarios.ts`);
  return s;
};
const reportUrl = (popupUrl: string) => `${popupUrl}&view=page`;
type Ports = Parameters<Scenario['start']>[0];

/** What the bridge page calls in Firefox (that code runs in the extension). */
declare const browser: { tabs: { create(o: { url: string }): Promise<unknown> } };

async function chromiumShots(ports: Ports): Promise<string[]> {
  const browser = await ChromiumSession.launch();
  try {
    const written: string[] = [];
    for (const name of CHROMIUM_SHOTS) {
      const visit = await browser.visit(scenario(name).start(ports));
      const page = await browser.context.newPage();
      await page.setViewportSize(SIZE);
      await page.goto(reportUrl(browser.popupUrl(visit.tabId)));
      await page.waitForSelector('[data-verdict][data-settled]', { timeout: 10_000 });
      const path = join(OUT, `chrome-${name}.png`);
      await page.screenshot({ path });
      await Promise.all([page.close(), visit.page.close()]);
      written.push(path);
    }
    return written;
  } finally {
    await browser.close();
  }
}

async function firefoxShots(ports: Ports): Promise<string[]> {
  const firefox = await FirefoxSession.launch();
  try {
    const written: string[] = [];
    for (const name of FIREFOX_SHOTS) {
      const visit = await firefox.visit(scenario(name).start(ports));
      // Firefox will not let WebDriver open moz-extension:// pages: the extension opens the tab.
      const url = reportUrl(firefox.popupUrl(visit.tabId));
      const before = new Set(await firefox.browser.pages());
      await firefox.inExtension((u: string) => browser.tabs.create({ url: u }).then(() => true), url);
      let page;
      for (let i = 0; i < 100 && !page; i++, await sleep(100)) {
        for (const p of await firefox.browser.pages()) {
          if (!before.has(p) && (await p.evaluate(() => location.href).catch(() => '')) === url) page = p;
        }
      }
      if (!page) throw new Error(`Firefox did not open ${url}`);
      await page.setViewport(SIZE);
      await page.waitForSelector('[data-verdict][data-settled]', { timeout: 10_000 });
      const path = join(OUT, `firefox-${name}.png`) as `${string}.png`;
      await page.screenshot({ path });
      await Promise.all([page.close(), visit.page.close()]);
      written.push(path);
    }
    return written;
  } finally {
    await firefox.close();
  }
}

function optimise(paths: string[]): void {
  try {
    execFileSync('optipng', ['-quiet', '-o2', '-strip', 'all', ...paths], { stdio: 'inherit' });
  } catch {
    console.log('optipng not found or failed: screenshots left as the browser wrote them (apt-get install optipng)');
  }
}

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const servers = await startScenarioServers();
  try {
    const paths = [...(await chromiumShots(servers.ports)), ...(await firefoxShots(servers.ports))];
    optimise(paths);
    for (const p of paths) console.log(`${p.slice(PROJECT_ROOT.length)}  ${SIZE.width}×${SIZE.height}  ${Math.round(statSync(p).size / 1024)} KB`);
  } finally {
    await servers.close();
    removeTestCerts();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
