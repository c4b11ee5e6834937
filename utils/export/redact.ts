import { inert } from '../format';
import type { PageView } from '../page-view';
import type { Posture } from '../assess/posture';
import { originAndPath } from '../report/display';

// What a shared report leaves out. By default: query strings and fragments everywhere (they carry
// OAuth codes and session tokens), and cookie names (they name the site's session machinery); IP
// addresses stay, they are much of the report's point, unless the user asks to omit them. The export
// reads only this tab's view and posture, so nothing of another tab can reach it.

export interface Redaction {
  /** The user ticked "include cookie names". */
  cookieNames: boolean;
  /** False when the user ticked "omit IP addresses". */
  addresses: boolean;
}

export const DEFAULT_REDACTION: Redaction = { cookieNames: false, addresses: true };

/**
 * A web URL, up to its query or fragment; the rest (to the next space or quote) is cut. Only the
 * schemes pages and servers use: the catalogue's own chrome://flags/#... links keep their fragment.
 */
const URL_TAIL = /((?:https?|wss?|ftp|file):\/\/[^\s?#"'<>`]*)[?#][^\s"'<>`]*/gi;
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/g;

export interface Redactor {
  readonly options: Redaction;
  /** Text already made inert (a whole export): query strings cut, omitted addresses replaced. */
  scrub(s: string, omitted: string): string;
  /** A page-controlled string made safe to share: inert, no query strings, addresses as `omitted`. */
  value(raw: unknown, omitted: string): string;
  /** A URL as origin and path. */
  url(raw: unknown): string;
  /** The cookie names of a header test are shared only when the user asked for them. */
  keepFact(name: string): boolean;
}

/** Every address this tab's facts hold: the server's, each host's, the hops', the proxy's, an IP-literal site. */
export function knownAddresses(view: PageView, posture: Posture): string[] {
  const out = new Set<string>();
  const add = (x: unknown) => {
    if (typeof x === 'string' && x.length >= 2 && x.length <= 64 && /^[\[]?[0-9a-f:.]+[\]]?$/i.test(x) && /[.:]/.test(x)) out.add(x.replace(/^\[|\]$/g, ''));
  };
  const v = (view && typeof view === 'object' ? view : {}) as PageView;
  add(v.main?.ip);
  add(v.main?.proxy?.host);
  for (const h of Array.isArray(v.hops) ? v.hops : []) add(h?.ip);
  for (const h of v.hosts && typeof v.hosts === 'object' ? Object.values(v.hosts) : []) for (const ip of Array.isArray(h?.ips) ? h.ips : []) add(ip);
  add(posture.serverIp);
  if (posture.host.kind === 'ipv4' || posture.host.kind === 'ipv6') add(posture.host.ascii);
  for (const f of posture.findings) if (f.id === 'proxy' || f.id === 'tor-proxy') add(f.host);
  // Longest first, so that 10.0.0.1 never cuts 10.0.0.10 in two.
  return [...out].sort((a, b) => b.length - a.length);
}

export function redactor(view: PageView, posture: Posture, options: Redaction = DEFAULT_REDACTION): Redactor {
  const addresses = options.addresses ? [] : knownAddresses(view, posture);
  const scrub = (s: string, omitted: string) => {
    let out = s.replace(URL_TAIL, '$1');
    if (!options.addresses) {
      for (const a of addresses) out = out.split(a).join(omitted);
      out = out.replace(IPV4, omitted);
    }
    return out;
  };
  return {
    options,
    scrub,
    value: (raw, omitted) => scrub(inert(raw), omitted),
    url: (raw) => originAndPath(inert(raw)),
    keepFact: (name) => name !== 'names' || options.cookieNames,
  };
}

/** The last guard over a whole export: whatever a renderer let through, no query string and no address the user omitted. */
export function scrubOutput(out: string, view: PageView, posture: Posture, options: Redaction, omitted: string): string {
  return redactor(view, posture, options).scrub(out, omitted);
}
