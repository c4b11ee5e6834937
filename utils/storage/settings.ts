import { parseHostPattern } from '../settings-hosts';

// The user's settings: one object in storage.local under `settings`. Settings change how a page's
// posture is shown (the badge), never what is recorded or concluded about it. Anything read from
// storage goes through parseSettings, which never throws and replaces each invalid field with its
// default, so a damaged or future value can never break the background or the popup.

export const SETTINGS_KEY = 'settings';
export const SETTINGS_SCHEMA = 1;

export const BADGE_MODES = ['all', 'serious', 'off'] as const;
/** `all`: every verdict that has a badge; `serious`: not encrypted, certificate errors, unknown roots; `off`: none. */
export type BadgeMode = (typeof BADGE_MODES)[number];

export interface KnownRoot {
  /** Lowercase hex SHA-256 of the root certificate's DER, no separators. */
  sha256: string;
  /** The root's name as shown when the user marked it (inert text, bounded). */
  label: string;
  /** When the user marked it, milliseconds since the epoch. */
  added: number;
}

export interface Settings {
  schema: typeof SETTINGS_SCHEMA;
  badge: BadgeMode;
  knownRoots: KnownRoot[];
  /** Canonical host patterns (see utils/settings-hosts.ts). */
  quietHosts: string[];
  /** Per-site memory (utils/memory/): on by default; off also means nothing is read back. */
  memory: boolean;
  /** A remembered site unseen for this many days is forgotten. */
  memoryDays: number;
  /**
   * Firefox: ask for the TLS of every host, not only the main document's. Off by default: the
   * blocking listener it needs cost about 10% page-load time over the reference in bench/page-load-firefox.ts.
   */
  hostTls: boolean;
}

export const SETTINGS_LIMITS = { knownRoots: 50, quietHosts: 100, labelChars: 200, memoryDays: { min: 1, max: 3650, default: 180 } } as const;

/** A fresh copy each time, so that no caller can change another's defaults. */
export function defaultSettings(): Settings {
  return { schema: SETTINGS_SCHEMA, badge: 'all', knownRoots: [], quietHosts: [], memory: true, memoryDays: SETTINGS_LIMITS.memoryDays.default, hostTls: false };
}

/**
 * A certificate fingerprint in the form settings keep: lowercase hex, no separators. Accepts what the
 * browsers and the page view give (Firefox: colon-separated uppercase hex).
 */
export function rootFingerprint(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const bare = value.replace(/:/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(bare) ? bare : undefined;
}

export function isKnownRoot(settings: Pick<Settings, 'knownRoots'>, sha256: unknown): boolean {
  const fp = rootFingerprint(sha256);
  return !!fp && settings.knownRoots.some((r) => r.sha256 === fp);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a property without letting a getter or a proxy trap throw out of the validator. */
function field(o: Record<string, unknown>, key: string): unknown {
  try {
    return o[key];
  } catch {
    return undefined;
  }
}

function list(v: unknown, max: number): unknown[] {
  if (!Array.isArray(v)) return [];
  try {
    return v.slice(0, max * 4);
  } catch {
    return [];
  }
}

function cleanLabel(v: unknown): string {
  if (typeof v !== 'string') return '';
  // Control and formatting characters would let a stored label disguise itself; they are dropped.
  return v.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, SETTINGS_LIMITS.labelChars);
}

function parseKnownRoots(v: unknown): KnownRoot[] {
  const out: KnownRoot[] = [];
  for (const item of list(v, SETTINGS_LIMITS.knownRoots)) {
    if (out.length >= SETTINGS_LIMITS.knownRoots) break;
    if (!isRecord(item)) continue;
    const sha256 = rootFingerprint(field(item, 'sha256'));
    if (!sha256 || out.some((r) => r.sha256 === sha256)) continue;
    const added = field(item, 'added');
    out.push({ sha256, label: cleanLabel(field(item, 'label')), added: typeof added === 'number' && Number.isFinite(added) && added >= 0 ? Math.floor(added) : 0 });
  }
  return out;
}

function parseQuietHosts(v: unknown): string[] {
  const out: string[] = [];
  for (const item of list(v, SETTINGS_LIMITS.quietHosts)) {
    if (out.length >= SETTINGS_LIMITS.quietHosts) break;
    const r = parseHostPattern(item);
    if (r.ok && !out.includes(r.text)) out.push(r.text);
  }
  return out;
}

function parseMemoryDays(v: unknown): number {
  const { min, max } = SETTINGS_LIMITS.memoryDays;
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : SETTINGS_LIMITS.memoryDays.default;
}

/** The settings in `raw`, each invalid or missing field replaced by its default. Never throws. */
export function parseSettings(raw: unknown): Settings {
  if (!isRecord(raw)) return defaultSettings();
  const badge = field(raw, 'badge');
  return {
    schema: SETTINGS_SCHEMA,
    badge: (BADGE_MODES as readonly unknown[]).includes(badge) ? (badge as BadgeMode) : 'all',
    knownRoots: parseKnownRoots(field(raw, 'knownRoots')),
    quietHosts: parseQuietHosts(field(raw, 'quietHosts')),
    memory: field(raw, 'memory') !== false,
    memoryDays: parseMemoryDays(field(raw, 'memoryDays')),
    hostTls: field(raw, 'hostTls') === true,
  };
}
