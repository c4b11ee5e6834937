import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import type { Capabilities } from '@/utils/capabilities';
import type { PageView, ProxyFacts } from '@/utils/page-view';
import { connectionFacts, type ConnectionFacts } from '@/utils/report/facts';
import { pathContent, whoSees, OBSERVERS, SUBJECTS, type Cell, type Observer, type Subject, type WhoRow } from '@/utils/report/who-sees';
import { CHROME, CHROME_FLAG, FIREFOX, firefoxTls, host, SCENARIOS, view, type ScenarioName } from '../fixtures/popup-scenarios';
import { facts, http, proxy, TOR } from '../support/connection-facts';

// Who can see what, checked against /work/shared/docs/what-https-hides.md, one claim at a time.

interface Exposure {
  applies: boolean;
  route: 'direct' | 'unknown' | 'proxy' | 'local-proxy' | 'tor';
  proxy?: ProxyFacts;
  encryptedDns: ConnectionFacts['encryptedDns'];
  ech: ConnectionFacts['ech'];
  dnsByProxy: boolean;
  certificateInClear: boolean;
  pathContent?: Cell;
  rows: WhoRow[];
}

/** The connection's facts and its who-sees rows, in the words these tests speak. */
function exposure(v: PageView, caps: Capabilities): Exposure {
  const posture = assess(v);
  const f = connectionFacts(v, posture, caps);
  const r = f.route;
  const applies = (posture.scheme === 'http' || posture.scheme === 'https') && posture.verdict !== 'internal';
  return {
    applies,
    route: r.kind === 'unreported' ? 'unknown' : r.kind === 'proxy' ? (r.onDevice ? 'local-proxy' : 'proxy') : r.kind,
    ...(r.kind === 'proxy' || r.kind === 'tor' ? { proxy: r.proxy } : {}),
    encryptedDns: f.encryptedDns,
    ech: f.ech,
    dnsByProxy: f.dnsByProxy,
    certificateInClear: f.certificateInClear,
    pathContent: applies ? pathContent(f) : undefined,
    rows: applies ? whoSees(f) : [],
  };
}

const expose = (v: PageView, caps: Capabilities = FIREFOX) => exposure(v, caps);
const scenario = (name: ScenarioName) => expose(SCENARIOS[name].view, SCENARIOS[name].caps);
const at = (e: Exposure, o: Observer, s: Subject) => {
  const r = e.rows.find((x) => x.observer === o);
  if (!r) throw new Error(`no row ${o}`);
  return r[s];
};
/** Several cells at once: [observer, subject, value, reason?]. */
function expectCells(e: Exposure, rows: [Observer, Subject, string, string?][]): void {
  for (const [o, sub, value, reason] of rows) {
    const c = at(e, o, sub);
    expect(c.value, `${o} ${sub}`).toBe(value);
    if (reason) expect(c.reason, `${o} ${sub}`).toBe(reason);
  }
}
const firefoxPage = (url: string, sec = firefoxTls(), patch: Partial<PageView> = {}) => view(url, { main: { status: 200, ip: '93.184.216.34', security: sec }, ...patch });
const proxied = (p: ProxyFacts, url = 'https://example.com/') => view(url, { main: { status: 200, ip: '93.184.216.34', security: url.startsWith('https') ? firefoxTls() : { source: 'firefox', state: 'insecure', certificates: [] }, proxy: p } });

// The scenarios are built in hooks, not at collection: mutation testing then traces the code to each test.
describe('plain http', () => {
  let e: Exposure;
  beforeEach(() => {
    e = scenario('http');
  });
  it('lets the network read and change the content, and see the site', () => {
    expect(at(e, 'network', 'content')).toEqual({ value: 'sees', reason: 'netReadsHttp' });
    expect(at(e, 'network', 'visit')).toEqual({ value: 'sees', reason: 'netHttp' });
    expect(at(e, 'network', 'ip').value).toBe('sees');
  });
  it('says a VPN provider and a Tor exit could read it, if used', () => {
    expect(at(e, 'vpn', 'content')).toEqual({ value: 'if-used', reason: 'vpnHttp' });
    expect(at(e, 'tor-exit', 'content')).toEqual({ value: 'if-used', reason: 'torExitHttp' });
    expect(at(e, 'tor-guard', 'content').value).toBe('does-not-see');
  });
  it('has no TLS handshake to hide a name in, and Chrome does not tell about DNS', () => {
    expect(e.ech).toBe('not-applicable');
    expect(e.encryptedDns).toBe('unavailable');
    expect(e.route).toBe('unknown');
  });
  it('on a private address, limits the audience to the local network', () => {
    const lan = expose(view('http://192.168.1.20/'), CHROME);
    expect(at(lan, 'network', 'content')).toEqual({ value: 'sees', reason: 'netReadsLan' });
    expect(at(lan, 'network', 'visit').reason).toBe('netLan');
  });
});

