import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { assess } from '@/utils/assess';
import type { CaptureEvent } from '@/utils/capture/events';
import { listenToFirefoxSecurity, normalizeFirefoxSecurityInfo, type GetSecurityInfo } from '@/utils/capture/firefox-security';
import type { ConnectionSecurity, PageView, ProxyFacts } from '@/utils/page-view';
import { Recorder } from '@/utils/recorder';

// Shaped like what Firefox ESR 153 returned for a local site signed by a test CA trusted in the profile
// (docs/browser-facts.md; captured with getSecurityInfo(requestId, {certificateChain: true})).
const LOCAL_CA_SIGNED = {
  state: 'secure',
  cipherSuite: 'TLS_AES_256_GCM_SHA384',
  secretKeyLength: 256,
  keaGroupName: 'x25519',
  signatureSchemeName: 'RSA-PSS-SHA256',
  isExtendedValidation: false,
  certificateTransparencyStatus: 'not_applicable',
  protocolVersion: 'TLSv1.3',
  certificates: [
    {
      subject: 'CN=localhost',
      issuer: 'CN=Probe Test CA',
      validity: { start: 1795720923000, end: 1797448923000 },
      fingerprint: { sha1: 'A8:50:BB:26:81:C8:46:95:93:74:B4:B4:4E:A9:FC:0E:AB:4A:17:61', sha256: '3D:C1:68:E3:4D:F7:14:C0:DB:EA:79:C0:2F:71:35:F2:C5:CB:F9:55:E7:BA:24:56:B5:32:96:5A:97:BE:F8:34' },
      serialNumber: '43:A9:E4:25:5A:3A:43:74:72:75:4A:FE:F2:23:A7:37:F7:A1:3B:F5',
      isBuiltInRoot: false,
      subjectPublicKeyInfoDigest: { sha256: 'rko4lNg7FFEQ4thgzm/VR+X91bRu0LX+hodlZdke+qw=' },
    },
    {
      subject: 'CN=Probe Test CA',
      issuer: 'CN=Probe Test CA',
      validity: { start: 1795720923000, end: 1798312923000 },
      fingerprint: { sha1: '07:1D:FF:43:37:68:6C:95:FD:EA:73:1C:69:DD:71:BB:18:8A:B9:FE', sha256: '6B:CA:65:96:7F:57:99:90:64:1E:5A:10:E8:23:55:D9:62:56:6D:0C:19:42:B2:79:A3:58:CD:CF:C3:7C:1A:03' },
      serialNumber: '64:2F:F0:A7:80:94:1A:DF:F6:AC:8E:82:61:8A:14:61:BC:89:94:3D',
      isBuiltInRoot: false,
      subjectPublicKeyInfoDigest: { sha256: '5CEggv21WmW8x7lsFSHjXV5X5fhXEs645BxNOdcB/7o=' },
    },
  ],
  hsts: false,
  hpkp: false,
  usedEch: false,
  usedDelegatedCredentials: false,
  usedOcsp: false,
  usedPrivateDns: false,
};

/** A certificate error the user clicked through: still "secure", and the chain comes back empty. */
const OVERRIDDEN = { ...LOCAL_CA_SIGNED, overridableErrorCategory: 'domain_mismatch', certificates: [] };

