import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEADER_FACTS, headerKey } from '@/components/HeaderFindings';
import { HEADER_RESULTS, HEADER_TABLE, HEADER_TESTS } from '@/utils/assess/headers';
import { SEVERITY, VERDICTS } from '@/utils/assess/posture';
import type { HstsProblem } from '@/utils/headers/hsts';
import { OBSERVERS, SUBJECTS } from '@/utils/report/who-sees';
import { badgeFor, verdictKey } from '@/utils/badge';
import { messageKey } from '@/utils/format';

// Every language must say everything, with the same live parts, in keys Chrome accepts.

type Entry = { message: string; description?: string; placeholders?: Record<string, { content: string }> };
type Catalogue = Record<string, Entry>;

/** The languages Onlooker ships (folder names of public/_locales); each must exist. */
const EXPECTED_LOCALES = ['en', 'de', 'fr', 'es', 'ar', 'pt_BR', 'it', 'ru', 'uk', 'zh_CN', 'ja', 'tr', 'pl'];

const DIR = 'public/_locales';
const LANGS = readdirSync(DIR).sort();
const read = (lang: string) => JSON.parse(readFileSync(join(DIR, lang, 'messages.json'), 'utf8')) as Catalogue;
const catalogues = Object.fromEntries(LANGS.map((l) => [l, read(l)])) as Record<string, Catalogue>;
const en = catalogues.en!;
const used = (m: string) => [...m.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((x) => x[1]!.toLowerCase());

/**
 * Runs of three plain English words (lowercase letters only: names, standards, numbers and addresses,
 * which stay as they are, are capitalised or not words) of `english` found as whole words in `translated`.
 */
function englishLeftIn(english: string, translated: string): string[] {
  const words = english.replace(/\$[A-Za-z0-9_@]+\$/g, ' ').split(/\s+/);
  const target = ` ${translated.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const found = new Set<string>();
  for (let i = 0; i + 3 <= words.length; i++) {
    const run = words.slice(i, i + 3);
    if (run.every((w) => /^[a-z]{2,}$/.test(w)) && target.includes(` ${run.join(' ')} `)) found.add(run.join(' '));
  }
  return [...found];
}

function sources(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((d) => (d.isDirectory() ? sources(join(dir, d.name)) : /\.(ts|tsx)$/.test(d.name) ? readFileSync(join(dir, d.name), 'utf8') : ''))
    .join('\n');
}

describe('catalogues', () => {
  it('every expected language is there: at least 12, Arabic (right to left) among them', () => {
    expect(EXPECTED_LOCALES.length).toBeGreaterThanOrEqual(12);
    expect(EXPECTED_LOCALES).toContain('ar');
    expect(EXPECTED_LOCALES.filter((l) => !LANGS.includes(l))).toEqual([]);
  });

  it.each(LANGS)('%s has exactly the English keys', (lang) => {
    expect(Object.keys(catalogues[lang]!).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(LANGS)('%s uses only keys and placeholders Chrome accepts, each defined and used', (lang) => {
    for (const [key, entry] of Object.entries(catalogues[lang]!)) {
      expect(key, key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(key.startsWith('@@'), key).toBe(false);
      expect(typeof entry.message, key).toBe('string');
      expect(entry.message.trim().length, key).toBeGreaterThan(0);
      const names = used(entry.message);
      const defined = Object.keys(entry.placeholders ?? {});
      expect([...new Set(names)].sort(), key).toEqual(defined.sort());
      for (const p of Object.values(entry.placeholders ?? {})) expect(p.content, key).toMatch(/^\$[1-9]$/);
      // A lone "$" is an error in Chrome: it must be "$$" or part of a $placeholder$.
      expect(entry.message.replace(/\$[A-Za-z0-9_@]+\$/g, '').replace(/\$\$/g, ''), key).not.toContain('$');
    }
  });

  it.each(LANGS)('%s has the same placeholders as English, key by key', (lang) => {
    for (const [key, entry] of Object.entries(catalogues[lang]!)) {
      expect(entry.placeholders ?? {}, key).toEqual(en[key]!.placeholders ?? {});
    }
  });

  it.each(LANGS.filter((l) => l !== 'en'))('%s is translated, not copied', (lang) => {
    const cat = catalogues[lang]!;
    // Names of standards, headers and documents stay as they are; sentences must not.
    const sentences = Object.keys(en).filter((k) => en[k]!.message.split(' ').length >= 5 && !k.startsWith('source_'));
    const copied = sentences.filter((k) => cat[k]!.message === en[k]!.message);
    expect(copied).toEqual([]);
    // Nor English left inside a translated message: three plain English words in a row, as in the
    // English message, with the words around them translated.
    const leftInEnglish = Object.keys(en)
      .filter((k) => !k.startsWith('source_') && !k.startsWith('badge_'))
      .flatMap((k) => englishLeftIn(en[k]!.message, cat[k]!.message).map((fragment) => `${k}: "${fragment}"`));
    expect(leftInEnglish).toEqual([]);
    // A BCP 47 tag for Intl: the folder pt_BR is the language pt-BR.
    expect(cat.locale_code!.message).toBe(lang.replace('_', '-'));
  });

  it('the English-left-in rule finds English fragments and spares names, standards and translations', () => {
    expect(englishLeftIn('Others on your network can read and change this page.', 'Andere in Ihrem Netzwerk can read and change diese Seite.')).toEqual(['can read and', 'read and change']);
    expect(englishLeftIn('The name is hidden by Encrypted Client Hello (ECH).', 'Der Name wird durch Encrypted Client Hello (ECH) verborgen.')).toEqual([]);
    expect(englishLeftIn('See RFC 8446, section 1 for how it works.', 'Siehe RFC 8446, Abschnitt 1, wie es funktioniert.')).toEqual([]);
    expect(englishLeftIn('what you read and send', 'ce que vous lisez et envoyez')).toEqual([]);
    // Whole words only: "and" inside "Grand" is not "and".
    expect(englishLeftIn('you read and send', 'Grand read andsend')).toEqual([]);
  });

  it('French sets a no-break space before two-part punctuation', () => {
    for (const [key, entry] of Object.entries(catalogues.fr!)) expect(entry.message, key).not.toMatch(/ [:;!?»]|« /);
  });
});

describe('words for everything the report can say', () => {
  const need = (keys: string[]) => {
    for (const lang of LANGS) for (const k of keys) expect(catalogues[lang], `${lang}: ${k}`).toHaveProperty(k);
  };

  it('every verdict has a headline, a meaning and a toolbar title', () => {
    need(VERDICTS.flatMap((v) => [`verdict_${verdictKey(v)}`, `why_${verdictKey(v)}`, `title_${verdictKey(v)}`]));
  });

  it('badge texts exist and fit in 4 characters', () => {
    const keys = VERDICTS.map((v) => badgeFor(v).textKey).filter((k): k is string => !!k);
    need(keys);
    for (const lang of LANGS) for (const k of keys) expect([...catalogues[lang]![k]!.message].length, `${lang}: ${k}`).toBeLessThanOrEqual(4);
  });

  it('every finding id has its sentence', () => {
    need(Object.keys(SEVERITY).map((id) => `finding_${messageKey(id)}`));
  });

  it('every exposure reason, row, column and answer has words', () => {
    const reasons = [...sources('utils/report').matchAll(/cell\('[a-z-]+', '([A-Za-z]+)'\)/g)].map((m) => m[1]!);
    expect(reasons.length).toBeGreaterThan(40);
    need(reasons.map((r) => `reason_${r}`));
    need(OBSERVERS.map((o) => (o === 'third-parties' ? 'observer_thirdParties' : `observer_${messageKey(o)}`)));
    need(SUBJECTS.map((s) => `subject_${s}`));
    need(['sees', 'partly', 'likely', 'may-see', 'does-not-see', 'if-used', 'unknown'].map((s) => `seeing_${messageKey(s)}`));
    need(['direct', 'unknown', 'proxy', 'tor', 'local', 'localAlone', 'onion', 'notObserved'].map((r) => `you_${r}`));
  });

  it('the values Firefox reports have words (certificate warnings, Certificate Transparency)', () => {
    need(['trust_error', 'domain_mismatch', 'expired_or_not_yet_valid'].map((c) => `override_${c}`));
    need(['not_applicable', 'policy_compliant', 'policy_not_enough_scts', 'policy_not_diverse_scts'].map((c) => `ct_${c}`));
  });

  it('every response-header test, result and fact has its words, in keys Chrome accepts', () => {
    // Typed as a record so that a new problem in the parser fails compilation here until it has words.
    const problems: Record<HstsProblem, true> = { 'missing-max-age': true, 'bad-max-age': true, 'duplicate-directive': true, syntax: true };
    const keys = [
      ...HEADER_TESTS.map((test) => headerKey('headerTest', test)),
      ...HEADER_RESULTS.map((result) => headerKey('headerResult', result)),
      ...Object.keys(HEADER_FACTS).map((fact) => headerKey('headerFact', fact)),
      ...Object.keys(problems).map((p) => headerKey('hstsProblem', p)),
      ...['days', 'seconds'].flatMap((unit) => [`value_${unit}_one`, `value_${unit}_other`]),
    ];
    expect(keys).toContain('headerResult_hsts_not_implemented');
    expect(keys).toContain('headerTest_strict_transport_security');
    for (const k of keys) expect(k, k).toMatch(/^[A-Za-z0-9_]+$/);
    need(keys);
    // Every test a result belongs to is one the report lists.
    for (const result of HEADER_RESULTS) expect(HEADER_TESTS, result).toContain(HEADER_TABLE[result].test);
  });

  it('each header result is one short sentence, with no live parts and no raw id', () => {
    for (const lang of LANGS) {
      for (const result of HEADER_RESULTS) {
        const key = headerKey('headerResult', result);
        const { message, placeholders } = catalogues[lang]![key]!;
        expect(placeholders, `${lang}: ${key}`).toBeUndefined();
        expect(message.length, `${lang}: ${key}`).toBeLessThanOrEqual(220);
        // Chinese and Japanese end a sentence with a full-width stop or parenthesis.
        expect(message, `${lang}: ${key}`).toMatch(/[.)。）]$/);
        expect(message, `${lang}: ${key}`).not.toContain(result);
      }
    }
  });

  it('counted words have the count as their one live part, in every language', () => {
    for (const lang of LANGS) {
      for (const key of ['days', 'seconds'].flatMap((unit) => [`value_${unit}_one`, `value_${unit}_other`])) {
        expect(catalogues[lang]![key]!.placeholders, `${lang}: ${key}`).toEqual({ count: { content: '$1' } });
      }
    }
  });

  it('every key the components and pages name literally exists', () => {
    const code = sources('components') + sources('entrypoints');
    const literal = [...code.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g), ...code.matchAll(/\bk="([A-Za-z0-9_]+)"/g), ...code.matchAll(/'((?:help|vpn|tor|dnsHelp|dns|ech|source|learn|howto|identity|value|label|hosts|party)_[A-Za-z0-9_]+)'/g)].map((m) => m[1]!);
    expect(literal.length).toBeGreaterThan(60);
    need([...new Set(literal)]);
  });
});
