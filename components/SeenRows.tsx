import type { Capabilities } from '@/utils/capabilities';
import { messageKey as key } from '@/utils/format';
import { t } from '@/utils/i18n';
import type { Party, ReportCore as Report, Seer, SeenRow, Statement } from '@/utils/report/core';
import { reasonParts } from '@/utils/report/connection';
import { Sentence } from './parts';
import { Shape } from './Shape';
import { StatementBody } from './StatementItem';
import { useLate } from './useLate';

// "Who can see what", the popup's first view of it: one row per thing that can be seen, naming who
// sees it on this page, with the sentence behind it one disclosure away; the party-by-party table
// under it (open in the tab page). Only what is unexpected is coloured: the usual metadata is drawn
// in the text colour, the network reading your content in the warning colours.

/** A party's name as the compact rows and the table give it. */
export function partyName(p: Party, r: Report): string {
  if (p === 'third-parties') return t('observer_thirdParties', [String(r.facts.thirdParties)]);
  return t(p === 'root-holder' ? 'observer_rootHolder' : `observer_${key(p)}`);
}

function SeerChip({ s, r }: { s: Seer; r: Report }) {
  return (
    <span class={`seer seeing-${s.value}${s.unexpected ? ' unexpected' : ''}`} data-party={s.party} data-value={s.value}>
      <Shape kind={s.value} />
      {partyName(s.party, r)}
      {s.value !== 'sees' && <span class="qualifier"> · {t(`seeing_${key(s.value)}`)}</span>}
    </span>
  );
}

/** What each row's disclosure says: the statement behind it, or the reasons of those who see. */
function Why({ row, r, visible, caps }: { row: SeenRow; r: Report; visible: Statement[]; caps: Capabilities }) {
  const id = row.subject === 'visit' ? 'destination' : row.subject === 'ip' ? 'you' : undefined;
  const s = id && visible.find((x) => x.id === id);
  if (s) return <StatementBody s={s} caps={caps} />;
  const parts = reasonParts(r.facts);
  const reasons = [...new Set(row.seers.map((x) => x.reason))];
  return <>{reasons.map((reason) => <p><Sentence k={`reason_${reason}`} parts={parts} caps={caps} /></p>)}</>;
}

export function SeenRows({ r, visible, caps, page }: { r: Report; visible: Statement[]; caps: Capabilities; page?: boolean }) {
  const WhoTable = useLate('whoTable');
  return (
    <section class="sec seen-sec" aria-labelledby="h-who">
      <h2 id="h-who">{t('heading_who')}</h2>
      <ul class="seen">
        {r.seen.map((row) => (
          <li class={`seen-row seen-${row.subject} tone-${row.tone}`} data-subject={row.subject}>
            <details>
              <summary>
                <span class="seen-label">{t(`subject_${row.subject}`)}</span>
                <span class="seers">{row.seers.length ? row.seers.map((s) => <SeerChip s={s} r={r} />) : <span class="seers-none">{t('seen_noOne')}</span>}</span>
              </summary>
              <div class="more-body"><Why row={row} r={r} visible={visible} caps={caps} /></div>
            </details>
          </li>
        ))}
      </ul>
      <details class="why-table" open={page} data-loaded={WhoTable ? 'true' : undefined}>
        <summary>{t('who_table')}</summary>
        {WhoTable && <WhoTable r={r} caps={caps} />}
      </details>
    </section>
  );
}
