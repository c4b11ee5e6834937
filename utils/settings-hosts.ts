// Quiet hosts: sites whose plain http the user has said is expected (a router, a NAS, a printer).
// A pattern is an exact host, `*.name` (every name below it, not the name itself), an IP address, or a
// CIDR range inside the private networks. Public ranges are refused: a range of internet addresses
// would silence the badge for sites the user has never seen. Pure, no Public Suffix List, so the popup
// and the options page can use it without shipping tldts.

export type HostPattern =
  | { kind: 'host'; host: string }
  | { kind: 'below'; suffix: string }
  | { kind: 'ip'; bits: bigint; width: 32 | 128 }
  | { kind: 'range'; bits: bigint; prefix: number; width: 32 | 128 };

export type PatternProblem =
  /** Not a host name, an IP address or a CIDR range. */
  | 'invalid'
  /** A CIDR range that reaches outside the private networks. */
  | 'public-range'
  /** Inside 100.64.0.0/10, shared by carrier NAT and overlay VPNs: not the user's own network. */
  | 'shared-range'
  /** `*.com`: a wildcard over a whole top-level domain. */
  | 'too-broad';

export type PatternResult = { ok: true; text: string; pattern: HostPattern } | { ok: false; problem: PatternProblem };

export const PATTERN_MAX_CHARS = 260;

/** The private networks a CIDR range may lie in: RFC 1918, IPv4 link-local, IPv6 ULA and link-local. */
const PRIVATE_RANGES: { cidr: string; width: 32 | 128 }[] = [
  { cidr: '10.0.0.0/8', width: 32 },
  { cidr: '172.16.0.0/12', width: 32 },
  { cidr: '192.168.0.0/16', width: 32 },
  { cidr: '169.254.0.0/16', width: 32 },
  { cidr: 'fc00::/7', width: 128 },
  { cidr: 'fe80::/10', width: 128 },
];

/** Names under these are never on the internet (RFC 6762, RFC 8375, and the common LAN suffixes). */
const LAN_TLDS = new Set(['local', 'lan', 'home.arpa', 'internal', 'intranet', 'corp', 'home']);

// No leading zeros: URL parsers read 010 as octal, so "192.168.1.010" would not mean what it shows.
const IPV4 = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

function ipv4Bits(s: string): bigint | null {
  const m = IPV4.exec(s);
  if (!m) return null;
  const o = m.slice(1).map(Number);
  if (o.some((n) => n > 255)) return null;
  return o.reduce((acc, n) => (acc << 8n) | BigInt(n), 0n);
}

/** The URL parser's canonical IPv6 text (compressed, lower case, dotted tail as hex), or null. */
function canonicalIpv6(s: string): string | null {
  if (!s.includes(':') || /[^0-9a-fA-F:.]/.test(s)) return null;
  try {
    const h = new URL(`http://[${s}]/`).hostname;
    return h.slice(1, -1);
  } catch {
    return null;
  }
}

function ipv6Bits(s: string): bigint | null {
  const c = canonicalIpv6(s);
  if (c === null) return null;
  const [head = '', tail] = c.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  if (groups.length !== 8) return null;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function ipBits(s: string): { bits: bigint; width: 32 | 128 } | null {
  const v4 = ipv4Bits(s);
  if (v4 !== null) return { bits: v4, width: 32 };
  const v6 = ipv6Bits(s);
  return v6 === null ? null : { bits: v6, width: 128 };
}

const mask = (prefix: number, width: number) => (((1n << BigInt(prefix)) - 1n) << BigInt(width - prefix));

function inRange(bits: bigint, width: number, range: { bits: bigint; prefix: number; width: number }): boolean {
  return width === range.width && (bits & mask(range.prefix, width)) === range.bits;
}

function parseCidr(text: string): { bits: bigint; prefix: number; width: 32 | 128 } | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const ip = ipBits(text.slice(0, slash));
  const p = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(p) || Number(p) > ip.width) return null;
  const prefix = Number(p);
  return { bits: ip.bits & mask(prefix, ip.width), prefix, width: ip.width };
}

