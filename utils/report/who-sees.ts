import { unverified, viaTor, type ConnectionFacts } from './facts';

// Who can see what, for this one connection: rows are the parties on the way, columns what they might
// learn. Every cell is derived from this connection's facts and this browser's capabilities; where the
// browser said nothing, the cell says so, never a guess.
//
// source: ../shared/docs/what-https-hides.md, which cites
//   content and identity protected on a verified connection: RFC 8446 §1;
//   certificate in clear under TLS 1.2, encrypted under 1.3: RFC 8446 §1.2;
//   hostname in DNS unless DoH/DoT: RFC 8484, RFC 7858; in SNI unless ECH: RFC 9849;
//   server IP, timing and sizes always visible: RFC 8446 §5.4 (padding optional);
//   .onion is never looked up in DNS: RFC 7686; localhost never leaves the device: RFC 6761;
//   a VPN moves trust to its provider; Tor: the guard sees you, the exit sees the destination, no
//   single relay sees both (Tor Project glossary); through an exit an unverified certificate is how a
//   malicious exit reads HTTPS.

export const OBSERVERS = ['network', 'resolver', 'site', 'third-parties', 'proxy', 'vpn', 'tor-guard', 'tor-exit'] as const;
export type Observer = (typeof OBSERVERS)[number];
export const SUBJECTS = ['visit', 'content', 'ip'] as const;
export type Subject = (typeof SUBJECTS)[number];

/**
 * `partly`: some of it (the address but not the name; the http parts of a page). `likely`: the address
 * for certain, the name unless protections the browser does not report were used. `may-see`: it can, if
 * it is the one holding an unverified or added certificate. `if-used`: only if you use one (VPN, Tor).
 */
export type Seeing = 'sees' | 'partly' | 'likely' | 'may-see' | 'does-not-see' | 'if-used' | 'unknown';

export interface Cell {
  value: Seeing;
  /** Names the sentence that explains the cell (message `reason_<reason>`). */
  reason: string;
}

export type WhoRow = { observer: Observer } & Record<Subject, Cell>;

const cell = (value: Seeing, reason: string): Cell => ({ value, reason });
const row = (observer: Observer, visit: Cell, content: Cell, ip: Cell): WhoRow => ({ observer, visit, content, ip });

/** What the network between the browser and the first hop (site, proxy or Tor) learns of the visit. */
export function networkVisit(f: ConnectionFacts): Cell {
  const r = f.route;
  // An onion service is reached only through Tor: the network sees a connection into Tor.
  if (viaTor(f) || f.host.onion) return cell('does-not-see', 'torNet');
  if (r.kind === 'proxy' && r.onDevice) return cell('unknown', 'localProxyNet');
  // The way to a proxy is itself a connection on your network: only an https proxy encrypts it. Over
  // http (CONNECT host:port) or SOCKS, the network reads which site you ask the proxy for.
  if (r.kind === 'proxy') return r.protocol === 'https' ? cell('does-not-see', 'proxyNet') : cell('sees', 'proxyNetPlain');
  if (f.host.privateNetwork) return cell('sees', 'netLan');
  if (f.host.kind === 'ipv4' || f.host.kind === 'ipv6') return cell('sees', 'netIpLiteral');
  if (f.scheme === 'http') return cell('sees', 'netHttp');
  if (f.certificateInClear) return cell('sees', 'netNameCertificate');
  const { encryptedDns: dns, ech } = f;
  if (dns === 'not-used' && ech === 'not-used') return cell('sees', 'netNameDnsSni');
  if (ech === 'not-used') return cell('sees', 'netNameSni');
  if (dns === 'not-used') return cell('sees', 'netNameDns');
  if (dns === 'used' && ech === 'used') return cell('partly', 'netIpOnly');
  // The address for certain; the name unless encrypted DNS and ECH were used, which the browser did not
  // report here (Firefox at its certificate warning) or never reports (Chrome).
  if (dns === 'unknown' || ech === 'unknown') return cell('likely', 'netNameUnreported');
  return cell('likely', 'netNameLikely');
}

