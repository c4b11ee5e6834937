import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseResourcePolicy } from '@/utils/headers/corp';
import { REFERRER_POLICIES, parseReferrerPolicy } from '@/utils/headers/referrer-policy';
import { cookieFacts } from '@/utils/headers/set-cookie';
import { parseNosniff } from '@/utils/headers/x-content-type-options';
import { parseFrameOptions } from '@/utils/headers/x-frame-options';
import { pickHeaders } from '@/utils/capture/response-headers';

const anyValue = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(fc.string(), { maxLength: 4 }), fc.constant(undefined));

describe('Referrer-Policy', () => {
  it('takes the last policy the browser knows (Referrer Policy §8.1)', () => {
    expect(parseReferrerPolicy('no-referrer, unsafe-url')).toBe('unsafe-url');
    expect(parseReferrerPolicy(['origin', 'Strict-Origin-When-Cross-Origin, made-up'])).toBe('strict-origin-when-cross-origin');
    expect(parseReferrerPolicy('made-up')).toBeUndefined();
    expect(parseReferrerPolicy(undefined)).toBeUndefined();
  });

  it('round-trips every known policy and never throws', () => {
    for (const p of REFERRER_POLICIES) expect(parseReferrerPolicy(` ${p.toUpperCase()} `)).toBe(p);
    fc.assert(fc.property(anyValue, (v) => void parseReferrerPolicy(v)), { numRuns: 1000 });
  });
});

describe('X-Content-Type-Options', () => {
  it('counts only a first value of nosniff (Fetch "determine nosniff")', () => {
    expect(parseNosniff('nosniff')).toBe(true);
    expect(parseNosniff(' NoSniff ')).toBe(true);
    expect(parseNosniff('nosniff, other')).toBe(true);
    expect(parseNosniff('other, nosniff')).toBe(false);
    expect(parseNosniff('nosnif')).toBe(false);
    fc.assert(fc.property(anyValue, (v) => typeof parseNosniff(v) === 'boolean'), { numRuns: 1000 });
  });
});

describe('X-Frame-Options', () => {
  it('follows the HTML rules for one and several values', () => {
    expect(parseFrameOptions('DENY')).toBe('deny');
    expect(parseFrameOptions('sameorigin')).toBe('sameorigin');
    expect(parseFrameOptions('ALLOW-FROM https://a.example')).toBe('allow-from');
    expect(parseFrameOptions('allowall')).toBe('allowall');
    expect(parseFrameOptions('nonsense')).toBe('invalid');
    expect(parseFrameOptions('sameorigin, sameorigin')).toBe('sameorigin');
    // Conflicting values block framing altogether.
    expect(parseFrameOptions(['sameorigin', 'allowall'])).toBe('deny');
    expect(parseFrameOptions('a, b')).toBe('invalid');
    expect(parseFrameOptions(undefined)).toBeUndefined();
    fc.assert(fc.property(anyValue, (v) => void parseFrameOptions(v)), { numRuns: 1000 });
  });
});

describe('Cross-Origin-Resource-Policy', () => {
  it('accepts exactly the three tokens', () => {
    expect(parseResourcePolicy('same-origin')).toBe('same-origin');
    expect(parseResourcePolicy(' Same-Site ')).toBe('same-site');
    expect(parseResourcePolicy('cross-origin')).toBe('cross-origin');
    expect(parseResourcePolicy('same-origin, same-site')).toBe('invalid');
    expect(parseResourcePolicy(undefined)).toBeUndefined();
    fc.assert(fc.property(anyValue, (v) => void parseResourcePolicy(v)), { numRuns: 1000 });
  });
});

describe('Set-Cookie', () => {
  it('keeps the attributes and drops the value', () => {
    const c = cookieFacts('__Host-SID=s3cr3t; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=3600');
    expect(c).toEqual({ name: '__Host-SID', secure: true, httpOnly: true, sameSite: 'lax', persistent: true, prefix: 'host' });
    expect(JSON.stringify(c)).not.toContain('s3cr3t');
  });

  it('follows RFC 6265bis for nameless cookies, domains and expiry', () => {
    expect(cookieFacts('justavalue').name).toBe('');
    expect(cookieFacts('a=b; Domain=.Example.COM').domain).toBe('example.com');
    expect(cookieFacts('a=b; Max-Age=0; Expires=Wed, 21 Oct 2037 07:28:00 GMT').persistent).toBe(false);
    expect(cookieFacts('a=b; Expires=Wed, 21 Oct 2037 07:28:00 GMT').persistent).toBe(true);
    expect(cookieFacts('a=b; SameSite=Bogus').sameSite).toBe('bogus');
    expect(cookieFacts('__Secure-x=1; Secure').prefix).toBe('secure');
  });

  it('neutralises control and bidi characters in names', () => {
    expect(cookieFacts('a\u202eb=1').name).toBe('a\ufffdb');
  });

  it('never throws and stays bounded on any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.anything()), (v) => {
        const c = cookieFacts(v);
        expect(c.name.length).toBeLessThanOrEqual(64);
      }),
      { numRuns: 2000 },
    );
    expect(cookieFacts('a=1' + '; Secure'.repeat(100_000)).secure).toBe(true);
  });

  it('splits the newline-joined Set-Cookie that Firefox gives and bounds the count', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `c${i}=v; Secure`).join('\n');
    const picked = pickHeaders([{ name: 'Set-Cookie', value: lines }]);
    expect(picked.cookies).toHaveLength(32);
    expect(picked.cookiesOmitted).toBe(8);
  });
});
