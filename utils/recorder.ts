import type { CaptureEvent, RequestOrigin } from './capture/events';
import {
  LIMITS,
  clip,
  hostTable,
  isHostName,
  type HostContact,
  type Hop,
  type MainDocument,
  type PageView,
} from './page-view';
import { isCertificateError } from './net-errors';
import { RecentSet } from './recent-set';
import { siteOf } from './sites';
import { sameOrigin, schemeOf, urlParts, withoutFragment } from './url-parts';

// The pure reducer from capture events to per-tab page views. It holds no browser object and does
// no I/O: the background feeds it events and persists what it reports as changed.

/** What a recorded event did, so the caller knows what to persist and whether to re-assess. */
export interface Change {
  tabId: number;
  /** The tab's current page view was replaced (a navigation committed, or a view was restored). */
  committed: boolean;
  /** Something that can move the verdict changed (scheme, security info, insecure content). */
  verdictMayChange: boolean;
  closed?: boolean;
  /** Paint the badge again although the verdict is the same (the browser may have reset it). */
  repaint?: boolean;
  /** All that changed is one more host reached over plain http/ws: a verdict can only get worse. */
  moreInsecure?: boolean;
}

interface PendingNavigation {
  requestId: string;
  startedAt: number;
  hops: Hop[];
  main: MainDocument;
  prerender: boolean;
}

interface TabRecord {
  current?: PageView;
  /** Chrome document ids of `current`, as a set for the hot path (mirrors current.documentIds). */
  documents: Set<string>;
  /** Main-frame requests in flight, oldest first. */
  pending: PendingNavigation[];
  /** Recently replaced views, kept only in memory so a back/forward-cache restore finds its facts. */
  previous: PageView[];
  /** Prerendered pages: recorded, but never shown or badged until the tab activates them. */
  prerendered: PageView[];
  /** Subresource events whose document we do not know yet (they can overtake the commit). */
  orphans: CaptureEvent[];
  /** URL (without fragment) of the navigation that just failed: `current` is its error-page view. */
  failed?: string;
}

const MAX_PENDING = 4;
const MAX_PREVIOUS = 2;
const MAX_PRERENDERED = 2;
const MAX_ORPHANS = 128;
/** Tabs with events but no committed page yet (navigations in flight): more are forgotten, oldest first. */
export const MAX_UNCOMMITTED = 32;
/** Closed tabs remembered, so that their late events are dropped instead of recreating them. */
export const MAX_CLOSED = 1024;
/** Cancellations are not failures worth reporting. */
const IGNORED_ERRORS = new Set(['net::ERR_ABORTED', 'NS_BINDING_ABORTED', 'NS_ERROR_ABORT']);

/**
 * What a main-frame response tells about its document and the hop it answered; the same whether the
 * navigation is still pending or (Firefox) already committed.
 */
function recordResponse(main: MainDocument, last: Hop | undefined, ev: Extract<CaptureEvent, { kind: 'main-headers' | 'main-response' }>): void {
  if (ev.status !== undefined) {
    main.status = ev.status;
    if (last) last.status = ev.status;
  }
  if (ev.kind === 'main-response') {
    if (ev.ip) {
      main.ip = clip(ev.ip, LIMITS.idChars);
      if (last) last.ip = main.ip;
    }
    if (ev.fromCache) main.fromCache = true;
    return;
  }
  if (ev.headers) main.headers = ev.headers;
  if (ev.cookies) main.cookies = ev.cookies;
  if (ev.cookiesOmitted) main.cookiesOmitted = ev.cookiesOmitted;
  if (ev.truncatedHeaders?.length) main.truncatedHeaders = ev.truncatedHeaders;
  if (ev.security) main.security = ev.security;
  if (ev.proxy) main.proxy = ev.proxy;
}

/**
 * The next hop of a navigation. A chain at its bound keeps its first hops and its latest, which is the
 * one that commits (browsers follow 20 redirects, so a chain can be one URL longer than the bound).
 */