describe('https in Chrome without security info', () => {
  let e: Exposure;
  beforeEach(() => {
    e = scenario('httpsChrome');
  });
  it('says the content is encrypted but cannot rule out an added inspection root', () => {
    expect(at(e, 'network', 'content')).toEqual({ value: 'does-not-see', reason: 'tlsContentNoRoot' });
  });
  it('never claims the hostname is hidden: the browser does not tell', () => {
    // The address for certain, the name unless protections Chrome does not report were used: not a bare "sees".
    expect(at(e, 'network', 'visit')).toEqual({ value: 'likely', reason: 'netNameLikely' });
    expect(e.ech).toBe('unavailable');
    expect(e.encryptedDns).toBe('unavailable');
  });
  it('does not know whether a proxy or VPN stands in for your address', () => {
    expect(at(e, 'site', 'ip')).toEqual({ value: 'sees', reason: 'yourIp' });
    expect(at(e, 'third-parties', 'ip')).toEqual({ value: 'sees', reason: 'yourIp' });
  });
  it('with the flag on, still has nothing about ECH or DNS', () => {
    const flagged = expose(view('https://example.com/', { main: { ip: '1.2.3.4', security: { source: 'chrome', state: 'secure', certificates: [{ subjectCommonName: 'example.com' }] } } }), CHROME_FLAG);
    expect(flagged.ech).toBe('unavailable');
    expect(at(flagged, 'network', 'content').value).toBe('does-not-see');
  });
});

describe('https in Firefox, TLS 1.3, no ECH, no encrypted DNS', () => {
  let e: Exposure;
  beforeEach(() => {
    e = scenario('httpsFirefox');
  });
  it('names both places the hostname leaks', () => {
    expect(e.ech).toBe('not-used');
    expect(e.encryptedDns).toBe('not-used');
    expect(at(e, 'network', 'visit')).toEqual({ value: 'sees', reason: 'netNameDnsSni' });
  });
  it('with a full chain to a built-in root, says the network cannot read the content', () => {
    expect(at(e, 'network', 'content')).toEqual({ value: 'does-not-see', reason: 'tlsContent' });
    expect(e.certificateInClear).toBe(false);
  });
  it('knows no proxy was used in the browser', () => {
    expect(e.route).toBe('direct');
    expect(at(e, 'site', 'ip').reason).toBe('yourIpBrowserDirect');
  });
});

