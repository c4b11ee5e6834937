import { describe, expect, it } from 'vitest';
import type { Finding, Posture } from '@/utils/assess/posture';
import type { Capabilities } from '@/utils/capabilities';
import type { DocumentScan, HostContact, PageView, ProxyFacts } from '@/utils/page-view';
import { addressLabel, connectionFacts, plainHttp, unverified, viaTor, type Certificate } from '@/utils/report/facts';
import { CHROME, FIREFOX, firefoxTls, host, LEAF, view } from '../fixtures/popup-scenarios';
import { facts, HOST, HTTP_PAGE, posture, proxy, TOR } from '../support/connection-facts';

// connectionFacts one axis at a time: each case changes one fact of a recorded page view (or of the
// posture) and names the axis value that must follow.

const ff = (patch: Partial<PageView> = {}) => view('https://example.com/', { main: { status: 200, ip: '93.184.216.34', security: firefoxTls() }, ...patch });
const of = (v: PageView, p: Posture = posture(), caps: Capabilities = FIREFOX) => connectionFacts(v, p, caps);
const proxied = (proxy: Partial<ProxyFacts>) => ff({ main: { status: 200, security: firefoxTls(), proxy: { type: 'http', host: 'proxy.corp', port: 3128, proxyDns: false, ...proxy } as ProxyFacts } });

describe('the route', () => {
  it('is direct only where the browser reports proxies and saw the request; otherwise not reported', () => {
    expect(of(ff()).route).toEqual({ kind: 'direct' });
    expect(of(ff(), posture(), CHROME).route).toEqual({ kind: 'unreported' });
    expect(of(ff({ observed: 'commit' })).route).toEqual({ kind: 'unreported' });
  });

  it('takes the proxy\'s protocol from its type, and whether it runs on this device', () => {
    expect(of(proxied({ type: 'http' })).route).toMatchObject({ kind: 'proxy', protocol: 'http', onDevice: false });
    expect(of(proxied({ type: 'HTTPS' })).route).toMatchObject({ kind: 'proxy', protocol: 'https' });
    expect(of(proxied({ type: 'https-ish' })).route).toMatchObject({ kind: 'proxy', protocol: 'http' });
    expect(of(proxied({ type: 'socks4' })).route).toMatchObject({ kind: 'proxy', protocol: 'socks' });
    expect(of(proxied({ type: 'SOCKS' })).route).toMatchObject({ kind: 'proxy', protocol: 'socks' });
    expect(of(proxied({ type: 'xsocks' })).route).toMatchObject({ kind: 'proxy', protocol: 'http' });
    expect(of(proxied({ type: 'xhttps' })).route).toMatchObject({ kind: 'proxy', protocol: 'http' });
    expect(of(proxied({ host: '127.0.0.1' })).route).toMatchObject({ kind: 'proxy', onDevice: true });
    expect(of(proxied({ type: 'socks', host: '127.0.0.1', port: 9150, proxyDns: true })).route).toEqual({ kind: 'tor', proxy: { type: 'socks', host: '127.0.0.1', port: 9150, proxyDns: true } });
  });

  it('ignores a proxy that is "direct" or not shaped like one', () => {
    for (const p of [{ type: 'direct' }, { type: 1 }, { host: 2 }]) expect(of(proxied(p as never)).route, JSON.stringify(p)).toEqual({ kind: 'direct' });
    expect(of(ff({ main: { status: 200, proxy: 'socks' as never } })).route).toEqual({ kind: 'direct' });
  });
});

