import { hostTlsOf } from '../host-tls';
import { LIMITS } from '../page-view';
import { urlParts } from '../url-parts';
import type { CaptureEvent } from './events';
import { normalizeFirefoxSecurityInfo, type GetSecurityInfo } from './firefox-security';
import { guarded } from './guard';
import { requestOrigin, type RequestDetailsLike } from './request-origin';
import type { WebRequestApi } from './web-request';

// Firefox: the TLS of every host of the page, not only the main document's, so that a proxy that
// intercepts only chosen domains shows. getSecurityInfo answers only inside a blocking
// onHeadersReceived listener, and a blocking listener makes every response wait for this extension's
// event loop: so the listener does the least it can. It returns {} in the same turn, never waits on
// storage or on the answer, and asks only for the first https response per (tab, host) of the
// current page; every other response costs a map lookup.

type Emit = (ev: CaptureEvent) => void;

/** The hosts already asked about, per tab, for the top-level document they were asked under. */
interface Asked {
  top: string;
  hosts: Set<string>;
}
const asked = new Map<number, Asked>();
/** Tabs remembered at once (the oldest is forgotten: at worst its hosts are asked again). */
const MAX_TABS = 64;

/** True the first time this (tab, host) is seen under this top-level document; bounded. */
export function firstAsk(tabId: number, top: string, host: string): boolean {
  let a = asked.get(tabId);
  if (!a || a.top !== top) {
    asked.delete(tabId);
    if (asked.size >= MAX_TABS) asked.delete(asked.keys().next().value!);
    a = { top, hosts: new Set() };
    asked.set(tabId, a);
  }
  if (a.hosts.has(host) || a.hosts.size >= LIMITS.hosts) return false;
  a.hosts.add(host);
  return true;
}

/** A new page in the tab (or the tab closed): its hosts are asked about again. */
export function forgetTab(tabId: number): void {
  asked.delete(tabId);
}

interface Details extends RequestDetailsLike {
  requestId: string;
}

interface BlockingApi {
  onHeadersReceived: WebRequestApi['onHeadersReceived'] & { removeListener?(cb: (d: never) => void): void };
  getSecurityInfo?: GetSecurityInfo;
}

const ALL = { urls: ['https://*/*', 'wss://*/*'] };

/** Turns the per-host listener on or off (the `hostTls` setting); it costs nothing while off. */
export interface HostSecuritySwitch {
  set(on: boolean): void;
}

export function listenToFirefoxHostSecurity(api: BlockingApi, emit: Emit): HostSecuritySwitch {
  if (typeof api.getSecurityInfo !== 'function') return { set: () => undefined };
  const getSecurityInfo = api.getSecurityInfo.bind(api);
  const ask = guarded((d: Details) => {
    if (d.type === 'main_frame') {
      forgetTab(d.tabId);
      return;
    }
    if (d.tabId < 0) return;
    const origin = requestOrigin(d);
    const parts = urlParts(d.url);
    if (!parts?.host || !firstAsk(d.tabId, origin.topUrl ?? '', parts.host)) return;
    const send = guarded((info: unknown) => {
      emit({ kind: 'host-security', tabId: d.tabId, time: Date.now(), url: d.url, origin, tls: hostTlsOf(normalizeFirefoxSecurityInfo(info)) });
    });
    let pending: Promise<unknown>;
    try {
      pending = getSecurityInfo(d.requestId, { certificateChain: true });
    } catch {
      return;
    }
    Promise.resolve(pending).then(send, () => undefined);
  });
  const listener = ((d: Details) => {
    ask(d);
    return {};
  }) as (d: never) => void;
  let on = false;
  return {
    set(want: boolean) {
      if (want === on) return;
      on = want;
      if (want) api.onHeadersReceived.addListener(listener, ALL, ['blocking']);
      else {
        api.onHeadersReceived.removeListener?.(listener);
        asked.clear();
      }
    },
  };
}
