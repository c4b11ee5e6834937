import { describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import { EXPIRY_WARNING_DAYS, isTorShaped, transportFindings } from '@/utils/assess/transport';
import type { ConnectionSecurity, MainDocument } from '@/utils/page-view';

const DAY = 86_400_000;
const NOW = 1_800_000_000_000;
const sec = (over: Partial<ConnectionSecurity> = {}): ConnectionSecurity => ({ source: 'firefox', state: 'secure', protocol: 'TLSv1.3', certificates: [], ...over });
const main = (security?: ConnectionSecurity, proxy?: MainDocument['proxy']): MainDocument => ({ status: 200, security, proxy });

describe('transportFindings', () => {
  it('flags TLS 1.0 and 1.1 and SSL, not 1.2 or 1.3', () => {
    for (const p of ['TLSv1', 'TLSv1.0', 'TLSv1.1', 'SSLv3']) expect(transportFindings(main(sec({ protocol: p })), NOW), p).toEqual([{ id: 'tls-outdated', protocol: p }]);
    for (const p of ['TLSv1.2', 'TLSv1.3', undefined]) expect(transportFindings(main(sec({ protocol: p })), NOW), String(p)).toEqual([]);
  });

  it('warns about a leaf certificate that expires within 14 days of the visit', () => {
    const leaf = (days: number) => sec({ certificates: [{ notAfter: NOW + days * DAY }] });
    expect(transportFindings(main(leaf(3.5)), NOW)).toEqual([{ id: 'certificate-expiring', days: 3 }]);
    expect(transportFindings(main(leaf(0.2)), NOW)).toEqual([{ id: 'certificate-expiring', days: 0 }]);
    expect(transportFindings(main(leaf(EXPIRY_WARNING_DAYS)), NOW)).toEqual([]);
    // Already expired: the browser reports that as a certificate error, not as "expiring".
    expect(transportFindings(main(leaf(-1)), NOW)).toEqual([]);
  });

  it('reports OCSP and proxies', () => {
    expect(transportFindings(main(sec({ usedOcsp: true })), NOW)).toEqual([{ id: 'ocsp-used' }]);
    expect(transportFindings(main(undefined, { type: 'https', host: 'vpn.example', port: 443, proxyDns: true }), NOW)).toEqual([
      { id: 'proxy', type: 'https', host: 'vpn.example', port: 443, proxyDns: true },
    ]);
    expect(transportFindings(main(undefined, { type: 'direct', host: '', port: 0, proxyDns: false }), NOW)).toEqual([]);
  });

  it("knows Tor's shape and nothing close to it", () => {
    expect(isTorShaped({ type: 'socks', host: '127.0.0.1', port: 9150, proxyDns: true })).toBe(true);
    expect(isTorShaped({ type: 'socks', host: 'localhost', port: 9050, proxyDns: true })).toBe(true);
    expect(isTorShaped({ type: 'socks4', host: '127.0.0.1', port: 9150, proxyDns: true })).toBe(false);
    expect(isTorShaped({ type: 'socks', host: '10.0.0.1', port: 9150, proxyDns: true })).toBe(false);
    expect(isTorShaped({ type: 'socks', host: '127.0.0.1', port: 1080, proxyDns: true })).toBe(false);
  });

  it('is part of assess(), judged as of the visit', () => {
    const url = 'https://www.example.com/';
    const p = assess({
      schema: 1, tabId: 1, id: 'v', url, observed: 'network', startedAt: NOW - 10, committedAt: NOW, hops: [{ url }], hosts: {}, omittedRequests: 0, requests: 0,
      main: main(sec({ usedOcsp: true, certificates: [{ notAfter: NOW + 2 * DAY }] })),
    });
    expect(p.verdict).toBe('encrypted');
    expect(p.findings).toContainEqual({ id: 'certificate-expiring', days: 2 });
    expect(p.findings).toContainEqual({ id: 'ocsp-used' });
  });

  it('warns on the very day of the end, and only for a number and a visit time', () => {
    expect(transportFindings(main(sec({ certificates: [{ notAfter: NOW }] })), NOW)).toEqual([{ id: 'certificate-expiring', days: 0 }]);
    expect(transportFindings(main(sec({ certificates: [{ notAfter: String(NOW + DAY) as unknown as number }] })), NOW)).toEqual([]);
    expect(transportFindings(main(sec({ certificates: [{ notAfter: NOW + DAY }] })), Number.NaN)).toEqual([]);
  });

  it('matches protocol and proxy names whole', () => {
    for (const p of ['SSLv2', 'tlsv1.1', 'DTLSv1', 'TLSv1.10']) {
      expect(transportFindings(main(sec({ protocol: p })), NOW).length, p).toBe(p === 'SSLv2' || p === 'tlsv1.1' ? 1 : 0);
    }
    expect(isTorShaped({ type: 'SOCKS5', host: '127.0.0.1', port: 9150, proxyDns: true })).toBe(true);
    expect(isTorShaped({ type: 'nosocks', host: '127.0.0.1', port: 9150, proxyDns: true })).toBe(false);
    expect(isTorShaped({ type: 'socks', host: '127.0.0.1', port: 9150, proxyDns: false })).toBe(false);
  });

  it('survives odd security records', () => {
    expect(transportFindings({ security: { source: 'chrome', state: 'unknown' } as unknown as ConnectionSecurity }, NOW)).toEqual([]);
    expect(transportFindings(main(sec({ protocol: 5 as unknown as string })), Number.NaN)).toEqual([]);
  });
});
