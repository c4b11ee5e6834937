import { useEffect } from 'preact/hooks';
import { Report } from '@/components/Report';
import { Inert, Msg } from '@/components/text';
import { useTabReport, type TabReportState } from '@/components/useTabReport';
import { inert } from '@/utils/format';
import { t } from '@/utils/i18n';

export function requestedTab(): number | undefined {
  const raw = new URLSearchParams(location.search).get('tab');
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** `?view=page`: the report opened in a tab ("open in a tab"), laid out for a window, not a popup. */
export const asPage = () => new URLSearchParams(location.search).get('view') === 'page';

type Settled = Exclude<TabReportState, { status: 'loading' }>;

export function App({ first }: { first?: Promise<Settled> | Settled }) {
  const state = useTabReport(requestedTab(), first);
  const page = asPage();
  const url = state.status === 'ready' ? state.view.url : '';
  useEffect(() => {
    let host = '';
    try {
      host = url ? new URL(url).hostname : '';
    } catch {
      // Not a URL: the title stays the extension's name.
    }
    // A title is plain text: in a right-to-left page, U+2066..U+2069 keep the name left to right, as <bdi dir="ltr"> does in the page.
    const name = inert(host).slice(0, 80);
    const isolated = document.documentElement.dir === 'rtl' ? `\u2066${name}\u2069` : name;
    document.title = host ? t('report_title', [isolated]) : t('extName');
  }, [url]);
  if (state.status === 'loading') return <main class="status" aria-busy="true">{t('popup_loading')}</main>;
  if (state.status === 'no-tab') return <main class="status" data-verdict="unknown">{t('popup_noTab')}</main>;
  const report = <Report view={state.view} posture={state.posture} caps={state.caps} tabId={state.tabId} page={page} />;
  if (!state.stale) return report;
  // Said before anything else: what follows describes another page than the one the tab shows now.
  return (
    <>
      <p class="stale" role="status" data-stale="true">
        <Msg k="popup_stalePage" subs={[<Inert value={state.view.url} max={200} fixed />]} />
      </p>
      {report}
    </>
  );
}