/** What an on-path party that does not hold the certificate's key can read of an https page. */
function tlsContent(f: ConnectionFacts): Cell {
  if (f.certificate === 'unknown') return cell('unknown', 'notObserved');
  if (f.certificate === 'stopped') return cell('does-not-see', 'certStopped');
  if (unverified(f)) return cell('may-see', viaTor(f) ? 'certUnverifiedTor' : 'certUnverified');
  if (f.root.kind === 'added') return cell('may-see', 'customRoot');
  if (f.content.httpHosts.length) return cell('partly', 'mixedRequests');
  // A form that posts over http would send what you type in the clear; a first request that a server
  // answered over http carried its address and cookies readable.
  if (f.content.insecureForms) return cell('partly', 'insecureForm');
  if (f.firstHop.kind === 'network') return cell('partly', 'firstHopHttp');
  // Only a full Firefox chain tells whether an added root vouched for this connection.
  return f.root.kind === 'built-in' ? cell('does-not-see', 'tlsContent') : cell('does-not-see', 'tlsContentNoRoot');
}

/** What anyone between the browser and the site (not only your network) can read of this page. */
export function pathContent(f: ConnectionFacts): Cell {
  if (f.host.loopback) return cell('does-not-see', 'loopback');
  if (f.host.onion) return cell('does-not-see', 'onionContent');
  if (f.scheme !== 'http') return tlsContent(f);
  if (viaTor(f)) return cell('sees', 'torExitReadsHttp');
  if (f.route.kind === 'proxy') return cell('sees', f.route.protocol === 'https' ? 'httpPastHttpsProxy' : 'httpViaProxy');
  return f.host.privateNetwork ? cell('sees', 'netReadsLan') : cell('sees', 'netReadsHttp');
}

function networkContent(f: ConnectionFacts): Cell {
  if (viaTor(f) || f.host.onion) return cell('does-not-see', 'torNetContent');
  if (f.scheme !== 'http') return tlsContent(f);
  if (f.route.kind === 'proxy' && f.route.onDevice) return cell('unknown', 'localProxyNet');
  if (f.route.kind === 'proxy' && f.route.protocol === 'https') return cell('does-not-see', 'proxyTlsContent');
  return f.host.privateNetwork ? cell('sees', 'netReadsLan') : cell('sees', 'netReadsHttp');
}

/** The address a server sees when this browser connects: yours, or that of the proxy or Tor exit. */
function ipCell(f: ConnectionFacts): Cell {
  if (viaTor(f)) return cell('does-not-see', 'torExitIp');
  if (f.route.kind === 'proxy' && !f.route.onDevice) return cell('does-not-see', 'proxyIp');
  if (f.route.kind === 'direct') return cell('sees', 'yourIpBrowserDirect');
  return cell('sees', 'yourIp');
}

function thirdPartyRow(f: ConnectionFacts): WhoRow {
  if (f.observed !== 'network') {
    const u = cell('unknown', 'notObserved');
    return row('third-parties', u, u, u);
  }
  if (!f.thirdParties) {
    const none = cell('does-not-see', 'noThirdParties');
    return row('third-parties', none, none, none);
  }
  return row('third-parties', cell('sees', 'thirdReferer'), cell('partly', 'thirdShared'), f.host.onion ? cell('does-not-see', 'torExitIp') : ipCell(f));
}

function resolverRow(f: ConnectionFacts): WhoRow {
  const noContent = cell('does-not-see', 'resolverNoContent');
  if (f.host.onion) return row('resolver', cell('does-not-see', 'noDnsOnion'), noContent, cell('does-not-see', 'noDnsOnion'));
  if (f.host.kind === 'ipv4' || f.host.kind === 'ipv6') return row('resolver', cell('does-not-see', 'noDnsIpLiteral'), noContent, cell('does-not-see', 'noDnsIpLiteral'));
  if (f.dnsByProxy) return row('resolver', cell('sees', 'resolverOfProxy'), noContent, cell('does-not-see', 'resolverOfProxy'));
  return row('resolver', cell('sees', 'resolverName'), noContent, cell('sees', 'resolverYourIp'));
}

