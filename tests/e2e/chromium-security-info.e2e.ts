import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import { testCerts } from '../harness/certs';
import { ChromiumSession, type Visit } from '../harness/chromium';
import { HOSTS } from '../harness/hosts';
import { scenario } from '../harness/scenarios';
import { scenarioServersForFile } from '../harness/file-servers';
import { catalogue } from '../harness/words';

// Chromium with its experimental WebRequestSecurityInfo feature on (the extension gets the state and
// the leaf certificate's DER) and off (it gets neither, and must say so instead of guessing).

const messages = catalogue();
const SECURITY_INFO = '--enable-features=WebRequestSecurityInfo';
const commonName = (pem: string) => /CN=([^\n,]+)/.exec(new X509Certificate(pem).subject)![1]!;

const servers = scenarioServersForFile();

/** The popup's whole text, the parts inside closed disclosures included. */
async function popupText(browser: ChromiumSession, tabId: number): Promise<{ verdict: string; text: string; close(): Promise<void> }> {
  const popup = await browser.openPopup(tabId);
  const text = await popup.page.evaluate(() => document.body.textContent ?? '');
  return { verdict: popup.verdict, text, close: () => popup.page.close() };
}

async function withVisit(browser: ChromiumSession, url: string, check: (visit: Visit) => Promise<void>): Promise<void> {
  const visit = await browser.visit(url);
  try {
    await check(visit);
  } finally {
    await visit.page.close().catch(() => undefined);
  }
}

describe('security-info feature on', () => {
  let browser: ChromiumSession;
  beforeAll(async () => {
    browser = await ChromiumSession.launch({ extraArgs: [SECURITY_INFO] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the stored view has the leaf certificate parsed from its DER, and the popup shows its issuer', async () => {
    const certs = testCerts();
    const leaf = new X509Certificate(certs.leaf.cert);
    const caName = commonName(certs.ca.cert);
    const dnsNames = leaf.subjectAltName!.split(', ').filter((n) => n.startsWith('DNS:')).map((n) => n.slice(4));
    // The harness makes P-256 keys (tests/harness/certs.ts); the parser must say so.
    expect(leaf.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');

    await withVisit(browser, `${scenario('https').start(servers.ports)}?security-info`, async (visit) => {
      expect((await browser.inWorker(() => chrome.storage.session.get('capabilities'), null)).capabilities).toEqual({ browser: 'chrome', securityInfo: 'chrome-flag' });
      const view = await browser.storedView(visit.tabId);
      const sec = view?.main.security;
      expect(sec, `stored view: ${JSON.stringify(view)}`).toMatchObject({ source: 'chrome', state: 'secure' });
      // Chromium gives the site's own certificate only, and no protocol or cipher.
      expect(sec!.certificates).toHaveLength(1);
      expect(sec!.protocol).toBeUndefined();
      const cert = sec!.certificates[0]!;
      expect(cert).toMatchObject({
        subjectCommonName: 'localhost',
        issuerCommonName: caName,
        sha256: leaf.fingerprint256,
        notBefore: Date.parse(leaf.validFrom),
        notAfter: Date.parse(leaf.validTo),
        keyType: 'EC P-256',
        keyBits: 256,
      });
      expect(cert.subjectAltNames).toEqual(expect.arrayContaining(dnsNames));
      expect(dnsNames).toContain(HOSTS.www);
      expect(sec!.problems).toBeUndefined();

      // Chromium cannot say which root verified the chain: encrypted, never custom-root.
      expect(assess(view).verdict).toBe('encrypted');
      expect((await browser.badge(visit.tabId)).text).toBe('');
      const popup = await popupText(browser, visit.tabId);
      try {
        expect(popup.verdict).toBe('encrypted');
        expect(popup.text).toContain(caName);
        expect(popup.text).toContain('localhost');
      } finally {
        await popup.close();
      }
    });
  });
});

describe('security-info feature on, certificate errors ignored by the browser', () => {
  let browser: ChromiumSession;
  beforeAll(async () => {
    browser = await ChromiumSession.launch({ extraArgs: [SECURITY_INFO, '--ignore-certificate-errors'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the untrusted CA\'s site loads with state "broken": cert-error, badge CERT', async () => {
    const before = servers.log.length;
    await withVisit(browser, servers.url('https', HOSTS.untrusted, '/?ignored-errors'), async (visit) => {
      expect(visit.error).toBeUndefined();
      expect(servers.log.slice(before).some((r) => r.host === HOSTS.untrusted && r.pathname === '/')).toBe(true);
      const view = await browser.storedView(visit.tabId);
      expect(view?.main.security, `stored view: ${JSON.stringify(view)}`).toMatchObject({ source: 'chrome', state: 'broken' });
      const untrustedCa = commonName(testCerts().untrustedCa.cert);
      expect(view!.main.security!.certificates[0]).toMatchObject({ issuerCommonName: untrustedCa });
      const posture = assess(view);
      expect(posture.verdict).toBe('cert-error');
      expect(posture.findings.map((f) => f.id)).toContain('security-broken');
      expect((await browser.badge(visit.tabId)).text).toBe('CERT');
      const popup = await popupText(browser, visit.tabId);
      await popup.close();
      expect(popup.verdict).toBe('cert-error');
    });
  });
});

describe('security-info feature off (the default)', () => {
  let browser: ChromiumSession;
  beforeAll(async () => {
    browser = await ChromiumSession.launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('no certificate facts are stored, and the popup says they are not available in this browser', async () => {
    await withVisit(browser, `${scenario('https').start(servers.ports)}?no-security-info`, async (visit) => {
      expect((await browser.inWorker(() => chrome.storage.session.get('capabilities'), null)).capabilities).toEqual({ browser: 'chrome', securityInfo: 'none' });
      const view = await browser.storedView(visit.tabId);
      expect(view?.main.status).toBe(200);
      expect(view?.main.security).toBeUndefined();
      expect(assess(view).verdict).toBe('encrypted');
      const popup = await popupText(browser, visit.tabId);
      try {
        expect(popup.verdict).toBe('encrypted');
        // The words the popup uses for a certificate this browser does not show (and how to turn it on).
        for (const key of ['value_needsFlag', 'howto_flagChrome']) {
          const words = messages[key]?.message;
          if (!words) {
            console.warn(`SKIPPED popup text check: no message "${key}" in the English catalogue`);
            continue;
          }
          expect(popup.text, key).toContain(words);
        }
        expect(popup.text).not.toContain(commonName(testCerts().ca.cert));
      } finally {
        await popup.close();
      }
    });
  });
});

// Minimal typing of the extension API used inside the worker (that code runs in the browser).
declare const chrome: { storage: { session: { get(k: string): Promise<Record<string, unknown>> } } };
