// What kind of address a browser connected to, from the text it reports: the family as the person
// should read it (an IPv6 address that carries an IPv4 one is IPv4 underneath: NAT64 64:ff9b::/96,
// RFC 6052; IPv4-mapped ::ffff:0:0/96, RFC 4291 §2.5.5.2) and its scope (RFC 6890 special-purpose
// registries: loopback, private, link-local, shared 100.64/10 of RFC 6598, or public).
// Pure and total: any string gives an answer, "unknown" for what is not an address.

export type AddressFamily = 'ipv4' | 'ipv6' | 'nat64' | 'mapped' | 'unknown';
export type AddressScope = 'loopback' | 'private' | 'link-local' | 'shared' | 'reserved' | 'public' | 'unknown';

export interface Address {
  /** The address as reported, without brackets or zone. */
  text: string;
  family: AddressFamily;
  scope: AddressScope;
  /** The IPv4 address a NAT64 or mapped IPv6 address carries. */
  ipv4?: string;
  /** An IPv6 zone id (`fe80::1%eth0`): which interface of this device, not part of the address. */
  zone?: string;
}

const UNKNOWN = (text: string): Address => ({ text, family: 'unknown', scope: 'unknown' });

/** Four octets, or undefined. Leading zeros are refused: some parsers read them as octal. */
function ipv4Octets(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

/** Eight 16-bit groups, or undefined; accepts `::` once and a dotted IPv4 tail. */
function ipv6Groups(s: string): number[] | undefined {
  if (!/^[0-9a-f:.]+$/i.test(s)) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string, allowV4Tail: boolean): number[] | undefined => {
    if (!part) return [];
    const pieces = part.split(':');
    const out: number[] = [];
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i]!;
      if (allowV4Tail && i === pieces.length - 1 && p.includes('.')) {
        const v4 = ipv4Octets(p);
        if (!v4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-f]{1,4}$/i.test(p)) out.push(parseInt(p, 16));
      else return undefined;
    }
    return out;
  };
  if (halves.length === 1) {
    const g = parse(halves[0]!, true);
    return g && g.length === 8 ? g : undefined;
  }
  const head = parse(halves[0]!, false);
  const tail = parse(halves[1]!, true);
  if (!head || !tail || head.length + tail.length > 7) return undefined;
  return [...head, ...Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

function ipv4Scope(o: number[]): AddressScope {
  const [a, b] = o as [number, number, number, number];
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 100 && b >= 64 && b <= 127) return 'shared';
  // "This network", IETF protocol assignments, documentation, benchmarking, multicast and above.
  if (a === 0 || a >= 224 || (a === 192 && b === 0) || (a === 198 && (b === 18 || b === 19 || b === 51)) || (a === 203 && b === 0 && o[2] === 113)) return 'reserved';
  return 'public';
}

function ipv6Scope(g: number[]): AddressScope {
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(7) && g[7] === 1) return 'loopback';
  if (zeroUpTo(8)) return 'reserved';
  if ((g[0]! & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0]! & 0xff00) === 0xff00) return 'reserved'; // multicast
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'reserved'; // documentation
  return 'public';
}

const dotted = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];

export function classifyAddress(raw: unknown): Address {
  if (typeof raw !== 'string') return UNKNOWN('');
  let s = raw.trim();
  if (s.length > 80) return UNKNOWN(s.slice(0, 80));
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const v4 = ipv4Octets(s);
  if (v4) return { text: s, family: 'ipv4', scope: ipv4Scope(v4) };
  let zone: string | undefined;
  const pct = s.indexOf('%');
  if (pct >= 0) {
    zone = s.slice(pct + 1);
    s = s.slice(0, pct);
    if (!/^[\w.-]{1,32}$/.test(zone)) return UNKNOWN(raw.trim());
  }
  const g = ipv6Groups(s);
  if (!g) return UNKNOWN(raw.trim());
  const withZone = (a: Address): Address => (zone === undefined ? a : { ...a, zone });
  const carried = dotted(g[6]!, g[7]!);
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    return withZone({ text: s, family: 'mapped', scope: ipv4Scope(carried), ipv4: carried.join('.') });
  }
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) {
    return withZone({ text: s, family: 'nat64', scope: ipv4Scope(carried), ipv4: carried.join('.') });
  }
  return withZone({ text: s, family: 'ipv6', scope: ipv6Scope(g) });
}

/** IPv4 underneath: what the person should read as the address's family. */
export const carriesIpv4 = (a: Address) => a.family === 'ipv4' || a.family === 'nat64' || a.family === 'mapped';
