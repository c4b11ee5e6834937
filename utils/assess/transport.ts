import { hostShape } from '../host-shape';
import type { MainDocument, ProxyFacts } from '../page-view';
import type { Finding } from './posture';

// How the main document travelled, beyond "encrypted or not": an outdated TLS version, a certificate
// about to expire, an OCSP check that told the certificate authority about the visit, a proxy.

const OUTDATED_TLS = /^(SSLv[23]|TLSv1(\.0|\.1)?)$/i;
const DAY = 86_400_000;
/** Certificates expiring within this many days are reported (Let's Encrypt renews at 30 days left). */
export const EXPIRY_WARNING_DAYS = 14;
/** Tor Browser's SOCKS port, and the tor daemon's. */
const TOR_PORTS = new Set([9150, 9050]);

/** A proxy with Tor Browser's shape: SOCKS on this device, on Tor's port, resolving names itself. */
export function isTorShaped(p: ProxyFacts): boolean {
  return /^socks5?$/i.test(p.type) && hostShape(p.host).loopback && TOR_PORTS.has(p.port) && p.proxyDns;
}

/** `at` is when the page was loaded: the expiry is judged as of the visit, so assess() stays pure. */
export function transportFindings(main: MainDocument, at: number): Finding[] {
  const out: Finding[] = [];
  const sec = main.security;
  if (sec) {
    if (typeof sec.protocol === 'string' && OUTDATED_TLS.test(sec.protocol)) out.push({ id: 'tls-outdated', protocol: sec.protocol });
    const notAfter = sec.certificates?.[0]?.notAfter;
    if (typeof notAfter === 'number' && Number.isFinite(at) && notAfter >= at) {
      const days = Math.floor((notAfter - at) / DAY);
      if (days < EXPIRY_WARNING_DAYS) out.push({ id: 'certificate-expiring', days });
    }
    if (sec.usedOcsp === true) out.push({ id: 'ocsp-used' });
  }
  const p = main.proxy;
  if (p && p.type && p.type !== 'direct') {
    out.push(isTorShaped(p) ? { id: 'tor-proxy', host: p.host, port: p.port } : { id: 'proxy', type: p.type, host: p.host, port: p.port, proxyDns: p.proxyDns });
  }
  return out;
}
