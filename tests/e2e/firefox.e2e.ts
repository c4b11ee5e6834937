import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import { HEADER_TABLE } from '@/utils/assess/headers';
import { removeTestCerts, testCerts } from '../harness/certs';
import { FirefoxSession, type FirefoxPopup, type FirefoxVisit } from '../harness/firefox';
import { startHeaderSite, STRICT_HEADER_RESULTS, STRICT_HEADER_SCORE, type HeaderSite } from '../harness/header-site';
import { HOSTS } from '../harness/hosts';
import { notFromScenarioPages } from '../harness/request-checks';
import { inFirefox, SCENARIOS, scenario } from '../harness/scenarios';
import { startScenarioServers, type ScenarioServers } from '../harness/servers';
import { catalogue, titleFor, titleOf } from '../harness/words';

// The e2e build of the extension in real headless Firefox ESR against the local scenario sites.
// Expected values come from the scenario list, the test certificates and the English catalogue, never
// from what the extension happens to say.

const word = (key: string) => catalogue()[key]?.message;

let servers: ScenarioServers;
/** A second pair of servers whose untrusted host:port the profile has already accepted the risk for. */
let overridden: ScenarioServers;
let headerSite: HeaderSite;
let firefox: FirefoxSession;

beforeAll(async () => {
  servers = await startScenarioServers();
  overridden = await startScenarioServers();
  headerSite = await startHeaderSite();
  firefox = await FirefoxSession.launch({
    certOverrides: [{ host: HOSTS.untrusted, port: overridden.ports.https, cert: testCerts().untrustedLeaf.cert }],
  });
});

afterAll(async () => {
  await firefox?.close();
  await Promise.all([servers?.close(), overridden?.close(), headerSite?.close()]);
  removeTestCerts();
});

async function closeAll(...pages: ({ close(): Promise<void> } | undefined)[]): Promise<void> {
  await Promise.all(pages.map((p) => p?.close().catch(() => undefined)));
}

/** Visits `url`, reads the stored view, the badge and the popup, and closes the pages afterwards. */
async function look<T>(url: string, check: (v: { visit: FirefoxVisit; popup: FirefoxPopup }) => Promise<T>): Promise<T> {
  let visit: FirefoxVisit | undefined;
  let popup: FirefoxPopup | undefined;
  try {
    visit = await firefox.visit(url);
    popup = await firefox.openPopup(visit.tabId);
    return await check({ visit, popup });
  } finally {
    await closeAll(popup?.page, visit?.page);
  }
}

describe('each scenario: badge and popup, as in Chromium', () => {
  for (const s of SCENARIOS) {
    const want = inFirefox(s);
    it(`${s.name}: ${s.description} -> ${want.verdict}`, async () => {
      await look(s.start(servers.ports), async ({ visit, popup }) => {
        expect(visit.url).toBe(s.final(servers.ports));
        if (s.interstitial) expect(visit.error).toMatch(/^(SEC_ERROR|SSL_ERROR|MOZILLA_PKIX_ERROR)_/);
        else expect(visit.error).toBeUndefined();

        const view = await firefox.storedView(visit.tabId);
        const facts = `stored view: ${JSON.stringify(view)}`;
        const badge = await firefox.badge(visit.tabId);
        expect.soft(badge.text, `badge text; ${facts}`).toBe(want.badge);
        expect.soft(badge.title, `badge title; ${facts}`).toBe(titleFor(view));
        expect.soft(popup.verdict, `popup data-verdict; ${facts}`).toBe(want.verdict);
        // Every scenario server is on loopback: the page's server IP must be known (not for a warning page).
        if (!s.interstitial) expect.soft(view?.main.ip, `server IP; ${facts}`).toBe('127.0.0.1');
        const found = assess(view).findings.map((f) => f.id);
        for (const id of s.findings ?? []) expect.soft(found, `finding ${id}; ${facts}`).toContain(id);
        for (const text of s.popupShows ?? []) expect.soft(popup.text, 'popup text').toContain(text);
      });
    });
  }
});

