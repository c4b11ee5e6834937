import { describe, expect, it } from 'vitest';
import type { Finding, HeaderScore, Posture, Verdict } from '@/utils/assess/posture';
import type { Capabilities } from '@/utils/capabilities';
import type { HostContact, PageView, ProxyFacts } from '@/utils/page-view';
import { report } from '@/utils/report';
import { reportCore, type Marks } from '@/utils/report/core';
import { originAndPath } from '@/utils/report/display';
import type { MemoryReport } from '@/utils/report/memory';
import { CHROME, CHROME_FLAG, FIREFOX, firefoxTls, host, view } from '../fixtures/popup-scenarios';
import { HOST, HTTP_PAGE, posture } from '../support/connection-facts';

// reportCore's own choices, one at a time on hand-built postures: which findings are said where, the
// contacts line, the help, where the page is, and when memory changes the headline. (The statements
// and rows it gathers have their own tests.)

const PAGE = view('https://example.com/', { main: { status: 200, ip: '93.184.216.34', security: firefoxTls() } });
const core = (p: Posture, o: { v?: PageView; caps?: Capabilities; marks?: Marks } = {}) => reportCore(o.v ?? PAGE, p, o.caps ?? FIREFOX, o.marks);
const proxied = (proxy: ProxyFacts) => view('https://example.com/', { main: { status: 200, ip: '127.0.0.1', security: firefoxTls(), proxy } });
const ids = (fs: Finding[]) => fs.map((f) => f.id);

describe('where findings are said', () => {
  it('leaves out those the statements say, puts what matters on top and the rest under "More"', () => {
    const findings = [
      { id: 'proxy' },
      { id: 'tor-proxy' },
      { id: 'custom-root', name: 'Corp' },
      { id: 'insecure-requests', hosts: [] },
      { id: 'first-hop-http', from: 'http://example.com/' },
      { id: 'mixed-active', count: 1 },
      { id: 'mixed-passive', count: 1 },
      { id: 'insecure-form', count: 1 },
      { id: 'security-broken' },
      { id: 'certificate-override', category: 'x' },
      { id: 'third-parties', count: 2 },
      { id: 'idn' },
      { id: 'tls-outdated', protocol: 'TLSv1' },
      { id: 'ocsp-used' },
      { id: 'private-network' },
      { id: 'facts-incomplete', kind: 'not-observed' },
      { id: 'load-failed', error: 'x' },
      { id: 'header', test: 'hsts', result: 'missing' },
    ] as unknown as Finding[];
    const r = core(posture('encrypted', findings));
    expect(ids(r.notes)).toEqual(['tls-outdated', 'private-network', 'facts-incomplete', 'load-failed']);
    expect(ids(r.more)).toEqual(['ocsp-used']);
    expect(ids(r.headers)).toEqual(['header']);
  });

  it('keeps the header score and nothing when there is none', () => {
    const score = { score: 80, grade: 'B' } as unknown as HeaderScore;
    expect(core(posture('encrypted', [], { headerScore: score })).headerScore).toBe(score);
    expect(core(posture('encrypted'))).not.toHaveProperty('headerScore');
  });
});

describe('the contacts line', () => {
  const withHosts = (hosts: HostContact[], patch: Partial<PageView> = {}) => view('https://example.com/', { hosts: Object.fromEntries(hosts.map((h) => [h.host, h])), ...patch });

  it('names the two busiest third parties and counts the rest', () => {
    const v = withHosts([host('example.com', 'first', []), host('a.test', 'third', [], { https: 1 }), host('b.test', 'third', [], { https: 5 }), host('c.test', 'third', [], { https: 3 }), host('d.test', 'third', [], { https: 2 })]);
    expect(core(posture('encrypted'), { v }).contacts).toEqual({ kind: 'others', names: ['b.test', 'c.test'], more: 2 });
    const two = withHosts([host('a.test', 'third', [], { https: 1 }), host('b.test', 'third', [], { https: 2 })]);
    expect(core(posture('encrypted'), { v: two }).contacts).toEqual({ kind: 'others', names: ['b.test', 'a.test'], more: 0 });
  });

  it('counts the site\'s own hosts when no third party answered, and says nothing for a page it did not see load', () => {
    const v = withHosts([host('example.com', 'first', []), host('cdn.example.com', 'first', [])]);
    expect(core(posture('encrypted'), { v }).contacts).toEqual({ kind: 'own', hosts: 2 });
    expect(core(posture('encrypted'), { v: withHosts([host('a.test', 'third', [])], { observed: 'commit' }) }).contacts).toEqual({ kind: 'unseen' });
  });
});

