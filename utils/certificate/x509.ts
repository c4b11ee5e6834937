import { AsnConvert, AsnIntegerArrayBufferConverter, AsnProp, AsnPropTypes, AsnType, AsnTypeTypes, OctetString } from '@peculiar/asn1-schema';
import { Certificate, SubjectAlternativeName, id_ce_subjectAltName, type Name } from '@peculiar/asn1-x509';
import type { CertificateFacts } from '../page-view';
import { cleanText } from '../clean-text';

// One certificate in DER (Chrome's security-info `rawDER`) -> the facts the report shows. Parsing is
// done by @peculiar/asn1-x509; this file only picks fields and names them. It never throws: what it
// cannot read becomes a `problems` entry and the facts it could read are kept.

export interface ParsedCertificate {
  facts: CertificateFacts;
  problems: string[];
}

/** Real certificates are a few kilobytes (post-quantum ones up to ~20 KB); anything far larger is refused. */
export const MAX_DER_BYTES = 64 * 1024;
const MAX_SANS = 100;
const MAX_NAME_CHARS = 1024;

/** RFC 6962 §3.3: the SCT list embedded in a certificate. */
export const SCT_LIST_OID = '1.3.6.1.4.1.11129.2.4.2';

const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.42': 'GN',
  '2.5.4.97': 'organizationIdentifier',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'E',
  '1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionC',
  '2.5.4.15': 'businessCategory',
};

const SIGNATURE_NAMES: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '2.16.840.1.101.3.4.3.17': 'ML-DSA-44',
  '2.16.840.1.101.3.4.3.18': 'ML-DSA-65',
  '2.16.840.1.101.3.4.3.19': 'ML-DSA-87',
};

/** Public-key algorithms whose size follows from the algorithm itself (bits of the key, as usually quoted). */
const FIXED_KEYS: Record<string, { type: string; bits?: number }> = {
  '1.3.101.112': { type: 'Ed25519', bits: 256 },
  '1.3.101.113': { type: 'Ed448', bits: 456 },
  '1.3.101.110': { type: 'X25519', bits: 256 },
  '1.2.840.10040.4.1': { type: 'DSA' },
  '2.16.840.1.101.3.4.3.17': { type: 'ML-DSA-44' },
  '2.16.840.1.101.3.4.3.18': { type: 'ML-DSA-65' },
  '2.16.840.1.101.3.4.3.19': { type: 'ML-DSA-87' },
};
const RSA_KEYS: Record<string, string> = { '1.2.840.113549.1.1.1': 'RSA', '1.2.840.113549.1.1.10': 'RSA-PSS' };
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
/** Named curves by the DER of their OID (the ecPublicKey parameters), with their size in bits. */
const CURVES: Record<string, { name: string; bits: number }> = {
  '06082a8648ce3d030107': { name: 'P-256', bits: 256 },
  '06052b81040022': { name: 'P-384', bits: 384 },
  '06052b81040023': { name: 'P-521', bits: 521 },
  '06052b8104000a': { name: 'secp256k1', bits: 256 },
};

/** RFC 8017 RSAPublicKey; declared with the library's decorators called as plain functions. */
class RsaPublicKey {
  modulus = new ArrayBuffer(0);
  publicExponent = new ArrayBuffer(0);
}
let rsaSchemaReady = false;

/** Registered on first use, so that importing this file has no side effect (and tree-shakes away). */
function rsaPublicKeySchema(): typeof RsaPublicKey {
  if (!rsaSchemaReady) {
    AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })(RsaPublicKey.prototype, 'modulus');
    AsnProp({ type: AsnPropTypes.Integer, converter: AsnIntegerArrayBufferConverter })(RsaPublicKey.prototype, 'publicExponent');
    AsnType({ type: AsnTypeTypes.Sequence })(RsaPublicKey as never);
    rsaSchemaReady = true;
  }
  return RsaPublicKey;
}

function toBytes(der: unknown): Uint8Array | undefined {
  if (der instanceof Uint8Array) return der;
  if (der instanceof ArrayBuffer) return new Uint8Array(der);
  if (ArrayBuffer.isView(der)) return new Uint8Array(der.buffer, der.byteOffset, der.byteLength);
  if (Array.isArray(der) && der.length <= MAX_DER_BYTES && der.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
    return Uint8Array.from(der as number[]);
  }
  return undefined;
}

export function hex(buf: ArrayBuffer | Uint8Array, sep = ''): string {
  const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
  const out: string[] = [];
  for (const b of bytes) out.push(b.toString(16).padStart(2, '0'));
  return out.join(sep);
}

