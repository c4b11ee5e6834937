import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import { CHROME_DEFAULT, FIREFOX_DEFAULT, type Capabilities } from '@/utils/capabilities';
import { hostTlsOf } from '@/utils/host-tls';
import type { ConnectionSecurity, HostContact, HostTls, PageView } from '@/utils/page-view';
import { report } from '@/utils/report';
import { failReason, HOST_ROWS } from '@/utils/report/hosts-table';

const NOW = Date.UTC(2026, 11, 1);
const DAY = 86_400_000;

function contact(host: string, party: 'first' | 'third', o: Partial<HostContact> = {}): HostContact {
  return { host, site: host, party, requests: 1, schemes: { https: 1 }, ips: ['93.184.216.34'], errors: 0, ...o };
}

function page(hosts: HostContact[], main: PageView['main'] = { status: 200, ip: '93.184.216.34' }): PageView {
  return {
    schema: 1, tabId: 1, id: 'v', url: 'https://www.example.com/', observed: 'network', startedAt: 0, committedAt: 1,
    hops: [{ url: 'https://www.example.com/', status: 200, ip: '93.184.216.34' }], main,
    hosts: Object.fromEntries(hosts.map((h) => [h.host, h])), omittedRequests: 0, requests: hosts.length,
  };
}

const table = (v: PageView, caps: Capabilities = FIREFOX_DEFAULT) => report(v, assess(v), caps, {}, NOW).hosts;
const tls = (root: HostTls['root'], o: Partial<HostTls> = {}): HostTls => ({ root, protocol: 'TLSv1.3', issuer: 'R11', notAfter: NOW + 30 * DAY + 1000, ...o });

