import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carriesIpv4, classifyAddress } from '@/utils/addresses';

describe('classifyAddress', () => {
  it.each([
    ['93.184.216.34', 'ipv4', 'public'],
    ['127.0.0.1', 'ipv4', 'loopback'],
    ['10.1.2.3', 'ipv4', 'private'],
    ['172.16.0.1', 'ipv4', 'private'],
    ['172.32.0.1', 'ipv4', 'public'],
    ['192.168.1.1', 'ipv4', 'private'],
    ['169.254.10.1', 'ipv4', 'link-local'],
    ['100.64.0.1', 'ipv4', 'shared'],
    ['100.127.255.255', 'ipv4', 'shared'],
    ['100.128.0.1', 'ipv4', 'public'],
    ['198.51.100.7', 'ipv4', 'reserved'],
    ['0.0.0.0', 'ipv4', 'reserved'],
    ['2606:4700::6810:84e5', 'ipv6', 'public'],
    ['::1', 'ipv6', 'loopback'],
    ['[::1]', 'ipv6', 'loopback'],
    ['::', 'ipv6', 'reserved'],
    ['fd12:3456::1', 'ipv6', 'private'],
    ['fe80::1', 'ipv6', 'link-local'],
    ['2001:db8::1', 'ipv6', 'reserved'],
    ['ff02::1', 'ipv6', 'reserved'],
  ])('%s is %s, %s', (ip, family, scope) => {
    expect(classifyAddress(ip)).toMatchObject({ family, scope });
  });

  it('reads NAT64 64:ff9b::/96 as IPv4 underneath, with the address it carries', () => {
    expect(classifyAddress('64:ff9b::5db8:d822')).toMatchObject({ family: 'nat64', ipv4: '93.184.216.34', scope: 'public' });
    expect(classifyAddress('64:ff9b::192.0.2.33')).toMatchObject({ family: 'nat64', ipv4: '192.0.2.33' });
    // Outside the /96 it is an ordinary IPv6 address.
    expect(classifyAddress('64:ff9b:1::5db8:d822').family).toBe('ipv6');
    expect(carriesIpv4(classifyAddress('64:ff9b::5db8:d822'))).toBe(true);
  });

  it('reads IPv4-mapped ::ffff:0:0/96 as IPv4 underneath, in both notations', () => {
    expect(classifyAddress('::ffff:192.168.0.1')).toMatchObject({ family: 'mapped', ipv4: '192.168.0.1', scope: 'private' });
    expect(classifyAddress('::ffff:7f00:1')).toMatchObject({ family: 'mapped', ipv4: '127.0.0.1', scope: 'loopback' });
    expect(classifyAddress('0:0:0:0:0:ffff:808:808')).toMatchObject({ family: 'mapped', ipv4: '8.8.8.8', scope: 'public' });
    expect(carriesIpv4(classifyAddress('::ffff:808:808'))).toBe(true);
    expect(carriesIpv4(classifyAddress('2001:4860::8888'))).toBe(false);
  });

  it('keeps a zone id apart from the address', () => {
    expect(classifyAddress('fe80::1%eth0')).toEqual({ text: 'fe80::1', family: 'ipv6', scope: 'link-local', zone: 'eth0' });
    expect(classifyAddress('fe80::1%').family).toBe('unknown');
    expect(classifyAddress('fe80::1%<b>').family).toBe('unknown');
  });

  it.each(['', 'example.com', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1::2::3', '12345::1', '1:2:3:4:5:6:7:8:9', ':::', 'g::1', '1.2.3.4:80'])(
    'refuses %j',
    (s) => {
      expect(classifyAddress(s)).toMatchObject({ family: 'unknown', scope: 'unknown' });
    },
  );

  it('agrees with the families of Node for every generated address', async () => {
    const { isIPv4, isIPv6 } = await import('node:net');
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 40 })), (s) => {
        const a = classifyAddress(s);
        if (isIPv4(s)) expect(a.family).toBe('ipv4');
        else if (isIPv6(s)) expect(['ipv6', 'nat64', 'mapped']).toContain(a.family);
        else expect(a.family).toBe('unknown');
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws and never returns a longer text than it was given, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const a = classifyAddress(x);
        expect(a.text.length).toBeLessThanOrEqual(80);
      }),
    );
  });
});

