import browser from 'webextension-polyfill';
import { exposure } from '@/utils/assess/exposure';
import type { Posture, Verdict } from '@/utils/assess/posture';
import { verdictKey } from '@/utils/badge';
import type { Capabilities } from '@/utils/capabilities';
import { t } from '@/utils/i18n';
import type { PageView } from '@/utils/page-view';
import type { ReportContext } from './context';
import { Exposed } from './Exposed';
import { MoreFacts, Notes } from './Findings';
import { Help } from './Help';
import { Pair } from './Item';
import { Protected } from './Protected';
import { Shape, type ShapeKind } from './Shape';
import { Inert } from './text';
import { capabilitiesFrom } from './useTabReport';
import { WhoSees } from './WhoSees';

// The report for one tab, most important first: the verdict and what it means, what is protected,
// what is not, who can see what, what would help. Every specific statement comes from this tab's
// facts; every general one from what-https-hides.md (each section names its sources).

const VERDICT_SHAPE: Record<Verdict, ShapeKind> = {
  encrypted: 'yes',
  'not-encrypted': 'no',
  mixed: 'warn',
  'cert-error': 'no',
  'custom-root': 'warn',
  local: 'info',
  onion: 'yes',
  internal: 'info',
  unknown: 'unknown',
};

export interface ReportProps {
  view: PageView;
  /** What the background (or, for a tab it never saw, the popup) concluded from `view`. */
  posture: Posture;
  caps?: Capabilities;
  tabId?: number;
  /** Shown as a page in a tab (the "open in a tab" report) rather than in the toolbar popup. */
  page?: boolean;
}

export function Report({ view, posture, caps, tabId, page }: ReportProps) {
  const c = caps ?? capabilitiesFrom(undefined);
  const ctx: ReportContext = { view, caps: c, posture, exp: exposure(view, c, posture) };
  const key = verdictKey(posture.verdict);
  const host = posture.host;
  return (
    <main class={`report verdict-${posture.verdict}`} data-verdict={posture.verdict}>
      <header class="head">
        <Shape kind={VERDICT_SHAPE[posture.verdict]} />
        <div>
          <h1 class="headline">{t(`verdict_${key}`)}</h1>
          <p class="why">{t(`why_${key}`)}</p>
        </div>
      </header>
      {host.ascii && posture.verdict !== 'internal' && (
        <dl class="facts where">
          <Pair label={t('label_host')} class="host"><Inert value={host.unicode} max={48} /></Pair>
          {host.unicode !== host.ascii && <Pair label={t('label_punycode')} class="host-ascii"><Inert value={host.ascii} max={48} /></Pair>}
          <Pair label={t('label_serverIp')} class="server-ip">{posture.serverIp ? <Inert value={posture.serverIp} max={45} /> : t('value_unknown')}</Pair>
        </dl>
      )}
      {ctx.exp.applies && (
        <>
          <Protected ctx={ctx} />
          <Exposed ctx={ctx} />
        </>
      )}
      {/* Below the two lists, which must fit the popup without scrolling; the headline already says the gist. */}
      <Notes findings={posture.findings} />
      {ctx.exp.applies && (
        <>
          <WhoSees ctx={ctx} />
          <Help ctx={ctx} />
        </>
      )}
      <MoreFacts findings={posture.findings} score={posture.headerScore} />
      <Actions tabId={tabId} page={page} />
    </main>
  );
}

function openTab(path: string, page: boolean | undefined) {
  void browser.tabs.create({ url: browser.runtime.getURL(path as '/popup.html') }).then(() => {
    // The popup would stay over the new tab in some browsers; a page opened in a tab stays.
    if (!page) window.close();
  });
}

function Actions({ tabId, page }: { tabId?: number; page?: boolean }) {
  return (
    <nav class="actions" aria-label={t('actions_label')}>
      <a
        href="/learn.html"
        target="_blank"
        rel="noopener"
        class="learn"
        onClick={(e) => {
          e.preventDefault();
          openTab('/learn.html', page);
        }}
      >
        {t('action_learnMore')}
      </a>
      {!page && tabId !== undefined && (
        <button type="button" class="open-tab" onClick={() => openTab(`/popup.html?tab=${tabId}&view=page`, page)}>
          {t('action_openInTab')}
        </button>
      )}
    </nav>
  );
}
