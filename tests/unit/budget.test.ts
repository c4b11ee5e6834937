import { describe, expect, it } from 'vitest';
import { hostTable, type PageView } from '@/utils/page-view';
import { fitView, jsonBytes, minimalView } from '@/utils/storage/budget';
import { validatePageView } from '@/utils/storage/view';
import { host, view } from '../fixtures/views';

// The per-tab byte budget: what a stored view leaves out, in which order, and that it says so.

function big(): PageView {
  const hosts = hostTable();
  hosts['a.example'] = host('a.example', { party: 'first', requests: 2 });
  for (let i = 0; i < 60; i++) hosts[`h${i}.example`] = host(`h${i}.example`, { requests: 3 });
  hosts['plain.example'] = host('plain.example', { schemes: { http: 1 } });
  return view('https://a.example/', {
    hosts,
    main: { status: 200, ip: '192.0.2.1', headers: { 'content-security-policy': ['x'.repeat(3000)] }, cookies: [{ name: 'a', secure: true, httpOnly: true, persistent: false }] },
    scan: { insecure: { image: 2 }, samples: Array.from({ length: 20 }, (_, i) => ({ kind: 'image' as const, url: `http://s${i}.example/${'p'.repeat(200)}` })), insecureForms: 0, passwordFieldsOnHttp: 0, scannedAt: 1 },
  });
}

describe('fitView', () => {
  it('returns the view itself when it fits', () => {
    const v = big();
    expect(fitView(v, jsonBytes(v))).toBe(v);
  });

  it('drops samples, then header values and cookies, then hosts, each only when the one before was not enough', () => {
    const v = big();
    const size = jsonBytes(v);
    const samples = jsonBytes(v.scan!.samples);
    const onlySamples = fitView(v, size - samples + 200);
    expect(onlySamples.notKept).toEqual({ samples: 20 });
    expect(onlySamples.main.headers).toBeDefined();
    expect(Object.keys(onlySamples.hosts)).toHaveLength(62);

    const headers = fitView(v, size - samples - 1000);
    expect(headers.notKept).toEqual({ samples: 20, headerValues: 1, cookies: 1 });
    expect(headers.main.headers).toBeUndefined();
    expect(headers.main.cookies).toBeUndefined();
    expect(Object.keys(headers.hosts)).toHaveLength(62);

    const hosts = fitView(v, 4000);
    expect(jsonBytes(hosts)).toBeLessThanOrEqual(4000);
    const kept = Object.keys(hosts.hosts);
    expect(kept[0]).toBe('a.example');
    expect(kept).toContain('plain.example'); // http hosts decide the verdict: kept before the others
    expect(hosts.notKept!.hosts).toBe(62 - kept.length);
    expect(hosts.notKept!.hostRequests).toBe(3 * (62 - kept.length));
    expect(hosts.hostCount).toBe(kept.length);
    expect(kept.length).toBeGreaterThan(5);
    // The recorder's order for those that stay.
    expect(kept.filter((k) => k.startsWith('h'))).toEqual([...kept.filter((k) => k.startsWith('h'))].sort((a, b) => Number(a.slice(1, -8)) - Number(b.slice(1, -8))));
    expect(validatePageView(JSON.parse(JSON.stringify(hosts)), 1)).toBeDefined();
    // The view in memory is untouched.
    expect(v.main.headers).toBeDefined();
    expect(Object.keys(v.hosts)).toHaveLength(62);
  });

  it('adds to what an earlier degraded copy already left out', () => {
    const v = { ...big(), notKept: { hosts: 5, hostRequests: 9 } };
    const fitted = fitView(v, 4000);
    expect(fitted.notKept!.hosts).toBe(5 + 62 - Object.keys(fitted.hosts).length);
  });

  it('falls back to a minimal record when nothing else fits', () => {
    const v = big();
    const budget = jsonBytes(minimalView(v));
    const fitted = fitView(v, budget);
    expect(fitted.notKept).toEqual({ minimal: true, hosts: 62 });
    expect(jsonBytes(fitted)).toBeLessThanOrEqual(budget);
  });
});

describe('minimalView', () => {
  it('keeps what says which page it is and how its main document answered, and nothing else', () => {
    const v: PageView = {
      ...big(),
      url: 'https://a.example/final',
      hops: [{ url: 'http://a.example/' }, { url: 'https://a.example/final', status: 200 }],
      committedAt: 5,
      incognito: true,
      mainRequestId: '42',
      main: { status: 404, ip: '192.0.2.9', error: 'net::ERR_X', fromCache: true, proceededPastError: 'net::ERR_CERT_DATE_INVALID', headers: { 'x-frame-options': ['DENY'] } },
    };
    const m = minimalView(v);
    expect(m).toEqual({
      schema: 1,
      tabId: 1,
      id: 'v1',
      url: 'https://a.example/final',
      observed: 'network',
      startedAt: 0,
      committedAt: 5,
      incognito: true,
      mainRequestId: '42',
      hops: [{ url: 'https://a.example/final' }],
      main: { status: 404, ip: '192.0.2.9', error: 'net::ERR_X', fromCache: true, proceededPastError: 'net::ERR_CERT_DATE_INVALID' },
      hosts: {},
      hostCount: 0,
      omittedRequests: 0,
      requests: 0,
      notKept: { minimal: true, hosts: 62 },
    });
    expect(minimalView(view('https://b.example/', { hosts: hostTable() })).notKept).toEqual({ minimal: true });
    expect(minimalView(view('https://b.example/', { hops: [{ url: 'https://c.example/' }] })).hops).toEqual([{ url: 'https://c.example/' }]);
  });
});

