import { describe, expect, it } from 'vitest';
import { hostTlsOf } from '@/utils/host-tls';
import { LIMITS, SECURITY_HEADERS, type PageView } from '@/utils/page-view';
import { validatePageView } from '@/utils/storage/view';

// validatePageView member by member: a view with every optional part present, each list and string
// at its bound, is accepted as it is; one member off (one past its bound, the wrong type, an unknown
// name) rejects the whole view. Written for the mutants that survived in utils/storage/view.ts.

const s = (n: number, c = 'a') => c.repeat(n);
const url = (n: number) => `https://a.example/${s(n - 18, 'p')}`;
/** A host name of exactly `n` characters, labels of at most 63. */
const hostOf = (n: number, tag: string) => {
  const labels: string[] = [tag];
  let len = tag.length;
  while (len < n) {
    const take = Math.min(63, n - len - 1);
    labels.push(s(take, 'b'));
    len += take + 1;
  }
  return labels.join('.');
};

/**
 * A view with every optional member present. `atBounds`: each list and string at its bound (large: used
 * once); otherwise short, so that the many edits below stay cheap.
 */
function full(atBounds = false): PageView {
  const n = (max: number) => (atBounds ? max : 2);
  const len = (max: number) => (atBounds ? max : 8);
  const longUrl = atBounds ? url(LIMITS.urlChars) : 'https://a.example/p';
  const hosts: Record<string, unknown> = {};
  for (let i = 0; i < n(LIMITS.hosts); i++) {
    const name = i === 0 ? 'a.example' : `h${i}.example`;
    hosts[name] = {
      host: name,
      site: i === 0 ? hostOf(LIMITS.hostChars, 's') : name,
      party: i === 0 ? 'first' : 'third',
      requests: 3,
      errors: 1,
      ips: Array.from({ length: n(LIMITS.ipsPerHost) }, (_, k) => (k === 0 ? s(len(LIMITS.idChars), '1') : `192.0.2.${k}`)),
      lastError: s(len(LIMITS.errorChars), 'e'),
      proxied: false,
      schemes: { http: 1, https: 1, ws: 0, wss: 1, other: 0 },
      ...(i === 0 ? { tls: { root: 'added', protocol: s(len(256), 'P'), rootName: s(len(256), 'R'), rootSha256: s(len(256), 'F'), issuer: s(len(256), 'I'), notAfter: 9.5 } } : {}),
      ...(i === 1 ? { tls: { root: 'unknown' } } : {}),
    };
  }
  const headers = Object.fromEntries(
    SECURITY_HEADERS.map((h) => [h, Array.from({ length: n(LIMITS.headerValues) }, () => s(len(h.startsWith('content-security-policy') ? LIMITS.cspChars : LIMITS.headerValueChars), 'v'))]),
  );
  return {
    schema: 1,
    tabId: 7,
    id: s(len(LIMITS.idChars), 'i'),
    url: longUrl,
    observed: 'network',
    startedAt: 1.5,
    committedAt: 2.5,
    hops: Array.from({ length: n(LIMITS.hops) }, (_, i) => ({ url: i === 0 ? longUrl : `https://a.example/${i}`, status: 301, ip: s(len(LIMITS.idChars), '2') })),
    main: {
      status: 200,
      ip: s(len(LIMITS.idChars), '3'),
      fromCache: false,
      error: s(len(LIMITS.errorChars), 'e'),
      headers,
      cookies: Array.from({ length: n(LIMITS.cookies) }, (_, i) => ({
        name: i === 0 ? s(len(64), 'n') : `c${i}`,
        secure: true,
        httpOnly: false,
        persistent: true,
        sameSite: s(len(16), 'l'),
        prefix: i % 2 ? 'host' : 'secure',
        domain: atBounds ? hostOf(253, 'd') : 'd.example',
      })),
      cookiesOmitted: 2,
      security: {
        source: 'firefox',
        state: 'secure',
        protocol: s(len(256), 't'),
        secretKeyLength: 256,
        hsts: true,
        weaknessReasons: Array.from({ length: n(128) }, () => s(len(256), 'w')),
        problems: ['p'],
        chainComplete: true,
        certificates: Array.from({ length: n(16) }, () => ({
          subject: s(len(4096), 'S'),
          subjectAltNames: Array.from({ length: n(128) }, () => s(len(256), 'n')),
          notAfter: 10,
          isBuiltInRoot: true,
        })),
      },
      proxy: { type: s(len(64), 'y'), host: atBounds ? hostOf(LIMITS.hostChars, 'x') : 'proxy.example', port: 9050, proxyDns: true },
      proceededPastError: s(len(LIMITS.errorChars), 'r'),
      truncatedHeaders: [...SECURITY_HEADERS],
    },
    hosts: hosts as PageView['hosts'],
    omittedRequests: 4,
    requests: 5,
    scan: {
      insecure: { script: 1, stylesheet: 0, iframe: 1, image: 2, media: 0, object: 0, form: 1, other: 3 },
      samples: Array.from({ length: n(LIMITS.scanRefs) }, (_, i) => ({ kind: i ? 'image' : 'script', url: longUrl })),
      insecureForms: 1,
      passwordFieldsOnHttp: 0,
      scannedAt: 3.5,
      truncated: true,
    },
    incognito: false,
    documentIds: Array.from({ length: n(LIMITS.documentIds) }, () => s(len(LIMITS.idChars), 'D')),
    mainRequestId: s(len(LIMITS.idChars), 'q'),
    site: atBounds ? hostOf(LIMITS.hostChars, 'z') : 'a.example',
    hostCount: n(LIMITS.hosts),
    notKept: { samples: 1, headerValues: 2, cookies: 3, hosts: 4, hostRequests: 5, minimal: false },
    droppedEvents: 6,
  };
}

