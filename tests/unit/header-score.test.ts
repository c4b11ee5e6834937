import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess } from '@/utils/assess';
import {
  HEADER_RESULTS,
  HEADER_TABLE,
  HEADER_TESTS,
  cookiesTest,
  cspTest,
  contentTypeOptionsTest,
  frameOptionsTest,
  gradeFor,
  headerFindings,
  hstsTest,
  redirectionTest,
  referrerPolicyTest,
  resourcePolicyTest,
  scoreHeaders,
  SIX_MONTHS,
  type HeaderInput,
  type HeaderOutcome,
  type HeaderResult,
} from '@/utils/assess/headers';
import { cookieFacts } from '@/utils/headers/set-cookie';
import type { CookieFacts, PageView, SecurityHeaders } from '@/utils/page-view';

function input(over: Partial<HeaderInput> = {}): HeaderInput {
  return { https: true, certificateOk: true, headers: {}, cookies: [], cookiesOmitted: 0, hops: [{ url: 'https://www.example.test/' }], host: 'www.example.test', ...over };
}
const cookies = (...lines: string[]) => lines.map(cookieFacts);
const hops = (...urls: string[]) => urls.map((url) => ({ url }));
const H = (h: SecurityHeaders) => h;

/** One fixture per result id: [test function, input, expected result]. */
const FIXTURES: [(i: HeaderInput) => HeaderOutcome, HeaderInput, HeaderResult][] = [
  [hstsTest, input({ headers: H({ 'strict-transport-security': ['max-age=31536000'] }) }), 'hsts-implemented-max-age-at-least-six-months'],
  [hstsTest, input({ headers: H({ 'strict-transport-security': ['max-age=86400'] }) }), 'hsts-implemented-max-age-less-than-six-months'],
  [hstsTest, input({ headers: H({ 'strict-transport-security': ['max-age=0'] }) }), 'hsts-max-age-zero'],
  [hstsTest, input({ browserHsts: true }), 'hsts-enforced-by-browser'],
  [hstsTest, input(), 'hsts-not-implemented'],
  [hstsTest, input({ headers: H({ 'strict-transport-security': ['includeSubDomains'] }) }), 'hsts-header-invalid'],
  [hstsTest, input({ https: false, headers: H({ 'strict-transport-security': ['max-age=31536000'] }) }), 'hsts-not-implemented-no-https'],
  [hstsTest, input({ certificateOk: false, headers: H({ 'strict-transport-security': ['max-age=31536000'] }) }), 'hsts-invalid-cert'],

  [cspTest, input({ headers: H({ 'content-security-policy': ["default-src 'none'; img-src 'self'"] }) }), 'csp-implemented-with-no-unsafe-default-src-none'],
  [cspTest, input({ headers: H({ 'content-security-policy': ["default-src 'self'"] }) }), 'csp-implemented-with-no-unsafe'],
  [cspTest, input({ headers: H({ 'content-security-policy': ["default-src 'self'; style-src 'self' 'unsafe-inline'"] }) }), 'csp-implemented-with-unsafe-inline-in-style-src-only'],
  [cspTest, input({ headers: H({ 'content-security-policy': ["default-src 'self'; img-src http:"] }) }), 'csp-implemented-with-insecure-scheme-in-passive-content-only'],
  [cspTest, input({ headers: H({ 'content-security-policy': ["default-src 'self'; script-src 'self' 'unsafe-eval'"] }) }), 'csp-implemented-with-unsafe-eval'],
  [cspTest, input({ headers: H({ 'content-security-policy': ["default-src 'self' 'unsafe-inline'"] }) }), 'csp-implemented-with-unsafe-inline'],
  [cspTest, input({ headers: H({ 'content-security-policy': ["default-src 'self' http://cdn.example"] }) }), 'csp-implemented-with-insecure-scheme'],
  [cspTest, input({ headers: H({ 'content-security-policy': ['!!!'] }) }), 'csp-header-invalid'],
  [cspTest, input({ headers: H({ 'content-security-policy-report-only': ["default-src 'self'"] }) }), 'csp-not-implemented-but-reporting-enabled'],
  [cspTest, input(), 'csp-not-implemented'],
  // Cut at capture: the unsafe-inline after the cut must not turn into "no unsafe" (+5).
  [cspTest, input({ headers: H({ 'content-security-policy': ["default-src 'self'"] }), truncated: ['content-security-policy'] }), 'csp-incomplete'],

  [cookiesTest, input({ cookies: cookies('sessionid=1; Secure; HttpOnly; SameSite=Lax') }), 'cookies-secure-with-httponly-sessions-and-samesite'],
  [cookiesTest, input({ cookies: cookies('sessionid=1; Secure; HttpOnly') }), 'cookies-secure-with-httponly-sessions'],
  [cookiesTest, input(), 'cookies-not-found'],
  [cookiesTest, input({ cookies: cookies('sessionid=1; Secure; HttpOnly; SameSite=Lax'), cookiesOmitted: 1 }), 'cookies-incomplete'],
  [cookiesTest, input({ cookies: cookies('pref=1; SameSite=Lax'), headers: H({ 'strict-transport-security': ['max-age=31536000'] }) }), 'cookies-without-secure-flag-but-protected-by-hsts'],
  [cookiesTest, input({ cookies: cookies('sessionid=1; HttpOnly; SameSite=Lax'), headers: H({ 'strict-transport-security': ['max-age=31536000'] }) }), 'cookies-session-without-secure-flag-but-protected-by-hsts'],
  [cookiesTest, input({ cookies: cookies('pref=1; SameSite=Lax') }), 'cookies-without-secure-flag'],
  [cookiesTest, input({ cookies: cookies('pref=1; Secure; SameSite=Sometimes') }), 'cookies-samesite-flag-invalid'],
  [cookiesTest, input({ cookies: cookies('csrftoken=1; Secure') }), 'cookies-anticsrf-without-samesite-flag'],
  [cookiesTest, input({ cookies: cookies('sessionid=1; Secure; SameSite=Lax') }), 'cookies-session-without-httponly-flag'],
  [cookiesTest, input({ cookies: cookies('sessionid=1; HttpOnly; SameSite=Lax') }), 'cookies-session-without-secure-flag'],

  [referrerPolicyTest, input({ headers: H({ 'referrer-policy': ['strict-origin-when-cross-origin'] }) }), 'referrer-policy-private'],
  [referrerPolicyTest, input(), 'referrer-policy-not-implemented'],
  [referrerPolicyTest, input({ headers: H({ 'referrer-policy': ['unsafe-url'] }) }), 'referrer-policy-unsafe'],
  [referrerPolicyTest, input({ headers: H({ 'referrer-policy': ['whatever'] }) }), 'referrer-policy-header-invalid'],

  [contentTypeOptionsTest, input({ headers: H({ 'x-content-type-options': ['nosniff'] }) }), 'x-content-type-options-nosniff'],
  [contentTypeOptionsTest, input(), 'x-content-type-options-not-implemented'],
  [contentTypeOptionsTest, input({ headers: H({ 'x-content-type-options': ['sniff-away'] }) }), 'x-content-type-options-header-invalid'],

  [frameOptionsTest, input({ headers: H({ 'content-security-policy': ["frame-ancestors 'self'"] }) }), 'x-frame-options-implemented-via-csp'],
  [frameOptionsTest, input({ headers: H({ 'x-frame-options': ['SAMEORIGIN'] }) }), 'x-frame-options-sameorigin-or-deny'],
  [frameOptionsTest, input({ headers: H({ 'x-frame-options': ['ALLOW-FROM https://a.example'] }) }), 'x-frame-options-allow-from-origin'],
  [frameOptionsTest, input({ headers: H({ 'content-security-policy': ['frame-ancestors *'], 'x-frame-options': ['DENY'] }) }), 'x-frame-options-csp-allows-any'],
  [frameOptionsTest, input(), 'x-frame-options-not-implemented'],
  [frameOptionsTest, input({ headers: H({ 'x-frame-options': ['maybe'] }) }), 'x-frame-options-header-invalid'],

  [resourcePolicyTest, input({ headers: H({ 'cross-origin-resource-policy': ['same-origin'] }) }), 'cross-origin-resource-policy-implemented-with-same-origin'],
  [resourcePolicyTest, input({ headers: H({ 'cross-origin-resource-policy': ['same-site'] }) }), 'cross-origin-resource-policy-implemented-with-same-site'],
  [resourcePolicyTest, input({ headers: H({ 'cross-origin-resource-policy': ['cross-origin'] }) }), 'cross-origin-resource-policy-implemented-with-cross-origin'],
  [resourcePolicyTest, input(), 'cross-origin-resource-policy-not-implemented'],
  [resourcePolicyTest, input({ headers: H({ 'cross-origin-resource-policy': ['nobody'] }) }), 'cross-origin-resource-policy-header-invalid'],

  [redirectionTest, input({ hops: hops('http://www.example.test/', 'https://www.example.test/') }), 'redirection-to-https'],
  [redirectionTest, input(), 'redirection-not-observed'],
  [redirectionTest, input({ hops: hops('http://example.test/', 'https://www.example.test/') }), 'redirection-off-host-from-http'],
  [redirectionTest, input({ hops: hops('http://example.test/', 'http://www.example.test/', 'https://www.example.test/') }), 'redirection-not-to-https-on-initial-redirection'],
  [redirectionTest, input({ https: false, hops: hops('https://www.example.test/', 'http://www.example.test/') }), 'redirection-not-to-https'],
  [redirectionTest, input({ https: false, hops: hops('http://www.example.test/') }), 'redirection-missing'],
];

