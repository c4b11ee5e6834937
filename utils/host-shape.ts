import type { HostFacts } from './hosts';

// What a hostname is (domain, IP literal; loopback, private network, onion) without decoding IDN
// labels, so that code which needs only that (the popup's report model) does not ship punycode.

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

export function hostShape(raw: string): Omit<HostFacts, 'unicode'> {
  const ascii = normalizeHost(raw);
  const bare = ascii.endsWith('.') ? ascii.slice(0, -1) : ascii;
  const v4 = ipv4Octets(bare);
  const kind: HostFacts['kind'] = !bare ? 'none' : v4 ? 'ipv4' : bare.includes(':') ? 'ipv6' : 'domain';
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
  return { ascii, kind, loopback, privateNetwork, onion: kind === 'domain' && (bare === 'onion' || bare.endsWith('.onion')) };
}
