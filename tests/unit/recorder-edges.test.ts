import { describe, expect, it } from 'vitest';
import type { CaptureEvent } from '@/utils/capture/events';
import { LIMITS, type ConnectionSecurity, type PageView } from '@/utils/page-view';
import { Recorder, type Change } from '@/utils/recorder';
import { mainLoad, tick } from '../fixtures/events';

// The recorder one rule at a time: what each event does to the view, and exactly what change it
// reports (the background persists, re-assesses and repaints by those flags, so a wrong one is a
// stale badge or a lost write).

const SEC: ConnectionSecurity = { source: 'firefox', state: 'secure', protocol: 'TLSv1.3', certificates: [] };
const headers = (tabId: number, requestId: string, url: string, patch: Partial<Extract<CaptureEvent, { kind: 'main-headers' }>> = {}): CaptureEvent => ({ kind: 'main-headers', tabId, time: tick(), requestId, url, status: 200, ...patch });
const response = (tabId: number, requestId: string, url: string, patch: Partial<Extract<CaptureEvent, { kind: 'main-response' }>> = {}): CaptureEvent => ({ kind: 'main-response', tabId, time: tick(), requestId, url, status: 200, ip: '192.0.2.10', ...patch });
const redirect = (tabId: number, requestId: string, url: string, to: string, ip?: string): CaptureEvent => ({ kind: 'main-redirect', tabId, time: tick(), requestId, url, redirectUrl: to, status: 301, ip });
const commit = (tabId: number, url: string, patch: Partial<Extract<CaptureEvent, { kind: 'committed' }>> = {}): CaptureEvent => ({ kind: 'committed', tabId, time: tick(), url, ...patch });
const sub = (tabId: number, url: string, origin: Extract<CaptureEvent, { kind: 'subresource' }>['origin'] = {}, patch: Partial<Extract<CaptureEvent, { kind: 'subresource' }>> = {}): CaptureEvent => ({ kind: 'subresource', tabId, time: tick(), url, ip: '198.51.100.7', origin, ...patch });
const subError = (tabId: number, url: string, error: string, origin: Extract<CaptureEvent, { kind: 'subresource' }>['origin'] = {}): CaptureEvent => ({ kind: 'subresource-error', tabId, time: tick(), url, error, origin });
const failed = (tabId: number, url: string, error: string, documentId?: string): CaptureEvent => ({ kind: 'navigation-failed', tabId, time: tick(), url, error, documentId });
const tabUrl = (tabId: number, url: string, incognito?: boolean): CaptureEvent => ({ kind: 'tab-url', tabId, time: tick(), url, incognito });

/** A page loaded over the network and committed as document `doc`. */
function loaded(rec: Recorder, tabId: number, url: string, doc = `D${tabId}`, requestId = `r${tabId}`): PageView {
  for (const e of mainLoad(tabId, requestId, [url], { documentId: doc })) rec.apply(e);
  return rec.view(tabId)!;
}
const quiet = (tabId: number): Change => ({ tabId, committed: false, verdictMayChange: false });
const moves = (tabId: number): Change => ({ tabId, committed: false, verdictMayChange: true });
const committed = (tabId: number): Change => ({ tabId, committed: true, verdictMayChange: true });

describe('which events the recorder takes', () => {
  it('drops requests outside any tab and ids that are not tab ids; tab 0 is a tab', () => {
    const rec = new Recorder();
    for (const tabId of [-1, 1.5, Number.NaN]) {
      expect(rec.apply(commit(tabId, 'https://a.example/'))).toBeNull();
      expect(rec.has(tabId)).toBe(false);
    }
    expect(rec.apply(commit(0, 'https://a.example/'))).toEqual(committed(0));
    expect(rec.has(0)).toBe(true);
  });

  it('forgets a closed tab, says so, and drops its late events and restores', () => {
    const rec = new Recorder();
    loaded(rec, 3, 'https://a.example/');
    expect(rec.isClosed(3)).toBe(false);
    expect(rec.apply({ kind: 'tab-closed', tabId: 3, time: tick() })).toEqual({ tabId: 3, committed: false, verdictMayChange: false, closed: true });
    expect([rec.has(3), rec.isClosed(3), rec.view(3)]).toEqual([false, true, undefined]);
    expect(rec.apply(sub(3, 'https://b.example/', { documentId: 'D3' }))).toBeNull();
    expect(rec.apply(commit(3, 'https://c.example/'))).toBeNull();
    rec.restore({ schema: 1, tabId: 3, id: 'x', url: 'https://a.example/', observed: 'network', startedAt: 1, hops: [], main: {}, hosts: {}, omittedRequests: 0, requests: 0 });
    expect(rec.has(3)).toBe(false);
  });

  it('ignores an event kind it does not know', () => {
    expect(new Recorder().apply({ kind: 'something-else', tabId: 1, time: 1 } as unknown as CaptureEvent)).toBeNull();
  });
});

