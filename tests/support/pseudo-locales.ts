import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Catalogues made at test time from English, for the layout and direction tests:
// - a pseudo-locale (accented, 40% longer, bracketed) that catches words that will not fit in any
//   language and words that do not come from the catalogue (they show unaccented);
// - a right-to-left stand-in for Arabic while no real `ar` folder exists (Arabic letters first, so the
//   paragraph direction and the bidi algorithm act as they would on Arabic).
// Placeholders ($NAME$, $1) and "$$" are left exactly as they are; badge texts keep their 4 characters.

export type Entry = { message: string; description?: string; placeholders?: Record<string, { content: string }> };
export type Catalogue = Record<string, Entry>;

export const LOCALES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../public/_locales');

/** Every locale folder in the repository, read now: translations merged later are tested too. */
export const localeFolders = (): string[] => readdirSync(LOCALES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

export const readLocale = (lang: string): Catalogue => JSON.parse(readFileSync(join(LOCALES_DIR, lang, 'messages.json'), 'utf8')) as Catalogue;

const ACCENTS: Record<string, string> = {
  a: 'å', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'î', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ô', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Å', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Î', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

/** Splits a message into literal text and the parts that must stay as they are. */
const PROTECTED = /(\$[A-Za-z0-9_@]+\$|\$\$)/;
const mapText = (message: string, f: (text: string) => string) =>
  message.split(PROTECTED).map((piece, i) => (i % 2 ? piece : f(piece))).join('');

const kept = (key: string) => key.startsWith('badge_') || key === 'locale_code';

/**
 * `[Ŏñļôôķéŕ šééš ... ŵĥåţ ţĥé]`: every letter accented, then padded with words (never one long run, which
 * no real language has) to at least 140% of the English length.
 */
export function pseudoMessage(message: string): string {
  const accented = mapText(message, (text) => [...text].map((c) => ACCENTS[c] ?? c).join(''));
  const target = Math.ceil(message.length * 1.4);
  const words = ['ŵåšþ', 'ƀŕîļļ', 'ţĥôŕñ', 'ŷéļķ', 'ĝļîñţ'];
  let padding = '';
  for (let i = 0; accented.length + padding.length + 2 < target; i++) padding += ` ${words[i % words.length]}`;
  return `[${accented}${padding}]`;
}

export function pseudoCatalogue(en: Catalogue): Catalogue {
  return Object.fromEntries(Object.entries(en).map(([k, e]) => [k, kept(k) ? e : { ...e, message: pseudoMessage(e.message) }]));
}

/** Arabic letters before each English message: right-to-left paragraphs, English words (for the layout only). */
export function rtlStandIn(en: Catalogue): Catalogue {
  return Object.fromEntries(
    Object.entries(en).map(([k, e]) => [k, k === 'locale_code' ? { ...e, message: 'ar' } : kept(k) ? e : { ...e, message: `عربي ${e.message}` }]),
  );
}
