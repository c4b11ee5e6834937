import browser from 'webextension-polyfill';
import { assess } from '@/utils/assess';
import { badgeContext } from '@/utils/badge';
import { explanationOf } from '@/utils/report/headline';
import { BadgePainter, type ActionApi, type ContextOf } from '@/utils/badge-paint';
import { CHROME_DEFAULT, FIREFOX_DEFAULT } from '@/utils/capabilities';
import { CapabilityStore } from '@/utils/capture/capabilities-store';
import { ChromeSecurityProbe, listenToChromeSecurity } from '@/utils/capture/chrome-security';
import { listenToFirefoxHostSecurity } from '@/utils/capture/firefox-host-security';
import { listenToFirefoxSecurity, type GetSecurityInfo } from '@/utils/capture/firefox-security';
import { listenForScans, type MessageApi } from '@/utils/capture/messages';
import { listenToNavigation, type NavigationApis } from '@/utils/capture/navigation';
import { listenToMainHeaders, listenToWebRequest, type WebRequestApi } from '@/utils/capture/web-request';
import { hostFacts } from '@/utils/hosts';
import { t } from '@/utils/i18n';
import { MemoryObserver } from '@/utils/memory/observer';
import { MemoryStore } from '@/utils/memory/store';
import { Monitor } from '@/utils/monitor';
import { followSettings } from '@/utils/settings-repaint';
import { readSettings, watchSettings } from '@/utils/settings-store';
import { TabStore, type SessionArea } from '@/utils/tab-store';
import { urlParts } from '@/utils/url-parts';

// Wiring only. Every listener is registered in the first turn: MV3 wakes a stopped worker for an
// event only if its listener was registered synchronously at start.

export default defineBackground(() => {
  const session = browser.storage.session as unknown as SessionArea | undefined;
  const store = new TabStore(session, 300, undefined, assess);
  const contextOf: ContextOf = (tabId) => {
    const view = monitor.recorder.view(tabId);
    return view && { ...badgeContext(hostFacts(urlParts(view.url)?.host ?? ''), view.main), explanation: explanationOf(view, assess(view)) };
  };
  // Badges wait for the stored settings (a few milliseconds), then follow every change at once.
  const painter = new BadgePainter(browser.action as unknown as ActionApi, (k) => t(k), contextOf, null);
  const monitor = new Monitor(store, painter);
  const openTabs = () => browser.tabs.query({}).then((tabs) => tabs.flatMap((tab) => (tab.id === undefined ? [] : [tab.id])));
  followSettings({ local: browser.storage.local, onChanged: browser.storage.onChanged, openTabs }, painter, session);
  const memory = new MemoryObserver(new MemoryStore(browser.storage.local), session, browser.storage.local, browser.storage.onChanged);
  monitor.onChange = (tabId, view) => memory.onChange(tabId, view);
  const emit = monitor.handle.bind(monitor);

  const webRequest = browser.webRequest as unknown as WebRequestApi & { getSecurityInfo?: GetSecurityInfo };
  if (import.meta.env.FIREFOX) {
    // Firefox: one blocking main-frame headers listener gives headers, proxy and getSecurityInfo.
    listenToWebRequest(webRequest, emit);
    listenToFirefoxSecurity(webRequest, emit);
    // Per-host TLS costs a blocking listener on every https response: only when the user asks for it.
    const hostTls = listenToFirefoxHostSecurity(webRequest, emit);
    void readSettings(browser.storage.local).then((s) => hostTls.set(s.hostTls));
    watchSettings(browser.storage.onChanged, (s) => hostTls.set(s.hostTls));
    new CapabilityStore(session, webRequest.getSecurityInfo ? FIREFOX_DEFAULT : { browser: 'firefox', securityInfo: 'none' });
  } else {
    // Chrome: security info only behind a flag; the probe watches the plain listeners to tell.
    const probe = new ChromeSecurityProbe(new CapabilityStore(session, CHROME_DEFAULT), emit);
    const tapped = probe.tap(emit);
    listenToChromeSecurity(webRequest, probe);
    listenToWebRequest(webRequest, tapped);
    listenToMainHeaders(webRequest, tapped, ['responseHeaders', 'extraHeaders']);
  }
  listenForScans(browser.runtime as unknown as MessageApi, emit);
  listenToNavigation(browser as unknown as NavigationApis, emit);

  // Tabs that were open before the extension started: badge them from what their URL alone tells.
  browser.runtime.onInstalled.addListener(() => {
    void browser.tabs.query({}).then((tabs) => {
      for (const tab of tabs) {
        if (tab.id !== undefined && tab.url) emit({ kind: 'tab-url', tabId: tab.id, time: Date.now(), url: tab.url, incognito: tab.incognito || undefined });
      }
    });
  });

  // Test-only build (`--mode e2e`, dead code in the store build): Firefox refuses to let a test driver
  // open moz-extension:// pages, so the extension opens one itself, which the tests then drive.
  if (import.meta.env.MODE === 'e2e') {
    browser.runtime.onInstalled.addListener(() => void browser.tabs.create({ url: browser.runtime.getURL('/popup.html?bridge=1') }));
  }
});