describe('restoring a stored view', () => {
  const stored = (patch: Partial<PageView> = {}): PageView => JSON.parse(JSON.stringify({ schema: 1, tabId: 4, id: 'v', url: 'https://a.example/', observed: 'network', startedAt: 1, hops: [{ url: 'https://a.example/' }], main: { status: 200 }, hosts: { 'a.example': { host: 'a.example', site: 'a.example', party: 'first', requests: 1, schemes: { https: 1 }, ips: [], errors: 0 } }, omittedRequests: 0, requests: 1, documentIds: ['D4'], ...patch }));

  it('gives the hosts a null prototype, so a later "__proto__" host is only a key', () => {
    const rec = new Recorder();
    rec.restore(stored());
    const v = rec.view(4)!;
    expect(Object.getPrototypeOf(v.hosts)).toBeNull();
    expect(v.hosts['a.example']?.requests).toBe(1);
    rec.apply(sub(4, 'http://__proto__/x', { documentId: 'D4' }));
    expect(Object.keys(v.hosts)).toEqual(['a.example', '__proto__']);
    expect(({} as Record<string, unknown>).requests).toBeUndefined();
  });

  it('keeps a null-prototype table as it is', () => {
    const rec = new Recorder();
    const v = stored();
    v.hosts = Object.assign(Object.create(null), v.hosts);
    const table = v.hosts;
    rec.restore(v);
    expect(rec.view(4)!.hosts).toBe(table);
  });

  it('gives a view without a main document an empty one', () => {
    for (const main of [undefined, 'x', 0]) {
      const rec = new Recorder();
      rec.restore({ ...stored(), main: main as never });
      expect(rec.view(4)!.main).toEqual({});
    }
    const rec = new Recorder();
    rec.restore(stored());
    expect(rec.view(4)!.main).toEqual({ status: 200 });
  });

  it('knows its documents again, and never overrides a newer view', () => {
    const rec = new Recorder();
    rec.restore(stored());
    expect(rec.apply(sub(4, 'https://cdn.example/', { documentId: 'D4' }))).toEqual(quiet(4));
    expect(rec.view(4)!.hosts['cdn.example']).toBeDefined();
    rec.restore(stored({ url: 'https://older.example/' }));
    expect(rec.view(4)!.url).toBe('https://a.example/');
    const bare = new Recorder();
    bare.restore(stored({ documentIds: undefined }));
    expect(bare.apply(sub(4, 'https://cdn.example/', { documentId: 'D4' }))).toBeNull();
  });
});

