import type { ComponentChild } from 'preact';
import { SEVERITY, type Finding, type HeaderScore } from '@/utils/assess/posture';
import { messageKey, tlsVersionLabel } from '@/utils/format';
import { t } from '@/utils/i18n';
import { HeaderItem } from './HeaderFindings';
import { Item } from './Item';
import type { ShapeKind } from './Shape';
import { Inert, Msg, tOr } from './text';

// Findings are ids with facts; here each becomes its `finding_<id>` sentence, its facts shown inert.
// Header checks have their own line and facts (HeaderFindings.tsx).

const SHAPE = { bad: 'no', warn: 'warn', info: 'info' } as const satisfies Record<string, ShapeKind>;

/** Said at the top, next to the headline: problems, and what limits how much the report can say. */
const TOP_INFO = new Set<Finding['id']>(['facts-incomplete', 'load-failed', 'private-network']);
/** Said elsewhere already (headline, server identity, hosts, route). */
const SHOWN_ELSEWHERE = new Set<Finding['id']>(['custom-root', 'header']);

export const isTopFinding = (f: Finding) => !SHOWN_ELSEWHERE.has(f.id) && (SEVERITY[f.id] !== 'info' || TOP_INFO.has(f.id));

function subs(f: Finding): ComponentChild[] {
  const v = (x: unknown, max = 60) => <Inert value={x} max={max} />;
  switch (f.id) {
    case 'downgrade':
    case 'first-hop-http':
      return [v(f.from), v(f.to)];
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
  const top = findings.filter(isTopFinding);
  if (!top.length) return null;
  return (
    <section class="sec" aria-labelledby="h-notes">
      <h2 id="h-notes">{t('notes_label')}</h2>
      <ul class="items notes">{top.map((f) => <FindingItem f={f} />)}</ul>
    </section>
  );
}

/** Everything else Onlooker noticed, and the response-header checks, folded away. */
export function MoreFacts({ findings, score }: { findings: Finding[]; score?: HeaderScore }) {
  const rest = findings.filter((f) => !isTopFinding(f) && f.id !== 'header');
  const headers = findings.filter((f) => f.id === 'header');
  if (!rest.length && !headers.length && !score) return null;
  return (
    <section class="sec" aria-labelledby="h-more">
      <h2 id="h-more">{t('heading_more')}</h2>
      {rest.length > 0 && <ul class="items">{rest.map((f) => <FindingItem f={f} />)}</ul>}
      {(headers.length > 0 || score) && (
        <details class="headers">
          <summary>{score ? t('headers_score', [String(score.total), score.grade]) : t('headers_heading')}</summary>
          <ul class="items">{headers.map((f) => <HeaderItem f={f} />)}</ul>
        </details>
      )}
    </section>
  );
}
