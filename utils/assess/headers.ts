import { analyzeCsp, parseCsp } from '../headers/csp';
import { parseResourcePolicy } from '../headers/corp';
import { parseHsts } from '../headers/hsts';
import { parseReferrerPolicy } from '../headers/referrer-policy';
import { parseNosniff } from '../headers/x-content-type-options';
import { parseFrameOptions } from '../headers/x-frame-options';
import type { CookieFacts, Hop, PageView, SecurityHeaders } from '../page-view';
import { urlParts } from '../url-parts';
import type { Finding, HeaderFacts, HeaderScore, HeaderTest } from './posture';

// The response-header score, after Mozilla's HTTP Observatory (its tests, result names and weights),
// computed passively from the main document's response as the browser received it. Every result
// carries its points; the total is 100 plus all of them, with no hidden rule: docs/header-score.md
// is the table, with the reason for each row and each place where we differ from the Observatory.

/** Every result a test can give, its test and its points. The one source of truth for the score. */
export const HEADER_TABLE = {
  // Strict-Transport-Security
  'hsts-implemented-max-age-at-least-six-months': { test: 'strict-transport-security', points: 0 },
  'hsts-implemented-max-age-less-than-six-months': { test: 'strict-transport-security', points: -10 },
  'hsts-max-age-zero': { test: 'strict-transport-security', points: -20 },
  'hsts-enforced-by-browser': { test: 'strict-transport-security', points: 0 },
  'hsts-not-implemented': { test: 'strict-transport-security', points: -20 },
  'hsts-header-invalid': { test: 'strict-transport-security', points: -20 },
  'hsts-not-implemented-no-https': { test: 'strict-transport-security', points: -20 },
  'hsts-invalid-cert': { test: 'strict-transport-security', points: -20 },
  // Content-Security-Policy
  'csp-implemented-with-no-unsafe-default-src-none': { test: 'content-security-policy', points: 10 },
  'csp-implemented-with-no-unsafe': { test: 'content-security-policy', points: 5 },
  'csp-implemented-with-unsafe-inline-in-style-src-only': { test: 'content-security-policy', points: 0 },
  'csp-implemented-with-insecure-scheme-in-passive-content-only': { test: 'content-security-policy', points: -10 },
  'csp-implemented-with-unsafe-eval': { test: 'content-security-policy', points: -10 },
  'csp-implemented-with-unsafe-inline': { test: 'content-security-policy', points: -20 },
  'csp-implemented-with-insecure-scheme': { test: 'content-security-policy', points: -20 },
  'csp-header-invalid': { test: 'content-security-policy', points: -25 },
  'csp-not-implemented-but-reporting-enabled': { test: 'content-security-policy', points: -25 },
  'csp-not-implemented': { test: 'content-security-policy', points: -25 },
  // The policy was longer than the extension keeps: what was cut could tighten or loosen it.
  'csp-incomplete': { test: 'content-security-policy', points: 0 },
  // Set-Cookie
  'cookies-secure-with-httponly-sessions-and-samesite': { test: 'cookies', points: 5 },
  'cookies-secure-with-httponly-sessions': { test: 'cookies', points: 0 },
  'cookies-not-found': { test: 'cookies', points: 0 },
  'cookies-without-secure-flag-but-protected-by-hsts': { test: 'cookies', points: -5 },
  'cookies-session-without-secure-flag-but-protected-by-hsts': { test: 'cookies', points: -10 },
  'cookies-without-secure-flag': { test: 'cookies', points: -20 },
  'cookies-samesite-flag-invalid': { test: 'cookies', points: -20 },
  'cookies-anticsrf-without-samesite-flag': { test: 'cookies', points: -20 },
  'cookies-session-without-httponly-flag': { test: 'cookies', points: -30 },
  'cookies-session-without-secure-flag': { test: 'cookies', points: -40 },
  // More cookies than the extension judges, and none of those judged has a problem: no pass for the rest.
  'cookies-incomplete': { test: 'cookies', points: 0 },
  // Referrer-Policy
  'referrer-policy-private': { test: 'referrer-policy', points: 5 },
  'referrer-policy-not-implemented': { test: 'referrer-policy', points: 0 },
  'referrer-policy-unsafe': { test: 'referrer-policy', points: -5 },
  'referrer-policy-header-invalid': { test: 'referrer-policy', points: -5 },
  // X-Content-Type-Options
  'x-content-type-options-nosniff': { test: 'x-content-type-options', points: 0 },
  'x-content-type-options-not-implemented': { test: 'x-content-type-options', points: -5 },
  'x-content-type-options-header-invalid': { test: 'x-content-type-options', points: -5 },
  // X-Frame-Options (and CSP frame-ancestors, which replaces it)
  'x-frame-options-implemented-via-csp': { test: 'x-frame-options', points: 5 },
  'x-frame-options-sameorigin-or-deny': { test: 'x-frame-options', points: 0 },
  'x-frame-options-allow-from-origin': { test: 'x-frame-options', points: -20 },
  'x-frame-options-csp-allows-any': { test: 'x-frame-options', points: -20 },
  'x-frame-options-not-implemented': { test: 'x-frame-options', points: -20 },
  'x-frame-options-header-invalid': { test: 'x-frame-options', points: -20 },
  // Cross-Origin-Resource-Policy
  'cross-origin-resource-policy-implemented-with-same-origin': { test: 'cross-origin-resource-policy', points: 10 },
  'cross-origin-resource-policy-implemented-with-same-site': { test: 'cross-origin-resource-policy', points: 10 },
  'cross-origin-resource-policy-implemented-with-cross-origin': { test: 'cross-origin-resource-policy', points: 0 },
  'cross-origin-resource-policy-not-implemented': { test: 'cross-origin-resource-policy', points: 0 },
  'cross-origin-resource-policy-header-invalid': { test: 'cross-origin-resource-policy', points: -5 },
  // Redirection (seen only when the visit itself went through http)
  'redirection-to-https': { test: 'redirection', points: 0 },
  'redirection-not-observed': { test: 'redirection', points: 0 },
  'redirection-off-host-from-http': { test: 'redirection', points: -5 },
  'redirection-not-to-https-on-initial-redirection': { test: 'redirection', points: -10 },
  'redirection-not-to-https': { test: 'redirection', points: -20 },
  'redirection-missing': { test: 'redirection', points: -20 },
} as const satisfies Record<string, { test: HeaderTest; points: number }>;

