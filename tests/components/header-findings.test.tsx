// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { HEADER_FACTS, HeaderItem, type HeaderFinding } from '@/components/HeaderFindings';
import { Report } from '../support/report';
import { HEADER_RESULTS, HEADER_TABLE, headerFindings, type HeaderInput, type HeaderResult } from '@/utils/assess/headers';
import type { CookieFacts, PageView, SecurityHeaders } from '@/utils/page-view';
import { FIREFOX, firefoxTls, SERVER_IP, view } from '../fixtures/popup-scenarios';
import { formatMessage, readCatalogue, useLocale } from '../support/setup';

// The response-header checks as the popup shows them: the sentence for each result, in every
// language, the facts each test saw, and page-controlled values (cookie names, header values) inert.

afterEach(cleanup);

const LANGS = ['en', 'de', 'fr', 'es'] as const;
const key = (prefix: string, id: string) => `${prefix}_${id.replace(/-/g, '_')}`;
/** What the popup must show for one result, composed from the catalogue as the browser would. */
function lineFor(lang: string, result: HeaderResult): string {
  const cat = readCatalogue(lang);
  const { test, points } = HEADER_TABLE[result];
  const words = (k: string) => formatMessage(cat, k);
  return formatMessage(cat, 'finding_header', [words(key('headerTest', test)), words(key('headerResult', result)), `${points > 0 ? '+' : ''}${points}`]);
}
const finding = (result: HeaderResult, facts?: HeaderFinding['facts']): HeaderFinding => ({ id: 'header', test: HEADER_TABLE[result].test, result, points: HEADER_TABLE[result].points, ...(facts ? { facts } : {}) });
/** Any id the popup could leak: a result id, or a message key shown instead of its words. */
const RAW = new RegExp(`${HEADER_RESULTS.map((r) => r.replace(/-/g, '\\-')).join('|')}|\\b(headerResult|headerTest|headerFact|hstsProblem|value)_[A-Za-z]`);

/** The report for a page with these headers, once its header checks (loaded after the first paint) are in. */
async function page(headers: SecurityHeaders, cookies: CookieFacts[] = [], patch: Partial<PageView> = {}, asPage = false) {
  const v = view('https://shop.example/', { main: { status: 200, ip: SERVER_IP, security: firefoxTls(), headers, cookies }, ...patch });
  const { container } = render(<Report view={v} caps={FIREFOX} tabId={7} page={asPage} />);
  await waitFor(() => expect(container.querySelector('.finding-header')).not.toBeNull());
  const item = (test: string) => container.querySelector(`.finding-header.header-${test}`);
  return {
    container,
    summary: container.querySelector('details.headers > summary')?.textContent ?? '',
    line: (test: string) => item(test)?.querySelector('.line')?.textContent ?? '',
    fact: (test: string, name: string) => item(test)?.querySelector(`dd.fact-${name}`)?.textContent,
    facts: (test: string) => [...(item(test)?.querySelectorAll('dd') ?? [])].map((d) => d.className),
  };
}

const KNOWN: SecurityHeaders = {
  'strict-transport-security': ['max-age=31536000; includeSubDomains; preload'],
  'content-security-policy': ["default-src 'self'; upgrade-insecure-requests; block-all-mixed-content; frame-ancestors 'self' https://partner.example"],
  'referrer-policy': ['unsafe-url'],
  'x-content-type-options': ['nosniff'],
  'cross-origin-resource-policy': ['same-site'],
};
const SESSION_READABLE: CookieFacts = { name: 'sessionid', secure: true, httpOnly: false, sameSite: 'lax', persistent: false };