describe('header tests', () => {
  it.each(FIXTURES.map(([test, i, expected]) => [expected, test, i] as const))('%s', (expected, test, i) => {
    const o = test(i);
    expect(o.result).toBe(expected);
    expect(o.points).toBe(HEADER_TABLE[expected].points);
    expect(o.test).toBe(HEADER_TABLE[expected].test);
  });

  it('has a fixture for every result id, and every result id belongs to a known test', () => {
    expect(new Set(FIXTURES.map(([, , r]) => r))).toEqual(new Set(HEADER_RESULTS));
    for (const r of HEADER_RESULTS) expect(HEADER_TESTS).toContain(HEADER_TABLE[r].test);
  });

  it('keeps the facts each result is about', () => {
    expect(hstsTest(input({ headers: H({ 'strict-transport-security': ['max-age=31536000; includeSubDomains; preload'] }) })).facts).toEqual({
      maxAge: 31536000,
      includeSubDomains: true,
      preload: true,
    });
    expect(cspTest(input({ headers: H({ 'content-security-policy': ["default-src 'self'; upgrade-insecure-requests; frame-ancestors 'none'"] }) })).facts).toMatchObject({
      upgradeInsecureRequests: true,
      blockAllMixedContent: false,
      frameAncestors: "'none'",
    });
    expect(cookiesTest(input({ cookies: cookies('sessionid=1; HttpOnly', 'login=2; HttpOnly', 'x=1; Secure'), cookiesOmitted: 3 })).facts).toEqual({
      cookies: 6,
      omitted: 3,
      names: 'sessionid, login',
    });
  });

  it('does not let HSTS excuse a missing Secure on a cookie that reaches other hosts', () => {
    const hsts = H({ 'strict-transport-security': ['max-age=31536000'] });
    expect(cookiesTest(input({ headers: hsts, cookies: cookies('pref=1; SameSite=Lax; Domain=example.test') })).result).toBe('cookies-without-secure-flag');
    const withSubs = H({ 'strict-transport-security': ['max-age=31536000; includeSubDomains'] });
    expect(cookiesTest(input({ headers: withSubs, cookies: cookies('pref=1; SameSite=Lax; Domain=www.example.test') })).result).toBe(
      'cookies-without-secure-flag-but-protected-by-hsts',
    );
  });

  it('counts the worst cookie problem', () => {
    const r = cookiesTest(input({ cookies: cookies('pref=1', 'sessionid=2; Secure; SameSite=Lax') }));
    expect(r.result).toBe('cookies-session-without-httponly-flag');
    expect(r.points).toBe(-30);
  });

  it('lets frame-ancestors replace X-Frame-Options, as browsers do', () => {
    expect(frameOptionsTest(input({ headers: H({ 'content-security-policy': ["frame-ancestors 'none'"], 'x-frame-options': ['garbage'] }) })).result).toBe(
      'x-frame-options-implemented-via-csp',
    );
  });
});

