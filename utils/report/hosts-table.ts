import { classifyAddress, type Address } from '../addresses';
import type { Capabilities } from '../capabilities';
import { hostTlsOf } from '../host-tls';
import type { HostContact, HostTls, PageView } from '../page-view';
import { urlParts } from '../url-parts';
import type { ConnectionFacts } from './facts';
import { addressLabel } from './facts';
import { count } from './count';

// Every host of the page as a table: who was contacted, over what, at which address, and (Firefox)
// which root vouched for each. Hosts whose every request failed are listed apart: they saw nothing
// of the user. Where a proxy or Tor is in the way, the address the browser gives is the proxy's and
// is labelled so: a server address is never made up.

/** Rows shown; the rest are counted (a page can contact hundreds of hosts). */
export const HOST_ROWS = 60;
/** Hosts named in the partial-interception finding. */
const NAMED = 10;
const DAY = 86_400_000;

export type WebScheme = 'http' | 'https' | 'ws' | 'wss';
const SCHEMES: readonly WebScheme[] = ['https', 'http', 'wss', 'ws'];

export interface HostRowTls {
  protocol?: string;
  root: HostTls['root'];
  rootName?: string;
  issuer?: string;
  /** Whole days until the host's certificate ends (negative: it has ended). */
  daysLeft?: number;
}

export interface HostTableRow {
  host: string;
  party: 'first' | 'third';
  requests: number;
  schemes: WebScheme[];
  addresses: Address[];
  /** `label_<...>`: whose address this is (the proxy's when the request went through one). */
  addressKey: string;
  /** Firefox only: absent where the browser gave nothing for this host (e.g. plain http). */
  tls?: HostRowTls;
}

/** Why every request to a host failed, as far as the error name tells. */
export type FailReason = 'blocked' | 'dns' | 'refused' | 'certificate' | 'other';

export interface FailedHostRow {
  host: string;
  party: 'first' | 'third';
  errors: number;
  reason: FailReason;
  /** The browser's error name, clipped. */
  error?: string;
}

/** Some hosts' chains end in an added root and others in built-in roots: only part of the page is intercepted. */
export interface PartialInterception {
  /** Hosts whose chain ends in an added root (the first few). */
  hosts: string[];
  more: number;
  roots: string[];
  /** Hosts whose chain ends in a built-in root. */
  builtIn: number;
}

export interface HostTable {
  /** `listed`, or why there is nothing to list. */
  state: 'listed' | 'none' | 'not-observed';
  rows: HostTableRow[];
  more: number;
  /** Requests to hosts beyond the recorder's bound, counted but not kept. */
  omittedRequests: number;
  failed: FailedHostRow[];
  failedMore: number;
  /** `label_<...>`: whose addresses the rows show, unless a row says otherwise. */
  addressKey: string;
  /** Per-host TLS: given per row (Firefox), turned off in the options (Firefox), or said once to be unavailable in this browser. */
  tls: 'per-host' | 'off' | 'unavailable';
  interception?: PartialInterception;
}

export function failReason(error: string | undefined): FailReason {
  const e = error ?? '';
  if (/BLOCKED_BY_(CLIENT|ADMINISTRATOR)|NS_ERROR_(ABORT|CONTENT_BLOCKED)|ERR_BLOCKED/i.test(e)) return 'blocked';
  if (/NAME_NOT_RESOLVED|UNKNOWN_HOST|NAME_RESOLUTION/i.test(e)) return 'dns';
  if (/CONNECTION_REFUSED/i.test(e)) return 'refused';
  if (/CERT|SEC_ERROR|SSL_ERROR|MOZILLA_PKIX/i.test(e)) return 'certificate';
  return 'other';
}

function rowTls(t: HostTls | undefined, now: number): HostRowTls | undefined {
  if (!t || typeof t !== 'object' || !['built-in', 'added', 'unknown'].includes(t.root)) return undefined;
  const out: HostRowTls = { root: t.root };
  if (typeof t.protocol === 'string') out.protocol = t.protocol;
  if (typeof t.rootName === 'string') out.rootName = t.rootName;
  if (typeof t.issuer === 'string') out.issuer = t.issuer;
  if (typeof t.notAfter === 'number' && Number.isFinite(t.notAfter)) out.daysLeft = Math.floor((t.notAfter - now) / DAY);
  return out;
}

