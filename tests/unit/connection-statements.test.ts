import { describe, expect, it } from 'vitest';
import type { Finding, Posture } from '@/utils/assess/posture';
import type { CertificateFacts, PageView } from '@/utils/page-view';
import { connectionStatements, reasonParts } from '@/utils/report/connection';
import type { ConnectionFacts } from '@/utils/report/facts';
import type { Statement } from '@/utils/report/statement';
import { firefoxTls, LEAF, view } from '../fixtures/popup-scenarios';
import { content, facts, http, posture, proxy, TOR } from '../support/connection-facts';

// The "Connection" statements one branch at a time: each case changes one fact from a verified https
// page and names the sentence, its tone, its parts and its details. (The fact-space invariants check
// that no statement is false; these check that each is the one the facts call for.)

const PAGE = view('https://example.com/', { main: { status: 200, ip: '93.184.216.34', security: firefoxTls() } });
const bare = (sec: PageView['main']) => view('https://example.com/', { main: sec });

function statements(f: ConnectionFacts, o: { v?: PageView; p?: Posture; chrome?: boolean; flag?: boolean; knownRoot?: boolean; quietHost?: boolean } = {}): Statement[] {
  return connectionStatements(o.v ?? PAGE, o.p ?? posture(), f, o.chrome ?? false, o.flag ?? false, { knownRoot: o.knownRoot, quietHost: o.quietHost });
}
const byId = (ss: Statement[], id: string) => ss.find((s) => s.id === id);
const contentOf = (f: ConnectionFacts, o?: Parameters<typeof statements>[1]) => byId(statements(f, o), 'content')!;
const identityOf = (f: ConnectionFacts, o?: Parameters<typeof statements>[1]) => byId(statements(f, o), 'identity')!;
const UNKNOWN = { msg: 'value_unknown' };

describe('reasonParts', () => {
  it('gives the address, the host, the third parties, then the proxy and the root as unknown on a direct page', () => {
    expect(reasonParts(facts({ address: '192.0.2.1', thirdParties: 3 }, { unicode: 'bücher.example' }))).toEqual([
      { text: '192.0.2.1', max: 45, cls: 'ip' },
      { text: 'bücher.example', max: 40, cls: 'hostname' },
      { count: 3 },
      UNKNOWN,
      UNKNOWN,
    ]);
  });

  it('names the proxy or Tor by type, host and port, and an added root by name', () => {
    expect(reasonParts(facts(proxy('https')))[3]).toEqual({ text: 'https proxy.corp:3128', max: 40 });
    expect(reasonParts(facts(TOR))[3]).toEqual({ text: 'socks 127.0.0.1:9150', max: 40 });
    expect(reasonParts(facts({ root: { kind: 'added', name: 'Corp CA' } }))[4]).toEqual({ text: 'Corp CA', max: 40 });
    expect(reasonParts(facts({ root: { kind: 'built-in', name: 'ISRG Root X1' } }))[4]).toEqual(UNKNOWN);
    expect(reasonParts(facts())[0]).toEqual(UNKNOWN);
  });
});