describe('the score', () => {
  it('is 100 plus every point, with the Observatory grade chart and no bonus threshold', () => {
    const strong = headerFindings(
      input({
        headers: H({
          'strict-transport-security': ['max-age=63072000; includeSubDomains; preload'],
          'content-security-policy': ["default-src 'none'; frame-ancestors 'none'"],
          'referrer-policy': ['no-referrer'],
          'x-content-type-options': ['nosniff'],
          'cross-origin-resource-policy': ['same-origin'],
        }),
        cookies: cookies('__Host-sess=1; Secure; HttpOnly; SameSite=Strict'),
      }),
    );
    const sum = strong.findings.reduce((n, f) => n + (f.id === 'header' ? f.points : 0), 0);
    expect(strong.score.total).toBe(100 + sum);
    expect(strong.score.total).toBe(135);
    expect(strong.score.grade).toBe('A+');
    expect(strong.findings).toHaveLength(HEADER_TESTS.length);

    // A bonus counts below 90 too (the Observatory would drop these +5s).
    const mixed = headerFindings(input({ headers: H({ 'referrer-policy': ['no-referrer'], 'x-frame-options': ['DENY'], 'x-content-type-options': ['nosniff'] }) }));
    expect(mixed.score.total).toBe(100 - 20 - 25 + 5);
    expect(mixed.score.grade).toBe('C+');
  });

  it('maps totals to grades', () => {
    expect([135, 100, 99, 90, 85, 80, 79, 70, 65, 60, 50, 45, 40, 30, 25, 24, 0, -30].map(gradeFor)).toEqual([
      'A+', 'A+', 'A', 'A', 'A-', 'B+', 'B', 'B', 'B-', 'C+', 'C', 'C-', 'D+', 'D', 'D-', 'F', 'F', 'F',
    ]);
  });

  it('never throws on arbitrary header values', () => {
    const names = ['strict-transport-security', 'content-security-policy', 'content-security-policy-report-only', 'referrer-policy', 'x-content-type-options', 'x-frame-options', 'cross-origin-resource-policy'] as const;
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...names), fc.array(fc.string({ unit: 'binary' }), { maxLength: 3 })),
        fc.array(fc.string(), { maxLength: 4 }),
        fc.boolean(),
        (headers, cookieLines, https) => {
          const r = headerFindings(input({ https, headers: headers as SecurityHeaders, cookies: cookieLines.map(cookieFacts) }));
          expect(r.findings).toHaveLength(HEADER_TESTS.length);
          expect(Number.isFinite(r.score.total)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

function view(url: string, main: PageView['main'], hopUrls = [url]): PageView {
  return { schema: 1, tabId: 1, id: 'v', url, observed: 'network', startedAt: 1, committedAt: 2, hops: hopUrls.map((u) => ({ url: u })), main, hosts: {}, omittedRequests: 0, requests: 0 };
}

describe('assess() and the header score', () => {
  it('scores https and http pages whose headers were seen, and only those', () => {
    const https = assess(view('https://www.example.test/', { status: 200, headers: { 'x-content-type-options': ['nosniff'] } }));
    expect(https.headerScore).toBeDefined();
    expect(https.findings.filter((f) => f.id === 'header')).toHaveLength(HEADER_TESTS.length);

    const http = assess(view('http://www.example.test/', { status: 200, headers: {} }));
    expect(http.verdict).toBe('not-encrypted');
    expect(http.findings).toContainEqual(expect.objectContaining({ id: 'header', result: 'hsts-not-implemented-no-https' }));
    expect(http.findings).toContainEqual(expect.objectContaining({ id: 'header', result: 'redirection-missing' }));

    expect(assess(view('https://www.example.test/', { status: 200 })).headerScore).toBeUndefined();
    expect(assess(view('http://localhost:3000/', { status: 200, headers: {} })).headerScore).toBeUndefined();
  });

  it('scores HSTS as unusable when the certificate was overridden', () => {
    const p = assess(
      view('https://www.example.test/', {
        status: 200,
        headers: { 'strict-transport-security': ['max-age=31536000'] },
        security: { source: 'firefox', state: 'secure', overriddenError: 'domain_mismatch', certificates: [] },
      }),
    );
    expect(p.verdict).toBe('cert-error');
    expect(p.findings).toContainEqual(expect.objectContaining({ id: 'header', result: 'hsts-invalid-cert' }));
  });

  it('gives every result id a row in docs/header-score.md', () => {
    const doc = readFileSync(new URL('../../docs/header-score.md', import.meta.url), 'utf8');
    for (const r of HEADER_RESULTS) {
      const row = doc.split('\n').find((l) => l.startsWith('|') && l.includes('`' + r + '`'));
      expect(row, r).toBeDefined();
      const points = HEADER_TABLE[r].points;
      expect(row, r).toContain(`| ${points > 0 ? '+' + points : points} |`);
    }
  });
});

describe('header tests at their edges', () => {
  const hsts = (v: string) => H({ 'strict-transport-security': [v] });

  it('puts exactly six months on the good side, and names the problem of an invalid header', () => {
    expect(hstsTest(input({ headers: hsts(`max-age=${SIX_MONTHS}`) })).result).toBe('hsts-implemented-max-age-at-least-six-months');
    expect(hstsTest(input({ headers: hsts(`max-age=${SIX_MONTHS - 1}`) })).result).toBe('hsts-implemented-max-age-less-than-six-months');
    expect(hstsTest(input({ headers: hsts('includeSubDomains') })).facts).toEqual({ problem: 'missing-max-age' });
  });

  it('keeps the facts of each CSP, referrer and frame result', () => {
    const csp = (v: string, over: Partial<HeaderInput> = {}) => cspTest(input({ headers: H({ 'content-security-policy': [v] }), ...over }));
    expect(csp("default-src 'self'", { truncated: ['content-security-policy'] }).facts).toEqual({ policies: 1 });
    expect(csp("default-src 'self'; img-src a; img-src b").facts).toEqual({ policies: 1, upgradeInsecureRequests: false, blockAllMixedContent: false, duplicates: 'img-src' });
    expect(csp("default-src 'self'").facts).toEqual({ policies: 1, upgradeInsecureRequests: false, blockAllMixedContent: false });
    expect(referrerPolicyTest(input({ headers: H({ 'referrer-policy': ['no-referrer'] }) })).facts).toEqual({ policy: 'no-referrer' });
    expect(frameOptionsTest(input({ headers: H({ 'content-security-policy': ["frame-ancestors 'self' https://a.example"] }) })).facts).toEqual({
      frameAncestors: "'self', https://a.example",
    });
    expect(frameOptionsTest(input({ headers: H({ 'x-frame-options': ['DENY'] }) })).facts).toEqual({ value: 'deny' });
    // A CSP without frame-ancestors leaves X-Frame-Options in force.
    expect(frameOptionsTest(input({ headers: H({ 'content-security-policy': ["default-src 'self'"], 'x-frame-options': ['DENY'] }) })).result).toBe(
      'x-frame-options-sameorigin-or-deny',
    );
  });

  it('calls exactly the four private referrer policies private', () => {
    const expected: Record<string, HeaderResult> = {
      'no-referrer': 'referrer-policy-private',
      'same-origin': 'referrer-policy-private',
      'strict-origin': 'referrer-policy-private',
      'strict-origin-when-cross-origin': 'referrer-policy-private',
      'no-referrer-when-downgrade': 'referrer-policy-unsafe',
      origin: 'referrer-policy-unsafe',
      'origin-when-cross-origin': 'referrer-policy-unsafe',
      'unsafe-url': 'referrer-policy-unsafe',
    };
    for (const [policy, result] of Object.entries(expected)) expect(referrerPolicyTest(input({ headers: H({ 'referrer-policy': [policy] }) })).result, policy).toBe(result);
  });

  it('refuses SameSite=None without Secure, as browsers do, and accepts it with Secure', () => {
    // Both -20: the SameSite problem is found first.
    expect(cookiesTest(input({ cookies: cookies('a=1; SameSite=None') }))).toMatchObject({ result: 'cookies-samesite-flag-invalid', facts: { cookies: 1, names: 'a' } });
    expect(cookiesTest(input({ cookies: cookies('a=1; SameSite=None'), headers: hsts('max-age=31536000') })).result).toBe('cookies-samesite-flag-invalid');
    expect(cookiesTest(input({ cookies: cookies('a=1; Secure; SameSite=Bogus') })).result).toBe('cookies-samesite-flag-invalid');
    expect(cookiesTest(input({ cookies: cookies('a=1; Secure; SameSite=None') })).result).toBe('cookies-secure-with-httponly-sessions-and-samesite');
    // An anti-CSRF cookie with SameSite is fine.
    expect(cookiesTest(input({ cookies: cookies('csrftoken=1; Secure; SameSite=Lax') })).result).toBe('cookies-secure-with-httponly-sessions-and-samesite');
  });

  it('lets HSTS excuse a missing Secure only on a valid https connection, with a max-age, for the hosts it covers', () => {
    const pref = cookies('pref=1; SameSite=Lax');
    const covered = 'cookies-without-secure-flag-but-protected-by-hsts';
    const notCovered = 'cookies-without-secure-flag';
    expect(cookiesTest(input({ cookies: pref, headers: hsts('max-age=31536000') })).result).toBe(covered);
    expect(cookiesTest(input({ https: false, cookies: pref, headers: hsts('max-age=31536000') })).result).toBe(notCovered);
    expect(cookiesTest(input({ certificateOk: false, cookies: pref, headers: hsts('max-age=31536000') })).result).toBe(notCovered);
    expect(cookiesTest(input({ cookies: pref, headers: hsts('max-age=0') })).result).toBe(notCovered);
    // A Domain cookie for this host needs includeSubDomains; one for a parent domain is never covered.
    const own = cookies('pref=1; SameSite=Lax; Domain=www.example.test');
    const parent = cookies('pref=1; SameSite=Lax; Domain=example.test');
    expect(cookiesTest(input({ cookies: own, headers: hsts('max-age=31536000') })).result).toBe(notCovered);
    expect(cookiesTest(input({ cookies: own, headers: hsts('max-age=31536000; includeSubDomains') })).result).toBe(covered);
    expect(cookiesTest(input({ cookies: parent, headers: hsts('max-age=31536000; includeSubDomains') })).result).toBe(notCovered);
  });

  it('takes the first of equally bad problems, lists at most five names and no empty one, and says nothing of omitted cookies that are not', () => {
    const tie = cookiesTest(input({ cookies: cookies('a=1; SameSite=Lax', 'b=1; Secure; SameSite=Bogus') }));
    expect([tie.result, tie.facts]).toEqual(['cookies-without-secure-flag', { cookies: 2, names: 'a' }]);
    const many = cookiesTest(input({ cookies: cookies('=1; SameSite=Lax', ...Array.from({ length: 7 }, (_, i) => `c${i}=1; SameSite=Lax`)) }));
    expect(many.facts).toEqual({ cookies: 8, names: 'c0, c1, c2, c3, c4' });
  });

  it('reads redirects whose URLs cannot be parsed, or that are missing, without throwing', () => {
    expect(redirectionTest(input({ hops: [] })).result).toBe('redirection-not-observed');
    expect(redirectionTest(input({ https: false, hops: [] })).result).toBe('redirection-missing');
    expect(redirectionTest(input({ https: false, hops: hops('http://www.example.test/', '::::') }))).toMatchObject({ result: 'redirection-not-to-https', facts: { redirects: 1 } });
    expect(redirectionTest(input({ hops: hops('::::', 'https://www.example.test/') }))).toMatchObject({ result: 'redirection-not-observed', facts: { redirects: 1 } });
    expect(redirectionTest(input({ hops: hops('http://www.example.test/', '::::', 'https://www.example.test/') }))).toMatchObject({
      result: 'redirection-not-to-https-on-initial-redirection',
      facts: { redirects: 2 },
    });
    // A visit that started on https shows nothing about http, however many redirects it took.
    expect(redirectionTest(input({ hops: hops('https://a.example.test/', 'https://www.example.test/') }))).toEqual({
      test: 'redirection',
      result: 'redirection-not-observed',
      points: 0,
      facts: { redirects: 1 },
    });
  });

  it('drops the finding of a test that cannot run on damaged data, and scores the rest', () => {
    const r = headerFindings(input({ cookies: null as unknown as CookieFacts[] }));
    expect(r.findings.map((f) => f.id === 'header' && f.test)).toEqual(HEADER_TESTS.filter((t) => t !== 'cookies'));
    expect(r.score.total).toBe(100 + r.findings.reduce((n, f) => n + (f.id === 'header' ? f.points : 0), 0));
  });
});

describe('scoreHeaders', () => {
  const at = (url: string, main: PageView['main'], hopUrls?: string[]) => scoreHeaders(view(url, main, hopUrls), url.startsWith('https:'), true);
  const result = (s: ReturnType<typeof scoreHeaders>, test: string) => s?.findings.find((f) => f.id === 'header' && f.test === test);

  it('reads the cookies, the redirects and the host of the view', () => {
    const s = at('https://www.example.test/', { status: 200, headers: {} });
    expect(result(s, 'cookies')).toMatchObject({ result: 'cookies-not-found' });
    expect(result(at('https://www.example.test/', { status: 200, headers: {} }, ['http://www.example.test/', 'https://www.example.test/']), 'redirection')).toMatchObject({
      result: 'redirection-to-https',
    });
    const own = at('https://www.example.test/', {
      status: 200,
      headers: { 'strict-transport-security': ['max-age=31536000; includeSubDomains'] },
      cookies: [cookieFacts('pref=1; SameSite=Lax; Domain=www.example.test')],
    });
    expect(result(own, 'cookies')).toMatchObject({ result: 'cookies-without-secure-flag-but-protected-by-hsts' });
  });

  it('scores an http view without a main document as unscored rather than failing', () => {
    const v = { ...view('http://www.example.test/', { status: 200 }), main: undefined } as unknown as PageView;
    expect(assess(v).verdict).toBe('not-encrypted');
    expect(assess(v).headerScore).toBeUndefined();
  });
});
