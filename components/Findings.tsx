import type { ComponentChild } from 'preact';
import { SEVERITY, type Finding, type HeaderScore } from '@/utils/assess/posture';
import { messageKey } from '@/utils/format';
import { t } from '@/utils/i18n';
import { findingSubs } from '@/utils/report/finding-subs';
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
  return <Item kind={SHAPE[severity]} class={`finding finding-${f.id}`} line={<Msg k={`finding_${messageKey(f.id)}`} subs={subs(f)} />} />;
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

/** Everything else Onlooker noticed, and the response-header checks (for site owners), folded away. */
export function MoreFacts({ findings, headers, score }: { findings: Finding[]; headers: HeaderFinding[]; score?: HeaderScore }) {
  // The header checks sit in a closed disclosure: their words load after the first paint.
  const HeaderItem = useLate('headerItem');
  if (!findings.length && !headers.length && !score) return null;
  return (
    <section class="sec" aria-labelledby="h-more">
      <h2 id="h-more">{t('heading_more')}</h2>
      {findings.length > 0 && <ul class="items">{findings.map((f) => <FindingItem f={f} />)}</ul>}
      {(headers.length > 0 || score) && (
        <details class="headers">
          <summary>{score ? t('headers_score', [String(score.total), score.grade]) : t('headers_heading')}</summary>
          <ul class="items">{HeaderItem && headers.map((f) => <HeaderItem f={f} />)}</ul>
        </details>
      )}
    </section>
  );
}