function byPartyThenRequests(a: { party: string; host: string }, b: { party: string; host: string }, ra: number, rb: number): number {
  if (a.party !== b.party) return a.party === 'first' ? -1 : 1;
  return rb - ra || (a.host < b.host ? -1 : a.host > b.host ? 1 : 0);
}

function partial(rows: { host: string; tls?: HostRowTls }[]): PartialInterception | undefined {
  const added = rows.filter((r) => r.tls?.root === 'added');
  const builtIn = rows.filter((r) => r.tls?.root === 'built-in').length;
  if (!added.length || !builtIn) return undefined;
  const roots = [...new Set(added.map((r) => r.tls!.rootName).filter((n): n is string => !!n))].slice(0, 3);
  return { hosts: added.slice(0, NAMED).map((r) => r.host), more: Math.max(0, added.length - NAMED), roots, builtIn };
}

/** `hostTls`: the user's setting (false: Firefox asks only about the main document; the page's own host keeps its TLS). */
export function hostsTable(view: PageView, f: ConnectionFacts, caps: Capabilities, now: number, hostTls?: boolean): HostTable {
  const perHost = caps.browser === 'firefox' && caps.securityInfo === 'firefox';
  const pageHost = urlParts(view.url)?.host;
  // The main document's TLS stands for its host where no subresource of that host was asked about.
  const mainTls = perHost && view.main?.security?.source === 'firefox' ? hostTlsOf(view.main.security) : undefined;
  const label = addressLabel(f);
  const party = (h: HostContact): 'first' | 'third' => (h.party === 'first' ? 'first' : 'third');

  const all: HostTableRow[] = f.contacted.map((h) => {
    const schemes = SCHEMES.filter((s) => count(h.schemes?.[s]) > 0);
    const ips = Array.isArray(h.ips) ? h.ips.filter((ip): ip is string => typeof ip === 'string') : [];
    const row: HostTableRow = {
      host: h.host,
      party: party(h),
      requests: count(h.requests),
      schemes,
      addresses: ips.map(classifyAddress),
      addressKey: h.proxied ? 'label_proxyIp' : label,
    };
    const tls = perHost ? rowTls(h.tls ?? (h.host === pageHost ? mainTls : undefined), now) : undefined;
    if (tls) row.tls = tls;
    return row;
  });
  all.sort((a, b) => byPartyThenRequests(a, b, a.requests, b.requests));

  const failedAll: FailedHostRow[] = f.failed
    .map((h) => {
      const error = typeof h.lastError === 'string' ? h.lastError.slice(0, 120) : undefined;
      return { host: h.host, party: party(h), errors: count(h.errors), reason: failReason(error), ...(error ? { error } : {}) };
    })
    .sort((a, b) => byPartyThenRequests(a, b, a.errors, b.errors));

  const listed = all.length + failedAll.length > 0;
  const table: HostTable = {
    state: listed ? 'listed' : view.observed === 'network' ? 'none' : 'not-observed',
    rows: all.slice(0, HOST_ROWS),
    more: Math.max(0, all.length - HOST_ROWS),
    omittedRequests: count(view.omittedRequests),
    failed: failedAll.slice(0, HOST_ROWS),
    failedMore: Math.max(0, failedAll.length - HOST_ROWS),
    addressKey: label,
    tls: !perHost ? 'unavailable' : hostTls === false ? 'off' : 'per-host',
  };
  // The page's own host counts even when the page made no request to it beyond the document.
  const tlsRows = pageHost && mainTls && !all.some((r) => r.host === pageHost) ? [...all, { host: pageHost, tls: rowTls(mainTls, now) }] : all;
  const interception = perHost ? partial(tlsRows) : undefined;
  if (interception) table.interception = interception;
  return table;
}
