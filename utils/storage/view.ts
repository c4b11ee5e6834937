import {
  LIMITS,
  SECURITY_HEADERS,
  hostTable,
  isHostName,
  type HostContact,
  type HostTls,
  type PageView,
  type RefKind,
  type Scheme,
  type SecurityState,
} from '../page-view';
import { isBool, isCount, isList, isNum, isObj, isStr, oneOf, opt, optStr, type Obj } from './guards';

// The one validator of a stored page view (`tab:<id>`), used by the background when it restores a
// tab after a worker restart and by the popup for every view it reads. It accepts exactly what the
// recorder can write (within LIMITS) and rebuilds `hosts` as a null-prototype table, so a restored
// view behaves like a recorded one.

const SCHEMA = 1;
const TEXT = 4096;
const SCHEMES: readonly Scheme[] = ['http', 'https', 'ws', 'wss', 'other'];
const REF_KINDS: readonly RefKind[] = ['script', 'stylesheet', 'iframe', 'image', 'media', 'object', 'form', 'other'];
const STATES: readonly SecurityState[] = ['secure', 'weak', 'broken', 'insecure', 'unknown'];
const HEADER_NAMES = new Set<string>(SECURITY_HEADERS);
const MAX_CERTIFICATES = 16;
const MAX_NAMES = 128;
const TLS_ROOTS: readonly HostTls['root'][] = ['built-in', 'added', 'unknown'];

const isUrl = (v: unknown) => isStr(v, LIMITS.urlChars);
const isId = (v: unknown) => isStr(v, LIMITS.idChars);
const isShortList = (v: unknown) => isList<string>(v, MAX_NAMES, (s) => isStr(s, 256));

function isHop(v: unknown): boolean {
  return isObj(v) && isUrl(v.url) && opt(v.status, isCount) && opt(v.ip, isId);
}

function isCookie(v: unknown): boolean {
  return (
    isObj(v) &&
    isStr(v.name, 64) &&
    isBool(v.secure) &&
    isBool(v.httpOnly) &&
    isBool(v.persistent) &&
    optStr(v.sameSite, 16) &&
    (v.prefix === undefined || v.prefix === 'host' || v.prefix === 'secure') &&
    optStr(v.domain, 253)
  );
}

function isCertificate(v: unknown): boolean {
  if (!isObj(v)) return false;
  for (const [k, x] of Object.entries(v)) {
    const ok =
      k === 'subjectAltNames' ? isShortList(x) : k === 'isBuiltInRoot' ? isBool(x) : typeof x === 'number' ? Number.isFinite(x) : isStr(x, TEXT);
    if (!ok) return false;
  }
  return true;
}

function isSecurity(v: unknown): boolean {
  if (!isObj(v) || (v.source !== 'firefox' && v.source !== 'chrome') || !oneOf(STATES)(v.state)) return false;
  if (!isList(v.certificates, MAX_CERTIFICATES, isCertificate)) return false;
  for (const [k, x] of Object.entries(v)) {
    if (k === 'source' || k === 'state' || k === 'certificates') continue;
    const ok = k === 'weaknessReasons' || k === 'problems' ? isShortList(x) : typeof x === 'boolean' || isNum(x) || isStr(x, 256);
    if (!ok) return false;
  }
  return true;
}

function isHeaders(v: unknown): boolean {
  if (!isObj(v)) return false;
  for (const [name, values] of Object.entries(v)) {
    const max = name === 'content-security-policy' || name === 'content-security-policy-report-only' ? LIMITS.cspChars : LIMITS.headerValueChars;
    if (!HEADER_NAMES.has(name) || !isList(values, LIMITS.headerValues, (s) => isStr(s, max))) return false;
  }
  return true;
}

function isMain(v: unknown): boolean {
  if (!isObj(v)) return false;
  const p = v.proxy;
  return (
    opt(v.status, isCount) &&
    opt(v.ip, isId) &&
    opt(v.fromCache, isBool) &&
    optStr(v.error, LIMITS.errorChars) &&
    (v.headers === undefined || isHeaders(v.headers)) &&
    (v.cookies === undefined || isList(v.cookies, LIMITS.cookies, isCookie)) &&
    opt(v.cookiesOmitted, isCount) &&
    (v.security === undefined || isSecurity(v.security)) &&
    (p === undefined || (isObj(p) && isStr(p.type, 64) && isStr(p.host, LIMITS.hostChars) && isCount(p.port) && isBool(p.proxyDns))) &&
    optStr(v.proceededPastError, LIMITS.errorChars) &&
    (v.truncatedHeaders === undefined || isList(v.truncatedHeaders, SECURITY_HEADERS.length, (n) => typeof n === 'string' && HEADER_NAMES.has(n)))
  );
}

