import { execFileSync } from 'node:child_process';
import { accessSync, constants, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type CDPSession, type Page, type Request, type Worker } from 'playwright-core';
import type { PageView } from '../../utils/page-view';
import { TEST_CA_NICKNAME, testCerts, type TestCerts } from './certs';

// Real Chromium with the built extension, for the demo, the end-to-end tests and the benchmarks:
// a fresh profile, a throwaway HOME whose NSS database trusts the test CA, every hostname mapped to
// 127.0.0.1, and helpers that read what the extension shows (badge, popup, stored page view) and stop
// its service worker. See /work/shared/docs/real-browser-testing.md for why each step is there.

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROME_EXTENSION_DIR = join(PROJECT_ROOT, '.output/chrome-mv3');

export interface ChromiumOptions {
  /** Unpacked extension to load; default `.output/chrome-mv3`. */
  extensionDir?: string;
  /** Show the browser window (needs a display). */
  headed?: boolean;
  /** Browser binary; default `$ONLOOKER_CHROMIUM`, else `chromium` on PATH. */
  executablePath?: string;
  /** More command-line flags, e.g. `--enable-features=WebRequestSecurityInfo`. */
  extraArgs?: string[];
  /** More environment variables, e.g. `LANGUAGE` (on Linux the UI language, which `--lang` does not set). */
  env?: Record<string, string>;
  /** Certificates whose CA the profile trusts; default the per-process test certificates. */
  certs?: TestCerts;
}

export interface BadgeState {
  text: string;
  /** Background colour as `#RRGGBB`. */
  color: string;
  title: string;
}

export interface Visit {
  page: Page;
  tabId: number;
  /** The URL of the tab after redirects (for an error page: the URL that failed). */
  url: string;
  /** Why Playwright's navigation failed, e.g. `net::ERR_CERT_AUTHORITY_INVALID` for an interstitial. */
  error?: string;
}

export interface PopupState {
  page: Page;
  verdict: string;
  /** The popup's visible text. */
  text: string;
}

/** A network request seen by the browser, with who made it. */
export interface SeenRequest {
  url: string;
  /** `worker`: the extension's service worker; `extension-page`: a chrome-extension:// page; `page`: a web page. */
  source: 'worker' | 'extension-page' | 'page';
  /** URL of the page that made it (empty for the worker). */
  pageUrl: string;
  resourceType: string;
}

interface WorkerVersion {
  versionId: string;
  scriptURL: string;
  status: string;
  runningStatus: string;
}

// Minimal typing of the extension APIs used inside the worker (that code runs in the browser).
interface ChromeApi {
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
  action: {
    getBadgeText(d: { tabId: number }): Promise<string>;
    getBadgeBackgroundColor(d: { tabId: number }): Promise<number[]>;
    getTitle(d: { tabId: number }): Promise<string>;
  };
  storage: { session: { get(k: string | null): Promise<Record<string, unknown>> } };
}
declare const chrome: ChromeApi;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** `$ONLOOKER_CHROMIUM`, or `chromium` looked up on PATH. */
export function chromiumExecutable(): string {
  const wanted = process.env.ONLOOKER_CHROMIUM || 'chromium';
  if (isAbsolute(wanted)) return wanted;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, wanted);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error(`Chromium not found: "${wanted}" is not on PATH. Install it (scripts/setup.sh) or set ONLOOKER_CHROMIUM.`);
}

/** Whether the built extension declares content scripts (the document scan). */
export function hasContentScripts(extensionDir = CHROME_EXTENSION_DIR): boolean {
  const manifest = join(extensionDir, 'manifest.json');
  if (!existsSync(manifest)) return false;
  const m = JSON.parse(readFileSync(manifest, 'utf8')) as { content_scripts?: unknown[] };
  return Array.isArray(m.content_scripts) && m.content_scripts.length > 0;
}

/** A HOME whose NSS database (where Chromium on Linux looks) trusts the test CA as a root. */
function makeTrustingHome(home: string, certs: TestCerts): void {
  const db = join(home, '.pki/nssdb');
  mkdirSync(db, { recursive: true });
  execFileSync('certutil', ['-d', `sql:${db}`, '-N', '--empty-password'], { stdio: 'pipe' });
  execFileSync('certutil', ['-d', `sql:${db}`, '-A', '-t', 'C,,', '-n', TEST_CA_NICKNAME, '-i', certs.ca.certPath], { stdio: 'pipe' });
}