describe('the host table', () => {
  it('lists this site first, then the hosts with the most requests', () => {
    const t = table(page([contact('a.cdn.test', 'third', { requests: 2 }), contact('b.ads.test', 'third', { requests: 9 }), contact('www.example.com', 'first', { requests: 1 })]));
    expect(t.rows.map((r) => r.host)).toEqual(['www.example.com', 'b.ads.test', 'a.cdn.test']);
    expect(t.rows[1]).toMatchObject({ party: 'third', requests: 9, schemes: ['https'] });
  });

  it('gives each scheme a host was reached over, and each address with its family', () => {
    const t = table(page([contact('chat.test', 'third', { schemes: { https: 2, wss: 1, ws: 1, http: 3 }, ips: ['64:ff9b::5db8:d822', '::ffff:10.0.0.1', '2001:4860::1'] })]));
    const row = t.rows[0]!;
    expect(row.schemes).toEqual(['https', 'http', 'wss', 'ws']);
    expect(row.addresses.map((a) => [a.family, a.ipv4])).toEqual([['nat64', '93.184.216.34'], ['mapped', '10.0.0.1'], ['ipv6', undefined]]);
    expect(row.addresses[1]!.scope).toBe('private');
  });

  it('lists hosts whose every request failed apart, with why, and does not count them', () => {
    const v = page([contact('www.example.com', 'first'), contact('blocked.test', 'third', { requests: 0, schemes: {}, ips: [], errors: 3, lastError: 'net::ERR_BLOCKED_BY_CLIENT' }), contact('gone.test', 'third', { requests: 0, schemes: {}, ips: [], errors: 1, lastError: 'NS_ERROR_UNKNOWN_HOST' })]);
    const r = report(v, assess(v), CHROME_DEFAULT, {}, NOW);
    expect(r.hosts.rows.map((x) => x.host)).toEqual(['www.example.com']);
    expect(r.hosts.failed).toEqual([
      { host: 'blocked.test', party: 'third', errors: 3, reason: 'blocked', error: 'net::ERR_BLOCKED_BY_CLIENT' },
      { host: 'gone.test', party: 'third', errors: 1, reason: 'dns', error: 'NS_ERROR_UNKNOWN_HOST' },
    ]);
    expect(r.facts.thirdParties).toBe(0);
  });

  it.each([
    ['net::ERR_NAME_NOT_RESOLVED', 'dns'],
    ['net::ERR_CONNECTION_REFUSED', 'refused'],
    ['NS_ERROR_CONNECTION_REFUSED', 'refused'],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'certificate'],
    ['net::ERR_BLOCKED_BY_CLIENT', 'blocked'],
    ['net::ERR_TIMED_OUT', 'other'],
  ])('reads %s as %s', (e, want) => expect(failReason(e)).toBe(want));

  it('is bounded, with the overflow counted', () => {
    const hosts = Array.from({ length: HOST_ROWS + 15 }, (_, i) => contact(`h${i}.test`, 'third'));
    const t = table(page(hosts));
    expect(t.rows).toHaveLength(HOST_ROWS);
    expect(t.more).toBe(15);
  });

  it('labels every address the proxy\'s when the page went through one', () => {
    const v = page([contact('www.example.com', 'first', { proxied: true }), contact('cdn.test', 'third', { proxied: true })], {
      status: 200, ip: '10.0.0.8', proxy: { type: 'http', host: 'proxy.corp', port: 3128, proxyDns: false },
    });
    const t = table(v);
    expect(t.addressKey).toBe('label_proxyIp');
    expect(t.rows.every((r) => r.addressKey === 'label_proxyIp')).toBe(true);
  });

  it('never calls an address the server\'s in Chrome, which does not say whether a proxy was used', () => {
    const t = table(page([contact('cdn.test', 'third')]), CHROME_DEFAULT);
    expect(t.rows[0]!.addressKey).toBe('label_connectedIp');
  });

  it('says once that Chrome gives no TLS per host, and gives none per row', () => {
    const t = table(page([contact('cdn.test', 'third', { tls: tls('built-in') })]), CHROME_DEFAULT);
    expect(t.tls).toBe('unavailable');
    expect(t.rows[0]!.tls).toBeUndefined();
  });

  it('gives Firefox\'s TLS per host: version, root, issuer, days left', () => {
    const t = table(page([contact('cdn.test', 'third', { tls: tls('built-in', { rootName: 'ISRG Root X1' }) }), contact('old.test', 'third', { tls: tls('built-in', { notAfter: NOW - 2 * DAY }) })]));
    expect(t.tls).toBe('per-host');
    expect(t.rows.find((r) => r.host === 'cdn.test')!.tls).toEqual({ root: 'built-in', protocol: 'TLSv1.3', issuer: 'R11', rootName: 'ISRG Root X1', daysLeft: 30 });
    expect(t.rows.find((r) => r.host === 'old.test')!.tls!.daysLeft).toBe(-2);
    expect(t.interception).toBeUndefined();
  });

  it('says once that per-host TLS is off when the user has not turned it on (Firefox), keeping the page\'s own', () => {
    const v = page([contact('cdn.test', 'third')], { status: 200, ip: '93.184.216.34', security: { source: 'firefox', state: 'secure', protocol: 'TLSv1.3', chainComplete: true, certificates: [{ issuerCommonName: 'R11' }, { subjectCommonName: 'ISRG Root X1', isBuiltInRoot: true }] } });
    const t = report(v, assess(v), FIREFOX_DEFAULT, { hostTls: false }, NOW).hosts;
    expect(t.tls).toBe('off');
    expect(report(v, assess(v), FIREFOX_DEFAULT, { hostTls: true }, NOW).hosts.tls).toBe('per-host');
    expect(report(v, assess(v), CHROME_DEFAULT, { hostTls: true }, NOW).hosts.tls).toBe('unavailable');
  });

  it('names the hosts when only some of them are vouched for by an added root', () => {
    const t = table(page([
      contact('www.example.com', 'first', { tls: tls('built-in') }),
      contact('mail.example.com', 'first', { tls: tls('added', { rootName: 'Corp Inspection CA' }) }),
      contact('cdn.test', 'third', { tls: tls('built-in') }),
    ]));
    expect(t.interception).toEqual({ hosts: ['mail.example.com'], more: 0, roots: ['Corp Inspection CA'], builtIn: 2 });
  });

  it('counts the main document\'s chain for its host, and says nothing when every chain ends alike', () => {
    const security = (builtIn: boolean): ConnectionSecurity => ({
      source: 'firefox', state: 'secure', protocol: 'TLSv1.3', chainComplete: true,
      certificates: [{ subjectCommonName: 'www.example.com', issuerCommonName: 'Corp CA' }, { subjectCommonName: 'Corp CA', isBuiltInRoot: builtIn }],
    });
    const added = { status: 200, ip: '93.184.216.34', security: security(false) };
    expect(table(page([contact('cdn.test', 'third', { tls: tls('built-in') })], added)).interception).toMatchObject({ hosts: ['www.example.com'], roots: ['Corp CA'] });
    expect(table(page([contact('cdn.test', 'third', { tls: tls('added', { rootName: 'Corp CA' }) })], added)).interception).toBeUndefined();
  });

  it('survives any host record', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ host: fc.string({ maxLength: 20 }), party: fc.constantFrom('first', 'third'), requests: fc.anything(), errors: fc.anything(), ips: fc.anything(), schemes: fc.anything(), tls: fc.anything() }), { maxLength: 8 }), (hs) => {
        const t = table(page(hs as unknown as HostContact[]));
        expect(t.rows.length + t.failed.length).toBeLessThanOrEqual(hs.length);
      }),
    );
  });

  it('survives counts that are objects which cannot be turned into numbers (found by the property above)', () => {
    const hostile = { toString: false, valueOf: false } as unknown as number;
    const t = table(page([{ host: 'a.example', site: 'a.example', party: 'third', requests: hostile, errors: hostile, ips: [], schemes: {} } as HostContact]));
    expect(t.rows.length + t.failed.length).toBe(0);
  });
});