// The exact accounting behind the order above (written for the mutants that survived in budget.ts):
// each stage runs only when what is left is over the limit (the budget less the room kept for
// `notKept`), and the hosts kept are as many as fit under it.
describe('fitView accounting', () => {
  const NOT_KEPT_ROOM = 160;
  const v = big();
  const withoutSamples: PageView = { ...v, scan: { ...v.scan!, samples: [] } };
  const withoutHeaders: PageView = { ...withoutSamples, main: { status: 200, ip: '192.0.2.1' } };
  const withoutHosts: PageView = { ...withoutHeaders, hosts: hostTable() };
  /** The record as fitted, without what fitView adds about itself. */
  const core = (f: PageView) => jsonBytes({ ...f, notKept: undefined, hostCount: undefined });

  it('drops header values only when the view without its samples is over the limit', () => {
    const edge = jsonBytes(withoutSamples) + NOT_KEPT_ROOM;
    expect(fitView(v, edge).main.headers).toBeDefined();
    expect(fitView(v, edge).notKept).toEqual({ samples: 20 });
    expect(fitView(v, edge - 1).main.headers).toBeUndefined();
    expect(fitView(v, edge - 1).notKept).toEqual({ samples: 20, headerValues: 1, cookies: 1 });
  });

  // Within a byte: what is subtracted for the header members counts one comma more than they take.
  it('drops hosts only when the view without samples and header values is over the limit', () => {
    const edge = jsonBytes(withoutHeaders) + NOT_KEPT_ROOM;
    expect(Object.keys(fitView(v, edge + 1).hosts)).toHaveLength(62);
    expect(fitView(v, edge + 1).notKept!.hosts).toBeUndefined();
    expect(fitView(v, edge - 1).notKept!.hosts).toBe(1);
    expect(Object.keys(fitView(v, edge - 1).hosts)).toHaveLength(61);
  });

  it('keeps as many hosts as fit under the limit, the page host first, then those over http', () => {
    const from = jsonBytes(withoutHosts) + NOT_KEPT_ROOM + 1;
    const seen = new Set<number>();
    for (let budget = from; budget < from + 800; budget++) {
      const f = fitView(v, budget);
      const limit = budget - NOT_KEPT_ROOM;
      const kept = Object.keys(f.hosts);
      seen.add(kept.length);
      expect(f.notKept!.minimal).toBeUndefined();
      expect(core(f)).toBeLessThan(limit);
      // No host left out would still have fitted (within the byte above).
      for (const h of Object.values(v.hosts)) {
        if (f.hosts[h.host]) continue;
        expect(core({ ...f, hosts: Object.assign(hostTable(), f.hosts, { [h.host]: h }) })).toBeGreaterThanOrEqual(limit - 1);
      }
      if (kept.length) expect(kept[0]).toBe('a.example');
      // The http host comes next: it is left out only when it would not fit beside the page host alone.
      if (!f.hosts['plain.example']) {
        const pair = Object.assign(hostTable(), { 'a.example': v.hosts['a.example']!, 'plain.example': v.hosts['plain.example']! });
        expect(core({ ...f, hosts: pair })).toBeGreaterThanOrEqual(limit - 1);
      }
    }
    expect([...seen]).toEqual(expect.arrayContaining([1, 2, 3]));
  });

  it('does not count an empty cookie list or a header without values as left out', () => {
    const hosts = hostTable();
    for (let i = 0; i < 40; i++) hosts[`h${i}.example`] = host(`h${i}.example`);
    const thin = view('https://a.example/', { hosts, main: { status: 200, cookies: [] } });
    const fitted = fitView(thin, 2000);
    expect(fitted.notKept!.hosts).toBeGreaterThan(0);
    expect(fitted.main.cookies).toEqual([]);
    const empty = view('https://a.example/', { hosts, main: { status: 200, headers: { 'x-frame-options': undefined } } });
    const f2 = fitView(empty, 2000);
    expect(f2.main.headers).toBeUndefined();
    expect(f2.notKept!.headerValues).toBeUndefined();
  });
});

describe('jsonBytes', () => {
  it('is the length of the JSON, and 0 for what has none', () => {
    expect(jsonBytes({ a: 'é' })).toBe(9);
    expect(jsonBytes(undefined)).toBe(0);
    expect(jsonBytes(() => 1)).toBe(0);
  });
});

describe('minimalView, exactly', () => {
  it('adds no member the view does not have', () => {
    const bare = view('https://b.example/', { committedAt: undefined, main: {}, hosts: hostTable() });
    expect(minimalView(bare)).toStrictEqual({
      schema: 1,
      tabId: 1,
      id: 'v1',
      url: 'https://b.example/',
      observed: 'network',
      startedAt: 0,
      hops: [{ url: 'https://b.example/' }],
      main: {},
      hosts: hostTable(),
      hostCount: 0,
      omittedRequests: 0,
      requests: 0,
      notKept: { minimal: true },
    });
    expect(minimalView({ ...bare, main: { fromCache: false }, incognito: false })).toStrictEqual(minimalView(bare));
  });

  it('names the page by its URL when the view has no hops', () => {
    expect(minimalView(view('https://b.example/', { hops: [] })).hops).toEqual([{ url: 'https://b.example/' }]);
  });
});