function toHex(rgba: number[]): string {
  return '#' + rgba.slice(0, 3).map((n) => n.toString(16).padStart(2, '0').toUpperCase()).join('');
}

/** Who made a request: the extension (worker or page) or a web page. */
function describeRequest(r: Request): SeenRequest {
  const base = { url: r.url(), resourceType: r.resourceType() };
  const worker = r.serviceWorker()?.url() ?? '';
  if (worker) return { ...base, source: worker.startsWith('chrome-extension://') ? 'worker' : 'page', pageUrl: '' };
  let pageUrl = '';
  try {
    pageUrl = r.frame().page()?.url() ?? '';
  } catch {
    // a request without a frame
  }
  // A navigation to an extension page is the extension page's own load.
  const extension = pageUrl.startsWith('chrome-extension://') || r.url().startsWith('chrome-extension://');
  return { ...base, source: extension ? 'extension-page' : 'page', pageUrl };
}

export interface LaunchedChromium {
  context: BrowserContext;
  /** The copy of the extension this browser runs; undefined when launched without one. */
  extensionDir?: string;
  /** Profile, HOME and extension copy live here; `close` deletes it. */
  tempRoot: string;
  /** Closes the browser and deletes `tempRoot`. */
  close(): Promise<void>;
}

/**
 * Chromium with the same profile setup as `ChromiumSession` (trusting HOME, hostnames mapped to
 * loopback, no background traffic) but nothing else: `extensionDir: null` loads no extension at all,
 * which is the baseline of the benchmarks.
 */
export async function launchChromium(options: Omit<ChromiumOptions, 'extensionDir'> & { extensionDir?: string | null } = {}): Promise<LaunchedChromium> {
  const built = options.extensionDir === null ? undefined : (options.extensionDir ?? CHROME_EXTENSION_DIR);
  if (built !== undefined && !existsSync(join(built, 'manifest.json'))) throw new Error(`No extension at ${built}: run npm run build`);
  const certs = options.certs ?? testCerts();
  const tempRoot = mkdtempSync(join(tmpdir(), 'onlooker-chromium-'));
  const home = join(tempRoot, 'home');
  // A copy, so that a rebuild during the session (wxt empties .output first) cannot pull files
  // from under the running extension.
  const extensionDir = built === undefined ? undefined : join(tempRoot, 'extension');
  let context: BrowserContext | undefined;
  try {
    if (built && extensionDir) cpSync(built, extensionDir, { recursive: true });
    makeTrustingHome(home, certs);
    context = await chromium.launchPersistentContext(join(tempRoot, 'profile'), {
      executablePath: options.executablePath ?? chromiumExecutable(),
      headless: !options.headed,
      env: { ...process.env, ...options.env, HOME: home },
      args: [
        ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
        '--host-resolver-rules=MAP * 127.0.0.1',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
        ...(options.extraArgs ?? []),
      ],
    });
  } catch (err) {
    await context?.close().catch(() => undefined);
    rmSync(tempRoot, { recursive: true, force: true });
    throw err;
  }
  const opened = context;
  return {
    context: opened,
    extensionDir,
    tempRoot,
    close: async () => {
      await opened.close().catch(() => undefined);
      rmSync(tempRoot, { recursive: true, force: true });
    },
  };
}

export class ChromiumSession {
  /** How many times the extension's worker has started running (1 after launch). */
  workerStarts = 0;
  private version: WorkerVersion | undefined;
  private readonly watchers = new Set<() => void>();
  private closed = false;

  private constructor(
    readonly context: BrowserContext,
    /** Every request the browser's pages and the extension's worker made since launch, oldest first. */
    readonly requests: SeenRequest[],
    private worker: Worker,
    readonly extensionId: string,
    /** The copy of the extension this browser runs. */
    readonly extensionDir: string,
    private readonly cdp: CDPSession,
    private readonly tempRoot: string,
  ) {}

