import browser from '@/utils/page-api';
import type { Posture, Verdict } from '@/utils/assess/posture';
import type { Capabilities } from '@/utils/capabilities';
import { t } from '@/utils/i18n';
import type { PageView } from '@/utils/page-view';
import { reportCore, type ReportCore } from '@/utils/report/core';
import { MoreFacts, Notes, SiteOwners } from './Findings';
import { Pair } from './Item';
import { OptionsLink } from './OptionsLink';
import { Shape, type ShapeKind } from './Shape';
import { StatementItem } from './StatementItem';
import { Inert, Msg } from './text';
import { useLate } from './useLate';
import { useMarks } from './useMarks';
import { useMemory } from './useMemory';
import { capabilitiesFrom } from './useTabReport';
import { SeenRows } from './SeenRows';

// The report for one tab, most important first: the verdict, what it means here and what to do; the
// connection (what protects what you read and send, and who vouched for the server); who can see
// which site you visit, what you read and send, and your address; the other hosts contacted; what
// would help. The first 600 pixels (all Chrome shows of a popup) hold the first three. Everything comes from the report model
// (utils/report/), which decides every statement from this tab's facts; this only lays it out.

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
  const { marks, RootOffer } = useMarks(view, posture);
  const { memory, Section } = useMemory(view, posture.scheme);
  const HostTable = useLate('hostTable');
  const Share = useLate('share');
  const Help = useLate('help');
  const WhoTable = useLate('whoTable');
  const r = reportCore(view, posture, c, memory ? { ...marks, memory } : marks);
  const root = marks.root;
  const h = r.headline;
  // Where you go and who you are are said inside the compact rows (their code loads after the first
  // paint); anything else that section holds (what the stored record left out) stays a line.
  const visibleOf = useLate('visible');
  const visible = r.applies && visibleOf ? visibleOf(view, r.facts) : [];
  const others = visible.filter((s) => s.id !== 'destination' && s.id !== 'you');
  return (
    // data-settled: every part that loads after the first paint is there (tests wait for it).
    <main class={`report verdict-${h.verdict}`} data-verdict={h.verdict} data-settled={Share && Help && HostTable && RootOffer && WhoTable && visibleOf ? 'true' : undefined}>
      <header class="head">
        <Shape kind={VERDICT_SHAPE[h.verdict]} />
        <div>
          <h1 class="headline">{t(`verdict_${h.verdictKey}`)}</h1>
          <p class="why">{t(`why_${h.whyKey}`)}</p>
          {h.actionKey && <p class="action">{t(`do_${h.actionKey}`)}</p>}
        </div>
      </header>
      <Where r={r} />
      {root && RootOffer && r.facts.root.kind === 'added' && <RootOffer sha256={root.sha256} name={root.name} />}
      {r.applies && (
        <>
          <section class="sec" aria-labelledby="h-connection">
            <h2 id="h-connection">{t('heading_connection')}</h2>
            <ul class="items">{r.connection.map((s) => <StatementItem s={s} caps={c} />)}</ul>
          </section>
          <SeenRows r={r} visible={visible} caps={c} page={page} />
          {others.length > 0 && <ul class="items">{others.map((s) => <StatementItem s={s} caps={c} />)}</ul>}
          <details class="hosts-line" open={page}>
            <summary><ContactsLine c={r.contacts} /></summary>
            {HostTable && <HostTable view={view} facts={r.facts} caps={c} page={page} hostTls={marks.hostTls} />}
          </details>
        </>
      )}
      <Notes findings={r.notes} />
      {r.memory && Section && <Section m={r.memory} caps={c} />}
      {r.applies && r.help && Help && <Help help={r.help} r={r} caps={c} />}
      <MoreFacts findings={r.more} />
      <SiteOwners headers={r.headers} score={r.headerScore} page={page} />
      {Share && <Share data={{ view, posture, caps: c, marks }} page={page} />}
      <Actions tabId={tabId} page={page} />
    </main>
  );
}

/** The site's name (punycode first when it may imitate another) and the address connected to. */
function Where({ r }: { r: ReportCore }) {
  const w = r.where;
  if (!w) return null;
  const { host } = w;
  const idn = host.unicode !== host.ascii;
  return (
    <>
      <dl class="facts where">
        {w.lookalike ? (
          <>
            <Pair label={t('label_punycode')} class="host"><Inert value={host.ascii} max={48} /></Pair>
            <Pair label={t('label_unicode')} class="host-unicode"><Inert value={host.unicode} max={48} /></Pair>
          </>
        ) : (
          <>
            <Pair label={t('label_host')} class="host"><Inert value={host.unicode} max={48} /></Pair>
            {idn && <Pair label={t('label_punycode')} class="host-ascii"><Inert value={host.ascii} max={48} /></Pair>}
          </>
        )}
        <Pair label={t(w.addressLabel)} class="server-ip">{w.address ? <Inert value={w.address} max={45} /> : t('value_unknown')}</Pair>
      </dl>
      {w.lookalike && <p class="lookalike" role="note">{t('warn_lookalike')}</p>}
    </>
  );
}

/** "Also contacted: a, b and 3 more": the third parties by name, the table inside. */
function ContactsLine({ c }: { c: ReportCore['contacts'] }) {
  if (c.kind === 'unseen') return <>{t('hosts_notObserved')}</>;
  if (c.kind === 'own') return <>{t('hostTable_heading', [String(c.hosts)])}</>;
  const names = c.names.map((n, i) => <>{i ? t('list_separator') : ''}<Inert class="hostname" value={n} max={40} /></>);
  return c.more ? <Msg k="hosts_alsoMore" subs={[<>{names}</>, String(c.more)]} /> : <Msg k="hosts_also" subs={[<>{names}</>]} />;
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
      <OptionsLink />
    </nav>
  );
}
