import { describe, expect, it } from 'vitest';
import { VERDICTS } from '@/utils/assess/posture';
import { validateCapabilities } from '@/utils/storage/capabilities';
import { isBool, isCount, isList, isNum, isObj, isStr, oneOf, opt, optStr } from '@/utils/storage/guards';
import { validatePosture } from '@/utils/storage/posture';
import { HOST, posture } from '../support/connection-facts';

// The stored-value checks at their edges: each bound exactly, each member type, and one bad member
// rejecting the whole value.

describe('the guards', () => {
  it('take objects that are not arrays or null', () => {
    expect([isObj({}), isObj(Object.create(null)), isObj([]), isObj(null), isObj('x'), isObj(undefined)]).toEqual([true, true, false, false, false, false]);
  });

  it('take strings up to their bound, finite numbers, counts and booleans', () => {
    expect([isStr('abc', 3), isStr('abcd', 3), isStr('', 0), isStr(3, 3)]).toEqual([true, false, true, false]);
    expect([isNum(0), isNum(-1.5), isNum(Number.NaN), isNum(Infinity), isNum('1')]).toEqual([true, true, false, false, false]);
    expect([isCount(0), isCount(7), isCount(-1), isCount(1.5), isCount(Infinity), isCount('1')]).toEqual([true, true, false, false, false, false]);
    expect([isBool(false), isBool(true), isBool(0), isBool('true')]).toEqual([true, true, false, false]);
  });

  it('take an absent value, or one that passes', () => {
    expect([opt(undefined, isBool), opt(true, isBool), opt(null, isBool), opt(1, isBool)]).toEqual([true, true, false, false]);
    expect([optStr(undefined, 2), optStr('ab', 2), optStr('abc', 2), optStr(null, 2)]).toEqual([true, true, false, false]);
  });

  it('take lists up to their bound whose every item passes', () => {
    expect(isList([1, 2], 2, isNum)).toBe(true);
    expect(isList([], 0, isNum)).toBe(true);
    expect(isList([1, 2, 3], 2, isNum)).toBe(false);
    expect(isList([1, 'x'], 5, isNum)).toBe(false);
    expect(isList(['x', 1], 5, isNum)).toBe(false);
    expect(isList({ length: 0 }, 5, isNum)).toBe(false);
  });

  it('oneOf takes only the listed strings', () => {
    const is = oneOf(['a', 'b'] as const);
    expect([is('a'), is('b'), is('c'), is(''), is(['a'])]).toEqual([true, true, false, false, false]);
  });
});

describe('validateCapabilities', () => {
  it('rebuilds exactly the two members, for each browser and each kind of security info', () => {
    for (const browser of ['chrome', 'firefox'] as const) {
      for (const securityInfo of ['firefox', 'chrome-flag', 'none', 'probing'] as const) {
        expect(validateCapabilities({ browser, securityInfo, extra: '<b>' })).toEqual({ browser, securityInfo });
      }
    }
  });

  it('rejects any other browser, security info or shape', () => {
    for (const bad of [{ browser: 'safari', securityInfo: 'none' }, { browser: 'chrome', securityInfo: 'all' }, { browser: 'chrome', securityInfo: 1 }, { browser: 'chrome' }, { securityInfo: 'none' }, null, [], 'chrome']) {
      expect(validateCapabilities(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });
});

describe('validatePosture', () => {
  const good = posture();
  const valid = (patch: Record<string, unknown>) => validatePosture({ ...good, ...patch }) !== undefined;

  it('takes a posture with every verdict, and returns it as it is', () => {
    expect(validatePosture(good)).toBe(good);
    for (const verdict of VERDICTS) expect(valid({ verdict }), verdict).toBe(true);
    expect(valid({ serverIp: '192.0.2.1', headerScore: { total: 80, grade: 'B+' } })).toBe(true);
  });

  it('rejects a bad verdict, url, scheme, address or count', () => {
    for (const patch of [{ verdict: 'safe' }, { url: 1 }, { url: 'x'.repeat(4097) }, { scheme: 's'.repeat(65) }, { serverIp: 'x'.repeat(65) }, { serverIp: 1 }, { firstPartyHosts: -1 }, { thirdPartyHosts: 1.5 }, { firstPartyHosts: undefined }]) {
      expect(valid(patch), JSON.stringify(patch).slice(0, 60)).toBe(false);
    }
    expect(valid({ url: 'x'.repeat(4096), scheme: 's'.repeat(64), serverIp: 'x'.repeat(64) })).toBe(true);
    expect(validatePosture(null)).toBeUndefined();
    expect(validatePosture([good])).toBeUndefined();
  });

  it('checks each member of the host facts', () => {
    expect(valid({ host: { ...HOST, kind: 'k'.repeat(32) } })).toBe(true);
    for (const patch of [{ ascii: 1 }, { unicode: undefined }, { kind: 'k'.repeat(33) }, { loopback: 'no' }, { privateNetwork: 0 }, { onion: null }]) {
      expect(valid({ host: { ...HOST, ...patch } }), JSON.stringify(patch).slice(0, 40)).toBe(false);
    }
    expect(valid({ host: 'example.com' })).toBe(false);
  });

  it('takes up to 64 findings whose members are text, numbers, booleans, lists of text or flat records of those', () => {
    const finding = { id: 'x', n: 1, b: true, s: 'text', list: ['a', 'b'], rec: { a: 'x', b: 2, c: false } };
    expect(valid({ findings: Array.from({ length: 64 }, () => finding) })).toBe(true);
    expect(valid({ findings: Array.from({ length: 65 }, () => finding) })).toBe(false);
    expect(valid({ findings: [{ id: 'i'.repeat(64) }] })).toBe(true);
    expect(valid({ findings: [{ id: 'i'.repeat(65) }] })).toBe(false);
    expect(valid({ findings: [{ n: 1 }] })).toBe(false);
    expect(valid({ findings: ['x'] })).toBe(false);
    expect(valid({ findings: [{ id: 'x', list: Array.from({ length: 256 }, () => 'a') }] })).toBe(true);
    for (const member of [Array.from({ length: 257 }, () => 'a'), [1], { a: { b: 1 } }, { a: ['x'] }, null, Number.NaN, 'x'.repeat(4097)]) {
      expect(valid({ findings: [{ id: 'x', member }] }), String(member).slice(0, 30)).toBe(false);
    }
    expect(valid({ findings: 'none' })).toBe(false);
  });

  it('takes a header score only with a number and a short grade', () => {
    for (const headerScore of [{ total: '80', grade: 'B' }, { total: 80, grade: 'B+++' + '+' }, { total: 80 }, 'B', null]) {
      expect(valid({ headerScore }), JSON.stringify(headerScore)).toBe(false);
    }
    expect(valid({ headerScore: { total: 80, grade: 'A+++' } })).toBe(true);
  });
});