export type HeaderResult = keyof typeof HEADER_TABLE;
/** Every result id, so that the locale tests can check that each one has words. */
export const HEADER_RESULTS = Object.keys(HEADER_TABLE) as HeaderResult[];
/** The tests in the order the report lists them. */
export const HEADER_TESTS: HeaderTest[] = [
  'content-security-policy',
  'cookies',
  'cross-origin-resource-policy',
  'redirection',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-frame-options',
];

/** Observatory's grade chart: the score rounded down to a multiple of 5, 100 and above is A+. */
const GRADES: [number, string][] = [
  [100, 'A+'], [90, 'A'], [85, 'A-'], [80, 'B+'], [70, 'B'], [65, 'B-'], [60, 'C+'],
  [50, 'C'], [45, 'C-'], [40, 'D+'], [30, 'D'], [25, 'D-'], [0, 'F'],
];

/** 15,552,000 s (180 days): the Observatory's "six months", because so many sites send exactly that. */
export const SIX_MONTHS = 15_552_000;

export interface HeaderInput {
  https: boolean;
  /** False when the browser reported a certificate problem (rejected, overridden, broken). */
  certificateOk: boolean;
  headers: SecurityHeaders;
  cookies: CookieFacts[];
  cookiesOmitted: number;
  hops: Hop[];
  host: string;
  /** Firefox `securityInfo.hsts`: the browser already enforces HTTPS for this host. */
  browserHsts?: boolean;
  /** Headers that were cut at capture (see MainDocument.truncatedHeaders). */
  truncated?: readonly string[];
}