describe('ECH and encrypted DNS', () => {
  it('hide the name from the network only when both were used; the IP stays visible', () => {
    const e = scenario('httpsEchDoh');
    expect(at(e, 'network', 'visit')).toEqual({ value: 'partly', reason: 'netIpOnly' });
    expect(at(e, 'network', 'ip').value).toBe('sees');
  });
  it.each([
    // ECH keys come from DNS: with plain DNS the lookup still carries the name.
    [true, false, 'netNameDns'],
    // Encrypted DNS alone leaves the name in the TLS handshake (SNI).
    [false, true, 'netNameSni'],
  ])('ECH %s, encrypted DNS %s: the name still shows (%s)', (usedEch, usedPrivateDns, reason) => {
    const e = expose(firefoxPage('https://example.com/', firefoxTls({ usedEch, usedPrivateDns })));
    expect(at(e, 'network', 'visit')).toEqual({ value: 'sees', reason });
  });
  it('encrypted DNS keeps the name from the network, never from the resolver', () => {
    const e = scenario('httpsEchDoh');
    expect(at(e, 'resolver', 'visit')).toEqual({ value: 'sees', reason: 'resolverName' });
    expect(at(e, 'resolver', 'content').value).toBe('does-not-see');
  });
  it('Firefox without the fields says unknown, not "not used"', () => {
    const e = expose(firefoxPage('https://example.com/', firefoxTls({ usedEch: undefined, usedPrivateDns: undefined })));
    expect(e.ech).toBe('unknown');
    expect(e.encryptedDns).toBe('unknown');
    expect(at(e, 'network', 'visit').reason).toBe('netNameUnreported');
  });
  it('Chrome, which never reports them, says the browser does not tell extensions', () => {
    const e = expose(view('https://example.com/'), { browser: 'chrome', securityInfo: 'none' });
    expect(e.ech).toBe('unavailable');
    expect(at(e, 'network', 'visit').reason).toBe('netNameLikely');
  });
  it('TLS 1.2 sends the certificate, and so the names, in clear whatever DNS did', () => {
    const e = expose(firefoxPage('https://example.com/', firefoxTls({ protocol: 'TLSv1.2', usedPrivateDns: true })));
    expect(e.certificateInClear).toBe(true);
    expect(at(e, 'network', 'visit')).toEqual({ value: 'sees', reason: 'netNameCertificate' });
  });
  it('an IP-literal host has no name to leak and no lookup', () => {
    const e = expose(firefoxPage('https://203.0.113.9/'));
    expect(e.ech).toBe('not-applicable');
    expect(e.encryptedDns).toBe('not-applicable');
    expect(at(e, 'network', 'visit').reason).toBe('netIpLiteral');
    expect(at(e, 'resolver', 'visit')).toEqual({ value: 'does-not-see', reason: 'noDnsIpLiteral' });
  });
  it('reports OCSP, which tells the certificate authority the site', () => {
    const facts = (v: PageView) => connectionFacts(v, assess(v), FIREFOX);
    expect(facts(firefoxPage('https://example.com/', firefoxTls({ usedOcsp: true }))).ocsp).toBe(true);
    expect(facts(SCENARIOS.httpsFirefox.view).ocsp).toBe(false);
  });
});

describe('mixed content', () => {
  it('http requests that went out make the content partly readable', () => {
    expect(at(scenario('mixed'), 'network', 'content')).toEqual({ value: 'partly', reason: 'mixedRequests' });
  });
  it('references the browser blocked or upgraded leave nothing readable', () => {
    const v = firefoxPage('https://example.com/', firefoxTls(), { scan: { insecure: { script: 2 }, samples: [], insecureForms: 0, passwordFieldsOnHttp: 0, scannedAt: 1 } });
    const e = expose(v);
    expect(assess(v).verdict).toBe('mixed');
    expect(at(e, 'network', 'content')).toEqual({ value: 'does-not-see', reason: 'tlsContent' });
  });
  it('a form that posts over http exposes what is submitted', () => {
    const v = firefoxPage('https://example.com/', firefoxTls(), { scan: { insecure: { form: 1 }, samples: [], insecureForms: 1, passwordFieldsOnHttp: 0, scannedAt: 1 } });
    expect(at(expose(v), 'network', 'content')).toEqual({ value: 'partly', reason: 'insecureForm' });
  });
  it('a first request that a server answered over http was readable', () => {
    const v = firefoxPage('https://example.com/', firefoxTls(), { hops: [{ url: 'http://example.com/', status: 301, ip: '93.184.216.34' }, { url: 'https://example.com/' }] });
    expect(at(expose(v), 'network', 'content')).toEqual({ value: 'partly', reason: 'firstHopHttp' });
  });
  it('an internal upgrade (HSTS, HTTPS-Upgrades: a 307 with no address) sent nothing readable', () => {
    const v = firefoxPage('https://example.com/', firefoxTls(), { hops: [{ url: 'http://example.com/', status: 307 }, { url: 'https://example.com/' }] });
    expect(at(expose(v), 'network', 'content')).toEqual({ value: 'does-not-see', reason: 'tlsContent' });
  });
});