describe('the content statement', () => {
  it('on a verified https page under a built-in root: protected, with one detail', () => {
    expect(contentOf(facts())).toEqual({
      id: 'content',
      key: 'reason_tlsContent',
      parts: reasonParts(facts()),
      tone: 'protected',
      about: 'content',
      rests: ['scheme', 'certificate', 'root', 'route', 'content', 'host'],
      details: [{ kind: 'text', key: 'explain_content' }],
    });
  });

  it('without a known root: the short line, and the whole sentence in the details', () => {
    const s = contentOf(facts({ root: { kind: 'unknown' } }));
    expect(s.key).toBe('reason_tlsContent');
    expect(s.tone).toBe('protected');
    expect(s.details).toEqual([{ kind: 'text', key: 'reason_tlsContentNoRoot', parts: reasonParts(facts({ root: { kind: 'unknown' } })) }, { kind: 'text', key: 'explain_content' }]);
  });

  it('under an added root: the short line, then the whole sentence; the root the user marked is named as such', () => {
    const f = facts({ root: { kind: 'added', name: 'Corp CA' } });
    const s = contentOf(f);
    expect([s.key, s.tone, s.short]).toEqual(['reason_customRootShort', 'warning', undefined]);
    expect(s.details?.[0]).toEqual({ kind: 'text', key: 'reason_customRoot', parts: reasonParts(f) });
    const known = contentOf(f, { knownRoot: true });
    expect([known.key, known.short, known.tone]).toEqual(['reason_customRootKnown', 'short_reason_customRootKnown', 'warning']);
    expect(known.details?.[0]).toEqual({ kind: 'text', key: 'reason_customRoot', parts: reasonParts(f) });
    // A known root on a page without one changes nothing.
    expect(contentOf(facts(), { knownRoot: true }).key).toBe('reason_tlsContent');
  });

  it('with http parts: says so and lists the hosts; under a worse reason both are still said', () => {
    const f = facts(content({ httpHosts: ['cdn.test', 'img.test'] }));
    const s = contentOf(f);
    expect([s.key, s.tone]).toEqual(['reason_mixedRequests', 'warning']);
    expect(s.details).toEqual([{ kind: 'list', key: 'label_insecureHosts', items: ['cdn.test', 'img.test'] }, { kind: 'text', key: 'explain_content' }]);
    const rooted = contentOf(facts({ root: { kind: 'added', name: 'Corp CA' }, ...content({ httpHosts: ['cdn.test'] }) }));
    expect(rooted.details?.map((d) => (d.kind === 'pairs' ? d.cls : d.key))).toEqual(['reason_customRoot', 'reason_mixedRequests', 'label_insecureHosts', 'explain_content']);
    expect(rooted.details?.[1]).toEqual({ kind: 'text', key: 'reason_mixedRequests', parts: reasonParts(facts({ root: { kind: 'added', name: 'Corp CA' }, ...content({ httpHosts: ['cdn.test'] }) })) });
  });

  it('follows the path-content cell: http, an unverified server, a stopped warning, an unknown certificate', () => {
    expect([contentOf(facts(http)).key, contentOf(facts(http)).tone]).toEqual(['reason_netReadsHttp', 'exposed']);
    expect([contentOf(facts({ certificate: 'overridden' })).key, contentOf(facts({ certificate: 'overridden' })).tone]).toEqual(['reason_certUnverified', 'warning']);
    const stopped = contentOf(facts({ certificate: 'stopped' }));
    expect([stopped.key, stopped.tone]).toEqual(['reason_certStopped', 'info']);
    const unknown = contentOf(facts({ certificate: 'unknown' }));
    expect([unknown.key, unknown.tone]).toEqual(['reason_notObserved', 'unknown']);
    expect(contentOf(facts(content({ insecureForms: 1 }))).tone).toBe('warning');
    expect(contentOf(facts({ ...http, ...proxy('https') })).key).toBe('reason_httpPastHttpsProxy');
  });

  it('on a loopback page is a calm fact, not a tick', () => {
    const s = contentOf(facts(http, { loopback: true }));
    expect([s.key, s.tone]).toEqual(['reason_loopback', 'info']);
    expect(contentOf(facts({}, { onion: true })).tone).toBe('protected');
  });
});

