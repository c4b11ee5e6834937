import { getDomain } from 'tldts';
import { normalizeHost } from './host-shape';

// Registrable domains come from the Public Suffix List (tldts), so that "a.example.co.uk" and
// "b.example.co.uk" are one party and "example.co.uk" and "other.co.uk" are not (the recorder
// compares a host's site with the page's).

/** The registrable domain ("site") of a host; the host itself for IPs, localhost and unknown suffixes. */
export function siteOf(host: string): string {
  let h = normalizeHost(host);
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (!h) return '';
  try {
    return getDomain(h, { allowPrivateDomains: true }) ?? h;
  } catch {
    return h;
  }
}
