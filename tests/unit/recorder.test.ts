import { describe, expect, it } from 'vitest';
import type { CaptureEvent } from '@/utils/capture/events';
import { LIMITS } from '@/utils/page-view';
import { Recorder } from '@/utils/recorder';
import { mainLoad, sub, tick } from '../fixtures/events';

function run(events: CaptureEvent[], rec = new Recorder()) {
  const changes = events.map((e) => rec.apply(e));
  return { rec, changes };
}

describe('Recorder: main document', () => {
  it('records the final URL, IP, status and the redirect hops of a navigation', () => {
    const { rec, changes } = run(mainLoad(1, 'r1', ['http://example.com/', 'https://example.com/', 'https://www.example.com/'], { ip: '93.184.216.34' }));
    const v = rec.view(1)!;
    expect(v.url).toBe('https://www.example.com/');
    expect(v.main.ip).toBe('93.184.216.34');
    expect(v.main.status).toBe(200);
    expect(v.hops.map((h) => h.url)).toEqual(['http://example.com/', 'https://example.com/', 'https://www.example.com/']);
    expect(v.hops[0]!.status).toBe(301);
    expect(v.observed).toBe('network');
    expect(v.hosts['www.example.com']).toMatchObject({ party: 'first', ips: ['93.184.216.34'] });
    // Nothing visible changes before the commit; the commit is reported as such.
    expect(changes.slice(0, -1).every((c) => c === null)).toBe(true);
    expect(changes.at(-1)).toMatchObject({ tabId: 1, committed: true });
  });

  it('keeps separate navigations of separate tabs apart', () => {
    const rec = new Recorder();
    const a = mainLoad(1, 'a', ['http://a.example/']);
    const b = mainLoad(2, 'b', ['https://b.example/']);
    for (let i = 0; i < a.length; i++) {
      rec.apply(a[i]!);
      rec.apply(b[i]!);
    }
    expect(rec.view(1)!.url).toBe('http://a.example/');
    expect(rec.view(2)!.url).toBe('https://b.example/');
  });

  it('makes a view from a commit it saw no request for (cache, file:, about:)', () => {
    const { rec } = run([{ kind: 'committed', tabId: 3, time: tick(), url: 'file:///home/me/a.html' }]);
    expect(rec.view(3)).toMatchObject({ url: 'file:///home/me/a.html', observed: 'commit' });
  });

  it('forgets a request that failed and records the error when the error page commits', () => {
    const { rec } = run([
      { kind: 'main-error', tabId: 4, time: tick(), requestId: 'x', url: 'https://expired.example/', error: 'net::ERR_CERT_DATE_INVALID' },
      { kind: 'committed', tabId: 4, time: tick(), url: 'https://expired.example/' },
    ]);
    expect(rec.view(4)!.main.error).toBe('net::ERR_CERT_DATE_INVALID');
    expect(rec.view(4)!.observed).toBe('network');
  });

  it('attaches security info that resolves after the commit to the right view only', () => {
    const rec = new Recorder();
    run(mainLoad(5, 'm1', ['https://a.example/']), rec);
    const sec = { source: 'firefox' as const, state: 'secure' as const, protocol: 'TLSv1.3', certificates: [] };
    expect(rec.apply({ kind: 'main-security', tabId: 5, time: tick(), requestId: 'other', url: 'https://a.example/', security: sec })).toBeNull();
    expect(rec.view(5)!.main.security).toBeUndefined();
    expect(rec.apply({ kind: 'main-security', tabId: 5, time: tick(), requestId: 'm1', url: 'https://a.example/', security: sec })).toMatchObject({ verdictMayChange: true });
    expect(rec.view(5)!.main.security?.protocol).toBe('TLSv1.3');
  });

  it('keeps security info that arrives before anything else about its request', () => {
    const rec = new Recorder();
    const sec = { source: 'chrome' as const, state: 'broken' as const, certificates: [] };
    rec.apply({ kind: 'main-security', tabId: 6, time: tick(), requestId: 'early', url: 'https://a.example/', security: sec });
    run(mainLoad(6, 'early', ['https://a.example/']), rec);
    expect(rec.view(6)!.main.security?.state).toBe('broken');
  });

  it('applies a main-frame response that arrives after its commit to the committed view (Firefox)', () => {
    const rec = new Recorder();
    const [headers, response, commit] = mainLoad(7, 'm', ['https://a.example/'], { ip: '203.0.113.5' });
    rec.apply(headers!);
    rec.apply(commit!);
    expect(rec.view(7)!.main.ip).toBeUndefined();
    expect(rec.apply(response!)).toMatchObject({ verdictMayChange: true });
    expect(rec.view(7)!.main.ip).toBe('203.0.113.5');
    expect(rec.view(7)!.hosts['a.example']!.ips).toEqual(['203.0.113.5']);
    // A response for another request of this tab is not taken for the committed page's.
    rec.apply({ kind: 'main-response', tabId: 7, time: tick(), requestId: 'other', url: 'https://a.example/', ip: '198.51.100.1' });
    expect(rec.view(7)!.main.ip).toBe('203.0.113.5');
  });

  it('bounds the redirect chain', () => {
    const chain = Array.from({ length: 100 }, (_, i) => `https://r${i}.example/`);
    const { rec } = run(mainLoad(6, 'loop', chain));
    expect(rec.view(6)!.hops.length).toBeLessThanOrEqual(LIMITS.hops);
  });
});