describe('the identity statement', () => {
  const base = { id: 'identity', about: 'identity', rests: ['scheme', 'certificate', 'root', 'host'] };

  it('needs no certificate for loopback, an onion name or http, and says when it is not known', () => {
    expect(identityOf(facts(http, { loopback: true }))).toEqual({ ...base, key: 'identity_local', tone: 'info' });
    expect(identityOf(facts({}, { onion: true }))).toEqual({ ...base, key: 'identity_onion', short: 'short_identity_onion', tone: 'protected' });
    expect(identityOf(facts(http))).toEqual({ ...base, key: 'identity_none', tone: 'exposed' });
    expect(identityOf(facts({ certificate: 'unknown' }))).toEqual({ ...base, key: 'identity_unknown', tone: 'unknown', details: [{ kind: 'text', key: 'howto_certFirefox' }] });
    expect(identityOf(facts({ certificate: 'unknown' }), { chrome: true }).details).toEqual([{ kind: 'text', key: 'howto_certChrome' }, { kind: 'text', key: 'howto_flagChrome' }]);
    expect(identityOf(facts({ certificate: 'unknown' }), { chrome: true, flag: true }).details).toEqual([{ kind: 'text', key: 'howto_certChrome' }]);
    expect(identityOf(facts({ certificate: 'unknown' }), { flag: true }).details).toEqual([{ kind: 'text', key: 'howto_certFirefox' }]);
  });

  it('names the certificate and its built-in root on a verified page', () => {
    const s = identityOf(facts());
    expect(s).toMatchObject({ ...base, key: 'identity_verified', parts: [{ text: 'example.com', max: 40 }], tone: 'protected' });
    expect(s.details?.[1]).toEqual({ kind: 'text', key: 'explain_identity' });
    expect(s.details).toHaveLength(2);
    expect(identityOf(facts({ root: { kind: 'unknown' } })).key).toBe('identity_verifiedNoRoot');
  });

  it('names the certificate by its common name, else its first alternative name, else its subject', () => {
    const named = (leaf: CertificateFacts) => identityOf(facts(), { v: bare({ status: 200, security: firefoxTls({ certificates: [leaf] }) }) }).parts;
    expect(named(LEAF)).toEqual([{ text: 'example.com', max: 40 }]);
    expect(named({ subjectAltNames: ['alt.example', 'b.example'], subject: 'CN=s' })).toEqual([{ text: 'alt.example', max: 40 }]);
    expect(named({ subjectCommonName: '', subjectAltNames: [], subject: 'O=Only Subject' })).toEqual([{ text: 'O=Only Subject', max: 40 }]);
    expect(named({})).toEqual([UNKNOWN]);
  });

  it('says the browser checked it when no certificate was given, and how to see one', () => {
    const v = bare({ status: 200, security: { source: 'chrome', state: 'secure', certificates: [] } as never });
    const s = identityOf(facts({ certificate: 'browser-checked', root: { kind: 'unknown' } }), { v, chrome: true });
    expect(s.key).toBe('identity_browserChecked');
    expect(s.tone).toBe('info');
    expect(s.details?.map((d) => d.kind === 'text' ? d.key : d.kind)).toEqual(['pairs', 'explain_identity', 'howto_certChrome', 'howto_flagChrome']);
    expect(identityOf(facts(), { v: bare({ status: 200 }) }).key).toBe('identity_browserChecked');
  });

  it('under an added root names the root, marked or not', () => {
    const f = facts({ root: { kind: 'added', name: 'Corp CA' } });
    expect(identityOf(f)).toMatchObject({ key: 'identity_customRoot', parts: [{ text: 'Corp CA', max: 40 }], tone: 'warning' });
    expect(identityOf(f, { knownRoot: true }).key).toBe('identity_knownRoot');
  });

  it('for an unverified server says how: bypassed (by category), proceeded, failed; stopped is a warning', () => {
    const over = posture('encrypted', [{ id: 'certificate-override', category: 'untrusted-issuer' } as Finding]);
    expect(identityOf(facts({ certificate: 'overridden' }), { p: over })).toMatchObject({ key: 'identity_overridden', parts: [{ msg: 'override_untrustedIssuer' }], tone: 'exposed' });
    expect(identityOf(facts({ certificate: 'proceeded' }))).toMatchObject({ key: 'identity_proceeded', tone: 'exposed' });
    expect(identityOf(facts({ certificate: 'broken' }))).toMatchObject({ key: 'identity_failed', tone: 'exposed' });
    expect(identityOf(facts({ certificate: 'overridden' }))).toMatchObject({ key: 'identity_failed', tone: 'exposed' });
    expect(identityOf(facts({ certificate: 'stopped' }), { p: over })).toMatchObject({ key: 'identity_failed', tone: 'warning' });
    // An added root and a bypass: the bypass is what the sentence says.
    expect(identityOf(facts({ certificate: 'overridden', root: { kind: 'added', name: 'Corp CA' } }), { p: over }).key).toBe('identity_overridden');
  });
});