function escapeDnValue(v: string): string {
  let s = v.replace(/[\\,+"<>;=]/g, (c) => '\\' + c);
  if (s.startsWith('#') || s.startsWith(' ')) s = '\\' + s;
  if (s.endsWith(' ') && s.length > 1) s = s.slice(0, -1) + '\\ ';
  return s;
}

/** RFC 4514 string (most specific RDN first, as Firefox shows it) and the first common name. */
function describeName(name: Name): { dn: string; cn?: string } {
  const rdns: string[] = [];
  let cn: string | undefined;
  for (let i = name.length - 1; i >= 0; i--) {
    const parts: string[] = [];
    for (const atv of name[i] ?? []) {
      const type = ATTRIBUTE_NAMES[atv.type] ?? atv.type;
      const raw = atv.value.anyValue ? '#' + hex(atv.value.anyValue) : atv.value.toString();
      const value = cleanText(raw, MAX_NAME_CHARS);
      if (type === 'CN' && cn === undefined) cn = value;
      parts.push(`${type}=${atv.value.anyValue ? value : escapeDnValue(value)}`);
    }
    rdns.push(parts.join('+'));
  }
  return { dn: cleanText(rdns.join(','), MAX_NAME_CHARS), cn };
}

/** Entries in a TLS-encoded SignedCertificateTimestampList (RFC 6962 §3.3): uint16 length, then uint16-prefixed SCTs. */
export function countScts(list: Uint8Array): number | undefined {
  if (list.length < 2) return undefined;
  const total = (list[0]! << 8) | list[1]!;
  if (total !== list.length - 2) return undefined;
  let n = 0;
  let i = 2;
  while (i < list.length) {
    if (i + 2 > list.length) return undefined;
    const len = (list[i]! << 8) | list[i + 1]!;
    if (len === 0 || i + 2 + len > list.length) return undefined;
    i += 2 + len;
    n++;
  }
  return n;
}

function keyFacts(cert: Certificate, facts: CertificateFacts, problems: string[]): void {
  const spki = cert.tbsCertificate.subjectPublicKeyInfo;
  const oid = spki.algorithm.algorithm;
  const rsa = RSA_KEYS[oid];
  if (rsa) {
    facts.keyType = rsa;
    try {
      const key = AsnConvert.parse(spki.subjectPublicKey, rsaPublicKeySchema());
      const m = new Uint8Array(key.modulus);
      let start = 0;
      while (start < m.length && m[start] === 0) start++;
      if (start < m.length) facts.keyBits = (m.length - start - 1) * 8 + (32 - Math.clz32(m[start]!));
    } catch {
      problems.push('rsa-key-unreadable');
    }
    return;
  }
  if (oid === EC_PUBLIC_KEY) {
    const params = spki.algorithm.parameters;
    const curve = params ? CURVES[hex(params)] : undefined;
    facts.keyType = curve ? `EC ${curve.name}` : 'EC';
    if (curve) facts.keyBits = curve.bits;
    return;
  }
  const fixed = FIXED_KEYS[oid];
  facts.keyType = fixed?.type ?? cleanText(oid, 64);
  if (fixed?.bits) facts.keyBits = fixed.bits;
}

function extensionFacts(cert: Certificate, facts: CertificateFacts, problems: string[]): void {
  let sawSctList = false;
  for (const ext of cert.tbsCertificate.extensions ?? []) {
    if (ext.extnID === id_ce_subjectAltName) {
      try {
        const names = AsnConvert.parse(ext.extnValue, SubjectAlternativeName);
        const sans: string[] = [];
        for (const n of names) {
          const v = n.dNSName ?? n.iPAddress;
          if (v === undefined) continue;
          if (sans.length >= MAX_SANS) {
            problems.push('san-truncated');
            break;
          }
          sans.push(cleanText(v, 253));
        }
        facts.subjectAltNames = sans;
      } catch {
        problems.push('san-unreadable');
      }
    } else if (ext.extnID === SCT_LIST_OID) {
      sawSctList = true;
      try {
        const inner = AsnConvert.parse(ext.extnValue, OctetString);
        const n = countScts(new Uint8Array(inner.buffer));
        if (n === undefined) problems.push('sct-list-malformed');
        else facts.sctCount = n;
      } catch {
        problems.push('sct-list-malformed');
      }
    }
  }
  // Embedded SCTs are the usual way a public certificate proves it was logged; none is a fact too.
  if (!sawSctList) facts.sctCount = 0;
}

/** Parse one DER certificate. Never throws; `problems` says what could not be read. */
export function parseCertificate(der: unknown): ParsedCertificate {
  const problems: string[] = [];
  const facts: CertificateFacts = {};
  const bytes = toBytes(der);
  if (!bytes || bytes.length === 0) return { facts, problems: ['no-der'] };
  if (bytes.length > MAX_DER_BYTES) return { facts, problems: ['der-too-large'] };
  let cert: Certificate;
  try {
    cert = AsnConvert.parse(bytes, Certificate);
  } catch {
    return { facts, problems: ['der-unreadable'] };
  }
  const steps: [string, () => void][] = [
    ['subject-unreadable', () => {
      const s = describeName(cert.tbsCertificate.subject);
      facts.subject = s.dn;
      if (s.cn !== undefined) facts.subjectCommonName = s.cn;
    }],
    ['issuer-unreadable', () => {
      const s = describeName(cert.tbsCertificate.issuer);
      facts.issuer = s.dn;
      if (s.cn !== undefined) facts.issuerCommonName = s.cn;
    }],
    ['validity-unreadable', () => {
      const from = cert.tbsCertificate.validity.notBefore.getTime().getTime();
      const to = cert.tbsCertificate.validity.notAfter.getTime().getTime();
      if (Number.isFinite(from)) facts.notBefore = from;
      if (Number.isFinite(to)) facts.notAfter = to;
    }],
    ['serial-unreadable', () => {
      facts.serialNumber = hex(cert.tbsCertificate.serialNumber, ':').toUpperCase().slice(0, 3 * 64);
    }],
    ['signature-unreadable', () => {
      const oid = cert.signatureAlgorithm.algorithm;
      facts.signatureAlgorithm = SIGNATURE_NAMES[oid] ?? cleanText(oid, 64);
    }],
    ['key-unreadable', () => keyFacts(cert, facts, problems)],
    ['extensions-unreadable', () => extensionFacts(cert, facts, problems)],
  ];
  for (const [problem, step] of steps) {
    try {
      step();
    } catch {
      problems.push(problem);
    }
  }
  return { facts, problems };
}