describe('the main document', () => {
  it('keeps what its response said: status and address on the document and its hop, headers, cookies, security, proxy', () => {
    const rec = new Recorder();
    const proxy = { type: 'http', host: 'p.example', port: 3128, proxyDns: false };
    rec.apply(headers(1, 'r', 'https://a.example/', { status: 203, headers: { 'x-frame-options': ['DENY'] }, cookies: [{ name: 'a' } as never], cookiesOmitted: 2, truncatedHeaders: ['content-security-policy'], security: SEC, proxy }));
    rec.apply(response(1, 'r', 'https://a.example/', { status: 203, ip: `2001:db8::${'1'.repeat(80)}`, fromCache: true }));
    rec.apply(commit(1, 'https://a.example/', { documentId: 'D' }));
    const v = rec.view(1)!;
    const ip = `2001:db8::${'1'.repeat(80)}`.slice(0, LIMITS.idChars);
    expect(v.main).toEqual({ status: 203, headers: { 'x-frame-options': ['DENY'] }, cookies: [{ name: 'a' }], cookiesOmitted: 2, truncatedHeaders: ['content-security-policy'], security: SEC, proxy, ip, fromCache: true });
    expect(v.hops).toEqual([{ url: 'https://a.example/', status: 203, ip }]);
    expect(v.hosts['a.example']?.proxied).toBe(true);
  });

  it('leaves out what the response did not say', () => {
    const rec = new Recorder();
    rec.apply(headers(1, 'r', 'https://a.example/', { status: undefined, truncatedHeaders: [] }));
    rec.apply(response(1, 'r', 'https://a.example/', { status: undefined, ip: undefined }));
    rec.apply(commit(1, 'https://a.example/'));
    const v = rec.view(1)!;
    expect(v.main).toEqual({});
    expect(v.hops).toEqual([{ url: 'https://a.example/' }]);
    expect(v.observed).toBe('commit');
    expect(v.hosts['a.example']).toBeUndefined();
  });

  it('records each redirect\'s status and address, and forgets the response before it', () => {
    const rec = new Recorder();
    rec.apply(headers(1, 'r', 'http://a.example/', { headers: { 'strict-transport-security': ['max-age=1'] } }));
    rec.apply(redirect(1, 'r', 'http://a.example/', 'https://a.example/', '192.0.2.1'));
    rec.apply(redirect(1, 'r', 'https://a.example/', 'https://www.a.example/'));
    rec.apply(response(1, 'r', 'https://www.a.example/'));
    rec.apply(commit(1, 'https://www.a.example/'));
    const v = rec.view(1)!;
    expect(v.hops).toEqual([{ url: 'http://a.example/', status: 301, ip: '192.0.2.1' }, { url: 'https://a.example/', status: 301 }, { url: 'https://www.a.example/', status: 200, ip: '192.0.2.10' }]);
    expect(v.main.headers).toBeUndefined();
  });

  it('keeps at most LIMITS.hops hops of a long redirect chain, the last the one that commits', () => {
    const rec = new Recorder();
    for (let i = 0; i < LIMITS.hops + 5; i++) rec.apply(redirect(1, 'r', `https://a.example/${i}`, `https://a.example/${i + 1}`));
    const last = `https://a.example/${LIMITS.hops + 5}`;
    rec.apply(response(1, 'r', last));
    rec.apply(commit(1, last));
    const v = rec.view(1)!;
    expect(v.hops).toHaveLength(LIMITS.hops);
    expect(v.hops.slice(0, 2).map((h) => h.url)).toEqual(['https://a.example/0', 'https://a.example/1']);
    // The first hops and the one that committed, with what its response said.
    expect(v.hops.at(-1)).toEqual({ url: last, status: 200, ip: '192.0.2.10' });
    expect(v.hops.at(-2)).toEqual({ url: `https://a.example/${LIMITS.hops - 2}`, status: 301 });
    expect([v.observed, v.main.ip]).toEqual(['network', '192.0.2.10']);
  });

  it('keeps four navigations in flight: a fifth forgets the oldest', () => {
    const rec = new Recorder();
    for (let i = 0; i < 5; i++) rec.apply(response(1, `r${i}`, `https://a.example/${i}`));
    rec.apply(commit(1, 'https://a.example/0'));
    expect(rec.view(1)!.observed).toBe('commit');
    const kept = new Recorder();
    for (let i = 0; i < 4; i++) kept.apply(response(1, `r${i}`, `https://a.example/${i}`));
    kept.apply(commit(1, 'https://a.example/0'));
    expect(kept.view(1)!.observed).toBe('network');
  });

  it('drops the navigations older than the one that committed, keeps newer ones', () => {
    const rec = new Recorder();
    rec.apply(response(1, 'old', 'https://a.example/old', { ip: '192.0.2.1' }));
    rec.apply(response(1, 'mid', 'https://a.example/mid', { ip: '192.0.2.2' }));
    rec.apply(response(1, 'new', 'https://a.example/new', { ip: '192.0.2.3' }));
    rec.apply(commit(1, 'https://a.example/mid'));
    expect(rec.view(1)!.main.ip).toBe('192.0.2.2');
    rec.apply(commit(1, 'https://a.example/old'));
    expect(rec.view(1)!.observed).toBe('commit');
    rec.apply(commit(1, 'https://a.example/new#top'));
    expect(rec.view(1)!.main.ip).toBe('192.0.2.3');
  });

  it('counts the page\'s own host once from its response, with its address', () => {
    const rec = new Recorder();
    const v = loaded(rec, 1, 'https://a.example/');
    expect(v.requests).toBe(1);
    expect(v.hosts['a.example']).toEqual({ host: 'a.example', site: 'a.example', party: 'first', requests: 1, schemes: { https: 1 }, ips: ['192.0.2.10'], errors: 0 });
    expect(v.mainRequestId).toBe('r1');
    const error = new Recorder();
    error.apply({ kind: 'main-error', tabId: 1, time: tick(), requestId: 'e', url: 'https://b.example/', error: 'net::ERR_FAILED' });
    error.apply(commit(1, 'https://b.example/'));
    expect(error.view(1)!.observed).toBe('network');
    expect(error.view(1)!.hosts['b.example']?.requests).toBe(1);
  });
});

describe('main-frame events that come after the commit (Firefox)', () => {
  it('belong to the committed view when the request and the URL match', () => {
    const rec = new Recorder();
    rec.apply(headers(1, 'r', 'https://a.example/'));
    rec.apply(commit(1, 'https://a.example/'));
    const v = rec.view(1)!;
    expect(v.observed).toBe('network');
    const c = rec.apply(response(1, 'r', 'https://a.example/#x', { ip: '192.0.2.9', status: 200 }));
    expect(c).toEqual(moves(1));
    expect(v.main.ip).toBe('192.0.2.9');
    expect(v.hops.at(-1)).toEqual({ url: 'https://a.example/', status: 200, ip: '192.0.2.9' });
    expect(v.hosts['a.example']?.ips).toEqual(['192.0.2.9']);
    rec.apply(response(1, 'r', 'https://a.example/', { ip: '192.0.2.9' }));
    expect(v.hosts['a.example']?.ips).toEqual(['192.0.2.9']);
  });

  it('add at most LIMITS.ipsPerHost addresses to the page host, and none from headers', () => {
    const rec = new Recorder();
    rec.apply(response(1, 'r', 'https://a.example/', { ip: '192.0.2.0' }));
    rec.apply(commit(1, 'https://a.example/'));
    for (let i = 1; i < LIMITS.ipsPerHost + 3; i++) rec.apply(response(1, 'r', 'https://a.example/', { ip: `192.0.2.${i}` }));
    expect(rec.view(1)!.hosts['a.example']?.ips).toHaveLength(LIMITS.ipsPerHost);
    rec.apply(headers(1, 'r', 'https://a.example/', { status: 500 }));
    expect(rec.view(1)!.main.status).toBe(500);
  });

  it('keep the first error only', () => {
    const rec = new Recorder();
    rec.apply(headers(1, 'r', 'https://a.example/'));
    rec.apply(commit(1, 'https://a.example/'));
    expect(rec.apply({ kind: 'main-error', tabId: 1, time: tick(), requestId: 'r', url: 'https://a.example/', error: 'first' })).toEqual(moves(1));
    rec.apply({ kind: 'main-error', tabId: 1, time: tick(), requestId: 'r', url: 'https://a.example/', error: 'second' });
    expect(rec.view(1)!.main.error).toBe('first');
  });

  it('are a new navigation when the request, the URL or the kind differs, or it is still pending', () => {
    const rec = new Recorder();
    loaded(rec, 1, 'https://a.example/');
    expect(rec.apply(response(1, 'other', 'https://a.example/', { ip: '192.0.2.99' }))).toBeNull();
    expect(rec.apply(response(1, 'r1', 'https://b.example/', { ip: '192.0.2.98' }))).toBeNull();
    expect(rec.apply(redirect(1, 'r1', 'https://a.example/', 'https://c.example/'))).toBeNull();
    expect(rec.view(1)!.main.ip).toBe('192.0.2.10');
    const pending = new Recorder();
    pending.apply(response(2, 'p', 'https://a.example/', { ip: '192.0.2.1' }));
    pending.apply(commit(2, 'https://a.example/other'));
    pending.apply(response(2, 'p', 'https://a.example/other', { ip: '192.0.2.2' }));
    // The old view had no request id "p"; nothing was applied to it.
    expect(pending.view(2)!.main.ip).toBeUndefined();
  });

  it('security info resolving after the commit moves the verdict; before it, it waits for the commit', () => {
    const rec = new Recorder();
    loaded(rec, 1, 'https://a.example/');
    expect(rec.apply({ kind: 'main-security', tabId: 1, time: tick(), requestId: 'r1', url: 'https://a.example/', security: SEC })).toEqual(moves(1));
    expect(rec.view(1)!.main.security).toBe(SEC);
    expect(rec.apply({ kind: 'main-security', tabId: 1, time: tick(), requestId: 'n', url: 'https://b.example/', security: SEC })).toBeNull();
    rec.apply(commit(1, 'https://b.example/'));
    expect(rec.view(1)!.main.security).toBe(SEC);
  });
});

