import { toUnicode } from 'punycode/punycode.es6.js';

// Hostname facts that need no Public Suffix List, so the popup can use them without shipping tldts.

export type HostKind = 'domain' | 'ipv4' | 'ipv6' | 'none';

export interface HostFacts {
  /** As the URL parser gives it: lower case, punycode, IPv6 without brackets, trailing dot kept. */
  ascii: string;
  /** What a person reads; equals `ascii` unless the name has IDN labels that decode cleanly. */
  unicode: string;
  kind: HostKind;
  /** Traffic never leaves the device (RFC 6761 localhost, 127.0.0.0/8, ::1). */
  loopback: boolean;
  /** RFC 1918 / RFC 4193 / link-local / .local names: stays on your own network, still readable on it. */
  privateNetwork: boolean;
  onion: boolean;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Strip brackets and a trailing dot; lower-case. Never throws. */
export function normalizeHost(raw: string): string {
  let h = String(raw ?? '').trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return h;
}

function ipv4Octets(h: string): number[] | null {
  const m = IPV4.exec(h);
  if (!m) return null;
  const o = m.slice(1).map(Number);
  return o.every((n) => n <= 255) ? o : null;
}

function isPrivateV4([a, b]: number[]): boolean {
  return (
    a === 10 ||
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254)
    // Not 100.64.0.0/10: carrier-grade NAT and overlay VPNs share it with strangers; it is no LAN.
  );
}

function isPrivateV6(h: string): boolean {
  return /^f[cd][0-9a-f]{2}:/.test(h) || /^fe[89ab][0-9a-f]:/.test(h);
}

function isLoopbackV6(h: string): boolean {
  return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
}

const PRIVATE_SUFFIXES = ['.local', '.home.arpa', '.lan', '.internal', '.intranet', '.corp', '.home'];

export function decodeIdn(ascii: string): string {
  if (!ascii.split('.').some((l) => l.startsWith('xn--'))) return ascii;
  try {
    return toUnicode(ascii);
  } catch {
    return ascii;
  }
}

export function hostFacts(raw: string): HostFacts {
  const ascii = normalizeHost(raw);
  const bare = ascii.endsWith('.') ? ascii.slice(0, -1) : ascii;
  const v4 = ipv4Octets(bare);
  const kind: HostKind = !bare ? 'none' : v4 ? 'ipv4' : bare.includes(':') ? 'ipv6' : 'domain';
  const loopback =
    kind === 'ipv4'
      ? v4![0] === 127
      : kind === 'ipv6'
        ? isLoopbackV6(bare)
        : bare === 'localhost' || bare.endsWith('.localhost');
  const privateNetwork =
    !loopback &&
    (kind === 'ipv4'
      ? isPrivateV4(v4!)
      : kind === 'ipv6'
        ? isPrivateV6(bare)
        : kind === 'domain' && (!bare.includes('.') || PRIVATE_SUFFIXES.some((s) => bare.endsWith(s))));
  return {
    ascii,
    unicode: kind === 'domain' ? decodeIdn(ascii) : ascii,
    kind,
    loopback,
    privateNetwork,
    onion: kind === 'domain' && (bare === 'onion' || bare.endsWith('.onion')),
  };
}
