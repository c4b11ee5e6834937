import type { ComponentChild } from 'preact';
import type { Finding, HeaderFacts } from '@/utils/assess/posture';
import { formatNumber, pluralForm } from '@/utils/format';
import { t } from '@/utils/i18n';
import { Item, Pair } from './Item';
import type { ShapeKind } from './Shape';
import { Inert, Msg } from './text';

// One line per response-header check (docs/header-score.md): the test, its points and the sentence for
// its result, with the facts the test saw folded under it. Values that the page controls (cookie names,
// frame-ancestors sources, directive names) are shown inert and clipped; the others are the parsers'
// own numbers and flags, put into words from the catalogue. No id is ever shown as it is.

export type HeaderFinding = Extract<Finding, { id: 'header' }>;

type Fact = HeaderFacts[string];
type Show = (value: Fact) => ComponentChild | undefined;

const DAY = 86_400;

/** `headerResult_hsts_not_implemented`: the id with "-" as "_", anything else a key cannot hold as "_". */
export const headerKey = (prefix: string, id: unknown) => `${prefix}_${String(id).replace(/[^A-Za-z0-9_]/g, '_')}`;

/** The words for `key`; where a catalogue has none, "unknown" rather than an id nobody can read. */
function words(key: string): string {
  const w = t(key);
  return w && w !== key ? w : t('value_unknown');
}

const isCount = (v: Fact): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
/** "1 day", "365 days": `value_<unit>_one` or `value_<unit>_other`, as the language counts. */
const counted = (unit: 'days' | 'seconds', n: number) => t(`value_${unit}_${pluralForm(n, t('locale_code'))}`, [formatNumber(n, t('locale_code')) ?? String(n)]);
const yesNo: Show = (v) => (typeof v === 'boolean' ? t(v ? 'value_yes' : 'value_no') : undefined);
const count: Show = (v) => (isCount(v) ? formatNumber(v, t('locale_code')) : undefined);
const pageText: Show = (v) => (typeof v === 'string' && v ? <Inert value={v} max={80} /> : undefined);

/** Every fact a header test reports (utils/assess/headers.ts), in the order shown; the label is `headerFact_<name>`. */
export const HEADER_FACTS: Record<string, Show> = {
  // HSTS: max-age=0 says "forget" and has its own sentence, but its number is shown like any other.
  maxAge: (v) => (isCount(v) ? (v >= DAY ? counted('days', Math.floor(v / DAY)) : counted('seconds', v)) : undefined),
  includeSubDomains: yesNo,
  // The directive asks to be put on the list; whether the site is on it, no extension can see.
  preload: (v) => (v === true ? t('value_preloadAsked') : yesNo(v)),
  problem: (v) => (typeof v === 'string' ? words(headerKey('hstsProblem', v)) : undefined),
  // CSP: the number of policies matters only when several must all allow a load.
  policies: (v) => (isCount(v) && v > 1 ? count(v) : undefined),
  upgradeInsecureRequests: yesNo,
  blockAllMixedContent: (v) => (v === true ? t('value_obsoleteYes') : undefined),
  frameAncestors: pageText,
  duplicates: pageText,
  // Cookies
  cookies: count,
  omitted: (v) => (isCount(v) && v > 0 ? count(v) : undefined),
  names: pageText,
  // Referrer-Policy, X-Frame-Options (header values are written in capitals), redirection
  policy: pageText,
  value: (v) => (typeof v === 'string' && v ? <Inert value={v.toUpperCase()} max={40} /> : undefined),
  redirects: count,
};

function factPairs(facts: unknown): ComponentChild[] {
  if (!facts || typeof facts !== 'object') return [];
  const f = facts as Record<string, Fact>;
  return Object.entries(HEADER_FACTS).flatMap(([name, show]) => {
    if (!Object.hasOwn(f, name)) return [];
    const value = show(f[name]!);
    return value === undefined ? [] : [<Pair label={t(headerKey('headerFact', name))} class={`fact-${name}`}>{value}</Pair>];
  });
}

/** Points decide the mark: a bonus, nothing, or a deduction (a missing header is common, so no cross). */
const shape = (points: number): ShapeKind => (points > 0 ? 'yes' : points < 0 ? 'warn' : 'info');

export function HeaderItem({ f }: { f: HeaderFinding }) {
  const points = Number.isFinite(f.points) ? f.points : 0;
  const facts = factPairs(f.facts);
  const line = <Msg k="finding_header" subs={[words(headerKey('headerTest', f.test)), words(headerKey('headerResult', f.result)), `${points > 0 ? '+' : ''}${points}`]} />;
  return (
    <Item kind={shape(points)} class={`finding finding-header header-${String(f.test).replace(/[^a-z-]/g, '')}`} line={line}>
      {/* Stacked, not the two-column .facts grid: the labels explain, so they are too long for a column. */}
      {facts.length > 0 && <dl class="header-facts">{facts}</dl>}
    </Item>
  );
}