/** `length` copies of `item`: a list one past its bound. */
const many = <T>(length: number, item: (i: number) => T) => Array.from({ length }, (_, i) => item(i));

// The edits reach into any member and write values of the wrong type on purpose: typed loosely.
type Loose = any;
type Edit = (v: Loose) => void;

const host0 = (v: Loose) => v.hosts['a.example'];
const cert0 = (v: Loose) => v.main.security.certificates[0];

/** Each edit makes one member invalid; the view must then be refused as a whole. */
const BROKEN: Record<string, Edit> = {
  'schema 2': (v) => (v.schema = 2),
  'id too long': (v) => (v.id = s(LIMITS.idChars + 1)),
  'id a number': (v) => (v.id = 1),
  'url too long': (v) => (v.url = url(LIMITS.urlChars + 1)),
  'observed unknown': (v) => (v.observed = 'guess'),
  'startedAt infinite': (v) => (v.startedAt = Infinity),
  'committedAt a string': (v) => (v.committedAt = '2'),
  'no hops': (v) => (v.hops = []),
  'hops not a list': (v) => (v.hops = { 0: { url: 'https://a.example/' } }),
  'one hop too many': (v) => (v.hops = many(LIMITS.hops + 1, () => ({ url: 'https://a.example/' }))),
  'hop not an object': (v) => (v.hops[1] = 'https://a.example/'),
  'hop url too long': (v) => (v.hops[1].url = url(LIMITS.urlChars + 1)),
  'hop status negative': (v) => (v.hops[1].status = -1),
  'hop status fractional': (v) => (v.hops[1].status = 1.5),
  'hop ip too long': (v) => (v.hops[1].ip = s(LIMITS.idChars + 1)),
  'main missing': (v) => delete v.main,
  'main a list': (v) => (v.main = []),
  'main status a string': (v) => (v.main.status = '200'),
  'main ip too long': (v) => (v.main.ip = s(LIMITS.idChars + 1)),
  'main fromCache a string': (v) => (v.main.fromCache = 'yes'),
  'main error too long': (v) => (v.main.error = s(LIMITS.errorChars + 1)),
  'headers a list': (v) => (v.main.headers = [['x']]),
  'header not a security header': (v) => (v.main.headers['x-evil'] = ['1']),
  'header values not a list': (v) => (v.main.headers['referrer-policy'] = 'no-referrer'),
  'one header value too many': (v) => (v.main.headers['referrer-policy'] = many(LIMITS.headerValues + 1, () => 'x')),
  'header value too long': (v) => (v.main.headers['x-frame-options'][0] = s(LIMITS.headerValueChars + 1)),
  'header value a number': (v) => (v.main.headers['x-frame-options'][0] = 1),
  'csp value too long': (v) => (v.main.headers['content-security-policy'][0] = s(LIMITS.cspChars + 1)),
  'csp-report-only value too long': (v) => (v.main.headers['content-security-policy-report-only'][0] = s(LIMITS.cspChars + 1)),
  'cookies not a list': (v) => (v.main.cookies = {}),
  'one cookie too many': (v) => (v.main.cookies = many(LIMITS.cookies + 1, () => ({ ...v.main.cookies[1] }))),
  'cookie not an object': (v) => (v.main.cookies[1] = 'a=b'),
  'cookie name too long': (v) => (v.main.cookies[0].name = s(65)),
  'cookie secure a string': (v) => (v.main.cookies[1].secure = 'true'),
  'cookie httpOnly missing': (v) => delete v.main.cookies[1].httpOnly,
  'cookie persistent a number': (v) => (v.main.cookies[1].persistent = 1),
  'cookie sameSite too long': (v) => (v.main.cookies[1].sameSite = s(17)),
  'cookie prefix unknown': (v) => (v.main.cookies[1].prefix = 'other'),
  'cookie domain too long': (v) => (v.main.cookies[1].domain = s(254)),
  'cookiesOmitted negative': (v) => (v.main.cookiesOmitted = -1),
  'security a string': (v) => (v.main.security = 'secure'),
  'security source unknown': (v) => (v.main.security.source = 'safari'),
  'security state unknown': (v) => (v.main.security.state = 'fine'),
  'security certificates missing': (v) => delete v.main.security.certificates,
  'one certificate too many': (v) => (v.main.security.certificates = many(17, () => ({}))),
  'certificate not an object': (v) => (v.main.security.certificates[1] = 'cert'),
  'certificate string too long': (v) => (cert0(v).subject = s(4097)),
  'certificate number infinite': (v) => (cert0(v).notAfter = Infinity),
  'certificate member an object': (v) => (cert0(v).issuer = { cn: 'x' }),
  'certificate isBuiltInRoot a string': (v) => (cert0(v).isBuiltInRoot = 'true'),
  'certificate subjectAltNames a string': (v) => (cert0(v).subjectAltNames = 'a.example'),
  'one subjectAltName too many': (v) => (cert0(v).subjectAltNames = many(129, () => 'x')),
  'subjectAltName too long': (v) => (cert0(v).subjectAltNames[0] = s(257)),
  'security member an object': (v) => (v.main.security.hsts = { on: true }),
  'security string too long': (v) => (v.main.security.protocol = s(257)),
  'security number infinite': (v) => (v.main.security.secretKeyLength = Infinity),
  'weaknessReasons a string': (v) => (v.main.security.weaknessReasons = 'weak'),
  'problems too many': (v) => (v.main.security.problems = many(129, () => 'p')),
  'proxy a string': (v) => (v.main.proxy = 'socks'),
  'proxy type too long': (v) => (v.main.proxy.type = s(65)),
  'proxy host too long': (v) => (v.main.proxy.host = s(LIMITS.hostChars + 1)),
  'proxy port negative': (v) => (v.main.proxy.port = -1),
  'proxy proxyDns a string': (v) => (v.main.proxy.proxyDns = 'true'),
  'proceededPastError too long': (v) => (v.main.proceededPastError = s(LIMITS.errorChars + 1)),
  'truncatedHeaders not a list': (v) => (v.main.truncatedHeaders = 'referrer-policy'),
  'truncatedHeaders too many': (v) => v.main.truncatedHeaders.push('referrer-policy'),
  'truncatedHeaders unknown name': (v) => (v.main.truncatedHeaders = ['x-evil']),
  'truncatedHeaders not a string': (v) => (v.main.truncatedHeaders = [{}]),
  'omittedRequests negative': (v) => (v.omittedRequests = -1),
  'requests fractional': (v) => (v.requests = 1.5),
  'hostCount a string': (v) => (v.hostCount = '3'),
  'droppedEvents negative': (v) => (v.droppedEvents = -1),
  'scan a string': (v) => (v.scan = 'scan'),
  'scan insecure missing': (v) => delete v.scan.insecure,
  'scan insecure kind unknown': (v) => (v.scan.insecure.font = 1),
  'scan insecure count negative': (v) => (v.scan.insecure.image = -1),
  'scan samples missing': (v) => delete v.scan.samples,
  'one scan sample too many': (v) => (v.scan.samples = many(LIMITS.scanRefs + 1, () => ({ kind: 'image', url: 'http://a.example/' }))),
  'scan sample not an object': (v) => (v.scan.samples[1] = 'http://a.example/'),
  'scan sample kind unknown': (v) => (v.scan.samples[1].kind = 'font'),
  'scan sample url too long': (v) => (v.scan.samples[1].url = url(LIMITS.urlChars + 1)),
  'scan insecureForms negative': (v) => (v.scan.insecureForms = -1),
  'scan passwordFieldsOnHttp a string': (v) => (v.scan.passwordFieldsOnHttp = '0'),
  'scan scannedAt missing': (v) => delete v.scan.scannedAt,
  'scan truncated a string': (v) => (v.scan.truncated = 'yes'),
  'incognito a string': (v) => (v.incognito = 'no'),
  'mainRequestId too long': (v) => (v.mainRequestId = s(LIMITS.idChars + 1)),
  'site too long': (v) => (v.site = s(LIMITS.hostChars + 1)),
  'documentIds a string': (v) => (v.documentIds = 'D'),
  'one documentId too many': (v) => (v.documentIds = many(LIMITS.documentIds + 1, () => 'D')),
  'documentId too long': (v) => (v.documentIds[0] = s(LIMITS.idChars + 1)),
  'notKept a number': (v) => (v.notKept = 3),
  'notKept minimal a number': (v) => (v.notKept.minimal = 1),
  'notKept count negative': (v) => (v.notKept.hosts = -1),
  'notKept count a boolean': (v) => (v.notKept.samples = true),
  'hosts missing': (v) => delete v.hosts,
  'hosts a list': (v) => (v.hosts = []),
  'one host too many': (v) => {
    for (let i = 0; i < LIMITS.hosts; i++) v.hosts[`x${i}.example`] = { ...host0(v), host: `x${i}.example` };
  },
  'host key not a host name': (v) => {
    delete v.hosts['h1.example'];
    v.hosts[`${s(64)}.example`] = { ...host0(v), host: `${s(64)}.example` };
  },
  'host key and host differ': (v) => (host0(v).host = 'b.example'),
  'host not an object': (v) => (v.hosts['h1.example'] = 'h1.example'),
  'host site too long': (v) => (host0(v).site = s(LIMITS.hostChars + 1)),
  'host party unknown': (v) => (host0(v).party = 'second'),
  'host requests negative': (v) => (host0(v).requests = -1),
  'host errors missing': (v) => delete host0(v).errors,
  'host ips not a list': (v) => (host0(v).ips = '192.0.2.1'),
  'one host ip too many': (v) => (host0(v).ips = many(LIMITS.ipsPerHost + 1, (i) => `192.0.2.${i}`)),
  'host ip too long': (v) => (host0(v).ips[1] = s(LIMITS.idChars + 1)),
  'host lastError too long': (v) => (host0(v).lastError = s(LIMITS.errorChars + 1)),
  'host proxied a string': (v) => (host0(v).proxied = 'no'),
  'host schemes missing': (v) => delete host0(v).schemes,
  'host scheme unknown': (v) => (host0(v).schemes.gopher = 1),
  'host tls a string': (v) => (host0(v).tls = 'TLSv1.3'),
  'host tls root unknown': (v) => (host0(v).tls.root = 'own'),
  'host tls root missing': (v) => delete host0(v).tls.root,
  'host tls protocol too long': (v) => (host0(v).tls.protocol = s(257)),
  'host tls rootName too long': (v) => (host0(v).tls.rootName = s(257)),
  'host tls rootSha256 a number': (v) => (host0(v).tls.rootSha256 = 1),
  'host tls issuer an object': (v) => (host0(v).tls.issuer = {}),
  'host tls notAfter infinite': (v) => (host0(v).tls.notAfter = Infinity),
  'host scheme count negative': (v) => (host0(v).schemes.https = -1),
};