describe('whether there is a connection to describe', () => {
  it('applies to http and https pages with a host, not to internal pages, files or other schemes', () => {
    expect(core(posture('encrypted')).applies).toBe(true);
    expect(core(posture('not-encrypted', [], HTTP_PAGE)).applies).toBe(true);
    for (const p of [posture('internal'), posture('encrypted', [], { scheme: 'file' }), posture('encrypted', [], { host: { ...HOST, kind: 'none' } })]) {
      const r = core(p);
      expect(r.applies).toBe(false);
      expect([r.connection, r.who, r.seen]).toEqual([[], [], []]);
      expect(r.help).toBeUndefined();
    }
    const r = core(posture('encrypted'));
    expect(r.connection.map((s) => s.id)).toEqual(['content', 'identity']);
    expect(r.who.length).toBeGreaterThan(0);
    expect(r.seen.length).toBeGreaterThan(0);
  });

  it('says where the page is, with the address when known, except on internal pages', () => {
    expect(core(posture('encrypted')).where).toEqual({ host: HOST, lookalike: false, addressLabel: 'label_serverIp', address: '93.184.216.34' });
    expect(core(posture('encrypted', [{ id: 'idn', lookalike: true } as unknown as Finding])).where?.lookalike).toBe(true);
    expect(core(posture('encrypted'), { v: view('https://example.com/', { main: { status: 200 } }) }).where).not.toHaveProperty('address');
    expect(core(posture('internal')).where).toBeUndefined();
    expect(core(posture('encrypted', [], { host: { ...HOST, ascii: '' } })).where).toBeUndefined();
  });

  it('tells the statements which browser it is and whether Chrome\'s flag is on', () => {
    const identity = (caps: Capabilities) => core(posture('encrypted'), { v: view('https://example.com/', { observed: 'commit', main: {} }), caps }).connection[1]!;
    const keys = (caps: Capabilities) => identity(caps).details?.map((d) => (d.kind === 'text' ? d.key : d.kind));
    expect(keys(FIREFOX)).toEqual(['howto_certFirefox']);
    expect(keys(CHROME)).toEqual(['howto_certChrome', 'howto_flagChrome']);
    expect(keys(CHROME_FLAG)).toEqual(['howto_certChrome']);
  });
});