describe('certificates', () => {
  it('custom root: whoever holds it may read, on the network path; a VPN provider still cannot', () => {
    const e = scenario('customRoot');
    expect(at(e, 'network', 'content')).toEqual({ value: 'may-see', reason: 'customRoot' });
    expect(at(e, 'vpn', 'content').value).toBe('does-not-see');
    expect(e.pathContent?.reason).toBe('customRoot');
  });
  it('certificate error: anyone on the path may be in between', () => {
    const e = scenario('certError');
    expect(at(e, 'network', 'content')).toEqual({ value: 'may-see', reason: 'certUnverified' });
    expect(at(e, 'vpn', 'content')).toEqual({ value: 'may-see', reason: 'certUnverified' });
  });
});

describe('places that are not the internet', () => {
  it('localhost: no network or resolver sees anything, and a VPN or Tor would change nothing', () => {
    const e = scenario('localhost');
    for (const o of ['network', 'resolver'] as const) {
      for (const s of SUBJECTS) expect(at(e, o, s), `${o} ${s}`).toEqual({ value: 'does-not-see', reason: 'loopback' });
    }
    expect(e.rows.map((r) => r.observer)).not.toContain('vpn');
    expect(e.rows.map((r) => r.observer)).not.toContain('tor-exit');
    expect(at(e, 'site', 'content').value).toBe('sees');
  });
  it('localhost that loads third parties still shows them your address', () => {
    const v = view('http://localhost:3000/', { hosts: { localhost: host('localhost', 'first', ['127.0.0.1']), 'cdn.example.net': host('cdn.example.net', 'third', ['203.0.113.1']) } });
    expect(at(expose(v, CHROME), 'third-parties', 'ip').value).toBe('sees');
  });
  it('onion: the network sees Tor, the service never sees your IP, no DNS is asked', () => {
    const e = scenario('onion');
    expectCells(e, [
      ['network', 'visit', 'does-not-see', 'torNet'],
      ['network', 'content', 'does-not-see'],
      ['site', 'ip', 'does-not-see', 'onionNoIp'],
      ['resolver', 'visit', 'does-not-see', 'noDnsOnion'],
      ['tor-guard', 'visit', 'does-not-see', 'torGuardNoDestination'],
      ['tor-guard', 'ip', 'sees', 'torGuard'],
      ['tor-exit', 'visit', 'does-not-see', 'onionNoExit'],
      ['tor-exit', 'ip', 'does-not-see', 'onionNoExit'],
    ]);
    expect(e.pathContent?.reason).toBe('onionContent');
  });
  it('browser pages and files have no connection to describe', () => {
    expect(scenario('internal').applies).toBe(false);
    expect(expose(view('file:///home/me/a.html'), CHROME).applies).toBe(false);
    expect(expose({} as PageView, CHROME).applies).toBe(false);
  });
});

describe('a page Onlooker did not see load', () => {
  let e: Exposure;
  beforeEach(() => {
    e = scenario('unknown');
  });
  it('says unknown for the content and the third parties instead of guessing', () => {
    expect(at(e, 'network', 'content')).toEqual({ value: 'unknown', reason: 'notObserved' });
    for (const s of SUBJECTS) expect(at(e, 'third-parties', s).value).toBe('unknown');
  });
  it('still states what is always true: the network sees the server address and yours', () => {
    expect(at(e, 'network', 'visit').value).toBe('likely');
    expect(at(e, 'network', 'ip').value).toBe('sees');
  });
});

