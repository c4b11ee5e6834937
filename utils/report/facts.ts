import { availability, type Capabilities } from '../capabilities';
import { certificateTravelsInClear } from '../format';
import { hostShape } from '../host-shape';
import type { HostFacts } from '../hosts';
import type { HostContact, Observed, PageView, ProxyFacts } from '../page-view';
import { hasFinding, type Posture } from '../assess/posture';
import { isTorShaped } from '../assess/transport';
import { count } from './count';

// The facts of one connection, each on its own axis, as the report's statements speak of them. A page
// can be mixed *and* intercepted *and* proxied *and* past a certificate warning at once: every
// statement reads the axis it is about, never the verdict (which only names the page).
// source: ../shared/docs/what-https-hides.md, "Conditions that change the answer".

/** How this page's traffic left the browser, as far as the browser tells. */
export type Route =
  /** Firefox reports proxies on every request; its silence means none in the browser. */
  | { kind: 'direct' }
  /** The browser does not tell extensions (Chrome), or Onlooker did not see the request. */
  | { kind: 'unreported' }
  | { kind: 'proxy'; proxy: ProxyFacts; protocol: 'http' | 'https' | 'socks'; onDevice: boolean }
  /** SOCKS on this device, on Tor's port, resolving names itself: Tor Browser's shape. */
  | { kind: 'tor'; proxy: ProxyFacts };

/** What vouched for the server: each value is a different answer to "who could be in between". */
export type Certificate =
  | 'none' // plain http: nothing
  | 'unknown' // https, but Onlooker did not see the connection
  | 'stopped' // the browser refused it and stopped at its warning: nothing was exchanged
  | 'overridden' // the warning was bypassed (Firefox override, or Chrome's refused-then-loaded)
  | 'broken' // the browser says the connection's security is broken
  | 'proceeded' // Chrome: this tab showed the site's certificate warning just before this page loaded
  | 'verified' // accepted, and the browser gave the certificate
  | 'browser-checked'; // accepted by the browser, which does not show it to extensions

export type Root =
  | { kind: 'built-in'; name: string }
  | { kind: 'added'; name: string; sha256?: string }
  /** The browser gives no chain (Chrome), or the chain did not reach a root. */
  | { kind: 'unknown' };

/** The first request of a page that ended on https but started on http://. */
export type FirstHop =
  | { kind: 'none' }
  /** A server answered it over plain http (it has an address): it really went out unencrypted. */
  | { kind: 'network'; from: string }
  /** An internal 307 with no address: HSTS, HTTPS-Upgrades or HTTPS-First rewrote it in the browser. */
  | { kind: 'internal'; from: string }
  /** No address and no internal-redirect status: whether it reached the network is not known. */
  | { kind: 'unconfirmed'; from: string };

export type Tristate = 'used' | 'not-used' | 'unknown' | 'unavailable' | 'not-applicable';

export interface ContentFacts {
  /** Hosts that answered plain http or ws requests of this page (loopback excluded). */
  httpHosts: string[];
  /** http: references the document scan saw (blocked or upgraded by the browser unless loaded). */
  activeRefs: number;
  passiveRefs: number;
  insecureForms: number;
  passwordFieldsOnHttp: number;
}

export interface ConnectionFacts {
  scheme: string;
  host: HostFacts;
  observed: Observed;
  route: Route;
  certificate: Certificate;
  root: Root;
  content: ContentFacts;
  firstHop: FirstHop;
  /** The page came over http after an https hop. */
  downgrade: boolean;
  encryptedDns: Tristate;
  ech: Tristate;
  /** The proxy or Tor looks the name up, not this device. */
  dnsByProxy: boolean;
  /** TLS 1.2 or older: the certificate, with the site's names, crossed the network unencrypted. */
  certificateInClear: boolean;
  /** The address the browser connected to: the server's, or the proxy's when one is in the way. */
  address?: string;
  /** Hosts that answered at least one request (they saw the user's address). */
  contacted: HostContact[];
  /** Hosts whose every request failed (blocked, DNS failure, refused): they saw nothing. */
  failed: HostContact[];
  thirdParties: number;
  ocsp: boolean;
}

const schemeOf = (url: string) => {
  const i = url.indexOf(':');
  return i > 0 ? url.slice(0, i).toLowerCase() : '';
};

function routeOf(view: PageView, caps: Capabilities): Route {
  const p = view.main?.proxy;
  const valid = p && typeof p === 'object' && typeof p.type === 'string' && typeof p.host === 'string' && p.type !== 'direct';
  if (valid) {
    if (isTorShaped(p)) return { kind: 'tor', proxy: p };
    const protocol = /^socks/i.test(p.type) ? 'socks' : /^https$/i.test(p.type) ? 'https' : 'http';
    return { kind: 'proxy', proxy: p, protocol, onDevice: hostShape(p.host).loopback };
  }
  return availability(caps, 'proxy') === 'available' && view.observed === 'network' ? { kind: 'direct' } : { kind: 'unreported' };
}

function certificateOf(view: PageView, posture: Posture, scheme: string): Certificate {
  if (scheme !== 'https') return 'none';
  const main = view.main ?? {};
  if (hasFinding(posture, 'certificate-rejected')) return main.status === undefined ? 'stopped' : 'overridden';
  if (hasFinding(posture, 'certificate-override')) return 'overridden';
  if (hasFinding(posture, 'security-broken')) return 'broken';
  if (hasFinding(posture, 'certificate-proceeded')) return 'proceeded';
  const sec = main.security;
  if (sec && Array.isArray(sec.certificates) && sec.certificates.length) return 'verified';
  if (sec || view.observed === 'network') return 'browser-checked';
  return 'unknown';
}

