import { LIMITS, SECURITY_HEADERS, clip, type CookieFacts, type SecurityHeaderName, type SecurityHeaders } from '../page-view';
import { cookieFacts } from '../headers/set-cookie';

// Keep the security-relevant response headers of the main document, bounded; reduce Set-Cookie to its
// attributes at once, so that no cookie value is ever stored.

export interface HeaderLike {
  name: string;
  value?: string;
}

const WANTED = new Set<string>(SECURITY_HEADERS);

export interface PickedHeaders {
  headers: SecurityHeaders;
  cookies: CookieFacts[];
  cookiesOmitted: number;
  /** Headers cut at their bound (a value too long, or more values than kept): not judged as complete. */
  truncated: SecurityHeaderName[];
}

const CSP = new Set<string>(['content-security-policy', 'content-security-policy-report-only']);

export function pickHeaders(raw: HeaderLike[] | undefined): PickedHeaders {
  const headers: SecurityHeaders = {};
  const cookies: CookieFacts[] = [];
  const truncated = new Set<SecurityHeaderName>();
  let cookiesOmitted = 0;
  if (!Array.isArray(raw)) return { headers, cookies, cookiesOmitted, truncated: [] };
  for (const h of raw) {
    if (!h || typeof h.name !== 'string') continue;
    const name = h.name.toLowerCase();
    const value = typeof h.value === 'string' ? h.value : '';
    if (name === 'set-cookie') {
      // Firefox joins several Set-Cookie headers with newlines into one value.
      for (const line of value.split('\n')) {
        if (!line.trim()) continue;
        if (cookies.length >= LIMITS.cookies) cookiesOmitted++;
        else cookies.push(cookieFacts(line));
      }
    } else if (WANTED.has(name)) {
      // One bound for all values of a header together, so that eight repeats cost no more than one.
      const key = name as SecurityHeaderName;
      const list = (headers[key] ??= []);
      const room = (CSP.has(name) ? LIMITS.cspChars : LIMITS.headerValueChars) - list.reduce((n, v) => n + v.length, 0);
      if (list.length >= LIMITS.headerValues || value.length > room) truncated.add(key);
      if (list.length < LIMITS.headerValues && room > 0) list.push(clip(value, room));
    }
  }
  return { headers, cookies, cookiesOmitted, truncated: [...truncated] };
}
