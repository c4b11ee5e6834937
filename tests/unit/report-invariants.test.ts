import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import { report } from '@/utils/report';
import { readCatalogue } from '../support/setup';
import { buildCase, factCase, type Axes } from '../support/fact-space';
import { runs } from '../support/mutation';
import { check, INVARIANTS, keysOf } from './report-invariants';

// The fact space, enumerated: generated page views across every axis (tests/support/fact-space.ts)
// and the invariants every report must obey (report-invariants.ts).

const reportOf = (c: ReturnType<typeof buildCase>) => report(c.view, assess(c.view), c.caps);

describe('the report model over the whole fact space', () => {
  it('obeys every invariant', () => {
    fc.assert(
      fc.property(factCase, (c) => {
        const problems = check(c, reportOf(c));
        if (problems.length) throw new Error(`${JSON.stringify(c.axes)}\n${problems.join('\n')}`);
      }),
      { numRuns: runs(3000) },
    );
  });

  it('refers only to messages every language has', () => {
    const langs = ['en', 'de', 'fr', 'es'].map((l) => [l, readCatalogue(l)] as const);
    const keys = new Set<string>();
    for (const c of fc.sample(factCase, { numRuns: runs(3000), seed: 7 })) for (const k of keysOf(reportOf(c))) keys.add(k);
    expect(keys.size).toBeGreaterThan(100);
    for (const [lang, cat] of langs) for (const k of keys) expect(cat, `${lang}: ${k}`).toHaveProperty(k);
  });

  const base: Axes = {
    browser: 'firefox', scheme: 'https', hops: 'none', cert: 'verified', chain: 'built-in', content: 'all-https', route: 'direct',
    dns: 'not-used', ech: 'not-used', observed: 'network', failedThirdParty: false, thirdParties: 1, host: 'domain', tls: 'TLSv1.3',
  };

  it.each([
    ['mixed under an added root names the root (the bug that hid interception)', { chain: 'added', content: 'http-loaded' } as Partial<Axes>, 'reason_customRoot'],
    ['http through an https proxy is exposed past the proxy', { scheme: 'http', route: 'https-proxy' } as Partial<Axes>, 'reason_httpPastHttpsProxy'],
    ['an unverified certificate through Tor may be read by the exit', { route: 'tor', cert: 'overridden' } as Partial<Axes>, 'reason_certUnverifiedTor'],
  ])('%s', (_, patch, key) => {
    const r = reportOf(buildCase({ ...base, ...patch }));
    const content = r.connection.find((s) => s.id === 'content')!;
    expect([content.key, ...(content.details ?? []).map((d) => ('key' in d ? d.key : ''))]).toContain(key);
    expect(content.tone).not.toBe('protected');
  });

  it('an internal upgrade sent nothing; a network first hop is a warning', () => {
    const internal = reportOf(buildCase({ ...base, hops: 'http-upgrade-internal' })).connection.find((s) => s.id === 'first-request')!;
    const network = reportOf(buildCase({ ...base, hops: 'http-upgrade-network' })).connection.find((s) => s.id === 'first-request')!;
    expect([internal.key, internal.tone]).toEqual(['firstRequest_internal', 'info']);
    expect([network.key, network.tone]).toEqual(['firstRequest_network', 'warning']);
    expect(JSON.stringify(network.parts)).not.toMatch(/SECRET|frag/);
  });

  it('the headline follows the route', () => {
    expect(reportOf(buildCase({ ...base, route: 'tor' })).headline.whyKey).toBe('encryptedTor');
    expect(reportOf(buildCase({ ...base, route: 'https-proxy' })).headline.whyKey).toBe('encryptedHttpsProxy');
    expect(reportOf(buildCase({ ...base, scheme: 'http', route: 'tor' })).headline.whyKey).toBe('notEncryptedTor');
    expect(reportOf(buildCase({ ...base, scheme: 'http', host: 'lan-ip' })).headline.whyKey).toBe('notEncryptedLan');
    expect(reportOf(buildCase({ ...base, scheme: 'http', host: 'cgnat' })).headline.whyKey).not.toBe('notEncryptedLan');
    expect(reportOf(buildCase({ ...base })).headline.whyKey).toBe('encrypted');
    // Seen in the demo: under an added root, blocked references must not become "parts came over http".
    expect(reportOf(buildCase({ ...base, chain: 'added', content: 'http-blocked' })).headline.whyKey).toBe('mixedAddedRootRefs');
    expect(reportOf(buildCase({ ...base, chain: 'added', content: 'http-loaded' })).headline.whyKey).toBe('mixedAddedRoot');
    expect(reportOf(buildCase({ ...base, chain: 'added', content: 'http-blocked' })).help?.firstKey).toBe('help_customRoot');
  });

  // Each invariant must be able to fail: a report that breaks it on purpose is caught.
  it.each(Object.keys(INVARIANTS))('%s can fail', (name) => {
    const fn = INVARIANTS[name]!;
    const patches: Partial<Axes>[] = [
      { chain: 'added' }, { chain: 'added', content: 'http-loaded' }, { route: 'tor' }, { route: 'tor', cert: 'overridden' }, { route: 'https-proxy' },
      { content: 'http-blocked' }, { hops: 'http-upgrade-internal' }, { failedThirdParty: true }, { host: 'lookalike' }, { host: 'idn' }, { scheme: 'http' },
    ];
    const broken = patches.some((patch) => {
      const c = buildCase({ ...base, ...patch });
      const r = reportOf(c);
      // Break the report the way the old popup did: protected everything, the verdict's words, Tor linked.
      for (const s of [...r.connection, ...r.visible]) s.tone = s.id === 'content' ? 'protected' : s.tone;
      r.connection.push({ id: 'x', key: 'reason_netReadsHttp', tone: 'exposed', about: 'content', rests: [] });
      r.connection.push({ id: 'first-request', key: 'firstRequest_network', tone: 'warning', about: 'first-request', rests: [], parts: [{ text: 'http://a/?token=SECRET' }] });
      r.connection.find((s) => s.id === 'content')!.key = 'reason_tlsContent';
      r.connection.find((s) => s.id === 'identity')!.key = 'identity_verified';
      r.headline.whyKey = patch.content === 'http-blocked' ? 'mixed' : 'encrypted';
      if (r.help) r.help.firstKey = 'help_mixed';
      if (r.where) r.where = { ...r.where, addressLabel: 'label_serverIp', lookalike: patch.host === 'idn' };
      r.facts.route = { kind: 'unreported' };
      r.facts.contacted.push({ host: 'x', site: 'x', party: 'third', requests: 0, schemes: {}, ips: [], errors: 1 });
      r.facts.failed = [];
      r.facts.encryptedDns = 'unavailable';
      for (const row of r.hosts.rows) row.addressKey = 'label_serverIp';
      for (const row of r.seen) (row.tone = 'protected'), (row.seers = row.seers.filter((x) => x.party === 'site' || x.party === 'network'));
      for (const row of r.who) row.ip = { value: 'sees', reason: 'x' }, row.visit = { value: 'sees', reason: 'x' }, row.content = { value: 'does-not-see', reason: 'x' };
      return fn(c, r) !== undefined;
    });
    expect(broken, `${name} never fails`).toBe(true);
  });
});

describe('what the stored record had to leave out', () => {
  const base = buildCase({
    browser: 'chrome', scheme: 'https', hops: 'none', cert: 'verified', chain: 'unknown', content: 'all-https', route: 'unreported',
    dns: 'not-reported', ech: 'not-reported', observed: 'network', failedThirdParty: false, thirdParties: 1, host: 'domain', tls: 'TLSv1.3',
  });
  const said = (notKept: NonNullable<typeof base.view.notKept>) => {
    const r = report({ ...base.view, notKept }, assess(base.view), base.caps);
    return r.visible.find((s) => s.id === 'not-kept');
  };
  it('says how much was not kept, and nothing when all was', () => {
    expect(said({ hosts: 40, hostRequests: 900, headerValues: 3 })?.parts).toEqual([{ count: 40 }, { count: 900 }, { count: 3 }, { count: 0 }]);
    expect(said({ minimal: true })?.key).toBe('notKept_minimal');
    expect(said({})).toBeUndefined();
    expect(report(base.view, assess(base.view), base.caps).visible.find((s) => s.id === 'not-kept')).toBeUndefined();
  });
});