describe('proxies and Tor', () => {
  it('a Tor-shaped proxy: the network sees Tor only; sites see the exit; relays split who and where', () => {
    const e = scenario('torProxy');
    expect(e.route).toBe('tor');
    expectCells(e, [
      ['network', 'visit', 'does-not-see', 'torNet'],
      ['network', 'content', 'does-not-see'],
      ['site', 'ip', 'does-not-see', 'torExitIp'],
      ['third-parties', 'ip', 'does-not-see', 'torExitIp'],
      ['tor-exit', 'visit', 'sees', 'torExit'],
      ['tor-exit', 'ip', 'does-not-see', 'torExitNoIp'],
      ['tor-exit', 'content', 'does-not-see', 'torTls'],
      ['tor-guard', 'ip', 'sees', 'torGuard'],
      ['tor-guard', 'visit', 'does-not-see', 'torGuardNoDestination'],
      ['resolver', 'ip', 'does-not-see', 'resolverOfProxy'],
    ]);
    expect(e.dnsByProxy).toBe(true);
  });
  it('plain http through Tor: the exit can read it, your network cannot', () => {
    const e = expose(proxied({ type: 'socks', host: '127.0.0.1', port: 9150, proxyDns: true }, 'http://example.com/'));
    expect(at(e, 'tor-exit', 'content')).toEqual({ value: 'sees', reason: 'torExitReadsHttp' });
    expect(at(e, 'network', 'content').value).toBe('does-not-see');
    expect(e.pathContent).toEqual({ value: 'sees', reason: 'torExitReadsHttp' });
  });
  it('a remote http or SOCKS proxy: the way to it is plain, so the network still sees the site', () => {
    for (const type of ['http', 'socks']) {
      const e = expose(proxied({ type, host: 'proxy.example.net', port: 3128, proxyDns: true }));
      expect(e.route).toBe('proxy');
      expect(at(e, 'network', 'visit'), type).toEqual({ value: 'sees', reason: 'proxyNetPlain' });
      expect(at(e, 'site', 'ip')).toEqual({ value: 'does-not-see', reason: 'proxyIp' });
      expect(e.rows.map((r) => r.observer)).toContain('proxy');
    }
  });
  it('an https proxy hides the destination from the network, not from the proxy', () => {
    const e = expose(proxied({ type: 'https', host: 'proxy.example.net', port: 443, proxyDns: false }, 'http://example.com/'));
    expect(at(e, 'network', 'visit')).toEqual({ value: 'does-not-see', reason: 'proxyNet' });
    expect(at(e, 'network', 'content')).toEqual({ value: 'does-not-see', reason: 'proxyTlsContent' });
    expect(at(e, 'proxy', 'content')).toEqual({ value: 'sees', reason: 'proxyReadsHttp' });
    expect(at(e, 'proxy', 'ip').value).toBe('sees');
  });
  it('SOCKS without proxy DNS leaves the lookup, with your address, to your resolver', () => {
    const e = expose(proxied({ type: 'socks', host: 'proxy.example.net', port: 1080, proxyDns: false }));
    expect(e.dnsByProxy).toBe(false);
    expect(at(e, 'resolver', 'ip')).toEqual({ value: 'sees', reason: 'resolverYourIp' });
  });
  it('a proxy on this device that is not Tor-shaped: what the network sees is unknown', () => {
    const e = expose(proxied({ type: 'http', host: '127.0.0.1', port: 8080, proxyDns: false }));
    expect(e.route).toBe('local-proxy');
    expect(at(e, 'network', 'visit')).toEqual({ value: 'unknown', reason: 'localProxyNet' });
  });
  it('without a proxy or Tor, the VPN and Tor rows are hypothetical, never "sees"', () => {
    const e = scenario('httpsFirefox');
    for (const o of ['vpn', 'tor-guard', 'tor-exit'] as const) for (const s of SUBJECTS) expect(at(e, o, s).value).not.toBe('sees');
  });
});

// Random page views: the claims that must hold for every connection, whatever the facts.
const proxyArb = fc.option(
  fc.record({ type: fc.constantFrom('http', 'https', 'socks', 'socks4', 'direct'), host: fc.constantFrom('127.0.0.1', 'proxy.example.net'), port: fc.constantFrom(9150, 3128), proxyDns: fc.boolean() }),
  { nil: undefined },
);
const viewArb = fc
  .record({
    scheme: fc.constantFrom('http', 'https'),
    host: fc.constantFrom('example.com', 'localhost', '192.168.1.2', '203.0.113.5', '[2001:db8::1]', 'abc.onion', 'xn--bcher-kva.example'),
    observed: fc.constantFrom('network', 'commit', 'tab'),
    sec: fc.option(
      fc.record({
        state: fc.constantFrom('secure', 'broken', 'weak', 'insecure'),
        protocol: fc.option(fc.constantFrom('TLSv1.2', 'TLSv1.3', 'garbage'), { nil: undefined }),
        usedEch: fc.option(fc.boolean(), { nil: undefined }),
        usedPrivateDns: fc.option(fc.boolean(), { nil: undefined }),
        addedRoot: fc.boolean(),
        override: fc.boolean(),
      }),
      { nil: undefined },
    ),
    proxy: proxyArb,
    thirdParties: fc.nat(3),
    insecure: fc.boolean(),
  })
  .map((r): PageView => {
    const url = `${r.scheme}://${r.host}/`;
    const hosts: PageView['hosts'] = {};
    for (let i = 0; i < r.thirdParties; i++) hosts[`t${i}.tracker.test`] = host(`t${i}.tracker.test`, 'third', ['198.51.100.1'], r.insecure ? { http: 1 } : { https: 1 });
    const certs = r.sec ? [{ subjectCommonName: 'x' }, { subjectCommonName: 'root', isBuiltInRoot: !r.sec.addedRoot }] : [];
    return view(url, {
      observed: r.observed as PageView['observed'],
      hosts,
      main: {
        ip: '203.0.113.5',
        proxy: r.proxy,
        security: r.sec && {
          source: 'firefox',
          state: r.sec.state as 'secure',
          protocol: r.sec.protocol,
          usedEch: r.sec.usedEch,
          usedPrivateDns: r.sec.usedPrivateDns,
          certificates: certs,
          chainComplete: true,
          overriddenError: r.sec.override ? 'trust_error' : undefined,
        },
      },
    });
  });