export interface HeaderOutcome {
  test: HeaderTest;
  result: HeaderResult;
  points: number;
  facts?: HeaderFacts;
}

function outcome(result: HeaderResult, facts?: HeaderFacts): HeaderOutcome {
  const row = HEADER_TABLE[result];
  return facts ? { test: row.test, result, points: row.points, facts } : { test: row.test, result, points: row.points };
}

const list = (xs: string[], max = 5) => xs.slice(0, max).join(', ');

export function hstsTest(input: HeaderInput): HeaderOutcome {
  if (!input.https) return outcome('hsts-not-implemented-no-https');
  // RFC 6797 §8.1: a browser ignores the header on a connection with certificate errors.
  if (!input.certificateOk) return outcome('hsts-invalid-cert');
  const values = input.headers['strict-transport-security'];
  if (!values?.length) return outcome(input.browserHsts ? 'hsts-enforced-by-browser' : 'hsts-not-implemented');
  const parsed = parseHsts(values);
  if (!parsed.ok) return outcome('hsts-header-invalid', { problem: parsed.problem });
  const { maxAge, includeSubDomains, preload } = parsed.policy;
  const facts = { maxAge, includeSubDomains, preload };
  if (maxAge === 0) return outcome('hsts-max-age-zero', facts);
  return outcome(maxAge < SIX_MONTHS ? 'hsts-implemented-max-age-less-than-six-months' : 'hsts-implemented-max-age-at-least-six-months', facts);
}

export function cspTest(input: HeaderInput): HeaderOutcome {
  const enforced = input.headers['content-security-policy'];
  if (!enforced?.length) {
    return outcome(input.headers['content-security-policy-report-only']?.length ? 'csp-not-implemented-but-reporting-enabled' : 'csp-not-implemented');
  }
  // A cut policy can end in half a directive, and a later policy in the cut part would restrict
  // every earlier one: neither a pass nor a fault can be claimed.
  if (input.truncated?.includes('content-security-policy')) return outcome('csp-incomplete', { policies: enforced.length });
  const policies = parseCsp(enforced).filter((p) => p.directives.size > 0);
  if (!policies.length) return outcome('csp-header-invalid');
  const a = analyzeCsp(policies, input.https);
  const facts: HeaderFacts = {
    policies: a.policies,
    upgradeInsecureRequests: a.upgradeInsecureRequests,
    blockAllMixedContent: a.blockAllMixedContent,
  };
  if (a.frameAncestors) facts.frameAncestors = list(a.frameAncestors, 16);
  if (a.duplicates.length) facts.duplicates = list(a.duplicates);
  // The worst property decides, in the Observatory's order.
  const result: HeaderResult = a.unsafeScripts
    ? 'csp-implemented-with-unsafe-inline'
    : a.insecureActive
      ? 'csp-implemented-with-insecure-scheme'
      : a.unsafeEval
        ? 'csp-implemented-with-unsafe-eval'
        : a.insecurePassive
          ? 'csp-implemented-with-insecure-scheme-in-passive-content-only'
          : a.unsafeStyles
            ? 'csp-implemented-with-unsafe-inline-in-style-src-only'
            : a.defaultNone
              ? 'csp-implemented-with-no-unsafe-default-src-none'
              : 'csp-implemented-with-no-unsafe';
  return outcome(result, facts);
}

const SAMESITE_VALUES = new Set(['strict', 'lax', 'none']);
const isSession = (c: CookieFacts) => /login|sess/i.test(c.name);
const isAntiCsrf = (c: CookieFacts) => /csrf/i.test(c.name);

/**
 * HSTS keeps a cookie without Secure off plain http only if every host that receives the cookie is
 * covered: a host-only cookie on an HSTS host, or a Domain cookie for this very host with
 * includeSubDomains. A Domain cookie for a parent domain also goes to hosts HSTS does not cover.
 */
