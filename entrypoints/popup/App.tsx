import { Report } from '@/components/Report';
import { useTabReport } from '@/components/useTabReport';
import { t } from '@/utils/i18n';

function requestedTab(): number | undefined {
  const raw = new URLSearchParams(location.search).get('tab');
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

export function App() {
  const state = useTabReport(requestedTab());
  if (state.status === 'loading') return <main class="status" aria-busy="true">{t('popup_loading')}</main>;
  if (state.status === 'no-tab') return <main class="status" data-verdict="unknown">{t('popup_noTab')}</main>;
  return <Report view={state.view} />;
}
