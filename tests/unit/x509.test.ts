import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonNameOf, normalizeFingerprint } from '@/utils/certificate/text';
import { MAX_DER_BYTES, countScts, parseCertificate } from '@/utils/certificate/x509';
import { cleanText } from '@/utils/clean-text';

// Fixtures made by tests/fixtures/certs/make-certs.sh (openssl), signed by a throwaway test root.
const der = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/certs/${name}.der`, import.meta.url)));
const DAY = 86_400_000;

describe('parseCertificate', () => {
  it('reads an RSA 2048 leaf with DNS and IP names', () => {
    const { facts, problems } = parseCertificate(der('rsa2048'));
    expect(problems).toEqual([]);
    expect(facts).toMatchObject({
      subject: 'CN=www.example.test,O=Example\\, Inc.,C=DE',
      subjectCommonName: 'www.example.test',
      subjectAltNames: ['www.example.test', 'example.test', '192.0.2.7', '2001:db8::1'],
      issuer: 'CN=Onlooker Test Root,O=Onlooker Test,C=US',
      issuerCommonName: 'Onlooker Test Root',
      serialNumber: '01:A2:B3',
      keyType: 'RSA',
      keyBits: 2048,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      sctCount: 0,
    });
    expect(facts.notAfter! - facts.notBefore!).toBe(90 * DAY);
  });

  it('reads EC and Ed25519 keys with their sizes', () => {
    expect(parseCertificate(der('ec-p256')).facts).toMatchObject({ keyType: 'EC P-256', keyBits: 256, subjectAltNames: ['ec.example.test'] });
    expect(parseCertificate(der('ed25519')).facts).toMatchObject({ keyType: 'Ed25519', keyBits: 256 });
  });

  it('counts the SCTs of an embedded SCT list', () => {
    const { facts, problems } = parseCertificate(der('sct'));
    expect(problems).toEqual([]);
    expect(facts).toMatchObject({ sctCount: 2, keyType: 'EC P-384', keyBits: 384 });
  });

  it('reads a self-issued root', () => {
    const { facts } = parseCertificate(der('root'));
    expect(facts.subject).toBe(facts.issuer);
    expect(facts.subjectAltNames).toBeUndefined();
  });

  it('neutralises bidi overrides and keeps markup as plain text', () => {
    const { facts } = parseCertificate(der('hostile'));
    expect(facts.subjectCommonName).toBe('evil\ufffdgnp.exe');
    expect(facts.subject).toBe('CN=evil\ufffdgnp.exe,O=\\<b\\>Bank\\</b\\>');
  });

  it('accepts ArrayBuffer, typed arrays and byte arrays alike', () => {
    const bytes = der('ec-p256');
    const expected = parseCertificate(bytes).facts;
    expect(parseCertificate(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)).facts).toEqual(expected);
    expect(parseCertificate(Array.from(bytes)).facts).toEqual(expected);
    expect(parseCertificate(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)).facts).toEqual(expected);
  });

  it('says what it could not read instead of throwing', () => {
    expect(parseCertificate(der('truncated'))).toEqual({ facts: {}, problems: ['der-unreadable'] });
    expect(parseCertificate(der('garbage'))).toEqual({ facts: {}, problems: ['der-unreadable'] });
    expect(parseCertificate(undefined)).toEqual({ facts: {}, problems: ['no-der'] });
    expect(parseCertificate('MIIB...')).toEqual({ facts: {}, problems: ['no-der'] });
    expect(parseCertificate([1, 2, 300])).toEqual({ facts: {}, problems: ['no-der'] });
    expect(parseCertificate(new Uint8Array(MAX_DER_BYTES + 1))).toEqual({ facts: {}, problems: ['der-too-large'] });
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        const r = parseCertificate(bytes);
        expect(Array.isArray(r.problems)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on a real certificate with bytes changed', () => {
    const base = der('rsa2048');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (edits) => {
        const bytes = base.slice();
        for (const [i, b] of edits) bytes[i] = b;
        const r = parseCertificate(bytes);
        // Whatever was read is still plain, bounded data.
        expect(JSON.stringify(r.facts).length).toBeLessThan(20_000);
      }),
      { numRuns: 500 },
    );
  });
});

describe('countScts', () => {
  it('counts well-formed lists and refuses malformed ones', () => {
    expect(countScts(Uint8Array.from([0, 14, 0, 5, 1, 2, 3, 4, 5, 0, 5, 6, 7, 8, 9, 10]))).toBe(2);
    expect(countScts(Uint8Array.from([0, 0]))).toBe(0);
    expect(countScts(Uint8Array.from([0, 6, 0, 5, 1, 2, 3, 4]))).toBeUndefined(); // wrong total
    expect(countScts(Uint8Array.from([0, 4, 0, 5, 1, 2]))).toBeUndefined(); // entry overruns
    expect(countScts(Uint8Array.from([0, 2, 0, 0]))).toBeUndefined(); // empty entry
    expect(countScts(Uint8Array.from([7]))).toBeUndefined();
  });
});

describe('certificate text', () => {
  it('finds the common name in RFC 4514 and NSS-style names', () => {
    expect(commonNameOf('CN=*.cdn.mozilla.net,O=Mozilla Corporation,C=US')).toBe('*.cdn.mozilla.net');
    expect(commonNameOf('O="DigiCert, Inc.",CN=DigiCert CA')).toBe('DigiCert CA');
    expect(commonNameOf('O=a\\,b,cn=x\\2Cy')).toBe('x,y');
    expect(commonNameOf('OU=x+CN=multi,C=US')).toBe('multi');
    expect(commonNameOf('O=No Name')).toBeUndefined();
    expect(commonNameOf(42)).toBeUndefined();
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => void commonNameOf(s)), { numRuns: 1000 });
  });

  it('normalises fingerprints and refuses anything else', () => {
    const hex = 'ab'.repeat(32);
    const colons = 'AB:'.repeat(31) + 'AB';
    expect(normalizeFingerprint(hex)).toBe(colons);
    expect(normalizeFingerprint(colons.toLowerCase())).toBe(colons);
    expect(normalizeFingerprint('AB:CD')).toBeUndefined();
    expect(normalizeFingerprint('<img src=x>')).toBeUndefined();
    expect(normalizeFingerprint(undefined)).toBeUndefined();
  });

  it('cleans control and bidi characters and bounds length', () => {
    expect(cleanText('a\u0000b\u202ec\u2066d')).toBe('a\ufffdb\ufffdc\ufffdd');
    expect(cleanText('x'.repeat(10_000), 256)).toHaveLength(256);
    expect(cleanText({})).toBe('');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(cleanText(s, 100)).not.toMatch(/[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 1000 },
    );
  });
});
