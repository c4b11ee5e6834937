import { availability, type Capabilities } from '../capabilities';
import { hostFacts } from '../hosts';
import type { PageView, ProxyFacts } from '../page-view';
import { certificateTravelsInClear } from '../format';
import { hasFinding, type Posture } from './posture';
import { isTorShaped } from './transport';

// Who can see what, for this one connection: rows are the parties on the way, columns what they
// might learn. Every cell is derived from this tab's facts and the capabilities of this browser;
// where the browser said nothing, the cell says so ("unknown"), never a guess.
//
// source: /work/shared/docs/what-https-hides.md, which cites
//   content and identity protected on a verified connection: RFC 8446 §1;
//   certificate in clear under TLS 1.2, encrypted under 1.3: RFC 8446 §1.2 / §2;
//   hostname in DNS unless DoH/DoT: RFC 8484, RFC 7858; in SNI unless ECH: RFC 9849;
//   server IP, timing and sizes always visible: RFC 8446 §5.4 (padding optional);
//   .onion is never looked up in DNS: RFC 7686; localhost never leaves the device: RFC 6761;
//   VPN moves trust to its provider; Tor: guard sees you, exit sees the destination (Tor Project glossary).

export const OBSERVERS = ['network', 'resolver', 'site', 'third-parties', 'proxy', 'vpn', 'tor'] as const;
export type Observer = (typeof OBSERVERS)[number];
export const SUBJECTS = ['visit', 'content', 'ip'] as const;
export type Subject = (typeof SUBJECTS)[number];

/**
 * `partly`: some of it (the IP but not the name; the http parts of a page). `may-see`: it can, if it
 * is the one holding an unverified or added certificate. `if-used`: only if you use one (VPN, Tor).
 */
export type Seeing = 'sees' | 'partly' | 'may-see' | 'does-not-see' | 'if-used' | 'unknown';

export interface Cell {
  value: Seeing;
  /** Names the sentence that explains the cell (message `reason_<reason>`). */
  reason: string;
}

export type ExposureRow = { observer: Observer } & Record<Subject, Cell>;

/** How the browser reported one protection for this connection. */
export type Tristate = 'used' | 'not-used' | 'unknown' | 'unavailable' | 'not-applicable';

/** How this page's traffic left the browser, as far as the browser tells. */
export type Route = 'direct' | 'proxy' | 'local-proxy' | 'tor' | 'unknown';

export interface Exposure {
  /** False for browser pages and files: there is no connection to describe. */
  applies: boolean;
  route: Route;
  proxy?: ProxyFacts;
  /** The proxy (or Tor) looks up the site's name, not this device. */
  dnsByProxy: boolean;
  encryptedDns: Tristate;
  ech: Tristate;
  /** TLS 1.2 or older: the certificate, with the site's names, crossed the network unencrypted. */
  certificateInClear?: boolean;
  ocsp: boolean;
  /** What anyone on the way between the browser and the site could read: the page's own protection. */
  pathContent?: Cell;
  rows: ExposureRow[];
}

const cell = (value: Seeing, reason: string): Cell => ({ value, reason });
const row = (observer: Observer, visit: Cell, content: Cell, ip: Cell): ExposureRow => ({ observer, visit, content, ip });

function routeOf(view: PageView, caps: Capabilities, posture: Posture): Route {
  const raw = view.main?.proxy;
  const p = raw && typeof raw === 'object' && typeof raw.type === 'string' && typeof raw.host === 'string' ? raw : undefined;
  if (hasFinding(posture, 'tor-proxy') || (p && isTorShaped(p))) return 'tor';
  if (p && p.type !== 'direct') return hostFacts(p.host).loopback ? 'local-proxy' : 'proxy';
  // Firefox reports proxies on every request; its silence means no proxy in the browser (a system
  // VPN stays invisible to every extension, which the words say).
  return availability(caps, 'proxy') === 'available' && view.observed === 'network' ? 'direct' : 'unknown';
}

function tristate(value: unknown, caps: Capabilities, fact: 'ech' | 'encrypted-dns'): Tristate {
  if (typeof value === 'boolean') return value ? 'used' : 'not-used';
  return availability(caps, fact) === 'available' ? 'unknown' : 'unavailable';
}

