import { describe, expect, it } from 'vitest';
import { decodeIdn, hostFacts } from '@/utils/hosts';
import { normalizeHost } from '@/utils/host-shape';
import { siteOf } from '@/utils/sites';

describe('hostFacts', () => {
  it('classifies loopback names and addresses', () => {
    for (const h of ['localhost', 'app.localhost', '127.0.0.1', '127.9.9.9', '[::1]', '::1', 'localhost.']) {
      expect(hostFacts(h).loopback, h).toBe(true);
    }
    for (const h of ['example.com', '128.0.0.1', 'localhost.example.com', '::2']) expect(hostFacts(h).loopback, h).toBe(false);
  });

  it('tells IPv4, IPv6 and names apart, brackets and trailing dots included', () => {
    expect(hostFacts('192.0.2.1').kind).toBe('ipv4');
    expect(hostFacts('[2001:db8::1]').kind).toBe('ipv6');
    expect(hostFacts('999.1.1.1').kind).toBe('domain');
    expect(hostFacts('example.com.').kind).toBe('domain');
    expect(hostFacts('').kind).toBe('none');
  });

  it('marks private networks without calling them loopback', () => {
    for (const h of ['10.1.2.3', '192.168.1.1', '172.16.0.1', 'fd00::1', 'fe80::1', 'printer.local', 'router']) {
      const f = hostFacts(h);
      expect(f.privateNetwork, h).toBe(true);
      expect(f.loopback, h).toBe(false);
    }
    expect(hostFacts('172.32.0.1').privateNetwork).toBe(false);
  });

  it('does not call shared address space (carrier NAT, overlay VPNs) a private network', () => {
    for (const h of ['100.64.0.1', '100.100.100.100', '100.127.255.254']) expect(hostFacts(h).privateNetwork, h).toBe(false);
    for (const h of ['169.254.1.1', '172.31.255.255']) expect(hostFacts(h).privateNetwork, h).toBe(true);
  });

  it('decodes IDN labels for display and keeps the punycode', () => {
    const f = hostFacts('xn--bcher-kva.example');
    expect(f.unicode).toBe('bücher.example');
    expect(f.ascii).toBe('xn--bcher-kva.example');
    expect(hostFacts('xn--invalid-.example').ascii).toBe('xn--invalid-.example'); // never throws; the name is kept as sent
  });

  it('recognises onion services', () => {
    expect(hostFacts('duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion').onion).toBe(true);
    expect(hostFacts('onion.example').onion).toBe(false);
  });

  it('never throws on junk', () => {
    for (const h of [undefined, null, 42, '[', ']]', '.', '..', 'a'.repeat(5000)] as unknown[]) {
      expect(() => hostFacts(h as string)).not.toThrow();
      expect(() => normalizeHost(h as string)).not.toThrow();
    }
  });
});

describe('siteOf', () => {
  it('uses the Public Suffix List', () => {
    expect(siteOf('a.b.example.co.uk')).toBe('example.co.uk');
    expect(siteOf('user.github.io')).toBe('user.github.io');
    expect(siteOf('www.example.com.')).toBe('example.com');
    expect(siteOf('127.0.0.1')).toBe('127.0.0.1');
  });
});

describe('decodeIdn', () => {
  it('keeps the ASCII form of a name whose punycode cannot be decoded', () => {
    expect(decodeIdn('xn--99999999999.example')).toBe('xn--99999999999.example');
    expect(hostFacts('xn--99999999999.example').unicode).toBe('xn--99999999999.example');
    expect(decodeIdn('xn--bcher-kva.example')).toBe('bücher.example');
  });
});