/** Firefox's per-host TLS (utils/host-tls.ts): the host table renders it, so it is checked like the rest. */
function isHostTls(v: unknown): boolean {
  return (
    isObj(v) &&
    oneOf(TLS_ROOTS)(v.root) &&
    optStr(v.protocol, 256) &&
    optStr(v.rootName, 256) &&
    optStr(v.rootSha256, 256) &&
    optStr(v.issuer, 256) &&
    opt(v.notAfter, isNum)
  );
}

function isContact(key: string, v: unknown): v is HostContact {
  if (!isObj(v) || v.host !== key || !isStr(v.site, LIMITS.hostChars) || (v.party !== 'first' && v.party !== 'third')) return false;
  if (!isCount(v.requests) || !isCount(v.errors) || !isList(v.ips, LIMITS.ipsPerHost, isId)) return false;
  if (!optStr(v.lastError, LIMITS.errorChars) || !opt(v.proxied, isBool) || !isObj(v.schemes)) return false;
  if (v.tls !== undefined && !isHostTls(v.tls)) return false;
  for (const [s, n] of Object.entries(v.schemes)) if (!oneOf(SCHEMES)(s) || !isCount(n)) return false;
  return true;
}

/** The stored table as a null-prototype one, or undefined if any entry is off. */
function hostsFrom(v: unknown): Record<string, HostContact> | undefined {
  if (!isObj(v)) return undefined;
  const keys = Object.keys(v);
  if (keys.length > LIMITS.hosts) return undefined;
  const table = hostTable();
  for (const key of keys) {
    const contact = v[key];
    if (!isHostName(key) || !isContact(key, contact)) return undefined;
    table[key] = contact;
  }
  return table;
}

function isScan(v: unknown): boolean {
  if (!isObj(v) || !isObj(v.insecure)) return false;
  for (const [k, n] of Object.entries(v.insecure)) if (!oneOf(REF_KINDS)(k) || !isCount(n)) return false;
  return (
    isList(v.samples, LIMITS.scanRefs, (s) => isObj(s) && oneOf(REF_KINDS)(s.kind) && isUrl(s.url)) &&
    isCount(v.insecureForms) &&
    isCount(v.passwordFieldsOnHttp) &&
    isNum(v.scannedAt) &&
    opt(v.truncated, isBool)
  );
}

function isNotKept(v: unknown): boolean {
  if (!isObj(v)) return false;
  for (const [k, x] of Object.entries(v)) if (!(k === 'minimal' ? isBool(x) : isCount(x))) return false;
  return true;
}

/**
 * The stored value as a page view of tab `tabId`, or undefined when any part of it is off (the caller
 * then drops it and the view is rebuilt from the tab's next events). Never throws.
 */
export function validatePageView(v: unknown, tabId: number): PageView | undefined {
  if (!isObj(v)) return undefined;
  const o: Obj = v;
  if (o.schema !== SCHEMA || o.tabId !== tabId || !isId(o.id) || !isUrl(o.url)) return undefined;
  if (o.observed !== 'network' && o.observed !== 'commit' && o.observed !== 'tab') return undefined;
  if (!isNum(o.startedAt) || !opt(o.committedAt, isNum)) return undefined;
  if (!isList(o.hops, LIMITS.hops, isHop) || (o.hops as unknown[]).length === 0 || !isMain(o.main)) return undefined;
  if (!isCount(o.omittedRequests) || !isCount(o.requests) || !opt(o.hostCount, isCount) || !opt(o.droppedEvents, isCount)) return undefined;
  if ((o.scan !== undefined && !isScan(o.scan)) || !opt(o.incognito, isBool) || !optStr(o.mainRequestId, LIMITS.idChars)) return undefined;
  if (!optStr(o.site, LIMITS.hostChars) || (o.documentIds !== undefined && !isList(o.documentIds, LIMITS.documentIds, isId))) return undefined;
  if (o.notKept !== undefined && !isNotKept(o.notKept)) return undefined;
  const hosts = hostsFrom(o.hosts);
  if (!hosts) return undefined;
  const view = { ...(o as unknown as PageView), hosts };
  // The recorder checks its bound against this count: it must be the table's own.
  if (view.hostCount !== undefined) view.hostCount = Object.keys(hosts).length;
  return view;
}