describe('Recorder: subresources', () => {
  it('counts hosts by party with schemes, IPs and errors', () => {
    const rec = new Recorder();
    run(mainLoad(1, 'r', ['https://shop.example.co.uk/'], { documentId: 'D1' }), rec);
    rec.apply(sub(1, 'https://img.example.co.uk/a.png', { documentId: 'D1', ip: '192.0.2.1' }));
    rec.apply(sub(1, 'https://img.example.co.uk/b.png', { documentId: 'D1', ip: '192.0.2.2' }));
    rec.apply(sub(1, 'https://cdn.tracker.example/t.js', { documentId: 'D1', ip: '203.0.113.9' }));
    rec.apply({ kind: 'subresource-error', tabId: 1, time: tick(), url: 'https://gone.example/x', error: 'net::ERR_NAME_NOT_RESOLVED', origin: { documentId: 'D1' } });
    rec.apply({ kind: 'subresource-error', tabId: 1, time: tick(), url: 'https://img.example.co.uk/c', error: 'net::ERR_ABORTED', origin: { documentId: 'D1' } });
    const v = rec.view(1)!;
    expect(v.hosts['img.example.co.uk']).toMatchObject({ party: 'first', requests: 2, ips: ['192.0.2.1', '192.0.2.2'], schemes: { https: 2 }, errors: 0 });
    expect(v.hosts['cdn.tracker.example']).toMatchObject({ party: 'third', site: 'tracker.example' });
    expect(v.hosts['gone.example']).toMatchObject({ errors: 1, lastError: 'net::ERR_NAME_NOT_RESOLVED', requests: 0, schemes: {} });
  });

  it('reports the first plain-http request to a host as able to change the verdict', () => {
    const rec = new Recorder();
    run(mainLoad(1, 'r', ['https://a.example/'], { documentId: 'D' }), rec);
    expect(rec.apply(sub(1, 'https://b.example/x', { documentId: 'D' }))).toMatchObject({ verdictMayChange: false });
    expect(rec.apply(sub(1, 'http://b.example/y', { documentId: 'D' }))).toMatchObject({ verdictMayChange: true });
    expect(rec.apply(sub(1, 'http://b.example/z', { documentId: 'D' }))).toMatchObject({ verdictMayChange: false });
  });

  it('does not let late requests of the previous document leak into the new page (Chrome document ids)', () => {
    const rec = new Recorder();
    run(mainLoad(1, 'r1', ['https://old.example/'], { documentId: 'OLD' }), rec);
    run(mainLoad(1, 'r2', ['https://new.example/'], { documentId: 'NEW' }), rec);
    rec.apply(sub(1, 'https://late-tracker.example/p.gif', { documentId: 'OLD' }));
    rec.apply(sub(1, 'https://fresh.example/a.js', { documentId: 'NEW' }));
    const v = rec.view(1)!;
    expect(Object.keys(v.hosts).sort()).toEqual(['fresh.example', 'new.example']);
  });

  it('follows frames inside the page through their parent document', () => {
    const rec = new Recorder();
    run(mainLoad(1, 'r', ['https://a.example/'], { documentId: 'TOP' }), rec);
    rec.apply(sub(1, 'https://frame.example/embed', { documentId: 'FRAME', parentDocumentId: 'TOP' }));
    rec.apply(sub(1, 'https://inside-frame.example/x.js', { documentId: 'FRAME' }));
    expect(rec.view(1)!.hosts['inside-frame.example']).toBeDefined();
    expect(rec.view(1)!.documentIds).toEqual(['TOP', 'FRAME']);
  });

  it('holds requests that overtake their commit and replays them once the document is known', () => {
    const rec = new Recorder();
    const load = mainLoad(1, 'r', ['https://a.example/'], { documentId: 'DOC' });
    const commit = load.pop()!;
    load.forEach((e) => rec.apply(e));
    rec.apply(sub(1, 'https://early.example/x', { documentId: 'DOC' }));
    rec.apply(commit);
    expect(rec.view(1)!.hosts['early.example']).toBeDefined();
  });

  it('uses the top-level URL on Firefox to drop requests of another page', () => {
    const rec = new Recorder();
    run(mainLoad(1, 'r', ['https://a.example/page']), rec);
    rec.apply(sub(1, 'https://x.example/1', { topUrl: 'https://a.example/other-path' }));
    rec.apply(sub(1, 'https://y.example/2', { topUrl: 'https://previous.example/' }));
    expect(Object.keys(rec.view(1)!.hosts).sort()).toEqual(['a.example', 'x.example']);
  });

  it('bounds hosts per tab and counts what it drops', () => {
    const rec = new Recorder();
    run(mainLoad(1, 'r', ['https://a.example/'], { documentId: 'D' }), rec);
    for (let i = 0; i < 1000; i++) rec.apply(sub(1, `https://h${i}.example/x`, { documentId: 'D' }));
    const v = rec.view(1)!;
    expect(Object.keys(v.hosts).length).toBe(LIMITS.hosts);
    expect(v.omittedRequests).toBe(1000 - (LIMITS.hosts - 1));
    expect(v.requests).toBe(1001); // the main document and the 1000 subresources
  });

  it('ignores requests outside tabs, for unknown tabs, and after the tab closed', () => {
    const rec = new Recorder();
    expect(rec.apply(sub(-1, 'https://a.example/'))).toBeNull();
    expect(rec.apply(sub(77, 'https://a.example/'))).toBeNull(); // no page view for 77: nothing to count on
    expect(rec.view(77)).toBeUndefined();
    run(mainLoad(2, 'r', ['https://a.example/']), rec);
    expect(rec.apply({ kind: 'tab-closed', tabId: 2, time: tick() })).toMatchObject({ closed: true });
    expect(rec.apply(sub(2, 'https://late.example/'))).toBeNull();
    expect(rec.view(2)).toBeUndefined();
  });

  it('survives malformed URLs and odd hosts', () => {
    const rec = new Recorder();
    run(mainLoad(1, 'r', ['https://a.example/'], { documentId: 'D' }), rec);
    for (const url of ['', 'not a url', 'https://', 'http://[::1', 'https://[2001:db8::1]:8443/x', 'https://EXAMPLE.com./', 'https://xn--bcher-kva.example/', 'data:text/plain,hi', 'https://a:b@user.example:99/']) {
      expect(() => rec.apply(sub(1, url, { documentId: 'D' }))).not.toThrow();
    }
    const hosts = Object.keys(rec.view(1)!.hosts);
    expect(hosts).toEqual(expect.arrayContaining(['2001:db8::1', 'example.com.', 'xn--bcher-kva.example', 'user.example']));
    expect(hosts).not.toContain('');
  });
});

