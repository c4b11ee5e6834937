import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isQuietHost, parseHostPattern } from '@/utils/settings-hosts';

const quiet = (patterns: string[], host: string) => isQuietHost({ quietHosts: patterns }, host);
const text = (input: string) => {
  const r = parseHostPattern(input);
  return r.ok ? r.text : r.problem;
};

describe('quiet-host patterns', () => {
  it('accept exact hosts, wildcards below a name, IP addresses and private ranges, in canonical form', () => {
    expect(text('NAS.example.LAN.')).toBe('nas.example.lan');
    expect(text('bücher.lan')).toBe('xn--bcher-kva.lan');
    expect(text('*.Home.Arpa')).toBe('*.home.arpa');
    expect(text('*.lan')).toBe('*.lan');
    expect(text('192.168.001.010')).toBe('invalid');
    expect(text('192.168.1.10')).toBe('192.168.1.10');
    expect(text('[FD00:0:0::1]')).toBe('fd00::1');
    expect(text('192.168.1.77/24')).toBe('192.168.1.0/24');
    expect(text('10.0.0.0/8')).toBe('10.0.0.0/8');
    expect(text('172.16.0.0/12')).toBe('172.16.0.0/12');
    expect(text('169.254.0.0/16')).toBe('169.254.0.0/16');
    expect(text('fd12:3456::/48')).toBe('fd12:3456::/48');
    expect(text('fe80::/10')).toBe('fe80::/10');
  });

  it('refuse ranges that reach outside the private networks, and say which kind', () => {
    for (const p of ['0.0.0.0/0', '8.8.8.0/24', '172.0.0.0/8', '192.0.0.0/8', '10.0.0.0/7', '2001:db8::/32', 'fc00::/6', '::/0', '127.0.0.0/8']) expect(text(p), p).toBe('public-range');
    for (const p of ['100.64.0.0/10', '100.100.0.0/16', '100.64.1.2/32']) expect(text(p), p).toBe('shared-range');
    expect(text('100.0.0.0/8')).toBe('public-range');
  });

  it('refuse what is not a host, and wildcards over a whole top-level domain', () => {
    for (const p of ['', '   ', 'http://nas.lan/', 'nas.lan:8080', 'user@nas.lan', 'a b.lan', '*', '*.', '**.lan', 'nas.*.lan', '..', '10.0.0.0/33', '10.0.0.0/x', '1.2.3', 'a'.repeat(300)]) {
      expect(parseHostPattern(p).ok, p).toBe(false);
    }
    expect(text('*.com')).toBe('too-broad');
    expect(text('*.example.com')).toBe('*.example.com');
    for (const junk of [undefined, null, 7, {}, []]) expect(parseHostPattern(junk).ok).toBe(false);
  });

  it('match page hosts as URLs give them', () => {
    expect(quiet(['nas.example.lan'], 'nas.example.lan')).toBe(true);
    expect(quiet(['nas.example.lan'], 'nas.example.lan.')).toBe(true);
    expect(quiet(['nas.example.lan'], 'evil-nas.example.lan')).toBe(false);
    expect(quiet(['*.example.lan'], 'printer.example.lan')).toBe(true);
    expect(quiet(['*.example.lan'], 'a.b.example.lan')).toBe(true);
    expect(quiet(['*.example.lan'], 'example.lan')).toBe(false);
    expect(quiet(['*.example.lan'], 'badexample.lan')).toBe(false);
    expect(quiet(['192.168.1.10'], '192.168.1.10')).toBe(true);
    expect(quiet(['192.168.1.10'], '192.168.1.100')).toBe(false);
    expect(quiet(['192.168.1.0/24'], '192.168.1.254')).toBe(true);
    expect(quiet(['192.168.1.0/24'], '192.168.2.1')).toBe(false);
    expect(quiet(['fd00::/8'], '[fd12::1]')).toBe(true);
    expect(quiet(['fd00::/8'], 'fe80::1')).toBe(false);
    expect(quiet(['fd00::1'], 'fd00:0::1')).toBe(true);
    expect(quiet(['10.0.0.0/8'], '10.example.com')).toBe(false);
    expect(quiet([], 'anything.lan')).toBe(false);
    expect(quiet(['nas.lan'], undefined as unknown as string)).toBe(false);
  });

  it('a private range matches exactly the addresses under its prefix (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 16, max: 32 }), fc.integer({ min: 0, max: 0xffff }), (net, prefix, other) => {
        const base = `192.168.${net >> 8}.${net & 255}`;
        const host = `192.168.${other >> 8}.${other & 255}`;
        const maskBits = prefix - 16;
        const same = maskBits === 0 || (net >> (16 - maskBits)) === (other >> (16 - maskBits));
        expect(quiet([`${base}/${prefix}`], host)).toBe(same);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text (property)', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (p, h) => {
      const r = parseHostPattern(p);
      if (r.ok) expect(parseHostPattern(r.text)).toEqual(r);
      expect(typeof quiet([p], h)).toBe('boolean');
    }));
  });
});
