import { cleanText } from '../clean-text';
import { base64Sha256, commonNameOf, normalizeFingerprint } from '../certificate/text';
import type { CertificateFacts, ConnectionSecurity, SecurityState } from '../page-view';
import type { CaptureEvent } from './events';
import { guarded } from './guard';
import { onHeadersReceived, type WebRequestApi } from './web-request';
import { isObj, type Obj } from './untrusted';

// Firefox: webRequest.getSecurityInfo(), the richest TLS view any browser gives an extension. It only
// answers inside a *blocking* onHeadersReceived listener, so that listener must cost the page nothing:
// it asks for the security info and returns {} in the same turn; the answer arrives later as a
// `main-security` event, matched to the navigation by requestId.

type Emit = (ev: CaptureEvent) => void;

const MAX_CERTIFICATES = 10;
const STATES = new Set<SecurityState>(['secure', 'weak', 'broken', 'insecure']);
const DEPRECATED_ERROR_FLAGS: [string, string][] = [
  ['isUntrusted', 'trust_error'],
  ['isDomainMismatch', 'domain_mismatch'],
  ['isNotValidAtThisTime', 'expired_or_not_yet_valid'],
];

const str = (v: unknown, max = 128) => (typeof v === 'string' && v ? cleanText(v, max) : undefined);
const bool = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Drop undefined members, so the stored record stays small and compares cleanly. */
function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

function certificateFacts(c: Obj): CertificateFacts {
  const subject = str(c.subject, 1024);
  const issuer = str(c.issuer, 1024);
  const validity = isObj(c.validity) ? c.validity : {};
  const fingerprint = isObj(c.fingerprint) ? c.fingerprint : {};
  const cn = subject ? commonNameOf(subject) : undefined;
  const issuerCn = issuer ? commonNameOf(issuer) : undefined;
  return compact<CertificateFacts>({
    subject,
    subjectCommonName: cn === undefined ? undefined : cleanText(cn, 256),
    issuer,
    issuerCommonName: issuerCn === undefined ? undefined : cleanText(issuerCn, 256),
    notBefore: num(validity.start),
    notAfter: num(validity.end),
    sha256: normalizeFingerprint(fingerprint.sha256),
    spkiSha256: isObj(c.subjectPublicKeyInfoDigest) ? base64Sha256(c.subjectPublicKeyInfoDigest.sha256) : undefined,
    serialNumber: str(c.serialNumber, 200),
    isBuiltInRoot: bool(c.isBuiltInRoot),
  });
}

/** A problem-only record, for when the browser gave nothing usable. */
export function unknownSecurity(problem: string): ConnectionSecurity {
  return { source: 'firefox', state: 'unknown', certificates: [], problems: [problem] };
}

/** Firefox's SecurityInfo (MDN webRequest.SecurityInfo) -> ConnectionSecurity. Total: any input works. */
export function normalizeFirefoxSecurityInfo(info: unknown): ConnectionSecurity {
  if (!isObj(info)) return unknownSecurity(info === undefined ? 'no-security-info' : 'unreadable-security-info');
  const problems: string[] = [];
  const state = typeof info.state === 'string' && STATES.has(info.state as SecurityState) ? (info.state as SecurityState) : 'unknown';
  if (state === 'unknown') problems.push('unknown-state');

  const rawCerts = Array.isArray(info.certificates) ? info.certificates : [];
  const certificates = rawCerts.filter(isObj).slice(0, MAX_CERTIFICATES).map(certificateFacts);
  if (rawCerts.length > MAX_CERTIFICATES) problems.push('chain-truncated');
  // With certificateChain the chain ends in a root: a self-issued certificate or one of the built-in roots.
  const last = certificates[certificates.length - 1];
  const chainComplete =
    certificates.length >= 1 && rawCerts.length <= MAX_CERTIFICATES && !!last && (last.isBuiltInRoot === true || (!!last.subject && last.subject === last.issuer));

  // An overridden certificate error still reports state "secure"; this field is the only tell.
  let overriddenError = str(info.overridableErrorCategory, 64);
  if (overriddenError === 'unset') overriddenError = undefined;
  if (!overriddenError) overriddenError = DEPRECATED_ERROR_FLAGS.find(([flag]) => info[flag] === true)?.[1];

  const weaknessReasons = Array.isArray(info.weaknessReasons)
    ? info.weaknessReasons.filter((r): r is string => typeof r === 'string').slice(0, 8).map((r) => cleanText(r, 32))
    : undefined;

  return compact<ConnectionSecurity>({
    source: 'firefox',
    state,
    protocol: str(info.protocolVersion, 32),
    cipherSuite: str(info.cipherSuite, 96),
    keaGroup: str(info.keaGroupName, 64),
    signatureScheme: str(info.signatureSchemeName, 64),
    secretKeyLength: num(info.secretKeyLength),
    weaknessReasons: weaknessReasons?.length ? weaknessReasons : undefined,
    overriddenError,
    certificates,
    chainComplete: certificates.length ? chainComplete : undefined,
    certificateTransparency: str(info.certificateTransparencyStatus, 64),
    hsts: bool(info.hsts),
    extendedValidation: bool(info.isExtendedValidation),
    usedEch: bool(info.usedEch),
    usedPrivateDns: bool(info.usedPrivateDns),
    usedOcsp: bool(info.usedOcsp),
    usedDelegatedCredentials: bool(info.usedDelegatedCredentials),
    problems: problems.length ? problems : undefined,
  });
}

