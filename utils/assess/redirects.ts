import type { Hop } from '../page-view';
import type { Finding } from './posture';

// Scheme changes along the redirect chain of the main document.

function scheme(url: string): string {
  const i = url.indexOf(':');
  return i > 0 ? url.slice(0, i).toLowerCase() : '';
}

export function redirectFindings(hops: Hop[]): Finding[] {
  const out: Finding[] = [];
  if (hops.length < 2) return out;
  const first = hops[0]!.url;
  const final = hops[hops.length - 1]!.url;
  for (let i = 1; i < hops.length; i++) {
    const from = hops[i - 1]!.url;
    const to = hops[i]!.url;
    if (scheme(from) === 'https' && scheme(to) === 'http') {
      out.push({ id: 'downgrade', from, to });
      break;
    }
  }
  if (scheme(first) === 'http' && scheme(final) === 'https') out.push({ id: 'first-hop-http', from: first, to: final });
  return out;
}
