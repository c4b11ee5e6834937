import type { HostFacts } from '../hosts';
import type { Lookalike } from '../lookalike';

// The vocabulary of an assessment. Findings are ids with facts, never sentences: the words live in
// public/_locales so that every language says the same thing.

export const VERDICTS = [
  'encrypted',
  'not-encrypted',
  'mixed',
  'cert-error',
  'custom-root',
  'local',
  'onion',
  'internal',
  'unknown',
] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Message keys cannot contain '-': not-encrypted -> notEncrypted. */
export function verdictKey(v: Verdict): string {
  return v.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

export type Finding =
  | { id: 'malformed-url' }
  | { id: 'downgrade'; from: string; to: string }
  | { id: 'first-hop-http'; from: string; to: string }
  | { id: 'load-failed'; error: string }
  | { id: 'certificate-rejected'; error: string }
  | { id: 'certificate-override'; category: string }
  /** Chrome: the certificate was refused in this tab just before this page of the same site loaded. */
  | { id: 'certificate-proceeded'; error: string }
  | { id: 'security-broken' }
  | { id: 'weak-connection'; reasons: string[] }
  | { id: 'custom-root'; root: string }
  | { id: 'insecure-requests'; hosts: string[] }
  | { id: 'mixed-active'; count: number }
  | { id: 'mixed-passive'; count: number }
  | { id: 'insecure-form'; count: number }
  | { id: 'password-on-http'; count: number }
  | { id: 'third-parties'; count: number }
  | { id: 'private-network' }
  /** An internationalised name; `lookalike` when it may imitate another (shown as punycode first). */
  | { id: 'idn'; unicode: string; ascii: string; lookalike?: Lookalike }
  | { id: 'facts-incomplete'; observed: 'commit' | 'tab' }
  /** TLS 1.0 / 1.1 (Firefox reports the version; Chrome does not). */
  | { id: 'tls-outdated'; protocol: string }
  /** The certificate expires within 14 days. */
  | { id: 'certificate-expiring'; days: number }
  /** Firefox asked the certificate authority about this certificate (OCSP), which tells it the site. */
  | { id: 'ocsp-used' }
  /** Firefox routed this page through a proxy. */
  | { id: 'proxy'; type: string; host: string; port: number; proxyDns: boolean }
  /** The proxy has Tor Browser's shape: SOCKS on 127.0.0.1:9150 (or tor's 9050) with proxy DNS. */
  | { id: 'tor-proxy'; host: string; port: number }
  /** One item of the response-header score (see docs/header-score.md); `result` names the outcome. */
  | { id: 'header'; test: HeaderTest; result: string; points: number; facts?: HeaderFacts };

/** What a header test saw (max-age, the policy in force...), flat so that it can fill message placeholders. */
export type HeaderFacts = Record<string, string | number | boolean>;

/** The response-header tests, after Mozilla's HTTP Observatory. */
export type HeaderTest =
  | 'strict-transport-security'
  | 'content-security-policy'
  | 'cookies'
  | 'referrer-policy'
  | 'x-content-type-options'
  | 'x-frame-options'
  | 'redirection'
  | 'cross-origin-resource-policy';

/** The itemised header score: 100 plus the points of every `header` finding, each with its reason. */
export interface HeaderScore {
  total: number;
  grade: string;
}

export type FindingId = Finding['id'];
export type Severity = 'bad' | 'warn' | 'info';

export const SEVERITY: Record<FindingId, Severity> = {
  'malformed-url': 'warn',
  downgrade: 'bad',
  'first-hop-http': 'warn',
  'load-failed': 'info',
  'certificate-rejected': 'bad',
  'certificate-override': 'bad',
  'certificate-proceeded': 'bad',
  'security-broken': 'bad',
  'weak-connection': 'warn',
  'custom-root': 'warn',
  'insecure-requests': 'bad',
  'mixed-active': 'bad',
  'mixed-passive': 'warn',
  'insecure-form': 'bad',
  'password-on-http': 'bad',
  'third-parties': 'info',
  'private-network': 'info',
  idn: 'info',
  'facts-incomplete': 'info',
  'tls-outdated': 'warn',
  'certificate-expiring': 'warn',
  'ocsp-used': 'info',
  proxy: 'info',
  'tor-proxy': 'info',
  header: 'info',
};

export interface Posture {
  verdict: Verdict;
  findings: Finding[];
  url: string;
  scheme: string;
  host: HostFacts;
  serverIp?: string;
  /** Hosts that answered at least one request of the page (hosts whose every request failed saw nothing). */
  firstPartyHosts: number;
  thirdPartyHosts: number;
  /** Present for https and http pages whose main document's headers were seen. */
  headerScore?: HeaderScore;
}

export function hasFinding<I extends FindingId>(p: Posture, id: I): Extract<Finding, { id: I }> | undefined {
  return p.findings.find((f) => f.id === id) as Extract<Finding, { id: I }> | undefined;
}
