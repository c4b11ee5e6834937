import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shortKey, shortened } from '@/utils/report/short-lines';

// The short first lines and their messages are one list seen from two sides: every `short_<key>`
// message in the catalogue is the short line of its sentence, and no sentence is promised a short
// line the catalogue lacks (it would show the key).
const en = JSON.parse(readFileSync(join(__dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
const shortMessages = Object.keys(en).filter((k) => k.startsWith('short_'));

describe('short first lines', () => {
  it.each(shortMessages)('%s is the short line of its sentence', (short) => {
    const key = short.slice('short_'.length);
    expect(en[key], `the sentence ${key}`).toBeDefined();
    expect(shortKey(key)).toBe(short);
    // Shorter than what it stands for, or it has no reason to exist.
    expect(en[short]!.message.length).toBeLessThan(en[key]!.message.length);
  });

  it('gives none to a sentence without a short message', () => {
    for (const key of Object.keys(en).filter((k) => !k.startsWith('short_') && !(`short_${k}` in en))) expect(shortKey(key), key).toBeUndefined();
    expect(shortKey('')).toBeUndefined();
  });

  it('adds the short line to a statement that has one, and returns any other unchanged', () => {
    const long = { id: 'x', key: shortMessages[0]!.slice('short_'.length), tone: 'info', about: 'content', rests: [] } as never;
    expect(shortened(long)).toEqual({ ...(long as object), short: shortMessages[0] });
    const plain = { id: 'y', key: 'value_unknown', tone: 'info', about: 'content', rests: [] } as never;
    expect(shortened(plain)).toBe(plain);
  });
});
