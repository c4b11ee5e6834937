import { assess } from '@/utils/assess';
import { verdictKey } from '@/utils/badge';
import { t } from '@/utils/i18n';
import type { PageView } from '@/utils/page-view';

export function Report({ view }: { view: PageView }) {
  const posture = assess(view);
  const key = verdictKey(posture.verdict);
  const host = posture.host;
  return (
    <main class={`report verdict-${posture.verdict}`} data-verdict={posture.verdict}>
      <h1 class="headline">{t(`verdict_${key}`)}</h1>
      <p class="why">{t(`why_${key}`)}</p>
      {host.ascii && (
        <dl class="facts">
          <dt>{t('label_host')}</dt>
          <dd class="host" title={host.unicode}>{host.unicode}</dd>
          {host.unicode !== host.ascii && (
            <>
              <dt>{t('label_punycode')}</dt>
              <dd class="host-ascii">{host.ascii}</dd>
            </>
          )}
          <dt>{t('label_serverIp')}</dt>
          <dd class="server-ip">{posture.serverIp ?? t('value_unknown')}</dd>
        </dl>
      )}
    </main>
  );
}