export type GetSecurityInfo = (requestId: string, options: { certificateChain: boolean }) => Promise<unknown>;

interface HeadersDetails {
  requestId: string;
  tabId: number;
  type?: string;
  url: string;
  timeStamp?: number;
}

/**
 * The latest response asked about, per request: a redirect keeps the requestId, and the answer about
 * a redirecting hop can arrive after the next hop's headers; such a stale answer is dropped.
 */
const latest = new Map<string, HeadersDetails>();
const MAX_LATEST = 32;

/** Ask for the security info of one main-frame response; the answer (or the failure) becomes `main-security`. */
export function requestSecurityInfo(d: HeadersDetails, getSecurityInfo: GetSecurityInfo | undefined, emit: Emit): void {
  latest.delete(d.requestId);
  latest.set(d.requestId, d);
  if (latest.size > MAX_LATEST) latest.delete(latest.keys().next().value!);
  // Guarded: this also runs in a promise callback, where a throw would become an unhandled rejection.
  const send = guarded((security: ConnectionSecurity) => {
    if (latest.get(d.requestId) !== d) return;
    latest.delete(d.requestId);
    emit({ kind: 'main-security', tabId: d.tabId, time: Date.now(), requestId: d.requestId, url: d.url, security });
  });
  if (typeof getSecurityInfo !== 'function') {
    send(unknownSecurity('getSecurityInfo-missing'));
    return;
  }
  let pending: Promise<unknown>;
  try {
    pending = getSecurityInfo(d.requestId, { certificateChain: true });
  } catch {
    send(unknownSecurity('getSecurityInfo-threw'));
    return;
  }
  Promise.resolve(pending).then(
    (info) => send(normalizeFirefoxSecurityInfo(info)),
    () => send(unknownSecurity('getSecurityInfo-rejected')),
  );
}

interface BlockingHeadersApi {
  onHeadersReceived: WebRequestApi['onHeadersReceived'];
  getSecurityInfo?: GetSecurityInfo;
}

const MAIN = { urls: ['<all_urls>'], types: ['main_frame'] };

/**
 * Firefox's main-frame headers listener: blocking (getSecurityInfo answers only there), main frames
 * only (a blocking listener on every request would make each one wait for this extension's event
 * loop). It replaces the plain headers listener. Returns {} synchronously, before any await.
 */
export function listenToFirefoxSecurity(api: BlockingHeadersApi, emit: Emit): void {
  const getSecurityInfo = typeof api.getSecurityInfo === 'function' ? api.getSecurityInfo.bind(api) : undefined;
  const record = guarded((d: HeadersDetails & Parameters<typeof onHeadersReceived>[0]) => {
    emit(onHeadersReceived(d));
    requestSecurityInfo(d, getSecurityInfo, emit);
  });
  api.onHeadersReceived.addListener(
    ((d: HeadersDetails & Parameters<typeof onHeadersReceived>[0]) => {
      record(d);
      return {};
    }) as (d: never) => void,
    MAIN,
    ['blocking', 'responseHeaders'],
  );
}
