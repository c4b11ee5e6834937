import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Verdict } from '../../utils/assess/posture';
import { verdictKey } from '../../utils/badge';
import { PROJECT_ROOT } from './chromium';

// The extension's own words, read from its catalogues, so that tests expect what a user is shown
// without reading it back from the extension.

export type Catalogue = Record<string, { message: string }>;

const loaded = new Map<string, Catalogue>();

export function catalogue(lang = 'en'): Catalogue {
  let c = loaded.get(lang);
  if (!c) {
    c = JSON.parse(readFileSync(join(PROJECT_ROOT, `public/_locales/${lang}/messages.json`), 'utf8')) as Catalogue;
    loaded.set(lang, c);
  }
  return c;
}

/** The toolbar title the badge carries for a verdict, in English. */
export const titleOf = (v: Verdict) => catalogue()[`title_${verdictKey(v)}`]?.message;
