import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorityOf, classify, MEMORY_LEVEL, observationOf, remember, type MemoryFinding, type Observation } from '@/utils/memory/classify';
import { MEMORY_LIMITS, parseEntry, type CertMemo, type MemoryEntry } from '@/utils/storage/memory';
import type { PageView } from '@/utils/page-view';

const hex = (c: string) => c.repeat(32);
const LE = 'CN=R10,O=Let\'s Encrypt,C=US';
const LE2 = 'CN=R11,O=Let\'s Encrypt,C=US';
const DIGI = 'CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1,O=DigiCert Inc,C=US';
const CORP = 'CN=Corp Inspection CA,O=Example Corp';
const BUILTIN_ROOT = hex('a');
const CORP_ROOT = hex('c');

type Cert = Omit<CertMemo, 'day'>;
const cert = (key: string, issuer = LE, end = 20_100, root = BUILTIN_ROOT, builtIn = true): Cert => ({ key: hex(key), issuer, end, root, builtIn });
const https = (day: number, c?: Cert, hstsMaxAge?: number): Observation => ({ day, scheme: 'https', network: true, ...(c ? { cert: c } : {}), ...(hstsMaxAge !== undefined ? { hstsMaxAge } : {}) });
const http = (day: number): Observation => ({ day, scheme: 'http', network: true });

/** Feeds visits in order; returns what each visit was told. */
function run(visits: Observation[]): MemoryFinding[][] {
  let entry: MemoryEntry | undefined;
  return visits.map((v) => {
    const found = classify(entry, v);
    entry = remember(entry, v);
    return found;
  });
}
const ids = (found: MemoryFinding[][]) => found.map((f) => f.map((x) => x.id));

