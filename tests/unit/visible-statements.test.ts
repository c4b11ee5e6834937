import { describe, expect, it } from 'vitest';
import type { PageView } from '@/utils/page-view';
import { reasonParts } from '@/utils/report/connection';
import type { ConnectionFacts, Tristate } from '@/utils/report/facts';
import type { Pair, Statement } from '@/utils/report/statement';
import { visibleStatements } from '@/utils/report/visible';
import { view } from '../fixtures/popup-scenarios';
import { facts, http, proxy, TOR } from '../support/connection-facts';

// "Still visible" one branch at a time: where you go (the destination and its metadata) and who you
// are, on hand-built facts that change one thing from a verified https page to a named host.

const PAGE = view('https://example.com/');
const statements = (f: ConnectionFacts, v: PageView = PAGE) => visibleStatements(v, f);
const destination = (f: ConnectionFacts) => statements(f)[0]!;
const you = (f: ConnectionFacts) => statements(f)[1]!;
const pairs = (s: Statement): Pair[] => {
  const d = s.details?.[0];
  return d?.kind === 'pairs' ? d.pairs : [];
};
const meta = (f: ConnectionFacts, cls: string) => pairs(destination(f)).find((p) => p.cls === cls)?.value;
const words = (f: ConnectionFacts, cls: string) => (meta(f, cls)?.[0] as { msg: string } | undefined)?.msg;

describe('the destination statement', () => {
  it('on a plain https page: the name is likely seen; the metadata in order', () => {
    const f = facts({ address: '93.184.216.34' });
    expect(destination(f)).toEqual({
      id: 'destination',
      key: 'reason_netNameUnreported',
      parts: reasonParts(f),
      tone: 'exposed',
      about: 'destination',
      rests: ['route', 'dns', 'ech', 'tls', 'host', 'scheme'],
      details: [
        {
          kind: 'pairs',
          cls: 'meta',
          pairs: [
            { label: 'label_dns', cls: 'dns', value: [{ msg: 'value_unknown' }] },
            { label: 'label_sni', cls: 'sni', value: [{ msg: 'value_unknown' }] },
            { label: 'label_serverIp', cls: 'meta-ip', value: [{ text: '93.184.216.34', max: 45 }] },
            { label: 'label_traffic', cls: 'traffic', value: [{ msg: 'value_trafficVisible' }] },
          ],
        },
      ],
    });
  });

  it('takes its tone from what the network sees of the visit', () => {
    expect(destination(facts({ encryptedDns: 'used', ech: 'used' }))).toMatchObject({ key: 'reason_netIpOnly', tone: 'warning' });
    expect(destination(facts({ encryptedDns: 'not-used', ech: 'not-used' }))).toMatchObject({ key: 'reason_netNameDnsSni', tone: 'exposed' });
    expect(destination(facts(TOR))).toMatchObject({ key: 'reason_torNet', tone: 'protected' });
    expect(destination(facts(proxy('https')))).toMatchObject({ key: 'reason_proxyNet', tone: 'protected' });
    expect(destination(facts(proxy('http', true)))).toMatchObject({ key: 'reason_localProxyNet', tone: 'unknown' });
    expect(destination(facts(http))).toMatchObject({ key: 'reason_netHttp', tone: 'exposed' });
    expect(destination(facts({ ...http }, { loopback: true })).tone).toBe('info');
  });

  it('on a loopback page gives only the address', () => {
    expect(pairs(destination(facts(http, { loopback: true })))).toEqual([{ label: 'label_serverIp', cls: 'meta-ip', value: [{ msg: 'value_unknown' }] }]);
  });

  it('labels the address by the route: the proxy\'s, the server\'s, or only "connected to"', () => {
    expect(meta(facts(proxy('http')), 'meta-ip')).toBeDefined();
    expect(pairs(destination(facts(proxy('http')))).find((p) => p.cls === 'meta-ip')?.label).toBe('label_proxyIp');
    expect(pairs(destination(facts(TOR))).find((p) => p.cls === 'meta-ip')?.label).toBe('label_proxyIp');
    expect(pairs(destination(facts({ route: { kind: 'unreported' } }))).find((p) => p.cls === 'meta-ip')?.label).toBe('label_connectedIp');
  });

  it('adds the certificate sent in the clear and the OCSP check only when they happened, in their places', () => {
    const f = facts({ certificateInClear: true, ocsp: true });
    expect(pairs(destination(f)).map((p) => p.cls)).toEqual(['dns', 'sni', 'cert-clear', 'meta-ip', 'traffic', 'ocsp']);
    expect(meta(f, 'cert-clear')).toEqual([{ msg: 'value_certificateInClear' }]);
    expect(pairs(destination(f)).find((p) => p.cls === 'cert-clear')?.label).toBe('label_certificate');
    expect(pairs(destination(f)).find((p) => p.cls === 'ocsp')).toEqual({ label: 'label_ocsp', cls: 'ocsp', value: [{ msg: 'value_ocspUsed' }] });
  });

  it('says each state of encrypted DNS, and that a proxy or Tor looks the name up', () => {
    const dns: [Tristate, string][] = [['used', 'dns_used'], ['not-used', 'dns_notUsed'], ['unknown', 'value_unknown'], ['unavailable', 'dns_unavailable'], ['not-applicable', 'dns_notApplicable']];
    for (const [state, key] of dns) expect(words(facts({ encryptedDns: state }), 'dns'), state).toBe(key);
    expect(words(facts({ encryptedDns: 'not-used', dnsByProxy: true }), 'dns')).toBe('dns_viaProxy');
    expect(words(facts({ encryptedDns: 'not-applicable', dnsByProxy: true }), 'dns')).toBe('dns_notApplicable');
  });

  it('says each state of ECH, and what a handshake name means behind Tor or an https proxy', () => {
    const ech: [Tristate, string][] = [['used', 'ech_used'], ['not-used', 'ech_notUsed'], ['unknown', 'value_unknown'], ['unavailable', 'value_unavailable']];
    for (const [state, key] of ech) expect(words(facts({ ech: state }), 'sni'), state).toBe(key);
    expect(words(facts({ ech: 'not-applicable' }), 'sni')).toBe('ech_notApplicable');
    expect(words(facts({ ...http, ech: 'not-applicable' }), 'sni')).toBe('ech_http');
    expect(words(facts({ ...http, ...TOR, ech: 'not-applicable' }), 'sni')).toBe('ech_httpTor');
    expect(words(facts({ ...http, ech: 'not-applicable' }, { onion: true }), 'sni')).toBe('ech_notApplicable');
    expect(words(facts({ ...TOR, ech: 'not-used' }), 'sni')).toBe('ech_notUsedTor');
    expect(words(facts({ ...proxy('https'), ech: 'not-used' }), 'sni')).toBe('ech_notUsedPastProxy');
    expect(words(facts({ ...proxy('http'), ech: 'not-used' }), 'sni')).toBe('ech_notUsed');
    expect(words(facts({ ...TOR, ech: 'used' }), 'sni')).toBe('ech_used');
    expect(words(facts({ ...proxy('https'), ech: 'used' }), 'sni')).toBe('ech_used');
  });
});

