import type { Capabilities } from '@/utils/capabilities';
import { t } from '@/utils/i18n';
import type { MemoryReport } from '@/utils/report/memory';
import { OptionsLink } from './OptionsLink';
import { StatementItem } from './StatementItem';

/** What changed since an earlier visit (per-site memory), and one line on what is remembered, with the way to the settings. */
export function MemoryView({ m, caps }: { m: MemoryReport; caps: Capabilities }) {
  return (
    <section class="sec memory" aria-labelledby="h-memory">
      <h2 id="h-memory">{t('heading_memory')}</h2>
      <ul class="items">
        {m.findings.map((s) => <StatementItem s={s} caps={caps} />)}
        <StatementItem s={m.remembered} caps={caps} />
      </ul>
      <OptionsLink k="memory_settings" cls="memory-settings" />
    </section>
  );
}
