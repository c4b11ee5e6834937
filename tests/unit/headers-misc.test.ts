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
    expect(parseNosniff(undefined)).toBe(false);
    expect(parseNosniff([])).toBe(false);
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
    // Any one of deny, sameorigin or allowall beside another value blocks framing.
    for (const v of ['deny', 'SAMEORIGIN', 'allowall']) expect(parseFrameOptions([v, 'bogus']), v).toBe('deny');
    expect(parseFrameOptions(['ALLOW-FROM https://a.example', 'bogus'])).toBe('invalid');
    // A header with no value at all is there, and invalid.
    expect(parseFrameOptions(' , ')).toBe('invalid');
    expect(parseFrameOptions([''])).toBe('invalid');
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

  it('reads a cookie without attributes as a session cookie without flags', () => {
    expect(cookieFacts('a=b')).toEqual({ name: 'a', secure: false, httpOnly: false, persistent: false });
    expect(cookieFacts(' sid = 1')).toEqual({ name: 'sid', secure: false, httpOnly: false, persistent: false });
  });

  it('trims attribute values, and takes an attribute without "=" as one without a value', () => {
    expect(cookieFacts('a=b; Domain= .Example.com ; SameSite= Lax ')).toMatchObject({ domain: 'example.com', sameSite: 'lax' });
    expect(cookieFacts('a=b; Domain').domain).toBeUndefined();
    expect(cookieFacts('a=b; Expires').persistent).toBe(false);
    expect(cookieFacts('a=b; Expires=').persistent).toBe(false);
    expect(cookieFacts('a=b; Path=/; Version=1').persistent).toBe(false);
  });

  it('lets a valid Max-Age decide over Expires, in any spacing, and ignores one that is not a number (RFC 6265bis §5.6.2)', () => {
    const expires = 'Expires=Wed, 21 Oct 2037 07:28:00 GMT';
    const cases: [string, boolean][] = [
      [`a=b;Max-Age=0;${expires}`, false],
      [`a=b; Max-Age =0; ${expires}`, false],
      [`a=b; Max-Age= 0; ${expires}`, false],
      [`a=b; Max-Age=0 ; ${expires}`, false],
      [`a=b; Max-Age=-10; ${expires}`, false],
      [`a=b; Max-Age=3600; ${expires}`, true],
      [`a=b; ${expires}; Max-Age=0; Version=1`, false],
      // Not a valid Max-Age: Expires decides.
      [`a=b; ${expires}; Max-Age=x1`, true],
      [`a=b; ${expires}; Max-Age=1x`, true],
      [`a=b; ${expires}; X-Max-Age=0`, true],
    ];
    for (const [header, persistent] of cases) expect(cookieFacts(header).persistent, header).toBe(persistent);
  });

  it('reads at most 4096 characters and 32 attributes', () => {
    expect(cookieFacts('a=' + 'x'.repeat(4100) + '; Secure').secure).toBe(false);
    expect(cookieFacts('a=' + 'x'.repeat(4000) + '; Secure').secure).toBe(true);
    const filler = Array.from({ length: 31 }, (_, i) => `x${i}=1`).join('; ');
    expect(cookieFacts(`a=b; ${filler}; Secure`).secure).toBe(true);
    expect(cookieFacts(`a=b; ${filler}; Path=/; Secure`).secure).toBe(false);
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