describe('classifyAddress at the edges of each range (RFC 6890)', () => {
  const scope = (s: string) => classifyAddress(s).scope;

  it('puts the first and last address of each IPv4 range in it, and its neighbours outside', () => {
    const cases: [string, string][] = [
      ['172.16.0.0', 'private'], ['172.31.255.255', 'private'], ['172.15.255.255', 'public'], ['172.32.0.0', 'public'],
      ['192.168.0.1', 'private'], ['192.169.0.1', 'public'], ['193.168.0.1', 'public'], ['10.168.0.1', 'private'],
      ['169.254.0.1', 'link-local'], ['169.253.0.1', 'public'], ['170.254.0.1', 'public'],
      ['100.64.0.0', 'shared'], ['100.127.255.255', 'shared'], ['100.63.255.255', 'public'], ['100.128.0.0', 'public'], ['101.64.0.1', 'public'],
      ['0.1.2.3', 'reserved'], ['223.255.255.255', 'public'], ['224.0.0.1', 'reserved'], ['255.255.255.255', 'reserved'],
      ['192.0.0.1', 'reserved'], ['192.1.0.1', 'public'], ['193.0.0.1', 'public'],
      ['198.18.0.1', 'reserved'], ['198.19.255.1', 'reserved'], ['198.51.100.1', 'reserved'], ['198.20.0.1', 'public'], ['199.18.0.1', 'public'], ['198.50.0.1', 'public'],
      ['203.0.113.1', 'reserved'], ['203.0.114.1', 'public'], ['203.1.113.1', 'public'], ['204.0.113.1', 'public'],
    ];
    for (const [address, expected] of cases) expect(scope(address), address).toBe(expected);
  });

  it('knows IPv6 documentation, NAT64 and mapped prefixes by both groups', () => {
    expect(scope('2001:db8::1')).toBe('reserved');
    expect(scope('2001:db9::1')).toBe('public');
    expect(scope('2002:db8::1')).toBe('public');
    expect(classifyAddress('64:ff9b::c000:201').family).toBe('nat64');
    expect(classifyAddress('64:ff9a::c000:201').family).toBe('ipv6');
    expect(classifyAddress('65:ff9b::c000:201').family).toBe('ipv6');
    expect(classifyAddress('::1:0:ffff:c000:201').family).toBe('ipv6');
  });

  it('reads only whole addresses, trimmed and in matched brackets, up to 80 characters', () => {
    expect(classifyAddress(' 192.0.2.1 ')).toEqual({ text: '192.0.2.1', family: 'ipv4', scope: 'reserved' });
    expect(classifyAddress('[2001:db8::1]')).toEqual({ text: '2001:db8::1', family: 'ipv6', scope: 'reserved' });
    expect(classifyAddress('[2001:db8::1').family).toBe('unknown');
    expect(classifyAddress('2001:db8::1]').family).toBe('unknown');
    expect(classifyAddress('x2001:db8::1').family).toBe('unknown');
    expect(classifyAddress('2001:db8::1x').family).toBe('unknown');
    expect(classifyAddress(42)).toEqual({ text: '', family: 'unknown', scope: 'unknown' });
    const long = '0'.repeat(79) + '1';
    expect(classifyAddress(long).text).toBe(long);
    expect(classifyAddress(' ' + '0'.repeat(81) + ' ').text).toBe('0'.repeat(80));
  });

  it('refuses a zone that is empty, too long or has other characters, and an address after "%" only', () => {
    expect(classifyAddress('fe80::1%').family).toBe('unknown');
    expect(classifyAddress('fe80::1%' + 'a'.repeat(33)).family).toBe('unknown');
    expect(classifyAddress('fe80::1%e th0').family).toBe('unknown');
    expect(classifyAddress('fe80::1%eth0 ')).toEqual({ text: 'fe80::1', family: 'ipv6', scope: 'link-local', zone: 'eth0' });
    expect(classifyAddress('%eth0').family).toBe('unknown');
    expect(classifyAddress('fe80::1')).not.toHaveProperty('zone');
  });

  it('counts IPv4 underneath for IPv4, NAT64 and mapped only', () => {
    expect(['192.0.2.1', '64:ff9b::c000:201', '::ffff:192.0.2.1', '2001:db8::1', 'x'].map((a) => carriesIpv4(classifyAddress(a)))).toEqual([true, true, true, false, false]);
  });
});
