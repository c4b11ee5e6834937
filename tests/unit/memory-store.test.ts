import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Observation } from '@/utils/memory/classify';
import { memoryKey, MemoryObserver } from '@/utils/memory/observer';
import { MemoryStore, rememberedCount, type LocalArea } from '@/utils/memory/store';
import type { PageView } from '@/utils/page-view';
import { ENTRY_PREFIX, SECRET_KEY, SKELETON_PREFIX } from '@/utils/storage/memory';
import { SETTINGS_KEY } from '@/utils/storage/settings';

const local = () => fakeBrowser.storage.local as unknown as LocalArea;
const https = (day: number, key = 'a'): Observation => ({ day, scheme: 'https', network: true, hstsMaxAge: 100, cert: { key: key.repeat(32), issuer: 'O=Test CA', end: 20_200 } });
const http = (day: number): Observation => ({ day, scheme: 'http', network: true });
const HOSTS = ['bank.example.com', 'mail.example.org', 'bücher.example', 'xn--bcher-kva.example', 'news.example.net'];

describe('MemoryStore', () => {
  it('never writes a hostname, its Unicode form or its skeleton to storage.local', async () => {
    const store = new MemoryStore(local());
    for (const [i, h] of HOSTS.entries()) await store.observe(h, h.startsWith('xn--') ? 'bücher.example' : h, i % 2 ? http(20_000 + i) : https(20_000 + i), 180);
    const json = JSON.stringify(await fakeBrowser.storage.local.get(null));
    for (const h of HOSTS) for (const part of [h, ...h.split('.').filter((l) => l.length > 4)]) expect(json).not.toContain(part);
    expect(json).not.toMatch(/bucher|b\\u00fccher/i);
    expect(await rememberedCount(local())).toBe(HOSTS.length);
  });

  it('tells what changed since the last visit, with the earlier day', async () => {
    const store = new MemoryStore(local());
    expect(await store.observe('bank.example.com', 'bank.example.com', https(20_000), 180)).toEqual({ findings: [] });
    expect(await store.observe('bank.example.com', 'bank.example.com', http(20_003), 180)).toEqual({ findings: [{ id: 'was-encrypted', since: 20_000 }], since: 20_000 });
  });

  it('keys are the same for the same name and differ once "Forget everything" replaced the secret; the entries are gone', async () => {
    const store = new MemoryStore(local());
    await store.observe('bank.example.com', 'bank.example.com', https(20_000), 180);
    const before = await store.keyOf('host', 'bank.example.com');
    expect(await store.keyOf('host', 'bank.example.com')).toBe(before);
    expect(await store.keyOf('skeleton', 'bank.example.com')).not.toBe(before);
    const secret = (await fakeBrowser.storage.local.get(SECRET_KEY))[SECRET_KEY];
    await store.forgetAll();
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual([]);
    expect(await store.keyOf('host', 'bank.example.com')).not.toBe(before);
    expect((await fakeBrowser.storage.local.get(SECRET_KEY))[SECRET_KEY]).not.toBe(secret);
    expect((await store.observe('bank.example.com', 'bank.example.com', http(20_001), 180)).findings).toEqual([]);
  });

  it('leaves the settings alone when it forgets', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { badge: 'off' } });
    const store = new MemoryStore(local());
    await store.observe('bank.example.com', 'bank.example.com', https(20_000), 180);
    await store.forgetAll();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ [SETTINGS_KEY]: { badge: 'off' } });
  });

  it('expires what was not seen for `days`: not read back, and deleted at the next sweep', async () => {
    const store = new MemoryStore(local());
    await store.observe('old.example.com', 'old.example.com', https(20_000), 30);
    await store.observe('new.example.com', 'new.example.com', https(20_020), 30);
    expect((await store.observe('old.example.com', 'old.example.com', http(20_031), 30)).findings).toEqual([]);
    await store.observe('other.example.com', 'other.example.com', https(20_060), 30);
    await store.sweep(20_060, 30);
    // Only old.example.com (seen again on day 20_031) and other.example.com are within 30 days of 20_060.
    const keys = Object.keys(await fakeBrowser.storage.local.get(null)).filter((k) => k.startsWith(ENTRY_PREFIX));
    expect(keys.sort()).toEqual([ENTRY_PREFIX + (await store.keyOf('host', 'old.example.com')), ENTRY_PREFIX + (await store.keyOf('host', 'other.example.com'))].sort());
  });

  it('evicts the least recently seen beyond the bound, and their look-alike index keys', async () => {
    const store = new MemoryStore(local(), crypto.subtle, { entries: 3, sweepEvery: 1 });
    for (let i = 0; i < 6; i++) await store.observe(`site${i}.example`, `site${i}.example`, https(20_000 + i), 180);
    const all = await fakeBrowser.storage.local.get(null);
    const entries = Object.keys(all).filter((k) => k.startsWith(ENTRY_PREFIX)).sort();
    const expected = await Promise.all([3, 4, 5].map(async (i) => ENTRY_PREFIX + (await store.keyOf('host', `site${i}.example`))));
    expect(entries).toEqual(expected.sort());
    expect(Object.keys(all).filter((k) => k.startsWith(SKELETON_PREFIX))).toHaveLength(3);
  });

  it('a name that looks like a different remembered one says so; the same name does not', async () => {
    const store = new MemoryStore(local());
    await store.observe('paypal.com', 'paypal.com', https(20_000), 180);
    expect((await store.observe('paypal.com', 'paypal.com', https(20_001), 180)).findings).toEqual([]);
    expect((await store.observe('paypa1.com', 'paypa1.com', https(20_002), 180)).findings).toEqual([{ id: 'looks-like-visited', since: 20_001 }]);
    expect((await store.observe('xn--pypal-4ve.com', 'pаypal.com', https(20_003), 180)).findings.map((f) => f.id)).toEqual(['looks-like-visited']);
  });

  it('damaged stored values are ignored, never thrown', async () => {
    const store = new MemoryStore(local());
    const k = await store.keyOf('host', 'bank.example.com');
    await fakeBrowser.storage.local.set({ [ENTRY_PREFIX + k]: { v: 1, first: 'x', certs: 5 }, [SECRET_KEY]: (await fakeBrowser.storage.local.get(SECRET_KEY))[SECRET_KEY], 'mem:??': 1, 'msk:zz': { a: 1 } });
    expect(await store.observe('bank.example.com', 'bank.example.com', http(20_000), 180)).toEqual({ findings: [] });
    await store.sweep(20_000, 180);
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).not.toContain('mem:??');
  });
});

