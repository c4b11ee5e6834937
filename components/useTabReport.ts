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

async function resolveTab(requested: number | undefined): Promise<{ id: number; url?: string } | undefined> {
  if (requested !== undefined) {
    const tab = await browser.tabs.get(requested).catch(() => undefined);
    return { id: requested, url: tab?.url };
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id === undefined ? undefined : { id: tab.id, url: tab.url };
}

export function useTabReport(requested: number | undefined): TabReportState {
  const [state, setState] = useState<TabReportState>({ status: 'loading' });

  useEffect(() => {
    let alive = true;
    let key = '';
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'session') return;
      const change = changes[key];
      const caps = changes[CAPABILITIES_KEY];
      if (change?.newValue) setState((s) => (s.status === 'ready' ? { ...s, view: change.newValue as PageView } : s));
      if (caps?.newValue) setState((s) => (s.status === 'ready' ? { ...s, caps: capabilitiesFrom(caps.newValue) } : s));
    };
    void (async () => {
      const tab = await resolveTab(requested).catch(() => undefined);
      if (!alive) return;
      if (!tab) return setState({ status: 'no-tab' });
      key = tabKey(tab.id);
      browser.storage.onChanged.addListener(onChanged);
      const got: Record<string, unknown> = await browser.storage.session.get([key, CAPABILITIES_KEY]).catch(() => ({}));
      const stored = got[key] as PageView | undefined;
      if (!alive) return;
      const view = stored && typeof stored === 'object' ? stored : viewFromTabUrl(tab.id, tab.url ?? '');
      setState({ status: 'ready', tabId: tab.id, view, caps: capabilitiesFrom(got[CAPABILITIES_KEY]) });
    })();
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [requested]);

  return state;
}
