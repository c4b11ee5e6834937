import { LIMITS, clip } from '../page-view';
import type { CaptureEvent } from './events';
import { isPrerender, requestOrigin, type RequestDetailsLike } from './request-origin';
import { guarded } from './guard';
import { pickHeaders, type HeaderLike } from './response-headers';

// webRequest -> capture events. Every event a listener subscribes to costs the browser a message per
// matching request, so: one all-types listener (onResponseStarted: host, scheme, IP), errors (rare),
// and main-frame-only listeners for redirects and headers.

type Emit = (ev: CaptureEvent) => void;

interface ResponseDetails extends RequestDetailsLike {
  requestId: string;
  ip?: string;
  statusCode?: number;
  fromCache?: boolean;
  proxyInfo?: { host?: string; port?: number; type?: string; proxyDNS?: boolean } | null;
}
interface RedirectDetails extends ResponseDetails {
  redirectUrl: string;
}
interface ErrorDetails extends RequestDetailsLike {
  requestId: string;
  error: string;
}
interface HeadersDetails extends ResponseDetails {
  responseHeaders?: HeaderLike[];
}

const proxyPort = (p: unknown) => (typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= 65535 ? p : 0);
const now = (d: { timeStamp?: number }) => (typeof d.timeStamp === 'number' ? d.timeStamp : Date.now());
const isMain = (d: RequestDetailsLike) => d.type === 'main_frame';

export function onResponseStarted(d: ResponseDetails): CaptureEvent {
  if (isMain(d)) {
    return { kind: 'main-response', tabId: d.tabId, time: now(d), requestId: d.requestId, url: d.url, ip: d.ip || undefined, status: d.statusCode, fromCache: d.fromCache, prerender: isPrerender(d) };
  }
  return {
    kind: 'subresource',
    tabId: d.tabId,
    time: now(d),
    url: d.url,
    ip: d.ip || undefined,
    status: d.statusCode,
    fromCache: d.fromCache,
    proxied: !!d.proxyInfo && d.proxyInfo.type !== 'direct',
    origin: requestOrigin(d),
  };
}

export function onBeforeRedirect(d: RedirectDetails): CaptureEvent {
  return { kind: 'main-redirect', tabId: d.tabId, time: now(d), requestId: d.requestId, url: d.url, redirectUrl: d.redirectUrl, status: d.statusCode, ip: d.ip || undefined, prerender: isPrerender(d) };
}

export function onErrorOccurred(d: ErrorDetails): CaptureEvent {
  if (isMain(d)) return { kind: 'main-error', tabId: d.tabId, time: now(d), requestId: d.requestId, url: d.url, error: String(d.error), prerender: isPrerender(d) };
  return { kind: 'subresource-error', tabId: d.tabId, time: now(d), url: d.url, error: String(d.error), origin: requestOrigin(d) };
}

export function onHeadersReceived(d: HeadersDetails): Extract<CaptureEvent, { kind: 'main-headers' }> {
  const picked = pickHeaders(d.responseHeaders);
  const p = d.proxyInfo;
  return {
    kind: 'main-headers',
    tabId: d.tabId,
    time: now(d),
    requestId: d.requestId,
    url: d.url,
    status: d.statusCode,
    headers: picked.headers,
    cookies: picked.cookies,
    cookiesOmitted: picked.cookiesOmitted || undefined,
    truncatedHeaders: picked.truncated.length ? picked.truncated : undefined,
    proxy: p && p.type && p.type !== 'direct' ? { type: clip(p.type, 64), host: clip(p.host ?? '', LIMITS.hostChars), port: proxyPort(p.port), proxyDns: !!p.proxyDNS } : undefined,
    prerender: isPrerender(d),
  };
}

/** The smallest webRequest surface that yields the page-view facts. */
export interface WebRequestApi {
  onResponseStarted: { addListener(cb: (d: never) => void, filter: object, extra?: string[]): void };
  onBeforeRedirect: { addListener(cb: (d: never) => void, filter: object, extra?: string[]): void };
  onErrorOccurred: { addListener(cb: (d: never) => void, filter: object): void };
  onHeadersReceived: { addListener(cb: (d: never) => void, filter: object, extra?: string[]): void };
}

const ALL = { urls: ['<all_urls>'] };
const MAIN = { urls: ['<all_urls>'], types: ['main_frame'] };

/**
 * Registers the shared listeners. `headers` is left to the caller because each browser wants its own
 * onHeadersReceived (Chrome: extraHeaders for Set-Cookie; Firefox: blocking, for getSecurityInfo).
 */
export function listenToWebRequest(api: WebRequestApi, emit: Emit): void {
  api.onResponseStarted.addListener(guarded((d: ResponseDetails) => emit(onResponseStarted(d))) as (d: never) => void, ALL);
  api.onBeforeRedirect.addListener(guarded((d: RedirectDetails) => emit(onBeforeRedirect(d))) as (d: never) => void, MAIN);
  api.onErrorOccurred.addListener(guarded((d: ErrorDetails) => emit(onErrorOccurred(d))) as (d: never) => void, ALL);
}

export function listenToMainHeaders(api: WebRequestApi, emit: Emit, extra: string[]): void {
  api.onHeadersReceived.addListener(guarded((d: HeadersDetails) => emit(onHeadersReceived(d))) as (d: never) => void, MAIN, extra);
}
