import { joinedValues } from './tokens';

// Content-Security-Policy, parsed the way CSP Level 3 §2.2 says browsers do: a header may carry several
// policies separated by commas, each a ";"-separated list of directives; a repeated directive is
// ignored (the first one counts), a directive whose name or value breaks the grammar is skipped.
// Every enforced policy applies, so a load is allowed only if *every* policy allows it: the checks
// below ask "does every policy allow X?", never "does some policy allow X?".

export interface CspPolicy {
  /** Directive name (lower case) -> its source list, in order, as written. */
  directives: Map<string, string[]>;
  /** Names that appeared more than once; browsers keep the first. */
  duplicates: string[];
}

const MAX_POLICIES = 16;
const MAX_DIRECTIVES = 64;
const MAX_SOURCES = 256;
const NAME = /^[a-z0-9-]+$/;
// CSP3 directive-value: printable ASCII except ";" and ",", separated by whitespace.
const VALUE_CHARS = /^[\x21-\x2b\x2d-\x3a\x3c-\x7e]+$/;
const WS = /[\t\n\f\r ]+/;

export function parsePolicy(serialized: string): CspPolicy {
  const policy: CspPolicy = { directives: new Map(), duplicates: [] };
  for (const raw of serialized.split(';')) {
    const token = raw.trim();
    if (!token) continue;
    const [first = '', ...rest] = token.split(WS);
    const name = first.toLowerCase();
    if (!NAME.test(name)) continue;
    if (policy.directives.has(name)) {
      if (policy.duplicates.length < MAX_DIRECTIVES && !policy.duplicates.includes(name)) policy.duplicates.push(name);
      continue;
    }
    if (rest.some((v) => !VALUE_CHARS.test(v))) continue;
    if (policy.directives.size >= MAX_DIRECTIVES) break;
    policy.directives.set(name, rest.slice(0, MAX_SOURCES));
  }
  return policy;
}

/** All policies in the values of one header (each value may hold several, comma-separated). */
export function parseCsp(values: readonly string[] | string | undefined): CspPolicy[] {
  const joined = joinedValues(values);
  if (joined === undefined) return [];
  return joined
    .split(',')
    .slice(0, MAX_POLICIES)
    .map(parsePolicy);
}