describe('the certificate and the root', () => {
  const cert = (v: PageView, ...findings: Finding[]) => of(v, posture('encrypted', findings)).certificate;

  it('follows the findings first: stopped at the warning, bypassed, broken, proceeded', () => {
    const rejected = { id: 'certificate-rejected', error: 'x' } as unknown as Finding;
    expect(cert(ff({ main: {} }), rejected)).toBe<Certificate>('stopped');
    expect(cert(ff(), rejected)).toBe<Certificate>('overridden');
    expect(cert(ff(), { id: 'certificate-override', category: 'x' } as Finding)).toBe<Certificate>('overridden');
    expect(cert(ff(), { id: 'security-broken' } as unknown as Finding)).toBe<Certificate>('broken');
    expect(cert(ff(), { id: 'certificate-proceeded' } as unknown as Finding)).toBe<Certificate>('proceeded');
  });

  it('is verified with a certificate, checked by the browser without one, unknown when nothing was seen', () => {
    expect(cert(ff())).toBe<Certificate>('verified');
    expect(cert(ff({ main: { status: 200, security: firefoxTls({ certificates: [] }) } }))).toBe<Certificate>('browser-checked');
    expect(cert(ff({ main: { status: 200, security: firefoxTls({ certificates: 'x' as never }) } }))).toBe<Certificate>('browser-checked');
    expect(cert(ff({ main: { status: 200 } }))).toBe<Certificate>('browser-checked');
    expect(cert(ff({ main: { status: 200 }, observed: 'commit' }))).toBe<Certificate>('unknown');
    expect(cert({ ...ff({ observed: 'commit' }), main: undefined } as unknown as PageView)).toBe<Certificate>('unknown');
    expect(of(view('http://example.com/'), posture('encrypted', [], HTTP_PAGE)).certificate).toBe<Certificate>('none');
  });

  it('reads the root from the last certificate of a complete chain only', () => {
    const root = (certs: PageView['main'], scheme = 'https') => of(ff({ main: certs }), posture('encrypted', [], { scheme })).root;
    expect(root({ security: firefoxTls() })).toEqual({ kind: 'built-in', name: 'ISRG Root X1' });
    expect(root({ security: firefoxTls({ chainComplete: false }) })).toEqual({ kind: 'unknown' });
    expect(root({ security: firefoxTls({ certificates: [] }) })).toEqual({ kind: 'unknown' });
    expect(root({ security: firefoxTls({ certificates: [LEAF, { subjectCommonName: 'Corp CA', isBuiltInRoot: false, sha256: 'AA' }] }) })).toEqual({ kind: 'added', name: 'Corp CA', sha256: 'AA' });
    expect(root({ security: firefoxTls({ certificates: [LEAF, { subject: 'O=Corp', isBuiltInRoot: false }] }) })).toMatchObject({ kind: 'added', name: 'O=Corp' });
    expect(root({ security: firefoxTls({ certificates: [LEAF, { issuer: 'O=Issuer', isBuiltInRoot: false }] }) })).toMatchObject({ kind: 'added', name: 'O=Issuer' });
    expect(root({ security: firefoxTls({ certificates: [LEAF, { isBuiltInRoot: false }] }) })).toMatchObject({ kind: 'added', name: '' });
    expect(root({ security: firefoxTls({ certificates: [LEAF, { subjectCommonName: 'X' }] }) })).toEqual({ kind: 'unknown' });
    expect(root({ security: firefoxTls() }, 'http')).toEqual({ kind: 'unknown' });
  });
});

describe('the first hop', () => {
  const hop = (hops: PageView['hops'], scheme = 'https') => of(ff({ hops }), posture('encrypted', [], { scheme })).firstHop;
  const last = { url: 'https://example.com/', status: 200, ip: '93.184.216.34' };

  it('is the first request of an https page that began on http', () => {
    expect(hop([{ url: 'http://example.com/', status: 301, ip: '93.184.216.34' }, last])).toEqual({ kind: 'network', from: 'http://example.com/' });
    expect(hop([{ url: 'HTTP://example.com/', status: 307 }, last])).toEqual({ kind: 'internal', from: 'HTTP://example.com/' });
    expect(hop([{ url: 'http://example.com/', status: 302 }, last])).toEqual({ kind: 'unconfirmed', from: 'http://example.com/' });
    expect(hop([{ url: 'http://example.com/' }, last])).toEqual({ kind: 'unconfirmed', from: 'http://example.com/' });
  });

  it('is none for one hop, an https start, another scheme, an http page or no hops at all', () => {
    expect(hop([last])).toEqual({ kind: 'none' });
    expect(hop([{ url: 'http://example.com/', status: 301, ip: '1.2.3.4' }])).toEqual({ kind: 'none' });
    expect(hop([{ url: 'httpx', status: 301, ip: '1.2.3.4' }, last])).toEqual({ kind: 'none' });
    expect(hop([{ url: 'https://a.example/', status: 301, ip: '1.2.3.4' }, last])).toEqual({ kind: 'none' });
    expect(hop([{ url: 'httpx://a.example/', status: 301, ip: '1.2.3.4' }, last])).toEqual({ kind: 'none' });
    expect(hop([{ url: ':http', status: 301, ip: '1.2.3.4' }, last])).toEqual({ kind: 'none' });
    expect(hop([{ url: 'http://example.com/', status: 301, ip: '1.2.3.4' }, last], 'http')).toEqual({ kind: 'none' });
    expect(hop('x' as never)).toEqual({ kind: 'none' });
  });
});

