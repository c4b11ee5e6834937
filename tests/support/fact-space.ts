import fc from 'fast-check';
import type { Capabilities } from '@/utils/capabilities';
import type { CertificateFacts, ConnectionSecurity, DocumentScan, HostContact, Hop, PageView, ProxyFacts } from '@/utils/page-view';

// The whole space of facts a report can be asked about, as fast-check arbitraries: every axis of a
// page view that changes what is true (scheme and hops, certificate, chain, content, route, DNS and
// ECH, how much was observed, hosts that failed, kinds of host) in every combination, for each
// browser's capabilities. `Axes` names the choice on each axis, so that an invariant can speak of
// the facts ("an added root applies") without re-deriving them from the view.

export type Browser = 'firefox' | 'chrome' | 'chrome-flag';
export type HopsAxis = 'none' | 'http-upgrade-network' | 'http-upgrade-internal' | 'downgrade';
export type CertAxis = 'verified' | 'refused' | 'overridden' | 'proceeded' | 'broken';
export type ChainAxis = 'built-in' | 'added' | 'unknown';
export type ContentAxis = 'all-https' | 'http-loaded' | 'http-blocked' | 'form-to-http' | 'password-on-http';
export type RouteAxis = 'direct' | 'http-proxy' | 'https-proxy' | 'socks-proxy' | 'tor' | 'local-proxy' | 'unreported';
export type Tri = 'used' | 'not-used' | 'not-reported';
export type HostAxis = 'domain' | 'loopback' | 'lan-ip' | 'lan-name' | 'onion' | 'ip-literal' | 'idn' | 'lookalike' | 'cgnat';
export type ObservedAxis = 'network' | 'commit' | 'tab';

export interface Axes {
  browser: Browser;
  scheme: 'http' | 'https';
  hops: HopsAxis;
  cert: CertAxis;
  chain: ChainAxis;
  content: ContentAxis;
  route: RouteAxis;
  dns: Tri;
  ech: Tri;
  observed: ObservedAxis;
  failedThirdParty: boolean;
  thirdParties: number;
  host: HostAxis;
  tls: 'TLSv1.3' | 'TLSv1.2';
}

export interface FactCase {
  axes: Axes;
  view: PageView;
  caps: Capabilities;
}

const NOW = Date.UTC(2026, 5, 1);
const DAY = 86_400_000;
const SERVER_IP = '203.0.113.10';

const HOSTNAMES: Record<HostAxis, string> = {
  domain: 'shop.example.com',
  loopback: 'localhost',
  'lan-ip': '192.168.1.20',
  'lan-name': 'nas.local',
  onion: 'duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion',
  'ip-literal': '198.51.100.20',
  idn: 'xn--bcher-kva.example',
  // "раураӏ.com" in Cyrillic letters only: a whole-script confusable of paypal.com.
  lookalike: 'xn--80aa0cbo65f.com',
  cgnat: '100.64.3.4',
};

const PROXIES: Record<Exclude<RouteAxis, 'direct' | 'unreported'>, ProxyFacts> = {
  'http-proxy': { type: 'http', host: 'proxy.corp.example', port: 3128, proxyDns: false },
  'https-proxy': { type: 'https', host: 'proxy.corp.example', port: 443, proxyDns: false },
  'socks-proxy': { type: 'socks', host: '192.0.2.50', port: 1080, proxyDns: false },
  tor: { type: 'socks', host: '127.0.0.1', port: 9150, proxyDns: true },
  'local-proxy': { type: 'http', host: '127.0.0.1', port: 8080, proxyDns: false },
};

function cert(name: string, issuer: string, builtIn: boolean | undefined): CertificateFacts {
  return { subjectCommonName: name, issuerCommonName: issuer, subject: `CN=${name}`, issuer: `CN=${issuer}`, notBefore: NOW - 30 * DAY, notAfter: NOW + 60 * DAY, sha256: `${name.length}`.padStart(4, '0'), isBuiltInRoot: builtIn };
}

function contact(name: string, party: 'first' | 'third', schemes: HostContact['schemes'], ips: string[], errors = 0): HostContact {
  const requests = Object.values(schemes).reduce((a, b) => a + (b ?? 0), 0);
  return { host: name, site: name.split('.').slice(-2).join('.'), party, requests, schemes, ips, errors, ...(errors ? { lastError: 'net::ERR_BLOCKED_BY_CLIENT' } : {}) };
}