describe('commits', () => {
  it('report a commit exactly, and replay subresources that arrived before it', () => {
    const rec = new Recorder();
    rec.apply(response(1, 'r', 'https://a.example/'));
    expect(rec.apply(sub(1, 'https://early.example/', { documentId: 'D' }))).toBeNull();
    expect(rec.apply(commit(1, 'https://a.example/', { documentId: 'D' }))).toEqual(committed(1));
    expect(rec.view(1)!.hosts['early.example']?.requests).toBe(1);
    // Replayed once: a later commit of the same tab does not bring it back.
    rec.apply(commit(1, 'https://b.example/', { documentId: 'E' }));
    expect(rec.view(1)!.hosts['early.example']).toBeUndefined();
  });

  it('keep up to 128 early subresources', () => {
    const rec = new Recorder();
    for (let i = 0; i < 130; i++) rec.apply(sub(1, `https://h${i}.example/`, { documentId: 'D' }));
    rec.apply(commit(1, 'https://a.example/', { documentId: 'D' }));
    expect(Object.keys(rec.view(1)!.hosts)).toHaveLength(128);
    expect(rec.view(1)!.hosts['h127.example']).toBeDefined();
  });

  it('wait only for subresources that name a document; others of an unknown tab are dropped', () => {
    const rec = new Recorder();
    expect(rec.apply(sub(5, 'https://x.example/', { topUrl: 'https://a.example/' }))).toBeNull();
    expect(rec.apply(sub(5, 'https://x.example/'))).toBeNull();
    expect(rec.has(5)).toBe(false);
    expect(rec.apply(sub(6, 'https://x.example/', { parentDocumentId: 'P' }))).toBeNull();
    expect(rec.has(6)).toBe(true);
  });

  it('keep the last LIMITS.documentIds document ids, each once, clipped', () => {
    const rec = new Recorder();
    rec.apply(commit(1, 'https://a.example/', { documentId: 'D'.repeat(100) }));
    expect(rec.view(1)!.documentIds).toEqual(['D'.repeat(LIMITS.idChars)]);
    rec.apply(commit(2, 'https://a.example/', { documentId: '' }));
    expect(rec.view(2)!.documentIds).toBeUndefined();
    // An error page (the same view across its commits) with as many frames as are kept, then one more commit.
    rec.apply(failed(3, 'https://b.example/', 'net::ERR_CONNECTION_RESET', 'E'));
    for (let i = 0; i < LIMITS.documentIds - 1; i++) rec.apply(sub(3, 'https://x.example/', { parentDocumentId: 'E', documentId: `f${i}` }));
    expect(rec.view(3)!.documentIds).toHaveLength(LIMITS.documentIds);
    rec.apply(commit(3, 'https://b.example/', { documentId: 'F' }));
    const ids = rec.view(3)!.documentIds!;
    expect(ids).toHaveLength(LIMITS.documentIds);
    expect([ids[0], ids.at(-1)]).toEqual(['f0', 'F']);
  });

  it('note that the page loaded past a certificate warning only on the same origin, not for a prerender', () => {
    const past = (next: string, prerender = false) => {
      const rec = new Recorder();
      rec.apply(failed(1, 'https://a.example/', 'net::ERR_CERT_AUTHORITY_INVALID'));
      rec.apply(response(1, 'r', next));
      rec.apply(commit(1, next, { prerender }));
      return rec;
    };
    expect(past('https://a.example/page').view(1)!.main.proceededPastError).toBe('net::ERR_CERT_AUTHORITY_INVALID');
    expect(past('https://b.example/').view(1)!.main.proceededPastError).toBeUndefined();
    expect(past('https://a.example/page', true).view(1)!.url).toBe('https://a.example/');
    const plain = new Recorder();
    plain.apply(failed(1, 'https://a.example/', 'net::ERR_CONNECTION_RESET'));
    plain.apply(commit(1, 'https://a.example/x'));
    expect(plain.view(1)!.main.proceededPastError).toBeUndefined();
  });

  it('keep two prerendered pages, shown only when the tab activates them', () => {
    const rec = new Recorder();
    loaded(rec, 1, 'https://a.example/');
    for (const p of ['p1', 'p2', 'p3']) expect(rec.apply(commit(1, `https://a.example/${p}`, { documentId: p, prerender: true }))).toBeNull();
    expect(rec.view(1)!.url).toBe('https://a.example/');
    expect(rec.apply(sub(1, 'http://img.example/', { documentId: 'p3' }))).toEqual(quiet(1));
    expect(rec.apply(tabUrl(1, 'https://a.example/p1'))).toEqual({ tabId: 1, committed: false, verdictMayChange: false });
    expect(rec.view(1)!.url).toBe('https://a.example/p1');
    expect(rec.apply(tabUrl(1, 'https://a.example/p3'))).toEqual(committed(1));
    expect(rec.view(1)!.hosts['img.example']).toBeDefined();
    expect(rec.apply(tabUrl(1, 'https://a.example/p2'))).toEqual(committed(1));
  });
});