  /** Launches Chromium with the extension and waits until its service worker is really running. */
  static async launch(options: ChromiumOptions = {}): Promise<ChromiumSession> {
    const launched = await launchChromium(options);
    const { context, tempRoot } = launched;
    const extensionDir = launched.extensionDir!;
    try {
      const requests: SeenRequest[] = [];
      context.on('request', (r) => requests.push(describeRequest(r)));
      const isOurs = (w: Worker) => w.url().startsWith('chrome-extension://');
      const worker =
        context.serviceWorkers().find(isOurs) ?? (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 30_000 }));
      const extensionId = new URL(worker.url()).host;
      // A page of our own for the CDP session; tests open and close their own pages.
      const control = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(control);
      const session = new ChromiumSession(context, requests, worker, extensionId, extensionDir, cdp, tempRoot);
      session.watch();
      await cdp.send('ServiceWorker.enable');
      await session.waitForWorkerRunning();
      return session;
    } catch (err) {
      await launched.close();
      throw err;
    }
  }

  private watch(): void {
    const prefix = `chrome-extension://${this.extensionId}/`;
    this.cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: WorkerVersion[] }) => {
      for (const v of e.versions) {
        if (!v.scriptURL.startsWith(prefix)) continue;
        if (v.runningStatus === 'running' && this.version?.runningStatus !== 'running') this.workerStarts++;
        this.version = v;
      }
      for (const w of this.watchers) w();
    });
  }

  /** Resolves when `test` holds for the worker's state (checked now and on every CDP update). */
  private until(test: (v: WorkerVersion | undefined) => boolean, ms: number, what: string): Promise<void> {
    if (test(this.version)) return Promise.resolve();
    let check: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      check = () => {
        if (test(this.version)) resolve();
      };
      this.watchers.add(check);
    });
    return within(done, ms, what).finally(() => this.watchers.delete(check));
  }

  /** The worker's state as CDP last reported it. */
  get workerStatus(): { status?: string; runningStatus?: string } {
    return { status: this.version?.status, runningStatus: this.version?.runningStatus };
  }

  /**
   * Waits until the worker is activated and running and its listeners are live. Playwright reports the
   * worker before its first turn has run, so this also does one storage round trip inside it.
   */
  async waitForWorkerRunning(ms = 15_000): Promise<void> {
    await this.until((v) => v?.status === 'activated' && v.runningStatus === 'running', ms, 'extension service worker running');
    this.worker = this.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${this.extensionId}/`)) ?? this.worker;
    await within(this.worker.evaluate(() => chrome.storage.session.get(null).then(() => true)), ms, 'storage round trip in the worker');
  }

  /** Stops the extension's service worker (as Chrome does after 30 s idle) and waits until it is stopped. */
  async stopWorker(): Promise<void> {
    if (!this.version) throw new Error('no service worker version known');
    await this.cdp.send('ServiceWorker.stopWorker', { versionId: this.version.versionId });
    await this.until((v) => v?.runningStatus === 'stopped', 10_000, 'service worker stopped');
  }

  /** Waits until the worker has started more than `starts` times, i.e. something woke it since then. */
  async waitForWorkerRestart(starts: number, ms = 15_000): Promise<void> {
    await this.until(() => this.workerStarts > starts, ms, 'service worker restart');
    await this.waitForWorkerRunning(ms);
  }

  /**
   * Runs `fn` in the extension's worker. A stopped worker is started first (through CDP), because an
   * evaluation in a stopped worker never returns.
   */
  async inWorker<R, A>(fn: (arg: A) => R | Promise<R>, arg: A, ms = 10_000): Promise<R> {
    if (this.version?.runningStatus !== 'running') {
      if (this.version?.runningStatus === 'stopping') await this.until((v) => v?.runningStatus !== 'stopping', ms, 'service worker stopping');
      if (this.version?.runningStatus === 'stopped') {
        await this.cdp.send('ServiceWorker.startWorker', { scopeURL: `chrome-extension://${this.extensionId}/` });
      }
      await this.waitForWorkerRunning(ms);
    }
    // Arguments are plain JSON values here, so Playwright's unboxing changes nothing.
    return within(this.worker.evaluate(fn as never, arg) as Promise<R>, ms, 'evaluation in the service worker');
  }

  /** The id of the one tab that shows exactly `url` (waits briefly for the tab to report it). */
  async tabIdOf(url: string, ms = 5_000): Promise<number> {
    const deadline = Date.now() + ms;
    for (;;) {
      const ids = await this.inWorker(
        (u: string) => chrome.tabs.query({}).then((tabs) => tabs.filter((t) => t.url === u).map((t) => t.id ?? -1)),
        url,
      );
      if (ids.length === 1) return ids[0]!;
      if (ids.length > 1) throw new Error(`${ids.length} tabs show ${url}; give each visit a distinct URL`);
      if (Date.now() > deadline) throw new Error(`no tab shows ${url}`);
      await sleep(100);
    }
  }

  async badge(tabId: number): Promise<BadgeState> {
    const b = await this.inWorker(
      (id: number) =>
        Promise.all([
          chrome.action.getBadgeText({ tabId: id }),
          chrome.action.getBadgeBackgroundColor({ tabId: id }),
          chrome.action.getTitle({ tabId: id }),
        ]),
      tabId,
    );
    return { text: b[0], color: toHex(b[1]), title: b[2] };
  }

  /** The page view the extension persisted for a tab in storage.session. */
  async storedView(tabId: number): Promise<PageView | undefined> {
    const key = `tab:${tabId}`;
    const got = await this.inWorker((k: string) => chrome.storage.session.get(k), key);
    return got[key] as PageView | undefined;
  }

  /**
   * Opens `url` in a new tab (or in `page`), waits for the load and for the extension to settle.
   * A failed navigation (a certificate interstitial) is not an error: it is reported in `error`.
   */
  async visit(url: string, page?: Page): Promise<Visit> {
    const p = page ?? (await this.context.newPage());
    let error: string | undefined;
    try {
      await p.goto(url, { waitUntil: 'load', timeout: 30_000 });
    } catch (err) {
      error = /net::ERR_[A-Z_]+/.exec(String(err))?.[0] ?? String(err);
    }
    // After a failed navigation Playwright may still report the previous document (about:blank) or
    // chrome-error://; the tab itself shows the URL that failed.
    const tabUrl = error ? url : p.url();
    const tabId = await this.tabIdOf(tabUrl);
    await this.settle(tabId, p);
    return { page: p, tabId, url: tabUrl, error };
  }

  /**
   * Waits until the page's network is idle and what the extension shows for the tab (badge, title,
   * stored view) stays the same across two reads further apart than the store's write delay.
   */
  async settle(tabId: number, page?: Page, ms = 8_000): Promise<void> {
    await page?.waitForLoadState('networkidle', { timeout: ms }).catch(() => undefined);
    const deadline = Date.now() + ms;
    let last = '';
    while (Date.now() < deadline) {
      const [badge, view] = await Promise.all([this.badge(tabId), this.storedView(tabId)]);
      const now = JSON.stringify([badge, view]);
      if (now === last) return;
      last = now;
      await sleep(400);
    }
  }

  popupUrl(tabId: number): string {
    return `chrome-extension://${this.extensionId}/popup.html?tab=${tabId}`;
  }

  /** Opens the popup as a page for `tabId` and reads its `data-verdict` once it has rendered. */
  async openPopup(tabId: number, width = 380): Promise<PopupState> {
    const page = await this.context.newPage();
    await page.setViewportSize({ width, height: 600 });
    await page.goto(this.popupUrl(tabId));
    const root = await page.waitForSelector('[data-verdict][data-settled]', { timeout: 10_000 });
    const verdict = (await root.getAttribute('data-verdict')) ?? '';
    return { page, verdict, text: await page.innerText('body') };
  }

  /** Saves a full-page screenshot of the popup for `tabId`, 380 px wide (and, given `foldPath`, its first 600 px), and closes it. */
  async screenshotPopup(tabId: number, path: string, foldPath?: string): Promise<PopupState> {
    const popup = await this.openPopup(tabId);
    await popup.page.screenshot({ path, fullPage: true });
    // What Chrome shows before the popup scrolls: its first 600 px.
    if (foldPath) await popup.page.screenshot({ path: foldPath, clip: { x: 0, y: 0, width: 380, height: 600 } });
    await popup.page.close();
    return popup;
  }

  /** Requests made by the extension itself (its worker or its pages). */
  extensionRequests(): SeenRequest[] {
    return this.requests.filter((r) => r.source !== 'page');
  }

  /** Extension requests for anything but the extension's own packaged files. */
  extensionNetworkRequests(): SeenRequest[] {
    const own = `chrome-extension://${this.extensionId}/`;
    return this.extensionRequests().filter((r) => !r.url.startsWith(own));
  }

  /** Closes the browser and deletes the profile and HOME. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.context.close().catch(() => undefined);
    rmSync(this.tempRoot, { recursive: true, force: true });
  }
}
