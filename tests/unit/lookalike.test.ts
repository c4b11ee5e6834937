import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import { hostFacts } from '@/utils/hosts';
import { hostLookalike, labelLookalike, skeleton } from '@/utils/lookalike';
import { view } from '../fixtures/views';

// Look-alike names, as browsers decide when they show punycode (Chromium docs/idn.md, UTS #39).

describe('look-alike hostnames', () => {
  it.each([
    ['раураӏ.com', 'imitates-ascii'], // Cyrillic only: a whole-script confusable of paypal
    ['раураl.com', 'mixed-script'], // Cyrillic with a Latin l
    ['аррӏе.com', 'imitates-ascii'],
    ['ɡoogle.com', 'imitates-ascii'], // Latin small script g
    ['pаypal.com', 'mixed-script'], // one Cyrillic а among Latin letters
    ['bücherп.example', 'mixed-script'],
  ])('%s is a look-alike (%s)', (name, why) => {
    expect(hostLookalike(name)).toBe(why);
  });

  it.each(['bücher.example', 'münchen.de', '日本語.jp', 'ελληνικά.gr', 'пример.рф', 'faß.de', 'example.com', '東京タワーabc.jp', '한국어abc.kr'])('%s is an ordinary name', (name) => {
    expect(hostLookalike(name)).toBeUndefined();
  });

  it('skeletons of confusables meet', () => {
    expect(skeleton('раура')).toBe(skeleton('paypa'));
    expect(skeleton('bücher')).not.toBe(skeleton('bucher'));
  });

  it('assess marks the IDN finding of a look-alike, and leaves ordinary IDNs alone', () => {
    const lookalike = hostFacts('xn--80aa0cbo65f.com');
    expect(lookalike.unicode).toBe('раураӏ.com');
    const p = assess(view(`https://${lookalike.ascii}/`));
    expect(p.findings).toContainEqual({ id: 'idn', unicode: 'раураӏ.com', ascii: 'xn--80aa0cbo65f.com', lookalike: 'imitates-ascii' });
    const plain = assess(view('https://xn--bcher-kva.example/'));
    expect(plain.findings).toContainEqual({ id: 'idn', unicode: 'bücher.example', ascii: 'xn--bcher-kva.example' });
  });

  it('never throws and says nothing of plain ASCII', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
      expect(() => hostLookalike(s)).not.toThrow();
    }));
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9-]{1,20}$/), (s) => {
      expect(labelLookalike(s)).toBeUndefined();
    }));
    expect(hostLookalike('а'.repeat(300))).toBeUndefined(); // longer than any hostname: not judged
  });
});