describe('back/forward', () => {
  it('brings back one of the last two replaced views by document id', () => {
    const rec = new Recorder();
    const a = loaded(rec, 1, 'https://a.example/', 'A');
    loaded(rec, 1, 'https://b.example/', 'B', 'rb');
    loaded(rec, 1, 'https://c.example/', 'C', 'rc');
    loaded(rec, 1, 'https://d.example/', 'D', 'rd');
    rec.apply(commit(1, 'https://b.example/', { documentId: 'B', fromHistory: true }));
    expect(rec.view(1)!.id).not.toBe(a.id);
    expect(rec.view(1)!.main.ip).toBe('192.0.2.10');
    expect(rec.view(1)!.observed).toBe('network');
    rec.apply(commit(1, 'https://a.example/', { documentId: 'A', fromHistory: true }));
    expect(rec.view(1)!.id).not.toBe(a.id);
    expect(rec.view(1)!.observed).toBe('commit');
  });

  it('needs both the history flag and a document id', () => {
    const rec = new Recorder();
    const a = loaded(rec, 1, 'https://a.example/', 'A');
    loaded(rec, 1, 'https://b.example/', 'B', 'rb');
    rec.apply(commit(1, 'https://a.example/', { documentId: 'A' }));
    expect(rec.view(1)!.id).not.toBe(a.id);
    const again = new Recorder();
    const a2 = loaded(again, 1, 'https://a.example/', 'A');
    loaded(again, 1, 'https://b.example/', 'B', 'rb');
    again.apply(commit(1, 'https://a.example/', { fromHistory: true }));
    expect(again.view(1)!.id).not.toBe(a2.id);
    again.apply(commit(1, 'https://a.example/', { documentId: 'A', fromHistory: true }));
    expect(again.view(1)!.id).toBe(a2.id);
  });

  it('keeps no view without document ids for later, and drops requests of replaced documents', () => {
    const rec = new Recorder();
    rec.apply(commit(1, 'https://a.example/'));
    const first = rec.view(1)!;
    loaded(rec, 1, 'https://b.example/', 'B');
    loaded(rec, 1, 'https://c.example/', 'C', 'rc');
    expect(rec.apply(sub(1, 'https://late.example/', { documentId: 'B' }))).toBeNull();
    expect(rec.apply(sub(1, 'https://late.example/', { parentDocumentId: 'B' }))).toBeNull();
    expect(rec.view(1)!.hosts['late.example']).toBeUndefined();
    rec.apply(commit(1, 'https://a.example/', { fromHistory: true, documentId: first.id }));
    expect(rec.view(1)!).not.toBe(first);
  });
});

