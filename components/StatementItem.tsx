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
  const details = s.short ? [{ kind: 'text', key: s.key, ...(s.parts ? { parts: s.parts } : {}) } as const, ...(s.details ?? [])] : (s.details ?? []);
  const line = <Sentence k={s.short ?? s.key} parts={s.parts} caps={caps} fixed={details.length > 0} />;
  return (
    <Item kind={kind} class={`${s.id} tone-${s.tone}`} line={line}>
      {details.length ? details.map((d) => <DetailView d={d} caps={caps} />) : undefined}
    </Item>
  );
}

/** A statement said in full, inside another disclosure: its sentence, then its details. */
export function StatementBody({ s, caps }: { s: Statement; caps: Capabilities }) {
  return (
    <div class={`statement ${s.id} tone-${s.tone}`}>
      <p><Sentence k={s.key} parts={s.parts} caps={caps} /></p>
      {s.details?.map((d) => <DetailView d={d} caps={caps} />)}
    </div>
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
  }
}
