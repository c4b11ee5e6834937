import { describe, expect, it } from 'vitest';
import { clip, hostTable, isHostName, LIMITS, showsTabPage, viewFromTabUrl } from '@/utils/page-view';

// The page view's own helpers at their edges: the host-name bound (RFC 1035), clipping, whether a
// stored view is the tab's page, and the view made from a tab's URL alone.

describe('isHostName', () => {
  const label = (n: number) => 'a'.repeat(n);
  it('takes names of up to 253 characters whose labels are 1 to 63 long', () => {
    expect(isHostName('a')).toBe(true);
    expect(isHostName(`${label(63)}.example`)).toBe(true);
    expect(isHostName(`x.${label(63)}`)).toBe(true);
    const longest = [label(63), label(63), label(63), label(61)].join('.');
    expect(longest).toHaveLength(LIMITS.hostChars);
    expect(isHostName(longest)).toBe(true);
  });

  it('refuses an empty name, one over 253 characters, or a label over 63 anywhere', () => {
    expect(isHostName('')).toBe(false);
    expect(isHostName([label(63), label(63), label(63), label(62)].join('.'))).toBe(false);
    expect(isHostName(`${label(64)}.example`)).toBe(false);
    expect(isHostName(`x.${label(64)}`)).toBe(false);
    expect(isHostName(`x.${label(64)}.y`)).toBe(false);
    expect(isHostName(label(64))).toBe(false);
  });
});

describe('clip', () => {
  it('cuts at the bound, keeps shorter text, and turns anything else into text', () => {
    expect(clip('abcdef', 3)).toBe('abc');
    expect(clip('abc', 3)).toBe('abc');
    expect(clip(42, 1)).toBe('4');
    expect(clip(undefined, 5)).toBe('');
    expect(clip(null, 5)).toBe('');
  });
});

describe('showsTabPage', () => {
  it('compares without fragments, and takes an unknown tab URL as the same page', () => {
    expect(showsTabPage({ url: 'https://a.example/p#x' }, 'https://a.example/p#y')).toBe(true);
    expect(showsTabPage({ url: 'https://a.example/p' }, 'https://a.example/q')).toBe(false);
    expect(showsTabPage({ url: 'https://a.example/p?x' }, 'https://a.example/p')).toBe(false);
    expect(showsTabPage({ url: 'https://a.example/p' }, undefined)).toBe(true);
    expect(showsTabPage({ url: 'https://a.example/p' }, '')).toBe(true);
  });

  it('compares a long tab URL as the recorder stored it, clipped', () => {
    const long = `https://a.example/${'x'.repeat(LIMITS.urlChars)}`;
    expect(showsTabPage({ url: long.slice(0, LIMITS.urlChars) }, long)).toBe(true);
  });
});

describe('viewFromTabUrl and hostTable', () => {
  it('makes a view from the URL alone, with nothing observed', () => {
    const long = `https://a.example/${'x'.repeat(LIMITS.urlChars)}`;
    const v = viewFromTabUrl(3, long, 1000);
    expect({ ...v, hosts: { ...v.hosts } }).toEqual({ schema: 1, tabId: 3, id: 'tab-3-1000', url: long.slice(0, LIMITS.urlChars), observed: 'tab', startedAt: 1000, hops: [{ url: long.slice(0, LIMITS.urlChars) }], main: {}, hosts: {}, omittedRequests: 0, requests: 0 });
    expect(Object.getPrototypeOf(v.hosts)).toBeNull();
  });

  it('gives a table where "__proto__" is only a key', () => {
    const t = hostTable();
    t.__proto__ = { host: 'x' } as never;
    expect(Object.keys(t)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(t)).toBeNull();
  });
});