describe('for every connection', () => {
  const caps = fc.constantFrom<Capabilities>(FIREFOX, CHROME, CHROME_FLAG);
  it('the site always sees that you visit and what you send: HTTPS does not protect from the site', () => {
    fc.assert(fc.property(viewArb, caps, (v, c) => {
      const e = expose(v, c);
      if (!e.applies) return;
      expect(at(e, 'site', 'visit').value).toBe('sees');
      expect(at(e, 'site', 'content').value).toBe('sees');
    }));
  });
  it('the network never misses the content of plain http, unless Tor, an https proxy or the device itself carries it', () => {
    fc.assert(fc.property(viewArb, caps, (v, c) => {
      const e = expose(v, c);
      const p = assess(v);
      if (!e.applies || p.scheme !== 'http') return;
      const content = at(e, 'network', 'content').value;
      if (content === 'does-not-see') expect(p.host.loopback || p.host.onion || e.route === 'tor' || (e.route === 'proxy' && e.proxy?.type === 'https')).toBe(true);
    }));
  });
  it('the name is kept from the network only with both ECH and encrypted DNS (or Tor, a proxy, the device)', () => {
    fc.assert(fc.property(viewArb, caps, (v, c) => {
      const e = expose(v, c);
      if (!e.applies) return;
      const visit = at(e, 'network', 'visit').value;
      if (visit === 'partly' || visit === 'does-not-see') {
        const p = assess(v);
        const both = v.main.security?.usedEch === true && v.main.security?.usedPrivateDns === true;
        expect(both || p.host.loopback || p.host.onion || e.route === 'tor' || e.route === 'proxy').toBe(true);
      }
    }));
  });
  it('your network always sees your address, unless the traffic never leaves the device', () => {
    fc.assert(fc.property(viewArb, caps, (v, c) => {
      const e = expose(v, c);
      if (e.applies && !assess(v).host.loopback) expect(at(e, 'network', 'ip').value).toBe('sees');
    }));
  });
  it('Chrome, which is never told about ECH or encrypted DNS, says so instead of guessing', () => {
    fc.assert(fc.property(viewArb, (v) => {
      const sec = v.main.security && { ...v.main.security, source: 'chrome' as const, usedEch: undefined, usedPrivateDns: undefined };
      const e = expose({ ...v, main: { ...v.main, security: sec } }, CHROME);
      if (!e.applies) return;
      expect(['unavailable', 'not-applicable']).toContain(e.ech);
      expect(['unavailable', 'not-applicable']).toContain(e.encryptedDns);
    }));
  });
  it('every row has every column and every reason has English words', () => {
    const en = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Record<string, unknown>;
    fc.assert(fc.property(viewArb, caps, (v, c) => {
      const e = expose(v, c);
      for (const r of e.rows) {
        expect(OBSERVERS).toContain(r.observer);
        for (const s of SUBJECTS) expect(en, `reason_${r[s].reason}`).toHaveProperty(`reason_${r[s].reason}`);
      }
      if (e.pathContent) expect(en).toHaveProperty(`reason_${e.pathContent.reason}`);
    }));
  });
  it('never throws on damaged or hostile input', () => {
    fc.assert(fc.property(fc.anything(), caps, (junk, c) => {
      const v = junk as PageView;
      expect(() => exposure(v, c)).not.toThrow();
    }));
    const partial = { schema: 1, tabId: 1, url: 'https://example.com/' } as unknown as PageView;
    expect(() => expose(partial)).not.toThrow();
    expect(expose(partial).applies).toBe(true);
  });
});