function pushHop(hops: Hop[], url: string): Hop {
  const hop: Hop = { url };
  if (hops.length < LIMITS.hops) hops.push(hop);
  else hops[hops.length - 1] = hop;
  return hop;
}

export interface RecorderOptions {
  newId?: () => string;
}

export class Recorder {
  private readonly tabs = new Map<number, TabRecord>();
  private readonly closed = new RecentSet<number>(MAX_CLOSED);
  private seq = 0;
  private readonly newId: () => string;

  constructor(options: RecorderOptions = {}) {
    this.newId = options.newId ?? (() => `${Date.now().toString(36)}-${(this.seq++).toString(36)}`);
  }

  view(tabId: number): PageView | undefined {
    return this.tabs.get(tabId)?.current;
  }

  has(tabId: number): boolean {
    return this.tabs.has(tabId);
  }

  tabIds(): number[] {
    return [...this.tabs.keys()];
  }

  /** The tab was closed (recently enough to be remembered): its events are dropped. */
  isClosed(tabId: number): boolean {
    return this.closed.has(tabId);
  }

  /** Put back a view persisted before the worker stopped; never overrides a newer one. */
  restore(view: PageView): void {
    if (this.closed.has(view.tabId)) return;
    const rec = this.record(view.tabId);
    if (rec.current) return;
    // Stored JSON comes back with a plain object: host names such as `__proto__` need a null prototype.
    if (Object.getPrototypeOf(view.hosts) !== null) view.hosts = Object.assign(hostTable(), view.hosts);
    if (!view.main || typeof view.main !== 'object') view.main = {};
    rec.current = view;
    rec.documents = new Set(view.documentIds ?? []);
  }

  apply(ev: CaptureEvent): Change | null {
    if (!Number.isInteger(ev.tabId) || ev.tabId < 0) return null; // -1: requests outside any tab
    if (this.closed.has(ev.tabId)) return null; // late events of a closed tab (ids are never reused)
    switch (ev.kind) {
      case 'tab-closed':
        this.tabs.delete(ev.tabId);
        this.closed.add(ev.tabId);
        return { tabId: ev.tabId, committed: false, verdictMayChange: false, closed: true };
      case 'main-redirect':
      case 'main-headers':
      case 'main-response':
      case 'main-error':
        return this.mainRequest(ev);
      case 'main-security':
        return this.mainSecurity(ev);
      case 'committed':
        return this.commit(ev);
      case 'navigation-failed':
        return this.navigationFailed(ev);
      case 'subresource':
      case 'subresource-error':
      case 'document-scan':
        return this.subresource(ev, true);
      case 'host-security':
        return this.hostSecurity(ev);
      case 'tab-url':
        return this.tabUrl(ev);
      default:
        return null;
    }
  }

  private record(tabId: number): TabRecord {
    let rec = this.tabs.get(tabId);
    if (!rec) {
      this.forgetUncommitted(MAX_UNCOMMITTED - 1);
      rec = { documents: new Set(), pending: [], previous: [], prerendered: [], orphans: [] };
      this.tabs.set(tabId, rec);
    }
    return rec;
  }

  /** Keep at most `keep` tabs that have no page yet (a page can invent tab ids in no way, but late events can). */
  private forgetUncommitted(keep: number): void {
    let waiting = 0;
    for (const r of this.tabs.values()) if (!r.current) waiting++;
    if (waiting <= keep) return;
    for (const [id, r] of this.tabs) {
      if (r.current) continue;
      this.tabs.delete(id);
      if (--waiting <= keep) return;
    }
  }

  private pendingFor(rec: TabRecord, requestId: string, url: string, time: number, prerender: boolean): PendingNavigation {
    let p = rec.pending.find((x) => x.requestId === requestId);
    if (!p) {
      p = { requestId, startedAt: time, hops: [{ url: clip(url, LIMITS.urlChars) }], main: {}, prerender };
      rec.pending.push(p);
      if (rec.pending.length > MAX_PENDING) rec.pending.shift();
    }
    return p;
  }