describe('what the page loaded', () => {
  const hosts = (...hs: HostContact[]) => Object.fromEntries(hs.map((h) => [h.host, h]));
  const scan = (s: Partial<DocumentScan>) => ({ insecure: {}, samples: [], insecureForms: 0, passwordFieldsOnHttp: 0, scannedAt: 1, ...s }) as DocumentScan;

  it('counts hosts that answered as contacted, and those that only failed apart', () => {
    const v = ff({ hosts: { ...hosts(host('a.test', 'third', []), host('b.test', 'first', [])), flaky: { ...host('flaky.test', 'third', []), errors: 3 }, failed: { host: 'failed.test', site: 'failed.test', party: 'third', requests: 0, schemes: {}, ips: [], errors: 2 }, silent: { host: 'silent.test', site: 'silent.test', party: 'third', requests: 0, schemes: {}, ips: [], errors: 0 }, junk: null as never, nameless: { requests: 3 } as never } });
    const f = of(v);
    expect(f.contacted.map((h) => h.host)).toEqual(['a.test', 'b.test', 'flaky.test']);
    expect(f.failed.map((h) => h.host)).toEqual(['failed.test']);
    expect(f.thirdParties).toBe(2);
    expect(of(ff({ hosts: 'x' as never })).contacted).toEqual([]);
  });

  it('lists hosts that answered over http or ws on an https page, never loopback ones', () => {
    const v = ff({ hosts: hosts(host('a.test', 'third', [], { http: 1 }), host('ws.test', 'third', [], { ws: 1 }), host('s.test', 'third', [], { https: 1, wss: 1 }), host('localhost', 'first', [], { http: 1 }), host('127.0.0.1', 'first', [], { http: 1 })) });
    expect(of(v).content.httpHosts).toEqual(['a.test', 'ws.test']);
    expect(of({ ...v, url: 'http://example.com/' }, posture('encrypted', [], HTTP_PAGE)).content.httpHosts).toEqual([]);
  });

  it('sums the scan\'s active and passive references and counts forms on https, password fields on http', () => {
    const s = scan({ insecure: { script: 1, stylesheet: 2, iframe: 4, object: 8, image: 16, media: 32, other: 64 }, insecureForms: 3, passwordFieldsOnHttp: 5 });
    expect(of(ff({ scan: s })).content).toEqual({ httpHosts: [], activeRefs: 15, passiveRefs: 112, insecureForms: 3, passwordFieldsOnHttp: 0 });
    expect(of(ff({ scan: s, url: 'http://example.com/' }), posture('encrypted', [], HTTP_PAGE)).content).toEqual({ httpHosts: [], activeRefs: 0, passiveRefs: 0, insecureForms: 0, passwordFieldsOnHttp: 5 });
    expect(of(ff({ scan: 'x' as never })).content).toEqual({ httpHosts: [], activeRefs: 0, passiveRefs: 0, insecureForms: 0, passwordFieldsOnHttp: 0 });
  });
});

