import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageView } from '@/utils/page-view';
import { tabKey } from '@/utils/tab-store';
import { startWorker, type WN, type WR } from '../support/worker';

// The background's glue against WXT's fake browser: listeners registered in the first turn, events in,
// badge and storage.session out, and a worker restart in the middle.

const settle = () => vi.advanceTimersByTimeAsync(0);
const badge = (tabId: number) => fakeBrowser.action.getBadgeText({ tabId });
const stored = async (tabId: number) => (await fakeBrowser.storage.session.get(tabKey(tabId)))[tabKey(tabId)] as PageView | undefined;

let time = 1_700_000_000_000;
function load(wr: WR, wn: WN, tabId: number, url: string, documentId: string, requestId = `r${tabId}-${documentId}`) {
  const base = { tabId, frameId: 0, type: 'main_frame', requestId, url, timeStamp: (time += 10) };
  wr.onHeadersReceived.fire({ ...base, statusCode: 200, responseHeaders: [{ name: 'Strict-Transport-Security', value: 'max-age=63072000' }, { name: 'Set-Cookie', value: 'sid=SECRET123; Secure; HttpOnly' }] });
  wr.onResponseStarted.fire({ ...base, statusCode: 200, ip: '192.0.2.44' });
  wn.onCommitted.fire({ tabId, frameId: 0, url, documentId, timeStamp: (time += 10), transitionQualifiers: [] });
}

function subresource(wr: WR, tabId: number, url: string, documentId: string) {
  wr.onResponseStarted.fire({ tabId, frameId: 0, type: 'image', requestId: `s${time}`, url, ip: '198.51.100.3', statusCode: 200, documentId, timeStamp: (time += 1) });
}

describe('background glue', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('registers the fewest webRequest listeners, main-frame-only where it can', async () => {
    const { wr, wn } = await startWorker();
    expect(wr.onResponseStarted.listeners).toHaveLength(1);
    expect(wr.onResponseStarted.listeners[0]!.filter?.types).toBeUndefined();
    for (const l of [...wr.onBeforeRedirect.listeners, ...wr.onHeadersReceived.listeners]) expect(l.filter?.types).toEqual(['main_frame']);
    expect(wr.onBeforeRequest.listeners).toHaveLength(0);
    expect(wr.onCompleted.listeners).toHaveLength(0);
    expect(wn.onCommitted.listeners).toHaveLength(1);
  });

  it('badges each tab on commit, stores its view coalesced, and drops it when the tab closes', async () => {
    const { wr, wn } = await startWorker();
    load(wr, wn, 1, 'http://plain.example/', 'D1');
    load(wr, wn, 2, 'https://secure.example/', 'D2');
    await settle();
    expect(await badge(1)).toBe('HTTP');
    expect(await badge(2)).toBe('');
    for (let i = 0; i < 50; i++) subresource(wr, 2, `https://cdn${i % 5}.example/x${i}.png`, 'D2');
    await vi.advanceTimersByTimeAsync(1000);
    const v2 = (await stored(2))!;
    expect(Object.keys(v2.hosts).sort()).toEqual(['cdn0.example', 'cdn1.example', 'cdn2.example', 'cdn3.example', 'cdn4.example', 'secure.example']);
    expect(v2.main.headers?.['strict-transport-security']).toEqual(['max-age=63072000']);
    expect(JSON.stringify(v2)).not.toContain('SECRET123');
    fakeBrowser.tabs.onRemoved.trigger(2, { windowId: 0, isWindowClosing: false });
    await vi.advanceTimersByTimeAsync(1000);
    expect(await stored(2)).toBeUndefined();
    expect(await stored(1)).toBeDefined();
  });

  it('picks up where it was after the worker restarts, and badges the next navigation right', async () => {
    let { wr, wn } = await startWorker();
    load(wr, wn, 5, 'https://shop.example/', 'S1');
    await vi.advanceTimersByTimeAsync(1000);
    fakeBrowser.action.resetState(); // a restarted worker starts with nothing in memory; the badge is the browser's
    ({ wr, wn } = await startWorker());
    subresource(wr, 5, 'http://insecure-cdn.example/pixel.gif', 'S1');
    await vi.advanceTimersByTimeAsync(1000);
    const v = (await stored(5))!;
    expect(v.url).toBe('https://shop.example/');
    expect(v.hosts['shop.example']).toBeDefined(); // restored, not started afresh
    expect(v.hosts['insecure-cdn.example']?.schemes.http).toBe(1);
    expect(await badge(5)).toBe('MIX');
    load(wr, wn, 5, 'http://next.example/', 'S2');
    await settle();
    expect(await badge(5)).toBe('HTTP');
  });

  it('badges a certificate interstitial, which Chrome reports as a navigation error, not a commit', async () => {
    const { wr, wn } = await startWorker();
    load(wr, wn, 6, 'https://fine.example/', 'F1');
    await settle();
    const url = 'https://untrusted.example/';
    wr.onErrorOccurred.fire({ tabId: 6, frameId: 0, type: 'main_frame', requestId: 'cert', url, error: 'net::ERR_CERT_AUTHORITY_INVALID', timeStamp: (time += 10) });
    wn.onErrorOccurred.fire({ tabId: 6, frameId: 0, url, error: 'net::ERR_CERT_AUTHORITY_INVALID', documentId: 'E1', timeStamp: (time += 10) });
    await settle();
    expect(await badge(6)).toBe('CERT');
  });

  it('keeps going after a listener is handed garbage', async () => {
    const { wr, wn } = await startWorker();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(() => wr.onResponseStarted.fire(null)).not.toThrow();
    expect(() => wr.onResponseStarted.fire({ tabId: 'x', url: 42 })).not.toThrow();
    expect(() => wn.onCommitted.fire({ tabId: 9, frameId: 0, url: undefined })).not.toThrow();
    expect(() => wr.onHeadersReceived.fire({ tabId: 9, type: 'main_frame', requestId: 'q', url: 'https://a/', responseHeaders: 'nope' })).not.toThrow();
    load(wr, wn, 3, 'http://after.example/', 'A1');
    await settle();
    expect(await badge(3)).toBe('HTTP');
    warn.mockRestore();
  });
});
