import { skeleton } from '../lookalike';
import {
  ENTRY_PREFIX,
  isMemoryKey,
  MEMORY_LIMITS,
  parseEntry,
  parseSkeletonIndex,
  SECRET_KEY,
  SKELETON_PREFIX,
  type MemoryEntry,
} from '../storage/memory';
import { classify, remember, type MemoryFinding, type Observation } from './classify';

// Per-site memory in storage.local, kept private: each entry's key is an HMAC-SHA-256 of the hostname
// with a random secret made on first use, so the stored keys name no site; without the secret a key
// can only be checked against a guessed name. Bounded (least recently seen go first) and expiring
// (unseen for `days` → deleted). "Forget everything" deletes every entry and replaces the secret.

export interface LocalArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** What the popup is told about this page: the findings, and a summary of what is remembered (no secret, no keys). */
export interface MemoryNote {
  viewId: string;
  findings: MemoryFinding[];
  /** The first day this site was remembered, before this visit; undefined for a site first seen now. */
  since?: number;
  /** false: nothing of this page is kept (memory off, a private window, an address or loopback name). */
  kept?: false;
}

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64(s: string): Uint8Array | undefined {
  try {
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out.length === 32 ? out : undefined;
  } catch {
    return undefined;
  }
}

export class MemoryStore {
  private key?: Promise<CryptoKey>;
  /** Entries written since the last sweep; a sweep runs at the first write and then every `sweepEvery`. */
  private writes = 0;

  constructor(
    private readonly area: LocalArea,
    private readonly subtle: SubtleCrypto = crypto.subtle,
    private readonly limits: { entries: number; sweepEvery: number } = { entries: MEMORY_LIMITS.entries, sweepEvery: 50 },
  ) {}

  private secret(): Promise<CryptoKey> {
    this.key ??= (async () => {
      const got = await this.area.get(SECRET_KEY);
      const stored = got[SECRET_KEY];
      let raw = typeof stored === 'string' ? fromBase64(stored) : undefined;
      if (!raw) {
        raw = crypto.getRandomValues(new Uint8Array(32));
        await this.area.set({ [SECRET_KEY]: btoa(String.fromCharCode(...raw)) });
      }
      return this.subtle.importKey('raw', raw as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    })().catch((err) => {
      this.key = undefined;
      throw err;
    });
    return this.key;
  }

  /** The secret changed elsewhere ("Forget everything" on the options page): make keys with the new one. */
  reset(): void {
    this.key = undefined;
  }

  /** HMAC of `purpose:value`, 128 bits, base64url: the hostname and its skeleton never share a key. */
  async keyOf(purpose: 'host' | 'skeleton', value: string): Promise<string> {
    const sig = await this.subtle.sign('HMAC', await this.secret(), encoder.encode(`${purpose}:${value}`));
    return base64url(new Uint8Array(sig).slice(0, 16));
  }

  /**
   * Reads what is remembered about `host`, classifies this visit against it, and remembers the visit.
   * `unicode` is the name as shown (its skeleton is what look-alikes share).
   */
  async observe(host: string, unicode: string, obs: Observation, days: number): Promise<Omit<MemoryNote, 'viewId'>> {
    const [hk, sk] = await Promise.all([this.keyOf('host', host), this.keyOf('skeleton', skeleton(unicode.toLowerCase()))]);
    const got = await this.area.get([ENTRY_PREFIX + hk, SKELETON_PREFIX + sk]);
    let entry = parseEntry(got[ENTRY_PREFIX + hk]);
    if (entry && entry.last < obs.day - days) entry = undefined;
    const findings = classify(entry, obs);
    const index = parseSkeletonIndex(got[SKELETON_PREFIX + sk]);
    const others = index.filter((k) => k !== hk);
    if (others.length) {
      const peers = await this.area.get(others.map((k) => ENTRY_PREFIX + k));
      const seen = others.map((k) => parseEntry(peers[ENTRY_PREFIX + k])).filter((e): e is MemoryEntry => !!e && e.last >= obs.day - days);
      if (seen.length) findings.push({ id: 'looks-like-visited', since: Math.max(...seen.map((e) => e.last)) });
    }
    const next = remember(entry, obs, sk);
    const items: Record<string, unknown> = { [ENTRY_PREFIX + hk]: next };
    if (!index.includes(hk)) items[SKELETON_PREFIX + sk] = [hk, ...index].slice(0, MEMORY_LIMITS.skeletonKeys);
    await this.area.set(items);
    if (this.writes++ % this.limits.sweepEvery === 0) await this.sweep(obs.day, days);
    return { findings, ...(entry ? { since: entry.first } : {}) };
  }

  /** Deletes entries unseen for more than `days`, then the least recently seen beyond the bound, and index keys left dangling. */
  async sweep(today: number, days: number): Promise<void> {
    const all = await this.area.get(null);
    const live: [string, number][] = [];
    const drop: string[] = [];
    for (const [k, v] of Object.entries(all)) {
      if (!k.startsWith(ENTRY_PREFIX)) continue;
      const e = parseEntry(v);
      if (!e || !isMemoryKey(k.slice(ENTRY_PREFIX.length)) || e.last < today - days) drop.push(k);
      else live.push([k, e.last]);
    }
    live.sort((a, b) => b[1] - a[1]);
    for (const [k] of live.splice(this.limits.entries)) drop.push(k);
    const kept = new Set(live.map(([k]) => k.slice(ENTRY_PREFIX.length)));
    const rewrite: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(all)) {
      if (!k.startsWith(SKELETON_PREFIX)) continue;
      const keys = parseSkeletonIndex(v).filter((h) => kept.has(h));
      if (!keys.length) drop.push(k);
      else if (keys.length !== (Array.isArray(v) ? v.length : -1)) rewrite[k] = keys;
    }
    if (drop.length) await this.area.remove(drop);
    if (Object.keys(rewrite).length) await this.area.set(rewrite);
  }

  /** "Forget everything": every entry and index item goes, and the secret is replaced (old keys mean nothing). */
  async forgetAll(): Promise<void> {
    this.key = undefined;
    const all = await this.area.get(null);
    const keys = Object.keys(all).filter((k) => k.startsWith(ENTRY_PREFIX) || k.startsWith(SKELETON_PREFIX) || k === SECRET_KEY);
    if (keys.length) await this.area.remove(keys);
  }
}

/** How many sites are remembered (for the options page). */
export async function rememberedCount(area: Pick<LocalArea, 'get'>): Promise<number> {
  try {
    const all = await area.get(null);
    return Object.keys(all).filter((k) => k.startsWith(ENTRY_PREFIX)).length;
  } catch {
    return 0;
  }
}