describe('failed navigations', () => {
  it('leave the page in place for a cancellation, and forget the cancelled request', () => {
    for (const error of ['net::ERR_ABORTED', 'NS_BINDING_ABORTED', 'NS_ERROR_ABORT']) {
      const rec = new Recorder();
      loaded(rec, 1, 'https://a.example/');
      rec.apply(response(1, 'x', 'https://b.example/', { ip: '192.0.2.77' }));
      expect(rec.apply(failed(1, 'https://b.example/', error)), error).toBeNull();
      expect(rec.view(1)!.url).toBe('https://a.example/');
      rec.apply(commit(1, 'https://b.example/'));
      expect(rec.view(1)!.main.ip, error).toBeUndefined();
    }
    expect(new Recorder().apply(failed(9, 'https://b.example/', 'net::ERR_ABORTED'))).toBeNull();
  });

  it('replace it with the error page otherwise, keeping the certificate error over a generic one', () => {
    const rec = new Recorder();
    loaded(rec, 1, 'https://a.example/');
    rec.apply({ kind: 'main-error', tabId: 1, time: tick(), requestId: 'x', url: 'https://b.example/', error: 'A translated sentence' });
    expect(rec.apply(failed(1, 'https://b.example/', 'SEC_ERROR_UNKNOWN_ISSUER', 'E'))).toEqual(committed(1));
    const v = rec.view(1)!;
    expect([v.url, v.main.error, v.observed, v.documentIds]).toEqual(['https://b.example/', 'SEC_ERROR_UNKNOWN_ISSUER', 'network', ['E']]);
    // Firefox commits its error page after reporting the failure: the same view.
    expect(rec.apply(commit(1, 'https://b.example/#f', { documentId: 'F' }))).toEqual(committed(1));
    expect(rec.view(1)).toBe(v);
    // A new request for that URL is a new page, not the error page.
    rec.apply(failed(1, 'https://c.example/', 'net::ERR_CONNECTION_REFUSED'));
    const errorPage = rec.view(1)!;
    rec.apply(response(1, 'again', 'https://c.example/'));
    rec.apply(commit(1, 'https://c.example/'));
    expect(rec.view(1)).not.toBe(errorPage);
    expect(rec.view(1)!.main.error).toBeUndefined();
  });

  it('keep the first error of a request unless a certificate error comes after a generic one', () => {
    const rec = new Recorder();
    rec.apply({ kind: 'main-error', tabId: 1, time: tick(), requestId: 'x', url: 'https://b.example/', error: 'net::ERR_CERT_DATE_INVALID' });
    rec.apply(failed(1, 'https://b.example/', 'net::ERR_FAILED'));
    expect(rec.view(1)!.main.error).toBe('net::ERR_CERT_DATE_INVALID');
    const none = new Recorder();
    none.apply(failed(1, 'https://b.example/', 'net::ERR_NAME_NOT_RESOLVED'));
    expect([none.view(1)!.main.error, none.view(1)!.observed]).toEqual(['net::ERR_NAME_NOT_RESOLVED', 'network']);
  });
});

