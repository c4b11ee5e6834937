import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certificateTravelsInClear, clipText, formatDate, inert, messageKey, tlsVersionLabel } from '@/utils/format';

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

describe('inert', () => {
  it('replaces controls and direction overrides with a visible U+FFFD', () => {
    expect(inert('evil\u202Egpj.exe')).toBe('evil\uFFFDgpj.exe');
    expect(inert('a\u0000b\nc\u2066d')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
  });
  it('keeps ordinary text, markup characters and joiners that scripts need', () => {
    expect(inert('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(inert('bücher.example')).toBe('bücher.example');
    expect(inert('می\u200Cخواهم')).toBe('می\u200Cخواهم');
  });
  it('turns any value into a string and never leaves an unsafe character', () => {
    expect(inert(undefined)).toBe('');
    expect(inert(null)).toBe('');
    expect(inert(42)).toBe('42');
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const out = inert(s);
      expect(out).not.toMatch(UNSAFE);
      expect(out.length).toBe(s.length);
    }));
  });
});

describe('clipText', () => {
  it('clips long text with an ellipsis and says so', () => {
    expect(clipText('abcdef', 3)).toEqual({ text: 'abc…', clipped: true });
    expect(clipText('abc', 3)).toEqual({ text: 'abc', clipped: false });
  });
  it('never splits a surrogate pair', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.nat(20), (s, max) => {
      const { text } = clipText(s, max);
      expect(text.length).toBeLessThanOrEqual(Math.max(s.length, max + 1));
      expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    }));
  });
});

describe('display of connection facts', () => {
  it('formats dates, and refuses what is not a timestamp', () => {
    expect(formatDate(Date.UTC(2026, 2, 16), 'en')).toMatch(/2026/);
    for (const bad of [NaN, Infinity, 'x', undefined, 1e20]) expect(formatDate(bad)).toBeUndefined();
  });
  it('names TLS versions as people read them', () => {
    expect(tlsVersionLabel('TLSv1.3')).toBe('TLS 1.3');
    expect(tlsVersionLabel('TLSv1')).toBe('TLS 1');
    expect(tlsVersionLabel('QUIC\u202E')).toBe('QUIC\uFFFD');
    expect(tlsVersionLabel(undefined)).toBeUndefined();
  });
  it('knows which versions send the certificate in clear', () => {
    expect(certificateTravelsInClear('TLSv1.2')).toBe(true);
    expect(certificateTravelsInClear('TLSv1')).toBe(true);
    expect(certificateTravelsInClear('TLSv1.3')).toBe(false);
    expect(certificateTravelsInClear('unknown')).toBeUndefined();
  });
  it('makes message keys Chrome accepts', () => {
    expect(messageKey('not-encrypted')).toBe('notEncrypted');
    expect(messageKey('policy_compliant')).toBe('policy_compliant');
    expect(messageKey('a.b c')).toBe('a_b_c');
  });
});
