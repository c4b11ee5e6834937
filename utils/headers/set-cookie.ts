import { clip, type CookieFacts } from '../page-view';

// A Set-Cookie header reduced to the attributes that matter for security (RFC 6265bis §4.1). The
// value is dropped here, at capture, and never stored.

export function cookieFacts(header: string): CookieFacts {
  const parts = String(header ?? '').split(';');
  const pair = parts[0] ?? '';
  const eq = pair.indexOf('=');
  const name = clip((eq >= 0 ? pair.slice(0, eq) : '').trim(), 64);
  const facts: CookieFacts = { name, secure: false, httpOnly: false, persistent: false };
  for (const attr of parts.slice(1)) {
    const i = attr.indexOf('=');
    const key = (i >= 0 ? attr.slice(0, i) : attr).trim().toLowerCase();
    const val = i >= 0 ? attr.slice(i + 1).trim() : '';
    if (key === 'secure') facts.secure = true;
    else if (key === 'httponly') facts.httpOnly = true;
    else if (key === 'samesite') facts.sameSite = clip(val.toLowerCase(), 16);
    else if (key === 'domain') facts.domain = clip(val.toLowerCase(), 253);
    else if (key === 'max-age' || key === 'expires') facts.persistent = true;
  }
  if (name.startsWith('__Host-')) facts.prefix = 'host';
  else if (name.startsWith('__Secure-')) facts.prefix = 'secure';
  return facts;
}
