import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// The fake browser has no i18n: give it the real English catalogue, with Chrome's placeholder rules,
// so that components and the badge read the same words they do in the browser.
type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
// A path, not a URL object: under happy-dom the global URL is the DOM's, which readFileSync refuses.
const LOCALES = join(dirname(fileURLToPath(import.meta.url)), '../../public/_locales');
export const readCatalogue = (lang: string) => JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8')) as Catalogue;
const en = readCatalogue('en');
let current = en;
let currentLang = 'en';

/**
 * Read another language's catalogue, as a browser in that language would, until the next test.
 * `catalogue` stands in for a folder not written yet; `ui` is the browser's own language when it
 * has no catalogue of its own (a browser in Hebrew reads English words).
 */
export function useLocale(lang: string, catalogue?: Catalogue, ui = lang): void {
  current = catalogue ?? (lang === 'en' ? en : readCatalogue(lang));
  currentLang = ui;
}

// Chrome's and Firefox's predefined message: the direction of the browser's UI language.
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi']);
const bidiDir = () => (RTL_LANGUAGES.has(currentLang.split(/[-_]/)[0]!) ? 'rtl' : 'ltr');

export function formatMessage(cat: Catalogue, key: string, subs?: string | string[]): string {
  const entry = cat[key];
  if (!entry) return '';
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  const byName = (name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (_, n: string) => list[Number(n) - 1] ?? '');
  };
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (_, name: string) => byName(name)).replace(/\$\$/g, '$');
}

(fakeBrowser as unknown as { i18n: object }).i18n = {
  getMessage: (key: string, subs?: string | string[]) => (key === '@@bidi_dir' ? bidiDir() : formatMessage(current, key, subs)),
  getUILanguage: () => currentLang,
};

beforeEach(() => {
  fakeBrowser.reset();
  useLocale('en');
});

