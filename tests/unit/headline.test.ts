import { describe, expect, it } from 'vitest';
import type { Verdict } from '@/utils/assess/posture';
import type { ConnectionFacts } from '@/utils/report/facts';
import { actionFor, explanation, headline, withMemory } from '@/utils/report/headline';
import { content, facts, http, proxy, TOR } from '../support/connection-facts';

// The headline's choices one branch at a time, on hand-built facts: each case changes one fact from a
// plain https page and names the explanation and the action that must follow. (The fact-space
// invariants check that no choice is false; these check that each choice is made at all.)


describe('explanation', () => {
  const cases: [string, Verdict, ConnectionFacts, string][] = [
    ['plain http', 'not-encrypted', facts(http), 'notEncrypted'],
    ['http through Tor', 'not-encrypted', facts({ ...http, ...TOR }), 'notEncryptedTor'],
    ['http to an onion name through Tor is not "through Tor"', 'not-encrypted', facts({ ...http, ...TOR }, { onion: true }), 'notEncrypted'],
    ['http through an https proxy', 'not-encrypted', facts({ ...http, ...proxy('https') }), 'notEncryptedHttpsProxy'],
    ['http through an http proxy', 'not-encrypted', facts({ ...http, ...proxy('http') }), 'notEncryptedProxy'],
    ['http through a SOCKS proxy', 'not-encrypted', facts({ ...http, ...proxy('socks') }), 'notEncryptedProxy'],
    ['http through a proxy on this device', 'not-encrypted', facts({ ...http, ...proxy('https', true) }), 'notEncrypted'],
    ['http on the local network', 'not-encrypted', facts(http, { privateNetwork: true }), 'notEncryptedLan'],
    ['http on the local network through a proxy', 'not-encrypted', facts({ ...http, ...proxy('http') }, { privateNetwork: true }), 'notEncryptedProxy'],
    ['https', 'encrypted', facts(), 'encrypted'],
    ['https through Tor', 'encrypted', facts(TOR), 'encryptedTor'],
    ['https through an https proxy', 'encrypted', facts(proxy('https')), 'encryptedHttpsProxy'],
    ['https through an http proxy', 'encrypted', facts(proxy('http')), 'encrypted'],
    ['https through an https proxy on this device', 'encrypted', facts(proxy('https', true)), 'encrypted'],
    ['mixed: http parts', 'mixed', facts(content({ httpHosts: ['cdn.test'] })), 'mixed'],
    ['mixed: a form to http', 'mixed', facts(content({ insecureForms: 1 })), 'mixedForm'],
    ['mixed: http parts and a form', 'mixed', facts(content({ httpHosts: ['cdn.test'], insecureForms: 1 })), 'mixed'],
    ['mixed: references only', 'mixed', facts(content({ passiveRefs: 2 })), 'mixedReferences'],
    ['mixed under an added root, http parts loaded', 'mixed', facts({ root: { kind: 'added', name: 'Corp CA' }, ...content({ httpHosts: ['cdn.test'] }) }), 'mixedAddedRoot'],
    ['mixed under an added root, references only', 'mixed', facts({ root: { kind: 'added', name: 'Corp CA' }, ...content({ passiveRefs: 1 }) }), 'mixedAddedRootRefs'],
    ['a refused certificate, stopped at the warning', 'cert-error', facts({ certificate: 'stopped' }), 'certErrorStopped'],
    ['a bypassed certificate warning', 'cert-error', facts({ certificate: 'overridden' }), 'certError'],
    ['localhost', 'local', facts(http, { loopback: true }), 'local'],
  ];
  it.each(cases)('%s', (_name, verdict, f, key) => {
    expect(explanation(verdict, f)).toBe(key);
  });
});

