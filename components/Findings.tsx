import type { ComponentChild } from 'preact';
import { SEVERITY, type Finding, type HeaderScore } from '@/utils/assess/posture';
import { messageKey, tlsVersionLabel } from '@/utils/format';
import { t } from '@/utils/i18n';
import { originAndPath } from '@/utils/report/display';
import { HeaderItem, type HeaderFinding } from './HeaderFindings';
import { Item } from './Item';
import type { ShapeKind } from './Shape';
import { Inert, Msg, tOr } from './text';

// Findings are ids with facts; here each becomes its `finding_<id>` sentence, its facts shown inert
// (URLs as origin and path only). Which findings show where is the report model's choice
// (utils/report/index.ts); header checks have their own line and facts (HeaderFindings.tsx).

const SHAPE = { bad: 'no', warn: 'warn', info: 'info' } as const satisfies Record<string, ShapeKind>;

function subs(f: Finding): ComponentChild[] {
  const v = (x: unknown, max = 60) => <Inert value={x} max={max} />;
  switch (f.id) {
    case 'downgrade':
    case 'first-hop-http':
      return [v(originAndPath(f.from)), v(originAndPath(f.to))];
    case 'load-failed':
    case 'certificate-rejected':
    case 'certificate-proceeded':
      return [v(f.error)];
    case 'certificate-override':
      return [tOr(`override_${messageKey(f.category)}`, f.category)];
    case 'weak-connection':
      return [v((f.reasons ?? []).join(', '))];
    case 'custom-root':
      return [v(f.root)];
    case 'insecure-requests':
      return [String(f.hosts?.length ?? 0)];
    case 'mixed-active':
    case 'mixed-passive':
    case 'insecure-form':
    case 'password-on-http':
    case 'third-parties':
      return [String(f.count)];
    case 'idn':
      return [v(f.unicode), v(f.ascii)];
    case 'tls-outdated':
      return [tlsVersionLabel(f.protocol) ?? t('value_unknown')];
    case 'certificate-expiring':
      return [String(f.days)];
    case 'proxy':
      return [v(`${f.type} ${f.host}:${f.port}`)];
    case 'tor-proxy':
      return [v(`${f.host}:${f.port}`)];
    default:
      return [];
  }
}

export function FindingItem({ f }: { f: Finding }) {
  if (f.id === 'header') return <HeaderItem f={f} />;
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
  if (!findings.length && !headers.length && !score) return null;
  return (
    <section class="sec" aria-labelledby="h-more">
      <h2 id="h-more">{t('heading_more')}</h2>
      {findings.length > 0 && <ul class="items">{findings.map((f) => <FindingItem f={f} />)}</ul>}
      {(headers.length > 0 || score) && (
        <details class="headers">
          <summary>{score ? t('headers_score', [String(score.total), score.grade]) : t('headers_heading')}</summary>
          <ul class="items">{headers.map((f) => <HeaderItem f={f} />)}</ul>
        </details>
      )}
    </section>
  );
}
