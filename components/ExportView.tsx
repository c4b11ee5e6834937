import { render as mount } from 'preact';
import browser from '@/utils/page-api';
import { DEFAULT_REDACTION, type ExportFormat, type Redaction } from '@/utils/export';
import { t } from '@/utils/i18n';
import { marksFor } from '@/utils/settings-marks';
import { readSettings } from '@/utils/settings-store';
import { loadTabReport } from './useTabReport';

// `popup.html?tab=<id>&export=markdown|text|json`: the export alone, in `<pre data-export="...">`, so
// that tests (and people) can read it without the clipboard. `&cookies=1` includes cookie names,
// `&addresses=0` omits addresses, as the two choices beside the share buttons do.

export function redactionFrom(params: URLSearchParams): Redaction {
  return { cookieNames: params.get('cookies') === '1' || DEFAULT_REDACTION.cookieNames, addresses: params.get('addresses') !== '0' && DEFAULT_REDACTION.addresses };
}

export async function mountExport(format: ExportFormat, tab: number | undefined, root: HTMLElement): Promise<void> {
  const state = await loadTabReport(tab);
  if (state.status !== 'ready') {
    mount(<main class="status">{t('popup_noTab')}</main>, root);
    return;
  }
  const marks = marksFor(await readSettings(browser.storage.local), state.view, state.posture);
  const { renderShare } = await import('./share-run');
  const text = renderShare(format, { view: state.view, posture: state.posture, caps: state.caps, marks }, redactionFrom(new URLSearchParams(location.search)));
  mount(<pre class="export" data-export={format}>{text}</pre>, root);
}
