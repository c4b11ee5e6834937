import { describe, expect, it, vi } from 'vitest';
import type { CaptureEvent } from '@/utils/capture/events';
import { forgetTab, listenToFirefoxHostSecurity } from '@/utils/capture/firefox-host-security';
import type { GetSecurityInfo } from '@/utils/capture/firefox-security';
import { Recorder } from '@/utils/recorder';
import { fakeWebRequest } from '../support/fake-events';

const CHAIN = (builtIn: boolean, cn = builtIn ? 'ISRG Root X1' : 'Corp Inspection CA') => ({
  state: 'secure',
  protocolVersion: 'TLSv1.3',
  certificates: [
    { subject: 'CN=cdn.test', issuer: `CN=${cn}`, validity: { start: 0, end: 1_900_000_000_000 }, isBuiltInRoot: false },
    { subject: `CN=${cn}`, issuer: `CN=${cn}`, isBuiltInRoot: builtIn, fingerprint: { sha256: FP } },
  ],
});

const FP = Array(32).fill('AB').join(':');
const flush = () => new Promise((r) => setTimeout(r, 0));
const TOP = 'https://www.example.com/';
const sub = (requestId: string, url: string, tabId = 7, top = TOP) => ({ requestId, tabId, type: 'image', url, frameId: 0, documentUrl: top, frameAncestors: [] });

function setup(answer: (id: string) => unknown) {
  const wr = fakeWebRequest();
  const getSecurityInfo = vi.fn((id: string) => Promise.resolve(answer(id)));
  wr.getSecurityInfo = getSecurityInfo as GetSecurityInfo;
  const events: CaptureEvent[] = [];
  listenToFirefoxHostSecurity(wr as never, (e) => events.push(e)).set(true);
  return { wr, getSecurityInfo, events, listener: wr.onHeadersReceived.listeners[0]! };
}

describe('per-host TLS in Firefox', () => {
  it('is one blocking listener for https and wss that answers {} at once', () => {
    forgetTab(7);
    const { listener } = setup(() => CHAIN(true));
    expect(listener.filter).toEqual({ urls: ['https://*/*', 'wss://*/*'] });
    expect(listener.extra).toEqual(['blocking']);
    const answer = listener.cb(sub('1', 'https://cdn.test/a.png'));
    expect(answer).toEqual({});
    expect(answer).not.toBeInstanceOf(Promise);
  });

  it('asks once per host and page, and again after a new page in the tab', async () => {
    forgetTab(7);
    const { listener, getSecurityInfo, events } = setup(() => CHAIN(true));
    for (let i = 0; i < 50; i++) listener.cb(sub(String(i), `https://cdn.test/${i}.png`));
    listener.cb(sub('a', 'https://other.test/x.png'));
    expect(getSecurityInfo).toHaveBeenCalledTimes(2);
    await flush();
    expect(events.map((e) => e.kind === 'host-security' && e.url)).toEqual(['https://cdn.test/0.png', 'https://other.test/x.png']);
    listener.cb({ requestId: 'm', tabId: 7, type: 'main_frame', url: TOP, frameId: 0 });
    listener.cb(sub('b', 'https://cdn.test/again.png'));
    expect(getSecurityInfo).toHaveBeenCalledTimes(3);
    // Another top-level document (no main-frame response seen, e.g. from the cache) starts afresh too.
    listener.cb(sub('c', 'https://cdn.test/z.png', 7, 'https://elsewhere.test/'));
    expect(getSecurityInfo).toHaveBeenCalledTimes(4);
  });

  it('never throws and never blocks when getSecurityInfo fails', async () => {
    forgetTab(7);
    const wr = fakeWebRequest();
    wr.getSecurityInfo = (() => {
      throw new Error('boom');
    }) as GetSecurityInfo;
    const events: CaptureEvent[] = [];
    listenToFirefoxHostSecurity(wr as never, (e) => events.push(e)).set(true);
    expect(wr.onHeadersReceived.listeners[0]!.cb(sub('1', 'https://cdn.test/a.png'))).toEqual({});
    await flush();
    expect(events).toEqual([]);
  });

  it('registers nothing where the browser has no getSecurityInfo', () => {
    const wr = fakeWebRequest();
    listenToFirefoxHostSecurity(wr as never, () => undefined).set(true);
    expect(wr.onHeadersReceived.listeners).toHaveLength(0);
  });

  it('costs nothing until the setting turns it on, and nothing again once it is turned off', () => {
    const wr = fakeWebRequest();
    wr.getSecurityInfo = (() => Promise.resolve(CHAIN(true))) as GetSecurityInfo;
    const sw = listenToFirefoxHostSecurity(wr as never, () => undefined);
    expect(wr.onHeadersReceived.listeners).toHaveLength(0);
    sw.set(true);
    sw.set(true);
    expect(wr.onHeadersReceived.listeners).toHaveLength(1);
    sw.set(false);
    expect(wr.onHeadersReceived.listeners).toHaveLength(0);
  });

  it('lands on the host record, made before its response if need be, and is neither counted nor kept twice', async () => {
    forgetTab(7);
    const { listener, events } = setup((id) => CHAIN(id !== '2'));
    const rec = new Recorder();
    rec.apply({ kind: 'committed', tabId: 7, time: 1, url: TOP });
    listener.cb(sub('1', 'https://cdn.test/a.png'));
    listener.cb(sub('2', 'https://mail.example.com/x.png'));
    await flush();
    for (const e of events) rec.apply(e);
    let v = rec.view(7)!;
    expect(v.hosts['cdn.test']).toMatchObject({ requests: 0, errors: 0, tls: { root: 'built-in', protocol: 'TLSv1.3', rootName: 'ISRG Root X1', issuer: 'ISRG Root X1' } });
    expect(v.hosts['mail.example.com']!.tls).toMatchObject({ root: 'added', rootName: 'Corp Inspection CA', rootSha256: expect.stringMatching(/^ab:?ab/i) });
    rec.apply({ kind: 'subresource', tabId: 7, time: 2, url: 'https://cdn.test/a.png', ip: '192.0.2.1', origin: { topUrl: TOP } });
    rec.apply({ ...(events[0] as Extract<CaptureEvent, { kind: 'host-security' }>), tls: { root: 'added' } });
    v = rec.view(7)!;
    expect(v.hosts['cdn.test']).toMatchObject({ requests: 1, ips: ['192.0.2.1'], tls: { root: 'built-in' } });
    // An answer about another page's request is dropped.
    rec.apply({ kind: 'host-security', tabId: 7, time: 3, url: 'https://late.test/', origin: { topUrl: 'https://elsewhere.test/' }, tls: { root: 'added' } });
    expect(rec.view(7)!.hosts['late.test']).toBeUndefined();
  });
});
