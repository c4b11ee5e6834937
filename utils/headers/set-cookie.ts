import { cleanText } from '../clean-text';
import type { CookieFacts } from '../page-view';

// A Set-Cookie header reduced to the attributes that matter for security (RFC 6265bis §5.6). The
// value is dropped here, at capture, and never stored. Total: any input gives facts, never a throw.

const MAX_HEADER_CHARS = 4096;
const MAX_ATTRIBUTES = 32;

export function cookieFacts(header: unknown): CookieFacts {
  const raw = typeof header === 'string' ? header.slice(0, MAX_HEADER_CHARS) : '';
  const parts = raw.split(';');
  const pair = parts[0] ?? '';
  // §5.6 step 3: without "=", the whole pair is the value and the name is empty.
  const eq = pair.indexOf('=');
  const name = cleanText((eq >= 0 ? pair.slice(0, eq) : '').trim(), 64);
  const facts: CookieFacts = { name, secure: false, httpOnly: false, persistent: false };
  const attrs = parts.slice(1, 1 + MAX_ATTRIBUTES);
  const hasMaxAge = attrs.some((a) => /^\s*max-age\s*=\s*-?\d+\s*$/i.test(a));
  for (const attr of attrs) {
    const i = attr.indexOf('=');
    const key = (i >= 0 ? attr.slice(0, i) : attr).trim().toLowerCase();
    const val = i >= 0 ? attr.slice(i + 1).trim() : '';
    if (key === 'secure') facts.secure = true;
    else if (key === 'httponly') facts.httpOnly = true;
    // Kept as sent (lower case) so that a value the browser does not know can be reported as such.
    else if (key === 'samesite') facts.sameSite = cleanText(val.toLowerCase(), 16);
    else if (key === 'domain' && val) facts.domain = cleanText(val.replace(/^\./, '').toLowerCase(), 253);
    // Max-Age wins over Expires (§5.6.2); Max-Age <= 0 deletes the cookie rather than keeping it.
    else if (key === 'max-age' && /^-?\d+$/.test(val)) facts.persistent = Number(val) > 0;
    else if (key === 'expires' && val && !hasMaxAge) facts.persistent = true;
  }
  if (name.startsWith('__Host-')) facts.prefix = 'host';
  else if (name.startsWith('__Secure-')) facts.prefix = 'secure';
  return facts;
}