describe('Recorder: history, prerender and tab URLs', () => {
  it('restores the previous view when the back/forward cache brings its document back', () => {
    const rec = new Recorder();
    run(mainLoad(1, 'r1', ['https://a.example/'], { documentId: 'A' }), rec);
    rec.apply(sub(1, 'https://cdn-a.example/x', { documentId: 'A' }));
    run(mainLoad(1, 'r2', ['http://b.example/'], { documentId: 'B' }), rec);
    rec.apply({ kind: 'committed', tabId: 1, time: tick(), url: 'https://a.example/', documentId: 'A', fromHistory: true });
    expect(rec.view(1)!.hosts['cdn-a.example']).toBeDefined();
  });

  it('records a prerendered page without showing it, and shows it when the tab activates it', () => {
    const rec = new Recorder();
    run(mainLoad(1, 'r1', ['https://a.example/'], { documentId: 'A' }), rec);
    const pre = mainLoad(1, 'p', ['http://next.example/'], { documentId: 'P' });
    for (const e of pre) (e as { prerender?: boolean }).prerender = true;
    const changes = pre.map((e) => rec.apply(e));
    expect(changes.every((c) => c === null)).toBe(true);
    expect(rec.view(1)!.url).toBe('https://a.example/');
    expect(rec.apply({ kind: 'tab-url', tabId: 1, time: tick(), url: 'http://next.example/' })).toMatchObject({ committed: true });
    expect(rec.view(1)!.url).toBe('http://next.example/');
  });

  it('creates a tab-only view for tabs that loaded before the extension, and follows pushState', () => {
    const rec = new Recorder();
    rec.apply({ kind: 'tab-url', tabId: 9, time: tick(), url: 'https://spa.example/' });
    expect(rec.view(9)).toMatchObject({ observed: 'tab', url: 'https://spa.example/' });
    run(mainLoad(8, 'r', ['https://spa.example/'], { documentId: 'S' }), rec);
    rec.apply({ kind: 'tab-url', tabId: 8, time: tick(), url: 'https://spa.example/inbox' });
    expect(rec.view(8)!.url).toBe('https://spa.example/inbox');
    expect(rec.view(8)!.observed).toBe('network');
  });

  it('restores a persisted view but never over a newer one', () => {
    const rec = new Recorder();
    run(mainLoad(1, 'r', ['https://new.example/']), rec);
    const old = { ...rec.view(1)!, url: 'https://old.example/' };
    rec.restore(old);
    expect(rec.view(1)!.url).toBe('https://new.example/');
    const other = new Recorder();
    other.restore(old);
    expect(other.view(1)!.url).toBe('https://old.example/');
  });
});

