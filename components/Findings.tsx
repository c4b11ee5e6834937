import type { ComponentChild } from 'preact';
import { SEVERITY, type Finding, type HeaderScore } from '@/utils/assess/posture';
import { messageKey } from '@/utils/format';
import { t } from '@/utils/i18n';
import { findingSubs } from '@/utils/report/finding-subs';
import { shortKey } from '@/utils/report/short-lines';
import type { HeaderFinding } from './HeaderFindings';
import { useLate } from './useLate';
import { Item } from './Item';
import type { ShapeKind } from './Shape';
import { Inert, Msg, tOr } from './text';

// Findings are ids with facts; here each becomes its `finding_<id>` sentence, its facts shown inert
// (URLs as origin and path only). Which findings show where is the report model's choice
// (utils/report/index.ts); header checks have their own line and facts (HeaderFindings.tsx).

const SHAPE = { bad: 'no', warn: 'warn', info: 'info' } as const satisfies Record<string, ShapeKind>;

function subs(f: Finding): ComponentChild[] {
  return findingSubs<ComponentChild>(f, (x) => <Inert value={x} max={60} />, tOr);
}

export function FindingItem({ f }: { f: Finding }) {
  const severity = SEVERITY[f.id] ?? 'info';
  const key = `finding_${messageKey(f.id)}`;
  const short = shortKey(key);
  // A long sentence opens under its short first line (utils/report/short-lines.ts).
  if (short) {
    return (
      <Item kind={SHAPE[severity]} class={`finding finding-${f.id}`} line={<Msg k={short} subs={subs(f)} />}>
        <p><Msg k={key} subs={subs(f)} /></p>
      </Item>
    );
  }
  return <Item kind={SHAPE[severity]} class={`finding finding-${f.id}`} line={<Msg k={key} subs={subs(f)} />} />;
}

export function Notes({ findings }: { findings: Finding[] }) {
  if (!findings.length) return null;
  return (
    <section class="sec" aria-labelledby="h-notes">
      <h2 id="h-notes">{t('notes_label')}</h2>
      <ul class="items notes">{findings.map((f) => <FindingItem f={f} />)}</ul>
    </section>
  );
}

/** Everything else Onlooker noticed, folded away. */
export function MoreFacts({ findings }: { findings: Finding[] }) {
  if (!findings.length) return null;
  return (
    <section class="sec" aria-labelledby="h-more">
      <h2 id="h-more">{t('heading_more')}</h2>
      <ul class="items">{findings.map((f) => <FindingItem f={f} />)}</ul>
    </section>
  );
}

/**
 * The response-header checks: they grade the site's configuration, not the visitor's safety, so they
 * sit under "For site owners", the popup giving points without a letter grade (the tab page keeps it).
 */
export function SiteOwners({ headers, score, page }: { headers: HeaderFinding[]; score?: HeaderScore; page?: boolean }) {
  // The header checks sit in a closed disclosure: their words load after the first paint.
  const HeaderItem = useLate('headerItem');
  if (!headers.length && !score) return null;
  const summary = !score ? t('headers_heading') : page ? t('headers_score', [String(score.total), score.grade]) : t('headers_points', [String(score.total)]);
  return (
    <section class="sec" aria-labelledby="h-owners">
      <h2 id="h-owners">{t('heading_siteOwners')}</h2>
      <details class="headers" open={page}>
        <summary>{summary}</summary>
        <ul class="items">{HeaderItem && headers.map((f) => <HeaderItem f={f} />)}</ul>
      </details>
    </section>
  );
}
