// The facts recorded for one top-level page in one tab: plain, JSON-safe data, so that it can be
// kept in storage.session, read by the popup while the service worker sleeps, and fed to assess().

/** Bounds that keep one tab's record small whatever the page does. */
export const LIMITS = {
  hosts: 256,
  ipsPerHost: 4,
  hops: 20,
  documentIds: 64,
  urlChars: 2048,
  /** RFC 1035: a name of at most 253 characters, labels of at most 63; longer ones are refused. */
  hostChars: 253,
  labelChars: 63,
  /** IP addresses, document and request ids: short by nature, bounded in case they are not. */
  idChars: 64,
  headerValueChars: 4096,
  /**
   * Characters of all values of one header together. Large sites send policies of 5-10 KB; a policy
   * cut short cannot be judged, so CSP gets more room than the others.
   */
  cspChars: 16384,
  headerValues: 8,
  cookies: 32,
  errorChars: 120,
  scanRefs: 50,
} as const;

export interface Hop {
  /** The URL that was requested at this step; the last hop is the page's final URL. */
  url: string;
  /** HTTP status of the response that moved on (3xx) or ended the chain. */
  status?: number;
  ip?: string;
}

/** A cookie as the site set it, without its value (the value is the user's secret, not a fact). */
export interface CookieFacts {
  name: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: string;
  /** `__Host-` / `__Secure-` prefix. */
  prefix?: 'host' | 'secure';
  domain?: string;
  persistent: boolean;
}

export interface CertificateFacts {
  subject?: string;
  /** Common name of the subject, when it has one. */
  subjectCommonName?: string;
  subjectAltNames?: string[];
  issuer?: string;
  issuerCommonName?: string;
  /** Milliseconds since the epoch. */
  notBefore?: number;
  notAfter?: number;
  sha256?: string;
  /** SHA-256 of the subject public key info (Firefox `subjectPublicKeyInfoDigest`): stays the same across a renewal with the same key. */
  spkiSha256?: string;
  serialNumber?: string;
  keyType?: string;
  keyBits?: number;
  signatureAlgorithm?: string;
  /** Signed Certificate Timestamps embedded in the certificate. */
  sctCount?: number;
  /** Firefox: true when this certificate is one of the browser's own roots. */
  isBuiltInRoot?: boolean;
}

export type SecurityState = 'secure' | 'weak' | 'broken' | 'insecure' | 'unknown';

/** What the browser said about the TLS connection of the main document, normalised across browsers. */
export interface ConnectionSecurity {
  source: 'firefox' | 'chrome';
  state: SecurityState;
  protocol?: string;
  cipherSuite?: string;
  keaGroup?: string;
  signatureScheme?: string;
  secretKeyLength?: number;
  weaknessReasons?: string[];
  /** Firefox `overridableErrorCategory`: the user went past this certificate error. */
  overriddenError?: string;
  /** Leaf first. Firefox gives the chain up to the root; Chrome only the leaf. */
  certificates: CertificateFacts[];
  /** The chain reaches a root (Firefox with certificateChain). */
  chainComplete?: boolean;
  certificateTransparency?: string;
  hsts?: boolean;
  extendedValidation?: boolean;
  usedEch?: boolean;
  usedPrivateDns?: boolean;
  usedOcsp?: boolean;
  usedDelegatedCredentials?: boolean;
  /** Why part of the facts is missing (the browser API rejected, a certificate did not parse). */
  problems?: string[];
}

export interface ProxyFacts {
  type: string;
  host: string;
  port: number;
  proxyDns: boolean;
}

/** Security-relevant response headers of the main document, lower-cased names, bounded values. */
export type SecurityHeaders = Partial<Record<SecurityHeaderName, string[]>>;

export const SECURITY_HEADERS = [
  'strict-transport-security',
  'content-security-policy',
  'content-security-policy-report-only',
  'referrer-policy',
  'x-content-type-options',
  'x-frame-options',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'permissions-policy',
  'access-control-allow-origin',
] as const;
export type SecurityHeaderName = (typeof SECURITY_HEADERS)[number];

export interface MainDocument {
  status?: number;
  ip?: string;
  fromCache?: boolean;
  /** A network error of the main document, e.g. `net::ERR_CERT_AUTHORITY_INVALID`. */
  error?: string;
  headers?: SecurityHeaders;
  cookies?: CookieFacts[];
  cookiesOmitted?: number;
  security?: ConnectionSecurity;
  proxy?: ProxyFacts;
  /** The certificate error this tab showed for the same site just before this page loaded. */
  proceededPastError?: string;
  /** Headers whose value was longer than the bound and was cut: they cannot be judged completely. */
  truncatedHeaders?: SecurityHeaderName[];
}

export type Scheme = 'http' | 'https' | 'ws' | 'wss' | 'other';

export interface HostContact {
  host: string;
  /** Registrable domain (Public Suffix List). */
  site: string;
  party: 'first' | 'third';
  requests: number;
  schemes: Partial<Record<Scheme, number>>;
  ips: string[];
  errors: number;
  lastError?: string;
  proxied?: boolean;
  /** Firefox: the TLS of this host's first https response on this page (utils/capture/firefox-host-security.ts). */
  tls?: HostTls;
}