/** Builds the page view a browser would have given Onlooker for these choices. */
export function buildCase(a: Axes): FactCase {
  const firefox = a.browser === 'firefox';
  const caps: Capabilities = firefox
    ? { browser: 'firefox', securityInfo: 'firefox' }
    : { browser: 'chrome', securityInfo: a.browser === 'chrome-flag' ? 'chrome-flag' : 'none' };
  const hostname = HOSTNAMES[a.host];
  const url = `${a.scheme}://${hostname.includes(':') ? `[${hostname}]` : hostname}/account?token=SECRET#frag`;
  const proxy = firefox && a.route !== 'direct' && a.route !== 'unreported' ? PROXIES[a.route] : undefined;
  const ip = proxy ? (proxy.host === '127.0.0.1' ? '127.0.0.1' : '192.0.2.50') : a.host === 'loopback' ? '127.0.0.1' : SERVER_IP;
  const https = a.scheme === 'https';

  const hops: Hop[] = [];
  if (a.hops === 'http-upgrade-network' && https) hops.push({ url: url.replace('https:', 'http:'), status: 301, ip });
  if (a.hops === 'http-upgrade-internal' && https) hops.push({ url: url.replace('https:', 'http:'), status: 307 });
  if (a.hops === 'downgrade' && !https) hops.push({ url: url.replace('http:', 'https:'), status: 301, ip });

  const refused = https && a.cert === 'refused';
  hops.push(refused ? { url } : { url, status: 200, ip });

  let security: ConnectionSecurity | undefined;
  if (https && !refused && a.observed !== 'tab') {
    const leaf = cert(hostname, 'Example Issuing CA', false);
    if (firefox) {
      const root = a.chain === 'added' ? cert('Corp Inspection Root', 'Corp Inspection Root', false) : cert('Example Root CA', 'Example Root CA', true);
      const chain = a.chain === 'unknown' ? [leaf] : [leaf, cert('Example Issuing CA', root.subjectCommonName!, false), root];
      security = {
        source: 'firefox',
        state: a.cert === 'broken' ? 'broken' : 'secure',
        protocol: a.tls,
        certificates: a.cert === 'overridden' ? [] : chain,
        chainComplete: a.cert !== 'overridden' && a.chain !== 'unknown',
        ...(a.cert === 'overridden' ? { overriddenError: 'trust_error' } : {}),
        ...(a.dns === 'not-reported' ? {} : { usedPrivateDns: a.dns === 'used' }),
        ...(a.ech === 'not-reported' ? {} : { usedEch: a.ech === 'used' }),
        usedOcsp: false,
      };
    } else if (a.browser === 'chrome-flag') {
      security = { source: 'chrome', state: a.cert === 'broken' || a.cert === 'overridden' ? 'broken' : 'secure', certificates: [leaf] };
    }
  } else if (!https && firefox && a.observed !== 'tab') {
    security = { source: 'firefox', state: 'insecure', certificates: [] };
  }

  const hosts: Record<string, HostContact> = Object.create(null) as Record<string, HostContact>;
  if (a.observed === 'network' && !refused) hosts[hostname] = contact(hostname, 'first', { [a.scheme]: 2 }, [ip]);
  if (a.observed === 'network') {
    for (let i = 0; i < a.thirdParties; i++) {
      const name = `cdn${i}.thirdparty.test`;
      hosts[name] = contact(name, 'third', { https: 1 }, ['198.51.100.' + (i + 1)]);
    }
    if (a.content === 'http-loaded') hosts['img.plain.test'] = contact('img.plain.test', 'third', { http: 2 }, ['198.51.100.99']);
    // As the recorder keeps them: a host whose every request failed has errors and no answered request.
    if (a.failedThirdParty) hosts['blocked.tracker.test'] = contact('blocked.tracker.test', 'third', {}, [], 3);
  }

  let scan: DocumentScan | undefined;
  if (a.observed !== 'tab' && !refused) {
    const insecure: DocumentScan['insecure'] = {};
    const samples: DocumentScan['samples'] = [];
    if (a.content === 'http-loaded' || a.content === 'http-blocked') {
      insecure.image = 1;
      insecure.script = 1;
      samples.push({ kind: 'script', url: 'http://img.plain.test/app.js?session=SECRET#x' });
    }
    scan = {
      insecure: https ? insecure : {},
      samples: https ? samples : [],
      insecureForms: https && a.content === 'form-to-http' ? 1 : 0,
      passwordFieldsOnHttp: !https && a.content === 'password-on-http' ? 1 : 0,
      scannedAt: NOW,
    };
  }

  const main: PageView['main'] = a.observed === 'tab' ? {} : { status: refused ? undefined : 200, ip: refused ? undefined : ip };
  if (refused) main.error = firefox ? 'SEC_ERROR_UNKNOWN_ISSUER' : 'net::ERR_CERT_AUTHORITY_INVALID';
  if (security) main.security = security;
  if (proxy && a.observed !== 'tab') main.proxy = proxy;
  if (https && a.cert === 'proceeded' && !firefox && a.observed !== 'tab') main.proceededPastError = 'net::ERR_CERT_AUTHORITY_INVALID';
  if (main.status === undefined) delete main.status;
  if (main.ip === undefined) delete main.ip;

  const view: PageView = {
    schema: 1,
    tabId: 3,
    id: 'case',
    url,
    observed: a.observed,
    startedAt: NOW,
    committedAt: NOW + 40,
    hops: a.observed === 'tab' ? [{ url }] : hops,
    main,
    hosts,
    omittedRequests: 0,
    requests: Object.values(hosts).reduce((n, h) => n + h.requests, 0),
    ...(scan ? { scan } : {}),
  };
  return { axes: a, view, caps };
}

