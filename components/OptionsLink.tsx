import browser from 'webextension-polyfill';
import { t } from '@/utils/i18n';

// The popup's way to the options page; both browsers open it in a tab (options_ui.open_in_tab).
export function OptionsLink() {
  return (
    <button type="button" class="options-link" onClick={() => void browser.runtime.openOptionsPage().catch(() => {})}>
      {t('options_open')}
    </button>
  );
}
