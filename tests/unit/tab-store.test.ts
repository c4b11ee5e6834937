import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageView } from '@/utils/page-view';
import { TabStore, postureKey, tabKey, type SessionArea } from '@/utils/tab-store';
import { jsonBytes } from '@/utils/storage/budget';
import { host, hosts, view } from '../fixtures/views';
import { QuotaArea } from '../fixtures/storage';

const session = () => fakeBrowser.storage.session as unknown as SessionArea;

describe('TabStore', () => {
  it('coalesces many saves of a tab into one write', async () => {
    vi.useFakeTimers();
    try {
      const area = session();
      const set = vi.spyOn(area, 'set');
      const store = new TabStore(area, 300);
      const v = view('https://a.example/');
      for (let i = 0; i < 500; i++) store.save({ ...v, requests: i });
      expect(set).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(350);
      expect(set).toHaveBeenCalledTimes(1);
      const stored = (await area.get(tabKey(1)))[tabKey(1)] as { requests: number };
      expect(stored.requests).toBe(499);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets a write come sooner, never later: a save after a commit does not delay the commit\'s write', async () => {
    vi.useFakeTimers();
    try {
      const area = session();
      const set = vi.spyOn(area, 'set');
      set.mockClear();
      const store = new TabStore(area, 300);
      store.save(view('https://a.example/'));
      await vi.advanceTimersByTimeAsync(100);
      store.save(view('https://b.example/', { tabId: 2 }), true); // a commit: now
      store.save(view('https://a.example/', { requests: 3 })); // must not push it back to 300 ms
      await vi.advanceTimersByTimeAsync(1);
      expect(set).toHaveBeenCalledTimes(1);
      expect(Object.keys(set.mock.calls[0]![0]).sort()).toEqual([tabKey(1), tabKey(2)]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes soon after a commit and removes closed tabs', async () => {
    const area = session();
    const store = new TabStore(area, 10_000);
    store.save(view('https://a.example/'), true);
    await new Promise((r) => setTimeout(r, 5));
    expect(await store.load(1)).toMatchObject({ url: 'https://a.example/' });
    store.forget(1);
    await store.flush();
    expect((await area.get(tabKey(1)))[tabKey(1)]).toBeUndefined();
  });

  it('loads only well-formed views for the tab asked for', async () => {
    const area = session();
    await area.set({ [tabKey(2)]: { schema: 1, tabId: 3, url: 'x', hosts: {} }, [tabKey(4)]: 'garbage', [tabKey(5)]: view('https://b.example/', { tabId: 5 }) });
    const store = new TabStore(area);
    expect(await store.load(2)).toBeUndefined();
    expect(await store.load(4)).toBeUndefined();
    expect(await store.load(5)).toMatchObject({ url: 'https://b.example/' });
  });

  it('degrades to memory when storage fails, trying a minimal record before giving up', async () => {
    const written: Record<string, unknown>[] = [];
    const area: SessionArea = {
      get: () => Promise.reject(new Error('unavailable')),
      remove: () => Promise.resolve(),
      set: (items) => {
        const size = JSON.stringify(items).length;
        if (size > 5_000) return Promise.reject(new Error('QUOTA_BYTES quota exceeded'));
        written.push(items);
        return Promise.resolve();
      },
    };
    const store = new TabStore(area);
    const many = hosts(...Array.from({ length: 200 }, (_, i) => host(`h${i}.example`)));
    store.save(view('https://a.example/', { hosts: many }));
    await store.flush();
    expect(store.degraded).toBe(true);
    expect(written).toHaveLength(1);
    const slim = written[0]![tabKey(1)] as PageView;
    expect(slim.url).toBe('https://a.example/');
    expect(Object.keys(slim.hosts)).toHaveLength(0);
    expect(slim.notKept).toEqual({ minimal: true, hosts: 200 });
    expect(await store.load(1)).toBeUndefined();
  });

  it('works without any storage area', async () => {
    const store = new TabStore(undefined);
    store.save(view('https://a.example/'));
    await store.flush();
    expect(store.degraded).toBe(true);
    expect(await store.load(1)).toBeUndefined();
  });

  it('stores what it derives from a view beside it, in the same write, and forgets both', async () => {
    const area = session();
    const set = vi.spyOn(area, 'set');
    set.mockClear();
    const store = new TabStore(area, 0, undefined, (v) => ({ verdict: v.url.startsWith('https') ? 'encrypted' : 'not-encrypted' }));
    store.save(view('http://a.example/'));
    await store.flush();
    expect(set).toHaveBeenCalledTimes(1);
    expect(Object.keys(set.mock.calls[0]![0]).sort()).toEqual([postureKey(1), tabKey(1)]);
    expect((await area.get(postureKey(1)))[postureKey(1)]).toEqual({ verdict: 'not-encrypted' });
    store.forget(1);
    await store.flush();
    expect(await area.get([tabKey(1), postureKey(1)])).toEqual({});
  });
});

describe('TabStore: closed tabs, failures and budgets', () => {
  const rec = (tabId: number, url = 'https://a.example/') => view(url, { tabId });

  it('neither loads nor saves a tab once it is closed, even before the removal is written', async () => {
    const area = new QuotaArea();
    const store = new TabStore(area, 0);
    store.save(rec(1));
    await store.flush();
    store.forget(1);
    expect(await store.load(1)).toBeUndefined();
    store.save(rec(1, 'https://late.example/'));
    await store.flush();
    expect(area.data.size).toBe(0);
    expect(await new TabStore(area).load(1)).toBeUndefined();
  });

  it('removes an invalid record when it loads one, and leaves valid and absent ones alone', async () => {
    const area = new QuotaArea();
    area.data.set(tabKey(1), JSON.stringify({ ...rec(1), hops: 'x' }));
    area.data.set(postureKey(1), JSON.stringify({ verdict: 'encrypted' }));
    area.data.set(tabKey(2), JSON.stringify(rec(2)));
    const remove = vi.spyOn(area, 'remove');
    const store = new TabStore(area);
    expect(await store.load(1)).toBeUndefined();
    expect([...area.data.keys()]).toEqual([tabKey(2)]);
    expect(await store.load(2)).toMatchObject({ tabId: 2 });
    expect(await store.load(3)).toBeUndefined();
    expect(remove).toHaveBeenCalledTimes(1);
    expect(store.degraded).toBe(false);
  });

  it('says it is degraded when storage cannot be read', async () => {
    const area = new QuotaArea();
    area.get = () => Promise.reject(new Error('closed'));
    const store = new TabStore(area);
    expect(await store.load(1)).toBeUndefined();
    expect(store.degraded).toBe(true);
  });

  it('retries a failed removal a bounded number of times, further apart each time', async () => {
    vi.useFakeTimers();
    try {
      const area = new QuotaArea();
      const store = new TabStore(area, 100);
      store.save(rec(1));
      await store.flush();
      area.failRemove = 1000;
      const remove = vi.spyOn(area, 'remove');
      store.forget(1);
      await vi.advanceTimersByTimeAsync(100);
      expect(remove).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(199);
      expect(remove).toHaveBeenCalledTimes(1); // the second try waits twice as long
      await vi.advanceTimersByTimeAsync(1);
      expect(remove).toHaveBeenCalledTimes(2);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(remove).toHaveBeenCalledTimes(5);
      expect(store.degraded).toBe(true);
      area.failRemove = 0;
      store.forget(1); // a later close of the same tab tries again
      await vi.advanceTimersByTimeAsync(100);
      expect(area.data.size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('knows how many bytes its records take, through rewrites and removals', async () => {
    const area = new QuotaArea();
    const store = new TabStore(area, 0, undefined, () => ({ verdict: 'encrypted' }));
    store.save(rec(1));
    store.save(rec(2));
    await store.flush();
    expect(store.writes).toBe(1);
    expect(store.storedBytes).toBe(area.bytes);
    store.save(view('https://a.example/', { tabId: 1, hosts: hosts(host('b.example'), host('c.example')) }));
    await store.flush();
    expect(store.writes).toBe(2);
    expect(store.storedBytes).toBe(area.bytes);
    store.forget(2);
    await store.flush();
    expect(store.storedBytes).toBe(area.bytes);
    expect(area.data.has(tabKey(2))).toBe(false);
  });

  it('removes a tab\'s old record when the others leave no room for even a minimal one', async () => {
    const area = new QuotaArea();
    const one = jsonBytes(rec(1)) + tabKey(1).length;
    const store = new TabStore(area, 0, undefined, undefined, { tab: 64 * 1024, total: one * 2 + 10 });
    store.save(rec(1));
    await store.flush();
    store.save(rec(2));
    store.save(rec(3));
    await store.flush();
    expect([...area.data.keys()].sort()).toEqual([tabKey(1), tabKey(2)]);
    // Tab 1 moves on to a page too large for what tab 2 leaves: its old record must not stay.
    store.save(view(`https://a.example/${'x'.repeat(1500)}`, { tabId: 1 }));
    await store.flush();
    expect(area.data.has(tabKey(1))).toBe(false);
    expect(store.storedBytes).toBe(area.bytes);
    expect(store.degraded).toBe(false);
  });

  it('degrades a record within the per-tab budget and says what it left out', async () => {
    const area = new QuotaArea();
    const store = new TabStore(area, 0, undefined, undefined, { tab: 2000, total: 1e6 });
    const many = hosts(...Array.from({ length: 40 }, (_, i) => host(`h${i}.example`)));
    store.save(view('https://a.example/', { tabId: 1, hosts: many }));
    await store.flush();
    const stored = JSON.parse(area.data.get(tabKey(1))!) as PageView;
    expect(area.data.get(tabKey(1))!.length).toBeLessThanOrEqual(2000);
    expect(Object.keys(stored.hosts).length + stored.notKept!.hosts!).toBe(40);
    expect(stored.notKept!.hostRequests).toBe(stored.notKept!.hosts);
  });
});
