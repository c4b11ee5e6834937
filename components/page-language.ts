import browser from '@/utils/page-api';
import { catalogueLanguage } from './text';

/** What `<html lang dir>` must say on an extension page: the language and direction of the words shown. */
export type PageLanguage = { lang: string; dir: 'ltr' | 'rtl' };

const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0] ?? '';

/**
 * `lang` is the catalogue the browser chose (`locale_code`); `dir` is the browser's own `@@bidi_dir`
 * for its UI language, but only while the words shown are in that language: a browser in Hebrew,
 * for which Onlooker has no catalogue, shows English words, which must stay left to right.
 */
export function pageLanguage(): PageLanguage {
  const lang = catalogueLanguage();
  let ui = '';
  let bidi = '';
  try {
    ui = browser.i18n.getUILanguage();
    bidi = browser.i18n.getMessage('@@bidi_dir');
  } catch {
    // No i18n (never in a browser): the words are English, left to right.
  }
  return { lang, dir: bidi === 'rtl' && primary(ui) === primary(lang) ? 'rtl' : 'ltr' };
}

/** Called first thing in each page's main.tsx, before anything renders. */
export function applyPageLanguage(root: HTMLElement = document.documentElement): PageLanguage {
  const page = pageLanguage();
  root.lang = page.lang;
  root.dir = page.dir;
  return page;
}
