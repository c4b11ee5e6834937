import type { Capabilities } from '@/utils/capabilities';
import { messageKey as key } from '@/utils/format';
import { t } from '@/utils/i18n';
import { SUBJECTS, type Observer, type ReportCore as Report, type Seeing } from '@/utils/report/core';
import { partyName } from './SeenRows';
import { reasonParts } from '@/utils/report/connection';
import { Sentence } from './parts';
import { Shape } from './Shape';

// "Who can see what", party by party: the model's table, every party (a VPN and Tor relays as if
// used), with the sentence behind every answer under it. source: utils/report/who-sees.ts (which cites
// what-https-hides.md). The popup shows it inside the compact rows' disclosure (SeenRows.tsx), its code
// loaded after the first paint (useLate.ts).

/** `only`: just these parties (the help shows a VPN's and Tor's rows as what would change). */
export function WhoTable({ r, caps, only }: { r: Report; caps: Capabilities; only?: Observer[] }) {
  const rows = only ? r.who.filter((row) => only.includes(row.observer)) : r.who;
  const parts = reasonParts(r.facts);
  const label = (o: Observer) => partyName(o, r);
  return (
    <>
      <table class="who">
        <thead>
          <tr>
            <td />
            {SUBJECTS.map((s) => <th scope="col">{t(`subject_${s}`)}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr data-observer={row.observer}>
              <th scope="row">{label(row.observer)}</th>
              {SUBJECTS.map((s) => <SeeingCell value={row[s].value} subject={s} />)}
            </tr>
          ))}
        </tbody>
      </table>
      <dl class="reasons">
        {rows.map((row) => (
          <>
            <dt>{label(row.observer)}</dt>
            {unique(SUBJECTS.map((s) => row[s].reason)).map((reason) => (
              <dd><Sentence k={`reason_${reason}`} parts={parts} caps={caps} /></dd>
            ))}
          </>
        ))}
      </dl>
    </>
  );
}

function SeeingCell({ value, subject }: { value: Seeing; subject: string }) {
  return (
    <td class={`seeing seeing-${value}`} data-subject={subject} data-value={value}>
      <Shape kind={value} />
      <span>{t(`seeing_${key(value)}`)}</span>
    </td>
  );
}

function unique<T>(xs: T[]): T[] {
  return xs.filter((x, i) => xs.indexOf(x) === i);
}
