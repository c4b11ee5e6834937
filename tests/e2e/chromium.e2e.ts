import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import { removeTestCerts } from '../harness/certs';
import { ChromiumSession, hasContentScripts, type Visit } from '../harness/chromium';
import { HOSTS } from '../harness/hosts';
import { SCENARIOS, scenario, type Scenario } from '../harness/scenarios';
import { startScenarioServers, type ScenarioServers } from '../harness/servers';
import { titleFor } from '../harness/words';
import { NEWS_FIRST_PARTY_HOSTS, resourceKey, THIRD_PARTY_HOSTS } from '../harness/sites';

// The built extension in real headless Chromium against the local scenario sites. Expected values come
// from the scenario list and the English catalogue, never from what the extension happens to say.

/** What the scenario pages load: documents, images, scripts, stylesheets (never fetch or XHR). */
const PAGE_DESTINATIONS = ['document', 'image', 'script', 'style'];

let servers: ScenarioServers;
let browser: ChromiumSession;

beforeAll(async () => {
  servers = await startScenarioServers();
  browser = await ChromiumSession.launch();
});

afterAll(async () => {
  await browser?.close();
  await servers?.close();
  removeTestCerts();
});

async function closeAll(...pages: ({ close(): Promise<void> } | undefined)[]): Promise<void> {
  await Promise.all(pages.map((p) => p?.close().catch(() => undefined)));
}

function skipReason(s: Scenario): string | undefined {
  if (s.needs === 'document-scan' && !hasContentScripts(browser.extensionDir)) {
    return `scenario "${s.name}" needs the document scan: the built manifest has no content_scripts yet`;
  }
  return undefined;
}

describe('each scenario: badge and popup', () => {
  for (const s of SCENARIOS) {
    it(`${s.name}: ${s.description}`, async (ctx) => {
      const why = skipReason(s);
      if (why) {
        console.warn(`SKIPPED ${why}`);
        ctx.skip(why);
      }
      let visit: Visit | undefined;
      let popup: { close(): Promise<void> } | undefined;
      try {
        visit = await browser.visit(s.start(servers.ports));
        // The scenario itself works as designed (else the checks below would test the wrong thing).
        expect(visit.url).toBe(s.final(servers.ports));
        if (s.interstitial) expect(visit.error).toMatch(/^net::ERR_CERT_/);
        else expect(visit.error).toBeUndefined();

        const view = await browser.storedView(visit.tabId);
        const facts = `stored view: ${JSON.stringify(view)}`;
        const badge = await browser.badge(visit.tabId);
        const shown = await browser.openPopup(visit.tabId);
        popup = shown.page;
        expect.soft(badge.text, `badge text; ${facts}`).toBe(s.badge);
        expect.soft(badge.title, `badge title; ${facts}`).toBe(titleFor(view));
        expect.soft(shown.verdict, `popup data-verdict; ${facts}`).toBe(s.verdict);
        // Every scenario server is on loopback: the page's server IP must be known (not for a warning page).
        if (!s.interstitial) expect.soft(view?.main.ip, `server IP; ${facts}`).toBe('127.0.0.1');
        const found = assess(view).findings.map((f) => f.id);
        for (const id of s.findings ?? []) expect.soft(found, `finding ${id}; ${facts}`).toContain(id);
        for (const text of s.popupShows ?? []) expect.soft(shown.text, 'popup text').toContain(text);
      } finally {
        await closeAll(popup, visit?.page);
      }
    });
  }
});

describe('stored page views', () => {
  it('third-parties: lists each third-party host as party "third" with its IP', async () => {
    const s = scenario('third-parties');
    const visit = await browser.visit(s.start(servers.ports));
    try {
      const view = await browser.storedView(visit.tabId);
      expect(view, 'a stored view').toBeDefined();
      const hosts = view!.hosts;
      for (const host of THIRD_PARTY_HOSTS) {
        expect(hosts[host], host).toMatchObject({ party: 'third', site: host.split('.').slice(-2).join('.') });
        expect(hosts[host]!.ips, host).toContain('127.0.0.1');
        expect(hosts[host]!.schemes.https, host).toBeGreaterThan(0);
      }
      for (const host of NEWS_FIRST_PARTY_HOSTS) expect(hosts[host], host).toMatchObject({ party: 'first', site: 'onlooker-demo.com' });
      expect(assess(view).findings).toContainEqual({ id: 'third-parties', count: THIRD_PARTY_HOSTS.length });
    } finally {
      await closeAll(visit.page);
    }
  });

  for (const [name, codes] of [
    ['http-to-https', [301, 200]],
    ['https-to-http', [302, 200]],
  ] as const) {
    it(`${name}: the hops show the scheme change`, async () => {
      const s = scenario(name);
      const start = s.start(servers.ports);
      const final = s.final(servers.ports);
      expect(start.split(':')[0]).not.toBe(final.split(':')[0]);
      const visit = await browser.visit(start);
      try {
        const view = await browser.storedView(visit.tabId);
        expect(view?.hops.map((h) => h.url)).toEqual([start, final]);
        expect(view?.hops.map((h) => h.status)).toEqual(codes);
        expect(view?.url).toBe(final);
      } finally {
        await closeAll(visit.page);
      }
    });
  }
});

