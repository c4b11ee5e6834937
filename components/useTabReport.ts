import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { CHROME_DEFAULT, FIREFOX_DEFAULT, type Capabilities } from '@/utils/capabilities';
import { isCapabilities } from '@/utils/capture/capabilities-store';
import { viewFromTabUrl, type PageView } from '@/utils/page-view';
import { CAPABILITIES_KEY, tabKey } from '@/utils/tab-store';

// The popup reads the page view the background persisted, so it works while the service worker is
// stopped, and follows storage changes so it updates live while the page loads.

export type TabReportState =
  | { status: 'loading' }
  | { status: 'no-tab' }
  | { status: 'ready'; tabId: number; view: PageView; caps: Capabilities };

/** What the background found this browser can tell; before it has said, what this build expects. */
export function capabilitiesFrom(stored: unknown): Capabilities {
  if (isCapabilities(stored)) return { browser: stored.browser, securityInfo: stored.securityInfo };
  return import.meta.env.FIREFOX ? FIREFOX_DEFAULT : CHROME_DEFAULT;
}

type Settled = Exclude<TabReportState, { status: 'loading' }>;

/**
 * Reads the report's data as early and as parallel as it can: with `?tab=` known, the tab and its
 * stored view are fetched at once; otherwise the active tab first. Never rejects.
 */
export async function loadTabReport(requested: number | undefined): Promise<Settled> {
  const read = (id: number) => browser.storage.session.get([tabKey(id), CAPABILITIES_KEY]).catch(() => ({}) as Record<string, unknown>);
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
  const [tab, got] = await Promise.all([tabPromise, read(id)]);
  const stored = (got as Record<string, unknown>)[tabKey(id)] as PageView | undefined;
  const view = stored && typeof stored === 'object' ? stored : viewFromTabUrl(id, tab?.url ?? '');
  return { status: 'ready', tabId: id, view, caps: capabilitiesFrom((got as Record<string, unknown>)[CAPABILITIES_KEY]) };
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
    const key = tabKey(tabId);
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'session') return;
      const change = changes[key];
      const caps = changes[CAPABILITIES_KEY];
      if (change?.newValue) setState((s) => (s.status === 'ready' ? { ...s, view: change.newValue as PageView } : s));
      if (caps?.newValue) setState((s) => (s.status === 'ready' ? { ...s, caps: capabilitiesFrom(caps.newValue) } : s));
    };
    browser.storage.onChanged.addListener(onChanged);
    // Anything written between the first read and this subscription would be lost: read once more.
    void browser.storage.session
      .get([key, CAPABILITIES_KEY])
      .then((got: Record<string, unknown>) => onChanged({ [key]: { newValue: got[key] }, [CAPABILITIES_KEY]: { newValue: got[CAPABILITIES_KEY] } }, 'session'))
      .catch(() => undefined);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [tabId]);

  return state;
}