const cert = (subject: string, issuer: string, builtIn: boolean, end = 1_900_000_000_000) => ({
  subject,
  issuer,
  validity: { start: 1_700_000_000_000, end },
  fingerprint: { sha256: 'AA:'.repeat(31) + 'AA' },
  serialNumber: '01',
  isBuiltInRoot: builtIn,
});
const BUILT_IN_CHAIN = {
  ...LOCAL_CA_SIGNED,
  usedEch: true,
  usedPrivateDns: true,
  hsts: true,
  certificateTransparencyStatus: 'valid',
  certificates: [
    cert('CN=www.example.com,O=Example Inc.,C=US', 'CN=Example Issuing CA,O=Example CA Inc.,C=US', false),
    cert('CN=Example Issuing CA,O=Example CA Inc.,C=US', 'CN=Example Root,O=Example CA Inc.,C=US', false),
    cert('CN=Example Root,O=Example CA Inc.,C=US', 'CN=Example Root,O=Example CA Inc.,C=US', true),
  ],
};
const WEAK = { ...BUILT_IN_CHAIN, state: 'weak', weaknessReasons: ['cipher'], protocolVersion: 'TLSv1.1', cipherSuite: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA' };
const INSECURE = { state: 'insecure', certificates: [] };

function view(url: string, security?: ConnectionSecurity, proxy?: ProxyFacts, committedAt = 1_800_000_000_000): PageView {
  return { schema: 1, tabId: 1, id: 'v', url, observed: 'network', startedAt: committedAt, committedAt, hops: [{ url }], main: { status: 200, security, proxy }, hosts: {}, omittedRequests: 0, requests: 0 };
}

describe('normalizeFirefoxSecurityInfo', () => {
  it('keeps every fact of a secure connection, leaf first, with the chain', () => {
    const s = normalizeFirefoxSecurityInfo(LOCAL_CA_SIGNED);
    expect(s).toMatchObject({
      source: 'firefox',
      state: 'secure',
      protocol: 'TLSv1.3',
      cipherSuite: 'TLS_AES_256_GCM_SHA384',
      keaGroup: 'x25519',
      signatureScheme: 'RSA-PSS-SHA256',
      secretKeyLength: 256,
      certificateTransparency: 'not_applicable',
      hsts: false,
      extendedValidation: false,
      usedEch: false,
      usedPrivateDns: false,
      usedOcsp: false,
      usedDelegatedCredentials: false,
      chainComplete: true,
    });
    expect(s.certificates[0]).toEqual({
      subject: 'CN=localhost',
      subjectCommonName: 'localhost',
      issuer: 'CN=Probe Test CA',
      issuerCommonName: 'Probe Test CA',
      notBefore: 1795720923000,
      notAfter: 1797448923000,
      sha256: LOCAL_CA_SIGNED.certificates[0]!.fingerprint.sha256,
      // Firefox gives the key digest in base64: kept as hex, like the fingerprints.
      spkiSha256: 'ae4a3894d83b145110e2d860ce6fd547e5fdd5b46ed0b5fe86876565d91efaac',
      serialNumber: LOCAL_CA_SIGNED.certificates[0]!.serialNumber,
      isBuiltInRoot: false,
    });
    expect(s.overriddenError).toBeUndefined();
    expect(s.problems).toBeUndefined();
  });

  it('turns a chain ending in a root that is not built in into custom-root', () => {
    const p = assess(view('https://localhost.example/', normalizeFirefoxSecurityInfo(LOCAL_CA_SIGNED)));
    expect(p.verdict).toBe('custom-root');
    expect(p.findings).toContainEqual({ id: 'custom-root', root: 'Probe Test CA' });
  });

  it('calls a built-in root chain encrypted, and keeps ECH and encrypted DNS', () => {
    const s = normalizeFirefoxSecurityInfo(BUILT_IN_CHAIN);
    expect(s).toMatchObject({ chainComplete: true, usedEch: true, usedPrivateDns: true, hsts: true, certificateTransparency: 'valid' });
    expect(assess(view('https://www.example.com/', s)).verdict).toBe('encrypted');
  });

  it('reads an overridden error from overridableErrorCategory, even with state secure and no certificates', () => {
    const s = normalizeFirefoxSecurityInfo(OVERRIDDEN);
    expect(s).toMatchObject({ state: 'secure', overriddenError: 'domain_mismatch', certificates: [] });
    expect(s.chainComplete).toBeUndefined();
    const p = assess(view('https://wrong.host.example/', s));
    expect(p.verdict).toBe('cert-error');
    expect(p.findings).toContainEqual({ id: 'certificate-override', category: 'domain_mismatch' });
  });

  it('reads an overridden error from the deprecated booleans too', () => {
    expect(normalizeFirefoxSecurityInfo({ ...LOCAL_CA_SIGNED, certificates: [], isUntrusted: true }).overriddenError).toBe('trust_error');
    expect(normalizeFirefoxSecurityInfo({ ...LOCAL_CA_SIGNED, certificates: [], isNotValidAtThisTime: true }).overriddenError).toBe('expired_or_not_yet_valid');
    expect(normalizeFirefoxSecurityInfo({ ...LOCAL_CA_SIGNED, isUntrusted: false }).overriddenError).toBeUndefined();
  });

  it('reports a weak connection and an outdated TLS version', () => {
    const s = normalizeFirefoxSecurityInfo(WEAK);
    expect(s).toMatchObject({ state: 'weak', weaknessReasons: ['cipher'], protocol: 'TLSv1.1' });
    const p = assess(view('https://www.example.com/', s));
    expect(p.findings).toContainEqual({ id: 'weak-connection', reasons: ['cipher'] });
    expect(p.findings).toContainEqual({ id: 'tls-outdated', protocol: 'TLSv1.1' });
  });

  it('keeps an insecure (plain http) answer as it is', () => {
    expect(normalizeFirefoxSecurityInfo(INSECURE)).toEqual({ source: 'firefox', state: 'insecure', certificates: [] });
  });

  it('does not call a leaf-only answer a complete chain', () => {
    const s = normalizeFirefoxSecurityInfo({ ...BUILT_IN_CHAIN, certificates: [BUILT_IN_CHAIN.certificates[0]] });
    expect(s.chainComplete).toBe(false);
    expect(assess(view('https://www.example.com/', s)).verdict).toBe('encrypted');
  });

  it('turns undefined, garbage and odd fields into facts or problems, never a throw', () => {
    expect(normalizeFirefoxSecurityInfo(undefined)).toEqual({ source: 'firefox', state: 'unknown', certificates: [], problems: ['no-security-info'] });
    expect(normalizeFirefoxSecurityInfo('secure').problems).toEqual(['unreadable-security-info']);
    const odd = normalizeFirefoxSecurityInfo({
      state: 'excellent',
      protocolVersion: 13,
      certificates: [null, 'x', { subject: 'CN=a\u202ebc', validity: { start: 'soon' }, fingerprint: { sha256: 'nope' } }],
      weaknessReasons: 'cipher',
      usedEch: 'yes',
    });
    expect(odd.state).toBe('unknown');
    expect(odd.problems).toContain('unknown-state');
    expect(odd.protocol).toBeUndefined();
    expect(odd.usedEch).toBeUndefined();
    expect(odd.certificates).toEqual([{ subject: 'CN=a\ufffdbc', subjectCommonName: 'a\ufffdbc' }]);
    const many = normalizeFirefoxSecurityInfo({ state: 'secure', certificates: Array.from({ length: 50 }, () => cert('CN=x', 'CN=y', false)) });
    expect(many.certificates).toHaveLength(10);
    expect(many.problems).toContain('chain-truncated');
    fc.assert(fc.property(fc.anything(), (v) => void normalizeFirefoxSecurityInfo(v)), { numRuns: 1000 });
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...Object.keys(LOCAL_CA_SIGNED), 'overridableErrorCategory'), fc.anything()), (v) => void normalizeFirefoxSecurityInfo(v)), { numRuns: 1000 });
  });
});