describe('service worker stop', () => {
  it('the popup of an earlier tab still shows its report, and the badge is right after the next navigation', async () => {
    const a = scenario('third-parties');
    const b = scenario('http');
    const first = await browser.visit(a.start(servers.ports));
    let popup: { close(): Promise<void> } | undefined;
    let second: Visit | undefined;
    try {
      await browser.stopWorker();
      expect(browser.workerStatus.runningStatus).toBe('stopped');

      // A new worker keeps nothing in memory: what the popup shows now came from storage.session.
      const shown = await browser.openPopup(first.tabId);
      popup = shown.page;
      expect(shown.verdict).toBe(a.verdict);

      // Opening a tab wakes the worker (tabs events); stop it again so the navigation meets a cold one.
      await browser.stopWorker();
      const starts = browser.workerStarts;
      const url = `${b.start(servers.ports)}?after-stop`;
      second = await browser.visit(url);
      expect(browser.workerStarts).toBeGreaterThan(starts);
      const badge = await browser.badge(second.tabId);
      expect(badge.text).toBe(b.badge);
      expect(badge.title).toBe(titleFor(await browser.storedView(second.tabId)));
      expect((await browser.storedView(second.tabId))?.url).toBe(url);
      expect((await browser.badge(first.tabId)).text).toBe(a.badge);
    } finally {
      await closeAll(popup, second?.page, first.page);
    }
  });
});

describe('network', () => {
  it('the extension itself makes no network request', async () => {
    const opened: { close(): Promise<void> }[] = [];
    const fromLog = servers.log.length;
    const fromBrowser = browser.requests.length;
    // A cold start of the worker is part of what is watched (the visits below wake it).
    await browser.stopWorker();
    for (const s of SCENARIOS) {
      const visit = await browser.visit(`${s.start(servers.ports)}?network-check`);
      opened.push(visit.page, (await browser.openPopup(visit.tabId)).page);
    }
    try {
      // The watcher sees the extension's pages (the popup loads its own files)...
      expect(browser.extensionRequests().length).toBeGreaterThan(0);
      // ...and none of them, nor the worker, asked for anything outside the extension.
      expect(browser.extensionNetworkRequests()).toEqual([]);

      // Every request the servers got names a scenario resource and came from a page element.
      const received = servers.log.slice(fromLog);
      expect(received.length).toBeGreaterThan(SCENARIOS.length);
      expect(received.filter((r) => !r.known)).toEqual([]);
      // (Browsers send Sec-Fetch-Dest only to trustworthy origins: not to plain http.)
      const asElement = (r: (typeof received)[number]) => (r.fetchDest === undefined ? r.scheme === 'http' : PAGE_DESTINATIONS.includes(r.fetchDest));
      expect(received.filter((r) => !asElement(r))).toEqual([]);
      expect(received.filter((r) => r.origin?.startsWith('chrome-extension:'))).toEqual([]);

      // What the pages asked for is the scenario resources (or an http image that Chrome upgraded).
      const known = (u: URL) =>
        servers.resources.has(resourceKey(u.protocol.slice(0, -1), u.hostname, u.pathname)) ||
        (u.protocol === 'https:' && servers.resources.has(resourceKey('http', u.hostname, u.pathname)));
      const pageRequests = browser.requests.slice(fromBrowser).filter((r) => r.source === 'page');
      expect(pageRequests.filter((r) => !known(new URL(r.url)))).toEqual([]);
    } finally {
      await closeAll(...opened);
    }

    // The checks above can fail: a request from the worker shows up in both records.
    const probe = servers.url('https', HOSTS.www, '/probe-from-worker');
    await browser.inWorker((u: string) => fetch(u).then((r) => r.status), probe);
    expect(browser.extensionNetworkRequests().map((r) => [r.source, r.url])).toEqual([['worker', probe]]);
    expect(servers.unknownRequests().map((r) => r.path)).toContain('/probe-from-worker');
  });
});