describe('Recorder: navigations that end in an error page', () => {
  it('shows a certificate interstitial as the tab\'s page, replacing the previous one (Chrome sends no commit)', () => {
    const rec = new Recorder();
    run(mainLoad(1, 'r1', ['https://good.example/'], { documentId: 'G' }), rec);
    rec.apply({ kind: 'main-error', tabId: 1, time: tick(), requestId: 'r2', url: 'https://bad.example/', error: 'net::ERR_CERT_AUTHORITY_INVALID' });
    rec.apply({ kind: 'tab-url', tabId: 1, time: tick(), url: 'https://bad.example/' });
    const change = rec.apply({ kind: 'navigation-failed', tabId: 1, time: tick(), url: 'https://bad.example/', error: 'net::ERR_CERT_AUTHORITY_INVALID', documentId: 'E' });
    expect(change).toMatchObject({ committed: true });
    expect(rec.view(1)).toMatchObject({ url: 'https://bad.example/', main: { error: 'net::ERR_CERT_AUTHORITY_INVALID' }, observed: 'network' });
    expect(rec.view(1)!.hosts['good.example']).toBeUndefined();
  });

  it('keeps the current page when a navigation is merely cancelled', () => {
    const rec = new Recorder();
    run(mainLoad(1, 'r1', ['https://good.example/'], { documentId: 'G' }), rec);
    rec.apply({ kind: 'main-redirect', tabId: 1, time: tick(), requestId: 'r2', url: 'https://slow.example/', redirectUrl: 'https://slow.example/x' });
    expect(rec.apply({ kind: 'navigation-failed', tabId: 1, time: tick(), url: 'https://slow.example/x', error: 'net::ERR_ABORTED' })).toBeNull();
    expect(rec.view(1)!.url).toBe('https://good.example/');
  });

  it('records a failure it saw no request for (a fresh tab) with the error', () => {
    const rec = new Recorder();
    rec.apply({ kind: 'navigation-failed', tabId: 2, time: tick(), url: 'https://down.example/', error: 'net::ERR_CONNECTION_REFUSED' });
    expect(rec.view(2)).toMatchObject({ url: 'https://down.example/', main: { error: 'net::ERR_CONNECTION_REFUSED' } });
  });

  it('remembers that the page came right after a certificate warning for the same site (the user proceeded)', () => {
    const rec = new Recorder();
    rec.apply({ kind: 'main-error', tabId: 3, time: tick(), requestId: 'w', url: 'https://bad.example/', error: 'net::ERR_CERT_COMMON_NAME_INVALID' });
    rec.apply({ kind: 'navigation-failed', tabId: 3, time: tick(), url: 'https://bad.example/', error: 'net::ERR_CERT_COMMON_NAME_INVALID' });
    run(mainLoad(3, 'p', ['https://bad.example/'], { documentId: 'P' }), rec);
    expect(rec.view(3)!.main.proceededPastError).toBe('net::ERR_CERT_COMMON_NAME_INVALID');
    run(mainLoad(3, 'q', ['https://other.example/'], { documentId: 'Q' }), rec);
    expect(rec.view(3)!.main.proceededPastError).toBeUndefined();
  });
});

