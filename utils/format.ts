// Display helpers for strings that a page or a server controls (hostnames, certificate names, URLs,
// header values). Preact renders them as text, never as HTML; these make them inert in the other
// ways that matter: no control, direction-changing or invisible characters, and a bounded length on
// screen. The capture code stores such strings through the same `inert` (utils/clean-text.ts).

/**
 * C0/C1 controls and DEL, the soft hyphen, the combining grapheme joiner, ALM, LRM/RLM, line/paragraph
 * separators, bidi embeddings, overrides and isolates (U+202E turns "moc.elpmaxe" into "example.com"),
 * zero-width space, word joiner and the other invisible operators (U+2060-206F), Khmer inherent vowels,
 * Mongolian free variation selectors and vowel separator, variation selectors (U+FE00-FE0F and
 * U+E0100-E01EF), BOM, Hangul fillers, interlinear annotation marks, unassigned specials U+FFF0-FFF8,
 * musical formatting controls (U+1D173-1D17A) and tag characters (U+E0000-E007F, which can spell
 * hidden text). ZWJ/ZWNJ stay: some scripts need them in legitimate names. Each becomes one visible
 * U+FFFD, so a person sees that something is there.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb]|[\u{1D173}-\u{1D17A}\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/gu;

/** Any value as a string a person can read safely: unsafe characters become U+FFFD, visibly. */
export function inert(value: unknown): string {
  const s = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  return s.replace(UNSAFE, '\uFFFD');
}

/** The first `max` UTF-16 units of `s`, one fewer where the cut would split a surrogate pair. */
export function cutWhole(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max);
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end);
}

/** The first `max` characters, never splitting a surrogate pair; `clipped` says whether it cut. */
export function clipText(s: string, max: number): { text: string; clipped: boolean } {
  if (s.length <= max) return { text: s, clipped: false };
  return { text: cutWhole(s, max) + '…', clipped: true };
}

/** A date in the reader's language, or undefined for anything that is not a plausible timestamp. */
export function formatDate(ms: unknown, lang?: string): string | undefined {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return undefined;
  try {
    return new Intl.DateTimeFormat(lang || undefined, { dateStyle: 'medium' }).format(d);
  } catch {
    return d.toISOString().slice(0, 10);
  }
}

/** A count in the reader's language ("15,552,000", "15.552.000"); anything not a finite number is undefined. */
export function formatNumber(n: unknown, lang?: string): string | undefined {
  if (typeof n !== 'number' || !Number.isFinite(n)) return undefined;
  try {
    return new Intl.NumberFormat(lang || undefined, { maximumFractionDigits: 0 }).format(n);
  } catch {
    return String(Math.round(n));
  }
}

/**
 * Which of a message's two forms fits `n` in `lang`: `one` ("1 day"; French also "0 jour") or `other`.
 * Chrome's messages have no plurals, so a counted word is two keys, `<key>_one` and `<key>_other`.
 */
export function pluralForm(n: number, lang?: string): 'one' | 'other' {
  try {
    return new Intl.PluralRules(lang || undefined).select(n) === 'one' ? 'one' : 'other';
  } catch {
    return n === 1 ? 'one' : 'other';
  }
}

/**
 * A count of whole days in the browser's own words for its language ("in 3 days", "1 day ago", "vor
 * 3 Tagen"): Intl knows each language's plural forms and cases, which a message with a number in it
 * cannot. Negative counts are in the past. Always a number, never "tomorrow": the count is of 24-hour
 * periods, not calendar days.
 */
export function relativeDays(n: number, lang?: string): string {
  for (const l of [lang || undefined, undefined]) {
    try {
      return new Intl.RelativeTimeFormat(l, { numeric: 'always' }).format(Math.round(n) || 0, 'day');
    } catch {
      // A tag Intl refuses: the browser's default language, then the bare number.
    }
  }
  return String(Math.round(n));
}

/** Firefox says "TLSv1.3"; people read "TLS 1.3". Anything odd is shown inert, as given. */
export function tlsVersionLabel(protocol: unknown): string | undefined {
  if (typeof protocol !== 'string' || !protocol) return undefined;
  const m = /^TLSv?(1(?:\.[0-3])?)$/i.exec(protocol.trim());
  return m ? `TLS ${m[1]}` : inert(protocol);
}

/** TLS 1.2 and older send the certificate (and so the site's names) before encryption starts. */
export function certificateTravelsInClear(protocol: unknown): boolean | undefined {
  if (typeof protocol !== 'string' || !protocol) return undefined;
  const m = /^TLSv?1(?:\.([0-3]))?$/i.exec(protocol.trim());
  if (!m) return undefined;
  return (m[1] === undefined ? 0 : Number(m[1])) < 3;
}

/** Message keys allow only [A-Za-z0-9_]: "not-encrypted" -> "notEncrypted", anything else -> "_". */
export function messageKey(id: string): string {
  return String(id).replace(/-(\w)/g, (_, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9_]/g, '_');
}