  private mainRequest(ev: Extract<CaptureEvent, { kind: 'main-redirect' | 'main-headers' | 'main-response' | 'main-error' }>): Change | null {
    const rec = this.record(ev.tabId);
    const late = this.lateMainEvent(rec, ev);
    if (late !== undefined) return late;
    const p = this.pendingFor(rec, ev.requestId, ev.url, ev.time, !!ev.prerender);
    const url = clip(ev.url, LIMITS.urlChars);
    let last = p.hops[p.hops.length - 1]!;
    if (last.url !== url) last = pushHop(p.hops, url);
    switch (ev.kind) {
      case 'main-redirect':
        last.status = ev.status;
        if (ev.ip) last.ip = clip(ev.ip, LIMITS.idChars);
        pushHop(p.hops, clip(ev.redirectUrl, LIMITS.urlChars));
        // A new document is coming: what we learnt about the previous hop's response no longer applies.
        p.main = {};
        break;
      case 'main-headers':
      case 'main-response':
        recordResponse(p.main, last, ev);
        break;
      case 'main-error':
        p.main.error = clip(ev.error, LIMITS.errorChars);
        break;
    }
    return null; // nothing shown changes until the navigation commits
  }

  /**
   * Firefox can commit a page before its main-frame response event arrives (seen on a tab's first
   * navigation): such an event still belongs to the committed view, not to a new pending navigation.
   */
  private lateMainEvent(rec: TabRecord, ev: Extract<CaptureEvent, { kind: 'main-headers' | 'main-response' | 'main-error' | 'main-redirect' }>): Change | null | undefined {
    const view = rec.current;
    if (!view || view.mainRequestId !== ev.requestId || ev.kind === 'main-redirect') return undefined;
    if (rec.pending.some((p) => p.requestId === ev.requestId)) return undefined;
    if (withoutFragment(clip(ev.url, LIMITS.urlChars)) !== withoutFragment(view.url)) return undefined;
    if (ev.kind === 'main-error') {
      view.main.error ??= clip(ev.error, LIMITS.errorChars);
    } else {
      recordResponse(view.main, view.hops[view.hops.length - 1], ev);
      const h = urlParts(view.url)?.host;
      const contact = h ? view.hosts[h] : undefined;
      const ip = ev.kind === 'main-response' && ev.ip ? clip(ev.ip, LIMITS.idChars) : undefined;
      if (ip && contact && contact.ips.length < LIMITS.ipsPerHost && !contact.ips.includes(ip)) contact.ips.push(ip);
    }
    view.observed = 'network';
    return { tabId: ev.tabId, committed: false, verdictMayChange: true };
  }

  private mainSecurity(ev: Extract<CaptureEvent, { kind: 'main-security' }>): Change | null {
    const rec = this.record(ev.tabId);
    // Security info can resolve after the commit; it still belongs to that view if the request matches.
    const view = rec.current;
    if (view && view.mainRequestId === ev.requestId) {
      view.main.security = ev.security;
      return { tabId: ev.tabId, committed: false, verdictMayChange: true };
    }
    // Otherwise it may come before any other event of its request (listeners run in registration order).
    const p = this.pendingFor(rec, ev.requestId, ev.url, ev.time, false);
    p.main.security = ev.security;
    return null;
  }