describe('a page with known headers', () => {
  it('keeps the letter grade for the tab page, where the itemised score is open', async () => {
    const p = await page(KNOWN, [SESSION_READABLE], {}, true);
    expect(p.summary).toBe('Security headers: 85 points, grade A-');
    expect(p.container.querySelector('details.headers')?.hasAttribute('open')).toBe(true);
  });

  it('shows each check with its sentence, its points and the total they add up to', async () => {
    const p = await page(KNOWN, [SESSION_READABLE]);
    // 100 + 0 + 5 - 30 - 5 + 0 + 5 + 10 + 0, by docs/header-score.md.
    // The popup gives points under "For site owners", no letter grade (it would read as the visitor's safety).
    expect(p.summary).toBe('Security headers: 85 points');
    expect(p.container.querySelector('#h-owners')?.textContent).toBe('For site owners');

    const expected: Record<string, HeaderResult> = {
      'strict-transport-security': 'hsts-implemented-max-age-at-least-six-months',
      'content-security-policy': 'csp-implemented-with-no-unsafe',
      cookies: 'cookies-session-without-httponly-flag',
      'referrer-policy': 'referrer-policy-unsafe',
      'x-content-type-options': 'x-content-type-options-nosniff',
      'x-frame-options': 'x-frame-options-implemented-via-csp',
      'cross-origin-resource-policy': 'cross-origin-resource-policy-implemented-with-same-site',
      redirection: 'redirection-not-observed',
    };
    for (const [test, result] of Object.entries(expected)) expect(p.line(test), test).toBe(lineFor('en', result));
    // The words themselves, so that a result mapped to the wrong sentence shows here too.
    expect(p.line('strict-transport-security')).toMatch(/^Strict-Transport-Security \(HSTS\) \(0\): .*six months or more.*preload list protects a very first visit/);
    expect(p.line('cookies')).toMatch(/^Cookies \(-30\): A session cookie lacks HttpOnly/);
    expect(p.line('referrer-policy')).toMatch(/\(-5\): .*full address of this page/);
  });

  it('shows the facts each test saw, in words', async () => {
    const p = await page(KNOWN, [SESSION_READABLE]);
    expect(p.fact('strict-transport-security', 'maxAge')).toBe('365 days');
    expect(p.fact('strict-transport-security', 'includeSubDomains')).toBe('yes');
    // The directive asks for the list; being on it is something no extension can see.
    expect(p.fact('strict-transport-security', 'preload')).toMatch(/^yes; whether the site is on the browser's list, Onlooker cannot tell/);
    expect(p.fact('content-security-policy', 'upgradeInsecureRequests')).toBe('yes');
    expect(p.fact('content-security-policy', 'blockAllMixedContent')).toMatch(/obsolete/);
    expect(p.fact('content-security-policy', 'frameAncestors')).toBe("'self', https://partner.example");
    expect(p.fact('content-security-policy', 'policies')).toBeUndefined();
    expect(p.fact('x-frame-options', 'frameAncestors')).toBe("'self', https://partner.example");
    expect(p.fact('cookies', 'cookies')).toBe('1');
    expect(p.fact('cookies', 'names')).toBe('sessionid');
    expect(p.fact('referrer-policy', 'policy')).toBe('unsafe-url');
    // Checks that saw nothing worth listing have no facts and no disclosure.
    expect(p.facts('cross-origin-resource-policy')).toEqual([]);
    expect(p.container.querySelector('.header-cross-origin-resource-policy details')).toBeNull();
  });

  it('names the cookies without Secure, the X-Frame-Options value and the redirects', async () => {
    const cookies: CookieFacts[] = [
      { name: 'theme', secure: false, httpOnly: false, sameSite: 'lax', persistent: true },
      { name: 'lang', secure: false, httpOnly: false, persistent: true },
      { name: 'ok', secure: true, httpOnly: true, sameSite: 'strict', persistent: true },
    ];
    const hops = [{ url: 'http://shop.example/', status: 301 }, { url: 'https://shop.example/', status: 200, ip: SERVER_IP }];
    const p = await page({ 'x-frame-options': ['SAMEORIGIN'], 'referrer-policy': ['no-referrer'] }, cookies, { hops });
    expect(p.line('cookies')).toBe(lineFor('en', 'cookies-without-secure-flag'));
    expect(p.fact('cookies', 'names')).toBe('theme, lang');
    expect(p.fact('cookies', 'cookies')).toBe('3');
    expect(p.line('x-frame-options')).toBe(lineFor('en', 'x-frame-options-sameorigin-or-deny'));
    expect(p.fact('x-frame-options', 'value')).toBe('SAMEORIGIN');
    expect(p.line('referrer-policy')).toBe(lineFor('en', 'referrer-policy-private'));
    expect(p.fact('referrer-policy', 'policy')).toBe('no-referrer');
    expect(p.line('redirection')).toBe(lineFor('en', 'redirection-to-https'));
    expect(p.fact('redirection', 'redirects')).toBe('1');
    expect(p.line('strict-transport-security')).toBe(lineFor('en', 'hsts-not-implemented'));
  });

  it('says what is wrong with a malformed HSTS header', async () => {
    const p = await page({ 'strict-transport-security': ['includeSubDomains'] });
    expect(p.line('strict-transport-security')).toBe(lineFor('en', 'hsts-header-invalid'));
    expect(p.fact('strict-transport-security', 'problem')).toBe('there is no max-age');
  });

  it.each(LANGS.filter((l) => l !== 'en'))('%s: the same checks in that language, with its numbers and words', async (lang) => {
    useLocale(lang);
    const p = await page(KNOWN, [SESSION_READABLE]);
    expect(p.line('strict-transport-security')).toBe(lineFor(lang, 'hsts-implemented-max-age-at-least-six-months'));
    expect(p.line('cookies')).toBe(lineFor(lang, 'cookies-session-without-httponly-flag'));
    expect(p.fact('strict-transport-security', 'maxAge')).toBe({ de: '365 Tage', fr: '365 jours', es: '365 días' }[lang]);
    expect(p.fact('strict-transport-security', 'includeSubDomains')).toBe({ de: 'ja', fr: 'oui', es: 'sí' }[lang]);
    expect(p.container.textContent).not.toMatch(RAW);
    expect(p.container.textContent).not.toMatch(/\b(yes|days|Remembered for)\b/);
  });
});

describe('no raw result id can be shown', () => {
  it.each(LANGS)('%s: every result has its own sentence', (lang) => {
    useLocale(lang);
    const seen = new Set<string>();
    for (const result of HEADER_RESULTS) {
      const { container } = render(<ul><HeaderItem f={finding(result)} /></ul>);
      const text = container.textContent ?? '';
      expect(text, result).toBe(lineFor(lang, result));
      expect(text, result).not.toMatch(RAW);
      seen.add(text);
      cleanup();
    }
    // No two results share their words.
    expect(seen.size).toBe(HEADER_RESULTS.length);
  });

  it('a result or test the catalogue does not know reads "unknown", never the id', () => {
    const { container } = render(<ul><HeaderItem f={{ id: 'header', test: 'made-up-test' as never, result: 'made-up-result', points: -5 }} /></ul>);
    expect(container.textContent).toBe('unknown (-5): unknown');
    expect(container.textContent).not.toMatch(/made-up/);
  });
});

describe('facts', () => {
  const INPUT: HeaderInput = { https: true, certificateOk: true, headers: {}, cookies: [], cookiesOmitted: 0, hops: [], host: 'shop.example' };
  const INPUTS: HeaderInput[] = [
    {
      ...INPUT,
      headers: {
        'strict-transport-security': ['max-age=100'],
        'content-security-policy': ["script-src 'self'; script-src 'none'; frame-ancestors 'self'", "default-src 'self'"],
        'referrer-policy': ['strict-origin'],
      },
      cookies: [{ name: 'a', secure: false, httpOnly: false, persistent: true }],
      cookiesOmitted: 3,
      hops: [{ url: 'http://shop.example/' }, { url: 'https://shop.example/' }],
    },
    { ...INPUT, headers: { 'strict-transport-security': ['max-age=1; max-age=2'], 'x-frame-options': ['DENY'] } },
  ];

  it('every fact a header test reports has a label and is shown', () => {
    const reported = new Set<string>();
    for (const input of INPUTS) {
      for (const f of headerFindings(input).findings) {
        if (f.id !== 'header') continue;
        for (const name of Object.keys(f.facts ?? {})) reported.add(name);
        const { container } = render(<ul><HeaderItem f={f} /></ul>);
        for (const name of Object.keys(f.facts ?? {})) {
          expect(Object.keys(HEADER_FACTS), name).toContain(name);
          const dd = container.querySelector(`dd.fact-${name}`);
          // Shown unless it says nothing here (one policy, no omitted cookie, block-all-mixed-content off).
          if (dd) expect((dd.previousElementSibling?.textContent ?? '').length, name).toBeGreaterThan(0);
        }
        expect(container.textContent).not.toMatch(RAW);
        cleanup();
      }
    }
    expect([...reported].sort()).toEqual(expect.arrayContaining(['cookies', 'duplicates', 'frameAncestors', 'maxAge', 'names', 'omitted', 'policies', 'policy', 'problem', 'redirects', 'value']));
  });

  it('shows several policies, repeated directives and unexamined cookies', () => {
    const shown = (f: HeaderFinding, name: string) => {
      const { container } = render(<ul><HeaderItem f={f} /></ul>);
      const text = container.querySelector(`dd.fact-${name}`)?.textContent;
      cleanup();
      return text;
    };
    const found = headerFindings(INPUTS[0]!).findings.filter((f): f is HeaderFinding => f.id === 'header');
    const csp = found.find((f) => f.test === 'content-security-policy')!;
    expect(shown(csp, 'policies')).toBe('2');
    expect(shown(csp, 'duplicates')).toBe('script-src');
    const cookies = found.find((f) => f.test === 'cookies')!;
    expect(shown(cookies, 'cookies')).toBe('4');
    expect(shown(cookies, 'omitted')).toBe('3');
    expect(shown(finding('hsts-header-invalid', { problem: 'duplicate-directive' }), 'problem')).toBe('a directive appears twice');
  });

  it('says max-age in days, or in seconds under a day, counted as each language counts', () => {
    const maxAge = (seconds: number) => {
      const { container } = render(<ul><HeaderItem f={finding('hsts-implemented-max-age-less-than-six-months', { maxAge: seconds, includeSubDomains: false, preload: false })} /></ul>);
      const text = container.querySelector('dd.fact-maxAge')?.textContent?.replace(/\u00a0|\u202f/g, ' ');
      cleanup();
      return text;
    };
    expect(maxAge(86_400)).toBe('1 day');
    expect(maxAge(15_552_000)).toBe('180 days');
    expect(maxAge(86_399)).toBe('86,399 seconds');
    expect(maxAge(1)).toBe('1 second');
    expect(maxAge(0)).toBe('0 seconds');
    useLocale('de');
    expect(maxAge(86_399)).toBe('86.399 Sekunden');
    expect(maxAge(86_400)).toBe('1 Tag');
    useLocale('fr');
    // French counts 0 and 1 as one.
    expect(maxAge(0)).toBe('0 seconde');
    expect(maxAge(2 * 86_400)).toBe('2 jours');
    useLocale('es');
    expect(maxAge(1)).toBe('1 segundo');
  });

  it('ignores facts of the wrong type rather than showing them', () => {
    const odd = finding('hsts-implemented-max-age-at-least-six-months', { maxAge: 'forever', includeSubDomains: 'sure', preload: 7, unknownFact: 'x' } as never);
    const { container } = render(<ul><HeaderItem f={odd} /></ul>);
    expect(container.querySelector('dl')).toBeNull();
    expect(container.textContent).not.toMatch(/forever|sure|unknownFact/);
  });
});

describe('page-controlled values stay inert', () => {
  const HOSTILE = ['<img src=x onerror=alert(1)>', 'evil\u202Egpj.exe', 'zero\u200Bwidth\u2066', `long${'x'.repeat(300)}`];

  /** No element or attribute came from a value: only the report's own markup. */
  function expectNoInjectedMarkup(root: Element) {
    expect(root.querySelectorAll('img, script, iframe, object, b').length).toBe(0);
    for (const el of root.querySelectorAll('*')) for (const a of el.getAttributeNames()) expect(a, el.tagName).not.toMatch(/^on/);
  }

  it('cookie names are shown as text, unsafe characters visible, long ones clipped', async () => {
    const cookies = HOSTILE.map((name): CookieFacts => ({ name, secure: false, httpOnly: false, persistent: true }));
    const p = await page({}, cookies);
    expectNoInjectedMarkup(p.container);
    const dd = p.container.querySelector('.header-cookies dd.fact-names')!;
    const text = dd.textContent ?? '';
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(text).toContain('evil\uFFFDgpj.exe');
    expect(text).toContain('zero\uFFFDwidth\uFFFD');
    expect(p.container.textContent).not.toMatch(/[\u202E\u200B\u2066]/);
    // The list is clipped on screen, and the whole of it is one keypress away, still as text.
    expect(dd.querySelector('bdi.inert')?.textContent).toMatch(/…$/);
    const more = dd.querySelector('button.more')!;
    fireEvent.click(more);
    expect(dd.querySelector('bdi.inert')?.textContent).toMatch(/xxxx$/);
    expectNoInjectedMarkup(p.container);
  });

  it('header values (frame-ancestors) are shown as text', async () => {
    const p = await page({ 'content-security-policy': ["default-src 'self'; frame-ancestors https://a.example <svg/onload=alert(1)> <b>bold</b>"] });
    expectNoInjectedMarkup(p.container);
    expect(p.container.querySelectorAll('svg[onload]').length).toBe(0);
    expect(p.fact('x-frame-options', 'frameAncestors')).toBe('https://a.example, <svg/onload=alert(1)>, <b>bold</b>');
  });

  it('facts that did not pass through the parsers are made inert too', () => {
    const f = finding('x-frame-options-sameorigin-or-deny', { value: '<b>deny</b>\u202E' });
    const g = finding('x-frame-options-implemented-via-csp', { frameAncestors: 'https://x\u202Eexe.example \u2066' });
    const { container } = render(<ul><HeaderItem f={f} /><HeaderItem f={g} /></ul>);
    expectNoInjectedMarkup(container);
    expect(container.querySelector('dd.fact-value')?.textContent).toBe('<B>DENY</B>\uFFFD');
    expect(container.querySelector('dd.fact-frameAncestors')?.textContent).toBe('https://x\uFFFDexe.example \uFFFD');
  });
});

describe('the header words never overclaim', () => {
  const ours = (lang: string) => Object.entries(readCatalogue(lang)).filter(([k]) => /^(headerResult|headerFact|hstsProblem)_|^value_(yes|no|preloadAsked|obsoleteYes|days|seconds)/.test(k));

  it('claim no privacy, anonymity or safety, in English', () => {
    const words = ours('en').map(([, e]) => e.message).join('\n');
    expect(words).not.toMatch(/anonym|\bprivate\b|privacy|\bhidden\b|\bhides?\b/i);
    expect(words).not.toMatch(/you are safe|completely secure|fully protected|third parties cannot|prevents? third parties|secures? the (site|page)/i);
  });

  it.each(LANGS)('%s: claims no anonymity, and a good HSTS still leaves the first visit to the preload list', (lang) => {
    const cat = readCatalogue(lang);
    for (const [k, e] of ours(lang)) expect(e.message, k).not.toMatch(/anonym|anónim/i);
    const hsts = cat.headerResult_hsts_implemented_max_age_at_least_six_months!.message;
    expect(hsts).toMatch({ en: /preload list/, de: /Preload-Liste/, fr: /liste de préchargement/, es: /lista de precarga/ }[lang]);
    // upgrade-insecure-requests upgrades the page's HTTP requests to HTTPS; it does not make the site secure.
    const upgrade = cat.headerFact_upgradeInsecureRequests!.message;
    expect(upgrade).toMatch(/\bHTTP\b.*\bHTTPS\b|\bHTTPS\b.*\bHTTP\b/);
    expect(upgrade).toMatch(/\(upgrade-insecure-requests\)$/);
  });
});
