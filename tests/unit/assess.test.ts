import { describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import { VERDICTS, type Verdict } from '@/utils/assess/posture';
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