const PRIVATE = PRIVATE_RANGES.map((r) => parseCidr(r.cidr)!);
const SHARED = parseCidr('100.64.0.0/10')!;

function formatIp(bits: bigint, width: 32 | 128): string {
  if (width === 32) return [24n, 16n, 8n, 0n].map((s) => String((bits >> s) & 255n)).join('.');
  const groups = [...Array(8).keys()].map((i) => ((bits >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  return canonicalIpv6(groups.join(':'))!;
}

/** A host name as the URL parser gives it (lower case, punycode), or null if it is not one. */
function asciiName(s: string): string | null {
  if (!s || /[\s/\\@:?#%[\]*]/.test(s) || /^[\d.]+$/.test(s)) return null;
  try {
    const h = new URL(`http://${s}/`).hostname.replace(/\.$/, '');
    return h && !h.startsWith('.') && !h.includes('..') && ipBits(h) === null ? h : null;
  } catch {
    return null;
  }
}

/** Reads one pattern as typed by a person or found in storage; `text` is its canonical form. Never throws. */
export function parseHostPattern(input: unknown): PatternResult {
  if (typeof input !== 'string') return { ok: false, problem: 'invalid' };
  let s = input.trim().toLowerCase();
  if (!s || s.length > PATTERN_MAX_CHARS) return { ok: false, problem: 'invalid' };
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  if (s.includes('/')) {
    const range = parseCidr(s);
    if (!range) return { ok: false, problem: 'invalid' };
    const inside = (r: typeof range) => range.prefix >= r.prefix && inRange(range.bits, range.width, r);
    if (inside(SHARED)) return { ok: false, problem: 'shared-range' };
    if (!PRIVATE.some(inside)) return { ok: false, problem: 'public-range' };
    return { ok: true, text: `${formatIp(range.bits, range.width)}/${range.prefix}`, pattern: { kind: 'range', ...range } };
  }
  const ip = ipBits(s);
  if (ip) return { ok: true, text: formatIp(ip.bits, ip.width), pattern: { kind: 'ip', ...ip } };
  if (s.startsWith('*.')) {
    const suffix = asciiName(s.slice(2));
    if (!suffix) return { ok: false, problem: 'invalid' };
    if (!suffix.includes('.') && !LAN_TLDS.has(suffix)) return { ok: false, problem: 'too-broad' };
    return { ok: true, text: `*.${suffix}`, pattern: { kind: 'below', suffix } };
  }
  const host = asciiName(s);
  return host ? { ok: true, text: host, pattern: { kind: 'host', host } } : { ok: false, problem: 'invalid' };
}

/** Whether a page host (as in a URL: lower case, punycode, IPv6 with or without brackets) matches. */
export function matchesPattern(pattern: HostPattern, host: string): boolean {
  switch (pattern.kind) {
    case 'host':
      return host === pattern.host;
    case 'below':
      return host.endsWith(`.${pattern.suffix}`);
    case 'ip':
    case 'range': {
      const ip = ipBits(host);
      if (!ip || ip.width !== pattern.width) return false;
      return pattern.kind === 'ip' ? ip.bits === pattern.bits : inRange(ip.bits, ip.width, pattern);
    }
  }
}

function pageHost(raw: string): string {
  let h = raw.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

// Patterns come from storage as text; parsing each once per list keeps a repaint of many tabs cheap.
const parsedLists = new WeakMap<readonly string[], HostPattern[]>();

function parsedList(patterns: readonly string[]): HostPattern[] {
  let list = parsedLists.get(patterns);
  if (!list) {
    list = patterns.flatMap((p) => {
      const r = parseHostPattern(p);
      return r.ok ? [r.pattern] : [];
    });
    parsedLists.set(patterns, list);
  }
  return list;
}

/** Whether the user marked this page host as one whose plain http is expected. */
export function isQuietHost(settings: { quietHosts: readonly string[] }, host: unknown): boolean {
  if (typeof host !== 'string' || !host || !settings.quietHosts.length) return false;
  const h = pageHost(host);
  return parsedList(settings.quietHosts).some((p) => matchesPattern(p, h));
}