export const axesArbitrary: fc.Arbitrary<Axes> = fc.record({
  browser: fc.constantFrom<Browser>('firefox', 'chrome', 'chrome-flag'),
  scheme: fc.constantFrom<'http' | 'https'>('http', 'https'),
  hops: fc.constantFrom<HopsAxis>('none', 'http-upgrade-network', 'http-upgrade-internal', 'downgrade'),
  cert: fc.constantFrom<CertAxis>('verified', 'refused', 'overridden', 'proceeded', 'broken'),
  chain: fc.constantFrom<ChainAxis>('built-in', 'added', 'unknown'),
  content: fc.constantFrom<ContentAxis>('all-https', 'http-loaded', 'http-blocked', 'form-to-http', 'password-on-http'),
  route: fc.constantFrom<RouteAxis>('direct', 'http-proxy', 'https-proxy', 'socks-proxy', 'tor', 'local-proxy', 'unreported'),
  dns: fc.constantFrom<Tri>('used', 'not-used', 'not-reported'),
  ech: fc.constantFrom<Tri>('used', 'not-used', 'not-reported'),
  observed: fc.constantFrom<ObservedAxis>('network', 'network', 'network', 'commit', 'tab'),
  failedThirdParty: fc.boolean(),
  thirdParties: fc.integer({ min: 0, max: 3 }),
  host: fc.constantFrom<HostAxis>('domain', 'domain', 'loopback', 'lan-ip', 'lan-name', 'onion', 'ip-literal', 'idn', 'lookalike', 'cgnat'),
  tls: fc.constantFrom<'TLSv1.3' | 'TLSv1.2'>('TLSv1.3', 'TLSv1.3', 'TLSv1.2'),
});

export const factCase: fc.Arbitrary<FactCase> = axesArbitrary.map(buildCase);

/** Facts that hold for a case, named as the invariants speak of them. */
export function applies(a: Axes) {
  const https = a.scheme === 'https';
  const firefox = a.browser === 'firefox';
  const seen = a.observed !== 'tab';
  const special = a.host === 'loopback' || a.host === 'onion';
  const route: RouteAxis = firefox && seen ? a.route : 'unreported';
  return {
    https,
    http: !https && !special,
    addedRoot: https && seen && firefox && a.chain === 'added' && a.cert !== 'refused' && a.cert !== 'overridden',
    certProblem:
      https &&
      seen &&
      (a.cert === 'refused' ||
        (a.browser !== 'chrome' && (a.cert === 'overridden' || a.cert === 'broken')) ||
        (a.browser === 'chrome' && a.cert === 'proceeded')),
    route,
    tor: route === 'tor' && !special,
    proxied: route !== 'direct' && route !== 'unreported',
    internalFirstHop: https && a.hops === 'http-upgrade-internal' && seen,
    httpLoaded: https && a.content === 'http-loaded' && a.observed === 'network' && a.cert !== 'refused',
    httpBlockedOnly: https && a.content === 'http-blocked' && seen && a.cert !== 'refused',
    special,
  };
}
