import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { accessSync, constants, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { PageView } from '../../utils/page-view';
import { TEST_CA_NICKNAME, testCerts, type TestCerts } from './certs';
import { PROJECT_ROOT } from './chromium';
import { ALL_HOSTS } from './hosts';

// Real Firefox ESR with the e2e build of the extension, driven by puppeteer-core over WebDriver BiDi:
// a fresh profile whose NSS database trusts the test CA, every scenario hostname mapped to 127.0.0.1,
// nothing that phones home, and the extension installed as a temporary add-on.
//
// Firefox refuses to let a driver open moz-extension:// pages, so the e2e build (`npm run build:e2e`,
// `--mode e2e`) opens its own popup page in a tab at install (the "bridge"). Every read of the
// extension's state (badge, storage, tabs) is evaluated in that page, and the popup for a tab is
// opened by the extension too (tabs.create), then found among the driver's pages.

export const FIREFOX_E2E_EXTENSION_DIR = join(PROJECT_ROOT, '.output/firefox-mv3-e2e');
export const GECKO_ID = 'onlooker@onlooker.invalid';
/** Pinned moz-extension:// host, so that the tests know the extension's pages' URLs in advance. */
export const FIREFOX_EXTENSION_UUID = '0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b';
const EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}/`;

/** A certificate error the user already went past ("Accept the Risk and Continue"), for one host:port. */
export interface CertOverride {
  host: string;
  port: number;
  /** PEM of the certificate the server presents for that host. */
  cert: string;
}

export interface FirefoxOptions {
  /** Unpacked e2e build to install; default `.output/firefox-mv3-e2e`. */
  extensionDir?: string;
  /** Browser binary; default `$ONLOOKER_FIREFOX`, else `firefox-esr` on PATH. */
  executablePath?: string;
  /** Certificates whose CA the profile trusts; default the per-process test certificates. */
  certs?: TestCerts;
  /** Certificate errors recorded as overridden in the profile (`cert_override.txt`). */
  certOverrides?: CertOverride[];
  /** Further CA certificate files the profile trusts (e.g. certs.ts secondAuthority). */
  extraCas?: string[];
  headed?: boolean;
  /** More prefs for the profile, over those of `firefoxPrefs()`. */
  prefs?: Record<string, unknown>;
}

export interface FirefoxBadge {
  text: string;
  /** Background colour as `#RRGGBB`. */
  color: string;
  title: string;
}

export interface FirefoxVisit {
  page: Page;
  tabId: number;
  /** The URL the tab shows (for an error page: the URL that failed). */
  url: string;
  /** Why the navigation failed, e.g. `SEC_ERROR_UNKNOWN_ISSUER` for a certificate error page. */
  error?: string;
}

export interface FirefoxPopup {
  page: Page;
  verdict: string;
  /** Everything the popup says, the parts inside closed disclosures included (textContent). */
  text: string;
}

/**
 * Prefs of the test profile. Puppeteer already points updates, Normandy, Remote Settings and health
 * reports at an unresolvable host; these make sure nothing else reaches out on its own (there is no
 * network here anyway, but a request to a mapped test hostname would land in the servers' log).
 */
export function firefoxPrefs(): Record<string, unknown> {
  return {
    'network.dns.localDomains': ALL_HOSTS.join(','),
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
    // Trust exactly the profile's NSS database: no roots imported from the operating system.
    'security.enterprise_roots.enabled': false,
    // Plain DNS, so `usedPrivateDns:false` is the expected fact (and no DoH endpoint is contacted).
    'network.trr.mode': 5,
    // HTTPS-First would first try https on the http port of an http scenario: a TLS hello on the
    // plain server and a fallback delay, with the same verdict in the end.
    'dom.security.https_first': false,
    'dom.security.https_first_schemeless': false,
    'security.OCSP.enabled': 0,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': '',
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'browser.ping-centre.telemetry': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    'browser.newtabpage.activity-stream.feeds.telemetry': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.safebrowsing.provider.google.updateURL': '',
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'app.normandy.enabled': false,
    'app.shield.optoutstudies.enabled': false,
    'services.settings.poll_interval': 86_400,
    'dom.push.enabled': false,
    'dom.push.connection.enabled': false,
    'dom.push.serverURL': '',
    'extensions.blocklist.enabled': false,
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'geo.provider.network.url': '',
    'network.prefetch-next': false,
    'network.dns.disablePrefetch': true,
    'browser.places.speculativeConnect.enabled': false,
    'browser.urlbar.speculativeConnect.enabled': false,
  };
}

/** `name` if absolute, else its first executable match on PATH. */
function onPath(name: string): string | undefined {
  if (isAbsolute(name)) return name;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not here
    }
  }
  return undefined;
}

/** `$ONLOOKER_FIREFOX`, or `firefox-esr` looked up on PATH. */
export function firefoxExecutable(): string {
  const wanted = process.env.ONLOOKER_FIREFOX || 'firefox-esr';
  const found = onPath(wanted);
  if (!found) throw new Error(`Firefox not found: "${wanted}" is not on PATH. Install firefox-esr (scripts/setup.sh) or set ONLOOKER_FIREFOX.`);
  return found;
}

