import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAB_BUDGET } from '@/utils/storage/budget';
import { validatePageView } from '@/utils/storage/view';
import { removeTestCerts } from '../harness/certs';
import { ChromiumSession } from '../harness/chromium';
import { titleOf } from '../harness/words';
import { PROTOTYPE_HOSTS, longHost } from '../fixtures/events';

// A hostile page in real Chromium: it contacts hosts named like Object.prototype members, a few
// hundred names as long as DNS allows, names longer than it allows, and sends a policy longer than the
// extension keeps and more cookies than it judges. Afterwards the badge and the popup still work,
// storage.session stays within its budget, and closing the tab leaves nothing behind.

const LONG_HOSTS = 300;

// What the code evaluated in the worker uses of the extension APIs (it runs in the browser).
declare const chrome: { storage: { session: { get(k: string | null): Promise<Record<string, unknown>> } } };

function hostilePage(port: number): string {
  const images = [
    ...PROTOTYPE_HOSTS.flatMap((h) => [`http://${h}:${port}/ok.png`, `http://${h}:1/refused.png`]),
    ...Array.from({ length: LONG_HOSTS }, (_, i) => `http://${longHost(i)}:${port}/long.png`),
    `http://${'a'.repeat(300)}:${port}/name-too-long.png`,
    `http://${'b'.repeat(64)}.test:${port}/label-too-long.png`,
  ];
  return `<!doctype html><title>hostile</title><p>hostile page</p><script>
for (const src of ${JSON.stringify(images)}) { const i = new Image(); i.src = src; document.body.append(i); }
</script>`;
}

/** Longer than the 16 KB the extension keeps of a CSP, with what decides the score after the cut. */
const CSP = `img-src *; ${Array.from({ length: 900 }, (_, i) => `style-src-attr-${i} 'none'`).join('; ')}; script-src 'unsafe-inline'`;

let server: http.Server;
let port = 0;
let browser: ChromiumSession;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url?.startsWith('/hostile')) {
      res.writeHead(200, {
        'content-type': 'text/html',
        'cache-control': 'no-store',
        'content-security-policy': CSP,
        'set-cookie': Array.from({ length: 40 }, (_, i) => `c${i}=1; HttpOnly; SameSite=Lax`),
      });
      res.end(hostilePage(port));
    } else if (req.url?.startsWith('/plain')) {
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
      res.end('<!doctype html><title>plain</title><p>plain page</p>');
    } else {
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
      res.end();
    }
  });
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  browser = await ChromiumSession.launch();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
  removeTestCerts();
});

/** Every key of storage.session with the length of its JSON, read in the worker. */
const sessionBytes = (): Promise<[string, number][]> =>
  browser.inWorker(
    () => chrome.storage.session.get(null).then((all) => Object.entries(all).map(([k, v]): [string, number] => [k, JSON.stringify(v).length])),
    undefined,
  );

describe('a hostile page', () => {
  it('cannot corrupt, bloat or outlive its tab, and the badge and popup still work', async () => {
    const tabs = [];
    for (let n = 0; n < 3; n++) {
      const visit = await browser.visit(`http://hostile.test:${port}/hostile?n=${n}`);
      tabs.push(visit);
    }
    for (const visit of tabs) {
      const view = await browser.storedView(visit.tabId);
      const facts = `stored view: ${JSON.stringify({ ...view, hosts: Object.keys(view?.hosts ?? {}).filter((h) => h.length < 40) })}`;
      expect(validatePageView(view, visit.tabId), `the stored view passes the contract; ${facts}`).toBeDefined();
      // Read in the worker: the test driver's own transfer of objects drops a `__proto__` key.
      const own = await browser.inWorker(
        (k: string) => chrome.storage.session.get(k).then((got) => Object.hasOwn((got[k] as { hosts: object }).hosts, '__proto__')),
        `tab:${visit.tabId}`,
      );
      expect(own, facts).toBe(true);
      expect(view!.hosts['constructor']?.host, facts).toBe('constructor');
      // The names DNS cannot have were refused, and the hosts beyond the bound were counted.
      expect(Object.keys(view!.hosts).every((h) => h.length <= 253), facts).toBe(true);
      expect(view!.omittedRequests, facts).toBeGreaterThanOrEqual(2);
      expect(view!.requests, facts).toBeGreaterThanOrEqual(LONG_HOSTS);

      const badge = await browser.badge(visit.tabId);
      expect(badge.text).toBe('HTTP');
      expect(badge.title).toBe(titleOf('not-encrypted'));
      const popup = await browser.openPopup(visit.tabId);
      try {
        expect(popup.verdict).toBe('not-encrypted');
        expect(popup.text).not.toMatch(/earlier page/); // the stored view is of this page
      } finally {
        await popup.page.close();
      }
      const posture = (await browser.inWorker((k: string) => chrome.storage.session.get(k), `posture:${visit.tabId}`))[`posture:${visit.tabId}`] as {
        findings: { id: string; test?: string; result?: string }[];
      };
      const csp = posture.findings.find((f) => f.id === 'header' && f.test === 'content-security-policy');
      const cookies = posture.findings.find((f) => f.id === 'header' && f.test === 'cookies');
      expect(csp?.result, 'a policy cut at its bound is not judged').toBe('csp-incomplete');
      // Cookies without Secure on an http page: a fault among those judged stands.
      expect(cookies?.result).toBe('cookies-without-secure-flag');
    }

    const sizes = await sessionBytes();
    const perTab = new Map<string, number>();
    for (const [k, n] of sizes) {
      const id = k.split(':')[1] ?? k;
      perTab.set(id, (perTab.get(id) ?? 0) + n + k.length);
    }
    const largest = Math.max(...perTab.values());
    console.log(`hostile e2e: largest per-tab stored JSON ${largest} bytes; all of storage.session ${sizes.reduce((n, [k, b]) => n + k.length + b, 0)} bytes`);
    expect(largest).toBeLessThanOrEqual(TAB_BUDGET);

    // The worker's Object.prototype is untouched.
    expect(await browser.inWorker(() => Object.getOwnPropertyNames(Object.prototype).filter((n) => ['lastError', 'errors', 'host', 'requests'].includes(n)), undefined)).toEqual([]);

    // Closing the tabs leaves no record, even with the page's requests still arriving.
    const ids = tabs.map((t) => t.tabId);
    await Promise.all(tabs.map((t) => t.page.close()));
    const deadline = Date.now() + 5_000;
    let left: string[] = [];
    do {
      await new Promise((r) => setTimeout(r, 300));
      const keys = (await sessionBytes()).map(([k]) => k);
      left = keys.filter((k) => ids.some((id) => k === `tab:${id}` || k === `posture:${id}`));
    } while (left.length && Date.now() < deadline);
    expect(left).toEqual([]);

    // And the extension goes on working for the next page.
    const next = await browser.visit(`http://plain.test:${port}/plain`);
    try {
      expect((await browser.badge(next.tabId)).text).toBe('HTTP');
      expect((await browser.storedView(next.tabId))?.url).toBe(`http://plain.test:${port}/plain`);
    } finally {
      await next.page.close();
    }
  });
});
