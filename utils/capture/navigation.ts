import type { CaptureEvent } from './events';
import { readableNetError } from '../net-errors';
import { guarded } from './guard';

// webNavigation and tabs -> capture events: the commit that starts a page view, the tab that closes,
// the URL a tab shows without a commit we saw (prerender activation, single-page-app history).

type Emit = (ev: CaptureEvent) => void;

export interface CommittedDetails {
  tabId: number;
  frameId: number;
  url: string;
  timeStamp?: number;
  documentId?: string;
  documentLifecycle?: string;
  frameType?: string;
  transitionQualifiers?: string[];
}

export function onCommitted(d: CommittedDetails, incognito: boolean): CaptureEvent | null {
  // Chrome gives prerendered pages their own frame tree: frameId != 0 but an outermost frame.
  const top = d.frameId === 0 || d.frameType === 'outermost_frame';
  if (!top) return null;
  return {
    kind: 'committed',
    tabId: d.tabId,
    time: typeof d.timeStamp === 'number' ? d.timeStamp : Date.now(),
    url: d.url,
    documentId: d.documentId,
    fromHistory: Array.isArray(d.transitionQualifiers) && d.transitionQualifiers.includes('forward_back'),
    prerender: d.documentLifecycle === 'prerender',
    incognito: incognito || undefined,
  };
}

export interface NavigationErrorDetails {
  tabId: number;
  frameId: number;
  url: string;
  error: string;
  timeStamp?: number;
  documentId?: string;
  frameType?: string;
  documentLifecycle?: string;
}

export function onNavigationError(d: NavigationErrorDetails): CaptureEvent | null {
  if (d.frameId !== 0 || d.documentLifecycle === 'prerender') return null;
  return {
    kind: 'navigation-failed',
    tabId: d.tabId,
    time: typeof d.timeStamp === 'number' ? d.timeStamp : Date.now(),
    url: d.url,
    error: readableNetError(String(d.error)),
    documentId: d.documentId,
  };
}

export interface TabLike {
  id?: number;
  url?: string;
  incognito?: boolean;
}

export interface NavigationApis {
  webNavigation: {
    onCommitted: { addListener(cb: (d: CommittedDetails) => void): void };
    onErrorOccurred: { addListener(cb: (d: NavigationErrorDetails) => void): void };
  };
  tabs: {
    onRemoved: { addListener(cb: (tabId: number) => void): void };
    onUpdated: { addListener(cb: (tabId: number, change: { url?: string }, tab: TabLike) => void): void };
    onReplaced?: { addListener(cb: (added: number, removed: number) => void): void };
  };
}

/** Tabs in private windows, learnt from tab objects as they pass by (no "tabs" permission needed). */
export const privateTabs = new Set<number>();

export function listenToNavigation(apis: NavigationApis, emit: Emit): void {
  apis.webNavigation.onCommitted.addListener(
    guarded((d: CommittedDetails) => {
      const ev = onCommitted(d, privateTabs.has(d.tabId));
      if (ev) emit(ev);
    }),
  );
  apis.webNavigation.onErrorOccurred.addListener(
    guarded((d: NavigationErrorDetails) => {
      const ev = onNavigationError(d);
      if (ev) emit(ev);
    }),
  );
  apis.tabs.onRemoved.addListener(
    guarded((tabId: number) => {
      privateTabs.delete(tabId);
      emit({ kind: 'tab-closed', tabId, time: Date.now() });
    }),
  );
  apis.tabs.onUpdated.addListener(
    guarded((tabId: number, change: { url?: string }, tab: TabLike) => {
      if (tab?.incognito) privateTabs.add(tabId);
      if (typeof change?.url === 'string') emit({ kind: 'tab-url', tabId, time: Date.now(), url: change.url, incognito: !!tab?.incognito || undefined });
    }),
  );
  apis.tabs.onReplaced?.addListener(guarded((_added: number, removed: number) => emit({ kind: 'tab-closed', tabId: removed, time: Date.now() })));
}