describe('subresources', () => {
  it('belong to the page by document, by parent document (adopting the frame), or by top URL', () => {
    const rec = new Recorder();
    loaded(rec, 1, 'https://a.example/', 'D');
    expect(rec.apply(sub(1, 'https://one.example/', { parentDocumentId: 'D', documentId: 'F' }))).toEqual(quiet(1));
    expect(rec.view(1)!.documentIds).toEqual(['D', 'F']);
    expect(rec.apply(sub(1, 'https://two.example/', { documentId: 'F' }))).toEqual(quiet(1));
    expect(rec.apply(sub(1, 'https://three.example/', { parentDocumentId: 'D' }))).toEqual(quiet(1));
    expect(rec.view(1)!.documentIds).toEqual(['D', 'F']);
    expect(rec.apply(sub(1, 'https://four.example/', { topUrl: 'https://a.example/other' }))).toEqual(quiet(1));
    expect(rec.apply(sub(1, 'https://five.example/', { topUrl: 'https://b.example/' }))).toBeNull();
    expect(rec.apply(sub(1, 'https://six.example/'))).toEqual(quiet(1));
    expect(Object.keys(rec.view(1)!.hosts).sort()).toEqual(['a.example', 'four.example', 'one.example', 'six.example', 'three.example', 'two.example']);
  });

  it('adopt at most LIMITS.documentIds frames, with ids of at most LIMITS.idChars', () => {
    const rec = new Recorder();
    loaded(rec, 1, 'https://a.example/', 'D');
    rec.apply(sub(1, 'https://x.example/', { parentDocumentId: 'D', documentId: 'F'.repeat(LIMITS.idChars + 1) }));
    rec.apply(sub(1, 'https://x.example/', { parentDocumentId: 'D', documentId: 'G'.repeat(LIMITS.idChars) }));
    expect(rec.view(1)!.documentIds).toEqual(['D', 'G'.repeat(LIMITS.idChars)]);
    for (let i = 0; i < LIMITS.documentIds + 5; i++) rec.apply(sub(1, 'https://x.example/', { parentDocumentId: 'D', documentId: `f${i}` }));
    expect(rec.view(1)!.documentIds).toHaveLength(LIMITS.documentIds);
  });

  it('report a first http or ws host as "more insecure", and nothing else as moving the verdict', () => {
    const rec = new Recorder();
    loaded(rec, 1, 'https://a.example/', 'D');
    const more: Change = { tabId: 1, committed: false, verdictMayChange: true, moreInsecure: true };
    expect(rec.apply(sub(1, 'http://img.example/', { documentId: 'D' }))).toEqual(more);
    expect(rec.apply(sub(1, 'http://img.example/2', { documentId: 'D' }))).toEqual(quiet(1));
    expect(rec.apply(sub(1, 'ws://chat.example/', { documentId: 'D' }))).toEqual(more);
    expect(rec.apply(sub(1, 'wss://chat.example/', { documentId: 'D' }))).toEqual(quiet(1));
    expect(rec.apply(sub(1, 'https://img.example/', { documentId: 'D' }))).toEqual(quiet(1));
    expect(rec.view(1)!.hosts['img.example']?.schemes).toEqual({ http: 2, https: 1 });
  });

  it('keep addresses (at most four, none too long) and whether a proxy carried them', () => {
    const rec = new Recorder();
    loaded(rec, 1, 'https://a.example/', 'D');
    for (let i = 0; i < 6; i++) rec.apply(sub(1, 'https://cdn.example/', { documentId: 'D' }, { ip: `192.0.2.${i}` }));
    rec.apply(sub(1, 'https://cdn.example/', { documentId: 'D' }, { ip: '192.0.2.1' }));
    rec.apply(sub(1, 'https://long.example/', { documentId: 'D' }, { ip: '1'.repeat(LIMITS.idChars + 1) }));
    rec.apply(sub(1, 'https://edge.example/', { documentId: 'D' }, { ip: '1'.repeat(LIMITS.idChars), proxied: true }));
    const hosts = rec.view(1)!.hosts;
    expect(hosts['cdn.example']?.ips).toEqual(['192.0.2.0', '192.0.2.1', '192.0.2.2', '192.0.2.3']);
    expect(hosts['long.example']?.ips).toEqual([]);
    expect(hosts['edge.example']?.ips).toEqual(['1'.repeat(LIMITS.idChars)]);
    expect([hosts['edge.example']?.proxied, hosts['cdn.example']?.proxied]).toEqual([true, undefined]);
    expect(hosts['cdn.example']?.requests).toBe(7);
  });

  it('count but never keep requests to no host or to names the DNS cannot have; cancelled failures not at all', () => {
    const rec = new Recorder();
    const v = loaded(rec, 1, 'https://a.example/', 'D');
    expect(rec.apply(sub(1, 'data:image/png;base64,xx', { documentId: 'D' }))).toBeNull();
    expect(rec.apply(sub(1, `https://${'a'.repeat(64)}.example/`, { documentId: 'D' }))).toEqual(quiet(1));
    expect(rec.apply(sub(1, 'not a url', { documentId: 'D' }))).toEqual(quiet(1));
    expect([v.requests, v.omittedRequests]).toEqual([3, 2]);
    expect(rec.apply(subError(1, `https://${'a'.repeat(64)}.example/`, 'net::ERR_FAILED', { documentId: 'D' }))).toEqual(quiet(1));
    expect(rec.apply(subError(1, `https://${'a'.repeat(64)}.example/`, 'net::ERR_ABORTED', { documentId: 'D' }))).toEqual(quiet(1));
    expect([v.requests, v.omittedRequests]).toEqual([4, 3]);
  });

  it('record failures: on a known host as errors, on a new one as a host that saw nothing', () => {
    const rec = new Recorder();
    const v = loaded(rec, 1, 'https://a.example/', 'D');
    expect(rec.apply(subError(1, 'https://a.example/x', 'net::ERR_FAILED', { documentId: 'D' }))).toEqual(quiet(1));
    expect(v.hosts['a.example']).toMatchObject({ requests: 1, errors: 1, lastError: 'net::ERR_FAILED' });
    expect(rec.apply(subError(1, 'http://gone.example/', `net::ERR_NAME_NOT_RESOLVED${'x'.repeat(200)}`, { documentId: 'D' }))).toEqual(quiet(1));
    expect(v.hosts['gone.example']).toEqual({ host: 'gone.example', site: 'gone.example', party: 'third', requests: 0, schemes: {}, ips: [], errors: 1, lastError: `net::ERR_NAME_NOT_RESOLVED${'x'.repeat(200)}`.slice(0, LIMITS.errorChars) });
    expect(v.requests).toBe(2);
    expect(rec.apply(subError(1, 'https://gone2.example/', 'net::ERR_ABORTED', { documentId: 'D' }))).toBeNull();
    expect(rec.apply(subError(1, 'https://a.example/y', 'NS_BINDING_ABORTED', { documentId: 'D' }))).toBeNull();
    expect(v.hosts['gone2.example']).toBeUndefined();
    expect(v.hosts['a.example']?.errors).toBe(1);
  });

  it('stop at LIMITS.hosts hosts, counting the rest as omitted', () => {
    const rec = new Recorder();
    const v = loaded(rec, 1, 'https://a.example/', 'D');
    for (let i = 0; i < LIMITS.hosts + 2; i++) rec.apply(sub(1, `http://h${i}.example/`, { documentId: 'D' }));
    expect(Object.keys(v.hosts)).toHaveLength(LIMITS.hosts);
    expect(v.omittedRequests).toBe(3);
    expect(rec.apply(sub(1, 'http://one-more.example/', { documentId: 'D' }))).toEqual(quiet(1));
  });

  it('take the document scan: it moves the verdict of the page shown, not of a prerendered one', () => {
    const rec = new Recorder();
    loaded(rec, 1, 'https://a.example/', 'D');
    rec.apply(commit(1, 'https://a.example/pre', { documentId: 'P', prerender: true }));
    const scan = { insecure: { image: 1 }, samples: [], insecureForms: 0, passwordFieldsOnHttp: 0, scannedAt: 1 };
    expect(rec.apply({ kind: 'document-scan', tabId: 1, time: tick(), url: 'https://a.example/', scan, origin: { documentId: 'D' } })).toEqual(moves(1));
    expect(rec.view(1)!.scan).toBe(scan);
    expect(rec.apply({ kind: 'document-scan', tabId: 1, time: tick(), url: 'https://a.example/pre', scan, origin: { documentId: 'P' } })).toBeNull();
  });

  it('of a prerendered page are recorded but move nothing', () => {
    const rec = new Recorder();
    loaded(rec, 1, 'https://a.example/', 'D');
    rec.apply(commit(1, 'https://a.example/pre', { documentId: 'P', prerender: true }));
    expect(rec.apply(sub(1, 'http://img.example/', { parentDocumentId: 'P' }))).toEqual(quiet(1));
    expect(rec.apply(subError(1, 'http://img2.example/', 'net::ERR_FAILED', { documentId: 'P' }))).toEqual(quiet(1));
    expect(rec.view(1)!.hosts['img.example']).toBeUndefined();
  });
});