function hstsCovers(c: CookieFacts, input: HeaderInput): boolean {
  const hsts = input.https && input.certificateOk ? parseHsts(input.headers['strict-transport-security']) : undefined;
  if (!hsts?.ok || hsts.policy.maxAge === 0) return false;
  if (!c.domain) return true;
  return c.domain === input.host && hsts.policy.includeSubDomains;
}

export function cookiesTest(input: HeaderInput): HeaderOutcome {
  const cookies = input.cookies;
  if (!cookies.length) return outcome('cookies-not-found');
  const hits = new Map<HeaderResult, string[]>();
  const hit = (r: HeaderResult, c: CookieFacts) => {
    const names = hits.get(r) ?? [];
    // A cookie without a name is counted in the result but has no name to list.
    if (c.name) names.push(c.name);
    hits.set(r, names);
  };
  let allSameSite = true;
  for (const c of cookies) {
    const sameSite = c.sameSite;
    if (sameSite === undefined) allSameSite = false;
    // Browsers ignore an unknown SameSite value, and reject SameSite=None without Secure.
    else if (!SAMESITE_VALUES.has(sameSite) || (sameSite === 'none' && !c.secure)) hit('cookies-samesite-flag-invalid', c);
    if (!c.secure) {
      const covered = hstsCovers(c, input);
      hit(covered ? 'cookies-without-secure-flag-but-protected-by-hsts' : 'cookies-without-secure-flag', c);
      if (isSession(c)) hit(covered ? 'cookies-session-without-secure-flag-but-protected-by-hsts' : 'cookies-session-without-secure-flag', c);
    }
    if (isAntiCsrf(c) && sameSite === undefined) hit('cookies-anticsrf-without-samesite-flag', c);
    if (isSession(c) && !c.httpOnly) hit('cookies-session-without-httponly-flag', c);
  }
  const facts: HeaderFacts = { cookies: cookies.length + input.cookiesOmitted };
  if (input.cookiesOmitted) facts.omitted = input.cookiesOmitted;
  if (!hits.size && input.cookiesOmitted) return outcome('cookies-incomplete', facts);
  if (!hits.size) return outcome(allSameSite ? 'cookies-secure-with-httponly-sessions-and-samesite' : 'cookies-secure-with-httponly-sessions', facts);
  // The worst problem counts (the lowest points; the first found among equals).
  let worst: HeaderResult | undefined;
  for (const r of hits.keys()) if (worst === undefined || HEADER_TABLE[r].points < HEADER_TABLE[worst].points) worst = r;
  facts.names = list(hits.get(worst!)!);
  return outcome(worst!, facts);
}