describe('classify: sequences', () => {
  it('says nothing on a first visit, nor on the same certificate again', () => {
    expect(ids(run([https(20_000, cert('1')), https(20_001, cert('1')), https(20_010, cert('1'))]))).toEqual([[], [], []]);
  });

  it('routine renewal: the same key with a new end is info', () => {
    const found = run([https(20_000, cert('1', LE, 20_030)), https(20_025, cert('1', LE, 20_090))]);
    expect(found[1]).toEqual([{ id: 'cert-renewed', since: 20_000 }]);
    expect(MEMORY_LEVEL['cert-renewed']).toBe('info');
  });

  it('routine renewal: a new key from the same authority, the old certificate near its end (another intermediate of the same CA)', () => {
    const found = run([https(20_000, cert('1', LE, 20_040)), https(20_020, cert('2', LE2, 20_110))]);
    expect(found[1]).toEqual([{ id: 'cert-renewed', since: 20_000 }]);
  });

  it('a new key from the same authority, long before the old one ends, is info; seen again it is silent', () => {
    const found = run([https(20_000, cert('1', LE, 20_080)), https(20_001, cert('2', LE, 20_081)), https(20_002, cert('2', LE, 20_081))]);
    expect(ids(found)).toEqual([[], ['cert-new-key'], []]);
  });

  it('CDN rotation: edges that take turns with their own keys (even from two authorities) say nothing once each was seen', () => {
    const edges = [cert('1', LE), cert('2', DIGI), cert('3', LE)];
    const visits = Array.from({ length: 12 }, (_, i) => https(20_000 + i, edges[i % 3]));
    const found = ids(run(visits));
    expect(found.slice(3).every((f) => f.length === 0)).toBe(true);
  });

  it('a different authority is a notice naming both organisations', () => {
    const found = run([https(20_000, cert('1', LE)), https(20_005, cert('2', DIGI, 20_100, hex('d')))]);
    expect(found[1]).toEqual([{ id: 'cert-new-authority', since: 20_000, before: "Let's Encrypt", now: 'DigiCert Inc' }]);
    // Without chains (Chrome: the leaf only) the issuer's organisation decides.
    const leafOnly = run([https(20_000, { key: hex('1'), issuer: LE }), https(20_005, { key: hex('2'), issuer: DIGI })]);
    expect(ids(leafOnly)).toEqual([[], ['cert-new-authority']]);
    // One root under another name is the same authority.
    expect(ids(run([https(20_000, cert('1', LE)), https(20_005, cert('2', DIGI))]))).toEqual([[], ['cert-new-key']]);
    expect(MEMORY_LEVEL['cert-new-authority']).toBe('notice');
  });

  it('an added root where a built-in one was is a warning, even from an issuer with the same name', () => {
    const found = run([https(20_000, cert('1')), https(20_003, cert('9', LE, 20_100, CORP_ROOT, false))]);
    expect(found[1]).toEqual([{ id: 'cert-added-root', since: 20_000 }]);
    expect(MEMORY_LEVEL['cert-added-root']).toBe('warning');
    // The same added root again (a company proxy that is always there) is not news.
    const again = run([https(20_000, cert('1')), https(20_003, cert('9', CORP, 20_100, CORP_ROOT, false)), https(20_004, cert('8', CORP, 20_100, CORP_ROOT, false))]);
    expect(ids(again)).toEqual([[], ['cert-added-root'], ['cert-new-key']]);
  });

  it('downgrade: https last time, http now → was-encrypted with the day of the https visit; a second http visit says it no more', () => {
    const found = run([https(20_000, cert('1')), http(20_002), http(20_003)]);
    expect(found[1]).toEqual([{ id: 'was-encrypted', since: 20_000 }]);
    expect(found[2]).toEqual([]);
    // A site used over http with one https visit long ago is not "was encrypted" after an http visit.
    expect(ids(run([https(20_000), http(20_001), http(20_002)]))).toEqual([[], ['was-encrypted'], []]);
  });

  it('HSTS dropped: the last https visit sent it, this one did not (info); from the cache it says nothing', () => {
    const found = run([https(20_000, undefined, 31_536_000), https(20_001)]);
    expect(found[1]).toEqual([{ id: 'hsts-dropped', since: 20_000 }]);
    const cached = classify(remember(undefined, https(20_000, undefined, 100)), { ...https(20_001), network: false });
    expect(cached).toEqual([]);
    // max-age=0 is the site taking HSTS back: also no longer sent.
    expect(ids(run([https(20_000, undefined, 100), https(20_001, undefined, 0)]))).toEqual([[], ['hsts-dropped']]);
  });
});

describe('authorityOf', () => {
  it('is the organisation, else the common name', () => {
    expect(authorityOf(LE)).toBe("Let's Encrypt");
    expect(authorityOf('CN=Only Name')).toBe('Only Name');
    expect(authorityOf('O="Quoted, Inc",C=US')).toBe('Quoted, Inc');
    expect(authorityOf('weird')).toBe('weird');
  });
});

const arbCert: fc.Arbitrary<Cert> = fc.record({
  key: fc.constantFrom('1', '2', '3', '4', '5', '6').map(hex),
  issuer: fc.constantFrom(LE, LE2, DIGI, CORP),
  end: fc.integer({ min: 19_990, max: 20_400 }),
  root: fc.constantFrom(BUILTIN_ROOT, CORP_ROOT),
  builtIn: fc.boolean(),
});
const arbObs: fc.Arbitrary<Observation> = fc.record({
  day: fc.integer({ min: 20_000, max: 20_300 }),
  scheme: fc.constantFrom('http' as const, 'https' as const),
  network: fc.boolean(),
  hstsMaxAge: fc.option(fc.integer({ min: 0, max: 1e8 }), { nil: undefined }),
  cert: fc.option(arbCert, { nil: undefined }),
}).map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as unknown as Observation);

