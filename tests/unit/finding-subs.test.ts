import { describe, expect, it } from 'vitest';
import type { Finding } from '@/utils/assess/posture';
import { findingSubs } from '@/utils/report/finding-subs';

// Each finding's placeholders, in order: page-controlled values go through `value` (inert in the
// popup, redacted in an export), words through `words`, counts as plain numbers. A part in the
// wrong slot, or a value not marked as one, is a sentence that says something else.

const value = (x: unknown) => `<${String(x)}>`;
const words = (key: string, fallback: unknown) => `{${key}|${String(fallback)}}`;
const subs = (f: Finding) => findingSubs(f, value, words);

describe('findingSubs', () => {
  const cases: [Finding, string[]][] = [
    [{ id: 'downgrade', from: 'https://a.test/x?token=1#f', to: 'http://a.test/y#z' }, ['<https://a.test/x>', '<http://a.test/y>']],
    [{ id: 'first-hop-http', from: 'http://a.test/', to: 'https://a.test/?q' }, ['<http://a.test/>', '<https://a.test/>']],
    [{ id: 'load-failed', error: 'net::ERR_NAME_NOT_RESOLVED' }, ['<net::ERR_NAME_NOT_RESOLVED>']],
    [{ id: 'certificate-rejected', error: 'SEC_ERROR_UNKNOWN_ISSUER' }, ['<SEC_ERROR_UNKNOWN_ISSUER>']],
    [{ id: 'certificate-proceeded', error: 'net::ERR_CERT_AUTHORITY_INVALID' }, ['<net::ERR_CERT_AUTHORITY_INVALID>']],
    [{ id: 'certificate-override', category: 'untrusted-issuer' }, ['{override_untrustedIssuer|untrusted-issuer}']],
    [{ id: 'weak-connection', reasons: ['weak cipher', 'short key'] }, ['<weak cipher, short key>']],
    [{ id: 'weak-connection' } as unknown as Finding, ['<>']],
    [{ id: 'custom-root', root: 'Corp CA' }, ['<Corp CA>']],
    [{ id: 'insecure-requests', hosts: ['a.test', 'b.test'] }, ['2']],
    [{ id: 'insecure-requests' } as unknown as Finding, ['0']],
    [{ id: 'mixed-active', count: 3 }, ['3']],
    [{ id: 'mixed-passive', count: 4 }, ['4']],
    [{ id: 'insecure-form', count: 1 }, ['1']],
    [{ id: 'password-on-http', count: 2 }, ['2']],
    [{ id: 'third-parties', count: 7 }, ['7']],
    [{ id: 'idn', unicode: 'bücher.test', ascii: 'xn--bcher-kva.test' }, ['<bücher.test>', '<xn--bcher-kva.test>']],
    [{ id: 'tls-outdated', protocol: 'TLSv1.1' }, ['TLS 1.1']],
    // The browser names the protocol; anything it says that is not a TLS version is shown as it came.
    [{ id: 'tls-outdated', protocol: 'SSLv3' }, ['SSLv3']],
    [{ id: 'tls-outdated', protocol: '' }, ['unknown']],
    [{ id: 'certificate-expiring', days: 5 }, ['5']],
    [{ id: 'proxy', type: 'https', host: 'proxy.corp', port: 3128, proxyDns: false }, ['<https proxy.corp:3128>']],
    [{ id: 'tor-proxy', host: '127.0.0.1', port: 9150 }, ['<127.0.0.1:9150>']],
    [{ id: 'private-network' }, []],
    [{ id: 'security-broken' }, []],
  ];
  it.each(cases)('%o', (f, expected) => {
    expect(subs(f)).toEqual(expected);
  });
});
