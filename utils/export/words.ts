import { availability, type Capabilities, type Fact } from '../capabilities';
import { clipText, formatDate, formatNumber, messageKey, pluralForm } from '../format';
import { t } from '../i18n';
import type { Finding, HeaderFacts } from '../assess/posture';
import type { Part } from '../report';
import { findingSubs } from '../report/finding-subs';
import type { Redactor } from './redact';

// The report model's sentences as plain strings, in the reader's language: the same keys and parts the
// popup renders (components/parts.tsx, Findings.tsx, HeaderFindings.tsx), with every page-controlled
// value passed through the redactor and handed to the format (`value`), which quotes it its own way.

/** How a format shows a page-controlled value: plain in text, a code span in Markdown. */
export type Quote = (value: string) => string;

export interface Words {
  caps: Capabilities;
  redact: Redactor;
  quote: Quote;
  lang: string;
}

/** Long enough for any real name or address; a hostile 10 000-character host stays bounded. */
const MAX_VALUE = 256;

export const omittedWord = () => t('export_addressOmitted');

/** A value someone else controls, redacted, bounded and quoted. */
export function value(w: Words, raw: unknown): string {
  return w.quote(clipText(w.redact.value(raw, omittedWord()), MAX_VALUE).text);
}

/** "not available in this browser" only where the browser really cannot give the fact. */
export function missingWords(caps: Capabilities, fact: Fact): string {
  const a = availability(caps, fact);
  return t(a === 'available' ? 'value_unknown' : a === 'probing' ? 'value_probing' : a === 'needs-flag' ? 'value_needsFlag' : 'value_unavailable');
}

export function part(w: Words, p: Part): string {
  if ('text' in p) return value(w, p.text);
  if ('msg' in p) return p.parts?.length ? t(p.msg, p.parts.map((x) => part(w, x))) : t(p.msg);
  if ('count' in p) return formatNumber(p.count, w.lang) ?? String(p.count);
  if ('date' in p) return formatDate(p.date, w.lang) ?? t('value_unknown');
  return missingWords(w.caps, p.missing);
}

export const sentence = (w: Words, key: string, parts?: Part[]) => (parts?.length ? t(key, parts.map((p) => part(w, p))) : t(key));

/** The words for `key`, or the fallback (redacted) where no catalogue has them. */
function wordsOr(w: Words, key: string, fallback: unknown): string {
  const s = t(key);
  return s && s !== key ? s : value(w, fallback);
}

export const headerKey = (prefix: string, id: unknown) => `${prefix}_${String(id).replace(/[^A-Za-z0-9_]/g, '_')}`;
const known = (key: string) => {
  const s = t(key);
  return s && s !== key ? s : t('value_unknown');
};

export function findingSentence(w: Words, f: Finding): string {
  if (f.id === 'header') {
    const points = Number.isFinite(f.points) ? f.points : 0;
    return t('finding_header', [known(headerKey('headerTest', f.test)), known(headerKey('headerResult', f.result)), `${points > 0 ? '+' : ''}${points}`]);
  }
  return t(`finding_${messageKey(f.id)}`, findingSubs<string>(f, (x) => value(w, x), (key, fallback) => wordsOr(w, key, fallback)));
}

const DAY = 86_400;
const counted = (w: Words, unit: 'days' | 'seconds', n: number) => t(`value_${unit}_${pluralForm(n, w.lang)}`, [formatNumber(n, w.lang) ?? String(n)]);

/** A header test's facts as "label: value" lines, in the order the popup shows them; cookie names only when asked for. */
export function headerFactLines(w: Words, facts: HeaderFacts | undefined): string[] {
  if (!facts || typeof facts !== 'object') return [];
  return Object.entries(facts).flatMap(([name, raw]) => {
    if (!w.redact.keepFact(name)) return [];
    let shown: string | undefined;
    if (name === 'maxAge' && typeof raw === 'number' && raw >= 0) shown = raw >= DAY ? counted(w, 'days', Math.floor(raw / DAY)) : counted(w, 'seconds', raw);
    else if (name === 'problem' && typeof raw === 'string') shown = known(headerKey('hstsProblem', raw));
    else if (name === 'policies' && typeof raw === 'number' && raw <= 1) shown = undefined;
    else if (name === 'omitted' && raw === 0) shown = undefined;
    else if (name === 'preload' && raw === true) shown = t('value_preloadAsked');
    else if (name === 'blockAllMixedContent') shown = raw === true ? t('value_obsoleteYes') : undefined;
    else if (typeof raw === 'boolean') shown = t(raw ? 'value_yes' : 'value_no');
    else if (typeof raw === 'number') shown = formatNumber(raw, w.lang);
    else if (typeof raw === 'string' && raw) shown = value(w, name === 'value' ? raw.toUpperCase() : raw);
    const label = t(headerKey('headerFact', name));
    return shown === undefined || label === headerKey('headerFact', name) ? [] : [`${label}: ${shown}`];
  });
}