describe('names, lookups and the handshake', () => {
  const sec = (patch: Parameters<typeof firefoxTls>[0]) => ff({ main: { status: 200, ip: '1.2.3.4', security: firefoxTls(patch) } });

  it('says whether encrypted DNS and ECH were used, unknown where the browser could say, unavailable where it cannot', () => {
    expect([of(sec({ usedPrivateDns: true, usedEch: true })).encryptedDns, of(sec({ usedPrivateDns: true, usedEch: true })).ech]).toEqual(['used', 'used']);
    expect([of(sec({ usedPrivateDns: false, usedEch: false })).encryptedDns, of(sec({ usedEch: false })).ech]).toEqual(['not-used', 'not-used']);
    expect([of(sec({ usedPrivateDns: undefined, usedEch: undefined })).encryptedDns, of(sec({ usedEch: undefined })).ech]).toEqual(['unknown', 'unknown']);
    const chrome = of(ff({ main: { status: 200 } }), posture(), CHROME);
    expect([chrome.encryptedDns, chrome.ech]).toEqual(['unavailable', 'unavailable']);
  });

  it('has no lookup for loopback, onion and IP-literal hosts, and no ECH for http', () => {
    for (const h of [{ loopback: true }, { onion: true }, { kind: 'ipv4' }, { kind: 'ipv6' }] as const) {
      const f = of(sec({ usedPrivateDns: true, usedEch: true }), posture('encrypted', [], { host: { ...HOST, ...h } }));
      expect([f.encryptedDns, f.ech], JSON.stringify(h)).toEqual(['not-applicable', 'not-applicable']);
    }
    const http = of(ff({ main: { status: 200, security: firefoxTls({ usedPrivateDns: true, usedEch: true }) } }), posture('encrypted', [], HTTP_PAGE));
    expect([http.encryptedDns, http.ech]).toEqual(['used', 'not-applicable']);
  });

  it('leaves the lookup to Tor and http(s) proxies, and to SOCKS only with proxyDNS', () => {
    expect(of(proxied({ type: 'http' })).dnsByProxy).toBe(true);
    expect(of(proxied({ type: 'https' })).dnsByProxy).toBe(true);
    expect(of(proxied({ type: 'socks' })).dnsByProxy).toBe(false);
    expect(of(proxied({ type: 'socks', proxyDns: true })).dnsByProxy).toBe(true);
    expect(of(proxied({ type: 'socks', host: '127.0.0.1', port: 9150, proxyDns: true })).dnsByProxy).toBe(true);
    expect(of(ff()).dnsByProxy).toBe(false);
  });

  it('says the certificate crossed in the clear for TLS 1.2 and older on https only', () => {
    expect(of(sec({ protocol: 'TLSv1.2' })).certificateInClear).toBe(true);
    expect(of(sec({ protocol: 'TLSv1.3' })).certificateInClear).toBe(false);
    expect(of(sec({ protocol: undefined })).certificateInClear).toBe(false);
    expect(of(ff({ main: { status: 200, security: firefoxTls({ protocol: 'TLSv1.2' }) } }), posture('encrypted', [], HTTP_PAGE)).certificateInClear).toBe(false);
  });

  it('keeps the address only as a non-empty string, and OCSP only when it was used', () => {
    expect(of(ff()).address).toBe('93.184.216.34');
    expect(of(ff({ main: { status: 200, ip: '' } })).address).toBeUndefined();
    expect(of(ff({ main: { status: 200, ip: 7 as never } })).address).toBeUndefined();
    expect(of(sec({ usedOcsp: true })).ocsp).toBe(true);
    expect(of(sec({ usedOcsp: 'yes' as never })).ocsp).toBe(false);
  });

  it('reads a damaged record as facts not given, and says whether it saw the page load', () => {
    const f = connectionFacts(null as never, posture(), FIREFOX);
    expect([f.route, f.certificate, f.contacted, f.observed]).toEqual([{ kind: 'unreported' }, 'unknown', [], undefined]);
    expect(of(ff()).observed).toBe('network');
    expect(of(ff(), posture('encrypted', [{ id: 'downgrade' } as unknown as Finding])).downgrade).toBe(true);
    expect(of(ff()).downgrade).toBe(false);
  });
});

describe('the helpers', () => {
  it('unverified: a bypassed, broken or proceeded certificate, nothing else', () => {
    const all: Certificate[] = ['none', 'unknown', 'stopped', 'overridden', 'broken', 'proceeded', 'verified', 'browser-checked'];
    expect(all.filter((c) => unverified(facts({ certificate: c })))).toEqual(['overridden', 'broken', 'proceeded']);
  });

  it('plainHttp and viaTor leave out loopback and onion hosts', () => {
    expect(plainHttp(facts({ scheme: 'http' }))).toBe(true);
    expect(plainHttp(facts())).toBe(false);
    expect(plainHttp(facts({ scheme: 'http' }, { loopback: true }))).toBe(false);
    expect(plainHttp(facts({ scheme: 'http' }, { onion: true }))).toBe(false);
    expect(viaTor(facts(TOR))).toBe(true);
    expect(viaTor(facts(proxy('socks')))).toBe(false);
    expect(viaTor(facts(TOR, { onion: true }))).toBe(false);
    expect(viaTor(facts(TOR, { loopback: true }))).toBe(false);
  });

  it('addressLabel: the proxy\'s, the server\'s where the browser says there is none or on loopback, else neutral', () => {
    expect(addressLabel(facts(proxy('http')))).toBe('label_proxyIp');
    expect(addressLabel(facts(TOR))).toBe('label_proxyIp');
    expect(addressLabel(facts())).toBe('label_serverIp');
    expect(addressLabel(facts({ route: { kind: 'unreported' } }, { loopback: true }))).toBe('label_serverIp');
    expect(addressLabel(facts({ route: { kind: 'unreported' } }))).toBe('label_connectedIp');
  });
});