  private commit(ev: Extract<CaptureEvent, { kind: 'committed' }>): Change | null {
    const rec = this.record(ev.tabId);
    const url = clip(ev.url, LIMITS.urlChars);
    const key = withoutFragment(url);

    let view: PageView | undefined;
    if (ev.fromHistory && ev.documentId) {
      const i = rec.previous.findIndex((v) => v.documentIds?.includes(ev.documentId!));
      if (i >= 0) view = rec.previous.splice(i, 1)[0];
    }
    // Firefox commits its error page after reporting the failure: that commit is the failed view's own.
    if (!view && rec.failed === key && rec.current && !rec.pending.some((p) => withoutFragment(p.hops[p.hops.length - 1]!.url) === key)) {
      view = rec.current;
    }
    rec.failed = undefined;
    if (!view) {
      let idx = -1;
      for (let i = rec.pending.length - 1; i >= 0; i--) {
        const last = rec.pending[i]!.hops[rec.pending[i]!.hops.length - 1]!;
        if (withoutFragment(last.url) === key) {
          idx = i;
          break;
        }
      }
      const p = idx >= 0 ? rec.pending[idx] : undefined;
      if (p) rec.pending.splice(0, idx + 1); // older ones were abandoned for this one
      view = this.newView(ev.tabId, url, ev.time, p);
      if (ev.incognito) view.incognito = true;
    }
    view.committedAt = ev.time;
    view.url = url;
    const documentId = ev.documentId === undefined ? undefined : clip(ev.documentId, LIMITS.idChars);
    if (documentId && !view.documentIds?.includes(documentId)) {
      view.documentIds = [...(view.documentIds ?? []), documentId].slice(-LIMITS.documentIds);
    }

    const before = rec.current;
    if (!ev.prerender && before && before !== view && isCertificateError(before.main.error) && !view.main.error && sameOrigin(before.url, url)) {
      view.main.proceededPastError = before.main.error;
    }
    if (ev.prerender) {
      rec.prerendered.push(view);
      if (rec.prerendered.length > MAX_PRERENDERED) rec.prerendered.shift();
      return null;
    }
    this.replaceCurrent(rec, view);
    const orphans = rec.orphans;
    rec.orphans = [];
    for (const o of orphans) this.subresource(o, false);
    return { tabId: ev.tabId, committed: true, verdictMayChange: true };
  }

  /**
   * An error page now stands where the page would be. A cancelled navigation (the user went elsewhere
   * or stopped it) leaves the current page in place; any other failure replaces it, so the popup never
   * goes on describing a page the tab no longer shows.
   */
  private navigationFailed(ev: Extract<CaptureEvent, { kind: 'navigation-failed' }>): Change | null {
    const rec = this.tabs.get(ev.tabId);
    const key = withoutFragment(clip(ev.url, LIMITS.urlChars));
    const idx = rec ? rec.pending.findIndex((p) => withoutFragment(p.hops[p.hops.length - 1]!.url) === key) : -1;
    if (IGNORED_ERRORS.has(ev.error)) {
      if (rec && idx >= 0) rec.pending.splice(idx, 1);
      return null;
    }
    // Firefox's webRequest error is a translated sentence; its webNavigation code is the one to keep.
    const main = rec && idx >= 0 ? rec.pending[idx]!.main : undefined;
    if (main && (main.error === undefined || (isCertificateError(ev.error) && !isCertificateError(main.error)))) main.error = clip(ev.error, LIMITS.errorChars);
    const change = this.commit({ kind: 'committed', tabId: ev.tabId, time: ev.time, url: ev.url, documentId: ev.documentId });
    const failed = this.record(ev.tabId); // the commit made it if there was none
    const view = failed.current;
    if (view && !view.main.error) {
      view.main.error = clip(ev.error, LIMITS.errorChars);
      view.observed = 'network';
    }
    failed.failed = key;
    return change;
  }

  private replaceCurrent(rec: TabRecord, view: PageView): void {
    if (rec.current && rec.current !== view && rec.current.documentIds?.length) {
      rec.previous.push(rec.current);
      if (rec.previous.length > MAX_PREVIOUS) rec.previous.shift();
    }
    rec.current = view;
    rec.documents = new Set(view.documentIds ?? []);
  }

  private newView(tabId: number, url: string, time: number, p?: PendingNavigation): PageView {
    const view: PageView = {
      schema: 1,
      tabId,
      id: this.newId(),
      url,
      observed: p && (p.main.ip || p.main.status !== undefined || p.main.error) ? 'network' : 'commit',
      startedAt: p?.startedAt ?? time,
      hops: p?.hops ?? [{ url }],
      main: p?.main ?? {},
      hosts: hostTable(),
      omittedRequests: 0,
      requests: 0,
    };
    if (p) view.mainRequestId = clip(p.requestId, LIMITS.idChars);
    if (p && view.observed === 'network') {
      view.requests = 1;
      const parts = urlParts(url);
      if (parts?.host && isHostName(parts.host)) this.countHost(view, parts.host, parts.scheme, p.main.ip, !!p.main.proxy, siteOf(parts.host));
    }
    return view;
  }