describe('a certificate the browser refused at its warning page', () => {
  it('says nothing of the page was exchanged, instead of "may be read"', () => {
    const v = view('https://shop.example/', { main: { error: 'net::ERR_CERT_AUTHORITY_INVALID' }, hosts: {} });
    const e = expose(v, CHROME);
    expect(assess(v).verdict).toBe('cert-error');
    expect(at(e, 'network', 'content')).toEqual({ value: 'does-not-see', reason: 'certStopped' });
    expect(at(e, 'vpn', 'content').reason).toBe('certStopped');
    // The site got no request either: the table must not contradict the line above it.
    expect(at(e, 'site', 'content')).toEqual({ value: 'does-not-see', reason: 'certStopped' });
  });
  it('once a response came (the warning was bypassed), anyone in between may read it', () => {
    const v = view('https://shop.example/', { main: { status: 200, error: 'net::ERR_CERT_AUTHORITY_INVALID' } });
    expect(at(expose(v, CHROME), 'network', 'content')).toEqual({ value: 'may-see', reason: 'certUnverified' });
  });
});

// Cells one branch at a time on hand-built facts: value and reason (the reason names the sentence).
describe('who sees what, cell by cell', () => {
  const cellOf = (f: ConnectionFacts, o: Observer, s: Subject) => {
    const r = whoSees(f).find((x) => x.observer === o);
    if (!r) throw new Error(`no row ${o}`);
    return r[s];
  };
  const is = (value: string, reason: string) => ({ value, reason });

  it('the network: the visit by route, host and what the browser said of DNS and ECH', () => {
    const visit = (f: ConnectionFacts) => cellOf(f, 'network', 'visit');
    expect(visit(facts(proxy('http', true)))).toEqual(is('unknown', 'localProxyNet'));
    expect(visit(facts(proxy('socks')))).toEqual(is('sees', 'proxyNetPlain'));
    expect(visit(facts({}, { kind: 'ipv4' }))).toEqual(is('sees', 'netIpLiteral'));
    expect(visit(facts({}, { kind: 'ipv6' }))).toEqual(is('sees', 'netIpLiteral'));
    expect(visit(facts({ encryptedDns: 'used', ech: 'used' }))).toEqual(is('partly', 'netIpOnly'));
    expect(visit(facts({ encryptedDns: 'used', ech: 'unknown' }))).toEqual(is('likely', 'netNameUnreported'));
    expect(visit(facts({ encryptedDns: 'unknown', ech: 'used' }))).toEqual(is('likely', 'netNameUnreported'));
    expect(visit(facts({ encryptedDns: 'used', ech: 'unavailable' }))).toEqual(is('likely', 'netNameLikely'));
    expect(visit(facts({ encryptedDns: 'unavailable', ech: 'used' }))).toEqual(is('likely', 'netNameLikely'));
  });

  it('the network: the content over a proxy, on this device or not', () => {
    const content = (f: ConnectionFacts) => cellOf(f, 'network', 'content');
    expect(content(facts({ ...http, ...proxy('http', true) }))).toEqual(is('unknown', 'localProxyNet'));
    expect(content(facts({ ...http, ...proxy('https') }))).toEqual(is('does-not-see', 'proxyTlsContent'));
    expect(content(facts({ ...http, ...proxy('http') }))).toEqual(is('sees', 'netReadsHttp'));
    expect(content(facts({ ...http, ...proxy('https', true) }))).toEqual(is('unknown', 'localProxyNet'));
  });

  it('the path: loopback, onion, each proxy and the local network over http', () => {
    expect(pathContent(facts(http, { loopback: true }))).toEqual(is('does-not-see', 'loopback'));
    expect(pathContent(facts(http, { onion: true }))).toEqual(is('does-not-see', 'onionContent'));
    expect(pathContent(facts({ ...http, ...proxy('https') }))).toEqual(is('sees', 'httpPastHttpsProxy'));
    expect(pathContent(facts({ ...http, ...proxy('http') }))).toEqual(is('sees', 'httpViaProxy'));
    expect(pathContent(facts(http, { privateNetwork: true }))).toEqual(is('sees', 'netReadsLan'));
    expect(pathContent(facts(http))).toEqual(is('sees', 'netReadsHttp'));
  });

  it('the resolver of an IP literal has nothing to look up', () => {
    for (const kind of ['ipv4', 'ipv6'] as const) expect(whoSees(facts({}, { kind })).find((r) => r.observer === 'resolver')).toEqual({ observer: 'resolver', visit: is('does-not-see', 'noDnsIpLiteral'), content: is('does-not-see', 'resolverNoContent'), ip: is('does-not-see', 'noDnsIpLiteral') });
  });

  it('a VPN: under Tor or to an onion it sees only Tor; otherwise its content by certificate', () => {
    const underTor = { observer: 'vpn', visit: is('does-not-see', 'vpnUnderTor'), content: is('does-not-see', 'vpnUnderTor'), ip: is('if-used', 'vpnIpIfUsed') };
    expect(whoSees(facts(TOR)).find((r) => r.observer === 'vpn')).toEqual(underTor);
    expect(whoSees(facts({}, { onion: true })).find((r) => r.observer === 'vpn')).toEqual(underTor);
    expect(whoSees(facts()).find((r) => r.observer === 'vpn')).toEqual({ observer: 'vpn', visit: is('if-used', 'vpnIfUsed'), content: is('does-not-see', 'vpnTls'), ip: is('if-used', 'vpnIpIfUsed') });
    expect(cellOf(facts({ certificate: 'unknown' }), 'vpn', 'content')).toEqual(is('unknown', 'notObserved'));
    expect(cellOf(facts({ certificate: 'stopped' }), 'vpn', 'content')).toEqual(is('does-not-see', 'certStopped'));
    expect(cellOf(facts({ certificate: 'proceeded' }), 'vpn', 'content')).toEqual(is('may-see', 'certUnverified'));
  });

  it('Tor: the guard never sees the destination; the exit\'s content by certificate, used or not', () => {
    expect(whoSees(facts()).find((r) => r.observer === 'tor-guard')).toEqual({ observer: 'tor-guard', visit: is('does-not-see', 'torGuardNoDestination'), content: is('does-not-see', 'torGuardNoContent'), ip: is('if-used', 'torGuardIfUsed') });
    expect(cellOf(facts(TOR), 'tor-guard', 'ip')).toEqual(is('sees', 'torGuard'));
    expect(cellOf(facts({ ...TOR, certificate: 'unknown' }), 'tor-exit', 'content')).toEqual(is('unknown', 'notObserved'));
    expect(cellOf(facts({ ...TOR, certificate: 'stopped' }), 'tor-exit', 'content')).toEqual(is('does-not-see', 'certStopped'));
    expect(cellOf(facts({ ...TOR, certificate: 'overridden' }), 'tor-exit', 'content')).toEqual(is('may-see', 'certUnverifiedTor'));
    expect(cellOf(facts({ certificate: 'overridden' }), 'tor-exit', 'content')).toEqual(is('if-used', 'torExitUnverifiedIfUsed'));
    expect(cellOf(facts(), 'tor-exit', 'visit')).toEqual(is('if-used', 'torExitIfUsed'));
    expect(cellOf(facts(TOR), 'tor-exit', 'visit')).toEqual(is('sees', 'torExit'));
  });

  it('a proxy reads plain http, and over https what the certificate allows', () => {
    expect(whoSees(facts({ ...http, ...proxy('http') })).find((r) => r.observer === 'proxy')).toEqual({ observer: 'proxy', visit: is('sees', 'proxySeesSite'), content: is('sees', 'proxyReadsHttp'), ip: is('sees', 'proxyYourIp') });
    expect(cellOf(facts(proxy('http')), 'proxy', 'content')).toEqual(is('does-not-see', 'tlsContent'));
    expect(whoSees(facts()).some((r) => r.observer === 'proxy')).toBe(false);
  });
});
