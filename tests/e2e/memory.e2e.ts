import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTestCerts, secondAuthority } from '../harness/certs';
import { ChromiumSession } from '../harness/chromium';
import { FirefoxSession } from '../harness/firefox';
import { HOSTS } from '../harness/hosts';
import { scenario } from '../harness/scenarios';
import { startScenarioServers, type ScenarioServers } from '../harness/servers';
import { catalogue } from '../harness/words';

// Per-site memory in a real browser: a site seen over https and then over plain http makes the popup
// say it was encrypted before (headline and memory section); storage.local then holds keyed hashes,
// never the site's name.

const word = (key: string) => catalogue()[key]!.message;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface LocalApi {
  storage: { local: { get(k: null): Promise<Record<string, unknown>> }; session: { get(k: string): Promise<Record<string, unknown>> } };
}
declare const chrome: LocalApi;

describe('Chromium: per-site memory', () => {
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

  const note = (tabId: number) => browser.inWorker((k) => chrome.storage.session.get(k).then((g) => g[k] as { viewId: string; findings: { id: string }[]; since?: number } | undefined), `memory:${tabId}`);

  it('https, then the same host over http: the popup says the site used HTTPS last time', async () => {
    const first = await browser.visit(scenario('https').start(servers.ports));
    // Chrome gives no security info without its flag: memory records the https page after its delay.
    const view = await browser.storedView(first.tabId);
    let n = await note(first.tabId);
    for (let i = 0; i < 40 && n?.viewId !== view?.id; i++) {
      await sleep(250);
      n = await note(first.tabId);
    }
    expect(n, JSON.stringify(n)).toMatchObject({ findings: [] });
    expect(n, JSON.stringify([n, await browser.storedView(first.tabId)])).not.toHaveProperty('kept');
    const second = await browser.visit(scenario('http').start(servers.ports), first.page);
    expect(new URL(second.url).hostname).toBe(new URL(first.url).hostname);
    let m = await note(second.tabId);
    for (let i = 0; i < 40 && !m?.findings.length; i++) {
      await sleep(250);
      m = await note(second.tabId);
    }
    expect(new URL(second.url).protocol).toBe('http:');
    expect(m, JSON.stringify(m)).toMatchObject({ findings: [{ id: 'was-encrypted' }] });
    const popup = await browser.openPopup(second.tabId);
    await popup.page.waitForSelector('.memory-was-encrypted', { timeout: 5_000 });
    expect(await popup.page.innerText('.why')).toBe(word('why_notEncryptedWasEncrypted'));
    expect(await popup.page.innerText('.action')).toBe(word('do_wasEncrypted'));
    expect(await popup.page.innerText('.memory')).toContain(word('heading_memory'));
    await popup.page.close();
  });

  it('storage.local holds keyed hashes: no hostname of the visited sites appears in it', async () => {
    const local = JSON.stringify(await browser.inWorker(() => chrome.storage.local.get(null), null));
    expect(local).toMatch(/"mem:[A-Za-z0-9_-]{22}"/);
    for (const h of Object.values(HOSTS)) expect(local).not.toContain(h);
    expect(local).not.toContain('onlooker-demo');
  });
});

describe('Firefox: per-site memory', () => {
  let servers: ScenarioServers;
  let browser: FirefoxSession;
  let second: Server;
  let secondPort = 0;

  beforeAll(async () => {
    servers = await startScenarioServers();
    const other = secondAuthority();
    second = createServer({ cert: other.leaf.cert, key: other.leaf.key }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>second authority</title><p>The same site under another authority.</p>');
    });
    await new Promise<void>((r) => second.listen(0, '127.0.0.1', r));
    secondPort = (second.address() as AddressInfo).port;
    browser = await FirefoxSession.launch({ extraCas: [other.ca.certPath] });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => second?.close(r));
    await servers?.close();
    removeTestCerts();
  });

  const note = async (tabId: number) => (await browser.session())[`memory:${tabId}`] as { findings: { id: string; before?: string; now?: string }[] } | undefined;
  async function noteOf(tabId: number) {
    let n = await note(tabId);
    for (let i = 0; i < 40 && !n; i++) {
      await sleep(250);
      n = await note(tabId);
    }
    return n;
  }

  it('the same host served under a second authority: "different authority", naming both', async () => {
    const first = await browser.visit(scenario('https').start(servers.ports));
    expect((await noteOf(first.tabId))?.findings).toEqual([]);
    const url = `https://${HOSTS.www}:${secondPort}/`;
    const visit = await browser.visit(url);
    expect(visit.error).toBeUndefined();
    const n = await noteOf(visit.tabId);
    expect(n?.findings).toEqual([expect.objectContaining({ id: 'cert-new-authority', before: 'Onlooker tests', now: 'Onlooker second authority' })]);
    const popup = await browser.openPopup(visit.tabId);
    await popup.page.waitForSelector('.memory-cert-new-authority', { timeout: 5_000 });
    const text = await popup.page.evaluate(() => document.querySelector('.memory')?.textContent ?? '');
    expect(text).toContain('Onlooker second authority');
    await popup.page.close();
  });

  it('a private window leaves nothing in storage.local', async (ctx) => {
    const before = JSON.stringify(await browser.inExtension(() => (globalThis as unknown as { browser: { storage: { local: { get(k: null): Promise<unknown> } } } }).browser.storage.local.get(null), null));
    // Private browsing is a window the extension may not be allowed into; when it cannot be opened here the unit tests cover it.
    const opened = await browser
      .inExtension((u: string) => (globalThis as unknown as { browser: { windows: { create(o: object): Promise<{ id?: number }> } } }).browser.windows.create({ url: u, incognito: true }).then((w) => w.id ?? -1), `http://${HOSTS.news}:${servers.ports.http}/`)
      .catch(() => -1);
    // Reported as skipped, not passed, when Firefox does not let the add-on open a private window.
    if (opened === -1) return ctx.skip();
    await sleep(3_000);
    const after = JSON.stringify(await browser.inExtension(() => (globalThis as unknown as { browser: { storage: { local: { get(k: null): Promise<unknown> } } } }).browser.storage.local.get(null), null));
    expect(after).toBe(before);
  });
});
