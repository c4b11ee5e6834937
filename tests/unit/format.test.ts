import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '@/utils/clean-text';
import { certificateTravelsInClear, clipText, cutWhole, formatDate, formatNumber, inert, messageKey, pluralForm, relativeDays, tlsVersionLabel } from '@/utils/format';

// Written out here rather than imported, so that a character dropped from the implementation fails.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb\u{1D173}-\u{1D17A}\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/u;

describe('inert', () => {
  it('makes tag characters, variation selectors and other default-ignorables visible', () => {
    // "pay" + the tag characters spelling "evil" + "pal": one visible mark per hidden character.
    expect(inert('pay\u{E0065}\u{E0076}\u{E0069}\u{E006C}pal')).toBe('pay\uFFFD\uFFFD\uFFFD\uFFFDpal');
    for (const c of ['\uFE0F', '\u{E0100}', '\u034F', '\u17B4', '\u180B', '\uFFF0', '\u{1D173}']) {
      expect(inert(`pay${c}pal`), c.codePointAt(0)!.toString(16)).toBe('pay\uFFFDpal');
    }
    // Emoji and CJK outside those ranges stay.
    expect(inert('😀 日本')).toBe('😀 日本');
  });
  it('replaces controls and direction overrides with a visible U+FFFD', () => {
    expect(inert('evil\u202Egpj.exe')).toBe('evil\uFFFDgpj.exe');
    expect(inert('a\u0000b\nc\u2066d')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
  });
  it('replaces invisible characters that can disguise or split a name: zero-width, word joiners, BOM, fillers', () => {
    for (const c of ['\u00ad', '\u180e', '\u200b', '\u2028', '\u2060', '\u2064', '\u206f', '\u3164', '\ufeff', '\uffa0', '\ufff9', '\u115f']) {
      expect(inert(`pay${c}pal`), c.codePointAt(0)!.toString(16)).toBe('pay\uFFFDpal');
    }
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
      // One mark per hidden character: never longer, and shorter only by the pairs of astral ones.
      expect(out.length).toBeLessThanOrEqual(s.length);
      expect([...out].length).toBe([...s].length);
    }));
  });
});

describe('cleanText: the same characters, cut to a bound, for what the capture code stores', () => {
  it('is inert for strings and empty for anything else', () => {
    expect(cleanText('a\u202Eb\u200Bc\ufeff')).toBe('a\uFFFDb\uFFFDc\uFFFD');
    expect(cleanText(42)).toBe('');
    expect(cleanText(undefined)).toBe('');
    expect(cleanText('x'.repeat(300))).toHaveLength(256);
  });
  it('agrees with inert on the part it keeps, never longer than its bound, never half a surrogate pair', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.nat(40), (s, max) => {
      const out = cleanText(s, max);
      expect(out.length).toBeLessThanOrEqual(max);
      // The start of what the popup would show for the whole value: inert, never more than asked.
      expect(inert(s).startsWith(out)).toBe(true);
      expect(out).not.toMatch(UNSAFE);
      // Cut at the bound, not sooner (one unit less where the bound would split a surrogate pair).
      expect(out.length).toBeGreaterThanOrEqual(inert(s.slice(0, max)).length - 1);
      if (s.length <= max) expect(out).toBe(inert(s));
    }));
    expect(cleanText('ab\u{1F600}', 3)).toBe('ab');
    expect(cutWhole('ab\u{1F600}', 4)).toBe('ab\u{1F600}');
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
  it('writes counts as the language of the reader does, and refuses what is not a number', () => {
    expect(formatNumber(15_552_000, 'en')).toBe('15,552,000');
    expect(formatNumber(15_552_000, 'de')).toBe('15.552.000');
    expect(formatNumber(3, 'not a language')).toBe('3');
    for (const bad of [NaN, Infinity, '3', undefined, null]) expect(formatNumber(bad)).toBeUndefined();
  });
  it('picks the singular or the plural form as each language counts', () => {
    expect(pluralForm(1, 'en')).toBe('one');
    expect(pluralForm(0, 'en')).toBe('other');
    expect(pluralForm(0, 'fr')).toBe('one');
    expect(pluralForm(2, 'fr')).toBe('other');
    expect(pluralForm(1_000_000, 'es')).toBe('other');
    expect(pluralForm(1, 'not a language')).toBe('one');
  });
  it("says a certificate's days in each language's own grammar, always as a count", () => {
    expect(relativeDays(3, 'en')).toBe('in 3 days');
    expect(relativeDays(1, 'en')).toBe('in 1 day');
    expect(relativeDays(-1, 'en')).toBe('1 day ago');
    expect(relativeDays(0, 'en')).toBe('in 0 days');
    expect(relativeDays(-0, 'en')).toBe('in 0 days');
    expect(relativeDays(-5, 'de')).toBe('vor 5 Tagen');
    expect(relativeDays(2, 'ru')).toBe('через 2 дня');
    expect(relativeDays(5, 'ru')).toBe('через 5 дней');
    expect(relativeDays(1, 'pl')).toBe('za 1 dzień');
    expect(relativeDays(2.4, 'en')).toBe('in 2 days');
    expect(relativeDays(3, 'not a language')).toMatch(/\b3\b/);
  });
  it('makes message keys Chrome accepts', () => {
    expect(messageKey('not-encrypted')).toBe('notEncrypted');
    expect(messageKey('policy_compliant')).toBe('policy_compliant');
    expect(messageKey('a.b c')).toBe('a_b_c');
  });
});