/** One host's TLS as Firefox reported it: enough to tell which hosts an added root vouches for. */
export interface HostTls {
  protocol?: string;
  /** Where the chain ends: a built-in root, an added one (interception), or not known (no complete chain). */
  root: 'built-in' | 'added' | 'unknown';
  rootName?: string;
  rootSha256?: string;
  /** Issuer of the host's certificate (common name, else the whole name). */
  issuer?: string;
  /** When the host's certificate ends, milliseconds since the epoch. */
  notAfter?: number;
}

export type RefKind = 'script' | 'stylesheet' | 'iframe' | 'image' | 'media' | 'object' | 'form' | 'other';

/** What the document itself references, as the content script saw it. */
export interface DocumentScan {
  /** http: references by kind (all of them, not only the sampled ones). */
  insecure: Partial<Record<RefKind, number>>;
  /** A bounded sample of the references, for the report. */
  samples: { kind: RefKind; url: string }[];
  /** Forms whose action is http: while the page is https. */
  insecureForms: number;
  /** Password fields on a page that is not https. */
  passwordFieldsOnHttp: number;
  scannedAt: number;
  /** The document was larger than the scan examines; counts cover only the part that was examined. */
  truncated?: boolean;
}

/** How the page view came to be, which tells how much of it can be trusted as complete. */
export type Observed =
  | 'network' // we saw the main document's request and response
  | 'commit' // we saw the navigation commit but no network facts (cache, service worker, file:)
  | 'tab'; // we only know the tab's URL (loaded before the extension started)

export interface PageView {
  schema: 1;
  tabId: number;
  /** Unique per navigation, so a late event can tell whether it still belongs here. */
  id: string;
  url: string;
  observed: Observed;
  startedAt: number;
  committedAt?: number;
  hops: Hop[];
  main: MainDocument;
  /** Keyed by host name. */
  hosts: Record<string, HostContact>;
  /** Requests to hosts beyond LIMITS.hosts, counted but not kept. */
  omittedRequests: number;
  requests: number;
  scan?: DocumentScan;
  incognito?: boolean;
  /** Chrome document ids that belong to this page (top document and its frames). */
  documentIds?: string[];
  /** The main-frame request that brought this page (late security info is matched by it). */
  mainRequestId?: string;
  /** Registrable domain of the page's host. */
  site?: string;
  /** Number of keys in `hosts`, kept so the bound is checked without counting. */
  hostCount?: number;
  /** What the stored copy of this view left out to stay within its byte budget (see utils/storage/budget.ts). */
  notKept?: NotKept;
  /** Events for this tab that were dropped unrecorded (too many arrived while its view was being restored). */
  droppedEvents?: number;
}

/**
 * Left out of a stored view, so that the popup can say "N more not kept". Dropped in this order:
 * document-scan samples, then header values and cookies, then hosts beyond the first ones; a record
 * that is still too large is stored `minimal` (URL and main-document facts only).
 */
export interface NotKept {
  samples?: number;
  headerValues?: number;
  cookies?: number;
  hosts?: number;
  /** Requests to the hosts that were left out. */
  hostRequests?: number;
  minimal?: boolean;
}

/** A null-prototype object: a page-controlled key such as `__proto__` is just a key. */
export function hostTable(): Record<string, HostContact> {
  return Object.create(null) as Record<string, HostContact>;
}

/**
 * True when a host name is one the DNS can have: at most 253 characters, labels of 1 to 63. Longer
 * names exist only to bloat the record (a page controls the names it contacts), so they are refused.
 */
export function isHostName(host: string): boolean {
  if (host.length === 0 || host.length > LIMITS.hostChars) return false;
  let start = 0;
  for (let i = 0; i <= host.length; i++) {
    if (i === host.length || host.charCodeAt(i) === 46 /* . */) {
      if (i - start > LIMITS.labelChars) return false;
      start = i + 1;
    }
  }
  return true;
}

/** Whether a stored view describes the page the tab shows now (fragments aside); unknown tab URL: yes. */
export function showsTabPage(view: Pick<PageView, 'url'>, tabUrl: string | undefined): boolean {
  if (!tabUrl) return true;
  const strip = (u: string) => {
    const i = u.indexOf('#');
    return i < 0 ? u : u.slice(0, i);
  };
  return strip(view.url) === strip(clip(tabUrl, LIMITS.urlChars));
}

export function clip(s: unknown, max: number): string {
  const str = typeof s === 'string' ? s : String(s ?? '');
  return str.length > max ? str.slice(0, max) : str;
}

/** A view made from a tab's URL alone, for tabs that loaded before the extension was watching. */
export function viewFromTabUrl(tabId: number, url: string, now = Date.now()): PageView {
  return {
    schema: 1,
    tabId,
    id: `tab-${tabId}-${now}`,
    url: clip(url, LIMITS.urlChars),
    observed: 'tab',
    startedAt: now,
    hops: [{ url: clip(url, LIMITS.urlChars) }],
    main: {},
    hosts: hostTable(),
    omittedRequests: 0,
    requests: 0,
  };
}
