import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import { availability, CHROME_DEFAULT } from '@/utils/capabilities';
import { CapabilityStore } from '@/utils/capture/capabilities-store';
import { ChromeSecurityProbe, listenToChromeSecurity, normalizeChromeSecurityInfo } from '@/utils/capture/chrome-security';
import type { CaptureEvent } from '@/utils/capture/events';
import { onHeadersReceived, onResponseStarted } from '@/utils/capture/web-request';
import { Recorder } from '@/utils/recorder';
import { CAPABILITIES_KEY, type SessionArea } from '@/utils/tab-store';

const derBuffer = (name: string) => {
  const b = readFileSync(new URL(`../fixtures/certs/${name}.der`, import.meta.url));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};
const FINGERPRINT = 'BD:AF:91:FB:8E:B5:9F:1D:24:96:A8:2E:73:63:98:D2:FB:45:02:71:71:12:F8:4E:EB:01:21:52:A1:91:2C:74';
// Shaped like Chromium 156's details.securityInfo with --enable-features=WebRequestSecurityInfo.
const info = (state: string, der: ArrayBuffer | undefined = derBuffer('rsa2048')) => ({ state, certificates: [{ fingerprint: { sha256: FINGERPRINT }, rawDER: der }] });

class FakeArea implements SessionArea {
  data: Record<string, unknown> = {};
  sets = 0;
  fail = false;
  async get(key?: string | string[] | null) {
    if (this.fail) throw new Error('storage gone');
    return typeof key === 'string' ? { [key]: this.data[key] } : { ...this.data };
  }
  async set(items: Record<string, unknown>) {
    if (this.fail) throw new Error('storage gone');
    this.sets++;
    Object.assign(this.data, structuredClone(items));
  }
  async remove() {}
}
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('normalizeChromeSecurityInfo', () => {
  it('parses the leaf certificate and keeps the fingerprint Chrome gives', () => {
    const s = normalizeChromeSecurityInfo(info('secure'), 'https://www.example.test/');
    expect(s.source).toBe('chrome');
    expect(s.state).toBe('secure');
    expect(s.problems).toBeUndefined();
    expect(s.certificates).toHaveLength(1);
    expect(s.certificates[0]).toMatchObject({
      subjectCommonName: 'www.example.test',
      subjectAltNames: ['www.example.test', 'example.test', '192.0.2.7', '2001:db8::1'],
      issuerCommonName: 'Onlooker Test Root',
      keyType: 'RSA',
      keyBits: 2048,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      sctCount: 0,
      sha256: FINGERPRINT,
    });
  });

  it('turns state broken into cert-error', () => {
    const url = 'https://www.example.test/';
    const view = { schema: 1 as const, tabId: 1, id: 'v', url, observed: 'network' as const, startedAt: 1, hops: [{ url }], main: { status: 200, security: normalizeChromeSecurityInfo(info('broken'), url) }, hosts: {}, omittedRequests: 0, requests: 0 };
    const p = assess(view);
    expect(p.verdict).toBe('cert-error');
    expect(p.findings).toContainEqual({ id: 'security-broken' });
  });

  it('keeps what it can when the certificate does not parse', () => {
    const s = normalizeChromeSecurityInfo(info('secure', derBuffer('garbage')));
    expect(s.certificates).toEqual([{ sha256: FINGERPRINT }]);
    expect(s.problems).toEqual(['der-unreadable']);
    expect(normalizeChromeSecurityInfo({ state: 'secure', certificates: [{ fingerprint: {} }] }).problems).toEqual(['no-der']);
  });

  it('does not call an https response without TLS details insecure', () => {
    expect(normalizeChromeSecurityInfo({ state: 'insecure' }, 'https://sw.example/')).toMatchObject({ state: 'unknown', problems: ['no-tls-info'] });
    expect(normalizeChromeSecurityInfo({ state: 'insecure' }, 'http://plain.example/')).toEqual({ source: 'chrome', state: 'insecure', certificates: [] });
  });

  it('never throws on anything', () => {
    expect(normalizeChromeSecurityInfo(undefined).problems).toEqual(['no-security-info']);
    fc.assert(fc.property(fc.anything(), fc.string(), (v, url) => void normalizeChromeSecurityInfo(v, url)), { numRuns: 1000 });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => void normalizeChromeSecurityInfo({ state: 'secure', certificates: [{ rawDER: bytes.buffer, fingerprint: { sha256: 'x' } }] })),
      { numRuns: 300 },
    );
  });
});

