import type { Capabilities } from '@/utils/capabilities';
import { t } from '@/utils/i18n';
import type { Detail, Statement, Tone } from '@/utils/report';
import { Item, Pair } from './Item';
import { renderPart, Sentence } from './parts';
import type { ShapeKind } from './Shape';
import { Inert } from './text';

// One statement of the report model: its tone decides the mark, its key and parts the words, its
// details what the disclosure holds. Nothing here decides what is true.

/** Connection statements: ✓ protected, ✕ exposed, ⚠ watch out. */
const CONNECTION: Record<Tone, ShapeKind> = { protected: 'yes', exposed: 'no', warning: 'warn', info: 'info', unknown: 'unknown' };
/** What stays visible: the "who sees" marks, so that the usual metadata is not drawn as an alarm. */
const VISIBLE: Record<Tone, ShapeKind> = { protected: 'does-not-see', exposed: 'sees', warning: 'partly', info: 'sees', unknown: 'unknown' };

export function StatementItem({ s, caps, family = 'connection' }: { s: Statement; caps: Capabilities; family?: 'connection' | 'visible' }) {
  const kind = (family === 'visible' ? VISIBLE : CONNECTION)[s.tone];
  const line = <Sentence k={s.key} parts={s.parts} caps={caps} fixed={!!s.details?.length} />;
  return (
    <Item kind={kind} class={`${s.id} tone-${s.tone}`} line={line}>
      {s.details?.length ? s.details.map((d) => <DetailView d={d} caps={caps} />) : undefined}
    </Item>
  );
}

function DetailView({ d, caps }: { d: Detail; caps: Capabilities }) {
  switch (d.kind) {
    case 'text':
      return <p><Sentence k={d.key} parts={d.parts} caps={caps} /></p>;
    case 'pairs':
      return (
        <dl class={`facts ${d.cls}`}>
          {d.pairs.map((p) => <Pair label={t(p.label)} class={p.cls}>{p.value.map((v, i) => <>{i ? ' ' : ''}{renderPart(v, caps)}</>)}</Pair>)}
        </dl>
      );
    case 'list':
      return (
        <>
          <p>{t(d.key)}</p>
          <ul class="plain">{d.items.map((h) => <li><Inert value={h} /></li>)}</ul>
        </>
      );
    case 'hosts':
      return (
        <>
          <p>{t(d.key)}</p>
          <ul class="hosts">
            {d.hosts.map((h) => (
              <li class={`host-${h.party}`}>
                <Inert class="hostname" value={h.host} max={48} /> <span class="party">{t(h.party === 'first' ? 'party_first' : 'party_third')}</span>
                <br />
                <span class="ip">{h.ips.length ? h.ips.map((ip, i) => <>{i ? ', ' : ''}<Inert value={ip} max={45} /></>) : t('value_ipUnknown')}</span>
              </li>
            ))}
          </ul>
          {d.more > 0 && <p>{t('hosts_more', [String(d.more)])}</p>}
          {d.omitted > 0 && <p>{t('hosts_omitted', [String(d.omitted)])}</p>}
          {d.failed.length > 0 && (
            <>
              <p>{t('hosts_failed')}</p>
              <ul class="hosts failed">{d.failed.map((h) => <li class="host-failed"><Inert class="hostname" value={h.host} max={48} /></li>)}</ul>
            </>
          )}
        </>
      );
  }
}
