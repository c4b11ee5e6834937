import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHsts, parseHsts } from '@/utils/headers/hsts';
import { commaList, directives, firstValue, joinedValues } from '@/utils/headers/tokens';

describe('parseHsts', () => {
  it('reads max-age, includeSubDomains and preload in any case and order', () => {
    expect(parseHsts(['max-age=31536000; includeSubDomains; preload'])).toEqual({
      ok: true,
      policy: { maxAge: 31536000, includeSubDomains: true, preload: true },
    });
    expect(parseHsts('PRELOAD ;  Max-Age="600"')).toEqual({ ok: true, policy: { maxAge: 600, includeSubDomains: false, preload: true } });
  });

  it('ignores unknown directives and empty ones, as RFC 6797 §6.1 says', () => {
    expect(parseHsts('max-age=10;; foo=bar; baz')).toEqual({ ok: true, policy: { maxAge: 10, includeSubDomains: false, preload: false } });
  });

  it('rejects what browsers reject', () => {
    expect(parseHsts('includeSubDomains')).toEqual({ ok: false, problem: 'missing-max-age' });
    expect(parseHsts('max-age=10; max-age=20')).toEqual({ ok: false, problem: 'duplicate-directive' });
    expect(parseHsts('max-age=-1')).toEqual({ ok: false, problem: 'bad-max-age' });
    expect(parseHsts('max-age=1e9')).toEqual({ ok: false, problem: 'bad-max-age' });
    expect(parseHsts('max-age')).toEqual({ ok: false, problem: 'bad-max-age' });
    // Two headers merged by the browser ("a, b") break the grammar, and so does garbage.
    expect(parseHsts('max-age=1, max-age=2').ok).toBe(false);
    expect(parseHsts('max-age="10').ok).toBe(false);
    expect(parseHsts('<script>').ok).toBe(false);
    expect(parseHsts(undefined)).toEqual({ ok: false, problem: 'syntax' });
    expect(parseHsts([])).toEqual({ ok: false, problem: 'syntax' });
  });

  it('takes only the first header, as RFC 6797 §8.1 says', () => {
    expect(parseHsts(['max-age=5', 'max-age=99999999'])).toMatchObject({ ok: true, policy: { maxAge: 5 } });
  });

  it('keeps a huge max-age finite', () => {
    const r = parseHsts('max-age=' + '9'.repeat(400));
    expect(r.ok && Number.isFinite(r.policy.maxAge)).toBe(true);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(fc.string())), (v) => {
        const r = parseHsts(v);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips every policy it can express', () => {
    fc.assert(
      fc.property(fc.record({ maxAge: fc.nat(), includeSubDomains: fc.boolean(), preload: fc.boolean() }), (p) => {
        expect(parseHsts(formatHsts(p))).toEqual({ ok: true, policy: p });
      }),
    );
  });
});

describe('parseHsts and formatHsts, exactly', () => {
  it('names the problem of each invalid header', () => {
    expect(parseHsts('<script>')).toEqual({ ok: false, problem: 'syntax' });
    // includeSubDomains takes no value (RFC 6797 §6.1.2).
    expect(parseHsts('max-age=10; includeSubDomains=1')).toEqual({ ok: false, problem: 'syntax' });
    expect(parseHsts('max-age=10; includeSubDomains=""')).toEqual({ ok: false, problem: 'syntax' });
  });

  it('writes only the directives that are on', () => {
    expect(formatHsts({ maxAge: 600, includeSubDomains: false, preload: false })).toBe('max-age=600');
    expect(formatHsts({ maxAge: 600, includeSubDomains: false, preload: true })).toBe('max-age=600; preload');
    expect(formatHsts({ maxAge: 1, includeSubDomains: true, preload: true })).toBe('max-age=1; includeSubDomains; preload');
  });
});

describe('header tokens', () => {
  it('splits comma lists outside quotes', () => {
    expect(commaList(' a , "b, c" ,, d')).toEqual(['a', '"b, c"', 'd']);
  });

  it('reads first and joined values of a header', () => {
    expect(firstValue(['a', 'b'])).toBe('a');
    expect(joinedValues(['a', 'b'])).toBe('a, b');
    expect(firstValue(undefined)).toBeUndefined();
    expect(joinedValues([])).toBeUndefined();
  });

  it('skips header values that are not strings (a damaged or hostile record)', () => {
    const values = [42, null, 'max-age=1', { toString: () => 'x' }, 'b'] as unknown as string[];
    expect(firstValue(values)).toBe('max-age=1');
    expect(joinedValues(values)).toBe('max-age=1, b');
  });

  it('keeps escaped quotes inside a quoted member, and a backslash at the very end', () => {
    expect(commaList('"a\\", b", c')).toEqual(['"a\\", b"', 'c']);
    expect(commaList('x, "a\\')).toEqual(['x', '"a\\']);
    // Members of only whitespace are empty, at the end too.
    expect(commaList('a,  , b, \t ')).toEqual(['a', 'b']);
  });

  it('parses directives with quoted values and refuses broken ones', () => {
    expect(directives('a=1; B="x;y"; c')).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: 'x;y' },
      { name: 'c', value: undefined },
    ]);
    expect(directives('a=')).toBeNull();
    expect(directives('a b')).toBeNull();
    // A directive needs a name; tabs are optional whitespace too.
    expect(directives('a=1; =2')).toBeNull();
    expect(directives('a=1;\tb\t;\tc=\t2')).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: undefined },
      { name: 'c', value: '2' },
    ]);
    // Quoted-string escapes (RFC 9110 §5.6.4): the character after a backslash is taken as it is.
    expect(directives('a="x\\"y\\\\z"; b')).toEqual([
      { name: 'a', value: 'x"y\\z' },
      { name: 'b', value: undefined },
    ]);
    expect(directives('a="x\\"')).toBeNull();
  });

  it('bounds the work on huge values', () => {
    const huge = 'max-age=1;' + ' x;'.repeat(200_000);
    expect(directives(huge)!.length).toBeLessThan(2000);
  });
});