/**
 * `cert_override.txt`, where Firefox keeps the certificate errors the user accepted the risk of:
 * `host:port:<origin attributes>`, the SHA-256 OID, the certificate's SHA-256 fingerprint. Checked on
 * Firefox ESR 153: the page then loads without the warning, and getSecurityInfo reports
 * `overridableErrorCategory: "trust_error"` (with an empty certificate chain).
 */
export function certOverrideFile(overrides: readonly CertOverride[]): string {
  const lines = overrides.map((o) => `${o.host}:${o.port}:\tOID.2.16.840.1.101.3.4.2.1\t${new X509Certificate(o.cert).fingerprint256}\t`);
  return ['# PSM Certificate Override Settings file', '# This is a generated file!  Do not edit.', ...lines, ''].join('\n');
}

export function makeProfile(profile: string, certs: TestCerts, overrides: readonly CertOverride[], extraCas: readonly string[] = []): void {
  mkdirSync(profile, { recursive: true });
  execFileSync('certutil', ['-N', '-d', `sql:${profile}`, '--empty-password'], { stdio: 'pipe' });
  execFileSync('certutil', ['-A', '-d', `sql:${profile}`, '-t', 'C,,', '-n', TEST_CA_NICKNAME, '-i', certs.ca.certPath], { stdio: 'pipe' });
  extraCas.forEach((path, i) => execFileSync('certutil', ['-A', '-d', `sql:${profile}`, '-t', 'C,,', '-n', `${TEST_CA_NICKNAME}-${i + 2}`, '-i', path], { stdio: 'pipe' }));
  if (overrides.length) writeFileSync(join(profile, 'cert_override.txt'), certOverrideFile(overrides));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function poll<T>(read: () => Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = await read();
    if (got !== undefined) return got;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms: ${what}`);
    await sleep(100);
  }
}

/** The real URL of a driver page (extension pages are listed as about:blank); '' if it cannot say. */
async function hrefOf(page: Page): Promise<string> {
  return page.evaluate(() => location.href).catch(() => '');
}

// Minimal typing of the WebExtension APIs used inside the bridge page (that code runs in Firefox).
interface ExtensionApi {
  tabs: {
    query(q: object): Promise<{ id?: number; url?: string }[]>;
    create(p: { url: string; active?: boolean }): Promise<{ id?: number }>;
  };
  action: {
    getBadgeText(d: { tabId: number }): Promise<string>;
    getBadgeBackgroundColor(d: { tabId: number }): Promise<number[]>;
    getTitle(d: { tabId: number }): Promise<string>;
  };
  storage: { session: { get(k: string | null): Promise<Record<string, unknown>> } };
}
type InExtension = typeof globalThis & { browser: ExtensionApi };

function toHex(rgba: number[]): string {
  return '#' + rgba.slice(0, 3).map((n) => n.toString(16).padStart(2, '0').toUpperCase()).join('');
}

export class FirefoxSession {
  private closed = false;

  private constructor(
    readonly browser: Browser,
    /** The extension page the extension opened itself; every read of its state runs here. */
    readonly bridge: Page,
    private readonly tempRoot: string,
  ) {}

  /** Launches Firefox, installs the e2e build as a temporary add-on and waits for its bridge page. */
  static async launch(options: FirefoxOptions = {}): Promise<FirefoxSession> {
    const built = options.extensionDir ?? FIREFOX_E2E_EXTENSION_DIR;
    if (!existsSync(join(built, 'manifest.json'))) throw new Error(`No extension at ${built}: run npm run build:e2e`);
    if (!readFileSync(join(built, 'background.js'), 'utf8').includes('popup.html?bridge=1')) {
      throw new Error(`${built} is not the e2e build (no bridge page): run npm run build:e2e`);
    }
    const tempRoot = mkdtempSync(join(tmpdir(), 'onlooker-firefox-'));
    let browser: Browser | undefined;
    try {
      const profile = join(tempRoot, 'profile');
      // A copy, so that a rebuild during the session cannot pull files from under the add-on.
      const extensionDir = join(tempRoot, 'extension');
      cpSync(built, extensionDir, { recursive: true });
      makeProfile(profile, options.certs ?? testCerts(), options.certOverrides ?? [], options.extraCas);
      browser = await puppeteer.launch({
        browser: 'firefox',
        executablePath: options.executablePath ?? firefoxExecutable(),
        headless: !options.headed,
        userDataDir: profile,
        extraPrefsFirefox: { ...firefoxPrefs(), ...options.prefs },
      });
      const id = await browser.installExtension(extensionDir);
      if (id !== GECKO_ID) throw new Error(`installed add-on has id ${id}, expected ${GECKO_ID}`);
      const opened = browser;
      const bridge = await poll(async () => {
        for (const p of await opened.pages()) if ((await hrefOf(p)).startsWith(`${EXTENSION_ORIGIN}popup.html?bridge=1`)) return p;
        return undefined;
      }, 20_000, 'the extension opens its bridge page');
      const session = new FirefoxSession(browser, bridge, tempRoot);
      await session.inExtension(() => true, null);
      return session;
    } catch (err) {
      await browser?.close().catch(() => undefined);
      rmSync(tempRoot, { recursive: true, force: true });
      throw err;
    }
  }

  /** The extension's pages' origin, `moz-extension://<uuid>/`. */
  get extensionOrigin(): string {
    return EXTENSION_ORIGIN;
  }

  /** Runs `fn` in the bridge page, where `browser.*` is the extension's WebExtension API. */
  async inExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    return (await this.bridge.evaluate(fn as never, arg)) as R;
  }

  /** The id of the one tab that shows exactly `url` (waits briefly for the tab to report it). */
  async tabIdOf(url: string, ms = 5_000): Promise<number> {
    return poll(async () => {
      const ids = await this.inExtension(
        (u: string) => (globalThis as InExtension).browser.tabs.query({}).then((tabs) => tabs.filter((t) => t.url === u).map((t) => t.id ?? -1)),
        url,
      );
      if (ids.length > 1) throw new Error(`${ids.length} tabs show ${url}; give each visit a distinct URL`);
      return ids[0];
    }, ms, `a tab that shows ${url}`);
  }

  async badge(tabId: number): Promise<FirefoxBadge> {
    const [text, color, title] = await this.inExtension((id: number) => {
      const action = (globalThis as InExtension).browser.action;
      return Promise.all([action.getBadgeText({ tabId: id }), action.getBadgeBackgroundColor({ tabId: id }), action.getTitle({ tabId: id })]);
    }, tabId);
    return { text, color: toHex(color), title };
  }

  /** Everything the extension keeps in storage.session. */
  async session(): Promise<Record<string, unknown>> {
    return this.inExtension(() => (globalThis as InExtension).browser.storage.session.get(null), null);
  }

  /** The page view the extension persisted for a tab in storage.session. */
  async storedView(tabId: number): Promise<PageView | undefined> {
    const key = `tab:${tabId}`;
    const got = await this.inExtension((k: string) => (globalThis as InExtension).browser.storage.session.get(k), key);
    return got[key] as PageView | undefined;
  }

  /**
   * Opens `url` in a new tab, waits for the load and for the extension to settle. A failed navigation
   * (a certificate error page) is not an error: it is reported in `error`.
   */
  async visit(url: string): Promise<FirefoxVisit> {
    const page = await this.browser.newPage();
    let error: string | undefined;
    try {
      await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    } catch (err) {
      const text = String(err);
      // e.g. `NS_ERROR_GENERATE_FAILURE(NS_ERROR_MODULE_SECURITY, SEC_ERROR_UNKNOWN_ISSUER)`: the NSS code says why.
      error = /\b(?:SEC_ERROR|SSL_ERROR|MOZILLA_PKIX_ERROR)_[A-Z_]+/.exec(text)?.[0] ?? /\bNS_ERROR_[A-Z_]+/.exec(text)?.[0] ?? text;
    }
    const shown = error ? url : page.url();
    const tabId = await this.tabIdOf(shown);
    await this.settle(tabId, shown);
    return { page, tabId, url: shown, error };
  }

  /**
   * Waits until the extension has stored a view of `url` for the tab (on a busy machine its events can
   * lag behind the page load) and what it shows (badge, title, stored view) stays the same across two
   * reads further apart than the store's write delay.
   */
  async settle(tabId: number, url: string, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    let last = '';
    while (Date.now() < deadline) {
      const [badge, view] = await Promise.all([this.badge(tabId), this.storedView(tabId)]);
      const now = JSON.stringify([badge, view]);
      if (view?.url === url && now === last) return;
      last = now;
      await sleep(400);
    }
  }

  popupUrl(tabId: number): string {
    return `${EXTENSION_ORIGIN}popup.html?tab=${tabId}`;
  }

  /** Has the extension open its popup for `tabId` in a tab, and reads `data-verdict` once it has rendered. */
  async openPopup(tabId: number): Promise<FirefoxPopup> {
    const url = this.popupUrl(tabId);
    const before = new Set(await this.browser.pages());
    await this.inExtension((u: string) => (globalThis as InExtension).browser.tabs.create({ url: u }).then(() => true), url);
    const page = await poll(async () => {
      for (const p of await this.browser.pages()) if (!before.has(p) && (await hrefOf(p)) === url) return p;
      return undefined;
    }, 10_000, `the popup page for tab ${tabId}`);
    const root = await page.waitForSelector('[data-verdict][data-settled]', { timeout: 10_000 });
    const verdict = (await root!.evaluate((el) => el.getAttribute('data-verdict'))) ?? '';
    const text = await page.evaluate(() => document.body.textContent ?? '');
    return { page, verdict, text };
  }

  /** Closes the browser and deletes the profile. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.browser.close().catch(() => undefined);
    rmSync(this.tempRoot, { recursive: true, force: true });
  }
}