  /** Find the view a subresource event belongs to; undefined when it belongs to no view we keep. */
  private target(rec: TabRecord, origin: RequestOrigin): PageView | 'orphan' | undefined {
    const view = rec.current;
    if (origin.documentId !== undefined || origin.parentDocumentId !== undefined) {
      if (origin.documentId && rec.documents.has(origin.documentId)) return view;
      if (origin.parentDocumentId && rec.documents.has(origin.parentDocumentId)) {
        // A frame inside this page: its requests from now on are this page's too.
        if (origin.documentId && view) this.adoptDocument(rec, view, origin.documentId);
        return view;
      }
      for (const v of rec.prerendered) {
        if (v.documentIds?.includes(origin.documentId!) || v.documentIds?.includes(origin.parentDocumentId!)) return v;
      }
      for (const v of rec.previous) {
        if (v.documentIds?.includes(origin.documentId!) || v.documentIds?.includes(origin.parentDocumentId!)) return undefined;
      }
      return 'orphan';
    }
    if (origin.topUrl !== undefined) {
      return view && sameOrigin(origin.topUrl, view.url) ? view : undefined;
    }
    return view;
  }

  private adoptDocument(rec: TabRecord, view: PageView, documentId: string): void {
    if (rec.documents.size >= LIMITS.documentIds || documentId.length > LIMITS.idChars) return;
    rec.documents.add(documentId);
    (view.documentIds ??= []).push(documentId);
  }

  private subresource(ev: CaptureEvent, mayQueue: boolean): Change | null {
    if (ev.kind !== 'subresource' && ev.kind !== 'subresource-error' && ev.kind !== 'document-scan') return null;
    const canWait = mayQueue && (ev.origin.documentId !== undefined || ev.origin.parentDocumentId !== undefined);
    const rec = this.tabs.get(ev.tabId) ?? (canWait ? this.record(ev.tabId) : undefined);
    if (!rec) return null;
    const t = this.target(rec, ev.origin);
    if (t === 'orphan') {
      if (mayQueue && rec.orphans.length < MAX_ORPHANS) rec.orphans.push(ev);
      return null;
    }
    if (!t) return null;
    const visible = t === rec.current;

    if (ev.kind === 'document-scan') {
      t.scan = ev.scan;
      return visible ? { tabId: ev.tabId, committed: false, verdictMayChange: true } : null;
    }
    const parts = urlParts(ev.url);
    if (parts && !parts.host) return null; // data:, blob: and the like reach no host
    if (!parts || !isHostName(parts.host)) {
      // No name the DNS can have (or no URL we can split): counted, never kept. A page controls the
      // names it contacts, so an unbounded one would bloat the record and slow every event.
      if (ev.kind === 'subresource' || !IGNORED_ERRORS.has(ev.error)) {
        t.requests++;
        t.omittedRequests++;
      }
      return { tabId: ev.tabId, committed: false, verdictMayChange: false };
    }
    let mayChange: boolean;
    if (ev.kind === 'subresource') {
      t.requests++;
      mayChange = this.countHost(t, parts.host, parts.scheme, ev.ip, !!ev.proxied);
    } else {
      if (IGNORED_ERRORS.has(ev.error)) return null;
      const h = t.hosts[parts.host];
      if (h) {
        h.errors++;
        h.lastError = clip(ev.error, LIMITS.errorChars);
        mayChange = false;
      } else {
        // A failed request still tells us the page tried to reach this host; it carried nothing.
        t.requests++;
        this.countHost(t, parts.host, parts.scheme, undefined, false, undefined, false);
        const added = t.hosts[parts.host];
        if (added) {
          added.errors = 1;
          added.lastError = clip(ev.error, LIMITS.errorChars);
        }
        mayChange = false;
      }
    }
    if (!visible) return { tabId: ev.tabId, committed: false, verdictMayChange: false };
    return mayChange ? { tabId: ev.tabId, committed: false, verdictMayChange: true, moreInsecure: true } : { tabId: ev.tabId, committed: false, verdictMayChange: false };
  }

