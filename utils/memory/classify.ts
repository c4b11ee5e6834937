import { parseHsts } from '../headers/hsts';
import type { PageView } from '../page-view';
import { urlParts } from '../url-parts';
import { dayOf, digest, MEMORY_LIMITS, MEMORY_SCHEMA, DAY_MS, type CertMemo, type MemoryEntry } from '../storage/memory';

// What changed about a site since it was last seen, decided from its remembered entry and this visit's
// facts. Pure. Certificate Patrol's lesson: routine renewals and CDNs that serve several certificates
// must say nothing alarming, so a change is classified against the set of recent certificates, and an
// authority is the issuer's organisation (Let's Encrypt's R10 and R11 are one authority).
// The certificate that ends soon (no memory needed) is utils/assess/transport.ts `certificate-expiring`.

/** This visit, reduced to what memory keeps. */
export interface Observation {
  day: number;
  scheme: 'http' | 'https';
  /** Seen on the network (not from the cache): only then does a missing header mean the site did not send it. */
  network: boolean;
  /** max-age of a valid Strict-Transport-Security header, when the https response had one. */
  hstsMaxAge?: number;
  /** The leaf and its chain, when the browser gave them. */
  cert?: Omit<CertMemo, 'day'>;
}

export type MemoryLevel = 'info' | 'notice' | 'warning';

/** `since`: the day (days since the epoch) of the earlier observation the finding compares with. */
export type MemoryFinding =
  /** https when last seen, plain http now. */
  | { id: 'was-encrypted'; since: number }
  /** The last https visit sent HSTS; this one did not. */
  | { id: 'hsts-dropped'; since: number }
  /** The same key in a new certificate, or the same authority as a certificate that was about to end. */
  | { id: 'cert-renewed'; since: number }
  /** A key not seen before, from an authority seen before. */
  | { id: 'cert-new-key'; since: number }
  | { id: 'cert-new-authority'; since: number; before: string; now: string }
  /** Chains to a root that is not one of the browser's own, where before it chained to a built-in one. */
  | { id: 'cert-added-root'; since: number }
  /** This name's confusable skeleton is that of a different site remembered here. */
  | { id: 'looks-like-visited'; since: number };

export const MEMORY_LEVEL: Record<MemoryFinding['id'], MemoryLevel> = {
  'was-encrypted': 'notice',
  'hsts-dropped': 'info',
  'cert-renewed': 'info',
  'cert-new-key': 'info',
  'cert-new-authority': 'notice',
  'cert-added-root': 'warning',
  'looks-like-visited': 'notice',
};

/** A certificate within this many days of its end is due for renewal (Let's Encrypt renews at 30). */
export const RENEWAL_WINDOW_DAYS = 30;

/** The organisation of an issuer DN (`O=`), else its common name, else the whole name. */
export function authorityOf(issuer: string): string {
  const pick = (attr: string) => new RegExp(`(?:^|[,/]\\s*)${attr}=("(?:[^"]|\\\\")*"|[^,/]*)`, 'i').exec(issuer)?.[1]?.replace(/^"|"$/g, '').trim();
  return pick('O') || pick('CN') || issuer.trim();
}

function sameAuthority(a: Omit<CertMemo, 'day'>, b: Omit<CertMemo, 'day'>): boolean {
  if (a.root && b.root && a.root === b.root) return true;
  return authorityOf(a.issuer).toLowerCase() === authorityOf(b.issuer).toLowerCase();
}

function certFinding(known: readonly CertMemo[], now: Omit<CertMemo, 'day'>, today: number): MemoryFinding | undefined {
  if (!known.length) return undefined;
  const newest = known[0]!;
  // Interception's shape: an added root where the site chained to a built-in one, and no remembered
  // certificate had this root (a company proxy seen before is not news).
  if (now.builtIn === false && now.root && known.some((c) => c.builtIn === true) && !known.some((c) => c.root === now.root)) {
    return { id: 'cert-added-root', since: newest.day };
  }
  const sameKey = known.find((c) => c.key === now.key && !!c.fp === !!now.fp);
  if (sameKey) {
    // The same certificate, or a CDN edge seen before: nothing to say. The same key with a new end: renewed.
    return sameKey.end === now.end || sameKey.fp ? undefined : { id: 'cert-renewed', since: sameKey.day };
  }
  const peer = known.find((c) => sameAuthority(c, now));
  if (peer) {
    const nearEnd = peer.end !== undefined && peer.end - today <= RENEWAL_WINDOW_DAYS;
    if (nearEnd) return { id: 'cert-renewed', since: peer.day };
    // Without the key's digest (Chrome) a new certificate may well have the old key: "new key" would overclaim.
    return now.fp || peer.fp ? undefined : { id: 'cert-new-key', since: peer.day };
  }
  return { id: 'cert-new-authority', since: newest.day, before: authorityOf(newest.issuer), now: authorityOf(now.issuer) };
}