export function formatPolicy(p: CspPolicy): string {
  return [...p.directives].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

// ---- what a policy allows ---------------------------------------------------------------------

/** Sources that let any host (or any host over a scheme) in. */
const BROAD = new Set(['*', 'http:', 'https:', 'ftp:', 'http://*', 'https://*', 'http://*.*', 'https://*.*']);

const lower = (l: string[]) => l.map((s) => s.toLowerCase());
const hasNonceOrHash = (l: string[]) => l.some((s) => /^'(nonce|sha256|sha384|sha512)-/.test(s));
const isInsecureSource = (s: string) => s.startsWith('http:') || s.startsWith('ftp:');

/** Where each fetch directive falls back to when a policy does not name it (CSP3 §6.8.3). */
const FALLBACKS: Record<string, string[]> = {
  'script-src': ['script-src', 'default-src'],
  'style-src': ['style-src', 'default-src'],
  'object-src': ['object-src', 'default-src'],
  'img-src': ['img-src', 'default-src'],
  'media-src': ['media-src', 'default-src'],
  'font-src': ['font-src', 'default-src'],
  'connect-src': ['connect-src', 'default-src'],
  'frame-src': ['frame-src', 'child-src', 'default-src'],
  'worker-src': ['worker-src', 'child-src', 'script-src', 'default-src'],
  'manifest-src': ['manifest-src', 'default-src'],
};

/** The source list that governs `directive` in one policy, after the CSP3 fallbacks; undefined = unrestricted. */
export function effectiveSources(p: CspPolicy, directive: string): string[] | undefined {
  for (const name of FALLBACKS[directive] ?? [directive]) {
    const list = p.directives.get(name);
    if (list) return lower(list);
  }
  return undefined;
}

/** Inline code or data: URLs can run (CSP3: 'unsafe-inline' is ignored when a nonce or hash is present, and for scripts with 'strict-dynamic'). */
function allowsInline(list: string[] | undefined, script = false): boolean {
  if (!list) return true;
  if (list.includes('data:')) return true;
  return list.includes("'unsafe-inline'") && !hasNonceOrHash(list) && !(script && list.includes("'strict-dynamic'"));
}

/** Any host can serve it (for scripts, 'strict-dynamic' with a nonce or hash makes host and scheme sources ignored). */
function allowsAnyHost(list: string[] | undefined, script = false): boolean {
  if (!list) return true;
  if (script && list.includes("'strict-dynamic'") && hasNonceOrHash(list)) return false;
  return list.some((s) => BROAD.has(s));
}

const every = (policies: CspPolicy[], test: (p: CspPolicy) => boolean) => policies.length > 0 && policies.every(test);

/** Facts about a set of enforced policies, each answered for all of them together. */
export interface CspAnalysis {
  policies: number;
  /** Scripts or plugins can come from anywhere, or inline code runs. */
  unsafeScripts: boolean;
  unsafeEval: boolean;
  /** An https page allows active content (scripts, styles, frames, fetches...) over http. */
  insecureActive: boolean;
  /** An https page allows images or media over http. */
  insecurePassive: boolean;
  unsafeStyles: boolean;
  /** `default-src 'none'`: everything not explicitly allowed is refused. */
  defaultNone: boolean;
  upgradeInsecureRequests: boolean;
  blockAllMixedContent: boolean;
  /** Present when some policy has frame-ancestors; true when framing by any site is still allowed. */
  frameAncestorsAllowAny?: boolean;
  frameAncestors?: string[];
  duplicates: string[];
}

const ACTIVE = ['script-src', 'style-src', 'object-src', 'frame-src', 'connect-src', 'font-src', 'worker-src', 'manifest-src', 'form-action', 'base-uri'];
const PASSIVE = ['img-src', 'media-src'];

export function analyzeCsp(policies: CspPolicy[], https: boolean): CspAnalysis {
  const some = (test: (p: CspPolicy) => boolean) => policies.some(test);
  const insecureIn = (directive: string) => every(policies, (p) => (effectiveSources(p, directive) ?? []).some(isInsecureSource));
  const framing = policies.filter((p) => p.directives.has('frame-ancestors'));
  const out: CspAnalysis = {
    policies: policies.length,
    unsafeScripts:
      every(policies, (p) => allowsInline(effectiveSources(p, 'script-src'), true)) ||
      every(policies, (p) => allowsAnyHost(effectiveSources(p, 'script-src'), true)) ||
      every(policies, (p) => allowsAnyHost(effectiveSources(p, 'object-src'))),
    unsafeEval: every(policies, (p) => {
      const l = effectiveSources(p, 'script-src');
      return !l || l.includes("'unsafe-eval'");
    }),
    insecureActive: https && ACTIVE.some(insecureIn),
    insecurePassive: https && PASSIVE.some(insecureIn),
    unsafeStyles: every(policies, (p) => {
      const l = effectiveSources(p, 'style-src');
      return allowsInline(l) || allowsAnyHost(l);
    }),
    defaultNone: some((p) => {
      const l = p.directives.get('default-src');
      return !!l && l.length === 1 && l[0]!.toLowerCase() === "'none'";
    }),
    upgradeInsecureRequests: some((p) => p.directives.has('upgrade-insecure-requests')),
    blockAllMixedContent: some((p) => p.directives.has('block-all-mixed-content')),
    duplicates: [...new Set(policies.flatMap((p) => p.duplicates))],
  };
  if (framing.length) {
    out.frameAncestorsAllowAny = framing.every((p) => lower(p.directives.get('frame-ancestors')!).some((s) => BROAD.has(s)));
    out.frameAncestors = framing[0]!.directives.get('frame-ancestors')!.slice(0, 16);
  }
  return out;
}
