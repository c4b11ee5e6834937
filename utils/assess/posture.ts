import type { HostFacts } from '../hosts';

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

export type Finding =
  | { id: 'malformed-url' }
  | { id: 'downgrade'; from: string; to: string }
  | { id: 'first-hop-http'; from: string; to: string }
  | { id: 'load-failed'; error: string }
  | { id: 'certificate-rejected'; error: string }
  | { id: 'certificate-override'; category: string }
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
  | { id: 'idn'; unicode: string; ascii: string }
  | { id: 'facts-incomplete'; observed: 'commit' | 'tab' };

export type FindingId = Finding['id'];
export type Severity = 'bad' | 'warn' | 'info';

export const SEVERITY: Record<FindingId, Severity> = {
  'malformed-url': 'warn',
  downgrade: 'bad',
  'first-hop-http': 'warn',
  'load-failed': 'info',
  'certificate-rejected': 'bad',
  'certificate-override': 'bad',
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
};

export interface Posture {
  verdict: Verdict;
  findings: Finding[];
  url: string;
  scheme: string;
  host: HostFacts;
  serverIp?: string;
  firstPartyHosts: number;
  thirdPartyHosts: number;
}

export function hasFinding<I extends FindingId>(p: Posture, id: I): Extract<Finding, { id: I }> | undefined {
  return p.findings.find((f) => f.id === id) as Extract<Finding, { id: I }> | undefined;
}