describe('the certificate pairs', () => {
  const pairsOf = (v: PageView, f = facts()) => {
    const d = identityOf(f, { v }).details?.find((x) => x.kind === 'pairs');
    return d?.kind === 'pairs' ? d : undefined;
  };

  it('give the TLS version, the names, the end, transparency and the root, in that order', () => {
    const d = pairsOf(PAGE)!;
    expect(d.cls).toBe('cert');
    expect(d.pairs).toEqual([
      { label: 'label_tls', cls: 'tls', value: [{ text: 'TLS 1.3' }] },
      { label: 'label_issuedTo', cls: 'issued-to', value: [{ text: 'example.com' }] },
      { label: 'label_issuedBy', cls: 'issued-by', value: [{ text: 'R11' }] },
      { label: 'label_validUntil', cls: 'valid-until', value: [{ date: LEAF.notAfter }] },
      { label: 'label_ct', cls: 'ct', value: [{ msg: 'ct_policy_compliant' }] },
      { label: 'label_root', cls: 'root', value: [{ text: 'ISRG Root X1' }, { msg: 'value_rootBuiltIn' }] },
    ]);
    expect(pairsOf(PAGE, facts({ root: { kind: 'added', name: 'Corp CA' } }))!.pairs[5]!.value).toEqual([{ text: 'Corp CA' }, { msg: 'value_rootAdded' }]);
  });

  it('say what is missing, and take embedded SCTs and the issuer\'s DN when that is all there is', () => {
    const d = pairsOf(bare({ status: 200, security: firefoxTls({ protocol: undefined, certificateTransparency: '', certificates: [{ issuer: 'O=Issuer DN', sctCount: 2 }, LEAF] }) }))!;
    expect(d.pairs.map((p) => p.value)).toEqual([[{ missing: 'tls-version' }], [{ missing: 'certificate' }], [{ text: 'O=Issuer DN' }], [{ missing: 'certificate' }], [{ msg: 'ct_embedded', parts: [{ count: 2 }] }], [{ text: 'ISRG Root X1' }, { msg: 'value_rootBuiltIn' }]]);
    const empty = pairsOf(bare({ status: 200, security: firefoxTls({ certificates: [{}] }) }), facts({ root: { kind: 'unknown' } }))!;
    expect(empty.pairs.map((p) => p.value[0])).toEqual([{ text: 'TLS 1.3' }, { missing: 'certificate' }, { missing: 'certificate' }, { missing: 'certificate' }, { msg: 'ct_policy_compliant' }]);
    const noCt = pairsOf(bare({ status: 200, security: firefoxTls({ certificateTransparency: undefined, certificates: [{ ...LEAF }] }) }), facts({ root: { kind: 'unknown' } }))!;
    expect(noCt.pairs[4]!.value).toEqual([{ missing: 'certificate' }]);
  });

  it('name no root for a single certificate or an unknown root', () => {
    expect(pairsOf(bare({ status: 200, security: firefoxTls({ certificates: [LEAF] }) }))!.pairs.map((p) => p.cls)).not.toContain('root');
    expect(pairsOf(PAGE, facts({ root: { kind: 'unknown' } }))!.pairs.map((p) => p.cls)).not.toContain('root');
    expect(pairsOf(bare({ status: 200, security: { ...firefoxTls(), certificates: 'x' as never } }))).toBeDefined();
  });
});

