import browser from 'webextension-polyfill';
import { BadgePainter, type ActionApi } from '@/utils/badge-paint';
import { listenToNavigation, type NavigationApis } from '@/utils/capture/navigation';
import { listenToMainHeaders, listenToWebRequest, type WebRequestApi } from '@/utils/capture/web-request';
import { t } from '@/utils/i18n';
import { Monitor } from '@/utils/monitor';
import { TabStore, type SessionArea } from '@/utils/tab-store';

// Wiring only. Every listener is registered in the first turn: MV3 wakes a stopped worker for an
// event only if its listener was registered synchronously at start.

export default defineBackground(() => {
  const store = new TabStore(browser.storage.session as unknown as SessionArea | undefined);
  const painter = new BadgePainter(browser.action as unknown as ActionApi, (k) => t(k));
  const monitor = new Monitor(store, painter);
  const emit = monitor.handle.bind(monitor);

  const webRequest = browser.webRequest as unknown as WebRequestApi;
  listenToWebRequest(webRequest, emit);
  listenToMainHeaders(webRequest, emit, import.meta.env.FIREFOX ? ['responseHeaders'] : ['responseHeaders', 'extraHeaders']);
  listenToNavigation(browser as unknown as NavigationApis, emit);

  // Tabs that were open before the extension started: badge them from what their URL alone tells.
  browser.runtime.onInstalled.addListener(() => {
    void browser.tabs.query({}).then((tabs) => {
      for (const tab of tabs) {
        if (tab.id !== undefined && tab.url) emit({ kind: 'tab-url', tabId: tab.id, time: Date.now(), url: tab.url, incognito: tab.incognito || undefined });
      }
    });
  });
});