describe('the host table at its edges', () => {
  const FIREFOX_NO_INFO: Capabilities = { ...FIREFOX_DEFAULT, securityInfo: 'none' };
  const failed = (host: string, party: 'first' | 'third', errors: number, lastError?: unknown) => contact(host, party, { requests: 0, schemes: {}, ips: [], errors, lastError: lastError as string });

  it('orders hosts of one party and equal requests by name, and failed hosts by party, then errors', () => {
    expect(table(page([contact('c.test', 'third'), contact('a.test', 'third'), contact('b.test', 'third'), contact('a.test.', 'third')])).rows.map((r) => r.host)).toEqual(['a.test', 'a.test.', 'b.test', 'c.test']);
    const t = table(page([contact('www.example.com', 'first'), failed('x.test', 'third', 1), failed('y.test', 'third', 5), failed('b.test', 'third', 1), failed('own.example.com', 'first', 1)]));
    expect(t.failed.map((r) => r.host)).toEqual(['own.example.com', 'y.test', 'b.test', 'x.test']);
  });

  it('bounds the failed hosts too, and clips their error names', () => {
    const t = table(page(Array.from({ length: HOST_ROWS + 3 }, (_, i) => failed(`f${i}.test`, 'third', 1, `E${'x'.repeat(200)}`))));
    expect(t.failed).toHaveLength(HOST_ROWS);
    expect(t.failedMore).toBe(3);
    expect(t.failed[0]!.error).toHaveLength(120);
    expect(table(page([failed('f.test', 'third', 2, 42)])).failed).toEqual([{ host: 'f.test', party: 'third', errors: 2, reason: 'other' }]);
    expect(table(page([failed('f.test', 'third', 2)])).failedMore).toBe(0);
  });

  it('is "listed" when any host answered or failed, "none" for a page seen without hosts, "not-observed" otherwise', () => {
    expect(table(page([failed('f.test', 'third', 1)])).state).toBe('listed');
    expect(table(page([contact('a.test', 'third')])).state).toBe('listed');
    expect(table(page([])).state).toBe('none');
    expect(table({ ...page([]), observed: 'commit' }).state).toBe('not-observed');
    expect(table({ ...page([]), omittedRequests: 7 }).omittedRequests).toBe(7);
  });

  it('reads schemes, addresses and TLS from damaged host records as absent', () => {
    const t = table(page([contact('a.test', 'third', { schemes: undefined as never, ips: 'x' as never, tls: 'x' as never }), contact('b.test', 'third', { ips: ['192.0.2.1', 7 as never], tls: { root: 'other' } as never })]));
    expect(t.rows.map((r) => [r.host, r.schemes, r.addresses.map((a) => a.text ?? a), r.tls])).toEqual([
      ['a.test', [], [], undefined],
      ['b.test', ['https'], [expect.anything()], undefined],
    ]);
    expect(t.rows[1]!.addresses).toHaveLength(1);
  });

  it('keeps each TLS field only when it is of its kind, and an unknown root as such', () => {
    const row = (t: Partial<HostTls>) => table(page([contact('a.test', 'third', { tls: { root: 'unknown', ...t } as HostTls })])).rows[0]!.tls;
    expect(row({})).toEqual({ root: 'unknown' });
    expect(row({ protocol: 1, rootName: 2, issuer: 3, notAfter: '4' } as never)).toEqual({ root: 'unknown' });
    expect(row({ notAfter: Number.POSITIVE_INFINITY })).toEqual({ root: 'unknown' });
    expect(row({ protocol: 'TLSv1.2', rootName: 'R', issuer: 'I', notAfter: NOW + DAY })).toEqual({ root: 'unknown', protocol: 'TLSv1.2', rootName: 'R', issuer: 'I', daysLeft: 1 });
    expect(table(page([contact('a.test', 'third', { tls: null as never })])).rows[0]!.tls).toBeUndefined();
  });

  it('gives per-host TLS only where Firefox gives security info', () => {
    const t = table(page([contact('a.test', 'third', { tls: tls('built-in') })]), FIREFOX_NO_INFO);
    expect(t.tls).toBe('unavailable');
    expect(t.rows[0]!.tls).toBeUndefined();
  });

  it('lends the main document\'s TLS to its own host only, and only where the host has none', () => {
    const security: ConnectionSecurity = { source: 'firefox', state: 'secure', protocol: 'TLSv1.3', chainComplete: true, certificates: [{ issuerCommonName: 'R11' }, { subjectCommonName: 'ISRG Root X1', isBuiltInRoot: true }] };
    const main = { status: 200, ip: '93.184.216.34', security };
    const t = table(page([contact('www.example.com', 'first'), contact('cdn.test', 'third'), contact('api.example.com', 'first', { tls: tls('added', { rootName: 'Corp' }) })], main));
    const of = (h: string) => t.rows.find((r) => r.host === h)!.tls;
    expect(of('www.example.com')).toEqual({ root: 'built-in', protocol: 'TLSv1.3', rootName: 'ISRG Root X1', issuer: 'R11' });
    expect(of('cdn.test')).toBeUndefined();
    expect(of('api.example.com')?.root).toBe('added');
    // Counted once, as a row: one added, one built-in.
    expect(t.interception).toEqual({ hosts: ['api.example.com'], more: 0, roots: ['Corp'], builtIn: 1 });
    expect(table(page([contact('www.example.com', 'first')], { status: 200, security: { ...security, source: 'chrome' } as never })).rows[0]!.tls).toBeUndefined();
    expect(table({ ...page([contact('www.example.com', 'first')], main), url: 'not a url' }).rows[0]!.tls).toBeUndefined();
    expect(table({ ...page([contact('a.test', 'third')]), main: undefined as never }).rows).toHaveLength(1);
  });

  it('names at most ten intercepted hosts and three roots, each root once, none unnamed', () => {
    const hosts = [contact('www.example.com', 'first', { tls: tls('built-in') }), ...Array.from({ length: 12 }, (_, i) => contact(`h${String(i).padStart(2, '0')}.test`, 'third', { tls: tls('added', { rootName: ['A', 'B', '', 'A', 'C', 'D'][i % 6] }) }))];
    const i = table(page(hosts)).interception!;
    expect(i.hosts).toEqual(['h00.test', 'h01.test', 'h02.test', 'h03.test', 'h04.test', 'h05.test', 'h06.test', 'h07.test', 'h08.test', 'h09.test']);
    expect(i.more).toBe(2);
    expect(i.roots).toEqual(['A', 'B', 'C']);
    expect(i.builtIn).toBe(1);
    expect(table(page(hosts), FIREFOX_NO_INFO).interception).toBeUndefined();
  });
});

describe('hostTlsOf', () => {
  it('tells a chain that ends in an added root from one that ends in a built-in root, and one that ends nowhere', () => {
    const certs = [{ issuerCommonName: 'Corp CA', notAfter: 5 }, { subjectCommonName: 'Corp CA', sha256: 'AB:CD', isBuiltInRoot: false }];
    expect(hostTlsOf({ source: 'firefox', state: 'secure', protocol: 'TLSv1.2', chainComplete: true, certificates: certs })).toEqual({ root: 'added', protocol: 'TLSv1.2', rootName: 'Corp CA', rootSha256: 'AB:CD', issuer: 'Corp CA', notAfter: 5 });
    expect(hostTlsOf({ source: 'firefox', state: 'secure', chainComplete: true, certificates: [certs[0]!, { ...certs[1]!, isBuiltInRoot: true }] }).root).toBe('built-in');
    expect(hostTlsOf({ source: 'firefox', state: 'secure', chainComplete: false, certificates: certs }).root).toBe('unknown');
  });
});