describe('classify: properties', () => {
  it('the entry stays within bounds and valid after any sequence of visits, and reads back as itself', () => {
    fc.assert(
      fc.property(fc.array(arbObs, { minLength: 1, maxLength: 30 }), (visits) => {
        let entry: MemoryEntry | undefined;
        for (const v of visits) entry = remember(entry, v);
        expect(entry!.certs.length).toBeLessThanOrEqual(MEMORY_LIMITS.certs);
        expect(entry!.first).toBeLessThanOrEqual(entry!.last);
        expect(parseEntry(JSON.parse(JSON.stringify(entry)))).toEqual(entry);
      }),
    );
  });

  it('repeating the last visit is always silent about certificates and HSTS; an http visit never speaks of certificates', () => {
    fc.assert(
      fc.property(fc.array(arbObs, { minLength: 1, maxLength: 20 }), (visits) => {
        let entry: MemoryEntry | undefined;
        for (const v of visits) entry = remember(entry, v);
        const last = visits[visits.length - 1]!;
        const again = classify(entry, { ...last, day: Math.max(last.day, entry!.last) });
        expect(again.filter((f) => f.id !== 'was-encrypted')).toEqual([]);
        const plain = classify(entry, http(entry!.last));
        expect(plain.every((f) => f.id === 'was-encrypted')).toBe(true);
      }),
    );
  });

  it('every finding dates an earlier observation (no later than today), and there is at most one certificate finding', () => {
    fc.assert(
      fc.property(fc.array(arbObs, { minLength: 1, maxLength: 20 }), arbObs, (visits, now) => {
        let entry: MemoryEntry | undefined;
        for (const v of visits) entry = remember(entry, v);
        const today = { ...now, day: entry!.last + 1 };
        const found = classify(entry, today);
        for (const f of found) expect(f.since).toBeLessThanOrEqual(entry!.last);
        expect(found.filter((f) => f.id.startsWith('cert-')).length).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('observationOf', () => {
  const base: PageView = {
    schema: 1, tabId: 1, id: 'v1', url: 'https://Shop.Example.com./cart?id=42', observed: 'network', startedAt: 0, committedAt: 1,
    hops: [], hosts: {}, omittedRequests: 0, requests: 1,
    main: {
      headers: { 'strict-transport-security': ['max-age=600'] },
      security: {
        source: 'firefox', state: 'secure', chainComplete: true,
        certificates: [
          { issuer: LE, sha256: 'AB:'.repeat(31) + 'AB', spkiSha256: 'cd'.repeat(32), notAfter: 20_100 * 86_400_000 + 5 },
          { sha256: 'EF:'.repeat(31) + 'EF', isBuiltInRoot: true },
        ],
      },
    },
  };

  it('keeps the host, the day, HSTS and the certificate facts; never the path or the query', () => {
    const o = observationOf(base, 20_000 * 86_400_000 + 1)!;
    expect(o.host).toBe('shop.example.com');
    expect(o.obs).toEqual({ day: 20_000, scheme: 'https', network: true, hstsMaxAge: 600, cert: { key: 'cd'.repeat(16), issuer: LE, root: 'ef'.repeat(16), builtIn: true, end: 20_100 } });
    expect(JSON.stringify(o)).not.toMatch(/cart|42/);
  });

  it('without the key digest (Chrome) the fingerprint stands in, marked', () => {
    const leafOnly = { ...base, main: { security: { source: 'chrome' as const, state: 'secure' as const, certificates: [{ issuer: LE, sha256: 'AB:'.repeat(31) + 'AB' }] } } };
    expect(observationOf(leafOnly, 0)!.obs.cert).toEqual({ key: 'ab'.repeat(16), fp: true, issuer: LE });
  });

  it('ignores private windows, pages that did not commit, IP addresses, loopback names and other schemes', () => {
    expect(observationOf({ ...base, incognito: true }, 0)).toBeUndefined();
    expect(observationOf({ ...base, committedAt: undefined }, 0)).toBeUndefined();
    expect(observationOf({ ...base, observed: 'tab' }, 0)).toBeUndefined();
    for (const url of ['http://192.168.1.1/', 'https://[::1]/', 'http://localhost:8080/', 'http://app.localhost/', 'file:///etc/passwd', 'about:blank']) {
      expect(observationOf({ ...base, url }, 0)).toBeUndefined();
    }
  });
});

describe('observationOf at its edges', () => {
  const leaf = { issuer: LE, spkiSha256: 'cd'.repeat(32), notAfter: 20_100 * 86_400_000 + 5 };
  const root = { sha256: 'EF:'.repeat(31) + 'EF', isBuiltInRoot: true };
  const at = (url: string, main: PageView['main'], patch: Partial<PageView> = {}) =>
    observationOf({ schema: 1, tabId: 1, id: 'v1', url, observed: 'network', startedAt: 0, committedAt: 1, hops: [], hosts: {}, omittedRequests: 0, requests: 1, main, ...patch }, 0);
  const sec = (certificates: object[], chainComplete = true) => ({ security: { source: 'firefox', state: 'secure', chainComplete, certificates } }) as unknown as PageView['main'];

  it('remembers http pages (without certificate facts) and names that only contain digits', () => {
    expect(at('http://a.example/', {})).toEqual({ host: 'a.example', obs: { day: 0, scheme: 'http', network: true } });
    expect(at('http://a.example/', { headers: { 'strict-transport-security': ['max-age=600'] }, ...sec([leaf]) })!.obs).toEqual({ day: 0, scheme: 'http', network: true });
    expect(at('https://1.2.3.example/', {})!.host).toBe('1.2.3.example');
    expect(at('ftp://a.example/', {})).toBeUndefined();
    expect(at('https://a.example/', { error: 'net::ERR_ABORTED' })).toBeUndefined();
  });

  it('is seen on the network only when observed there and not from the cache', () => {
    expect(at('https://a.example/', {})!.obs.network).toBe(true);
    expect(at('https://a.example/', { fromCache: true })!.obs.network).toBe(false);
    expect(at('https://a.example/', {}, { observed: 'commit' })!.obs.network).toBe(false);
  });

  it('keeps a root only from a complete chain of two or more, its built-in flag only when the browser gave it, and an end only when it is a positive number', () => {
    expect(at('https://a.example/', sec([leaf, root]))!.obs.cert).toEqual({ key: 'cd'.repeat(16), issuer: LE, root: 'ef'.repeat(16), builtIn: true, end: 20_100 });
    expect(at('https://a.example/', sec([leaf, root], false))!.obs.cert).toEqual({ key: 'cd'.repeat(16), issuer: LE, end: 20_100 });
    expect(at('https://a.example/', sec([{ ...leaf, sha256: root.sha256 }]))!.obs.cert).toEqual({ key: 'cd'.repeat(16), issuer: LE, end: 20_100 });
    expect(at('https://a.example/', sec([leaf, { sha256: 'zz' }]))!.obs.cert).toEqual({ key: 'cd'.repeat(16), issuer: LE, end: 20_100 });
    expect(at('https://a.example/', sec([leaf, { sha256: root.sha256 }]))!.obs.cert).toEqual({ key: 'cd'.repeat(16), issuer: LE, root: 'ef'.repeat(16), end: 20_100 });
    for (const notAfter of [0, -5, Number.NaN, '20100']) {
      expect(at('https://a.example/', sec([{ ...leaf, notAfter }]))!.obs.cert, String(notAfter)).toEqual({ key: 'cd'.repeat(16), issuer: LE });
    }
    // No digest at all, or no leaf: no certificate.
    expect(at('https://a.example/', sec([{ issuer: LE }]))!.obs).not.toHaveProperty('cert');
    expect(at('https://a.example/', sec([]))!.obs).not.toHaveProperty('cert');
    expect(at('https://a.example/', {})!.obs).not.toHaveProperty('cert');
    // The issuer is kept to its bound.
    expect(at('https://a.example/', sec([{ ...leaf, issuer: 'O=' + 'x'.repeat(1000) }]))!.obs.cert!.issuer).toHaveLength(MEMORY_LIMITS.issuerChars);
  });
});

describe('MEMORY_LEVEL', () => {
  it('warns only of an added root, notices a lost https, a new authority and a lookalike, and tells the rest as information', () => {
    const byLevel: Record<string, string[]> = {
      warning: ['cert-added-root'],
      notice: ['was-encrypted', 'cert-new-authority', 'looks-like-visited'],
      info: ['hsts-dropped', 'cert-renewed', 'cert-new-key'],
    };
    expect(MEMORY_LEVEL).toEqual(Object.fromEntries(Object.entries(byLevel).flatMap(([level, ids]) => ids.map((id) => [id, level]))));
  });
});

describe('remember, exactly', () => {
  it('moves the first and last days both ways, and keeps HSTS from https network visits only', () => {
    const e1 = remember(undefined, https(20_010, undefined, 600));
    expect(e1).toMatchObject({ first: 20_010, last: 20_010, https: 20_010, lastHttps: true, hsts: { maxAge: 600, day: 20_010 } });
    const e2 = remember(e1, http(20_005));
    expect(e2).toMatchObject({ first: 20_005, last: 20_010, http: 20_005, lastHttps: false, hsts: { maxAge: 600, day: 20_010 } });
    // An https visit from the cache neither keeps nor drops HSTS; one on the network without it drops it.
    expect(remember(e1, { ...https(20_011), network: false }).hsts).toEqual({ maxAge: 600, day: 20_010 });
    expect(remember(e1, https(20_012))).not.toHaveProperty('hsts');
    expect(remember(e1, https(20_012, undefined, 0))).not.toHaveProperty('hsts');
    expect(remember(undefined, { ...http(20_000), hstsMaxAge: 600 } as Observation)).not.toHaveProperty('hsts');
  });

  it('puts this certificate first and drops the one it replaces, told apart by key and by digest kind; never from http', () => {
    const a = cert('1');
    const e = remember(remember(undefined, https(20_000, a)), https(20_001, cert('2')));
    expect(e.certs.map((c) => c.key)).toEqual([hex('2'), hex('1')]);
    const again = remember(e, https(20_002, a));
    expect(again.certs.map((c) => [c.key, c.day])).toEqual([[hex('1'), 20_002], [hex('2'), 20_001]]);
    // The same digest as a leaf fingerprint is another certificate.
    expect(remember(e, https(20_003, { ...a, fp: true })).certs.map((c) => [c.key, !!c.fp])).toEqual([[hex('1'), true], [hex('2'), false], [hex('1'), false]]);
    expect(remember(e, { ...http(20_004), cert: cert('3') } as Observation).certs).toHaveLength(2);
    expect(remember(undefined, https(20_000))).toEqual({ v: 1, first: 20_000, last: 20_000, https: 20_000, lastHttps: true, certs: [] });
  });

  it('keeps a skeleton only when given one', () => {
    expect(remember(undefined, http(20_000), 'skel').sk).toBe('skel');
    expect(remember(undefined, http(20_000))).not.toHaveProperty('sk');
    expect(remember({ ...remember(undefined, http(20_000)), sk: 'old' }, http(20_001)).sk).toBe('old');
  });
});

describe('classify: leaf fingerprints only (Chrome)', () => {
  const leaf = (k: string, issuer = LE, end = 20_100): Cert => ({ key: hex(k), fp: true, issuer, end });
  it('never says "new key" without the key digest: a new certificate of the same authority is silent unless the old one was ending', () => {
    expect(ids(run([https(20_000, leaf('1')), https(20_001, leaf('2'))]))).toEqual([[], []]);
    expect(ids(run([https(20_000, leaf('1', LE, 20_020)), https(20_001, leaf('2'))]))).toEqual([[], ['cert-renewed']]);
    expect(ids(run([https(20_000, leaf('1')), https(20_001, leaf('2', DIGI))]))).toEqual([[], ['cert-new-authority']]);
  });
});