describe('the "you" statement', () => {
  it('names what the site and its third parties learn, by route', () => {
    const key = (f: ConnectionFacts) => you(f).key;
    expect(you(facts())).toEqual({ id: 'you', key: 'you_direct', parts: reasonParts(facts()), tone: 'info', about: 'you', rests: ['route', 'hosts', 'observed'], details: [{ kind: 'text', key: 'explain_you' }] });
    expect(key(facts(TOR))).toBe('you_tor');
    expect(key(facts(proxy('https')))).toBe('you_proxy');
    expect(key(facts(proxy('https', true)))).toBe('you_direct');
    expect(key(facts({ route: { kind: 'unreported' } }))).toBe('you_unknown');
    expect(key(facts({ observed: 'commit' }))).toBe('you_notObserved');
    expect(key(facts({ ...TOR }, { onion: true }))).toBe('you_onion');
    expect(key(facts(http, { loopback: true }))).toBe('you_localAlone');
    expect(key(facts({ ...http, thirdParties: 2 }, { loopback: true }))).toBe('you_local');
  });
});

describe('what the stored record left out', () => {
  const notKept = (n: unknown) => statements(facts(), view('https://example.com/', { notKept: n as PageView['notKept'] }))[2];

  it('is said only when something was left out, with its counts in order', () => {
    expect(notKept(undefined)).toBeUndefined();
    expect(notKept('x')).toBeUndefined();
    expect(notKept(null)).toBeUndefined();
    expect(notKept({ hosts: 1, cookies: 1 })?.parts).toEqual([{ count: 1 }, { count: 0 }, { count: 1 }, { count: 0 }]);
    expect(notKept({ hosts: 1, samples: 1 })?.parts).toEqual([{ count: 1 }, { count: 0 }, { count: 0 }, { count: 1 }]);
    expect(notKept({})).toBeUndefined();
    expect(notKept({ hostRequests: 5 })).toBeUndefined();
    expect(notKept({ hosts: 2, hostRequests: 9, headerValues: 3, cookies: 1, samples: 4 })).toEqual({ id: 'not-kept', key: 'notKept_some', short: 'short_notKept_some', parts: [{ count: 2 }, { count: 9 }, { count: 4 }, { count: 4 }], tone: 'info', about: 'notice', rests: ['hosts'] });
    for (const one of [{ hosts: 1 }, { headerValues: 1 }, { cookies: 1 }, { samples: 1 }]) expect(notKept(one)?.key, JSON.stringify(one)).toBe('notKept_some');
  });

  it('says a minimal record as such, and reads hostile counts as none', () => {
    expect(notKept({ minimal: true, hosts: 3 })).toEqual({ id: 'not-kept', key: 'notKept_minimal', short: 'short_notKept_minimal', tone: 'info', about: 'notice', rests: ['hosts'] });
    expect(notKept({ hosts: Number.NaN, samples: Infinity, cookies: -1, headerValues: '7' })).toBeUndefined();
    const throwing = { toString: () => { throw new Error('converted'); }, valueOf: () => { throw new Error('converted'); } };
    expect(notKept({ hosts: 1, headerValues: throwing, cookies: throwing })?.parts).toEqual([{ count: 1 }, { count: 0 }, { count: 0 }, { count: 0 }]);
  });
});