function vpnRow(f: ConnectionFacts): WhoRow {
  if (viaTor(f) || f.host.onion) {
    const underTor = cell('does-not-see', 'vpnUnderTor');
    return row('vpn', underTor, underTor, cell('if-used', 'vpnIpIfUsed'));
  }
  let content: Cell;
  if (f.scheme === 'http') content = cell('if-used', 'vpnHttp');
  else if (f.certificate === 'unknown') content = cell('unknown', 'notObserved');
  else if (f.certificate === 'stopped') content = cell('does-not-see', 'certStopped');
  else if (unverified(f)) content = cell('may-see', 'certUnverified');
  else content = cell('does-not-see', 'vpnTls');
  return row('vpn', cell('if-used', 'vpnIfUsed'), content, cell('if-used', 'vpnIpIfUsed'));
}

/**
 * Tor, relay by relay: the entry (guard) sees your address but never the destination; the exit sees the
 * destination (and plain-http content) but never your address. An onion service has no exit.
 */
function torRows(f: ConnectionFacts): WhoRow[] {
  const used = viaTor(f) || f.host.onion;
  const guard = row('tor-guard', cell('does-not-see', 'torGuardNoDestination'), cell('does-not-see', 'torGuardNoContent'), used ? cell('sees', 'torGuard') : cell('if-used', 'torGuardIfUsed'));
  if (f.host.onion) {
    const none = cell('does-not-see', 'onionNoExit');
    return [guard, row('tor-exit', none, none, none)];
  }
  let content: Cell;
  if (f.scheme === 'http') content = used ? cell('sees', 'torExitReadsHttp') : cell('if-used', 'torExitHttp');
  else if (f.certificate === 'unknown') content = cell('unknown', 'notObserved');
  else if (f.certificate === 'stopped') content = cell('does-not-see', 'certStopped');
  else if (unverified(f)) content = cell(used ? 'may-see' : 'if-used', used ? 'certUnverifiedTor' : 'torExitUnverifiedIfUsed');
  else {
    // Through Tor, the http parts of an https page (references, a form's target, the first request) cross the exit in the clear.
    const parts = tlsContent(f);
    content = used && parts.value === 'partly' ? parts : cell('does-not-see', 'torTls');
  }
  const exit = row('tor-exit', used ? cell('sees', 'torExit') : cell('if-used', 'torExitIfUsed'), content, cell('does-not-see', 'torExitNoIp'));
  return [guard, exit];
}

export function whoSees(f: ConnectionFacts): WhoRow[] {
  if (f.host.loopback) {
    const local = cell('does-not-see', 'loopback');
    return [
      row('network', local, local, local),
      row('resolver', local, local, local),
      row('site', cell('sees', 'siteLocal'), cell('sees', 'siteLocal'), cell('does-not-see', 'siteLocalIp')),
      thirdPartyRow(f),
    ];
  }
  const stopped = f.certificate === 'stopped';
  const rows: WhoRow[] = [
    row('network', networkVisit(f), networkContent(f), cell('sees', 'netYourIp')),
    resolverRow(f),
    row('site', cell('sees', 'siteItself'), stopped ? cell('does-not-see', 'certStopped') : cell('sees', 'siteEndpoint'), f.host.onion ? cell('does-not-see', 'onionNoIp') : ipCell(f)),
    thirdPartyRow(f),
  ];
  const r = f.route;
  if (r.kind === 'proxy') {
    const content = f.scheme === 'http' ? cell('sees', 'proxyReadsHttp') : tlsContent(f);
    rows.push(row('proxy', cell('sees', 'proxySeesSite'), content, cell('sees', 'proxyYourIp')));
  }
  rows.push(vpnRow(f), ...torRows(f));
  return rows;
}