function rootOf(view: PageView): Root {
  const sec = view.main?.security;
  const certs = sec && Array.isArray(sec.certificates) ? sec.certificates : [];
  const last = sec?.chainComplete ? certs[certs.length - 1] : undefined;
  if (!last) return { kind: 'unknown' };
  const name = last.subjectCommonName || last.subject || last.issuer || '';
  if (last.isBuiltInRoot === false) return { kind: 'added', name, sha256: last.sha256 };
  return last.isBuiltInRoot ? { kind: 'built-in', name } : { kind: 'unknown' };
}

function firstHopOf(view: PageView, scheme: string): FirstHop {
  const hops = Array.isArray(view.hops) ? view.hops : [];
  const first = hops[0];
  if (scheme !== 'https' || hops.length < 2 || !first || schemeOf(first.url) !== 'http') return { kind: 'none' };
  if (first.ip) return { kind: 'network', from: first.url };
  if (first.status === 307) return { kind: 'internal', from: first.url };
  return { kind: 'unconfirmed', from: first.url };
}

function tristate(value: unknown, caps: Capabilities, fact: 'ech' | 'encrypted-dns'): Tristate {
  if (typeof value === 'boolean') return value ? 'used' : 'not-used';
  return availability(caps, fact) === 'available' ? 'unknown' : 'unavailable';
}

function hostList(view: PageView): HostContact[] {
  const hosts = view.hosts && typeof view.hosts === 'object' ? Object.values(view.hosts) : [];
  return hosts.filter((h): h is HostContact => !!h && typeof h === 'object' && typeof h.host === 'string');
}

export function connectionFacts(raw: PageView, posture: Posture, caps: Capabilities): ConnectionFacts {
  // A damaged record must not take the popup down: read what is there, as facts that were not given.
  const view = (raw && typeof raw === 'object' ? raw : {}) as PageView;
  const scheme = posture.scheme;
  const host = posture.host;
  const main = view.main ?? {};
  const sec = main.security;
  const route = routeOf(view, caps);
  const all = hostList(view);
  // Counts from a record are compared only as numbers: an object there would be converted, and can throw.
  const contacted = all.filter((h) => count(h.requests) > 0);
  const failed = all.filter((h) => !(count(h.requests) > 0) && count(h.errors) > 0);
  const noName = host.loopback || host.onion || host.kind === 'ipv4' || host.kind === 'ipv6';
  const http = scheme === 'http';
  const scan = view.scan && typeof view.scan === 'object' ? view.scan : undefined;
  const refs = scan?.insecure ?? {};
  return {
    scheme,
    host,
    observed: view.observed,
    route,
    certificate: certificateOf(view, posture, scheme),
    root: scheme === 'https' ? rootOf(view) : { kind: 'unknown' },
    content: {
      httpHosts: http ? [] : contacted.filter((h) => (count(h.schemes?.http) || count(h.schemes?.ws)) && !hostShape(h.host).loopback).map((h) => h.host),
      activeRefs: http ? 0 : count(refs.script) + count(refs.stylesheet) + count(refs.iframe) + count(refs.object),
      passiveRefs: http ? 0 : count(refs.image) + count(refs.media) + count(refs.other),
      insecureForms: http ? 0 : count(scan?.insecureForms),
      passwordFieldsOnHttp: http ? count(scan?.passwordFieldsOnHttp) : 0,
    },
    firstHop: firstHopOf(view, scheme),
    downgrade: !!hasFinding(posture, 'downgrade'),
    encryptedDns: noName ? 'not-applicable' : tristate(sec?.usedPrivateDns, caps, 'encrypted-dns'),
    ech: noName || http ? 'not-applicable' : tristate(sec?.usedEch, caps, 'ech'),
    // Tor, http(s) proxies and SOCKS with proxyDNS look names up themselves; SOCKS without it leaves
    // the lookup to this device.
    dnsByProxy: route.kind === 'tor' || (route.kind === 'proxy' && (route.protocol !== 'socks' || route.proxy.proxyDns)),
    certificateInClear: !http && certificateTravelsInClear(sec?.protocol) === true,
    address: typeof main.ip === 'string' && main.ip ? main.ip : undefined,
    contacted,
    failed,
    thirdParties: contacted.filter((h) => h.party === 'third').length,
    ocsp: sec?.usedOcsp === true,
  };
}

/** The certificate was not verified, yet the page was exchanged: whoever answered may read it. */
export const unverified = (f: ConnectionFacts) => f.certificate === 'overridden' || f.certificate === 'broken' || f.certificate === 'proceeded';

/** Plain http that crosses a network (not loopback, not an onion service). */
export const plainHttp = (f: ConnectionFacts) => f.scheme === 'http' && !f.host.loopback && !f.host.onion;

/** Through Tor to the open internet (an onion service has no exit; loopback never leaves the device). */
export const viaTor = (f: ConnectionFacts) => f.route.kind === 'tor' && !f.host.onion && !f.host.loopback;

/**
 * The label of the address the browser connected to: a proxy's when one is in the way; the server's
 * only where the browser says there is none (Firefox); otherwise neutral, as Chrome does not say.
 */
export function addressLabel(f: ConnectionFacts): string {
  if (f.route.kind === 'proxy' || f.route.kind === 'tor') return 'label_proxyIp';
  return f.route.kind === 'direct' || f.host.loopback ? 'label_serverIp' : 'label_connectedIp';
}
