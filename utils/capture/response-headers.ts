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
}

export function pickHeaders(raw: HeaderLike[] | undefined): PickedHeaders {
  const headers: SecurityHeaders = {};
  const cookies: CookieFacts[] = [];
  let cookiesOmitted = 0;
  if (!Array.isArray(raw)) return { headers, cookies, cookiesOmitted };
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
      const list = (headers[name as SecurityHeaderName] ??= []);
      if (list.length < LIMITS.headerValues) list.push(clip(value, LIMITS.headerValueChars));
    }
  }
  return { headers, cookies, cookiesOmitted };
}
