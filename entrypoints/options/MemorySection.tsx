import { useEffect, useState } from 'preact/hooks';
import browser from '@/utils/page-api';
import { Msg } from '@/components/text';
import { t } from '@/utils/i18n';
import { MemoryStore, rememberedCount } from '@/utils/memory/store';
import { ENTRY_PREFIX } from '@/utils/storage/memory';
import { SETTINGS_LIMITS, type Settings } from '@/utils/storage/settings';

// Site memory: on or off (off forgets everything), how many sites are remembered, after how many
// days unseen a site is forgotten, and "Forget everything" (which also replaces the secret the keys
// are made with, so nothing forgotten can be matched again).

export function MemorySection({ settings, save }: { settings: Settings; save: (edit: (s: Settings) => Settings) => Promise<void> }) {
  const area = browser.storage.local;
  const [count, setCount] = useState<number | null>(null);
  const [forgotten, setForgotten] = useState(false);
  const recount = () => void rememberedCount(area).then(setCount);
  useEffect(() => {
    recount();
    const onChanged = (changes: Record<string, unknown>, name: string) => {
      if (name === 'local' && Object.keys(changes).some((k) => k.startsWith(ENTRY_PREFIX))) recount();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  const forget = () =>
    new MemoryStore(area).forgetAll().then(() => {
      setForgotten(true);
      recount();
    });
  const { min, max } = SETTINGS_LIMITS.memoryDays;
  return (
    <section aria-labelledby="memory-h" class="memory">
      <h2 id="memory-h">{t('options_memoryHeading')}</h2>
      <p>{t('options_memoryIntro')}</p>
      <label class="choice">
        <input
          type="checkbox"
          class="memory-on"
          checked={settings.memory}
          onChange={(e) => {
            const on = (e.currentTarget as HTMLInputElement).checked;
            void save((s) => ({ ...s, memory: on })).then(() => (on ? undefined : forget()));
          }}
        />
        <span class="name">{t('options_memoryOn')}</span>
      </label>
      <p class="memory-count"><Msg k="options_memoryCount" subs={[String(count ?? 0)]} /></p>
      <label>
        {t('options_memoryDays')}{' '}
        <input
          type="number"
          class="memory-days"
          min={min}
          max={max}
          value={settings.memoryDays}
          onChange={(e) => {
            const days = Number((e.currentTarget as HTMLInputElement).value);
            if (Number.isInteger(days) && days >= min && days <= max) void save((s) => ({ ...s, memoryDays: days }));
          }}
        />
      </label>
      <p>
        <button type="button" class="memory-forget" onClick={() => void forget()}>{t('options_memoryForget')}</button>{' '}
        <span class="memory-forgotten" aria-live="polite">{forgotten ? t('options_memoryForgotten') : ''}</span>
      </p>
    </section>
  );
}
