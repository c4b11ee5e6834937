import type { Scheme } from './page-view';

// The recorder sees every request of every tab, so it splits URLs by hand instead of building a URL
// object per request. Browsers hand extensions canonical URLs (lower-case scheme and host, punycode),
// so a split is exact for them; anything else is lower-cased and, if it is not a URL, rejected.

export interface UrlParts {
  scheme: string;
  /** Lower case, IPv6 without brackets, no port, no userinfo. Empty for file:, about: and the like. */
  host: string;
  /** scheme://host[:port], or the scheme alone for URLs without an authority. */
  origin: string;
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const MAX_AUTHORITY = 2048;

export function urlParts(url: unknown): UrlParts | null {
  if (typeof url !== 'string' || url.length === 0) return null;
  const m = SCHEME.exec(url);
  if (!m) return null;
  const scheme = m[1]!.toLowerCase();
  const rest = url.slice(m[0].length);
  if (!rest.startsWith('//')) return { scheme, host: '', origin: scheme + ':' };
  // An authority longer than any real one (userinfo, a 253-character name, a port) is not split: the
  // host of such a URL is refused anyway, and scanning megabytes per request would stall the worker.
  const limit = Math.min(rest.length, 2 + MAX_AUTHORITY);
  let end = -1;
  for (let i = 2; i < limit; i++) {
    const c = rest.charCodeAt(i);
    if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */ || c === 92 /* \ */) {
      end = i;
      break;
    }
  }
  if (end < 0) {
    if (rest.length > limit) return null;
    end = rest.length;
  }
  let authority = rest.slice(2, end);
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  let host: string;
  let port = '';
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) return null;
    host = authority.slice(1, close);
    port = authority.slice(close + 1);
  } else {
    const colon = authority.lastIndexOf(':');
    host = colon >= 0 ? authority.slice(0, colon) : authority;
    port = colon >= 0 ? authority.slice(colon) : '';
  }
  host = host.toLowerCase();
  if (port && !/^:\d*$/.test(port)) return null;
  const hostPart = authority.startsWith('[') ? `[${host}]` : host;
  return { scheme, host, origin: `${scheme}://${hostPart}${port === ':' ? '' : port}` };
}

export function schemeOf(scheme: string): Scheme {
  return scheme === 'https' || scheme === 'http' || scheme === 'ws' || scheme === 'wss' ? scheme : 'other';
}

/** The URL without its fragment: navigations to the same document differ only there. */
export function withoutFragment(url: string): string {
  const i = url.indexOf('#');
  return i < 0 ? url : url.slice(0, i);
}

export function sameOrigin(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const pa = urlParts(a);
  const pb = urlParts(b);
  return !!pa && !!pb && pa.origin === pb.origin;
}
