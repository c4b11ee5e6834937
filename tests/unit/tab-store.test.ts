import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageView } from '@/utils/page-view';
import { TabStore, postureKey, tabKey, type SessionArea } from '@/utils/tab-store';
import { host, hosts, view } from '../fixtures/views';

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