describe('proxy facts', () => {
  it("recognises Tor Browser's SOCKS proxy on 127.0.0.1:9150 with proxy DNS", () => {
    const p = assess(view('https://www.example.com/', normalizeFirefoxSecurityInfo(BUILT_IN_CHAIN), { type: 'socks', host: '127.0.0.1', port: 9150, proxyDns: true }));
    expect(p.findings).toContainEqual({ id: 'tor-proxy', host: '127.0.0.1', port: 9150 });
    expect(p.findings.some((f) => f.id === 'proxy')).toBe(false);
  });

  it('reports other proxies as proxies, Tor-like or not', () => {
    const noDns = assess(view('https://www.example.com/', undefined, { type: 'socks', host: '127.0.0.1', port: 9150, proxyDns: false }));
    expect(noDns.findings).toContainEqual({ id: 'proxy', type: 'socks', host: '127.0.0.1', port: 9150, proxyDns: false });
    const corp = assess(view('http://intranet.example/', undefined, { type: 'http', host: 'proxy.corp.example', port: 3128, proxyDns: false }));
    expect(corp.findings).toContainEqual({ id: 'proxy', type: 'http', host: 'proxy.corp.example', port: 3128, proxyDns: false });
  });
});

interface Listener {
  cb: (d: unknown) => unknown;
  filter: object;
  extra?: string[];
}

function fakeApi(getSecurityInfo?: GetSecurityInfo) {
  const listeners: Listener[] = [];
  const api = {
    onHeadersReceived: { addListener: (cb: (d: never) => void, filter: object, extra?: string[]) => void listeners.push({ cb: cb as Listener['cb'], filter, extra }) },
    getSecurityInfo,
  };
  return { api, listeners };
}