describe('what Firefox tells about the connection', () => {
  it('the capabilities in storage say Firefox security info', async () => {
    expect((await firefox.session()).capabilities).toEqual({ browser: 'firefox', securityInfo: 'firefox' });
  });

  it('https, CA-signed local site: TLS 1.3, the test CA as issuer and as a root added to the browser -> custom-root', async () => {
    const certs = testCerts();
    const ca = new X509Certificate(certs.ca.cert);
    const leaf = new X509Certificate(certs.leaf.cert);
    const caName = /CN=([^\n,]+)/.exec(ca.subject)![1]!;
    await look(`${scenario('https').start(servers.ports)}?tls`, async ({ visit, popup }) => {
      const view = await firefox.storedView(visit.tabId);
      const sec = view?.main.security;
      expect(sec, 'main.security').toBeDefined();
      expect(sec).toMatchObject({ source: 'firefox', state: 'secure', protocol: 'TLSv1.3', chainComplete: true, usedEch: false, usedPrivateDns: false });
      expect(sec!.overriddenError).toBeUndefined();
      expect(sec!.certificates).toHaveLength(2);
      const [first, root] = sec!.certificates;
      expect(first).toMatchObject({ issuerCommonName: caName, sha256: leaf.fingerprint256, subjectCommonName: 'localhost' });
      expect(first!.notAfter).toBe(Date.parse(leaf.validTo));
      expect(root).toMatchObject({ subjectCommonName: caName, isBuiltInRoot: false, sha256: ca.fingerprint256 });

      const posture = assess(view);
      expect(posture.verdict).toBe('custom-root');
      expect(posture.findings).toContainEqual({ id: 'custom-root', root: caName });
      expect(await firefox.badge(visit.tabId)).toMatchObject({ text: 'CA', title: titleOf('custom-root') });
      expect(popup.verdict).toBe('custom-root');
      // The popup shows the new facts: the protocol and the certificate authority.
      expect(popup.text).toContain('TLS 1.3');
      expect(popup.text).toContain(caName);
    });
  });

  it('http page: not-encrypted, no TLS facts', async () => {
    await look(`${scenario('http').start(servers.ports)}?plain`, async ({ visit, popup }) => {
      const view = await firefox.storedView(visit.tabId);
      const sec = view?.main.security;
      if (sec) expect(sec).toMatchObject({ state: 'insecure', certificates: [] });
      expect(sec?.protocol).toBeUndefined();
      expect(assess(view).verdict).toBe('not-encrypted');
      expect((await firefox.badge(visit.tabId)).text).toBe('HTTP');
      expect(popup.verdict).toBe('not-encrypted');
    });
  });

  it('a site loaded past its certificate error (override in the profile): cert-error, badge CERT', async () => {
    const url = overridden.url('https', HOSTS.untrusted, '/');
    const before = overridden.log.length;
    await look(url, async ({ visit, popup }) => {
      // The page itself loaded: Firefox went past the error page to the server.
      expect(visit.error).toBeUndefined();
      expect(overridden.log.slice(before).map((r) => `${r.scheme}://${r.host}${r.path}`)).toContain(`https://${HOSTS.untrusted}/`);

      const view = await firefox.storedView(visit.tabId);
      expect(view?.main.security).toMatchObject({ source: 'firefox', state: 'secure', overriddenError: 'trust_error' });
      const posture = assess(view);
      expect(posture.verdict).toBe('cert-error');
      expect(posture.findings).toContainEqual({ id: 'certificate-override', category: 'trust_error' });
      expect(await firefox.badge(visit.tabId), JSON.stringify(view)).toMatchObject({ text: 'CERT', title: titleOf('cert-error') });
      expect(popup.verdict).toBe('cert-error');
      const words = word('override_trust_error');
      if (words) expect(popup.text).toContain(words);
    });
  });

  it('security headers: each header test gives its result and the score adds up', async () => {
    await look(headerSite.url, async ({ visit, popup }) => {
      const view = await firefox.storedView(visit.tabId);
      const posture = assess(view);
      const results = Object.fromEntries(posture.findings.flatMap((f) => (f.id === 'header' ? [[f.test, f.result]] : [])));
      expect(results, `stored view: ${JSON.stringify(view?.main)}`).toEqual(STRICT_HEADER_RESULTS);
      expect(posture.headerScore).toEqual(STRICT_HEADER_SCORE);
      // The total is 100 plus the table's points of the results above, nothing hidden.
      const sum = Object.values(STRICT_HEADER_RESULTS).reduce((n, r) => n + HEADER_TABLE[r as keyof typeof HEADER_TABLE].points, 100);
      expect(sum).toBe(STRICT_HEADER_SCORE.total);
      expect(popup.verdict).toBe('custom-root');
    });
  });

  it('mixed: the http script and the http image of the blog give mixed-active and mixed-passive', async () => {
    await look(`${scenario('mixed').start(servers.ports)}?mixed`, async ({ visit, popup }) => {
      const view = await firefox.storedView(visit.tabId);
      const posture = assess(view);
      expect(posture.verdict).toBe('mixed');
      expect(posture.findings).toContainEqual({ id: 'mixed-active', count: 1 });
      expect(posture.findings).toContainEqual({ id: 'mixed-passive', count: 1 });
      expect((await firefox.badge(visit.tabId)).text).toBe('MIX');
      expect(popup.verdict).toBe('mixed');
      // The demo's CA is not built in: a mixed page under an added root names that root in
      // "Connection", where the protection of what you read and send is stated.
      const caName = /CN=([^\n,]+)/.exec(new X509Certificate(testCerts().ca.cert).subject)![1]!;
      const connection = await popup.page.evaluate(() => document.querySelector('#h-connection')?.parentElement?.textContent ?? '');
      expect(connection).toContain(caName);
      expect(connection).toMatch(/whoever holds/i);
      expect(connection).not.toMatch(/neither read nor change/);
    });
  });
});

describe('network', () => {
  it('the extension itself makes no network request', async () => {
    const fromLog = servers.log.length;
    for (const s of SCENARIOS) await look(`${s.start(servers.ports)}?network-check`, async () => undefined);

    // Every request names a scenario resource and came from a page element, none from the extension.
    const received = servers.log.slice(fromLog);
    expect(received.length).toBeGreaterThan(SCENARIOS.length);
    expect(notFromScenarioPages(received)).toEqual([]);

    // The check above can fail: a request from an extension page shows up in it.
    const probe = servers.url('https', HOSTS.www, '/probe-from-extension');
    const since = servers.log.length;
    expect(await firefox.inExtension((u: string) => fetch(u).then((r) => r.status), probe)).toBe(404);
    expect(notFromScenarioPages(servers.log.slice(since)).map((r) => r.path)).toEqual(['/probe-from-extension']);
  });
});