describe('the statements after the first two', () => {
  const ids = (ss: Statement[]) => ss.map((s) => s.id);

  it('a healthy page has only content and identity', () => {
    expect(ids(statements(facts()))).toEqual(['content', 'identity']);
  });

  it('says the first request, as far as the facts go, without its query', () => {
    const first = (h: ConnectionFacts['firstHop']) => byId(statements(facts({ firstHop: h })), 'first-request');
    expect(first({ kind: 'network', from: 'http://example.com/a?code=1' })).toEqual({ id: 'first-request', about: 'first-request', rests: ['hops'], parts: [{ text: 'http://example.com/a', max: 60 }], key: 'firstRequest_network', short: 'short_firstRequest_network', tone: 'warning' });
    expect(first({ kind: 'internal', from: 'http://example.com/' })).toMatchObject({ key: 'firstRequest_internal', tone: 'info' });
    expect(first({ kind: 'unconfirmed', from: 'http://example.com/' })).toMatchObject({ key: 'firstRequest_unconfirmed', tone: 'info' });
  });

  it('counts forms that post over http on https, unless the content statement already says so', () => {
    const forms = (f: ConnectionFacts) => byId(statements(f), 'forms');
    expect(forms(facts({ root: { kind: 'added', name: 'Corp CA' }, ...content({ insecureForms: 2 }) }))).toEqual({ id: 'forms', key: 'forms_insecure', short: 'short_forms_insecure', parts: [{ count: 2 }], tone: 'warning', about: 'forms', rests: ['content'] });
    expect(forms(facts(content({ insecureForms: 2 })))).toBeUndefined();
    expect(forms(facts({ ...http, ...content({ insecureForms: 2 }) }))).toBeUndefined();
    expect(forms(facts({ root: { kind: 'added', name: 'Corp CA' } }))).toBeUndefined();
  });

  it('counts http references on https: blocked, or some loaded; none on http or behind a stopped warning', () => {
    const refs = (f: ConnectionFacts) => byId(statements(f), 'references');
    expect(refs(facts(content({ activeRefs: 1, passiveRefs: 2 })))).toEqual({ id: 'references', key: 'references_blocked', short: 'short_references_blocked', parts: [{ count: 3 }], tone: 'info', about: 'references', rests: ['content'], details: [{ kind: 'text', key: 'references_explain' }] });
    expect(refs(facts(content({ passiveRefs: 1 })))?.parts).toEqual([{ count: 1 }]);
    expect(refs(facts(content({ activeRefs: 1 })))?.parts).toEqual([{ count: 1 }]);
    expect(refs(facts(content({ activeRefs: 1, passiveRefs: 1 })))?.parts).toEqual([{ count: 2 }]);
    expect(refs(facts(content({ passiveRefs: 1, httpHosts: ['cdn.test'] })))?.key).toBe('references_someLoaded');
    expect(refs(facts())).toBeUndefined();
    expect(refs(facts({ ...http, ...content({ passiveRefs: 1 }) }))).toBeUndefined();
    expect(refs(facts({ certificate: 'stopped', ...content({ passiveRefs: 1 }) }))).toBeUndefined();
  });

  it('notes that plain http is expected only on an http page the user marked', () => {
    expect(byId(statements(facts(http), { quietHost: true }), 'expected')).toEqual({ id: 'expected', key: 'note_quietHost', short: 'short_note_quietHost', tone: 'info', about: 'notice', rests: ['host'] });
    expect(byId(statements(facts(), { quietHost: true }), 'expected')).toBeUndefined();
    expect(byId(statements(facts(http)), 'expected')).toBeUndefined();
  });

  it('keeps its order: content, identity, the note, the first request, forms, references', () => {
    const f = facts({ root: { kind: 'added', name: 'Corp CA' }, firstHop: { kind: 'network', from: 'http://example.com/' }, ...content({ insecureForms: 1, passiveRefs: 1 }) });
    expect(ids(statements(f))).toEqual(['content', 'identity', 'first-request', 'forms', 'references']);
    expect(ids(statements(facts({ ...http, firstHop: { kind: 'none' } }), { quietHost: true }))).toEqual(['content', 'identity', 'expected']);
  });
});