const DETAILS = {
  requestId: '42',
  tabId: 7,
  frameId: 0,
  type: 'main_frame',
  url: 'https://www.example.com/',
  statusCode: 200,
  timeStamp: 1000,
  responseHeaders: [{ name: 'Strict-Transport-Security', value: 'max-age=31536000' }],
  proxyInfo: { type: 'socks', host: '127.0.0.1', port: 9150, proxyDNS: true },
};

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the blocking listener', () => {
  it('registers one blocking main-frame listener and answers {} synchronously, headers first', async () => {
    let resolve!: (v: unknown) => void;
    const getSecurityInfo = vi.fn(() => new Promise<unknown>((r) => (resolve = r)));
    const { api, listeners } = fakeApi(getSecurityInfo);
    const events: CaptureEvent[] = [];
    listenToFirefoxSecurity(api, (e) => events.push(e));
    expect(listeners).toHaveLength(1);
    expect(listeners[0]!.filter).toEqual({ urls: ['<all_urls>'], types: ['main_frame'] });
    expect(listeners[0]!.extra).toEqual(['blocking', 'responseHeaders']);

    const answer = listeners[0]!.cb(DETAILS);
    expect(answer).toEqual({});
    expect(answer).not.toBeInstanceOf(Promise);
    expect(getSecurityInfo).toHaveBeenCalledWith('42', { certificateChain: true });
    expect(events.map((e) => e.kind)).toEqual(['main-headers']);
    expect(events[0]).toMatchObject({ proxy: { type: 'socks', host: '127.0.0.1', port: 9150, proxyDns: true } });

    resolve(LOCAL_CA_SIGNED);
    await flush();
    expect(events.map((e) => e.kind)).toEqual(['main-headers', 'main-security']);
    expect(events[1]).toMatchObject({ kind: 'main-security', tabId: 7, requestId: '42', security: { state: 'secure', protocol: 'TLSv1.3' } });
  });

  it.each([
    ['rejects', () => Promise.reject(new Error('no channel')), 'getSecurityInfo-rejected'],
    ['resolves undefined', () => Promise.resolve(undefined), 'no-security-info'],
    ['throws', () => {
      throw new Error('boom');
    }, 'getSecurityInfo-threw'],
  ])('turns a getSecurityInfo that %s into an unknown state with a problem', async (_, impl, problem) => {
    const { api, listeners } = fakeApi(impl as GetSecurityInfo);
    const events: CaptureEvent[] = [];
    listenToFirefoxSecurity(api, (e) => events.push(e));
    expect(listeners[0]!.cb(DETAILS)).toEqual({});
    await flush();
    const sec = events.find((e) => e.kind === 'main-security');
    expect(sec).toMatchObject({ security: { source: 'firefox', state: 'unknown', certificates: [], problems: [problem] } });
  });

  it('works without getSecurityInfo at all', () => {
    const { api, listeners } = fakeApi(undefined);
    const events: CaptureEvent[] = [];
    listenToFirefoxSecurity(api, (e) => events.push(e));
    expect(listeners[0]!.cb(DETAILS)).toEqual({});
    expect(events.map((e) => e.kind)).toEqual(['main-headers', 'main-security']);
    expect(events[1]).toMatchObject({ security: { problems: ['getSecurityInfo-missing'] } });
  });

  it('still answers {} when the details are garbage', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const getSecurityInfo = vi.fn(() => Promise.resolve(undefined));
    const { api, listeners } = fakeApi(getSecurityInfo);
    listenToFirefoxSecurity(api, () => {
      throw new Error('recorder down');
    });
    expect(listeners[0]!.cb(undefined)).toEqual({});
    expect(listeners[0]!.cb(DETAILS)).toEqual({});
  });

  it('drops the answer about a redirecting hop when the next hop was already asked about', async () => {
    const answers: ((v: unknown) => void)[] = [];
    const { api, listeners } = fakeApi(() => new Promise((r) => answers.push(r)));
    const events: CaptureEvent[] = [];
    listenToFirefoxSecurity(api, (e) => events.push(e));
    listeners[0]!.cb({ ...DETAILS, url: 'http://www.example.com/', statusCode: 301 });
    listeners[0]!.cb(DETAILS);
    answers[1]!(LOCAL_CA_SIGNED);
    answers[0]!(INSECURE);
    await flush();
    const security = events.filter((e) => e.kind === 'main-security');
    expect(security).toHaveLength(1);
    expect(security[0]).toMatchObject({ url: DETAILS.url, security: { state: 'secure' } });
  });

  it('lands late security info on the committed page, and the verdict follows', async () => {
    let resolve!: (v: unknown) => void;
    const { api, listeners } = fakeApi(() => new Promise((r) => (resolve = r)));
    const recorder = new Recorder({ newId: () => 'view' });
    listenToFirefoxSecurity(api, (e) => void recorder.apply(e));
    listeners[0]!.cb({ ...DETAILS, proxyInfo: undefined });
    recorder.apply({ kind: 'main-response', tabId: 7, time: 1001, requestId: '42', url: DETAILS.url, ip: '192.0.2.1', status: 200 });
    recorder.apply({ kind: 'committed', tabId: 7, time: 1002, url: DETAILS.url });
    expect(recorder.view(7)!.main.security).toBeUndefined();
    resolve(OVERRIDDEN);
    await flush();
    expect(recorder.view(7)!.main.security?.overriddenError).toBe('domain_mismatch');
    expect(assess(recorder.view(7)).verdict).toBe('cert-error');
  });
});