export function exposure(view: PageView | undefined | null, caps: Capabilities, posture: Posture): Exposure {
  const v = posture.verdict;
  const host = posture.host;
  const sec = view?.main?.security;
  const none: Exposure = { applies: false, route: 'unknown', dnsByProxy: false, encryptedDns: 'not-applicable', ech: 'not-applicable', ocsp: false, rows: [] };
  const web = posture.scheme === 'http' || posture.scheme === 'https';
  if (!view || v === 'internal' || !web || host.kind === 'none') return none;

  const http = posture.scheme === 'http';
  const loopback = host.loopback;
  const onion = host.onion;
  const ipLiteral = host.kind === 'ipv4' || host.kind === 'ipv6';
  const route = routeOf(view, caps, posture);
  const proxy = route === 'proxy' || route === 'local-proxy' || route === 'tor' ? view.main?.proxy : undefined;
  const noName = loopback || onion || ipLiteral;
  const encryptedDns = noName ? 'not-applicable' : tristate(sec?.usedPrivateDns, caps, 'encrypted-dns');
  const ech = noName || http ? 'not-applicable' : tristate(sec?.usedEch, caps, 'ech');
  // Tor, http(s) proxies and SOCKS with proxyDNS look names up themselves; SOCKS without it leaves
  // the lookup to this device.
  const dnsByProxy = route === 'tor' || (route === 'proxy' && (!/^socks/.test(String(proxy?.type)) || !!proxy?.proxyDns));
  const base = { applies: true, route, proxy, dnsByProxy, encryptedDns, ech, ocsp: sec?.usedOcsp === true } as const;
  const certificateInClear = http ? undefined : certificateTravelsInClear(sec?.protocol);
  // Refused at the browser's warning page: no response came, so nothing of the page was exchanged.
  const stoppedAtWarning = !!hasFinding(posture, 'certificate-rejected') && view.main?.status === undefined;

  if (loopback) {
    const local = cell('does-not-see', 'loopback');
    const site = cell('sees', 'siteLocal');
    return {
      ...base,
      pathContent: local,
      rows: [
        row('network', local, local, local),
        row('resolver', local, local, local),
        row('site', site, site, cell('does-not-see', 'siteLocalIp')),
        thirdPartyRow(view, posture, route),
        row('vpn', local, local, local),
        row('tor', local, local, local),
      ],
    };
  }

  const viaTor = route === 'tor' || onion;
  const rows: ExposureRow[] = [
    row('network', networkVisit(), networkContent(), cell('sees', 'netYourIp')),
    resolverRow(),
    row('site', cell('sees', 'siteItself'), stoppedAtWarning ? cell('does-not-see', 'certStopped') : cell('sees', 'siteEndpoint'), onion ? cell('does-not-see', 'onionNoIp') : ipCell(route)),
    thirdPartyRow(view, posture, onion ? 'tor' : route),
  ];
  if (route === 'proxy' || route === 'local-proxy') {
    rows.push(row('proxy', cell('sees', 'proxySeesSite'), http ? cell('sees', 'proxyReadsHttp') : tlsContent(), cell('sees', 'proxyYourIp')));
  }
  rows.push(vpnRow(), torRow());
  return { ...base, certificateInClear, pathContent: pathContent(), rows };

  function networkVisit(): Cell {
    if (viaTor) return cell('does-not-see', 'torNet');
    if (route === 'local-proxy') return cell('unknown', 'localProxyNet');
    // The way to a proxy is itself a connection on your network: only an https proxy encrypts it. Over
    // http (CONNECT host:port) or SOCKS, the network reads which site you ask the proxy for.
    if (route === 'proxy') return proxy?.type === 'https' ? cell('does-not-see', 'proxyNet') : cell('sees', 'proxyNetPlain');
    if (host.privateNetwork) return cell('sees', 'netLan');
    if (ipLiteral) return cell('sees', 'netIpLiteral');
    if (http) return cell('sees', 'netHttp');
    if (certificateInClear) return cell('sees', 'netNameCertificate');
    if (encryptedDns === 'not-used' && ech === 'not-used') return cell('sees', 'netNameDnsSni');
    if (ech === 'not-used') return cell('sees', 'netNameSni');
    if (encryptedDns === 'not-used') return cell('sees', 'netNameDns');
    if (encryptedDns === 'used' && ech === 'used') return cell('partly', 'netIpOnly');
    // Firefox tells both, but not for a page it has no security info for (its certificate warning).
    if (encryptedDns === 'unknown' || ech === 'unknown') return cell('sees', 'netNameUnreported');
    return cell('sees', 'netNameLikely');
  }

  function networkContent(): Cell {
    if (viaTor) return cell('does-not-see', 'torNetContent');
    if (!http) return httpsContent();
    if (route === 'proxy' && proxy?.type === 'https') return cell('does-not-see', 'proxyTlsContent');
    if (route === 'local-proxy') return cell('unknown', 'localProxyNet');
    return host.privateNetwork ? cell('sees', 'netReadsLan') : cell('sees', 'netReadsHttp');
  }

  /** End to end: what anyone between the browser and the site (not only your network) can read. */
  function pathContent(): Cell {
    if (!http) return httpsContent();
    if (onion) return cell('does-not-see', 'onionContent');
    return route === 'tor' ? cell('sees', 'torExitReadsHttp') : networkContent();
  }

  function httpsContent(): Cell {
    if (v === 'unknown') return cell('unknown', 'notObserved');
    const c = tlsContent();
    if (c.value !== 'does-not-see') return c;
    if (hasFinding(posture, 'insecure-requests')) return cell('partly', 'mixedRequests');
    if (hasFinding(posture, 'insecure-form')) return cell('partly', 'insecureForm');
    if (hasFinding(posture, 'downgrade') || hasFinding(posture, 'first-hop-http')) return cell('partly', 'firstHopHttp');
    if (v === 'mixed') return cell('does-not-see', 'mixedBlocked');
    return c;
  }

  /** What an on-path party that is not the certificate's holder can read of an https page. */
  function tlsContent(): Cell {
    if (v === 'cert-error') {
      return stoppedAtWarning ? cell('does-not-see', 'certStopped') : cell('may-see', 'certUnverified');
    }
    if (v === 'custom-root') return cell('may-see', 'customRoot');
    if (v === 'unknown') return cell('unknown', 'notObserved');
    // Only a full Firefox chain tells whether an added root vouched for this connection.
    return sec?.chainComplete ? cell('does-not-see', 'tlsContent') : cell('does-not-see', 'tlsContentNoRoot');
  }

  function resolverRow(): ExposureRow {
    const noContent = cell('does-not-see', 'resolverNoContent');
    if (onion) return row('resolver', cell('does-not-see', 'noDnsOnion'), noContent, cell('does-not-see', 'noDnsOnion'));
    if (ipLiteral) return row('resolver', cell('does-not-see', 'noDnsIpLiteral'), noContent, cell('does-not-see', 'noDnsIpLiteral'));
    if (dnsByProxy) return row('resolver', cell('sees', 'resolverOfProxy'), noContent, cell('does-not-see', 'resolverOfProxy'));
    return row('resolver', cell('sees', 'resolverName'), noContent, cell('sees', 'resolverYourIp'));
  }

  function vpnRow(): ExposureRow {
    if (viaTor) {
      const underTor = cell('does-not-see', 'vpnUnderTor');
      return row('vpn', underTor, underTor, cell('if-used', 'vpnIpIfUsed'));
    }
    const content = http ? cell('if-used', 'vpnHttp') : v === 'cert-error' ? tlsContent() : v === 'unknown' ? cell('unknown', 'notObserved') : cell('does-not-see', 'vpnTls');
    return row('vpn', cell('if-used', 'vpnIfUsed'), content, cell('if-used', 'vpnIpIfUsed'));
  }

  function torRow(): ExposureRow {
    if (onion) return row('tor', cell('does-not-see', 'onionRelays'), cell('does-not-see', 'onionContent'), cell('sees', 'torGuard'));
    const tlsOrUnknown = v === 'unknown' ? cell('unknown', 'notObserved') : cell('does-not-see', 'torTls');
    if (route === 'tor') {
      return row('tor', cell('sees', 'torExit'), http ? cell('sees', 'torExitReadsHttp') : tlsOrUnknown, cell('sees', 'torGuard'));
    }
    return row('tor', cell('if-used', 'torExitIfUsed'), http ? cell('if-used', 'torExitHttp') : tlsOrUnknown, cell('if-used', 'torGuardIfUsed'));
  }
}

/** The address a server sees when this browser connects: yours, or that of the proxy or Tor exit. */
function ipCell(route: Route): Cell {
  if (route === 'tor') return cell('does-not-see', 'torExitIp');
  if (route === 'proxy') return cell('does-not-see', 'proxyIp');
  if (route === 'direct') return cell('sees', 'yourIpBrowserDirect');
  return cell('sees', 'yourIp');
}

function thirdPartyRow(view: PageView, posture: Posture, route: Route): ExposureRow {
  if (view.observed !== 'network') {
    const u = cell('unknown', 'notObserved');
    return row('third-parties', u, u, u);
  }
  if (!posture.thirdPartyHosts) {
    const none = cell('does-not-see', 'noThirdParties');
    return row('third-parties', none, none, none);
  }
  return row('third-parties', cell('sees', 'thirdReferer'), cell('partly', 'thirdShared'), ipCell(route));
}