const PRIVATE_REFERRERS = new Set(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin']);

export function referrerPolicyTest(input: HeaderInput): HeaderOutcome {
  const values = input.headers['referrer-policy'];
  // Without the header, browsers use strict-origin-when-cross-origin, which is why this costs nothing.
  if (!values?.length) return outcome('referrer-policy-not-implemented');
  const policy = parseReferrerPolicy(values);
  if (!policy) return outcome('referrer-policy-header-invalid');
  return outcome(PRIVATE_REFERRERS.has(policy) ? 'referrer-policy-private' : 'referrer-policy-unsafe', { policy });
}

export function contentTypeOptionsTest(input: HeaderInput): HeaderOutcome {
  const values = input.headers['x-content-type-options'];
  if (!values?.length) return outcome('x-content-type-options-not-implemented');
  return outcome(parseNosniff(values) ? 'x-content-type-options-nosniff' : 'x-content-type-options-header-invalid');
}

export function frameOptionsTest(input: HeaderInput): HeaderOutcome {
  // An enforced CSP with frame-ancestors makes browsers ignore X-Frame-Options entirely (CSP3 §6.4.2).
  const csp = input.headers['content-security-policy'];
  if (csp?.length) {
    const a = analyzeCsp(parseCsp(csp), input.https);
    if (a.frameAncestorsAllowAny !== undefined) {
      const facts = { frameAncestors: list(a.frameAncestors ?? [], 16) };
      return outcome(a.frameAncestorsAllowAny ? 'x-frame-options-csp-allows-any' : 'x-frame-options-implemented-via-csp', facts);
    }
  }
  const xfo = parseFrameOptions(input.headers['x-frame-options']);
  if (xfo === undefined) return outcome('x-frame-options-not-implemented');
  if (xfo === 'deny' || xfo === 'sameorigin') return outcome('x-frame-options-sameorigin-or-deny', { value: xfo });
  if (xfo === 'allow-from') return outcome('x-frame-options-allow-from-origin');
  return outcome('x-frame-options-header-invalid');
}

export function resourcePolicyTest(input: HeaderInput): HeaderOutcome {
  const corp = parseResourcePolicy(input.headers['cross-origin-resource-policy']);
  if (corp === undefined) return outcome('cross-origin-resource-policy-not-implemented');
  if (corp === 'invalid') return outcome('cross-origin-resource-policy-header-invalid');
  return outcome(`cross-origin-resource-policy-implemented-with-${corp}`);
}

/** What the redirects of this visit show; a visit that started on https shows nothing about http. */
export function redirectionTest(input: HeaderInput): HeaderOutcome {
  const hops = input.hops;
  const first = hops[0]?.url ?? '';
  const final = hops[hops.length - 1]?.url ?? '';
  if (hops.length < 2) return outcome(input.https ? 'redirection-not-observed' : 'redirection-missing');
  const facts = { redirects: hops.length - 1 };
  const [from, next, to] = [urlParts(first), urlParts(hops[1]!.url), urlParts(final)];
  if (to?.scheme !== 'https') return outcome('redirection-not-to-https', facts);
  if (from?.scheme !== 'http') return outcome('redirection-not-observed', facts);
  if (next?.scheme !== 'https') return outcome('redirection-not-to-https-on-initial-redirection', facts);
  // HSTS is set per host: a first hop to another host leaves the typed host without it.
  if (next.host !== from.host) return outcome('redirection-off-host-from-http', facts);
  return outcome('redirection-to-https', facts);
}

const TESTS: Record<HeaderTest, (input: HeaderInput) => HeaderOutcome> = {
  'content-security-policy': cspTest,
  cookies: cookiesTest,
  'cross-origin-resource-policy': resourcePolicyTest,
  redirection: redirectionTest,
  'referrer-policy': referrerPolicyTest,
  'strict-transport-security': hstsTest,
  'x-content-type-options': contentTypeOptionsTest,
  'x-frame-options': frameOptionsTest,
};

export function gradeFor(total: number): string {
  return GRADES.find(([min]) => total >= min)?.[1] ?? 'F';
}

/** All header tests: one `header` finding each, and the score they add up to (every point counts). */
export function headerFindings(input: HeaderInput): { findings: Finding[]; score: HeaderScore } {
  const findings: Finding[] = [];
  let total = 100;
  for (const test of HEADER_TESTS) {
    let o: HeaderOutcome;
    try {
      o = TESTS[test](input);
    } catch {
      continue; // a test that cannot run on this data gives no finding rather than a wrong one
    }
    total += o.points;
    findings.push(o.facts ? { id: 'header', test: o.test, result: o.result, points: o.points, facts: o.facts } : { id: 'header', test: o.test, result: o.result, points: o.points });
  }
  // Not floored at 0 as the Observatory does: the total is exactly 100 plus the points listed.
  return { findings, score: { total, grade: gradeFor(total) } };
}

/** The score of a page view whose main-document headers were seen; undefined when they were not. */
export function scoreHeaders(view: PageView, https: boolean, certificateOk: boolean): { findings: Finding[]; score: HeaderScore } | undefined {
  const main = view.main;
  if (!main?.headers) return undefined;
  return headerFindings({
    https,
    certificateOk,
    headers: main.headers,
    cookies: main.cookies ?? [],
    cookiesOmitted: main.cookiesOmitted ?? 0,
    hops: view.hops ?? [],
    host: urlParts(view.url)?.host ?? '',
    browserHsts: main.security?.hsts,
    truncated: main.truncatedHeaders,
  });
}