describe('Recorder: private windows', () => {
  it('marks the view of a tab in a private window, from the commit or from the tab URL, and only that one', () => {
    const rec = new Recorder();
    const load = mainLoad(1, 'r', ['https://a.example/']);
    const commit = load.pop() as Extract<CaptureEvent, { kind: 'committed' }>;
    for (const e of load) rec.apply(e);
    rec.apply({ ...commit, incognito: true });
    expect(rec.view(1)!.incognito).toBe(true);
    rec.apply({ kind: 'tab-url', tabId: 2, time: tick(), url: 'https://b.example/', incognito: true });
    expect(rec.view(2)!.incognito).toBe(true);
    for (const e of mainLoad(3, 'r', ['https://c.example/'])) rec.apply(e);
    expect(rec.view(3)!.incognito).toBeUndefined();
  });

  it('learns private tabs from tab updates and says so on their commits', async () => {
    const { listenToNavigation, privateTabs } = await import('@/utils/capture/navigation');
    const listeners: Record<string, (...a: never[]) => void> = {};
    const on = (name: string) => ({ addListener: (cb: (...a: never[]) => void) => void (listeners[name] = cb) });
    const events: CaptureEvent[] = [];
    listenToNavigation(
      { webNavigation: { onCommitted: on('committed'), onErrorOccurred: on('error') }, tabs: { onRemoved: on('removed'), onUpdated: on('updated') } } as never,
      (e) => events.push(e),
    );
    (listeners.updated as (id: number, c: object, t: object) => void)(5, { url: 'https://p.example/' }, { incognito: true });
    (listeners.committed as (d: object) => void)({ tabId: 5, frameId: 0, url: 'https://p.example/' });
    (listeners.committed as (d: object) => void)({ tabId: 6, frameId: 0, url: 'https://q.example/' });
    expect(events.map((e) => [e.kind, e.tabId, 'incognito' in e ? e.incognito : undefined])).toEqual([
      ['tab-url', 5, true],
      ['committed', 5, true],
      ['committed', 6, undefined],
    ]);
    (listeners.removed as (id: number) => void)(5);
    expect(privateTabs.has(5)).toBe(false);
  });
});
