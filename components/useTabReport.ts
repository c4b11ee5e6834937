import { useEffect, useState } from 'preact/hooks';
import browser from '@/utils/page-api';
import { CHROME_DEFAULT, FIREFOX_DEFAULT, type Capabilities } from '@/utils/capabilities';
import { showsTabPage, viewFromTabUrl, type PageView } from '@/utils/page-view';
import type { Posture } from '@/utils/assess/posture';
import { CAPABILITIES_KEY, capabilities, postureKey, tabKey, tabPosture, tabView } from '@/utils/storage/items';

// The popup reads the page view the background persisted, so it works while the service worker is
// stopped, and follows storage changes so it updates live while the page loads.

export type TabReportState =
  | { status: 'loading' }
  | { status: 'no-tab' }
  | {
      status: 'ready';
      tabId: number;
      view: PageView;
      posture: Posture;
      caps: Capabilities;
      /**
       * The stored view is of another page than the one the tab shows (its record could not be
       * written, or the tab moved on): the report describes `view.url`, and must say so.
       */
      stale: boolean;
    };

/** What the background found this browser can tell; before it has said, what this build expects. */
export function capabilitiesFrom(stored: unknown): Capabilities {
  const valid = capabilities.validate(stored, CAPABILITIES_KEY);
  if (valid) return valid;
  return import.meta.env.FIREFOX ? FIREFOX_DEFAULT : CHROME_DEFAULT;
}

type Settled = Exclude<TabReportState, { status: 'loading' }>;

/**
 * The background stores its assessment beside each view; the popup shows that, so it always agrees
 * with the badge. Only a tab the background never recorded is assessed here, with the assessment
 * code loaded on demand (it is most of the report's weight and rarely needed).
 */
async function postureFor(view: PageView, stored: unknown): Promise<Posture> {
  const posture = tabPosture.validate(stored, postureKey(view.tabId));
  if (posture && posture.url === view.url) return posture;
  const { assess } = await import('@/utils/assess');
  return assess(view);
}

/**
 * Reads the report's data as early and as parallel as it can: with `?tab=` known, the tab and its
 * stored view are fetched at once; otherwise the active tab first. Never rejects.
 */
export async function loadTabReport(requested: number | undefined): Promise<Settled> {
  const read = (id: number) =>
    browser.storage.session.get([tabKey(id), postureKey(id), CAPABILITIES_KEY]).catch(() => ({}) as Record<string, unknown>);
  let id: number;
  let tabPromise: Promise<{ url?: string } | undefined>;
  if (requested !== undefined) {
    id = requested;
    tabPromise = browser.tabs.get(requested).catch(() => undefined);
  } else {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
    if (tab?.id === undefined) return { status: 'no-tab' };
    id = tab.id;
    tabPromise = Promise.resolve(tab);
  }
  const [tab, got] = (await Promise.all([tabPromise, read(id)])) as [{ url?: string } | undefined, Record<string, unknown>];
  const stored = tabView.validate(got[tabKey(id)], tabKey(id));
  const view = stored ?? viewFromTabUrl(id, tab?.url ?? '');
  const posture = await postureFor(view, stored ? got[postureKey(id)] : undefined);
  return { status: 'ready', tabId: id, view, posture, caps: capabilitiesFrom(got[CAPABILITIES_KEY]), stale: !showsTabPage(view, tab?.url) };
}

/** The report for a tab, kept live; `first` is a load already under way (started before rendering). */
export function useTabReport(requested: number | undefined, first?: Promise<Settled> | Settled): TabReportState {
  const [state, setState] = useState<TabReportState>(() => (first && !(first instanceof Promise) ? first : { status: 'loading' }));

  useEffect(() => {
    if (state.status !== 'loading') return;
    let alive = true;
    void Promise.resolve(first instanceof Promise ? first : loadTabReport(requested)).then((s) => alive && setState(s));
    return () => {
      alive = false;
    };
  }, [requested]);

  const tabId = state.status === 'ready' ? state.tabId : undefined;
  useEffect(() => {
    if (tabId === undefined) return;
    const keys = [tabKey(tabId), postureKey(tabId), CAPABILITIES_KEY];
    let alive = true;
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'session') return;
      const change = changes[keys[0]!];
      const stored = change ? tabView.validate(change.newValue, keys[0]!) : undefined;
      const posture = changes[keys[1]!]?.newValue;
      const caps = changes[CAPABILITIES_KEY]?.newValue;
      if (caps) setState((s) => (s.status === 'ready' ? { ...s, caps: capabilitiesFrom(caps) } : s));
      if (!change) return;
      // The background writes a view and its posture together; a view alone is assessed here. The tab
      // is asked again for its URL: the view changes when the tab moves on. A record that was removed
      // (or is invalid) leaves the tab's URL to report on, never the record that was there before.
      const tab = browser.tabs.get(tabId).catch(() => undefined) as Promise<{ url?: string } | undefined>;
      void tab.then(async (t) => {
        const view = stored ?? viewFromTabUrl(tabId, t?.url ?? '');
        const p = await postureFor(view, stored ? posture : undefined);
        if (alive) setState((s) => (s.status === 'ready' ? { ...s, view, posture: p, stale: !showsTabPage(view, t?.url) } : s));
      });
    };
    browser.storage.onChanged.addListener(onChanged);
    // Anything written between the first read and this subscription would be lost: read once more.
    void browser.storage.session
      .get(keys)
      .then((got: Record<string, unknown>) => onChanged(Object.fromEntries(keys.map((k) => [k, { newValue: got[k] }])), 'session'))
      .catch(() => undefined);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [tabId]);

  return state;
}