describe('actionFor', () => {
  const cases: [string, ConnectionFacts, boolean, string | undefined][] = [
    ['a healthy https page needs none', facts(), false, undefined],
    ['a look-alike name comes first', facts({ ...http, certificate: 'stopped' }), true, 'lookalike'],
    ['a stopped certificate', facts({ certificate: 'stopped', ...content({ httpHosts: ['a.test'] }) }), false, 'certErrorStopped'],
    ['a bypassed warning', facts({ certificate: 'overridden' }), false, 'certErrorPast'],
    ['a broken connection', facts({ certificate: 'broken' }), false, 'certErrorPast'],
    ['a warning this tab proceeded past', facts({ certificate: 'proceeded' }), false, 'certErrorPast'],
    ['a password field on http', facts({ ...http, downgrade: true, ...content({ passwordFieldsOnHttp: 1 }) }), false, 'passwordOnHttp'],
    ['a password field on localhost is not urgent', facts({ ...http, ...content({ passwordFieldsOnHttp: 1 }) }, { loopback: true }), false, undefined],
    ['a password field on an onion service is not urgent', facts({ ...http, ...content({ passwordFieldsOnHttp: 1 }) }, { onion: true }), false, undefined],
    ['https then http', facts({ ...http, downgrade: true }), false, 'downgrade'],
    ['https then http to localhost', facts({ ...http, downgrade: true }, { loopback: true }), false, undefined],
    ['plain http', facts(http), false, 'notEncrypted'],
    ['plain http on the local network', facts(http, { privateNetwork: true }), false, 'notEncryptedLan'],
    ['plain http to an onion service', facts(http, { onion: true }), false, undefined],
    ['an added root', facts({ root: { kind: 'added', name: 'Corp CA' }, ...content({ insecureForms: 1 }) }), false, 'customRoot'],
    ['a form that sends to http', facts(content({ insecureForms: 1, httpHosts: ['a.test'] })), false, 'insecureForm'],
    ['http parts', facts(content({ httpHosts: ['a.test'] })), false, 'httpParts'],
    ['references the browser blocked need none', facts(content({ activeRefs: 3 })), false, undefined],
  ];
  it.each(cases)('%s', (_name, f, lookalike, key) => {
    expect(actionFor(f, lookalike)).toBe(key);
  });
});

describe('headline', () => {
  it('names the verdict, explains it, titles the toolbar with the same explanation and adds the action', () => {
    expect(headline({ verdict: 'not-encrypted' } as never, facts(http, { privateNetwork: true }), false)).toEqual({
      verdict: 'not-encrypted',
      verdictKey: 'notEncrypted',
      whyKey: 'notEncryptedLan',
      titleKey: 'notEncryptedLan',
      actionKey: 'notEncryptedLan',
    });
    // No action: the member is absent, not undefined.
    expect(headline({ verdict: 'encrypted' } as never, facts(), false)).toStrictEqual({ verdict: 'encrypted', verdictKey: 'encrypted', whyKey: 'encrypted', titleKey: 'encrypted' });
  });
});

describe('withMemory', () => {
  const h = (f: ConnectionFacts, verdict: Verdict = 'not-encrypted', lookalike = false) => withMemory(headline({ verdict } as never, f, lookalike), f, lookalike);
  it('says a plain-http page was encrypted when last seen, and what to do about it', () => {
    expect(h(facts(http))).toMatchObject({ whyKey: 'notEncryptedWasEncrypted', titleKey: 'notEncrypted', actionKey: 'wasEncrypted' });
  });
  it("keeps a proxy's or a home network's explanation, which says who reads the page", () => {
    expect(h(facts({ ...http, ...proxy('http') }))).toMatchObject({ whyKey: 'notEncryptedProxy', actionKey: 'wasEncrypted' });
    expect(h(facts(http, { privateNetwork: true }))).toMatchObject({ whyKey: 'notEncryptedLan', actionKey: 'wasEncrypted' });
  });
  it('keeps a more urgent action first', () => {
    expect(h(facts(http), 'not-encrypted', true)).toMatchObject({ whyKey: 'notEncryptedWasEncrypted', actionKey: 'lookalike' });
    expect(h(facts({ ...http, certificate: 'overridden' }))).toMatchObject({ actionKey: 'certErrorPast' });
  });
  it('changes nothing through Tor, on an https page, or for another verdict', () => {
    const tor = facts({ ...http, ...TOR });
    expect(h(tor)).toStrictEqual(headline({ verdict: 'not-encrypted' } as never, tor, false));
    expect(h(facts(), 'encrypted')).toStrictEqual(headline({ verdict: 'encrypted' } as never, facts(), false));
    // A verdict other than not-encrypted on http facts (localhost) is left alone too.
    const local = facts(http, { loopback: true });
    expect(h(local, 'local')).toStrictEqual(headline({ verdict: 'local' } as never, local, false));
    // Not-encrypted with https facts (cannot come from assess, but the guard is on both).
    expect(h(facts(), 'not-encrypted')).toStrictEqual(headline({ verdict: 'not-encrypted' } as never, facts(), false));
  });
});
