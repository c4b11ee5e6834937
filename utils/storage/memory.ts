// Per-site memory as it lives in storage.local. One item per remembered host, under a key made from an
// HMAC of the hostname (utils/memory/store.ts), so the store cannot be read as a list of sites; one
// small index item per confusable skeleton (also an HMAC) for the look-alike check; the secret.
// Nothing here is a URL, a path, a query, a cookie or an address. Everything read passes through
// parseEntry / parseSkeletonIndex, which never throw and drop what does not fit the format.

export const MEMORY_SCHEMA = 1;
/** `mem:<hmac of the hostname>` → MemoryEntry */
export const ENTRY_PREFIX = 'mem:';
/** `msk:<hmac of the hostname's skeleton>` → the entry keys (host HMACs) that share it */
export const SKELETON_PREFIX = 'msk:';
/** The random secret the keys are made with (base64), replaced by "Forget everything". */
export const SECRET_KEY = 'memorySecret';
/** storage.session: what memory found for the page a tab shows (utils/memory/store.ts MemoryNote). */
export const memoryKey = (tabId: number) => `memory:${tabId}`;

export const MEMORY_LIMITS = {
  /** Remembered sites; the least recently seen go first. */
  entries: 1000,
  /** Recent certificates per host: CDNs and regional edges serve several at once. */
  certs: 4,
  /** Host keys per skeleton index item. */
  skeletonKeys: 4,
  issuerChars: 200,
  /** Hex characters kept of a SHA-256 (128 bits: enough to tell keys and roots apart). */
  hashChars: 32,
} as const;

/** One certificate as remembered: what a change is classified by, nothing else. */
export interface CertMemo {
  /** The leaf's SPKI SHA-256 (hex, clipped); Chrome gives no key digest: then the leaf's fingerprint, marked by `fp`. */
  key: string;
  /** `key` is the certificate's fingerprint, not its key's (a renewal with the same key looks like a new key). */
  fp?: true;
  /** The leaf's issuer name. */
  issuer: string;
  /** The root's fingerprint (hex, clipped) and whether it is one of the browser's own, when the chain is complete. */
  root?: string;
  builtIn?: boolean;
  /** The leaf's validity end, in days since the epoch. */
  end?: number;
  /** Last day this certificate was seen. */
  day: number;
}

export interface MemoryEntry {
  v: typeof MEMORY_SCHEMA;
  /** Days since the epoch (UTC): day resolution only. */
  first: number;
  last: number;
  /** Last day the site was seen over https, and over plain http. */
  https?: number;
  http?: number;
  /** The most recent visit was over https (days alone cannot order two visits of one day). */
  lastHttps: boolean;
  /** The last https visit sent Strict-Transport-Security: its max-age and the day. */
  hsts?: { maxAge: number; day: number };
  /** Most recent first, at most MEMORY_LIMITS.certs. */
  certs: CertMemo[];
  /** HMAC of the hostname's confusable skeleton (the key of its index item, without the prefix). */
  sk?: string;
}

export const DAY_MS = 86_400_000;
export const dayOf = (ms: number): number => Math.floor(ms / DAY_MS);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function field(o: Record<string, unknown>, key: string): unknown {
  try {
    return o[key];
  } catch {
    return undefined;
  }
}

/** A day number in a plausible range (1970 to year 2200). */
function day(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 84_000 ? v : undefined;
}

const HEX = /^[0-9a-f]+$/;
/** A clipped lowercase hex digest, from anything the browsers give (Firefox: colon-separated uppercase). */
export function digest(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const bare = v.replace(/:/g, '').toLowerCase();
  return bare.length >= MEMORY_LIMITS.hashChars && HEX.test(bare) ? bare.slice(0, MEMORY_LIMITS.hashChars) : undefined;
}

const KEY = /^[A-Za-z0-9_-]{16,64}$/;
export const isMemoryKey = (v: unknown): v is string => typeof v === 'string' && KEY.test(v);

function parseCert(v: unknown): CertMemo | undefined {
  if (!isRecord(v)) return undefined;
  const key = field(v, 'key');
  const issuer = field(v, 'issuer');
  const d = day(field(v, 'day'));
  if (typeof key !== 'string' || !HEX.test(key) || key.length !== MEMORY_LIMITS.hashChars || typeof issuer !== 'string' || d === undefined) return undefined;
  const out: CertMemo = { key, issuer: issuer.slice(0, MEMORY_LIMITS.issuerChars), day: d };
  if (field(v, 'fp') === true) out.fp = true;
  const root = field(v, 'root');
  if (typeof root === 'string' && HEX.test(root) && root.length === MEMORY_LIMITS.hashChars) out.root = root;
  const builtIn = field(v, 'builtIn');
  if (typeof builtIn === 'boolean') out.builtIn = builtIn;
  const end = day(field(v, 'end'));
  if (end !== undefined) out.end = end;
  return out;
}

/** The entry in `raw`, or undefined if it is not one (wrong schema, missing days). Never throws. */
export function parseEntry(raw: unknown): MemoryEntry | undefined {
  if (!isRecord(raw) || field(raw, 'v') !== MEMORY_SCHEMA) return undefined;
  const first = day(field(raw, 'first'));
  const last = day(field(raw, 'last'));
  if (first === undefined || last === undefined || first > last) return undefined;
  const out: MemoryEntry = { v: MEMORY_SCHEMA, first, last, lastHttps: field(raw, 'lastHttps') === true, certs: [] };
  const https = day(field(raw, 'https'));
  if (https !== undefined) out.https = https;
  const http = day(field(raw, 'http'));
  if (http !== undefined) out.http = http;
  const hsts = field(raw, 'hsts');
  if (isRecord(hsts)) {
    const maxAge = field(hsts, 'maxAge');
    const d = day(field(hsts, 'day'));
    if (typeof maxAge === 'number' && Number.isFinite(maxAge) && maxAge >= 0 && d !== undefined) out.hsts = { maxAge: Math.floor(maxAge), day: d };
  }
  const certs = field(raw, 'certs');
  if (Array.isArray(certs)) {
    for (const c of certs.slice(0, MEMORY_LIMITS.certs)) {
      const memo = parseCert(c);
      if (memo) out.certs.push(memo);
    }
  }
  const sk = field(raw, 'sk');
  if (isMemoryKey(sk)) out.sk = sk;
  return out;
}

/** The host keys of a skeleton index item. Never throws. */
export function parseSkeletonIndex(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.slice(0, MEMORY_LIMITS.skeletonKeys).filter(isMemoryKey);
}
