import { toUnicode } from 'punycode/punycode.es6.js';
import { hostShape } from './host-shape';

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

export function decodeIdn(ascii: string): string {
  if (!ascii.split('.').some((l) => l.startsWith('xn--'))) return ascii;
  try {
    return toUnicode(ascii);
  } catch {
    return ascii;
  }
}

export function hostFacts(raw: string): HostFacts {
  const shape = hostShape(raw);
  return { ...shape, unicode: shape.kind === 'domain' ? decodeIdn(shape.ascii) : shape.ascii };
}