describe('validatePageView', () => {
  it('accepts a view with every member at its bound, as it is, with a null-prototype host table', () => {
    const v = full(true);
    const back = validatePageView(structuredClone(v), 7)!;
    expect(back).toBeDefined();
    expect(Object.getPrototypeOf(back.hosts)).toBeNull();
    expect({ ...back, hosts: { ...back.hosts } }).toEqual(v);
  });

  it('accepts every observed state, security state and source, TLS root and cookie prefix', () => {
    const valid = (edit: (v: Loose) => void) => {
      const v = full() as unknown as Loose;
      edit(v);
      return validatePageView(structuredClone(v), 7) !== undefined;
    };
    for (const observed of ['network', 'commit', 'tab']) expect(valid((v) => (v.observed = observed)), observed).toBe(true);
    for (const state of ['secure', 'weak', 'broken', 'insecure', 'unknown']) expect(valid((v) => (v.main.security.state = state)), state).toBe(true);
    for (const source of ['firefox', 'chrome']) expect(valid((v) => (v.main.security.source = source)), source).toBe(true);
    for (const root of ['built-in', 'added', 'unknown']) expect(valid((v) => (host0(v).tls = { root })), root).toBe(true);
    for (const prefix of ['host', 'secure', undefined]) expect(valid((v) => (v.main.cookies[0].prefix = prefix)), String(prefix)).toBe(true);
    // The security record's own members are checked by their own rules, not as free-form text.
    expect(valid((v) => (v.main.security.state = 'x'.repeat(10)))).toBe(false);
    expect(valid((v) => (v.main.security.certificates = 'none'))).toBe(false);
  });

  it('accepts each optional member absent', () => {
    const v = full();
    for (const k of ['committedAt', 'scan', 'incognito', 'documentIds', 'mainRequestId', 'site', 'hostCount', 'notKept', 'droppedEvents'] as const) delete v[k];
    v.main = {};
    v.hops = [{ url: 'https://a.example/' }];
    v.hosts = { 'a.example': { host: 'a.example', site: 'a.example', party: 'first', requests: 0, errors: 0, ips: [], schemes: {} } };
    expect(validatePageView(structuredClone(v), 7)).toEqual(v);
  });

  it('refuses the whole view when any one member is off', () => {
    const accepted: string[] = [];
    for (const [name, edit] of Object.entries(BROKEN)) {
      const v = structuredClone(full());
      edit(v);
      if (validatePageView(v, 7) !== undefined) accepted.push(name);
    }
    expect(accepted).toEqual([]);
  });

  it('refuses a view of another tab, and anything that is not an object', () => {
    expect(validatePageView(structuredClone(full()), 8)).toBeUndefined();
    for (const junk of [null, undefined, 'tab', 7, [], true]) expect(validatePageView(junk, 7)).toBeUndefined();
  });

  it('accepts every per-host TLS that hostTlsOf can make, however long the names it is given', () => {
    const long = s(5000, 'N');
    const certificates = [
      { issuer: long, issuerCommonName: long, notAfter: 1e13 },
      { subject: long, subjectCommonName: long, sha256: 'AB:'.repeat(31) + 'AB', isBuiltInRoot: false },
    ];
    for (const chainComplete of [true, false]) {
      const tls = hostTlsOf({ source: 'firefox', state: 'secure', protocol: 'TLSv1.3', chainComplete, certificates });
      const v = full();
      v.hosts['a.example']!.tls = tls;
      expect(validatePageView(structuredClone(v), 7)?.hosts['a.example']?.tls).toEqual(tls);
    }
  });

  it('counts the host table itself rather than trusting the stored count', () => {
    const v = full();
    v.hostCount = 3;
    expect(validatePageView(structuredClone(v), 7)!.hostCount).toBe(2);
    delete v.hostCount;
    expect(validatePageView(structuredClone(v), 7)!.hostCount).toBeUndefined();
  });
});
