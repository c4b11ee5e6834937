import { SUBJECTS, type Observer, type Seeing } from '@/utils/assess/exposure';
import { messageKey as key } from '@/utils/format';
import { t } from '@/utils/i18n';
import { Reason, type ReportContext } from './context';
import { Shape } from './Shape';

// "Who can see what for this connection": the exposure matrix as a table, with the sentence behind
// every answer one disclosure away. source: utils/assess/exposure.ts (which cites what-https-hides.md).

export function WhoSees({ ctx }: { ctx: ReportContext }) {
  const rows = ctx.exp.rows;
  const label = (o: Observer) => (o === 'third-parties' ? t('observer_thirdParties', [String(ctx.posture.thirdPartyHosts)]) : t(`observer_${key(o)}`));
  return (
    <section class="sec" aria-labelledby="h-who">
      <h2 id="h-who">{t('heading_who')}</h2>
      <table class="who">
        <thead>
          <tr>
            <td />
            {SUBJECTS.map((s) => <th scope="col">{t(`subject_${s}`)}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr data-observer={r.observer}>
              <th scope="row">{label(r.observer)}</th>
              {SUBJECTS.map((s) => <SeeingCell value={r[s].value} subject={s} />)}
            </tr>
          ))}
        </tbody>
      </table>
      <details class="why-table">
        <summary>{t('who_why')}</summary>
        <dl class="reasons">
          {rows.map((r) => (
            <>
              <dt>{label(r.observer)}</dt>
              {unique(SUBJECTS.map((s) => r[s].reason)).map((reason) => (
                <dd><Reason ctx={ctx} cell={{ reason }} /></dd>
              ))}
            </>
          ))}
        </dl>
      </details>
    </section>
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