const view = (over: Partial<PageView> = {}): PageView => ({
  schema: 1, tabId: 7, id: 'v1', url: 'http://shop.example.com/basket?item=9', observed: 'network', startedAt: 0, committedAt: 1,
  hops: [], main: {}, hosts: {}, omittedRequests: 0, requests: 1, ...over,
});

function observer(delayMs = 1500) {
  const store = new MemoryStore(local());
  const spy = vi.spyOn(store, 'observe');
  const session = fakeBrowser.storage.session;
  const o = new MemoryObserver(store, session, fakeBrowser.storage.local, fakeBrowser.storage.onChanged, delayMs, () => 20_000 * 86_400_000);
  return { o, spy, store };
}

describe('MemoryObserver', () => {
  it('remembers a page once, however many changes it has, and writes its note beside the view', async () => {
    const { o, spy } = observer();
    for (let i = 0; i < 5; i++) o.onChange(7, view({ requests: i }));
    await o.pending;
    expect(spy).toHaveBeenCalledTimes(1);
    expect((await fakeBrowser.storage.session.get(memoryKey(7)))[memoryKey(7)]).toEqual({ viewId: 'v1', findings: [] });
    o.onChange(7, view({ id: 'v2' }));
    await o.pending;
    expect(spy).toHaveBeenCalledTimes(2);
    o.onChange(7, undefined);
    await new Promise((r) => setTimeout(r, 0));
    expect(await fakeBrowser.storage.session.get(memoryKey(7))).toEqual({});
  });

  it('private windows leave nothing in storage.local (not even the secret), and nothing is read for them', async () => {
    const { o, spy } = observer();
    o.onChange(7, view({ incognito: true }));
    o.onChange(8, view({ tabId: 8, incognito: true, url: 'https://bank.example.com/', main: { security: { source: 'firefox', state: 'secure', certificates: [] } } }));
    await o.pending;
    expect(spy).not.toHaveBeenCalled();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('remembers nothing while memory is off', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { memory: false } });
    const { o, spy } = observer();
    o.onChange(7, view());
    await o.pending;
    expect(spy).not.toHaveBeenCalled();
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual([SETTINGS_KEY]);
  });

  it('a page left before its wait ended is still remembered, before the next one is classified', async () => {
    const { o, spy } = observer(60_000);
    o.onChange(7, view({ id: 'a', url: 'https://shop.example.com/' }));
    o.onChange(7, view({ id: 'b', url: 'http://shop.example.com/' }));
    await o.pending;
    await o.pending;
    expect(spy.mock.calls.map((c) => c[2].scheme)).toEqual(['https', 'http']);
    expect((await fakeBrowser.storage.session.get(memoryKey(7)))[memoryKey(7)]).toMatchObject({ viewId: 'b', findings: [{ id: 'was-encrypted' }] });
  });

  it('waits for an https page’s security info, or the delay when it never comes', async () => {
    vi.useFakeTimers();
    try {
      const { o, spy } = observer(1000);
      const bare = view({ url: 'https://shop.example.com/' });
      o.onChange(7, bare);
      await o.pending;
      expect(spy).not.toHaveBeenCalled();
      o.onChange(7, { ...bare, main: { security: { source: 'firefox', state: 'secure', certificates: [] } } });
      await o.pending;
      expect(spy).toHaveBeenCalledTimes(1);
      o.onChange(8, view({ tabId: 8, id: 'w', url: 'https://mail.example.org/' }));
      await vi.advanceTimersByTimeAsync(999);
      await o.pending;
      expect(spy).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1);
      await o.pending;
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
