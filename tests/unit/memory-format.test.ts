import { describe, expect, it } from 'vitest';
import { dayOf, digest, isMemoryKey, MEMORY_LIMITS, MEMORY_SCHEMA, parseEntry, parseSkeletonIndex } from '@/utils/storage/memory';

// Per-site memory as stored, read back at its edges: what parseEntry keeps, clips and drops, and the
// checks on digests, keys and the skeleton index. Nothing read can throw or be half-trusted.

const KEY = 'ab'.repeat(16);
const ENTRY = { v: MEMORY_SCHEMA, first: 100, last: 200, lastHttps: true, certs: [] };
const CERT = { key: KEY, issuer: 'R11', day: 150 };

describe('parseEntry', () => {
  it('keeps an entry with its days, and only the members it knows', () => {
    expect(parseEntry({ ...ENTRY, extra: 'x', https: 199, http: 0 })).toEqual({ ...ENTRY, https: 199, http: 0 });
    expect(parseEntry({ ...ENTRY, first: 200 })).toEqual({ ...ENTRY, first: 200 });
    expect(parseEntry({ ...ENTRY, lastHttps: 'yes' })).toEqual({ ...ENTRY, lastHttps: false });
  });

  it('refuses another schema, missing or reversed days, days out of range', () => {
    for (const bad of [{ ...ENTRY, v: 2 }, { ...ENTRY, v: '1' }, { ...ENTRY, first: undefined }, { ...ENTRY, last: undefined }, { ...ENTRY, first: 201 }, { ...ENTRY, first: -1 }, { ...ENTRY, last: 84_000 }, { ...ENTRY, first: 1.5 }, null, [], 'entry']) {
      expect(parseEntry(bad), JSON.stringify(bad)).toBeUndefined();
    }
    expect(parseEntry({ ...ENTRY, first: 0, last: 83_999 })).toEqual({ ...ENTRY, first: 0, last: 83_999 });
  });

  it('drops a day that is not one, keeping the rest', () => {
    expect(parseEntry({ ...ENTRY, https: -1, http: 84_000 })).toEqual(ENTRY);
    expect(parseEntry({ ...ENTRY, https: '5' })).toEqual(ENTRY);
  });

  it('keeps HSTS with a whole non-negative max-age and a day', () => {
    expect(parseEntry({ ...ENTRY, hsts: { maxAge: 31_536_000.7, day: 150 } })?.hsts).toEqual({ maxAge: 31_536_000, day: 150 });
    expect(parseEntry({ ...ENTRY, hsts: { maxAge: 0, day: 150 } })?.hsts).toEqual({ maxAge: 0, day: 150 });
    for (const hsts of [{ maxAge: -1, day: 150 }, { maxAge: Infinity, day: 150 }, { maxAge: '5', day: 150 }, { maxAge: 5 }, { maxAge: 5, day: -1 }, 'max-age=5', null]) {
      expect(parseEntry({ ...ENTRY, hsts }), JSON.stringify(hsts)).not.toHaveProperty('hsts');
    }
  });

  it('keeps up to four certificates, each checked, with its optional members only when right', () => {
    const full = { ...CERT, fp: true, root: 'cd'.repeat(16), builtIn: false, end: 300 };
    expect(parseEntry({ ...ENTRY, certs: [full] })?.certs).toEqual([full]);
    expect(parseEntry({ ...ENTRY, certs: [{ ...CERT, fp: 'true', root: 'CD'.repeat(16), builtIn: 'no', end: -5 }] })?.certs).toEqual([CERT]);
    expect(parseEntry({ ...ENTRY, certs: [{ ...CERT, root: 'cd'.repeat(15) }, { ...CERT, builtIn: true }] })?.certs).toEqual([CERT, { ...CERT, builtIn: true }]);
    expect(parseEntry({ ...ENTRY, certs: [{ ...CERT, issuer: 'x'.repeat(300) }] })?.certs[0]?.issuer).toHaveLength(MEMORY_LIMITS.issuerChars);
    expect(parseEntry({ ...ENTRY, certs: Array.from({ length: 6 }, (_, i) => ({ ...CERT, day: i })) })?.certs.map((c) => c.day)).toEqual([0, 1, 2, 3]);
    expect(parseEntry({ ...ENTRY, certs: 'none' })?.certs).toEqual([]);
  });

  it('drops a certificate without a 32-digit lowercase key, an issuer or a day', () => {
    for (const bad of [{ ...CERT, key: KEY.toUpperCase() }, { ...CERT, key: `${KEY}a` }, { ...CERT, key: KEY.slice(1) }, { ...CERT, key: `${KEY.slice(1)}g` }, { ...CERT, issuer: 5 }, { ...CERT, day: undefined }, 'cert', null]) {
      expect(parseEntry({ ...ENTRY, certs: [bad, CERT] })?.certs, JSON.stringify(bad)).toEqual([CERT]);
    }
  });

  it('keeps the skeleton key only when it is one', () => {
    expect(parseEntry({ ...ENTRY, sk: 'A'.repeat(16) })?.sk).toBe('A'.repeat(16));
    expect(parseEntry({ ...ENTRY, sk: 'short' })).not.toHaveProperty('sk');
  });

  it('never throws on members that throw when read', () => {
    const hostile = new Proxy({ ...ENTRY }, { get: (o, k) => (k === 'https' ? (() => { throw new Error('read'); })() : o[k as keyof typeof o]) });
    expect(parseEntry(hostile)).toEqual(ENTRY);
  });
});

describe('digests, keys and the skeleton index', () => {
  it('digest: colon-separated or not, any case, clipped to 32 hex digits; nothing shorter or not hex', () => {
    expect(digest('AB:CD:'.repeat(8) + 'EF')).toBe('abcd'.repeat(8));
    expect(digest('ab'.repeat(16))).toBe('ab'.repeat(16));
    expect(digest('ab'.repeat(15))).toBeUndefined();
    expect(digest(`${'ab'.repeat(16)}zz`)).toBeUndefined();
    expect(digest(5)).toBeUndefined();
  });

  it('isMemoryKey: 16 to 64 characters of the URL-safe alphabet', () => {
    expect([isMemoryKey('a'.repeat(16)), isMemoryKey('Z_-9'.repeat(16)), isMemoryKey('a'.repeat(15)), isMemoryKey('a'.repeat(65)), isMemoryKey(`${'a'.repeat(16)}.`), isMemoryKey(`${'a'.repeat(16)}\n`), isMemoryKey(16)]).toEqual([true, true, false, false, false, false, false]);
  });

  it('parseSkeletonIndex: at most four keys, each a key', () => {
    const k = (c: string) => c.repeat(16);
    expect(parseSkeletonIndex([k('a'), 'bad', k('b'), k('c'), k('d'), k('e')])).toEqual([k('a'), k('b'), k('c')]);
    expect(parseSkeletonIndex([k('a'), k('b'), k('c'), k('d'), k('e')])).toEqual([k('a'), k('b'), k('c'), k('d')]);
    expect(parseSkeletonIndex('x')).toEqual([]);
  });

  it('dayOf counts whole days since 1970', () => {
    expect([dayOf(0), dayOf(86_399_999), dayOf(86_400_000), dayOf(Date.UTC(2026, 11, 2))]).toEqual([0, 0, 1, 20789]);
  });
});