describe('the help', () => {
  const help = (p: Posture, v?: PageView) => core(p, { v }).help;

  it('puts first what matters for the verdict', () => {
    const cases: [Verdict, string | undefined][] = [['not-encrypted', 'help_notEncrypted'], ['cert-error', 'help_certError'], ['custom-root', 'help_customRoot'], ['onion', 'help_onion'], ['local', 'help_local'], ['encrypted', undefined]];
    for (const [verdict, key] of cases) {
      const h = help(posture(verdict));
      expect(h?.firstKey, verdict).toBe(key);
      expect(h?.headingKey, verdict).toBe(key ? 'heading_help' : 'heading_hideMore');
      expect(h?.browser).toBe('firefox');
    }
    expect(help(posture('encrypted'))).toEqual({ headingKey: 'heading_hideMore', browser: 'firefox' });
  });

  it('on a mixed page: the mixed help only when http parts loaded, the form\'s for a form, the root\'s first', () => {
    const mixedView = (patch: Partial<PageView>) => view('https://example.com/', { main: { status: 200, security: firefoxTls() }, ...patch });
    const loaded = mixedView({ hosts: { 'cdn.test': host('cdn.test', 'third', [], { http: 1 }) } });
    expect(help(posture('mixed'), loaded)?.firstKey).toBe('help_mixed');
    expect(help(posture('mixed'), mixedView({ scan: { insecureForms: 1 } as PageView['scan'] }))?.firstKey).toBe('help_mixedForm');
    expect(help(posture('mixed'), mixedView({ scan: { insecure: { image: 2 } } as PageView['scan'] }))).toEqual({ headingKey: 'heading_hideMore', browser: 'firefox' });
    const rooted = mixedView({ main: { status: 200, security: firefoxTls({ certificates: [{ subjectCommonName: 'example.com' }, { subjectCommonName: 'Corp CA', isBuiltInRoot: false }] }) } });
    expect(help(posture('mixed'), rooted)?.firstKey).toBe('help_customRoot');
    expect(help(posture('mixed'), { ...rooted, hosts: loaded.hosts })?.firstKey).toBe('help_customRoot');
    // Only on a mixed page: a certificate error keeps its own help first.
    expect(help(posture('cert-error'), rooted)?.firstKey).toBe('help_certError');
  });

  it('names the route: Tor, a proxy, a proxy on this device; none for an onion service', () => {
    expect(help(posture('encrypted'), proxied({ type: 'socks', host: '127.0.0.1', port: 9150, proxyDns: true }))?.routeKey).toBe('help_torProxy');
    expect(help(posture('encrypted'), proxied({ type: 'https', host: 'proxy.corp', port: 443, proxyDns: false }))?.routeKey).toBe('help_proxy');
    expect(help(posture('encrypted'), proxied({ type: 'http', host: '127.0.0.1', port: 8080, proxyDns: false }))?.routeKey).toBe('help_localProxy');
    expect(help(posture('onion', [], { host: { ...HOST, onion: true } }), proxied({ type: 'socks', host: '127.0.0.1', port: 9150, proxyDns: true }))).toEqual({ headingKey: 'heading_help', firstKey: 'help_onion', browser: 'firefox' });
    expect(core(posture('encrypted'), { caps: CHROME }).help?.browser).toBe('chrome');
  });
});

describe('memory', () => {
  const memory = (wasEncrypted: boolean): MemoryReport => ({ findings: [], remembered: { id: 'memory-remembered', key: 'memory_rememberedNew', tone: 'info', about: 'memory', rests: [] }, wasEncrypted });
  const httpPage = view('http://example.com/');

  it('is kept only where the report applies, and changes the headline only when the site was https before', () => {
    const p = posture('not-encrypted', [], HTTP_PAGE);
    const plain = core(p, { v: httpPage });
    const was = core(p, { v: httpPage, marks: { memory: memory(true) } });
    expect(was.memory).toEqual(memory(true));
    expect(was.headline.whyKey).toBe('notEncryptedWasEncrypted');
    expect(plain.headline.whyKey).toBe('notEncrypted');
    const not = core(p, { v: httpPage, marks: { memory: memory(false) } });
    expect(not.memory).toEqual(memory(false));
    expect(not.headline).toEqual(plain.headline);
    expect(core(posture('internal'), { marks: { memory: memory(true) } }).memory).toBeUndefined();
    expect(plain.memory).toBeUndefined();
  });
});

describe('report() and the displayed URL', () => {
  it('adds the visible statements and the host table only where the report applies', () => {
    const r = report(PAGE, posture('encrypted'), FIREFOX);
    expect(r.visible.map((s) => s.id)).toEqual(['destination', 'you']);
    expect(r.hosts.rows.map((h) => h.host)).toEqual(['example.com']);
    expect(report(PAGE, posture('internal'), FIREFOX).visible).toEqual([]);
  });

  it('shows a URL without its query and fragment, and nothing for what is not a URL', () => {
    expect(originAndPath('https://a.example/p?code=1#x')).toBe('https://a.example/p');
    expect(originAndPath('https://a.example/p#x?y')).toBe('https://a.example/p');
    expect(originAndPath('?code=1')).toBe('');
    expect(originAndPath('https://a.example/')).toBe('https://a.example/');
    expect(originAndPath(42)).toBe('');
  });
});
