import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SETTINGS_KEY } from '@/utils/storage/settings';
import { startWorker, type WN, type WR } from '../support/worker';

// The background follows the settings in storage.local: read at start (badges wait for them), and every
// change repaints the open tabs at once, from memory or, after a worker restart, from storage.session.

const settle = () => vi.advanceTimersByTimeAsync(0);
const badge = (tabId: number) => fakeBrowser.action.getBadgeText({ tabId });
const title = (tabId: number) => fakeBrowser.action.getTitle({ tabId });
let time = 1_700_000_000_000;

function load(wr: WR, wn: WN, tabId: number, url: string) {
  const base = { tabId, frameId: 0, type: 'main_frame', requestId: `r${tabId}-${time}`, url, timeStamp: (time += 10) };
  wr.onHeadersReceived.fire({ ...base, statusCode: 200, responseHeaders: [] });
  wr.onResponseStarted.fire({ ...base, statusCode: 200, ip: '192.0.2.44' });
  wn.onCommitted.fire({ tabId, frameId: 0, url, documentId: `d${time}`, timeStamp: (time += 10), transitionQualifiers: [] });
}

async function openTabs(): Promise<number[]> {
  const a = await fakeBrowser.tabs.create({ url: 'http://a.example/' });
  const b = await fakeBrowser.tabs.create({ url: 'http://nas.example.lan/' });
  return [a.id!, b.id!];
}

describe('settings in the background', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('paints with the stored settings from the first page on', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { badge: 'off' } });
    const [a] = await openTabs();
    const { wr, wn } = await startWorker();
    load(wr, wn, a!, 'http://a.example/');
    await settle();
    expect(await badge(a!)).toBe('');
    expect(await title(a!)).toContain('not encrypted');
  });

  it('repaints every open tab at once when the settings change, without recording anything', async () => {
    const [a, b] = await openTabs();
    const { wr, wn } = await startWorker();
    load(wr, wn, a!, 'http://a.example/');
    load(wr, wn, b!, 'http://nas.example.lan/');
    await vi.advanceTimersByTimeAsync(1000);
    expect([await badge(a!), await badge(b!)]).toEqual(['HTTP', 'HTTP']);
    // Per-site memory writes its note for each page (async: WebCrypto) before the snapshot is taken.
    await vi.waitFor(async () => expect(Object.keys(await fakeBrowser.storage.session.get(null)).filter((k) => k.startsWith('memory:'))).toHaveLength(2));
    const session = await fakeBrowser.storage.session.get(null);

    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { badge: 'all', quietHosts: ['*.example.lan'] } });
    await settle();
    expect([await badge(a!), await badge(b!)]).toEqual(['HTTP', '']);
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { badge: 'off' } });
    await settle();
    expect([await badge(a!), await badge(b!)]).toEqual(['', '']);
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: 'garbage' });
    await settle();
    expect([await badge(a!), await badge(b!)]).toEqual(['HTTP', 'HTTP']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await fakeBrowser.storage.session.get(null)).toEqual(session);
  });

  it('after a worker restart, repaints from the stored postures', async () => {
    const [a] = await openTabs();
    const first = await startWorker();
    load(first.wr, first.wn, a!, 'http://a.example/');
    await vi.advanceTimersByTimeAsync(1000);
    // The old worker is gone: its listeners with it. The fresh one knows no tab in memory.
    (fakeBrowser.storage.onChanged as unknown as { removeAllListeners(): void }).removeAllListeners();
    await startWorker();
    await settle();
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { badge: 'off' } });
    await settle();
    expect(await badge(a!)).toBe('');
  });
});