describe('per-host TLS (Firefox)', () => {
  const tls = { root: 'built-in' as const, protocol: 'TLSv1.3' };
  const hostSec = (tabId: number, url: string, origin = {}): CaptureEvent => ({ kind: 'host-security', tabId, time: tick(), url, tls, origin });

  it('is kept once per host, made before the response if need be, and reported quietly', () => {
    const rec = new Recorder();
    loaded(rec, 1, 'https://a.example/', 'D');
    expect(rec.apply(hostSec(1, 'https://cdn.example/x', { documentId: 'D' }))).toEqual(quiet(1));
    expect(rec.view(1)!.hosts['cdn.example']).toMatchObject({ requests: 0, tls });
    expect(rec.apply({ ...hostSec(1, 'https://cdn.example/y', { documentId: 'D' }), tls: { root: 'added' } } as CaptureEvent)).toBeNull();
    expect(rec.view(1)!.hosts['cdn.example']?.tls).toEqual(tls);
  });

  it('is dropped for an unknown tab, a document not yet known, a URL without a host, and is silent for a prerendered page', () => {
    const rec = new Recorder();
    expect(rec.apply(hostSec(1, 'https://cdn.example/'))).toBeNull();
    loaded(rec, 1, 'https://a.example/', 'D');
    expect(rec.apply(hostSec(1, 'https://cdn.example/', { documentId: 'unknown' }))).toBeNull();
    expect(rec.apply(hostSec(1, 'data:x', { documentId: 'D' }))).toBeNull();
    expect(rec.apply(hostSec(1, 'https://cdn.example/', { topUrl: 'https://b.example/' }))).toBeNull();
    rec.apply(commit(1, 'https://a.example/pre', { documentId: 'P', prerender: true }));
    expect(rec.apply(hostSec(1, 'https://pre.example/', { documentId: 'P' }))).toBeNull();
    expect(rec.view(1)!.hosts['pre.example']).toBeUndefined();
  });
});

describe('the tab\'s own URL', () => {
  it('makes a view for a tab loaded before Onlooker watched, private windows marked', () => {
    const rec = new Recorder();
    expect(rec.apply(tabUrl(1, 'https://a.example/', true))).toEqual(committed(1));
    expect(rec.view(1)).toMatchObject({ observed: 'tab', incognito: true, url: 'https://a.example/' });
    rec.apply(tabUrl(2, 'https://a.example/'));
    expect(rec.view(2)!.incognito).toBeUndefined();
  });

  it('marks a page committed in a private window, and only there', () => {
    const rec = new Recorder();
    rec.apply(commit(1, 'https://a.example/', { incognito: true }));
    rec.apply(commit(2, 'https://a.example/'));
    expect([rec.view(1)!.incognito, rec.view(2)!.incognito]).toEqual([true, undefined]);
  });

  it('follows pushState on the same origin quietly, asks for a repaint on the same URL, ignores another origin', () => {
    const rec = new Recorder();
    loaded(rec, 1, 'https://a.example/', 'D');
    expect(rec.apply(tabUrl(1, 'https://a.example/next'))).toEqual(quiet(1));
    expect(rec.view(1)!.url).toBe('https://a.example/next');
    expect(rec.apply(tabUrl(1, 'https://a.example/next#x'))).toEqual({ tabId: 1, committed: false, verdictMayChange: true, repaint: true });
    expect(rec.apply(tabUrl(1, 'https://b.example/'))).toBeNull();
    expect(rec.view(1)!.url).toBe('https://a.example/next');
  });
});

describe('tabs waiting for their first commit', () => {
  it('are at most MAX_UNCOMMITTED, oldest forgotten first, committed tabs never', () => {
    const rec = new Recorder();
    loaded(rec, 1000, 'https://kept.example/');
    for (let i = 0; i < 40; i++) rec.apply(response(i, 'r', 'https://a.example/'));
    expect(rec.tabIds().length).toBe(33);
    expect(rec.has(1000)).toBe(true);
    expect(rec.has(7)).toBe(false);
    expect(rec.has(8)).toBe(true);
    expect(rec.has(39)).toBe(true);
  });
});

describe('view ids', () => {
  it('are distinct and not empty', () => {
    const rec = new Recorder();
    const ids = new Set([1, 2, 3].map((i) => loaded(rec, i, `https://a${i}.example/`).id));
    expect(ids.size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]+-[0-9a-z]+$/);
  });
});
