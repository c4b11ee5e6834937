import { describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import { connectionFindings } from '@/utils/assess/connection';
import { mixedContentFindings } from '@/utils/assess/mixed-content';
import { hasFinding, SEVERITY, VERDICTS, type Verdict } from '@/utils/assess/posture';
import { redirectFindings } from '@/utils/assess/redirects';
import { hostFacts } from '@/utils/hosts';
import type { ConnectionSecurity, PageView } from '@/utils/page-view';
import { host, hosts, view } from '../fixtures/views';

const verdictOf = (v: PageView | undefined) => assess(v).verdict;
const ids = (v: PageView) => assess(v).findings.map((f) => f.id);

describe('assess: verdicts', () => {
  const cases: [string, PageView | undefined, Verdict][] = [
    ['no page view', undefined, 'unknown'],
    ['http page', view('http://example.com/'), 'not-encrypted'],
    ['https page', view('https://example.com/'), 'encrypted'],
    ['https on a non-default port', view('https://example.com:8443/'), 'encrypted'],
    ['http on localhost', view('http://localhost:3000/'), 'local'],
    ['http on 127.0.0.1', view('http://127.0.0.1/'), 'local'],
    ['http on [::1]', view('http://[::1]:8080/'), 'local'],
    ['http on *.localhost', view('http://app.localhost/'), 'local'],
    ['file', view('file:///tmp/a.html'), 'local'],
    ['onion over http', view('http://expyuzz4wqqyqhjn.onion/'), 'onion'],
    ['browser page', view('chrome://settings/'), 'internal'],
    ['extension page', view('moz-extension://abc/popup.html'), 'internal'],
    ['about:blank', view('about:blank'), 'internal'],
    ['web store', view('https://chromewebstore.google.com/detail/x'), 'internal'],
    ['malformed URL', view('::::'), 'unknown'],
    ['ftp', view('ftp://example.com/'), 'unknown'],
    ['https tab seen only by its URL', view('https://example.com/', { observed: 'tab' }), 'unknown'],
    ['http tab seen only by its URL', view('http://example.com/', { observed: 'tab' }), 'not-encrypted'],
    ['http on a LAN address', view('http://192.168.1.1/'), 'not-encrypted'],
  ];
  it.each(cases)('%s', (_name, v, expected) => expect(verdictOf(v)).toBe(expected));

  it("calls every browser scheme internal, the browsers' stores too, and every local scheme local", () => {
    const internal = ['about', 'chrome', 'chrome-extension', 'chrome-untrusted', 'chrome-search', 'devtools', 'edge', 'moz-extension', 'resource', 'view-source', 'javascript', 'brave', 'opera', 'vivaldi'];
    for (const s of internal) expect(verdictOf(view(`${s}://x/y`)), s).toBe('internal');
    for (const h of ['chromewebstore.google.com', 'chrome.google.com', 'addons.mozilla.org', 'microsoftedge.microsoft.com']) {
      expect(verdictOf(view(`https://${h}/x`)), h).toBe('internal');
      // Over http a store is a web page like any other (and extensions run there).
      expect(verdictOf(view(`http://${h}/x`)), h).toBe('not-encrypted');
    }
    for (const s of ['file', 'data', 'blob', 'filesystem']) expect(verdictOf(view(`${s}:///x`)), s).toBe('local');
    // Internal and local pages carry no findings: nothing about them went over a network.
    expect(assess(view('chrome://settings/', { hosts: hosts(host('t.example')) })).findings).toEqual([]);
    expect(assess(view('file:///tmp/a.html', { hosts: hosts(host('t.example')) })).findings).toEqual([]);
  });

  it('covers every verdict of the vocabulary somewhere', () => {
    const seen = new Set(cases.map((c) => c[2]));
    const sec = (p: Partial<ConnectionSecurity>): ConnectionSecurity => ({ source: 'firefox', state: 'secure', certificates: [], ...p });
    seen.add(verdictOf(view('https://a.example/', { main: { security: sec({ overriddenError: 'trust_error' }) } })));
    seen.add(verdictOf(view('https://a.example/', { main: { security: sec({ chainComplete: true, certificates: [{ subject: 'CN=a' }, { subject: 'CN=Corp Root', subjectCommonName: 'Corp Root', isBuiltInRoot: false }] }) } })));
    seen.add(verdictOf(view('https://a.example/', { hosts: hosts(host('img.example', { schemes: { http: 1 } })) })));
    expect([...seen].sort()).toEqual([...VERDICTS].sort());
  });
});

describe('assess: certificate and connection', () => {
  const sec = (p: Partial<ConnectionSecurity>): ConnectionSecurity => ({ source: 'firefox', state: 'secure', certificates: [], ...p });

  it('calls an overridden certificate error a cert-error even when the state says secure', () => {
    const p = assess(view('https://a.example/', { main: { security: sec({ overriddenError: 'domain_mismatch' }) } }));
    expect(p.verdict).toBe('cert-error');
    expect(p.findings).toContainEqual({ id: 'certificate-override', category: 'domain_mismatch' });
  });

  it('calls Chrome state broken a cert-error', () => {
    expect(verdictOf(view('https://a.example/', { main: { security: sec({ source: 'chrome', state: 'broken' }) } }))).toBe('cert-error');
  });

  it('calls a refused certificate (interstitial) a cert-error', () => {
    const p = assess(view('https://a.example/', { main: { error: 'net::ERR_CERT_AUTHORITY_INVALID' } }));
    expect(p.verdict).toBe('cert-error');
    expect(p.findings).toContainEqual({ id: 'certificate-rejected', error: 'net::ERR_CERT_AUTHORITY_INVALID' });
    expect(verdictOf(view('https://a.example/', { main: { error: 'SEC_ERROR_UNKNOWN_ISSUER' } }))).toBe('cert-error');
  });

  it('calls a page reached past a certificate warning a cert-error unless the browser vouches for it', () => {
    const p = assess(view('https://a.example/', { main: { status: 200, proceededPastError: 'net::ERR_CERT_DATE_INVALID' } }));
    expect(p.verdict).toBe('cert-error');
    expect(p.findings).toContainEqual({ id: 'certificate-proceeded', error: 'net::ERR_CERT_DATE_INVALID' });
    expect(verdictOf(view('https://a.example/', { main: { status: 200, proceededPastError: 'net::ERR_CERT_DATE_INVALID', security: sec({ state: 'secure' }) } }))).toBe('encrypted');
  });

  it('reports a failed load without a verdict it cannot back', () => {
    const p = assess(view('https://a.example/', { main: { error: 'net::ERR_CONNECTION_REFUSED' } }));
    expect(p.verdict).toBe('unknown');
    expect(p.findings).toContainEqual({ id: 'load-failed', error: 'net::ERR_CONNECTION_REFUSED' });
  });

  it('names a non-built-in root only when the chain is complete', () => {
    const chain = [{ subject: 'CN=a.example' }, { subject: 'CN=Inspect CA', subjectCommonName: 'Inspect CA', isBuiltInRoot: false }];
    const p = assess(view('https://a.example/', { main: { security: sec({ chainComplete: true, certificates: chain }) } }));
    expect(p.verdict).toBe('custom-root');
    expect(p.findings).toContainEqual({ id: 'custom-root', root: 'Inspect CA' });
    expect(verdictOf(view('https://a.example/', { main: { security: sec({ chainComplete: false, certificates: chain }) } }))).toBe('encrypted');
    const builtIn = [chain[0]!, { ...chain[1]!, isBuiltInRoot: true }];
    expect(verdictOf(view('https://a.example/', { main: { security: sec({ chainComplete: true, certificates: builtIn }) } }))).toBe('encrypted');
  });

  it('puts a certificate error before mixed content, and mixed content before a custom root', () => {
    const insecure = hosts(host('img.example', { schemes: { http: 2 } }));
    const root = { chainComplete: true, certificates: [{}, { isBuiltInRoot: false }] };
    expect(verdictOf(view('https://a.example/', { hosts: insecure, main: { security: sec({ overriddenError: 'trust_error' }) } }))).toBe('cert-error');
    expect(verdictOf(view('https://a.example/', { hosts: insecure, main: { security: sec(root) } }))).toBe('mixed');
  });
});

describe('assess: content and redirects', () => {
  it('finds a downgrade and a first hop over http', () => {
    const down = view('http://a.example/', { hops: [{ url: 'https://a.example/' }, { url: 'http://a.example/' }] });
    expect(verdictOf(down)).toBe('not-encrypted');
    expect(assess(down).findings).toContainEqual({ id: 'downgrade', from: 'https://a.example/', to: 'http://a.example/' });
    const up = view('https://a.example/', { hops: [{ url: 'http://a.example/' }, { url: 'https://a.example/' }] });
    expect(verdictOf(up)).toBe('encrypted');
    expect(ids(up)).toContain('first-hop-http');
    expect(ids(up)).not.toContain('downgrade');
  });

  it('does not call loopback http subresources mixed content', () => {
    expect(verdictOf(view('https://a.example/', { hosts: hosts(host('localhost', { schemes: { http: 3 } })) }))).toBe('encrypted');
  });

  it('turns a document scan into mixed findings by kind', () => {
    const p = assess(view('https://a.example/', { scan: { insecure: { script: 2, image: 3 }, samples: [], insecureForms: 1, passwordFieldsOnHttp: 0, scannedAt: 0 } }));
    expect(p.verdict).toBe('mixed');
    expect(p.findings).toEqual(expect.arrayContaining([{ id: 'mixed-active', count: 2 }, { id: 'mixed-passive', count: 3 }, { id: 'insecure-form', count: 1 }]));
  });

  it('flags password fields on http pages', () => {
    const p = assess(view('http://login.example/', { scan: { insecure: {}, samples: [], insecureForms: 0, passwordFieldsOnHttp: 1, scannedAt: 0 } }));
    expect(p.findings).toContainEqual({ id: 'password-on-http', count: 1 });
  });

  it('counts third parties and says when facts are incomplete', () => {
    const p = assess(view('https://a.example/', { observed: 'commit', hosts: hosts(host('a.example', { party: 'first' }), host('t1.example'), host('t2.example')) }));
    expect(p.firstPartyHosts).toBe(1);
    expect(p.thirdPartyHosts).toBe(2);
    expect(p.findings).toEqual(expect.arrayContaining([{ id: 'third-parties', count: 2 }, { id: 'facts-incomplete', observed: 'commit' }]));
  });

  it('notes IDN hosts with both forms, and LAN http with context', () => {
    expect(assess(view('https://xn--bcher-kva.example/')).findings).toContainEqual({ id: 'idn', unicode: 'bücher.example', ascii: 'xn--bcher-kva.example' });
    expect(ids(view('http://10.0.0.1/'))).toContain('private-network');
  });

  it('says a LAN address stays off the internet only when no proxy elsewhere carries the page', () => {
    const via = (proxy: { type: string; host: string; port: number; proxyDns: boolean }) => ids(view('http://10.0.0.1/', { main: { status: 200, ip: '10.0.0.1', proxy } }));
    expect(via({ type: 'http', host: '127.0.0.1', port: 8080, proxyDns: false })).toContain('private-network');
    expect(via({ type: 'http', host: 'proxy.example', port: 3128, proxyDns: false })).not.toContain('private-network');
    expect(via({ type: 'https', host: '203.0.113.5', port: 443, proxyDns: true })).not.toContain('private-network');
    expect(via({ type: 'socks', host: '127.0.0.1', port: 9150, proxyDns: true })).not.toContain('private-network');
    expect(via({ type: 'direct', host: '', port: 0, proxyDns: false })).toContain('private-network');
  });
});

describe('assess: damaged input', () => {
  it('never throws on a view with missing or wrong fields', () => {
    const broken = [
      {},
      { url: 'https://a.example/' },
      { url: 'https://a.example/', hosts: null, main: null, hops: null },
      { url: 'https://a.example/', hosts: { x: null } },
      { url: 42 },
      { url: 'https://a.example/', main: { security: { certificates: null, chainComplete: true } } },
    ] as unknown as PageView[];
    for (const b of broken) expect(() => assess(b)).not.toThrow();
    expect(assess(broken[5]).verdict).toBe('unknown'); // a URL that is not a string tells nothing
  });
});

describe('assess: exact postures and findings', () => {
  const sec = (p: Partial<ConnectionSecurity>): ConnectionSecurity => ({ source: 'firefox', state: 'secure', certificates: [], ...p });

  it('gives an empty posture for what is not a page view, and says why for a URL it cannot read', () => {
    const empty = { verdict: 'unknown', findings: [], url: '', scheme: '', host: hostFacts(''), firstPartyHosts: 0, thirdPartyHosts: 0 };
    expect(assess(undefined)).toEqual(empty);
    expect(assess({ url: 42 } as unknown as PageView)).toEqual(empty);
    expect(assess(view('::::'))).toEqual({ ...empty, url: '::::', findings: [{ id: 'malformed-url' }] });
    // A record that breaks assess() half-way: nothing from the half done.
    const damaged = view('https://a.example/', { main: { security: { certificates: null, chainComplete: true } as unknown as ConnectionSecurity } });
    expect(assess(damaged)).toEqual({ ...empty, url: 'https://a.example/', findings: [{ id: 'malformed-url' }] });
  });

  it('adds no finding to a plain https page', () => {
    const p = assess(view('https://example.com/'));
    expect(p.findings).toEqual([]);
    expect(p.verdict).toBe('encrypted');
    expect(assess(view('https://192.0.2.1/')).findings).toEqual([]);
  });

  it('counts only hosts that answered', () => {
    const p = assess(view('https://a.example/', { hosts: hosts(host('t.example', { requests: 0 }), host('a.example', { party: 'first', requests: 0 })) }));
    expect([p.verdict, p.firstPartyHosts, p.thirdPartyHosts]).toEqual(['encrypted', 0, 0]);
    expect(p.findings).toEqual([]);
  });

  it('says how incomplete the facts are only when they are', () => {
    expect(assess(view('https://a.example/', { observed: 'tab' })).findings).toContainEqual({ id: 'facts-incomplete', observed: 'tab' });
    expect(assess(view('https://a.example/', { observed: 'commit' })).findings).toContainEqual({ id: 'facts-incomplete', observed: 'commit' });
    expect(ids(view('https://a.example/', { observed: 'network' }))).not.toContain('facts-incomplete');
  });

  it('does not call a page that answered a failed load, nor any failure a certificate problem', () => {
    const p = assess(view('https://a.example/', { main: { status: 200, error: 'net::ERR_ABORTED' } }));
    expect(p.verdict).toBe('encrypted');
    expect(p.findings).toEqual([]);
    expect(ids(view('https://a.example/', { main: { error: 'net::ERR_CONNECTION_REFUSED' } }))).toEqual(['load-failed']);
  });

  it('adds the LAN and password findings to an http page only when they apply', () => {
    expect(ids(view('http://example.com/'))).toEqual([]);
    expect(ids(view('http://example.com/', { scan: { insecure: {}, samples: [], insecureForms: 0, passwordFieldsOnHttp: 0, scannedAt: 0 } }))).toEqual([]);
  });

  it('scores the headers of an encrypted page as https with a good certificate', () => {
    const p = assess(view('https://a.example/', { main: { status: 200, headers: { 'strict-transport-security': ['max-age=31536000'] } } }));
    expect(p.findings).toContainEqual(expect.objectContaining({ id: 'header', result: 'hsts-implemented-max-age-at-least-six-months' }));
  });

  it('judges the certificate expiry as of the commit, else the start', () => {
    const DAY = 86_400_000;
    const T = 1_800_000_000_000;
    const leaf = { main: { status: 200, security: sec({ certificates: [{ notAfter: T + 2 * DAY }] }) } };
    expect(assess(view('https://a.example/', { ...leaf, startedAt: T - 20 * DAY, committedAt: T })).findings).toContainEqual({ id: 'certificate-expiring', days: 2 });
    expect(assess(view('https://a.example/', { ...leaf, startedAt: T - 1 * DAY, committedAt: undefined })).findings).toContainEqual({ id: 'certificate-expiring', days: 3 });
  });

  it('reads the connection findings exactly', () => {
    expect(connectionFindings({})).toEqual([]);
    expect(connectionFindings({ error: 'net::ERR_CONNECTION_REFUSED' })).toEqual([]);
    expect(connectionFindings({ security: sec({ state: 'weak' }) })).toEqual([{ id: 'weak-connection', reasons: [] }]);
    expect(connectionFindings({ security: sec({ state: 'secure' }) })).toEqual([]);
    expect(connectionFindings({ proceededPastError: 'net::ERR_CERT_DATE_INVALID', security: sec({ source: 'chrome', state: 'unknown' }) })).toEqual([
      { id: 'certificate-proceeded', error: 'net::ERR_CERT_DATE_INVALID' },
    ]);
    // A root without any name is still a custom root, named by nothing.
    expect(connectionFindings({ security: sec({ chainComplete: true, certificates: [{}, { isBuiltInRoot: false }] }) })).toEqual([{ id: 'custom-root', root: '' }]);
  });

  it('adds up mixed content by kind, counts ws as insecure, and lists at most 20 hosts', () => {
    const scan = { insecure: { script: 1, stylesheet: 2, iframe: 3, object: 4, image: 5, media: 6, other: 7 }, samples: [], insecureForms: 0, passwordFieldsOnHttp: 0, scannedAt: 0 };
    expect(mixedContentFindings({}, scan)).toEqual([
      { id: 'mixed-active', count: 10 },
      { id: 'mixed-passive', count: 18 },
    ]);
    expect(mixedContentFindings(hosts(host('ws.example', { schemes: { ws: 1 } })), undefined)).toEqual([{ id: 'insecure-requests', hosts: ['ws.example'] }]);
    const many = hosts(...Array.from({ length: 25 }, (_, i) => host(`h${i}.example`, { schemes: { http: 1 } })));
    expect(mixedContentFindings(many, undefined)).toEqual([{ id: 'insecure-requests', hosts: Array.from({ length: 20 }, (_, i) => `h${i}.example`) }]);
  });

  it('finds a downgrade only from https to http, and a first hop over http only from http to https', () => {
    const chain = (...urls: string[]) => redirectFindings(urls.map((url) => ({ url })));
    expect(redirectFindings([])).toEqual([]);
    expect(chain('https://a/', 'https://b/', 'https://c/')).toEqual([]);
    expect(chain('http://a/', 'http://b/')).toEqual([]);
    expect(chain('http://a/', 'ftp://b/')).toEqual([]);
    expect(chain('ftp://a/', 'https://b/')).toEqual([]);
    // A hop without a scheme is neither.
    expect(chain('https://a/', 'http')).toEqual([]);
    expect(chain('HTTP://a/', 'https://b/', 'http://c/')).toEqual([
      { id: 'downgrade', from: 'https://b/', to: 'http://c/' },
    ]);
  });
});

describe('finding severity', () => {
  it('is bad where someone on the path can read or change the page, warn where protection is weaker, info otherwise', () => {
    const bad = ['downgrade', 'certificate-rejected', 'certificate-override', 'certificate-proceeded', 'security-broken', 'insecure-requests', 'mixed-active', 'insecure-form', 'password-on-http'];
    const warn = ['malformed-url', 'first-hop-http', 'weak-connection', 'custom-root', 'mixed-passive', 'tls-outdated', 'certificate-expiring'];
    const info = ['load-failed', 'third-parties', 'private-network', 'idn', 'facts-incomplete', 'ocsp-used', 'proxy', 'tor-proxy', 'header'];
    const expected = Object.fromEntries([...bad.map((id) => [id, 'bad']), ...warn.map((id) => [id, 'warn']), ...info.map((id) => [id, 'info'])]);
    expect(SEVERITY).toEqual(expected);
  });

  it('hasFinding gives the finding with that id, or nothing', () => {
    const p = assess(view('http://10.0.0.1/'));
    expect(hasFinding(p, 'private-network')).toEqual({ id: 'private-network' });
    expect(hasFinding(p, 'idn')).toBeUndefined();
  });
});
