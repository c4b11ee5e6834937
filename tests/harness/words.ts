import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assess } from '../../utils/assess';
import { verdictKey, type Verdict } from '../../utils/assess/posture';
import type { PageView } from '../../utils/page-view';
import { explanationOf } from '../../utils/report/headline';
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

/**
 * The toolbar title the badge carries for a recorded page: the headline's explanation of its verdict
 * (utils/report/headline.ts), which always refines the verdict's own (`mixed` -> `mixedReferences`).
 */
export function titleFor(view: PageView | undefined): string | undefined {
  const posture = assess(view);
  const why = explanationOf(view ?? ({} as PageView), posture);
  if (!why.startsWith(verdictKey(posture.verdict))) throw new Error(`explanation ${why} does not refine ${posture.verdict}`);
  return catalogue()[`title_${why}`]?.message;
}