  /** Firefox per-host TLS, kept on the host's record (made here when the answer comes before the response). */
  private hostSecurity(ev: Extract<CaptureEvent, { kind: 'host-security' }>): Change | null {
    const rec = this.tabs.get(ev.tabId);
    const t = rec && this.target(rec, ev.origin);
    const parts = urlParts(ev.url);
    if (!rec || !t || t === 'orphan' || !parts?.host) return null;
    this.countHost(t, parts.host, parts.scheme, undefined, false, undefined, false);
    const h = t.hosts[parts.host];
    if (!h || h.tls) return null;
    h.tls = ev.tls;
    return t === rec.current ? { tabId: ev.tabId, committed: false, verdictMayChange: false } : null;
  }

  /** Count one request to a host; true when the page gained a host over plain http (mixed-content signal). */
  private countHost(view: PageView, host: string, rawScheme: string, ip: string | undefined, proxied: boolean, knownSite?: string, succeeded = true): boolean {
    const scheme = schemeOf(rawScheme);
    let h: HostContact | undefined = view.hosts[host];
    let firstInsecure = false;
    if (!h) {
      if (view.hostCount === undefined) view.hostCount = Object.keys(view.hosts).length;
      if (view.hostCount >= LIMITS.hosts) {
        view.omittedRequests++;
        return false;
      }
      const pageHost = urlParts(view.url)?.host ?? '';
      const pageSite = view.site ?? (view.site = siteOf(pageHost));
      const site = knownSite ?? siteOf(host);
      h = { host, site, party: site === pageSite ? 'first' : 'third', requests: 0, schemes: {}, ips: [], errors: 0 };
      view.hosts[host] = h;
      view.hostCount++;
    }
    if (!succeeded) return false;
    h.requests++;
    const before = h.schemes[scheme] ?? 0;
    h.schemes[scheme] = before + 1;
    if (before === 0 && (scheme === 'http' || scheme === 'ws')) firstInsecure = true;
    if (ip && h.ips.length < LIMITS.ipsPerHost && ip.length <= LIMITS.idChars && !h.ips.includes(ip)) h.ips.push(ip);
    if (proxied) h.proxied = true;
    return firstInsecure;
  }

  private tabUrl(ev: Extract<CaptureEvent, { kind: 'tab-url' }>): Change | null {
    const rec = this.record(ev.tabId);
    const url = clip(ev.url, LIMITS.urlChars);
    const key = withoutFragment(url);
    const pre = rec.prerendered.findIndex((v) => withoutFragment(v.url) === key);
    if (pre >= 0) {
      const [view] = rec.prerendered.splice(pre, 1);
      this.replaceCurrent(rec, view!);
      return { tabId: ev.tabId, committed: true, verdictMayChange: true };
    }
    const cur = rec.current;
    if (!cur) {
      const view = this.newView(ev.tabId, url, ev.time);
      view.observed = 'tab';
      if (ev.incognito) view.incognito = true;
      rec.current = view;
      return { tabId: ev.tabId, committed: true, verdictMayChange: true };
    }
    if (withoutFragment(cur.url) !== key && sameOrigin(cur.url, url)) {
      // history.pushState in a single-page app: same document, same connection, new address.
      cur.url = url;
      return { tabId: ev.tabId, committed: false, verdictMayChange: false };
    }
    // Firefox resets a tab's badge when its location changes, and on a new tab that reset can land after
    // the badge painted at the commit; this tab update comes after the reset.
    if (withoutFragment(cur.url) === key) return { tabId: ev.tabId, committed: false, verdictMayChange: true, repaint: true };
    return null;
  }
}