/** What this visit says against what was remembered. Nothing for a site never seen before. */
export function classify(entry: MemoryEntry | undefined, obs: Observation): MemoryFinding[] {
  if (!entry) return [];
  const out: MemoryFinding[] = [];
  if (obs.scheme === 'http' && entry.lastHttps && entry.https !== undefined) {
    out.push({ id: 'was-encrypted', since: entry.https });
  }
  if (obs.scheme === 'https') {
    if (obs.network && entry.hsts && entry.hsts.maxAge > 0 && !(obs.hstsMaxAge !== undefined && obs.hstsMaxAge > 0)) {
      out.push({ id: 'hsts-dropped', since: entry.hsts.day });
    }
    if (obs.cert) {
      const f = certFinding(entry.certs, obs.cert, obs.day);
      if (f) out.push(f);
    }
  }
  return out;
}

/** The entry after this visit: days moved on, this certificate first in the set (bounded). */
export function remember(entry: MemoryEntry | undefined, obs: Observation, sk?: string): MemoryEntry {
  const base: MemoryEntry = entry ? { ...entry, certs: [...entry.certs] } : { v: MEMORY_SCHEMA, first: obs.day, last: obs.day, lastHttps: false, certs: [] };
  base.last = Math.max(base.last, obs.day);
  base.first = Math.min(base.first, obs.day);
  base[obs.scheme] = obs.day;
  base.lastHttps = obs.scheme === 'https';
  if (obs.scheme === 'https' && obs.network) {
    if (obs.hstsMaxAge !== undefined && obs.hstsMaxAge > 0) base.hsts = { maxAge: obs.hstsMaxAge, day: obs.day };
    else delete base.hsts;
  }
  if (obs.scheme === 'https' && obs.cert) {
    const c = obs.cert;
    const rest = base.certs.filter((m) => !(m.key === c.key && !!m.fp === !!c.fp));
    base.certs = [{ ...c, day: obs.day }, ...rest].slice(0, MEMORY_LIMITS.certs);
  }
  if (sk) base.sk = sk;
  return base;
}

/**
 * This visit as memory sees it, or undefined for what is never remembered: pages that did not commit,
 * private windows, anything but http(s), addresses instead of names, loopback names.
 */
export function observationOf(view: PageView, now: number): { host: string; obs: Observation } | undefined {
  if (view.incognito || view.committedAt === undefined || view.observed === 'tab' || view.main.error) return undefined;
  const parts = urlParts(view.url);
  if (!parts || (parts.scheme !== 'http' && parts.scheme !== 'https')) return undefined;
  const host = parts.host.replace(/\.$/, '');
  if (!host || host.includes(':') || /^[0-9.]+$/.test(host) || host === 'localhost' || host.endsWith('.localhost')) return undefined;
  const obs: Observation = { day: dayOf(now), scheme: parts.scheme, network: view.observed === 'network' && !view.main.fromCache };
  if (parts.scheme === 'https') {
    const hsts = parseHsts(view.main.headers?.['strict-transport-security']);
    if (hsts.ok) obs.hstsMaxAge = hsts.policy.maxAge;
    const sec = view.main.security;
    const leaf = sec?.certificates?.[0];
    const spki = digest(leaf?.spkiSha256);
    const fp = digest(leaf?.sha256);
    if (leaf && (spki || fp)) {
      const cert: Omit<CertMemo, 'day'> = { key: (spki ?? fp)!, issuer: (leaf.issuer ?? '').slice(0, MEMORY_LIMITS.issuerChars) };
      if (!spki) cert.fp = true;
      const root = sec!.chainComplete ? sec!.certificates[sec!.certificates.length - 1] : undefined;
      const rootFp = digest(root?.sha256);
      if (root && rootFp && sec!.certificates.length > 1) {
        cert.root = rootFp;
        if (typeof root.isBuiltInRoot === 'boolean') cert.builtIn = root.isBuiltInRoot;
      }
      if (typeof leaf.notAfter === 'number' && Number.isFinite(leaf.notAfter) && leaf.notAfter > 0) cert.end = Math.floor(leaf.notAfter / DAY_MS);
      obs.cert = cert;
    }
  }
  return { host, obs };
}
