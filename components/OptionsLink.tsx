import browser from '@/utils/page-api';
import { t } from '@/utils/i18n';

// The popup's way to the options page; both browsers open it in a tab (options_ui.open_in_tab).
export function OptionsLink({ k = 'options_open', cls = 'options-link' }: { k?: string; cls?: string }) {
  return (
    <button type="button" class={cls} onClick={() => void browser.runtime.openOptionsPage().catch(() => {})}>
      {t(k)}
    </button>
  );
}