const HTTPS = 'https://www.example.test/';
const headersEvent = (requestId: string, url = HTTPS) => onHeadersReceived({ requestId, tabId: 3, type: 'main_frame', url, statusCode: 200, responseHeaders: [] });
const responseEvent = (requestId: string, url = HTTPS) => onResponseStarted({ requestId, tabId: 3, type: 'main_frame', url, statusCode: 200, ip: '192.0.2.1' });
const securityDetails = (requestId: string, securityInfo?: unknown, url = HTTPS) => ({ requestId, tabId: 3, type: 'main_frame', url, securityInfo });

function setup(area = new FakeArea()) {
  const caps = new CapabilityStore(area, CHROME_DEFAULT);
  const events: CaptureEvent[] = [];
  const probe = new ChromeSecurityProbe(caps, (e) => events.push(e));
  const emit = probe.tap((e) => events.push(e));
  return { area, caps, events, probe, emit };
}

describe('the security-info probe', () => {
  it('says chrome-flag when the listener brings securityInfo, and passes it on after the headers', async () => {
    const { caps, events, probe, emit, area } = setup();
    // Chrome calls listeners in registration order: the security listener may come first.
    probe.securityEvent(securityDetails('1', info('secure')));
    expect(events).toEqual([]);
    emit(headersEvent('1'));
    expect(events.map((e) => e.kind)).toEqual(['main-headers', 'main-security']);
    expect(caps.get().securityInfo).toBe('chrome-flag');
    await caps.ready;
    await flush();
    expect(area.data[CAPABILITIES_KEY]).toEqual({ browser: 'chrome', securityInfo: 'chrome-flag' });
    // After the headers, a security event goes straight through.
    emit(headersEvent('2'));
    probe.securityEvent(securityDetails('2', info('secure')));
    expect(events.map((e) => e.kind)).toEqual(['main-headers', 'main-security', 'main-headers', 'main-security']);
  });

  it('says none when the listener fires on https without securityInfo (Chromium 156, flag off)', () => {
    const { caps, probe, events } = setup();
    probe.securityEvent(securityDetails('1', undefined));
    expect(caps.get().securityInfo).toBe('none');
    expect(events).toEqual([]);
    expect(availability(caps.get(), 'certificate')).toBe('needs-flag');
  });

  it('says none when the plain listener saw an https response that the security listener never did', () => {
    const { caps, emit } = setup();
    emit(headersEvent('9'));
    expect(caps.get().securityInfo).toBe('probing');
    emit(responseEvent('9'));
    expect(caps.get().securityInfo).toBe('none');
  });

  it('learns nothing from plain http pages or from failed loads', () => {
    const { caps, emit, probe } = setup();
    emit(headersEvent('1', 'http://plain.example/'));
    emit(responseEvent('1', 'http://plain.example/'));
    probe.securityEvent(securityDetails('2', undefined, 'http://plain.example/'));
    emit(headersEvent('3'));
    emit({ kind: 'main-error', tabId: 3, time: 1, requestId: '3', url: HTTPS, error: 'net::ERR_ABORTED' });
    expect(caps.get().securityInfo).toBe('probing');
  });

  it('keeps chrome-flag once seen, and lets a sighting overturn none', () => {
    const a = setup();
    a.probe.securityEvent(securityDetails('1', info('secure')));
    a.probe.securityEvent(securityDetails('2', undefined));
    a.emit(headersEvent('3'));
    a.emit(responseEvent('3'));
    expect(a.caps.get().securityInfo).toBe('chrome-flag');

    const b = setup();
    b.emit(headersEvent('1'));
    b.emit(responseEvent('1'));
    expect(b.caps.get().securityInfo).toBe('none');
    b.probe.securityEvent(securityDetails('2', info('secure')));
    expect(b.caps.get().securityInfo).toBe('chrome-flag');
  });

  it('holds only a bounded number of early security events', () => {
    const { probe, events, emit } = setup();
    for (let i = 0; i < 1000; i++) probe.securityEvent(securityDetails(String(i), info('secure', undefined)));
    for (let i = 0; i < 1000; i++) emit(headersEvent(String(i)));
    expect(events.filter((e) => e.kind === 'main-security').length).toBeLessThanOrEqual(16);
  });

  it('registers its own main-frame listener with the security options, and survives a refusal', () => {
    const calls: { filter: object; extra?: string[] }[] = [];
    const { probe } = setup();
    listenToChromeSecurity({ onHeadersReceived: { addListener: (_cb, filter, extra) => void calls.push({ filter, extra }) } }, probe);
    expect(calls).toEqual([{ filter: { urls: ['<all_urls>'], types: ['main_frame'] }, extra: ['securityInfo', 'securityInfoRawDer'] }]);
    expect(() =>
      listenToChromeSecurity(
        {
          onHeadersReceived: {
            addListener: () => {
              throw new Error('Invalid value for argument 3');
            },
          },
        },
        probe,
      ),
    ).not.toThrow();
  });

  it('puts the certificate on the page view through the recorder', () => {
    const recorder = new Recorder({ newId: () => 'v' });
    const caps = new CapabilityStore(undefined, CHROME_DEFAULT);
    const probe = new ChromeSecurityProbe(caps, (e) => void recorder.apply(e));
    const emit = probe.tap((e) => void recorder.apply(e));
    probe.securityEvent(securityDetails('5', info('secure')));
    emit(headersEvent('5'));
    emit(responseEvent('5'));
    recorder.apply({ kind: 'committed', tabId: 3, time: 2, url: HTTPS });
    expect(recorder.view(3)!.main.security?.certificates[0]?.subjectCommonName).toBe('www.example.test');
    expect(caps.get().securityInfo).toBe('chrome-flag');
  });
});

describe('CapabilityStore', () => {
  it('writes the initial value once when nothing is stored', async () => {
    const area = new FakeArea();
    const caps = new CapabilityStore(area, CHROME_DEFAULT);
    await caps.ready;
    expect(area.data[CAPABILITIES_KEY]).toEqual(CHROME_DEFAULT);
    expect(area.sets).toBe(1);
  });

  it('takes over what an earlier worker decided', async () => {
    const area = new FakeArea();
    area.data[CAPABILITIES_KEY] = { browser: 'chrome', securityInfo: 'none' };
    const caps = new CapabilityStore(area, CHROME_DEFAULT);
    await caps.ready;
    expect(caps.get().securityInfo).toBe('none');
    expect(area.sets).toBe(0);
  });

  it("prefers this worker's decision over a stored one, and ignores junk", async () => {
    const area = new FakeArea();
    area.data[CAPABILITIES_KEY] = { browser: 'chrome', securityInfo: 'none' };
    const caps = new CapabilityStore(area, CHROME_DEFAULT);
    caps.set({ browser: 'chrome', securityInfo: 'chrome-flag' });
    await caps.ready;
    await flush();
    expect(area.data[CAPABILITIES_KEY]).toEqual({ browser: 'chrome', securityInfo: 'chrome-flag' });

    const junk = new FakeArea();
    junk.data[CAPABILITIES_KEY] = { browser: 'chrome', securityInfo: '<script>' };
    const c2 = new CapabilityStore(junk, CHROME_DEFAULT);
    await c2.ready;
    expect(c2.get()).toEqual(CHROME_DEFAULT);
  });

  it('keeps working in memory when storage fails', async () => {
    const area = new FakeArea();
    area.fail = true;
    const caps = new CapabilityStore(area, CHROME_DEFAULT);
    await caps.ready;
    caps.set({ browser: 'chrome', securityInfo: 'none' });
    await flush();
    expect(caps.get().securityInfo).toBe('none');
  });
});
